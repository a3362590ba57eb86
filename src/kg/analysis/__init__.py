"""Stage 5, analysis: reads the store through SPARQL; writes comparisons, city-pair diffs,
networks, the hierarchy, checks and exports (DataFrames, rows, files).
Imports only store, graph, extract and the foundation.
"""

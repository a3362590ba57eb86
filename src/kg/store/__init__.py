"""Stage 4, store: reads the built N-Quads; writes the embedded Oxigraph store, or loads an
external SPARQL 1.1 server, and answers SPARQL (named queries in ``store/queries/*.rq``).
Imports only graph (for :mod:`kg.graph.ns`) and the foundation.
"""

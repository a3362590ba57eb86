"""Stage 3, graph: reads extraction records; writes RDF (one named graph per document, terms
from ``ontology/`` through :mod:`kg.graph.ns`), links units and indicators, checks SHACL.
Imports only extract, ingest and the foundation.
"""

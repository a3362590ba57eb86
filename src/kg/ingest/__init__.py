"""Stage 1, ingest: reads the manifest (sources.toml), the errata and each source file; writes
the decoded text and what the text says about itself. Imports only the foundation
(:mod:`kg.errors`, :mod:`kg.model`, :mod:`kg.paths`).
"""

from kg.ingest.manifest import ErratumEntry, find_erratum_spans, load_errata, load_manifest
from kg.ingest.metadata import crosscheck, extract_metadata, normalize_doc_number
from kg.ingest.text import DecodedText, check_structure, read_source_text

__all__ = [
    "DecodedText",
    "ErratumEntry",
    "check_structure",
    "crosscheck",
    "extract_metadata",
    "find_erratum_spans",
    "load_errata",
    "load_manifest",
    "normalize_doc_number",
    "read_source_text",
]

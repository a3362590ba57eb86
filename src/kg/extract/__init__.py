"""Stage 2, extract: reads a document's text (from ingest); writes records (:mod:`kg.model`):
targets, deadlines, tasks and their responsible units, with [start, end) offsets into the text.
Rule data is in ``extract/data/*.toml``. Imports only ingest and the foundation.
"""

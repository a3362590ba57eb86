"""Reader tests. A package, so that its conftest is ``readers.conftest`` and does not shadow
the top-level ``conftest`` that other test modules import helpers from."""

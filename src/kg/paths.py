"""Where the ontology, the ingest data and the built data live.

The ontology and the ingest folder sit at the repository root during development (editable
install) and inside the package (``kg/_data``) in a wheel; both are looked up here, once.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_REPO = _PACKAGE.parents[1]


def _first_existing(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _REPO / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the {name}/ folder is missing from {_PACKAGE} and {_REPO}")


def ontology_dir() -> Path:
    return _first_existing("ontology")


def ingest_dir() -> Path:
    """The corpus folder: $KG_INGEST, else ingest/ of the checkout (or the packaged sample)."""
    env = os.environ.get("KG_INGEST")
    if env:
        return Path(env)
    return _first_existing("ingest")


def rules_dir() -> Path:
    return _PACKAGE / "extract" / "data"


def queries_dir() -> Path:
    return _PACKAGE / "store" / "queries"


def data_dir(ingest: Path | None = None) -> Path:
    """The build output folder: $KG_DATA_DIR; else, for a corpus folder of one's own
    (``ingest`` given, or $KG_INGEST), its data/ subfolder; else ./data under the repository
    or the current directory."""
    env = os.environ.get("KG_DATA_DIR")
    if env:
        return Path(env)
    corpus = ingest or (Path(os.environ["KG_INGEST"]) if os.environ.get("KG_INGEST") else None)
    if corpus is not None:
        return corpus / "data"
    if (_REPO / "pyproject.toml").is_file():
        return _REPO / "data"
    return Path.cwd() / "data"

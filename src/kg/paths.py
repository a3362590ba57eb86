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
    return _first_existing("ingest")


def rules_dir() -> Path:
    return _PACKAGE / "extract" / "data"


def queries_dir() -> Path:
    return _PACKAGE / "store" / "queries"


def data_dir() -> Path:
    """The build output folder: $KG_DATA_DIR, else ./data under the repository or cwd."""
    env = os.environ.get("KG_DATA_DIR")
    if env:
        return Path(env)
    if (_REPO / "pyproject.toml").is_file():
        return _REPO / "data"
    return Path.cwd() / "data"

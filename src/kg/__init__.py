"""policy-kg: a comparative knowledge graph of Chinese municipal health-policy documents.

For notebooks: ``import kg; g = kg.load()`` opens the built graph (building it if missing);
``g.compare(...)``, ``g.diff(...)``, ``g.tasks(...)``, ``g.targets(...)`` and ``g.query(...)``
return pandas DataFrames.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.workbench import Workbench

__all__ = ["load"]


def load(*, data_dir: Path | None = None, build_if_missing: bool = True) -> Workbench:
    """The built graph as a Workbench of DataFrames (see :mod:`kg.workbench`)."""
    from kg.workbench import load as _load

    return _load(data_dir=data_dir, build_if_missing=build_if_missing)

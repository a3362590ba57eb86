"""The package layout is the architecture: stages import only earlier stages, and
docs/architecture.md names only modules that exist."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "kg"
ARCHITECTURE = ROOT / "docs" / "architecture.md"

# Stage order: a module may import its own stage and those listed before it.
STAGES = ["foundation", "ingest", "extract", "graph", "store", "analysis", "service", "top"]
FOUNDATION = {"errors", "model", "paths"}


def _stage(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "top"
    if parts[1] in FOUNDATION:
        return "foundation"
    if parts[1] in STAGES:
        return parts[1]
    return "top"


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every ``kg`` module a file imports, at module level or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "kg")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] != "kg":
                continue
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                is_module = (PACKAGE.parent / Path(*candidate.split("."))).with_suffix(".py")
                package = PACKAGE.parent / Path(*candidate.split(".")) / "__init__.py"
                found.add(candidate if is_module.exists() or package.exists() else node.module)
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_architecture_no_module_imports_a_later_stage(path: Path) -> None:
    module = _module_name(path)
    own = STAGES.index(_stage(module))
    later = sorted(i for i in _imports(path) if STAGES.index(_stage(i)) > own)
    assert not later, f"{module} ({_stage(module)}) imports later stage(s): {later}"


def test_architecture_no_import_cycles_between_modules() -> None:
    import networkx as nx

    graph = nx.DiGraph()
    for path in MODULES:
        module = _module_name(path)
        for imported in _imports(path):
            if imported != module and not module.startswith(imported + "."):
                graph.add_edge(module, imported)
    cycles = [c for c in nx.simple_cycles(graph) if len(c) > 1]
    assert not cycles, f"import cycles: {cycles}"


def test_architecture_doc_names_only_existing_modules() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    named = set(re.findall(r"`(kg(?:\.[a-z_]+)+)`", text))
    paths = set(re.findall(r"`((?:src/kg|api|ontology|ingest|tests|scripts)/[\w./*-]+)`", text))
    assert len(named) >= 20, "the architecture doc should name the modules of every stage"
    missing = sorted(m for m in named if not _exists(m))
    assert not missing, f"docs/architecture.md names modules that do not exist: {missing}"
    missing_paths = sorted(p for p in paths if not list(ROOT.glob(p)))
    assert not missing_paths, f"docs/architecture.md names paths that do not exist: {missing_paths}"


def _exists(dotted: str) -> bool:
    base = PACKAGE.parent / Path(*dotted.split("."))
    if base.with_suffix(".py").exists() or (base / "__init__.py").exists():
        return True
    # a name inside a module: kg.extract.rules.quantity_rules
    parent = base.parent.with_suffix(".py")
    return parent.exists() and re.search(rf"\b{base.name}\b", parent.read_text()) is not None

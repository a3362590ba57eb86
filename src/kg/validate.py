"""SHACL check of a built dataset against ontology/shapes.ttl.

The shapes are the contract the API, the queries and the exports rely on; a graph that breaks
them is refused at build time, with each violation named, rather than served half-right.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import BNode, Dataset, Graph, Literal
from rdflib.term import Node

from kg.errors import RuleDataError, ValidationError
from kg.ns import PREFIXES, RDF, SH
from kg.paths import ontology_dir

MAX_REPORTED = 20
SHAPES_IRI = "https://w3id.org/policy-kg/shapes#"


@dataclass(frozen=True)
class Violation:
    focus: str  # the node that breaks the contract
    path: str | None  # the property concerned, if any
    shape: str  # the shape (or constraint component) that failed
    message: str
    value: str | None = None

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value {self.value})" if self.value is not None else ""
        return f"{self.focus}{where} [{self.shape}]: {self.message}{value}"


@cache
def _shapes(path: Path, mtime_ns: int) -> Graph:
    try:
        return Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several unrelated parser exception types
        raise RuleDataError(
            f"{path} does not parse as Turtle: {exc}", fix="repair the shapes file's syntax"
        ) from exc


def shapes_graph() -> Graph:
    path = ontology_dir() / "shapes.ttl"
    return _shapes(path, path.stat().st_mtime_ns)


def _union(dataset: Dataset) -> Graph:
    """All named graphs as one graph: shapes need the ontology and common nodes as well."""
    union = Graph()
    for prefix, namespace in {**PREFIXES, "polsh": SHAPES_IRI}.items():
        union.bind(prefix, namespace)
    union.store.addN((s, p, o, union) for s, p, o, _ in dataset.quads((None, None, None, None)))
    return union


def _show(graph: Graph, node: Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, Literal):
        return repr(str(node))
    try:
        return graph.namespace_manager.normalizeUri(node)  # type: ignore[arg-type]
    except Exception:  # not every IRI has a prefixed form
        return node.n3()


def _shape_name(data: Graph, report: Graph, result: Node) -> str:
    """Named shape, or for an anonymous property shape its node shape + constraint component."""
    shape = report.value(result, SH.sourceShape)
    component = _show(data, report.value(result, SH.sourceConstraintComponent)) or "?"
    if isinstance(shape, BNode):
        owner = shapes_graph().value(predicate=SH.property, object=shape)
        return f"{_show(data, owner)} {component}" if owner is not None else component
    return _show(data, shape) or component


def find_violations(dataset: Dataset) -> list[Violation]:
    """Every SHACL violation of the dataset, sorted by focus node then path (stable output)."""
    data = _union(dataset)
    conforms, report, _ = shacl_validate(
        data, shacl_graph=shapes_graph(), inference="none", allow_warnings=True
    )
    if conforms:
        return []
    assert isinstance(report, Graph)
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if report.value(result, SH.resultSeverity) != SH.Violation:
            continue
        focus = report.value(result, SH.focusNode)
        value = report.value(result, SH.value)
        found.append(
            Violation(
                focus=_show(data, focus) or "?",
                path=_show(data, report.value(result, SH.resultPath)),
                shape=_shape_name(data, report, result),
                message=str(report.value(result, SH.resultMessage) or "violates the shape"),
                value=_show(data, value) if value != focus else None,
            )
        )
    return sorted(set(found), key=lambda v: (v.focus, v.path or "", v.shape, v.message))


def validate(dataset: Dataset) -> None:
    """Raise ValidationError listing the first violations, each with node, property and why."""
    violations = find_violations(dataset)
    if not violations:
        return
    shown = "\n".join(f"  - {v}" for v in violations[:MAX_REPORTED])
    more = len(violations) - MAX_REPORTED
    tail = f"\n  … and {more} more" if more > 0 else ""
    raise ValidationError(
        f"The built graph breaks {len(violations)} SHACL constraint(s) of ontology/shapes.ttl:\n"
        f"{shown}{tail}\n",
        fix="each node's IRI names the document and record that produced it; correct that "
        "record in the extractor output (or the erratum), or the shape if the contract changed, "
        "then rebuild",
    )

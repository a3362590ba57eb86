"""SHACL check of a built dataset against ontology/shapes.ttl.

The shapes are the contract the API, the queries and the exports rely on; a graph that breaks
them is refused at build time, with each violation named, rather than served half-right.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import RuleDataError, ValidationError
from kg.graph.ns import COMMON_GRAPH, ELI, ONTOLOGY_GRAPH, PREFIXES, RDF, SH
from kg.graph.shapes_check import Checker, Unsupported, Unsure, compile_shapes
from kg.paths import ontology_dir

MAX_REPORTED = 20
Triple = tuple[Node, Node, Node]
_DOC_TYPES = (ELI.LegalResource,)  # what eli:cites needs of a document in another graph
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


@cache
def _checker(path: Path, mtime_ns: int) -> Checker | None:
    try:
        return compile_shapes(_shapes(path, mtime_ns))
    except Unsupported:  # SHACL beyond the compiled subset: pyshacl checks every graph
        return None


def _surely_conforms(triples: list[Triple]) -> bool:
    """The compiled checks' answer when it is yes; pyshacl decides every other graph."""
    path = ontology_dir() / "shapes.ttl"
    checker = _checker(path, path.stat().st_mtime_ns)
    try:
        return checker is not None and checker.conforms(triples)
    except Unsure:
        return False


def _new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in {**PREFIXES, "polsh": SHAPES_IRI}.items():
        graph.bind(prefix, namespace)
    return graph


def _named_graphs(data: Dataset | Mapping[URIRef, list[Triple]]) -> dict[URIRef, list[Triple]]:
    if isinstance(data, Dataset):
        return {
            g.identifier: list(g)
            for g in data.graphs()
            if len(g) and isinstance(g.identifier, URIRef)
        }
    return dict(data)


def _partitions(dataset: Dataset | Mapping[URIRef, list[Triple]]) -> Iterator[list[Triple]]:
    """One data graph per document, each with the shared graphs it refers to.

    Shapes are local to a document (its targets, measures, notes) plus the shared nodes it
    points at (organisations, jurisdictions, ontology terms, the types of documents it
    cites); validating document by document keeps memory and time linear in the corpus.
    """
    graphs = _named_graphs(dataset)
    shared_names = {COMMON_GRAPH, ONTOLOGY_GRAPH}
    shared = [t for name in shared_names for t in graphs.get(name, [])]
    documents = [triples for name, triples in graphs.items() if name not in shared_names]
    directory = [
        t for triples in documents for t in triples if t[1] == RDF.type and t[2] in _DOC_TYPES
    ]
    yield shared
    for triples in documents:
        yield [*shared, *directory, *triples]


def _graph_of(triples: list[tuple[Node, Node, Node]]) -> Graph:
    graph = _new_graph()
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph


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


_PARTS: list[list[Triple]] = []  # handed to forked workers by inheritance, not by pickling


def _violations_of_part(index: int) -> set[Violation]:
    return _triples_violations(_PARTS[index])


def find_violations(
    dataset: Dataset | Mapping[URIRef, list[Triple]], *, workers: int | None = None
) -> list[Violation]:
    """Every SHACL violation of the dataset, sorted by focus node then path (stable output).

    Documents are validated in parallel on the machine's cores where fork is available.
    """
    parts = list(_partitions(dataset))
    workers = min(workers or os.cpu_count() or 1, len(parts))
    found: set[Violation] = set()
    if workers > 1 and "fork" in mp.get_all_start_methods():
        _PARTS[:] = parts
        try:
            with mp.get_context("fork").Pool(workers) as pool:
                for result in pool.imap_unordered(_violations_of_part, range(len(parts))):
                    found |= result
        finally:
            _PARTS.clear()
    else:
        for part in parts:
            found |= _triples_violations(part)
    return sorted(found, key=lambda v: (v.focus, v.path or "", v.shape, v.message))


def _violations(data: Graph) -> set[Violation]:
    conforms, report, _ = shacl_validate(
        data, shacl_graph=shapes_graph(), inference="none", allow_warnings=True
    )
    if conforms:
        return set()
    assert isinstance(report, Graph)
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if report.value(result, SH.resultSeverity) != SH.Violation:
            continue
        focus = report.value(result, SH.focusNode)
        value = report.value(result, SH.value)
        found.add(
            Violation(
                focus=_show(data, focus) or "?",
                path=_show(data, report.value(result, SH.resultPath)),
                shape=_shape_name(data, report, result),
                message=str(report.value(result, SH.resultMessage) or "violates the shape"),
                value=_show(data, value) if value != focus else None,
            )
        )
    return found


def _triples_violations(triples: list[Triple]) -> set[Violation]:
    return set() if _surely_conforms(triples) else _violations(_graph_of(triples))


def find_triples_violations(triples: Iterable[Triple]) -> list[Violation]:
    """Every SHACL violation of one partition (a document with its context, or graph/common)."""
    found = _triples_violations(list(triples))
    return sorted(found, key=lambda v: (v.focus, v.path or "", v.shape, v.message))


def raise_violations(violations: list[Violation]) -> None:
    """Raise ValidationError listing the first violations, each with node, property and why."""
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


def validate(dataset: Dataset | Mapping[URIRef, list[Triple]]) -> None:
    """Raise ValidationError listing the first violations, each with node, property and why."""
    raise_violations(find_violations(dataset))

"""The compiled shapes check: it decides as pyshacl does, on every graph it decides at all."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.graph.build import document_graph, validation_context
from kg.graph.indicators import link_curated
from kg.graph.ns import RDF
from kg.graph.shapes_check import Checker, Unsupported, Unsure, compile_shapes
from kg.graph.validate import _graph_of, _violations, find_triples_violations, shapes_graph
from kg.model import ExtractedDocument

Triple = tuple[Node, Node, Node]


def _partition(doc: ExtractedDocument) -> list[Triple]:
    """A document's graph with what SHACL needs of the rest, as kg.shards checks it."""
    link_curated(doc)
    triples, summary, orgs = document_graph(doc)
    return [*triples, *validation_context(summary, triples, orgs=orgs)]


def _changed(o: Node) -> Node:
    if isinstance(o, Literal):
        return Literal(f"{o}9", datatype=o.datatype, lang=o.language)
    return URIRef(f"{o}-other")


def _mutations(triples: list[Triple]) -> Iterator[tuple[str, list[Triple]]]:
    """Each kind of break, applied to one triple of every (predicate, subject type): the
    triple removed, its object replaced by a plain string or an unknown IRI, a second object."""
    types: dict[Node, str] = {}
    for s, p, o in sorted(triples):
        if p == RDF.type:
            types.setdefault(s, str(o))
    seen: set[tuple[Node, str]] = set()
    for i, (s, p, o) in enumerate(sorted(triples, key=lambda t: tuple(x.n3() for x in t))):
        kind = types.get(s, "")
        if (p, kind) in seen and p != RDF.type:
            continue
        seen.add((p, kind))
        rest = [t for t in triples if t != (s, p, o)]
        yield f"{i} without {p} of a {kind}", rest
        if p == RDF.type:
            continue
        yield f"{i} {p} of a {kind} as a plain string", [*rest, (s, p, Literal("x"))]
        yield f"{i} {p} of a {kind} as an unknown IRI", [*rest, (s, p, URIRef("urn:x:unknown"))]
        yield f"{i} {p} of a {kind} twice", [*triples, (s, p, _changed(o))]


def _verdict(checker: Checker, triples: list[Triple]) -> bool | None:
    try:
        return checker.conforms(triples)
    except Unsure:
        return None


def test_shapes_check_compiles_the_project_shapes() -> None:
    compile_shapes(shapes_graph())


@pytest.mark.filterwarnings("ignore:Parsing weird boolean")  # "true9", a break on purpose
def test_shapes_check_agrees_with_pyshacl_on_every_break_of_a_document(
    qingdao_doc: ExtractedDocument,
) -> None:
    checker = compile_shapes(shapes_graph())
    verdicts: list[tuple[str, bool | None, bool]] = []
    for name, triples in _mutations(_partition(qingdao_doc)):
        conforms = not _violations(_graph_of(triples))
        verdicts.append((name, _verdict(checker, triples), conforms))
    wrong = [(name, mine, theirs) for name, mine, theirs in verdicts if mine not in (None, theirs)]
    assert wrong == []
    unsure = [name for name, mine, _ in verdicts if mine is None]
    assert len(unsure) <= len(verdicts) // 10, unsure  # decided nearly always
    breaking = sum(not theirs for _, _, theirs in verdicts)
    assert len(verdicts) // 3 <= breaking < len(verdicts)  # the breaks do break shapes


def test_shapes_check_finds_the_corpus_documents_conform(
    corpus_docs: dict[str, ExtractedDocument],
) -> None:
    checker = compile_shapes(shapes_graph())
    assert all(checker.conforms(_partition(doc)) for doc in corpus_docs.values())


def test_shapes_check_leaves_a_broken_graph_to_pyshacl_for_the_report(
    qingdao_doc: ExtractedDocument,
) -> None:
    triples = _partition(qingdao_doc)
    target = next(s for s, p, o in triples if p == RDF.type and str(o).endswith("#Target"))
    broken = [t for t in triples if not (t[0] == target and str(t[1]).endswith("#comparator"))]
    (violation,) = find_triples_violations(broken)
    assert violation.path == "pol:comparator"
    assert violation.message == "pol:comparator must be one of >=, <=, >, <, =, range"


@pytest.mark.parametrize("constraint", ["sh:maxLength 3", "sh:not [ sh:minCount 1 ]"])
def test_shapes_check_refuses_shacl_it_does_not_implement(constraint: str) -> None:
    shapes = Graph().parse(
        data=f"""@prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ;
            sh:property [ sh:path <urn:p> ; {constraint} ] .""",
        format="turtle",
    )
    with pytest.raises(Unsupported):
        compile_shapes(shapes)

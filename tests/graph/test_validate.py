from __future__ import annotations

import dataclasses

import pytest
from rdflib import Dataset, Literal

from kg.errors import ValidationError
from kg.graph import ns
from kg.graph.build import build_dataset, document_graph, validation_context
from kg.graph.link import canonical_org
from kg.graph.ns import POL, RDF, RDFS, SH, SKOS
from kg.graph.validate import (
    MAX_REPORTED,
    find_triples_violations,
    find_violations,
    shapes_graph,
    validate,
)
from kg.model import ExtractedDocument

QD = "qingdao-test"


def _build(docs: list[ExtractedDocument]) -> Dataset:
    return build_dataset(docs, software_version="0.1.0")


def _message(ds: Dataset) -> str:
    with pytest.raises(ValidationError) as info:
        validate(ds)
    return str(info.value)


def test_validate_fixture_graph_conforms(tiny_docs: list[ExtractedDocument]) -> None:
    ds = _build(tiny_docs)
    assert find_violations(ds) == []
    validate(ds)


def test_validate_range_without_value_max_names_the_node(qingdao_doc: ExtractedDocument) -> None:
    qingdao_doc.targets[2].value_max = None
    message = _message(_build([qingdao_doc]))
    assert str(ns.target_iri(QD, 3)) in message
    assert "valueMax" in message and "range" in message
    assert "Fix:" in message


def test_validate_value_max_without_range_fails(qingdao_doc: ExtractedDocument) -> None:
    qingdao_doc.targets[0].value_max = 8
    (violation,) = find_violations(_build([qingdao_doc]))
    assert violation.focus == f"<{ns.target_iri(QD, 1)}>"
    assert "valueMax" in violation.message


def test_validate_reversed_range_fails(qingdao_doc: ExtractedDocument) -> None:
    qingdao_doc.targets[2].value = 20
    (violation,) = find_violations(_build([qingdao_doc]))
    assert violation.path == "pol:value"
    assert "reversed" in violation.message


def test_validate_unknown_comparator_and_kind_fail(qingdao_doc: ExtractedDocument) -> None:
    qingdao_doc.targets[0].comparator = "≥"  # type: ignore[assignment]
    qingdao_doc.targets[0].kind = "goal"  # type: ignore[assignment]
    paths = {v.path for v in find_violations(_build([qingdao_doc]))}
    assert {"pol:comparator", "pol:kind"} <= paths


def test_validate_target_outside_every_clause_fails(qingdao_doc: ExtractedDocument) -> None:
    qingdao_doc.clauses = [c for c in qingdao_doc.clauses if c.index != 1]
    violations = find_violations(_build([qingdao_doc]))
    assert [(v.focus, v.path) for v in violations] == [
        (f"<{ns.target_iri(QD, 1)}>", "prov:wasDerivedFrom")
    ]


def test_validate_empty_target_span_fails(qingdao_doc: ExtractedDocument) -> None:
    t = qingdao_doc.targets[0]
    qingdao_doc.targets[0] = dataclasses.replace(t, end=t.start, quote="")
    focus = {v.focus for v in find_violations(_build([qingdao_doc]))}
    assert f"<{ns.target_iri(QD, 1)}>" in focus


def test_validate_bad_deadline_date_fails(qingdao_doc: ExtractedDocument) -> None:
    qingdao_doc.targets[0].deadline = "2025-13-45"
    paths = {v.path for v in find_violations(_build([qingdao_doc]))}
    assert "pol:deadline" in paths


def test_validate_organisation_needs_an_english_label(qingdao_doc: ExtractedDocument) -> None:
    ds = _build([qingdao_doc])
    org = canonical_org("市医保局", jurisdiction="qingdao").iri
    common = ds.graph(ns.COMMON_GRAPH)
    common.remove((org, SKOS.prefLabel, None))
    common.add((org, SKOS.prefLabel, Literal("青岛市医保局", lang="zh")))
    (violation,) = find_violations(ds)
    assert violation.focus == f"<{org}>"
    assert "@en" in violation.message


def test_validate_responsibility_order_must_be_positive(qingdao_doc: ExtractedDocument) -> None:
    ds = _build([qingdao_doc])
    graph = ds.graph(ns.graph_iri(QD))
    node = ns.responsibility_iri(ns.measure_iri(QD, "一(二)"), "lead", 1)
    graph.set((node, POL.order, Literal(0)))
    (violation,) = find_violations(ds)
    assert (violation.focus, violation.path) == (f"<{node}>", "pol:order")


def test_validate_organisation_function_must_be_in_the_scheme(
    qingdao_doc: ExtractedDocument,
) -> None:
    ds = _build([qingdao_doc])
    org = canonical_org("市医保局", jurisdiction="qingdao").iri
    ds.graph(ns.COMMON_GRAPH).set((org, POL.function, ns.function_iri("astrology")))
    found = {(v.focus, v.path) for v in find_violations(ds)}
    assert (f"<{org}>", "pol:function") in found


def test_validate_message_lists_at_most_twenty(qingdao_doc: ExtractedDocument) -> None:
    ds = _build([qingdao_doc])
    graph = ds.graph(ns.graph_iri(QD))
    graph.remove((None, POL.startOffset, None))
    graph.remove((None, POL.text, None))
    total = len(find_violations(ds))
    assert total > MAX_REPORTED
    message = _message(ds)
    assert message.count("\n  - ") == MAX_REPORTED
    assert f"and {total - MAX_REPORTED} more" in message


def _range_without_max(doc: ExtractedDocument) -> None:
    doc.targets[2].value_max = None


def _unknown_comparator(doc: ExtractedDocument) -> None:
    doc.targets[0].comparator = "≥"  # type: ignore[assignment]


def _outside_every_clause(doc: ExtractedDocument) -> None:
    doc.clauses = [c for c in doc.clauses if c.index != 1]


def _bad_deadline(doc: ExtractedDocument) -> None:
    doc.targets[0].deadline = "2025-13-45"


@pytest.mark.parametrize(
    "breakage", [_range_without_max, _unknown_comparator, _outside_every_clause, _bad_deadline]
)
def test_validate_a_document_alone_finds_what_the_whole_graph_check_finds(
    qingdao_doc: ExtractedDocument, xiamen_doc: ExtractedDocument, breakage
) -> None:
    breakage(qingdao_doc)
    whole = find_violations(_build([qingdao_doc, xiamen_doc]))
    alone = []
    for doc in (qingdao_doc, xiamen_doc):
        triples, summary, orgs = document_graph(doc)
        alone += find_triples_violations(
            [*triples, *validation_context(summary, triples, orgs=orgs)]
        )
    assert whole
    assert sorted(alone, key=str) == sorted(whole, key=str)


def test_validate_no_shape_reaches_the_members_of_a_comparison() -> None:
    """The build checks graph/common without the comparisons' members (rdf:_n of an rdf:Seq,
    one for each target of the corpus): sound while no shape targets an rdf:Seq, or a node by
    a property or by name."""
    shapes = shapes_graph()
    assert not set(shapes.objects(None, SH.targetClass)) & {RDF.Seq, RDFS.Container, RDFS.Resource}
    for kind in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target):
        assert list(shapes.subject_objects(kind)) == []

from __future__ import annotations

import dataclasses

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from conftest import make_qingdao_doc, make_xiamen_doc
from kg.errors import InputError
from kg.graph import ns
from kg.graph.build import build_dataset, to_sorted_nquads
from kg.graph.link import canonical_org
from kg.graph.ns import ELI, OA, ORG, POL, PROV, RDF, SKOS
from kg.model import ExtractedDocument
from kg.paths import ontology_dir

QD = "qingdao-test"


def _build(docs: list[ExtractedDocument], version: str = "0.1.0") -> Dataset:
    return build_dataset(docs, software_version=version)


def _graph(ds: Dataset, name: URIRef) -> Graph:
    graph = Graph()
    graph += ds.graph(name)
    return graph


def test_graph_two_builds_are_byte_identical() -> None:
    first = to_sorted_nquads(_build([make_qingdao_doc(), make_xiamen_doc()]))
    second = to_sorted_nquads(_build([make_qingdao_doc(), make_xiamen_doc()]))
    assert first == second
    assert first.encode("utf-8") == second.encode("utf-8")


def test_graph_document_order_does_not_change_the_bytes() -> None:
    forward = to_sorted_nquads(_build([make_qingdao_doc(), make_xiamen_doc()]))
    backward = to_sorted_nquads(_build([make_xiamen_doc(), make_qingdao_doc()]))
    assert forward == backward


def test_graph_has_no_blank_nodes_and_no_timestamps(tiny_docs: list[ExtractedDocument]) -> None:
    ds = _build(tiny_docs)
    for quad in ds.quads((None, None, None, None)):
        assert not any(isinstance(term, BNode) for term in quad)
        obj = quad[2]
        assert not (isinstance(obj, Literal) and obj.datatype == ns.XSD.dateTime)


def test_graph_named_graphs_are_documents_common_and_ontology(
    tiny_docs: list[ExtractedDocument],
) -> None:
    ds = _build(tiny_docs)
    names = {g for _, _, _, g in ds.quads((None, None, None, None))}
    assert names == {
        ns.graph_iri(QD),
        ns.graph_iri("xiamen-test"),
        ns.COMMON_GRAPH,
        ns.ONTOLOGY_GRAPH,
    }


def test_graph_sorted_nquads_round_trip_graph_by_graph(tiny_docs: list[ExtractedDocument]) -> None:
    ds = _build(tiny_docs)
    text = to_sorted_nquads(ds)
    assert text.splitlines() == sorted(text.splitlines())
    parsed = Dataset()
    parsed.parse(data=text, format="nquads")
    for name in (ns.graph_iri(QD), ns.COMMON_GRAPH, ns.ONTOLOGY_GRAPH):
        assert isomorphic(_graph(parsed, name), _graph(ds, name))


def test_graph_ontology_graph_is_the_vocabulary_files(qingdao_doc: ExtractedDocument) -> None:
    expected = Graph()
    for path in sorted(ontology_dir().glob("*.ttl")):
        if path.name not in ("shapes.ttl", "jurisdictions.ttl"):
            expected.parse(path)
    assert isomorphic(_graph(_build([qingdao_doc]), ns.ONTOLOGY_GRAPH), expected)


def test_graph_document_metadata(tiny_docs: list[ExtractedDocument]) -> None:
    ds = _build(tiny_docs)
    g = _graph(ds, ns.graph_iri(QD))
    doc = ns.doc_iri(QD)
    assert (doc, RDF.type, ELI.LegalResource) in g
    assert (doc, ELI.title, Literal("青岛市测试措施", lang="zh")) in g
    assert (doc, ELI.id_local, Literal("青政办字〔2099〕1号")) in g
    assert (doc, ELI.date_document, Literal("2099-01-02", datatype=ns.XSD.date)) in g
    assert (doc, POL.jurisdiction, ns.jurisdiction_iri("qingdao")) in g
    issuer = canonical_org("青岛市人民政府办公厅", jurisdiction="qingdao").iri
    assert (doc, ELI.passed_by, issuer) in g
    assert g.value(doc, POL.rawText) == Literal(tiny_docs[0].raw)
    assert len(str(g.value(doc, POL.sha256))) == 64


def test_graph_citations_link_corpus_documents_and_mint_cited_ones(
    tiny_docs: list[ExtractedDocument],
) -> None:
    ds = _build(tiny_docs)
    xiamen = _graph(ds, ns.graph_iri("xiamen-test"))
    assert set(xiamen.objects(ns.doc_iri("xiamen-test"), ELI.cites)) == {ns.doc_iri(QD)}
    # the number the text states is used where the manifest has none
    assert (ns.doc_iri("xiamen-test"), ELI.id_local, Literal("厦府办〔2099〕2号")) in xiamen
    qingdao = _graph(ds, ns.graph_iri(QD))
    cited = ns.cited_doc_iri("国卫基层发〔2023〕41号")
    assert (ns.doc_iri(QD), ELI.cites, cited) in qingdao
    assert (cited, RDF.type, ELI.LegalResource) in qingdao
    assert (cited, ELI.id_local, Literal("国卫基层发〔2023〕41号")) in qingdao


def test_graph_citation_matches_a_differently_written_number(
    tiny_docs: list[ExtractedDocument],
) -> None:
    xiamen = tiny_docs[1]
    xiamen.metadata = dataclasses.replace(xiamen.metadata, cites=("青政办字[2099]1号",))
    g = _graph(_build(tiny_docs), ns.graph_iri("xiamen-test"))
    assert set(g.objects(ns.doc_iri("xiamen-test"), ELI.cites)) == {ns.doc_iri(QD)}


def test_graph_structure_links_parts_to_wholes(qingdao_doc: ExtractedDocument) -> None:
    g = _graph(_build([qingdao_doc]), ns.graph_iri(QD))
    section = ns.section_iri(QD, 1)
    measure = ns.measure_iri(QD, "一(二)")
    assert (section, ELI.is_part_of, ns.doc_iri(QD)) in g
    assert (measure, RDF.type, POL.Measure) in g
    assert (measure, RDF.type, ELI.LegalResourceSubdivision) in g
    assert (measure, ELI.is_part_of, section) in g
    assert (section, ELI.has_part, measure) in g
    assert (measure, POL.ref, Literal("一(二)")) in g
    assert (measure, POL.heading, Literal("提高保障水平")) in g
    for clause in qingdao_doc.clauses:
        node = ns.clause_iri(QD, clause.index)
        assert (node, POL.startOffset, Literal(clause.start, datatype=ns.XSD.integer)) in g
        assert (node, POL.text, Literal(clause.text)) in g


def test_graph_target_carries_every_field(qingdao_doc: ExtractedDocument) -> None:
    g = _graph(_build([qingdao_doc]), ns.graph_iri(QD))
    target = ns.target_iri(QD, 1)
    t = qingdao_doc.targets[0]
    expected = {
        (POL.value, Literal("4", datatype=ns.XSD.decimal)),
        (POL.unit, Literal("人/万人口")),
        (POL.comparator, Literal(">=")),
        (POL.kind, Literal("target")),
        (POL.subject, Literal("每万人口全科医生数")),
        (POL.valueText, Literal("4人")),
        (POL.deadline, Literal("2025-12-31", datatype=ns.XSD.date)),
        (POL.deadlinePrecision, Literal("year")),
        (POL.deadlineText, Literal("到2025年")),
        (POL.startOffset, Literal(t.start, datatype=ns.XSD.integer)),
        (POL.endOffset, Literal(t.end, datatype=ns.XSD.integer)),
        (POL.inMeasure, ns.measure_iri(QD, "一(一)")),
        (POL.inDocument, ns.doc_iri(QD)),
    }
    assert expected <= set(g.predicate_objects(target))
    ranged = ns.target_iri(QD, 3)
    assert g.value(ranged, POL.valueMax) == Literal("10", datatype=ns.XSD.decimal)
    assert g.value(ranged, POL.indicator) == ns.indicator_iri("insurance-reimbursement-share")


def test_graph_target_selectors_are_iri_nodes(qingdao_doc: ExtractedDocument) -> None:
    g = _graph(_build([qingdao_doc]), ns.graph_iri(QD))
    target = ns.target_iri(QD, 1)
    t = qingdao_doc.targets[0]
    position, quote = URIRef(f"{target}/position"), URIRef(f"{target}/quote")
    expected = Graph()
    for triple in [
        (target, POL.selector, position),
        (target, POL.selector, quote),
        (position, RDF.type, OA.TextPositionSelector),
        (position, OA.start, Literal(t.start, datatype=ns.XSD.integer)),
        (position, OA.end, Literal(t.end, datatype=ns.XSD.integer)),
        (quote, RDF.type, OA.TextQuoteSelector),
        (quote, OA.exact, Literal("每万人口全科医生数达到4人以上")),
    ]:
        expected.add(triple)
    actual = Graph()
    for node in (position, quote):
        actual.add((target, POL.selector, node))
        for p, o in g.predicate_objects(node):
            actual.add((node, p, o))
    assert isomorphic(actual, expected)
    assert qingdao_doc.raw[t.start : t.end] == str(g.value(quote, OA.exact))


def test_graph_target_derives_from_the_clause_that_contains_it(
    qingdao_doc: ExtractedDocument,
) -> None:
    g = _graph(_build([qingdao_doc]), ns.graph_iri(QD))
    for t in qingdao_doc.targets:
        clause = next(c for c in qingdao_doc.clauses if c.start <= t.start and t.end <= c.end)
        derived = set(g.objects(ns.target_iri(QD, t.seq), PROV.wasDerivedFrom))
        assert ns.clause_iri(QD, clause.index) in derived


def test_graph_clause_index_on_the_record_wins(qingdao_doc: ExtractedDocument) -> None:
    qingdao_doc.targets[0].clause_index = 0
    g = _graph(_build([qingdao_doc]), ns.graph_iri(QD))
    assert g.value(ns.target_iri(QD, 1), PROV.wasDerivedFrom) == ns.clause_iri(QD, 0)


def test_graph_erratum_keeps_written_and_corrected_values(qingdao_doc: ExtractedDocument) -> None:
    g = _graph(_build([qingdao_doc]), ns.graph_iri(QD))
    target, erratum = ns.target_iri(QD, 2), ns.erratum_iri("test-e1")
    assert g.value(target, POL.valueMax) == Literal("1.5", datatype=ns.XSD.decimal)
    assert g.value(target, POL.valueMaxAsWritten) == Literal("15", datatype=ns.XSD.decimal)
    assert (target, POL.erratum, erratum) in g
    assert (target, PROV.wasDerivedFrom, erratum) in g
    assert (erratum, RDF.type, POL.Erratum) in g
    assert g.value(erratum, POL.valueAsWritten) == Literal("15", datatype=ns.XSD.decimal)
    assert g.value(erratum, POL.correctedValue) == Literal("1.5", datatype=ns.XSD.decimal)
    assert g.value(erratum, POL.correctedField) == Literal("value_max")
    assert "decimal point" in str(g.value(erratum, POL.reason))


def test_graph_responsibilities_have_role_and_order(qingdao_doc: ExtractedDocument) -> None:
    g = _graph(_build([qingdao_doc]), ns.graph_iri(QD))
    measure = ns.measure_iri(QD, "一(一)")
    rows = {
        (str(node).rsplit("/", 1)[1], g.value(node, POL.role), g.value(node, POL.organization))
        for node in g.subjects(POL.task, measure)
    }
    org = lambda name: canonical_org(name, jurisdiction="qingdao").iri  # noqa: E731
    assert rows == {
        ("lead-1", POL.Lead, org("市卫生健康委")),
        ("co-1", POL.CoResponsible, org("市人力资源社会保障局")),
        ("implicit-1", POL.Implicit, org("各区、市政府")),
    }
    lead = URIRef(f"{measure}/responsibility/lead-1")
    assert g.value(lead, POL.order) == Literal(1, datatype=ns.XSD.integer)
    assert g.value(lead, POL.leadBasis) == Literal("stated-order")


def test_graph_organisations_live_in_the_common_graph(tiny_docs: list[ExtractedDocument]) -> None:
    ds = _build(tiny_docs)
    common = _graph(ds, ns.COMMON_GRAPH)
    health = canonical_org("市卫健委", jurisdiction="qingdao").iri
    assert (health, RDF.type, ORG.Organization) in common
    assert (health, POL.function, ns.function_iri("health")) in common
    assert (health, SKOS.prefLabel, Literal("青岛市卫生健康委", lang="zh")) in common
    assert (health, SKOS.prefLabel, Literal("Qingdao Municipal Health Commission", lang="en")) in (
        common
    )
    assert (health, SKOS.altLabel, Literal("市卫健委", lang="zh")) in common
    # the two Qingdao spellings (各区、市政府 and 各区市政府) are one organisation
    governments = set(common.subjects(POL.function, ns.function_iri("local-government")))
    assert len({g for g in governments if "qingdao" in str(g)}) == 2  # + the issuing office
    for name in (ns.graph_iri(QD), ns.graph_iri("xiamen-test")):
        assert (health, RDF.type, ORG.Organization) not in ds.graph(name)


def test_graph_build_activity_records_version_and_inputs(
    tiny_docs: list[ExtractedDocument],
) -> None:
    common = _graph(_build(tiny_docs, "9.9.9"), ns.COMMON_GRAPH)
    (build,) = common.subjects(RDF.type, POL.Build)
    assert (build, RDF.type, PROV.Activity) in common
    assert common.value(build, POL.softwareVersion) == Literal("9.9.9")
    assert set(common.objects(build, PROV.used)) == {
        ns.doc_iri(QD),
        ns.doc_iri("xiamen-test"),
        ns.erratum_iri("test-e1"),
    }
    assert (ns.graph_iri(QD), PROV.wasGeneratedBy, build) in common
    other = _graph(_build(tiny_docs, "9.9.10"), ns.COMMON_GRAPH)
    assert build not in set(other.subjects(RDF.type, POL.Build))


def test_graph_quote_must_match_the_raw_text(qingdao_doc: ExtractedDocument) -> None:
    qingdao_doc.targets[0].quote = "每万人口全科医生数达到5人以上"
    with pytest.raises(InputError, match="raw"):
        _build([qingdao_doc])


def test_graph_duplicate_target_seq_raises(qingdao_doc: ExtractedDocument) -> None:
    qingdao_doc.targets[1].seq = 1
    with pytest.raises(InputError, match="seq 1"):
        _build([qingdao_doc])


def test_graph_span_outside_the_text_raises(qingdao_doc: ExtractedDocument) -> None:
    qingdao_doc.clauses[0] = dataclasses.replace(qingdao_doc.clauses[0], end=10**6)
    with pytest.raises(InputError, match="outside the raw text"):
        _build([qingdao_doc])


@pytest.mark.parametrize("ref", ["一(一)", "一（一）"])
def test_graph_measures_sharing_an_iri_raise(qingdao_doc: ExtractedDocument, ref: str) -> None:
    qingdao_doc.measures[1] = dataclasses.replace(qingdao_doc.measures[1], ref=ref)
    with pytest.raises(InputError, match="same IRI"):
        _build([qingdao_doc])


def test_graph_documents_given_twice_raise(qingdao_doc: ExtractedDocument) -> None:
    with pytest.raises(InputError, match="twice"):
        _build([qingdao_doc, make_qingdao_doc()])


def test_graph_notice_with_attachments_duty_table_and_repeated_numbers_conforms() -> None:
    from pathlib import Path

    from kg.extract.document import extract_text, source_for_path
    from kg.graph.validate import find_violations

    raw = (
        "一、目标\n（一）甲。市卫生健康局要牵头推进。\n（一）乙。市教育局要配合。\n"
        "附件1\n方案\n一、任务\n（一）丙。市民政局要做好保障。\n"
        "附件2\n职责清单\n部门\t职责\n市财政局\t保障经费。\n市第一人民医院\t做好救治。\n"
    )
    source = dataclasses.replace(source_for_path(Path("n.txt")), jurisdiction="qingdao")
    doc = extract_text(raw, source=source, crosscheck_manifest=False)
    refs = {r.measure_ref for r in doc.responsibilities}
    assert {"(一)", "(一)#2", "附件1 (一)", "附件2 市财政局", "附件2 市第一人民医院"} <= refs
    assert find_violations(build_dataset([doc], software_version="0")) == []

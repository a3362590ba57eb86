from __future__ import annotations

import pytest
from rdflib import BNode, Graph, URIRef

from kg.graph import ns
from kg.graph.ns import OWL, POL, RDF, RDFS
from kg.paths import ontology_dir

REQUIRED_TERMS = [
    "Section",
    "Measure",
    "Clause",
    "Target",
    "Responsibility",
    "Jurisdiction",
    "Erratum",
    "Build",
    "Role",
    "Lead",
    "CoResponsible",
    "Implicit",
    "ref",
    "startOffset",
    "endOffset",
    "text",
    "selector",
    "value",
    "valueMax",
    "valueAsWritten",
    "valueMaxAsWritten",
    "valueText",
    "unit",
    "comparator",
    "deadline",
    "deadlinePrecision",
    "deadlineText",
    "startYear",
    "periodicity",
    "kind",
    "subject",
    "indicator",
    "erratum",
    "reason",
    "inMeasure",
    "inDocument",
    "task",
    "organization",
    "role",
    "order",
    "leadBasis",
    "unitsAsWritten",
    "function",
    "jurisdiction",
    "parentJurisdiction",
    "withinJurisdiction",
    "adminLevel",
    "sha256",
    "softwareVersion",
    "rawText",
    "heading",
    "encoding",
]


def _policy() -> Graph:
    return Graph().parse(ontology_dir() / "policy.ttl")


def test_ns_typo_in_pol_term_raises() -> None:
    with pytest.raises(AttributeError, match="vaule"):
        _ = POL.vaule


def test_ns_typo_in_eli_and_oa_terms_raises() -> None:
    with pytest.raises(AttributeError):
        _ = ns.ELI.titel
    with pytest.raises(AttributeError):
        _ = ns.OA.exakt


@pytest.mark.parametrize("term", REQUIRED_TERMS)
def test_ns_required_term_is_declared(term: str) -> None:
    assert POL[term] == URIRef(ns.POL_IRI + term)


def test_ns_every_pol_term_has_zh_en_labels_and_comment() -> None:
    graph = _policy()
    missing = []
    for subject in set(graph.subjects(RDF.type, None)):
        if not str(subject).startswith(ns.POL_IRI):
            continue
        labels = {lit.language for lit in graph.objects(subject, RDFS.label)}
        comments = {lit.language for lit in graph.objects(subject, RDFS.comment)}
        if not {"zh", "en"} <= labels or "en" not in comments:
            missing.append(str(subject))
    assert missing == []


def test_ns_parent_jurisdiction_is_a_transitive_sub_property() -> None:
    graph = _policy()
    assert (POL.parentJurisdiction, RDFS.subPropertyOf, POL.withinJurisdiction) in graph
    assert (POL.withinJurisdiction, RDF.type, OWL.TransitiveProperty) in graph


@pytest.mark.parametrize("name", ["policy.ttl", "functions.ttl", "jurisdictions.ttl"])
def test_ns_data_ontology_files_have_no_blank_nodes(name: str) -> None:
    graph = Graph().parse(ontology_dir() / name)
    assert not [t for t in graph if any(isinstance(x, BNode) for x in t)]


@pytest.mark.parametrize(
    ("ref", "slug"),
    [
        ("二(三)", "2-3"),
        ("二（三）", "2-3"),
        ("(九)", "9"),
        ("三(二)1", "3-2-1"),
        ("十二(十一)", "12-11"),
        ("二十(二十三)2", "20-23-2"),
    ],
)
def test_ns_measure_slug_uses_arabic_numbers(ref: str, slug: str) -> None:
    assert ns.measure_slug(ref) == slug


def test_ns_iri_builders_follow_the_scheme() -> None:
    base = "https://w3id.org/policy-kg/"
    doc = base + "id/doc/laiyang-2024-28"
    measure = ns.measure_iri("laiyang-2024-28", "三(二)1")
    assert ns.doc_iri("laiyang-2024-28") == URIRef(doc)
    assert ns.section_iri("laiyang-2024-28", 3) == URIRef(doc + "/section/3")
    assert measure == URIRef(doc + "/measure/3-2-1")
    assert ns.clause_iri("laiyang-2024-28", 0) == URIRef(doc + "/clause/0")
    assert ns.target_iri("laiyang-2024-28", 7) == URIRef(doc + "/target/7")
    assert ns.responsibility_iri(measure, "co", 2) == URIRef(f"{measure}/responsibility/co-2")
    assert ns.jurisdiction_iri("laiyang") == URIRef(base + "id/jurisdiction/laiyang")
    assert ns.function_iri("health") == URIRef(base + "id/function/health")
    assert ns.erratum_iri("q-e1") == URIRef(base + "id/erratum/q-e1")
    assert ns.indicator_iri("gp-density") == URIRef(base + "id/indicator/gp-density")
    assert ns.build_iri("abc") == URIRef(base + "id/build/abc")
    assert ns.graph_iri("laiyang-2024-28") == URIRef(base + "graph/laiyang-2024-28")
    assert str(ns.org_iri("laiyang", "health", "市卫生健康局")).startswith(
        base + "id/org/laiyang/health-"
    )


def test_ns_org_iri_depends_on_jurisdiction_and_name() -> None:
    one = ns.org_iri("qingdao", "health", "市卫生健康委")
    assert one == ns.org_iri("qingdao", "health", "市卫生健康委")
    assert one != ns.org_iri("xiamen", "health", "市卫生健康委")
    assert one != ns.org_iri("qingdao", "health", "市卫生健康局")


def test_ns_cited_doc_iri_is_ascii_and_distinct() -> None:
    one = ns.cited_doc_iri("国卫基层发〔2023〕41号")
    assert str(one).isascii()
    assert one != ns.cited_doc_iri("国卫基层发〔2023〕42号")


def test_ns_prefixes_cover_exported_namespaces() -> None:
    assert ns.PREFIXES["pol"] == ns.POL_IRI
    assert ns.PREFIXES["eli"] == "http://data.europa.eu/eli/ontology#"
    assert ns.PREFIXES["oa"] == "http://www.w3.org/ns/oa#"


@pytest.mark.parametrize(
    ("ref", "slug"),
    [
        ("附件2 二(一)", "annex2-2-1"),
        ("附件1 教育局", "annex1-%E6%95%99%E8%82%B2%E5%B1%80"),
        (
            "附件 市第一人民医院",
            "annex-%E5%B8%82%E7%AC%AC%E4%B8%80%E4%BA%BA%E6%B0%91%E5%8C%BB%E9%99%A2",
        ),
        ("三(二)#2", "3-2.2"),
        ("三(二)2(1)", "3-2-2-1"),
    ],
)
def test_ns_measure_slug_of_attachments_rows_and_repeated_numbers(ref: str, slug: str) -> None:
    assert ns.measure_slug(ref) == slug

"""What a comparison row reads is on the target, and each indicator's comparison is listed in
order at build time: checked on the corpus build against the triples it repeats."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.analysis.compare import with_values
from kg.graph.ns import PREFIXES
from kg.store.embedded import Store
from kg.store.queries import load_query, open_built_store

ROOT = Path(__file__).resolve().parents[2]


def _select(store: Store, query: str) -> list[dict]:
    rows = store.query(query)
    assert isinstance(rows, list)
    return rows


@pytest.fixture(scope="module")
def corpus(built_data: Path) -> Store:
    return open_built_store(built_data)


def test_comparison_rows_target_repeats_its_quote_measure_clause_and_jurisdiction(
    corpus: Store,
) -> None:
    rows = _select(
        corpus,
        """
        SELECT ?t ?quote ?exact ?ref ?mref ?sref ?clause ?j ?dj WHERE {
          ?t a pol:Target ; pol:inDocument ?d .
          ?d pol:jurisdiction ?dj .
          ?t pol:selector ?q . ?q a oa:TextQuoteSelector ; oa:exact ?exact .
          OPTIONAL { ?t pol:quote ?quote }
          OPTIONAL { ?t pol:measureRef ?ref }
          OPTIONAL { ?t pol:inMeasure ?m . ?m pol:ref ?mref }
          OPTIONAL { ?t pol:inSection ?s . ?s pol:ref ?sref }
          OPTIONAL { ?t pol:clause ?clause }
          OPTIONAL { ?t pol:jurisdiction ?j }
        }""",
    )
    derived = {
        (str(r["t"]), str(r["c"]))
        for r in _select(
            corpus,
            "SELECT ?t ?c WHERE { ?t a pol:Target ; prov:wasDerivedFrom ?c . ?c a pol:Clause }",
        )
    }
    assert len(rows) == 112
    for r in rows:
        assert r["quote"] == r["exact"], r["t"]
        assert r["ref"] == (r["mref"] or r["sref"]), r["t"]
        assert r["clause"] is not None and (str(r["t"]), str(r["clause"])) in derived, r["t"]
        assert r["j"] == r["dj"], r["t"]


def test_comparison_rows_json_row_is_what_the_triples_say_for_every_target(corpus: Store) -> None:
    targets = [str(r["t"]) for r in _select(corpus, "SELECT ?t WHERE { ?t a pol:Target }")]
    from_triples = {
        str(r["target"]): r
        for r in _select(
            corpus, with_values(load_query("compare_rows_triples"), "target", targets, iris=True)
        )
    }
    rows = {
        str(r["t"]): json.loads(r["row"])
        for r in _select(
            corpus, "SELECT ?t ?row WHERE { ?t a pol:Target ; pol:comparisonRow ?row }"
        )
    }
    assert len(targets) == 112
    assert rows.keys() == set(targets) == from_triples.keys()
    for target, row in rows.items():
        expected = {
            k: v for k, v in from_triples[target].items() if k not in ("target", "d", "j", "note")
        }
        assert row == expected, target


def test_comparison_rows_each_indicator_lists_all_its_targets_once_in_comparison_order(
    corpus: Store,
) -> None:
    expected: dict[str, list[str]] = {}
    for r in _select(
        corpus,
        """
        SELECT ?indicator ?t WHERE {
          ?t pol:indicator ?i ; pol:inDocument ?d ; pol:startOffset ?start .
          ?i dcterms:identifier ?indicator .
          ?d dcterms:identifier ?doc ; pol:jurisdiction/skos:notation ?city .
        } ORDER BY ?indicator ?city ?doc ?start""",
    ):
        expected.setdefault(r["indicator"], []).append(str(r["t"]))
    listed: dict[str, dict[int, str]] = {}
    for r in _select(
        corpus,
        """
        SELECT ?indicator ?position ?t WHERE {
          ?i pol:comparison ?c ; dcterms:identifier ?indicator .
          ?c a rdf:Seq ; ?position ?t .
          FILTER (?position != rdf:type)
        }""",
    ):
        position = int(str(r["position"]).rsplit("_", 1)[-1])
        listed.setdefault(r["indicator"], {})[position] = str(r["t"])
    assert len(expected) == 84
    assert listed.keys() == expected.keys()
    for indicator, targets in expected.items():
        by_position = listed[indicator]
        assert sorted(by_position) == list(range(1, len(targets) + 1)), indicator
        assert [by_position[n] for n in sorted(by_position)] == targets, indicator


def _replicate_graph():  # the script, as bench_service.py imports it
    spec = importlib.util.spec_from_file_location(
        "replicate_graph", ROOT / "scripts/replicate_graph.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_comparison_rows_replicated_graph_lists_every_copy_in_order(
    built_data: Path, tmp_path: Path
) -> None:
    _replicate_graph().replicate(built_data / "graph.nq", 3, tmp_path)
    store = ox.Store()
    store.load(path=str(tmp_path / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    query = """
        SELECT ?position ?t ?city ?doc ?start WHERE {
          ?i dcterms:identifier "village-doctor-licensed-share" ; pol:comparison ?c .
          ?c ?position ?t .
          ?t pol:startOffset ?start ; pol:inDocument ?d ; pol:jurisdiction/skos:notation ?city .
          ?d dcterms:identifier ?doc .
        }"""
    rows = sorted(
        (
            int(r["position"].value.rsplit("_", 1)[-1]),
            r["city"].value,
            r["doc"].value,
            int(r["start"].value),
        )
        for r in store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
    )
    assert [p for p, *_ in rows] == list(range(1, 7))
    assert [k for _, *k in rows] == sorted(k for _, *k in rows)
    rows_of = {
        r["t"].value: json.loads(r["row"].value)
        for r in store.query(
            "SELECT ?t ?row WHERE { ?t pol:comparisonRow ?row ; pol:inDocument ?d ."
            ' ?d dcterms:identifier "laiyang-2024-28-k2" }',
            prefixes=PREFIXES,
            use_default_graph_as_union=True,
        )
    }
    assert rows_of and all(
        (r["city"], r["doc"]) == ("laiyang-k2", "laiyang-2024-28-k2")
        and "laiyang-2024-28-k2/clause/" in r["clause"]
        for r in rows_of.values()
    )
    assert {c for _, c, _, _ in rows} == {
        "laiyang",
        "laiyang-k1",
        "laiyang-k2",
        "qingdao",
        "qingdao-k1",
        "qingdao-k2",
    }


def test_comparison_rows_a_store_built_before_comparisons_says_rebuild(built_data: Path) -> None:
    from kg.analysis.compare import compare_page
    from kg.errors import NotBuiltError

    lines = (built_data / "graph.nq").read_text(encoding="utf-8").splitlines(keepends=True)
    old = Store.open(None)
    old.load_nquads("".join(line for line in lines if "/id/comparison/" not in line))
    with pytest.raises(NotBuiltError, match="kg build"):
        compare_page(old, "village-doctor-licensed-share", limit=10)


def test_comparison_rows_shapes_refuse_a_comparison_that_is_no_sequence() -> None:
    from rdflib import URIRef

    from kg.graph import ns
    from kg.graph.build import ComparisonEntry, comparison_triples, ontology_triples
    from kg.graph.validate import find_triples_violations

    target = "https://w3id.org/policy-kg/id/doc/d/target/1"
    triples = comparison_triples([ComparisonEntry("ind", "laiyang", "d", 5, 1, target)])
    concept = (ns.indicator_iri("ind"), ns.RDF.type, ns.SKOS.Concept)
    assert (ns.comparison_iri("ind"), ns.RDF.type, ns.RDF.Seq) in triples
    assert (ns.comparison_iri("ind"), ns.member(1), URIRef(target)) in triples
    kept = [concept, *triples, *ontology_triples()]
    assert not [v for v in find_triples_violations(kept) if v.path == "pol:comparison"]
    broken = [t for t in kept if t[2] != ns.RDF.Seq]
    assert [v.path for v in find_triples_violations(broken) if v.path == "pol:comparison"] == [
        "pol:comparison"
    ]


def test_comparison_rows_document_counts_are_the_jurisdictions_documents(corpus: Store) -> None:
    """pol:documentCount (written at build time) is the number of documents whose
    jurisdiction it is, on exactly the jurisdictions that issued any."""
    counted = _select(
        corpus,
        """
        SELECT ?city (COUNT(?d) AS ?documents) WHERE {
          ?d a eli:LegalResource ; pol:jurisdiction ?j . ?j skos:notation ?city .
        } GROUP BY ?city ORDER BY ?city""",
    )
    assert _select(corpus, load_query("documented_jurisdictions")) == counted
    assert [r["documents"] for r in counted] == [1, 2, 1, 1]

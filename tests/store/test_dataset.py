"""SPARQL 1.1 dataset semantics on every local backend: FROM makes the default graph the merge
of the graphs named (empty for a graph that is not there), FROM NAMED limits what GRAPH ?g
ranges over, and the protocol's default-graph-uri / named-graph-uri override both."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import make_qingdao_doc, make_xiamen_doc
from kg.errors import InputError
from kg.graph.build import build_graphs, to_sorted_nquads
from kg.graph.ns import graph_iri
from kg.store.backends import EmbeddedStore, RdflibStore
from kg.store.base import Backend
from kg.store.dataset import QueryDataset, query_dataset
from kg.store.queries import load_query, named_queries

QINGDAO, XIAMEN = str(graph_iri("qingdao-test")), str(graph_iri("xiamen-test"))
TARGETS = "SELECT (COUNT(?t) AS ?n) {from} WHERE {{ ?t a pol:Target }}"
GRAPHS = "SELECT DISTINCT ?g {from} WHERE {{ GRAPH ?g {{ ?t a pol:Target }} }} ORDER BY ?g"


@pytest.fixture(scope="module", params=["oxigraph", "rdflib"])
def backend(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Backend:
    nquads = to_sorted_nquads(
        build_graphs([make_qingdao_doc(), make_xiamen_doc()], software_version="0.1.0")
    )
    if request.param == "rdflib":
        path = tmp_path_factory.mktemp("rdflib") / "graph.nq"
        path.write_text(nquads, encoding="utf-8")
        return RdflibStore.load(path)
    store = EmbeddedStore.open(None)
    store.load_nquads(nquads)
    return store


def _count(backend: Backend, clauses: str = "", **dataset: list[str]) -> int:
    rows = backend.query(TARGETS.format(**{"from": clauses}), **dataset)
    assert isinstance(rows, list) and isinstance(rows[0], dict)
    return int(rows[0]["n"])


def _graphs(backend: Backend, clauses: str = "", **dataset: list[str]) -> list[str]:
    rows = backend.query(GRAPHS.format(**{"from": clauses}), **dataset)
    return [r["g"] for r in rows if isinstance(r, dict)]


def test_dataset_without_from_the_default_graph_is_every_graph(backend: Backend) -> None:
    assert _count(backend) == 4
    assert _graphs(backend) == [QINGDAO, XIAMEN]


def test_dataset_from_a_graph_that_is_not_there_counts_nothing(backend: Backend) -> None:
    assert _count(backend, "FROM <urn:nothing>") == 0


def test_dataset_from_restricts_the_default_graph_to_the_graphs_named(backend: Backend) -> None:
    assert _count(backend, f"FROM <{QINGDAO}>") == 3
    assert _count(backend, f"FROM <{XIAMEN}>") == 1
    assert _count(backend, f"FROM <{QINGDAO}> FROM <{XIAMEN}>") == 4


def test_dataset_from_named_limits_graph_and_empties_the_default_graph(backend: Backend) -> None:
    assert _graphs(backend, f"FROM NAMED <{XIAMEN}>") == [XIAMEN]
    assert _count(backend, f"FROM NAMED <{XIAMEN}>") == 0
    assert _graphs(backend, f"FROM <{QINGDAO}>") == []  # FROM alone names no graph for GRAPH


def test_dataset_from_takes_prefixed_and_relative_iris(backend: Backend) -> None:
    assert _count(backend, "FROM <graph/qingdao-test>") == 3  # against the graph's base
    query = "PREFIX g: <https://w3id.org/policy-kg/graph/> " + TARGETS.format(
        **{"from": "FROM g:xiamen-test"}
    )
    assert backend.query(query) == [{"n": 1}]


def test_dataset_protocol_graphs_override_from_and_from_named(backend: Backend) -> None:
    assert _count(backend, f"FROM <{QINGDAO}>", default_graphs=[XIAMEN]) == 1
    assert _count(backend, "FROM <urn:nothing>", default_graphs=[QINGDAO, XIAMEN]) == 4
    assert _count(backend, named_graphs=[QINGDAO]) == 0  # only named graphs: empty default
    assert _graphs(backend, f"FROM NAMED <{XIAMEN}>", named_graphs=[QINGDAO]) == [QINGDAO]
    assert _graphs(backend, default_graphs=[QINGDAO]) == []


def test_dataset_a_graph_name_that_is_no_iri_is_refused(backend: Backend) -> None:
    with pytest.raises(InputError, match="not an absolute IRI"):
        backend.query("ASK { ?s ?p ?o }", default_graphs=["not an iri"])


def test_dataset_protocol_query_follows_the_same_rules(backend: Backend) -> None:
    result = backend.protocol_query(TARGETS.format(**{"from": "FROM <urn:nothing>"}), row_cap=10)
    assert result.results is not None
    assert result.results["results"]["bindings"][0]["n"]["value"] == "0"
    result = backend.protocol_query(GRAPHS.format(**{"from": ""}), named_graphs=[XIAMEN], row_cap=9)
    assert result.results is not None
    assert [b["g"]["value"] for b in result.results["results"]["bindings"]] == [XIAMEN]


def test_dataset_is_read_from_the_parse_tree_not_the_text() -> None:
    assert query_dataset("SELECT * WHERE { ?s ?p 'FROM <urn:x>' }") is None
    assert query_dataset("SELECT * WHERE { ?s ?p ?o }") is None
    assert query_dataset(
        "BASE <http://b/> PREFIX x: <http://x/> SELECT * FROM <r> FROM NAMED x:n { ?s ?p ?o }"
    ) == QueryDataset(default=("http://b/r",), named=("http://x/n",))
    assert query_dataset("ASK FROM <urn:a> {}", named_graphs=["urn:b"]) == QueryDataset(
        named=("urn:b",)
    )


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_dataset_queries_without_a_from_keyword_are_not_parsed_again(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FROM inside a comment, string, IRI or a longer name (prov:wasDerivedFrom) is no clause,
    and the hot named queries must not pay for rdflib's parse on every call."""
    from kg.store import dataset

    def refuse(sparql: str) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(dataset, "parse_query", refuse)
    dataset._clauses.cache_clear()
    assert query_dataset(load_query(name)) is None
    assert query_dataset('# built from x\nSELECT * { ?s ?p \'FROM\', """a\nFROM""" }') is None
    with pytest.raises(AssertionError, match="parsed"):
        query_dataset("SELECT * { ?s ?p ?o } # a comment\n") or query_dataset("ASK FROM <g> {}")


def test_dataset_rdflib_never_fetches_a_graph_it_lacks(tmp_path: Path) -> None:
    path = tmp_path / "graph.nq"
    path.write_text("", encoding="utf-8")
    store = RdflibStore.load(path)
    assert store.query("ASK FROM <http://127.0.0.1:9/missing.ttl> { ?s ?p ?o }") is False

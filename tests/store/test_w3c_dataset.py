"""The W3C SPARQL dataset tests (tests/data/w3c-dataset: FROM, FROM NAMED, from the W3C
rdf-tests), run against our /sparql endpoint on each local engine: every answer must equal the
expected result set, blank nodes up to renaming."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from kg.store.embedded import write_store_atomically

HERE = Path(__file__).resolve().parents[1] / "data" / "w3c-dataset"
BASE = "http://www.w3.org/2001/sw/DataAccess/tests/data-r2/dataset/"  # the manifest's location
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
RS = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/result-set#")

Row = dict[str, Any]


def _tests() -> Iterator[Any]:
    graph = Graph().parse(HERE / "manifest.ttl", format="turtle", publicID=BASE + "manifest.ttl")
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    for test in Collection(graph, graph.value(manifest, MF.entries)):
        query = graph.value(graph.value(test, MF.action), QT.query)
        result = graph.value(test, MF.result)
        name = str(graph.value(test, MF.name))
        yield pytest.param(Path(str(query)).name, Path(str(result)).name, id=name)


def _expected(name: str) -> tuple[set[str], list[Row]]:
    graph = Graph().parse(HERE / name, format="turtle", publicID=BASE + name)
    results = next(graph.subjects(RDF.type, RS.ResultSet))
    variables = {str(v) for v in graph.objects(results, RS.resultVariable)}
    rows = [
        {
            str(graph.value(b, RS.variable)): graph.value(b, RS.value)
            for b in graph.objects(s, RS.binding)
        }
        for s in graph.objects(results, RS.solution)
    ]
    return variables, rows


def _term(binding: dict[str, str]) -> Any:
    if binding["type"] == "uri":
        return URIRef(binding["value"])
    if binding["type"] == "bnode":
        return BNode(binding["value"])
    datatype = binding.get("datatype")
    return Literal(binding["value"], lang=binding.get("xml:lang"), datatype=datatype)


def _match(expected: list[Row], actual: list[Row], mapping: dict[Any, Any]) -> bool:
    """Whether the rows are equal as multisets under one renaming of blank nodes."""
    if not expected:
        return not actual
    first, rest = expected[0], expected[1:]
    for i, candidate in enumerate(actual):
        if candidate.keys() != first.keys():
            continue
        extended = dict(mapping)
        if all(_same(first[k], candidate[k], extended) for k in first) and _match(
            rest, actual[:i] + actual[i + 1 :], extended
        ):
            return True
    return False


def _same(want: Any, got: Any, mapping: dict[Any, Any]) -> bool:
    if isinstance(want, BNode) and isinstance(got, BNode):
        if want in mapping:
            return mapping[want] == got
        if got in mapping.values():
            return False
        mapping[want] = got
        return True
    return want == got


@pytest.fixture(scope="module", params=["oxigraph", "rdflib"])
def dataset_client(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """The endpoint over a store holding each data file as the named graph of its IRI."""
    from api.app import create_app
    from api.settings import Settings

    quads = [
        ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(BASE + path.name))
        for path in sorted(HERE.glob("data-g*.ttl"))
        for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, rename_blank_nodes=True)
    ]
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8")
    folder = tmp_path_factory.mktemp(f"w3c-dataset-{request.param}")
    store = write_store_atomically(nquads, data_dir=folder)
    settings = Settings(store=store, engine=request.param, workers=1, cache_entries=0)
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.mark.parametrize(("query", "result"), list(_tests()))
def test_w3c_dataset(dataset_client: TestClient, query: str, result: str) -> None:
    sparql = f"BASE <{BASE}>\n" + (HERE / query).read_text(encoding="utf-8")
    response = dataset_client.get(
        "/sparql", params={"query": sparql}, headers={"accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    variables, expected = _expected(result)
    actual = [{k: _term(v) for k, v in b.items()} for b in body["results"]["bindings"]]
    assert set(body["head"]["vars"]) == variables
    assert _match(expected, actual, {}), (query, expected, actual)

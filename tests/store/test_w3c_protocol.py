"""The W3C SPARQL 1.1 Protocol tests (tests/data/w3c-protocol, from the W3C rdf-tests), run
against our endpoint. Query tests must pass (status class, result format, ASK answer); update
tests must meet our refusal (403), since the public endpoint is read-only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.collection import Collection

HERE = Path(__file__).resolve().parents[1] / "data" / "w3c-protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
REFUSALS = ("forbidden_query", "unsupported_media_type", "bad_query")
HTS = "http://www.w3.org/2011/http-statusCodes#StatusCode"
RESULT_TYPES = {
    "boolean": {"application/sparql-results+json", "application/sparql-results+xml"},
    "tabular": {
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    },
    "RDF": {"text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"},
}


def _manifest() -> Graph:
    return Graph().parse(HERE / "manifest.ttl", format="turtle")


def _list(graph: Graph, head: Any) -> list[Any]:
    return list(Collection(graph, head))


def _request(graph: Graph, node: Any) -> dict[str, Any]:
    body = graph.value(node, HT.body)
    headers = graph.value(node, HT.headers)
    response = graph.value(node, HT.resp)
    return {
        "method": str(graph.value(node, HT.methodName)),
        "path": str(graph.value(node, HT.absolutePath)),
        "headers": {
            str(graph.value(h, HT.fieldName)): str(graph.value(h, HT.fieldValue))
            for h in (_list(graph, headers) if headers else [])
        },
        "body": None if body is None else str(graph.value(body, CNT.chars)),
        "encoding": None if body is None else str(graph.value(body, CNT.characterEncoding)),
        "status": {str(s)[len(HTS) :] for s in graph.objects(response, MF.expectedStatus)},
        "format": graph.value(response, MF.expectedFormat),
        "boolean": graph.value(response, MF.expectedBoolean),
    }


def _tests() -> Iterator[Any]:
    graph = _manifest()
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    for test in _list(graph, graph.value(manifest, MF.entries)):
        name = str(test).rsplit("#", 1)[1]
        action = graph.value(test, MF.action)
        requests = [_request(graph, r) for r in _list(graph, graph.value(action, HT.requests))]
        yield pytest.param(name, requests, id=name)


@pytest.fixture(scope="module")
def protocol_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """Our app over a store holding the tests' data: data<n>.nt in the graph its label says."""
    from api.app import create_app
    from api.settings import Settings

    graph = _manifest()
    path = tmp_path_factory.mktemp("w3c") / "store"
    store = ox.Store(str(path))
    loaded = set()
    for data in graph.objects(None, UT.graphData):
        file = graph.value(data, UT.graph)
        label = graph.value(data, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
        name = Path(str(file)).name
        if name in loaded:
            continue
        loaded.add(name)
        store.load(
            path=str(HERE / name), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(label)
        )
    store.flush()
    del store
    with TestClient(create_app(Settings(store=path, workers=1))) as client:
        yield client


@pytest.mark.parametrize(("name", "requests"), list(_tests()))
def test_w3c_protocol(protocol_client: TestClient, name: str, requests: list[dict]) -> None:
    is_update = name.startswith(("update_", "bad_update_"))
    for request in requests:
        body = request["body"]
        response = protocol_client.request(
            request["method"],
            request["path"].replace("/sparql/", "/sparql", 1),
            headers=request["headers"],
            content=None if body is None else body.encode(request["encoding"]),
        )
        status_class = f"{response.status_code // 100}xx"
        if is_update:  # refused: read-only endpoint (bad updates are refused before parsing)
            assert response.status_code == 403 or (
                name.startswith("bad_") and status_class == "4xx"
            ), (name, response.status_code, response.text)
            assert response.json()["error"]["code"] in REFUSALS
            return
        assert status_class in request["status"], (name, response.status_code, response.text)
        if request["format"] is not None:
            media = response.headers["content-type"].split(";")[0]
            assert media in RESULT_TYPES[str(request["format"])], (name, media)
        if request["boolean"] is not None:
            assert response.json()["boolean"] is request["boolean"].toPython(), name

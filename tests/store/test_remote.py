"""The same library and API on external SPARQL servers (Oxigraph server, Virtuoso), started on
127.0.0.1 by the fixtures and loaded with `kg load`: the same answers as the embedded store."""

from __future__ import annotations

import http.server
import json
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.conftest import free_port, running

from kg.analysis import compare
from kg.errors import QueryError, QueryTimeoutError, RemoteStoreError
from kg.service import resources as service
from kg.store.backends import RdflibStore, open_local
from kg.store.base import Backend
from kg.store.remote import RemoteStore, default_graph_store

BACKENDS = ["oxigraph_server", "virtuoso_server", "rdflib"]
CITIES = ["laiyang", "qingdao"]

QUERIES: dict[str, Any] = {
    "cities": lambda s: service.cities(s),
    "documents": lambda s: service.document(s, "qingdao-2024-49"),
    "structure": lambda s: service.document_structure(s, "xiamen-2024-2"),
    "text": lambda s: service.document_text(s, "laiyang-2024-28"),
    "tasks": lambda s: service.tasks(s, city="qingdao", function="finance"),
    "task text": lambda s: service.tasks(s, text="医保"),
    "unit": lambda s: service.unit(s, "laiyang/finance-15ea50a5"),
    "units": lambda s: service.units(s, city="xiamen"),
    "targets": lambda s: service.targets(s),
    "search": lambda s: service.search(s, "乡村医生 执业"),
    "matrix": lambda s: compare.matrix(s),
    "matrix of two": lambda s: compare.matrix(s, cities=["laiyang", "xiamen"], limit=5),
    "count": lambda s: s.query("SELECT (COUNT(*) AS ?n) WHERE { ?t a pol:Target }"),
    "ask": lambda s: s.query("ASK { ?t pol:value ?v FILTER (?v = 60) }"),
}


LAIYANG = "https://w3id.org/policy-kg/graph/laiyang-2024-28"
DATASETS: dict[str, Any] = {
    "from nothing": lambda s: s.query("SELECT (COUNT(*) AS ?n) FROM <urn:nothing> { ?s ?p ?o }"),
    "from one document": lambda s: s.query(
        f"SELECT (COUNT(*) AS ?n) FROM <{LAIYANG}> WHERE {{ ?t a pol:Target }}"
    ),
    "from named": lambda s: s.query(
        f"SELECT DISTINCT ?g FROM NAMED <{LAIYANG}> WHERE {{ GRAPH ?g {{ ?t a pol:Target }} }}"
    ),
    "protocol graphs override from": lambda s: s.protocol_query(
        "SELECT (COUNT(*) AS ?n) FROM <urn:nothing> WHERE { ?t a pol:Target }",
        default_graphs=[LAIYANG],
        row_cap=10,
    ).results["results"]["bindings"][0]["n"]["value"],
}


def _canonical(value: Any) -> str:
    """Order-insensitive form: servers may order ties (and unordered queries) differently."""
    if isinstance(value, list):
        return json.dumps(sorted(_canonical(v) for v in value), ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps({k: _canonical(v) for k, v in sorted(value.items())}, ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False)


@pytest.fixture(scope="module")
def embedded(built_data: Path) -> Backend:
    return open_local("oxigraph", built_data / "store")


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request: pytest.FixtureRequest, built_data: Path) -> Backend:
    if request.param == "rdflib":
        return open_local("rdflib", built_data / "store")
    return RemoteStore(request.getfixturevalue(request.param))


@pytest.mark.parametrize("name", list(QUERIES))
def test_remote_same_answers_on_every_backend(
    embedded: Backend, backend: Backend, name: str
) -> None:
    expected, got = QUERIES[name](embedded), QUERIES[name](backend)
    assert got, name
    assert _canonical(got) == _canonical(expected), name


def test_remote_compare_pages_of_every_indicator_as_embedded(
    embedded: Backend, backend: Backend
) -> None:
    """A page comes from the store as a string for each comparability note on it
    (compare_page.rq, compare_rows.rq: GROUP_CONCAT grouped by the note), which every server
    answers as the embedded store does: the same rows, notes and order."""
    for meta in compare.indicators(embedded):
        pages = [{}, {"limit": 1, "offset": 1}, {"limit": 5, "offset": 1000}]
        if not isinstance(backend, RdflibStore):  # rdflib 7 cannot run compare_cities.rq
            pages.append({"cities": CITIES})
        for page in pages:
            expected = compare.compare_page(embedded, meta["indicator"], **page)
            assert compare.compare_page(backend, meta["indicator"], **page) == expected, page


@pytest.mark.parametrize("name", list(DATASETS))
def test_remote_dataset_of_from_and_protocol_graphs_as_embedded(
    embedded: Backend, backend: Backend, name: str
) -> None:
    expected, got = DATASETS[name](embedded), DATASETS[name](backend)
    assert _canonical(got) == _canonical(expected), name
    if name == "from nothing":
        assert got == [{"n": 0}]
    elif name == "from one document":
        assert got == [{"n": 25}]


def test_remote_load_replaces_graphs_and_counts_them(
    oxigraph_server: str, built_data: Path
) -> None:
    from kg.store.remote import load_endpoint

    result = load_endpoint(built_data / "graph.nq", endpoint=oxigraph_server)
    again = load_endpoint(built_data / "graph.nq", endpoint=oxigraph_server)
    assert result == again and result.graph_store.endswith("/store")
    count = RemoteStore(oxigraph_server).query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert count == [{"n": result.quads}]


def test_remote_errors_are_kg_errors(oxigraph_server: str) -> None:
    with pytest.raises(QueryError):
        RemoteStore(oxigraph_server).query("SELECT * WHERE { ?s ?p }")
    with pytest.raises(RemoteStoreError):
        RemoteStore(f"http://127.0.0.1:{free_port()}/sparql", timeout=2).query("ASK {}")


class _Endpoint(http.server.BaseHTTPRequestHandler):
    """A SPARQL endpoint that answers ASK with true, keeping the connection open, except
    that it closes a connection, unanswered, on its second request (``drop``), or never
    answers (``stall``), or answers every query with a 2 MB value written in pieces, and
    then closes the connection (``large, close``) or not (``large``); ``seen`` counts the
    requests."""

    protocol_version = "HTTP/1.1"
    mode = "drop"
    seen = 0

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        type(self).seen += 1
        self.served = getattr(self, "served", 0) + 1
        if self.mode == "stall":
            time.sleep(3)
        if self.mode.startswith("large"):
            self._large(close=self.mode == "large, close")
            return
        if self.mode == "stall" or self.served == 2:
            self.close_connection = True
            return
        body = b'{"head": {}, "boolean": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _large(self, *, close: bool) -> None:
        value = {"type": "literal", "value": LARGE}
        answer = {"head": {"vars": ["x"]}, "results": {"bindings": [{"x": value}]}}
        body = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        for start in range(0, len(body), 300_000):
            self.wfile.write(body[start : start + 300_000])
            self.wfile.flush()

    def log_message(self, *args: object) -> None:
        pass


LARGE = "页" * 700_000


@contextmanager
def _endpoint(mode: str):
    handler = type("Handler", (_Endpoint,), {"mode": mode, "seen": 0})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", handler
    finally:
        server.shutdown()
        server.server_close()


def test_remote_a_keep_alive_connection_the_server_closed_is_tried_again_once() -> None:
    """The server drops the kept-alive connection as the second query comes: the query is
    sent again on a new connection and answered, not turned into an error."""
    with _endpoint("drop") as (url, handler):
        store = RemoteStore(url, timeout=5)
        assert store.query("ASK {}") is True
        assert store.query("ASK {}") is True
        assert handler.seen == 3


@pytest.mark.parametrize("mode", ["large", "large, close"])
def test_remote_reads_a_large_answer_whole_on_a_kept_or_a_closed_connection(mode: str) -> None:
    """Answers are read through a reader that acknowledges each read at once (on Linux):
    one written in pieces comes whole, whether the server keeps the connection or closes it
    as it answers."""
    with _endpoint(mode) as (url, handler):
        store = RemoteStore(url, timeout=5)
        for _ in range(3):
            assert store.query("SELECT ?x {}") == [{"x": LARGE}]
        assert handler.seen == 3


def test_remote_a_query_past_the_time_limit_is_a_timeout_and_is_sent_once() -> None:
    with _endpoint("stall") as (url, handler):
        with pytest.raises(QueryTimeoutError):
            RemoteStore(url, timeout=1).query("ASK {}")
        assert handler.seen == 1


def test_remote_guesses_the_graph_store() -> None:
    assert default_graph_store("http://h:7878/query") == "http://h:7878/store"
    assert default_graph_store("http://h/sparql") == "http://h/sparql-graph-crud-auth"


@pytest.mark.parametrize("server", ["oxigraph_server", "virtuoso_server"])
def test_remote_kg_serve_endpoint_gives_the_embedded_answers(
    request: pytest.FixtureRequest, api_client, server: str
) -> None:
    endpoint = request.getfixturevalue(server)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    kg = str(Path(sys.executable).parent / "kg")
    command = [kg, "serve", "--port", str(port), "--endpoint", endpoint]
    with running(command, url=f"{url}/health", timeout=60):
        for path in (
            "/targets?indicator=village-doctor-licensed-share",
            "/indicators/village-doctor-licensed-share/compare",
            "/indicators/village-doctor-licensed-share/compare?cities=laiyang&limit=5",
            "/tasks/laiyang-2024-28/9",
            "/cities/laiyang",
            "/id/doc/laiyang-2024-28/target/14?format=nt",
        ):
            remote, local = httpx.get(url + path, timeout=30), api_client.get(path)
            assert remote.status_code == local.status_code == 200, path
            if path.endswith("format=nt"):
                assert sorted(remote.text.splitlines()) == sorted(local.text.splitlines())
            else:
                assert remote.json() == local.json(), path
        sparql = httpx.get(
            f"{url}/sparql",
            params={"query": "SELECT ?doc WHERE { ?d a pol:Document ; dcterms:identifier ?doc }"},
            headers={"accept": "text/csv"},
            timeout=30,
        )
        assert sorted(sparql.text.split()) == sorted(
            [
                "doc",
                "laiyang-2024-28",
                "qingdao-2024-49",
                "qingdao-2025-ygt",
                "xiamen-2024-2",
                "yantai-2024-42",
            ]
        )

"""The service as clients meet it: `kg serve` under uvicorn on 127.0.0.1 (fixture live_server:
1 s query limit, row cap 100), queried by SPARQLWrapper, rdflib's SPARQLStore, httpx and
schemathesis."""

from __future__ import annotations

import asyncio
import concurrent.futures
import http.client
import time
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_service_live_answers_sparqlwrapper(live_server: str) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(f"{live_server}/sparql")
    client.setQuery(open_headline())
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert {(r["city_en"]["value"], r["value"]["value"]) for r in rows} == {
        ("Laiyang", "50"),
        ("Qingdao", "60"),
    }
    client.setQuery("ASK { ?t a pol:Target }")
    assert client.query().convert()["boolean"] is True


def open_headline() -> str:
    from kg.store.queries import load_query

    return load_query("village_doctor_share")


def test_service_live_answers_rdflib_sparqlstore(live_server: str) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(f"{live_server}/sparql", returnFormat="json")
    rows = list(
        store.query(
            "PREFIX pol: <https://w3id.org/policy-kg/ontology#> "
            "SELECT ?t ?v WHERE { ?t a pol:Target ; pol:value ?v } LIMIT 5"
        )
    )
    assert len(rows) == 5 and all(row[1] is not None for row in rows)
    graphs = SPARQLStore(f"{live_server}/sparql", returnFormat="xml")  # asks for RDF/XML
    graph = graphs.query("CONSTRUCT WHERE { ?t a <https://w3id.org/policy-kg/ontology#Target> }")
    assert len(graph) > 50


def test_service_live_refuses_service_and_updates(live_server: str) -> None:
    service = httpx.get(
        f"{live_server}/sparql",
        params={"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"},
    )
    assert service.status_code == 403 and "SERVICE" in service.json()["error"]["message"]
    hidden = httpx.get(  # SERVICE deep inside FILTER EXISTS, spelled in lower case
        f"{live_server}/sparql",
        params={"query": "ASK { ?s ?p ?o FILTER EXISTS { service <http://e.org/> { ?s ?p ?o } } }"},
    )
    assert hidden.status_code == 403
    harmless = httpx.get(  # the word SERVICE in a literal is no SERVICE call
        f"{live_server}/sparql", params={"query": 'ASK { FILTER("SERVICE" != "") }'}
    )
    assert harmless.status_code == 200
    for update in ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "DROP ALL"):
        for response in (
            httpx.post(f"{live_server}/sparql", data={"update": update}),
            httpx.post(
                f"{live_server}/sparql",
                content=update,
                headers={"content-type": "application/sparql-update"},
            ),
            httpx.get(f"{live_server}/sparql", params={"query": update}),
        ):
            assert response.status_code == 403, response.text
            assert response.json()["error"]["code"] == "forbidden_query"
    assert httpx.get(f"{live_server}/targets?limit=1").json()["total"] > 0


def test_service_live_stops_a_long_query_and_keeps_answering(live_server: str) -> None:
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        started = time.monotonic()
        slow = pool.submit(
            httpx.get, f"{live_server}/sparql", params={"query": CROSS_JOIN}, timeout=30
        )
        time.sleep(0.2)
        quick = httpx.get(f"{live_server}/cities/laiyang", timeout=5)
        assert quick.status_code == 200 and not slow.done()
        response = slow.result(timeout=30)
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "query_timeout"
    assert elapsed < 10
    assert httpx.get(f"{live_server}/sparql", params={"query": "ASK {}"}).json()["boolean"]


def test_service_live_caps_rows_and_says_so(live_server: str) -> None:
    query = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 500"
    response = httpx.get(f"{live_server}/sparql", params={"query": query})
    assert response.headers["x-kg-truncated"] == "true"
    body = response.json()
    assert body["truncated"] is True and len(body["results"]["bindings"]) == 100
    csv = httpx.get(
        f"{live_server}/sparql", params={"query": query}, headers={"accept": "text/csv"}
    )
    assert csv.headers["x-kg-truncated"] == "true" and len(csv.text.splitlines()) == 101
    small = httpx.get(f"{live_server}/sparql", params={"query": "SELECT ?s { ?s a pol:Document }"})
    assert small.headers["x-kg-truncated"] == "false" and "truncated" not in small.json()


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
    ],
)
def test_service_live_writes_every_results_format(
    live_server: str, accept: str, media: str
) -> None:
    response = httpx.post(
        f"{live_server}/sparql",
        content="SELECT ?doc WHERE { ?d a pol:Document ; dcterms:identifier ?doc } ORDER BY ?doc",
        headers={"content-type": "application/sparql-query", "accept": accept},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    assert "laiyang-2024-28" in response.text


@pytest.mark.parametrize("accept", ["text/turtle", "application/n-triples", "application/ld+json"])
def test_service_live_writes_every_graph_format(live_server: str, accept: str) -> None:
    response = httpx.get(
        f"{live_server}/sparql",
        params={"query": "DESCRIBE <https://w3id.org/policy-kg/id/jurisdiction/laiyang>"},
        headers={"accept": accept},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == accept
    assert "Laiyang" in response.text
    unacceptable = httpx.get(
        f"{live_server}/sparql", params={"query": "ASK {}"}, headers={"accept": "image/png"}
    )
    assert unacceptable.status_code == 406


def test_service_live_schemathesis_finds_no_server_error(live_server: str) -> None:
    """Every operation of our OpenAPI document, fuzzed (bounded examples): never a 5xx."""
    schema = schemathesis.openapi.from_url(f"{live_server}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=15,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def fuzz(case) -> None:
            case.call_and_validate(checks=[not_a_server_error], timeout=30)

        fuzz()


def test_service_live_replicas_share_one_port_and_answer_alike(
    built_data: Path, live_server: str
) -> None:
    """`kg serve --replicas 2`: two API processes behind one port give the single one's answers."""
    import sys

    from tests.conftest import free_port, running

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    kg = str(Path(sys.executable).parent / "kg")
    command = [kg, "serve", "--port", str(port), "--replicas", "2"]
    env = {"KG_WORKERS": "1", "KG_CACHE_ENTRIES": "0"}
    with running(
        [*command, "--store", str(built_data / "store")], url=f"{url}/health", timeout=90, env=env
    ) as server:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        path = "/indicators/village-doctor-licensed-share/compare"
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            answers = list(pool.map(lambda _: httpx.get(url + path, timeout=60).json(), range(8)))
        held = asyncio.run(_connections_held(url, server.pid, clients=16))
        listening = _listening_sockets(server.pid, port)
        failed = asyncio.run(_pausing_clients(url + path, clients=16, rounds=2))
    assert len(children) >= 2  # the replicas (the parent supervises them)
    # each replica listens on a socket of its own (SO_REUSEPORT), so the kernel spreads the
    # connections; one socket shared by all (uvicorn's workers) let one replica take them all
    assert len(listening) == 2
    assert len(held) == 2 and sum(held) == 16  # both replicas took connections
    single = httpx.get(live_server + path, timeout=60).json()
    assert all(a == single for a in answers)
    assert failed == []


def _listening_sockets(pid: int, port: int) -> set[str]:
    """The distinct listening sockets (socket:[inode]) on ``port`` of the server's processes."""
    import psutil

    sockets: set[str] = set()
    for process in [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]:
        for c in process.net_connections("tcp"):
            if c.status == psutil.CONN_LISTEN and c.laddr.port == port and c.fd >= 0:
                sockets.add(Path(f"/proc/{process.pid}/fd/{c.fd}").readlink().name)
    return sockets


async def _connections_held(url: str, pid: int, *, clients: int) -> list[int]:
    """How many of ``clients`` keep-alive connections, opened at once, each replica of the
    server ``pid`` holds (those holding any)."""
    import psutil

    port = int(url.rsplit(":", 1)[1])
    pool = [httpx.AsyncClient(timeout=60) for _ in range(clients)]
    try:
        await asyncio.gather(*(c.get(f"{url}/health") for c in pool))
        counts = [
            sum(1 for c in p.net_connections("tcp") if c.laddr.port == port and c.raddr)
            for p in psutil.Process(pid).children(recursive=True)
        ]
    finally:
        await asyncio.gather(*(c.aclose() for c in pool))
    return [n for n in counts if n]


async def _pausing_clients(url: str, *, clients: int, rounds: int) -> list[str]:
    """``clients`` keep-alive connections, each pausing about 5 s between requests (uvicorn's
    own keep-alive limit, past which a request sent as the server closed the connection got
    no answer: one in 120 at 32 clients); what every failed request got."""
    failed: list[str] = []

    async def client(index: int) -> None:
        async with httpx.AsyncClient(timeout=60) as http:
            for n in range(rounds + 1):
                if n:
                    await asyncio.sleep(4.9 + 0.2 * index / clients)
                try:
                    response = await http.get(url)
                    if response.status_code != 200:
                        failed.append(str(response.status_code))
                except httpx.HTTPError as exc:
                    failed.append(type(exc).__name__)

    await asyncio.gather(*(client(i) for i in range(clients)))
    return failed


def test_service_live_keeps_an_idle_connection_open_past_uvicorns_five_seconds(
    live_server: str,
) -> None:
    """A keep-alive connection idle for 6 s still answers (KG_KEEP_ALIVE, 75 s): a client or
    load balancer reusing it never meets a connection the server is closing."""
    host, port = live_server.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    statuses = []
    for pause in (0, 6):
        time.sleep(pause)
        connection.request("GET", "/health")
        response = connection.getresponse()
        response.read()
        statuses.append(response.status)
        if not pause:
            opened = connection.sock
    assert statuses == [200, 200] and connection.sock is opened  # the same connection
    connection.close()

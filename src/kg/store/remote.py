"""An external SPARQL 1.1 server as the store, for users who outgrow one machine.

:class:`RemoteStore` speaks the SPARQL 1.1 Protocol (POST, JSON results) and answers with the
same Python shapes as :class:`kg.store.embedded.Store`, so the library and the service run
unchanged on Oxigraph server, Virtuoso or any other conforming server. :func:`load_endpoint`
pushes a built graph there with the Graph Store Protocol, one named graph per PUT.
"""

from __future__ import annotations

import http.client
import io
import json
import socket
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox
import urllib3

from kg.errors import InputError, NotBuiltError, QueryError, QueryTimeoutError, RemoteStoreError
from kg.store.dataset import query_dataset
from kg.store.embedded import QueryResult
from kg.store.sparql import (
    JSON,
    NTRIPLES,
    TURTLE,
    RawResult,
    cap_bindings,
    cap_triples,
    check_query,
    json_rows,
    prefix_block,
)

_ACCEPT_RESULTS = f"{JSON}, application/json;q=0.9"
_ACCEPT_GRAPH = f"{NTRIPLES}, {TURTLE};q=0.9, text/plain;q=0.5"
_GRAPH_TYPES = {
    NTRIPLES: ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    TURTLE: ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


class _PromptAckReader(io.RawIOBase):
    """A socket's reader that acknowledges what came at once (TCP_QUICKACK before each read).

    On a keep-alive connection Linux delays its ACK of an answer's segments by up to 40 ms,
    and a server that writes with Nagle's algorithm on (Virtuoso) holds the answer's last
    segment until that ACK: 28 to 93 of 200 pages of the compare route waited some 45 ms
    for nothing. The option lasts only until the kernel next decides, so it is set on each
    read."""

    def __init__(self, sock: socket.socket) -> None:
        super().__init__()
        self._sock = sock
        self._raw = sock.makefile("rb", buffering=0)  # counted as the socket's reader

    def readable(self) -> bool:
        return True

    def readinto(self, b: memoryview) -> int | None:  # type: ignore[override]
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        return self._raw.readinto(b)

    def fileno(self) -> int:
        return self._raw.fileno()

    def close(self) -> None:
        self._raw.close()
        super().close()


class _PromptAckSocket:
    """What http.client's response reads from: the socket through :class:`_PromptAckReader`."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock

    def makefile(self, mode: str) -> io.BufferedReader:  # http.client asks for "rb"
        return io.BufferedReader(_PromptAckReader(self._sock))


class _PromptAckResponse(http.client.HTTPResponse):
    def __init__(self, sock: socket.socket, *args: object, **kwargs: object) -> None:
        super().__init__(_PromptAckSocket(sock), *args, **kwargs)  # type: ignore[arg-type]


class _PromptAckConnection(urllib3.connection.HTTPConnection):
    response_class = _PromptAckResponse


class _PromptAckPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _PromptAckConnection


@dataclass(frozen=True)
class _Answer:
    status: int
    media: str  # the Content-Type's media type, lower case
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class RemoteStore:
    """A SPARQL 1.1 query endpoint, read through the protocol. The server should treat the
    union of its named graphs as the default graph (Oxigraph: ``--union-default-graph``;
    Virtuoso does so by default), as the embedded store does; a query's FROM / FROM NAMED is
    sent as protocol graphs too, which every conforming server honours.

    Queries go over a urllib3 pool of keep-alive connections, shared by the API's threads:
    at national scale a page's answer is some 150 KB of chunked JSON, which httpx read at
    1.5 ms of the API process's CPU and urllib3 at 0.5 ms (the API's CPU, not the store's,
    bounds a replica's throughput)."""

    def __init__(self, endpoint: str, *, timeout: float = 30.0) -> None:
        self.endpoint = endpoint
        self.timeout = timeout
        # kept open: as many connections as the API has threads (anyio's 40), and some
        self._pool = urllib3.PoolManager(maxsize=64, block=False, retries=False, timeout=timeout)
        if hasattr(socket, "TCP_QUICKACK"):  # Linux
            self._pool.pool_classes_by_scheme = {
                **self._pool.pool_classes_by_scheme,
                "http": _PromptAckPool,
            }

    def _send(self, body: bytes, accept: str) -> _Answer:
        """One POST. A keep-alive connection the server had closed (nothing came back) is
        tried once more on a new one; a timeout never is, or the query would run twice."""
        headers = {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}
        try:
            try:
                response = self._pool.request("POST", self.endpoint, body=body, headers=headers)
            except urllib3.exceptions.ProtocolError:
                response = self._pool.request("POST", self.endpoint, body=body, headers=headers)
        except (
            urllib3.exceptions.ReadTimeoutError
        ):  # (a refused connection is a ConnectTimeoutError)
            raise QueryTimeoutError(
                f"The SPARQL server at {self.endpoint} did not answer within {self.timeout:g} s.",
                fix="narrow the query, or raise KG_QUERY_TIMEOUT",
            ) from None
        except urllib3.exceptions.HTTPError as exc:
            raise RemoteStoreError(
                f"Cannot reach the SPARQL server at {self.endpoint}: {exc}.",
                fix="check the URL and that the server is running",
            ) from None
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        return _Answer(response.status, media, response.data)

    def _post(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> _Answer:
        graph = check_query(sparql) in ("construct", "describe")
        accept = _ACCEPT_GRAPH if graph else _ACCEPT_RESULTS
        form = [("query", prefix_block() + sparql)]
        # The dataset goes as protocol graphs even when the query names it: a server serving
        # the union as default graph (Oxigraph's --union-default-graph) ignores FROM.
        dataset = query_dataset(sparql, default_graphs=default_graphs, named_graphs=named_graphs)
        if dataset is not None:
            form += [("default-graph-uri", g) for g in dataset.default]
            form += [("named-graph-uri", g) for g in dataset.named]
        response = self._send(urlencode(form).encode("utf-8"), accept)
        if response.status == 400:
            raise QueryError(
                f"The SPARQL server refused the query: {response.text[:500]}",
                fix="check the query's syntax and the functions it uses",
            )
        if response.status >= 300:
            raise RemoteStoreError(
                f"The SPARQL server at {self.endpoint} answered {response.status}: "
                f"{response.text[:500]}",
                fix="check the server's log",
            )
        return response

    def _triples(self, response: _Answer) -> Iterator[ox.Triple]:
        fmt = _GRAPH_TYPES.get(response.media)
        if fmt is None:
            raise RemoteStoreError(
                f"The SPARQL server sent a graph as {response.media!r}.",
                fix="use a server that writes N-Triples or Turtle",
            )
        for quad in ox.parse(response.body, format=fmt):
            yield quad.triple if isinstance(quad, ox.Quad) else quad

    def _results(self, response: _Answer) -> dict:
        try:
            results: dict = json.loads(response.body)
        except ValueError:
            raise RemoteStoreError(
                "The SPARQL server sent results that are not JSON.", fix="check the server"
            ) from None
        return results

    def query(
        self, sparql: str, *, default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()
    ) -> QueryResult:
        """SELECT -> rows, ASK -> bool, CONSTRUCT/DESCRIBE -> triples, as Store.query."""
        response = self._post(sparql, default_graphs=default_graphs, named_graphs=named_graphs)
        if "json" in response.media:
            return json_rows(self._results(response))
        return list(self._triples(response))

    def protocol_query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
        row_cap: int,
    ) -> RawResult:
        response = self._post(sparql, default_graphs=default_graphs, named_graphs=named_graphs)
        if "json" not in response.media:
            return cap_triples(self._triples(response), row_cap=row_cap)
        results = self._results(response)
        if "boolean" in results:
            return RawResult(results={"head": {}, "boolean": bool(results["boolean"])})
        names = results["head"].get("vars", [])
        return cap_bindings(names, results["results"]["bindings"], row_cap=row_cap)

    def close(self) -> None:
        self._pool.clear()


@dataclass(frozen=True)
class LoadResult:
    graphs: int
    quads: int
    graph_store: str


def default_graph_store(endpoint: str) -> str:
    """Where a server's Graph Store Protocol lives, from its query endpoint: Oxigraph's
    /query -> /store, Virtuoso's /sparql -> /sparql-graph-crud-auth; else the same URL."""
    base, _, last = endpoint.rstrip("/").rpartition("/")
    return {"query": f"{base}/store", "sparql": f"{base}/sparql-graph-crud-auth"}.get(
        last, endpoint
    )


def _graphs(nquads: Path) -> dict[str, list[ox.Triple]]:
    graphs: dict[str, list[ox.Triple]] = {}
    for quad in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS):
        if not isinstance(quad.graph_name, ox.NamedNode):
            raise InputError(
                f"{nquads} has a triple outside every named graph.",
                fix="load the graph.nq that `kg build` writes (one named graph per document)",
            )
        graphs.setdefault(quad.graph_name.value, []).append(quad.triple)
    return graphs


def load_endpoint(
    nquads: Path,
    *,
    endpoint: str,
    graph_store: str | None = None,
    auth: tuple[str, str] | None = None,
    timeout: float = 300.0,
) -> LoadResult:
    """Replace every named graph of ``nquads`` on the server (Graph Store Protocol PUT, one
    request per graph, so a re-load leaves no stale triples). ``auth`` is sent as HTTP Digest
    (Virtuoso) after Basic is refused."""
    if not nquads.is_file():
        raise NotBuiltError(f"There is no graph at {nquads}.", fix="run `kg build` first")
    store = graph_store or default_graph_store(endpoint)
    graphs = _graphs(nquads)
    http_auth: httpx.Auth | None = httpx.DigestAuth(*auth) if auth else None
    with httpx.Client(timeout=timeout, auth=http_auth) as client:
        for graph, triples in graphs.items():
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
            try:
                response = client.put(
                    store,
                    params={"graph-uri" if "sparql-graph-crud" in store else "graph": graph},
                    content=body or b"",
                    headers={"Content-Type": "text/turtle; charset=utf-8"},
                )
            except httpx.HTTPError as exc:
                raise RemoteStoreError(
                    f"Cannot reach the graph store at {store}: {exc}.",
                    fix="check the URL (--graph-store) and that the server is running",
                ) from None
            if response.status_code >= 300:
                raise RemoteStoreError(
                    f"The graph store at {store} refused graph {graph} "
                    f"({response.status_code}): {response.text[:300]}",
                    fix="check --graph-store and the credentials (--user, --password)",
                )
    return LoadResult(
        graphs=len(graphs), quads=sum(len(t) for t in graphs.values()), graph_store=store
    )

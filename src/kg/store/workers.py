"""Queries in worker processes, so a time limit is real.

Neither pyoxigraph nor rdflib can cancel a running query, and a thread cannot be killed: the
only sure way to stop a runaway query is to end the process running it. A :class:`QueryPool`
keeps a few worker processes, each with its own read-only view of the store; a query that
outlives its limit gets its worker killed and replaced, while the other workers go on serving.
:class:`PooledStore` puts the pool behind the ordinary :class:`kg.store.base.Backend` interface.
"""

from __future__ import annotations

import copy
import logging
import multiprocessing
import queue
import threading
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from kg.errors import KgError, QueryTimeoutError, ServiceBusyError
from kg.store.backends import Engine, open_local
from kg.store.base import RawResult
from kg.store.embedded import QueryResult

log = logging.getLogger(__name__)

_CONTEXT = multiprocessing.get_context("spawn")  # no fork of a threaded server
_MAX_REQUESTS = 100_000  # a worker is replaced after this many queries (bounds its loop)


@dataclass(frozen=True)
class WorkerSpec:
    """What each worker opens: an engine over the store (or the graph.nq beside it)."""

    engine: Engine
    store: Path


def _worker_main(conn: Connection, spec: WorkerSpec) -> None:
    """A worker: open the backend, say ready, then answer (method, args, kwargs) messages."""
    try:
        backend: Any = open_local(spec.engine, spec.store)
    except KgError as exc:
        conn.send(("error", type(exc), exc.message, exc.fix))
        return
    conn.send(("ready", None))
    for _ in range(_MAX_REQUESTS):
        try:
            method, args, kwargs = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", getattr(backend, method)(*args, **kwargs)))
        except KgError as exc:
            conn.send(("error", type(exc), exc.message, exc.fix))
        except Exception as exc:  # the message goes to the log; the client gets no trace
            log.exception("query worker failed")
            conn.send(("error", KgError, f"The query failed: {type(exc).__name__}.", None))


class _Worker:
    def __init__(self, spec: WorkerSpec) -> None:
        self.conn, child = _CONTEXT.Pipe()
        self.process: BaseProcess = _CONTEXT.Process(
            target=_worker_main, args=(child, spec), daemon=True, name="kg-query-worker"
        )
        self.process.start()
        child.close()
        self.ready = False
        self.served = 0

    def wait_ready(self, timeout: float) -> None:
        if self.ready:
            return
        if not self.conn.poll(timeout):
            raise ServiceBusyError(
                f"A query worker did not open the store within {timeout:.0f} s.",
                fix="check that the store exists and is readable; retry",
            )
        status, *payload = self.conn.recv()
        if status == "error":
            cls, message, fix = payload
            raise cls(message, fix=fix)
        self.ready = True

    def stop(self) -> None:
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)


class QueryPool:
    """A fixed number of worker processes; each call runs in one, under a time limit."""

    def __init__(
        self, spec: WorkerSpec, *, size: int, timeout: float, start_timeout: float = 600.0
    ) -> None:
        self.spec = spec
        self.timeout = timeout
        self.start_timeout = start_timeout
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        for _ in range(max(1, size)):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        worker = _Worker(self.spec)
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> _Worker:
        worker.stop()
        with self._lock:
            self._all.discard(worker)
        return self._spawn()

    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """``backend.method(*args, **kwargs)`` in a worker. Waits for a free worker (as long as
        the time limit), then kills the worker if the call outlives the limit."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise ServiceBusyError(
                f"Every query worker stayed busy for {self.timeout:.0f} s.",
                fix="retry later, or serve with more workers (KG_WORKERS)",
            ) from None
        try:
            worker.wait_ready(self.start_timeout)
        except KgError:
            self._idle.put(self._retire(worker))
            raise
        try:
            worker.conn.send((method, args, kwargs))
            answered = worker.conn.poll(self.timeout)
            status, *payload = worker.conn.recv() if answered else ("timeout",)
        except (EOFError, OSError):
            self._idle.put(self._retire(worker))
            raise KgError(
                "The query worker stopped unexpectedly.", fix="retry; report it if it recurs"
            ) from None
        if status == "timeout":
            self._idle.put(self._retire(worker))
            raise QueryTimeoutError(
                f"The query ran longer than the limit of {self.timeout:g} s and was stopped.",
                fix="narrow the query (more specific patterns, a LIMIT), or ask the "
                "operator to raise KG_QUERY_TIMEOUT",
            )
        worker.served += 1
        self._idle.put(worker if worker.served < _MAX_REQUESTS else self._retire(worker))
        if status == "error":
            cls, message, fix = payload
            raise cls(message, fix=fix)
        return payload[0]

    def close(self) -> None:
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.stop()


class ResultCache:
    """A bounded, thread-safe LRU of query answers.

    The served graph is read-only for the server's whole life (a rebuild swaps in a new store
    that a restarted server opens), so an answer computed once stays right; repeated requests,
    the common case for a comparison page, then cost no worker round trip. Large answers are
    not kept, so the cache stays small.
    """

    def __init__(self, *, entries: int = 1024, max_size: int = 2000) -> None:
        self._entries = entries
        self._max_size = max_size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any | None:
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return copy.deepcopy(self._items[key])

    def put(self, key: Hashable, value: Any, *, size: int) -> None:
        """Keep ``value`` unless its ``size`` (rows, bytes: the caller's measure) is too big."""
        if self._entries <= 0 or size > self._max_size:
            return
        with self._lock:
            self._items[key] = copy.deepcopy(value)
            self._items.move_to_end(key)
            while len(self._items) > self._entries:
                self._items.popitem(last=False)


def _rows(result: Any) -> int:
    if isinstance(result, list):
        return len(result)
    if isinstance(result, RawResult):
        bindings = (result.results or {}).get("results", {}).get("bindings", [])
        return len(bindings) + (result.ntriples or b"").count(b"\n")
    return 1


class PooledStore:
    """A :class:`kg.store.base.Backend` whose every query runs in a :class:`QueryPool`, with
    answers of the read-only graph cached in the server process."""

    def __init__(self, pool: QueryPool, *, cache: ResultCache | None = None) -> None:
        self.pool = pool
        self.cache = cache or ResultCache()

    def query(
        self, sparql: str, *, default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()
    ) -> QueryResult:
        key = ("query", sparql, tuple(default_graphs), tuple(named_graphs))
        cached: QueryResult | None = self.cache.get(key)
        if cached is not None:
            return cached
        result: QueryResult = self.pool.call(
            "query", sparql, default_graphs=tuple(default_graphs), named_graphs=tuple(named_graphs)
        )
        self.cache.put(key, result, size=_rows(result))
        return result

    def protocol_query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
        row_cap: int,
    ) -> RawResult:
        key = ("protocol", sparql, tuple(default_graphs), tuple(named_graphs), row_cap)
        cached: RawResult | None = self.cache.get(key)
        if cached is not None:
            return cached
        result: RawResult = self.pool.call(
            "protocol_query",
            sparql,
            default_graphs=tuple(default_graphs),
            named_graphs=tuple(named_graphs),
            row_cap=row_cap,
        )
        self.cache.put(key, result, size=_rows(result))
        return result

    def close(self) -> None:
        self.pool.close()

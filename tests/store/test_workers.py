"""kg.store.workers: queries run in killable worker processes; a time limit is real."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from kg.errors import NotBuiltError, QueryError, QueryTimeoutError
from kg.store.workers import PooledStore, QueryPool, WorkerSpec

CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def pooled(built_data: Path):
    store = PooledStore(QueryPool(WorkerSpec("oxigraph", built_data / "store"), size=2, timeout=1))
    yield store
    store.close()


def test_workers_kill_a_query_past_its_limit_while_others_answer(pooled: PooledStore) -> None:
    answers: list[object] = []
    slow = threading.Thread(target=lambda: answers.append(_attempt(pooled, CROSS_JOIN)))
    started = time.monotonic()
    slow.start()
    time.sleep(0.1)
    assert pooled.query("ASK { ?t a pol:Target }") is True
    slow.join(timeout=30)
    assert isinstance(answers[0], QueryTimeoutError)
    assert time.monotonic() - started < 5
    assert pooled.query("SELECT (COUNT(*) AS ?n) WHERE { ?d a pol:Document }") == [{"n": 5}]


def _attempt(store: PooledStore, query: str) -> object:
    try:
        return store.query(query)
    except QueryTimeoutError as exc:
        return exc


def test_workers_pass_library_errors_through_with_their_class(pooled: PooledStore) -> None:
    with pytest.raises(QueryError) as caught:
        pooled.query("SELECT * WHERE {")
    assert caught.value.fix


def test_workers_report_a_missing_store(tmp_path: Path) -> None:
    pool = QueryPool(WorkerSpec("oxigraph", tmp_path / "store"), size=1, timeout=5)
    try:
        with pytest.raises(NotBuiltError):
            PooledStore(pool).query("ASK {}")
    finally:
        pool.close()


def test_workers_result_cache_returns_copies_and_evicts_the_oldest() -> None:
    from kg.store.workers import ResultCache

    cache = ResultCache(entries=2, max_size=10)
    rows = [{"a": 1}]
    cache.put("q1", rows, size=1)
    got = cache.get("q1")
    assert got == rows and got is not rows
    got[0]["a"] = 2  # a caller changing its answer does not change the cache
    assert cache.get("q1") == [{"a": 1}]
    cache.put("q2", [], size=0)
    cache.put("q3", [], size=0)
    assert cache.get("q1") is None and cache.get("q3") == []
    cache.put("big", [{}] * 11, size=11)
    assert cache.get("big") is None

"""Where the documents of a build are processed: in this process, in a pool of processes on
this machine's cores, or on a Dask distributed cluster. All three run ``kg.shards.build_shard``
on the same tasks, so they give the same shards; results arrive as they finish.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from enum import StrEnum
from typing import TYPE_CHECKING

from kg.errors import InputError

if TYPE_CHECKING:  # the CLI imports this module for Executor; the build's code loads lazily
    from kg.shards import DocumentTask, ShardResult


class Executor(StrEnum):
    local = "local"  # this process, or a process pool with --jobs
    dask = "dask"  # a dask.distributed scheduler


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_tasks(
    tasks: Sequence[DocumentTask],
    *,
    jobs: int | None = None,
    executor: Executor = Executor.local,
    scheduler: str | None = None,
) -> Iterator[ShardResult]:
    """Each task's shard, in the order they finish."""
    if not tasks:
        return iter(())
    if executor is Executor.dask:
        if not scheduler:
            raise InputError(
                "--executor dask needs the scheduler's address.",
                fix="pass --scheduler tcp://HOST:8786 (start one with `dask scheduler`)",
            )
        return _dask(tasks, scheduler=scheduler)
    jobs = min(jobs or default_jobs(), len(tasks))
    if jobs < 1:
        raise InputError(
            f"--jobs {jobs} is not a number of processes.", fix="pass --jobs 1 or more"
        )
    from kg.shards import build_shard

    if jobs == 1:
        return (build_shard(task) for task in tasks)
    return _pool(tasks, jobs=jobs)


def _pool(tasks: Sequence[DocumentTask], *, jobs: int) -> Iterator[ShardResult]:
    """A process pool; with fork, the workers inherit the loaded spaCy pipeline and rules."""
    from kg.extract.nlp import get_nlp
    from kg.shards import build_shard

    fork = "fork" in mp.get_all_start_methods()
    if fork:
        get_nlp()
    context = mp.get_context("fork" if fork else "spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        # A bounded window of submitted tasks keeps the results waiting to be read few.
        pending: set[Future[ShardResult]] = set()
        queue = iter(tasks)
        for task in queue:
            pending.add(pool.submit(build_shard, task))
            if len(pending) >= 4 * jobs:
                break
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
                task_next = next(queue, None)
                if task_next is not None:
                    pending.add(pool.submit(build_shard, task_next))


def _dask(tasks: Sequence[DocumentTask], *, scheduler: str) -> Iterator[ShardResult]:
    """A dask.distributed cluster; its workers need this checkout and the ingest folder."""
    from distributed import Client, as_completed

    from kg.shards import build_shard

    with Client(scheduler) as client:
        futures = client.map(
            build_shard, list(tasks), key=[f"shard-{t.source.id}-{t.key}" for t in tasks]
        )
        for future in as_completed(futures):
            result: ShardResult = future.result()
            future.release()
            yield result

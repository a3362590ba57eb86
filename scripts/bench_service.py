"""Benchmark the web service on 127.0.0.1; prints figures for docs/benchmarks.md ("Service").

For each graph (the five documents, and the corpus replicated to about 1M triples), each
engine behind the same app (Oxigraph, and rdflib's own SPARQL engine as the baseline) and each
route (the indicator comparison /indicators/{id}/compare, and the headline SPARQL query
village_doctor_share.rq through /sparql), it measures requests per second and p50/p99 latency
under 1, 8 and 32 concurrent clients. Each measurement issues requests for at most
--duration seconds and --max-requests requests; requests in flight then finish.

Usage: .venv/bin/python scripts/bench_service.py [--copies 60] [--duration 10]
       [--max-requests 400] [--data-small DIR] [--data-large DIR] [--routes compare sparql]
       [--replicas N] [--workers N] [--endpoint URL | --external oxigraph|virtuoso]
       [--log DIR]

``--replicas N`` serves with N API processes on one port (`kg serve --replicas`), each with
``--workers`` query workers; ``--endpoint`` puts the app in front of an external SPARQL server
(which must hold the graph given by --data-large, whose graph.nq is counted) instead of the
embedded store; ``--external`` starts one here (scripts/external_stores.py: the Oxigraph
server reading DATA/store, or Virtuoso on the database --virtuoso-dir that
``external_stores.py load-virtuoso`` made). Each cell says the server's CPU time per request
(the API processes, their query workers and the external server, from /proc) and what any
failed request got (status code or exception); ``--log`` keeps the servers' logs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx
import psutil
from external_stores import oxigraph_server, virtuoso_server
from replicate_graph import load, replicate

from kg.paths import queries_dir

ROOT = Path(__file__).resolve().parents[1]
KG = Path(sys.executable).parent / "kg"
INDICATOR = "village-doctor-licensed-share"
CONCURRENCY = (1, 8, 32)
# (label, engine, answers cached): the engines are compared without the server's answer cache,
# then Oxigraph is measured as served by default, with it.
CONFIGURATIONS = (
    ("oxigraph", "oxigraph", 0),
    ("rdflib", "rdflib", 0),
    ("oxigraph, cached", "oxigraph", 1024),
)
SLOW = 5.0  # seconds: a single client's p50 above this skips the higher concurrencies


def build(copies: int, base: Path) -> Path:
    """A data folder with the corpus built once and, for ``copies`` > 1, its graph replicated
    that many times under distinct document and jurisdiction ids (scripts/replicate_graph.py)."""
    data = base / "data-1"
    subprocess.run(
        [str(KG), "build", "--ingest", str(ROOT / "ingest"), "--data-dir", str(data)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    if copies == 1:
        return data
    large = base / f"data-{copies}"
    replicate(data / "graph.nq", copies, large)
    load(large)
    return large


def quads(data: Path) -> int:
    with (data / "graph.nq").open("rb") as handle:
        return sum(1 for _ in handle)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve(
    data: Path,
    engine: str,
    *,
    cache_entries: int,
    replicas: int = 1,
    workers: int = 2,
    endpoint: str | None = None,
    log: Path | None = None,
) -> Iterator[tuple[str, psutil.Process]]:
    """`kg serve` on a free 127.0.0.1 port, its workers loaded; stopped on exit. Yields its URL
    and its process (whose children are the replicas and query workers)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "KG_WORKERS": str(workers),
        "KG_QUERY_TIMEOUT": "300",
        "KG_ROW_CAP": "100000",
        "KG_CACHE_ENTRIES": str(cache_entries),
    }
    command = [str(KG), "serve", "--port", str(port), "--replicas", str(replicas)]
    source = ["--endpoint", endpoint] if endpoint else ["--store", str(data / "store")]
    output = (log / f"kg-serve-{port}.log").open("wb") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        [*command, *source, "--engine", engine],
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"kg serve exited with {process.returncode}")
            try:
                httpx.get(f"{url}/openapi.json", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        asyncio.run(_warm(url))
        yield url, psutil.Process(process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)
        if log:
            output.close()  # type: ignore[union-attr]


def cpu_seconds(root: psutil.Process) -> float:
    """User + system CPU of a process and all its children alive now."""
    total = 0.0
    for p in [root, *root.children(recursive=True)]:
        try:
            times = p.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def connections_per_process(root: psutil.Process, *, port: int) -> list[int]:
    """How many of the clients' connections each API process holds, most first (uvicorn's
    own replicas share one listening socket, and whichever wakes first accepts every
    connection waiting)."""
    listening: dict[psutil.Process, int] = {}
    for p in [root, *root.children(recursive=True)]:
        try:
            held = [c for c in p.net_connections("tcp") if c.laddr and c.laddr.port == port]
        except psutil.NoSuchProcess:
            continue
        if held:
            listening[p] = sum(1 for c in held if c.status == psutil.CONN_ESTABLISHED)
    if len(listening) > 1:
        listening.pop(root, None)  # a supervisor that accepts nothing itself
    return sorted(listening.values(), reverse=True)


def cpu_text(cpu_ms: dict[str, float]) -> str:
    """``9.6 (API 5.1, store 4.5)``: the servers' CPU per request, in all and by server."""
    parts = ", ".join(f"{name} {ms:.1f}" for name, ms in cpu_ms.items())
    return f"{sum(cpu_ms.values()):.1f} ({parts})" if len(cpu_ms) > 1 else parts.split()[-1]


async def _warm(url: str) -> None:
    """Two concurrent requests, so both workers have opened (or parsed) the graph."""
    async with httpx.AsyncClient(timeout=900) as client:
        await asyncio.gather(*(client.get(f"{url}/health") for _ in range(2)))
        await client.get(f"{url}/indicators/{INDICATOR}/compare")


async def measure(
    url: str,
    params: dict[str, str] | None,
    *,
    clients: int,
    duration: float,
    limit: int,
    servers: dict[str, psutil.Process],
) -> dict[str, Any]:
    """``clients`` concurrent loops of GET requests; latency of each, throughput overall, and
    the ``servers``' CPU time per request answered.

    One unmeasured request per client first opens the connections, so the figures are those
    of a server in steady state, not of connection set-up.
    """
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    issued = 0
    stop = 0.0  # set once the connections are open

    async def client_loop(client: httpx.AsyncClient) -> None:
        nonlocal issued
        while time.monotonic() < stop and issued < limit:
            issued += 1
            started = time.perf_counter()
            try:
                response = await client.get(url, params=params)
                failure = None if response.status_code == 200 else str(response.status_code)
            except httpx.HTTPError as exc:
                failure = type(exc).__name__
            if failure is None:
                latencies.append(time.perf_counter() - started)
            else:
                errors[failure] += 1

    # one client (one keep-alive connection) per simulated user: a shared httpx pool serialises
    # its users on its own lock and would measure the load generator, not the server
    pool = [httpx.AsyncClient(timeout=300) for _ in range(clients)]
    try:
        # warm-up, not measured: every client opens its connection first
        await asyncio.gather(*(c.get(url, params=params) for c in pool))
        spread = connections_per_process(servers["API"], port=int(url.split(":")[2].split("/")[0]))
        stop = time.monotonic() + duration
        began = time.perf_counter()
        cpu = {name: cpu_seconds(p) for name, p in servers.items()}
        await asyncio.gather(*(client_loop(c) for c in pool))
        elapsed = time.perf_counter() - began
        cpu = {name: cpu_seconds(p) - cpu[name] for name, p in servers.items()}
    finally:
        await asyncio.gather(*(c.aclose() for c in pool))
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return {
        "requests": len(latencies),
        "errors": ", ".join(f"{n} {kind}" for kind, n in errors.most_common()),
        "rps": len(latencies) / elapsed,
        "cpu_ms": {name: c / max(1, len(latencies)) * 1000 for name, c in cpu.items()},
        "spread": spread,
        "p50": cuts[49] * 1000 if cuts else float("nan"),
        "p99": cuts[98] * 1000 if cuts else float("nan"),
    }


def run(args: argparse.Namespace, base: Path) -> None:
    headline = (queries_dir() / "village_doctor_share.rq").read_text("utf-8")
    routes = {
        f"GET /indicators/{{id}}/compare ({INDICATOR})": (
            f"/indicators/{INDICATOR}/compare",
            None,
        ),
        "GET /sparql (village_doctor_share.rq)": ("/sparql", {"query": headline}),
    }
    chosen = {"compare": "GET /indicators", "sparql": "GET /sparql"}
    routes = {k: v for k, v in routes.items() if any(k.startswith(chosen[r]) for r in args.routes)}
    graphs = {}
    if args.graphs in ("small", "both"):
        graphs["5 documents"] = args.data_small or build(1, base)
    if args.graphs in ("large", "both"):
        label = f"{args.data_large}" if args.data_large else f"corpus graph x {args.copies}"
        graphs[label] = args.data_large or build(args.copies, base)
    print(
        "| graph | quads | engine | store | route | clients | requests | req/s | p50 ms | p99 ms "
        "| server CPU ms/request | load |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for graph, data in graphs.items():
        size = quads(data)
        for label, engine, cache in CONFIGURATIONS:
            if label not in args.configurations:
                continue
            with ExitStack() as stack:
                endpoint, servers = args.endpoint, {}
                if args.external == "oxigraph":
                    endpoint, process = stack.enter_context(oxigraph_server(data / "store"))
                    servers["store"] = psutil.Process(process.pid)
                elif args.external == "virtuoso":
                    endpoint, process, _ = stack.enter_context(virtuoso_server(args.virtuoso_dir))
                    servers["store"] = psutil.Process(process.pid)
                url, api = stack.enter_context(
                    serve(
                        data,
                        engine,
                        cache_entries=cache,
                        replicas=args.replicas,
                        workers=args.workers,
                        endpoint=endpoint,
                        log=args.log,
                    )
                )
                servers = {"API": api, **servers}
                store = args.external or ("external" if endpoint else "embedded")
                store += f", {args.replicas} API processes" if args.replicas > 1 else ""
                for route, (path, params) in routes.items():
                    for clients in args.clients:
                        r = asyncio.run(
                            measure(
                                url + path,
                                params,
                                clients=clients,
                                duration=args.duration,
                                limit=args.max_requests,
                                servers=servers,
                            )
                        )
                        errors = f" (failed: {r['errors']})" if r["errors"] else ""
                        if len(r["spread"]) > 1:
                            errors += " (connections " + "/".join(map(str, r["spread"])) + ")"
                        cpu = cpu_text(r["cpu_ms"])
                        print(
                            f"| {graph} | {size:,} | {label} | {store} | {route} | {clients} | "
                            f"{r['requests']:.0f}{errors} | {r['rps']:.1f} | {r['p50']:.0f} | "
                            f"{r['p99']:.0f} | {cpu} | {os.getloadavg()[0]:.1f} |",
                            flush=True,
                        )
                        if clients == 1 and r["p50"] > SLOW * 1000:
                            print(
                                f"| {graph} | {size:,} | {label} | {store} | {route} | 8, 32 | "
                                f"skipped: one client's p50 is over {SLOW:g} s | | | | | |"
                            )
                            break


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=60)
    parser.add_argument("--graphs", choices=("small", "large", "both"), default="both")
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--max-requests", type=int, default=400)
    parser.add_argument("--data-small", type=Path, help="An existing build of the 5 documents.")
    parser.add_argument("--data-large", type=Path, help="An existing build of the replicas.")
    parser.add_argument(
        "--configurations",
        nargs="+",
        default=[c[0] for c in CONFIGURATIONS],
        choices=[c[0] for c in CONFIGURATIONS],
        help="Which of the configurations to measure (rdflib takes minutes per request at 1M).",
    )
    parser.add_argument(
        "--routes", nargs="+", default=["compare", "sparql"], choices=["compare", "sparql"]
    )
    parser.add_argument("--replicas", type=int, default=1, help="API processes (kg serve).")
    parser.add_argument("--workers", type=int, default=2, help="Query workers per API process.")
    parser.add_argument("--endpoint", help="An external SPARQL server holding --data-large.")
    parser.add_argument(
        "--external",
        choices=("oxigraph", "virtuoso"),
        help="Start this external server here (on DATA/store, or on --virtuoso-dir).",
    )
    parser.add_argument(
        "--virtuoso-dir", type=Path, help="A Virtuoso database (external_stores.py load-virtuoso)."
    )
    parser.add_argument("--log", type=Path, help="A folder for the servers' logs.")
    parser.add_argument(
        "--clients", type=int, nargs="+", default=list(CONCURRENCY), help="Concurrencies."
    )
    args = parser.parse_args()
    print(
        f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M')} UTC, "
        f"load {os.getloadavg()[0]:.1f}, replicas {args.replicas}, workers {args.workers}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        run(args, Path(tmp))


if __name__ == "__main__":
    main()

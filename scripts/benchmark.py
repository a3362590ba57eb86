"""Benchmark `kg build` at growing corpus sizes; prints figures for docs/benchmarks.md.

Each build runs `kg build` in a fresh process (start-up included) and is sampled every 0.1 s:
wall time, CPU time of the process tree, and peak memory (the largest sum of the PSS of the
build process and its workers at one moment, and the largest RSS of a single process). Measured:
- the five corpus documents (best of --repeat), checked byte-identical between runs;
- synthetic corpora (scripts/synth_corpus.py) of each --sizes, full build from nothing;
- on the largest size: the rebuild after editing one document;
- --jobs 1 against --jobs 2 on --jobs-size documents (throughput in documents per second),
  timed without the memory sampler: reading every process's smaps_rollup ten times a second
  costs the tree about 1.5 ms of CPU per 250 MiB each time, which the CPU-bound --jobs 2 pays
  in wall time and --jobs 1 (one core left idle) does not (--sample-jobs samples them too).

Results are appended as JSON lines to --results; --plot draws the growth plot (log-log:
documents against wall time and peak memory) from every result there.

Usage: python scripts/benchmark.py --sizes 100 500 2000 --results /tmp/bench.jsonl \
           --plot docs/benchmark-growth.png

The national-scale aims in one command (about 10 minutes on two free cores; 10,000
documents need about 15 GB of disk in --work): --jobs 1 against --jobs 2 on 1,000 documents,
then 10,000 documents from nothing and the rebuild after editing one of them:
    python scripts/benchmark.py --skip-five --jobs-size 1000 --sizes 10000 \
        --work /tmp/kg-bench --results /tmp/kg-bench/results.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def machine() -> str:
    mem = psutil.virtual_memory().total / 2**30
    return (
        f"{platform.node()} {platform.machine()}, {os.cpu_count()} cores, {mem:.0f} GiB, "
        f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    )


def run_build(
    ingest: Path | None,
    data: Path,
    *,
    jobs: int | None = None,
    extra: tuple[str, ...] = (),
    sample: bool = True,
) -> dict[str, float | str | None]:
    """One `kg build` process: wall s, CPU s and, if ``sample``, peak tree PSS MiB and peak
    process RSS MiB (None without)."""
    command = [PYTHON, "-c", "from kg.cli import app; app()", "build", "--data-dir", str(data)]
    if ingest is not None:
        command += ["--ingest", str(ingest)]
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"}
    load_before = _load()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    errors = tempfile.TemporaryFile()  # noqa: SIM115 - read once the process has ended
    process = psutil.Popen([*command, *extra], env=env, stdout=subprocess.PIPE, stderr=errors)
    peak_tree = peak_one = 0.0
    while sample and process.poll() is None:
        try:
            family = [process, *process.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        rss, pss = [], []
        for p in family:
            try:
                info = p.memory_full_info()  # PSS: pages shared after fork counted once
            except psutil.NoSuchProcess:
                continue
            rss.append(info.rss)
            pss.append(getattr(info, "pss", info.rss))
        peak_tree = max(peak_tree, sum(pss) / 2**20)
        peak_one = max(peak_one, max(rss, default=0) / 2**20)
        time.sleep(0.1)
    process.wait()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime
    output = process.stdout.read().decode() if process.stdout else ""
    if process.returncode != 0:
        errors.seek(0)
        raise SystemExit(
            f"kg build failed ({process.returncode}): {errors.read().decode()[-3000:]}"
        )
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 1),
        "peak_tree_mib": round(peak_tree) if sample else None,
        "peak_process_mib": round(peak_one) if sample else None,
        "load_before": load_before,
        "load_after": _load(),
        "output": output.strip().splitlines()[-1] if output.strip() else "",
    }


def synth(count: int, dest: Path) -> None:
    if (dest / "sources.toml").is_file():
        return
    subprocess.run(
        [PYTHON, str(ROOT / "scripts" / "synth_corpus.py"), str(count), str(dest)],
        check=True,
        env={**os.environ, "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"},
    )


def _record(results: Path, **fields: object) -> None:
    line = json.dumps({"machine": machine(), **fields}, ensure_ascii=False)
    print(line, flush=True)
    with results.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def edit_one(ingest: Path) -> None:
    """Change one figure of the first document (a new shard, the same structure)."""
    path = sorted((ingest / "corpus").glob("*.txt"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("到", "力争到", 1), encoding="utf-8")


def plot(results: Path, out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines()]
    full = sorted(
        (r for r in rows if r.get("run") == "full" and r.get("jobs") is None),
        key=lambda r: r["documents"],
    )
    if not full:
        return
    docs = [r["documents"] for r in full]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.loglog(docs, [r["wall_s"] for r in full], "o-", label="wall time")
    left.loglog(docs, [r["cpu_s"] for r in full], "s--", label="CPU time (all processes)")
    left.axhline(1800, color="red", linestyle=":", label="aim: 10,000 docs ≤ 30 min")
    left.set_xlabel("documents")
    left.set_ylabel("seconds")
    left.set_title("kg build from nothing")
    left.legend()
    right.loglog(
        docs, [r["peak_tree_mib"] for r in full], "o-", label="peak memory, all processes (PSS)"
    )
    right.loglog(docs, [r["peak_process_mib"] for r in full], "s--", label="peak RSS, one process")
    right.axhline(2048, color="red", linestyle=":", label="aim: ≤ 2 GB")
    right.set_xlabel("documents")
    right.set_ylabel("MiB")
    right.set_title("peak memory")
    right.legend()
    fig.suptitle(f"{full[-1]['machine']} (2 cores shared with other work)", fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    print(f"plot: {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 500, 2000])
    parser.add_argument("--jobs-size", type=int, default=200, help="0 to skip --jobs 1 vs 2")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None, help="keep corpora and data here")
    parser.add_argument("--results", type=Path, default=Path("benchmark-results.jsonl"))
    parser.add_argument("--plot", type=Path, default=None)
    parser.add_argument("--skip-five", action="store_true")
    parser.add_argument(
        "--sample-jobs", action="store_true", help="sample memory in the --jobs runs too"
    )
    args = parser.parse_args()
    print(machine(), "| load", _load(), flush=True)
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    if not args.skip_five:
        shas, runs = set(), []
        for i in range(args.repeat):
            data = work / f"five-{i}"
            runs.append(run_build(None, data))
            shas.add(_sha(data / "graph.nq"))
        best = min(runs, key=lambda r: r["wall_s"])
        _record(
            args.results,
            run="five",
            documents=5,
            identical=len(shas) == 1,
            sha=sorted(shas),
            **best,
        )
    if args.jobs_size:
        corpus = work / f"synth-{args.jobs_size}"
        synth(args.jobs_size, corpus)
        for jobs in (1, 2):
            figures = run_build(
                corpus, work / f"jobs{jobs}-{args.jobs_size}", jobs=jobs, sample=args.sample_jobs
            )
            rate = args.jobs_size / float(figures["wall_s"])
            _record(
                args.results,
                run="full",
                jobs=jobs,
                documents=args.jobs_size,
                docs_per_s=round(rate, 2),
                **figures,
            )
    for size in args.sizes:
        corpus = work / f"synth-{size}"
        synth(size, corpus)
        data = work / f"data-{size}"
        figures = run_build(corpus, data)
        rate = round(size / float(figures["wall_s"]), 2)
        _record(args.results, run="full", jobs=None, documents=size, docs_per_s=rate, **figures)
        edit_one(corpus)
        figures = run_build(corpus, data)
        _record(args.results, run="one edit", jobs=None, documents=size, **figures)
    if args.plot:
        plot(args.results, args.plot)


if __name__ == "__main__":
    main()

"""Benchmark `kg build` and the pipeline; prints figures for docs/benchmarks.md.

Measures, each in a fresh process so start-up is included:
- wall time and peak memory (max RSS) of `kg build` on the five corpus documents;
- the same on the corpus replicated N times under distinct document ids (default 100);
- the pipeline's throughput in characters per second (segment, extract, link, RDF), in process,
  on one core, after start-up.

Usage: .venv/bin/python scripts/benchmark.py [--copies 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KG = Path(sys.executable).parent / "kg"


def _toml_value(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(value)


def _entry(table: str, fields: dict[str, object]) -> str:
    lines = [f"[[{table}]]"] + [f"{k} = {_toml_value(v)}" for k, v in fields.items()]
    return "\n".join(lines) + "\n\n"


def replicate_ingest(copies: int, dest: Path) -> int:
    """An ingest folder with the corpus `copies` times under distinct ids; returns its chars."""
    with (ROOT / "ingest" / "sources.toml").open("rb") as fh:
        documents = tomllib.load(fh)["document"]
    with (ROOT / "ingest" / "errata.toml").open("rb") as fh:
        errata = tomllib.load(fh)["erratum"]
    (dest / "corpus").mkdir(parents=True)
    manifest, fixes, chars = [], [], 0
    for n in range(copies):
        suffix = "" if copies == 1 else f"-copy{n:03d}"
        for doc in documents:
            src = ROOT / "ingest" / doc["path"]
            name = f"{doc['id']}{suffix}.txt"
            shutil.copyfile(src, dest / "corpus" / name)
            chars += len(src.read_text(encoding="utf-8"))
            manifest.append(
                _entry("document", {**doc, "id": doc["id"] + suffix, "path": f"corpus/{name}"})
            )
        for e in errata:
            fixes.append(_entry("erratum", {**e, "id": e["id"] + suffix, "doc": e["doc"] + suffix}))
    (dest / "sources.toml").write_text("".join(manifest), encoding="utf-8")
    (dest / "errata.toml").write_text("".join(fixes), encoding="utf-8")
    return chars


def time_build(ingest: Path, data: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one `kg build` process."""
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(
        [str(KG), "build", "--ingest", str(ingest), "--data-dir", str(data)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024


def pipeline_throughput(ingest: Path, chars: int) -> dict[str, float]:
    """Characters per second of each step, in this process, after a warm-up."""
    from kg.extract.nlp import get_nlp
    from kg.graph.build import build_dataset, to_sorted_nquads
    from kg.pipeline import extract_corpus, software_version

    get_nlp()  # start-up (jieba's dictionary) is not throughput
    extract_corpus(manifest=ROOT / "ingest" / "sources.toml")
    t0 = time.perf_counter()
    docs = extract_corpus(manifest=ingest / "sources.toml")
    t1 = time.perf_counter()
    dataset = build_dataset(docs, software_version=software_version())
    to_sorted_nquads(dataset)
    t2 = time.perf_counter()
    return {
        "extract (normalise, segment, spaCy components, resolve)": chars / (t1 - t0),
        "link + RDF + sorted N-Quads": chars / (t2 - t1),
        "whole pipeline": chars / (t2 - t0),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    print(
        f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        for copies in (1, args.copies):
            ingest = base / f"ingest-{copies}"
            chars = replicate_ingest(copies, ingest)
            runs = [
                time_build(ingest, base / f"data-{copies}-{i}")
                for i in range(args.repeat if copies == 1 else 1)
            ]
            wall = min(r[0] for r in runs)
            peak = max(r[1] for r in runs)
            print(
                f"kg build, {5 * copies} documents ({chars:,} chars): "
                f"{wall:.2f} s wall (best of {len(runs)}), peak RSS {peak:.0f} MiB"
            )
        chars = replicate_ingest(10, base / "ingest-throughput")
        for step, rate in pipeline_throughput(base / "ingest-throughput", chars).items():
            print(f"throughput, {step}: {rate:,.0f} chars/s")


if __name__ == "__main__":
    main()

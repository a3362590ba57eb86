"""Time `kg add FOLDER` on a fresh corpus folder: reading (readers, OCR) and the rebuild.

    python scripts/bench_add.py ../shared/documents

Prints the machine, each phase's wall time and the documents per reader; the figures go to
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from kg.errors import KgError
from kg.ingest.add import commit, plan_add, rollback, stage
from kg.pipeline import build


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--skip", action="append", default=[], help="file names to leave out")
    args = parser.parse_args()
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory(prefix="kg-bench-add-") as tmp:
        corpus, data = Path(tmp) / "corpus", Path(tmp) / "data"
        started = time.perf_counter()
        files = [p for p in sorted(args.folder.iterdir()) if p.name not in args.skip]
        plan = plan_add(files if args.skip else [args.folder], ingest=corpus)
        read = time.perf_counter() - started
        readers = Counter(d.entry["parts"][0]["reader"] for d in plan.documents)
        print(f"read {len(plan.documents)} files in {read:.1f} s: {dict(sorted(readers.items()))}")
        staged = stage(plan)
        begun = time.perf_counter()
        try:
            result = build(data_dir=data, manifest=staged.manifest)
        except KgError as exc:
            rollback(staged)
            print(f"rebuild failed after {time.perf_counter() - begun:.1f} s: {exc.message}")
            sys.exit(1)
        commit(staged)
        total = time.perf_counter() - started
        print(
            f"rebuilt {result.documents} documents ({result.targets} targets, {result.tasks} "
            f"tasks, {result.quads} quads) in {result.seconds:.1f} s"
        )
        print(f"kg add {args.folder}: {total:.1f} s wall on a fresh corpus folder")


if __name__ == "__main__":
    main()

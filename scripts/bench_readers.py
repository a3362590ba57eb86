"""Benchmark the readers on the development documents; prints figures for docs/benchmarks.md.

Measures, in process after a warm-up read (imports and Tesseract's model load excluded):
- text-layer PDFs: pages per second through the pdf reader (one core, pypdfium2);
- scanned PDFs: pages per second through the OCR reader (Tesseract chi_sim at the configured
  dpi, pages in parallel over the cores this process may use);
- the other formats: files per second.
Prints the machine (cores, CPU model) and the load average, since other work shares the cores.

Usage: .venv/bin/python scripts/bench_readers.py [--documents ../shared/documents] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

from kg.ingest.readers import read_file, reader_for

ROOT = Path(__file__).resolve().parents[1]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _measure(files: list[Path], repeat: int) -> tuple[int, float]:
    """Pages read and the best wall time of ``repeat`` passes over ``files``."""
    pages = 0
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        pages = sum(len(read_file(path).page_starts) for path in files)
        best = min(best, time.perf_counter() - start)
    return pages, best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=Path, default=ROOT.parent / "shared" / "documents")
    parser.add_argument("--repeat", type=int, default=3, help="passes per group (best is kept)")
    args = parser.parse_args()

    groups: dict[str, list[Path]] = {}
    for path in sorted(args.documents.iterdir()):
        if path.suffix.lower() in {".md"} or not path.is_file():
            continue
        groups.setdefault(reader_for(path), []).append(path)

    usable = len(os.sched_getaffinity(0))
    print(f"machine: {os.cpu_count()} cores ({usable} usable), {_cpu_model()}")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for name, files in sorted(groups.items()):
        read_file(files[0])  # warm-up
        repeat = 1 if name == "ocr" else args.repeat
        pages, seconds = _measure(files, repeat)
        unit = "pages" if name in {"pdf", "ocr"} else "files"
        count = pages if unit == "pages" else len(files)
        print(
            f"{name:5s} {len(files):2d} files, {pages:3d} pages: {seconds:7.2f} s"
            f" = {count / seconds:8.1f} {unit}/s (best of {repeat})"
        )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()

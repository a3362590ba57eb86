"""How long the comparison page takes to show its matrix, in headless Chromium; prints figures
for docs/benchmarks.md ("The page at national scale") and saves a screenshot.

The server runs with its answer cache off (``KG_CACHE_ENTRIES=0``), so every load queries the
store. Each case loads the page --runs times in a fresh browser context and measures from
navigation start until the matrix's rows are in the page.

Usage: .venv/bin/python scripts/bench_page.py DATA_DIR [--runs 5] [--cities a,b,c]
       [--screenshot docs/comparison-page-national.png]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import time
from pathlib import Path

from bench_service import quads, serve

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def load_times(url: str, *, runs: int, screenshot: Path | None) -> list[float]:
    """Milliseconds from navigation start to the matrix rendered, one per run."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS, headless=True)
        for run in range(runs):
            context = browser.new_context(viewport={"width": 1500, "height": 1000})
            page = context.new_page()
            page.set_default_timeout(120_000)
            page.goto(url)
            page.wait_for_selector("#matrix tbody tr")
            times.append(page.evaluate("performance.now()"))
            if screenshot is not None and run == runs - 1:
                page.screenshot(path=str(screenshot), full_page=False)
            context.close()
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="a data folder with store/ and graph.nq")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cities", default="", help="jurisdictions chosen, comma-separated")
    parser.add_argument("--screenshot", type=Path)
    args = parser.parse_args()
    print(
        f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}, "
        f"load {os.getloadavg()[0]:.1f}"
    )
    size = quads(args.data)
    with serve(args.data, "oxigraph", cache_entries=0) as url:
        cases = {"default choice": "/"}
        if args.cities:
            cases[f"chosen: {args.cities}"] = f"/?j={args.cities}"
        print("| quads | page | runs | p50 ms | max ms |")
        print("|---|---|---|---|---|")
        for label, path in cases.items():
            shot = args.screenshot if path == list(cases.values())[-1] else None
            times = load_times(url + path, runs=args.runs, screenshot=shot)
            print(
                f"| {size:,} | {label} | {len(times)} | {statistics.median(times):.0f} | "
                f"{max(times):.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()

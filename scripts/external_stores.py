"""External SPARQL servers on 127.0.0.1 for measuring the service at national scale.

The Oxigraph server reads the on-disk store `kg build` (or scripts/replicate_graph.py) wrote,
read-only, so it needs no load of its own. Virtuoso is loaded once by its bulk loader
(``ld_dir`` and ``rdf_loader_run`` through isql: the Graph Store Protocol that `kg load` uses
takes one PUT per document graph, some 3,000 at this size) into a folder that later runs
reuse. Both start from the test suite's own recipe (tests/conftest.py: the same virtuoso.ini,
with more buffers for ten million quads and as many connections as the benchmark's clients).

Usage: .venv/bin/python scripts/external_stores.py load-virtuoso /tmp/national /tmp/virtuoso
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import VIRTUOSO_INI, free_port, running  # noqa: E402

# At ~10M quads: 400,000 buffers of 8 KB (3.2 GB) hold the graph's indexes in memory, as
# Virtuoso's guide advises for its size; 64 connections and threads serve 32 clients.
_LARGE = {
    "NumberOfBuffers = 10000": "NumberOfBuffers = 400000",
    "MaxDirtyBuffers = 6000": "MaxDirtyBuffers = 300000",
    "MaxClientConnections = 10": "MaxClientConnections = 64",
    "ServerThreads = 10": "ServerThreads = 64",
}


def _binary(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is not installed")
    return found


@contextmanager
def oxigraph_server(store: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """`oxigraph serve-read-only` over ``store``, the union of graphs as default; its query
    URL and its process."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [_binary("oxigraph"), "serve-read-only", "--location", str(store)]
    command += ["--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    with running(command, url=url, timeout=300) as process:
        yield f"{url}/query", process


def _ini(folder: Path, *, allowed: Path, http_port: int, sql_port: int) -> Path:
    text = VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port)
    for small, large in _LARGE.items():
        text = text.replace(small, large)
    text = text.replace(f"DirsAllowed = ., {folder}", f"DirsAllowed = ., {folder}, {allowed}")
    ini = folder / "virtuoso.ini"
    ini.write_text(text)
    return ini


@contextmanager
def virtuoso_server(
    folder: Path, *, allowed: Path | None = None
) -> Iterator[tuple[str, subprocess.Popen, int]]:
    """Virtuoso on the database in ``folder`` (made there if missing); its SPARQL URL, its
    process and its SQL port (for isql)."""
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    ini = _ini(folder, allowed=allowed or folder, http_port=http_port, sql_port=sql_port)
    url = f"http://127.0.0.1:{http_port}/sparql"
    command = [_binary("virtuoso-t"), "+foreground", "+configfile", str(ini)]
    with (
        (folder / "stdout.log").open("ab") as log,
        running(command, url=url, timeout=600, log=log) as process,
    ):
        yield url, process, sql_port


def _isql(sql_port: int, statements: str) -> str:
    result = subprocess.run(
        [_binary("isql-vt"), str(sql_port), "dba", "dba"],
        input=statements,
        capture_output=True,
        text=True,
        check=True,
    )
    if "*** Error" in result.stdout:
        raise SystemExit(result.stdout)
    return result.stdout


def load_virtuoso(data: Path, folder: Path) -> str:
    """Bulk-load ``data/graph.nq`` (its named graphs kept) into a fresh database in ``folder``;
    returns how many quads Virtuoso then holds."""
    shutil.rmtree(folder, ignore_errors=True)
    with virtuoso_server(folder, allowed=data) as (_, _, sql_port):
        _isql(sql_port, f"ld_dir('{data}', 'graph.nq', 'urn:kg:unused');\n")
        _isql(sql_port, "rdf_loader_run();\ncheckpoint;\n")
        errors = _isql(sql_port, "SELECT ll_file, ll_error FROM DB.DBA.load_list;\n")
        count = _isql(
            sql_port,
            "SPARQL SELECT COUNT(*) WHERE { GRAPH ?g { ?s ?p ?o } "
            'FILTER (STRSTARTS(STR(?g), "https://w3id.org/policy-kg/")) };\n',
        )
    return errors + count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    load = commands.add_parser("load-virtuoso", help="Bulk-load DATA/graph.nq into FOLDER.")
    load.add_argument("data", type=Path, help="A folder with graph.nq (replicate_graph.py).")
    load.add_argument("folder", type=Path, help="Where Virtuoso's database goes.")
    args = parser.parse_args()
    started = time.monotonic()
    print(load_virtuoso(args.data.resolve(), args.folder.resolve()))
    print(f"loaded in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()

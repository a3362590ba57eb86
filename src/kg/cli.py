"""The ``kg`` command: thin wrappers over the library, one call each.

Library errors (:class:`kg.errors.KgError`) are translated here, once: a message and its fix on
stderr, exit code 2.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.cells import cell_len
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.progress import Task as ProgressTask
from rich.table import Table
from rich.text import Text

from kg.errors import InputError, KgError, NotBuiltError
from kg.executors import Executor
from kg.paths import data_dir, ingest_dir

if TYPE_CHECKING:
    from kg.extract.evaluate import Report
    from kg.pipeline import BuildResult

app = typer.Typer(
    help="policy-kg: a comparative knowledge graph of Chinese municipal health policies.",
    no_args_is_help=True,
    add_completion=False,
)
_err = Console(stderr=True)


@contextmanager
def _edge() -> Iterator[None]:
    """Translate library errors into a clear message and exit code 2."""
    try:
        yield
    except KgError as exc:
        _err.print(f"[bold red]error:[/] {exc.message}", highlight=False, soft_wrap=True)
        if exc.fix:
            _err.print(f"[bold]fix:[/] {exc.fix}", highlight=False, soft_wrap=True)
        raise typer.Exit(code=2) from None


class RecordFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"
    parquet = "parquet"
    nquads = "nquads"
    trig = "trig"
    jsonld = "jsonld"


class QueryFormat(StrEnum):
    table = "table"
    record = "record"
    json = "json"
    csv = "csv"


class ExportKind(StrEnum):
    targets = "targets"
    tasks = "tasks"
    matrix = "matrix"
    graph = "graph"
    all = "all"


DataDir = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Build folder (default: $KG_DATA_DIR or ./data)."),
]


_MIN_COLUMN = 12  # display cells a folded column needs to stay readable


def _cell_text(value: Any) -> str:
    return "" if value is None else "、".join(value) if isinstance(value, list) else str(value)


def _table_fits(rows: list[dict[str, Any]], columns: list[str], width: int) -> bool:
    """Whether a table can show every column at least _MIN_COLUMN cells wide (or as wide as
    its widest cell, if narrower) within ``width``, borders and padding included."""
    needed = sum(
        min(_MIN_COLUMN, max(cell_len(c), *(cell_len(_cell_text(r[c])) for r in rows)))
        for c in columns
    )
    return needed + 3 * len(columns) + 1 <= width


def _records(console: Console, rows: list[dict[str, Any]], columns: list[str]) -> None:
    """One block per row, a field per line: what a table becomes when it cannot fit."""
    for i, r in enumerate(rows, start=1):
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for c in columns:
            grid.add_row(c, _cell_text(r[c]))
        console.rule(f"{i}", characters="─", align="left")
        console.print(grid)


def _table(rows: list[dict[str, Any]], *, title: str | None = None, vertical: bool = False) -> None:
    """Rows as a table as wide as the terminal, or as records when the columns cannot fit."""
    console = Console()
    columns = list(rows[0]) if rows else []
    if vertical or not _table_fits(rows, columns, console.width):
        if title:
            console.print(title, style="bold")
        _records(console, rows, columns)
        return
    table = Table(title=title, show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*(_cell_text(r[c]) for c in columns))
    console.print(table)


IngestDir = Annotated[
    Path | None,
    typer.Option(
        "--ingest",
        help="Corpus folder with sources.toml (default: $KG_INGEST, else ingest/ of the "
        "checkout); its build goes to DIR/data unless --data-dir or $KG_DATA_DIR says otherwise.",
    ),
]


def _folders(ingest: Path | None, data: Path | None) -> tuple[Path, Path]:
    """(corpus folder, build folder) from the options and the environment."""
    corpus = ingest or ingest_dir()
    return corpus, data or data_dir(ingest)


class _ProgressSteps:
    """kg.pipeline.Steps as rich progress bars on stderr: documents per second and an ETA."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._task: TaskID | None = None

    def start(self, name: str, total: int | None) -> None:
        self._finish()
        self._task = self._progress.add_task(name, total=total)

    def advance(self, n: int = 1) -> None:
        if self._task is not None:
            self._progress.advance(self._task, n)

    def _finish(self) -> None:
        if self._task is not None:
            task = self._progress.tasks[-1]
            self._progress.update(
                self._task, total=task.completed or 1, completed=task.completed or 1
            )


class _Rate(ProgressColumn):
    def render(self, task: ProgressTask) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} docs/s" if speed else "", style="progress.data.speed")


def _built(result: BuildResult) -> None:
    for w in result.warnings:
        _err.print(f"[yellow]warning:[/] {w}", highlight=False, soft_wrap=True)
    if result.changed_inputs:
        shown = ", ".join(result.changed_inputs[:5])
        more = (
            f" and {len(result.changed_inputs) - 5} more" if len(result.changed_inputs) > 5 else ""
        )
        typer.echo(f"code, rule data or ontology changed ({shown}{more}): every document rebuilt")
    patched = ", graph patched" if result.patched else ""
    typer.echo(
        f"built {result.documents} documents ({result.rebuilt} rebuilt, "
        f"{result.documents - result.rebuilt} reused{patched}): {result.targets} targets, "
        f"{result.tasks} tasks, {result.quads} quads in {result.seconds:.2f}s -> {result.data_dir}"
    )


@app.command()
def build(
    data: DataDir = None,
    ingest: IngestDir = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", help="Processes for the documents (default: all cores)."),
    ] = None,
    executor: Annotated[
        Executor, typer.Option("--executor", help="local (this machine) or dask (a cluster).")
    ] = Executor.local,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://HOST:8786."),
    ] = None,
) -> None:
    """Build the graph from the corpus folder and write data/graph.nq and the embedded store.

    Documents whose inputs are unchanged since the last build are reused (data/shards/)."""
    from kg.pipeline import build as run_build

    columns = [
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _Rate(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    ]
    with _edge(), Progress(*columns, console=_err, transient=True) as progress:
        corpus, folder = _folders(ingest, data)
        result = run_build(
            data_dir=folder,
            manifest=corpus / "sources.toml",
            jobs=jobs,
            executor=executor,
            scheduler=scheduler,
            steps=_ProgressSteps(progress),
        )
    _built(result)


@app.command()
def add(
    files: Annotated[
        list[Path],
        typer.Argument(help="Files (.pdf, .docx, .doc, .html, .txt, images) or folders."),
    ],
    city: Annotated[
        str | None, typer.Option("--city", help="Jurisdiction by name (莱阳, 阜新蒙古族自治县).")
    ] = None,
    jurisdiction: Annotated[
        str | None,
        typer.Option("--jurisdiction", help="Jurisdiction by division code (210921) or id."),
    ] = None,
    doc_id: Annotated[str | None, typer.Option("--id", help="Document id (one document).")] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="YYYY-MM-DD, if the text states none.")
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Title, if the text's is wrong.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Read and show what would be added; write nothing.")
    ] = False,
    as_one: Annotated[
        bool,
        typer.Option(
            "--as-one", help="The files are one document: a notice, then its attachments."
        ),
    ] = False,
    no_ocr: Annotated[bool, typer.Option("--no-ocr", help="Refuse scans instead of OCR.")] = False,
    ingest: IngestDir = None,
    data: DataDir = None,
) -> None:
    """Add original documents to the corpus folder and rebuild the graph (all or nothing)."""
    from kg.pipeline import add as run_add

    with _edge():
        corpus, folder = _folders(ingest, data)
        outcome = run_add(
            files,
            ingest=corpus,
            data_dir=folder,
            dry_run=dry_run,
            city=city,
            jurisdiction=jurisdiction,
            doc_id=doc_id,
            date=date,
            title=title,
            as_one=as_one,
            ocr=not no_ocr,
        )
    plan = outcome.plan
    for path, why in plan.skipped:
        _err.print(f"[yellow]skipped:[/] {path}: {why}", highlight=False, soft_wrap=True)
    for path, existing in plan.duplicates:
        typer.echo(f"already in the corpus: {path} (as {existing}); nothing changed for it")
    for doc in plan.documents:
        for note in doc.notes:
            _err.print(f"[yellow]note:[/] {note}", highlight=False, soft_wrap=True)
    if plan.documents:
        _table([d.summary() for d in plan.documents], title="would add" if dry_run else "added")
    if dry_run:
        typer.echo(f"dry run: {len(plan.documents)} document(s) read; nothing written")
    elif outcome.build is not None:
        _built(outcome.build)


@app.command()
def remove(
    doc_id: Annotated[str, typer.Argument(help="The id of the document to take out.")],
    ingest: IngestDir = None,
    data: DataDir = None,
) -> None:
    """Take a document out of the corpus folder (entry, stored text, originals) and rebuild."""
    from kg.pipeline import remove as run_remove

    with _edge():
        corpus, folder = _folders(ingest, data)
        result = run_remove(doc_id, ingest=corpus, data_dir=folder)
    typer.echo(f"removed {doc_id}")
    _built(result)


@app.command()
def extract(
    path: Annotated[Path, typer.Argument(help="A text file (UTF-8 or GB18030).")],
    doc_id: Annotated[
        str | None, typer.Option("--doc-id", help="Document id (default: file stem).")
    ] = None,
    city: Annotated[
        str | None, typer.Option("--city", help="City name, Chinese or pinyin.")
    ] = None,
    fmt: Annotated[
        RecordFormat, typer.Option("--format", help="Output format.")
    ] = RecordFormat.jsonl,
) -> None:
    """Run the pipeline on any text file; print its targets and tasks (the graph is untouched)."""
    from kg.analysis.export import document_records, to_jsonl
    from kg.pipeline import extract_path

    with _edge():
        doc = extract_path(path, doc_id=doc_id, city=city)
    for w in doc.warnings:
        _err.print(f"[yellow]warning:[/] {w}", highlight=False, soft_wrap=True)
    records = list(document_records(doc))
    if fmt is RecordFormat.jsonl:
        sys.stdout.write(to_jsonl(records))
    else:
        _table([r for r in records if r["type"] == "target"], title="targets")
        _table([r for r in records if r["type"] == "task"], title="tasks")


@app.command()
def export(
    kind: Annotated[
        ExportKind,
        typer.Argument(help="targets, tasks, matrix (cities × indicators), graph or all"),
    ],
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            help="jsonl or csv (printed), xlsx or parquet (need --output); graph: nquads, trig, "
            "jsonld. Default: jsonl, or nquads for the graph.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (for `all`: this folder)."),
    ] = None,
    data: DataDir = None,
) -> None:
    """Export the built graph: targets and tasks in the export contract, the comparison matrix,
    the graph itself, or everything with checksums and a manifest."""
    from kg.analysis import export as ex

    folder = data or data_dir()
    with _edge():
        if kind is ExportKind.all:
            if output is None:
                raise InputError("`kg export all` writes a folder.", fix="pass --output DIR")
            manifest = ex.export_bundle(data_dir=folder, out_dir=output)
            typer.echo(
                f"wrote {len(manifest['files'])} files, SHA256SUMS and manifest.json to {output}"
            )
            return
        if kind is ExportKind.graph:
            graph_fmt = (fmt or ExportFormat.nquads).value
            if output is None:
                raise InputError("`kg export graph` writes a file.", fix="pass --output PATH")
            ex.dump_graph(data_dir=folder, path=output, fmt=graph_fmt)
            return
        if kind is ExportKind.matrix:
            from kg.store.queries import open_built_store

            records = ex.comparison_matrix(open_built_store(folder))
        else:
            records = ex.export_records(kind.value, data_dir=folder)
        table_fmt = (fmt or ExportFormat.jsonl).value
        if output is not None:
            ex.write_table(records, output, fmt=table_fmt)
        elif table_fmt == "jsonl":
            sys.stdout.write(ex.to_jsonl(records))
        elif table_fmt == "csv":
            fields = {"targets": ex.TARGET_FIELDS, "tasks": ex.TASK_FIELDS}.get(
                kind.value, tuple(records[0]) if records else ()
            )
            sys.stdout.write(ex.to_csv(records, fields=fields))
        else:
            raise InputError(
                f"--format {table_fmt} is a binary file format.", fix="pass --output PATH"
            )


@app.command()
def query(
    sparql: Annotated[
        str, typer.Argument(help="A SPARQL query, a .rq file, or the name of a packaged query.")
    ],
    fmt: Annotated[
        QueryFormat,
        typer.Option("--format", help="Output format (table: records when it cannot fit)."),
    ] = QueryFormat.table,
    default_graph: Annotated[
        list[str] | None,
        typer.Option("--default-graph", help="Default graph IRI (repeatable); overrides FROM."),
    ] = None,
    named_graph: Annotated[
        list[str] | None,
        typer.Option("--named-graph", help="Named graph IRI (repeatable); overrides FROM NAMED."),
    ] = None,
    data: DataDir = None,
) -> None:
    """Run a SPARQL query on the built graph (FROM / FROM NAMED as SPARQL 1.1 says)."""
    from kg.store.queries import run_query

    with _edge():
        result = run_query(
            sparql,
            data_dir=data or data_dir(),
            default_graphs=default_graph or (),
            named_graphs=named_graph or (),
        )
    if isinstance(result, bool):
        typer.echo("true" if result else "false")
        return
    rows = [r for r in result if isinstance(r, dict)]
    if len(rows) != len(result):  # CONSTRUCT or DESCRIBE: triples, as N-Triples
        for triple in result:
            typer.echo(f"{triple} .")
    else:
        _emit(rows, fmt)


@app.command()
def headline(data: DataDir = None) -> None:
    """The headline answer: each city's target for the share of licensed village doctors."""
    from kg.analysis.headline import headline_lines
    from kg.store.queries import open_built_store

    with _edge():
        lines = headline_lines(open_built_store(data or data_dir()))
    console = Console(highlight=False)
    for line in lines:
        console.print(line, markup=False)


@app.command(name="eval")
def eval_(
    gold: Annotated[Path, typer.Option("--gold", help="Folder of <doc-id>.json gold files.")],
    texts: Annotated[
        Path | None,
        typer.Option(
            "--texts",
            help="Folder of <doc-id>.txt texts or original files (.pdf, .docx, ...) for gold "
            "documents not in the manifest (default: the gold folder's text/).",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    show_errors: Annotated[
        bool, typer.Option("--errors", help="List every miss and false hit.")
    ] = False,
) -> None:
    """Precision, recall and F1 of the extraction against gold annotations; where the gold
    folder has its originals beside it (../documents/), scored through them too."""
    from kg.pipeline import originals_beside, run_eval

    with _edge():
        report = run_eval(gold, texts=texts)
        originals = originals_beside(gold) if texts is None else None
        through = run_eval(gold, texts=originals) if originals is not None else None
    if as_json:
        out = report.as_dict()
        if through is not None:
            out["originals"] = through.as_dict()
        typer.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    _print_report(report, where="", show_errors=show_errors)
    if through is not None and originals is not None:
        _print_report(through, where=f" (through the originals in {originals})", show_errors=False)


def _print_report(report: Report, *, where: str, show_errors: bool) -> None:
    from kg.extract.evaluate import ACCURACY_FIELDS

    rows = []
    for d in [*report.docs, report.total()]:
        row: dict[str, Any] = {"doc": d.doc}
        for name, score in (
            ("detection", d.detection),
            ("strict tuple", d.strict),
            ("role", d.role),
            ("unit", d.unit),
        ):
            row[f"{name} P/R/F1"] = f"{score.precision:.3f}/{score.recall:.3f}/{score.f1:.3f}"
        rows.append(row)
    _table(rows, title=f"extraction quality{where}")
    total = report.total()
    _table(
        [
            {"doc": d.doc, "found": str(d.matched)}
            | {f: f"{d.accuracy(f):.3f}" for f in ACCURACY_FIELDS}
            for d in [*report.docs, total]
        ],
        title=f"per-field accuracy of the found targets{where}",
    )
    if report.alignment is not None:
        a = report.alignment
        typer.echo(
            f"indicator alignment (pairwise): precision {a.precision:.3f}, recall {a.recall:.3f}, "
            f"F1 {a.f1:.3f} ({a.tp} of {a.tp + a.fn} gold pairs)"
        )
    if show_errors:
        for d in report.docs:
            for e in d.errors:
                typer.echo(f"{d.doc}: {e}")
        for e in report.alignment_errors if report.alignment else []:
            typer.echo(f"alignment: {e}")


@app.command()
def stats(
    fmt: Annotated[
        QueryFormat, typer.Option("--format", help="Output format.")
    ] = QueryFormat.table,
    data: DataDir = None,
    ingest: IngestDir = None,
) -> None:
    """Documents of the built graph with their jurisdiction, level and counts; all quads."""
    from kg.store.queries import graph_stats

    with _edge():
        rows = graph_stats(data_dir=_folders(ingest, data)[1])
    _emit(rows, fmt, title="graph")


@app.command()
def indicators(
    fmt: Annotated[
        QueryFormat, typer.Option("--format", help="Output format.")
    ] = QueryFormat.table,
    data: DataDir = None,
) -> None:
    """The indicators targets are linked to, most widely shared across cities first."""
    from kg.analysis.compare import indicators as list_indicators
    from kg.store.queries import open_built_store

    with _edge():
        rows = list_indicators(open_built_store(data or data_dir()))
    _emit(rows, fmt, columns=("indicator", "label_zh", "label_en", "cities", "targets", "curated"))


@app.command()
def compare(
    indicator: Annotated[str, typer.Argument(help="Indicator id (see `kg indicators`).")],
    cities: Annotated[
        list[str] | None,
        typer.Option(
            "--cities", help="Only these cities (pinyin or Chinese); repeat or comma-separate."
        ),
    ] = None,
    fmt: Annotated[
        QueryFormat, typer.Option("--format", help="Output format.")
    ] = QueryFormat.table,
    data: DataDir = None,
) -> None:
    """One indicator across cities: value, deadline, source quote and comparability note."""
    from kg.analysis.compare import compare as run_compare
    from kg.analysis.export import figure_text
    from kg.store.queries import open_built_store

    wanted = [c for item in cities or [] for c in item.split(",") if c.strip()]
    with _edge():
        rows = run_compare(open_built_store(data or data_dir()), indicator, cities=wanted or None)
    for r in rows:
        r["figure"] = figure_text(r)
    _emit(
        rows,
        fmt,
        columns=(
            "city_zh",
            "city_en",
            "figure",
            "deadline",
            "doc",
            "measure",
            "quote",
            "comparability",
        ),
    )


@app.command()
def diff(
    city_a: Annotated[str, typer.Argument(help="A city, pinyin or Chinese (laiyang, 莱阳).")],
    city_b: Annotated[str, typer.Argument(help="Another city.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the diff as JSON.")] = False,
    data: DataDir = None,
) -> None:
    """Two cities side by side: shared indicators, indicators only one has, different leads."""
    from kg.analysis.compare import diff as run_diff
    from kg.analysis.export import figure_text
    from kg.store.queries import open_built_store

    with _edge():
        result = run_diff(open_built_store(data or data_dir()), city_a, city_b)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1))
        return
    a, b = result["city_a"], result["city_b"]
    _table(
        [
            {
                "indicator": s["indicator"],
                "label": s["label_zh"],
                a: figure_text(s["a"]),
                f"{a} deadline": s["a"]["deadline"],
                b: figure_text(s["b"]),
                f"{b} deadline": s["b"]["deadline"],
                "more ambitious": s["more_ambitious"],
                "deadline Δ days": s["deadline_difference_days"],
            }
            for s in result["shared"]
        ],
        title=f"shared indicators: {a} vs {b}",
    )
    for side, city in (("only_a", a), ("only_b", b)):
        _table(
            [
                {
                    "indicator": o["indicator"],
                    "label": o["label_zh"],
                    "figures": "; ".join(figure_text(t) for t in o["targets"]),
                }
                for o in result[side]
            ],
            title=f"only {city}",
        )
    if result["lead_differences"]:
        _table(result["lead_differences"], title="shared indicators led by different functions")


def _emit(
    rows: list[dict[str, Any]],
    fmt: QueryFormat,
    *,
    columns: tuple[str, ...] | None = None,
    title: str | None = None,
) -> None:
    """Rows as a rich table (only ``columns``, if given), JSON or CSV (every field)."""
    from kg.analysis.export import to_csv

    if fmt is QueryFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif fmt is QueryFormat.csv:
        sys.stdout.write(to_csv(rows, fields=tuple(rows[0]) if rows else columns or ()))
    else:
        _table(
            [{c: r.get(c) for c in columns} for r in rows] if columns else rows,
            title=title,
            vertical=fmt is QueryFormat.record,
        )


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    store: Annotated[
        Path | None,
        typer.Option("--store", help="On-disk store (default: $KG_STORE or data/store)."),
    ] = None,
    endpoint: Annotated[
        str | None,
        typer.Option("--endpoint", help="External SPARQL 1.1 query endpoint to serve from."),
    ] = None,
    engine: Annotated[
        str | None, typer.Option("--engine", help="oxigraph (default) or rdflib (baseline).")
    ] = None,
    replicas: Annotated[
        int,
        typer.Option(
            "--replicas",
            min=1,
            max=64,
            envvar="KG_REPLICAS",
            help="API processes (uvicorn workers) sharing the port, each with its own query "
            "workers; stateless, so several can stand in front of one external store.",
        ),
    ] = 1,
    ingest: IngestDir = None,
) -> None:
    """Serve the REST API, the SPARQL endpoint and linked data (settings: KG_* variables)."""
    import uvicorn

    from api.app import create_app
    from api.settings import Settings

    if store is None and ingest is not None:
        store = data_dir(ingest) / "store"
    given: dict[str, Any] = {"store": store, "endpoint": endpoint, "engine": engine}
    settings = Settings(**{k: v for k, v in given.items() if v is not None})
    if not settings.endpoint and not settings.store.is_dir():
        with _edge():
            raise NotBuiltError(
                f"There is no store at {settings.store}.",
                fix="run `kg build` first, or pass --store PATH or --endpoint URL",
            )
    options: dict[str, Any] = {"log_level": "info", "timeout_keep_alive": settings.keep_alive}
    if replicas == 1:
        uvicorn.run(create_app(settings), host=host, port=port, **options)
        return
    # Each replica is a fresh process that builds its app from the KG_* environment.
    os.environ.update({f"KG_{k.upper()}": str(v) for k, v in given.items() if v is not None})
    from api.replicas import reuse_port_supported, serve_replicas

    if reuse_port_supported():  # a listening socket each, so connections spread over them
        with _edge():
            serve_replicas(replicas, host=host, port=port, options=options)
        return
    uvicorn.run(
        "api.app:create_app", factory=True, host=host, port=port, workers=replicas, **options
    )


@app.command()
def load(
    endpoint: Annotated[str, typer.Option("--endpoint", help="SPARQL query endpoint URL.")],
    graph_store: Annotated[
        str | None,
        typer.Option("--graph-store", help="Graph Store Protocol URL (default: guessed)."),
    ] = None,
    user: Annotated[str | None, typer.Option("--user", help="User for the graph store.")] = None,
    password: Annotated[
        str | None, typer.Option("--password", help="Password for the graph store.")
    ] = None,
    data: DataDir = None,
) -> None:
    """Push data/graph.nq to an external SPARQL server, one named graph per PUT."""
    from kg.store.remote import load_endpoint

    auth = (user, password or "") if user else None
    with _edge():
        result = load_endpoint(
            (data or data_dir()) / "graph.nq",
            endpoint=endpoint,
            graph_store=graph_store,
            auth=auth,
        )
    typer.echo(f"loaded {result.quads} quads in {result.graphs} graphs -> {result.graph_store}")


@app.command()
def check(
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", help="YYYY-MM-DD before which deadlines are past (default: today)."
        ),
    ] = None,
    fmt: Annotated[
        QueryFormat, typer.Option("--format", help="Output format.")
    ] = QueryFormat.table,
    data: DataDir = None,
) -> None:
    """Consistency checks: suspect figures, past deadlines, contradictions, review flags."""
    from kg.analysis.checks import check as run_checks
    from kg.analysis.checks import parse_day
    from kg.store.queries import open_built_store

    with _edge():
        day = parse_day(as_of) if as_of else None
        findings = run_checks(open_built_store(data or data_dir()), as_of=day)
    rows = [f.as_dict() for f in findings]
    if fmt is QueryFormat.table:
        columns = ("kind", "severity", "city", "doc", "indicator", "message", "action")
        rows = [{c: r[c] for c in columns} for r in rows]
    _emit(rows, fmt, title=f"{len(rows)} findings")


@app.command()
def network(
    city: Annotated[str, typer.Argument(help="A city, pinyin or Chinese (laiyang, 莱阳).")],
    top: Annotated[int, typer.Option("--top", help="How many function pairs to list.")] = 10,
    fmt: Annotated[
        QueryFormat, typer.Option("--format", help="Output format.")
    ] = QueryFormat.table,
    data: DataDir = None,
) -> None:
    """Who leads and co-signs a city's tasks, by unit function, and which functions share most."""
    from kg.analysis.network import network_summary
    from kg.store.queries import open_built_store

    with _edge():
        summary = network_summary(open_built_store(data or data_dir()), city, top=top)
    if fmt is QueryFormat.json:
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=1))
        return
    columns = ("function", "label_zh", "led", "led_inferred", "co_signed", "implicit", "lead_share")
    _table(
        [{c: r[c] for c in columns} for r in summary["functions"]],
        title=f"{summary['city']}: {summary['tasks']} tasks by function",
    )
    _table(summary["pairs"], title="functions responsible for the same tasks")


@app.command()
def citations(
    fmt: Annotated[
        QueryFormat, typer.Option("--format", help="Output format.")
    ] = QueryFormat.table,
    data: DataDir = None,
) -> None:
    """Documents and the documents they cite; a cited corpus document shows its id."""
    from kg.analysis.hierarchy import citations as citation_rows
    from kg.store.queries import open_built_store

    with _edge():
        rows = citation_rows(open_built_store(data or data_dir()))
    _emit(rows, fmt, title="citations")


def main() -> None:
    app()

"""The export contract (DESIGN.md §4): one JSON object a line, for targets and tasks.

``kg extract`` builds these records from a freshly extracted document, ``kg export`` from the
built graph; both go through :func:`target_record` / :func:`task_record` field order, and a
test checks that the two agree on the corpus.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.errors import InputError, NotBuiltError
from kg.extract.numbers import tidy
from kg.model import ExtractedDocument, Responsibility, Target

TARGET_FIELDS = (
    "type",
    "doc",
    "measure",
    "start",
    "end",
    "quote",
    "subject",
    "indicator",
    "value",
    "value_max",
    "unit",
    "comparator",
    "deadline",
    "start_year",
    "periodicity",
    "kind",
    "value_as_written",
    "value_max_as_written",
    "erratum",
)
TASK_FIELDS = (
    "type",
    "doc",
    "measure",
    "heading",
    "start",
    "end",
    "lead",
    "co",
    "implicit",
    "lead_basis",
    "units_as_written",
)


def _num(value: float | None) -> float | int | None:
    return None if value is None else tidy(value)


def target_record(t: Target) -> dict[str, Any]:
    return {
        "type": "target",
        "doc": t.doc,
        "measure": t.measure_ref,
        "start": t.start,
        "end": t.end,
        "quote": t.quote,
        "subject": t.subject,
        "indicator": t.indicator,
        "value": _num(t.value),
        "value_max": _num(t.value_max),
        "unit": t.unit,
        "comparator": t.comparator,
        "deadline": t.deadline,
        "start_year": t.start_year,
        "periodicity": t.periodicity,
        "kind": t.kind,
        "value_as_written": _num(t.value_as_written),
        "value_max_as_written": _num(t.value_max_as_written),
        "erratum": t.erratum.id if t.erratum else None,
    }


def task_record(doc_id: str, r: Responsibility) -> dict[str, Any]:
    return {
        "type": "task",
        "doc": doc_id,
        "measure": r.measure_ref,
        "heading": r.heading,
        "start": r.start,
        "end": r.end,
        "lead": list(r.lead),
        "co": list(r.co),
        "implicit": r.implicit,
        "lead_basis": r.lead_basis,
        "units_as_written": r.units_as_written,
    }


def document_records(doc: ExtractedDocument) -> Iterator[dict[str, Any]]:
    """Targets, then tasks, of one document, in document order."""
    for t in doc.targets:
        yield target_record(t)
    for r in doc.responsibilities:
        yield task_record(doc.source.id, r)


def to_jsonl(records: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def to_csv(records: Iterable[dict[str, Any]], *, fields: tuple[str, ...]) -> str:
    """CSV with list fields joined by 、 (UTF-8; the BOM is the writer's business)."""
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=list(fields), extrasaction="ignore", lineterminator="\n"
    )
    writer.writeheader()
    for r in records:
        writer.writerow({k: "、".join(v) if isinstance(v, list) else v for k, v in r.items()})
    return out.getvalue()


def export_records(kind: str, *, data_dir: Path) -> list[dict[str, Any]]:
    """Targets or tasks of the built graph, in the contract's fields and order."""
    from kg.store.queries import open_built_store, select

    store = open_built_store(data_dir)
    if kind == "targets":
        return [_target_row(r) for r in select(store, "export_targets")]
    return _fold_tasks(select(store, "export_tasks"))


def _target_row(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "target"}
    for f in TARGET_FIELDS[1:]:
        value = row.get(f)
        if f in ("value", "value_max", "value_as_written", "value_max_as_written"):
            value = _num(value)
        elif f == "start_year" and value is not None:
            value = int(value)
        out[f] = value
    return out


def _fold_tasks(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    tasks: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        key = (r["doc"], r["measure"])
        task = tasks.setdefault(
            key,
            {
                "type": "task",
                "doc": r["doc"],
                "measure": r["measure"],
                "heading": r["heading"],
                "start": r["start"],
                "end": r["end"],
                "lead": [],
                "co": [],
                "implicit": None,
                "lead_basis": r["lead_basis"],
                "units_as_written": r["units_as_written"],
            },
        )
        if r["role"] == "implicit":
            task["implicit"] = r["unit"]
        else:
            task[r["role"]].append(r["unit"])
    return list(tasks.values())


# --- files for researchers: tables (CSV with BOM, Excel, Parquet) and graph dumps ----------

TABLE_FORMATS = ("csv", "xlsx", "parquet", "jsonl")
GRAPH_FORMATS = {
    "nquads": ("nq", "N_QUADS"),
    "trig": ("trig", "TRIG"),
    "jsonld": ("jsonld", "JSON_LD"),
}


def comparison_matrix(store: Any) -> list[dict[str, Any]]:
    """Indicators × cities: each cell the boldest figure with its comparator and deadline."""
    from kg.analysis.compare import compare, indicators

    rows = []
    for ind in indicators(store):
        row: dict[str, Any] = {
            "indicator": ind["indicator"],
            "label_zh": ind.get("label_zh"),
            "label_en": ind.get("label_en"),
        }
        for r in compare(store, ind["indicator"]):
            cell = figure_text(r) + (f" ({r['deadline']})" if r.get("deadline") else "")
            key = r.get("city_zh") or r["city"]
            row[key] = f"{row[key]}; {cell}" if key in row else cell
        rows.append(row)
    return rows


def figure_text(r: dict[str, Any]) -> str:
    """≥50% / 1—1.5‰ / 15分钟: a value as a reader expects it, comparator and unit included."""
    value, top, unit = _num(r.get("value")), _num(r.get("value_max")), r.get("unit") or ""
    if value is None:
        return ""
    sign = {">=": "≥", "<=": "≤", ">": ">", "<": "<"}.get(r.get("comparator") or "", "")
    return f"{value}—{top}{unit}" if top is not None else f"{sign}{value}{unit}"


def _cell(value: Any) -> Any:
    return "、".join(map(str, value)) if isinstance(value, list) else value


def write_table(records: list[dict[str, Any]], path: Path, *, fmt: str) -> Path:
    """Write records as CSV (UTF-8 with BOM, so spreadsheets read Chinese), Excel, Parquet or
    JSON Lines, atomically: a failed write leaves any previous file intact."""
    import pandas as pd

    if fmt not in TABLE_FORMATS:
        raise InputError(f"Unknown table format {fmt!r}.", fix=f"use one of {TABLE_FORMATS}")
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        if fmt == "jsonl":
            tmp.write_text(to_jsonl(records), encoding="utf-8")
        elif fmt == "parquet":
            pd.DataFrame(records).to_parquet(tmp, index=False)
        else:
            frame = pd.DataFrame([{k: _cell(v) for k, v in r.items()} for r in records])
            if fmt == "csv":
                frame.to_csv(tmp, index=False, encoding="utf-8-sig")
            else:
                frame.to_excel(tmp, index=False, engine="openpyxl")
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def dump_graph(*, data_dir: Path, path: Path, fmt: str) -> Path:
    """The built graph as N-Quads, TriG or JSON-LD (named graphs kept), written atomically."""
    import pyoxigraph as ox

    from kg.store.embedded import NQUADS_NAME

    if fmt not in GRAPH_FORMATS:
        raise InputError(f"Unknown graph format {fmt!r}.", fix=f"use one of {list(GRAPH_FORMATS)}")
    source = data_dir / NQUADS_NAME
    if not source.is_file():
        raise NotBuiltError(f"There is no {source}.", fix="run `kg build` first")
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        if fmt == "nquads":
            tmp.write_bytes(source.read_bytes())
        else:
            dataset = ox.Dataset(ox.parse(path=str(source), format=ox.RdfFormat.N_QUADS))
            ox.serialize(
                dataset, output=str(tmp), format=getattr(ox.RdfFormat, GRAPH_FORMATS[fmt][1])
            )
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def export_bundle(*, data_dir: Path, out_dir: Path) -> dict[str, Any]:
    """Every export in one folder: targets, tasks and the comparison matrix as CSV, Excel and
    Parquet; the graph as N-Quads, TriG and JSON-LD; SHA256SUMS and a manifest saying what was
    built from what (software version, build, input documents with their checksums)."""
    from kg.store.queries import open_built_store, select

    out_dir.mkdir(parents=True, exist_ok=True)
    store = open_built_store(data_dir)
    tables = {
        "targets": export_records("targets", data_dir=data_dir),
        "tasks": export_records("tasks", data_dir=data_dir),
        "matrix": comparison_matrix(store),
    }
    files: list[Path] = []
    for name, records in tables.items():
        for fmt in ("csv", "xlsx", "parquet"):
            files.append(write_table(records, out_dir / f"{name}.{fmt}", fmt=fmt))
    for fmt, (suffix, _) in GRAPH_FORMATS.items():
        files.append(dump_graph(data_dir=data_dir, path=out_dir / f"graph.{suffix}", fmt=fmt))
    sums = {f.name: _sha256(f) for f in files}
    (out_dir / "SHA256SUMS").write_text(
        "".join(f"{digest}  {name}\n" for name, digest in sorted(sums.items())), encoding="utf-8"
    )
    manifest = {
        "build": select(store, "build_provenance"),
        "files": [
            {
                "name": f.name,
                "sha256": sums[f.name],
                "bytes": f.stat().st_size,
                "rows": len(tables[f.stem]) if f.stem in tables else None,
            }
            for f in files
        ],
    }
    (out_dir / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return manifest

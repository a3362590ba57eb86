"""The export contract (DESIGN.md §4): one JSON object a line, for targets and tasks.

``kg extract`` builds these records from a freshly extracted document, ``kg export`` from the
built graph; both go through :func:`target_record` / :func:`task_record` field order, and a
test checks that the two agree on the corpus.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.model import ExtractedDocument, Responsibility, Target
from kg.numbers import tidy

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
    from kg.queries import open_built_store, select

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

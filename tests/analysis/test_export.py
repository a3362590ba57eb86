"""The export contract: `kg export` (from the graph) and `kg extract` (fresh) print the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.analysis.export import TARGET_FIELDS, TASK_FIELDS, document_records, export_records, to_csv
from kg.model import ExtractedDocument

CONTRACT_TARGET = {
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
}
CONTRACT_TASK = {"type", "doc", "measure", "heading", "start", "end", "lead", "co", "implicit"}


def _key(r: dict[str, object]) -> tuple[object, ...]:
    return (r["type"], r["doc"], r["start"], r["end"], r.get("value"), r.get("unit"))


def test_export_from_the_graph_equals_a_fresh_extraction(
    built_data: Path, corpus_docs: dict[str, ExtractedDocument]
) -> None:
    fresh = [r for d in corpus_docs.values() for r in document_records(d)]
    exported = export_records("targets", data_dir=built_data) + export_records(
        "tasks", data_dir=built_data
    )
    assert sorted(exported, key=_key) == sorted(fresh, key=_key)


def test_export_records_carry_every_contract_field(built_data: Path) -> None:
    targets = export_records("targets", data_dir=built_data)
    tasks = export_records("tasks", data_dir=built_data)
    assert targets and tasks
    assert all(set(r) >= CONTRACT_TARGET for r in targets)
    assert all(set(r) >= CONTRACT_TASK for r in tasks)
    json.dumps(targets + tasks, ensure_ascii=False)


def test_export_matches_the_contract_example_task(built_data: Path) -> None:
    task = next(
        r
        for r in export_records("tasks", data_dir=built_data)
        if r["doc"] == "qingdao-2024-49" and r["measure"] == "二(三)"
    )
    assert task["heading"] == "布局城市社区卫生服务网络"
    assert task["lead"] == ["市卫生健康委"]
    assert task["co"] == ["市委编办", "市发展改革委", "市财政局", "市自然资源和规划局"]
    assert task["implicit"] == "各区、市政府"


def test_export_keeps_the_erratum_value_as_written(built_data: Path) -> None:
    fixed = [r for r in export_records("targets", data_dir=built_data) if r["erratum"]]
    assert {(r["value_max"], r["value_max_as_written"]) for r in fixed} == {(1.5, 15)}


def test_export_csv_has_a_header_and_joins_lists() -> None:
    text = to_csv(
        [{"type": "task", "doc": "d", "lead": ["甲"], "co": ["乙", "丙"]}], fields=TASK_FIELDS
    )
    header, row = text.splitlines()
    assert header.split(",") == list(TASK_FIELDS)
    assert "乙、丙" in row
    assert TARGET_FIELDS[0] == "type"


def test_export_bundle_writes_tables_graph_dumps_checksums_and_manifest(
    built_data: Path, tmp_path: Path
) -> None:
    import hashlib

    import pandas as pd
    import pyoxigraph as ox

    from kg.analysis.export import export_bundle

    out = tmp_path / "bundle"
    manifest = export_bundle(data_dir=built_data, out_dir=out)
    assert (out / "targets.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    targets = pd.read_csv(out / "targets.csv", encoding="utf-8-sig")
    assert len(targets) == len(pd.read_parquet(out / "targets.parquet"))
    assert len(pd.read_excel(out / "tasks.xlsx")) == len(pd.read_parquet(out / "tasks.parquet"))
    matrix = pd.read_csv(out / "matrix.csv", encoding="utf-8-sig").set_index("indicator")
    assert matrix.loc["village-doctor-licensed-share", "莱阳"] == "≥50% (2025-12-31)"
    assert matrix.loc["village-doctor-licensed-share", "青岛"] == "≥60% (2025-12-31)"
    quads = (out / "graph.nq").read_text(encoding="utf-8").count("\n")
    for name, fmt in (("graph.trig", ox.RdfFormat.TRIG), ("graph.jsonld", ox.RdfFormat.JSON_LD)):
        assert len(list(ox.parse(path=str(out / name), format=fmt))) == quads
    for line in (out / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ")
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
    assert {f["name"] for f in manifest["files"]} >= {"targets.csv", "graph.trig"}
    assert {b["doc"] for b in manifest["build"] if b["doc"]} >= {"laiyang-2024-28"}


def test_export_refuses_an_unknown_table_format(tmp_path: Path) -> None:
    from kg.analysis.export import write_table
    from kg.errors import InputError

    with pytest.raises(InputError, match="use one of"):
        write_table([{"a": 1}], tmp_path / "x.ods", fmt="ods")

"""The `kg` command: thin, documented, and clear about errors."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
import typer
from rich.cells import cell_len
from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()
README = Path(__file__).resolve().parents[1] / "README.md"
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_has_help(command: str) -> None:
    assert len(COMMANDS) >= 15
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_cli_extract_prints_the_contract_for_any_text_file(tmp_path: Path) -> None:
    path = tmp_path / "mini.txt"
    path.write_text(
        "一、总体要求\n（一）加强队伍。到2025年，乡村医生中具备执业（助理）医师资格的人员比例达到55%以上。"
        "（牵头单位：市卫生健康局，责任单位：市财政局）\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["extract", str(path), "--city", "莱阳"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    target = next(r for r in records if r["type"] == "target")
    task = next(r for r in records if r["type"] == "task")
    assert (target["doc"], target["value"], target["comparator"]) == ("mini", 55, ">=")
    assert target["indicator"] == "village-doctor-licensed-share"  # an unseen text, linked
    assert (task["lead"], task["co"]) == (["市卫生健康局"], ["市财政局"])


def test_cli_reports_a_missing_file_with_a_fix_and_exit_code_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "nope.txt" in result.output and "fix:" in result.output


def test_cli_query_without_a_build_says_to_build(tmp_path: Path) -> None:
    result = runner.invoke(app, ["query", "ASK {}", "--data-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "kg build" in result.output


def test_cli_query_answers_the_headline(built_data: Path) -> None:
    result = runner.invoke(
        app, ["query", "village_doctor_share", "--format", "json", "--data-dir", str(built_data)]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {(r["city_en"], r["value"], r["comparator"], r["deadline"]) for r in rows} == {
        ("Laiyang", 50, ">=", "2025-12-31"),
        ("Qingdao", 60, ">=", "2025-12-31"),
    }
    assert all(r["quote"] and r["measure"] and r["doc_number"] for r in rows)


def _widest(output: str) -> int:
    return max(cell_len(line) for line in output.splitlines())


def test_cli_headline_is_a_few_plain_lines_within_80_columns(built_data: Path) -> None:
    result = runner.invoke(app, ["headline", "--data-dir", str(built_data)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert _widest(result.stdout) <= 80 and len(lines) <= 12
    assert "青岛 Qingdao: ≥60% by 2025-12-31" in lines
    assert "  青政办字〔2024〕49号 qingdao-2024-49 四(三) [5598, 5639)" in lines
    assert (
        "  “乡村医生中具备执业（助理）医师、乡村全科执业助理医师资格人员比例达到60%以上”" in lines
    )
    assert "莱阳 Laiyang: ≥50% by 2025-12-31" in lines
    assert not any(set(line) & set("┃│┏━") for line in lines)


def test_cli_query_table_fits_an_80_column_terminal_as_records(built_data: Path) -> None:
    result = runner.invoke(
        app, ["query", "village_doctor_share", "--data-dir", str(built_data)], env={"COLUMNS": "80"}
    )
    assert result.exit_code == 0, result.output
    assert _widest(result.stdout) <= 80
    assert "doc_number 青政办字〔2024〕49号" in [
        line.rstrip() for line in result.stdout.splitlines()
    ]


def test_cli_query_table_stays_a_table_when_it_fits(built_data: Path) -> None:
    query = "SELECT ?doc WHERE { ?d a pol:Document ; dcterms:identifier ?doc } ORDER BY ?doc"
    for columns in ("80", "200"):
        result = runner.invoke(
            app, ["query", query, "--data-dir", str(built_data)], env={"COLUMNS": columns}
        )
        assert result.exit_code == 0, result.output
        assert "│ laiyang-2024-28 " in result.stdout and _widest(result.stdout) <= int(columns)
    record = runner.invoke(
        app, ["query", query, "--format", "record", "--data-dir", str(built_data)]
    )
    assert "doc laiyang-2024-28" in record.stdout


def test_cli_query_honours_from_and_the_graph_options(built_data: Path) -> None:
    count = "SELECT (COUNT(?t) AS ?n) {} WHERE {{ ?t a pol:Target }}"
    laiyang = "https://w3id.org/policy-kg/graph/laiyang-2024-28"

    def n(query: str, *options: str) -> int:
        args = ["query", query, "--format", "json", "--data-dir", str(built_data), *options]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        return int(json.loads(result.stdout)[0]["n"])

    assert n(count.format("FROM <urn:nothing>")) == 0
    assert n(count.format(f"FROM <{laiyang}>")) == 25 < n(count.format(""))
    assert n(count.format("FROM <urn:nothing>"), "--default-graph", laiyang) == 25


def test_cli_rejects_an_update_as_a_query(built_data: Path) -> None:
    result = runner.invoke(
        app, ["query", "INSERT DATA { <a:b> <a:c> <a:d> }", "--data-dir", str(built_data)]
    )
    assert result.exit_code == 2


def _readme_commands() -> list[list[str]]:
    block = re.search(r"## Using it.*?```console\n(.*?)```", README.read_text(), re.S)
    assert block is not None, "README lost its 'Using it' examples"
    lines = [line.split("  #")[0].strip() for line in block.group(1).splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith("kg ")]


@pytest.mark.parametrize("args", _readme_commands(), ids=lambda a: " ".join(a)[:40])
def test_cli_readme_examples_run(
    args: list[str], built_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_DATA_DIR", str(tmp_path / "fresh" if args[0] == "build" else built_data))
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output


def test_cli_readme_python_example_runs(
    built_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    block = re.search(r"```python\n(.*?)```", README.read_text(), re.S)
    assert block is not None, "README lost its Python example"
    (tmp_path / "data").symlink_to(built_data)
    monkeypatch.chdir(tmp_path)
    exec(compile(block.group(1), "README.md", "exec"), {})


_MINI_PLAN = "一、主要目标\n（一）到2027年，全县儿童免疫接种率达到 95% 以上。\n"


def _mini_gold(gold: Path) -> None:
    """A gold file for the one target of ``_MINI_PLAN`` (doc id mini-plan)."""
    item = {
        "id": "m-t01",
        "quote": "儿童免疫接种率达到95%以上",  # the text has spaces: matched ignoring them
        "value": 95,
        "value_max": None,
        "unit": "%",
        "comparator": ">=",
        "deadline": "2027-12-31",
        "start": None,
        "periodicity": None,
        "kind": "target",
        "start_offset": 0,
        "end_offset": 1,
    }
    (gold / "mini-plan.json").write_text(
        json.dumps({"doc": "mini-plan", "measures": [], "targets": [item]}), encoding="utf-8"
    )


def test_cli_eval_scores_a_gold_document_outside_the_manifest_from_a_text_folder(
    tmp_path: Path,
) -> None:
    gold, texts = tmp_path / "gold", tmp_path / "texts"
    gold.mkdir()
    texts.mkdir()
    (texts / "mini-plan.txt").write_text(_MINI_PLAN, encoding="utf-8")
    _mini_gold(gold)
    result = runner.invoke(app, ["eval", "--gold", str(gold), "--texts", str(texts), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)["docs"]["mini-plan"]
    assert scores["strict"]["f1"] == 1.0
    assert scores["accuracy"]["deadline"] == 1.0


def test_cli_eval_scores_the_originals_beside_a_gold_folder_too(tmp_path: Path) -> None:
    """gold-dev/ with documents/ beside it: its reference texts, and its originals through the
    readers, as the product reads them."""
    from docx import Document

    gold, originals = tmp_path / "gold-dev", tmp_path / "documents"
    (gold / "text").mkdir(parents=True)
    originals.mkdir()
    (gold / "text" / "mini-plan.txt").write_text(_MINI_PLAN, encoding="utf-8")
    _mini_gold(gold)
    word = Document()
    for line in _MINI_PLAN.splitlines():
        word.add_paragraph(line)
    word.save(str(originals / "mini-plan.docx"))
    result = runner.invoke(app, ["eval", "--gold", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["docs"]["mini-plan"]["strict"]["f1"] == 1.0
    assert scores["originals"]["docs"]["mini-plan"]["strict"]["f1"] == 1.0
    table = runner.invoke(app, ["eval", "--gold", str(gold)])
    assert "through the originals" in table.output


def test_cli_eval_names_the_missing_text_of_a_gold_document(tmp_path: Path) -> None:
    (tmp_path / "lost.json").write_text(
        json.dumps({"doc": "lost", "measures": [], "targets": []}), encoding="utf-8"
    )
    result = runner.invoke(app, ["eval", "--gold", str(tmp_path)])
    assert result.exit_code != 0
    assert "lost" in result.output and "--texts" in result.output

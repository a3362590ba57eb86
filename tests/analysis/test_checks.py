"""Consistency checks: suspect values, past deadlines, contradictions within a city."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import make_qingdao_doc, make_xiamen_doc, store_of
from kg.analysis.checks import check, contradictions, past_deadlines, suspect_values
from kg.cli import app
from kg.model import ExtractedDocument
from kg.store.embedded import Store
from kg.store.queries import open_built_store

runner = CliRunner()
LATE = date(2026, 11, 23)
EARLY = date(2024, 1, 1)


@pytest.fixture(scope="module")
def store(built_data: Path) -> Store:
    return open_built_store(built_data)


def _row(**fields: Any) -> dict[str, Any]:
    """A check_targets row with defaults: a point target of 50 % by 2025."""
    n = fields.pop("n", 1)
    row = {
        "target": f"urn:t{n}",
        "doc": f"doc-{n}",
        "city": "c",
        "measure": "(一)",
        "start": 0,
        "quote": "q",
        "subject": "s",
        "indicator": "ind",
        "dimension": "share",
        "value": 50.0,
        "value_max": None,
        "unit": "%",
        "value_text": "50%",
        "comparator": ">=",
        "comparable_value": 50.0,
        "comparable_value_max": None,
        "comparable_unit": "%",
        "value_as_written": None,
        "value_max_as_written": None,
        "erratum": None,
        "deadline": "2025-12-31",
        "deadline_text": None,
        "start_year": None,
    }
    row.update(fields)
    return row


# --- (a) suspect values --------------------------------------------------------------------


def test_checks_flag_qingdaos_lost_decimal_point_as_corrected(store: Store) -> None:
    findings = [f for f in check(store, as_of=EARLY) if f.kind == "suspect-value"]
    norm = next(f for f in findings if f.indicator == "township-hospital-staffing-norm")
    assert (norm.city, norm.doc, norm.severity) == ("qingdao", "qingdao-2024-49", "info")
    assert "1—15‰" in norm.quote
    assert "upper bound 15 ‰" in norm.message and "median 1.5 ‰" in norm.message
    assert "Erratum qingdao-2024-49-e1 already corrects it to 1.5 ‰" in norm.message
    assert norm.target.endswith("/qingdao-2024-49/target/27")
    # Laiyang's 1—1.5‰, the peer, is not suspect
    assert not [f for f in findings if f.city == "laiyang"]


def test_checks_flag_an_uncorrected_outlier_as_a_warning() -> None:
    rows = [
        _row(n=1, comparator="range", comparable_value=1.0, comparable_value_max=15.0),
        _row(n=2, comparator="range", comparable_value=1.0, comparable_value_max=1.5),
        _row(n=3, comparator="range", comparable_value=1.0, comparable_value_max=1.2),
    ]
    [finding] = suspect_values(rows)
    assert (finding.target, finding.severity) == ("urn:t1", "warning")
    assert "10× the peers' median 1.5 %" in finding.message
    assert "errata.toml" in finding.action


def test_checks_undo_an_erratum_on_a_point_value_before_comparing() -> None:
    corrected = _row(n=1, value=50.0, value_as_written=500.0, erratum="e9")
    [finding] = suspect_values([corrected, _row(n=2), _row(n=3, comparable_value=60.0)])
    assert (finding.target, finding.severity) == ("urn:t1", "info")
    assert "lower bound 500 %" in finding.message and "corrects it to 50 %" in finding.message


def test_checks_outliers_need_distance_from_both_middle_peers() -> None:
    # peers 1 and 1000: 1 is near one middle value, so it is not flagged; 15 is far from both
    near = [_row(n=1, comparable_value=1.0), _row(n=2), _row(n=3, comparable_value=1000.0)]
    near[1]["comparable_value"] = 1.0
    assert [f.target for f in suspect_values(near)] == ["urn:t3"]
    far = [_row(n=1, comparable_value=15.0), _row(n=2, comparable_value=1.0)]
    far.append(_row(n=3, comparable_value=1000.0))
    assert "urn:t1" in [f.target for f in suspect_values(far)]


def test_checks_skip_counts_and_the_same_documents_targets() -> None:
    counts = [_row(n=1, dimension="count", comparable_value=50.0)]
    counts.append(_row(n=2, dimension="count", comparable_value=1000.0))
    assert suspect_values(counts) == []
    same_doc = [_row(n=1, comparable_value=1.0), _row(n=2, comparable_value=100.0, doc="doc-1")]
    assert suspect_values(same_doc) == []


# --- (b) past deadlines --------------------------------------------------------------------


def test_checks_flag_2025_deadlines_as_past_only_after_2025(store: Store) -> None:
    deadlines = store.query("SELECT ?t ?d WHERE { ?t a pol:Target ; pol:deadline ?d }")
    assert isinstance(deadlines, list)
    late = [f for f in check(store, as_of=LATE) if f.kind == "past-deadline"]
    assert {f.target for f in late} == {r["t"] for r in deadlines if r["d"] < "2026-11-23"}
    assert len(late) > 40
    assert any(r["d"] == "2030-12-31" for r in deadlines)  # a later deadline stays unflagged
    village = [f for f in late if f.indicator == "village-doctor-licensed-share"]
    assert {f.city for f in village} == {"laiyang", "qingdao"}
    assert "passed 327 days before 2026-11-23" in village[0].message
    assert not [f for f in check(store, as_of=EARLY) if f.kind == "past-deadline"]


def test_checks_a_deadline_day_itself_is_not_past() -> None:
    rows = [_row(deadline="2025-12-31")]
    assert past_deadlines(rows, as_of=date(2025, 12, 31)) == []
    [finding] = past_deadlines(rows, as_of=date(2026, 1, 1))
    assert "passed 1 days" in finding.message


# --- (c) contradictions --------------------------------------------------------------------


def _contradicting_docs(*, second: dict[str, Any]) -> list[ExtractedDocument]:
    """qingdao-test with its GP target (>= 4 per 10k by 2025) and its insurance target
    turned into a second target on the same indicator with the given fields."""
    doc = make_qingdao_doc()
    gp = dataclasses.replace(
        doc.targets[0],
        indicator="gp-per-10k",
        comparable_value=4.0,
        comparable_unit="人/万人口",
    )
    fields = {
        "indicator": "gp-per-10k",
        "unit": "人/万人口",
        "comparable_unit": "人/万人口",
        "deadline": "2025-12-31",
        **second,
    }
    other = dataclasses.replace(doc.targets[2], **fields)
    doc.targets = [gp, doc.targets[1], other]
    return [doc, make_xiamen_doc()]


def test_checks_find_a_synthetic_contradiction_in_a_tiny_store() -> None:
    docs = _contradicting_docs(
        second={
            "value": 2.0,
            "value_max": 3.0,
            "comparable_value": 2.0,
            "comparable_value_max": 3.0,
        }
    )
    found = [f for f in check(store_of(docs), as_of=EARLY) if f.kind == "contradiction"]
    assert len(found) == 1
    [finding] = found
    assert (finding.city, finding.indicator, finding.severity) == (
        "qingdao",
        "gp-per-10k",
        "warning",
    )
    assert ">= 4 人/万人口" in finding.message and "2—3 人/万人口" in finding.message
    assert finding.related and finding.related[0] != finding.target
    assert {finding.target, *finding.related} == {
        "https://w3id.org/policy-kg/id/doc/qingdao-test/target/1",
        "https://w3id.org/policy-kg/id/doc/qingdao-test/target/3",
    }


def test_checks_compatible_or_differently_dated_targets_do_not_contradict() -> None:
    overlapping = _contradicting_docs(
        second={
            "value": 3.0,
            "value_max": 5.0,
            "comparable_value": 3.0,
            "comparable_value_max": 5.0,
        }
    )
    later = _contradicting_docs(
        second={
            "value": 2.0,
            "value_max": 3.0,
            "comparable_value": 2.0,
            "comparable_value_max": 3.0,
            "deadline": "2030-12-31",
        }
    )
    for docs in (overlapping, later):
        assert not [f for f in check(store_of(docs)) if f.kind == "contradiction"]


def test_checks_contradiction_rules_on_rows() -> None:
    at_least_60 = _row(n=1, comparable_value=60.0)
    at_most_50 = _row(n=2, comparator="<=", comparable_value=50.0)
    exactly_50 = _row(n=3, comparator="=", comparable_value=50.0)
    exactly_55 = _row(n=4, comparator="=", comparable_value=55.0, deadline=None)
    below_50 = _row(n=5, comparator="<", comparable_value=50.0)
    pairs = [
        ({"urn:t1", "urn:t2"}, [at_least_60, at_most_50]),
        ({"urn:t3", "urn:t4"}, [exactly_50, exactly_55]),  # a standing '=' against a dated one
    ]
    for expected, rows in pairs:
        [finding] = contradictions(rows)
        assert {finding.target, *finding.related} == expected
    assert contradictions([exactly_50, at_most_50]) == []  # 50 meets <= 50
    assert len(contradictions([exactly_50, below_50])) == 1  # but not < 50
    other_city = _row(n=6, comparator="<=", comparable_value=50.0, city="d")
    assert contradictions([at_least_60, other_city]) == []
    not_yet = _row(n=7, comparator="=", comparable_value=55.0, deadline=None, start_year="2027")
    assert contradictions([exactly_50, not_yet]) == []  # in force only after the deadline


def test_checks_find_no_contradiction_in_the_corpus(store: Store) -> None:
    assert not [f for f in check(store, as_of=EARLY) if f.kind == "contradiction"]


# --- the command ---------------------------------------------------------------------------


def test_checks_cli_lists_findings_as_json(built_data: Path) -> None:
    result = runner.invoke(
        app,
        ["check", "--as-of", "2026-11-23", "--format", "json", "--data-dir", str(built_data)],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    kinds = {r["kind"] for r in rows}
    assert kinds >= {"suspect-value", "past-deadline"}
    assert any("qingdao-2024-49-e1" in r["message"] for r in rows)
    table = runner.invoke(app, ["check", "--as-of", "2024-01-01", "--data-dir", str(built_data)])
    assert table.exit_code == 0 and "suspect-value" in table.output
    assert "past-deadline" not in table.output


def test_checks_cli_rejects_a_bad_day_with_a_fix(built_data: Path) -> None:
    result = runner.invoke(app, ["check", "--as-of", "2026-13-01", "--data-dir", str(built_data)])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output
    assert runner.invoke(app, ["check", "--help"]).exit_code == 0


def test_checks_list_figures_flagged_for_review_least_sure_first() -> None:
    doc = make_qingdao_doc()
    doc.targets[0] = dataclasses.replace(
        doc.targets[0], review=("value without unit", "OCR text"), confidence=0.6
    )
    doc.targets[1] = dataclasses.replace(
        doc.targets[1], review=("subject of one character",), confidence=0.8
    )
    found = [f for f in check(store_of([doc]), as_of=EARLY) if f.kind == "review"]
    assert [f.message.split(": ")[-1] for f in found] == [
        "OCR text; value without unit (confidence 0.60)",
        "subject of one character (confidence 0.80)",
    ]
    assert all(f.severity == "info" for f in found)


def test_checks_unflagged_figures_are_not_listed_for_review() -> None:
    assert not [f for f in check(store_of([make_qingdao_doc()]), as_of=EARLY) if f.kind == "review"]

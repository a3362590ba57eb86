"""The whole pipeline on the corpus: quality against the gold, the headline, errata, offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.evaluate import evaluate, load_gold
from kg.model import ExtractedDocument

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"


def test_extract_meets_the_quality_aims_on_the_development_gold(
    corpus_docs: dict[str, ExtractedDocument],
) -> None:
    total = evaluate(load_gold(GOLD), corpus_docs).total()
    assert total.detection.f1 >= 0.95
    assert total.strict.f1 >= 0.95
    assert total.role.f1 >= 0.97


def test_extract_quotes_are_the_raw_text_at_their_offsets(
    corpus_docs: dict[str, ExtractedDocument],
) -> None:
    for doc in corpus_docs.values():
        for t in doc.targets:
            assert doc.raw[t.start : t.end] == t.quote
        for r in doc.responsibilities:
            written = doc.raw[r.note_start : r.note_end]
            # a bracketed note, or the sentence subject naming the units, as written
            assert written.startswith(("（", "(")) or "".join(written.split()) == r.units_as_written


@pytest.mark.parametrize(
    ("doc_id", "measure", "value", "subject_part"),
    [
        ("laiyang-2024-28", "(九)", 50, "乡村医生中具备执业（助理）医师资格"),
        (
            "qingdao-2024-49",
            "四(三)",
            60,
            "乡村医生中具备执业（助理）医师、乡村全科执业助理医师资格",
        ),
    ],
)
def test_extract_finds_the_headline_village_doctor_targets(
    corpus_docs: dict[str, ExtractedDocument],
    doc_id: str,
    measure: str,
    value: float,
    subject_part: str,
) -> None:
    found = [t for t in corpus_docs[doc_id].targets if subject_part in t.subject]
    assert len(found) == 1
    t = found[0]
    assert (t.measure_ref, t.value, t.unit, t.comparator, t.deadline) == (
        measure,
        value,
        "%",
        ">=",
        "2025-12-31",
    )


def test_extract_matches_the_contract_example_offsets(
    corpus_docs: dict[str, ExtractedDocument],
) -> None:
    t = next(
        t
        for t in corpus_docs["laiyang-2024-28"].targets
        if t.measure_ref == "(九)" and t.value == 50
    )
    assert (t.start, t.end) == (3177, 3207)


def test_extract_applies_errata_keeping_the_value_as_written(
    corpus_docs: dict[str, ExtractedDocument],
) -> None:
    corrected = [t for t in corpus_docs["qingdao-2024-49"].targets if t.erratum is not None]
    assert len(corrected) == 2
    for t in corrected:
        assert (t.value, t.value_max, t.value_max_as_written) == (1, 1.5, 15)
        assert "1—15‰" in t.value_text


def test_extract_resolves_the_implicit_district_governments(
    corpus_docs: dict[str, ExtractedDocument],
) -> None:
    tasks = corpus_docs["qingdao-2024-49"].responsibilities
    assert tasks and all(r.implicit == "各区、市政府" for r in tasks)
    assert all(r.implicit is None for r in corpus_docs["laiyang-2024-28"].responsibilities)


def test_extract_reports_the_repaired_line_break_artefact(
    corpus_docs: dict[str, ExtractedDocument],
) -> None:
    doc = corpus_docs["laiyang-2024-28"]
    task = next(r for r in doc.responsibilities if r.measure_ref == "(五)")
    assert task.lead == ("市卫生健康局",)
    assert any("duplicated" in w for w in doc.warnings)


def test_extract_cross_checks_metadata_without_warnings_on_the_corpus(
    corpus_docs: dict[str, ExtractedDocument],
) -> None:
    for doc in corpus_docs.values():
        assert not [w for w in doc.warnings if "differs" in w or "cites" in w]


def test_extract_gives_a_list_the_deadline_that_introduces_it(tmp_path: Path) -> None:
    from kg.extract.document import extract_text
    from kg.model import Source

    raw = (
        "一、总体要求\n（一）主要目标。到2025年，主要指标达到以下要求：\n"
        "1.每千人口执业（助理）医师数达到3.2人。\n2.县域内住院率达到90%以上。\n"
        "（二）重点任务。县域内就诊率达到90%。（责任单位：市卫生健康委）\n"
    )
    source = Source("t", "", "", "", None, None, "", "t.txt")
    doc = extract_text(raw, source=source, crosscheck_manifest=False)
    assert [(t.measure_ref, t.value, t.deadline) for t in doc.targets] == [
        ("(一)1", 3.2, "2025-12-31"),
        ("(一)2", 90, "2025-12-31"),
        ("(二)", 90, None),
    ]


def test_extract_goals_paragraph_opening_with_a_deadline_dates_its_later_sentences() -> None:
    """（三）发展目标。到2025年，体系更加完善。全省…下降到12/10万以下…: the aims of 2025; a later
    到2030年 dates what follows it; outside a goals paragraph a deadline keeps to its sentence."""
    from kg.extract.document import extract_text
    from kg.model import Source

    raw = (
        "一、总体要求\n（三）发展目标。到2025年，服务体系更加完善。孕产妇死亡率下降到12/10万以下，"
        "婴儿死亡率控制在5‰以下。到2030年，体系全面建成。儿童死亡率控制在6‰以下。\n"
        "二、重点任务\n（一）加强筛查。到2025年，体系更加完善。筛查率达到90%。（责任单位：省卫生健康委）\n"
    )
    source = Source("t", "", "", "", None, None, "", "t.txt")
    doc = extract_text(raw, source=source, crosscheck_manifest=False)
    assert [(t.value, t.deadline) for t in doc.targets] == [
        (12, "2025-12-31"),
        (5, "2025-12-31"),
        (6, "2030-12-31"),
        (90, None),
    ]


def test_extract_goals_paragraph_after_an_earlier_years_goals_is_dated_by_its_year() -> None:
    """二、主要目标 / 到2027年，…。死亡率下降到200/10万以下 / 到2030年，…。死亡率下降到190.7/10万
    以下: the second paragraph opens the 2030 goals as the first opened 2027's."""
    from kg.extract.document import extract_text
    from kg.model import Source

    raw = (
        "二、主要目标\n到2027年，防治体系进一步健全。死亡率下降到200/10万以下。\n"
        "到2030年，防治体系更加完善。死亡率下降到190.7/10万以下。\n"
        "三、重点任务\n（一）加强筛查。到2025年，体系更加完善。筛查率达到90%。\n"
    )
    source = Source("t", "", "", "", None, None, "", "t.txt")
    doc = extract_text(raw, source=source, crosscheck_manifest=False)
    assert [(t.value, t.deadline) for t in doc.targets] == [
        (200, "2027-12-31"),
        (190.7, "2030-12-31"),
        (90, None),
    ]

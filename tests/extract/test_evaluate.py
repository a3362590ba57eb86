"""Scoring against gold: quotes found ignoring whitespace, optional and alternative readings,
baselines left out, documents outside the manifest read from a text folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.evaluate import DocReport, QuoteFinder, score_responsibility, score_targets
from kg.model import DocMetadata, ExtractedDocument, Responsibility, Source, Target
from kg.pipeline import run_eval

DEV_GOLD = Path(__file__).resolve().parents[1] / "data" / "gold" / "dev"
SOURCE = Source("d", "", "", "", None, None, "", "d.txt")


def _target(raw: str, quote: str, *, value: float, kind: str = "target", unit: str = "%") -> Target:
    start = raw.index(quote)
    return Target(
        doc="d",
        measure_ref=None,
        start=start,
        end=start + len(quote),
        quote=quote,
        subject="s",
        value=value,
        value_max=None,
        unit=unit,
        comparator="=",
        deadline=None,
        start_year=None,
        periodicity=None,
        kind=kind,  # type: ignore[arg-type]
        value_text=f"{value}%",
    )


def _gold(quote: str, *, value: float, **extra: object) -> dict[str, object]:
    return {
        "id": "g1",
        "quote": quote,
        "value": value,
        "value_max": None,
        "unit": "%",
        "comparator": "=",
        "deadline": None,
        "start": None,
        "periodicity": None,
        "kind": "target",
        "start_offset": 0,
        "end_offset": 1,
        **extra,
    }


def test_evaluate_finds_gold_quotes_ignoring_whitespace() -> None:
    raw = "前文。覆盖率\n达到 90 %。后文覆盖率达到90%。"
    finder = QuoteFinder(raw)
    assert finder.span("覆盖率达到90%", hint=0) == (3, 14)
    assert finder.span("覆盖率达到90%", hint=20) == (17, 25)
    assert finder.span("不存在", hint=0) is None


def test_evaluate_a_repeated_table_cell_is_found_where_its_offset_points_after_lines_rebreak() -> (
    None
):
    """Gold offsets are the reference text's; a PDF reader breaks lines elsewhere, so offsets
    drift. A quote found once tells the drift, and a cell written twice in a row (100 | 100) is
    taken at the occurrence its drifted offset points to."""
    reference = "说明文字一行。\n指标\t2024年\t2025年\n覆盖率（%）\t100\t100\n"
    read = "说明\n文字\n一行。\n指标\t2024年\t2025年\n覆盖率（%）\t100\t100\n"
    row = reference.index("覆盖率")
    second = reference.index("100", reference.index("100") + 1)
    items = [
        {"quote": "覆盖率（%）", "start_offset": row},
        {"quote": "100", "start_offset": second},
    ]
    finder = QuoteFinder(read, items=items)
    want = read.index("100", read.index("100") + 1)
    assert finder.span("100", hint=second) == (want, want + 3)


def test_evaluate_matches_a_prediction_on_another_readers_line_breaks() -> None:
    raw = "到2030年，覆盖率\n达到 90 %。"
    report = DocReport("d")
    score_targets(
        [_gold("覆盖率达到 90%", value=90)], [_target(raw, "达到 90 %", value=90)], report, raw=raw
    )
    assert (report.detection.tp, report.detection.fp, report.detection.fn) == (1, 0, 0)


def test_evaluate_baseline_predictions_are_not_scored() -> None:
    raw = "现状为80%。"
    report = DocReport("d")
    score_targets([], [_target(raw, "现状为80%", value=80, kind="baseline")], report, raw=raw)
    assert report.detection.fp == 0


def _doc(resp: list[Responsibility]) -> ExtractedDocument:
    return ExtractedDocument(SOURCE, "", "utf-8", DocMetadata(), responsibilities=resp)


def _resp(ref: str, lead: tuple[str, ...], co: tuple[str, ...]) -> Responsibility:
    return Responsibility(ref, "", 0, 1, 0, 1, "", lead, co, "labelled")


def test_evaluate_measure_alternative_reading_is_accepted() -> None:
    gold = [
        {"ref": "一(一)", "lead": ["县卫生健康局"], "co": [], "alts": [{"lead": ["卫生健康局"]}]}
    ]
    report = DocReport("d")
    score_responsibility(gold, _doc([_resp("一(一)", ("卫生健康局",), ())]), report)
    assert (report.role.tp, report.role.fp, report.role.fn) == (1, 0, 0)


def test_evaluate_optional_measure_counts_neither_way() -> None:
    gold = [{"ref": "一(二)", "lead": ["市公安局"], "co": [], "optional": True}]
    found, missed = DocReport("d"), DocReport("d")
    score_responsibility(gold, _doc([_resp("一(二)", ("市公安局",), ())]), found)
    score_responsibility(gold, _doc([]), missed)
    assert (found.role.fp, found.role.fn, missed.role.fn) == (0, 0, 0)


def test_evaluate_items_numbered_on_across_sections_match_with_or_without_their_section() -> None:
    gold = [
        {"ref": "二(五)", "lead": ["国家卫生健康委"], "co": []},
        {"ref": "三(十)", "lead": ["国家医保局"], "co": []},
    ]
    report = DocReport("d")
    doc = _doc([_resp("(五)", ("国家卫生健康委",), ()), _resp("(十)", ("国家医保局",), ())])
    score_responsibility(gold, doc, report)
    assert (report.role.tp, report.role.fp, report.role.fn) == (2, 0, 0)


def test_evaluate_a_bare_item_ref_matching_two_sections_is_not_guessed() -> None:
    gold = [
        {"ref": "二(一)", "lead": ["市卫生健康委"], "co": []},
        {"ref": "三(一)", "lead": ["市财政局"], "co": []},
    ]
    report = DocReport("d")
    score_responsibility(gold, _doc([_resp("(一)", ("市卫生健康委",), ())]), report)
    assert (report.role.tp, report.role.fp, report.role.fn) == (0, 1, 2)


@pytest.mark.skipif(not DEV_GOLD.is_dir(), reason="development gold not copied")
def test_evaluate_scores_documents_outside_the_manifest_from_their_texts() -> None:
    report = run_eval(DEV_GOLD)
    docs = {d.doc: d for d in report.docs}
    assert set(docs) == {
        "healthy-china-2030-outline",
        "foshan-2024-dengue-plan",
        "fuxin-2020-3-hiap",
    }
    assert all(d.detection.f1 >= 0.95 for d in docs.values())
    assert docs["foshan-2024-dengue-plan"].strict.f1 >= 0.95
    assert docs["fuxin-2020-3-hiap"].strict.f1 >= 0.95
    # the national outline's indicator table is read out of row order by pdftotext: its
    # cells' units are assigned by position (flagged for review), see docs/quality.md
    assert docs["healthy-china-2030-outline"].strict.f1 >= 0.75


def test_evaluate_reads_an_original_file_through_its_reader(tmp_path: Path) -> None:
    import json

    import docx

    document = docx.Document()
    document.add_paragraph("一、主要目标")
    document.add_paragraph("（一）到2027年，全县儿童免疫接种率达到95%以上。")
    document.save(str(tmp_path / "mini-plan.docx"))
    item = {
        **_gold("儿童免疫接种率达到95%以上", value=95),
        "comparator": ">=",
        "deadline": "2027-12-31",
    }
    (tmp_path / "mini-plan.json").write_text(
        json.dumps({"doc": "mini-plan", "measures": [], "targets": [item]}), encoding="utf-8"
    )
    report = run_eval(tmp_path, texts=tmp_path)
    (doc,) = [d for d in report.docs if d.doc == "mini-plan"]
    assert (doc.strict.tp, doc.strict.fp, doc.strict.fn) == (1, 0, 0)


PROBES = Path(__file__).resolve().parents[1] / "data" / "gold" / "probes"


def test_evaluate_probe_documents_written_blind_keep_their_scores() -> None:
    report = run_eval(PROBES, texts=PROBES / "text")
    assert len(report.docs) == 19
    total = report.total()
    assert total.detection.f1 >= 0.98 and total.strict.f1 >= 0.97 and total.role.f1 >= 0.98
    for doc in report.docs:  # the worst: a table poppler reads column by column at its foot
        assert doc.detection.f1 >= 0.93 and doc.strict.f1 >= 0.89, doc.doc


def test_evaluate_refs_written_with_other_spaces_brackets_or_holders_match() -> None:
    gold = [
        {"ref": "附件3(1)", "lead": ["市急救指挥中心"], "co": []},
        {"ref": "四 县财政局", "lead": ["县财政局"], "co": []},
    ]
    report = DocReport("d")
    doc = _doc(
        [_resp("附件 3（1）", ("市急救指挥中心",), ()), _resp("县财政局", ("县财政局",), ())]
    )
    score_responsibility(gold, doc, report)
    assert (report.role.tp, report.role.fp, report.role.fn) == (2, 0, 0)


PROBES_LATER = Path(__file__).resolve().parents[1] / "data" / "gold" / "probes-later"


def test_evaluate_later_probe_documents_and_originals_keep_their_scores() -> None:
    """Sets 5–13, Word, PDF and web-page originals read through their readers."""
    report = run_eval(PROBES_LATER, texts=PROBES_LATER / "text")
    assert len(report.docs) == 43
    total = report.total()
    assert total.detection.f1 >= 0.95 and total.strict.f1 >= 0.93 and total.role.f1 >= 0.95
    for doc in report.docs:  # the worst: a Word task table whose cells hold two paragraphs
        assert doc.detection.f1 >= 0.83 and doc.strict.f1 >= 0.83, doc.doc
        assert doc.role.f1 >= 0.66, doc.doc


def test_evaluate_refs_with_numerals_or_digits_are_one_provision_but_numbers_stay_apart() -> None:
    gold = [
        {"ref": "第三章第一节一", "lead": ["区卫生健康局"], "co": []},
        {"ref": "24", "lead": ["财务处"], "co": []},
    ]
    report = DocReport("d")
    doc = _doc([_resp("第三章第一节1", ("区卫生健康局",), ()), _resp("二4", ("医政处",), ())])
    score_responsibility(gold, doc, report)
    assert (report.role.tp, report.role.fp, report.role.fn) == (1, 1, 1)


def test_evaluate_duty_row_numbered_in_its_section_matches_with_or_without_its_holder() -> None:
    from kg.extract.evaluate import _same_provisions

    assert _same_provisions({"三(一) 县卫生健康局"}, {"三(一)"}) == {
        "三(一)": "三(一) 县卫生健康局"
    }


def test_evaluate_attachment_item_matches_with_or_without_its_section() -> None:
    from kg.extract.evaluate import _same_provisions

    assert _same_provisions({"附件一1", "附件二4"}, {"附件 1", "附件 4"}) == {
        "附件 1": "附件一1",
        "附件 4": "附件二4",
    }


def test_evaluate_sixth_session_probe_documents_keep_their_scores() -> None:
    """Sets 14–35: 99 documents written blind in the sixth session, originals among them."""
    folder = PROBES_LATER.with_name("probes-sixth")
    report = run_eval(folder, texts=folder / "text")
    assert len(report.docs) == 99
    total = report.total()
    assert total.detection.f1 >= 0.96 and total.strict.f1 >= 0.92 and total.role.f1 >= 0.93
    for doc in report.docs:  # the worst role: a 目标责任书 whose table rows the gold reads as its
        # measures (set 34's county), and a task table repeating the measures' headings
        assert doc.detection.f1 >= 0.83 and doc.strict.f1 >= 0.72, doc.doc
        assert doc.role.f1 >= 0.25, doc.doc


def test_evaluate_box_matches_with_or_without_the_part_holding_it() -> None:
    from kg.extract.evaluate import _same_provisions

    assert _same_provisions({"第三章第二节 专栏2"}, {"专栏2"}) == {"专栏2": "第三章第二节 专栏2"}


def test_evaluate_relayed_plans_measure_matches_with_or_without_attachment_and_section() -> None:
    from kg.extract.evaluate import _same_provisions

    assert _same_provisions({"二(一)", "三(十一)"}, {"附件 (一)", "附件 (十一)"}) == {
        "附件 (一)": "二(一)",
        "附件 (十一)": "三(十一)",
    }


def test_evaluate_task_table_row_matches_with_or_without_section_and_biao() -> None:
    from kg.extract.evaluate import _same_provisions

    assert _same_provisions({"三 表1", "三 表2"}, {"1", "2"}) == {"1": "三 表1", "2": "三 表2"}


def test_evaluate_a_task_at_a_measure_repeated_by_a_table_row_matches_the_row_by_heading() -> None:
    """A task table repeating the measures' headings writes each task twice: the measure's task
    is the row's where the refs differ and one gold provision has that heading."""
    gold = [
        {"ref": "附件 1", "heading": "打造高水平医院", "lead": ["市卫健委"], "co": ["市财政局"]},
        {"ref": "附件 2", "heading": "加强专科建设", "lead": ["市卫健委"], "co": []},
    ]
    found = Responsibility(
        "二(一)1", "打造高水平医院", 0, 1, 0, 1, "", ("市卫健委",), ("市财政局",), "labelled"
    )
    other = Responsibility("二(一)3", "建设人才队伍", 0, 1, 0, 1, "", ("市卫健委",), (), "labelled")
    report = DocReport("d")
    score_responsibility(gold, _doc([found, other]), report)
    assert (report.role.tp, report.role.fp, report.role.fn) == (2, 1, 1)


def test_evaluate_a_task_under_a_gold_provisions_heading_is_it_before_a_same_numbered_one() -> None:
    """四(三) 项目效果, where the gold has 附件 项目效果 and a 六(三) 村卫生室资金: the heading
    tells the place, not the item's number in another section."""
    gold = [
        {"ref": "附件 项目效果", "heading": "项目效果", "lead": ["县卫健局基层股"], "co": []},
        {"ref": "六(三)", "heading": "村卫生室资金", "lead": [], "co": [], "optional": True},
    ]
    found = Responsibility(
        "四(三)", "项目效果", 0, 1, 0, 1, "", ("县卫健局基层股",), (), "inferred-order"
    )
    report = DocReport("d")
    score_responsibility(gold, _doc([found]), report)
    assert (report.role.tp, report.role.fp, report.role.fn) == (1, 0, 0)


def test_evaluate_task_table_row_matches_with_or_without_its_attachment() -> None:
    from kg.extract.evaluate import _same_provisions

    assert _same_provisions({"3", "4"}, {"附件 3", "附件 4"}) == {"附件 3": "3", "附件 4": "4"}


def test_evaluate_seventh_session_probe_documents_keep_their_scores() -> None:
    """Sets 36–: documents written blind in the seventh session, most recalled from real ones."""
    folder = PROBES_LATER.with_name("probes-seventh")
    report = run_eval(folder, texts=folder / "text")
    assert len(report.docs) == 31
    total = report.total()
    assert total.detection.f1 >= 0.97 and total.strict.f1 >= 0.92 and total.role.f1 >= 0.96
    for doc in report.docs:  # the worst role: a note after a whole list counted 以上3项, which
        # the gold gives each item and the rules the list (as a note after a list is the list's)
        assert doc.detection.f1 >= 0.87 and doc.strict.f1 >= 0.79, doc.doc
        assert doc.role.f1 >= 0.72, doc.doc


def test_evaluate_probes_of_the_eighth_session_keep_their_scores() -> None:
    """Sets 47-78, written blind and scored first in the eighth session (docs/quality.md)."""
    folder = PROBES_LATER.with_name("probes-eighth")
    report = run_eval(folder, texts=folder / "text")
    assert len(report.docs) == 64
    total = report.total()
    assert total.detection.f1 >= 0.97 and total.strict.f1 >= 0.93 and total.role.f1 >= 0.97
    # sets 74 and 77: generic departments (税务部门, 各区、市疾控中心) their golds give as units
    floors = {
        "p74-province-2024-resident-medical-insurance": 0.6,
        "p74-county-2024-medical-": 0.7,
        "p77-prefecture-2024-immunization": 0.55,
    }
    for doc in report.docs:  # the worst: an assessment table whose gold counts score weights
        assert doc.detection.f1 >= 0.75 and doc.strict.f1 >= 0.75, doc.doc
        floor = next((f for name, f in floors.items() if doc.doc.startswith(name)), 0.85)
        assert doc.role.f1 >= floor, doc.doc


def test_evaluate_probes_of_the_ninth_session_keep_their_scores() -> None:
    """Sets 79-103, written blind and scored first in the ninth session (docs/quality.md); sets
    101-103 scored only, as first scored."""
    folder = PROBES_LATER.with_name("probes-ninth")
    report = run_eval(folder, texts=folder / "text")
    assert len(report.docs) == 50
    total = report.total()
    assert total.detection.f1 >= 0.98 and total.strict.f1 >= 0.95 and total.role.f1 >= 0.97
    for doc in report.docs:  # the worst, set 102 (scored only): 满意度 written in 分 in the text,
        # and a vaccine notice whose gold makes 教育局 lead where the sentences name 卫健委 first
        hpv = doc.doc.startswith("p102-prefecture")
        assert doc.detection.f1 >= 0.93 and doc.strict.f1 >= 0.77, doc.doc
        assert doc.role.f1 >= (0.55 if hpv else 0.85), doc.doc


def test_evaluate_probes_of_the_tenth_session_keep_their_scores() -> None:
    """Sets 104-109, written blind and scored first in the tenth session (docs/quality.md)."""
    folder = PROBES_LATER.with_name("probes-tenth")
    report = run_eval(folder, texts=folder / "text")
    assert len(report.docs) == 12
    total = report.total()
    assert total.detection.f1 >= 0.98 and total.strict.f1 >= 0.94 and total.role.f1 >= 0.97
    for doc in report.docs:  # the worst strict, set 108's PDF: task deadlines the gold gives to
        # the plan's end, and a list of three follow-up times (3个月、6个月、12个月)
        assert doc.detection.f1 >= 0.95 and doc.strict.f1 >= 0.85, doc.doc
        assert doc.role.f1 >= 0.9, doc.doc


def test_evaluate_probes_of_the_eleventh_session_keep_their_scores() -> None:
    """Sets 110-125, written blind and scored first in the eleventh session (docs/quality.md);
    seven of the 32 read through their originals (PDF, Word, web page)."""
    folder = PROBES_LATER.with_name("probes-eleventh")
    report = run_eval(folder, texts=folder / "text")
    assert len(report.docs) == 32
    total = report.total()
    assert total.detection.f1 >= 0.98 and total.strict.f1 >= 0.97 and total.role.f1 >= 0.98
    for doc in report.docs:  # the worst: grades of network security (三级等保) and 均 over
        # several rates, which the golds read as one target where the rules read one a subject
        assert doc.detection.f1 >= 0.92 and doc.strict.f1 >= 0.9, doc.doc
        assert doc.role.f1 >= 0.92, doc.doc


def test_evaluate_probes_of_the_fourteenth_session_keep_their_scores() -> None:
    """Sets 146-157, written blind and scored first in the fourteenth session (docs/quality.md);
    eight of the 18 read through their originals (PDF, Word, web page)."""
    folder = PROBES_LATER.with_name("probes-fourteenth")
    report = run_eval(folder, texts=folder / "text")
    assert len(report.docs) == 18
    total = report.total()
    assert total.detection.f1 >= 0.98 and total.strict.f1 >= 0.97 and total.role.f1 >= 0.98
    for doc in report.docs:  # the worst: 均 over two rates (one target to the golds) and
        # generic township bodies the golds give as co-responsible
        assert doc.detection.f1 >= 0.95 and doc.strict.f1 >= 0.93, doc.doc
        assert doc.role.f1 >= 0.94, doc.doc


def test_evaluate_probes_of_the_fifteenth_session_keep_their_scores() -> None:
    """Sets 158-169, written blind and scored first in the fifteenth session (docs/quality.md);
    13 of the 24 read through their originals (PDF, Word, web page)."""
    folder = PROBES_LATER.with_name("probes-fifteenth")
    report = run_eval(folder, texts=folder / "text")
    assert len(report.docs) == 24
    total = report.total()
    assert total.detection.f1 >= 0.985 and total.strict.f1 >= 0.98 and total.role.f1 >= 0.985
    for doc in report.docs:  # the worst: a township's stations named by the town (双堠供水站),
        # 均 over three rates (one target to the gold), 每5年…一次 read as 5 年 by two writers
        assert doc.detection.f1 >= 0.96 and doc.strict.f1 >= 0.94, doc.doc
        assert doc.role.f1 >= 0.93, doc.doc


def test_evaluate_probes_of_the_sixteenth_session_keep_their_scores() -> None:
    """Sets 170-173, written blind and scored first in the sixteenth session (docs/quality.md);
    5 of the 8 read through their originals (PDF, Word, web page), the scan kept as its text."""
    folder = PROBES_LATER.with_name("probes-sixteenth")
    report = run_eval(folder, texts=folder / "text")
    assert len(report.docs) == 8
    total = report.total()
    assert total.detection.f1 >= 0.98 and total.strict.f1 >= 0.975 and total.role.f1 >= 0.985
    for doc in report.docs:  # the worst: an attachment's price list read as targets by its writer
        assert doc.detection.f1 >= 0.93 and doc.strict.f1 >= 0.93, doc.doc
        assert doc.role.f1 >= 0.97, doc.doc


def test_evaluate_a_sections_closing_note_read_per_measure_matches_the_section() -> None:
    """以上任务由A牵头，B配合: the gold gives it to the section, the rules to each measure."""
    gold = [
        {"ref": "三", "lead": ["县医保局"], "co": ["县财政局"]},
        {"ref": "三(一)", "lead": ["县医保局"], "co": ["县财政局"], "optional": True},
    ]
    found = [
        _resp("三(一)", ("县医保局",), ("县财政局",)),
        _resp("三(二)", ("县医保局",), ("县财政局",)),
    ]
    report = DocReport("d")
    score_responsibility(gold, _doc(found), report)
    assert (report.role.tp, report.role.fp, report.role.fn) == (2, 0, 0)
    other = [_resp("三(一)", ("县医保局",), ()), _resp("三(二)", ("县医保局",), ("县财政局",))]
    report = DocReport("d")
    score_responsibility(gold, _doc(other), report)
    assert report.role.fn == 2  # units that differ between the measures are not the section's


def test_evaluate_a_lists_note_given_the_list_matches_the_gold_giving_each_item() -> None:
    """（以上3项由A负责） after a whole list: the rules give the list, one gold each item."""
    gold = [
        {"ref": "二(三)1", "lead": ["省卫生健康委"], "co": ["省财政厅"]},
        {"ref": "二(三)2", "lead": ["省卫生健康委"], "co": ["省财政厅"]},
    ]
    report = DocReport("d")
    score_responsibility(gold, _doc([_resp("二(三)", ("省卫生健康委",), ("省财政厅",))]), report)
    assert (report.role.tp, report.role.fp, report.role.fn) == (4, 0, 0)


def test_evaluate_a_table_row_whose_task_goes_on_after_the_heading_matches_the_measure() -> None:
    """1 | 建设区域医疗中心，到2025年建成10个左右 | A | B: the row's task is the measure 二(一)2
    建设区域医疗中心 with more after a comma."""
    gold = [
        {"ref": "二(一)2", "heading": "建设区域医疗中心", "lead": ["省卫健委"], "co": ["省财政厅"]}
    ]
    row = Responsibility(
        "附件 2",
        "建设区域医疗中心，到2025年建成10个左右",
        0,
        1,
        0,
        1,
        "",
        ("省卫健委",),
        ("省财政厅",),
        "inferred-order",
    )
    report = DocReport("d")
    score_responsibility(gold, _doc([row]), report)
    assert (report.role.tp, report.role.fp, report.role.fn) == (2, 0, 0)


def test_evaluate_a_schedule_row_whose_task_opens_with_a_gold_heading_matches_it() -> None:
    """1 | 制定工作方案，召开动员部署会；完成摸底核实 beside 五(1) 制定工作方案，召开动员部署会: the
    row is that provision, its task going on after the gold's two clauses."""
    gold = [
        {"ref": "五(1)", "heading": "制定工作方案，召开动员部署会", "lead": ["甲办"], "co": []},
        {"ref": "五(2)", "heading": "开展宣传发动", "lead": ["乙办"], "co": []},
    ]
    row = Responsibility(
        "1",
        "制定工作方案，召开动员部署会；完成摸底核实",
        0,
        1,
        0,
        1,
        "",
        ("甲办",),
        (),
        "inferred-order",
    )
    report = DocReport("d")
    score_responsibility(gold, _doc([row]), report)
    assert (report.role.tp, report.role.fp, report.role.fn) == (1, 0, 1)


def test_evaluate_rows_a_gold_file_gives_one_ref_are_told_apart_by_heading() -> None:
    gold = [
        {"ref": "附件", "heading": "孕产妇死亡率", "lead": ["县妇幼保健院"], "co": []},
        {
            "ref": "附件",
            "heading": "新生儿听力筛查率",
            "lead": ["县妇幼保健院"],
            "co": ["县人民医院"],
        },
    ]
    rows = [
        Responsibility("附件 1", "孕产妇死亡率", 0, 1, 0, 1, "", ("县妇幼保健院",), (), "labelled"),
        Responsibility(
            "附件 2",
            "新生儿听力筛查率",
            0,
            1,
            0,
            1,
            "",
            ("县妇幼保健院",),
            ("县人民医院",),
            "labelled",
        ),
    ]
    report = DocReport("d")
    score_responsibility(gold, _doc(rows), report)
    assert (report.role.tp, report.role.fp, report.role.fn) == (2, 0, 0)


def test_evaluate_money_per_person_item_and_month_is_yuan_with_its_periodicity() -> None:
    from kg.extract.evaluate import _gold_reading

    assert _gold_reading({"unit": "元/人/月", "periodicity": None}) == {
        "unit": "元",
        "periodicity": "monthly",
    }
    assert _gold_reading({"unit": "元/人", "periodicity": None})["unit"] == "元"
    assert _gold_reading({"unit": "元/人/天", "periodicity": None}) == {
        "unit": "元",
        "periodicity": "daily",
    }
    # money per item is 元 too, as gold-dev writes 每所1万元; a per-item rate of more is kept
    assert _gold_reading({"unit": "元/例", "periodicity": None})["unit"] == "元"
    assert _gold_reading({"unit": "元/人/次", "periodicity": None})["unit"] == "元"
    assert _gold_reading({"unit": "例/百名出院人次"})["unit"] == "例/百名出院人次"


def test_evaluate_a_rate_per_100000_written_with_its_one_is_the_same_unit() -> None:
    from kg.extract.evaluate import _gold_reading

    assert _gold_reading({"unit": "1/10万"})["unit"] == "/10万"
    assert _gold_reading({"unit": "人/10万人口"})["unit"] == "人/10万人口"
    assert _gold_reading({"unit": "个月"})["unit"] == "月"


def test_evaluate_a_rate_base_in_digits_is_the_contracts_spelling() -> None:
    raw = "每1000名学生配备1名心理健康教育教师。"
    report = DocReport("d")
    gold = _gold("每1000名学生配备1名", value=1, unit="名/1000名学生")
    predicted = _target(raw, "每1000名学生配备1名", value=1, unit="名/千名学生")
    score_targets([gold], [predicted], report, raw=raw)
    assert report.strict.tp == 1

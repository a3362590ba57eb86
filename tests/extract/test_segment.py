"""Segmentation: sections, measures, sub-items and clauses, with raw offsets that lose nothing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.segment import cn_number, cn_numeral, segment
from kg.model import ExtractedDocument

PER_SECTION = (
    "总体要求如下。\n一、优化资源\n（一）健全体系。内容甲。（责任单位：市卫生健康委）\n"
    "（二）提升能力。\n1.提升卫生院。内容乙。\n2.夯实网底。内容丙；内容丁。\n"
    "二、人才队伍\n（一）盘活编制。内容戊。\n"
)
CONTINUOUS = (
    "一、甲\n（一）提升。内容。\n二、乙\n（二）加强。内容。\n莱阳市人民政府办公室\n2024年10月28日\n"
)


def test_segment_numbers_measures_per_section_when_numbering_restarts() -> None:
    seg = segment(PER_SECTION)
    assert seg.numbering == "per-section"
    assert [m.ref for m in seg.measures] == ["一(一)", "一(二)", "一(二)1", "一(二)2", "二(一)"]
    assert seg.measures[2].parent_ref == "一(二)" and seg.measures[2].heading == "提升卫生院"


def test_segment_numbers_measures_alone_when_numbering_runs_through() -> None:
    seg = segment(CONTINUOUS)
    assert seg.numbering == "continuous"
    assert [m.ref for m in seg.measures] == ["(一)", "(二)"]


def test_segment_ends_the_last_measure_before_the_signature() -> None:
    seg = segment(CONTINUOUS)
    last = seg.measures[-1]
    assert "莱阳市人民政府办公室" not in CONTINUOUS[last.start : last.end]


def test_segment_gives_headings_and_raw_offsets() -> None:
    seg = segment(PER_SECTION)
    m = seg.measures[0]
    assert m.heading == "健全体系"
    assert PER_SECTION[m.start : m.end].startswith("（一）健全体系。")


def test_segment_keeps_a_responsibility_note_in_one_clause() -> None:
    raw = "（一）甲。乙。（责任单位：市卫生健康局、市财政局。列第一位的为牵头单位，下同）"
    texts = [c.text for c in segment(raw).clauses]
    assert texts[-1] == "（责任单位：市卫生健康局、市财政局。列第一位的为牵头单位，下同）"


def test_segment_reads_chinese_numerals_both_ways() -> None:
    for n in (1, 9, 10, 11, 20, 22, 30, 99):
        assert cn_number(cn_numeral(n)) == n
    assert cn_numeral(21) == "二十一"


def test_segment_locates_clauses_in_their_measure(
    corpus_docs: dict[str, ExtractedDocument],
) -> None:
    doc = corpus_docs["laiyang-2024-28"]
    clause = next(c for c in doc.clauses if "50%以上" in c.text and "执业" in c.text)
    assert clause.measure_ref == "(九)"


_ALPHABET = "一二三、（）()。；1.\n\n 甲乙丙责任单位：年%"


@settings(max_examples=300)
@given(st.text(alphabet=_ALPHABET, max_size=300))
def test_segment_clauses_tile_the_raw_text_losing_and_duplicating_nothing(raw: str) -> None:
    seg = segment(raw)
    assert "".join(raw[c.start : c.end] for c in seg.clauses) == raw
    for a, b in zip(seg.clauses, seg.clauses[1:], strict=False):
        assert a.end == b.start


def test_segment_clauses_tile_every_corpus_text(corpus_docs: dict[str, ExtractedDocument]) -> None:
    for doc in corpus_docs.values():
        assert "".join(doc.raw[c.start : c.end] for c in doc.clauses) == doc.raw


NOTICE_WITH_ATTACHMENTS = (
    "各区卫生健康局：\n现将有关事项通知如下。\n一、总体要求\n（一）提高认识。内容甲。\n"
    "附件：1.工作方案\n2.职责分工表\n某市卫生健康局\n2024年5月6日\n"
    "附件1\n工作方案\n一、工作目标\n（一）完善机制。内容乙。\n（二）强化保障。内容丙。\n"
    "二、主要任务\n（一）开展筛查。内容丁。\n"
    "附件2\n职责分工表\n部门\t职责\n市教育局\t做好学校筛查。督促落实。\n市民政局（市老龄办）\t做好养老机构排查。\n"
)


def test_segment_attachment_numbering_resets() -> None:
    seg = segment(NOTICE_WITH_ATTACHMENTS)
    refs = [m.ref for m in seg.measures]
    assert refs[0] == "(一)"
    assert [r for r in refs if r.startswith("附件1")] == [
        "附件1 一(一)",
        "附件1 一(二)",
        "附件1 二(一)",
    ]
    assert [s.ref for s in seg.sections] == ["一", "附件1 一", "附件1 二"]


def test_segment_list_of_attachments_is_not_a_provision() -> None:
    seg = segment(NOTICE_WITH_ATTACHMENTS)
    first = seg.measures[0]
    assert "工作方案" not in NOTICE_WITH_ATTACHMENTS[first.start : first.end]
    assert not any(m.heading in ("工作方案", "职责分工表") for m in seg.measures)


def test_segment_duty_table_row_is_a_provision() -> None:
    seg = segment(NOTICE_WITH_ATTACHMENTS)
    rows = [m for m in seg.measures if m.level == "row"]
    assert [(m.ref, m.actor, m.heading) for m in rows] == [
        ("附件2 市教育局", "市教育局", "做好学校筛查"),
        ("附件2 市民政局（市老龄办）", "市民政局（市老龄办）", "做好养老机构排查"),
    ]
    assert NOTICE_WITH_ATTACHMENTS[rows[0].start : rows[0].end].startswith("市教育局\t")


def test_segment_points_under_a_sub_item() -> None:
    seg = segment(
        "一、措施\n（一）处置。\n1.入户调查\n（1）组建队伍。内容。\n（2）开展培训。内容。\n2.消杀\n"
    )
    assert [m.ref for m in seg.measures] == ["(一)", "(一)1", "(一)1(1)", "(一)1(2)", "(一)2"]
    assert seg.measures[2].parent_ref == "(一)1" and seg.measures[2].level == "point"


def test_segment_duty_table_row_one_cell_a_line() -> None:
    raw = (
        "一、要求\n（一）落实。各部门按附件落实。\n附件1\n职责清单\n部门\n主要职责\n对应因素\n"
        "县教育局\n开展健康学校建设。\n健康素养\n团委、妇联等\n组织青年和妇女参与。\n社会参与\n"
    )
    rows = [m for m in segment(raw).measures if m.level == "row"]
    assert [(m.ref, m.heading) for m in rows] == [
        ("附件1 县教育局", "开展健康学校建设"),
        ("附件1 团委、妇联等", "组织青年和妇女参与"),
    ]
    assert raw[rows[1].start : rows[1].end] == "团委、妇联等\n组织青年和妇女参与。\n社会参与"


def test_segment_repeated_numbers_get_their_occurrence() -> None:
    seg = segment(
        "一、目标\n内容。\n一、措施\n（一）甲。\n1.子项。\n（一）乙。\n1.子项。\n二、保障\n（一）丙。\n"
    )
    assert [s.ref for s in seg.sections] == ["一", "一#2", "二"]
    refs = [(m.ref, m.parent_ref) for m in seg.measures]
    assert refs == [
        ("一(一)", None),
        ("一(一)1", "一(一)"),
        ("一(一)#2", None),
        ("一(一)1#2", "一(一)#2"),
        ("二(一)", None),
    ]


def test_segment_plan_in_chapters_numbers_sections_by_chapter_and_jie() -> None:
    raw = (
        "目录\n第一章 发展基础\n第二章 主要任务\n第一节 完善公共卫生体系\n"
        "第一章 发展基础\n全省卫生健康事业取得明显成效。\n"
        "第二章 主要任务\n第一节 完善公共卫生体系\n"
        "一、强化疾病预防控制。加强疾控机构能力建设，推进实验室标准化，提升检测能力和水平，"
        "完善监测预警体系和应急处置机制，确保重大疫情早发现早处置。\n"
        "二、加强慢性病防治。实施综合防控。\n第二节 优化医疗服务\n推进分级诊疗。\n"
    )
    seg = segment(raw)
    assert [s.ref for s in seg.sections] == ["第一章", "第二章"]  # the table of contents skipped
    assert [m.ref for m in seg.measures] == [
        "第二章第一节",
        "第二章第一节1",
        "第二章第一节2",
        "第二章第二节",
    ]


def test_segment_attachment_heading_with_its_title_on_the_same_line() -> None:
    raw = (
        "关于印发某方案的通知\n现印发给你们。\n附件：1.某方案\n2.任务分工表\n某市卫健委\n2024年1月1日\n"
        "附件1 某方案\n一、目标\n（一）加强监测。内容。\n"
        "附件2 任务分工表\n一、任务\n（一）开展培训。内容。\n"
    )
    assert [m.ref.split(" ")[0] for m in segment(raw).measures] == ["附件1", "附件2"]


def test_segment_value_cells_of_a_table_are_no_decimal_headings() -> None:
    seg = segment(
        "一、主要指标\n指标\n2020年\n人均预期寿命（岁）\n77.3\n婴儿死亡率（‰）\n7.5\n孕产妇死亡率\n18.0\n"
    )
    assert seg.numbering != "decimal"


def test_segment_a_heading_ending_like_a_bureau_is_no_duty_table_row() -> None:
    seg = segment(
        "主要指标\n序号\n指标\n单位\n2025年\n1\n人均预期寿命\n岁\n80\n"
        "第三章 主要任务\n第二节 推动优质医疗资源扩容和均衡布局\n推进区域医疗中心建设。\n"
    )
    assert not any(m.level == "row" for m in seg.measures)

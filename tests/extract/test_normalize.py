"""Normalisation joins wrapped lines and repairs break artefacts, never losing the way back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.normalize import normalize


def test_normalize_joins_a_line_wrapped_inside_a_word() -> None:
    raw = "（一）提升服务。到2025年，乡村医生比例达到60%以\n\n上。\n"
    n = normalize(raw)
    assert "达到60%以上。" in n.text


def test_normalize_keeps_a_paragraph_break_after_a_sentence() -> None:
    n = normalize("（一）甲。\n\n（二）乙。")
    assert n.text == "（一）甲。\n（二）乙。"


def test_normalize_repairs_a_character_duplicated_across_a_break() -> None:
    n = normalize("（责任单位：市卫\n\n卫生健康局、市财政局）")
    assert "市卫生健康局" in n.text
    assert n.repairs and "卫" in n.repairs[0]


def test_normalize_keeps_a_real_doubled_character() -> None:
    raw = "人人享有基本医疗。推动人\n\n人参与"
    assert "推动人人参与" in normalize(raw).text


def test_normalize_removes_spaces_in_numbers_and_unifies_brackets() -> None:
    n = normalize("到 2025 年，床位数达到 7.5 张(牵头单位:市卫生健康委)")
    assert n.text == "到2025年，床位数达到7.5张（牵头单位：市卫生健康委）"


def test_normalize_keeps_ratio_colons_half_width() -> None:
    assert "1:0.55" in normalize("床医比达到1:0.55").text


def test_normalize_joins_a_responsibility_note_broken_after_its_label() -> None:
    n = normalize("2025年底前完成。（责任单位：\n\n市卫生健康委、市财政局）")
    assert n.text.endswith("（责任单位：市卫生健康委、市财政局）")


@given(st.text(alphabet="一二（）()。；：,，:\n 市卫生健康委责任单位12345%年到", max_size=200))
def test_normalize_maps_every_clean_character_back_to_its_raw_source(raw: str) -> None:
    n = normalize(raw)
    assert len(n.offsets) == len(n.text)
    assert list(n.offsets) == sorted(set(n.offsets))
    for ch, pos in zip(n.text, n.offsets, strict=True):
        assert 0 <= pos < len(raw)
        source = raw[pos]
        assert ch == source or (ch, source) in {
            ("（", "("),
            ("）", ")"),
            ("，", ","),
            ("：", ":"),
            ("；", ";"),
            ("\n", "\n"),
        }


@given(st.text(alphabet="一二（）()。；：,，:\n 市卫生健康委责任单位12345%年到", max_size=200))
def test_normalize_runs_are_the_offset_map_compressed(raw: str) -> None:
    n = normalize(raw)
    expanded = [r + i for _c, r, length in n.runs() for i in range(length)]
    assert expanded == list(n.offsets)
    assert [c for c, _r, _n in n.runs()] == [
        sum(length for _c, _r, length in n.runs()[:i]) for i in range(len(n.runs()))
    ]


def test_normalize_runs_break_where_the_clean_text_skips_raw_characters() -> None:
    n = normalize("比例达到60%以\n\n上。")
    assert n.text == "比例达到60%以上。"
    assert n.runs() == [(0, 0, 8), (8, 10, 2)]


def test_normalize_keeps_table_cells_apart_and_rows_on_their_own_lines() -> None:
    raw = "部  门\t职责\n市教育局 \t做好学校筛查\n市民政局\t\t做好排查\n"
    assert normalize(raw).text == "部门\t职责\n市教育局\t做好学校筛查\n市民政局\t做好排查"


def test_normalize_drops_page_numbers_in_the_page_foot() -> None:
    assert normalize("加强统筹，开\n— 3 —\n展工作。\n").text == "加强统筹，开展工作。"


def test_normalize_ends_a_paragraph_after_a_short_numbered_heading() -> None:
    wrapped = "这是一行足够长的正文文字用于确定行宽，继续写\n"
    raw = wrapped * 4 + "6.应急监测\n市疾控中心组织监测。\n"
    assert normalize(raw).text.endswith("\n6.应急监测\n市疾控中心组织监测。")


def test_normalize_keeps_an_attachment_heading_on_its_own_line() -> None:
    assert normalize("附件2\n职责分工表\n").text == "附件2\n职责分工表"


def test_normalize_keeps_labelled_table_cells_on_lines_of_their_own() -> None:
    text = normalize("指标：床位使用率(%)\n2020 年：85\n\n2025 年：90\n性质：预期性\n").text
    assert text.split("\n") == ["指标：床位使用率（%）", "2020年：85", "2025年：90", "性质：预期性"]


def test_normalize_joins_a_number_wrapped_away_from_its_unit() -> None:
    assert normalize("到2025年，覆盖率达到\n90\n%以上。").text == "到2025年，覆盖率达到90%以上。"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("到２０２５年，覆盖率达到９０％。", "到2025年，覆盖率达到90%。"),
        ("到 2 0 2 5 年，覆盖率达到 9 0 % 。", "到2025年，覆盖率达到90%。"),
        ("到二〇二五年底，覆盖率达到90%。", "到2025年底，覆盖率达到90%。"),
    ],
)
def test_normalize_digits_written_full_width_spaced_or_in_chinese_numerals(
    raw: str, clean: str
) -> None:
    norm = normalize(raw)
    assert norm.text == clean
    assert len(norm.offsets) == len(norm.text)  # every clean character still maps to the raw


def test_normalize_a_figure_wrapped_to_a_line_start_is_no_decimal_heading() -> None:
    text = normalize("到2030年，人均预期寿命达到\n79.0 岁，人均健康预期寿命显著提高。\n").text
    assert "达到79.0岁" in text.replace(" ", "")


def test_normalize_keeps_a_short_line_ending_like_a_title_a_paragraph_of_its_own() -> None:
    para = "2024年，全市健康城市建设取得新进展，人均预期寿命达到79.3岁，健康素养水平提升至29.6%，"
    raw = f"2025年榆坪市健康城市建设工作要点\n{para * 2}\n{para * 2}\n"
    assert normalize(raw).text.split("\n")[0] == "2025年榆坪市健康城市建设工作要点"
    wrapped = f"**莱阳市人民政府办公室\n关于深化改革的实施意见**\n{para * 2}\n{para * 2}\n"
    assert (
        normalize(wrapped).text.split("\n")[0] == "**莱阳市人民政府办公室关于深化改革的实施意见**"
    )


def test_normalize_reads_a_table_written_with_bars_between_its_cells() -> None:
    text = normalize("序号 | 工作任务 | 牵头单位\n1 | 完成托位建设 | 市卫生健康委\n").text
    assert text == "序号\t工作任务\t牵头单位\n1\t完成托位建设\t市卫生健康委"


def test_normalize_a_line_of_labels_before_the_text_is_a_paragraph_of_its_own() -> None:
    """5、做好早诊早治。/ 牵头单位：县卫健局　配合单位：县妇联 / 在全县推广…: the labels' line
    ends with no stop, yet the text after it is not part of the note."""
    from kg.extract.normalize import normalize

    text = normalize(
        "5、做好癌症早诊早治。\n牵头单位：县卫健局　配合单位：县财政局、县妇联\n"
        "在全县推广机会性筛查。\n"
    ).text
    assert "县妇联\n在全县" in text or "县妇联\n\n在全县" in text


def test_normalize_keeps_an_empty_table_cell_between_two_tabs() -> None:
    """8 | 任务 | 市卫健委 | (empty 配合单位) | 持续推进: the empty cell stays a cell."""
    norm = normalize("8\t加强预算管理\t市卫健委\t\t持续推进\n9 \t 改革人事\t市人社局")
    assert norm.text.splitlines() == [
        "8\t加强预算管理\t市卫健委\t\t持续推进",
        "9\t改革人事\t市人社局",
    ]
    assert norm.raw[norm.raw_start(norm.text.index("持续")) :].startswith("持续")


def test_normalize_joins_a_note_whose_second_label_wraps_to_the_next_line() -> None:
    raw = "10.推进建设。全市85%以上建成。（牵头单位：市卫生健康委；\n责任单位：市民政局）\n"
    raw += "11.规范管理。"
    text = normalize(raw).text
    assert "（牵头单位：市卫生健康委；责任单位：市民政局）" in text
    assert "\n11." in text


def _wrapped(text: str, *, width: float) -> str:
    """A text hard-wrapped at a margin of ``width`` full-width characters (a digit takes half),
    as a PDF's lines are."""
    lines = []
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for ch in paragraph:
            step = 0.5 if ch.isascii() else 1.0
            if used + step > width:
                lines.append(line)
                line, used = "", 0.0
            line, used = line + ch, used + step
        lines.append(line)
    return "\n".join(lines)


_GOAL = (
    "到2026年底，全县传染病监测预警和应急处置能力明显提升，基层防控网底进一步筑牢。"
    "法定传染病报告及时率达到100%，报告准确率达到98%以上，发热诊室设置率达到100%。"
)
_FILLER = "各乡镇卫生院要按照县卫生健康局统一部署，认真落实传染病防控和卫生应急各项工作要求，"


def test_normalize_a_sentence_ending_at_the_margin_of_a_wrapped_text_goes_on() -> None:
    width = 39.0  # the first sentence (4 digits, 37 other characters) ends at the margin
    body = "\n".join([_GOAL, *(_FILLER * 3 + "确保取得实效。" for _ in range(6))])
    n = normalize(_wrapped(body, width=width))
    assert _GOAL in n.text


def test_normalize_one_paragraph_a_line_keeps_a_sentence_end_a_paragraph_end() -> None:
    paragraphs = [(_FILLER * 3)[: 12 + 9 * k] + "。" for k in range(14)]
    n = normalize("\n".join(paragraphs))
    assert n.text.split("\n") == paragraphs


def test_normalize_a_title_ending_in_its_period_is_a_paragraph_of_its_own() -> None:
    title = "湖南省综合防控儿童青少年近视工作任务分工方案（2024—2025年）"
    body = "2023年全省儿童青少年总体近视率为51.3%，较2018年下降3.6个百分点，低龄化问题依然突出。"
    goal = "到2025年，全省儿童青少年总体近视率在2023年的基础上每年降低0.5个百分点以上。"
    n = normalize("\n".join([title, body + body, "一、总体目标", *[goal + goal] * 3]))
    assert n.text.split("\n")[:2] == [title, body + body]

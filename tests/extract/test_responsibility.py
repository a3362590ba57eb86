"""Responsibility notes in every shape: lead and co units, in order, as full names."""

from __future__ import annotations

import pytest

from kg.extract.responsibility import ParsedNote, find_note, parse_note


def parse(note: str, *, first_is_lead: bool = False) -> ParsedNote:
    found = find_note(note)
    assert found is not None, note
    return parse_note(found.content, first_is_lead=first_is_lead)


def test_responsibility_first_listed_leads_where_the_document_says_so() -> None:
    p = parse(
        "（责任单位：市卫生健康局、市委编办、市财政局。列第一位的为牵头单位，其他单位根据职责承担相应工作任务，下同）"
    )
    assert (p.lead, p.co, p.lead_basis) == (
        ("市卫生健康局",),
        ("市委编办", "市财政局"),
        "stated-order",
    )
    assert p.states_first_is_lead


def test_responsibility_labelled_lead_and_co() -> None:
    p = parse("(牵头单位：市卫生健康委，责任单位：市委编办、市人力资源社会保障局、市教育局)")
    assert p.lead == ("市卫生健康委",)
    assert p.co == ("市委编办", "市人力资源社会保障局", "市教育局")
    assert p.lead_basis == "labelled"


def test_responsibility_distributes_the_city_prefix() -> None:
    p = parse("（责任单位：各区人民政府，市卫健委、资源规划局）")
    assert p.lead == ("各区人民政府",)
    assert p.co == ("市卫健委", "市资源规划局")
    assert p.lead_basis == "inferred-order"


def test_responsibility_does_not_prefix_a_name_that_only_begins_with_shi() -> None:
    p = parse("（责任单位：市医保局、卫健委、市场监督管理局）")
    assert p.co == ("市卫健委", "市市场监督管理局")


def test_responsibility_reads_provincial_lead_and_duty_clauses() -> None:
    p = parse("（省卫生健康委牵头，省财政厅、人力资源社会保障厅等按职责分工负责）")
    assert p.lead == ("省卫生健康委",)
    assert p.co == ("省财政厅", "省人力资源社会保障厅")


def test_responsibility_reads_a_national_note_without_a_lead_marker() -> None:
    p = parse("（国家卫生健康委、财政部按职责分工负责）")
    assert (p.lead, p.co, p.lead_basis) == (("国家卫生健康委",), ("财政部",), "inferred-order")


def test_responsibility_drops_placeholders_and_keeps_x_of_x_deng_bumen() -> None:
    assert parse("(责任单位:市卫生健康委、相关部门)").co == ()
    p = parse("（责任单位：市卫生健康局等部门）")
    assert (p.lead, p.co) == (("市卫生健康局",), ())


@pytest.mark.parametrize(
    ("note", "implicit"),
    [
        (
            "（责任单位：市卫生健康委、市人力资源社会保障局。列第一位的为牵头单位，其他单位按职责分工负责；"
            "每项任务均需各区、市政府落实，不再逐一列出，下同）",
            "各区、市政府",
        ),
        (
            "(责任单位:市卫生健康委、市委组织部。列第一位的为牵头单位,其他单位根据职责承担相应工作任务;"
            "每项任务各区市政府同为责任单位,不逐一列出,下同)",
            "各区市政府",
        ),
    ],
)
def test_responsibility_reads_implicit_district_governments(note: str, implicit: str) -> None:
    from kg.extract.normalize import normalize

    p = parse(normalize(note).text)
    assert p.implicit == implicit
    assert implicit not in p.co


def test_responsibility_ignores_an_ordinary_aside_in_brackets() -> None:
    assert find_note("加强县级医院（含中医医院、妇幼保健院等）建设。") is None


def test_responsibility_ignores_a_time_limit_written_inside_the_note() -> None:
    p = parse("（责任单位：市卫生健康委、市财政局；完成时限：2024年12月底前）")
    assert (p.lead, p.co) == (("市卫生健康委",), ("市财政局",))
    assert p.units_as_written == "市卫生健康委、市财政局"

"""Responsibility notes in every shape: lead and co units, in order, as full names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.responsibility import (
    ParsedNote,
    find_note,
    find_subjects,
    parse_note,
    parse_row_units,
    resolve_subjects,
)


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


# --- every common shape of a note -------------------------------------------------------------


def test_responsibility_lead_and_cooperating_units() -> None:
    p = parse("（牵头单位：省卫生健康委；配合单位：省财政厅、省教育厅）")
    assert (p.lead, p.co, p.lead_basis) == (("省卫生健康委",), ("省财政厅", "省教育厅"), "labelled")


def test_responsibility_lead_then_units_by_their_duties() -> None:
    p = parse("（国家卫生健康委牵头，教育部、民政部按职责分工负责）")
    assert (p.lead, p.co, p.lead_basis) == (("国家卫生健康委",), ("教育部", "民政部"), "labelled")


def test_responsibility_units_by_their_duties_without_a_lead_take_the_first_by_convention() -> None:
    p = parse("（县教育局、县民政局按职责分工负责）")
    assert (p.lead, p.co, p.lead_basis) == (("县教育局",), ("县民政局",), "inferred-order")


def test_responsibility_single_unit_responsible() -> None:
    p = parse("（团省委负责）")
    assert (p.lead, p.co) == (("团省委",), ())


# --- responsibility written as the subject of a sentence -------------------------------------


def subjects(text: str) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
    resolved = resolve_subjects(find_subjects(text))
    assert resolved is not None, text
    return resolved.lead, resolved.co, resolved.implicit


def test_responsibility_sentence_subject_unit() -> None:
    assert subjects("县民政局要做好养老服务。") == (("县民政局",), (), None)


def test_responsibility_sentence_subject_after_you() -> None:
    lead, co, _ = subjects("由省妇联牵头，省总工会配合，开展妇女健康行动。")
    assert (lead, co) == (("省妇联",), ("省总工会",))


def test_responsibility_sentence_subject_states_the_lead_even_when_not_first() -> None:
    lead, co, _ = subjects("市教育局负责学校健康教育；市体育局牵头组织全民健身活动。")
    assert (lead, co) == (("市体育局",), ("市教育局",))


def test_responsibility_sentence_subject_support_is_co() -> None:
    lead, co, _ = subjects("市疾控中心负责提供技术支持，市卫生健康局负责日常监测。")
    assert (lead, co) == (("市卫生健康局",), ("市疾控中心",))


def test_responsibility_sentence_subject_several_units_joined_by_he() -> None:
    lead, co, _ = subjects("区卫生健康局和区市场监管局加强食品安全抽检。")
    assert (lead, co) == (("区卫生健康局",), ("区市场监管局",))


def test_responsibility_sentence_subject_keeps_a_name_that_contains_yu() -> None:
    lead, _, _ = subjects("市安全生产与应急管理委员会要定期研判。")
    assert lead == ("市安全生产与应急管理委员会",)


def test_responsibility_sentence_subject_functional_departments_share_bumen() -> None:
    lead, co, _ = subjects("交通、水利等部门要加强巡查。")
    assert (lead, co) == (("交通部门",), ("水利部门",))


def test_responsibility_sentence_subject_level_list_names_the_top_level_only() -> None:
    """市、区X is the city's X and every district's X: the districts' are a generic set."""
    found = find_subjects("市、区卫生健康部门组织开展督导。")
    assert found[0].named == ("市卫生健康部门",)
    assert found[0].generic == ("区卫生健康部门",)


@pytest.mark.parametrize(
    "text",
    [
        "各区要落实属地责任。",
        "各有关单位要加强配合。",
        "县直各部门要按时报送。",
        "各乡镇要组织排查。",
        "属地疾控中心提供技术支持。",
        "各级医疗机构应及时报告。",
        "区级妇幼保健机构要定期随访。",
        "医疗机构应做好预检分诊。",
        "相关部门要加强监管。",
        "辖区的镇（街道）对疫点开展消杀。",
    ],
)
def test_responsibility_generic_actors_are_implicit_never_units(text: str) -> None:
    found = find_subjects(text)
    assert found and all(not m.named for m in found), found
    lead, co, implicit = subjects(text)
    assert (lead, co) == ((), ()) and implicit


@pytest.mark.parametrize(
    "text",
    [
        "加强统筹部署，开展专项行动。",
        "负责与专家委员会对接。",
        "（2）统一部署安排，强化联动。",
        "强化各级政府的主体责任。",
    ],
)
def test_responsibility_sentence_without_a_unit_subject_names_nobody(text: str) -> None:
    assert resolve_subjects(find_subjects(text)) is None


def test_responsibility_duty_table_row() -> None:
    assert parse_row_units("宣传部（新闻中心）") == (("宣传部",), ("新闻中心",), None)
    assert parse_row_units("工会、团委、妇联等") == (("工会",), ("团委", "妇联"), None)
    assert parse_row_units("市人社局 市医保局") == (("市人社局",), ("市医保局",), None)
    assert parse_row_units("各乡镇（街道）") == ((), (), "各乡镇（街道）")


def test_responsibility_sentence_subject_city_and_every_district() -> None:
    found = find_subjects("市及各区爱卫办要组织督查。")
    assert found[0].named == ("市爱卫办",)
    assert found[0].generic == ("各区爱卫办",)


def test_responsibility_sentence_subject_is_not_a_whole_predicate() -> None:
    assert find_subjects("立即采集病人血清标本上送辖区疾控中心。") == []
    assert not any(m.named for m in find_subjects("疫点核心区所在村委应于当日完成排查。"))


@given(st.text(alphabet="县市区各局委办部门中心和、，。要负责牵头卫生健康教育（）", max_size=60))
@settings(max_examples=200, deadline=None)
def test_responsibility_sentence_subjects_quote_their_text(text: str) -> None:
    for m in find_subjects(text):
        assert text[m.start : m.end] == m.written
        assert not set(m.named) & set(m.generic)


@pytest.mark.parametrize(
    "text",
    [
        "由市卫生健康局会同市财政局负责落实。",
        "市卫生健康局会同市财政局制定实施细则。",
        "市卫生健康局联合市财政局开展评估。",
    ],
)
def test_responsibility_sentence_subject_with_a_partner_after_huitong(text: str) -> None:
    resolved = resolve_subjects(find_subjects(text))
    assert resolved is not None
    assert (resolved.lead, resolved.co) == (("市卫生健康局",), ("市财政局",))


@pytest.mark.parametrize(
    ("note", "lead", "co", "generic"),
    [
        (
            "（省卫生健康委、省体育局等按职责分工负责，各市政府负责落实）",
            ("省卫生健康委",),
            ("省体育局",),
            "各市政府",
        ),
        (
            "（市卫生健康委负责，各县（市、区）政府落实）",
            ("市卫生健康委",),
            (),
            "各县（市、区）政府",
        ),
        ("（各区政府、市卫生健康委负责）", ("市卫生健康委",), (), "各区政府"),
        ("（各市、县人民政府负责）", (), (), "各市、县人民政府"),
    ],
)
def test_responsibility_local_governments_in_a_note_are_implicit(
    note: str, lead: tuple[str, ...], co: tuple[str, ...], generic: str
) -> None:
    p = parse(note)
    assert (p.lead, p.co, p.generic) == (lead, co, generic)


@pytest.mark.parametrize(
    "note",
    [
        "【牵头单位：市卫生健康委；配合单位：市财政局】",
        "（主责单位：市卫生健康委；协同单位：市财政局）",
    ],
)
def test_responsibility_note_in_square_brackets_and_other_role_labels(note: str) -> None:
    p = parse(note)
    assert (p.lead, p.co, p.lead_basis) == (("市卫生健康委",), ("市财政局",), "labelled")


def test_responsibility_department_label_is_an_ordered_list() -> None:
    p = parse("（责任部门：县卫生健康局、县民政局）")
    assert (p.lead, p.co) == (("县卫生健康局",), ("县民政局",))


def test_responsibility_labelled_list_that_says_who_leads() -> None:
    p = parse("（责任单位：县卫健局牵头，县财政局、县人社局配合）")
    assert (p.lead, p.co, p.lead_basis) == (("县卫健局",), ("县财政局", "县人社局"), "labelled")


def test_responsibility_lead_rule_after_the_list_in_the_same_sentence() -> None:
    p = parse("（责任单位：市卫生健康委、市财政局，列第一位的为牵头单位）")
    assert (p.lead, p.co, p.lead_basis) == (("市卫生健康委",), ("市财政局",), "stated-order")


def test_responsibility_sentence_subject_with_a_modal_before_huitong() -> None:
    resolved = resolve_subjects(find_subjects("市卫生健康委要会同市教育局制定方案。"))
    assert resolved is not None
    assert (resolved.lead, resolved.co) == (("市卫生健康委",), ("市教育局",))


@pytest.mark.parametrize(
    "text",
    ["逐步实现室内公共场所全面禁烟。", "依托现有机构建设区域中心。", "支持养老机构开展医疗服务。"],
)
def test_responsibility_clause_opening_with_a_verb_names_no_subject(text: str) -> None:
    assert find_subjects(text) == []


def test_responsibility_unit_whose_name_begins_like_a_verb_is_still_a_subject() -> None:
    resolved = resolve_subjects(find_subjects("县发展改革局负责项目审批。"))
    assert resolved is not None and resolved.lead == ("县发展改革局",)


@pytest.mark.parametrize(
    ("note", "lead", "co"),
    [
        ("（团省委、省妇联、省残联按职责分工负责）", ("团省委",), ("省妇联", "省残联")),
        ("（省总工会、团省委、省科协负责）", ("省总工会",), ("团省委", "省科协")),
    ],
)
def test_responsibility_people_s_organisations_of_a_province(
    note: str, lead: tuple[str, ...], co: tuple[str, ...]
) -> None:
    p = parse(note)
    assert (p.lead, p.co) == (lead, co)


def test_responsibility_generic_departments_in_a_note_are_implicit() -> None:
    p = parse("（县卫生健康局牵头，县直各部门按职责分工负责）")
    assert (p.lead, p.co, p.generic) == (("县卫生健康局",), (), "县直各部门")


@pytest.mark.parametrize(
    ("note", "lead", "co", "generic"),
    [
        # local governments in a clause of their own after the named units
        ("（责任单位：市卫生健康委，各县市区人民政府）", ("市卫生健康委",), (), "各县市区人民政府"),
        (
            "（责任单位：省卫生健康委、省财政厅；各市州人民政府）",
            ("省卫生健康委",),
            ("省财政厅",),
            "各市州人民政府",
        ),
        # a 配合单位 that names only a generic set
        ("（责任单位：县疾控中心，配合单位：各乡镇卫生院）", ("县疾控中心",), (), "各乡镇卫生院"),
        # generic actors in the suffixed shape
        (
            "（县爱卫办牵头，县疾控中心、各乡镇人民政府按职责分工负责）",
            ("县爱卫办",),
            ("县疾控中心",),
            "各乡镇人民政府",
        ),
    ],
)
def test_responsibility_generic_actors_after_the_named_units_are_implicit(
    note: str, lead: tuple[str, ...], co: tuple[str, ...], generic: str
) -> None:
    p = parse(note)
    assert (p.lead, p.co, p.generic) == (lead, co, generic)


def test_responsibility_a_labelled_list_keeps_a_generic_government_listed_first_or_between() -> (
    None
):
    # the document's own order: a government listed first leads, one within the list is a unit
    assert parse("（责任单位：各区人民政府，市卫健委）").lead == ("各区人民政府",)
    p = parse("（责任单位：市卫生健康局、各镇街政府、市财政局）")
    assert p.co == ("各镇街政府", "市财政局")


def test_responsibility_bare_list_of_bodies_closing_a_provision_is_its_note() -> None:
    text = "3.发展康复护理服务。每个县至少设置1所康复医院。（市卫生健康委、市发展改革委、市财政局）"
    note = find_note(text)
    assert note is not None
    p = parse_note(note.content, first_is_lead=False)
    assert (p.lead, p.co) == (("市卫生健康委",), ("市发展改革委", "市财政局"))


@pytest.mark.parametrize(
    "text",
    [
        "开展老年健康服务（含医养结合机构）。",  # an aside, not units
        "推进县域医共体建设（市卫生健康委）等试点工作。",  # not closing the provision
        "依托市疾控中心（以下简称市疾控中心）开展监测。",
    ],
)
def test_responsibility_brackets_that_do_not_close_a_provision_with_bodies_are_no_note(
    text: str,
) -> None:
    assert find_note(text) is None


def _subject_units(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    resolved = resolve_subjects(find_subjects(text))
    assert resolved is not None, text
    return resolved.lead, resolved.co


def test_responsibility_partner_after_huitong_before_a_comma() -> None:
    text = "省委宣传部要会同省卫生健康委，利用宣传周等时间节点开展科普宣传。"
    assert _subject_units(text) == (("省委宣传部",), ("省卫生健康委",))


@pytest.mark.parametrize(
    ("text", "co"),
    [
        ("国家卫生健康委会同科技部，在国家重点研发计划中支持病因学研究。", ("科技部",)),
        (
            "国家卫生健康委会同国家医保局、民政部、中国残联，完善重点疾病救治保障政策。",
            ("国家医保局", "民政部", "中国残联"),
        ),
    ],
)
def test_responsibility_partners_after_huitong_are_any_named_body(
    text: str, co: tuple[str, ...]
) -> None:
    assert _subject_units(text) == (("国家卫生健康委",), co)


def test_responsibility_a_kind_of_department_after_huitong_is_no_partner() -> None:
    text = "各级疾控部门要会同卫生健康部门，加强重点场所传染病防控指导。"
    assert _subject_units(text) == ((), ())


@pytest.mark.parametrize(
    ("text", "lead", "co"),
    [
        (
            "县卫生健康局规划财务股要会同县疾控中心做好物资储备。",
            ("县卫生健康局规划财务股",),
            ("县疾控中心",),
        ),
        ("县卫生健康局医政股每月对医疗机构开展1次抽查。", ("县卫生健康局医政股",), ()),
    ],
)
def test_responsibility_section_of_a_county_bureau_is_a_subject(
    text: str, lead: tuple[str, ...], co: tuple[str, ...]
) -> None:
    assert _subject_units(text) == (lead, co)


def test_responsibility_unit_in_a_reporting_chain_is_a_subject() -> None:
    text = "各单位每周五前将工作情况报县疾控中心，县疾控中心汇总后于每周一前报县卫生健康局。"
    assert _subject_units(text) == (("县疾控中心",), ())


def test_responsibility_a_topic_before_you_names_the_units_after_it() -> None:
    text = "具体工作由省卫生健康委承担，省人力资源社会保障厅、省应急管理厅、省总工会协同推进。"
    assert _subject_units(text) == (
        ("省卫生健康委",),
        ("省人力资源社会保障厅", "省应急管理厅", "省总工会"),
    )


def test_responsibility_labelled_field_naming_only_who_supports() -> None:
    p = parse("责任单位：县市场监管局，县商务局配合。")
    assert (p.lead, p.co) == (("县市场监管局",), ("县商务局",))


def test_responsibility_a_dash_opening_a_line_is_no_part_of_the_subject() -> None:
    assert _subject_units("——省卫生健康委负责制定中医药人才培养规划。") == (("省卫生健康委",), ())


def test_responsibility_duty_aside_is_no_part_of_a_unit_name() -> None:
    p = parse("（责任单位：县水利局、县卫生健康局（县疾控中心负责水质监测））")
    assert (p.lead, p.co) == (("县水利局",), ("县卫生健康局",))


def test_responsibility_named_places_keep_their_own_level() -> None:
    p = parse("（责任单位：省卫生健康委、桐溪市、岳川市人民政府）")
    assert p.co == ("桐溪市人民政府", "岳川市人民政府")


def test_responsibility_subject_that_participates_is_co() -> None:
    resolved = resolve_subjects(find_subjects("省卫生健康委牵头，省中医药管理局参与。"))
    assert resolved is not None
    assert (resolved.lead, resolved.co) == (("省卫生健康委",), ("省中医药管理局",))


def test_responsibility_county_bureau_sections_are_labelled_and_take_no_prefix() -> None:
    p = parse("（牵头单位：县医疗保障局；配合股室：体制改革股、规划财务股）")
    assert (p.lead, p.co) == (("县医疗保障局",), ("体制改革股", "规划财务股"))


def test_responsibility_supporting_clause_inside_a_labelled_field() -> None:
    p = parse("（责任单位：县人民医院、县中医医院，医政医管股、中医股负责指导）")
    assert (p.lead, p.co) == (("县人民医院",), ("县中医医院", "医政医管股", "中医股"))


def test_responsibility_generic_governments_with_bracketed_levels_are_one_name() -> None:
    p = parse("（牵头单位：市卫生健康委；责任单位：市教育局、各县（市、区）政府）")
    assert p.co == ("市教育局", "各县（市、区）政府")


def test_responsibility_ministry_division_is_a_unit() -> None:
    p = parse("（国家卫生健康委医政司负责，各省级卫生健康行政部门落实）")
    assert p.lead == ("国家卫生健康委医政司",)


def test_responsibility_facility_named_after_its_place_is_one_facility() -> None:
    resolved = resolve_subjects(find_subjects("栖梧区人民医院要向社区预留专家号源。"))
    assert resolved is not None and resolved.lead == ("栖梧区人民医院",)
    generic = resolve_subjects(find_subjects("城市社区卫生服务中心要做好随访。"))
    assert generic is None or generic.lead == ()


def test_responsibility_university_takes_no_carried_prefix() -> None:
    p = parse("（责任单位：省科技厅、省卫生健康委、岚江医科大学）")
    assert p.co == ("省卫生健康委", "岚江医科大学")


def test_responsibility_lists_split_outside_tortoise_shell_brackets() -> None:
    p = parse("（责任单位：市卫生健康委、各县〔市、区〕人民政府）")
    assert "各县〔市、区〕人民政府" in (*p.co, p.implicit or "", *(p.generic or "").split("、"))


def test_responsibility_the_issuers_own_divisions_named_alone() -> None:
    p = parse("（体改处牵头，财务处、医政处配合）")
    assert (p.lead, p.co) == (("体改处",), ("财务处", "医政处"))
    assert find_note("原则上要求所有处于病毒血症期的病例住院治疗。") is None


_PIECES = [
    "各区县卫生健康局",
    "市教育局",
    "县卫生健康局",
    "省医保局",
    "体改处",
    "各乡镇",
    "由",
    "要",
    "会同",
    "联合",
    "负责",
    "牵头",
    "配合",
    "参与",
    "按职责分工负责",
    "，",
    "。",
    "；",
    "、",
    "（",
    "）",
    "责任单位：",
    "开展工作",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=14))
@settings(max_examples=300, deadline=None)
def test_responsibility_reading_any_clause_of_units_and_duty_words_never_fails(
    pieces: list[str],
) -> None:
    text = "".join(pieces)
    resolve_subjects(find_subjects(text))
    note = find_note(text)
    if note is not None:
        parse_note(note.content, first_is_lead=False)


def test_responsibility_bare_notes_of_the_issuers_divisions() -> None:
    assert parse("实现全覆盖。（基层卫生健康处负责）").lead == ("基层卫生健康处",)
    p = parse("胸痛中心实现县级全覆盖。（医政处、应急办）")
    assert (p.lead, p.co) == (("医政处",), ("应急办",))


def test_responsibility_bodies_run_from_the_centre_take_no_provincial_prefix() -> None:
    p = parse("（责任单位：省卫生健康委、民航澄江监管局）")
    assert p.co == ("民航澄江监管局",)


@pytest.mark.parametrize(
    ("note", "lead", "co"),
    [
        (
            "（责任主体：县卫生健康局；协办部门：县财政局、县人社局）",
            ("县卫生健康局",),
            ("县财政局", "县人社局"),
        ),
        ("（主办单位：县卫生健康局；协作单位：县医保局）", ("县卫生健康局",), ("县医保局",)),
        ("（承办单位：县卫生健康局；支持单位：县财政局）", ("县卫生健康局",), ("县财政局",)),
        (
            "（主要责任单位：县卫生健康局；次要责任单位：县教育局）",
            ("县卫生健康局",),
            ("县教育局",),
        ),
        ("（落实单位：县卫生健康局、县疾控中心）", ("县卫生健康局",), ("县疾控中心",)),
    ],
)
def test_responsibility_labels_of_the_role_word_head_word_shape(
    note: str, lead: tuple[str, ...], co: tuple[str, ...]
) -> None:
    """A label the list does not name is read by its shape: role word + 单位/部门/主体."""
    p = parse(note)
    assert (p.lead, p.co) == (lead, co)


def test_responsibility_label_with_words_before_its_colon() -> None:
    p = parse("（责任单位及分工：县医保局牵头，县卫生健康局配合）")
    assert (p.lead, p.co) == (("县医保局",), ("县卫生健康局",))


@pytest.mark.parametrize(
    "note", ["〔责任单位：市卫生健康委、市人社局〕", "［责任单位：市卫生健康委、市人社局］"]
)
def test_responsibility_note_in_tortoise_shell_or_square_brackets(note: str) -> None:
    p = parse(f"加强职业健康。{note}")
    assert (p.lead, p.co) == (("市卫生健康委",), ("市人社局",))


def test_responsibility_lead_then_units_that_assist() -> None:
    p = parse("（市市场监管局负责，市农业农村局、市卫生健康委协助）")
    assert (p.lead, p.co) == (("市市场监管局",), ("市农业农村局", "市卫生健康委"))


def test_responsibility_units_written_one_after_another_are_split() -> None:
    """县应急局 县卫健局 县工信局: the spaces between them lost when the line is normalised."""
    p = parse("（责任单位：县应急局县卫健局县工信局）")
    assert (p.lead, p.co) == (("县应急局",), ("县卫健局", "县工信局"))


def test_responsibility_a_bare_division_after_a_division_is_of_the_same_body() -> None:
    p = parse("（牵头单位：市医保局医药服务管理科；配合单位：市卫生健康委医政处、财务处）")
    assert p.co == ("市卫生健康委医政处", "市卫生健康委财务处")


def test_responsibility_a_commissions_bureau_leads_and_its_bare_divisions_support() -> None:
    """国家卫生健康委医政医管局牵头，医疗应急司…: bureaus and 司 of the same commission."""
    p = parse("（国家卫生健康委医政医管局牵头，医疗应急司、妇幼健康司按职责分工负责）")
    assert (p.lead, p.co) == (
        ("国家卫生健康委医政医管局",),
        ("国家卫生健康委医疗应急司", "国家卫生健康委妇幼健康司"),
    )
    q = parse("（县卫生健康局牵头，财政局配合）")  # a county's bureaus, not a commission's
    assert (q.lead, q.co) == (("县卫生健康局",), ("县财政局",))


def test_responsibility_a_unit_said_to_support_generic_actors_does_not_lead() -> None:
    """各设区市医保局负责，省卫生健康委配合: the cities' bureaus (generic) lead, the province's
    commission supports; with no generic actor before it, the first unit still leads."""
    p = parse("（责任单位：各设区市医保局，省卫生健康委配合）")
    assert (p.lead, p.co, p.generic) == ((), ("省卫生健康委",), "各设区市医保局")
    q = parse("（市卫健委负责，市财政局配合）")
    assert (q.lead, q.co) == (("市卫健委",), ("市财政局",))


def test_responsibility_every_unit_of_a_kind_is_a_generic_actor() -> None:
    p = parse("（县卫生健康局人事股牵头，局机关各股室、局属各单位配合）")
    assert (p.lead, p.co) == (("县卫生健康局人事股",), ())
    assert p.generic == "局机关各股室、局属各单位"


def test_responsibility_later_clause_of_a_field_names_its_actors_without_their_duty() -> None:
    p = parse("（责任单位：县应急局、县卫健局，各乡镇人民政府按照属地管理原则负责本辖区相关工作）")
    assert (p.lead, p.co) == (("县应急局",), ("县卫健局",))
    assert p.generic == "各乡镇人民政府"


def test_responsibility_sentence_subject_units_joined_by_yiji() -> None:
    found = find_subjects("市卫生健康委以及市教育局、市委宣传部按职责做好知识宣传")
    assert found[0].named == ("市卫生健康委", "市教育局", "市委宣传部")


def test_responsibility_sentence_subject_partner_before_jishi_is_whole() -> None:
    found = find_subjects("委宣传处要会同委基层卫生健康处及时总结推广基层典型经验")
    assert found[0].partners == ("委基层卫生健康处",)


def test_responsibility_a_clause_before_a_unit_is_no_unit() -> None:
    assert find_subjects("评价数据须经市卫生健康委、财政局审核后上报") == []


def test_responsibility_partner_whose_name_holds_a_duty_word_stays_whole() -> None:
    """省委组织部: 组织 there is part of the name, not the verb 组织."""
    found = find_subjects("省卫生健康委会同省委组织部将主要指标完成情况纳入考核")
    assert found[0].partners == ("省委组织部",)


def test_responsibility_every_body_of_the_levels_listed_after_ge_is_generic() -> None:
    p = parse("（牵头单位：省卫生健康委；配合单位：省医保局，各市、县（市、区）卫生健康局）")
    assert (p.lead, p.co) == (("省卫生健康委",), ("省医保局",))
    assert p.generic == "各市、县（市、区）卫生健康局"


def test_responsibility_the_government_of_wherever_it_happens_is_generic() -> None:
    found = find_subjects("事发地县（市、区）人民政府负责组织应急处置")
    assert found[0].named == ()


def test_responsibility_labelled_list_whose_units_share_the_work() -> None:
    p = parse("（责任单位：省卫生健康委、省教育厅按职责分工负责）")
    assert (p.lead, p.co) == (("省卫生健康委",), ("省教育厅",))


def test_responsibility_bare_list_closing_a_provision_with_mass_organisations() -> None:
    p = parse(
        "及时总结推广典型经验。（省委宣传部、省卫生健康委、省总工会、团省委、省妇联、省科协）"
    )
    assert p.lead == ("省委宣传部",)
    assert p.co == ("省卫生健康委", "省总工会", "团省委", "省妇联", "省科协")


def test_responsibility_a_street_offices_own_section_written_with_its_level() -> None:
    found = find_subjects("街道社会事务科会同辖区各中小学开展无烟校园创建")
    assert found[0].named == ("街道社会事务科",)
    assert all(not m.named for m in find_subjects("县级临床重点专科要加强能力建设"))


def test_responsibility_a_facility_named_after_its_street_or_town_is_one_facility() -> None:
    found = find_subjects("望湖街道社区卫生服务中心负责患者随访管理")
    assert found[0].named == ("望湖街道社区卫生服务中心",)


@pytest.mark.parametrize(
    ("note", "lead", "co"),
    [
        ("（主责：市卫健委；协同：市医保局、市财政局）", ("市卫健委",), ("市医保局", "市财政局")),
        ("（主办：县卫健局；协办：县教体局）", ("县卫健局",), ("县教体局",)),
        ("（责任领导：分管副县长；责任单位：县卫健局、县医保局）", ("县卫健局",), ("县医保局",)),
    ],
)
def test_responsibility_short_labels_and_labels_of_persons(
    note: str, lead: tuple[str, ...], co: tuple[str, ...]
) -> None:
    p = parse(note)
    assert (p.lead, p.co) == (lead, co)


def test_responsibility_a_full_width_space_between_labelled_fields_is_no_part_of_a_name() -> None:
    p = parse("（牵头单位：市卫生健康委　配合单位：市教育局）")
    assert (p.lead, p.co) == (("市卫生健康委",), ("市教育局",))


def test_responsibility_bare_list_with_the_lead_rule_in_its_bracket() -> None:
    p = parse("内容。（县卫健局、县财政局、县人社局，列第一位的为牵头单位）")
    assert (p.lead, p.co, p.lead_basis) == (("县卫健局",), ("县财政局", "县人社局"), "stated-order")


def test_responsibility_places_then_a_county_unit_are_not_a_list_of_levels() -> None:
    p = parse("（牵头单位：县爱卫办；责任单位：各乡镇（街道）、县住建局、县市场监管局）")
    assert p.co == ("县住建局", "县市场监管局")


def test_responsibility_tongji_carries_over_the_list() -> None:
    p = parse("（牵头：各市（州）卫生健康委；配合：同级医保部门、财政部门）")
    assert (p.lead, p.co) == ((), ())


def test_responsibility_a_bracket_of_contacts_is_no_note() -> None:
    assert find_note("请及时联系。（联系人：王某某，联系电话：0519-85680000）") is None


def test_responsibility_a_clause_opening_with_huitong_names_who_works_with_the_subject() -> None:
    found = find_subjects("县卫生健康局于12月31日前通报评价结果，并会同县财政局按评价结果清算资金")
    resolved = resolve_subjects(found)
    assert resolved is not None
    assert (resolved.lead, resolved.co) == (("县卫生健康局",), ("县财政局",))


def test_responsibility_a_unit_marked_as_leading_inside_a_list_leads() -> None:
    p = parse("（责任单位：县财政局、县卫生健康局（牵头）、县医保局）")
    assert (p.lead, p.co, p.lead_basis) == (
        ("县卫生健康局",),
        ("县财政局", "县医保局"),
        "labelled",
    )


def test_responsibility_a_name_opening_with_its_own_place_takes_no_carried_level() -> None:
    p = parse("（省医保局、浙江金融监管局按职责分工负责）")
    assert (p.lead, p.co) == (("省医保局",), ("浙江金融监管局",))


def test_responsibility_a_note_opening_with_you_and_units_each_responsible() -> None:
    p = parse("（由省生态环境厅牵头，省水利厅、省卫生健康委参与）")
    assert (p.lead, p.co) == (("省生态环境厅",), ("省水利厅", "省卫生健康委"))
    p = parse("（省卫生健康委、省疾控局分别负责）")
    assert (p.lead, p.co) == (("省卫生健康委",), ("省疾控局",))


def test_responsibility_a_health_centres_section_named_alone_is_a_unit() -> None:
    assert [m.named for m in find_subjects("公卫科负责数据统计，财务科负责核算。")] == [
        ("公卫科",),
        ("财务科",),
    ]


@pytest.mark.parametrize("text", ["重点专科要加强建设。", "临床学科要加强建设。", "各科要配合。"])
def test_responsibility_a_specialty_or_discipline_is_no_division(text: str) -> None:
    assert all(not m.named for m in find_subjects(text))


def test_responsibility_every_body_run_by_a_level_is_generic() -> None:
    found = find_subjects("区属各医疗机构要建立专家下沉制度。")
    assert [(m.named, m.generic) for m in found] == [((), ("区属各医疗机构",))]


def test_responsibility_a_note_saying_every_task_below_is_also_the_local_governments() -> None:
    p = parse(
        "（牵头单位：市卫生健康委；配合单位：市应急局、市国资委。以下各项任务均需各县市区政府、"
        "功能区管委会落实，不再列出）"
    )
    assert (p.lead, p.co) == (("市卫生健康委",), ("市应急局", "市国资委"))
    assert p.implicit == "各县市区政府、功能区管委会"


@pytest.mark.parametrize(
    ("cell", "lead", "implicit"),
    [
        ("镇健康办、各村（社区）", ("镇健康办",), "各村（社区）"),
        ("各村（社区），镇社会事务办", ("镇社会事务办",), "各村（社区）"),
        ("各镇（街道）", (), "各镇（街道）"),
    ],
)
def test_responsibility_a_row_cell_keeps_a_generic_actors_bracket_with_it(
    cell: str, lead: tuple[str, ...], implicit: str
) -> None:
    assert parse_row_units(cell) == (lead, (), implicit)


def test_responsibility_a_generic_actor_written_with_tortoise_shell_brackets() -> None:
    p = parse("（责任单位：县卫生健康局、各乡镇〔街道〕）", first_is_lead=True)
    assert (p.lead, p.co, p.generic) == (("县卫生健康局",), (), "各乡镇〔街道〕")


def test_responsibility_a_body_closing_a_run_of_places_belongs_to_each() -> None:
    p = parse("（责任单位：省疾控中心、长沙市、株洲市、湘西州卫生健康委）", first_is_lead=True)
    assert (p.lead, p.co) == (
        ("省疾控中心",),
        ("长沙市卫生健康委", "株洲市卫生健康委", "湘西州卫生健康委"),
    )


def test_responsibility_sentence_subject_named_in_a_role_before_its_duty() -> None:
    """A作为B，要…: the units' role closes their clause, their duty opens the next."""
    lead, co, _ = subjects(
        "县人民医院、县中医医院作为医共体牵头医院，要每月选派医师到成员单位坐诊。"
    )
    assert (lead, co) == (("县人民医院",), ("县中医医院",))
    assert find_subjects("以县人民医院作为龙头，完善管理机制。") == []


def test_responsibility_sentence_subject_a_committee_named_short_is_a_unit() -> None:
    """市爱卫会 (爱国卫生运动委员会, written short) leads as its full name would."""
    lead, co, _ = subjects("市爱卫会统筹推进健康城市建设，市爱卫办负责日常协调。")
    assert (lead, co) == (("市爱卫会",), ("市爱卫办",))


def test_responsibility_a_clause_opening_with_every_is_generic_over_its_whole_list() -> None:
    """（责任单位：A、B，各市州、县市区人民政府）: 各 covers the places listed after it."""
    p = parse("（责任单位：省住房城乡建设厅、省卫生健康委，各市州、县市区人民政府）")
    assert (p.lead, p.co) == (("省住房城乡建设厅",), ("省卫生健康委",))
    assert p.generic == "各市州、县市区人民政府"


def test_responsibility_a_labelled_field_naming_a_units_duty_keeps_the_unit_alone() -> None:
    """（牵头单位：A；配合单位：B；省民政厅配合做好婚检宣传）: the clause's unit, not its duty."""
    p = parse("（牵头单位：妇幼健康处；配合单位：人口监测与家庭发展处；省民政厅配合做好婚检宣传）")
    assert (p.lead, p.co) == (("妇幼健康处",), ("人口监测与家庭发展处", "省民政厅"))


@pytest.mark.parametrize(
    "text",
    [
        "县卫生健康局牵头，县人力资源社会保障局、各镇人民政府〔街道办事处〕配合，开展执法检查。",
        "县卫生健康局、县人力资源社会保障局、各镇人民政府〔街道办事处〕按职责分工负责。",
    ],
)
def test_responsibility_a_generic_actor_with_an_aside_in_tortoise_brackets_ends_a_partner_list(
    text: str,
) -> None:
    assert _subject_units(text) == (("县卫生健康局",), ("县人力资源社会保障局",))


def test_responsibility_a_level_before_a_generic_word_names_no_unit() -> None:
    text = (
        "县卫生健康局牵头，县人力资源社会保障局、县相关镇人民政府〔街道办事处〕配合，开展执法检查。"
    )
    assert _subject_units(text) == (("县卫生健康局",), ("县人力资源社会保障局",))


def test_responsibility_ge_carries_over_to_the_bare_bodies_after_it_in_a_partner_list() -> None:
    """配合单位：A、各乡镇人民政府、街道办事处: every township's government and every street
    office, generic actors both; listed among 责任单位 they stay together, in order."""
    p = parse("（牵头单位：县疾控中心；配合单位：县卫生健康局、各乡镇人民政府、街道办事处）")
    assert (p.lead, p.co) == (("县疾控中心",), ("县卫生健康局",))
    assert p.generic == "各乡镇人民政府，街道办事处"
    p = parse("（责任单位：县卫生健康局、各乡镇人民政府、街道办事处）")
    assert (p.lead, p.co) == (("县卫生健康局",), ("各乡镇人民政府", "街道办事处"))


def test_responsibility_units_named_in_a_role_before_their_duty_are_the_units() -> None:
    """A作为牵头医院负责…: A is responsible, 作为… only says in what role; A作为成员单位参与…
    says A takes part in what is built, no duty of the provision."""
    assert _subject_units("县人民医院作为牵头医院负责医共体日常管理。") == (("县人民医院",), ())
    assert resolve_subjects(find_subjects("县妇幼保健院作为成员单位参与两个医共体建设。")) is None


@pytest.mark.parametrize(
    "text",
    [
        "成立县医共体管理委员会，统筹医共体规划建设。",
        "做强县级医院，实施服务能力提升工程。",
        "全县初步建立了以县级医院为龙头的服务体系。",
    ],
)
def test_responsibility_a_clause_opening_with_a_verb_of_founding_names_no_unit(text: str) -> None:
    assert resolve_subjects(find_subjects(text)) is None


def test_responsibility_a_titled_unit_with_its_role_before_its_duties_is_responsible() -> None:
    """（二）县妇幼保健院。作为技术指导单位，负责…: a duty list headed by the unit."""
    text = "（二）县妇幼保健院。作为全县技术指导和质量控制单位，负责技术培训和质量控制。"
    assert _subject_units(text) == (("县妇幼保健院",), ())


def test_responsibility_a_schedules_stage_names_who_issues_and_who_trains() -> None:
    text = "县卫生健康局印发工作方案，下达筛查任务；县妇幼保健院于5月15日前完成培训。"
    assert _subject_units(text) == (("县卫生健康局",), ("县妇幼保健院",))

"""Tasks: which units are responsible for each provision, whatever shape says so."""

from __future__ import annotations

from pathlib import Path

from kg.extract.document import extract_text, source_for_path
from kg.extract.responsibility import parse_unit_list
from kg.model import Responsibility


def tasks(raw: str) -> dict[str, Responsibility]:
    doc = extract_text(raw, source=source_for_path(Path("t.txt")), crosscheck_manifest=False)
    return {r.measure_ref: r for r in doc.responsibilities}


def roles(r: Responsibility) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return r.lead, r.co


def test_tasks_note_after_a_list_of_sub_items_covers_the_whole_list() -> None:
    found = tasks(
        "一、主要任务\n（一）加强筛查。\n1.开展新生儿筛查。\n2.开展孕妇筛查。\n"
        "（责任单位：市卫生健康委、市财政局）\n（二）完善保障。内容。（责任单位：市医保局）\n"
    )
    assert roles(found["(一)"]) == (("市卫生健康委",), ("市财政局",))
    assert "(一)2" not in found
    assert roles(found["(二)"]) == (("市医保局",), ())


def test_tasks_note_closing_a_section_covers_each_of_its_measures() -> None:
    found = tasks(
        "一、主要任务\n（一）加强筛查。内容甲。\n（二）完善保障。内容乙。\n"
        "（牵头单位：县卫生健康局；配合单位：县财政局）\n二、保障措施\n（一）加强领导。内容丙。\n"
    )
    for ref in ("一(一)", "一(二)"):
        assert roles(found[ref]) == (("县卫生健康局",), ("县财政局",)), ref
        assert found[ref].lead_basis == "labelled"
    assert "二(一)" not in found


def test_tasks_sentence_subjects_of_a_measure_without_a_note() -> None:
    found = tasks(
        "一、工作内容\n（一）开展宣传。县卫生健康局要加强宣传。县教育局和县文旅局负责配合。"
        "各乡镇要组织发动。\n（二）强化督导。各有关单位要定期自查。\n"
    )
    assert roles(found["(一)"]) == (("县卫生健康局",), ("县教育局", "县文旅局"))
    assert found["(一)"].lead_basis == "inferred-order"
    assert roles(found["(二)"]) == ((), ()) and found["(二)"].implicit == "各有关单位"


def test_tasks_units_of_a_lower_level_than_the_text_are_generic() -> None:
    found = tasks(
        "一、措施\n（一）监测。市疾控中心要加强监测。\n（二）报告。由区疾控中心及时上报。"
        "市卫生健康局负责汇总。\n（三）培训。市卫生健康局要组织培训。\n"
    )
    assert roles(found["(二)"]) == (("市卫生健康局",), ())


def test_tasks_partners_of_a_lower_level_than_the_text_are_generic() -> None:
    found = tasks(
        "一、措施\n（一）监测。县疾控中心要加强监测。\n（二）宣传。各镇卫生院要联合镇（街道）妇联开展宣传。"
        "县卫生健康局负责指导。\n（三）培训。县卫生健康局要组织培训。\n"
    )
    assert roles(found["(二)"]) == (("县卫生健康局",), ())


def test_tasks_work_notice_sections_name_who_must_act() -> None:
    found = tasks(
        "各区卫生健康局：\n为做好防控工作，现通知如下：\n一、加强监测\n区疾控中心要于9月30日前完成排查。\n"
        "二、及时报告\n各医疗机构应在24小时内报告。\n某区卫生健康局\n2024年8月1日\n"
    )
    assert roles(found["一"]) == (("区疾控中心",), ())
    assert found["二"].implicit == "各医疗机构"


def test_tasks_duty_table_row() -> None:
    found = tasks(
        "一、工作要求\n（一）落实职责。各部门按照附件落实。\n附件\n部门职责清单\n"
        "部门\t主要职责\n县教育局\t开展健康学校建设。\n县民政局、县残联\t做好养老和助残服务。\n"
    )
    assert roles(found["附件 县教育局"]) == (("县教育局",), ())
    assert roles(found["附件 县民政局、县残联"]) == (("县民政局",), ("县残联",))
    assert found["附件 县教育局"].heading == "开展健康学校建设"


def test_tasks_labelled_line_without_brackets_after_a_measure() -> None:
    found = tasks(
        "一、重点任务\n（一）加强监测。建立监测网络。\n责任单位：县卫生健康局、县疾控中心\n"
        "完成时限：2026年12月底\n（二）改善环境。开展环境整治。责任单位：县住建局、县城管局。\n"
    )
    assert roles(found["(一)"]) == (("县卫生健康局",), ("县疾控中心",))
    assert roles(found["(二)"]) == (("县住建局",), ("县城管局",))


def test_tasks_labelled_line_naming_only_facilities_of_a_township() -> None:
    """责任单位：镇市场监管所、镇派出所…: a township's offices and stations are units too, and the
    line, not the sentence's subject, says who is responsible."""
    found = tasks(
        "二、重点任务\n（五）强化监管。镇市场监管所会同镇派出所开展整治。\n"
        "责任单位：镇市场监管所、镇派出所、镇综合行政执法队\n"
        "（六）开展健康教育。镇卫生院每季度举办1次讲座。\n责任单位：镇卫生院、镇文化站、各村（社区）\n"
    )
    assert roles(found["(五)"]) == (("镇市场监管所",), ("镇派出所", "镇综合行政执法队"))
    assert roles(found["(六)"]) == (("镇卫生院",), ("镇文化站",))


def test_tasks_lead_and_cooperating_labels_on_lines_of_their_own() -> None:
    found = tasks(
        "一、重点任务\n（一）推进健康教育。开展进社区活动。\n牵头单位：区卫生健康局\n"
        "配合单位：区教育局、区融媒体中心\n（二）加强培训。组织业务培训。\n牵头单位：区人社局\n"
    )
    assert roles(found["(一)"]) == (("区卫生健康局",), ("区教育局", "区融媒体中心"))
    assert found["(一)"].lead_basis == "labelled"
    assert roles(found["(二)"]) == (("区人社局",), ())


def test_tasks_a_label_inside_a_sentence_is_not_a_note() -> None:
    found = tasks("一、要求\n（一）明确分工。各地要在方案中写明责任单位：牵头和配合的部门。\n")
    assert "(一)" not in found or found["(一)"].lead == ()


def test_tasks_note_with_local_governments_as_a_clause_of_their_own() -> None:
    found = tasks(
        "一、任务\n（一）扩容优质资源。推动县级医院提标。（省卫生健康委、省医保局，各市、县人民政府负责）\n"
        "（二）完善基层。推进标准化建设。（省卫生健康委牵头，省财政厅、省发展改革委，各市人民政府按职责分工负责）\n"
        "（三）强化落实。（各市、县人民政府负责）\n"
    )
    first = found["(一)"]
    assert roles(first) == (("省卫生健康委",), ("省医保局",))
    assert first.implicit == "各市、县人民政府"
    assert roles(found["(二)"]) == (("省卫生健康委",), ("省财政厅", "省发展改革委"))
    assert found["(二)"].implicit == "各市人民政府"
    assert roles(found["(三)"]) == ((), ()) and found["(三)"].implicit == "各市、县人民政府"


_TASK_TABLE_INTRO = (
    "一、目标\n到2026年，全区居民健康素养水平达到30%。\n二、任务\n各部门要抓好落实。\n"
)


def test_tasks_task_table_rows_with_tab_separated_cells() -> None:
    found = tasks(
        _TASK_TABLE_INTRO + "序号\t工作任务\t责任单位\t完成时限\n"
        "1\t完善监测网络，哨点覆盖率达到90%以上\t区卫生健康局、区疾控中心\t2026年底\n"
        "2\t开展健康进校园活动\t区教育局牵头，区卫生健康局配合\t长期\n"
    )
    assert roles(found["1"]) == (("区卫生健康局",), ("区疾控中心",))
    assert found["1"].heading == "完善监测网络，哨点覆盖率达到90%以上"
    assert roles(found["2"]) == (("区教育局",), ("区卫生健康局",))
    assert roles(found["二"]) == ((), ())  # the rows' units are the rows', not the section's


def test_tasks_task_table_one_cell_a_line_with_wrapped_cells() -> None:
    found = tasks(
        _TASK_TABLE_INTRO + "序号\n工作任务\n责任单位\n完成时限\n"
        "1\n完善监测网络，哨点覆盖率\n达到90%以上\n区卫生健康局、区疾控中心\n2026年底\n"
        "2\n开展健康进校园活动\n区教育局牵头，区卫生健康局配合\n长期\n"
    )
    assert roles(found["1"]) == (("区卫生健康局",), ("区疾控中心",))
    assert roles(found["2"]) == (("区教育局",), ("区卫生健康局",))


def test_tasks_target_in_a_task_table_row_quotes_its_cell_only() -> None:
    raw = (
        _TASK_TABLE_INTRO + "序号\t工作任务\t责任单位\n"
        "1\t完善监测网络，哨点覆盖率达到90%以上\t区卫生健康局\n"
    )
    doc = extract_text(raw, source=source_for_path(Path("t.txt")), crosscheck_manifest=False)
    row = next(t for t in doc.targets if t.value == 90)
    assert (row.quote, row.measure_ref) == ("哨点覆盖率达到90%以上", "1")


def test_tasks_work_notice_division_of_a_body_and_a_request_to_districts() -> None:
    found = tasks(
        "一、开展培训\n各区卫生健康局要组织培训。市卫生健康委医政处会同市疾控中心开展督导。\n"
        "二、工作要求\n请各区于7月15日前将工作总结报送市卫生健康委。\n"
    )
    assert roles(found["一"]) == (("市卫生健康委医政处",), ("市疾控中心",))
    assert roles(found["二"]) == ((), ()) and found["二"].implicit == "各区"


def test_tasks_a_word_ending_like_a_division_is_not_a_unit() -> None:
    found = tasks("一、处置\n原则上要求所有处置点每日消杀。\n二、报告\n各区要及时报告。\n")
    assert "一" not in found or found["一"].lead == ()


def test_tasks_flat_list_of_numbered_tasks_each_with_its_note() -> None:
    found = tasks(
        "某县健康县城建设任务分工\n"
        "1.开展健康知识普及。（县卫生健康局牵头，县教育局配合）\n"
        "2.实施合理膳食行动。（县卫生健康局、县市场监管局按职责分工负责）\n"
    )
    assert roles(found["1"]) == (("县卫生健康局",), ("县教育局",))
    assert roles(found["2"]) == (("县卫生健康局",), ("县市场监管局",))


def test_tasks_notice_items_under_sections_without_measures_are_tasks() -> None:
    found = tasks(
        "一、工作任务\n1.加强病例监测。（责任单位：区疾控中心）\n"
        "2.开展蚊媒消杀。（责任单位：各镇街，区城管局）\n"
        "二、工作要求\n各镇街要高度重视，区卫生健康局负责统筹协调。\n"
    )
    assert roles(found["一1"]) == (("区疾控中心",), ())
    assert "一2" in found
    assert roles(found["二"]) == (("区卫生健康局",), ())  # a section with no items stays one


def test_tasks_task_table_with_a_column_of_supporting_units() -> None:
    found = tasks(
        _TASK_TABLE_INTRO + "序号\t重点任务\t牵头单位\t配合单位\t完成时限\n"
        "1\t推进医共体建设\t委体改处\t委医政医管处、委财务处、各辖市、区卫生健康局\t2023年12月底前\n"
        "2\t推进医养结合\t委老龄健康处\t市民政局、委基层卫生健康处\t长期坚持\n"
        "3\t开展专项督导\t委基层卫生健康处\t委机关各处室\t长期坚持\n"
    )
    assert roles(found["1"]) == (("委体改处",), ("委医政医管处", "委财务处"))
    assert found["1"].implicit == "各辖市、区卫生健康局"
    # 委 opens the commission's own division: 市 is not carried over to it
    assert roles(found["2"]) == (("委老龄健康处",), ("市民政局", "委基层卫生健康处"))
    assert (roles(found["3"]), found["3"].implicit) == ((("委基层卫生健康处",), ()), "委机关各处室")


def test_tasks_task_table_one_cell_a_line_with_a_column_of_supporting_units() -> None:
    found = tasks(
        _TASK_TABLE_INTRO + "序号\n重点任务\n牵头单位\n配合单位\n完成时限\n"
        "1\n完善监测网络\n区卫生健康局\n区疾控中心、区教育局\n2026年底\n"
    )
    assert roles(found["1"]) == (("区卫生健康局",), ("区疾控中心", "区教育局"))


def test_tasks_labelled_line_with_a_set_of_places_keeps_them_implicit() -> None:
    found = tasks(
        "一、重点任务\n（一）开展集中灭鼠活动。每年开展2次全县统一灭鼠行动。\n"
        "责任单位：各乡镇（街道）、县住建局、县市场监管局\n"
    )
    assert roles(found["(一)"]) == (("县住建局",), ("县市场监管局",))
    assert found["(一)"].implicit == "各乡镇（街道）"


_EMERGENCY_PLAN = """某省突发公共卫生事件应急预案
1 总则
1.1 编制目的
有效预防和处置各类突发公共卫生事件。
2 组织体系及职责
2.2 成员单位职责
（1）省卫生健康委：负责组织制定防控技术方案。
（2）省财政厅：负责安排应急处置所需经费。
2.4 专家咨询委员会
省卫生健康委组建专家咨询委员会，成员不少于30人。
3 监测、预警与报告
3.3 报告
省疾控中心负责汇总分析监测信息，发现异常2小时内报告。
"""


def test_tasks_plan_numbered_by_decimals_and_duties_after_a_colon() -> None:
    found = tasks(_EMERGENCY_PLAN)
    assert roles(found["2.2(1)"]) == (("省卫生健康委",), ())
    assert roles(found["2.2(2)"]) == (("省财政厅",), ())
    assert roles(found["2.4"]) == (("省卫生健康委",), ())
    assert roles(found["3.3"]) == (("省疾控中心",), ())


def test_tasks_divisions_labelled_as_leading_and_supporting_offices() -> None:
    found = tasks(
        "一、重点任务\n（一）老年人健康管理。每年为老年人提供1次免费健康体检。\n"
        "（牵头处室：基层卫生健康处；配合处室：老龄健康处、中医药服务管理处）\n"
    )
    assert roles(found["(一)"]) == (("基层卫生健康处",), ("老龄健康处", "中医药服务管理处"))


def test_tasks_a_notice_s_own_sections_are_provisions_though_its_attachment_numbers_measures() -> (
    None
):
    found = tasks(
        "关于做好基本公共卫生服务工作的通知\n一、加强组织领导。各地要高度重视。\n"
        "二、规范开展绩效评价。省卫生健康委按照附件组织开展年度绩效评价。\n"
        "附件\n一、重点任务\n（一）老年人健康管理。省疾控中心负责技术指导。\n"
    )
    assert roles(found["二"]) == (("省卫生健康委",), ())
    assert roles(found["附件 (一)"]) == (("省疾控中心",), ())


def test_tasks_a_party_school_and_an_inspection_office_are_bodies() -> None:
    found = tasks(
        "一、保障措施\n（一）强化督查。县委督查室、县政府督查室将落实情况纳入年度考核。\n"
        "（二）加强培训。县委党校将健康融入所有政策纳入干部教育培训内容。\n"
    )
    assert roles(found["(一)"]) == (("县委督查室",), ("县政府督查室",))
    assert roles(found["(二)"]) == (("县委党校",), ())


def test_tasks_work_points_numbered_on_across_sections_with_short_labels() -> None:
    found = tasks(
        "一、公共卫生\n1.完善疾控体系。（牵头：疾病预防控制处；配合：财务处）\n"
        "2.抓好传染病防控。（责任处室：疾病预防控制处）\n"
        "二、医疗服务\n3.改善就医体验。（牵头：医政医管处；配合：规划发展与信息化处）\n"
    )
    assert roles(found["1"]) == (("疾病预防控制处",), ("财务处",))
    assert roles(found["3"]) == (("医政医管处",), ("规划发展与信息化处",))


def test_tasks_a_generic_actor_given_a_role_by_its_label_is_implicit() -> None:
    found = tasks(
        "一、激励机制\n（一）签约服务费分配。（牵头：各市（州）卫生健康委；配合：同级医保部门）\n"
    )
    assert (roles(found["(一)"]), found["(一)"].implicit) == (
        ((), ()),
        "各市（州）卫生健康委，同级医保部门",
    )


def test_tasks_answers_of_a_policy_interpretation_list_measures() -> None:
    found = tasks(
        "一、主要内容\n问：有哪些目标？\n答：（一）机构建设。到2025年达标。\n（二）人才队伍。\n"
        "二、保障落实\n问：如何落实？\n答：（一）强化组织实施。省卫生健康委牵头抓总。\n"
        "（二）强化资金保障。省财政厅要会同省卫生健康委落实资金。\n"
    )
    assert roles(found["二(一)"]) == (("省卫生健康委",), ())
    assert roles(found["二(二)"]) == (("省财政厅",), ("省卫生健康委",))


def test_tasks_a_task_list_names_its_items_with_their_word() -> None:
    found = tasks(
        "一、环境卫生综合整治\n"
        "任务1：开展城乡环境卫生大扫除。责任单位：县城市管理局；完成时限：全年。\n"
        "任务2：推进农村人居环境整治。责任单位：县农业农村局、县住建局；完成时限：2023年11月底。\n"
    )
    assert roles(found["任务1"]) == (("县城市管理局",), ())
    assert roles(found["任务2"]) == (("县农业农村局",), ("县住建局",))


def test_tasks_section_without_measures_between_sections_of_measures_is_a_provision() -> None:
    found = tasks(
        "一、总体要求\n市卫生健康委要统筹推进。\n二、重点任务\n（一）加强筛查。内容。"
        "（责任单位：市卫生健康委）\n（二）完善保障。内容。（责任单位：市医保局）\n"
        "三、监测报告\n市疾控中心负责制定监测方案，各区要按月报送数据。\n"
        "四、保障措施\n各区要加强组织领导。\n"
    )
    assert roles(found["三"]) == (("市疾控中心",), ())
    assert "一" not in found  # a section framing the plan (总体要求) is no unit's task
    assert "四" not in found  # generic actors alone: no task for a measureless section


def test_tasks_bare_list_of_bodies_and_places_closing_a_measure() -> None:
    found = tasks(
        "二、重点任务\n（一）发展民族医药。建设民族医医院。"
        "（省民族宗教委、省中医药管理局，黔东南州、黔南州人民政府）\n"
        "（二）完善保障。内容。（责任单位：省医保局）\n"
    )
    assert roles(found["(一)"]) == (
        ("省民族宗教委",),
        ("省中医药管理局", "黔东南州人民政府", "黔南州人民政府"),
    )


def test_tasks_measures_run_on_in_one_line_are_each_a_provision() -> None:
    found = tasks(
        "四、保障措施\n（一）加强组织领导。各区要落实经费。（二）强化监测评估。"
        "市卫生健康委每年开展评估。\n（三）加大经费投入。市财政局要安排经费。\n"
    )
    assert roles(found["(二)"]) == (("市卫生健康委",), ())
    assert roles(found["(三)"]) == (("市财政局",), ())
    assert found["(一)"].lead == ()


def test_tasks_duty_list_lines_in_a_section_are_each_a_provision() -> None:
    found = tasks(
        "一、主要任务\n（一）建档。内容。（责任单位：市卫生健康委）\n五、职责分工\n"
        "市卫生健康委：负责项目组织实施和业务指导。\n市财政局：负责落实市级补助资金。\n"
        "各县（市、区）卫生健康局：负责辖区项目具体组织实施。\n"
    )
    assert roles(found["五 市卫生健康委"]) == (("市卫生健康委",), ())
    assert roles(found["五 市财政局"]) == (("市财政局",), ())
    assert "五" not in found


def test_tasks_items_of_a_section_without_measures_are_provisions() -> None:
    found = tasks(
        "一、主要目标\n1.签约率达到40%。\n2.多部门共同出台政策。\n二、主要任务\n"
        "（一）组建团队。内容。（责任单位：街道社会事务办）\n三、职责分工\n"
        "1.街道社会事务办负责统筹协调。\n2.街道党政办负责宣传。\n"
    )
    assert roles(found["三1"]) == (("街道社会事务办",), ())
    assert roles(found["三2"]) == (("街道党政办",), ())
    assert not any(ref.startswith("一") for ref in found)  # aims frame the plan


def test_tasks_task_table_with_a_support_column_every_unit_of_the_lead_cell_leads() -> None:
    found = tasks(
        "附件\n重点任务分工表\n序号\t任务\t牵头单位\t参与单位\n"
        "1\t扩大筛查病种\t省卫生健康委、省财政厅\t省医保局\n"
        "2\t加强执法\t省卫生健康委（省卫生健康监督所）\t省司法厅\n"
    )
    assert roles(found["附件 1"]) == (("省卫生健康委", "省财政厅"), ("省医保局",))
    assert roles(found["附件 2"]) == (("省卫生健康委",), ("省卫生健康监督所", "省司法厅"))


def test_tasks_decimal_plan_with_duty_lines_and_run_in_provisions() -> None:
    found = tasks(
        "栖凤市突发公共卫生事件应急预案\n栖政办发〔2024〕15号\n2024年5月20日\n1 总则\n"
        "1.1 编制目的\n"
        "有效预防和控制突发公共卫生事件。\n1.2 适用范围\n本预案适用于本市。\n2 组织体系\n"
        "2.1 成员单位职责\n市卫生健康委：负责组织制定防控技术方案；\n市财政局：负责安排应急经费；\n"
        "3 保障措施\n3.1 物资保障。市发展改革委会同市卫生健康委建立应急物资储备制度。\n"
        "3.2 经费保障。市财政局将卫生应急工作经费纳入年度预算。\n"
    )
    assert roles(found["2.1 市卫生健康委"]) == (("市卫生健康委",), ())
    assert roles(found["2.1 市财政局"]) == (("市财政局",), ())
    assert roles(found["3.1"]) == (("市发展改革委",), ("市卫生健康委",))
    assert roles(found["3.2"]) == (("市财政局",), ())


def test_tasks_duty_table_rows_in_the_body_are_numbered_by_their_section() -> None:
    found = tasks(
        "一、主要任务\n（一）建设。内容。（责任单位：县卫生健康局）\n四、职责分工\n部门\t主要职责\n"
        "县卫生健康局\t负责统筹推进。\n县财政局\t负责落实经费。\n"
    )
    assert roles(found["四 县财政局"]) == (("县财政局",), ())


def test_tasks_task_rows_under_a_merged_number_take_their_points() -> None:
    found = tasks(
        "附件\n任务分解表\n序号\t工作任务\t牵头单位\t配合单位\t完成时限\n"
        "3\t（1）提升救治能力。\t市急救指挥中心\t市中心医院\t2025年底前\n"
        "3\t（2）规范留观管理。\t市卫生健康委医政处\t各二级以上医院\t长期坚持\n"
    )
    assert roles(found["附件 3(1)"]) == (("市急救指挥中心",), ("市中心医院",))
    assert roles(found["附件 3(2)"]) == (("市卫生健康委医政处",), ())


def test_tasks_provision_titled_with_its_unit() -> None:
    found = tasks(
        "六、职责分工\n（一）镇社会事务办。负责统筹协调健康乡镇建设。\n"
        "（二）镇综合行政执法队。负责集镇区市容秩序整治。\n（三）镇卫生院。负责健康教育。\n"
    )
    assert roles(found["(一)"]) == (("镇社会事务办",), ())
    assert roles(found["(二)"]) == (("镇综合行政执法队",), ())
    assert roles(found["(三)"]) == (("镇卫生院",), ())


def test_tasks_closing_task_table_repeating_the_measures_headings_assigns_them() -> None:
    found = tasks(
        "三、主要任务\n（一）开展健康知识普及行动。各地要组织宣传。\n"
        "（二）推进健康促进学校建设。内容。\n四、组织实施\n各地要加强领导。\n"
        "序号\t任务\t负责单位\n1\t开展健康知识普及行动\t国家卫生健康委、中央宣传部\n"
        "2\t推进健康促进学校建设\t教育部、国家卫生健康委\n"
    )
    assert roles(found["(一)"]) == (("国家卫生健康委",), ("中央宣传部",))
    assert roles(found["(二)"]) == (("教育部",), ("国家卫生健康委",))


def test_tasks_box_of_projects_with_its_closing_note() -> None:
    found = tasks(
        "第一章 总体要求\n第一节 指导思想\n内容。\n第二章 提升服务能力\n第一节 健全服务网络\n"
        "实施提标扩能工程。（市中医药管理局牵头，市发展改革委配合）\n专栏1 服务能力提升工程\n"
        "（一）优势专科建设。建设专科15个。\n（二）中医馆提质。内容。\n"
        "（市中医药管理局牵头，市卫生健康委、市财政局配合）\n第二节 发挥治未病作用\n"
        "推广干预方案。（市中医药管理局牵头，市卫生健康委配合）\n"
    )
    assert roles(found["第二章第一节"]) == (("市中医药管理局",), ("市发展改革委",))
    assert roles(found["专栏1"]) == (("市中医药管理局",), ("市卫生健康委", "市财政局"))


def test_tasks_division_of_duties_in_one_paragraph_each_unit_leads_its_own() -> None:
    found = tasks(
        "一、主要任务\n（一）建设。内容。（责任单位：县卫生健康局）\n五、职责分工\n"
        "县卫生健康局负责牵头推进医养结合工作；县民政局负责养老机构监管；"
        "县财政局负责落实经费，县医保局配合做好支付政策衔接。\n"
    )
    assert roles(found["五"]) == (("县卫生健康局", "县民政局", "县财政局"), ("县医保局",))


def test_tasks_generic_subject_working_with_a_named_unit() -> None:
    found = tasks(
        "一、重点任务\n（一）加强学校防控。各区县卫生健康局要会同市教育局，做好晨午检。\n"
        "（二）完善保障。内容。（责任单位：市医保局）\n"
    )
    assert found["(一)"].co == ("市教育局",)


def test_tasks_a_counted_set_of_facilities_as_subject_is_generic() -> None:
    """全市21家哨点医院要…: so many hospitals, none named; the named unit after it leads."""
    found = tasks(
        "一、重点任务\n（一）强化监测。全市21家流感监测哨点医院要严格按照监测方案采样。"
        "市疾控中心要于每周一前完成分析。\n"
    )
    assert roles(found["(一)"]) == (("市疾控中心",), ())
    assert parse_unit_list("6个乡镇卫生院和街道社区卫生服务中心") == (
        (),
        ("6个乡镇卫生院和街道社区卫生服务中心",),
    )


def test_tasks_attachment_titled_after_a_colon_and_followed_by_its_table() -> None:
    found = tasks(
        "一、主要任务\n（一）筛查。内容。（责任单位：省卫生健康委）\n本方案自印发之日起施行。\n"
        "附件：重点任务分工表\n序号\t工作任务\t牵头单位\t配合单位\t完成时限\n"
        "1\t制定建设标准\t省卫生健康委、省财政厅\t各市（州）人民政府\t2025年6月30日前\n"
    )
    assert roles(found["附件 1"]) == (("省卫生健康委", "省财政厅"), ())


def test_tasks_a_street_offices_own_health_centre_is_a_unit() -> None:
    body = "一、主要任务\n（一）组建团队。社区卫生服务中心负责组建家庭医生团队。\n"
    street = extract_text(
        f"青禾街道家庭医生签约服务实施方案\n{body}青禾街道办事处\n2024年3月15日\n",
        source=source_for_path(Path("t.txt")),
        crosscheck_manifest=False,
    )
    city = tasks(body)
    assert {r.measure_ref: r.lead for r in street.responsibilities}["(一)"] == ("社区卫生服务中心",)
    assert city["(一)"].lead == ()


def test_tasks_decimal_duty_list_with_units_as_titles() -> None:
    found = tasks(
        "柳塘镇创建省级卫生乡镇实施方案\n1 总体要求\n1.1 指导思想\n内容。\n1.2 工作目标\n内容。\n"
        "2 职责分工\n2.1 镇党政办：负责创建工作综合协调。\n"
        "2.2 镇社会事务办（爱卫办）：负责创建工作日常事务。\n2.3 镇卫生院：负责健康教育工作。\n"
    )
    assert roles(found["2.1"]) == (("镇党政办",), ())
    assert roles(found["2.3"]) == (("镇卫生院",), ())
    assert found["2.2"].lead and found["2.2"].lead[0].startswith("镇社会事务办")


def test_tasks_labelled_sentence_with_wei_instead_of_a_colon() -> None:
    found = tasks(
        "三、主要任务\n（一）加强疾病预防控制。接种率保持在95%以上。责任单位为市卫生健康委、市疾控中心。\n"
        "（二）提升能力。内容。牵头单位为市卫生健康委，配合单位为市财政局。\n"
    )
    assert roles(found["(一)"]) == (("市卫生健康委",), ("市疾控中心",))
    assert roles(found["(二)"]) == (("市卫生健康委",), ("市财政局",))


def test_tasks_sentence_subject_after_a_word_of_manner_and_you() -> None:
    found = tasks("三、主要任务\n（一）完善急救体系。内容。具体由市卫生健康委组织实施。\n")
    assert roles(found["(一)"]) == (("市卫生健康委",), ())


def test_tasks_paragraph_closing_a_section_with_yishang_covers_each_measure_above() -> None:
    found = tasks(
        "一、深化改革\n1.推进医共体建设。内容甲。\n2.深化支付改革。内容乙。\n"
        "以上工作由县卫生健康局体改股牵头，县人民医院、县中医院配合。\n"
        "二、提升能力\n3.加强专科建设。内容丙。（责任单位：县人民医院）\n"
    )
    for ref in ("1", "2"):
        assert roles(found[ref]) == (("县卫生健康局体改股",), ("县人民医院", "县中医院")), ref
    assert roles(found["3"]) == (("县人民医院",), ())


def test_tasks_note_naming_its_items_covers_exactly_those_items() -> None:
    found = tasks(
        "二、重点任务\n1.完善待遇政策。内容甲。\n2.规范就医管理。内容乙。\n3.推进异地结算。内容丙。\n"
        "（第1—3项责任单位：市医保局待遇保障科，市医疗保障服务中心）\n"
        "4.推行按病种付费。内容丁。（牵头单位：市医保局医药服务管理科）\n"
        "5.加强基金监管。内容戊。\n6.推进智能监控。内容己。\n"
        "以上第5—6项由市医保局基金监管科牵头，市公安局配合。\n"
    )
    for ref in ("二1", "二2", "二3"):
        assert roles(found[ref]) == (("市医保局待遇保障科",), ("市医疗保障服务中心",)), ref
    assert roles(found["二4"]) == (("市医保局医药服务管理科",), ())
    for ref in ("二5", "二6"):
        assert roles(found[ref]) == (("市医保局基金监管科",), ("市公安局",)), ref


def test_tasks_note_naming_bracketed_or_listed_items_covers_exactly_those_items() -> None:
    found = tasks(
        "四、提升治理水平\n（一）深化监督执法。内容甲。\n（二）加强平安医院建设。内容乙。\n"
        "（三）推进信息化。内容丙。（责任股室：规划信息股）\n"
        "以上第（一）（二）项工作由综合监督股牵头，县卫生健康综合执法大队配合。\n"
        "五、加强保障\n（四）落实经费。内容丁。\n（五）加强培训。内容戊。\n（六）强化考核。内容己。\n"
        "以上第（四）、（六）项由财务股负责。\n"
    )
    for ref in ("(一)", "(二)"):  # numbered on across sections: refs without them
        assert roles(found[ref]) == (("综合监督股",), ("县卫生健康综合执法大队",)), ref
    assert roles(found["(三)"]) == (("规划信息股",), ())
    for ref in ("(四)", "(六)"):
        assert roles(found[ref]) == (("财务股",), ()), ref
    assert "(五)" not in found


def test_tasks_a_bare_office_beside_the_bureaus_divisions_is_a_unit() -> None:
    found = tasks(
        "五、加强干部队伍建设\n（一）落实主体责任。内容甲。\n（二）加强教育培训。内容乙。\n"
        "以上工作由办公室牵头，人事股配合。\n"
    )
    for ref in ("(一)", "(二)"):
        assert roles(found[ref]) == (("办公室",), ("人事股",)), ref


def test_tasks_a_measure_naming_its_own_unit_keeps_it_under_a_sections_closing_note() -> None:
    """以上工作由县爱卫办牵头，各成员单位配合 after 县财政局负责…: the measure's own unit holds
    it; the closing note covers the measures that name none."""
    found = tasks(
        "四、保障措施\n（一）强化经费保障。县财政局负责将工作经费纳入年度财政预算。\n"
        "（二）严格督导考核。建立监测评估机制。\n以上工作由县爱卫办牵头，县卫健局配合。\n"
    )
    assert roles(found["(一)"]) == (("县财政局",), ())
    assert roles(found["(二)"]) == (("县爱卫办",), ("县卫健局",))


def test_tasks_every_facility_directly_under_the_county_is_generic() -> None:
    """县直各医疗机构和各乡镇卫生院要…报告。县疾控中心负责审核: the named centre leads."""
    found = tasks(
        "一、重点任务\n（一）强化监测报告。县直各医疗机构和各乡镇卫生院要落实首诊报告制度。"
        "县疾控中心负责监测数据的审核分析。\n"
    )
    assert roles(found["(一)"]) == (("县疾控中心",), ())


def test_tasks_an_evaluation_table_is_one_task_a_row() -> None:
    found = tasks(
        "二、评价内容\n序号\t评价内容\t评价标准\t分值\t责任股室\n"
        "1\t项目组织管理\t制度健全\t10\t基层卫生股\n2\t资金管理\t专账核算\t10\t规划财务股\n"
    )
    rows = [roles(found[k]) for k in sorted(found)]
    assert rows == [(("基层卫生股",), ()), (("规划财务股",), ())]


def test_tasks_a_schedule_by_month_is_one_task_a_month() -> None:
    """1月：…（县爱卫办、各乡镇人民政府）；: each month of a schedule of three or more is an
    item named by its month, its bracket the units; a lone 1月： line is ordinary text."""
    found = tasks(
        "一、重点任务\n（一）开展整治。内容。（责任单位：县爱卫办）\n二、月度安排\n"
        "1月：开展春节前环境卫生整治（县爱卫办、各乡镇人民政府）；\n"
        "2月：召开全县爱国卫生工作会议（县爱卫办）；\n3月：开展春季灭鼠活动（县疾控中心、县城管局）。\n"
    )
    assert roles(found["二1月"]) == (("县爱卫办",), ())
    assert roles(found["二3月"]) == (("县疾控中心",), ("县城管局",))
    lone = tasks("一、重点任务\n（一）开展自查。1月：完成自查。（责任单位：县卫健局）\n")
    assert list(lone) == ["(一)"]


def test_tasks_range_of_item_ordinals_is_not_a_target() -> None:
    doc = extract_text(
        "二、重点任务\n1.完善待遇。内容。\n2.规范管理。内容。\n（以上第1—2项责任单位：市医保局）\n",
        source=source_for_path(Path("t.txt")),
        crosscheck_manifest=False,
    )
    assert doc.targets == []


def test_tasks_count_of_the_items_a_note_covers_is_not_a_target() -> None:
    """（以上3项由A负责）: the 3 counts items of the document; a figure of an item still is one."""
    doc = extract_text(
        "二、重点任务\n1.完善待遇。内容。\n2.落实补助。每年不低于1.5万元。\n3.规范管理。内容。\n"
        "（以上3项由市卫生健康委、市财政局负责）\n上述2项工作均由市医保局牵头。\n",
        source=source_for_path(Path("t.txt")),
        crosscheck_manifest=False,
    )
    assert [t.value_text for t in doc.targets] == ["1.5万元"]


def test_tasks_item_whose_text_opens_with_a_figure_after_the_item_before_it() -> None:
    """6.65岁及以上老年人…: item 6, not the figure 6.65, where item 5 stands before it."""
    found = tasks(
        "二、重点任务\n5.每个乡镇卫生院至少有1名全科医生。（责任部门：县卫生健康局、县人社局）\n"
        "6.65岁及以上老年人健康管理率达到72%。（牵头单位：县卫生健康局；配合单位：县医保局）\n"
    )
    assert roles(found["二5"]) == (("县卫生健康局",), ("县人社局",))
    assert roles(found["二6"]) == (("县卫生健康局",), ("县医保局",))


def test_tasks_labelled_field_of_generic_actors_then_units_by_their_duties() -> None:
    found = tasks(
        "二、重点任务\n（一）加强管理。内容。"
        "（责任单位：各乡镇人民政府；县市场监管局、县农业农村局按职责分工负责）\n"
    )
    assert roles(found["(一)"]) == (("县市场监管局",), ("县农业农村局",))
    assert found["(一)"].implicit == "各乡镇人民政府"


def test_tasks_a_part_named_before_you_is_the_part_the_units_are_responsible_for() -> None:
    """第三章第一节由A牵头，B配合 in a closing chapter: the task of that section."""
    found = tasks(
        "第一章 总体要求\n内容。\n第二章 主要任务\n第一节 改善环境\n到2030年，达标率达到90%。\n"
        "第二节 健康服务\n到2030年，签约率达到50%。\n第三章 组织实施\n"
        "第二章第一节由市生态环境局牵头，市水务局配合；第二章第二节由市卫生健康委负责。\n"
    )
    assert roles(found["第二章第一节"]) == (("市生态环境局",), ("市水务局",))
    assert roles(found["第二章第二节"]) == (("市卫生健康委",), ())


def test_tasks_items_of_a_part_named_in_a_closing_section_are_those_items_tasks() -> None:
    """第二部分第（一）项、第（二）项由A牵头，B配合；第（三）项由C负责: the items of section 二; an
    item named without its part takes the part named before it in the paragraph."""
    found = tasks(
        "一、总体要求\n内容。\n二、重点任务\n（一）招引村医。内容。\n（二）定向培养。内容。\n"
        "（三）健全补助。内容。\n（四）提升能力。内容。\n三、责任分工\n"
        "（一）第二部分第（一）项、第（二）项由市卫生健康局牵头，市教育局配合。\n"
        "（二）第二部分第（三）项由市财政局负责；第（四）项由市医疗保障局牵头，市财政局配合。\n"
    )
    for ref in ("二(一)", "二(二)"):
        assert roles(found[ref]) == (("市卫生健康局",), ("市教育局",))
    assert roles(found["二(三)"]) == (("市财政局",), ())
    assert roles(found["二(四)"]) == (("市医疗保障局",), ("市财政局",))


def test_tasks_a_range_of_items_of_a_part_gives_each_item_its_units() -> None:
    found = tasks(
        "一、重点任务\n（一）甲。内容。\n（二）乙。内容。\n（三）丙。内容。\n二、保障措施\n"
        "第一部分第（一）至（三）项由县卫生健康局牵头，县财政局配合。\n"
    )
    for ref in ("(一)", "(二)", "(三)"):  # numbered once only: refs without their section
        assert roles(found[ref]) == (("县卫生健康局",), ("县财政局",))


def test_tasks_list_note_after_sub_items_one_of_which_has_its_own_note() -> None:
    found = tasks(
        "二、重点任务\n（一）整合资源。\n1.组建医共体。内容。\n"
        "2.推行打包付费。内容。（责任单位：县医保局、县卫生健康局）\n3.建设共享中心。内容。\n"
        "（责任单位：县卫生健康局、县财政局）\n"
    )
    assert roles(found["(一)"]) == (("县卫生健康局",), ("县财政局",))
    assert roles(found["(一)2"]) == (("县医保局",), ("县卫生健康局",))


def test_tasks_box_whose_projects_are_numbered_01_keeps_its_closing_note() -> None:
    """专栏2 on a line of its own, projects 01 02, then its note: the box's, not the section's."""
    found = tasks(
        "第一章 总体要求\n内容。\n第二章 主要任务\n第一节 扩容优质资源\n推进区域医疗中心建设。\n"
        "专栏2　医疗服务能力提升工程\n01　区域医疗中心：新建省级区域医疗中心5个。\n"
        "02　县医院能力提升：推动60个以上县级医院达到三级医院服务能力。\n"
        "（省卫生健康委牵头，省发展改革委、省财政厅配合）\n第二节 加强人才队伍\n内容。\n"
    )
    assert roles(found["专栏2"]) == (("省卫生健康委",), ("省发展改革委", "省财政厅"))
    assert "第二章第一节" not in found


def test_tasks_cell_per_line_task_table_with_lead_and_responsible_columns() -> None:
    """序号 / 任务 / 牵头单位 / 责任单位 / 完成时限: beside a 牵头 column, the other unit column
    supports."""
    found = tasks(
        "附件\n重点任务分解表\n序号\n任务\n牵头单位\n责任单位\n完成时限\n"
        "1\n实施基层卫生人才工程\n省卫生健康委\n省委编办、省财政厅\n2027年底前\n"
        "2\n落实县管乡用机制\n省卫生健康委\n省人力资源社会保障厅，各市人民政府\n2026年6月底前\n"
    )
    assert roles(found["附件 1"]) == (("省卫生健康委",), ("省委编办", "省财政厅"))
    assert roles(found["附件 2"]) == (("省卫生健康委",), ("省人力资源社会保障厅",))


def test_tasks_yi_shi_er_shi_items_run_into_a_paragraph_each_name_their_unit() -> None:
    found = tasks(
        "三、保障措施\n（四）加强协作。一是县教育局负责将急救知识纳入课程；"
        "二是县交通运输局负责保障急救车辆通行。\n"
    )
    assert roles(found["(四)"]) == (("县教育局",), ("县交通运输局",))


def test_tasks_units_in_brackets_heading_an_item_are_its_note() -> None:
    """1.【县卫健局】修订预案…; 4.【县疾控中心、县人民医院】分别组建…; 【各乡镇卫生院】 generic."""
    found = tasks(
        "一、健全体系\n1.【县卫健局】修订完善应急预案。\n"
        "2.【县疾控中心、县人民医院】分别组建应急队伍，每支队伍不少于20人。\n"
        "3.【各乡镇卫生院】明确1名卫生应急管理人员。\n"
    )
    assert roles(found["一1"]) == (("县卫健局",), ())
    assert roles(found["一2"]) == (("县疾控中心",), ("县人民医院",))
    assert roles(found["一3"]) == ((), ()) and found["一3"].implicit == "各乡镇卫生院"


def test_tasks_sentence_closing_a_measure_with_yishang_xingdong_you() -> None:
    found = tasks(
        "二、主要行动\n（一）县城环境提质行动。县城公共供水普及率达到98%。"
        "以上行动由县住建局牵头，县自然资源局、县城管局等部门按职责分工负责。\n"
    )
    assert roles(found["(一)"]) == (("县住建局",), ("县自然资源局", "县城管局"))


def test_tasks_articles_of_a_regulation_are_provisions_named_by_their_number() -> None:
    """第一章 总则 / 第四条　省卫生健康委负责…: each article a provision (ref 第四条)."""
    found = tasks(
        "某省村卫生室管理办法\n第一章　总则\n第一条　为加强村卫生室建设，制定本办法。\n"
        "第二章　职责分工\n第四条　省卫生健康委会同省财政厅负责全省村卫生室的规划指导。\n"
        "第五条　县级以上卫生健康行政部门负责本行政区域内村卫生室的管理。\n"
        "第十二条　省医保局负责将村卫生室纳入医保定点管理。\n"
    )
    assert roles(found["第四条"]) == (("省卫生健康委",), ("省财政厅",))
    assert roles(found["第五条"]) == ((), ())
    assert roles(found["第十二条"]) == (("省医保局",), ())


def test_tasks_measures_named_cuoshi_with_labelled_lines_under_each() -> None:
    found = tasks(
        "二、主要措施\n措施一：推进提档升级。内容。\n责任单位：县卫生健康局、县财政局，各乡镇人民政府\n"
        "措施二：深化支付改革。内容。\n牵头单位：县医保局\n配合单位：县卫生健康局\n"
    )
    assert roles(found["措施1"]) == (("县卫生健康局",), ("县财政局",))
    assert roles(found["措施2"]) == (("县医保局",), ("县卫生健康局",))


def test_tasks_indicator_table_with_a_unit_column_is_not_a_duty_table() -> None:
    """序号 | 主要指标 | 单位 | 2024年 | 2026年: its 单位 column holds units of measure."""
    found = tasks(
        "二、主要指标\n序号\t主要指标\t单位\t2024年\t2026年\t属性\n"
        "1\t人均预期寿命\t岁\t79.0\t79.2\t预期性\n2\t护理型床位占比\t%\t55\t60\t约束性\n"
    )
    assert not any(r.lead or r.co for r in found.values())


def test_tasks_working_groups_led_by_one_with_others_taking_part() -> None:
    """2.2.1 综合协调组 / 由县卫健局牵头，县应急局、县公安局参加。"""
    found = tasks(
        "1 总则\n1.1 编制目的。为有效处置事件，制定本方案。\n2 组织体系\n2.2 工作组\n"
        "2.2.1 综合协调组\n由县卫健局牵头，县应急局、县公安局参加。"
        "负责传达决策部署，协调各工作组开展工作。\n"
    )
    assert roles(found["2.2.1"]) == (("县卫健局",), ("县应急局", "县公安局"))


def test_tasks_units_of_an_attribute_clause_are_not_who_acts() -> None:
    found = tasks(
        "四、保障措施\n（一）加强领导。"
        "建立由政府分管领导牵头，卫生健康、人社、财政等部门参加的协调机制。\n"
    )
    assert not any(r.co for r in found.values())


def test_tasks_a_liaison_table_of_contacts_is_no_duty_table() -> None:
    found = tasks(
        "附件1\n联络表\n序号\t单位名称\t联系人\t办公电话\n"
        "1\t国家传染病预防控制中心\t陈立\t010-58900512\n"
    )
    assert not any(r.lead for r in found.values())


def test_tasks_sections_that_run_on_into_their_text_are_provisions() -> None:
    """一、扩大筛查覆盖面。各级医疗卫生机构要…（牵头单位：…）: every section a long paragraph."""
    long = (
        "各级医疗卫生机构要全面落实首诊测血压制度，依托家庭医生团队开展入户筛查，及时纳入规范管理。"
    )
    found = tasks(
        f"一、扩大筛查覆盖面。{long}（牵头单位：市疾控中心；配合单位：市医保局）\n"
        f"二、提升管理水平。{long}（牵头单位：市卫生健康委；配合单位：市疾控中心）\n"
    )
    assert roles(found["一"]) == (("市疾控中心",), ("市医保局",))
    assert roles(found["二"]) == (("市卫生健康委",), ("市疾控中心",))


def test_tasks_a_closing_line_after_sub_items_covers_their_measure() -> None:
    found = tasks(
        "二、重点任务\n（一）完善老年医疗服务\n1.加强老年医学科建设。省卫生健康委要指导各地设置老年医学科。\n"
        "2.推广中医药服务。省中医药局牵头，省卫生健康委配合，推广治未病。\n"
        "本部分任务由省卫生健康委牵头，省中医药局、省医保局配合。\n（二）发展医养结合服务\n"
        "1.深化签约合作。省民政厅要推动签约合作。\n"
    )
    assert roles(found["(一)"]) == (("省卫生健康委",), ("省中医药局", "省医保局"))
    assert roles(found["(一)1"]) == (("省卫生健康委",), ())
    assert roles(found["(一)2"]) == (("省中医药局",), ("省卫生健康委",))


def test_tasks_a_note_counting_the_items_above_it_covers_that_many() -> None:
    """（以上2项由A负责） after items 2 and 3 of three: those two; after all of a list: the list."""
    found = tasks(
        "二、重点任务\n（一）队伍建设。\n1.岗位培训。内容。（县人社局负责）\n2.进修学习。内容。\n"
        "3.学历提升。内容。\n（以上2项由县卫生健康局、县财政局负责）\n"
        "（二）待遇保障。\n1.补助。内容。\n2.养老。内容。\n（以上两项由县财政局负责，县人社局配合）\n"
    )
    assert roles(found["(一)2"]) == roles(found["(一)3"]) == (("县卫生健康局",), ("县财政局",))
    assert roles(found["(一)1"]) == (("县人社局",), ())
    assert roles(found["(二)"]) == (("县财政局",), ("县人社局",))


def test_tasks_task_table_rows_numbered_in_their_first_cell_are_rows_by_that_number() -> None:
    """考核内容 | 目标任务 | 分值 | 责任单位 with 1.居民健康档案管理 in the first cell: row 1."""
    found = tasks(
        "附件\n考核细则\n考核内容\t目标任务\t分值\t责任单位\t考核方式\n"
        "1.健康档案管理\t建档率达到90%以上。\t10\t基层卫生股、各乡镇卫生院\t查阅系统\n"
        "2.预防接种\t接种率保持在95%以上。\t10\t县疾控中心\t现场核查\n"
    )
    assert roles(found["附件 1"]) == (("基层卫生股",), ())
    assert found["附件 1"].implicit == "各乡镇卫生院"
    assert roles(found["附件 2"]) == (("县疾控中心",), ())
    assert "附件 2#2" not in found


def test_tasks_a_township_discipline_committee_works_with_an_office() -> None:
    """镇纪委会同镇社会事务办…: a whole name after its level, then the partner it works with."""
    found = tasks("五、加强督导\n镇纪委会同镇社会事务办对工作开展情况进行督查。\n")
    assert roles(found["五"]) == (("镇纪委",), ("镇社会事务办",))


def test_tasks_national_bodies_without_a_units_ending_are_units_in_a_note() -> None:
    found = tasks(
        "（一）实施青少年体育活动促进计划。（教育部牵头，体育总局、共青团中央按职责分工负责）\n"
        "（二）推进金融支持。（人民银行牵头，中国计生协配合）\n"
    )
    assert roles(found["(一)"]) == (("教育部",), ("体育总局", "共青团中央"))
    assert roles(found["(二)"]) == (("人民银行",), ("中国计生协",))


def test_tasks_lists_numbered_anew_under_labels_take_the_label_into_their_ref() -> None:
    """——个人： 1. 2. ——政府： 1. 2. (健康中国行动): (三)政府1, not (三)1#2."""
    found = tasks(
        "二、主要任务\n（三）全民健身行动\n——个人：\n1.每周锻炼3次以上。\n2.掌握运动技能。\n"
        "——政府：\n1.编制场地设施规划。（体育总局牵头，住房城乡建设部按职责分工负责）\n"
        "2.推行公共体育设施开放。（体育总局、教育部按职责分工负责）\n"
    )
    assert roles(found["(三)政府1"]) == (("体育总局",), ("住房城乡建设部",))
    assert roles(found["(三)政府2"]) == (("体育总局",), ("教育部",))


def test_tasks_units_working_with_others_before_an_adverb_of_manner() -> None:
    found = tasks(
        "（六）健康环境。市卫健委、市生态环境局要会同市住建局、市水务局深入开展爱国卫生运动。\n"
    )
    assert roles(found["(六)"])[1][-2:] == ("市住建局", "市水务局")


def test_tasks_a_counting_note_with_a_lead_and_a_supporter_covers_the_last_items() -> None:
    """Items numbered on across sections (8. 9. 10.), then （以上两项由A负责，B配合）."""
    found = tasks(
        "三、深化改革\n8.推进能力提升。内容。（基层卫生健康处牵头，规划处配合）\n9.做实签约服务。内容。\n"
        "10.实施公卫项目。内容。\n（以上两项由基层卫生健康处负责，财务处配合）\n"
    )
    assert roles(found["三9"]) == roles(found["三10"]) == (("基层卫生健康处",), ("财务处",))
    assert roles(found["三8"]) == (("基层卫生健康处",), ("规划处",))


def test_tasks_a_closing_note_except_where_noted_leaves_the_items_with_their_own() -> None:
    found = tasks(
        "四、基层卫生健康股\n（一）提升服务能力。内容甲。\n"
        "（二）做实签约服务。内容乙。（基层卫生健康股、老龄健康股共同负责）\n"
        "以上工作除注明外由基层卫生健康股牵头，县人民医院、县中医医院等医疗机构具体落实。\n"
    )
    assert roles(found["(一)"]) == (("基层卫生健康股",), ("县人民医院", "县中医医院"))
    assert roles(found["(二)"]) == (("基层卫生健康股",), ("老龄健康股",))


def test_tasks_units_that_carry_out_the_work_support_the_lead() -> None:
    found = tasks(
        "五、疾病预防控制股\n（一）加强传染病防控。内容甲。\n（二）加强慢病防控。内容乙。\n"
        "以上工作由疾病预防控制股牵头，县疾病预防控制中心具体实施。\n"
    )
    for ref in ("(一)", "(二)"):
        assert roles(found[ref]) == (("疾病预防控制股",), ("县疾病预防控制中心",)), ref


def test_tasks_a_scoring_table_without_numbers_is_one_task_a_row_named_by_its_item() -> None:
    found = tasks(
        "一、考核内容\n（一）考核范围。全县各镇卫生院。\n"
        "附件：2024年度项目绩效考核评分表\n2024年度项目绩效考核评分表\n"
        "考核项目\t考核内容\t分值\t评分标准\t责任单位\n"
        "健康教育\t宣传栏、健康讲座\t6\t缺1项扣1分\t县疾控中心\n"
        "资金管理\t专账核算\t5\t未专账核算扣2分\t县卫生健康局财务股、县财政局社保股\n"
    )
    assert roles(found["附件 健康教育"]) == (("县疾控中心",), ())
    assert roles(found["附件 资金管理"]) == (("县卫生健康局财务股",), ("县财政局社保股",))


def test_tasks_a_group_row_over_table_rows_keeps_the_table_going() -> None:
    """（一）公共卫生服务（40分） merged over its rows (its tabs lost): the rows after it are
    still rows of the table, each numbered as the text numbers it ((一)1) and titled
    without its number."""
    found = tasks(
        "二、目标任务\n目标任务\t分值\t责任单位\t考核方式\n（一）公共卫生服务（40分）\n"
        "1.接种率保持在95%以上\t8\t县卫生健康局、各乡镇人民政府\t查阅\n"
        "（二）医疗保障（20分）\n"
        "2.参保率稳定在97%以上\t8\t县医疗保障局、县税务局\t核查\n"
    )
    assert roles(found["(一)1"]) == (("县卫生健康局",), ())
    assert roles(found["(二)2"]) == (("县医疗保障局",), ("县税务局",))
    assert found["(二)2"].heading == "参保率稳定在97%以上"


def test_tasks_a_task_tables_date_column_dates_the_targets_of_its_row() -> None:
    doc = extract_text(
        "附件：重点任务分解表\n序号\t工作任务\t责任股室\t完成时间\n"
        "1\t自评覆盖率达到100%\t基层卫生股\t2024年4月底前\n"
        "2\t招聘医学类专业毕业生不少于20名，充实技术力量\t人事股\t2024年8月底前\n",
        source=source_for_path(Path("t.txt")),
        crosscheck_manifest=False,
    )
    assert [(t.value, t.deadline, t.quote) for t in doc.targets] == [
        (100, "2024-04-30", "自评覆盖率达到100%"),
        (20, "2024-08-31", "招聘医学类专业毕业生不少于20名"),
    ]


def test_tasks_a_note_whose_opening_bracket_is_lost_is_still_the_provisions() -> None:
    found = tasks(
        "二、重点任务\n（一）提升基本医疗服务能力。每次派驻时间不少于6个月。\n"
        "牵头股室：医政医管股；配合股室：基层卫生股、中医药股）\n"
        "（二）推进中医药服务。内容。（牵头股室：中医药股）\n"
    )
    assert roles(found["(一)"]) == (("医政医管股",), ("基层卫生股", "中医药股"))
    assert roles(found["(二)"]) == (("中医药股",), ())


def test_tasks_a_suffixed_list_followed_by_the_lead_rule_and_xiatong_is_a_note() -> None:
    found = tasks(
        "二、主要任务\n（一）加强健康教育。内容。"
        "（国家卫生健康委、教育部、国家中医药局按职责分工负责，列第一位的为牵头单位，下同）\n"
        "（二）完善政策。内容。（国家卫生健康委、国家医保局、银保监会）\n"
        "（三）强化部门协同。省医保局要会同有关部门建立协调机制。\n"
    )
    assert roles(found["(一)"]) == (("国家卫生健康委",), ("教育部", "国家中医药局"))
    assert found["(一)"].lead_basis == "stated-order"
    assert roles(found["(二)"]) == (("国家卫生健康委",), ("国家医保局", "银保监会"))
    assert found["(二)"].lead_basis == "stated-order"  # 下同: the rule stated above holds
    assert roles(found["(三)"]) == (("省医保局",), ())


def test_tasks_a_note_labelled_zeren_fengong_says_who_leads_in_its_field() -> None:
    found = tasks(
        "二、主要任务\n（一）加大人才引育力度。内容。"
        "（责任分工：市卫生健康委牵头，市委编办、市财政局配合，各区市政府负责落实）\n"
    )
    assert roles(found["(一)"]) == (("市卫生健康委",), ("市委编办", "市财政局"))
    assert found["(一)"].implicit == "各区市政府"


def test_tasks_a_unit_that_organises_a_campaign_leads_and_its_technical_adviser_supports() -> None:
    found = tasks(
        "二、工作内容\n（一）开展集中灭蚊灭蝇。县爱卫办统一组织，于7月1日至7月15日开展集中活动，"
        "县疾病预防控制中心负责技术指导。\n（二）加强队伍管理。新招聘乡村医生纳入乡镇卫生院统一管理。\n"
    )
    assert roles(found["(一)"]) == (("县爱卫办",), ("县疾病预防控制中心",))
    assert "(二)" not in found


def test_tasks_a_unit_named_first_leads_though_it_is_said_to_guide() -> None:
    found = tasks(
        "二、重点任务\n（一）落实经营管理自主权。县卫生健康局负责指导各医共体完善章程，"
        "县委编办、县人力资源社会保障局负责落实人员统筹使用政策。\n"
        "（二）开展院感防控培训。县人民医院负责组织实施，县疾控中心负责指导。\n"
    )
    assert roles(found["(一)"]) == (("县卫生健康局",), ("县委编办", "县人力资源社会保障局"))
    assert roles(found["(二)"]) == (("县人民医院",), ("县疾控中心",))


def test_tasks_a_scoring_table_with_items_merged_over_rows_assigns_each_numbered_row() -> None:
    found = tasks(
        "附件\n考核评分表\n考核项目\t考核内容\t分值\t评分标准\t责任单位\n"
        "一、组织管理（15分）\t1.成立工作小组，制定年度计划\t5\t未成立扣3分\t镇爱卫办\n"
        "\t2.将健康村建设纳入村规民约\t4\t未纳入扣4分\t镇党政办\n"
        "二、健康服务（20分）\t3.村卫生室达到标准化建设要求\t8\t未达标扣8分\t镇卫生院\n"
        "\t4.65岁及以上老年人健康管理率达到65%以上\t6\t每低1个百分点扣0.5分\t镇卫生院、镇民政办\n"
    )
    assert {ref: roles(r) for ref, r in found.items()} == {
        "附件 1": (("镇爱卫办",), ()),
        "附件 2": (("镇党政办",), ()),
        "附件 3": (("镇卫生院",), ()),
        "附件 4": (("镇卫生院",), ("镇民政办",)),
    }
    assert found["附件 4"].heading.startswith("65岁及以上")


def test_tasks_a_heading_opening_with_a_verb_is_no_unit_whatever_it_ends_with() -> None:
    found = tasks(
        "二、重点任务\n（一）构建新体系。\n1.建设省级区域医疗中心。统筹全省医疗资源布局，建成10个左右。\n"
        "2.县卫生健康局。负责统筹推进。\n"
    )
    assert "二(一)1" not in found and "(一)1" not in found


def test_tasks_an_indicator_table_with_a_column_of_responsible_units_assigns_each_row() -> None:
    found = tasks(
        "附件：主要指标及责任分工表\n序号\t指标\t2024年目标值\t责任单位\n"
        "1\t孕产妇死亡率\t≤10/10万\t县妇幼保健院\n2\t新生儿听力筛查率\t≥95%\t县妇幼保健院、县人民医院\n"
    )
    assert roles(found["附件 1"]) == (("县妇幼保健院",), ())
    assert roles(found["附件 2"]) == (("县妇幼保健院",), ("县人民医院",))


def test_tasks_a_street_offices_own_centre_named_in_its_notes_is_a_unit() -> None:
    doc = extract_text(
        "流亭街道办事处文件\n流办发〔2024〕11号\n流亭街道办事处\n关于印发《健康社区建设工作方案》的通知\n"
        "三、重点任务\n（一）做实健康管理。内容。（牵头单位：社区卫生服务中心；配合单位：各社区居委会）\n"
        "（二）推进医养结合。【责任单位：街道社会事务办；配合单位：社区卫生服务中心】内容。\n",
        source=source_for_path(Path("t.txt")),
        crosscheck_manifest=False,
    )
    found = {r.measure_ref: r for r in doc.responsibilities}
    assert roles(found["(一)"]) == (("社区卫生服务中心",), ())
    assert found["(一)"].implicit == "各社区居委会"  # every community's committee: generic
    assert roles(found["(二)"]) == (("街道社会事务办",), ("社区卫生服务中心",))


def test_tasks_the_youth_league_of_a_city_carries_its_own_level() -> None:
    found = tasks(
        "二、重点任务\n（一）开展宣传。内容。（市卫生健康委牵头，共青团南充市委、市教育局配合）\n"
    )
    assert roles(found["(一)"]) == (("市卫生健康委",), ("共青团南充市委", "市教育局"))


def test_tasks_a_mechanism_set_up_by_a_unit_with_others_is_its_task() -> None:
    found = tasks(
        "二、重点任务\n（一）夯实市县中医医院。内容。\n"
        "（二）建立协同推进机制。相关改革协同推进机制由国家医保局会同国家卫生健康委、国家中医药局建立。\n"
    )
    assert "(一)" not in found
    assert roles(found["(二)"]) == (("国家医保局",), ("国家卫生健康委", "国家中医药局"))


def test_tasks_every_town_government_and_street_office_after_ge_are_generic() -> None:
    found = tasks(
        "三、重点任务\n（一）提升服务能力。内容。（责任单位：县卫生健康局、县财政局，各镇人民政府、街道办事处）\n"
        "（二）加强监测。内容。（国家级流感监测哨点医院负责）\n"
    )
    assert roles(found["(一)"]) == (("县卫生健康局",), ("县财政局",))
    assert found["(一)"].implicit == "各镇人民政府、街道办事处"
    assert not found.get("(二)") or not found["(二)"].lead


def test_tasks_a_national_centre_is_a_unit_without_a_level_prefix() -> None:
    found = tasks(
        "一、监测预警\n（一）开展风险评估。中国疾控中心牵头开展全国疫情形势研判，每月至少开展1次风险评估。\n"
    )
    assert roles(found["(一)"]) == (("中国疾控中心",), ())


def test_tasks_a_duty_heading_listing_units_that_each_do_their_part() -> None:
    found = tasks(
        "三、职责分工\n（一）县卫生健康委。负责活动的组织协调。\n"
        "（二）县交通运输局、县商务局。分别负责客运站、商场超市的病媒生物防制工作。\n"
        "（三）地市级卫生健康行政部门要加强指导。\n"
    )
    assert roles(found["(二)"]) == (("县交通运输局",), ("县商务局",))
    assert roles(found["(三)"]) == ((), ())  # every prefecture's commission: generic


def test_tasks_a_schedule_table_names_each_row_by_its_first_cell() -> None:
    found = tasks(
        "五、检查安排\n阶段\t时间\t工作内容\t责任股室\n"
        "动员部署阶段\t4月\t制定方案，召开动员会\t医政医管股\n"
        "督导检查阶段\t6—9月\t组织检查组开展现场检查\t医政医管股、综合监督执法大队\n"
    )
    assert roles(found["动员部署阶段"]) == (("医政医管股",), ())
    assert roles(found["督导检查阶段"]) == (("医政医管股",), ("综合监督执法大队",))


def test_tasks_a_chapters_section_heading_ending_in_buju_is_no_unit() -> None:
    found = tasks(
        "第四章 提升医疗服务水平\n第一节 推动优质医疗资源扩容和区域均衡布局\n争创国家医学中心。\n"
    )
    assert all(not r.lead for r in found.values())


def test_tasks_the_bureau_of_every_district_and_city_is_generic() -> None:
    found = tasks(
        "二、重点任务\n（一）加强督导。各区、市卫生健康局要会同市疾控中心加强督导。\n"
        "（二）落实经费。各区政府、市卫生健康局负责落实经费。\n"
    )
    assert roles(found["(一)"]) == ((), ("市疾控中心",))  # the bureaus are implicit
    assert found["(一)"].implicit is not None
    assert roles(found["(二)"]) == (("市卫生健康局",), ())


def test_tasks_a_schedule_by_month_ranges_names_each_line_by_its_months() -> None:
    """2月—3月：… lines among 1月：… lines are the schedule's items too, named by their months."""
    found = tasks(
        "一、进度安排\n1月：制定方案（院办公室）；\n2月—3月：开展宣传（公卫科）；\n"
        "4月—6月：全面开展签约（公卫科、各签约团队）；\n12月：总结（院办公室负责）。\n"
    )
    assert roles(found["一2月—3月"]) == (("公卫科",), ())
    assert found["一4月—6月"].implicit == "各签约团队"
    assert roles(found["一12月"]) == (("院办公室",), ())


def test_tasks_a_note_naming_only_who_supports_leaves_the_lead_to_the_duty_heading() -> None:
    """（五）县教育局。…（县卫生健康局配合）: the unit the item is headed with leads."""
    found = tasks(
        "二、职责分工\n（一）县卫生健康局。负责组织实施，接种率达到90%以上。\n"
        "（二）县教育局。组织学校做好动员，查验率达到100%。（县卫生健康局配合）\n"
    )
    assert roles(found["(二)"]) == (("县教育局",), ("县卫生健康局",))
    alone = tasks("二、重点任务\n（一）做好动员。组织学校做好动员。（县卫生健康局配合）\n")
    assert roles(alone["(一)"]) == (("县卫生健康局",), ())


def test_tasks_duty_lines_of_a_health_centres_own_sections() -> None:
    """院办公室：… / 公卫科：… / 财务科：… in a 卫生院's plan: each line a task of that 科."""
    found = tasks(
        "五、职责分工\n院办公室：负责方案制定和绩效考核。\n公卫科：负责业务指导和数据统计。\n"
        "财务科：负责签约服务费的核算与发放。\n各村卫生室：负责宣传发动。\n"
    )
    assert roles(found["五 公卫科"]) == (("公卫科",), ())
    assert roles(found["五 财务科"]) == (("财务科",), ())
    assert "五 各村卫生室" not in found


def test_tasks_a_task_table_with_a_contact_column_is_no_liaison_list() -> None:
    """序号 | 工作任务 | 责任科室 | 配合单位 | 完成时限 | 联系人: one task a row; a table of units
    and contacts alone (单位名称 | 联系人 | 电话) stays a liaison list."""
    header = "序号\t工作任务\t责任单位\t配合单位\t完成时限\t联系人\n"
    rows = "1\t完成底数摸排\t区卫生健康委\t区财政局\t2025年4月30日前\t陈某\n"
    found = tasks("附件：重点任务分工表\n" + header + rows)
    assert roles(found["附件 1"]) == (("区卫生健康委",), ("区财政局",))
    liaison = tasks("附件：联络员名单\n单位名称\t联系人\t电话\n区卫生健康委\t陈某\t12345678\n")
    assert liaison == {}


def test_tasks_a_chapter_whose_items_are_bracketed_has_them_as_its_measures() -> None:
    """第二章 / （一）…（牵头单位：…）: each （一） is a measure of its chapter (第二章(一));
    under a 第一节 the 节 is."""
    found = tasks(
        "第一章 总体要求\n到2025年，体系更加完善。\n第二章 优化资源配置\n"
        "（一）加强公共卫生体系建设。内容甲。（牵头单位：省卫生健康委；配合单位：省财政厅）\n"
        "（二）推进区域均衡布局。内容乙。（牵头单位：省发展改革委）\n"
        "第三章 保障措施\n第一节 加强组织领导\n内容丙。（牵头单位：省政府办公厅）\n"
    )
    assert roles(found["第二章(一)"]) == (("省卫生健康委",), ("省财政厅",))
    assert roles(found["第二章(二)"]) == (("省发展改革委",), ())
    assert roles(found["第三章第一节"]) == (("省政府办公厅",), ())


def test_tasks_a_task_table_header_offering_its_head_word_in_brackets_names_its_columns() -> None:
    """序号 | 重点任务 | 牵头股室（单位） | 配合股室（单位）: a county bureau's table naming its
    sections and, in brackets, the bodies beside them."""
    found = tasks(
        "附件\n重点工作任务分工表\n序号\t重点任务\t牵头股室（单位）\t配合股室（单位）\t完成时限\n"
        "1\t推进医共体建设\t医政医管股\t财务股、县人民医院\t2025年12月底\n"
    )
    assert roles(found["附件 1"]) == (("医政医管股",), ("财务股", "县人民医院"))


def test_tasks_a_townships_level_word_carries_over_a_list_but_not_to_its_stations() -> None:
    """镇妇联、团委: 镇团委; 镇综合执法队、泗安市场监管所: the town's station keeps its name;
    镇卫生院…村卫生室: a village body keeps its own level; 团镇委 names its level inside."""
    found = tasks(
        "一、措施\n（一）宣传。镇妇联、团委要发动志愿者。\n（二）志愿。镇文明办、团镇委负责组织。\n"
    )
    assert roles(found["(一)"]) == (("镇妇联",), ("镇团委",))
    assert roles(found["(二)"]) == (("镇文明办",), ("团镇委",))
    assert parse_unit_list("镇综合执法队、泗安市场监管所") == (
        ("镇综合执法队", "泗安市场监管所"),
        (),
    )
    village = tasks("一、措施\n（一）建档。更新档案。（责任单位：镇卫生院，配合单位：村卫生室）\n")
    assert roles(village["(一)"]) == (("镇卫生院",), ("村卫生室",))


def test_tasks_partners_after_huitong_closed_by_a_comma_are_named_bodies_of_a_level() -> None:
    """县卫生健康局会同县中医医院，在…推广…: 县中医医院 works with it; 会同卫生健康部门， speaks of
    every level's departments; 会同B采取…方式开展: the manner of the work opens the duty."""
    found = tasks(
        "一、措施\n（一）推广。县卫生健康局会同县中医医院，在基层推广适宜技术。\n"
        "（二）督导。县领导小组办公室会同县政府督查室，每季度开展督导。\n"
        "（三）协调。县教育局会同卫生健康部门，开展晨检。\n"
        "（四）考核。县爱卫办会同县委办公室采取“四不两直”方式开展暗访。\n"
    )
    assert roles(found["(一)"]) == (("县卫生健康局",), ("县中医医院",))
    assert roles(found["(二)"]) == (("县领导小组办公室",), ("县政府督查室",))
    assert roles(found["(三)"]) == (("县教育局",), ())
    assert roles(found["(四)"]) == (("县爱卫办",), ("县委办公室",))


def test_tasks_a_body_a_report_goes_to_and_bodies_described_with_de_are_not_named_units() -> None:
    """9月底前向市卫生健康委报送: the recipient; 服务人口超过3万人的乡镇卫生院应配备…: which
    bodies, no named unit; 允许乡镇卫生院采取…: what is allowed, no subject."""
    found = tasks(
        "一、措施\n（一）复审。县卫生健康局组织评估，9月底前向市卫生健康委报送材料。\n"
        "（二）能力。服务人口超过3万人的乡镇卫生院应配备彩超。由县卫生健康局牵头，县财政局配合。\n"
        "（三）人才。县人力资源社会保障局负责统筹，允许乡镇卫生院采取“先招后考”方式招聘。\n"
    )
    assert roles(found["(一)"]) == (("县卫生健康局",), ())
    assert roles(found["(二)"]) == (("县卫生健康局",), ("县财政局",))
    assert roles(found["(三)"]) == (("县人力资源社会保障局",), ())


def test_tasks_units_a_body_organises_and_units_in_a_role_named_with_latin_letters_are_co() -> None:
    """县卫生健康局组织县疾控中心完成评估: the centre does the work with it; 组织开展 and 省委组织部
    name no partner; 县人民医院作为AFP病例主动监测医院，定期…: a role with Latin letters."""
    found = tasks(
        "一、措施\n（一）评估。县卫生健康局组织县疾控中心于11月30日前完成评估验收。\n"
        "（二）培训。县卫生健康局组织开展培训。\n"
        "（三）人才。县委组织部牵头，县卫生健康局配合。\n"
        "（四）监测。县疾控中心负责个案调查。县人民医院作为AFP病例主动监测医院，定期开展主动搜索。\n"
    )
    assert roles(found["(一)"]) == (("县卫生健康局",), ("县疾控中心",))
    assert roles(found["(二)"]) == (("县卫生健康局",), ())
    assert roles(found["(三)"]) == (("县委组织部",), ("县卫生健康局",))
    assert roles(found["(四)"]) == (("县疾控中心",), ("县人民医院",))


def test_tasks_listed_units_described_after_deng_and_a_units_short_name_are_the_units() -> None:
    """县人民医院、县妇幼保健院等产科接种单位负责…: the two hospitals;
    县医疗保障局（以下简称县医保局）牵头: the bureau by its full name;
    县医疗保障服务中心具体承担…: it leads."""
    found = tasks(
        "一、措施\n（一）首针。县人民医院、县妇幼保健院等产科接种单位负责首针接种。\n"
        "（二）评估。县医疗保障局（以下简称县医保局）牵头负责评估，县民政局配合。\n"
        "（三）经办。县医疗保障服务中心具体承担经办服务工作。\n"
    )
    assert roles(found["(一)"]) == (("县人民医院",), ("县妇幼保健院",))
    assert roles(found["(二)"]) == (("县医疗保障局",), ("县民政局",))
    assert roles(found["(三)"]) == (("县医疗保障服务中心",), ())


def test_tasks_a_division_of_duties_gives_each_unit_its_lead_and_the_rest_their_part() -> None:
    """职责分工: 省委编办负责指导各地… leads its own duty there;
    省教育厅等部门按照各自职责做好相关工作 do their part (co); 省发展改革委在安排投资时…: a
    subject before 在."""
    found = tasks(
        "三、保障措施\n（一）加大投入。省财政厅会同省卫生健康委统筹资金。省发展改革委在安排投资时，向县级医院倾斜。\n"
        "（二）明确职责分工。省卫生健康委负责统筹协调；省委编办负责指导各地核定编制；"
        "省财政厅负责落实投入政策；省教育厅、省疾控局等部门按照各自职责做好相关工作。\n"
    )
    assert roles(found["(一)"]) == (("省财政厅",), ("省卫生健康委", "省发展改革委"))
    assert roles(found["(二)"]) == (
        ("省卫生健康委", "省委编办", "省财政厅"),
        ("省教育厅", "省疾控局"),
    )


def test_tasks_a_provision_titled_by_its_unit_is_its_duty_whatever_verb_opens_the_body() -> None:
    """三、部门职责 （一）教育部。发挥…牵头作用。会同A、B开展考核: 教育部 leads, A and B are co."""
    found = tasks(
        "三、部门职责\n（一）教育部。发挥联席会议牵头作用，统筹推进方案实施。"
        "会同国家卫生健康委、国家疾控局每年开展评议考核。\n（二）财政部。加强经费保障。\n"
    )
    assert roles(found["(一)"]) == (("教育部",), ("国家卫生健康委", "国家疾控局"))
    assert found["(一)"].implicit is None
    assert roles(found["(二)"]) == (("财政部",), ())


def test_tasks_a_task_tables_partner_cell_of_a_dash_names_no_one() -> None:
    found = tasks(
        "附件\n任务分工表\n序号\t工作任务\t牵头单位\t配合单位\t完成时限\n"
        "1\t落实属地责任\t市卫生健康委\t—\t持续推进\n2\t完善经办\t市医保局\t无\t2025年底\n"
    )
    assert roles(found["附件 1"]) == (("市卫生健康委",), ())
    assert roles(found["附件 2"]) == (("市医保局",), ())


def test_tasks_a_body_titled_provision_describing_its_make_up_and_a_bodys_place_name_no_duty() -> (
    None
):
    """2.1 县应急指挥部。县…指挥部由县长任总指挥: how it is made up; （一）…乡镇卫生院所在地…: 所在
    opens a place, no subject before 在."""
    found = tasks(
        "2 组织体系\n2.1 县应急指挥部。县突发事件应急指挥部由县长任总指挥。\n"
        "2.2 县卫生健康局。负责日常工作。\n2.3 县疾控中心。承担监测工作。\n"
    )
    assert "2.1" not in found
    assert roles(found["2.2"]) == (("县卫生健康局",), ())
    near = tasks(
        "一、措施\n（一）设置机构。在乡镇卫生院所在地设置中心。\n（二）监测。县疾控中心负责监测。\n"
    )
    assert "(一)" not in near


def test_tasks_a_unit_supporting_a_named_body_leaves_the_lead_to_that_body() -> None:
    """镇社会事务办配合县疾控中心，在…开展监测: the centre leads, the office supports; 配合做好
    names no body; 镇农业农村办、各社区、镇财政所: 各社区 is every community, 镇财政所 a unit."""
    found = tasks(
        "双河镇人民政府\n双河镇2025年农村饮用水安全工作要点\n"
        "二、任务\n（一）监测。镇社会事务办配合县疾控中心，在枯水期开展1次水质监测。\n"
        "（二）整治。镇文化站配合做好校园周边整治。\n"
        "（三）改厕。完成改厕500户。（责任单位：镇农业农村办、各社区、镇财政所）\n"
    )
    assert roles(found["(一)"]) == (("县疾控中心",), ("镇社会事务办",))
    assert roles(found["(二)"]) == (("镇文化站",), ())
    assert roles(found["(三)"]) == (("镇农业农村办",), ("镇财政所",))
    assert found["(三)"].implicit == "各社区"


def test_tasks_goals_named_by_their_word_are_sections_of_their_measures() -> None:
    """附件 目标一　提高… / （二）核心策略。 / 1.强化质控指导。国家…质控中心牵头…: ref
    附件 目标一(二)1; a task table's 整治内容 column names the row's task (附件1 1)."""
    found = tasks(
        "一、工作要求\n（一）加强领导。各地要加强领导。\n附件\n改进目标\n"
        "目标一　提高急性心肌梗死再灌注治疗率\n（一）目标简述。内容。\n（二）核心策略。\n"
        "1.强化质控指导。国家心血管病医疗质量控制中心牵头制定评价细则。\n"
        "目标二　提高脑梗死再灌注治疗率\n（一）目标简述。内容。\n（二）核心策略。\n"
        "1.强化质控指导。国家神经系统疾病医疗质量控制中心牵头制定细则。\n"
    )
    assert roles(found["附件 目标一(二)1"]) == (("国家心血管病医疗质量控制中心",), ())
    assert roles(found["附件 目标二(二)1"]) == (("国家神经系统疾病医疗质量控制中心",), ())
    table = tasks(
        "附件1\n任务分工表\n序号\t整治内容\t牵头科室\t责任单位\t完成时限\n"
        "1\t开展消防安全排查\t委规划发展与信息化科\t市疾控中心\t4月30日前\n"
    )
    assert list(table) == ["附件1 1"]


def test_tasks_every_communitys_committee_in_a_note_is_a_generic_actor() -> None:
    """（责任单位：社会事务办、社区卫生服务中心、各社区居委会）: the committees are every
    community's own, self-governing: implicit, not a unit."""
    found = tasks(
        "某街道办事处\n某街道2024年健康素养促进工作计划\n一、任务\n"
        "（一）健全网络。建立工作网络。（责任单位：社会事务办、社区卫生服务中心、各社区居委会）\n"
    )
    assert roles(found["(一)"]) == (("社会事务办",), ("社区卫生服务中心",))
    assert found["(一)"].implicit == "各社区居委会"


def test_tasks_a_towns_stations_named_by_the_town_are_its_units_in_its_own_plan() -> None:
    """双堠镇人民政府's plan: 双堠供水站负责…: the town's own station is a unit; in a county's
    plan a station named by some town is not told from a kind of body."""
    town = tasks(
        "双堠镇人民政府文件\n关于印发《双堠镇2025年工作要点》的通知\n各村：\n现将要点印发给你们。\n"
        "双堠镇人民政府\n2025年3月1日\n一、任务\n"
        "（一）检测。双堠供水站负责出厂水日常检测，镇水利站负责督促检查。\n"
    )
    assert roles(town["(一)"]) == (("双堠供水站",), ("镇水利站",))
    county = tasks(
        "某县卫生健康局\n一、任务\n（一）检测。双堠供水站负责日常检测。县水利局负责督促。\n"
    )
    assert roles(county["(一)"]) == (("县水利局",), ())


def test_tasks_a_kind_of_facility_after_a_set_opened_by_ge_is_every_one_too() -> None:
    """（责任单位：各乡镇卫生院、社区卫生服务中心）: every township hospital and every centre,
    implicit; no centre leads."""
    found = tasks(
        "某县卫生健康局\n一、任务\n（一）建立台账。各乡镇卫生院要建立台账。"
        "（责任单位：各乡镇卫生院、社区卫生服务中心）\n"
    )
    assert roles(found["(一)"]) == ((), ())
    assert found["(一)"].implicit is not None and "社区卫生服务中心" in found["(一)"].implicit


def test_tasks_bodies_run_by_a_level_or_of_several_levels_are_generic_actors() -> None:
    """1.市办医院。按照每100万常住人口设置1个…: a kind of hospital titles the provision, no unit;
    市、县两级政府要落实投入责任，市财政局每年安排…: the governments are generic."""
    found = tasks(
        "某市人民政府办公室\n一、机构设置\n（一）医院\n"
        "1.市办医院。按照每100万常住人口设置1个市办综合性医院的标准，优化布局。\n"
        "二、保障措施\n（一）强化投入保障。市、县两级政府要按规定落实投入责任，"
        "市财政局每年安排专项资金，市卫生健康委负责资金使用管理。\n"
    )
    assert "一(一)1" not in found and "(一)1" not in found
    assert roles(found["二(一)"]) == (("市财政局",), ("市卫生健康委",))


def test_tasks_a_generic_subject_with_kinds_of_department_names_no_partner() -> None:
    """各设区市卫生健康委要会同发展改革、民政等部门建立机制: every city's own departments, none
    named; 各市医保局要会同民政部门建立… keeps the department it names."""
    kinds = tasks(
        "某省卫生健康委\n一、保障措施\n（一）加强组织领导。各设区市卫生健康委要会同发展改革、"
        "民政、财政等部门建立试点工作协调机制。\n"
    )
    assert roles(kinds["(一)"]) == ((), ())
    named = tasks(
        "某省医疗保障局\n一、任务\n（一）夯实救助。各市医保局要会同民政部门建立健全长效机制。\n"
    )
    assert roles(named["(一)"]) == ((), ("民政部门",))


def test_tasks_a_subject_working_through_another_body_leads_and_a_person_in_charge_is_none() -> (
    None
):
    """省卫生健康委依托省级质控中心，制定…: the commission leads; A、B负责人为成员: members, not
    who is responsible."""
    found = tasks(
        "某省卫生健康委\n一、任务\n（一）加强质控。省卫生健康委依托省级安宁疗护质量控制中心，"
        "制定质控指标。\n（二）加强领导。成立领导小组，街道社会事务办公室和党政办公室负责人为成员。\n"
    )
    assert roles(found["(一)"]) == (("省卫生健康委",), ())
    assert "(二)" not in found

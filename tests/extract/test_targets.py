"""Quantitative requirements: values, ranges, units, comparators, deadlines, periodicity."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.document import extract_text, source_for_path
from kg.extract.normalize import normalize
from kg.extract.targets import TargetDraft, extract_targets
from kg.model import ExtractedDocument


def targets(text: str) -> list[TargetDraft]:
    return extract_targets(normalize(text).text)


def document(raw: str) -> ExtractedDocument:
    """A whole text through the pipeline: sections, context and tables, as a document is read."""
    return extract_text(raw, source=source_for_path(Path("t.txt")), crosscheck_manifest=False)


def one(text: str) -> TargetDraft:
    found = targets(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "value_max", "unit", "comparator"),
    [
        ("县域内基层门急诊人次占比达到65%以上。", 65, None, "%", ">="),
        ("乡镇卫生院按照常住人口1—1.5‰核定编制。", 1, 1.5, "‰", "range"),
        ("设定5%—10%的服务基层定向岗位。", 5, 10, "%", "range"),
        ("设定1-2%的服务县域定向岗位。", 1, 2, "%", "range"),
        ("分别打造 1～2个优势专科。", 1, 2, "个", "range"),
        (
            "原则上以街道办事处范围或3至10万居民规划设置社区卫生服务中心。",
            30000,
            100000,
            "人",
            "range",
        ),
        ("全市每千人口医疗卫生机构床位数达到 7.5 张。", 7.5, None, "张/千人口", "="),
        ("每10万常住人口康复医师数量达到8人。", 8, None, "人/10万常住人口", "="),
        ("按照每一千常住人口左右配备一名乡村医生。", 1, None, "名/千常住人口", "="),
        ("每五百常住人口左右配备一名乡村医生。", 1, None, "名/500常住人口", "="),
        ("每千人拥有社会体育指导员不少于2名。", 2, None, "名/千人", ">="),
        ("每3万人口配置1辆救护车。", 1, None, "辆/3万人口", "="),
        ("每年分别给予每所1万元的运行经费补助。", 10000, None, "元", "="),
        ("费用结算申请30个工作日内完成资金拨付。", 30, None, "工作日", "<="),
        ("城市社区卫生服务机构按照最高不超过服务人口1‰的标准进行编制核定。", 1, None, "‰", "<="),
        ("乡镇卫生院用于专业技术人员的编制不得低于编制总额的90%。", 90, None, "%", ">="),
        ("新建一般村卫生室房屋面积不应低于100平方米。", 100, None, "平方米", ">="),
        ("服务人口超过5万的乡镇卫生院，要配备16排以上CT。", 16, None, "排", ">="),
        ("全市二级及以上公立医院电子病历应用水平均达到4级及以上。", 4, None, "级", ">="),
        ("孕产妇死亡率下降到12/10万。", 12, None, "/10万", "="),
        ("省级财政安排补助资金不少于1.2亿元。", 120000000, None, "元", ">="),
        ("60%的县级妇幼保健机构达到二级甲等及以上标准。", 60, None, "%", "="),
    ],
)
def test_targets_read_value_unit_and_comparator(
    text: str, value: float, value_max: float | None, unit: str, comparator: str
) -> None:
    t = one(text)
    assert (t.value, t.value_max, t.unit, t.comparator) == (value, value_max, unit, comparator)


def test_targets_read_full_coverage_as_one_hundred_percent() -> None:
    t = one("到2025年，乡镇卫生院和社区卫生服务中心“中医馆”实现全覆盖。")
    assert (t.value, t.unit, t.comparator, t.deadline) == (100, "%", "=", "2025-12-31")


def test_targets_distribute_values_over_subjects_with_fenbie() -> None:
    found = targets("到2025年，床医比、医护比分别达到1:0.55、1:1.2。")
    assert [(t.subject, t.value, t.unit) for t in found] == [
        ("床医比", 0.55, "比"),
        ("医护比", 1.2, "比"),
    ]


def test_targets_pair_deadlines_with_values_in_order() -> None:
    found = targets("到2022年和2030年，全省二级及以上医院电子病历应用水平分别达到90%和100%。")
    assert [(t.value, t.deadline) for t in found] == [(90, "2022-12-31"), (100, "2030-12-31")]
    assert found[0].subject == found[1].subject == "二级及以上医院电子病历应用水平"


def test_targets_take_a_percentage_written_before_its_subject() -> None:
    t = one("到2025年，50%以上乡镇卫生院达到国家优质服务推荐标准。")
    assert (t.value, t.comparator, t.subject) == (50, ">=", "乡镇卫生院达到国家优质服务推荐标准")


def test_targets_deadline_covers_its_sentence_but_not_the_next() -> None:
    found = targets("到2025年，甲比例达到50%；乙比例达到60%。丙比例达到70%。")
    assert [t.deadline for t in found] == ["2025-12-31", "2025-12-31", None]


def test_targets_deadline_does_not_reach_back_in_its_sentence() -> None:
    found = targets("每个乡镇卫生院配备1—2名公共卫生医师，到2030年，儿童保健医生数达到2名。")
    assert [t.deadline for t in found] == [None, "2030-12-31"]


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("2025年年底前，DRG基层病组不少于20个。", "2025-12-31"),
        ("2025 年前基本完成平台分级部署，区域应用覆盖率达到 90%以上。", "2025-12-31"),
        ("“十四五”期间，按照常住人口1—1.5‰核定乡镇卫生院编制。", "2025-12-31"),
        ("2024年6月底前，覆盖率达到100%。", "2024-06-30"),
        ("2025年家庭医生服务普遍覆盖，全人群签约率达到65%以上。", "2025-12-31"),
    ],
)
def test_targets_read_deadline_phrasings(text: str, deadline: str) -> None:
    assert targets(text)[-1].deadline == deadline


def test_targets_read_start_year_and_annual_periodicity() -> None:
    t = one("自2025年起，乡村医生基本药物补助标准提高到每人每年16000元。")
    assert (t.value, t.unit, t.start_year, t.periodicity, t.kind) == (
        16000,
        "元",
        2025,
        "annual",
        "funding",
    )


def test_targets_read_every_five_years_as_a_cycle() -> None:
    t = one("以县为单位每5年动态调整乡镇卫生院人员编制总量。")
    assert (t.value, t.unit, t.periodicity, t.kind) == (5, "年", "every 5 years", "duration")


def test_targets_an_interval_of_years_before_a_count_further_on_is_its_periodicity() -> None:
    t = one("乡村医生每5年到县级医疗卫生机构或中心乡镇卫生院脱产进修至少1次。")
    assert (t.value, t.unit, t.comparator, t.periodicity) == (1, "次", ">=", "every 5 years")


def test_targets_years_of_service_a_payment_is_counted_by_are_not_a_quantity() -> None:
    found = targets("对离岗乡村医生每服务1年每月发放养老补助不低于20元。")
    assert [(t.value, t.unit, t.comparator) for t in found] == [(20, "元", ">=")]
    found = targets("按照在岗年限每满1年每月补助15元的标准发放老年生活补助。")
    assert [(t.value, t.unit) for t in found] == [(15, "元")]


def test_targets_read_a_named_goal() -> None:
    t = one("持续推进农村地区15分钟服务圈建设。")
    assert (t.value, t.unit, t.kind, t.subject) == (15, "分钟", "named_goal", "15分钟服务圈")


def test_targets_split_six_categories_and_ten_items() -> None:
    found = targets("能够提供不低于6类10项中医药适宜技术服务。")
    assert [(t.value, t.unit, t.comparator) for t in found] == [(6, "类", ">="), (10, "项", ">=")]


@pytest.mark.parametrize(
    "text",
    [
        "按照国家卫生健康委《村卫生室服务能力标准（2022年版）》要求合理配备。",
        "国家卫生健康委等10部门印发指导意见。",
        "围绕紧密型、同质化等5个方面强化监测。",
        "县级医院开展二级及以下手术，落实“两个允许”要求。",
        "在常住人口超过10万人的街道合理配置社区卫生服务站。",
        "人数与报名人数比例不足 1:3 的，可降低比例开考。",
        "加快平台 2.0 版建设，落实“六统一”管理。",
        "开展三年行动，市、县两级财政统筹安排。",
    ],
)
def test_targets_ignore_numbers_that_are_not_requirements(text: str) -> None:
    assert targets(text) == []


def test_targets_ignore_an_age_that_says_who_is_counted() -> None:
    found = targets("65岁及以上老年人健康管理率达到70%。")
    assert [(t.value, t.unit) for t in found] == [(70, "%")]


def test_targets_read_percentage_points_and_a_scope_word_before_a_share() -> None:
    t = one("全国儿童青少年总体近视率力争每年降低0.5个百分点以上。")
    assert (t.value, t.unit, t.comparator, t.periodicity) == (0.5, "百分点", ">=", "annual")
    share = one("争取到2025年底，全省80%的县达到县医院医疗服务能力推荐标准。")
    assert (share.value, share.deadline, share.subject) == (
        80,
        "2025-12-31",
        "县达到县医院医疗服务能力推荐标准",
    )


def test_targets_ignore_year_ranges_and_read_wan_as_ten_thousand() -> None:
    found = targets("实施三年行动计划（2023—2025年），培训1.5万名乡村医生。")
    assert [(t.value, t.unit, t.subject) for t in found] == [(15000, "名", "乡村医生")]


def test_targets_change_on_last_year_in_a_plan_is_a_target_not_hiding_its_sentence() -> None:
    doc = document(
        "二、重点任务\n（三）规范管理。评定率达到95%，A级单位占比比上年提高2个百分点，"
        "全年监督检查覆盖率达到100%。\n"
    )
    assert [t.value for t in doc.targets] == [95, 2, 100]


def test_targets_a_formulas_percent_is_not_a_target() -> None:
    doc = document("二、指标说明\n1.增长率＝（本年度人次－上年度人次）÷上年度人次×100%。\n")
    assert doc.targets == []


@pytest.mark.parametrize(
    ("sentence", "value"),
    [("病区医师与床位之比不低于0.2∶1", 0.2), ("按师生比不低于1∶4000配备心理教师", 4000)],
)
def test_targets_a_ratio_to_one_takes_the_side_that_is_not_one(sentence: str, value: float) -> None:
    doc = document(f"二、主要任务\n（一）加强配备。{sentence}。\n")
    assert [(t.value, t.unit) for t in doc.targets] == [(value, "比")]


def test_targets_the_documents_own_validity_is_not_a_target() -> None:
    doc = document("五、其他\n本通知自印发之日起施行，有效期2年。\n")
    assert doc.targets == []


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("0—36个月儿童中医药健康管理率达到77%", [77]),
        ("6个月以内婴儿纯母乳喂养率达到50%以上", [50]),
        ("评价范围为全省14个市，综合评价得分不低于80%", [80]),
        ("于3个月内完成整改", [3]),
    ],
)
def test_targets_an_age_in_months_or_a_count_of_places_is_not_a_target(
    sentence: str, values: list[float]
) -> None:
    doc = document(f"二、主要任务\n（一）加强管理。{sentence}。\n")
    assert [t.value for t in doc.targets] == values


def test_targets_a_temperature_range_is_a_norm() -> None:
    doc = document("二、主要任务\n（一）规范储存。疫苗储存温度保持在2℃—8℃。\n")
    assert [(t.value, t.value_max, t.unit) for t in doc.targets] == [(2, 8, "℃")]


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("到2025年，检查率达到九成以上，服用率保持在八成以上", [90, 80]),
        ("其导致的死亡占总死亡的比例超过八成", []),
        ("坚持一成不变的原则", []),
    ],
)
def test_targets_a_share_in_tenths_after_a_verb_of_reaching(
    sentence: str, values: list[float]
) -> None:
    doc = document(f"二、主要目标\n（一）提升。{sentence}。\n")
    assert [t.value for t in doc.targets] == values


@pytest.mark.parametrize(
    "sentence",
    [
        "单个区14天内出现3例以上本地病例，或2个以上区出现本地病例时启动Ⅲ级响应",
        "设立市疾控中心24小时值班电话",
    ],
)
def test_targets_a_responses_trigger_and_a_named_service_are_not_targets(sentence: str) -> None:
    doc = document(f"二、响应措施\n（一）Ⅲ级响应。{sentence}。\n")
    assert doc.targets == []


def test_targets_year_columns_from_the_plans_own_year_are_all_aims() -> None:
    """A plan of 2024 with 2024年 | 2025年 | 2026年 and a 责任单位 column: every year a target."""
    doc = document(
        "某省基层卫生三年行动方案\n某省人民政府办公厅\n2024年2月19日\n一、主要指标\n"
        "指标\t单位\t2024年\t2025年\t2026年\t责任单位\n"
        "家庭医生签约率\t%\t78\t80\t82\t省卫生健康委\n"
    )
    assert sorted((t.deadline, t.value) for t in doc.targets) == [
        ("2024-12-31", 78),
        ("2025-12-31", 80),
        ("2026-12-31", 82),
    ]


def test_targets_a_number_written_with_qian_counts_thousands_but_qian_mi_is_a_unit() -> None:
    found = targets("达到每天6千至1万步的身体活动量。")
    assert [(t.value, t.value_max, t.unit) for t in found] == [(6000, 10000, "步")]
    assert [(t.value, t.unit) for t in targets("步行5千米以上。")] == [(5, "公里")]


def test_targets_a_period_the_text_sets_with_wei_is_a_requirement_not_a_statistic() -> None:
    found = targets("订单定向免费医学生毕业后到有关单位履约服务期为6年。")
    assert [(t.value, t.unit, t.kind) for t in found] == [(6, "年", "duration")]
    assert targets("全市抑郁症患病率为2.1%。") == []
    assert targets("本方案实施期限为3年。") == []  # the document's own period


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("全县7所乡镇卫生院全部达到服务能力基本标准", [100]),
        ("全市21家哨点医院要严格落实监测方案", []),
        ("全县辖12个乡镇，乡镇卫生院达标率达到100%", [100]),
        ("到2025年，全县建成3所县级医院", [3]),
        ("全县3所以上医院达到推荐标准", [3]),
    ],
)
def test_targets_a_count_of_facilities_right_after_its_scope_is_not_a_target(
    sentence: str, values: list[float]
) -> None:
    doc = document(f"二、主要任务\n（一）加强管理。{sentence}。\n")
    assert [t.value for t in doc.targets] == values

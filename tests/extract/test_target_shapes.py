"""Target shapes common in Chinese policy texts, each on small invented sentences.

None of these sentences is taken from a document of the corpus or of the gold: the rules
must read the shape, not a sentence.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kg.extract.deadlines import DocContext
from kg.extract.document import extract_text, source_for_path
from kg.extract.normalize import normalize
from kg.extract.tables import read_indicator_tables
from kg.extract.targets import TargetDraft, extract_targets, is_news
from kg.model import ExtractedDocument


def targets(text: str) -> list[TargetDraft]:
    return extract_targets(normalize(text).text)


def fields(found: list[TargetDraft]) -> list[tuple[float, str, str, str | None]]:
    return [(t.value, t.unit, t.comparator, t.deadline) for t in found]


def test_targets_paired_values_with_two_deadlines() -> None:
    found = targets("到2023年和2028年，全县适龄儿童疫苗接种率分别达到92%和96%。")
    assert fields(found) == [
        (92, "%", "=", "2023-12-31"),
        (96, "%", "=", "2028-12-31"),
    ]


def test_targets_paired_values_carry_their_own_comparators() -> None:
    found = targets("到2027年和2035年，全省新生儿死亡率分别下降到4‰及以下和3‰及以下。")
    assert fields(found) == [
        (4, "‰", "<=", "2027-12-31"),
        (3, "‰", "<=", "2035-12-31"),
    ]


def test_targets_comparator_is_carried_through_fenbie() -> None:
    found = targets("到2026年，城区和农村学校体育设施达标率分别不低于85%、70%。")
    assert [(t.value, t.comparator) for t in found] == [(85, ">="), (70, ">=")]


def test_targets_relative_change_keeps_its_reference_year() -> None:
    t = targets("到2030年，全市重点职业病发病率比2020年降低25%。")[0]
    assert (t.value, t.unit, t.deadline, t.reference_year, t.change) == (
        25,
        "%",
        "2030-12-31",
        2020,
        "decrease",
    )


def test_targets_relative_change_in_percentage_points() -> None:
    t = targets("到2029年，城市居民健身参与率提高6个百分点。")[0]
    assert (t.value, t.unit, t.change) == (6, "百分点", "increase")


def test_targets_yearly_change_is_annual_and_bounded() -> None:
    t = targets("全区学生近视率每年降低0.8个百分点以上。")[0]
    assert (t.value, t.unit, t.comparator, t.periodicity, t.change) == (
        0.8,
        "百分点",
        ">=",
        "annual",
        "decrease",
    )


def test_targets_level_reached_is_not_a_relative_change() -> None:
    t = targets("到2025年，基层首诊率提高到70%。")[0]
    assert (t.value, t.change) == (70, None)


@pytest.mark.parametrize(
    ("text", "comparator"),
    [
        ("到2028年，农村自来水普及率达到95%及以上。", ">="),
        ("到2028年，城市重度污染天数比例控制在2%以内。", "<="),
        ("到2028年，全市乡镇卫生院床位使用率不低于70%。", ">="),
        ("力争到2028年，乡村医生中执业医师比例达到40%以上。", ">="),
        ("到2028年，县级医院住院患者外转率下降到8%。", "="),
    ],
)
def test_targets_national_style_comparators(text: str, comparator: str) -> None:
    assert [t.comparator for t in targets(text)] == [comparator]


def test_targets_basically_achieved_coverage_is_a_target() -> None:
    t = targets("到2028年，城市社区养老服务基本实现全覆盖。")[0]
    assert (t.value, t.unit, t.deadline) == (100, "%", "2028-12-31")


@pytest.mark.parametrize(
    "text",
    [
        "目前我市高血压患病率为27.5%，糖尿病患病率为11.2%。",
        "2019年全县人均预期寿命已达78.6岁。",
        "截至去年底，全区已建成社区卫生服务站46个。",
        "十三五以来，全省累计培训乡村医生1.2万人。",
    ],
)
def test_targets_present_statistic_is_not_a_target(text: str) -> None:
    assert targets(text) == []


def test_targets_baseline_in_the_same_sentence_is_linked_to_its_target() -> None:
    found = targets("到2027年，全市每千人口执业医师数由现状的2.9人提高到3.4人。")
    assert [(t.value, t.baseline_value) for t in found] == [(3.4, 2.9)]


def test_targets_time_limit_is_a_duration() -> None:
    t = targets("发现疑似病例后，医疗机构应在12小时内报告。")[0]
    assert (t.value, t.unit, t.comparator, t.kind) == (12, "小时", "<=", "duration")


def test_targets_periodic_duty_counts_actions() -> None:
    t = targets("各村每周开展一次环境清理。")[0]
    assert (t.value, t.unit, t.periodicity) == (1, "次", "weekly")


def test_targets_every_n_days_is_the_periodicity_of_the_count() -> None:
    found = targets("重点场所每5天巡查1次。")
    assert [(t.value, t.unit, t.periodicity) for t in found] == [(1, "次", "every 5 days")]


def test_targets_index_without_unit_is_read_and_flagged() -> None:
    t = targets("疫区鼠密度指数控制在3以下。")[0]
    assert (t.value, t.unit, t.comparator) == (3, "", "<=")
    assert "value without unit" in t.review


@pytest.mark.parametrize(
    "text",
    [
        "健全覆盖城乡的急救网络。",
        "全面实现村级诊所信息联网。",
        "开展三年行动。",
        "建成一批示范社区。",
        "未来10年是关键时期。",
        "重点监测5年生存率等指标。",
        "加强12岁儿童口腔检查。",
        "综合使用甲、乙和丙3个指标评估。",
    ],
)
def test_targets_words_that_only_look_like_requirements(text: str) -> None:
    assert targets(text) == []


def _cells(text: str) -> list[str]:
    return [line for line in normalize(text).text.split("\n") if line]


def test_targets_indicator_table_one_cell_per_line() -> None:
    table = "\n".join(
        [
            "主要指标",
            "领域：健康水平",
            "指标：新生儿死亡率(‰)",
            "2020 年：5.1",
            "2025 年：4.5",
            "2030 年：3.8",
            "性质：约束性",
            "领域：健康服务",
            "指标：每千常住人口护士数(人)",
            "2020 年：2.6",
            "2025 年：3.3",
            "2030 年：4.0",
            "性质：预期性",
        ]
    )
    reading = read_indicator_tables(_cells(table))
    found = [d for _, d in reading.drafts]
    assert [(t.value, t.unit, t.deadline, t.baseline_value, t.nature) for t in found] == [
        (4.5, "‰", "2025-12-31", 5.1, "约束性"),
        (3.8, "‰", "2030-12-31", 5.1, "约束性"),
        (3.3, "人/千常住人口", "2025-12-31", 2.6, "预期性"),
        (4.0, "人/千常住人口", "2030-12-31", 2.6, "预期性"),
    ]
    assert all(not t.review for t in found)


def test_targets_indicator_table_cell_out_of_row_order_is_flagged() -> None:
    table = "\n".join(
        [
            "领域：环境",
            "2025 年：＞85",
            "指标：空气优良天数比率(%)",
            "2020 年：80",
            "领域：环境",
            "指标：城市人均公园面积(平方米)",
            "2020 年：12",
            "2025 年：14",
        ]
    )
    found = [d for _, d in read_indicator_tables(_cells(table)).drafts]
    assert [(t.value, t.unit, t.comparator) for t in found] == [(85, "%", ">"), (14, "平方米", "=")]
    assert "table row assigned by position" in found[0].review
    assert not found[1].review


def test_targets_shared_value_applies_to_each_listed_subject() -> None:
    found = targets("鼠密度指数和蟑螂密度指数均控制在2以下。")
    assert [(t.subject, t.value) for t in found] == [("鼠密度指数", 2), ("蟑螂密度指数", 2)]


def test_targets_average_is_not_a_shared_value() -> None:
    assert len(targets("全县人均体育场地面积达到2.6平方米。")) == 1


def test_targets_work_notice_day_takes_the_documents_year() -> None:
    context = DocContext(issued=date(2025, 3, 2))
    found = extract_targets("各单位每周上报1次，于5月20日前完成。", context=context)
    assert [(t.value, t.deadline) for t in found] == [(1, "2025-05-20")]


def test_targets_work_notice_day_after_the_year_end_is_next_year() -> None:
    context = DocContext(issued=date(2025, 11, 20))
    t = extract_targets("于1月10日前完成整改率100%。", context=context)[0]
    assert t.deadline == "2026-01-10"


def test_targets_work_notice_day_without_a_document_date_is_not_a_deadline() -> None:
    assert [t.deadline for t in targets("于5月20日前完成整改率100%。")] == [None]


def test_targets_figures_of_a_news_report_are_achievements() -> None:
    raw = "本报讯 6月3日电 全区健康社区覆盖率100%，建成健康步道12条。"
    assert is_news(raw)
    assert extract_targets(raw, context=DocContext(news=True)) == []


def test_targets_news_report_still_states_the_plans_it_quotes() -> None:
    found = extract_targets("到2027年，全区健康社区覆盖率达到90%。", context=DocContext(news=True))
    assert [t.value for t in found] == [90]


def test_targets_clock_time_is_not_a_ratio() -> None:
    assert targets("发布时间：2024-05-06 09:41:10") == []


def test_targets_count_after_each_is_a_standard() -> None:
    t = targets("各社区明确各1名网格员。")[0]
    assert (t.value, t.kind) == (1, "standard")


def test_targets_indicator_table_row_on_two_lines_from_a_layout_reader() -> None:
    table = "\n".join(
        [
            "领域：健康水平 指标：新生儿死亡率(‰) 2020 年：",
            "5.1 2025 年：4.5 2030 年：3.8",
            "领域：健康服务 指标：每千常住人口护士数",
            "(人) 2020 年：2.6 2025 年：比 2020 年提高 20% 2030",
            "年：4.0",
        ]
    )
    found = [d for _, d in read_indicator_tables(_cells(table)).drafts]
    assert [(t.value, t.unit, t.deadline, t.change, t.reference_year) for t in found] == [
        (4.5, "‰", "2025-12-31", None, None),
        (3.8, "‰", "2030-12-31", None, None),
        (20, "%", "2025-12-31", "increase", 2020),
        (4.0, "人/千常住人口", "2030-12-31", None, None),
    ]
    assert [t.baseline_value for t in found] == [5.1, 5.1, 2.6, 2.6]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("每个疫点抽查不少于50户居民。", "standard"),
        ("每轮布放诱蚊灯8台。", "standard"),
        ("全县每年培训基层人员不少于200人。", "target"),
        ("到2027年，新建社区健身中心12个。", "target"),
        ("力争实现学生掌握2项以上运动技能。", "target"),
    ],
)
def test_targets_count_without_a_date_is_a_norm_of_the_work(text: str, kind: str) -> None:
    assert [t.kind for t in targets(text)] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "2017年，全国居民肺癌5年生存率为19.7%。",
        "全国共有慢性阻塞性肺病患者约1亿人。",
        "城市居民健康素养水平为18.2%，比上年提高1.6个百分点。",
        "9月份流感样病例占门急诊病例总数的百分比为4.6%，较上月上升1.2个百分点。",
        "据监测，全市报告聚集性疫情17起。",
    ],
)
def test_targets_statistics_of_a_national_plan_are_not_targets(text: str) -> None:
    assert extract_targets(text, context=DocContext(issued=date(2019, 7, 9))) == []


def test_targets_year_after_the_documents_date_is_still_a_deadline() -> None:
    found = extract_targets(
        "2022年，全国居民健康素养水平达到22%。", context=DocContext(issued=date(2019, 7, 9))
    )
    assert [(t.value, t.deadline) for t in found] == [(22, "2022-12-31")]


def test_targets_relative_change_on_the_basis_of_a_year() -> None:
    found = targets("到2026年和2031年，居民急救知识知晓率分别在2021年基础上提高8%和15%。")
    assert [(t.value, t.deadline, t.change, t.reference_year) for t in found] == [
        (8, "2026-12-31", "increase", 2021),
        (15, "2031-12-31", "increase", 2021),
    ]
    assert {t.subject for t in found} == {"居民急救知识知晓率"}


def test_targets_as_of_a_past_year_is_a_statistic() -> None:
    context = DocContext(issued=date(2021, 5, 1))
    assert extract_targets("截至2020年底，全市共有托育机构86家。", context=context) == []


def test_targets_paired_deadlines_pair_values_joined_without_fenbie() -> None:
    found = targets("到2023年和2035年，全省居民营养知识知晓率提升到25%和40%。")
    assert fields(found) == [
        (25, "%", "=", "2023-12-31"),
        (40, "%", "=", "2035-12-31"),
    ]


def test_targets_paired_deadlines_do_not_pair_values_of_different_phrases() -> None:
    found = targets("到2023年和2035年，婴儿死亡率降至6‰，孕产妇死亡率降至12/10万。")
    assert [t.deadline for t in found] == ["2023-12-31", "2023-12-31"]


def test_targets_population_base_of_a_rate_is_not_a_quantity() -> None:
    found = targets("到2027年和2032年，每10万人口康复医师达到6名和8名。")
    assert fields(found) == [
        (6, "名/10万人口", "=", "2027-12-31"),
        (8, "名/10万人口", "=", "2032-12-31"),
    ]
    assert {t.subject for t in found} == {"每10万人口康复医师"}


def test_targets_change_on_the_present_basis_is_not_part_of_the_subject() -> None:
    t = targets("到2028年，全县老年人健康管理率在现有基础上提高10%。")[0]
    assert (t.subject, t.value, t.change) == ("老年人健康管理率", 10, "increase")


def test_targets_bound_after_the_last_value_of_a_fenbie_list_bounds_each() -> None:
    found = targets("到2026年，全市孕产妇死亡率、婴儿死亡率分别控制在10/10万、5‰以下。")
    assert [(t.value, t.unit, t.comparator) for t in found] == [
        (10, "/10万", "<="),
        (5, "‰", "<="),
    ]


def test_targets_trend_words_before_the_level_are_not_part_of_the_subject() -> None:
    t = targets("到2033年，居民健康素养水平持续提高，达到36%左右。")[0]
    assert (t.subject, t.value, t.deadline) == ("居民健康素养水平", 36, "2033-12-31")


def test_targets_count_after_a_verb_of_building_is_of_its_object() -> None:
    t = targets("到2027年，全县新建2所标准化乡镇卫生院。")[0]
    assert (t.value, t.unit, t.subject) == (2, "所", "标准化乡镇卫生院")


@pytest.mark.parametrize(
    "text",
    [
        "2016年全省居民健康素养水平达到12.5%。",
        "全省居民健康素养水平从2013年的7.6%提升到2017年的15.2%。",
        "心脑血管疾病等慢性病导致的死亡人数占总死亡人数的86%。",
        "全国约有3000万人患有慢性阻塞性肺疾病。",
        "我国15岁以上人群吸烟率为25.8%。",
        "每年约有90万人死于烟草相关疾病。",
        "据统计，全省现有执业医师21万人，每千人口执业医师2.9人。",
        "经过努力，全市高血压规范管理率提高到61%。",
        "其中男性吸烟率高达50.3%。",
    ],
)
def test_targets_statistics_of_the_present_in_a_long_plan_are_not_targets(text: str) -> None:
    assert extract_targets(text, context=DocContext(issued=date(2019, 7, 9))) == []


def test_targets_a_figure_dated_by_a_year_is_a_statistic_even_without_a_document_date() -> None:
    assert targets("居民健康素养水平从2013年的7.6%提升到2017年的15.2%。") == []


def test_targets_indicator_table_with_a_header_row_tab_separated() -> None:
    table = "\n".join(
        [
            "序号\t指标名称\t2020年\t2025年\t指标性质",
            "1\t人均预期寿命（岁）\t78.1\t79.2\t预期性",
            "2\t孕产妇死亡率（/10万）\t9.8\t≤9\t约束性",
            "3\t每千人口执业（助理）医师数（人）\t2.7\t3.3\t预期性",
        ]
    )
    found = [d for _, d in read_indicator_tables(_cells(table)).drafts]
    assert [
        (t.value, t.unit, t.comparator, t.deadline, t.baseline_value, t.nature) for t in found
    ] == [
        (79.2, "岁", "=", "2025-12-31", 78.1, "预期性"),
        (9, "/10万", "<=", "2025-12-31", 9.8, "约束性"),
        (3.3, "人/千人口", "=", "2025-12-31", 2.7, "预期性"),
    ]


def test_targets_table_of_places_by_year_under_a_caption_giving_its_unit() -> None:
    """区县 | 2024年 | 2025年 under 各区县年度无偿献血任务如下（单位：人次）: each place's task,
    in the caption's unit and named by its topic."""
    table = "\n".join(
        [
            "各区县年度无偿献血任务如下（单位：人次）：",
            "区县\t2024年\t2025年",
            "吴兴区\t10000\t10500",
            "南浔区\t6500\t6800",
        ]
    )
    found = [d for _, d in read_indicator_tables(_cells(table), issued_year=2024).drafts]
    assert [(t.subject, t.value, t.unit, t.deadline) for t in found] == [
        ("吴兴区年度无偿献血任务", 10000, "人次", "2024-12-31"),
        ("吴兴区年度无偿献血任务", 10500, "人次", "2025-12-31"),
        ("南浔区年度无偿献血任务", 6500, "人次", "2024-12-31"),
        ("南浔区年度无偿献血任务", 6800, "人次", "2025-12-31"),
    ]


def test_targets_indicator_table_with_a_baseline_column_and_two_target_years() -> None:
    table = "\n".join(
        [
            "指标\t基期水平\t2023年目标值\t2031年目标值\t指标性质",
            "居民健康素养水平（%）\t16.2\t≥23\t≥31\t结果性指标",
        ]
    )
    found = [d for _, d in read_indicator_tables(_cells(table)).drafts]
    assert [(t.value, t.comparator, t.deadline, t.baseline_value) for t in found] == [
        (23, ">=", "2023-12-31", 16.2),
        (31, ">=", "2031-12-31", 16.2),
    ]


def test_targets_indicator_table_header_row_one_cell_a_line() -> None:
    raw = "\n".join(
        [
            "表1 主要指标",
            "序号",
            "领域",
            "指标名称",
            "2021年",
            "2026年",
            "1",
            "健康水平",
            "新生儿死亡率（‰）",
            "2.9",
            "≤2.5",
            "2",  # the group cell is merged over this row
            "每千常住人口注册护士数",  # the name wrapped over two lines
            "（人）",
            "3.1",
            "3.9",
            "二、主要任务",
        ]
    )
    found = [d for _, d in read_indicator_tables(_cells(raw)).drafts]
    assert [(t.subject, t.value, t.unit, t.comparator, t.deadline) for t in found] == [
        ("新生儿死亡率", 2.5, "‰", "<=", "2026-12-31"),
        ("每千常住人口注册护士数", 3.9, "人/千常住人口", "=", "2026-12-31"),
    ]
    assert [t.review for t in found] == [(), ("table row rebuilt from its lines",)]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("到2030年，人均每日食盐摄入量不高于5g。", 5, "克"),
        ("成年人每日饮水不少于1500毫升。", 1500, "毫升"),
        ("提倡每天步行6000步以上。", 6000, "步"),
        ("到2025年，全市健身步道总长度达到500公里。", 500, "公里"),
    ],
)
def test_targets_amounts_of_a_health_action_plan(text: str, value: float, unit: str) -> None:
    t = targets(text)[0]
    assert (t.value, t.unit) == (value, unit)


def test_targets_per_capita_area_is_an_outcome_level_not_a_norm() -> None:
    t = targets("到2027年，全县人均体育场地面积达到2.8平方米以上。")[0]
    assert (t.value, t.unit, t.kind) == (2.8, "平方米", "target")


def test_targets_a_past_plan_period_dates_a_statistic() -> None:
    context = DocContext(issued=date(2021, 12, 1))
    assert extract_targets("“十三五”时期，全省人均预期寿命达到78.3岁。", context=context) == []
    found = extract_targets("到“十四五”末，全省人均预期寿命达到79岁。", context=context)
    assert [(t.value, t.deadline) for t in found] == [(79, "2025-12-31")]


def test_targets_guide_figure_written_with_yue_is_an_estimate() -> None:
    found = targets("根据工作量安排人员（参考每人每天可完成约30-40份问卷，每组至少3人）。")
    assert [(t.value, t.unit, t.periodicity) for t in found] == [(3, "人", None)]


def test_targets_phrases_of_an_aside_keep_their_own_periodicity() -> None:
    found = targets("合理分组（每组每日巡查一次，每组至少2人）。")
    assert [(t.value, t.unit, t.periodicity) for t in found][-1] == (2, "人", None)


def test_targets_a_share_written_out_in_words() -> None:
    t = targets("到2026年，全区产前筛查率达到百分之九十以上。")[0]
    assert (t.value, t.unit, t.comparator, t.deadline) == (90, "%", ">=", "2026-12-31")


def test_targets_three_deadlines_pair_with_three_values() -> None:
    found = targets("到2023年、2026年和2031年，全省新生儿死亡率分别控制在3‰、2.8‰和2.5‰以下。")
    assert [t.deadline for t in found] == ["2023-12-31", "2026-12-31", "2031-12-31"]


def test_targets_an_age_reached_is_a_level_not_a_scope() -> None:
    found = targets("到2026年和2036年，全县人均预期寿命分别达到79岁和80.5岁左右。")
    assert [(t.value, t.unit, t.deadline) for t in found] == [
        (79, "岁", "2026-12-31"),
        (80.5, "岁", "2036-12-31"),
    ]


def test_targets_an_average_duration_is_an_outcome_level_not_a_time_limit() -> None:
    t = targets("到2027年，全市公立医院平均住院日不超过8.5天。")[0]
    assert (t.value, t.unit, t.comparator, t.kind) == (8.5, "天", "<=", "target")


def test_targets_a_bare_year_with_a_verb_of_being_is_a_statistic_without_a_document_date() -> None:
    assert targets("2017年全国新发病例约360万例，我国癌症5年生存率为40.1%。") == []
    found = targets("2026年，全区家庭医生签约覆盖率达到75%。")
    assert [(t.value, t.deadline) for t in found] == [(75, "2026-12-31")]


def test_targets_indicator_table_names_displaced_after_the_rows() -> None:
    # poppler's reading order moves a cell wrapped over two lines after the page's rows: the
    # rows lose their names, which follow the table one line a piece
    raw = "\n\n".join(
        [
            "序号",
            "领域",
            "指标",
            "基期水平",
            "2026年",
            "指标性质",
            "1",
            "健康水平",
            "新生儿死亡率（‰）",
            "3.1",
            "≤2.8",
            "预期性",
            "2",
            "健康水平",  # its name, wrapped in the PDF, comes after the rows
            "84.0",
            "≥88",
            "约束性",
            "3",
            "健康生活",
            "12.5",
            "20以上",
            "预期性",
            "4",
            "健康生活",
            "居民健康素养水平（%）",
            "23.1",
            "30",
            "预期性",
            "适龄妇女宫颈癌筛查覆盖",
            "率（%）",
            "每千常住人口注册护士数（人",
            "）",
            "二、主要任务",
        ]
    )
    found = [d for _, d in read_indicator_tables(_cells(raw)).drafts]
    assert [(t.subject, t.value, t.unit, t.comparator, t.baseline_value) for t in found] == [
        ("新生儿死亡率", 2.8, "‰", "<=", 3.1),
        ("适龄妇女宫颈癌筛查覆盖率", 88, "%", ">=", 84.0),
        ("每千常住人口注册护士数", 20, "人/千常住人口", ">=", 12.5),
        ("居民健康素养水平", 30, "%", "=", 23.1),
    ]
    assert [t.review for t in found] == [
        (),
        ("table row rebuilt from its lines",),
        ("table row rebuilt from its lines",),
        (),
    ]


def test_targets_indicator_table_rows_whose_names_cannot_be_restored_are_left_out() -> None:
    # two rows lost their names, but the lines after the table make three: no guessing
    raw = "\n".join(
        [
            *("序号", "领域", "指标", "2021年", "2026年"),
            *("1", "健康水平", "新生儿死亡率（‰）", "3.1", "≤2.8"),
            *("2", "健康水平", "84.0", "≥88"),
            *("3", "健康水平", "12.5", "20以上"),
            *("甲指标（%）", "乙指标（%）", "丙指标（%）"),
            "二、主要任务",
        ]
    )
    found = [d for _, d in read_indicator_tables(_cells(raw)).drafts]
    assert [t.subject for t in found] == ["新生儿死亡率"]


def test_targets_indicator_table_name_opening_with_an_age_is_a_name_not_a_value() -> None:
    table = "\n".join(
        [
            "序号\t指标名称\t2020年\t2025年",
            "1\t15岁以上人群吸烟率（%）\t24.1\t＜20",
            "2\t健康服务业总规模（万亿元）\t-\t＞8",
        ]
    )
    found = [d for _, d in read_indicator_tables(_cells(table)).drafts]
    assert [(t.subject, t.value, t.unit, t.comparator) for t in found] == [
        ("15岁以上人群吸烟率", 20, "%", "<"),
        ("健康服务业总规模", 8e12, "元", ">"),
    ]


def test_targets_indicator_table_header_year_then_baseline_or_target_word() -> None:
    table = "\n".join(
        [
            "序号\t指标\t2024年基期\t2027年目标\t指标性质",
            "1\t养老机构护理型床位占比（%）\t52\t≥60\t约束性",
        ]
    )
    found = [d for _, d in read_indicator_tables(_cells(table)).drafts]
    assert [(t.value, t.deadline, t.baseline_value, t.baseline_year) for t in found] == [
        (60, "2027-12-31", 52, 2024)
    ]


def test_targets_indicator_table_of_last_years_achievement_and_this_years_aim() -> None:
    """指标 | 2022年完成 | 2023年目标, one cell a line: what was achieved is the baseline."""
    raw = (
        "指标\n2022年完成\n2023年目标\n县域内就诊率（%）\n88.2\n≥90\n人均预期寿命（岁）\n78.6\n78.8"
    )
    found = [d for _, d in read_indicator_tables(raw.split("\n")).drafts]
    assert [(t.value, t.deadline, t.baseline_value, t.baseline_year) for t in found] == [
        (90, "2023-12-31", 88.2, 2022),
        (78.8, "2023-12-31", 78.6, 2022),
    ]


def test_targets_what_a_jurisdiction_has_now_is_a_statistic() -> None:
    assert targets("全市现有医养结合机构46家，医养结合床位1.12万张。") == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("布雷图指数超过20时，应于3日内组织开展孳生地清理。", 3, "日"),
        ("发生聚集性疫情时，3日内报送初步调查报告。", 3, "日"),
    ],
)
def test_targets_time_limit_in_days(text: str, value: float, unit: str) -> None:
    t = next(t for t in targets(text) if t.unit == unit)
    assert (t.value, t.comparator, t.kind) == (value, "<=", "duration")


@pytest.mark.parametrize(
    "text",
    [
        "本次工作自2024年5月15日开始，至9月30日结束。",
        "（一）动员部署阶段（5月15日—5月31日）。",
        "7 月 28 日至 30 日开展集中消杀。",
        "请各市于每季度首月10日前报送上季度工作进展。",
    ],
)
def test_targets_a_day_of_a_month_is_a_date_not_a_quantity(text: str) -> None:
    assert targets(text) == []


def test_targets_copies_in_ten_thousands() -> None:
    t = targets("县健康教育所要制作发放宣传资料不少于2万份。")[0]
    assert (t.value, t.unit, t.comparator) == (20000, "份", ">=")


def test_targets_a_shared_classifier_gives_each_value_the_list_s_unit() -> None:
    found = targets("到2025年和2030年，重点癌症早诊率比2020年分别提高5个和10个百分点。")
    assert [(t.value, t.unit) for t in found] == [(5, "百分点"), (10, "百分点")]


def test_targets_a_past_figure_before_the_sentence_s_deadline_is_its_baseline() -> None:
    context = DocContext(issued=date(2023, 5, 18))
    found = extract_targets(
        "2022年全省质控平台上报率为76%，到2025年提高到95%以上。", context=context
    )
    assert [(t.value, t.comparator, t.baseline_value) for t in found] == [(95, ">=", 76)]


def test_targets_a_task_deadline_stops_at_a_clause_with_a_duty_of_its_own() -> None:
    found = targets(
        "各省要于2024年12月底前制定实施方案，各地要建立调度机制，每半年至少开展1次调度。"
    )
    assert [(t.value, t.deadline) for t in found] == [(1, None)]
    found = targets("各区要于2024年12月底前完成评估，评估覆盖率达到100%。")
    assert [(t.value, t.deadline) for t in found] == [(100, "2024-12-31")]


def test_targets_within_the_year_is_the_end_of_the_document_s_year() -> None:
    context = DocContext(issued=date(2021, 3, 8))
    t = extract_targets(
        "老旧小区要实施环境综合整治，年内完成整治的老旧小区不少于15个。", context=context
    )[0]
    assert (t.value, t.deadline) == (15, "2021-12-31")
    # a time limit of years is no deadline
    limit = extract_targets("项目要在三年内建成，建成床位不少于100张。", context=context)[0]
    assert limit.deadline is None


def test_targets_cumulative_amounts_are_requirements() -> None:
    found = targets(
        "到2026年，全市累计建成国家级示范区5—6个，市级财政三年累计安排专项资金1.2亿元。"
    )
    assert [(t.value, t.value_max, t.unit) for t in found] == [(5, 6, "个"), (1.2e8, None, "元")]


def test_targets_the_figure_a_target_grows_from_is_no_target() -> None:
    assert targets("人均财政补助标准在2021年79元的基础上逐年提高。") == []


def test_targets_every_n_years_is_the_periodicity_of_the_count_after_it() -> None:
    found = targets("每3年开展1次慢性病及其危险因素监测调查。")
    assert [(t.value, t.unit, t.periodicity) for t in found] == [(1, "次", "every 3 years")]


def test_targets_a_task_deadline_after_the_figure_in_a_clause_with_its_own_subject() -> None:
    context = DocContext(issued=date(2023, 3, 20))
    found = extract_targets(
        "各牵头处室每季度报送1次进展情况，全年工作总结于2023年12月10日前报送。", context=context
    )
    assert [(t.value, t.deadline) for t in found] == [(1, None)]
    found = extract_targets("并明确各1名联络员，于4月14日前报市疾控中心。", context=context)
    assert [(t.value, t.deadline) for t in found] == [(1, "2023-04-14")]


def test_targets_indicator_table_change_against_the_baseline_column() -> None:
    table = "\n".join(
        [
            "指标\t基期值\t2022年目标值\t2030年目标值",
            "重大慢性病过早死亡率（%）\t18.3\t较基期下降5%\t较基期下降20%",
        ]
    )
    found = [d for _, d in read_indicator_tables(_cells(table)).drafts]
    assert [(t.value, t.change, t.deadline) for t in found] == [
        (5, "decrease", "2022-12-31"),
        (20, "decrease", "2030-12-31"),
    ]


def test_targets_both_indicators_refers_back_to_the_indicators_named_before() -> None:
    found = targets(
        "到2022年，高血压患者和糖尿病患者规范管理率均不低于60%；到2030年，两项指标均不低于70%。"
    )
    assert [(t.subject, t.value, t.deadline) for t in found] == [
        ("高血压患者规范管理率", 60, "2022-12-31"),
        ("糖尿病患者规范管理率", 60, "2022-12-31"),
        ("高血压患者规范管理率", 70, "2030-12-31"),
        ("糖尿病患者规范管理率", 70, "2030-12-31"),
    ]


def test_targets_the_indicators_above_given_one_value_each_refers_back_in_order() -> None:
    found = targets(
        "到2022年，申报率达到90%及以上，检测率达到85%及以上；"
        "到2030年，上述指标分别达到95%及以上和90%及以上。"
    )
    assert [(t.subject, t.value, t.deadline) for t in found] == [
        ("申报率", 90, "2022-12-31"),
        ("检测率", 85, "2022-12-31"),
        ("申报率", 95, "2030-12-31"),
        ("检测率", 90, "2030-12-31"),
    ]


def test_targets_a_duty_named_with_a_present_word_is_still_a_duty() -> None:
    """现状评价 names the assessment to make, not the present."""
    (found,) = targets("职业病危害严重的用人单位每3年至少进行1次职业病危害现状评价。")
    assert (found.value, found.unit, found.periodicity) == (1, "次", "every 3 years")


def test_targets_parts_after_qizhong_count_per_the_wholes_population() -> None:
    found = targets(
        "每千常住人口床位数控制在7.5张左右，其中市办医院床位数1.9张左右，县办医院床位数2.5张。"
    )
    assert [(t.value, t.unit) for t in found] == [
        (7.5, "张/千常住人口"),
        (1.9, "张/千常住人口"),
        (2.5, "张/千常住人口"),
    ]
    found = targets("全县按每3万人口配置1辆救护车，其中负压救护车不少于两辆。")
    assert [(t.value, t.unit) for t in found] == [(1, "辆/3万人口"), (2, "辆")]  # the county's


def test_targets_a_time_of_day_is_no_quantity() -> None:
    found = targets("各区卫生健康局于每周五16:00前报送接种进展，接种率达到90%以上。")
    assert [t.value_text for t in found] == ["90%以上"]
    assert [t.value_text for t in targets("师生比不低于1:50。")] == ["1:50"]  # a ratio stays


def test_targets_an_index_bounded_at_the_end_of_its_clause_has_no_unit() -> None:
    t = targets("居民区布雷图指数不超过5，公共场所不超过3处。")[0]
    assert (t.subject, t.value, t.unit, t.comparator) == ("居民区布雷图指数", 5, "", "<=")
    assert targets("每组人员不超过5，") == []


def test_targets_indicator_table_row_whose_number_was_lost_in_the_reading() -> None:
    raw = "\n".join(
        [
            *("序号", "指标", "单位", "2023年", "2025年", "属性"),
            *("1", "居民健康素养水平", "%", "28.4", "≥30", "预期性"),
            *("经常参加体育锻炼人数比例", "%", "39.2", "≥40", "预期性"),  # 2 lost
            *("3", "15岁以上人群吸烟率", "%", "21.5", "＜20", "预期性"),
            "二、主要任务",
        ]
    )
    found = [d for _, d in read_indicator_tables(_cells(raw)).drafts]
    assert [(t.subject, t.value, t.comparator) for t in found] == [
        ("居民健康素养水平", 30, ">="),
        ("经常参加体育锻炼人数比例", 40, ">="),
        ("15岁以上人群吸烟率", 20, "<"),
    ]


def test_targets_indicator_table_row_with_a_figure_in_its_unit_column_is_left_out() -> None:
    table = "\n".join(
        [
            "序号\t指标\t单位\t2023年\t2025年",
            "1\t个人卫生支出占卫生总费用的比例\t≤27\t26.8\t≤25",
        ]
    )
    assert read_indicator_tables(_cells(table)).drafts == []


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("细颗粒物年均浓度控制在30微克/立方米以内。", "微克/立方米"),
        ("接口调用平均响应时间不超过3秒。", "秒"),
        ("中小学校每周安排健康教育课不少于1课时。", "课时"),
        ("每年开展义诊活动不少于20场次。", "场次"),
    ],
)
def test_targets_measure_words_of_environment_service_and_school_norms(
    text: str, unit: str
) -> None:
    assert targets(text)[0].unit == unit


def test_targets_a_section_whose_slogan_ends_in_a_findings_word_is_still_a_plan() -> None:
    doc = _doc(
        "五、聚焦改革创新驱动，夯实事业发展基础\n19.深化公立医院改革，医疗服务收入占比提高到35%以上。\n"
    )
    assert [t.value for t in doc.targets] == [35]
    doc = _doc("一、发展基础\n全市医疗卫生机构床位数达到3.2万张。\n")
    assert doc.targets == []
    doc = _doc(
        "一、规划背景\n截至2020年底，全市共有机构58个。全市实有床位3644张，每千人口6.57张。\n"
    )
    assert doc.targets == []  # a plan's background: the present


def test_targets_the_rules_of_an_assessment_are_no_targets() -> None:
    table = (
        "序号\t考核指标\t目标值\t分值\t评分标准\n"
        "1\t高血压患者规范管理率\t≥65%\t4\t每低1个百分点扣0.5分\n"
    )
    found = _doc("附件\n考核指标及评分标准\n" + table).targets
    assert [(t.value, t.comparator) for t in found] == [(65, ">=")]
    assert targets("低于90%不得分，达到目标值得5分。") == []


@pytest.mark.parametrize(
    "text",
    [
        "《方案》设置了12项主要指标，其中约束性指标4项、预期性指标8项。",
        "共提出5方面18项重点任务。",
        "纳入考核的机构共计146家。",
    ],
)
def test_targets_counts_describing_a_document_or_its_scope_are_no_targets(text: str) -> None:
    assert targets(text) == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("高校按照师生比不低于1∶4000配备心理健康教育专职教师。", 4000, "比"),
        ("做好呼吸道传染病监测，哨点医院覆盖所有区县。", 100, "%"),
        ("全年推出科普作品不少于300件。", 300, "件"),
        ("到2023年底，全县组建两个紧密型县域医共体。", 2, "个"),
    ],
)
def test_targets_ratio_sign_full_coverage_and_counts(text: str, value: float, unit: str) -> None:
    t = targets(text)[0]
    assert (t.value, t.unit) == (value, unit)


def _doc(raw: str) -> ExtractedDocument:
    return extract_text(raw, source=source_for_path(Path("t.txt")), crosscheck_manifest=False)


@pytest.mark.parametrize(
    ("text", "periodicity"),
    [("每季度随访一次。", "quarterly"), ("每半年调度一次进展情况。", "every 6 months")],
)
def test_targets_quarterly_and_half_yearly_duties(text: str, periodicity: str) -> None:
    t = targets(text)[0]
    assert (t.value, t.unit, t.periodicity) == (1, "次", periodicity)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("每年培训乡村医生不少于40学时。", "学时"),
        ("完成古籍文献整理50部。", "部"),
        ("新建公共厕所12座。", "座"),
    ],
)
def test_targets_measure_words_of_training_heritage_and_building(text: str, unit: str) -> None:
    assert targets(text)[0].unit == unit


def test_targets_all_reach_a_level_without_a_deadline() -> None:
    assert fields(targets("县级中医医院全部达到二级甲等水平。")) == [(100, "%", "=", None)]
    assert targets("全市二级以上医院已全部达到标准。") == []  # the present


def test_targets_all_with_a_deadline_take_more_verbs() -> None:
    found = targets("各地要督促二级以上医院于2024年6月30日前全部接入省级监测平台。")
    assert fields(found) == [(100, "%", "=", "2024-06-30")]


def test_targets_all_before_a_norm_of_its_clause_says_whom_it_is_for() -> None:
    """所有…至少配备1名: one norm for each, not also a 100 % level."""
    found = targets("到2025年，所有社区卫生服务中心和乡镇卫生院至少配备1名中医类别医师。")
    assert fields(found) == [(1, "名", ">=", "2025-12-31")]


def test_targets_count_every_n_months_has_that_periodicity() -> None:
    (found,) = targets("透析患者每6个月进行1次乙肝病毒检测。")
    assert (found.value, found.unit, found.periodicity) == (1, "次", "every 6 months")


def test_targets_one_per_base_is_one_quantity() -> None:
    (found,) = targets("每10台透析机至少配备1名执业医师。")
    assert (found.value, found.unit, found.comparator) == (1, "名", ">=")


def test_targets_interval_in_years_before_a_duration_is_kept() -> None:
    found = targets("乡村医生每3年到县级医疗机构脱产进修不少于1个月。")
    assert (1, "月") in [(t.value, t.unit) for t in found]


def test_targets_paragraph_reporting_a_past_year_states_no_targets() -> None:
    raw = (
        "关于印发2025年工作要点的通知\n2025年工作要点\n"
        "2024年，全县卫生健康系统坚持以人民健康为中心，各项工作取得明显成效。全县人均预期寿命"
        "达到79.2岁，县域内就诊率达到89.6%，基层诊疗量占比为61.3%。\n"
        "2022年，全市工业企业职业病危害项目申报率为81.6%。到2025年，全市工业企业职业病危害项目"
        "申报率达到95%以上，重点行业劳动者对职业病防治知识的知晓率不低于85%。\n"
        "2025年2月20日\n"
    )
    doc = extract_text(raw, source=source_for_path(Path("t.txt")), crosscheck_manifest=False)
    assert [(t.value, t.unit) for t in doc.targets] == [(95, "%"), (85, "%")]


def test_targets_counts_of_the_documents_own_parts_are_not_targets() -> None:
    assert targets("全市要重点抓好以下6个方面17项工作。") == []
    assert targets("各单位要落实本方案明确的6项重点任务。") == []
    assert [t.value for t in targets("每千人口拥有3岁以下婴幼儿托位数达到3.8个。")] == [3.8]


def test_targets_conditions_of_who_qualifies_are_not_targets() -> None:
    assert targets("对年满60周岁退出岗位的老年乡村医生，按每人每月20元发放补助。") != []
    assert all(t.value != 60 for t in targets("对年满60周岁退出岗位的老年乡村医生给予补助。"))
    assert targets("对到村服务满2年的，给予奖励。") == []


def test_targets_the_window_of_events_that_sets_off_a_duty_is_no_time_limit() -> None:
    found = targets("同一班级1周内出现5例及以上病例的，所在区疾控中心要在2小时内核实。")
    assert all(t.value_text != "1周内" for t in found)
    assert "2小时内" in [t.value_text for t in found]
    found = targets("对互认率连续2个季度低于60%的医疗机构予以通报。")
    assert [t.value_text for t in found] == ["60%"]  # 连续2个季度: the run that sets it off
    assert [t.value for t in targets("晋升副高级职称前须到基层累计服务满1年。")] == [1]


def test_targets_penalty_multiples_are_not_targets() -> None:
    assert targets("对违规行为按违规金额1倍以上5倍以下处以罚款。") == []


def test_targets_water_norms_in_colony_units() -> None:
    found = targets("透析用水细菌菌落数不超过100CFU/ml，内毒素不超过0.25EU/ml。")
    assert [(t.value, t.unit, t.comparator) for t in found] == [
        (100, "CFU/ml", "<="),
        (0.25, "EU/ml", "<="),
    ]


def test_targets_thresholds_of_an_emergency_grade_are_not_targets() -> None:
    raw = (
        "栖凤市突发公共卫生事件应急预案\n2024年5月20日\n1 总则\n1.1 事件分级\n"
        "较大突发公共卫生事件（Ⅲ级）：一次食物中毒人数超过100人并出现死亡病例，或死亡10人以上。\n"
        "1.2 工作原则\n坚持统一领导。\n2 保障措施\n2.1 队伍保障\n市级组建不少于4支卫生应急队伍。\n"
    )
    doc = extract_text(raw, source=source_for_path(Path("t.txt")), crosscheck_manifest=False)
    assert [(t.value, t.unit) for t in doc.targets] == [(4, "支")]


def test_targets_a_weight_in_an_assessment_is_not_a_target() -> None:
    assert targets("考核采取日常督导与年终考核相结合，日常督导占40%，年终考核占60%。") == []


def test_targets_growth_written_as_a_multiple() -> None:
    assert fields(targets("到2025年，全市中药制剂备案数量翻一番。")) == [
        (100, "%", "=", "2025-12-31")
    ]
    assert [t.value for t in targets("中药材产业综合产值比2020年增长一倍。")] == [100]


def test_targets_counts_of_items_in_a_heading_or_by_aspects_are_not_targets() -> None:
    assert targets("一、免疫规划（8项）") == []
    assert targets("现从3个方面提出13项具体要求。") == []


def test_targets_the_documents_own_year_opening_a_sentence_is_its_plan() -> None:
    found = extract_targets(
        normalize("2025年，全市适龄儿童免疫规划疫苗接种率保持在95%以上。").text,
        context=DocContext(issued=date(2025, 2, 24)),
    )
    assert [t.value for t in found] == [95]
    past = extract_targets(
        normalize("2024年，全市适龄儿童免疫规划疫苗接种率保持在95%以上。").text,
        context=DocContext(issued=date(2025, 2, 24)),
    )
    assert past == []


def test_targets_thresholds_in_a_conditional_clause_are_not_targets() -> None:
    found = targets("学校同一班级1周内出现5例及以上流感样病例的，要在24小时内报告。")
    assert [(t.value, t.unit) for t in found] == [(24, "小时")]
    assert targets("对病例数超过全校师生总数5%的，实行停课。") == []


def test_targets_indicator_table_with_a_base_year_count_column() -> None:
    rows = ["序号", "指标名称", "2023年基数", "2027年目标", "指标性质"]
    rows += ["1", "孕产妇死亡率（/10万）", "7.9", "≤8", "预期性"]
    rows += ["2", "婴儿死亡率（‰）", "2.6", "≤3", "预期性"]
    table = read_indicator_tables(rows)
    assert sorted((d.value, d.deadline) for _, d in table.drafts if d.kind != "baseline") == [
        (3, "2027-12-31"),
        (8, "2027-12-31"),
    ]


def test_targets_indicator_table_cells_that_write_their_unit() -> None:
    rows = ["序号\t指标\t2020年基线值\t2025年目标值\t指标性质"]
    rows += ["3\t0—6岁儿童眼保健和视力检查覆盖率\t85%\t90%以上\t约束性"]
    (draft,) = [d for _, d in read_indicator_tables(rows).drafts if d.kind != "baseline"]
    assert (draft.value, draft.unit, draft.comparator) == (90, "%", ">=")


def test_targets_indicator_table_change_on_the_baseline_written_alone_is_a_target() -> None:
    table = "\n".join(
        [
            "领域\t主要指标\t2020年\t2025年\t性质",
            "健康水平\t人均预期寿命（岁）\t77.93\t提高1岁\t预期性",
            "\t儿童青少年总体近视率（%）\t52.7\t力争每年降低0.5个百分点以上\t约束性",
        ]
    )
    found = [d for _, d in read_indicator_tables(_cells(table)).drafts]
    assert [(t.value, t.unit, t.comparator, t.change, t.periodicity) for t in found] == [
        (1, "岁", "=", "increase", None),
        (0.5, "百分点", ">=", "decrease", "annual"),
    ]


def test_targets_a_news_release_relaying_a_document_in_full_is_that_document() -> None:
    raw = "新华社北京2月23日电 近日，中办国办印发了《意见》。全文如下。\n到2025年，覆盖率达到90%。"
    assert not is_news(raw)
    assert is_news("新华社北京2月23日电 全区健康社区覆盖率100%。")


def test_targets_values_joined_each_with_its_bound_pair_with_the_deadlines() -> None:
    found = targets("到2022年和2030年，经常参加体育锻炼人数比例达到37%及以上和40%及以上。")
    assert [(t.value, t.comparator, t.deadline) for t in found] == [
        (37, ">=", "2022-12-31"),
        (40, ">=", "2030-12-31"),
    ]


def test_targets_figures_in_brackets_defining_the_subject_are_not_targets() -> None:
    found = targets(
        "到2030年，经常参加体育锻炼（每周参加体育锻炼频度3次及以上、每次30分钟及以上）"
        "人数比例达到40%及以上。"
    )
    assert [(t.value, t.unit) for t in found] == [(40, "%")]
    kept = targets("到2025年，建成三级医院（不少于2所）和二级医院（不少于5所）。")
    assert [(t.value, t.unit) for t in kept] == [(2, "所"), (5, "所")]


def test_targets_a_measure_word_per_a_population_written_after_it_is_one_unit() -> None:
    found = targets("精神科执业（助理）医师达到3.8名/10万人口，按1名/600名学生配备保健教师。")
    assert [(t.value, t.unit) for t in found] == [(3.8, "名/10万人口"), (1, "名/600名学生")]
    per_people = targets("食品安全抽检量每年不少于4批次/千人，每年开展监督检查不少于2人次。")
    assert [(t.value, t.unit) for t in per_people] == [(4, "批次/千人"), (2, "人次")]


def test_targets_indicator_table_one_cell_a_line_with_its_group_merged_and_no_number() -> None:
    raw = "\n".join(
        [
            "表2 主要发展指标",
            "领域",
            "指标",
            "2022年",
            "2027年",
            "指标性质",
            "健康水平",
            "新生儿死亡率（‰）",
            "2.6",
            "≤2.4",
            "预期性",
            "孕产妇死亡率（/10万）",  # the group cell is merged over this row and the next
            "8.9",
            "≤8.5",
            "预期性",
            "老年医学科设置比例（%）",
            "—",  # no baseline
            "≥55",
            "约束性",
            "健康保障",
            "个人卫生支出占卫生总费用的比重（%）",
            "26.1",
            "≤25",
            "约束性",
            "二、主要任务",
        ]
    )
    found = [d for _, d in read_indicator_tables(_cells(raw)).drafts]
    assert [(t.subject, t.value, t.comparator, t.deadline, t.nature) for t in found] == [
        ("新生儿死亡率", 2.4, "<=", "2027-12-31", "预期性"),
        ("孕产妇死亡率", 8.5, "<=", "2027-12-31", "预期性"),
        ("老年医学科设置比例", 55, ">=", "2027-12-31", "约束性"),
        ("个人卫生支出占卫生总费用的比重", 25, "<=", "2027-12-31", "约束性"),
    ]


def test_targets_a_heading_that_is_a_deadline_alone_dates_the_items_below_it() -> None:
    doc = _doc(
        "一、工作目标\n（一）到2026年\n1.县域内住院人次占比达到88%以上；\n"
        "2.基层门急诊人次占比达到62%以上。\n（二）到2028年底的目标\n（1）县域内住院人次占比达到91%以上。\n"
    )
    assert [(t.value, t.deadline) for t in doc.targets] == [
        (88, "2026-12-31"),
        (62, "2026-12-31"),
        (91, "2028-12-31"),
    ]


def test_targets_an_item_number_running_into_a_figure_is_no_decimal() -> None:
    doc = _doc(
        "一、工作目标\n到2027年：\n1.县域内住院人次占比达到90%以上；\n"
        "2.慢病患者基层管理率达到70%以上；\n3.75%以上的县级医院达到推荐标准。\n"
    )
    assert [(t.value, t.deadline) for t in doc.targets] == [
        (90, "2027-12-31"),
        (70, "2027-12-31"),
        (75, "2027-12-31"),
    ]


def test_targets_indicator_table_cells_written_with_their_verb_and_long_names() -> None:
    raw = "\n".join(
        [
            "类别",
            "指标",
            "2020年",
            "2025年",
            "属性",
            "保障程度",
            "城乡居民基本医疗保险政策范围内住院费用基金支付比例",
            "70.2%",
            "稳定在70%左右",
            "约束性",
            "实行按疾病诊断相关分组付费和按病种分值付费的医保基金占全部符合条件的住院医保基金支出的比例",
            "——",
            "不低于70%",
            "预期性",
            "药品集中带量采购品种（个）",
            "112",
            "＞500",
            "预期性",
            "三、主要任务",
        ]
    )
    found = [d for _, d in read_indicator_tables(_cells(raw)).drafts]
    assert [(t.value, t.unit, t.comparator, t.deadline) for t in found] == [
        (70, "%", "=", "2025-12-31"),
        (70, "%", ">=", "2025-12-31"),
        (500, "个", ">", "2025-12-31"),
    ]


def test_targets_zuigao_bounds_a_number_only_right_before_it() -> None:
    found = targets("对新引进的顶尖人才、领军人才，分别给予最高500万元、100万元生活补贴。")
    assert [(t.value, t.comparator) for t in found] == [(5e6, "<="), (1e6, "<=")]
    found = targets("县财政按最高缴费档次的30%给予补贴。")
    assert [(t.value, t.comparator) for t in found] == [(30, "=")]
    found = targets("对病情稳定的慢性病患者，单次处方用药量最长可达12周。")
    assert [(t.value, t.comparator) for t in found] == [(12, "<=")]
    found = targets("为签约慢病患者开具长期处方，处方用量可延长至12周。")
    assert [(t.value, t.comparator) for t in found] == [(12, "<=")]


def test_targets_a_paragraph_opening_on_the_present_states_statistics() -> None:
    doc = _doc(
        "（五）心理健康促进行动\n心理健康是健康的重要组成部分。当前，我国心理行为问题人数逐年增多。"
        "我国焦虑障碍患病率达4.5%，抑郁症患病率达到2.3%。\n"
        "行动目标：到2026年，居民心理健康素养水平提升到25%。\n"
        "当前，全县签约服务稳步推进。签约率达到60%，重点人群签约率达到80%，争取2026年全覆盖。\n"
    )
    assert [(t.value, t.kind) for t in doc.targets] == [
        (25, "target"),
        (60, "target"),
        (80, "target"),
        (100, "target"),
    ]


def test_targets_an_age_in_zhousui_is_a_scope_not_a_count_of_weeks() -> None:
    found = targets("80至89周岁老年人每人每月发放100元，80周岁以上老年人健康管理率达到70%。")
    assert [(t.value, t.unit) for t in found] == [(100, "元"), (70, "%")]
    assert [(t.value, t.unit) for t in targets("服务期不少于6周。")] == [(6, "周")]


def test_targets_an_age_in_months_before_the_young_is_who_is_counted() -> None:
    found = targets(
        "为6个月以上婴儿适时添加辅食，6个月内婴儿纯母乳喂养率达到50%以上，3个月内完成整改。"
    )
    assert [(t.value, t.unit) for t in found] == [(50, "%"), (3, "月")]


def test_targets_indicator_table_with_a_target_column_naming_no_year() -> None:
    raw = "\n".join(
        [
            "序号",
            "指标",
            "目标值",
            "牵头单位",
            "配合单位",
            "1",
            "人均预期寿命（岁）",
            "≥79.6",
            "省卫生健康委",
            "省统计局",
            "2",
            "婴儿死亡率（‰）",
            "≤4.5",
            "省卫生健康委",  # no 配合单位: the cell is empty
            "3",
            "居民综合满意度",
            "≥85分",
            "省卫生健康委",
            "三、组织实施",
        ]
    )
    found = [d for _, d in read_indicator_tables(_cells(raw)).drafts]
    assert [(t.subject, t.value, t.unit, t.comparator, t.deadline) for t in found] == [
        ("人均预期寿命", 79.6, "岁", ">=", None),
        ("婴儿死亡率", 4.5, "‰", "<=", None),
        ("居民综合满意度", 85, "分", ">=", None),
    ]


def test_targets_indicator_table_with_its_group_merged_before_the_number_column() -> None:
    raw = "\n".join(
        [
            "类别",
            "序号",
            "主要指标",
            "2020年",
            "2025年",
            "指标属性",
            "服务体系",
            "1",
            "中医类医院数（所）",
            "205",
            "230",
            "预期性",
            "2",  # the group cell is merged over this row
            "每千人口公立中医医院床位数（张）",
            "0.72",
            "0.90",
            "预期性",
            "二、主要任务",
        ]
    )
    found = [d for _, d in read_indicator_tables(_cells(raw)).drafts]
    assert [(t.subject, t.value, t.deadline, t.baseline_value) for t in found] == [
        ("中医类医院数", 230, "2025-12-31", 205),
        ("每千人口公立中医医院床位数", 0.9, "2025-12-31", 0.72),
    ]


def test_targets_a_caption_above_a_table_dates_its_target_column() -> None:
    raw = "\n".join(
        [
            *[
                "健康行动考核指标",
                "（目标值为2022年全省目标值）",
                "序号",
                "指标",
                "目标值",
                "牵头单位",
            ],
            *["1", "婴儿死亡率（‰）", "≤4.5", "省卫生健康委", "三、组织实施"],
        ]
    )
    found = [d for _, d in read_indicator_tables(_cells(raw)).drafts]
    assert [(t.value, t.deadline) for t in found] == [(4.5, "2022-12-31")]


def test_targets_a_bulletins_section_of_problems_found_states_statistics() -> None:
    doc = _doc(
        "二、检查发现的问题\n（一）患者治疗管理不够规范。抽查病案1260份，占比10.95%。\n"
        "三、下一步工作要求\n（一）抓好整改。患者规范管理率达到90%以上。\n"
    )
    assert [(t.value, t.unit) for t in doc.targets] == [(90, "%")]


def test_targets_the_number_of_a_box_or_attachment_is_no_quantity() -> None:
    assert targets("专栏1\u3000日照市“十四五”卫生健康事业发展主要指标") == []


def test_targets_a_goals_paragraph_opening_with_a_deadline_dates_the_items_below_it() -> None:
    doc = _doc(
        "一、总体要求\n（二）主要目标。到2026年，全县护理服务能力显著提升。\n"
        "1.全县注册护士总数达到3800人；\n2.每千人口注册护士数达到3.8人。\n"
        "（三）发展目标\n到2027年，中医药服务体系更加健全。\n——中医药服务能力明显提升。中医馆覆盖率达到100%。\n"
        "二、重点任务\n（一）加强队伍建设。新增护士200人。\n"
    )
    assert [(t.value, t.deadline) for t in doc.targets] == [
        (3800, "2026-12-31"),
        (3.8, "2026-12-31"),
        (100, "2027-12-31"),
        (200, None),
    ]


def test_targets_indicator_table_header_target_word_then_year_in_brackets() -> None:
    """序号 | 指标名称 | 目标值（2026年）, one cell a line, scores in 分 among the cells."""
    raw = "\n".join(
        [
            *("序号", "指标名称", "目标值（2026年）"),
            *("1", "家庭医生签约率", "≥45%"),
            *("2", "签约居民满意度", "≥88分", "二、工作措施"),
        ]
    )
    found = [d for _, d in read_indicator_tables(_cells(raw)).drafts]
    assert [(t.subject, t.value, t.unit, t.comparator, t.deadline) for t in found] == [
        ("家庭医生签约率", 45, "%", ">=", "2026-12-31"),
        ("签约居民满意度", 88, "分", ">=", "2026-12-31"),
    ]


def test_targets_score_in_points_after_a_score_subject_and_a_level_verb() -> None:
    found = targets("到2026年，二级以上医院患者满意度保持在88分以上，考核分值不低于6分。")
    assert [(t.value, t.unit, t.comparator, t.deadline) for t in found] == [
        (88, "分", ">=", "2026-12-31"),
        (6, "分", ">=", "2026-12-31"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "年度考核得分85分以上为优秀，60分以下为不合格。",  # grading bands
        "对考核得分低于70分的乡镇予以通报。",  # a condition
        "满意度调查分3轮开展。",  # 分 as a verb
        "每项指标分值为5分。",  # a weight stated, not a level to reach
    ],
)
def test_targets_points_that_grade_condition_or_weigh_are_not_levels(text: str) -> None:
    assert [t for t in targets(text) if t.unit == "分"] == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("到2027年，健康企业中规模以上企业占比不低于三分之二。", 66.67, "%"),
        ("到2026年，全市二级医院数量比2023年增长四分之一。", 25, "%"),
        ("新生儿破伤风发病率控制在千分之一以下。", 1, "‰"),
        ("疾控机构人员编制按照不低于常住人口万分之1.8的标准核定。", 1.8, "人/万人口"),
        ("手术部位感染率控制在万分之五以下。", 5, "/万"),
    ],
)
def test_targets_share_written_as_a_fraction(text: str, value: float, unit: str) -> None:
    t = targets(text)[0]
    assert (t.value, t.unit) == (value, unit)


def test_targets_a_months_end_in_a_work_plan_is_a_deadline_of_the_documents_year() -> None:
    context = DocContext(issued=date(2024, 1, 8))
    found = extract_targets("全面开展签约，6月底前签约覆盖率达到25%。", context=context)
    assert [(t.value, t.deadline) for t in found] == [(25, "2024-06-30")]
    yearly = ("结果于次年3月底前报送，覆盖率达到95%。", "于每年12月底前发布，完整率达到95%。")
    for text in yearly:
        assert [t.deadline for t in extract_targets(text, context=context)] == [None], text


def test_targets_by_a_months_end_opening_an_activitys_aims_is_a_deadline_of_its_year() -> None:
    """到4月底，…达到100%；…保持在99%以上: an activity month's aims, the whole sentence due then."""
    context = DocContext(issued=date(2024, 3, 20))
    text = "到4月底，全镇卫生死角清理率达到100%；卫生厕所普及率保持在99%以上。全年知晓率达到60%。"
    found = extract_targets(text, context=context)
    assert [(t.value, t.deadline) for t in found] == [
        (100, "2024-04-30"),
        (99, "2024-04-30"),
        (60, None),
    ]
    assert [
        t.deadline for t in extract_targets("提升到5月底的水平，覆盖率达到90%。", context=context)
    ] == [None]


def test_targets_one_bound_over_a_list_of_counted_objects() -> None:
    """至少建成1个胸痛中心和1个卒中中心: the bound goes on over the list; a range does not."""
    found = targets("到2026年每个县至少建成1个胸痛中心和1个卒中中心。")
    assert [(t.value, t.comparator) for t in found] == [(1, ">="), (1, ">=")]
    found = targets("每个镇抽取1-2个重点村居、1间医疗卫生机构开展检查。")
    assert [t.comparator for t in found] == ["range", "="]
    found = targets("高血压患者规范管理率不低于60%和糖尿病患者规范管理率达到50%。")
    assert [t.comparator for t in found] == [">=", "="]


def test_targets_a_recurring_duty_takes_no_date_of_a_one_off_task() -> None:
    context = DocContext(issued=date(2024, 1, 8))
    found = extract_targets("每季度开展健康体检1次，建档率10月底前达到100%。", context=context)
    assert [(t.value, t.deadline) for t in found] == [(1, None), (100, "2024-10-31")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("全年开展远程会诊不少于3000例。", 3000),
        ("每年完成结直肠癌内镜筛查800例以上。", 800),
        ("县妇幼保健院每年开展产前诊断不少于500例。", 500),
    ],
)
def test_targets_cases_to_treat_or_screen_are_counted_in_li(text: str, value: float) -> None:
    assert [(t.value, t.unit, t.comparator) for t in targets(text)] == [(value, "例", ">=")]


@pytest.mark.parametrize(
    "text",
    [
        "学校同一班级1周内出现5例及以上流感样病例的，应于2小时内报告。",
        "疫点内最后1例病例治愈出院后，方可解除疫点管理。",
        "全省本周新增3例本地病例。",
    ],
)
def test_targets_cases_that_happen_are_no_level_to_reach(text: str) -> None:
    assert [t.unit for t in targets(text)] in ([], ["小时"])


@pytest.mark.parametrize(
    "text",
    [
        "600名学生以上的学校配备专职卫生技术人员。",
        "100张床位以下的医院设立感染管理专职人员。",
    ],
)
def test_targets_a_count_naming_which_bodies_is_no_level(text: str) -> None:
    assert targets(text) == []


def test_targets_class_periods_are_counted_in_jie() -> None:
    assert [(t.value, t.unit) for t in targets("义务教育阶段落实每天1节体育课。")] == [(1, "节")]


def test_targets_a_month_alone_in_a_task_tables_time_limit_column_is_its_end() -> None:
    doc = _doc(
        "附件\n重点任务分工表\n序号\t工作任务\t牵头单位\t完成时限\n"
        "1\t县级医院远程会诊覆盖率达到100%\t县卫生健康局\t2025年12月\n"
        "2\t规范化培训合格率达到90%以上\t县卫生健康局\t持续推进\n"
    )
    assert [(t.value, t.deadline) for t in doc.targets] == [(100, "2025-12-31"), (90, None)]


def test_targets_a_norm_per_so_many_students_keeps_its_students() -> None:
    found = targets("中小学校按照每600名学生配备1名专职卫生专业技术人员。")
    assert [(t.value, t.unit) for t in found] == [(1, "名/600名学生")]


def test_targets_should_not_exceed_is_an_upper_bound() -> None:
    found = targets("学龄前儿童单次使用电子产品时间不宜超过15分钟。")
    assert [(t.value, t.comparator) for t in found] == [(15, "<=")]


def test_targets_an_indicator_table_reads_rate_cells_and_rows_with_empty_last_cells() -> None:
    doc = _doc(
        "附件\n主要指标及责任分工\n序号\t指标名称\t2025年目标值\t牵头单位\t配合单位\n"
        "1\t肺结核发病率\t<26/10万\t县卫生健康局\t各乡镇\n"
        "2\t耐药筛查率\t≥95%\t县卫生健康局\t\n"
        "3\t成功治疗率\t≥90%\t县卫生健康局\t县医保局\n"
    )
    assert [(t.value, t.unit, t.comparator) for t in doc.targets] == [
        (26, "/10万", "<"),
        (95, "%", ">="),
        (90, "%", ">="),
    ]


def test_targets_a_quota_table_gives_each_row_its_quotas_in_the_captions_year() -> None:
    doc = _doc(
        "附件\n某县2025年无偿献血任务分解表\n单位\t常住人口（万人）\t团体献血任务（人次）\t应急献血队伍（人）\n"
        "城关街道\t12.6\t600\t40\n东城镇\t6.8\t300\t20\n合计\t—\t900\t60\n"
    )
    assert [(t.value, t.unit, t.deadline) for t in doc.targets] == [
        (600, "人次", "2025-12-31"),
        (40, "人", "2025-12-31"),
        (300, "人次", "2025-12-31"),
        (20, "人", "2025-12-31"),
        (900, "人次", "2025-12-31"),
        (60, "人", "2025-12-31"),
    ]
    assert doc.targets[0].subject == "城关街道团体献血任务"
    assert "附件 合计" not in {r.measure_ref for r in doc.responsibilities}


def test_targets_a_quota_tables_column_of_the_part_due_from_a_group_is_a_quota_too() -> None:
    """签约任务（人） | 其中重点人群（人）: the part of the quota due from key groups; a total row
    written with its place (全镇合计) is no body's row."""
    doc = _doc(
        "附件\n某镇2025年家庭医生签约任务分解表\n单位\t常住人口（人）\t签约任务（人）\t其中重点人群（人）\n"
        "东街社区\t6800\t3060\t1150\n全镇合计\t46000\t20700\t8210\n"
    )
    assert [(t.subject, t.value, t.unit) for t in doc.targets] == [
        ("东街社区签约任务", 3060, "人"),
        ("东街社区重点人群签约任务", 1150, "人"),
        ("全镇合计签约任务", 20700, "人"),
        ("全镇合计重点人群签约任务", 8210, "人"),
    ]
    assert [r.measure_ref for r in doc.responsibilities] == ["附件 东街社区"]
    alone = _doc("附件\n单位\t常住人口（人）\t其中重点人群（人）\n东街社区\t6800\t1150\n")
    assert alone.targets == []


def test_targets_a_run_of_years_that_earns_a_reward_is_a_condition() -> None:
    assert targets("对连续3年完成任务的乡镇予以通报表扬。") == []
    assert targets("对体质健康水平连续3年下降的县予以问责。") == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("县疾控中心与县水利局每季度互通一次监测信息。", 1, "次"),
        ("各村每半年向镇爱卫会报告一次工作进展。", 1, "次"),
        ("孕妇尿碘中位数保持在150—249μg/L之间。", 150, "μg/L"),
        ("保洁员按每300户不少于1名配备。", 1, "名/300户"),
    ],
)
def test_targets_counts_of_periodic_duties_concentrations_and_norms_per_household(
    text: str, value: float, unit: str
) -> None:
    assert [(t.value, t.unit) for t in targets(text)] == [(value, unit)]


def test_targets_a_count_of_villages_after_its_township_scope_is_no_target() -> None:
    assert [t.value for t in targets("全镇18个行政村卫生厕所普及率达到95%以上。")] == [95]


def test_targets_ratio_cells_of_an_indicator_table_are_their_second_term() -> None:
    doc = _doc(
        "附件\n主要指标\n序号\t指标\t2022年\t2025年\n1\t医护比\t1:1.15\t1:1.2\n"
        "2\t床护比\t1:0.55\t≥1:0.6\n"
    )
    assert [(t.value, t.unit, t.comparator) for t in doc.targets] == [
        (1.2, "比", "="),
        (0.6, "比", ">="),
    ]


def test_targets_a_bound_count_of_what_a_body_takes_in_names_which_bodies() -> None:
    found = targets(
        "收托50名以下婴幼儿的至少配备1名兼职保健人员，收托50名及以上的至少配备1名专职保健人员。"
    )
    assert [(t.value, t.unit) for t in found] == [(1, "名"), (1, "名")]
    found = targets("省疾控中心具备检测300种以上病原体的能力，每个科室配备2名以上的专职人员。")
    assert [t.value for t in found] == [300, 2]


def test_targets_a_day_after_a_quarters_end_is_a_date() -> None:
    assert targets("各村每季度末5日前向领导小组办公室报送工作进展情况。") == []


def test_targets_an_indicator_table_whose_baseline_column_names_its_year_first() -> None:
    doc = _doc(
        "附件\n主要指标\n序号\t指标名称\t基线值（2024年）\t2025年\t2027年\t指标性质\n"
        "1\t居民健康素养水平（%）\t27.6\t≥30\t≥35\t预期性\n"
    )
    assert [(t.value, t.unit, t.deadline, t.baseline_value) for t in doc.targets] == [
        (30, "%", "2025-12-31", 27.6),
        (35, "%", "2027-12-31", 27.6),
    ]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("城市地区按照每服务2000名适龄儿童配备1名接种人员。", 1, "名/2000名适龄儿童"),
        ("教室课桌面平均照度不低于300勒克斯。", 300, "勒克斯"),
        ("65—74岁老年人存留牙数达到24颗以上。", 24, "颗"),
        ("每个健康图书角健康类图书不少于50册。", 50, "册"),
        ("机采血小板采集量达到800治疗量以上。", 800, "治疗量"),
    ],
)
def test_targets_norms_per_children_served_and_measure_words_of_health_plans(
    text: str, value: float, unit: str
) -> None:
    assert [(t.value, t.unit) for t in targets(text)] == [(value, unit)]


def test_targets_a_term_holding_a_count_word_is_no_count() -> None:
    found = targets("镇卫生院每半年对学校集中供水和二次供水水质开展1次抽检。")
    assert [(t.value, t.unit) for t in found] == [(1, "次")]


@pytest.mark.parametrize(
    "text",
    [
        "全县12个乡镇卫生院、2个社区卫生服务中心及其所辖村卫生室实现签约服务。",
        "我县共辖9个乡镇、126个行政村。",
        "全镇现有中小学校11所、幼儿园7所。",
        "本方案共分3个部分、11项重点任务。",
        "按照工作安排，分3个阶段推进。",
    ],
)
def test_targets_scopes_stocks_and_a_documents_parts_are_no_levels(text: str) -> None:
    assert targets(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("依托现有机构建设3个区域中心。", 3),
        ("由现有的6个增加到9个。", 9),
        ("中央财政通过现有渠道对每个县域医共体平均补助300万元。", 3000000),
    ],
)
def test_targets_what_there_is_now_in_a_clause_that_requires_is_no_stock(
    text: str, value: float
) -> None:
    assert [t.value for t in targets(text)] == [value]


def test_targets_a_count_below_which_a_school_is_meant_is_a_scope() -> None:
    found = targets("不足600名学生的学校配备1名专（兼）职保健教师。")
    assert [(t.value, t.unit) for t in found] == [(1, "名")]


def test_targets_a_stock_sufficient_for_so_many_days_is_a_floor() -> None:
    """满足30天满负荷运转需求 / 72小时方可返校: at least; a 满足率 is an indicator's name."""
    found = targets("各级疾控机构应急物资储备量应满足辖区30天应急处置需要。")
    assert [(t.value, t.unit, t.comparator) for t in found] == [(30, "天", ">=")]
    found = targets("出现诺如病毒感染病例的，病例须在症状消失后72小时方可返校。")
    assert [(t.value, t.comparator) for t in found] == [(72, ">=")]
    found = targets("到2025年，院前急救呼叫满足率保持100%。")
    assert [(t.value, t.comparator) for t in found] == [(100, "=")]
    found = targets("杀虫剂储备量不少于满足连续15天疫点处置的需要。")
    assert [(t.value, t.unit, t.comparator) for t in found] == [(15, "天", ">=")]


def test_targets_a_finding_named_as_what_a_duty_is_about_is_no_report() -> None:
    """对检查发现的问题…须在15个工作日内整改到位: 检查发现的 qualifies the problems; 检查发现 alone
    reports what an inspection found."""
    found = targets("对检查发现的问题，一般问题须在15个工作日内整改到位。")
    assert [(t.value, t.unit, t.comparator) for t in found] == [(15, "工作日", "<=")]
    assert targets("检查发现，部分医疗机构消毒合格率仅为85%。") == []
    found = targets("家庭医生团队对患有慢性病的每季度至少随访1次。")
    assert [(t.value, t.unit, t.comparator) for t in found] == [(1, "次", ">=")]
    assert targets("全县患有高血压的居民约有3.2万人。") == []


def test_targets_bounds_naming_the_bodies_a_provision_is_about_are_no_levels() -> None:
    """对人口规模在600人以下、距离…3公里以内的行政村，可不单设村卫生室: which villages."""
    found = targets(
        "对人口规模在600人以下、距离乡镇卫生院3公里以内的行政村，可不单设村卫生室；"
        "对“空白村”，按照每周至少巡诊2次的频次提供巡回医疗服务。"
    )
    assert [(t.value, t.unit) for t in found] == [(2, "次")]


def test_targets_a_quota_tables_columns_of_aims_with_their_unit_are_quotas() -> None:
    """乡镇 | 常住人口签约服务覆盖率目标（%）: a task-division table of aims, one place a row."""
    doc = _doc(
        "附件\n某县2024年家庭医生签约服务工作任务分解表\n"
        "乡镇\t常住人口签约服务覆盖率目标（%）\t重点人群签约服务覆盖率目标（%）\n"
        "东关镇\t≥40\t≥75\n南山乡\t≥48\t≥80\n"
    )
    assert [(t.subject, t.value, t.unit, t.comparator, t.deadline) for t in doc.targets] == [
        ("东关镇常住人口签约服务覆盖率目标", 40, "%", ">=", "2024-12-31"),
        ("东关镇重点人群签约服务覆盖率目标", 75, "%", ">=", "2024-12-31"),
        ("南山乡常住人口签约服务覆盖率目标", 48, "%", ">=", "2024-12-31"),
        ("南山乡重点人群签约服务覆盖率目标", 80, "%", ">=", "2024-12-31"),
    ]


def test_targets_a_table_below_a_caption_sharing_tasks_out_holds_quotas_in_its_unit_columns() -> (
    None
):
    """各县监测任务按…分配，具体如下： then 县区 | 采样份数（份） | 其中学校（份）: every
    column with its unit is a quota, but the basis of the sharing (常住人口（万人）); without such
    a caption the same table is no target."""
    table = (
        "县区\t常住人口（万人）\t采样份数（份）\t其中学校（份）\n"
        "东城县\t35.2\t1200\t300\n西山县\t18.4\t650\t150\n"
    )
    doc = _doc("二、监测任务\n各县饮用水监测任务根据常住人口和水厂数量分配，具体如下：\n" + table)
    assert [(t.subject, t.value, t.unit, t.comparator) for t in doc.targets] == [
        ("东城县采样份数", 1200, "份", "="),
        ("东城县学校采样份数", 300, "份", "="),
        ("西山县采样份数", 650, "份", "="),
        ("西山县学校采样份数", 150, "份", "="),
    ]
    assert _doc("二、监测任务\n各县基本情况如下：\n" + table).targets == []


def test_targets_a_numbered_items_title_ending_in_full_coverage_is_not_a_target() -> None:
    """2.机构全覆盖。…: the title names the item's topic; its body says what is to be reached."""
    assert fields(targets("2.医疗机构全覆盖。各地按三年安排，每年新增覆盖比例不低于30%。")) == [
        (30, "%", ">=", None)
    ]
    assert fields(targets("（三）推进远程医疗服务全覆盖。")) == [(100, "%", "=", None)]
    assert fields(targets("4.乡镇卫生院中医馆设置实现全覆盖；")) == [(100, "%", "=", None)]


def test_targets_a_time_limit_in_chinese_numerals_after_zai_is_a_duration() -> None:
    found = targets("新启动的地区须在两年内完成改革任务，并于三个工作日内上报。")
    assert [(t.value, t.unit, t.comparator, t.kind) for t in found] == [
        (2, "年", "<=", "duration"),
        (3, "工作日", "<=", "duration"),
    ]
    assert targets("在三年行动中逐步推开。") == []


def test_targets_a_year_that_dates_when_bodies_began_is_not_their_deadline() -> None:
    found = targets("2023年启动的试点地区须在2年内完成全部改革任务。")
    assert [(t.value, t.unit, t.deadline) for t in found] == [(2, "年", None)]
    found = targets("2023年启动地区须于两年内完成。")
    assert [(t.value, t.unit, t.deadline) for t in found] == [(2, "年", None)]
    found = targets("2026年全市新建10个示范社区。")
    assert [(t.value, t.unit, t.deadline) for t in found] == [(10, "个", "2026-12-31")]


def test_targets_a_count_in_a_scope_after_wancheng_is_the_number_to_complete() -> None:
    assert fields(targets("到2026年底前完成全市35所乡镇卫生院改造任务。")) == [
        (35, "所", "=", "2026-12-31")
    ]
    assert targets("全市35所乡镇卫生院全面开展签约服务。") == []


def test_targets_groups_of_a_case_mix_scheme_are_counted() -> None:
    assert fields(targets("原则上DRG细分组不少于600组。")) == [(600, "组", ">=", None)]
    assert targets("2 组织体系及职责") == []


def test_targets_a_size_after_zai_bounded_before_de_names_which_bodies() -> None:
    """学生规模在1000人以上的学校: which schools a norm is for, not how many students."""
    found = targets("到2026年，职工人数在200人以上的企业设立健康小屋的比例达到60%以上。")
    assert fields(found) == [(60, "%", ">=", "2026-12-31")]
    assert targets("床位数在500张以下的医院按规定设置感染管理科。") == []
    assert fields(targets("全市卫生院床位数在20张以上。")) == [(20, "张", ">=", None)]


def test_targets_a_count_before_daxing_counts_what_it_describes() -> None:
    assert fields(targets("各区每年至少组织3次大型义诊活动。")) == [(3, "次", ">=", None)]
    assert targets("实施健康促进5大工程。") == []


def test_targets_an_indicator_tables_cell_raised_on_the_basis_of_a_year_is_relative() -> None:
    doc = _doc(
        "主要指标\n序号\t指标\t基线值\t2026年目标值\t指标性质\n"
        "1\t抑郁症患者治疗率\t—\t在2023年基础上提高30%\t预期性\n"
    )
    assert [(t.value, t.unit, t.change, t.reference_year, t.deadline) for t in doc.targets] == [
        (30, "%", "increase", 2023, "2026-12-31")
    ]


def test_targets_a_count_inside_an_indicators_name_is_not_a_target() -> None:
    """10秒内接听比例, 产前检查5次及以上的比例: the count names what is measured."""
    assert fields(targets("120呼救电话10秒内接听比例达到95%以上。")) == [(95, "%", ">=", None)]
    assert fields(targets("孕产妇产前检查5次及以上的比例达到90%以上。")) == [(90, "%", ">=", None)]


def test_targets_a_span_of_years_before_leiji_is_not_a_duration() -> None:
    assert fields(targets("3年累计培训全科医生500人以上。")) == [(500, "人", ">=", None)]


def test_targets_a_change_on_the_same_period_last_year_is_a_target_unless_a_figure_is_stated() -> (
    None
):
    assert fields(targets("下转患者人次同比增长10%以上。")) == [(10, "%", ">=", None)]
    assert targets("全市门诊量为120万人次，同比增长5.2%。") == []


def test_targets_an_anniversary_is_no_count_of_weeks() -> None:
    assert targets("2024年是中华人民共和国成立75周年。") == []


def test_targets_a_year_opening_a_numbered_item_is_its_deadline() -> None:
    assert fields(targets("1.2024年全县完成宫颈癌筛查9000人。")) == [
        (9000, "人", "=", "2024-12-31")
    ]
    assert fields(targets("（二）2025年全县完成筛查10000人。")) == [
        (10000, "人", "=", "2025-12-31")
    ]


def test_targets_a_spacing_norm_is_its_range_of_spacing_not_its_count() -> None:
    found = targets("城区按照每15米至20米设置1个毒饵站的标准布设。")
    assert [(t.value, t.value_max, t.unit, t.comparator) for t in found] == [
        (15, 20, "米", "range")
    ]
    assert [(t.value, t.unit) for t in targets("主干道每隔500米设置1处公厕。")] == [(500, "米")]


def test_targets_a_count_after_huo_another_count_is_one_requirement_either_way() -> None:
    """至少建有1个健康主题公园或1条健康步道: either meets it; 1个…和1个… are two."""
    found = targets("到2024年，每个乡镇至少建有1个健康主题公园或1条健康步道。")
    assert fields(found) == [(1, "个", ">=", "2024-12-31")]
    assert len(targets("每个乡镇至少建成1个胸痛中心和1个卒中中心。")) == 2


@pytest.mark.parametrize(
    ("text", "comparator"),
    [
        ("每年提供不少于12种内容的印刷资料。", ">="),  # 内容, not 以内
        ("每2个月最少更换1次宣传栏。", ">="),
        ("在本预案印发后3个月内设立专家组。", "<="),  # 内设 is no word here
        ("整改须在15日内完成。", "<="),
    ],
)
def test_targets_a_word_opening_like_a_bound_after_the_figure_is_not_one(
    text: str, comparator: str
) -> None:
    assert [t.comparator for t in targets(text)] == [comparator]


def test_targets_a_scopes_count_of_places_in_chu_is_not_a_requirement() -> None:
    assert targets("评价对象为全县15处乡镇卫生院及其所辖村卫生室。") == []
    assert fields(targets("全县新建15处健康小屋。")) == [(15, "处", "=", None)]


def test_targets_already_built_residential_areas_name_where_a_norm_applies() -> None:
    """老城区和已建成居住区…的，按照每千人口不少于8个托位的标准补齐: 已建成 names which areas."""
    found = targets("老城区和已建成居住区无托育设施的，按照每千人口不少于8个托位的标准补齐。")
    assert fields(found) == [(8, "个/千人口", ">=", None)]
    assert targets("目前全县已建成托育机构12个。") == []


def test_targets_every_body_of_a_scope_reached_is_full_coverage() -> None:
    """覆盖全县所有助产机构: 100%; 到2025年，全部乡镇卫生院设置中医馆: 100% by then, but without
    a deadline 全部…设置 is a task."""
    assert fields(targets("监测范围覆盖全县所有助产机构。")) == [(100, "%", "=", None)]
    found = targets("到2025年，全部乡镇卫生院设置中医馆、配备中医医师。")
    assert fields(found) == [(100, "%", "=", "2025-12-31")]
    assert targets("全部乡镇卫生院设置中医馆。") == []


def test_targets_the_size_and_places_of_a_jurisdiction_are_not_requirements() -> None:
    """全镇辖14个农村社区、62个行政村，常住人口3.8万人: the town as it is."""
    assert targets("全镇辖14个农村社区、62个行政村，常住人口3.8万人。") == []
    assert fields(targets("每千常住人口拥有床位4张。")) == [(4, "张/千常住人口", "=", None)]


def test_targets_a_later_aim_for_the_same_rate_keeps_its_base() -> None:
    """每万常住人口全科医生数达到3.5人以上，到2027年达到4人以上: 4 per 10,000 too."""
    found = targets("到2025年，每万常住人口全科医生数达到3.5人以上，到2027年达到4人以上。")
    assert [(t.value, t.unit, t.deadline) for t in found] == [
        (3.5, "人/万常住人口", "2025-12-31"),
        (4, "人/万常住人口", "2027-12-31"),
    ]


def test_targets_another_body_of_the_same_kind_keeps_the_rate_of_the_one_before() -> None:
    """三级医院每百出院人次…达到2.5例以上，二级医院达到2例以上: 2 per 100 discharges too; a body of
    another kind (按照每千服务人口…，村卫生室配备2名) counts its own."""
    found = targets(
        "到2025年底，三级医院每百出院人次主动报告不良事件达到2.5例以上，二级医院达到2例以上。"
    )
    assert [(t.value, t.unit) for t in found] == [(2.5, "例/百出院人次"), (2, "例/百出院人次")]
    found = targets(
        "按照每千服务人口不少于1名的标准配备乡村医生，人口较多的村卫生室配备2名以上乡村医生。"
    )
    assert [(t.value, t.unit) for t in found] == [(1, "名/千服务人口"), (2, "名")]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("中心静脉导管相关血流感染发生率控制在1.5例/千导管日以下。", "例/千导管日"),
        ("三级医院每百出院人次主动报告不良事件达到2.5例以上。", "例/百出院人次"),
        ("每百名出院人次报告不良事件不少于2例。", "例/百名出院人次"),
        ("住院患者静脉输液平均每床日使用频次控制在2.5次以下。", "次/床日"),
    ],
)
def test_targets_a_hospitals_rates_per_unit_of_activity_keep_their_base(
    text: str, unit: str
) -> None:
    assert [t.unit for t in targets(text)] == [unit]


def test_targets_a_table_titled_as_tasks_of_places_holds_their_quotas_in_its_unit_column() -> None:
    """2024年各设区市年度采血任务 / 市 | 采血量（万单位）: each city's quota, in 单位."""
    doc = _doc(
        "附件\n2024年某省各设区市年度采血任务\n市\t采血量（万单位）\n甲市\t25.0\n乙市\t16.5\n"
    )
    assert [(t.value, t.unit, t.deadline) for t in doc.targets] == [
        (250000, "单位", "2024-12-31"),
        (165000, "单位", "2024-12-31"),
    ]
    assert fields(targets("全省采血量达到132万单位以上。")) == [(1320000, "单位", ">=", None)]


def test_targets_a_task_table_numbered_first_gives_each_columns_year_to_its_quotas() -> None:
    """序号 | 设区市 | 截至2024年底已建成（个） | 2025年建设任务（个） | 到2027年累计建成（个）
    under a title sharing tasks out: each city's quotas, dated by their column, the present left."""
    doc = _doc(
        "附件\n某省县域医疗卫生次中心建设任务分解表\n"
        "序号\t设区市\t截至2024年底已建成（个）\t2025年建设任务（个）\t到2027年累计建成（个）\n"
        "1\t甲市\t3\t4\t10\n\t全省合计\t52\t80\t200\n"
    )
    assert [(t.value, t.unit, t.deadline) for t in doc.targets] == [
        (4, "个", "2025-12-31"),
        (10, "个", "2027-12-31"),
        (80, "个", "2025-12-31"),
        (200, "个", "2027-12-31"),
    ]


def test_targets_a_table_of_communities_below_a_task_title_holds_their_quotas() -> None:
    """社区 | 65岁及以上老年人数（人） | 健康体检任务数（人): each community's task in the
    title's year; the count of the old is the basis, not a task."""
    doc = _doc(
        "附件\n某街道各社区2025年老年人健康管理任务分配表\n"
        "社区\t65岁及以上老年人数（人）\t健康体检任务数（人）\n甲社区\t1880\t1354\n"
    )
    assert [(t.value, t.unit, t.deadline) for t in doc.targets] == [(1354, "人", "2025-12-31")]


def test_targets_a_year_between_an_indicator_and_its_aim_is_the_deadline() -> None:
    """按时办结率2025年达到98%以上、2027年达到100%: each value by its year."""
    found = targets(
        "对投诉举报在接到后5个工作日内核查处理，按时办结率2025年达到98%以上、2027年达到100%。"
    )
    assert [(t.value, t.deadline) for t in found if t.unit == "%"] == [
        (98, "2025-12-31"),
        (100, "2027-12-31"),
    ]


def test_targets_a_bound_goes_on_over_a_list_of_counted_staff_with_a_bracket_in_it() -> None:
    """至少配备1名具有执业（助理）医师资格的家庭医生和1名护士: at least one nurse too."""
    found = targets("每个团队至少配备1名具有执业（助理）医师资格的家庭医生和1名护士。")
    assert [(t.value, t.comparator) for t in found] == [(1, ">="), (1, ">=")]


def test_targets_the_rest_of_the_places_counted_before_their_task_is_no_target() -> None:
    """其余6个设区市各选择不少于2个县开展试点: the six cities are who, two counties the aim."""
    found = targets("其余6个设区市各选择不少于2个县（市、区）开展县级试点。")
    assert [(t.value, t.comparator) for t in found] == [(2, ">=")]


def test_targets_clinic_sessions_are_counted_in_half_days() -> None:
    """戒烟门诊每周开诊不少于2个半天: two half-day sessions, not two of something."""
    found = targets("各县级医院设立戒烟门诊，每周开诊不少于2个半天。")
    assert [(t.value, t.unit, t.comparator) for t in found] == [(2, "个半天", ">=")]


def test_targets_beds_per_thousand_elderly_take_that_base() -> None:
    """每千名老年人拥有养老床位数达到35张以上: beds per thousand elderly, not beds."""
    found = targets("到2025年，每千名老年人拥有养老床位数达到35张以上。")
    assert [(t.value, t.unit) for t in found] == [(35, "张/千名老年人")]


def test_targets_reports_per_million_people_take_that_base() -> None:
    """每百万人口药品不良反应报告数不少于1000份: a reporting rate per million people."""
    found = targets("全市每百万人口药品不良反应报告数不少于1000份。")
    assert [(t.value, t.unit, t.comparator) for t in found] == [(1000, "份/百万人口", ">=")]


def test_targets_a_density_per_square_kilometre_keeps_its_area() -> None:
    """建成区公厕设置密度不低于3座/平方公里: toilets per square kilometre."""
    found = targets("建成区公厕设置密度不低于3座/平方公里。")
    assert [(t.value, t.unit, t.comparator) for t in found] == [(3, "座/平方公里", ">=")]

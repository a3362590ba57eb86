"""Work notices: task deadlines as days of the document's year, time limits, periodic duties."""

from __future__ import annotations

from pathlib import Path

from kg.extract.document import extract_text, source_for_path
from kg.model import ExtractedDocument

NOTICE = """关于开展病媒生物防制专项检查的通知

各镇（街道）：
为做好病媒生物防制工作，现将有关事项通知如下。
一、工作要求
（一）各镇（街道）每周开展1次环境清理，发现问题于3月20日前完成整改。
（二）接到报告后，应在12小时内完成现场处置。
（三）请于4月5日前将自查报告报区卫生健康局。

区卫生健康局
2025年3月2日
"""


def _notice() -> ExtractedDocument:
    source = source_for_path(__import__("pathlib").Path("notice.txt"))
    return extract_text(NOTICE, source=source, crosscheck_manifest=False)


def test_work_notice_task_deadline_is_a_day_of_the_documents_year() -> None:
    due = [(c.due, c.due_text) for c in _notice().clauses if c.due]
    assert due == [("2025-03-20", "于3月20日前"), ("2025-04-05", "请于4月5日前")]


def test_work_notice_time_limit_and_periodic_duty_are_figures() -> None:
    found = [(t.value, t.unit, t.comparator, t.periodicity, t.kind) for t in _notice().targets]
    assert found == [
        (1, "次", "=", "weekly", "standard"),
        (12, "小时", "<=", None, "duration"),
    ]


def test_work_notice_figures_read_by_ocr_are_flagged_for_review() -> None:
    source = source_for_path(__import__("pathlib").Path("scan.txt"))
    doc = extract_text(NOTICE, source=source, crosscheck_manifest=False, ocr=True)
    assert doc.targets
    assert all("OCR text" in t.review and t.confidence < 1 for t in doc.targets)


def test_work_notice_bulletin_findings_are_not_targets() -> None:
    raw = (
        "某区卫生健康局关于第三季度病媒防制督导情况的通报\n各镇（街道）：\n"
        "9月间，区卫生健康局组织对全区8个镇（街道）开展督导。现将有关情况通报如下：\n"
        "一、基本情况\n本次共督导居民小区40个，发现阳性积水点96处。\n"
        "二、存在问题\n2个建筑工地未落实专人负责。\n"
        "三、工作要求\n（一）各镇（街道）要于10月15日前完成整改，确保布雷图指数控制在5以下。\n"
        "某区卫生健康局\n2025年9月30日\n"
    )
    doc = extract_text(raw, source=source_for_path(Path("t.txt")), crosscheck_manifest=False)
    assert [(t.value, t.comparator, t.deadline) for t in doc.targets] == [(5, "<=", "2025-10-15")]


def test_work_notice_a_plan_s_review_of_the_past_period_states_no_targets() -> None:
    raw = (
        "某省卫生健康事业发展规划\n第一章 发展基础\n“十三五”时期，全省人均预期寿命达到78.1岁。\n"
        "第二章 发展目标\n到2025年，全省人均预期寿命达到79岁。\n"
    )
    doc = extract_text(raw, source=source_for_path(Path("t.txt")), crosscheck_manifest=False)
    assert [(t.value, t.deadline, t.measure_ref) for t in doc.targets] == [
        (79, "2025-12-31", "第二章")
    ]


def test_work_notice_plans_own_year_after_last_years_figures_states_targets() -> None:
    """2023年，…检查186家。2024年，全县…实现全覆盖，…达到95%以上 in a plan of 2024."""
    doc = extract_text(
        "某县2024年医保基金监管工作方案\n某县人民政府办公室\n2024年4月26日\n一、工作目标\n"
        "2023年，全县共检查定点医药机构186家。2024年，医保基金智能监控规则应用覆盖率达到95%以上。\n",
        source=source_for_path(Path("t.txt")),
        crosscheck_manifest=False,
    )
    assert [t.value for t in doc.targets] == [95]


def test_work_notice_section_of_findings_and_aims_keeps_its_aims() -> None:
    """一、基本情况和工作目标: last year's figures are the present, this year's goals targets."""
    doc = extract_text(
        "某区2024年食品安全工作方案\n某区人民政府办公室\n2024年5月8日\n一、基本情况和工作目标\n"
        "2023年，全区共完成监督抽检3126批次，合格率为97.8%。2024年工作目标：评价性抽检合格率稳定在98%以上。\n",
        source=source_for_path(Path("t.txt")),
        crosscheck_manifest=False,
    )
    assert [t.value for t in doc.targets] == [98]

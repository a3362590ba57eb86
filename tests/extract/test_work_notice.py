"""Work notices: task deadlines as days of the document's year, time limits, periodic duties."""

from __future__ import annotations

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

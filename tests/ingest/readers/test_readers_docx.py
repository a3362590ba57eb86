"""The .docx reader: body paragraphs and tables in document order, headers and footers out."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from kg.errors import UnreadableFileError
from kg.extract.document import extract_text, source_for_path
from kg.ingest.readers import read_file, reader_for


@pytest.fixture
def plan_docx(tmp_path: Path) -> Path:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "某县人民政府办公室（页眉）"
    document.sections[0].footer.paragraphs[0].text = "— 1 —"
    document.add_paragraph("某县将健康融入所有政策工作方案")
    document.add_paragraph("一、部门职责")
    table = document.add_table(rows=3, cols=3)
    rows = [
        ("部门", "职责", "健康因素"),
        ("卫生健康局", "加强健康教育。", "健康素养"),
        ("教育局", "", ""),
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    merged = table.cell(2, 1).merge(table.cell(2, 2))
    merged.text = "开展健康促进学校建设。"
    document.add_paragraph("二、保障措施")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    return path


def test_readers_docx_keeps_paragraphs_and_tables_in_order(plan_docx: Path) -> None:
    result = read_file(plan_docx)
    assert result.reader == "docx" and result.page_starts == (0,)
    assert result.text.splitlines() == [
        "某县将健康融入所有政策工作方案",
        "一、部门职责",
        "部门\t职责\t健康因素",
        "卫生健康局\t加强健康教育。\t健康素养",
        "教育局\t开展健康促进学校建设。",
        "二、保障措施",
    ]


def test_readers_docx_leaves_out_headers_and_footers(plan_docx: Path) -> None:
    text = read_file(plan_docx).text
    assert "页眉" not in text and "— 1 —" not in text


def test_readers_docx_named_doc_is_read_as_docx(plan_docx: Path) -> None:
    renamed = plan_docx.rename(plan_docx.with_suffix(".doc"))
    assert reader_for(renamed) == "docx"


def test_readers_docx_corrupt_is_refused_with_the_fix(plan_docx: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(plan_docx.read_bytes()[:2000])
    with pytest.raises(UnreadableFileError) as error:
        read_file(broken)
    assert str(broken) in error.value.message and "save it again as .docx" in (
        error.value.fix or ""
    )


def test_readers_docx_without_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    with pytest.raises(UnreadableFileError, match="no text"):
        read_file(path)


def test_readers_docx_tables_reach_the_extractor_as_rows(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("一、发展目标")
    document.add_paragraph("到2026年，全县卫生健康服务体系更加完善。")
    rows = [
        ["序号", "指标名称", "2021年", "2026年", "指标性质"],
        ["1", "婴儿死亡率（‰）", "3.9", "≤3.4", "约束性"],
    ]
    tasks = [
        ["序号", "重点任务", "责任单位", "完成时限"],
        ["1", "推进医共体建设", "县卫生健康局牵头，县财政局配合", "2025年底"],
    ]
    for content, before in ((rows, None), (tasks, "二、重点任务")):
        if before:
            document.add_paragraph(before)
        table = document.add_table(rows=len(content), cols=len(content[0]))
        for r, row in enumerate(content):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    path = tmp_path / "plan.docx"
    document.save(str(path))
    text = read_file(path).text
    doc = extract_text(
        text, source=source_for_path(tmp_path / "plan.txt"), crosscheck_manifest=False
    )
    assert [(t.value, t.unit, t.comparator, t.deadline, t.baseline_value) for t in doc.targets] == [
        (3.4, "‰", "<=", "2026-12-31", 3.9)
    ]
    assert [(r.measure_ref, r.lead, r.co) for r in doc.responsibilities] == [
        ("1", ("县卫生健康局",), ("县财政局",))
    ]

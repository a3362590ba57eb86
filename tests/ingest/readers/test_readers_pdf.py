"""The PDF reader: text layer in reading order, page map kept, page furniture dropped."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF

from kg.errors import UnreadableFileError
from kg.extract.normalize import normalize
from kg.ingest.readers import read_file, reader_for

Notice = Any  # conftest.Notice


def _squash(text: str) -> str:
    return "".join(text.split())


def test_readers_pdf_reads_every_paragraph_in_order(
    make_pdf: Callable[..., Path], notice: Notice
) -> None:
    result = read_file(make_pdf())
    assert result.reader == "pdf" and result.reader_version.startswith("pypdfium2 ")
    text = _squash(result.text)
    positions = [text.index(_squash(p)) for p in notice.paragraphs]
    assert positions == sorted(positions)


def test_readers_pdf_puts_a_letterhead_drawn_last_first(
    make_pdf: Callable[..., Path], notice: Notice
) -> None:
    result = read_file(make_pdf())
    assert result.text.splitlines()[0] == notice.letterhead


def test_readers_pdf_keeps_page_numbers_in_the_page_map(make_pdf: Callable[..., Path]) -> None:
    result = read_file(make_pdf())
    assert len(result.page_starts) == 3
    for page, heading in enumerate(("一、总体要求", "二、重点任务", "三、保障措施"), start=1):
        assert result.page_of(result.text.index(heading)) == page


def test_readers_pdf_drops_page_numbers_and_running_headers(
    make_pdf: Callable[..., Path], notice: Notice
) -> None:
    result = read_file(make_pdf())
    assert "— 2 —" not in result.text and "—2—" not in _squash(result.text)
    assert notice.running_header not in result.text.replace(notice.letterhead, "")
    assert any("page-number" in note for note in result.notes)
    assert any("running header" in note for note in result.notes)


def test_readers_pdf_wrapped_lines_are_joined_by_normalize(
    make_pdf: Callable[..., Path], notice: Notice
) -> None:
    result = read_file(make_pdf())
    long_paragraph = notice.paragraphs[1]
    assert long_paragraph not in result.text.splitlines()  # the PDF wrapped it
    assert long_paragraph in normalize(result.text).text.splitlines()


def test_readers_pdf_encrypted_is_refused_with_the_fix(make_pdf: Callable[..., Path]) -> None:
    path = make_pdf("locked.pdf", user_password="secret")
    with pytest.raises(UnreadableFileError) as error:
        read_file(path)
    assert str(path) in error.value.message and "encrypted" in error.value.message
    assert "qpdf --decrypt" in (error.value.fix or "")


def test_readers_pdf_truncated_is_refused(make_pdf: Callable[..., Path], tmp_path: Path) -> None:
    whole = make_pdf().read_bytes()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(whole[: len(whole) // 3])
    assert reader_for(broken) == "pdf"
    with pytest.raises(UnreadableFileError, match="not a readable PDF"):
        read_file(broken)


def test_readers_pdf_places_text_inside_forms_by_page_position(
    make_pdf: Callable[..., Path], notice: Notice, tmp_path: Path
) -> None:
    source = pdfium.PdfDocument(make_pdf())
    target = pdfium.PdfDocument.new()
    page = target.new_page(595, 842)
    for index, shift in ((1, 0), (2, 421)):  # source page 3 on the top half, page 2 below
        form = source.page_as_xobject(index, target).as_pageobject()
        form.transform(pdfium.PdfMatrix().scale(0.5, 0.5).translate(0, shift))
        page.insert_obj(form)
    page.gen_content()
    path = tmp_path / "forms.pdf"
    target.save(path)
    text = "".join(read_file(path).text.split())
    starts = [text.index("".join(p.split())) for p in notice.paragraphs[2:]]
    assert starts[2] < starts[3] < starts[0] < starts[1]


def test_readers_pdf_reads_a_rotated_page_as_displayed(
    make_pdf: Callable[..., Path], notice: Notice, tmp_path: Path
) -> None:
    source = pdfium.PdfDocument(make_pdf())
    target = pdfium.PdfDocument.new()
    page = target.new_page(842, 595)  # landscape as stored, shown portrait by /Rotate 90
    form = source.page_as_xobject(0, target).as_pageobject()
    form.transform(pdfium.PdfMatrix().rotate(90, ccw=True).translate(842, 0))
    page.insert_obj(form)
    page.gen_content()
    page.set_rotation(90)
    path = tmp_path / "rotated.pdf"
    target.save(path)
    lines = read_file(path).text.splitlines()
    assert lines[:3] == [notice.running_header, notice.letterhead, notice.paragraphs[0]]


def test_readers_pdf_table_cells_are_parted_by_tabs(
    cjk_font: tuple[Path, int], tmp_path: Path
) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("cjk", fname=str(cjk_font[0]), collection_font_number=cjk_font[1])
    pdf.set_font("cjk", size=11)
    pdf.cell(0, 10, "总 指 挥：王某", new_x="LMARGIN", new_y="NEXT")  # letter-spaced, not cells
    widths = (15, 70, 30, 30)
    for row in (("序号", "指标名称", "2021年", "2026年"), ("1", "婴儿死亡率（‰）", "3.9", "≤3.4")):
        for width, value in zip(widths, row, strict=True):
            pdf.cell(width, 10, value, border=1)
        pdf.ln()
    path = tmp_path / "table.pdf"
    pdf.output(str(path))
    lines = read_file(path).text.splitlines()
    assert lines[-2:] == ["序号\t指标名称\t2021年\t2026年", "1\t婴儿死亡率（‰）\t3.9\t≤3.4"]
    assert "\t" not in lines[0]


def _pdf(cjk_font: tuple[Path, int]) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.add_font("cjk", fname=str(cjk_font[0]), collection_font_number=cjk_font[1])
    pdf.set_font("cjk", size=11)
    return pdf


_TASKS = (
    ("序号", "工作任务", "责任单位", "完成时限"),
    (
        "1",
        "建立联防联控工作机制，定期召开联席会议，研究解决防控工作中的重大问题。",
        "甲市卫生健康局、甲市教育局",
        "2024年6月底前",
    ),
    ("2", "开展爱国卫生运动。", "甲市爱卫办", "长期坚持"),
)


def test_readers_pdf_ruled_table_row_with_wrapped_cells_is_one_line(
    cjk_font: tuple[Path, int], tmp_path: Path
) -> None:
    # a cell wrapped over lines: the row's one-line cells sit on its middle line, so read line
    # by line the row came out as three lines
    pdf = _pdf(cjk_font)
    pdf.multi_cell(0, 8, "重点任务分工表")
    with pdf.table(col_widths=(12, 70, 35, 30), first_row_as_headings=False) as table:
        for values in _TASKS:
            row = table.row()
            for value in values:
                row.cell(value)
    path = tmp_path / "tasks.pdf"
    pdf.output(str(path))
    assert read_file(path).text.splitlines() == ["重点任务分工表", *("\t".join(r) for r in _TASKS)]


def test_readers_pdf_ruled_table_drawn_as_lines_with_a_merged_cell(
    cjk_font: tuple[Path, int], tmp_path: Path
) -> None:
    # rules drawn as lines (as Word and WPS export them), the group column merged over two rows
    pdf = _pdf(cjk_font)
    xs, ys = (20, 50, 130, 160), (30, 40, 50, 60)
    for x in xs:
        pdf.line(x, ys[0], x, ys[-1])
    for y in ys:
        pdf.line(xs[0] if y in (ys[0], ys[-1], ys[1]) else xs[1], y, xs[-1], y)
    cells = [
        (0, 0, "领域"),
        (0, 1, "指标"),
        (0, 2, "2027年"),
        (1.5, 0, "健康水平"),
        (1, 1, "婴儿死亡率（‰）"),
        (1, 2, "≤4.5"),
        (2, 1, "孕产妇死亡率（1/10万）"),
        (2, 2, "≤12"),
    ]
    for row, column, text in cells:
        pdf.set_xy(xs[column] + 1, ys[0] + row * 10 + 2)
        pdf.cell(xs[column + 1] - xs[column] - 2, 6, text)
    path = tmp_path / "indicators.pdf"
    pdf.output(str(path))
    assert read_file(path).text.splitlines() == [
        "领域\t指标\t2027年",
        "健康水平\t婴儿死亡率（‰）\t≤4.5",
        "孕产妇死亡率（1/10万）\t≤12",  # the merged cell is written on its first row
    ]


def test_readers_pdf_ruled_stripes_in_one_column_are_no_table(
    cjk_font: tuple[Path, int], tmp_path: Path
) -> None:
    # the ruled paper of a gazette: one column of boxes, one line of text in each
    pdf = _pdf(cjk_font)
    for k, text in enumerate(("一、总体要求", "坚持预防为主，防治结合。", "二、主要目标")):
        pdf.set_xy(20, 30 + k * 10)
        pdf.cell(170, 10, text, border=1)
    path = tmp_path / "stripes.pdf"
    pdf.output(str(path))
    assert read_file(path).text.splitlines() == [
        "一、总体要求",
        "坚持预防为主，防治结合。",
        "二、主要目标",
    ]


def test_readers_pdf_a_tables_last_row_carried_onto_a_new_page_is_one_line(
    cjk_font: tuple[Path, int], tmp_path: Path
) -> None:
    pdf = _pdf(cjk_font)
    pdf.multi_cell(0, 8, "重点任务分工表")
    with pdf.table(col_widths=(12, 70, 35, 30), first_row_as_headings=False) as table:
        for values in _TASKS[:2]:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.add_page()
    last = ("3", "开展督导评估。", "甲市卫生健康局", "甲市政府督查室、甲市融媒体中心")
    with pdf.table(col_widths=(12, 70, 35, 30), first_row_as_headings=False) as table:
        row = table.row()
        for value in last:
            row.cell(value)
    path = tmp_path / "carried.pdf"
    pdf.output(str(path))
    lines = read_file(path).text.splitlines()
    assert lines[-1] == "\t".join(last)

"""Ruled tables on a scan: found from their rules and read cell by cell, each row one line with
its cells parted by tabs, in its place among the page's text; pages without one read as before."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from kg.ingest.readers import read_file
from kg.ingest.readers.scan_tables import find_tables, page_skew, tables_levelled

ABOVE = "附表重点任务分工"
BELOW = "四、工作要求"
COLUMNS = (120, 300, 1300, 1900, 2360)  # the vertical rules, x in pixels (A4 at 300 dpi)
ROWS = (
    ("序号", "工作任务", "责任单位", "完成时限"),
    ("1", "制定基层医疗卫生机构服务能力提升年实施细则", "市卫生健康委", "2025年4月30日前"),
    ("2", ("推动每个县至少1家乡镇卫生院", "达到推荐标准"), "市医保局", "2025年底前"),
    ("3", "新增乡镇卫生院全科医生不少于60名", "市财政局", "年内"),
)


def _font(cjk_font: tuple[Path, int], size: int = 36) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(cjk_font[0]), size, index=cjk_font[1])


def _ruled_page(cjk_font: tuple[Path, int]) -> Image.Image:
    """A heading, a ruled four-column task table (a header row; row 2's task wrapped over two
    lines), and a heading below, as a scan at 300 dpi shows them."""
    font = _font(cjk_font)
    image = Image.new("L", (2480, 1400), 255)
    draw = ImageDraw.Draw(image)
    draw.text((200, 100), ABOVE, font=font, fill=0)
    ys = [200]
    for row in ROWS:
        lines = max(len(cell) if isinstance(cell, tuple) else 1 for cell in row)
        ys.append(ys[-1] + 40 + 50 * lines)
    for y in ys:
        draw.line((COLUMNS[0], y, COLUMNS[-1], y), fill=0, width=3)
    for x in COLUMNS:
        draw.line((x, ys[0], x, ys[-1]), fill=0, width=3)
    for row, top in zip(ROWS, ys, strict=False):
        for cell, left in zip(row, COLUMNS, strict=False):
            for k, line in enumerate(cell if isinstance(cell, tuple) else (cell,)):
                draw.text((left + 20, top + 25 + 50 * k), line, font=font, fill=0)
    draw.text((200, ys[-1] + 100), BELOW, font=font, fill=0)
    return image


EXPECTED = [
    "\t".join("".join(cell) if isinstance(cell, tuple) else cell for cell in row) for row in ROWS
]


@pytest.mark.parametrize("askew", [0.0, 0.8])
def test_readers_ocr_tables_rows_are_read_cell_by_cell_between_the_text(
    tesseract_chi_sim: None, cjk_font: tuple[Path, int], tmp_path: Path, askew: float
) -> None:
    """Also on a page fed askew (0.8 degrees): it is read levelled."""
    path = tmp_path / "table.png"
    page = _ruled_page(cjk_font).rotate(askew, resample=Image.Resampling.BILINEAR, fillcolor=255)
    page.save(path, dpi=(300, 300))
    result = read_file(path)
    assert result.text.split("\n") == [ABOVE, *EXPECTED, BELOW]
    assert result.ocr is not None and result.ocr.mean_confidence > 70
    assert all(0 <= s < e <= len(result.text) for s, e in result.ocr.low_confidence)


def test_readers_ocr_tables_grid_has_the_drawn_cells(cjk_font: tuple[Path, int]) -> None:
    (table,) = find_tables(np.asarray(_ruled_page(cjk_font)))
    assert table.columns == 4
    assert sorted({cell.row for cell in table.cells}) == [0, 1, 2, 3]
    assert len(table.cells) == 16
    left, top, right, _ = table.box
    assert abs(left - COLUMNS[0]) <= 3 and abs(right - COLUMNS[-1]) <= 3 and abs(top - 200) <= 3
    for cell in table.cells:  # inside the rules, clear of them
        assert COLUMNS[cell.column] + 3 < cell.box[0] < cell.box[2] < COLUMNS[cell.column + 1] - 3


def test_readers_ocr_tables_a_cell_merged_over_rows_or_columns_is_one_cell() -> None:
    image = Image.new("L", (2480, 900), 255)
    draw = ImageDraw.Draw(image)
    xs, ys = (200, 800, 1400, 2200), (100, 250, 400, 550)
    for y in (ys[0], ys[-1]):
        draw.line((xs[0], y, xs[-1], y), fill=0, width=3)
    draw.line((xs[0], ys[1], xs[-1], ys[1]), fill=0, width=3)
    draw.line((xs[0], ys[2], xs[2], ys[2]), fill=0, width=3)  # the last column merges rows 2-3
    for x in (xs[0], xs[-1]):
        draw.line((x, ys[0], x, ys[-1]), fill=0, width=3)
    draw.line((xs[1], ys[1], xs[1], ys[-1]), fill=0, width=3)  # row 1 is one cell across
    draw.line((xs[2], ys[1], xs[2], ys[-1]), fill=0, width=3)
    (table,) = find_tables(np.asarray(image))
    cells = {(cell.row, cell.column): cell.box for cell in table.cells}
    assert sorted(cells) == [(0, 0), (1, 0), (1, 1), (1, 2), (2, 0), (2, 1)]
    assert cells[(0, 0)][2] > xs[2]  # across the table
    assert cells[(1, 2)][3] > ys[2]  # down two rows


@pytest.mark.parametrize("askew", [0.3, 1.0, -1.5])
def test_readers_ocr_tables_page_skew_is_measured_from_the_rules(
    cjk_font: tuple[Path, int], askew: float
) -> None:
    page = _ruled_page(cjk_font).rotate(askew, resample=Image.Resampling.BILINEAR, fillcolor=255)
    assert page_skew(np.asarray(page)) == pytest.approx(-askew, abs=0.05)
    level, (table,) = tables_levelled(page)
    assert level is not page and len(table.cells) == 16


def test_readers_ocr_tables_page_skew_of_a_page_of_text_is_none(
    make_image: Callable[..., Path],
) -> None:
    image = Image.open(make_image(["关于做好登革热防控工作的通知", "一" * 60, "三、任务分工"]))
    assert page_skew(np.asarray(image.convert("L"))) == 0.0


@pytest.mark.parametrize("rules", ["none", "horizontal"])
def test_readers_ocr_tables_none_on_a_page_of_text_or_of_horizontal_rules(
    cjk_font: tuple[Path, int], make_image: Callable[..., Path], rules: str
) -> None:
    """A page of text, or a 版记 (the rules at a document's end, horizontal only), holds no
    table: it is read as a page is read without tables."""
    image = Image.open(
        make_image(["关于做好登革热防控工作的通知", "一" * 60, "到2025年达到95%以上。"])
    )
    if rules == "horizontal":
        draw = ImageDraw.Draw(image)
        for y in (20, 160, 300):
            draw.line((120, y, 2360, y), fill=0, width=3)
    assert find_tables(np.asarray(image.convert("L"))) == []

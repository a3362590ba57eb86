"""The OCR reader: scans and images read by Tesseract chi_sim, with confidence recorded, and a
clear error naming the Debian packages when Tesseract or its model is missing."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytesseract
import pytest
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

from kg.errors import MissingToolError, UnreadableFileError
from kg.ingest.readers import read_file, reader_for
from kg.ingest.readers.ocr import (
    _date_repaired,
    _misreadings_repaired,
    _percent_96_repaired,
    _percent_repaired,
)

LINES = ["关于做好登革热防控工作的通知", "到2025年，病例报告及时率达到95%以上。"]


@pytest.fixture
def scanned_pdf(make_image: Callable[..., Path], tmp_path: Path) -> Path:
    """A two-page PDF of images only, as a scanner writes it."""
    pdf = FPDF(format="A4")
    for n, line in enumerate(LINES):
        image = make_image([line], name=f"page{n}.png")
        pdf.add_page()
        pdf.image(str(image), x=0, y=20, w=210)
    path = tmp_path / "scanned.pdf"
    pdf.output(str(path))
    return path


def test_readers_ocr_reads_an_image_of_chinese_text(
    tesseract_chi_sim: None, make_image: Callable[..., Path]
) -> None:
    result = read_file(make_image(LINES))
    assert result.reader == "ocr" and "chi_sim" in result.reader_version
    squashed = "".join(result.text.split())
    for word in ("登革热", "防控工作", "通知", "2025", "95%"):
        assert word in squashed
    assert result.ocr is not None and result.ocr.mean_confidence > 70
    assert result.ocr.engine.startswith("tesseract ") and result.ocr.engine.endswith("chi_sim")


def test_readers_ocr_scanned_pdf_is_detected_and_paged(
    tesseract_chi_sim: None, scanned_pdf: Path
) -> None:
    assert reader_for(scanned_pdf) == "ocr"
    result = read_file(scanned_pdf)
    assert len(result.page_starts) == 2
    assert result.page_of(result.text.index("登革热")) == 1
    assert result.page_of(result.text.index("95")) == 2


def test_readers_ocr_low_confidence_spans_lie_in_the_text(
    tesseract_chi_sim: None, make_image: Callable[..., Path]
) -> None:
    result = read_file(make_image(LINES, size=14))  # small print: the figure 95% is doubtful
    assert result.ocr is not None
    spans = result.ocr.low_confidence
    assert spans, "small print should leave some words below the confidence threshold"
    assert any(any(c.isdigit() for c in result.text[s:e]) for s, e in spans)  # a figure to review
    assert all(0 <= s < e <= len(result.text) for s, e in spans)
    assert all(a[1] < b[0] for a, b in itertools.pairwise(spans))  # sorted, merged


def test_readers_ocr_blank_scan_has_no_text(
    tesseract_chi_sim: None, make_image: Callable[..., Path]
) -> None:
    path = make_image([], name="blank.png")
    with pytest.raises(UnreadableFileError, match="OCR found no text") as error:
        read_file(path)
    assert str(path) in error.value.message


def test_readers_ocr_switched_off_refuses_a_scan(make_image: Callable[..., Path]) -> None:
    with pytest.raises(UnreadableFileError, match="OCR is switched off"):
        read_file(make_image(LINES), ocr=False)


def test_readers_ocr_without_tesseract_names_the_packages(
    make_image: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-tesseract"))
    with pytest.raises(MissingToolError) as error:
        read_file(make_image(LINES))
    assert "tesseract-ocr tesseract-ocr-chi-sim" in (error.value.fix or "")


def test_readers_ocr_without_chi_sim_names_the_packages(
    tesseract_chi_sim: None,
    make_image: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # a model folder with no models
    with pytest.raises(MissingToolError, match="no 'chi_sim' model") as error:
        read_file(make_image(LINES))
    assert "tesseract-ocr-chi-sim" in (error.value.fix or "")


def test_readers_ocr_leaves_out_red_ink(
    tesseract_chi_sim: None, cjk_font: tuple[Path, int], tmp_path: Path
) -> None:
    image = Image.new("RGB", (2480, 600), "white")
    draw = ImageDraw.Draw(image)
    draw.text((300, 60), "某市人民政府文件", font=_font(cjk_font, 120), fill=(230, 0, 18))
    draw.text((120, 320), LINES[0], font=_font(cjk_font, 36), fill="black")
    path = tmp_path / "letterhead.png"
    image.save(path)
    text = read_file(path).text
    assert "登革热" in text and "人民政府" not in text


def _font(cjk_font: tuple[Path, int], size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(cjk_font[0]), size, index=cjk_font[1])


@pytest.mark.parametrize(
    ("word", "repaired"),
    [
        ("809%以上", "80%以上"),
        ("909%", "90%"),
        ("1009%", "100%"),
        ("99%", "99%"),
        ("12.59%", "12.59%"),
        ("1000%", "100%"),
        ("150%", "150%"),
        ("85%6以上", "85%以上"),
        ("620%4以上", "62%以上"),
        ("100%5", "100%"),
    ],
)
def test_readers_ocr_percent_sign_misread_is_repaired_only_over_the_limit(
    word: str, repaired: str
) -> None:
    assert _percent_repaired(word) == repaired


@pytest.mark.parametrize(
    ("word", "repaired"), [("2025年11]月30日前", "2025年11月30日前"), ("[1]", "[1]")]
)
def test_readers_ocr_stroke_read_into_a_date_is_dropped(word: str, repaired: str) -> None:
    assert _date_repaired(word) == repaired


@pytest.mark.parametrize(
    ("words", "repaired"),
    [
        (["保持10096。"], ["保持100%。"]),
        (["达到", "8596", "以上"], ["达到", "85%", "以上"]),
        (["全年", "2096", "人次"], ["全年", "2096", "人次"]),
        (["服务9996"], ["服务9996"]),  # at a line's end: nothing says it was a share
    ],
)
def test_readers_ocr_percent_sign_read_as_96_is_repaired_before_a_bound_word(
    words: list[str], repaired: list[str]
) -> None:
    assert [w for w, _ in _percent_96_repaired([(w, 90.0) for w in words])] == repaired


def test_readers_ocr_misread_brackets_and_words_are_repaired_letter_for_letter() -> None:
    text = "14家卫生院〈服务中\n心)自评，履盖率达到100%。〈奉头股室:中医药股)〈规划〉8:30"
    repaired = _misreadings_repaired(text)
    assert (
        repaired
        == "14家卫生院（服务中\n心）自评，覆盖率达到100%。（牵头股室：中医药股）〈规划〉8:30"
    )
    assert len(repaired) == len(text)


def test_readers_ocr_misread_labels_table_bounds_and_words_over_a_line_break_are_repaired() -> None:
    """《这头单位：…） and 配合单位；: a note's label; 亏95% and 之92% in a table's cells: ≥; 侍肺
    and 履\n盖 with the line's break kept; 《职业病防治法》 and 总数之1 stay."""
    text = (
        "侍肺病患者服务履\n盖率达到90%。《这头单位：省卫生健康委；配合单位;省教育厅）\n"
        "1\t检测率\t86.5%\t亏95%\t之92%\t>85%\n《职业病防治法》宣传周，占总数之1成"
    )
    repaired = _misreadings_repaired(text)
    assert repaired == (
        "尘肺病患者服务覆\n盖率达到90%。（牵头单位：省卫生健康委；配合单位：省教育厅）\n"
        "1\t检测率\t86.5%\t≥95%\t≥92%\t≥85%\n《职业病防治法》宣传周，占总数之1成"
    )
    assert len(repaired) == len(text)


def test_readers_ocr_a_ranges_dash_misread_as_yi_between_figures_is_repaired() -> None:
    """1000一1500张 and 每3万一10万居民: the range's dash; 第一1 and 一个 stay."""
    text = "床位控制在1000一1500张，每3万一10万居民设置1所中心，一个乡镇一所卫生院"
    repaired = _misreadings_repaired(text)
    assert repaired == "床位控制在1000—1500张，每3万—10万居民设置1所中心，一个乡镇一所卫生院"
    assert len(repaired) == len(text)


def _speckled(path: Path, *, specks: int, seed: int = 7) -> Image.Image:
    """The image with ``specks`` dots of 2×2 pixels strewn over it, as a fax leaves them."""
    import random

    image = Image.open(path).convert("L")
    draw = ImageDraw.Draw(image)
    rng = random.Random(seed)
    for _ in range(specks):
        x, y = rng.randrange(image.width - 2), rng.randrange(image.height - 2)
        draw.rectangle((x, y, x + 1, y + 1), fill=0)
    return image


def test_readers_ocr_speckled_page_is_despeckled_and_a_clean_one_left_alone(
    make_image: Callable[..., Path],
) -> None:
    from kg.ingest.readers.ocr import despeckled

    clean = Image.open(make_image(LINES)).convert("L")
    assert despeckled(clean).tobytes() == clean.tobytes()
    noisy = _speckled(make_image(LINES, name="noisy.png"), specks=3000)
    assert despeckled(noisy).tobytes() != noisy.tobytes()
    assert sum(v < 128 for v in despeckled(noisy).tobytes()) < sum(v < 128 for v in noisy.tobytes())


def test_readers_ocr_reads_the_words_of_a_speckled_page(
    tesseract_chi_sim: None, make_image: Callable[..., Path], tmp_path: Path
) -> None:
    noisy = tmp_path / "fax.png"
    _speckled(make_image(LINES), specks=4000).save(noisy, dpi=(300, 300))
    squashed = "".join(read_file(noisy).text.split())  # read undespeckled: nothing at all
    for word in ("关于做好", "工作的通知", "2025", "病例报告"):
        assert word in squashed

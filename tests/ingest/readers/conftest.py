"""Fixtures for the reader tests: input files the tests make themselves (python-docx, fpdf2
with a CJK font, Pillow images of rendered text), and skips, with the reason, where a system
tool or the development documents are missing."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[3]
SHARED_DOCUMENTS = ROOT.parent / "shared" / "documents"

# (file, index of the Simplified Chinese face in a collection)
CJK_FONTS = (
    (Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"), 2),
    (Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"), 2),
    (Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"), 0),
    (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), 0),
)

LETTERHEAD = "某市卫生健康委员会文件"
RUNNING_HEADER = "某市卫生健康委员会"
PARAGRAPHS = (
    "一、总体要求",
    "到2025年，全市居民健康素养水平达到30%以上，重大慢性病过早死亡率较2015年降低20%，"
    "每千常住人口执业（助理）医师数达到3.2人，城乡居民健康水平持续提高。",
    "二、重点任务",
    "各区要加强登革热防控工作，建立健全联防联控机制，落实属地责任、部门责任、单位责任和"
    "个人责任，病例报告及时率达到95%以上。",
    "三、保障措施",
    "各部门要按照职责分工，细化工作措施，确保各项任务落到实处，每年开展一次督导评估。",
)


@dataclass(frozen=True)
class Notice:
    """What :func:`make_pdf` writes, for the tests to look for."""

    letterhead: str = LETTERHEAD
    running_header: str = RUNNING_HEADER
    paragraphs: tuple[str, ...] = PARAGRAPHS


@pytest.fixture(scope="session")
def notice() -> Notice:
    return Notice()


@pytest.fixture(scope="session")
def cjk_font() -> tuple[Path, int]:
    for path, index in CJK_FONTS:
        if path.exists():
            return path, index
    pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")


class _Letter(FPDF):
    """An A4 notice: a running header and a '— N —' page number on every page."""

    def header(self) -> None:
        self.set_font("cjk", size=9)
        self.cell(0, 8, RUNNING_HEADER, align="R")
        self.ln(12)

    def footer(self) -> None:
        self.set_y(-18)
        self.set_font("cjk", size=12)
        self.cell(0, 10, f"— {self.page_no()} —", align="C")


@pytest.fixture
def make_pdf(cjk_font: tuple[Path, int], tmp_path: Path) -> Callable[..., Path]:
    """A text PDF, one page per paragraph pair, with the letterhead drawn last on page 1."""

    def make(name: str = "notice.pdf", *, user_password: str | None = None) -> Path:
        pdf = _Letter(format="A4")
        pdf.add_font("cjk", fname=str(cjk_font[0]), collection_font_number=cjk_font[1])
        for n in range(0, len(PARAGRAPHS), 2):
            pdf.add_page()
            pdf.set_font("cjk", size=14)
            pdf.set_y(60 if n == 0 else 30)
            for paragraph in PARAGRAPHS[n : n + 2]:
                pdf.multi_cell(0, 9, paragraph)
                pdf.ln(3)
            if n == 0:  # drawn after the body, as government PDFs often draw the red letterhead
                pdf.set_xy(20, 30)
                pdf.set_font("cjk", size=22)
                pdf.cell(0, 14, LETTERHEAD, align="C")
        if user_password:
            pdf.set_encryption(owner_password="owner", user_password=user_password)
        path = tmp_path / name
        pdf.output(str(path))
        return path

    return make


@pytest.fixture
def make_image(cjk_font: tuple[Path, int], tmp_path: Path) -> Callable[..., Path]:
    """A scan-like image of the lines: black on white, 36 px high (body print at 300 dpi)."""

    def make(lines: list[str], name: str = "scan.png", *, size: int = 36) -> Path:
        font = ImageFont.truetype(str(cjk_font[0]), size, index=cjk_font[1])
        image = Image.new("L", (2480, 200 + len(lines) * size * 2), 255)  # A4 width at 300 dpi
        draw = ImageDraw.Draw(image)
        for i, line in enumerate(lines):
            draw.text((120, 100 + i * size * 2), line, font=font, fill=0)
        path = tmp_path / name
        image.save(path, dpi=(300, 300))
        return path

    return make


@pytest.fixture(scope="session")
def tesseract_chi_sim() -> None:
    command = shutil.which("tesseract")
    if command is None:
        pytest.skip(
            "Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)"
        )
    listed = subprocess.run([command, "--list-langs"], capture_output=True, text=True).stdout
    if "chi_sim" not in listed.split():
        pytest.skip("Tesseract has no chi_sim model (apt-get install tesseract-ocr-chi-sim)")


@pytest.fixture(scope="session")
def antiword() -> None:
    if shutil.which("antiword") is None:
        pytest.skip("antiword is not installed (apt-get install antiword)")


@pytest.fixture(scope="session")
def shared_documents() -> Path:
    if not SHARED_DOCUMENTS.is_dir():
        pytest.skip(f"the development documents are not at {SHARED_DOCUMENTS}")
    return SHARED_DOCUMENTS

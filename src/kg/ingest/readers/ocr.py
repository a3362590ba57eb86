"""Scans (PDFs with no text layer) and images (.png, .jpg, .tif) read by OCR.

Tesseract with Debian's ``chi_sim`` model, driven through pytesseract (Apache-2.0), one
Tesseract process per page, the pages spread over the cores with ``concurrent.futures``
(threads suffice: the work happens in the Tesseract processes). PDF pages are rendered with
pypdfium2 at the resolution set in ``data/readers.toml`` (300 dpi, what Tesseract is trained
for). ocrmypdf is not used: it writes a new PDF, and here only the text and word confidences
are wanted.

Pages are OCR'd in their red channel: the red letterhead (红头) and red seals, which Tesseract
reads as strings of wrong characters and which hide the black print under a seal, turn white
(on the development scans the mean word confidence of a letterhead page rises from 85 to 91).

A ruled table (:mod:`kg.ingest.readers.scan_tables`) is read cell by cell: each row one line,
its cells parted by tabs as in a text PDF's table, a cell wrapped over lines read whole, the rows
where the table stands among the page's text. A page without one is read as it always was.

The text keeps Tesseract's lines; page numbers and running headers are dropped as for text
PDFs. ``ReadResult.ocr`` records the engine, the mean word confidence and the spans of words
below the confidence threshold, so that figures read from them can be flagged for review.
"""

from __future__ import annotations

import bisect
import itertools
import os
import re
import subprocess
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageSequence, UnidentifiedImageError

from kg.errors import MissingToolError, RuleDataError, UnreadableFileError
from kg.ingest.readers.base import (
    OcrInfo,
    ReadResult,
    clean_line,
    join_pages,
    package_version,
    registry,
    rule,
)
from kg.ingest.readers.pages import drop_furniture
from kg.ingest.readers.pdf import PDF_MAGIC, is_scan, open_pdf
from kg.ingest.readers.scan_tables import Table, tables_levelled

IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
TESSERACT_PACKAGES = "tesseract-ocr tesseract-ocr-chi-sim"
_ASCII_WORD = re.compile(r"[0-9A-Za-z]")


Word = tuple[str, float]  # (text, confidence 0-100)


def _joined(words: Iterable[Word]) -> str:
    out = ""
    for word, _ in words:
        if out and _ASCII_WORD.match(out[-1]) and _ASCII_WORD.match(word[0]):
            out += " "
        out += word
    return out


@dataclass(frozen=True)
class _Line:
    """A line of text as Tesseract found it."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return _joined(self.words)


@dataclass(frozen=True)
class _Row:
    """A row of a ruled table: each column's cell as the lines read in it (none if empty)."""

    cells: tuple[tuple[_Line, ...], ...]

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(w for cell in self.cells for line in cell for w in line.words)

    @property
    def text(self) -> str:
        """The cells parted by tabs, each cell's lines joined; a row with one filled cell (a
        title across the table) is that cell's text alone, as in a text PDF's table."""
        texts = ["".join(line.text for line in cell) for cell in self.cells]
        filled = [t for t in texts if t]
        return filled[0] if len(filled) == 1 else "\t".join(texts)


def tesseract_engine(path: Path) -> str:
    """``"tesseract 5.3.0 chi_sim"``, or an error naming the Debian packages to install.

    Asked of the Tesseract command each time (pytesseract caches its own answers for the life
    of the process, which would hide a model installed or removed meanwhile).
    """
    language = str(rule("ocr", "language"))
    command = str(_pytesseract().pytesseract.tesseract_cmd)
    install = (
        f"install the Debian packages {TESSERACT_PACKAGES} (`apt-get install {TESSERACT_PACKAGES}`)"
    )
    try:
        version = (
            subprocess.run([command, "--version"], capture_output=True, text=True, check=True)
            .stdout.split("\n", 1)[0]
            .strip()
        )
        listed = subprocess.run(
            [command, "--list-langs"], capture_output=True, text=True, check=False
        ).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        raise MissingToolError(
            f"{path}: has no text layer and must be read by OCR, but Tesseract ({command}) is not"
            f" installed or does not run ({exc}).",
            fix=f"{install}, or switch OCR off",
        ) from exc
    languages = [line.strip() for line in listed.splitlines()[1:] if line.strip()]
    if language not in languages:
        raise MissingToolError(
            f"{path}: has no text layer and must be read by OCR, but Tesseract ({version}) has no"
            f" {language!r} model (it has: {', '.join(languages) or 'none'}).",
            fix=f"{install}, or point TESSDATA_PREFIX at a folder holding {language}.traineddata",
        )
    return f"{version} {language}"


@cache
def _pytesseract() -> ModuleType:
    """pytesseract, imported when a scan is read: it imports pandas, a quarter of a second
    that every kg command (``kg build`` too) paid at start-up."""
    import pytesseract

    return pytesseract


def _ocr_page(path: Path, image: Image.Image) -> list[_Line | _Row]:
    """The page's lines; a ruled table's rows read cell by cell, where the table stands.

    A page askew whose table is found whole only once it is levelled is read levelled. On a
    page with tables the tables are whitened out and the page is read in slices cut at
    each table's top: the text above a table, the table's rows, the text beside and below it.
    (Read whole, Tesseract's layout analysis drops a caption line just above a whitened table.)
    """
    psm = int(rule("ocr", "psm"))
    image, tables = tables_levelled(image)
    if not tables:
        return list(_lines(_tesseract(path, image, psm=psm)))
    rest = image.copy()
    draw = ImageDraw.Draw(rest)
    margin = round(float(rule("ocr_tables", "max_rule_thickness")) * image.width)
    for table in tables:
        left, top, right, bottom = table.box
        draw.rectangle((left - margin, top - margin, right + margin, bottom + margin), fill=255)
    cuts = [0, *(max(0, table.box[1] - margin) for table in tables), image.height]
    lines: list[_Line | _Row] = []
    for k, (top, bottom) in enumerate(itertools.pairwise(cuts)):
        if k:
            lines += _table_rows(path, image, tables[k - 1])
        if bottom > top:
            data = _tesseract(path, rest.crop((0, top, image.width, bottom)), psm=psm)
            lines += _lines(data)
    return lines


def _tesseract(path: Path, image: Image.Image, *, psm: int) -> dict[str, list[Any]]:
    pytesseract = _pytesseract()
    try:
        data: dict[str, list[Any]] = pytesseract.image_to_data(
            image,
            lang=str(rule("ocr", "language")),
            config=f"--psm {psm}",
            output_type=pytesseract.Output.DICT,
        )
    except pytesseract.TesseractError as exc:
        raise UnreadableFileError(
            f"{path}: Tesseract failed on a page ({exc.message.strip() or exc.status}).",
            fix="check the scan opens in an image viewer; export it again as PNG or PDF",
        ) from exc
    return data


def _lines(data: dict[str, list[Any]], *, only: Sequence[int] | None = None) -> Iterator[_Line]:
    """Tesseract's words grouped in its lines (of the word indices ``only``, if given)."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for i in range(len(data["text"])) if only is None else only:
        word = _date_repaired(_percent_repaired(clean_line(data["text"][i])))
        confidence = float(data["conf"][i])
        if word and confidence >= 0:
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            lines.setdefault(key, []).append((word, confidence))
    for words in lines.values():
        yield _Line(tuple(_percent_96_repaired(_without_stray_marks(words))))


def _table_rows(path: Path, image: Image.Image, table: Table) -> list[_Row]:
    """The table's rows, its cells read in one Tesseract run: the cells with ink are stacked
    one under another on a white sheet, far enough apart that no line joins two of them (one
    run, not one per cell: Tesseract's start-up with chi_sim costs more than a cell's reading)."""
    gap = round(float(rule("ocr_tables", "cell_gap")) * image.width)
    min_ink = float(rule("ocr_tables", "cell_min_ink"))
    ink_below = int(rule("ocr_tables", "ink_below"))
    crops = [(cell, image.crop(cell.box)) for cell in table.cells]
    crops = [
        (cell, crop) for cell, crop in crops if (np.asarray(crop) < ink_below).mean() >= min_ink
    ]
    read: dict[tuple[int, int], tuple[_Line, ...]] = {}
    if crops:
        sheet = Image.new(
            "L",
            (max(c.width for _, c in crops) + 2 * gap, sum(c.height + gap for _, c in crops) + gap),
            255,
        )
        bottoms = []
        y = gap
        for _, crop in crops:
            sheet.paste(crop, (gap, y))
            y += crop.height + gap
            bottoms.append(y - gap // 2)
        data = _tesseract(path, sheet, psm=int(rule("ocr_tables", "cell_psm")))
        words: list[list[int]] = [[] for _ in crops]
        for i in range(len(data["text"])):
            middle = data["top"][i] + data["height"][i] // 2
            words[min(bisect.bisect_left(bottoms, middle), len(crops) - 1)].append(i)
        for (cell, _), indices in zip(crops, words, strict=True):
            read[(cell.row, cell.column)] = tuple(_lines(data, only=indices))
    out = []
    for row in sorted({cell.row for cell in table.cells}):
        read_row = _Row(tuple(read.get((row, column), ()) for column in range(table.columns)))
        if read_row.words:
            out.append(read_row)
    return out


def _date_repaired(word: str) -> str:
    """2025年11]月30日 -> 2025年11月30日: a stroke read into a date (``stray_mark_in_date``)."""
    return _stray_mark_pattern().sub("", word)


def _without_stray_marks(words: list[Word]) -> list[Word]:
    """A stroke read as a word of its own between a number and 年/月/日 (11 ] 月30日) is dropped."""
    marks = set(str(rule("ocr", "stray_marks")))
    return [
        w
        for k, w in enumerate(words)
        if not (
            w[0]
            and set(w[0]) <= marks
            and 0 < k < len(words) - 1
            and words[k - 1][0][-1:].isdigit()
            and words[k + 1][0][:1] in ("年", "月", "日")
        )
    ]


@cache
def _stray_mark_pattern() -> re.Pattern[str]:
    marks = re.escape(str(rule("ocr", "stray_marks")))
    return re.compile(f"(?<=[0-9])[{marks}]+(?=[年月日])")


def _percent_repaired(word: str) -> str:
    """809% -> 80%, 85%6 -> 85%: a percent sign Tesseract read as 9%, 0% or with a digit
    after it (see ``percent_read_as_nine`` in readers.toml)."""
    limit = float(rule("ocr", "percent_limit"))

    def nine(m: re.Match[str]) -> str:
        figure = m["figure"]
        return figure if float(figure + m["read"]) > limit >= float(figure) else m.group(0)

    def digit_after(m: re.Match[str]) -> str:
        figure, read = m["figure"], m["read"]
        kept = figure if read and float(figure + read) > limit >= float(figure) else figure + read
        return kept + m["sign"]

    word = _ocr_pattern("percent_read_as_nine").sub(nine, word)
    return _ocr_pattern("percent_with_a_digit_after").sub(digit_after, word)


def _percent_96_repaired(words: list[Word]) -> list[Word]:
    """保持 10096 。 -> 100%: a percent sign read as 96 before a bound word or punctuation, in
    the word or opening the next (``percent_read_as_96``)."""
    nexts = [w for w, _ in words[1:]] + [""] if words else []
    return [
        (_percent_96(text, after=after), c) for (text, c), after in zip(words, nexts, strict=True)
    ]


def _percent_96(word: str, *, after: str) -> str:
    limit = float(rule("ocr", "percent_limit"))
    bound_next = bool(_ocr_pattern("percent_after_96").match(after))

    def repair(m: re.Match[str]) -> str:
        figure = m["figure"]
        if (m.end() < len(word) or bound_next) and float(figure + "96") > limit >= float(figure):
            return figure + "%"
        return m.group(0)

    return _ocr_pattern("percent_read_as_96").sub(repair, word)


@cache
def _full_width_pattern() -> re.Pattern[str]:
    marks = "".join(re.escape(m) for m in rule("ocr", "full_width"))
    han = r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]"
    return re.compile(rf"(?<={han})[{marks}]|[{marks}](?={han})")


@cache
def _ocr_pattern(name: str) -> re.Pattern[str]:
    return re.compile(str(rule("ocr", name)))


def _for_ocr(image: Image.Image) -> Image.Image:
    """One grey channel; with ``drop_red_ink``, the red one, in which red ink is white; a page
    strewn with specks (a fax, a copy of a copy) despeckled."""
    if bool(rule("ocr", "drop_red_ink")) and image.mode not in ("L", "1", "P"):
        grey = image.convert("RGB").getchannel("R")
    else:
        grey = image.convert("L")
    return despeckled(grey)


def despeckled(image: Image.Image) -> Image.Image:
    """The page through a median filter where isolated specks are more than
    ``despeckle_above`` of its ink: Tesseract reads them as marks (，、。) between characters.
    A clean page is left alone, as the filter thins the strokes of small print."""
    ink = np.asarray(image) < 128
    total = int(ink.sum())
    if not total:
        return image
    window = 5
    counts = np.lib.stride_tricks.sliding_window_view(
        np.pad(ink.astype(np.uint8), window // 2), (window, window)
    ).sum(axis=(-1, -2))
    speck = ink & (counts <= int(rule("ocr", "speck_pixels")))
    if int(speck.sum()) / total <= float(rule("ocr", "despeckle_above")):
        return image
    size = int(_line_height(ink & ~speck) / float(rule("ocr", "despeckle_filter_per_line")))
    return image.filter(ImageFilter.MedianFilter(max(3, size if size % 2 else size - 1)))


def _line_height(ink: np.ndarray[Any, Any]) -> float:
    """The median height of the page's lines of print, in pixels (rows holding ink, in runs)."""
    rows = ink.sum(axis=1) > max(3, ink.shape[1] * 0.002)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], rows.astype(np.int8), [0]))))
    runs = edges[1::2] - edges[::2]
    runs = runs[runs >= 8]
    return float(np.median(runs)) if runs.size else 0.0


def _images(path: Path, head: bytes) -> Iterator[Image.Image]:
    """The pages as images: rendered from a PDF, or the frames of an image file."""
    if head.startswith(PDF_MAGIC):
        pdf = open_pdf(path)
        scale = float(rule("ocr", "dpi")) / 72
        try:
            for i in range(len(pdf)):
                yield _for_ocr(pdf[i].render(scale=scale).to_pil())
        finally:
            pdf.close()
        return
    try:
        with Image.open(path) as image:
            for frame in ImageSequence.Iterator(image):
                yield _for_ocr(frame)
    except (UnidentifiedImageError, OSError) as exc:
        raise UnreadableFileError(
            f"{path}: is not a readable image ({exc}).",
            fix="export the scan again as PNG, JPEG or TIFF",
        ) from exc


@cache
def _workers() -> int:
    return max(1, len(os.sched_getaffinity(0)))


def _ocr_pages(path: Path, head: bytes) -> list[list[_Line | _Row]]:
    # One Tesseract thread per process: the pages already run in parallel over the cores.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    workers = _workers()
    pages: list[list[_Line | _Row]] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        batch: list[Image.Image] = []
        for image in _images(path, head):
            batch.append(image)
            if len(batch) == 2 * workers:
                pages.extend(pool.map(partial(_ocr_page, path), batch))
                batch = []
        pages.extend(pool.map(partial(_ocr_page, path), batch))
    return pages


class OcrReader:
    """A scanned PDF or an image, read by Tesseract."""

    name = "ocr"
    suffixes = (".png", ".jpg", ".jpeg", ".tif", ".tiff")

    def sniff(self, path: Path, head: bytes) -> bool:
        return head.startswith(IMAGE_MAGIC) or (head.startswith(PDF_MAGIC) and is_scan(path))

    def read(self, path: Path) -> ReadResult:
        engine = tesseract_engine(path)
        with path.open("rb") as fh:
            head = fh.read(16)
        pages = _ocr_pages(path, head)
        kept, notes = drop_furniture([[line.text for line in lines] for lines in pages])
        texts: list[str] = []
        low: list[tuple[int, int]] = []
        confidences: list[float] = []
        threshold = float(rule("ocr", "low_confidence"))
        pos = 0
        for lines, keep in zip(pages, kept, strict=True):
            page_lines: list[str] = []
            start = pos
            for i in keep:
                line = lines[i]
                confidences.extend(confidence for _, confidence in line.words)
                _low_spans(line, start, threshold, low)
                page_lines.append(line.text)
                start += len(line.text) + 1
            texts.append("\n".join(page_lines))
            pos += len(texts[-1]) + 1
        text, starts = join_pages(texts)
        text = _misreadings_repaired(text)
        if not text.strip():
            raise UnreadableFileError(
                f"{path}: OCR found no text in it.",
                fix="check that the scan shows the document's text (not a blank or photo page);"
                " a scan at 300 dpi or more reads best",
            )
        mean = sum(confidences) / len(confidences)
        doubtful = sum(c < threshold for c in confidences)
        notes.append(
            f"OCR ({engine}): mean word confidence {mean:.1f}, {doubtful} of {len(confidences)}"
            f" words below {threshold:g}"
        )
        return ReadResult(
            text=text,
            page_starts=starts,
            reader=self.name,
            reader_version=f"{engine} ({package_version('pytesseract')},"
            f" {package_version('pypdfium2')})",
            notes=tuple(notes),
            ocr=OcrInfo(engine=engine, mean_confidence=mean, low_confidence=_merge(low)),
        )


def _misreadings_repaired(text: str) -> str:
    """〈社区卫生服务中心) -> （社区卫生服务中心）, 奉头 -> 牵头, 股室: -> 股室：: what chi_sim
    misreads in policy texts (``bracket_misread``, ``range_dash_misread``, ``full_width``,
    ``misread_words``), replaced letter for letter."""
    text = _ocr_pattern("bracket_misread").sub("（", text)
    text = _ocr_pattern("ge_misread").sub("≥", text)
    text = _ocr_pattern("range_dash_misread").sub("—", text)
    full_width = dict(rule("ocr", "full_width"))
    text = _full_width_pattern().sub(lambda m: str(full_width[m[0]]), text)
    text = _ocr_pattern("label_colon_misread").sub("：", text)
    words = dict(rule("ocr", "misread_words"))
    for misread, meant in words.items():
        if len(misread) != len(str(meant)):
            raise RuleDataError(
                f"Reader rule file data/readers.toml: misread_words {misread!r} = {meant!r}"
                " changes the text's length.",
                fix="Give each misread word a replacement of as many characters.",
            )
        text = _across_lines(misread).sub(partial(_kept_breaks, meant=str(meant)), text)
    return text


def _across_lines(word: str) -> re.Pattern[str]:
    """``word`` as written, or with a line break between two of its letters (履\n盖)."""
    return re.compile("\n?".join(map(re.escape, word)))


def _kept_breaks(found: re.Match[str], *, meant: str) -> str:
    """``meant`` letter for letter over what was ``found``, its line breaks kept."""
    letters = iter(meant)
    return "".join(c if c == "\n" else next(letters) for c in found[0])


def _low_spans(
    line: _Line | _Row, start: int, threshold: float, out: list[tuple[int, int]]
) -> None:
    """Append the text spans of the line's words below ``threshold``."""
    text = line.text
    at = 0
    for word, confidence in line.words:
        at = text.index(word, at)
        if confidence < threshold:
            out.append((start + at, start + at + len(word)))
        at += len(word)


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


registry.register("ocr", func=OcrReader())

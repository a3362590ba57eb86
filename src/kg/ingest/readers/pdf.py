"""PDF with a text layer, through pypdfium2 (PDFium, the engine of Chromium; Apache-2.0/BSD).

Why pypdfium2: on the development PDFs it gives the same text as pdfplumber/pdfminer.six
(whitespace aside) at 5-10x the speed, and it reads the CJK fonts that pdfminer.six cannot map
(e.g. fpdf2's embedded Identity CMaps, which pdfminer returns as no text at all). PyMuPDF is
not used: it is AGPL-3.0, which would bind every user who serves the library over a network
to publish their source; a permissive engine of the same quality exists.

Reading order: PDFium returns text in content-stream order, and government PDFs often draw the
red letterhead last. The page's text objects are therefore placed by their position: top to
bottom, and left to right within a line (objects whose boxes overlap vertically), on the page
as displayed (its /Rotate applied, text inside Form XObjects placed where the form puts it).
A ruled table is read by its grid (:mod:`kg.ingest.readers.pdf_tables`): each row one line,
its cells parted by tabs, a cell wrapped over lines read whole. Outside tables, each line of
the page stays a line of the text: hard-wrapped lines are joined downstream by
``kg.extract.normalize`` (the same function that joins them for every other source; ingest may
not import extract), so the stored text keeps the file's lines and quotes point into it exactly.
Page numbers and running headers are dropped (:mod:`kg.ingest.readers.pages`), with a note.
"""

from __future__ import annotations

import itertools
from functools import lru_cache
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from kg.errors import UnreadableFileError
from kg.ingest.readers.base import (
    ReadResult,
    clean_line,
    join_pages,
    package_version,
    registry,
    rule,
)
from kg.ingest.readers.pages import drop_furniture
from kg.ingest.readers.pdf_tables import Grid, Piece, page_grids, table_lines

PDF_MAGIC = b"%PDF"
_PDFIUM = str(pdfium.PDFIUM_INFO).split("@")[0]


def open_pdf(path: Path) -> pdfium.PdfDocument:
    """The PDF opened by PDFium, or an error that says why it cannot be and what to do."""
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise UnreadableFileError(
                f"{path}: the PDF is encrypted (it needs a password to open).",
                fix="save an unprotected copy (e.g. `qpdf --decrypt --password=PASSWORD"
                f" {path.name} unlocked.pdf`) and read that",
            ) from exc
        raise UnreadableFileError(
            f"{path}: is not a readable PDF ({exc}).",
            fix="download or export the file again; a damaged or truncated PDF cannot be read",
        ) from exc


@lru_cache(maxsize=256)
def _text_layer_density(path: Path, size: int, mtime_ns: int) -> float | None:
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError:
        return None
    try:
        pages = len(pdf)
        chars = 0
        for i in range(pages):
            text = pdf[i].get_textpage().get_text_bounded()
            chars += sum(1 for c in text if not c.isspace())
        return chars / max(pages, 1)
    finally:
        pdf.close()


def is_scan(path: Path) -> bool:
    """Whether a PDF has no (or almost no) text layer; False if PDFium cannot open it."""
    stat = path.stat()
    density = _text_layer_density(path.resolve(), stat.st_size, stat.st_mtime_ns)
    return density is not None and density < float(rule("pdf", "scan_max_chars_per_page"))


def page_lines(page: pdfium.PdfPage) -> list[str]:
    """The page's text lines in reading order (see the module docstring)."""
    textpage = page.get_textpage()
    pieces: list[Piece] = []
    # Bounds come in the unrotated page's space, and inside a Form XObject in the form's: carry
    # the matrices down to the page as displayed (only rotation matters for the order).
    to_page = [pdfium.PdfMatrix().rotate(page.get_rotation())]
    kinds = [pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_FORM]
    for obj in page.get_objects(filter=kinds, textpage=textpage):
        del to_page[obj.level + 1 :]
        if obj.type == pdfium_c.FPDF_PAGEOBJ_FORM:
            to_page.append(obj.get_matrix().multiply(to_page[obj.level]))
            continue
        try:
            text = obj.extract()
        except pdfium.PdfiumError:
            continue
        if text.strip():
            left, bottom, right, top = to_page[obj.level].on_rect(*obj.get_bounds())
            pieces.append((left, bottom, right, top, text))
    grids = page_grids(page, to_page[0])
    in_table = [_table_of(p, grids) for p in pieces]
    rows = [
        row
        for k, grid in enumerate(grids)
        for row in table_lines(grid, [p for p, t in zip(pieces, in_table, strict=True) if t == k])
    ]
    loose = [p for p, t in zip(pieces, in_table, strict=True) if t is None]
    placed = sorted([*_text_lines(loose), *rows], key=lambda line: -line[0])  # stable
    out = []
    for _, line in placed:
        for part in line.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            if cleaned := clean_line(part):
                out.append(cleaned)
    return out


def _table_of(piece: Piece, grids: list[Grid]) -> int | None:
    left, bottom, right, top, _ = piece
    return next(
        (k for k, g in enumerate(grids) if g.place((left + right) / 2, (bottom + top) / 2)), None
    )


def _text_lines(pieces: list[Piece]) -> list[tuple[float, str]]:
    """(top, line) of the pieces outside tables: grouped into lines by vertical overlap, left
    to right within a line, a column gap parting two cells by a tab."""
    pieces = sorted(pieces, key=lambda p: (-p[3], p[0]))
    lines: list[tuple[float, float, list[tuple[float, float, str]]]] = []
    for left, bottom, right, top, text in pieces:
        if lines:
            low, high, members = lines[-1]
            overlap = min(top, high) - max(bottom, low)
            if overlap > 0.5 * min(top - bottom, high - low):
                members.append((left, right, text))
                lines[-1] = (min(low, bottom), max(high, top), members)
                continue
        lines.append((bottom, top, [(left, right, text)]))
    gap = float(rule("pdf", "column_gap_line_heights"))
    out = []
    for low, high, members in lines:
        members.sort()
        line = members[0][2]
        for (_, prev_right, prev), (left, _, text) in itertools.pairwise(members):
            apart = left - prev_right > gap * (high - low)
            # a column gap parts two table cells: a tab, as a Word table's cells are parted;
            # single characters far apart are a letter-spaced word (总 指 挥), joined by a space
            spaced = len(prev.strip()) == 1 and len(text.strip()) == 1
            if apart:
                line = line.rstrip(" ") + (" " if spaced else "\t")
            line += text
        out.append((high, line))
    return out


class PdfReader:
    """A PDF whose pages carry text."""

    name = "pdf"
    suffixes = (".pdf",)

    def sniff(self, path: Path, head: bytes) -> bool:
        return head.startswith(PDF_MAGIC) and not is_scan(path)

    def read(self, path: Path) -> ReadResult:
        pdf = open_pdf(path)
        try:
            pages = [page_lines(pdf[i]) for i in range(len(pdf))]
        finally:
            pdf.close()
        kept, notes = drop_furniture(pages)
        blank = [str(i + 1) for i, lines in enumerate(pages) if not lines]
        if blank:
            notes.append(
                f"no text layer on page(s) {', '.join(blank)} (scanned pages are not OCR'd)"
            )
        texts = ["\n".join(lines[i] for i in keep) for lines, keep in zip(pages, kept, strict=True)]
        text, starts = join_pages(texts)
        if not text.strip():
            raise UnreadableFileError(
                f"{path}: the PDF has no text.",
                fix="check that the file is the document (not an empty form or a cover page)",
            )
        return ReadResult(
            text=text,
            page_starts=starts,
            reader=self.name,
            reader_version=f"{package_version('pypdfium2')} (PDFium {_PDFIUM})",
            notes=tuple(notes),
        )


registry.register("pdf", func=PdfReader())

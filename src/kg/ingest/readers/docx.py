"""Word 2007+ (.docx) through python-docx (MIT).

The body's paragraphs and tables in document order; a table row is one line with its cells
separated by a tab (a merged cell counted once, a cell's paragraphs joined by a space). Headers,
footers and footnotes are left out: python-docx keeps them apart from the body, and they hold
page furniture (page numbers, the issuer's name repeated), not the document's text.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import LxmlError

from kg.errors import UnreadableFileError
from kg.ingest.readers.base import ReadResult, clean_line, package_version, registry

ZIP_MAGIC = b"PK\x03\x04"
WORD_PART = "word/document.xml"


def _row_line(row_cells: list[object]) -> str:
    seen: set[int] = set()
    cells = []
    for cell in row_cells:
        element = cell._tc  # type: ignore[attr-defined]  # a merged cell repeats: count it once
        if id(element) in seen:
            continue
        seen.add(id(element))
        cells.append(" ".join(t for p in cell.paragraphs if (t := clean_line(p.text))))  # type: ignore[attr-defined]
    return "\t".join(cells)


def _table_lines(table: Table) -> list[str]:
    return [line for row in table.rows if (line := _row_line(list(row.cells))).strip()]


class DocxReader:
    """A Word 2007+ document (a ZIP archive with word/document.xml)."""

    name = "docx"
    suffixes = (".docx", ".docm")

    def sniff(self, path: Path, head: bytes) -> bool:
        if not head.startswith(ZIP_MAGIC):
            return False
        try:
            with zipfile.ZipFile(path) as archive:
                return WORD_PART in archive.namelist()
        except zipfile.BadZipFile:
            return False

    def read(self, path: Path) -> ReadResult:
        try:
            document = docx.Document(str(path))
        except (PackageNotFoundError, zipfile.BadZipFile, KeyError, LxmlError, ValueError) as exc:
            raise UnreadableFileError(
                f"{path}: is not a readable Word (.docx) document ({type(exc).__name__}: {exc}).",
                fix="open it in Word or LibreOffice and save it again as .docx; a truncated"
                " download cannot be read",
            ) from exc
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(clean_line(block.text))
            elif isinstance(block, Table):
                lines.extend(_table_lines(block))
        text = "\n".join(lines).strip("\n")
        if not text.strip():
            raise UnreadableFileError(
                f"{path}: the Word document has no text in its body.",
                fix="check that it is the document itself; text only in headers, footers or"
                " images is not read",
            )
        return ReadResult(
            text=text,
            page_starts=(0,),
            reader=self.name,
            reader_version=package_version("python-docx"),
        )


registry.register("docx", func=DocxReader())

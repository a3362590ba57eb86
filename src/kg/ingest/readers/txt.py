"""Plain text: UTF-8 (with or without BOM), GB18030, UTF-16/32 with a BOM.

The encoding is detected, never guessed silently: :func:`kg.ingest.text.read_source_text`
decodes by BOM, then UTF-8, then GB18030 only if the result reads as Chinese, and notes which
it used. Form feeds (as pdftotext writes between pages) mark the page breaks.
"""

from __future__ import annotations

from pathlib import Path

from kg.ingest.readers.base import ReadResult, package_version, registry
from kg.ingest.text import read_source_text


def _page_starts(text: str) -> tuple[int, ...]:
    return (0, *(i + 1 for i, c in enumerate(text) if c == "\f"))


class TxtReader:
    """A text file; chosen by suffix, since plain text has no signature."""

    name = "txt"
    suffixes = (".txt", ".text")

    def sniff(self, path: Path, head: bytes) -> bool:
        return False

    def read(self, path: Path) -> ReadResult:
        decoded = read_source_text(path)
        return ReadResult(
            text=decoded.text,
            page_starts=_page_starts(decoded.text),
            reader=self.name,
            reader_version=f"kg.ingest.text ({package_version('policy-kg')})",
            notes=tuple(decoded.notes),
        )


registry.register("txt", func=TxtReader())

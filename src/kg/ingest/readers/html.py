"""A saved government web page (.html) through trafilatura (Apache-2.0).

trafilatura finds the article body and leaves out navigation, and decodes the page by its
declared or detected charset (GB2312/GBK pages included). What it keeps of page furniture
(counters 访问量/浏览量, 字体大小, 打印本页, 关闭窗口, footers) is dropped by the phrase rules in
``data/readers.toml``, with a note. The page title, which trafilatura returns apart, is the
first line. Table rows (``| a | b |``) become tab-separated lines like the .docx reader's.
A page that holds no article (an index or search page) is refused.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import trafilatura
from trafilatura.settings import Document

from kg.errors import UnreadableFileError
from kg.ingest.readers.base import ReadResult, clean_line, package_version, registry, rule

_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S
)
_TABLE_ROW = re.compile(r"^\|.*\|$")
_UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _is_boilerplate(line: str) -> bool:
    phrases: list[str] = rule("html", "boilerplate_phrases")
    return len(line) <= int(rule("html", "boilerplate_max_chars")) and any(
        p in line for p in phrases
    )


def _has_article(lines: list[str]) -> bool:
    sentences = [line for line in lines if len(line) >= int(rule("html", "min_sentence_chars"))]
    return sum(len(line) for line in sentences) >= int(rule("html", "min_article_chars"))


_RULE_CELL = re.compile(r":?-{3,}:?")


class HtmlReader:
    """A web page saved as HTML."""

    name = "html"
    suffixes = (".html", ".htm", ".shtml", ".xhtml")

    def sniff(self, path: Path, head: bytes) -> bool:
        for bom, codec in _UTF16_BOMS:
            if head.startswith(bom):
                head = head[len(bom) : len(head) // 2 * 2].decode(codec, "ignore").encode()
        return bool(_HTML_START.match(head.removeprefix(b"\xef\xbb\xbf")))

    def read(self, path: Path) -> ReadResult:
        raw = path.read_bytes()
        found = trafilatura.bare_extraction(
            raw, include_tables=True, include_comments=False, with_metadata=True
        )
        document: dict[str, Any] = found.as_dict() if isinstance(found, Document) else {}
        body = str(document.get("text") or "")
        lines: list[str] = []
        dropped = 0
        for raw_line in body.splitlines():
            line = clean_line(raw_line)
            if _TABLE_ROW.match(line):
                cells = [clean_line(cell) for cell in line.strip("|").split("|")]
                if all(_RULE_CELL.fullmatch(c) for c in cells):
                    continue  # the |---|---| line trafilatura writes under a header row
                line = "\t".join(cells)
            if _is_boilerplate(line):
                dropped += 1
            elif line:
                lines.append(line)
        if not _has_article(lines):
            raise UnreadableFileError(
                f"{path}: the web page holds no article text (only navigation, links or page"
                " furniture were found).",
                fix="save the page of the document itself (the 正文 page), not an index, search"
                " or list page",
            )
        notes = []
        title = clean_line(str(document.get("title") or ""))
        if title and not lines[0].startswith(title):
            lines.insert(0, title)
            notes.append("first line is the page title")
        if dropped:
            notes.append(
                f"dropped {dropped} lines of page furniture (counters, print/close links, footer)"
            )
        return ReadResult(
            text="\n".join(lines),
            page_starts=(0,),
            reader=self.name,
            reader_version=package_version("trafilatura"),
            notes=tuple(notes),
        )


registry.register("html", func=HtmlReader())

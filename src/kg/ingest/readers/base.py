"""The one record every reader returns, and the registry readers are found in.

A reader is a small object registered under its name in :data:`registry` (a ``catalogue``
registry, the mechanism spaCy uses for its components). Adding a format is adding one module
that registers one reader; nothing else changes.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import Any, Protocol

import catalogue

from kg.errors import RuleDataError


@dataclass(frozen=True)
class OcrInfo:
    """How far to trust an OCR'd text: the engine, its mean word confidence, the doubtful spans."""

    engine: str
    mean_confidence: float
    low_confidence: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class ReadResult:
    """A document's text as stored (UTF-8); every offset downstream indexes ``text``."""

    text: str
    page_starts: tuple[int, ...]
    reader: str
    reader_version: str
    notes: tuple[str, ...] = ()
    ocr: OcrInfo | None = None

    def page_of(self, offset: int) -> int:
        """The 1-based page that the character at ``offset`` is on."""
        return max(1, bisect_right(self.page_starts, offset))


class Reader(Protocol):
    """One format: how to recognise a file of it, and how to read it."""

    name: str
    suffixes: tuple[str, ...]

    def sniff(self, path: Path, head: bytes) -> bool:
        """Whether the file's content (``head`` = its first bytes) is in this format."""
        ...

    def read(self, path: Path) -> ReadResult:
        """The file's text and page map; raises :class:`kg.errors.InputError` subclasses."""
        ...


registry = catalogue.create("kg", "readers", entry_points=False)


def join_pages(pages: Sequence[str]) -> tuple[str, tuple[int, ...]]:
    """One text from page texts, a newline between pages, and where each page starts."""
    starts: list[int] = []
    pos = 0
    for page in pages:
        starts.append(pos)
        pos += len(page) + 1
    return "\n".join(pages), tuple(starts) or (0,)


def package_version(distribution: str) -> str:
    """``"name X.Y.Z"`` of an installed Python distribution, for ``reader_version``."""
    return f"{distribution} {version(distribution)}"


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean_line(line: str) -> str:
    """A line without control characters and surrounding whitespace."""
    return _CONTROL.sub("", line).strip(" \t\r\u3000\u00a0")


@cache
def reader_rules() -> dict[str, Any]:
    """The analyst-editable reader rules in ``data/readers.toml``."""
    source = resources.files("kg.ingest.readers").joinpath("data/readers.toml")
    try:
        return tomllib.loads(source.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RuleDataError(
            f"Reader rule file {source} is not valid TOML: {exc}.", fix="Correct it."
        ) from exc


def rule(section: str, key: str) -> Any:
    """One value of ``data/readers.toml``, with an error naming the key if it is missing."""
    try:
        return reader_rules()[section][key]
    except KeyError as exc:
        raise RuleDataError(
            f"Reader rule file data/readers.toml lacks [{section}] {key}.",
            fix=f"Add {key} to the [{section}] table (see the comments in the file).",
        ) from exc

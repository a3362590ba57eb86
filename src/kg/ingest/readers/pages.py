"""Page furniture: page numbers and running headers/footers at the edges of paged text.

Shared by the PDF and OCR readers. A page is a list of lines; what is dropped is decided from
the edges of the pages only, so a body line is never lost because it resembles a page number.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

from kg.errors import RuleDataError
from kg.ingest.readers.base import rule


@cache
def _page_number_patterns() -> tuple[re.Pattern[str], ...]:
    patterns = []
    for pattern in rule("pages", "page_number_patterns"):
        try:
            patterns.append(re.compile(pattern))
        except re.error as exc:
            raise RuleDataError(
                f"Reader rule file data/readers.toml: [pages] page_number_patterns has an"
                f" invalid pattern {pattern!r} ({exc}).",
                fix="Correct the regular expression.",
            ) from exc
    return tuple(patterns)


def _edges(count: int) -> list[int]:
    depth = int(rule("pages", "edge_lines"))
    return sorted(set(range(min(depth, count))) | set(range(max(0, count - depth), count)))


_WORD = re.compile(r"[^\W\d_]")  # a letter or a character: a header says something


def _shape(line: str) -> str:
    """A line with digits and spaces taken out: a footer with a page number in it recurs."""
    return re.sub(r"[\d\s]+", "", line)


def drop_furniture(pages: Sequence[Sequence[str]]) -> tuple[list[list[int]], list[str]]:
    """The indices of the lines to keep on each page, and notes saying what was dropped."""
    is_number = _page_number_patterns()
    edge_shapes: Counter[str] = Counter()
    for lines in pages:
        edge_shapes.update({_shape(lines[i]) for i in _edges(len(lines))} - {""})
    min_pages = max(
        int(rule("pages", "min_repeat_pages")), rule("pages", "repeat_share") * len(pages)
    )
    running = {shape for shape, n in edge_shapes.items() if n >= min_pages and _WORD.search(shape)}

    kept: list[list[int]] = []
    numbers = 0
    repeated: Counter[str] = Counter()
    for lines in pages:
        drop: set[int] = set()
        for i in _edges(len(lines)):
            line = lines[i].strip()
            if any(p.match(line) for p in is_number):
                drop.add(i)
                numbers += 1
            elif _shape(line) in running:
                drop.add(i)
                repeated[line] += 1
        kept.append([i for i in range(len(lines)) if i not in drop])
    notes = []
    if numbers:
        notes.append(f"dropped {numbers} page-number lines at page edges")
    if repeated:
        examples = "; ".join(repr(line) for line, _ in repeated.most_common(3))
        notes.append(
            f"dropped {sum(repeated.values())} running header/footer lines at page edges"
            f" (e.g. {examples})"
        )
    return kept, notes

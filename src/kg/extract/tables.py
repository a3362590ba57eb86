"""Indicator tables: labelled cells, one or several a line (here), and tables with a header row
(:mod:`kg.extract.columns`).

A national or provincial plan states its main indicators in a table: indicator (unit) |
baseline year | target years | 性质 (预期性/约束性). Read as text, each cell carries its column
label (``指标：婴儿死亡率(‰)``, ``2015 年：8.1``, ``2020 年：7.5``, ``性质：约束性``); a reader that
keeps the layout puts a row's cells on one or two lines, in row order; one that follows text
blocks (pdftotext without -layout) gives one cell a line and may put the cells of several rows
out of row order.

The cells of a table are read as one stream of labels, each with the text up to the next
label. Each cell of a future year becomes a target with that year's end as its deadline and the
row's indicator as its subject and unit; the cell of the earliest year is the baseline of the
row's targets; a relative cell (比2015年降低10%) keeps its reference year and direction; the 性质
is kept on the targets. A cell goes to the nearest indicator (in cells, looking back first)
still lacking that column; a cell that does not stand between its indicator and the next one
was placed by position only and is flagged for review.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from kg.extract.columns import VALUE, make_target, read_column_tables
from kg.extract.targets import TargetDraft

_LABEL = re.compile(r"(?P<kind>领域|指标|性质|属性)\s*[：:]|(?P<year>(?:19|20)\d\d)\s*年\s*[：:]")
_NATURE = re.compile(r"预期性|约束性")
_UNIT_IN_NAME = re.compile(r"[（(](?P<unit>[^（()）]{1,12})[）)]$")
_MAX_GAP = 6  # lines of page furniture tolerated inside a table


@dataclass(frozen=True)
class Label:
    """One labelled cell: its label, and the text up to the next label (stream offsets)."""

    order: int  # position among the table's labels
    kind: str  # 领域, 指标, 性质 or year
    year: int | None
    start: int
    content_start: int
    content_end: int
    lines: tuple[str, ...]  # the content's non-empty lines, whitespace removed


@dataclass(frozen=True)
class TableReading:
    """Targets read from the tables of a document, and the paragraphs that hold cells."""

    drafts: list[tuple[int, TargetDraft]]  # (paragraph index, draft in paragraph offsets)
    cells: frozenset[int]


def read_indicator_tables(paragraphs: list[str], *, issued_year: int | None = None) -> TableReading:
    """Targets of every indicator table in a document's paragraphs (clean text)."""
    drafts, cells = read_column_tables(paragraphs, issued_year=issued_year)  # with a header row
    for block in _blocks(paragraphs):
        found = _read_block(paragraphs, block)
        drafts += found
        cells |= {i for i in block if _LABEL.search(paragraphs[i])} | {i for i, _ in found}
    return TableReading(sorted(drafts, key=lambda d: d[0]), frozenset(cells))


def _has_cell(text: str) -> bool:
    return any(m["kind"] in ("指标", "领域") or m["year"] for m in _LABEL.finditer(text))


def _blocks(paragraphs: list[str]) -> list[list[int]]:
    """Runs of paragraphs holding at least one indicator and two year cells."""
    blocks: list[list[int]] = []
    current: list[int] = []
    gap = 0
    for i, text in enumerate(paragraphs):
        if _has_cell(text) and (current or "。" not in text):
            current.append(i)
            gap = 0
        elif current and gap < _MAX_GAP and "。" not in text and len(text) <= 40:
            current.append(i)
            gap += 1
        else:
            blocks.append(current)
            current, gap = [], 0
    blocks.append(current)
    return [b for b in blocks if _worth_reading(paragraphs, b)]


def _worth_reading(paragraphs: list[str], block: list[int]) -> bool:
    labels = [m for i in block for m in _LABEL.finditer(paragraphs[i])]
    return any(m["kind"] == "指标" for m in labels) and sum(bool(m["year"]) for m in labels) >= 2


def _labels(stream: str) -> list[Label]:
    found = list(_LABEL.finditer(stream))
    out = []
    for n, m in enumerate(found):
        end = found[n + 1].start() if n + 1 < len(found) else len(stream)
        lines = tuple(
            "".join(line.split()) for line in stream[m.end() : end].split("\n") if line.strip()
        )
        out.append(
            Label(
                order=n,
                kind="year" if m["year"] else str(m["kind"]),
                year=int(m["year"]) if m["year"] else None,
                start=m.start(),
                content_start=m.end(),
                content_end=end,
                lines=lines,
            )
        )
    return out


def _read_block(paragraphs: list[str], block: list[int]) -> list[tuple[int, TargetDraft]]:
    stream = "\n".join(paragraphs[i] for i in block)
    starts = []  # stream offset where each block paragraph begins
    pos = 0
    for i in block:
        starts.append(pos)
        pos += len(paragraphs[i]) + 1
    labels = _labels(stream)
    indicators = [lab for lab in labels if lab.kind == "指标"]
    names, loose = _names(labels)
    _complete_names(names, loose)
    years = [lab for lab in labels if lab.kind == "year"]
    base_year = min(lab.year for lab in years if lab.year is not None)
    assigned = _assign(years, indicators)
    natures = _natures(labels, indicators)
    drafts: list[tuple[int, TargetDraft]] = []
    for cell in years:
        row = assigned.get(cell.order)
        if row is None or cell.year == base_year or not cell.lines:
            continue
        draft = _cell_target(cell, names[row], nature=natures.get(row))
        if draft is None:
            continue
        baseline = next(
            (c for c in years if c.year == base_year and assigned.get(c.order) == row), None
        )
        if baseline is not None and baseline.lines and (m := VALUE.match(baseline.lines[0])):
            draft = replace(draft, baseline_value=float(m["num"]), baseline_year=base_year)
        if not _in_row_order(cell, row, indicators):
            draft = replace(draft, review=(*draft.review, "table row assigned by position"))
        drafts.append(_place(draft, cell, stream, block=block, starts=starts))
    return drafts


def _names(labels: list[Label]) -> tuple[dict[int, str], list[tuple[int, str]]]:
    """Each indicator's name (lines up to its unit bracket), and the loose lines left over."""
    names: dict[int, str] = {}
    loose: list[tuple[int, str]] = []
    for lab in labels:
        lines = list(lab.lines)
        if lab.kind == "指标" and lines:
            name = lines.pop(0)
            while lines and not _UNIT_IN_NAME.search(name) and not VALUE.match(lines[0]):
                name += lines.pop(0)
            names[lab.order] = name
        elif lines:
            lines.pop(0)  # the cell's own value
        loose += [(lab.order, line) for line in lines]
    return names, loose


def _complete_names(names: dict[int, str], loose: list[tuple[int, str]]) -> None:
    """A name cut off by the reader takes the nearest free loose line ending in its unit."""
    fragments = [(order, line) for order, line in loose if _UNIT_IN_NAME.search(line)]
    open_rows = [r for r, name in names.items() if not _UNIT_IN_NAME.search(name)]
    for _, order, line, row in sorted(
        (abs(order - r), order, line, r) for order, line in fragments for r in open_rows
    ):
        if row in open_rows and (order, line) in fragments and abs(order - row) <= _MAX_GAP:
            names[row] += line
            open_rows.remove(row)
            fragments.remove((order, line))


def _cost(cell: int, row: int) -> int:
    """Cells from an indicator to a cell; a cell usually follows its indicator."""
    return cell - row if cell > row else 2 * (row - cell)


def _assign(years: list[Label], indicators: list[Label]) -> dict[int, int]:
    """Each year cell to the nearest indicator still lacking that year (greedy by cost)."""
    pairs = sorted(
        (_cost(c.order, r.order), c.order < r.order, c.order, r.order, c.year)
        for c in years
        for r in indicators
    )
    taken: set[tuple[int, int | None]] = set()
    out: dict[int, int] = {}
    for _, _, cell, row, year in pairs:
        if cell in out or (row, year) in taken:
            continue
        out[cell] = row
        taken.add((row, year))
    return out


def _natures(labels: list[Label], indicators: list[Label]) -> dict[int, str]:
    out: dict[int, str] = {}
    for lab in labels:
        nature = _NATURE.search(lab.lines[0]) if lab.lines else None
        if lab.kind in ("性质", "属性") and nature and indicators:
            free = [r for r in indicators if r.order not in out] or indicators
            row = min(free, key=lambda r: (_cost(lab.order, r.order), lab.order < r.order))
            out[row.order] = nature.group(0)
    return out


def _in_row_order(cell: Label, row: int, indicators: list[Label]) -> bool:
    following = [r.order for r in indicators if r.order > row]
    return row < cell.order < (following[0] if following else cell.order + 1)


def _cell_target(cell: Label, name: str, *, nature: str | None) -> TargetDraft | None:
    text = "".join(cell.lines[:2]) if cell.lines[0].endswith("左") else cell.lines[0]
    assert cell.year is not None
    return make_target(name, text, year=cell.year, nature=nature)


def _place(
    draft: TargetDraft, cell: Label, stream: str, *, block: list[int], starts: list[int]
) -> tuple[int, TargetDraft]:
    """The draft in the offsets of the paragraph holding the cell's value (the label included
    when it stands in the same paragraph)."""
    content = stream[cell.content_start : cell.content_end]
    value_at = cell.content_start + len(content) - len(content.lstrip())
    k = bisect_right(starts, value_at) - 1
    line_end = stream.find("\n", value_at)
    end = min(cell.content_end, line_end if line_end >= 0 else len(stream))
    start = max(cell.start, starts[k])
    while end > start and stream[end - 1].isspace():
        end -= 1
    return block[k], replace(draft, start=start - starts[k], end=end - starts[k])

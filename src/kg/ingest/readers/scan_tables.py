"""Ruled tables on a scanned page: the grid of rules found in the image, and the cells cut out
of it to be read one by one.

Tesseract reads a ruled table as lines of the page: the rules become "|", a cell wrapped over
two lines is cut in two and its halves land in other rows, and a header row may be lost. Here the
rules are found first (numpy on the page binarised): long thin dark runs across the page are
horizontal rules; dark runs down the page whose both ends meet a horizontal rule are vertical
ones. Rules that touch form a table, and a table needs at least two columns and two rows (the
rules of a 版记 at a document's end, horizontal only, are no table). A cell is a box the rules
enclose, merged over rows or columns where a rule stops; its content is cropped inside the rules.
A page fed askew is levelled first (:func:`tables_levelled`). The lengths are shares of the
page width (``[ocr_tables]`` in ``data/readers.toml``), so that they hold at any resolution.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from PIL import Image

from kg.ingest.readers.base import rule

Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Rule:
    """A ruled line: ``at`` is the y of a horizontal rule or the x of a vertical one (pixels),
    ``start``/``end`` its extent along the line."""

    horizontal: bool
    at: int
    start: int
    end: int


@dataclass(frozen=True)
class Cell:
    """A cell of a table: the row and column it starts in, and its box inside the rules, where
    its text is (page pixels, ``right``/``bottom`` exclusive)."""

    row: int
    column: int
    box: tuple[int, int, int, int]  # left, top, right, bottom


@dataclass(frozen=True)
class Table:
    """A ruled table: its outer box, its column count, and its cells in reading order."""

    box: tuple[int, int, int, int]
    columns: int
    cells: tuple[Cell, ...]


def _share(key: str, width: int) -> int:
    return max(1, round(float(rule("ocr_tables", key)) * width))


def find_tables(grey: npt.NDArray[np.uint8]) -> list[Table]:
    """The ruled tables on a page image (one grey channel), top to bottom."""
    width = grey.shape[1]
    dark = grey < int(rule("ocr_tables", "ink_below"))
    thick = _share("max_rule_thickness", width)
    gap = _share("max_rule_gap", width)
    horizontal = _rules(dark, min_length=_share("min_horizontal_rule", width), gap=gap, thick=thick)
    vertical = [
        Rule(False, r.at, r.start, r.end)
        for r in _rules(dark.T, min_length=_share("min_vertical_rule", width), gap=gap, thick=thick)
    ]
    snap = _share("snap", width)
    vertical = [v for v in vertical if _ends_on_rules(v, horizontal, snap)]
    tables = []
    for group in _touching([*horizontal, *vertical], snap):
        table = _table(group, snap=snap, inset=thick // 2 + _share("cell_inset", width))
        if table is not None:
            tables.append(table)
    return sorted(tables, key=lambda t: t.box[1])


def tables_levelled(image: Image.Image) -> tuple[Image.Image, list[Table]]:
    """The page and its tables; the page levelled (turned by :func:`page_skew`) if askew and
    its tables then have more cells than as it is. A page without tables is the page as it is."""
    tables = find_tables(np.asarray(image))
    angle = page_skew(np.asarray(image))
    if abs(angle) < float(rule("ocr_tables", "min_skew")):
        return image, tables
    # the rules are looked for on a quick turn; the page to be read is turned smoothly
    levelled = find_tables(np.asarray(image.rotate(angle, fillcolor=255)))
    if sum(len(t.cells) for t in levelled) > sum(len(t.cells) for t in tables):
        return image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255), levelled
    return image, tables


def _runs(dark: Mask, *, gap: int, min_length: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of the runs of dark pixels along the mask's rows at least
    ``min_length`` long, gaps up to ``gap`` bridged, row by row and left to right."""
    height, width = dark.shape
    padded = np.zeros((height, width + 2), dtype=np.int8)
    padded[:, 1:-1] = dark
    step = np.diff(padded, axis=1)
    rows, starts = np.nonzero(step == 1)
    _, ends = np.nonzero(step == -1)
    if not len(starts):
        return []
    new = np.ones(len(starts), dtype=bool)
    new[1:] = (rows[1:] != rows[:-1]) | (starts[1:] - ends[:-1] > gap)
    firsts = np.flatnonzero(new)
    run_rows, run_starts = rows[firsts], starts[firsts]
    run_ends = np.maximum.reduceat(ends, firsts)
    long = run_ends - run_starts >= min_length
    return list(
        zip(
            run_rows[long].tolist(), run_starts[long].tolist(), run_ends[long].tolist(), strict=True
        )
    )


def _rules(dark: Mask, *, min_length: int, gap: int, thick: int) -> list[Rule]:
    """Horizontal rules of the mask (pass its transpose for vertical ones): runs of dark pixels
    along a row, gaps up to ``gap`` bridged, at least ``min_length`` long, in a band of rows no
    thicker than ``thick`` and mostly white just above and below (text is not)."""
    found: list[list[tuple[int, int, int]]] = []  # bands of (row, start, end), rows adjacent
    active: list[list[tuple[int, int, int]]] = []  # the bands a run of this row may continue
    for row, start, end in _runs(dark, gap=gap, min_length=min_length):
        active = [band for band in active if row - band[-1][0] <= 1 + gap]
        for band in active:
            _, last_start, last_end = band[-1]
            if start < last_end and last_start < end:
                band.append((row, start, end))
                break
        else:
            found.append([(row, start, end)])
            active.append(found[-1])
    out = []
    for band in found:
        top, bottom = band[0][0], band[-1][0]
        start, end = min(s for _, s, _ in band), max(e for _, _, e in band)
        if bottom - top + 1 > thick or not _clear_beside(dark, top, bottom, start, end, thick):
            continue
        out.append(Rule(True, (top + bottom) // 2, start, end))
    return out


def page_skew(grey: npt.NDArray[np.uint8]) -> float:
    """The angle (degrees, counter-clockwise as ``PIL.Image.rotate`` takes it) that levels the
    page's long horizontal rules, or 0.0 if it has none.

    A page fed askew into the scanner draws a rule as a staircase of shorter runs, one a row,
    each starting where the last ended; :func:`find_tables` wants rules level, so such a page
    is levelled first. Text makes no staircase: its runs are short, or stacked thick.
    """
    width = grey.shape[1]
    dark = grey < int(rule("ocr_tables", "ink_below"))
    gap = _share("max_rule_gap", width)
    thick = _share("max_rule_thickness", width)
    steps: list[list[tuple[int, int, int]]] = []
    active: list[list[tuple[int, int, int]]] = []
    for row, start, end in _runs(dark, gap=gap, min_length=_share("min_skew_step", width)):
        active = [chain for chain in active if row - chain[-1][0] <= 1 + gap]
        for chain in active:
            if any(
                start <= e + gap and s <= end + gap for r, s, e in chain[-2 * thick :] if r < row
            ):
                chain.append((row, start, end))
                break
        else:
            steps.append([(row, start, end)])
            active.append(steps[-1])
    slopes = []
    max_slope = np.tan(np.radians(float(rule("ocr_tables", "max_skew"))))
    for chain in steps:
        lo, hi = min(s for _, s, _ in chain), max(e for _, _, e in chain)
        ink = sum(e - s for _, s, e in chain)
        if hi - lo < _share("min_horizontal_rule", width) or ink > thick * (hi - lo):
            continue
        slope = _slope(chain)
        if abs(slope) <= max_slope:
            slopes.append(slope)
    return float(np.degrees(np.arctan(np.median(slopes)))) if slopes else 0.0


def _slope(chain: list[tuple[int, int, int]]) -> float:
    """Rows per column of a staircase of runs: the least-squares line through the runs'
    centres, each weighted by its length."""
    weights = np.array([e - s for _, s, e in chain], dtype=float)
    x = np.array([(s + e) / 2 for _, s, e in chain])
    y = np.array([r for r, _, _ in chain], dtype=float)
    x -= np.average(x, weights=weights)
    y -= np.average(y, weights=weights)
    spread = float(np.sum(weights * x * x))
    return float(np.sum(weights * x * y)) / spread if spread else 0.0


def _clear_beside(dark: Mask, top: int, bottom: int, start: int, end: int, thick: int) -> bool:
    """Whether the rows just above and below the band are mostly white along it."""
    share = float(rule("ocr_tables", "max_ink_beside"))
    beside = [y for y in (top - thick, bottom + thick) if 0 <= y < dark.shape[0]]
    return all(dark[y, start:end].mean() <= share for y in beside)


def _ends_on_rules(v: Rule, horizontal: list[Rule], snap: int) -> bool:
    """Whether both ends of a vertical run meet a horizontal rule (a stroke of a big character
    does not)."""

    def meets(y: int) -> bool:
        return any(
            abs(h.at - y) <= snap and h.start - snap <= v.at <= h.end + snap for h in horizontal
        )

    return meets(v.start) and meets(v.end)


def _touches(a: Rule, b: Rule, snap: int) -> bool:
    if a.horizontal == b.horizontal:
        return abs(a.at - b.at) <= snap and a.start <= b.end + snap and b.start <= a.end + snap
    h, v = (a, b) if a.horizontal else (b, a)
    return h.start - snap <= v.at <= h.end + snap and v.start - snap <= h.at <= v.end + snap


def _touching(rules: list[Rule], snap: int) -> list[list[Rule]]:
    """The rules in groups that touch one another (one group a table)."""
    groups: list[list[Rule]] = []
    for r in rules:
        joined = [g for g in groups if any(_touches(r, other, snap) for other in g)]
        merged = [r, *itertools.chain.from_iterable(joined)]
        groups = [g for g in groups if g not in joined] + [merged]
    return groups


def _edges(values: list[int], snap: int) -> list[int]:
    out: list[int] = []
    for v in sorted(values):
        if out and v - out[-1] <= snap:
            continue
        out.append(v)
    return out


def _table(rules: list[Rule], *, snap: int, inset: int) -> Table | None:
    horizontal = [r for r in rules if r.horizontal]
    vertical = [r for r in rules if not r.horizontal]
    xs = _edges([r.at for r in vertical], snap)
    ys = _edges([r.at for r in horizontal], snap)
    if len(xs) < 3 or len(ys) < 3:
        return None

    def ruled(lines: list[Rule], at: int, across: int) -> bool:
        return any(
            abs(r.at - at) <= snap and r.start - snap <= across <= r.end + snap for r in lines
        )

    rows, columns = len(ys) - 1, len(xs) - 1
    cells = []
    for row, column in itertools.product(range(rows), range(columns)):
        middle_y, middle_x = (ys[row] + ys[row + 1]) // 2, (xs[column] + xs[column + 1]) // 2
        if row and not ruled(horizontal, ys[row], middle_x):
            continue  # the cell above runs on down
        if column and not ruled(vertical, xs[column], middle_y):
            continue  # the cell on the left runs on across
        right = next(
            (c for c in range(column + 1, columns) if ruled(vertical, xs[c], middle_y)), columns
        )
        bottom = next((r for r in range(row + 1, rows) if ruled(horizontal, ys[r], middle_x)), rows)
        box = (xs[column] + inset, ys[row] + inset, xs[right] - inset, ys[bottom] - inset)
        if box[2] > box[0] and box[3] > box[1]:
            cells.append(Cell(row=row, column=column, box=box))
    return Table(box=(xs[0], ys[0], xs[-1], ys[-1]), columns=columns, cells=tuple(cells))

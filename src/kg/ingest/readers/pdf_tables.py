"""Ruled tables on a PDF page: the grid of rules drawn around the cells, and the text of each
cell read as one piece.

A table whose cells wrap over several lines cannot be read line by line: a row's one-line cells
sit on the middle line of its wrapped ones, so a reader that follows the page's lines cuts the
row into three (the wrapped cell's first line above the row, its last below). Government PDFs
(exported from Word or WPS, or drawn by a PDF library) draw the rules of a table as thin filled
rectangles, stroked lines or one rectangle per cell; the rules give the grid, and every text
piece belongs to the cell its centre falls in. A row of the grid is then one line of the text,
its cells parted by tabs as a Word table's are, each cell's lines joined in reading order.

A single column of ruled stripes (the ruled paper of some gazettes) is no table: a grid needs
at least two columns and two rows, or one row of three cells or more (the last row of a table
carried over onto a page of its own).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

_THIN = 3.0  # a path no thicker than this (points) is a rule, not a box
_SNAP = 2.5  # rules closer than this (points) are one edge (stroke widths, double rules)
_MIN_CELL = 6.0  # a band narrower than this is a gap between double rules, not a cell

# (left, bottom, right, top, text): a text piece in the page's displayed space
Piece = tuple[float, float, float, float, str]


@dataclass(frozen=True)
class Grid:
    """A table's column edges (left to right), row edges (top to bottom, descending y), and for
    each column the row edges whose rules cross it (a cell merged over rows has none inside)."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    column_ys: tuple[tuple[float, ...], ...]

    def place(self, x: float, y: float) -> tuple[int, int] | None:
        """(row, column) of the cell holding the point, or None outside the table; a cell
        merged over rows belongs to its first row."""
        if not (self.xs[0] < x < self.xs[-1] and self.ys[-1] < y < self.ys[0]):
            return None
        column = bisect.bisect_right(self.xs, x) - 1
        edges = self.column_ys[column]
        top = edges[len(edges) - 1 - bisect.bisect_left(edges[::-1], y)]
        return self.ys.index(top), column


@dataclass(frozen=True)
class _Segment:
    horizontal: bool
    at: float  # y of a horizontal rule, x of a vertical one
    start: float
    end: float


def page_grids(page: pdfium.PdfPage, to_page: pdfium.PdfMatrix) -> list[Grid]:
    """The grids of the ruled tables on the page (``to_page`` maps to the page as displayed)."""
    segments: list[_Segment] = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=0):
        left, bottom, right, top = to_page.on_rect(*obj.get_bounds())
        left, right = min(left, right), max(left, right)
        bottom, top = min(bottom, top), max(bottom, top)
        segments += _edges(left, bottom, right, top)
    return [g for part in _connected(segments) if (g := _grid(part)) is not None]


def _edges(left: float, bottom: float, right: float, top: float) -> list[_Segment]:
    width, height = right - left, top - bottom
    if height <= _THIN < width:
        return [_Segment(True, (top + bottom) / 2, left, right)]
    if width <= _THIN < height:
        return [_Segment(False, (left + right) / 2, bottom, top)]
    if width > _THIN and height > _THIN:  # a cell drawn as a rectangle: its four sides
        return [
            _Segment(True, top, left, right),
            _Segment(True, bottom, left, right),
            _Segment(False, left, bottom, top),
            _Segment(False, right, bottom, top),
        ]
    return []


def _touches(a: _Segment, b: _Segment) -> bool:
    if a.horizontal == b.horizontal:
        return abs(a.at - b.at) <= _SNAP and a.start <= b.end + _SNAP and b.start <= a.end + _SNAP
    h, v = (a, b) if a.horizontal else (b, a)
    return h.start - _SNAP <= v.at <= h.end + _SNAP and v.start - _SNAP <= h.at <= v.end + _SNAP


def _connected(segments: Sequence[_Segment]) -> list[list[_Segment]]:
    """The segments in groups that touch one another (one group a table). Only segments that
    share a square of the page are compared, so a page of many rules stays quick."""
    parent = list(range(len(segments)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    squares: dict[tuple[int, int], list[int]] = {}
    for i, a in enumerate(segments):
        for key in _squares(a):
            for j in squares.setdefault(key, []):
                if root(i) != root(j) and _touches(a, segments[j]):
                    parent[root(i)] = root(j)
            squares[key].append(i)
    groups: dict[int, list[_Segment]] = {}
    for k, segment in enumerate(segments):
        groups.setdefault(root(k), []).append(segment)
    return list(groups.values())


_SQUARE = 24.0


def _squares(s: _Segment) -> list[tuple[int, int]]:
    lo, hi = int((s.start - _SNAP) // _SQUARE), int((s.end + _SNAP) // _SQUARE)
    across = {int((s.at - _SNAP) // _SQUARE), int((s.at + _SNAP) // _SQUARE)}
    along = range(lo, hi + 1)
    return [(a, b) if s.horizontal else (b, a) for a in along for b in across]


def _grid(segments: list[_Segment]) -> Grid | None:
    xs = _snap(s.at for s in segments if not s.horizontal)
    ys = _snap((s.at for s in segments if s.horizontal), reverse=True)
    if len(xs) < 3 or len(ys) < 2 or (len(ys) == 2 and len(xs) < 4):
        return None  # one ruled row of three cells or more: a table's row carried onto a page
    column_ys = []
    for left, right in itertools.pairwise(xs):
        middle = (left + right) / 2
        crossing = {
            min(ys, key=lambda y: abs(y - s.at))
            for s in segments
            if s.horizontal and s.start - _SNAP <= middle <= s.end + _SNAP
        }
        column_ys.append(tuple(y for y in ys if y in crossing or y in (ys[0], ys[-1])))
    return Grid(xs=tuple(xs), ys=tuple(ys), column_ys=tuple(column_ys))


def _snap(values: Iterable[float], *, reverse: bool = False) -> list[float]:
    """Edge positions, rules within a stroke's width of each other taken as one."""
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= max(_SNAP, _MIN_CELL):
            continue
        out.append(v)
    return out[::-1] if reverse else out


def table_lines(grid: Grid, pieces: list[Piece]) -> list[tuple[float, str]]:
    """(top, line) for each row of the grid that holds text: its cells parted by tabs (a row
    with one filled cell, such as a title across the table, is that cell's text alone)."""
    cells: dict[tuple[int, int], list[Piece]] = {}
    for piece in pieces:
        left, bottom, right, top, _ = piece
        place = grid.place((left + right) / 2, (bottom + top) / 2)
        if place is not None:
            cells.setdefault(place, []).append(piece)
    out: list[tuple[float, str]] = []
    for row in range(len(grid.ys) - 1):
        texts = [_cell_text(cells.get((row, column), [])) for column in range(len(grid.xs) - 1)]
        filled = [t for t in texts if t]
        if filled:
            out.append((grid.ys[row], filled[0] if len(filled) == 1 else "\t".join(texts)))
    return out


def _cell_text(pieces: list[Piece]) -> str:
    """A cell's pieces in reading order: lines top to bottom (pieces that overlap vertically
    are one line), each left to right; the lines joined as one text."""
    lines: list[tuple[float, list[Piece]]] = []
    for piece in sorted(pieces, key=lambda p: -p[3]):
        if lines and _overlap(piece, lines[-1][1][0]):
            lines[-1][1].append(piece)
        else:
            lines.append((piece[3], [piece]))
    words = (p[4] for _, line in lines for p in sorted(line, key=lambda p: p[0]))
    return "".join(w.replace("\r", "").replace("\n", "") for w in words).strip()


def _overlap(a: Piece, b: Piece) -> bool:
    shared = min(a[3], b[3]) - max(a[1], b[1])
    return shared > 0.5 * min(a[3] - a[1], b[3] - b[1])

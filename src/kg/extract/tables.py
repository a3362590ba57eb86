"""Indicator tables that a PDF reader delivers one cell per line.

A national or provincial plan states its main indicators in a table: indicator (unit) |
baseline year | target years | 性质 (预期性/约束性). Read in reading order, each cell is a
line of its own (``指标：婴儿死亡率(‰)``, ``2015 年：8.1``, ``2020 年：7.5``, ``性质：约束性``),
and a reader that follows text blocks may put the cells of several rows out of row order.

Each cell of a future year becomes a target with that year's end as its deadline and the
row's indicator as its subject and unit; the cell of the earliest year is the baseline of
the row's targets; the 性质 is kept on the targets. A cell is given to the nearest indicator
(in lines) still lacking that column; a cell that does not stand between its indicator and
the next one was placed by position only and is flagged for review. Cells whose value
carries its own unit (比2015年降低10%) are left to the sentence rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.extract.rules import quantity_rules
from kg.extract.targets import TargetDraft, population_unit
from kg.model import Comparator

_INDICATOR = re.compile(r"^指标[：:](?P<name>.+)$")
_YEAR_CELL = re.compile(r"^(?P<year>(?:19|20)\d\d)年[：:](?P<value>.*)$")
_NATURE = re.compile(r"^(?:性质|属性)[：:]?(?P<nature>预期性|约束性)$")
_VALUE = re.compile(
    r"^(?P<op>[＞＜>〉〈≥≤]?)(?P<num>\d+(?:\.\d+)?)(?P<after>左右?|及以上|以上|及以下|以下)?$"
)
_UNIT_IN_NAME = re.compile(r"[（(](?P<unit>[^（()）]{1,12})[）)]$")
_OPS: dict[str, Comparator] = {"＞": ">", ">": ">", "〉": ">", "＜": "<", "〈": "<", "≥": ">="}
_AFTER: dict[str, Comparator] = {"及以上": ">=", "以上": ">=", "及以下": "<=", "以下": "<="}
_SCALE = {"亿": 1e8, "万亿": 1e12, "万": 1e4, "千": 1e3}
_MAX_GAP = 6  # lines of page furniture tolerated inside a table


@dataclass(frozen=True)
class Cell:
    index: int  # paragraph index
    year: int
    text: str  # the value as written


@dataclass(frozen=True)
class TableReading:
    """Targets read from the tables of a document, and the paragraphs that were cells."""

    drafts: list[tuple[int, TargetDraft]]  # (paragraph index, draft in paragraph offsets)
    cells: frozenset[int]


def read_indicator_tables(paragraphs: list[str]) -> TableReading:
    """Targets of every indicator table in a document's paragraphs (clean text)."""
    drafts: list[tuple[int, TargetDraft]] = []
    cells: set[int] = set()
    for block in _blocks(paragraphs):
        found, used = _read_block(paragraphs, block)
        drafts += found
        cells |= used
    return TableReading(sorted(drafts, key=lambda d: d[0]), frozenset(cells))


def _is_cell(text: str) -> bool:
    return bool(_INDICATOR.match(text) or _YEAR_CELL.match(text) or _NATURE.match(text))


def _blocks(paragraphs: list[str]) -> list[list[int]]:
    """Runs of paragraphs holding at least one indicator and two year cells."""
    blocks: list[list[int]] = []
    current: list[int] = []
    gap = 0
    for i, text in enumerate(paragraphs):
        if _is_cell(text) or text.startswith("领域"):
            current.append(i)
            gap = 0
            continue
        if current and gap < _MAX_GAP and "。" not in text and len(text) <= 40:
            current.append(i)
            gap += 1
            continue
        blocks.append(current)
        current, gap = [], 0
    blocks.append(current)
    return [b for b in blocks if _worth_reading(paragraphs, b)]


def _worth_reading(paragraphs: list[str], block: list[int]) -> bool:
    indicators = sum(1 for i in block if _INDICATOR.match(paragraphs[i]))
    years = sum(1 for i in block if _YEAR_CELL.match(paragraphs[i]))
    return indicators >= 1 and years >= 2


def _read_block(
    paragraphs: list[str], block: list[int]
) -> tuple[list[tuple[int, TargetDraft]], set[int]]:
    indicators = [i for i in block if _INDICATOR.match(paragraphs[i])]
    names = _indicator_names(paragraphs, block, indicators)
    cells = [
        Cell(i, int(m["year"]), m["value"]) for i in block if (m := _YEAR_CELL.match(paragraphs[i]))
    ]
    base_year = min(c.year for c in cells)
    assigned = _assign(cells, indicators)
    natures = _assign_natures(paragraphs, block, indicators)
    drafts: list[tuple[int, TargetDraft]] = []
    for cell in cells:
        row = assigned.get(cell.index)
        if row is None or cell.year == base_year:
            continue
        draft = _cell_target(
            cell, names[row], nature=natures.get(row), length=len(paragraphs[cell.index])
        )
        if draft is None:
            continue
        baseline = next(
            (c for c in cells if c.year == base_year and assigned.get(c.index) == row), None
        )
        if baseline is not None and (m := _VALUE.match(baseline.text.split("(")[0])):
            draft = replace(draft, baseline_value=float(m["num"]), baseline_year=base_year)
        if not _in_row_order(cell.index, row, indicators):
            draft = replace(draft, review=(*draft.review, "table row assigned by position"))
        drafts.append((cell.index, draft))
    own_unit = {c.index for c in cells if c.text and not _VALUE.match(c.text)}
    used = {
        i
        for i in block
        if (_is_cell(paragraphs[i]) or paragraphs[i].startswith("领域")) and i not in own_unit
    }
    return drafts, used


def _indicator_names(
    paragraphs: list[str], block: list[int], indicators: list[int]
) -> dict[int, str]:
    """Indicator names; a name split over lines takes the nearest free fragment with a unit."""
    names = {i: _INDICATOR.match(paragraphs[i])["name"] for i in indicators}  # type: ignore[index]
    fragments = [
        i
        for i in block
        if not _is_cell(paragraphs[i])
        and not paragraphs[i].startswith("领域")
        and _UNIT_IN_NAME.search(paragraphs[i])
        and not _VALUE.match(paragraphs[i])
    ]
    open_names = [i for i in indicators if not _UNIT_IN_NAME.search(names[i])]
    for _, fragment, row in sorted((_cost(f, r), f, r) for f in fragments for r in open_names):
        if row in open_names and fragment in fragments and _cost(fragment, row) <= _MAX_GAP:
            names[row] += paragraphs[fragment]
            open_names.remove(row)
            fragments.remove(fragment)
    return names


def _cost(cell: int, row: int) -> int:
    """Lines from an indicator to a cell; a cell usually follows its indicator."""
    return cell - row if cell > row else 2 * (row - cell)


def _assign(cells: list[Cell], indicators: list[int]) -> dict[int, int]:
    """Each cell to the nearest indicator still lacking its year (greedy by distance)."""
    pairs = sorted(
        (_cost(c.index, r), c.index < r, c.index, r, c.year) for c in cells for r in indicators
    )
    taken: set[tuple[int, int]] = set()
    out: dict[int, int] = {}
    for _, _, cell, row, year in pairs:
        if cell in out or (row, year) in taken:
            continue
        out[cell] = row
        taken.add((row, year))
    return out


def _assign_natures(
    paragraphs: list[str], block: list[int], indicators: list[int]
) -> dict[int, str]:
    out: dict[int, str] = {}
    for i in block:
        if (m := _NATURE.match(paragraphs[i])) and indicators:
            free = [r for r in indicators if r not in out] or indicators
            out[min(free, key=lambda r: (_cost(i, r), i < r))] = m["nature"]
    return out


def _in_row_order(cell: int, row: int, indicators: list[int]) -> bool:
    following = [r for r in indicators if r > row]
    return row < cell < (following[0] if following else cell + 1)


def _cell_target(cell: Cell, name: str, *, nature: str | None, length: int) -> TargetDraft | None:
    m = _VALUE.match(cell.text)
    if m is None:
        return None  # 持续改善, or a value with its own unit (left to the sentence rules)
    unit_match = _UNIT_IN_NAME.search(name)
    subject = name[: unit_match.start()] if unit_match else name
    unit, factor = _unit(unit_match["unit"] if unit_match else "", subject=subject)
    comparator: Comparator = _OPS.get(m["op"], "=")
    if m["after"] in _AFTER:
        comparator = _AFTER[m["after"]]
    value = float(m["num"]) * factor
    review = () if unit else ("value without unit",)
    return TargetDraft(
        start=0,  # the whole cell line is the quote
        end=length,
        subject=subject,
        value=value,
        value_max=None,
        unit=unit,
        comparator=comparator,
        deadline=f"{cell.year:04d}-12-31",
        deadline_text=f"{cell.year}年",
        start_year=None,
        periodicity=None,
        kind="target",
        value_text=cell.text,
        nature=nature,
        review=review,
    )


def _unit(written: str, *, subject: str) -> tuple[str, float]:
    """The unit in an indicator's brackets: 亿人 -> 人 ×1e8; 每千常住人口…(人) -> 人/千常住人口."""
    rules = quantity_rules()
    written = written.replace(" ", "")
    if written.startswith("1/"):
        return written[1:], 1.0
    for prefix, factor in sorted(_SCALE.items(), key=lambda p: -len(p[0])):
        rest = written[len(prefix) :]
        if written.startswith(prefix) and rest:
            unit, more = rules.aliases.get(rest, (rest, 1.0))
            return unit, factor * more
    unit, factor = rules.aliases.get(written, (written, 1.0))
    return population_unit(rules, subject, unit), factor

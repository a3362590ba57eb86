"""Indicator tables with a header row: 指标 | 2020年 | 2025年 | 性质, one row per indicator.

A plan states its main indicators in a table whose header names the columns (header words in
``data/quantities.toml`` [tables]). A Word table reaches us as one line per row with its cells
parted by tabs; a PDF or a Word table read paragraph by paragraph gives one cell a line, a long
indicator name sometimes wrapped over two lines, and a group column (领域) merged over its rows
written only on the group's first row. Each cell of a target year becomes a target with that
year's end as its deadline, the row's indicator as subject and its unit (from the unit column or
the bracket after the name: 婴儿死亡率（‰）); the baseline column (基期水平, or the earliest year
when there is none) gives the targets their baseline; the 性质 column is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.extract.rules import TableRules, quantity_rules, table_rules
from kg.extract.targets import TargetDraft, population_unit
from kg.model import Change, Comparator

_UNIT_IN_NAME = re.compile(r"[（(](?P<unit>[^（()）]{1,12})[）)]$")
_NATURE = re.compile(r"预期性|约束性|结果性|过程性|倡导性")
# a cell may write the verb of its level (稳定在70%左右, 不低于90%, 控制在8天以内)
VALUE = re.compile(
    r"^(?P<lead>稳定在|保持在|维持在|控制在|力争达到|达到|不低于|不少于|不高于|不超过|低于|小于|高于|大于)?"
    r"(?P<op>[＞＜>〉〈≥≤]?)(?P<num>\d+(?:\.\d+)?)(?P<unit>[%％‰])?"
    r"(?P<after>左右|及以上|以上|及以下|以下|以内)?"
)
_RATIO_CELL = re.compile(
    r"^(?P<op>[＞＜>〉〈≥≤]?)1\s*[:：∶]\s*(?P<num>\d+(?:\.\d+)?)(?P<after>及以上|以上|及以下|以下)?$"
)
# 比2015年降低30%; a change on the baseline written alone (提高1岁, 力争每年降低0.5个百分点以上)
_RELATIVE = re.compile(
    r"^(?:力争)?(?:(?:比|较)(?:(?P<ref>(?:19|20)\d\d)年|基期|基线|现状)(?:水平)?"
    r"|在(?P<on>(?:19|20)\d\d)年(?:底|末)?(?:的)?(?:水平)?基础上)?(?P<annual>每年)?"
    r"(?P<verb>降低|下降|减少|提高|增加|增长|提升)"
    r"(?P<num>\d+(?:\.\d+)?)(?P<unit>%|个百分点|百分点|岁)(?P<after>以上|左右)?"
)
_OPS: dict[str, Comparator] = {
    "＞": ">",
    ">": ">",
    "〉": ">",
    "＜": "<",
    "〈": "<",
    "≥": ">=",
    "≤": "<=",
}
_AFTER: dict[str, Comparator] = {
    "及以上": ">=",
    "以上": ">=",
    "及以下": "<=",
    "以下": "<=",
    "以内": "<=",
}
_LEAD: dict[str, Comparator] = {
    "不低于": ">=",
    "不少于": ">=",
    "不高于": "<=",
    "不超过": "<=",
    "低于": "<",
    "小于": "<",
    "高于": ">",
    "大于": ">",
}
_DOWN = ("降低", "下降", "减少")
_SCALE = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}
_MAX_CELL = 60  # a line longer than this, or holding 。, is prose: the table has ended
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+[章节条篇])"
)


@dataclass(frozen=True)
class Columns:
    """What each column of a table holds (column indices in the header)."""

    count: int
    name: int
    years: tuple[tuple[int, int | None], ...]  # (column, year) of the targets; None: 目标值
    baseline: int | None  # column of the baseline value
    baseline_year: int | None
    nature: int | None
    unit: int | None
    number: int | None
    group: int | None
    places: bool = False  # the name column names places (区县): the caption's topic is measured
    topic: str = ""  # the caption's topic (年度无偿献血任务), beside each place
    caption_unit: str | None = None  # （单位：人次） in the caption: the unit of cells without one
    quotas: tuple[tuple[int, str, str], ...] = ()  # (column, label, unit) of a quota table


@dataclass(frozen=True)
class Cell:
    """One cell: the paragraph it stands in, its offsets there, its text without spaces."""

    paragraph: int
    start: int
    end: int
    text: str
    rebuilt: bool = False  # a name cell joined from wrapped lines, or its row's group restored


def header(
    cells: list[str], rules: TableRules, *, issued_year: int | None = None, caption: str = ""
) -> Columns | None:
    """The columns of a header row, or None when the cells are not an indicator-table header.
    Without a baseline column the earliest year is the present the targets start from, unless
    it is the plan's own year or later (a plan of 2024: 2024年 | 2025年 | 2026年 are all aims).
    ``caption`` is the line above the table (…任务…分配，具体如下：)."""
    if len(cells) < 2:
        return None
    if quotas := _quota_header(
        cells, rules, allotted=bool(rules.allotment_caption.search(caption))
    ):
        return quotas
    if not all(rules.names_column(c) for c in cells):
        return None
    name = next((k for k, c in enumerate(cells) if c in rules.indicator | rules.place), None)
    years: list[tuple[int, int]] = []
    baseline: int | None = None
    baseline_year: int | None = None
    for k, c in enumerate(cells):
        m = rules.year.match(c)
        if c in rules.baseline or (m and (m["base"] or m["basefirst"])):
            baseline, baseline_year = k, int(m["year"]) if m else None
        elif m:
            years.append((k, int(m["year"])))
    target = next((k for k, c in enumerate(cells) if c in rules.target), None)
    if name is None or not (years or target is not None):
        return None
    if not years and target is not None:  # 指标 | 目标值 | 牵头单位: one column naming no year
        return _columns(
            cells, rules, name=name, years=((target, None),), baseline=(baseline, baseline_year)
        )
    earliest = min(years, key=lambda y: y[1]) if years else None
    if (
        baseline is None
        and len(years) > 1
        and earliest is not None
        and (issued_year is None or earliest[1] < issued_year)
    ):  # 2020年 | 2025年: the earliest year is the present
        baseline, baseline_year = earliest
        years.remove(earliest)
    return _columns(cells, rules, name=name, years=tuple(years), baseline=(baseline, baseline_year))


def _quota_header(cells: list[str], rules: TableRules, *, allotted: bool) -> Columns | None:
    """单位 | 常住人口（万人） | 团体献血任务（人次）: the header of a table sharing out quotas, one
    a row; the columns of quotas name their unit, the others are read as the present or not.
    Below a caption sharing tasks out (``allotted``) every column with its unit is a quota but
    the basis of the sharing (常住人口（万人）)."""
    name = 1 if cells[0] in rules.number else 0  # 序号 | 设区市 | …
    if cells[name] not in rules.quota_names | rules.place:
        return None
    quotas: list[tuple[int, str, str]] = []
    years: list[tuple[int, int | None]] = []
    for k, cell in enumerate(cells):
        if quotas and quotas[-1][0] == k - 1 and (m := rules.quota_part.match(cell)):
            quotas.append((k, m["label"] + quotas[-1][1], m["unit"]))  # 重点人群 + 签约任务
            years.append((k, years[-1][1]))
        elif (m := rules.quota.match(cell)) or (
            allotted
            and k > name
            and (m := rules.allotment_column.match(cell))
            and not rules.allotment_basis.search(cell)
        ):
            quotas.append((k, m["label"], m["unit"]))
            years.append((k, int(m["year"]) if m.groupdict().get("year") else None))
    if not quotas:
        return None
    return Columns(
        count=len(cells),
        name=name,
        years=tuple(years),
        baseline=None,
        baseline_year=None,
        nature=None,
        unit=None,
        number=0 if name else None,
        group=None,
        quotas=tuple(quotas),
    )


def _columns(
    cells: list[str],
    rules: TableRules,
    *,
    name: int,
    years: tuple[tuple[int, int | None], ...],
    baseline: tuple[int | None, int | None],
) -> Columns:
    def first(words: frozenset[str]) -> int | None:
        return next((k for k, c in enumerate(cells) if c in words), None)

    return Columns(
        count=len(cells),
        name=name,
        years=years,
        baseline=baseline[0],
        baseline_year=baseline[1],
        nature=first(rules.nature),
        unit=first(rules.unit),
        number=first(rules.number),
        group=first(rules.group),
        places=cells[name] in rules.place,
    )


def read_column_tables(
    paragraphs: list[str], *, issued_year: int | None = None
) -> tuple[list[tuple[int, TargetDraft]], set[int]]:
    """Targets of every header-row indicator table, and the paragraphs that hold its cells."""
    rules = table_rules()
    drafts: list[tuple[int, TargetDraft]] = []
    used: set[int] = set()
    i = 0
    while i < len(paragraphs):
        tabbed = paragraphs[i].split("\t")
        columns = (
            header(
                [_bare(c) for c in tabbed],
                rules,
                issued_year=issued_year,
                caption=paragraphs[i - 1].strip() if i else "",
            )
            if len(tabbed) > 1
            else None
        )
        if columns is not None:
            rows, end = _tab_rows(paragraphs, i + 1, columns)
        else:
            columns, first_row = _line_header(paragraphs, i, rules, issued_year=issued_year)
            rows, end = _line_rows(paragraphs, first_row, columns) if columns else ([], i + 1)
        if columns is None or not rows:
            i += 1
            continue
        year = (
            _caption_year(paragraphs, i, pattern=rules.quota_caption_year, lines=2)
            if columns.quotas
            else _caption_year(paragraphs, i, pattern=_CAPTION_YEAR, lines=3)
        )
        if year and columns.quotas:  # the caption's year, for the columns naming none
            columns = replace(columns, years=tuple((k, y or year) for k, y in columns.years))
        elif year and columns.years and columns.years[0][1] is None:
            columns = replace(columns, years=((columns.years[0][0], year),))
        columns = _with_caption(columns, paragraphs[max(0, i - 2) : i], rules)
        unread: set[int] = set()
        for row in rows:
            found = _row_targets(row, columns)
            drafts += found
            if not found and all(year is None for _, year in columns.years):
                unread |= {c.paragraph for c in row}  # 每200—250张床位1名: read as text
        used |= set(range(i, end)) - unread
        i = end
    return drafts, used


def _with_caption(columns: Columns, above: list[str], rules: TableRules) -> Columns:
    """The unit a caption gives the table's cells (（单位：人次）) and, for a table of places,
    the topic it measures (各区县年度无偿献血任务如下 -> 年度无偿献血任务)."""
    caption = next((t for t in reversed(above) if rules.caption_unit.search(t)), None)
    if caption is None:
        return columns
    unit = rules.caption_unit.search(caption)
    topic = ""
    if columns.places and unit:
        words = re.split(r"[。；;：:]", caption[: unit.start()].strip())[-1]
        topic = re.sub(r"(?:如下|见下表|详见下表|分解如下)$", "", words.strip())
        topic = topic.removeprefix("各")
        topic = next(
            (
                topic[len(w) :]
                for w in sorted(rules.place, key=len, reverse=True)
                if topic.startswith(w)
            ),
            topic,
        )
    return replace(columns, caption_unit=unit["unit"].strip() if unit else None, topic=topic)


def _caption_year(
    paragraphs: list[str], i: int, *, pattern: re.Pattern[str], lines: int
) -> int | None:
    """The year a caption in the ``lines`` above a table gives its target column (（目标值为2022年
    全省目标值）) or its quotas (宁阳县2025年无偿献血任务分解表)."""
    for text in reversed(paragraphs[max(0, i - lines) : i]):
        if len(text) <= _MAX_CELL and (m := pattern.search(text)):
            return int(m["year"])
    return None


_CAPTION_YEAR = re.compile(r"目标值?(?:为|是)?\s*(?P<year>(?:19|20)\d\d)\s*年")


def _is_cell_line(text: str) -> bool:
    """A line that can be a table cell: short, no sentence end, not a section heading."""
    return bool(text) and len(text) <= _MAX_CELL and "。" not in text and not _HEADING.match(text)


def _bare(text: str) -> str:
    return "".join(text.split())


def _tab_rows(paragraphs: list[str], start: int, columns: Columns) -> tuple[list[list[Cell]], int]:
    """Rows of a tab-separated table up to the first paragraph that is not a row."""
    rows: list[list[Cell]] = []
    i = start
    while i < len(paragraphs) and "\t" in paragraphs[i]:
        cells: list[Cell] = []
        pos = 0
        for raw in paragraphs[i].split("\t"):
            lead = len(raw) - len(raw.lstrip())
            cells.append(Cell(i, pos + lead, pos + len(raw.rstrip()), _bare(raw)))
            pos += len(raw) + 1
        if len(cells) == columns.count - 1 and columns.group is not None:
            cells.insert(columns.group, Cell(i, 0, 0, ""))  # the group cell merged above
        elif len(cells) == columns.count - 1 and columns.number == 0 and _unnumbered(cells):
            cells.insert(0, Cell(i, 0, 0, ""))  # 全省合计 | 52 | 80: a total row has no number
        elif len(cells) < columns.count and _holds_its_figures(len(cells), columns):
            end = len(paragraphs[i])  # empty cells at the row's end, their tabs trimmed
            cells += [Cell(i, end, end, "")] * (columns.count - len(cells))
        if len(cells) == columns.count:
            rows.append(cells)
        i += 1
    return rows, i


def _unnumbered(cells: list[Cell]) -> bool:
    """A row whose first cell is a name, not the number of its 序号 column (合计 | 52 | 80)."""
    return not _is_value(cells[0].text)


def _holds_its_figures(cells: int, columns: Columns) -> bool:
    """Whether a row of ``cells`` cells reaches its name and every figure column."""
    needed = [columns.name, *(k for k, _ in columns.years)]
    return max(needed) < cells


def _line_header(
    paragraphs: list[str], start: int, rules: TableRules, *, issued_year: int | None
) -> tuple[Columns | None, int]:
    """A header written one cell a line, starting at ``start``, and the paragraph after it."""
    cells: list[str] = []
    i = start
    while i < len(paragraphs) and rules.names_column(_bare(paragraphs[i])):
        cells.append(_bare(paragraphs[i]))
        i += 1
    if len(cells) < 2:
        return None, start + 1
    caption = paragraphs[start - 1].strip() if start else ""
    return header(cells, rules, issued_year=issued_year, caption=caption), i


def _line_rows(paragraphs: list[str], start: int, columns: Columns) -> tuple[list[list[Cell]], int]:
    """Rows written one cell a line. With a 序号 column, each line holding the next number starts
    a row; without one, rows are runs of as many lines as there are columns. A row with one line
    more than its columns has its name wrapped; one with a line less, its group cell merged or
    its name displaced: poppler's reading order moves a cell wrapped over lines after the rows
    of the page, so rows lose their names and the names follow the table, one line a piece."""
    lines: list[Cell] = []
    i = start
    while i < len(paragraphs):
        text = _bare(paragraphs[i])
        if not _is_cell_line(text):
            break
        lines.append(Cell(i, 0, len(paragraphs[i].rstrip()), text))
        i += 1
    if columns.number is not None:
        anchors: list[int] = []
        expected = 1
        for k, cell in enumerate(lines):
            # a row number lost in the reading (7 missing between 6 and 8) must not end the table
            step = next((s for s in (0, 1) if cell.text == str(expected + s)), None)
            if step is not None and k >= columns.number:
                anchors.append(k - columns.number + _merged_before(lines, k, columns))
                expected += step + 1
        groups = [lines[a:b] for a, b in zip(anchors, [*anchors[1:], len(lines)], strict=True)]
        groups = [part for g in groups for part in _numberless_rows(g, columns)]
    else:
        groups = _runs(lines, columns)
    labels = _group_labels(groups, columns)
    rows: list[list[Cell]] = []
    displaced: list[Cell] = []  # lines after a row's last cell: the names moved out of rows
    for group in groups:
        for n in range(len(group), max(len(group) - _MAX_DISPLACED, 0), -1):
            if (row := _fit(group[:n], columns, labels=labels)) is not None:
                rows.append(row)
                displaced += group[n:]
                break
    rows = _restore_names(rows, displaced, columns)
    used = [c.paragraph for row in rows for c in row if c.text] + [c.paragraph for c in displaced]
    return rows, (max(used) + 1 if rows else start)


def _merged_before(lines: list[Cell], k: int, columns: Columns) -> int:
    """1 where the group column stands before the 序号 (类别 | 序号 | 指标 …) and this row, the
    group's second or later, has no group cell: the line before its number is the last row's."""
    assert columns.number is not None
    if columns.group is None or columns.group > columns.number or k == 0:
        return 0
    before = lines[k - 1].text
    return 1 if _is_value(before) or _NATURE.search(before) or before in _EMPTY_CELLS else 0


def _runs(lines: list[Cell], columns: Columns) -> list[list[Cell]]:
    """Rows without a 序号 column: runs of as many lines as there are columns, one line fewer
    where the group cell (领域, written on the group's first row only) is missing: the row then
    opens with its name, followed by a value (or an empty cell —) rather than by the name."""
    groups: list[list[Cell]] = []
    k = 0
    merged = columns.group is not None and columns.group < columns.name
    while k < len(lines):
        n = columns.count
        if merged and k + 1 < len(lines) and _is_name(lines[k].text):
            following = lines[k + 1].text
            if _is_value(following) or following in _EMPTY_CELLS:
                n -= 1
        groups.append(lines[k : k + n])
        k += n
    return groups


_EMPTY_CELLS = frozenset({"—", "——", "－", "-", "/", "／", "…"})


def _numberless_rows(group: list[Cell], columns: Columns) -> list[list[Cell]]:
    """A row followed by rows whose number cells were lost: a row each, their numbers blank."""
    assert columns.number is not None
    if len(group) < 2 * columns.count - 1 or _fit(group, columns, labels=frozenset()) is not None:
        return [group]
    first, rest = group[: columns.count], group[columns.count :]
    if _fit(first, columns, labels=frozenset()) is None:
        return [group]
    blank = Cell(rest[0].paragraph, 0, 0, "")
    return [
        first,
        *_numberless_rows([*rest[: columns.number], blank, *rest[columns.number :]], columns),
    ]


_MAX_DISPLACED = 24  # lines of displaced names that may follow the last row of a page


def _group_labels(groups: list[list[Cell]], columns: Columns) -> frozenset[str]:
    """The group column's values (健康水平, 健康服务): read from rows whose first lines are one
    line a cell, so that a row whose name was displaced does not take its group for its name."""
    if columns.group is None:
        return frozenset()
    return frozenset(
        g[columns.group].text
        for g in groups
        if len(g) >= columns.count
        and _is_name(g[columns.name].text)
        and all(_is_value(g[column].text) for column, _ in columns.years)
    )


def _fit(group: list[Cell], columns: Columns, *, labels: frozenset[str]) -> list[Cell] | None:
    """The cells of a row, given its lines: as they stand, or with the group cell merged above
    (领域 written on the group's first row only), or with the name displaced (left blank, to be
    restored from the lines after the rows); a name wrapped over lines is joined."""
    if not group:
        return None
    blank = Cell(group[0].paragraph, 0, 0, "")
    readings = [list(group)]
    if columns.group is not None:
        readings.append([*group[: columns.group], blank, *group[columns.group :]])
    readings.append([*group[: columns.name], blank, *group[columns.name :]])
    if len(group) < columns.count and all(c < len(group) for c, _ in columns.years):
        # a cell after the figures left empty (配合单位 of a row with none): read as blank
        readings.insert(-1, [*group, *([blank] * (columns.count - len(group)))])
    for k, reading in enumerate(readings):
        cells = _join_name(reading, columns)
        if cells is None:
            continue
        name = cells[columns.name]
        if k == len(readings) - 1:  # the name displaced: the line at its place must be a value
            after = cells[columns.name + 1].text if columns.name + 1 < len(cells) else ""
            if _is_value(after) or not after:
                return cells
            continue
        if _is_name(name.text) and name.text not in labels:
            if k > 0 or len(reading) != columns.count:  # lines joined, a merged cell restored
                cells[columns.name] = replace(name, rebuilt=True)
            return cells
    return None


def _restore_names(
    rows: list[list[Cell]], displaced: list[Cell], columns: Columns
) -> list[list[Cell]]:
    """The rows with their displaced names put back, in order, when the lines after the rows
    make exactly as many names as rows lack one; else those rows are left out (a row with no
    name has no subject for its figures)."""
    missing = [k for k, row in enumerate(rows) if not row[columns.name].text]
    names = _names_from_lines(displaced, wanted=len(missing))
    if names is None:
        return [row for row in rows if row[columns.name].text]
    out = [list(row) for row in rows]
    for k, name in zip(missing, names, strict=True):
        out[k][columns.name] = name
    return out


def _names_from_lines(lines: list[Cell], *, wanted: int) -> list[Cell] | None:
    """Names from the lines of displaced cells: a line each when the counts agree, else joined
    until a line closes the name's unit bracket（%） (a line opening with a bracket continues)."""
    if not wanted:
        return []
    if len(lines) == wanted and all(_is_name(c.text) for c in lines):
        return [replace(c, rebuilt=True) for c in lines]
    names: list[Cell] = []
    for cell in lines:
        opens_with_bracket = cell.text.startswith(("（", "(", "）", ")"))
        if names and (opens_with_bracket or not _CLOSED.search(names[-1].text)):
            names[-1] = replace(names[-1], text=names[-1].text + cell.text)
        else:
            names.append(replace(cell, rebuilt=True))
    complete = all(_is_name(c.text) for c in names)
    return names if len(names) == wanted and complete else None


_CLOSED = re.compile(r"[）)]$")


def _join_name(cells: list[Cell], columns: Columns) -> list[Cell] | None:
    cells = list(cells)
    while len(cells) > columns.count and columns.name + 1 < len(cells):
        first, second = cells[columns.name], cells.pop(columns.name + 1)
        if _UNIT_IN_NAME.search(first.text) or _is_value(second.text):
            return None  # the extra line is not a continuation of the name
        cells[columns.name] = replace(first, text=first.text + second.text)
    return cells if len(cells) == columns.count else None


def _is_name(text: str) -> bool:
    """An indicator's name: not empty, not a value, not a unit bracket alone （人）."""
    return bool(text) and not _is_value(text) and not _BRACKET_ONLY.match(text)


_BRACKET_ONLY = re.compile(r"^[（(][^（()）]*[）)]$")


def _is_value(text: str) -> bool:
    """A cell holding a figure: a relative change, or a number with at most a short unit and a
    bracketed note after it (89.6（2014年）, 16万亿); 15岁以上人群吸烟率 is a name."""
    if _RELATIVE.match(text):
        return True
    m = VALUE.match(text)
    return m is not None and bool(_VALUE_TAIL.match(text[m.end() :]))


_VALUE_TAIL = re.compile(r"^[^\d（()）]{0,3}(?:[（(][^（()）]*[）)])?$")


def _row_targets(row: list[Cell], columns: Columns) -> list[tuple[int, TargetDraft]]:
    name = row[columns.name].text
    if not name or _is_value(name):
        return []
    name = name + columns.topic if columns.places else name  # 吴兴区 + 年度无偿献血任务
    unit = row[columns.unit].text if columns.unit is not None else None
    if unit is not None and (_is_value(unit) or _NATURE.search(unit)):
        return []  # a figure in the unit column: the row's cells are out of place
    nature_cell = row[columns.nature].text if columns.nature is not None else ""
    nature = m.group(0) if (m := _NATURE.search(nature_cell)) else None
    baseline: float | None = None
    if columns.baseline is not None:
        try:
            baseline = cell_value(row[columns.baseline].text)[0]
        except ValueError:
            baseline = None
    out: list[tuple[int, TargetDraft]] = []
    quotas = {k: (label, written) for k, label, written in columns.quotas}
    for column, year in columns.years:
        cell = row[column]
        label, quota_unit = quotas.get(column, ("", unit))
        draft = make_target(
            name + label,  # 文庙街道 + 团体献血任务 in a quota table
            cell.text,
            year=year,
            nature=nature,
            unit_written=quota_unit,
            caption_unit=columns.caption_unit,
        )
        if draft is None:
            continue
        if baseline is not None:
            draft = replace(draft, baseline_value=baseline, baseline_year=columns.baseline_year)
        if draft.change and draft.reference_year is None:  # 较基期下降5%: the baseline's year
            draft = replace(draft, reference_year=columns.baseline_year)
        if row[columns.name].rebuilt:
            draft = replace(draft, review=(*draft.review, "table row rebuilt from its lines"))
        out.append((cell.paragraph, replace(draft, start=cell.start, end=cell.end)))
    return out


def cell_value(text: str) -> tuple[float, str | None, Comparator, Change | None, int | None]:
    """(value, own unit, comparator, change, reference year) of a cell, or ValueError."""
    if rel := _RELATIVE.match(text):
        change: Change = "decrease" if rel["verb"] in _DOWN else "increase"
        unit = rel["unit"] if rel["unit"] in ("%", "岁") else "百分点"
        comparator: Comparator = ">=" if rel["after"] == "以上" else "="
        ref = rel["ref"] or rel["on"]  # 比2020年…, 在2023年基础上…: the reference year
        return float(rel["num"]), unit, comparator, change, int(ref) if ref else None
    if ratio := _RATIO_CELL.match(text):  # 1:1.2, ≥1:0.6: the ratio is its second term, as in text
        op = _AFTER.get(ratio["after"] or "", _OPS.get(ratio["op"], "="))
        return float(ratio["num"]), "比", op, None, None
    m = VALUE.match(text)
    if m is None:
        raise ValueError(text)
    comparator = _AFTER.get(m["after"] or "", _OPS.get(m["op"], _LEAD.get(m["lead"] or "", "=")))
    own = "%" if m["unit"] in ("%", "％") else m["unit"]  # 90%以上: the cell writes its unit
    rate = quantity_rules().rate_suffix.match(text, m.end())
    if own is None and m["after"] is None and rate:  # <26/10万, 18/10万以下: a rate
        rest = text[rate.end() :]
        if not rest or rest in _AFTER:
            return float(m["num"]), rate.group(0), _AFTER.get(rest, comparator), None, None
    if own is None and m["after"] is None and (word := _cell_measure_word(text, m)):
        own, rest = word, text[m.end() + len(word) :]  # ≥85分, 5个以上: a measure word after it
        comparator = _AFTER.get(rest, comparator)
    return float(m["num"]), own, comparator, None, None


def _cell_measure_word(text: str, m: re.Match[str]) -> str | None:
    """The measure word a cell writes after its figure (≥85分, 8天, 5个以上), if nothing but a
    bound follows it; a year (2020年) is none."""
    word = quantity_rules().measure_words.match(text, m.end())
    extra = next((w for w in table_rules().cell_measure_words if text.startswith(w, m.end())), None)
    found = word.group(0) if word else extra
    if found is None or (found == "年" and float(m["num"]) >= 1900):
        return None
    rest = text[m.end() + len(found) :]
    return found if not rest or rest in _AFTER or rest == "左右" else None


def make_target(
    name: str,
    text: str,
    *,
    year: int | None,
    nature: str | None,
    unit_written: str | None = None,
    caption_unit: str | None = None,
) -> TargetDraft | None:
    """The target of one table cell: ``name`` is the row's indicator (its unit in brackets
    unless ``unit_written`` gives it), ``text`` the cell; None for a cell with no figure."""
    try:
        value, own_unit, comparator, change, reference = cell_value(text)
    except ValueError:
        return None  # 持续改善, -: no figure
    unit_match = _UNIT_IN_NAME.search(name)
    subject = name[: unit_match.start()] if unit_match else name
    if own_unit is not None:
        unit, factor = own_unit, 1.0
    else:
        written = unit_written or (unit_match["unit"] if unit_match else caption_unit or "")
        unit, factor = unit_of(written, subject=subject)
    return TargetDraft(
        start=0,
        end=0,
        subject=subject,
        value=value * factor,
        value_max=None,
        unit=unit,
        comparator=comparator,
        deadline=f"{year:04d}-12-31" if year is not None else None,
        deadline_text=f"{year}年" if year is not None else None,
        start_year=None,
        periodicity="annual" if (rel := _RELATIVE.match(text)) and rel["annual"] else None,
        kind="target",
        value_text=text,
        reference_year=reference,
        change=change,
        nature=nature,
        review=() if unit else ("value without unit",),
    )


def unit_of(written: str, *, subject: str) -> tuple[str, float]:
    """The unit in an indicator's brackets: 亿人 -> 人 ×1e8; 每千常住人口…(人) -> 人/千常住人口."""
    rules = quantity_rules()
    written = "".join(written.split())
    if written.startswith("1/"):
        return written[1:], 1.0
    for prefix, factor in _SCALE.items():
        rest = written[len(prefix) :]
        if written.startswith(prefix) and rest:
            unit, more = rules.aliases.get(rest, (rest, 1.0))
            return unit, factor * more
    unit, factor = rules.aliases.get(written, (written, 1.0))
    return population_unit(rules, subject, unit), factor


def cell_lines(lines: list[str]) -> set[int]:
    """Indices of the lines of ``lines`` that are cells of a header-row table written one cell
    a line: the normaliser keeps each a paragraph of its own instead of joining them."""
    rules = table_rules()
    out: set[int] = set()
    i = 0
    while i < len(lines):
        run = i
        while run < len(lines) and rules.names_column(_bare(lines[run])):
            run += 1
        if run - i < 2 or header([_bare(x) for x in lines[i:run]], rules) is None:
            i += 1
            continue
        end = run
        while end < len(lines) and _is_cell_line(_bare(lines[end])):
            end += 1
        out |= set(range(i, end))
        i = end
    return out

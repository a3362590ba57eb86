"""Raw text -> clean text, with a map from every clean character back to the raw text.

Source texts come from PDFs and web pages: lines are hard-wrapped inside words and numbers,
a character is sometimes duplicated across a page break (市卫\\n\\n卫生健康局), brackets and
punctuation mix full and half width, and numbers carry spaces (到 2025 年). Rules run on the
clean text; every span they find is mapped back through ``offsets`` so that the graph always
quotes the raw text exactly.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.extract.columns import cell_lines
from kg.extract.numbers import digit
from kg.extract.rules import responsibility_rules
from kg.ingest.metadata import DOC_TYPE

# Characters after which a line break ends a paragraph.
_TERMINAL = set("。！？；：!?;:")
_HALF_TO_FULL = {"(": "（", ")": "）", ";": "；", "?": "？", "!": "！", "<": "〈", ">": "〉"}
_DIGIT_SENSITIVE = {",": "，", ":": "："}  # kept half-width between digits (1,000 / 1:0.55)
_SPACES = set(" \t\u3000\u00a0\u2002\u2003\u2009\u200b")
# Full-width digits and letters of Word documents (２０２５年, ３０％) read as ASCII.
_FULL_TO_HALF = (
    {chr(0xFF10 + i): str(i) for i in range(10)}
    | {chr(0xFF21 + i): chr(0x41 + i) for i in range(26)}
    | {chr(0xFF41 + i): chr(0x61 + i) for i in range(26)}
    | {"％": "%", "∶": ":"}  # 1∶4000, the ratio sign
)
# A year written in Chinese numerals (二〇二五年): digit for digit, so offsets stay one to one.
_CN_YEAR = re.compile(r"[一二][〇零○][〇零○一二三四五六七八九]{2}(?=年)")
# Digits spaced out by a PDF's character spacing (2 0 2 5 年): the spaces are not text.
_SPACED_DIGITS = re.compile(r"(?<![\d.])\d(?: \d(?![\d.]))+")
_CN_NUM = "一二三四五六七八九十"
_MARKER = re.compile(
    rf"^\s*(?:[{_CN_NUM}]+[、.．]|[（(][{_CN_NUM}]+[）)]|\d{{1,2}}[.．、](?!\d)|[（(]\d{{1,2}}[）)]"
    rf"|第[{_CN_NUM}]+[章条节篇]|专栏\s*(?:\d{{1,2}}|[{_CN_NUM}]+)(?![\d{_CN_NUM}])"
    rf"|(?:任务|事项|措施)\s*(?:\d{{1,2}}|[{_CN_NUM}]+)[：:]"
    rf"|(?:目标|行动)[{_CN_NUM}]{{1,3}}(?:[\s\u3000：:、]|(?=[\u4e00-\u9fff]{{4,}}\s*$)))"
)
# The heading line of an attachment (附件2, 附件 二：, 附件): a paragraph of its own.
_ATTACHMENT = re.compile(
    rf"^\s*附件\s*(?:(?:\d{{1,2}}|[{_CN_NUM}]{{1,3}})\s*[:：]?\s*[^。，；：:、\d][^。，；：:]{{0,39}}|"
    rf"(?:\d{{1,2}}|[{_CN_NUM}]{{1,3}})?\s*[:：]?)\s*$"
)
# A heading numbered by decimals on a line of its own (1 总则, 2.2 成员单位职责, 4.2.1): a
# paragraph of its own (not a figure wrapped to the line start: 10 个百分点, 2.5 亿元)
_DECIMAL_LINE = re.compile(
    r"^\s*\d{1,2}(?:(?:\.\d{1,2}){1,3}\s+(?![万亿个人名次元年月日天倍岁张所家项分小千米克])"
    r"[\u4e00-\u9fff][^，。；：,;]{0,24}|(?:\.\d{1,2}){2,3}"
    r"|\s+[^\s\d%％‰万亿个人名次元年月日天倍，。；：、][^\s，。；：]{1,11})\s*$"
)
# The period a title names after its type (…行动方案（2024—2025年）, …规划(2021-2025)).
_PERIOD_AFTER_TITLE = re.compile(r"[（(]\s*\d{4}\s*(?:年\s*)?[—–－~～至-]+\s*\d{4}\s*年?\s*[）)]$")
# Lines a text needs before its wrapping is judged (a short text has no margin to speak of).
_WRAPPED_MIN_LINES = 12
# A page number printed in the page foot (— 3 —, - 3 -): not text, read as a blank line.
_PAGE_NUMBER = re.compile(r"^\s*[—–-]+\s*\d{1,4}\s*[—–-]+\s*$")
# Table cells: a row of a Word table is one line with its cells separated by tabs.
_CELL_BREAK = re.compile(r"\S[ \u3000]*\t[\t \u3000]*\S")
_DATE_LINE = re.compile(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:印发)?\s*$")
_BRACKET_LINE = re.compile(r"^\s*[（(][^（()）]*[）)]\s*$")
_NOTE_WORDS = ("单位", "牵头", "负责")
_CELL_LINE = re.compile(r"^(?:(?:19|20)\d\d\s*年\s*[：:]|(?:领域|指标|性质|属性)\s*[：:])")
_BARE_VALUE_LINE = re.compile(r"^[＞＜>≥≤<]?\s*\d+(?:\.\d+)?(?:\s*左右)?$")
_UNIT_START = set("年月日%％‰万亿个人名次")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Normalized:
    """Clean text plus, for each of its characters, the raw index it came from."""

    raw: str
    text: str
    offsets: Sequence[int]
    repairs: list[str] = field(default_factory=list)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw ``[start, end)`` covering clean ``[start, end)`` (end > start)."""
        return self.offsets[start], self.offsets[end - 1] + 1

    def clean_index(self, raw_pos: int) -> int:
        """The first clean position whose raw source is at or after ``raw_pos``."""
        return bisect_left(self.offsets, raw_pos)

    def runs(self) -> list[tuple[int, int, int]]:
        """``offsets`` compressed: (clean start, raw start, length) of every stretch of clean
        characters that come from consecutive raw characters."""
        runs: list[tuple[int, int, int]] = []
        for clean, raw in enumerate(self.offsets):
            if runs and runs[-1][1] + runs[-1][2] == raw:
                c, r, n = runs[-1]
                runs[-1] = (c, r, n + 1)
            else:
                runs.append((clean, raw, 1))
        return runs

    def raw_start(self, start: int) -> int:
        """The raw index where clean position ``start`` begins (len(raw) past the end)."""
        return self.offsets[start] if start < len(self.offsets) else len(self.raw)


def _is_hard_break(
    prev: str, nxt: str, *, open_brackets: int, width: int, wrap: float | None = None
) -> bool:
    """Whether the line break between two non-empty stripped lines ends a paragraph (``wrap``:
    the visual width of a full line where the text is wrapped at a margin)."""
    if (
        _MARKER.match(prev)
        and len(prev) * 10 < width * 7
        and not any(c in prev for c in "，。；：")
    ):
        return True  # a numbered heading on a short line of its own (6.蚊媒应急监测)
    if (
        _MARKER.match(nxt)
        or _ATTACHMENT.match(nxt)
        or _DATE_LINE.match(nxt)
        or _DATE_LINE.match(prev)
    ):
        return True
    if _DECIMAL_LINE.match(prev) or _DECIMAL_LINE.match(nxt):
        return True  # 1.1 编制目的 | 有效预防…: the heading of a plan numbered by decimals
    if _table_row(prev) or _table_row(nxt) or _ATTACHMENT.match(prev):
        return True  # a table row is a line of its own; so is an attachment heading (附件2)
    # 牵头单位：A　配合单位：B on lines of their own, before or after the text; inside an open
    # note (（牵头单位：A； | 责任单位：B）) the label goes on with the note
    if open_brackets == 0 and _labelled_line(prev) != _labelled_line(nxt):
        return True
    if _BARE_VALUE_LINE.match(prev) and nxt[0] in _UNIT_START:
        return False  # 2030 | 年：…, 90 | %以上: a number wrapped away from its unit
    if _CELL_LINE.match(nxt) or _CELL_LINE.match(prev) or _BARE_VALUE_LINE.match(prev):
        return True
    if _BARE_VALUE_LINE.match(nxt) and prev[-1] in "）)":
        return True  # 合格以上的人数比例(%) | 90.6: a value cell after an indicator cell
    if open_brackets > 0:
        return False
    if _BRACKET_LINE.match(nxt) and not any(w in nxt for w in _NOTE_WORDS):
        return True
    if _BRACKET_LINE.match(prev):
        return True
    last = prev[-1]
    if last == "。" and wrap is not None and _visual_width(prev) >= wrap - 1.5:
        return False  # a sentence that ends at the margin: the paragraph goes on below
    if last in _TERMINAL:
        return True
    if (
        len(prev) * 10 < width * 7
        and not any(c in prev for c in "，。；：,;:")
        and DOC_TYPE.search(_PERIOD_AFTER_TITLE.sub("", prev.strip("*# ")))
    ):
        return True  # a short line ending like a title (…工作要点, …方案（2024—2025年）): a title
    if last in "）)":
        return _closes_note_or_sentence(prev)
    return bool(re.match(rf"^[{_CN_NUM}]+、", prev) and "。" not in prev and len(prev) <= 40)


def _labelled_line(line: str) -> bool:
    """A line opening with a responsibility label (牵头单位：, 责任单位：…)."""
    m = responsibility_rules().label_pattern.match(line.strip())
    return m is not None and responsibility_rules().labels[m.group(1)] != "ignore"


def _closes_note_or_sentence(line: str) -> bool:
    """A line ending in ）: a paragraph ends if it closes a responsibility note or a sentence."""
    depth = 0
    for i in range(len(line) - 1, -1, -1):
        ch = line[i]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            depth -= 1
            if depth == 0:
                inner = line[i:]
                before = line[:i].rstrip()
                return any(w in inner for w in _NOTE_WORDS) or (before[-1:] in _TERMINAL)
    # the opening bracket is on an earlier line: a multi-line note or aside
    return any(w in line for w in _NOTE_WORDS)


def _keep_space(left: str, right: str) -> bool:
    return left.isascii() and right.isascii() and left.isalnum() and right.isalnum()


def normalize(raw: str) -> Normalized:
    """Join wrapped lines, repair duplicated characters at breaks, unify punctuation."""
    lines: list[tuple[int, str]] = []  # (raw start of the line, line without its newline)
    pos = 0
    for line in raw.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1

    out: list[str] = []
    offsets: list[int] = []
    repairs: list[str] = []
    prev_stripped = ""
    pending_break: int | None = None  # raw index of the newline that may end a paragraph
    unbroken = _unbroken_pairs(raw)
    width = _line_width(lines)
    wrap = _wrap_width(lines)
    depth = 0  # brackets left open in the current paragraph
    visible = [(n, line) for n, (_, line) in enumerate(lines) if line.strip()]
    cells = {visible[k][0] for k in cell_lines([line for _, line in visible])}
    prev_n = -1  # index of the previous non-empty line

    for n, (start, line) in enumerate(lines):
        stripped = line.strip(" \t\u3000\r\ufeff")
        if not stripped or _PAGE_NUMBER.match(stripped):
            if pending_break is None and out:
                pending_break = start - 1
            continue
        in_table, prev_n = n in cells or prev_n in cells, n  # a table cell is a line of its own
        if prev_stripped:
            break_at = pending_break if pending_break is not None else start - 1
            if in_table or _is_hard_break(
                prev_stripped, stripped, open_brackets=depth, width=width, wrap=wrap
            ):
                out.append("\n")
                offsets.append(break_at)
                depth = 0
            else:
                first = stripped[0]
                if out and out[-1] == first and _CJK.match(first) and first + first not in unbroken:
                    repairs.append(
                        f"dropped {first!r} duplicated across the line break at offset {start}"
                    )
                    skip = line.index(first)
                    _append_line(line, start, out, offsets, skip_first_at=skip)
                    prev_stripped = stripped
                    pending_break = None
                    depth = max(0, depth + _bracket_balance(stripped))
                    continue
        _append_line(line, start, out, offsets, skip_first_at=None)
        prev_stripped = stripped
        pending_break = None
        depth = max(0, depth + _bracket_balance(stripped))
    return Normalized(raw=raw, text="".join(out), offsets=offsets, repairs=repairs)


# a table row written with bars between its cells (1 | 完成托位建设 | 市卫生健康委), as text pasted
# from a web page or a Markdown file gives it: each bar is a tab
_PIPE_ROW = re.compile(r"\S[ \u3000]*\|[ \u3000]*\S.*?\|")


def _table_row(line: str) -> bool:
    return bool(_CELL_BREAK.search(line) or _PIPE_ROW.search(line))


def _append_line(
    line: str, start: int, out: list[str], offsets: list[int], *, skip_first_at: int | None
) -> None:
    n = len(line)
    cells = {
        m.start() for m in re.finditer(r"(?<=\S)[ \u3000]*\t", line) if line[m.end() :].strip()
    }
    bars: set[int] = set()
    if _PIPE_ROW.search(line) and "\t" not in line:
        found = [m for m in re.finditer(r"(?<=\S)[ \u3000]*\|", line) if line[m.end() :].strip()]
        cells |= {m.start() for m in found}
        bars = {m.end() - 1 for m in found}
    digits = {
        m.start() + k: digit(c) for m in _CN_YEAR.finditer(line) for k, c in enumerate(m.group(0))
    }
    spaced = {
        m.start() + k
        for m in _SPACED_DIGITS.finditer(line)
        for k, c in enumerate(m.group(0))
        if c == " "
    }
    for i, ch in enumerate(line):
        if i == skip_first_at or ch in "\r\ufeff" or i in spaced or i in bars:
            continue
        if i in cells:  # one tab between two table cells, whatever spacing surrounds it, and
            # in a row of three cells or more one more for each empty cell between them (任务 |
            # 市卫健委 | (empty) | 持续推进); two cells apart by two tabs are one row of two
            run = re.match(r"[\t \u3000]*", line[i:])
            tabs = [j for j in range(i, i + (run.end() if run else 0)) if line[j] == "\t"]
            tabs = tabs if len(cells) >= 2 else tabs[:1]
            for j in tabs or [next(j for j in range(i, n) if line[j] in "\t|")]:
                out.append("\t")
                offsets.append(start + j)
            continue
        ch = digits.get(i) or _FULL_TO_HALF.get(ch, ch)
        if ch in _SPACES:
            left = out[-1] if out and out[-1] != "\n" else ""
            right = _next_visible(line, i)
            if left and right and _keep_space(left, right):
                out.append(" ")
                offsets.append(start + i)
            continue
        if ch in _DIGIT_SENSITIVE:
            left = out[-1] if out else ""
            right = _next_visible(line, i) if i + 1 < n else ""
            if not (left.isdigit() and right.isdigit()):
                ch = _DIGIT_SENSITIVE[ch]
        else:
            ch = _HALF_TO_FULL.get(ch, ch)
        out.append(ch)
        offsets.append(start + i)


def _next_visible(line: str, i: int) -> str:
    for ch in line[i + 1 :]:
        if ch not in _SPACES:
            return ch
    return ""


def _line_width(lines: list[tuple[int, str]]) -> int:
    """The typical length of a wrapped line (the median of the longer lines)."""
    lengths = sorted(len(line.strip()) for _, line in lines if len(line.strip()) >= 10)
    return lengths[len(lengths) // 2] if lengths else 0


def _visual_width(line: str) -> float:
    """A line's width in full-width characters: ASCII letters and digits take half."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in line)


def _wrap_width(lines: list[tuple[int, str]]) -> float | None:
    """The width of a full line if the text is wrapped at a margin (most of its longer lines
    end within a character of the same width), else None: one paragraph a line."""
    widths = sorted(_visual_width(line.strip()) for _, line in lines if len(line.strip()) >= 10)
    if len(widths) < _WRAPPED_MIN_LINES:
        return None
    full = widths[len(widths) * 3 // 4]
    at_margin = sum(1 for w in widths if full - 1.5 <= w <= full + 1)
    return full if at_margin * 2 >= len(widths) else None


def _unbroken_pairs(raw: str) -> set[str]:
    """Doubled CJK characters that occur inside a line: those are words, not break artefacts."""
    return {m.group(0) for m in re.finditer(r"([\u4e00-\u9fff])\1", raw)}


def _bracket_balance(line: str) -> int:
    return line.count("（") + line.count("(") - line.count("）") - line.count(")")

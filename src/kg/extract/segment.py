"""Document -> parts (附件2) -> sections (一、) -> measures (（一）) -> sub-items (1.) -> points
((1)) -> clauses (。；); rows of a department-duty table (unit | duty) are provisions too.

Works on the clean text of :mod:`kg.extract.normalize` and reports raw offsets. Clauses tile the raw
text: every raw character belongs to exactly one clause, so nothing is lost or counted twice.
A notice with attachments is read part by part: each attachment has its own numbering, and
its refs carry the part's label (附件2 二(一)).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from kg.extract.normalize import Normalized, normalize
from kg.extract.numbers import cn_numeral
from kg.extract.responsibility import is_unit_list, parse_row_units
from kg.extract.responsibility import is_unit_note as _is_unit_note
from kg.extract.rules import responsibility_rules, table_rules
from kg.model import Clause, Measure, Section

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# a Chinese numeral from 一 to 九十九, written the standard way
_NUMERAL = "(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_SECTION = re.compile(rf"^({_NUMERAL})、(.*)$")
# a section named by its word (目标一　提高…治疗率 in a list of goals, 行动三：…): ref 目标一
_WORD_SECTION = re.compile(
    rf"^(目标|行动)({_NUMERAL})(?:[\s\u3000]+|[：:、])?\s*([\u4e00-\u9fff][^，。；,;]{{3,40}})$"
)
# an answer of a policy interpretation may open with the measure it lists (答：（一）强化…)
_MEASURE = re.compile(rf"^(?:答[：:])?[（(]({_NUMERAL})[）)](.*)$")
_SUBITEM = re.compile(r"^(\d{1,2})[.．、](?!\d)(.*)$")
# 6.65岁及以上老年人…: item 6 whose text opens with a figure, where item 5 stands before it
_SUBITEM_BEFORE_FIGURE = re.compile(r"^(\d{1,2})[.．](\d.*)$")
_POINT = re.compile(r"^[（(](\d{1,2})[）)](.*)$")
# a task list's items (任务1：…。责任单位：…): items named with their word (ref 任务1)
_TASK_ITEM = re.compile(rf"^(任务|事项|措施)(\d{{1,2}}|{_NUMERAL})[：:](.*)$")
# a schedule by month (1月：开展…（县爱卫办）；2月—3月：…), three lines or more: items named by
# their month or months (ref 三1月, 三2月—3月)
_MONTH_ITEM = re.compile(r"^(\d{1,2})月份?(?:[—－~～至-]\d{1,2}月份?)?[：:](.*)$")
_MONTH_LABEL = re.compile(r"\d{1,2}月(?:份?[—－~～至-]\d{1,2}月)?")
_SCHEDULE = 3
# the articles of a regulation (办法, 细则, 规定: 第一章 总则 / 第四条　省卫生健康委负责…),
# numbered through the text: each a provision named by its number (ref 第四条)
_ARTICLE = re.compile(rf"^第({_NUMERAL})条[\s\u3000]*(.*)$")
# a plan's box of projects (专栏1 中医药服务能力提升工程): a provision of the text it stands in
_BOX = re.compile(rf"^专栏\s*(\d{{1,2}}|{_NUMERAL})[\s：:]*(.*)$")
# plans in chapters (纲要, 规划): 第五章 is a section, 第一节 a measure (ref 第五章第一节); the
# numbered items inside them are sub-items and points
_CHAPTER = re.compile(rf"^第({_NUMERAL})章\s*(.*)$")
_JIE = re.compile(rf"^第({_NUMERAL})节\s*(.*)$")
# in a plan in chapters, each kind of numbered paragraph is one level lower
_IN_CHAPTERS = {
    "chapter": "section",
    "jie": "measure",
    "section": "subitem",
    "long-section": "subitem",
    "measure": "point",
    "subitem": "point",
    "point": "point",
    "box": "box",
    "article": "article",
}
# the heading line of an attachment: 附件2, 附件 二：, or 附件 alone where there is one
# (附件1 任务分工表, with its title on the same line, too; never 附件：1.… the list of attachments)
_PART = re.compile(
    rf"^附件\s*(?:(?P<n>\d{{1,2}}|{_NUMERAL})\s*[:：]?\s*[^。，；：:、\d][^。，；：:]{{0,39}}|"
    rf"(?P<alone>\d{{1,2}}|{_NUMERAL})?\s*[:：]?)\s*$"
)
# plans numbered by decimals (应急预案: 1 总则, 2.2 成员单位职责, 4.2.1): a heading of a whole
# number and a title is a section, one with a dot a provision (ref 2.2, 4.2.1)
_DECIMAL = re.compile(
    r"^(\d{1,2}(?:\.\d{1,2}){1,3})(?![\d%％‰万亿个人名次元年月日天倍岁张所家项分小千米克])"
    r"\s*([\u4e00-\u9fff][^，。；：,;]{0,24})?$"
)
# 5.1 物资保障。市发展改革委会同…: a provision whose short title runs on into its text; 3.1
# 镇党政办：负责…: one whose title is the unit responsible
_DECIMAL_RUN_IN = re.compile(
    r"^(\d{1,2}(?:\.\d{1,2}){1,3})(?![\d%％‰万亿个人名次元年月日天倍岁张所家项分小千米克])"
    r"\s*([\u4e00-\u9fff][^，。；：,;\s]{1,24}?)(?:。|[：:](?=负责))"
)
_DECIMAL_SECTION = re.compile(
    r"^(\d{1,2})\s*([^\s\d.．、%％‰万亿个人名次元年月日天倍，。；：][^\s，。；：]{1,11})$"
)
_DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日(?:印发)?$")
# the colophon: 此件公开发布, 抄送, or the list of attachments (附件：1.… 2.…) after the body
_TAIL_START = re.compile(r"^(?:（此件|抄送|附件[:：])")
_CLAUSE_END = set("。！？；")


def cn_number(numeral: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十一 -> 21 (numerals below one hundred)."""
    if numeral == "十":
        return 10
    if "十" in numeral:
        tens, _, units = numeral.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
    return _CN_DIGITS[numeral]


@dataclass
class Segmented:
    """The structure of one document, in raw offsets, with the clean text it was read from."""

    norm: Normalized
    sections: list[Section] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    clause_clean: list[tuple[int, int]] = field(default_factory=list)  # clean span per clause
    body_start: int = 0  # clean offset where the numbered body begins
    numbering: str = "continuous"  # or "per-section": measure numbers restart in each section
    # starts of the sections of parts that number no measures （一） (a work notice's body, a
    # 分工方案): there the items 1. 2. are the measures, and a section without items is a
    # provision of its own, though an attachment may number its measures
    bare_section_starts: set[int] = field(default_factory=set)
    # starts of the sections, in a text that numbers measures, that hold none of their own
    measureless_section_starts: set[int] = field(default_factory=set)
    # clean starts of the items whose number runs into a figure (6.65岁…: item 6, not 6.65)
    figure_items: set[int] = field(default_factory=set)


@dataclass
class Para:
    """A paragraph of clean text and its clean offsets."""

    start: int  # clean offsets
    end: int
    text: str


def paragraphs(text: str) -> list[Para]:
    """Non-empty lines of clean text with their clean offsets; a line that runs on into the
    next measure (（一）…。（二）…) is two."""
    paras = []
    pos = 0
    for chunk in text.split("\n"):
        if chunk:
            paras += _run_in_measures(Para(pos, pos + len(chunk), chunk))
        pos += len(chunk) + 1
    return paras


_RUN_IN = re.compile(rf"(?<=[。；])[（(]({_NUMERAL})[）)]")


def _run_in_measures(para: Para) -> list[Para]:
    """Split a paragraph where, after a sentence, the measure numbering it opens with goes on:
    （一）加强领导。…（二）强化监测。… (a line break lost in a copied or converted text)."""
    first = _MEASURE.match(para.text)
    if first is None:
        return [para]
    out, cut, number = [], 0, cn_number(first.group(1))
    for m in _RUN_IN.finditer(para.text):
        if cn_number(m.group(1)) != number + 1:
            continue
        out.append(Para(para.start + cut, para.start + m.start(), para.text[cut : m.start()]))
        cut, number = m.start(), number + 1
    out.append(Para(para.start + cut, para.end, para.text[cut:]))
    return out


def _heading(rest: str) -> str:
    head = rest.split("。", 1)[0]
    return head.strip().rstrip("，,;；:：")


def segment(raw: str, *, norm: Normalized | None = None) -> Segmented:
    """Segment a raw document text."""
    norm = norm or normalize(raw)
    paras = paragraphs(norm.text)
    seg = Segmented(norm=norm)
    parts = _parts(paras)
    for n, (label, lo, hi) in enumerate(parts):
        part_paras = paras[lo:hi]
        kinds = [_classify(p.text) for p in part_paras]
        _unmark_attachment_lists(part_paras, kinds)
        _unmark_lone_months(kinds)
        _mark_items_opening_with_a_figure(part_paras, kinds)
        seg.figure_items |= {
            p.start for p, k in zip(part_paras, kinds, strict=True) if k == "subitem-figure"
        }
        tail_at = _tail_start(part_paras, kinds)
        marks = _marks(part_paras, kinds, tail_at)
        chapters = any(k == "chapter" for k in kinds)
        marks = _levels(marks, chapters=chapters)
        items = not any(m[0] == "measure" for m in marks)
        sections_before, measures_before = len(seg.sections), len(seg.measures)
        end_clean = (
            part_paras[tail_at].start if tail_at < len(part_paras) else _end(paras, hi, norm)
        )
        numbering = "chapters" if chapters else _numbering(marks)
        decimal = _decimal_headings(part_paras[:tail_at])
        if decimal:
            numbering = "decimal"
        if n == 0:
            seg.numbering = numbering
            seg.body_start = marks[0][2] if marks and not decimal else end_clean
        if decimal:
            _build_decimal(seg, part_paras[:tail_at], decimal, end_clean=end_clean, part=label)
            if n == 0:
                seg.body_start = part_paras[decimal[0]].start
        else:
            _build_structure(
                seg, marks, end_clean=end_clean, numbering=numbering, part=label, items=items
            )
            if items:
                seg.bare_section_starts |= {x.start for x in seg.sections[sections_before:]}
        body = part_paras[:tail_at]
        _build_duty_lines(
            seg,
            body,
            holders=[*seg.sections[sections_before:], *seg.measures[measures_before:]],
        )
        if not _build_table_rows(seg, body, part=label) and body:
            lo, hi = body[0].start, body[-1].end
            if not _build_cell_per_line_task_rows(seg, lo, hi, part=label):
                _build_cell_per_line_rows(seg, lo, hi, part=label)
    _unique_sections(seg)
    measures = sorted(_rows_over_items(seg.measures), key=lambda m: m.start)
    seg.measures = _unique_refs(_labelled_lists(measures, _list_labels(paras, norm)))
    _build_clauses(seg)
    return seg


_LIST_LABEL = re.compile(r"^(?:——|—|－－)?\s*(?P<label>[\u4e00-\u9fff]{1,8})\s*[：:]\s*$")


def _list_labels(paras: list[Para], norm: Normalized) -> list[tuple[int, str]]:
    """(raw start, label) of each paragraph that is a label alone (——政府： / 个人和家庭：)."""
    return [
        (norm.raw_start(p.start), m["label"]) for p in paras if (m := _LIST_LABEL.match(p.text))
    ]


def _labelled_lists(measures: list[Measure], labels: list[tuple[int, str]]) -> list[Measure]:
    """Sub-items numbered anew under labels of one measure (——个人： 1. 2. ——政府： 1. 2.) take
    their label into the ref, 二(三)政府1, where the numbers would repeat without it."""
    by_parent: dict[str, list[int]] = {}
    for i, m in enumerate(measures):
        if m.level == "subitem" and m.parent_ref:
            by_parent.setdefault(m.parent_ref, []).append(i)
    out = list(measures)
    for parent, members in by_parent.items():
        numbers = [measures[i].number for i in members]
        if len(set(numbers)) == len(numbers):
            continue
        start = next((m.start for m in measures if m.ref == parent), 0)
        for i in members:
            m = measures[i]
            label = next((lab for at, lab in reversed(labels) if start <= at < m.start), None)
            if label and m.ref.startswith(parent):
                out[i] = replace(m, ref=f"{parent}{label}{m.ref[len(parent) :]}")
    return out


def _rows_over_items(measures: list[Measure]) -> list[Measure]:
    """A table row whose first cell is numbered (2.预防接种 | 目标任务 | 责任单位) is that row, not
    also an item 2 of the text around it."""
    rows = {m.start for m in measures if m.level == "row"}
    return [m for m in measures if m.level == "row" or m.start not in rows]


def _unique_sections(seg: Segmented) -> None:
    """A section number the document repeats (一、指导思想 / 一、工作目标) gets its occurrence,
    一#2, and its measures point to it."""
    seen: dict[str, int] = {}
    for i, sec in enumerate(seg.sections):
        seen[sec.ref] = seen.get(sec.ref, 0) + 1
        if seen[sec.ref] == 1:
            continue
        ref = f"{sec.ref}#{seen[sec.ref]}"
        seg.sections[i] = replace(sec, ref=ref)
        seg.measures = [
            replace(m, section_ref=ref)
            if m.section_ref == sec.ref and sec.start <= m.start < sec.end
            else m
            for m in seg.measures
        ]


def _unique_refs(measures: list[Measure]) -> list[Measure]:
    """A number the document repeats (two sections （二）) gets its occurrence: 三(二)#2, and
    its sub-items 三(二)1#2, so that every provision has its own ref."""
    seen: dict[str, int] = {}
    given: list[tuple[str, str, int, int]] = []  # ref as numbered, ref given, span
    out = []
    for m in measures:
        parent = m.parent_ref
        if parent is not None:
            parent = next(
                (new for old, new, a, b in reversed(given) if old == parent and a <= m.start < b),
                parent,
            )
        key = _numbers_of(m.ref)
        seen[key] = seen.get(key, 0) + 1
        ref = m.ref if seen[key] == 1 else f"{m.ref}#{seen[key]}"
        given.append((m.ref, ref, m.start, m.end))
        out.append(replace(m, ref=ref, parent_ref=parent))
    return out


_NUMBERED_REF = re.compile(rf"(?:{_NUMERAL}|\d+|[()（）])+")


def _numbers_of(ref: str) -> str:
    """(四)1 and 四1 are one number, 4-1, for a provision's IRI: a ref written only in numbers
    is known by them."""
    if not _NUMBERED_REF.fullmatch(ref):
        return ref
    return "-".join(
        t if t.isdigit() else str(cn_number(t)) for t in re.findall(rf"{_NUMERAL}|\d+", ref)
    )


def _end(paras: list[Para], hi: int, norm: Normalized) -> int:
    return paras[hi].start if hi < len(paras) else len(norm.text)


def _parts(paras: list[Para]) -> list[tuple[str | None, int, int]]:
    """(label, first paragraph, end paragraph) of the body and of each attachment (附件2)."""
    starts = [(i, _PART.match(p.text) or _titled_table(paras, i)) for i, p in enumerate(paras)]
    found = [(i, m) for i, m in starts if m]
    bounds: list[tuple[str | None, int, int]] = []
    first = found[0][0] if found else len(paras)
    bounds.append((None, 0, first))
    for k, (i, m) in enumerate(found):
        number = m["n"] or m["alone"] or ""
        label = f"附件{cn_number(number) if number and not number.isdigit() else number}"
        end = found[k + 1][0] if k + 1 < len(found) else len(paras)
        bounds.append((label, i + 1, end))
    return bounds


_TITLED = re.compile(r"^附件[:：]\s*(?P<n>)(?P<alone>)\S.{0,79}$")


def _titled_table(paras: list[Para], i: int) -> re.Match[str] | None:
    """附件：重点任务分工表 directly followed by the table's rows: an attachment, not the list of
    attachments after the body (its title may stand again above the table, joined to the
    line by normalising)."""
    if i + 1 < len(paras) and "\t" in paras[i + 1].text:
        return _TITLED.match(paras[i].text)
    return None


def _marks(
    paras: list[Para], kinds: list[str | None], tail_at: int
) -> list[tuple[str, int, int, str]]:
    """(kind, number, clean start, text) of every structural paragraph before the tail."""
    marks: list[tuple[str, int, int, str]] = []
    for i, (para, kind) in enumerate(zip(paras, kinds, strict=True)):
        if i >= tail_at or kind is None:
            continue
        match = _PATTERNS[kind].match(para.text)
        assert match is not None
        if kind == "task-item":  # 任务3：… is an item named 任务3; 措施一：… 措施1
            n = match.group(2)
            marks.append(
                (kind, int(n) if n.isdigit() else cn_number(n), para.start, match.group(3))
            )
            continue
        if kind == "word-section":  # 目标三　…: a section, its word kept for its ref
            marks.append(("section", cn_number(match.group(2)), para.start, para.text))
            continue
        if kind == "subitem-figure":  # 6.65岁…: item 6 whose text opens with a figure
            marks.append(("subitem", int(match.group(1)), para.start, match.group(2)))
            continue
        digits = kind in ("subitem", "point") or match.group(1).isdigit()
        number = int(match.group(1)) if digits else cn_number(match.group(1))
        marks.append((kind, number, para.start, match.group(2)))
        # (kind as written: chapter/jie/section/measure/subitem/point; mapped by the caller)
    return marks


def _levels(
    marks: list[tuple[str, int, int, str]], *, chapters: bool
) -> list[tuple[str, int, int, str]]:
    """Marks by the level they open: in a plan in chapters each kind is one level lower (and a
    long 一、 paragraph is an item); elsewhere 第X章/第X节 and long 一、 paragraphs open none."""
    if chapters:
        # a table of contents (目录) lists the chapters before the body: the body starts at
        # the last 第一章
        first = [i for i, m in enumerate(marks) if m[0] == "chapter" and m[1] == 1]
        body = marks[first[-1] :] if first else marks
        return [m for block in _chapter_blocks(body) for m in _chapter_levels(block)]
    if not any(m[0] == "section" for m in marks):
        # 一、扩大筛查覆盖面。各级医疗卫生机构要…: a notice whose sections all run on into their
        # text; its long 一、 paragraphs are its sections
        marks = [("section", *m[1:]) if m[0] == "long-section" else m for m in marks]
    return [m for m in marks if m[0] not in ("chapter", "jie", "long-section")]


def _chapter_blocks(
    marks: list[tuple[str, int, int, str]],
) -> list[list[tuple[str, int, int, str]]]:
    """The marks of each chapter, its own mark first."""
    blocks: list[list[tuple[str, int, int, str]]] = [[]]
    for m in marks:
        if m[0] == "chapter" and blocks[-1]:
            blocks.append([])
        blocks[-1].append(m)
    return blocks


def _chapter_levels(block: list[tuple[str, int, int, str]]) -> list[tuple[str, int, int, str]]:
    """One chapter's marks by level: under 第X节 and 一、 each kind is one level lower; a
    chapter whose items are （一） with neither (第三章 / （一）加强…。（牵头单位：…）) has them as
    its measures."""
    if any(kind in ("jie", "section", "long-section") for kind, *_ in block):
        return [(_IN_CHAPTERS[kind], number, start, rest) for kind, number, start, rest in block]
    return [
        (_IN_CHAPTERS[kind] if kind == "chapter" else kind, number, start, rest)
        for kind, number, start, rest in block
    ]


_PATTERNS = {
    "chapter": _CHAPTER,
    "jie": _JIE,
    "section": _SECTION,
    "long-section": _SECTION,
    "measure": _MEASURE,
    "subitem": _SUBITEM,
    "subitem-figure": _SUBITEM_BEFORE_FIGURE,
    "point": _POINT,
    "task-item": _TASK_ITEM,
    "word-section": _WORD_SECTION,
    "month-item": _MONTH_ITEM,
    "article": _ARTICLE,
    "box": _BOX,
}


def _classify(text: str) -> str | None:
    opening = re.sub(r"（[^）]*）|\([^)]*\)", "", text).split("。", 1)[0]
    heading = len(text) <= 40 and not any(
        ch in opening for ch in "，；,;"
    )  # 第三章第一节由A牵头，…
    if heading and _CHAPTER.match(text):
        return "chapter"
    if heading and _JIE.match(text):
        return "jie"
    if _SECTION.match(text):
        return "section" if len(text) <= 60 else "long-section"
    if heading and _WORD_SECTION.match(text):
        return "word-section"
    if _MEASURE.match(text):
        return "measure"
    if _SUBITEM.match(text):
        return "subitem"
    if _POINT.match(text):
        return "point"
    if _TASK_ITEM.match(text):
        return "task-item"
    if _MONTH_ITEM.match(text):
        return "month-item"
    if _ARTICLE.match(text):
        return "article"
    if len(text) <= 40 and _BOX.match(text):
        return "box"
    return None


def _month_label(text: str, start: int) -> str:
    """The month or months a schedule's line opens with (4月—6月), as its ref names them."""
    m = _MONTH_LABEL.match(text, start)
    return m.group(0).replace("份", "") if m else ""


def _unmark_lone_months(kinds: list[str | None]) -> None:
    """1月：… is a schedule's item only in a run of at least ``_SCHEDULE`` such lines; alone it
    is ordinary text (1月：完成自查)."""
    i = 0
    while i < len(kinds):
        if kinds[i] != "month-item":
            i += 1
            continue
        j = i
        while j < len(kinds) and kinds[j] == "month-item":
            j += 1
        if j - i < _SCHEDULE:
            kinds[i:j] = [None] * (j - i)
        i = j


def _tail_start(paras: list[Para], kinds: list[str | None]) -> int:
    """Index of the first paragraph of the signature/colophon after the last provision (a
    heading 一、 or （一）, or of a plan numbered by decimals, 4.2.1)."""
    decimal = _decimal_headings(paras)
    last_mark = max([*(i for i, k in enumerate(kinds) if k), *decimal], default=-1)
    for i in range(last_mark + 1, len(paras)):
        text = paras[i].text
        if (_DATE.match(text) or _TAIL_START.match(text)) and not _titled_table(paras, i):
            short_issuer = i > last_mark + 1 and _looks_like_signature(paras[i - 1].text)
            return i - 1 if short_issuer and _DATE.match(text) else i
    return len(paras)


def _mark_items_opening_with_a_figure(paras: list[Para], kinds: list[str | None]) -> None:
    """5.… then 6.65岁及以上…: a line read as a decimal figure is the next item where the
    last item before it bears the number before."""
    last: int | None = None
    for i, para in enumerate(paras):
        if kinds[i] == "subitem":
            match = _SUBITEM.match(para.text)
            last = int(match.group(1)) if match else None
        elif kinds[i] is None and last is not None:
            match = _SUBITEM_BEFORE_FIGURE.match(para.text)
            if match and int(match.group(1)) == last + 1:
                kinds[i], last = "subitem-figure", last + 1
        elif kinds[i] in ("section", "long-section", "chapter"):
            last = None


def _unmark_attachment_lists(paras: list[Para], kinds: list[str | None]) -> None:
    """附件：1.… / 2.…: the numbered lines of a list of attachments are not provisions."""
    listing = False
    for i, para in enumerate(paras):
        if para.text.startswith("附件") and _TAIL_START.match(para.text):
            listing, kinds[i] = True, None
        elif listing and kinds[i] == "subitem":
            kinds[i] = None
        else:
            listing = False


def _looks_like_signature(text: str) -> bool:
    return len(text) <= 40 and not any(ch in text for ch in "。，；")


def _items_run_on(marks: list[tuple[str, int, int, str]]) -> bool:
    """Whether items 1. 2. are numbered on across sections (一、1.–6. 二、7.–12.): their
    numbers alone name them, as continuous （一）…（十） do."""
    firsts = []
    after_section = True
    for kind, number, _, _ in marks:
        if kind == "section":
            after_section = True
        elif kind == "subitem" and after_section:
            firsts.append(number)
            after_section = False
    return len(firsts) > 1 and all(n > 1 for n in firsts[1:])


def _numbering(marks: list[tuple[str, int, int, str]]) -> str:
    """Whether measure numbers restart per section (二(三)) or run through the text ((九))."""
    seen_measure_section = False
    first_in_section = True
    for kind, number, _, _ in marks:
        if kind == "section":
            first_in_section = True
        elif kind == "measure":
            if first_in_section and seen_measure_section and number == 1:
                return "per-section"
            if first_in_section:
                seen_measure_section = True
            first_in_section = False
    return "continuous"


def _build_structure(
    seg: Segmented,
    marks: list[tuple[str, int, int, str]],
    *,
    end_clean: int,
    numbering: str,
    part: str | None,
    items: bool,
) -> None:
    """Sections, measures, sub-items and points of one part (``items``: its 1. 2. are measures)."""
    norm = seg.norm
    prefix = f"{part} " if part else ""
    section: str | None = None  # the section's ref
    measure_ref: str | None = None
    subitem_ref: str | None = None
    starts = [m[2] for m in marks] + [end_clean]
    items_run_on = items and _items_run_on(marks)
    bare = _sections_without_measures(marks)

    def raw(clean: int) -> int:
        return norm.raw_start(clean)

    def close_until(kind_levels: set[str], index: int) -> int:
        """Clean end of the provision opened at marks[index]: the next mark of a given level."""
        for j in range(index + 1, len(marks)):
            if marks[j][0] in kind_levels:
                return starts[j]
        return end_clean

    section_at: int | None = None  # the index of the section's mark
    for i, (kind, number, start, rest) in enumerate(marks):
        if kind == "section":
            section_at = i
            numeral = cn_numeral(number)
            section = f"{prefix}第{numeral}章" if numbering == "chapters" else f"{prefix}{numeral}"
            if named := _WORD_SECTION.match(rest):  # 目标三: named by its word
                section, rest = f"{prefix}{named[1]}{numeral}", named[3]
            end = close_until({"section"}, i)
            seg.sections.append(Section(section, number, rest.strip(), raw(start), raw(end)))
            if i in bare and not items:
                seg.measureless_section_starts.add(raw(start))
            measure_ref = subitem_ref = None
        elif kind == "box":
            ref = f"{prefix}专栏{number}"
            end = close_until({"section", "measure", "box"}, i)
            parent = subitem_ref or measure_ref
            seg.measures.append(
                Measure(
                    ref,
                    section,
                    number,
                    _heading(rest),
                    raw(start),
                    raw(end),
                    parent_ref=parent,
                    level="subitem" if parent else "measure",
                )
            )
            measure_ref, subitem_ref = (parent, ref) if parent else (ref, None)
        elif kind == "measure":
            line, _, _ = norm.text[start : start + 80].partition("\n")
            jie = numbering == "chapters" and _JIE.match(line.strip()) is not None
            ref = f"第{cn_numeral(number)}节" if jie else f"({cn_numeral(number)})"
            per_section = numbering in ("per-section", "chapters")
            ref = f"{section}{ref}" if per_section and section else f"{prefix}{ref}"
            end = close_until({"section", "measure"}, i)
            seg.measures.append(Measure(ref, section, number, _heading(rest), raw(start), raw(end)))
            measure_ref, subitem_ref = ref, None
        elif kind == "article":  # 第四条: named by its number, whatever the chapter
            ref = f"{prefix}第{cn_numeral(number)}条"
            end = close_until({"section", "measure", "article"}, i)
            seg.measures.append(Measure(ref, section, number, _heading(rest), raw(start), raw(end)))
            measure_ref, subitem_ref = ref, None
        elif kind in ("subitem", "task-item", "month-item"):
            if measure_ref is None and not items and section_at not in bare:
                continue  # a numbered list outside any measure: ordinary text
            if measure_ref is None:  # 分工方案 1.…（A牵头）, a notice's 一、…1.…: each a measure
                end = close_until({"section", "subitem", "task-item", "month-item"}, i)
                if kind == "task-item":  # 任务3: named with its word, whatever the section
                    ref = f"{prefix}{norm.text[start : start + 2]}{number}"
                elif kind == "month-item":  # 三1月: the month of its section's schedule
                    ref = f"{section or prefix}{_month_label(norm.text, start)}"
                elif items_run_on:
                    ref = f"{prefix}{number}"
                else:
                    ref = f"{section or prefix}{number}"
                seg.measures.append(
                    Measure(ref, section, number, _heading(rest), raw(start), raw(end))
                )
                subitem_ref = ref
                continue
            end = close_until({"section", "measure", "subitem", "task-item", "month-item"}, i)
            subitem_ref = (
                f"{measure_ref}{_month_label(norm.text, start)}"
                if kind == "month-item"
                else f"{measure_ref}{number}"
            )
            seg.measures.append(
                Measure(
                    subitem_ref,
                    section,
                    number,
                    _heading(rest),
                    raw(start),
                    raw(end),
                    parent_ref=measure_ref,
                    level="subitem",
                )
            )
        else:
            parent = subitem_ref or measure_ref
            if parent is None:
                continue
            end = close_until(
                {"section", "measure", "subitem", "task-item", "month-item", "point"}, i
            )
            seg.measures.append(
                Measure(
                    f"{parent}({number})",
                    section,
                    number,
                    _heading(rest),
                    raw(start),
                    raw(end),
                    parent_ref=parent,
                    level="point",
                )
            )


def _sections_without_measures(marks: list[tuple[str, int, int, str]]) -> set[int]:
    """Indices of the section marks that hold no measure （一）: there, as in a work notice,
    the items 1. 2. are the provisions (三、职责分工 1.街道社会事务办负责… after sections of
    measures)."""
    out: set[int] = set()
    current: int | None = None
    for i, (kind, _, _, _) in enumerate(marks):
        if kind == "section":
            current = i
            out.add(i)
        elif kind == "measure" and current is not None:
            out.discard(current)
    return out


def _decimal(text: str) -> re.Match[str] | None:
    """A decimal heading on a line of its own (4.2.1 / 1.1 编制目的) or run on (5.1 物资保障。…)."""
    return _DECIMAL.match(text) or _DECIMAL_RUN_IN.match(text)


def _decimal_headings(paras: list[Para]) -> list[int]:
    """Indices of the headings of a plan numbered by decimals (1 总则, 1.1 编制目的, 4.2.1), or
    none when the part is not numbered so (fewer than three dotted headings)."""
    matches = {i: m for i, p in enumerate(paras) if (m := _decimal(p.text))}
    if sum(1 for m in matches.values() if m[2]) < 3:  # not a value cell of a table (90.6)
        return []
    dotted = [i for i, m in matches.items() if m[2] or m[1].count(".") >= 2]
    whole = [i for i, p in enumerate(paras) if _DECIMAL_SECTION.match(p.text)]
    return sorted({*dotted, *whole})


def _build_decimal(
    seg: Segmented, paras: list[Para], headings: list[int], *, end_clean: int, part: str | None
) -> None:
    """Sections (2 组织体系及职责) and provisions (2.2, 4.2.1) of a plan numbered by decimals,
    each to the next heading; its numbered points （1） are provisions 2.2(1)."""
    norm = seg.norm
    prefix = f"{part} " if part else ""
    bounds = [paras[i].start for i in headings] + [end_clean]
    section: str | None = None
    for k, i in enumerate(headings):
        start, end = bounds[k], bounds[k + 1]
        if m := _DECIMAL_SECTION.match(paras[i].text):
            section = f"{prefix}{m[1]}"
            later = next(
                (
                    b
                    for j, b in zip(headings[k + 1 :], bounds[k + 1 :], strict=False)
                    if _DECIMAL_SECTION.match(paras[j].text)
                ),
                end_clean,
            )
            seg.sections.append(
                Section(
                    section, int(m[1]), m[2].strip(), norm.raw_start(start), norm.raw_start(later)
                )
            )
            continue
        m = _decimal(paras[i].text)
        assert m is not None
        ref = f"{prefix}{m[1]}"
        body = paras[i + 1 : headings[k + 1] if k + 1 < len(headings) else len(paras)]
        title = m[2] or (body[0].text if body else "")
        seg.measures.append(
            Measure(ref, section, k, _heading(title), norm.raw_start(start), norm.raw_start(end))
        )
        points = [(p, pm) for p in body if (pm := _POINT.match(p.text))]
        for n, (p, pm) in enumerate(points):
            p_end = points[n + 1][0].start if n + 1 < len(points) else end
            seg.measures.append(
                Measure(
                    f"{ref}({int(pm[1])})",
                    section,
                    int(pm[1]),
                    _heading(pm[2]),
                    norm.raw_start(p.start),
                    norm.raw_start(p_end),
                    parent_ref=ref,
                    level="point",
                )
            )


def _build_table_rows(seg: Segmented, paras: list[Para], *, part: str | None) -> int:
    """Rows of a department-duty table (部门 | 职责…) or a task table (序号 | 任务 | 责任单位…):
    each row is one provision.

    A table row is a paragraph with tab-separated cells; the table is one whose header row
    names the unit column with a word of ``table_unit_headers`` (rules/responsibility.toml).
    A header that also names a task column (``table_task_headers``) makes a task table: the
    task cell is the duty, and the row is numbered by its 序号 cell.
    """
    rules = responsibility_rules()
    column: int | None = None
    task: int | None = None
    number: int | None = None
    partners: int | None = None
    width = 0  # the header's number of cells
    last_beside = 0  # the number of the last row numbered beside its merged item
    found = 0
    for at, para in enumerate(paras):
        cells = para.text.split("\t")
        offsets = [para.start + sum(len(c) + 1 for c in cells[:k]) for k in range(len(cells))]
        if column is not None and column == width - 1 and 2 <= len(cells) < width:
            # the first cells merged over the row from above (一、组织管理 | 1.… then | 2.…),
            # their tabs trimmed with the line: the row's cells stand under the last columns,
            # its units under the unit column that ends the header
            missing = width - len(cells)
            cells, offsets = [""] * missing + cells, [para.start] * missing + offsets
        if len(cells) < 2:
            if not _group_row(para, paras[at + 1 : at + 2]):
                column = None  # the table ends; a group row over the next rows (一、组织管理) not
            continue
        names = [re.sub(r"\s", "", c) for c in cells]
        labels = [_header_label(c) for c in names]
        header = next((k for k, c in enumerate(labels) if c in rules.table_unit_headers), None)
        if header is not None and (
            (_indicator_header(names) and labels[header] == "单位")
            or (
                any(c in rules.table_contact_headers for c in names)
                and not any(c in rules.table_task_headers for c in labels)
            )
        ):  # 指标 | 单位 | 2024年: a unit of measure; 单位名称 | 联系人 | 电话: a liaison list
            # (but 工作任务 | 责任单位 | 联系人 is a task table; 指标 | 目标值 | 责任单位 too)
            column = None
            continue
        if header is not None:
            column, width = header, len(cells)
            task = next((k for k, c in enumerate(labels) if c in rules.table_task_headers), None)
            number = next(
                (k for k, c in enumerate(labels) if c in rules.table_number_headers), None
            )
            partners = next((k for k, c in enumerate(labels) if c in rules.table_co_headers), None)
            if partners is None and labels[header] in rules.table_lead_headers:
                partners = next(  # 牵头单位 | 责任单位: the second unit column supports
                    (
                        k
                        for k in range(header + 1, len(names))
                        if labels[k] in rules.table_unit_headers
                    ),
                    None,
                )
            continue
        duty = task if task is not None else (column + 1 if column is not None else None)
        if column is None or duty is None or max(column, duty) >= len(cells):
            continue
        # 考核项目 | 考核内容 | … | 责任单位 with the item merged over its rows (一、组织管理 |
        # 1.成立…): each row is the numbered content beside it
        numbered_beside = next(
            (k for k in range(duty + 1, column) if _numbered(names[k], after=last_beside)), None
        )
        if numbered_beside is not None and (not names[duty] or _GROUP_CELL.match(names[duty])):
            duty = numbered_beside
            last_beside = _numbered(names[duty], after=last_beside) or last_beside
        if not names[column] or not names[duty] or _is_total(rules.table_total_rows, names[column]):
            continue
        unit_start, unit_end = offsets[column], offsets[column] + len(cells[column])
        raw_cell = seg.norm.raw[seg.norm.raw_start(unit_start) : seg.norm.raw_start(unit_end)]
        key = names[number] if number is not None and number < len(cells) else ""
        # 1.居民健康档案管理 | 目标任务 | 分值 | 责任单位: a row numbered in its first cell
        if not key and column > 0 and (numbered := _ROW_NUMBER.match(names[0])):
            key = numbered[1]
            item = _item_at(seg, seg.norm.raw_start(para.start))
            key = item if item and item.endswith(key) and task is not None and not part else key
        if task is not None and not key and 0 not in (task, column) and names[0]:
            key = names[0]  # 阶段 | 时间 | 工作内容 | 责任股室: the row is named by its first cell
        elif task is not None and not key and len(names[task]) <= _SHORT_TASK:
            key = names[task]  # 考核项目 | … | 责任单位 without a 序号: the row is its item
        if duty == numbered_beside:
            key = str(last_beside)
        key = key if task is not None and key else names[column]
        if task is not None and (point := _POINT.match(names[task])):
            key = f"{key}({point[1]})"  # a 序号 cell merged over rows （1） （2）: 3(1), 3(2)
        holder = part or (None if task is not None else _section_ref_at(seg, para.start))
        seg.measures.append(
            Measure(
                f"{holder} {key}" if holder else key,
                None,
                0,
                _heading(
                    cells[duty].strip()[len(f"{last_beside}.") :]
                    if duty == numbered_beside
                    else _ROW_NUMBER.sub("", cells[duty].strip(), count=1)
                    if duty == 0
                    else cells[duty]
                ),
                seg.norm.raw_start(para.start),
                seg.norm.raw_start(para.start + len(para.text)),
                level="row",
                actor=" ".join(raw_cell.split()),  # as written: a space may part two names
                duty_start=seg.norm.raw_start(offsets[duty]),
                partners=_EMPTY_CELL.sub("", names[partners])
                if partners is not None and partners < len(cells)
                else None,
            )
        )
        found += 1
    return found


_EMPTY_CELL = re.compile(r"^[—－\-–/／无]+$")  # a partners cell of a dash or 无: no one


def _is_total(totals: frozenset[str], name: str) -> bool:
    """合计, 全镇合计, 各行政村（合计）: a row summing the rows above, no body's row."""
    return re.sub(r"[（()）]", "", name).endswith(tuple(totals))


def _numbered(cell: str, *, after: int) -> int | None:
    """The row number a cell opens with (1.成立…), or the next one after ``after`` even where
    a figure follows it (9.65岁及以上…: row 9, not 9.65)."""
    if m := _ROW_NUMBER.match(cell):
        return int(m[1])
    nxt = str(after + 1)
    return after + 1 if after and cell.startswith((f"{nxt}.", f"{nxt}．", f"{nxt}、")) else None


def _item_at(seg: Segmented, start: int) -> str | None:
    """The ref the text's numbering gives the item at ``start`` (二(一)1 under a group row
    （一）公共卫生服务 of the table), if the structure made one."""
    return next((m.ref for m in seg.measures if m.start == start and m.level != "row"), None)


def _group_row(para: Para, after: list[Para]) -> bool:
    """A short line over the next rows of a table (一、组织管理（15分）: a cell merged over the
    row, its tabs lost), not the text after the table."""
    return (
        len(para.text) <= _GROUP_ROW
        and "。" not in para.text
        and bool(after)
        and "\t" in after[0].text
    )


_GROUP_ROW = 30
_GROUP_CELL = re.compile(r"^[一二三四五六七八九十]+[、.．]")  # 一、组织管理（15分）
_ROW_NUMBER = re.compile(r"^(\d{1,3})(?:[.．、](?!\d)|$)")
_STRAY_QUOTES = "“”‘’\"'`"
_HEAD_ALTERNATIVE = re.compile(r"[（(](?:单位|部门|处室|科室|股室|机构)[）)]$")


def _header_label(cell: str) -> str:
    """A header cell as the rules name it: without a stray mark read off a scan (”责任股室)
    and without a head word offered in brackets as an alternative (牵头股室（单位）)."""
    label = cell.strip(_STRAY_QUOTES)
    rules = responsibility_rules()
    known = rules.table_unit_headers | rules.table_co_headers
    bare = _HEAD_ALTERNATIVE.sub("", label)
    return bare if label not in known and bare in known else label


_SHORT_TASK = 20  # a task cell this short names its row (居民健康档案管理); a longer one is a duty


def _indicator_header(names: list[str]) -> bool:
    """A header row of an indicator table (指标 | 单位 | 2025年 …), not of a duty table."""
    tables = table_rules()
    return any(c in tables.indicator or tables.year.match(c) for c in names)


def _section_ref_at(seg: Segmented, clean: int) -> str | None:
    """The ref of the section holding a clean offset (a duty table in 四、职责分工: 四)."""
    raw = seg.norm.raw_start(clean)
    return next((s.ref for s in seg.sections if s.start <= raw < s.end), None)


def _build_cell_per_line_task_rows(
    seg: Segmented, start: int, end: int, *, part: str | None
) -> int:
    """A task table written one cell a line (pdftotext, a Word table paragraph by paragraph):
    after a header of short lines naming a number, a task and a unit column, each line holding
    the next row number starts a row; the first line after the task that names units (or
    says who leads: A牵头，B配合) is the unit cell. Cells may wrap over several lines."""
    rules = responsibility_rules()
    lines = _lines(seg, start, end)
    header_words = (
        rules.table_unit_headers
        | rules.table_task_headers
        | rules.table_number_headers
        | rules.table_co_headers
    )
    first = next((i for i, (_, _, t) in enumerate(lines) if t in rules.table_number_headers), None)
    if first is None:
        return 0
    h = first
    while h < len(lines) and (
        _header_label(lines[h][2]) in header_words
        or (len(lines[h][2]) <= 6 and not lines[h][2].isdigit())
    ):
        h += 1
    names = {_header_label(t) for _, _, t in lines[first:h]}
    if not names & rules.table_unit_headers or not names & rules.table_task_headers:
        return 0
    starts: list[int] = []
    for i in range(h, len(lines)):
        if lines[i][2] == str(len(starts) + 1):
            starts.append(i)
    found = 0
    for k, i in enumerate(starts):
        last = (starts[k + 1] if k + 1 < len(starts) else len(lines)) - 1
        unit = next(
            (
                j
                for j in range(i + 2, last + 1)
                if _names_units(lines[j][2]) or _is_unit_note(lines[j][2])
            ),
            None,
        )
        if unit is None:
            continue
        after = lines[unit + 1][2] if unit < last else ""
        second = names & rules.table_lead_headers and len(names & rules.table_unit_headers) > 1
        partners = (
            after
            if (names & rules.table_co_headers or second)
            and (_names_units(after) or _lists_units(after))
            else None
        )
        seg.measures.append(
            Measure(
                f"{part} {lines[i][2]}" if part else lines[i][2],
                None,
                0,
                _heading("".join(t for _, _, t in lines[i + 1 : unit])),
                lines[i][0],
                lines[last][1],
                level="row",
                actor=lines[unit][2],
                duty_start=lines[i + 1][0],
                partners=partners,
            )
        )
        found += 1
    return found


def _lists_units(text: str) -> bool:
    """A cell of units parted by commas too (省委编办、省人社厅，各市人民政府)."""
    return bool(text) and all(_names_units(p) for p in re.split(r"[，,；;]", text) if p)


def _lines(seg: Segmented, start: int, end: int) -> list[tuple[int, int, str]]:
    """Non-empty raw lines of a clean span: (raw start, raw end, text without spaces)."""
    raw = seg.norm.raw
    lo, hi = seg.norm.raw_start(start), seg.norm.raw_start(end)
    lines: list[tuple[int, int, str]] = []
    pos = lo
    for line in raw[lo:hi].split("\n"):
        if text := "".join(line.split()):
            lines.append((pos, pos + len(line), text))
        pos += len(line) + 1
    return lines


def _build_cell_per_line_rows(seg: Segmented, start: int, end: int, *, part: str | None) -> None:
    """The same table written one cell a line (a Word table read paragraph by paragraph):
    after a line holding only the unit header (部门), each line naming units starts a row,
    the line after it is the duty, and the row runs to the next such line."""
    lines = _lines(seg, start, end)
    headers = responsibility_rules().table_unit_headers
    header = next((i for i, (_, _, t) in enumerate(lines) if t in headers), None)
    if header is None:
        return
    rows = [i for i in range(header + 1, len(lines)) if _names_units(lines[i][2])]
    for k, i in enumerate(rows):
        last = (rows[k + 1] if k + 1 < len(rows) else len(lines)) - 1
        if last <= i:
            continue
        unit = lines[i][2]
        seg.measures.append(
            Measure(
                f"{part} {unit}" if part else unit,
                None,
                0,
                _heading(lines[i + 1][2]),
                lines[i][0],
                lines[last][1],
                level="row",
                actor=unit,
                duty_start=lines[i + 1][0],
            )
        )


_DUTY_LINE = re.compile(r"^([^：:，。；、]{2,30}(?:、[^：:，。；、]{2,30})*)[：:](?=\S)")


def _build_duty_lines(
    seg: Segmented, paras: list[Para], *, holders: list[Section | Measure]
) -> None:
    """A department-duty list written as lines (五、职责分工 / 2.1.2 成员单位职责, then 市财政局：
    负责…；): in a section or provision with no provisions inside it, two or more lines in a
    row each opening with named units and a colon are each a provision, as the rows of a duty
    table are, numbered by the holder's ref and the unit."""
    labels = responsibility_rules().labels
    for holder in holders:
        if any(
            holder.start <= m.start < holder.end and m is not holder and m.start != holder.start
            for m in seg.measures
        ):
            continue
        lo, hi = seg.norm.clean_index(holder.start), seg.norm.clean_index(holder.end)
        run: list[tuple[Para, str]] = []
        inside = [p for p in paras if lo < p.start < hi]
        for k in range(len(inside) + 1):
            para = inside[k] if k < len(inside) else Para(hi, hi, "")
            m = _DUTY_LINE.match(para.text)
            unit = m.group(1) if m else ""
            if (
                m
                and unit not in labels
                and _classify(para.text) is None
                and is_unit_list(unit)
                and parse_row_units(unit)[0]
            ):
                run.append((para, unit))
                continue
            if len(run) >= 2:
                for line, name in run:
                    seg.measures.append(_duty_line(seg, holder, line, name))
            run = []


def _duty_line(seg: Segmented, holder: Section | Measure, para: Para, unit: str) -> Measure:
    duty = para.start + len(unit) + 1
    return Measure(
        f"{holder.ref} {unit}",
        holder.ref if isinstance(holder, Section) else holder.section_ref,
        0,
        _heading(para.text[len(unit) + 1 :]),
        seg.norm.raw_start(para.start),
        seg.norm.raw_start(para.end),
        level="row",
        actor=unit,
        duty_start=seg.norm.raw_start(duty),
    )


def _names_units(text: str) -> bool:
    """A short line without sentence punctuation that is a list of units (宣传部（融媒体中心）),
    not a heading that happens to end like one (第二节 推动医疗资源均衡布局)."""
    if _classify(text) is not None or _DECIMAL.match(text):
        return False
    return len(text) <= 30 and not any(c in text for c in "。，；：,;:") and is_unit_list(text)


def _build_clauses(seg: Segmented) -> None:
    norm = seg.norm
    text = norm.text
    cuts: list[int] = [0]
    depth = 0
    for i, ch in enumerate(text):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        if ch == "\n":
            depth = 0
            if i + 1 < len(text):
                cuts.append(i + 1)
        elif depth == 0 and _ends_clause(text, i):
            cuts.append(i + 1)
    cuts = sorted(set(cuts))
    spans = [(a, b) for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True) if b > a]
    if not spans:
        seg.clauses.append(Clause(0, None, None, 0, len(norm.raw), ""))
        seg.clause_clean.append((0, 0))
        return
    locator = Locator(seg)
    for index, (a, b) in enumerate(spans):
        raw_start = 0 if index == 0 else norm.raw_start(a)
        raw_end = len(norm.raw) if index == len(spans) - 1 else norm.raw_start(spans[index + 1][0])
        clause_text = text[a:b].rstrip("\n")
        section_ref, measure_ref = locator.at(norm.raw_start(a))
        seg.clauses.append(Clause(index, measure_ref, section_ref, raw_start, raw_end, clause_text))
        seg.clause_clean.append((a, a + len(clause_text)))


def _ends_clause(text: str, i: int) -> bool:
    """A clause ends after 。；！？ or a closing note bracket, unless a paragraph break follows."""
    if i + 1 >= len(text) or text[i + 1] == "\n":
        return False
    return text[i] in _CLAUSE_END or (text[i] in "）)" and _closes_note(text, i))


def _closes_note(text: str, i: int) -> bool:
    """Whether the bracket closing at ``i`` ends a responsibility note （责任单位：…）."""
    opening = text.rfind("（", 0, i)
    return opening >= 0 and any(w in text[opening:i] for w in ("责任单位", "牵头单位"))


class Locator:
    """Innermost section and provision (and clause) containing a raw offset."""

    def __init__(self, seg: Segmented) -> None:
        self._seg = seg

    def at(self, pos: int) -> tuple[str | None, str | None]:
        section = next((s.ref for s in self._seg.sections if s.start <= pos < s.end), None)
        inner: Measure | None = None
        for m in self._seg.measures:
            if m.start <= pos < m.end and (inner is None or m.start >= inner.start):
                inner = m
        return section, inner.ref if inner else None

    def clause_at(self, pos: int) -> Clause | None:
        """The clause holding ``pos`` (clauses tile the text, so a binary search finds it)."""
        clauses = self._seg.clauses
        i = bisect_right([c.start for c in clauses], pos) - 1
        return clauses[i] if i >= 0 and pos < clauses[i].end else None

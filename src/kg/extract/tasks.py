"""Provisions -> tasks: which units are responsible for each numbered provision, and in which role.

Where a provision's responsibility is written (rules in ``data/responsibility.toml``):
- a bracketed note in the provision's own text （责任单位：A、B）, read by
  :func:`kg.extract.responsibility.parse_note`;
- a note standing as a paragraph of its own after a list of sub-items, or closing a section
  whose measures carry no notes: it covers the whole list, or every measure of the section;
- without a note, the subjects of its sentences (县卫生健康局要…, 由A牵头…), read by
  :func:`kg.extract.responsibility.find_subjects`; a provision whose subjects are all generic
  (各区、各有关单位) gets a task with no unit and the generic actors as ``implicit``;
- a row of a department-duty table (unit | duty): the unit cell.
In a text without measures (a work notice's 一、二、), each section is a provision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.extract.responsibility import (
    Mention,
    ParsedNote,
    Resolved,
    level_rank,
    parse_note,
    parse_row_units,
    resolve_subjects,
    strip_asides,
)
from kg.extract.rules import responsibility_rules
from kg.extract.segment import Segmented
from kg.model import LeadBasis, Measure, Responsibility


@dataclass(frozen=True)
class FoundNote:
    """A bracketed note in clean offsets, with its content."""

    start: int
    end: int
    content: str
    items: tuple[int, ...] | None = None  # the items it names (第1—3项责任单位：…)
    closing: bool = False  # 以上工作由A牵头，B配合。: every provision of its section above it
    count: int | None = None  # 以上3项由A负责: the last 3 provisions before it


def responsibilities(
    seg: Segmented, notes: list[FoundNote], subjects: list[Mention], *, issuer: str | None = None
) -> list[Responsibility]:
    """One task per provision that names who is responsible (clean offsets in, raw out)."""
    own = _own_facilities(issuer)
    subjects = _own_level_only(
        _issuers_own_facilities(subjects, own=own, place=_township_place(issuer))
    )
    # a note's own clauses (本部分任务由A牵头，B配合) are the note's, not the provision's subjects
    subjects = [s for s in subjects if not any(n.start <= s.start < n.end for n in notes)]
    provisions = _provisions(seg)
    parts = _parts_named(seg, provisions, subjects)
    taken = {t.measure_ref for t in parts}
    subjects = [s for s in subjects if s.part not in taken]
    spans = [_own_span(seg, i, provisions) for i in range(len(provisions))]
    notes_of: dict[int, list[FoundNote]] = {}
    for note in notes:
        for i in _covered(seg, provisions, spans, notes, note):
            notes_of.setdefault(i, []).append(note)
    rows = [spans[i] for i, m in enumerate(provisions) if m.level == "row"]
    out: list[Responsibility] = []
    first_is_lead = False
    implicit: str | None = None
    for i, m in enumerate(provisions):
        if _framed(seg, m):
            continue
        closing = notes_of.get(i) if _only_closing(notes_of.get(i)) else None
        named = _own_subjects(subjects, spans[i], rows, before=closing) if closing else None
        if m.level == "row":
            out.append(_row(m))
        elif named is not None:  # 县财政局负责…。 under 以上工作由A牵头: the measure's own unit
            out.append(_resolved_task(seg, m, named))
        elif i in notes_of:
            note = notes_of[i][-1]
            parsed = parse_note(note.content, first_is_lead=first_is_lead, own=own)
            first_is_lead = first_is_lead or parsed.states_first_is_lead
            implicit = parsed.implicit or implicit
            own_lead = _own_subjects(subjects, spans[i], rows, before=[note])
            if parsed.supports_only and own_lead is not None:
                out.append(_supported(seg, m, own_lead, parsed))
            elif parsed.lead or parsed.co or (parsed.generic and not _named_only(seg, m)):
                out.append(
                    _task(
                        seg,
                        m,
                        (note.start, note.end),
                        parsed.units_as_written,
                        parsed.lead,
                        parsed.co,
                        parsed.lead_basis,
                        parsed.generic or implicit,
                    )
                )
        else:
            a, b = spans[i]
            resolved = resolve_subjects(
                [s for s in subjects if a <= s.start < b and not _in_row(s.start, rows)],
                each_leads=bool(responsibility_rules().duty_sections.search(m.heading)),
            )
            if resolved is not None and (resolved.lead or resolved.co or not _named_only(seg, m)):
                out.append(_resolved_task(seg, m, resolved))
    return _rows_to_their_measures(
        provisions, [t for t in out if t.measure_ref not in taken] + parts
    )


def _parts_named(
    seg: Segmented, provisions: list[Measure], subjects: list[Mention]
) -> list[Responsibility]:
    """第三章第一节由A牵头，B配合: a task of the part named, a provision or a section of the
    text, wherever the sentence stands; a part the text does not have is left to the sentence's
    own provision."""
    by_ref = {m.ref: m for m in provisions}
    by_ref.update(
        {s.ref: Measure(s.ref, s.ref, s.number, s.title, s.start, s.end) for s in seg.sections}
    )
    out: list[Responsibility] = []
    for part in dict.fromkeys(s.part for s in subjects if s.part):
        # 二(一) of 第二部分第（一）项 is (一) where the text numbers its measures once only
        holder = by_ref.get(part) or by_ref.get(_SECTION_NUMERAL.sub("", part))
        resolved = resolve_subjects([s for s in subjects if s.part == part], each_leads=False)
        if holder is None or resolved is None or not (resolved.lead or resolved.co):
            continue
        out.append(_resolved_task(seg, holder, resolved))
    return out


_SECTION_NUMERAL = re.compile(r"^[一二三四五六七八九十]+(?=[(0-9])")


def _rows_to_their_measures(
    provisions: list[Measure], tasks: list[Responsibility]
) -> list[Responsibility]:
    """A task table that repeats the measures' headings (重点任务分工: 1 | 开展健康知识普及行动 |
    A、B) assigns each such measure (三(一) 开展健康知识普及行动) its units, where one measure has
    that heading and no named unit of its own (its generic actors give way)."""
    rows = {m.ref for m in provisions if m.level == "row"}
    named = _headings(provisions)
    taken = {t.measure_ref for t in tasks if t.measure_ref not in rows and (t.lead or t.co)}
    moved: dict[str, str] = {}  # row ref -> measure ref
    for t in tasks:
        ref = named.get(bare_heading(t.heading)) if t.measure_ref in rows else None
        if ref is not None and ref not in taken and ref not in moved.values():
            moved[t.measure_ref] = ref
    return [
        replace(t, measure_ref=moved.get(t.measure_ref, t.measure_ref))
        for t in tasks
        if t.measure_ref in rows or t.measure_ref not in moved.values()
    ]


def _headings(provisions: list[Measure]) -> dict[str, str]:
    """Refs of the provisions other than rows by their heading, where one provision has it."""
    refs: dict[str, list[str]] = {}
    for m in provisions:
        if m.level != "row" and m.heading:
            refs.setdefault(bare_heading(m.heading), []).append(m.ref)
    return {h: r[0] for h, r in refs.items() if len(r) == 1}


def bare_heading(heading: str) -> str:
    """A heading without spaces and punctuation, to compare two provisions' headings."""
    return re.sub(r"[\s，。；、：,.;:]", "", heading)


def _own_facilities(issuer: str | None) -> frozenset[str]:
    """The kinds of facility a township or street issuer has one of (``issuer_facilities``)."""
    return next(
        (
            frozenset(kinds)
            for end, kinds in responsibility_rules().issuer_facilities.items()
            if issuer and issuer.endswith(end)
        ),
        frozenset(),
    )


# the town's name after the county's or the district government's (德清县新市镇人民政府,
# 济南市历下区人民政府姚家街道办事处)
_TOWNSHIP_ISSUER = re.compile(
    r"(?:^|[县区市旗府])([^县区旗府]{2,3}?)(?:镇|乡|街道)(?:人民政府|政府|办事处)$"
)


def _township_place(issuer: str | None) -> str | None:
    """双堠 of 双堠镇人民政府: the town's name, which its stations bear (双堠供水站, 新市派出所)."""
    m = _TOWNSHIP_ISSUER.search(issuer or "")
    return m[1] if m else None


def _issuers_own_facilities(
    subjects: list[Mention], *, own: frozenset[str], place: str | None = None
) -> list[Mention]:
    """In a street office's plan 社区卫生服务中心 is its one centre: a unit, not every centre;
    in a town's plan a station named by the town (双堠供水站) is the town's one station."""
    out = []
    for m in subjects:
        mine = tuple(
            g
            for g in m.generic
            if g in own or (place and g.startswith(place) and len(g) > len(place) + 1)
        )
        if mine:
            m = replace(
                m, named=(*m.named, *mine), generic=tuple(g for g in m.generic if g not in mine)
            )
        out.append(m)
    return out


def _in_row(pos: int, rows: list[tuple[int, int]]) -> bool:
    """Whether a subject stands in a table row: it is that row's, not its section's."""
    return any(a <= pos < b for a, b in rows)


def _own_level_only(subjects: list[Mention]) -> list[Mention]:
    """In a municipal plan 区疾控中心 is each district's centre: units (and partners) of a level
    below the one most subjects are written at are generic actors, not units."""
    ranks = [r for m in subjects for u in m.named if (r := level_rank(u)) is not None]
    if not ranks:
        return subjects
    own = max(set(ranks), key=lambda r: (ranks.count(r), -r))
    out = []
    for m in subjects:
        lower = tuple(u for u in (*m.named, *m.partners) if (level_rank(u) or 0) > own)
        if lower:  # 各镇卫生院要联合镇（街道）妇联: each township's federation, not one
            named = tuple(u for u in m.named if u not in lower)
            partners = tuple(u for u in m.partners if u not in lower)
            m = replace(m, named=named, partners=partners, generic=(*m.generic, *lower))
        out.append(m)
    return out


def _provisions(seg: Segmented) -> list[Measure]:
    """The measures, and each section that has none of its own (a work notice's 一、二、, or
    三、监测报告 between sections of measures): such a section is a provision itself."""
    bare = [
        Measure(s.ref, s.ref, s.number, s.title.split("。", 1)[0], s.start, s.end)
        for s in seg.sections
        if not any(s.start <= m.start < s.end for m in seg.measures if m.level != "row")
    ]
    return sorted([*seg.measures, *bare], key=lambda m: (m.start, -m.end))


def _named_only(seg: Segmented, m: Measure) -> bool:
    """A section without measures in a text that numbers them (一、指导思想, 四、组织实施) is a
    task only where a named unit is responsible: its generic actors alone (各地要…) say no
    more than the document's preamble."""
    return m.ref == m.section_ref and m.start not in seg.bare_section_starts


def _framed(seg: Segmented, m: Measure) -> bool:
    """A section titled 指导思想, 主要目标, 出台背景… frames the plan: where it holds no measures
    of its own, neither it nor its items 1. 2. are any unit's task."""
    section = next(
        (s for s in seg.sections if s.ref == m.section_ref and s.start <= m.start < s.end), None
    )
    return (
        section is not None
        and section.start in seg.measureless_section_starts
        and bool(responsibility_rules().framing_sections.search(section.title))
    )


def _children(provisions: list[Measure], i: int) -> list[int]:
    m = provisions[i]
    return [
        j
        for j, c in enumerate(provisions)
        if c.parent_ref == m.ref and m.start <= c.start < m.end and j != i
    ]


def _only_closing(notes: list[FoundNote] | None) -> bool:
    """Whether a provision's only notes close its section (以上工作由A牵头，B配合。)."""
    return bool(notes) and all(n.closing for n in notes or ())


def _own_subjects(
    subjects: list[Mention],
    span: tuple[int, int],
    rows: list[tuple[int, int]],
    *,
    before: list[FoundNote],
) -> Resolved | None:
    """The units a provision's own sentences (before the closing note) name as responsible, if
    one leads: they hold that provision, where a note closing the section covers the provisions
    that name none."""
    a, b = span
    b = min([b, *(n.start for n in before if n.start >= a)])
    resolved = resolve_subjects(
        [s for s in subjects if a <= s.start < b and not _in_row(s.start, rows)]
    )
    return resolved if resolved is not None and resolved.lead else None


def _own_span(seg: Segmented, i: int, provisions: list[Measure]) -> tuple[int, int]:
    """Clean span of a provision without its sub-items."""
    m = provisions[i]
    end = min([m.end, *(provisions[j].start for j in _children(provisions, i))])
    return seg.norm.clean_index(m.start), seg.norm.clean_index(end)


def _covered(
    seg: Segmented,
    provisions: list[Measure],
    spans: list[tuple[int, int]],
    notes: list[FoundNote],
    note: FoundNote,
) -> list[int]:
    """The provisions a note is the responsibility of.

    A note in a provision's own text is that provision's. A note standing as a paragraph of
    its own after the last sub-item, where not every other sub-item has a note, covers the
    parent; one after the last measure of a section whose measures have no notes covers each
    of them.
    """
    holder = next((i for i, (a, b) in enumerate(spans) if a <= note.start < b), None)
    if holder is not None and note.items is not None:
        named = _items_before(provisions, spans, note, level=provisions[holder].level)
        if named:
            return named
    if holder is not None and note.count is not None:
        counted = _counted_before(provisions, spans, note, holder=holder)
        if counted:
            return counted
    if holder is not None and note.closing:  # a paragraph of its own by its words
        parent = _parent(provisions, holder)
        if parent is not None:  # 1.…4. 本部分任务由A牵头: the list's, as a note after it is
            return [parent]
        return _section_above(seg, provisions, spans, notes, note, level=provisions[holder].level)
    if holder is None or not _standalone(seg.norm.text, note):
        return [] if holder is None else [holder]

    def has_note(j: int, *, besides: FoundNote) -> bool:
        a, b = seg.norm.clean_index(provisions[j].start), seg.norm.clean_index(provisions[j].end)
        return any(a <= n.start < b for n in notes if n is not besides)

    current = holder
    while True:
        m = provisions[current]
        parent = _parent(provisions, current)
        if parent is not None:
            siblings = _children(provisions, parent)
        else:
            siblings = [
                j
                for j, p in enumerate(provisions)
                if p.level == "measure"
                and p.parent_ref is None
                and p.section_ref == m.section_ref
                and m.section_ref is not None
            ]
        others = [has_note(j, besides=note) for j in siblings if j != current]
        # a sub-item's own note (2.…（责任单位：…）) leaves the list's closing note the list's,
        # unless every other sub-item has one (each sub-item's note on a line of its own)
        own = all(others) if parent is not None and len(others) > 1 else any(others)
        if not siblings or siblings[-1] != current or own or _is_box(m):
            return [current]  # a box (专栏2) is a list of its own: its closing note is its
        if parent is None:
            return siblings if len(siblings) > 1 else [current]
        a, b = spans[parent]
        if any(a <= n.start < b for n in notes if n is not note):
            return [current]  # the parent has a note of its own: this one is the list's (专栏1)
        current = parent


def _parent(provisions: list[Measure], i: int) -> int | None:
    m = provisions[i]
    return next(
        (
            j
            for j, p in enumerate(provisions)
            if m.parent_ref and p.ref == m.parent_ref and p.start <= m.start < p.end
        ),
        None,
    )


def _section_above(
    seg: Segmented,
    provisions: list[Measure],
    spans: list[tuple[int, int]],
    notes: list[FoundNote],
    note: FoundNote,
    *,
    level: str,
) -> list[int]:
    """The provisions of the holder's level in the note's section up to the note, except
    those with a note of their own (以上工作由A牵头: each measure of the section above)."""
    raw = seg.norm.raw_start(note.start)
    section = next((s for s in seg.sections if s.start <= raw < s.end), None)
    top = seg.norm.clean_index(section.start) if section is not None else 0
    return [
        j
        for j, m in enumerate(provisions)
        if m.level == level
        and top <= spans[j][0] <= note.start
        and not any(spans[j][0] <= n.start < spans[j][1] for n in notes if n is not note)
    ]


def _items_before(
    provisions: list[Measure], spans: list[tuple[int, int]], note: FoundNote, *, level: str
) -> list[int]:
    """The provisions a note names by number (第1—3项): for each number, the last provision
    of the note's holder's level so numbered before it; none unless every number is found."""
    assert note.items is not None
    found: dict[int, int] = {}
    for j, m in enumerate(provisions):
        if spans[j][0] <= note.start and m.level == level and m.number in note.items:
            found[m.number] = j
    return sorted(found.values()) if len(found) == len(note.items) else []


def _counted_before(
    provisions: list[Measure], spans: list[tuple[int, int]], note: FoundNote, *, holder: int
) -> list[int]:
    """The provisions a note counts (以上3项): the last so many of its holder's level and
    parent that begin before it; their parent where they are all of its sub-items (as a note
    after a list is the list's); none unless there are that many."""
    assert note.count is not None
    level, parent = provisions[holder].level, provisions[holder].parent_ref
    before = [
        j
        for j, m in enumerate(provisions)
        if spans[j][0] <= note.start and m.level == level and m.parent_ref == parent
    ]
    if len(before) < note.count:
        return []
    up = _parent(provisions, holder)
    if up is not None and len(_children(provisions, up)) == note.count:
        return [up]
    return before[-note.count :]


def _is_box(m: Measure) -> bool:
    return bool(re.search(r"专栏\d+$", m.ref))


def _standalone(text: str, note: FoundNote) -> bool:
    """Whether the note is a paragraph of its own."""
    before = text[: note.start].rsplit("\n", 1)[-1]
    after = text[note.end :].split("\n", 1)[0]
    return not before.strip() and not after.strip("。； ")


def _task(
    seg: Segmented,
    m: Measure,
    span: tuple[int, int],
    written: str,
    lead: tuple[str, ...],
    co: tuple[str, ...],
    basis: LeadBasis,
    implicit: str | None,
) -> Responsibility:
    raw_start, raw_end = seg.norm.raw_span(*span)
    return Responsibility(
        measure_ref=m.ref,
        heading=m.heading,
        start=m.start,
        end=m.end,
        note_start=raw_start,
        note_end=raw_end,
        units_as_written=written,
        lead=lead,
        co=co,
        lead_basis=basis,
        implicit=implicit,
    )


def _resolved_task(seg: Segmented, m: Measure, resolved: Resolved) -> Responsibility:
    """The task of a provision whose units are its sentences' subjects."""
    return _task(
        seg,
        m,
        (resolved.start, resolved.end),
        resolved.units_as_written,
        resolved.lead,
        resolved.co,
        resolved.lead_basis,
        resolved.implicit,
    )


def _supported(seg: Segmented, m: Measure, own: Resolved, note: ParsedNote) -> Responsibility:
    """（五）市教育局。组织各中小学校…（市卫生健康委配合）: the provision's own subject leads, the
    note's units support."""
    co = tuple(u for u in (*own.co, *note.lead, *note.co) if u not in own.lead)
    return _task(
        seg,
        m,
        (own.start, own.end),
        f"{own.units_as_written}；{note.units_as_written}",
        own.lead,
        co,
        own.lead_basis,
        own.implicit or note.generic,
    )


def _row(m: Measure) -> Responsibility:
    """A duty-table row: the unit cell names the units, the first listed leading; where the
    table has a column of its own for the supporting units, every unit of the unit cell leads
    (牵头单位 | 配合单位: 省卫生健康委、省财政厅 | 省医保局)."""
    actor = m.actor or ""
    lead, co, implicit = parse_row_units(actor)
    if m.partners is not None:  # the units of the cell lead; one in brackets carries it out
        main = sum(parse_row_units(strip_asides(actor))[:2], ())
        lead, co = main, tuple(u for u in (*lead, *co) if u not in main)
    if m.partners:  # the 配合单位 cell: every unit named there supports the lead
        more_lead, more_co, more_implicit = parse_row_units(m.partners)
        co = tuple(u for u in (*co, *more_lead, *more_co) if u not in lead)
        implicit = "、".join(i for i in (implicit, more_implicit) if i) or None
    start = m.start
    return Responsibility(
        measure_ref=m.ref,
        heading=m.heading,
        start=m.start,
        end=m.end,
        note_start=start,
        note_end=m.duty_start or m.end,
        units_as_written=actor,
        lead=lead,
        co=co,
        lead_basis="inferred-order",
        implicit=implicit,
    )

"""Responsibility notes: （责任单位：A、B。列第一位的为牵头单位…） and its relatives.

Shapes handled (word lists in ``rules/responsibility.toml``):
- ``（责任单位：A、B、C）`` — an ordered list; the first is the lead where the document says
  so (列第一位的为牵头单位), or where it states no rule at all;
- ``(牵头单位：A，责任单位：B、C)`` — labelled fields;
- ``（X牵头，Y按职责分工负责）`` — provincial/national style;
- ``（责任单位：各区人民政府，市卫健委、资源规划局）`` — the 市 prefix distributes;
- ``每项任务均需各区、市政府落实…下同`` — district governments responsible for every task.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from kg.extract.numbers import cn_numeral, parse_chinese
from kg.extract.rules import ResponsibilityRules, SubjectRules, responsibility_rules, subject_rules
from kg.ingest.jurisdictions import opens_with_place
from kg.model import LeadBasis, Role

_SPLIT = re.compile(r"[、，,；;]|和(?=[省市区县各])|及(?=[省市区县各])")


@dataclass(frozen=True)
class Note:
    start: int  # offsets of the note (brackets included) in the text searched
    end: int
    content: str
    bracketed: bool = True  # False: a labelled line such as 责任单位：A、B。
    items: tuple[int, ...] | None = None  # the items it names (第1—3项责任单位：…): 1, 2, 3
    closing: bool = False  # a paragraph 以上工作由A牵头…: it covers the provisions above it
    count: int | None = None  # the items it counts (以上3项由A负责): the last 3 before it


@dataclass(frozen=True)
class ParsedNote:
    lead: tuple[str, ...]
    co: tuple[str, ...]
    lead_basis: LeadBasis
    units_as_written: str
    states_first_is_lead: bool
    implicit: str | None  # stated for every task (每项任务均需各区政府落实…下同)
    generic: str | None = None  # this note's generic actors (…，各市、县人民政府负责)
    supports_only: bool = False  # every unit named is said to support (（市卫生健康委配合）)


def find_note(text: str) -> Note | None:
    """The last bracketed group in ``text`` that names responsible units."""
    rules = responsibility_rules()
    best: Note | None = None
    depth = 0
    opened = -1
    unopened = -1  # a closing bracket whose opening one is lost (a scan read without it)
    for i, ch in enumerate(text):
        if ch in _OPENING:
            if depth == 0:
                opened = i
            depth += 1
        elif ch in _CLOSING and depth == 0:
            unopened = i
        elif ch in _CLOSING and depth > 0:
            depth -= 1
            if depth == 0:
                content = text[opened + 1 : i]
                closes = _closes_provision(text, opened, i + 1)
                heads = _HEAD_OF_ITEM.fullmatch(text[:opened]) is not None  # 1.【县卫健局】…
                if (
                    _is_note(rules, _without_rules(rules, content))
                    or (closes and _names_only_bodies(rules, _without_rules(rules, content)))
                    or (heads and _names_only_units(rules, content))
                ):
                    best = Note(opened, i + 1, content)
    if depth > 0 and opened >= 0 and _is_note(rules, text[opened + 1 :]):
        best = Note(opened, len(text), text[opened + 1 :])  # unclosed at the end of a provision
    if best is None and unopened >= 0 and not text[unopened + 1 :].strip(" 。；;\t\u3000"):
        begin = text.rfind("。", 0, unopened) + 1
        if _is_note(rules, text[begin:unopened]):  # …6个月。牵头股室：A；配合股室：B）
            best = Note(begin, unopened + 1, text[begin:unopened])
    if best is not None:
        return replace(
            best, items=_items_named(rules, best.content), count=_items_counted(rules, best.content)
        )
    return _covering_line(rules, text) or _labelled_line(rules, text)


def _items_named(rules: ResponsibilityRules, content: str) -> tuple[int, ...] | None:
    """The items a note names (（以上第1—3项牵头单位：…） -> 1, 2, 3; 以上第（一）（二）项 -> 1, 2),
    if any."""
    m = rules.covering.match(content)
    named = m and (m["range"] or m["named"] or m["named2"])
    if not named:
        return None
    numerals = [n.strip("()") for n in _item_numbers(named)]
    numbers = sorted({int(n) if n.isdigit() else int(parse_chinese(n)) for n in numerals})
    return tuple(numbers) or None


def _items_counted(rules: ResponsibilityRules, content: str) -> int | None:
    """How many items a note counts (（以上3项由A负责）, 以上两项由A负责 -> 3, 2), if it does."""
    m = rules.covering.match(content)
    if m is None or not m["count"]:
        return None
    return int(m["count"]) if m["count"].isdigit() else int(parse_chinese(m["count"]))


def _covering_line(rules: ResponsibilityRules, text: str) -> Note | None:
    """以上工作由县卫生健康局医政股牵头，县中医院配合。: a paragraph, not bracketed, that says who
    is responsible for the provisions above it (see ``covering`` in responsibility.toml)."""
    m = rules.covering.match(text)
    if m is None or not m.group(0).startswith(("以上", "上述", "本部分", "本节", "本项", "第")):
        return None
    end = len(text.rstrip())
    content = text[m.end() : end].rstrip("。；; ")
    if not content or not _is_note(rules, content):
        return None
    items, count = _items_named(rules, text), _items_counted(rules, text)
    closing = items is None and count is None
    return Note(m.end(), end, content, bracketed=False, items=items, closing=closing, count=count)


_HEAD_OF_ITEM = re.compile(
    r"\s*(?:\d{1,2}[.．、]|[（(][0-9一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)?\s*"
)


def _closes_provision(text: str, start: int, end: int) -> bool:
    """A bracket standing after the provision's last sentence, or ending its paragraph before a
    last mark (1月：开展…（县爱卫办、县健康办）；), closing it."""
    before = text[:start].rstrip()
    ends = not text[end:].strip(" 。；;\t\u3000")
    listed = text[end:].strip() in ("；", ";") or _SCHEDULE_LINE.match(text) is not None
    return ends and (not before or before[-1] in "。；;！" or listed)


_SCHEDULE_LINE = re.compile(r"^\s*\d{1,2}月份?[：:]")  # 12月：开展年度考核（县爱卫办）。


def _without_rules(rules: ResponsibilityRules, content: str) -> str:
    """The note without a rule it states (A、B，列第一位的为牵头单位 -> A、B)."""
    return _strip_rule_sentences(rules, content) if _is_rule_sentence(rules, content) else content


def _names_only_bodies(rules: ResponsibilityRules, content: str) -> bool:
    """（市卫生健康委、市发展改革委、市财政局）: a bare list of named government bodies, which
    closing a provision is its note."""
    units = split_units(rules, content)
    subject = subject_rules()
    named = [
        (
            _UNIT_WORD.search(u)
            or u.endswith(subject.own_divisions)
            or u.endswith(subject.department_endings)  # 省科协, 省妇联, 省总工会, 团省委
            or u in subject.whole_names  # 银保监会, 人民银行
        )
        and _kind(subject, u) == "named"
        for u in units
    ]
    generic = [  # （县爱卫办、各乡镇人民政府）: generic actors beside a named body
        u.startswith(subject.generic_starts) and _kind(subject, u) == "generic" for u in units
    ]
    return any(named) and all(n or g for n, g in zip(named, generic, strict=True))


def _names_only_units(rules: ResponsibilityRules, content: str) -> bool:
    """【县疾控中心、县人民医院】 heading an item: a bare list of units, facilities or generic
    actors among them (【各乡镇卫生院】)."""
    units = split_units(rules, content)
    return bool(units) and all(_kind(subject_rules(), u) is not None for u in units)


_OPENING = "（(【〔［"  # 【牵头单位：…】, 〔责任单位：…〕 as well as （…）
_CLOSING = "）)】〕］"


def _labelled_line(rules: ResponsibilityRules, text: str) -> Note | None:
    """责任单位：A、B。 written without brackets, from its label to the end of the paragraph.
    The label opens the paragraph or a sentence, and the note names units (not only 完成时限)."""
    for m in rules.label_pattern.finditer(text):
        if m.start() > 0 and text[m.start() - 1] not in _SENTENCE_END:
            continue
        if rules.labels[m.group(1)] == "ignore":
            continue
        end = len(text.rstrip())
        content = text[m.start() : end].rstrip("。；; ")
        parsed = parse_note(content, first_is_lead=False)
        named = (*parsed.lead, *parsed.co)  # 镇卫生院、镇文化站: facilities named are units too
        if any(_UNIT_WORD.search(u) or _kind(subject_rules(), u) == "named" for u in named) or (
            parsed.implicit
        ):
            return Note(m.start(), end, content, bracketed=False)
    return None


_SENTENCE_END = "。；; \t\u3000"
_UNIT_WORD = re.compile(r"(?:委|局|厅|部|办|署|政府|中心|委员会|办事处|委会)$")


def _is_note(rules: ResponsibilityRules, content: str) -> bool:
    """A labelled list, or clauses like X牵头 / X、Y按职责分工负责 naming government units."""
    content = _without_covering(rules, content)
    labels = [rules.labels[m.group(1)] for m in rules.label_pattern.finditer(content)]
    if labels:  # （联系人：…；联系电话：…）: labels of persons alone make no note
        return any(role != "ignore" for role in labels)
    parts = [p for p in re.split(r"[，,；;。]", content) if p.strip()]
    for k, part in enumerate(parts):
        suffix = next(
            (s for s in (*rules.lead_suffixes, *rules.co_suffixes) if part.endswith(s)), None
        )
        if (suffix is None and k == len(parts) - 1) or len(part) > 80:
            return False  # the last part says what the units do (负责, 配合); others may list
        head = rules.manner.sub("", part[: -len(suffix)] if suffix else part)
        if head.startswith(subject_rules().generic_starts) and (
            _UNIT_WORD.search(head) or _kind(subject_rules(), head) == "generic"
        ):
            continue  # 各市、县人民政府负责: generic actors, implicit
        units = split_units(rules, head)
        if not units or not all(_names_a_body(u) for u in units):
            return False
    return bool(parts)


def _without_covering(rules: ResponsibilityRules, content: str) -> str:
    """A note's units without the words before them that say what it covers (（以上3项由A负责）)
    or the 由 it opens with (（由A牵头，B参与）)."""
    covering = rules.covering.match(content)
    if covering is not None and covering.group(0).endswith("由"):
        content = content[covering.end() :]
    return content.removeprefix("由")


def _names_a_body(unit: str) -> bool:
    """A unit of a note: 省卫生健康委, 国家疾控局, 省妇联, 团省委, or generic 县直各部门."""
    return bool(_UNIT_WORD.search(unit)) or _kind(subject_rules(), unit) is not None


def parse_note(
    content: str, *, first_is_lead: bool, own: frozenset[str] = frozenset()
) -> ParsedNote:
    """Lead and co-responsible units of one note, as full names, in order (``own``: kinds of
    facility the issuer has one of, 社区卫生服务中心 in a street office's note, named units)."""
    rules = responsibility_rules()
    content = _without_covering(rules, content)
    states_rule = any(p in content for p in rules.first_is_lead)
    implicit_match = rules.implicit.search(content)
    body = _strip_rule_sentences(rules, content)
    labelled = list(rules.label_pattern.finditer(body))
    if labelled:
        lead, co, basis, written, generic = _labelled(
            rules, body, labelled, first_is_lead or states_rule, own=own
        )
    else:
        lead, co, basis, written, generic = _suffixed(rules, body, own=own)
        if basis == "inferred-order" and (first_is_lead or states_rule):
            basis = "stated-order"  # （A、B、C，列第一位的为牵头单位）
    return ParsedNote(
        lead=tuple(lead),
        co=tuple(u for u in co if u not in lead),
        lead_basis=basis,
        units_as_written=written,
        states_first_is_lead=states_rule,
        implicit=implicit_match["units"] if implicit_match else None,
        generic="，".join(generic) or None,
        supports_only=not labelled and _supports_only(rules, body),
    )


def _supports_only(rules: ResponsibilityRules, body: str) -> bool:
    """（市卫生健康委配合）: a note that names no one to lead or carry out the provision, only
    who supports; the provision's own subject (a duty list's heading unit) leads."""
    parts = [p.strip(" 。") for p in re.split(r"[，,；;]", body) if p.strip(" 。")]
    return bool(parts) and all(p.endswith(rules.support_suffixes) for p in parts)


def _local_bodies(rules: ResponsibilityRules) -> tuple[str, ...]:
    """Endings of the bodies of every place after 各 (各镇人民政府、街道办事处)."""
    return (*rules.government_words, *rules.local_bodies)


def _note_kind(name: str, own: frozenset[str]) -> str | None:
    return "named" if name in own else _kind(subject_rules(), name)


def _units_and_generic(
    rules: ResponsibilityRules, text: str, *, own: frozenset[str] = frozenset()
) -> tuple[list[str], list[str]]:
    """Named units of a clause of a note, and the generic actors opening it (A、B，各市、县人民政府
    负责; 各区政府、市卫生健康委负责): those are implicit, never units. After 各, the governments
    of a lower level are every such government (各市、县人民政府), not one."""
    part = text.strip(" ：:。")
    units = split_units(rules, part)
    kinds = [_note_kind(u, own) for u in units]
    if units and all(k == "generic" for k in kinds):
        return [], [part]  # 县直各部门, 各有关单位
    if not part.startswith(subject_rules().generic_starts) or kinds[:1] == ["named"]:
        generic = [u for u, k in zip(units, kinds, strict=True) if k == "generic"]
        if generic:  # A、各乡镇人民政府按职责分工负责: generic actors are never units
            return [u for u in units if u not in generic], ["、".join(generic)]
        return units, []
    parsed = parse_unit_list(part)
    if parsed is None:
        return [], [part]
    local = _local_bodies(rules)
    named = [u for u in parsed[0] if not u.endswith(local)]
    if not named:
        return [], [part]
    generic = [*parsed[1], *(u for u in parsed[0] if u.endswith(local))]
    return named, ["、".join(generic)]


def _strip_rule_sentences(rules: ResponsibilityRules, content: str) -> str:
    """Drop the sentences that state rules (列第一位的为牵头单位…下同), keep the unit list; a
    rule written after the list in its sentence (责任单位：A、B，列第一位的为牵头单位) is cut."""
    kept = []
    for part in re.split(r"[。]", content):
        if not part or not _is_rule_sentence(rules, part):
            kept.append(part)
            continue
        clauses = re.split(r"[，,；;]", part)
        cut = next(
            k for k, c in enumerate(clauses) if _is_rule_sentence(rules, c) or k == len(clauses) - 1
        )
        listed = "，".join(clauses[:cut])
        # （A、B、C，列第一位的为牵头单位）: the list before the rule, labelled or bare
        if rules.label_pattern.search(part) or (
            listed and (_names_only_bodies(rules, listed) or _is_note(rules, listed))
        ):  # （A、B按职责分工负责，列第一位的为牵头单位，下同）: the suffixed list too
            kept.append(listed)
    return "。".join(p for p in kept if p)


def _is_rule_sentence(rules: ResponsibilityRules, part: str) -> bool:
    return (
        any(p in part for p in rules.first_is_lead)
        or bool(rules.implicit.search(part))
        or "下同" in part
        or "不再逐一列出" in part
        or "不再列出" in part
    )


def _labelled(
    rules: ResponsibilityRules,
    body: str,
    labels: list[re.Match[str]],
    first_is_lead: bool,
    *,
    own: frozenset[str] = frozenset(),
) -> tuple[list[str], list[str], LeadBasis, str, list[str]]:
    lead: list[str] = []
    co: list[str] = []
    listed: list[str] = []
    generic: list[str] = []
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(body)
        role = rules.labels[m.group(1)]
        if role == "ignore":
            continue
        field = _without_duty_suffix(rules, body[m.end() : end])
        if _says_who_leads(rules, field):  # 责任单位：A牵头，B、C配合
            field_lead, field_co, _, _, field_generic = _suffixed(rules, field, own=own)
            lead += field_lead
            co += field_co
            generic += field_generic
            continue
        # a labelled list is the document's own list of units, generic or not, in order; only
        # generic actors in a clause of their own after it (责任单位：A、B，各区人民政府) or a
        # generic 配合单位 are implicit
        units, others = _labelled_units(rules, field, role=role, own=own)
        generic += others
        marked = _marked_leads(rules, field)  # 县财政局、县卫生健康局（牵头）
        if role == "lead":
            lead += units
        elif role == "co":
            co += units
        elif marked:
            lead += [u for u in units if u in marked]
            co += [u for u in units if u not in marked]
        else:
            listed += units
    ignored = next((m.start() for m in labels if rules.labels[m.group(1)] == "ignore"), len(body))
    written = body[labels[0].end() : ignored].strip("，,；; ")
    if lead:
        return lead, co + listed, "labelled", written, generic
    if not listed:
        return [], co, "labelled", written, generic
    basis: LeadBasis = "stated-order" if first_is_lead else "inferred-order"
    return listed[:1], listed[1:] + co, basis, written, generic


_LEAD_MARK = re.compile(r"[（(]牵头(?:单位|部门)?[）)]")


def _marked_leads(rules: ResponsibilityRules, field: str) -> set[str]:
    """The units of a list marked as leading it: 县卫生健康局（牵头）."""
    if not _LEAD_MARK.search(field):
        return set()
    out: set[str] = set()
    for piece in _split_outside_brackets(field):
        if _LEAD_MARK.search(piece):
            out.update(split_units(rules, _LEAD_MARK.sub("", piece)))
    return out


def _labelled_units(
    rules: ResponsibilityRules, field: str, *, role: str, own: frozenset[str] = frozenset()
) -> tuple[list[str], list[str]]:
    """(units, generic actors) of a labelled field: every unit in order (a government listed
    among a 责任单位 list, 各区人民政府, is the document's own unit), except clauses after the
    first, and a whole 配合单位 field, that hold only generic actors, sets of places
    (各乡镇（街道）) and generic actors given a role by their label (牵头：各市（州）卫生健康委)."""
    kept: list[str] = []
    generic: list[str] = []
    for k, clause in enumerate(re.split(r"([，,；;])", field)[::2]):
        if k > 0:  # …，各乡镇人民政府按照属地管理原则负责本辖区相关工作: the actors only
            clause = rules.duty_tail.sub("", clause)
        found = split_units(rules, clause)
        # 各镇人民政府、街道办事处 (after named units too): 各 carries over to the units after it;
        # 各市州、县市区人民政府: every prefecture and every county's government
        opened = next((j for j, u in enumerate(found) if u.startswith("各")), len(found))
        kinds = [
            "generic"
            if j >= opened and (u.endswith(_local_bodies(rules)) or u.startswith("各"))
            else _note_kind(u, own)
            for j, u in enumerate(found)
        ]
        alone = (k > 0 or role == "co") and found
        if alone and (all(kind == "generic" for kind in kinds) or _every_of_levels(clause)):
            generic.append(clause.strip(" ：:。"))
            continue
        # 各乡镇卫生院、社区卫生服务中心: a kind of facility after a set opened by 各 is every one
        opener_set = opened < len(found) and _is_place_set(found[opened], kinds[opened])
        places = [
            u
            for j, (u, kind) in enumerate(zip(found, kinds, strict=True))
            if _is_place_set(u, kind)
            or (role != "listed" and kind == "generic")
            or (opener_set and j > opened and kind == "generic")
        ]
        generic += places
        kept.append("、".join(u for u in found if u not in places))
    return split_units(rules, "，".join(k for k in kept if k)), generic


def _every_of_levels(clause: str) -> bool:
    """各市、县（市、区）卫生健康局: every such body of the levels listed after 各, generic."""
    text = clause.strip(" ：:。")
    rules = subject_rules()
    if not text.startswith(rules.generic_starts):  # 各…, or 同级 (同级医保部门、财政部门)
        return False
    parsed = parse_unit_list(text)
    return parsed is not None and not parsed[0] and bool(parsed[1])


def _is_place_set(unit: str, kind: str | None) -> bool:
    """各乡镇（街道）, 各区: every place of a level, no body named (各区人民政府 names one); 各社区
    居委会 names a place's own committee, no government body either."""
    committees = tuple(p for p in subject_rules().generic_places if p.endswith(("委会", "委员会")))
    return kind == "generic" and (
        not _UNIT_WORD.search(_ASIDE.sub("", unit)) or unit.endswith(committees)
    )


def _without_duty_suffix(rules: ResponsibilityRules, field: str) -> str:
    """责任单位：A、B按职责分工负责 -> A、B: a labelled list whose one clause only adds that its
    units share the work."""
    text = field.rstrip(" 。；;）)")
    if re.search(r"[，,；;]", text):
        return field
    suffix = next((s for s in rules.shared_duty_suffixes if text.endswith(s)), None)
    return text[: -len(suffix)] if suffix else field


def _says_who_leads(rules: ResponsibilityRules, text: str) -> bool:
    """A labelled field that says who leads or who supports (A牵头，B配合; A，B配合; 各乡镇
    人民政府；A、B按职责分工负责)."""
    parts = [p.strip(" 。") for p in re.split(r"[，,；;]", text)]
    subject = subject_rules()
    return any(p.endswith(rules.lead_suffixes) for p in parts) or (
        len(parts) > 1
        and any(
            p.endswith((*subject.co_words, *subject.guide_words, *rules.shared_duty_suffixes))
            for p in parts[1:]
        )
    )


def _suffixed(
    rules: ResponsibilityRules, body: str, *, own: frozenset[str] = frozenset()
) -> tuple[list[str], list[str], LeadBasis, str, list[str]]:
    """（省卫生健康委牵头，省财政厅等按职责分工负责）; （A、B，各市、县人民政府负责）."""
    lead: list[str] = []
    co: list[str] = []
    generic: list[str] = []
    supported = False  # generic actors stand before the first unit, which is said to support
    for part in re.split(r"[，,；;]", body):
        lead_suffix = next((s for s in rules.lead_suffixes if part.endswith(s)), None)
        co_suffix = next((s for s in rules.co_suffixes if part.endswith(s)), None)
        suffix = lead_suffix or co_suffix
        head = rules.manner.sub("", part[: -len(suffix)] if suffix else part)
        units, others = _units_and_generic(rules, head, own=own)
        if units and not lead and not co:
            supported = bool(generic) and part.endswith(rules.support_suffixes)
        generic += others
        if lead_suffix:
            lead += units
        else:
            co += units
    units = _distribute_prefix(rules, lead + co)
    if not lead and supported:  # 各设区市医保局负责，省卫生健康委配合: the generic actors lead
        return [], units, "labelled", body.strip(), generic
    if not lead:  # no unit marked 牵头: the first listed leads
        return units[:1], units[1:], "inferred-order", body.strip(), generic
    return units[: len(lead)], units[len(lead) :], "labelled", body.strip(), generic


def split_units(rules: ResponsibilityRules, text: str) -> list[str]:
    """市卫健委、资源规划局 -> [市卫健委, 市资源规划局]; drops 相关部门, keeps X of X等部门."""
    units = []
    for raw in (piece for part in _split_outside_brackets(text) for piece in _unglued(part)):
        unit = raw.strip(" \u3000\t：:。")
        for suffix in rules.etc_suffixes:
            if unit.endswith(suffix) and len(unit) > len(suffix):
                unit = unit[: -len(suffix)]
                break
        unit = _without_duty_aside(rules, unit)
        if unit and unit not in rules.placeholders:
            units.append(unit)
    return _distribute_prefix(rules, _distribute_government(rules, units))


_BRACKET = r"[（(〔\[]|[）)〕\]]"
_SPLIT_OR_BRACKET = re.compile(rf"{_SPLIT.pattern}|{_BRACKET}")


def _unglued(text: str) -> list[str]:
    """县应急局 县卫健局 县工信局, its spaces gone with the line's normalising: named units
    written one after another, each opening with its level (县, 市, 省, 国家), are split."""
    rules = subject_rules()
    name = text.strip(" ：:。")
    if len(name) < 6:
        return [text]
    for i in range(3, len(name) - 2):
        head, tail = name[:i], name[i:]
        if not (
            (_UNIT_WORD.search(head) or head.endswith(rules.division_endings))
            and tail.startswith(responsibility_rules().level_prefixes)
            and _kind(rules, head) == "named"
        ):
            continue
        rest = _unglued(tail)
        if all(_kind(rules, t) == "named" for t in rest):
            return [head, *rest]
    return [text]


def _split_outside_brackets(text: str, *, at: re.Pattern[str] = _SPLIT_OR_BRACKET) -> list[str]:
    """Split a unit list at its separators (``at`` also matching the brackets), but not inside
    brackets: 各县（市、区）政府 is one."""
    out, start, depth = [], 0, 0
    for m in at.finditer(text):
        if m.group(0) in "（(〔[":
            depth += 1
        elif m.group(0) in "）)〕]":
            depth = max(depth - 1, 0)
        elif depth == 0:
            out.append(text[start : m.start()])
            start = m.end()
    return [*out, text[start:]]


def _without_duty_aside(rules: ResponsibilityRules, unit: str) -> str:
    """县卫生健康局（县疾控中心负责水质监测） -> 县卫生健康局."""
    aside = _ASIDE.search(unit)
    if aside and aside.end() == len(unit) and any(w in aside[0] for w in rules.duty_aside_words):
        return unit[: aside.start()].strip()
    return unit


def _is_place(rules: ResponsibilityRules, unit: str) -> bool:
    """黔东南州, 桐溪县: a place named bare, two characters or more before its level word."""
    return not unit.endswith(rules.not_place_endings) and any(
        unit.endswith(e) and len(unit) > len(e) + 1 for e in rules.place_endings
    )


def _distribute_government(rules: ResponsibilityRules, units: list[str]) -> list[str]:
    """[黔东南州, 黔南州人民政府] -> [黔东南州人民政府, 黔南州人民政府]: the government word, or
    the body (长沙市、湘西州卫生健康委), closing a run of places belongs to each of them."""
    out = list(units)
    for i in range(len(out) - 1, -1, -1):
        word = next((w for w in rules.government_words if out[i].endswith(w)), None)
        word = word or _body_after_place(rules, out[i])
        if word is None or not _is_place(rules, out[i][: -len(word)]):
            continue
        j = i - 1
        while j >= 0 and _is_place(rules, out[j]):
            out[j] += word
            j -= 1
    return out


def _body_after_place(rules: ResponsibilityRules, unit: str) -> str | None:
    """湘西州卫生健康委 -> 卫生健康委: the body a named place's unit is, if it names one."""
    for k in range(2, len(unit) - 1):
        if _is_place(rules, unit[:k]) and _kind(subject_rules(), unit[k:]) == "named":
            return unit[k:]
    return None


def _prefix(rules: ResponsibilityRules, unit: str) -> str | None:
    if any(unit.startswith(b) for b in rules.base_names):
        return None
    return next((p for p in rules.level_prefixes if unit.startswith(p)), None)


def _is_government(rules: ResponsibilityRules, unit: str) -> bool:
    """黔南州人民政府: a named place's government carries its own level."""
    word = next((w for w in rules.government_words if unit.endswith(w)), None)
    return word is not None and _is_place(rules, unit[: -len(word)])


def _distribute_prefix(rules: ResponsibilityRules, units: list[str]) -> list[str]:
    """A level prefix (市, 省, 区, 县) carries over to later units written without one."""
    out: list[str] = []
    carried: str | None = None
    for unit in units:
        prefix = _prefix(rules, unit)
        if prefix is None and out and (body := _body_of_division(out[-1], unit)):
            out.append(body + unit)  # 市卫生健康委医政处、财务处: 财务处 of the same body
        elif prefix is not None:
            carried = prefix[0] if prefix[0] in "省市区县" else _township(rules, unit)
            out.append(unit)
        elif (
            carried
            and unit not in rules.own_level_names
            and not (carried in rules.township_prefixes and unit.endswith(rules.township_stations))
            and _level_word(subject_rules(), unit) is None  # 村卫生室: a body of its own level
            and not _is_government(rules, unit)
            and not unit.endswith(subject_rules().division_endings)  # 规划财务股: the issuer's own
            and not unit.endswith(rules.own_name_endings)
            and not unit.startswith(rules.own_name_starts)
            and not opens_with_place(unit)  # 浙江金融监管局: named with its own place
        ):
            out.append(carried + unit)
        else:
            out.append(unit)
    return out


def _township(rules: ResponsibilityRules, unit: str) -> str | None:
    """镇 of 镇妇联 (carried to 团委 after it), not 乡 of 乡镇卫生院 (every township's)."""
    return unit[0] if _level_word(subject_rules(), unit) in rules.township_prefixes else None


def _body_of_division(before: str, unit: str) -> str | None:
    """The body whose division ``before`` is (市卫生健康委医政处 -> 市卫生健康委), where ``unit``
    is a bare division (财务处) written after it."""
    subject = subject_rules()
    endings = (*subject.division_endings, *subject.commission_bureaus)
    if not unit.endswith(endings) or not before.endswith(endings):
        return None
    found = [(i, w) for w in subject.division_of if (i := before.rfind(w, 0, len(before) - 1)) >= 0]
    cut = max((i + len(w) for i, w in found), default=0)
    body = before[:cut] if cut > 1 else ""
    if not body or unit.startswith(body[:1]) or not _kind(subject, body):
        return None
    bureaus = unit.endswith(subject.commission_bureaus) or before.endswith(
        subject.commission_bureaus
    )
    return body if not bureaus or body.endswith(subject.commissions) else None


# --- responsibility written as the subject of a sentence --------------------------------------

_CLAUSE_BREAK = set("。；！？，：;,!?:\t")
_MAX_HEAD = 60  # a list of units longer than this is not a sentence subject
_MAX_NAME = 24  # nor a unit name longer than this
_MAX_KIND = 12  # nor a kind of facility (各医疗机构) longer than this
_ASIDE = re.compile(r"[（(〔][^（()）〔〕]*[）)〕]")  # 〔街道〕 too, the bracket inside a note


@dataclass(frozen=True)
class Mention:
    """A clause whose subject is a list of units (县卫生健康局要…, 由市疾控中心牵头…)."""

    start: int  # offsets of the unit list in the text searched
    end: int
    written: str
    named: tuple[str, ...]  # units, full names, in order
    generic: tuple[str, ...]  # generic actors (各区, 属地疾控中心): implicit, never units
    role: Role | None  # stated by the words after the units (牵头 / 配合), if any
    partners: tuple[str, ...] = ()  # units written after 会同 / 联合: co-responsible
    part: str | None = None  # the part of the plan it is for, where the clause names one
    guides: bool = False  # said to guide (负责指导): co unless named first
    supported: tuple[str, ...] = ()  # units written after 配合 (A配合B): B leads


@dataclass(frozen=True)
class Resolved:
    lead: tuple[str, ...]
    co: tuple[str, ...]
    lead_basis: LeadBasis
    units_as_written: str
    start: int
    end: int
    implicit: str | None


def find_subjects(text: str) -> list[Mention]:
    """Clauses of ``text`` whose subject is a list of units, named or generic."""
    rules = subject_rules()
    out = []
    carried: tuple[str, ...] = ()  # the parts named earlier in the sentence (…由A牵头，B配合)
    section: str | None = None  # the section of the items named in the paragraph (第二部分)
    for start, end in _clauses(text):
        clause = text[start:end]
        opened = rules.opening.match(clause)
        at = opened.end() if opened else 0
        line = clause.rfind("\n") + 1  # a clause may run on from the line before
        if line:  # a new paragraph: no part named in it yet
            section = None
        numbered = rules.opening.match(clause, line)
        items = rules.part_items.match(clause, numbered.end() if numbered else line)
        part = None if items else rules.part_topic.match(clause, at)
        if items is not None:
            section = _section_of(items["part"]) or section
            refs = _item_numbers(items["items"]) if section else []
            carried = tuple(f"{section}{n}" for n in refs)
        elif part is not None:
            carried = (part["part"],)
        named = items or part
        named_at = named.end() if named is not None else at
        mention = _mention_at(rules, clause, named_at)
        mention = (
            mention
            or _in_apposition(rules, text, start, end, named_at)
            or _labelled_by_colon(rules, text, start, end, at)
            or _partners_only(rules, clause, at)
        )
        if mention is not None:
            moved = replace(mention, start=mention.start + start, end=mention.end + start)
            out.extend([replace(moved, part=p) for p in carried] or [moved])
        if text[end : end + 1] in ("；", ";", "。", ""):
            carried = ()
    return out


_ITEM = re.compile(r"[（(]?([一二三四五六七八九十]{1,3}|[0-9]{1,3})[）)]?")
_ITEM_RANGE = re.compile(r"[至到—－\-~～]")


def _section_of(part: str | None) -> str | None:
    """第二部分 -> 二: the section a part of the plan is, by its numeral."""
    return part.removeprefix("第").removesuffix("部分") if part else None


def _item_numbers(items: str) -> list[str]:
    """第（一）项、第（二）项 -> ["(一)", "(二)"]; 第3至5项 -> ["3", "4", "5"]: the refs of the
    items named, as the segmenter writes them after their section."""
    found = [(m.start(), m.group(1)) for m in _ITEM.finditer(items)]
    out: list[str] = []
    for k, (pos, numeral) in enumerate(found):
        out.append(numeral)
        if k + 1 < len(found) and _ITEM_RANGE.search(items, pos, found[k + 1][0]):
            last = found[k + 1][1]
            if numeral.isdigit() == last.isdigit():
                first, end = (
                    int(n) if n.isdigit() else int(parse_chinese(n)) for n in (numeral, last)
                )
                between = range(first + 1, end)
                out.extend(str(n) if numeral.isdigit() else cn_numeral(n) for n in between)
    return [n if n.isdigit() else f"({n})" for n in out]


def _clauses(text: str) -> list[tuple[int, int]]:
    """Spans between clause punctuation outside brackets."""
    spans = []
    depth = 0
    begin = 0
    for i, ch in enumerate(text):
        if ch in "（(〔":
            depth += 1
        elif ch in "）)〕":
            depth = max(0, depth - 1)
        elif ch in _CLAUSE_BREAK and (depth == 0 or ch == "\t"):
            spans.append((begin, i))
            begin = i + 1
    spans.append((begin, len(text)))
    return [(a, b) for a, b in spans if b > a]


def _in_apposition(rules: SubjectRules, text: str, start: int, end: int, at: int) -> Mention | None:
    """县人民医院、县中医医院作为医共体牵头医院，要每月选派…: units named in a role (作为…) at the
    end of a clause, their duty opening the next one."""
    clause = text[start:end]
    role = rules.apposition.search(clause, at)
    if role is None or not text.startswith(("，", ","), end):
        return None
    return _mention_at(rules, clause[: role.start()] + text[end + 1 : end + 1 + _MAX_HEAD], at)


_CUT_AT_LEVEL = re.compile(r"[、和及与](?:省|市|县|区|国家|自治区)$")


_COMMA = re.compile(r"[，,]")


def _after_role(rules: SubjectRules, text: str, at: int) -> int:
    """Where the duties start after a title's unit: past its role (（二）县妇幼保健院。作为技术指导
    单位，负责…), or at once."""
    comma = _COMMA.search(text, at)
    if comma and rules.apposition.match(text, at, comma.start()):
        return comma.end()
    return at


def _labelled_by_colon(
    rules: SubjectRules, text: str, start: int, end: int, at: int
) -> Mention | None:
    """（1）省卫生健康委：负责…: units named before a colon, their duties after it; or, as the
    title of a numbered provision, before its full stop (（一）镇社会事务办。负责…), where the
    body opening with a verb is the unit's duties (（一）教育部。发挥…牵头作用)."""
    titled = start == 0 and at > 0 and text.startswith("。", end)
    duty_at = _after_role(rules, text, end + 1) if titled else end + 1
    duty = rules.duty_words.match(text, duty_at)
    if not (duty or (titled and text.startswith(rules.verb_starts, duty_at))):
        return None  # 2.1 县应急指挥部。县…指挥部由县长任总指挥: the body describes, no duty
    if not titled and not text.startswith(("：", ":"), end):
        return None
    head = text[start + at : end].strip()
    parsed = parse_unit_list(head) if head and len(head) <= _MAX_HEAD else None
    if parsed is None or not parsed[0]:
        return None
    # a title naming a kind of body (科学规划设置乡村医疗卫生机构) needs its duty word
    if not all(
        _UNIT_WORD.search(strip_asides(u)) or (duty and _kind(rules, u) == "named")
        for u in parsed[0]
    ):
        return None
    return Mention(at, end - start, head, parsed[0], parsed[1], None)


def _partners_only(rules: SubjectRules, clause: str, at: int) -> Mention | None:
    """…通报评价结果，并会同县财政局清算资金: a clause that opens with 会同 names the units the
    sentence's subject works with (co)."""
    word = next((w for w in rules.partner_words if clause.startswith(w, at)), None)
    if word is None:
        return None
    partners = _partners(rules, clause, at + len(word))
    if not partners or not all(_level_word(rules, u) for u in partners):
        return None  # only bodies named with their level (县财政局), not 教育部门
    return Mention(at, at + len(word), word, (), (), None, partners)


def _partners(rules: SubjectRules, clause: str, at: int) -> tuple[str, ...]:
    """The units after 会同 / 联合: a list followed by a duty word (会同B负责), or the rest of
    the clause (A要会同B，利用…)."""
    with_units = _mention_at(rules, clause, at)
    if with_units is not None:
        return with_units.named
    rest = parse_unit_list(clause[at:].strip())
    if rest is None:
        return ()
    # a body's name, not a kind of department (会同卫生健康部门 speaks of every level's)
    named = all(
        _UNIT_WORD.search(u)
        or u.endswith(tuple(rules.whole_names))
        or (_kind(rules, u) == "named" and _level_word(rules, u) is not None)  # 县中医医院
        for u in rest[0]
    )
    return rest[0] if named else ()


def _mention_at(rules: SubjectRules, clause: str, at: int) -> Mention | None:
    """The shortest unit list at ``at`` followed by a duty word."""
    for p in range(at + 2, min(len(clause), at + _MAX_HEAD)):
        if clause[p - 1] not in rules.name_last_chars and clause[p - 1] not in "）)〕等":
            continue  # a unit list ends with a unit's ending (局, 中心, 各区), an aside or 等
        duty = rules.duty_words.match(clause, p)
        if duty is None or _list_goes_on(rules, clause, p) or clause.startswith(rules.not_duty, p):
            continue  # 市卫生健康委以及市教育局: 以 of 以及, the list goes on
        if duty.group() not in rules.partner_words and clause.startswith(
            rules.name_ends_after_duty_word, duty.end()
        ):
            continue  # 省委组织部: 组织 of a name (组织部), not the verb (but 会同科技部)
        if clause.startswith("的", duty.end()):
            return None  # 卫生健康、人社等部门参加的协调机制: an attribute, not who acts
        head = clause[at:p]
        if rules.duty_words.match(head) or head.startswith(rules.verb_starts):
            return None  # the clause opens with a verb: no subject
        if _CUT_AT_LEVEL.search(head):
            continue  # 省人力资源社会保障厅、省|应急管理厅: 应 of a name, not the modal
        if (in_role := rules.apposition.search(head)) and in_role.start() > 0:
            if any(w in clause[p : duty.end() + 2] for w in rules.apposition_joins):
                return None  # A作为成员单位参与…: a member of what is built, not a duty
            head = head[: in_role.start()]  # A、B作为牵头医院负责…: the units, not their role
        parsed = parse_unit_list(head)
        if parsed is None:
            continue
        after = clause[p:]
        role: Role | None = None
        if after.startswith(rules.lead_words):
            role = "lead"
        elif after.startswith(rules.co_words):
            role = "co"
        guides = after.startswith(rules.guide_words)
        modal = next((w for w in rules.partner_after if after.startswith(w)), "")  # 要会同, 应联合
        partner = next(
            (
                w
                for w in (*rules.partner_words, *rules.organiser_words)
                if after.startswith(w, len(modal))
            ),
            None,
        )
        partners = _partners(rules, clause, p + len(modal) + len(partner)) if partner else ()
        if not parsed[0] and _kinds_listed(rules, clause[p:]):
            # 各设区市卫生健康委要会同民政、财政等部门: kinds of every city's own departments
            partners = tuple(u for u in partners if _level_word(rules, u) is not None)
        support = next((w for w in rules.supported_after if after.startswith(w)), None)
        supported = _partners(rules, clause, p + len(support)) if support else ()
        return Mention(
            at, p, head, parsed[0], parsed[1], role, partners, guides=guides, supported=supported
        )
    return None


def _kinds_listed(rules: SubjectRules, after: str) -> bool:
    """会同发展改革、民政等部门…: the partners, up to the clause's end, are kinds of department
    (an ``etc_groups`` ending of departments or units), not bodies."""
    clause = re.split(r"[，,；;。]", after, maxsplit=1)[0]
    return any(g in clause for g in rules.etc_groups if g.endswith(("部门", "单位")))


def _list_goes_on(rules: SubjectRules, clause: str, p: int) -> bool:
    """A conjunction at ``p`` before another unit (以及市教育局), not a duty word (及时)."""
    m = rules.conjunctions.match(clause, p)
    return m is not None and clause.startswith(responsibility_rules().level_prefixes, m.end())


def parse_unit_list(head: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(named units, generic actors) of a list such as 市、区疾控中心 or 文旅、商务等部门;
    None when something in it is not a unit."""
    rules = subject_rules()
    text = rules.abbreviation.sub("", head.strip())  # 市医疗保障局（以下简称市医保局）
    if any(w in text for w in rules.generic_contains):
        opens = text.startswith(rules.generic_starts) or _level_word(rules, text) is not None
        return ((), (text,)) if opens and _unit_like(rules, _ASIDE.sub("", text)) else None
    group: str | None = None
    for etc in rules.etc_groups:
        if text.endswith(etc) and len(text) > len(etc):
            text = text[: -len(etc)]
            group = etc[-2:] if etc.endswith(("部门", "单位")) else None
            break
    else:
        if (described := rules.etc_described.search(text)) and described.start() > 0:
            text = text[: described.start()]  # 县人民医院、县妇幼保健院等产科接种单位
    pieces = [p for p in _split_at_separators(rules, text) if p]
    items = [u for piece in pieces for u in _split_conjoined(rules, piece)]
    if group:
        items = [u if _ending(rules, u) else u + group for u in items]
    named: list[str] = []
    generic: list[str] = []
    every = False  # 各镇（街道）教育办公室、卫生健康办公室: 各 carries over like a level prefix
    places = False  # 各区、市卫生健康局: the bureau of every district and city, 各 carried too
    for unit, lower in _distribute_levels(rules, items):
        kind = _kind(rules, unit)
        if kind is None:
            return None
        if unit.startswith(rules.generic_starts) and kind == "generic":  # not 基层卫生股
            every, places = True, unit.startswith("各") and _is_level(rules, unit[1:])
        elif level := _level_word(rules, unit):
            every, places = every and (places or _bare_body(rules, unit, level)), False
        (generic if lower or kind == "generic" or every else named).append(unit)
    if not named and not generic:
        return None
    named = _distribute_prefix(responsibility_rules(), named) if named else named
    return tuple(named), tuple(generic)


def _bare_body(rules: SubjectRules, unit: str, level: str) -> bool:
    """街道办事处, 村委会: a level's body named by nothing but its ending, so after 各乡镇人民政府
    it is every such body too."""
    rest = _ASIDE.sub("", unit)[len(level) :]
    return bool(rest) and _ending(rules, rest) == rest


def _split_at_separators(rules: SubjectRules, text: str) -> list[str]:
    """Split at 、 but not inside brackets: 县（市、区）卫生健康局 is one name."""
    return _split_outside_brackets(text, at=_separators_or_brackets(rules.separators))


@cache
def _separators_or_brackets(separators: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join([*map(re.escape, separators), _BRACKET]))


def _split_conjoined(rules: SubjectRules, piece: str) -> list[str]:
    """A和B -> [A, B] where both sides are units; 公共卫生与重大疾病防治领导小组 stays whole."""
    for m in rules.conjunctions.finditer(piece):
        left, right = piece[: m.start()], piece[m.end() :]
        if rules.counted_sets.search(left):
            return [piece]  # 6个乡镇卫生院和街道社区卫生服务中心: one counted set of bodies
        if (
            left
            and right
            and _kind(rules, left)
            and (_kind(rules, right) or _is_level(rules, right))
        ):
            return [left, *_split_conjoined(rules, right)]
    return [piece]


def _distribute_levels(rules: SubjectRules, items: list[str]) -> list[tuple[str, bool]]:
    """市、区疾控中心 -> 市疾控中心 and 区疾控中心, the lower level a generic set (lower=True)."""
    levels: list[str] = []
    rest = list(items)
    every = (
        len(rest) > 1
        and rest[0].startswith("各")
        and _is_level(rules, rest[0][1:])
        and not rest[1].startswith(rules.generic_starts)  # 各区、各镇（街道）: each its own
        and _lower_or_same_level(rules, _ASIDE.sub("", rest[0][1:]), rest[1])
    )
    if every:  # 各市、县（市、区）卫生健康局: every such body of each level listed, generic
        rest[0] = rest[0][1:]
    while len(rest) > 1 and _is_level(rules, rest[0]):
        levels.append(_ASIDE.sub("", rest.pop(0)))
    if not levels:
        return [(u, False) for u in items]
    opener = next((g for g in rules.generic_starts if rest[0].startswith(g)), "")
    first = _level_word(rules, rest[0][len(opener) :])
    if first:  # 市、区疾控中心 / 市及各区环境整治组: the level word of the first name
        levels.append(opener + first)
        rest[0] = rest[0][len(opener + first) :]
    top = min(_rank(rules, w) for w in levels)
    out = []
    for stem in rest:
        if _level_word(rules, stem):
            out.append((stem, False))
            continue
        out += [(w + stem, every or _rank(rules, w) > top) for w in levels]
    return [(("各" if every else "") + u, lower) for u, lower in out] if every else out


def level_rank(unit: str) -> int | None:
    """The administrative level a unit is written at (0 national, 1 provincial, …), if any."""
    rules = subject_rules()
    word = _level_word(rules, unit)
    return None if word is None else _rank(rules, word)


def _lower_or_same_level(rules: SubjectRules, level: str, name: str) -> bool:
    """各市、县卫生健康局 lists the levels downwards (市, then 县); 各乡镇、县住建局 names a
    higher county body after the townships: no list of levels."""
    word = _level_word(rules, name)
    return word is not None and _rank(rules, word) >= _rank(rules, level)


def _rank(rules: SubjectRules, word: str) -> int:
    """0 for national, 1 provincial …; 各区 ranks below 区 (every district, not one)."""
    opener = next((g for g in rules.generic_starts if word.startswith(g)), "")
    word = word[len(opener) :]
    rank = next((i for i, words in enumerate(rules.levels) if word in words), len(rules.levels))
    return rank + (1 if opener else 0)


def _level_word(rules: SubjectRules, name: str) -> str | None:
    if any(name.startswith(b) for b in responsibility_rules().base_names):
        return None
    return next((w for words in rules.levels for w in words if name.startswith(w)), None)


def _is_level(rules: SubjectRules, name: str) -> bool:
    bare = _ASIDE.sub("", name)
    return any(bare in words for words in rules.levels)


def _ending(rules: SubjectRules, name: str) -> str | None:
    """The longest unit ending of ``name`` (公司 before a ministry division's 司)."""
    endings = [e for e in (*rules.department_endings, *rules.facility_endings) if name.endswith(e)]
    return max(endings, key=len, default=None)


def _unit_like(rules: SubjectRules, name: str) -> bool:
    return _ending(rules, name) is not None or _is_level(rules, name)


def _kind(rules: SubjectRules, name: str) -> str | None:
    """ "named", "generic" (各区, 医疗机构, 相关部门) or None (not a unit at all)."""
    bare = _ASIDE.sub("", name).strip()
    if len(bare) < 2 and not _is_level(rules, bare):
        return None
    if _is_level(rules, bare):
        return "generic"
    if bare in rules.whole_names:
        return "named"  # 共青团中央, 人民银行: no ending of a unit's name
    if bare.startswith(rules.verb_starts):
        return None  # 建设省级区域医疗中心: a task's heading, not a body
    opener = next((g for g in rules.generic_starts if bare.startswith(g)), None)
    if opener and (
        _is_level(rules, rest := bare[len(opener) :].removeprefix("的"))
        or rest in rules.generic_places
    ):
        return "generic"  # 各区, 各乡镇, 辖区的镇, 各社区
    level = _level_word(rules, bare)
    if level and bare[len(level) :].startswith(rules.generic_after_level):
        return "generic"  # 县相关镇人民政府, 市有关医疗机构: the level's bodies, none named
    if bare.endswith(rules.generic_endings) and len(bare) <= _MAX_NAME:
        return "generic"  # 局机关各股室, 局属各单位
    if rules.counted_sets.search(bare) and _ending(rules, bare) is not None:
        return "generic"  # 全市21家哨点医院: so many bodies, none named
    if rules.level_run_sets.search(bare) and _ending(rules, bare) is not None:
        return "generic"  # 市办医院, 县两级政府: the bodies of a level
    ending = _ending(rules, bare)
    if ending is None or bare.endswith(rules.not_units) or name.startswith(("（", "(")):
        return None
    if any(w in bare for w in rules.not_in_names):
        return None  # 评价数据须经市卫生健康委: a clause, not a name
    if ending in rules.division_endings and not any(w in bare[:-1] for w in rules.division_of):
        if _own_division(rules, bare, ending):
            return "named"  # 体改处, 基层卫生健康处: a division of the issuing body
        return None  # 所有处, 各处: not a division of a named body
    if len(bare) > _MAX_NAME:
        return None
    if bare.startswith(rules.generic_starts) or bare.startswith(rules.level_sets):
        return "generic"
    if any(w in bare for w in rules.generic_contains):
        return "generic" if level else None
    stem = bare[len(level or "") : -len(ending)]
    if ending in ("部门", "单位") and (not stem or stem.endswith(rules.generic_department_stems)):
        return "generic"
    if ending in rules.facility_endings and ending not in rules.department_endings:
        if (
            (level and (stem or len(level) == 1))
            or _after_a_place(bare, ending)
            or bare.startswith(responsibility_rules().own_name_starts)
        ):  # 县人民医院, 镇卫生院 (the township's own), 栖梧区人民医院, 中国疾控中心
            return "named"
        return "generic" if len(bare) <= _MAX_KIND else None  # 医疗机构, 社区卫生服务中心
    if not stem:
        return "named" if level else None
    if bare[len(level or "") :] in rules.whole_names:
        return "named"  # 镇纪委: a whole name after its level
    return "named" if len(stem) >= 2 or len(ending) >= 2 else None


def strip_asides(text: str) -> str:
    """市卫生健康委（市卫生健康监督所） -> 市卫生健康委."""
    return _ASIDE.sub("", text)


def _after_a_place(name: str, ending: str) -> bool:
    """栖梧区人民医院, 桐溪县中医医院: a facility named after its place is one facility."""
    rules = responsibility_rules()
    body = name[: -len(ending)]
    return any(
        _is_place(rules, body[: i + len(e)]) and len(body) > i + len(e)
        for e in rules.place_endings
        for i in range(2, len(body))
        if body.startswith(e, i)
    )


def _own_division(rules: SubjectRules, bare: str, ending: str) -> bool:
    """体改处 written alone in its commission's text; not 所有处, 各处 or a clause (要求所有处);
    and a section of a township or street office written with its level (街道社会事务科)."""
    township = next((w for w in rules.township_words if bare.startswith(w)), None)
    return (
        (ending in rules.own_divisions or (township is not None and ending == "科"))
        and 3 <= len(bare) <= 10
        and not any(w in bare for w in rules.own_division_not_with)
        and not (township is not None and bare[len(township) :].startswith("级"))
    )


def resolve_subjects(mentions: list[Mention], *, each_leads: bool = False) -> Resolved | None:
    """Lead and co of a provision from its sentence subjects: the unit said to 牵头 leads,
    else the first named unit that is not said to support; the others are co, in order.
    ``each_leads`` (a division of duties, 职责分工): every unit not said to support leads, a
    unit said to guide too (省委编办负责指导各地核定编制: guiding is its own duty there)."""
    units: list[tuple[str, Role | None]] = []
    for k, m in enumerate(mentions):
        role: Role | None = "co" if m.guides and k > 0 and not each_leads else m.role
        units += [(u, "lead") for u in m.supported if u not in {x for x, _ in units}]
        units += [(u, role) for u in m.named if u not in {x for x, _ in units}]
        units += [(u, "co") for u in m.partners if u not in {x for x, _ in units}]
    if not units:
        generic = next((m for m in mentions if m.generic), None)
        if generic is None:
            return None
        return Resolved(
            (), (), "inferred-order", generic.written, generic.start, generic.end, generic.written
        )
    stated = tuple(u for u, role in units if role == "lead")
    if each_leads:
        stated = tuple(u for u, role in units if role != "co")
    basis: LeadBasis = "labelled" if stated else "inferred-order"
    first = next((m for m in mentions if m.named or m.supported), None)
    # 各区县卫生健康局要会同市教育局: the generic actors lead, the unit works with them
    if first is None:
        generic = next(m for m in mentions if m.partners)
        return Resolved(
            lead=(),
            co=tuple(u for u, _ in units),
            lead_basis=basis,
            units_as_written=generic.written,
            start=generic.start,
            end=generic.end,
            implicit=generic.written if generic.generic else None,  # not …，会同B: no actor
        )
    lead = stated or (next((u for u, role in units if role != "co"), units[0][0]),)
    return Resolved(
        lead=lead,
        co=tuple(u for u, _ in units if u not in lead),
        lead_basis=basis,
        units_as_written=first.written,
        start=first.start,
        end=first.end,
        implicit=None,
    )


def _is_named(unit: str) -> bool:
    """A name opening like a generic actor that is a unit all the same (基层卫生股)."""
    return _kind(subject_rules(), unit) == "named"


def parse_row_units(cell: str) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
    """(lead, co, implicit) of the unit cell of a duty-table row, the first listed leading (no
    rule is stated): 宣传部（融媒体中心） -> 宣传部 and 融媒体中心; 工会、团委、妇联等 -> 工会 and
    团委, 妇联; 市人社局 医保中心 (two names in one cell) -> both; 各镇（街道） -> implicit."""
    rules = responsibility_rules()
    if is_unit_note(cell):  # a task table's cell may say who leads: A牵头，B、C配合
        parsed = parse_note(cell, first_is_lead=False)
        return parsed.lead, parsed.co, parsed.generic
    generic_starts = subject_rules().generic_starts
    first = split_units(rules, cell.split()[0])[:1] if cell.split() else []
    one_clause = not any(c in cell for c in "，,；;")  # 各村（社区），镇社会事务办: two clauses
    if cell.startswith(generic_starts) and not (first and _is_named(first[0])) and one_clause:
        return (), (), cell
    aside = re.fullmatch(r"(.+?)[（(](.+)[）)]", cell)
    before = split_units(rules, aside[1])[-1:] if aside else []
    if before and before[0].startswith(generic_starts):
        aside = None  # 镇健康办、各村（社区）: the bracket belongs to the generic actor
    parts = [aside[1], aside[2]] if aside else [cell]
    units = [u for part in parts for words in part.split() for u in split_units(rules, words)]
    named: list[str] = []
    generic: list[str] = []
    for k, unit in enumerate(units):
        if generic and generic[-1].endswith("、"):  # 各辖市、区卫生健康局: one set
            generic[-1] += unit
        elif (unit.startswith(generic_starts) and not _is_named(unit)) or "各" in unit:  # 各乡镇
            bare_level = _kind(subject_rules(), unit) is None and k + 1 < len(units)
            generic.append(unit + ("、" if bare_level else ""))
        else:
            named.append(unit)
    return tuple(named[:1]), tuple(named[1:]), "、".join(generic) or None


def is_unit_list(text: str) -> bool:
    """Whether a table cell names only units (宣传部（融媒体中心）, 工会、团委、妇联等)."""
    rules = subject_rules()
    aside = re.fullmatch(r"(.+?)[（(](.+)[）)]", text)
    parts = [aside[1], aside[2]] if aside else [text]
    names = [
        n.removesuffix("等")
        for part in parts
        for n in re.split("|".join(map(re.escape, rules.separators)), part)
    ]
    return bool(names) and all(n and _kind(rules, n) is not None for n in names)


def is_unit_note(text: str) -> bool:
    """Whether a table cell is written like a note (A牵头，B配合; 牵头单位：A), not a bare list."""
    rules = responsibility_rules()
    return bool(rules.label_pattern.search(text)) or (
        any(w in text for w in (*rules.lead_suffixes, *rules.co_suffixes)) and _is_note(rules, text)
    )

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
from dataclasses import dataclass

from kg.extract.rules import ResponsibilityRules, responsibility_rules
from kg.model import LeadBasis

_SPLIT = re.compile(r"[、，,；;]|和(?=[省市区县各])|及(?=[省市区县各])")


@dataclass(frozen=True)
class Note:
    start: int  # offsets of the bracketed note (brackets included) in the text searched
    end: int
    content: str


@dataclass(frozen=True)
class ParsedNote:
    lead: tuple[str, ...]
    co: tuple[str, ...]
    lead_basis: LeadBasis
    units_as_written: str
    states_first_is_lead: bool
    implicit: str | None


def find_note(text: str) -> Note | None:
    """The last bracketed group in ``text`` that names responsible units."""
    rules = responsibility_rules()
    best: Note | None = None
    depth = 0
    opened = -1
    for i, ch in enumerate(text):
        if ch in "（(":
            if depth == 0:
                opened = i
            depth += 1
        elif ch in "）)" and depth > 0:
            depth -= 1
            if depth == 0:
                content = text[opened + 1 : i]
                if _is_note(rules, content):
                    best = Note(opened, i + 1, content)
    if depth > 0 and opened >= 0 and _is_note(rules, text[opened + 1 :]):
        best = Note(opened, len(text), text[opened + 1 :])  # unclosed at the end of a provision
    return best


_UNIT_WORD = re.compile(r"(?:委|局|厅|部|办|署|政府|中心|委员会)$")


def _is_note(rules: ResponsibilityRules, content: str) -> bool:
    """A labelled list, or clauses like X牵头 / X、Y按职责分工负责 naming government units."""
    if rules.label_pattern.search(content):
        return True
    for part in re.split(r"[，,；;。]", content):
        suffix = next(
            (s for s in (*rules.lead_suffixes, *rules.co_suffixes) if part.endswith(s)), None
        )
        if suffix is None or len(part) > 80:
            return False
        units = split_units(rules, part[: -len(suffix)])
        if not units or not all(_UNIT_WORD.search(u) or u.endswith(("部", "委")) for u in units):
            return False
    return True


def parse_note(content: str, *, first_is_lead: bool) -> ParsedNote:
    """Lead and co-responsible units of one note, as full names, in order."""
    rules = responsibility_rules()
    states_rule = any(p in content for p in rules.first_is_lead)
    implicit_match = rules.implicit.search(content)
    implicit = implicit_match["units"] if implicit_match else None
    body = _strip_rule_sentences(rules, content)
    labelled = list(rules.label_pattern.finditer(body))
    if labelled:
        lead, co, basis, written = _labelled(rules, body, labelled, first_is_lead or states_rule)
    else:
        lead, co, basis, written = _suffixed(rules, body)
    return ParsedNote(
        lead=tuple(lead),
        co=tuple(u for u in co if u not in lead),
        lead_basis=basis,
        units_as_written=written,
        states_first_is_lead=states_rule,
        implicit=implicit,
    )


def _strip_rule_sentences(rules: ResponsibilityRules, content: str) -> str:
    """Drop the sentences that state rules (列第一位的为牵头单位…下同), keep the unit list."""
    parts = re.split(r"[。]", content)
    kept = [p for p in parts if p and not _is_rule_sentence(rules, p)]
    return "。".join(kept)


def _is_rule_sentence(rules: ResponsibilityRules, part: str) -> bool:
    return (
        any(p in part for p in rules.first_is_lead)
        or bool(rules.implicit.search(part))
        or "下同" in part
        or "不再逐一列出" in part
    )


def _labelled(
    rules: ResponsibilityRules, body: str, labels: list[re.Match[str]], first_is_lead: bool
) -> tuple[list[str], list[str], LeadBasis, str]:
    lead: list[str] = []
    co: list[str] = []
    listed: list[str] = []
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(body)
        units = split_units(rules, body[m.end() : end])
        role = rules.labels[m.group(1)]
        if role == "ignore":
            continue
        if role == "lead":
            lead += units
        elif role == "co":
            co += units
        else:
            listed += units
    ignored = next((m.start() for m in labels if rules.labels[m.group(1)] == "ignore"), len(body))
    written = body[labels[0].end() : ignored].strip("，,；; ")
    if lead:
        return lead, co + listed, "labelled", written
    if not listed:
        return [], co, "labelled", written
    basis: LeadBasis = "stated-order" if first_is_lead else "inferred-order"
    return listed[:1], listed[1:] + co, basis, written


def _suffixed(rules: ResponsibilityRules, body: str) -> tuple[list[str], list[str], LeadBasis, str]:
    """（省卫生健康委牵头，省财政厅等按职责分工负责）."""
    lead: list[str] = []
    co: list[str] = []
    for part in re.split(r"[，,；;]", body):
        lead_suffix = next((s for s in rules.lead_suffixes if part.endswith(s)), None)
        if lead_suffix:
            lead += split_units(rules, part[: -len(lead_suffix)])
            continue
        co_suffix = next((s for s in rules.co_suffixes if part.endswith(s)), None)
        co += split_units(rules, part[: -len(co_suffix)] if co_suffix else part)
    units = _distribute_prefix(rules, lead + co)
    if not lead:  # no unit marked 牵头: the first listed leads
        return units[:1], units[1:], "inferred-order", body.strip()
    return units[: len(lead)], units[len(lead) :], "labelled", body.strip()


def split_units(rules: ResponsibilityRules, text: str) -> list[str]:
    """市卫健委、资源规划局 -> [市卫健委, 市资源规划局]; drops 相关部门, keeps X of X等部门."""
    units = []
    for raw in _SPLIT.split(text):
        unit = raw.strip(" ：:。")
        for suffix in rules.etc_suffixes:
            if unit.endswith(suffix) and len(unit) > len(suffix):
                unit = unit[: -len(suffix)]
                break
        if unit and unit not in rules.placeholders:
            units.append(unit)
    return _distribute_prefix(rules, units)


def _prefix(rules: ResponsibilityRules, unit: str) -> str | None:
    if any(unit.startswith(b) for b in rules.base_names):
        return None
    return next((p for p in rules.level_prefixes if unit.startswith(p)), None)


def _distribute_prefix(rules: ResponsibilityRules, units: list[str]) -> list[str]:
    """A level prefix (市, 省, 区, 县) carries over to later units written without one."""
    out = []
    carried: str | None = None
    for unit in units:
        prefix = _prefix(rules, unit)
        if prefix is not None:
            level = prefix[0] if prefix[0] in "省市区县" else None
            carried = level
            out.append(unit)
        elif carried:
            out.append(carried + unit)
        else:
            out.append(unit)
    return out

"""Indicator linking: the same quantity, worded differently in each city, becomes one concept.

Curated concepts come from ``ontology/indicators.ttl``: a target takes the most specific
concept whose ``pol:matchKeywords`` all occur in its subject (or, failing that, its clause) and
whose ``pol:matchUnits`` include its unit. Targets no curated concept fits are grouped into
automatic concepts by their normalised subject and unit across documents, so a quantity two
cities share is compared even before an analyst curates it.

Every linked target also gets a comparable value: converted to the indicator's comparable unit
(1 person per 500 residents -> 2 ‰, a yearly amount -> 元/年), with a note saying why figures
of different cities may not be strictly comparable.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from kg.errors import RuleDataError
from kg.extract.numbers import tidy
from kg.graph.ns import DCTERMS, POL, SKOS
from kg.model import ExtractedDocument, Target
from kg.paths import ontology_dir

AUTO_PREFIX = "auto-"
_FUZZY = 0.8  # character-bigram Jaccard above which two normalised subjects are one quantity
_BRACKETS = re.compile(r"（[^（）]*）|\([^()]*\)|[“”\"'‘’《》〈〉「」\s]")
_SCOPE = re.compile(r"^(?:全市|全省|全国|全县|全区|各区（市）|各区市|各区|各地|其中|全面)+")
_GENERIC_END = re.compile(r"(?:的比例|比例|占比|的人数|人数|数量|数|率|水平)+$")
_POP_BASE = re.compile(r"^(?P<count>[^/]+)/(?P<base>\d+(?:\.\d+)?万?|万|千|百)(?P<pop>.*人口)$")


@dataclass(frozen=True)
class Indicator:
    id: str
    label_zh: str
    label_en: str
    keywords: tuple[tuple[str, ...], ...]
    exclude: tuple[str, ...]
    units: frozenset[str]
    dimension: str
    comparable_unit: str
    higher_is_more_ambitious: bool | None
    scope_note_en: str | None = None
    scope_note_zh: str | None = None
    curated: bool = True
    members: tuple[str, ...] = field(default=(), compare=False)  # subjects, for automatic ones

    @property
    def specificity(self) -> int:
        return max((sum(len(k) for k in kws) for kws in self.keywords), default=0)


def _text(graph: Graph, node: URIRef, prop: URIRef, lang: str | None = None) -> str | None:
    for value in graph.objects(node, prop):
        if isinstance(value, Literal) and (lang is None or value.language == lang):
            return str(value)
    return None


@cache
def _curated(path: Path, mtime_ns: int) -> dict[str, Indicator]:
    try:
        graph = Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several unrelated parser exception types
        raise RuleDataError(
            f"{path} does not parse as Turtle: {exc}", fix="repair its syntax"
        ) from exc
    out: dict[str, Indicator] = {}
    for node in sorted(graph.subjects(POL.curated, Literal(True)), key=str):
        assert isinstance(node, URIRef)
        cid = _text(graph, node, DCTERMS.identifier)
        units = _text(graph, node, POL.matchUnits)
        keywords = [str(k).split() for k in graph.objects(node, POL.matchKeywords)]
        if not cid or not units or not keywords:
            raise RuleDataError(
                f"{path}: indicator {node} lacks dcterms:identifier, pol:matchUnits or "
                "pol:matchKeywords.",
                fix="give every curated indicator an identifier, its units and keywords",
            )
        higher = graph.value(node, POL.higherIsMoreAmbitious)
        out[cid] = Indicator(
            id=cid,
            label_zh=_text(graph, node, SKOS.prefLabel, "zh") or cid,
            label_en=_text(graph, node, SKOS.prefLabel, "en") or cid,
            keywords=tuple(sorted(tuple(k) for k in keywords)),
            exclude=tuple((_text(graph, node, POL.excludeKeywords) or "").split()),
            units=frozenset(units.split()),
            dimension=_text(graph, node, POL.unitDimension) or "",
            comparable_unit=_text(graph, node, POL.comparableUnit) or sorted(units.split())[0],
            higher_is_more_ambitious=bool(higher.toPython())
            if isinstance(higher, Literal)
            else None,
            scope_note_en=_text(graph, node, SKOS.scopeNote, "en"),
            scope_note_zh=_text(graph, node, SKOS.scopeNote, "zh"),
        )
    return out


def curated_indicators() -> dict[str, Indicator]:
    """The analyst-curated concepts of ontology/indicators.ttl, by id."""
    path = ontology_dir() / "indicators.ttl"
    return _curated(path, path.stat().st_mtime_ns)


def normalise_subject(subject: str) -> str:
    """The words that identify a quantity: no brackets, quotes, scope words or generic endings."""
    text = _BRACKETS.sub("", subject)
    text = _SCOPE.sub("", text)
    text = text.replace("的", "")
    return _GENERIC_END.sub("", text) or text


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def similarity(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / len(x | y)


def match_curated(
    subject: str, unit: str, *, context: str = "", indicators: Iterable[Indicator] | None = None
) -> Indicator | None:
    """The most specific curated concept fitting a subject (then its clause) and unit."""
    pool = [i for i in (indicators or curated_indicators().values()) if unit in i.units]
    for text in (subject, f"{subject} {context}"):
        fits = [
            i
            for i in pool
            if not any(x in text for x in i.exclude)
            and any(all(k in text for k in kws) for kws in i.keywords)
        ]
        if fits:
            return max(fits, key=lambda i: (i.specificity, i.id))
    return None


def _dimension(unit: str) -> str:
    if unit in ("%",):
        return "share"
    if "/" in unit or unit == "‰":
        return "rate per population"
    if unit == "元":
        return "money"
    if unit in ("年", "月", "天", "工作日", "小时", "分钟"):
        return "duration"
    return "count"


def _auto_id(unit: str, key: str) -> str:
    return AUTO_PREFIX + hashlib.sha1(f"{unit}|{key}".encode()).hexdigest()[:10]


def group_automatic(
    targets: list[Target], *, known: Iterable[Indicator] = ()
) -> dict[int, Indicator]:
    """Automatic concepts for unlinked targets: same unit and (nearly) the same normalised subject.

    Returns the concept of each target by its position in ``targets``. ``known`` automatic
    concepts (e.g. from a built graph) are reused where a subject fits them.
    """
    known = [k for k in known if not k.curated]
    keys = [normalise_subject(t.subject) for t in targets]
    parent = list(range(len(targets)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(targets)):
        for j in range(i):
            if targets[i].unit == targets[j].unit and (
                keys[i] == keys[j] or similarity(keys[i], keys[j]) >= _FUZZY
            ):
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(targets)):
        groups.setdefault(find(i), []).append(i)
    out: dict[int, Indicator] = {}
    for members in groups.values():
        unit = targets[members[0]].unit
        member_keys = sorted({keys[i] for i in members})
        reuse = next(
            (
                k
                for k in known
                if unit in k.units
                and any(similarity(m, k.keywords[0][0]) >= _FUZZY for m in member_keys)
            ),
            None,
        )
        indicator = reuse or _automatic(unit, member_keys, [targets[i].subject for i in members])
        for i in members:
            out[i] = indicator
    return out


def _automatic(unit: str, keys: list[str], subjects: list[str]) -> Indicator:
    key = keys[0]
    label = min(subjects, key=lambda s: (len(s), s))
    return Indicator(
        id=_auto_id(unit, key),
        label_zh=label,
        label_en=f"Unreviewed indicator ({unit}): {label}",
        keywords=((key,),),
        exclude=(),
        units=frozenset({unit}),
        dimension=_dimension(unit),
        comparable_unit=unit,
        higher_is_more_ambitious=None,
        curated=False,
        members=tuple(sorted(set(subjects))),
    )


def _per_mille(unit: str) -> float | None:
    """人/千常住人口 -> 1.0, 人/500常住人口 -> 2.0: the factor to per-mille of a population."""
    m = _POP_BASE.match(unit)
    if not m:
        return None
    base = m["base"]
    number = {"千": 1000.0, "百": 100.0}.get(base)
    if number is None:
        number = float(base.rstrip("万") or 1) * (10000 if base.endswith("万") else 1)
    return 1000.0 / number


def comparable(t: Target, indicator: Indicator) -> tuple[float, float | None, str, str | None]:
    """(value, value_max, unit, note) of a target in its indicator's comparable unit."""
    notes = [indicator.scope_note_en] if indicator.scope_note_en else []
    factor = 1.0
    unit = indicator.comparable_unit
    if indicator.comparable_unit == "‰" and t.unit != "‰" and (pm := _per_mille(t.unit)):
        factor = pm
        notes.append(f"Converted from {tidy(t.value)} {t.unit} to per-mille (×{tidy(pm)}).")
    elif indicator.comparable_unit == "元/年":
        if t.periodicity == "annual":
            notes.append("A yearly amount.")
        else:
            unit = "元"
            notes.append("A one-off amount, not a yearly one.")
    elif t.unit != indicator.comparable_unit:
        unit = t.unit
        notes.append(f"Written in {t.unit}; the indicator compares in {indicator.comparable_unit}.")
    if t.erratum is not None:
        notes.append(
            f"Corrected by erratum {t.erratum.id}: written {t.value_text}, read as "
            f"{tidy(t.value)}—{tidy(t.value_max) if t.value_max is not None else ''}."
        )
    value_max = None if t.value_max is None else t.value_max * factor
    return t.value * factor, value_max, unit, " ".join(notes) or None


def link_documents(
    docs: list[ExtractedDocument], *, known: Iterable[Indicator] = ()
) -> list[Indicator]:
    """Give every target of ``docs`` an indicator and a comparable value; returns the automatic
    concepts formed (curated ones live in the ontology)."""
    curated = list(curated_indicators().values())
    unlinked: list[tuple[ExtractedDocument, int]] = []
    for doc in docs:
        clause_start = {c.index: c.start for c in doc.clauses}
        for i, t in enumerate(doc.targets):
            context = _lead_in(doc.raw[clause_start.get(t.clause_index or 0, t.start) : t.end])
            found = match_curated(t.subject, t.unit, context=context, indicators=curated)
            if found is None:
                unlinked.append((doc, i))
            else:
                doc.targets[i] = _with(t, found)
    groups = group_automatic([d.targets[i] for d, i in unlinked], known=known)
    automatic: dict[str, Indicator] = {}
    for n, (doc, i) in enumerate(unlinked):
        indicator = groups[n]
        automatic[indicator.id] = indicator
        doc.targets[i] = _with(doc.targets[i], indicator)
    return [automatic[k] for k in sorted(automatic)]


_NUMBERED = re.compile(r"[0-9%‰]|全覆盖")


def _lead_in(text: str) -> str:
    """The target's phrase with the phrases before it in its clause that state no other figure.

    对一体化管理的村卫生室，市、县两级财政每年分别给予每所1万元 -> the first phrase names what
    the money is for; a phrase with a figure of its own belongs to another target.
    """
    phrases = re.split(r"[，,、：:]", re.sub(r"\s+", "", text))
    kept = [phrases[-1]]
    for phrase in reversed(phrases[:-1]):
        if _NUMBERED.search(phrase):
            break
        kept.append(phrase)
    return "，".join(reversed(kept))


def _with(t: Target, indicator: Indicator) -> Target:
    value, value_max, unit, note = comparable(t, indicator)
    return replace(
        t,
        indicator=indicator.id,
        comparable_value=value,
        comparable_value_max=value_max,
        comparable_unit=unit,
        comparability_note=note,
    )

"""Indicator linking: the same quantity, worded differently in each city, becomes one concept.

Curated concepts come from ``ontology/indicators.ttl``: a target takes the most specific
concept whose ``pol:matchKeywords`` all occur in its subject (or, failing that, its clause) and
whose ``pol:matchUnits`` include its unit. Targets no curated concept fits are grouped into
automatic concepts by their normalised subject and unit across documents, so a quantity two
cities share is compared even before an analyst curates it. How a subject is normalised, and
the glossary that names new concepts in English, are in ``graph/data/indicator_words.toml``;
an automatic concept whose members are written for different areas or populations (全国 vs
广东省, 5岁以下 vs 7岁以下) says so in its scope note.

Every linked target also gets a comparable value: converted to the indicator's comparable unit
(1 person per 500 residents -> 2 ‰, a yearly amount -> 元/年), with a note saying why figures
of different cities may not be strictly comparable.
"""

from __future__ import annotations

import hashlib
import math
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.errors import RuleDataError
from kg.extract.numbers import parse_chinese, tidy
from kg.graph.ns import DCTERMS, POL, SKOS
from kg.ingest.jurisdictions import find as find_division
from kg.model import ExtractedDocument, Target
from kg.paths import ontology_dir

AUTO_PREFIX = "auto-"
_FUZZY = 0.8  # character-bigram Jaccard above which two normalised subjects are one quantity
_BRACKETS = re.compile(r"（[^（）]*）|\([^()]*\)|[“”\"'‘’《》〈〉「」\s]")
_CN_COUNT = re.compile(r"[一二两三四五六七八九十]+(?=周?岁|万人口|年)")  # 五年生存率: 5年
_SCOPE = re.compile(r"^(?:全市|全省|全国|全县|全区|各区（市）|各区市|各区|各地|其中|全面)+")
# 覆盖率 and 服务率 end a rate as 率 does (筛查覆盖率 / 筛查率; 规范管理服务率 / 规范管理率)
_GENERIC_END = re.compile(r"(?:的比例|比例|占比|的人数|人数|数量|数|覆盖率|服务率|率|水平)+$")
_POP_BASE = re.compile(r"^(?P<count>[^/]+)/(?P<base>\d+(?:\.\d+)?万?|万|千|百)(?P<pop>.*人口)$")
_ABLE = re.compile(r"^能够?(?=提供|开展|设)")  # not 能力…
_OTHER_BASE = re.compile(r"^(?P<count>[^/]+)/(?P<base>\d+(?:\.\d+)?万?|万|千|百)(?P<pop>[^\d/]+)$")


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


@dataclass(frozen=True)
class _Words:
    lead: re.Pattern[str]
    scope: dict[str, str]
    scope_pattern: re.Pattern[str]
    place: re.Pattern[str]
    populations: re.Pattern[str]
    qualifier: re.Pattern[str]
    tail: re.Pattern[str]
    glossary: tuple[tuple[str, str], ...]  # longest Chinese word first
    synonyms: tuple[tuple[str, str], ...]  # longest spelling first
    fillers: tuple[str, ...]
    head_length: int
    kept_in_brackets: tuple[str, ...]
    scope_phrase: re.Pattern[str]
    unit_spellings: dict[str, str]
    base_in_subject: re.Pattern[str]
    count_units: frozenset[str]
    share_of_total: re.Pattern[str]
    total_words: tuple[str, ...]
    subset_words: tuple[str, ...]
    holder_endings: tuple[str, ...]
    base_people: re.Pattern[str]
    implied_populations: tuple[tuple[str, tuple[str, ...]], ...]
    floating_words: tuple[str, ...]
    relative_clause: re.Pattern[str]


_WORDS_FILE = Path(__file__).resolve().parent / "data" / "indicator_words.toml"


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _words() -> _Words:
    try:
        data = tomllib.loads(_WORDS_FILE.read_text(encoding="utf-8"))
        norm, glossary = data["normalise"], data["glossary"]
        scope = {str(k): str(v) for k, v in norm["scope_words"].items()}
        return _Words(
            lead=re.compile(
                f"^(?:(?:{_alternation(norm['lead_words'])})"
                f"(?!{_alternation(norm['lead_not_before'])}))+"
            ),
            scope=scope,
            scope_pattern=re.compile(f"^(?:{_alternation(scope)})+"),
            place=re.compile(
                f"^(?!{_alternation(norm['not_places'])})"
                f"[\u4e00-\u9fff]{{2,4}}?(?:{_alternation(norm['place_endings'])})"
                "(?=[\u4e00-\u9fff]{3})"
            ),
            populations=re.compile(
                f"^(?:{_alternation(norm['populations'])})"
                f"(?!{_alternation(norm['population_not_before'])})"
            ),
            qualifier=re.compile(norm["qualifier"]),
            tail=re.compile(f"(?:{_alternation(norm['tail_words'])})+$"),
            glossary=tuple(
                sorted(((str(k), str(v)) for k, v in glossary.items()), key=lambda kv: -len(kv[0]))
            ),
            synonyms=tuple(
                sorted(
                    ((str(k), str(v)) for k, v in norm["synonyms"].items()),
                    key=lambda kv: -len(kv[0]),
                )
            ),
            fillers=tuple(map(str, norm["fillers"])),
            kept_in_brackets=tuple(map(str, norm["kept_in_brackets"])),
            scope_phrase=re.compile(norm["scope_phrase"]),
            head_length=int(norm["head_length"]),
            unit_spellings={str(k): str(v) for k, v in norm["unit_spellings"].items()},
            base_in_subject=re.compile(norm["base_in_subject"]),
            count_units=frozenset(map(str, norm["count_units"])),
            share_of_total=re.compile(norm["share_of_total"]),
            total_words=tuple(sorted(map(str, norm["total_words"]), key=len, reverse=True)),
            subset_words=tuple(map(str, norm["subset_words"])),
            holder_endings=tuple(map(str, norm["holder_endings"])),
            base_people=re.compile(norm["base_people"]),
            implied_populations=tuple(
                (str(head), tuple(map(str, words)))
                for head, words in norm["implied_populations"].items()
            ),
            floating_words=tuple(map(str, norm["floating_words"])),
            relative_clause=re.compile(norm["relative_clause"]),
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, re.error) as exc:
        raise RuleDataError(
            f"{_WORDS_FILE} cannot be read as indicator words ({exc!r}).",
            fix="restore the file from git or correct the key or pattern named",
        ) from exc


@dataclass(frozen=True)
class Reading:
    """A subject read for linking: its key, its label, and what was dropped to get them."""

    key: str  # what identifies the quantity (儿童死亡)
    label: str  # the quantity as written, without scope, lead-in or verbs (5岁以下儿童死亡率)
    scope: str | None  # 全国, 广东省
    qualifiers: tuple[str, ...]  # 5岁以下, 居民


def read_subject(subject: str) -> Reading:
    """Split a subject into the quantity and the area and population it is written for."""
    words = _words()
    for word in words.kept_in_brackets:  # 执业（助理）医师 counts other people than 执业医师
        subject = re.sub(f"[（(]{word}[）)]", word, subject)
    text = re.sub(r"[（(][^）)]*$", "", _BRACKETS.sub("", subject))
    text = words.scope_phrase.sub("", text)
    text = _CN_COUNT.sub(lambda m: str(int(parse_chinese(m[0]))), text)  # 五岁以下, 每十万人口
    text = words.lead.sub("", text)
    scope, text = _split_scope(text)
    text = words.tail.sub("", text) or text
    label = text
    text = _share_written_short(text)
    text = _ABLE.sub("", text)  # 能够提供…的村卫生室比例: what is counted is 提供… as well
    if m := words.relative_clause.match(text):  # 村卫生室提供中医药服务比例
        verb = "设置" if m["verb"] == "设" else m["verb"]  # 设老年医学科 is 设置老年医学科
        text = f"{verb}{m['object']}{m['head']}{m['end'] or ''}"
    qualifiers = [m.group(0) for m in words.qualifier.finditer(text)]
    text = words.qualifier.sub("", text)
    if (m := words.populations.match(text)) and len(text) > m.end() + 1:
        qualifiers.append(m.group(0))
        text = text[m.end() :]
    for word in words.floating_words:  # 基本公共卫生服务人均补助标准
        if word in text and not text.startswith(word):
            text = word + text.replace(word, "", 1)
    key = unify(text.replace("的", ""))
    return Reading(_GENERIC_END.sub("", key) or key, label, scope, tuple(qualifiers))


def _split_scope(text: str) -> tuple[str | None, str]:
    """全县每千人口注册护士数 -> (全县, 每千人口注册护士数): the area a figure is for, the rest."""
    words = _words()
    scope = None
    for pattern in (words.scope_pattern, _SCOPE, words.place):
        if (m := pattern.match(text)) and len(text) > m.end():
            place = m.group(0)
            if pattern is words.place and not place.startswith("每") and not find_division(place):
                continue  # 健康促进县区占比: a kind of county, not a place (每个区市: each one)
            scope = scope or m.group(0)
            text = text[m.end() :]
    return scope, text


def _share_written_short(text: str) -> str:
    """护理型床位占养老机构床位总数的比例 -> 养老机构护理型床位占比: a share of the total of what
    is counted, written as the shorter documents write it (see ``share_of_total``)."""
    words = _words()
    m = words.share_of_total.match(text)
    if m is None:
        return text
    part, whole = m["part"], m["whole"]
    stem = whole.removeprefix("总")
    stem = next((stem[: -len(w)] for w in words.total_words if stem.endswith(w)), stem)
    shared = next((n for n in range(min(len(part), len(stem)), 0, -1) if stem[-n:] == part[-n:]), 0)
    qualifier = stem[:-shared] if shared >= 2 else ""
    of_total = whole.startswith("总") or whole.endswith(words.total_words) or part.endswith(whole)
    if qualifier and qualifier in part:  # 医疗服务收入占医疗收入的比例: the total's qualifier is
        qualifier = ""  # the part's own
    elif not (of_total or (qualifier and qualifier.endswith(words.holder_endings))):
        return text  # 个人卫生支出占卫生总费用的比例, 药品收入占医疗收入: a denominator of its own
    return f"{qualifier}{part}占比"


def unify(text: str) -> str:
    """One spelling for words written several ways (签约服务率 -> 签约率, 户厕 -> 厕所), and
    without the fillers that do not change what is counted (国家免疫规划 -> 免疫规划)."""
    words = _words()
    for _ in range(2):  # a spelling unified may make another (经费财政补助 -> 经费补助 -> 补助)
        for spelling, unified in words.synonyms:
            text = text.replace(spelling, unified)
    for head, populations in words.implied_populations:
        for population in populations:
            text = text.replace(population + head, head)
    for filler in words.fillers:
        text = text.replace(filler, "") if len(text) > len(filler) + 1 else text
    return text


def normalise_subject(subject: str) -> str:
    """The words that identify a quantity: no brackets, quotes, scope words, qualifiers of who
    is counted (5岁以下), verbs of the target or generic endings."""
    return read_subject(subject).key


def english_label(label_zh: str) -> str | None:
    """An English name made word by word from the glossary, or None where a word is missing."""
    words = _words()
    text = _qualifier_en(label_zh.replace("的", ""))
    out: list[str] = []
    i = 0
    while i < len(text):
        if text[i].isascii():
            j = i
            while j < len(text) and text[j].isascii():
                j += 1
            out.append(text[i:j].strip())
            i = j
            continue
        hit = next(((zh, en) for zh, en in words.glossary if text.startswith(zh, i)), None)
        if hit is None:
            return None
        out.append(hit[1])
        i += len(hit[0])
    label = " ".join(w for w in out if w)
    return label[:1].upper() + label[1:] if label else None


def _qualifier_en(text: str) -> str:
    """5岁以下 -> under-5, 65岁及以上 -> aged 65+ (ASCII, so the glossary leaves it as is)."""
    text = re.sub(r"(\d+)周?岁(?:以下|以内)", r" under-\1 ", text)
    return re.sub(r"(\d+)周?岁(?:及以上|以上)", r" aged \1+ ", text)


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def similarity(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / len(x | y)


def match_curated(
    subject: str, unit: str, *, context: str = "", indicators: Iterable[Indicator] | None = None
) -> Indicator | None:
    """The most specific curated concept fitting a subject (then its clause) and unit (with
    a population base the subject carries: 每万名居民拥有全科医生数, 名 -> 人/万人口)."""
    wanted = unit_key(base_into_unit(unit, subject)[0])
    pool = [
        i for i in (indicators or curated_indicators().values()) if wanted in unit_keys(i.units)
    ]
    parts = [w for w in _words().subset_words if w in subject]
    pool = [
        i
        for i in pool
        if all(_names(i, w) for w in parts)
        and not any(w in i.label_zh and w not in subject for w in _words().subset_words)
    ]
    for text in (subject, unify(subject), f"{subject} {context}"):
        fits = [
            i
            for i in pool
            if not any(x in text for x in i.exclude)
            and any(all(k in text for k in kws) for kws in i.keywords)
        ]
        if fits:
            return max(fits, key=lambda i: (i.specificity, i.id))
    return None


def _names(indicator: Indicator, word: str) -> bool:
    """Whether a concept's label or keywords hold a word (公立: it counts that part only)."""
    return word in indicator.label_zh or any(word in k for kws in indicator.keywords for k in kws)


@cache
def unit_keys(units: frozenset[str]) -> frozenset[str]:
    """``unit_key`` of each of an indicator's units, once per set (matching runs per target)."""
    return frozenset(unit_key(u) for u in units)


def unit_key(unit: str) -> str:
    """The unit as linking compares it: a population base counts people whichever register
    they are on (人/千常住人口, 人/千户籍人口 -> 人/千人口), in one spelling (1/10万 -> /10万,
    名 -> 人)."""
    unit = _words().base_people.sub(r"\g<base>人口", re.sub("常住|户籍", "", unit))
    spellings = _words().unit_spellings
    count, slash, base = unit.partition("/")
    if unit in spellings:
        return spellings[unit]
    mapped = spellings.get(count, count)
    if slash and "/" in mapped:  # DDDs -> DDDs/百人天, but DDDs/百人天 stays as it is
        mapped = count
    return mapped + slash + base


def base_into_unit(unit: str, subject: str) -> tuple[str, str]:
    """(人, 每十万人口精神科医师数) -> (人/10万人口, 精神科医师数): the population base written in
    the subject moves into the unit, where it stands in the other documents."""
    words = _words()
    scope, rest = _split_scope(subject)
    rest = _CN_COUNT.sub(lambda m: str(int(parse_chinese(m[0]))), rest)  # 每三万人口: 3万
    m = words.base_in_subject.match(rest)
    if m is None or len(rest) <= m.end() + 1:
        return unit, subject
    base = {"十万": "10万"}.get(m["base"], m["base"])
    population = m["population"] or "人口"
    moved = f"{scope or ''}{rest[m.end() :]}"
    written = _POP_BASE.match(unit_key(unit)) or _OTHER_BASE.match(unit)
    if written and written["base"] == base and written["pop"] in (population, "人口"):
        return unit, moved  # (人/万人口, 每万人口全科医生数): the base written twice
    if unit not in words.count_units:
        return unit, subject
    return f"{unit}/{base}{population}", moved


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


def auto_id(unit: str, key: str) -> str:
    return AUTO_PREFIX + hashlib.sha1(f"{unit}|{key}".encode()).hexdigest()[:10]


def group_automatic(
    targets: list[Target],
    *,
    known: Iterable[Indicator] = (),
    areas: dict[str, str] | None = None,
) -> dict[int, Indicator]:
    """Automatic concepts for unlinked targets: same unit and (nearly) the same normalised subject.

    Returns the concept of each target by its position in ``targets``. ``known`` automatic
    concepts (e.g. from a built graph) are reused where a subject fits them. ``areas`` names
    the area (and level) each document is written for, by document id, for the scope note.
    """
    places = areas or {}
    return group_subjects(
        [(t.unit, t.subject, places.get(t.doc, "")) for t in targets], known=known
    )


def group_subjects(
    items: Sequence[tuple[str, str, str]], *, known: Iterable[Indicator] = ()
) -> dict[int, Indicator]:
    """``group_automatic`` on (unit, subject, area) triples, as the build's summaries carry them.

    Two subjects are one quantity when their units agree (人/千常住人口 and 人/千人口 do: the
    comparability note says where members are written in other units) and their normalised
    forms are equal
    or similar (character-bigram Jaccard >= 0.8); a concept is a connected component of that
    relation, so the result does not depend on the order of ``items``. Candidate pairs come
    from an index of each form's rarest bigrams (prefix filtering), so a national corpus is
    not compared pair by pair.
    """
    known = [k for k in known if not k.curated]
    based = [base_into_unit(unit, subject) for unit, subject, _ in items]
    readings = [read_subject(subject) for _, subject in based]
    keys = [r.key for r in readings]
    units = [unit_key(unit) for unit, _ in based]
    forms = sorted(set(zip(units, keys, strict=True)))
    form_index = {form: n for n, form in enumerate(forms)}
    parent = list(range(len(forms)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_unit: dict[str, list[int]] = {}
    for n, (unit, _) in enumerate(forms):
        by_unit.setdefault(unit, []).append(n)
    for members in by_unit.values():
        for i, j in _similar_pairs([forms[n][1] for n in members]):
            parent[find(members[i])] = find(members[j])
    groups: dict[int, list[int]] = {}
    for i, form in enumerate(zip(units, keys, strict=True)):
        groups.setdefault(find(form_index[form]), []).append(i)
    out: dict[int, Indicator] = {}
    for members in groups.values():
        unit = items[members[0]][0]
        member_keys = sorted({keys[i] for i in members})
        reuse = next(
            (
                k
                for k in known
                if unit_key(unit) in unit_keys(k.units)
                and any(similarity(m, k.keywords[0][0]) >= _FUZZY for m in member_keys)
            ),
            None,
        )
        indicator = reuse or _automatic(
            unit,
            based[members[0]][0],
            member_keys,
            [items[i][1] for i in members],
            [readings[i] for i in members],
            [items[i][2] for i in members],
        )
        for i in members:
            out[i] = indicator
    return out


def _similar_pairs(keys: list[str]) -> Iterator[tuple[int, int]]:
    """Pairs (i, j) of distinct keys with ``similarity >= _FUZZY``.

    If two bigram sets have Jaccard >= t, they share at least ceil(t * |x|) bigrams, so each
    set's first |x| - ceil(t * |x|) + 1 bigrams in one global order (rarest first) meet.
    """
    sets = [_bigrams(k) for k in keys]
    frequency = Counter(gram for grams in sets for gram in grams)
    index: dict[str, list[int]] = {}
    for i, grams in enumerate(sets):
        ordered = sorted(grams, key=lambda g: (frequency[g], g))
        prefix = ordered[: len(ordered) - math.ceil(_FUZZY * len(ordered) - 1e-9) + 1]
        candidates = {j for gram in prefix for j in index.get(gram, ())}
        for j in sorted(candidates):
            if similarity(keys[i], keys[j]) >= _FUZZY and _same_head(keys[i], keys[j]):
                yield i, j
        for gram in prefix:
            index.setdefault(gram, []).append(i)


def _same_head(a: str, b: str) -> bool:
    """Whether two keys end in the same head word (…近视 and …总体近视; not …达标 and …优良)
    and name the same numbers (二级 and 三级公立医院, 5岁 and 7岁 count different things)."""
    n = _words().head_length
    return a[-n:] == b[-n:] and _NUMBERS.findall(a) == _NUMBERS.findall(b)


_NUMBERS = re.compile(r"\d+(?:\.\d+)?|[一二三四五六七八九十]+(?=级|类|甲|乙)")


def _automatic(
    unit: str,
    based_unit: str,
    keys: list[str],
    subjects: list[str],
    readings: list[Reading],
    areas: list[str],
) -> Indicator:
    """A new concept; its id is made from the unit with the base the subject carried
    (每千名老年人… 张 -> 张/千老年人), so that quantities per other populations stay apart."""
    key = keys[0]
    qualifiers = sorted({" ".join(r.qualifiers) for r in readings})
    shortest = min(readings, key=lambda r: (len(r.label), r.label))
    label = shortest.label
    if len(qualifiers) > 1:  # members count different populations: name what they share
        label = _words().qualifier.sub("", label)
    english = english_label(label)
    note_en, note_zh = _scope_note(readings, areas)
    return Indicator(
        id=auto_id(based_unit, key),
        label_zh=label,
        label_en=english or f"Unreviewed indicator ({unit}): {label}",
        keywords=((key,),),
        exclude=(),
        units=frozenset({unit}),
        dimension=_dimension(unit),
        comparable_unit=unit,
        higher_is_more_ambitious=None,
        scope_note_en=note_en,
        scope_note_zh=note_zh,
        curated=False,
        members=tuple(sorted(set(subjects))),
    )


def _scope_note(readings: list[Reading], areas: list[str]) -> tuple[str | None, str | None]:
    """Where members are written for areas of different levels or different populations."""
    words = _words()
    scoped: dict[str, str] = {}  # area label -> its level, where known
    for r, area in zip(readings, areas, strict=True):
        label = r.scope or area
        level = words.scope.get(r.scope or "") or _level_of(label)
        if label and level:
            scoped[label] = level
    populations = sorted({" ".join(r.qualifiers) or "—" for r in readings})
    parts_en, parts_zh = [], []
    if len(set(scoped.values())) > 1:
        listed = ", ".join(f"{a} ({lv})" for a, lv in sorted(scoped.items()))
        parts_en.append(f"Members are written for areas of different levels: {listed}.")
        parts_zh.append(f"适用范围层级不同：{listed}。")
    if len(populations) > 1:
        listed = ", ".join(populations)
        parts_en.append(f"Members count different populations: {listed}.")
        parts_zh.append(f"统计人群口径不同：{listed}。")
    if not parts_en:
        return None, None
    return "Not strictly comparable. " + " ".join(parts_en), "不完全可比。" + "".join(parts_zh)


_PLACE_LEVELS = (("自治区", "province"), ("省", "province"), ("市", "prefecture"), ("县", "county"))


def _level_of(area: str) -> str | None:
    """The level of an area label: 广东省 -> province, "yantai [prefecture]" -> prefecture."""
    if m := re.search(r"\[([a-z -]+)\]$", area):
        return m.group(1)
    return next((level for end, level in _PLACE_LEVELS if area.endswith(end)), None)


@cache
def _admin_levels() -> dict[str, str]:
    """Jurisdiction id -> its administrative level, from ontology/jurisdictions.ttl."""
    graph = Graph().parse(ontology_dir() / "jurisdictions.ttl", format="turtle")
    return {
        str(node).rsplit("/", 1)[1]: str(level)
        for node in graph.subjects(RDF.type, POL.Jurisdiction)
        if (level := graph.value(node, POL.adminLevel)) is not None
    }


def area_of(doc: ExtractedDocument) -> str:
    """The area a document is written for, with its level where the jurisdiction is known."""
    place = doc.source.jurisdiction or doc.source.city or doc.source.id
    level = _admin_levels().get(doc.source.jurisdiction)
    return f"{place} [{_LEVELS.get(level, level)}]" if level else place


_LEVELS = {
    "prefecture-level city": "prefecture",
    "sub-provincial city": "prefecture",
    "county-level city": "county",
}


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
    unlinked = [(doc, i) for doc in docs for i in link_curated(doc)]
    areas = {doc.source.id: area_of(doc) for doc in docs}
    groups = group_automatic([d.targets[i] for d, i in unlinked], known=known, areas=areas)
    automatic: dict[str, Indicator] = {}
    for n, (doc, i) in enumerate(unlinked):
        indicator = groups[n]
        automatic[indicator.id] = indicator
        doc.targets[i] = _with(doc.targets[i], indicator)
    return [automatic[k] for k in sorted(automatic)]


def link_curated(doc: ExtractedDocument) -> list[int]:
    """Link one document's targets to curated concepts; returns the positions of the others.

    Those get their comparable value and the target's own part of the comparability note
    already (an automatic concept compares in the target's own unit, whichever concept it
    turns out to be) but no indicator: which automatic concept a target joins, and so the
    concept's scope note, depends on the other documents and is decided across the corpus.
    """
    curated = list(curated_indicators().values())
    clause_start = {c.index: c.start for c in doc.clauses}
    unlinked = []
    for i, t in enumerate(doc.targets):
        context = _lead_in(doc.raw[clause_start.get(t.clause_index or 0, t.start) : t.end])
        found = match_curated(t.subject, t.unit, context=context, indicators=curated)
        if found is None:
            unlinked.append(i)
            reading = read_subject(t.subject)
            own = _automatic(t.unit, t.unit, [reading.key], [t.subject], [reading], [""])
            doc.targets[i] = replace(_with(t, own), indicator=None)
        else:
            doc.targets[i] = _with(t, found)
    return unlinked


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

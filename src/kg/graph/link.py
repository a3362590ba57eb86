"""Responsible units -> canonical organisations, driven by rules/unit_functions.toml.

Spellings of one unit in one city (市卫健委, 市卫生健康委员会) become one organisation; the same
function in two cities (Qingdao's 市卫生健康委, Laiyang's 市卫生健康局) stays two organisations
that share a function concept, which is what makes cities comparable.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef

from kg.errors import InputError, RuleDataError
from kg.graph.ns import POL, RDF, SKOS, org_iri
from kg.ingest import jurisdictions as divisions
from kg.paths import ontology_dir, rules_dir

_SLUG = re.compile(r"^[a-z][a-z0-9-]*$")
_WHITESPACE = re.compile(r"\s+")
FALLBACK_FUNCTION = "other"


@dataclass(frozen=True)
class Org:
    """A canonical organisation: one IRI per (jurisdiction, canonical name)."""

    iri: URIRef
    jurisdiction: str
    canonical_name: str  # city prefix reduced to its level: 市卫生健康委
    function: str  # slug of the function scheme
    label_zh: str  # full name: 青岛市卫生健康委
    label_en: str
    alt_labels: tuple[str, ...]  # other spellings of the same unit, sorted


@dataclass(frozen=True)
class FunctionRule:
    slug: str
    patterns: tuple[str, ...]
    label_en: str


@dataclass(frozen=True)
class AliasRule:
    canonical: str
    variants: tuple[str, ...]  # longest first, so the longest ending wins


@dataclass(frozen=True)
class UnitRules:
    functions: tuple[FunctionRule, ...]
    aliases: tuple[AliasRule, ...]
    labels_en: dict[str, str]


@dataclass(frozen=True)
class _Place:
    name_zh: str  # 青岛, 山东省
    name_en: str


def _rule_error(path: Path, problem: str, fix: str) -> RuleDataError:
    return RuleDataError(f"{path}: {problem}.", fix=fix)


def _nfkc(text: str) -> str:
    """Rules and names compare after width normalisation: （市） and (市) are one spelling."""
    return unicodedata.normalize("NFKC", text)


def _strings(value: Any, *, path: Path, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _rule_error(
            path, f"{where} must be a list of non-empty strings", 'write it as ["…", "…"]'
        )
    return tuple(_nfkc(v) for v in value)


def _function_rule(entry: Any, *, path: Path, index: int) -> FunctionRule:
    where = f"[[function]] #{index + 1}"
    if not isinstance(entry, dict):
        raise _rule_error(path, f"{where} is not a table", "use [[function]] with keys")
    slug, label_en = entry.get("slug"), entry.get("label_en")
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise _rule_error(
            path,
            f"{where} has slug {slug!r}",
            "set slug to a concept of ontology/functions.ttl, lower-case with hyphens",
        )
    if not isinstance(label_en, str) or not label_en:
        raise _rule_error(path, f"{where} ({slug}) has no label_en", 'add label_en = "…"')
    patterns = _strings(entry.get("patterns"), path=path, where=f"{where} ({slug}) patterns")
    return FunctionRule(slug, patterns, label_en)


def _alias_rule(entry: Any, *, path: Path, index: int) -> AliasRule:
    where = f"[[alias]] #{index + 1}"
    canonical = entry.get("canonical") if isinstance(entry, dict) else None
    if not isinstance(canonical, str) or not canonical:
        raise _rule_error(path, f"{where} has no canonical name", 'add canonical = "…"')
    variants = _strings(entry.get("variants"), path=path, where=f"{where} ({canonical}) variants")
    if not variants or canonical in variants:
        raise _rule_error(
            path,
            f"{where} ({canonical}) needs variants other than its canonical form",
            "list the other spellings in variants",
        )
    return AliasRule(_nfkc(canonical), tuple(sorted(variants, key=len, reverse=True)))


def load_unit_rules(path: Path) -> UnitRules:
    """Read and check a unit-rules file; every problem names the entry and the fix."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise _rule_error(
            path, f"cannot be read as TOML ({exc})", "repair the TOML syntax"
        ) from exc
    functions = tuple(
        _function_rule(entry, path=path, index=i)
        for i, entry in enumerate(data.get("function", []))
    )
    slugs = [rule.slug for rule in functions]
    if FALLBACK_FUNCTION not in slugs or len(set(slugs)) != len(slugs):
        raise _rule_error(
            path,
            f"function slugs must be unique and include {FALLBACK_FUNCTION!r} (got {slugs})",
            f'keep one [[function]] per slug and one with slug = "{FALLBACK_FUNCTION}"',
        )
    aliases = tuple(
        _alias_rule(entry, path=path, index=i) for i, entry in enumerate(data.get("alias", []))
    )
    labels_en = data.get("labels_en", {})
    if not isinstance(labels_en, dict) or not all(
        isinstance(v, str) and v for v in labels_en.values()
    ):
        raise _rule_error(
            path, "[labels_en] must map canonical names to strings", 'write "市…" = "…"'
        )
    return UnitRules(functions, aliases, {_nfkc(k): v for k, v in labels_en.items()})


@cache
def default_rules() -> UnitRules:
    return load_unit_rules(rules_dir() / "unit_functions.toml")


@cache
def _places() -> dict[str, _Place]:
    """Jurisdiction id -> names, from ontology/jurisdictions.ttl (one source of truth)."""
    graph = Graph().parse(ontology_dir() / "jurisdictions.ttl", format="turtle")
    places: dict[str, _Place] = {}
    for node in graph.subjects(RDF.type, POL.Jurisdiction):
        labels = {
            lit.language: str(lit)
            for lit in graph.objects(node, SKOS.prefLabel)
            if isinstance(lit, Literal)
        }
        places[str(node).rsplit("/", 1)[1]] = _Place(labels["zh"], labels["en"])
    return places


def _place(jurisdiction: str) -> _Place:
    """Names of a jurisdiction of ontology/jurisdictions.ttl, or of the division table."""
    places = _places()
    if jurisdiction in places:
        return places[jurisdiction]
    division = divisions.division_of(jurisdiction)
    if division is None:
        raise InputError(
            f"Unknown jurisdiction {jurisdiction!r} (known: {', '.join(sorted(places))}, or "
            "any six-digit code of the national division table).",
            fix="use a jurisdiction id of ontology/jurisdictions.ttl or a division code "
            "(kg add finds it from the issuer, --city or --jurisdiction)",
        )
    return _Place(division.name, divisions.english_name(division))


_LEVEL_CHARACTERS = "省市县区旗州盟"


def _level(place: _Place) -> tuple[str, str]:
    """(base name, level character): 青岛 -> (青岛, 市), 山东省 -> (山东, 省),
    阜新蒙古族自治县 -> (阜新蒙古族自治, 县)."""
    last = place.name_zh[-1:]
    if last and last in _LEVEL_CHARACTERS and len(place.name_zh) > 2:
        return place.name_zh[:-1], last
    return place.name_zh, "市"


def _localise(name: str, place: _Place) -> str:
    """青岛市卫生健康委员会 -> 市卫生健康委员会: inside the city its own name adds nothing."""
    base, level = _level(place)
    return level + name[len(base) + 1 :] if name.startswith(base + level) else name


def _apply_alias(name: str, aliases: tuple[AliasRule, ...]) -> str:
    for rule in aliases:
        if name.endswith(rule.canonical):
            continue
        for variant in rule.variants:
            if name.endswith(variant):
                return name[: -len(variant)] + rule.canonical
    return name


def _spellings(canonical: str, aliases: tuple[AliasRule, ...]) -> set[str]:
    """Other spellings the alias rules know for a canonical name (for search and linking)."""
    return {
        canonical[: -len(rule.canonical)] + variant
        for rule in aliases
        if canonical.endswith(rule.canonical)
        for variant in rule.variants
    }


def _function(canonical: str, functions: tuple[FunctionRule, ...]) -> FunctionRule:
    for rule in functions:
        if any(pattern in canonical for pattern in rule.patterns):
            return rule
    return next(rule for rule in functions if rule.slug == FALLBACK_FUNCTION)


def _label_en(canonical: str, rule: FunctionRule, place: _Place, labels: dict[str, str]) -> str:
    if canonical.startswith("省"):
        authority = f"{place.name_en} Provincial"
    elif canonical.startswith("市"):
        authority = f"{place.name_en} Municipal"
    else:
        authority = place.name_en
    template = labels.get(canonical, rule.label_en)
    try:
        return template.format(authority=authority, city=place.name_en, name=canonical)
    except (KeyError, IndexError, ValueError) as exc:
        raise RuleDataError(
            f"English label template {template!r} for {canonical} is malformed ({exc}).",
            fix="use only the placeholders {authority}, {city} and {name} in unit_functions.toml",
        ) from exc


def canonical_org(name: str, *, jurisdiction: str, rules: UnitRules | None = None) -> Org:
    """The organisation a unit name means in a jurisdiction (full names expected: 市卫健委)."""
    rules = rules or default_rules()
    place = _place(jurisdiction)
    written = _WHITESPACE.sub("", _nfkc(name))
    if not written:
        raise InputError("An empty unit name was given.", fix="pass the unit's name as written")
    canonical = _apply_alias(_localise(written, place), rules.aliases)
    rule = _function(canonical, rules.functions)
    base, level = _level(place)
    label_zh = base + canonical if canonical[0] == level else base + level + canonical
    alt_labels = (_spellings(canonical, rules.aliases) | {written, canonical}) - {label_zh}
    return Org(
        iri=org_iri(jurisdiction, rule.slug, canonical),
        jurisdiction=jurisdiction,
        canonical_name=canonical,
        function=rule.slug,
        label_zh=label_zh,
        label_en=_label_en(canonical, rule, place, rules.labels_en),
        alt_labels=tuple(sorted(alt_labels)),
    )

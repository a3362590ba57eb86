"""Rule data: the analyst-editable TOML files in ``kg/extract/data/``, loaded once and checked.

A malformed file fails with a message naming the file, the key and the fix, rather than
surfacing later as a KeyError deep in the extractor.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any, cast

from kg.errors import RuleDataError
from kg.model import Comparator
from kg.paths import rules_dir


def _load(name: str) -> dict[str, Any]:
    path = rules_dir() / name
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise RuleDataError(f"Rule file {path} is missing.", fix="Restore it from git.") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RuleDataError(
            f"Rule file {path} is not valid TOML: {exc}.", fix="Correct it."
        ) from exc


def _get(data: dict[str, Any], dotted: str, file: str) -> Any:
    node: Any = data
    for key in dotted.split("."):
        if not isinstance(node, dict) or key not in node:
            raise RuleDataError(
                f"Rule file {rules_dir() / file} lacks the key {dotted!r}.",
                fix=f"Add {dotted} (see the comments in the file for its meaning).",
            )
        node = node[key]
    return node


def _compile(pattern: str, *, file: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise RuleDataError(
            f"Rule file {rules_dir() / file}: the pattern of {where} is not a valid regular "
            f"expression ({exc}).",
            fix="Correct the pattern; test it with Python's re module.",
        ) from exc


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _attributive(words: list[str], with_object: list[str], places: list[str]) -> re.Pattern[str]:
    """Words before 的 (检查发现的), or before their object and 的 (患有慢性病的), or before a
    kind of place (已建成居住区), that qualify what a duty is about."""
    return re.compile(
        f"(?:{_alternation(words)}|(?:{_alternation(with_object)})[^，。；的]{{1,12}})的"
        f"|(?:{_alternation(words)})(?=(?:{_alternation(places)}))"
    )


@dataclass(frozen=True)
class DeadlineRules:
    deadlines: tuple[tuple[str, re.Pattern[str]], ...]
    periods: tuple[tuple[str, re.Pattern[str], int], ...]
    starts: tuple[re.Pattern[str], ...]
    paired: re.Pattern[str]
    references: tuple[re.Pattern[str], ...]
    dated: tuple[re.Pattern[str], ...]
    past_if_before_issue: frozenset[str]
    this_year: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class QuantityRules:
    measure_words: re.Pattern[str]  # anchored alternation of measure words, longest first
    not_measure_words: tuple[str, ...]
    aliases: dict[str, tuple[str, float]]
    count_unit_in_rate: dict[str, str]
    population_denominator: re.Pattern[str]
    comparators_before: tuple[tuple[str, Comparator], ...]  # (word, comparator), longest first
    comparators_right_before: tuple[tuple[str, Comparator], ...]  # only next to the number
    comparators_after: tuple[tuple[str, Comparator], ...]
    not_after: tuple[str, ...]  # words opening like one (内容 after 12种: not 以内)
    exclude_before: tuple[str, ...]
    document_count: re.Pattern[str]
    condition: re.Pattern[str]
    document_count_units: frozenset[str]
    exclude_after: tuple[str, ...]
    exclude_after_not: tuple[str, ...]
    scope_comparators: frozenset[str]
    scope_units: frozenset[str]
    month_age_units: frozenset[str]
    month_age_people: tuple[str, ...]
    rate_suffix: re.Pattern[str]
    per_base: re.Pattern[str]
    cn_require_before: tuple[str, ...]
    cn_action_verbs: tuple[str, ...]
    cn_action_units: tuple[str, ...]
    cn_periodic_clause: re.Pattern[str]
    cn_periodic_not_terms: tuple[str, ...]
    cn_time_limit_before: tuple[str, ...]
    cn_time_limit: re.Pattern[str]
    coverage_full: re.Pattern[str]
    coverage_all: re.Pattern[str]
    coverage_all_opening_window: int  # 全部乡镇卫生院设置…: how far the verb may stand
    doubling: dict[str, float]
    spacing: re.Pattern[str]
    coverage_all_verbs: tuple[str, ...]
    coverage_all_level_verbs: tuple[str, ...]
    periodicity: tuple[tuple[str, str], ...]  # (word, periodicity), longest first
    every_n_years: re.Pattern[str]
    named_goal_after: tuple[str, ...]
    duration_units: frozenset[str]
    standard_units: frozenset[str]
    per_capita: tuple[str, ...]
    standard_verbs: tuple[str, ...]
    distributive: re.Pattern[str]
    strip_leading: tuple[str, ...]
    strip_trailing: tuple[str, ...]
    object_verbs: tuple[str, ...]
    basis_word: re.Pattern[str]
    name_suffixes: tuple[str, ...]
    name_window: int
    vague_cn_units: frozenset[str]
    coverage_needs_subject: frozenset[str]
    coverage_not_after: tuple[str, ...]
    coverage_title: re.Pattern[str]
    every_n_days: re.Pattern[str]
    every_n_months: re.Pattern[str]
    calendar_dates: re.Pattern[str]
    ordinal_ranges: re.Pattern[str]
    month_age: re.Pattern[str]
    trigger: re.Pattern[str]
    tenths_after: tuple[str, ...]
    place_count: re.Pattern[str]
    place_count_more: re.Pattern[str]
    present_stock: re.Pattern[str]
    present_stock_requires: tuple[str, ...]
    document_parts: re.Pattern[str]
    scoring: re.Pattern[str]
    bare_value_subjects: tuple[str, ...]
    every_n_years_count: re.Pattern[str]
    per_year_served: re.Pattern[str]
    baseline_after: tuple[str, ...]
    set_periods: tuple[str, ...]
    present_markers: tuple[str, ...]
    present_in_names: tuple[str, ...]
    present_attributive: re.Pattern[str]  # 检查发现的问题, 患有慢性病的: what a duty is about
    last_year_changes: tuple[str, ...]
    stated_figure: re.Pattern[str]
    scope_counted: re.Pattern[str]
    scope_size_before: re.Pattern[str]
    alternative_count: re.Pattern[str]  # 1个公园或|1条步道: the second count stands for the first
    population_size: re.Pattern[str]  # 常住人口|3.8万人: the present
    scope_bound: re.Pattern[str]
    fact_verbs: tuple[str, ...]
    fact_share: re.Pattern[str]
    estimate_guides: tuple[str, ...]
    findings_headings: tuple[str, ...]
    definition_headings: tuple[str, ...]
    findings_not_actions: tuple[str, ...]
    findings_with_aims: tuple[str, ...]
    bulletin_titles: tuple[str, ...]
    past_year_opening: re.Pattern[str]
    present_opening: re.Pattern[str]
    present_not_with: tuple[str, ...]
    approx_before: tuple[str, ...]
    dated_figure: re.Pattern[str]
    age_scope: re.Pattern[str]
    requirement_words: tuple[str, ...]
    change_down: tuple[str, ...]
    shared_markers: tuple[str, ...]
    level_units: frozenset[str]
    outcome_words: tuple[str, ...]
    distributive_before: tuple[str, ...]
    news_dateline: re.Pattern[str]
    news_window: int
    relays_in_full: tuple[str, ...]
    relay_window: int
    shared_not_after: tuple[str, ...]
    baseline_from: tuple[str, ...]
    level_verbs: tuple[str, ...]
    change_up: tuple[str, ...]
    bare_value_before: tuple[str, ...]
    score_subjects: tuple[str, ...]
    score_verbs: tuple[str, ...]
    score_not_after: tuple[str, ...]
    fraction_population: tuple[str, ...]


@dataclass(frozen=True)
class ResponsibilityRules:
    labels: dict[str, str]
    label_pattern: re.Pattern[str]
    covering: re.Pattern[str]
    manner: re.Pattern[str]
    duty_tail: re.Pattern[str]
    first_is_lead: tuple[str, ...]
    lead_suffixes: tuple[str, ...]
    co_suffixes: tuple[str, ...]
    support_suffixes: tuple[str, ...]
    shared_duty_suffixes: tuple[str, ...]  # 按职责分工负责, 抓好落实: a list's units share the work
    implicit: re.Pattern[str]
    placeholders: frozenset[str]
    etc_suffixes: tuple[str, ...]
    level_prefixes: tuple[str, ...]
    base_names: tuple[str, ...]
    own_level_names: frozenset[str]
    township_prefixes: tuple[str, ...]
    township_stations: tuple[str, ...]
    own_name_endings: tuple[str, ...]
    own_name_starts: tuple[str, ...]
    table_unit_headers: frozenset[str]
    table_total_rows: frozenset[str]
    table_task_headers: frozenset[str]
    table_number_headers: frozenset[str]
    table_co_headers: frozenset[str]
    table_lead_headers: frozenset[str]  # 牵头单位: with one, a second unit column is the co one
    table_contact_headers: frozenset[str]
    framing_sections: re.Pattern[str]
    duty_sections: re.Pattern[str]
    issuer_facilities: dict[str, frozenset[str]]
    place_endings: tuple[str, ...]
    not_place_endings: tuple[str, ...]
    government_words: tuple[str, ...]
    local_bodies: tuple[str, ...]
    duty_aside_words: tuple[str, ...]


@dataclass(frozen=True)
class SubjectRules:
    """Responsibility written as a sentence subject, and how a name is known to be a unit."""

    opening: re.Pattern[str]  # numbering and connective before the units
    part_topic: re.Pattern[str]  # 第三章第一节由…: the part of the plan the units are for
    part_items: re.Pattern[str]  # 第二部分第（一）项、第（二）项由…: items of a part
    duty_words: re.Pattern[str]  # a duty word at the start of what follows the units
    apposition: re.Pattern[str]  # 作为医共体牵头医院: the units' role closing their clause
    apposition_joins: tuple[str, ...]
    lead_words: tuple[str, ...]
    co_words: tuple[str, ...]
    guide_words: tuple[str, ...]
    partner_words: tuple[str, ...]  # A会同B…: A leads, B works with it
    organiser_words: tuple[str, ...]  # A组织B…: B works with A too
    supported_after: tuple[str, ...]  # A配合B: B leads what A supports
    not_duty: tuple[str, ...]  # 所在地: 在 opening another word, no duty
    generic_places: frozenset[str]  # 各社区: every community, as 各村 is
    partner_after: tuple[str, ...]  # words that may stand before them (A要会同B)
    verb_starts: tuple[str, ...]  # a clause opening with one names no subject
    separators: tuple[str, ...]
    conjunctions: re.Pattern[str]
    etc_groups: tuple[str, ...]
    etc_described: re.Pattern[str]  # 等产科接种单位: the kind the listed units are
    abbreviation: re.Pattern[str]  # （以下简称市医保局）: the short name, not part of the name
    department_endings: tuple[str, ...]
    facility_endings: tuple[str, ...]
    not_units: tuple[str, ...]
    division_endings: tuple[str, ...]
    division_of: tuple[str, ...]
    commission_bureaus: tuple[str, ...]
    commissions: tuple[str, ...]
    own_divisions: tuple[str, ...]
    own_division_not_with: tuple[str, ...]
    whole_names: frozenset[str]
    generic_department_stems: tuple[str, ...]
    generic_starts: tuple[str, ...]
    generic_after_level: tuple[str, ...]
    generic_contains: tuple[str, ...]
    generic_endings: tuple[str, ...]
    not_in_names: tuple[str, ...]
    name_ends_after_duty_word: tuple[str, ...]  # 组织 + 部: 省委组织部 is a name, not 组织
    township_words: tuple[str, ...]  # the levels of a township or street office (镇, 街道)
    level_sets: tuple[str, ...]
    counted_sets: re.Pattern[str]  # 全市21家…哨点医院: so many bodies of a kind, a generic actor
    level_run_sets: re.Pattern[str]  # 市办医院, 市、县两级政府: bodies of a level, a generic actor
    levels: tuple[tuple[str, ...], ...]
    name_last_chars: frozenset[str] = frozenset()  # the characters a unit list may end with


@cache
def subject_rules() -> SubjectRules:
    file = "responsibility.toml"
    data = _load(file)

    def words(key: str) -> tuple[str, ...]:
        return tuple(sorted(map(str, _get(data, key, file)), key=len, reverse=True))

    connectives = _alternation(list(_get(data, "subjects.connectives", file)))
    rules = SubjectRules(
        opening=_compile(
            f"{_get(data, 'subjects.markers', file)}?"
            f"(?:{_get(data, 'subjects.topic', file)}|{connectives})?",
            file=file,
            where="subjects.markers",
        ),
        part_topic=_compile(
            _get(data, "subjects.part_topic", file), file=file, where="subjects.part_topic"
        ),
        part_items=_compile(
            _get(data, "subjects.part_items", file), file=file, where="subjects.part_items"
        ),
        duty_words=re.compile(_alternation(list(_get(data, "subjects.duty_words", file)))),
        apposition=_compile(
            _get(data, "subjects.apposition", file), file=file, where="subjects.apposition"
        ),
        apposition_joins=tuple(_get(data, "subjects.apposition_joins", file)),
        lead_words=words("subjects.lead_words"),
        co_words=words("subjects.co_words"),
        guide_words=words("subjects.guide_words"),
        partner_words=words("subjects.partner_words"),
        organiser_words=words("subjects.organiser_words"),
        supported_after=words("subjects.supported_after"),
        not_duty=words("subjects.not_duty"),
        generic_places=frozenset(_get(data, "units.generic_places", file)),
        partner_after=words("subjects.partner_after"),
        verb_starts=words("subjects.verb_starts"),
        separators=words("subjects.separators"),
        conjunctions=re.compile(_alternation(list(_get(data, "subjects.conjunctions", file)))),
        etc_groups=words("subjects.etc_groups"),
        abbreviation=_compile(
            _get(data, "subjects.abbreviation", file), file=file, where="subjects.abbreviation"
        ),
        etc_described=_compile(
            _get(data, "subjects.etc_described", file), file=file, where="subjects.etc_described"
        ),
        department_endings=words("units.department_endings"),
        facility_endings=words("units.facility_endings"),
        not_units=words("units.not_units"),
        division_endings=words("units.division_endings"),
        division_of=words("units.division_of"),
        commission_bureaus=words("units.commission_bureaus"),
        commissions=words("units.commissions"),
        own_divisions=words("units.own_divisions"),
        own_division_not_with=words("units.own_division_not_with"),
        whole_names=frozenset(words("units.whole_names")),
        generic_department_stems=words("units.generic_department_stems"),
        generic_starts=words("units.generic_starts"),
        generic_after_level=words("units.generic_after_level"),
        generic_contains=words("units.generic_contains"),
        generic_endings=words("units.generic_endings"),
        not_in_names=words("units.not_in_names"),
        name_ends_after_duty_word=tuple(str(_get(data, "units.name_ends_after_duty_word", file))),
        level_sets=words("units.level_sets"),
        counted_sets=_compile(
            _get(data, "units.counted_sets", file), file=file, where="units.counted_sets"
        ),
        level_run_sets=_compile(
            _get(data, "units.level_run_sets", file), file=file, where="units.level_run_sets"
        ),
        levels=tuple(
            tuple(sorted(map(str, level), key=len, reverse=True))
            for level in _get(data, "levels.order", file)
        ),
        township_words=next(
            tuple(sorted(map(str, level), key=len, reverse=True))
            for level in _get(data, "levels.order", file)
            if _get(data, "levels.township", file) in level
        ),
    )
    levels = (w for words in rules.levels for w in words)
    endings = (*rules.department_endings, *rules.facility_endings, *levels, *rules.whole_names)
    return replace(rules, name_last_chars=frozenset(e[-1] for e in endings))


@cache
def deadline_rules() -> DeadlineRules:
    file = "deadlines.toml"
    data = _load(file)
    deadlines = tuple(
        (str(d["name"]), _compile(d["pattern"], file=file, where=f"deadline {d['name']}"))
        for d in _get(data, "deadline", file)
    )
    periods = tuple(
        (
            str(p["name"]),
            _compile(p["pattern"], file=file, where=f"period {p['name']}"),
            int(p["plan_end_base"]),
        )
        for p in _get(data, "period", file)
    )
    starts = tuple(
        _compile(s["pattern"], file=file, where=f"start {s['name']}")
        for s in _get(data, "start", file)
    )
    paired = _compile(_get(data, "paired.pattern", file), file=file, where="paired")
    references = tuple(
        _compile(r["pattern"], file=file, where=f"reference {r['name']}")
        for r in data.get("reference", [])
    )
    dated = tuple(
        _compile(r["pattern"], file=file, where=f"dated {r['name']}") for r in data.get("dated", [])
    )
    past = frozenset(
        str(d["name"]) for d in _get(data, "deadline", file) if d.get("past_if_before_issue")
    )
    this_year = tuple(
        _compile(r["pattern"], file=file, where=f"this_year {r['name']}")
        for r in data.get("this_year", [])
    )
    return DeadlineRules(deadlines, periods, starts, paired, references, dated, past, this_year)


@dataclass(frozen=True)
class TableRules:
    """Header words of indicator tables with a header row (quantities.toml [tables])."""

    indicator: frozenset[str]
    year: re.Pattern[str]
    baseline: frozenset[str]
    nature: frozenset[str]
    unit: frozenset[str]
    number: frozenset[str]
    group: frozenset[str]
    target: frozenset[str]
    cell_measure_words: tuple[str, ...]
    place: frozenset[str]
    caption_unit: re.Pattern[str]
    quota: re.Pattern[str]  # a column of quotas with its unit (团体献血任务（人次）)
    quota_names: frozenset[str]  # the first column of a quota table (单位)
    quota_part: re.Pattern[str]  # the part of the quota before it (其中重点人群（人）)
    quota_caption_year: re.Pattern[str]
    allotment_caption: re.Pattern[str]  # a caption sharing tasks out (…任务…分配，具体如下：)
    allotment_column: re.Pattern[str]  # below it, any column with its unit (抽检批次（批次）)
    allotment_basis: re.Pattern[str]  # ... but the basis of the sharing (常住人口（万人）)
    words: frozenset[str]  # every header word above, for the per-line test

    def names_column(self, cell: str) -> bool:
        return cell in self.words or bool(self.year.match(cell))


@cache
def table_rules() -> TableRules:
    file = "quantities.toml"
    data = _load(file)

    def words(key: str) -> frozenset[str]:
        return frozenset(map(str, _get(data, f"tables.{key}", file)))

    def pattern(key: str) -> re.Pattern[str]:
        return _compile(_get(data, f"tables.{key}", file), file=file, where=f"tables.{key}")

    kinds = ("indicator", "baseline", "nature", "unit", "number", "group", "target", "place")
    found = {kind: words(kind) for kind in kinds}
    return TableRules(
        year=_compile(_get(data, "tables.year", file), file=file, where="tables.year"),
        cell_measure_words=tuple(_get(data, "tables.cell_measure_words", file)),
        caption_unit=_compile(
            _get(data, "tables.caption_unit", file), file=file, where="tables.caption_unit"
        ),
        quota=_compile(_get(data, "tables.quota", file), file=file, where="tables.quota"),
        quota_names=words("quota_names"),
        quota_part=_compile(
            _get(data, "tables.quota_part", file), file=file, where="tables.quota_part"
        ),
        quota_caption_year=_compile(
            _get(data, "tables.quota_caption_year", file),
            file=file,
            where="tables.quota_caption_year",
        ),
        allotment_caption=pattern("allotment_caption"),
        allotment_column=pattern("allotment_column"),
        allotment_basis=pattern("allotment_basis"),
        words=frozenset().union(*found.values(), words("other")),
        **found,
    )


@cache
def quantity_rules() -> QuantityRules:
    file = "quantities.toml"
    data = _load(file)
    comp = _get(data, "comparators", file)
    before: list[tuple[str, Comparator]] = []
    for key, op in (
        ("ge_before", ">="),
        ("le_before", "<="),
        ("gt_before", ">"),
        ("lt_before", "<"),
        ("eq_before", "="),
    ):
        before += [(w, cast(Comparator, op)) for w in _get(comp, key, file)]
    after: list[tuple[str, Comparator]] = [(w, ">=") for w in comp["ge_after"]]
    after += [(w, "<=") for w in comp["le_after"]]
    after += [(w, "=") for w in comp.get("approx_after", [])]
    aliases = {
        k: (str(v["unit"]), float(v.get("factor", 1)))
        for k, v in _get(data, "units.aliases", file).items()
    }
    per = _get(data, "periodicity", file)
    periodicity = [(w, "annual") for w in per["annual"]] + [(w, "weekly") for w in per["weekly"]]
    periodicity += [(w, "daily") for w in per["daily"]] + [(w, "monthly") for w in per["monthly"]]
    periodicity += [(w, "quarterly") for w in per.get("quarterly", [])]
    periodicity += [(w, "every 6 months") for w in per.get("semiannual", [])]
    kinds = _get(data, "kinds", file)
    coverage = _get(data, "coverage", file)
    return QuantityRules(
        measure_words=re.compile(_alternation(_get(data, "units.measure_words", file))),
        not_measure_words=tuple(_get(data, "units.not_measure_words", file)),
        aliases=aliases,
        count_unit_in_rate=dict(_get(data, "units.compound.count_unit_in_rate", file)),
        population_denominator=_compile(
            _get(data, "units.compound.population_denominator", file),
            file=file,
            where="units.compound.population_denominator",
        ),
        comparators_before=tuple(sorted(before, key=lambda p: len(p[0]), reverse=True)),
        comparators_right_before=tuple(
            sorted(
                ((w, cast(Comparator, "<=")) for w in _get(comp, "le_right_before", file)),
                key=lambda p: len(p[0]),
                reverse=True,
            )
        ),
        comparators_after=tuple(sorted(after, key=lambda p: len(p[0]), reverse=True)),
        not_after=tuple(_get(comp, "not_after", file)),
        exclude_before=tuple(_get(data, "exclude.before", file)),
        document_count=_compile(
            _get(data, "exclude.document_count", file), file=file, where="exclude.document_count"
        ),
        condition=_compile(
            _get(data, "exclude.condition", file), file=file, where="exclude.condition"
        ),
        document_count_units=frozenset(_get(data, "exclude.document_count_units", file)),
        exclude_after=tuple(sorted(_get(data, "exclude.after", file), key=len, reverse=True)),
        exclude_after_not=tuple(_get(data, "exclude.after_not", file)),
        scope_comparators=frozenset(_get(data, "exclude.scope_comparators", file)),
        scope_units=frozenset(_get(data, "exclude.scope_units", file)),
        month_age_units=frozenset(_get(data, "exclude.month_age_units", file)),
        month_age_people=tuple(_get(data, "exclude.month_age_people", file)),
        rate_suffix=_compile(_get(data, "rates.suffix", file), file=file, where="rates.suffix"),
        per_base=_compile(_get(data, "rates.per_base", file), file=file, where="rates.per_base"),
        cn_require_before=tuple(_get(data, "chinese_numerals.require_before", file)),
        cn_action_verbs=tuple(_get(data, "chinese_numerals.action_verbs", file)),
        cn_action_units=tuple(_get(data, "chinese_numerals.action_units", file)),
        cn_periodic_not_terms=tuple(_get(data, "chinese_numerals.periodic_not_terms", file)),
        cn_time_limit_before=tuple(_get(data, "chinese_numerals.time_limit_before", file)),
        cn_time_limit=_compile(
            _get(data, "chinese_numerals.time_limit", file),
            file=file,
            where="chinese_numerals.time_limit",
        ),
        cn_periodic_clause=_compile(
            _get(data, "chinese_numerals.periodic_clause", file),
            file=file,
            where="chinese_numerals.periodic_clause",
        ),
        coverage_full=re.compile(_alternation(coverage["full"])),
        coverage_all=re.compile(_alternation(coverage["all_words"])),
        coverage_all_opening_window=int(coverage["all_opening_window"]),
        doubling={str(k): float(v) for k, v in _get(data, "doubling.phrases", file).items()},
        spacing=_compile(_get(data, "spacing.pattern", file), file=file, where="spacing.pattern"),
        coverage_all_verbs=tuple(_get(data, "coverage.all_verbs", file)),
        coverage_all_level_verbs=tuple(_get(data, "coverage.all_level_verbs", file)),
        periodicity=tuple(sorted(periodicity, key=lambda p: len(p[0]), reverse=True)),
        every_n_years=_compile(per["every_n_years"], file=file, where="periodicity.every_n_years"),
        named_goal_after=tuple(kinds["named_goal_after"]),
        duration_units=frozenset(kinds["duration_units"]),
        standard_units=frozenset(kinds["standard_units"]),
        per_capita=tuple(_get(data, "kinds.per_capita", file)),
        standard_verbs=tuple(kinds["standard_verbs"]),
        distributive=_compile(kinds["distributive"], file=file, where="kinds.distributive"),
        strip_leading=tuple(
            sorted(_get(data, "subject.strip_leading", file), key=len, reverse=True)
        ),
        strip_trailing=tuple(
            sorted(_get(data, "subject.strip_trailing", file), key=len, reverse=True)
        ),
        object_verbs=tuple(sorted(_get(data, "subject.object_verbs", file), key=len, reverse=True)),
        basis_word=re.compile(_alternation(_get(data, "subject.basis_words", file))),
        name_suffixes=tuple(_get(data, "exclude.name_suffixes", file)),
        name_window=int(_get(data, "exclude.name_window", file)),
        vague_cn_units=frozenset(_get(data, "exclude.vague_cn_units", file)),
        coverage_needs_subject=frozenset(coverage.get("needs_subject", [])),
        coverage_not_after=tuple(coverage.get("not_after", [])),
        coverage_title=_compile(coverage["title"], file=file, where="coverage.title"),
        every_n_days=_compile(per["every_n_days"], file=file, where="periodicity.every_n_days"),
        every_n_months=_compile(
            per["every_n_months"], file=file, where="periodicity.every_n_months"
        ),
        every_n_years_count=_compile(
            per["every_n_years_count"], file=file, where="periodicity.every_n_years_count"
        ),
        per_year_served=_compile(
            per["per_year_served"], file=file, where="periodicity.per_year_served"
        ),
        baseline_after=tuple(_get(data, "present.baseline_after", file)),
        set_periods=tuple(_get(data, "present.set_periods", file)),
        bare_value_subjects=tuple(_get(data, "units.bare_value_subjects", file)),
        scoring=_compile(_get(data, "exclude.scoring", file), file=file, where="exclude.scoring"),
        month_age=_compile(_get(data, "exclude.month_age", file), file=file, where="month_age"),
        trigger=_compile(_get(data, "exclude.trigger", file), file=file, where="trigger"),
        tenths_after=tuple(_get(data, "exclude.tenths_after", file)),
        place_count_more=_compile(
            _get(data, "exclude.place_count_more", file), file=file, where="place_count_more"
        ),
        present_stock=_compile(
            _get(data, "exclude.present_stock", file), file=file, where="present_stock"
        ),
        present_stock_requires=tuple(_get(data, "exclude.present_stock_requires", file)),
        document_parts=_compile(
            _get(data, "exclude.document_parts", file), file=file, where="document_parts"
        ),
        place_count=_compile(
            _get(data, "exclude.place_count", file), file=file, where="place_count"
        ),
        ordinal_ranges=_compile(
            _get(data, "exclude.ordinal_ranges", file), file=file, where="exclude.ordinal_ranges"
        ),
        calendar_dates=_compile(
            _get(data, "exclude.calendar_dates", file), file=file, where="exclude.calendar_dates"
        ),
        present_markers=tuple(_get(data, "present.markers", file)),
        present_in_names=tuple(_get(data, "present.in_names", file)),
        present_attributive=_attributive(
            _get(data, "present.attributive", file),
            _get(data, "present.attributive_of", file),
            _get(data, "present.attributive_places", file),
        ),
        last_year_changes=tuple(_get(data, "present.last_year_changes", file)),
        stated_figure=_compile(
            _get(data, "present.stated_figure", file), file=file, where="present.stated_figure"
        ),
        scope_bound=_compile(
            _get(data, "exclude.scope_bound", file), file=file, where="exclude.scope_bound"
        ),
        scope_counted=_compile(
            _get(data, "exclude.scope_counted", file), file=file, where="exclude.scope_counted"
        ),
        population_size=_compile(
            _get(data, "exclude.population_size", file), file=file, where="population_size"
        ),
        alternative_count=_compile(
            _get(data, "exclude.alternative_count", file), file=file, where="alternative_count"
        ),
        scope_size_before=_compile(
            _get(data, "exclude.scope_size_before", file), file=file, where="scope_size_before"
        ),
        fact_verbs=tuple(sorted(_get(data, "present.fact_verbs", file), key=len, reverse=True)),
        estimate_guides=tuple(_get(data, "present.estimate_guides", file)),
        findings_headings=tuple(_get(data, "present.findings_headings", file)),
        definition_headings=tuple(_get(data, "present.definition_headings", file)),
        findings_not_actions=tuple(_get(data, "present.findings_not_actions", file)),
        findings_with_aims=tuple(_get(data, "present.findings_with_aims", file)),
        bulletin_titles=tuple(_get(data, "present.bulletin_titles", file)),
        past_year_opening=_compile(
            _get(data, "present.past_year_opening", file),
            file=file,
            where="present.past_year_opening",
        ),
        present_opening=_compile(
            _get(data, "present.present_opening", file), file=file, where="present.present_opening"
        ),
        present_not_with=tuple(_get(data, "present.present_not_with", file)),
        approx_before=tuple(_get(data, "present.approx_before", file)),
        fact_share=_compile(_get(data, "present.fact_share", file), file=file, where="fact_share"),
        dated_figure=_compile(
            _get(data, "present.dated_figure", file), file=file, where="present.dated_figure"
        ),
        age_scope=_compile(_get(data, "present.age_scope", file), file=file, where="age_scope"),
        requirement_words=tuple(_get(data, "present.requirement_words", file)),
        change_down=tuple(_get(data, "relative.decrease", file)),
        shared_markers=tuple(_get(data, "subject.shared_markers", file)),
        level_units=frozenset(_get(data, "kinds.level_units", file)),
        outcome_words=tuple(_get(data, "kinds.outcome_words", file)),
        distributive_before=tuple(_get(data, "kinds.distributive_before", file)),
        news_dateline=_compile(
            _get(data, "present.news_dateline", file), file=file, where="present.news_dateline"
        ),
        news_window=int(_get(data, "present.news_window", file)),
        relays_in_full=tuple(_get(data, "present.relays_in_full", file)),
        relay_window=int(_get(data, "present.relay_window", file)),
        shared_not_after=tuple(_get(data, "subject.shared_not_after", file)),
        baseline_from=tuple(_get(data, "present.baseline_from", file)),
        level_verbs=tuple(_get(data, "present.level_verbs", file)),
        change_up=tuple(_get(data, "relative.increase", file)),
        bare_value_before=tuple(_get(data, "units.bare_value_before", file)),
        score_subjects=tuple(_get(data, "units.score_subjects", file)),
        score_verbs=tuple(sorted(_get(data, "units.score_verbs", file), key=len, reverse=True)),
        score_not_after=tuple(_get(data, "units.score_not_after", file)),
        fraction_population=tuple(_get(data, "units.fraction_population", file)),
    )


@cache
def responsibility_rules() -> ResponsibilityRules:
    file = "responsibility.toml"
    data = _load(file)
    shaped = _shaped_labels(data, file)
    labels = {**shaped, **dict(_get(data, "labels", file))}
    return ResponsibilityRules(
        labels=labels,
        label_pattern=re.compile(
            f"({_alternation(list(labels))})"
            f"(?:{_alternation(_get(data, 'label_grammar.tails', file))})?"
            "(?:[:：]|为(?=[^，,。；;]))"
        ),
        covering=_compile(_get(data, "covering", file), file=file, where="covering"),
        manner=_compile(_get(data, "manner", file), file=file, where="manner"),
        duty_tail=_compile(_get(data, "duty_tail", file), file=file, where="duty_tail"),
        first_is_lead=tuple(_get(data, "first_is_lead", file)),
        lead_suffixes=tuple(sorted(_get(data, "lead_suffixes", file), key=len, reverse=True)),
        co_suffixes=tuple(sorted(_get(data, "co_suffixes", file), key=len, reverse=True)),
        support_suffixes=tuple(_get(data, "support_suffixes", file)),
        shared_duty_suffixes=tuple(
            w for w in sorted(_get(data, "co_suffixes", file), key=len, reverse=True) if len(w) >= 4
        ),
        implicit=_compile(_get(data, "implicit", file), file=file, where="implicit"),
        placeholders=frozenset(_get(data, "placeholders", file)),
        etc_suffixes=tuple(sorted(_get(data, "etc_suffixes", file), key=len, reverse=True)),
        level_prefixes=tuple(sorted(_get(data, "level_prefixes", file), key=len, reverse=True)),
        base_names=tuple(_get(data, "base_names_starting_with_prefix", file)),
        own_level_names=frozenset(_get(data, "own_level_names", file)),
        township_prefixes=tuple(_get(data, "township_prefixes", file)),
        township_stations=tuple(_get(data, "township_stations", file)),
        own_name_endings=tuple(_get(data, "own_name_endings", file)),
        own_name_starts=tuple(_get(data, "own_name_starts", file)),
        table_unit_headers=frozenset(_get(data, "table_unit_headers", file))
        | {label for label, role in shaped.items() if role != "co"},
        table_total_rows=frozenset(_get(data, "table_total_rows", file)),
        table_task_headers=frozenset(_get(data, "table_task_headers", file)),
        table_number_headers=frozenset(_get(data, "table_number_headers", file)),
        table_co_headers=frozenset(_get(data, "table_co_headers", file))
        | {label for label, role in shaped.items() if role == "co"},
        table_lead_headers=frozenset(label for label, role in labels.items() if role == "lead"),
        table_contact_headers=frozenset(_get(data, "table_contact_headers", file)),
        place_endings=tuple(sorted(_get(data, "place_endings", file), key=len, reverse=True)),
        not_place_endings=tuple(_get(data, "not_place_endings", file)),
        government_words=tuple(sorted(_get(data, "government_words", file), key=len, reverse=True)),
        local_bodies=tuple(_get(data, "local_bodies", file)),
        duty_aside_words=tuple(_get(data, "duty_aside_words", file)),
        issuer_facilities={
            str(k): frozenset(map(str, v))
            for k, v in dict(_get(data, "issuer_facilities", file)).items()
        },
        duty_sections=_compile(_get(data, "duty_sections", file), file=file, where="duty_sections"),
        framing_sections=_compile(
            _get(data, "framing_sections", file), file=file, where="framing_sections"
        ),
    )


def _shaped_labels(data: dict[str, Any], file: str) -> dict[str, str]:
    """Every label of the grammar's shape (role word + head word), with the role it gives: a
    drafting office may write 协办部门 or 承办单位 where the list has 配合单位 and 责任单位."""
    heads = _get(data, "label_grammar.heads", file)
    return {
        f"{word}{head}": role
        for role in ("lead", "co", "listed")
        for word in _get(data, f"label_grammar.{role}", file)
        for head in heads
    }


def rule_files() -> list[Path]:
    """The rule files, for provenance (their checksums go into the build record)."""
    return sorted(rules_dir().glob("*.toml"))

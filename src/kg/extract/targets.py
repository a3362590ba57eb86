"""Quantitative requirements in one paragraph of clean text.

The rules read like an analyst would: a sentence (up to 。) carries its deadline; a phrase
(up to ，；) carries one requirement's subject, verb and value; 分别 pairs several subjects (or
deadlines) with several values in order. Word lists live in ``rules/quantities.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from itertools import pairwise
from typing import cast

from kg.extract.deadlines import DocContext, TimePhrase, find_time_phrases
from kg.extract.numbers import CN_NUMERAL_CHARS, denominator_label, parse_number
from kg.extract.rules import QuantityRules, quantity_rules
from kg.model import Change, Comparator, Kind

_NUMBER = re.compile(rf"\d+(?:\.\d+)?|[{CN_NUMERAL_CHARS}]+")
_ARABIC = re.compile(r"\d+(?:\.\d+)?")
_RANGE_SEP = re.compile(r"[—–\-~～－至]{1,2}")
_RATIO = re.compile(r"(\d+(?:\.\d+)?)[:：](\d+(?:\.\d+)?)")
_OPEN, _CLOSE = "（(《〔“", "）)》〕”"
_PERCENT = {"%": "%", "％": "%", "‰": "‰"}


@dataclass(frozen=True)
class Quantity:
    start: int  # span of the whole expression, e.g. 50%以上
    end: int
    num_start: int
    value: float
    value_max: float | None
    unit: str  # contract unit before any per-population compound
    after_comparator: Comparator | None  # from 以上/以下/以内/左右 or a range
    text: str
    every_n_years: int | None = None
    per_year_suffix: bool = False  # 3000元/年
    coverage: bool = False


@dataclass(frozen=True)
class TargetDraft:
    """A requirement found in a paragraph; offsets are relative to the paragraph text."""

    start: int
    end: int
    subject: str
    value: float
    value_max: float | None
    unit: str
    comparator: Comparator
    deadline: str | None
    deadline_text: str | None
    start_year: int | None
    periodicity: str | None
    kind: Kind
    value_text: str
    reference_year: int | None = None  # 比2015年降低30%: the level the change is measured from
    change: Change | None = None  # a relative target: the direction of the change
    baseline_value: float | None = None  # the present or past level stated with the target
    baseline_year: int | None = None
    nature: str | None = None  # 预期性 / 约束性, from an indicator table
    review: tuple[str, ...] = ()  # why a rule is weak here (see Target.review)


def _bracket_depths(text: str) -> list[int]:
    depth = 0
    out = []
    for ch in text:
        if ch in _OPEN:
            depth += 1
        out.append(depth)
        if ch in _CLOSE:
            depth = max(0, depth - 1)
    return out


def split_spans(
    text: str, seps: str, *, start: int = 0, end: int | None = None
) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` after each separator outside brackets; spans keep the separator."""
    end = len(text) if end is None else end
    depths = _bracket_depths(text)
    spans = []
    a = start
    for i in range(start, end):
        if text[i] in seps and depths[i] == 0:
            spans.append((a, i + 1))
            a = i + 1
    if a < end:
        spans.append((a, end))
    return spans


def _phrases(sentence: str) -> list[tuple[int, int]]:
    """Phrases of a sentence (up to ，；：outside brackets); an aside that holds several
    phrases of its own (（参照每组每日约20-50户，每组至少2人）) is split at its commas too."""
    out: list[tuple[int, int]] = []
    depths = _bracket_depths(sentence)
    for a, b in split_spans(sentence, "，；："):
        cuts = [i + 1 for i in range(a, b - 1) if sentence[i] in "，；" and depths[i] == 1]
        bounds = [a, *cuts, b]
        out += list(pairwise(bounds))
    return out


def _in_title_or_number(text: str, pos: int) -> bool:
    """Inside 《书名》 or a document number 〔2024〕."""
    before = text[:pos]
    return before.count("《") > before.count("》") or before.count("〔") > before.count("〕")


def _measure_word(rules: QuantityRules, text: str, pos: int) -> tuple[str, int] | None:
    if pos < len(text) and text[pos] in _PERCENT:
        return _PERCENT[text[pos]], pos + 1
    m = rules.measure_words.match(text, pos)
    if m is None or text.startswith(rules.not_measure_words, pos):
        return None
    return m.group(0), m.end()


def find_quantities(
    text: str, *, time_phrases: list[TimePhrase], has_deadline: bool, titles_body: bool = False
) -> list[Quantity]:
    """Every number with a unit that can be a requirement, in order. ``titles_body``: the
    sentence opens a paragraph whose body goes on after it (it may be the item's title)."""
    rules = quantity_rules()
    blocked = [(p.start, p.end) for p in time_phrases]
    blocked += [m.span() for m in rules.every_n_days.finditer(text)]
    blocked += [m.span() for m in rules.every_n_months.finditer(text)]
    blocked += [m.span() for m in rules.calendar_dates.finditer(text)]  # 5月31日: a date
    blocked += [m.span() for m in rules.ordinal_ranges.finditer(text)]  # 第1—3项: items
    blocked += [m.span() for m in rules.month_age.finditer(text)]  # 0—36个月儿童: who
    blocked += _scope_counts(rules, text)  # 全省14个市、98个县: a scope
    blocked += [m.span() for m in rules.document_parts.finditer(text)]  # 分3个阶段: parts
    blocked += [  # 全镇现有中小学校11所: what there is now
        (a, b)
        for a, b in split_spans(text, "，；。")
        if rules.present_stock.search(text[a:b])
        and not any(w in text[a:b] for w in rules.present_stock_requires)
    ]
    blocked += [m.span() for m in rules.condition.finditer(text)]  # 年满60周岁: who qualifies
    blocked += [c for c in split_spans(text, "，；") if rules.scoring.search(text[c[0] : c[1]])]
    blocked += [c for c in split_spans(text, "。；") if rules.trigger.search(text[c[0] : c[1]])]
    blocked += _conditions(text)
    blocked += [m.span() for m in rules.every_n_years_count.finditer(text)]
    blocked += [m.span() for m in rules.per_year_served.finditer(text)]  # 每服务1年
    # 每10万人口: the base of a rate, not a quantity of its own
    blocked += [m.span() for m in rules.population_denominator.finditer(text)]
    spacings = list(rules.spacing.finditer(text))  # 每15米至20米设置1个毒饵站: the spacing
    blocked += [m.span() for m in spacings]
    found: list[Quantity] = []
    pos = 0
    for m in _NUMBER.finditer(text):
        if m.start() < pos or any(a <= m.start() < b for a, b in blocked):
            continue
        q = _read_quantity(rules, text, m)
        if q is None:
            continue
        if _counts_the_document(rules, text, q):
            continue
        if found and _one_per(rules, text, found[-1], q):
            found.pop()
        found.append(q)
        pos = q.end
    found += _coverage(rules, text, has_deadline=has_deadline, taken=found, titles_body=titles_body)
    found += _doubling(rules, text, taken=found)
    found += [_spacing(m) for m in spacings]
    found.sort(key=lambda q: q.start)
    return _without_definitions(text, found)


def _without_definitions(text: str, found: list[Quantity]) -> list[Quantity]:
    """经常参加体育锻炼（每周3次及以上、每次30分钟及以上）人数比例达到37%: figures in brackets
    that define the subject of a figure outside brackets after them in the phrase are its
    definition, not requirements (三级医院（不少于2所）、二级医院（不少于5所）: each kept)."""
    out = []
    for q in found:
        close = _bracket_close(text, q.start)
        if close is not None:
            ends = [i for i in (text.find(c, close) for c in "，；。") if i >= 0]
            phrase_end = min(ends, default=len(text))
            if any(
                close < o.start < phrase_end and _bracket_close(text, o.start) is None
                for o in found
            ):
                continue
        out.append(q)
    return out


def _bracket_close(text: str, pos: int) -> int | None:
    """Where the bracket holding ``pos`` closes, or None outside brackets."""
    opened = max(text.rfind("（", 0, pos), text.rfind("(", 0, pos))
    closed = max(text.rfind("）", 0, pos), text.rfind(")", 0, pos))
    if opened <= closed:
        return None
    ends = [i for i in (text.find("）", pos), text.find(")", pos)) if i >= 0]
    return min(ends) if ends else None


def _scope_counts(rules: QuantityRules, text: str) -> list[tuple[int, int]]:
    """全省14个市, 辖12个乡镇, 对11个设区市 and the counts listed after one (、98个县): the set
    of bodies talked about, not a requirement."""
    spans = []
    for m in rules.place_count.finditer(text):
        spans.append(m.span())
        end = m.end()
        while more := rules.place_count_more.match(text, end):
            spans.append((more.start(), more.end()))
            end = more.end()
    return spans


def _conditions(text: str) -> list[tuple[int, int]]:
    """Clauses that set a condition (同一班级1周内出现5例及以上病例的，…; 对连续两年达到90%的，
    给予奖励): a clause ending in 的 before a pause states when, not a level to reach; nor does
    one naming, after 对, the bodies it is about (对人口在600人以下的行政村，…)."""
    ending = [(a, b) for a, b in split_spans(text, "，；") if text[a:b].endswith(("的，", "的；"))]
    return ending + [
        (a, b) for a, b in split_spans(text, "，；。") if _SCOPE_TOPIC.match(text, a, b)
    ]


# 对人口规模在600人以下、距离乡镇卫生院3公里以内的行政村，…: the bodies a provision is about
_SCOPE_TOPIC = re.compile(
    r"\s*对[^，；。]*\d[^，；。]*(?:以下|以上|以内)[^，；。]*的[\u4e00-\u9fff]{1,6}[，；]$"
)


def _counts_the_document(rules: QuantityRules, text: str, q: Quantity) -> bool:
    """本方案明确的6项重点任务: a count of the document's parts, not a level to reach."""
    if q.unit not in rules.document_count_units:
        return False
    if text[q.start - 1 : q.start] in ("（", "(") and text[q.end : q.end + 1] in ("）", ")"):
        return True  # 一、免疫规划（8项）
    clause = text[: q.num_start].rsplit("，", 1)[-1].rsplit("。", 1)[-1].rsplit("；", 1)[-1]
    return bool(rules.document_count.search(clause))


def _one_per(rules: QuantityRules, text: str, per: Quantity, q: Quantity) -> bool:
    """每10台透析机配备1名医师: one quantity, 1名 for each 10台; the per-figure is its base,
    not a quantity of its own (每3年…1个月 is an interval: a time, kept)."""
    return (
        q.value == 1
        and per.unit not in rules.duration_units
        and q.value_max is None
        and text.endswith("每", 0, per.num_start)
        and not any(c in _PHRASE_END for c in text[per.end : q.num_start])
    )


# after a value's 个, the list's last value names the unit the 个 belongs to (5个和10个百分点)
_SHARED_CLASSIFIER = re.compile(
    r"(?<=个)(?:和|、|及|至|到|—|－|-|～)\d+(?:\.\d+)?个(?P<unit>百分点)"
)


def _read_quantity(rules: QuantityRules, text: str, m: re.Match[str]) -> Quantity | None:
    start, num_text = m.start(), m.group(0)
    is_cn = not num_text[0].isdigit()
    if _FRACTION.search(text, max(0, start - 3), start):
        return _fraction(rules, text, m)
    if is_cn and _TENTHS.match(text, start):
        return _tenths(rules, text, m) if text.endswith(rules.tenths_after, 0, start) else None
    if any(text.endswith(w, 0, start) for w in rules.exclude_before):
        return None
    if _LIST_NUMBER_AND_YEAR.fullmatch(num_text) and text.startswith("年", m.end()):
        return None  # 5.2024年…: a list number run into a year
    if _in_title_or_number(text, start):
        return None
    if is_cn and not _cn_count_allowed(rules, text, m):
        return None
    ratio = _RATIO.match(text, start)
    if ratio and (_CLOCK.match(text, ratio.end()) or _CLOCK_BEFORE.search(text, 0, start)):
        return None  # 17:27:07, a time of day
    if ratio and not is_cn:
        end = ratio.end()
        after, end = _after_word(rules, text, end)
        if _is_scope_condition(rules, text, start=start, end=end, unit="比"):
            return None
        left, right = float(ratio.group(1)), float(ratio.group(2))
        value = left if right == 1 and left != 1 else right  # 0.2∶1 -> 0.2; 1∶4000 -> 4000
        return Quantity(start, end, start, value, None, "比", after, text[start:end])
    try:
        value = parse_number(num_text.rstrip("万") if not is_cn else num_text)
    except ValueError:
        return None
    pos = m.end()
    scaled = False  # the first number carries its own 万 or 千 (6千至1万步)
    if not is_cn and pos < len(text) and text[pos] == "万":
        value *= 10000
        pos += 1
        scaled = True
    elif not is_cn and num_text.endswith("万"):
        value *= 10000
        scaled = True
    elif not is_cn and text.startswith("千", pos) and not rules.measure_words.match(text, pos):
        value *= 1000  # 6千步; not 6千米, 5千克 (measure words of their own)
        pos += 1
        scaled = True
    first_unit = _measure_word(rules, text, pos)
    if first_unit and (shared := _SHARED_CLASSIFIER.match(text, first_unit[1])):
        first_unit = (shared["unit"], first_unit[1])  # 5个和10个百分点: 个 of 个百分点
    if first_unit is None and (rate := rules.rate_suffix.match(text, pos)):
        first_unit = ("/" + rate["base"], rate.end())
    if first_unit:
        pos = first_unit[1]
    value_max = None
    sep = _RANGE_SEP.match(text, pos)
    if sep and (second := _ARABIC.match(text, sep.end())) and not is_cn:
        value_max = float(second.group(0))
        pos = second.end()
        if pos < len(text) and text[pos] == "万":
            value_max *= 10000
            pos += 1
            if value < 10000 <= value_max and not scaled:
                value *= 10000  # 3至10万: the 万 covers both ends
    unit_match = (
        _measure_word(rules, text, pos) if value_max is not None or not first_unit else None
    )
    unit_word = unit_match[0] if unit_match else (first_unit[0] if first_unit else None)
    if unit_match:
        pos = unit_match[1]
    if unit_word is None and not is_cn and _is_score(rules, text, start=start, end=pos):
        unit_word, pos = "分", pos + 1
    if unit_word is None:
        return _bare_value(rules, text, start=start, end=pos, value=value, is_cn=is_cn)
    if is_cn and unit_word in rules.vague_cn_units:
        return None  # 一批: "a number of"
    if unit_word == "年" and 1900 <= value <= 2100:
        return None  # a year
    if any(text.startswith(w, pos) for w in rules.exclude_after) and not text.startswith(
        rules.exclude_after_not, pos
    ):
        return None
    if pos < len(text) and text[pos] == "号":
        return None
    if _names_indicator(rules, text, pos):
        return None
    if rules.alternative_count.search(text, max(0, start - 24), start):
        return None  # 1个健康主题公园或1条健康步道: either one meets the requirement
    if rules.population_size.search(text, max(0, start - 8), start):
        return None  # 常住人口3.8万人: the size of the population now
    unit, factor = rules.aliases.get(unit_word, (unit_word, 1.0))
    if "/" not in unit and (base := rules.per_base.match(text, pos)):
        unit, pos = unit + base.group(0), base.end()  # 3.8名/10万人口
    value *= factor
    if value_max is not None:
        value_max *= factor
    every_n = int(value) if unit == "年" and text.endswith("每", 0, start) else None
    per_year = text.startswith("/年", pos)
    if per_year:
        pos += 2
    after, pos = _after_word(rules, text, pos)
    if (
        unit in rules.scope_units
        and pos < len(text)
        and _is_cjk(text[pos])
        and (after or not text.startswith(_APPROX, pos))
        and not (
            text[pos] in _LIST_SEPARATORS
            and _comparator_before(rules, text[max(0, start - 6) : start])
        )
    ):
        return None  # 3岁以下婴幼儿, 12岁儿童: who is counted, not a level to reach (达到80岁和…is)
    if unit_word in rules.month_age_units and text.startswith(rules.month_age_people, pos):
        return None  # 6个月以上婴儿, 6个月内婴儿: the young counted by their age
    if unit == "级" and (is_cn or not _comparator_before(rules, text[max(0, start - 8) : start])):
        return None  # 二级医院: a grade, not a level to reach
    if _is_scope_condition(rules, text, start=start, end=pos, unit=unit):
        return None
    if not after and rules.scope_counted.match(text, pos):
        return None  # 600名学生以上的学校: which schools, not how many
    if after and text.startswith("的", pos) and rules.scope_size_before.search(text, 0, start):
        return None  # 学生规模在1000人以上的学校: which schools, not how many
    if (
        text[:pos].endswith(("以上", "以下"))
        and unit not in ("%", "‰")
        and rules.scope_bound.match(text, pos)
        and _comparator_before(rules, text[max(0, start - 6) : start]) is None
        and not text[:start].endswith(rules.object_verbs)
    ):
        return None  # 收托50名以下婴幼儿的: which bodies, not a level to reach
    comparator = "range" if value_max is not None else after
    return Quantity(
        start,
        pos,
        start,
        value,
        value_max,
        unit,
        comparator,
        text[start:pos],
        every_n_years=every_n,
        per_year_suffix=per_year,
    )


_FRACTION = re.compile(r"(?P<den>[二三四五六七八九十百千万])分之$")
_FRACTION_UNITS = {"百": "%", "千": "‰", "万": "/万"}


def _fraction(rules: QuantityRules, text: str, m: re.Match[str]) -> Quantity | None:
    """百分之三十 (30 %), 千分之五 (5 ‰), 三分之二 (66.67 %), 常住人口万分之1.75 (1.75 人/万人口):
    a share written as a fraction."""
    try:
        value = parse_number(m.group(0))
    except ValueError:
        return None
    start = m.start() - 3
    den = text[start]
    if den in _FRACTION_UNITS:
        unit = _FRACTION_UNITS[den]
        if den != "百" and text[:start].rstrip("的").endswith(rules.fraction_population):
            unit = f"人/{den}人口"
    else:
        value, unit = round(value / parse_number(den) * 100, 2), "%"
    after, end = _after_word(rules, text, m.end())
    return Quantity(start, end, start, value, None, unit, after, text[start:end])


def _is_score(rules: QuantityRules, text: str, *, start: int, end: int) -> bool:
    """门诊患者满意度达到90分以上: a score to reach (see units.score_subjects)."""
    if not text.startswith("分", end):
        return False
    after = text[end + 1 :]
    for word, _ in rules.comparators_after:
        if after.startswith(word):
            after = after[len(word) :]
            break
    if after[:1] not in ("", *_PHRASE_END, "。", ",", ";") or after.startswith(
        rules.score_not_after
    ):
        return False
    clause = text[max(text.rfind(c, 0, start) for c in "，。；：,;") + 1 : start]
    verb = next((w for w in rules.score_verbs if clause.endswith(w)), None)
    return verb is not None and any(w in clause[: -len(verb)] for w in rules.score_subjects)


_TENTHS = re.compile(r"[一二三四五六七八九]成(?![不])")  # 九成 = 90 %; not 一成不变


def _tenths(rules: QuantityRules, text: str, m: re.Match[str]) -> Quantity | None:
    """九成以上 / 八成: a share written in tenths, read as 90 %."""
    start = m.start()
    value = float(parse_number(text[start])) * 10
    after, end = _after_word(rules, text, start + 2)
    return Quantity(start, end, start, value, None, "%", after, text[start:end])


_CLOCK = re.compile(r"[:：]\d\d")
_CLOCK_BEFORE = re.compile(r"\d[:：]$")
_BASELINE_YEAR = re.compile(r"(?:由|从)(?P<year>(?:19|20)\d\d)年")
_BARE_YEAR = re.compile(r"(?:19|20)\d\d年")
_LIST_NUMBER_AND_YEAR = re.compile(r"\d{1,2}\.(?:19|20)\d\d")
_APPROX = ("左右", "以上", "以下", "及以上", "及以下")
_PHRASE_END = "，。；：、！？（）"


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _cn_count_allowed(rules: QuantityRules, text: str, m: re.Match[str]) -> bool:
    """Chinese numerals are counts only after a requiring word, or with a count of actions
    after a verb of action (开展一次) or in a clause that says how often (每季度互通一次)."""
    if any(text.endswith(w, 0, m.start()) for w in rules.cn_require_before):
        return True
    if any(text.endswith(w, 0, m.start()) for w in rules.cn_time_limit_before):
        return rules.cn_time_limit.match(text, m.end()) is not None  # 须在两年内完成
    if not text.startswith(rules.cn_action_units, m.end()):
        return False
    if any(text.endswith(w, 0, m.start()) for w in rules.cn_action_verbs):
        return True
    if text.startswith(rules.cn_periodic_not_terms, m.start()):
        return False  # 二次供水: a term, not a count
    clause = re.split(r"[，。；,;]", text[: m.start()])[-1]
    return bool(rules.cn_periodic_clause.search(clause)) and _is_cjk(
        text[m.start() - 1 : m.start()]
    )


def _names_indicator(rules: QuantityRules, text: str, pos: int) -> bool:
    """5年生存率, 24小时及时报告率, 5次及以上的比例: the quantity is part of an indicator's
    name."""
    bound = next((w for w in sorted(_APPROX, key=len, reverse=True) if text.startswith(w, pos)), "")
    if bound and text.startswith("的", pos + len(bound)) and text[pos - 1 : pos] not in "%‰％":
        pos += len(bound) + 1  # 5次及以上的比例: the bound is part of a count's name
    elif bound or text.startswith("的", pos):
        return False  # 达到80%以上, 按不低于20%的比例: the value itself
    window = text[pos : pos + rules.name_window + 1]
    for ch_at, ch in enumerate(window):
        if ch in _PHRASE_END or not _is_cjk(ch):
            return False
        if (ch_at or bound) and any(window.startswith(w, ch_at) for w in rules.name_suffixes):
            return True  # not 按照100%比例: the value itself
    return False


def _bare_value(
    rules: QuantityRules, text: str, *, start: int, end: int, value: float, is_cn: bool
) -> Quantity | None:
    """控制在5以下: a number without a measure word, read only between a comparator verb and
    以下/以上/以内, or after an index's comparator at the end of its clause (布雷图指数不超过5，);
    its unit is left empty and the target flagged for review."""
    verb = next((w for w in rules.bare_value_before if text.endswith(w, 0, start)), None)
    if is_cn or verb is None:
        return None
    after, pos = _after_word(rules, text, end)
    if after is None:
        index = text[: start - len(verb)].endswith(rules.bare_value_subjects)
        if not index or text[end : end + 1] not in ("", "，", "。", "；", ",", ";"):
            return None
    return Quantity(start, pos, start, value, None, "", after, text[start:pos])


def _is_scope_condition(
    rules: QuantityRules, text: str, *, start: int, end: int, unit: str
) -> bool:
    """服务人口超过5万的乡镇卫生院 / 比例不足1:3的 / 不足600名学生的学校: a condition on the
    subject, not a target."""
    if unit in ("%", "‰") or not _SCOPE_NOUN.match(text, end):
        return False
    found = _comparator_before(rules, text[max(0, start - 6) : start])
    return found is not None and found[0] in rules.scope_comparators


_SCOPE_NOUN = re.compile(r"[\u4e00-\u9fff]{0,4}?的")  # 的, 人的, 学生的 after the count


def _after_word(rules: QuantityRules, text: str, pos: int) -> tuple[Comparator | None, int]:
    if text.startswith(rules.not_after, pos):
        return None, pos  # 12种内容的资料: 内容, not 以内
    for word, op in rules.comparators_after:
        if text.startswith(word, pos):
            return op, pos + len(word)
    return None, pos


def _comparator_before(rules: QuantityRules, text: str) -> tuple[str, Comparator, int] | None:
    """The rightmost comparator or target verb in ``text``: (word, comparator, position)."""
    for word, op in rules.comparators_right_before:
        if text.endswith(word):
            return (word, op, len(text) - len(word))
    best: tuple[str, Comparator, int] | None = None
    for word, op in rules.comparators_before:
        i = text.rfind(word)
        while i >= 0 and text.startswith("率", i + len(word)):
            i = text.rfind(word, 0, i)  # 需求满足率保持100%: a word of the indicator's name
        if i >= 0 and (best is None or i + len(word) > best[2] + len(best[0])):
            best = (word, op, i)
    return best


def _coverage(
    rules: QuantityRules,
    text: str,
    *,
    has_deadline: bool,
    taken: list[Quantity],
    titles_body: bool,
) -> list[Quantity]:
    found = []
    for m in rules.coverage_full.finditer(text):
        if text.endswith(rules.coverage_not_after, 0, m.start()):
            continue  # 健全覆盖…的体系
        if m.group(0) in rules.coverage_needs_subject and (
            m.start() == 0 or text[m.start() - 1] in _PHRASE_END
        ):
            continue  # 全面实现医保智能监控: an action, not a coverage level
        if (
            titles_body
            and rules.coverage_title.match(text, 0, m.start())
            and text[m.end() :] == "。"
        ):
            continue  # 2.医疗机构全覆盖。…: the item's title
        found.append(
            Quantity(
                m.start(), m.end(), m.start(), 100.0, None, "%", "=", m.group(0), coverage=True
            )
        )
    for m in rules.coverage_all.finditer(text):
        if any(f.start <= m.start() < f.end for f in found):
            continue  # 覆盖全县所有: the 所有 of a coverage phrase already read
        if _all_reach(rules, text, m, has_deadline=has_deadline) and not _counted_in_clause(
            text, m.start(), taken
        ):
            found.append(
                Quantity(
                    m.start(),
                    m.end(),
                    m.start(),
                    100.0,
                    None,
                    "%",
                    "=",
                    m.group(0),
                    coverage=True,
                )
            )
    return [q for q in found if not any(t.start <= q.start < t.end for t in taken)]


def _counted_in_clause(text: str, at: int, taken: list[Quantity]) -> bool:
    """A figure in the clause of 所有/全部 at ``at`` (所有乡镇卫生院至少配备1名…): the word says
    whom the norm is for, not a 100 % level of its own."""
    lo = max(text.rfind(mark, 0, at) for mark in _CLAUSE_MARKS) + 1
    ends = [i for mark in _CLAUSE_MARKS if (i := text.find(mark, at)) >= 0]
    hi = min(ends, default=len(text))
    return any(lo <= q.start < hi for q in taken)


_CLAUSE_MARKS = "，；。,;"


def _spacing(m: re.Match[str]) -> Quantity:
    """每15米至20米设置1个: a spacing of 15 to 20 metres between the things set."""
    high = float(m["m"]) if m["m"] else None
    end = m.end("unit")
    comparator: Comparator = "range" if high is not None else "="
    return Quantity(
        m.start("n"), end, m.start("n"), float(m["n"]), high, m["unit"], comparator, m.group(0)
    )


def _doubling(rules: QuantityRules, text: str, *, taken: list[Quantity]) -> list[Quantity]:
    """翻一番, 增长一倍: growth written as a multiple, read as its % (100)."""
    found: list[Quantity] = []
    for phrase, value in rules.doubling.items():
        start = text.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            if not any(t.start < end and start < t.end for t in (*taken, *found)):
                found.append(Quantity(start, end, start, value, None, "%", "=", phrase))
            start = text.find(phrase, end)
    return found


def _all_reach(rules: QuantityRules, text: str, m: re.Match[str], *, has_deadline: bool) -> bool:
    """Whether 全部/所有 at ``m`` states that every one reaches a level (a 100% target)."""
    before = text[: m.start()]
    if has_deadline and (
        text.startswith(rules.coverage_all_verbs, m.end())
        or (m.group(0) == "所有" and not text.startswith(("制", "权", "者"), m.end()))
        or ((not before or before[-1] in _PHRASE_END) and _verb_follows(rules, text, m.end()))
    ):
        return True
    return (
        text.startswith(rules.coverage_all_level_verbs, m.end())
        and bool(before)
        and before[-1] not in _PHRASE_END
        and not before.endswith(("已", "均已"))
    )


def _verb_follows(rules: QuantityRules, text: str, at: int) -> bool:
    """全部乡镇卫生院设置中医馆: a verb of reaching after the bodies 全部 opens with, in its
    phrase."""
    window = text[at : at + rules.coverage_all_opening_window]
    window = re.split(r"[，。；：,;:、]", window)[0]
    return any(v in window for v in rules.coverage_all_verbs)


# ---------------------------------------------------------------------------------------
# From quantities to requirements


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph: a deadline covers its sentence, up to 。 (or the end of a
    table cell: a tab)."""
    return split_spans(text, "。！？\t")


def titles_body(text: str, spans: list[tuple[int, int]], k: int) -> bool:
    """The ``k``-th sentence opens the paragraph and ends in 。 with more text after it: the
    shape of a numbered item's title (2.医疗机构全覆盖。各统筹地区…)."""
    start, end = spans[k]
    return k == 0 and text[start:end].endswith("。") and bool(text[end:].strip())


def is_news(raw: str) -> bool:
    """A news report: a dateline or source line opens it (…12月6日电, 来源：…), and it does not
    relay a document in full (…印发了《意见》…全文如下)."""
    rules = quantity_rules()
    if any(w in raw[: rules.relay_window] for w in rules.relays_in_full):
        return False
    return rules.news_dateline.search(raw[: rules.news_window]) is not None


def extract_targets(text: str, *, context: DocContext | None = None) -> list[TargetDraft]:
    """All requirements in one paragraph of clean text (the pipeline runs the same steps)."""
    context = context or DocContext()
    drafts: list[TargetDraft] = []
    spans = sentences(text)
    for k, (s_start, s_end) in enumerate(spans):
        sentence = text[s_start:s_end]
        times = find_time_phrases(sentence, issued=context.issued)
        quantities = find_quantities(
            sentence,
            time_phrases=times,
            has_deadline=any(t.kind == "deadline" for t in times),
            titles_body=titles_body(text, spans, k),
        )
        drafts += [
            _shift(d, s_start)
            for d in sentence_targets(sentence, times, quantities, context=context)
        ]
    return drafts


def sentence_targets(
    sentence: str,
    times: list[TimePhrase],
    quantities: list[Quantity],
    *,
    context: DocContext | None = None,
) -> list[TargetDraft]:
    """Requirements of one sentence, from its time phrases and quantities (sentence offsets).

    In a news report (``context.news``) a figure of a sentence without a deadline is an
    achievement; the document's date tells a past year from a deadline.
    """
    context = context or DocContext()
    if not quantities:
        return []
    rules = quantity_rules()
    segments = split_spans(sentence, "；")
    drafts: list[TargetDraft] = []
    for p_start, p_end in _phrases(sentence):
        in_phrase = [q for q in quantities if p_start <= q.start < p_end]
        if not in_phrase:
            continue
        seg_start = next(a for a, b in segments if a <= p_start < b)
        drafts += _phrase_targets(
            rules,
            sentence,
            in_phrase,
            p_start=p_start,
            p_end=p_end,
            seg_start=seg_start,
            times=times,
            last_subject=drafts[-1].subject if drafts else None,
            context=context,
        )
    return attach_baselines(_parts_per_base(sentence, _same_rate(_resolve_anaphora(drafts))))


def _same_rate(drafts: list[TargetDraft]) -> list[TargetDraft]:
    """每万常住人口全科医生数达到3.5人以上，到2027年达到4人以上: a later value of the same subject
    in its bare measure word is of the same rate (人/万常住人口); so is the value of another body
    named bare after a rate's body (三级医院每百出院人次…达到2.5例以上，二级医院达到2例以上)."""
    out: list[TargetDraft] = []
    for d in drafts:
        before = out[-1] if out else None
        if (
            before is not None
            and before.unit.startswith(f"{d.unit}/")
            and (before.subject == d.subject or _other_body_of_rate(before.subject, d.subject))
        ):
            d = replace(d, unit=before.unit)
        out.append(d)
    return out


_INDICATOR_CHARS = frozenset("每率数量比例")


def _other_body_of_rate(rate_subject: str, subject: str) -> bool:
    """二级医院 after 三级医院每百出院人次…: a bare body of the same kind (the head's last
    character) after a rate stated for a body before 每."""
    body, per, _ = rate_subject.partition("每")
    if not (per and body and subject) or _INDICATOR_CHARS & set(subject):
        return False
    return body[-1] == subject[-1]


def _parts_per_base(sentence: str, drafts: list[TargetDraft]) -> list[TargetDraft]:
    """每千常住人口床位数7.5张，其中市办医院床位数1.9张，县办医院2.5张: the parts after 其中 count
    per the same population as the whole before it (张/千常住人口); a part no larger than the
    whole (每3万人口配置1辆救护车，其中负压救护车不少于两辆 counts the county's, not per base)."""
    out: list[TargetDraft] = []
    whole: TargetDraft | None = None
    for d in drafts:
        before = out[-1] if out else None
        if before is not None and "/" in before.unit and "其中" in sentence[before.end : d.end]:
            whole = before  # 其中: the parts of the figure before it follow
        elif whole is not None and out[-1].unit != whole.unit:
            whole = None  # the run of parts has ended
        if whole is not None and whole.unit.split("/", 1)[0] == d.unit and d.value <= whole.value:
            d = replace(d, unit=whole.unit)
        else:
            whole = None
        out.append(d)
    return out


_ANAPHOR = re.compile(r"^(?:上述|以上|这|该)?(?:[两二三四五六七八九]|\d)?项?指标均?$")


def _resolve_anaphora(drafts: list[TargetDraft]) -> list[TargetDraft]:
    """两项指标均不低于70% after A和B均不低于60%: one target for each indicator named before
    (the subjects of the last figure shared by several)."""
    out: list[TargetDraft] = []
    i = 0
    while i < len(drafts):
        draft = drafts[i]
        run = _anaphoric_run(drafts, i)
        before = out[-len(run) :] if len(run) > 1 and len(out) >= len(run) else []
        if (
            before
            and len({d.subject for d in before}) == len(run)
            and not any(_ANAPHOR.match(d.subject) for d in before)
        ):  # 上述指标分别达到X、Y和Z: one value for each indicator named before, in order
            out += [replace(d, subject=b.subject) for d, b in zip(run, before, strict=True)]
            i += len(run)
            continue
        shared = [d for d in out if (d.start, d.end) == (out[-1].start, out[-1].end)] if out else []
        if _ANAPHOR.match(draft.subject) and len(shared) > 1:
            out += [replace(draft, subject=d.subject) for d in shared]
        else:
            out.append(draft)
        i += 1
    return out


def _anaphoric_run(drafts: list[TargetDraft], i: int) -> list[TargetDraft]:
    """The drafts from ``i`` on that share one quote and an anaphoric subject (上述指标)."""
    run: list[TargetDraft] = []
    for d in drafts[i:]:
        if not _ANAPHOR.match(d.subject) or (
            run and (d.start, d.end) != (run[0].start, run[0].end)
        ):
            break
        run.append(d)
    return run


def attach_baselines(drafts: list[TargetDraft]) -> list[TargetDraft]:
    """Present or past figures leave the list; one stated just before a target of the same
    unit (由2015年的X提高到Y) becomes that target's baseline."""
    out: list[TargetDraft] = []
    pending: TargetDraft | None = None
    for d in drafts:
        if d.kind == "baseline":
            pending = d
            continue
        if pending is not None and pending.unit == d.unit and d.baseline_value is None:
            d = replace(d, baseline_value=pending.value, baseline_year=pending.reference_year)
        pending = None
        out.append(d)
    return out


def _shift(d: TargetDraft, offset: int) -> TargetDraft:
    return replace(d, start=d.start + offset, end=d.end + offset)


def _trim_phrase(
    sentence: str, p_start: int, p_end: int, times: list[TimePhrase]
) -> tuple[int, int]:
    """Drop leading time phrases and trailing punctuation from a phrase span."""
    a, b = p_start, p_end
    while b > a and sentence[b - 1] in "，；：。！？、 \t":
        b -= 1
    changed = True
    while changed:
        changed = False
        for t in times:
            if t.start <= a < t.end:
                a, changed = t.end, True
        while a < b and sentence[a] in "，、 ":
            a, changed = a + 1, True
    return a, b


def _phrase_targets(
    rules: QuantityRules,
    sentence: str,
    quantities: list[Quantity],
    *,
    p_start: int,
    p_end: int,
    seg_start: int,
    times: list[TimePhrase],
    last_subject: str | None,
    context: DocContext,
) -> list[TargetDraft]:
    a, b = _trim_phrase(sentence, p_start, p_end, times)
    a = min(a, quantities[0].start)
    b = max(b, quantities[-1].end)
    fenbie = sentence.find("分别", a, quantities[0].start)
    distributed = fenbie >= 0 and len([q for q in quantities if q.start > fenbie]) >= 2
    paired = any(len(t.dates) > 1 for t in times if t.end <= quantities[0].start)
    subjects = (
        _distributed_subjects(rules, sentence[a:fenbie]) if distributed and not paired else []
    )
    drafts: list[TargetDraft] = []
    previous: Quantity | None = None
    for index, q in enumerate(quantities):
        comparator = _comparator(rules, sentence, q, a=a, previous=previous)
        deadline = _nearest(times, q.start, "deadline") or _first_after(times, q.end, "deadline")
        if deadline and not _reaches(sentence, deadline, q):
            deadline = None
        start_phrase = _nearest(times, q.start, "start")
        deadline_date = deadline.dates[0] if deadline else None
        if (
            deadline
            and len(deadline.dates) > 1
            and (
                distributed
                or _joined_values(rules, sentence, quantities, count=len(deadline.dates))
            )
        ):
            deadline_date = deadline.dates[min(index, len(deadline.dates) - 1)]
        subject: str | None
        if distributed and len(subjects) == len(quantities):
            subject = subjects[index]
        elif distributed:
            subject = _common_subject(rules, sentence[a:fenbie]) or sentence[a:b]
        else:
            subject = _subject(rules, sentence, q, a=a, b=b, previous=previous)
        if subject is not None:  # a deadline inside the subject is not part of what is measured
            for t in times:
                subject = subject.replace(t.text, "")
        if subject is None:  # the phrase names no subject: it continues an earlier one
            subject = (
                drafts[-1].subject
                if drafts
                else last_subject or _context(rules, sentence, q, times)
            )
        periodicity = _periodicity(rules, sentence, q, a=a)
        if (
            periodicity
            and deadline
            and deadline.day
            and "每" in sentence[a : q.start]
            and _another_clauses_day(sentence, deadline, q)
        ):
            deadline_date = None  # 每季度开展1次，建档率10月底前达到100%: a duty that recurs
        unit = _unit(rules, sentence, q, a=a)
        kind = _kind(
            rules,
            sentence,
            q,
            unit=unit,
            periodicity=periodicity,
            a=a,
            seg_start=seg_start,
            previous=previous,
            dated=any(t.kind == "deadline" for t in times),
        )
        reference = _nearest(times, q.start, "reference")
        following = quantities[index + 1] if index + 1 < len(quantities) else None
        if _is_statistic(
            rules, sentence, q, times=times, previous=previous, a=a, b=b, context=context
        ) or (following is not None and _is_baseline_of(rules, sentence, q, following, a=a)):
            kind = "baseline"
            reference = _baseline_year(sentence, a, q) or reference
        drafts.append(
            TargetDraft(
                start=a,
                end=b,
                subject=subject,
                value=q.value,
                value_max=q.value_max,
                unit=unit,
                comparator=comparator,
                deadline=deadline_date,
                deadline_text=deadline.text if deadline else None,
                start_year=start_phrase.year if start_phrase else None,
                periodicity=periodicity,
                kind=kind,
                value_text=q.text,
                reference_year=reference.year if reference else None,
                change=_change(rules, sentence, q, a=a),
                review=_review(subject=subject, unit=unit),
            )
        )
        previous = q
    if distributed:
        drafts = _bound_of_the_last_value(sentence, quantities, drafts)
    return _shared_value(rules, sentence, drafts, quantities, a=a)


def _bound_of_the_last_value(
    sentence: str, quantities: list[Quantity], drafts: list[TargetDraft]
) -> list[TargetDraft]:
    """分别控制在9/10万、4.5‰以下: the 以下/以上 after the last value of a list bounds each."""
    last = quantities[-1].after_comparator
    if last not in (">=", "<=") or len(drafts) != len(quantities):
        return drafts
    if any(q.after_comparator for q in quantities[:-1]) or any(
        sentence[q.end : n.start].strip(_LIST_SEPARATORS) for q, n in pairwise(quantities)
    ):
        return drafts
    return [replace(d, comparator=last) if d.comparator == "=" else d for d in drafts]


def _joined_values(
    rules: QuantityRules, sentence: str, quantities: list[Quantity], *, count: int
) -> bool:
    """到2022年和2030年，X提升到20%和30%: as many values as years, joined by 和/、/及, pair in
    order even without 分别 (each with its own 及以上: 达到37%及以上和40%及以上)."""
    if len(quantities) != count:
        return False

    def joint(gap: str) -> str:
        bound = next((w for w, _ in rules.comparators_after if gap.startswith(w)), "")
        return gap[len(bound) :].strip(_LIST_SEPARATORS)

    return all(not joint(sentence[q.end : nxt.start]) for q, nxt in pairwise(quantities))


def _shared_value(
    rules: QuantityRules,
    sentence: str,
    drafts: list[TargetDraft],
    quantities: list[Quantity],
    *,
    a: int,
) -> list[TargetDraft]:
    """A和B均控制在5以下: the last value of a phrase, one target per subject listed before 均."""
    if not quantities or len(drafts) != len(quantities):
        return drafts
    lo = quantities[-2].end if len(quantities) > 1 else a
    before = sentence[lo : quantities[-1].num_start]
    for marker in rules.shared_markers:
        i = before.rfind(marker)
        if i > 0 and not before.endswith(rules.shared_not_after, 0, i):
            subjects = _distributed_subjects(rules, before[:i])
            if len(subjects) >= 2:
                return drafts[:-1] + [replace(drafts[-1], subject=s) for s in subjects]
    return drafts


def confidence(review: tuple[str, ...]) -> float:
    """How sure a reading is: 1.0, less a fifth for each reason to review it (at least 0.2)."""
    return max(0.2, round(1.0 - 0.2 * len(review), 2))


def _review(*, subject: str, unit: str) -> tuple[str, ...]:
    """Reasons to check a figure by hand: the rules that found it are weak here."""
    reasons = []
    if len(subject) <= 1:
        reasons.append("subject of one character")
    if not unit:
        reasons.append("value without unit")
    return tuple(reasons)


def _is_statistic(
    rules: QuantityRules,
    sentence: str,
    q: Quantity,
    *,
    times: list[TimePhrase],
    previous: Quantity | None,
    a: int,
    b: int,
    context: DocContext,
) -> bool:
    """A figure about the present or the past (已达76.34岁, 患病率为2.1%, 覆盖率100%已完成):
    not a requirement."""
    deadlines = [t for t in times if t.kind == "deadline"]
    if sentence.startswith(rules.baseline_after, q.end):
        return True  # 在2021年79元的基础上逐年提高: where the target starts from
    if _dated_fact_before_the_deadline(rules, sentence, q, deadlines=deadlines, context=context):
        return True  # 2022年…上报率为76%，到2025年提高到95%: where the target starts from
    if any(_looks_ahead(t, findings=context.findings) for t in deadlines):
        return False  # 到2030年…: a requirement
    if context.news or context.findings:
        return True  # no deadline in a news report or a report of findings: an achievement
    before_value = sentence[a : q.num_start]
    if before_value.endswith(rules.approx_before) and any(
        w in before_value for w in rules.estimate_guides
    ):
        return True  # 参照…约20-50户: a figure to plan by
    around = sentence[: q.num_start] + sentence[q.end : b]  # before it, or after it in its phrase
    for name in rules.present_in_names:  # 每3年进行1次现状评价: the name of a duty
        around = around.replace(name, "")
    around = rules.present_attributive.sub("", around)  # 对检查发现的问题: what the duty is about
    if any(w in around for w in rules.present_markers):
        return True  # 2015年…已达76.34岁: a bare year with 已 is a past year, not a deadline
    if any(w in around for w in rules.last_year_changes) and rules.stated_figure.search(
        sentence[: q.num_start]
    ):
        return True  # …水平为18.2%，比上年提高1.6个百分点: the change the present shows
    # only bare years are left (2018年，…): they date a figure stated with a verb of being
    if _dated_by_a_past_year(rules, sentence, times=times, issued=context.issued):
        return True
    lo = previous.end if previous else a
    before = sentence[lo : q.num_start]
    if before.endswith(rules.set_periods):
        return False  # 履约服务期为6年: a period the text sets
    if not before.endswith(rules.fact_verbs) and not rules.fact_share.search(before):
        return False
    phrase = rules.age_scope.sub("", sentence[a:b])
    return not any(w in phrase for w in rules.requirement_words)


def _dated_fact_before_the_deadline(
    rules: QuantityRules,
    sentence: str,
    q: Quantity,
    *,
    deadlines: list[TimePhrase],
    context: DocContext,
) -> bool:
    """A figure stated with a verb of being in a clause of its own that a past year dates, the
    sentence's deadlines all coming after it: the present the target starts from."""
    if not deadlines or any(t.start < q.end for t in deadlines) or context.issued is None:
        return False
    clause_start = max(sentence.rfind(c, 0, q.num_start) for c in "，,；;") + 1
    clause = sentence[clause_start : q.num_start]
    year = _OPENING_YEAR.match(clause.lstrip())
    return (
        year is not None
        and int(year["year"]) <= context.issued.year
        and clause.endswith(rules.fact_verbs)
    )


_OPENING_YEAR = re.compile(r"(?:截至|截止)?(?P<year>(?:19|20)\d\d)年(?:底|末)?")


def _looks_ahead(t: TimePhrase, *, findings: bool) -> bool:
    """Whether a deadline phrase states a future to reach: not a bare year (2018年，…), and in a
    report of findings (发展基础) only 到…/…前 (“十三五”时期 there dates what was achieved)."""
    if _BARE_YEAR.fullmatch(t.text):
        return False
    return not findings or t.text.startswith(("到", "至")) or t.text.endswith(("前", "以前"))


def _dated_by_a_past_year(
    rules: QuantityRules, sentence: str, *, times: list[TimePhrase], issued: date | None
) -> bool:
    """A sentence without a deadline that dates its figures by a past year (2017年…达到14.18%;
    从2012年的8.80%…): a year before the document's, or, the date unknown, a year written
    as a figure's date (2012年的)."""
    if any(t.past for t in times):
        return True  # a year or plan period before the document's date
    for m in rules.dated_figure.finditer(sentence):
        year = int(m["year"])
        if issued is not None and year < issued.year:
            return True  # 2017年… (2025年，… in a document of 2025 is its plan for the year)
        if issued is None and m.group(0).endswith("的"):
            return True
    return False


def _is_baseline_of(
    rules: QuantityRules, sentence: str, q: Quantity, following: Quantity, *, a: int
) -> bool:
    """由现状的2.9人提高到3.4人: the first value is where the target starts from."""
    between = sentence[q.end : following.num_start]
    before = sentence[a : q.num_start]
    return any(w in before for w in rules.baseline_from) and any(
        between.endswith(w) for w in rules.level_verbs
    )


def _baseline_year(sentence: str, a: int, q: Quantity) -> TimePhrase | None:
    m = _BASELINE_YEAR.search(sentence, a, q.num_start)
    if m is None:
        return None
    return TimePhrase(m.start(), m.end(), "reference", (), int(m["year"]), m.group(0))


def _change(rules: QuantityRules, sentence: str, q: Quantity, *, a: int) -> Change | None:
    """降低30% / 提高5个百分点 (no 到/至): a change relative to a reference level."""
    if q.unit not in ("%", "百分点"):
        return None
    before = sentence[a : q.num_start]
    best: tuple[int, str, Change] | None = None
    for words, direction in ((rules.change_down, "decrease"), (rules.change_up, "increase")):
        for w in words:
            i = before.rfind(w)
            if i >= 0 and (best is None or i > best[0]):
                best = (i, w, cast(Change, direction))
    if best is None or before.startswith(("到", "至"), best[0] + len(best[1])):
        return None
    return best[2]


def _context(rules: QuantityRules, sentence: str, q: Quantity, times: list[TimePhrase]) -> str:
    """The sentence up to the value, for a value whose subject is in an earlier phrase."""
    start = max((t.end for t in times if t.end <= q.start), default=0)
    return _clean_head(rules, sentence[start : q.start].strip("，；：、 ")) or q.text


def _first_after(times: list[TimePhrase], pos: int, kind: str) -> TimePhrase | None:
    """A work notice's day written after the values (…1次，于5月20日前完成) covers them too."""
    after = [t for t in times if t.kind == kind and t.day and t.start >= pos]
    return after[0] if after else None


def _reaches(sentence: str, deadline: TimePhrase, q: Quantity) -> bool:
    """Whether a task's deadline (A要于12月底前制定方案) covers a figure: not past a clause after
    it that opens a duty of its own (，各地要建立…，每半年开展1次), nor back to a figure of an
    earlier clause from a clause with a subject of its own (，全年工作总结于…前报送); a clause
    that only goes on (…各1名联络员，于4月14日前报…) is the same duty's."""
    task = deadline.text.startswith(_TASK_DEADLINE) or sentence.endswith(
        _TASK_DEADLINE, 0, deadline.start
    )
    if not task:
        return True
    if deadline.start >= q.end:  # …每季度报送1次，全年工作总结于12月10日前报送: another clause's
        clause_start = max(sentence.rfind(c, q.end, deadline.start) for c in "，,；;") + 1
        return clause_start == 0 or not sentence[clause_start : deadline.start].strip()
    if deadline.end > q.start:
        return True
    later = re.split("[，,；;]", sentence[deadline.end : q.start])[1:]
    return not any(_OWN_DUTY.match(clause) for clause in later)


_TASK_DEADLINE = ("于", "在")
_OWN_DUTY = re.compile(r"[^，,；;]{1,12}?(?:要|应|须|需)")


def _another_clauses_day(sentence: str, deadline: TimePhrase, q: Quantity) -> bool:
    """Whether a work notice's day stands in a clause of another duty than the figure's: before
    it (于12月底前完善制度，…每年开展2次), or after it but not opening the next clause as the same
    duty's date (每周上报1次，于5月20日前完成 is the duty's own; …，12月15日前报送总结 is not)."""
    begin = max(sentence.rfind(c, 0, q.start) for c in _CLAUSE_MARKS) + 1
    ends = [i for i in (sentence.find(c, q.end) for c in _CLAUSE_MARKS) if i >= 0]
    end = min(ends, default=len(sentence))
    if begin <= deadline.start < end:
        return False
    own = deadline.start == end + 1 and deadline.text.startswith(_TASK_DEADLINE)
    return deadline.start < begin or not own


def _nearest(times: list[TimePhrase], pos: int, kind: str) -> TimePhrase | None:
    before = [t for t in times if t.kind == kind and t.end <= pos]
    return before[-1] if before else None


def _comparator(
    rules: QuantityRules, sentence: str, q: Quantity, *, a: int, previous: Quantity | None
) -> Comparator:
    if q.after_comparator in ("range", ">=", "<="):
        return q.after_comparator
    lo = previous.end if previous else a
    found = _comparator_before(rules, sentence[lo : q.num_start])
    if found and found[1] != "=":
        return found[1]
    between = sentence[previous.end : q.num_start] if previous is not None else ""
    if previous is not None and not found and not between.strip(_LIST_SEPARATORS):
        return _comparator(rules, sentence, previous, a=a, previous=None)
    if previous is not None and not found and _object_then_list(between):
        carried = _comparator(rules, sentence, previous, a=a, previous=None)
        if carried in (">=", "<=", ">", "<"):
            return carried
    if found is None and previous is None:
        wide = _comparator_before(rules, sentence[max(0, a - 4) : q.num_start])
        if wide and wide[1] != "=":
            return wide[1]
    return "="


_LIST_SEPARATORS = "、和及与或 "
_OBJECT_MAX = 20


def _object_then_list(between: str) -> bool:
    """至少建成1个胸痛中心和1个卒中中心: after a figure and what it counts (a bracket in it too:
    1名具有执业（助理）医师资格的家庭医生和1名护士), a list separator goes on with the same verb
    and bound."""
    return (
        len(between) <= _OBJECT_MAX
        and between[-1] in _LIST_SEPARATORS
        and not any(c in _PHRASE_END.strip("（）") for c in between[:-1])
    )


def _strip_leading(rules: QuantityRules, text: str) -> str:
    changed = True
    while changed and text:
        changed = False
        for word in rules.strip_leading:
            if text.startswith(word):
                text, changed = text[len(word) :], True
    return text.strip("，、的 ")


def _strip_trailing(rules: QuantityRules, text: str) -> str:
    """Drop comparators and modal words left at the end of a subject (…街道可, …比例不低于)."""
    changed = True
    while changed and text:
        changed = False
        if text[-1] in "，,、；; ":
            text, changed = text[:-1], True
            continue
        found = _comparator_before(rules, text)
        if found and found[2] + len(found[0]) == len(text):
            text, changed = text[: found[2]], True
        for word in rules.strip_trailing:
            if text.endswith(word):
                text, changed = text[: -len(word)], True
    return text


def _common_subject(rules: QuantityRules, before: str) -> str:
    """One subject shared by values distributed over deadlines (到2022年和2030年…分别…)."""
    found = _comparator_before(rules, before)
    if found and found[2] + len(found[0]) == len(before):
        before = before[: found[2]]
    return _strip_leading(rules, before)


def _distributed_subjects(rules: QuantityRules, before: str) -> list[str]:
    """床医比、医护比(分别) -> [床医比, 医护比]; 每万人口全科医生和公共卫生人员数 -> two."""
    found = _comparator_before(rules, before)
    if found and found[2] + len(found[0]) == len(before):
        before = before[: found[2]]
    listed = re.split(r"、|和", _strip_leading(rules, before))
    parts = [_strip_leading(rules, p) for p in listed if p]
    return [_share_head(p, parts[-1]) for p in parts[:-1]] + parts[-1:]


_HEADS = ("率", "数", "比", "比例", "比重", "量", "水平", "指数", "密度")


def _share_head(part: str, last: str) -> str:
    """高血压患者 | 糖尿病患者规范管理率 -> 高血压患者规范管理率: a listed name without the
    indicator's head takes the last name's, after the word they share (患者)."""
    if part.endswith(_HEADS) or not last.endswith(_HEADS):
        return part
    for k in range(min(len(part), 4), 1, -1):
        i = last.find(part[-k:])
        if i >= 0 and i + k < len(last):
            return part + last[i + k :]
    return part


def _subject(
    rules: QuantityRules, sentence: str, q: Quantity, *, a: int, b: int, previous: Quantity | None
) -> str | None:
    """What is measured, as written; None when the phrase only repeats an earlier subject."""
    lo = previous.end if previous else a
    pre = sentence[lo : q.num_start]
    tail = sentence[q.end : b].lstrip("的")
    if q.coverage:
        return _strip_leading(rules, pre + tail) or sentence[a:b]
    if q.unit == "分钟" and (goal := _named_goal(rules, sentence, q)):
        return goal
    if q.every_n_years:
        return _strip_leading(rules, tail) or sentence[a:b]
    if pre.endswith(("和", "、", "及", "或")) and tail:  # 三级公立医院和 | 80%以上 | 二级公立医院…
        return _strip_leading(rules, tail)
    bare = _strip_trailing(rules, pre)
    object_verb = next((w for w in rules.object_verbs if bare.endswith(w)), None)
    if object_verb is not None:  # 每个乡镇卫生院配备 | 1—2名 | 专兼职公共卫生医师
        head = _clean_head(rules, bare[: -len(object_verb)])
        return head + tail or sentence[a:b]
    verb = _comparator_before(rules, pre)
    action = ""
    if verb is not None:  # 县域内基层门急诊人次占比达到 | 65%以上
        pre, action = pre[: verb[2]], pre[verb[2] + len(verb[0]) :]
    head = _clean_head(rules, pre)
    if rules.basis_word.search(head) and tail:  # 乡镇卫生院按照常住人口 | 1—1.5‰ | 核定编制
        return head + tail
    if not head:  # 每周至少坐诊 | 1天: the action is what is counted
        return tail or _clean_head(rules, action) or None
    return head


def _clean_head(rules: QuantityRules, text: str) -> str:
    return _strip_trailing(rules, _strip_leading(rules, _drop_periodicity(rules, text)))


def _drop_periodicity(rules: QuantityRules, text: str) -> str:
    for word, _ in rules.periodicity:
        text = text.replace(word, "")
    return text


def _named_goal(rules: QuantityRules, sentence: str, q: Quantity) -> str | None:
    """15分钟健康服务圈: the name runs from the number to the end of the goal word."""
    window = sentence[q.end : q.end + 12]
    for word in rules.named_goal_after:
        i = window.find(word)
        if i >= 0:
            return q.text + window[: i + len(word)]
    return None


def _unit(rules: QuantityRules, sentence: str, q: Quantity, *, a: int) -> str:
    return population_unit(rules, sentence[a : q.num_start], q.unit)


def population_unit(rules: QuantityRules, before: str, unit: str) -> str:
    """A count in a per-population rate takes its base: 每千常住人口…4.7人 -> 人/千常住人口."""
    general = rules.count_unit_in_rate.get(unit)
    if general is None:
        return unit
    matches = list(rules.population_denominator.finditer(before))
    if not matches:
        return unit
    m = matches[-1]
    if m["pop_day"]:
        return f"{general}/{m['pop_day']}"  # 每床日…2.5次: 次/床日
    number = m["n"]
    if number[0].isdigit():
        base = float(number.rstrip("万")) * (10000 if number.endswith("万") else 1)
    else:
        base = parse_number(number)
    return f"{general}/{denominator_label(base)}{m['pop'] or m['activity']}"


def _periodicity(rules: QuantityRules, sentence: str, q: Quantity, *, a: int) -> str | None:
    if q.every_n_years:
        return "annual" if q.every_n_years == 1 else f"every {q.every_n_years} years"
    if q.per_year_suffix:
        return "annual"
    before = sentence[a : q.num_start]
    days = list(rules.every_n_days.finditer(sentence, a, q.end + 1))
    if days and days[-1].end() <= q.num_start:
        n = int(parse_number(days[-1]["n"]))
        return "daily" if n == 1 else f"every {n} days"
    months = list(rules.every_n_months.finditer(sentence, a, q.end + 1))
    if months and months[-1].end() <= q.num_start:
        n = int(parse_number(months[-1]["n"]))
        return "monthly" if n == 1 else f"every {n} months"
    for word, period in rules.periodicity:
        if word in before:
            return period
    m = rules.every_n_years.search(before)
    if m:
        n = int(parse_number(m["n"]))
        return "annual" if n == 1 else f"every {n} years"
    return None


def _kind(
    rules: QuantityRules,
    sentence: str,
    q: Quantity,
    *,
    unit: str,
    periodicity: str | None,
    a: int,
    seg_start: int,
    previous: Quantity | None,
    dated: bool,
) -> Kind:
    if unit == "元":
        return "funding"
    if unit == "分钟" and _named_goal(rules, sentence, q):
        return "named_goal"
    norm_unit = unit in rules.standard_units or unit in rules.duration_units or unit == "天"
    if (
        norm_unit
        and any(w in sentence[a : q.num_start] for w in rules.per_capita)
        and not any(v in sentence[a : q.end + 8] for v in rules.standard_verbs)
    ):
        return "target"  # 人均体育场地面积2.6平方米, 平均住院日不超过9天: a level of the area
    if unit in rules.duration_units or (unit in ("天", "分钟") and periodicity is None):
        return "duration"
    if unit in rules.standard_units or (periodicity is not None and periodicity != "annual"):
        return "standard"  # 每周开展一次, 每3天1次: a recurring duty, not an outcome level
    before = sentence[a : q.num_start]
    if any(v in sentence[a : q.end + 8] for v in rules.standard_verbs):
        return "standard"
    if rules.distributive.search(sentence, seg_start, q.num_start) or sentence.endswith(
        rules.distributive_before, 0, q.num_start
    ):
        return "standard"
    if previous is not None and previous.unit == "%" and q.unit != "%" and "至少" in before:
        return "standard"
    if (
        not dated
        and unit not in rules.level_units
        and "/" not in unit
        and periodicity != "annual"
        and not any(w in sentence[: q.num_start] for w in rules.outcome_words)
    ):
        return "standard"  # 调查100户, 布放不少于100只: a count with no date is a norm of the work
    return "target"

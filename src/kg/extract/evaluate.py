"""Extraction quality against gold annotations (schema: tests/data/gold/SCHEMA.md).

A gold target is found when a prediction has the same value and value_max and its span
overlaps the gold quote; the quote is looked up in the extracted text ignoring whitespace
(the offsets are only a hint), so a gold file made on one reader's text scores another's.
"optional" items need not be found and are no false positive when they are; "alts" are
accepted alternative readings, for targets and for measures. Figures the extractor keeps
as baselines (present or past values) are not targets and are not scored. Responsibility
is scored as the set of (measure, unit, role) triples; a provision of items numbered on across
sections is the same whether its ref is written with its section or not (二(五) / (五)), where
only one gold provision fits.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.extract.numbers import denominator_label
from kg.extract.segment import cn_number
from kg.extract.tasks import bare_heading
from kg.model import ExtractedDocument, Responsibility, Target

STRICT_FIELDS = ("value", "value_max", "unit", "comparator", "deadline")
FIELDS = ("unit", "comparator", "deadline", "start", "periodicity", "kind")
ACCURACY_FIELDS = ("value", "value_max", *FIELDS)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class DocReport:
    doc: str
    detection: Score = field(default_factory=Score)
    strict: Score = field(default_factory=Score)
    fields: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FIELDS})
    role: Score = field(default_factory=Score)
    unit: Score = field(default_factory=Score)
    measures: Score = field(default_factory=Score)
    matched: int = 0  # gold targets found (not optional)
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ACCURACY_FIELDS, 0))
    errors: list[str] = field(default_factory=list)

    def accuracy(self, name: str) -> float:
        """Share of the found targets whose ``name`` is right (any accepted reading)."""
        return self.correct[name] / self.matched if self.matched else 1.0


@dataclass
class Report:
    docs: list[DocReport]
    alignment: Score | None = None  # pairwise: gold targets that must share an indicator
    alignment_errors: list[str] = field(default_factory=list)

    def total(self) -> DocReport:
        total = DocReport("all")
        for d in self.docs:
            for name in ("detection", "strict", "role", "unit", "measures"):
                getattr(total, name).add(getattr(d, name))
            for f in FIELDS:
                total.fields[f].add(d.fields[f])
            total.matched += d.matched
            for f in ACCURACY_FIELDS:
                total.correct[f] += d.correct[f]
        return total

    def as_dict(self) -> dict[str, Any]:
        def scores(d: DocReport) -> dict[str, Any]:
            out: dict[str, Any] = {
                name: _score_dict(getattr(d, name))
                for name in ("detection", "strict", "role", "unit", "measures")
            }
            out["fields"] = {f: _score_dict(s) for f, s in d.fields.items()}
            out["accuracy"] = {f: round(d.accuracy(f), 4) for f in ACCURACY_FIELDS}
            out["matched"] = d.matched
            return out

        out: dict[str, Any] = {
            "docs": {d.doc: scores(d) for d in self.docs},
            "all": scores(self.total()),
        }
        if self.alignment is not None:
            out["alignment"] = _score_dict(self.alignment)
        return out


def _score_dict(s: Score) -> dict[str, float | int]:
    return {
        "precision": round(s.precision, 4),
        "recall": round(s.recall, 4),
        "f1": round(s.f1, 4),
        "tp": s.tp,
        "fp": s.fp,
        "fn": s.fn,
    }


def load_gold(gold_dir: Path) -> list[dict[str, Any]]:
    """Every ``<doc>.json`` gold file of a folder."""
    if not gold_dir.is_dir():
        raise InputError(
            f"Gold folder {gold_dir} does not exist.",
            fix="Pass --gold a folder of <doc-id>.json files (e.g. tests/data/gold).",
        )
    out = []
    for path in sorted(gold_dir.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise InputError(
                f"Gold file {path} is not valid JSON ({exc}).", fix="Correct the file."
            ) from exc
        if isinstance(data, dict) and "doc" in data and "targets" in data:
            out.append(data)
    if not out:
        raise InputError(
            f"Gold folder {gold_dir} has no gold files (JSON objects with doc and targets).",
            fix="Point --gold at the folder holding <doc-id>.json annotations.",
        )
    return out


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(float(a) - float(b)) < 1e-6
    return bool(a == b)


def _readings(item: dict[str, Any]) -> list[dict[str, Any]]:
    base = {k: item.get(k) for k in (*STRICT_FIELDS, *FIELDS)}
    return [base] + [{**base, **alt} for alt in item.get("alts", [])]


def _predicted(t: Target) -> dict[str, Any]:
    return {
        "value": t.value,
        "value_max": t.value_max,
        "unit": t.unit or None,
        "comparator": t.comparator,
        "deadline": t.deadline,
        "start": str(t.start_year) if t.start_year is not None else None,
        "periodicity": t.periodicity,
        "kind": t.kind,
    }


def _gold_reading(reading: dict[str, Any]) -> dict[str, Any]:
    """Money per year or month written as a compound unit (元/人/年, 元/人/月) is 元 with that
    periodicity, and per person or item (元/人, 元/例) is 元, as gold-dev writes 每年…每所1万元
    (元, annual); a rate per 100,000 written 1/10万 is /10万, 个月 is 月 and a base in digits
    (/1000名学生) is spelt as the export contract does (/千名学生)."""
    unit = reading.get("unit") or ""
    for end, periodicity in (("年", "annual"), ("月", "monthly"), ("天", "daily"), ("日", "daily")):
        if unit.startswith("元/") and unit.endswith(end):
            return {
                **reading,
                "unit": "元",
                "periodicity": reading.get("periodicity") or periodicity,
            }
    if unit.startswith("元/"):  # 元/人, 元/例, 元/人/次: money per item
        return {**reading, "unit": "元"}
    if unit.startswith("1/"):  # 1/10万 is /10万 (gold-dev writes /10万 and accepts 1/10万)
        return {**reading, "unit": unit[1:]}
    if unit in _WITH_GE:  # 6个月 is 6 月, as the export contract spells it (个工作日, 个百分点 too)
        return {**reading, "unit": unit[1:]}
    if base := _DIGIT_BASE.search(unit):  # 名/1000名学生 is 名/千名学生, as the contract spells it
        label = denominator_label(float(base["n"]))
        return {**reading, "unit": unit[: base.start("n")] + label + unit[base.end("n") :]}
    return reading


_DIGIT_BASE = re.compile(r"/(?P<n>\d+)(?=[^\d.])")


_WITH_GE = ("个月", "个工作日", "个百分点")


class QuoteFinder:
    """Gold quotes in an extracted text, ignoring whitespace (readers break lines differently).

    A gold offset is one of the reference text; a reader of the original breaks lines elsewhere,
    so offsets drift. Quotes found once tell the drift near them, and a quote found many times
    (a table cell: 100) is taken at the occurrence nearest its offset corrected by that drift."""

    def __init__(self, raw: str, *, items: Sequence[dict[str, Any]] = ()) -> None:
        self._index = [i for i, ch in enumerate(raw) if not ch.isspace()]
        self._text = "".join(raw[i] for i in self._index)
        self._drifts: list[tuple[int, int]] = []
        for item in items:
            hint = item.get("start_offset")
            hits = self._hits(item.get("quote", ""))
            if hint is not None and len(hits) == 1:
                self._drifts.append((int(hint), self._index[hits[0]] - int(hint)))
        self._drifts.sort()

    def _hits(self, needle: str) -> list[int]:
        needle = "".join(needle.split())
        hits: list[int] = []
        at = self._text.find(needle) if needle else -1
        while at >= 0:
            hits.append(at)
            at = self._text.find(needle, at + 1)
        return hits

    def _drift(self, hint: int) -> int:
        if not self._drifts:
            return 0
        k = bisect.bisect_left(self._drifts, (hint, -(10**12)))
        near = [self._drifts[j] for j in (k - 1, k) if 0 <= j < len(self._drifts)]
        return min(near, key=lambda d: abs(d[0] - hint))[1]

    def span(self, quote: str, *, hint: int | None) -> tuple[int, int] | None:
        """Raw span of the occurrence of ``quote`` nearest to ``hint`` (the gold offset)."""
        needle = "".join(quote.split())
        hits = self._hits(needle)
        if not hits:
            return None
        starts = [self._index[h] for h in hits]
        aim = (hint or 0) + (self._drift(hint) if hint is not None and len(hits) > 1 else 0)
        best = min(range(len(hits)), key=lambda k: abs(starts[k] - aim))
        return starts[best], self._index[hits[best] + len(needle) - 1] + 1


def _gold_span(item: dict[str, Any], finder: QuoteFinder | None) -> tuple[int, int]:
    hint = item.get("start_offset")
    if finder is not None and (span := finder.span(item["quote"], hint=hint)) is not None:
        return span
    if hint is None:
        raise InputError(
            f"Gold target {item.get('id')!r} quotes {item['quote']!r}, which is not in the "
            "extracted text, and has no start_offset.",
            fix="Correct the quote (an exact substring of the source text, whitespace aside).",
        )
    return int(hint), int(item["end_offset"])


def score_targets(
    gold: list[dict[str, Any]],
    predicted: list[Target],
    report: DocReport,
    *,
    raw: str | None = None,
) -> dict[str, Target]:
    """Score one document's targets; returns the prediction found for each gold id.

    Predictions of kind "baseline" (present or past figures) are not targets and are left out.
    """
    predicted = [t for t in predicted if t.kind != "baseline"]
    finder = QuoteFinder(raw, items=gold) if raw is not None else None
    found: dict[str, Target] = {}
    used: set[int] = set()
    order = sorted(range(len(gold)), key=lambda i: bool(gold[i].get("optional")))
    matched_optional = 0
    for gi in order:
        item = gold[gi]
        readings = [_gold_reading(r) for r in _readings(item)]
        g0, g1 = _gold_span(item, finder)
        best: tuple[int, int] | None = None
        for pi, t in enumerate(predicted):
            if pi in used or not (t.start < g1 and g0 < t.end):
                continue
            if not any(
                _same(t.value, r["value"]) and _same(t.value_max, r["value_max"]) for r in readings
            ):
                continue
            overlap = min(t.end, g1) - max(t.start, g0)
            if best is None or overlap > best[1]:
                best = (pi, overlap)
        optional = bool(item.get("optional"))
        if best is None:
            if not optional:
                report.detection.fn += 1
                report.strict.fn += 1
                for f in FIELDS:
                    report.fields[f].fn += 1
                report.errors.append(f"missed {item['id']}: {item['quote']!r}")
            continue
        used.add(best[0])
        found[item["id"]] = predicted[best[0]]
        if optional:
            matched_optional += 1
            continue
        pred = _predicted(predicted[best[0]])
        report.detection.tp += 1
        report.matched += 1
        for f in ACCURACY_FIELDS:
            report.correct[f] += any(_same(pred[f], r.get(f)) for r in readings)
        if any(all(_same(pred[f], r[f]) for f in STRICT_FIELDS) for r in readings):
            report.strict.tp += 1
        else:
            report.strict.fp += 1
            report.strict.fn += 1
            wrong = [f for f in STRICT_FIELDS if not _same(pred[f], readings[0][f])]
            report.errors.append(
                f"wrong {item['id']} {wrong}: got "
                f"{ {f: pred[f] for f in wrong} } want { {f: readings[0][f] for f in wrong} }"
            )
        for f in FIELDS:
            if any(_same(pred[f], r.get(f)) for r in readings):
                report.fields[f].tp += 1
            else:
                report.fields[f].fp += 1
                report.fields[f].fn += 1
    for pi, t in enumerate(predicted):
        if pi not in used:
            report.detection.fp += 1
            report.strict.fp += 1
            for f in FIELDS:
                report.fields[f].fp += 1
            report.errors.append(f"spurious {t.value_text!r} in {t.quote!r}")
    return found


def _triples(
    measures: Iterable[tuple[str, Iterable[str], Iterable[str]]],
) -> set[tuple[str, str, str]]:
    out = set()
    for ref, lead, co in measures:
        out |= {(ref, u, "lead") for u in lead}
        out |= {(ref, u, "co") for u in co}
    return out


def _set_score(gold: set[Any], pred: set[Any]) -> Score:
    return Score(tp=len(gold & pred), fp=len(pred - gold), fn=len(gold - pred))


def _measure_gold(
    gold: list[dict[str, Any]], predicted: set[tuple[str, str, str]]
) -> tuple[set[tuple[str, str, str]], set[tuple[str, str, str]]]:
    """Gold triples, each measure read the way (base or alt) that best fits the prediction;
    and the predicted triples of optional measures, which count neither way."""
    required: set[tuple[str, str, str]] = set()
    excused: set[tuple[str, str, str]] = set()
    for m in gold:
        readings = [
            _triples([(m["ref"], alt.get("lead", m["lead"]), alt.get("co", m["co"]))])
            for alt in [{}, *m.get("alts", [])]
        ]
        best = max(readings, key=lambda r: (len(r & predicted), -len(r - predicted)))
        if m.get("optional"):
            excused |= {t for r in readings for t in r} & predicted
        else:
            required |= best
    return required, excused - required


_SECTION = re.compile(
    r"^(?:[一二三四五六七八九十]+|第[一二三四五六七八九十]+[章节部分]+)(?=[（(0-9])"
)


def _same_provisions(gold_refs: set[str], predicted_refs: set[str]) -> dict[str, str]:
    """Predicted refs that name a gold provision written another way: with spaces or brackets
    of another width (附件 3 / 附件3, （1） / (1)), with or without the section of items
    numbered on across sections ((五) / 二(五)), or a duty row with or without the section
    holding it (四 县卫生健康局 / 县卫生健康局): the gold spelling, where only one fits."""
    out: dict[str, str] = {}
    for ref in predicted_refs - gold_refs:
        for key in (
            _spelling,
            _without_section,
            _row_unit,
            _row_number,
            _part_item,
            _box,
            _without_part,
            _table_row,
        ):
            wanted = key(ref)
            fits = {g for g in gold_refs - predicted_refs if wanted and key(g) == wanted}
            if len(fits) == 1:
                out[ref] = fits.pop()
                break
    return out


def _plain(ref: str) -> str:
    """附件 3（1） -> 附件3(1); 四-1 -> 四1 (a row numbered in its section, written with a dash)."""
    return re.sub(r"[\s\-－—]", "", ref).replace("（", "(").replace("）", ")")


def _digits(ref: str) -> str:
    """Each number as digits and closed (二4 -> 2|4|, 24 -> 24|): 一 and 1 are one number."""
    return re.sub(
        r"[一二三四五六七八九十]+|\d+",
        lambda m: f"{m.group(0) if m.group(0).isdigit() else cn_number(m.group(0))}|",
        ref,
    )


def _spelling(ref: str) -> str:
    """附件 3（1） -> 附件3(1); numerals as digits (第三章第一节一 is 第三章第一节1)."""
    return _digits(_plain(ref))


def _without_section(ref: str) -> str:
    bare = _SECTION.sub("", _plain(ref))
    return _digits(bare) if bare.startswith(("(", *"0123456789")) else ""


def _row_unit(ref: str) -> str:
    """The unit of a duty row (四 县卫生健康局 -> 县卫生健康局); none for a numbered provision."""
    unit = ref.rsplit(" ", 1)[-1]
    return "" if re.search(r"[0-9一二三四五六七八九十()（）]", unit) else unit


def _row_number(ref: str) -> str:
    """A duty row numbered in its section, without its holder (三(一) 县卫生健康局 -> 三(一))."""
    number, _, unit = ref.rpartition(" ")
    return _spelling(number) if number and _row_unit(ref) == unit and unit else _spelling(ref)


def _part_item(ref: str) -> str:
    """An attachment's item numbered on across its sections, with or without the section
    (附件一1 / 附件 1 / 附件1 1)."""
    bare = re.sub(r"\s+", " ", ref.strip()).replace("（", "(").replace("）", ")")
    m = re.match(r"^(附件\d*)(?: |[一二三四五六七八九十]+)(\d.*)$", bare)
    return _digits(f"{m[1]}#{_plain(m[2])}") if m else ""


def _without_part(ref: str) -> str:
    """A plan relayed as a notice's attachment, its measures numbered on, with or without the
    attachment and the section (附件 (一) / 二(一))."""
    return _without_section(re.sub(r"^附件\s*\d*\s*", "", ref))


def _table_row(ref: str) -> str:
    """A task table's row by its number, with or without the section, a 表 or the attachment
    holding it (三 表1 / 表2-1 / 附件 1 / 1): the row's own number."""
    m = re.fullmatch(r"(?:.*\s)?表\s*(?:\d+\s*[-—－]\s*)?(\d+)", ref.strip())
    m = m or re.fullmatch(r"附件\s*\d*\s+(\d+)", ref.strip())
    return m[1] if m else (ref.strip() if ref.strip().isdigit() else "")


def _box(ref: str) -> str:
    """A plan's box with or without the part holding it (第三章第二节 专栏2 / 专栏2)."""
    m = re.search(r"专栏\s*(\d+)$", ref)
    return f"专栏{m[1]}" if m else ""


def score_responsibility(
    gold: list[dict[str, Any]], doc: ExtractedDocument, report: DocReport
) -> None:
    # a task table's row under the heading of a gold provision is that provision before any
    # provision of the same number in another section (四(三) 项目效果 is 附件 项目效果, not 六(三))
    same = _same_headings(gold, doc.responsibilities, taken=set())
    same.update(
        _same_provisions(
            {m["ref"] for m in gold} - set(same.values()),
            {r.measure_ref for r in doc.responsibilities} - set(same),
        )
    )
    same.update(_section_read_per_measure(gold, doc.responsibilities, same=same))
    per_item = _list_read_per_item(gold, doc.responsibilities, same=same)
    placed = [  # each task at the gold provision(s) it names
        (ref, r)
        for r in doc.responsibilities
        for ref in per_item.get(r.measure_ref, [same.get(r.measure_ref, r.measure_ref)])
    ]
    p = _triples((ref, r.lead, r.co) for ref, r in placed)
    g, excused = _measure_gold(gold, p)
    p -= excused
    report.role = _set_score(g, p)
    report.unit = _set_score({(a, b) for a, b, _ in g}, {(a, b) for a, b, _ in p})
    required = {m["ref"] for m in gold if not m.get("optional")}
    optional = {m["ref"] for m in gold if m.get("optional")} - required
    predicted_refs = {ref for ref, _ in placed}
    report.measures = _set_score(required, predicted_refs - optional)
    for ref, unit, role in sorted(g - p):
        report.errors.append(f"missed {role} {unit} in {ref}")
    for ref, unit, role in sorted(p - g):
        report.errors.append(f"spurious {role} {unit} in {ref}")


_MIN_OPENING = 6


def _heading_opening(by_heading: dict[str, list[str]], heading: str) -> list[str]:
    """The refs of the one gold heading the predicted heading opens with, over two clauses or
    more (制定工作方案，召开动员部署会 of 制定工作方案，召开动员部署会；完成…摸底核实)."""
    opened = [h for h in by_heading if len(h) >= _MIN_OPENING and heading.startswith(h)]
    return by_heading[opened[0]] if len(opened) == 1 else []


def _same_headings(
    gold: list[dict[str, Any]], found: list[Responsibility], *, taken: set[str]
) -> dict[str, str]:
    """Predicted ref -> gold ref, for a task whose ref is not the gold's but whose heading is
    one gold provision's own: a task table that repeats the measures' headings (1 | 打造高水平
    医院 | A | B beside 二(一)1 打造高水平医院, or the heading with more after a comma) writes one
    task twice; either place is its place."""
    gold_refs = {m["ref"] for m in gold}
    shared = {ref for ref, n in Counter(m["ref"] for m in gold).items() if n > 1}  # 附件 × 14
    by_heading: dict[str, list[str]] = {}
    for m in gold:
        if m.get("heading") and m["ref"] not in taken:
            by_heading.setdefault(bare_heading(m["heading"]), []).append(m["ref"])
    predicted = {r.measure_ref for r in found}
    out: dict[str, str] = {}
    for r in found:
        # the row's task may go on after the heading (建设区域医疗中心，到2025年建成10个左右)
        refs = (
            by_heading.get(bare_heading(r.heading))
            or by_heading.get(bare_heading(re.split("[，,；;]", r.heading)[0]))
            or _heading_opening(by_heading, bare_heading(r.heading))
        )
        if r.measure_ref in gold_refs or r.measure_ref in taken or len(refs) != 1:
            continue
        if refs[0] in shared or (refs[0] not in predicted and refs[0] not in out.values()):
            out[r.measure_ref] = refs[0]  # rows a gold file gives one ref, told by heading
    return out


def _section_read_per_measure(
    gold: list[dict[str, Any]], found: list[Responsibility], *, same: dict[str, str]
) -> dict[str, str]:
    """Predicted ref -> gold ref, for the measures of a section that a closing note covers
    (以上任务由A牵头，B配合), where the gold gives the note to the section and the prediction to
    each of its measures with the same units: one note read at two levels."""
    required = {m["ref"] for m in gold if not m.get("optional")}
    predicted = {same.get(r.measure_ref, r.measure_ref) for r in found}
    out: dict[str, str] = {}
    for m in gold:
        section = m["ref"]
        if section in predicted or m.get("optional"):
            continue
        members = [
            r
            for r in found
            if r.measure_ref.startswith(f"{section}(") and r.measure_ref not in same
        ]
        if len(members) < 2 or any(r.measure_ref in required for r in members):
            continue
        if all(list(r.lead) == m["lead"] and list(r.co) == m["co"] for r in members):
            out.update({r.measure_ref: section for r in members})
    return out


def _list_read_per_item(
    gold: list[dict[str, Any]], found: list[Responsibility], *, same: dict[str, str]
) -> dict[str, list[str]]:
    """Predicted ref -> gold refs, for a note after a list (（以上3项由A负责）) that the rules give
    the list and the gold each of its items, all with the same units: one note read at two
    levels, the other way round from ``_section_read_per_measure``."""
    predicted = {same.get(r.measure_ref, r.measure_ref) for r in found}
    gold_refs = {m["ref"] for m in gold}
    out: dict[str, list[str]] = {}
    for r in found:
        if r.measure_ref in gold_refs or r.measure_ref in same:
            continue
        items = [
            m
            for m in gold
            if re.fullmatch(rf"{re.escape(r.measure_ref)}\d+", m["ref"]) and not m.get("optional")
        ]
        if len(items) < 2 or any(m["ref"] in predicted for m in items):
            continue
        if all(m["lead"] == list(r.lead) and m["co"] == list(r.co) for m in items):
            out[r.measure_ref] = [m["ref"] for m in items]
    return out


def load_alignment(gold_dir: Path) -> dict[str, list[str]] | None:
    """Groups of gold target ids that must share one indicator (alignment.json), if present."""
    path = gold_dir / "alignment.json"
    if not path.is_file():
        return None
    try:
        groups = json.loads(path.read_text(encoding="utf-8"))["groups"]
    except (json.JSONDecodeError, KeyError) as exc:
        raise InputError(
            f"{path} is not an alignment file ({exc}).",
            fix='write {"groups": {"<name>": ["<gold target id>", ...]}}',
        ) from exc
    return {str(k): [str(i) for i in v] for k, v in groups.items()}


def score_alignment(groups: dict[str, list[str]], found: dict[str, Target], report: Report) -> None:
    """Pairwise precision and recall of indicator sharing among the gold-grouped targets."""
    group_of = {gid: name for name, ids in groups.items() for gid in ids}
    ids = sorted(group_of)
    score = Score()
    for n, a in enumerate(ids):
        for b in ids[n + 1 :]:
            gold_same = group_of[a] == group_of[b]
            ta, tb = found.get(a), found.get(b)
            pred_same = bool(ta and tb and ta.indicator and ta.indicator == tb.indicator)
            if gold_same and pred_same:
                score.tp += 1
            elif pred_same:
                score.fp += 1
                report.alignment_errors.append(f"{a} and {b} share {ta.indicator if ta else ''}")
            elif gold_same:
                score.fn += 1
                report.alignment_errors.append(
                    f"{a} ({ta.indicator if ta else 'not found'}) and "
                    f"{b} ({tb.indicator if tb else 'not found'}) should share an indicator"
                )
    report.alignment = score


def evaluate(
    gold_files: list[dict[str, Any]],
    docs: dict[str, ExtractedDocument],
    *,
    alignment: dict[str, list[str]] | None = None,
) -> Report:
    """Score extracted documents against gold annotations of the same ids."""
    reports = []
    found: dict[str, Target] = {}
    for gold in gold_files:
        doc_id = gold["doc"]
        if doc_id not in docs:
            raise InputError(
                f"Gold file for {doc_id!r} has no document to compare with.",
                fix="Add the document to ingest/sources.toml, or remove the gold file.",
            )
        doc = docs[doc_id]
        report = DocReport(doc_id)
        found |= score_targets(gold["targets"], doc.targets, report, raw=doc.raw)
        score_responsibility(gold.get("measures", []), doc, report)
        reports.append(report)
    result = Report(reports)
    if alignment is not None:
        score_alignment(alignment, found, result)
    return result

"""Consistency checks of the built graph: figures that look like source errors, deadlines
already past, targets of one city that contradict each other, and figures the extraction
flagged for review (pol:reviewReason: a weak rule found them).

Each finding names the target (IRI, document, quote) and says what to do about it. The rules
are general; none of them knows the corpus.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date
from itertools import combinations
from typing import Any, Literal

from kg.analysis.compare import Queryable, _select
from kg.errors import InputError

Row = dict[str, Any]
FindingKind = Literal["suspect-value", "past-deadline", "contradiction", "review"]
Severity = Literal["info", "warning"]

OUTLIER_FACTOR = 5.0
"""A value written this many times above or below its peers' median looks like a source error."""

SIZE_INDEPENDENT = frozenset({"share", "rate per population", "ratio", "duration", "area", "level"})
"""Indicator dimensions whose values do not grow with the size of the place: counts and money
legitimately differ by orders of magnitude between a county and a city of ten million."""


@dataclass(frozen=True)
class Finding:
    """One problem found: where it is, what the figures are, and what to do."""

    kind: FindingKind
    severity: Severity
    city: str
    doc: str
    indicator: str | None
    target: str
    quote: str
    message: str
    action: str
    related: tuple[str, ...] = ()  # the other targets involved (IRIs)

    def as_dict(self) -> Row:
        return {**asdict(self), "related": list(self.related)}


def _targets(store: Queryable) -> list[Row]:
    return _select(store, "check_targets")


def _fmt(x: float) -> str:
    return f"{x:.6g}"


def _where(t: Row) -> str:
    return f"{t['doc']} {t.get('measure') or ''}".rstrip()


def _requirement(comparator: str, low: float, high: float | None, unit: str) -> str:
    """``>= 50 %``, ``1—1.5 ‰``: a requirement in figures."""
    if comparator == "range":
        return f"{_fmt(low)}—{_fmt(low if high is None else high)} {unit}"
    return f"{comparator} {_fmt(low)} {unit}"


def _finding(
    t: Row,
    kind: FindingKind,
    severity: Severity,
    message: str,
    action: str,
    related: tuple[str, ...] = (),
) -> Finding:
    return Finding(
        kind=kind,
        severity=severity,
        city=t["city"],
        doc=t["doc"],
        indicator=t.get("indicator"),
        target=t["target"],
        quote=t["quote"],
        message=message,
        action=action,
        related=related,
    )


# --- (a) values that look like source errors -----------------------------------------------


def _bounds(t: Row) -> dict[str, float]:
    """The comparable (corrected) lower and upper bound of a target; a point value is both."""
    low = t["comparable_value"]
    high = t.get("comparable_value_max")
    return {"lower": low, "upper": low if high is None else high}


def _written_bounds(t: Row) -> dict[str, float]:
    """The bounds as the source writes them, in the comparable unit (an erratum undone)."""
    bounds = _bounds(t)
    for bound, written, corrected in (
        ("lower", t.get("value_as_written"), t["value"]),
        ("upper", t.get("value_max_as_written"), t.get("value_max")),
    ):
        if written is not None and corrected:
            bounds[bound] = bounds[bound] * written / corrected
    if t.get("comparable_value_max") is None:  # a point value: one figure, both bounds
        bounds["upper"] = bounds["lower"]
    return bounds


def _peer_median(peers: list[float], value: float) -> float:
    """The median of the peers; of an even number, the middle value nearer ``value``, so a
    value is only called far from its peers when it is far from both middle ones."""
    ordered = sorted(peers)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return min(ordered[middle - 1 : middle + 1], key=lambda p: abs(math.log(p / value)))


def _factor(a: float, b: float) -> float:
    return max(a, b) / min(a, b)


def suspect_values(targets: list[Row]) -> list[Finding]:
    """Values as written that differ from their peers' median by a factor of 5 or more.

    Peers are the targets of *other* documents (other cities, or the same city's other
    documents) on the same indicator, in the same comparable unit, compared bound by bound
    (a range's lower bound with the peers' lower bounds, its upper with their upper; a point
    value is both). Only size-independent indicators (shares, rates, ratios, durations,
    areas, levels) are compared. A finding says whether an erratum already corrects the value.
    """
    groups: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for t in targets:
        if (
            t.get("indicator")
            and t.get("dimension") in SIZE_INDEPENDENT
            and t.get("comparable_value") is not None
        ):
            groups[(t["indicator"], t["comparable_unit"])].append(t)
    findings = []
    for (indicator, unit), members in sorted(groups.items()):
        for t in members:
            peers = [p for p in members if p["doc"] != t["doc"]]
            for bound, written in _written_bounds(t).items():
                values = [b for p in peers if (b := _bounds(p)[bound]) > 0]
                if written <= 0 or not values:
                    continue
                median = _peer_median(values, written)
                if _factor(written, median) < OUTLIER_FACTOR:
                    continue
                findings.append(_suspect(t, indicator, unit, bound, written, median, peers))
                break  # one finding per target
    return findings


def _suspect(
    t: Row, indicator: str, unit: str, bound: str, written: float, median: float, peers: list[Row]
) -> Finding:
    peer_text = ", ".join(
        f"{p['doc']} {_fmt(_bounds(p)[bound])}" for p in sorted(peers, key=lambda p: p["doc"])
    )
    as_written = t.get("value_text") or _fmt(t["value"])
    if t["unit"] != unit:
        as_written += f" {t['unit']}, converted"
    message = (
        f"{t['city']} {_where(t)}: {indicator} written {as_written} ({bound} bound "
        f"{_fmt(written)} {unit}) is {_fmt(_factor(written, median))}× the peers' median "
        f"{_fmt(median)} {unit} ({peer_text})."
    )
    if t.get("erratum"):
        corrected = _bounds(t)[bound]
        message += f" Erratum {t['erratum']} already corrects it to {_fmt(corrected)} {unit}."
        return _finding(t, "suspect-value", "info", message, "none: compare the corrected value")
    return _finding(
        t,
        "suspect-value",
        "warning",
        message,
        f"check the figure against the source (and its conversion to {unit}); if the "
        "source is wrong, add an erratum to ingest/errata.toml, else fix the extraction",
    )


# --- (b) deadlines already past ------------------------------------------------------------


def past_deadlines(targets: list[Row], *, as_of: date) -> list[Finding]:
    """Targets whose deadline lies before ``as_of`` (a deadline day itself is not past)."""
    findings = []
    for t in targets:
        deadline = t.get("deadline")
        if not deadline or date.fromisoformat(deadline) >= as_of:
            continue
        days = (as_of - date.fromisoformat(deadline)).days
        written = f" ({t['deadline_text']})" if t.get("deadline_text") else ""
        message = (
            f"{t['city']} {_where(t)}: the deadline {deadline}{written} of {t['subject']} "
            f"({_requirement(t['comparator'], t['value'], t.get('value_max'), t['unit'])}) "
            f"passed {days} days before {as_of.isoformat()}."
        )
        findings.append(
            _finding(
                t,
                "past-deadline",
                "info",
                message,
                "look for the evaluation or a follow-up document that says whether it was met",
            )
        )
    return findings


# --- (c) contradictions within a city ------------------------------------------------------

Interval = tuple[float, bool, float, bool]  # low, low included, high, high included


def _interval(t: Row) -> Interval | None:
    """The comparable values a target admits (``达到60%以上`` -> [60, inf))."""
    v, vmax = t["comparable_value"], t.get("comparable_value_max")
    return {
        ">=": (v, True, math.inf, False),
        ">": (v, False, math.inf, False),
        "<=": (-math.inf, False, v, True),
        "<": (-math.inf, False, v, False),
        "=": (v, True, v, True),
        "range": (v, True, v if vmax is None else vmax, True),
    }.get(t["comparator"])


def _disjoint(a: Interval, b: Interval) -> bool:
    def below(x: Interval, y: Interval) -> bool:  # x lies wholly below y
        return x[2] < y[0] or (x[2] == y[0] and not (x[3] and y[1]))

    return below(a, b) or below(b, a)


def _in_force_together(a: Row, b: Row) -> bool:
    """Same deadline; or a standing requirement (no deadline) in force at the other's
    deadline (from its start year, if any); or two standing requirements."""
    da, db = a.get("deadline"), b.get("deadline")
    if da and db:
        return bool(da == db)
    if not da and not db:
        return True
    standing, dated = (a, db) if not da else (b, da)
    start = standing.get("start_year")
    return start is None or int(str(start)[:4]) <= int(str(dated)[:4])


def contradictions(targets: list[Row]) -> list[Finding]:
    """Pairs of targets of one city that cannot both be met.

    Two targets contradict when they are on the same indicator, in the same city and the same
    comparable unit, are in force at the same time (the same deadline; or one is a standing
    requirement without a deadline, in force from its start year if it has one, at the other's
    deadline; or both are standing), and admit no common value: ``>= 60 %`` against
    ``<= 50 %``, ``= 50`` against ``< 50``, or two different ``=`` values. Values are compared
    after errata, in the indicator's comparable unit.
    """
    groups: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for t in targets:
        if t.get("indicator") and t.get("comparable_value") is not None:
            groups[(t["city"], t["indicator"], t["comparable_unit"])].append(t)
    findings = []
    for (_, indicator, unit), members in sorted(groups.items()):
        for a, b in combinations(members, 2):
            ia, ib = _interval(a), _interval(b)
            if ia is None or ib is None or not _in_force_together(a, b):
                continue
            if _disjoint(ia, ib):
                findings.append(_contradiction(a, b, indicator, unit))
    return findings


def _describe(t: Row, unit: str) -> str:
    bounds = _bounds(t)
    figures = _requirement(t["comparator"], bounds["lower"], bounds["upper"], unit)
    when = f"by {t['deadline']}" if t.get("deadline") else "standing"
    return f"{figures} ({when}; {_where(t)} 「{t['quote']}」)"


def _contradiction(a: Row, b: Row, indicator: str, unit: str) -> Finding:
    message = (
        f"{b['city']}: two targets on {indicator} cannot both hold: "
        f"{_describe(b, unit)} against {_describe(a, unit)}."
    )
    return _finding(
        b,
        "contradiction",
        "warning",
        message,
        "read both clauses: one may apply to a different scope or year (then the extraction "
        "or indicator link is wrong), or a later document supersedes the earlier",
        related=(a["target"],),
    )


# --- figures flagged by the extraction ------------------------------------------------------


def review_flags(rows: list[Row]) -> list[Finding]:
    """One finding per target that carries a pol:reviewReason, least sure first."""
    out = []
    for t in sorted(rows, key=lambda r: (float(r["confidence"]), r["doc"], r["target"])):
        unit = t.get("unit") or ""
        out.append(
            Finding(
                kind="review",
                severity="info",
                city=t["city"],
                doc=t["doc"],
                indicator=None,
                target=t["target"],
                quote=t["quote"],
                message=(
                    f"{t['subject']} {_fmt(float(t['value']))}{unit}: "
                    f"{'; '.join(sorted(str(t['reasons']).split('; ')))} "
                    f"(confidence {float(t['confidence']):.2f})"
                ),
                action="read the quote in the source and correct or confirm the figure",
            )
        )
    return out


# --- all checks ----------------------------------------------------------------------------


def check(store: Queryable, *, as_of: date | None = None) -> list[Finding]:
    """Every finding of the four checks on the graph, suspect values first.

    - suspect-value: a value as written is 5× or more above or below the median of the other
      documents' values on the same size-independent indicator (:func:`suspect_values`);
    - past-deadline: a deadline before ``as_of`` (default today);
    - contradiction: two targets of one city, on one indicator, in force together, that no
      value can meet both of (:func:`contradictions`);
    - review: a figure the extraction flagged as weakly read (:func:`review_flags`).
    """
    targets = _targets(store)
    return [
        *suspect_values(targets),
        *past_deadlines(targets, as_of=as_of or date.today()),
        *contradictions(targets),
        *review_flags(_select(store, "review_targets")),
    ]


def parse_day(text: str) -> date:
    """A YYYY-MM-DD day, or an InputError that says how to write one."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"{text!r} is not a day.", fix="write it as YYYY-MM-DD, e.g. 2026-01-01"
        ) from None

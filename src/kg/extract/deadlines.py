"""Deadline, period, start-year and reference-year phrases (到2025年, 2025年年底前,
“十四五”期间, 自2024年起, 比2015年)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from kg.extract.numbers import parse_chinese
from kg.extract.rules import deadline_rules


@dataclass(frozen=True)
class TimePhrase:
    start: int  # offsets in the text searched
    end: int
    kind: Literal["deadline", "start", "reference"]
    dates: tuple[str, ...]  # ISO deadline dates (two for 到2022年和2030年); empty otherwise
    year: int  # the (first) year named
    text: str
    day: bool = False  # a day (于4月14日前), as work notices write it, rather than a year
    past: bool = False  # a year or plan period before the document's date: dates a statistic


@dataclass(frozen=True)
class DocContext:
    """What the whole document tells the rules that read one paragraph."""

    issued: date | None = None  # the document's date: gives 于4月14日前 its year
    news: bool = False  # a news report: figures without a deadline are achievements
    findings: bool = False  # a paragraph reporting what was found or done (基本情况, 发展基础)


def _end_of(year: int, month: str | None) -> str:
    if month:
        m = int(month)
        return f"{year:04d}-{m:02d}-{calendar.monthrange(year, m)[1]:02d}"
    return f"{year:04d}-12-31"


_YEAR = re.compile(r"(20\d\d)年")


def find_time_phrases(text: str, *, issued: date | None = None) -> list[TimePhrase]:
    """All deadline, start and reference phrases in ``text``, in order, without overlaps.

    A day without a year (于4月14日前) takes the year of ``issued``, the document's date; it is
    not read when the date is unknown.
    """
    rules = deadline_rules()
    found: list[TimePhrase] = []
    for pattern in rules.dated:
        for m in pattern.finditer(text):
            day = _day(m, issued=issued)
            if day is not None:
                found.append(
                    TimePhrase(
                        m.start(), m.end(), "deadline", (day.isoformat(),), day.year, m[0], True
                    )
                )
    if issued is not None:  # 年内完成: the end of the document's year
        year = issued.year
        found += [
            TimePhrase(m.start(), m.end(), "deadline", (f"{year:04d}-12-31",), year, m[0])
            for pattern in rules.this_year
            for m in pattern.finditer(text)
        ]
    for pattern in rules.references:
        for m in pattern.finditer(text):
            found.append(
                TimePhrase(m.start(), m.end(), "reference", (), int(m["year"]), m.group(0))
            )
    for pattern in rules.starts:
        for m in pattern.finditer(text):
            found.append(TimePhrase(m.start(), m.end(), "start", (), int(m["year"]), m.group(0)))
    for m in rules.paired.finditer(text):
        years = tuple(int(y) for y in _YEAR.findall(m.group(0)))
        dates = tuple(_end_of(y, None) for y in years)
        found.append(TimePhrase(m.start(), m.end(), "deadline", dates, years[0], m.group(0)))
    for name, pattern in rules.deadlines:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            year = int(m["year"])
            if name in rules.past_if_before_issue and issued is not None and year < issued.year:
                # 2018年，…为12.1% in a 2019 document: a past year, not a deadline
                found.append(
                    TimePhrase(m.start(), m.end(), "reference", (), year, m.group(0), past=True)
                )
                continue
            date = _end_of(year, groups.get("month"))
            found.append(TimePhrase(m.start(), m.end(), "deadline", (date,), year, m.group(0)))
    for _, pattern, base in rules.periods:
        for m in pattern.finditer(text):
            number = 10 + int(parse_chinese(m["plan"]))
            year = base + 5 * number
            if issued is not None and year < issued.year:  # “十三五”时期 in a 2021 plan: the past
                found.append(
                    TimePhrase(m.start(), m.end(), "reference", (), year, m.group(0), past=True)
                )
                continue
            found.append(
                TimePhrase(m.start(), m.end(), "deadline", (_end_of(year, None),), year, m.group(0))
            )
    return _without_overlaps(found)


def _day(m: re.Match[str], *, issued: date | None) -> date | None:
    """The day a dated phrase names; a month's end (6月底前) is its last day."""
    month = int(m["month"])
    if written_year := m.groupdict().get("year"):
        year = int(written_year)
    elif issued is not None:
        year = issued.year + (1 if month < issued.month else 0)
    else:
        return None
    if not 1 <= month <= 12:
        return None
    written = m.groupdict().get("day")
    day = int(written) if written else calendar.monthrange(year, month)[1]
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _without_overlaps(phrases: list[TimePhrase]) -> list[TimePhrase]:
    """Keep the earliest-starting, then longest, phrase where two overlap."""
    phrases.sort(key=lambda p: (p.start, -(p.end - p.start)))
    kept: list[TimePhrase] = []
    for p in phrases:
        if kept and p.start < kept[-1].end:
            continue
        kept.append(p)
    return kept

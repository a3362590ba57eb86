"""Cross-city comparison: one indicator across cities, a city-pair diff, an ambition ranking.

Everything here is a named SPARQL query (``kg/store/queries/*.rq``) plus a little Python, and runs
on any store with a ``query(sparql)`` method: the embedded Oxigraph store or a remote SPARQL
1.1 endpoint. Rows are plain dicts (``as_frame=True`` gives a pandas DataFrame).
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from kg.errors import NotFoundError, QueryError
from kg.store.queries import load_query
from kg.store.sparql import sparql_literal

if TYPE_CHECKING:
    import pandas as pd

Row = dict[str, Any]


class Queryable(Protocol):
    def query(self, sparql: str) -> Any: ...


def with_values(query: str, variable: str, values: list[str]) -> str:
    """Replace the query's ``VALUES ?variable { ... }`` line with the given strings."""
    pattern = re.compile(rf"VALUES \?{variable} \{{[^}}]*\}}")
    if not pattern.search(query):
        raise QueryError(
            f"The query has no VALUES ?{variable} line to fill in.",
            fix=f"add `VALUES ?{variable} {{ ... }}` to the named query",
        )
    literals = " ".join(sparql_literal(v) for v in values)
    return pattern.sub(lambda _: f"VALUES ?{variable} {{ {literals} }}", query, count=1)


def _select(store: Queryable, name: str, **values: list[str]) -> list[Row]:
    query = load_query(name)
    for variable, given in values.items():
        query = with_values(query, variable, given)
    result = store.query(query)
    if not isinstance(result, list):
        raise QueryError(f"Named query {name!r} did not return rows.", fix="it must be a SELECT")
    return result


def _frame(rows: list[Row]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(rows)


# --- jurisdictions -------------------------------------------------------------------------


def jurisdictions(store: Queryable) -> list[Row]:
    """Every jurisdiction with its labels, level and parent."""
    return _select(store, "jurisdictions")


def resolve_city(store: Queryable, name: str) -> str:
    """A jurisdiction id from its id, Chinese or English name (laiyang, 莱阳, 莱阳市, Laiyang)."""
    wanted = name.strip().lower()
    for row in jurisdictions(store):
        names = {row["id"], (row.get("label_en") or "").lower(), row.get("label_zh") or ""}
        zh = row.get("label_zh") or ""
        names |= {zh.removesuffix("市"), zh.removesuffix("省"), zh + "市"}
        if wanted in {n.lower() for n in names if n}:
            return str(row["id"])
    known = ", ".join(f"{r['id']} ({r.get('label_zh')})" for r in jurisdictions(store))
    raise NotFoundError(f"No city or province is called {name!r}.", fix=f"use one of: {known}")


def parent_of(store: Queryable, city: str) -> str | None:
    row = next((r for r in jurisdictions(store) if r["id"] == city), None)
    return row.get("parent") if row else None


# --- indicators and comparison -------------------------------------------------------------


def indicators(store: Queryable, *, as_frame: bool = False) -> Any:
    """Indicators that targets are linked to, most widely shared first."""
    rows = _select(store, "indicators")
    return _frame(rows) if as_frame else rows


def indicator(store: Queryable, indicator_id: str) -> Row:
    """One indicator's labels, direction and reach (looked up alone, not among all)."""
    found = next(iter(_select(store, "indicator", indicator=[indicator_id])), None)
    if found is None:
        raise NotFoundError(
            f"No target is linked to an indicator {indicator_id!r}.",
            fix="list the indicators with `kg indicators`",
        )
    return found


def compare(
    store: Queryable,
    indicator_id: str,
    *,
    cities: list[str] | None = None,
    as_frame: bool = False,
) -> Any:
    """One row per city and target of an indicator, with the source quote and offsets."""
    meta = indicator(store, indicator_id)
    rows = _select(store, "compare_indicator", indicator_id=[indicator_id])
    if cities:
        wanted = {resolve_city(store, c) for c in cities}
        rows = [r for r in rows if r["city"] in wanted]
    for r in rows:
        r["indicator"] = indicator_id
        r["indicator_label_en"] = meta.get("label_en")
        r["comparability"] = r.pop("note")
    return _frame(rows) if as_frame else rows


def _ambition_key(row: Row, higher: bool) -> float:
    """The value a commitment guarantees at least (or at most), signed so bigger is bolder."""
    low = row.get("comparable_value")
    if low is None:
        return float("-inf")
    high = row.get("comparable_value_max") or low
    return float(low) if higher else -float(high)


def ranking(store: Queryable, indicator_id: str, *, as_frame: bool = False) -> Any:
    """Cities ranked by the ambition of their commitment on one indicator (boldest first).

    A range counts by the bound it guarantees (its floor where higher is bolder); a city with
    several targets counts by its boldest. Indicators without a direction are not ranked.
    """
    meta = indicator(store, indicator_id)
    higher = meta.get("higher_is_more_ambitious")
    if higher is None:
        raise QueryError(
            f"Indicator {indicator_id!r} has no direction of ambition.",
            fix="compare its values with `kg compare` instead",
        )
    best: dict[str, Row] = {}
    for row in compare(store, indicator_id):
        current = best.get(row["city"])
        if current is None or _ambition_key(row, higher) > _ambition_key(current, higher):
            best[row["city"]] = row
    ordered = sorted(best.values(), key=lambda r: (-_ambition_key(r, higher), r["city"]))
    rows = [{"rank": n, **r} for n, r in enumerate(ordered, start=1)]
    return _frame(rows) if as_frame else rows


# --- city-pair diff ------------------------------------------------------------------------


def _days(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    return (date.fromisoformat(b) - date.fromisoformat(a)).days


def _bolder(a: Row, b: Row, higher: bool | None) -> str | None:
    if higher is None:
        return None
    ka, kb = _ambition_key(a, higher), _ambition_key(b, higher)
    if ka == kb:
        return "same"
    return "a" if ka > kb else "b"


def diff(store: Queryable, city_a: str, city_b: str) -> dict[str, Any]:
    """What two cities share and where they differ.

    ``shared``: indicators both set targets for, with both values side by side, which is more
    ambitious and the deadline difference in days (b minus a); ``only_a`` / ``only_b``:
    indicators only one has; ``lead_differences``: shared indicators whose measures are led
    by units of different functions in the two cities.
    """
    a, b = resolve_city(store, city_a), resolve_city(store, city_b)
    if a == b:
        raise QueryError(f"Both cities are {a}.", fix="name two different cities")
    by_indicator: dict[str, dict[str, list[Row]]] = {}
    metas = {m["indicator"]: m for m in indicators(store)}
    for ind in metas:
        for row in compare(store, ind, cities=[a, b]):
            by_indicator.setdefault(ind, {}).setdefault(row["city"], []).append(row)
    shared, only_a, only_b = [], [], []
    for ind, per_city in sorted(by_indicator.items()):
        meta = metas[ind]
        if a in per_city and b in per_city:
            higher = meta.get("higher_is_more_ambitious")
            ra, rb = (_boldest(per_city[c], higher) for c in (a, b))
            side = _bolder(ra, rb, higher)
            shared.append(
                {
                    "indicator": ind,
                    "label_zh": meta.get("label_zh"),
                    "label_en": meta.get("label_en"),
                    "a": _brief(ra),
                    "b": _brief(rb),
                    "more_ambitious": {"a": a, "b": b}.get(side or "", side),
                    "deadline_difference_days": _days(ra.get("deadline"), rb.get("deadline")),
                    "comparability": meta.get("scope_note"),
                }
            )
        elif a in per_city:
            only_a.append(_only(ind, meta, per_city[a]))
        else:
            only_b.append(_only(ind, meta, per_city[b]))
    return {
        "city_a": a,
        "city_b": b,
        "shared": shared,
        "only_a": only_a,
        "only_b": only_b,
        "lead_differences": _lead_differences(store, a, b, [s["indicator"] for s in shared]),
    }


def _boldest(rows: list[Row], higher: bool | None) -> Row:
    """A city's boldest target on an indicator; among equals, one with a deadline."""
    return max(
        rows,
        key=lambda r: (
            0.0 if higher is None else _ambition_key(r, higher),
            r.get("deadline") is not None,
        ),
    )


def _brief(row: Row) -> Row:
    keys = (
        "doc",
        "measure",
        "value",
        "value_max",
        "unit",
        "comparator",
        "deadline",
        "comparable_value",
        "comparable_value_max",
        "comparable_unit",
        "quote",
        "start",
        "end",
    )
    return {k: row.get(k) for k in keys}


def _only(ind: str, meta: Row, rows: list[Row]) -> Row:
    return {
        "indicator": ind,
        "label_zh": meta.get("label_zh"),
        "label_en": meta.get("label_en"),
        "targets": [_brief(r) for r in rows],
    }


def leads(store: Queryable, indicator_id: str) -> list[Row]:
    """Units responsible for the measures that set targets on an indicator, by city and role."""
    return _select(store, "indicator_tasks", indicator=[indicator_id])


def _lead_differences(store: Queryable, a: str, b: str, shared: list[str]) -> list[Row]:
    out = []
    for ind in shared:
        rows = leads(store, ind)
        functions = {
            c: sorted({r["function"] for r in rows if r["city"] == c and r["role"] == "lead"})
            for c in (a, b)
        }
        if functions[a] and functions[b] and functions[a] != functions[b]:
            out.append(
                {
                    "indicator": ind,
                    "lead_functions_a": functions[a],
                    "lead_functions_b": functions[b],
                }
            )
    return out


# --- the comparison matrix -----------------------------------------------------------------


def matrix(store: Queryable) -> dict[str, Any]:
    """Cities × indicators for the web page: each cell the city's targets on the indicator,
    with the figure, deadline, source offsets and an ambition score in [0, 1] within its row
    (1 = the boldest city; None where the indicator has no direction of ambition)."""
    from kg.graph.ns import measure_slug

    cities = jurisdictions(store)
    rows = []
    used: set[str] = set()
    for meta in indicators(store):
        higher = meta.get("higher_is_more_ambitious")
        per_city: dict[str, list[Row]] = {}
        for r in compare(store, meta["indicator"]):
            per_city.setdefault(r["city"], []).append(
                {
                    **_brief(r),
                    "seq": int(str(r["target"]).rsplit("/", 1)[-1]),
                    "measure_slug": measure_slug(r["measure"]) if r.get("measure") else None,
                    "subject": r.get("subject"),
                    "comparability": r.get("comparability"),
                }
            )
        used |= set(per_city)
        scores = _row_scores(per_city, higher)
        rows.append(
            {
                "indicator": meta["indicator"],
                "label_zh": meta.get("label_zh"),
                "label_en": meta.get("label_en"),
                "curated": meta.get("curated"),
                "higher_is_more_ambitious": higher,
                "scope_note": meta.get("scope_note"),
                "cells": {
                    c: {"targets": t, "ambition": scores.get(c)} for c, t in per_city.items()
                },
            }
        )
    return {
        "cities": [
            {"id": c["id"], "label_zh": c.get("label_zh"), "label_en": c.get("label_en")}
            for c in cities
            if c["id"] in used
        ],
        "rows": rows,
    }


def _row_scores(per_city: dict[str, list[Row]], higher: bool | None) -> dict[str, float]:
    if higher is None or not per_city:
        return {}
    keys = {c: _ambition_key(_boldest(rows, higher), higher) for c, rows in per_city.items()}
    finite = [k for k in keys.values() if k != float("-inf")]
    if not finite:
        return {}
    low, high = min(finite), max(finite)
    return {
        c: (0.5 if high == low else (k - low) / (high - low)) if k != float("-inf") else 0.0
        for c, k in keys.items()
    }

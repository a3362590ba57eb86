"""Cross-city comparison: one indicator across cities, a city-pair diff, an ambition ranking.

Everything here is a named SPARQL query (``kg/store/queries/*.rq``) plus a little Python, and runs
on any store with a ``query(sparql)`` method: the embedded Oxigraph store or a remote SPARQL
1.1 endpoint. Rows are plain dicts (``as_frame=True`` gives a pandas DataFrame).
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from kg.errors import NotBuiltError, NotFoundError, QueryError
from kg.graph.ns import comparison_iri, measure_slug
from kg.store.queries import load_query
from kg.store.sparql import sparql_iri, sparql_literal

if TYPE_CHECKING:
    import pandas as pd

Row = dict[str, Any]


class Queryable(Protocol):
    def query(self, sparql: str) -> Any: ...


def with_values(query: str, variable: str, values: list[str], *, iris: bool = False) -> str:
    """Replace the query's ``VALUES ?variable { ... }`` line with the given strings (as
    literals, or as IRIs with ``iris=True``)."""
    terms = [sparql_iri(v) if iris else sparql_literal(v) for v in values]
    return with_terms(query, variable, terms)


def with_terms(query: str, variable: str, terms: list[str]) -> str:
    """Replace the query's ``VALUES ?variable { ... }`` line with already escaped terms
    (:func:`sparql_literal`, :func:`sparql_iri`, a prefixed name the library makes)."""
    pattern = re.compile(rf"VALUES \?{variable} \{{[^}}]*\}}")
    if not pattern.search(query):
        raise QueryError(
            f"The query has no VALUES ?{variable} line to fill in.",
            fix=f"add `VALUES ?{variable} {{ ... }}` to the named query",
        )
    line = " ".join(terms)
    return pattern.sub(lambda _: f"VALUES ?{variable} {{ {line} }}", query, count=1)


def with_constant(query: str, example: str, iri: str) -> str:
    """Replace the example IRI a named query is written with by ``iri``: for a node the plan
    must start from, where a VALUES line would not do (see compare_cities.rq)."""
    term = sparql_iri(example)
    if term not in query:
        raise QueryError(
            f"The query does not name {term}.", fix="write the example IRI in the named query"
        )
    return query.replace(term, sparql_iri(iri))


EXAMPLE_INDICATOR = "village-doctor-licensed-share"  # the indicator the named queries show

VALUES_BATCH = 500  # IRIs in one VALUES line; past about 1,000 Oxigraph's planner stops
# starting from the VALUES (one comparison at national scale went from 0.6 s to 38 s)


def _select(
    store: Queryable, name: str, *, iris: tuple[str, list[str]] | None = None, **values: list[str]
) -> list[Row]:
    """Run a named query with its VALUES lines filled in: ``values`` as literals, and one
    ``(variable, IRIs)`` list sent in batches of :data:`VALUES_BATCH`, rows concatenated."""
    query = load_query(name)
    for variable, given in values.items():
        query = with_values(query, variable, given)
    if iris is None:
        return _rows_of(store, query, name)
    variable, given = iris
    return [
        row
        for start in range(0, len(given), VALUES_BATCH)
        for row in _rows_of(
            store,
            with_values(query, variable, given[start : start + VALUES_BATCH], iris=True),
            name,
        )
    ]


def _rows_of(store: Queryable, query: str, name: str) -> list[Row]:
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
    return next(iter(resolve_cities(store, [name])))


def jurisdictions_for(store: Queryable, names: list[str]) -> list[Row]:
    """Rows of :func:`jurisdictions` enough to resolve ``names``: looked up by id when every
    name is an id (as the page and the API's links send them), else all of them."""
    wanted = list(dict.fromkeys(names))
    found = _select(store, "jurisdictions_by_id", id=wanted) if wanted else []
    return found if len(found) == len(wanted) else jurisdictions(store)


def resolve_cities(
    store: Queryable, names: list[str], *, known: list[Row] | None = None
) -> dict[str, str]:
    """Jurisdiction ids (in the order asked) for ids or names, from ``known`` (rows of
    :func:`jurisdictions` a caller already has) or :func:`jurisdictions_for`."""
    rows = known if known is not None else jurisdictions_for(store, names)
    lookup: dict[str, str] = {}
    for row in rows:
        zh = row.get("label_zh") or ""
        names_of = {row["id"], (row.get("label_en") or "").lower(), zh}
        names_of |= {zh.removesuffix("市"), zh.removesuffix("省"), zh + "市"}
        for n in names_of:
            if n:
                lookup.setdefault(n.lower(), str(row["id"]))
    found: dict[str, str] = {}
    for name in names:
        wanted = lookup.get(name.strip().lower())
        if wanted is None:
            listed = ", ".join(f"{r['id']} ({r.get('label_zh')})" for r in rows[:30])
            more = f" and {len(rows) - 30} more (GET /cities)" if len(rows) > 30 else ""
            raise NotFoundError(
                f"No city or province is called {name!r}.", fix=f"use one of: {listed}{more}"
            )
        found[wanted] = name
    return found


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
    """One row per city and target of an indicator, with the source quote and offsets, in the
    order city, document, position (the answer of ``compare_indicator.rq``)."""
    rows, _ = compare_page(store, indicator_id, cities=cities)
    return _frame(rows) if as_frame else rows


def compare_page(
    store: Queryable,
    indicator_id: str,
    *,
    cities: list[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[list[Row], int]:
    """``limit`` rows of :func:`compare` from ``offset``, and how many rows there are in all.

    Read by position, not sorted: the build lists each indicator's targets in comparison order
    (its ``pol:comparison``, an rdf:Seq) and writes each target's row on it
    (``pol:comparisonRow``), so a page is one query (``compare_page.rq``: the label, the count
    and the rows at positions ``offset + 1`` …); with ``cities``, the targets walked from those
    jurisdictions (``compare_cities.rq``) and their rows (``compare_rows.rq``). Nothing here
    reads every target of the indicator, so the cost follows the page, not the graph.
    """
    first = offset + 1
    wanted = VALUES_BATCH if limit is None or cities else min(limit, VALUES_BATCH)
    head, found = _page(store, indicator_id, range(first, first + (0 if cities else wanted)))
    total = int(head["targets"]) if head else 0
    if head is None or total == 0:
        raise NotFoundError(
            f"No target is linked to an indicator {indicator_id!r}.",
            fix="list the indicators with `kg indicators`",
        )
    if cities:
        chosen = list(resolve_cities(store, cities))
        query = with_values(load_query("compare_cities"), "city", chosen)
        query = with_constant(
            query, comparison_iri(EXAMPLE_INDICATOR), comparison_iri(indicator_id)
        )
        walked = _rows_of(store, query, "compare_cities")
        order = [str(r["target"]) for r in sorted(walked, key=lambda r: _position(r["position"]))]
        total = len(order)
        shown = order[offset : None if limit is None else offset + limit]
        rows = _rows(store, shown, indicator={t: indicator_id for t in shown})
    else:
        stop = total + 1 if limit is None else min(total, offset + limit) + 1
        for start in range(first + wanted, stop, VALUES_BATCH):
            found += _page(store, indicator_id, range(start, min(stop, start + VALUES_BATCH)))[1]
        rows = sorted(
            (_row(str(r["target"]), indicator_id, r) for r in found), key=_comparison_order
        )
    if not rows and offset < total and not _page(store, indicator_id, range(1, 2))[1]:
        raise NotBuiltError(
            f"The store lists no comparison of {indicator_id!r}: it was built before comparisons "
            "were (pol:comparison).",
            fix="run `kg build` again (or scripts/replicate_graph.py for a replicated graph)",
        )
    return [{**r, "indicator_label_en": head.get("label_en")} for r in rows], total


def _page(store: Queryable, indicator_id: str, positions: range) -> tuple[Row | None, list[Row]]:
    """The indicator's label and count (None: no such indicator), and the targets at
    ``positions`` (1-based, at most :data:`VALUES_BATCH`) of its comparison with their rows:
    one query (``compare_page.rq``)."""
    query = with_values(load_query("compare_page"), "indicator_id", [indicator_id])
    query = with_constant(query, comparison_iri(EXAMPLE_INDICATOR), comparison_iri(indicator_id))
    query = with_terms(query, "position", [f"rdf:_{n}" for n in positions])
    found = _rows_of(store, query, "compare_page")
    head = next((r for r in found if r.get("targets") is not None), None)
    return head, _row_lines(found)


def _row_lines(found: list[Row]) -> list[Row]:
    """The targets, rows and notes of compare_page.rq's or compare_rows.rq's answer: a
    string of lines for each note, a line a target (its IRI, a space, its row), in no order."""
    return [
        {"target": target, "row": row, "note": r.get("note")}
        for r in found
        if r.get("rows")  # a page past the end: none, or an empty string
        for target, row in (line.split(" ", 1) for line in str(r["rows"]).split("\n"))
    ]


def _comparison_order(row: Row) -> tuple[str, str, int, int]:
    """A row's place in its indicator's comparison, the order the build made the sequence in
    (kg.graph.build.ComparisonEntry: jurisdiction, document, start, target number): the
    page's rows are sorted by it, so the store need not send each row's position."""
    return (row["city"], row["doc"], int(row["start"]), int(row["target"].rsplit("/", 1)[-1]))


def _position(iri: str) -> int:
    """1 for rdf:_1: the position a container membership property names."""
    return int(str(iri).rsplit("_", 1)[-1])


def _indicator_labels(store: Queryable, ids: list[str]) -> dict[str, Row]:
    if not ids:
        return {}
    return {r["indicator"]: r for r in _select(store, "indicator_labels", indicator=ids)}


_ROW = (
    "city",
    "doc",
    "doc_title",
    "value",
    "unit",
    "comparator",
    "kind",
    "subject",
    "quote",
    "start",
    "end",
    "city_zh",
    "city_en",
    "doc_number",
    "measure",
    "value_max",
    "deadline",
    "start_year",
    "periodicity",
    "comparable_value",
    "comparable_value_max",
    "comparable_unit",
    "clause",
    "value_as_written",
    "value_max_as_written",
)


def _rows(store: Queryable, targets: list[str], *, indicator: dict[str, str]) -> list[Row]:
    """The comparison rows of given targets (with their ``indicator`` ids, which the caller
    knows), in the order given: each target's ``pol:comparisonRow`` and comparability note
    (``compare_rows.rq``), two lookups a row."""
    if not targets:
        return []
    found = {
        r["target"]: r for r in _row_lines(_select(store, "compare_rows", iris=("target", targets)))
    }
    return [_row(target, indicator[target], found[target]) for target in targets]


def _row(target: str, indicator: str, found: Row) -> Row:
    """A comparison row from a target's ``pol:comparisonRow`` and comparability note."""
    fields = json.loads(found["row"])
    return {
        "target": target,
        "indicator": indicator,
        **{k: fields.get(k) for k in _ROW},
        "comparability": found.get("note"),
    }


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


MATRIX_DEFAULT_CITIES = 12  # jurisdictions shown when none are chosen (the first by id)


def documented_cities(store: Queryable) -> list[Row]:
    """The jurisdictions that issued at least one document, with their number of documents."""
    return _select(store, "documented_jurisdictions")


def matrix(
    store: Queryable,
    *,
    cities: list[str] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> dict[str, Any]:
    """Chosen jurisdictions × indicators for the web page: each cell the jurisdiction's targets on
    the indicator, with the figure, deadline, source offsets and an ambition score in [0, 1]
    within its row (1 = the boldest; None where the indicator has no direction of ambition).

    With no ``cities``, the jurisdictions that issued documents, up to
    :data:`MATRIX_DEFAULT_CITIES` of them (and ``documented_cities`` says how many there
    are). Rows are the indicators any chosen jurisdiction has a target for, the most widely
    shared first, ``limit`` of them from ``offset``. Only the chosen jurisdictions' targets
    are read (walked from the jurisdictions), so the cost follows the choice, not the size
    of the graph.
    """
    documented: int | None = None
    if cities:
        known = jurisdictions_for(store, cities)
        chosen = list(resolve_cities(store, cities, known=known))
    else:
        head = _select(store, "documented_head")  # its LIMIT is MATRIX_DEFAULT_CITIES
        chosen = sorted(str(r["city"]) for r in head if r.get("city") is not None)
        documented = next((int(r["jurisdictions"]) for r in head if r.get("jurisdictions")), 0)
        known = jurisdictions_for(store, chosen)
    per_indicator: dict[str, list[Row]] = {}
    for r in _select(store, "matrix_order", city=chosen) if chosen else []:
        per_indicator.setdefault(str(r["indicator"]), []).append(r)
    order = sorted(
        per_indicator,
        key=lambda i: (-len({r["city"] for r in per_indicator[i]}), -len(per_indicator[i]), i),
    )
    shown = order[offset : None if limit is None else offset + limit]
    metas = _indicator_labels(store, shown)
    rows_of = _rows(
        store,
        [r["target"] for i in shown for r in per_indicator[i]],
        indicator={r["target"]: i for i in shown for r in per_indicator[i]},
    )
    by_target = {r["target"]: r for r in rows_of}
    rows = []
    for ind in shown:
        meta = metas.get(ind, {})
        higher = meta.get("higher_is_more_ambitious")
        per_city: dict[str, list[Row]] = {}
        for t in per_indicator[ind]:
            r = by_target[t["target"]]
            per_city.setdefault(r["city"], []).append(
                {
                    **_brief(r),
                    "seq": int(str(r["target"]).rsplit("/", 1)[-1]),
                    "measure_slug": measure_slug(r["measure"]) if r.get("measure") else None,
                    "subject": r.get("subject"),
                    "comparability": r.get("comparability"),
                }
            )
        scores = _row_scores(per_city, higher)
        rows.append(
            {
                "indicator": ind,
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
    labels = {r["id"]: r for r in known}
    return {
        "cities": [
            {
                "id": c,
                "label_zh": labels.get(c, {}).get("label_zh"),
                "label_en": labels.get(c, {}).get("label_en"),
            }
            for c in chosen
        ],
        "rows": rows,
        "total_indicators": len(order),
        "offset": offset,
        "limit": limit,
        "documented_cities": documented,
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

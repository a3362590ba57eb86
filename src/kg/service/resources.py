"""The REST resources of the service, as plain functions over any backend.

Each function runs named queries (src/kg/store/queries/*.rq) on a :class:`kg.store.base.Backend` and
returns JSON-ready dicts, so the API routes are one call each and the same answers come from
the embedded store, an external SPARQL server or rdflib. Parameters reach SPARQL only as
escaped VALUES terms (:func:`kg.store.sparql.bind`); filters SPARQL cannot push down (dates, text,
units of a task) run here. Every figure carries its source: clause IRI, quote and offsets.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import Any, cast
from urllib.parse import unquote

from pypinyin import lazy_pinyin

from kg.analysis import compare
from kg.errors import InputError, NotFoundError
from kg.extract.normalize import normalize
from kg.extract.numbers import tidy
from kg.graph.ns import BASE, doc_iri, target_iri
from kg.store.base import Backend
from kg.store.queries import load_query
from kg.store.sparql import bind, sparql_iri, sparql_literal

Row = dict[str, Any]

ORG_BASE = f"{BASE}id/org/"
INDICATOR_BASE = f"{BASE}id/indicator/"
_ROLES = ("lead", "co", "implicit")


def _rows(store: Backend, name: str, **values: str | None) -> list[Row]:
    """Rows of a named query, each given parameter bound as an escaped literal (or an IRI
    where the name ends in ``_iri``: the variable is the name without that suffix)."""
    terms = {}
    for key, value in values.items():
        if value is None:
            continue
        if key.endswith("_iri"):
            terms[key.removesuffix("_iri")] = sparql_iri(value)
        else:
            terms[key] = sparql_literal(value)
    result = store.query(bind(load_query(name), terms))
    if not isinstance(result, list) or (result and not isinstance(result[0], dict)):
        raise InputError(f"Query {name!r} did not return rows.", fix="report this as a bug")
    return cast(list[Row], result)


def page(items: list[Any], *, limit: int, offset: int) -> dict[str, Any]:
    """One page of a list, with the total the client needs to ask for the next."""
    return {
        "total": len(items),
        "limit": limit,
        "offset": offset,
        "items": items[offset : offset + limit],
    }


def _local(iri: str | None, base: str) -> str | None:
    return unquote(iri[len(base) :]) if iri and iri.startswith(base) else None


def _number(value: Any) -> Any:
    return tidy(value) if isinstance(value, float) else value


# --- cities ----------------------------------------------------------------------------


def _city(row: Row, by_id: dict[str, Row]) -> Row:
    hierarchy: list[str] = []
    current: Row | None = row
    while current is not None and current["id"] not in hierarchy and len(hierarchy) <= len(by_id):
        hierarchy.append(current["id"])
        current = by_id.get(current["parent"]) if current["parent"] else None
    return {**row, "hierarchy": hierarchy}


def cities(store: Backend) -> list[Row]:
    """Every jurisdiction with its chain of parents (laiyang -> yantai -> shandong -> china)."""
    rows = _rows(store, "cities")
    by_id = {r["id"]: r for r in rows}
    return [_city(r, by_id) for r in rows]


def search_cities(
    store: Backend,
    *,
    q: str | None = None,
    parent: str | None = None,
    level: str | None = None,
    documented: bool = False,
) -> list[Row]:
    """Jurisdictions whose name matches ``q`` (Chinese, English, id, pinyin in full or by
    initials: 青岛, Qingdao, qingdao, qd), directly under ``parent``, at ``level``, or only
    those that issued documents; each with ``document_count``."""
    counts = {str(r["city"]): int(r["documents"]) for r in compare.documented_cities(store)}
    wanted = (q or "").strip().lower()
    found = []
    for row in cities(store):
        if parent is not None and row.get("parent") != parent:
            continue
        if level is not None and row.get("level") != level:
            continue
        if documented and row["id"] not in counts:
            continue
        if wanted and not any(wanted in name for name in _names(row)):
            continue
        found.append({**row, "document_count": counts.get(row["id"], 0)})
    return found


def _names(row: Row) -> tuple[str, ...]:
    zh = row.get("name_zh") or ""
    full, initials = _pinyin(zh)
    return (row["id"].lower(), zh, (row.get("name_en") or "").lower(), full, initials)


@lru_cache(maxsize=8192)
def _pinyin(name: str) -> tuple[str, str]:
    """A Chinese name in pinyin without tones, in full and by initials (青岛 -> qingdao, qd)."""
    syllables = lazy_pinyin(name, errors="ignore")
    return "".join(syllables).lower(), "".join(s[:1] for s in syllables).lower()


def city(store: Backend, city_id: str) -> Row:
    """One jurisdiction, its hierarchy and the documents it issued."""
    found = next((c for c in cities(store) if c["id"] == city_id), None)
    if found is None:
        raise NotFoundError(f"There is no city {city_id!r}.", fix="list them at /cities")
    return {**found, "documents": [d["id"] for d in documents(store, city=city_id)]}


# --- documents -------------------------------------------------------------------------


def _document(row: Row) -> Row:
    return {
        "id": row["doc"],
        "iri": row["iri"],
        "title": row["title"],
        "city": row["city"],
        "doc_number": row["doc_number"],
        "date": row["date"],
        "issuer": row["issuer"],
        "issuer_iri": row["issuer_iri"],
        "source": row["source"],
        "sha256": row["sha256"],
        "encoding": row["encoding"],
    }


def documents(store: Backend, *, city: str | None = None) -> list[Row]:
    return [_document(r) for r in _rows(store, "documents", city=city)]


def document(store: Backend, doc_id: str) -> Row:
    """A document's metadata with the documents it cites (eli:cites) and is cited by."""
    rows = _rows(store, "documents", doc=doc_id)
    if not rows:
        raise NotFoundError(f"There is no document {doc_id!r}.", fix="list them at /documents")
    citations = _rows(store, "document_citations")
    cites = [
        {"iri": c["cited"], "doc_number": c["cited_number"], "id": c["cited_doc"]}
        for c in citations
        if c["doc"] == doc_id
    ]
    cited_by = sorted({c["doc"] for c in citations if c["cited_doc"] == doc_id})
    return {**_document(rows[0]), "cites": cites, "cited_by": cited_by}


def document_text(store: Backend, doc_id: str) -> Row:
    """The raw text every offset indexes (Python string indices, [start, end))."""
    rows = _rows(store, "document_text", doc=doc_id)
    if not rows:
        raise NotFoundError(f"There is no document {doc_id!r}.", fix="list them at /documents")
    row = rows[0]
    return {
        "id": doc_id,
        "length": len(row["text"]),
        "sha256": row["sha256"],
        "encoding": row["encoding"],
        "text": row["text"],
    }


def document_clean_text(store: Backend, doc_id: str) -> Row:
    """The clean text the extraction read (:func:`kg.extract.normalize.normalize` of the raw
    text), with its map back: ``raw_runs`` of (clean start, raw start, length), so that a raw
    span of the graph can be shown, and highlighted, on the clean text."""
    raw = document_text(store, doc_id)
    norm = normalize(raw["text"])
    return {
        "id": doc_id,
        "length": len(norm.text),
        "raw_length": raw["length"],
        "sha256": raw["sha256"],
        "text": norm.text,
        "raw_runs": [list(run) for run in norm.runs()],
    }


def document_structure(store: Backend, doc_id: str) -> Row:
    """Sections, measures and clauses in text order, each with offsets and its parent part."""
    rows = _rows(store, "document_structure", doc=doc_id)
    if not rows:
        document(store, doc_id)  # raises NotFoundError for an unknown document
    parts: dict[str, list[Row]] = {"section": [], "measure": [], "clause": []}
    for r in rows:
        part: Row = {"iri": r["part"], "start": r["start"], "end": r["end"], "part_of": r["whole"]}
        if r["kind"] == "clause":
            part["index"] = int(r["part"].rsplit("/", 1)[1])
            part["text"] = r["text"]
        else:
            part["ref"] = r["ref"]
            part["heading"] = r["heading"]
        parts[r["kind"]].append(part)
    return {
        "id": doc_id,
        "sections": parts["section"],
        "measures": parts["measure"],
        "clauses": parts["clause"],
    }


# --- tasks and units -------------------------------------------------------------------


def _task_id(task_iri: str) -> str:
    doc_part, _, slug = task_iri.rpartition("/measure/")
    return f"{unquote(doc_part.rsplit('/', 1)[1])}/{slug}"


def _fold_tasks(rows: Iterable[Row]) -> list[Row]:
    tasks: dict[str, Row] = {}
    for r in rows:
        task = tasks.get(r["task"])
        if task is None:
            task = tasks[r["task"]] = {
                "id": _task_id(r["task"]),
                "iri": r["task"],
                "doc": r["doc"],
                "city": r["city"],
                "measure": r["measure"],
                "heading": r["heading"],
                "start": r["start"],
                "end": r["end"],
                "lead_basis": r["lead_basis"],
                "units_as_written": r["units_as_written"],
                "note": {"start": r["note_start"], "end": r["note_end"]},
                "lead": [],
                "co": [],
                "implicit": [],
            }
        task[r["role"]].append(
            {
                "name": r["unit_name"],
                "unit": _local(r["org"], ORG_BASE),
                "iri": r["org"],
                "function": r["function"],
                "order": r["order"],
            }
        )
    for task in tasks.values():
        for role in _ROLES:
            task[role].sort(key=lambda u: u["order"])
    return list(tasks.values())


def _has_unit(task: Row, unit: str) -> bool:
    return any(unit in (u["unit"], u["name"]) for role in _ROLES for u in task[role])


def _has_function(task: Row, function: str) -> bool:
    return any(u["function"] == function for role in _ROLES for u in task[role])


def tasks(
    store: Backend,
    *,
    city: str | None = None,
    doc: str | None = None,
    unit: str | None = None,
    function: str | None = None,
    text: str | None = None,
) -> list[Row]:
    """Tasks (measures) with their lead, co-responsible and implicit units in list order.
    ``unit`` is a unit id (city/slug) or name; ``function`` a unit-function notation (health,
    finance, …); ``text`` must occur in the task's heading or clauses."""
    found = _fold_tasks(_rows(store, "tasks", city=city, doc=doc))
    if unit:
        found = [t for t in found if _has_unit(t, unit)]
    if function:
        found = [t for t in found if _has_function(t, function)]
    if text:
        texts: dict[str, list[str]] = {}
        for r in _rows(store, "task_texts", city=city, doc=doc):
            texts.setdefault(r["task"], []).append(r["text"])
        found = [
            t
            for t in found
            if text in (t["heading"] or "")
            or any(text in clause for clause in texts.get(t["iri"], ()))
        ]
    return found


def task(store: Backend, doc: str, measure: str) -> Row:
    iri = f"{doc_iri(doc)}/measure/{measure}"
    found = _fold_tasks(_rows(store, "tasks", task_iri=iri))
    if not found:
        raise NotFoundError(
            f"There is no task {doc}/{measure}.", fix="list the tasks at /tasks?doc=" + doc
        )
    return found[0]


def _unit(row: Row) -> Row:
    return {
        "id": _local(row["org"], ORG_BASE),
        "iri": row["org"],
        "name_zh": row["name_zh"],
        "name_en": row["name_en"],
        "city": row["city"],
        "function": row["function"],
        "function_zh": row["function_zh"],
        "function_en": row["function_en"],
    }


def units(store: Backend, *, city: str | None = None, function: str | None = None) -> list[Row]:
    return [_unit(r) for r in _rows(store, "units", city=city, function=function)]


def unit(store: Backend, unit_id: str) -> Row:
    """A unit and the tasks it leads, co-handles or implicitly holds, in document order."""
    iri = ORG_BASE + unit_id
    rows = _rows(store, "units", org_iri=iri)
    if not rows:
        raise NotFoundError(f"There is no unit {unit_id!r}.", fix="list them at /units")
    by_role: dict[str, list[Row]] = {role: [] for role in _ROLES}
    for r in _rows(store, "tasks", org_iri=iri):
        by_role[r["role"]].append(
            {
                "id": _task_id(r["task"]),
                "iri": r["task"],
                "doc": r["doc"],
                "measure": r["measure"],
                "heading": r["heading"],
                "name_as_written": r["unit_name"],
                "order": r["order"],
            }
        )
    return {**_unit(rows[0]), "tasks": by_role}


# --- targets ---------------------------------------------------------------------------


def _target(r: Row) -> Row:
    return {
        "id": f"{r['doc']}/{r['target'].rsplit('/', 1)[1]}",
        "iri": r["target"],
        "doc": r["doc"],
        "city": r["city"],
        "measure": r["measure"],
        "subject": r["subject"],
        "indicator": _local(r["indicator"], INDICATOR_BASE),
        "value": _number(r["value"]),
        "value_max": _number(r["value_max"]),
        "unit": r["unit"],
        "comparator": r["comparator"],
        "deadline": r["deadline"],
        "deadline_text": r["deadline_text"],
        "start_year": None if r["start_year"] is None else int(r["start_year"]),
        "periodicity": r["periodicity"],
        "kind": r["kind"],
        "value_text": r["value_text"],
        "erratum": r["erratum"],
        "source": {
            "clause": r["clause"],
            "quote": r["quote"],
            "start": r["start"],
            "end": r["end"],
        },
    }


def targets(
    store: Backend,
    *,
    city: str | None = None,
    doc: str | None = None,
    indicator: str | None = None,
    kind: str | None = None,
    deadline_before: date | None = None,
    deadline_after: date | None = None,
) -> list[Row]:
    """Targets in document order. The deadline bounds are inclusive; a target without a
    deadline never passes a deadline filter."""
    found = [_target(r) for r in _rows(store, "targets", city=city, doc=doc, kind=kind)]
    if indicator:
        found = [t for t in found if t["indicator"] == indicator]
    if deadline_before:
        bound = deadline_before.isoformat()
        found = [t for t in found if t["deadline"] and t["deadline"] <= bound]
    if deadline_after:
        bound = deadline_after.isoformat()
        found = [t for t in found if t["deadline"] and t["deadline"] >= bound]
    return found


def target(store: Backend, doc: str, seq: int) -> Row:
    rows = _rows(store, "targets", target_iri=str(target_iri(doc, seq)))
    if not rows:
        raise NotFoundError(
            f"There is no target {doc}/{seq}.", fix="list the targets at /targets?doc=" + doc
        )
    return _target(rows[0])


# --- search ----------------------------------------------------------------------------


def search(
    store: Backend, text: str, *, city: str | None = None, doc: str | None = None
) -> list[Row]:
    """Clauses containing every whitespace-separated term of ``text`` (substring match, which
    suits Chinese), in document order, with their offsets and measure."""
    terms = text.split()
    if not terms:
        raise InputError("The search text is empty.", fix="give q, e.g. q=乡村医生")
    longest = max(terms, key=len)
    rows = _rows(store, "search_clauses", needle=longest, city=city, doc=doc)
    return [
        {
            "clause": r["clause"],
            "doc": r["doc"],
            "city": r["city"],
            "measure": r["measure"],
            "part_of": r["part"],
            "text": r["text"],
            "start": r["start"],
            "end": r["end"],
        }
        for r in rows
        if all(term in r["text"] for term in terms)
    ]

"""Named SPARQL queries (``*.rq`` beside this file) and the functions that run them.

Researchers can read and reuse the ``.rq`` files as they are; the usual prefixes (pol:, eli:,
oa:, skos:, dcterms:, ...) are predeclared by :class:`kg.store.embedded.Store`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from kg.errors import NotFoundError, QueryError
from kg.paths import queries_dir
from kg.store.embedded import STORE_NAME, QueryResult, Store


def named_queries() -> dict[str, Path]:
    return {p.stem: p for p in sorted(queries_dir().glob("*.rq"))}


@cache
def load_query(name: str) -> str:
    """The text of a packaged query, by name (file stem); read once, as the service asks for
    the same few on every request."""
    queries = named_queries()
    if name not in queries:
        raise NotFoundError(
            f"There is no named query {name!r}.",
            fix=f"use one of: {', '.join(queries)}",
        )
    return queries[name].read_text(encoding="utf-8")


def resolve_query(text_or_file: str) -> str:
    """A SPARQL string, a path to a .rq file, or the name of a packaged query."""
    if text_or_file in named_queries():
        return load_query(text_or_file)
    if text_or_file.endswith(".rq") or (len(text_or_file) < 256 and Path(text_or_file).is_file()):
        path = Path(text_or_file)
        if not path.is_file():
            raise QueryError(f"Query file {path} does not exist.", fix="check the path")
        return path.read_text(encoding="utf-8")
    return text_or_file


def open_built_store(data_dir: Path) -> Store:
    """The store written by `kg build`, read-only."""
    return Store.open(data_dir / STORE_NAME, read_only=True)


def run_query(
    text_or_file: str,
    *,
    data_dir: Path,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
) -> QueryResult:
    """A query on the built store; ``default_graphs`` / ``named_graphs`` override its FROM /
    FROM NAMED, as the protocol's default-graph-uri / named-graph-uri do."""
    return open_built_store(data_dir).query(
        resolve_query(text_or_file), default_graphs=default_graphs, named_graphs=named_graphs
    )


def select(store: Store, name: str) -> list[dict[str, Any]]:
    """Rows of a named SELECT query."""
    result = store.query(load_query(name))
    rows = [r for r in result if isinstance(r, dict)] if isinstance(result, list) else None
    if rows is None or len(rows) != len(result):  # type: ignore[arg-type]
        raise QueryError(f"Named query {name!r} is not a SELECT.", fix="use run_query for it")
    return rows


def graph_stats(*, data_dir: Path) -> list[dict[str, Any]]:
    store = open_built_store(data_dir)
    rows = select(store, "stats")
    parents = {j["id"]: j for j in select(store, "jurisdictions")}
    for row in rows:  # the chain of parents, nearest first (镇江市 → 江苏省 → 中国)
        chain, current = [], parents.get(row["jurisdiction"], {}).get("parent")
        while current in parents and current not in chain:
            chain.append(current)
            current = parents[current].get("parent")
        row["within"] = " → ".join(str(parents[c].get("label_zh") or c) for c in chain)
    return [
        *rows,
        {**{k: "" for k in rows[0]}, "doc": "all quads", "targets": len(store)}
        if rows
        else {"doc": "all quads", "targets": len(store)},
    ]

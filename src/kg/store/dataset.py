"""Which RDF dataset a query runs on, decided once for every backend.

SPARQL 1.1 (Query §13.2, Protocol §2.1.4): the protocol's ``default-graph-uri`` /
``named-graph-uri`` override the query's ``FROM`` / ``FROM NAMED``; with either, the default
graph is the merge of the graphs named (empty for a graph the store does not hold) and ``GRAPH``
ranges over the named graphs listed only. With neither, the store's own dataset applies; here
that is the union of all named graphs as the default graph, every named graph for ``GRAPH``.
The query's clauses are read from rdflib's parse tree, with its prefixes and base resolved.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib.plugins.sparql.algebra import translatePName, translatePrologue
from rdflib.plugins.sparql.parser import parseQuery

from kg.errors import InputError, QueryError
from kg.graph.ns import BASE, PREFIXES

PARSE_LOCK = threading.Lock()  # rdflib's pyparsing grammar is not safe across threads
# Strings, IRIs and comments, or a FROM keyword: scanned left to right, a FROM inside one of the
# others is consumed with it. Only a query with a FROM token left can have a dataset clause, and
# only such a query pays for rdflib's parse (hundreds of ms for the longer named queries).
_FROM_TOKEN = re.compile(
    "|".join(
        (
            r'"""[\s\S]*?"""',
            r"'''[\s\S]*?'''",
            r'"(?:[^"\\\n]|\\.)*"',
            r"'(?:[^'\\\n]|\\.)*'",
            r'<[^<>"{}|^`\\\s]*>',
            r"#[^\n]*",
            r"(\bFROM\b)",
        )
    ),
    re.IGNORECASE,
)


@dataclass(frozen=True)
class QueryDataset:
    """An explicit dataset: the default graph is the merge of ``default``; ``GRAPH`` ranges over
    ``named``."""

    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()


@lru_cache(maxsize=512)
def parse_query(sparql: str) -> Any:
    """rdflib's parse tree of a query (raises pyparsing's ParseException)."""
    with PARSE_LOCK:
        return parseQuery(sparql)


@lru_cache(maxsize=512)
def _clauses(sparql: str) -> QueryDataset | None:
    try:
        tree = parse_query(sparql)
    except ParseException as exc:
        raise QueryError(
            f"The SPARQL query does not parse: {exc}.",
            fix="check the syntax against SPARQL 1.1 (FROM and FROM NAMED take one IRI each)",
        ) from None
    clauses = dict.get(tree[1], "datasetClause") or []  # CompValue.get answers its key name
    if not clauses:
        return None
    prologue = translatePrologue(tree[0], BASE, dict(PREFIXES))
    default: list[str] = []
    named: list[str] = []
    for clause in clauses:
        into, iri = (
            (default, clause["default"]) if "default" in clause else (named, clause["named"])
        )
        into.append(str(translatePName(iri, prologue)))
    return QueryDataset(default=tuple(default), named=tuple(named))


def _iris(iris: Sequence[str]) -> tuple[str, ...]:
    """Protocol graph names, refused (a 400 at the endpoint) unless absolute IRIs."""
    for iri in iris:
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise InputError(
                f"{iri!r} is not an absolute IRI.", fix="give graph names as absolute IRIs"
            ) from None
    return tuple(iris)


def query_dataset(
    sparql: str, *, default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()
) -> QueryDataset | None:
    """The dataset ``sparql`` runs on: the protocol's graphs when any is given, else the query's
    FROM / FROM NAMED (relative IRIs against the graph's base), else ``None`` (the store's own:
    the union of the named graphs as default graph)."""
    if default_graphs or named_graphs:
        return QueryDataset(default=_iris(default_graphs), named=_iris(named_graphs))
    if not any(m.group(1) for m in _FROM_TOKEN.finditer(sparql)):
        return None  # no FROM keyword: no dataset clause, and no parse
    return _clauses(sparql)

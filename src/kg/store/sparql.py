"""The SPARQL 1.1 Protocol's library half: what a query may do, which format a client gets,
and how results are written, the same for every backend.

Every backend answers a protocol query with a :class:`RawResult` (SPARQL JSON results, or
N-Triples for graphs) already cut at the row cap; :func:`render` turns it into what the client
asked for with pyoxigraph's serializers, so the formats are right whatever engine answered.
Queries are checked on rdflib's parse tree, never by string matching: an update or a SERVICE
pattern is refused before any engine sees it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal
from urllib.parse import parse_qsl

import pyoxigraph as ox
from pyparsing import ParseException
from rdflib.plugins.sparql.parser import parseUpdate

from kg.errors import (
    ForbiddenQueryError,
    InputError,
    NotAcceptableError,
    QueryError,
    UnsupportedMediaTypeError,
)
from kg.graph.ns import BASE, PREFIXES
from kg.store.base import Backend, RawResult
from kg.store.dataset import PARSE_LOCK, parse_query
from kg.store.embedded import python_value

QueryForm = Literal["select", "ask", "construct", "describe"]

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
JSON_LD = "application/ld+json"
RDF_XML = "application/rdf+xml"
XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"

_RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    JSON: ox.QueryResultsFormat.JSON,
    XML: ox.QueryResultsFormat.XML,
    CSV: ox.QueryResultsFormat.CSV,
    TSV: ox.QueryResultsFormat.TSV,
}
_GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    TURTLE: ox.RdfFormat.TURTLE,
    NTRIPLES: ox.RdfFormat.N_TRIPLES,
    JSON_LD: ox.RdfFormat.JSON_LD,
    RDF_XML: ox.RdfFormat.RDF_XML,
}
# What a client may write in Accept for each format, best first (the first is the default).
_Offers = dict[str, tuple[str, ...]]
_RESULTS: _Offers = {
    JSON: (JSON, "application/json"),
    XML: (XML, "application/xml", "text/xml"),
    CSV: (CSV,),
    TSV: (TSV,),
}
_BOOLEAN: _Offers = {JSON: _RESULTS[JSON], XML: _RESULTS[XML]}
_GRAPHS: _Offers = {
    TURTLE: (TURTLE, "application/x-turtle"),
    NTRIPLES: (NTRIPLES, "text/plain"),
    JSON_LD: (JSON_LD, "application/json"),
    RDF_XML: (RDF_XML, "application/xml"),
}
_ALIASES = {"bindings": _RESULTS, "boolean": _BOOLEAN, "graph": _GRAPHS}


# --- checking queries ------------------------------------------------------------------


def _walk(node: Any, *, depth: int = 0) -> Iterable[Any]:
    """Every node of an rdflib parse tree (CompValue dicts and ParseResults lists)."""
    if depth > 500:
        raise QueryError("The query nests too deeply.", fix="flatten the query")
    yield node
    children: Iterable[Any]
    if isinstance(node, dict):
        children = node.values()
    elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        children = node
    else:
        return
    for child in children:
        yield from _walk(child, depth=depth + 1)


@lru_cache(maxsize=512)
def check_query(sparql: str) -> QueryForm:
    """The query's form, if the public endpoint runs it: a parseable read-only query with no
    SERVICE pattern. Updates and SERVICE are refused (403), anything else unparseable is 400."""
    try:
        tree = parse_query(sparql)
    except ParseException as exc:
        if _is_update(sparql):
            raise ForbiddenQueryError(
                "This endpoint is read-only: SPARQL updates are refused.",
                fix="send a SELECT, ASK, CONSTRUCT or DESCRIBE query; to change the data, "
                "rebuild it with `kg build`",
            ) from None
        raise QueryError(
            f"The SPARQL query does not parse: {exc}.",
            fix="check the syntax against SPARQL 1.1 (the usual prefixes pol:, eli:, skos:, … "
            "are predeclared)",
        ) from None
    for node in _walk(tree):
        if getattr(node, "name", None) == "ServiceGraphPattern":
            raise ForbiddenQueryError(
                "SERVICE (federated query) is not allowed on this endpoint.",
                fix="query the other endpoint yourself and join the results on your side",
            )
    forms: dict[str, QueryForm] = {
        "SelectQuery": "select",
        "AskQuery": "ask",
        "ConstructQuery": "construct",
        "DescribeQuery": "describe",
    }
    return forms[tree[1].name]


def _is_update(sparql: str) -> bool:
    try:
        with PARSE_LOCK:
            parseUpdate(sparql)
    except ParseException:
        return False
    return True


# --- choosing a format -----------------------------------------------------------------


def _accepted(accept: str | None) -> list[tuple[float, int, str]]:
    """(q, position, media type) of an Accept header, best first; no header means */*."""
    entries = []
    for position, part in enumerate((accept or "*/*").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media and q > 0:
            entries.append((-q, position, media))
    return [(-q, pos, media) for q, pos, media in sorted(entries)]


def choose(accept: str | None, offers: dict[str, tuple[str, ...]], *, what: str) -> str:
    """The offered media type the client prefers most; ``offers`` maps each media type to the
    names a client may write for it, best offer first (the pick for */*)."""
    for _q, _pos, media in _accepted(accept):
        for canonical, aliases in offers.items():
            if media in aliases or media in ("*/*", canonical.split("/")[0] + "/*"):
                return canonical
    raise NotAcceptableError(
        f"None of the accepted formats ({accept}) can express {what}.",
        fix=f"accept one of: {', '.join(offers)}",
    )


def negotiate(accept: str | None, kind: str) -> str:
    """The media type for a result of ``kind`` (bindings, boolean or graph)."""
    return choose(accept, _ALIASES[kind], what=f"this {kind} result")


def query_kind(form: QueryForm) -> str:
    return {"select": "bindings", "ask": "boolean"}.get(form, "graph")


# --- writing results -------------------------------------------------------------------


def render(result: RawResult, media_type: str) -> bytes:
    """The result in ``media_type`` (chosen by :func:`negotiate`); JSON results carry a
    ``truncated: true`` member when the row cap cut them."""
    if result.ntriples is not None:
        triples = ox.parse(result.ntriples, format=ox.RdfFormat.N_TRIPLES)
        return ox.serialize(triples, format=_GRAPH_FORMATS[media_type], prefixes=PREFIXES) or b""
    assert result.results is not None
    if media_type == JSON:
        body = dict(result.results)
        if result.truncated:
            body["truncated"] = True
        return json.dumps(body, ensure_ascii=False).encode("utf-8")
    parsed = ox.parse_query_results(
        json.dumps(result.results).encode("utf-8"), format=ox.QueryResultsFormat.JSON
    )
    return parsed.serialize(format=_RESULT_FORMATS[media_type]) or b""


def term_json(term: Any) -> dict[str, Any]:
    """A pyoxigraph term as a SPARQL JSON results binding."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": term_json(term.subject),
                "predicate": term_json(term.predicate),
                "object": term_json(term.object),
            },
        }
    raise QueryError(f"Unexpected term {term!r} in a result.", fix="report this as a bug")


def json_term(binding: dict[str, Any]) -> Any:
    """A SPARQL JSON results binding as a pyoxigraph term (also reads the older
    ``typed-literal`` type some servers still send)."""
    kind: Any = binding.get("type")
    value: Any = binding.get("value")
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if kind in ("literal", "typed-literal"):
        if binding.get("xml:lang"):
            return ox.Literal(value, language=binding["xml:lang"])
        if binding.get("datatype"):
            return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
        return ox.Literal(value)
    if kind == "triple":
        parts = value
        return ox.Triple(
            json_term(parts["subject"]), json_term(parts["predicate"]), json_term(parts["object"])
        )
    raise QueryError(f"Unreadable result binding {binding!r}.", fix="check the SPARQL server")


def json_rows(results: dict[str, Any]) -> list[dict[str, Any]] | bool:
    """SPARQL JSON results as the Python shapes of :meth:`kg.store.embedded.Store.query`."""
    if "boolean" in results:
        return bool(results["boolean"])
    names = results["head"].get("vars", [])
    return [
        {n: python_value(json_term(b[n])) if n in b else None for n in names}
        for b in results["results"]["bindings"]
    ]


def cap_bindings(
    names: Sequence[str], rows: Iterable[dict[str, Any]], *, row_cap: int
) -> RawResult:
    """SPARQL JSON results of at most ``row_cap`` rows (already in JSON binding form)."""
    kept: list[dict[str, Any]] = []
    truncated = False
    for row in rows:
        if len(kept) >= row_cap:
            truncated = True
            break
        kept.append(row)
    return RawResult(
        results={"head": {"vars": list(names)}, "results": {"bindings": kept}},
        truncated=truncated,
    )


def cap_triples(triples: Iterable[ox.Triple], *, row_cap: int) -> RawResult:
    kept: list[ox.Triple] = []
    truncated = False
    for triple in triples:
        if len(kept) >= row_cap:
            truncated = True
            break
        kept.append(triple)
    data = ox.serialize(kept, format=ox.RdfFormat.N_TRIPLES) if kept else None
    return RawResult(ntriples=data or b"", truncated=truncated)


# --- safe parameters -------------------------------------------------------------------

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def sparql_literal(value: str, *, datatype: str | None = None) -> str:
    """A string as a SPARQL literal, every special character escaped."""
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f'"{escaped}"' + (f"^^<{datatype}>" if datatype else "")


def sparql_iri(value: str) -> str:
    """An IRI in angle brackets; characters that could end or break it are refused."""
    if _IRI_FORBIDDEN.search(value) or ":" not in value:
        raise InputError(f"{value!r} is not a valid IRI.", fix="percent-encode the IRI")
    return f"<{value}>"


VALUES_MARKER = "# @values"


def bind(query: str, values: dict[str, str]) -> str:
    """A named query with its parameters bound: the ``# @values`` comment line replaced by one
    VALUES clause per parameter. ``values`` maps a variable to an already escaped term
    (:func:`sparql_literal`, :func:`sparql_iri`); unbound parameters stay unbound."""
    if not values:
        return query
    if VALUES_MARKER not in query:
        raise QueryError("This query takes no parameters.", fix=f"add a {VALUES_MARKER} line")
    clauses = " ".join(f"VALUES ?{name} {{ {term} }}" for name, term in values.items())
    return query.replace(VALUES_MARKER, clauses, 1)


def prefix_block() -> str:
    """BASE and PREFIX declarations as the embedded store predeclares them, for servers that
    need them written."""
    return f"BASE <{BASE}>\n" + "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


@dataclass(frozen=True)
class Answer:
    body: bytes
    media_type: str
    truncated: bool


def answer(
    store: Backend,
    sparql: str,
    *,
    accept: str | None,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
    row_cap: int,
) -> Answer:
    """One protocol request, checked (read-only, no SERVICE), negotiated before it runs (a
    406 costs nothing), run on ``store`` and written in the chosen format."""
    kind = query_kind(check_query(sparql))
    media_type = negotiate(accept, kind)
    result = store.protocol_query(
        sparql,
        default_graphs=default_graphs,
        named_graphs=named_graphs,
        row_cap=row_cap,
    )
    return Answer(render(result, media_type), media_type, result.truncated)


@dataclass(frozen=True)
class ProtocolRequest:
    query: str
    default_graphs: list[str]
    named_graphs: list[str]


FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"


def _utf8(body: bytes, charset: str | None) -> str:
    if charset and charset.lower().replace("-", "") != "utf8":
        raise UnsupportedMediaTypeError(
            f"The body is declared as {charset}; the protocol requires UTF-8.",
            fix="send the query encoded as UTF-8",
        )
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("The body is not valid UTF-8.", fix="send UTF-8") from None


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    media, *params = (p.strip() for p in header.split(";"))
    charset = next(
        (v.strip('"') for k, _, v in (p.partition("=") for p in params) if k.lower() == "charset"),
        None,
    )
    return media.lower(), charset


def parse_request(
    *, method: str, params: Sequence[tuple[str, str]], content_type: str | None, body: bytes
) -> ProtocolRequest:
    """A protocol request (query via GET, URL-encoded POST or direct POST) as the one query and
    dataset it asks for. Updates are refused (403); two queries, none, or a body in another
    media type are client errors."""
    fields = list(params)
    if method == "POST":
        media, charset = _content_type(content_type)
        if media == FORM:
            fields += parse_qsl(_utf8(body, charset), keep_blank_values=True)
        elif media == SPARQL_QUERY:
            fields.append(("query", _utf8(body, charset)))
        elif media == SPARQL_UPDATE:
            fields.append(("update", ""))
        else:
            raise UnsupportedMediaTypeError(
                f"A SPARQL POST body must be {FORM} or {SPARQL_QUERY}, not {media}.",
                fix=f"set Content-Type: {SPARQL_QUERY} (query as the body) or {FORM} (query=…)",
            )
    if any(name in ("update", "using-graph-uri", "using-named-graph-uri") for name, _ in fields):
        raise ForbiddenQueryError(
            "This endpoint is read-only: SPARQL updates are refused.",
            fix="send a query; to change the data, rebuild it with `kg build`",
        )
    queries = [value for name, value in fields if name == "query"]
    if len(queries) != 1:
        raise QueryError(
            f"A request must carry exactly one query; this one has {len(queries)}.",
            fix="pass one query= parameter (GET or URL-encoded POST), or the query as a "
            f"{SPARQL_QUERY} body",
        )
    return ProtocolRequest(
        query=queries[0],
        default_graphs=[v for n, v in fields if n == "default-graph-uri"],
        named_graphs=[v for n, v in fields if n == "named-graph-uri"],
    )

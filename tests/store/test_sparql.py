"""kg.store.sparql: what the public endpoint accepts, how it negotiates and writes results, and how
parameters reach SPARQL (escaped VALUES, never string-built patterns)."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from kg.errors import (
    ForbiddenQueryError,
    InputError,
    NotAcceptableError,
    QueryError,
    UnsupportedMediaTypeError,
)
from kg.store.sparql import (
    RawResult,
    bind,
    cap_bindings,
    check_query,
    json_rows,
    negotiate,
    parse_request,
    render,
    sparql_iri,
    sparql_literal,
)


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("ASK {}", "ask"),
        ("SELECT * WHERE { ?s ?p ?o }", "select"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "construct"),
        ("DESCRIBE <http://example.org/>", "describe"),
        ('SELECT * WHERE { ?s ?p "SERVICE <http://x/> { }" }', "select"),
    ],
)
def test_sparql_check_query_accepts_read_only_queries(query: str, form: str) -> None:
    assert check_query(query) == form


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { OPTIONAL { SERVICE SILENT ?endpoint { ?s ?p ?o } } }",
        "ASK { FILTER NOT EXISTS { SeRvIcE <http://e.org/> { ?s ?p ?o } } }",
        "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://e.org/> { ?s ?p ?o } } } }",
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "CLEAR ALL",
        "LOAD <http://example.org/data.ttl>",
    ],
)
def test_sparql_check_query_refuses_service_and_updates(query: str) -> None:
    with pytest.raises(ForbiddenQueryError) as caught:
        check_query(query)
    assert caught.value.http_status == 403 and caught.value.fix


def test_sparql_check_query_reports_syntax_errors() -> None:
    with pytest.raises(QueryError) as caught:
        check_query("SELECT * WHERE {")
    assert caught.value.http_status == 400


@pytest.mark.parametrize(
    ("accept", "kind", "media"),
    [
        (None, "bindings", "application/sparql-results+json"),
        ("*/*", "graph", "text/turtle"),
        (
            "text/csv;q=0.5, application/sparql-results+xml",
            "bindings",
            "application/sparql-results+xml",
        ),
        ("application/json", "graph", "application/ld+json"),
        ("text/*", "bindings", "text/csv"),
        ("application/n-triples;q=0.2, text/turtle;q=0.9", "graph", "text/turtle"),
    ],
)
def test_sparql_negotiate_picks_the_preferred_format(accept, kind: str, media: str) -> None:
    assert negotiate(accept, kind) == media


def test_sparql_negotiate_refuses_what_it_cannot_write() -> None:
    with pytest.raises(NotAcceptableError):
        negotiate("text/csv", "boolean")


def test_sparql_bind_escapes_every_value() -> None:
    hostile = '"} } ; DROP ALL ; SELECT * { ?s ?p "'
    query = bind("SELECT ?x WHERE {\n  # @values\n  ?s ?p ?x }", {"x": sparql_literal(hostile)})
    store = ox.Store()
    for value in (hostile, "other"):
        store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal(value)))
    assert [row["x"].value for row in store.query(query)] == [hostile]
    assert sparql_literal('a"b\\c\nd') == '"a\\"b\\\\c\\nd"'
    with pytest.raises(InputError):
        sparql_iri("http://example.org/> . ?s ?p <x")
    assert bind("ASK {}", {}) == "ASK {}"


def test_sparql_render_round_trips_through_every_results_format() -> None:
    result = cap_bindings(
        ["v"],
        [{"v": {"type": "literal", "value": "莱阳", "xml:lang": "zh"}}] * 3,
        row_cap=2,
    )
    assert result.truncated
    body = json.loads(render(result, "application/sparql-results+json"))
    assert body["truncated"] is True and len(body["results"]["bindings"]) == 2
    assert json_rows(body) == [{"v": "莱阳"}, {"v": "莱阳"}]
    assert render(result, "text/csv").decode().splitlines() == ["v", "莱阳", "莱阳"]
    assert b"xml:lang" in render(result, "application/sparql-results+xml")
    boolean = RawResult(results={"head": {}, "boolean": True})
    assert json.loads(render(boolean, "application/sparql-results+json"))["boolean"] is True
    assert b"<boolean>true</boolean>" in render(boolean, "application/sparql-results+xml")


def test_sparql_parse_request_follows_the_protocol() -> None:
    get = parse_request(
        method="GET",
        params=[("query", "ASK {}"), ("default-graph-uri", "http://g/1")],
        content_type=None,
        body=b"",
    )
    assert (get.query, get.default_graphs, get.named_graphs) == ("ASK {}", ["http://g/1"], [])
    form = parse_request(
        method="POST",
        params=[("named-graph-uri", "http://g/2")],
        content_type="application/x-www-form-urlencoded",
        body=b"query=ASK+%7B%7D&named-graph-uri=http%3A%2F%2Fg%2F3",
    )
    assert form.query == "ASK {}" and form.named_graphs == ["http://g/2", "http://g/3"]
    direct = parse_request(
        method="POST",
        params=[],
        content_type="application/sparql-query; charset=UTF-8",
        body='ASK { ?s ?p "莱阳" }'.encode(),
    )
    assert "莱阳" in direct.query
    with pytest.raises(QueryError):
        parse_request(method="GET", params=[("query", "ASK {}")] * 2, content_type=None, body=b"")
    with pytest.raises(UnsupportedMediaTypeError):
        parse_request(method="POST", params=[], content_type="text/plain", body=b"ASK {}")
    with pytest.raises(UnsupportedMediaTypeError):
        parse_request(
            method="POST",
            params=[],
            content_type="application/sparql-query; charset=UTF-16",
            body="ASK {}".encode("utf-16"),
        )
    with pytest.raises(ForbiddenQueryError):
        parse_request(
            method="POST", params=[], content_type="application/sparql-update", body=b"CLEAR ALL"
        )

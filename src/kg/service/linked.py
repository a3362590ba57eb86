"""Linked data: the graph's IRIs (https://w3id.org/policy-kg/id/...) dereference on the service
under /id/..., as HTML for people and as JSON-LD, Turtle or N-Triples for machines.

A resource's description is every triple with it as subject, plus the labels and identifiers
of the nodes it points to, so a reader can follow links without a second request.
"""

from __future__ import annotations

import html
from urllib.parse import quote

import pyoxigraph as ox

from kg.errors import NotFoundError
from kg.graph.ns import BASE, PREFIXES
from kg.store.base import Backend, RawResult
from kg.store.sparql import sparql_iri

HTML = "text/html"

_DESCRIBE = """CONSTRUCT {{
  {iri} ?p ?o . ?o skos:prefLabel ?label . ?o dcterms:identifier ?id .
}} WHERE {{
  {iri} ?p ?o .
  OPTIONAL {{ ?o skos:prefLabel ?label }}
  OPTIONAL {{ ?o dcterms:identifier ?id }}
}}"""


def resource_iri(path: str) -> str:
    """The graph IRI /id/<path> stands for; ``path`` is the decoded URL path, re-encoded the
    way :mod:`kg.graph.ns` builds IRIs (unreserved characters kept, the rest percent-encoded)."""
    return f"{BASE}id/" + "/".join(quote(part, safe="-._~") for part in path.split("/"))


def describe(store: Backend, path: str, *, row_cap: int) -> RawResult:
    iri = resource_iri(path)
    result = store.protocol_query(_DESCRIBE.format(iri=sparql_iri(iri)), row_cap=row_cap)
    if not result.ntriples:
        raise NotFoundError(f"The graph says nothing about {iri}.", fix="check the IRI")
    return result


def _local_href(iri: str) -> str:
    return iri[len(BASE) - 1 :] if iri.startswith(BASE + "id/") else iri


def _curie(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _cell(term: object, labels: dict[str, str]) -> str:
    if isinstance(term, ox.NamedNode):
        text = labels.get(term.value, _curie(term.value))
        return f'<a href="{html.escape(_local_href(term.value))}">{html.escape(text)}</a>'
    if isinstance(term, ox.Literal):
        lang = f" <small>@{term.language}</small>" if term.language else ""
        return f"<span>{html.escape(term.value)}</span>{lang}"
    return html.escape(str(term))


def html_page(path: str, result: RawResult) -> str:
    """A plain HTML page: the resource's properties, with links to the resources they name."""
    iri = resource_iri(path)
    triples = list(ox.parse(result.ntriples or b"", format=ox.RdfFormat.N_TRIPLES))
    labels = {
        t.subject.value: t.object.value
        for t in triples
        if t.predicate.value.endswith(("#prefLabel", "#title"))
        and isinstance(t.object, ox.Literal)
        and t.object.language == "zh"
    }
    rows = "\n".join(
        f"<tr><th>{html.escape(_curie(t.predicate.value))}</th>"
        f"<td>{_cell(t.object, labels)}</td></tr>"
        for t in sorted(triples, key=lambda t: (t.predicate.value, str(t.object)))
        if t.subject.value == iri
    )
    title = html.escape(labels.get(iri, iri))
    return (
        '<!doctype html>\n<html lang="zh"><head><meta charset="utf-8">'
        f"<title>{title}</title></head>\n<body><h1>{title}</h1>\n"
        f"<p><code>{html.escape(iri)}</code> — also as "
        '<a href="?format=jsonld">JSON-LD</a>, <a href="?format=ttl">Turtle</a></p>\n'
        f"<table>\n{rows}\n</table></body></html>\n"
    )

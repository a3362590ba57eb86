"""Linked data: /id/... serves the graph's own IRIs (https://w3id.org/policy-kg/id/...)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import HTMLResponse

from api.deps import Config, Store
from kg.service import linked
from kg.store import sparql

router = APIRouter(tags=["linked data"])

_FORMATS = {
    "html": linked.HTML,
    "jsonld": sparql.JSON_LD,
    "ttl": sparql.TURTLE,
    "nt": sparql.NTRIPLES,
}
_OFFERS: dict[str, tuple[str, ...]] = {
    linked.HTML: (linked.HTML, "application/xhtml+xml"),
    sparql.JSON_LD: (sparql.JSON_LD, "application/json"),
    sparql.TURTLE: (sparql.TURTLE, "application/x-turtle"),
    sparql.NTRIPLES: (sparql.NTRIPLES, "text/plain"),
}
_TURTLE_EXAMPLE = (
    "<https://w3id.org/policy-kg/id/doc/laiyang-2024-28/target/5> a pol:Target ;\n"
    '    pol:value "100"^^xsd:decimal ;\n    pol:unit "%" .\n'
)


@router.get(
    "/id/{path:path}",
    response_class=Response,
    responses={
        200: {
            "description": "The resource's triples, as HTML, JSON-LD, Turtle or N-Triples.",
            "content": {
                linked.HTML: {"example": "<!doctype html><html>…</html>"},
                sparql.JSON_LD: {"schema": {"type": "array", "items": {"type": "object"}}},
                sparql.TURTLE: {"example": _TURTLE_EXAMPLE},
                sparql.NTRIPLES: {"schema": {"type": "string"}},
            },
        }
    },
)
def resource(
    request: Request,
    store: Store,
    settings: Config,
    path: Annotated[str, Path(max_length=1000, examples=["doc/laiyang-2024-28/target/5"])],
    format: Annotated[
        Literal["html", "jsonld", "ttl", "nt"] | None,
        Query(description="Overrides Accept.", examples=["ttl"]),
    ] = None,
) -> Response:
    """Dereference a graph IRI (document, task, unit, target, indicator…) by content negotiation."""
    media = (
        _FORMATS[format]
        if format
        else sparql.choose(request.headers.get("accept"), _OFFERS, what="this resource")
    )
    result = linked.describe(store, path, row_cap=settings.row_cap)
    headers = {"Vary": "Accept"}
    if media == linked.HTML:
        return HTMLResponse(linked.html_page(path, result), headers=headers)
    return Response(sparql.render(result, media), media_type=media, headers=headers)

"""The SPARQL 1.1 Protocol endpoint: read-only, no SERVICE, time-limited, row-capped."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.deps import Config, Store
from kg.store import sparql

router = APIRouter(tags=["sparql"])

EXAMPLE_QUERY = (
    "SELECT ?city ?value ?deadline WHERE { ?t pol:indicator ?i ; pol:value ?value ; "
    "pol:deadline ?deadline ; pol:inDocument/pol:jurisdiction/skos:notation ?city } LIMIT 5"
)
_EXAMPLE_RESULT = {
    "head": {"vars": ["city", "value", "deadline"]},
    "results": {
        "bindings": [
            {
                "city": {"type": "literal", "value": "laiyang"},
                "value": {"type": "literal", "value": "50", "datatype": sparql.XSD_DECIMAL},
                "deadline": {"type": "literal", "value": "2025-12-31", "datatype": sparql.XSD_DATE},
            }
        ]
    },
}
_RESPONSES: dict[int | str, Any] = {
    200: {
        "description": "Results (SELECT, ASK) or a graph (CONSTRUCT, DESCRIBE), by Accept. "
        "X-KG-Truncated: true when the row cap cut the answer.",
        "content": {
            sparql.JSON: {"example": _EXAMPLE_RESULT},
            sparql.XML: {"schema": {"type": "string"}},
            sparql.CSV: {"example": "city,value,deadline\nlaiyang,50,2025-12-31\n"},
            sparql.TSV: {"schema": {"type": "string"}},
            sparql.TURTLE: {"schema": {"type": "string"}},
            sparql.NTRIPLES: {"schema": {"type": "string"}},
            sparql.JSON_LD: {"schema": {"type": "object"}},
        },
    }
}
_GRAPH_PARAMS = {"style": "form", "explode": True}
_BODY = {
    "requestBody": {
        "content": {
            sparql.SPARQL_QUERY: {"schema": {"type": "string"}, "example": EXAMPLE_QUERY},
            sparql.FORM: {
                "schema": {
                    "type": "object",
                    "properties": {"query": {"type": "string"}},
                    "required": ["query"],
                },
                "example": {"query": EXAMPLE_QUERY},
            },
        },
        "required": True,
    }
}

GraphUris = Annotated[
    list[str] | None,
    Query(
        alias="default-graph-uri",
        description="Default graph(s) of the dataset: their merge, overriding the query's FROM "
        "and FROM NAMED. Without either, the default graph is the union of all graphs.",
    ),
]
NamedGraphUris = Annotated[
    list[str] | None,
    Query(
        alias="named-graph-uri",
        description="Named graph(s) GRAPH ranges over, overriding the query's FROM and FROM "
        "NAMED (with only these, the default graph is empty).",
    ),
]


async def _respond(request: Request, store: Store, settings: Config) -> Response:
    protocol = sparql.parse_request(
        method=request.method,
        params=request.query_params.multi_items(),
        content_type=request.headers.get("content-type"),
        body=await request.body() if request.method == "POST" else b"",
    )
    answer = await run_in_threadpool(
        sparql.answer,
        store,
        protocol.query,
        accept=request.headers.get("accept"),
        default_graphs=protocol.default_graphs,
        named_graphs=protocol.named_graphs,
        row_cap=settings.row_cap,
    )
    return Response(
        answer.body,
        media_type=answer.media_type,
        headers={"X-KG-Truncated": "true" if answer.truncated else "false", "Vary": "Accept"},
    )


@router.get("/sparql", response_class=Response, responses=_RESPONSES)
async def sparql_get(
    request: Request,
    store: Store,
    settings: Config,
    query: Annotated[
        str | None, Query(description="A SPARQL 1.1 query.", examples=[EXAMPLE_QUERY])
    ] = None,
    default_graph_uri: GraphUris = None,
    named_graph_uri: NamedGraphUris = None,
) -> Response:
    """SPARQL 1.1 Protocol query via GET; updates and SERVICE are refused (403)."""
    return await _respond(request, store, settings)


@router.post("/sparql", response_class=Response, responses=_RESPONSES, openapi_extra=_BODY)
async def sparql_post(
    request: Request,
    store: Store,
    settings: Config,
    default_graph_uri: GraphUris = None,
    named_graph_uri: NamedGraphUris = None,
) -> Response:
    """SPARQL 1.1 Protocol query via POST (URL-encoded form or application/sparql-query)."""
    return await _respond(request, store, settings)

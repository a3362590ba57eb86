"""Comparable indicators and their cross-city comparison (kg.analysis.compare)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response

from api.deps import Store
from api.examples import COMPARISON, INDICATOR
from api.models import ComparisonRow, Indicator, Page
from api.routes import Limit, Offset, example, page_example
from kg.analysis import compare
from kg.service import resources as service

router = APIRouter(prefix="/indicators", tags=["indicators"])
IndicatorId = Annotated[str, Path(max_length=200, examples=["village-doctor-licensed-share"])]


@router.get("", response_model=Page[Indicator], responses=page_example(INDICATOR))
def list_indicators(store: Store, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Indicators that targets are linked to, most widely shared across cities first."""
    return service.page(compare.indicators(store), limit=limit, offset=offset)


@router.get("/{indicator_id}", response_model=Indicator, responses=example(INDICATOR))
def get_indicator(store: Store, indicator_id: IndicatorId) -> dict[str, Any]:
    """One indicator: labels, comparable unit, direction of ambition, scope note."""
    return compare.indicator(store, indicator_id)


@router.get(
    "/{indicator_id}/compare",
    response_model=list[ComparisonRow],
    responses=example([COMPARISON]),
)
def compare_indicator(
    store: Store,
    request: Request,
    response: Response,
    indicator_id: IndicatorId,
    cities: Annotated[
        list[str] | None,
        Query(
            max_length=20,
            description="Only these cities (id or name).",
            examples=[["laiyang", "qingdao"]],
        ),
    ] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[dict[str, Any]]:
    """Every city's targets on one indicator, side by side, each with its quote and clause,
    ordered by city, document and position; `limit` rows from `offset`. `X-Total-Count` says
    how many rows there are, and a `Link` header points to the next page."""
    rows, total = compare.compare_page(
        store, indicator_id, cities=cities, limit=limit, offset=offset
    )
    response.headers["X-Total-Count"] = str(total)
    if offset + limit < total:
        following = request.url.include_query_params(offset=offset + limit, limit=limit)
        response.headers["Link"] = f'<{following}>; rel="next"'
    return rows

"""Responsible units (org:Organization) and their tasks by role."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from api.deps import Store
from api.examples import UNIT, UNIT_DETAIL
from api.models import Page, Unit, UnitDetail
from api.routes import CityFilter, Limit, Offset, example, page_example
from kg.service import resources as service

router = APIRouter(prefix="/units", tags=["units"])


@router.get("", response_model=Page[Unit], responses=page_example(UNIT))
def list_units(
    store: Store,
    city: CityFilter = None,
    function: Annotated[
        str | None,
        Query(max_length=100, description="A unit function.", examples=["health"]),
    ] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Units per city with their function (health, finance, …), comparable across cities."""
    return service.page(
        service.units(store, city=city, function=function), limit=limit, offset=offset
    )


@router.get("/{city_id}/{slug}", response_model=UnitDetail, responses=example(UNIT_DETAIL))
def get_unit(
    store: Store,
    city_id: Annotated[str, Path(max_length=100, examples=["laiyang"])],
    slug: Annotated[str, Path(max_length=200, examples=["finance-15ea50a5"])],
) -> dict[str, Any]:
    """One unit and the tasks it leads, co-handles or holds implicitly."""
    return service.unit(store, f"{city_id}/{slug}")

"""Cities and other jurisdictions, with their hierarchy."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from api.deps import Store
from api.examples import CITY, CITY_DETAIL
from api.models import City, CityDetail, Page
from api.routes import Limit, Offset, example, page_example
from kg.service import resources as service

router = APIRouter(prefix="/cities", tags=["cities"])
CityId = Annotated[str, Path(max_length=100, examples=["laiyang"])]


@router.get("", response_model=Page[City], responses=page_example(CITY))
def list_cities(store: Store, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Every jurisdiction (country, provinces, cities) with its chain of parents."""
    return service.page(service.cities(store), limit=limit, offset=offset)


@router.get("/{city_id}", response_model=CityDetail, responses=example(CITY_DETAIL))
def get_city(store: Store, city_id: CityId) -> dict[str, Any]:
    """One jurisdiction: names, level, hierarchy (laiyang → … → china), documents."""
    return service.city(store, city_id)

"""Cities and other jurisdictions, with their hierarchy."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from api.deps import Store
from api.examples import CITY, CITY_DETAIL
from api.models import City, CityDetail, Page
from api.routes import Limit, Offset, example, page_example
from kg.service import resources as service

router = APIRouter(prefix="/cities", tags=["cities"])
CityId = Annotated[str, Path(max_length=100, examples=["laiyang"])]


@router.get("", response_model=Page[City], responses=page_example(CITY))
def list_cities(
    store: Store,
    limit: Limit = 100,
    offset: Offset = 0,
    q: Annotated[
        str | None,
        Query(max_length=50, description="Part of a name: 青岛, Qingdao, qingdao or qd (pinyin)."),
    ] = None,
    parent: Annotated[
        str | None, Query(max_length=100, description="Only those directly under this one.")
    ] = None,
    level: Annotated[
        str | None, Query(max_length=50, description="Administrative level, e.g. province.")
    ] = None,
    documented: Annotated[
        bool, Query(description="Only jurisdictions that issued at least one document.")
    ] = False,
) -> dict[str, Any]:
    """Jurisdictions (country, provinces, prefectures, counties) with their chain of parents and
    number of documents; searched by name (Chinese, English or pinyin), parent and level."""
    found = service.search_cities(store, q=q, parent=parent, level=level, documented=documented)
    return service.page(found, limit=limit, offset=offset)


@router.get("/{city_id}", response_model=CityDetail, responses=example(CITY_DETAIL))
def get_city(store: Store, city_id: CityId) -> dict[str, Any]:
    """One jurisdiction: names, level, hierarchy (laiyang → … → china), documents."""
    return service.city(store, city_id)

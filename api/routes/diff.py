"""What two cities share and where they differ (kg.analysis.compare.diff)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from api.deps import Store
from api.examples import DIFF
from api.models import Diff
from api.routes import example
from kg.analysis import compare

router = APIRouter(prefix="/diff", tags=["indicators"])
CityName = Annotated[str, Path(max_length=100, examples=["laiyang"])]


@router.get("/{city_a}/{city_b}", response_model=Diff, responses=example(DIFF))
def diff_cities(store: Store, city_a: CityName, city_b: CityName) -> dict[str, Any]:
    """Shared indicators side by side (who is bolder), indicators only one city has, leads."""
    result: dict[str, Any] = compare.diff(store, city_a, city_b)
    return result

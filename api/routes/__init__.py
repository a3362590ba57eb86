"""One module per resource; each route is a few lines calling one function of kg."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query

Limit = Annotated[int, Query(ge=1, le=500, description="Page size.", examples=[20])]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.", examples=[0])]
CityFilter = Annotated[
    str | None, Query(max_length=100, description="A city id, e.g. laiyang.", examples=["laiyang"])
]
DocFilter = Annotated[
    str | None,
    Query(max_length=200, description="A document id.", examples=["laiyang-2024-28"]),
]


def example(payload: Any, *, media_type: str = "application/json") -> dict[int | str, Any]:
    """The ``responses`` argument that shows ``payload`` as the route's 200 example."""
    return {200: {"content": {media_type: {"example": payload}}}}


def page_example(item: dict[str, Any]) -> dict[int | str, Any]:
    return example({"total": 1, "limit": 20, "offset": 0, "items": [item]})

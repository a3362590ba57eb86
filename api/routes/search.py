"""Full-text search over the clauses of every document."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import Store
from api.examples import CLAUSE_HIT
from api.models import ClauseHit, Page
from api.routes import CityFilter, DocFilter, Limit, Offset, page_example
from kg.service import resources as service

router = APIRouter(prefix="/search", tags=["search"])


@router.get("", response_model=Page[ClauseHit], responses=page_example(CLAUSE_HIT))
def search_clauses(
    store: Store,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=200,
            pattern=r"\S",
            description="Terms that must all occur (substring match).",
            examples=["乡村医生 执业"],
        ),
    ],
    city: CityFilter = None,
    doc: DocFilter = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Clauses containing every term of q, with their document, measure and offsets."""
    return service.page(service.search(store, q, city=city, doc=doc), limit=limit, offset=offset)

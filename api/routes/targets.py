"""Targets: every figure with its deadline and its source clause, quote and offsets."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from api.deps import Store
from api.examples import TARGET
from api.models import Page, Target
from api.routes import CityFilter, DocFilter, Limit, Offset, example, page_example
from kg.service import resources as service

router = APIRouter(prefix="/targets", tags=["targets"])


@router.get("", response_model=Page[Target], responses=page_example(TARGET))
def list_targets(
    store: Store,
    city: CityFilter = None,
    doc: DocFilter = None,
    indicator: Annotated[
        str | None,
        Query(
            max_length=200,
            description="An indicator id.",
            examples=["village-doctor-licensed-share"],
        ),
    ] = None,
    kind: Annotated[
        str | None,
        Query(
            max_length=50,
            description="target, standard, funding, duration or named_goal.",
            examples=["target"],
        ),
    ] = None,
    deadline_before: Annotated[
        date | None, Query(description="Deadline on or before.", examples=["2025-12-31"])
    ] = None,
    deadline_after: Annotated[
        date | None, Query(description="Deadline on or after.", examples=["2025-01-01"])
    ] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Targets filtered by city, document, indicator, kind and deadline, in document order."""
    found = service.targets(
        store,
        city=city,
        doc=doc,
        indicator=indicator,
        kind=kind,
        deadline_before=deadline_before,
        deadline_after=deadline_after,
    )
    return service.page(found, limit=limit, offset=offset)


@router.get("/{doc_id}/{seq}", response_model=Target, responses=example(TARGET))
def get_target(
    store: Store,
    doc_id: Annotated[str, Path(max_length=200, examples=["laiyang-2024-28"])],
    seq: Annotated[int, Path(ge=1, le=1_000_000, examples=[5])],
) -> dict[str, Any]:
    """One target with its figures and its source clause, quote and offsets."""
    return service.target(store, doc_id, seq)

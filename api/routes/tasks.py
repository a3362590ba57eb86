"""Tasks (measures) and their responsible units, lead and co-responsible in order."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from api.deps import Store
from api.examples import TASK
from api.models import Page, Task
from api.routes import CityFilter, DocFilter, Limit, Offset, example, page_example
from kg.service import resources as service

router = APIRouter(prefix="/tasks", tags=["tasks"])


@router.get("", response_model=Page[Task], responses=page_example(TASK))
def list_tasks(
    store: Store,
    city: CityFilter = None,
    doc: DocFilter = None,
    unit: Annotated[
        str | None,
        Query(max_length=200, description="A unit id or name.", examples=["市财政局"]),
    ] = None,
    function: Annotated[
        str | None,
        Query(max_length=100, description="A unit function.", examples=["finance"]),
    ] = None,
    q: Annotated[
        str | None,
        Query(max_length=200, description="Text in the heading or clauses.", examples=["医保"]),
    ] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Tasks with their lead, co-responsible and implicit units, filtered and paginated."""
    found = service.tasks(store, city=city, doc=doc, unit=unit, function=function, text=q)
    return service.page(found, limit=limit, offset=offset)


@router.get("/{doc_id}/{measure}", response_model=Task, responses=example(TASK))
def get_task(
    store: Store,
    doc_id: Annotated[str, Path(max_length=200, examples=["laiyang-2024-28"])],
    measure: Annotated[str, Path(max_length=50, examples=["9"])],
) -> dict[str, Any]:
    """One task (a measure, by its slug: 二(三) -> 2-3) with its units in order."""
    return service.task(store, doc_id, measure)

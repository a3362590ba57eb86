"""The comparison web page at `/`: static HTML, CSS and JS (no build step), fed by `/matrix`."""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field

from api.deps import Store
from api.routes import Limit, Offset, example
from kg.analysis import compare

router = APIRouter(tags=["page"])
STATIC = FilePath(__file__).resolve().parents[1] / "static"
_MEDIA = {".html": "text/html", ".css": "text/css", ".js": "text/javascript"}
_FILES = {p.name for p in STATIC.iterdir()} if STATIC.is_dir() else set()

MATRIX_EXAMPLE = {
    "cities": [{"id": "laiyang", "label_zh": "莱阳", "label_en": "Laiyang"}],
    "rows": [
        {
            "indicator": "village-doctor-licensed-share",
            "label_zh": "乡村医生中具备执业（助理）医师资格人员比例",
            "label_en": "Share of village doctors with a licensed physician qualification",
            "curated": True,
            "higher_is_more_ambitious": True,
            "scope_note": "Qingdao also counts 乡村全科执业助理医师; Laiyang does not.",
            "cells": {
                "laiyang": {
                    "ambition": 0.0,
                    "targets": [
                        {
                            "doc": "laiyang-2024-28",
                            "measure": "(九)",
                            "measure_slug": "9",
                            "seq": 14,
                            "value": 50,
                            "value_max": None,
                            "unit": "%",
                            "comparator": ">=",
                            "deadline": "2025-12-31",
                            "start": 3177,
                            "end": 3207,
                            "quote": "乡村医生中具备执业（助理）医师资格的人员比例提高到50%以上",
                        }
                    ],
                }
            },
        }
    ],
    "total_indicators": 1,
    "offset": 0,
    "limit": 50,
    "documented_cities": 1,
}


class MatrixRow(BaseModel):
    indicator: str
    label_zh: str | None
    label_en: str | None
    curated: bool | None
    higher_is_more_ambitious: bool | None
    scope_note: str | None
    cells: dict[str, dict[str, Any]] = Field(
        description="By city id: the city's targets on the indicator (figure, deadline, "
        "source offsets and quote) and an ambition score in [0, 1] within the row."
    )


class Matrix(BaseModel):
    cities: list[dict[str, Any]] = Field(description="The jurisdictions compared, as chosen.")
    rows: list[MatrixRow]
    total_indicators: int = Field(
        description="Indicators any chosen jurisdiction has a target for."
    )
    offset: int
    limit: int | None
    documented_cities: int | None = Field(
        description="Jurisdictions in the graph that issued documents (when none were chosen)."
    )


@router.get("/", include_in_schema=False)
def page() -> FileResponse:
    return FileResponse(STATIC / "index.html", media_type="text/html")


@router.get("/static/{name}", include_in_schema=False)
def static(name: str = Path(max_length=40)) -> FileResponse:
    from kg.errors import NotFoundError

    if name not in _FILES:
        raise NotFoundError(f"There is no static file {name!r}.", fix="open / for the page")
    return FileResponse(STATIC / name, media_type=_MEDIA.get(FilePath(name).suffix))


@router.get("/matrix", response_model=Matrix, responses=example(MATRIX_EXAMPLE))
def get_matrix(
    store: Store,
    cities: Annotated[
        list[str] | None,
        Query(
            max_length=50,
            description="The jurisdictions to compare (id or name); by default those that issued "
            f"documents, up to {compare.MATRIX_DEFAULT_CITIES}.",
        ),
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Jurisdictions × indicators: each one's targets per indicator, shaded by ambition; the
    most widely shared indicators first, `limit` of them from `offset`."""
    return compare.matrix(store, cities=cities, limit=limit, offset=offset)

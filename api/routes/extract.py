"""Try a document: upload one file, get its targets and tasks (kg.pipeline.extract_upload).

The graph is not changed. The file is read by the same readers as ``kg add`` (OCR for scans
unless the operator set KG_EXTRACT_OCR=0), within a size limit (KG_EXTRACT_MAX_BYTES, checked
before the body is read) and a time limit (KG_EXTRACT_TIMEOUT). Extraction runs in a worker
thread, at most KG_EXTRACT_CONCURRENCY at a time; past the time limit the request is answered
with the error shape and the thread's result is dropped.
"""

from __future__ import annotations

from functools import partial
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, File, Form, UploadFile

from api.deps import Config
from api.examples import EXTRACT
from api.models import ExtractResult
from api.routes import example
from kg.errors import ExtractTimeoutError
from kg.pipeline import extract_upload

router = APIRouter(tags=["extract"])
_limiters: dict[int, anyio.CapacityLimiter] = {}


def _limiter(size: int) -> anyio.CapacityLimiter:
    if size not in _limiters:
        _limiters[size] = anyio.CapacityLimiter(size)
    return _limiters[size]


@router.post("/extract", response_model=ExtractResult, responses=example(EXTRACT))
async def extract_file(
    settings: Config,
    file: Annotated[UploadFile, File(description="A .pdf, .docx, .doc, .html, .txt or image.")],
    doc_id: Annotated[str | None, Form(max_length=100, description="Document id.")] = None,
    city: Annotated[str | None, Form(max_length=100, description="City name.")] = None,
) -> dict[str, Any]:
    """Targets and tasks of an uploaded document in the export contract, with page numbers
    (and ``ocr``/``confidence`` for a scan); nothing is stored."""
    data = await file.read()
    run = partial(
        extract_upload,
        data,
        filename=file.filename or "upload",
        doc_id=doc_id,
        city=city,
        ocr=settings.extract_ocr,
    )
    with anyio.move_on_after(settings.extract_timeout) as scope:
        result: dict[str, Any] = await anyio.to_thread.run_sync(
            run, abandon_on_cancel=True, limiter=_limiter(settings.extract_concurrency)
        )
    if scope.cancelled_caught:
        raise ExtractTimeoutError(
            f"{file.filename}: reading and extracting took longer than "
            f"{settings.extract_timeout:g} s.",
            fix="upload a shorter document or one with a text layer (OCR takes seconds a page), "
            "or ask the operator to raise KG_EXTRACT_TIMEOUT",
        )
    return result

"""Documents: metadata and citations, structure with offsets, and the raw text."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from api.deps import Store
from api.examples import DOCUMENT, DOCUMENT_CLEAN_TEXT, DOCUMENT_DETAIL, DOCUMENT_TEXT, STRUCTURE
from api.models import (
    Document,
    DocumentCleanText,
    DocumentDetail,
    DocumentStructure,
    DocumentText,
    Page,
)
from api.routes import CityFilter, Limit, Offset, example, page_example
from kg.service import resources as service

router = APIRouter(prefix="/documents", tags=["documents"])
DocId = Annotated[str, Path(max_length=200, examples=["laiyang-2024-28"])]


@router.get("", response_model=Page[Document], responses=page_example(DOCUMENT))
def list_documents(
    store: Store, city: CityFilter = None, limit: Limit = 100, offset: Offset = 0
) -> dict[str, Any]:
    """The corpus documents with their 文号, date, issuer and city."""
    return service.page(service.documents(store, city=city), limit=limit, offset=offset)


@router.get("/{doc_id}", response_model=DocumentDetail, responses=example(DOCUMENT_DETAIL))
def get_document(store: Store, doc_id: DocId) -> dict[str, Any]:
    """A document's metadata, the documents it cites (eli:cites) and those citing it."""
    return service.document(store, doc_id)


@router.get("/{doc_id}/structure", response_model=DocumentStructure, responses=example(STRUCTURE))
def get_structure(store: Store, doc_id: DocId) -> dict[str, Any]:
    """Sections, measures and clauses with [start, end) offsets into the raw text."""
    return service.document_structure(store, doc_id)


@router.get("/{doc_id}/text", response_model=DocumentText, responses=example(DOCUMENT_TEXT))
def get_text(store: Store, doc_id: DocId) -> dict[str, Any]:
    """The raw text as received; every offset in the API indexes this string."""
    return service.document_text(store, doc_id)


@router.get(
    "/{doc_id}/text/clean",
    response_model=DocumentCleanText,
    responses=example(DOCUMENT_CLEAN_TEXT),
)
def get_clean_text(store: Store, doc_id: DocId) -> dict[str, Any]:
    """The clean text the extraction read, with the map from raw offsets onto it."""
    return service.document_clean_text(store, doc_id)

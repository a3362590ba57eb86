"""The FastAPI application: routes per resource, one error shape, limits, CORS, and the
backend (worker pool over the embedded store, rdflib, or an external SPARQL server)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from api import errors
from api.cache import ResponseCache
from api.limits import RequestSizeLimit
from api.models import ErrorResponse
from api.routes import (
    cities,
    diff,
    documents,
    extract,
    health,
    indicators,
    linked,
    page,
    search,
    sparql,
    targets,
    tasks,
    units,
)
from api.settings import Settings
from kg.store.base import Backend
from kg.store.remote import RemoteStore
from kg.store.workers import PooledStore, QueryPool, ResultCache, WorkerSpec

DESCRIPTION = (
    "Targets, deadlines and responsible units of Chinese municipal health-policy documents, "
    "as REST resources, a read-only SPARQL 1.1 endpoint and linked data. Every figure links "
    "to its source clause, quote and offsets. Errors always have the shape "
    '`{"error": {"code", "message", "fix"}}`.'
)


def open_backend(settings: Settings) -> Backend:
    """An external server when an endpoint is set, else a worker pool over the local store."""
    if settings.endpoint:
        return RemoteStore(settings.endpoint, timeout=settings.query_timeout)
    pool = QueryPool(
        WorkerSpec(engine=settings.engine, store=settings.store),
        size=settings.workers,
        timeout=settings.query_timeout,
    )
    return PooledStore(pool, cache=ResultCache(entries=settings.cache_entries))


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = open_backend(settings)
        try:
            yield
        finally:
            app.state.store.close()

    error: dict[int | str, dict[str, Any]] = {
        status: {"model": ErrorResponse, "description": description}
        for status, description in (
            (400, "Bad request"),
            (404, "Not found"),
            (422, "Invalid parameters"),
            (503, "Query timed out or service busy"),
        )
    }
    app = FastAPIOffline(  # /docs and /redoc with their assets from the wheel, no CDN
        title="policy-kg",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        responses=error,
    )
    app.state.settings = settings
    errors.install(app)
    resources = (
        health,
        cities,
        documents,
        tasks,
        units,
        targets,
        indicators,
        diff,
        search,
        extract,
    )
    for module in (*resources, sparql, linked, page):
        app.include_router(module.router)
    app.add_middleware(ResponseCache, entries=settings.cache_entries)
    app.add_middleware(
        RequestSizeLimit,
        max_bytes=settings.max_request_bytes,
        uploads={"/extract": settings.extract_max_bytes},
    )
    if settings.cors_origin_list:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origin_list,
            allow_methods=["GET", "POST"],
            allow_headers=["*"],
            expose_headers=["X-KG-Truncated"],
        )
    return app

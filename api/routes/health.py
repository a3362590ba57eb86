"""Liveness: the service answers and its store answers a trivial query."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Store
from api.models import Health
from api.routes import example

router = APIRouter(tags=["service"])


@router.get(
    "/health", response_model=Health, responses=example({"status": "ok", "backend": "PooledStore"})
)
def health(store: Store) -> Health:
    """Whether the service and its store answer (runs ASK {})."""
    store.query("ASK {}")
    return Health(status="ok", backend=type(store).__name__)

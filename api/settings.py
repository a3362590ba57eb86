"""Service settings, read from the environment (KG_ prefix) or given by `kg serve`."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from kg.paths import data_dir


class Settings(BaseSettings):
    """Where the graph is and how much one request may cost."""

    model_config = SettingsConfigDict(env_prefix="KG_", extra="ignore")

    store: Path = Field(
        default_factory=lambda: data_dir() / "store",
        description="The on-disk store `kg build` wrote (graph.nq beside it for rdflib).",
    )
    endpoint: str | None = Field(
        default=None, description="An external SPARQL 1.1 query endpoint to use instead."
    )
    engine: Literal["oxigraph", "rdflib"] = Field(
        default="oxigraph", description="Local query engine; rdflib is the benchmark baseline."
    )
    workers: int = Field(default=2, ge=1, le=64, description="Query worker processes.")
    query_timeout: float = Field(default=30.0, gt=0, description="Seconds a query may run.")
    row_cap: int = Field(default=10_000, ge=1, description="Most rows a SPARQL answer holds.")
    cache_entries: int = Field(
        default=1024, ge=0, description="Query answers kept in memory (0: no cache)."
    )
    keep_alive: int = Field(
        default=75,
        ge=1,
        description="Seconds an idle keep-alive connection stays open. Longer than a client's "
        "or a load balancer's own idle limit (often 60 s), so the server never closes a "
        "connection just as a request is sent on it (uvicorn's 5 s did so under load).",
    )
    max_request_bytes: int = Field(
        default=1_000_000, ge=1024, description="Largest request body or query string."
    )
    extract_ocr: bool = Field(
        default=True, description="Whether POST /extract reads scans by OCR (KG_EXTRACT_OCR=0: no)."
    )
    extract_max_bytes: int = Field(
        default=20_000_000, ge=1024, description="Largest file POST /extract accepts."
    )
    extract_timeout: float = Field(
        default=120.0, gt=0, description="Seconds POST /extract may take for one file."
    )
    extract_concurrency: int = Field(
        default=1, ge=1, le=16, description="Uploads read and extracted at the same time."
    )
    cors_origins: str = Field(
        default="", description="Comma-separated origins allowed by CORS ('*' for any)."
    )

    @property
    def cors_origin_list(self) -> list[str]:
        return [o.strip() for o in self.cors_origins.split(",") if o.strip()]

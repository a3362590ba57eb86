"""What routes depend on: the backend the app opened, and its settings."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api.settings import Settings
from kg.store.base import Backend


def get_store(request: Request) -> Backend:
    store: Backend = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


Store = Annotated[Backend, Depends(get_store)]
Config = Annotated[Settings, Depends(get_settings)]

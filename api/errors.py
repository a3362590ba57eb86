"""One JSON error shape for every error the service answers with:
``{"error": {"code": ..., "message": ..., "fix": ...}}``. Library errors keep their own status
(KgError.http_status); unexpected ones become a 500 whose body says nothing of the code."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from kg.errors import KgError

log = logging.getLogger("api")

_HTTP_CODES = {
    404: ("not_found", "check the path against /docs"),
    405: ("method_not_allowed", "use a method the path lists in /docs"),
}


def error_response(
    status: int, code: str, message: str, fix: str | None, *, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code, "message": message, "fix": fix}},
        status_code=status,
        headers=headers,
    )


async def _kg_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, KgError)
    return error_response(exc.http_status, exc.code, exc.message, exc.fix)


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code, fix = _HTTP_CODES.get(exc.status_code, ("http_error", "check the request"))
    return error_response(
        exc.status_code, code, str(exc.detail), fix, headers=getattr(exc, "headers", None)
    )


async def _invalid(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', 'invalid')}"
        for e in exc.errors()[:10]
    )
    return error_response(
        422,
        "invalid_request",
        f"The request is invalid: {problems}.",
        "check the parameters against /docs",
    )


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(
        500,
        "internal_error",
        "The service failed unexpectedly; the error is logged.",
        "retry; if it persists, report the request to the operator",
    )


def install(app: FastAPI) -> None:
    app.add_exception_handler(KgError, _kg_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(Exception, _unexpected)

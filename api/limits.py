"""Request size limits, enforced before a body is read into memory."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_response
from kg.errors import RequestTooLargeError


class RequestSizeLimit:
    """Refuses (413) a query string or body larger than ``max_bytes``: at once when the
    headers say so, else as soon as the streamed body passes the limit."""

    def __init__(
        self, app: ASGIApp, *, max_bytes: int, uploads: dict[str, int] | None = None
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.uploads = uploads or {}  # path -> its own body limit (POST /extract takes files)

    def _too_large(self, what: str, limit: int, *, upload: bool) -> RequestTooLargeError:
        fix = (
            "upload a smaller file, or ask the operator to raise KG_EXTRACT_MAX_BYTES"
            if upload
            else "send a shorter query (POST it if the URL is long), or ask the operator to "
            "raise KG_MAX_REQUEST_BYTES"
        )
        return RequestTooLargeError(f"The request's {what} is larger than {limit} bytes.", fix=fix)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length", b"0")
        declared = int(length) if length.isdigit() else 0
        upload = scope.get("path") in self.uploads
        limit = self.uploads.get(scope.get("path", ""), self.max_bytes)
        error = None
        if len(scope.get("query_string", b"")) > self.max_bytes:
            error = self._too_large("query string", self.max_bytes, upload=False)
        elif declared > limit:
            error = self._too_large("body", limit, upload=upload)
        if error is not None:
            response = error_response(error.http_status, error.code, error.message, error.fix)
            await response(scope, receive, send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise self._too_large("body", limit, upload=upload)
            return message

        await self.app(scope, limited, send)

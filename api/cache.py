"""Whole GET responses of the read-only graph, kept in memory by URL and Accept header.

The served graph never changes while the server runs, so a successful GET answer stays right;
a repeated request (a comparison page reloaded, a dashboard polling) is answered without
routing, querying or serialising again. Errors, large bodies and health checks are not kept.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.store.workers import ResultCache

Entry = tuple[int, list[tuple[bytes, bytes]], bytes]
_UNCACHED_PATHS = ("/health",)


class ResponseCache:
    """ASGI middleware: an LRU of successful GET responses (status, headers, body)."""

    def __init__(self, app: ASGIApp, *, entries: int, max_body_bytes: int = 2_000_000) -> None:
        self.app = app
        self.entries = entries
        self._items = ResultCache(entries=entries, max_size=max_body_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or self.entries <= 0
            or scope["path"].startswith(_UNCACHED_PATHS)
        ):
            await self.app(scope, receive, send)
            return
        accept = dict(scope.get("headers") or []).get(b"accept", b"")
        key = (scope["path"], scope.get("query_string", b""), accept)
        hit: Entry | None = self._items.get(key)
        if hit is not None:
            status, headers, body = hit
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        started: dict[str, object] = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                started.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._keep(key, started, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, capture)

    def _keep(self, key: tuple[str, bytes, bytes], started: dict[str, object], body: bytes) -> None:
        if started.get("status") != 200:
            return
        headers = [(bytes(k), bytes(v)) for k, v in started.get("headers", [])]  # type: ignore[attr-defined]
        self._items.put(key, (200, headers, body), size=len(body))

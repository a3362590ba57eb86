"""The response cache: a repeated GET of the read-only graph skips the app; errors do not."""

from __future__ import annotations


def test_cache_answers_a_repeated_get_without_the_app() -> None:
    import asyncio

    from api.cache import ResponseCache

    calls: list[str] = []

    async def app(scope, receive, send):  # type: ignore[no-untyped-def]
        calls.append(scope["path"])
        status = 200 if scope["path"] != "/missing" else 404
        await send({"type": "http.response.start", "status": status, "headers": [(b"x", b"1")]})
        await send({"type": "http.response.body", "body": b"answer"})

    cache = ResponseCache(app, entries=8)

    async def get(path: str, accept: bytes = b"*/*") -> list[dict[str, object]]:
        sent: list[dict[str, object]] = []

        async def send(message):  # type: ignore[no-untyped-def]
            sent.append(message)

        scope = {
            "type": "http",
            "method": "GET",
            "path": path,
            "query_string": b"",
            "headers": [(b"accept", accept)],
        }
        await cache(scope, None, send)  # type: ignore[arg-type]
        return sent

    async def scenario() -> None:
        first, second = await get("/a"), await get("/a")
        assert first == second and calls == ["/a"]
        await get("/a", accept=b"text/turtle")  # another representation: asked again
        await get("/missing")
        await get("/missing")  # errors are not kept
        assert calls == ["/a", "/a", "/missing", "/missing"]

    asyncio.run(scenario())

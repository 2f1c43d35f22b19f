"""The reading room's application factory: routes, security headers, sessions, error pages.

Every resource has an HTML page and a JSON twin under ``/api/`` built from the same values.
Pages are rendered on the server with autoescaping on, and the Content-Security-Policy allows
scripts only from ``/static/``: text from a transcription can never run as script.

No request holds another: a handler's work (database, arrays, password hashing) runs on a worker
thread, at most ``WORKERS`` at once, while the event loop only reads request bodies (at most
``MAX_BODY`` bytes) and writes answers.
"""

from __future__ import annotations

import logging
import os
import secrets
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import anyio
import anyio.to_thread
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kartoteka.errors import KartotekaError
from kartoteka.store.users import Users
from kartoteka.web.pages import Pages

HERE = Path(__file__).parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"

WORKERS = 16  # handlers running at once on worker threads (each holds one archive connection)
MAX_BODY = 1 << 20  # a form or JSON body larger than this is refused (413) before it is read whole
LOG = logging.getLogger("kartoteka.web")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")

SECURITY_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


class SecurityHeaders:
    """Adds the CSP and friends to every response, and the server time it took (``Server-Timing``).
    Served over HTTPS, cookies are marked ``Secure`` and browsers told to keep to HTTPS (HSTS)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        t0 = time.perf_counter()
        https = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if https:
                    headers = [(k, secure(v) if k.lower() == b"set-cookie" else v) for k, v in headers]
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                names = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                ms = (time.perf_counter() - t0) * 1000
                headers.append((b"server-timing", f"app;dur={ms:.1f}".encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def secure(cookie: bytes) -> bytes:
    """A Set-Cookie value with the ``Secure`` flag (sent back over HTTPS only)."""
    return cookie if b"; secure" in cookie.lower() else cookie + b"; secure"


def templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=False,
        auto_reload=False,
    )
    version = str(int(max(p.stat().st_mtime for p in STATIC.iterdir())))
    env.globals["static"] = lambda name: f"/static/{name}?v={version}"
    env.filters["eid"] = lambda value: quote(str(value), safe=":")
    return env


def warm() -> None:
    """Load what the first search with a name needs (the spelling keys pull in the name models: seconds)."""
    from kartoteka.search.variants import warm as warm_variants

    warm_variants()


LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


Handler = Callable[[Callable[[Request], Coroutine[Any, Any, Response]]], Callable[[Request], Awaitable[Response]]]


def routes(pages: Pages, handler: Handler) -> list[Route | Mount]:
    """Every page and its JSON twin, each handler run by ``handler`` (on a worker thread)."""
    return [
        Route("/", handler(pages.search_page), name="search"),
        Route("/documents/{key}", handler(pages.document_page)),
        Route("/documents/{key}/cite.{fmt}", handler(pages.cite_document)),
        Route("/documents/{key}/correct", handler(pages.correct_document), methods=["POST"]),
        Route("/documents/{key}/undo", handler(pages.undo), methods=["POST"]),
        Route("/documents/{collection}/{name}", handler(pages.document_page)),
        Route("/documents/{collection}/{name}/cite.{fmt}", handler(pages.cite_document)),
        Route("/entities/{id:path}/undo", handler(pages.undo), methods=["POST"]),
        Route("/entities/{id:path}/{action:str}", handler(pages.correct), methods=["POST"]),
        Route("/entities/{id:path}", handler(pages.entity_page)),
        Route("/timeline", handler(pages.timeline_page)),
        Route("/map", handler(pages.map_page)),
        Route("/network", handler(pages.network_page)),
        Route("/login", handler(pages.login), methods=["GET", "POST"]),
        Route("/logout", handler(pages.logout), methods=["POST"]),
        Route("/api", handler(pages.api_page)),
        Route("/api/openapi.json", handler(pages.openapi)),
        Route("/api/search", handler(pages.search_api)),
        Route("/api/search.json", handler(pages.search_download_json)),
        Route("/api/search.csv", handler(pages.search_download_csv)),
        Route("/api/search.{fmt}", handler(pages.search_cite)),
        Route("/api/documents/{key}", handler(pages.document_api)),
        Route("/api/documents/{collection}/{name}", handler(pages.document_api)),
        Route("/api/entities", handler(pages.entities_api)),
        Route("/api/entities/{id:path}/{action:str}", handler(pages.correct_api), methods=["POST"]),
        Route("/api/entities/{id:path}", handler(pages.entity_api)),
        Route("/api/timeline", handler(pages.timeline_api)),
        Route("/api/map", handler(pages.map_api)),
        Route("/api/network", handler(pages.network_api)),
        Route("/api/corrections", handler(pages.corrections_api)),
        Mount("/static", app=StaticFiles(directory=str(STATIC)), name="static"),
    ]


def create_app(archive: str | os.PathLike[str], *, secret: str | None = None, debug: bool = False,
               hosts: Sequence[str] = ()) -> Starlette:
    """The reading room over one archive (opened read-only for reading). Only requests naming this
    machine (``LOCAL_HOSTS``) or one of ``hosts`` in their ``Host`` header are answered: a page of
    another site that a DNS trick points at the reading room gets a 400, not the archive."""
    users = Users(archive)  # an archive is there (of this schema) or a StoreError says why not
    pages = Pages(users, str(archive), templates(), threads=WORKERS)
    limiter = anyio.CapacityLimiter(WORKERS)

    def answer(fn: Callable[[Request], Coroutine[Any, Any, Response]], request: Request) -> Response:
        try:
            return complete(fn(request))
        except KartotekaError as exc:
            return pages.error(request, 400, exc.message, exc.expected)
        except Exception:
            LOG.exception("%s %s", request.method, request.url.path)
            return pages.error(request, 500, "internal error", None)

    def handler(fn: Callable[[Request], Coroutine[Any, Any, Response]]) -> Callable[[Request], Awaitable[Response]]:
        async def run(request: Request) -> Response:
            if request.method == "POST":
                refused = await read_body(request)
                if refused is not None:
                    return refused
            return await anyio.to_thread.run_sync(answer, fn, request, limiter=limiter)
        return run


    async def not_found(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        detail = exc.detail if isinstance(exc, HTTPException) else "internal error"
        return await anyio.to_thread.run_sync(pages.error, request, status, str(detail), None, limiter=limiter)

    async def server_error(request: Request, exc: Exception) -> Response:
        return await anyio.to_thread.run_sync(pages.error, request, 500, "internal error", None, limiter=limiter)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # in the background, not on a reader's first page
        app.state.warming = threading.Thread(target=warm, name="kartoteka-warm", daemon=True)
        app.state.warming.start()
        yield
        pages.finder.pool.close()

    return Starlette(
        debug=debug,
        lifespan=lifespan,
        routes=routes(pages, handler),
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(TrustedHostMiddleware, allowed_hosts=[*LOCAL_HOSTS, *hosts], www_redirect=False),
            Middleware(SessionMiddleware, secret_key=secret or secrets.token_urlsafe(32),
                       session_cookie="kartoteka_session", same_site="strict", https_only=False, max_age=12 * 3600),
        ],
        exception_handlers={HTTPException: not_found, 500: server_error},
    )


async def read_body(request: Request) -> Response | None:
    """Read a POST's body on the event loop (a form parsed, JSON kept as bytes), so the handler on its
    worker thread finds it read; a 413 answer when it is larger than ``MAX_BODY``."""
    try:
        declared = int(request.headers.get("content-length", "0"))
    except ValueError:
        declared = 0
    if declared > MAX_BODY:
        return PlainTextResponse(f"request body over {MAX_BODY} bytes", status_code=413)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            return PlainTextResponse(f"request body over {MAX_BODY} bytes", status_code=413)
    request._body = body  # what Request.body() keeps: form() and json() read it from here
    if request.headers.get("content-type", "").startswith(("application/x-www-form-urlencoded",
                                                            "multipart/form-data")):
        await request.form()
    return None


def complete(coroutine: Coroutine[Any, Any, Response]) -> Response:
    """Run a handler's coroutine to its end on this (worker) thread. Its awaits find the body already
    read (``read_body``), so it never needs the event loop; one that would is a programming error."""
    try:
        coroutine.send(None)
    except StopIteration as done:
        result: Response = done.value
        return result
    coroutine.close()
    raise RuntimeError("a reading-room handler waited for the event loop on a worker thread")


__all__ = ["CSP", "LOCAL_HOSTS", "WORKERS", "create_app", "templates"]

"""The FastAPI application factory."""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from anyio import to_thread
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from safeguard.records.clock import to_local, utc_now
from safeguard.timing import duration_words, is_working_day
from safeguard.web.accesslog import LogBusy
from safeguard.web.auth import AddressLimiter, SessionSigner, UnknownNameLimiter
from safeguard.web.cache import StampCache
from safeguard.web.flags import FlagCache
from safeguard.web.guard import BadForm, Forbidden, NotFound, NotSignedIn, enforce_access
from safeguard.web.live import Live
from safeguard.web.policy import load_policy
from safeguard.web.queue import load_settings
from safeguard.web.state import AppState, render
from safeguard.web.wording import say

MAX_BODY_BYTES = 64 * 1024
WORKER_THREADS = 8

SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        b"frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]


class BodyLimitAndHeaders:
    """Refuses request bodies over the limit with 413; adds security headers to responses."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.max_bytes
                except ValueError:
                    too_big = True
                if too_big:
                    await self._too_large(send)
                    return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge()
            return message

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except _TooLarge:
            await self._too_large(send)

    async def _too_large(self, send: Send) -> None:
        body = b'{"detail":"The request is too large (the limit is 64 KB)."}'
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                    *SECURITY_HEADERS,
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path.endswith("/events")


def _error(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    return render(request, "error.html", {"status": status, "message": message}, status)


RETRY_AFTER_S = 10


def _busy(request: Request) -> Response:
    """503 with a retry time: the store is busy (an import holds it), nothing was shown."""
    response = _error(
        request,
        503,
        "The records are being updated (an import is running). Nothing was shown or changed; "
        f"try again in {RETRY_AFTER_S} seconds.",
    )
    response.headers["Retry-After"] = str(RETRY_AFTER_S)
    return response


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "form")]
        where = ".".join(loc) or "request"
        parts.append(f"'{where}': {err.get('msg', 'is not valid')}")
    return "Some of what was sent is not valid: " + "; ".join(parts)


def _warm(flags: FlagCache, clock: Callable[[], datetime]) -> None:
    """Load what the first requests would otherwise load on their way: the language checker
    (a child's page) and the bank-holiday calendar of this week (working-day deadlines, when a
    decision re-audits a child: some 70 ms of imports)."""
    flags.warm()
    today = clock().date()
    for day in range(7):  # (a weekday is needed: weekends are settled without the calendar)
        is_working_day(today + timedelta(days=day))


def create_app(
    db_url: str | None = None,
    *,
    secret_key: str | None = None,
    now: Callable[[], datetime] | None = None,
    refresh_s: float = 5.0,
    background: bool = True,
    sse_lifetime_s: float = 600.0,
    trusted_proxies: list[str] | None = None,
) -> FastAPI:
    """Build the web app over the store at ``db_url`` (the default store when ``None``).

    The database must already be migrated (``safeguard serve`` does that). ``secret_key``
    signs session cookies; without one, ``SAFEGUARD_SECRET_KEY`` is used, or a random key (all
    sessions end when the server restarts). ``now`` lets tests and the demo fix the clock.
    """
    from safeguard.store.engine import WEB_CACHE_MIB, default_db_url, open_engine

    # A pooled connection for each worker thread and for the background threads (live updates,
    # the dashboard's figures, the checker), so that no request opens one of its own.
    engine = open_engine(
        db_url or default_db_url(), cache_mib=WEB_CACHE_MIB, pool_size=WORKER_THREADS + 4
    )
    clock = now or utc_now
    settings = load_settings()
    flags = FlagCache()
    live = Live(engine, clock, poll_s=min(refresh_s, 1.0))
    web_dir = Path(str(resources.files("safeguard.web")))
    templates = Jinja2Templates(directory=str(web_dir / "templates"))
    # Times that tick in the page (static/page.js): the instant goes in a data attribute, the
    # words the server would say now in the text (the same words the script then keeps saying).
    templates.env.globals["duration_since"] = lambda t: duration_words(clock() - t)
    templates.env.filters["instant"] = instant
    # Instants are naive UTC (safeguard.records.clock); pages show them in UK local time.
    templates.env.filters["local"] = to_local
    templates.env.filters["words"] = lambda value, field: say(field, value)  # wording.yml
    # Compile every template now: otherwise the first burst of users compiles each one many
    # times over, in parallel, while their pages wait.
    for name in templates.env.list_templates(extensions=["html"]):
        templates.env.get_template(name)
    state = AppState(
        engine=engine,
        policy=load_policy(),
        signer=SessionSigner(
            secret_key or os.environ.get("SAFEGUARD_SECRET_KEY") or secrets.token_urlsafe(32)
        ),
        unknown_names=UnknownNameLimiter(),
        addresses=AddressLimiter(),
        templates=templates,
        settings=settings,
        flags=flags,
        live=live,
        now=clock,
        results_cache=StampCache(),
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Sync routes run in worker threads, which share one interpreter lock: a few threads
        # finish each request sooner than dozens taking turns (and no more of them than the
        # database pool has connections, so none waits on the pool).
        to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS
        if background:
            live.start()  # brings results up to date, then follows changes and deadlines
            # The language checker and the bank-holiday calendar load in the background: the
            # first page and the first decision do not wait for them.
            threading.Thread(
                target=_warm, args=(flags, clock), name="safeguard-checker", daemon=True
            ).start()
        else:
            await to_thread.run_sync(live.sync_once)
        yield
        live.stop()
        engine.dispose()

    app = FastAPI(
        title="safeguard",
        description="Supervisor web app and JSON API over the safeguard store.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        dependencies=[Depends(enforce_access)],
    )
    app.state.sg = state
    app.state.sse_lifetime_s = sse_lifetime_s  # the browser reconnects after this

    from safeguard.web.routes import admin, api, auth, pages

    for module in (auth, pages, admin, api):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=str(web_dir / "static")), name="static")

    @app.exception_handler(NotSignedIn)
    async def _not_signed_in(request: Request, _exc: NotSignedIn) -> Response:
        if _wants_json(request) or request.method != "GET":
            return JSONResponse({"detail": "Please sign in."}, status_code=401)
        # Back to this page after signing in.
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/signin?next={quote(target, safe='')}", status_code=303)

    @app.exception_handler(LogBusy)
    async def _log_busy(request: Request, _exc: LogBusy) -> Response:
        return _busy(request)

    @app.exception_handler(OperationalError)
    async def _db_error(request: Request, exc: OperationalError) -> Response:
        if "locked" in str(exc.orig).lower() or "lock timeout" in str(exc.orig).lower():
            return _busy(request)
        raise exc

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, exc: Forbidden) -> Response:
        return _error(request, 403, exc.message)

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound) -> Response:
        return _error(request, 404, exc.message)

    @app.exception_handler(BadForm)
    async def _bad_form(request: Request, exc: BadForm) -> Response:
        return _error(request, 400, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return _error(request, 422, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        messages = {
            404: "There is no such page.",
            405: "That kind of request is not allowed here.",
        }
        if exc.status_code in messages:
            message = messages[exc.status_code]
        elif isinstance(exc.detail, str):
            message = exc.detail
        else:
            message = "The request could not be handled."
        return _error(request, exc.status_code, message)

    app.add_middleware(BodyLimitAndHeaders)
    if trusted_proxies:
        # Only a listed proxy's X-Forwarded-For / -Proto are believed: the client address and
        # https scheme (Secure cookies) are then the real ones, and nobody else can forge them.
        from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=list(trusted_proxies))
    return app


def app_from_env() -> FastAPI:
    """The app as ``safeguard serve --workers N`` starts it in each server process: the store
    from ``SAFEGUARD_WEB_DB``, the signing key from ``SAFEGUARD_SECRET_KEY`` (shared by the
    processes), trusted proxies from ``SAFEGUARD_TRUSTED_PROXIES``, and for the demo a fixed
    clock from ``SAFEGUARD_WEB_NOW``. Each process stops if the first one is killed."""
    from safeguard.web.live import stop_with_parent

    stop_with_parent()
    fixed = os.environ.get("SAFEGUARD_WEB_NOW")
    clock = None
    if fixed:
        when = datetime.fromisoformat(fixed)
        clock = lambda: when  # noqa: E731
    trusted = [a.strip() for a in os.environ.get("SAFEGUARD_TRUSTED_PROXIES", "").split(",")]
    return create_app(
        os.environ.get("SAFEGUARD_WEB_DB"), now=clock, trusted_proxies=[a for a in trusted if a]
    )


def instant(t: datetime) -> str:
    """A stored instant (naive UTC) as ISO 8601 with its zone, for the page's script."""
    if t.tzinfo is not None:
        t = t.astimezone(UTC).replace(tzinfo=None)
    return t.isoformat(timespec="seconds") + "Z"

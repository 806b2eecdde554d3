"""Sign-in and sign-out."""

from __future__ import annotations

import asyncio
import time
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from safeguard.web import accesslog, sessions
from safeguard.web.accounts import attempt_sign_in
from safeguard.web.auth import (
    DEVICE_COOKIE,
    DEVICE_MAX_AGE,
    SESSION_COOKIE,
    SESSION_MAX_AGE_S,
    SIGNED_IN_PREFIX,
    minutes_left,
    new_csrf,
)
from safeguard.web.state import render, sg

router = APIRouter(include_in_schema=False)

#: Who a failed sign-in entry is written as: nobody is signed in yet.
SIGN_IN_ATTEMPT = accesslog.Actor(None, "(sign-in attempt)", "not signed in")

HOME = {
    "officer": "/now",
    "supervisor": "/now",
    "safeguarding_lead": "/now",
    "auditor": "/access-log",
    "admin": "/admin/users",
}


def safe_next(value: str | None) -> str | None:
    """A page on this site to go back to after sign-in, or ``None`` (never another site)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return None
    if any(ord(c) < 32 for c in value) or value.startswith(("/signin", "/signout")):
        return None
    return value[:2000]


def set_session_cookie(request: Request, response: Response, value: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        value,
        max_age=SESSION_MAX_AGE_S,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )


@router.get("/")
def home(request: Request) -> Response:
    user = request.state.user
    return RedirectResponse(HOME.get(user.role, "/signin") if user else "/signin", status_code=303)


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


def _signin_page(
    request: Request, message: str | None = None, status: int = 200, next_page: str | None = None
) -> Response:
    session = request.state.session
    csrf = session.csrf if session is not None and session.token_hash is None else new_csrf()
    request.state.session = None
    response = render(
        request,
        "signin.html",
        {"message": message, "next_page": next_page, "csrf_token": csrf},
        status,
    )
    set_session_cookie(request, response, sg(request).signer.dumps(csrf))
    return response


@router.get("/signin")
def signin_form(
    request: Request, next: Annotated[str | None, Query(max_length=2000)] = None
) -> Response:
    user = request.state.user
    if user is not None:  # already signed in: keep the session
        return RedirectResponse(safe_next(next) or HOME.get(user.role, "/now"), status_code=303)
    return _signin_page(request, next_page=safe_next(next))


def client_address(request: Request) -> str:
    """The client's network address: the real client's when the request came through a
    trusted reverse proxy (``--trusted-proxy``), otherwise the connecting peer's (a
    forwarded-for header from anyone else is ignored)."""
    return request.client.host if request.client else "unknown"


@router.post("/signin")
async def signin(
    request: Request,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=256)],
    next: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    state = sg(request)
    address = client_address(request)
    known_browser = state.signer.device_account(request.cookies.get(DEVICE_COOKIE))
    if known_browser != username.lower():
        # Many failed sign-ins from this address: take turns (see AddressLimiter).
        wait = state.addresses.turn(address, time.monotonic())
        if wait is None:
            await run_in_threadpool(
                accesslog.record,
                state.engine,
                SIGN_IN_ATTEMPT,
                "refused",
                "address",
                address,
                "Sign-in not tried: too many failed sign-ins from this network address",
            )
            return _signin_page(
                request,
                "Many sign-ins have failed from your network recently, so sign-ins from it are "
                "being slowed down. Try again in a minute. (Signing in on a computer you have "
                "used before is not slowed.)",
                429,
                safe_next(next),
            )
        if wait > 0:
            await asyncio.sleep(wait)
    return await run_in_threadpool(_sign_in, request, username, password, next, address)


def _sign_in(request: Request, username: str, password: str, next: str, address: str) -> Response:
    state = sg(request)
    now = sessions.wall_clock()
    next_page = safe_next(next)
    until = state.unknown_names.locked_until(username, now)
    result = None
    if until is None:
        result = attempt_sign_in(state.engine, username, password, now)
        until = result.locked_until
    if result is not None and result.user is not None:
        token, _session = sessions.start(state.engine, result.user.id)
        response = RedirectResponse(
            next_page or HOME.get(result.user.role, "/now"), status_code=303
        )
        set_session_cookie(request, response, SIGNED_IN_PREFIX + token)
        response.set_cookie(
            DEVICE_COOKIE,
            state.signer.device_token(result.user.username),
            max_age=int(DEVICE_MAX_AGE.total_seconds()),
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
            path="/signin",
        )
        return response
    if result is not None:  # a password was checked and was wrong, or no such account
        state.addresses.failed(address, time.monotonic())
    if result is not None and not result.known:
        state.unknown_names.failed(username, now)
    elif result is not None:
        # A failed or refused sign-in to an existing account is a refusal, and is logged
        # (the person trying is not known, so the entry names the account tried).
        why = "Sign-in refused: account locked" if until else "Sign-in failed"
        accesslog.record(state.engine, SIGN_IN_ATTEMPT, "refused", "account", username, why)
    if until is not None:
        return _signin_page(
            request,
            "Too many failed sign-ins to this account. Try again in "
            f"{minutes_left(until, now)} minute(s), or ask an administrator to unlock it.",
            429,
            next_page,
        )
    return _signin_page(request, "The user name or password is not right.", 401, next_page)


@router.post("/signout")
def signout(request: Request) -> Response:
    session = request.state.session
    if session is not None and session.token_hash is not None:
        sessions.end(sg(request).engine, session.token_hash)
    response = RedirectResponse("/signin", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response

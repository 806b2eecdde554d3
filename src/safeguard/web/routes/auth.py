"""Sign-in and sign-out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from safeguard.web.auth import SESSION_COOKIE, SESSION_MAX_AGE_S, new_session, verify_password
from safeguard.web.models import User
from safeguard.web.state import render, sg

router = APIRouter(include_in_schema=False)

HOME = {
    "officer": "/now",
    "supervisor": "/now",
    "safeguarding_lead": "/now",
    "auditor": "/access-log",
    "admin": "/admin/users",
}


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


def _signin_page(request: Request, message: str | None = None, status: int = 200) -> Response:
    session = request.state.session
    if session is None or session.user_id is not None:
        session = new_session()
    request.state.session = session
    response = render(request, "signin.html", {"message": message}, status)
    set_session_cookie(request, response, sg(request).signer.dumps(session))
    return response


@router.get("/signin")
def signin_form(request: Request) -> Response:
    user = request.state.user
    if user is not None:  # already signed in: keep the session
        return RedirectResponse(HOME.get(user.role, "/now"), status_code=303)
    return _signin_page(request)


@router.post("/signin")
def signin(
    request: Request,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=256)],
) -> Response:
    state = sg(request)
    client = request.client.host if request.client else "unknown"
    keys = (f"user:{username.lower()}", f"addr:{client}")
    if state.limiter.blocked(*keys):
        return _signin_page(
            request,
            "Too many failed sign-in attempts. Wait 15 minutes and try again, or ask an "
            "administrator to check your account.",
            429,
        )
    with Session(state.engine) as db:
        user = db.scalars(select(User).where(User.username == username)).first()
        ok = verify_password(user.password_hash if user else None, password)
        if user is not None:
            db.expunge(user)
    if not ok or user is None or not user.active:
        state.limiter.failed(*keys)
        return _signin_page(request, "The user name or password is not right.", 401)
    state.limiter.succeeded(*keys)
    session = new_session(user.id)
    response = RedirectResponse(HOME.get(user.role, "/now"), status_code=303)
    set_session_cookie(request, response, state.signer.dumps(session))
    return response


@router.post("/signout")
def signout(request: Request) -> Response:
    response = RedirectResponse("/signin", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response

"""The auditor's access-log search and export, and the administrator's accounts page."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from safeguard.web import accesslog
from safeguard.web.accounts import create_user
from safeguard.web.auth import password_problem
from safeguard.web.guard import BadForm, current_user
from safeguard.web.models import ROLES, User
from safeguard.web.state import render, sg

router = APIRouter(include_in_schema=False)

Action = Literal["", "view", "change", "export"]


def _query(
    username: str | None,
    record_id: str | None,
    action: str | None,
    since: date | None,
    until: date | None,
) -> accesslog.LogQuery:
    return accesslog.LogQuery(
        username=username or None,
        record_id=record_id or None,
        action=action or None,
        since=datetime.combine(since, time.min) if since else None,
        until=datetime.combine(until, time.max) if until else None,
    )


@router.get("/access-log")
def access_log_page(
    request: Request,
    username: Annotated[str | None, Query(max_length=64)] = None,
    record_id: Annotated[str | None, Query(max_length=64)] = None,
    action: Annotated[Action, Query()] = "",
    since: Annotated[date | None, Query()] = None,
    until: Annotated[date | None, Query()] = None,
) -> Response:
    q = _query(username, record_id, action, since, until)
    rows = accesslog.search(sg(request).engine, q)
    return render(
        request,
        "access_log.html",
        {"rows": rows, "q": q, "limit": q.limit, "since": since, "until": until},
    )


@router.get("/access-log.csv")
def access_log_csv(
    request: Request,
    username: Annotated[str | None, Query(max_length=64)] = None,
    record_id: Annotated[str | None, Query(max_length=64)] = None,
    action: Annotated[Action, Query()] = "",
    since: Annotated[date | None, Query()] = None,
    until: Annotated[date | None, Query()] = None,
) -> Response:
    state = sg(request)
    q = _query(username, record_id, action, since, until)
    q.limit = 100_000
    body = accesslog.to_csv(accesslog.search(state.engine, q))
    accesslog.record(
        state.engine, current_user(request), "export", "access_log", "search", "Access log export"
    )
    return Response(
        body,
        media_type="text/csv",
        headers={"Content-Disposition": 'attachment; filename="access-log.csv"'},
    )


@router.get("/admin/users")
def users_page(
    request: Request, message: Annotated[Literal["", "added"], Query()] = ""
) -> Response:
    with Session(sg(request).engine) as db:
        users = list(db.scalars(select(User).order_by(User.username)))
        db.expunge_all()
    return render(
        request,
        "users.html",
        {"users": users, "roles": ROLES, "message": "The account was added." if message else None},
    )


@router.post("/admin/users")
def add_user_form(
    request: Request,
    username: Annotated[str, Form(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")],
    role: Annotated[
        Literal["officer", "supervisor", "safeguarding_lead", "auditor", "admin"], Form()
    ],
    password: Annotated[str, Form(max_length=256)],
    team: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    problem = password_problem(password)
    if problem:
        raise BadForm(problem)
    if role in ("officer", "supervisor") and not team.strip():
        raise BadForm("Officers and supervisors need a team: they see only their team's children.")
    try:
        create_user(sg(request).engine, username, role, password, team.strip() or None)
    except IntegrityError:
        raise BadForm(f"There is already an account called '{username}'.") from None
    return RedirectResponse("/admin/users?message=added", status_code=303)

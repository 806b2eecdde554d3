"""The auditor's access-log search and export, and the administrator's accounts page."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from safeguard.web import accesslog, accounts, sessions
from safeguard.web.accesslog import Actor
from safeguard.web.guard import BadForm, current_user
from safeguard.web.models import ROLES
from safeguard.web.sessions import wall_clock
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
    accesslog.flush_spool(sg(request).engine)  # entries held during an import, if any
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
    accesslog.flush_spool(state.engine)
    body = accesslog.to_csv(accesslog.search(state.engine, q))
    accesslog.record(
        state.engine, current_user(request), "export", "access_log", "search", "Access log export"
    )
    return Response(
        body,
        media_type="text/csv",
        headers={"Content-Disposition": 'attachment; filename="access-log.csv"'},
    )


_MESSAGES = {
    "added": "The account was added.",
    "disabled": "The account was disabled; its open sessions have ended.",
    "enabled": "The account was enabled.",
    "unlocked": "The account was unlocked.",
    "password": "The password was reset; the account's open sessions have ended.",
    "role": "The role and team were changed; the account's open sessions have ended.",
}


@router.get("/admin/users")
def users_page(
    request: Request,
    message: Annotated[
        Literal["", "added", "disabled", "enabled", "unlocked", "password", "role"], Query()
    ] = "",
) -> Response:
    engine = sg(request).engine
    users = accounts.list_users(engine)
    now = wall_clock()
    return render(
        request,
        "users.html",
        {
            "users": users,
            "roles": ROLES,
            "teams": accounts.known_teams(engine),
            "open_sessions": sessions.count_open(engine),
            "locked": {u.id for u in users if u.locked_until is not None and u.locked_until > now},
            "message": _MESSAGES.get(message),
        },
    )


Role = Literal["officer", "supervisor", "safeguarding_lead", "auditor", "admin"]


@router.post("/admin/users")
def add_user_form(
    request: Request,
    username: Annotated[str, Form(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")],
    role: Annotated[Role, Form()],
    password: Annotated[str, Form(max_length=256)],
    team: Annotated[str, Form(max_length=64)] = "",
    all_teams: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    if role in ("safeguarding_lead", "auditor") and all_teams != "yes":
        raise BadForm(
            f"A {role.replace('_', ' ')} sees every team's children. Tick the box that says so "
            "to confirm this is intended."
        )
    try:
        accounts.create_user(
            sg(request).engine,
            username,
            role,
            password,
            team,
            by=Actor.of(current_user(request)),
        )
    except accounts.AccountError as exc:
        raise BadForm(_sentence(str(exc))) from None
    return RedirectResponse("/admin/users?message=added", status_code=303)


@router.post("/admin/users/{username}")
def change_user_form(
    request: Request,
    username: str,
    change: Annotated[Literal["disable", "enable", "unlock", "password", "role"], Form()],
    password: Annotated[str, Form(max_length=256)] = "",
    role: Annotated[Role | None, Form()] = None,
    team: Annotated[str, Form(max_length=64)] = "",
    all_teams: Annotated[str, Form(max_length=8)] = "",
) -> Response:
    engine = sg(request).engine
    by = Actor.of(current_user(request))
    try:
        if change == "disable":
            accounts.disable(engine, username, by)
            done = "disabled"
        elif change == "enable":
            accounts.enable(engine, username, by)
            done = "enabled"
        elif change == "unlock":
            accounts.unlock(engine, username, by)
            done = "unlocked"
        elif change == "password":
            accounts.reset_password(engine, username, password, by)
            done = "password"
        else:
            if role is None:
                raise BadForm("Choose the new role.")
            if role in ("safeguarding_lead", "auditor") and all_teams != "yes":
                raise BadForm(
                    f"A {role.replace('_', ' ')} sees every team's children. Tick the box that "
                    "says so to confirm this is intended."
                )
            accounts.change_role(engine, username, role, team, by)
            done = "role"
    except accounts.AccountError as exc:
        raise BadForm(_sentence(str(exc))) from None
    return RedirectResponse(f"/admin/users?message={done}", status_code=303)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")

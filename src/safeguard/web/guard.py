"""The one check every route goes through: signed in, allowed by the access table, and allowed
to see the team that owns the record named in the URL; plus CSRF on every form post."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from safeguard.web.auth import SESSION_COOKIE, csrf_ok
from safeguard.web.models import User


class NotSignedIn(Exception):
    pass


class Forbidden(Exception):
    def __init__(self, message: str = "You do not have access to this page.") -> None:
        super().__init__(message)
        self.message = message


class BadForm(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(Exception):
    def __init__(self, message: str = "There is no such record.") -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Principal:
    user: User

    @property
    def role(self) -> str:
        return self.user.role


def route_template(request: Request) -> str:
    route = request.scope.get("route")
    return getattr(route, "path", request.url.path)


_USERS = User.__table__
#: Everything about the account but its password hash, which no page needs.
_USER_BY_ID = select(*(c for c in _USERS.c if c.name != "password_hash"))


def load_user(request: Request) -> User | None:
    """The signed-in account, read afresh on every request (a disabled account stops at once)."""
    sg = request.app.state.sg
    session = sg.signer.loads(request.cookies.get(SESSION_COOKIE))
    request.state.session = session
    if session is None or session.user_id is None:
        return None
    with sg.engine.connect() as conn:
        row = conn.execute(_USER_BY_ID.where(_USERS.c.id == session.user_id)).first()
    if row is None or not row.active:
        return None
    return User(**row._mapping)  # detached: read its fields, never add it to a session


def team_of_record(request: Request, kind: str, record_id: str) -> str | None:
    """The owning team of the child a record belongs to; raises NotFound if unknown."""
    from safeguard.web.casedata import owner_of

    if kind not in ("child_id", "episode_id", "note_id"):
        return None
    found = owner_of(request.app.state.sg.engine, kind, record_id) if len(record_id) <= 64 else None
    if found is None:
        raise NotFound("There is no child with that id.") if kind == "child_id" else NotFound()
    return found[1]


async def enforce_access(request: Request) -> None:
    """FastAPI dependency applied to every route of the app."""
    sg = request.app.state.sg
    rule = sg.policy.rule_for(request.method, route_template(request))
    if rule is None:  # a route nobody has decided about is closed
        raise Forbidden("This page has no access rule, so it is closed.")
    # A database read: off the event loop, so other requests and live updates keep moving.
    user = await run_in_threadpool(load_user, request)
    request.state.user = user
    if request.method == "POST":
        form = await request.form()
        token = form.get("csrf_token")
        if not csrf_ok(request.state.session, token if isinstance(token, str) else None):
            raise BadForm(
                "This form has expired or did not come from this site. Go back, reload the page "
                "and try again."
            )
    if rule.public:
        return
    if user is None:
        raise NotSignedIn()
    if user.role not in rule.roles:
        raise Forbidden()
    for kind in ("child_id", "episode_id", "note_id"):
        value = request.path_params.get(kind)
        if value is not None:
            team = team_of_record(request, kind, str(value))
            if not sg.policy.can_see_team(user.role, user.team, team):
                raise Forbidden("This record belongs to another team.")


def current_user(request: Request) -> User:
    user = getattr(request.state, "user", None)
    if user is None:
        raise NotSignedIn()
    return user

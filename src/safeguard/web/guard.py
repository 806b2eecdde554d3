"""The one check every route goes through: signed in, allowed by the access table, and allowed
to see the team that owns the record named in the URL; plus CSRF on every form post."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from safeguard.web import accesslog, sessions
from safeguard.web.auth import SESSION_COOKIE, SIGNED_IN_PREFIX, Session, csrf_ok
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


def load_user(request: Request) -> User | None:
    """The signed-in account, read afresh on every request from the stored session (a session
    that was ended, or an account that was disabled, stops at once, in every process)."""
    sg = request.app.state.sg
    cookie = request.cookies.get(SESSION_COOKIE) or ""
    if cookie.startswith(SIGNED_IN_PREFIX):
        live = sessions.load(sg.engine, cookie[len(SIGNED_IN_PREFIX) :])
        if live is None:
            request.state.session = None
            return None
        request.state.session = Session(live.csrf, live.token_hash, live.user.id)
        return live.user
    csrf = sg.signer.loads(cookie)
    request.state.session = Session(csrf) if csrf else None
    return None


#: The same answer whether a record does not exist or belongs to a team the user may not see,
#: so that nobody can learn which ids exist in other teams.
NOT_VISIBLE = "There is no record with that id that you can see."
_RECORD_TYPES = {"child_id": "child", "episode_id": "episode", "note_id": "note"}


def owner_of_record(request: Request, kind: str, record_id: str) -> tuple[str, str | None] | None:
    """(child id, owning team) of the child a record belongs to, or ``None`` if unknown."""
    from safeguard.web.casedata import owner_of

    if kind not in _RECORD_TYPES or len(record_id) > 64:
        return None
    return owner_of(request.app.state.sg.engine, kind, record_id)


def _refuse(request: Request, user: User, entry: accesslog.Entry) -> None:
    accesslog.record(
        request.app.state.sg.engine,
        user,
        entry.action,
        entry.record_type,
        entry.record_id,
        entry.reason,
        entry.child_id,
    )


def check_records(request: Request, user: User) -> None:
    """Every record named in the URL must exist and belong to a team the user may see;
    otherwise the attempt is logged and answered 404 (the same either way)."""
    sg = request.app.state.sg
    for kind, record_type in _RECORD_TYPES.items():
        value = request.path_params.get(kind)
        if value is None:
            continue
        owner = owner_of_record(request, kind, str(value))
        if owner is None:
            why = "No such record"
        elif not sg.policy.can_see_team(user.role, user.team, owner[1]):
            why = "The record belongs to another team"
        else:
            request.state.child_id = owner[0]
            continue
        _refuse(
            request,
            user,
            accesslog.Entry("refused", record_type, str(value), why, owner[0] if owner else None),
        )
        raise NotFound(NOT_VISIBLE)


async def enforce_access(request: Request) -> None:
    """FastAPI dependency applied to every route of the app."""
    sg = request.app.state.sg
    template = route_template(request)
    rule = sg.policy.rule_for(request.method, template)
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
        child = request.path_params.get("child_id")
        entry = accesslog.Entry(
            "refused",
            "page",
            f"{request.method} {template}",
            f"{'An' if user.role[0] in 'aeiou' else 'A'} {user.role.replace('_', ' ')} may not use this page",
            str(child) if child is not None else None,
        )
        await run_in_threadpool(_refuse, request, user, entry)
        raise Forbidden()
    await run_in_threadpool(check_records, request, user)


def current_user(request: Request) -> User:
    user = getattr(request.state, "user", None)
    if user is None:
        raise NotSignedIn()
    return user

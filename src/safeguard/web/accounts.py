"""Accounts: create, sign in (with per-account lock-out), disable, enable, unlock, reset a
password, change role or team, list. Used by the admin pages and ``safeguard user``.

Every change is written to the access log in the same transaction as the change itself, and
any change that alters what an account may do (disable, password, role, team) ends all of its
sessions at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from safeguard.grammar import a_or_an
from safeguard.records.clock import utc_now
from safeguard.store.models import table_of
from safeguard.web import accesslog, sessions
from safeguard.web.accesslog import Actor, Entry
from safeguard.web.auth import hash_password, lock_for, password_problem, verify_password
from safeguard.web.models import ROLES, User

#: Roles that see only their own team's children and so must have one.
TEAM_ROLES = ("officer", "supervisor")
NAME_PATTERN = r"[A-Za-z0-9._-]{1,64}"

_USERS = table_of(User)


class AccountError(ValueError):
    """A change that cannot be made; the message says why in plain words."""


def role_label(role: str) -> str:
    return role.replace("_", " ")


def known_teams(engine: Engine | Connection) -> list[str]:
    """The teams that own children in the store (an account's team must be one of them)."""
    from safeguard.store.models import ChildRow

    stmt = (
        select(ChildRow.team).where(ChildRow.team.is_not(None)).distinct().order_by(ChildRow.team)
    )
    if isinstance(engine, Connection):
        teams = [t for (t,) in engine.execute(stmt)]
    else:
        with engine.connect() as conn:
            teams = [t for (t,) in conn.execute(stmt)]
    # The WHERE leaves out children without a team, which the column's Optional type cannot show.
    return cast(list[str], teams)


def _check_role_team(conn: Connection, role: str, team: str | None) -> str | None:
    """The team as the records spell it ("croydon" is Croydon's), after checking that the role
    exists, that a team role has a team and that some child belongs to it."""
    if role not in ROLES:
        raise AccountError(f"there is no role called '{role}'; the roles are {', '.join(ROLES)}")
    if role in TEAM_ROLES and not team:
        raise AccountError(
            f"{a_or_an(role_label(role))} needs a team: they see only their team's children"
        )
    if not team:
        return None
    from safeguard.audit.source import match_team

    teams = known_teams(conn)
    spelled = match_team(team, teams)
    if spelled is None:
        known = ", ".join(teams) if teams else "none yet (import the records first)"
        raise AccountError(
            f"no children in the records belong to a team called '{team}'; the teams are: {known}"
        )
    return spelled


def _entry(what: str, username: str) -> Entry:
    return Entry("change", "account", username, what)


def _user_row(conn: Connection, username: str) -> User:
    row = conn.execute(select(_USERS).where(_USERS.c.username == username)).first()
    if row is None:
        raise AccountError(f"there is no account called '{username}'")
    return User(**row._mapping)


def create_user(
    engine: Engine,
    username: str,
    role: str,
    password: str,
    team: str | None,
    *,
    by: Actor | None = None,
) -> User:
    """Add an account (team checked against the store); the addition is logged."""
    import re

    if not re.fullmatch(NAME_PATTERN, username):
        raise AccountError(
            "a user name may use only letters, digits, '.', '_' and '-' (at most 64)"
        )
    problem = password_problem(password)
    if problem:
        raise AccountError(problem)
    team = (team or "").strip() or None
    hashed = hash_password(password)
    try:
        with accesslog.writing(engine) as conn:
            team = _check_role_team(conn, role, team)
            inserted = conn.execute(
                _USERS.insert().values(
                    username=username,
                    password_hash=hashed,
                    role=role,
                    team=team,
                    active=True,
                    created_at=utc_now(),
                    failed_signins=0,
                    locked_until=None,
                )
            ).inserted_primary_key
            # None only after an executemany; this inserts one row, so it has its key.
            assert inserted is not None
            uid = inserted[0]
            where = f" in team {team}" if team else ""
            scope = (
                " (sees every team's children)" if role in ("safeguarding_lead", "auditor") else ""
            )
            accesslog.append(
                conn,
                by or Actor.command_line(),
                [_entry(f"Account added as {role_label(role)}{where}{scope}", username)],
            )
    except IntegrityError:
        raise AccountError(f"there is already an account called '{username}'") from None
    return User(
        id=uid,
        username=username,
        role=role,
        team=team,
        active=True,
        failed_signins=0,
        locked_until=None,
    )


@dataclass(frozen=True)
class SignInResult:
    user: User | None
    locked_until: datetime | None = None
    known: bool = True  # false when no account has that name


def attempt_sign_in(engine: Engine, username: str, password: str, now: datetime) -> SignInResult:
    """Check a password against the account's own lock-out.

    Returns the account on success; ``locked_until`` when this account is locked (its own
    failed sign-ins only: other accounts' failures, from the same address or not, never
    count). An unknown or disabled account fails like a wrong password.
    """
    with engine.connect() as conn:
        row = conn.execute(select(_USERS).where(_USERS.c.username == username)).first()
    if row is not None and row.locked_until is not None and row.locked_until > now:
        return SignInResult(None, row.locked_until)
    ok = verify_password(row.password_hash if row else None, password)
    if row is None:
        return SignInResult(None, known=False)
    if ok and not row.active:  # a disabled account: no entry, and no count against it
        return SignInResult(None)
    if ok and row.active:
        if row.failed_signins or row.locked_until is not None:  # no write when none is needed
            with engine.begin() as conn:
                conn.execute(
                    update(_USERS)
                    .where(_USERS.c.id == row.id)
                    .values(failed_signins=0, locked_until=None)
                )
        fields = {k: v for k, v in row._mapping.items() if k != "password_hash"}
        return SignInResult(User(**fields))
    with engine.begin() as conn:
        conn.execute(
            update(_USERS)
            .where(_USERS.c.id == row.id)
            .values(failed_signins=_USERS.c.failed_signins + 1)
        )
        failures = conn.execute(
            select(_USERS.c.failed_signins).where(_USERS.c.id == row.id)
        ).scalar_one()
        wait = lock_for(failures)
        until = now + wait if wait else None
        if until:
            conn.execute(update(_USERS).where(_USERS.c.id == row.id).values(locked_until=until))
    return SignInResult(None)  # this attempt is answered as wrong; the next sees the lock


def _change(
    engine: Engine,
    username: str,
    by: Actor,
    what: str,
    values: dict[str, object],
    end_sessions: bool,
) -> User:
    with accesslog.writing(engine) as conn:
        user = _user_row(conn, username)
        conn.execute(update(_USERS).where(_USERS.c.id == user.id).values(**values))
        ended = sessions.end_all(conn, user.id) if end_sessions else 0
        note = f"; {ended} open session(s) ended" if ended else ""
        accesslog.append(conn, by, [_entry(what + note, username)])
        return _user_row(conn, username)


def disable(engine: Engine, username: str, by: Actor) -> User:
    if by.username == username:
        raise AccountError("you cannot disable your own account")
    return _change(engine, username, by, "Account disabled", {"active": False}, True)


def enable(engine: Engine, username: str, by: Actor) -> User:
    return _change(
        engine,
        username,
        by,
        "Account enabled",
        {"active": True, "failed_signins": 0, "locked_until": None},
        False,
    )


def unlock(engine: Engine, username: str, by: Actor) -> User:
    return _change(
        engine,
        username,
        by,
        "Account unlocked after failed sign-ins",
        {"failed_signins": 0, "locked_until": None},
        False,
    )


def reset_password(engine: Engine, username: str, password: str, by: Actor) -> User:
    problem = password_problem(password)
    if problem:
        raise AccountError(problem)
    return _change(
        engine,
        username,
        by,
        "Password reset",
        {"password_hash": hash_password(password), "failed_signins": 0, "locked_until": None},
        True,
    )


def change_role(engine: Engine, username: str, role: str, team: str | None, by: Actor) -> User:
    """Set the account's role and team together (a team is checked against the store)."""
    team = (team or "").strip() or None
    with accesslog.writing(engine) as conn:
        user = _user_row(conn, username)
        team = _check_role_team(conn, role, team)
        if by.username == username and role != user.role:
            raise AccountError("you cannot change your own role")
        if (user.role, user.team) == (role, team):
            return user
        conn.execute(update(_USERS).where(_USERS.c.id == user.id).values(role=role, team=team))
        ended = sessions.end_all(conn, user.id)
        was = role_label(user.role) + (f" in team {user.team}" if user.team else "")
        now = role_label(role) + (f" in team {team}" if team else "")
        note = f"; {ended} open session(s) ended" if ended else ""
        accesslog.append(conn, by, [_entry(f"Role changed from {was} to {now}{note}", username)])
        return _user_row(conn, username)


def list_users(engine: Engine) -> list[User]:
    cols = [c for c in _USERS.c if c.name != "password_hash"]
    with engine.connect() as conn:
        rows = conn.execute(select(*cols).order_by(func.lower(_USERS.c.username))).all()
    return [User(**r._mapping) for r in rows]

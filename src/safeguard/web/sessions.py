"""Signed-in sessions, kept in the database so that every server process agrees on them.

The browser's cookie holds a random token; the database holds only its SHA-256, the account,
the session's CSRF token and when it ends. Signing out, disabling an account, or changing its
password, role or team deletes the rows, and with them every session of that account, in
every server process at once (live-update streams check and close, see ``routes.pages``).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection, Engine

from safeguard.records.clock import utc_now
from safeguard.store.engine import reader
from safeguard.store.models import table_of
from safeguard.web.models import SessionPurpose, User, WebSession

SESSION_MAX_AGE = timedelta(hours=8)  # one shift

_SESSIONS = table_of(WebSession)
_PURPOSES = table_of(SessionPurpose)
_USERS = table_of(User)
#: Everything about the account but its password hash, which no page needs.
_USER_COLUMNS = [c for c in _USERS.c if c.name != "password_hash"]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SignedIn:
    """A live session and its account."""

    token_hash: str
    csrf: str
    user: User


def wall_clock() -> datetime:
    """Sessions and lock-outs run on the real clock (the app's clock may be fixed for a demo)."""
    return utc_now()


_now = wall_clock


def start(engine: Engine, user_id: int) -> tuple[str, SignedIn]:
    """Open a session for the account; returns the token for the cookie and the session."""
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(24)
    now = _now()
    with engine.begin() as conn:
        # Ended sessions' rows go when anyone signs in: the table stays the size of the shift.
        expired = select(_SESSIONS.c.token_hash).where(_SESSIONS.c.expires_at <= now)
        conn.execute(delete(_PURPOSES).where(_PURPOSES.c.token_hash.in_(expired)))
        conn.execute(delete(_SESSIONS).where(_SESSIONS.c.expires_at <= now))
        conn.execute(
            insert(_SESSIONS).values(
                token_hash=token_hash(token),
                user_id=user_id,
                csrf=csrf,
                created_at=now,
                expires_at=now + SESSION_MAX_AGE,
            )
        )
    session = load(engine, token)
    if session is None:  # pragma: no cover - the row was written just above
        raise RuntimeError("the new session could not be read back")
    return token, session


def load(engine: Engine, token: str) -> SignedIn | None:
    """The live session for ``token`` whose account is enabled, or ``None``."""
    h = token_hash(token)
    stmt = (
        select(_SESSIONS.c.csrf, *_USER_COLUMNS)
        .join(_USERS, _USERS.c.id == _SESSIONS.c.user_id)
        .where(_SESSIONS.c.token_hash == h, _SESSIONS.c.expires_at > _now())
    )
    with reader(engine).connect() as conn:
        row = conn.execute(stmt).first()
    if row is None or not row.active:
        return None
    fields = {c.name: getattr(row, c.name) for c in _USER_COLUMNS}
    return SignedIn(token_hash=h, csrf=row.csrf, user=User(**fields))


def alive(engine: Engine, hashed: str) -> bool:
    """Whether the session is still open and its account enabled (live streams ask this)."""
    stmt = (
        select(_USERS.c.active)
        .join(_SESSIONS, _USERS.c.id == _SESSIONS.c.user_id)
        .where(_SESSIONS.c.token_hash == hashed, _SESSIONS.c.expires_at > _now())
    )
    with reader(engine).connect() as conn:
        return bool(conn.execute(stmt).scalar())


def end(engine: Engine, hashed: str) -> None:
    with engine.begin() as conn:
        conn.execute(delete(_PURPOSES).where(_PURPOSES.c.token_hash == hashed))
        conn.execute(delete(_SESSIONS).where(_SESSIONS.c.token_hash == hashed))


def end_all(conn: Connection, user_id: int) -> int:
    """End every session of the account (inside the caller's transaction); returns how many."""
    hashes = select(_SESSIONS.c.token_hash).where(_SESSIONS.c.user_id == user_id)
    conn.execute(delete(_PURPOSES).where(_PURPOSES.c.token_hash.in_(hashes)))
    return conn.execute(delete(_SESSIONS).where(_SESSIONS.c.user_id == user_id)).rowcount or 0


def count_open(engine: Engine) -> dict[int, int]:
    """Open sessions per account id (the accounts page shows them)."""
    from sqlalchemy import func

    stmt = (
        select(_SESSIONS.c.user_id, func.count())
        .where(_SESSIONS.c.expires_at > _now())
        .group_by(_SESSIONS.c.user_id)
    )
    with reader(engine).connect() as conn:
        return {uid: n for uid, n in conn.execute(stmt).all()}


def purpose(engine: Engine, hashed: str, child_id: str) -> str | None:
    """The reason chosen in this session for opening this child's records, if any."""
    stmt = select(_PURPOSES.c.reason).where(
        _PURPOSES.c.token_hash == hashed, _PURPOSES.c.child_id == child_id
    )
    with reader(engine).connect() as conn:
        value = conn.execute(stmt).scalar()
    return str(value) if value is not None else None


def choose_purpose(engine: Engine, hashed: str, child_id: str, reason: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            delete(_PURPOSES).where(
                _PURPOSES.c.token_hash == hashed, _PURPOSES.c.child_id == child_id
            )
        )
        conn.execute(insert(_PURPOSES).values(token_hash=hashed, child_id=child_id, reason=reason))

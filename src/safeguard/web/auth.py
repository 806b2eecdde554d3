"""Passwords, the signed-out CSRF cookie, and per-account lock-out after failed sign-ins."""

from __future__ import annotations

import math
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer

SESSION_COOKIE = "sg_session"
SESSION_MAX_AGE_S = 8 * 3600  # one shift

_hasher = PasswordHasher()
# A hash of a random password, checked when the user name is unknown so that a wrong name and a
# wrong password take the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))

MIN_PASSWORD_LENGTH = 12


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def password_problem(password: str) -> str | None:
    """A plain-English reason the password is too weak, or ``None``."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"The password must be at least {MIN_PASSWORD_LENGTH} characters long."
    if password.strip() != password:
        return "The password must not start or end with a space."
    return None


@dataclass
class Session:
    """The request's session: its CSRF token and, when signed in, the stored session's hash.

    Before sign-in the CSRF token travels in a signed cookie (no database row for a visitor);
    after sign-in the cookie holds a random token and everything else is in ``web_sessions``.
    """

    csrf: str
    token_hash: str | None = None
    user_id: int | None = None


#: Signed-in cookies start with this; anything else is an anonymous, signed CSRF cookie.
SIGNED_IN_PREFIX = "s."


class SessionSigner:
    """Signs the anonymous (signed-out) cookie that carries the sign-in form's CSRF token."""

    def __init__(self, secret_key: str) -> None:
        self._s = URLSafeTimedSerializer(secret_key, salt="safeguard-session")

    def dumps(self, csrf: str) -> str:
        return str(self._s.dumps({"c": csrf}))

    def loads(self, value: str | None) -> str | None:
        if not value:
            return None
        try:
            data = self._s.loads(value, max_age=SESSION_MAX_AGE_S)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("c"), str):
            return None
        return str(data["c"])


def new_csrf() -> str:
    return secrets.token_urlsafe(24)


def csrf_ok(session: Session | None, token: str | None) -> bool:
    return bool(session and token and secrets.compare_digest(session.csrf, token))


#: Failed sign-ins to an account before it is locked; the lock then lasts LOCK_FIRST, doubling
#: with each further failure up to LOCK_MAX. Only that account's own failures count.
LOCK_AFTER = 5
LOCK_FIRST = timedelta(minutes=1)
LOCK_MAX = timedelta(hours=1)


def lock_for(failures: int) -> timedelta | None:
    """How long an account is locked after ``failures`` failed sign-ins in a row."""
    if failures < LOCK_AFTER:
        return None
    return min(LOCK_FIRST * 2 ** min(failures - LOCK_AFTER, 20), LOCK_MAX)


def minutes_left(until: datetime, now: datetime) -> int:
    return max(1, math.ceil((until - now).total_seconds() / 60))


class UnknownNameLimiter:
    """Failed sign-ins with names that are no account, counted in memory the same way as for
    accounts, so that a wrong name and a wrong password get the same answers."""

    def __init__(self) -> None:
        self._fails: dict[str, tuple[int, datetime | None]] = {}
        self._lock = threading.Lock()

    def locked_until(self, name: str, now: datetime) -> datetime | None:
        with self._lock:
            _n, until = self._fails.get(name.lower(), (0, None))
        return until if until is not None and until > now else None

    def failed(self, name: str, now: datetime) -> None:
        with self._lock:
            if len(self._fails) > 10_000:  # bounded under a spray of names
                self._fails.clear()
            n, _until = self._fails.get(name.lower(), (0, None))
            wait = lock_for(n + 1)
            self._fails[name.lower()] = (n + 1, now + wait if wait else None)

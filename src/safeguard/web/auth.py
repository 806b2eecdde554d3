"""Passwords, signed session cookies, CSRF tokens and sign-in rate limiting."""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass

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
    """What the signed cookie carries: the user's id (or none) and the CSRF token."""

    user_id: int | None
    csrf: str
    issued: float


class SessionSigner:
    def __init__(self, secret_key: str) -> None:
        self._s = URLSafeTimedSerializer(secret_key, salt="safeguard-session")

    def dumps(self, session: Session) -> str:
        return self._s.dumps({"u": session.user_id, "c": session.csrf, "i": session.issued})

    def loads(self, value: str | None) -> Session | None:
        if not value:
            return None
        try:
            data = self._s.loads(value, max_age=SESSION_MAX_AGE_S)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("c"), str):
            return None
        uid = data.get("u")
        return Session(
            user_id=uid if isinstance(uid, int) else None,
            csrf=data["c"],
            issued=float(data.get("i") or 0),
        )


def new_session(user_id: int | None = None) -> Session:
    return Session(user_id=user_id, csrf=secrets.token_urlsafe(24), issued=time.time())


def csrf_ok(session: Session | None, token: str | None) -> bool:
    return bool(session and token and secrets.compare_digest(session.csrf, token))


class SignInLimiter:
    """At most ``limit`` failed sign-ins per user name and per client address in ``window_s``."""

    def __init__(self, limit: int = 5, window_s: float = 15 * 60) -> None:
        self.limit = limit
        self.window_s = window_s
        self._fails: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        q = self._fails.setdefault(key, deque())
        while q and q[0] < now - self.window_s:
            q.popleft()
        return q

    def blocked(self, *keys: str) -> bool:
        now = time.monotonic()
        with self._lock:
            return any(len(self._recent(k, now)) >= self.limit for k in keys)

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for k in keys:
                self._recent(k, now).append(now)
            if len(self._fails) > 10_000:  # keep memory bounded under a spray of names
                for k in [k for k, q in self._fails.items() if not q]:
                    del self._fails[k]

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for k in keys:
                self._fails.pop(k, None)

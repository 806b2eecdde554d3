"""Passwords, the signed-out CSRF cookie, and per-account lock-out after failed sign-ins."""

from __future__ import annotations

import math
import secrets
import threading
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer

SESSION_COOKIE = "sg_session"
SESSION_MAX_AGE_S = 8 * 3600  # one shift

_hasher = PasswordHasher()
#: At most this many password hashes are worked out at once in a process: each takes argon2's
#: memory cost (64 MiB), so a burst of sign-ins (a shift starting) must not take the server's
#: memory with it; the others wait their turn (a check takes well under a second).
MAX_CONCURRENT_CHECKS = 2
_CHECKS = threading.BoundedSemaphore(MAX_CONCURRENT_CHECKS)
# A hash of a random password, checked when the user name is unknown so that a wrong name and a
# wrong password take the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))

MIN_PASSWORD_LENGTH = 12


def hash_password(password: str) -> str:
    with _CHECKS:
        return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        with _CHECKS:
            ok = _hasher.verify(password_hash or _DUMMY_HASH, password)
        return ok and password_hash is not None
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
        self._views = URLSafeTimedSerializer(secret_key, salt="safeguard-queue-view")
        self._devices = URLSafeTimedSerializer(secret_key, salt="safeguard-device")

    def device_token(self, username: str) -> str:
        """The browser's proof that it has signed in to this account before (see
        :class:`AddressLimiter`)."""
        return str(self._devices.dumps({"u": username.lower()}))

    def device_account(self, token: str | None) -> str | None:
        """The account (lower case) a device token was issued for, if it is genuine."""
        if not token:
            return None
        try:
            data = self._devices.loads(token, max_age=int(DEVICE_MAX_AGE.total_seconds()))
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("u"), str):
            return None
        return str(data["u"])

    def view_token(self, session_hash: str, version: str, children: list[str]) -> str:
        """What a Now page showed (its queue version and the children whose records it showed,
        already in the access log), for its live stream: signed and bound to the session, so
        that nobody can claim entries were written that were not."""
        return str(self._views.dumps({"s": session_hash[:16], "v": version, "c": children}))

    def read_view(self, token: str | None, session_hash: str) -> tuple[str, set[str]] | None:
        """(version, children already logged) of a view token made for this session."""
        if not token:
            return None
        try:
            data = self._views.loads(token, max_age=SESSION_MAX_AGE_S)
        except BadSignature:
            return None
        if not isinstance(data, dict) or data.get("s") != session_hash[:16]:
            return None
        children = data.get("c")
        if not isinstance(children, list) or not all(isinstance(c, str) for c in children):
            return None
        return str(data.get("v")), set(children)

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


#: The cookie a browser gets on a good sign-in, naming the account (signed): attempts carrying
#: it for that account are never slowed by :class:`AddressLimiter`.
DEVICE_COOKIE = "sg_device"
DEVICE_MAX_AGE = timedelta(days=180)

#: Failed sign-ins (wrong password or no such account) from one network address within
#: ADDRESS_WINDOW before that address is slowed down.
ADDRESS_ALLOWANCE = 20
ADDRESS_WINDOW_S = 15 * 60.0
#: Once slowed: one password check from that address per ADDRESS_INTERVAL_S; an attempt whose
#: turn is more than ADDRESS_MAX_WAIT_S away is asked to try again (its password not checked).
ADDRESS_INTERVAL_S = 2.0
ADDRESS_MAX_WAIT_S = 30.0


class AddressLimiter:
    """Slows password spraying (one password tried on many accounts) from one network address,
    without refusing a correct password because of other people's failures.

    Everyone behind a force's proxy or terminal server shares one address, so the address is
    never locked. Only failed sign-ins count towards its allowance. Once an address is over the
    allowance, sign-ins from it take turns: one password check every ``ADDRESS_INTERVAL_S``,
    waiting (without holding a server thread) for their turn. A browser that has signed in to
    the account before (the signed device cookie) does not wait at all, so staff on their own
    machines are not slowed by an attack from their network. Per-account lock-out applies
    as before. Counts are kept in memory, per server process, by monotonic time.
    """

    def __init__(self) -> None:
        self._fails: dict[str, deque[float]] = {}
        self._next_turn: dict[str, float] = {}
        self._lock = threading.Lock()

    def _recent(self, address: str, now: float) -> deque[float]:
        fails = self._fails.get(address)
        if fails is None:
            return deque()
        while fails and fails[0] <= now - ADDRESS_WINDOW_S:
            fails.popleft()
        if not fails:
            del self._fails[address]
            self._next_turn.pop(address, None)
        return fails

    def slowed(self, address: str, now: float) -> bool:
        with self._lock:
            return len(self._recent(address, now)) >= ADDRESS_ALLOWANCE

    def turn(self, address: str, now: float) -> float | None:
        """Seconds this attempt must wait before its password is checked (0: at once), or
        ``None`` if its turn is too far off (the address is flooding)."""
        with self._lock:
            if len(self._recent(address, now)) < ADDRESS_ALLOWANCE:
                return 0.0
            at = max(now, self._next_turn.get(address, now))
            if at - now > ADDRESS_MAX_WAIT_S:
                return None
            self._next_turn[address] = at + ADDRESS_INTERVAL_S
            return at - now

    def failed(self, address: str, now: float) -> None:
        with self._lock:
            if len(self._fails) > 10_000:  # bounded under a spray of addresses
                self._fails.clear()
                self._next_turn.clear()
            self._fails.setdefault(address, deque()).append(now)
            fails = self._fails[address]
            while len(fails) > ADDRESS_ALLOWANCE * 4:  # no need to remember more
                fails.popleft()

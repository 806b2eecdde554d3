"""The web app's own tables: accounts, the access log and language challenge decisions.

They live on the shared declarative ``Base`` so one Alembic history covers the whole store;
the revision that creates them is ``store/migrations/versions/*_web_accounts.py``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Index, Integer, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from safeguard.store.models import Base

ROLES = ("officer", "supervisor", "safeguarding_lead", "auditor", "admin")
ACTIONS = ("view", "change", "export", "refused")
DECISIONS = ("challenged", "dismissed")


class User(Base):
    """A person who signs in. Passwords are kept only as argon2 hashes."""

    __tablename__ = "web_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    role: Mapped[str] = mapped_column(String(32), nullable=False)
    team: Mapped[str | None] = mapped_column(String(64), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    #: Failed sign-ins since the last good one; from the fifth on, the account is locked for
    #: a time that doubles with each further failure (see ``auth.lock_for``).
    failed_signins: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class WebSession(Base):
    """A signed-in session, kept in the database so that every server process agrees when it
    ends. The browser holds a random token; only its SHA-256 is stored."""

    __tablename__ = "web_sessions"
    __table_args__ = (Index("ix_web_sessions_user", "user_id"),)

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, nullable=False)
    csrf: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)


class SessionPurpose(Base):
    """Why the user of a session is looking at a child's records: chosen once per child per
    session, and written with every view of that child to the access log."""

    __tablename__ = "web_session_purposes"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    child_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    reason: Mapped[str] = mapped_column(String(32), nullable=False)


class AccessLogEntry(Base):
    """One view, change or export of a record. Append-only: never updated or deleted."""

    __tablename__ = "web_access_log"
    __table_args__ = (
        Index("ix_web_access_log_at", "at"),
        Index("ix_web_access_log_record", "record_type", "record_id"),
        Index("ix_web_access_log_username", "username"),
        Index("ix_web_access_log_child", "child_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    user_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    username: Mapped[str] = mapped_column(String(64), nullable=False)
    role: Mapped[str] = mapped_column(String(32), nullable=False)
    action: Mapped[str] = mapped_column(String(16), nullable=False)
    record_type: Mapped[str] = mapped_column(String(32), nullable=False)
    record_id: Mapped[str] = mapped_column(String(64), nullable=False)
    reason: Mapped[str] = mapped_column(String(200), nullable=False)
    #: The child whose records the entry is about (none for accounts and exports).
    child_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    #: SHA-256 over this entry's fields and the previous entry's hash: a removed or altered
    #: entry breaks the chain (``safeguard access-log verify``).
    entry_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)


class ChallengeDecision(Base):
    """A supervisor's decision on one flagged phrase: challenged (with an addendum) or dismissed."""

    __tablename__ = "web_challenge_decisions"
    __table_args__ = (
        Index("ix_web_challenge_note", "note_id"),
        # At most one current decision per flagged phrase (``current`` is true or null).
        Index("ux_web_challenge_current", "note_id", "rule", "start", "current", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    note_id: Mapped[str] = mapped_column(String(64), nullable=False)
    child_id: Mapped[str] = mapped_column(String(64), nullable=False)
    rule: Mapped[str] = mapped_column(String(128), nullable=False)
    category: Mapped[str | None] = mapped_column(String(64), nullable=True)
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    phrase: Mapped[str] = mapped_column(String(500), nullable=False)
    suggestion: Mapped[str | None] = mapped_column(Text, nullable=True)
    decision: Mapped[str] = mapped_column(String(16), nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    addendum_note_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    decided_by: Mapped[str] = mapped_column(String(64), nullable=False)
    decided_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    #: True for the decision that stands; null once a later decision on the same phrase has
    #: replaced it (the replaced one is kept, with ``superseded_by``).
    current: Mapped[bool | None] = mapped_column(Boolean, nullable=True, default=True)
    superseded_by: Mapped[int | None] = mapped_column(Integer, nullable=True)


@event.listens_for(AccessLogEntry, "before_update")
@event.listens_for(AccessLogEntry, "before_delete")
def _append_only(*_args: object) -> None:
    raise PermissionError("The access log is append-only: entries cannot be changed or removed.")

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
ACTIONS = ("view", "change", "export")
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


class AccessLogEntry(Base):
    """One view, change or export of a record. Append-only: never updated or deleted."""

    __tablename__ = "web_access_log"
    __table_args__ = (
        Index("ix_web_access_log_at", "at"),
        Index("ix_web_access_log_record", "record_type", "record_id"),
        Index("ix_web_access_log_username", "username"),
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


class ChallengeDecision(Base):
    """A supervisor's decision on one flagged phrase: challenged (with an addendum) or dismissed."""

    __tablename__ = "web_challenge_decisions"
    __table_args__ = (Index("ix_web_challenge_note", "note_id"),)

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


@event.listens_for(AccessLogEntry, "before_update")
@event.listens_for(AccessLogEntry, "before_delete")
def _append_only(*_args: object) -> None:
    raise PermissionError("The access log is append-only: entries cannot be changed or removed.")

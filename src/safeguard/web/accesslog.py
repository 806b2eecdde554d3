"""Writing and searching the append-only access log."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from safeguard.records.clock import utc_now
from safeguard.web.models import ACTIONS, AccessLogEntry, User

#: Why a record was opened; offered to the user and written to the log.
REASONS = {
    "queue": "Acting on the Now queue",
    "review": "Case review or supervision",
    "challenge": "Challenging language in a note",
    "audit": "Audit or inspection",
    "enquiry": "Enquiry from another agency",
    "api": "Request from another system",
}


def record(
    engine: Engine, user: User, action: str, record_type: str, record_id: str, reason: str
) -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown access action {action!r}")
    # A plain insert (no ORM unit of work): this runs on every view of a child's record.
    with engine.begin() as conn:
        conn.execute(
            insert(AccessLogEntry).values(
                at=utc_now(),
                user_id=user.id,
                username=user.username,
                role=user.role,
                action=action,
                record_type=record_type,
                record_id=record_id[:64],
                reason=reason[:200],
            )
        )


@dataclass
class LogQuery:
    username: str | None = None
    record_id: str | None = None
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 500


def search(engine: Engine, q: LogQuery) -> list[AccessLogEntry]:
    stmt = select(AccessLogEntry)
    if q.username:
        stmt = stmt.where(AccessLogEntry.username == q.username)
    if q.record_id:
        stmt = stmt.where(AccessLogEntry.record_id == q.record_id)
    if q.action:
        stmt = stmt.where(AccessLogEntry.action == q.action)
    if q.since:
        stmt = stmt.where(AccessLogEntry.at >= q.since)
    if q.until:
        stmt = stmt.where(AccessLogEntry.at <= q.until)
    stmt = stmt.order_by(AccessLogEntry.at.desc(), AccessLogEntry.id.desc()).limit(q.limit)
    with Session(engine) as db:
        rows = list(db.scalars(stmt))
        db.expunge_all()
    return rows


CSV_FIELDS = ["at", "username", "role", "action", "record_type", "record_id", "reason"]


def to_csv(rows: Iterable[AccessLogEntry]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_FIELDS)
    for r in rows:
        w.writerow(
            [
                r.at.isoformat(sep=" "),
                r.username,
                r.role,
                r.action,
                r.record_type,
                r.record_id,
                r.reason,
            ]
        )
    return buf.getvalue()

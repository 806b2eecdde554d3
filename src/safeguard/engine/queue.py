"""The Now queue from stored results: exactly the open obligations (overdue first, then due
soonest) and the open findings, read with database queries (filtered by team, paged), in the
audit's own words. Nothing here re-states a threshold: every deadline is the engine's.

Before reading, :func:`refresh_expired` re-audits the few children whose stored result has
reached its ``valid_until`` (a deadline passed, a risk-rule threshold was crossed), so the
queue at any moment equals the audit at that moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select

from safeguard.audit.runner import Auditor
from safeguard.engine.models import CaseResultRow, FindingRow, ObligationRow
from safeguard.engine.results import Refresh, refresh_children
from safeguard.standards.catalogue import Standards, default_standards
from safeguard.store.read import snapshot
from safeguard.timing import duration_words


@dataclass(frozen=True)
class QueueItem:
    """One line of the queue: an obligation (with its deadline) or an open finding."""

    key: str
    kind: str  # "obligation" | "finding"
    child_id: str
    team: str
    check_id: str
    title: str
    severity: str
    record_type: str
    record_id: str
    what: str  # what is due (an obligation) or the finding's words
    detail: str  # the audit's words (for an obligation: once overdue)
    due_at: datetime | None
    at: datetime | None = None

    def overdue(self, now: datetime) -> bool:
        return self.due_at is not None and self.due_at <= now

    def urgent(self, now: datetime, standards: Standards | None = None) -> bool:
        """Whether the queue marks this item urgent at ``now``: the definition is the
        standards' ``urgent`` entry (``standards.yml``; the packaged one by default)."""
        rule = (standards or default_standards()).urgent
        return rule.applies(self.severity, self.overdue(now))

    def when_words(self, now: datetime) -> str:
        """'overdue by 3 h', 'due in 2 h' (empty for a finding)."""
        if self.due_at is None:
            return ""
        if self.due_at <= now:
            return f"overdue by {duration_words(now - self.due_at)}"
        return f"due in {duration_words(self.due_at - now)}"


def expired_children(engine: Engine, now: datetime) -> list[str]:
    r = CaseResultRow
    with engine.connect() as conn:
        return [
            row[0]
            for row in conn.execute(
                select(r.child_id).where(r.valid_until.is_not(None), r.valid_until <= now)
            )
        ]


def next_deadline(engine: Engine) -> datetime | None:
    """When the next stored result stops being exact (for a timer)."""
    with engine.connect() as conn:
        return conn.execute(select(func.min(CaseResultRow.valid_until))).scalar()


def refresh_expired(engine: Engine, now: datetime, auditor: Auditor | None = None) -> Refresh:
    """Re-audit, as of ``now``, the children whose stored result expired by ``now``."""
    ids = expired_children(engine, now)
    if not ids:
        return Refresh()
    return refresh_children(engine, ids, auditor=auditor or Auditor(as_of=now))


def obligations(
    engine: Engine,
    *,
    teams: list[str] | None = None,
    checks: list[str] | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[QueueItem]]:
    """(how many, one page) of open obligations, overdue first, then due soonest.

    ``teams`` (``checks``) None means every team (check)."""
    o = ObligationRow
    where = [] if teams is None else [o.team.in_(teams)]
    if checks is not None:
        where.append(o.check_id.in_(checks))
    with snapshot(engine) as conn:  # the count and the page from one state of the store
        total = int(conn.execute(select(func.count()).select_from(o).where(*where)).scalar_one())
        rows = conn.execute(
            select(o)
            .where(*where)
            .order_by(o.due_at, o.child_id, o.key)
            .limit(limit)
            .offset(offset)
        ).all()
    return total, [
        QueueItem(
            key=r.key,
            kind="obligation",
            child_id=r.child_id,
            team=r.team,
            check_id=r.check_id,
            title=r.title,
            severity=r.severity,
            record_type=r.record_type,
            record_id=r.record_id,
            what=r.what,
            detail=r.detail,
            due_at=r.due_at,
            at=r.since,
        )
        for r in rows
    ]


def _finding_filter(teams: list[str] | None, checks: list[str] | None) -> list[Any]:
    f = FindingRow
    where: list[Any] = [f.open.is_(True)]
    if teams is not None:
        where.append(f.team.in_(teams))
    if checks is not None:
        where.append(f.check_id.in_(checks))
    return where


def count_open_findings(
    engine: Engine, *, teams: list[str] | None = None, checks: list[str] | None = None
) -> int:
    with engine.connect() as conn:
        stmt = select(func.count()).select_from(FindingRow).where(*_finding_filter(teams, checks))
        return int(conn.execute(stmt).scalar_one())


def open_findings(
    engine: Engine,
    *,
    teams: list[str] | None = None,
    checks: list[str] | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[QueueItem]]:
    """(how many, one page) of open findings, newest first."""
    f = FindingRow
    where = _finding_filter(teams, checks)
    with snapshot(engine) as conn:  # the count and the page from one state of the store
        total = int(conn.execute(select(func.count()).select_from(f).where(*where)).scalar_one())
        rows = conn.execute(
            select(f)
            .where(*where)
            .order_by(f.at.desc(), f.child_id, f.key)
            .limit(limit)
            .offset(offset)
        ).all()
    return total, [
        QueueItem(
            key=r.key,
            kind="finding",
            child_id=r.child_id,
            team=r.team,
            check_id=r.check_id,
            title=r.title,
            severity=r.severity,
            record_type=r.record_type,
            record_id=r.record_id,
            what=r.detail,
            detail=r.detail,
            due_at=None,
            at=r.at,
        )
        for r in rows
    ]

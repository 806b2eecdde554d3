"""The Now queue from stored results: exactly the open obligations (overdue first, then due
soonest) and the open findings, read with database queries (filtered by team, paged), in the
audit's own words. Nothing here re-states a threshold: every deadline is the engine's.

Before reading, :func:`refresh_expired` re-audits the few children whose stored result has
reached its ``valid_until`` (a deadline passed, a risk-rule threshold was crossed), so the
queue at any moment equals the audit at that moment.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, Select, func, select, union_all
from sqlalchemy.engine import Connection

from safeguard.audit.runner import Auditor
from safeguard.engine import queue_counts
from safeguard.engine.models import CaseResultRow, FindingRow, ObligationRow
from safeguard.engine.results import Refresh, refresh_children
from safeguard.standards.catalogue import Standards, default_standards
from safeguard.store.engine import reader
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
    with reader(engine).connect() as conn:
        return [
            row[0]
            for row in conn.execute(
                select(r.child_id).where(r.valid_until.is_not(None), r.valid_until <= now)
            )
        ]


def next_deadline(engine: Engine) -> datetime | None:
    """When the next stored result stops being exact (for a timer)."""
    with reader(engine).connect() as conn:
        return conn.execute(select(func.min(CaseResultRow.valid_until))).scalar()


def refresh_expired(engine: Engine, now: datetime, auditor: Auditor | None = None) -> Refresh:
    """Re-audit, as of ``now``, the children whose stored result expired by ``now``."""
    ids = expired_children(engine, now)
    if not ids:
        return Refresh()
    return refresh_children(engine, ids, auditor=auditor or Auditor(as_of=now))


def _teams(col: Any, teams: list[str] | None) -> list[Any]:
    return [] if teams is None else [col.in_(teams)]


def _paged(
    conn: Connection,
    base: Select[Any],
    check_col: Any,
    checks: list[str] | None,
    order: Callable[[Any], Any],
    order_by: tuple[Any, ...],
    limit: int,
    offset: int,
) -> list[Any]:
    """One page of ``base`` in ``order``: with ``checks``, one indexed run per check (each
    reads at most ``offset + limit`` rows, in index order), all sent as one query (one round
    trip to a database server) and merged here, so a page never sorts every matching row of a
    force's store."""
    if checks is None:
        return list(conn.execute(base.order_by(*order_by).limit(limit).offset(offset)).all())
    if not checks:
        return []
    runs = [
        base.where(check_col == c).order_by(*order_by).limit(offset + limit).subquery()
        for c in checks
    ]
    # Each run in a subquery of its own: SQLite allows no ORDER BY or LIMIT on the parts of
    # a UNION ALL otherwise.
    rows = conn.execute(union_all(*(select(run) for run in runs))).all()
    return sorted(rows, key=order)[offset : offset + limit]


@dataclass(frozen=True)
class Totals:
    """How many open obligations and open findings each check has (for some teams)."""

    obligations: dict[str, int]
    findings: dict[str, int]

    def of(self, checks: list[str]) -> tuple[int, int]:
        return (
            sum(self.obligations.get(c, 0) for c in checks),
            sum(self.findings.get(c, 0) for c in checks),
        )


def totals(conn: Connection, *, teams: list[str] | None = None) -> Totals:
    """Open obligations and open findings by check: read from the totals kept as results are
    written (:mod:`safeguard.engine.queue_counts`), never counted over the store."""
    kept = queue_counts.read(conn, teams)
    return Totals(kept["obligation"], kept["finding"])


class _Newest:
    """Sort key: newest first, then by child and key (as the query orders open findings)."""

    __slots__ = ("at", "rest")

    def __init__(self, row: Any) -> None:
        self.at, self.rest = row.at, (row.child_id, row.key)

    def __lt__(self, other: _Newest) -> bool:
        if self.at != other.at:
            return bool(self.at > other.at)
        return self.rest < other.rest


def page(
    conn: Connection,
    kind: str,
    teams: list[str] | None,
    checks: list[str] | None,
    limit: int,
    offset: int,
) -> list[QueueItem]:
    """One page of open obligations (overdue first, then due soonest) or open findings
    (newest first)."""
    base: Select[Any]
    if kind == "obligation":
        o = ObligationRow
        base = select(o).where(*_teams(o.team, teams))
        order: Callable[[Any], Any] = lambda r: (r.due_at, r.child_id, r.key)  # noqa: E731
        rows = _paged(
            conn, base, o.check_id, checks, order, (o.due_at, o.child_id, o.key), limit, offset
        )
    else:
        f = FindingRow
        base = select(f).where(f.open.is_(True), *_teams(f.team, teams))
        order_by = (f.at.desc(), f.child_id, f.key)
        rows = _paged(conn, base, f.check_id, checks, _Newest, order_by, limit, offset)
    ob = kind == "obligation"
    return [
        QueueItem(
            key=r.key,
            kind=kind,
            child_id=r.child_id,
            team=r.team,
            check_id=r.check_id,
            title=r.title,
            severity=r.severity,
            record_type=r.record_type,
            record_id=r.record_id,
            what=r.what if ob else r.detail,
            detail=r.detail,
            due_at=r.due_at if ob else None,
            at=r.since if ob else r.at,
        )
        for r in rows
    ]


def _counted(
    engine: Engine,
    kind: str,
    teams: list[str] | None,
    checks: list[str] | None,
    limit: int,
    offset: int,
) -> tuple[int, list[QueueItem]]:
    with snapshot(engine) as conn:  # the count and the page from one state of the store
        counted = totals(conn, teams=teams)
        n = counted.obligations if kind == "obligation" else counted.findings
        total = sum(n.values()) if checks is None else sum(n.get(c, 0) for c in checks)
        return total, page(conn, kind, teams, checks, limit, offset)


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
    return _counted(engine, "obligation", teams, checks, limit, offset)


def open_findings(
    engine: Engine,
    *,
    teams: list[str] | None = None,
    checks: list[str] | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[QueueItem]]:
    """(how many, one page) of open findings, newest first."""
    return _counted(engine, "finding", teams, checks, limit, offset)

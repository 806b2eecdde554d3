"""Totals kept as stored results are written: the Now queue's and the dashboard's.

- The Now queue's: how many open obligations and open findings each check has, by team
  (``engine_queue_counts``).
- The dashboard's: how many children have at least one finding of each check, by team and by
  the day of the child's last activity (``engine_check_counts``), so that a period's figure is
  a sum over days (plus the children of the period's first, partial day, counted exactly:
  :func:`children_by_check`).

:meth:`ResultRows.write <safeguard.engine.results.ResultRows.write>` changes both in the same
transaction as the rows they count: it deletes a child's rows with ``RETURNING`` (so it
subtracts exactly what it removed, even when two writers replace the same child at once) and
adds what it inserts. Reading the totals then costs about the same at 300 or 500,000 children;
counting the result rows on every page would read the whole store's rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, distinct, func, select
from sqlalchemy.engine import Connection

from safeguard.engine.models import (
    NO_ACTIVITY_DAY,
    CaseResultRow,
    CheckCountRow,
    FindingRow,
    ObligationRow,
    QueueCountRow,
)

if TYPE_CHECKING:
    from sqlalchemy.dialects.postgresql import dml as pg_dml
    from sqlalchemy.dialects.sqlite import dml as sqlite_dml

#: One change to the kept totals, counted in a :class:`Counter`:
#:
#: - ``("obligation", check id, team)`` and ``("finding", check id, team)``: one open obligation
#:   or open finding (the Now queue's totals);
#: - ``("child-check", child id, check id)``: one finding row of that child for that check,
#:   open or not (the dashboard's totals count each child once per check);
#: - ``("child", child id, team, day)``: that child's result row, with its team and the day of
#:   its last activity (ISO date), as it was deleted.
Key = tuple[str, ...]
_QUEUE_KINDS = ("obligation", "finding")


def _day(last_activity: datetime | date | str | None) -> date:
    """The day a child's last activity falls on (the store's times are naive UTC)."""
    if last_activity is None:
        return NO_ACTIVITY_DAY
    if isinstance(last_activity, str):  # (a driver that hands back text)
        last_activity = datetime.fromisoformat(last_activity)
    return last_activity.date() if isinstance(last_activity, datetime) else last_activity


def delete_rows(conn: Connection, model: Any, child_ids: Sequence[str]) -> Counter[Key]:
    """Delete these children's rows of ``model``; what the deletion removed from the totals."""
    stmt = delete(model).where(model.child_id.in_(child_ids))
    if model is ObligationRow:
        rows = conn.execute(stmt.returning(model.check_id, model.team))
        return Counter(("obligation", check, team) for check, team in rows)
    if model is FindingRow:
        out: Counter[Key] = Counter()
        for child, check, team, is_open in conn.execute(
            stmt.returning(model.child_id, model.check_id, model.team, model.open)
        ):
            out[("child-check", child, check)] += 1
            if is_open:
                out[("finding", check, team)] += 1
        return out
    if model is CaseResultRow:
        results = conn.execute(stmt.returning(model.child_id, model.team, model.last_activity))
        return Counter(("child", child, team, _day(at).isoformat()) for child, team, at in results)
    conn.execute(stmt)
    return Counter()


def of_rows(
    findings: Iterable[Mapping[str, Any]], obligations: Iterable[Mapping[str, Any]]
) -> Counter[Key]:
    """What rows about to be inserted add to the totals."""
    out: Counter[Key] = Counter(("obligation", o["check_id"], o["team"]) for o in obligations)
    for f in findings:
        out[("child-check", f["child_id"], f["check_id"])] += 1
        if f["open"]:
            out[("finding", f["check_id"], f["team"])] += 1
    return out


def apply(conn: Connection, added: Counter[Key], removed: Counter[Key]) -> None:
    """Add ``added`` and take away ``removed`` (keys in a fixed order, so that two writers at
    once never wait for each other in a cycle). Called after the new rows are inserted: the
    team and last activity of the children they belong to are read from their result rows."""
    delta: Counter[Key] = Counter({k: n for k, n in added.items() if k[0] in _QUEUE_KINDS})
    delta.subtract({k: n for k, n in removed.items() if k[0] in _QUEUE_KINDS})
    _upsert(
        conn,
        QueueCountRow,
        [
            {"kind": k, "check_id": c, "team": t, "n": n}
            for (k, c, t), n in sorted(delta.items())
            if n
        ],
    )
    checks: Counter[tuple[str, str, date]] = Counter()
    was = {k[1]: (k[2], date.fromisoformat(k[3])) for k in removed if k[0] == "child"}
    for child, check in {(k[1], k[2]) for k in removed if k[0] == "child-check"}:
        if child in was:  # (a finding is never stored without its child's result)
            team, day = was[child]
            checks[(check, team, day)] -= 1
    pairs = {(k[1], k[2]) for k in added if k[0] == "child-check"}
    now = _teams_and_days(conn, sorted({child for child, _ in pairs}))
    for child, check in pairs:
        team, day = now[child]
        checks[(check, team, day)] += 1
    _upsert(
        conn,
        CheckCountRow,
        [
            {"check_id": c, "team": t, "day": d, "n": n}
            for (c, t, d), n in sorted(checks.items())
            if n
        ],
    )


def _teams_and_days(conn: Connection, child_ids: Sequence[str]) -> dict[str, tuple[str, date]]:
    r = CaseResultRow
    out: dict[str, tuple[str, date]] = {}
    for i in range(0, len(child_ids), 900):
        stmt = select(r.child_id, r.team, r.last_activity).where(
            r.child_id.in_(child_ids[i : i + 900])
        )
        for child, team, at in conn.execute(stmt):
            out[child] = (team, _day(at))
    return out


def _upsert(conn: Connection, model: Any, changes: list[dict[str, Any]]) -> None:
    """Add each change's ``n`` to the kept row with the same key (made if there is none)."""
    if not changes:
        return
    stmt: pg_dml.Insert | sqlite_dml.Insert
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        stmt = pg_insert(model)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        stmt = sqlite_insert(model)
    keys = [c for c in model.__table__.primary_key.columns]
    stmt = stmt.on_conflict_do_update(index_elements=keys, set_={"n": model.n + stmt.excluded.n})
    conn.execute(stmt, changes)


def read(conn: Connection, teams: list[str] | None = None) -> dict[str, dict[str, int]]:
    """``{"obligation": {check: n}, "finding": {check: n}}`` for these teams (None: all)."""
    q = QueueCountRow
    stmt = select(q.kind, q.check_id, func.sum(q.n)).where(q.n > 0)
    if teams is not None:
        stmt = stmt.where(q.team.in_(teams))
    out: dict[str, dict[str, int]] = {"obligation": {}, "finding": {}}
    for kind, check, n in conn.execute(stmt.group_by(q.kind, q.check_id)):
        out[kind][check] = int(n)
    return out


def counted(conn: Connection) -> dict[str, dict[str, int]]:
    """The same totals counted from the result rows (slow at force size: for checks)."""
    o, f = ObligationRow, FindingRow
    return {
        "obligation": {
            c: int(n)
            for c, n in conn.execute(select(o.check_id, func.count()).group_by(o.check_id))
        },
        "finding": {
            c: int(n)
            for c, n in conn.execute(
                select(f.check_id, func.count()).where(f.open.is_(True)).group_by(f.check_id)
            )
        },
    }


def children_by_check(
    conn: Connection, *, team: str | None = None, since: datetime | None = None
) -> dict[str, int]:
    """How many children (of ``team``; None: all) whose last activity is at or after ``since``
    (None: any, or none) have at least one finding of each check.

    The kept totals of the days after ``since``'s day, plus the children of ``since``'s own day
    from its time on, counted from their rows (one day's children: a few dozen in a force)."""
    k = CheckCountRow
    stmt = select(k.check_id, func.sum(k.n)).where(k.n != 0).group_by(k.check_id)
    if team is not None:
        stmt = stmt.where(k.team == team)
    if since is not None:
        stmt = stmt.where(k.day > since.date())
    out = {check: int(n) for check, n in conn.execute(stmt) if n}
    if since is not None:
        r, f = CaseResultRow, FindingRow
        next_day = datetime.combine(since.date() + timedelta(days=1), datetime.min.time())
        first_day = select(r.child_id).where(r.last_activity >= since, r.last_activity < next_day)
        if team is not None:
            first_day = first_day.where(r.team == team)
        for check, n in conn.execute(
            select(f.check_id, func.count(distinct(f.child_id)))
            .where(f.child_id.in_(first_day.scalar_subquery()))
            .group_by(f.check_id)
        ):
            out[check] = out.get(check, 0) + int(n)
    return out


def check_counts(conn: Connection) -> dict[tuple[str, str, date], int]:
    """Every kept dashboard total that is not zero: ``{(check, team, day): children}``."""
    k = CheckCountRow
    return {
        (c, t, _day(d)): int(n)
        for c, t, d, n in conn.execute(select(k.check_id, k.team, k.day, k.n).where(k.n != 0))
    }


def check_counts_counted(conn: Connection) -> dict[tuple[str, str, date], int]:
    """The same totals counted from the result rows (slow at force size: for checks)."""
    r, f = CaseResultRow, FindingRow
    out: Counter[tuple[str, str, date]] = Counter()
    pairs = (
        select(f.check_id, f.child_id, r.team, r.last_activity)
        .join(r, r.child_id == f.child_id)
        .distinct()
    )
    for check, _child, team, at in conn.execute(pairs):
        out[(check, team, _day(at))] += 1
    return dict(out)

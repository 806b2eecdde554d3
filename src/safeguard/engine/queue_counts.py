"""The Now queue's totals, kept as stored results are written.

How many open obligations and open findings each check has, by team, in one small table
(``engine_queue_counts``). :meth:`ResultRows.write <safeguard.engine.results.ResultRows.write>`
changes it in the same transaction as the rows it counts: it deletes a child's rows with
``RETURNING`` (so it subtracts exactly what it removed, even when two writers replace the same
child at once) and adds what it inserts. Reading the totals then costs the same at 300 or
500,000 children; counting the result rows on every page would read the whole store's rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Connection

from safeguard.engine.models import FindingRow, ObligationRow, QueueCountRow

#: (kind, check id, team): kind is "obligation" or "finding" (open findings only).
Key = tuple[str, str, str]


def delete_rows(conn: Connection, model: Any, child_ids: Sequence[str]) -> Counter[Key]:
    """Delete these children's rows of ``model``; what the deletion removed from the totals."""
    stmt = delete(model).where(model.child_id.in_(child_ids))
    if model is ObligationRow:
        rows = conn.execute(stmt.returning(model.check_id, model.team))
        return Counter(("obligation", check, team) for check, team in rows)
    if model is FindingRow:
        rows = conn.execute(stmt.returning(model.check_id, model.team, model.open))
        return Counter(("finding", check, team) for check, team, is_open in rows if is_open)
    conn.execute(stmt)
    return Counter()


def of_rows(
    findings: Iterable[Mapping[str, Any]], obligations: Iterable[Mapping[str, Any]]
) -> Counter[Key]:
    """What rows about to be inserted add to the totals."""
    out: Counter[Key] = Counter(("obligation", o["check_id"], o["team"]) for o in obligations)
    out.update(("finding", f["check_id"], f["team"]) for f in findings if f["open"])
    return out


def apply(conn: Connection, added: Counter[Key], removed: Counter[Key]) -> None:
    """Add ``added`` and take away ``removed`` (keys in a fixed order, so that two writers at
    once never wait for each other in a cycle)."""
    delta = Counter(added)
    delta.subtract(removed)
    changes = [
        {"kind": k, "check_id": c, "team": t, "n": n} for (k, c, t), n in sorted(delta.items()) if n
    ]
    if not changes:
        return
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    q = QueueCountRow
    stmt = insert(q)
    stmt = stmt.on_conflict_do_update(
        index_elements=[q.kind, q.check_id, q.team], set_={"n": q.n + stmt.excluded.n}
    )
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

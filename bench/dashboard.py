"""The dashboard's figures on a store, read only: the whole dashboard, and its count of children
with a finding of each check, counted over the findings (the baseline: how it was read before
migration 0310) against the totals kept as results are written.

    .venv/bin/python bench/dashboard.py --db STORE.db|postgresql+psycopg://... [--clock ISO] [--repeat 5]

The store is opened read only and never migrated (a SQLite file with ``mode=ro``; on PostgreSQL
nothing is written): if it was made before migration 0310, the kept totals are built here in a
temporary table of the bench's one database session, by the migration's own query (its time is
printed: it is what the upgrade costs once). Each figure is the best and the median of
``--repeat`` reads; the two ways of counting must give the same answer for every period, for
all teams and for one team, or the bench stops. The dashboard is read as the web app reads it
(``safeguard.web.dashboard.build``), through the same one session.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from importlib import import_module
from typing import Any

from sqlalchemy import create_engine, distinct, event, func, inspect, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.pool import StaticPool

from safeguard.engine import queue_counts
from safeguard.engine.models import CaseResultRow, FindingRow
from safeguard.web import dashboard

MIGRATION = "safeguard.store.migrations.versions.0310_check_counts"


def read_only_url(db: str) -> str:
    if "://" in db and not db.startswith("sqlite"):
        return db
    path = os.path.abspath(db.removeprefix("sqlite:///"))
    if not os.path.isfile(path):
        raise SystemExit(f"bench/dashboard.py: no SQLite store at {path}")
    return f"sqlite:///file:{path}?mode=ro&uri=true"


def counted_over_findings(
    conn: Connection, team: str | None, since: datetime | None
) -> dict[str, int]:
    """The baseline: children with a finding of each check, counted over the findings."""
    r, f = CaseResultRow, FindingRow
    chosen = select(r.child_id)
    if team is not None:
        chosen = chosen.where(r.team == team)
    if since is not None:
        chosen = chosen.where(r.last_activity >= since)
    stmt = (
        select(f.check_id, func.count(distinct(f.child_id)))
        .where(f.child_id.in_(chosen.scalar_subquery()))
        .group_by(f.check_id)
    )
    return {check: int(n) for check, n in conn.execute(stmt)}


def timed(fn: Callable[[], Any], repeat: int) -> tuple[Any, float, float]:
    """(answer, best ms, median ms) of ``repeat`` calls."""
    times, answer = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        answer = fn()
        times.append(1000 * (time.perf_counter() - t))
    return answer, min(times), statistics.median(times)


def build_kept_totals(conn: Connection) -> None:
    """The kept totals of a store made before migration 0310, in a temporary table."""
    pg = conn.dialect.name == "postgresql"
    conn.execute(
        text(
            "CREATE TEMP TABLE engine_check_counts (check_id VARCHAR(64), team VARCHAR(64), "
            "day DATE, n INTEGER NOT NULL, PRIMARY KEY (check_id, team, day))"
        )
    )
    conn.execute(text(import_module(MIGRATION).fill_sql(conn.dialect.name)))
    if pg:
        conn.execute(text("ANALYZE engine_check_counts"))
    conn.commit()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="a SQLite file or a PostgreSQL URL (read only)")
    ap.add_argument("--clock", help="'now' (ISO) for the periods; default: the real time")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    now = datetime.fromisoformat(args.clock) if args.clock else datetime.now()
    # One database session for everything (the kept totals may be a temporary table of it).
    engine = create_engine(read_only_url(args.db), poolclass=StaticPool)
    with engine.connect() as conn:
        children = conn.execute(select(func.count()).select_from(CaseResultRow)).scalar_one()
        findings = conn.execute(select(func.count()).select_from(FindingRow)).scalar_one()
        print(f"{children:,} children's results, {findings:,} findings ({engine.dialect.name})")
        if not inspect(conn).has_table("engine_check_counts"):
            t = time.perf_counter()
            build_kept_totals(conn)
            print(
                "store made before migration 0310: kept totals built in a temporary table in "
                f"{time.perf_counter() - t:.1f} s (what the upgrade costs, once)"
            )
        kept_rows = conn.execute(text("SELECT COUNT(*) FROM engine_check_counts")).scalar_one()
        print(f"kept totals: {kept_rows:,} rows (check, team, day)")
        team = conn.execute(select(CaseResultRow.team).limit(1)).scalar()
        conn.rollback()
        print("children with a finding of each check, best / median of", args.repeat, "reads:")
        for period, days in dashboard.PERIOD_DAYS.items():
            since = now - timedelta(days=days) if days else None
            for who in (None, team):
                base, b_best, b_med = timed(
                    lambda who=who, since=since: counted_over_findings(conn, who, since),
                    args.repeat,
                )
                kept, k_best, k_med = timed(
                    lambda who=who, since=since: queue_counts.children_by_check(
                        conn, team=who, since=since
                    ),
                    args.repeat,
                )
                conn.rollback()
                if kept != base:
                    print(f"DIFFERENT ANSWERS for {period}, team {who}: {kept} != {base}")
                    return 1
                print(
                    f"  {period:>3} {'all teams' if who is None else 'one team':9}  counted over "
                    f"findings {b_best:7.1f} / {b_med:7.1f} ms   kept totals {k_best:6.1f} / "
                    f"{k_med:6.1f} ms   ({b_med / k_med:5.1f}x faster; same answer)"
                )
    statements: list[tuple[float, str]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _start(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        conn.info["bench_t"] = time.perf_counter()

    @event.listens_for(engine, "after_cursor_execute")
    def _end(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        took = 1000 * (time.perf_counter() - conn.info.pop("bench_t"))
        statements.append((took, " ".join(statement.split())[:90]))

    for period in ("12m", "all"):
        _, best, med = timed(lambda p=period: dashboard.build(engine, now, None, p), args.repeat)
        print(f"whole dashboard, all teams, {period:>3}: best {best:.0f} ms, median {med:.0f} ms")
        # Its statements in the last read (where the time goes; on SQLite a statement's rows
        # are read after it returns, so these times leave out most of the work there).
        last = statements[-len(statements) // args.repeat :]
        for took, sql in last:
            print(f"    {took:6.1f} ms  {sql}")
        statements.clear()
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())

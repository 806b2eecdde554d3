"""Reading what the audit needs from the store besides the cases themselves."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select

from safeguard.store.models import TABLES

#: Columns whose latest value says when the data was extracted.
TIME_COLUMNS = (
    ("notes", "written_at"),
    ("missing_episodes", "reported_at"),
    ("missing_episodes", "found_at"),
    ("episode_actions", "at"),
    ("investigations", "reported_at"),
    ("victim_contacts", "at"),
    ("supervisor_reviews", "reviewed_at"),
)


def _table(name: str) -> Any:
    return TABLES[name].__table__


def latest_record_time(engine: Engine) -> datetime | None:
    """The time of the latest record in the store (None for an empty store)."""
    latest: datetime | None = None
    with engine.connect() as conn:
        for table, column in TIME_COLUMNS:
            value = conn.execute(select(func.max(_table(table).c[column]))).scalar()
            if isinstance(value, str):  # SQLite may hand back text
                value = datetime.fromisoformat(value)
            if value is not None and (latest is None or value > latest):
                latest = value
    return latest


def count_children(engine: Engine, team: str | None = None) -> int:
    t = _table("children")
    stmt = select(func.count()).select_from(t)
    if team:
        stmt = stmt.where(t.c.team == team)
    with engine.connect() as conn:
        return int(conn.execute(stmt).scalar_one())


def team_names(engine: Engine) -> list[str]:
    """The teams that own children in the store, sorted (a query on the children's index)."""
    t = _table("children")
    stmt = select(t.c.team).where(t.c.team.is_not(None)).distinct()
    with engine.connect() as conn:
        return sorted((str(v) for v in conn.execute(stmt).scalars()), key=str.casefold)


def match_team(given: str, known: list[str]) -> str | None:
    """The stored spelling of team ``given`` (case and surrounding spaces ignored), or None."""
    want = given.strip().casefold()
    return next((name for name in known if name.strip().casefold() == want), None)

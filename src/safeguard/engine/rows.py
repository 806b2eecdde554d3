"""Writing many rows of stored results at once: ``COPY`` on PostgreSQL, ``executemany`` on
SQLite.

A full re-audit of a force writes hundreds of thousands of finding and obligation rows. On
PostgreSQL a plain ``executemany`` sends one ``INSERT`` per row, which costs the database
server more than the audit's own reads; ``COPY`` sends them as one stream. The stored values
are the same either way (JSON columns are written as ``json.dumps`` text, as SQLAlchemy's JSON
type does). This module stores results but never decides them, so it is left out of the
rules' fingerprint (:data:`safeguard.engine.results._NOT_RULES`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import JSON, DateTime, insert, text
from sqlalchemy.engine import Connection


def insert_rows(conn: Connection, model: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys: column names) into ``model``'s table (or into
    ``model``, a table), in the caller's transaction."""
    if not rows:
        return
    table = getattr(model, "__table__", model)
    names = list(rows[0])
    times = [n for n in names if isinstance(table.c[n].type, DateTime)]
    if conn.dialect.name != "postgresql" or any(
        r[n] is not None and r[n].tzinfo is not None for r in rows for n in times
    ):
        # (the store's times are naive UTC; one with an offset is left to the driver, which
        # converts it, where COPY's text would drop the offset)
        conn.execute(insert(model), list(rows))
        return
    json_cols = [
        (i, table.c[n].type.none_as_null)
        for i, n in enumerate(names)
        if isinstance(table.c[n].type, JSON)
    ]
    collist = ", ".join(f'"{n}"' for n in names)
    raw: Any = conn.connection.driver_connection
    with raw.cursor() as cur, cur.copy(f'COPY "{table.name}" ({collist}) FROM STDIN') as copy:
        for row in rows:
            values = [row[n] for n in names]
            for i, none_as_null in json_cols:
                if values[i] is not None or not none_as_null:
                    values[i] = json.dumps(values[i])
            copy.write_row(values)


#: Namespace of the per-child locks below (PostgreSQL advisory locks, two-key form).
CHILD_LOCKS = 0x5AFE


def lock_children(conn: Connection, child_ids: Sequence[str]) -> None:
    """Hold, until the caller's transaction ends, a lock on each of these children's stored
    results, so that two writers replacing the same child's results (two supervisors deciding
    on one child's notes at once) take turns: the second then removes what the first wrote
    instead of colliding with it. Taken in one fixed order, so writers never wait in a cycle.
    SQLite lets one writer at a time in already."""
    if conn.dialect.name != "postgresql" or not child_ids:
        return
    conn.execute(
        text(
            "SELECT pg_advisory_xact_lock(:ns, k) FROM "
            "(SELECT DISTINCT hashtext(id) AS k FROM unnest(CAST(:ids AS text[])) AS id "
            "ORDER BY k) AS keys"
        ),
        {"ns": CHILD_LOCKS, "ids": list(child_ids)},
    )

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

from sqlalchemy import JSON, DateTime, insert
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

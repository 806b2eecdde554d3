"""Rows an import has read before, exactly: they need not be checked again.

Every record row is stored with ``source_hash``: a hash of the row as read from the force's
file (its column names and cell text, or its JSON values), of the file's format and the
import's options (``--dayfirst``), and of the code that checks rows
(:func:`checking_fingerprint`). When an import reads a row whose id is held with the same
source hash, that row was read, checked and stored before, and checking it again can only
give the same answer: the import counts it and moves on (no model validation, nothing
written, nothing re-audited). A row that differs in any way, even only in how a date is
written or in spaces around a value, is checked in full as before; if its values are the
same after all, only its source hash is written. A row held without a source hash (stored
before this existed, or loaded by other means), or under other checking code, is checked in
full once more.

What can change the answer for an unchanged row is a change to a record it depends on (a
child's date of birth, an episode moved to another child); those are the held records that
:mod:`safeguard.store.consistency` checks again after every update, so a skipped row is
covered by the same rules.

The stored hashes are read per table in batches of ids (one indexed query per batch), so
memory stays flat however large the store. On SQLite the import's write lock is taken only
to load, after the files are checked; ``record_imports`` in ``engine_state`` counts the
imports that wrote records, and a load refuses (:class:`StoreChanged`) if another import
wrote in between, since rows were skipped against what it replaced; ``safeguard import`` then
checks its files again. On PostgreSQL the lock
is held from the start of the check, so this cannot happen.
"""

from __future__ import annotations

import hashlib
import marshal
import sqlite3
from collections.abc import Sequence
from functools import cache
from importlib import metadata, resources
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.engine import Connection

#: engine_state row counting the imports that wrote records.
GENERATION = "record_imports"
#: Separates the ids sent to PostgreSQL in one text (no id may hold it).
_SEP = "\x1f"
#: Rows compared with the held hashes per statement.
LOOKUP_CHUNK = 2000


class StoreChanged(Exception):
    """Another import wrote records between this import's check and its load."""


@cache
def checking_fingerprint() -> str:
    """Changes whenever the code that reads and checks rows changes (or pydantic does)."""
    h = hashlib.sha256()
    root = resources.files("safeguard.records")
    for f in sorted(root.iterdir(), key=lambda p: p.name):
        if f.name.endswith(".py"):
            h.update(f.name.encode() + b"\0" + f.read_bytes())
    for dist in ("pydantic", "pydantic-core"):
        try:
            h.update(f"{dist}={metadata.version(dist)}\0".encode())
        except metadata.PackageNotFoundError:  # pragma: no cover - pydantic is a dependency
            h.update(f"{dist}=?\0".encode())
    return h.hexdigest()


class SourceHasher:
    """``source_hash`` of raw rows, for one import's format per entity and options."""

    def __init__(self, formats: dict[str, str], *, dayfirst: bool) -> None:
        fp = checking_fingerprint()
        self._base = {
            entity: hashlib.blake2b(
                f"{fp}\0{entity}\0{fmt}\0{int(dayfirst)}\0".encode(), digest_size=8
            )
            for entity, fmt in formats.items()
        }

    def __call__(self, entity: str, raw: dict[str, Any]) -> str:
        """The hash of a row as read (its column names and values, in the file's order).

        The row is serialised with :mod:`marshal` (version 2: no back-references, so the
        same row always gives the same bytes, and different rows different bytes), or its
        ``repr`` if it holds a value marshal cannot write.
        """
        h = self._base[entity].copy()
        try:
            h.update(marshal.dumps(raw, 2))
        except ValueError:
            h.update(b"\0repr\0" + repr(raw).encode("utf-8", "surrogatepass"))
        return h.hexdigest()


def read_generation(conn: Connection) -> int:
    row = conn.exec_driver_sql(
        "SELECT value FROM engine_state WHERE name = '" + GENERATION + "'"
    ).first()
    return int(row[0]) if row else 0


def bump_generation(conn: Connection) -> None:
    """Count one more import that wrote records (inside its transaction)."""
    done = conn.exec_driver_sql(
        "UPDATE engine_state SET value = value + 1 WHERE name = '" + GENERATION + "'"
    )
    if not done.rowcount:
        conn.exec_driver_sql(
            "INSERT INTO engine_state (name, value) VALUES ('" + GENERATION + "', 1)"
        )


class HeldSources:
    """Compares rows' source hashes with those held, per table, over one read connection."""

    def __init__(self, engine: Engine) -> None:
        from safeguard.store.models import TABLES

        self.conn = engine.connect()
        self.pg = self.conn.dialect.name == "postgresql"
        try:
            #: The import generation when the check began (:class:`StoreChanged`).
            self.generation = read_generation(self.conn)
            self.tables = {e: c.__table__.name for e, c in TABLES.items()}  # type: ignore[attr-defined]
            #: Tables holding no rows: nothing to look up.
            self.empty = {
                e
                for e, t in self.tables.items()
                if self.conn.exec_driver_sql(f'SELECT 1 FROM "{t}" LIMIT 1').first() is None
            }
        except BaseException:
            self.close()
            raise
        self._sql: dict[tuple[str, int], str] = {}
        raw = self.conn.connection.driver_connection
        assert raw is not None, "no driver connection"
        self.raw: Any = raw
        #: Rows per statement on SQLite (two parameters a row, within the build's limit).
        self.chunk = LOOKUP_CHUNK
        if not self.pg:
            limit = self.raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
            self.chunk = max(1, min(LOOKUP_CHUNK, limit // 2))

    def differing(self, entity: str, rows: Sequence[tuple[str, str]]) -> set[str]:
        """Of ``rows`` (id, source hash), the ids not held with that source hash.

        The ids must be well-formed record ids (``ID_CHARACTERS``); no other can be held.

        The comparison is made by the database, so an unchanged batch returns nothing.
        """
        if not rows:
            return set()
        if entity in self.empty:
            return {i for i, _ in rows}
        table = self.tables[entity]
        out: set[str] = set()
        same = f'SELECT 1 FROM "{table}" o WHERE o.id = v.id AND o.source_hash = v.h'
        cursor = self.raw.cursor()  # the driver's own: no per-row wrapping
        try:
            if self.pg:
                # Ids and hashes go as two texts split by the server (far cheaper than two
                # arrays; a record id cannot hold the separator).
                sql = (
                    "SELECT v.id FROM unnest(string_to_array(%s, chr(31)), "
                    f"string_to_array(%s, chr(31))) AS v(id, h) WHERE NOT EXISTS ({same})"
                )
                for i in range(0, len(rows), LOOKUP_CHUNK):
                    chunk = rows[i : i + LOOKUP_CHUNK]
                    ids = _SEP.join(r[0] for r in chunk)
                    cursor.execute(sql, (ids, _SEP.join(r[1] for r in chunk)))
                    out.update(r[0] for r in cursor.fetchall())
                return out
            for i in range(0, len(rows), self.chunk):
                chunk = rows[i : i + self.chunk]
                key = (table, len(chunk))
                known = self._sql.get(key)
                if known is None:
                    values = ",".join(["(?,?)"] * len(chunk))
                    known = self._sql[key] = (
                        f"WITH v(id, h) AS (VALUES {values}) SELECT v.id FROM v "
                        f"WHERE NOT EXISTS ({same})"
                    )
                cursor.execute(known, [x for r in chunk for x in r])
                out.update(r[0] for r in cursor.fetchall())
        finally:
            cursor.close()
        return out

    def close(self) -> None:
        try:
            self.conn.rollback()
        finally:
            self.conn.close()

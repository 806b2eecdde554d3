"""Pass 2 of an import: load validated records in one transaction, as upserts.

Rows whose id is already stored are updated, others inserted (``INSERT ... ON CONFLICT``),
so re-importing the same export changes nothing. PostgreSQL loads each entity with ``COPY``
into a temporary table and one upsert from it; SQLite uses batched ``executemany``.
If anything fails the transaction is rolled back and the database is as it was.

Before the transaction counts or writes anything it takes the store's write lock (SQLite
``BEGIN IMMEDIATE``; a PostgreSQL advisory lock), so imports run one after another and the
counts of new and updated records are exact. Once every record is written, the held records
that depend on an updated child, episode, investigation or suspect are checked again with
the rules applied to incoming files (:mod:`safeguard.store.consistency`); if any would now be
refused, :class:`LoadRefused` is raised and nothing is kept.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, func, select
from sqlalchemy.engine import Connection

from safeguard.records.io import Problem, columns, field_specs
from safeguard.store.consistency import Touched, check_held
from safeguard.store.models import TABLES

#: PostgreSQL advisory lock key held by an import's transaction (imports run one at a time).
IMPORT_LOCK = 7_216_300
#: How long an import waits for another one to finish on SQLite (milliseconds).
SQLITE_IMPORT_WAIT_MS = 600_000


class LoadRefused(Exception):
    """The load would leave held records that break the import rules; nothing was kept."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems with records already held")
        self.problems = problems


def _lock(conn: Connection) -> None:
    """Take the store's write lock for this transaction (see the module docstring)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({IMPORT_LOCK})")
    else:
        conn.exec_driver_sql(f"PRAGMA busy_timeout={SQLITE_IMPORT_WAIT_MS}")
        conn.exec_driver_sql("BEGIN IMMEDIATE")


_TABLES: dict[str, Table] = {n: c.__table__ for n, c in TABLES.items()}  # type: ignore[misc]


def _count(conn: Connection, entity: str) -> int:
    return int(conn.execute(select(func.count()).select_from(_TABLES[entity])).scalar_one())


def load(
    engine: Engine,
    batches: Iterable[tuple[str, list[tuple[Any, ...]]]],
    *,
    source: str | Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[str, tuple[int, int]]:
    """Upsert every batch in one transaction.

    ``source`` is the folder the records came from (to name the file and row of a record
    whose update breaks a held record); ``progress`` is called with the records loaded so
    far. Returns entity -> (rows added, rows updated); raises :class:`LoadRefused`.
    """
    sent: dict[str, int] = {}
    done = 0
    with engine.connect() as conn:
        try:
            _lock(conn)
            # Counted up front (under the lock): no other statement may run while a COPY is open.
            before = {entity: _count(conn, entity) for entity in _TABLES}
            pg = conn.dialect.name == "postgresql"
            touched = Touched()
            loader = (
                _PgLoader(conn, empty={e for e, n in before.items() if n == 0}, touched=touched)
                if pg
                else _SqliteLoader(conn, touched)
            )
            for entity, rows in batches:
                loader.add(entity, rows)
                sent[entity] = sent.get(entity, 0) + len(rows)
                done += len(rows)
                if progress is not None:
                    progress(done)
            loader.finish()
            problems = check_held(conn, touched, source)
            if problems:
                raise LoadRefused(problems)
            result = {}
            for entity, n_sent in sent.items():
                added = _count(conn, entity) - before[entity]
                result[entity] = (added, n_sent - added)
            conn.commit()
        except BaseException:
            with contextlib.suppress(Exception):
                conn.rollback()
            raise
        finally:
            if not pg_dialect(conn):
                with contextlib.suppress(Exception):
                    conn.exec_driver_sql("PRAGMA busy_timeout=10000")
                    conn.commit()
    return result


def pg_dialect(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


class _SqliteLoader:
    def __init__(self, conn: Connection, touched: Touched) -> None:
        self.conn = conn
        self.touched = touched
        self.sql: dict[str, str] = {}
        self.procs: dict[str, list[Any]] = {}

    def _prepare(self, entity: str) -> None:
        cols = columns(entity)
        table = _TABLES[entity]
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in cols if c != "id")
        self.sql[entity] = (
            f'INSERT INTO "{table.name}" ({", ".join(f"{chr(34)}{c}{chr(34)}" for c in cols)}) '
            f"VALUES ({', '.join('?' for _ in cols)}) ON CONFLICT (id) DO UPDATE SET {updates}"
        )
        dialect = self.conn.dialect
        self.procs[entity] = [
            table.c[c].type.dialect_impl(dialect).bind_processor(dialect) for c in cols
        ]

    def add(self, entity: str, rows: list[tuple[Any, ...]]) -> None:
        if entity not in self.sql:
            self._prepare(entity)
        self.touched.before_upsert(self.conn, entity, [r[0] for r in rows])
        procs = self.procs[entity]
        if any(procs):
            rows = [
                tuple(
                    p(v) if p is not None and v is not None else v
                    for p, v in zip(procs, r, strict=True)
                )
                for r in rows
            ]
        self.conn.exec_driver_sql(self.sql[entity], rows)  # type: ignore[arg-type]

    def finish(self) -> None:
        pass


class _PgLoader:
    """COPY each entity into a temporary table, then one upsert per entity.

    A table that was empty when the transaction began cannot conflict (ids are unique
    within a batch), so it is loaded by COPY directly.
    """

    def __init__(self, conn: Connection, empty: set[str], touched: Touched) -> None:
        self.conn = conn
        self.empty = empty
        self.touched = touched
        raw = conn.connection.driver_connection
        assert raw is not None, "no driver connection"
        self.raw: Any = raw
        self.current: str | None = None
        self.copy: Any = None
        self.cursor: Any = None
        self._copy_cm: Any = None

    def _start(self, entity: str) -> None:
        self._end()
        table = _TABLES[entity].name
        cols = columns(entity)
        self.cursor = self.raw.cursor()
        self.direct = entity in self.empty
        target = table if self.direct else f"tmp_{table}"
        if not self.direct:
            self.cursor.execute(
                f'CREATE TEMP TABLE "{target}" (LIKE "{table}" INCLUDING DEFAULTS) ON COMMIT DROP'
            )
        collist = ", ".join(f'"{c}"' for c in cols)
        self._copy_cm = self.cursor.copy(f'COPY "{target}" ({collist}) FROM STDIN')
        self.copy = self._copy_cm.__enter__()
        self.current = entity
        self.json_cols = [i for i, c in enumerate(cols) if field_specs(entity)[c].kind == "list"]

    def _end(self) -> None:
        if self.current is None:
            return
        self._copy_cm.__exit__(None, None, None)
        table = _TABLES[self.current].name
        if self.direct:
            self.cursor.close()
            self.current = None
            return
        cols = columns(self.current)
        collist = ", ".join(f'"{c}"' for c in cols)
        updates = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in cols if c != "id")
        self.touched.held_in_temp(self.cursor, self.current, table, f"tmp_{table}")
        self.cursor.execute(
            f'INSERT INTO "{table}" ({collist}) SELECT {collist} FROM "tmp_{table}" '
            f"ON CONFLICT (id) DO UPDATE SET {updates}"
        )
        self.cursor.execute(f'DROP TABLE "tmp_{table}"')
        self.cursor.close()
        self.current = None

    def add_row(self, entity: str, row: tuple[Any, ...]) -> None:
        if entity != self.current:
            self._start(entity)
        if self.json_cols:
            r = list(row)
            for i in self.json_cols:
                r[i] = json.dumps(r[i])
            self.copy.write_row(r)
        else:
            self.copy.write_row(row)

    def abort(self) -> None:
        """Stop an open COPY (the transaction is then rolled back by the caller)."""
        if self.current is not None:
            with contextlib.suppress(Exception):
                self._copy_cm.__exit__(RuntimeError, RuntimeError("import abandoned"), None)
            self.current = None

    def add(self, entity: str, rows: list[tuple[Any, ...]]) -> None:
        if entity != self.current:
            self._start(entity)
        write = self.copy.write_row
        jc = self.json_cols
        if jc:
            for r in rows:
                r2 = list(r)
                for i in jc:
                    r2[i] = json.dumps(r2[i])
                write(r2)
        else:
            for r in rows:
                write(r)

    def finish(self) -> None:
        self._end()


class StreamingLoad:
    """PostgreSQL: load records while they are being checked, inside one open transaction.

    The checker hands over each valid record as it goes (:meth:`add`); the database works
    on them in parallel. Only if the whole batch is valid is the transaction committed
    (:meth:`commit`); otherwise :meth:`rollback` leaves the database exactly as it was.
    """

    def __init__(self, engine: Engine) -> None:
        self.conn = engine.connect()
        self.txn = self.conn.begin()
        try:
            _lock(self.conn)
            self.before = {entity: _count(self.conn, entity) for entity in _TABLES}
        except BaseException:
            self.txn.rollback()
            self.conn.close()
            raise
        self.touched = Touched()
        self.loader = _PgLoader(
            self.conn, empty={e for e, n in self.before.items() if n == 0}, touched=self.touched
        )
        self.sent: dict[str, int] = {}

    def add(self, entity: str, values: tuple[Any, ...]) -> None:
        self.loader.add_row(entity, values)
        self.sent[entity] = self.sent.get(entity, 0) + 1

    def commit(self, source: str | Path | None = None) -> dict[str, tuple[int, int]]:
        """Finish and commit; returns entity -> (rows added, rows updated).

        Raises :class:`LoadRefused` (after rolling back) if held records would break the rules.
        """
        try:
            self.loader.finish()
            problems = check_held(self.conn, self.touched, source)
            if problems:
                raise LoadRefused(problems)
            result = {}
            for entity, n_sent in self.sent.items():
                added = _count(self.conn, entity) - self.before[entity]
                result[entity] = (added, n_sent - added)
            self.txn.commit()
        except BaseException:
            self.rollback()
            raise
        self.conn.close()
        return result

    def rollback(self) -> None:
        self.loader.abort()
        with contextlib.suppress(Exception):
            self.txn.rollback()
        self.conn.close()

"""Pass 2 of an import: load validated records in one transaction, as upserts.

Rows whose id is already stored are updated, others inserted (``INSERT ... ON CONFLICT``),
so re-importing the same export changes nothing. Each row is stored with ``row_hash``, a hash
of its values; an incoming row whose id and hash are both held already is left alone (compared
in bulk, one query per batch), so an unchanged re-import writes nothing, and only the records
that changed are handed to ``changed`` (the children to re-audit). PostgreSQL loads each entity with ``COPY``
into a temporary table and one upsert from it; SQLite uses batched ``executemany``.
If anything fails the transaction is rolled back and the database is as it was.

A row may carry, after the record's values, the hash of the row as read from the file
(``source_hash``, :mod:`safeguard.store.unchanged`); it is stored with the row. A row whose
values are held already but whose source hash is new (the file writes it differently, or
it was stored before source hashes existed) has only its source hash updated: it is not
counted as updated and not re-audited.

Before the transaction counts or writes anything it takes the store's write lock (SQLite
``BEGIN IMMEDIATE``; a PostgreSQL advisory lock), so imports run one after another and the
counts of new and updated records are exact. Once every record is written, the held records
that depend on an updated child, episode, investigation or suspect are checked again with
the rules applied to incoming files (:mod:`safeguard.store.consistency`); if any would now be
refused, :class:`LoadRefused` is raised and nothing is kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Engine, Table, func, select
from sqlalchemy.engine import Connection

from safeguard.records.io import Problem, columns, field_specs
from safeguard.store.consistency import Touched, check_held
from safeguard.store.models import TABLES
from safeguard.store.unchanged import StoreChanged, bump_generation, read_generation

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


class Changes(Protocol):
    """Told, for every record an import writes (new or changed), of the record it belongs to
    (its child, episode, investigation or suspect: :data:`PARENT_COLUMN`), and for a changed
    one also of the record it belonged to before (a record may move to another child)."""

    def touch(self, entity: str, parent_id: Any) -> None: ...


#: Entity -> the column naming the record it belongs to (its child, episode ...).
PARENT_COLUMN = {
    "children": "id",
    "missing_episodes": "child_id",
    "investigations": "child_id",
    "notes": "child_id",
    "risk_assessments": "episode_id",
    "episode_actions": "episode_id",
    "safe_and_well_checks": "episode_id",
    "return_home_interviews": "episode_id",
    "supervisor_reviews": "investigation_id",
    "lines_of_enquiry": "investigation_id",
    "suspects": "investigation_id",
    "key_decisions": "investigation_id",
    "victim_contacts": "investigation_id",
    "referrals": "investigation_id",
    "disruption_actions": "suspect_id",
}


def row_hash(values: tuple[Any, ...]) -> str:
    """A hash of a record's validated values (the same record always gives the same hash)."""
    return hashlib.blake2b(repr(values).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _count(conn: Connection, entity: str) -> int:
    return int(conn.execute(select(func.count()).select_from(_TABLES[entity])).scalar_one())


def _split(entity: str, row: tuple[Any, ...]) -> tuple[tuple[Any, ...], str | None]:
    """A row's values, and the source hash that may follow them."""
    n = len(columns(entity))
    return (row[:n], row[n]) if len(row) > n else (row, None)


def load(
    engine: Engine,
    batches: Iterable[tuple[str, list[tuple[Any, ...]]]],
    *,
    source: str | Path | None = None,
    encoding: str = "utf-8",
    progress: Callable[[int], None] | None = None,
    changed: Changes | None = None,
    generation: int | None = None,
) -> dict[str, tuple[int, int]]:
    """Upsert every batch in one transaction, skipping records held already unchanged.

    ``source`` is the folder the records came from, its files in ``encoding`` (to name the
    file and row of a record whose update breaks a held record); ``progress`` is called with the records loaded so
    far; ``changed`` is told of each record written. ``generation``: the store's import
    generation when the rows were checked, if rows held unchanged were left out of the
    batches; :class:`~safeguard.store.unchanged.StoreChanged` is raised if another import
    wrote records since. Returns entity -> (rows added, held rows updated; held rows that
    were the same are neither); raises :class:`LoadRefused`.
    """
    sent: dict[str, int] = {}
    done = 0
    with engine.connect() as conn:
        try:
            _lock(conn)
            if generation is not None and read_generation(conn) != generation:
                raise StoreChanged
            # Counted up front (under the lock): no other statement may run while a COPY is open.
            before = {entity: _count(conn, entity) for entity in _TABLES}
            pg = conn.dialect.name == "postgresql"
            touched = Touched()
            empty = {e for e, n in before.items() if n == 0}
            loader: _PgLoader | _SqliteLoader = (
                _PgLoader(conn, empty=empty, touched=touched, changed=changed)
                if pg
                else _SqliteLoader(conn, touched, empty=empty, changed=changed)
            )
            for entity, rows in batches:
                loader.add(entity, rows)
                sent[entity] = sent.get(entity, 0) + len(rows)
                done += len(rows)
                if progress is not None:
                    progress(done)
            loader.finish()
            problems = check_held(conn, touched, source, encoding=encoding)
            if problems:
                raise LoadRefused(problems)
            result = {}
            for entity in sent:
                added = _count(conn, entity) - before[entity]
                result[entity] = (added, loader.written.get(entity, 0) - added)
            if any(loader.written.values()):
                bump_generation(conn)
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
    def __init__(
        self,
        conn: Connection,
        touched: Touched,
        *,
        empty: set[str] | None = None,
        changed: Changes | None = None,
    ) -> None:
        self.conn = conn
        self.touched = touched
        self.empty = empty or set()
        self.changed = changed
        self.sql: dict[str, str] = {}
        self.procs: dict[str, list[Any]] = {}
        #: entity -> rows written (new or changed)
        self.written: dict[str, int] = {}
        #: entity -> held rows, the same, whose source hash alone was updated
        self.resourced: dict[str, int] = {}

    def _held(self, entity: str, ids: list[str]) -> dict[str, tuple[str | None, str | None, Any]]:
        """id -> (row hash, source hash, the record it belongs to) of those of ``ids`` held."""
        if entity in self.empty:
            return {}  # (ids are unique in one import)
        table = _TABLES[entity]
        parent = table.c[PARENT_COLUMN[entity]]
        out: dict[str, tuple[str | None, str | None, Any]] = {}
        for i in range(0, len(ids), 900):
            stmt = select(table.c.id, table.c.row_hash, table.c.source_hash, parent).where(
                table.c.id.in_(ids[i : i + 900])
            )
            out.update((a, (h, sh, p)) for a, h, sh, p in self.conn.execute(stmt))
        return out

    def _prepare(self, entity: str) -> None:
        cols = [*columns(entity), "row_hash", "source_hash"]
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
        held = self._held(entity, [r[0] for r in rows])
        pos = columns(entity).index(PARENT_COLUMN[entity])
        fresh: list[tuple[Any, ...]] = []
        resourced: list[tuple[str, str]] = []
        for row in rows:
            r, source = _split(entity, row)
            h = row_hash(r)
            was = held.get(r[0])
            if was is not None and was[0] == h:
                # held already, the same; the file may write it differently
                if source is not None and was[1] != source:
                    resourced.append((source, r[0]))
                continue
            fresh.append((*r, h, source))
            if self.changed is not None:
                self.changed.touch(entity, r[pos])
                if was is not None:
                    self.changed.touch(entity, was[2])
        if resourced:
            self.conn.exec_driver_sql(
                f'UPDATE "{_TABLES[entity].name}" SET source_hash = ? WHERE id = ?',
                resourced,
            )
            self.resourced[entity] = self.resourced.get(entity, 0) + len(resourced)
        self.written[entity] = self.written.get(entity, 0) + len(fresh)
        if not fresh:
            return
        rows = fresh
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
        self.conn.exec_driver_sql(self.sql[entity], rows)

    def finish(self) -> None:
        pass


class _PgLoader:
    """COPY each entity into a temporary table, then one upsert per entity of the rows that
    are new or changed (their ``row_hash`` differs from the held row's).

    A table that was empty when the transaction began cannot conflict (ids are unique
    within a batch), so it is loaded by COPY directly.
    """

    def __init__(
        self,
        conn: Connection,
        empty: set[str],
        touched: Touched,
        changed: Changes | None = None,
    ) -> None:
        self.conn = conn
        self.empty = empty
        self.touched = touched
        self.changed = changed
        raw = conn.connection.driver_connection
        assert raw is not None, "no driver connection"
        self.raw: Any = raw
        self.current: str | None = None
        self.copy: Any = None
        self.cursor: Any = None
        self._copy_cm: Any = None
        #: entity -> rows written (new or changed)
        self.written: dict[str, int] = {}
        #: entity -> held rows, the same, whose source hash alone was updated
        self.resourced: dict[str, int] = {}

    def _start(self, entity: str) -> None:
        self._end()
        table = _TABLES[entity].name
        cols = [*columns(entity), "row_hash", "source_hash"]
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
        self.json_cols = [
            i for i, c in enumerate(columns(entity)) if field_specs(entity)[c].kind == "list"
        ]
        self.parent_pos = columns(entity).index(PARENT_COLUMN[entity])
        self.ncols = len(columns(entity))

    def _end(self) -> None:
        if self.current is None:
            return
        self._copy_cm.__exit__(None, None, None)
        entity = self.current
        table = _TABLES[entity].name
        if self.direct:
            self.cursor.close()
            self.current = None
            return
        cols = [*columns(entity), "row_hash", "source_hash"]
        collist = ", ".join(f'"{c}"' for c in cols)
        updates = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in cols if c != "id")
        temp = f"tmp_{table}"
        # Rows held already with the same values are dropped from the batch, once their
        # source hash is recorded (the file may write them differently).
        self.cursor.execute(
            f'UPDATE "{table}" o SET source_hash = n.source_hash FROM "{temp}" n '
            "WHERE o.id = n.id AND o.row_hash = n.row_hash AND n.source_hash IS NOT NULL "
            "AND o.source_hash IS DISTINCT FROM n.source_hash"
        )
        if self.cursor.rowcount > 0:
            self.resourced[entity] = self.resourced.get(entity, 0) + self.cursor.rowcount
        self.cursor.execute(
            f'DELETE FROM "{temp}" n USING "{table}" o WHERE o.id = n.id AND o.row_hash = n.row_hash'
        )
        parent = PARENT_COLUMN[entity]
        if self.changed is not None:
            self.cursor.execute(
                f'SELECT n."{parent}", o."{parent}" FROM "{temp}" n '
                f'LEFT JOIN "{table}" o ON o.id = n.id'
            )
            for new, old in self.cursor.fetchall():
                self.changed.touch(entity, new)
                if old is not None:
                    self.changed.touch(entity, old)
        self.touched.held_in_temp(self.cursor, entity, table, temp)
        self.cursor.execute(
            f'INSERT INTO "{table}" ({collist}) SELECT {collist} FROM "{temp}" '
            f"ON CONFLICT (id) DO UPDATE SET {updates}"
        )
        self.written[entity] = self.written.get(entity, 0) + max(0, self.cursor.rowcount)
        self.cursor.execute(f'DROP TABLE "{temp}"')
        self.cursor.close()
        self.current = None

    def _write(self, entity: str, row: tuple[Any, ...]) -> None:
        n = self.ncols
        source = None
        if len(row) > n:
            row, source = row[:n], row[n]
        h = row_hash(row)
        if self.json_cols:
            r = list(row)
            for i in self.json_cols:
                r[i] = json.dumps(r[i])
            self.copy.write_row((*r, h, source))
        else:
            self.copy.write_row((*row, h, source))
        if self.direct:
            self.written[entity] = self.written.get(entity, 0) + 1
            if self.changed is not None:
                self.changed.touch(entity, row[self.parent_pos])

    def add_row(self, entity: str, row: tuple[Any, ...]) -> None:
        if entity != self.current:
            self._start(entity)
        self._write(entity, row)

    def abort(self) -> None:
        """Stop an open COPY (the transaction is then rolled back by the caller)."""
        if self.current is not None:
            with contextlib.suppress(Exception):
                self._copy_cm.__exit__(RuntimeError, RuntimeError("import abandoned"), None)
            self.current = None

    def add(self, entity: str, rows: list[tuple[Any, ...]]) -> None:
        if entity != self.current:
            self._start(entity)
        for r in rows:
            self._write(entity, r)

    def finish(self) -> None:
        self._end()


class StreamingLoad:
    """PostgreSQL: load records while they are being checked, inside one open transaction.

    The checker hands over each valid record as it goes (:meth:`add`); the database works
    on them in parallel. Only if the whole batch is valid is the transaction committed
    (:meth:`commit`); otherwise :meth:`rollback` leaves the database exactly as it was.
    """

    def __init__(self, engine: Engine, changed: Changes | None = None) -> None:
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
            self.conn,
            empty={e for e, n in self.before.items() if n == 0},
            touched=self.touched,
            changed=changed,
        )
        self.sent: dict[str, int] = {}

    def add(self, entity: str, values: tuple[Any, ...]) -> None:
        self.loader.add_row(entity, values)
        self.sent[entity] = self.sent.get(entity, 0) + 1

    def commit(
        self, source: str | Path | None = None, *, encoding: str = "utf-8"
    ) -> dict[str, tuple[int, int]]:
        """Finish and commit; returns entity -> (rows added, held rows changed and updated).
        ``source``: the folder the records came from, its files in ``encoding``.

        Raises :class:`LoadRefused` (after rolling back) if held records would break the rules.
        """
        try:
            self.loader.finish()
            problems = check_held(self.conn, self.touched, source, encoding=encoding)
            if problems:
                raise LoadRefused(problems)
            result = {}
            for entity in self.sent:
                added = _count(self.conn, entity) - self.before[entity]
                result[entity] = (added, self.loader.written.get(entity, 0) - added)
            if any(self.loader.written.values()):
                bump_generation(self.conn)
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

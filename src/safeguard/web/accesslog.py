"""Writing, searching and verifying the append-only, hash-chained access log.

Every entry names who (account and role), what (view, change, export or refused), which record
and the child it belongs to, and why. Each entry's hash covers its fields and the previous
entry's hash (:mod:`safeguard.web.logchain`), so removing or changing an entry, even with the
database's append-only guard dropped, breaks the chain at that point: :func:`verify` (and
``safeguard access-log verify``) reports the first broken link.

Entries are appended one writer at a time (SQLite: an immediate write transaction; PostgreSQL:
a transaction-level advisory lock). A writer that cannot get its turn within
:data:`WAIT_S` (an import holding a SQLite store, say) raises :class:`LogBusy`: the app then
answers 503 with a retry time rather than show a record without its log entry.
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import io
import json
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, TypedDict

from sqlalchemy import or_, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from safeguard.engine.rows import insert_rows
from safeguard.records.clock import utc_now
from safeguard.spreadsheet import safe_row
from safeguard.store.engine import reader
from safeguard.web.logchain import GENESIS, entry_digest
from safeguard.web.models import ACTIONS, AccessLogEntry, User

#: Why a record was opened; offered to the user and written to the log.
REASONS = {
    "queue": "Acting on the Now queue",
    "review": "Case review or supervision",
    "challenge": "Challenging language in a note",
    "audit": "Audit or inspection",
    "enquiry": "Enquiry from another agency",
    "api": "Request from another system",
    "list": "Looking through the list of children",
    "figures": "Audit figures for a team or the force (no child's records)",
}
#: The reasons a person may choose when opening a child's records (the others are implied by
#: the page or the role: an auditor's view is always "audit", the API's always "api").
CHOOSABLE = ("queue", "review", "challenge", "enquiry")

#: How long a view waits for its turn to write before the app answers 503.
WAIT_S = 3.0
_LOG = AccessLogEntry.__table__
_PG_LOCK_KEY = 0x5AFE_0106  # any constant: one advisory lock for the access log


class LogBusy(Exception):
    """The access log could not be written in time (the store is busy, e.g. an import)."""


@dataclass(frozen=True)
class Actor:
    """Who did it: an account, or a person at the command line."""

    user_id: int | None
    username: str
    role: str

    @classmethod
    def of(cls, user: User) -> Actor:
        return cls(user.id, user.username, user.role)

    @classmethod
    def command_line(cls) -> Actor:
        import getpass

        try:
            who = getpass.getuser()
        except (KeyError, OSError):  # no name for this process's user
            who = "unknown"
        return cls(None, f"cli:{who}"[:64], "command line")


@dataclass(frozen=True)
class Entry:
    action: str
    record_type: str
    record_id: str
    reason: str
    child_id: str | None = None
    at: datetime | None = None  # when it happened, if not now (an entry held in the spool)


class _Fields(TypedDict):
    """A log row's fields that its hash covers (the arguments of :func:`entry_digest`)."""

    id: int
    at: datetime
    user_id: int | None
    username: str
    role: str
    action: str
    record_type: str
    record_id: str
    reason: str
    child_id: str | None


#: Writers in this process queue here first (a mutex hands over at once), so that they do not
#: meet in SQLite's busy handler, which retries by sleeping (up to 100 ms a time) and would
#: add that to every page under load. Other processes still meet in the database's own lock.
_IN_PROCESS = threading.Lock()


@contextmanager
def writing(engine: Engine, wait_s: float = WAIT_S) -> Iterator[Connection]:
    """A transaction that holds the access log's writer lock; commits on leaving.

    Changes made on the connection (an account change, say) commit together with their log
    entries. Raises :class:`LogBusy` if the lock is not had within ``wait_s``.
    """
    if not _IN_PROCESS.acquire(timeout=wait_s):
        raise LogBusy()
    try:
        with _writing(engine, wait_s) as conn:
            yield conn
    finally:
        _IN_PROCESS.release()


@contextmanager
def _writing(engine: Engine, wait_s: float) -> Iterator[Connection]:
    conn = engine.connect()
    try:
        try:
            if engine.dialect.name == "sqlite":
                conn.exec_driver_sql(f"PRAGMA busy_timeout={int(wait_s * 1000)}")
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            elif engine.dialect.name == "postgresql":
                conn.execute(text(f"SET LOCAL lock_timeout = '{int(wait_s * 1000)}ms'"))
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
        except OperationalError as exc:
            conn.rollback()
            raise LogBusy() from exc
        yield conn
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    finally:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA busy_timeout=10000")
        conn.close()


def append(conn: Connection, who: Actor, entries: Sequence[Entry]) -> None:
    """Append entries, chained, inside a :func:`writing` transaction."""
    append_all(conn, [(who, e) for e in entries])


def append_all(conn: Connection, items: Sequence[tuple[Actor, Entry]]) -> None:
    """Append entries, each with who did it, chained in this order, inside a
    :func:`writing` transaction (one query for the chain's end, one insert)."""
    if not items:
        return
    last = conn.execute(
        select(_LOG.c.id, _LOG.c.entry_hash).order_by(_LOG.c.id.desc()).limit(1)
    ).first()
    next_id = (last.id + 1) if last else 1
    prev = (last.entry_hash or GENESIS) if last else GENESIS
    now = utc_now()
    rows = []
    for who, e in items:
        at = e.at or now
        if e.action not in ACTIONS:
            raise ValueError(f"unknown access action {e.action!r}")
        fields: _Fields = {
            "id": next_id,
            "at": at,
            "user_id": who.user_id,
            "username": who.username[:64],
            "role": who.role[:32],
            "action": e.action,
            "record_type": e.record_type[:32],
            "record_id": e.record_id[:64],
            "reason": e.reason[:200],
            "child_id": e.child_id[:64] if e.child_id else None,
        }
        prev = entry_digest(prev, **fields)
        rows.append({**fields, "entry_hash": prev})
        next_id += 1
    # One COPY on PostgreSQL: a page that lists 50 children logs 50 entries, which as an
    # executemany were 50 statements for the database server to run.
    insert_rows(conn, _LOG, rows)


#: How long a view waits for the log before holding its entries in the spool (SQLite).
VIEW_WAIT_S = 1.0


@dataclass(eq=False)
class _Ticket:
    """One caller's entries, waiting to be written (perhaps by another thread's commit)."""

    actor: Actor
    entries: Sequence[Entry]
    written: threading.Event = field(default_factory=threading.Event)
    error: BaseException | None = None


#: Entries waiting for the writer's turn, by store. Whoever gets the turn writes every
#: waiting caller's entries in its one transaction (a group commit): under load a page waits
#: for one short transaction, not for one per page ahead of it.
_WAITING: dict[Engine, list[_Ticket]] = {}
_WAITING_LOCK = threading.Lock()


def record_many(engine: Engine, who: User | Actor, entries: Sequence[Entry]) -> None:
    """Write entries; on a SQLite store held by an import, hold them durably in the spool.

    A view is never shown without its entry: either the entry is in the log (committed,
    perhaps together with other views' entries), or it is in the spool file (written and
    flushed to disk) from which the next writer moves it into the log, in order, with its own
    time. Only if neither can be written does this raise :class:`LogBusy` (the app then
    answers 503).
    """
    if not entries:
        return
    actor = who if isinstance(who, Actor) else Actor.of(who)
    path = spool_path(engine)
    wait = VIEW_WAIT_S if path else WAIT_S
    ticket = _Ticket(actor, tuple(entries))
    with _WAITING_LOCK:
        _WAITING.setdefault(engine, []).append(ticket)
    if _IN_PROCESS.acquire(timeout=wait):
        try:
            if not ticket.written.is_set():
                _write_waiting(engine, path, wait)
        finally:
            _IN_PROCESS.release()
    else:
        with _WAITING_LOCK:
            waiting = _WAITING.get(engine, [])
            taken = ticket not in waiting
            if not taken:
                waiting.remove(ticket)
                ticket.error = LogBusy()
        if taken:  # a writer has it now: its transaction ends within its own wait
            ticket.written.wait()
    if isinstance(ticket.error, LogBusy):
        if path is None:
            raise LogBusy() from None
        _spool(path, actor, ticket.entries)
    elif ticket.error is not None:
        raise ticket.error


def _write_waiting(engine: Engine, path: Path | None, wait: float) -> None:
    """With the writer's turn held: every waiting caller's entries, in one transaction."""
    with _WAITING_LOCK:
        batch = _WAITING.pop(engine, [])
    try:
        with _writing(engine, wait) as conn, _spool_lock(path) as held:
            append_all(conn, [*held.entries, *((t.actor, e) for t in batch for e in t.entries)])
            conn.commit()
            held.clear()
    except BaseException as exc:  # each caller answers for its own entries
        for t in batch:
            t.error = exc
    finally:
        for t in batch:
            t.written.set()


def flush_spool(engine: Engine) -> None:
    """Move any held entries into the log now, if the store allows (best effort)."""
    path = spool_path(engine)
    if path is None or not path.exists() or path.stat().st_size == 0:
        return
    with (
        contextlib.suppress(LogBusy),
        writing(engine, VIEW_WAIT_S) as conn,
        _spool_lock(path) as held,
    ):
        append_all(conn, held.entries)
        conn.commit()
        held.clear()


def spool_path(engine: Engine) -> Path | None:
    """Where a SQLite store's held entries wait (beside the database file); none otherwise."""
    if engine.dialect.name != "sqlite":
        return None
    db = engine.url.database
    if not db or db == ":memory:" or db.startswith("file:"):
        return None
    return Path(db).expanduser().with_name(Path(db).name + "-access-spool.jsonl")


@dataclass
class _Held:
    file: IO[str] | None
    entries: list[tuple[Actor, Entry]]

    def clear(self) -> None:
        """Empty the spool (its entries are committed to the log); an empty spool is left as
        it is, so that a write with nothing held costs no disk flush."""
        if self.file is not None and self.entries:
            self.file.seek(0)
            self.file.truncate()
            self.file.flush()
            os.fsync(self.file.fileno())


@contextmanager
def _spool_lock(path: Path | None) -> Iterator[_Held]:
    """The spool's entries, with the spool locked against writers until the caller is done."""
    if path is None or not path.exists():
        yield _Held(None, [])
        return
    with open(path, "r+", encoding="utf-8") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            entries = []
            for line in f:
                if not line.strip():
                    continue
                d = json.loads(line)
                entries.append(
                    (
                        Actor(d["user_id"], d["username"], d["role"]),
                        Entry(
                            d["action"],
                            d["record_type"],
                            d["record_id"],
                            d["reason"],
                            d["child_id"],
                            datetime.fromisoformat(d["at"]),
                        ),
                    )
                )
            yield _Held(f, entries)
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def _spool(path: Path, who: Actor, entries: Sequence[Entry]) -> None:
    at = utc_now()
    lines = "".join(
        json.dumps(
            {
                "at": (e.at or at).isoformat(),
                "user_id": who.user_id,
                "username": who.username,
                "role": who.role,
                "action": e.action,
                "record_type": e.record_type,
                "record_id": e.record_id,
                "reason": e.reason,
                "child_id": e.child_id,
            },
            ensure_ascii=False,
        )
        + "\n"
        for e in entries
    )
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                f.write(lines)
                f.flush()
                os.fsync(f.fileno())
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)
    except OSError as exc:
        raise LogBusy() from exc


def record(
    engine: Engine,
    who: User | Actor,
    action: str,
    record_type: str,
    record_id: str,
    reason: str,
    child_id: str | None = None,
) -> None:
    record_many(engine, who, [Entry(action, record_type, record_id, reason, child_id)])


@dataclass
class LogQuery:
    username: str | None = None
    #: A record id; a child's id also finds every entry about that child's records.
    record_id: str | None = None
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 500


def search(engine: Engine, q: LogQuery) -> list[AccessLogEntry]:
    stmt = select(AccessLogEntry)
    if q.username:
        stmt = stmt.where(AccessLogEntry.username == q.username)
    if q.record_id:
        stmt = stmt.where(
            or_(AccessLogEntry.record_id == q.record_id, AccessLogEntry.child_id == q.record_id)
        )
    if q.action:
        stmt = stmt.where(AccessLogEntry.action == q.action)
    if q.since:
        stmt = stmt.where(AccessLogEntry.at >= q.since)
    if q.until:
        stmt = stmt.where(AccessLogEntry.at <= q.until)
    stmt = stmt.order_by(AccessLogEntry.id.desc()).limit(q.limit)
    with Session(reader(engine)) as db:
        rows = list(db.scalars(stmt))
        db.expunge_all()
    return rows


CSV_FIELDS = ["at", "username", "role", "action", "record_type", "record_id", "child_id", "reason"]


def to_csv(rows: Iterable[AccessLogEntry]) -> str:
    """The entries as CSV; cells that a spreadsheet would run as a formula are neutralised."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_FIELDS)
    for r in rows:
        w.writerow(
            safe_row(
                [
                    r.at.isoformat(sep=" "),
                    r.username,
                    r.role,
                    r.action,
                    r.record_type,
                    r.record_id,
                    r.child_id or "",
                    r.reason,
                ]
            )
        )
    return buf.getvalue()


@dataclass(frozen=True)
class Verdict:
    """What :func:`verify` found."""

    checked: int
    broken_at: int | None  # the id of the first entry whose hash does not follow
    broken_when: datetime | None
    last_id: int | None
    last_hash: str | None

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def verify(engine: Engine) -> Verdict:
    """Walk the chain from the first entry; stop at the first entry that does not follow."""
    prev = GENESIS
    checked = 0
    last_id = None
    stmt = select(_LOG).order_by(_LOG.c.id).execution_options(yield_per=5000)
    with engine.connect() as conn:
        for r in conn.execute(stmt):
            expected = entry_digest(
                prev,
                id=r.id,
                at=r.at,
                user_id=r.user_id,
                username=r.username,
                role=r.role,
                action=r.action,
                record_type=r.record_type,
                record_id=r.record_id,
                reason=r.reason,
                child_id=r.child_id,
            )
            if r.entry_hash != expected:
                return Verdict(checked, r.id, r.at, last_id, prev)
            prev = expected
            checked += 1
            last_id = r.id
    return Verdict(checked, None, None, last_id, prev if last_id is not None else None)

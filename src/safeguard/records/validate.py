"""Pass 1 of an import: check every row of an exchange folder, streaming, before loading any.

Checks, with a :class:`~safeguard.records.io.Problem` for each failure:

* each file: known name, UTF-8 text, not binary, not cut off, known columns, required
  columns present (see :class:`~safeguard.records.io.ExchangeReader`);
* each row: types, required fields and allowed values (the pydantic models);
* ids used once per entity in the batch;
* every reference (child, episode, investigation, suspect, key decision, note) points at a
  record in the batch or already in the database;
* a note's ``record_id`` is a record of its ``record_type`` belonging to its child;
* no date in the future, and nothing dated before the child's date of birth (its UK
  local calendar day);
* no impossible sequence: a missing episode is not found before it was reported or before
  the child was last seen, and the child is not last seen after the report.

Date-times arrive as naive UTC instants (:mod:`safeguard.records.clock`); UK local times at
the autumn clock change are accepted with a warning (:attr:`Validation.warnings`).

With ``skip_unchanged`` (a real import, not ``--check``), a row held already exactly as it is
read now (same id, same ``source_hash``: :mod:`safeguard.store.unchanged`) was checked when it
was first imported and is not checked again: it is counted (:attr:`Validation.unchanged`),
its id is still noted (a repeated id is still a problem), and it is not handed on. Every row
handed on carries its source hash as a last value after the record's own.

Valid records are spooled to a temporary file (not kept in memory) ready for pass 2. The ids
seen are kept in a temporary SQLite file (:class:`IdStore`), not in memory; memory holds only
the maps from parent records (children, episodes, investigations, suspects) to their child.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, Protocol

from safeguard.grammar import a_or_an
from safeguard.records import clock
from safeguard.records.io import Problem, field_specs, open_reader, parse_row, show
from safeguard.records.schema import ENTITIES, ID_CHARACTERS, REFERENCES, Record

if TYPE_CHECKING:
    from safeguard.records.case import Case

#: A date-time up to this far ahead of the clock is accepted (clock and time-zone slack).
FUTURE_SLACK = timedelta(days=1)
#: Problems kept in memory (the rest are only counted).
KEEP_PROBLEMS = 5000
#: Records per spooled batch.
BATCH = 5000

#: Which parent record leads to the child, per entity.
_PARENT: dict[str, tuple[str, str]] = {
    "missing_episodes": ("child_id", "children"),
    "investigations": ("child_id", "children"),
    "notes": ("child_id", "children"),
    "risk_assessments": ("episode_id", "missing_episodes"),
    "episode_actions": ("episode_id", "missing_episodes"),
    "safe_and_well_checks": ("episode_id", "missing_episodes"),
    "return_home_interviews": ("episode_id", "missing_episodes"),
    "supervisor_reviews": ("investigation_id", "investigations"),
    "lines_of_enquiry": ("investigation_id", "investigations"),
    "suspects": ("investigation_id", "investigations"),
    "key_decisions": ("investigation_id", "investigations"),
    "victim_contacts": ("investigation_id", "investigations"),
    "referrals": ("investigation_id", "investigations"),
    "disruption_actions": ("suspect_id", "suspects"),
}
_NOTE_TARGET = {
    "child": "children",
    "episode": "missing_episodes",
    "investigation": "investigations",
}
_READABLE = {
    "children": "child",
    "missing_episodes": "missing episode",
    "investigations": "investigation",
    "suspects": "suspect",
    "key_decisions": "key decision",
    "notes": "note",
}


class Spool:
    """Validated records in column order, pickled in batches to a temporary file."""

    def __init__(self) -> None:
        self._fh: IO[bytes] = tempfile.TemporaryFile(prefix="safeguard-import-")  # noqa: SIM115
        self._batch: list[tuple[Any, ...]] = []
        self._entity: str | None = None

    def add(self, entity: str, values: tuple[Any, ...]) -> None:
        if entity != self._entity:
            self.flush()
            self._entity = entity
        self._batch.append(values)
        if len(self._batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self._batch and self._entity:
            pickle.dump((self._entity, self._batch), self._fh, protocol=pickle.HIGHEST_PROTOCOL)
        self._batch = []

    def batches(self) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
        """``(entity, rows)`` in the order they were added (parents first)."""
        self.flush()
        self._fh.seek(0)
        while True:
            try:
                yield pickle.load(self._fh)
            except EOFError:
                return

    def close(self) -> None:
        with contextlib.suppress(OSError):  # a full disk fails the final flush too
            self._fh.close()


@dataclass
class Validation:
    """The result of pass 1."""

    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    #: Things accepted but worth a look (ambiguous local times); the first few are kept.
    warnings: list[Problem] = field(default_factory=list)
    warning_count: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    spool: Spool | None = None
    #: Rows checked against the models (the rest were held unchanged, or unreadable).
    checked: int = 0
    #: Valid rows held already exactly as read, so not checked again (``skip_unchanged``).
    unchanged: int = 0
    #: The store's import generation when the check began (None: nothing was skipped
    #: against the store); the load refuses if another import wrote since.
    generation: int | None = None

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def add(self, problem: Problem) -> None:
        if problem.warning:
            self.warning_count += 1
            if len(self.warnings) < KEEP_PROBLEMS:
                self.warnings.append(problem)
            return
        self.problem_count += 1
        if len(self.problems) < KEEP_PROBLEMS:
            self.problems.append(problem)

    def close(self) -> None:
        if self.spool:
            self.spool.close()
            self.spool = None


class IdStore:
    """The ids seen in this import, per entity, in a temporary SQLite file.

    Memory stays flat however many records an import holds: ids go to disk in batches, and
    a fixed-size Bloom filter (16 MiB) answers "never seen" without reading the disk; only
    when it says "perhaps" is the buffer or the file asked.
    """

    FLUSH = 5000
    BITS = 1 << 27  # 16 MiB of bits: about 0.1 % false "perhaps" at 2 million ids

    def __init__(self) -> None:
        self._dir = tempfile.mkdtemp(prefix="safeguard-ids-")
        self.db = sqlite3.connect(os.path.join(self._dir, "ids.db"), isolation_level=None)
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-16384"):
            self.db.execute(f"PRAGMA {pragma}")
        self.db.execute(
            "CREATE TABLE ids (entity TEXT, id TEXT, PRIMARY KEY (entity, id)) WITHOUT ROWID"
        )
        self.bloom = bytearray(self.BITS // 8)
        self.buffer: list[tuple[str, str]] = []
        self.recent: set[tuple[str, str]] = set()

    def _probe(self, key: tuple[str, str]) -> tuple[bool, int, int, int, int]:
        """Whether the filter says "perhaps seen", and the two bits (byte, mask) of ``key``."""
        h = hash(key)
        mask = self.BITS - 1
        a, b = h & mask, (h >> 32) & mask
        ia, ma, ib, mb = a >> 3, 1 << (a & 7), b >> 3, 1 << (b & 7)
        bloom = self.bloom
        return bool(bloom[ia] & ma and bloom[ib] & mb), ia, ma, ib, mb

    def _seen(self, key: tuple[str, str]) -> bool:
        if key in self.recent:
            return True
        row = self.db.execute("SELECT 1 FROM ids WHERE entity = ? AND id = ?", key).fetchone()
        return row is not None

    def __contains__(self, key: tuple[str, str]) -> bool:
        return self._probe(key)[0] and self._seen(key)

    def add(self, entity: str, ident: str) -> bool:
        """Note an id; False if it was seen before (a repeat)."""
        key = (entity, ident)
        # (_probe, inlined: this runs for every row of an import)
        h = hash(key)
        a, b = h & (self.BITS - 1), (h >> 32) & (self.BITS - 1)
        ia, ma, ib, mb = a >> 3, 1 << (a & 7), b >> 3, 1 << (b & 7)
        bloom = self.bloom
        if bloom[ia] & ma and bloom[ib] & mb and self._seen(key):
            return False
        bloom[ia] |= ma
        bloom[ib] |= mb
        self.buffer.append(key)
        self.recent.add(key)
        if len(self.buffer) >= self.FLUSH:
            self.flush()
        return True

    def flush(self) -> None:
        self.db.execute("BEGIN")  # one transaction per batch, not one per id
        self.db.executemany("INSERT OR IGNORE INTO ids VALUES (?, ?)", self.buffer)
        self.db.execute("COMMIT")
        self.buffer = []
        self.recent = set()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.db.close()
        shutil.rmtree(self._dir, ignore_errors=True)


class _Known:
    """Ids known so far (batch and database), and the way from each parent to its child."""

    def __init__(self, engine: Any | None) -> None:
        self.ids = IdStore()
        self.dob: dict[str, date] = {}
        self.parent: dict[str, dict[str, str]] = {
            "missing_episodes": {},
            "investigations": {},
            "suspects": {},
        }
        self.engine = engine
        if engine is not None:
            self._preload(engine)

    def _preload(self, engine: Any) -> None:
        from sqlalchemy import select

        from safeguard.store.models import TABLES

        with engine.connect() as conn:
            ch = TABLES["children"].__table__
            for cid, dob in conn.execute(select(ch.c.id, ch.c.date_of_birth)):
                self.dob[cid] = dob
            for entity, col in (
                ("missing_episodes", "child_id"),
                ("investigations", "child_id"),
                ("suspects", "investigation_id"),
            ):
                t = TABLES[entity].__table__
                self.parent[entity].update(
                    (a, b) for a, b in conn.execute(select(t.c.id, t.c[col]))
                )

    def exists_now(self, entity: str, ident: str) -> bool:
        """Known without asking the database (batch, or preloaded parent maps)."""
        if entity == "children" and ident in self.dob:
            return True
        if ident in self.parent.get(entity, ()):
            return True
        return (entity, ident) in self.ids

    def child_of(self, entity: str, ident: str) -> str | None:
        """The child a parent record belongs to (``ident`` itself for a child)."""
        if entity == "children":
            return ident
        if entity == "suspects":
            inv = self.parent["suspects"].get(ident)
            return self.parent["investigations"].get(inv) if inv else None
        return self.parent.get(entity, {}).get(ident)

    def missing_in_db(self, entity: str, ids: set[str]) -> set[str]:
        """Of ``ids``, those the database does not hold either."""
        if not ids or self.engine is None:
            return ids
        from sqlalchemy import select

        from safeguard.store.models import TABLES

        t = TABLES[entity].__table__
        found: set[str] = set()
        todo = sorted(ids)
        with self.engine.connect() as conn:
            for i in range(0, len(todo), 500):
                chunk = todo[i : i + 500]
                found.update(conn.execute(select(t.c.id).where(t.c.id.in_(chunk))).scalars())
        return ids - found


def _date_fields(entity: str) -> list[tuple[str, str]]:
    return [(n, s.kind) for n, s in field_specs(entity).items() if s.kind in ("date", "datetime")]


class Sink(Protocol):
    def add(self, entity: str, values: tuple[Any, ...]) -> None: ...


def validate(
    path: str | Path,
    fmt: str = "auto",
    engine: Any | None = None,
    sink: Sink | None = None,
    *,
    dayfirst: bool = False,
    progress: Any | None = None,
    skip_unchanged: bool = False,
    encoding: str = "utf-8",
) -> Validation:
    """Check an exchange folder; valid records go to ``result.spool`` for loading.

    ``skip_unchanged``: rows held in ``engine`` exactly as read are counted, not checked
    again and not handed on (see the module docstring); each record handed on carries its
    source hash as a last value.

    ``dayfirst``: dates may be written ``DD/MM/YYYY``. ``encoding``: the CSV and JSON Lines
    files' text encoding. ``progress``, if given, is called
    with the number of bytes read so far from all files after each thousand rows.

    ``engine`` is the database the batch will be loaded into: references may point at
    records already there. With ``sink``, valid records are handed to it instead of the
    spool (the caller then commits or rolls back depending on ``result.ok``). The caller
    must :meth:`Validation.close` the result.
    """
    result = Validation(spool=None if sink is not None else Spool())
    out: Sink = sink if sink is not None else result.spool  # type: ignore[assignment]
    reader = open_reader(path, fmt, encoding=encoding)
    known = _Known(engine)
    held = None
    try:
        if skip_unchanged and engine is not None:
            from safeguard.store.unchanged import HeldSources

            held = HeldSources(engine)
            result.generation = held.generation
        return _validate(
            result,
            out,
            reader,
            known,
            dayfirst=dayfirst,
            progress=progress,
            held=held,
            hashes=skip_unchanged,
        )
    finally:
        known.ids.close()
        if held is not None:
            held.close()


_ID_RE = re.compile(ID_CHARACTERS)
#: Rows read ahead per lookup of held source hashes.
LOOKAHEAD = 2000


#: A row as pass 1 reads it: (row number, raw cells, file name, file problems met so far,
#: source hash or None, its id if it is held with the same source hash or None).
_Row = tuple[int, dict[str, Any], str, int, str | None, str | None]


def _batches(
    reader: Any,
    names: dict[str, str],
    hasher: Any | None,
    held: Any | None,
) -> Iterator[tuple[str, list[_Row]]]:
    """Every row, in order, in runs of one entity of up to :data:`LOOKAHEAD` rows; with
    ``held``, the source hashes held for each run's ids are looked up in one query."""
    problems = reader.problems
    # A columnar dataset has several files per entity: it names the one being read.
    current = hasattr(reader, "current_file")
    batch: list[_Row] = []
    of = ""
    for entity, row, raw in reader:
        if (entity != of and batch) or len(batch) >= LOOKAHEAD:
            yield of, _same_as_held(held, of, batch) if held is not None else batch
            batch = []
        of = entity
        fname = (current and reader.current_file) or names[entity]
        source = hasher(entity, raw) if hasher is not None else None
        batch.append((row, raw, fname, len(problems), source, None))
    if batch:
        yield of, _same_as_held(held, of, batch) if held is not None else batch


def _same_as_held(held: Any, entity: str, batch: list[_Row]) -> list[_Row]:
    """The rows of ``batch``, each with its id if it is held with the same source hash."""
    if entity in held.empty:
        return batch
    keys: list[str | None] = []
    for _, raw, _, _, _, _ in batch:
        rid = raw.get("id")
        # (an id that is not well formed cannot be held: its row is checked, and refused)
        key = rid.strip() if isinstance(rid, str) else None
        keys.append(key if key and _ID_RE.fullmatch(key) else None)
    differing = held.differing(
        entity, [(k, r[4]) for k, r in zip(keys, batch, strict=True) if k is not None]
    )
    return [
        (row, raw, fname, n, source, key if key not in differing else None)
        for (row, raw, fname, n, source, _), key in zip(batch, keys, strict=True)
    ]


def _validate(
    result: Validation,
    out: Sink,
    reader: Any,
    known: _Known,
    *,
    dayfirst: bool,
    progress: Any | None,
    held: Any | None = None,
    hashes: bool = False,
) -> Validation:
    # Deferred references: target entity -> id -> (first problem, how many rows use it).
    pending: dict[str, dict[str, tuple[Problem, int]]] = {}
    now = clock.utc_now() + FUTURE_SLACK
    today = clock.local_date(clock.utc_now())
    names = {f.entity: f.name for f in reader.files}
    formats = {f.entity: f.fmt for f in reader.files}
    n_file_problems = 0

    refs_by_entity: dict[str, list[tuple[str, str]]] = {}
    for (ent, fld), target in REFERENCES.items():
        refs_by_entity.setdefault(ent, []).append((fld, target))
    dates_by_entity = {e: _date_fields(e) for e in ENTITIES}

    def defer(target: str, ident: str, problem: Problem) -> None:
        slot = pending.setdefault(target, {})
        first, n = slot.get(ident, (problem, 0))
        slot[ident] = (first, n + 1)

    hasher = None
    if hashes:
        from safeguard.store.unchanged import SourceHasher

        hasher = SourceHasher(formats, dayfirst=dayfirst)
    rows = ((entity, *r) for entity, batch in _batches(reader, names, hasher, held) for r in batch)
    for entity, row, raw, fname, file_problems, source, same in rows:
        while n_file_problems < file_problems:
            result.add(reader.problems[n_file_problems])
            n_file_problems += 1
        if progress is not None and row % 1000 == 0 and hasattr(reader, "bytes_read"):
            progress(reader.bytes_read())
        if same is not None:
            # Held exactly as read: checked when it was imported (module docstring).
            if not known.ids.add(entity, same):
                result.add(
                    Problem(fname, row, "id", show(same), "an id used by only one row in this file")
                )
                continue
            result.counts[entity] = result.counts.get(entity, 0) + 1
            result.unchanged += 1
            continue
        result.checked += 1
        record, problems = parse_row(
            entity, raw, fmt=formats[entity], file=fname, row=row, dayfirst=dayfirst
        )
        raw_id = raw.get("id")
        if record is not None:
            for p in problems:  # warnings only
                result.add(p)
        if record is None:
            absent = reader.missing_columns.get(fname, ())
            for p in problems:
                if p.field not in absent:  # a missing column is reported once, not per row
                    result.add(p)
            if isinstance(raw_id, str) and raw_id.strip():
                # Known from now on, to avoid knock-on "unknown id" problems.
                known.ids.add(entity, raw_id.strip())
            continue
        ok = _check(
            entity,
            record,
            raw,
            fname,
            row,
            known,
            result,
            defer,
            now,
            today,
            refs_by_entity,
            dates_by_entity,
        )
        if not known.ids.add(entity, record.id):
            result.add(
                Problem(
                    fname, row, "id", show(record.id), "an id used by only one row in this file"
                )
            )
            ok = False
        if entity == "children":
            known.dob[record.id] = record.date_of_birth  # type: ignore[attr-defined]
        elif entity in known.parent:
            fld = "investigation_id" if entity == "suspects" else "child_id"
            known.parent[entity][record.id] = getattr(record, fld)
        if ok:
            result.counts[entity] = result.counts.get(entity, 0) + 1
            values = _values(entity, record)
            out.add(entity, values if hasher is None else (*values, source))
    for p in reader.problems[n_file_problems:]:
        result.add(p)

    for target, ids in pending.items():
        unresolved = {i for i in ids if not known.exists_now(target, i)}
        for ident in sorted(known.missing_in_db(target, unresolved)):
            first, n = ids[ident]
            more = f" ({n - 1} more rows use this id)" if n > 1 else ""
            result.add(
                Problem(first.file, first.row, first.field, first.value, first.expected + more)
            )
    return result


_ENUM_AT: dict[str, tuple[int, ...]] = {
    e: tuple(i for i, s in enumerate(field_specs(e).values()) if s.kind == "enum") for e in ENTITIES
}


def _values(entity: str, record: Record) -> tuple[Any, ...]:
    """The record's values in column order; enum defaults as their plain text value."""
    values = list(record.__dict__.values())  # pydantic keeps fields in declaration order
    for i in _ENUM_AT[entity]:
        v = values[i]
        if isinstance(v, Enum):
            values[i] = v.value
    return tuple(values)


def _check(
    entity: str,
    record: Record,
    raw: Any,
    file: str,
    row: int,
    known: _Known,
    result: Validation,
    defer: Any,
    now: datetime,
    today: date,
    refs_by_entity: dict[str, list[tuple[str, str]]],
    dates_by_entity: dict[str, list[tuple[str, str]]],
) -> bool:
    ok = True

    def bad(fld: str, value: Any, expected: str) -> None:
        nonlocal ok
        ok = False
        result.add(Problem(file, row, fld, show(value), expected))

    # References.
    for fld, target in refs_by_entity.get(entity, ()):
        value = getattr(record, fld)
        for ident in value if isinstance(value, list) else [value]:
            if ident is None or known.exists_now(target, ident):
                continue
            name = _READABLE.get(target, target.replace("_", " ").rstrip("s"))
            expected = f"the id of {a_or_an(name)} in this import or already in the database"
            defer(target, ident, Problem(file, row, fld, show(ident), expected))
    if entity == "notes":
        target = _NOTE_TARGET[record.record_type]  # type: ignore[attr-defined]
        rid = record.record_id  # type: ignore[attr-defined]
        kind = _READABLE[target]
        owner = known.child_of(target, rid)
        if owner is None and not known.exists_now(target, rid):
            expected = f"the id of {a_or_an(kind)} in this import or already in the database"
            defer(target, rid, Problem(file, row, "record_id", show(rid), expected))
        elif owner is not None and owner != record.child_id:  # type: ignore[attr-defined]
            child = record.child_id  # type: ignore[attr-defined]
            if target == "children":
                bad("record_id", rid, f"the same id as the note's child_id ({child})")
            else:
                bad("record_id", rid, f"{a_or_an(kind)} of the note's child ({child})")

    # Dates: not in the future, not before the child was born.
    child_id: str | None
    if entity == "children":
        child_id = record.id
    else:
        fld, parent = _PARENT[entity]
        child_id = known.child_of(parent, getattr(record, fld))
    dob = known.dob.get(child_id) if child_id else None
    if dob is not None and dob > today:
        # the child's row is refused for it: every record of the child would otherwise be
        # reported again as dated before a birth that has not happened
        dob = None
    for name, kind in dates_by_entity[entity]:
        value = getattr(record, name)
        if value is None:
            continue
        if kind == "date":
            if value > today:
                bad(name, raw.get(name), "a date that is not in the future")
            continue
        if value > now:
            bad(name, raw.get(name), "a date and time that is not in the future")
        elif dob is not None and value.date() < dob and clock.local_date(value) < dob:
            bad(name, raw.get(name), "a date on or after the child's date of birth")
    if entity == "missing_episodes":
        for fld, expected in _sequence_problems(record):
            bad(fld, raw.get(fld), expected)
    return ok


def _sequence_problems(episode: Any) -> list[tuple[str, str]]:
    """Impossible orders of a missing episode's times: (field, what was expected)."""
    out: list[tuple[str, str]] = []
    reported, seen, found = episode.reported_at, episode.last_seen_at, episode.found_at
    if seen is not None and seen > reported:
        out.append(
            (
                "last_seen_at",
                f"a time on or before the report ({clock.show(reported)}): a child is last "
                "seen before being reported missing",
            )
        )
    if found is not None and found < reported:
        out.append(
            (
                "found_at",
                f"a time on or after the report ({clock.show(reported)}): a child cannot be "
                "found before being reported missing",
            )
        )
    elif found is not None and seen is not None and found < seen:
        out.append(
            (
                "found_at",
                f"a time on or after the child was last seen ({clock.show(seen)})",
            )
        )
    return out


# --- held records -------------------------------------------------------------------------


@dataclass(frozen=True)
class HeldConflict:
    """A held record that breaks the import rules (see :mod:`safeguard.store.consistency`).

    ``kind`` is ``before_birth`` (``value`` is dated before the child's date of birth) or
    ``other_child`` (a note of this child is about a record that now belongs to another).
    ``parents`` are the record's ancestors below the child, nearest last, as (entity, id).
    """

    child_id: str
    dob: date
    entity: str
    record_id: str
    field: str
    value: Any
    kind: Literal["before_birth", "other_child"]
    parents: tuple[tuple[str, str], ...]


def held_conflicts(case: Case) -> list[HeldConflict]:
    """Every record of a case that the import rules would refuse, given the case's child."""
    child = case.child
    dob = child.date_of_birth
    out: list[HeldConflict] = []
    datetimes = {e: [n for n, k in _date_fields(e) if k == "datetime"] for e in ENTITIES}

    def dated(entity: str, record: Any, parents: tuple[tuple[str, str], ...]) -> None:
        for name in datetimes[entity]:
            value = getattr(record, name)
            if value is not None and value.date() < dob and clock.local_date(value) < dob:
                out.append(
                    HeldConflict(
                        child.id, dob, entity, record.id, name, value, "before_birth", parents
                    )
                )

    for er in case.episodes:
        up = (("missing_episodes", er.episode.id),)
        dated("missing_episodes", er.episode, up)
        for entity, items in (
            ("risk_assessments", er.risk_assessments),
            ("episode_actions", er.actions),
            ("safe_and_well_checks", er.safe_and_well_checks),
            ("return_home_interviews", er.return_home_interviews),
            ("notes", er.notes),
        ):
            for r in items:
                dated(entity, r, up)
    for ir in case.investigations:
        up = (("investigations", ir.investigation.id),)
        dated("investigations", ir.investigation, up)
        for entity, inv_items in (
            ("supervisor_reviews", ir.supervisor_reviews),
            ("lines_of_enquiry", ir.lines_of_enquiry),
            ("key_decisions", ir.key_decisions),
            ("victim_contacts", ir.contacts),
            ("referrals", ir.referrals),
            ("notes", ir.notes),
        ):
            for item in inv_items:
                dated(entity, item, up)
        for sr in ir.suspects:
            sup = (*up, ("suspects", sr.suspect.id))
            dated("suspects", sr.suspect, sup)
            for d in sr.disruptions:
                dated("disruption_actions", d, sup)
    for n in case.notes:
        dated("notes", n, ())
        target = _NOTE_TARGET.get(n.record_type)
        if target is not None and target != "children":
            out.append(
                HeldConflict(
                    child.id,
                    dob,
                    "notes",
                    n.id,
                    "record_id",
                    n.record_id,
                    "other_child",
                    ((target, n.record_id),),
                )
            )
    return out

"""Held records that depend on a record an import updates are checked again before commit.

An import checks its own rows against each other and against the store (pass 1). But an
update can break a record the import does not send: a child's later date of birth puts the
child's held notes before birth; an episode moved to another child leaves the notes on it
naming the old child. So, inside the import's transaction and after every row is written,
the cases of every child an updated record touches (its new child and its old one) are read
back and checked with the rules that incoming files meet
(:func:`safeguard.records.validate.held_conflicts`). Each conflict is reported against the
row in the file whose update caused it (file:row:field), naming the held record.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from safeguard.records import clock
from safeguard.records import schema as s
from safeguard.records.io import ExchangeReader, Problem, show
from safeguard.records.validate import HeldConflict, held_conflicts
from safeguard.store.models import TABLES, table_of
from safeguard.store.names import NAMES

_T = {name: table_of(cls) for name, cls in TABLES.items()}
#: The records an update of which can break held records, and the column naming their parent.
PARENTS: dict[str, str | None] = {
    "children": None,
    "missing_episodes": "child_id",
    "investigations": "child_id",
    "suspects": "investigation_id",
}
_CHUNK = 500


class Touched:
    """Ids of held parent records an import updates, and the children they belonged to."""

    def __init__(self) -> None:
        self.updated: dict[str, set[str]] = {e: set() for e in PARENTS}
        self.old_children: set[str] = set()

    def _note(self, entity: str, pairs: Iterable[tuple[str, str | None]]) -> None:
        for ident, child in pairs:
            self.updated[entity].add(ident)
            if child is not None:
                self.old_children.add(child)

    def before_upsert(self, conn: Connection, entity: str, ids: Sequence[str]) -> None:
        """Note which of ``ids`` are held already (call before writing them)."""
        if entity not in PARENTS:
            return
        t = _T[entity]
        for i in range(0, len(ids), _CHUNK):
            chunk = list(ids[i : i + _CHUNK])
            if entity == "children":
                stmt: Any = select(t.c.id, t.c.id).where(t.c.id.in_(chunk))
            elif entity == "suspects":
                inv = _T["investigations"]
                stmt = (
                    select(t.c.id, inv.c.child_id)
                    .select_from(t.outerjoin(inv, inv.c.id == t.c.investigation_id))
                    .where(t.c.id.in_(chunk))
                )
            else:
                stmt = select(t.c.id, t.c.child_id).where(t.c.id.in_(chunk))
            self._note(entity, [(a, b) for a, b in conn.execute(stmt)])

    def held_in_temp(self, cursor: Any, entity: str, table: str, temp: str) -> None:
        """PostgreSQL: note the held rows among those copied into ``temp`` (before upsert)."""
        if entity not in PARENTS:
            return
        if entity == "children":
            sql = f'SELECT o.id, o.id FROM "{table}" o JOIN "{temp}" n ON n.id = o.id'
        elif entity == "suspects":
            sql = (
                f'SELECT o.id, i.child_id FROM "{table}" o JOIN "{temp}" n ON n.id = o.id '
                'LEFT JOIN "investigations" i ON i.id = o.investigation_id'
            )
        else:
            sql = f'SELECT o.id, o.child_id FROM "{table}" o JOIN "{temp}" n ON n.id = o.id'
        cursor.execute(sql)
        self._note(entity, cursor.fetchall())

    def any(self) -> bool:
        return any(self.updated.values())


def _affected_children(conn: Connection, touched: Touched) -> list[str]:
    """The children whose cases an update may have broken: old and new owners."""
    out = set(touched.updated["children"]) | touched.old_children
    for entity in ("missing_episodes", "investigations"):
        ids = sorted(touched.updated[entity])
        t = _T[entity]
        for i in range(0, len(ids), _CHUNK):
            out.update(
                conn.execute(select(t.c.child_id).where(t.c.id.in_(ids[i : i + _CHUNK]))).scalars()
            )
    ids = sorted(touched.updated["suspects"])
    sus, inv = _T["suspects"], _T["investigations"]
    for i in range(0, len(ids), _CHUNK):
        stmt = (
            select(inv.c.child_id)
            .select_from(sus.join(inv, inv.c.id == sus.c.investigation_id))
            .where(sus.c.id.in_(ids[i : i + _CHUNK]))
        )
        out.update(conn.execute(stmt).scalars())
    return sorted(out)


def check_held(
    conn: Connection, touched: Touched, source: str | Path | None, *, encoding: str = "utf-8"
) -> list[Problem]:
    """Problems with held records caused by this import's updates (empty if none); ``source``
    is the folder the records came from, its files in ``encoding``, to name each file and row."""
    if not touched.any():
        return []
    from safeguard.store.read import _load_chunk, _rows, select_records

    children = _T["children"]
    conflicts: list[HeldConflict] = []
    affected = _affected_children(conn, touched)
    for i in range(0, len(affected), _CHUNK):
        ids = affected[i : i + _CHUNK]
        page = _rows(conn, select_records(children).where(children.c.id.in_(ids)), s.Child)
        for case in _load_chunk(conn, page):
            conflicts.extend(held_conflicts(case))
    if not conflicts:
        return []
    return _problems(conflicts, touched, source, encoding)


def _readable(entity: str) -> str:
    return NAMES.get(entity, (entity, entity))[0]


def _problems(
    conflicts: list[HeldConflict], touched: Touched, source: str | Path | None, encoding: str
) -> list[Problem]:
    """One problem per updated row and field, with the first held record it breaks."""
    blamed: dict[tuple[str, str, str], tuple[HeldConflict, int]] = {}
    for c in conflicts:
        key = _blame(c, touched)
        first, n = blamed.get(key, (c, 0))
        blamed[key] = (first, n + 1)
    rows = _locate(source, {(e, i) for e, i, _ in blamed}, encoding)
    out: list[Problem] = []
    for (entity, ident, fld), (c, n) in blamed.items():
        file, row, raw = rows.get((entity, ident), (f"{entity} (already held)", 0, {}))
        sent = raw.get(fld)
        held = f"{_readable(c.entity)} {c.record_id}"
        more = f" ({n - 1} more held records too)" if n > 1 else ""
        if c.kind == "before_birth":
            when = clock.show(c.value) if hasattr(c.value, "hour") else str(c.value)
            if fld == "date_of_birth":
                expected = (
                    f"a date of birth on or before {clock.local_date(c.value):%d %b %Y}: {held}, "
                    f"already held for this child, is dated {when}{more}; correct that record "
                    "in the same import if this date of birth is right"
                )
                value = show(sent if sent is not None else str(c.dob))
            else:
                expected = (
                    f"a child born on or before {clock.local_date(c.value):%d %b %Y}: {held}, "
                    f"already held under this {_readable(entity)}, is dated {when}{more}"
                )
                value = show(sent)
        else:
            expected = (
                f"child {c.child_id}, the child named by {held}, which is already held and "
                f"is about this {_readable(entity)}{more}; send that note again with the new "
                "child id in the same import, or correct this child id"
            )
            value = show(sent)
        out.append(Problem(file, row, fld, value, expected))
    return sorted(out, key=lambda p: (p.file, p.row, p.field))


def _blame(c: HeldConflict, touched: Touched) -> tuple[str, str, str]:
    """The updated row (entity, id, field) that caused a conflict."""
    for entity, ident in reversed(c.parents):  # the nearest updated parent moved the record
        if ident in touched.updated.get(entity, ()):
            field = "investigation_id" if entity == "suspects" else "child_id"
            return entity, ident, field
    if c.kind == "other_child" and c.parents:
        entity, ident = c.parents[-1]
        return entity, ident, "child_id"
    return "children", c.child_id, "date_of_birth"


def _locate(
    source: str | Path | None, wanted: set[tuple[str, str]], encoding: str
) -> dict[tuple[str, str], tuple[str, int, dict[str, Any]]]:
    """File name, row and cells of each (entity, id) in the import's files."""
    found: dict[tuple[str, str], tuple[str, int, dict[str, Any]]] = {}
    if source is None or not wanted:
        return found
    reader = ExchangeReader(source, encoding=encoding)
    names = {f.entity: f.name for f in reader.files}
    for entity in sorted({e for e, _ in wanted}):
        ids = {i for e, i in wanted if e == entity}
        for row, raw in reader.iter_for(entity):
            ident = raw.get("id")
            if isinstance(ident, str) and ident.strip() in ids:
                found[(entity, ident.strip())] = (names[entity], row, raw)
    return found

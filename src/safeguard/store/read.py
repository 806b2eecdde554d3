"""Reading whole cases from the store, in chunks, for the audit and the web app.

:func:`iter_cases` pages through children by id and, for each page, loads every related
record with one query per table (about 15 queries per chunk, however many records), so it
stays fast and its memory stays flat on a large store.

Every read of many records goes through :func:`snapshot`: one read transaction, so an
audit, an export or a web page sees one state of the store even while an import commits
(SQLite in WAL mode: one read transaction; PostgreSQL: ``REPEATABLE READ``).
:func:`iter_cases` takes its own snapshot unless it is handed one.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, Select, Table, exists, or_, select
from sqlalchemy.engine import Connection

from safeguard.records import clock
from safeguard.records import schema as s
from safeguard.records.case import Case, build_cases
from safeguard.store.models import IMPORT_COLUMNS, TABLES

_T: dict[str, Table] = {name: cls.__table__ for name, cls in TABLES.items()}  # type: ignore[misc]


def select_records(table: Table) -> Select[Any]:
    """SELECT of a record table's own columns (not the import's hashes)."""
    return select(*(c for c in table.c if c.name not in IMPORT_COLUMNS))


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection whose every read sees the same state of the store (one read transaction).

    Use it for anything that reads in several queries: an audit, an export, a page built
    from several tables. Nothing is written through it; it ends with a commit (nothing to
    commit), or with a rollback after an error.
    """
    if engine.dialect.name == "postgresql":
        conn = engine.connect().execution_options(isolation_level="REPEATABLE READ")
    else:
        conn = engine.connect()
    try:
        if engine.dialect.name == "sqlite":
            # The driver runs each SELECT in its own transaction unless one is open; this one
            # takes its WAL snapshot at the first read and keeps it to the end.
            conn.exec_driver_sql("BEGIN")
        else:
            conn.begin()
        yield conn
    except BaseException:
        try:
            conn.rollback()
        finally:
            conn.close()
        raise
    try:
        # Nothing was written: a commit ends the read as a rollback would, and on PostgreSQL
        # the driver keeps the statements it prepared on this connection (a rollback clears
        # them, so a page's queries would be planned again on every view).
        conn.commit()
    finally:
        conn.close()


def _since_filter(since: date | datetime) -> Any:
    # A calendar date means from the start of that day in UK local time.
    when = since if isinstance(since, datetime) else clock.local_midnight(since)
    c = _T["children"].c
    ep, inv, note = _T["missing_episodes"], _T["investigations"], _T["notes"]
    return or_(
        exists().where(ep.c.child_id == c.id, ep.c.reported_at >= when),
        exists().where(inv.c.child_id == c.id, inv.c.reported_at >= when),
        exists().where(note.c.child_id == c.id, note.c.written_at >= when),
    )


def _rows(conn: Any, stmt: Select[Any], model: type[s.Record]) -> list[Any]:
    """The rows as records, trusted (they were validated on import), built without checks."""
    result = conn.execute(stmt)
    keys = list(result.keys())
    if model.__pydantic_post_init__ or set(keys) != set(model.model_fields):
        make = model.model_construct
        return [make(**dict(zip(keys, row, strict=True))) for row in result]
    # What model_construct does when every field is given, without its per-field lookups.
    new, put, fields = object.__new__, object.__setattr__, frozenset(keys)
    out = []
    for row in result:
        m = new(model)
        put(m, "__dict__", dict(zip(keys, row, strict=True)))
        put(m, "__pydantic_fields_set__", set(fields))
        put(m, "__pydantic_extra__", None)
        put(m, "__pydantic_private__", None)
        out.append(m)
    return out


def _load_chunk(conn: Any, children: Sequence[s.Child]) -> list[Case]:
    ids = [c.id for c in children]
    t = _T
    ep, inv, sus = t["missing_episodes"], t["investigations"], t["suspects"]
    episodes = _rows(conn, select_records(ep).where(ep.c.child_id.in_(ids)), s.MissingEpisode)
    investigations = _rows(
        conn, select_records(inv).where(inv.c.child_id.in_(ids)), s.Investigation
    )
    ep_ids = select(ep.c.id).where(ep.c.child_id.in_(ids))
    inv_ids = select(inv.c.id).where(inv.c.child_id.in_(ids))

    # Records under episodes or investigations are read only when there are some (one child,
    # as a page reads, often has neither: no query, and no round trip to a database server).
    def under_episode(name: str, model: type[s.Record]) -> list[Any]:
        if not episodes:
            return []
        tbl = t[name]
        return _rows(conn, select_records(tbl).where(tbl.c.episode_id.in_(ep_ids)), model)

    def under_investigation(name: str, model: type[s.Record]) -> list[Any]:
        if not investigations:
            return []
        tbl = t[name]
        return _rows(conn, select_records(tbl).where(tbl.c.investigation_id.in_(inv_ids)), model)

    da = t["disruption_actions"]
    sus_ids = select(sus.c.id).where(sus.c.investigation_id.in_(inv_ids))
    nt = t["notes"]
    records: dict[str, list[Any]] = {
        "missing_episodes": episodes,
        "investigations": investigations,
        "disruption_actions": _rows(
            conn, select_records(da).where(da.c.suspect_id.in_(sus_ids)), s.DisruptionAction
        )
        if investigations
        else [],
        "notes": _rows(conn, select_records(nt).where(nt.c.child_id.in_(ids)), s.Note),
    }
    model: type[s.Record]
    for name, model in (
        ("risk_assessments", s.RiskAssessment),
        ("episode_actions", s.EpisodeAction),
        ("safe_and_well_checks", s.SafeAndWellCheck),
        ("return_home_interviews", s.ReturnHomeInterview),
    ):
        records[name] = under_episode(name, model)
    for name, model in (
        ("supervisor_reviews", s.SupervisorReview),
        ("lines_of_enquiry", s.LineOfEnquiry),
        ("suspects", s.Suspect),
        ("key_decisions", s.KeyDecision),
        ("victim_contacts", s.VictimContact),
        ("referrals", s.Referral),
    ):
        records[name] = under_investigation(name, model)
    return build_cases(children, records)


def iter_cases(
    engine: Engine | Connection,
    *,
    since: date | datetime | None = None,
    team: str | None = None,
    chunk_size: int = 500,
) -> Iterator[Case]:
    """Every child's case, ordered by child id, loaded ``chunk_size`` children at a time.

    ``team`` keeps children owned by that team; ``since`` keeps children with an episode or
    investigation reported, or a note written, on or after that date. All chunks are read
    in one :func:`snapshot` (the given connection's, or one taken for the whole iteration).
    """
    if isinstance(engine, Engine):
        with snapshot(engine) as conn:
            yield from iter_cases(conn, since=since, team=team, chunk_size=chunk_size)
        return
    conn = engine
    children = _T["children"]
    last: str | None = None
    while True:
        stmt = select_records(children).order_by(children.c.id).limit(chunk_size)
        if last is not None:
            stmt = stmt.where(children.c.id > last)
        if team is not None:
            stmt = stmt.where(children.c.team == team)
        if since is not None:
            stmt = stmt.where(_since_filter(since))
        page = _rows(conn, stmt, s.Child)
        if not page:
            return
        cases = _load_chunk(conn, page)
        yield from cases
        if len(page) < chunk_size:
            return
        last = page[-1].id


def get_case(engine: Engine, child_id: str) -> Case | None:
    """One child's case, or None if the store has no child with that id (one snapshot)."""
    children = _T["children"]
    with snapshot(engine) as conn:
        page = _rows(conn, select_records(children).where(children.c.id == child_id), s.Child)
        if not page:
            return None
        return _load_chunk(conn, page)[0]

"""Reading whole cases from the store, in chunks, for the audit and the web app.

:func:`iter_cases` pages through children by id and, for each page, loads every related
record with one query per table (about 15 queries per chunk, however many records), so it
stays fast and its memory stays flat on a large store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, Select, Table, exists, or_, select

from safeguard.records import schema as s
from safeguard.records.case import Case, EpisodeRecords, InvestigationRecords, SuspectRecords
from safeguard.store.models import TABLES

_T: dict[str, Table] = {name: cls.__table__ for name, cls in TABLES.items()}  # type: ignore[misc]
_LATE = datetime.max


def _since_filter(since: date | datetime) -> Any:
    when = since if isinstance(since, datetime) else datetime(since.year, since.month, since.day)
    c = _T["children"].c
    ep, inv, note = _T["missing_episodes"], _T["investigations"], _T["notes"]
    return or_(
        exists().where(ep.c.child_id == c.id, ep.c.reported_at >= when),
        exists().where(inv.c.child_id == c.id, inv.c.reported_at >= when),
        exists().where(note.c.child_id == c.id, note.c.written_at >= when),
    )


def _rows(conn: Any, stmt: Select[Any], model: type[s.Record]) -> list[Any]:
    return [model.model_construct(**row._mapping) for row in conn.execute(stmt)]


def _by(items: Iterable[Any], key: str) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = defaultdict(list)
    for item in items:
        out[getattr(item, key)].append(item)
    return out


def _sorted(items: Iterable[Any], *times: str) -> list[Any]:
    def key(item: Any) -> tuple[datetime, str]:
        for t in times:
            v = getattr(item, t)
            if v is not None:
                return v, item.id
        return _LATE, item.id

    return sorted(items, key=key)


def _load_chunk(conn: Any, children: Sequence[s.Child]) -> list[Case]:
    ids = [c.id for c in children]
    t = _T
    ep, inv, sus = t["missing_episodes"], t["investigations"], t["suspects"]
    episodes = _rows(conn, select(ep).where(ep.c.child_id.in_(ids)), s.MissingEpisode)
    investigations = _rows(conn, select(inv).where(inv.c.child_id.in_(ids)), s.Investigation)
    ep_ids = select(ep.c.id).where(ep.c.child_id.in_(ids))
    inv_ids = select(inv.c.id).where(inv.c.child_id.in_(ids))

    def under_episode(name: str, model: type[s.Record]) -> dict[str, list[Any]]:
        tbl = t[name]
        return _by(
            _rows(conn, select(tbl).where(tbl.c.episode_id.in_(ep_ids)), model), "episode_id"
        )

    def under_investigation(name: str, model: type[s.Record]) -> dict[str, list[Any]]:
        tbl = t[name]
        stmt = select(tbl).where(tbl.c.investigation_id.in_(inv_ids))
        return _by(_rows(conn, stmt, model), "investigation_id")

    risks = under_episode("risk_assessments", s.RiskAssessment)
    actions = under_episode("episode_actions", s.EpisodeAction)
    checks = under_episode("safe_and_well_checks", s.SafeAndWellCheck)
    rhis = under_episode("return_home_interviews", s.ReturnHomeInterview)
    reviews = under_investigation("supervisor_reviews", s.SupervisorReview)
    lines = under_investigation("lines_of_enquiry", s.LineOfEnquiry)
    suspects = under_investigation("suspects", s.Suspect)
    decisions = under_investigation("key_decisions", s.KeyDecision)
    contacts = under_investigation("victim_contacts", s.VictimContact)
    referrals = under_investigation("referrals", s.Referral)
    da = t["disruption_actions"]
    sus_ids = select(sus.c.id).where(sus.c.investigation_id.in_(inv_ids))
    disruptions = _by(
        _rows(conn, select(da).where(da.c.suspect_id.in_(sus_ids)), s.DisruptionAction),
        "suspect_id",
    )
    nt = t["notes"]
    notes = _by(_rows(conn, select(nt).where(nt.c.child_id.in_(ids)), s.Note), "child_id")

    eps_by_child = _by(episodes, "child_id")
    invs_by_child = _by(investigations, "child_id")
    cases: list[Case] = []
    for child in children:
        case = Case(child=child)
        ep_recs: dict[str, EpisodeRecords] = {}
        for e in _sorted(eps_by_child.get(child.id, []), "reported_at"):
            rec = EpisodeRecords(
                episode=e,
                risk_assessments=_sorted(risks.get(e.id, []), "graded_at"),
                actions=_sorted(actions.get(e.id, []), "at"),
                safe_and_well_checks=_sorted(checks.get(e.id, []), "at"),
                return_home_interviews=_sorted(rhis.get(e.id, []), "offered_at", "done_at"),
            )
            ep_recs[e.id] = rec
            case.episodes.append(rec)
        inv_recs: dict[str, InvestigationRecords] = {}
        for i in _sorted(invs_by_child.get(child.id, []), "reported_at"):
            rec_i = InvestigationRecords(
                investigation=i,
                supervisor_reviews=_sorted(reviews.get(i.id, []), "reviewed_at"),
                lines_of_enquiry=_sorted(lines.get(i.id, []), "raised_at"),
                suspects=[
                    SuspectRecords(suspect=x, disruptions=_sorted(disruptions.get(x.id, []), "at"))
                    for x in _sorted(suspects.get(i.id, []), "identified_at")
                ],
                key_decisions=_sorted(decisions.get(i.id, []), "at"),
                contacts=_sorted(contacts.get(i.id, []), "at"),
                referrals=_sorted(referrals.get(i.id, []), "at"),
            )
            inv_recs[i.id] = rec_i
            case.investigations.append(rec_i)
        for n in _sorted(notes.get(child.id, []), "written_at"):
            if n.record_type == "episode" and n.record_id in ep_recs:
                ep_recs[n.record_id].notes.append(n)
            elif n.record_type == "investigation" and n.record_id in inv_recs:
                inv_recs[n.record_id].notes.append(n)
            else:
                case.notes.append(n)
        cases.append(case)
    return cases


def iter_cases(
    engine: Engine,
    *,
    since: date | datetime | None = None,
    team: str | None = None,
    chunk_size: int = 500,
) -> Iterator[Case]:
    """Every child's case, ordered by child id, loaded ``chunk_size`` children at a time.

    ``team`` keeps children owned by that team; ``since`` keeps children with an episode or
    investigation reported, or a note written, on or after that date.
    """
    children = _T["children"]
    last: str | None = None
    while True:
        stmt = select(children).order_by(children.c.id).limit(chunk_size)
        if last is not None:
            stmt = stmt.where(children.c.id > last)
        if team is not None:
            stmt = stmt.where(children.c.team == team)
        if since is not None:
            stmt = stmt.where(_since_filter(since))
        with engine.connect() as conn:
            page = _rows(conn, stmt, s.Child)
            if not page:
                return
            cases = _load_chunk(conn, page)
        yield from cases
        if len(page) < chunk_size:
            return
        last = page[-1].id


def get_case(engine: Engine, child_id: str) -> Case | None:
    """One child's case, or None if the store has no child with that id."""
    children = _T["children"]
    with engine.connect() as conn:
        page = _rows(conn, select(children).where(children.c.id == child_id), s.Child)
        if not page:
            return None
        return _load_chunk(conn, page)[0]

"""Reading one child's case for display, and the audit findings that go with it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from safeguard.missing.grading import latest_assessment
from safeguard.records import schema as s
from safeguard.records.case import Case, EpisodeRecords
from safeguard.store.engine import reader
from safeguard.web.flags import Flag, FlagCache, highlight
from safeguard.web.models import ChallengeDecision
from safeguard.web.queue import RISK_LABEL, current_risk
from safeguard.web.wording import say


def get_case(engine: Engine, child_id: str) -> Case | None:
    from safeguard.store.read import get_case as _get_case

    return _get_case(engine, child_id)


def owner_of(engine: Engine, kind: str, record_id: str) -> tuple[str, str | None] | None:
    """(child id, the child's team) for a child, episode or note id; None if unknown."""
    from safeguard.store.read import _T

    c = _T["children"]
    if kind == "child_id":
        stmt = select(c.c.id, c.c.team).where(c.c.id == record_id)
    else:
        t = _T["missing_episodes" if kind == "episode_id" else "notes"]
        stmt = select(c.c.id, c.c.team).join(t, t.c.child_id == c.c.id).where(t.c.id == record_id)
    with reader(engine).connect() as conn:
        row = conn.execute(stmt).first()
    return (row[0], row[1]) if row else None


def get_note(engine: Engine, note_id: str) -> s.Note | None:
    """One note by its id (one query), as :func:`get_case` would give it; None if unknown.

    A decision on a note's language needs the note, not the child's whole case."""
    from safeguard.store.read import _T, _rows, select_records

    nt = _T["notes"]
    with reader(engine).connect() as conn:
        found = _rows(conn, select_records(nt).where(nt.c.id == note_id), s.Note)
    return found[0] if found else None


def get_episode(engine: Engine, child_id: str, episode_id: str) -> EpisodeRecords | None:
    """One missing episode of ``child_id`` with its records, as :func:`get_case` would give it.

    Reads only that episode's rows (six small queries) rather than the child's whole case.
    """
    from safeguard.records.case import _sorted
    from safeguard.store.read import _T, _rows

    ep, nt = _T["missing_episodes"], _T["notes"]
    with reader(engine).connect() as conn:
        found = _rows(
            conn,
            select(ep).where(ep.c.id == episode_id, ep.c.child_id == child_id),
            s.MissingEpisode,
        )
        if not found:
            return None

        def under(name: str, model: type[s.Record], *times: str) -> list[Any]:
            tbl = _T[name]
            return _sorted(
                _rows(conn, select(tbl).where(tbl.c.episode_id == episode_id), model), *times
            )

        notes = select(nt).where(
            nt.c.child_id == child_id,
            nt.c.record_type == "episode",
            nt.c.record_id == episode_id,
        )
        return EpisodeRecords(
            episode=found[0],
            risk_assessments=under("risk_assessments", s.RiskAssessment, "graded_at"),
            actions=under("episode_actions", s.EpisodeAction, "at"),
            safe_and_well_checks=under("safe_and_well_checks", s.SafeAndWellCheck, "at"),
            return_home_interviews=under(
                "return_home_interviews", s.ReturnHomeInterview, "offered_at", "done_at"
            ),
            notes=_sorted(_rows(conn, notes, s.Note), "written_at"),
        )


@dataclass
class TimelineEvent:
    at: datetime
    kind: str
    title: str
    detail: str = ""
    record_id: str = ""


@dataclass
class NoteView:
    note: s.Note
    pieces: list[tuple[str, Flag | None]]
    flags: list[tuple[Flag, ChallengeDecision | None]]
    challenged_by: list[s.Note] = field(default_factory=list)
    #: Challenged by a note that is not a web decision's addendum (e.g. one imported with the
    #: records): then the whole note counts as challenged. A web decision covers one phrase.
    challenged_as_a_whole: bool = False


def timeline(case: Case) -> list[TimelineEvent]:
    """Every dated event of the case, newest first."""
    ev: list[TimelineEvent] = []
    for ep in case.episodes:
        e = ep.episode
        ev.append(
            TimelineEvent(
                e.reported_at,
                "episode",
                f"Reported {say('missing_status', e.status)}",
                f"Reported by {e.reported_by}",
                e.id,
            )
        )
        if e.found_at:
            ev.append(TimelineEvent(e.found_at, "episode", "Found", "", e.id))
        if e.exploitation_screening_at:
            ev.append(
                TimelineEvent(
                    e.exploitation_screening_at, "episode", "Exploitation screening", "", e.id
                )
            )
        if e.strategy_meeting_at:
            ev.append(TimelineEvent(e.strategy_meeting_at, "episode", "Strategy meeting", "", e.id))
        for r in ep.risk_assessments:
            why = ", ".join(r.factors) if r.factors else "no reasons recorded"
            confirmed = (
                f"; confirmed by supervisor {r.supervisor_confirmed_by}"
                if r.supervisor_confirmed_by
                else "; not confirmed by a supervisor"
            )
            ev.append(
                TimelineEvent(
                    r.graded_at,
                    "grade",
                    f"Graded {RISK_LABEL.get(r.level, r.level)} risk by {r.graded_by}",
                    f"Why: {why}{confirmed}",
                    e.id,
                )
            )
        for a in ep.actions:
            ev.append(
                TimelineEvent(
                    a.at,
                    "action",
                    f"{say('action_type', a.action_type)} by {a.officer}",
                    a.description or "",
                    e.id,
                )
            )
        for c in ep.safe_and_well_checks:
            ev.append(
                TimelineEvent(
                    c.at,
                    "action",
                    f"Safe and well check {say('check_mode', c.mode)}",
                    f"By {c.officer}",
                    e.id,
                )
            )
        for rhi in ep.return_home_interviews:
            if rhi.offered_at:
                ev.append(
                    TimelineEvent(
                        rhi.offered_at, "action", "Return home interview offered", "", e.id
                    )
                )
            if rhi.done_at:
                ev.append(
                    TimelineEvent(
                        rhi.done_at,
                        "action",
                        "Return home interview done",
                        f"By {rhi.done_by or 'not recorded'}",
                        e.id,
                    )
                )
    for inv in case.investigations:
        i = inv.investigation
        ev.append(
            TimelineEvent(
                i.reported_at,
                "investigation",
                f"{say('exploitation_type', i.exploitation_type)} reported",
                f"Reported by {say('reporter', i.reported_by)}",
                i.id,
            )
        )
        if i.plan_recorded_at:
            ev.append(
                TimelineEvent(
                    i.plan_recorded_at, "investigation", "Investigation plan recorded", "", i.id
                )
            )
        for sr in inv.supervisor_reviews:
            ev.append(
                TimelineEvent(
                    sr.reviewed_at,
                    "investigation",
                    f"Supervisor review by {sr.reviewer}",
                    sr.summary or "",
                    i.id,
                )
            )
        for k in inv.key_decisions:
            ev.append(
                TimelineEvent(
                    k.at,
                    "investigation",
                    f"Key decision: {say('key_decision', k.decision)}",
                    "",
                    i.id,
                )
            )
        for vc in inv.contacts:
            how = "in person" if vc.in_person else "not in person"
            ev.append(
                TimelineEvent(
                    vc.at,
                    "contact",
                    f"Contact with {say('contact_with', vc.contact_with)} ({how})",
                    "",
                    i.id,
                )
            )
        for ref in inv.referrals:
            ev.append(
                TimelineEvent(ref.at, "investigation", f"Referred to {ref.service}", "", i.id)
            )
        if i.outcome != "open" and i.outcome_at:
            ev.append(
                TimelineEvent(
                    i.outcome_at,
                    "investigation",
                    f"Outcome: {say('outcome', i.outcome)}",
                    "",
                    i.id,
                )
            )
    ev.sort(key=lambda x: x.at, reverse=True)
    return ev


def episode_summaries(case: Case) -> list[dict[str, Any]]:
    out = []
    for ep in sorted(case.episodes, key=lambda x: x.episode.reported_at, reverse=True):
        risk = current_risk(ep)
        latest = latest_assessment(ep)
        out.append(
            {
                "episode": ep.episode,
                "risk": risk,
                "risk_label": RISK_LABEL.get(risk, risk),
                "factors": latest.factors if latest else [],
                "graded_by": latest.graded_by if latest else None,
                "confirmed_by": latest.supervisor_confirmed_by if latest else None,
                "actions": len(ep.actions),
            }
        )
    return out


def note_views(engine: Engine, case: Case, flags: FlagCache) -> list[NoteView]:
    notes = case.all_notes()
    ids = [n.id for n in notes]
    decisions: dict[tuple[str, str, int], ChallengeDecision] = {}
    addenda: set[str] = set()
    if ids:
        with Session(reader(engine)) as db:
            for d in db.scalars(
                select(ChallengeDecision).where(ChallengeDecision.note_id.in_(ids))
            ):
                if d.addendum_note_id:
                    addenda.add(d.addendum_note_id)
                if d.current:  # the decision that stands; replaced ones stay on record
                    decisions[(d.note_id, d.rule, d.start)] = d
            db.expunge_all()
    challenges: dict[str, list[s.Note]] = {}
    for n in notes:
        if n.challenges_note_id:
            challenges.setdefault(n.challenges_note_id, []).append(n)
    views = []
    for n in sorted(notes, key=lambda x: x.written_at, reverse=True):
        fl = flags.flags(n)
        views.append(
            NoteView(
                note=n,
                pieces=highlight(n.text, fl),
                flags=[(f, decisions.get((n.id, f.rule, f.start))) for f in fl],
                challenged_by=challenges.get(n.id, []),
                challenged_as_a_whole=any(c.id not in addenda for c in challenges.get(n.id, [])),
            )
        )
    return views


def _chosen(
    teams: list[str] | None, team: str | None, id_contains: str | None, team_col: Any, id_col: Any
) -> list[Any]:
    """The conditions for the children these teams may see (of ``team``; whose number holds
    ``id_contains``)."""
    where = []
    if teams is not None:
        where.append(team_col.in_(teams))
    if team:
        where.append(team_col == team)
    if id_contains:  # search by (part of) the child's number, ignoring case
        pattern = (
            "%" + id_contains.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        )
        where.append(id_col.ilike(pattern, escape="\\"))
    return where


def children_totals(
    engine: Engine,
    *,
    teams: list[str] | None,
    team: str | None,
    id_contains: str | None = None,
) -> tuple[int, int]:
    """(children, children with a stored result) of those these teams may see. Only an import
    changes them once every child has been audited, so the web app keeps them until the next
    import (counting a force's children costs the database a scan of them)."""
    from sqlalchemy import func

    from safeguard.engine.models import CaseResultRow
    from safeguard.store.read import _T, snapshot

    c, r = _T["children"], CaseResultRow
    with snapshot(engine) as conn:
        total = conn.execute(
            select(func.count())
            .select_from(c)
            .where(*_chosen(teams, team, id_contains, c.c.team, c.c.id))
        ).scalar_one()
        audited = conn.execute(
            select(func.count())
            .select_from(r)
            .where(*_chosen(teams, team, id_contains, r.team, r.child_id))
        ).scalar_one()
    return int(total), int(audited)


def children_rows(
    engine: Engine,
    *,
    teams: list[str] | None,
    team: str | None,
    limit: int,
    offset: int,
    id_contains: str | None = None,
    totals: tuple[int, int] | None = None,
) -> tuple[int, list[dict[str, Any]]]:
    """(how many, one page) of the children these teams may see, still missing first, then by
    number of missing episodes, then by id; counts and grade from the stored results.

    The page is read in the order of an index on the stored results, so it costs the same
    at any size of store; a child with no stored result yet (imported, not yet audited) comes
    after those that have one. ``totals``: :func:`children_totals` for the same choice, if
    already known."""
    from sqlalchemy import exists

    from safeguard.engine.models import CaseResultRow
    from safeguard.store.read import _T, snapshot

    c = _T["children"]
    r = CaseResultRow

    def chosen(team_col: Any, id_col: Any) -> list[Any]:
        return _chosen(teams, team, id_contains, team_col, id_col)

    # The result's team is the child's team when it was audited (every write re-audits).
    audited = (
        select(c, r.episodes, r.open_episodes, r.investigations, r.grade)
        .select_from(r.__table__.join(c, c.c.id == r.child_id))
        .where(*chosen(r.team, r.child_id))
        .order_by(r.open_episodes.desc(), r.episodes.desc(), r.child_id)
    )
    unaudited = (
        select(c)
        .where(*chosen(c.c.team, c.c.id), ~exists().where(r.child_id == c.c.id))
        .order_by(c.c.id)
    )
    if totals is None:
        totals = children_totals(engine, teams=teams, team=team, id_contains=id_contains)
    total, n_audited = totals
    with snapshot(engine) as conn:
        rows = list(conn.execute(audited.limit(limit).offset(offset)).all())
        if len(rows) < limit and total > n_audited:
            rows += conn.execute(
                unaudited.limit(limit - len(rows)).offset(max(0, offset - n_audited))
            ).all()
    names = list(c.c.keys())
    return total, [
        {
            "child": s.Child.model_construct(**{k: row._mapping[k] for k in names}),
            "episodes": row._mapping.get("episodes") or 0,
            "open": row._mapping.get("open_episodes") or 0,
            "investigations": row._mapping.get("investigations") or 0,
            "grade": row._mapping.get("grade"),
        }
        for row in rows
    ]


def team_names(engine: Engine, teams: list[str] | None) -> list[str]:
    """The teams that own children, of those given (every team for None)."""
    from safeguard.store.read import _T

    c = _T["children"]
    stmt = select(c.c.team).where(c.c.team.is_not(None)).distinct().order_by(c.c.team)
    if teams is not None:
        stmt = stmt.where(c.c.team.in_(teams))
    with reader(engine).connect() as conn:
        return [row[0] for row in conn.execute(stmt)]


def reaudit_child(engine: Engine, child_id: str, now: datetime, flags: FlagCache) -> None:
    """Bring one child's stored result up to date (nothing to do when it is current). The
    language checker's answers for unchanged notes come from the app's cache."""
    from safeguard.audit.runner import Auditor
    from safeguard.engine.results import refresh_children

    refresh_children(
        engine, [child_id], auditor=Auditor(as_of=now, language_check=flags.check_text)
    )


def audit_result(engine: Engine, case: Case, now: datetime, flags: FlagCache) -> Any:
    """The engine's stored result for this child, brought up to date first if it is not current
    (one child's audit at most)."""
    from safeguard.audit.runner import Auditor
    from safeguard.engine.results import current_results

    # A current stored result is read as it is (every write path keeps results current), so a
    # view does not read the child's records a second time to fingerprint them.
    auditor = Auditor(as_of=now, language_check=flags.check_text)
    return next(iter(current_results(engine, auditor, [case.child.id])), None)


def decided_note_texts(engine: Engine) -> dict[str, str]:
    """The text of every note a supervisor made a language decision on."""
    from safeguard.store.read import _T

    nt = _T["notes"]
    decided = select(ChallengeDecision.note_id)
    with reader(engine).connect() as conn:
        return dict(conn.execute(select(nt.c.id, nt.c.text).where(nt.c.id.in_(decided))).all())

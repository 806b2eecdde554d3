"""The MIS-* checks: one function per check, each returning the findings for one episode.

Each is registered with :func:`safeguard.engine.registry.check` beside its parameter model.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import Field

from safeguard.engine.context import CheckContext
from safeguard.engine.finding import Finding, hours, make
from safeguard.engine.registry import HoursParams, Params, check, checks_per
from safeguard.missing.grading import (
    Assessment,
    assess_episode,
    episode_end,
    latest_assessment,
    repeat_window,
)
from safeguard.records import clock
from safeguard.records.case import Case, EpisodeRecords
from safeguard.records.schema import ActionType, CheckMode
from safeguard.standards.risk_levels import rank

LEVEL_WORDS = {
    "high": "high risk",
    "medium": "medium risk",
    "low": "low risk",
    "no_apparent_risk": "no apparent risk",
}


class ConfirmParams(Params):
    hours_high: float = Field(gt=0)
    hours_other: float = Field(gt=0)


class ProactiveParams(Params):
    hours_high: float = Field(gt=0)
    hours_medium: float = Field(gt=0)
    hours_low: float = Field(gt=0)
    proactive_actions: list[ActionType] = Field(min_length=1)


class RepeatParams(Params):
    episodes: int = Field(ge=2)
    window_days: int = Field(gt=0)


class InPersonParams(Params):
    hours: float = Field(gt=0)
    accepted_modes: list[CheckMode] = Field(min_length=1)


def _f(
    ctx: CheckContext,
    check_id: str,
    case: Case,
    er: EpisodeRecords,
    at: datetime,
    detail: str,
    **kw,
) -> Finding:  # type: ignore[no-untyped-def]
    return make(
        ctx.check(check_id),
        child_id=case.child.id,
        record_type="episode",
        record_id=er.episode.id,
        at=at,
        detail=detail,
        **kw,
    )


def _due(
    ctx: CheckContext,
    check_id: str,
    case: Case,
    er: EpisodeRecords,
    *,
    open_record: bool,
    since: datetime,
    due_at: datetime,
    what: str,
    detail: str,
    **kw,
) -> list[Finding]:  # type: ignore[no-untyped-def]
    """Something due by ``due_at`` and not done: an obligation while the record is open (a
    finding too once overdue), else a finding in the same words."""
    if open_record:
        return ctx.due(
            check_id,
            child_id=case.child.id,
            record_type="episode",
            record_id=er.episode.id,
            since=since,
            due_at=due_at,
            what=what,
            detail=detail,
            **kw,
        )
    f = _f(ctx, check_id, case, er, due_at, detail, **kw)
    f.due_at = due_at
    f.dates["due_at"] = clock.iso(due_at)
    return [f]


def still_missing(er: EpisodeRecords, ctx: CheckContext) -> bool:
    """The child had not been found by the audit date."""
    return er.episode.found_at is None or er.episode.found_at > ctx.as_of


def latest_return(case: Case, er: EpisodeRecords, ctx: CheckContext) -> bool:
    """The child has been found and not gone missing again: the return's follow-ups are open."""
    ep = er.episode
    return (
        ep.found_at is not None
        and ep.found_at <= ctx.as_of
        and not any(ep.reported_at < o.episode.reported_at <= ctx.as_of for o in case.episodes)
    )


@check("MIS-GRADE-LOW", per="episode")
def grade_low(case: Case, er: EpisodeRecords, ctx: CheckContext, a: Assessment) -> list[Finding]:
    """Graded below what the recorded facts support (basis: risk_levels.yml settings)."""
    basis = ctx.risk_levels.settings.grade_low_basis
    if "recorded_factors" in basis:
        for fg in a.by_grading:
            if fg.justified and rank(fg.recorded) < rank(fg.justified):
                ra = next(r for r in er.risk_assessments if r.id == fg.assessment_id)
                words = ", ".join(f'"{t}" ({lv})' for t, lv in fg.factors if lv == fg.justified)
                return [
                    _f(
                        ctx,
                        "MIS-GRADE-LOW",
                        case,
                        er,
                        ra.graded_at,
                        f"Graded {LEVEL_WORDS[fg.recorded]} by {ra.graded_by}, but the risk "
                        f"factors recorded on that grading make it {LEVEL_WORDS[fg.justified]}: "
                        f"{words}.",
                        dates={"graded_at": ra.graded_at},
                        related_ids=[ra.id],
                    )
                ]
    if "case_rules" in basis and a.recorded is not None and rank(a.recorded) < rank(a.rules_grade):
        latest = latest_assessment(er)
        assert latest is not None
        reasons = "; ".join(
            dict.fromkeys(
                f.reason
                for f in a.factors
                if f.grade == a.rules_grade and not f.rule_id.startswith("recorded:")
            )
        )
        return [
            _f(
                ctx,
                "MIS-GRADE-LOW",
                case,
                er,
                latest.graded_at,
                f"Graded {LEVEL_WORDS[a.recorded]}, but the written risk rules make it "
                f"{LEVEL_WORDS[a.rules_grade]}: {reasons}.",
                dates={"graded_at": latest.graded_at},
                related_ids=[latest.id],
            )
        ]
    return []


@check("MIS-NO-APPARENT-RISK", per="episode")
def no_apparent_risk(
    case: Case, er: EpisodeRecords, ctx: CheckContext, a: Assessment
) -> list[Finding]:
    nar = [r for r in er.risk_assessments if r.level == "no_apparent_risk"]
    if not nar:
        return []
    r = nar[0]
    return [
        _f(
            ctx,
            "MIS-NO-APPARENT-RISK",
            case,
            er,
            r.graded_at,
            f'The child was graded "no apparent risk" by {r.graded_by}; a missing child is '
            "always at some risk.",
            dates={"graded_at": r.graded_at},
            related_ids=[x.id for x in nar],
        )
    ]


@check("MIS-GRADE-UNCONFIRMED", per="episode", params=ConfirmParams)
def grade_unconfirmed(
    case: Case, er: EpisodeRecords, ctx: CheckContext, a: Assessment
) -> list[Finding]:
    p = ctx.check("MIS-GRADE-UNCONFIRMED").params()
    late = []
    waiting = []
    for r in er.risk_assessments:
        limit = p.hours_high if r.level == "high" else p.hours_other
        c = r.supervisor_confirmed_at
        if c is None or c > ctx.as_of:
            waiting.append((r, limit))
        elif c - r.graded_at > timedelta(hours=limit):
            late.append((r, limit))
    out: list[Finding] = []
    if waiting:
        r, limit = waiting[-1]  # the latest grade is the one awaiting confirmation
        due = r.graded_at + timedelta(hours=limit)
        out += _due(
            ctx,
            "MIS-GRADE-UNCONFIRMED",
            case,
            er,
            open_record=still_missing(er, ctx),
            since=r.graded_at,
            due_at=due,
            what=f"A supervisor to confirm the {LEVEL_WORDS[r.level]} grade",
            detail=f"The {LEVEL_WORDS[r.level]} grade given at {clock.show(r.graded_at, '%d %b %Y %H:%M')} "
            f"was not confirmed by a supervisor (standard: within {limit:g} hours).",
            dates={"graded_at": r.graded_at, "supervisor_confirmed_at": None},
            related_ids=[x.id for x, _ in waiting],
        )
    if late:
        r, limit = late[0]
        assert r.supervisor_confirmed_at is not None
        out.append(
            _f(
                ctx,
                "MIS-GRADE-UNCONFIRMED",
                case,
                er,
                r.graded_at,
                f"The {LEVEL_WORDS[r.level]} grade given at {clock.show(r.graded_at, '%d %b %Y %H:%M')} was "
                "confirmed by a supervisor "
                f"{hours((r.supervisor_confirmed_at - r.graded_at).total_seconds())} later "
                f"(standard: within {limit:g} hours).",
                dates={
                    "graded_at": r.graded_at,
                    "supervisor_confirmed_at": r.supervisor_confirmed_at,
                },
                related_ids=[x.id for x, _ in late],
            )
        )
    return out


@check("MIS-NO-PROACTIVE-ACTION", per="episode", params=ProactiveParams)
def no_proactive_action(
    case: Case, er: EpisodeRecords, ctx: CheckContext, a: Assessment
) -> list[Finding]:
    p = ctx.check("MIS-NO-PROACTIVE-ACTION").params()
    level = a.highest_recorded or a.grade
    limit = {"high": p.hours_high, "medium": p.hours_medium}.get(level, p.hours_low)
    ep = er.episode
    start, end = ep.reported_at, episode_end(er, ctx.as_of)
    missing = still_missing(er, ctx)
    kinds = {str(k) for k in p.proactive_actions}
    times = sorted(x.at for x in er.actions if x.action_type in kinds and start <= x.at <= end)
    # Gaps that have ended (between the report, each action and the return); while the child
    # is still missing the next action is an obligation, due ``limit`` after the last one.
    points = [start, *times] + ([] if missing else [end])
    out: list[Finding] = []
    if len(points) > 1:
        gap, gap_start = max(
            ((points[i + 1] - points[i]), points[i]) for i in range(len(points) - 1)
        )
        if gap > timedelta(hours=limit):
            out.append(
                _f(
                    ctx,
                    "MIS-NO-PROACTIVE-ACTION",
                    case,
                    er,
                    gap_start,
                    f"No search, enquiry or other active step for {hours(gap.total_seconds())} "
                    f"from {clock.show(gap_start, '%d %b %Y %H:%M')}; for a {LEVEL_WORDS.get(level, level)} "
                    f"episode the standard is at most {limit:g} hours.",
                    dates={
                        "gap_from": gap_start,
                        "gap_to": gap_start + gap,
                        "reported_at": ep.reported_at,
                    },
                    risk=level,
                )
            )
    if missing:
        last = points[-1]
        out += ctx.due(
            "MIS-NO-PROACTIVE-ACTION",
            child_id=case.child.id,
            record_type="episode",
            record_id=ep.id,
            since=last,
            due_at=last + timedelta(hours=limit),
            what="A search, enquiry or other active step",
            detail=f"No search, enquiry or other active step since {clock.show(last, '%d %b %Y %H:%M')} "
            f"(the child is still missing); for a {LEVEL_WORDS.get(level, level)} episode the "
            f"standard is at most {limit:g} hours.",
            dates={"gap_from": last, "reported_at": ep.reported_at},
            risk=level,
        )
    return out


@check("MIS-REPEAT-NO-SCREENING", per="episode", params=RepeatParams)
def repeat_no_screening(
    case: Case, er: EpisodeRecords, ctx: CheckContext, a: Assessment
) -> list[Finding]:
    p = ctx.check("MIS-REPEAT-NO-SCREENING").params()
    window = repeat_window(case, er, p.window_days)
    if len(window) < p.episodes:
        return []
    screened = [
        o
        for o in window
        if (o.episode.exploitation_screening_at is not None)
        or (o.episode.strategy_meeting_at is not None)
    ]
    if screened:
        return []
    return [
        _f(
            ctx,
            "MIS-REPEAT-NO-SCREENING",
            case,
            er,
            er.episode.reported_at,
            f"Missing {len(window)} times in {p.window_days} days (this episode included) with no "
            "exploitation screening or strategy meeting recorded on any of them.",
            dates={"reported_at": er.episode.reported_at},
            related_ids=[o.episode.id for o in window],
        )
    ]


@check("MIS-NO-INPERSON-CHECK", per="episode", params=InPersonParams)
def no_inperson_check(
    case: Case, er: EpisodeRecords, ctx: CheckContext, a: Assessment
) -> list[Finding]:
    ep = er.episode
    if ep.found_at is None or ep.found_at > ctx.as_of:
        return []
    p = ctx.check("MIS-NO-INPERSON-CHECK").params()
    modes = {str(m) for m in p.accepted_modes}
    checks = [c for c in er.safe_and_well_checks if c.at <= ctx.as_of]
    if any(c.mode in modes and c.at >= ep.found_at for c in checks):
        return []
    if checks:
        done = ", ".join(sorted({str(c.mode).replace("_", " ") for c in checks}))
        detail = f"The safe and well check after return was done by {done} only, not face to face."
    else:
        detail = "No safe and well check was recorded after the child returned."
    return _due(
        ctx,
        "MIS-NO-INPERSON-CHECK",
        case,
        er,
        open_record=latest_return(case, er, ctx),
        since=ep.found_at,
        due_at=ep.found_at + timedelta(hours=p.hours),
        what="A face-to-face safe and well check",
        detail=detail,
        dates={"found_at": ep.found_at},
        related_ids=[c.id for c in checks],
    )


@check("MIS-RHI-LATE", per="episode", params=HoursParams)
def rhi_late(case: Case, er: EpisodeRecords, ctx: CheckContext, a: Assessment) -> list[Finding]:
    ep = er.episode
    if ep.found_at is None or ep.found_at > ctx.as_of:
        return []
    p = ctx.check("MIS-RHI-LATE").params()
    offers = [
        t
        for r in er.return_home_interviews
        for t in ([r.offered_at] if r.offered_at else ([r.done_at] if r.done_at else []))
        if t <= ctx.as_of
    ]
    first = min(offers) if offers else None
    limit = timedelta(hours=p.hours)
    if first is not None and first - ep.found_at <= limit:
        return []
    if first is None:
        return _due(
            ctx,
            "MIS-RHI-LATE",
            case,
            er,
            open_record=latest_return(case, er, ctx),
            since=ep.found_at,
            due_at=ep.found_at + limit,
            what="A return home interview to be offered",
            detail="No return home interview was offered after the child was found.",
            dates={"found_at": ep.found_at, "offered_at": None},
            related_ids=[r.id for r in er.return_home_interviews],
        )
    detail = (
        f"The return home interview was offered {hours((first - ep.found_at).total_seconds())} "
        f"after the child was found (standard: within {p.hours:g} hours)."
    )
    return [
        _f(
            ctx,
            "MIS-RHI-LATE",
            case,
            er,
            ep.found_at,
            detail,
            dates={"found_at": ep.found_at, "offered_at": first},
            related_ids=[r.id for r in er.return_home_interviews],
        )
    ]


def check_episode(
    case: Case, er: EpisodeRecords, ctx: CheckContext
) -> tuple[Assessment, list[Finding]]:
    """Assess the episode's grade and run every registered episode check on it."""
    a = assess_episode(case, er, ctx.risk_levels, ctx.indicators_by_note, ctx.as_of)
    out: list[Finding] = []
    for spec in checks_per("episode", [c.id for c in ctx.standards.checks]):
        out.extend(spec.func(case, er, ctx, a))
    return a, out

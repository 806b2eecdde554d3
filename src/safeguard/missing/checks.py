"""The MIS-* checks: one function per check, each returning the findings for one episode."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from safeguard.audit.context import CheckContext
from safeguard.audit.finding import Finding, hours, make
from safeguard.missing.grading import Assessment, assess_episode, episode_end, repeat_window
from safeguard.records.case import Case, EpisodeRecords
from safeguard.standards.risk_levels import rank

LEVEL_WORDS = {
    "high": "high risk",
    "medium": "medium risk",
    "low": "low risk",
    "no_apparent_risk": "no apparent risk",
}


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
        latest = max(er.risk_assessments, key=lambda r: r.graded_at)
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


def grade_unconfirmed(
    case: Case, er: EpisodeRecords, ctx: CheckContext, a: Assessment
) -> list[Finding]:
    p = ctx.check("MIS-GRADE-UNCONFIRMED").params()
    late = []
    for r in er.risk_assessments:
        limit = p.hours_high if r.level == "high" else p.hours_other
        c = r.supervisor_confirmed_at
        if c is None or c - r.graded_at > timedelta(hours=limit):
            late.append((r, limit))
    if not late:
        return []
    r, limit = late[0]
    if r.supervisor_confirmed_at is None:
        what = "was never confirmed by a supervisor"
    else:
        what = (
            "was confirmed by a supervisor "
            f"{hours((r.supervisor_confirmed_at - r.graded_at).total_seconds())} later"
        )
    return [
        _f(
            ctx,
            "MIS-GRADE-UNCONFIRMED",
            case,
            er,
            r.graded_at,
            f"The {LEVEL_WORDS[r.level]} grade given at {r.graded_at:%d %b %Y %H:%M} {what} "
            f"(standard: within {limit:g} hours).",
            dates={"graded_at": r.graded_at, "supervisor_confirmed_at": r.supervisor_confirmed_at},
            related_ids=[x.id for x, _ in late],
        )
    ]


def no_proactive_action(
    case: Case, er: EpisodeRecords, ctx: CheckContext, a: Assessment
) -> list[Finding]:
    p = ctx.check("MIS-NO-PROACTIVE-ACTION").params()
    level = a.highest_recorded or a.grade
    limit = {"high": p.hours_high, "medium": p.hours_medium}.get(level, p.hours_low)
    ep = er.episode
    start, end = ep.reported_at, episode_end(er, ctx.as_of)
    kinds = {str(k) for k in p.proactive_actions}
    times = sorted(x.at for x in er.actions if x.action_type in kinds and start <= x.at <= end)
    points = [start, *times, end]
    worst = max(((points[i + 1] - points[i]), points[i]) for i in range(len(points) - 1))
    gap, gap_start = worst
    if gap <= timedelta(hours=limit):
        return []
    still = "" if ep.found_at else " (the child is still missing)"
    return [
        _f(
            ctx,
            "MIS-NO-PROACTIVE-ACTION",
            case,
            er,
            gap_start,
            f"No search, enquiry or other active step for {hours(gap.total_seconds())} from "
            f"{gap_start:%d %b %Y %H:%M}{still}; for a {LEVEL_WORDS.get(level, level)} episode "
            f"the standard is at most {limit:g} hours.",
            dates={"gap_from": gap_start, "gap_to": gap_start + gap, "reported_at": ep.reported_at},
        )
    ]


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


def no_inperson_check(
    case: Case, er: EpisodeRecords, ctx: CheckContext, a: Assessment
) -> list[Finding]:
    ep = er.episode
    if ep.found_at is None:
        return []
    p = ctx.check("MIS-NO-INPERSON-CHECK").params()
    modes = {str(m) for m in p.accepted_modes}
    if any(c.mode in modes and c.at >= ep.found_at for c in er.safe_and_well_checks):
        return []
    if er.safe_and_well_checks:
        done = ", ".join(sorted({str(c.mode).replace("_", " ") for c in er.safe_and_well_checks}))
        detail = f"The safe and well check after return was done by {done} only, not face to face."
    else:
        detail = "No safe and well check was recorded after the child returned."
    return [
        _f(
            ctx,
            "MIS-NO-INPERSON-CHECK",
            case,
            er,
            ep.found_at,
            detail,
            dates={"found_at": ep.found_at},
            related_ids=[c.id for c in er.safe_and_well_checks],
        )
    ]


def rhi_late(case: Case, er: EpisodeRecords, ctx: CheckContext, a: Assessment) -> list[Finding]:
    ep = er.episode
    if ep.found_at is None:
        return []
    p = ctx.check("MIS-RHI-LATE").params()
    offers = [
        t
        for r in er.return_home_interviews
        for t in ([r.offered_at] if r.offered_at else ([r.done_at] if r.done_at else []))
    ]
    first = min(offers) if offers else None
    limit = timedelta(hours=p.hours)
    if first is not None and first - ep.found_at <= limit:
        return []
    if first is None:
        detail = "No return home interview was offered after the child was found."
    else:
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


CHECKS: list[Callable[[Case, EpisodeRecords, CheckContext, Assessment], list[Finding]]] = [
    grade_low,
    no_apparent_risk,
    grade_unconfirmed,
    no_proactive_action,
    repeat_no_screening,
    no_inperson_check,
    rhi_late,
]


def check_episode(
    case: Case, er: EpisodeRecords, ctx: CheckContext
) -> tuple[Assessment, list[Finding]]:
    """Assess the episode's grade and run every MIS-* check on it."""
    a = assess_episode(case, er, ctx.risk_levels, ctx.indicators_by_note, ctx.as_of)
    out: list[Finding] = []
    for check in CHECKS:
        out.extend(check(case, er, ctx, a))
    return a, out

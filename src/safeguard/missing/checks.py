"""The MIS-* checks: one function per check, each returning the findings for one episode.

Each is registered with :func:`safeguard.engine.registry.check` beside its parameter model.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from pydantic import Field

from safeguard.engine.context import CheckContext
from safeguard.engine.finding import Evidence, Finding, make
from safeguard.engine.registry import HoursParams, Params, check, checks_per
from safeguard.missing.activity import activity_spans
from safeguard.missing.grading import (
    Assessment,
    assess_episode,
    episode_end,
    latest_assessment,
    repeat_window,
)
from safeguard.people import is_supervisor, rank_of, same_person
from safeguard.records import clock
from safeguard.records.case import Case, EpisodeRecords
from safeguard.records.schema import ActionType, CheckMode, RiskAssessment, SafeAndWellCheck
from safeguard.standards.risk_levels import rank
from safeguard.timing import duration_words, elapsed, hours_words, shift, uncovered, when_words

MODE_WORDS = {"in_person": "in person", "video": "by video call", "phone": "by phone"}

LEVEL_WORDS = {
    "high": "high risk",
    "medium": "medium risk",
    "low": "low risk",
    "no_apparent_risk": "no apparent risk",
}


class ConfirmParams(Params):
    hours_high: float = Field(gt=0)
    hours_other: float = Field(gt=0)
    #: Ranks or roles (as written before an officer's number, "PS 3318") of supervisors: a
    #: new grading by one of them reviews the grade it replaces.
    supervisor_ranks: list[str] = Field(min_length=1)
    #: Ranks below a supervisor's: a confirmation recorded on the grading by someone written
    #: with one of them ("PC 6120") is not a supervisor's confirmation
    not_supervisor_ranks: list[str] = Field(default_factory=list)
    #: Words in a supervisor's note that confirm the grade (regular expressions, ignoring case).
    confirm_words: list[str] = Field(default_factory=list)


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
    #: Minutes either side of a check in which the checking officer's notes are read for it.
    note_minutes: int = Field(ge=0)
    #: Words in the checking officer's note that show the child was not seen (regular
    #: expressions, matched ignoring case), and words that show the child was seen.
    not_seen_words: list[str] = Field(default_factory=list)
    seen_words: list[str] = Field(default_factory=list)


def _f(
    ctx: CheckContext,
    check_id: str,
    case: Case,
    er: EpisodeRecords,
    at: datetime,
    detail: str,
    **kw,
) -> Finding:
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
) -> list[Finding]:
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


def _corrected(er: EpisodeRecords, graded_at: datetime, level: str, within_hours: float) -> bool:
    """A later grading raised the grade to ``level`` or above within ``within_hours``."""
    return any(
        r.graded_at > graded_at
        and rank(r.level) >= rank(level)
        and elapsed(graded_at, r.graded_at) <= timedelta(hours=within_hours)
        for r in er.risk_assessments
    )


def _quoted(words: list[str], limit: int = 6) -> str:
    return ", ".join(f'"{w}"' for w in list(dict.fromkeys(words))[:limit])


@check("MIS-GRADE-LOW", per="episode")
def grade_low(case: Case, er: EpisodeRecords, ctx: CheckContext, a: Assessment) -> list[Finding]:
    """Graded below what the officer's own record supports (basis: risk_levels.yml settings).

    A grading is judged on what was recorded with it: its risk factors and, with the
    ``rationale`` basis, the officer's own account read with the exploitation indicator rules.
    "No apparent risk" where low is justified is left to its own standard, and a grade that
    supervision raised promptly was corrected, not left too low.
    """
    rl = ctx.risk_levels
    st = rl.settings
    basis = st.grade_low_basis
    if "recorded_factors" in basis or "rationale" in basis:
        for fg in a.by_grading:
            if not fg.justified or rank(fg.recorded) >= rank(fg.justified):
                continue
            if fg.recorded == "no_apparent_risk" and rank(fg.justified) <= rank(rl.baseline):
                continue  # MIS-NO-APPARENT-RISK is that finding
            ra = next(r for r in er.risk_assessments if r.id == fg.assessment_id)
            if _corrected(er, ra.graded_at, fg.justified, st.grade_corrected_within_hours):
                continue
            why = []
            factors = [t for t, lv in fg.factors if lv == fg.justified]
            if factors:
                why.append(f"the risk factors recorded with it ({_quoted(factors)})")
            r = fg.rationale_rule
            if r is not None and r.grade == fg.justified:
                why.append(
                    f"{r.reason} ({_quoted([i.words for i in fg.signs])})" if fg.signs else r.reason
                )
            return [
                _f(
                    ctx,
                    "MIS-GRADE-LOW",
                    case,
                    er,
                    ra.graded_at,
                    f"Graded {LEVEL_WORDS[fg.recorded]} by {ra.graded_by}, but "
                    f"{' and '.join(why)}, which makes it {LEVEL_WORDS[fg.justified]}.",
                    dates={"graded_at": ra.graded_at},
                    related_ids=[ra.id],
                    evidence=[
                        Evidence(
                            note_id=i.note_id,
                            written_at=i.written_at,
                            span=i.span,
                            rule=i.rule_id,
                            category=i.category,
                            why=i.why,
                        )
                        for i in fg.signs
                        if r is not None and r.grade == fg.justified
                    ],
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


def _confirmed_in_a_note(
    er: EpisodeRecords, r: RiskAssessment, p: ConfirmParams
) -> datetime | None:
    """When a supervisor's note on the episode, after the grading, first confirmed it."""
    times = [
        n.written_at
        for n in er.notes
        if n.written_at >= r.graded_at
        and is_supervisor(n.author, n.author_role, p.supervisor_ranks)
        and any(re.search(w, n.text, re.I) for w in p.confirm_words)
    ]
    return min(times) if times else None


def _reviewed_by_regrade(
    er: EpisodeRecords, r: RiskAssessment, limit: float, ranks: list[str]
) -> RiskAssessment | None:
    """A later grading by a supervisor, within the limit, that reviewed (replaced) ``r``."""
    for later in sorted(er.risk_assessments, key=lambda x: x.graded_at):
        if (
            later.graded_at > r.graded_at
            and elapsed(r.graded_at, later.graded_at) <= timedelta(hours=limit)
            and is_supervisor(later.graded_by, None, ranks)
        ):
            return later
    return None


@check("MIS-GRADE-UNCONFIRMED", per="episode", params=ConfirmParams)
def grade_unconfirmed(
    case: Case, er: EpisodeRecords, ctx: CheckContext, a: Assessment
) -> list[Finding]:
    """Each grade needs a supervisor's confirmation within its limit: recorded on the grading
    (unless the person it names holds a rank below a supervisor's, "PC 6120"), or written in a
    supervisor's note on the episode ("Risk reviewed. Agree HIGH"). A grade a supervisor
    replaced by a new grading within the limit was reviewed too."""
    p = ctx.check("MIS-GRADE-UNCONFIRMED").params()
    late = []
    waiting = []
    below = {x.lower() for x in p.not_supervisor_ranks}
    for r in er.risk_assessments:
        limit = p.hours_high if r.level == "high" else p.hours_other
        # the grading's own confirmation field, unless it names a constable or staff member
        c = r.supervisor_confirmed_at if rank_of(r.supervisor_confirmed_by) not in below else None
        noted = _confirmed_in_a_note(er, r, p)
        if noted is not None and (c is None or noted < c):
            c = noted
        if c is not None and c <= ctx.as_of and elapsed(r.graded_at, c) <= timedelta(hours=limit):
            continue
        if _reviewed_by_regrade(er, r, limit, p.supervisor_ranks) is not None:
            continue
        if c is None or c > ctx.as_of:
            waiting.append((r, limit))
        else:
            late.append((r, limit, c))
    out: list[Finding] = []
    if waiting:
        r, limit = waiting[-1]  # the latest grade is the one awaiting confirmation
        due = shift(r.graded_at, timedelta(hours=limit))
        out += _due(
            ctx,
            "MIS-GRADE-UNCONFIRMED",
            case,
            er,
            open_record=still_missing(er, ctx),
            since=r.graded_at,
            due_at=due,
            what=f"A supervisor to confirm the {LEVEL_WORDS[r.level]} grade",
            detail=f"The {LEVEL_WORDS[r.level]} grade given at {when_words(r.graded_at)} "
            f"was never confirmed by a supervisor (standard: within {hours_words(limit)})"
            + (
                f"; the confirmation recorded on it is by {r.supervisor_confirmed_by}, who is "
                "not a supervisor."
                if r.supervisor_confirmed_at is not None
                and rank_of(r.supervisor_confirmed_by) in below
                else "."
            ),
            dates={"graded_at": r.graded_at, "supervisor_confirmed_at": None},
            related_ids=[x.id for x, _ in waiting],
        )
    if late:
        r, limit, confirmed = late[0]
        took = elapsed(r.graded_at, confirmed)
        out.append(
            _f(
                ctx,
                "MIS-GRADE-UNCONFIRMED",
                case,
                er,
                r.graded_at,
                f"The {LEVEL_WORDS[r.level]} grade given at {when_words(r.graded_at)} was "
                f"confirmed by a supervisor only {duration_words(took)} later "
                f"(standard: within {hours_words(limit)}).",
                dates={"graded_at": r.graded_at, "supervisor_confirmed_at": confirmed},
                related_ids=[x.id for x, _, _ in late],
            )
        )
    return out


def _grade_at(er: EpisodeRecords, t: datetime, fallback: str) -> str:
    """The grade in force at ``t``: the latest grading at or before it (else the first)."""
    ras = sorted(er.risk_assessments, key=lambda r: (r.graded_at, r.id))
    if not ras:
        return fallback
    before = [r for r in ras if r.graded_at <= t]
    return (before[-1] if before else ras[0]).level


@check("MIS-NO-PROACTIVE-ACTION", per="episode", params=ProactiveParams)
def no_proactive_action(
    case: Case, er: EpisodeRecords, ctx: CheckContext, a: Assessment
) -> list[Finding]:
    """The longest time with no line of enquiry under way, against the limit for the grade in
    force at the time. Activity lasts: a search or a CCTV review covers its whole span
    (:mod:`safeguard.missing.activity`)."""
    p = ctx.check("MIS-NO-PROACTIVE-ACTION").params()
    limits = {"high": p.hours_high, "medium": p.hours_medium}

    def limit_of(level: str) -> float:
        return limits.get(level, p.hours_low)

    ep = er.episode
    start, end = ep.reported_at, episode_end(er, ctx.as_of)
    missing = still_missing(er, ctx)
    kinds = {str(k) for k in p.proactive_actions}
    spans = [
        sp
        for sp in activity_spans(er.actions, kinds, ep.found_at)
        if sp.end >= start and sp.start <= end
    ]
    # Stretches with nothing under way, split where the grade changed: each piece is judged
    # against the limit of the grade in force during it.
    regrades = sorted(
        r.graded_at
        for r in er.risk_assessments
        if start < r.graded_at < end
        and r.level != _grade_at(er, r.graded_at - timedelta(seconds=1), r.level)
    )
    pieces: list[tuple[datetime, datetime, str]] = []
    for gap_from, gap_to in uncovered(start, end, [(sp.start, sp.end) for sp in spans]):
        cuts = [gap_from, *[t for t in regrades if gap_from < t < gap_to], gap_to]
        for x, y in zip(cuts, cuts[1:], strict=False):
            pieces.append((x, y, _grade_at(er, x, a.grade)))
    out: list[Finding] = []
    last_piece = pieces[-1] if pieces and missing and pieces[-1][1] == end else None
    over = [
        (elapsed(x, y) - timedelta(hours=limit_of(lv)), x, y, lv)
        for x, y, lv in pieces
        if (x, y, lv) != last_piece and elapsed(x, y) > timedelta(hours=limit_of(lv))
    ]
    if over:
        level_rank = {lv: i for i, lv in enumerate(("no_apparent_risk", "low", "medium", "high"))}
        _, x, y, lv = max(over, key=lambda o: (level_rank.get(o[3], 0), o[0]))
        out.append(
            _f(
                ctx,
                "MIS-NO-PROACTIVE-ACTION",
                case,
                er,
                x,
                f"Nothing was under way to find the child for {duration_words(elapsed(x, y))}, "
                f"from {when_words(x)} to {when_words(y)}, while graded {LEVEL_WORDS.get(lv, lv)} "
                f"(standard: no more than {hours_words(limit_of(lv))} without a search, enquiry "
                "or other active step).",
                dates={"gap_from": x, "gap_to": y, "reported_at": ep.reported_at},
                risk=lv,
            )
        )
    if missing:
        level = _grade_at(er, end, a.grade)
        last = last_piece[0] if last_piece else max([start, *[sp.end for sp in spans]])
        limit = limit_of(level)
        out += ctx.due(
            "MIS-NO-PROACTIVE-ACTION",
            child_id=case.child.id,
            record_type="episode",
            record_id=ep.id,
            since=last,
            due_at=shift(last, timedelta(hours=limit)),
            what="A search, enquiry or other active step",
            detail=f"Nothing has been under way to find the child since {when_words(last)} "
            f"(the child is still missing); for a {LEVEL_WORDS.get(level, level)} episode the "
            f"standard is no more than {hours_words(limit)} without an active step.",
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


def _not_seen(er: EpisodeRecords, c: SafeAndWellCheck, p: InPersonParams) -> str | None:
    """Why a check logged as face to face did not see the child, or None."""
    if c.child_seen is False:
        return "the record says the child was not seen"
    window = timedelta(minutes=p.note_minutes)
    for n in er.notes:
        if not same_person(n.author, c.officer):
            continue
        if abs(elapsed(c.at, n.written_at)) > window:
            continue
        text = n.text
        hit = next((m for w in p.not_seen_words if (m := re.search(w, text, re.I))), None)
        if hit and not any(re.search(w, text, re.I) for w in p.seen_words):
            return f'the officer\'s note says "{hit.group(0)}"'
    return None


@check("MIS-NO-INPERSON-CHECK", per="episode", params=InPersonParams)
def no_inperson_check(
    case: Case, er: EpisodeRecords, ctx: CheckContext, a: Assessment
) -> list[Finding]:
    """A face-to-face check that sees the child within the hours after return. A check logged
    as in person whose own note shows the officer never saw the child does not count; one that
    saw the child after the hours is late."""
    ep = er.episode
    if ep.found_at is None or ep.found_at > ctx.as_of:
        return []
    p = ctx.check("MIS-NO-INPERSON-CHECK").params()
    modes = {str(m) for m in p.accepted_modes}
    limit = timedelta(hours=p.hours)
    checks = [c for c in er.safe_and_well_checks if c.at <= ctx.as_of]
    unseen: list[str] = []
    late = None  # the first face-to-face check that saw the child, after the hours
    for c in sorted(checks, key=lambda c: c.at):
        if c.mode in modes and c.at >= ep.found_at:
            why = _not_seen(er, c, p)
            if why is None:
                if elapsed(ep.found_at, c.at) <= limit:
                    return []
                late = late or c
                continue
            unseen.append(why)
    if late is not None:
        return [
            _f(
                ctx,
                "MIS-NO-INPERSON-CHECK",
                case,
                er,
                ep.found_at,
                "The face-to-face safe and well check was done "
                f"{duration_words(elapsed(ep.found_at, late.at))} after the child was found "
                f"(standard: within {hours_words(p.hours)}).",
                dates={"found_at": ep.found_at, "checked_at": late.at},
                related_ids=[c.id for c in checks],
            )
        ]
    if unseen:
        detail = (
            "The safe and well check was logged as face to face, but "
            f"{unseen[0]}: the child was not seen."
        )
    elif checks:
        done = " and ".join(sorted({MODE_WORDS.get(str(c.mode), str(c.mode)) for c in checks}))
        detail = f"The safe and well check after return was done {done} only, not face to face."
    else:
        detail = "No safe and well check was recorded after the child returned."
    return _due(
        ctx,
        "MIS-NO-INPERSON-CHECK",
        case,
        er,
        open_record=latest_return(case, er, ctx),
        since=ep.found_at,
        due_at=shift(ep.found_at, timedelta(hours=p.hours)),
        what="A face-to-face safe and well check",
        detail=detail,
        dates={"found_at": ep.found_at},
        related_ids=[c.id for c in checks],
    )


@check("MIS-RHI-LATE", per="episode", params=HoursParams)
def rhi_late(case: Case, er: EpisodeRecords, ctx: CheckContext, a: Assessment) -> list[Finding]:
    """A return home interview offered within the limit after return. The standard is the
    offer: one the child declined, or one done, was offered."""
    ep = er.episode
    if ep.found_at is None or ep.found_at > ctx.as_of:
        return []
    p = ctx.check("MIS-RHI-LATE").params()
    offers = [
        t
        for r in er.return_home_interviews
        for t in [r.offered_at or r.declined_at or r.done_at]
        if t is not None and t <= ctx.as_of
    ]
    first = min(offers) if offers else None
    limit = timedelta(hours=p.hours)
    if first is not None and elapsed(ep.found_at, first) <= limit:
        return []
    if first is None:
        why = next(
            (r.not_offered_reason for r in er.return_home_interviews if r.not_offered_reason), None
        )
        return _due(
            ctx,
            "MIS-RHI-LATE",
            case,
            er,
            open_record=latest_return(case, er, ctx),
            since=ep.found_at,
            due_at=shift(ep.found_at, limit),
            what="A return home interview to be offered",
            detail="No return home interview was offered after the child was found"
            + (f' (reason recorded: "{why}")' if why else "")
            + f" (standard: offered within {hours_words(p.hours)} of return).",
            dates={"found_at": ep.found_at, "offered_at": None},
            related_ids=[r.id for r in er.return_home_interviews],
        )
    detail = (
        f"The return home interview was first offered {duration_words(elapsed(ep.found_at, first))} "
        f"after the child was found (standard: within {hours_words(p.hours)})."
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

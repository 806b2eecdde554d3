"""The INV-* checks: one function per check, each returning the findings for one investigation.

Each is registered with :func:`safeguard.engine.registry.check` beside its parameter model.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import Field

from safeguard.engine.context import CheckContext
from safeguard.engine.finding import Finding, make
from safeguard.engine.registry import DaysParams, HoursParams, NoParams, Params, check, checks_per
from safeguard.records import clock
from safeguard.records.case import Case, InvestigationRecords
from safeguard.records.schema import DisruptionType, Referral, Suspect
from safeguard.timing import (
    date_words,
    days_words,
    duration_words,
    elapsed,
    hours_words,
    local,
    working_day_deadline,
)


class DisruptionParams(Params):
    disruption_actions: list[DisruptionType] = Field(min_length=1)


class WorkingDaysParams(Params):
    working_days: int = Field(ge=1)


class ReferralParams(Params):
    #: Words in a referral's service that show it is not a referral to support for the victim
    #: (used when the referral's type is not recorded), matched ignoring case.
    not_support_words: list[str] = Field(default_factory=list)


WHO = {
    "child": "the child",
    "parent_carer": "the parent or carer",
    "social_worker": "the social worker",
    "care_home": "the care home",
    "other_professional": "another professional",
}
REPORTER_WORDS = {
    "child": "the child",
    "parent_carer": "a parent or carer",
    "school": "the school",
    "social_care": "social care",
    "health": "a health professional",
    "police": "the police",
    "other_third_party": "someone other than the child",
}
DECISION_WORDS = {
    "arrest": "arrest",
    "interview": "interview",
    "bail": "bail",
    "charge": "charge",
    "no_further_action": "decision to take no further action",
    "release_under_investigation": "release under investigation",
}


def stands_for(who: str, case: Case) -> set[str]:
    """Who an update to ``who`` may go to: for a child in care, the carers are the care home
    (or foster carers) and the local authority, so an update to them is the update to the
    parent or carer."""
    if who == "parent_carer" and case.child.in_care:
        return {who, "care_home", "social_worker"}
    return {who}


def calendar_days(a: datetime, b: datetime) -> int:
    """Whole calendar days from ``a`` to ``b`` in force-local time (3 Mar 23:00 to 4 Mar
    01:00 is one day): "at least every 28 days" is counted in days, not hours."""
    return (local(b).date() - local(a).date()).days


def end_of_day_after(t: datetime, days: int) -> datetime:
    """The last moment of the day ``days`` calendar days after ``t`` (force-local)."""
    from safeguard.timing import from_local

    d = local(t).date() + timedelta(days=days)
    return from_local(datetime(d.year, d.month, d.day, 23, 59, 59))


def _f(
    ctx: CheckContext,
    check_id: str,
    case: Case,
    ir: InvestigationRecords,
    at: datetime,
    detail: str,
    **kw,
) -> Finding:
    return make(
        ctx.check(check_id),
        child_id=case.child.id,
        record_type="investigation",
        record_id=ir.investigation.id,
        at=at,
        detail=detail,
        **kw,
    )


def _due(
    ctx: CheckContext,
    check_id: str,
    case: Case,
    ir: InvestigationRecords,
    *,
    since: datetime,
    due_at: datetime,
    what: str,
    detail: str,
    **kw,
) -> list[Finding]:
    """Something due by ``due_at`` and not done: an obligation while the investigation is
    open (a finding too once overdue), else a finding in the same words."""
    if is_open(ir, ctx.as_of):
        return ctx.due(
            check_id,
            child_id=case.child.id,
            record_type="investigation",
            record_id=ir.investigation.id,
            since=since,
            due_at=due_at,
            what=what,
            detail=detail,
            **kw,
        )
    f = _f(ctx, check_id, case, ir, due_at, detail, **kw)
    f.due_at = due_at
    f.dates["due_at"] = clock.iso(due_at)
    return [f]


def _suspect_words(s: Suspect) -> str:
    """ " (aged 24, not located)" from what is recorded about a suspect."""
    bits = []
    if getattr(s, "age", None) is not None:
        bits.append(f"aged {s.age}")
    if getattr(s, "located", None) is False:
        bits.append("not located")
    return f" ({', '.join(bits)})" if bits else ""


def is_open(ir: InvestigationRecords, as_of: datetime) -> bool:
    """The investigation was still open at ``as_of``."""
    inv = ir.investigation
    return inv.outcome == "open" or inv.outcome_at is None or inv.outcome_at > as_of


def open_until(ir: InvestigationRecords, as_of: datetime) -> datetime:
    """When the investigation closed (its outcome date), or the audit date while still open."""
    inv = ir.investigation
    if inv.outcome != "open" and inv.outcome_at is not None and inv.outcome_at <= as_of:
        return inv.outcome_at
    return as_of


def _recorded_in_time(
    ctx: CheckContext,
    check_id: str,
    case: Case,
    ir: InvestigationRecords,
    recorded_at: datetime | None,
    *,
    field: str,
    what: str,
    the: str,
    never: str,
) -> list[Finding]:
    """A step the standard wants recorded within its days of the report (an investigation
    plan, a needs assessment): due while it may still come, a finding when it came late or
    never did. ``field`` names the record's time; ``what`` is the step as a due item ("An
    investigation plan"), ``the`` the step in a sentence ("The investigation plan"); ``never``
    says it was not recorded."""
    p = ctx.check(check_id).params()
    inv = ir.investigation
    at = recorded_at if recorded_at is not None and recorded_at <= ctx.as_of else None
    if at is not None and at - inv.reported_at <= timedelta(days=p.days):
        return []
    if at is None:
        return _due(
            ctx,
            check_id,
            case,
            ir,
            since=inv.reported_at,
            due_at=inv.reported_at + timedelta(days=p.days),
            what=what,
            detail=never,
            dates={"reported_at": inv.reported_at, field: None},
        )
    detail = (
        f"{the} was recorded {duration_words(elapsed(inv.reported_at, at))} after the report "
        f"(standard: within {days_words(p.days)})."
    )
    return [
        _f(
            ctx,
            check_id,
            case,
            ir,
            inv.reported_at,
            detail,
            dates={"reported_at": inv.reported_at, field: at},
        )
    ]


@check("INV-NO-PLAN", per="investigation", params=DaysParams)
def no_plan(case: Case, ir: InvestigationRecords, ctx: CheckContext) -> list[Finding]:
    return _recorded_in_time(
        ctx,
        "INV-NO-PLAN",
        case,
        ir,
        ir.investigation.plan_recorded_at,
        field="plan_recorded_at",
        what="An investigation plan",
        the="The investigation plan",
        never="No investigation plan was recorded.",
    )


@check("INV-NO-SUPERVISOR-REVIEW", per="investigation", params=DaysParams)
def no_supervisor_review(case: Case, ir: InvestigationRecords, ctx: CheckContext) -> list[Finding]:
    p = ctx.check("INV-NO-SUPERVISOR-REVIEW").params()
    inv = ir.investigation
    limit = timedelta(days=p.days)
    reviews = sorted(r.reviewed_at for r in ir.supervisor_reviews if r.reviewed_at <= ctx.as_of)
    out: list[Finding] = []
    if not reviews:
        out += _due(
            ctx,
            "INV-NO-SUPERVISOR-REVIEW",
            case,
            ir,
            since=inv.reported_at,
            due_at=inv.reported_at + limit,
            what="A supervisor review of the investigation",
            detail="No supervisor review of the investigation was recorded.",
            dates={"reported_at": inv.reported_at},
        )
        return out
    points = [inv.reported_at, *reviews]
    gaps = [(points[i + 1] - points[i], points[i], points[i + 1]) for i in range(len(points) - 1)]
    gap, a, b = max(gaps)
    if gap > limit:
        what = "the report and the first review" if a == inv.reported_at else "two reviews"
        out.append(
            _f(
                ctx,
                "INV-NO-SUPERVISOR-REVIEW",
                case,
                ir,
                a,
                f"{duration_words(gap)} passed between {what} (standard: at most "
                f"{days_words(p.days)}).",
                dates={"from": a, "to": b},
                related_ids=[r.id for r in ir.supervisor_reviews],
            )
        )
    if is_open(ir, ctx.as_of):
        last = reviews[-1]
        out += ctx.due(
            "INV-NO-SUPERVISOR-REVIEW",
            child_id=case.child.id,
            record_type="investigation",
            record_id=inv.id,
            since=last,
            due_at=last + limit,
            what="The next supervisor review of the investigation",
            detail=f"No supervisor review since {date_words(last)} while the investigation is open "
            f"(standard: at most {p.days} days between reviews).",
            dates={"from": last},
            related_ids=[r.id for r in ir.supervisor_reviews],
        )
    return out


@check("INV-SLOW-FIRST-ACTION", per="investigation", params=HoursParams)
def slow_first_action(case: Case, ir: InvestigationRecords, ctx: CheckContext) -> list[Finding]:
    p = ctx.check("INV-SLOW-FIRST-ACTION").params()
    inv = ir.investigation
    first = (
        inv.first_action_at if inv.first_action_at and inv.first_action_at <= ctx.as_of else None
    )
    if first is not None and first - inv.reported_at <= timedelta(hours=p.hours):
        return []
    if first is None:
        return _due(
            ctx,
            "INV-SLOW-FIRST-ACTION",
            case,
            ir,
            since=inv.reported_at,
            due_at=inv.reported_at + timedelta(hours=p.hours),
            what="A first action on the report",
            detail="No first action was recorded after the report.",
            dates={"reported_at": inv.reported_at, "first_action_at": None},
        )
    detail = (
        f"The first action came {duration_words(elapsed(inv.reported_at, first))} after the "
        f"report (standard: within {hours_words(p.hours)})."
    )
    return [
        _f(
            ctx,
            "INV-SLOW-FIRST-ACTION",
            case,
            ir,
            inv.reported_at,
            detail,
            dates={"reported_at": inv.reported_at, "first_action_at": first},
        )
    ]


@check("INV-SUSPECT-NOT-DISRUPTED", per="investigation", params=DisruptionParams)
def suspect_not_disrupted(case: Case, ir: InvestigationRecords, ctx: CheckContext) -> list[Finding]:
    p = ctx.check("INV-SUSPECT-NOT-DISRUPTED").params()
    kinds = {str(k) for k in p.disruption_actions}
    out = []
    for sr in ir.suspects:
        s = sr.suspect
        age = getattr(s, "age", None)
        adult = s.is_adult if age is None else age >= 18
        if not adult or any(d.action_type in kinds for d in sr.disruptions):
            continue
        out.append(
            _f(
                ctx,
                "INV-SUSPECT-NOT-DISRUPTED",
                case,
                ir,
                s.identified_at,
                f"An adult suspect{_suspect_words(s)}, identified {date_words(s.identified_at)}, "
                "has no disruption "
                "recorded (such as a Child Abduction Warning Notice, arrest or charge).",
                dates={"identified_at": s.identified_at},
                related_ids=[s.id],
            )
        )
    return out


def _contact_gap(
    case: Case, ir: InvestigationRecords, ctx: CheckContext, who: str, check_id: str
) -> list[Finding]:
    p = ctx.check(check_id).params()
    inv = ir.investigation
    still_open = is_open(ir, ctx.as_of)
    end = open_until(ir, ctx.as_of)
    same = stands_for(who, case)
    times = sorted(
        c.at for c in ir.contacts if c.contact_with in same and inv.reported_at <= c.at <= end
    )
    # Gaps that have ended; while the investigation is open the next contact is an obligation.
    points = [inv.reported_at, *times] + ([] if still_open else [end])
    out: list[Finding] = []
    days = 0  # the longest ended gap, in days
    if len(points) > 1:
        days, a, b = max(
            (calendar_days(points[i], points[i + 1]), points[i], points[i + 1])
            for i in range(len(points) - 1)
        )
        if days > p.days:
            out.append(
                _f(
                    ctx,
                    check_id,
                    case,
                    ir,
                    a,
                    f"No contact with {WHO[who]} for {days_words(days)}, from {date_words(a)} "
                    f"to {date_words(b)} (standard: at least every {days_words(p.days)} while "
                    "the investigation is open).",
                    dates={"from": a, "to": b},
                )
            )
    if still_open:
        last = points[-1]
        overdue = ctx.due(
            check_id,
            child_id=case.child.id,
            record_type="investigation",
            record_id=inv.id,
            since=last,
            due_at=end_of_day_after(last, p.days),
            what=f"An update to {WHO[who]}",
            detail=f"No contact with {WHO[who]} since {date_words(last)} (the investigation is "
            f"still open; standard: at least every {days_words(p.days)}).",
            dates={"from": last},
        )
        # One finding per investigation and standard, as an inspector records it: when an
        # ended gap and the open one both broke it, the longer says it (the open one stays on
        # the queue as overdue either way).
        if overdue and (not out or calendar_days(last, ctx.as_of) > days):
            out = overdue
    return out


@check("INV-CHILD-NOT-UPDATED", per="investigation", params=DaysParams)
def child_not_updated(case: Case, ir: InvestigationRecords, ctx: CheckContext) -> list[Finding]:
    return _contact_gap(case, ir, ctx, "child", "INV-CHILD-NOT-UPDATED")


@check("INV-PARENT-NOT-UPDATED", per="investigation", params=DaysParams)
def parent_not_updated(case: Case, ir: InvestigationRecords, ctx: CheckContext) -> list[Finding]:
    return _contact_gap(case, ir, ctx, "parent_carer", "INV-PARENT-NOT-UPDATED")


@check("INV-KEY-DECISION-LATE", per="investigation", params=WorkingDaysParams)
def key_decision_late(case: Case, ir: InvestigationRecords, ctx: CheckContext) -> list[Finding]:
    """The child and the parent or carer told of each key decision within the working days:
    by the end of the next working day (England and Wales bank holidays excluded), in
    force-local time. One finding per investigation, saying for each decision who was told
    late and who was never told."""
    p = ctx.check("INV-KEY-DECISION-LATE").params()
    span = f"{p.working_days} working day{'s' if p.working_days != 1 else ''}"
    # (what, decided on, due by, outcome in words) per decision missed; then grouped so that
    # decisions with the same deadline and the same outcome are said once.
    missed: list[tuple[str, datetime, datetime, str]] = []
    kd_ids: list[str] = []
    for kd in sorted(ir.key_decisions, key=lambda k: k.at):
        if kd.at > ctx.as_of:
            continue
        due = working_day_deadline(kd.at, p.working_days)
        what = DECISION_WORDS.get(str(kd.decision), str(kd.decision).replace("_", " "))
        late: dict[str, list[str]] = {}  # date told -> who
        never: list[str] = []
        waiting: list[str] = []
        for who in ("child", "parent_carer"):
            told = sorted(
                c.at
                for c in ir.contacts
                if c.key_decision_id == kd.id
                and c.contact_with in stands_for(who, case)
                and kd.at <= c.at <= ctx.as_of
            )
            if told and told[0] <= due:
                continue
            if told:
                late.setdefault(date_words(told[0]), []).append(WHO[who])
            elif due > ctx.as_of:
                waiting.append(WHO[who])
            else:
                never.append(WHO[who])
        if waiting:
            names = " and ".join(waiting)
            ctx.due(
                "INV-KEY-DECISION-LATE",
                child_id=case.child.id,
                record_type="investigation",
                record_id=ir.investigation.id,
                since=kd.at,
                due_at=due,
                what=f"{names[0].upper()}{names[1:]} to be told of the {what}",
                detail=f"The {what} on {date_words(kd.at)}: {names} not yet told "
                f"(standard: within {span}, by the end of {date_words(due)}).",
                dates={"decision_at": kd.at, "due_by": due},
                related_ids=[kd.id],
            )
        if not (late or never):
            continue
        parts = [
            f"{' and '.join(who)} {'was' if len(who) == 1 else 'were'} told only on {day}"
            for day, who in late.items()
        ]
        if never:
            parts.append(f"{' and '.join(never)} {'was' if len(never) == 1 else 'were'} never told")
        missed.append((what, kd.at, due, "; ".join(parts)))
        kd_ids.append(kd.id)
    if not missed:
        return []
    groups: dict[tuple[datetime, str], list[tuple[str, datetime]]] = {}
    for what, at, due, outcome in missed:
        groups.setdefault((due, outcome), []).append((what, at))
    said = []
    for (due, outcome), decisions in groups.items():
        items = [f"the {what} on {date_words(at)}" for what, at in decisions]
        named = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
        said.append(
            f"{named[0].upper()}{named[1:]} (due by the end of {date_words(due)}): {outcome}"
        )
    first_at = missed[0][1]
    return [
        _f(
            ctx,
            "INV-KEY-DECISION-LATE",
            case,
            ir,
            first_at,
            f"Key decisions not told within {span}. " + ". ".join(said) + ".",
            dates={"decision_at": first_at, "due_by": missed[-1][2]},
            related_ids=kd_ids,
        )
    ]


@check("INV-NO-NEEDS-ASSESSMENT", per="investigation", params=DaysParams)
def no_needs_assessment(case: Case, ir: InvestigationRecords, ctx: CheckContext) -> list[Finding]:
    """The Victims' Code needs assessment recorded within the days of the report: one
    recorded later is a finding as well as one never recorded."""
    return _recorded_in_time(
        ctx,
        "INV-NO-NEEDS-ASSESSMENT",
        case,
        ir,
        ir.investigation.needs_assessment_at,
        field="needs_assessment_at",
        what="A Victims' Code needs assessment for the child",
        the="The Victims' Code needs assessment",
        never="No Victims' Code needs assessment was recorded for the child.",
    )


def is_support_referral(r: Referral, not_support_words: list[str]) -> bool:
    """A referral to a service that supports the child as a victim. A strategy discussion or
    a safeguarding referral to social care is not one."""
    kind = getattr(r, "referral_type", None)
    if kind is not None:
        return str(kind) == "support_service"
    text = f"{r.service} {getattr(r, 'agency', None) or ''}".lower()
    return not any(w.lower() in text for w in not_support_words)


@check("INV-NO-REFERRAL", per="investigation", params=ReferralParams)
def no_referral(case: Case, ir: InvestigationRecords, ctx: CheckContext) -> list[Finding]:
    p = ctx.check("INV-NO-REFERRAL").params()
    inv = ir.investigation
    made = [r for r in ir.referrals if r.at <= ctx.as_of]
    if any(is_support_referral(r, p.not_support_words) for r in made):
        return []
    others = "; ".join(r.service for r in made)
    return [
        _f(
            ctx,
            "INV-NO-REFERRAL",
            case,
            ir,
            inv.reported_at,
            "No referral to a support service for the child was recorded"
            + (
                f" (recorded instead: {others}, which is not support for the victim)."
                if others
                else "."
            ),
            dates={"reported_at": inv.reported_at},
            related_ids=[r.id for r in made],
        )
    ]


@check("INV-NO-EVIDENCE-LED", per="investigation", params=NoParams)
def no_evidence_led(case: Case, ir: InvestigationRecords, ctx: CheckContext) -> list[Finding]:
    inv = ir.investigation
    if inv.child_supports_prosecution != "no" or inv.evidence_led_considered_at is not None:
        return []
    return [
        _f(
            ctx,
            "INV-NO-EVIDENCE-LED",
            case,
            ir,
            inv.outcome_at or inv.reported_at,
            "The child did not support a prosecution and no evidence-led prosecution was "
            "considered.",
            dates={"reported_at": inv.reported_at, "outcome_at": inv.outcome_at},
        )
    ]


@check("INV-THIRD-PARTY-NOT-RECORDED", per="investigation", params=NoParams)
def third_party_not_recorded(
    case: Case, ir: InvestigationRecords, ctx: CheckContext
) -> list[Finding]:
    inv = ir.investigation
    if inv.reported_by == "child" or inv.crime_recorded_at is not None:
        return []
    who = REPORTER_WORDS.get(str(inv.reported_by), str(inv.reported_by).replace("_", " "))
    return [
        _f(
            ctx,
            "INV-THIRD-PARTY-NOT-RECORDED",
            case,
            ir,
            inv.reported_at,
            f"Reported by {who}, not the child, and no crime was recorded; a third-party report "
            "does not need the child's own complaint.",
            dates={"reported_at": inv.reported_at},
        )
    ]


def check_investigation(case: Case, ir: InvestigationRecords, ctx: CheckContext) -> list[Finding]:
    """Run every registered investigation check on one investigation."""
    out: list[Finding] = []
    for spec in checks_per("investigation", [c.id for c in ctx.standards.checks]):
        out.extend(spec.func(case, ir, ctx))
    return out

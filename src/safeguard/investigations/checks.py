"""The INV-* checks: one function per check, each returning the findings for one investigation.

Each is registered with :func:`safeguard.engine.registry.check` beside its parameter model.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import Field

from safeguard.engine.context import CheckContext
from safeguard.engine.finding import Finding, hours, make
from safeguard.engine.registry import DaysParams, HoursParams, NoParams, Params, check, checks_per
from safeguard.records import clock
from safeguard.records.case import Case, InvestigationRecords
from safeguard.records.schema import DisruptionType


class DisruptionParams(Params):
    disruption_actions: list[DisruptionType] = Field(min_length=1)


class WorkingDaysParams(Params):
    working_days: int = Field(ge=1)


WHO = {"child": "the child", "parent_carer": "the parent or carer"}


def _f(
    ctx: CheckContext,
    check_id: str,
    case: Case,
    ir: InvestigationRecords,
    at: datetime,
    detail: str,
    **kw,
) -> Finding:  # type: ignore[no-untyped-def]
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
) -> list[Finding]:  # type: ignore[no-untyped-def]
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


def add_working_days(t: datetime, n: int) -> datetime:
    """``t`` moved forward by ``n`` working days (Monday to Friday), keeping the time of day."""
    d = t
    while n > 0:
        d += timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


@check("INV-NO-PLAN", per="investigation", params=DaysParams)
def no_plan(case: Case, ir: InvestigationRecords, ctx: CheckContext) -> list[Finding]:
    p = ctx.check("INV-NO-PLAN").params()
    inv = ir.investigation
    plan = (
        inv.plan_recorded_at if inv.plan_recorded_at and inv.plan_recorded_at <= ctx.as_of else None
    )
    if plan is not None and plan - inv.reported_at <= timedelta(days=p.days):
        return []
    if plan is None:
        return _due(
            ctx,
            "INV-NO-PLAN",
            case,
            ir,
            since=inv.reported_at,
            due_at=inv.reported_at + timedelta(days=p.days),
            what="An investigation plan",
            detail="No investigation plan was recorded.",
            dates={"reported_at": inv.reported_at, "plan_recorded_at": None},
        )
    detail = (
        f"The investigation plan was recorded {hours((plan - inv.reported_at).total_seconds())} "
        f"after the report (standard: within {p.days} days)."
    )
    return [
        _f(
            ctx,
            "INV-NO-PLAN",
            case,
            ir,
            inv.reported_at,
            detail,
            dates={"reported_at": inv.reported_at, "plan_recorded_at": plan},
        )
    ]


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
                f"{gap.days} days passed between {what} (standard: at most {p.days} days).",
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
            detail=f"No supervisor review since {clock.show(last, '%d %b %Y')} while the investigation is open "
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
        f"The first action came {hours((first - inv.reported_at).total_seconds())} after the "
        f"report (standard: within {p.hours:g} hours)."
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
        if not s.is_adult or any(d.action_type in kinds for d in sr.disruptions):
            continue
        out.append(
            _f(
                ctx,
                "INV-SUSPECT-NOT-DISRUPTED",
                case,
                ir,
                s.identified_at,
                f"Adult suspect {s.id}, identified {clock.show(s.identified_at, '%d %b %Y')}, has no disruption "
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
    times = sorted(
        c.at for c in ir.contacts if c.contact_with == who and inv.reported_at <= c.at <= end
    )
    # Gaps that have ended; while the investigation is open the next contact is an obligation.
    points = [inv.reported_at, *times] + ([] if still_open else [end])
    out: list[Finding] = []
    if len(points) > 1:
        gap, a, b = max(
            (points[i + 1] - points[i], points[i], points[i + 1]) for i in range(len(points) - 1)
        )
        if gap > timedelta(days=p.days):
            out.append(
                _f(
                    ctx,
                    check_id,
                    case,
                    ir,
                    a,
                    f"No contact with {WHO[who]} for {gap.days} days, from {clock.show(a, '%d %b %Y')} to "
                    f"{clock.show(b, '%d %b %Y')} (standard: at least every {p.days} days while open).",
                    dates={"from": a, "to": b},
                )
            )
    if still_open:
        last = points[-1]
        out += ctx.due(
            check_id,
            child_id=case.child.id,
            record_type="investigation",
            record_id=inv.id,
            since=last,
            due_at=last + timedelta(days=p.days),
            what=f"An update to {WHO[who]}",
            detail=f"No contact with {WHO[who]} since {clock.show(last, '%d %b %Y')} (still open; standard: at "
            f"least every {p.days} days while open).",
            dates={"from": last},
        )
    return out


@check("INV-CHILD-NOT-UPDATED", per="investigation", params=DaysParams)
def child_not_updated(case: Case, ir: InvestigationRecords, ctx: CheckContext) -> list[Finding]:
    return _contact_gap(case, ir, ctx, "child", "INV-CHILD-NOT-UPDATED")


@check("INV-PARENT-NOT-UPDATED", per="investigation", params=DaysParams)
def parent_not_updated(case: Case, ir: InvestigationRecords, ctx: CheckContext) -> list[Finding]:
    return _contact_gap(case, ir, ctx, "parent_carer", "INV-PARENT-NOT-UPDATED")


@check("INV-KEY-DECISION-LATE", per="investigation", params=WorkingDaysParams)
def key_decision_late(case: Case, ir: InvestigationRecords, ctx: CheckContext) -> list[Finding]:
    p = ctx.check("INV-KEY-DECISION-LATE").params()
    out = []
    for kd in ir.key_decisions:
        if kd.at > ctx.as_of:
            continue
        due = add_working_days(kd.at, p.working_days)
        missed = [
            who
            for who in ("child", "parent_carer")
            if not any(
                c.key_decision_id == kd.id
                and c.contact_with == who
                and kd.at <= c.at <= min(due, ctx.as_of)
                for c in ir.contacts
            )
        ]
        if not missed:
            continue
        names = " and ".join(WHO[w] for w in missed)
        detail = (
            f"Key decision ({str(kd.decision).replace('_', ' ')}) on {clock.show(kd.at, '%d %b %Y')}: "
            f"{names} not told within {p.working_days} working day"
            f"{'s' if p.working_days != 1 else ''}."
        )
        dates: dict[str, datetime | None] = {"decision_at": kd.at, "due_by": due}
        out += _due(
            ctx,
            "INV-KEY-DECISION-LATE",
            case,
            ir,
            since=kd.at,
            due_at=due,
            what=f"{names[0].upper()}{names[1:]} to be told of the key decision",
            detail=detail,
            dates=dates,
            related_ids=[kd.id],
        )
    return out


@check("INV-NO-NEEDS-ASSESSMENT", per="investigation", params=DaysParams)
def no_needs_assessment(case: Case, ir: InvestigationRecords, ctx: CheckContext) -> list[Finding]:
    p = ctx.check("INV-NO-NEEDS-ASSESSMENT").params()
    inv = ir.investigation
    if inv.needs_assessment_at is not None and inv.needs_assessment_at <= ctx.as_of:
        return []
    return _due(
        ctx,
        "INV-NO-NEEDS-ASSESSMENT",
        case,
        ir,
        since=inv.reported_at,
        due_at=inv.reported_at + timedelta(days=p.days),
        what="A Victims' Code needs assessment for the child",
        detail="No Victims' Code needs assessment was recorded for the child.",
        dates={"reported_at": inv.reported_at},
    )


@check("INV-NO-REFERRAL", per="investigation", params=NoParams)
def no_referral(case: Case, ir: InvestigationRecords, ctx: CheckContext) -> list[Finding]:
    inv = ir.investigation
    if ir.referrals:
        return []
    return [
        _f(
            ctx,
            "INV-NO-REFERRAL",
            case,
            ir,
            inv.reported_at,
            "No referral to a support service was recorded.",
            dates={"reported_at": inv.reported_at},
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
    who = str(inv.reported_by).replace("_", " ")
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

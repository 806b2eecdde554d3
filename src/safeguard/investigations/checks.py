"""The INV-* checks: one function per check, each returning the findings for one investigation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from safeguard.audit.context import CheckContext
from safeguard.audit.finding import Finding, hours, make
from safeguard.records.case import Case, InvestigationRecords

Check = Callable[[Case, InvestigationRecords, CheckContext], list[Finding]]

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


def open_until(ir: InvestigationRecords, as_of: datetime) -> datetime:
    """When the investigation closed (its outcome date), or the audit date while still open."""
    inv = ir.investigation
    if inv.outcome != "open" and inv.outcome_at is not None:
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


def no_plan(case: Case, ir: InvestigationRecords, ctx: CheckContext) -> list[Finding]:
    p = ctx.check("INV-NO-PLAN").params()
    inv = ir.investigation
    plan = inv.plan_recorded_at
    if plan is not None and plan - inv.reported_at <= timedelta(days=p.days):
        return []
    if plan is None:
        detail = "No investigation plan was recorded."
    else:
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


def no_supervisor_review(case: Case, ir: InvestigationRecords, ctx: CheckContext) -> list[Finding]:
    p = ctx.check("INV-NO-SUPERVISOR-REVIEW").params()
    inv = ir.investigation
    limit = timedelta(days=p.days)
    reviews = sorted(r.reviewed_at for r in ir.supervisor_reviews)
    if not reviews:
        return [
            _f(
                ctx,
                "INV-NO-SUPERVISOR-REVIEW",
                case,
                ir,
                inv.reported_at,
                "No supervisor review of the investigation was recorded.",
                dates={"reported_at": inv.reported_at},
            )
        ]
    points = [inv.reported_at, *reviews]
    gaps = [(points[i + 1] - points[i], points[i], points[i + 1]) for i in range(len(points) - 1)]
    gap, a, b = max(gaps)
    if gap <= limit:
        return []
    what = "the report and the first review" if a == inv.reported_at else "two reviews"
    return [
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
    ]


def slow_first_action(case: Case, ir: InvestigationRecords, ctx: CheckContext) -> list[Finding]:
    p = ctx.check("INV-SLOW-FIRST-ACTION").params()
    inv = ir.investigation
    first = inv.first_action_at
    if first is not None and first - inv.reported_at <= timedelta(hours=p.hours):
        return []
    if first is None:
        detail = "No first action was recorded after the report."
    else:
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
                f"Adult suspect {s.id}, identified {s.identified_at:%d %b %Y}, has no disruption "
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
    end = open_until(ir, ctx.as_of)
    times = sorted(
        c.at for c in ir.contacts if c.contact_with == who and inv.reported_at <= c.at <= end
    )
    points = [inv.reported_at, *times, end]
    gap, a, b = max(
        (points[i + 1] - points[i], points[i], points[i + 1]) for i in range(len(points) - 1)
    )
    if gap <= timedelta(days=p.days):
        return []
    still = " (still open)" if end == ctx.as_of and inv.outcome == "open" else ""
    return [
        _f(
            ctx,
            check_id,
            case,
            ir,
            a,
            f"No contact with {WHO[who]} for {gap.days} days, from {a:%d %b %Y} to {b:%d %b %Y}"
            f"{still} (standard: at least every {p.days} days while open).",
            dates={"from": a, "to": b},
        )
    ]


def child_not_updated(case: Case, ir: InvestigationRecords, ctx: CheckContext) -> list[Finding]:
    return _contact_gap(case, ir, ctx, "child", "INV-CHILD-NOT-UPDATED")


def parent_not_updated(case: Case, ir: InvestigationRecords, ctx: CheckContext) -> list[Finding]:
    return _contact_gap(case, ir, ctx, "parent_carer", "INV-PARENT-NOT-UPDATED")


def key_decision_late(case: Case, ir: InvestigationRecords, ctx: CheckContext) -> list[Finding]:
    p = ctx.check("INV-KEY-DECISION-LATE").params()
    out = []
    for kd in ir.key_decisions:
        due = add_working_days(kd.at, p.working_days)
        missed = [
            who
            for who in ("child", "parent_carer")
            if not any(
                c.key_decision_id == kd.id and c.contact_with == who and kd.at <= c.at <= due
                for c in ir.contacts
            )
        ]
        if not missed:
            continue
        names = " and ".join(WHO[w] for w in missed)
        out.append(
            _f(
                ctx,
                "INV-KEY-DECISION-LATE",
                case,
                ir,
                kd.at,
                f"Key decision ({str(kd.decision).replace('_', ' ')}) on {kd.at:%d %b %Y}: "
                f"{names} not told within {p.working_days} working day"
                f"{'s' if p.working_days != 1 else ''}.",
                dates={"decision_at": kd.at, "due_by": due},
                related_ids=[kd.id],
            )
        )
    return out


def no_needs_assessment(case: Case, ir: InvestigationRecords, ctx: CheckContext) -> list[Finding]:
    inv = ir.investigation
    if inv.needs_assessment_at is not None:
        return []
    return [
        _f(
            ctx,
            "INV-NO-NEEDS-ASSESSMENT",
            case,
            ir,
            inv.reported_at,
            "No Victims' Code needs assessment was recorded for the child.",
            dates={"reported_at": inv.reported_at},
        )
    ]


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


CHECKS: list[Check] = [
    no_plan,
    no_supervisor_review,
    slow_first_action,
    suspect_not_disrupted,
    child_not_updated,
    parent_not_updated,
    key_decision_late,
    no_needs_assessment,
    no_referral,
    no_evidence_led,
    third_party_not_recorded,
]


def check_investigation(case: Case, ir: InvestigationRecords, ctx: CheckContext) -> list[Finding]:
    out: list[Finding] = []
    for check in CHECKS:
        out.extend(check(case, ir, ctx))
    return out

"""INV-* checks: a positive and a negative hand-built case for each."""

from __future__ import annotations

from datetime import datetime, timedelta

from audit_builders import AS_OF, T0, child, good_investigation, upd

from safeguard.engine.context import CheckContext
from safeguard.investigations import check_investigation
from safeguard.records import clock
from safeguard.records.case import Case, InvestigationRecords, SuspectRecords
from safeguard.standards import default_risk_levels, default_standards
from safeguard.timing import working_day_deadline


def run(ir: InvestigationRecords) -> set[str]:
    ctx = CheckContext(default_standards(), default_risk_levels(), AS_OF, {})
    case = Case(child=child(), investigations=[ir])
    return {f.check_id for f in check_investigation(case, ir, ctx)}


def test_good_investigation_has_no_findings() -> None:
    assert run(good_investigation()) == set()


def test_no_plan_or_late_plan() -> None:
    ir = good_investigation()
    ir.investigation = upd(ir.investigation, plan_recorded_at=None)
    assert "INV-NO-PLAN" in run(ir)
    ir.investigation = upd(ir.investigation, plan_recorded_at=T0 + timedelta(days=8))
    assert "INV-NO-PLAN" in run(ir)
    ir.investigation = upd(ir.investigation, plan_recorded_at=T0 + timedelta(days=6))
    assert "INV-NO-PLAN" not in run(ir)


def test_supervisor_review_missing_or_gap_too_long() -> None:
    ir = good_investigation()
    ir.supervisor_reviews = []
    assert "INV-NO-SUPERVISOR-REVIEW" in run(ir)
    ir = good_investigation()
    ir.supervisor_reviews = [
        ir.supervisor_reviews[0],
        upd(ir.supervisor_reviews[1], reviewed_at=T0 + timedelta(days=14 + 29)),
    ]
    assert "INV-NO-SUPERVISOR-REVIEW" in run(ir)
    ir.supervisor_reviews = [upd(ir.supervisor_reviews[0], reviewed_at=T0 + timedelta(days=27))]
    assert "INV-NO-SUPERVISOR-REVIEW" not in run(ir)


def test_slow_first_action() -> None:
    ir = good_investigation()
    ir.investigation = upd(ir.investigation, first_action_at=T0 + timedelta(hours=25))
    assert "INV-SLOW-FIRST-ACTION" in run(ir)
    ir.investigation = upd(ir.investigation, first_action_at=None)
    assert "INV-SLOW-FIRST-ACTION" in run(ir)
    ir.investigation = upd(ir.investigation, first_action_at=T0 + timedelta(hours=23))
    assert "INV-SLOW-FIRST-ACTION" not in run(ir)


def test_adult_suspect_not_disrupted() -> None:
    ir = good_investigation()
    ir.suspects[0].disruptions = []
    assert "INV-SUSPECT-NOT-DISRUPTED" in run(ir)
    # A child suspect (a peer) is not an adult to disrupt with a CAWN.
    ir.suspects = [SuspectRecords(suspect=upd(ir.suspects[0].suspect, is_adult=False))]
    assert "INV-SUSPECT-NOT-DISRUPTED" not in run(ir)


def test_child_and_parent_contact_frequency() -> None:
    ir = good_investigation()
    ir.contacts = [c for c in ir.contacts if c.contact_with != "child" or c.key_decision_id]
    found = run(ir)
    assert "INV-CHILD-NOT-UPDATED" in found and "INV-PARENT-NOT-UPDATED" not in found
    ir = good_investigation()
    ir.contacts = [c for c in ir.contacts if c.contact_with != "parent_carer" or c.key_decision_id]
    found = run(ir)
    assert "INV-PARENT-NOT-UPDATED" in found and "INV-CHILD-NOT-UPDATED" not in found


def test_open_investigation_measured_to_audit_date() -> None:
    ir = good_investigation(start=AS_OF - timedelta(days=40), days_open=40)
    ir.investigation = upd(ir.investigation, outcome="open", outcome_at=None)
    ir.contacts = [c for c in ir.contacts if c.at < AS_OF - timedelta(days=35)]
    ir.supervisor_reviews = ir.supervisor_reviews[:1]
    assert "INV-CHILD-NOT-UPDATED" in run(ir)


def test_key_decision_needs_update_within_one_working_day() -> None:
    friday = datetime(2025, 3, 7, 16, 0)
    assert working_day_deadline(friday, 1) == datetime(2025, 3, 10, 23, 59, 59)  # GMT in March
    ir = good_investigation()
    kd = upd(ir.key_decisions[0], at=friday)
    ir.key_decisions = [kd]
    ir.contacts = [
        c if not c.key_decision_id else upd(c, at=friday + timedelta(days=3)) for c in ir.contacts
    ]
    assert "INV-KEY-DECISION-LATE" not in run(ir)  # Monday is within 1 working day
    ir.contacts = [
        c
        if not c.key_decision_id or c.contact_with == "child"
        else upd(c, at=friday + timedelta(days=4))
        for c in ir.contacts
    ]
    assert "INV-KEY-DECISION-LATE" in run(ir)  # parent told on Tuesday


def test_needs_assessment_and_referral() -> None:
    ir = good_investigation()
    ir.investigation = upd(ir.investigation, needs_assessment_at=None)
    ir.referrals = []
    found = run(ir)
    assert {"INV-NO-NEEDS-ASSESSMENT", "INV-NO-REFERRAL"} <= found
    assert not {"INV-NO-NEEDS-ASSESSMENT", "INV-NO-REFERRAL"} & run(good_investigation())


def test_evidence_led_prosecution_considered() -> None:
    ir = good_investigation()
    ir.investigation = upd(
        ir.investigation, child_supports_prosecution="no", outcome="victim_does_not_support"
    )
    assert "INV-NO-EVIDENCE-LED" in run(ir)
    ir.investigation = upd(ir.investigation, evidence_led_considered_at=T0 + timedelta(days=20))
    assert "INV-NO-EVIDENCE-LED" not in run(ir)


def test_third_party_report_recorded_as_crime() -> None:
    ir = good_investigation()
    ir.investigation = upd(ir.investigation, crime_recorded_at=None)
    assert "INV-THIRD-PARTY-NOT-RECORDED" in run(ir)  # reported by the parent
    ir.investigation = upd(ir.investigation, reported_by="child")
    assert "INV-THIRD-PARTY-NOT-RECORDED" not in run(ir)


def test_findings_carry_evidence_for_a_supervisor() -> None:
    ir = good_investigation()
    ir.investigation = upd(ir.investigation, plan_recorded_at=T0 + timedelta(days=10))
    ctx = CheckContext(default_standards(), default_risk_levels(), AS_OF, {})
    [f] = check_investigation(Case(child=child(), investigations=[ir]), ir, ctx)
    d = f.as_dict()
    assert d["check"] == "INV-NO-PLAN" and d["record_id"] == "I1" and d["child_id"] == "C1"
    assert d["source"].startswith("HMICFRS")
    assert d["dates"]["plan_recorded_at"] == clock.iso(T0 + timedelta(days=10))
    assert "10 days" in d["detail"] and "7 days" in d["detail"]


def test_a_needs_assessment_recorded_late_is_a_finding() -> None:
    """The standard's 7 days hold for a needs assessment as for a plan: one recorded after
    them is late, not done."""
    ir = good_investigation()
    ir.investigation = upd(ir.investigation, needs_assessment_at=T0 + timedelta(days=8, hours=3))
    ctx = CheckContext(default_standards(), default_risk_levels(), AS_OF, {})
    case = Case(child=child(), investigations=[ir])
    (f,) = [
        x for x in check_investigation(case, ir, ctx) if x.check_id == "INV-NO-NEEDS-ASSESSMENT"
    ]
    assert "recorded 8 days" in f.detail and "within 7 days" in f.detail
    ir.investigation = upd(ir.investigation, needs_assessment_at=T0 + timedelta(days=6, hours=23))
    assert "INV-NO-NEEDS-ASSESSMENT" not in run(ir)


def test_an_open_investigation_gets_one_update_finding_per_standard() -> None:
    """An investigation still open whose child went unupdated for a past stretch and is again
    overdue now breaks the standard once, as an inspector records it: one finding (the longer
    gap), and the overdue update stays on the queue."""
    ir = good_investigation(start=AS_OF - timedelta(days=120), days_open=120)
    ir.investigation = upd(ir.investigation, outcome="open", outcome_at=None, closed_at=None)
    start = ir.investigation.reported_at
    kept = [c for c in ir.contacts if c.contact_with != "child" or c.key_decision_id]
    child_contacts = [c for c in ir.contacts if c.contact_with == "child" and not c.key_decision_id]
    assert child_contacts
    # the child updated on day 10 and day 60 only: a 50-day gap, then 60 days to the audit
    ir.contacts = kept + [
        upd(child_contacts[0], at=start + timedelta(days=10)),
        upd(child_contacts[0], id="CX2", at=start + timedelta(days=60)),
    ]
    ctx = CheckContext(default_standards(), default_risk_levels(), AS_OF, {})
    case = Case(child=child(), investigations=[ir])
    found = [x for x in check_investigation(case, ir, ctx) if x.check_id == "INV-CHILD-NOT-UPDATED"]
    assert len(found) == 1 and "since" in found[0].detail  # the open gap is the longer
    assert any(o.check_id == "INV-CHILD-NOT-UPDATED" for o in ctx.obligations)

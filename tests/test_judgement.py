"""The classes of judgement an inspector would sign (issue 10), each on a hand-built case:
activity as spans, the grade in force, grades read from the officer's own account, working
days with bank holidays, told late vs never told, and what counts as a referral."""

from __future__ import annotations

from datetime import datetime, timedelta

from audit_builders import AS_OF, T0, child, good_episode, good_investigation, note, upd

from safeguard.engine.context import CheckContext
from safeguard.investigations import check_investigation
from safeguard.missing.checks import check_episode
from safeguard.records import schema as s
from safeguard.records.case import Case, EpisodeRecords, InvestigationRecords
from safeguard.standards import default_risk_levels, default_standards


def ctx() -> CheckContext:
    return CheckContext(default_standards(), default_risk_levels(), AS_OF, {})


def ep_findings(er: EpisodeRecords, **child_kw: object) -> dict[str, str]:
    case = Case(child=child(**child_kw), episodes=[er])
    c = ctx()
    from safeguard.audit.runner import Auditor

    c.indicators_by_note = Auditor(as_of=AS_OF).indicators(case)
    _, fs = check_episode(case, er, c)
    return {f.check_id: f.detail for f in fs}


def inv_findings(ir: InvestigationRecords) -> dict[str, str]:
    case = Case(child=child(), investigations=[ir])
    return {f.check_id: f.detail for f in check_investigation(case, ir, ctx())}


def act(i: int, kind: str, at: datetime, desc: str | None = None, **kw: object) -> s.EpisodeAction:
    return s.EpisodeAction(
        id=f"E1-X{i}",
        episode_id="E1",
        action_type=kind,
        at=at,
        officer="PC 9",
        description=desc,
        **kw,
    )


def high_episode(hours_missing: int = 6) -> EpisodeRecords:
    er = good_episode(level="high", hours_missing=hours_missing)
    return er


# --- activity lasts ------------------------------------------------------------------------


def test_a_search_that_lasts_hours_is_activity_the_whole_time() -> None:
    er = high_episode(6)
    start = er.episode.reported_at
    er.actions = [
        act(1, "search", start + timedelta(minutes=20), "Search of the woods, until he was found."),
    ]
    assert "MIS-NO-PROACTIVE-ACTION" not in ep_findings(er)
    er.actions = [act(1, "search", start + timedelta(minutes=20), "Search of the woods.")]
    detail = ep_findings(er)["MIS-NO-PROACTIVE-ACTION"]
    assert "5 h 40 min" in detail and "no more than 1 h" in detail and "hours" not in detail


def test_a_recorded_end_time_counts() -> None:
    er = high_episode(6)
    start = er.episode.reported_at
    er.actions = [
        act(1, "cctv", start + timedelta(minutes=20), ended_at=start + timedelta(hours=3)),
        act(
            2, "address_visit", start + timedelta(hours=3, minutes=30), ended_at=er.episode.found_at
        ),
    ]
    assert "MIS-NO-PROACTIVE-ACTION" not in ep_findings(er)


def test_the_limit_is_the_grade_in_force_at_the_time() -> None:
    # Medium, lowered to low by a sergeant after 1 h: a 7-hour quiet night is within low's 24 h.
    er = good_episode(level="medium", hours_missing=10)
    start = er.episode.reported_at
    er.risk_assessments.append(
        s.RiskAssessment(
            id="E1-R2",
            episode_id="E1",
            level="low",
            graded_by="PS 7",
            graded_at=start + timedelta(hours=1),
            supervisor_confirmed_by="INSP 1",
            supervisor_confirmed_at=start + timedelta(hours=2),
        )
    )
    er.actions = [
        act(1, "enquiry", start + timedelta(hours=1)),
        act(2, "enquiry", start + timedelta(hours=8)),
    ]
    assert "MIS-NO-PROACTIVE-ACTION" not in ep_findings(er)


# --- supervision of the grade ----------------------------------------------------------------


def test_a_supervisors_regrade_reviews_the_grade_it_replaces() -> None:
    er = good_episode(level="medium")
    start = er.episode.reported_at
    er.risk_assessments[0] = upd(
        er.risk_assessments[0],
        graded_by="CH 1",
        supervisor_confirmed_by=None,
        supervisor_confirmed_at=None,
    )
    er.risk_assessments.append(
        s.RiskAssessment(
            id="E1-R2", episode_id="E1", level="low", graded_by="PS 3318",
            graded_at=start + timedelta(minutes=55), supervisor_confirmed_by="Insp 1",
            supervisor_confirmed_at=start + timedelta(hours=1, minutes=30),
        )
    )  # fmt: skip
    assert "MIS-GRADE-UNCONFIRMED" not in ep_findings(er)
    er.risk_assessments[1] = upd(er.risk_assessments[1], graded_by="PC 4")
    assert "never confirmed" in ep_findings(er)["MIS-GRADE-UNCONFIRMED"]


# --- graded too low, from what the officer wrote ------------------------------------------


def _graded_with_note(level: str, text: str, factors: list[str] | None = None) -> EpisodeRecords:
    er = good_episode(level=level)
    ra = upd(er.risk_assessments[0], graded_by="PC 3051", factors=factors or [])
    er.risk_assessments = [ra]
    er.notes = [
        note("N1", text, ra.graded_at + timedelta(minutes=3), record_type="episode", record_id="E1",
             author="PC 3051")
    ]  # fmt: skip
    return er


def test_free_text_rationale_shows_the_grade_too_low() -> None:
    er = _graded_with_note(
        "medium",
        "Dad states she has been getting into cars with older males, and last time she was found "
        "in Reading with £400 and two phones she couldn't explain. Graded medium.",
    )
    detail = ep_findings(er)["MIS-GRADE-LOW"]
    assert "medium risk" in detail and "high risk" in detail and "getting into cars" in detail


def test_the_rationale_field_is_read_too() -> None:
    er = good_episode(level="low")
    er.risk_assessments[0] = upd(
        er.risk_assessments[0],
        rationale="Believed to be working the line for older males; always comes back.",
    )
    assert "MIS-GRADE-LOW" in ep_findings(er)


def test_sound_reasons_for_a_lower_grade_stand() -> None:
    er = _graded_with_note(
        "low",
        "Lowered to LOW. 17, no vulnerabilities, no CSE or CCE concerns, no intel on PNC. Left "
        "after a row, messaging his sister.",
        ["first time missing", "left after an argument at home"],
    )
    assert "MIS-GRADE-LOW" not in ep_findings(er, date_of_birth=datetime(2008, 1, 1).date())


def test_no_apparent_risk_is_one_finding_not_two() -> None:
    er = good_episode(level="low")
    er.risk_assessments[0] = upd(
        er.risk_assessments[0],
        level="no_apparent_risk",
        factors=["believed to be with school friends"],
    )
    found = ep_findings(er)
    assert "MIS-NO-APPARENT-RISK" in found and "MIS-GRADE-LOW" not in found


def test_a_stated_intention_of_suicide_is_high_risk() -> None:
    er = _graded_with_note(
        "medium", "She messaged a friend 'I want to end it all' and turned her phone off."
    )
    assert "suicide or self-harm" in ep_findings(er)["MIS-GRADE-LOW"]


# --- safe and well check ----------------------------------------------------------------------


def test_a_check_that_never_saw_the_child_is_not_face_to_face() -> None:
    er = good_episode()
    sw = er.safe_and_well_checks[0]
    er.notes = [
        note("N9", "Attended for S&W. Spoke to mum at the door; she had gone straight to bed.",
             sw.at + timedelta(minutes=10), record_type="episode", record_id="E1", author=sw.officer)
    ]  # fmt: skip
    assert "not seen" in ep_findings(er)["MIS-NO-INPERSON-CHECK"]
    er.safe_and_well_checks = [upd(sw, child_seen=False)]
    er.notes = []
    assert "MIS-NO-INPERSON-CHECK" in ep_findings(er)


def test_a_declined_return_home_interview_was_offered() -> None:
    er = good_episode()
    found = er.episode.found_at
    assert found is not None
    er.return_home_interviews = [
        s.ReturnHomeInterview(id="H1", episode_id="E1", declined_at=found + timedelta(hours=47))
    ]
    assert "MIS-RHI-LATE" not in ep_findings(er)


# --- key decisions: working days, told late vs never told -------------------------------


def _decision(at: datetime, told: dict[str, datetime | None]) -> InvestigationRecords:
    ir = good_investigation()
    kd = upd(ir.key_decisions[0], at=at)
    ir.key_decisions = [kd]
    ir.contacts = [c for c in ir.contacts if not c.key_decision_id]
    for who, when in told.items():
        if when is not None:
            ir.contacts.append(
                s.VictimContact(
                    id=f"KC-{who}", investigation_id="I1", contact_with=who, at=when,
                    key_decision_id=kd.id,
                )
            )  # fmt: skip
    return ir


def test_a_bank_holiday_is_not_a_working_day() -> None:
    # Thursday 17 April 2025 21:40; Good Friday and Easter Monday: Tuesday is the next working day.
    at = datetime(2025, 4, 17, 20, 40)  # 21:40 in London (summer time)
    tuesday = datetime(2025, 4, 22, 10, 0)
    assert "INV-KEY-DECISION-LATE" not in inv_findings(
        _decision(at, {"child": tuesday, "parent_carer": tuesday})
    )


def test_told_late_and_never_told_are_said_apart_with_who() -> None:
    friday = datetime(2025, 3, 7, 16, 0)
    detail = inv_findings(
        _decision(friday, {"child": datetime(2025, 3, 11, 10, 0), "parent_carer": None})
    )["INV-KEY-DECISION-LATE"]
    assert "the child was told only on 11 Mar 2025" in detail
    assert "the parent or carer was never told" in detail
    assert "parent_carer" not in detail


def test_a_strategy_discussion_is_not_a_referral_to_support() -> None:
    ir = good_investigation()
    ir.referrals = [
        s.Referral(
            id="F1",
            investigation_id="I1",
            service="Children's social care - strategy discussion",
            at=T0,
        )
    ]
    assert "strategy discussion" in inv_findings(ir)["INV-NO-REFERRAL"]
    ir.referrals.append(
        s.Referral(
            id="F2",
            investigation_id="I1",
            service="Children's ISVA",
            at=T0,
            referral_type="support_service",
        )
    )
    assert "INV-NO-REFERRAL" not in inv_findings(ir)


def test_a_supervisors_note_that_agrees_the_grade_confirms_it() -> None:
    er = good_episode(level="high")
    ra = upd(er.risk_assessments[0], supervisor_confirmed_by=None, supervisor_confirmed_at=None)
    er.risk_assessments = [ra]
    er.notes = [
        note("N5", "Risk reviewed. Agree HIGH. Actions set.", ra.graded_at + timedelta(minutes=50),
             record_type="episode", record_id="E1", author="Insp 0412", author_role="Inspector")
    ]  # fmt: skip
    assert "MIS-GRADE-UNCONFIRMED" not in ep_findings(er)
    er.notes = [upd(er.notes[0], written_at=ra.graded_at + timedelta(hours=5))]
    assert "only 5 h" in ep_findings(er)["MIS-GRADE-UNCONFIRMED"]


def test_for_a_child_in_care_the_care_home_is_the_carer() -> None:
    ir = good_investigation()
    ir.contacts = [
        upd(c, contact_with="care_home") if c.contact_with == "parent_carer" else c
        for c in ir.contacts
    ]
    case = Case(child=child(in_care=True), investigations=[ir])
    found = {f.check_id for f in check_investigation(case, ir, ctx())}
    assert "INV-PARENT-NOT-UPDATED" not in found
    assert "INV-PARENT-NOT-UPDATED" in inv_findings(ir)  # not in care: the parent was not told

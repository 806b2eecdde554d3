"""Hand-built cases for the audit tests: a good-practice baseline that meets every standard,
which each test then spoils in one way."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from safeguard.records import schema as s
from safeguard.records.case import Case, EpisodeRecords, InvestigationRecords, SuspectRecords

T0 = datetime(2025, 3, 3, 10, 0)  # a Monday
AS_OF = datetime(2025, 12, 31, 12, 0)


def child(**kw: Any) -> s.Child:
    base: dict[str, Any] = dict(id="C1", date_of_birth=date(2010, 6, 1), team="North")
    base.update(kw)
    return s.Child(**base)


def note(
    nid: str,
    text: str,
    at: datetime,
    *,
    record_type: str = "child",
    record_id: str = "C1",
    **kw: Any,
) -> s.Note:
    return s.Note(
        id=nid,
        record_type=record_type,
        record_id=record_id,
        child_id="C1",
        author=kw.pop("author", "PC 1"),
        author_role=kw.pop("author_role", "PC"),
        written_at=at,
        text=text,
        **kw,
    )


def good_episode(
    eid: str = "E1", start: datetime = T0, *, level: str = "low", hours_missing: int = 5
) -> EpisodeRecords:
    """Graded, confirmed, searched for every hour, found, seen in person, RHI offered next day."""
    found = start + timedelta(hours=hours_missing)
    ep = s.MissingEpisode(
        id=eid,
        child_id="C1",
        reported_at=start,
        reported_by="parent",
        found_at=found,
        team="North",
    )
    ra = s.RiskAssessment(
        id=f"{eid}-R1",
        episode_id=eid,
        level=level,
        graded_by="PS 1",
        graded_at=start + timedelta(minutes=10),
        supervisor_confirmed_by="INSP 1",
        supervisor_confirmed_at=start + timedelta(minutes=40),
    )
    actions = [
        s.EpisodeAction(
            id=f"{eid}-A{i}",
            episode_id=eid,
            action_type="enquiry" if i % 2 else "search",
            at=start + timedelta(minutes=30 + 50 * i),
            officer="PC 2",
        )
        for i in range(hours_missing + 1)
        if start + timedelta(minutes=30 + 50 * i) <= found
    ]
    sw = s.SafeAndWellCheck(
        id=f"{eid}-S1",
        episode_id=eid,
        at=found + timedelta(hours=2),
        mode="in_person",
        officer="PC 3",
    )
    rhi = s.ReturnHomeInterview(
        id=f"{eid}-H1",
        episode_id=eid,
        offered_at=found + timedelta(hours=20),
        done_at=found + timedelta(hours=40),
    )
    return EpisodeRecords(
        episode=ep,
        risk_assessments=[ra],
        actions=actions,
        safe_and_well_checks=[sw],
        return_home_interviews=[rhi],
    )


def good_investigation(
    iid: str = "I1", start: datetime = T0, *, days_open: int = 60
) -> InvestigationRecords:
    end = start + timedelta(days=days_open)
    inv = s.Investigation(
        id=iid,
        child_id="C1",
        exploitation_type="sexual",
        reported_at=start,
        reported_by="parent_carer",
        crime_recorded_at=start + timedelta(hours=3),
        plan_recorded_at=start + timedelta(days=1),
        first_action_at=start + timedelta(hours=2),
        team="North",
        needs_assessment_at=start + timedelta(days=2),
        child_supports_prosecution="yes",
        outcome="charged",
        outcome_at=end,
    )
    reviews = [
        s.SupervisorReview(
            id=f"{iid}-SR{i}",
            investigation_id=iid,
            reviewed_at=start + timedelta(days=14 * i),
            reviewer="DS 1",
        )
        for i in range(1, days_open // 14 + 1)
    ]
    suspect = s.Suspect(
        id=f"{iid}-P1", investigation_id=iid, identified_at=start + timedelta(days=1)
    )
    cawn = s.DisruptionAction(
        id=f"{iid}-D1", suspect_id=f"{iid}-P1", action_type="cawn", at=start + timedelta(days=2)
    )
    kd = s.KeyDecision(
        id=f"{iid}-K1", investigation_id=iid, decision="arrest", at=start + timedelta(days=3)
    )
    contacts = []
    for who in ("child", "parent_carer"):
        for i in range(0, days_open // 14 + 1):
            contacts.append(
                s.VictimContact(
                    id=f"{iid}-V{who[0]}{i}",
                    investigation_id=iid,
                    contact_with=who,
                    at=start + timedelta(days=14 * i, hours=1),
                )
            )
        contacts.append(
            s.VictimContact(
                id=f"{iid}-VK{who[0]}",
                investigation_id=iid,
                contact_with=who,
                at=kd.at + timedelta(hours=4),
                key_decision_id=kd.id,
            )
        )
    referral = s.Referral(
        id=f"{iid}-F1", investigation_id=iid, service="ISVA", at=start + timedelta(days=2)
    )
    return InvestigationRecords(
        investigation=inv,
        supervisor_reviews=reviews,
        suspects=[SuspectRecords(suspect=suspect, disruptions=[cawn])],
        key_decisions=[kd],
        contacts=sorted(contacts, key=lambda c: c.at),
        referrals=[referral],
    )


def good_case(**child_kw: Any) -> Case:
    return Case(
        child=child(**child_kw), episodes=[good_episode()], investigations=[good_investigation()]
    )


def upd(model: Any, **kw: Any) -> Any:
    """A copy of a record with some fields changed (validated)."""
    return type(model).model_validate({**model.model_dump(), **kw})

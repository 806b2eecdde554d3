"""SQLAlchemy ORM models: one table per exchange entity, mirroring the exchange models.

Primary keys are the ids from the force's own system, so re-importing updates a row instead
of adding one. Foreign keys are deferred to commit time, so one import transaction may load
rows in any order. Lists (vulnerabilities, risk factors, related episodes) are JSON arrays.

Each row also keeps two hashes for the import (:data:`IMPORT_COLUMNS`, not record fields):
``row_hash``, of its values as last imported (an import writes and re-audits only the records
whose values changed), and ``source_hash``, of the row as last read from the force's file
(an import checks again only the rows that differ from it; :mod:`safeguard.store.unchanged`).

Other parts of safeguard add their own tables to the shared :class:`Base` (with their own
Alembic revision).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ID = String(64)


class Base(DeclarativeBase):
    """Declarative base shared by every safeguard table."""


def table_of(model: type[Base]) -> Table:
    """The :class:`~sqlalchemy.Table` that ``model`` is declared on (its ``__table__``)."""
    # SQLAlchemy types ``__table__`` as a FromClause, since a class may be mapped to a join or
    # a subquery; every safeguard model is declared with ``__tablename__``, so it is a Table.
    return cast(Table, model.__table__)


def _fk(target: str) -> ForeignKey:
    return ForeignKey(target, deferrable=True, initially="DEFERRED")


class ChildRow(Base):
    __tablename__ = "children"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    row_hash: Mapped[str | None] = mapped_column(String(16))
    source_hash: Mapped[str | None] = mapped_column(String(16))
    date_of_birth: Mapped[date] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(16))
    in_care: Mapped[bool] = mapped_column(Boolean, default=False)
    placement_type: Mapped[str | None] = mapped_column(String(64))
    vulnerabilities: Mapped[list[str]] = mapped_column(JSON, default=list)
    team: Mapped[str | None] = mapped_column(String(64), index=True)
    placement_location: Mapped[str | None] = mapped_column(String(120))
    placement_out_of_area: Mapped[bool | None] = mapped_column(Boolean)


class MissingEpisodeRow(Base):
    __tablename__ = "missing_episodes"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    row_hash: Mapped[str | None] = mapped_column(String(16))
    source_hash: Mapped[str | None] = mapped_column(String(16))
    child_id: Mapped[str] = mapped_column(ID, _fk("children.id"), index=True)
    reported_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    reported_by: Mapped[str] = mapped_column(String(64))
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_seen_location: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(32))
    found_at: Mapped[datetime | None] = mapped_column(DateTime)
    found_location: Mapped[str | None] = mapped_column(String(200))
    team: Mapped[str | None] = mapped_column(String(64))
    officer_in_charge: Mapped[str | None] = mapped_column(String(64))
    exploitation_screening_at: Mapped[datetime | None] = mapped_column(DateTime)
    strategy_meeting_at: Mapped[datetime | None] = mapped_column(DateTime)


class RiskAssessmentRow(Base):
    __tablename__ = "risk_assessments"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    row_hash: Mapped[str | None] = mapped_column(String(16))
    source_hash: Mapped[str | None] = mapped_column(String(16))
    episode_id: Mapped[str] = mapped_column(ID, _fk("missing_episodes.id"), index=True)
    level: Mapped[str] = mapped_column(String(32))
    factors: Mapped[list[str]] = mapped_column(JSON, default=list)
    rationale: Mapped[str | None] = mapped_column(Text)
    graded_by: Mapped[str] = mapped_column(String(64))
    graded_at: Mapped[datetime] = mapped_column(DateTime)
    supervisor_confirmed_by: Mapped[str | None] = mapped_column(String(64))
    supervisor_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)


class EpisodeActionRow(Base):
    __tablename__ = "episode_actions"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    row_hash: Mapped[str | None] = mapped_column(String(16))
    source_hash: Mapped[str | None] = mapped_column(String(16))
    episode_id: Mapped[str] = mapped_column(ID, _fk("missing_episodes.id"), index=True)
    action_type: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime)
    officer: Mapped[str] = mapped_column(String(64))
    description: Mapped[str | None] = mapped_column(Text)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)


class SafeAndWellCheckRow(Base):
    __tablename__ = "safe_and_well_checks"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    row_hash: Mapped[str | None] = mapped_column(String(16))
    source_hash: Mapped[str | None] = mapped_column(String(16))
    episode_id: Mapped[str] = mapped_column(ID, _fk("missing_episodes.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    mode: Mapped[str] = mapped_column(String(32))
    officer: Mapped[str] = mapped_column(String(64))
    child_seen: Mapped[bool | None] = mapped_column(Boolean)
    child_spoken_to: Mapped[bool | None] = mapped_column(Boolean)


class ReturnHomeInterviewRow(Base):
    __tablename__ = "return_home_interviews"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    row_hash: Mapped[str | None] = mapped_column(String(16))
    source_hash: Mapped[str | None] = mapped_column(String(16))
    episode_id: Mapped[str] = mapped_column(ID, _fk("missing_episodes.id"), index=True)
    offered_at: Mapped[datetime | None] = mapped_column(DateTime)
    offered_by: Mapped[str | None] = mapped_column(String(64))
    declined_at: Mapped[datetime | None] = mapped_column(DateTime)
    done_at: Mapped[datetime | None] = mapped_column(DateTime)
    done_by: Mapped[str | None] = mapped_column(String(64))
    not_done_reason: Mapped[str | None] = mapped_column(String(500))
    not_offered_reason: Mapped[str | None] = mapped_column(String(500))


class InvestigationRow(Base):
    __tablename__ = "investigations"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    row_hash: Mapped[str | None] = mapped_column(String(16))
    source_hash: Mapped[str | None] = mapped_column(String(16))
    child_id: Mapped[str] = mapped_column(ID, _fk("children.id"), index=True)
    exploitation_type: Mapped[str] = mapped_column(String(32))
    reported_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    reported_by: Mapped[str] = mapped_column(String(32))
    crime_recorded_at: Mapped[datetime | None] = mapped_column(DateTime)
    crime_reference: Mapped[str | None] = mapped_column(String(64))
    plan_recorded_at: Mapped[datetime | None] = mapped_column(DateTime)
    first_action_at: Mapped[datetime | None] = mapped_column(DateTime)
    team: Mapped[str | None] = mapped_column(String(64))
    officer_in_charge: Mapped[str | None] = mapped_column(String(64))
    needs_assessment_at: Mapped[datetime | None] = mapped_column(DateTime)
    child_supports_prosecution: Mapped[str] = mapped_column(String(32))
    evidence_led_considered_at: Mapped[datetime | None] = mapped_column(DateTime)
    evidence_led_decision: Mapped[str | None] = mapped_column(String(32))
    evidence_led_reason: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(32))
    outcome_at: Mapped[datetime | None] = mapped_column(DateTime)
    outcome_text: Mapped[str | None] = mapped_column(Text)
    charged_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    related_episode_ids: Mapped[list[str]] = mapped_column(JSON, default=list)


class SupervisorReviewRow(Base):
    __tablename__ = "supervisor_reviews"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    row_hash: Mapped[str | None] = mapped_column(String(16))
    source_hash: Mapped[str | None] = mapped_column(String(16))
    investigation_id: Mapped[str] = mapped_column(ID, _fk("investigations.id"), index=True)
    reviewed_at: Mapped[datetime] = mapped_column(DateTime)
    reviewer: Mapped[str | None] = mapped_column(String(64))
    summary: Mapped[str | None] = mapped_column(Text)


class LineOfEnquiryRow(Base):
    __tablename__ = "lines_of_enquiry"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    row_hash: Mapped[str | None] = mapped_column(String(16))
    source_hash: Mapped[str | None] = mapped_column(String(16))
    investigation_id: Mapped[str] = mapped_column(ID, _fk("investigations.id"), index=True)
    description: Mapped[str] = mapped_column(String(500))
    raised_at: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(32))
    completed_at: Mapped[datetime | None] = mapped_column(DateTime)


class SuspectRow(Base):
    __tablename__ = "suspects"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    row_hash: Mapped[str | None] = mapped_column(String(16))
    source_hash: Mapped[str | None] = mapped_column(String(16))
    investigation_id: Mapped[str] = mapped_column(ID, _fk("investigations.id"), index=True)
    identified_at: Mapped[datetime] = mapped_column(DateTime)
    is_adult: Mapped[bool] = mapped_column(Boolean, default=True)
    description: Mapped[str | None] = mapped_column(String(200))
    age: Mapped[int | None] = mapped_column(Integer)
    address: Mapped[str | None] = mapped_column(String(200))
    located: Mapped[bool | None] = mapped_column(Boolean)


class DisruptionActionRow(Base):
    __tablename__ = "disruption_actions"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    row_hash: Mapped[str | None] = mapped_column(String(16))
    source_hash: Mapped[str | None] = mapped_column(String(16))
    suspect_id: Mapped[str] = mapped_column(ID, _fk("suspects.id"), index=True)
    action_type: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime)


class KeyDecisionRow(Base):
    __tablename__ = "key_decisions"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    row_hash: Mapped[str | None] = mapped_column(String(16))
    source_hash: Mapped[str | None] = mapped_column(String(16))
    investigation_id: Mapped[str] = mapped_column(ID, _fk("investigations.id"), index=True)
    decision: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime)


class VictimContactRow(Base):
    __tablename__ = "victim_contacts"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    row_hash: Mapped[str | None] = mapped_column(String(16))
    source_hash: Mapped[str | None] = mapped_column(String(16))
    investigation_id: Mapped[str] = mapped_column(ID, _fk("investigations.id"), index=True)
    contact_with: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime)
    in_person: Mapped[bool] = mapped_column(Boolean, default=False)
    method: Mapped[str | None] = mapped_column(String(32))
    key_decision_id: Mapped[str | None] = mapped_column(ID, _fk("key_decisions.id"))


class ReferralRow(Base):
    __tablename__ = "referrals"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    row_hash: Mapped[str | None] = mapped_column(String(16))
    source_hash: Mapped[str | None] = mapped_column(String(16))
    investigation_id: Mapped[str] = mapped_column(ID, _fk("investigations.id"), index=True)
    service: Mapped[str] = mapped_column(String(120))
    at: Mapped[datetime] = mapped_column(DateTime)
    referral_type: Mapped[str | None] = mapped_column(String(32))
    agency: Mapped[str | None] = mapped_column(String(120))


class NoteRow(Base):
    __tablename__ = "notes"
    __table_args__ = (Index("ix_notes_record", "record_type", "record_id"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    row_hash: Mapped[str | None] = mapped_column(String(16))
    source_hash: Mapped[str | None] = mapped_column(String(16))
    record_type: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(ID)
    child_id: Mapped[str] = mapped_column(ID, _fk("children.id"), index=True)
    author: Mapped[str] = mapped_column(String(64))
    author_role: Mapped[str] = mapped_column(String(64))
    written_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    text: Mapped[str] = mapped_column(Text)
    challenges_note_id: Mapped[str | None] = mapped_column(ID, _fk("notes.id"), index=True)


#: Exchange entity name -> ORM class (same order as :data:`safeguard.records.schema.ENTITIES`).
#: The columns of a record table that an import keeps for itself (not fields of the record).
IMPORT_COLUMNS = frozenset({"row_hash", "source_hash"})

TABLES: dict[str, type[Base]] = {
    "children": ChildRow,
    "missing_episodes": MissingEpisodeRow,
    "risk_assessments": RiskAssessmentRow,
    "episode_actions": EpisodeActionRow,
    "safe_and_well_checks": SafeAndWellCheckRow,
    "return_home_interviews": ReturnHomeInterviewRow,
    "investigations": InvestigationRow,
    "supervisor_reviews": SupervisorReviewRow,
    "lines_of_enquiry": LineOfEnquiryRow,
    "suspects": SuspectRow,
    "disruption_actions": DisruptionActionRow,
    "key_decisions": KeyDecisionRow,
    "victim_contacts": VictimContactRow,
    "referrals": ReferralRow,
    "notes": NoteRow,
}

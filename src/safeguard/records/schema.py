"""The exchange format: one record type per entity, one file per entity.

These pydantic models are the single definition of what a force sends to safeguard. The
JSON Schema in ``docs/`` and the import validation are generated from them; the storage
models in :mod:`safeguard.store` mirror them field by field.

Conventions for the CSV form (the JSON Lines form uses native JSON types):

* dates ``YYYY-MM-DD``; date-times ISO 8601, ``2024-03-01T14:05:00`` or ``2024-03-01
  14:05`` in UK local time (Europe/London, with summer time), or with an offset
  (``2024-03-01T14:05:00+00:00``). Safeguard holds every date-time as a UTC instant (see
  :mod:`safeguard.records.clock`); exports write them with their offset.
* booleans ``true`` / ``false``; lists are ``;``-separated, or a JSON list
  (``["a;b", "c"]``) when an item holds ``;``; an empty cell is "not recorded".
* ``id`` is the id the record has in the force's own system; re-importing a record with
  the same id updates it. Ids are letters, digits and ``. _ - :`` (see :data:`Id`).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

#: The characters an id may hold: it starts with a letter or digit (so a spreadsheet never
#: reads it as a formula) and has no spaces or slashes (so it can name a web page).
ID_CHARACTERS = r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"

#: An id in the force's own system, or a reference to one.
Id = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=ID_CHARACTERS)]


class Record(BaseModel):
    """Base for every exchange record."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_enum_values=True)

    id: Id = Field(description="Id in the force's own system.")


# --- enumerations ------------------------------------------------------------------------


class RiskLevel(StrEnum):
    """Missing-person risk levels (College of Policing APP). ``absent`` is not offered."""

    high = "high"
    medium = "medium"
    low = "low"
    no_apparent_risk = "no_apparent_risk"


class MissingStatus(StrEnum):
    missing = "missing"
    missing_from_care = "missing_from_care"
    away_from_placement = "away_from_placement"  # whereabouts known, without authorisation


class ActionType(StrEnum):
    """Things done while a child is missing. ``review`` and ``note`` are not proactive."""

    enquiry = "enquiry"  # house-to-house, friends, associates, addresses
    search = "search"
    contact = "contact"  # phone / message attempt to the child or associates
    cctv = "cctv"
    phone_check = "phone_check"  # cell-site, social media, phone enquiries
    circulation = "circulation"  # PNC / media / partner circulation
    review = "review"  # supervisor or risk review (not proactive)
    note = "note"  # administrative entry (not proactive)


class CheckMode(StrEnum):
    in_person = "in_person"
    video = "video"
    phone = "phone"


class ExploitationType(StrEnum):
    sexual = "sexual"
    criminal = "criminal"
    both = "both"


class Reporter(StrEnum):
    child = "child"
    parent_carer = "parent_carer"
    school = "school"
    social_care = "social_care"
    health = "health"
    police = "police"
    other_third_party = "other_third_party"


class SupportsProsecution(StrEnum):
    yes = "yes"
    no = "no"
    unknown = "unknown"


class DisruptionType(StrEnum):
    cawn = "cawn"  # Child Abduction Warning Notice
    arrest = "arrest"
    charge = "charge"
    bail_conditions = "bail_conditions"
    sexual_risk_order = "sexual_risk_order"
    slavery_trafficking_order = "slavery_trafficking_order"
    search_warrant = "search_warrant"
    other = "other"


class ContactWith(StrEnum):
    child = "child"
    parent_carer = "parent_carer"


class KeyDecisionType(StrEnum):
    """Key decisions a child victim (and parent) must be told of (Victims' Code)."""

    arrest = "arrest"
    interview = "interview"
    bail = "bail"
    charge = "charge"
    no_further_action = "no_further_action"
    release_under_investigation = "release_under_investigation"


class EnquiryStatus(StrEnum):
    open = "open"
    completed = "completed"
    not_pursued = "not_pursued"


class Outcome(StrEnum):
    open = "open"
    charged = "charged"
    no_further_action = "no_further_action"
    evidential_difficulties = "evidential_difficulties"
    victim_does_not_support = "victim_does_not_support"
    other = "other"


class RecordType(StrEnum):
    child = "child"
    episode = "episode"
    investigation = "investigation"


# --- entities ----------------------------------------------------------------------------


class Child(Record):
    """A child, by pseudonymous id. No names or addresses are exchanged."""

    date_of_birth: date
    sex: str | None = Field(default=None, max_length=16)
    in_care: bool = False
    placement_type: str | None = Field(
        default=None, max_length=64, description="e.g. foster care, children's home, kinship"
    )
    vulnerabilities: list[str] = Field(
        default_factory=list,
        description="e.g. autism, mental health, self-harm, learning disability",
    )
    team: str | None = Field(default=None, max_length=64, description="Owning team or borough.")


class MissingEpisode(Record):
    child_id: Id
    reported_at: datetime
    reported_by: str = Field(
        max_length=64, description="e.g. parent, carer, care home staff, school"
    )
    last_seen_at: datetime | None = None
    last_seen_location: str | None = Field(default=None, max_length=200)
    status: MissingStatus = MissingStatus.missing
    found_at: datetime | None = Field(default=None, description="Empty while still missing.")
    found_location: str | None = Field(default=None, max_length=200)
    team: str | None = Field(default=None, max_length=64)
    officer_in_charge: str | None = Field(default=None, max_length=64)
    exploitation_screening_at: datetime | None = None
    strategy_meeting_at: datetime | None = None


class RiskAssessment(Record):
    """One grading of a missing episode; the history of gradings is kept."""

    episode_id: Id
    level: RiskLevel
    factors: list[str] = Field(default_factory=list, description="Reasons recorded for the grade.")
    graded_by: str = Field(max_length=64)
    graded_at: datetime
    supervisor_confirmed_by: str | None = Field(default=None, max_length=64)
    supervisor_confirmed_at: datetime | None = None


class EpisodeAction(Record):
    episode_id: Id
    action_type: ActionType
    at: datetime
    officer: str = Field(max_length=64)
    description: str | None = Field(default=None, max_length=2000)


class SafeAndWellCheck(Record):
    """Police prevention interview after the child is found."""

    episode_id: Id
    at: datetime
    mode: CheckMode
    officer: str = Field(max_length=64)


class ReturnHomeInterview(Record):
    """Independent return home interview (DfE statutory guidance: offered within 72 hours)."""

    episode_id: Id
    offered_at: datetime | None = None
    done_at: datetime | None = None
    done_by: str | None = Field(default=None, max_length=64, description="Agency or worker.")
    not_done_reason: str | None = Field(default=None, max_length=500)


class Investigation(Record):
    """An exploitation concern and its investigation."""

    child_id: Id
    exploitation_type: ExploitationType
    reported_at: datetime
    reported_by: Reporter
    crime_recorded_at: datetime | None = None
    crime_reference: str | None = Field(default=None, max_length=64)
    plan_recorded_at: datetime | None = None
    first_action_at: datetime | None = None
    team: str | None = Field(default=None, max_length=64)
    officer_in_charge: str | None = Field(default=None, max_length=64)
    needs_assessment_at: datetime | None = Field(
        default=None, description="Victims' Code needs assessment completed."
    )
    child_supports_prosecution: SupportsProsecution = SupportsProsecution.unknown
    evidence_led_considered_at: datetime | None = None
    outcome: Outcome = Outcome.open
    outcome_at: datetime | None = None
    related_episode_ids: list[Id] = Field(default_factory=list)


class SupervisorReview(Record):
    investigation_id: Id
    reviewed_at: datetime
    reviewer: str = Field(max_length=64)
    summary: str | None = Field(default=None, max_length=2000)


class LineOfEnquiry(Record):
    investigation_id: Id
    description: str = Field(max_length=500)
    raised_at: datetime
    status: EnquiryStatus = EnquiryStatus.open
    completed_at: datetime | None = None


class Suspect(Record):
    """A suspect, pseudonymous. ``is_adult`` drives the disruption checks."""

    investigation_id: Id
    identified_at: datetime
    is_adult: bool = True
    description: str | None = Field(default=None, max_length=200)


class DisruptionAction(Record):
    suspect_id: Id
    action_type: DisruptionType
    at: datetime


class KeyDecision(Record):
    investigation_id: Id
    decision: KeyDecisionType
    at: datetime


class VictimContact(Record):
    """Contact with the child or the parent/carer; ``key_decision_id`` when it gives an update."""

    investigation_id: Id
    contact_with: ContactWith
    at: datetime
    in_person: bool = False
    key_decision_id: Id | None = None


class Referral(Record):
    investigation_id: Id
    service: str = Field(max_length=120)
    at: datetime


class Note(Record):
    """Free-text note on a child, episode or investigation.

    A supervisor's challenge of wording is a note with ``challenges_note_id`` set.
    """

    record_type: RecordType
    record_id: Id
    child_id: Id
    author: str = Field(max_length=64)
    author_role: str = Field(
        max_length=64, description="e.g. PC, DC, DS, supervisor, social worker"
    )
    written_at: datetime
    text: str = Field(max_length=20000)
    challenges_note_id: Id | None = None


#: Entity name (file stem) -> model, in dependency order: parents before children.
ENTITIES: dict[str, type[Record]] = {
    "children": Child,
    "missing_episodes": MissingEpisode,
    "risk_assessments": RiskAssessment,
    "episode_actions": EpisodeAction,
    "safe_and_well_checks": SafeAndWellCheck,
    "return_home_interviews": ReturnHomeInterview,
    "investigations": Investigation,
    "supervisor_reviews": SupervisorReview,
    "lines_of_enquiry": LineOfEnquiry,
    "suspects": Suspect,
    "disruption_actions": DisruptionAction,
    "key_decisions": KeyDecision,
    "victim_contacts": VictimContact,
    "referrals": Referral,
    "notes": Note,
}

#: Foreign keys: (entity, field) -> referenced entity. List fields reference each element.
REFERENCES: dict[tuple[str, str], str] = {
    ("missing_episodes", "child_id"): "children",
    ("risk_assessments", "episode_id"): "missing_episodes",
    ("episode_actions", "episode_id"): "missing_episodes",
    ("safe_and_well_checks", "episode_id"): "missing_episodes",
    ("return_home_interviews", "episode_id"): "missing_episodes",
    ("investigations", "child_id"): "children",
    ("investigations", "related_episode_ids"): "missing_episodes",
    ("supervisor_reviews", "investigation_id"): "investigations",
    ("lines_of_enquiry", "investigation_id"): "investigations",
    ("suspects", "investigation_id"): "investigations",
    ("disruption_actions", "suspect_id"): "suspects",
    ("key_decisions", "investigation_id"): "investigations",
    ("victim_contacts", "investigation_id"): "investigations",
    ("victim_contacts", "key_decision_id"): "key_decisions",
    ("referrals", "investigation_id"): "investigations",
    ("notes", "child_id"): "children",
    ("notes", "challenges_note_id"): "notes",
}

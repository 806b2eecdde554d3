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

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

#: The characters an id may hold: it starts with a letter or digit (so a spreadsheet never
#: reads it as a formula) and has no spaces or slashes (so it can name a web page).
ID_CHARACTERS = r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"

#: An id in the force's own system, or a reference to one.
Id = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=ID_CHARACTERS)]


class Record(BaseModel):
    """Base for every exchange record."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_enum_values=True)

    id: Id = Field(description="Id in the force's own system.")


def _not_before(field: str, what: str):
    """A validator: this date-time may not be earlier than ``field`` of the same record."""

    def check(cls, value: datetime | None, info: ValidationInfo) -> datetime | None:
        start = info.data.get(field)
        if value is None or not isinstance(start, datetime):
            return value
        if (value.tzinfo is None) == (start.tzinfo is None) and value < start:
            raise ValueError(f"a date and time not before {what} ({start.isoformat()})")
        return value

    return check


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
    address_visit = "address_visit"  # attending an address: home, last seen, associates
    child_call = "child_call"  # a call or message to the child's own phone
    contact = "contact"  # phone / message to others: family, friends, associates
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
    """Who was contacted: the child, a parent or carer, or another professional."""

    child = "child"
    parent_carer = "parent_carer"
    social_worker = "social_worker"
    care_home = "care_home"  # staff of the child's children's home or foster carer's agency
    other_professional = "other_professional"


class ContactMethod(StrEnum):
    """How an update was given."""

    in_person = "in_person"
    phone = "phone"
    video = "video"
    letter = "letter"
    email = "email"
    text_message = "text_message"
    through_professional = "through_professional"  # passed on by a social worker or carer


class EvidenceLedDecision(StrEnum):
    """The decision after an evidence-led prosecution was considered."""

    proceed = "proceed"
    not_proceed = "not_proceed"
    pending = "pending"


class ReferralType(StrEnum):
    """What a referral was: only ``support_service`` is a referral to support for the victim."""

    support_service = "support_service"  # victim support, ISVA, CSE/CCE support worker, health
    children_social_care = "children_social_care"  # a safeguarding referral to social care
    strategy_discussion = "strategy_discussion"  # a multi-agency strategy discussion
    national_referral_mechanism = "national_referral_mechanism"  # modern slavery NRM
    other = "other"


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
    placement_location: str | None = Field(
        default=None, max_length=120, description="Town or area where the child is placed."
    )
    placement_out_of_area: bool | None = Field(
        default=None, description="The placement is outside the home local authority's area."
    )


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
    rationale: str | None = Field(
        default=None,
        max_length=4000,
        description="The officer's reasons for the grade in their own words (free text).",
    )
    graded_by: str = Field(max_length=64)
    graded_at: datetime
    supervisor_confirmed_by: str | None = Field(default=None, max_length=64)
    supervisor_confirmed_at: datetime | None = None


class EpisodeAction(Record):
    episode_id: Id
    action_type: ActionType
    at: datetime = Field(description="When it started.")
    officer: str = Field(max_length=64)
    description: str | None = Field(default=None, max_length=2000)
    ended_at: datetime | None = Field(
        default=None,
        description="When it ended (a search, CCTV review or deployment lasts hours); "
        "empty for a single act such as a call.",
    )

    _ended = field_validator("ended_at")(_not_before("at", "its start"))


class SafeAndWellCheck(Record):
    """Police prevention interview after the child is found."""

    episode_id: Id
    at: datetime
    mode: CheckMode
    officer: str = Field(max_length=64)
    child_seen: bool | None = Field(default=None, description="The officer saw the child.")
    child_spoken_to: bool | None = Field(
        default=None, description="The officer spoke with the child (not only with a carer)."
    )


class ReturnHomeInterview(Record):
    """Independent return home interview (DfE statutory guidance: offered within 72 hours)."""

    episode_id: Id
    offered_at: datetime | None = None
    offered_by: str | None = Field(
        default=None, max_length=64, description="Agency or worker who offered it."
    )
    declined_at: datetime | None = Field(default=None, description="When the child declined it.")
    done_at: datetime | None = None
    done_by: str | None = Field(default=None, max_length=64, description="Agency or worker.")
    not_done_reason: str | None = Field(
        default=None, max_length=500, description="Why it was offered but not done."
    )
    not_offered_reason: str | None = Field(
        default=None, max_length=500, description="Why it was not offered."
    )


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
    evidence_led_decision: EvidenceLedDecision | None = None
    evidence_led_reason: str | None = Field(
        default=None, max_length=2000, description="Why the evidence-led decision was made."
    )
    outcome: Outcome = Outcome.open
    outcome_at: datetime | None = None
    outcome_text: str | None = Field(
        default=None, max_length=2000, description="The outcome in the officer's words."
    )
    charged_at: datetime | None = Field(default=None, description="When a suspect was charged.")
    closed_at: datetime | None = Field(default=None, description="When the investigation closed.")
    related_episode_ids: list[Id] = Field(default_factory=list)


class SupervisorReview(Record):
    investigation_id: Id
    reviewed_at: datetime
    reviewer: str | None = Field(default=None, max_length=64, description="Reviewer's name.")
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
    age: int | None = Field(default=None, ge=0, le=120, description="Age when identified.")
    address: str | None = Field(
        default=None, max_length=200, description="Address or area linked to the suspect."
    )
    located: bool | None = Field(default=None, description="The suspect has been found.")


class DisruptionAction(Record):
    suspect_id: Id
    action_type: DisruptionType
    at: datetime


class KeyDecision(Record):
    investigation_id: Id
    decision: KeyDecisionType
    at: datetime


class VictimContact(Record):
    """Contact with the child, the parent/carer or another professional (social worker, care
    home); ``key_decision_id`` when it gives an update on a key decision."""

    investigation_id: Id
    contact_with: ContactWith
    at: datetime
    in_person: bool = False
    method: ContactMethod | None = Field(default=None, description="How the update was given.")
    key_decision_id: Id | None = None


class Referral(Record):
    investigation_id: Id
    service: str = Field(max_length=120)
    at: datetime
    referral_type: ReferralType | None = Field(
        default=None,
        description="What kind of referral; a strategy discussion is not a referral to support.",
    )
    agency: str | None = Field(default=None, max_length=120, description="Agency referred to.")


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

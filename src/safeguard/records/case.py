"""A child's whole case: the unit the audit and the web app work on.

:func:`safeguard.store.read.iter_cases` yields these from the database in chunks, so memory
stays flat however large the store is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from safeguard.records import schema as s


@dataclass
class EpisodeRecords:
    episode: s.MissingEpisode
    risk_assessments: list[s.RiskAssessment] = field(default_factory=list)
    actions: list[s.EpisodeAction] = field(default_factory=list)
    safe_and_well_checks: list[s.SafeAndWellCheck] = field(default_factory=list)
    return_home_interviews: list[s.ReturnHomeInterview] = field(default_factory=list)
    notes: list[s.Note] = field(default_factory=list)


@dataclass
class SuspectRecords:
    suspect: s.Suspect
    disruptions: list[s.DisruptionAction] = field(default_factory=list)


@dataclass
class InvestigationRecords:
    investigation: s.Investigation
    supervisor_reviews: list[s.SupervisorReview] = field(default_factory=list)
    lines_of_enquiry: list[s.LineOfEnquiry] = field(default_factory=list)
    suspects: list[SuspectRecords] = field(default_factory=list)
    key_decisions: list[s.KeyDecision] = field(default_factory=list)
    contacts: list[s.VictimContact] = field(default_factory=list)
    referrals: list[s.Referral] = field(default_factory=list)
    notes: list[s.Note] = field(default_factory=list)


@dataclass
class Case:
    """One child with every record that belongs to them, each list sorted by time."""

    child: s.Child
    episodes: list[EpisodeRecords] = field(default_factory=list)
    investigations: list[InvestigationRecords] = field(default_factory=list)
    notes: list[s.Note] = field(default_factory=list)  # notes on the child record itself

    def all_notes(self) -> list[s.Note]:
        """Every note in the case (child, episodes, investigations), oldest first."""
        out = list(self.notes)
        for e in self.episodes:
            out.extend(e.notes)
        for i in self.investigations:
            out.extend(i.notes)
        return sorted(out, key=lambda n: n.written_at)

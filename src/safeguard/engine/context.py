"""What every check needs besides the case: the standards, the risk rules, the audit date, the
exploitation indicators and language hits already read from the case's notes; and where a check
states an obligation (something due by a deadline on an open record)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from safeguard.engine.finding import Finding, Obligation, make_obligation
from safeguard.indicators import Indicator
from safeguard.records.schema import Note
from safeguard.standards.catalogue import Check, Standards
from safeguard.standards.risk_levels import RiskLevels

#: The language checker: text -> hits with ``start``, ``end``, ``text``, ``rule``, ``score`` ...
LanguageCheck = Callable[[str], Sequence[Any]]


@dataclass
class CheckContext:
    standards: Standards
    risk_levels: RiskLevels
    as_of: datetime  # open episodes and investigations are measured up to this moment
    indicators_by_note: Mapping[str, Sequence[Indicator]] = field(default_factory=dict)
    language_check: LanguageCheck | None = None
    #: (note id, rule, start) of flagged phrases a supervisor dismissed as not victim-blaming.
    dismissed: frozenset[tuple[str, str, int]] = frozenset()
    #: Note id -> the notes that challenge it (linked by ``challenges_note_id``, or recognised
    #: from a supervisor's note naming the wording: see ``audit.language.case_challenges``).
    challenges: Mapping[str, Sequence[Note]] = field(default_factory=dict)
    #: Every obligation the checks stated for this case (met ones are never stated).
    obligations: list[Obligation] = field(default_factory=list)
    #: Good practice the checks saw, in words (shown with the case's grade reasons).
    good_practice: list[str] = field(default_factory=list)
    #: What a check worked out once for this case and others may ask again (by a key of its own).
    memo: dict[Any, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._checks = self.standards.by_id()
        self._hits: dict[str, list[Any]] = {}

    def check(self, check_id: str) -> Check:
        return self._checks[check_id]

    def due(
        self,
        check_id: str,
        *,
        child_id: str,
        record_type: str,
        record_id: str,
        since: datetime,
        due_at: datetime,
        what: str,
        detail: str,
        dates: dict[str, datetime | None] | None = None,
        related_ids: list[str] | None = None,
        risk: str | None = None,
        evidence: list[Any] | None = None,
    ) -> list[Finding]:
        """State that ``what`` is due by ``due_at`` and has not been done (``evidence``: the
        words it rests on, if any, carried to the finding).

        The obligation is kept (the queue lists it); once ``due_at`` is at or before the audit
        date it is also a finding with the words ``detail``, which is returned.
        """
        ob = make_obligation(
            self.check(check_id),
            child_id=child_id,
            record_type=record_type,
            record_id=record_id,
            since=since,
            due_at=due_at,
            what=what,
            detail=detail,
            dates=dates,
            related_ids=related_ids,
            risk=risk,
            evidence=evidence,
        )
        self.obligations.append(ob)
        return [ob.as_finding()] if ob.overdue(self.as_of) else []

    def language_hits(self, note: Note) -> list[Any]:
        """The language checker's hits in one note, once per note, without dismissed ones."""
        hit = self._hits.get(note.id)
        if hit is None:
            found = self.language_check(note.text) if self.language_check else ()
            hit = [
                h
                for h in found
                if (note.id, str(getattr(h, "rule", "")), int(h.start)) not in self.dismissed
            ]
            self._hits[note.id] = hit
        return hit

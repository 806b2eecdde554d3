"""A finding (one check not met by one record, with its evidence) and an obligation (something
due on an open record, with its deadline). An obligation past its deadline is a finding, in the
same words."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from safeguard.records import clock
from safeguard.standards.catalogue import Check
from safeguard.textrules.match import Span


@dataclass(slots=True)
class Evidence:
    """Words in a note that a finding rests on (``span``: the same type the rule match and the
    language finding carry)."""

    note_id: str
    written_at: datetime
    span: Span
    rule: str = ""
    category: str = ""
    why: str = ""
    suggestion: str = ""

    @property
    def words(self) -> str:
        return self.span.text

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    def as_dict(self) -> dict[str, Any]:
        return {
            "note_id": self.note_id,
            "written_at": clock.iso(self.written_at),
            "words": self.words,
            "start": self.start,
            "end": self.end,
            "rule": self.rule,
            "category": self.category,
            "why": self.why,
            "suggestion": self.suggestion,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        rest = {k: v for k, v in d.items() if k not in ("words", "start", "end")}
        return cls(
            **{
                **rest,
                "written_at": datetime.fromisoformat(d["written_at"]),
                "span": Span(int(d["start"]), int(d["end"]), d["words"]),
            }
        )


@dataclass(slots=True)
class Finding:
    """One standard not met. ``detail`` says what was (not) recorded, in plain English.

    ``due_at`` is set when the finding is an obligation whose deadline has passed.
    """

    check_id: str
    title: str
    source: str
    severity: str
    area: str
    child_id: str
    record_type: str  # episode | investigation | note
    record_id: str
    at: datetime  # when the failure happened (or the record's date), for timelines
    detail: str
    dates: dict[str, str] = field(default_factory=dict)  # name -> ISO date-time
    related_ids: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    due_at: datetime | None = None

    @property
    def key(self) -> str:
        """Identifies the finding across audits (an overdue obligation keeps its own key)."""
        return f"{self.check_id}|{self.record_type}|{self.record_id}|{self.at.isoformat()}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "check": self.check_id,
            "title": self.title,
            "source": self.source,
            "severity": self.severity,
            "area": self.area,
            "child_id": self.child_id,
            "record_type": self.record_type,
            "record_id": self.record_id,
            "at": clock.iso(self.at),
            "detail": self.detail,
            "dates": dict(self.dates),
            "related_ids": list(self.related_ids),
            "evidence": [e.as_dict() for e in self.evidence],
            "due_at": clock.iso(self.due_at) if self.due_at else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Finding:
        return cls(
            check_id=d["check"],
            title=d["title"],
            source=d["source"],
            severity=d["severity"],
            area=d["area"],
            child_id=d["child_id"],
            record_type=d["record_type"],
            record_id=d["record_id"],
            at=datetime.fromisoformat(d["at"]),
            detail=d["detail"],
            dates=dict(d.get("dates") or {}),
            related_ids=list(d.get("related_ids") or []),
            evidence=[Evidence.from_dict(e) for e in d.get("evidence") or []],
            due_at=datetime.fromisoformat(d["due_at"]) if d.get("due_at") else None,
        )


@dataclass(slots=True)
class Obligation:
    """Something due on an open record and not yet done: ``what`` is due by ``due_at``.

    Once ``due_at`` has passed it is also a finding (:meth:`as_finding`) whose words are
    ``detail``; the words never depend on when they are read, so the queue and the audit say
    the same thing at any moment.
    """

    check_id: str
    title: str
    source: str
    severity: str
    area: str
    child_id: str
    record_type: str
    record_id: str
    since: datetime  # when the clock started (the report, the finding, the last contact ...)
    due_at: datetime
    what: str  # what is due, in words: "A return home interview to be offered"
    detail: str  # the finding's words once overdue
    dates: dict[str, str] = field(default_factory=dict)
    related_ids: list[str] = field(default_factory=list)
    #: the words it rests on, where there are any (wording a supervisor is to challenge)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.check_id}|{self.record_type}|{self.record_id}|{self.due_at.isoformat()}"

    def overdue(self, now: datetime) -> bool:
        return self.due_at <= now

    def as_finding(self) -> Finding:
        return Finding(
            check_id=self.check_id,
            title=self.title,
            source=self.source,
            severity=self.severity,
            area=self.area,
            child_id=self.child_id,
            record_type=self.record_type,
            record_id=self.record_id,
            at=self.due_at,
            detail=self.detail,
            dates={**self.dates, "due_at": clock.iso(self.due_at)},
            related_ids=list(self.related_ids),
            evidence=list(self.evidence),
            due_at=self.due_at,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "check": self.check_id,
            "title": self.title,
            "source": self.source,
            "severity": self.severity,
            "area": self.area,
            "child_id": self.child_id,
            "record_type": self.record_type,
            "record_id": self.record_id,
            "since": self.since.isoformat(),
            "due_at": clock.iso(self.due_at),
            "what": self.what,
            "detail": self.detail,
            "dates": dict(self.dates),
            "related_ids": list(self.related_ids),
            "evidence": [e.as_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Obligation:
        return cls(
            check_id=d["check"],
            title=d["title"],
            source=d["source"],
            severity=d["severity"],
            area=d["area"],
            child_id=d["child_id"],
            record_type=d["record_type"],
            record_id=d["record_id"],
            since=datetime.fromisoformat(d["since"]),
            due_at=datetime.fromisoformat(d["due_at"]),
            what=d["what"],
            detail=d["detail"],
            dates=dict(d.get("dates") or {}),
            related_ids=list(d.get("related_ids") or []),
            evidence=[Evidence.from_dict(e) for e in d.get("evidence") or []],
        )


def _iso(dates: dict[str, datetime | None] | None) -> dict[str, str]:
    return {k: (clock.iso(v) if v else "not recorded") for k, v in (dates or {}).items()}


def make(
    check: Check,
    *,
    child_id: str,
    record_type: str,
    record_id: str,
    at: datetime,
    detail: str,
    dates: dict[str, datetime | None] | None = None,
    related_ids: list[str] | None = None,
    evidence: list[Evidence] | None = None,
    risk: str | None = None,
) -> Finding:
    """Build a finding for ``check``; ``dates`` with ``None`` are shown as 'not recorded'.

    ``risk`` is the episode's risk level, for a check whose severity depends on it.
    """
    return Finding(
        check_id=check.id,
        title=check.title,
        source=check.source,
        severity=str(check.severity_for(risk)),
        area=str(check.area),
        child_id=child_id,
        record_type=record_type,
        record_id=record_id,
        at=at,
        detail=detail,
        dates=_iso(dates),
        related_ids=list(related_ids or []),
        evidence=list(evidence or []),
    )


def make_obligation(
    check: Check,
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
    evidence: list[Evidence] | None = None,
) -> Obligation:
    return Obligation(
        check_id=check.id,
        title=check.title,
        source=check.source,
        severity=str(check.severity_for(risk)),
        area=str(check.area),
        child_id=child_id,
        record_type=record_type,
        record_id=record_id,
        since=since,
        due_at=due_at,
        what=what,
        detail=detail,
        dates=_iso(dates),
        related_ids=list(related_ids or []),
        evidence=list(evidence or []),
    )

"""A finding: one check not met by one record, with the evidence a supervisor needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from safeguard.standards.catalogue import Check


@dataclass(slots=True)
class Evidence:
    """Words in a note that a finding rests on."""

    note_id: str
    written_at: datetime
    words: str
    start: int
    end: int
    rule: str = ""
    category: str = ""
    why: str = ""
    suggestion: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "note_id": self.note_id,
            "written_at": self.written_at.isoformat(),
            "words": self.words,
            "start": self.start,
            "end": self.end,
            "rule": self.rule,
            "category": self.category,
            "why": self.why,
            "suggestion": self.suggestion,
        }


@dataclass(slots=True)
class Finding:
    """One standard not met. ``detail`` says what was (not) recorded, in plain English."""

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
            "at": self.at.isoformat(),
            "detail": self.detail,
            "dates": dict(self.dates),
            "related_ids": list(self.related_ids),
            "evidence": [e.as_dict() for e in self.evidence],
        }


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
) -> Finding:
    """Build a finding for ``check``; ``dates`` with ``None`` are shown as 'not recorded'."""
    return Finding(
        check_id=check.id,
        title=check.title,
        source=check.source,
        severity=str(check.severity),
        area=str(check.area),
        child_id=child_id,
        record_type=record_type,
        record_id=record_id,
        at=at,
        detail=detail,
        dates={k: (v.isoformat() if v else "not recorded") for k, v in (dates or {}).items()},
        related_ids=list(related_ids or []),
        evidence=list(evidence or []),
    )


def hours(delta_seconds: float) -> str:
    """'5 hours', '3 days 4 hours' — durations in words."""
    h = int(delta_seconds // 3600)
    if h < 48:
        return f"{h} hour{'s' if h != 1 else ''}"
    d, rem = divmod(h, 24)
    return f"{d} days" + (f" {rem} hour{'s' if rem != 1 else ''}" if rem else "")

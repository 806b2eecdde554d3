"""Activity on a missing episode as spans of time, not moments.

A search, a CCTV review, house-to-house enquiries or a deployment last for hours. An action's
span is, in order of preference:

1. its recorded end time (``ended_at``);
2. a span written in its description, as officers write them: "CCTV review 1350-1730",
   "area search 0150-0240", "search continued until Ethan found 1835", "until found",
   "until 0300", "for 2 hours";
3. otherwise the moment it was logged.

Times written in a description are force-local wall-clock times on the day the action was
logged (a span that ends before it starts runs past midnight). A written span is only used
when it starts close to the logged time, so times that describe what was seen ("CCTV shows
her at the station 1610-1625") are not read as the action's own span.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from safeguard.records.schema import EpisodeAction
from safeguard.timing import elapsed, from_local, local

#: A written span is used only when its start is this close to the logged time.
SPAN_START_TOLERANCE = timedelta(hours=2)

_T = r"([01]?\d|2[0-3])[:.]?([0-5]\d)"
_RANGE = re.compile(
    rf"(?<![\d/£$.,-]){_T}\s*(?:hrs?|hours)?\s*(?:-|–|—|to|until|till)\s*{_T}(?!\d)", re.I
)
_UNTIL_FOUND = re.compile(
    r"\buntil\b(?:\s+\S+){0,3}?\s+(?:was\s+|were\s+)?(?:found|located|traced|returned|"
    r"recovered|came home|home)\b",
    re.I,
)
_UNTIL_TIME = re.compile(rf"\b(?:until|till|to)\s+{_T}(?:\s*hrs?)?(?!\d)", re.I)
_FOR = re.compile(
    r"\bfor\s+(\d+(?:\.\d+)?|an?|one|two|three|four|five|six)\s*(hours?|hrs?|h|minutes?|mins?)\b",
    re.I,
)
_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass(frozen=True, slots=True)
class Span:
    """When one action was under way (naive UTC instants) and how we know."""

    action_id: str
    kind: str
    start: datetime
    end: datetime
    basis: str  # "recorded end", "written in the description", "a moment"


def _at_local(day_of: datetime, hh: str, mm: str) -> datetime:
    """Wall-clock ``hh:mm`` on the force-local day of ``day_of``, as a naive UTC instant."""
    d = local(day_of).date()
    return from_local(datetime.combine(d, time(int(hh), int(mm))))


def _after(start: datetime, t: datetime) -> datetime:
    """``t`` moved a day on when it is before ``start`` (a span past midnight)."""
    return t + timedelta(days=1) if t < start else t


def written_span(
    text: str, at: datetime, found_at: datetime | None
) -> tuple[datetime, datetime] | None:
    """The span an action's description states, or None."""
    if not text:
        return None
    m = _RANGE.search(text)
    if m:
        start = _at_local(at, m.group(1), m.group(2))
        if abs(elapsed(at, start)) > SPAN_START_TOLERANCE:
            # the day may be the previous one (logged after midnight for a span before it)
            start -= timedelta(days=1) if start > at else timedelta(0)
        if abs(elapsed(at, start)) <= SPAN_START_TOLERANCE:
            end = _after(start, _at_local(start, m.group(3), m.group(4)))
            return min(start, at), end
    if found_at is not None and found_at >= at and _UNTIL_FOUND.search(text):
        return at, found_at
    m = _UNTIL_TIME.search(text)
    if m:
        return at, _after(at, _at_local(at, m.group(1), m.group(2)))
    m = _FOR.search(text)
    if m:
        n = float(_WORDS.get(m.group(1).lower(), 0) or m.group(1))
        unit = m.group(2).lower()
        return at, at + (timedelta(hours=n) if unit.startswith("h") else timedelta(minutes=n))
    return None


def action_span(a: EpisodeAction, found_at: datetime | None) -> Span:
    """When one action was under way."""
    ended = getattr(a, "ended_at", None)
    if ended is not None and ended >= a.at:
        return Span(a.id, str(a.action_type), a.at, ended, "recorded end")
    written = written_span(a.description or "", a.at, found_at)
    if written is not None:
        start, end = written
        return Span(a.id, str(a.action_type), start, end, "written in the description")
    return Span(a.id, str(a.action_type), a.at, a.at, "a moment")


def activity_spans(
    actions: Iterable[EpisodeAction], kinds: set[str], found_at: datetime | None
) -> list[Span]:
    """The spans of the actions of the given kinds, in order of start."""
    return sorted(
        (action_span(a, found_at) for a in actions if str(a.action_type) in kinds),
        key=lambda s: (s.start, s.end),
    )

"""Instants: how safeguard holds, reads and shows a point in time.

One rule for the whole program: **an instant in memory and in the store is a naive
``datetime`` that means UTC.** Everything that reads a time from outside converts it here,
everything that shows a time to a person converts it back here:

* a time written with an offset (``2025-07-01T14:00:00+01:00``, ``...Z``) is that instant;
* a time written without one is force-local wall-clock time, Europe/London with summer time
  (:data:`FORCE_ZONE`): ``2025-07-01 14:00`` is 13:00 UTC, ``2025-02-01 14:00`` is 14:00 UTC;
* at the autumn clock change a local time such as 01:30 happens twice (*ambiguous*): it is
  read as the first (summer-time) occurrence and the import warns; at the spring change a
  local time such as 01:30 does not exist: the import refuses it;
* exports and the audit's JSON write instants with their offset (``+00:00``); pages and
  reports show them in force-local time (:func:`show`).

Durations between instants are therefore real elapsed time, across the clock changes too.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

#: The force's time zone: times written without an offset are wall-clock time here.
FORCE_ZONE = ZoneInfo("Europe/London")

LocalKind = Literal["ok", "ambiguous", "nonexistent"]


def utc_now() -> datetime:
    """The current instant (naive UTC, whole seconds)."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def to_utc(value: datetime) -> datetime:
    """An offset-carrying time as a naive UTC instant (a naive one is taken as UTC already).

    Raises :class:`OverflowError` for times whose UTC instant falls outside years 1-9999.
    """
    if value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def classify_local(value: datetime) -> LocalKind:
    """Whether a force-local wall-clock time happens once, twice or never."""
    first = value.replace(tzinfo=FORCE_ZONE, fold=0)
    second = value.replace(tzinfo=FORCE_ZONE, fold=1)
    if first.utcoffset() == second.utcoffset():
        return "ok"
    # Where the offsets differ the time is in a gap or an overlap; in a gap the round trip
    # through UTC lands on a different wall-clock time.
    back = first.astimezone(UTC).astimezone(FORCE_ZONE).replace(tzinfo=None)
    return "ambiguous" if back == value else "nonexistent"


def from_local(value: datetime) -> datetime:
    """A force-local wall-clock time as a naive UTC instant (an ambiguous time: the first).

    Raises :class:`OverflowError` at the ends of the calendar.
    """
    return value.replace(tzinfo=FORCE_ZONE, fold=0).astimezone(UTC).replace(tzinfo=None)


def read_instant(value: datetime) -> tuple[datetime, LocalKind]:
    """A parsed time as written (with or without offset) -> (naive UTC instant, local kind).

    Raises :class:`OverflowError` when the instant falls outside years 1-9999.
    """
    offset = value.utcoffset()
    if offset is not None:
        if not offset:
            return value.replace(tzinfo=None), "ok"
        return (value.replace(tzinfo=None) - offset), "ok"
    # UK clock changes happen on the hour, so the offset and kind are those of the hour.
    kind, offset = _local_hour(value.year, value.month, value.day, value.hour)
    return value - offset, kind


@lru_cache(maxsize=65536)
def _local_hour(year: int, month: int, day: int, hour: int) -> tuple[LocalKind, timedelta]:
    start = datetime(year, month, day, hour)
    kind = classify_local(start)
    offset = start.replace(tzinfo=FORCE_ZONE, fold=0).utcoffset()
    assert offset is not None
    return kind, offset


def to_local(value: datetime) -> datetime:
    """A naive UTC instant as an aware force-local time (for showing to a person)."""
    try:
        return value.replace(tzinfo=UTC).astimezone(FORCE_ZONE)
    except OverflowError:
        return value.replace(tzinfo=UTC)


def local_date(value: datetime) -> date:
    """The force-local calendar day of a naive UTC instant."""
    return to_local(value).date()


def local_midnight(day: date) -> datetime:
    """The instant (naive UTC) at which a force-local calendar day begins."""
    return from_local(datetime(day.year, day.month, day.day))


def iso(value: datetime | date) -> str:
    """A naive UTC instant in ISO 8601 with its offset: ``2025-07-01T13:00:00+00:00``.

    A calendar date (no time) is written as it is: ``2025-07-01``.
    """
    if not isinstance(value, datetime):
        return value.isoformat()
    if value.tzinfo is not None:
        return value.isoformat()
    return value.replace(tzinfo=UTC).isoformat()


def show(value: datetime, fmt: str = "%d %b %Y %H:%M") -> str:
    """A naive UTC instant as a person in the force reads it (force-local time)."""
    return to_local(value).strftime(fmt)


__all__ = [
    "FORCE_ZONE",
    "classify_local",
    "from_local",
    "iso",
    "local_date",
    "local_midnight",
    "read_instant",
    "show",
    "to_local",
    "to_utc",
    "utc_now",
]

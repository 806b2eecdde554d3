"""Time as the standards mean it: force-local time, working days and durations in words.

Every check that measures a deadline or a gap goes through these helpers, so there is one
answer to "how long", "by when" and "how do we say it".

An instant in memory is a naive ``datetime`` that means UTC (:mod:`safeguard.records.clock`,
the one rule for how instants are held: times written without an offset are read as
force-local wall-clock time on import and held as UTC). An aware ``datetime`` is accepted
anywhere and means what it says. This module builds on ``clock`` for what the standards need.

* :func:`instant` / :func:`local` — an instant as aware UTC, or as the wall-clock time in the
  force (Europe/London, with summer time).
* :func:`elapsed` — real time between two instants.
* :func:`working_day_deadline` — "within N working days": by the end of the Nth working day
  after the day of the event, in force-local time, skipping weekends and England and Wales
  bank holidays (from the ``holidays`` library, which needs no network).
* :func:`duration_words` — "1 h 30 min", "2 days 3 h"; the one way a duration is written.
* :func:`longest_gap` — the longest stretch of a period not covered by any interval (time
  with nothing under way).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

from safeguard.records import clock

FORCE_TZ: ZoneInfo = clock.FORCE_ZONE
#: The bank-holiday calendar: England (England and Wales share their bank holidays).
HOLIDAY_COUNTRY = "GB"
HOLIDAY_SUBDIV = "ENG"


# --- instants and local time ---------------------------------------------------------------


def instant(t: datetime) -> datetime:
    """``t`` as an aware UTC instant (a naive ``t`` already means UTC)."""
    if t.tzinfo is None:
        return t.replace(tzinfo=UTC)
    return t.astimezone(UTC)


def local(t: datetime) -> datetime:
    """``t`` as naive force-local wall-clock time (what an officer in the force would read)."""
    return clock.to_local(instant(t).replace(tzinfo=None)).replace(tzinfo=None)


def from_local(t: datetime) -> datetime:
    """A naive force-local wall-clock time as a naive UTC instant (``clock.from_local``)."""
    return clock.from_local(t)


def elapsed(start: datetime, end: datetime) -> timedelta:
    """Real time from ``start`` to ``end`` (negative if ``end`` is earlier)."""
    return instant(end) - instant(start)


def shift(t: datetime, by: timedelta) -> datetime:
    """``t`` moved on by a real duration, in the same form (naive UTC or aware)."""
    if t.tzinfo is None:
        return t + by
    return (instant(t) + by).astimezone(t.tzinfo)


# --- working days ----------------------------------------------------------------------------


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    cal = holidays.country_holidays(HOLIDAY_COUNTRY, subdiv=HOLIDAY_SUBDIV, years=year)
    return frozenset(cal.keys())


def bank_holiday_name(d: date) -> str | None:
    """The bank holiday's name on ``d`` (England and Wales), or None."""
    cal = holidays.country_holidays(HOLIDAY_COUNTRY, subdiv=HOLIDAY_SUBDIV, years=d.year)
    return cal.get(d)


def is_working_day(d: date) -> bool:
    """Monday to Friday and not an England and Wales bank holiday."""
    return d.weekday() < 5 and d not in _bank_holidays(d.year)


def add_working_days(d: date, n: int) -> date:
    """The ``n``-th working day after day ``d`` (``d`` itself never counts)."""
    if n < 0:
        raise ValueError("n must be 0 or more")
    day = d
    while n > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


def working_day_deadline(t: datetime, n: int) -> datetime:
    """The last moment that is still "within ``n`` working days" of ``t``.

    "Within 1 working day" means by the end of the next working day, in force-local time:
    a decision on Friday 16:00 before a bank-holiday Monday is due by the end of Tuesday.
    Returned in ``t``'s form: a naive UTC instant, or aware in ``t``'s zone.
    """
    day = add_working_days(local(t).date(), n)
    end = datetime.combine(day, time(23, 59, 59)).replace(tzinfo=FORCE_TZ)
    if t.tzinfo is None:
        return end.astimezone(UTC).replace(tzinfo=None)
    return end.astimezone(t.tzinfo)


def within(start: datetime, t: datetime, deadline: datetime) -> bool:
    """``start`` <= ``t`` <= ``deadline`` as real instants."""
    return instant(start) <= instant(t) <= instant(deadline)


# --- durations in words ----------------------------------------------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def duration_words(d: timedelta | float) -> str:
    """A duration for people: "45 min", "1 h 30 min", "2 days 3 h" (``d`` in seconds or
    a timedelta). Minutes are dropped once a duration is two days or more."""
    seconds = d.total_seconds() if isinstance(d, timedelta) else float(d)
    if seconds < 0:
        seconds = -seconds
    minutes = int(seconds // 60)
    if minutes < 1:
        return "under 1 min"
    h, m = divmod(minutes, 60)
    if h < 48:
        if h == 0:
            return f"{m} min"
        return f"{h} h" + (f" {m} min" if m else "")
    days, h = divmod(h, 24)
    return _plural(days, "day") + (f" {h} h" if h else "")


def hours_words(hours: float) -> str:
    """A standard's limit given in hours, as the standard says it: 1.5 -> "1 h 30 min",
    72 -> "72 h" (a limit in whole hours stays in hours)."""
    if float(hours).is_integer() and hours >= 1:
        return f"{int(hours)} h"
    return duration_words(timedelta(hours=hours))


def days_words(days: int) -> str:
    return _plural(days, "day")


def when_words(t: datetime) -> str:
    """A recorded time for people, in force-local time: "3 Mar 2025 14:05"."""
    lt = local(t)
    return f"{lt.day} {lt:%b %Y %H:%M}"


def date_words(t: datetime | date) -> str:
    """A date for people: "3 Mar 2025"."""
    d = local(t).date() if isinstance(t, datetime) else t
    return f"{d.day} {d:%b %Y}"


# --- time covered by activity ----------------------------------------------------------------


def uncovered(
    start: datetime, end: datetime, busy: Iterable[tuple[datetime, datetime]]
) -> list[tuple[datetime, datetime]]:
    """Every stretch of ``start``..``end`` not covered by any ``busy`` interval, in order
    (naive UTC instants; an empty list when the whole period is covered)."""
    s_i, e_i = instant(start), instant(end)
    spans = sorted(
        (max(instant(a), s_i), min(instant(b), e_i)) for a, b in busy if instant(b) >= s_i
    )
    out: list[tuple[datetime, datetime]] = []
    cursor = s_i
    for a_i, b_i in spans:
        if a_i > e_i:
            break
        if a_i > cursor:
            out.append((cursor, a_i))
        cursor = max(cursor, b_i)
    if e_i > cursor:
        out.append((cursor, e_i))
    naive = start.tzinfo is None
    return [(a.replace(tzinfo=None), b.replace(tzinfo=None)) if naive else (a, b) for a, b in out]


def longest_gap(
    start: datetime, end: datetime, busy: Iterable[tuple[datetime, datetime]]
) -> tuple[timedelta, datetime, datetime]:
    """The longest stretch of ``start``..``end`` not covered by any ``busy`` interval.

    Returns (length, from, to); the length is zero when the whole period is covered. Times
    are compared as real instants and returned as given.
    """
    spans = sorted(
        (max(instant(a), instant(start)), min(instant(b), instant(end)), a, b)
        for a, b in busy
        if instant(b) >= instant(start) and instant(a) <= instant(end)
    )
    best = (timedelta(0), start, start)
    cursor, cursor_t = instant(start), start
    for a_i, b_i, a, b in spans:
        if a_i > cursor and a_i - cursor > best[0]:
            best = (a_i - cursor, cursor_t, a if instant(a) >= instant(start) else start)
        if b_i > cursor:
            cursor, cursor_t = b_i, (b if instant(b) <= instant(end) else end)
    if instant(end) > cursor and instant(end) - cursor > best[0]:
        best = (instant(end) - cursor, cursor_t, end)
    return best


__all__ = [
    "FORCE_TZ",
    "add_working_days",
    "bank_holiday_name",
    "date_words",
    "days_words",
    "duration_words",
    "elapsed",
    "hours_words",
    "instant",
    "is_working_day",
    "from_local",
    "local",
    "longest_gap",
    "shift",
    "uncovered",
    "when_words",
    "within",
    "working_day_deadline",
]

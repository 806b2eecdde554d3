"""Force-local time, working days with bank holidays, and durations in words."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from safeguard import timing as t


def test_duration_words() -> None:
    assert t.duration_words(timedelta(hours=1, minutes=30)) == "1 h 30 min"
    assert t.duration_words(timedelta(minutes=45)) == "45 min"
    assert t.duration_words(timedelta(hours=1)) == "1 h"
    assert t.duration_words(timedelta(hours=47, minutes=5)) == "47 h 5 min"
    assert t.duration_words(timedelta(days=2, hours=3, minutes=10)) == "2 days 3 h"
    assert t.duration_words(timedelta(days=1, hours=0)) == "24 h"
    assert t.duration_words(20) == "under 1 min"
    assert t.hours_words(1) == "1 h"
    assert t.hours_words(0.5) == "30 min"
    assert t.hours_words(72) == "72 h"
    assert t.hours_words(1.5) == "1 h 30 min"


def test_next_working_day_skips_weekend_and_bank_holiday() -> None:
    # Friday 2 May 2025; Monday 5 May 2025 is the early May bank holiday.
    assert t.add_working_days(date(2025, 5, 2), 1) == date(2025, 5, 6)
    assert not t.is_working_day(date(2025, 5, 5))
    assert t.bank_holiday_name(date(2025, 12, 25))
    # Christmas 2026: Friday 25 and Monday 28 (Boxing Day substitute) are bank holidays.
    assert t.add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)


def test_deadline_is_end_of_next_working_day_in_force_time() -> None:
    # Naive times are UTC instants: 15:00 UTC on Friday 2 May 2025 is 16:00 in London.
    ev = t.from_local(datetime(2025, 5, 2, 16, 0))
    due = t.working_day_deadline(ev, 1)
    assert t.local(due) == datetime(2025, 5, 6, 23, 59, 59)
    assert due == datetime(2025, 5, 6, 22, 59, 59)
    assert t.within(ev, t.from_local(datetime(2025, 5, 6, 23, 30)), due)
    assert not t.within(ev, t.from_local(datetime(2025, 5, 7, 8, 0)), due)
    # A Wednesday event: due by the end of Thursday, not 24 hours later (GMT in March).
    due = t.working_day_deadline(datetime(2025, 3, 5, 9, 0), 1)
    assert due == datetime(2025, 3, 6, 23, 59, 59)


def test_aware_times_are_read_in_force_local_time() -> None:
    # 23:30 UTC on Thursday 3 July 2025 is 00:30 on Friday in London (BST).
    ev = datetime(2025, 7, 3, 23, 30, tzinfo=UTC)
    assert t.local(ev) == datetime(2025, 7, 4, 0, 30)
    due = t.working_day_deadline(ev, 1)
    assert t.local(due) == datetime(2025, 7, 7, 23, 59, 59)


def test_elapsed_counts_real_time_over_a_clock_change() -> None:
    # Clocks went forward at 01:00 on 30 March 2025: 00:30 to 03:30 local is 2 real hours.
    a, b = t.from_local(datetime(2025, 3, 30, 0, 30)), t.from_local(datetime(2025, 3, 30, 3, 30))
    assert t.elapsed(a, b) == timedelta(hours=2)
    assert t.when_words(b) == "30 Mar 2025 03:30"


def test_longest_gap_measures_time_with_nothing_under_way() -> None:
    s, e = datetime(2025, 1, 1, 10), datetime(2025, 1, 1, 20)
    busy = [
        (datetime(2025, 1, 1, 10, 30), datetime(2025, 1, 1, 14)),  # a 3.5 h search
        (datetime(2025, 1, 1, 13), datetime(2025, 1, 1, 15)),  # overlapping CCTV review
        (datetime(2025, 1, 1, 18), datetime(2025, 1, 1, 18)),  # a moment
    ]
    gap, a, b = t.longest_gap(s, e, busy)
    assert (gap, a, b) == (timedelta(hours=3), datetime(2025, 1, 1, 15), datetime(2025, 1, 1, 18))
    gap, _, _ = t.longest_gap(s, e, [(datetime(2025, 1, 1, 9), datetime(2025, 1, 1, 21))])
    assert gap == timedelta(0)
    gap, a, b = t.longest_gap(s, e, [])
    assert (gap, a, b) == (timedelta(hours=10), s, e)


def test_uncovered_lists_every_stretch_with_nothing_under_way() -> None:
    s, e = datetime(2025, 1, 1, 10), datetime(2025, 1, 1, 20)
    busy = [
        (datetime(2025, 1, 1, 11), datetime(2025, 1, 1, 12)),
        (datetime(2025, 1, 1, 11, 30), datetime(2025, 1, 1, 13)),
        (datetime(2025, 1, 1, 21), datetime(2025, 1, 1, 22)),  # after the period
    ]
    assert t.uncovered(s, e, busy) == [
        (s, datetime(2025, 1, 1, 11)),
        (datetime(2025, 1, 1, 13), e),
    ]
    assert t.uncovered(s, e, [(datetime(2025, 1, 1, 9), datetime(2025, 1, 1, 21))]) == []

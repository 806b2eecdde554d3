"""Activity as spans: an action's recorded end, or the span written in its description."""

from __future__ import annotations

from datetime import datetime, timedelta

from safeguard.missing.activity import action_span, written_span
from safeguard.records.schema import EpisodeAction
from safeguard.timing import from_local

# 7 June 2025 is in summer time: local wall clock is UTC + 1.
AT = from_local(datetime(2025, 6, 7, 13, 50))
FOUND = from_local(datetime(2025, 6, 7, 18, 35))


def act(desc: str | None, at: datetime = AT, **kw: object) -> EpisodeAction:
    return EpisodeAction(
        id="A1", episode_id="E1", action_type="cctv", at=at, officer="PC 1", description=desc, **kw
    )


def test_recorded_end_wins() -> None:
    s = action_span(act("CCTV 1350-1400", ended_at=AT + timedelta(hours=3)), FOUND)
    assert (s.end - s.start, s.basis) == (timedelta(hours=3), "recorded end")


def test_written_range_in_local_time() -> None:
    s = action_span(act("Town centre and station CCTV review, ops room, 1350-1730."), FOUND)
    assert s.start == AT and s.end == from_local(datetime(2025, 6, 7, 17, 30))
    assert s.basis == "written in the description"


def test_range_past_midnight() -> None:
    at = from_local(datetime(2025, 3, 9, 1, 50))
    span = written_span("House to house near last location, 0150-0240.", at, None)
    assert span == (at, at + timedelta(minutes=50))
    at = from_local(datetime(2025, 3, 8, 23, 30))
    span = written_span("Area search 2330-0115", at, None)
    assert span == (at, at + timedelta(hours=1, minutes=45))


def test_until_found_runs_to_the_find() -> None:
    text = "PolSA-led search. Search commenced 1410, continued in sectors until Ethan found 1835."
    assert written_span(text, AT, FOUND) == (AT, FOUND)
    assert written_span("Searching until found.", AT, None) is None  # not found yet


def test_times_of_what_was_seen_are_not_the_actions_span() -> None:
    # Footage times hours before the review are what the CCTV showed, not the review itself.
    assert written_span("CCTV viewed: she boards the bus 0910-0915.", AT, FOUND) is None
    assert action_span(act("Bus stn CCTV viewed. Boards no.17 at 1612."), FOUND).basis == (
        "a moment"
    )


def test_for_a_duration() -> None:
    assert written_span("Patrolled the park for 2 hours", AT, None) == (AT, AT + timedelta(hours=2))
    assert written_span("Drone up for 45 mins", AT, None) == (AT, AT + timedelta(minutes=45))

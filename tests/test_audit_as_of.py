"""An audit "as of" a past time judges the records as they stood then (safeguard audit --as-of):
nothing made later counts, and what happened later had not happened yet."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

from audit_builders import AS_OF, T0, good_case, good_episode, note

from safeguard.audit.runner import Auditor, audit_cases
from safeguard.records import clock
from safeguard.records.case import case_at


def _later_case():  # type: ignore[no-untyped-def]
    """A good case, plus a second episode and a note that blames the child (never challenged),
    both a month after T0."""
    case = good_case()
    case.episodes.append(good_episode("E2", T0 + timedelta(days=30)))
    text = "She is putting herself at risk by going to the flat with older males."
    case.notes.append(note("N9", text, T0 + timedelta(days=31)))
    return case


def test_records_made_later_are_left_out_and_later_times_emptied():
    case = _later_case()
    first = case.episodes[0].episode
    when = first.reported_at + timedelta(hours=2)  # missing, not yet found
    then = case_at(case, when)
    assert [e.episode.id for e in then.episodes] == ["E1"]
    assert then.episodes[0].episode.found_at is None  # found later: still missing then
    (inv,) = then.investigations  # reported at T0, before ``when``: its later steps are not
    assert inv.investigation.closed_at is None
    assert all(r.reviewed_at <= when for r in inv.supervisor_reviews)
    assert len(inv.supervisor_reviews) < len(case.investigations[0].supervisor_reviews)
    assert all(n.written_at <= when for n in then.all_notes())
    assert all(r.graded_at <= when for r in then.episodes[0].risk_assessments)
    assert case.episodes[0].episode.found_at is not None  # the case itself is untouched
    # nothing later: the same case
    assert case_at(case, AS_OF) is case


def test_an_audit_as_of_a_past_time_judges_only_what_existed_then():
    case = _later_case()
    past = T0 + timedelta(days=10)
    (now,) = audit_cases([case], auditor=Auditor(as_of=AS_OF)).cases
    (then,) = audit_cases([_later_case()], auditor=Auditor(as_of=past)).cases
    assert {e.episode_id for e in now.episodes} == {"E1", "E2"}
    assert {e.episode_id for e in then.episodes} == {"E1"}
    assert any(f.record_id == "N9" for f in now.findings)  # the note, never challenged
    assert not any(f.record_id == "N9" or f.at > past for f in then.findings)
    # a case whose every record was made later is left out, not graded "good"
    assert audit_cases([_later_case()], auditor=Auditor(as_of=T0 - timedelta(days=1))).cases == []


def test_an_as_of_later_than_now_is_refused(tmp_path):  # type: ignore[no-untyped-def]
    future = (clock.utc_now() + timedelta(days=400)).date().isoformat()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "safeguard",
            "audit",
            "--db",
            str(tmp_path / "x.db"),
            "--as-of",
            future,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2 and "--as-of is later than now" in done.stderr

"""The audit over hand-built cases: language checks, case grades, JSON and HTML reports."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from audit_builders import AS_OF, T0, child, good_case, good_episode, good_investigation, note, upd

from safeguard.audit.report_html import render_html
from safeguard.audit.report_text import render_text
from safeguard.audit.runner import Auditor, audit_cases
from safeguard.records.case import Case

BLAMING = "She is putting herself at risk by going to parties with older men."


def audit(*cases: Case):  # type: ignore[no-untyped-def]
    return audit_cases(cases, auditor=Auditor(as_of=AS_OF))


def checks(result) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.check_id for f in result.findings}


def inv_case_with_notes(*notes) -> Case:  # type: ignore[no-untyped-def]
    ir = good_investigation()
    ir.notes = list(notes)
    return Case(child=child(), episodes=[good_episode()], investigations=[ir])


def test_good_practice_case_is_graded_good_with_no_findings() -> None:
    [r] = audit(good_case()).cases
    assert r.findings == [] and r.grade == "good"


def test_victim_blaming_note_unchallenged() -> None:
    n = note("N1", BLAMING, T0 + timedelta(days=1), record_type="investigation", record_id="I1")
    [r] = audit(inv_case_with_notes(n)).cases
    assert checks(r) == {"LANG-UNCHALLENGED"}  # one finding per note, not two
    vb = next(f for f in r.findings if f.check_id == "LANG-UNCHALLENGED")
    assert vb.record_id == "N1" and vb.record_type == "note"
    [ev] = vb.evidence
    assert ev.words == "putting herself at risk" and ev.note_id == "N1"
    assert BLAMING[ev.start : ev.end] == ev.words
    assert ev.category == "choice" and ev.suggestion


def test_victim_blaming_note_challenged_by_supervisor() -> None:
    n = note("N1", BLAMING, T0 + timedelta(days=1), record_type="investigation", record_id="I1")
    c = note(
        "N2",
        "DS review: describing her as 'putting herself at risk' is inappropriate; she is a child "
        "being groomed by adults.",
        T0 + timedelta(days=2),
        record_type="investigation",
        record_id="I1",
        author_role="DS",
        challenges_note_id="N1",
    )
    [r] = audit(inv_case_with_notes(n, c)).cases
    # Challenged the next day: the system working, so no finding, and the grade says so.
    assert checks(r) == set() and r.grade == "good"
    assert any("Good practice" in x and "after 24 h" in x for x in r.reasons)
    assert r.challenged_promptly == 1


def test_an_unlinked_supervisor_note_that_corrects_the_wording_is_a_challenge() -> None:
    n = note("N1", BLAMING, T0 + timedelta(days=1), record_type="investigation", record_id="I1")
    c = note(
        "N2",
        "Reviewed. She is not 'putting herself at risk': adults are grooming her. Use accurate "
        "language.",
        T0 + timedelta(days=1, hours=8),
        record_type="investigation",
        record_id="I1",
        author="PS 2118",
        author_role="PS",
    )
    [r] = audit(inv_case_with_notes(n, c)).cases
    assert checks(r) == set() and any("PS 2118 after 8 h" in x for x in r.reasons)
    agree = upd(c, text="Reviewed. Agree she is 'putting herself at risk'. Safety plan.")
    [r] = audit(inv_case_with_notes(n, agree)).cases
    assert "LANG-UNCHALLENGED" in checks(r)


def test_a_late_challenge_leaves_the_wording_as_a_minor_finding() -> None:
    n = note("N1", BLAMING, T0 + timedelta(days=1), record_type="investigation", record_id="I1")
    c = note(
        "N2",
        "Monthly review: 'putting herself at risk' is inappropriate wording.",
        T0 + timedelta(days=40),
        record_type="investigation",
        record_id="I1",
        author="DS 3306",
        author_role="DS",
    )
    [r] = audit(inv_case_with_notes(n, c)).cases
    [f] = r.findings
    assert f.check_id == "LANG-VICTIM-BLAMING" and f.severity == "minor"
    assert "39 days" in f.detail and "DS 3306" in f.detail


def test_a_risk_grade_is_not_victim_blaming_language() -> None:
    n = note(
        "N1",
        "Graded no apparent risk at first; regraded.",
        T0,
        record_type="investigation",
        record_id="I1",
    )
    [r] = audit(inv_case_with_notes(n)).cases
    assert checks(r) == set()


def test_hard_negatives_are_not_flagged() -> None:
    notes = [
        note(
            "N1",
            "The suspect said she was putting herself at risk.",
            T0,
            record_type="investigation",
            record_id="I1",
        ),
        note(
            "N2",
            "Strategy meeting held; safety plan agreed with carer.",
            T0,
            record_type="investigation",
            record_id="I1",
        ),
    ]
    [r] = audit(inv_case_with_notes(*notes)).cases
    assert r.findings == []


def test_case_grades_follow_severity() -> None:
    minor_only = inv_case_with_notes(
        note("N1", BLAMING, T0, record_type="investigation", record_id="I1"),
        note(
            "N2",
            "DS: 'putting herself at risk' is the wrong wording; she is being exploited.",
            T0 + timedelta(days=30),
            record_type="investigation",
            record_id="I1",
            challenges_note_id="N1",
        ),
    )  # challenged a month later: the wording stood uncorrected (minor)
    serious = good_case()
    serious.investigations[0].investigation = upd(
        serious.investigations[0].investigation, crime_recorded_at=None
    )
    report = audit(minor_only, serious)
    assert [r.grade for r in report.cases] == ["requires_improvement", "inadequate"]
    assert any("1 serious finding" in x for x in report.cases[1].reasons)
    assert report.grade_counts() == {"good": 0, "requires_improvement": 1, "inadequate": 1}


def test_headlines_in_the_inspections_form() -> None:
    blamed = inv_case_with_notes(
        note("N1", BLAMING, T0, record_type="investigation", record_id="I1")
    )
    report = audit(blamed, good_case(id="C2"), good_case(id="C3"))
    heads = report.headlines()
    assert "1 of 3 cases contained victim-blaming language" in heads
    assert "1 of 3 cases inadequate" not in heads  # one unchallenged note is a major finding
    assert "1 of 3 cases require improvement" in heads
    assert "2 of 3 cases good" in heads


def test_episode_grade_is_explained_in_words() -> None:
    case = Case(child=child(in_care=True), episodes=[good_episode(level="medium")])
    case.episodes[0].risk_assessments[0] = upd(case.episodes[0].risk_assessments[0], level="medium")
    [r] = audit(case).cases
    [e] = r.episodes
    assert e.assessed == "medium" and e.recorded == "medium"
    assert e.explanation == "medium because the child is in care"


def test_json_is_stable_and_documented() -> None:
    blamed = inv_case_with_notes(
        note("N1", BLAMING, T0, record_type="investigation", record_id="I1")
    )
    d = json.loads(json.dumps(audit(blamed, good_case(id="C2")).as_dict()))
    assert d["format"] == "safeguard-audit" and d["version"] == 1
    assert set(d) == {
        "format",
        "version",
        "generated_at",
        "as_of",
        "filters",
        "summary",
        "standards",
        "cases",
    }
    assert d["summary"]["cases"] == 2 and d["summary"]["grades"]["good"] == 1
    case = d["cases"][0]
    assert set(case) == {
        "child_id",
        "team",
        "grade",
        "reasons",
        "period",
        "last_activity",
        "counts",
        "repeat_missing",
        "episodes",
        "findings",
        "obligations",
    }
    f = case["findings"][0]
    assert set(f) == {
        "check",
        "title",
        "source",
        "severity",
        "area",
        "child_id",
        "record_type",
        "record_id",
        "at",
        "detail",
        "dates",
        "related_ids",
        "evidence",
        "due_at",
    }
    # Every key named in the documentation exists, and the other way round.
    doc = (
        __import__("pathlib").Path(__file__).resolve().parent.parent / "docs" / "audit-json.md"
    ).read_text()
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", doc, re.M))
    used = (
        set(d)
        | set(d["summary"])
        | set(case)
        | set(f)
        | set(f["evidence"][0])
        | set(case["episodes"][0])
    )
    assert used <= documented, used - documented


def test_html_is_self_contained_and_accessible() -> None:
    blamed = inv_case_with_notes(
        note("N1", BLAMING, T0, record_type="investigation", record_id="I1")
    )
    html = render_html(audit(blamed, good_case(id="C2")))
    assert "<script" not in html.lower()
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html)
    assert "<link" not in html
    # every chart has a title and a description first thing, for screen readers
    assert (
        len(re.findall(r'<svg [^>]*role="img"[^>]*><title>[^<]+</title><desc>', html))
        == html.count("<svg")
        >= 4
    )
    assert '<html lang="en">' in html and "<caption>" in html
    assert "1 of 2</strong>cases contained victim-blaming language" in html
    assert 'href="#case-C1"' in html and 'id="case-C1"' in html
    assert "<mark>putting herself at risk</mark>" in html
    assert "Children are shown by pseudonymous id only" in html


def test_text_summary() -> None:
    text = render_text(
        audit(
            inv_case_with_notes(
                note("N1", BLAMING, T0, record_type="investigation", record_id="I1")
            )
        )
    )
    assert "1 of 1 cases contained victim-blaming language" in text
    assert "LANG-UNCHALLENGED" in text


def test_open_cases_measured_to_the_audit_date() -> None:
    case = good_case()
    case.episodes[0].episode = upd(
        case.episodes[0].episode, reported_at=AS_OF - timedelta(days=3), found_at=None
    )
    case.episodes[0].actions = []
    [r] = audit(case).cases
    assert "MIS-NO-PROACTIVE-ACTION" in checks(r)


def test_no_cases() -> None:
    report = audit_cases([], auditor=Auditor(as_of=AS_OF), filters={"team": "Nowhere"})
    assert render_text(report) == "No cases to audit (team Nowhere).\n"
    assert "<strong>0 of 0</strong>cases inadequate" in render_html(report)


def test_progress_bar_only_when_enabled() -> None:
    import io

    from safeguard.audit.progress import Progress

    out = io.StringIO()
    p = Progress(10, enabled=True, stream=out, min_interval=0)
    p.update(1)
    p.update(4)
    p.done()
    shown = out.getvalue()
    assert "Auditing cases" in shown and "1/10" in shown and "4/10" in shown
    assert "<00:" in shown  # an estimate of the time left
    quiet = io.StringIO()
    Progress(10, enabled=False, stream=quiet).update(5)
    assert quiet.getvalue() == ""


def test_wording_is_due_a_challenge_until_the_prompt_hours_pass() -> None:
    """A supervisor has the standard's 72 hours to challenge wording: a note written 10 hours
    before the audit is due a challenge (on the queue, with its words), not yet a finding; at
    73 hours it is a finding that still carries the words."""
    from safeguard.audit.runner import Auditor

    for hours, finding in ((10, False), (73, True)):
        n = note(
            "N1",
            BLAMING,
            AS_OF - timedelta(hours=hours),
            record_type="investigation",
            record_id="I1",
        )
        result = Auditor(as_of=AS_OF).audit_case(inv_case_with_notes(n))
        assert ("LANG-UNCHALLENGED" in {f.check_id for f in result.findings}) is finding, hours
        obs = [o for o in result.obligations if o.check_id == "LANG-UNCHALLENGED"]
        if finding:
            # a past note is a finding, not kept on the queue as an obligation
            (f,) = [f for f in result.findings if f.check_id == "LANG-UNCHALLENGED"]
            assert [e.words for e in f.evidence] == ["putting herself at risk"]
            assert obs == [] and f.due_at is None  # open: the queue lists it until challenged
        else:
            (ob,) = obs
            assert ob.record_id == "N1" and "putting herself at risk" in ob.what
            assert [e.words for e in ob.evidence] == ["putting herself at risk"]
            # once overdue the obligation says what the audit's finding would
            assert ob.as_finding().detail.endswith("(standard: within 72 h).")

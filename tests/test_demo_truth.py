"""The demo data's truth file matches the records: re-derived here from the files themselves,
and compared with what the audit finds in the same cases."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from datetime import datetime, timedelta

import pytest

from safeguard.demo import write_demo
from safeguard.demo.bank import load_bank
from safeguard.demo.cases import to_case
from safeguard.demo.generator import make_context
from safeguard.demo.write import iter_demo
from safeguard.records.io import read_records

N = 300
SEED = 1

CHECK_IDS = {
    "MIS-GRADE-LOW", "MIS-NO-APPARENT-RISK", "MIS-GRADE-UNCONFIRMED", "MIS-NO-PROACTIVE-ACTION",
    "MIS-REPEAT-NO-SCREENING", "MIS-NO-INPERSON-CHECK", "MIS-RHI-LATE",
    "INV-NO-PLAN", "INV-NO-SUPERVISOR-REVIEW", "INV-SLOW-FIRST-ACTION",
    "INV-SUSPECT-NOT-DISRUPTED", "INV-CHILD-NOT-UPDATED", "INV-PARENT-NOT-UPDATED",
    "INV-KEY-DECISION-LATE", "INV-NO-NEEDS-ASSESSMENT", "INV-NO-REFERRAL", "INV-NO-EVIDENCE-LED",
    "INV-THIRD-PARTY-NOT-RECORDED", "LANG-VICTIM-BLAMING", "LANG-UNCHALLENGED",
}  # fmt: skip
#: Truth lines about victim-blaming wording: unchallenged, challenged late (findings), and
#: challenged promptly (seeded, not a finding).
LANG_LINES = ("LANG-UNCHALLENGED", "LANG-VICTIM-BLAMING", "LANG-CHALLENGED")


def _blaming(truth: list[dict]) -> set[str]:
    return {t["record_id"] for t in truth if t["check"] in LANG_LINES}


# Wording the language guide says to avoid (all six themes). None may appear in a note that
# the truth file does not list as victim-blaming (challenges quote it, so they are excluded).
AVOID = [
    r"sexually active", r"seeking out", r"sex work", r"prostitut", r"exchanging sex",
    r"consensual", r"willing", r"boyfriend", r"explicit pictures", r"relationship",
    r"putting (?:her|him)self at risk", r"lifestyle", r"chose to", r"risky", r"poor choices",
    r"keeps going back", r"getting into cars", r"runner", r"dealer", r"dealing", r"working the line",
    r"recruited", r"county lines", r"gang", r"money mule", r"plugging", r"abscond", r"serial",
    r"persistent", r"frequent flyer", r"will turn up", r"always comes back", r"absent",
    r"promiscuous", r"manipulative", r"attention seeking", r"streetwise", r"mature for",
    r"uncooperative", r"non-compliant", r"refused to engage", r"not credible",
    r"report it (?:her|him)self", r"makes a complaint", r"makes a statement", r"must report",
]  # fmt: skip
AVOID_RE = re.compile(r"\b(?:" + "|".join(AVOID) + r")", re.IGNORECASE)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, list], list[dict]]:
    out = tmp_path_factory.mktemp("demo")
    write_demo(out, children=N, seed=SEED, fmt="jsonl")
    records: dict[str, list] = defaultdict(list)
    for entity, _row, record, problems in read_records(out):
        assert not problems
        records[entity].append(record)
    truth = [json.loads(x) for x in (out / "truth.jsonl").read_text().splitlines()]
    return records, truth


def _truth(truth: list[dict], check: str) -> set[str]:
    return {t["record_id"] for t in truth if t["check"] == check}


# --- independent re-derivation from the files -----------------------------------------


def test_rhi_and_safe_and_well_truth_match_the_records(demo) -> None:  # type: ignore[no-untyped-def]
    records, truth = demo
    offers: dict[str, list[datetime]] = defaultdict(list)
    for r in records["return_home_interviews"]:
        if r.offered_at:
            offers[r.episode_id].append(r.offered_at)
    in_person = {c.episode_id for c in records["safe_and_well_checks"] if c.mode == "in_person"}
    late, no_check = set(), set()
    for e in records["missing_episodes"]:
        first = min(offers[e.id], default=None)
        if first is None or first - e.found_at > timedelta(hours=72):
            late.add(e.id)
        if e.id not in in_person:
            no_check.add(e.id)
    assert late and no_check
    assert _truth(truth, "MIS-RHI-LATE") == late
    assert _truth(truth, "MIS-NO-INPERSON-CHECK") == no_check


def test_grading_truth_matches_the_records(demo) -> None:  # type: ignore[no-untyped-def]
    records, truth = demo
    levels = ["no_apparent_risk", "low", "medium", "high"]
    factor_level = load_bank().factor_levels
    nar, low = set(), set()
    for r in records["risk_assessments"]:
        if r.level == "no_apparent_risk":
            nar.add(r.episode_id)
        justified = [levels.index(factor_level[f]) for f in r.factors]
        if justified and levels.index(r.level) < max(justified):
            low.add(r.episode_id)
    assert _truth(truth, "MIS-NO-APPARENT-RISK") == nar
    assert _truth(truth, "MIS-GRADE-LOW") == low


def test_investigation_truth_matches_the_records(demo) -> None:  # type: ignore[no-untyped-def]
    records, truth = demo
    referred = {r.investigation_id for r in records["referrals"]}
    expect: dict[str, set[str]] = defaultdict(set)
    for i in records["investigations"]:
        if i.plan_recorded_at is None or i.plan_recorded_at - i.reported_at > timedelta(days=7):
            expect["INV-NO-PLAN"].add(i.id)
        if i.first_action_at is None or i.first_action_at - i.reported_at > timedelta(hours=24):
            expect["INV-SLOW-FIRST-ACTION"].add(i.id)
        if i.reported_by != "child" and i.crime_recorded_at is None:
            expect["INV-THIRD-PARTY-NOT-RECORDED"].add(i.id)
        if i.id not in referred:
            expect["INV-NO-REFERRAL"].add(i.id)
        if i.needs_assessment_at is None:
            expect["INV-NO-NEEDS-ASSESSMENT"].add(i.id)
        if i.child_supports_prosecution == "no" and i.evidence_led_considered_at is None:
            expect["INV-NO-EVIDENCE-LED"].add(i.id)
    for check, ids in expect.items():
        assert ids, check
        assert _truth(truth, check) == ids, check


def test_unchallenged_truth_matches_the_notes(demo) -> None:  # type: ignore[no-untyped-def]
    records, truth = demo
    blaming = _blaming(truth)
    challenged = {n.challenges_note_id for n in records["notes"] if n.challenges_note_id}
    assert challenged and challenged <= blaming
    assert _truth(truth, "LANG-UNCHALLENGED") == blaming - challenged
    # One line per note: unchallenged, challenged late, or challenged promptly.
    assert sum(1 for t in truth if t["check"] in LANG_LINES) == len(blaming)
    assert _truth(truth, "LANG-VICTIM-BLAMING") and _truth(truth, "LANG-CHALLENGED")


# --- shape and rates of the truth file -------------------------------------------------


def test_truth_lines_point_at_real_records(demo) -> None:  # type: ignore[no-untyped-def]
    records, truth = demo
    ids = {
        "MIS": {e.id: e.child_id for e in records["missing_episodes"]},
        "INV": {i.id: i.child_id for i in records["investigations"]},
        "LANG": {n.id: n.child_id for n in records["notes"]},
    }
    children = {c.id for c in records["children"]}
    flagged: Counter[str] = Counter()
    good = set()
    for t in truth:
        assert t["child_id"] in children
        if t["check"] == "GOOD-PRACTICE":
            assert set(t) == {"check", "child_id"}
            good.add(t["child_id"])
            continue
        assert t["check"] in CHECK_IDS | {"LANG-CHALLENGED"}
        assert ids[t["check"].split("-")[0]][t["record_id"]] == t["child_id"]
        assert t["detail"]
        flagged[t["child_id"]] += 1
    assert not good & set(flagged), "a good-practice case has a seeded defect"
    assert good | set(flagged) == children, "every child is either flagged or good practice"
    assert 0.1 <= len(good) / N <= 0.4
    assert {t["check"] for t in truth} == CHECK_IDS | {"GOOD-PRACTICE", "LANG-CHALLENGED"}


def test_about_half_the_investigations_have_victim_blaming_notes(demo) -> None:  # type: ignore[no-untyped-def]
    records, truth = demo
    blaming = _blaming(truth)
    investigations = {i.id for i in records["investigations"]}
    with_blame = {
        n.record_id
        for n in records["notes"]
        if n.id in blaming and n.record_type == "investigation"
    }
    assert 0.35 <= len(with_blame) / len(investigations) <= 0.7
    unchallenged = _truth(truth, "LANG-UNCHALLENGED")
    assert 0.4 <= len(unchallenged) / len(blaming) <= 0.9
    themes = Counter(
        re.search(r"\(([a-z ]+)\)", t["detail"]).group(1)  # type: ignore[union-attr]
        for t in truth
        if t["check"] in LANG_LINES
    )
    assert set(themes) == {"sexual agency", "choice", "criminal", "missing", "character", "process"}


def test_language_is_clear_either_way(demo) -> None:  # type: ignore[no-untyped-def]
    records, truth = demo
    wording = {
        t["record_id"]: re.search(r'"(.+)"', t["detail"]).group(1)  # type: ignore[union-attr]
        for t in truth
        if t["check"] in LANG_LINES
    }
    notes = {n.id: n for n in records["notes"]}
    for n in records["notes"]:
        if n.challenges_note_id:
            phrase = wording[n.challenges_note_id]
            assert f"'{phrase}'" in n.text, "a challenge quotes the wording it corrects"
            assert re.search(r"inappropriate|must not|should not|do not accept|wrong", n.text)
            assert n.author_role in ("DS", "DI")
        elif n.id in wording:
            assert wording[n.id] in n.text
        else:
            hit = AVOID_RE.search(n.text)
            assert hit is None, f"note {n.id} uses {hit.group(0)!r} but is not in the truth file"
    assert len(notes) > len(wording)


# --- agreement with the audit ----------------------------------------------------------


def test_truth_agrees_with_the_audit() -> None:
    """Every structural defect in the truth file is what the audit finds, and nothing else.

    Language is compared too: the audit must find no victim-blaming where the truth has none,
    and find nearly all that the truth lists (its context rules may still miss a few).
    """
    from safeguard.audit.runner import Auditor

    auditor = Auditor(as_of=make_context(SEED).end)
    missed: list[tuple[str, str]] = []
    extra: list[tuple[str, str]] = []
    blaming = found_blaming = 0
    for child, lines in iter_demo(120, SEED):
        truth = {
            (t["check"], t["record_id"])
            for t in lines
            if t["check"] not in ("GOOD-PRACTICE", "LANG-CHALLENGED")
        }
        result = auditor.audit_case(to_case(child.records))
        found = {(f.check_id, f.record_id) for f in result.findings}
        missed += [t for t in truth - found if not t[0].startswith("LANG")]
        extra += sorted(found - truth)
        blaming += sum(1 for t in truth if t[0].startswith("LANG-"))
        found_blaming += sum(1 for t in truth & found if t[0].startswith("LANG-"))
    assert not missed, f"in truth but not found by the audit: {missed[:5]}"
    assert not extra, f"found by the audit but not in truth: {extra[:5]}"
    assert blaming and found_blaming >= 0.9 * blaming

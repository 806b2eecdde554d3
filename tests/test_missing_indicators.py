"""Exploitation indicators read from notes: a positive and a hard negative for each kind."""

from __future__ import annotations

from datetime import datetime

import pytest

from safeguard.indicators import RULES_DIR, default_rules, find_indicators
from safeguard.records.schema import Note


def n(text: str) -> Note:
    return Note(
        id="N1",
        record_type="child",
        record_id="C1",
        child_id="C1",
        author="PC 1",
        author_role="PC",
        written_at=datetime(2025, 1, 1, 9, 0),
        text=text,
    )


CASES = [
    (
        "older-associates",
        "Seen at the bus station with older males again.",
        "Her older brother collected her from school.",
    ),
    (
        "unexplained-money",
        "Found with £300 in cash she could not explain.",
        "She gets £10 pocket money from her carer.",
    ),
    (
        "gifts-phones",
        "Carer has noticed a new iPhone that she cannot explain.",
        "Her phone was not charged so she could not call.",
    ),
    (
        "travel-other-areas",
        "Located by BTP in Margate, a coastal town, at 0300.",
        "She walked to school with friends.",
    ),
    (
        "cars-with-adults",
        "Seen getting into a car driven by an older man outside the home.",
        "Carer drove her to the dentist.",
    ),
    (
        "drugs-alcohol-supplied",
        "She says an older male supplied drugs to her at the flat.",
        "No indication she was given alcohol.",
    ),
    (
        "suspect-address",
        "Found at an address linked to a suspect in the investigation.",
        "Found at her grandmother's address.",
    ),
    (
        "online-contact",
        "Has been messaging an adult she met on Snapchat.",
        "She uses Snapchat to talk to classmates.",
    ),
    (
        "county-lines",
        "Last time found out of area, believed to be working the line for older males.",
        "Rang the force control line for an update.",
    ),
    (
        "online-grooming",
        "The man told her to keep it secret and asked her for pictures.",
        "She showed her mum the messages.",
    ),
]


def test_free_text_rationale_shows_county_lines_signs() -> None:
    text = (
        "Last time he was found in Bournemouth with £600 and a burner phone, believed to be "
        "moving drugs for a county lines group. He always comes back."
    )
    cats = {i.category for i in find_indicators([n(text)])}
    assert {"travel-other-areas", "unexplained-money", "gifts-phones", "county-lines"} <= cats


def test_negated_signs_do_not_count() -> None:
    text = "No CSE or CCE intel, no concerns about county lines, not found with cash or phones."
    assert "county-lines" not in {i.category for i in find_indicators([n(text)])}


def test_every_rule_file_is_covered() -> None:
    assert {c for c, _, _ in CASES} == set(default_rules().categories)
    assert len(list(RULES_DIR.glob("*.yml"))) == len(CASES)


@pytest.mark.parametrize(("category", "positive", "negative"), CASES)
def test_indicator(category: str, positive: str, negative: str) -> None:
    found = find_indicators([n(positive)])
    assert category in {i.category for i in found}, positive
    hit = next(i for i in found if i.category == category)
    assert hit.note_id == "N1" and positive[hit.start : hit.end] == hit.words
    assert hit.rule_id.startswith(category + "/") and hit.source and hit.why
    assert category not in {i.category for i in find_indicators([n(negative)])}, negative


def test_reported_by_a_carer_still_counts() -> None:
    # Parents and carers report most signs of exploitation; reported speech does not weaken it.
    [i] = find_indicators([n("Mum says she has a new phone.")])
    assert i.category == "gifts-phones" and i.score >= 0.5
    assert i.context  # the reason is still recorded


def test_cues_next_to_each_other_are_one_sign() -> None:
    from safeguard.missing.grading import distinct_signs

    t1 = "She was picked up by a car driven by an adult male."
    one = find_indicators([n(t1)])
    assert len({i.category for i in one}) == 2 and distinct_signs(one, {"N1": t1}) == 1
    t2 = "Getting into cars with older males. Last time found in Reading with £400."
    assert distinct_signs(find_indicators([n(t2)]), {"N1": t2}) == 2


@pytest.mark.parametrize("which", ["indicators", "risk_cues"])
def test_every_rule_keeps_its_own_examples(which: str) -> None:
    from safeguard.missing.grading import risk_cue_rules

    rules = default_rules() if which == "indicators" else risk_cue_rules()
    for r in rules.rules:
        for ex in r.examples_flag:
            assert any(i.rule_id == r.id for i in find_indicators([n(ex)], rules=rules)), ex
        for ex in r.examples_ok:
            assert not any(i.rule_id == r.id for i in find_indicators([n(ex)], rules=rules)), ex

"""Classes of real wording (issue 15): what must be flagged, and the context that must leave
the same words alone (adult subjects, negation, narration, definitions, corrections, ordinary
activities). Sentences written for these tests, not taken from the labelled sets."""

from __future__ import annotations

import pytest

from safeguard.language.checker import Checker


def _rules_only(text: str):  # type: ignore[no-untyped-def]
    return Checker(use_model=False).check(text)


def _kinds(text: str) -> set[str]:
    return {r.kind for f in Checker(use_model=False, min_score=0.0).check(text) for r in f.reasons}


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("It is her own fault for going back there.", "choice/own-fault"),
        (
            "He is responsible for his own actions and allowed himself to be used.",
            "choice/own-fault",
        ),
        ("She made an educated decision to sell sex.", "choice/own-fault"),
        ("Jade has had four sexual partners this year.", "sexual_agency/sexual-history"),
        ("He appears comfortable with the sexual contact.", "sexual_agency/sexual-history"),
        (
            "She was behaving sexually inappropriately with adult males.",
            "sexual_agency/sexual-history",
        ),
        ("She is mouthy and has an attitude problem.", "character/labels"),
    ],
)
def test_new_classes_flag_in_a_case_note(text: str, rule: str):
    assert rule in {f.rule for f in _rules_only(text)}
    assert Checker().check(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # adult subjects
        ("The female associate (26) was uncooperative with officers.", "adult_subject"),
        ("Her grandmother is unwilling to engage with the assessment.", "adult_subject"),
        ("The woman running the flat is sly and devious.", "adult_subject"),
        ("The headteacher has a bad attitude towards police.", "adult_subject"),
        # negation
        ("Nobody should call this girl promiscuous.", "negated"),
        ("There is no evidence that she was a willing participant.", "negated"),
        ("It would be wrong to treat her as a drug dealer.", "negated"),
        ("There is no sense in which this was consensual.", "negated"),
        # narration of what professionals said
        ("She was told by the police that it was her own fault.", "narrated"),
        # definitions and general statements
        (
            "Fear of what might happen if they do not comply can be a significant factor.",
            "definition",
        ),
        (
            "That can include sex with a child; the production of indecent images of children.",
            "definition",
        ),
        ("There are children in that group who are labelled as promiscuous.", "generic"),
        # a correction written as narrative
        (
            "Young people may present as streetwise when really they are being controlled.",
            "about_wording",
        ),
    ],
)
def test_context_leaves_the_words_alone(text: str, kind: str):
    assert kind in _kinds(text)
    assert not _rules_only(text)


@pytest.mark.parametrize(
    "text",
    [
        "He willingly helped staff tidy the garden.",
        "YP went willingly to the dentist for the first time.",
        "She voluntarily disclosed more at the second interview.",
        "She chose her own keyworker from the staff team.",
        "Bank statements were obtained with his consent.",
    ],
)
def test_ordinary_choices_are_not_flagged(text: str):
    assert not _rules_only(text)


@pytest.mark.parametrize(
    "text",
    [
        "She went willingly with the men to the hotel.",
        "The 15yo (15) was a willing participant.",
        "It was his own fault that he got arrested.",
    ],
)
def test_the_same_words_about_the_child_still_flag(text: str):
    assert _rules_only(text)

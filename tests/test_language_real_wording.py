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


# Classes found in the train split's errors (scripts/train_language_model.py --errors): the rules
# and context now match them. Whether the model agrees decides what the default mode reports.
@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # an adjective label before "child" describes the child ("with the child" is an object)
        ("She is an attention-seeking child.", "character/labels"),
        ("YP is a promiscuous child.", "character/promiscuous"),
        # a carer or professional describing the child: the words are about the child
        ("Staff feel she is mature for her age.", "character/labels"),
        ("Staff describe her as very streetwise.", "character/streetwise"),
        (
            "School and mother both describe the girl as a compulsive liar.",
            "character/manipulative",
        ),
        ("Officers found the YP to be uncooperative.", "character/uncooperative"),
        # hindsight and rhetorical blame
        ("Why didn't she speak up?", "choice/hindsight"),
        ("What did you expect was going to happen?", "choice/hindsight"),
        ("But what were you wearing?", "choice/hindsight"),
        # labels
        ("She led him on.", "sexual_agency/consent"),
        ("She is a tart.", "character/promiscuous"),
        ("He is nothing but trouble.", "character/labels"),
        ("You're a bad kid.", "character/labels"),
        ("They are naughty and thuggish.", "character/labels"),
    ],
)
def test_train_error_classes_match_a_rule(text: str, rule: str):
    assert rule in {f.rule for f in _rules_only(text)}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the practice of seeing children a certain way, narrated
        (
            "The criminalisation of young girls as prostitutes causes them further trauma.",
            "narrated",
        ),
        ("We are happier looking at children as troublesome than as victims.", "narrated"),
        # a suspect's words stay the suspect's: no switch to the child after "said"
        ("The suspect said she was up for it.", "adult_subject"),
        ("He engaged in sexual activity with the child.", "adult_subject"),
        ("The men engaged in sexual activity with children at the flat.", "adult_subject"),
    ],
)
def test_train_error_contexts_leave_the_words_alone(text: str, kind: str):
    assert kind in _kinds(text)
    assert not _rules_only(text)


@pytest.mark.parametrize(
    "text",
    [
        # a word slot of a pattern never takes a negation
        "Her account is not unreliable just because it has changed.",
        "Her story was never inconsistent.",
        "Some of them will never come home unless adults act.",
        # language guides give "testing boundaries" as the wording to use instead
        "She is testing boundaries or seeking safety.",
        # "led" is not "led him on"
        "The boy led the officers to the flat.",
    ],
)
def test_negations_and_reframes_are_not_flagged(text: str):
    assert not _rules_only(text)


def test_a_word_slot_still_takes_other_words():
    assert "character/not-credible" in {
        f.rule for f in _rules_only("Her account is very unreliable.")
    }
    assert "missing/will-turn-up" in {f.rule for f in _rules_only("She will probably turn up.")}

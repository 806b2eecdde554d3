"""Structured context: each reason is a typed value (kind, cue span) whose kind keys its weight
and its model feature; suggestions fitted to the sentence; the rule set's lazy compilation."""

from __future__ import annotations

from importlib import resources

import pytest

from safeguard.language.checker import Checker, _rules
from safeguard.language.features import features
from safeguard.language.suggest import fit_suggestion
from safeguard.textrules import REASON_KINDS, Reason, RuleSet, Span
from safeguard.textrules.context import cues


def _only(text: str):
    (f,) = Checker(min_score=0.0, use_model=False).check(text)
    return f


def test_negation_reason_is_typed_with_its_cue_span():
    text = "There is no suggestion she is putting herself at risk."
    f = _only(text)
    (r,) = f.reasons
    assert r.kind == "negated"
    assert r.cue is not None and text[r.cue.start : r.cue.end] == r.cue.text == "no"
    assert f.context == ["negated by 'no'"]


def test_adult_subject_reason_points_at_the_adult():
    text = "The 32-year-old courier is a drug runner for the line."
    f = _only(text)
    kinds = {r.kind for r in f.reasons}
    assert "adult_subject" in kinds
    (r,) = [r for r in f.reasons if r.kind == "adult_subject"]
    assert r.cue is not None and "32-year-old" in r.cue.text


def test_every_weight_is_a_known_kind_and_every_kind_has_a_weight():
    assert set(cues().weights) == set(REASON_KINDS)


def test_unknown_weight_kind_is_refused():
    from importlib import resources

    from safeguard.textrules.datafile import DataFileError, check

    text = resources.files("safeguard.textrules").joinpath("context.yml").read_text("utf-8")
    assert "  negated:" in text
    bad = text.replace("  negated:", "  negation:", 1)  # a typo for "negated"
    with pytest.raises(DataFileError, match="unknown context kind") as exc:
        check("context.yml", bad.encode(), "ContextSpec")
    assert exc.value.errors[0]["loc"][0] == "weights"
    # in words for whoever edited it: the file and the field, not pydantic's dump
    assert str(exc.value).startswith("context.yml: field 'weights': unknown context kind(s)")
    assert "pydantic" not in str(exc.value) and "input_value" not in str(exc.value)


def test_reason_kind_is_checked():
    with pytest.raises(ValueError):
        Reason("negation", None)


def test_model_features_use_the_kind_not_the_words():
    text = "There is no suggestion she is putting herself at risk."
    matches = _rules().find(text)
    feats = features(text, matches)
    assert "ctx:negated" in feats
    assert not any(f.startswith("ctx:") and f != "ctx:negated" for f in feats)


def test_generic_statement_about_children_is_discounted():
    f = _only("Children who go missing are often seen as making lifestyle choices.")
    assert {r.kind for r in f.reasons} & {"generic", "attributed"}
    assert f.score < 0.5


@pytest.mark.parametrize(
    "text",
    ["These girls are prostitutes.", "These boys are dealing drugs."],
)
def test_these_children_are_particular_children_not_children_in_general(text):
    # "these" points at children the note has just named; only quantified or modal wording
    # ("some girls", "young people may") is about children in general
    f = _only(text)
    assert "generic" not in {r.kind for r in f.reasons}
    assert Checker().check(text)


@pytest.mark.parametrize(
    "text",
    ["He is complicit in his own exploitation.", "The child is complicit in her own exploitation."],
)
def test_complicit_in_own_abuse_said_of_a_child_is_not_about_the_wording(text):
    # the phrase alone once counted as talk about the wording (score 0.20): it is what a guide
    # explains, but said of a child in a note it is the blaming itself
    assert "about_wording" not in {r.kind for r in _only(text).reasons}
    assert Checker().check(text)


@pytest.mark.parametrize(
    "text",
    [
        "The term implies that a child is complicit in their own abuse.",
        "They gave examples of institutions treating victims as complicit in their own abuse.",
    ],
)
def test_explaining_what_complicit_implies_is_about_the_wording(text):
    assert "about_wording" in {r.kind for r in _only(text).reasons}
    assert not Checker().check(text)


def test_children_in_general_with_a_modal_stay_discounted():
    f = _only("These young people may be drawn into selling drugs.")
    assert "generic" in {r.kind for r in f.reasons}


def test_span_is_one_type_from_match_to_finding():
    text = "AB is seeking out sex with older men."
    (m,) = _rules().find(text)
    f = _only(text)
    assert isinstance(m.span, Span) and f.span == m.span
    assert f.as_dict()["text"] == text[f.start : f.end]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("He is putting himself at risk.", "adults are placing him at risk"),
        ("They are putting themselves at risk.", "adults are placing them at risk"),
        ("She is putting herself at risk.", "adults are placing her at risk"),
    ],
)
def test_suggestion_fits_the_child(text: str, want: str):
    f = _only(text)
    assert want in f.suggestion


def test_suggestion_uses_the_childs_name_as_written():
    s = '"services have not yet engaged her"; "adults are exploiting her vulnerability"'
    text = "Jamal is hard to reach."
    out = fit_suggestion(s, text, text.index("hard"))
    assert (
        out
        == '"services have not yet engaged Jamal"; "adults are exploiting Jamal\'s vulnerability"'
    )


def test_rules_load_the_same_with_and_without_the_anchor_cache(tmp_path, monkeypatch):
    import safeguard.language
    from safeguard.textrules import ruleset

    folder = ruleset.Path(safeguard.language.__file__).parent / "rules"
    fresh = ruleset._AnchorCache()
    monkeypatch.setattr(fresh, "_path", lambda: tmp_path / "anchors.json")
    monkeypatch.setattr(ruleset, "_ANCHORS", fresh)
    cold = RuleSet.load(folder)
    assert (tmp_path / "anchors.json").is_file()
    warm_cache = ruleset._AnchorCache()
    monkeypatch.setattr(warm_cache, "_path", lambda: tmp_path / "anchors.json")
    monkeypatch.setattr(ruleset, "_ANCHORS", warm_cache)
    warm = RuleSet.load(folder)
    assert not warm_cache._dirty
    text = "She is promiscuous, a drug runner and keeps going missing; no sign she chose this."
    assert [m.as_dict() for m in cold.find(text)] == [m.as_dict() for m in warm.find(text)]


# --- context kinds for real wording (issue 15): each with sentences written for the test ---


def _kinds(text: str) -> set[str]:
    return {r.kind for f in Checker(min_score=0.0, use_model=False).check(text) for r in f.reasons}


def _flagged(text: str) -> bool:
    return bool(Checker(use_model=False).check(text))


@pytest.mark.parametrize(
    "text",
    [
        "Officers described her as promiscuous and took no further action.",
        "The girls were seen by police as promiscuous troublemakers.",
        "Staff referred to him as a runaway in most of the logs.",
        "Agencies regarded him as a drug runner rather than a victim.",
        "We were only referring to him as a perpetrator at that point.",
        "The records reflect an outdated view that she was making lifestyle choices.",
        "It reinforced the idea that these teenagers were promiscuous.",
    ],
)
def test_narration_of_what_professionals_saw_is_not_flagged(text: str):
    # someone else's account: counted once, as attributed when the reporting verb shows it
    assert _kinds(text) & {"narrated", "attributed"}
    assert not _flagged(text)


@pytest.mark.parametrize(
    "text",
    [
        "Agencies regarded him as a drug runner rather than a victim.",
        "We were only referring to him as a perpetrator at that point.",
        "The records reflect an outdated view that she was making lifestyle choices.",
        "It reinforced the idea that these teenagers were promiscuous.",
    ],
)
def test_narration_is_its_own_kind(text: str):
    assert "narrated" in _kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        # the same words, written by the note's author about the child: still flagged
        "She is promiscuous.",
        "Officer notes she is promiscuous.",
        "He is a runaway and a drug dealer.",
        "She is making lifestyle choices.",
    ],
)
def test_the_same_words_in_a_case_note_still_flag(text: str):
    assert "narrated" not in _kinds(text)
    assert "definition" not in _kinds(text)
    assert _flagged(text)


@pytest.mark.parametrize(
    "text",
    [
        "Child sexual exploitation can include sexual activity even if it appears consensual.",
        "Exploitation is defined as abuse in which a child is treated as a willing sex worker.",
        "Warning signs include staying out all night and sleeping around.",
        "Are they always going missing from school or home?",
        "Repeatedly going missing, misusing drugs, becoming involved in offending, and self-harming.",
    ],
)
def test_definitions_indicator_lists_and_checklists_are_not_flagged(text: str):
    assert "definition" in _kinds(text)
    assert not _flagged(text)


@pytest.mark.parametrize(
    "text",
    [
        "She keeps going missing from home.",
        "Why does she keep going missing from home?",
        # a subject: a note about one child, not a list of signs
        "She keeps going missing, is using drugs and has a sugar daddy.",
    ],
)
def test_a_note_about_one_child_is_not_a_definition(text: str):
    assert "definition" not in _kinds(text)
    assert _flagged(text)


@pytest.mark.parametrize(
    "text",
    [
        "A line holder trafficked a 15-year-old boy to the coast.",
        "The drug dealer trafficked a 15-year-old boy to the coast.",
        "The men engaged in sexual activity with the child at the flat.",
    ],
)
def test_words_describing_whoever_harmed_the_child_are_not_flagged(text: str):
    assert "adult_subject" in _kinds(text)
    assert not _flagged(text)


def test_a_child_recruited_by_adults_is_still_described_as_the_runner():
    # "recruited by": a passive, so the words before it are the child, not a perpetrator
    text = "He is a drug runner recruited by older boys."
    assert "adult_subject" not in _kinds(text)


def test_model_only_flag_takes_the_sentence_context():
    from safeguard.language.model import sentence_context

    text = "Indicators include going missing and being secretive about new friends."
    score, reasons = sentence_context(text, 0, len(text), 0.99)
    (d,) = [r for r in reasons if r.kind == "definition"]
    assert d.cue is not None and d.cue.text == "Indicators include"
    assert score < 0.5
    plain = "She keeps going missing and is secretive about her new friends."
    assert sentence_context(plain, 0, len(plain), 0.99) == (0.99, [])
    quoted = 'Hostel staff said "he is always out, we do not report him"; reminded of the protocol.'
    assert [r.kind for r in sentence_context(quoted, 0, len(quoted), 0.99)[1]] == ["quoted"]


def test_min_score_means_the_same_for_model_only_findings():
    """A model-only finding's score is calibrated as a rule match's is (0.5 at the model's own
    threshold), so --min-score filters it the same way; it once stayed whatever --min-score."""
    import sys
    from pathlib import Path

    from safeguard.language.model import calibrated

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from labelled import load

    checker = Checker()
    model = checker.model
    assert model is not None
    found = [
        (e.text, f)
        for e in load("dev")
        for f in checker.check(e.text)
        if f.model_only and f.score < 0.9
    ]
    assert found, "no model-only finding below 0.9 in the dev split: the test proves nothing"
    text, f = found[0]
    assert f.model_score is not None
    # model_score is rounded to 3 places, so the score worked out from it may differ a little
    threshold = model.model_only_threshold_for(f.text)
    assert threshold is not None
    assert abs(f.score - calibrated(f.model_score, threshold)) < 0.005
    assert 0.5 <= f.score < f.model_score
    assert Checker(min_score=f.score).check(text)
    assert not any(g.model_only for g in Checker(min_score=f.score + 0.01).check(text))
    assert calibrated(0.8, 0.8) == 0.5


def test_a_sentence_flagged_by_the_model_alone_gets_its_themes_whole_sentence_suggestion():
    """No rule matched: the finding's words are the whole sentence, so it gets what its theme's
    rule file says to write instead of a whole sentence (read from the rule file, so that an
    edit shows at once), fitted to the child: not the first rule's replacement for a phrase."""
    text = "He needs to learn to make better decisions about who he spends time with."
    (f,) = Checker().check(text)
    assert f.model_only and f.rule == f"model/{f.category}" and f.text == text
    theme = _rules().themes[f.category]
    assert f.suggestion == fit_suggestion(theme.suggestion, text, 0)
    assert "his vulnerability" in f.suggestion and " her " not in f.suggestion
    assert theme.title in f.message and theme.why in f.message
    # its evidence names the model and the standard the theme rests on
    assert f.source.startswith("safeguard language model") and theme.source in f.source


def test_every_theme_says_what_to_write_instead_of_a_whole_sentence():
    rules = _rules()
    assert set(rules.themes) == set(rules.categories)
    for theme in rules.themes.values():
        assert theme.title and theme.why and theme.suggestion, theme.category
    # the model's weights keep no copy of it (one place: the rule file)
    weights = resources.files("safeguard.language").joinpath("model", "weights.json").read_text()
    assert '"themes"' not in weights


@pytest.mark.parametrize(
    ("text", "want", "not_want"),
    [
        # "him" after "to"/"from" is the man she goes back to, not the child
        ("Jade keeps going back to him.", "adults continue to exploit Jade", "him"),
        (
            "Jade seems to like the attention from him and keeps going back.",
            "adults continue to exploit Jade",
            "him",
        ),
        ("He keeps going back to her flat.", "adults continue to exploit him", "her"),
        ("She keeps going back to him.", "adults continue to exploit her", "him"),
    ],
)
def test_a_pronoun_for_someone_the_child_goes_to_is_not_the_childs(
    text: str, want: str, not_want: str
) -> None:
    (f,) = [f for f in Checker().check(text) if f.rule == "choice/keeps-going-back"]
    assert want in f.suggestion
    assert not_want not in f.suggestion.split("; ")[0].split()


def test_her_after_giving_is_the_child_given_something_not_a_possessive() -> None:
    s = '"adults are giving her drugs/money to sexually exploit her"'
    assert fit_suggestion(s, "Tamsin exchanges sex for drugs.", 7) == (
        '"adults are giving Tamsin drugs/money to sexually exploit Tamsin"'
    )
    assert "giving him drugs" in fit_suggestion(s, "He exchanges sex for drugs.", 3)


@pytest.mark.parametrize(
    "text",
    [
        # a name given an adult's age is that adult wherever the note names them again
        "Older boys identified, one ex-pupil, Marley (19). Marley is believed to be involved in "
        "supplying drugs locally.",
        "MASH triage: mum Leanne (32) assaulted by partner. Leanne has a long history of street "
        "sex work.",
        # "she" opening a sentence is the woman the sentence before was about
        "Also present were Jade Cole (24) and Ashley B. Jade Cole is known to police for "
        "soliciting. She was abusive to officers and was arrested.",
        "Suspect Daniels (34) was arrested at the flat. He is a known drug dealer.",
    ],
)
def test_an_adult_named_earlier_in_the_note_is_still_that_adult(text: str):
    assert "adult_subject" in _kinds(text)
    assert not _flagged(text)


@pytest.mark.parametrize(
    "text",
    [
        # the child's name, given with a child's age, in lower case later
        "Jayden (16) left the home. Staff followed him to the road. jayden chooses to go missing "
        "whenever he is told no.",
        # the mother who reported the child missing is not who "she" is next
        "Mum reported Chloe missing at 2300. She is sexually active with older men.",
        # nor is the man "she" was with
        "Her boyfriend Kyle (24) collected her from school. She is sexually active with older men.",
        # an adult's age for one person named Jade, a child's for another: unknown, so the child
        "Jade (15) and her aunt Jade (40) were seen. Jade is sexually active with older men.",
    ],
)
def test_the_child_is_still_the_child_after_an_adult_is_named(text: str):
    assert "adult_subject" not in _kinds(text)
    assert _flagged(text)


def test_no_suggestion_puts_a_possessive_before_a_preposition():
    """Every rule's and theme's suggestion, fitted to a boy, to "they" and to a name, never
    reads "his despite ..." or "AB's after ...": a "her" before such a word is the object."""
    import re

    from safeguard.language.suggest import _AFTER_OBJECT

    rules = _rules()
    suggestions = [r.suggestion for r in rules.rules]
    suggestions += [t.suggestion for t in rules.themes.values() if t.suggestion]
    function_words = "|".join(sorted(w for w in _AFTER_OBJECT if w.isalpha()))
    wrong = re.compile(rf"\b(?:his|their|AB's) (?:{function_words})\b")
    checked = 0
    for s in suggestions:
        for text in ("He said so.", "They said so.", "AB said so."):
            out = fit_suggestion(s, text, 0)
            assert not wrong.search(out), out
            checked += 1
    assert checked > 100
    boy = fit_suggestion(
        '"adults have continued to contact her despite the safety plan"',
        "He keeps going back despite advice.",
        3,
    )
    assert "contact him despite" in boy

"""Notes as people write them: double spaces and line breaks inside a phrase, characters whose
lower case has another length, and a capitalised first word that is not the child's name."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safeguard.language.checker import Checker, _rules, check
from safeguard.language.suggest import fit_suggestion
from safeguard.textrules.ruleset import for_matching, pack_spaces, restore_spelling


def _rules_only() -> Checker:
    return Checker(min_score=0.0, use_model=False)


def _flagging_examples() -> list[tuple[str, str]]:
    """(rule id, example) for every rule example that the rules alone flag with that rule."""
    ch = _rules_only()
    out = []
    for r in _rules().rules:
        for t in r.examples_flag:
            if " " in t and r.id in {f.rule for f in ch.check(t)}:
                out.append((r.id, t))
    return out


def _spans_as_written(text: str, findings) -> None:  # type: ignore[no-untyped-def]
    for f in findings:
        assert text[f.start : f.end] == f.text
        for r in f.reasons:
            if r.cue is not None:
                assert text[r.cue.start : r.cue.end] == r.cue.text


@pytest.mark.parametrize("gap", ["  ", "\n", " \n ", "\t", "\r\n", "\u00a0 "])
def test_odd_white_space_inside_a_phrase_still_matches(gap: str):
    examples = _flagging_examples()
    assert len(examples) > 40
    ch = _rules_only()
    missed = []
    for rule, text in examples:
        odd = text.replace(" ", gap)
        found = ch.check(odd)
        if rule not in {f.rule for f in found}:
            missed.append((rule, text))
        _spans_as_written(odd, found)
    assert not missed


def test_a_span_over_a_line_break_reports_the_words_as_written():
    text = "Update:  AB is  putting\nherself at risk again."
    (f,) = _rules_only().check(text)
    assert f.text == "putting\nherself at risk"
    assert text[f.start : f.end] == f.text


@pytest.mark.parametrize(
    "text",
    [
        "AB is not  putting\nherself at risk.",  # negation
        'Mum said  "she is putting\nherself at risk".',  # quote, reported
        "The 32-year-old  man was putting\nhimself at risk.",  # adult subject
        "Officers  wrongly described her as\nputting herself at risk; she was being exploited.",
        "Indicators:  going missing,  staying out late,  being  secretive.",  # policy list
    ],
)
def test_odd_white_space_keeps_context_unflagged(text: str):
    assert not Checker().check(text)
    _spans_as_written(text, _rules_only().check(text))


def test_pack_spaces_maps_back_to_the_text():
    text = "a  b\n\n c\td"
    packed, where = pack_spaces(text)
    assert packed == "a b\nc d"
    assert where is not None and len(where) == len(packed) + 1
    assert [text[where[i]] for i in (0, 2, 4, 6)] == ["a", "b", "c", "d"]
    assert pack_spaces("one plain sentence.") == ("one plain sentence.", None)


@pytest.mark.parametrize(
    "text",
    [
        "İlayda İS putting herself at risk.",
        "İİİ note: İlayda is not  putting herself at risk.",
        'İstanbul trip.  Mum said "she is putting herself at risk".',
        "Seen at İzmir Road. SHE IS İNVOLVED IN CCE.",
    ],
)
def test_dotted_capital_i_keeps_offsets(text: str):
    found = _rules_only().check(text)
    assert found
    _spans_as_written(text, found)
    _spans_as_written(text, Checker().check(text))


def test_dotted_capital_i_still_matches_an_anchor():
    assert _rules_only().check("SHE IS İNVOLVED IN CCE.")


_S = '"services have not yet engaged her"; "adults are exploiting her vulnerability"'


@pytest.mark.parametrize(
    "text",
    [
        "Apparently hard to reach.",
        "Reportedly hard to reach again.",
        "Clearly hard to reach. Jamal was seen later.",
        "Difficult to engage and hard to reach.",
        "Note: Sadly hard to reach.",
    ],
)
def test_a_capitalised_first_word_is_not_the_childs_name(text: str):
    out = fit_suggestion(_S, text, text.index("hard"))
    first = text.split(":")[-1].split()[0]
    assert first not in out
    assert "engaged them" in out


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Jamal is hard to reach.", "Jamal"),
        ("Jamal, 15, hard to reach.", "Jamal"),
        ("Kaden stopped by police, hard to reach.", "Kaden"),
        ("Kiera willingly refused help, hard to reach.", "Kiera"),
        ("Jade Smith hard to reach.", "Jade"),
        ("Seen with Jamal. Jamal hard to reach.", "Jamal"),
        ("AB hard to reach.", "AB"),
    ],
)
def test_the_childs_name_at_the_start_is_still_used(text: str, name: str):
    out = fit_suggestion(_S, text, text.rindex("hard"))
    assert f"engaged {name}" in out


def test_a_sentence_typed_across_two_lines_is_one_sentence():
    from safeguard.textrules.sentences import sentence_starts

    assert sentence_starts("Officers described her as\nputting herself at risk") == [0]
    assert sentence_starts("no answer at the door,\nstaff informed") == [0]
    # a line break after a full stop, before a capital or after a list item still ends one
    assert len(sentence_starts("Missing.\nLocated at 2300.")) > 1
    assert sentence_starts("Located at 2300\nStaff informed") == [0, 16]
    assert sentence_starts("- going missing\n- staying out late") == [0, 16]


#: SENTENCE_END as first written (look-behinds before the line break), kept as the reference
#: the faster form must agree with.
_SENTENCE_END_AS_WRITTEN = r"[.!?]+(?=\s|$)|;|(?<![\w,][ \t])(?<![\w,])\n|\n(?![ \t]*[a-z])"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="aZ1 ,.;!?\t\n\r-'\u00e9", max_size=24))
def test_sentence_ends_fall_where_the_regex_as_written_puts_them(text):
    import re

    from safeguard.textrules.sentences import SENTENCE_END

    reference = re.compile(_SENTENCE_END_AS_WRITTEN)
    assert [m.span() for m in SENTENCE_END.finditer(text)] == [
        m.span() for m in reference.finditer(text)
    ]


def test_apostrophes_left_out_are_put_back_and_map_to_the_text():
    text = "Hes  16, SHES fine and doesnt care; a shed, its lead."
    restored, where = for_matching(text)
    assert restored == "He's 16, SHE'S fine and doesn't care; a shed, its lead."
    assert where is not None and len(where) == len(restored) + 1
    # each character put back sits where the letter after it was
    assert all(text[where[i]].lower() == c.lower() for i, c in enumerate(restored) if c != "'")
    assert restore_spelling("She's fine.") == ("She's fine.", None)


def test_a_dropped_g_is_put_back_and_the_words_shown_are_the_notes():
    """Hurried notes drop the "g" ("puttin herself at risk", "sleepin' around"): the rules read
    the usual spelling, and the words reported are the note's own, without a following space
    or comma. Words that end in "in" of their own are left alone."""
    text = "Jayden is puttin himself at risk, sleepin' around and SELLIN, within reason, Kevin."
    restored, where = for_matching(text)
    assert restored == (
        "Jayden is putting himself at risk, sleeping around and SELLING, within reason, Kevin."
    )
    assert where is not None and len(where) == len(restored) + 1
    found = {f.rule: f.text for f in check(text)}
    assert found["choice/putting-self-at-risk"] == "puttin himself at risk"
    assert found["character/promiscuous"] == "sleepin' around"
    (f,) = check("She was seen shottin")
    assert f.text == "shottin" and f.end == len("She was seen shottin")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Hes 16 and knows what hes doing.", "knows what hes doing"),
        ("She doesnt want to be found, she will turn up.", "doesnt want to be found"),
    ],
)
def test_a_contraction_without_its_apostrophe_is_read_as_with_it(text: str, words: str):
    found = [f.text for f in Checker().check(text)]
    assert words in found
    _spans_as_written(text, _rules_only().check(text))


def test_a_negation_without_its_apostrophe_still_negates():
    # "wasnt" negates as "wasn't" does
    text = "She wasnt putting herself at risk."
    (f,) = _rules_only().check(text)
    assert [r.kind for r in f.reasons] == ["negated"]

"""Fitting a rule's suggested wording to the sentence it replaces.

Rule files write suggestions about a girl ("adults are exploiting her"). A sentence about a boy
gets "him"/"his", one that says "they" gets "them"/"their" (and "they are"), and "the child" in a
suggestion becomes the child's name as the sentence writes it ("Jade", "AB").
"""

from __future__ import annotations

import re

from safeguard.textrules.context import analysis

_PRONOUN = re.compile(
    r"(?<![\w'])(she|he|they|her|him|his|them|their|herself|himself|themselves)(?![\w'])", re.I
)
_GENDER = {
    "she": "f", "her": "f", "herself": "f",
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "they": "t", "them": "t", "their": "t", "themselves": "t",
}  # fmt: skip
#: words after which "her" is an object ("exploiting her to ..."), not a possessive
_AFTER_OBJECT = frozenset(
    [
        "to",
        "by",
        "and",
        "or",
        "from",
        "into",
        "with",
        "in",
        "at",
        "on",
        "for",
        "as",
        "is",
        "was",
        "are",
        "were",
        "who",
        "that",
        "when",
        "while",
        "than",
        "back",
        "away",
        "out",
        "up",
        "off",
        # words that never follow a possessive "her": prepositions, conjunctions, articles
        # ("contact her despite the safety plan", "seen her before", "tell her the plan")
        "despite",
        "after",
        "before",
        "about",
        "because",
        "if",
        "until",
        "through",
        "over",
        "under",
        "against",
        "towards",
        "without",
        "since",
        "unless",
        "again",
        "now",
        "so",
        "but",
        "yet",
        "the",
        "a",
        "an",
    ]
)
_SUBJECT_VERB_THEY = {"is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't"}


def _gender(text: str, pos: int) -> str:
    """'f', 'm' or 't' from the pronouns of the sentence around ``pos`` (nearest first); '' when
    the text has none."""
    a = analysis(text)
    s0, s1 = a.sentence_bounds(pos)

    def pronouns(start: int, end: int) -> list[tuple[int, str]]:
        return [
            (abs(m.start() - pos), m.group().lower())
            for m in _PRONOUN.finditer(text, start, end)
            if not _someone_else(text, m)
        ]

    found = pronouns(s0, s1) or pronouns(0, len(text))
    if not found:
        return ""
    # the pronoun that refers to the child is usually the nearest; an adult's is rarer in notes
    return _GENDER[min(found)[1]]


#: words after which "him", "her" or "them" is usually someone the child is with or goes to,
#: not the child ("keeps going back to him", "the attention from him")
_PREPOSITIONS = frozenset(
    [
        "to",
        "from",
        "with",
        "by",
        "for",
        "at",
        "about",
        "near",
        "round",
        "around",
        "towards",
        "like",
        "onto",
        "into",
        "off",
        "than",
    ]
)
#: verbs after which "her" is the one given something ("giving her drugs"), not a possessive
_GIVING = frozenset(
    [
        "give",
        "gives",
        "gave",
        "given",
        "giving",
        "offer",
        "offers",
        "offered",
        "offering",
        "buy",
        "buys",
        "bought",
        "buying",
        "send",
        "sends",
        "sent",
        "sending",
        "show",
        "shows",
        "showed",
        "shown",
        "showing",
        "promise",
        "promises",
        "promised",
        "promising",
        "pay",
        "pays",
        "paid",
        "paying",
        "hand",
        "hands",
        "handed",
        "handing",
        "lend",
        "lends",
        "lent",
        "lending",
        "sell",
        "sells",
        "sold",
        "selling",
        "supply",
        "supplies",
        "supplied",
        "supplying",
        "owe",
        "owes",
        "owed",
        "owing",
    ]
)


def _word_before(text: str, pos: int) -> str:
    m = re.search(r"([\w'-]+)\W*$", text[max(0, pos - 40) : pos])
    return m.group(1).lower() if m else ""


def _someone_else(text: str, m: re.Match[str]) -> bool:
    """Whether the pronoun ``m`` is an object after a preposition ("back to him"): in notes,
    usually the adult the child is with, so not evidence of the child's gender. "her" counts
    as the child's when a noun follows ("to her mum")."""
    word = m.group().lower()
    if word not in ("him", "her", "them") or _word_before(text, m.start()) not in _PREPOSITIONS:
        return False
    if word == "her":
        nxt = re.match(r"\s*([\w'-]+)", text[m.end() :])
        return nxt is None or nxt.group(1).lower() in _AFTER_OBJECT
    return True


def _name(text: str, pos: int) -> str | None:
    """The child's name or initials as written, when the words at ``pos`` are about them."""
    a = analysis(text)
    subj = a.subject(pos)
    if subj is None or subj.adult:
        return None
    word = text[subj.start : subj.end]
    if (
        word[:1].isupper()
        and a.is_name(subj)
        and word.lower() not in _GENDER
        and word.lower() not in a.cues.child_referents
    ):
        return word
    return None


def _swap(suggestion: str, gender: str, name: str | None = None) -> str:
    if gender == "" and not name:
        gender = "t"  # nothing in the text says: "they" fits any child
    if gender == "f":
        return suggestion

    def sub(m: re.Match[str]) -> str:
        w = m.group()
        low = w.lower()
        if low == "she":
            if gender == "" and name:
                return name
            out = "he" if gender == "m" else "they"
        elif low == "herself":
            if gender == "" and name:
                return w
            out = "himself" if gender == "m" else "themselves"
        elif low == "her":
            nxt = re.match(r"\s*([\w'-]+)", suggestion[m.end() :])
            possessive = (
                nxt is not None
                and nxt.group(1).lower() not in _AFTER_OBJECT
                and _word_before(suggestion, m.start()) not in _GIVING
            )
            if gender == "" and name:
                return f"{name}'s" if possessive else name
            if gender == "m":
                out = "his" if possessive else "him"
            else:
                out = "their" if possessive else "them"
        else:
            return w
        return out.capitalize() if w[0].isupper() else out

    swapped = re.sub(r"(?<![\w'])(she|her|herself)(?![\w'])", sub, suggestion, flags=re.I)
    if gender == "t":
        swapped = re.sub(
            r"\b([Tt]hey) (is|was|has|does|isn't)\b",
            lambda m: f"{m.group(1)} {_SUBJECT_VERB_THEY[m.group(2)]}",
            swapped,
        )
    return swapped


def fit_suggestion(suggestion: str, text: str, pos: int) -> str:
    """``suggestion`` with pronouns and "the child" fitted to the sentence of ``text`` at ``pos``."""
    if not suggestion:
        return suggestion
    name = _name(text, pos)
    out = _swap(suggestion, _gender(text, pos), name)
    if name and "the child" in out:
        out = out.replace("the child", name)
    return out

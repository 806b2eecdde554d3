"""Context analysis: what the words around a match say about who and what it describes.

Each check returns a :class:`Reason` (its kind, and the words that showed it), so a finding
can explain why its score went down:
negation, quotation, attribution to someone other than the writer, an adult subject, a note
about the wording itself (a reviewer's correction), and training or policy text. The cue words
live in ``context.yml`` beside this module.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import NamedTuple

from safeguard.textrules.datafile import load_checked
from safeguard.textrules.match import Reason, Span
from safeguard.textrules.sentences import sentence_starts

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def _words_re(words: list[str], *, regex: bool = False) -> re.Pattern[str]:
    alts = sorted(words if regex else (re.escape(w) for w in words), key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(alts) + r")(?![\w])")


@dataclass(frozen=True)
class Cues:
    """``context.yml`` (schema: :class:`safeguard.textrules.schema.ContextSpec`), compiled."""

    #: each context kind's weight (a match's score is multiplied by it)
    weights: dict[str, float]
    negation_window: int
    adult_referents: frozenset[str]
    child_referents: frozenset[str]
    negation: re.Pattern[str]
    negation_exceptions: re.Pattern[str]
    reporting: re.Pattern[str]
    attribution: re.Pattern[str]
    adult: re.Pattern[str]
    child: re.Pattern[str]
    age: re.Pattern[str]
    clause_breakers: frozenset[str]
    object_markers: frozenset[str]
    relative: frozenset[str]
    writer: frozenset[str]
    wording: re.Pattern[str]
    evaluative: re.Pattern[str]
    wording_markers: re.Pattern[str]
    policy: re.Pattern[str]
    generic: re.Pattern[str]
    not_names: frozenset[str]
    not_initials: frozenset[str]
    #: words that are never a name in lower case (``not_names`` and ``name_followers``)
    not_names_lower: frozenset[str]
    name_followers: re.Pattern[str]
    coercion: re.Pattern[str]
    concern: re.Pattern[str] | None
    describing: re.Pattern[str] | None
    describers: frozenset[str]
    male: frozenset[str]
    female: frozenset[str]
    narration: re.Pattern[str] | None
    definition: re.Pattern[str] | None
    checklist: re.Pattern[str] | None
    perpetrator: re.Pattern[str] | None
    child_object: re.Pattern[str] | None


#: Words skipped when looking left of a referent for what governs it.
_NP_FILLERS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "their",
        "its",
        "older",
        "old",
        "adult",
        "known",
        "unknown",
        "two",
        "three",
        "four",
        "several",
        "some",
        "other",
        "another",
        "same",
        "local",
        "young",
        "male",
        "female",
        "ic1",
        "ic2",
        "ic3",
        "ic4",
        "ic5",
        "ic6",
        "named",
        "unnamed",
        "alleged",
        "suspected",
        "main",
        "second",
        "first",
        "third",
        "main",
        "one",
    ]
)
_NP_FILLERS_BY = _NP_FILLERS | {"by"}
_PASSIVE_AUX = frozenset(["was", "were", "been", "being", "is", "are", "be"])
_ADVERBS = frozenset(
    [
        "has",
        "have",
        "had",
        "also",
        "later",
        "then",
        "later",
        "subsequently",
        "previously",
        "now",
        "has",
    ]
)


@cache
def cues() -> Cues:
    spec = load_checked(
        resources.files("safeguard.textrules").joinpath("context.yml"), "ContextSpec"
    )
    neg = [c.replace("'", "'") for c in spec["negation_cues"] if c != "n't"]
    return Cues(
        weights=spec["weights"],
        negation_window=spec["negation_window"],
        adult_referents=frozenset(spec["adult_referents"]),
        child_referents=frozenset(spec["child_referents"]),
        negation=re.compile(r"(?:" + _words_re(neg).pattern + r"|n't(?![\w]))"),
        negation_exceptions=_words_re(spec["negation_exceptions"]),
        reporting=_words_re(spec["reporting_verbs"]),
        attribution=_words_re(spec["attribution_phrases"], regex=True),
        adult=_words_re(spec["adult_referents"]),
        child=_words_re(spec["child_referents"]),
        age=re.compile(
            r"(?<![\w])(?:aged\s+(\d{1,2})|(\d{1,2})\s*(?:-|\s)?\s*(?:years?[\s-]*old|yrs?(?:[\s-]*old)?|yo|y/o|y\.o\.?)"
            r"|in\s+(?:his|her|their)\s+(\d)0s|in\s+(?:his|her|their)\s+(twenties|thirties|forties|fifties|sixties))(?![\w])"
        ),
        clause_breakers=frozenset(spec["clause_breakers"]),
        object_markers=frozenset(spec["object_markers"]),
        relative=frozenset(spec["relative_pronouns"]),
        writer=frozenset(spec["writer_voice"]),
        wording=_words_re(spec["wording_terms"]),
        evaluative=_words_re(spec["evaluative_terms"]),
        wording_markers=_words_re(spec["wording_markers"], regex=True),
        policy=re.compile(_words_re(spec["policy_markers"], regex=True).pattern, re.MULTILINE),
        generic=re.compile(_words_re(spec["generic_subjects"], regex=True).pattern, re.MULTILINE),
        not_names=frozenset(spec["not_names"]),
        not_initials=frozenset(spec["not_initials"]),
        not_names_lower=frozenset(w.lower() for w in spec["not_names"] + spec["name_followers"]),
        # after the name (and perhaps an adverb, "Kiera willingly ..."): a word of the list, a
        # verb in the past tense, a comma and an age ("Jade, 14,"), or a surname
        name_followers=re.compile(
            r"\s*(?:[a-z]+ly\s+)?(?:,\s*(?:aged\s+)?\d|[A-Z][a-z]+(?![\w'])|[a-z]+ed(?![\w'])|(?:"
            + "|".join(re.escape(w) for w in sorted(spec["name_followers"], key=len, reverse=True))
            + r")(?![\w']))"
        ),
        coercion=_words_re(spec["coercion_cues"]),
        concern=_words_re(spec["concern_verbs"]) if spec["concern_verbs"] else None,
        describing=_words_re(spec["describing_verbs"]) if spec["describing_verbs"] else None,
        describers=frozenset(spec["describers"]),
        male=frozenset(spec["male_words"]),
        female=frozenset(spec["female_words"]),
        narration=_words_re(spec["narration_markers"], regex=True)
        if spec["narration_markers"]
        else None,
        definition=(
            _words_re(spec["definition_markers"], regex=True)
            if spec["definition_markers"]
            else None
        ),
        checklist=(
            re.compile(r"\s*(?:" + _words_re(spec["checklist_openers"]).pattern + r")[^?]*\?")
            if spec["checklist_openers"]
            else None
        ),
        # "<the words> [had|then|...] trafficked a 15-year-old": a verb with an object after it
        perpetrator=(
            re.compile(
                r"\s*(?:(?:had|has|have|then|also|later|allegedly|reportedly|repeatedly|"
                r"subsequently)\s+)?(?:"
                + "|".join(re.escape(v) for v in sorted(spec["perpetrator_verbs"], key=len)[::-1])
                + r")\s+(?:a|an|the|her|him|them|his|their|young|vulnerable|children|girls|"
                r"boys|\d)(?![\w])"
            )
            if spec["perpetrator_verbs"]
            else None
        ),
        # "sexual activity with the child", "paying the child": the child is the object. A bare
        # "child" after the words is the noun they describe ("an attention-seeking child"),
        # so without "with" only a word for the child that opens with "a" or "the" counts
        child_object=(
            re.compile(
                r"\s*(?:with\s+(?:"
                + "|".join(re.escape(v) for v in sorted(spec["child_objects"], key=len)[::-1])
                + r")|(?:"
                + "|".join(
                    re.escape(v)
                    for v in sorted(spec["child_objects"], key=len)[::-1]
                    if v.startswith(("a ", "the "))
                )
                + r"))(?![\w])"
            )
            if spec["child_objects"]
            else None
        ),
    )


_NAME = re.compile(r"(?<![\w'])(?:[A-Z][a-z]{2,}|[A-Z]{2,3})(?![\w'])")
#: an age beside a word for a person: "male, 15, ...", "the female associate (26)"
_AGE_APPOSITION = re.compile(
    r",\s*(\d{1,2})\s*,|\(\s*(?:aged\s+)?(\d{1,2})\s*(?:yrs?|years?(?: old)?|yo)?\s*\)"
)
_AGE_AFTER = re.compile(
    r"\s*,\s*(?:aged?\s+(\d{1,2})|(\d{1,2})\s*(?:years?[\s-]*old|yrs?|yo)?(?=\s*(?:[,.;)]|$)))"
)
#: verbs after which a writer-voice word ("Officer notes ...") is the writer, not the subject
_WRITER_VERBS = frozenset(
    [
        "notes",
        "noted",
        "records",
        "recorded",
        "observes",
        "observed",
        "believes",
        "believed",
        "understands",
        "assesses",
        "assessed",
        "considers",
        "considered",
        "states",
        "stated",
        "reports",
        "reported",
        "feels",
        "felt",
        "thinks",
    ]
)

_RELATIVE = re.compile(r"\b(?:who|whom|whose)\b")
_APPOSITION = re.compile(r"\s*,\s*(?:a|an|the|who|whom)\b")

#: an item of an indicator list: a gerund ("going missing", "repeatedly going missing")
_GERUND_ITEM = re.compile(r"\s*(?:and\s+|or\s+)?(?:[a-z]+ly\s+)?[a-z]+ing(?![\w])")
#: words that make a sentence about someone, not a list of signs
_LIST_SUBJECTS = re.compile(
    r"(?<![\w'])(?:she|he|they|i|we|her|his|is|are|was|were|has|have)(?![\w'])"
)

_QUOTE_SPANS = re.compile(r'"[^"\n]*"?|(?<![\w])\'[^\'\n]+?\'(?![\w])')


class Referent(NamedTuple):
    """A word or phrase naming a person (a child, an adult, a name, an age), and where."""

    start: int
    end: int
    adult: bool
    word: str


class Analysis:
    """Context of one text; computed lazily, shared by every match in the text (and, through
    :func:`analysis`, by whatever else asks about the same text next)."""

    def __init__(self, text: str):
        self.text = text
        self.low = text.lower()
        self.cues = cues()
        self._subjects: dict[int, Referent | None] = {}
        # per sentence (by its start): whether it holds any narration cue; its definition
        self._narration_in: dict[int, bool] = {}
        self._definitions: dict[int, Reason | None] = {}

    # --- structure -------------------------------------------------------------------------

    @cached_property
    def sentence_starts(self) -> list[int]:
        return sentence_starts(self.text)  # the case of the text: see sentence_starts

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        starts = self.sentence_starts
        i = bisect_right(starts, pos)
        return (starts[i - 1] if i else 0), (starts[i] if i < len(starts) else len(self.low))

    @cached_property
    def words(self) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(self.low)]

    @cached_property
    def _word_starts(self) -> list[int]:
        return [w[0] for w in self.words]

    @cached_property
    def _word_ends(self) -> list[int]:
        return [w[1] for w in self.words]

    @cached_property
    def quote_spans(self) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in _QUOTE_SPANS.finditer(self.text)]

    @cached_property
    def referents(self) -> list[Referent]:
        c = self.cues
        refs = [Referent(m.start(), m.end(), True, m.group()) for m in c.adult.finditer(self.low)]
        refs += [Referent(m.start(), m.end(), False, m.group()) for m in c.child.finditer(self.low)]
        for m in c.age.finditer(self.low):
            if m.group(1) or m.group(2):
                age = int(m.group(1) or m.group(2))
            elif m.group(3):
                age = int(m.group(3)) * 10
            else:
                age = 20
            refs.append(Referent(m.start(), m.end(), age >= 18, m.group()))
        names = []
        for m in _NAME.finditer(self.text):
            w = m.group()
            if w in c.not_names or w in c.not_initials or w.lower() in c.adult_referents:
                continue
            if w.isupper() or w[0].isupper():
                names.append(Referent(m.start(), m.end(), False, w.lower()))
        # a name given an age anywhere in the note ("Marley (19)", "Jade Cole (24)") is that
        # person wherever the note names them, even in lower case ("jayden chooses ...")
        aged: dict[str, bool | None] = {}
        for m in _AGE_APPOSITION.finditer(self.low):
            g = 1 if m.group(1) else 2
            adult = int(m.group(g)) >= 18
            # "male, 15, ..." — the age decides whether the word before it is an adult
            refs = [
                Referent(r.start, r.end, adult, r.word) if 0 <= m.start() - r.end <= 1 else r
                for r in refs
            ]
            refs.append(Referent(m.start(g), m.end(g), adult, m.group(g)))
            at = m.start()
            for r in reversed(names):  # the name before the age, and a first name before it
                if r.end > at:
                    continue
                if not 0 <= at - r.end <= 1:
                    break
                if aged.get(r.word, adult) != adult:
                    aged[r.word] = None  # two people of one name: unknown
                elif r.word not in aged:
                    aged[r.word] = adult
                at = r.start
        known = {w: a for w, a in aged.items() if a is not None}
        if known:
            names = [Referent(r.start, r.end, known.get(r.word, r.adult), r.word) for r in names]
            starts = {r.start for r in names}
            lower = c.not_names_lower
            names += [
                Referent(a, b, known[w], w)
                for a, b, w in self.words
                if w in known and a not in starts and w not in lower and self.text[a].islower()
            ]
        refs += names
        refs.sort(key=lambda r: (r.start, -(r.end - r.start)))
        # "her grandmother", "his stepdad": a possessive before a word for an adult is not the
        # child as subject; the adult is
        refs = [
            r
            for i, r in enumerate(refs)
            if not (
                r.word in ("her", "his", "their")
                and i + 1 < len(refs)
                and refs[i + 1].adult
                and 0 < refs[i + 1].start - r.end <= 1
            )
        ]
        # drop referents inside others ("young person" vs "person")
        out: list[Referent] = []
        for r in refs:
            if out and r.start < out[-1].end:
                if r.adult and (r.end - r.start) > 0 and self.cues.age.fullmatch(r.word):
                    out[-1] = r  # an age inside a phrase decides
                continue
            out.append(r)
        return out

    def _opens_sentence(self, pos: int) -> bool:
        """Whether only a bullet, a quotation mark, a bracket or a label's colon stands between
        the start of the sentence (or of the text) and ``pos``."""
        s0, _ = self.sentence_bounds(pos)
        colon = self.low.rfind(":", s0, pos)
        lead = self.text[(colon + 1 if colon != -1 else s0) : pos]
        return not lead.strip(" \t\n\"'([*\u2022-")

    def is_name(self, ref: Referent) -> bool:
        """Whether a referent written with a capital is a person's name. A word opening a
        sentence ("Apparently ...") is one only when what follows shows it (a word names are
        followed by, a verb in the past tense or in -ing after a word not in -ly, an age, a
        surname), or when the text writes it
        with a capital somewhere else too. (Context analysis still takes such a word for the
        one the sentence is about: a note often leaves its subject, the child, out.)"""
        w = self.text[ref.start : ref.end]
        if not w[:1].isupper() or w.isupper() or not self._opens_sentence(ref.start):
            return True
        if self.cues.name_followers.match(self.text, ref.end):
            return True
        # "Kayla exchanging ...", but not "Reportedly exchanging ..."
        if not w.endswith("ly") and re.match(r"\s+[a-z]+ing(?![\w'])", self.text[ref.end :]):
            return True
        return any(
            o.start() != ref.start and not self._opens_sentence(o.start())
            for o in re.finditer(r"(?<![\w'])" + re.escape(w) + r"(?![\w'])", self.text)
        )

    def _word_slice(self, a: int, b: int) -> list[tuple[int, int, str]]:
        """The words (start, end, word) that start at or after ``a`` and end by ``b``."""
        # words are in order and do not overlap: their starts and their ends both ascend
        return self.words[bisect_left(self._word_starts, a) : bisect_right(self._word_ends, b)]

    def _words_between(self, a: int, b: int) -> list[str]:
        """The words that start at or after ``a`` and end at or before ``b``."""
        return [w for _, _, w in self._word_slice(a, b)]

    # --- individual checks -----------------------------------------------------------------

    def _span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def negation(self, start: int, end: int) -> Reason | None:
        c = self.cues
        s0, _ = self.sentence_bounds(start)
        window = self.low[s0:start]
        for m in reversed(list(c.negation.finditer(window))):
            cue_start, cue_end = s0 + m.start(), s0 + m.end()
            exc = c.negation_exceptions.search(self.low, cue_start)
            if exc and exc.start() == cue_start:
                continue
            between = self.low[cue_end:start]
            if re.search(r"[,;:()]| - |\band\b", between):
                continue
            words = _WORD.findall(between)
            if any(w in c.clause_breakers for w in words):
                continue
            if len(words) > c.negation_window:
                continue
            return Reason("negated", self._span(cue_start, cue_end))
        return None

    def quoted(self, start: int, end: int) -> Reason | None:
        for qs, qe in self.quote_spans:
            if qs <= start and end <= qe:
                return Reason("quoted", self._span(qs, qe))
        return None

    def attributed(self, start: int) -> Reason | None:
        c = self.cues
        s0, s1 = self.sentence_bounds(start)
        before = self.low[s0:start]
        for m in c.attribution.finditer(before):
            return Reason("attributed", self._span(s0 + m.start(), s0 + m.end()))
        for m in reversed(list(c.reporting.finditer(before))):
            verb_start = s0 + m.start()
            prevw = self._word_slice(s0, verb_start)
            while prevw and prevw[-1][2] in _ADVERBS:
                prevw.pop()
            if prevw and prevw[-1][2] in _PASSIVE_AUX:
                # passive ("was described as ..."): attributed only to an agent "by X"
                agent = re.search(
                    r"\bby\s+(?:the\s+|her\s+|his\s+)?([a-z0-9']+)", self.low[start:s1]
                )
                if agent and agent.group(1) not in c.writer:
                    return Reason(
                        "attributed", self._span(start + agent.start(), start + agent.end())
                    )
                continue
            if not prevw:
                continue
            if prevw[-1][2] in c.writer:
                continue
            return Reason("attributed", self._span(prevw[-1][0], s0 + m.end()))
        return None

    def subject(self, start: int) -> Referent | None:
        """The referent the words at ``start`` are about, or None if unknown."""
        # asked more than once for the same words (the score, then the suggestion)
        if start not in self._subjects:
            self._subjects[start] = self._subject(start)
        return self._subjects[start]

    def _subject(self, start: int) -> Referent | None:
        s0, _ = self.sentence_bounds(start)
        # "DC note: girl is ..." — a label before a colon is the writer, not the subject
        colon = self.low.rfind(":", s0, start)
        if colon != -1:
            s0 = colon + 1
        refs = [r for r in self.referents if s0 <= r.start and r.end <= start]
        if not refs:
            return None
        concern = self.cues.concern
        if concern is not None:
            # "Mum worried Mia is ...": the words are about Mia, not about Mum
            last = None
            for m in concern.finditer(self.low, s0, start):
                last = m
            if last is not None:
                after = [r for r in refs if r.start >= last.end()]
                if after:
                    refs = after
                    s0 = last.end()
        describing = self.cues.describing
        if describing is not None:
            # "Mum says YP is ...", "Staff feel she is ...", "Mother describes her as ...": a
            # parent, carer or professional speaking of a child; the words are about the child
            last = None
            for m in describing.finditer(self.low, s0, start):
                last = m
            if last is not None:
                spoke = [r for r in refs if r.end <= last.start()]
                after = [r for r in refs if r.start >= last.end()]
                if (
                    spoke
                    and spoke[-1].adult
                    and spoke[-1].word in self.cues.describers
                    and after
                    and not after[0].adult
                ):
                    refs = after
                    s0 = last.end()
        before = self._words_between(s0, start)
        rel_at = None
        for m in _RELATIVE.finditer(self.low[s0:start]):
            rel_at = s0 + m.start()
        if rel_at is not None:
            ante = [
                r for r in refs if r.end <= rel_at and len(self._words_between(r.end, rel_at)) <= 1
            ]
            if ante:
                return ante[-1]
        if before[-3:] and "by" in before[-3:] and before[-1] in _NP_FILLERS_BY:
            return Referent(start, start, True, "by (agent)")
        gap_words = self._words_between(refs[-1].end, start)
        gap_text = self.low[refs[-1].end : start]
        nearest = refs[-1]
        # "the suspect, who is a ..." / "the suspect, a known ..." / "males who are ..."
        if gap_words and gap_words[0] in self.cues.relative:
            return nearest
        if _APPOSITION.match(gap_text):
            return nearest
        for r in refs:
            if self._is_object(r, s0):
                continue
            if r.word in self.cues.writer:
                verb = _WORD.match(self.low, r.end + 1)
                if verb and verb.group() in _WRITER_VERBS:
                    continue
            return r
        return None

    def _is_object(self, r: Referent, s0: int) -> bool:
        prev = self._words_between(s0, r.start)
        while prev and prev[-1] in _NP_FILLERS:
            prev.pop()
        return bool(prev) and prev[-1] in self.cues.object_markers

    def coerced(self, start: int) -> Reason | None:
        s0, s1 = self.sentence_bounds(start)
        m = self.cues.coercion.search(self.low, s0, start)
        if m:
            return Reason("coerced", self._span(m.start(), m.end()))
        return None

    def adult_subject(self, start: int, end: int | None = None) -> Reason | None:
        if end is not None:
            c = self.cues
            # "the line holder trafficked a 15-year-old", "sexual activity with the child":
            # the words describe the one who harmed the child
            for after in (c.perpetrator, c.child_object):
                m = after.match(self.low, end) if after is not None else None
                if m:
                    return Reason("adult_subject", self._span(start, m.end()))
            # "arrested as the line holder, aged 24": an adult's age right after the words
            m = _AGE_AFTER.match(self.low, end)
            if m and int(m.group(1) or m.group(2)) >= 18:
                g = 1 if m.group(1) else 2
                return Reason("adult_subject", self._span(m.start(g), m.end(g)))
        subj = self.subject(start)
        if subj is not None and subj.adult:
            return Reason("adult_subject", self._span(subj.start, subj.end))
        if subj is not None and subj.word not in ("he", "she", "they"):
            return None
        # no one named before the words, or a pronoun opening the sentence: perhaps the adult
        # the sentence before was about
        s0, _ = self.sentence_bounds(start)
        if s0 == 0:
            return None
        if subj is not None:
            first_ref = [r for r in self.referents if s0 <= r.start]
            if not first_ref or first_ref[0] is not subj:
                return None
        prev = self.subject(s0 - 1)
        if prev is None or not prev.adult or prev.word in self.cues.describers:
            return None
        pronoun = subj.word if subj is not None else ""
        if (pronoun == "she" and prev.word in self.cues.male) or (
            pronoun == "he" and prev.word in self.cues.female
        ):
            return None
        return Reason("adult_subject", self._span(prev.start, prev.end))

    def about_wording(self, start: int) -> Reason | None:
        """The sentence holding the match talks about the wording itself (a correction)."""
        c = self.cues
        s0, s1 = self.sentence_bounds(start)
        m = c.wording_markers.search(self.low, s0, s1)
        if m:
            return Reason("about_wording", self._span(m.start(), m.end()))
        w = c.wording.search(self.low, s0, s1)
        v = c.evaluative.search(self.low, s0, s1) if w else None
        if w and v:
            a, b = min(w.start(), v.start()), max(w.end(), v.end())
            return Reason("about_wording", self._span(a, b))
        return None

    def generic(self, start: int) -> Reason | None:
        """The sentence is about children in general (a review, a definition, an indicator
        list), by the words before the match."""
        s0, _ = self.sentence_bounds(start)
        m = self.cues.generic.search(self.low, s0, start)
        if m:
            return Reason("generic", self._span(m.start(), m.end()))
        return None

    def narrated(self, start: int) -> Reason | None:
        """A review or report narrating how professionals saw, described or treated the child,
        or a belief it reports ("the idea that ..."), by the words before the match."""
        narration = self.cues.narration
        if narration is None:
            return None
        s0, s1 = self.sentence_bounds(start)
        # most sentences hold no cue at all: one search per sentence, not one per match
        has = self._narration_in.get(s0)
        if has is None:
            has = self._narration_in[s0] = narration.search(self.low, s0, s1) is not None
        if not has:
            return None
        m = narration.search(self.low, s0, start)
        if m:
            return Reason("narrated", self._span(m.start(), m.end()))
        return None

    def definition(self, start: int) -> Reason | None:
        """The sentence is a definition, an indicator list or a checklist question."""
        s0, s1 = self.sentence_bounds(start)
        if s0 not in self._definitions:
            self._definitions[s0] = self._definition(s0, s1)
        return self._definitions[s0]

    def _definition(self, s0: int, s1: int) -> Reason | None:
        c = self.cues
        if s0 > 0 and self.low[s0 - 1] == ";":
            # a list of items separated by semicolons goes on with the definition it opens
            # ("... can include sex with a child; the production of indecent images ...")
            before = self.definition(s0 - 1)
            if before is not None:
                return before
        if c.definition is not None:
            m = c.definition.search(self.low, s0, s1)
            if m:
                return Reason("definition", self._span(m.start(), m.end()))
        if c.checklist is not None:
            m = c.checklist.match(self.low, s0, s1)
            if m:
                a = s0 + len(m.group()) - len(m.group().lstrip())
                return Reason("definition", self._span(a, m.end()))
        return self._gerund_list(s0, s1)

    def _gerund_list(self, s0: int, s1: int) -> Reason | None:
        """ "Repeatedly going missing, misusing drugs, becoming involved in offending, and
        self-harming": three or more items, each opening with a gerund, and no subject."""
        sentence = self.low[s0:s1]
        if sentence.count(",") < 2 or _LIST_SUBJECTS.search(sentence):
            return None
        items = [x for x in re.split(r"[,;]", sentence) if x.strip()]
        gerunds = sum(1 for x in items if _GERUND_ITEM.match(x))
        if gerunds >= 3 and gerunds * 2 > len(items):
            stripped = sentence.strip()
            a = s0 + sentence.find(stripped)
            return Reason("definition", self._span(a, a + len(stripped)))
        return None

    def sentence_reasons(self, start: int, end: int) -> list[Reason]:
        """Context that holds for a whole sentence (``start``..``end``), for a sentence the
        model flagged with no rule match: quoting someone's words (three or more), narrated,
        about the wording, policy, general or a definition. (Not reported speech, nor who the
        sentence is about: a note's blame often lies in how it frames what the child said or
        what adults did, "police will only act if she reports it herself".)"""
        pos = max(start, end - 1)
        quote = next(
            (
                Reason("quoted", self._span(qs, qe))
                for qs, qe in self.quote_spans
                if start <= qs and qe <= end and len(_WORD.findall(self.low, qs, qe)) >= 3
            ),
            None,
        )
        checks = [
            quote,
            self.narrated(pos),
            self.about_wording(start),
            self.policy,
            self.generic(pos),
            self.definition(start),
        ]
        return [r for r in checks if r is not None]

    @cached_property
    def policy(self) -> Reason | None:
        m = self.cues.policy.search(self.low)
        if m:
            return Reason("policy", self._span(m.start(), m.end()))
        return None

    # --- scoring ---------------------------------------------------------------------------

    def score(
        self,
        start: int,
        end: int,
        base: float,
        child_subject: bool = True,
        negatable: bool = True,
    ) -> tuple[float, list[Reason]]:
        w = self.cues.weights
        score = base
        reasons: list[Reason] = []
        attributed = self.attributed(start)
        checks: list[Reason | None] = [
            self.negation(start, end) if negatable else None,
            self.quoted(start, end),
            attributed,
            self.about_wording(start),
            self.policy,
            # narration is someone else's account too: counted once
            self.narrated(start) if attributed is None else None,
            self.definition(start),
        ]
        if child_subject:
            checks.append(self.adult_subject(start, end))
            checks.append(self.coerced(start))
            checks.append(self.generic(start))
        for reason in checks:
            if reason is not None:
                score *= w.get(reason.kind, 1.0)
                reasons.append(reason)
        return round(score, 4), reasons


@lru_cache(maxsize=32)
def analysis(text: str) -> Analysis:
    """The :class:`Analysis` of ``text``, shared: a rule match and the suggestion fitted to it
    ask about the same text one after the other."""
    return Analysis(text)

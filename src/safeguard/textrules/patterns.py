"""Turning rule phrases and patterns into compiled regular expressions, and finding the literal
"anchors" that any match must contain, so that most texts skip most rules cheaply."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

try:  # Python 3.11+
    import re._parser as sre_parse
    from re._constants import BRANCH, LITERAL, MAX_REPEAT, MIN_REPEAT, SUBPATTERN
except ImportError:  # pragma: no cover
    import sre_parse
    from sre_constants import BRANCH, LITERAL, MAX_REPEAT, MIN_REPEAT, SUBPATTERN

#: Macros usable in patterns as ``{NAME}``. Kept small and documented in docs/rules-format.md.
MACROS: dict[str, str] = {
    # reflexive pronouns: herself, himself, themselves, themself, "her self"
    "SELF": r"(?:her|him|them|my|your|our|one)[ -]?sel(?:f|ves)",
    # forms of "to be", including contractions
    "BE": r"(?:is|are|was|were|be|been|being|am|'s|'re|isn't|wasn't)",
    # a child-or-adult personal pronoun
    "PRON": r"(?:she|he|they|her|him|them|his|their)",
    # possessive determiners
    "POSS": r"(?:her|his|their|the|this|a|an)",
    # one optional word (an adverb, an adjective ...)
    "OPT": r"(?:[\w'-]+ )?",
    # up to three optional words
    "UPTO3": r"(?:[\w'-]+ ){0,3}",
    # any one word
    "W": r"[\w'-]+",
}

_MACRO_RE = re.compile(r"\{([A-Z0-9]+)\}")


class PatternError(ValueError):
    """A phrase or pattern cannot be compiled; the message says why."""


def expand_macros(pattern: str) -> str:
    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in MACROS:
            raise PatternError(
                f"unknown macro {{{name}}}; known macros: "
                + ", ".join("{" + k + "}" for k in sorted(MACROS))
            )
        return MACROS[name]

    return _MACRO_RE.sub(sub, pattern)


def phrase_to_regex(phrase: str) -> str:
    """A literal phrase -> regex: case-insensitive, flexible spaces, hyphen or space alike."""
    words = re.split(r"[\s-]+", phrase.strip())
    return (
        r"[\s-]*".join(re.escape(w) for w in words if w) if len(words) > 1 else re.escape(words[0])
    )


#: A word slot of a pattern ("(?:\\w+ )?", "(?:[\\w'-]+ ){0,3}", "(?: \\w+)"): any word but a
#: negation, so that "her account is (?:\\w+ )?unreliable" does not match "her account is not
#: unreliable" (a pattern that means a negation says "not" itself).
_WORD_SLOT = re.compile(r"\(\?:( ?)(\\w\+|\[\\w'-\]\+)( ?)\)")
_NOT_NEGATION = r"(?!(?:not|never)(?![\w'])|[\w'-]*n't(?![\w]))"


def guard_word_slots(pattern: str) -> str:
    """The pattern with each word slot made to refuse a negation (see ``_WORD_SLOT``)."""
    return _WORD_SLOT.sub(
        lambda m: (
            f"(?:{m.group(1)}{_NOT_NEGATION}{m.group(2)}{m.group(3)})"
            if m.group(1) or m.group(3)
            else m.group(0)
        ),
        pattern,
    )


def rule_regex_source(phrases: Iterable[str], patterns: Iterable[str]) -> str:
    """The regex (source) for phrases and patterns: word-bounded at both ends, spaces in
    patterns matching any whitespace, word slots refusing a negation (``guard_word_slots``).
    Nothing is compiled or checked here."""
    alts = [phrase_to_regex(p) for p in phrases]
    for p in patterns:
        expanded = guard_word_slots(expand_macros(p))
        # a literal space in a pattern means "one or more spaces"
        expanded = re.sub(r"(?<!\\) [?*]", r"\\s*", expanded)  # " ?" optional space
        expanded = re.sub(r"(?<!\\) ", r"\\s+", expanded)
        alts.append(expanded)
    body = "|".join(f"(?:{a})" for a in alts)
    return rf"(?<![\w])(?:{body})(?![\w])"


def check_regex(source: str) -> None:
    """Raise :class:`PatternError` if ``source`` is not a valid regular expression (parsing
    only: much cheaper than compiling)."""
    try:
        sre_parse.parse(source, re.IGNORECASE)
    except re.error as exc:
        raise PatternError(f"not a valid regular expression: {exc}") from exc


def pattern_problem(pattern: str) -> str | None:
    """What is wrong with one rule pattern on its own, in the words of Python's regex parser
    (position counted in the pattern as written, macros expanded), or None if nothing is."""
    try:
        check_regex(expand_macros(pattern))
    except PatternError as exc:
        return str(exc)
    return None


def compile_rule_regex(phrases: Iterable[str], patterns: Iterable[str]) -> re.Pattern[str]:
    """One compiled regex for phrases and patterns (see :func:`rule_regex_source`)."""
    try:
        return re.compile(rule_regex_source(phrases, patterns), re.IGNORECASE)
    except re.error as exc:
        raise PatternError(f"not a valid regular expression: {exc}") from exc


class LazyRegex:
    """A regex compiled the first time a text needs it (most texts need few of a rule set's
    hundreds of patterns, so start-up does not pay for compiling them all)."""

    __slots__ = ("source", "_compiled")

    def __init__(self, source: str):
        self.source = source
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source, re.IGNORECASE)
        return self._compiled

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text)

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text)


# --- anchors --------------------------------------------------------------------------------


def _anchors_of_seq(seq: list) -> set[str] | None:
    """Best set of literal strings one of which must occur in any match of ``seq``."""
    candidates = _necessary_sets(seq)
    if not candidates:
        return None
    # prefer the candidate whose shortest member is longest (most selective)
    return max(candidates, key=lambda c: (min(len(s.strip()) for s in c), -len(c)))


def _necessary_sets(seq: list) -> list[set[str]]:
    """Sets of literal strings (lower case) such that any match of ``seq`` contains a member of
    every set: the literal runs, and the best set of each group, alternation and repeat that
    every match passes through."""
    candidates: list[set[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            candidates.append({"".join(run).lower()})
            run.clear()

    prefix_run = ""
    for op, av in seq:
        if op is LITERAL:
            run.append(chr(av))
            continue
        prefix_run = "".join(run)
        flush()
        if op is SUBPATTERN:
            sub = _anchors_of_seq(list(av[-1]))
            if sub:
                candidates.append(sub)
        elif op is BRANCH:
            if candidates and prefix_run:
                # the parser factors a common prefix out of alternatives: "ma(?:king|de)"
                joined = set()
                for alt in av[1]:
                    lead = "".join(chr(a) for o, a in _leading_literals(list(alt)))
                    joined.add((prefix_run + lead).lower())
                candidates.append(joined)
            alts: set[str] = set()
            for alt in av[1]:
                a = _anchors_of_seq(list(alt))
                if not a:
                    alts = set()
                    break
                alts |= a
            if alts:
                candidates.append(alts)
        elif op in (MAX_REPEAT, MIN_REPEAT) and av[0] >= 1:
            sub = _anchors_of_seq(list(av[2]))
            if sub:
                candidates.append(sub)
    flush()
    return [c for c in candidates if all(s.strip() for s in c)]


def _leading_literals(seq: list) -> list:
    out = []
    for op, av in seq:
        if op is not LITERAL:
            break
        out.append((op, av))
    return out


def anchors_for_regex(regex: str) -> set[str] | None:
    """Literal substrings (lower case), one of which any match must contain; None if unknown."""
    found = anchor_sets_for_regex(regex)
    return found[0] if found else None


def anchor_sets_for_regex(regex: str) -> list[set[str]]:
    """Sets of literal substrings (lower case): any match contains a member of every set. The
    first is the most selective (what :func:`anchors_for_regex` gives); empty if unknown."""
    try:
        parsed = sre_parse.parse(regex, re.IGNORECASE)
    except re.error:
        return []
    seq = list(parsed)
    best = _anchors_of_seq(seq)
    if not best:
        return []
    cleaned = {s.strip() for s in best}
    if min(len(s) for s in cleaned) < 2:
        return []
    out = [cleaned]
    for c in _necessary_sets(seq):
        extra = {s.strip() for s in c}
        if c != best and min(len(s) for s in extra) >= 2 and extra not in out:
            out.append(extra)
    return out

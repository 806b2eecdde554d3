"""Signs of exploitation read from case notes, by the same text-rule machinery as the
language checker (rules as data in ``rules/``, context scoring, evidence).

>>> [i.category for i in find_indicators([note])]   # doctest: +SKIP
['older-associates', 'new-phones']

Each :class:`Indicator` carries the note it rests on, the words, and the rule that matched,
so a risk grade built on it can be explained from the record.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from safeguard.records import clock
from safeguard.records.schema import Note
from safeguard.textrules.match import Span

if TYPE_CHECKING:
    from safeguard.textrules import RuleSet

RULES_DIR = Path(__file__).with_name("rules")
DEFAULT_MIN_SCORE = 0.5


@dataclass(frozen=True, slots=True)
class Indicator:
    """One sign of exploitation found in one note."""

    note_id: str
    written_at: datetime
    category: str  # e.g. "older-associates"
    title: str  # e.g. "Older associates"
    rule_id: str  # e.g. "older-associates/older-male"
    span: Span  # the words in the note (the one span type from rule match to evidence)
    score: float
    why: str
    source: str
    context: tuple[str, ...] = field(default_factory=tuple)

    @property
    def words(self) -> str:
        return self.span.text

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    def as_dict(self) -> dict[str, Any]:
        return {
            "note_id": self.note_id,
            "written_at": clock.iso(self.written_at),
            "category": self.category,
            "title": self.title,
            "rule_id": self.rule_id,
            "words": self.words,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 3),
            "why": self.why,
            "source": self.source,
            "context": list(self.context),
        }


#: Context kinds that do not weaken an indicator: a parent, carer or teacher reporting what
#: they saw (or a professional's account narrated) is how most signs of exploitation reach the
#: police.
_REPORTED = frozenset({"attributed", "quoted", "narrated"})


def indicator_score(score: float, base: float, kinds: set[str]) -> float:
    """The match's score, except that reported speech and quotation do not lower it."""
    if kinds and kinds <= _REPORTED:
        return base
    return score


@cache
def default_rules() -> RuleSet:
    """The packaged indicator rules (loaded once)."""
    from safeguard.textrules import RuleSet

    return RuleSet.load(RULES_DIR)


@dataclass(frozen=True, slots=True)
class IndicatorMatch:
    """An indicator rule's match in a text, before any threshold (a pure function of the
    text and the rules, so it may be kept between audits: safeguard.engine.language_cache)."""

    category: str
    title: str
    rule_id: str
    start: int
    end: int
    words: str
    score: float
    why: str
    source: str
    context: tuple[str, ...] = ()

    def in_note(self, note: Note) -> Indicator:
        return Indicator(
            note_id=note.id,
            written_at=note.written_at,
            category=self.category,
            title=self.title,
            rule_id=self.rule_id,
            span=Span(self.start, self.end, self.words),
            score=self.score,
            why=self.why,
            source=self.source,
            context=self.context,
        )


def indicator_matches(text: str, rules: RuleSet | None = None) -> list[IndicatorMatch]:
    """Every indicator rule's match in ``text`` with its score, in order of position."""
    rs = rules or default_rules()
    titles = _titles(rs)
    return [
        IndicatorMatch(
            category=m.category,
            title=titles.get(m.rule_id, m.category),
            rule_id=m.rule_id,
            start=m.span.start,
            end=m.span.end,
            words=m.span.text,
            score=indicator_score(m.score, m.base_score, m.kinds()),
            why=m.message,
            source=m.source,
            context=tuple(m.context),
        )
        for m in rs.find(text)
    ]


_TITLES: dict[int, tuple[Any, dict[str, str]]] = {}


def _titles(rs: RuleSet) -> dict[str, str]:
    got = _TITLES.get(id(rs))
    if got is None or got[0] is not rs:
        got = _TITLES[id(rs)] = (rs, {r.id: r.title for r in rs.rules})
    return got[1]


def find_indicators(
    notes: Iterable[Note], *, rules: RuleSet | None = None, min_score: float = DEFAULT_MIN_SCORE
) -> list[Indicator]:
    """Every exploitation indicator in ``notes``, in note order then position."""
    return [
        m.in_note(note)
        for note in notes
        for m in indicator_matches(note.text, rules)
        if m.score >= min_score
    ]


__all__ = [
    "Indicator",
    "IndicatorMatch",
    "find_indicators",
    "indicator_matches",
    "default_rules",
    "RULES_DIR",
]

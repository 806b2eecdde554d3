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
#: they saw is how most signs of exploitation reach the police.
_REPORTED = frozenset({"attributed", "quoted"})


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


def find_indicators(
    notes: Iterable[Note], *, rules: RuleSet | None = None, min_score: float = DEFAULT_MIN_SCORE
) -> list[Indicator]:
    """Every exploitation indicator in ``notes``, in note order then position."""
    rs = rules or default_rules()
    titles = {r.id: r.title for r in rs.rules}
    out: list[Indicator] = []
    for note in notes:
        for m in rs.find(note.text):
            score = indicator_score(m.score, m.base_score, m.kinds())
            if score < min_score:
                continue
            out.append(
                Indicator(
                    note_id=note.id,
                    written_at=note.written_at,
                    category=m.category,
                    title=titles.get(m.rule_id, m.category),
                    rule_id=m.rule_id,
                    span=m.span,
                    score=score,
                    why=m.message,
                    source=m.source,
                    context=tuple(m.context),
                )
            )
    return out


__all__ = ["Indicator", "find_indicators", "default_rules", "RULES_DIR"]

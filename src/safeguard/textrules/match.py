"""The result of a rule matching a text, with its evidence."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class Match:
    """One span of text matched by one rule.

    ``base_score`` is the rule's own confidence; ``score`` is after context. ``context`` lists
    each reason that changed the score, in words (e.g. ``"negated by 'no indication'"``).
    """

    start: int
    end: int
    text: str
    rule_id: str
    category: str
    message: str
    suggestion: str
    source: str
    base_score: float
    score: float
    context: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

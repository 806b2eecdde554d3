"""The result of a rule matching a text, with its evidence: the span of words, and each context
reason as a typed value (kind, cue) rather than prose."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Context kinds, each the key of its weight in ``context.yml`` and of its feature in the
#: trained models. Words for people are made from the kind and its cue by :meth:`Reason.words`.
REASON_KINDS: dict[str, str] = {
    "negated": "negated by '{cue}'",
    "quoted": "inside quotation marks",
    "attributed": "attributed to someone other than the writer ('{cue}')",
    "adult_subject": "describes an adult ('{cue}')",
    "about_wording": "about the wording ('{cue}')",
    "policy": "training or policy text ('{cue}')",
    "coerced": "describes the child as coerced ('{cue}')",
    "unless": "ordinary context ('{cue}')",
    "generic": "about children in general, not one child ('{cue}')",
    "narrated": "a review or report narrating how professionals saw or described the child "
    "('{cue}')",
    "definition": "a definition, indicator list or checklist, not a note about one child ('{cue}')",
}


@dataclass(frozen=True, slots=True)
class Span:
    """Words in a text: character offsets (Python string indices) and the words themselves.

    The one type for "these words, here" from a rule match to a language finding, a web flag
    and an audit's evidence."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


class HasSpan:
    """``start``, ``end`` and ``text`` of a thing that carries its words as ``span``."""

    __slots__ = ()
    span: Span

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    @property
    def text(self) -> str:
        return self.span.text


@dataclass(frozen=True, slots=True)
class Reason:
    """One thing in the context that changed a match's score: its kind (the key of its weight)
    and the words that showed it (``cue``; None where there are no words, as for quotation)."""

    kind: str
    cue: Span | None = None

    def __post_init__(self) -> None:
        if self.kind not in REASON_KINDS:
            raise ValueError(f"unknown context kind {self.kind!r}")

    def words(self) -> str:
        """The reason in words, for people."""
        return REASON_KINDS[self.kind].format(cue=self.cue.text if self.cue else "")

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "cue": None if self.cue is None else self.cue.as_dict(),
            "words": self.words(),
        }


@dataclass(slots=True)
class Match(HasSpan):
    """One span of text matched by one rule.

    ``base_score`` is the rule's own confidence; ``score`` is after context. ``reasons`` lists
    each context reason that changed the score."""

    span: Span
    rule_id: str
    category: str
    message: str
    suggestion: str
    source: str
    base_score: float
    score: float
    reasons: list[Reason] = field(default_factory=list)
    #: the rule is decisive: its words blame the child in any sentence
    decisive: bool = False

    @property
    def context(self) -> list[str]:
        """The reasons in words."""
        return [r.words() for r in self.reasons]

    @property
    def stands_alone(self) -> bool:
        """Whether the match is reported whatever a model says of its sentence: its rule is
        decisive and no context discounted it (no negation, quotation, adult subject, ...)."""
        return self.decisive and not self.reasons

    def kinds(self) -> set[str]:
        return {r.kind for r in self.reasons}

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.span.as_dict(),
            "rule_id": self.rule_id,
            "category": self.category,
            "message": self.message,
            "suggestion": self.suggestion,
            "source": self.source,
            "base_score": self.base_score,
            "score": self.score,
            "context": self.context,
            "reasons": [r.as_dict() for r in self.reasons],
            "decisive": self.decisive,
        }

"""The language checker: rules + context + classifier -> findings with evidence."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from safeguard.textrules import RuleSet

#: Plain-text inline marker that a line has been reviewed, optionally for named rules:
#: ``[safeguard: reviewed]`` or ``safeguard-reviewed: choice/lifestyle, missing``.
REVIEWED = re.compile(
    r"safeguard[:\s-]*reviewed(?:\s*:\s*(?P<ids>[a-z_/,\s-]+))?\]?", re.IGNORECASE
)

DEFAULT_MIN_SCORE = 0.5


@dataclass(slots=True)
class Finding:
    """One piece of victim-blaming language, with everything a supervisor needs to act."""

    start: int
    end: int
    text: str
    category: str
    rule: str
    message: str
    suggestion: str
    source: str
    score: float
    rule_score: float = 0.0
    model_score: float | None = None
    context: list[str] = field(default_factory=list)

    def as_dict(self, *, explain: bool = False) -> dict[str, Any]:
        d = asdict(self)
        if not explain:
            for k in ("rule_score", "model_score", "context"):
                d.pop(k)
        return d


@cache
def _rules() -> RuleSet:
    folder = resources.files("safeguard.language").joinpath("rules")
    return RuleSet.load(str(folder))


class Checker:
    """A configured checker. ``select``/``ignore`` take rule ids or categories."""

    def __init__(
        self,
        *,
        min_score: float = DEFAULT_MIN_SCORE,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        use_model: bool = True,
    ):
        self.rules = _rules()
        self.min_score = min_score
        self.select = set(select)
        self.ignore = set(ignore)
        self.model = None
        if use_model:
            from safeguard.language.model import load_model

            self.model = load_model()

    def _enabled(self, rule_id: str, category: str) -> bool:
        if self.select and rule_id not in self.select and category not in self.select:
            return False
        return rule_id not in self.ignore and category not in self.ignore

    def check(self, text: str) -> list[Finding]:
        """Findings in one text (a line or a note), in order of position."""
        reviewed = REVIEWED.search(text)
        reviewed_ids: set[str] | None = None
        if reviewed:
            ids = reviewed.group("ids")
            if not ids:
                return []
            reviewed_ids = {i.strip() for i in re.split(r"[,\s]+", ids) if i.strip()}
        matches = self.rules.find(text)
        findings: list[Finding] = []
        sentence_probs: dict[tuple[int, int], float] = {}
        for m in matches:
            if not self._enabled(m.rule_id, m.category):
                continue
            if reviewed_ids and (m.rule_id in reviewed_ids or m.category in reviewed_ids):
                continue
            p = self._model_flag(text, m.start, matches, sentence_probs)
            score = self.model.combine(m.score, p) if self.model is not None else m.score
            if score < self.min_score:
                continue
            findings.append(
                Finding(
                    start=m.start,
                    end=m.end,
                    text=m.text,
                    category=m.category,
                    rule=m.rule_id,
                    message=m.message,
                    suggestion=m.suggestion,
                    source=m.source,
                    score=round(score, 3),
                    rule_score=m.score,
                    model_score=None if p is None else round(p, 3),
                    context=m.context,
                )
            )
        if self.model is not None and not matches:
            for extra in self.model.model_only_findings(text):
                if self._enabled(extra.rule, extra.category) and not (
                    reviewed_ids and extra.category in reviewed_ids
                ):
                    findings.append(extra)
        return findings

    def _model_flag(
        self, text: str, pos: int, matches: list, cache: dict[tuple[int, int], float]
    ) -> float | None:
        """The model's probability for the sentence holding ``pos`` (None without a model)."""
        if self.model is None:
            return None
        from safeguard.language.model import sentence_span

        span = sentence_span(text, pos)
        if span not in cache:
            inside = [m for m in matches if span[0] <= m.start < span[1]]
            cache[span] = self.model.predict(text[span[0] : span[1]], inside)["flag"]
        return cache[span]

    def check_many(self, texts: Sequence[str]) -> list[list[Finding]]:
        return [self.check(t) for t in texts]


@cache
def default_checker() -> Checker:
    return Checker()


def check(text: str) -> list[Finding]:
    """Findings of victim-blaming language in ``text`` with the default settings."""
    return default_checker().check(text)


def check_many(texts: Sequence[str]) -> list[list[Finding]]:
    """:func:`check` for many texts (one list of findings per text, same order)."""
    return default_checker().check_many(texts)

"""The language checker: rules + context + classifier -> findings with evidence."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from safeguard.language.suggest import fit_suggestion
from safeguard.textrules import Match, Reason, RuleSet, Span
from safeguard.textrules.match import HasSpan

#: Plain-text inline marker that a line has been reviewed, optionally for named rules:
#: ``[safeguard: reviewed]`` or ``safeguard-reviewed: choice/lifestyle, missing``.
REVIEWED = re.compile(
    r"safeguard[:\s-]*reviewed(?:\s*:\s*(?P<ids>[a-z_/,\s-]+))?\]?", re.IGNORECASE
)

DEFAULT_MIN_SCORE = 0.5

#: Checking modes: ``default`` (rules, context and a linear model; standard library only) and
#: ``thorough`` (rules and context with a fine-tuned sentence encoder; needs the extra).
MODES = ("default", "thorough")


@dataclass(slots=True)
class Finding(HasSpan):
    """One piece of victim-blaming language, with everything a supervisor needs to act."""

    span: Span
    category: str
    rule: str
    message: str
    suggestion: str
    source: str
    score: float
    rule_score: float = 0.0
    model_score: float | None = None
    reasons: list[Reason] = field(default_factory=list)
    #: True when no rule matched and the model alone flagged the sentence
    model_only: bool = False
    #: For a default-mode model-only finding: the words (or word pairs) that weighed most
    #: towards its theme in the model's score, most first (LanguageModel.weighty_words)
    model_words: list[Span] = field(default_factory=list)
    #: True when the rule decided alone: a decisive rule's words in a sentence no context
    #: discounted are reported whatever the model gave the sentence (Match.stands_alone)
    rule_decided: bool = False

    @property
    def context(self) -> list[str]:
        """The context reasons in words."""
        return [r.words() for r in self.reasons]

    def as_dict(self, *, explain: bool = False) -> dict[str, Any]:
        """The finding as in ``safeguard lint --format jsonl`` (docs/lint-output.md)."""
        d: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "category": self.category,
            "rule": self.rule,
            "message": self.message,
            "suggestion": self.suggestion,
            "source": self.source,
            "score": self.score,
            "model_only": self.model_only,
        }
        if explain:
            d["rule_score"] = self.rule_score
            d["model_score"] = self.model_score
            d["context"] = self.context
            d["reasons"] = [r.as_dict() for r in self.reasons]
            d["model_words"] = [w.as_dict() for w in self.model_words]
            d["rule_decided"] = self.rule_decided
        return d


@cache
def _rules() -> RuleSet:
    folder = resources.files("safeguard.language").joinpath("rules")
    return RuleSet.load(str(folder))


def kept_score(m: Match, judged: float) -> float:
    """A rule match's score once a model has judged its sentence (``judged``): the model's
    judgement, except that a match that stands alone (a decisive rule, no context against it)
    keeps at least the rule's own score. One place for both modes."""
    return max(judged, m.score) if m.stands_alone else judged


def decided_by_rule(m: Match, judged: float) -> bool:
    """Whether the rule alone kept the match: the model's judgement would have dropped it."""
    return m.stands_alone and judged < DEFAULT_MIN_SCORE


def finding_from_match(
    text: str, m: Match, score: float, model_score: float | None, *, rule_decided: bool = False
) -> Finding:
    return Finding(
        span=m.span,
        category=m.category,
        rule=m.rule_id,
        message=m.message,
        suggestion=fit_suggestion(m.suggestion, text, m.start),
        source=m.source,
        score=round(score, 3),
        rule_score=m.score,
        model_score=None if model_score is None else round(model_score, 3),
        reasons=list(m.reasons),
        rule_decided=rule_decided,
    )


#: what a sentence flagged by a model alone is told to do when its theme's rule file gives no
#: suggestion of its own
MODEL_ONLY_SUGGESTION = "describe what the adults did"


def model_only_finding(
    text: str,
    start: int,
    sentence: str,
    theme: str,
    *,
    judged: str,
    score: float,
    model_score: float,
    reasons: list[Reason],
    source: str,
    model_words: list[Span] | None = None,
) -> Finding:
    """The finding for ``sentence`` (at ``start`` in ``text``), which no rule matched and a
    model flagged in ``theme``: the theme's title, reason and whole-sentence suggestion as its
    rule file gives them. ``judged`` says which model judged it, in words; ``source`` names
    the model, and the theme's own guidance is named after it (the standard the judgement
    rests on, as a rule match names its rule's)."""
    info = _rules().themes.get(theme)
    if info is not None and info.source:
        source = f"{source}; guidance for the theme: {info.source}"
    title = info.title if info else theme
    why = info.why if info else ""
    suggestion = (info.suggestion if info else "") or MODEL_ONLY_SUGGESTION
    return Finding(
        span=Span(start, start + len(sentence), sentence),
        category=theme,
        rule=f"model/{theme}",
        message=(
            f"No rule matched, but {judged} this sentence frames the child as responsible "
            f"({title}). Check it. {why}"
        ).strip(),
        suggestion=fit_suggestion(suggestion, text, start),
        source=source,
        score=round(score, 3),
        rule_score=0.0,
        model_score=round(model_score, 3),
        reasons=reasons,
        model_only=True,
        model_words=model_words or [],
    )


class Checker:
    """A configured checker. ``select``/``ignore`` take rule ids or categories."""

    def __init__(
        self,
        *,
        min_score: float = DEFAULT_MIN_SCORE,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        use_model: bool = True,
        mode: str = "default",
        weigh_words: bool = True,
    ):
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; modes: {', '.join(MODES)}")
        self.rules = _rules()
        self.min_score = min_score
        self.select = set(select)
        self.ignore = set(ignore)
        self.mode = mode
        #: thorough mode: name the words each encoder-only finding rests on (``model_words``;
        #: costly: one encoder run per word). The default mode's model always names them (cheap)
        self.weigh_words = weigh_words
        self.model = None
        self.thorough = None
        if use_model and mode == "thorough":
            from safeguard.language.thorough import load_thorough

            self.thorough = load_thorough()
        elif use_model:
            from safeguard.language.model import load_model

            self.model = load_model()

    def enabled(self, rule_id: str, category: str) -> bool:
        """Whether --select/--ignore leave this rule on."""
        if self.select and rule_id not in self.select and category not in self.select:
            return False
        return rule_id not in self.ignore and category not in self.ignore

    def _reviewed(self, text: str) -> set[str] | None | bool:
        """False: not reviewed; True: the whole line reviewed; else the reviewed rule ids."""
        if "reviewed" not in text.lower():  # the marker's one fixed word: a cheap first test
            return False
        reviewed = REVIEWED.search(text)
        if not reviewed:
            return False
        ids = reviewed.group("ids")
        if not ids:
            return True
        return {i.strip() for i in re.split(r"[,\s]+", ids) if i.strip()}

    def _wanted(self, rule: str, category: str, reviewed: set[str] | None | bool) -> bool:
        if not self.enabled(rule, category):
            return False
        return not (isinstance(reviewed, set) and (rule in reviewed or category in reviewed))

    def check(self, text: str) -> list[Finding]:
        """Findings in one text (a line or a note), in order of position."""
        if self.thorough is not None:
            return self.check_many([text])[0]
        reviewed = self._reviewed(text)
        if reviewed is True:
            return []
        matches = self.rules.find(text)
        findings: list[Finding] = []
        sentence_probs: dict[tuple[int, int], float] = {}
        for m in matches:
            if not self._wanted(m.rule_id, m.category, reviewed):
                continue
            p = self._model_flag(text, m.start, matches, sentence_probs)
            judged = self.model.combine(m.score, p) if self.model is not None else m.score
            score = kept_score(m, judged) if self.model is not None else judged
            if score < self.min_score:
                continue
            findings.append(
                finding_from_match(
                    text, m, score, p, rule_decided=p is not None and decided_by_rule(m, judged)
                )
            )
        if self.model is not None and not matches:
            for extra in self.model.model_only_findings(text):
                if extra.score < self.min_score:
                    continue
                if self._wanted(extra.rule, extra.category, reviewed):
                    findings.append(extra)
        return findings

    def _model_flag(
        self, text: str, pos: int, matches: list[Match], cache: dict[tuple[int, int], float]
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
        """:meth:`check` for many texts; in thorough mode the encoder runs on them in batches."""
        if self.thorough is None:
            return [self.check(t) for t in texts]
        out: list[list[Finding]] = []
        reviewed = [self._reviewed(t) for t in texts]
        matches = [
            [] if r is True else self.rules.find(t) for t, r in zip(texts, reviewed, strict=True)
        ]
        judged = self.thorough.judge(
            [t if r is not True else "" for t, r in zip(texts, reviewed, strict=True)], matches
        )
        for text, rv, js in zip(texts, reviewed, judged, strict=True):
            found: list[Finding] = []
            if rv is not True:
                for j in js:
                    score = j.score if j.match is None else kept_score(j.match, j.score)
                    if score < self.min_score:
                        continue
                    if j.match is not None:
                        if self._wanted(j.match.rule_id, j.match.category, rv):
                            found.append(
                                finding_from_match(
                                    text,
                                    j.match,
                                    score,
                                    j.encoder,
                                    rule_decided=decided_by_rule(j.match, j.score),
                                )
                            )
                    else:
                        f = self.thorough.model_only_finding(
                            text, j, weigh_words=self.weigh_words
                        )
                        if self._wanted(f.rule, f.category, rv):
                            found.append(f)
            found.sort(key=lambda f: f.start)
            out.append(found)
        return out


@cache
def default_checker() -> Checker:
    return Checker()


@cache
def thorough_checker(*, weigh_words: bool = True) -> Checker:
    """The checker in thorough mode (raises :class:`ThoroughUnavailable` without the extra);
    ``weigh_words``: see :class:`Checker`."""
    return Checker(mode="thorough", weigh_words=weigh_words)


def check(text: str) -> list[Finding]:
    """Findings of victim-blaming language in ``text`` with the default settings."""
    return default_checker().check(text)


def check_many(texts: Sequence[str]) -> list[list[Finding]]:
    """:func:`check` for many texts (one list of findings per text, same order)."""
    return default_checker().check_many(texts)

"""The shipped language model: a linear classifier over word n-grams and rule/context features.

Trained by ``scripts/train_language_model.py`` on ``data/labelled/`` (train split only) and
stored as plain JSON (``weights.json``), so inference needs no machine-learning library and
starts instantly. It is never the only evidence for a finding that a rule matched: it adjusts
the rule's score; on its own it may flag a sentence only when very confident, and says so.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from safeguard.language.features import features
from safeguard.textrules.sentences import sentence_span, sentence_spans

if TYPE_CHECKING:
    from safeguard.language.checker import Finding
    from safeguard.textrules import Match

__all__ = ["LanguageModel", "sentence_span"]


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text`` with some words in it."""
    return [(s, e) for s, e in sentence_spans(text) if len(text[s:e].strip()) >= 3]


MODEL_SOURCE = "safeguard language model (linear classifier trained on data/labelled, train split)"


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


class LanguageModel:
    def __init__(self, data: dict):  # type: ignore[type-arg]
        self.classes: list[str] = data["classes"]
        self.bias: list[float] = data["bias"]
        self.weights: dict[str, list[float]] = data["weights"]
        self.combine_coef: list[float] = data["combine"]  # a*logit(rule) + b*logit(model) + c
        self.model_only_threshold: float = data["model_only_threshold"]
        self.themes: dict[str, dict[str, str]] = data.get("themes", {})
        self.version: str = data.get("version", "")

    def probabilities(self, text: str, matches: list[Match]) -> dict[str, float]:
        get = self.weights.get
        rows = [w for f in features(text, matches) if (w := get(f)) is not None]
        scores = [sum(col) for col in zip(self.bias, *rows, strict=True)]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def predict(self, text: str, matches: list[Match]) -> dict[str, float]:
        """Probability that the text is victim-blaming, overall ("flag") and per theme."""
        probs = self.probabilities(text, matches)
        flag = 1.0 - probs.get("none", 0.0)
        out = {c: p for c, p in probs.items() if c != "none"}
        out["flag"] = flag
        # a rule's category gets the overall probability: the theme is the rule's to decide
        for c in list(out):
            if c != "flag":
                out[c] = flag
        return out

    def combine(self, rule_score: float, model_flag: float | None) -> float:
        if model_flag is None:
            return rule_score
        a, b, c = self.combine_coef
        z = a * _logit(rule_score) + b * _logit(model_flag) + c
        return 1.0 / (1.0 + math.exp(-z))

    def model_only_findings(self, text: str) -> list[Finding]:
        """Sentences no rule matched that the model is confident blame the child."""
        from safeguard.language.checker import Finding
        from safeguard.language.suggest import fit_suggestion
        from safeguard.textrules import Span

        out: list[Finding] = []
        for s_start, s_end in sentence_spans(text):
            chunk = text[s_start:s_end]
            sentence = chunk.strip()
            if len(sentence) < 3:
                continue
            probs = self.probabilities(sentence, [])
            flag = 1.0 - probs.get("none", 0.0)
            if flag < self.model_only_threshold:
                continue
            theme = max((c for c in self.classes if c != "none"), key=lambda c: probs[c])
            info = self.themes.get(theme, {})
            start = s_start + chunk.find(sentence)
            out.append(
                Finding(
                    span=Span(start, start + len(sentence), sentence),
                    category=theme,
                    rule=f"model/{theme}",
                    message=(
                        "No rule matched, but the trained model is confident this sentence frames "
                        f"the child as responsible ({info.get('title', theme)}). "
                        + info.get("why", "")
                    ).strip(),
                    suggestion=fit_suggestion(
                        info.get("suggestion", "describe what the adults did"), text, start
                    ),
                    source=MODEL_SOURCE,
                    score=round(flag, 3),
                    rule_score=0.0,
                    model_score=round(flag, 3),
                    model_only=True,
                )
            )
        return out


@cache
def load_model() -> LanguageModel | None:
    """The shipped model, or None if it has not been trained yet."""
    path = resources.files("safeguard.language.model").joinpath("weights.json")
    if not path.is_file():
        return None
    return LanguageModel(json.loads(path.read_text("utf-8")))

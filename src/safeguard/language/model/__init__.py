"""The shipped language model: a linear classifier over word n-grams and rule/context features.

Trained by ``scripts/train_language_model.py`` on ``data/labelled/`` (train split only) and
stored as JSON (``weights.json``: the feature names as a list, their weights packed as
integers, :class:`Weights`), so inference needs no machine-learning library and starts
quickly. It is never the only evidence for a finding that a rule matched: it adjusts
the rule's score; on its own it may flag a sentence only when very confident, and says so.
"""

from __future__ import annotations

import base64
import json
import math
import sys
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache, cached_property
from importlib import resources
from operator import add
from typing import TYPE_CHECKING, Any

from safeguard.language.features import _TOKEN, MEANING, stem
from safeguard.textrules.match import Reason, Span
from safeguard.textrules.sentences import SENTENCE_END, sentence_span, sentence_spans

if TYPE_CHECKING:
    from safeguard.language.checker import Finding
    from safeguard.textrules import Match

__all__ = ["LanguageModel", "sentence_span"]


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text`` with some words in it."""
    return [(s, e) for s, e in sentence_spans(text) if len(text[s:e].strip()) >= 3]


_CACHE_MAX = 200_000  # words and word pairs remembered by the model-only screen


class _Remembered(dict):
    """A dict that works out a missing value with ``make`` (and keeps it, up to a limit)."""

    def __init__(self, make: Callable[[Any], Any]):
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> Any:
        value = self.make(key)
        if len(self) < _CACHE_MAX:
            self[key] = value
        return value


class Weights(Mapping[str, tuple[float, ...]]):
    """Each feature's weights, one per class, as :func:`load_model` reads them from
    ``weights.json``: ``features`` (the names, in order) and ``weight_rows`` (base64 of
    little-endian 32-bit integers, each weight times ``weight_scale``, one row of
    ``len(classes)`` per feature). Turning 40,000 rows of JSON numbers into floats took a
    tenth of a second at every start; a row is now made only when a sentence asks for it, and
    equals the float the JSON number gave (an integer divided by 10,000 rounds correctly)."""

    def __init__(self, features: list[str], rows: str, width: int, scale: int):
        ints = array("i")
        ints.frombytes(base64.b64decode(rows))
        if sys.byteorder == "big":
            ints.byteswap()
        if len(ints) != len(features) * width:
            raise ValueError(
                f"weights.json: weight_rows holds {len(ints)} numbers, "
                f"expected {len(features)} features x {width} classes"
            )
        self._ints = ints
        self._index = dict(zip(features, range(len(features)), strict=True))
        self._width = width
        self._scale = scale

    def __getitem__(self, key: str) -> tuple[float, ...]:
        i = self._index[key] * self._width
        scale = self._scale
        return tuple([v / scale for v in self._ints[i : i + self._width]])

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self._index else default

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    @staticmethod
    def pack(rows: Mapping[str, Sequence[float]], scale: int) -> dict[str, Any]:
        """``weights.json``'s ``features``, ``weight_rows`` and ``weight_scale`` for ``rows``
        (weights already rounded to the scale's places)."""
        features = sorted(rows)
        ints = array("i", [round(v * scale) for f in features for v in rows[f]])
        if sys.byteorder == "big":
            ints.byteswap()
        return {
            "features": features,
            "weight_rows": base64.b64encode(ints.tobytes()).decode("ascii"),
            "weight_scale": scale,
        }


#: A sentence with fewer words than this is a short fragment ("No further action.", "Crimed.",
#: "Phone off.", but also a guide's term to avoid: "Promiscuous.", "Making choices."). A model
#: judging alone uses its own, separately trained threshold for short fragments; a model file
#: without one leaves them to the rules. Notes are full of ordinary fragments, so the training
#: scripts choose that threshold on the short rows alone, with labelled note fragments
#: (data/labelled/language_m.jsonl) among them.
SHORT_SENTENCE_WORDS = 6

MODEL_SOURCE = "safeguard language model (linear classifier trained on data/labelled, train split)"


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def calibrated(p: float, threshold: float) -> float:
    """``p`` moved on the log-odds scale so that ``threshold`` becomes 0.5: a model-only
    finding's score, comparable with a rule match's and with ``--min-score``."""
    return 1.0 / (1.0 + math.exp(-(_logit(p) - _logit(threshold))))


class LanguageModel:
    def __init__(self, data: dict):
        self.classes: list[str] = data["classes"]
        self.bias: list[float] = data["bias"]
        self.weights = Weights(
            data["features"], data["weight_rows"], len(self.classes), data["weight_scale"]
        )
        self.combine_coef: list[float] = data["combine"]  # a*logit(rule) + b*logit(model) + c
        self.model_only_threshold: float = data["model_only_threshold"]
        #: for short fragments (None: left to the rules)
        self.model_only_threshold_short: float | None = data.get("model_only_threshold_short")
        self.version: str = data.get("version", "")
        # Model-only screening (most sentences): the same sums, taken word by word from
        # remembered per-word and per-word-pair totals. Summed in another order, a score can
        # differ in its last bits, so a sentence near the threshold is then scored exactly.
        self._none = self.classes.index("none") if "none" in self.classes else None
        t = min(self.model_only_threshold, self.model_only_threshold_short or 1.0)
        margin = 1e-6  # scores summed in another order may differ in their last bits
        self._screen_odds = t / (1 - t) * (1 - margin) if t < 1 else math.inf
        self._screen_low = math.log(self._screen_odds / max(1, len(self.classes) - 1)) - margin
        self._word_rows = _Remembered(self._word_row)
        self._pair_rows = _Remembered(self._pair_row)
        # The screen works on each theme's lead over "none": one row of leads for the first
        # word, then one per following word holding that word and the pair ending in it.
        self._word_leads = _Remembered(lambda t: self._leads(self._word_rows[t]))
        # Words' meaning rows (features.MEANING) count as their mean over the sentence's words.
        self._has_meanings = any(k.startswith(MEANING) for k in self.weights)
        self._meaning_rows = _Remembered(self._meaning_row)
        # The screen bounds their share from above by each word's largest lead (0: no row),
        # one number per word, so that it adds one sum of floats per sentence.
        self._meaning_leads = _Remembered(
            lambda t: self._leads(self._meaning_rows[t]) or (0.0,) * (len(self.classes) - 1)
        )
        self._meaning_top = _Remembered(lambda t: max(self._meaning_leads[t]))
        self._step_leads = _Remembered(self._step_lead)
        zero = (0.0,) * len(self.classes)
        self._fixed: dict[bool, tuple[float, ...]] = {
            quoted: tuple(
                sum(col)
                for col in zip(
                    self.bias,
                    self.weights.get("rule:none", zero),
                    self.weights.get("has_quote", zero) if quoted else zero,
                    strict=True,
                )
            )
            for quoted in (False, True)
        }
        self._fixed_leads = {q: self._leads(row) or () for q, row in self._fixed.items()}

    def _leads(self, row: tuple[float, ...] | None) -> tuple[float, ...] | None:
        """Each theme's score minus the score of "none" in ``row``."""
        if row is None or self._none is None:
            return None
        n = self._none
        none = row[n]
        return tuple([x - none for x in row[:n] + row[n + 1 :]])

    def _step_lead(self, pair: tuple[str, str]) -> tuple[float, ...] | None:
        """The leads of the second word of ``pair`` and of the pair itself, together."""
        word = self._word_leads[pair[1]]
        both = self._leads(self._pair_row(pair))  # (kept here, not also in _pair_rows)
        if both is None:
            return word
        return both if word is None else tuple(map(add, both, word))

    def _row(self, keys: tuple[str, str]) -> tuple[float, ...] | None:
        get = self.weights.get
        found = [w for k in keys if (w := get(k)) is not None]
        if not found:
            return None
        if len(found) == 1:
            return tuple(found[0])
        return tuple(a + b for a, b in zip(*found, strict=True))

    def _word_row(self, t: str) -> tuple[float, ...] | None:
        t = "<num>" if t.isdigit() else t
        return self._row(("w:" + t, "s:" + stem(t)))

    def _meaning_row(self, t: str) -> tuple[float, ...] | None:
        return self.weights.get(MEANING + ("<num>" if t.isdigit() else t))

    @staticmethod
    def _mean(rows: list[tuple[float, ...] | None], n: int) -> tuple[float, ...] | None:
        """The sum of ``rows`` (None: zeros) divided by ``n``, the sentence's number of words."""
        found = [r for r in rows if r is not None]
        if not found:
            return None
        return tuple([sum(col) / n for col in zip(*found, strict=True)])

    def weighty_words(self, sentence: str, offset: int, theme: str, most: int = 3) -> list[Span]:
        """The words of ``sentence`` (at ``offset`` in its note) that weighed most towards
        ``theme`` over "none" in the model's score, most first: each word with its stem and its
        share of the meaning rows' mean, and each word pair, where that counts towards the
        theme; at most ``most``, none overlapping another and each word once (the model counts a
        word once however often it appears). Evidence for a model-only finding."""
        lowered = sentence.lower().replace("\u2019", "'")
        if self._none is None or theme not in self.classes or len(lowered) != len(sentence):
            return []
        k, none = self.classes.index(theme), self._none
        found = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(lowered)]
        n = len(found)
        weighed: list[tuple[float, int, int]] = []
        for i, (start, end, tok) in enumerate(found):
            row = self._word_rows[tok]
            lead = 0.0 if row is None else row[k] - row[none]
            meant = self._meaning_rows[tok]
            if meant is not None:
                lead += (meant[k] - meant[none]) / n
            weighed.append((lead, start, end))
            if i:
                pair = self._pair_row((found[i - 1][2], tok))
                if pair is not None:
                    weighed.append((pair[k] - pair[none], found[i - 1][0], end))
        taken: list[tuple[int, int]] = []
        said: set[str] = set()  # a word counts once in the model, wherever it stands
        for lead, start, end in sorted(weighed, key=lambda x: (-x[0], x[1])):
            if lead <= 0 or len(taken) == most:
                break
            if lowered[start:end] not in said and all(end <= a or start >= b for a, b in taken):
                taken.append((start, end))
                said.add(lowered[start:end])
        return [Span(offset + a, offset + b, sentence[a:b]) for a, b in taken]

    @cached_property
    def _pair_firsts(self) -> tuple[frozenset[str], frozenset[str]]:
        """The first words of the word pairs, and of the stem pairs, that have weights."""
        words = frozenset(k[2:].split("_", 1)[0] for k in self.weights if k.startswith("b:"))
        stems = frozenset(k[3:].split("_", 1)[0] for k in self.weights if k.startswith("sb:"))
        return words, stems

    def _pair_row(self, pair: tuple[str, str]) -> tuple[float, ...] | None:
        a, b = ("<num>" if t.isdigit() else t for t in pair)
        words, stems = self._pair_firsts
        sa = stem(a)
        if a not in words and sa not in stems:  # most pairs: no weight at all
            return None
        return self._row((f"b:{a}_{b}", f"sb:{sa}_{stem(b)}"))

    def _may_flag(self, sentence: str) -> bool:
        """False when the model certainly will not flag ``sentence`` on its own (see above)."""
        toks = _TOKEN.findall(sentence.lower().replace("\u2019", "'"))
        quoted = '"' in sentence or "'" in sentence or "\u201c" in sentence or "\u2018" in sentence
        rows: list[tuple[float, ...] | None] = [self._fixed_leads[quoted]]
        if toks:
            rows.append(self._word_leads[toks[0]])
            rows += map(self._step_leads.__getitem__, zip(toks, toks[1:]))  # noqa: B905
        # each theme's lead over "none"
        leads = list(map(sum, zip(*filter(None, rows), strict=True)))
        if toks and self._has_meanings:
            # the mean of the words' meaning rows: first bounded from above by one number (most
            # sentences stop there), then, if the bound may flag, each theme's own mean
            n = len(toks)
            top = sum(map(self._meaning_top.__getitem__, toks)) / n
            if not self._over_screen([x + top for x in leads]):
                return False
            word_leads = map(self._meaning_leads.__getitem__, toks)
            mean = [sum(col) / n for col in zip(*word_leads, strict=True)]
            leads = list(map(add, leads, mean))
        return self._over_screen(leads)

    def _over_screen(self, leads: Sequence[float]) -> bool:
        """Whether the model may flag a sentence with these leads over "none"."""
        # flag >= t  <=>  the sum over themes of exp(lead) >= t / (1 - t)
        if max(leads) < self._screen_low:  # even all themes at the best one's lead fall short
            return False
        return sum(map(math.exp, leads)) >= self._screen_odds

    def _scores(self, text: str, matches: list[Match]) -> list[float]:
        """Each class's score: the same sum as over :func:`features` (and the mean of the
        words' :func:`meaning_features` rows), taken from remembered per-word and per-word-pair
        totals (summed in another order: equal to the last bits)."""
        toks = _TOKEN.findall(text.lower().replace("\u2019", "'"))
        get = self.weights.get
        rows = [
            *filter(None, map(self._word_rows.__getitem__, toks)),
            *filter(None, map(self._pair_rows.__getitem__, zip(toks, toks[1:]))),  # noqa: B905
        ]
        if toks and self._has_meanings:
            mean = self._mean(list(map(self._meaning_rows.__getitem__, toks)), len(toks))
            if mean is not None:
                rows.append(mean)
        quoted = '"' in text or "'" in text or "\u201c" in text or "\u2018" in text
        fixed: Sequence[float]
        if matches:
            extra = []
            for m in matches:
                extra += [f"rule:{m.category}", f"ruleid:{m.rule_id}"]
                kinds = m.kinds()
                extra += [f"ctx:{k}" for k in kinds] if kinds else ["ctx:clean"]
            rows += [w for f in extra if (w := get(f)) is not None]
            fixed = self.bias
            if quoted and (w := get("has_quote")) is not None:
                rows.append(w)
        else:
            fixed = self._fixed[quoted]
        return list(map(sum, zip(fixed, *rows, strict=True)))

    def probabilities(self, text: str, matches: list[Match]) -> dict[str, float]:
        scores = self._scores(text, matches)
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

    def model_only_threshold_for(self, sentence: str) -> float | None:
        """The threshold for flagging ``sentence`` (no rule matched) on the model alone; None:
        a short fragment this model leaves to the rules."""
        if len(sentence.split()) >= SHORT_SENTENCE_WORDS:
            return self.model_only_threshold
        return self.model_only_threshold_short

    def model_only_findings(self, text: str) -> list[Finding]:
        """Sentences no rule matched that the model is confident blame the child."""
        out: list[Finding] = []
        screen = self._none is not None
        first = SENTENCE_END.search(text)
        if first is None or len(text[first.end() :].strip()) < 3:
            # one sentence (what follows its end is too short to be one): the usual text
            spans = [(0, len(text))] if first is None else [(0, first.end())]
        else:
            spans = sentence_spans(text)
        for s_start, s_end in spans:
            chunk = text[s_start:s_end]
            sentence = chunk.strip()
            if len(sentence) < 3:
                continue
            if screen and not self._may_flag(sentence):
                continue
            out += self._model_only_finding(text, s_start, chunk, sentence)
        return out

    def _model_only_finding(
        self, text: str, s_start: int, chunk: str, sentence: str
    ) -> list[Finding]:
        """The finding for one sentence the screen let through, if the model is confident."""
        from safeguard.language.checker import model_only_finding

        threshold = self.model_only_threshold_for(sentence)
        if threshold is None:
            return []
        probs = self.probabilities(sentence, [])
        flag = 1.0 - probs.get("none", 0.0)
        if flag < threshold:
            return []
        start = s_start + chunk.find(sentence)
        # what the sentence is (reported, narrated, a definition, ...) counts as for a rule match
        score, reasons = sentence_context(text, start, start + len(sentence), flag)
        if score < threshold:
            return []
        # calibrated as every finding's score is: 0.5 at this threshold, so that --min-score
        # means the same for a model-only finding as for a rule match (and in thorough mode)
        score = calibrated(score, threshold)
        theme = max((c for c in self.classes if c != "none"), key=lambda c: probs[c])
        return [
            model_only_finding(
                text,
                start,
                sentence,
                theme,
                judged="the trained model is confident that",
                score=score,
                model_score=flag,
                reasons=reasons,
                source=MODEL_SOURCE,
                model_words=self.weighty_words(sentence, start, theme),
            )
        ]


def sentence_context(text: str, start: int, end: int, score: float) -> tuple[float, list[Reason]]:
    """``score`` for the sentence ``start``..``end`` of ``text`` that no rule matched, after the
    context that holds for a whole sentence (each reason's weight, as for a rule match), and
    those reasons. Run only for a sentence a model has already flagged."""
    from safeguard.textrules.context import analysis, cues
    from safeguard.textrules.ruleset import normalise

    reasons = analysis(normalise(text)).sentence_reasons(start, end)
    weights = cues().weights
    for r in reasons:
        score *= weights.get(r.kind, 1.0)
    # the cue's words as written (normalising keeps every offset)
    return score, [
        Reason(r.kind, Span.of(text, r.cue.start, r.cue.end) if r.cue else None) for r in reasons
    ]


@cache
def load_model() -> LanguageModel | None:
    """The shipped model, or None if it has not been trained yet."""
    path = resources.files("safeguard.language.model").joinpath("weights.json")
    if not path.is_file():
        return None
    return LanguageModel(json.loads(path.read_text("utf-8")))

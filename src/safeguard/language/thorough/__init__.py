"""Thorough mode: a fine-tuned MiniLM sentence encoder, run with ONNX Runtime, combined with
the rules' spans and structured context by a small explainable head.

The rules still give each finding its words, theme, suggestion and reason; the encoder's
probability that the sentence blames the child and the context kinds of the match (negated,
quoted, about an adult, ...) decide whether it is reported, through a logistic head whose
weights are in ``head.json`` (one per context kind, readable). The default mode's linear model
(word and word-pair weights, ``safeguard.language.model``) gives the head a second opinion on
each sentence (its feature ``linear``): the two models learnt from the same data in different
ways, and where they agree the head is surer. A sentence no rule matched is flagged only when
the head is confident, and the finding says it rests on the models alone.

Needs the ``thorough`` extra (``pip install 'safeguard[thorough]'``: onnxruntime, tokenizers,
numpy). Files beside this module: ``encoder.onnx`` (int8), ``tokenizer.json``, ``head.json``,
all written by ``scripts/train_thorough.py``.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from safeguard.language.model import SHORT_SENTENCE_WORDS, calibrated

if TYPE_CHECKING:
    from safeguard.language.checker import Finding
    from safeguard.language.model import LanguageModel
    from safeguard.textrules import Match, Reason

from safeguard.install import install_command
from safeguard.textrules.match import Span

#: An encoder-only finding names the words it weighed most by leaving each word out in turn: one
#: more encoder run per word, for at most this many words of the sentence.
WEIGHED_WORDS_MAX = 40

EXTRA_MESSAGE = "thorough mode needs the optional 'thorough' extra; install it with: " + (
    install_command("thorough")
)
MODEL_SOURCE = (
    "safeguard thorough model (MiniLM sentence encoder fine-tuned on data/labelled, "
    "train split; see docs/language-thorough.md)"
)


class ThoroughUnavailable(RuntimeError):
    """The thorough extra or its model files are missing; the message says what to do."""


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


def encoder_log_odds(logits: Any) -> float:
    """Log-odds that a sentence blames the child, from the encoder's 7 class logits."""
    row = [float(x) for x in logits]
    top = max(row)
    exps = [math.exp(x - top) for x in row]
    p_none = exps[0] / sum(exps)
    return max(min(_logit(1.0 - p_none), 12.0), -12.0)


def head_features(
    logits: Any, matches: list[Match], linear: float | None = None
) -> dict[str, float]:
    """The head's inputs for one sentence and (at most) one rule match in it: the encoder's
    log-odds, the linear model's log-odds (``linear``: its probability that the sentence
    blames the child, given all the sentence's rule matches; None: not used), whether a rule
    matched and its score after context, and one indicator per context kind. Training uses
    the match that scores highest in context."""
    from safeguard.language.model import _logit as linear_logit

    feats = {"encoder": encoder_log_odds(logits)}
    if linear is not None:
        feats["linear"] = linear_logit(linear)
    if matches:
        m = max(matches, key=lambda x: x.score)
        feats["rule"] = 1.0
        feats["rule_score"] = _logit(max(min(m.score, 0.999), 0.001))
        for k in m.kinds():
            feats[f"ctx:{k}"] = 1.0
    return feats


class Encoder:
    """The int8 ONNX sentence encoder and its tokenizer."""

    def __init__(self, folder: Path, max_len: int = 64):
        try:
            import numpy as np
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ThoroughUnavailable(EXTRA_MESSAGE) from exc
        model = folder / "encoder.onnx"
        if not model.is_file():
            raise ThoroughUnavailable(
                f"the thorough model file {model} is missing; "
                "reinstall safeguard or run scripts/train_thorough.py"
            )
        self.np = np
        opts = ort.SessionOptions()
        # One thread per run, and as many runs at once as there are CPUs (each sentence has a
        # run of its own: see logits); ONNX Runtime releases the GIL while it runs.
        self.workers = int(os.environ.get("SAFEGUARD_THREADS", "0") or 0) or os.cpu_count() or 1
        opts.intra_op_num_threads = 1
        opts.log_severity_level = 3
        self.session = ort.InferenceSession(
            str(model), sess_options=opts, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_len)
        self.tokenizer.no_padding()

    @classmethod
    def load(cls, folder: Path | None = None) -> Encoder:
        return cls(folder or model_folder())

    def logits(self, texts: list[str]) -> Any:
        """(n, 7) class logits: not blaming, then the six themes."""
        np = self.np
        out = np.zeros((len(texts), 7), dtype=np.float32)
        if not texts:
            return out
        # One sentence per run: int8 activations are scaled per run (dynamic quantisation), so in
        # a batch a sentence's score, and at a threshold its decision, would depend on the
        # sentences checked with it. Alone, the same sentence always gets the same finding in
        # lint, the audit and the web app (slower than batches: docs/language-thorough.md).
        # as the rules and the context read it: curly quotes straightened, apostrophes put back
        from safeguard.textrules.ruleset import for_matching

        encs = self.tokenizer.encode_batch([for_matching(t)[0] for t in texts])

        def one(i: int) -> None:
            ids = np.array([encs[i].ids], dtype=np.int64)
            mask = np.ones_like(ids)
            out[i] = self.session.run(["logits"], {"input_ids": ids, "attention_mask": mask})[0][0]

        if self.workers > 1 and len(texts) > 1:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(min(self.workers, len(texts))) as pool:
                list(pool.map(one, range(len(texts))))
        else:
            for i in range(len(texts)):
                one(i)
        return out


def model_folder() -> Path:
    """Where the shipped thorough model's files are."""
    return Path(str(resources.files("safeguard.language.thorough")))


@dataclass(slots=True)
class Judgement:
    """The thorough model's decision on one rule match (``match``) or, with ``match`` None,
    on one sentence no rule matched. ``score`` is calibrated so that 0.5 is the threshold."""

    match: Match | None
    score: float
    encoder: float  # the encoder's own probability for the sentence
    start: int = 0
    end: int = 0
    theme: str = ""
    #: context of the whole sentence, for a sentence no rule matched (reported, a definition...)
    reasons: list[Reason] = field(default_factory=list)


class Thorough:
    def __init__(self, folder: Path):
        head = json.loads((folder / "head.json").read_text("utf-8"))
        self.classes: list[str] = head["classes"]
        self.bias: float = head["bias"]
        self.weights: dict[str, float] = head["weights"]
        self.t_rule: float = head["threshold_with_rule"]
        self.t_only: float = head["threshold_encoder_only"]
        #: for short fragments (None: left to the rules; see SHORT_SENTENCE_WORDS)
        self.t_only_short: float | None = head.get("threshold_encoder_only_short")
        self.encoder = Encoder(folder, max_len=head.get("max_len", 64))
        #: the default mode's linear model, when the head weighs its opinion
        self.linear: LanguageModel | None = None
        if "linear" in self.weights:
            from safeguard.language.model import load_model

            self.linear = load_model()

    def probability(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return _sigmoid(z)

    def encoder_only_threshold(self, sentence: str) -> float | None:
        """The head's threshold for a sentence no rule matched (None: not judged alone)."""
        if len(sentence.split()) >= SHORT_SENTENCE_WORDS:
            return self.t_only
        return self.t_only_short

    def judge(self, texts: list[str], matches: list[list[Match]]) -> list[list[Judgement]]:
        """Judgements for every rule match and every unmatched sentence of every text."""
        from safeguard.language.model import sentence_context, sentences

        sents: list[tuple[int, int, int]] = []  # (text index, start, end)
        for ti, t in enumerate(texts):
            for s, e in sentences(t):
                sents.append((ti, s, e))
        logits = self.encoder.logits([texts[ti][s:e] for ti, s, e in sents])
        out: list[list[Judgement]] = [[] for _ in texts]
        for (ti, s, e), lg in zip(sents, logits, strict=True):
            inside = [m for m in matches[ti] if s <= m.start < e]
            enc_p = _sigmoid(encoder_log_odds(lg))
            lin = None
            if self.linear is not None:
                lin = self.linear.predict(texts[ti][s:e], inside)["flag"]
            if inside:
                for m in inside:
                    p = self.probability(head_features(lg, [m], lin))
                    out[ti].append(Judgement(m, calibrated(p, self.t_rule), enc_p, s, e))
            else:
                t_only = self.encoder_only_threshold(texts[ti][s:e])
                if t_only is None:
                    continue
                p = self.probability(head_features(lg, [], lin))
                theme = self.classes[1 + max(range(6), key=lambda k: lg[1 + k])]
                reasons: list[Reason] = []
                if p >= t_only:
                    # what the sentence is (reported, a definition, ...) counts as for a rule
                    raw = texts[ti][s:e]
                    a = s + len(raw) - len(raw.lstrip())
                    p, reasons = sentence_context(texts[ti], a, a + len(raw.strip()), p)
                score = calibrated(p, t_only)
                out[ti].append(Judgement(None, score, enc_p, s, e, theme, reasons))
        # matches outside any sentence span (none expected) are judged on their own
        for ti, ms in enumerate(matches):
            seen = {id(j.match) for j in out[ti]}
            for m in ms:
                if id(m) not in seen:
                    out[ti].append(Judgement(m, m.score, m.score))
        return out

    def weighty_words(self, sentence: str, offset: int, theme: str, most: int = 3) -> list[Span]:
        """The words of ``sentence`` (at ``offset`` in its note) without which the encoder's
        lead of ``theme`` over "not blaming" falls most, most first (each word left out in turn,
        up to :data:`WEIGHED_WORDS_MAX` words); at most ``most``, only those that lower it."""
        from safeguard.language.features import _TOKEN

        lowered = sentence.lower().replace("\u2019", "'")
        if theme not in self.classes or len(lowered) != len(sentence):
            return []
        k = self.classes.index(theme)
        words = [(m.start(), m.end()) for m in _TOKEN.finditer(lowered)][:WEIGHED_WORDS_MAX]
        if len(words) < 2:
            return []
        texts = [sentence] + [
            " ".join((sentence[:a].rstrip(), sentence[b:].lstrip())) for a, b in words
        ]
        logits = self.encoder.logits(texts)
        leads = [float(lg[k] - lg[0]) for lg in logits]
        drops = sorted(
            ((leads[0] - lead, a, b) for lead, (a, b) in zip(leads[1:], words, strict=True)),
            key=lambda x: (-x[0], x[1]),
        )
        return [Span(offset + a, offset + b, sentence[a:b]) for d, a, b in drops[:most] if d > 0]

    def model_only_finding(self, text: str, j: Judgement, *, weigh_words: bool = True) -> Finding:
        """The finding for a sentence the encoder alone flagged; ``weigh_words``: name the words
        it rests on (:meth:`weighty_words`: one more encoder run per word of the sentence, so a
        batch that shows no explanation leaves it out)."""
        from safeguard.language.checker import model_only_finding

        raw = text[j.start : j.end]
        start = j.start + len(raw) - len(raw.lstrip())
        return model_only_finding(
            text,
            start,
            raw.strip(),
            j.theme,
            judged="the sentence encoder alone judged that",
            score=j.score,
            model_score=j.encoder,
            reasons=list(j.reasons),
            source=MODEL_SOURCE,
            model_words=self.weighty_words(raw.strip(), start, j.theme) if weigh_words else [],
        )


@cache
def load_thorough() -> Thorough:
    """The shipped thorough model (raises :class:`ThoroughUnavailable` with what to do)."""
    folder = model_folder()
    if not (folder / "head.json").is_file():
        raise ThoroughUnavailable(
            f"the thorough model files are missing from {folder}; run scripts/train_thorough.py"
        )
    return Thorough(folder)

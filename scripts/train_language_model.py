"""Train the shipped language model on the train split of data/labelled/.

    .venv/bin/python scripts/train_language_model.py [--distil 8000]

Writes src/safeguard/language/model/weights.json. Trains on the train split of the case-note-style
sets and of the real-world set (data/labelled/real_world.jsonl, its own fixed split); with
``--distil N``, also on N demo-note sentences labelled softly by the thorough mode's fine-tuned
encoder, so the linear model learns some of the encoder's judgement (measured, not shipped: see
docs/language-thorough.md).
Needs scikit-learn (a dev dependency) and, for the distillation, the thorough extra; the
shipped model needs nothing but the standard library to run. Dev data is never used here.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, cross_val_predict

sys.path.insert(0, str(Path(__file__).resolve().parent))
from labelled import (  # noqa: E402
    ROOT,
    Example,
    choose_threshold,
    load,
    load_real_world,
    precision_recall,
    print_parts,
    short_parts,
)

from safeguard.language.features import MEANING, features, tokens  # noqa: E402
from safeguard.language.model import (  # noqa: E402
    SHORT_SENTENCE_WORDS,
    Weights,
    sentence_context,
)
from safeguard.textrules import RuleSet  # noqa: E402

OUT = ROOT / "src" / "safeguard" / "language" / "model" / "weights.json"
WEIGHT_SCALE = 10_000  # weights are kept to 4 decimal places
RULES = ROOT / "src" / "safeguard" / "language" / "rules"


def logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


AUX_SEED, AUX_CHILDREN, AUX_MAX = 9001, 150, 3000
TARGET_PRECISION = 0.97  # cross-validated, on the case-note-style train rows
TARGET_PRECISION_REAL_WORLD = 0.90  # and on the real-world train rows (issue 15's targets)
#: The real-world train rows of the file's first this many lines are trained on. Stop 28 retrained
#: with the eleventh collection (to line 3,101) and measured real-world dev recall 0.476 -> 0.464,
#: past the 0.01 a change may cost, so the shipped model keeps the rows to line 2,771
#: (docs/language-default-tried.md); raise it when a retrain with more rows is kept.
REAL_WORLD_ROWS = 2771
#: On the case-note-style short fragments, for the short-fragment threshold: stricter, because
#: real notes hold far more ordinary fragments ("NFA.", "Phone off.") than blaming ones, many
#: more than the labelled sets (about one in four of their short rows is blaming).
TARGET_PRECISION_SHORT = 0.99
#: A rule match is kept when the mean of the rule's and the model's log-odds reaches
#: logit(RULE_KEEP). Fixed, not chosen by cross-validation: the rules and their context cues were
#: written from the train split's own errors, so on those rows a rule's matches look more precise
#: than on wording nobody has read, and cross-validation there always asks to keep more of them
#: (it chose 0.50, and precision on unseen wording fell). 0.8 is the strict end of the range the
#: model was allowed (0.5 to 0.8: it adjusts a rule, never overrules it alone): with a rule
#: scoring 0.9 in context, the model must give the sentence about 0.64.
RULE_KEEP = 0.8
#: A sentence no rule matched is flagged when the model alone gives it MODEL_ONLY (a short
#: fragment: MODEL_ONLY_SHORT). Held, not chosen by cross-validation, for the reason RULE_KEEP
#: is: on the real-world train rows the rules alone already sit at the 0.90 target when
#: cross-validated there (0.907 after the ninth collection; 0.705 on the dev split), because
#: they were written from those rows, so any flag the model adds takes that part below the
#: target and the choice swings on a handful of rows between the grid's ends (three corrected
#: train labels moved it from 0.88 to 0.97 and case-note-style recall by 0.05). These are the
#: values cross-validation chose before that (stop 22); the script still prints its choice.
MODEL_ONLY = 0.80
MODEL_ONLY_SHORT = 0.99
#: How much a labelled note fragment (``fragment_*`` rows, language_m.jsonl) counts against
#: another row. Chosen by cross-validation on the train split: at full weight the 459 blaming
#: fragments, each a stock phrase with no sentence around it, lift the phrases' weights so
#: that long sentences reviewing or defining that wording pass the model-only threshold
#: (cross-validated real-world precision 0.912); at 0.3 it is 0.939, the case-note-style
#: figures unchanged (0.979 / 0.780), and the short-fragment threshold as before.
FRAGMENT_WEIGHT = 0.3
MIN_WEIGHT = 0.05  # smaller weights are dropped: a smaller file loads faster, scores the same
#: How much the mean of a sentence's word meaning vectors counts beside its 0/1 word features.
#: Measured on the model alone, dev AUC (case-note style / real-world / whole notes): without
#: the vectors 0.972 / 0.886 / 0.969; at 3, 0.982 / 0.910 / 0.977; at 10, real-world 0.914.
#: All three scales tried were better than none; 3 is the middle one, not tuned further.
MEANING_SCALE = 3.0
THOROUGH = ROOT / "src" / "safeguard" / "language" / "thorough"
_WORD = r"[a-z]+(?:'[a-z]+)?"


def word_meanings(words: set[str]) -> dict[str, np.ndarray]:
    """Each word's meaning vector: the shipped thorough encoder's mean-pooled output for the
    word alone (model2vec-style static vectors), unit length. For ``words`` and every whole
    word of the encoder's vocabulary, so that wording no training row used has a row too."""
    import re

    import onnx
    import onnxruntime as ort
    from tokenizers import Tokenizer

    graph = onnx.load(str(THOROUGH / "encoder.onnx"))
    pooled = "/Div_output_0"  # the mean over the tokens, before the classifier's head
    graph.graph.output.append(
        onnx.helper.make_tensor_value_info(pooled, onnx.TensorProto.FLOAT, None)
    )
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 2
    session = ort.InferenceSession(
        graph.SerializeToString(), opts, providers=["CPUExecutionProvider"]
    )
    tok = Tokenizer.from_file(str(THOROUGH / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(16)
    vocab = json.loads((THOROUGH / "tokenizer.json").read_text("utf-8"))["model"]["vocab"]
    words = words | {w for w in vocab if len(w) > 1 and re.fullmatch(_WORD, w)}
    words.discard("<num>")
    out: dict[str, np.ndarray] = {}
    for w in sorted(words):
        enc = tok.encode(w)
        feeds = {
            "input_ids": np.array([enc.ids], np.int64),
            "attention_mask": np.array([enc.attention_mask], np.int64),
        }
        (v,) = session.run([pooled], feeds)
        out[w] = v[0] / np.linalg.norm(v[0])
    return out


class Design:
    """Rows for the classifier: the 0/1 features (fitted DictVectorizer) beside MEANING_SCALE
    times the mean of the words' meaning vectors over all the sentence's words (a word with no
    vector counts as zeros), as the model scores them at run time."""

    def __init__(self, dicts: list[dict[str, float]], meanings: dict[str, np.ndarray]) -> None:
        self.vec = DictVectorizer().fit(dicts)
        self.meanings = meanings
        self.dim = len(next(iter(meanings.values())))

    def dense(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim))
        for i, text in enumerate(texts):
            toks = tokens(text)
            found = [self.meanings[t] for t in toks if t in self.meanings]
            if found:
                out[i] = np.sum(found, axis=0) / len(toks)
        return MEANING_SCALE * out

    def rows(self, dicts: list[dict[str, float]], texts: list[str]) -> Any:
        from scipy.sparse import csr_matrix, hstack

        return hstack([self.vec.transform(dicts), csr_matrix(self.dense(texts))]).tocsr()

    def weights(self, coef: np.ndarray) -> dict[str, list[float]]:
        """The fitted coefficients as the model file's rows: one per 0/1 feature, and each
        word's meaning row (``m:<word>``: the dense weights times MEANING_SCALE times its
        vector), rounded to WEIGHT_SCALE; rows whose weights are all below MIN_WEIGHT dropped."""
        names = self.vec.get_feature_names_out()
        n = len(names)
        out: dict[str, list[float]] = {}
        for j, name in enumerate(names):
            col = coef[:, j]
            if np.abs(col).max() >= MIN_WEIGHT:
                out[name] = [round(float(v), 4) for v in col]  # 4 places: WEIGHT_SCALE
        words = sorted(self.meanings)
        table = MEANING_SCALE * np.stack([self.meanings[w] for w in words]) @ coef[:, n:].T
        for w, row in zip(words, table, strict=True):
            if np.abs(row).max() >= MIN_WEIGHT:
                out[MEANING + w] = [round(float(v), 4) for v in row]
        return out


def operational_sentences() -> list[str]:
    """Ordinary operational note sentences from the demo generator (a seed no test uses).

    Added to training as extra negatives so the model learns that everyday notes (calls,
    searches, CCTV, referrals, exploitation indicators described plainly) are not blaming.
    Notes the generator wrote as victim-blaming, and supervisors' challenges (which quote
    such wording), are left out. They are never part of dev.
    """
    import random
    import re

    from safeguard.demo.write import iter_demo

    out: set[str] = set()
    for child, _ in iter_demo(AUX_CHILDREN, AUX_SEED):
        for note in child.records["notes"]:
            if note.id in child.blaming or note.challenges_note_id:
                continue
            for sent in re.split(r"(?<=[.!?])\s+", note.text):
                if len(sent.split()) >= 4:
                    out.add(sent.strip())
    pool = sorted(out)
    random.Random(AUX_SEED).shuffle(pool)
    return pool[:AUX_MAX]


FRAGMENT_CHILDREN = 600  # demo children whose notes give the short ordinary fragments


def ordinary_fragments() -> list[Example]:
    """Short fragments of ordinary demo notes, one to five words ("Nothing found.", "Referred to
    MASH."), as not-blaming rows: notes are full of them, and without them the encoder learns
    short wording only from guides' lists of terms to avoid, which are mostly blaming. Notes
    the generator wrote as blaming, and supervisors' challenges, are left out; the seed is the
    one the ordinary sentences come from, which no test or dev set uses. Both modes' models
    learn from them (a rule's match in a short fragment is still weighed by the model)."""
    import re

    from safeguard.demo.write import iter_demo

    out: dict[str, str] = {}  # one fragment per wording, whatever time of day it starts with
    for child, _ in iter_demo(FRAGMENT_CHILDREN, AUX_SEED):
        for note in child.records["notes"]:
            if note.id in child.blaming or note.challenges_note_id:
                continue
            for sent in re.split(r"(?<=[.!?])\s+|\n+", note.text):
                sent = sent.strip()
                if len(sent) >= 3 and len(sent.split()) < SHORT_SENTENCE_WORDS:
                    out.setdefault(re.sub(r"^[\d\s:-]*(?:hrs\b)?[\s:-]*", "", sent).lower(), sent)
    return [Example(t, 0, None, "operational", "demo-generator") for t in sorted(out.values())]


def rule_examples(rules: RuleSet) -> list[Example]:
    """The rules' own examples (``examples: flag/ok`` in the rule files): what each rule must
    flag, and the wording it must leave alone, the suggested wording among it. None that is
    also a sentence of a dev split."""
    dev = {e.text.strip().lower() for e in load("dev") + load_real_world("dev")}
    out = []
    for r in rules.rules:
        out += [Example(t, 1, r.category, "rule_example", r.id) for t in r.examples_flag]
        out += [Example(t, 0, None, "rule_example", r.id) for t in r.examples_ok]
    return [e for e in out if e.text.strip().lower() not in dev]


def training_rows(rules: RuleSet) -> tuple[list[Example], int, int]:
    """Every row the model is trained on: the case-note-style train rows, then the real-world
    train rows, then ordinary demo-note sentences and fragments and the rules' own examples;
    and how many rows of the first two kinds there are."""
    case_notes = load("train")
    real_world = load_real_world("train", rows=slice(0, REAL_WORLD_ROWS))
    train = case_notes + real_world
    train += [Example(t, 0, None, "operational", "demo-generator") for t in operational_sentences()]
    train += ordinary_fragments()
    train += rule_examples(rules)
    return train, len(case_notes), len(real_world)


def row_weights(rows: list[Example]) -> np.ndarray:
    """How much each row counts in training (a labelled note fragment: FRAGMENT_WEIGHT)."""
    return np.array([FRAGMENT_WEIGHT if e.kind.startswith("fragment") else 1.0 for e in rows])


def classifier() -> LogisticRegression:
    return LogisticRegression(C=4.0, max_iter=3000)


def flag_probability(rows: list[Example], rules: RuleSet) -> Callable[[list[str]], np.ndarray]:
    """A model fitted as the shipped one is (no distillation), on ``rows`` only: for texts, the
    probability that each blames the child. scripts/train_thorough.py fits it without the
    rows its head is fitted on, so that the head learns how far to trust the linear model on
    sentences it never saw."""
    dicts = [dict.fromkeys(features(e.text, rules.find(e.text)), 1.0) for e in rows]
    texts = [e.text for e in rows]
    design = Design(dicts, word_meanings({t for x in texts for t in tokens(x)}))
    X = design.rows(dicts, texts)
    clf = classifier().fit(X, [e.theme if e.label else "none" for e in rows], row_weights(rows))
    none = list(clf.classes_).index("none")

    def predict(texts: list[str]) -> np.ndarray:
        feats = [dict.fromkeys(features(t, rules.find(t)), 1.0) for t in texts]
        return 1 - clf.predict_proba(design.rows(feats, texts))[:, none]

    return predict


def cv_groups(train: list[Example], real_world: range) -> list[str]:
    """Cross-validation groups: the real-world rows (``real_world``: their places in ``train``)
    of one document stay in one fold (a guide's list of terms, or a review's quotes, are alike,
    so a row whose neighbours were trained on looks easier than wording from a document never
    read); other rows by a hash of their text."""
    import hashlib

    def group(i: int, e: Example) -> str:
        if i in real_world:
            return "document:" + e.source
        return f"hash:{int(hashlib.sha1(e.text.lower().encode()).hexdigest()[:6], 16) % 50}"

    return [group(i, e) for i, e in enumerate(train)]


DISTIL_CHILDREN = 600
DISTIL_WEIGHT = 0.5  # a teacher-labelled sentence counts this much against a gold-labelled one
DISTIL_MIN_P = 0.05  # teacher probabilities below this are dropped (and the rest renormalised)


def distil_pool(n: int, exclude: set[str]) -> list[str]:
    """Sentences of the demo generator's notes (the training seed, never a test's), for the
    thorough encoder to label: none in a dev split, none already in the gold training data."""
    import random
    import re

    from labelled import Example

    from safeguard.demo.write import iter_demo

    dev = {e.text.strip().lower() for e in load("dev") + load_real_world("dev")}
    out: set[str] = set()
    for child, _ in iter_demo(DISTIL_CHILDREN, AUX_SEED):
        for note in child.records["notes"]:
            if note.challenges_note_id:
                continue  # supervisors' challenges quote the wording they challenge
            for sent in re.split(r"(?<=[.!?])\s+", note.text):
                sent = sent.strip()
                if len(sent.split()) < 4 or sent in exclude or sent.lower() in dev:
                    continue
                if Example(sent, 0, None, "", "").split == "dev":
                    continue  # would fall in dev if ever labelled
                out.add(sent)
    pool = sorted(out)
    random.Random(AUX_SEED + 1).shuffle(pool)
    return pool[:n]


def teacher_labels(texts: list[str], classes: list[str]) -> np.ndarray:
    """The thorough mode's fine-tuned encoder's class probabilities, in ``classes`` order."""
    from safeguard.language.thorough import Encoder

    enc = Encoder.load()
    logits = enc.logits(texts)
    z = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    order = ["none", "sexual_agency", "choice", "criminal", "missing", "character", "process"]
    return p[:, [order.index(c) for c in classes]]


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--distil",
        type=int,
        default=0,
        help="demo-note sentences labelled by the thorough encoder to train on as well (0: none)",
    )
    ap.add_argument(
        "--errors",
        type=Path,
        help="write the cross-validated errors on the train split here (JSON Lines), to find "
        "classes of wording the checker gets wrong without looking at dev",
    )
    args = ap.parse_args()

    rules = RuleSet.load(RULES)
    train, n_case_notes, n_real_world = training_rows(rules)
    matches = [rules.find(e.text) for e in train]
    X_dicts = [dict.fromkeys(features(e.text, m), 1.0) for e, m in zip(train, matches, strict=True)]
    y = [e.theme if e.label else "none" for e in train]
    classes = sorted(set(y))
    # Distillation: more sentences, labelled (softly) by the thorough encoder. Each becomes one
    # row per class the teacher gives some probability, weighted by it.
    extra_dicts: list[dict[str, float]] = []
    extra_texts: list[str] = []
    extra_y: list[str] = []
    extra_w: list[float] = []
    if args.distil:
        pool = distil_pool(args.distil, {e.text for e in train})
        probs = teacher_labels(pool, classes)
        for text, row in zip(pool, probs, strict=True):
            feats = dict.fromkeys(features(text, rules.find(text)), 1.0)
            keep = row * (row >= DISTIL_MIN_P)
            keep = keep / keep.sum()
            for c, p in zip(classes, keep, strict=True):
                if p > 0:
                    extra_dicts.append(feats)
                    extra_texts.append(text)
                    extra_y.append(c)
                    extra_w.append(DISTIL_WEIGHT * float(p))
        flagged = int((probs[:, classes.index("none")] < 0.5).sum())
        print(
            f"distilling: {len(pool)} demo-note sentences, {flagged} judged blaming by the encoder"
        )
    texts = [e.text for e in train]
    design = Design(
        X_dicts + extra_dicts,
        word_meanings({t for x in texts + extra_texts for t in tokens(x)}),
    )
    X = design.rows(X_dicts, texts)
    X_extra = design.rows(extra_dicts, extra_texts) if extra_dicts else None
    clf = classifier()
    cv = GroupKFold(5)
    groups = cv_groups(train, range(n_case_notes, n_case_notes + n_real_world))
    weight = row_weights(train)
    if X_extra is None:
        proba = cross_val_predict(
            clf,
            X,
            y,
            cv=cv,
            groups=groups,
            method="predict_proba",
            params={"sample_weight": weight},
        )
    else:
        from scipy.sparse import vstack

        # cross-validated on the gold rows; the teacher-labelled rows are in every fold's training
        proba = np.zeros((len(y), len(classes)))
        y_arr = np.array(y)
        for fit_idx, held in cv.split(X, y_arr, groups):
            clf.fit(
                vstack([X[fit_idx], X_extra]),
                np.concatenate([y_arr[fit_idx], extra_y]),
                sample_weight=np.concatenate([weight[fit_idx], extra_w]),
            )
            proba[held] = clf.predict_proba(X[held])
    none_idx = classes.index("none")
    p_flag = 1 - proba[:, none_idx]
    labels = np.array([e.label for e in train])
    # what a sentence no rule matched is (a definition, a review's narration, ...) lowers the
    # model's score on its own as at run time (safeguard.language.model.sentence_context)
    only_factor = np.array(
        [
            1.0 if m else sentence_context(e.text, 0, len(e.text), 1.0)[0]
            for e, m in zip(train, matches, strict=True)
        ]
    )

    t_rule = RULE_KEEP
    short = np.array([len(e.text.split()) < SHORT_SENTENCE_WORDS for e in train])
    parts = {
        "case-note style": np.arange(n_case_notes),
        "real-world": np.arange(n_case_notes, n_case_notes + n_real_world),
    }
    targets = {"case-note style": TARGET_PRECISION, "real-world": TARGET_PRECISION_REAL_WORLD}
    rule_kept = np.array(
        [
            bool(m)
            and (
                # a decisive rule's match that no context discounted stands whatever the model
                # says (safeguard.language.checker.kept_score)
                any(x.stands_alone for x in m)
                or 0.5 * logit(max(x.score for x in m)) + 0.5 * logit(p_flag[i]) >= logit(t_rule)
            )
            for i, m in enumerate(matches)
        ]
    )
    has_rule = np.array([bool(m) for m in matches])
    alone = p_flag * only_factor

    def decide(t_model: float, t_short: float | None = None) -> np.ndarray:
        model_alone = np.where(short, alone >= (t_short or 2.0), alone >= t_model)
        return np.where(has_rule, rule_kept, model_alone)

    # Decision rule: a rule match is kept when the mean of the rule's and the model's log-odds
    # reaches logit(RULE_KEEP) (fixed: see RULE_KEEP); a sentence no rule matched is flagged
    # when the model's probability reaches t_model (t_short for a short fragment), both
    # held (MODEL_ONLY, MODEL_ONLY_SHORT); what cross-validation on the train split would choose
    # (labelled.choose_threshold: each set's precision target first, then recall; t_model first,
    # with short fragments left to the rules, then t_short on the short rows alone) is printed.
    cv_model = choose_threshold(np.arange(0.8, 0.9951, 0.01), decide, labels, parts, targets)
    assert cv_model is not None
    shorts = short_parts(parts, short, has_rule)
    cv_short = choose_threshold(
        np.arange(0.8, 0.9991, 0.005),
        lambda t: decide(cv_model, t),
        labels,
        shorts,
        {**targets, "case-note style": TARGET_PRECISION_SHORT},
        or_none=True,
    )
    shown_cv = "left to the rules" if cv_short is None else f"{cv_short:.3f}"
    print(
        f"cross-validation would choose model-only {cv_model:.2f}, short fragments {shown_cv}; "
        f"held at {MODEL_ONLY:.2f} and {MODEL_ONLY_SHORT:.3f} (MODEL_ONLY)"
    )
    t_model: float = MODEL_ONLY
    t_short: float | None = MODEL_ONLY_SHORT
    pred = decide(t_model, t_short)
    cv_p, cv_r = precision_recall(pred, labels)
    a, b, c = 0.5, 0.5, -logit(t_rule)
    threshold = round(t_model, 2)
    shown = "left to the rules" if t_short is None else f"{t_short:.3f}"
    print(
        f"cross-validated on train: precision {cv_p:.3f}, recall {cv_r:.3f} (rule threshold "
        f"{t_rule:.2f}, fixed; model-only threshold {t_model:.2f}; short fragments {shown})"
    )
    print_parts(pred, labels, parts, shorts, targets, "train rows")
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as out:
            for i, e in enumerate(train):
                if bool(pred[i]) != bool(e.label):
                    row = {
                        "text": e.text,
                        "label": e.label,
                        "theme": e.theme,
                        "kind": e.kind,
                        "source": e.source,
                        "p_model": round(float(p_flag[i]), 3),
                        "rules": [
                            [m.rule_id, m.text, m.score, sorted(m.kinds())] for m in matches[i]
                        ],
                    }
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")

    if X_extra is None:
        clf.fit(X, y, sample_weight=weight)
    else:
        from scipy.sparse import vstack

        clf.fit(
            vstack([X, X_extra]),
            np.concatenate([np.array(y), extra_y]),
            sample_weight=np.concatenate([weight, extra_w]),
        )
    weights = design.weights(clf.coef_)

    data = {
        "version": "1",
        "trained_on": (
            "data/labelled train splits (case-note style and real-world) plus ordinary "
            f"demo-note sentences ({len(train)} in all)"
            + (
                f"; distilled from the thorough encoder on {args.distil} demo-note sentences"
                if args.distil
                else ""
            )
        ),
        "classes": list(clf.classes_),
        "bias": [round(float(v), 4) for v in clf.intercept_],
        **Weights.pack(weights, WEIGHT_SCALE),
        "combine": [round(float(a), 4), round(float(b), 4), round(float(c), 4)],
        "model_only_threshold": threshold,
        "model_only_threshold_short": None if t_short is None else round(t_short, 3),
    }
    OUT.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n", "utf-8")
    print(
        f"wrote {OUT.relative_to(ROOT)}: {len(weights)} features, combine={data['combine']}, "
        f"model-only threshold={threshold}"
    )


if __name__ == "__main__":
    main()

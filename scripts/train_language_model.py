"""Train the shipped language model on the train split of data/labelled/.

    .venv/bin/python scripts/train_language_model.py

Writes src/safeguard/language/model/weights.json. Needs scikit-learn (a dev dependency); the
shipped model needs nothing but the standard library to run. Dev data is never used here.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

sys.path.insert(0, str(Path(__file__).resolve().parent))
from labelled import ROOT, load  # noqa: E402

from safeguard.language.features import features  # noqa: E402
from safeguard.textrules import RuleSet  # noqa: E402

OUT = ROOT / "src" / "safeguard" / "language" / "model" / "weights.json"
RULES = ROOT / "src" / "safeguard" / "language" / "rules"
TARGET_PRECISION_MODEL_ONLY = 0.97


def logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def main() -> None:
    rules = RuleSet.load(RULES)
    train = load("train")
    matches = [rules.find(e.text) for e in train]
    X_dicts = [dict.fromkeys(features(e.text, m), 1.0) for e, m in zip(train, matches, strict=True)]
    y = [e.theme if e.label else "none" for e in train]
    vec = DictVectorizer()
    X = vec.fit_transform(X_dicts)
    clf = LogisticRegression(C=4.0, max_iter=3000)
    cv = StratifiedKFold(5, shuffle=True, random_state=0)
    proba = cross_val_predict(clf, X, y, cv=cv, method="predict_proba")
    classes = sorted(set(y))
    none_idx = classes.index("none")
    p_flag = 1 - proba[:, none_idx]
    labels = np.array([e.label for e in train])

    # stacking: final = sigmoid(a*logit(rule) + b*logit(model) + c), on texts a rule matched
    rows, ys = [], []
    for i, m in enumerate(matches):
        if m:
            best = max(x.score for x in m)
            rows.append([logit(best), logit(p_flag[i])])
            ys.append(labels[i])
    comb = LogisticRegression(C=1.0).fit(np.array(rows), np.array(ys))
    a, b = comb.coef_[0]
    c = comb.intercept_[0]

    # model-only threshold: lowest threshold whose cross-validated precision, on texts no rule
    # matched, reaches the target (never below 0.8)
    no_match = [i for i, m in enumerate(matches) if not m]
    threshold = 0.99
    for t in np.arange(0.80, 0.995, 0.01):
        sel = [i for i in no_match if p_flag[i] >= t]
        if len(sel) >= 5 and labels[sel].mean() >= TARGET_PRECISION_MODEL_ONLY:
            threshold = float(round(t, 2))
            break

    clf.fit(X, y)
    names = vec.get_feature_names_out()
    weights = {}
    for j, name in enumerate(names):
        col = clf.coef_[:, j]
        if np.abs(col).max() >= 0.02:
            weights[name] = [round(float(v), 4) for v in col]

    themes = {}
    for r in rules.rules:
        themes.setdefault(
            r.category, {"title": r.title, "why": r.message, "suggestion": r.suggestion}
        )
    data = {
        "version": "1",
        "trained_on": f"data/labelled train split ({len(train)} sentences)",
        "classes": list(clf.classes_),
        "bias": [round(float(v), 4) for v in clf.intercept_],
        "weights": weights,
        "combine": [round(float(a), 4), round(float(b), 4), round(float(c), 4)],
        "model_only_threshold": threshold,
        "themes": themes,
    }
    OUT.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n", "utf-8")
    print(
        f"wrote {OUT.relative_to(ROOT)}: {len(weights)} features, combine={data['combine']}, "
        f"model-only threshold={threshold}"
    )


if __name__ == "__main__":
    main()

"""The labelled sentences in data/labelled/ and their fixed train/dev split.

The split is by a hash of the text, so it never changes as data is added: about one sentence in
five goes to dev. Dev is never used for training or for writing rules; it is what the README
reports.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "labelled"
THEMES = ("sexual_agency", "choice", "criminal", "missing", "character", "process")


@dataclass(frozen=True)
class Example:
    text: str
    label: int
    theme: str | None
    kind: str
    source: str

    @property
    def split(self) -> str:
        h = int(hashlib.sha1(self.text.strip().lower().encode()).hexdigest()[:8], 16)
        return "dev" if h % 5 == 0 else "train"


CASE_NOTES_TEST = DATA / "case_notes_test.jsonl"


def load(split: str | None = None, *, files: Iterable[Path] | None = None) -> list[Example]:
    """The case-note-style sets (language_*.jsonl) by their hash split; ``files``: other files
    of the same fields instead, all rows (CASE_NOTES_TEST, a test set only
    scripts/eval_language.py reads)."""
    out: list[Example] = []
    # Only the case-note-style sets: real_world.jsonl has its own fields and fixed split
    # (scripts/real_world_stats.py checks it; data/labelled/REAL_WORLD.md describes it).
    for f in sorted(DATA.glob("language_*.jsonl")) if files is None else files:
        for n, line in enumerate(f.read_text("utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            d = json.loads(line)
            if d["label"] not in (0, 1) or (d["label"] == 1) != (d.get("theme") in THEMES):
                raise ValueError(f"{f}:{n}: bad label/theme")
            ex = Example(d["text"], int(d["label"]), d.get("theme"), d.get("kind", ""), f.name)
            if split is None or ex.split == split:
                out.append(ex)
    return out


REAL_WORLD = DATA / "real_world.jsonl"
REAL_WORLD_TEST = DATA / "real_world_test.jsonl"
WHOLE_NOTES_TEST = DATA / "whole_notes_test.jsonl"
WHOLE_NOTES_DEV = DATA / "whole_notes_dev.jsonl"


@dataclass(frozen=True)
class Note:
    """A whole note of several sentences, each labelled: blaming or not (WHOLE_NOTES_DEV,
    WHOLE_NOTES_TEST)."""

    id: str
    sentences: tuple[tuple[str, bool], ...]

    @property
    def text(self) -> str:
        """The note as checked: its sentences joined by a space."""
        return " ".join(t for t, _ in self.sentences)

    def spans(self) -> list[tuple[int, int]]:
        """Each sentence's (start, end) in ``text``."""
        out, pos = [], 0
        for t, _ in self.sentences:
            out.append((pos, pos + len(t)))
            pos += len(t) + 1
        return out


def load_notes(path: Path = WHOLE_NOTES_TEST) -> list[Note]:
    """A whole-notes set: the test set (data/labelled/WHOLE_NOTES_TEST.md) or the dev set
    (WHOLE_NOTES_DEV.md); only scripts/eval_language.py reads them."""
    out = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        d = json.loads(line)
        sentences = tuple((s["text"], s["blaming"]) for s in d["sentences"])
        if not sentences or any(not isinstance(b, bool) or not t.strip() for t, b in sentences):
            raise ValueError(f"{path}:{n}: each sentence needs its text and blaming true/false")
        out.append(Note(d["id"], sentences))
    return out


def load_real_world(
    split: str | None = None, *, rows: slice | None = None, path: Path = REAL_WORLD
) -> list[Example]:
    """Real wording quoted from named public documents (data/labelled/real_world.jsonl, kept by
    an independent labeller; see REAL_WORLD.md). Uses the file's own fixed ``split`` field.
    ``rows``: only the file's lines in that slice (0-based; rows are only ever appended, so
    ``slice(0, n)`` is the set as it was when it had n rows). ``path``: REAL_WORLD_TEST for the
    test set from other documents (split "test"; only scripts/eval_language.py reads it)."""
    if not path.exists():
        return []
    splits = ("test",) if path == REAL_WORLD_TEST else ("train", "dev")
    out: list[Example] = []
    lines = path.read_text("utf-8").splitlines()
    picked = range(len(lines))[rows] if rows is not None else range(len(lines))
    for i in picked:
        n, line = i + 1, lines[i]
        if not line.strip():
            continue
        d = json.loads(line)
        label = d["victim_blaming"]
        if label not in (True, False) or (label and d.get("category") not in THEMES):
            raise ValueError(f"{path}:{n}: bad victim_blaming/category")
        if d.get("split") not in splits:
            raise ValueError(f"{path}:{n}: split must be {' or '.join(splits)}")
        if split is None or d["split"] == split:
            out.append(
                Example(
                    d["text"],
                    int(label),
                    d.get("category") if label else None,
                    d.get("kind", ""),
                    d.get("source", ""),
                )
            )
    return out


def precision_recall(pred: Any, labels: Any) -> tuple[float, float]:
    """Precision and recall of boolean predictions ``pred`` against 0/1 ``labels`` (numpy)."""
    tp = int((pred & (labels == 1)).sum())
    fp = int((pred & (labels == 0)).sum())
    fn = int((~pred & (labels == 1)).sum())
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 0.0)


def choose_threshold(
    grid: Iterable[float],
    decide: Callable[[float], Any],
    labels: Any,
    parts: dict[str, Any],
    targets: dict[str, float],
    *,
    or_none: bool = False,
) -> float | None:
    """The threshold the thorough head's training chooses for a model judging alone (the default
    model's training prints it; its thresholds are held: MODEL_ONLY): ``decide(t)``
    gives the cross-validated predictions at ``t``; each part of the rows (``parts``: name ->
    index) must reach its precision target (``targets``); among the thresholds where all do,
    the best mean recall of the parts; if none does, the one closest to the targets (``or_none``:
    None instead, for "do not judge these alone"). Ties: the stricter threshold."""
    best: tuple[tuple[bool, float, float], float] | None = None
    for t in grid:
        pred = decide(t)
        got = {name: precision_recall(pred[idx], labels[idx]) for name, idx in parts.items()}
        short_of = min(got[n][0] - targets[n] for n in parts)
        ok = short_of >= 0
        recall = sum(r for _, r in got.values()) / len(got)
        key = (ok, recall if ok else short_of, float(t))
        if best is None or key > best[0]:
            best = (key, float(t))
    assert best is not None, "an empty grid"
    if or_none and not best[0][0]:
        return None
    return best[1]


def short_parts(parts: dict[str, Any], short: Any, has_rule: Any) -> dict[str, Any]:
    """Each part's short rows no rule matched (as row numbers): those a model judges alone
    against the short-fragment threshold."""
    import numpy as np

    rows = np.arange(len(short))
    return {name: rows[idx][short[idx] & ~has_rule[idx]] for name, idx in parts.items()}


def print_parts(
    pred: Any,
    labels: Any,
    parts: dict[str, Any],
    shorts: dict[str, Any],
    targets: dict[str, float],
    rows_named: str,
) -> None:
    """Both training scripts' cross-validated figures per part, and for its short rows."""
    for name, idx in parts.items():
        prec, rec = precision_recall(pred[idx], labels[idx])
        print(
            f"  {name} {rows_named}, cross-validated: precision {prec:.3f}, recall {rec:.3f} "
            f"({len(labels[idx])} rows, {int(labels[idx].sum())} blaming; target precision "
            f"{targets[name]:.2f})"
        )
        sidx = shorts[name]
        prec, rec = precision_recall(pred[sidx], labels[sidx])
        print(
            f"    of them short fragments no rule matched: precision {prec:.3f}, recall {rec:.3f} "
            f"({len(sidx)} rows, {int(labels[sidx].sum())} blaming)"
        )

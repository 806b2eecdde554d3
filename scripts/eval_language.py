"""Measure the language checker on the dev splits of data/labelled/ and write the results.

    .venv/bin/python scripts/eval_language.py            # print, and update docs + README
    .venv/bin/python scripts/eval_language.py --check    # fail if the committed figures are stale

Held-out sets, side by side: the dev split of the case-note-style sets (language_*.jsonl), the
dev split of the real-world set (real_world.jsonl: wording quoted in named public documents,
labelled independently), and, when present, two test sets: case_notes_test.jsonl (case-note
style, written by someone who never saw the checker or its data; see CASE_NOTES_TEST.md) and
real_world_test.jsonl (wording from other documents, none of which any training row comes from;
see REAL_WORLD_TEST.md); and whole notes of several sentences each checked as one text, scored by
sentence (a sentence is flagged when a finding overlaps it): whole_notes_dev.jsonl (a dev set;
WHOLE_NOTES_DEV.md) and whole_notes_test.jsonl (a test set; WHOLE_NOTES_TEST.md). Each in the
default mode, rules and context only, and thorough mode (when its extra is installed; otherwise
the committed figures are kept and --check does not compare them). Nothing here tunes anything.

A text counts as flagged when it has at least one finding. Per theme: recall = share of that
theme's positive sentences flagged; precision = share of texts given a finding of that theme
that are positive.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from labelled import (  # noqa: E402
    CASE_NOTES_TEST,
    REAL_WORLD_TEST,
    ROOT,
    THEMES,
    WHOLE_NOTES_DEV,
    WHOLE_NOTES_TEST,
    Example,
    Note,
    load,
    load_notes,
    load_real_world,
)

from safeguard.language.checker import Checker  # noqa: E402
from safeguard.language.thorough import ThoroughUnavailable  # noqa: E402

README = ROOT / "README.md"
DOC = ROOT / "docs" / "language-quality.md"
BEGIN, END = "<!-- language-quality:begin -->", "<!-- language-quality:end -->"


def evaluate(checker: Checker, data: list[Example]) -> dict:  # type: ignore[type-arg]
    tp = fp = fn = 0
    theme_pos = Counter()
    theme_hit = Counter()
    cat_flag = Counter()
    cat_true = Counter()
    fp_kinds = Counter()
    results = checker.check_many([e.text for e in data])
    for e, f in zip(data, results, strict=True):
        flagged = bool(f)
        if e.label:
            theme_pos[e.theme] += 1
            theme_hit[e.theme] += flagged
        if flagged and e.label:
            tp += 1
        elif flagged:
            fp += 1
            fp_kinds[e.kind] += 1
        elif e.label:
            fn += 1
        for cat in {x.category for x in f}:
            cat_flag[cat] += 1
            cat_true[cat] += e.label
    return {
        "n": len(data),
        "pos": sum(e.label for e in data),
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "themes": {
            t: (
                cat_true[t] / cat_flag[t] if cat_flag[t] else float("nan"),
                theme_hit[t] / theme_pos[t] if theme_pos[t] else float("nan"),
                theme_pos[t],
            )
            for t in THEMES
        },
        "fp_kinds": dict(fp_kinds),
        "counts": (tp, fp, tp + fn),
    }


def evaluate_notes(checker: Checker, notes: list[Note]) -> dict:  # type: ignore[type-arg]
    """Each note checked whole, as a user's note is; each of its sentences counts as flagged
    when a finding overlaps it."""
    tp = fp = fn = n = pos = 0
    for note, found in zip(notes, checker.check_many([x.text for x in notes]), strict=True):
        for (start, end), (_, blaming) in zip(note.spans(), note.sentences, strict=True):
            flagged = any(f.start < end and f.end > start for f in found)
            n += 1
            pos += blaming
            tp += flagged and blaming
            fp += flagged and not blaming
            fn += blaming and not flagged
    return {
        "n": n,
        "pos": pos,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "themes": {},
        "fp_kinds": {},
        "counts": (tp, fp, tp + fn),
    }


#: (true flags, false flags, positives) of one set at one setting
Counts = tuple[int, int, int]

#: --min-score values the operating-point tables show (0.5 is the default)
MIN_SCORES = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def operating_points(checker: Checker, data: list[Example]) -> list[Counts]:
    """(true flags, false flags, positives) at each of MIN_SCORES: ``checker`` must report down
    to the lowest."""
    best = [
        max((f.score for f in fs), default=-1.0)
        for fs in checker.check_many([e.text for e in data])
    ]
    pos = sum(e.label for e in data)
    out = []
    for t in MIN_SCORES:
        tp = sum(1 for b, e in zip(best, data, strict=True) if b >= t and e.label)
        fp = sum(1 for b, e in zip(best, data, strict=True) if b >= t and not e.label)
        out.append((tp, fp, pos))
    return out


def _p_r(c: Counts) -> tuple[float, float]:
    tp, fp, pos = c
    return (tp / (tp + fp) if tp + fp else 1.0, tp / pos if pos else 1.0)


def points_table(points: dict[str, list[Counts]]) -> list[str]:
    keys = [k for k in NAMES if k in points]
    lines = [
        "| `--min-score` | " + " | ".join(SHORT[k] for k in keys) + " |",
        "|---" * (len(keys) + 1) + "|",
    ]
    for i, t in enumerate(MIN_SCORES):
        cells = ["{:.3f} / {:.3f}".format(*_p_r(points[k][i])) for k in keys]
        mark = f"**{t}** (default)" if t == 0.5 else f"{t}"
        lines.append(f"| {mark} | " + " | ".join(cells) + " |")
    return lines


#: How many sentences a committed thorough-mode figure may be off by and still stand. ONNX
#: Runtime's float arithmetic (layer norm, softmax, activation scales) differs in the last bits
#: between CPU types, which moves a sentence that sits right on a threshold. The int8 weights
#: are stored as uint8, so the integer arithmetic is exact on every CPU (on AVX2 without VNNI,
#: int8 weights made ONNX Runtime saturate sums and moved real-world dev precision by 0.012).
SENTENCES_OFF = 2


def _near(c: Counts, committed: tuple[float, float]) -> bool:
    """Whether flipping at most SENTENCES_OFF sentences of ``c`` gives the committed figures."""
    tp, fp, pos = c
    for dtp in range(-SENTENCES_OFF, SENTENCES_OFF + 1):
        for dfp in range(abs(dtp) - SENTENCES_OFF, SENTENCES_OFF - abs(dtp) + 1):
            if tp + dtp < 0 or fp + dfp < 0 or tp + dtp > pos:
                continue
            p, r = _p_r((tp + dtp, fp + dfp, pos))
            if f"{p:.3f} / {r:.3f}" == "{:.3f} / {:.3f}".format(*committed):
                return True
    return False


def _stands(fresh: dict[str, list[Counts]], committed: list[str]) -> bool:
    """Whether every cell of the committed table is within SENTENCES_OFF sentences of
    ``fresh``'s counts."""
    import re

    keys = [k for k in NAMES if k in fresh]
    if len(committed) != len(MIN_SCORES) + 2:
        return False
    for i, line in enumerate(committed[2:]):
        cells = re.findall(r"(\d+\.\d+) / (\d+\.\d+)", line)
        if len(cells) != len(keys):
            return False
        for k, (p, r) in zip(keys, cells, strict=True):
            if not _near(fresh[k][i], (float(p), float(r))):
                return False
    return True


def _pr(r: dict | None) -> str:  # type: ignore[type-arg]
    if r is None:
        return "– | –"
    return f"{r['precision']:.3f} | {r['recall']:.3f}"


NAMES = {
    "synthetic": "case-note style, dev split (`language_*.jsonl`)",
    "case_notes_test": "case-note style by another writer, test set (`case_notes_test.jsonl`)",
    "real_world": "real-world wording, dev split (`real_world.jsonl`)",
    "real_world_test": "other documents' real wording, test set (`real_world_test.jsonl`)",
    "whole_notes_dev": (
        "whole notes by a third writer, dev set, sentences of 80 notes checked whole "
        "(`whole_notes_dev.jsonl`)"
    ),
    "whole_notes_test": (
        "whole notes by another writer, test set, sentences of 70 notes checked whole "
        "(`whole_notes_test.jsonl`)"
    ),
}


SHORT = {
    "synthetic": "case-note dev",
    "case_notes_test": "case-note test",
    "real_world": "real-world dev",
    "real_world_test": "real-world test",
    "whole_notes_dev": "whole-notes dev",
    "whole_notes_test": "whole-notes test",
}
POINTS_BEGIN = "<!-- operating-points:{mode} -->"
# This file is generated whole; hand-written notes live in the files this links to.
TRIED = (
    "Ideas measured and not shipped: [language-default-tried.md](language-default-tried.md)"
    " (default mode) and [language-thorough.md](language-thorough.md) (thorough mode)."
)
POINTS_INTRO = (
    "Every finding's score is calibrated so that 0.5 is where the checker reports it, in both "
    "modes and for model-only findings too. A higher `--min-score` (or `min-score` in "
    "`.safeguard.toml`) keeps fewer, surer findings, for a supervisor's queue; a lower one "
    "finds more, for a backfill audit someone will read through. Each cell is precision / "
    "recall on one of the held-out sets above at that setting: precision, of the sentences "
    "flagged, the share that do blame the child; recall, of the sentences that blame the "
    "child, the share flagged (generated by `scripts/eval_language.py`). In the default mode "
    "a setting below 0.5 adds rule matches "
    "only: the linear model reports a sentence on its own only from its own threshold."
)


def table(results: dict[str, dict[str, dict | None]]) -> str:  # type: ignore[type-arg]
    syn = results["synthetic"]["default"]
    lines = [
        "Generated by `scripts/eval_language.py` (held-out sets; never used for training or for "
        "choosing a threshold).",
        "",
        "| held-out set | sentences (blaming) | default P | default R | thorough P | thorough R "
        "| rules + context only P | R |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for key, label in NAMES.items():
        if key not in results:
            continue
        r = results[key]
        d = r["default"]
        lines.append(
            f"| {label} | {d['n']} ({d['pos']}) | {_pr(d)} | {_pr(r['thorough'])} "
            f"| {_pr(r['rules'])} |"
        )
    lines += [
        "",
        "By theme, case-note-style dev split, default mode:",
        "",
        "| theme | precision | recall | positives |",
        "|---|---|---|---|",
    ]
    for t, (p, rc, n) in syn["themes"].items():
        lines.append(f"| {t} | {p:.2f} | {rc:.2f} | {n} |")
    for key, label in (
        ("synthetic", "case-note-style dev split"),
        ("case_notes_test", "case-note-style test set"),
        ("real_world", "real-world dev split"),
        ("real_world_test", "real-world test set"),
    ):
        if key not in results:
            continue
        kinds = results[key]["default"]["fp_kinds"]
        if kinds:
            text = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
            lines.append("")
            lines.append(f"False flags on the {label} by kind of sentence (default): {text}.")
    return "\n".join(lines)


def _committed_thorough(doc: str, key: str) -> dict | None:  # type: ignore[type-arg]
    """Thorough figures already in the doc (kept when the thorough extra is not installed)."""
    import re

    for line in doc.splitlines():
        if line.startswith(f"| {NAMES[key]} |"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            m = re.fullmatch(r"[0-9.]+", cells[4]) and re.fullmatch(r"[0-9.]+", cells[5])
            if m:
                return {"precision": float(cells[4]), "recall": float(cells[5])}
    return None


def _committed_points(doc: str, mode: str) -> list[str]:
    """The operating-point table for ``mode`` already in the doc (empty: none)."""
    lines = doc.splitlines()
    marker = POINTS_BEGIN.format(mode=mode)
    if marker not in lines:
        return []
    i = lines.index(marker) + 1
    out = []
    while i < len(lines) and lines[i].startswith("|"):
        out.append(lines[i])
        i += 1
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    sets = {"synthetic": load("dev")}
    if CASE_NOTES_TEST.exists():
        sets["case_notes_test"] = load(files=[CASE_NOTES_TEST])
    sets["real_world"] = load_real_world("dev")
    if REAL_WORLD_TEST.exists():
        sets["real_world_test"] = load_real_world(path=REAL_WORLD_TEST)
    low = min(MIN_SCORES)
    try:
        thorough: Checker | None = Checker(mode="thorough")
        thorough_low: Checker | None = Checker(mode="thorough", min_score=low)
    except ThoroughUnavailable as exc:
        print(
            f"thorough mode not measured ({exc}); its figures are kept as already written",
            file=sys.stderr,
        )
        thorough = thorough_low = None
    old_doc = DOC.read_text("utf-8") if DOC.exists() else ""
    results: dict[str, dict[str, dict | None]] = {}  # type: ignore[type-arg]
    every: dict[str, list[Example] | list[Note]] = dict(sets)
    for key, path in (("whole_notes_dev", WHOLE_NOTES_DEV), ("whole_notes_test", WHOLE_NOTES_TEST)):
        if path.exists():
            every[key] = load_notes(path)

    def measure(checker: Checker, data: list[Example] | list[Note]) -> dict:  # type: ignore[type-arg]
        if data and isinstance(data[0], Note):
            return evaluate_notes(checker, data)
        return evaluate(checker, data)

    for key, data in every.items():
        committed = _committed_thorough(old_doc, key)
        fresh = measure(thorough, data) if thorough else None
        if (
            fresh is not None
            and committed is not None
            and args.check
            and _near(fresh["counts"], (committed["precision"], committed["recall"]))
        ):
            fresh = committed
        results[key] = {
            "default": measure(Checker(), data),
            "rules": measure(Checker(use_model=False), data),
            "thorough": fresh if fresh is not None else committed,
        }
    body = table(results)
    default_low = Checker(min_score=low)
    points = {
        "default": points_table({k: operating_points(default_low, d) for k, d in sets.items()})
    }
    committed_thorough = _committed_points(old_doc, "thorough")
    if thorough_low is not None:
        counts = {k: operating_points(thorough_low, d) for k, d in sets.items()}
        stands = args.check and _stands(counts, committed_thorough)
        points["thorough"] = committed_thorough if stands else points_table(counts)
    else:
        points["thorough"] = committed_thorough
    extra = ["## Choosing `--min-score`", textwrap.fill(POINTS_INTRO, 99, break_on_hyphens=False)]
    for mode in ("default", "thorough"):
        if points[mode]:
            marker = POINTS_BEGIN.format(mode=mode)
            extra += [f"{mode.capitalize()} mode:", "\n".join([marker, *points[mode]])]
    block = f"{BEGIN}\n{body}\n{END}"
    readme = README.read_text("utf-8")
    if BEGIN not in readme:
        print("README.md has no language-quality markers", file=sys.stderr)
        return 2
    new = readme.split(BEGIN)[0] + block + readme.split(END)[1]
    extra.append(TRIED)
    doc = "# Language checker: measured quality\n\n" + body + "\n\n" + "\n\n".join(extra) + "\n"
    if args.check:
        if new != readme or old_doc != doc:
            print(
                "language quality figures are stale: run scripts/eval_language.py", file=sys.stderr
            )
            return 1
        return 0
    README.write_text(new, "utf-8")
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(doc, "utf-8")
    print(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())

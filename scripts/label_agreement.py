"""Compare the real-world labels with a second labeller's and print (or write) the agreement.

data/labelled/second_labels.jsonl holds a second, blind labelling of five parts of the
real-world data (PARTS): the whole test set (real_world_test.jsonl) and the seventh to eleventh
collections of real_world.jsonl.
The second labeller saw each row's text, source and address only (not its label, kind or
category) and the labelling question of REAL_WORLD.md. Rows are matched by file and text.

    python scripts/label_agreement.py            # print the agreement table and the disagreements
    python scripts/label_agreement.py --write    # also rewrite the table in data/labelled/AGREEMENT.md
    python scripts/label_agreement.py --check    # fail if AGREEMENT.md's table is stale

Cohen's kappa is computed here (two labels, so a dozen lines) rather than adding a dependency.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from real_world_stats import normalise  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "data" / "labelled"
SECOND = LABELLED / "second_labels.jsonl"
DOC = LABELLED / "AGREEMENT.md"
BEGIN, END = (
    "<!-- agreement:begin (scripts/label_agreement.py --write) -->",
    "<!-- agreement:end -->",
)


@dataclass(frozen=True)
class Pair:
    text: str
    first: bool
    second: bool
    first_category: str | None
    second_category: str | None
    sure: bool


#: (name in the table, file, its first and last line numbers; None: the whole file)
PARTS: list[tuple[str, str, tuple[int, int] | None]] = [
    ("test set (`real_world_test.jsonl`, all rows)", "real_world_test.jsonl", None),
    (
        "seventh collection (`real_world.jsonl`, lines 1,645-1,940)",
        "real_world.jsonl",
        (1645, 1940),
    ),
    ("eighth collection (`real_world.jsonl`, lines 1,941-2,239)", "real_world.jsonl", (1941, 2239)),
    ("ninth collection (`real_world.jsonl`, lines 2,240-2,508)", "real_world.jsonl", (2240, 2508)),
    ("tenth collection (`real_world.jsonl`, lines 2,509-2,771)", "real_world.jsonl", (2509, 2771)),
    (
        "eleventh collection (`real_world.jsonl`, lines 2,772-3,101)",
        "real_world.jsonl",
        (2772, 3101),
    ),
]


def pairs(file: str, lines: tuple[int, int] | None) -> list[Pair]:
    """The second labels of ``file``'s rows (those on ``lines`` only), with the first."""
    first = {}
    in_part = set()
    for n, line in enumerate((LABELLED / file).read_text(encoding="utf-8").splitlines(), 1):
        row = json.loads(line)
        first[normalise(row["text"])] = row
        if lines is None or lines[0] <= n <= lines[1]:
            in_part.add(normalise(row["text"]))
    out = []
    for n, line in enumerate(SECOND.read_text(encoding="utf-8").splitlines(), 1):
        row = json.loads(line)
        if row["file"] != file:
            continue
        orig = first.get(normalise(row["text"]))
        if orig is None:
            sys.exit(f"{SECOND.name}:{n}: text: not found in {file}")
        if normalise(row["text"]) not in in_part:
            continue
        out.append(
            Pair(
                text=row["text"],
                first=orig["victim_blaming"],
                second=row["victim_blaming"],
                first_category=orig["category"],
                second_category=row["category"],
                sure=row["confidence"] == "sure",
            )
        )
    return out


def kappa(ps: list[Pair]) -> float:
    n = len(ps)
    observed = sum(p.first == p.second for p in ps) / n
    a, b = sum(p.first for p in ps) / n, sum(p.second for p in ps) / n
    expected = a * b + (1 - a) * (1 - b)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def table() -> tuple[str, list[str]]:
    lines = [
        "| part | rows | blaming (first / second) | same label | Cohen's kappa | rows the second "
        "labeller marked unsure | same category, where both say blaming |",
        "|---|---|---|---|---|---|---|",
    ]
    disagreements = []
    for name, file, span in PARTS:
        ps = pairs(file, span)
        where = file if span is None else f"{file}, lines {span[0]}-{span[1]}"
        same = sum(p.first == p.second for p in ps)
        both = [p for p in ps if p.first and p.second]
        same_cat = sum(p.first_category == p.second_category for p in both)
        lines.append(
            f"| {name} | {len(ps)} | {sum(p.first for p in ps)} / {sum(p.second for p in ps)} | "
            f"{same} | {kappa(ps):.3f} | {sum(not p.sure for p in ps)} | {same_cat} of {len(both)} |"
        )
        disagreements += [
            f"{where}: first {str(p.first).lower()}, second {str(p.second).lower()}"
            f"{'' if p.sure else ' (unsure)'}: {p.text}"
            for p in ps
            if p.first != p.second
        ]
    return "\n".join(lines) + "\n", disagreements


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true")
    mode.add_argument("--check", action="store_true")
    args = parser.parse_args()
    text, disagreements = table()
    block = f"{BEGIN}\n{text}{END}"
    doc = DOC.read_text(encoding="utf-8")
    start, end = doc.index(BEGIN), doc.index(END) + len(END)
    if args.check:
        if doc[start:end] != block:
            print(f"{DOC.relative_to(ROOT)} is stale: run scripts/label_agreement.py --write")
            return 1
        return 0
    print(text)
    for d in disagreements:
        print(d)
    if args.write:
        DOC.write_text(doc[:start] + block + doc[end:], encoding="utf-8")
        print(f"wrote {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

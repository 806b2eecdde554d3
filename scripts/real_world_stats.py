"""Check data/labelled/real_world.jsonl and real_world_test.jsonl and print (or write) their counts.

Every row is checked: its fields, its label and category agreeing, its split following the fixed
rule (first hex digit of sha1(lower-cased text) below 4 -> dev, else train; every row of the test
file is "test"), and no two rows being the same sentence once case and whitespace are ignored.
The test file must share no document (source or address) and no sentence with real_world.jsonl:
it measures wording from documents nothing was trained on. Any fault is reported as
file:line: field: problem, and the script exits 1.

    python scripts/real_world_stats.py            # check, print the counts table
    python scripts/real_world_stats.py --write    # check, rewrite the tables in the two docs
    python scripts/real_world_stats.py --check    # check, fail if a doc's table is stale
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "labelled" / "real_world.jsonl"
DOC = ROOT / "data" / "labelled" / "REAL_WORLD.md"
TEST_DATA = ROOT / "data" / "labelled" / "real_world_test.jsonl"
TEST_DOC = ROOT / "data" / "labelled" / "REAL_WORLD_TEST.md"
TEST_SPLIT = "test"
BEGIN, END = "<!-- counts:begin (scripts/real_world_stats.py --write) -->", "<!-- counts:end -->"

CATEGORIES = ("sexual_agency", "choice", "character", "criminal", "missing", "process")
KINDS = (
    "quoted_case_wording",
    "guide_avoid",
    "guide_instead",
    "review_narration",
    "policy_definition",
    "adult_subject",
    "correction",
    "appropriate",
)
#: Kinds that can only be labelled one way.
FALSE_KINDS = {
    "guide_instead",
    "review_narration",
    "policy_definition",
    "adult_subject",
    "correction",
    "appropriate",
}
TRUE_KINDS = {"guide_avoid"}
FIELDS = ("text", "victim_blaming", "category", "source", "url", "kind", "split")


def split_of(text: str) -> str:
    """The fixed split: dev when the first hex digit of sha1(lower-cased text) is below 4."""
    return (
        "dev" if int(hashlib.sha1(text.lower().encode("utf-8")).hexdigest()[0], 16) < 4 else "train"
    )


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def load(path: Path = DATA, split: str | None = None) -> tuple[list[dict], list[str]]:
    """Rows and the problems found in them (empty when the file is sound). ``split``: the one
    split every row must have (the test file's); None: the fixed train/dev rule."""
    rows: list[dict] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        where = f"{path.name}:{n}"
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{where}: not valid JSON ({e.msg})")
            continue
        if not isinstance(row, dict):
            problems.append(f"{where}: not a JSON object")
            continue
        for field in FIELDS:
            if field not in row:
                problems.append(f"{where}: {field}: missing")
        extra = set(row) - set(FIELDS)
        if extra:
            problems.append(f"{where}: unknown fields {sorted(extra)}")
        text, label, cat, kind = (
            row.get("text"),
            row.get("victim_blaming"),
            row.get("category"),
            row.get("kind"),
        )
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: text: must be a non-empty string")
            continue
        if text != re.sub(r"\s+", " ", text).strip():
            problems.append(f"{where}: text: has untidy whitespace")
        if len(text.split()) > 45:
            problems.append(f"{where}: text: longer than 45 words")
        if not isinstance(label, bool):
            problems.append(f"{where}: victim_blaming: must be true or false")
        elif label and cat not in CATEGORIES:
            problems.append(
                f"{where}: category: must be one of {', '.join(CATEGORIES)} when victim_blaming is true"
            )
        elif not label and cat is not None:
            problems.append(f"{where}: category: must be null when victim_blaming is false")
        if kind not in KINDS:
            problems.append(f"{where}: kind: must be one of {', '.join(KINDS)}")
        elif label is True and kind in FALSE_KINDS:
            problems.append(f"{where}: kind: {kind} rows cannot be victim-blaming")
        elif label is False and kind in TRUE_KINDS:
            problems.append(f"{where}: kind: {kind} rows must be victim-blaming")
        if not isinstance(row.get("source"), str) or not row["source"].strip():
            problems.append(f"{where}: source: must name the document")
        if not isinstance(row.get("url"), str):
            problems.append(f"{where}: url: must be a string (empty when unknown)")
        if split is not None and row.get("split") != split:
            problems.append(f"{where}: split: must be {split!r} in this file")
        elif split is None and row.get("split") != split_of(text):
            problems.append(f"{where}: split: must be {split_of(text)!r} by the fixed rule")
        key = normalise(text)
        if key in seen:
            problems.append(f"{where}: text: same sentence as line {seen[key]}")
        else:
            seen[key] = n
        rows.append(row)
    return rows, problems


def _address(url: str) -> str:
    """An address without its scheme, "www." and trailing slash, for comparing documents."""
    return re.sub(r"^(https?://)?(www\.)?", "", url.strip().lower()).rstrip("/")


def overlap(rows: list[dict], test_rows: list[dict], test_name: str) -> list[str]:
    """Problems where a test row shares a document or a sentence with the training file."""
    sources = {normalise(r["source"]) for r in rows}
    addresses = {_address(r["url"]) for r in rows if r["url"].strip()}
    texts = {normalise(r["text"]) for r in rows}
    problems = []
    for n, r in enumerate(test_rows, start=1):
        where = f"{test_name}: row {n}"
        if normalise(r["source"]) in sources:
            problems.append(f"{where}: source: a document of {DATA.name}")
        if r["url"].strip() and _address(r["url"]) in addresses:
            problems.append(f"{where}: url: an address of {DATA.name}")
        if normalise(r["text"]) in texts:
            problems.append(f"{where}: text: a sentence of {DATA.name}")
    return problems


def table(rows: list[dict]) -> str:
    """The counts as Markdown tables: by label and split, by kind, by category, by source."""
    out: list[str] = []
    lab = Counter((r["victim_blaming"], r["split"]) for r in rows)
    splits = [s for s in ("train", "dev", TEST_SPLIT) if any(r["split"] == s for r in rows)]
    if len(splits) > 1:
        out += [
            "| label | " + " | ".join(splits) + " | all |",
            "|---|" + "---:|" * (len(splits) + 1),
        ]
    else:
        out += ["| label | rows |", "|---|---:|"]
    for v, name in ((True, "victim-blaming"), (False, "not victim-blaming"), (None, "all")):
        counts = [sum(lab[b, s] for b in (True, False) if v is None or b == v) for s in splits]
        cells = [*counts, sum(counts)] if len(splits) > 1 else counts
        out.append(f"| {name} | " + " | ".join(str(c) for c in cells) + " |")
    out.append("")
    kinds = Counter((r["kind"], r["victim_blaming"]) for r in rows)
    out += ["| kind | victim-blaming | not | all |", "|---|---:|---:|---:|"]
    for k in KINDS:
        t, f = kinds[k, True], kinds[k, False]
        if t or f:
            out.append(f"| {k} | {t} | {f} | {t + f} |")
    out.append("")
    cats = Counter(r["category"] for r in rows if r["victim_blaming"])
    out += ["| category (victim-blaming rows) | rows |", "|---|---:|"]
    out += [f"| {c} | {cats[c]} |" for c in CATEGORIES]
    out.append("")
    srcs = Counter((r["source"], r["victim_blaming"]) for r in rows)
    names = sorted(
        {r["source"] for r in rows}, key=lambda s: (-(srcs[s, True] + srcs[s, False]), s)
    )
    out += [f"{len(names)} documents.", "", "| source | victim-blaming | not |", "|---|---:|---:|"]
    out += [f"| {s.replace('|', '/')} | {srcs[s, True]} | {srcs[s, False]} |" for s in names]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--write", action="store_true", help="rewrite the counts table in REAL_WORLD.md")
    g.add_argument(
        "--check", action="store_true", help="fail if REAL_WORLD.md's counts table is stale"
    )
    args = ap.parse_args(argv)
    rows, problems = load()
    docs = [(DOC, rows)]
    if TEST_DATA.exists():
        test_rows, test_problems = load(TEST_DATA, TEST_SPLIT)
        problems += test_problems + overlap(rows, test_rows, TEST_DATA.name)
        docs.append((TEST_DOC, test_rows))
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    if not (args.write or args.check):
        for path, some in docs:
            print(f"{path.name}:\n{table(some)}")
        return 0
    stale = False
    for path, some in docs:
        doc = path.read_text("utf-8")
        if BEGIN not in doc or END not in doc:
            print(f"{path.name}: the counts markers are missing", file=sys.stderr)
            return 1
        head, rest = doc.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        new = f"{head}{BEGIN}\n{table(some)}{END}{tail}"
        if args.write:
            path.write_text(new, "utf-8")
        elif new != doc:
            print(
                f"{path.name}: counts table is stale; run python scripts/real_world_stats.py "
                "--write",
                file=sys.stderr,
            )
            stale = True
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())

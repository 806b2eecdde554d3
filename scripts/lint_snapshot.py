"""Findings of `safeguard lint` over fixed inputs, to show that a change to the checker's speed
changes no finding.

    .venv/bin/python scripts/lint_snapshot.py OUT [--compare BEFORE]

Writes, into the folder OUT, the JSON Lines output (with --explain: scores, context reasons,
suggestions) of `safeguard lint --format jsonl` over every labelled file in data/labelled, the
sample notes in src/safeguard/language/samples and the notes of a demo export (300 children,
seed 3). With --compare, says whether every file equals the same file in BEFORE and shows the
first line that differs. Typical use: run it before a change (OUT=before), make the change, run
it again with --compare before.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT = [sys.executable, "-m", "safeguard", "lint", "--format", "jsonl", "--explain", "-q"]


def write(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []

    def lint(name: str, args: list[str], cwd: Path = ROOT) -> None:
        done = subprocess.run(LINT + args, capture_output=True, text=True, check=False, cwd=cwd)
        if done.returncode not in (0, 1):  # 1: findings
            sys.exit(f"safeguard lint {' '.join(args)} failed:\n{done.stderr}")
        (out / name).write_text(done.stdout, "utf-8")
        written.append(out / name)

    for f in sorted((ROOT / "data" / "labelled").glob("*.jsonl")):
        lint(f.name, ["--column", "text", str(f.relative_to(ROOT))])
    lint("samples.txt.jsonl", ["src/safeguard/language/samples/notes.txt"])
    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "demo"
        subprocess.run(
            [sys.executable, "-m", "safeguard", "demo-data", "--children", "300", "--seed", "3"]
            + ["--out", str(demo), "-q"],
            check=True,
            capture_output=True,
        )
        # run in the export's folder, so that the path in each line is the same every time
        lint("demo-notes.jsonl", ["--column", "text", "--id-column", "id", "notes.csv"], demo)
    return written


def compare(new: list[Path], before: Path) -> bool:
    same = True
    for f in new:
        old = before / f.name
        if not old.is_file():
            print(f"{f.name}: not in {before}")
            same = False
            continue
        a = old.read_text("utf-8").splitlines()
        b = f.read_text("utf-8").splitlines()
        if a == b:
            continue
        same = False
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            if x != y:
                print(f"{f.name}: line {i + 1} differs\n  before: {x}\n  now:    {y}")
                break
        else:
            print(f"{f.name}: {len(a)} lines before, {len(b)} now")
    return same


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="folder to write the findings into")
    ap.add_argument("--compare", type=Path, metavar="BEFORE", help="folder written before")
    args = ap.parse_args()
    files = write(args.out)
    lines = sum(len(f.read_text("utf-8").splitlines()) for f in files)
    print(f"{len(files)} files, {lines:,} lines of findings written to {args.out}")
    if args.compare is not None:
        if not compare(files, args.compare):
            sys.exit("findings differ")
        print(f"the same findings as in {args.compare}")


if __name__ == "__main__":
    main()

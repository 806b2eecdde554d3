"""Score the audit on the independent case set in data/cases/ (written apart from the checks).

Imports ``data/cases/records`` into a temporary SQLite store with ``safeguard import``, runs
``safeguard audit --format json`` as of the set's ``as_of``, and compares the result with
``data/cases/expected.yml``:

* findings recall    — expected findings the audit made (same standard, same record);
* findings precision — audit findings an inspector expected;
* grade agreement    — cases where the audit's grade is the inspector's;
* false findings on good-practice cases — findings on cases the set marks as good practice.

Usage::

    .venv/bin/python scripts/eval_cases.py                  # figures and every disagreement
    .venv/bin/python scripts/eval_cases.py --write-readme   # also rewrite the README section
    .venv/bin/python scripts/eval_cases.py --json out.json  # the full comparison as JSON
    .venv/bin/python scripts/eval_cases.py --before         # also the audit before issue 10
    .venv/bin/python scripts/eval_cases.py --thorough       # the audit in thorough language mode

The figures in README.md are printed by this script; it never changes data/cases/.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "data" / "cases"
README = ROOT / "README.md"
START = "<!-- eval-cases:start -->"
END = "<!-- eval-cases:end -->"
COMMAND = ".venv/bin/python scripts/eval_cases.py --write-readme --before"
#: The commit before issue 10's changes to the audit's judgement (for the "before" figures).
BEFORE = "979ee00"


def norm_grade(g: Any) -> str:
    return str(g or "").strip().lower().replace(" ", "_").replace("-", "_")


@dataclass
class Expected:
    check: str
    record: str
    why: str = ""


@dataclass
class CaseScore:
    child_id: str
    title: str
    good_practice: bool
    expected_grade: str
    grade: str | None
    expected: list[Expected]
    matched: list[tuple[Expected, dict[str, Any]]] = field(default_factory=list)
    missed: list[Expected] = field(default_factory=list)
    extra: list[dict[str, Any]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def grade_agrees(self) -> bool:
        return self.grade == self.expected_grade


def load_expected(path: Path) -> tuple[str, list[dict[str, Any]]]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(doc, dict) or "cases" not in doc:
        raise SystemExit(f"{path}: expected a mapping with 'as_of' and 'cases'")
    as_of = str(doc.get("as_of") or "")
    cases = doc["cases"]
    if not isinstance(cases, list):
        raise SystemExit(f"{path}: 'cases' must be a list")
    return as_of, cases


def safeguard_cmd() -> list[str]:
    return [sys.executable, "-m", "safeguard"]


def run_audit(
    records: Path,
    as_ofs: list[str],
    workdir: Path,
    src: Path | None = None,
    *,
    thorough: bool = False,
) -> dict[str, dict[str, Any]]:
    """Import once, then audit as of each moment (as_of -> report), with this checkout's code
    or with the code in ``src``; with ``thorough``, the language checker's thorough mode."""
    db = f"sqlite:///{workdir / 'cases.db'}"
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    imp = subprocess.run(
        [*safeguard_cmd(), "import", str(records), "--db", db],
        capture_output=True,
        text=True,
        env=env,
    )
    if imp.returncode != 0:
        raise SystemExit(f"import failed:\n{imp.stdout}\n{imp.stderr}")
    out: dict[str, dict[str, Any]] = {}
    helptext = subprocess.run(
        [*safeguard_cmd(), "audit", "--help"], capture_output=True, text=True, env=env
    ).stdout
    # Audit every case as of the moment asked, not a result stored at import (where offered).
    fresh = ["--fresh"] if "--fresh" in helptext else []
    for as_of in as_ofs:
        cmd = [*safeguard_cmd(), "audit", "--db", db, "--format", "json", "--quiet", "--jobs", "1"]
        cmd += fresh + (["--thorough"] if thorough else [])
        if as_of:
            cmd += ["--as-of", as_of]
        aud = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if aud.returncode not in (0, 1):
            raise SystemExit(f"audit failed:\n{aud.stderr}")
        out[as_of] = json.loads(aud.stdout)
    return out


def _matches(e: Expected, f: dict[str, Any], child_id: str) -> int:
    """2: same standard and record; 1: same standard, record named among its related records
    (or the expectation names the child); 0: no match."""
    if f["check"] != e.check:
        return 0
    if f["record_id"] == e.record:
        return 2
    if e.record in f.get("related_ids", []) or e.record == child_id:
        return 1
    return 0


def score_case(spec: dict[str, Any], result: dict[str, Any] | None) -> CaseScore:
    child_id = str(spec.get("child_id") or spec.get("child") or spec.get("id"))
    exp = [
        Expected(str(x["check"]), str(x.get("record", "")), str(x.get("why", "")))
        for x in spec.get("expected_findings", spec.get("findings")) or []
    ]
    cs = CaseScore(
        child_id=child_id,
        title=str(spec.get("title", "")),
        good_practice=bool(spec.get("good_practice", False)),
        expected_grade=norm_grade(spec.get("expected_grade", spec.get("grade"))),
        grade=norm_grade(result["grade"]) if result else None,
        expected=exp,
        reasons=list(result.get("reasons", [])) if result else [],
    )
    found = list(result["findings"]) if result else []
    used: set[int] = set()
    for e in exp:
        best, best_i = 0, -1
        for i, f in enumerate(found):
            if i in used:
                continue
            m = _matches(e, f, child_id)
            if m > best:
                best, best_i = m, i
        if best_i >= 0:
            used.add(best_i)
            cs.matched.append((e, found[best_i]))
        else:
            cs.missed.append(e)
    cs.extra = [f for i, f in enumerate(found) if i not in used]
    return cs


def evaluate(
    cases_dir: Path, before: str | None = None, *, thorough: bool = False
) -> tuple[str, list[CaseScore]]:
    """Score the audit on the case set; with ``before``, the audit of that commit's code; with
    ``thorough``, the audit with the language checker's thorough mode."""
    as_of, specs = load_expected(cases_dir / "expected.yml")
    # Each case is judged as of its own moment of review (the set's, unless the case has one).
    case_as_of = [str(spec.get("as_of") or as_of) for spec in specs]
    with tempfile.TemporaryDirectory(prefix="safeguard-eval-") as tmp:
        src = None
        tree = Path(tmp) / "before"
        if before:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), before],
                check=True,
                capture_output=True,
            )
            src = tree / "src"
        try:
            reports = run_audit(
                cases_dir / "records", sorted(set(case_as_of)), Path(tmp), src, thorough=thorough
            )
        finally:
            if before:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                    capture_output=True,
                )
    by_child = {
        (when, c["child_id"]): c for when, report in reports.items() for c in report["cases"]
    }
    return as_of, [
        score_case(spec, by_child.get((when, str(spec.get("child_id") or spec.get("id")))))
        for spec, when in zip(specs, case_as_of, strict=True)
    ]


def figures(scores: list[CaseScore]) -> dict[str, Any]:
    n_exp = sum(len(c.expected) for c in scores)
    n_hit = sum(len(c.matched) for c in scores)
    n_found = n_hit + sum(len(c.extra) for c in scores)
    good = [c for c in scores if c.good_practice]
    return {
        "cases": len(scores),
        "expected_findings": n_exp,
        "found_expected": n_hit,
        "audit_findings": n_found,
        "false_findings": n_found - n_hit,
        "recall": n_hit / n_exp if n_exp else 1.0,
        "precision": n_hit / n_found if n_found else 1.0,
        "grades_agreed": sum(c.grade_agrees for c in scores),
        "good_practice_cases": len(good),
        "good_practice_false_findings": sum(len(c.extra) for c in good),
        "good_practice_cases_with_false_findings": sum(1 for c in good if c.extra),
        "good_practice_graded_good": sum(1 for c in good if c.grade == "good"),
        "missed_by_check": dict(Counter(e.check for c in scores for e in c.missed)),
        "false_by_check": dict(Counter(f["check"] for c in scores for f in c.extra)),
    }


def summary_lines(fig: dict[str, Any]) -> list[str]:
    return [
        f"Cases: {fig['cases']} ({fig['good_practice_cases']} of good practice)",
        f"Findings recall: {fig['found_expected']} of {fig['expected_findings']} expected "
        f"findings made ({fig['recall']:.0%})",
        f"Findings precision: {fig['found_expected']} of {fig['audit_findings']} audit findings "
        f"expected ({fig['precision']:.0%}); {fig['false_findings']} findings an inspector "
        "would not make",
        f"Grade agreement: {fig['grades_agreed']} of {fig['cases']} cases",
        f"False findings on good-practice cases: {fig['good_practice_false_findings']} "
        f"(on {fig['good_practice_cases_with_false_findings']} of "
        f"{fig['good_practice_cases']} cases); {fig['good_practice_graded_good']} of "
        f"{fig['good_practice_cases']} graded good",
    ]


def case_lines(scores: list[CaseScore]) -> list[str]:
    out = []
    for c in scores:
        ok = c.grade_agrees and not c.missed and not c.extra
        mark = "ok " if ok else "XX "
        gp = " [good practice]" if c.good_practice else ""
        out.append(
            f"{mark}{c.child_id}{gp}: expected {c.expected_grade}, audit {c.grade}; "
            f"{len(c.matched)}/{len(c.expected)} findings, {len(c.extra)} extra — {c.title}"
        )
        for e in c.missed:
            out.append(f"      missed {e.check} on {e.record}: {e.why}")
        for f in c.extra:
            out.append(f"      extra  {f['check']} on {f['record_id']}: {f['detail']}")
    return out


def _cells(f: dict[str, Any]) -> list[str]:
    return [
        f"{f['found_expected']} of {f['expected_findings']} ({f['recall']:.0%})",
        f"{f['found_expected']} of {f['audit_findings']} ({f['precision']:.0%})",
        f"{f['grades_agreed']} of {f['cases']}",
        f"{f['good_practice_false_findings']} (on {f['good_practice_cases_with_false_findings']}"
        f" of {f['good_practice_cases']} cases)",
        f"{f['good_practice_graded_good']} of {f['good_practice_cases']}",
    ]


MEASURES = [
    "Findings recall (expected findings the audit made)",
    "Findings precision (audit findings an inspector expected)",
    "Grades agreed",
    "False findings on good-practice cases",
    "Good-practice cases graded good",
]


def _left(fig: dict[str, Any]) -> str:
    """Where the audit and the inspector still differ, by standard, in one sentence."""

    def words(d: dict[str, int]) -> str:
        return ", ".join(f"`{k}` {v}" for k, v in sorted(d.items())) or "none"

    return (
        f"Still differing: findings the audit made that the inspector did not "
        f"({words(fig['false_by_check'])}); expected findings the audit missed "
        f"({words(fig['missed_by_check'])}).\n\n"
    )


def markers(cases: Path) -> tuple[str, str]:
    """The README markers around a case set's section: one section per set."""
    if cases.resolve() == CASES.resolve():
        return START, END
    return f"<!-- eval-cases:{cases.name}:start -->", f"<!-- eval-cases:{cases.name}:end -->"


def command(cases: Path, before: str | None) -> str:
    """The command that prints a set's README section."""
    if cases.resolve() == CASES.resolve() and before in (None, BEFORE):
        return COMMAND if before else COMMAND.replace(" --before", "")
    where = cases.resolve().relative_to(ROOT) if cases.resolve().is_relative_to(ROOT) else cases
    return f".venv/bin/python scripts/eval_cases.py --cases {where} --write-readme" + (
        f" --before {before}" if before else ""
    )


def before_words(commit: str) -> str:
    """What the before column is."""
    if commit == BEFORE:
        return f"the audit of commit {BEFORE}, before issue 10"
    return (
        f"the audit of commit {commit}, the set's first measurement, before any change its "
        "disagreements led to"
    )


def readme_section(
    fig: dict[str, Any],
    as_of: str,
    old: dict[str, Any] | None = None,
    cases: Path = CASES,
    commit: str = BEFORE,
) -> str:
    start, end = markers(cases)
    now = _cells(fig)
    if old is not None:
        head = f"| measure | now | before (commit {commit}) |\n|---|---|---|\n"
        rows = zip(MEASURES, now, _cells(old), strict=True)
        table = "\n".join(f"| {n} | {a} | {b} |" for n, a, b in rows)
        before = f" (the before column is {before_words(commit)})"
    else:
        head = "| measure | now |\n|---|---|\n"
        table = "\n".join(f"| {n} | {a} |" for n, a in zip(MEASURES, now, strict=True))
        before = ""
    where = cases.resolve().relative_to(ROOT) if cases.resolve().is_relative_to(ROOT) else cases
    return (
        f"{start}\n"
        f"On the independent case set in `{where}/` ({fig['cases']} hand-written cases, "
        f"{fig['good_practice_cases']} of good practice, audited as of {as_of}), printed by "
        f"`{command(cases, commit if old is not None else None)}`{before}:\n\n"
        f"{head}{table}\n\n"
        + _left(fig)
        + "A finding counts as expected when it names the same standard and the same record as the "
        "inspector's. The set was written from the public standards by someone who did not read "
        "the checks, and nothing in the checks names its cases; the script lists every case where "
        "the audit and the inspector differ.\n"
        f"{end}"
    )


def write_readme(section: str, cases: Path = CASES) -> None:
    """Put a set's section in README.md in place of the one there, or after the first set's."""
    start, end = markers(cases)
    text = README.read_text(encoding="utf-8")
    if start in text and end in text:
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        text = head + section + tail
    elif END in text:
        head, tail = text.split(END, 1)
        text = head + END + "\n\n" + section + tail
    else:
        text = text.rstrip("\n") + "\n\n## Judgement on independent cases\n\n" + section + "\n"
    README.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=Path, default=CASES, help="the case set (default data/cases)")
    ap.add_argument("--write-readme", action="store_true", help="rewrite the README section")
    ap.add_argument("--json", type=Path, help="write the full comparison to this file")
    ap.add_argument("--quiet", action="store_true", help="figures only, no per-case listing")
    ap.add_argument(
        "--before",
        nargs="?",
        const=BEFORE,
        metavar="COMMIT",
        help=f"also score the audit as of COMMIT (default {BEFORE}, before issue 10)",
    )
    ap.add_argument(
        "--thorough",
        action="store_true",
        help="audit with the language checker's thorough mode (needs the thorough extra)",
    )
    args = ap.parse_args(argv)
    if args.thorough and args.write_readme:
        ap.error("--write-readme writes the default audit's figures; leave out --thorough")
    if not (args.cases / "expected.yml").exists():
        print(f"{args.cases}/expected.yml not found", file=sys.stderr)
        return 2
    as_of, scores = evaluate(args.cases, thorough=args.thorough)
    fig = figures(scores)
    old = None
    if args.before:
        _, old_scores = evaluate(args.cases, args.before)
        old = figures(old_scores)
        print(f"Before (commit {args.before}):")
        print("\n".join("  " + x for x in summary_lines(old)))
        print()
    if not args.quiet:
        print("\n".join(case_lines(scores)))
        print()
    print("\n".join(summary_lines(fig)))
    if fig["missed_by_check"]:
        print("Missed by standard:", json.dumps(fig["missed_by_check"], sort_keys=True))
    if fig["false_by_check"]:
        print("False findings by standard:", json.dumps(fig["false_by_check"], sort_keys=True))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "as_of": as_of,
                    "figures": fig,
                    "cases": [
                        {
                            "child_id": c.child_id,
                            "good_practice": c.good_practice,
                            "expected_grade": c.expected_grade,
                            "grade": c.grade,
                            "missed": [e.__dict__ for e in c.missed],
                            "extra": c.extra,
                        }
                        for c in scores
                    ],
                },
                indent=1,
            ),
            encoding="utf-8",
        )
    if args.write_readme:
        write_readme(
            readme_section(fig, as_of, old, args.cases, args.before or BEFORE), args.cases
        )
        print(f"README.md section updated ({command(args.cases, args.before)}).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

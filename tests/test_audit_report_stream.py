"""``safeguard audit`` without an HTML report does not hold every case: it counts the figures as
it reads the results and writes the JSON case by case. What it prints must be exactly what the
report held in memory prints (the form the HTML report and the national audit still use), and
its figures must be counts of the cases it shows."""

from __future__ import annotations

import io
import json
import sqlite3
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from safeguard.audit.grade import GRADES
from safeguard.audit.report_text import WORST, render_text
from safeguard.audit.runner import LANGUAGE_CHECKS, Auditor, AuditReport, CaseResult
from safeguard.cli import main
from safeguard.engine.results import all_child_ids, current_results, default_as_of
from safeguard.records import clock
from safeguard.standards.risk_levels import rank
from safeguard.store.engine import open_store

CHILDREN = 40
GENERATED = datetime(2026, 9, 1, 8, 30)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo store, imported once (each test works on its own copy)."""
    root = tmp_path_factory.mktemp("stream")
    data = root / "data"
    assert main(["demo-data", "--children", str(CHILDREN), "--seed", "3", "--out", str(data)]) == 0
    db = root / "store.db"
    assert main(["import", str(data), "--db", str(db), "--quiet"]) == 0
    return db


def _copy(src: Path, dest: Path, *, drop_results: int = 0) -> str:
    dest.write_bytes(src.read_bytes())
    if drop_results:  # stale results: audited, stored and read back in order with the rest
        with sqlite3.connect(dest) as conn:
            conn.execute(
                "DELETE FROM engine_case_results WHERE child_id IN (SELECT child_id FROM "
                "engine_case_results ORDER BY child_id DESC LIMIT ?) OR child_id IN "
                "(SELECT child_id FROM engine_case_results ORDER BY child_id LIMIT 2)",
                (drop_results,),
            )
    return f"sqlite:///{dest}"


def _held(url: str, fmt: str, team: str | None = None, since: str | None = None) -> str:
    """What the report held in memory prints for the same store and clock."""
    from datetime import date

    engine = open_store(url, create=False)
    try:
        auditor = Auditor(as_of=default_as_of(engine))
        ids = all_child_ids(engine, team=team, since=date.fromisoformat(since) if since else None)
        report = AuditReport(
            as_of=auditor.as_of,
            generated_at=GENERATED,
            standards=auditor.standards,
            filters={"since": since, "team": team},
            cases=list(current_results(engine, auditor, ids, store=False)),
        )
    finally:
        engine.dispose()
    if fmt == "text":
        return render_text(report)
    out = io.StringIO()
    report.write_json(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("fmt", "filters", "stale"),
    [
        ("json", [], 0),
        ("text", [], 0),
        ("json", [], 7),
        ("text", [], 7),
        ("json", ["--team", "Hackney"], 0),
        ("text", ["--since", "2026-06-01"], 3),
    ],
)
def test_streamed_output_is_the_held_reports_byte_for_byte(  # type: ignore[no-untyped-def]
    store: Path, tmp_path: Path, monkeypatch, capsys, fmt: str, filters: list[str], stale: int
) -> None:
    url = _copy(store, tmp_path / "a.db", drop_results=stale)
    monkeypatch.setattr(clock, "utc_now", lambda: GENERATED)
    capsys.readouterr()
    status = main(["audit", "--db", url, "--quiet", "--format", fmt, *filters])
    streamed = capsys.readouterr().out
    team = filters[1] if filters[:1] == ["--team"] else None
    since = filters[1] if filters[:1] == ["--since"] else None
    assert streamed == _held(url, fmt, team, since)
    if fmt == "json":
        d = json.loads(streamed)
        assert len(d["cases"]) == d["summary"]["cases"] > 0
        assert status == (1 if any(c["findings"] for c in d["cases"]) else 0)


def test_the_streamed_figures_are_counts_of_the_cases_shown(  # type: ignore[no-untyped-def]
    store: Path, tmp_path: Path, capsys
) -> None:
    url = _copy(store, tmp_path / "a.db", drop_results=5)
    capsys.readouterr()
    main(["audit", "--db", url, "--quiet", "--format", "json"])
    d = json.loads(capsys.readouterr().out)
    s, cases = d["summary"], d["cases"]
    checks = [c["id"] for c in d["standards"]]
    assert s["cases"] == len(cases)
    assert s["episodes"] == sum(c["counts"]["episodes"] for c in cases)
    assert s["investigations"] == sum(c["counts"]["investigations"] for c in cases)
    assert s["notes"] == sum(c["counts"]["notes"] for c in cases)
    assert s["grades"] == {g: sum(c["grade"] == g for c in cases) for g in GRADES}
    assert s["findings_by_check"] == {
        k: sum(f["check"] == k for c in cases for f in c["findings"]) for k in checks
    }
    assert s["cases_by_check"] == {
        k: sum(any(f["check"] == k for f in c["findings"]) for c in cases) for k in checks
    }
    for key, field in (("grades_by_team", "team"), ("grades_by_quarter", "period")):
        groups = sorted({c[field] for c in cases if c[field] is not None})
        assert s[key] == {
            k: {g: sum(c[field] == k and c["grade"] == g for c in cases) for g in GRADES}
            for k in groups
        }
    themes = Counter(
        e["category"] or "other"
        for c in cases
        for f in c["findings"]
        if f["check"] in LANGUAGE_CHECKS
        for e in f["evidence"]
    )
    assert s["language_by_theme"] == dict(themes)
    assert list(s["language_by_theme"].values()) == sorted(themes.values(), reverse=True)
    threshold = s["repeat_missing"]["threshold"]
    cohort = [c for c in cases if c["repeat_missing"]["most_in_window"] >= threshold]
    assert s["repeat_missing"] == {
        "threshold": threshold,
        "children_missing": sum(bool(c["episodes"]) for c in cases),
        "repeat_missing": len(cohort),
        "screened": sum(c["repeat_missing"]["screened"] for c in cases if c in cohort),
        "not_screened": sum(not c["repeat_missing"]["screened"] for c in cohort),
    }
    episodes = [e for c in cases for e in c["episodes"]]
    assert s["episodes_below_rules"] == {
        "below": sum(
            e["recorded"] is not None and rank(e["recorded"]) < rank(e["rules_grade"])
            for e in episodes
        ),
        "episodes": len(episodes),
    }
    assert f"{s['grades']['inadequate']} of {len(cases)} cases inadequate" in s["headlines"]
    assert all(c["period"] in (None, *s["grades_by_quarter"]) for c in cases)


def test_the_text_lists_the_worst_inadequate_cases_earliest_first_among_equals() -> None:
    """The figures keep only the inadequate cases the terminal summary lists: the most
    findings first and, among equals, in the order read (as a stable sort of every case)."""
    from safeguard.audit.runner import ReportFigures
    from safeguard.engine.finding import Finding
    from safeguard.standards.catalogue import default_standards

    def case(i: int, grade: str, findings: int) -> CaseResult:
        return CaseResult(
            child_id=f"C{i:03}",
            team="T",
            grade=grade,
            reasons=[],
            findings=[
                Finding(
                    "MIS-NO-RHI",
                    "t",
                    "s",
                    "major",
                    "missing",
                    f"C{i:03}",
                    "episode",
                    f"E{i}-{k}",
                    GENERATED,
                    "d",
                )
                for k in range(findings)
            ],
            episodes=[],
            investigation_ids=[],
            notes=0,
            last_activity=None,
            max_repeat=0,
            screened=False,
        )

    counts = [3, 1, 3, 0, 5, 3, 2, 5, 1, 3, 3, 4, 3, 2, 3, 1, 3, 0, 2, 3]
    cases = [case(i, "inadequate" if i % 5 else "good", n) for i, n in enumerate(counts)]
    figures = ReportFigures.of(default_standards(), cases, worst=WORST)
    expected = sorted(
        (r for r in cases if r.grade == "inadequate"), key=lambda r: -len(r.findings)
    )[:WORST]
    assert len(expected) == WORST < sum(r.grade == "inadequate" for r in cases)
    assert [r.child_id for r in figures.worst_cases()] == [r.child_id for r in expected]

"""End to end: demo data -> import -> audit, checked against the demo data's recorded truth.

Every seeded defect in ``truth.jsonl`` must be found, and no finding may appear on a case
seeded as good practice.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from datetime import datetime, time
from pathlib import Path

import pytest

from safeguard.audit.runner import Auditor, AuditReport, audit_cases
from safeguard.cli import main
from safeguard.demo.generator import end_date
from safeguard.store.engine import open_engine
from safeguard.store.read import iter_cases

SEED = 3
CHILDREN = 60


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:  # type: ignore[type-arg]
    out = tmp_path_factory.mktemp("demo")
    data = out / "data"
    assert (
        main(["demo-data", "--children", str(CHILDREN), "--seed", str(SEED), "--out", str(data)])
        == 0
    )
    truth_file = out / "truth.jsonl"
    shutil.move(data / "truth.jsonl", truth_file)  # the truth is not an exchange file
    truth = [json.loads(line) for line in truth_file.read_text().splitlines() if line.strip()]
    return data, truth


def audited(url: str, data: Path) -> AuditReport:
    assert main(["import", "--db", url, str(data)]) == 0
    as_of = datetime.combine(end_date(SEED), time.min)
    engine = open_engine(url)
    try:
        return audit_cases(iter_cases(engine), auditor=Auditor(as_of=as_of))
    finally:
        engine.dispose()


def found(report: AuditReport) -> set[tuple[str, str, str]]:
    return {(f.check_id, f.child_id, f.record_id) for r in report.cases for f in r.findings}


def test_every_seeded_defect_found_and_good_practice_clean(db_url: str, demo) -> None:  # type: ignore[no-untyped-def]
    data, truth = demo
    report = audited(db_url, data)
    got = found(report)
    want = {
        (t["check"], t["child_id"], t["record_id"])
        for t in truth
        if t["check"] != "GOOD-PRACTICE" and not t["check"].startswith("LANG-")
    }
    assert want, "the demo data should seed defects"
    missed = sorted(want - got)
    assert not missed, f"{len(missed)} seeded defects not found, e.g. {missed[:5]}"
    good = {t["child_id"] for t in truth if t["check"] == "GOOD-PRACTICE"}
    assert good, "the demo data should seed good-practice cases"
    on_good = [
        (f.check_id, f.child_id, f.detail)
        for r in report.cases
        if r.child_id in good
        for f in r.findings
    ]
    assert not on_good, f"findings on good-practice cases: {on_good[:5]}"
    assert all(r.grade == "good" for r in report.cases if r.child_id in good)
    # Nothing beyond the truth either, for the structural checks (definitions agree).
    extra = sorted(x for x in got - want if not x[0].startswith("LANG-"))
    assert not extra, Counter(x[0] for x in extra)


def test_every_seeded_victim_blaming_note_found(db_url: str, demo) -> None:  # type: ignore[no-untyped-def]
    data, truth = demo
    if "postgresql" in db_url:
        pytest.skip("language checks do not depend on the database; run once")
    got = found(audited(db_url, data))
    want = {
        (t["check"], t["child_id"], t["record_id"])
        for t in truth
        if t["check"] in ("LANG-VICTIM-BLAMING", "LANG-UNCHALLENGED")
    }
    assert want
    missed = sorted(want - got)
    assert not missed, (
        f"{len(missed)} of {len(want)} victim-blaming findings missed, e.g. {missed[:5]}"
    )


def test_audit_command_end_to_end(db_url: str, demo, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    data, truth = demo
    assert main(["import", "--db", db_url, str(data)]) == 0
    capsys.readouterr()
    html = tmp_path / "report.html"
    as_of = datetime.combine(end_date(SEED), time.min).isoformat()
    rc = main(
        [
            "audit",
            "--db",
            db_url,
            "--format",
            "json",
            "--html",
            str(html),
            "--as-of",
            as_of,
            "--jobs",
            "1",
        ]
    )
    assert rc == 1  # findings
    d = json.loads(capsys.readouterr().out)
    assert d["summary"]["cases"] == CHILDREN == len(d["cases"])
    assert html.read_text().startswith("<!doctype html>")
    teams = Counter(c["team"] for c in d["cases"])
    team = teams.most_common(1)[0][0]
    assert (
        main(
            [
                "audit",
                "--db",
                db_url,
                "--team",
                team,
                "--format",
                "json",
                "--quiet",
                "--as-of",
                as_of,
            ]
        )
        == 1
    )
    d = json.loads(capsys.readouterr().out)
    assert {c["team"] for c in d["cases"]} == {team} and d["filters"]["team"] == team
    since = end_date(SEED).replace(day=1).isoformat()  # the last month only
    assert (
        main(
            [
                "audit",
                "--db",
                db_url,
                "--since",
                since,
                "--format",
                "json",
                "--quiet",
                "--as-of",
                as_of,
            ]
        )
        == 1
    )
    d = json.loads(capsys.readouterr().out)
    assert 0 < len(d["cases"]) < CHILDREN and d["filters"]["since"] == since


def test_audit_command_refuses_bad_input(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["audit", "--db", f"sqlite:///{tmp_path / 'empty.db'}", "--quiet"]) == 2
    assert "import records first" in capsys.readouterr().err
    bad = tmp_path / "standards.yml"
    bad.write_text("case_grades: {}\nchecks: []\n")
    assert main(["audit", "--standards", str(bad), "--db", "sqlite:///x.db"]) == 2
    assert "standards.yml" in capsys.readouterr().err

"""A small demo set imports into SQLite, and the audit of the stored cases finds exactly the
structural defects the truth file lists."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("safeguard.store.load", reason="the importer has not landed")

from safeguard.cli import main  # noqa: E402
from safeguard.demo import write_demo  # noqa: E402
from safeguard.demo.generator import make_context  # noqa: E402

CHILDREN = 40
SEED = 11


def test_demo_set_imports_into_sqlite_and_audits_to_its_truth(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from safeguard.audit.runner import Auditor
    from safeguard.store.engine import open_store
    from safeguard.store.read import iter_cases

    out = tmp_path / "demo"
    write_demo(out, children=CHILDREN, seed=SEED, fmt="csv")
    # The answer key is not an exchange file: keep it out of the folder being imported.
    truth_path = shutil.move(out / "truth.jsonl", tmp_path / "truth.jsonl")
    truth = [json.loads(x) for x in Path(truth_path).read_text().splitlines()]
    url = f"sqlite:///{tmp_path / 'demo.db'}"

    assert main(["import", str(out), "--db", url]) == 0
    assert "Imported" in capsys.readouterr().out
    # Importing the same export again updates, never duplicates.
    assert main(["import", str(out), "--db", url]) == 0

    engine = open_store(url)
    auditor = Auditor(as_of=make_context(SEED).end)
    cases = list(iter_cases(engine))
    assert len(cases) == CHILDREN
    expected = {
        (t["check"], t["record_id"])
        for t in truth
        if t["check"] != "GOOD-PRACTICE" and not t["check"].startswith("LANG")
    }
    good = {t["child_id"] for t in truth if t["check"] == "GOOD-PRACTICE"}
    assert good
    found = set()
    for case in cases:
        findings = auditor.audit_case(case).findings
        if case.child.id in good:
            assert not findings, f"good-practice case {case.child.id}: {findings[0].detail}"
        found |= {(f.check_id, f.record_id) for f in findings if not f.check_id.startswith("LANG")}
    assert expected and found == expected
    engine.dispose()

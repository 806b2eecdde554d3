"""Stored results kept current: after a random sequence of imports, dismissals and standards
edits the stored results equal a fresh full audit; an unchanged re-import audits nothing."""

from __future__ import annotations

import csv
import json
import random
from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from safeguard.audit.runner import Auditor
from safeguard.cli import main
from safeguard.engine.results import (
    all_child_ids,
    current_results,
    default_as_of,
    dismissed_by_child,
    refresh_children,
    rules_fingerprint,
    stored_states,
)
from safeguard.standards import parse_standards
from safeguard.standards.catalogue import DEFAULT_PATH
from safeguard.store.engine import open_store
from safeguard.store.read import iter_cases

CHILDREN = 24


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "data"
    assert main(["demo-data", "--children", str(CHILDREN), "--seed", "5", "--out", str(out)]) == 0
    (out / "truth.jsonl").unlink(missing_ok=True)
    return out


def _fresh(engine, auditor: Auditor) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        dismissed = dismissed_by_child(conn)
    return {
        c.child.id: auditor.audit_case(c, dismissed.get(c.child.id, frozenset())).as_stored()
        for c in iter_cases(engine)
    }


def _stored(engine, auditor: Auditor) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    ids = all_child_ids(engine)
    # store=False: what is stored and current is read; nothing stale is written back, so a
    # wrong stored result cannot hide.
    return {r.child_id: r.as_stored() for r in current_results(engine, auditor, ids, store=False)}


def _update_folder(src: Path, dest: Path, rng: random.Random) -> set[str]:
    """A small update export: new notes for a few children, and one changed episode."""
    dest.mkdir()
    with (src / "notes.csv").open(newline="", encoding="utf-8") as fh:
        notes = list(csv.DictReader(fh))
    picked = rng.sample(notes, 4)
    rows = []
    for i, n in enumerate(picked):
        when = __import__("datetime").datetime.fromisoformat(n["written_at"]) + timedelta(hours=3)
        rows.append(
            {
                **n,
                "id": f"UPD-{rng.randrange(10**9)}-{i}",
                "written_at": when.isoformat(),
                "text": "She chose to go with them and put herself at risk again.",
                "challenges_note_id": "",
            }
        )
    with (dest / "notes.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(notes[0]))
        w.writeheader()
        w.writerows(rows)
    return {r["child_id"] for r in rows}


def test_incremental_equals_full_after_a_random_sequence(
    demo: Path, db_url: str, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    assert main(["import", str(demo), "--db", db_url]) == 0
    engine = open_store(db_url)
    assert "re-audited" in capsys.readouterr().out
    # An unchanged re-import audits nothing.
    assert main(["import", str(demo), "--db", db_url]) == 0
    assert f"0 children re-audited, {CHILDREN} unchanged" in capsys.readouterr().out

    rng = random.Random(7)
    std = yaml.safe_load(DEFAULT_PATH.read_text())
    for step in range(4):
        kind = ["import", "dismiss", "standards", "import"][step]
        if kind == "import":
            folder = tmp_path / f"update{step}"
            touched = _update_folder(demo, folder, rng)
            with engine.connect() as conn:
                before = stored_states(conn)
            assert main(["import", str(folder), "--db", db_url]) == 0
            with engine.connect() as conn:
                after = stored_states(conn)
            changed = {cid for cid in after if after[cid] != before.get(cid)}
            assert changed and changed <= touched  # only children whose records changed
        elif kind == "dismiss":
            auditor = Auditor(as_of=default_as_of(engine))
            flagged = [
                (r.child_id, f.evidence[0])
                for r in current_results(engine, auditor, all_child_ids(engine), store=False)
                for f in r.findings
                if f.check_id == "LANG-VICTIM-BLAMING"
            ]
            child_id, ev = rng.choice(flagged)
            with engine.begin() as conn:
                conn.exec_driver_sql(
                    'INSERT INTO web_challenge_decisions (note_id, child_id, rule, start, "end", '
                    "phrase, decision, reason, decided_by, decided_at, current) VALUES "
                    f"('{ev.note_id}', '{child_id}', '{ev.rule}', {ev.start}, {ev.end}, 'x', "
                    "'dismissed', 'describes the suspect', 'sgt', '2026-01-01 00:00:00', TRUE)"
                )
            done = refresh_children(engine, [child_id])
            assert done.audited == 1
        else:
            for c in std["checks"]:
                if c["id"] == "MIS-RHI-LATE":
                    c["parameters"]["hours"] = 48
            standards = parse_standards(std)
            old = Auditor(as_of=default_as_of(engine))
            new = Auditor(as_of=default_as_of(engine), standards=standards)
            assert rules_fingerprint(old) != rules_fingerprint(new)
            ids = all_child_ids(engine)
            assert list(current_results(engine, new, ids, store=False))  # all stale: re-audited
            assert _stored(engine, new) == _fresh(engine, new)
            continue
        auditor = Auditor(as_of=default_as_of(engine))
        assert _stored(engine, auditor) == _fresh(engine, auditor)
    engine.dispose()


def test_stored_results_stay_exact_as_the_clock_moves(demo: Path, tmp_path: Path) -> None:
    """A result is reused only until its next deadline; later it is re-audited, and either way
    the answer equals a fresh audit at that moment."""
    url = f"sqlite:///{tmp_path / 's.db'}"
    assert main(["import", str(demo), "--db", url]) == 0
    engine = open_store(url)
    start = default_as_of(engine)
    for hours in (0, 5, 30, 80, 24 * 10):
        auditor = Auditor(as_of=start + timedelta(hours=hours))
        assert _stored(engine, auditor) == _fresh(engine, auditor), hours
    engine.dispose()


def test_audit_reads_stored_results_and_fresh_agrees(demo: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'a.db'}"
    assert main(["import", str(demo), "--db", url]) == 0
    capsys.readouterr()
    main(["audit", "--db", url, "--format", "json", "--quiet"])
    stored = json.loads(capsys.readouterr().out)
    main(["audit", "--db", url, "--format", "json", "--quiet", "--fresh", "--jobs", "1"])
    fresh = json.loads(capsys.readouterr().out)
    stored.pop("generated_at")
    fresh.pop("generated_at")
    assert stored == fresh

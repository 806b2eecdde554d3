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
from sqlalchemy import select

from safeguard.audit.runner import Auditor
from safeguard.cli import main
from safeguard.engine import queue_counts
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
    # An unchanged re-import writes nothing and audits nothing (not even a fingerprint).
    with engine.connect() as conn:
        before = stored_states(conn)
    assert main(["import", str(demo), "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "Audit results updated: 0 children re-audited, 0 unchanged" in out
    assert "already held with the same details" in out and "have been updated" not in out
    with engine.connect() as conn:
        assert stored_states(conn) == before

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
            # Stored under the edited standards (other findings): the kept totals follow.
            assert len(list(current_results(engine, new, ids))) == len(ids)
            _assert_kept_totals(engine, rng)
            continue
        auditor = Auditor(as_of=default_as_of(engine))
        assert _stored(engine, auditor) == _fresh(engine, auditor)
        _assert_kept_totals(engine, rng)
    engine.dispose()


def _assert_kept_totals(engine, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    """The totals kept by every write equal the stored rows counted: the Now queue's, and the
    dashboard's children with a finding of each check, for any team and period start."""
    from sqlalchemy import distinct, func

    from safeguard.engine.models import CaseResultRow, FindingRow

    r, f = CaseResultRow, FindingRow
    with engine.connect() as conn:
        assert queue_counts.read(conn) == queue_counts.counted(conn)
        assert sum(queue_counts.read(conn)["finding"].values()) > 0
        assert queue_counts.check_counts(conn) == queue_counts.check_counts_counted(conn)
        teams = [None, *conn.execute(select(r.team).distinct()).scalars()]
        times = sorted(t for t in conn.execute(select(r.last_activity)).scalars() if t)
        # Period starts at a child's very last activity (that child counted), just after it
        # (not counted: the same day's other children still are), and at midnight.
        starts = [None]
        for t in rng.sample(times, 6):
            starts += [t, t + timedelta(seconds=1), t.replace(hour=0, minute=0, second=0)]
        for team in teams:
            for since in starts:
                chosen = select(r.child_id)
                if team is not None:
                    chosen = chosen.where(r.team == team)
                if since is not None:
                    chosen = chosen.where(r.last_activity >= since)
                counted = {
                    check: n
                    for check, n in conn.execute(
                        select(f.check_id, func.count(distinct(f.child_id)))
                        .where(f.child_id.in_(chosen.scalar_subquery()))
                        .group_by(f.check_id)
                    )
                }
                kept = queue_counts.children_by_check(conn, team=team, since=since)
                assert kept == counted, (team, since)


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


# --- the language cache ----------------------------------------------------------------------


def test_language_fingerprint_follows_every_language_file(tmp_path: Path) -> None:
    from safeguard.engine.language_cache import language_fingerprint, tree_fingerprint

    rules = tmp_path / "language" / "rules"
    rules.mkdir(parents=True)
    (rules / "choice.yml").write_text("rules: [a]\n", "utf-8")
    (tmp_path / "language" / "weights.json").write_text("[1, 2]", "utf-8")
    roots = [("safeguard.language", tmp_path / "language")]
    first = tree_fingerprint(roots)
    assert tree_fingerprint(roots) == first
    (rules / "choice.yml").write_text("rules: [a, b]\n", "utf-8")  # a rule edited
    second = tree_fingerprint(roots)
    assert second != first
    (tmp_path / "language" / "weights.json").write_text("[1, 3]", "utf-8")  # the model retrained
    assert tree_fingerprint(roots) not in (first, second)
    assert language_fingerprint("default") != language_fingerprint("thorough")


def test_language_cache_is_read_only_under_the_same_language_rules(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An audit takes a note's language hits from the cache (a planted hit shows up) while the
    language fingerprint is unchanged, and ignores the cache once it changes (the planted hit
    is gone, the result equals a fresh audit, and the cache is rewritten under the new
    fingerprint)."""
    import safeguard.engine.results as results
    from safeguard.engine.language_cache import (
        CachedHit,
        KeptTexts,
        encode,
        language_fingerprint,
        read_cache,
        text_key,
        write_cache,
    )
    from safeguard.engine.models import LanguageCacheRow

    url = f"sqlite:///{tmp_path / 'c.db'}"
    assert main(["import", str(demo), "--db", url]) == 0
    engine = open_store(url)
    fp = language_fingerprint("default")
    ids = all_child_ids(engine)
    with engine.connect() as conn:
        kept = read_cache(conn, ids, fp)
    assert set(kept) == set(ids)  # the import kept every child's hits
    auditor = Auditor(as_of=default_as_of(engine))
    fresh = _fresh(engine, auditor)

    # Plant a hit in one child's kept hits: every note of that child now "says" its first word.
    child = ids[0]
    case = next(c for c in iter_cases(engine) if c.child.id == child)
    note = next(n for n in case.all_notes() if not n.challenges_note_id and len(n.text) > 5)
    planted = dict(kept[child].language)
    planted[text_key(note.text)] = (
        CachedHit(0, 5, note.text[:5], "planted/rule", "choice", "planted", "", 1.0),
    )
    payload = encode(KeptTexts(planted, kept[child].indicators))
    with engine.begin() as conn:
        write_cache(conn, [(child, payload)], fp)

    def audited(store: bool) -> dict[str, dict]:  # type: ignore[type-arg]
        return {
            r.child_id: r.as_stored()
            for r in current_results(engine, auditor, ids, fresh=True, store=store, jobs=1)
        }

    with_plant = audited(store=False)
    assert "planted/rule" in json.dumps(with_plant[child])  # the cache is what was read
    assert {k: v for k, v in with_plant.items() if k != child} == {
        k: v for k, v in fresh.items() if k != child
    }

    # The language rules or model change: the kept hits are not read any more.
    monkeypatch.setattr(results, "language_fingerprint", lambda mode: "another-language-fp")
    assert audited(store=True) == fresh
    with engine.connect() as conn:
        fps = {row[0] for row in conn.execute(select(LanguageCacheRow.language_fp))}
    assert fps == {"another-language-fp"}  # rewritten under the new fingerprint
    engine.dispose()


def test_a_moved_episode_reaudits_its_old_and_new_child(demo: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    assert main(["import", str(demo), "--db", url]) == 0
    engine = open_store(url)
    with (demo / "missing_episodes.csv").open(newline="", encoding="utf-8") as fh:
        episodes = list(csv.DictReader(fh))
    with (demo / "notes.csv").open(newline="", encoding="utf-8") as fh:
        notes = list(csv.DictReader(fh))
    ep = episodes[0]
    old_child = ep["child_id"]
    new_child = next(e["child_id"] for e in episodes if e["child_id"] != old_child)
    # The episode was recorded against the wrong child: it and its notes move to another.
    moved_notes = [
        {**n, "child_id": new_child, "challenges_note_id": ""}
        for n in notes
        if n["record_type"] == "episode" and n["record_id"] == ep["id"]
    ]
    folder = tmp_path / "move"
    folder.mkdir()
    with (folder / "missing_episodes.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(episodes[0]))
        w.writeheader()
        w.writerow({**ep, "child_id": new_child})
    with (folder / "notes.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(notes[0]))
        w.writeheader()
        w.writerows(moved_notes)
    with engine.connect() as conn:
        before = stored_states(conn)
    assert main(["import", str(folder), "--db", url]) == 0
    with engine.connect() as conn:
        after = stored_states(conn)
    changed = {cid for cid in after if after[cid] != before.get(cid)}
    assert changed == {old_child, new_child}
    auditor = Auditor(as_of=default_as_of(engine))
    assert _stored(engine, auditor) == _fresh(engine, auditor)
    engine.dispose()


def test_a_change_in_another_process_wakes_a_listening_server(db_url: str, tmp_path: Path) -> None:
    """PostgreSQL: an import in another process wakes a web server's live thread through
    LISTEN/NOTIFY (its once-a-second fallback is turned off here: a minute between looks)."""
    import subprocess
    import sys
    import time

    from store_sample import write_sample

    from safeguard.records.clock import utc_now
    from safeguard.web.live import Live

    if not db_url.startswith("postgresql"):
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's (SQLite reads a change counter)")
    engine = open_store(db_url)
    live = Live(engine, utc_now, poll_s=60.0)
    probe = live._listen()
    assert probe is not None  # a real listening connection
    probe.close()
    live.start()
    try:
        deadline = time.monotonic() + 120
        while live._changes < 0 and time.monotonic() < deadline:  # the first look is done
            time.sleep(0.1)
        assert live._changes >= 0
        time.sleep(0.5)  # the thread is now waiting on the listening connection
        seen = live.version
        sample = write_sample(tmp_path / "in", n_children=2)
        subprocess.run(
            [sys.executable, "-m", "safeguard", "import", str(sample), "--db", db_url],
            check=True,
            capture_output=True,
        )
        woke = time.monotonic()
        while live.version == seen and time.monotonic() - woke < 45:
            time.sleep(0.1)
        assert live.version > seen, "the listener was not woken"
    finally:
        live.stop()
        engine.dispose()


def test_code_left_out_of_the_rules_fingerprint_exists() -> None:
    """Files that only read or store results are left out of the fingerprint; a renamed one
    must not silently stay listed (nor a new reader be assumed left out)."""
    from importlib import resources

    from safeguard.engine.results import _NOT_RULES

    for name in _NOT_RULES:
        package, file = name.split("/")
        assert resources.files(package).joinpath(file).is_file(), name


def test_result_rows_written_by_copy_read_back_as_by_insert(demo: Path, db_url: str) -> None:
    """The bulk writer (COPY on PostgreSQL) stores exactly what a plain INSERT stores: every
    column of every result table, times, flags, empty values and JSON lists included."""
    from sqlalchemy import delete, insert

    from safeguard.engine.models import CaseResultRow, FindingRow, ObligationRow, ThemeCountRow
    from safeguard.engine.rows import insert_rows

    assert main(["import", str(demo), "--db", db_url]) == 0
    engine = open_store(db_url)
    for model in (CaseResultRow, FindingRow, ObligationRow, ThemeCountRow):
        table = model.__table__  # type: ignore[attr-defined]
        cols = [c for c in table.c if c.name != "id"]  # (ids come from a sequence)

        def read(cols=cols):  # type: ignore[no-untyped-def]
            with engine.connect() as conn:
                rows = [dict(r._mapping) for r in conn.execute(select(*cols))]
            return sorted(rows, key=repr)  # (JSON has no order in SQL)

        held = read()
        assert held, table.name
        for write in (
            lambda conn, rows, model=model: insert_rows(conn, model, rows),
            lambda conn, rows, model=model: conn.execute(insert(model), rows),
        ):
            with engine.begin() as conn:
                conn.execute(delete(model))
                write(conn, held)
            assert read() == held, table.name
    engine.dispose()


def test_the_dashboard_totals_of_results_stored_before_them_are_counted_at_upgrade(
    demo: Path, db_url: str
) -> None:
    """Migration 0310 counts the results a store already holds into the dashboard's totals."""
    from alembic import command

    from safeguard.store.migrate import alembic_config, migrate

    assert main(["import", str(demo), "--db", db_url]) == 0
    engine = open_store(db_url)
    with engine.connect() as conn:
        kept = queue_counts.check_counts(conn)
        assert kept and kept == queue_counts.check_counts_counted(conn)
    for target in ("0300_queue_counts", "head"):  # the table dropped, then made and filled
        with engine.begin() as conn:
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            (command.downgrade if target != "head" else command.upgrade)(cfg, target)
    migrate(engine)
    with engine.connect() as conn:
        assert queue_counts.check_counts(conn) == kept
    engine.dispose()


def test_two_writers_of_one_childs_results_take_turns(db_url: str) -> None:
    """Two supervisors' decisions on one child at once each re-audit and store that child: the
    second waits for the first and replaces its rows (before, on PostgreSQL, it could not see
    the first one's new rows and failed on a duplicate key: an error page for the user)."""
    import threading
    import time

    from sqlalchemy import func
    from test_web_support import NOW, load_sample

    from safeguard.engine.models import CaseResultRow
    from safeguard.engine.results import _language_fp, _Plan, _run, rules_fingerprint

    load_sample(db_url)
    engine = open_store(db_url)
    auditor = Auditor(as_of=NOW)
    plan = _Plan(
        rules_fp=rules_fingerprint(auditor),
        reuse=False,
        store=True,
        want_results=False,
        language_fp=_language_fp(auditor),
    )

    def rows():  # type: ignore[no-untyped-def]
        [(_ids, done)] = list(_run(engine, auditor, plan, ["C-N1"], 1))
        return done.rows

    first, second = rows(), rows()
    errors: list[BaseException] = []

    def write_second() -> None:
        try:
            with engine.begin() as conn:
                second.write(conn, plan.language_fp)
        except BaseException as exc:  # noqa: BLE001 - the test reports it
            errors.append(exc)

    conn = engine.connect()
    tx = conn.begin()
    first.write(conn, plan.language_fp)  # not yet committed
    other = threading.Thread(target=write_second)
    other.start()
    time.sleep(0.5)
    if db_url.startswith("postgresql"):
        assert other.is_alive()  # it waits for the first writer
    tx.commit()
    conn.close()
    other.join(30)
    assert errors == []
    with engine.connect() as c:
        n = c.execute(
            select(func.count()).select_from(CaseResultRow).where(CaseResultRow.child_id == "C-N1")
        ).scalar()
    assert n == 1
    engine.dispose()

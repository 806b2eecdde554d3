"""Issue 11: the store never holds what it would refuse; every bad file gets a message.

Each test here is one defect found by trying the importer as an operator would; each failed
before the fix.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_sample import write_sample

from safeguard.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAFEGUARD = [sys.executable, "-m", "safeguard"]


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out + out.err


def _export(db_url: str, out: Path, fmt: str = "csv") -> Path:
    # the same folder is exported into again and again: files of the same name are replaced
    assert main(["export", str(out), "--db", db_url, "--format", fmt, "--overwrite"]) == 0
    return out


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def _store_files(db_url: str, out: Path) -> dict[str, bytes]:
    _export(db_url, out)
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


# --- updates that break held records -------------------------------------------------------


def test_later_date_of_birth_is_refused_naming_the_row_and_held_record(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write_sample(tmp_path / "in", n_children=2)
    assert main(["import", str(src), "--db", db_url]) == 0
    before = _store_files(db_url, tmp_path / "before")
    child = _rows(src / "children.csv")[0]
    child["date_of_birth"] = "2024-12-01"  # after the child's held episodes and notes
    _write_csv(tmp_path / "fix" / "children.csv", [child])
    code, out = _run(["import", str(tmp_path / "fix"), "--db", db_url], capsys)
    assert code == 2, out
    assert (
        "children.csv:2: field 'date_of_birth' = '2024-12-01': expected a date of birth on" in out
    )
    assert "already held for this child" in out
    assert _store_files(db_url, tmp_path / "after") == before  # nothing kept
    # The store still exports something its own import accepts.
    assert main(["import", str(tmp_path / "before"), "--db", f"sqlite:///{tmp_path / 'o.db'}"]) == 0


def test_episode_moved_to_another_child_with_notes_naming_the_old_child_is_refused(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write_sample(tmp_path / "in", n_children=2)
    assert main(["import", str(src), "--db", db_url]) == 0
    before = _store_files(db_url, tmp_path / "before")
    episodes = _rows(src / "missing_episodes.csv")
    ep = next(e for e in episodes if e["id"] == "E0")
    ep["child_id"] = "C0001"
    _write_csv(tmp_path / "fix" / "missing_episodes.csv", [ep])
    code, out = _run(["import", str(tmp_path / "fix"), "--db", db_url], capsys)
    assert code == 2, out
    assert "missing_episodes.csv:2: field 'child_id' = 'C0001': expected child C0000" in out
    assert _store_files(db_url, tmp_path / "after") == before
    # Moving the notes in the same import is accepted.
    notes = [n for n in _rows(src / "notes.csv") if n["record_id"] == "E0"]
    assert notes
    for n in notes:
        n["child_id"] = "C0001"
    _write_csv(tmp_path / "fix" / "notes.csv", notes)
    code, out = _run(["import", str(tmp_path / "fix"), "--db", db_url], capsys)
    assert code == 0, out


def test_impossible_sequences_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write_sample(tmp_path / "in", n_children=1)
    eps = _rows(src / "missing_episodes.csv")
    eps[0]["found_at"] = "2024-02-01T10:00:00"  # before it was reported (1 Mar)
    eps[0]["last_seen_at"] = "2024-03-05T10:00:00"  # after it was reported
    _write_csv(src / "missing_episodes.csv", eps)
    code, out = _run(["import", str(src), "--db", f"sqlite:///{tmp_path / 'x.db'}"], capsys)
    assert code == 2
    assert "field 'found_at' = '2024-02-01T10:00:00': expected a time on or after the report" in out
    assert "field 'last_seen_at' = '2024-03-05T10:00:00': expected a time on or before" in out


# --- clocks --------------------------------------------------------------------------------


def _one_child(tmp: Path, reported: list[str], extra: str = "") -> Path:
    folder = tmp
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "children.csv").write_text("id,date_of_birth\nC1,2010-01-01\n", "utf-8")
    lines = ["id,child_id,reported_at,reported_by"] + [
        f"E{i},C1,{r},parent" for i, r in enumerate(reported)
    ]
    (folder / "missing_episodes.csv").write_text("\n".join(lines) + "\n" + extra, "utf-8")
    return folder


def test_one_instant_is_stored_once_however_it_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    src = _one_child(
        tmp_path / "in",
        [
            "2025-07-01T14:00:00+01:00",
            "2025-07-01 14:00",
            "2025-07-01T13:00:00Z",
            "2025-02-01 13:00",
            "2025-02-01T13:00:00+00:00",
        ],
    )
    code, out = _run(["import", str(src), "--db", db], capsys)
    assert code == 0, out
    rows = {
        r["id"]: r["reported_at"]
        for r in _rows(_export(db, tmp_path / "out") / "missing_episodes.csv")
    }
    assert rows == {
        "E0": "2025-07-01T13:00:00+00:00",
        "E1": "2025-07-01T13:00:00+00:00",  # summer: UK local 14:00 is 13:00 UTC
        "E2": "2025-07-01T13:00:00+00:00",
        "E3": "2025-02-01T13:00:00+00:00",  # winter: UK local is UTC
        "E4": "2025-02-01T13:00:00+00:00",
    }


def test_clock_change_times_are_flagged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    gap = _one_child(tmp_path / "gap", ["2025-03-30 01:30"])
    code, out = _run(["import", str(gap), "--db", db], capsys)
    assert code == 2
    assert (
        "missing_episodes.csv:2: field 'reported_at' = '2025-03-30 01:30': expected a time that exists in UK local time"
        in out
    )
    twice = _one_child(tmp_path / "twice", ["2025-10-26 01:30"])
    code, out = _run(["import", str(twice), "--db", db], capsys)
    assert code == 0, out
    assert (
        "missing_episodes.csv:2: warning: field 'reported_at' = '2025-10-26 01:30': this UK local time happened twice"
        in out
    )
    rows = _rows(_export(db, tmp_path / "out") / "missing_episodes.csv")
    assert rows[0]["reported_at"] == "2025-10-26T00:30:00+00:00"  # the first, in summer time


def test_day_first_dates_need_saying_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    src = _one_child(tmp_path / "in", ["01/02/2025 13:00"])
    code, out = _run(["import", str(src), "--db", db], capsys)
    assert code == 2
    assert "field 'reported_at' = '01/02/2025 13:00'" in out and "--dayfirst" in out
    code, out = _run(["import", "--dayfirst", str(src), "--db", db], capsys)
    assert code == 0, out
    rows = _rows(_export(db, tmp_path / "out") / "missing_episodes.csv")
    assert rows[0]["reported_at"] == "2025-02-01T13:00:00+00:00"


@pytest.mark.parametrize("value", ["9999-12-31T23:00:00-05:00", "0001-01-01T00:30:00+01:00"])
def test_extreme_dates_with_offsets_get_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    src = _one_child(tmp_path / "in", [value])
    code, out = _run(["import", str(src), "--db", f"sqlite:///{tmp_path / 'x.db'}"], capsys)
    assert code == 2
    assert f"field 'reported_at' = '{value}': expected" in out


# --- lossless export -------------------------------------------------------------------------


def test_awkward_values_round_trip_exactly(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    children = [
        {"id": "C1", "date_of_birth": "2010-01-01", "vulnerabilities": ["a;b", "", " x", "[y]"]},
        {"id": "C2", "date_of_birth": "2010-01-01", "vulnerabilities": ["plain", "two"]},
    ]
    (src / "children.jsonl").write_text("".join(json.dumps(c) + "\n" for c in children), "utf-8")
    note = {
        "id": "N1",
        "record_type": "child",
        "record_id": "C1",
        "child_id": "C1",
        "author": "PC 1",
        "author_role": "PC",
        "written_at": "2024-01-01T10:00:00Z",
        "text": 'line one\rline two\r\nline three "quoted", and; more',
    }
    (src / "notes.jsonl").write_text(json.dumps(note) + "\n", "utf-8")
    assert main(["import", str(src), "--db", db_url]) == 0
    for fmt in ("csv", "jsonl"):
        out = _export(db_url, tmp_path / f"out-{fmt}", fmt)
        other = f"sqlite:///{tmp_path / f'{fmt}.db'}"
        code, text = _run(["import", str(out), "--db", other], capsys)
        assert code == 0, text
        again = _export(other, tmp_path / f"again-{fmt}", fmt)
        for p in out.iterdir():
            assert (again / p.name).read_bytes() == p.read_bytes(), p.name
    exported = (tmp_path / "out-jsonl" / "children.jsonl").read_text("utf-8")
    assert '["a;b","","x","[y]"]' in exported.replace(", ", ",")
    assert "line one\\rline two" in (tmp_path / "out-jsonl" / "notes.jsonl").read_text("utf-8")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bad \u0000 nul", "without NUL characters"),
        ("half \ud800 pair", "unpaired UTF-16 surrogate"),
    ],
)
def test_text_no_file_can_hold_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "children.jsonl").write_text(
        json.dumps({"id": "C1", "date_of_birth": "2010-01-01", "team": text}) + "\n", "utf-8"
    )
    code, out = _run(["import", str(src), "--db", f"sqlite:///{tmp_path / 'x.db'}"], capsys)
    assert code == 2
    assert "children.jsonl:1: field 'team'" in out and expected in out
    assert "Traceback" not in out


# --- ids (issue 12) ----------------------------------------------------------------------------


@pytest.mark.parametrize("ident", ["=SUM(2+5)", "C/1", "@cmd", "-1", "a b"])
def test_ids_are_letters_digits_and_few_marks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], ident: str
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "children.jsonl").write_text(
        json.dumps({"id": ident, "date_of_birth": "2010-01-01"}) + "\n", "utf-8"
    )
    code, out = _run(["import", str(src), "--db", f"sqlite:///{tmp_path / 'x.db'}"], capsys)
    assert code == 2
    assert f"children.jsonl:1: field 'id' = '{ident}': expected an id made of letters" in out


# --- files that used to end in a traceback or a hang ---------------------------------------------


def _children_file(src: Path, body: bytes, name: str = "children.jsonl") -> Path:
    src.mkdir(parents=True, exist_ok=True)
    (src / name).write_bytes(body)
    return src


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"[" * 100_000 + b"]" * 100_000 + b"\n", "without deeply nested brackets"),
        (
            b'{"id": "C1", "date_of_birth": "2010-01-01", "team": ' + b"9" * 5000 + b"}\n",
            "numbers of at most 4,300 digits",
        ),
    ],
)
def test_hostile_json_gets_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], body: bytes, expected: str
) -> None:
    src = _children_file(tmp_path / "in", body)
    code, out = _run(["import", str(src), "--db", f"sqlite:///{tmp_path / 'x.db'}"], capsys)
    assert code == 2
    assert "children.jsonl:1:" in out and expected in out


def test_links_to_nothing_and_loops_get_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "children.csv").symlink_to(tmp_path / "gone.csv")
    (src / "notes.csv").symlink_to(src / "notes.csv")
    code, out = _run(["import", str(src), "--db", f"sqlite:///{tmp_path / 'x.db'}"], capsys)
    assert code == 2, out
    assert (
        "children.csv: expected a readable file (this is a link to a file that does not exist)"
        in out
    )
    assert "notes.csv: expected a readable file (this link leads round in a loop of links)" in out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a Unix thing")
def test_a_named_pipe_is_refused_not_waited_on(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    os.mkfifo(src / "children.csv")
    code, out = _run(["import", str(src), "--db", db_url], capsys)  # hung forever before
    assert code == 2
    assert "children.csv: expected an ordinary file (this is a named pipe" in out


def test_spreadsheet_export_with_semicolons_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _children_file(
        tmp_path / "in", b"id;date_of_birth;team\nC1;2010-01-01;North\n", "children.csv"
    )
    code, out = _run(["import", "--check", str(src)], capsys)
    assert code == 2
    assert (
        "children.csv:1: expected columns separated by commas (this file separates them with ';'"
        in out
    )
    assert "unknown column" not in out and "known column name" not in out


def test_carriage_return_line_ends_get_plain_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _children_file(
        tmp_path / "in", b"id,date_of_birth\rC1,2010-01-01\rC2,2011-01-01\r", "children.csv"
    )
    code, out = _run(["import", "--check", str(src)], capsys)
    assert code == 2
    assert "children.csv:1: expected lines that end in the ordinary way" in out
    assert "newline=''" not in out


def test_full_temporary_folder_gets_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full to stand for a full disk")
    # The spool file the importer writes lands on a device that is always full.
    monkeypatch.setattr(tempfile, "TemporaryFile", lambda **_: open("/dev/full", "w+b"))  # noqa: SIM115
    src = write_sample(tmp_path / "in", n_children=3)
    code, out = _run(["import", str(src), "--db", f"sqlite:///{tmp_path / 'x.db'}"], capsys)
    assert code == 2
    assert "the disk is full" in out and "nothing was imported" in out


def test_disk_full_in_the_database_is_not_called_a_race() -> None:
    import sqlite3

    from safeguard.commands.import_cmd import _classify

    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA max_page_count=2")
    conn.execute("CREATE TABLE t (x TEXT)")
    with pytest.raises(sqlite3.OperationalError) as err:
        for _ in range(100):
            conn.execute("INSERT INTO t VALUES (?)", ("x" * 4000,))
    message = _classify(err.value)
    assert "ran out of disk space" in message and "same time" not in message


# --- exit codes, --check -------------------------------------------------------------------------


def test_a_closed_pipe_does_not_hide_a_failure(tmp_path: Path) -> None:
    src = write_sample(tmp_path / "in", n_children=30)
    rows = _rows(src / "children.csv")
    for r in rows:
        r["date_of_birth"] = "not a date"
    _write_csv(src / "children.csv", rows)
    # `true` exits at once without reading, so the import's first write meets a closed pipe
    # (as `| head -1` does once head has its line).
    cmd = " ".join(SAFEGUARD) + f" import {src} --db sqlite:///{tmp_path / 'x.db'} | true"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr


def test_check_imports_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "x.db"
    src = write_sample(tmp_path / "in", n_children=2)
    code, out = _run(["import", "--check", str(src), "--db", f"sqlite:///{db}"], capsys)
    assert code == 0, out
    assert "Nothing was imported (--check)" in out
    assert not db.exists()


# --- one consistent snapshot -------------------------------------------------------------------


def test_an_audit_during_an_import_sees_one_state(db_url: str, tmp_path: Path) -> None:
    from safeguard.store.engine import open_store
    from safeguard.store.read import iter_cases

    src = write_sample(tmp_path / "in", n_children=6)
    assert main(["import", str(src), "--db", db_url]) == 0
    engine = open_store(db_url)
    cases = iter_cases(engine, chunk_size=2)  # read in chunks, as the audit does
    first = next(cases)
    # An import commits between two chunks: every team changes.
    rows = _rows(src / "children.csv")
    for r in rows:
        r["team"] = "Renamed"
    _write_csv(tmp_path / "new" / "children.csv", rows)
    assert main(["import", str(tmp_path / "new"), "--db", db_url]) == 0
    teams = [first.child.team] + [c.child.team for c in cases]
    assert len(teams) == 6
    assert "Renamed" not in teams, teams  # the whole audit saw the state it started with
    assert [c.child.team for c in iter_cases(engine)] == ["Renamed"] * 6
    engine.dispose()


# --- property: export then import gives the same store --------------------------------------

_texts = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
)
_ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,10}", fullmatch=True)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.lists(
        st.tuples(_ids, st.lists(_texts, max_size=4), _texts, st.datetimes()),
        min_size=1,
        max_size=5,
        unique_by=lambda t: t[0],
    ),
    fmt=st.sampled_from(["csv", "jsonl"]),
)
def test_export_then_import_gives_identical_content(
    tmp_path_factory: pytest.TempPathFactory, data: list, fmt: str
) -> None:
    from datetime import datetime as dt

    tmp = tmp_path_factory.mktemp("prop")
    src = tmp / "in"
    src.mkdir()
    children, notes = [], []
    for i, (cid, vulns, text, when) in enumerate(data):
        children.append({"id": cid, "date_of_birth": "1990-01-01", "vulnerabilities": vulns})
        written = min(max(when, dt(1990, 1, 2)), dt(2024, 1, 1)).replace(microsecond=0)
        notes.append(
            {
                "id": f"N{i}",
                "record_type": "child",
                "record_id": cid,
                "child_id": cid,
                "author": "PC 1",
                "author_role": "PC",
                "written_at": written.isoformat() + "+00:00",
                "text": text if text.strip() else "x",  # blank text is refused
            }
        )
    (src / "children.jsonl").write_text("".join(json.dumps(c) + "\n" for c in children), "utf-8")
    (src / "notes.jsonl").write_text("".join(json.dumps(n) + "\n" for n in notes), "utf-8")
    first = f"sqlite:///{tmp / 'a.db'}"
    assert main(["import", str(src), "--db", first]) == 0
    out = _export(first, tmp / "out", fmt)
    # The store passes the validation it applies to incoming files ...
    second = f"sqlite:///{tmp / 'b.db'}"
    assert main(["import", str(out), "--db", second]) == 0
    # ... and holds exactly the same content after the round trip.
    again = _export(second, tmp / "again", fmt)
    for p in out.iterdir():
        assert (again / p.name).read_bytes() == p.read_bytes(), p.name


def test_two_first_imports_racing_on_a_fresh_store_both_succeed(
    db_url: str, tmp_path: Path
) -> None:
    src = write_sample(tmp_path / "in", n_children=20)
    cmd = [*SAFEGUARD, "import", str(src), "--db", db_url]
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        for _ in range(2)
    ]
    results = [p.communicate(timeout=300) + (p.returncode,) for p in procs]
    for _out, err, code in results:
        assert "Traceback" not in err, err
        assert code == 0, err
    outs = sorted(r[0] for r in results)
    assert "already held" not in outs[0] or "already held" not in outs[1]  # one added, one updated
    assert all("-" not in line.split()[0] for r in results for line in r[0].splitlines() if line)


# --- fault suite: kill -9 at random points ---------------------------------------------------


def _content_hash(db_url: str, out: Path) -> str:
    import hashlib

    if out.exists():
        import shutil

        shutil.rmtree(out)
    _export(db_url, out)
    digest = hashlib.sha256()
    for p in sorted(out.iterdir()):
        digest.update(p.name.encode() + b"\0" + p.read_bytes())
    return digest.hexdigest()


@pytest.mark.skipif(not hasattr(os, "kill"), reason="needs kill -9")
def test_kill_minus_nine_at_random_points_is_all_or_nothing(db_url: str, tmp_path: Path) -> None:
    import random
    import signal
    import time

    first = write_sample(tmp_path / "a", n_children=5)
    second = write_sample(tmp_path / "b", n_children=70)  # sample ages stay valid
    rows = _rows(second / "children.csv")
    for r in rows:
        r["team"] = "After"
    _write_csv(second / "children.csv", rows)
    assert main(["import", str(first), "--db", db_url]) == 0
    before = _content_hash(db_url, tmp_path / "h")
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    assert main(["import", str(first), "--db", reference]) == 0
    assert main(["import", str(second), "--db", reference]) == 0
    after = _content_hash(reference, tmp_path / "h")
    assert before != after
    rng = random.Random(11)
    seen = set()
    for _ in range(4):
        proc = subprocess.Popen(
            [*SAFEGUARD, "import", str(second), "--db", db_url],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=ROOT,
        )
        time.sleep(rng.uniform(0.5, 5.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        state = _content_hash(db_url, tmp_path / "h")
        assert state in (before, after)  # never half an import
        seen.add(state)
    # The store is not left locked: a later import completes.
    assert main(["import", str(second), "--db", db_url]) == 0
    assert _content_hash(db_url, tmp_path / "h") == after

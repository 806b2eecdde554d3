"""An import checks again only the rows that differ from what it last read (source_hash).

A row held exactly as it is read now is counted, not checked through the models, not
written and not re-audited; any other row is checked in full, and its problems are named by
file, row and field as before. A store whose rows have no source hash (imported before it
existed) or one computed by other checking code re-imports correctly, checking each row once.
"""

from __future__ import annotations

import csv
import filecmp
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from safeguard.cli import main
from safeguard.engine.results import stored_states
from safeguard.records import validate as validate_module
from safeguard.records.validate import validate
from safeguard.store import unchanged
from safeguard.store.engine import open_store
from safeguard.store.load import load
from safeguard.store.models import TABLES
from safeguard.store.unchanged import StoreChanged

CHILDREN = 6


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "data"
    assert main(["demo-data", "--children", str(CHILDREN), "--seed", "11", "--out", str(out)]) == 0
    (out / "truth.jsonl").unlink(missing_ok=True)
    return out


def _rows_in(folder: Path) -> int:
    total = 0
    for f in folder.glob("*.csv"):
        with f.open(newline="", encoding="utf-8") as fh:
            total += sum(1 for _ in csv.DictReader(fh))
    return total


def _check(folder: Path, db_url: str) -> Any:
    """Pass 1 as a real import runs it (rows held unchanged are skipped)."""
    engine = open_store(db_url)
    try:
        result = validate(folder, "auto", engine, skip_unchanged=True)
        result.close()
        return result
    finally:
        engine.dispose()


def _edit(folder: Path, name: str, row: int, **cells: str) -> dict[str, str]:
    """Set cells of data row ``row`` (0 = the first after the header); returns the row."""
    path = folder / name
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    rows[row].update(cells)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)
    return rows[row]


def _export(db_url: str, out: Path) -> Path:
    assert main(["export", str(out), "--db", db_url]) == 0
    return out


def _same_tree(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir())
    if names != sorted(p.name for p in b.iterdir()):
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    return not mismatch and not errors


def _count_parse_row(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the rows validated through the models (the real function still runs)."""
    calls = [0]
    real = validate_module.parse_row

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(validate_module, "parse_row", counting)
    return calls


def test_an_unchanged_reimport_checks_no_row(
    demo: Path, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    total = _rows_in(demo)
    calls = _count_parse_row(monkeypatch)
    assert main(["import", str(demo), "--db", db_url]) == 0
    assert calls[0] == total  # a first import checks every row
    first = capsys.readouterr().out
    engine = open_store(db_url)
    with engine.connect() as conn:
        before = stored_states(conn)

    calls[0] = 0
    assert main(["import", str(demo), "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert calls[0] == 0  # no row validated again
    # The output keeps its shape: every record counted, none written, none re-audited.
    assert out.splitlines()[0] == first.splitlines()[0]
    assert f"{total:,} of these were already held with the same details" in out
    assert "have been updated" not in out
    assert "Audit results updated: 0 children re-audited, 0 unchanged (no child's records changed" in out
    with engine.connect() as conn:
        assert stored_states(conn) == before
    engine.dispose()

    result = _check(demo, db_url)
    assert (result.checked, result.unchanged, result.ok) == (0, total, True)
    assert sum(result.counts.values()) == total

    # --check still reads and checks every row (it is the check of the files).
    calls[0] = 0
    assert main(["import", str(demo), "--db", db_url, "--check"]) == 0
    assert calls[0] == total


def test_a_changed_row_with_a_bad_value_is_named_by_file_row_and_field(
    demo: Path, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(demo), "--db", db_url]) == 0
    held = _export(db_url, tmp_path / "held")
    folder = tmp_path / "next"
    shutil.copytree(demo, folder)
    _edit(folder, "notes.csv", 2, written_at="the day after")
    _edit(folder, "missing_episodes.csv", 0, reported_by="")
    capsys.readouterr()
    assert main(["import", str(folder), "--db", db_url]) == 2
    out = capsys.readouterr().out
    # data row 2 is line 4 of the file (header, then rows 0 and 1); row 0 is line 2
    assert "notes.csv:4: field 'written_at' = 'the day after': expected" in out
    assert "missing_episodes.csv:2: field 'reported_by'" in out
    assert len([line for line in out.splitlines() if "field" in line]) == 2
    # nothing was written
    assert _same_tree(held, _export(db_url, tmp_path / "after"))

    result = _check(folder, db_url)
    assert result.checked == 2 and result.problem_count == 2


def test_a_row_written_differently_is_checked_once_and_not_rewritten(
    demo: Path, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(demo), "--db", db_url]) == 0
    held = _export(db_url, tmp_path / "held")
    engine = open_store(db_url)
    with engine.connect() as conn:
        before = stored_states(conn)
    folder = tmp_path / "next"
    shutil.copytree(demo, folder)
    note = _edit(folder, "notes.csv", 1)
    when = note["written_at"]  # 2024-11-24T17:28:00+00:00: the same instant written otherwise
    assert when.endswith("+00:00")
    _edit(folder, "notes.csv", 1, written_at=when.replace("T", " ").replace("+00:00", "Z"))
    _edit(folder, "notes.csv", 3, author=f"  {_edit(folder, 'notes.csv', 3)['author']}  ")
    child = _edit(folder, "children.csv", 0)
    _edit(folder, "children.csv", 0, in_care=child["in_care"].upper())  # TRUE for true
    capsys.readouterr()

    assert main(["import", str(folder), "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "have been updated" not in out
    assert "Audit results updated: 0 children re-audited, 0 unchanged (no child's records changed" in out
    assert _same_tree(held, _export(db_url, tmp_path / "after"))
    with engine.connect() as conn:
        assert stored_states(conn) == before
        # only the three rows' source hashes changed; the next import skips them too
    engine.dispose()
    result = _check(folder, db_url)
    assert (result.checked, result.ok) == (0, True)

    # A real change in the same rows is still seen, written and re-audited.
    _edit(folder, "notes.csv", 1, text="Seen by her social worker; she is safe at home.")
    assert main(["import", str(folder), "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "1 of these were already held and have been updated" in out
    assert "Audit results updated: 1 children re-audited" in out


@pytest.mark.parametrize("old", ["none", "other checking code"])
def test_a_store_with_old_source_hashes_reimports_correctly(
    demo: Path, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str
) -> None:
    assert main(["import", str(demo), "--db", db_url]) == 0
    held = _export(db_url, tmp_path / "held")
    engine = open_store(db_url)
    # As a store imported before source hashes existed (the migration adds the column
    # empty), or by a release whose checking code differed (other hashes).
    value = "NULL" if old == "none" else "'0123456789abcdef'"
    with engine.begin() as conn:
        for cls in TABLES.values():
            conn.execute(text(f"UPDATE {cls.__tablename__} SET source_hash = {value}"))
    with engine.connect() as conn:
        before = stored_states(conn)
    capsys.readouterr()
    total = _rows_in(demo)

    result = _check(demo, db_url)
    assert (result.checked, result.unchanged) == (total, 0)  # every row checked once more
    assert main(["import", str(demo), "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert f"{total:,} of these were already held with the same details" in out
    assert "Audit results updated: 0 children re-audited, 0 unchanged (no child's records changed" in out
    assert _same_tree(held, _export(db_url, tmp_path / "after"))
    with engine.connect() as conn:
        assert stored_states(conn) == before
    engine.dispose()
    result = _check(demo, db_url)
    assert (result.checked, result.unchanged) == (0, total)  # their hashes are now recorded


def test_a_change_to_the_checking_code_checks_every_row_again(
    demo: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["import", str(demo), "--db", db_url]) == 0
    monkeypatch.setattr(unchanged, "checking_fingerprint", lambda: "a new rule")
    result = _check(demo, db_url)
    assert (result.checked, result.unchanged) == (_rows_in(demo), 0)


def test_a_repeated_id_is_a_problem_even_when_the_row_is_unchanged(
    demo: Path, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(demo), "--db", db_url]) == 0
    folder = tmp_path / "next"
    shutil.copytree(demo, folder)
    path = folder / "children.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    # the first child again, unchanged, as the last row; and the second again, changed,
    # before its unchanged row
    changed = lines[2].replace(",", ", ", 1)
    path.write_text("".join([lines[0], lines[1], changed, *lines[2:], lines[1]]), "utf-8")
    capsys.readouterr()
    assert main(["import", str(folder), "--db", db_url]) == 2
    out = capsys.readouterr().out
    first_id, second_id = lines[1].split(",")[0], lines[2].split(",")[0]
    n = len(lines) + 2
    assert f"children.csv:{n}: field 'id' = '{first_id}': expected an id used by only one" in out
    assert f"children.csv:4: field 'id' = '{second_id}': expected an id used by only one" in out


def test_moving_an_episode_away_from_its_unchanged_notes_is_refused(
    demo: Path, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(demo), "--db", db_url]) == 0
    held = _export(db_url, tmp_path / "held")
    with (demo / "notes.csv").open(newline="", encoding="utf-8") as fh:
        notes = [r for r in csv.DictReader(fh) if r["record_type"] == "episode"]
    episode, owner = notes[0]["record_id"], notes[0]["child_id"]
    with (demo / "children.csv").open(newline="", encoding="utf-8") as fh:
        # the oldest other child, so that no date is before its birth
        other = min(
            (r for r in csv.DictReader(fh) if r["id"] != owner), key=lambda r: r["date_of_birth"]
        )["id"]
    folder = tmp_path / "next"
    shutil.copytree(demo, folder)
    with (folder / "missing_episodes.csv").open(newline="", encoding="utf-8") as fh:
        at = [r["id"] for r in csv.DictReader(fh)].index(episode)
    _edit(folder, "missing_episodes.csv", at, child_id=other)
    capsys.readouterr()
    assert main(["import", str(folder), "--db", db_url]) == 2
    out = capsys.readouterr().out
    assert f"missing_episodes.csv:{at + 2}: field 'child_id' = '{other}'" in out
    assert f"child {owner}, the child named by note" in out
    assert _same_tree(held, _export(db_url, tmp_path / "after"))


def _two_edited_copies(demo: Path, tmp_path: Path) -> tuple[str, Path, Path]:
    """A SQLite store holding the demo, and two copies of the demo, each with one note edited
    (another note in each)."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    assert main(["import", str(demo), "--db", url]) == 0
    folder, other = tmp_path / "next", tmp_path / "other"
    shutil.copytree(demo, folder)
    _edit(folder, "notes.csv", 0, text="Returned home; no concerns raised by her mother.")
    shutil.copytree(demo, other)
    _edit(other, "notes.csv", 5, text="Found at a friend's address by PC 12.")
    return url, folder, other


def test_another_import_between_check_and_load_is_refused(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # SQLite checks before taking the write lock (PostgreSQL holds it from the start).
    url, folder, other = _two_edited_copies(demo, tmp_path)
    engine = open_store(url)
    result = validate(folder, "auto", engine, skip_unchanged=True)
    try:
        assert result.unchanged and result.generation is not None
        assert main(["import", str(other), "--db", url]) == 0  # writes meanwhile
        assert result.spool is not None
        with pytest.raises(StoreChanged):
            load(engine, result.spool.batches(), source=folder, generation=result.generation)
    finally:
        result.close()
        engine.dispose()
    # Run again, the import goes through.
    assert main(["import", str(folder), "--db", url]) == 0
    assert "2 of these were already held and have been updated" in capsys.readouterr().out


def test_an_import_overtaken_between_check_and_load_checks_again(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two imports at once on SQLite: the one overtaken checks again and loads (no refusal)."""
    url, folder, other = _two_edited_copies(demo, tmp_path)
    real_validate = validate_module.validate
    checks: list[int] = []

    def overtaken(*args: Any, **kwargs: Any) -> Any:
        result = real_validate(*args, **kwargs)
        checks.append(1)
        if len(checks) == 1:  # the other import writes between this check and its load
            engine = open_store(url)
            try:
                other_result = real_validate(other, "auto", engine, skip_unchanged=True)
                try:
                    assert other_result.spool is not None
                    load(
                        engine,
                        other_result.spool.batches(),
                        source=other,
                        generation=other_result.generation,
                    )
                finally:
                    other_result.close()
            finally:
                engine.dispose()
        return result

    monkeypatch.setattr(validate_module, "validate", overtaken)
    capsys.readouterr()
    assert main(["import", str(folder), "--db", url]) == 0
    captured = capsys.readouterr()
    assert len(checks) == 2
    assert "checking again" in captured.err
    # Its own edit, and the other import's edit put back as this folder holds it: the check
    # run again compared every row with what the other import wrote.
    assert "2 of these were already held and have been updated" in captured.out
    with open_store(url).connect() as conn:
        texts = {r[0] for r in conn.execute(text("SELECT text FROM notes"))}
    assert "Returned home; no concerns raised by her mother." in texts
    assert "Found at a friend's address by PC 12." not in texts


def test_ids_that_cannot_be_held_are_checked_and_refused(
    demo: Path, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ids a database cannot even be asked about (NUL, a lone surrogate, a control
    character) are not looked up: their rows are checked, and refused with the usual words."""
    assert main(["import", str(demo), "--db", db_url]) == 0
    with (demo / "notes.csv").open(newline="", encoding="utf-8") as fh:
        note = next(csv.DictReader(fh))
    folder = tmp_path / "update"
    folder.mkdir()
    bad = [f"{note['id']}\u0000", f"{note['id']}\u001f", f"\ud800{note['id']}"]
    lines = [json.dumps({**note, "id": ident}) for ident in bad]
    (folder / "notes.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(folder), "--db", db_url]) == 2
    out = capsys.readouterr().out
    for row in (1, 2, 3):
        assert f"notes.jsonl:{row}: field 'id'" in out

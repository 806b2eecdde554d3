"""`safeguard import` and `safeguard export`: all-or-nothing, idempotent, lossless."""

from __future__ import annotations

import filecmp
import json
from pathlib import Path

import pytest
from store_sample import write_sample

from safeguard.cli import main


def _export(db_url: str, out: Path, fmt: str = "csv") -> Path:
    assert main(["export", str(out), "--db", db_url, "--format", fmt]) == 0
    return out


def _same_tree(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir())
    if names != sorted(p.name for p in b.iterdir()):
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    return not mismatch and not errors


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_round_trip_is_lossless(db_url: str, tmp_path: Path, fmt: str) -> None:
    src = write_sample(tmp_path / "in", fmt)
    assert main(["import", str(src), "--db", db_url]) == 0
    first = _export(db_url, tmp_path / "out1", fmt)
    assert _same_tree(src, first)  # the sample fills every field, so even this matches
    second_db = db_url  # re-import the export into the same store, then export again
    assert main(["import", str(first), "--db", second_db, "--format", fmt]) == 0
    second = _export(second_db, tmp_path / "out2", fmt)
    assert _same_tree(first, second)


def test_round_trip_into_a_fresh_store(db_url: str, tmp_path: Path) -> None:
    src = write_sample(tmp_path / "in", "jsonl")
    assert main(["import", str(src), "--db", db_url]) == 0
    first = _export(db_url, tmp_path / "out1", "csv")
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert main(["import", str(first), "--db", other]) == 0
    assert _same_tree(first, _export(other, tmp_path / "out2", "csv"))


def test_reimport_updates_and_never_duplicates(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write_sample(tmp_path / "in", n_children=2)
    assert main(["import", str(src), "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "Imported 2 children, 2 missing episodes" in out and "8 notes" in out
    assert "already held" not in out
    # Change one note's text and import again: it is updated in place.
    notes = src / "notes.csv"
    notes.write_text(
        notes.read_text(encoding="utf-8").replace("Note 0 for", "Note zero for"), "utf-8"
    )
    assert main(["import", str(src), "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "2 of these were already held and have been updated" in out
    assert "34 of these were already held with the same details" in out
    exported = _export(db_url, tmp_path / "out")
    text = (exported / "notes.csv").read_text(encoding="utf-8")
    assert text.count("Note zero for") == 2 and "Note 0 for" not in text
    assert len((exported / "children.csv").read_text().splitlines()) == 3  # header + 2


def test_failed_import_changes_nothing_and_lists_every_problem(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write_sample(tmp_path / "good", n_children=2)
    assert main(["import", str(good), "--db", db_url]) == 0
    before = _export(db_url, tmp_path / "before")
    bad = write_sample(tmp_path / "bad", n_children=4)
    ch = bad / "children.csv"
    ch.write_text(ch.read_text().replace("2009-03-03", "2009-02-30"), "utf-8")
    ep = bad / "missing_episodes.csv"
    ep.write_text(ep.read_text().replace("missing_from_care", "absent", 1), "utf-8")
    capsys.readouterr()
    assert main(["import", str(bad), "--db", db_url]) == 2
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert (
        "children.csv:4: field 'date_of_birth' = '2009-02-30': expected a date like 2024-03-01"
        in lines
    )
    assert any(
        line.startswith(
            "missing_episodes.csv:2: field 'status' = 'absent': expected one of: missing,"
        )
        for line in lines
    )
    assert "Nothing was imported" in captured.err
    assert _same_tree(before, _export(db_url, tmp_path / "after"))


def test_problem_printout_is_capped_with_a_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    rows = "".join(f"C{i},not-a-date\n" for i in range(250))
    (src / "children.csv").write_text("id,date_of_birth\n" + rows, "utf-8")
    assert main(["import", str(src), "--db", f"sqlite:///{tmp_path / 'x.db'}"]) == 2
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 201 and out[-1] == "... and 50 more problems."


def test_file_level_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_sample(tmp_path / "in", n_children=1)
    (src / "suspect_list.csv").write_text("id\n", "utf-8")
    (src / "children.jsonl").write_text("", "utf-8")
    ra = src / "risk_assessments.csv"
    ra.write_text(ra.read_text().replace("graded_by", "graded_by_officer"), "utf-8")
    (src / "referrals.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert main(["import", str(src), "--db", f"sqlite:///{tmp_path / 'x.db'}"]) == 2
    out = capsys.readouterr().out
    assert "suspect_list.csv: expected a file named <entity>.csv or <entity>.jsonl" in out
    assert "children.jsonl: expected one file per entity, but children.csv is there too" in out
    assert "risk_assessments.csv:1: 'graded_by_officer': expected a known column name" in out
    assert (
        "risk_assessments.csv:1: field 'graded_by' = '': expected this column, which is required"
        in out
    )
    assert "referrals.csv:1: expected a text file, but this looks like a binary file" in out


def test_references_may_point_into_the_database(db_url: str, tmp_path: Path) -> None:
    src = write_sample(tmp_path / "in", n_children=1)
    assert main(["import", str(src), "--db", db_url]) == 0
    later = tmp_path / "later"
    later.mkdir()
    note = {
        "id": "N-new",
        "record_type": "episode",
        "record_id": "E0",
        "child_id": "C0000",
        "author": "DS 9",
        "author_role": "supervisor",
        "written_at": "2024-03-05T10:00:00+01:00",
        "text": "Please do not describe her as 'putting herself at risk'.",
        "challenges_note_id": "N0-1",
    }
    (later / "notes.jsonl").write_text(json.dumps(note) + "\n", "utf-8")
    assert main(["import", str(later), "--db", db_url]) == 0
    text = (_export(db_url, tmp_path / "out") / "notes.csv").read_text("utf-8")
    assert (
        "N-new,episode,E0,C0000,DS 9,supervisor,2024-03-05T09:00:00+00:00," in text
    )  # UTC, with its offset


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(tmp_path / "nowhere")]) == 2
    assert "does not exist" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["import", str(tmp_path / "empty"), "--db", f"sqlite:///{tmp_path / 'x.db'}"]) == 2
    assert "holds no records" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "empty"), "--db", "nonsense://x"]) == 2
    assert "not a database address" in capsys.readouterr().err


def test_jsonl_problems_are_located_by_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write_sample(tmp_path / "in", "jsonl", n_children=2)
    children = (src / "children.jsonl").read_text("utf-8").splitlines()
    first = json.loads(children[0])
    first["in_care"] = "sometimes"
    first["date_of_birth"] = 20090101
    first["nickname"] = "x"
    children[0] = json.dumps(first)
    (src / "children.jsonl").write_text("\n".join(children) + "\n", "utf-8")
    notes = (src / "notes.jsonl").read_text("utf-8")
    (src / "notes.jsonl").write_text(notes[:-25], "utf-8")  # cut off inside the last note
    eps = [json.loads(x) for x in (src / "missing_episodes.jsonl").read_text("utf-8").splitlines()]
    eps[1]["child_id"] = 17
    (src / "missing_episodes.jsonl").write_text("".join(json.dumps(e) + "\n" for e in eps), "utf-8")
    assert main(["import", str(src), "--db", f"sqlite:///{tmp_path / 'x.db'}"]) == 2
    out = capsys.readouterr().out
    assert "children.jsonl:1: field 'in_care' = 'sometimes': expected true or false" in out
    assert (
        "children.jsonl:1: field 'date_of_birth' = '20090101': expected a date like 2024-03-01"
        in out
    )
    assert "children.jsonl:1: field 'nickname' = 'x': expected no such field" in out
    assert "missing_episodes.jsonl:2: field 'child_id' = '17': expected text" in out
    assert "notes.jsonl:8: " in out and "(the file seems cut off here)" in out


def test_note_must_sit_on_a_record_of_its_own_child(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write_sample(tmp_path / "in", n_children=2)
    notes = src / "notes.csv"
    text = notes.read_text("utf-8")
    text = text.replace("N1-1,episode,E1,C0001", "N1-1,episode,E0,C0001")
    text = text.replace("N1-0,child,C0001,C0001", "N1-0,child,C0000,C0001")
    notes.write_text(text, "utf-8")
    assert main(["import", str(src), "--db", f"sqlite:///{tmp_path / 'x.db'}"]) == 2
    out = capsys.readouterr().out
    assert "field 'record_id' = 'E0': expected a missing episode of the note's child (C0001)" in out
    assert "field 'record_id' = 'C0000': expected the same id as the note's child_id (C0001)" in out


def test_failed_first_import_leaves_an_empty_store(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write_sample(tmp_path / "in", n_children=3)
    notes = src / "notes.csv"
    notes.write_text(notes.read_text("utf-8").replace(",N2-2\n", ",N9-9\n"), "utf-8")
    assert main(["import", str(src), "--db", db_url]) == 2
    assert (
        "field 'challenges_note_id' = 'N9-9': expected the id of a note" in capsys.readouterr().out
    )
    out = _export(db_url, tmp_path / "out")
    assert all(len(p.read_text().splitlines()) == 1 for p in out.iterdir())  # headers only


def test_an_import_into_a_folder_that_does_not_exist_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mistyped --db makes no folders (nor a store of children's records in them)."""
    src = write_sample(tmp_path / "in", n_children=2)
    assert main(["import", str(src), "--db", str(tmp_path / "typo" / "x.db")]) == 2
    assert "the folder" in capsys.readouterr().err and not (tmp_path / "typo").exists()


def test_spreadsheet_style_csv_is_accepted(tmp_path: Path) -> None:
    """A byte-order mark, CRLF line ends, columns in another order, TRUE, spaces after ';'."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "children.csv").write_bytes(
        b"\xef\xbb\xbfvulnerabilities,id,in_care,date_of_birth\r\n"
        b"autism; self-harm,C1,TRUE,2010-01-01\r\n,C2,,2011-02-02\r\n"
    )
    db = f"sqlite:///{tmp_path / 'x.db'}"
    assert main(["import", str(src), "--db", db]) == 0
    lines = (_export(db, tmp_path / "out") / "children.csv").read_text("utf-8").splitlines()
    assert lines[1:] == [
        "C1,2010-01-01,,true,,autism;self-harm,,,",
        "C2,2011-02-02,,false,,,,,",
    ]


def test_record_additions_are_optional_and_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Today's exports (without the added fields) still import; a wrong added value is named."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "children.csv").write_text("id,date_of_birth\nC1,2010-01-01\n", "utf-8")
    (src / "missing_episodes.csv").write_text(
        "id,child_id,reported_at,reported_by\nE1,C1,2025-01-01T10:00,parent\n", "utf-8"
    )
    (src / "episode_actions.csv").write_text(
        "id,episode_id,action_type,at,officer,ended_at\n"
        "A1,E1,search,2025-01-01T11:00,PC 1,2025-01-01T10:30\n"
        "A2,E1,address_visit,2025-01-01T11:00,PC 1,\n",
        "utf-8",
    )
    db = f"sqlite:///{tmp_path / 'x.db'}"
    assert main(["import", str(src), "--db", db]) == 2
    out = capsys.readouterr().out
    assert "episode_actions.csv" in out and "ended_at" in out and "not before its start" in out
    (src / "episode_actions.csv").write_text(
        "id,episode_id,action_type,at,officer,ended_at\n"
        "A1,E1,search,2025-01-01T11:00,PC 1,2025-01-01T14:30\n",
        "utf-8",
    )
    (src / "investigations.csv").write_text(
        "id,child_id,exploitation_type,reported_at,reported_by\n"
        "I1,C1,sexual,2025-01-02T10:00,school\n",
        "utf-8",
    )
    (src / "suspects.csv").write_text(
        "id,investigation_id,identified_at,age\nS1,I1,2025-01-03T10:00,about 30\n", "utf-8"
    )
    assert main(["import", str(src), "--db", db]) == 2
    out = capsys.readouterr().out
    assert "suspects.csv" in out and "age" in out and "a whole number" in out
    (src / "suspects.csv").write_text(
        "id,investigation_id,identified_at,age\nS1,I1,2025-01-03T10:00,130\n", "utf-8"
    )
    assert main(["import", str(src), "--db", db]) == 2
    assert "a number no more than 120" in capsys.readouterr().out
    (src / "suspects.csv").write_text(
        "id,investigation_id,identified_at,age,located\nS1,I1,2025-01-03T10:00,31,false\n", "utf-8"
    )
    assert main(["import", str(src), "--db", db]) == 0


def test_an_empty_file_is_imported_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 0-byte notes.csv (safeguard's exports always write the header row) is more likely a
    failed export than a force with no notes: the import goes ahead and says so."""
    src = write_sample(tmp_path / "in", n_children=2)
    (src / "notes.csv").write_text("")
    assert main(["import", str(src), "--db", str(tmp_path / "x.db")]) == 0
    err = capsys.readouterr().err
    assert "notes.csv: warning: the file is empty (not even a header row)" in err


def test_a_birth_date_in_the_future_is_one_problem_not_one_per_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write_sample(tmp_path / "in", n_children=2)
    children = src / "children.csv"
    lines = children.read_text("utf-8").splitlines()
    cells = lines[1].split(",")
    cells[lines[0].split(",").index("date_of_birth")] = "2099-01-01"
    children.write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n", "utf-8")
    assert main(["import", str(src), "--db", str(tmp_path / "x.db")]) == 2
    out = capsys.readouterr()
    assert "children.csv:2: field 'date_of_birth' = '2099-01-01'" in out.out
    assert "child's date of birth" not in out.out and "Found 1 problem in" in out.err


def test_a_cp1252_export_is_refused_with_a_hint_and_read_with_encoding(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Excel on Windows saves "CSV (Comma delimited)" in cp1252: an é or a curly quote there
    is not UTF-8. The import names the file and line and says how to read it; with
    ``--encoding cp1252`` the same files import, the text as written."""
    src = write_sample(tmp_path / "in", n_children=1)
    notes = src / "notes.csv"
    text = notes.read_text("utf-8").replace("Note 0 for", "Café visit \u201cnote\u201d 0 for")
    notes.write_bytes(text.encode("cp1252"))
    assert main(["import", str(src), "--db", db_url]) == 2
    said = "".join(capsys.readouterr())
    assert "notes.csv:2" in said and "--encoding cp1252" in said
    assert main(["import", str(src), "--db", db_url, "--encoding", "cp1252"]) == 0
    capsys.readouterr()
    out = (_export(db_url, tmp_path / "out") / "notes.csv").read_text("utf-8")
    assert "Café visit \u201cnote\u201d 0 for" in out
    assert main(["import", str(src), "--db", db_url, "--encoding", "utf-16"]) == 2
    assert "--encoding" in capsys.readouterr().err

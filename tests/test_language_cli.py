"""``safeguard lint`` as users and other tools run it: a real process, real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def lint(*args: str, stdin: str | bytes | None = None, cwd: Path | None = None):
    data = stdin.encode() if isinstance(stdin, str) else stdin
    return subprocess.run(
        [sys.executable, "-m", "safeguard", "lint", *args],
        input=data,
        capture_output=True,
        cwd=cwd,
        timeout=60,
    )


def test_stdin_jsonl_one_object_per_line_in_order():
    lines = [
        "AB is seeking out sex with older men.",
        "",
        "Officers attended at 2130hrs.",
        "He is a drug runner.",
    ]
    r = lint("--format", "jsonl", "-", stdin="\n".join(lines) + "\n")
    assert r.returncode == 1
    out = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert [o["line"] for o in out] == [1, 2, 3, 4]
    assert [o["flagged"] for o in out] == [True, False, False, True]
    f = out[0]["findings"][0]
    assert set(f) == {
        "start",
        "end",
        "text",
        "category",
        "rule",
        "message",
        "suggestion",
        "source",
        "score",
        "model_only",
    }
    assert f["text"] == "seeking out sex" and f["category"] == "sexual_agency"


def test_clean_input_exits_zero_and_says_so():
    r = lint("-", stdin="Officers attended and spoke to the YP in person.\n")
    assert r.returncode == 0
    assert b"No victim-blaming language found" in r.stdout


def test_human_output_is_linter_style(tmp_path: Path):
    p = tmp_path / "notes.txt"
    p.write_text("nothing here\nShe is streetwise and engaged in sex work.\n")
    r = lint("--why", str(p))
    assert r.returncode == 1
    out = r.stdout.decode()
    assert f"{p}:2:8  character/streetwise" in out
    assert '"engaged in sex work" ->' in out
    assert "why:" in out and "source:" in out
    assert "2 findings in 1 of 2 texts" in out


def test_csv_with_column_and_id(tmp_path: Path):
    p = tmp_path / "notes.csv"
    p.write_text('note_id,note_text\nN1,"She is promiscuous, per staff."\nN2,All fine\n')
    r = lint("--format", "jsonl", "--column", "note_text", "--id-column", "note_id", str(p))
    out = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert [(o["id"], o["flagged"]) for o in out] == [("N1", True), ("N2", False)]


def test_missing_column_is_a_clear_error(tmp_path: Path):
    p = tmp_path / "notes.csv"
    p.write_text("a,b\n1,2\n")
    r = lint("--column", "note_text", str(p))
    assert r.returncode == 2
    err = r.stderr.decode()
    assert "notes.csv:1: has no column 'note_text' (columns: a, b)" in err
    assert "Traceback" not in err


def test_bad_files_are_reported_and_others_still_checked(tmp_path: Path):
    (tmp_path / "good.txt").write_text("He is a drug runner.\n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 ok\n".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    r = lint(str(tmp_path))
    err = r.stderr.decode()
    assert r.returncode == 1, err
    assert "binary.txt: looks like a binary file" in err
    assert "latin1.txt:1: is not valid UTF-8" in err
    assert "empty.txt: is empty" in err
    assert "gone.txt" in err
    assert "Traceback" not in err
    assert b"good.txt:1:" in r.stdout


def test_broken_tables_name_the_row_and_lose_nothing_silently(tmp_path: Path):
    """A CSV quote left open used to swallow the rest of the file as one value, unreported."""
    head = "note_id,note_text\n"
    (tmp_path / "open_quote.csv").write_text(
        head + 'N1,"She is streetwise\nN2,He is a drug runner.\n'
    )
    (tmp_path / "stray_quote.csv").write_text(
        head + "N1,He is a drug runner.\n" + 'N2,"she said "no" to him"\nN3,x\n'
    )
    (tmp_path / "extra.csv").write_text(
        head + "N1,she is streetwise, really\nN2,He is a drug runner.\n"
    )
    (tmp_path / "header_only.csv").write_text(head)
    (tmp_path / "latin1.csv").write_bytes((head + "N1,ok\nN2,caf\xe9\n").encode("latin-1"))
    (tmp_path / "latin1.jsonl").write_bytes(
        '{"text": "ok"}\n{"text": "caf\xe9"}\n'.encode("latin-1")
    )
    (tmp_path / "export.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / "quoted.csv").write_text(
        head + 'N1,"Seen twice.\nShe is a serial absconder."\nN2,"a ""quoted"" word"\n'
    )
    r = lint("--column", "note_text", "--format", "jsonl", str(tmp_path))
    err = r.stderr.decode()
    assert "Traceback" not in err
    assert (
        "open_quote.csv:2: expected well-formed CSV (the file ends inside a value: a closing "
        "double quote is missing)" in err
    )
    assert (
        "stray_quote.csv:3: expected well-formed CSV (a value in double quotes is followed" in err
        and "The rest of the file" in err
    )
    assert "extra.csv:2: row has 3 values but the header names 2 columns" in err
    assert "header_only.csv: has a header row but no records" in err
    assert "latin1.csv:3: is not valid UTF-8 (byte 7 of the line)" in err
    assert "latin1.jsonl:2: is not valid UTF-8" in err
    assert "export.xlsx: is not a text file; save it as CSV" in err
    lines = [json.loads(x) for x in r.stdout.decode().splitlines()]
    checked = {(Path(o["path"]).name, o["line"]) for o in lines}
    # what could be read was checked: a multi-line quoted value, doubled quotes, the rows
    # before a broken one and the well-formed rows of a file with one bad row
    assert {("quoted.csv", 2), ("quoted.csv", 4), ("stray_quote.csv", 2)} <= checked
    assert {("extra.csv", 3), ("latin1.csv", 2)} <= checked
    assert [
        f["category"] for o in lines if o["path"].endswith("quoted.csv") for f in o["findings"]
    ] == ["missing"]


def test_nothing_checkable_exits_two(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("")
    r = lint(str(tmp_path / "empty.txt"))
    assert r.returncode == 2
    assert b"nothing could be checked" in r.stderr
    r = lint(str(tmp_path / "does-not-exist.txt"))
    assert r.returncode == 2 and b"no such file" in r.stderr


def test_one_megabyte_line():
    text = "Officers spoke to staff. " * 42000 + "She is a serial absconder.\n"
    r = lint("--format", "jsonl", "-", stdin=text)
    assert r.returncode == 1
    (obj,) = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert obj["findings"][0]["category"] == "missing"


def test_config_file_ignore_and_min_score(tmp_path: Path):
    (tmp_path / ".safeguard.toml").write_text('[lint]\nignore = ["character"]\n')
    r = lint("-", stdin="She is streetwise.\n", cwd=tmp_path)
    assert r.returncode == 0
    (tmp_path / ".safeguard.toml").write_text("[lint]\nmin_scor = 0.2\n")
    r = lint("-", stdin="She is streetwise.\n", cwd=tmp_path)
    assert r.returncode == 2 and b"unknown setting(s) min_scor" in r.stderr


def test_unknown_rule_is_usage_error():
    r = lint("--ignore", "nonsense", "-", stdin="x\n")
    assert r.returncode == 2 and b"unknown rule or theme 'nonsense'" in r.stderr


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_and_sarif_documents(fmt: str):
    r = lint("--format", fmt, "-", stdin="He is a gang member.\nok\n")
    doc = json.loads(r.stdout)
    if fmt == "json":
        assert doc["checked"] == 2 and doc["flagged"] == 1
    else:
        assert doc["runs"][0]["results"][0]["ruleId"].startswith("criminal/")


def test_stdin_bad_bytes_still_one_output_line_per_input_line():
    data = b"He is a drug runner.\ncaf\xe9 au lait\nok\x00ok\nShe is promiscuous.\n"
    r = lint("--format", "jsonl", "-", stdin=data)
    out = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert [o["line"] for o in out] == [1, 2, 3, 4]
    assert [o["flagged"] for o in out] == [True, False, False, True]
    err = r.stderr.decode()
    assert "-:2: is not valid UTF-8" in err and "-:3: contains binary data" in err


def test_jobs_give_the_same_answers_in_the_same_order(tmp_path: Path):
    """--jobs 2 over a JSON Lines export longer than one batch, with bad rows among good ones:
    the same output, byte for byte, and the same problems in the same order, as one process."""
    from safeguard.language.parallel import BATCH

    wording = [
        "She is promiscuous and puts herself at risk.",
        "Officers attended the address and spoke to mum.",
        "He is a drug runner for the Smith line.",
        "CCTV requested from the bus station.",
    ]
    lines = []
    for n in range(BATCH * 2 + 7):
        if n % 701 == 5:
            lines.append("{not json")
        else:
            lines.append(json.dumps({"id": f"N{n}", "text": f"{wording[n % 4]} ({n})"}))
    p = tmp_path / "notes.jsonl"
    p.write_text("\n".join(lines) + "\n", "utf-8")
    common = ("--format", "jsonl", "--column", "text", "--id-column", "id", str(p))
    one = lint("--jobs", "1", *common)
    two = lint("--jobs", "2", *common)
    assert one.returncode == two.returncode == 1, two.stderr
    assert two.stdout == one.stdout
    assert two.stderr == one.stderr and b"is not valid JSON" in two.stderr
    out = [json.loads(x) for x in two.stdout.decode().splitlines()]
    assert len(out) == len(lines) - sum(1 for x in lines if x == "{not json")
    assert [o["flagged"] for o in out[:4]] == [True, False, True, False]


def test_jobs_are_refused_in_thorough_mode_and_below_zero():
    r = lint("--jobs", "2", "--thorough", "-", stdin="She is promiscuous.\n")
    assert r.returncode == 2 and b"--jobs is for the default mode" in r.stderr
    r = lint("--jobs", "-1", "-", stdin="She is promiscuous.\n")
    assert r.returncode == 2 and b"--jobs must be 0" in r.stderr


def test_encoding_names_the_files_text_encoding(tmp_path: Path):
    """A CSV saved by Excel on Windows is cp1252: refused with the line and a hint, read with
    --encoding cp1252 (or ``encoding`` in the settings file); a name safeguard cannot read in
    is refused before anything is checked."""
    rows = (
        "note_id,note_text\nN1,Seen at the caf\xe9.\n"
        "N2,She is a \u201cdrug runner\u201d for them; he\u2019s sure.\nN3,He is a drug runner.\n"
    )
    (tmp_path / "notes.csv").write_bytes(rows.encode("cp1252"))
    r = lint("--column", "note_text", str(tmp_path / "notes.csv"))
    err = r.stderr.decode()
    assert r.returncode == 2 and "notes.csv:2: is not valid UTF-8" in err
    assert "--encoding cp1252" in err
    r = lint("--column", "note_text", "--encoding", "cp1252", "--format", "jsonl", str(tmp_path))
    assert r.returncode == 1, r.stderr.decode()
    seen = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert [o["line"] for o in seen] == [2, 3, 4]
    assert [f["text"] for f in seen[2]["findings"]] == ["a drug runner"]
    (tmp_path / ".safeguard.toml").write_text('[lint]\nencoding = "cp1252"\n')
    r = lint(
        "--column",
        "note_text",
        "--config",
        str(tmp_path / ".safeguard.toml"),
        str(tmp_path / "notes.csv"),
    )
    assert r.returncode == 1, r.stderr.decode()
    for bad, said in (("utf-16", "cannot read files in 'utf-16'"), ("nope", "unknown encoding")):
        r = lint("--encoding", bad, str(tmp_path / "notes.csv"))
        assert r.returncode == 2 and said in r.stderr.decode()

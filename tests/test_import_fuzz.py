"""Fuzzing the importer: each kind of bad input gets a clear problem and changes nothing."""

from __future__ import annotations

import contextlib
import csv
import io
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_sample import write_sample

from safeguard.cli import main
from safeguard.records.io import field_specs
from safeguard.records.schema import ENTITIES, REFERENCES

FIELDS = [(e, n, s) for e in ENTITIES for n, s in field_specs(e).items()]
TYPED = [(e, n, s) for e, n, s in FIELDS if s.kind in ("date", "datetime", "bool", "enum")]
REQUIRED = [(e, n) for e, n, s in FIELDS if s.required]
SINGLE_REFS = [k for k in REFERENCES if field_specs(k[0])[k[1]].kind != "list"]
EVENT_TIMES = [(e, n) for e, n, s in FIELDS if s.kind == "datetime"]
BAD = {
    "date": ["2024-02-30", "yesterday", "01/02/2009", "2009-1-1", "20090101"],
    "datetime": [
        "2024-13-01T10:00:00",
        "noon",
        "1700000000",
        "2024-03-01T25:00",
        "31/12/2023 10:00",
    ],
    "bool": ["maybe", "2", "yes please", "ja"],
}
N_CHILDREN = 3


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def _set(src: Path, entity: str, field: str, row: int, value: str) -> int:
    """Set one cell; returns the file line of the row (all sample rows are one line except notes)."""
    path = src / f"{entity}.csv"
    rows = _rows(path)
    rows[row][rows[0].index(field)] = value
    _write(path, rows)
    return row + 1


def _mutate(src: Path, data: st.DataObject) -> tuple[str, str]:
    """Apply one kind of damage; returns (kind, text the problem listing must contain)."""
    kind = data.draw(
        st.sampled_from(
            [
                "type",
                "required",
                "unknown_id",
                "future",
                "before_birth",
                "duplicate",
                "encoding",
                "truncated",
            ]
        )
    )
    row = data.draw(st.integers(1, N_CHILDREN))
    if kind == "type":
        entity, field, spec = data.draw(st.sampled_from(TYPED))
        if spec.kind == "enum":
            value = data.draw(
                st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12).filter(
                    lambda v: v not in spec.choices
                )
            )
        else:
            value = data.draw(st.sampled_from(BAD[spec.kind]))
        _set(src, entity, field, row, value)
        return kind, f"field '{field}' = '{value}': expected {spec.expected}"
    if kind == "required":
        entity, field = data.draw(st.sampled_from(REQUIRED))
        _set(src, entity, field, row, "")
        return kind, f"field '{field}' = '': expected a value (this field is required)"
    if kind == "unknown_id":
        entity, field = data.draw(st.sampled_from(SINGLE_REFS))
        value = "ZZ" + data.draw(st.text("ABCXYZ0123456789-", min_size=1, max_size=8))
        _set(src, entity, field, row, value)
        return kind, f"field '{field}' = '{value}': expected the id of a"
    if kind == "future":
        entity, field = data.draw(st.sampled_from(EVENT_TIMES))
        # With its offset, so the time cannot fall in the hour the clocks skip in spring.
        when = datetime.now(UTC) + timedelta(days=data.draw(st.integers(2, 5000)))
        text = when.replace(microsecond=0).isoformat()
        _set(src, entity, field, row, text)
        return (
            kind,
            f"field '{field}' = '{text}': expected a date and time that is not in the future",
        )
    if kind == "before_birth":
        entity, field = data.draw(st.sampled_from(EVENT_TIMES))
        _set(src, entity, field, row, "2001-05-05T10:00:00")
        return (
            kind,
            f"field '{field}' = '2001-05-05T10:00:00': expected a date on or after the child's date of birth",
        )
    if kind == "duplicate":
        entity = data.draw(st.sampled_from(list(ENTITIES)))
        path = src / f"{entity}.csv"
        rows = _rows(path)
        other = 1 + row % N_CHILDREN  # a different data row
        rows[row][0] = rows[other][0]
        _write(path, rows)
        return kind, "expected an id used by only one row in this file"
    entity = data.draw(st.sampled_from([e for e in ENTITIES if e != "notes"]))
    path = src / f"{entity}.csv"
    if kind == "encoding":
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        lines[row] = lines[row].rstrip("\n") + "\n"
        first, _, rest = lines[row].partition(",")
        lines[row] = first + "é," + rest  # the id gets a non-ASCII letter ...
        encoding = data.draw(st.sampled_from(["cp1252", "latin-1", "utf-16"]))
        path.write_bytes("".join(lines).encode(encoding))  # ... saved in the wrong encoding
        return kind, "expected text in UTF-8 encoding"
    # truncated: cut the file inside one row, before its last separator
    raw = path.read_bytes()
    lines = raw.splitlines(keepends=True)
    keep = b"".join(lines[:row])
    last = lines[row]
    cut = data.draw(st.integers(1, last.rindex(b",")))
    path.write_bytes(keep + last[:cut])
    return kind, f"{entity}.csv:{row + 1}:"


def _run(args: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(args)
    return code, out.getvalue()


def _snapshot(db_url: str) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as d:
        code, _ = _run(["export", d, "--db", db_url])
        assert code == 0
        return {p.name: p.read_bytes() for p in sorted(Path(d).iterdir())}


@pytest.fixture
def seeded(db_url: str, tmp_path: Path) -> tuple[str, dict[str, bytes]]:
    """A store already holding one child's case, and its exported snapshot."""
    code, _ = _run(["import", str(write_sample(tmp_path / "seed", n_children=1)), "--db", db_url])
    assert code == 0
    return db_url, _snapshot(db_url)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_bad_input_is_reported_and_imports_nothing(
    seeded: tuple[str, dict[str, bytes]], data: st.DataObject
) -> None:
    db_url, before = seeded
    with tempfile.TemporaryDirectory() as d:
        src = write_sample(Path(d) / "in", n_children=N_CHILDREN)
        kind, expected = _mutate(src, data)
        code, out = _run(["import", str(src), "--db", db_url])
    assert code == 2, (kind, out)
    assert expected in out, (kind, expected, out)
    assert _snapshot(db_url) == before


def test_undamaged_sample_imports(seeded: tuple[str, dict[str, bytes]], tmp_path: Path) -> None:
    """The control: the same sample, undamaged, imports cleanly on top of the seed."""
    db_url, _ = seeded
    code, out = _run(
        ["import", str(write_sample(tmp_path / "in", n_children=N_CHILDREN)), "--db", db_url]
    )
    assert code == 0, out

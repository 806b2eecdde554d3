"""Reading texts to check from plain text, CSV and JSON Lines files, folders and standard input.

Every problem is reported as an :class:`InputProblem` naming the file (and line where there is
one); reading carries on with the next file. Nothing here raises on bad input.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from safeguard.encodings import DEFAULT as DEFAULT_ENCODING
from safeguard.encodings import NAME_IT, display_name

TEXT_SUFFIXES = {".txt", ".text", ".md", ".log", ".notes"}
TABLE_SUFFIXES = {".csv", ".tsv", ".jsonl", ".ndjson"}
DEFAULT_COLUMNS = ("text", "note_text", "note", "notes", "body", "narrative", "entry")
MAX_FIELD = 10 * 1024 * 1024  # csv field size limit: 10 MB
#: files a folder may hold that users expect checked but that are not text: reported, not read
DOCUMENT_SUFFIXES = {".xlsx", ".xls", ".xlsm", ".ods", ".docx", ".doc", ".odt", ".rtf", ".pdf"}


@dataclass(slots=True)
class Item:
    """One text to check: a line of a text file, or one record of a CSV / JSONL file."""

    path: str
    line: int
    id: str | None
    text: str


@dataclass(slots=True)
class InputProblem:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass
class Options:
    column: str | None = None
    id_column: str | None = None
    #: the files' text encoding (checked: :func:`safeguard.encodings.text_encoding`)
    encoding: str = DEFAULT_ENCODING


def _not_in(encoding: str, byte: int) -> str:
    """What is wrong with a line that is not in ``encoding``, and what to do (``byte``: the
    first that is not, counted from 1)."""
    if encoding == DEFAULT_ENCODING:
        return f"is not valid UTF-8 (byte {byte} of the line); {NAME_IT}"
    return (
        f"is not valid {display_name(encoding)} (byte {byte} of the line), the encoding "
        "--encoding names; name the file's own encoding, or save it as UTF-8"
    )


def _looks_binary(head: bytes) -> bool:
    return b"\x00" in head


def _decode_lines(
    path: str, raw: BinaryIO, *, lenient: bool = False, encoding: str = DEFAULT_ENCODING
) -> Iterator[tuple[int, str] | InputProblem]:
    """Lines as text. A bad line stops a file; with ``lenient`` (standard input, where every
    line must get its output line) it is reported and checked with the bad bytes replaced."""
    for n, bline in enumerate(raw, start=1):
        if b"\x00" in bline:
            if not lenient:
                yield InputProblem(
                    path, n, "contains binary data (NUL bytes); is this a text file?"
                )
                return
            yield InputProblem(path, n, "contains binary data (NUL bytes); checked without them")
            bline = bline.replace(b"\x00", b" ")
        try:
            line = bline.decode(encoding)
        except UnicodeDecodeError as exc:
            if not lenient:
                yield InputProblem(path, n, _not_in(encoding, exc.start + 1))
                return
            yield InputProblem(
                path,
                n,
                f"is not valid {display_name(encoding)} (byte {exc.start + 1} of the line); "
                "checked with the unreadable characters replaced",
            )
            line = bline.decode(encoding, errors="replace")
        if n == 1 and line.startswith("\ufeff"):
            line = line[1:]
        yield n, line.rstrip("\r\n")


def read_stdin(opts: Options) -> Iterator[Item | InputProblem]:
    """Standard input: one text per line (or CSV / JSONL if a column is named)."""
    raw = sys.stdin.buffer
    if opts.column:
        peek = raw.peek(1)[:1] if hasattr(raw, "peek") else b""
        fmt = "jsonl" if peek == b"{" else "csv"
        yield from _read_table("-", raw, fmt, opts)
        return
    for got in _decode_lines("-", raw, lenient=True, encoding=opts.encoding):
        if isinstance(got, InputProblem):
            yield got
            continue
        n, line = got
        yield Item("-", n, None, line)


def read_path(path: Path, opts: Options) -> Iterator[Item | InputProblem]:
    """A file or a folder (folders are walked for text, CSV and JSONL files)."""
    if path.is_dir():
        files: list[Path] = []
        for root, dirs, names in os.walk(path, onerror=None):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                p = Path(root) / name
                if name.startswith("."):
                    continue
                if p.suffix.lower() in TEXT_SUFFIXES | TABLE_SUFFIXES:
                    files.append(p)
                elif p.suffix.lower() in DOCUMENT_SUFFIXES:
                    yield InputProblem(
                        str(p), None, "is not a text file; save it as CSV to check it. Skipped"
                    )
        if not files:
            yield InputProblem(str(path), None, "folder has no .txt, .csv or .jsonl files to check")
        for f in files:
            yield from _read_file(f, opts)
        return
    if not path.exists():
        yield InputProblem(str(path), None, "no such file or folder")
        return
    yield from _read_file(path, opts)


def _read_file(path: Path, opts: Options) -> Iterator[Item | InputProblem]:
    p = str(path)
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield InputProblem(p, None, f"cannot be read ({exc.strerror or exc})")
        return
    with fh:
        try:
            head = fh.peek(4096)[:4096]
        except OSError as exc:
            yield InputProblem(p, None, f"cannot be read ({exc.strerror or exc})")
            return
        if not head:
            yield InputProblem(p, None, "is empty: nothing to check")
            return
        if _looks_binary(head):
            yield InputProblem(p, None, "looks like a binary file, not text; skipped")
            return
        suffix = path.suffix.lower()
        if suffix in {".csv", ".tsv"}:
            yield from _read_table(p, fh, "tsv" if suffix == ".tsv" else "csv", opts)
        elif suffix in {".jsonl", ".ndjson"}:
            yield from _read_table(p, fh, "jsonl", opts)
        else:
            for got in _decode_lines(p, fh, encoding=opts.encoding):
                if isinstance(got, InputProblem):
                    yield got
                    return
                n, line = got
                yield Item(p, n, None, line)


def _pick_column(path: str, columns: list[str], wanted: str | None) -> str | InputProblem:
    if wanted:
        if wanted in columns:
            return wanted
        return InputProblem(
            path, 1, f"has no column '{wanted}' (columns: {', '.join(columns) or 'none'})"
        )
    for c in DEFAULT_COLUMNS:
        if c in columns:
            return c
    return InputProblem(
        path,
        1,
        "which column holds the text? Name it with --column "
        f"(columns: {', '.join(columns) or 'none'})",
    )


class _Undecodable(ValueError):
    """A line of a table not in the encoding: ``line`` its number, ``byte`` the first bad one."""

    def __init__(self, line: int, byte: int):
        super().__init__(line, byte)
        self.line, self.byte = line, byte


def _text_lines(raw: BinaryIO, encoding: str) -> Iterator[str]:
    """The lines of ``raw`` as text, line endings kept (the CSV reader needs them inside quoted
    values). A line not in ``encoding`` raises :class:`_Undecodable`."""
    for n, bline in enumerate(raw, start=1):
        try:
            line = bline.decode(encoding)
        except UnicodeDecodeError as exc:
            raise _Undecodable(n, exc.start + 1) from exc
        yield line[1:] if n == 1 and line.startswith("\ufeff") else line


def _read_table(path: str, raw: BinaryIO, fmt: str, opts: Options) -> Iterator[Item | InputProblem]:
    lines = _text_lines(raw, opts.encoding)
    try:
        if fmt == "jsonl":
            yield from _read_jsonl(path, lines, opts)
        else:
            yield from _read_csv(path, lines, "\t" if fmt == "tsv" else ",", opts)
    except _Undecodable as exc:
        yield InputProblem(
            path,
            exc.line,
            f"{_not_in(opts.encoding, exc.byte)}. The rest of the file was not checked",
        )


def _read_csv(
    path: str, text: Iterator[str], delimiter: str, opts: Options
) -> Iterator[Item | InputProblem]:
    csv.field_size_limit(MAX_FIELD)
    # strict: a quote left open is an error at its row, not the rest of the file read silently
    # as one value
    reader = csv.reader(text, delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        yield InputProblem(path, None, "is empty: nothing to check")
        return
    except csv.Error as exc:
        yield InputProblem(path, 1, f"is not valid CSV: {exc}")
        return
    columns = [h.strip() for h in header]
    col = _pick_column(path, columns, opts.column)
    if isinstance(col, InputProblem):
        yield col
        return
    idx = columns.index(col)
    id_idx = None
    if opts.id_column:
        if opts.id_column not in columns:
            yield InputProblem(
                path, 1, f"has no id column '{opts.id_column}' (columns: {', '.join(columns)})"
            )
            return
        id_idx = columns.index(opts.id_column)
    records = 0
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            from safeguard.records.io import csv_error_words  # as import says it

            yield InputProblem(
                path,
                line,
                f"expected {csv_error_words(str(exc))}. The rest of the file was not checked",
            )
            return
        if not row:
            continue
        records += 1
        if len(row) > len(columns):
            yield InputProblem(
                path,
                line,
                f"row has {len(row)} values but the header names {len(columns)} columns "
                "(is a value with a comma in it not in quotes?); skipped",
            )
            continue
        if idx >= len(row):
            yield InputProblem(path, line, f"row has no value for column '{col}'; skipped")
            continue
        rid = row[id_idx] if id_idx is not None and id_idx < len(row) else None
        yield Item(path, line, rid, row[idx])
    if not records:
        yield InputProblem(path, None, "has a header row but no records: nothing to check")


def _read_jsonl(path: str, text: Iterator[str], opts: Options) -> Iterator[Item | InputProblem]:
    col: str | None = opts.column
    for n, line in enumerate(text, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputProblem(
                path, n, f"is not valid JSON ({exc.msg}, column {exc.colno}); skipped"
            )
            continue
        if not isinstance(obj, dict):
            yield InputProblem(path, n, "is not a JSON object; skipped")
            continue
        if col is None:
            picked = _pick_column(path, list(obj), None)
            if isinstance(picked, InputProblem):
                yield InputProblem(path, n, picked.message)
                return
            col = picked
        value = obj.get(col)
        if value is None:
            yield InputProblem(path, n, f"record has no field '{col}'; skipped")
            continue
        if not isinstance(value, str):
            yield InputProblem(path, n, f"field '{col}' is not text; skipped")
            continue
        rid = obj.get(opts.id_column) if opts.id_column else None
        yield Item(path, n, None if rid is None else str(rid), value)

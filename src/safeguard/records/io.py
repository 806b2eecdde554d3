"""Reading and writing the exchange format: a folder with one file per entity.

Each entity in :data:`safeguard.records.schema.ENTITIES` is one file, ``<entity>.csv`` or
``<entity>.jsonl``. Both directions stream: a writer never holds more than one record, a
reader yields one row at a time.

* :class:`ExchangeWriter` writes records (pydantic models or plain dicts) to a folder.
* :class:`ExchangeReader` iterates ``(entity, row_number, raw_dict)`` over a folder, noting
  file-level problems (bad encoding, binary or truncated files, unknown file names or
  columns) in :attr:`ExchangeReader.problems`.
* :func:`parse_row` turns one raw row into a model, or into :class:`Problem` objects that
  say, in plain words, which field was wrong and what was expected.

CSV conventions (see :mod:`safeguard.records.schema`): dates ``YYYY-MM-DD``, date-times
ISO 8601 (with an offset, or UK local time without one; see :mod:`safeguard.records.clock`),
booleans ``true``/``false``, lists ``;``-separated (or a JSON array when an item holds ``;``,
is empty or starts with ``[``), an empty cell is "not recorded". Row numbers are line
numbers in the file (the CSV header is line 1).
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import stat
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import IO, Any, Literal

from pydantic import BaseModel, ValidationError

from safeguard.encodings import DEFAULT as DEFAULT_ENCODING
from safeguard.encodings import NAME_IT, display_name, text_encoding
from safeguard.records import clock
from safeguard.records.schema import ENTITIES, ID_CHARACTERS, Record

Format = Literal["csv", "jsonl"]
FORMATS: tuple[Format, ...] = ("csv", "jsonl")
LIST_SEPARATOR = ";"

# A cell is shown in messages up to this many characters.
_SHOW_CHARS = 60

Kind = Literal["text", "date", "datetime", "bool", "int", "list", "enum"]


# --- field descriptions -----------------------------------------------------------------


@dataclass(frozen=True)
class FieldSpec:
    """What one field of an entity holds, in terms a person preparing an export needs."""

    name: str
    kind: Kind
    required: bool
    description: str
    choices: tuple[str, ...] = ()
    max_length: int | None = None

    @property
    def expected(self) -> str:
        """Plain-English description of an acceptable value."""
        if self.kind == "date":
            return "a date like 2024-03-01"
        if self.kind == "datetime":
            return (
                "a date and time like 2024-03-01T14:05:00 or 2024-03-01 14:05 (UK local "
                "time), or with an offset like 2024-03-01T14:05:00+00:00"
            )
        if self.kind == "bool":
            return "true or false"
        if self.kind == "int":
            return "a whole number"
        if self.kind == "enum":
            return "one of: " + ", ".join(self.choices)
        if self.kind == "list":
            return "a list of text (in CSV, items separated by ';', or a JSON list)"
        if self.max_length:
            return f"text of at most {self.max_length} characters"
        return "text"

    @property
    def csv_form(self) -> str:
        """How the value is written in a CSV cell."""
        forms = {
            "date": "YYYY-MM-DD",
            "datetime": "YYYY-MM-DDTHH:MM:SS (UK local time, or with +HH:MM)",
            "bool": "true / false",
            "int": "whole number",
            "list": 'items separated by ; (or a JSON list such as ["a;b", "c"])',
            "enum": " / ".join(self.choices),
            "text": "text",
        }
        return forms[self.kind]


def _unwrap_optional(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def _spec(name: str, info: Any) -> FieldSpec:
    tp = _unwrap_optional(info.annotation)
    max_length = next((m.max_length for m in info.metadata if hasattr(m, "max_length")), None)
    description = info.description or ""
    required = info.is_required()
    if tp is datetime:
        return FieldSpec(name, "datetime", required, description)
    if tp is date:
        return FieldSpec(name, "date", required, description)
    if tp is bool:
        return FieldSpec(name, "bool", required, description)
    if tp is int:
        return FieldSpec(name, "int", required, description)
    if typing.get_origin(tp) is list:
        return FieldSpec(name, "list", required, description)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return FieldSpec(name, "enum", required, description, tuple(m.value for m in tp))
    return FieldSpec(name, "text", required, description, max_length=max_length)


def field_specs(entity: str) -> dict[str, FieldSpec]:
    """Field name -> :class:`FieldSpec` for an entity, in the model's field order."""
    cached = _SPECS.get(entity)
    if cached is None:
        model = ENTITIES[entity]
        cached = {n: _spec(n, i) for n, i in model.model_fields.items()}
        _SPECS[entity] = cached
    return cached


_SPECS: dict[str, dict[str, FieldSpec]] = {}


def columns(entity: str) -> list[str]:
    """Column (field) names of an entity, in the order files are written."""
    return list(field_specs(entity))


# --- problems ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located by file and row (line number).

    ``row`` is 0 for a problem with the whole file; ``field`` is empty when the problem is
    not about one field.
    """

    file: str
    row: int
    field: str
    value: str
    expected: str
    #: A warning is reported but does not stop the import.
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.file}:{self.row}" if self.row else self.file
        if self.warning and not self.field:
            return f"{where}: warning: {self.expected}"
        if self.warning:
            return f"{where}: warning: field '{self.field}' = '{self.value}': {self.expected}"
        if self.field:
            return f"{where}: field '{self.field}' = '{self.value}': expected {self.expected}"
        if self.value:
            return f"{where}: '{self.value}': expected {self.expected}"
        return f"{where}: expected {self.expected}"


def show(value: Any) -> str:
    """A value as it appears in a message: one line, shortened."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    text = text.replace("\n", " ").replace("\r", " ")
    if _BAD_TEXT_RE.search(text):  # shown escaped, so printing the message cannot fail
        text = _BAD_TEXT_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    if len(text) > _SHOW_CHARS:
        text = text[: _SHOW_CHARS - 3] + "..."
    return text


# --- writing ----------------------------------------------------------------------------


def _plain_item(item: str) -> bool:
    """Whether a list item can be written as plain ``;``-separated text and read back."""
    return (
        bool(item)
        and LIST_SEPARATOR not in item
        and item == item.strip()
        and not item.startswith("[")
        and "\n" not in item
        and "\r" not in item
    )


def encode_list(items: list[str] | tuple[str, ...]) -> str:
    """A list as one CSV cell: ``a;b`` when that reads back exactly, else a JSON list."""
    texts = [_to_cell(v) for v in items]
    if all(_plain_item(t) for t in texts):
        return LIST_SEPARATOR.join(texts)
    return json.dumps(texts, ensure_ascii=False)


def decode_list(cell: str) -> list[str] | None:
    """A CSV list cell as its items; None when a JSON list is not a list of texts."""
    text = cell.strip()
    if text.startswith("["):
        try:
            items = json.loads(text)
        except (ValueError, RecursionError):
            return None
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            return None
        return items
    return [item.strip() for item in text.split(LIST_SEPARATOR) if item.strip()]


def _to_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return clock.iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return encode_list(value)
    return str(value)


def _to_json(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return clock.iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_to_json(v) for v in value]
    return value


def record_values(entity: str, record: BaseModel | Mapping[str, Any]) -> list[Any]:
    """The record's values in column order (a dict's missing keys take the field default)."""
    names = columns(entity)
    if isinstance(record, BaseModel):
        return [getattr(record, n) for n in names]
    defaults = _defaults(entity)
    return [record.get(n, defaults[n]) for n in names]


def _defaults(entity: str) -> dict[str, Any]:
    """Field defaults (``None`` for required fields), so a dict may leave defaults out."""
    cached = _DEFAULTS.get(entity)
    if cached is None:
        fields = ENTITIES[entity].model_fields
        cached = {
            n: None if f.is_required() else f.get_default(call_default_factory=True)
            for n, f in fields.items()
        }
        _DEFAULTS[entity] = cached
    return cached


_DEFAULTS: dict[str, dict[str, Any]] = {}


class ExchangeWriter:
    """Streams records into an exchange-format folder.

    >>> with ExchangeWriter(out_dir, fmt="csv") as w:      # doctest: +SKIP
    ...     w.write("children", child)

    Files are opened on first use; on close, every entity without records gets an empty
    file (a header row only, for CSV) so the folder always shows the full layout.
    """

    def __init__(self, directory: str | Path, fmt: Format = "csv", *, all_files: bool = True):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; use csv or jsonl")
        self.directory = Path(directory)
        self.fmt: Format = fmt
        self.all_files = all_files
        self.counts: dict[str, int] = {}
        self._files: dict[str, IO[str]] = {}
        self._csv: dict[str, Any] = {}
        self._csv_quoted: dict[str, Any] = {}
        self.directory.mkdir(parents=True, exist_ok=True)

    def path(self, entity: str) -> Path:
        return self.directory / f"{entity}.{self.fmt}"

    def _open(self, entity: str) -> IO[str]:
        if entity not in ENTITIES:
            raise ValueError(f"unknown entity {entity!r}")
        fh = self.path(entity).open("w", encoding="utf-8", newline="")
        self._files[entity] = fh
        self.counts.setdefault(entity, 0)
        if self.fmt == "csv":
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(columns(entity))
            self._csv[entity] = writer
            # Python's csv module leaves a lone carriage return unquoted; rows holding one
            # are written with every cell quoted so they read back exactly.
            self._csv_quoted[entity] = csv.writer(fh, lineterminator="\n", quoting=csv.QUOTE_ALL)
        return fh

    def write(self, entity: str, record: BaseModel | Mapping[str, Any]) -> None:
        """Write one record (a model of the entity, or a dict keyed by field name)."""
        fh = self._files.get(entity) or self._open(entity)
        values = record_values(entity, record)
        if self.fmt == "csv":
            cells = [_to_cell(v) for v in values]
            if any("\r" in c for c in cells):
                self._csv_quoted[entity].writerow(cells)
            else:
                self._csv[entity].writerow(cells)
        else:
            row = {n: _to_json(v) for n, v in zip(columns(entity), values, strict=True)}
            fh.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
            fh.write("\n")
        self.counts[entity] += 1

    def close(self) -> None:
        if self.all_files:
            for entity in ENTITIES:
                if entity not in self._files:
                    self._open(entity)
        for fh in self._files.values():
            fh.close()
        self._files.clear()
        self._csv.clear()
        self._csv_quoted.clear()

    def __enter__(self) -> ExchangeWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- reading ----------------------------------------------------------------------------


@dataclass
class SourceFile:
    entity: str
    path: Path
    fmt: Format

    @property
    def name(self) -> str:
        return self.path.name


#: Files that may sit beside the exchange files and are not case records: the demo data's
#: answer key (``safeguard demo-data`` writes it there) and a folder's own read-me.
IGNORED_FILES = frozenset({"truth.jsonl", "README.md", "README.txt"})


def unreadable(path: Path) -> str | None:
    """Why ``path`` cannot be read as an exchange file, in plain words (None if it can).

    Links are followed; a link to nothing, a loop of links, a named pipe or a device is
    refused here, so reading never blocks or fails half way.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if path.is_symlink():
            return "a readable file (this is a link to a file that does not exist)"
        return "a readable file (it is not there)"
    except OSError as exc:
        if path.is_symlink():
            return "a readable file (this link leads round in a loop of links)"
        return f"a readable file ({exc.strerror or 'it cannot be opened'})"
    if stat.S_ISDIR(info.st_mode):
        return None
    if not stat.S_ISREG(info.st_mode):
        what = "a named pipe" if stat.S_ISFIFO(info.st_mode) else "not an ordinary file"
        return f"an ordinary file (this is {what}, which safeguard does not read from)"
    if not os.access(path, os.R_OK):
        return "a file safeguard may read (permission to read it is missing)"
    return None


def find_files(path: str | Path, fmt: str = "auto") -> tuple[list[SourceFile], list[Problem]]:
    """The entity files in a folder (or one file), in dependency order, and naming problems.

    Missing files are fine (nothing of that kind is sent). A file whose name is not
    ``<entity>.csv`` / ``<entity>.jsonl`` is reported, as is an entity sent twice.
    """
    root = Path(path)
    allowed: tuple[str, ...] = FORMATS if fmt == "auto" else (fmt,)
    problems: list[Problem] = []
    if not root.exists() and not root.is_symlink():
        return [], [Problem(str(root), 0, "", "", "a folder of exchange files (nothing is there)")]
    why = unreadable(root)
    if why is not None:
        return [], [Problem(str(root), 0, "", "", why)]
    is_dir = root.is_dir()
    try:
        candidates = sorted(root.iterdir()) if is_dir else [root]
    except OSError as exc:
        return [], [Problem(str(root), 0, "", "", f"a folder safeguard can list ({exc.strerror})")]
    found: dict[str, SourceFile] = {}
    for p in candidates:
        if p.name.startswith("."):
            continue
        if p.name in IGNORED_FILES and is_dir:
            continue
        why = unreadable(p)
        if why is None and p.is_dir():
            continue
        if why is not None:
            problems.append(Problem(p.name, 0, "", "", why))
            continue
        stem, _, ext = p.name.partition(".")
        if stem not in ENTITIES or ext not in allowed:
            exts = " or ".join(f"<entity>.{x}" for x in allowed)
            problems.append(
                Problem(
                    p.name,
                    0,
                    "",
                    "",
                    f"a file named {exts}, where <entity> is one of: " + ", ".join(ENTITIES),
                )
            )
            continue
        if stem in found:
            problems.append(
                Problem(
                    p.name, 0, "", "", f"one file per entity, but {found[stem].name} is there too"
                )
            )
            continue
        found[stem] = SourceFile(stem, p, ext)  # type: ignore[arg-type]
    ordered = [found[e] for e in ENTITIES if e in found]
    return ordered, problems


class ExchangeReader:
    """Iterates ``(entity, row_number, raw_dict)`` over every row of a folder, streaming.

    For CSV, ``raw_dict`` maps column name to the cell text (unknown columns dropped; they
    are reported once per file). For JSON Lines it is the decoded object. Problems with a
    whole file or row (encoding, binary content, truncation, wrong number of cells, unknown
    names) are appended to :attr:`problems` as they are met; that row is not yielded.
    """

    def __init__(self, path: str | Path, fmt: str = "auto", *, encoding: str = DEFAULT_ENCODING):
        if fmt not in ("auto", *FORMATS):
            raise ValueError(f"unknown format {fmt!r}; use auto, csv or jsonl")
        #: the files' text encoding (checked: :func:`safeguard.encodings.text_encoding`)
        self.encoding = text_encoding(encoding)
        self.files, self.problems = find_files(path, fmt)
        #: CSV columns missing from each file's header (file name -> column names).
        self.missing_columns: dict[str, set[str]] = {}
        self.rows_read: dict[str, int] = {}
        self._bytes_done = 0  # bytes of the files already read, plus the current one so far

    def total_bytes(self) -> int:
        """The size of all the files to read (for a progress bar)."""
        total = 0
        for src in self.files:
            with contextlib.suppress(OSError):
                total += src.path.stat().st_size
        return total

    def bytes_read(self) -> int:
        """Bytes read so far, over all the files."""
        return self._bytes_done

    def __iter__(self) -> Iterator[tuple[str, int, dict[str, Any]]]:
        for src in self.files:
            self.rows_read.setdefault(src.entity, 0)
            reader = self._csv_rows if src.fmt == "csv" else self._jsonl_rows
            for row_number, raw in reader(src):
                self.rows_read[src.entity] += 1
                yield src.entity, row_number, raw

    def iter_for(self, entity: str) -> Iterator[tuple[int, dict[str, Any]]]:
        """Rows of one entity only (nothing if its file was not sent)."""
        for src in self.files:
            if src.entity == entity:
                reader = self._csv_rows if src.fmt == "csv" else self._jsonl_rows
                yield from reader(src)

    def _problem(self, src: SourceFile, row: int, fld: str, value: Any, expected: str) -> None:
        self.problems.append(Problem(src.name, row, fld, show(value), expected))

    def _lines(self, src: SourceFile) -> Iterator[str]:
        """Decoded lines; stops with a problem at the first undecodable or binary line."""
        try:
            yield from self._decoded_lines(src)
        except OSError as exc:
            self._problem(src, 0, "", "", f"a file safeguard can read ({exc.strerror or exc})")

    def _decoded_lines(self, src: SourceFile) -> Iterator[str]:
        line_no = 0
        why = unreadable(src.path)
        if why is not None:
            self._problem(src, 0, "", "", why)
            return
        utf8 = self.encoding == DEFAULT_ENCODING
        with src.path.open("rb") as fh:
            head = fh.read(8192)
            if head.startswith((b"\xff\xfe", b"\xfe\xff")):
                self._problem(
                    src, 1, "", "", "text in UTF-8 encoding (this file is UTF-16; save it as UTF-8)"
                )
                return
            if b"\x00" in head:
                self._problem(src, 1, "", "", "a text file, but this looks like a binary file")
                return
            if b"\r" in head and b"\n" not in head and len(head.split(b"\r")) > 2:
                self._problem(
                    src,
                    1,
                    "",
                    "",
                    "lines that end in the ordinary way (this file ends its lines with a "
                    "carriage return only, as very old Mac programs did; save it again as "
                    "CSV UTF-8 or with Windows or Unix line ends)",
                )
                return
            fh.seek(0)
            for raw in fh:
                line_no += 1
                self._bytes_done += len(raw)
                if line_no == 1 and raw.startswith(b"\xef\xbb\xbf") and utf8:
                    raw = raw[3:]
                if b"\x00" in raw:
                    self._problem(
                        src, line_no, "", "", "a text file, but this looks like a binary file"
                    )
                    return
                try:
                    yield raw.decode(self.encoding)
                except UnicodeDecodeError as exc:
                    bad = raw[max(0, exc.start - 10) : exc.end + 10]
                    self._problem(
                        src,
                        line_no,
                        "",
                        bad.decode(self.encoding, "replace"),
                        (
                            f"text in UTF-8 encoding ({NAME_IT})"
                            if utf8
                            else f"text in the encoding {display_name(self.encoding)} "
                            "(--encoding), which this line is not written in; name the "
                            "file's own encoding, or save it as UTF-8 and leave --encoding out"
                        ),
                    )
                    return

    def _csv_rows(self, src: SourceFile) -> Iterator[tuple[int, dict[str, Any]]]:
        reader = csv.reader(self._lines(src), strict=True)
        try:
            header = next(reader, None)
        except csv.Error as exc:
            self._problem(src, 1, "", "", "a CSV header row: " + csv_error_words(str(exc)))
            return
        if header is None:
            # safeguard's own exports always write the header row: an empty file is more
            # likely a failed export than an entity with no records, so it is said
            self.problems.append(
                Problem(
                    src.name,
                    0,
                    "",
                    "",
                    "the file is empty (not even a header row), so no records were read from "
                    "it. If the export failed, export it again",
                    warning=True,
                )
            )
            return
        header = [h.strip() for h in header]
        known = field_specs(src.entity)
        sep = _other_separator(header, known)
        if sep is not None:
            self._problem(
                src,
                1,
                "",
                "",
                f"columns separated by commas (this file separates them with '{sep}', as some "
                "spreadsheet programs do in countries that write decimals with a comma; save "
                "it again as 'CSV UTF-8 (comma delimited)')",
            )
            return
        keep: list[int] = []
        for i, name in enumerate(header):
            if name in known:
                if name in (header[j] for j in keep):
                    self._problem(src, 1, name, name, "each column only once")
                else:
                    keep.append(i)
            else:
                self._problem(src, 1, "", name, "a known column name, one of: " + ", ".join(known))
        present = {header[i] for i in keep}
        missing = {n for n, s in known.items() if s.required and n not in present}
        for name in missing:
            self._problem(src, 1, name, "", "this column, which is required, in the header row")
        self.missing_columns[src.name] = missing
        width = len(header)
        start = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                reason = str(exc)
                if "end of data" in reason or "EOF" in reason:
                    self._problem(
                        src, start, "", "", "a complete row (the file seems cut off here)"
                    )
                else:
                    self._problem(src, start, "", "", csv_error_words(reason))
                return
            row_number, start = start, reader.line_num + 1
            if not row or (len(row) == 1 and not row[0].strip() and width > 1):
                continue  # blank line
            if row[0].startswith("#"):
                continue  # a comment, such as the example row `safeguard template` writes
            if len(row) != width:
                self._problem(
                    src,
                    row_number,
                    "",
                    f"{len(row)} values",
                    f"{width} values, one for each column in the header"
                    + (" (the file may be cut off)" if len(row) < width else ""),
                )
                continue
            yield row_number, {header[i]: row[i] for i in keep}

    def _jsonl_rows(self, src: SourceFile) -> Iterator[tuple[int, dict[str, Any]]]:
        for row_number, line in enumerate(self._lines(src), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except RecursionError:
                self._problem(
                    src, row_number, "", "", "a JSON object without deeply nested brackets"
                )
                continue
            except ValueError as exc:
                if "digits" in str(exc):  # Python's limit on the length of integers
                    self._problem(
                        src, row_number, "", "", "numbers of at most 4,300 digits in this line"
                    )
                    continue
                cut = not line.endswith("\n")
                self._problem(
                    src,
                    row_number,
                    "",
                    line.strip(),
                    "a complete JSON object on this line"
                    + (" (the file seems cut off here)" if cut else ""),
                )
                continue
            if not isinstance(obj, dict):
                self._problem(src, row_number, "", line.strip(), "a JSON object ({...})")
                continue
            yield row_number, obj


def open_reader(path: str | Path, fmt: str = "auto", *, encoding: str = DEFAULT_ENCODING) -> Any:
    """The reader for a folder: :class:`ExchangeReader` for CSV / JSON Lines (in ``encoding``),
    or the columnar dataset's reader for a folder written by ``safeguard export --format
    parquet`` (which holds its text as UTF-8 whatever ``encoding`` says)."""
    from safeguard.records import parquet

    if fmt == "parquet" or (fmt == "auto" and parquet.is_parquet_dataset(path)):
        return parquet.ParquetReader(path)
    return ExchangeReader(path, fmt, encoding=encoding)


def _other_separator(header: list[str], known: Mapping[str, Any]) -> str | None:
    """The separator of a spreadsheet export that used another one than ',' (or None)."""
    if len(header) != 1 or header[0] in known:
        return None
    try:
        dialect = csv.Sniffer().sniff(header[0], delimiters=";\t|")
    except csv.Error:
        return None
    names = header[0].split(dialect.delimiter)
    if len(names) > 1 and any(n.strip().strip('"') in known for n in names):
        return "tab" if dialect.delimiter == "\t" else dialect.delimiter
    return None


def csv_error_words(reason: str) -> str:
    """Python's csv error text in plain words."""
    if "new-line character seen in unquoted field" in reason:
        return (
            "lines that end in the ordinary way (a line break, or a carriage return, sits "
            "inside a value that is not in quotes; save the file again as CSV UTF-8)"
        )
    if "expected after" in reason and "quotechar" in reason or "'\"'" in reason:
        return (
            "well-formed CSV (a value in double quotes is followed by more text; a double "
            'quote inside a quoted value must be written twice, "")'
        )
    if "unexpected end of data" in reason:
        return "well-formed CSV (the file ends inside a value: a closing double quote is missing)"
    if "field larger than field limit" in reason:
        return "well-formed CSV (a value is far too long: a closing double quote may be missing)"
    return "well-formed CSV (the file could not be read as comma-separated values)"


# --- parsing ----------------------------------------------------------------------------

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME_RE = re.compile(
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$"
)
# Day-first forms, read only when the import is told the file writes dates that way.
_DAYFIRST_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
# Text that no file may hold: NUL, and halves of a UTF-16 pair on their own.
_BAD_TEXT_RE = re.compile("[\x00\ud800-\udfff]")
_ID_RE = re.compile(ID_CHARACTERS)


def _dayfirst(value: str, kind: int) -> str | None:
    """``DD/MM/YYYY[ HH:MM[:SS]]`` as ISO 8601 (None if it is not that form)."""
    m = _DAYFIRST_RE.match(value)
    if m is None:
        return None
    day, month, year, hh, mm, ss = m.groups()
    text = f"{year}-{int(month):02d}-{int(day):02d}"
    if hh is not None:
        if kind == _DATE:
            return None
        text += f"T{int(hh):02d}:{mm}:{ss or '00'}"
    return text


def _expected_for(spec: FieldSpec | None, err: Mapping[str, Any]) -> str:
    kind = err["type"]
    if kind == "missing":
        return "a value (this field is required)"
    if kind == "extra_forbidden":
        return "no such field (it is not part of the exchange format)"
    if kind == "string_too_long":
        return f"at most {err.get('ctx', {}).get('max_length')} characters"
    if kind == "string_too_short":
        return "a value that is not empty"
    if kind == "string_pattern_mismatch":
        return ID_EXPECTED
    bound = {
        "less_than_equal": ("no more than", "le"),
        "less_than": ("less than", "lt"),
        "greater_than_equal": ("at least", "ge"),
        "greater_than": ("more than", "gt"),
    }.get(kind)
    if bound is not None:
        words, key = bound
        return f"a number {words} {err.get('ctx', {}).get(key)}"
    if kind == "value_error":  # a rule between two fields of the record, in words
        return str(err.get("msg", "")).removeprefix("Value error, ")
    if spec is not None:
        return spec.expected
    return str(err.get("msg", "a valid value"))


#: What an id may look like, in plain words.
ID_EXPECTED = (
    "an id made of letters, digits and the characters . _ - : (starting with a letter or "
    "digit, no spaces or slashes)"
)


def to_utc_naive(value: datetime) -> datetime:
    """A time as the naive UTC instant safeguard holds (see :mod:`safeguard.records.clock`)."""
    return clock.read_instant(value)[0]


_TEXT, _DATE, _DATETIME, _BOOL, _LIST = range(5)
_CODES = {"date": _DATE, "datetime": _DATETIME, "bool": _BOOL, "list": _LIST}
_PLANS: dict[str, tuple[dict[str, int], tuple[str, ...]]] = {}


def _plan(entity: str) -> tuple[dict[str, int], tuple[str, ...]]:
    """Per-field conversion codes, and the date-time fields (computed once per entity)."""
    plan = _PLANS.get(entity)
    if plan is None:
        specs = field_specs(entity)
        codes = {n: _CODES.get(sp.kind, _TEXT) for n, sp in specs.items()}
        plan = codes, tuple(n for n, sp in specs.items() if sp.kind == "datetime")
        _PLANS[entity] = plan
    return plan


def _bad_text(value: str) -> str | None:
    """Why a text value cannot be held (None if it can)."""
    m = _BAD_TEXT_RE.search(value)
    if m is None:
        return None
    if m.group() == "\x00":
        return "text without NUL characters (character code 0, which no text field may hold)"
    return "text without broken characters (an unpaired UTF-16 surrogate, such as \\ud800)"


def parse_row(
    entity: str,
    raw: Mapping[str, Any],
    *,
    fmt: Format,
    file: str,
    row: int,
    dayfirst: bool = False,
) -> tuple[Record | None, list[Problem]]:
    """Validate one raw row against its model.

    Returns the model (date-times as naive UTC instants, see :mod:`safeguard.records.clock`)
    and the row's warnings, or ``None`` and every problem found in the row (warnings
    included). With ``dayfirst``, dates may be written ``DD/MM/YYYY [HH:MM[:SS]]``.
    Empty text means "not recorded", as an empty CSV cell does.
    """
    codes, datetimes = _plan(entity)
    problems: list[Problem] = []
    data: dict[str, Any] = {}
    csv_form = fmt == "csv"
    for name, value in raw.items():
        code = codes.get(name)
        if code is None:
            data[name] = value  # reported by pydantic as an unknown field
            continue
        if value is None:
            continue
        if isinstance(value, str):
            if not value or value.isspace():
                continue  # not recorded: default applies, or "required" is reported
            if not csv_form:
                why = _bad_text(value)
                if why is not None:
                    problems.append(Problem(file, row, name, show(value), why))
                    continue
        elif isinstance(value, list) and not csv_form:
            why = next((w for w in (_bad_text(v) for v in value if isinstance(v, str)) if w), None)
            if why is not None:
                problems.append(Problem(file, row, name, show(value), why))
                continue
        if csv_form:
            if code == _LIST:
                items = decode_list(value)
                if items is None:
                    problems.append(
                        Problem(file, row, name, show(value), field_specs(entity)[name].expected)
                    )
                    continue
                value = items
            elif code == _BOOL:
                low = value.strip().lower()
                value = True if low == "true" else False if low == "false" else value
        if code in (_DATE, _DATETIME):
            pattern = _DATE_RE if code == _DATE else _DATETIME_RE
            text = value.strip() if isinstance(value, str) else None
            if text is not None and dayfirst and "/" in text:
                text = _dayfirst(text, code)
            if text is None or not pattern.match(text):
                expected = field_specs(entity)[name].expected
                if isinstance(value, str) and "/" in value and not dayfirst:
                    expected += (
                        " (this looks like a date written day first, such as 01/02/2025; "
                        "if the file writes dates that way, import it with --dayfirst)"
                    )
                problems.append(Problem(file, row, name, show(value), expected))
                continue
            value = text
        data[name] = value
    try:
        record = ENTITIES[entity].model_validate(data)
    except ValidationError as exc:
        specs = field_specs(entity)
        seen = {p.field for p in problems}
        for err in exc.errors(include_url=False):
            loc = err["loc"]
            name = str(loc[0]) if loc else ""
            if name in seen:
                continue
            seen.add(name)
            problems.append(
                Problem(file, row, name, show(raw.get(name)), _expected_for(specs.get(name), err))
            )
        return None, problems
    if problems:
        return None, problems
    values = record.__dict__
    warnings: list[Problem] = []
    for name in datetimes:
        value = values[name]
        if value is None:
            continue
        try:
            instant, kind = clock.read_instant(value)
        except OverflowError:
            problems.append(
                Problem(
                    file, row, name, show(raw.get(name)), "a date and time between years 1 and 9999"
                )
            )
            continue
        if kind == "nonexistent":
            problems.append(
                Problem(
                    file,
                    row,
                    name,
                    show(raw.get(name)),
                    "a time that exists in UK local time (the clocks went forward an hour "
                    "then, so this time never happened; write it with its offset, such as "
                    "+00:00, if the system recorded it in UTC)",
                )
            )
            continue
        if kind == "ambiguous":
            warnings.append(
                Problem(
                    file,
                    row,
                    name,
                    show(raw.get(name)),
                    "this UK local time happened twice (the clocks went back an hour); it "
                    "was read as the first, in summer time. Write it with its offset "
                    "(+01:00 or +00:00) to be exact",
                    warning=True,
                )
            )
        values[name] = instant
    if problems:
        return None, problems + warnings
    return record, warnings


def read_records(
    path: str | Path, fmt: str = "auto"
) -> Iterator[tuple[str, int, Record | None, list[Problem]]]:
    """Convenience: ``(entity, row, model or None, problems)`` for every row of a folder.

    File-level problems are not included; use :class:`ExchangeReader` for those.
    """
    reader = ExchangeReader(path, fmt)
    fmts = {f.entity: f for f in reader.files}
    for entity, row, raw in reader:
        src = fmts[entity]
        record, problems = parse_row(entity, raw, fmt=src.fmt, file=src.name, row=row)
        problems = [p for p in problems if not p.warning]
        yield entity, row, record, problems


__all__ = [
    "ID_EXPECTED",
    "ExchangeReader",
    "ExchangeWriter",
    "FieldSpec",
    "Problem",
    "SourceFile",
    "columns",
    "decode_list",
    "encode_list",
    "field_specs",
    "find_files",
    "open_reader",
    "parse_row",
    "read_records",
    "record_values",
    "show",
    "to_utc_naive",
    "unreadable",
]

"""The columnar exchange format: one Parquet dataset per entity, for large and national sets.

Layout (Hive-style partitions, readable by Spark, Dask, DuckDB, Athena and pandas)::

    OUT/_safeguard.json                                   format, version, buckets
    OUT/<entity>/force=<force>/bucket=<nnn>/part-<k>.parquet

Every record of a child lies in the same ``(force, bucket)`` partition, where the bucket is a
stable hash of the child id (:func:`bucket_of`), so a worker can rebuild and audit whole cases
from one partition without reading any other. Columns and their meaning are those of the
CSV/JSON Lines format (docs/exchange-format.md); dates are Parquet dates, date-times are UTC
timestamps, lists are lists of text.

Reading goes through the same validation as CSV and JSON Lines (:func:`parse_row`): each row
is turned into the JSON form and checked, and a problem names the file, the row (1-based
within that file) and the field.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from safeguard.install import install_command
from safeguard.records.io import Problem, field_specs, show
from safeguard.records.schema import ENTITIES, Record

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa

    from safeguard.records.case import Case

MARKER = "_safeguard.json"
FORMAT = "safeguard-parquet"
VERSION = 1
#: Default number of hash buckets per force: enough partitions to keep every core of a
#: cluster busy, few enough that each file is worth opening.
DEFAULT_BUCKETS = 64
#: Rows held per (entity, partition) before a part file is written.
ROWS_PER_PART = 50_000
FORCE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class ParquetMissing(RuntimeError):
    """pyarrow is not installed."""


def _pa() -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet  # noqa: F401
    except ModuleNotFoundError:
        raise ParquetMissing(
            "the Parquet format needs the 'scale' extra: " + install_command("scale")
        ) from None
    return pa


def bucket_of(child_id: str, buckets: int) -> int:
    """The partition of a child: stable across processes, machines and Python versions."""
    digest = hashlib.blake2b(child_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % buckets


def is_parquet_dataset(path: str | Path) -> bool:
    return (Path(path) / MARKER).is_file()


def _arrow_type(kind: str) -> Any:
    pa = _pa()
    return {
        "date": pa.date32(),
        "datetime": pa.timestamp("us", tz="UTC"),
        "bool": pa.bool_(),
        "int": pa.int64(),
        "list": pa.list_(pa.string()),
    }.get(kind, pa.string())


def arrow_schema(entity: str) -> pa.Schema:
    pa = _pa()
    return pa.schema([pa.field(n, _arrow_type(sp.kind)) for n, sp in field_specs(entity).items()])


def _cell(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)  # the store holds instants as UTC
    return value


def _partition_dir(root: Path, entity: str, force: str, bucket: int) -> Path:
    return root / entity / f"force={force}" / f"bucket={bucket:03d}"


class ParquetWriter:
    """Writes whole cases into a columnar dataset, partitioned by force and child bucket.

    Re-exporting the same force replaces that force's partitions and leaves other forces'
    partitions in place, so a national dataset is built by exporting each force into one
    folder.
    """

    def __init__(self, directory: str | Path, force: str, buckets: int = DEFAULT_BUCKETS):
        if not FORCE_RE.match(force):
            raise ValueError(
                f"force name {force!r}: use letters, digits, '.', '_' or '-' (at most 64)"
            )
        if buckets < 1:
            raise ValueError("buckets must be 1 or more")
        self.root = Path(directory)
        self.force = force
        self.buckets = buckets
        self.counts: dict[str, int] = {e: 0 for e in ENTITIES}
        self._rows: dict[tuple[str, int], list[list[Any]]] = {}
        self._parts: dict[tuple[str, int], int] = {}
        self._columns = {e: list(field_specs(e)) for e in ENTITIES}
        self.root.mkdir(parents=True, exist_ok=True)
        marker = self.root / MARKER
        if marker.exists():
            meta = json.loads(marker.read_text(encoding="utf-8"))
            if meta.get("buckets") != buckets:
                raise ValueError(
                    f"{self.root} was written with {meta.get('buckets')} buckets; "
                    f"use the same number ({buckets} given)"
                )
        import shutil

        for entity in ENTITIES:  # replace this force's earlier export, if any
            shutil.rmtree(self.root / entity / f"force={force}", ignore_errors=True)

    def write_case(self, case: Case) -> None:
        from safeguard.records.case import case_records

        b = bucket_of(case.child.id, self.buckets)
        for entity, record in case_records(case):
            cols = self._columns[entity]
            rows = self._rows.setdefault((entity, b), [[] for _ in cols])
            values = record.__dict__
            for i, name in enumerate(cols):
                rows[i].append(_cell(values[name]))
            self.counts[entity] += 1
            if len(rows[0]) >= ROWS_PER_PART:
                self._flush(entity, b)

    def _flush(self, entity: str, b: int) -> None:
        pa = _pa()
        import pyarrow.parquet as pq

        rows = self._rows.pop((entity, b), None)
        if not rows or not rows[0]:
            return
        schema = arrow_schema(entity)
        table = pa.Table.from_arrays(
            [pa.array(col, type=schema.field(i).type) for i, col in enumerate(rows)],
            schema=schema,
        )
        part = self._parts.get((entity, b), 0)
        self._parts[(entity, b)] = part + 1
        d = _partition_dir(self.root, entity, self.force, b)
        d.mkdir(parents=True, exist_ok=True)
        tmp = d / f".part-{part:05d}.parquet.tmp"
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, d / f"part-{part:05d}.parquet")

    def close(self) -> None:
        for entity, b in list(self._rows):
            self._flush(entity, b)
        meta = {"format": FORMAT, "version": VERSION, "buckets": self.buckets}
        (self.root / MARKER).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")

    def __enter__(self) -> ParquetWriter:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is None:
            self.close()


def export_parquet(
    cases: Iterable[Case], out_dir: str | Path, force: str, buckets: int = DEFAULT_BUCKETS
) -> dict[str, int]:
    """Write ``cases`` as a columnar dataset; returns entity -> records written."""
    with ParquetWriter(out_dir, force, buckets) as writer:
        for case in cases:
            writer.write_case(case)
    return dict(writer.counts)


# --- reading ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Partition:
    force: str
    bucket: int

    @property
    def label(self) -> str:
        return f"force={self.force}/bucket={self.bucket:03d}"


@dataclass
class ParquetFile:
    """One part file of one entity (the reader's counterpart of a CSV file)."""

    entity: str
    path: Path
    name: str  # shown in problems: <entity>/force=../bucket=../part-k.parquet
    fmt: str = "parquet"


def partitions(path: str | Path) -> list[Partition]:
    """Every ``(force, bucket)`` partition that holds children, in a stable order."""
    root = Path(path) / "children"
    out: list[Partition] = []
    if not root.is_dir():
        return out
    for fdir in sorted(root.glob("force=*")):
        for bdir in sorted(fdir.glob("bucket=*")):
            try:
                out.append(Partition(fdir.name[6:], int(bdir.name[7:])))
            except ValueError:
                continue
    return out


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


class ParquetReader:
    """Iterates ``(entity, row_number, raw_dict)`` over a columnar dataset, like
    :class:`~safeguard.records.io.ExchangeReader` does over CSV and JSON Lines, so the same
    validation applies. ``only`` limits reading to some partitions (a worker's share)."""

    def __init__(self, path: str | Path, only: Iterable[Partition] | None = None):
        self.root = Path(path)
        self.problems: list[Problem] = []
        self.missing_columns: dict[str, set[str]] = {}
        self.rows_read: dict[str, int] = {}
        self.files: list[ParquetFile] = []
        #: The file the last row came from (problems name it).
        self.current_file: str | None = None
        wanted = None if only is None else {(p.force, p.bucket) for p in only}
        try:
            meta = json.loads((self.root / MARKER).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            meta = {}
        if meta.get("format") != FORMAT:
            self.problems.append(
                Problem(MARKER, 0, "format", show(meta.get("format")), f"{FORMAT!r}")
            )
            return
        if meta.get("version") != VERSION:
            self.problems.append(
                Problem(MARKER, 0, "version", show(meta.get("version")), f"{VERSION}")
            )
            return
        for entity in ENTITIES:
            for part in sorted((self.root / entity).glob("force=*/bucket=*/part-*.parquet")):
                force, bucket = part.parent.parent.name[6:], part.parent.name[7:]
                try:
                    key = (force, int(bucket))
                except ValueError:
                    continue
                if wanted is not None and key not in wanted:
                    continue
                rel = part.relative_to(self.root).as_posix()
                self.files.append(ParquetFile(entity, part, rel))

    def __iter__(self) -> Iterator[tuple[str, int, dict[str, Any]]]:
        for src in self.files:
            self.rows_read.setdefault(src.entity, 0)
            self.current_file = src.name
            for row_number, raw in self._rows(src):
                self.rows_read[src.entity] += 1
                yield src.entity, row_number, raw

    def iter_for(self, entity: str) -> Iterator[tuple[int, dict[str, Any]]]:
        for src in self.files:
            if src.entity == entity:
                yield from self._rows(src)

    def _rows(self, src: ParquetFile) -> Iterator[tuple[int, dict[str, Any]]]:
        import pyarrow.parquet as pq

        _pa()
        known = field_specs(src.entity)
        try:
            pf = pq.ParquetFile(src.path)
        except Exception as exc:  # noqa: BLE001 - any unreadable file is reported, not raised
            self.problems.append(
                Problem(src.name, 0, "", "", f"a readable Parquet file ({type(exc).__name__})")
            )
            return
        names = pf.schema_arrow.names
        unknown = [n for n in names if n not in known]
        for n in unknown:
            self.problems.append(
                Problem(src.name, 0, "", n, "a known column name, one of: " + ", ".join(known))
            )
        missing = {n for n, sp in known.items() if sp.required and n not in names}
        for n in sorted(missing):
            self.problems.append(Problem(src.name, 0, n, "", "this column, which is required"))
        self.missing_columns[src.name] = missing
        keep = [n for n in names if n in known]
        row = 0
        for batch in pf.iter_batches(batch_size=8192, columns=keep):
            cols = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
            for values in zip(*cols, strict=True):
                row += 1
                yield row, {n: _json_value(v) for n, v in zip(keep, values, strict=True)}


def read_partition(path: str | Path, part: Partition) -> tuple[list[Case], list[Problem]]:
    """Every case in one partition, checked as an import checks them (types, required fields,
    references within the partition); with problems, no cases."""
    from safeguard.records.case import build_cases
    from safeguard.records.io import parse_row

    reader = ParquetReader(path, only=[part])
    records: dict[str, list[Record]] = {e: [] for e in ENTITIES}
    problems: list[Problem] = []
    for src in reader.files:
        for row, raw in reader._rows(src):
            record, row_problems = parse_row(src.entity, raw, fmt="jsonl", file=src.name, row=row)
            if record is None:
                problems.extend(row_problems)
            else:
                records[src.entity].append(record)
    problems = reader.problems + problems
    if problems:
        return [], problems
    children = sorted(records["children"], key=lambda c: c.id)
    return build_cases(children, records), []  # type: ignore[arg-type]


__all__ = [
    "DEFAULT_BUCKETS",
    "MARKER",
    "ParquetMissing",
    "ParquetReader",
    "ParquetWriter",
    "Partition",
    "bucket_of",
    "export_parquet",
    "is_parquet_dataset",
    "partitions",
    "read_partition",
]

"""``safeguard export OUT_DIR``: write the stored case records back to the exchange format."""

from __future__ import annotations

import argparse
from typing import Any

NEEDS = ("store",)

EXAMPLES = """
  safeguard export backup --db cases.db               # CSV files, one per kind of record
  safeguard export backup --db cases.db --format jsonl --overwrite
  safeguard export national --format parquet --force "Metropolitan Police"   # a force's partition
"""


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "export",
        help="write the stored case records to a folder of CSV or JSON Lines files",
        description=(
            "Write every stored record to OUT_DIR, one file per kind of record, in the same "
            "format `safeguard import` reads (see docs/exchange-format.md)."
        ),
    )
    p.add_argument(
        "out_dir",
        metavar="OUT_DIR",
        help="folder to write (created if needed; must be empty unless --overwrite)",
    )
    p.add_argument(
        "--db", metavar="URL", help="database address (default: $SAFEGUARD_DB or a local file)"
    )
    p.add_argument(
        "--format",
        choices=["csv", "jsonl", "parquet"],
        default="csv",
        help=(
            "file format (default: csv); parquet writes a columnar dataset partitioned by force "
            "and child, for the distributed audit (needs safeguard[scale]; docs/scale.md)"
        ),
    )
    p.add_argument(
        "--force",
        metavar="NAME",
        default="force",
        help="parquet only: the force these records belong to (its partition name)",
    )
    p.add_argument(
        "--buckets",
        type=int,
        metavar="N",
        help="parquet only: child partitions per force (default 64; keep it the same "
        "for every force written into one folder)",
    )
    p.add_argument(
        "--overwrite",
        action="store_true",
        help="write into a folder that already holds files (files of the same name are replaced; "
        "a parquet dataset may always gain another force)",
    )
    return p


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from safeguard.cli import UserError
    from safeguard.store.engine import StoreUnavailable, open_store
    from safeguard.store.export import export
    from safeguard.store.names import count_of, join

    out = Path(args.out_dir)
    if out.exists() and not out.is_dir():
        raise UserError(f"{out} is a file; give a folder to write the records into")
    if args.format != "parquet" and out.is_dir() and not args.overwrite and any(out.iterdir()):
        raise UserError(
            f"{out} is not empty; give an empty or new folder, or add --overwrite to replace the "
            "files of the same name there"
        )
    try:
        engine = open_store(args.db, create=False)
    except StoreUnavailable as exc:
        raise UserError(str(exc)) from exc
    try:
        if args.format == "parquet":
            counts = _export_parquet(engine, out, args.force, args.buckets)
        else:
            counts = export(engine, out, args.format)
    except OSError as exc:
        raise UserError(f"could not write to {out}: {exc.strerror}") from exc
    parts = [count_of(e, n) for e, n in counts.items() if n]
    print(f"Exported {join(parts)} to {out}.")
    return 0


def _export_parquet(engine: Any, out: Any, force: str, buckets: int | None) -> dict[str, int]:
    from safeguard.cli import UserError
    from safeguard.records.parquet import DEFAULT_BUCKETS, ParquetMissing, export_parquet
    from safeguard.store.read import iter_cases

    try:
        return export_parquet(iter_cases(engine), out, force, buckets or DEFAULT_BUCKETS)
    except ParquetMissing as exc:
        raise UserError(str(exc)) from None
    except ValueError as exc:
        raise UserError(str(exc)) from None

"""``safeguard import PATH``: check a folder of exchange files, then load it in one go."""

from __future__ import annotations

import argparse
import sys
from typing import Any

#: Problems printed before the rest are only counted.
SHOW_PROBLEMS = 200


_REFUSED = (
    "the database refused the import, so nothing was imported ({}; was another import "
    "running at the same time?)"
)


def _database_error(exc: BaseException, sqlalchemy_error: type) -> bool:
    """An error from the database (through SQLAlchemy or the PostgreSQL driver directly)."""
    return isinstance(exc, sqlalchemy_error) or type(exc).__module__.startswith("psycopg")


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "import",
        help="check and load case records (a folder of CSV or JSON Lines files)",
        description=(
            "Check every file in PATH (one file per kind of record, see docs/exchange-format.md). "
            "If anything is wrong, every problem is listed and nothing is imported. Otherwise "
            "all records are loaded together; records already held (same id) are updated."
        ),
    )
    p.add_argument("path", metavar="PATH", help="folder of exchange files (or one file)")
    p.add_argument(
        "--db", metavar="URL", help="database address (default: $SAFEGUARD_DB or a local file)"
    )
    p.add_argument(
        "--format",
        choices=["auto", "csv", "jsonl", "parquet"],
        default="auto",
        help=(
            "file format (default: auto, from each file's extension; a folder written by "
            "'safeguard export --format parquet' is read as Parquet)"
        ),
    )
    return p


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sqlalchemy.exc import SQLAlchemyError

    from safeguard.cli import UserError
    from safeguard.records.validate import validate
    from safeguard.store.engine import StoreUnavailable, open_store
    from safeguard.store.load import StreamingLoad, load
    from safeguard.store.names import count_of, join

    path = Path(args.path)
    if not path.exists():
        raise UserError(f"{path} does not exist; give the folder holding the exchange files")
    try:
        engine = open_store(args.db)
    except StoreUnavailable as exc:
        raise UserError(str(exc)) from exc
    print(f"Checking {path} ...", file=sys.stderr)
    # PostgreSQL loads while the files are checked (one transaction, committed only if every
    # record is valid); SQLite loads after the check from a temporary spool file.
    stream = StreamingLoad(engine) if engine.dialect.name == "postgresql" else None
    try:
        result = validate(path, args.format, engine, sink=stream)
    except BaseException as exc:
        if stream:
            stream.rollback()
        if _database_error(exc, SQLAlchemyError):
            raise UserError(_REFUSED.format(type(exc).__name__)) from exc
        raise
    try:
        if stream and (not result.ok or not result.counts):
            stream.rollback()
        if not result.ok:
            for problem in result.problems[:SHOW_PROBLEMS]:
                print(problem)
            rest = result.problem_count - min(SHOW_PROBLEMS, len(result.problems))
            if rest > 0:
                print(f"... and {rest:,} more problems.")
            n = result.problem_count
            print(
                f"Found {n:,} problem{'s' if n != 1 else ''} in the files. Nothing was imported: "
                "fix the problems and run the import again.",
                file=sys.stderr,
            )
            return 2
        if not result.counts:
            raise UserError(
                f"{path} holds no records; expected files such as children.csv or notes.jsonl "
                "(see docs/exchange-format.md)"
            )
        total = sum(result.counts.values())
        print(f"All {total:,} records are valid; loading them ...", file=sys.stderr)
        try:
            if stream:
                added_updated = stream.commit()
            else:
                assert result.spool is not None
                added_updated = load(engine, result.spool.batches())
        except Exception as exc:
            if _database_error(exc, SQLAlchemyError):
                raise UserError(_REFUSED.format(type(exc).__name__)) from exc
            raise
    finally:
        result.close()
    parts = []
    updated_total = 0
    for entity, (added, updated) in added_updated.items():
        parts.append(count_of(entity, added + updated))
        updated_total += updated
    print(f"Imported {join(parts)}.")
    if updated_total:
        print(
            f"{updated_total:,} of these were already held and have been updated "
            "(same id in the force's system); the rest are new."
        )
    return 0

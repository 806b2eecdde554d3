"""``safeguard import PATH``: check a folder of exchange files, then load it in one go."""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from typing import Any

NEEDS = ("store",)
log = logging.getLogger("safeguard")  # notes on standard error; -q hides them (safeguard.cli)

#: Problems (and warnings) printed before the rest are only counted.
SHOW_PROBLEMS = 200
SHOW_WARNINGS = 20
#: Times the check and load are tried when another import writes in between (SQLite).
IMPORT_ATTEMPTS = 3


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "import",
        help="check and load case records (a folder of CSV or JSON Lines files)",
        description=(
            "Check every file in PATH (one file per kind of record, see docs/exchange-format.md). "
            "If anything is wrong, every problem is listed and nothing is imported. Otherwise "
            "all records are loaded together; records already held (same id) are updated. "
            "Dates are written 2025-02-01; times 2025-02-01T13:00:00 or 2025-02-01 13:00, read "
            "as UK local time (with summer time) unless they carry an offset such as +00:00."
        ),
        epilog=(
            "examples:\n"
            "  safeguard import --check exports/2025-03   check the files, import nothing\n"
            "  safeguard import exports/2025-03           check, then load into the local store\n"
            "  safeguard import --dayfirst exports/      dates written 01/02/2025 (day first)\n"
            "  safeguard import exports/ --db postgresql+psycopg://safeguard@dbhost/safeguard"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
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
    p.add_argument(
        "--check",
        action="store_true",
        help=(
            "check the files and list every problem, but import nothing (references to records "
            "already held are checked against the store if it exists)"
        ),
    )
    p.add_argument(
        "--dayfirst",
        action="store_true",
        help="the files write dates day first, as 01/02/2025 or 01/02/2025 13:00 (1 February)",
    )
    p.add_argument(
        "--encoding",
        metavar="NAME",
        default="utf-8",
        help=(
            "the CSV and JSON Lines files' text encoding (default: utf-8); cp1252 for a CSV "
            "that Excel on Windows saved as 'CSV (Comma delimited)'"
        ),
    )
    return p


class _Progress:
    """A progress bar with an estimate, on the terminal only (nothing when piped or logged)."""

    def __init__(self, total: int, desc: str) -> None:
        from tqdm import tqdm

        self.bar = tqdm(
            total=total or None,
            desc=desc,
            unit="B",
            unit_scale=True,
            unit_divisor=1024,
            file=sys.stderr,
            # off when stderr is not a terminal, or with -q
            disable=None if log.isEnabledFor(logging.INFO) else True,
            leave=False,
            dynamic_ncols=True,
        )
        self.done = 0

    def __call__(self, done: int) -> None:
        if done > self.done:
            self.bar.update(done - self.done)
            self.done = done

    def close(self) -> None:
        self.bar.close()


def _classify(exc: BaseException) -> str:
    """A database failure in plain words (no internal detail, no personal data)."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    code = getattr(getattr(exc, "orig", exc), "sqlstate", None) or ""
    if "disk is full" in text or "no space left" in text or code == "53100":
        return (
            "the database ran out of disk space, so nothing was imported; free some space "
            "on the disk that holds the database and run the import again"
        )
    if "0x00" in text or "nul" in text.split():
        return (
            "a value holds a NUL character, which the database cannot store, so nothing was "
            "imported; remove it from the file and run the import again"
        )
    if (
        "locked" in text
        or "busy" in text
        or code in ("40001", "40P01", "55P03", "23505", "42P07")
        or "duplicate key" in text
        or "already exists" in text
    ):
        return (
            "another import or program was writing to the database at the same time, so "
            "nothing was imported; run the import again when it has finished"
        )
    if "read-only" in text or "readonly" in text or "permission denied" in text:
        return (
            "safeguard may not write to the database (it is read-only or permission is "
            "missing), so nothing was imported"
        )
    return (
        f"the database refused the import ({type(getattr(exc, 'orig', None) or exc).__name__}), "
        "so nothing was imported"
    )


def _is_database_error(exc: BaseException) -> bool:
    from sqlalchemy.exc import SQLAlchemyError

    return isinstance(exc, SQLAlchemyError) or type(exc).__module__.startswith(
        ("psycopg", "sqlite3")
    )


def _os_message(exc: OSError) -> str:
    import errno
    import tempfile

    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return (
            f"the disk is full (the temporary folder {tempfile.gettempdir()} or the database's "
            "disk), so nothing was imported; free some space, or set TMPDIR to a folder on "
            "a disk with room, and run the import again"
        )
    return f"could not read or write a file ({exc.strerror or exc}), so nothing was imported"


def _existing_store(url: str | None) -> Any | None:
    """The store for ``--check``: opened only if it already exists (never created)."""
    from pathlib import Path

    from sqlalchemy.engine import make_url

    from safeguard.store.engine import default_db_url, open_store

    target = url or default_db_url()
    try:
        parsed = make_url(target)
    except Exception:
        return open_store(url)  # reports the bad address in plain words
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if not db or db == ":memory:" or not Path(db).expanduser().exists():
            return None
    return open_store(url)


def _print(lines: list[str], file: Any = None) -> None:
    for line in lines:
        print(line, file=file or sys.stdout)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from safeguard.cli import UserError
    from safeguard.encodings import UnknownEncoding, text_encoding
    from safeguard.records.io import unreadable
    from safeguard.store.engine import StoreUnavailable, open_store
    from safeguard.store.names import count_of, join
    from safeguard.store.unchanged import StoreChanged

    path = Path(args.path)
    if not path.exists() and not path.is_symlink():
        raise UserError(f"{path} does not exist; give the folder holding the exchange files")
    why = unreadable(path)
    if why is not None:
        raise UserError(f"{path}: expected {why}")
    try:
        args.encoding = text_encoding(args.encoding)
    except UnknownEncoding as exc:
        raise UserError(f"--encoding: {exc}") from exc
    try:
        engine = _existing_store(args.db) if args.check else open_store(args.db)
    except StoreUnavailable as exc:
        raise UserError(str(exc)) from exc
    except Exception as exc:
        if _is_database_error(exc):
            raise UserError(_classify(exc)) from exc
        raise
    # On SQLite another import may write between this import's check and its load; the rows
    # skipped as unchanged were compared with what it replaced, so the check is run again
    # (quickly: what the other import wrote is skipped as unchanged in its turn).
    for attempt in range(1, IMPORT_ATTEMPTS + 1):
        try:
            outcome = _check_and_load(engine, path, args)
        except StoreChanged as exc:
            if attempt == IMPORT_ATTEMPTS:
                raise UserError(
                    "another import kept changing the records held while this one was being "
                    "checked, so nothing was imported; run the import again"
                ) from exc
            log.info("Another import wrote records while these were checked; checking again ...")
            continue
        break
    if isinstance(outcome, int):
        return outcome
    result, added_updated, touched = outcome
    parts = []
    updated_total = same_total = 0
    # Every valid record read, per entity (those held unchanged were not handed to the load).
    for entity in {**result.counts, **added_updated}:
        added, updated = added_updated.get(entity, (0, 0))
        parts.append(count_of(entity, result.counts.get(entity, added + updated)))
        updated_total += updated
        same_total += result.counts.get(entity, added + updated) - added - updated
    print(f"Imported {join(parts)}.")
    if updated_total:
        print(
            f"{updated_total:,} of these were already held and have been updated "
            "(same id in the force's system, new details)."
        )
    if same_total:
        print(
            f"{same_total:,} of these were already held with the same details, so nothing "
            "was written for them."
        )
    _reaudit(engine, touched.child_ids(engine))
    return 0


def _reaudit(engine: Any, child_ids: list[str]) -> None:
    """Bring the stored audit results up to date for the children the import touched."""
    from safeguard.audit.runner import default_jobs
    from safeguard.engine.results import refresh_children

    if not child_ids:  # (nothing to load, not even the rules, when no child's records changed)
        print(
            "Audit results updated: 0 children re-audited, 0 unchanged (no child's records "
            "changed, so every child's audit result stands as it was)."
        )
        return
    log.info(f"Updating the audit of {len(child_ids):,} children ...")
    done = refresh_children(engine, child_ids, jobs=default_jobs())
    print(
        f"Audit results updated: {done.audited:,} children re-audited, {done.reused:,} unchanged."
    )


def _show_warnings(result: Any) -> None:
    lines = [str(w) for w in result.warnings[:SHOW_WARNINGS]]
    rest = result.warning_count - len(lines)
    if rest > 0:
        lines.append(f"... and {rest:,} more warnings.")
    with contextlib.suppress(BrokenPipeError):
        _print(lines, sys.stderr)


def _show_problems(result: Any) -> int:
    """Print the problems; the import failed, so exit 2 even if the reader went away."""
    lines = [str(p) for p in result.problems[:SHOW_PROBLEMS]]
    rest = result.problem_count - min(SHOW_PROBLEMS, len(result.problems))
    if rest > 0:
        lines.append(f"... and {rest:,} more problems.")
    try:
        _print(lines)
        sys.stdout.flush()
    except BrokenPipeError:
        from safeguard.cli import silence_stdout

        silence_stdout()
    n = result.problem_count
    print(
        f"Found {n:,} problem{'s' if n != 1 else ''} in the files. Nothing was imported: "
        "fix the problems and run the import again.",
        file=sys.stderr,
    )
    return 2


def _check_and_load(engine: Any, path: Any, args: argparse.Namespace) -> Any:
    """Check the files, then load them: an exit code, or (result, added_updated, touched).

    Raises :class:`~safeguard.store.unchanged.StoreChanged` when another import wrote
    records between the check and the load (nothing of this import is written then).
    """
    from safeguard.cli import UserError
    from safeguard.engine.results import TouchedChildren
    from safeguard.records.io import ExchangeReader
    from safeguard.records.validate import validate
    from safeguard.store.load import LoadRefused, StreamingLoad, load
    from safeguard.store.names import count_of, join

    log.info(f"Checking {path} ...")
    total_bytes = ExchangeReader(path, args.format, encoding=args.encoding).total_bytes()
    bar = _Progress(total_bytes, "Checking")
    # PostgreSQL loads while the files are checked (one transaction, committed only if every
    # record is valid); SQLite loads after the check from a temporary spool file.
    stream = None
    # Which children the import changes, so that only they are re-audited afterwards (the
    # load tells it of every record it writes; a record held already unchanged is not).
    touched = TouchedChildren()
    try:
        if engine is not None and not args.check and engine.dialect.name == "postgresql":
            stream = StreamingLoad(engine, changed=touched)
        result = validate(
            path,
            args.format,
            engine,
            sink=stream,
            dayfirst=args.dayfirst,
            encoding=args.encoding,
            progress=bar,
            # rows held exactly as read are not checked again (not for --check: it checks all)
            skip_unchanged=not args.check,
        )
    except BaseException as exc:
        bar.close()
        if stream:
            stream.rollback()
        if isinstance(exc, OSError) and not _is_database_error(exc):
            raise UserError(_os_message(exc)) from exc
        if _is_database_error(exc):
            raise UserError(_classify(exc)) from exc
        raise
    bar.close()
    try:
        if stream and (not result.ok or not result.counts):
            stream.rollback()
        if result.warning_count:
            _show_warnings(result)
        if not result.ok:
            return _show_problems(result)
        if not result.counts:
            from safeguard.records.schema import ENTITIES

            named = path.is_dir() and any(
                (path / f"{e}{ext}").is_file() for e in ENTITIES for ext in (".csv", ".jsonl")
            )
            raise UserError(
                f"{path} holds no records: its files have a header row but no records under it "
                "(rows starting with '#' are examples and are skipped)"
                if named
                else f"{path} holds no records; expected files such as children.csv or "
                "notes.jsonl (see docs/exchange-format.md)"
            )
        total = sum(result.counts.values())
        if args.check:
            print(
                f"All {total:,} records are valid ({join([count_of(e, n) for e, n in result.counts.items()])}). "
                "Nothing was imported (--check)."
            )
            return 0
        if result.unchanged:
            log.info(
                f"{result.unchanged:,} records are the same as when they were last imported, "
                "so they were not checked again."
            )
        log.info(f"All {total:,} records are valid; loading them ...")
        try:
            if stream:
                added_updated = stream.commit(path, encoding=args.encoding)
            else:
                assert result.spool is not None
                load_bar = _Progress(total, "Loading")
                load_bar.bar.unit, load_bar.bar.unit_scale = " records", False
                try:
                    added_updated = load(
                        engine,
                        result.spool.batches(),
                        source=path,
                        encoding=args.encoding,
                        progress=load_bar,
                        changed=touched,
                        generation=result.generation if result.unchanged else None,
                    )
                finally:
                    load_bar.close()
        except LoadRefused as refused:
            result.problems = refused.problems
            result.problem_count = len(refused.problems)
            return _show_problems(result)
        except OSError as exc:
            if _is_database_error(exc):
                raise UserError(_classify(exc)) from exc
            raise UserError(_os_message(exc)) from exc
        except Exception as exc:
            if _is_database_error(exc):
                raise UserError(_classify(exc)) from exc
            raise
    finally:
        result.close()
    return result, added_updated, touched

"""``safeguard access-log verify``: check that no access-log entry was removed or changed."""

from __future__ import annotations

import argparse
from typing import Any

NEEDS = ("store",)

EXAMPLES = """
  safeguard access-log verify --db cases.db   # exit 1 and the first broken entry if any
"""


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "access-log",
        help="check the web app's access log",
        description="Check the web app's access log.",
    )
    sub = p.add_subparsers(dest="log_command", metavar="ACTION")
    verify = sub.add_parser(
        "verify",
        help="check the hash chain: report the first entry removed or changed",
        description=(
            "Walk the access log's hash chain from the first entry. Exit 0 if every entry "
            "follows from the one before; exit 1 and name the first entry that does not "
            "(an entry before it was removed or changed, or it was changed). Note the last "
            "entry's number and hash it prints: a later check showing fewer entries means "
            "entries were cut from the end."
        ),
    )
    verify.add_argument(
        "--db", metavar="URL", help="database address (default: $SAFEGUARD_DB or a local file)"
    )
    return p


def run(args: argparse.Namespace) -> int:
    from safeguard.cli import UserError

    if getattr(args, "log_command", None) != "verify":
        raise UserError("say what to do, for example: safeguard access-log verify")
    from safeguard.store.engine import StoreUnavailable, open_store
    from safeguard.web.accesslog import flush_spool, verify

    try:
        engine = open_store(args.db, create=False)  # never an empty store to call "verified"
    except StoreUnavailable as exc:
        raise UserError(str(exc)) from exc
    try:
        flush_spool(engine)  # entries held while an import had the store, if any
        verdict = verify(engine)
    finally:
        engine.dispose()
    if verdict.intact:
        if verdict.last_id is None:
            print("The access log is empty.")
        else:
            print(
                f"The access log is intact: {verdict.checked} entries checked. Last entry "
                f"number {verdict.last_id}, hash {verdict.last_hash}."
            )
        return 0
    when = verdict.broken_when.isoformat(sep=" ") if verdict.broken_when else "unknown time"
    print(
        f"The access log is BROKEN at entry number {verdict.broken_at} (written {when}): it "
        "does not follow from the entry before it, so an entry before it was removed or "
        f"changed, or this entry was changed. {verdict.checked} entries before it are intact"
        + (f" (up to entry number {verdict.last_id})." if verdict.last_id is not None else ".")
    )
    return 1

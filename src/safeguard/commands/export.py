"""``safeguard export OUT_DIR``: write the stored case records back to the exchange format."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "export",
        help="write the stored case records to a folder of CSV or JSON Lines files",
        description=(
            "Write every stored record to OUT_DIR, one file per kind of record, in the same "
            "format `safeguard import` reads (see docs/exchange-format.md)."
        ),
    )
    p.add_argument("out_dir", metavar="OUT_DIR", help="folder to write (created if needed)")
    p.add_argument(
        "--db", metavar="URL", help="database address (default: $SAFEGUARD_DB or a local file)"
    )
    p.add_argument(
        "--format", choices=["csv", "jsonl"], default="csv", help="file format (default: csv)"
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
    try:
        engine = open_store(args.db)
    except StoreUnavailable as exc:
        raise UserError(str(exc)) from exc
    try:
        counts = export(engine, out, args.format)
    except OSError as exc:
        raise UserError(f"could not write to {out}: {exc.strerror}") from exc
    parts = [count_of(e, n) for e, n in counts.items() if n]
    print(f"Exported {join(parts)} to {out}.")
    return 0

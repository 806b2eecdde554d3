"""``safeguard template DIR``: empty exchange files to fill from a force's own system."""

from __future__ import annotations

import argparse
from typing import Any

EXAMPLES = """
  safeguard template mapping                          # children.csv, notes.csv, ... README.txt
  safeguard import --check mapping                    # once filled in: check, import nothing
  safeguard import mapping --db cases.db
"""


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "template",
        help="write empty files, one per kind of record, to fill from your own system",
        description=(
            "Write one CSV file per kind of record into DIR, each with its header row and an "
            "invented example row commented out with '#', and a README.txt saying what every "
            "column holds. See docs/mapping.md for a worked example of filling them from a "
            "records system's export."
        ),
    )
    p.add_argument("out_dir", metavar="DIR", help="folder to write (created if needed)")
    p.add_argument("--overwrite", action="store_true", help="write into a folder that holds files")
    return p


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from safeguard.cli import UserError
    from safeguard.records.template import write_template

    out = Path(args.out_dir)
    if out.exists() and not out.is_dir():
        raise UserError(f"{out} is a file; give a folder to write the template into")
    if out.is_dir() and not args.overwrite and any(out.iterdir()):
        raise UserError(
            f"{out} is not empty; give an empty or new folder, or add --overwrite to replace the "
            "template files there"
        )
    try:
        written = write_template(out)
    except OSError as exc:
        raise UserError(f"could not write to {out}: {exc.strerror or exc}") from exc
    print(
        f"Wrote {len(written) - 1} files (a header row and an example row commented out with "
        f"'#' each) and README.txt to {out}."
    )
    return 0

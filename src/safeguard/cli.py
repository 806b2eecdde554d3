"""Command-line entry point: a thin dispatcher over ``safeguard.commands``.

Each module in :mod:`safeguard.commands` defines one sub-command with two functions:

* ``add_parser(subparsers)`` – registers the sub-command and its options;
* ``run(args) -> int`` – does the work and returns the exit code.

Command modules must import only the standard library at module level (heavy imports go
inside ``run``) so that ``safeguard --help`` and ``safeguard lint`` start quickly.

Exit codes follow linter conventions: 0 success / nothing found, 1 findings, 2 usage or
input error. When the program reading the output stops early (``safeguard ... | head``),
a command that knows its outcome still returns it; otherwise the exit code is 2, never a
success that did not happen.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from safeguard import __version__, commands

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


class UserError(Exception):
    """An error caused by the user's input or options; printed without a traceback."""


def silence_stdout() -> None:
    """After a broken pipe: send further output nowhere, so exiting does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="safeguard",
        description=(
            "safeguard reads a force's case records about missing and exploited children and "
            "shows, with evidence, where children are not being protected."
        ),
    )
    parser.add_argument("--version", action="version", version=f"safeguard {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        sp = module.add_parser(sub)
        sp.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return EXIT_ERROR
    try:
        return int(args._run(args))
    except UserError as exc:
        print(f"safeguard: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("safeguard: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into e.g. `head` that stopped reading: no traceback, but the command
        # did not finish, so this is not reported as a success.
        silence_stdout()
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

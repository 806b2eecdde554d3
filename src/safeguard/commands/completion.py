"""``safeguard completion SHELL``: print a shell completion script (made by shtab)."""

from __future__ import annotations

import argparse
from typing import Any

SHELLS = ("bash", "zsh", "tcsh")

EXAMPLES = """
  safeguard completion bash > ~/.local/share/bash-completion/completions/safeguard
  safeguard completion zsh > ~/.zfunc/_safeguard    # with fpath+=(~/.zfunc) in ~/.zshrc
"""


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "completion",
        help="print a shell completion script (bash, zsh or tcsh)",
        description=(
            "Print a script that lets your shell complete safeguard's commands, options and "
            "file names when you press Tab. Save it where your shell looks for completions "
            "(see the examples), then open a new terminal."
        ),
    )
    p.add_argument("shell", choices=SHELLS, help="your shell")
    return p


def run(args: argparse.Namespace) -> int:
    import sys

    import shtab

    from safeguard.cli import build_parser

    sys.stdout.write(shtab.complete(build_parser(), shell=args.shell))
    return 0

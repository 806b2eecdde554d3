"""``safeguard user add NAME --role R [--team T]``: create an account for the web app."""

from __future__ import annotations

import argparse
import sys
from typing import Any

ROLES = ("officer", "supervisor", "safeguarding_lead", "auditor", "admin")
NEEDS = ("web",)

EXAMPLES = """
  safeguard user add alice --role admin --db cases.db
  safeguard user add bob --role supervisor --team Croydon
  echo "$PASSWORD" | safeguard user add carol --role auditor --password-stdin
"""


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "user",
        help="manage web app accounts (create the first admin)",
        description="Manage accounts for the web app (safeguard serve).",
    )
    sub = p.add_subparsers(dest="user_command", metavar="ACTION")
    add = sub.add_parser(
        "add",
        help="add an account",
        description=(
            "Add an account. You are asked for the password (typed twice, not shown), or it is "
            "read from standard input with --password-stdin."
        ),
    )
    add.add_argument("name", metavar="NAME", help="user name (letters, digits, . _ -)")
    add.add_argument("--role", required=True, choices=ROLES, help="what the account may do")
    add.add_argument("--team", help="team (officers and supervisors see only their team)")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    add.add_argument(
        "--db", metavar="URL", help="database address (default: $SAFEGUARD_DB or a local file)"
    )
    return p


def _read_password(from_stdin: bool) -> str:
    import getpass

    from safeguard.cli import UserError

    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Same password again: ") != password:
            raise UserError("the two passwords are not the same; nothing was changed")
    return password


def run(args: argparse.Namespace) -> int:
    import re

    from safeguard.cli import UserError

    if getattr(args, "user_command", None) != "add":
        raise UserError("say what to do, for example: safeguard user add alice --role admin")
    if not re.fullmatch(r"[A-Za-z0-9._-]{1,64}", args.name):
        raise UserError("a user name may use only letters, digits, '.', '_' and '-' (at most 64)")
    team = (args.team or "").strip() or None
    if args.role in ("officer", "supervisor") and team is None:
        raise UserError("officers and supervisors need --team: they see only their team's children")
    password = _read_password(args.password_stdin)

    from sqlalchemy.exc import IntegrityError

    from safeguard.store.engine import StoreUnavailable, open_store
    from safeguard.web.accounts import create_user
    from safeguard.web.auth import password_problem

    problem = password_problem(password)
    if problem:
        raise UserError(problem)
    try:
        engine = open_store(args.db)
    except StoreUnavailable as exc:
        raise UserError(str(exc)) from exc
    try:
        create_user(engine, args.name, args.role, password, team)
    except IntegrityError:
        raise UserError(f"there is already an account called '{args.name}'") from None
    finally:
        engine.dispose()
    where = f" in team {team}" if team else ""
    print(f"Added {args.name} as {args.role.replace('_', ' ')}{where}.")
    return 0

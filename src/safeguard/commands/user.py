"""``safeguard user ...``: manage web app accounts (add, list, disable, enable, unlock,
reset-password, set-role). Every change is written to the access log as done at the command
line by this computer's user."""

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
  safeguard user list
  safeguard user disable bob            # ends bob's open sessions at once
  safeguard user set-role bob --role supervisor --team Sutton
  safeguard user unlock alice           # after failed sign-ins
"""
_DB_HELP = "database address (default: $SAFEGUARD_DB or a local file)"


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
    add.add_argument(
        "--team", help="team, as written in the records (officers and supervisors see only theirs)"
    )
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    add.add_argument("--db", metavar="URL", help=_DB_HELP)

    ls = sub.add_parser("list", help="list accounts", description="List the accounts.")
    ls.add_argument("--db", metavar="URL", help=_DB_HELP)

    for name, text in (
        ("disable", "disable an account and end its open sessions"),
        ("enable", "enable a disabled account"),
        ("unlock", "unlock an account locked after failed sign-ins"),
    ):
        c = sub.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        c.add_argument("name", metavar="NAME")
        c.add_argument("--db", metavar="URL", help=_DB_HELP)

    pw = sub.add_parser(
        "reset-password",
        help="set a new password and end the account's open sessions",
        description="Set a new password (asked twice, or read with --password-stdin).",
    )
    pw.add_argument("name", metavar="NAME")
    pw.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    pw.add_argument("--db", metavar="URL", help=_DB_HELP)

    role = sub.add_parser(
        "set-role",
        help="change an account's role and team (ends its open sessions)",
        description="Change an account's role and team; its open sessions end.",
    )
    role.add_argument("name", metavar="NAME")
    role.add_argument("--role", required=True, choices=ROLES)
    role.add_argument("--team", help="team, as written in the records")
    role.add_argument("--db", metavar="URL", help=_DB_HELP)
    return p


def _read_password(from_stdin: bool) -> str:
    import getpass

    from safeguard.cli import UserError

    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        if not sys.stdin.isatty():
            # getpass would fall back to reading a visible line, or fail with EOFError
            raise UserError(
                "no terminal to ask for the password; in a script, pipe it in with "
                "--password-stdin. Nothing was changed"
            )
        try:
            password = getpass.getpass("Password: ")
            again = getpass.getpass("Same password again: ")
        except EOFError:
            raise UserError("no password given; nothing was changed") from None
        if again != password:
            raise UserError("the two passwords are not the same; nothing was changed")
    return password


def run(args: argparse.Namespace) -> int:
    from safeguard.cli import UserError

    command = getattr(args, "user_command", None)
    if command is None:
        raise UserError("say what to do, for example: safeguard user add alice --role admin")
    password = None
    if command in ("add", "reset-password"):
        password = _read_password(args.password_stdin)

    from safeguard.store.address import file_of, to_url
    from safeguard.store.engine import StoreUnavailable, default_db_url, open_store
    from safeguard.web import accounts
    from safeguard.web.accesslog import Actor

    # Only "add" may start a new store (the first administrator of a new deployment); a
    # mistyped --db must not make an empty one for "list" and the rest to report on.
    new_file = file_of(to_url(args.db or default_db_url()))
    new = new_file is not None and not new_file.exists()
    try:
        engine = open_store(args.db, create=command == "add")
    except StoreUnavailable as exc:
        raise UserError(str(exc)) from exc
    if new and new_file is not None:
        print(
            f"No safeguard database was at {new_file.absolute()}: a new, empty one was made "
            "there. If that is not the store you meant, check the --db address.",
            file=sys.stderr,
        )
    by = Actor.command_line()
    try:
        if command == "list":
            _print_users(accounts.list_users(engine))
            return 0
        if command == "add":
            assert password is not None
            user = accounts.create_user(engine, args.name, args.role, password, args.team, by=by)
            print(f"Added {user.username} as {_describe(user.role, user.team)}.")
        elif command == "disable":
            accounts.disable(engine, args.name, by)
            print(f"Disabled {args.name}; its open sessions have ended.")
        elif command == "enable":
            accounts.enable(engine, args.name, by)
            print(f"Enabled {args.name}.")
        elif command == "unlock":
            accounts.unlock(engine, args.name, by)
            print(f"Unlocked {args.name}.")
        elif command == "reset-password":
            assert password is not None
            accounts.reset_password(engine, args.name, password, by)
            print(f"Set a new password for {args.name}; its open sessions have ended.")
        elif command == "set-role":
            user = accounts.change_role(engine, args.name, args.role, args.team, by)
            print(f"{user.username} is now {_describe(user.role, user.team)}.")
    except accounts.AccountError as exc:
        raise UserError(str(exc)) from None
    finally:
        engine.dispose()
    return 0


def _describe(role: str, team: str | None) -> str:
    text = role.replace("_", " ") + (f" in team {team}" if team else "")
    if role in ("safeguarding_lead", "auditor"):
        text += " (sees every team's children)"
    return text


def _print_users(users: list[Any]) -> None:
    from safeguard.records.clock import to_local
    from safeguard.web.sessions import wall_clock

    now = wall_clock()
    print(f"{'user':24} {'role':18} {'team':14} status")
    for u in users:
        status = "enabled" if u.active else "disabled"
        if u.locked_until is not None and u.locked_until > now:
            status += f", locked until {to_local(u.locked_until):%H:%M}"
        role = u.role.replace("_", " ")
        print(f"{u.username:24} {role:18} {u.team or '-':14} {status}")

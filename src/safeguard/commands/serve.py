"""``safeguard serve``: run the web app for supervisors on this computer (127.0.0.1)."""

from __future__ import annotations

import argparse
from typing import Any

DEMO_CHILDREN = 300
DEMO_SEED = 1
DEMO_TEAM_ROLES = ("officer", "supervisor")
ROLES = ("officer", "supervisor", "safeguarding_lead", "auditor", "admin")
NEEDS = ("web",)

EXAMPLES = """
  safeguard serve --demo                              # try it on invented children
  safeguard user add alice --role admin --db cases.db # first account, then:
  safeguard serve --db cases.db --port 8080

Set SAFEGUARD_SECRET_KEY (a long random string, kept secret) so that people stay signed in
when the server restarts; without it every restart signs everyone out. For PostgreSQL, give
the password in PGPASSWORD or ~/.pgpass rather than in --db.
"""


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "serve",
        help="run the web app for supervisors",
        description=(
            "Run the web app on http://127.0.0.1:PORT over the store. Create the first account "
            "with 'safeguard user add NAME --role admin'. With --demo, demo data is generated "
            "into a temporary database and a demo sign-in is printed for each role."
        ),
    )
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument(
        "--db", metavar="URL", help="database address (default: $SAFEGUARD_DB or a local file)"
    )
    p.add_argument(
        "--demo", action="store_true", help="serve generated demo data from a temporary database"
    )
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="server processes (default 1); they share sessions and follow each other's changes",
    )
    p.add_argument(
        "--demo-children", type=int, default=DEMO_CHILDREN, metavar="N", help=argparse.SUPPRESS
    )
    # Benchmarks: measure deadlines as if it were this moment (the data's own time).
    p.add_argument("--clock", metavar="WHEN", help=argparse.SUPPRESS)
    return p


def _demo(children: int) -> tuple[str, Any, list[tuple[str, str, str | None, str]]]:
    """Generate and import demo data into a temporary SQLite file; make one user per role.

    The temporary folder is removed when the server stops.
    """
    import atexit
    import secrets
    import shutil
    import tempfile
    from datetime import datetime, time
    from pathlib import Path

    from safeguard.cli import UserError, main

    tmp = Path(tempfile.mkdtemp(prefix="safeguard-demo-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)  # the demo leaves nothing behind
    url = f"sqlite:///{tmp / 'demo.db'}"
    print(f"Generating demo data for {children} children ...", flush=True)
    code = main(
        [
            "demo-data",
            "--children",
            str(children),
            "--seed",
            str(DEMO_SEED),
            "--out",
            str(tmp / "data"),
        ]
    )
    if code != 0:
        raise UserError("the demo data could not be generated")
    # The answer key of seeded defects is for scoring the audit, not a record to import.
    (tmp / "data" / "truth.jsonl").unlink(missing_ok=True)
    code = main(["import", str(tmp / "data"), "--db", url, "--quiet"])
    if code != 0:
        raise UserError("the demo data could not be imported")

    from safeguard.store.engine import open_engine
    from safeguard.web.accounts import create_user
    from safeguard.web.casedata import team_names

    engine = open_engine(url)
    teams = team_names(engine, None) or ["North"]
    users = []
    for role in ROLES:
        team = teams[0] if role in DEMO_TEAM_ROLES else None
        password = secrets.token_urlsafe(12)
        create_user(engine, f"demo-{role.replace('_', '-')}", role, password, team)
        users.append((f"demo-{role.replace('_', '-')}", role, team, password))
    engine.dispose()
    try:
        from safeguard.demo.generator import end_date

        end = datetime.combine(end_date(DEMO_SEED), time(9, 0))
        clock = lambda: end  # noqa: E731  the demo data ends on a fixed day
    except ImportError:
        clock = None
    return url, clock, users


def run(args: argparse.Namespace) -> int:
    from safeguard.cli import UserError

    if not 1 <= args.port <= 65535:
        raise UserError("--port must be between 1 and 65535")
    clock = None
    if args.demo:
        if args.db and getattr(args, "db_from", "--db") == "--db":
            raise UserError("use either --demo or --db, not both")
        url, clock, users = _demo(args.demo_children)
    else:
        from safeguard.store.engine import StoreUnavailable, default_db_url, open_store

        url = args.db or default_db_url()
        try:
            open_store(url, create=False).dispose()
        except StoreUnavailable as exc:
            raise UserError(str(exc)) from exc
        users = []
    if args.clock:
        from datetime import datetime

        try:
            fixed = datetime.fromisoformat(args.clock)
        except ValueError:
            raise UserError(f"--clock: expected a date and time, got {args.clock!r}") from None
        clock = lambda: fixed  # noqa: E731

    import uvicorn

    if args.workers < 1:
        raise UserError("--workers must be 1 or more")
    print(f"safeguard web app: http://127.0.0.1:{args.port}/", flush=True)
    if users:
        print("Demo sign-ins (this run only):")
        for name, role, team, password in users:
            where = f"   (team {team})" if team else ""
            print(f"  {role.replace('_', ' '):18} user {name:26} password {password}{where}")
    print("Press Ctrl+C to stop.", flush=True)
    # No access log: request lines carry client addresses, which are personal data.
    options: dict[str, Any] = {
        "host": "127.0.0.1",
        "port": args.port,
        "access_log": False,
        "log_level": "warning",
    }
    if args.workers == 1:
        from safeguard.web import create_app

        uvicorn.run(create_app(url, now=clock), **options)
        return 0
    # Several processes: each builds the app from these settings (one signing key, so a
    # session made by one process is accepted by the others).
    import os
    import secrets

    os.environ["SAFEGUARD_WEB_DB"] = url
    os.environ.setdefault("SAFEGUARD_SECRET_KEY", secrets.token_urlsafe(32))
    if clock is not None:
        os.environ["SAFEGUARD_WEB_NOW"] = clock().isoformat()
    uvicorn.run("safeguard.web.app:app_from_env", factory=True, workers=args.workers, **options)
    return 0

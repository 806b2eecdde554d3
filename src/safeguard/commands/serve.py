"""``safeguard serve``: run the web app for supervisors (on 127.0.0.1 unless ``--host``)."""

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

Set SAFEGUARD_SECRET_KEY (a long random string, kept secret): it signs the sign-in form's
protection, so that a form opened before a restart still works (signed-in sessions are kept
in the database and survive restarts). For PostgreSQL, give the password in PGPASSWORD or
~/.pgpass rather than in --db. On a server: docs/deploy.md (--host, --workers,
--trusted-proxy behind a reverse proxy with TLS).
"""
TRUSTED_ENV = "SAFEGUARD_TRUSTED_PROXIES"
#: Seconds a stopping server gives open requests (live pages never end by themselves).
GRACEFUL_STOP_S = 5


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "serve",
        help="run the web app for supervisors",
        description=(
            "Run the web app on http://HOST:PORT (default 127.0.0.1:8000) over the store. "
            "Create the first account "
            "with 'safeguard user add NAME --role admin'. With --demo, demo data is generated "
            "into a temporary database and a demo sign-in is printed for each role."
        ),
    )
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help=(
            "address to listen on (default 127.0.0.1, this computer only; on a server, put a "
            "reverse proxy with TLS in front, see docs/deploy.md)"
        ),
    )
    p.add_argument(
        "--trusted-proxy",
        action="append",
        default=None,
        metavar="ADDRESS",
        help=(
            "address or network (e.g. 10.0.0.5 or 10.0.0.0/24) of a reverse proxy whose "
            "X-Forwarded-For and X-Forwarded-Proto headers are believed; repeat for several "
            "(default: $SAFEGUARD_TRUSTED_PROXIES, comma-separated, or none)"
        ),
    )
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


def _serve_one(app: Any, options: dict[str, Any]) -> None:
    """Run the app in this process. "Press Ctrl+C" is printed once it listens, when Ctrl+C
    stops it cleanly (printed earlier, a Ctrl+C during start-up could be lost)."""
    import uvicorn

    class Server(uvicorn.Server):
        async def startup(self, sockets: Any = None) -> None:
            await super().startup(sockets=sockets)
            if not self.should_exit:
                print("Press Ctrl+C to stop.", flush=True)

    try:
        Server(uvicorn.Config(app, **options)).run()
    finally:
        # Stopped already as the app shut down, unless a second Ctrl+C skipped that.
        app.state.sg.live.stop()


def _check_port_free(host: str, port: int) -> None:
    """Refuse, before anything is announced, a port another program holds (the server binds
    it again straight after; this is for the plain error, not a guarantee)."""
    import errno
    import socket

    from safeguard.cli import UserError

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise UserError(f"--host {host}: no such address ({exc.strerror or exc})") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
        try:
            sock.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise UserError(
                    f"port {port} is already in use (is safeguard already running?); choose "
                    "another with --port"
                ) from None
            if exc.errno == errno.EACCES:
                raise UserError(
                    f"not allowed to listen on port {port}; choose one above 1023 with --port"
                ) from None
            raise UserError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None


def run(args: argparse.Namespace) -> int:
    import os

    from safeguard.cli import UserError

    if not 1 <= args.port <= 65535:
        raise UserError("--port must be between 1 and 65535")
    if args.workers < 1:
        raise UserError("--workers must be 1 or more")
    _check_port_free(args.host, args.port)
    from safeguard.web import wording
    from safeguard.web.policy import load_policy

    # the access table and the wording are data a lead may edit: a broken one stops the start
    # here, before any work, naming the file and the entry (not in a worker or on a first page)
    load_policy()
    wording.check_file()
    trusted = args.trusted_proxy
    if trusted is None:
        trusted = [a.strip() for a in os.environ.get(TRUSTED_ENV, "").split(",") if a.strip()]
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

    shown_host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"safeguard web app: http://{shown_host}:{args.port}/", flush=True)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            "Listening beyond this computer: serve it to users only through a reverse proxy "
            "with TLS (docs/deploy.md).",
            flush=True,
        )
    if users:
        print("Demo sign-ins (this run only):")
        for name, role, team, password in users:
            where = f"   (team {team})" if team else ""
            print(f"  {role.replace('_', ' '):18} user {name:26} password {password}{where}")
    # No access log: request lines carry client addresses, which are personal data.
    # Forwarded headers are handled by the app itself, and only from --trusted-proxy.
    options: dict[str, Any] = {
        "host": args.host,
        "port": args.port,
        "access_log": False,
        "log_level": "warning",
        "proxy_headers": False,
        # Open live pages (server-sent events) end this long after a stop is asked for, so
        # that the server, its audit helper and its processes stop promptly.
        "timeout_graceful_shutdown": GRACEFUL_STOP_S,
    }
    if args.workers == 1:
        from safeguard.web import create_app

        _serve_one(create_app(url, now=clock, trusted_proxies=trusted), options)
        return 0
    print("Press Ctrl+C to stop.", flush=True)
    # Several processes: each builds the app from these settings (one signing key, so a
    # form made by one process is accepted by the others; sessions are in the database).
    import secrets

    os.environ["SAFEGUARD_WEB_DB"] = url
    os.environ.setdefault("SAFEGUARD_SECRET_KEY", secrets.token_urlsafe(32))
    os.environ[TRUSTED_ENV] = ",".join(trusted)
    if clock is not None:
        os.environ["SAFEGUARD_WEB_NOW"] = clock().isoformat()
    uvicorn.run("safeguard.web.app:app_from_env", factory=True, workers=args.workers, **options)
    return 0

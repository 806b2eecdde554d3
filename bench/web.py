"""Load test of the web app: 50 concurrent users on loopback.

    .venv/bin/python bench/web.py [--users 50] [--requests 20] [--children 300] [--think 1]
    .venv/bin/python bench/web.py --db /path/to/store.db [--clock 2026-08-21T23:59] [...]

Without ``--db`` it generates the demo data (``--children``) into a temporary SQLite database.
With ``--db`` it uses an existing store: a SQLite file is first copied to a temporary folder
(the bench writes access-log entries, decisions and a bench account, never into the original);
a PostgreSQL URL is used as it is (those writes then land in that database).

Starts ``safeguard``'s app under ``uvicorn`` on a free loopback port in a child process, signs in
one account per simulated user and has each open pages in turn (the Now queue, a child's record,
the JSON API, the dashboard) and challenge or dismiss one flagged phrase (a decision re-audits that
child on the request path), pausing ``--think`` seconds between clicks as a person reading would
(``--think 0`` is a flood). Pauses are drawn, per user and reproducibly, between
``(1 - spread)`` and ``(1 + spread)`` times ``--think`` (``--think-spread``, default 0.5), and users
start within one pause of each other, as people do; ``--think-spread 0`` keeps every user in step,
so that all of them click at the same instant every time (a worst case). ``--workers N`` runs the
server as ``safeguard serve --workers N`` does (N processes sharing the port). Prints the time from start to the first page, p50/p95 latency per
page and overall, the error count, and the server's memory (RSS now and at its peak, with its
audit helper process). ``--overdue`` instead times how long a deadline takes to reach an open Now
page: the server's clock runs from just before the store's next deadline after ``--clock``, one
user keeps the Now page open (its server-sent events), and the bench prints the seconds from the
deadline to the page's update. ``--one-at-a-time`` instead has one user make each kind of
request in turn and prints the server's CPU per request by page, and per decision by the size of
the child it re-audits (CPU time is the figure a busy machine does not inflate). Targets (issue 9): first page within 2 s of start, p95 < 300 ms,
decisions p95 < 300 ms, zero errors, server RSS < 500 MB, a new overdue item on an open Now page
within 5 s of its deadline.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import httpx
from procs import database_cpu, descendants, tree_cpu_s

PASSWORD = "bench password 123"
THINK_S = 1.0
SPREAD = 0.5  # pauses between (1 - SPREAD) and (1 + SPREAD) x THINK_S; 0: every user in step
BARRIER: asyncio.Barrier
STARTED = 0.0
SERVER_PID = 0
CPU_AT_BARRIER = 0.0  # the server's CPU seconds (with its workers and helpers) when timing starts
DB_CPU: Callable[[], float] | None = None  # the database server's CPU seconds, if it runs here
DB_CPU_AT_BARRIER = 0.0
SIGNIN_S = 0.0  # time for every user to sign in, left out of the timed phase


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(children: int) -> str:
    from safeguard.cli import main

    tmp = Path(tempfile.mkdtemp(prefix="sg-bench-"))
    url = f"sqlite:///{tmp / 'bench.db'}"
    assert (
        main(["demo-data", "--children", str(children), "--seed", "1", "--out", str(tmp / "d")])
        == 0
    )
    (tmp / "d" / "truth.jsonl").unlink(missing_ok=True)
    assert main(["import", str(tmp / "d"), "--db", url]) == 0
    return url


def existing(db: str) -> str:
    """The URL of a copy of the SQLite store at ``db`` (or ``db`` itself, a PostgreSQL URL)."""
    if "://" in db and not db.startswith("sqlite"):
        return db
    path = Path(db.removeprefix("sqlite:///")).expanduser()
    if not path.is_file():
        raise SystemExit(f"bench/web.py: no SQLite store at {path}")
    tmp = Path(tempfile.mkdtemp(prefix="sg-bench-"))
    t = time.perf_counter()
    # The online-backup API copies a consistent store even while another process writes it.
    import sqlite3

    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    dst = sqlite3.connect(tmp / "bench.db")
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    print(f"copied {path} to {tmp / 'bench.db'} in {time.perf_counter() - t:.0f} s")
    return f"sqlite:///{tmp / 'bench.db'}"


def bench_targets(url: str, users: int) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """Children, episodes and (child, note) with a flagged phrase for the simulated users,
    read with bounded queries (never the whole store); the bench account is made (or reset)."""
    from sqlalchemy import text

    from safeguard.store.engine import open_store
    from safeguard.web.accesslog import Actor
    from safeguard.web.accounts import AccountError, create_user, reset_password

    engine = open_store(url)  # migrated to this version's schema, as `safeguard serve` does
    try:
        create_user(engine, "bench-lead", "safeguarding_lead", PASSWORD, None)
    except AccountError:
        reset_password(engine, "bench-lead", PASSWORD, Actor.command_line())
    with engine.connect() as conn:
        # Children spread over the store (every k-th), not only the first few.
        n = conn.execute(text("SELECT COUNT(*) FROM children")).scalar_one()
        step = max(1, n // max(users, 1))
        child_ids = [
            r[0]
            for r in conn.execute(
                text("SELECT id FROM children ORDER BY id LIMIT :n"), {"n": step * users}
            )
        ][::step] or ["none"]
        episode_ids = [
            r[0]
            for r in conn.execute(
                text("SELECT id FROM missing_episodes ORDER BY id LIMIT :n"), {"n": users}
            )
        ] or ["none"]
        flagged = [
            (r[0], r[1])
            for r in conn.execute(
                text(
                    "SELECT child_id, record_id FROM engine_findings "
                    "WHERE check_id = 'LANG-UNCHALLENGED' AND record_type = 'note' "
                    "ORDER BY child_id, record_id LIMIT :n"
                ),
                {"n": users},
            )
        ]
    engine.dispose()
    return child_ids, episode_ids, flagged


async def user(
    base: str,
    n: int,
    requests: int,
    child_ids: list[str],
    episode_ids: list[str],
    flagged: list[tuple[str, str]],
    lat: list[tuple[str, float]],
    errors: list[str],
) -> None:
    try:
        await _user(base, n, requests, child_ids, episode_ids, flagged, lat, errors)
    except httpx.HTTPError as exc:  # before the timed phase (sign-in, choosing a reason)
        errors.append(f"setup: {type(exc).__name__}")
        if not BARRIER.broken:
            await BARRIER.abort()


async def _user(
    base: str,
    n: int,
    requests: int,
    child_ids: list[str],
    episode_ids: list[str],
    flagged: list[tuple[str, str]],
    lat: list[tuple[str, float]],
    errors: list[str],
) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=60, follow_redirects=True) as c:
        page = await c.get("/signin")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        r = await c.post(
            "/signin", data={"username": "bench-lead", "password": PASSWORD, "csrf_token": token}
        )
        decision: dict[str, str] | None = None
        note_id = ""
        if r.status_code != 200:
            errors.append(f"sign-in {r.status_code}")
        else:
            # Say once why this child's record is opened (as a person does); then every view
            # of it below shows the record and writes its access-log entry.
            child = child_ids[n % len(child_ids)]
            ask = await c.get(f"/children/{child}")
            found = re.search(r'name="csrf_token" value="([^"]+)"', ask.text)
            if found and "Why are you opening" in ask.text:
                await c.post(
                    f"/children/{child}/purpose",
                    data={"reason": "review", "csrf_token": found.group(1)},
                )
            if flagged:
                # This user's flagged phrase: the form's hidden fields, from the child's page.
                flag_child, note_id = flagged[n % len(flagged)]
                await c.post(
                    f"/children/{flag_child}/purpose",
                    data={"reason": "challenge", "csrf_token": found.group(1) if found else ""},
                )
                form = (await c.get(f"/children/{flag_child}")).text
                key = re.search(
                    rf'action="/notes/{re.escape(note_id)}/decisions".*?name="csrf_token" '
                    r'value="([^"]+)".*?name="flag_key" value="([^"]+)"',
                    form,
                    re.S,
                )
                if key:
                    decision = {"csrf_token": key.group(1), "flag_key": key.group(2)}
        # Everyone signs in first (argon2 is deliberately slow); then the timed browsing starts.
        try:
            first = await BARRIER.wait() == 0
        except asyncio.BrokenBarrierError:
            first = False
        if first:
            global SIGNIN_S, CPU_AT_BARRIER, DB_CPU_AT_BARRIER
            SIGNIN_S = time.perf_counter() - STARTED
            CPU_AT_BARRIER = tree_cpu_s(SERVER_PID)
            DB_CPU_AT_BARRIER = DB_CPU() if DB_CPU else 0.0
        if r.status_code != 200:
            return
        paths = [
            "/now",
            f"/children/{child_ids[n % len(child_ids)]}",
            "/api/children",
            f"/api/episodes/{episode_ids[n % len(episode_ids)]}",
            "/dashboard",
            "decide",
        ]
        labels = [
            "/now",
            "/children/{id}",
            "/api/children",
            "/api/episodes/{id}",
            "/dashboard",
            "challenge/dismiss",
        ]
        decided = 0
        pauses = random.Random(n)  # each user's pauses, the same in every run

        def pause() -> float:
            return THINK_S * (1 + SPREAD * (2 * pauses.random() - 1))

        if SPREAD:
            await asyncio.sleep(pauses.random() * THINK_S)  # arriving over one pause, not at once
        for i in range(requests):
            path, label = paths[(i + n) % len(paths)], labels[(i + n) % len(paths)]
            if path == "decide" and decision is None:
                continue
            t = time.perf_counter()
            try:
                if path == "decide":
                    # Alternate: challenge, then dismiss (each replaces the other, and the
                    # child is re-audited on the request path).
                    which = "challenged" if decided % 2 == 0 else "dismissed"
                    decided += 1
                    r = await c.post(
                        f"/notes/{note_id}/decisions",
                        data={
                            **decision,  # type: ignore[dict-item]
                            "decision": which,
                            "reason": "" if which == "challenged" else "Quotes the suspect.",
                        },
                        follow_redirects=False,
                    )
                    ok = r.status_code == 303
                else:
                    r = await c.get(path)
                    ok = r.status_code == 200
            except httpx.HTTPError as exc:
                ok, r = False, type(exc).__name__  # type: ignore[assignment]
            lat.append((label, time.perf_counter() - t))
            if not ok:
                errors.append(f"{label}: {getattr(r, 'status_code', r)}")
            await asyncio.sleep(pause())  # a person reads the page before the next click


async def run(
    base: str,
    users: int,
    requests: int,
    child_ids: list[str],
    episode_ids: list[str],
    flagged: list[tuple[str, str]],
) -> None:
    global BARRIER, STARTED
    BARRIER = asyncio.Barrier(users)
    STARTED = time.perf_counter()
    lat: list[tuple[str, float]] = []
    errors: list[str] = []
    t = time.perf_counter()
    await asyncio.wait_for(
        asyncio.gather(
            *(
                user(base, n, requests, child_ids, episode_ids, flagged, lat, errors)
                for n in range(users)
            )
        ),
        timeout=1800,
    )
    wall = time.perf_counter() - t - SIGNIN_S
    cpu = tree_cpu_s(SERVER_PID) - CPU_AT_BARRIER
    db_cpu = DB_CPU() - DB_CPU_AT_BARRIER if DB_CPU else None
    if not lat:
        print(f"no request completed; errors: {errors[:3]}")
        return
    print(
        f"sign-in of {users} users (untimed, before the barrier): {SIGNIN_S:.1f} s; then "
        f"{users} users x {requests} requests = {len(lat)} requests in {wall:.1f} s "
        f"({len(lat) / wall:.0f}/s), think {THINK_S:g} s"
        + (f" +/- {SPREAD:.0%}" if SPREAD else " (every user in step)")
    )
    by_label: dict[str, list[float]] = {}
    for label, s in lat:
        by_label.setdefault(label, []).append(s)
    for label, xs in by_label.items():
        print(f"  {label:20} p50 {_pct(xs, 0.50):4.0f} ms   p95 {_pct(xs, 0.95):4.0f} ms")
    every = [s for _, s in lat]
    print(
        f"p50 {_pct(every, 0.50):.0f} ms   p95 {_pct(every, 0.95):.0f} ms   "
        f"max {max(every) * 1000:.0f} ms   mean {statistics.mean(every) * 1000:.0f} ms"
    )
    print(f"errors: {len(errors)}" + (f" (first: {errors[:3]})" if errors else ""))
    # CPU time is what a busy machine does not inflate (wall-clock latency it does).
    print(
        f"server CPU while timed: {cpu:.1f} s, {1000 * cpu / len(lat):.0f} ms per request "
        "(with its workers and audit helpers)"
    )
    if db_cpu is not None:
        print(
            f"database server CPU while timed: {db_cpu:.1f} s, "
            f"{1000 * db_cpu / len(lat):.0f} ms per request"
        )
    if not flagged:
        print("  (no flagged phrase in this store: challenge/dismiss not measured)")


def one_at_a_time(
    base: str,
    child_ids: list[str],
    episode_ids: list[str],
    flagged: list[tuple[str, str]],
    url: str,
) -> None:
    """One user, one request at a time: the server's CPU for each kind of page (and each
    decision, by the size of the child it re-audits). CPU time is what a busy machine does not
    inflate; /proc counts it in ticks of 10 ms, so each figure is a mean over many requests."""
    cpu: dict[str, list[float]] = {}
    decisions: list[tuple[str, float]] = []

    def timed(label: str, call: Callable[[], object]) -> None:
        t = tree_cpu_s(SERVER_PID)
        call()
        cpu.setdefault(label, []).append(1000 * (tree_cpu_s(SERVER_PID) - t))

    with httpx.Client(base_url=base, timeout=120, follow_redirects=True) as c:
        page = c.get("/signin")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        c.post(
            "/signin", data={"username": "bench-lead", "password": PASSWORD, "csrf_token": token}
        )
        time.sleep(5)  # the audit helper and the language checker settle
        for child in {*child_ids, *(f for f, _ in flagged)}:
            ask = c.get(f"/children/{child}")  # say once why the record is opened
            found = re.search(r'name="csrf_token" value="([^"]+)"', ask.text)
            if found and "Why are you opening" in ask.text:
                c.post(
                    f"/children/{child}/purpose",
                    data={"reason": "review", "csrf_token": found.group(1)},
                )
        for _ in range(2):
            for child in child_ids:
                timed("/children/{id}", lambda child=child: c.get(f"/children/{child}"))
            for ep in episode_ids:
                timed("/api/episodes/{id}", lambda ep=ep: c.get(f"/api/episodes/{ep}"))
            for path in ("/now", "/api/children", "/dashboard"):
                for _ in range(20):
                    timed(path, lambda path=path: c.get(path))
        for child, note in flagged:
            form = c.get(f"/children/{child}").text
            key = re.search(
                rf'action="/notes/{re.escape(note)}/decisions".*?name="csrf_token" '
                r'value="([^"]+)".*?name="flag_key" value="([^"]+)"',
                form,
                re.S,
            )
            if not key:
                continue
            for which in ("challenged", "dismissed"):
                data = {
                    "csrf_token": key.group(1),
                    "flag_key": key.group(2),
                    "decision": which,
                    "reason": "" if which == "challenged" else "Quotes the suspect.",
                }
                t = tree_cpu_s(SERVER_PID)
                c.post(f"/notes/{note}/decisions", data=data, follow_redirects=False)
                decisions.append((child, 1000 * (tree_cpu_s(SERVER_PID) - t)))
                time.sleep(1.2)  # the live thread's look at the change (not counted)
    print("server CPU per request, one request at a time (mean; with its audit helper):")
    for label, xs in cpu.items():
        print(f"  {label:20} {statistics.mean(xs):5.1f} ms  ({len(xs)} requests)")
    if not decisions:
        print("  (no flagged phrase in this store: challenge/dismiss not measured)")
        return
    print(
        f"  {'challenge/dismiss':20} {statistics.mean(x for _, x in decisions):5.1f} ms  "
        f"({len(decisions)} requests, on {len({ch for ch, _ in decisions})} children)"
    )
    from sqlalchemy import text

    from safeguard.store.engine import open_store

    engine = open_store(url, create=False)
    with engine.connect() as conn:
        notes = {
            ch: conn.execute(
                text("SELECT COUNT(*) FROM notes WHERE child_id = :c"), {"c": ch}
            ).scalar_one()
            for ch in {ch for ch, _ in decisions}
        }
    engine.dispose()
    by_size = sorted((notes[ch], x) for ch, x in decisions)
    half = len(by_size) // 2
    for name, part in (("smaller", by_size[:half]), ("larger", by_size[half:])):
        if part:
            print(
                f"    decisions on the {name} half of those children: "
                f"{statistics.mean(n for n, _ in part):.0f} notes each, "
                f"{statistics.mean(x for _, x in part):.1f} ms"
            )


#: Seconds of real time between starting the server and the deadline (start-up and sign-in
#: must fit in it).
OVERDUE_LEAD_S = 30.0


def next_deadline(url: str, after: str) -> datetime:
    """The first obligation deadline after ``after`` in the store (one indexed query)."""
    from sqlalchemy import text

    from safeguard.store.engine import open_store

    engine = open_store(url, create=False)
    with engine.connect() as conn:
        due = conn.execute(
            text("SELECT MIN(due_at) FROM engine_obligations WHERE due_at > :t"),
            {"t": datetime.fromisoformat(after)},
        ).scalar()
    engine.dispose()
    if due is None:
        raise SystemExit(f"bench/web.py: no deadline after {after} in this store")
    return due if isinstance(due, datetime) else datetime.fromisoformat(str(due))


def overdue(base: str, deadline_epoch: float) -> None:
    """Keep the Now page open over its server-sent events and time the first update after the
    server's clock passes the deadline (at ``deadline_epoch`` in real time)."""
    with httpx.Client(base_url=base, timeout=60) as c:
        page = c.get("/signin")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        c.post(
            "/signin", data={"username": "bench-lead", "password": PASSWORD, "csrf_token": token}
        )
        now_page = c.get("/now").text
        found = re.search(r'data-events="([^"]+)"', now_page)
        if not found:
            print("overdue: the Now page has no live updates")
            return
        events = found.group(1).replace("&amp;", "&")
        left = deadline_epoch - time.time()
        if left <= 0:
            print(f"overdue: start-up took past the deadline; raise OVERDUE_LEAD_S ({left:.0f} s)")
            return
        print(f"Now page open; deadline in {left:.1f} s")
        with c.stream("GET", events, timeout=OVERDUE_LEAD_S + 60) as stream:
            for line in stream.iter_lines():
                t = time.time()
                if line.startswith("event: queue") and t >= deadline_epoch:
                    after = t - deadline_epoch
                    verdict = "met" if after < 5 else "NOT met"
                    print(
                        f"overdue item on the open Now page {after:.2f} s after its deadline "
                        f"(target < 5 s: {verdict})"
                    )
                    return
                if t > deadline_epoch + 60:
                    print("overdue: no update within 60 s of the deadline (target < 5 s: NOT met)")
                    return


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))] * 1000


def rss_mb(pid: int) -> tuple[float, float]:
    """(resident now, peak) in MB of a process and its children (the audit helper)."""
    parts = rss_parts(pid)
    return sum(now for now, _ in parts.values()), sum(peak for _, peak in parts.values())


def rss_parts(pid: int) -> dict[int, tuple[float, float]]:
    """(resident now, peak) in MB of a process and of each of its children, by pid."""
    out = {}
    for p in descendants(pid):
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        out[p] = (
            int(fields.get("VmRSS", "0 kB").split()[0]) / 1024,
            int(fields.get("VmHWM", "0 kB").split()[0]) / 1024,
        )
    return out


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--requests", type=int, default=20, help="requests per user")
    ap.add_argument("--children", type=int, default=300, help="demo size (without --db)")
    ap.add_argument("--db", help="an existing store: a SQLite file (copied first) or a URL")
    ap.add_argument(
        "--think", type=float, default=1.0, help="seconds between a user's requests (0: none)"
    )
    ap.add_argument(
        "--think-spread",
        type=float,
        default=0.5,
        help="pauses vary by this fraction either side of --think, and users arrive over one "
        "pause (default 0.5; 0: every user clicks at the same instant, every time)",
    )
    ap.add_argument(
        "--workers", type=int, default=1, help="server processes (as safeguard serve --workers)"
    )
    ap.add_argument(
        "--overdue",
        action="store_true",
        help="instead of the load, time a deadline's arrival on an open Now page",
    )
    ap.add_argument(
        "--one-at-a-time",
        action="store_true",
        help="instead of the load, one user makes each kind of request in turn and the "
        "server's CPU per request is printed by page (and per decision, by the child's size)",
    )
    ap.add_argument(
        "--clock",
        help="the server's fixed 'now' (ISO), e.g. the end of the data in the store "
        "(as `safeguard serve --clock`); default: the real time",
    )
    args = ap.parse_args()
    global THINK_S, SPREAD
    THINK_S = args.think
    if not 0 <= args.think_spread < 1:
        ap.error("--think-spread must be at least 0 and below 1")
    if args.workers < 1:
        ap.error("--workers must be 1 or more")
    if args.overdue and args.workers != 1:
        ap.error("--overdue runs one server process")
    SPREAD = args.think_spread
    url = existing(args.db) if args.db else prepare(args.children)
    child_ids, episode_ids, flagged = bench_targets(url, args.users)
    port = free_port()
    clock = (
        f"now=lambda: __import__('datetime').datetime.fromisoformat({args.clock!r})"
        if args.clock
        else ""
    )
    deadline_epoch = 0.0
    if args.overdue:
        # The server's clock reads the deadline OVERDUE_LEAD_S seconds of real time from now.
        deadline = next_deadline(
            url, args.clock or datetime.now(UTC).replace(tzinfo=None).isoformat()
        )
        deadline_epoch = time.time() + OVERDUE_LEAD_S
        print(f"next deadline after {args.clock}: {deadline.isoformat()}")
        clock = (
            "now=lambda: __import__('datetime').datetime.fromisoformat("
            f"{deadline.isoformat()!r}) + __import__('datetime').timedelta("
            f"seconds=__import__('time').time() - {deadline_epoch!r})"
        )
    env = dict(os.environ)
    if args.workers == 1:
        code = (
            "import uvicorn; from safeguard.web import create_app; "
            f"uvicorn.run(create_app({url!r}, {clock}), host='127.0.0.1', port={port}, "
            "access_log=False, log_level='warning')"
        )
    else:  # as `safeguard serve --workers N` starts them
        env.update(SAFEGUARD_WEB_DB=url, SAFEGUARD_SECRET_KEY="bench " + str(port))
        if args.clock:
            env["SAFEGUARD_WEB_NOW"] = args.clock
        code = (
            "import uvicorn; uvicorn.run('safeguard.web.app:app_from_env', factory=True, "
            f"workers={args.workers}, host='127.0.0.1', port={port}, access_log=False, "
            "log_level='warning')"
        )
    start = time.perf_counter()
    # Its own process group, so that its workers and audit helpers stop with it.
    server = subprocess.Popen([sys.executable, "-c", code], env=env, start_new_session=True)
    global SERVER_PID, DB_CPU
    SERVER_PID = server.pid
    DB_CPU = database_cpu(url)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(6000):
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.05)
        up = time.perf_counter() - start
        with httpx.Client(base_url=base, timeout=300) as c:
            page = c.get("/signin")
            token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
            t = time.perf_counter()
            c.post(
                "/signin",
                data={"username": "bench-lead", "password": PASSWORD, "csrf_token": token},
            )
            signin = time.perf_counter() - t
            t = time.perf_counter()
            first = c.get("/now")
            now_s = time.perf_counter() - t
        print(
            f"server answering {up:.1f} s after start; sign-in {signin:.2f} s; first /now "
            f"{now_s:.2f} s (status {first.status_code}); first page "
            f"{up + now_s:.1f} s after start, not counting the sign-in"
        )
        rss, peak = rss_mb(server.pid)
        print(f"server RSS after the first page: {rss:.0f} MB (peak {peak:.0f} MB)")
        if args.overdue:
            overdue(base, deadline_epoch)
        elif args.one_at_a_time:
            one_at_a_time(base, child_ids, episode_ids, flagged, url)
        else:
            asyncio.run(run(base, args.users, args.requests, child_ids, episode_ids, flagged))
        rss, peak = rss_mb(server.pid)
        print(f"server RSS after the run: {rss:.0f} MB (peak {peak:.0f} MB, with its helper)")
        for p, (now, top) in rss_parts(server.pid).items():
            who = "server process" if p == server.pid else "worker or audit helper"
            print(f"  {who}: {now:.0f} MB now, peak {top:.0f} MB")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)  # an audit helper left behind
        if args.db and url.startswith("sqlite:///") and "sg-bench-" in url:
            shutil.rmtree(Path(url.removeprefix("sqlite:///")).parent, ignore_errors=True)
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores during the bench)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

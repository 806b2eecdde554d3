"""Load test of the web app: 50 concurrent users on loopback over the demo data.

    .venv/bin/python bench/web.py [--users 50] [--requests 20] [--children 300]

Generates the demo data into a temporary SQLite database, starts ``uvicorn`` on a free loopback
port in this process's child, signs in one account per simulated user and has each open pages
in turn (the Now queue, a child's record, the JSON API, the dashboard), pausing ``--think``
seconds between clicks as a person reading would (``--think 0`` is a flood). Prints p50/p95 latency
and the error count. Target: p95 < 300 ms, zero errors.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

PASSWORD = "bench password 123"
THINK_S = 1.0
BARRIER: asyncio.Barrier
STARTED = 0.0
SIGNIN_S = 0.0  # time for every user to sign in, left out of the timed phase


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(children: int) -> tuple[str, list[str], list[str]]:
    from safeguard.cli import main
    from safeguard.store.engine import open_engine
    from safeguard.store.read import iter_cases
    from safeguard.web.accounts import create_user

    tmp = Path(tempfile.mkdtemp(prefix="sg-bench-"))
    url = f"sqlite:///{tmp / 'bench.db'}"
    assert (
        main(["demo-data", "--children", str(children), "--seed", "1", "--out", str(tmp / "d")])
        == 0
    )
    (tmp / "d" / "truth.jsonl").unlink(missing_ok=True)
    assert main(["import", str(tmp / "d"), "--db", url]) == 0
    engine = open_engine(url)
    cases = list(iter_cases(engine))
    lead = "bench-lead"
    create_user(engine, lead, "safeguarding_lead", PASSWORD, None)
    engine.dispose()
    child_ids = [c.child.id for c in cases]
    episode_ids = [e.episode.id for c in cases for e in c.episodes]
    return url, child_ids, episode_ids


async def user(
    base: str,
    n: int,
    requests: int,
    child_ids: list[str],
    episode_ids: list[str],
    lat: list[tuple[str, float]],
    errors: list[str],
) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30, follow_redirects=True) as c:
        page = await c.get("/signin")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        r = await c.post(
            "/signin", data={"username": "bench-lead", "password": PASSWORD, "csrf_token": token}
        )
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
        # Everyone signs in first (argon2 is deliberately slow); then the timed browsing starts.
        if await BARRIER.wait() == 0:
            global SIGNIN_S
            SIGNIN_S = time.perf_counter() - STARTED
        if r.status_code != 200:
            return
        paths = [
            "/now",
            f"/children/{child_ids[n % len(child_ids)]}",
            "/api/children",
            f"/api/episodes/{episode_ids[n % len(episode_ids)]}",
            "/dashboard",
        ]
        labels = ["/now", "/children/{id}", "/api/children", "/api/episodes/{id}", "/dashboard"]
        for i in range(requests):
            path, label = paths[i % len(paths)], labels[i % len(paths)]
            t = time.perf_counter()
            try:
                r = await c.get(path)
                ok = r.status_code == 200
            except httpx.HTTPError as exc:
                ok, r = False, exc  # type: ignore[assignment]
            lat.append((label, time.perf_counter() - t))
            if not ok:
                errors.append(f"{path}: {getattr(r, 'status_code', r)}")
            await asyncio.sleep(THINK_S)  # a person reads the page before the next click


async def run(
    base: str, users: int, requests: int, child_ids: list[str], episode_ids: list[str]
) -> None:
    global BARRIER, STARTED
    BARRIER = asyncio.Barrier(users)
    STARTED = time.perf_counter()
    lat: list[tuple[str, float]] = []
    errors: list[str] = []
    t = time.perf_counter()
    await asyncio.wait_for(
        asyncio.gather(
            *(user(base, n, requests, child_ids, episode_ids, lat, errors) for n in range(users))
        ),
        timeout=300,
    )
    wall = time.perf_counter() - t - SIGNIN_S
    if not lat:
        print(f"no request completed; errors: {errors[:3]}")
        return
    print(
        f"sign-in of {users} users (untimed, before the barrier): {SIGNIN_S:.1f} s; then "
        f"{users} users x {requests} requests = {len(lat)} requests in {wall:.1f} s "
        f"({len(lat) / wall:.0f}/s), think {THINK_S:g} s"
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


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))] * 1000


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--requests", type=int, default=20, help="requests per user")
    ap.add_argument("--children", type=int, default=300)
    ap.add_argument(
        "--think", type=float, default=1.0, help="seconds between a user's requests (0: none)"
    )
    args = ap.parse_args()
    global THINK_S
    THINK_S = args.think
    url, child_ids, episode_ids = prepare(args.children)
    port = free_port()
    code = (
        "import uvicorn; from datetime import datetime; from safeguard.web import create_app; "
        f"uvicorn.run(create_app({url!r}), host='127.0.0.1', port={port}, "
        "access_log=False, log_level='warning')"
    )
    server = subprocess.Popen([sys.executable, "-c", code])
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        # Warm-up: the first request builds the in-memory snapshot (queue and audit).
        httpx.get(base + "/signin", timeout=120)
        with httpx.Client(base_url=base, timeout=300) as c:
            page = c.get("/signin")
            token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
            c.post(
                "/signin",
                data={"username": "bench-lead", "password": PASSWORD, "csrf_token": token},
            )
            t = time.perf_counter()
            c.get("/now")
            print(f"first /now (builds the snapshot): {time.perf_counter() - t:.1f} s")
        asyncio.run(run(base, args.users, args.requests, child_ids, episode_ids))
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())

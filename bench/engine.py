"""The findings engine at force size: stored results, incremental re-audit, the web's first page.

    .venv/bin/python bench/engine.py --children 50000            # the issue's targets (SQLite)
    .venv/bin/python bench/engine.py --children 50000 --pg URL   # and PostgreSQL
    .venv/bin/python bench/engine.py --children 1000             # a quick look
    .venv/bin/python bench/engine.py --data /path/to/export      # an existing demo export
    .venv/bin/python bench/engine.py --data EXPORT --store STORE.db --steps update,fresh,web
                                  # a SQLite store already imported from EXPORT (copied first)
    .venv/bin/python bench/engine.py --data EXPORT --store postgresql+psycopg://... \
        --steps check,same,update,fresh,web
                                  # a PostgreSQL store already imported from EXPORT (used as it
                                  # is: the steps WRITE INTO that database, see below)

Steps, each timed (wall clock) in its own subprocess so peak memory (``ru_maxrss``) is its own:

1. ``safeguard demo-data`` makes the store's export (not timed against a target);
2. ``safeguard import`` of it: load, then audit and store every child's result;
3. ``safeguard import --check`` of the same files: the time to read and check them, the
   baseline an unchanged re-import is compared with;
4. ``safeguard import`` of the same files again: nothing changed, so nothing is re-audited;
   on a store whose rows were stored without the hash of the row as read (imported before
   it existed), that first re-import checks every row in full and writes the hashes, so it is
   printed as such and a second unchanged re-import is timed as the figure;
5. an update batch touching 300 children (1,000 new notes, 50 new episodes): only they are
   re-audited (target < 15 s);
6. ``safeguard audit --fresh --jobs <all CPUs>`` as after a standards change: every child
   re-audited, the language checker's answers read from the language cache (target < 5 min,
   < 2 GB); with ``--cold`` also as after a change of the language rules (cache emptied);
7. ``safeguard serve`` (its clock set to the data's own time, as when a force serves the day's
   import): seconds from start to the first page after sign-in (target < 2 s),
   the server's memory then (target < 500 MB), and challenge and dismiss latency through the
   running server, each flag on its own note (target p95 < 300 ms).

Prints each figure with its ratio to the baseline of step 3 (a figure below 1.0x is faster
than reading the files once). Not part of the tests.

``--store`` skips steps 1 and 2 on a store already imported from ``--data``. A SQLite store is
copied first and the copy is thrown away after. A PostgreSQL URL is used as it is, with no
copy: the update batch is imported into that database (each run's batch has new record ids, so
the step can run again and always re-audits 300 children, and the children it touched keep
the extra notes and episodes), ``--fresh`` rewrites every stored result, the web step adds
the account ``bench-lead`` (or resets its password) and keeps its challenges and dismissals
(a later run decides the next flags on the queue). Use a database kept for benchmarks.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
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
from datetime import datetime, timedelta
from pathlib import Path

from procs import children_of, database_cpu, tree_cpu_s

PASSWORD = "bench password 123"
STEPS = ("check", "same", "update", "fresh", "cold", "read", "web")
SAFEGUARD = [sys.executable, "-m", "safeguard"]


def run(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """(seconds, peak memory in MB of that command's process or of its largest worker, CPU
    seconds of the command and its workers; not a database server's). On a busy machine the
    CPU time is the steadier figure: wall time there includes waiting for a core."""
    t = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            SAFEGUARD + args, stdout=out, stderr=err, env={**os.environ, **(env or {})}
        )
        _, status, usage = os.wait4(proc.pid, 0)  # this command's own resource usage
        dt = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        crashed = b"Traceback (most recent call last)" in err.read()
        # 1 is a finished audit that found something; a Python traceback is a failure.
        if proc.returncode not in (0, 1) or crashed:
            out.seek(0)
            err.seek(0)
            sys.exit(
                f"{' '.join(args)} failed:\n{out.read()[-2000:].decode(errors='replace')}\n"
                f"{err.read()[-2000:].decode(errors='replace')}"
            )
    return dt, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def update_batch(
    src: Path,
    dest: Path,
    children: int = 300,
    notes: int = 1000,
    episodes: int = 50,
    tag: str = "",
) -> None:
    """New notes and episodes for ``children`` existing children, as a force's next export;
    ``tag`` goes into every new record's id (a batch with a new tag is new records again)."""
    dest.mkdir(parents=True, exist_ok=True)
    with (src / "children.csv").open(newline="", encoding="utf-8") as fh:
        kids = [r["id"] for r in csv.DictReader(fh)][:children]
    with (src / "notes.csv").open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields = list(reader.fieldnames or [])
        sample = next(reader)
    with (src / "missing_episodes.csv").open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        ep_fields = list(reader.fieldnames or [])
        ep_sample = next(reader)
    latest = datetime.fromisoformat(sample["written_at"])
    with (src / "notes.csv").open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            latest = max(latest, datetime.fromisoformat(r["written_at"]))
    with (dest / "missing_episodes.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=ep_fields)
        w.writeheader()
        for i in range(episodes):
            w.writerow(
                {
                    **{k: "" for k in ep_fields},
                    "id": f"BENCH-EP-{tag}{i}",
                    "child_id": kids[i % len(kids)],
                    "reported_at": (latest - timedelta(hours=2 + i % 20)).isoformat(),
                    "reported_by": "parent",
                    "status": ep_sample["status"],
                }
            )
    with (dest / "notes.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields)
        w.writeheader()
        for i in range(notes):
            w.writerow(
                {
                    **{k: "" for k in fields},
                    "id": f"BENCH-NT-{tag}{i}",
                    "record_type": "child",
                    "record_id": kids[i % len(kids)],
                    "child_id": kids[i % len(kids)],
                    "author": "PC 1",
                    "author_role": "PC",
                    "written_at": (latest - timedelta(minutes=i % 600)).isoformat(),
                    "text": "Spoke to carer; she is putting herself at risk by going out late.",
                }
            )


def rows_without_source_hash(url: str) -> int:
    """Record rows held without ``source_hash`` (stored before it existed, or loaded by other
    means): the next import checks each of them in full and writes its hash, so that import
    is not what an unchanged re-import costs afterwards. (Rows hashed under other checking
    code are checked again too; they cannot be told apart here.)"""
    from sqlalchemy import func, select

    from safeguard.store.engine import open_engine
    from safeguard.store.models import TABLES

    engine = open_engine(url)
    try:
        with engine.connect() as conn:
            return sum(
                int(
                    conn.execute(
                        select(func.count())
                        .select_from(model.__table__)
                        .where(model.__table__.c.source_hash.is_(None))
                    ).scalar_one()
                )
                for model in TABLES.values()
            )
    finally:
        engine.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(pid: int) -> float:
    total = 0.0
    for p in [pid, *children_of(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            pass
    return total


def csrf(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "no form token on the page"
    return m.group(1)


def web(
    url: str, clock: str, decisions: int = 40, db_cpu: Callable[[], float] | None = None
) -> dict[str, float]:
    import httpx

    from safeguard.store.engine import open_engine
    from safeguard.web.accesslog import Actor
    from safeguard.web.accounts import AccountError, create_user, reset_password

    engine = open_engine(url)
    try:
        create_user(engine, "bench-lead", "safeguarding_lead", PASSWORD, None)
    except AccountError:  # a store benched before (a PostgreSQL --store)
        reset_password(engine, "bench-lead", PASSWORD, Actor.command_line())
    engine.dispose()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [*SAFEGUARD, "serve", "--db", url, "--port", str(port), "--clock", clock],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: its audit helper stops with it
    )
    try:
        with httpx.Client(base_url=base, timeout=600, follow_redirects=True) as c:
            while True:
                try:
                    page = c.get("/signin")
                    break
                except httpx.TransportError:
                    time.sleep(0.05)
            token = csrf(page.text)
            now = c.post(
                "/signin",
                data={"username": "bench-lead", "password": PASSWORD, "csrf_token": token},
            )
            assert now.status_code == 200 and "<h1>Now</h1>" in now.text, now.status_code
            first_page = time.perf_counter() - t0
            first_cpu = tree_cpu_s(proc.pid)
            rss = rss_mb(proc.pid)
            timings: dict[str, list[float]] = {"challenged": [], "dismissed": []}
            cpu: dict[str, list[float]] = {"challenged": [], "dismissed": [], "database": []}
            api = c.get("/api/queue").json()["sections"]["language"]["items"]
            items = [(i["record_id"], i["child_id"]) for i in api][:decisions]
            for n, (note_id, child_id) in enumerate(items):
                decision = "challenged" if n % 2 == 0 else "dismissed"
                page = c.get("/now")  # a page read between decisions
                token = csrf(page.text)
                # Opening a child's record asks why (the access log keeps the reason).
                c.post(
                    f"/children/{child_id}/purpose",
                    data={"reason": "challenge", "csrf_token": token},
                )
                body = c.get(f"/children/{child_id}").text
                m = re.search(
                    rf'id="note-{re.escape(note_id)}".*?name="flag_key" value="([^"]+)"', body, re.S
                )
                if not m:
                    continue
                t = time.perf_counter()
                c0, d0 = tree_cpu_s(proc.pid), db_cpu() if db_cpu else 0.0
                r = c.post(
                    f"/notes/{note_id}/decisions",
                    data={
                        "flag_key": m.group(1),
                        "decision": decision,
                        "reason": "bench: the words describe the suspect",
                        "csrf_token": csrf(body),
                    },
                    follow_redirects=False,
                )
                timings[decision].append(time.perf_counter() - t)
                cpu[decision].append(tree_cpu_s(proc.pid) - c0)
                if db_cpu:
                    cpu["database"].append(db_cpu() - d0)
                assert r.status_code == 303, (r.status_code, r.text[:300])
            rss_after = rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # an audit helper left behind

    def mean_ms(xs: list[float]) -> float:
        return statistics.fmean(xs) * 1000 if xs else float("nan")

    def p50(xs: list[float]) -> float:
        return statistics.median(xs) * 1000 if xs else float("nan")

    def p95(xs: list[float]) -> float:
        return statistics.quantiles(xs, n=20)[-1] * 1000 if len(xs) >= 2 else float("nan")

    return {
        "first_page_s": first_page,
        "rss_mb": rss,
        "rss_after_mb": rss_after,
        "challenge_p95_ms": p95(timings["challenged"]),
        "dismiss_p95_ms": p95(timings["dismissed"]),
        "challenge_p50_ms": p50(timings["challenged"]),
        "dismiss_p50_ms": p50(timings["dismissed"]),
        "first_page_cpu_s": first_cpu,
        "challenge_cpu_ms": mean_ms(cpu["challenged"]),
        "dismiss_cpu_ms": mean_ms(cpu["dismissed"]),
        "database_cpu_ms": mean_ms(cpu["database"]),
        "challenges": len(timings["challenged"]),
        "dismissals": len(timings["dismissed"]),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--children", type=int, default=1000)
    ap.add_argument("--pg", metavar="URL", help="also run on this PostgreSQL server")
    ap.add_argument("--work", default=None, help="working folder (default: a temporary one)")
    ap.add_argument(
        "--data",
        metavar="DIR",
        help="use this demo export (read only) instead of making one; --children is then "
        "counted from its children file",
    )
    ap.add_argument(
        "--cold",
        action="store_true",
        help="also time a full re-audit as after a change of the language rules (no cache)",
    )
    ap.add_argument("--decisions", type=int, default=40, help="challenges + dismissals to time")
    ap.add_argument(
        "--store",
        metavar="FILE|URL",
        help="a store already imported from --data, so the first import is not timed: a SQLite "
        "file (a copy of it is used) or a PostgreSQL URL (used as it is: the steps write into "
        "it)",
    )
    ap.add_argument(
        "--steps",
        default=",".join(STEPS),
        help=f"which steps to time, of {','.join(STEPS)} (default: all)",
    )
    args = ap.parse_args()
    steps = set(args.steps.split(","))
    if steps - set(STEPS):
        ap.error(f"--steps: unknown {', '.join(sorted(steps - set(STEPS)))}")
    if args.store and (args.pg or not args.data):
        ap.error("--store needs --data (the export it was imported from) and no --pg")
    pg_store = bool(args.store) and args.store.startswith("postgresql")
    if args.store and not pg_store and "://" in args.store:
        ap.error("--store: a SQLite file or a postgresql:// URL")
    work = Path(args.work or tempfile.mkdtemp(prefix="sg-bench-engine-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.data:
        data = Path(args.data)
        with (data / "children.csv").open(encoding="utf-8") as fh:
            args.children = sum(1 for _ in fh) - 1
    else:
        data = work / "data"
    if not (data / "children.csv").exists():
        t, _, _ = run(
            ["demo-data", "--children", str(args.children), "--seed", "1", "--out", str(data)]
        )
        (data / "truth.jsonl").unlink(missing_ok=True)
        print(f"demo data: {args.children:,} children in {t:.1f} s")
    shutil.rmtree(work / "update", ignore_errors=True)
    # A PostgreSQL store keeps each run's batch, so each run's has new ids.
    update_batch(data, work / "update", tag=time.strftime("%Y%m%d%H%M%S-") if pg_store else "")
    urls = [args.store] if pg_store else [f"sqlite:///{work / 'bench.db'}"]
    if args.pg:
        urls.append(args.pg)
    cpus = os.cpu_count() or 1
    load = os.getloadavg()[0]
    print(f"machine: {cpus} CPUs, load average {load:.1f} at the start")
    n = args.children
    for url in urls:
        kind = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
        if kind == "SQLite":
            Path(urls[0].removeprefix("sqlite:///")).unlink(missing_ok=True)
        print(f"\n== {kind}, {n:,} children ==")
        db_cpu = database_cpu(url)

        def db_used(since: float, db_cpu: Callable[[], float] | None = db_cpu) -> str:
            return f"; database server CPU {db_cpu() - since:.1f} s" if db_cpu else ""

        if pg_store:
            print("store: the PostgreSQL database at --store, used as it is (not copied)")
        elif args.store:
            import sqlite3

            t = time.perf_counter()
            src = sqlite3.connect(f"file:{args.store}?mode=ro", uri=True)
            dst = sqlite3.connect(urls[0].removeprefix("sqlite:///"))
            with dst:
                src.backup(dst)
            src.close()
            dst.close()
            print(f"store copied from {args.store} in {time.perf_counter() - t:.0f} s (not timed)")
        if args.store and steps <= {"check", "same"}:
            # An import re-audits only the children whose records it changes, so these steps
            # do not need the stored results to be current (after a change of the rules,
            # bringing them up to date would be a full re-audit).
            print("stored results left as they are (the steps do not read them)")
        elif args.store:
            t_cur, m_cur, _ = run(["audit", "--db", url, "--quiet"])
            print(
                f"audit to this version's rules:   {t_cur:8.1f} s  peak {m_cur:7.0f} MB  "
                "(re-audits only what is stale; a full re-audit if the rules changed)"
            )
        else:
            t_import, m_import, _ = run(["import", str(data), "--db", url])
            print(
                f"import + audit every child:      {t_import:8.1f} s  peak {m_import:7.0f} MB  "
                f"({n / t_import:,.0f} children/s)"
            )
        t_check = float("nan")
        if "check" in steps or "same" in steps:
            t_check, _, _ = run(["import", str(data), "--db", url, "--check"])
            print(f"baseline: read and check files:  {t_check:8.1f} s")
        if "same" in steps:
            unread = rows_without_source_hash(url)  # not timed
            t_same, _, _ = run(["import", str(data), "--db", url])
            if unread:
                print(
                    f"unchanged re-import, first:      {t_same:8.1f} s  (not the figure: "
                    f"{unread:,} rows were held without the hash of the row as read, stored "
                    "before it existed, so this import checked them in full and wrote it)"
                )
                t_same, _, _ = run(["import", str(data), "--db", url])
            print(
                f"unchanged re-import:             {t_same:8.1f} s  ({t_same / t_check:.2f}x "
                f"baseline; target < 1x: {'met' if t_same < t_check else 'NOT met'})"
            )
        if "update" in steps:
            d0 = db_cpu() if db_cpu else 0.0
            t_upd, _, c_upd = run(["import", str(work / "update"), "--db", url])
            print(
                f"update batch (300 children):     {t_upd:8.1f} s  (target < 15 s: "
                f"{'met' if t_upd < 15 else 'NOT met'}); CPU {c_upd:.1f} s{db_used(d0)}"
            )
        if "fresh" in steps:
            d0 = db_cpu() if db_cpu else 0.0
            t_full, m_full, c_full = run(
                ["audit", "--db", url, "--fresh", "--quiet", "--jobs", str(cpus)]
            )
            ok = t_full < 300 * n / 50_000 and m_full < 2048
            print(
                f"full re-audit (--fresh):         {t_full:8.1f} s  peak {m_full:7.0f} MB  "
                f"{n / t_full:,.0f} children/s, {t_full * 50_000 / n:,.0f} s at 50,000 if "
                f"linear (target at 50,000 < 300 s, < 2 GB: {'met' if ok else 'NOT met'} at "
                "this rate)"
            )
            print(
                f"  its CPU time:                  {c_full:8.1f} s  (the command and its "
                f"workers{db_used(d0)})"
            )
        if "cold" in steps and args.cold:
            from sqlalchemy import text

            from safeguard.store.engine import open_engine

            engine = open_engine(url)
            with engine.begin() as conn:
                conn.execute(text("DELETE FROM engine_language_cache"))
            engine.dispose()
            t_cold, m_cold, c_cold = run(
                ["audit", "--db", url, "--fresh", "--quiet", "--jobs", str(cpus)]
            )
            print(
                f"full re-audit, language changed: {t_cold:8.1f} s  peak {m_cold:7.0f} MB  "
                f"{n / t_cold:,.0f} children/s, {t_cold * 50_000 / n:,.0f} s at 50,000 if linear "
                "(every note checked again)"
            )
            print(f"  its CPU time:                  {c_cold:8.1f} s")
        if "read" in steps:
            t_read, m_read, c_read = run(["audit", "--db", url, "--quiet", "--format", "json"])
            print(
                f"audit from stored results:       {t_read:8.1f} s  peak {m_read:7.0f} MB  "
                f"(--format json; CPU {c_read:.1f} s)"
            )
        if "web" not in steps:
            continue
        from safeguard.engine.results import default_as_of
        from safeguard.store.engine import open_engine

        engine = open_engine(url)
        clock = default_as_of(engine).isoformat()  # served right after the import
        engine.dispose()
        w = web(url, clock, args.decisions, db_cpu)
        print(
            f"serve: first page after start:   {w['first_page_s']:8.2f} s  "
            f"(target < 2 s: {'met' if w['first_page_s'] < 2 else 'NOT met'}); the server's "
            f"CPU time by then {w['first_page_cpu_s']:.2f} s"
        )
        print(
            f"serve: server memory:            {w['rss_mb']:8.0f} MB ({w['rss_after_mb']:.0f} MB "
            f"after the decisions; target < 500 MB: "
            f"{'met' if max(w['rss_mb'], w['rss_after_mb']) < 500 else 'NOT met'})"
        )
        for what, key, count in (
            ("challenge", "challenge_p95_ms", "challenges"),
            ("dismiss", "dismiss_p95_ms", "dismissals"),
        ):
            v = w[key]
            print(
                f"serve: {what} p95:{' ' * (25 - len(what))}{v:8.0f} ms over {int(w[count])} "
                f"(target < 300 ms: {'met' if v < 300 else 'NOT met'}); p50 "
                f"{w[key.replace('p95', 'p50')]:.0f} ms; server CPU "
                f"{w[key.replace('p95', 'cpu')]:.0f} ms each on average"
            )
        if db_cpu:
            print(f"  database server CPU per decision: {w['database_cpu_ms']:.0f} ms on average")
        print("overdue item to an open Now page (target < 5 s): measured by bench/web.py --overdue")
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

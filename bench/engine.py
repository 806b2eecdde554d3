"""The findings engine at force size: stored results, incremental re-audit, the web's first page.

    .venv/bin/python bench/engine.py --children 50000            # the issue's targets (SQLite)
    .venv/bin/python bench/engine.py --children 50000 --pg URL   # and PostgreSQL
    .venv/bin/python bench/engine.py --children 1000             # a quick look

Steps, each timed (wall clock) in its own subprocess so peak memory (``ru_maxrss``) is its own:

1. ``safeguard demo-data`` makes the store's export (not timed against a target);
2. ``safeguard import`` of it: load, then audit and store every child's result;
3. ``safeguard import --check`` of the same files: the time to read and check them, the
   baseline an unchanged re-import is compared with;
4. ``safeguard import`` of the same files again: nothing changed, so nothing is re-audited;
5. an update batch touching 300 children (1,000 new notes, 50 new episodes): only they are
   re-audited (target < 15 s);
6. ``safeguard audit --fresh --jobs <all CPUs>`` as after a standards change: every child
   re-audited (target < 5 min, < 2 GB);
7. ``safeguard serve`` (its clock set to the data's own time, as when a force serves the day's
   import): seconds from start to the first page after sign-in (target < 2 s),
   the server's memory then (target < 500 MB), and challenge/dismiss latency (target p95
   < 300 ms).

Prints each figure with its ratio to the baseline of step 3 (a figure below 1.0x is faster
than reading the files once). Not part of the tests.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

PASSWORD = "bench password 123"
SAFEGUARD = [sys.executable, "-m", "safeguard"]


def run(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(seconds, peak memory of the child in MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    res = subprocess.run(
        SAFEGUARD + args,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    dt = time.perf_counter() - t
    if res.returncode not in (0, 1):
        sys.exit(f"{' '.join(args)} failed:\n{res.stdout[-2000:]}\n{res.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return dt, max(peak, before) / 1024


def update_batch(
    src: Path, dest: Path, children: int = 300, notes: int = 1000, episodes: int = 50
) -> None:
    """New notes and episodes for ``children`` existing children, as a force's next export."""
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
                    "id": f"BENCH-EP-{i}",
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
                    "id": f"BENCH-NT-{i}",
                    "record_type": "child",
                    "record_id": kids[i % len(kids)],
                    "child_id": kids[i % len(kids)],
                    "author": "PC 1",
                    "author_role": "PC",
                    "written_at": (latest - timedelta(minutes=i % 600)).isoformat(),
                    "text": "Spoke to carer; she is putting herself at risk by going out late.",
                }
            )


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


def children_of(pid: int) -> list[int]:
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(k) for k in kids]


def web(url: str, clock: str) -> dict[str, float]:
    import httpx

    from safeguard.store.engine import open_engine
    from safeguard.web.accounts import create_user

    engine = open_engine(url)
    create_user(engine, "bench-lead", "safeguarding_lead", PASSWORD, None)
    engine.dispose()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [*SAFEGUARD, "serve", "--db", url, "--port", str(port), "--clock", clock],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with httpx.Client(base_url=base, timeout=600, follow_redirects=True) as c:
            while True:
                try:
                    page = c.get("/signin")
                    break
                except httpx.TransportError:
                    time.sleep(0.05)
            token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
            now = c.post(
                "/signin",
                data={"username": "bench-lead", "password": PASSWORD, "csrf_token": token},
            )
            assert now.status_code == 200 and "<h1>Now</h1>" in now.text, now.status_code
            first_page = time.perf_counter() - t0
            rss = rss_mb(proc.pid)
            timings = []
            api = c.get("/api/queue").json()["sections"]["language"]["items"]
            notes = [i["record_id"] for i in api][:20]
            for note_id in notes:
                page = c.get("/now")  # a page read between decisions
                token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
                body = c.get(
                    f"/children/{next(i['child_id'] for i in api if i['record_id'] == note_id)}"
                ).text
                m = re.search(
                    rf'id="note-{re.escape(note_id)}".*?name="flag_key" value="([^"]+)"', body, re.S
                )
                if not m:
                    continue
                t = time.perf_counter()
                r = c.post(
                    f"/notes/{note_id}/decisions",
                    data={
                        "flag_key": m.group(1),
                        "decision": "dismissed",
                        "reason": "bench",
                        "csrf_token": token,
                    },
                    follow_redirects=False,
                )
                timings.append(time.perf_counter() - t)
                assert r.status_code == 303, r.status_code
            rss_after = rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) >= 2 else float("nan")
    return {
        "first_page_s": first_page,
        "rss_mb": rss,
        "rss_after_mb": rss_after,
        "decision_p95_ms": p95 * 1000,
        "decisions": len(timings),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--children", type=int, default=1000)
    ap.add_argument("--pg", metavar="URL", help="also run on this PostgreSQL server")
    ap.add_argument("--work", default=None, help="working folder (default: a temporary one)")
    args = ap.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="sg-bench-engine-"))
    data = work / "data"
    if not (data / "children.csv").exists():
        t, _ = run(
            ["demo-data", "--children", str(args.children), "--seed", "1", "--out", str(data)]
        )
        (data / "truth.jsonl").unlink(missing_ok=True)
        print(f"demo data: {args.children:,} children in {t:.1f} s")
    update_batch(data, work / "update")
    urls = [f"sqlite:///{work / 'bench.db'}"]
    if args.pg:
        urls.append(args.pg)
    cpus = os.cpu_count() or 1
    print(f"machine: {cpus} CPUs")
    for url in urls:
        kind = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
        if kind == "SQLite":
            Path(urls[0].removeprefix("sqlite:///")).unlink(missing_ok=True)
        print(f"\n== {kind}, {args.children:,} children ==")
        t_import, m_import = run(["import", str(data), "--db", url])
        print(f"import + audit every child:      {t_import:8.1f} s  peak {m_import:7.0f} MB")
        t_check, _ = run(["import", str(data), "--db", url, "--check"])
        print(f"baseline: read and check files:  {t_check:8.1f} s")
        t_same, _ = run(["import", str(data), "--db", url])
        print(
            f"unchanged re-import:             {t_same:8.1f} s  ({t_same / t_check:.2f}x baseline; "
            "target < 1x)"
        )
        t_upd, _ = run(["import", str(work / "update"), "--db", url])
        print(
            f"update batch (300 children):     {t_upd:8.1f} s  ({t_upd / t_check:.2f}x baseline; "
            "target < 15 s)"
        )
        t_full, m_full = run(["audit", "--db", url, "--fresh", "--quiet", "--jobs", str(cpus)])
        rate = args.children / t_full
        print(
            f"full re-audit (--fresh):         {t_full:8.1f} s  peak {m_full:7.0f} MB  "
            f"{rate:,.0f} children/s ({t_full / t_check:.2f}x baseline; target < 300 s, < 2 GB)"
        )
        t_read, _ = run(["audit", "--db", url, "--quiet", "--format", "json"])
        print(
            f"audit from stored results:       {t_read:8.1f} s  ({t_read / t_check:.2f}x baseline)"
        )
        from safeguard.engine.results import default_as_of
        from safeguard.store.engine import open_engine

        engine = open_engine(url)
        clock = default_as_of(engine).isoformat()  # served right after the import
        engine.dispose()
        w = web(url, clock)
        print(
            f"serve: first page {w['first_page_s']:.2f} s after start (target < 2 s); "
            f"server memory {w['rss_mb']:.0f} MB, {w['rss_after_mb']:.0f} MB after "
            f"{w['decisions']} decisions (target < 500 MB); dismiss p95 "
            f"{w['decision_p95_ms']:.0f} ms (target < 300 ms)"
        )
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

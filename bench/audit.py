"""Benchmark: full audit of demo data sets of about 10k, 100k and 1M notes.

    .venv/bin/python bench/audit.py                 # 10k and 100k notes (SQLite)
    .venv/bin/python bench/audit.py --sizes 10k 100k 1m
    SAFEGUARD_TEST_PG_URL=postgresql+psycopg://... .venv/bin/python bench/audit.py  # + PostgreSQL

For each size: generate demo data (cached under --work), import it, then run
``safeguard audit --format json`` in a fresh process and report wall time, peak memory
(max RSS of the audit process) and time per 1,000 notes (growth should be near linear).
Target: 1 million notes and 50,000 episodes in under 5 minutes with under 2 GB.

Measured earlier (2-core shared dev machine, other work running; SQLite; --jobs 2), 23 Nov 2026,
before the findings engine; README has the current figures:

    size  notes      episodes  wall s  cpu s  main MB  worker MB
    10k   12,170          846     3.6    5.3      115         76
    100k  124,229       8,642    30.7   49.7      317         77
    1m    1,249,635    90,453   271.5  424.7      744         83   (359.8 s with load average ~4)
    PostgreSQL (earlier run, before the language checker was made faster): 10k 7.9 s; 100k 62.6 s

About 84% of the CPU time is the language checker (safeguard.language.check, rules plus model);
the exploitation indicators take about 12% and the checks themselves about 4%.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAFEGUARD = [sys.executable, "-m", "safeguard"]
NOTES_PER_CHILD = 37  # roughly what the demo generator writes at these sizes
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}


def sh(cmd: list[str], **kw) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    return subprocess.run(cmd, check=True, text=True, **kw)


def prepare(work: Path, label: str, notes: int) -> Path:
    data = work / f"data-{label}"
    if not (data / "children.csv").exists():
        children = max(notes // NOTES_PER_CHILD, 10)
        print(f"[{label}] generating {children} children ...", flush=True)
        sh(
            [
                *SAFEGUARD,
                "demo-data",
                "--children",
                str(children),
                "--seed",
                "7",
                "--out",
                str(data),
            ]
        )
        truth = data / "truth.jsonl"
        if truth.exists():
            truth.rename(work / f"truth-{label}.jsonl")
    return data


def import_into(url: str, data: Path) -> float:
    t = time.perf_counter()
    sh([*SAFEGUARD, "import", "--db", url, str(data)], stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


_AUDIT = """
import resource, sys
from safeguard.cli import main
rc = main(sys.argv[1:])
sys.stdout.flush()
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
print("MAXRSS", me.ru_maxrss, kids.ru_maxrss, cpu, file=sys.stderr)
sys.exit(rc)
"""


def audit(url: str, as_of: str, jobs: int) -> tuple[float, float, float, float, dict]:  # type: ignore[type-arg]
    """Run the audit in a fresh process: wall time, peak memory (MB) of the main process and of
    the largest worker process, CPU seconds (all processes), and the report summary."""
    t = time.perf_counter()
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            _AUDIT,
            "audit",
            "--db",
            url,
            "--format",
            "json",
            "--quiet",
            "--fresh",  # the full audit of every case, not the results stored by the import
            "--as-of",
            as_of,
        ],
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - t
    if out.returncode not in (0, 1):
        raise SystemExit(f"audit failed: {out.stderr}")
    main_kb, worker_kb, cpu = out.stderr.rsplit("MAXRSS", 1)[1].split()[:3]
    summary = json.loads(out.stdout)["summary"]
    return wall, int(main_kb) / 1024, int(worker_kb) / 1024, float(cpu), summary


def pg_database(base_url: str) -> str:
    import sqlalchemy as sa

    name = f"sg_bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base_url.rpartition("/")[0] + "/" + name


def drop_pg_database(base_url: str, url: str) -> None:
    import sqlalchemy as sa

    name = url.rpartition("/")[2]
    admin = sa.create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", nargs="+", default=["10k", "100k"], choices=sorted(SIZES))
    ap.add_argument("--work", type=Path, default=Path("/tmp/safeguard-bench"))
    ap.add_argument("--as-of", default="2026-11-01T00:00")
    ap.add_argument(
        "--jobs", type=int, default=2, help="worker processes for the audit (default 2)"
    )
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    backends = ["sqlite"] + (["postgresql"] if os.environ.get("SAFEGUARD_TEST_PG_URL") else [])
    rows = []
    for label in args.sizes:
        data = prepare(args.work, label, SIZES[label])
        for backend in backends:
            if backend == "sqlite":
                db = args.work / f"{label}.sqlite"
                url = f"sqlite:///{db}"
                if not db.exists():
                    print(f"[{label}] importing into SQLite ...", flush=True)
                    import_into(url, data)
            else:
                url = pg_database(os.environ["SAFEGUARD_TEST_PG_URL"])
                print(f"[{label}] importing into PostgreSQL ...", flush=True)
                import_into(url, data)
            try:
                wall, rss, worker_rss, cpu, summary = audit(url, args.as_of, args.jobs)
            finally:
                if backend == "postgresql":
                    drop_pg_database(os.environ["SAFEGUARD_TEST_PG_URL"], url)
            row = {
                "size": label,
                "backend": backend,
                "notes": summary["notes"],
                "cases": summary["cases"],
                "episodes": summary["episodes"],
                "seconds": round(wall, 1),
                "cpu_seconds": round(cpu, 1),
                "jobs": args.jobs,
                "peak_mb": round(rss),
                "worker_peak_mb": round(worker_rss) if args.jobs > 1 else 0,
                "ms_per_1k_notes": round(wall / max(summary["notes"], 1) * 1e6, 1),
            }
            rows.append(row)
            print(json.dumps(row), flush=True)
    print()
    print(
        f"{'size':>5} {'backend':>10} {'jobs':>4} {'notes':>9} {'episodes':>8} {'seconds':>8} "
        f"{'cpu s':>7} {'main MB':>8} {'worker MB':>9} {'ms/1k notes':>11}"
    )
    for r in rows:
        print(
            f"{r['size']:>5} {r['backend']:>10} {r['jobs']:>4} {r['notes']:>9} {r['episodes']:>8} "
            f"{r['seconds']:>8} {r['cpu_seconds']:>7} {r['peak_mb']:>8} {r['worker_peak_mb']:>9} {r['ms_per_1k_notes']:>11}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

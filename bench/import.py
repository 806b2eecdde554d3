"""Import throughput: notes per second into SQLite and PostgreSQL, growth with size, peak memory.

    .venv/bin/python bench/import.py                          # 10k, 100k, 1M notes; SQLite only
    .venv/bin/python bench/import.py --pg "$(bash scripts/pg.sh start)"   # and PostgreSQL
    .venv/bin/python bench/import.py --sizes 10000,100000

Data comes from the demo generator (``safeguard.demo``), sized by number of notes, cached in
``--work`` (default /tmp/safeguard-bench-import). Each import runs in its own subprocess into a
fresh database, so peak memory (``ru_maxrss``) is that run's alone. As in ``safeguard import``,
PostgreSQL loads while the files are checked (so "check" includes COPY) and commits at the end.
Not part of the tests.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

CHILD_SCRIPT = r"""
import json, resource, sys, time
from safeguard.records.validate import validate
from safeguard.store.engine import open_store
from safeguard.store.load import StreamingLoad, load
src, url = sys.argv[1], sys.argv[2]
engine = open_store(url)
t0 = time.perf_counter()
stream = StreamingLoad(engine) if engine.dialect.name == "postgresql" else None
result = validate(src, "auto", engine, sink=stream)   # as `safeguard import` does
assert result.ok, [str(p) for p in result.problems[:5]]
t1 = time.perf_counter()
counts = stream.commit() if stream else load(engine, result.spool.batches())
t2 = time.perf_counter()
result.close()
print(json.dumps({
    "validate_s": t1 - t0, "load_s": t2 - t1, "total_s": t2 - t0,
    "records": sum(a + u for a, u in counts.values()),
    "notes": sum(counts.get("notes", (0, 0))),
    "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def notes_in(folder: Path) -> int:
    path = folder / "notes.csv"
    import csv

    with path.open(encoding="utf-8", newline="") as fh:
        return sum(1 for _ in csv.reader(fh)) - 1


def make_data(work: Path, notes: int) -> Path:
    """A demo data set with about ``notes`` notes (cached)."""
    from safeguard.demo import write_demo

    folder = work / f"notes-{notes}"
    if (folder / "notes.csv").exists():
        return folder
    probe = work / "probe"
    if not (probe / "notes.csv").exists():
        write_demo(probe, children=200, seed=3)
    per_child = notes_in(probe) / 200
    children = max(1, round(notes / per_child))
    tmp = work / f"tmp-{notes}"
    shutil.rmtree(tmp, ignore_errors=True)
    write_demo(tmp, children=children, seed=3)
    (tmp / "truth.jsonl").rename(work / f"truth-{notes}.jsonl")  # not an exchange file
    tmp.rename(folder)
    return folder


def run_import(folder: Path, url: str) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD_SCRIPT, str(folder), url],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode:
        raise SystemExit(f"import failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def fresh_pg(admin_url: str) -> tuple[str, str]:
    import sqlalchemy as sa

    name = f"bench_{uuid.uuid4().hex[:10]}"
    eng = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        c.execute(sa.text(f'CREATE DATABASE "{name}"'))
    eng.dispose()
    return admin_url.rpartition("/")[0] + "/" + name, name


def drop_pg(admin_url: str, name: str) -> None:
    import sqlalchemy as sa

    eng = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
    eng.dispose()


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", default="10000,100000,1000000", help="note counts, comma-separated")
    ap.add_argument("--pg", metavar="URL", help="PostgreSQL admin URL (a fresh database per run)")
    ap.add_argument("--work", default="/tmp/safeguard-bench-import", help="cache folder for data")
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    backends = ["sqlite"] + (["postgresql"] if args.pg else [])
    rows = []
    for size in sizes:
        t = time.perf_counter()
        folder = make_data(work, size)
        print(
            f"data for {size:,} notes ready ({time.perf_counter() - t:.0f}s): {folder}",
            file=sys.stderr,
        )
        for backend in backends:
            if backend == "sqlite":
                db = work / f"bench-{size}.db"
                for p in work.glob(f"bench-{size}.db*"):
                    p.unlink()
                r = run_import(folder, f"sqlite:///{db}")
            else:
                url, name = fresh_pg(args.pg)
                try:
                    r = run_import(folder, url)
                finally:
                    drop_pg(args.pg, name)
            r.update(backend=backend, size=size)
            rows.append(r)
            print(
                f"{backend:10} {r['notes']:>9,} notes {r['records']:>10,} records "
                f"{r['total_s']:7.1f}s (check {r['validate_s']:.1f}s, then load/commit {r['load_s']:.1f}s) "
                f"{r['notes'] / r['total_s']:>9,.0f} notes/s {r['records'] / r['total_s']:>9,.0f} records/s "
                f"peak {r['maxrss_mb']:.0f} MB",
                flush=True,
            )
    print("\nGrowth (throughput relative to the smallest size; 1.00 = perfectly linear time):")
    for backend in backends:
        mine = [r for r in rows if r["backend"] == backend]
        base = mine[0]["notes"] / mine[0]["total_s"]
        ratios = ", ".join(f"{r['size']:,}: {r['notes'] / r['total_s'] / base:.2f}" for r in mine)
        print(f"  {backend}: {ratios}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

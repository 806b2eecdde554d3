"""Benchmark: the national-scale path — Parquet import and the audit on a Dask cluster.

    .venv/bin/python bench/scale.py                      # 2,000 children (~75k notes)
    .venv/bin/python bench/scale.py --children 20000     # ~740k notes
    .venv/bin/python bench/scale.py --children 220000 --national --forces 10
                                          # ~10 million notes: the national audit alone

Steps, each timed in this run:

1. ``safeguard demo-data`` (cached under --work), imported into SQLite from CSV;
2. ``safeguard export --format parquet``, then the same records imported from Parquet into an
   empty SQLite store: CSV and Parquet import rates side by side (ratio Parquet / CSV);
3. the single-machine audit in one process (the baseline), then ``audit_dataset`` on a real
   Dask ``LocalCluster`` of 1 and of 2 worker processes: notes/s, ratio to the baseline, and
   each worker's peak memory;
4. the arithmetic extrapolating the measured per-worker rate to 10 million and 200 million
   notes (printed; docs/scale.md quotes it).

With ``--national`` only the distributed path runs, at a size one store would not hold: the
demo national dataset is written as Parquet by the cluster itself (``demo-data --format
parquet``'s writer, one task per invented force), then the audit runs on the same 2-worker
cluster and the time to audit every note is printed, with the workers' peak memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAFEGUARD = [sys.executable, "-m", "safeguard"]
AS_OF = "2025-06-01T00:00"


def sh(*args: str) -> None:
    subprocess.run([*SAFEGUARD, *args], check=True, stdout=subprocess.DEVNULL)


def timed(fn, *args, **kw):  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    out = fn(*args, **kw)
    return out, time.perf_counter() - t


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--children", type=int, default=2000)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "safeguard-bench")
    ap.add_argument("--buckets", type=int, default=32)
    ap.add_argument("--national", action="store_true", help="only the national audit (above)")
    ap.add_argument("--forces", type=int, default=10, help="--national: invented forces")
    ap.add_argument("--workers", type=int, default=2, help="--national: worker processes")
    args = ap.parse_args()
    if args.national:
        national(args)
        return

    from datetime import datetime

    from distributed import Client, LocalCluster

    from safeguard.audit.distributed import audit_dataset
    from safeguard.audit.runner import Auditor, audit_cases
    from safeguard.store.engine import open_engine
    from safeguard.store.read import iter_cases

    work = args.work / f"scale-{args.children}"
    work.mkdir(parents=True, exist_ok=True)
    demo = work / "demo"
    if not (demo / "children.csv").exists():
        print(f"generating {args.children:,} children ...", flush=True)
        sh("demo-data", "--children", str(args.children), "--seed", "7", "--out", str(demo))
    notes = sum(1 for _ in (demo / "notes.csv").open(encoding="utf-8")) - 1
    records = sum(sum(1 for _ in p.open(encoding="utf-8")) - 1 for p in demo.glob("*.csv"))

    def fresh(name: str) -> str:
        db = work / f"{name}.db"
        db.unlink(missing_ok=True)
        return f"sqlite:///{db}"

    csv_url = fresh("csv")
    _, t_csv = timed(sh, "import", str(demo), "--db", csv_url)
    pq_dir = work / "parquet"
    import shutil

    shutil.rmtree(pq_dir, ignore_errors=True)
    _, t_export = timed(
        sh, "export", str(pq_dir), "--format", "parquet", "--force", "bench",
        "--buckets", str(args.buckets), "--db", csv_url,
    )  # fmt: skip
    _, t_pq = timed(sh, "import", str(pq_dir), "--db", fresh("parquet"))
    print(f"\nrecords: {records:,} ({notes:,} notes, {args.children:,} children)")
    print(f"import from CSV      {t_csv:8.1f} s  {records / t_csv:10,.0f} records/s")
    print(
        f"import from Parquet  {t_pq:8.1f} s  {records / t_pq:10,.0f} records/s"
        f"  (ratio to CSV {t_csv / t_pq:.2f}x)"
    )
    print(f"export to Parquet    {t_export:8.1f} s")

    as_of = datetime.fromisoformat(AS_OF)
    engine = open_engine(csv_url)
    base_report, t_base = timed(
        audit_cases, iter_cases(engine), auditor=Auditor(as_of=as_of), jobs=1
    )
    engine.dispose()
    base_rate = notes / t_base
    print(f"\naudit, one process (baseline)  {t_base:8.1f} s  {base_rate:8,.0f} notes/s")
    rates: dict[int, float] = {}
    for n in (1, 2):
        cluster = LocalCluster(
            n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50,
            host="127.0.0.1",
        )  # fmt: skip
        client = Client(cluster)
        try:
            report, t = timed(audit_dataset, pq_dir, auditor=Auditor(as_of=as_of), client=client)
            peaks = client.run(_peak_mb)
        finally:
            client.close()
            cluster.close()
        assert [r.grade for r in report.cases] == [r.grade for r in base_report.cases]
        rates[n] = notes / t
        mem = ", ".join(f"{v:,.0f}" for v in sorted(peaks.values()))
        print(
            f"audit, Dask, {n} worker{'s' if n > 1 else ' '}        {t:8.1f} s  "
            f"{rates[n]:8,.0f} notes/s  (ratio to baseline {rates[n] / base_rate:.2f}x; "
            f"peak MB per worker: {mem})"
        )
    per_worker = rates[2] / 2
    cores = os.cpu_count() or 1
    print("\nextrapolation from the measured rate (this machine has", cores, "cores):")
    print(f"  per-worker rate with 2 workers = {rates[2]:,.0f} / 2 = {per_worker:,.0f} notes/s")
    for total, label in ((10_000_000, "10 million"), (200_000_000, "200 million")):
        for w in (2, 16, 64):
            hours = total / (per_worker * w) / 3600
            print(
                f"  {label} notes on {w:>2} workers: {total:,} / ({per_worker:,.0f} x {w}) "
                f"= {hours:,.1f} h"
            )


def national(args: argparse.Namespace) -> None:
    from datetime import datetime

    import pyarrow.dataset as ds
    from distributed import Client, LocalCluster

    from safeguard.audit.distributed import audit_dataset
    from safeguard.audit.runner import Auditor
    from safeguard.demo.write import write_demo_force

    work = args.work / f"national-{args.children}-{args.forces}"
    data = work / "parquet"
    cluster = LocalCluster(
        n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None,
        silence_logs=50, host="127.0.0.1",
    )  # fmt: skip
    client = Client(cluster)
    try:
        if not (work / "done").exists():
            import shutil

            shutil.rmtree(work, ignore_errors=True)
            data.mkdir(parents=True)
            print(f"writing {args.children:,} children as {args.forces} forces ...", flush=True)
            futures = [
                client.submit(
                    write_demo_force,
                    str(data),
                    args.children,
                    7,
                    args.forces,
                    k,
                    args.buckets,
                    pure=False,
                )  # fmt: skip
                for k in range(args.forces)
            ]
            t = time.perf_counter()
            client.gather(futures)
            print(f"written in {time.perf_counter() - t:,.0f} s", flush=True)
            (work / "done").write_text("ok\n")
        notes = ds.dataset(data / "notes", format="parquet", partitioning="hive").count_rows()
        print(f"\n{notes:,} notes, {args.children:,} children, {args.forces} forces")
        done = [0]

        def progress(n: int) -> None:
            if n - done[0] >= args.children // 20:
                done[0] = n
                print(f"  {n:,} children audited, {time.perf_counter() - t0:,.0f} s", flush=True)

        t0 = time.perf_counter()
        report = audit_dataset(
            data, auditor=Auditor(as_of=datetime.fromisoformat(AS_OF)), client=client,
            progress=progress,
        )  # fmt: skip
        t = time.perf_counter() - t0
        peaks = client.run(_peak_mb)
    finally:
        client.close()
        cluster.close()
    grades = report.grade_counts()
    mem = ", ".join(f"{v:,.0f}" for v in sorted(peaks.values()))
    print(
        f"national audit, Dask, {args.workers} workers: {len(report.cases):,} cases, "
        f"{notes:,} notes in {t:,.0f} s = {t / 60:,.1f} min; {notes / t:,.0f} notes/s "
        f"({notes / t / args.workers:,.0f} per worker); peak MB per worker: {mem}"
    )
    print("grades:", ", ".join(f"{g} {n:,}" for g, n in grades.items()))
    per_worker = notes / t / args.workers
    print("\nextrapolation from this run's per-worker rate:")
    for w in (16, 64):
        hours = 200_000_000 / (per_worker * w) / 3600
        print(f"  200 million notes on {w} workers: 200,000,000 / ({per_worker:,.0f} x {w}) "
              f"= {hours:,.1f} h")  # fmt: skip


if __name__ == "__main__":
    main()

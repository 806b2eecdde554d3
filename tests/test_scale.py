"""National scale: the columnar exchange format and the audit on a real Dask cluster.

The cluster is a real ``distributed.LocalCluster`` of two worker processes (what
``safeguard audit --from`` starts without ``--scheduler``); nothing is mocked.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pytest.importorskip("distributed")

import pyarrow.parquet as pq  # noqa: E402

from safeguard.audit.distributed import audit_dataset, latest_record_time  # noqa: E402
from safeguard.audit.runner import Auditor, audit_cases  # noqa: E402
from safeguard.audit.source import latest_record_time as store_latest  # noqa: E402
from safeguard.records.parquet import (  # noqa: E402
    ParquetReader,
    bucket_of,
    export_parquet,
    partitions,
)
from safeguard.store.engine import open_engine  # noqa: E402
from safeguard.store.read import iter_cases  # noqa: E402

AS_OF = datetime(2025, 6, 1)


def _begun_by_as_of(dataset: Path) -> set[str]:
    """The children of ``dataset`` with a record made by AS_OF (an audit as of then has them)."""
    from safeguard.records.parquet import read_partition

    auditor = Auditor(as_of=AS_OF)
    out: set[str] = set()
    for part in partitions(dataset):
        cases, _ = read_partition(str(dataset), part)
        out |= {c.child.id for c in cases if auditor.begun(c)}
    return out


def safeguard(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "safeguard", *args], capture_output=True, text=True, check=check
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    d = tmp_path_factory.mktemp("scale")
    safeguard("demo-data", "--children", "90", "--seed", "7", "--out", str(d / "demo"))
    url = f"sqlite:///{d / 'store.db'}"
    safeguard("import", str(d / "demo"), "--db", url)
    return url


@pytest.fixture(scope="module")
def dataset(store: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pq") / "set"
    safeguard("export", str(out), "--format", "parquet", "--force", "met", "--buckets", "12",
              "--db", store)  # fmt: skip
    return out


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
        host="127.0.0.1",
    )  # fmt: skip
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


def _single_machine(store: str) -> dict:  # type: ignore[type-arg]
    engine = open_engine(store)
    try:
        report = audit_cases(iter_cases(engine), auditor=Auditor(as_of=AS_OF))
    finally:
        engine.dispose()
    d = report.as_dict()
    d.pop("generated_at")
    return d


def test_every_record_of_a_child_lands_in_its_partition(dataset: Path) -> None:
    parts = partitions(dataset)
    assert parts and {p.force for p in parts} == {"met"}
    for p in parts:
        reader = ParquetReader(dataset, only=[p])
        for entity, _row, raw in reader:
            if entity in ("children",):
                assert bucket_of(raw["id"], 12) == p.bucket
            if "child_id" in raw:
                assert bucket_of(raw["child_id"], 12) == p.bucket


def test_parquet_round_trip_is_lossless(store: str, dataset: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'again.db'}"
    safeguard("import", str(dataset), "--db", url)
    safeguard("export", str(tmp_path / "a"), "--db", store)
    safeguard("export", str(tmp_path / "b"), "--db", url)
    for f in sorted((tmp_path / "a").iterdir()):
        assert f.read_bytes() == (tmp_path / "b" / f.name).read_bytes(), f.name


def test_bad_parquet_value_is_named_by_file_row_and_field(dataset: Path, tmp_path: Path) -> None:
    import shutil

    bad = tmp_path / "bad"
    shutil.copytree(dataset, bad)
    part = sorted((bad / "notes").rglob("part-*.parquet"))[0]
    table = pq.read_table(part)
    ids = table.column("child_id").to_pylist()
    ids[1] = "NO-SUCH-CHILD"
    table = table.set_column(
        table.schema.get_field_index("child_id"), "child_id", pa.array(ids, pa.string())
    )
    pq.write_table(table, part)
    r = safeguard("import", str(bad), "--db", f"sqlite:///{tmp_path / 'x.db'}", check=False)
    assert r.returncode == 2
    rel = part.relative_to(bad).as_posix()
    assert f"{rel}:2: field 'child_id' = 'NO-SUCH-CHILD'" in r.stdout
    assert "Nothing was imported" in r.stderr


def test_default_as_of_matches_the_store(store: str, dataset: Path) -> None:
    engine = open_engine(store)
    try:
        assert latest_record_time(dataset) == store_latest(engine)
    finally:
        engine.dispose()


def test_dask_audit_equals_single_machine_audit(store: str, dataset: Path, client) -> None:  # type: ignore[no-untyped-def]
    report = audit_dataset(dataset, auditor=Auditor(as_of=AS_OF), client=client)
    got = report.as_dict()
    got.pop("generated_at")
    assert got == _single_machine(store)


def test_a_killed_worker_does_not_change_the_results(
    store: str,
    dataset: Path,
    client,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    killed: list[int] = []

    def kill_one_worker(done: int) -> None:
        if killed:
            return
        pids = client.run(os.getpid)
        pid = sorted(pids.values())[0]
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    report = audit_dataset(
        dataset,
        auditor=Auditor(as_of=AS_OF),
        client=client,
        progress=kill_one_worker,
        results_dir=tmp_path / "res",
    )
    assert killed
    got = report.as_dict()
    got.pop("generated_at")
    assert got == _single_machine(store)
    client.wait_for_workers(2, timeout=60)


def test_rerun_is_idempotent(dataset: Path, client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "res"

    def contents() -> dict[str, list[dict]]:  # type: ignore[type-arg]
        return {
            p.relative_to(out).as_posix(): pq.read_table(p).to_pylist()
            for p in sorted(out.rglob("*.parquet"))
        }

    audit_dataset(dataset, auditor=Auditor(as_of=AS_OF), client=client, results_dir=out)
    first = contents()
    audit_dataset(dataset, auditor=Auditor(as_of=AS_OF), client=client, results_dir=out)
    assert contents() == first
    rows = [r for rs in first.values() for r in rs]
    # every child whose records had begun by AS_OF, once (a case begun later is left out)
    begun = _begun_by_as_of(dataset)
    assert 80 < len(begun) < 90
    assert len(rows) == len(begun) and {r["child_id"] for r in rows} == begun
    assert all(json.loads(r["result"])["grade"] == r["grade"] for r in rows)


def test_national_report_has_a_force_column(store: str, tmp_path: Path, client) -> None:  # type: ignore[no-untyped-def]
    engine = open_engine(store)
    try:
        cases = list(iter_cases(engine))
    finally:
        engine.dispose()
    out = tmp_path / "national"
    export_parquet(cases[:40], out, "north", buckets=4)
    export_parquet(cases[40:], out, "south", buckets=4)
    report = audit_dataset(out, auditor=Auditor(as_of=AS_OF), client=client)
    by_force = report.header()["summary"]["grades_by_force"]
    assert set(by_force) == {"north", "south"}
    auditor = Auditor(as_of=AS_OF)
    assert sum(by_force["north"].values()) == sum(map(auditor.begun, cases[:40]))
    assert sum(by_force["south"].values()) == sum(map(auditor.begun, cases[40:]))
    # Each case in the JSON names its force; its records decide which.
    north = {c.child.id for c in cases[:40]}
    for case in report.as_dict()["cases"]:
        assert case["force"] == ("north" if case["child_id"] in north else "south")
    # The HTML report has a table of grades by force, and a force column beside each case.
    from safeguard.audit.report_html import render_html
    from safeguard.audit.report_text import render_text

    html = render_html(report)
    assert '<h2 id="forces">Case grades by force</h2>' in html
    table = html.split('<h2 id="forces">')[1].split("</table>")[0]
    for force, grades in by_force.items():
        row = table.split(f'<th scope="row">{force}</th>')[1].split("</tr>")[0]
        assert row.endswith(f"<td class=num>{sum(grades.values()):,}</td>")
    assert '<th scope="col">Force</th>' in html
    text = render_text(report)
    assert "Grades by force:" in text and "north" in text and "south" in text


def test_cli_audit_from_dataset_prints_what_the_store_audit_prints(
    store: str, dataset: Path
) -> None:
    db = safeguard("audit", "--db", store, "--format", "json", "-q", "--jobs", "1", check=False)
    dk = safeguard("audit", "--from", str(dataset), "--format", "json", "-q", check=False)
    assert db.returncode == dk.returncode == 1, dk.stderr
    a, b = json.loads(db.stdout), json.loads(dk.stdout)
    a.pop("generated_at")
    b.pop("generated_at")
    assert a == b


def test_demo_data_written_as_parquet_audits_as_the_same_records_through_the_store(
    store: str,
    tmp_path: Path,
    client,  # type: ignore[no-untyped-def]
) -> None:
    """``demo-data --format parquet`` holds exactly the records ``demo-data`` writes as CSV
    (same children, seed): auditing either gives the same cases, grades and findings."""
    out = tmp_path / "national"
    made = safeguard("demo-data", "--children", "90", "--seed", "7", "--format", "parquet",
                     "--forces", "3", "--buckets", "4", "--out", str(out))  # fmt: skip
    assert "as 3 invented forces" in made.stdout
    report = audit_dataset(out, auditor=Auditor(as_of=AS_OF), client=client)
    national = report.as_dict()
    assert {c["force"] for c in national["cases"]} == {"demo-01", "demo-02", "demo-03"}
    assert 25 < [c["force"] for c in national["cases"]].count("demo-01") <= 30
    for c in national["cases"]:
        c.pop("force")
    single = _single_machine(store)
    assert national["cases"] == single["cases"]
    truth = [json.loads(line) for p in (out / "truth").glob("*.jsonl") for line in p.open()]
    # the same children, less those whose records all began after AS_OF
    assert {c["child_id"] for c in single["cases"]} == _begun_by_as_of(out) < {
        t["child_id"] for t in truth
    }


def test_demo_data_parquet_options_are_checked(tmp_path: Path) -> None:
    bad = safeguard("demo-data", "--forces", "2", "--out", str(tmp_path / "x"), check=False)
    assert bad.returncode == 2 and "--forces and --buckets go with --format parquet" in bad.stderr
    bad = safeguard("demo-data", "--children", "3", "--forces", "4", "--format", "parquet",
                    "--out", str(tmp_path / "y"), check=False)  # fmt: skip
    assert bad.returncode == 2 and "--forces must be between 1 and 3" in bad.stderr


def test_results_load_into_a_database_once_per_child_and_a_rerun_replaces_them(
    dataset: Path,
    db_url: str,
    client,  # type: ignore[no-untyped-def]
) -> None:
    """--results-db: each worker loads its partitions (COPY on PostgreSQL); the rows are the
    cases of the report, and running again leaves one row per child."""
    import sqlalchemy as sa

    from safeguard.store.engine import open_store

    open_store(db_url).dispose()
    for _ in range(2):
        report = audit_dataset(
            dataset, auditor=Auditor(as_of=AS_OF), client=client, results_db=db_url
        )
    engine = open_store(db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                sa.text(
                    "SELECT force, child_id, bucket, grade, findings, result "
                    "FROM national_results ORDER BY child_id"
                )  # fmt: skip
            ).all()
    finally:
        engine.dispose()
    assert [r.child_id for r in rows] == [c.child_id for c in report.cases]
    for row, case in zip(rows, report.cases, strict=True):
        assert row.force == "met" and row.bucket == bucket_of(case.child_id, 12)
        assert (row.grade, row.findings) == (case.grade, len(case.findings))
        assert json.loads(row.result) == case.as_dict()

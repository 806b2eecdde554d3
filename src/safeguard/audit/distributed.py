"""The batch audit on a Dask cluster, over the columnar exchange format.

A case's audit is a pure function of its records, the standards, the risk definitions and the
language rules and model. The columnar dataset (:mod:`safeguard.records.parquet`) puts every
record of a child in one ``(force, bucket)`` partition, so each task reads one partition,
rebuilds its cases, audits them with the same :class:`~safeguard.audit.runner.Auditor` as the
single-machine audit and writes the results for that partition to Parquet. The standards and
settings travel to each worker once (a worker plugin builds one ``Auditor`` per worker
process); tasks carry only the partition's name.

Dask's scheduler retries a partition whose worker died (``retries``), and a re-run overwrites
each partition's results file, so running twice gives the same results.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from safeguard.audit.runner import Auditor, AuditReport, CaseResult
from safeguard.install import install_command
from safeguard.records.clock import utc_now
from safeguard.records.io import Problem
from safeguard.records.parquet import Partition, is_parquet_dataset, partitions, read_partition

PLUGIN_NAME = "safeguard-auditor"
#: Times a partition is retried after its worker died or it failed.
RETRIES = 3


class DatasetError(Exception):
    """The dataset has problems; carries them (file, row, field) for the user."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in the dataset")
        self.problems = problems

    def __reduce__(self) -> tuple[Any, ...]:  # travels from a worker to the client
        return (DatasetError, (self.problems,))


class EngineMissing(RuntimeError):
    """Dask (distributed) is not installed."""


@dataclass(frozen=True)
class PartitionResult:
    partition: Partition
    path: str
    cases: list[CaseResult]


def _auditor_plugin(settings: dict[str, Any], results_db: str | None = None) -> Any:
    from distributed import WorkerPlugin

    class AuditorPlugin(WorkerPlugin):
        """Builds one Auditor per worker process, from settings shipped once."""

        name = PLUGIN_NAME

        def __init__(self, settings: dict[str, Any], results_db: str | None) -> None:
            self.settings = settings
            self.results_db = results_db
            self.auditor: Auditor | None = None
            self.engine: Any = None

        def setup(self, worker: Any) -> None:
            self.auditor = Auditor(**self.settings)
            if self.results_db:
                from safeguard.store.engine import open_engine

                self.engine = open_engine(self.results_db)  # migrated by the client already

        def teardown(self, worker: Any) -> None:
            if self.engine is not None:
                self.engine.dispose()

    return AuditorPlugin(settings, results_db)


def _worker_plugin() -> Any:
    from distributed import get_worker

    # distributed keeps plugins as WorkerPlugin; this one is our AuditorPlugin, a class made
    # only where distributed is imported, so it cannot be named here.
    plugin: Any = get_worker().plugins[PLUGIN_NAME]
    assert plugin.auditor is not None
    return plugin


def _results_table(part: Partition, results: list[CaseResult]) -> Any:
    import pyarrow as pa

    return pa.table(
        {
            "child_id": pa.array([r.child_id for r in results], pa.string()),
            "force": pa.array([part.force] * len(results), pa.string()),
            "team": pa.array([r.team for r in results], pa.string()),
            "grade": pa.array([r.grade for r in results], pa.string()),
            "findings": pa.array([len(r.findings) for r in results], pa.int32()),
            "checks": pa.array(
                [sorted({f.check_id for f in r.findings}) for r in results],
                pa.list_(pa.string()),
            ),
            "result": pa.array(
                [json.dumps(r.as_dict(), ensure_ascii=False) for r in results], pa.string()
            ),
        }
    )


def audit_partition(source: str, part: Partition, results_dir: str | None) -> PartitionResult:
    """One task: read a partition, audit its cases, write its results (replacing any)."""
    cases, problems = read_partition(source, part)
    if problems:
        raise DatasetError(problems[:50])
    plugin = _worker_plugin()
    auditor: Auditor = plugin.auditor
    results = [auditor.audit_case(c) for c in cases if auditor.begun(c)]
    if plugin.engine is not None:
        from safeguard.audit.results_store import load_partition, result_rows

        load_partition(plugin.engine, part, result_rows(part, results, auditor.as_of))
    path = ""
    if results_dir:
        import pyarrow.parquet as pq

        d = Path(results_dir) / f"force={part.force}"
        d.mkdir(parents=True, exist_ok=True)
        final = d / f"bucket={part.bucket:03d}.parquet"
        tmp = d / f".bucket={part.bucket:03d}.{os.getpid()}.tmp"
        pq.write_table(_results_table(part, results), tmp, compression="zstd")
        os.replace(tmp, final)  # atomic: a re-run or a retry replaces, never duplicates
        path = str(final)
    return PartitionResult(part, path, results)


def latest_record_time(source: str | Path) -> datetime | None:
    """The latest record time in a dataset: the same columns as the store's default as-of."""
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    from safeguard.audit.source import TIME_COLUMNS

    latest: datetime | None = None
    for entity, column in TIME_COLUMNS:
        root = Path(source) / entity
        if not root.is_dir() or not any(root.rglob("*.parquet")):
            continue
        table = ds.dataset(root, format="parquet", partitioning="hive").to_table(columns=[column])
        value = pc.max(table.column(column)).as_py()
        if value is None:
            continue
        value = value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
        if latest is None or value > latest:
            latest = value
    return latest


def _client(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    try:
        from distributed import Client, LocalCluster
    except ModuleNotFoundError:
        raise EngineMissing(
            "the distributed audit needs the 'scale' extra: " + install_command("scale")
        ) from None
    if scheduler:
        return Client(scheduler, timeout="30s"), None
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        silence_logs=logging.CRITICAL,
        dashboard_address=None,  # nothing listens beyond the cluster itself
        host="127.0.0.1",
    )
    return Client(cluster), cluster


def audit_dataset(
    source: str | Path,
    *,
    auditor: Auditor,
    scheduler: str | None = None,
    workers: int = 2,
    results_dir: str | Path | None = None,
    filters: dict[str, str | None] | None = None,
    progress: Callable[[int], None] | None = None,
    client: Any = None,
    results_db: str | None = None,
) -> AuditReport:
    """Audit every case of a columnar dataset on a Dask cluster into one report.

    ``scheduler`` is the address of a running Dask scheduler (``tcp://host:8786``); without
    one, a local cluster of ``workers`` processes is started and stopped. ``client`` may be
    given instead (tests). Cases come back in child-id order, as from ``safeguard audit --db``.
    With ``results_db`` (the address of a store, already migrated) each task also loads its
    partition's results into that database's ``national_results`` table
    (:mod:`safeguard.audit.results_store`).
    """
    if not is_parquet_dataset(source):
        raise DatasetError(
            [
                Problem(
                    str(source),
                    0,
                    "",
                    "",
                    "a folder written by 'safeguard export --format parquet'",
                )
            ]
        )
    parts = partitions(source)
    settings = {
        "as_of": auditor.as_of,
        "standards": auditor.standards,
        "risk_levels": auditor.risk_levels,
    }
    own = client is None
    cluster = None
    if own:
        client, cluster = _client(scheduler, workers)
    report = AuditReport(
        as_of=auditor.as_of,
        generated_at=utc_now(),
        standards=auditor.standards,
        filters=dict(filters or {}),
    )
    try:
        from distributed import as_completed

        client.register_plugin(_auditor_plugin(settings, results_db), name=PLUGIN_NAME)
        src = str(Path(source).resolve())
        out = str(Path(results_dir).resolve()) if results_dir else None
        futures = [
            client.submit(
                audit_partition, src, p, out, key=f"audit-{p.force}-{p.bucket}", retries=RETRIES
            )
            for p in parts
        ]
        collected: list[CaseResult] = []
        done = 0
        for fut in as_completed(futures):
            res: PartitionResult = fut.result()
            collected.extend(res.cases)
            report.forces.update((r.child_id, res.partition.force) for r in res.cases)
            done += len(res.cases)
            fut.release()
            if progress:
                progress(done)
        collected.sort(key=lambda r: r.child_id)
        report.cases = collected
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()
    return report

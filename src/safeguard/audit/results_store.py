"""The national audit's results in a database: one row per child, loaded by each worker.

``safeguard audit --from DIR --results-db URL`` loads every partition's results into the table
``national_results`` of the database at URL (a safeguard store: PostgreSQL for a hub, or a
SQLite file), so that analysts can query them with the tools they have. Each task loads its own
partition in one transaction after auditing it: on PostgreSQL with ``COPY`` into a temporary
table and one upsert, on SQLite with one batched upsert. A retried or re-run partition replaces
its earlier rows (first deleting the partition's rows, then upserting by force and child), so
running twice leaves one row per child.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, DateTime, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from safeguard.store.models import ID, Base

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy.engine import Engine

    from safeguard.audit.runner import CaseResult
    from safeguard.records.parquet import Partition

TABLE = "national_results"
COLUMNS = (
    "force", "child_id", "bucket", "team", "grade", "findings", "checks", "result", "as_of"
)  # fmt: skip


class NationalResultRow(Base):
    """One child's audit from the national (distributed) audit."""

    __tablename__ = TABLE
    __table_args__ = (
        Index("ix_national_results_force_bucket", "force", "bucket"),
        Index("ix_national_results_force_grade", "force", "grade"),
    )

    force: Mapped[str] = mapped_column(String(64), primary_key=True)
    child_id: Mapped[str] = mapped_column(ID, primary_key=True)
    bucket: Mapped[int] = mapped_column(Integer)
    team: Mapped[str] = mapped_column(String(64))
    grade: Mapped[str] = mapped_column(String(32))
    findings: Mapped[int] = mapped_column(Integer)
    #: Ids of the standards the case missed, sorted.
    checks: Mapped[list[str]] = mapped_column(JSON)
    #: The case exactly as in ``safeguard audit --format json`` (JSON text).
    result: Mapped[str] = mapped_column(Text)
    as_of: Mapped[datetime] = mapped_column(DateTime)


def result_rows(
    part: Partition, results: Sequence[CaseResult], as_of: datetime
) -> list[tuple[Any, ...]]:
    return [
        (
            part.force,
            r.child_id,
            part.bucket,
            r.team,
            r.grade,
            len(r.findings),
            json.dumps(sorted({f.check_id for f in r.findings})),
            json.dumps(r.as_dict(), ensure_ascii=False),
            as_of,
        )
        for r in results
    ]


_UPSERT = (
    f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) VALUES ({', '.join(':' + c for c in COLUMNS)}) "
    f"ON CONFLICT (force, child_id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in COLUMNS[2:])
)


def load_partition(engine: Engine, part: Partition, rows: list[tuple[Any, ...]]) -> int:
    """Replace the partition's rows in ``national_results`` by ``rows``, in one transaction."""
    with engine.begin() as conn:
        conn.execute(
            text(f"DELETE FROM {TABLE} WHERE force = :f AND bucket = :b"),
            {"f": part.force, "b": part.bucket},
        )
        if not rows:
            return 0
        if engine.dialect.name == "postgresql":
            raw = conn.connection.driver_connection  # psycopg 3
            assert raw is not None  # None only for a closed or invalidated connection, not this one
            with raw.cursor() as cur:
                cur.execute(
                    f"CREATE TEMP TABLE IF NOT EXISTS national_load "
                    f"(LIKE {TABLE} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
                )
                with cur.copy(f"COPY national_load ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                cur.execute(
                    f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) "
                    f"SELECT {', '.join(COLUMNS)} FROM national_load "
                    "ON CONFLICT (force, child_id) DO UPDATE SET "
                    + ", ".join(f"{c} = excluded.{c}" for c in COLUMNS[2:])
                )
        else:
            conn.execute(text(_UPSERT), [dict(zip(COLUMNS, r, strict=True)) for r in rows])
    return len(rows)

"""Export the store back to the exchange format, streaming, in a stable order (by id)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Engine, select

from safeguard.records.io import ExchangeWriter, Format, columns
from safeguard.store.models import TABLES
from safeguard.store.read import snapshot


def export(engine: Engine, out_dir: str | Path, fmt: Format = "csv") -> dict[str, int]:
    """Write every entity to ``out_dir``; returns entity -> records written.

    Rows are ordered by id, byte-wise on both databases, so exporting the same data twice
    gives identical files. Every file is read in one snapshot (one read transaction), so an
    import committing meanwhile cannot leave the export half old and half new.
    """
    pg = engine.dialect.name == "postgresql"
    with ExchangeWriter(out_dir, fmt) as writer, snapshot(engine) as conn:
        for entity, cls in TABLES.items():
            table = cls.__table__
            cols = [table.c[c] for c in columns(entity)]
            order = table.c.id.collate("C") if pg else table.c.id
            stmt = select(*cols).order_by(order).execution_options(yield_per=2000)
            for row in conn.execute(stmt):
                writer.write(entity, cast(Mapping[str, Any], row._mapping))
        counts = {e: writer.counts.get(e, 0) for e in TABLES}
    return counts

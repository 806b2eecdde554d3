"""Alembic environment: runs on the connection given by :func:`safeguard.store.migrate.migrate`."""

from __future__ import annotations

import contextlib
import importlib

from alembic import context
from sqlalchemy import create_engine

from safeguard.store.models import Base

# Tables other parts add to the shared Base must be imported for autogenerate to see them.
for _module in (
    "safeguard.web.models",
    "safeguard.engine.models",
    "safeguard.audit.results_store",
):
    with contextlib.suppress(ImportError):  # that part may not be installed
        importlib.import_module(_module)

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as conn:
        _run(conn)

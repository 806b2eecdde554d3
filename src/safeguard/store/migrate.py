"""Schema migrations, run from code: :func:`migrate` brings a database up to date.

The Alembic scripts ship inside the package (``safeguard/store/migrations``), so an installed
safeguard can upgrade any database it is pointed at. Every command that opens the store
calls :func:`migrate` first; it is quick when there is nothing to do.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: PostgreSQL advisory lock key held while migrating (one migration at a time).
MIGRATION_LOCK = 7_216_301


def alembic_config(url: str | None = None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def migrate(target: str | Engine | None = None) -> Engine:
    """Upgrade the database at ``target`` (URL or engine; default location if None) to head.

    Returns the engine used, so callers can go on with it.
    """
    from alembic import command

    from safeguard.store.engine import open_engine

    engine = target if isinstance(target, Engine) else open_engine(target)
    cfg = alembic_config()
    if _at_head(engine, cfg):
        return engine  # nothing to do: no write lock taken, so readers never wait here
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Two commands opening a fresh database at once would both create the tables;
            # the second waits here and then finds nothing to do.
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        elif conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # the same, with SQLite's write lock
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return engine


def _at_head(engine: Engine, cfg) -> bool:
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    with engine.connect() as conn:
        current = set(MigrationContext.configure(conn).get_current_heads())
    return current == set(ScriptDirectory.from_config(cfg).get_heads())

"""Where the database lives and how to connect to it.

SQLite (a file under the user's data directory) is the default; a PostgreSQL URL
(``postgresql+psycopg://...``) is used for a shared deployment. ``SAFEGUARD_DB`` overrides
the default location.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

ENV_VAR = "SAFEGUARD_DB"


def default_db_url() -> str:
    """``$SAFEGUARD_DB`` if set, else a SQLite file in the user's data directory."""
    env = os.environ.get(ENV_VAR)
    if env:
        return env
    from platformdirs import user_data_dir

    return f"sqlite:///{Path(user_data_dir('safeguard')) / 'safeguard.db'}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA cache_size=-65536")  # 64 MiB: keeps index pages cached on big imports
    cur.close()


def open_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (default :func:`default_db_url`), with SQLite tuned and made safe.

    For SQLite the parent folder is created, foreign keys are enforced and WAL journalling
    lets readers (the web app) work while an import runs.
    """
    url = url or default_db_url()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:" and not db.startswith("file:"):
            Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(parsed, pool_pre_ping=True)


def is_postgresql(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


class StoreUnavailable(Exception):
    """The database cannot be opened; the message says why in plain words."""


def open_store(url: str | None = None) -> Engine:
    """Open the database at ``url`` (default location if None), migrated to the latest schema.

    Every command that uses the store calls this. Raises :class:`StoreUnavailable` with a
    message a user can act on (the password, if any, is left out).
    """
    from sqlalchemy.exc import ArgumentError, OperationalError

    from safeguard.store.migrate import migrate
    from safeguard.store.names import safe_url

    url = url or default_db_url()
    try:
        return migrate(url)
    except ArgumentError as exc:
        raise StoreUnavailable(
            f"'{safe_url(url)}' is not a database address safeguard understands "
            "(use sqlite:///path/to/file.db or postgresql+psycopg://user@host/name)"
        ) from exc
    except (OperationalError, ModuleNotFoundError) as exc:
        raise StoreUnavailable(
            f"could not open the database at {safe_url(url)}; check the address and that "
            "the database server is running"
        ) from exc

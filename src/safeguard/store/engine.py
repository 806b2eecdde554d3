"""Where the database lives and how to connect to it.

SQLite (a file under the user's data directory) is the default; a PostgreSQL URL
(``postgresql://...``, ``postgres://...`` or ``postgresql+psycopg://...``) is used for a shared
deployment. ``SAFEGUARD_DB`` overrides the default location. What ``--db`` accepts is in
:mod:`safeguard.store.address`; failures to open are described in plain words here, without
the password.
"""

from __future__ import annotations

import functools
import os
import time
import weakref
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError

from safeguard.install import install_command

ENV_VAR = "SAFEGUARD_DB"


def default_db_url() -> str:
    """``$SAFEGUARD_DB`` if set, else a SQLite file in the user's data directory."""
    env = os.environ.get(ENV_VAR)
    if env:
        return env
    from platformdirs import user_data_dir

    return f"sqlite:///{Path(user_data_dir('safeguard')) / 'safeguard.db'}"


#: SQLite page cache per connection, MiB: large for imports and audits (index pages stay
#: cached); the web server asks for less, as it holds many connections at once and its reads
#: use indexes (the operating system caches the file as well).
CACHE_MIB = 64
WEB_CACHE_MIB = 8


def _sqlite_pragmas(dbapi_conn: Any, _record: Any, cache_mib: int = CACHE_MIB) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute(f"PRAGMA cache_size=-{int(cache_mib) * 1024}")
    cur.close()


#: A pooled connection idle for longer than this is checked (one round trip) before it is
#: handed out, so a database restarted meanwhile costs no request an error. One used moments
#: ago is handed out as it is: under load a page takes several connections in turn, and a
#: check on each would add a round trip to every one of them.
PING_AFTER_IDLE_S = 5.0


def open_engine(
    url: str | None = None, *, cache_mib: int = CACHE_MIB, pool_size: int | None = None
) -> Engine:
    """An engine for ``url`` (default :func:`default_db_url`), with SQLite tuned and made safe.

    For SQLite the parent folder is created, foreign keys are enforced and WAL journalling
    lets readers (the web app) work while an import runs; each connection keeps up to
    ``cache_mib`` MiB of pages. ``pool_size``: connections kept open for reuse (the web
    server asks for one per worker thread and a few more, so that under load no connection
    is opened and closed per request; SQLAlchemy's default, 5, otherwise).
    """
    from safeguard.store.address import to_url

    url = to_url(url or default_db_url())
    parsed = make_url(url)
    pool: dict[str, Any] = {}
    if pool_size is not None:
        pool = {"pool_size": pool_size, "max_overflow": pool_size}
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:" and not db.startswith("file:"):
            Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
        if db in (None, "", ":memory:"):
            pool = {}  # one in-memory database per connection: SQLAlchemy pools it itself
        engine = create_engine(parsed, **pool)
        event.listen(engine, "connect", functools.partial(_sqlite_pragmas, cache_mib=cache_mib))
        return engine
    engine = create_engine(parsed, **pool)
    _ping_after_idle(engine)
    return engine


def _ping_after_idle(engine: Engine) -> None:
    """Check a pooled connection before use when it has been idle for
    :data:`PING_AFTER_IDLE_S`; a dead one is replaced (SQLAlchemy retries the checkout on
    :class:`~sqlalchemy.exc.DisconnectionError`)."""

    @event.listens_for(engine, "checkin")
    def _returned(_dbapi_conn: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _taken(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < PING_AFTER_IDLE_S:
            return
        try:
            alive = engine.dialect.do_ping(dbapi_conn)
        except Exception as exc:  # noqa: BLE001 - any failure means: use another connection
            raise DisconnectionError("the pooled database connection was closed") from exc
        if not alive:
            raise DisconnectionError("the pooled database connection was closed")


def is_postgresql(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


_READERS: weakref.WeakKeyDictionary[Engine, Engine] = weakref.WeakKeyDictionary()


def reader(engine: Engine) -> Engine:
    """The same store and pool, for connections that only read.

    On PostgreSQL its connections run each statement on its own (autocommit), as the server
    does under READ COMMITTED anyway: a read costs no BEGIN and ROLLBACK round trips, and, as
    no ROLLBACK clears them, the driver keeps the statements it has prepared on that connection
    (a page's queries are then planned once per connection, not on every view). Never write
    through it (each statement would commit on its own); several reads that must see one state
    of the store use :func:`safeguard.store.read.snapshot`. SQLite's driver already reads
    without a transaction: the engine is returned as it is.
    """
    if engine.dialect.name != "postgresql":
        return engine
    found = _READERS.get(engine)
    if found is None:
        found = _READERS[engine] = engine.execution_options(isolation_level="AUTOCOMMIT")
    return found


class StoreUnavailable(Exception):
    """The database cannot be opened; the message says why in plain words."""


def open_store(url: str | None = None, *, create: bool = True) -> Engine:
    """Open the database at ``url`` (default location if None), migrated to the latest schema.

    Every command that uses the store calls this. With ``create=False`` a SQLite file that
    does not exist yet is refused (reading commands should not make an empty store). Raises
    :class:`StoreUnavailable` with a message a user can act on (the password left out).
    """
    from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

    from safeguard.store.address import file_of, shown, to_url
    from safeguard.store.migrate import migrate

    given = url is not None  # the default location's folder is made; a given one must exist
    url = to_url(url or default_db_url())
    where = shown(url)
    path = file_of(url)
    if path is not None:
        path = path.absolute()
    if path is not None and not create and not path.exists():
        raise StoreUnavailable(
            f"there is no safeguard database at {path}. Check the --db address, or import "
            f"records first: safeguard import FOLDER --db {path}"
        )
    if path is not None and path.is_dir():
        raise StoreUnavailable(f"{path} is a folder; --db needs a database file")
    if path is not None and given and not path.parent.exists():
        # a mistyped --db must not make folders (and a store of children's records) anywhere
        raise StoreUnavailable(
            f"the folder {path.parent} does not exist. Check the --db path, or create the "
            "folder first"
        )
    not_understood = (
        f"'{where}' is not a database address safeguard understands. Give a file path "
        "(cases.db) or a PostgreSQL address (postgresql://user@host/name)"
    )
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError as exc:
        raise StoreUnavailable(not_understood) from exc
    if backend not in ("sqlite", "postgresql"):  # MySQL and others: not supported
        raise StoreUnavailable(not_understood)
    try:
        return migrate(url)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise StoreUnavailable(not_understood) from exc
    except ModuleNotFoundError as exc:
        raise StoreUnavailable(
            f"{where} is a PostgreSQL database, and the PostgreSQL driver is not installed: "
            f"install it with  {install_command('postgres')}"
        ) from exc
    except DBAPIError as exc:
        raise StoreUnavailable(describe_failure(exc, url)) from exc


def describe_failure(exc: BaseException, url: str) -> str:
    """What went wrong opening the database at ``url``, in plain words, without secrets."""
    from sqlalchemy.engine import make_url as _make_url

    from safeguard.store.address import file_of, shown

    where = shown(url)
    text = str(getattr(exc, "orig", None) or exc).lower()
    path = file_of(url)
    if path is not None:
        if "not a database" in text or "malformed" in text:
            return f"{path} is not a safeguard database (it is some other kind of file)"
        if "readonly" in text or "read-only" in text:
            return f"cannot write to the database {path}: the file or its folder is read-only"
        if "unable to open" in text:
            return f"cannot open the database file {path}: check that its folder exists and can be written to"
        if "locked" in text:
            return f"the database {path} is busy (another import running?); try again in a moment"
        return f"cannot use the database file {path} ({type(exc).__name__})"
    try:
        parsed = _make_url(url)
        user, host, name = parsed.username, parsed.host or "localhost", parsed.database
    except Exception:  # noqa: BLE001 - only used to word the message
        user, host, name = None, "the server", None
    if "password authentication failed" in text or "no password supplied" in text:
        return (
            f"the database server at {host} refused the user name or password for "
            f"'{user}' ({where}). Check the password (PGPASSWORD or ~/.pgpass)"
        )
    if "role" in text and "does not exist" in text:
        return f"the database server at {host} has no user called '{user}' ({where})"
    if "database" in text and "does not exist" in text:
        return (
            f"the database server at {host} is running but has no database called '{name}' "
            f"({where}). Create it first (createdb {name})"
        )
    if "permission denied" in text:
        return f"the user '{user}' may not use the database '{name}' at {host} ({where})"
    if (
        "connection refused" in text
        or "could not connect" in text
        or "connection failed" in text
        or "timeout" in text
        or "timed out" in text
        or "translate host name" in text
        or "name or service not known" in text
        or "no route to host" in text
    ):
        return (
            f"cannot reach a database server at {host} ({where}): check the address and that "
            "the server is running"
        )
    return f"could not open the database at {where} ({type(exc).__name__})"

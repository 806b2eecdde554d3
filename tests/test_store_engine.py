"""Connections to the store: pooled for reuse, and checked before use after being idle."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from safeguard.store import engine as store_engine
from safeguard.store.engine import open_engine


def test_busy_threads_reuse_pooled_connections(db_url: str) -> None:
    """Eight threads taking connections in turn, as the web server's workers do, open at
    most the pool's connections, never one per request."""
    engine = open_engine(db_url, pool_size=8)
    opened: list[int] = []
    sa.event.listen(engine, "connect", lambda *_: opened.append(1))
    start = threading.Barrier(8)

    def work() -> None:
        start.wait()
        for _ in range(25):
            with engine.connect() as conn:
                assert conn.execute(sa.text("SELECT 1")).scalar() == 1

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert 1 <= len(opened) <= 8
    engine.dispose()


def test_a_connection_closed_while_idle_is_replaced(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pooled connection the database closed meanwhile (a restart, an idle timeout) is
    replaced before use: the next query works, with no error to the user."""
    if not db_url.startswith("postgresql"):
        pytest.skip("a SQLite file has no server to close the connection")
    monkeypatch.setattr(store_engine, "PING_AFTER_IDLE_S", 0.0)
    engine = open_engine(db_url, pool_size=1)
    with engine.connect() as conn:
        pid = conn.execute(sa.text("SELECT pg_backend_pid()")).scalar()
    other = sa.create_engine(db_url)
    with other.connect() as conn:
        assert conn.execute(sa.text("SELECT pg_terminate_backend(:p)"), {"p": pid}).scalar()
    other.dispose()
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT pg_backend_pid()")).scalar() != pid
    engine.dispose()


def test_a_connection_used_moments_ago_is_not_checked_again(db_url: str) -> None:
    """Under load, connections come back within moments: no extra round trip for them."""
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite connections are not checked")
    engine = open_engine(db_url, pool_size=1)
    pings: list[int] = []
    real = engine.dialect.do_ping

    def counted(dbapi_conn: object) -> bool:
        pings.append(1)
        return bool(real(dbapi_conn))

    engine.dialect.do_ping = counted  # type: ignore[method-assign]
    for _ in range(5):
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    assert pings == []
    engine.dispose()


def _pg_only(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite's driver reads without a transaction already")


def test_a_read_opens_no_transaction_and_keeps_prepared_statements(db_url: str) -> None:
    """A page's reads go through ``reader``: on PostgreSQL no BEGIN/ROLLBACK round trips, and
    the statements the driver prepared on a connection survive its return to the pool (a
    rollback would clear them, so every view would be planned afresh)."""
    from psycopg.pq import TransactionStatus

    from safeguard.store.engine import reader

    _pg_only(db_url)
    engine = open_engine(db_url, pool_size=1)
    stmt = sa.text("SELECT count(*) FROM pg_class WHERE relname = :n")
    for _ in range(8):  # the driver prepares a statement from its fifth run on a connection
        with reader(engine).connect() as conn:
            conn.execute(stmt, {"n": "pg_class"}).scalar()
            info = conn.connection.dbapi_connection.info  # type: ignore[union-attr]
            assert info.transaction_status == TransactionStatus.IDLE
    with reader(engine).connect() as conn:
        prepared = conn.execute(sa.text("SELECT count(*) FROM pg_prepared_statements")).scalar()
    assert prepared and prepared >= 1
    engine.dispose()


def test_a_writer_after_a_reader_still_writes_all_or_nothing(db_url: str) -> None:
    """The pooled connection a reader used is handed to a writer in a transaction again: a
    failed write leaves nothing behind."""
    from safeguard.store.engine import reader

    engine = open_engine(db_url, pool_size=1)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE IF NOT EXISTS t_reader (n INTEGER)"))
        conn.execute(sa.text("DELETE FROM t_reader"))
    with reader(engine).connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM t_reader")).scalar() == 0
    with pytest.raises(RuntimeError), engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO t_reader VALUES (1)"))
        raise RuntimeError("the write fails half way")
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM t_reader")).scalar() == 0
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE t_reader"))
    engine.dispose()


def test_a_snapshot_keeps_prepared_statements(db_url: str) -> None:
    """A page read in one snapshot (the Now queue, a child's records) ends without clearing the
    connection's prepared statements."""
    from safeguard.store.read import snapshot

    _pg_only(db_url)
    engine = open_engine(db_url, pool_size=1)
    stmt = sa.text("SELECT count(*) FROM pg_class WHERE relname = :n")
    for _ in range(8):
        with snapshot(engine) as conn:
            conn.execute(stmt, {"n": "pg_class"}).scalar()
    with snapshot(engine) as conn:
        prepared = conn.execute(sa.text("SELECT count(*) FROM pg_prepared_statements")).scalar()
    assert prepared and prepared >= 1
    engine.dispose()


def test_views_end_no_transaction_with_a_rollback(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every ROLLBACK makes the driver forget the statements it prepared on that connection
    (PostgreSQL then plans every query of every view afresh): the pages people use most must
    read without one."""
    from fastapi.testclient import TestClient
    from psycopg import Connection as PgConnection
    from psycopg.pq import TransactionStatus
    from test_web_access import open_child, sign_in
    from test_web_support import NOW, add_users, load_sample

    from safeguard.web.app import create_app

    _pg_only(db_url)
    load_sample(db_url)
    add_users(db_url)
    app = create_app(db_url, now=lambda: NOW, background=False)
    with TestClient(app) as client:
        sign_in(client, "safeguarding_lead")
        open_child(client, "C-N1")
        rolled_back: list[str] = []
        real = PgConnection.rollback

        def rollback(self: PgConnection) -> None:  # type: ignore[type-arg]
            if self.pgconn.transaction_status != TransactionStatus.IDLE:
                rolled_back.append("rollback")
            real(self)

        monkeypatch.setattr(PgConnection, "rollback", rollback)
        for path in ["/now", "/children/C-N1", "/api/children", "/children", "/dashboard"]:
            assert client.get(path).status_code == 200, path
    assert rolled_back == []

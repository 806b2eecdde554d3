"""Shared fixtures.

``db_url`` runs a test against SQLite and, when ``SAFEGUARD_TEST_PG_URL`` is set (scripts/test.sh
starts a real server on loopback), against PostgreSQL too. In CI the PostgreSQL run is required.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_URL = os.environ.get("SAFEGUARD_TEST_PG_URL")
ROOT = Path(__file__).resolve().parent.parent


def _pg_required() -> bool:
    return bool(os.environ.get("CI"))


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL (SQLite file, or a fresh PostgreSQL schema-less database)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'safeguard.db'}"
        return
    if not PG_URL:
        if _pg_required():
            pytest.fail(
                "SAFEGUARD_TEST_PG_URL is not set in CI: scripts/test.sh must start PostgreSQL"
            )
        pytest.skip("PostgreSQL not available (set SAFEGUARD_TEST_PG_URL)")
    import sqlalchemy as sa

    name = f"sg_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    base, _, _ = PG_URL.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            if conn.dialect.server_version_info >= (13,):
                # FORCE ends every session still connected (a server's listener, say) and
                # waits for them; terminating them first races with their exit.
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            else:
                conn.execute(
                    sa.text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"
                    ),
                    {"n": name},
                )
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()

"""What the benches read about processes on this machine: CPU seconds and memory of a
process tree, and of a PostgreSQL server running here (Linux ``/proc``)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


def children_of(pid: int) -> list[int]:
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(k) for k in kids]


def descendants(pid: int) -> list[int]:
    """``pid`` and every process under it (server workers, audit helpers)."""
    pids, i = [pid], 0
    while i < len(pids):
        pids += children_of(pids[i])
        i += 1
    return pids


def cpu_s(pid: int, *, reaped: bool = False) -> float:
    """CPU seconds a process has used (with ``reaped``, also its children that have ended)."""
    try:
        rest = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = int(rest[11]) + int(rest[12]) + (int(rest[13]) + int(rest[14]) if reaped else 0)
    return ticks / os.sysconf("SC_CLK_TCK")


def tree_cpu_s(pid: int) -> float:
    """CPU seconds of a process, of its children that have ended and of everything running
    under it."""
    return cpu_s(pid, reaped=True) + sum(tree_cpu_s(c) for c in children_of(pid))


def database_cpu(url: str) -> Callable[[], float] | None:
    """For a PostgreSQL server on this machine whose processes this user can read: a reader
    of the CPU seconds its processes have used so far (None otherwise)."""
    if not url.startswith("postgresql"):
        return None
    from sqlalchemy import text

    from safeguard.store.engine import open_engine

    engine = open_engine(url)
    with engine.connect() as conn:
        backend = int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())
    engine.dispose()
    try:
        postmaster = int(Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return lambda: tree_cpu_s(postmaster)

"""Live updates across server processes, without polling the store.

Each server process keeps one :class:`Live` with a ``version`` that goes up whenever the queue
may look different: stored results changed (an import, a challenge in any process: a change
counter in the database, read once a second on SQLite; ``LISTEN``/``NOTIFY`` on PostgreSQL) or
a deadline passed (a timer on the next one). Its thread also re-audits, in the background, the
few children whose stored result reached its next deadline, and at start any child that has no
current result (a store imported before results were kept, or changed rules).
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import signal
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select

from safeguard.engine.models import CaseResultRow, ObligationRow
from safeguard.engine.results import NOTIFY_CHANNEL, change_count
from safeguard.store.engine import reader
from safeguard.store.unchanged import read_generation

log = logging.getLogger(__name__)


_ENGINES: dict[str, Engine] = {}
#: Seconds a stopping server waits for its audit helper to end before killing it.
HELPER_STOP_S = 5.0
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def stop_with_parent(parent: int | None = None) -> None:
    """Linux: have the kernel send this process SIGTERM when its parent ends (killed or
    crashed, with no chance to stop it), and stop now if the parent has already gone.
    Elsewhere nothing is done: the parent stops its processes when it stops normally."""
    parent = os.getppid() if parent is None else parent
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM))
    if os.getppid() != parent:  # it ended before the kernel was asked
        os.kill(os.getpid(), signal.SIGTERM)


def _helper_stop(signum: int, _frame: Any) -> None:
    """SIGTERM in the audit helper: stop it with every process it started (its audit's workers
    are in its process group); in one of those workers, stop as by default."""
    if os.getpid() == os.getpgrp():
        os.killpg(0, signal.SIGKILL)
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def _signal_helper(pid: int, sig: int) -> None:
    """Signal the audit helper's process group (or the helper alone, if it has not yet made
    its group, or where there are no process groups)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        try:
            os.killpg(pid, sig)
        except (ProcessLookupError, AttributeError):
            os.kill(pid, sig)


def _helper_start(server: int) -> None:
    """Start of the audit helper process (spawned by the server, which stops it).

    Its own process group, so that stopping it stops the workers its audits start; Ctrl+C in
    a terminal reaches only the server's group, and the server stops the helper; it stops too
    if the server is killed."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform == "win32":
        return  # (no process groups or signal masks: the server stops it when it stops)
    os.setpgrp()
    # (started with Ctrl+C held back, as the thread that started it: see Live._run)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    signal.signal(signal.SIGTERM, _helper_stop)
    stop_with_parent(server)


#: Per store: the import generation and rules under which every child last had a current
#: result. Only an import (a new generation) or other rules can leave a child without one, so
#: until either changes the whole store is not looked over again (a decision re-audits its
#: own child).
_COMPLETE: dict[str, tuple[int, str]] = {}


def _bring_up_to_date(store: Engine | str, now: datetime) -> None:
    """Audit, as of ``now``, the children with no current result (none stored, other rules)
    and those whose result expired by ``now``. Runs in the audit process (or in-line)."""
    from safeguard.audit.runner import Auditor
    from safeguard.engine.queue import refresh_expired
    from safeguard.engine.results import refresh_children, rules_fingerprint, stale_children
    from safeguard.store.unchanged import read_generation

    if isinstance(store, str):
        if store not in _ENGINES:
            from safeguard.store.engine import open_engine

            _ENGINES[store] = open_engine(store)
        engine = _ENGINES[store]
    else:
        engine = store
    key = engine.url.render_as_string(hide_password=False)
    auditor = Auditor(as_of=now)
    rules = rules_fingerprint(auditor)
    with reader(engine).connect() as conn:
        generation = read_generation(conn)
    if _COMPLETE.get(key) != (generation, rules):
        missing = stale_children(engine, rules)
        if missing:
            refresh_children(engine, missing, auditor=auditor)
        _COMPLETE[key] = (generation, rules)
    refresh_expired(engine, now, auditor)


def _next_time(engine: Engine, after: datetime) -> datetime | None:
    """The next moment the queue changes by itself: an obligation falls due or a stored result
    expires."""
    with reader(engine).connect() as conn:
        due = conn.execute(
            select(func.min(ObligationRow.due_at)).where(ObligationRow.due_at > after)
        ).scalar()
        until = conn.execute(select(func.min(CaseResultRow.valid_until))).scalar()
    times = [t for t in (due, until) if t is not None]
    return min(times) if times else None


class Live:
    def __init__(self, engine: Engine, now: Callable[[], datetime], poll_s: float = 1.0) -> None:
        self.engine = engine
        self.now = now
        self.poll_s = poll_s
        self.version = 1
        #: Names this process's versions: a page made by one server process and a live stream
        #: served by another compare stamps, not bare numbers.
        self.instance = secrets.token_hex(4)
        self.error: str | None = None
        #: The import generation the stored results were last brought up to date for (None
        #: until the first time): names what only an import changes (which children there are,
        #: their teams), unlike ``version``, which every decision changes.
        self.generation: int | None = None
        self._changes = -1
        self._next: datetime | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._pool: Any = None

    def changed(self) -> None:
        """This process changed stored results (a decision): say so at once, without waiting
        for the next look at the change counter."""
        self.version += 1

    @property
    def running(self) -> bool:
        """Whether the thread that follows changes and deadlines runs (then ``stamp`` changes
        whenever the queue may look different, and what was read for a stamp can be reused)."""
        return self._thread is not None and not self._stop.is_set()

    @property
    def stamp(self) -> str:
        return f"{self.instance}:{self.version}"

    @property
    def records_stamp(self) -> str | None:
        """The version of what only an import changes (which children there are, their teams):
        what is read for it may be kept until the next import. ``None`` (read afresh) without
        the live thread or before its first look."""
        if not self.running or self.generation is None:
            return None
        return f"{self.instance}:g{self.generation}"

    # --- what the thread does ---------------------------------------------------------------

    def sync_once(self) -> None:
        """Bring stored results up to date for the children that need it now; note changes.

        With a background thread the audits run in a separate process, so that they never hold
        up the server's own requests."""
        with self._lock:
            now = self.now()
            try:
                pool = self._pool
                if pool is not None:
                    url = self.engine.url.render_as_string(hide_password=False)
                    pool.submit(_bring_up_to_date, url, now).result()
                else:
                    _bring_up_to_date(self.engine, now)
                self._next = _next_time(self.engine, now)
                with reader(self.engine).connect() as conn:
                    changes = change_count(conn)
                    generation = read_generation(conn)
                self.error = None
                self.generation = generation
            except Exception as exc:  # keep serving; say so on the page
                if self._stop.is_set():
                    return  # the server is stopping: its helper was stopped mid-audit
                log.error("Could not bring the audit results up to date: %s", type(exc).__name__)
                self.error = "The queue could not be brought up to date; showing the last results."
                return
            if changes != self._changes:
                self._changes = changes
                self.version += 1

    def tick(self) -> None:
        """One look: has the store changed, or has a deadline passed?"""
        with reader(self.engine).connect() as conn:
            changes = change_count(conn)
        if changes != self._changes or (self._next is not None and self.now() >= self._next):
            before = self._changes
            self.sync_once()
            if self._changes == before:
                self.version += 1  # only the clock moved: what is overdue changed

    def start(self) -> None:
        if self._thread is None:
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(
                1,
                mp_context=mp.get_context("spawn"),
                initializer=_helper_start,
                initargs=(os.getpid(),),
            )
            self._thread = threading.Thread(target=self._run, name="safeguard-live", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Stop following changes, and stop the audit helper at once, with the workers of an
        audit it is running (what it had not yet stored is audited again at the next start)."""
        self._stop.set()
        pool, self._pool = self._pool, None
        if pool is None:
            return
        # (CPython's executor keeps its processes here; Python 3.14 adds terminate_workers.)
        helpers = list((getattr(pool, "_processes", None) or {}).values())
        manager = getattr(pool, "_executor_manager_thread", None)  # (shutdown forgets it)
        for proc in helpers:
            _signal_helper(proc.pid, signal.SIGTERM)
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in helpers:
            proc.join(HELPER_STOP_S)
            if proc.is_alive():
                _signal_helper(proc.pid, getattr(signal, "SIGKILL", signal.SIGTERM))
                proc.join(HELPER_STOP_S)
        # The executor's own thread notices its helper gone and closes its wake-up pipe. Wait
        # for it: Python's exit hook writes to that pipe, and a pipe closed meanwhile by that
        # thread stops the exit with a traceback (a race in Python 3.11's executor).
        if manager is not None and manager is not threading.current_thread():
            manager.join(HELPER_STOP_S)
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(HELPER_STOP_S)

    def _run(self) -> None:
        # Ctrl+C is for the server's main thread. Held back here, it is held back in the audit
        # helper this thread starts until the helper ignores it: a Ctrl+C that reaches the
        # helper while it starts would stop it with a traceback.
        if sys.platform != "win32":
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        self.sync_once()
        listener = self._listen()
        try:
            while not self._stop.is_set():
                if listener is not None:
                    with contextlib.suppress(Exception):
                        for _ in listener.notifies(timeout=self.poll_s, stop_after=1):
                            break
                else:
                    self._stop.wait(self.poll_s)
                with contextlib.suppress(Exception):
                    self.tick()
        finally:
            if listener is not None:
                with contextlib.suppress(Exception):
                    listener.close()

    def _listen(self) -> Any:
        """A PostgreSQL connection listening for result changes (None on SQLite)."""
        if self.engine.dialect.name != "postgresql":
            return None
        try:
            import psycopg

            url = self.engine.url.set(drivername="postgresql")
            conn = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)
            conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
            return conn
        except Exception as exc:  # fall back to reading the counter once a second
            log.warning("Live updates read the change counter (%s)", type(exc).__name__)
            return None

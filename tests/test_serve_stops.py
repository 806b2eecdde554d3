"""However ``safeguard serve`` is stopped, the processes it started stop with it: its audit
helper (which may be in the middle of an audit), and with ``--workers`` its server processes
and theirs. Real processes: the server runs in its own session, and every process in that
session must be gone within a generous wait after the signal (no timing is asserted)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from safeguard.cli import main

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads processes from /proc (Linux)"
)

WAIT_S = 60.0  # generous: the machine may be busy


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("serve-stops")
    data = root / "data"
    assert main(["demo-data", "--children", "120", "--seed", "2", "--out", str(data)]) == 0
    (data / "truth.jsonl").unlink(missing_ok=True)
    db = root / "store.db"
    assert main(["import", str(data), "--db", str(db), "--quiet"]) == 0
    return db


def _busy_copy(store: Path, dest: Path) -> Path:
    """A copy whose stored results are gone: the server's audit helper re-audits every child
    as it starts, so it is at work when the server is stopped."""
    dest.write_bytes(store.read_bytes())
    with sqlite3.connect(dest) as conn:
        conn.execute("DELETE FROM engine_obligations")
        conn.execute("DELETE FROM engine_case_results")
    return dest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _session(sid: int) -> list[int]:
    """Live processes (not zombies) in session ``sid``."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        st = _stat(int(entry))
        if st is not None and st[0] != "Z" and int(st[3]) == sid:
            out.append(int(entry))
    return out


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _helpers(sid: int) -> list[int]:
    """Processes of the session started by multiprocessing (the audit helpers)."""
    return [p for p in _session(sid) if "multiprocessing.spawn" in _cmdline(p)]


@pytest.fixture
def served(store: Path, tmp_path: Path) -> Iterator[callable]:  # type: ignore[valid-type]
    procs: list[subprocess.Popen[bytes]] = []

    def start(*extra: str, helpers: int = 1) -> subprocess.Popen[bytes]:
        db = _busy_copy(store, tmp_path / f"s{len(procs)}.db")
        port = _free_port()
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "safeguard",
                "serve",
                "--db",
                str(db),
                "--port",
                str(port),
                *extra,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        procs.append(proc)
        deadline = time.monotonic() + WAIT_S * 3
        while True:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            try:
                if httpx.get(f"http://127.0.0.1:{port}/signin", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not answer"
            time.sleep(0.2)
        # its audit helper(s) at work on the stale results
        while len(_helpers(proc.pid)) < helpers:
            assert time.monotonic() < deadline, f"no audit helper: {_session(proc.pid)}"
            time.sleep(0.1)
        return proc

    yield start
    for proc in procs:  # whatever a failed test left behind
        for pid in _session(proc.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        proc.wait(timeout=30)


def _gone(sid: int) -> list[str]:
    """Wait up to WAIT_S for the session to be empty; what is left (with command lines)."""
    deadline = time.monotonic() + WAIT_S
    while (left := _session(sid)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return [f"{p}: {_cmdline(p)}" for p in left]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_to_the_server_stops_its_audit_helper(served, sig: signal.Signals) -> None:  # type: ignore[no-untyped-def]
    proc = served()
    os.kill(proc.pid, sig)
    assert _gone(proc.pid) == []
    # (uvicorn ends by the signal it stopped for, as a service manager expects)
    assert proc.wait(timeout=WAIT_S) in (0, -sig, 128 + sig)
    err = proc.stderr.read().decode()
    assert "Traceback" not in err, err


def test_ctrl_c_in_a_terminal_reaches_every_process_and_all_stop(served) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+C sends SIGINT to the whole foreground process group, helper included."""
    proc = served()
    os.killpg(proc.pid, signal.SIGINT)
    assert _gone(proc.pid) == []
    assert proc.wait(timeout=WAIT_S) in (0, -signal.SIGINT, 128 + signal.SIGINT)
    err = proc.stderr.read().decode()
    assert "Traceback" not in err, err


def test_the_audit_helper_stops_when_the_server_is_killed(served) -> None:  # type: ignore[no-untyped-def]
    proc = served()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=WAIT_S)
    assert _gone(proc.pid) == []


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_several_server_processes_stop_with_the_first(served, sig: signal.Signals) -> None:  # type: ignore[no-untyped-def]
    proc = served("--workers", "2", helpers=2)
    os.kill(proc.pid, sig)
    assert _gone(proc.pid) == []
    proc.wait(timeout=WAIT_S)


STOP_THEN_EXIT = """
import sys, time
import concurrent.futures.process as cfp
from safeguard.store.engine import open_engine
from safeguard.records.clock import utc_now
from safeguard.web.live import Live

if __name__ == "__main__":
    # Widen the window in which Python's exit hook writes to the executor's wake-up pipe
    # while the executor's own thread closes it (a few microseconds, left to chance, in CI):
    # the thread takes its time to close, and the hook to write once it has looked.
    close, wakeup = cfp._ThreadWakeup.close, cfp._ThreadWakeup.wakeup

    def slow_close(self):
        time.sleep(0.5)
        close(self)

    def slow_wakeup(self):
        if not self._closed:
            time.sleep(1.0)
            self._writer.send_bytes(b"")

    cfp._ThreadWakeup.close, cfp._ThreadWakeup.wakeup = slow_close, slow_wakeup
    live = Live(open_engine(sys.argv[1]), utc_now)
    live.start()
    deadline = time.monotonic() + 60
    while not live._pool._processes and time.monotonic() < deadline:
        time.sleep(0.05)
    live.stop()
"""


def test_the_server_exits_cleanly_after_stopping_its_audit_helper(
    store: Path, tmp_path: Path
) -> None:
    """Stopping the helper waits for the executor's own thread to finish with it, so that
    Python's exit does not write to a pipe that thread has closed ("Bad file descriptor")."""
    script = tmp_path / "stop_then_exit.py"
    script.write_text(STOP_THEN_EXIT)
    db = _busy_copy(store, tmp_path / "busy.db")
    done = subprocess.run(
        [sys.executable, str(script), f"sqlite:///{db}"],
        capture_output=True,
        timeout=WAIT_S * 3,
    )
    err = done.stderr.decode()
    assert done.returncode == 0, err
    assert "Traceback" not in err, err

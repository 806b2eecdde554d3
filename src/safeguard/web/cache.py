"""What was read from the stored results, kept for one version of them.

Every user of a team sees the same queue, list and figures, so the store is read once per
change rather than once per view. The version is :attr:`safeguard.web.live.Live.stamp`: it
changes whenever stored results change (an import, a decision, in any server process) or a
deadline passes, and a new version makes every entry stale. Used only while the live thread
runs (otherwise nothing tells the app that the store changed).

Two rules keep a busy force's server from reading the same thing many times over:

- one read per key at a time: when many people open the same page just after a change, one
  request reads the store and the others wait for its answer (or, while an earlier answer is
  still young enough for that key, are given it at once);
- a key may allow its answer to be up to ``max_stale`` seconds old across versions (the
  dashboard's figures over a whole force: a decision on one child's note a few seconds ago
  need not make every manager's dashboard read the store again). When such an answer is too
  old, it is read again in the background and everyone, the request that noticed included, is
  given the last answer meanwhile: nobody waits for a force-wide read once there is an answer.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Kept:
    stamp: str
    at: float  # when it was read (monotonic seconds)
    value: Any


class StampCache:
    def __init__(self, size: int = 512, clock: Callable[[], float] = time.monotonic) -> None:
        self._items: OrderedDict[Hashable, _Kept] = OrderedDict()
        self._reading: dict[Hashable, threading.Lock] = {}
        self._size = size
        self._clock = clock
        self._lock = threading.Lock()

    def _usable(self, kept: _Kept | None, stamp: str, max_stale: float) -> bool:
        return kept is not None and (
            kept.stamp == stamp or (max_stale > 0 and self._clock() - kept.at < max_stale)
        )

    def read(
        self, stamp: str | None, key: Hashable, read: Callable[[], T], max_stale: float = 0.0
    ) -> T:
        """The value kept for ``key`` at this version (or, with ``max_stale``, read less than
        that many seconds ago), else ``read()`` (then kept); with no ``stamp`` (no live thread)
        always ``read()``."""
        if stamp is None:
            return read()
        with self._lock:
            kept = self._items.get(key)
            if kept is not None and self._usable(kept, stamp, max_stale):
                self._items.move_to_end(key)
                return kept.value
            gate = self._reading.setdefault(key, threading.Lock())
        if max_stale > 0 and kept is not None:
            # The last answer now; a fresh one is read in the background (unless already).
            if gate.acquire(blocking=False):
                threading.Thread(
                    target=self._read_again,
                    args=(key, stamp, read, gate),
                    name="safeguard-cache-read",
                    daemon=True,
                ).start()
            return kept.value
        else:
            gate.acquire()  # one read of this key at a time; those who waited use its answer
        try:
            with self._lock:
                kept = self._items.get(key)
                if kept is not None and kept.stamp == stamp:
                    return kept.value
            value = read()
            self._keep(key, stamp, value)
        finally:
            gate.release()
        return value

    def _keep(self, key: Hashable, stamp: str, value: Any) -> None:
        with self._lock:
            self._items[key] = _Kept(stamp, self._clock(), value)
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                old, _ = self._items.popitem(last=False)
                self._reading.pop(old, None)

    def _read_again(
        self, key: Hashable, stamp: str, read: Callable[[], Any], gate: threading.Lock
    ) -> None:
        """Read a stale-tolerant key in the background; on failure the last answer stays and
        the next request tries again."""
        try:
            self._keep(key, stamp, read())
        except Exception as exc:  # a view must not fail because a background read did
            log.warning("Could not read the figures again: %s", type(exc).__name__)
        finally:
            gate.release()

"""What was read from the stored results, kept for one version of them.

Every user of a team sees the same queue, list and figures, so the store is read once per
change rather than once per view. The version is :attr:`safeguard.web.live.Live.stamp`: it
changes whenever stored results change (an import, a decision, in any server process) or a
deadline passes, and a new version makes every entry stale. Used only while the live thread
runs (otherwise nothing tells the app that the store changed).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class StampCache:
    def __init__(self, size: int = 512) -> None:
        self._stamp: str | None = None
        self._items: dict[Hashable, Any] = {}
        self._size = size
        self._lock = threading.Lock()

    def get(self, stamp: str, key: Hashable) -> Any:
        with self._lock:
            return self._items.get(key) if stamp == self._stamp else None

    def put(self, stamp: str, key: Hashable, value: Any) -> None:
        with self._lock:
            if stamp != self._stamp or len(self._items) >= self._size:
                self._items = {}
                self._stamp = stamp
            self._items[key] = value

    def read(self, stamp: str | None, key: Hashable, read: Callable[[], T]) -> T:
        """The value kept for ``key`` at this version, or ``read()`` (then kept); with no
        ``stamp`` (no live thread) always ``read()``."""
        if stamp is None:
            return read()
        hit = self.get(stamp, key)
        if hit is None:
            hit = read()
            self.put(stamp, key, hit)
        return hit  # type: ignore[no-any-return]

"""A plain progress bar on standard error, shown only on a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, total: int | None, *, enabled: bool, stream: TextIO | None = None) -> None:
        self.total = total
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.start = time.monotonic()
        self.last = 0.0
        self.n = 0

    def update(self, n: int) -> None:
        self.n = n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < 0.2:
            return
        self.last = now
        rate = n / max(now - self.start, 1e-6)
        if self.total:
            frac = min(n / self.total, 1.0)
            bar = "#" * int(frac * 30)
            line = f"\rAuditing cases [{bar:<30}] {n}/{self.total} ({rate:.0f}/s)"
        else:
            line = f"\rAuditing cases: {n} ({rate:.0f}/s)"
        self.stream.write(line)
        self.stream.flush()

    def done(self) -> None:
        if self.enabled and self.last:
            self.stream.write("\r" + " " * 70 + "\r")
            self.stream.flush()

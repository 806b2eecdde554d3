"""The audit's progress bar on standard error (tqdm), shown only on a terminal."""

from __future__ import annotations

import sys
from typing import Any, TextIO


class Progress:
    """Counts cases audited; ``update(n)`` takes the running total, as the runner reports it."""

    def __init__(
        self,
        total: int | None,
        *,
        enabled: bool,
        stream: TextIO | None = None,
        min_interval: float = 0.2,
    ) -> None:
        self.total = total
        self.enabled = enabled
        self.n = 0
        self._bar: Any = None
        if enabled:
            from tqdm import tqdm

            self._bar = tqdm(
                total=total or None,
                desc="Auditing cases",
                unit=" cases",
                file=stream or sys.stderr,
                mininterval=min_interval,
                dynamic_ncols=True,
                leave=False,
            )

    def update(self, n: int) -> None:
        if self._bar is not None and n > self.n:
            self._bar.update(n - self.n)
        self.n = n

    def done(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

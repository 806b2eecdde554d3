"""Checking many texts in several worker processes, answers in the order the texts came.

For ``safeguard lint --jobs N`` over large exports (a force's whole history of notes): the
texts are sent in batches to N processes, each holding the same checker, and at most a few
batches per process are in flight, so memory stays flat however long the input. Where the
operating system can fork, the workers start with the caller's checker as it is (rules
compiled so far, word weights remembered); elsewhere each builds one with the same settings.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from safeguard.language.checker import Checker, Finding

#: Texts sent to a worker at a time.
BATCH = 1000
#: Batches in flight per worker: enough to keep each busy while the caller writes answers.
IN_FLIGHT = 2

_CHECKER: Checker | None = None  # in each worker: the checker it uses


def _init(settings: dict[str, Any]) -> None:
    global _CHECKER
    if _CHECKER is None:  # started afresh (no fork): build the same checker
        from safeguard.language.checker import Checker

        _CHECKER = Checker(**settings)


def _check(texts: list[str]) -> list[list[Finding]]:
    assert _CHECKER is not None
    return _CHECKER.check_many(texts)


def check_batches(
    checker: Checker,
    settings: dict[str, Any],
    batches: Iterable[Sequence[str]],
    jobs: int,
) -> Iterator[list[list[Finding]]]:
    """The findings for each batch of texts (one list per text), in order, worked out by
    ``jobs`` processes holding ``checker`` (built from ``settings`` where a process cannot
    be forked)."""
    global _CHECKER
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    _CHECKER = checker if ctx.get_start_method() == "fork" else None
    try:
        with ctx.Pool(jobs, initializer=_init, initargs=(settings,)) as pool:
            waiting: deque[Any] = deque()
            for batch in batches:
                waiting.append(pool.apply_async(_check, (list(batch),)))
                if len(waiting) >= jobs * IN_FLIGHT:
                    yield waiting.popleft().get()
            while waiting:
                yield waiting.popleft().get()
    finally:
        _CHECKER = None

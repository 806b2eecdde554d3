"""The web app's keeping of what it read from the stored results (one version at a time)."""

from __future__ import annotations

import threading
import time

from safeguard.web.cache import StampCache


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


def test_one_read_per_version_and_key() -> None:
    cache = StampCache()
    reads: list[str] = []

    def read(v: str) -> str:
        reads.append(v)
        return v

    assert cache.read("a:1", "k", lambda: read("one")) == "one"
    assert cache.read("a:1", "k", lambda: read("two")) == "one"
    assert cache.read("a:1", "other", lambda: read("three")) == "three"
    assert cache.read("a:2", "k", lambda: read("four")) == "four"  # a new version reads again
    assert cache.read(None, "k", lambda: read("five")) == "five"  # no live thread: always
    assert reads == ["one", "three", "four", "five"]


def test_max_stale_keeps_an_answer_across_versions_for_that_long() -> None:
    clock = Clock()
    cache = StampCache(clock=clock)
    assert cache.read("a:1", "dash", lambda: 1, max_stale=10) == 1
    clock.t = 9.9
    assert cache.read("a:2", "dash", lambda: 2, max_stale=10) == 1  # young enough
    assert cache.read("a:2", "dash", lambda: 3) == 3  # a key read without max_stale: exact
    clock.t = 30.0
    read_again = threading.Event()

    def four() -> int:
        read_again.set()
        return 4

    # Too old: read again in the background, the last answer given meanwhile.
    assert cache.read("a:3", "dash", four, max_stale=10) == 3
    assert read_again.wait(5)
    for _ in range(100):  # the background read keeps its answer just after returning it
        if cache.read("a:3", "dash", lambda: 5, max_stale=10) == 4:
            break
        time.sleep(0.01)
    assert cache.read("a:3", "dash", lambda: 5, max_stale=10) == 4


def test_many_requests_after_a_change_read_the_store_once() -> None:
    cache = StampCache()
    calls = 0
    started = threading.Event()

    def slow() -> int:
        nonlocal calls
        calls += 1
        started.set()
        time.sleep(0.2)
        return calls

    answers: list[int] = []
    threads = [
        threading.Thread(target=lambda: answers.append(cache.read("a:1", "q", slow)))
        for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == 1 and answers == [1] * 8


def test_the_cache_holds_at_most_its_size() -> None:
    cache = StampCache(size=3)
    for i in range(10):
        cache.read("a:1", i, lambda i=i: i)  # type: ignore[misc]
    reads: list[int] = []

    def read(i: int) -> int:
        reads.append(i)
        return i

    assert cache.read("a:1", 9, lambda: read(9)) == 9  # among the newest: kept
    assert cache.read("a:1", 0, lambda: read(0)) == 0  # the oldest: let go
    assert reads == [0]


def test_while_a_stale_tolerant_key_is_read_again_everyone_gets_its_last_answer() -> None:
    clock = Clock()
    cache = StampCache(clock=clock)
    assert cache.read("a:1", "dash", lambda: "old", max_stale=10) == "old"
    clock.t = 60.0  # too old now: the next request has it read again, in the background
    reading, release, done = threading.Event(), threading.Event(), threading.Event()
    reads = 0

    def slow() -> str:
        nonlocal reads
        reads += 1
        reading.set()
        release.wait(5)
        return "new"

    assert cache.read("a:2", "dash", slow, max_stale=10) == "old"  # no wait, even for it
    assert reading.wait(5)
    assert cache.read("a:2", "dash", slow, max_stale=10) == "old"  # one read at a time
    release.set()
    for _ in range(500):
        if cache.read("a:2", "dash", lambda: "again", max_stale=10) == "new":
            done.set()
            break
        time.sleep(0.01)
    assert done.is_set() and reads == 1


def test_a_failed_background_read_keeps_the_last_answer() -> None:
    clock = Clock()
    cache = StampCache(clock=clock)
    assert cache.read("a:1", "dash", lambda: "old", max_stale=10) == "old"
    clock.t = 60.0
    failed = threading.Event()

    def broken() -> str:
        failed.set()
        raise OSError("the store went away")

    assert cache.read("a:2", "dash", broken, max_stale=10) == "old"
    assert failed.wait(5)
    for _ in range(500):  # once the failed read has let go, the next request tries again
        if cache.read("a:2", "dash", lambda: "new", max_stale=10) == "new":
            break
        time.sleep(0.01)
    assert cache.read("a:2", "dash", lambda: "newer", max_stale=10) == "new"

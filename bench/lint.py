"""Language checker throughput (run on demand; not part of the tests).

    .venv/bin/python bench/lint.py [--sentences 100000] [--thorough-sentences 5000]

Builds a varied corpus of case-note sentences (the demo generator's notes, split into
sentences, with about one in eight drawn from the labelled data), then times the default
checker and a plain keyword scan over the same corpus in the same run, and prints sentences/s
(by the clock, and per second of the process's CPU time, which a shared machine disturbs less)
and the ratio between them. The timed pass follows a warm-up pass over another corpus of the
same kind (another seed), as in a long lint or a batch audit: the one-time costs (each rule's
pattern compiled when a sentence first needs it, word weights looked up once and remembered)
are then paid, and the warm-up pass's own rate, which includes them, is printed as well. Also
times the same checker in one worker process per CPU (``safeguard lint --jobs 0``; the workers
start from the warmed checker), and reports the main process's peak memory, CLI start-up time
for one line (the best of three runs: the first run of a new install also writes the rules'
anchor cache), and, when the thorough extra is installed, thorough mode's throughput on part
of the corpus.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from labelled import load, load_real_world  # noqa: E402


def corpus(n: int, seed: int = 7) -> list[str]:
    """A varied corpus: sentences of the demo generator's notes (every kind of note, names,
    places and times varied; a seed no test uses), with about one in eight drawn from the
    labelled sets (case-note style and real-world), which hold the wording the rules look at."""
    from safeguard.demo.write import iter_demo

    rng = random.Random(seed)
    labelled = [e.text for e in load()] + [e.text for e in load_real_world()]
    notes: list[str] = []
    children = 0
    while len(notes) < n:
        for child, _ in iter_demo(200, seed + children):
            for note in child.records["notes"]:
                notes += [x for x in re.split(r"(?<=[.!?])\s+", note.text) if x.strip()]
        children += 200
    rng.shuffle(notes)
    out = []
    for i in range(n):
        out.append(rng.choice(labelled) if rng.random() < 0.125 else notes[i])
    return out


def keyword_scan(texts: list[str]) -> float:
    words = [
        "sex work",
        "promiscuous",
        "absconder",
        "streetwise",
        "drug runner",
        "lifestyle",
        "putting herself at risk",
        "manipulative",
        "consensual",
        "gang member",
    ]
    rx = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    t = time.perf_counter()
    hits = sum(1 for s in texts if rx.search(s))
    dt = time.perf_counter() - t
    assert hits >= 0
    return len(texts) / dt


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sentences", type=int, default=100_000)
    ap.add_argument("--thorough-sentences", type=int, default=5_000)
    ap.add_argument(
        "--warm-up",
        type=int,
        default=20_000,
        help="sentences of another corpus checked before the timed pass (0: none)",
    )
    args = ap.parse_args()
    texts = corpus(args.sentences)
    warm = corpus(args.warm_up, seed=8) if args.warm_up else []

    t = time.perf_counter()
    from safeguard.language import Checker

    checker = Checker()
    load_s = time.perf_counter() - t
    checker.check("warm up")
    t = time.perf_counter()
    for s in warm:
        checker.check(s)
    first_rate = len(warm) / (time.perf_counter() - t) if warm else None
    t = time.perf_counter()
    cpu = time.process_time()
    flagged = sum(1 for s in texts if checker.check(s))
    dt = time.perf_counter() - t
    cpu_rate = len(texts) / (time.process_time() - cpu)
    rate = len(texts) / dt
    # the same checker in one worker process per CPU (safeguard lint --jobs 0)
    from safeguard.language.parallel import BATCH, check_batches

    jobs = os.cpu_count() or 1
    t = time.perf_counter()
    batches = (texts[i : i + BATCH] for i in range(0, len(texts), BATCH))
    in_jobs = sum(bool(f) for found in check_batches(checker, {}, batches, jobs) for f in found)
    jobs_rate = len(texts) / (time.perf_counter() - t)
    assert in_jobs == flagged
    base = keyword_scan(texts)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    startups = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "safeguard", "lint", "-"],
            input=b"She is streetwise.\n",
            capture_output=True,
            check=False,
        )
        startups.append(time.perf_counter() - t)
    startup = min(startups)

    thorough_rate = None
    try:
        # as `safeguard lint --thorough` and the audit run it: without --explain, the words an
        # encoder-only finding rests on are not weighed (one more encoder run per word)
        th = Checker(mode="thorough", weigh_words=False)
    except Exception as exc:  # noqa: BLE001 - the extra is optional
        print(f"thorough mode not measured: {exc}")
    else:
        part = texts[: args.thorough_sentences]
        th.check_many(part[:64])
        t = time.perf_counter()
        th.check_many(part)
        thorough_rate = len(part) / (time.perf_counter() - t)

    print(f"sentences:            {len(texts):,} ({flagged:,} flagged)")
    print(f"checker load:         {load_s:.2f} s")
    if first_rate is not None:
        print(
            f"default mode, warm-up:  {first_rate:,.0f} sentences/s (first {len(warm):,} "
            "sentences of a run, one-time costs included)"
        )
    print(f"default mode:         {rate:,.0f} sentences/s")
    print(f"  per CPU second:     {cpu_rate:,.0f} sentences/s (less sensitive to a busy machine)")
    print(
        f"default mode, {jobs} processes: {jobs_rate:,.0f} sentences/s "
        f"(safeguard lint --jobs {jobs}; ratio to the scan {jobs_rate / base:.3f})"
    )
    print(f"plain keyword scan:   {base:,.0f} sentences/s")
    print(f"ratio (default/scan): {rate / base:.3f}")
    print(f"peak memory:          {peak_mb:,.0f} MB (main process)")
    print(f"CLI start-up (lint one line): {startup:.2f} s")
    if thorough_rate is not None:
        print(
            f"thorough mode:        {thorough_rate:,.0f} sentences/s "
            f"(int8 ONNX on CPU, {args.thorough_sentences:,} sentences)"
        )


if __name__ == "__main__":
    main()

"""Language checker throughput (run on demand; not part of the tests).

    .venv/bin/python bench/lint.py [--sentences 100000]

Builds a realistic corpus of case-note sentences (mostly ordinary notes, about one in eight
containing wording the rules look at, drawn from the labelled data), then times the default
checker and a plain keyword scan over the same corpus in the same run, and prints sentences/s
and the ratio between them. Also reports peak memory and CLI start-up time.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from labelled import load  # noqa: E402

ORDINARY = [
    "Officers attended {place} at {time} and spoke to staff.",
    "PC {n} conducted a S&W check in person at {time}.",
    "MFH located at {place}, returned to placement by officers.",
    "RHI offered by the local authority, appointment booked for {day}.",
    "DS reviewed the risk assessment and confirmed the grade at {time}.",
    "Enquiries made with school, no sightings since {day}.",
    "CCTV requested from {place} for the period {time} to {time2}.",
    "Strategy meeting held with social care; actions agreed.",
    "Mum updated by phone at {time} on the progress of enquiries.",
    "House-to-house enquiries completed on {place}, no further information.",
    "Intel check completed, nothing new recorded since last episode.",
    "The YP was spoken to in person and says she felt safe at the address.",
]
PLACES = ["Croydon", "Stratford bus station", "a flat in Lewisham", "Peckham Rye", "Tottenham Hale"]


def corpus(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    labelled = [e.text for e in load()]
    out = []
    for _ in range(n):
        if rng.random() < 0.125:
            out.append(rng.choice(labelled))
        else:
            out.append(
                rng.choice(ORDINARY).format(
                    place=rng.choice(PLACES),
                    time=f"{rng.randint(0, 23):02d}{rng.choice(['00', '15', '30', '45'])}hrs",
                    time2=f"{rng.randint(0, 23):02d}00hrs",
                    day=rng.choice(["Monday", "Tuesday", "Friday"]),
                    n=rng.randint(100, 9999),
                )
            )
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
    args = ap.parse_args()
    texts = corpus(args.sentences)

    t = time.perf_counter()
    from safeguard.language import Checker

    checker = Checker()
    load_s = time.perf_counter() - t
    checker.check("warm up")
    t = time.perf_counter()
    flagged = sum(1 for s in texts if checker.check(s))
    dt = time.perf_counter() - t
    rate = len(texts) / dt
    base = keyword_scan(texts)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    t = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "safeguard", "lint", "-"],
        input=b"ok\n",
        capture_output=True,
        check=False,
    )
    startup = time.perf_counter() - t

    print(f"sentences:            {len(texts):,} ({flagged:,} flagged)")
    print(f"checker load:         {load_s:.2f} s")
    print(f"default mode:         {rate:,.0f} sentences/s")
    print(f"plain keyword scan:   {base:,.0f} sentences/s")
    print(f"ratio (default/scan): {rate / base:.3f}")
    print(f"peak memory:          {peak_mb:,.0f} MB")
    print(f"CLI start-up (lint one line): {startup:.2f} s")


if __name__ == "__main__":
    main()

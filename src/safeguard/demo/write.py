"""Write a demo data set: exchange files plus ``truth.jsonl``, streaming one child at a time."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from safeguard.demo.generator import ChildRecords, generate, make_context
from safeguard.demo.truth import derive

TRUTH_FILE = "truth.jsonl"
GOOD_PRACTICE = "GOOD-PRACTICE"


@dataclass
class DemoSummary:
    """What was written: records per entity, truth lines per check id, the data set's end."""

    end_date: date
    records: Counter[str] = field(default_factory=Counter)
    truth: Counter[str] = field(default_factory=Counter)


def iter_demo(children: int, seed: int) -> Iterator[tuple[ChildRecords, list[dict[str, str]]]]:
    """Yield each child's records with its truth lines, one child at a time."""
    ctx = make_context(seed)
    bank = ctx.bank
    for child in generate(children, seed, ctx):
        lines = derive(child.records, child.blaming, bank.settings, bank.factor_levels, ctx.end)
        if not lines:
            lines = [{"check": GOOD_PRACTICE, "child_id": child.child_id}]
        yield child, lines


def write_demo(
    out: str | Path, children: int = 300, seed: int = 1, fmt: str = "csv"
) -> DemoSummary:
    """Write ``children`` children's cases to ``out`` in ``fmt`` (csv or jsonl) with the truth."""
    from safeguard.records.io import ExchangeWriter

    out = Path(out)
    summary = DemoSummary(end_date=make_context(seed).end.date())
    with (
        ExchangeWriter(out, fmt) as writer,
        (out / TRUTH_FILE).open("w", encoding="utf-8", newline="\n") as truth,
    ):
        for child, lines in iter_demo(children, seed):
            for entity, records in child.records.items():
                for record in records:
                    writer.write(entity, record)
                summary.records[entity] += len(records)
            for line in lines:
                truth.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
                summary.truth[line["check"]] += 1
    return summary

"""Write a demo data set: exchange files plus ``truth.jsonl``, streaming one child at a time."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

from safeguard.demo.generator import ChildRecords, generate, make_context
from safeguard.demo.truth import derive
from safeguard.records import schema as s

if TYPE_CHECKING:
    from safeguard.records.io import Format

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
    out: str | Path, children: int = 300, seed: int = 1, fmt: Format = "csv"
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


def force_names(forces: int) -> list[str]:
    """The invented forces of a demo national data set: ``demo-01``, ``demo-02``, ..."""
    return [f"demo-{k + 1:02d}" for k in range(forces)]


def force_children(children: int, forces: int, k: int) -> range:
    """Child numbers (1-based) of force ``k`` (0-based): contiguous, as even as can be."""
    lo = k * children // forces
    hi = (k + 1) * children // forces
    return range(lo + 1, hi + 1)


def write_demo_force(
    out: str | Path, children: int, seed: int, forces: int, k: int, buckets: int
) -> DemoSummary:
    """Write force ``k``'s share of a demo national data set as a columnar dataset.

    Each child is generated from ``(seed, child number)`` alone, so forces can be written in
    any order or at once (one process each) and the whole is the same. The answer key for the
    force is ``truth/force=<name>.jsonl``.
    """
    from safeguard.demo.generator import ChildGenerator
    from safeguard.records.case import build_cases
    from safeguard.records.parquet import ParquetWriter

    out = Path(out)
    ctx = make_context(seed)
    bank = ctx.bank
    name = force_names(forces)[k]
    summary = DemoSummary(end_date=ctx.end.date())
    (out / "truth").mkdir(parents=True, exist_ok=True)
    truth_path = out / "truth" / f"force={name}.jsonl"
    with (
        ParquetWriter(out, name, buckets) as writer,
        truth_path.open("w", encoding="utf-8", newline="\n") as truth,
    ):
        for index in force_children(children, forces, k):
            child = ChildGenerator(ctx, index).generate()
            # ChildRecords files each record under its entity, so "children" holds only Child.
            kids = cast(list[s.Child], child.records["children"])
            (case,) = build_cases(kids, child.records)
            writer.write_case(case)
            for entity, records in child.records.items():
                summary.records[entity] += len(records)
            lines = derive(child.records, child.blaming, bank.settings, bank.factor_levels, ctx.end)
            for line in lines or [{"check": GOOD_PRACTICE, "child_id": child.child_id}]:
                truth.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
                summary.truth[line["check"]] += 1
    return summary


def write_demo_parquet(
    out: str | Path, children: int, seed: int, forces: int = 1, buckets: int | None = None
) -> DemoSummary:
    """Write a demo data set as a columnar dataset of ``forces`` invented forces."""
    from safeguard.records.parquet import DEFAULT_BUCKETS

    total = DemoSummary(end_date=make_context(seed).end.date())
    for k in range(forces):
        part = write_demo_force(out, children, seed, forces, k, buckets or DEFAULT_BUCKETS)
        total.records.update(part.records)
        total.truth.update(part.truth)
    return total

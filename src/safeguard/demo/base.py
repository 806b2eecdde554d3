"""Shared pieces of the demo generator: the context of a run, one child's records, the
case-generator base with its helpers, and time helpers."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from safeguard.demo.bank import Bank, load_bank
from safeguard.demo.notes import NoteWriter
from safeguard.records import schema as s

LEVELS = ["no_apparent_risk", "low", "medium", "high"]
H = timedelta(hours=1)
D = timedelta(days=1)
M = timedelta(minutes=1)


@dataclass
class ChildRecords:
    """Everything generated for one child, by entity name (file stem) in schema order."""

    child_id: str
    records: dict[str, list[s.Record]] = field(
        default_factory=lambda: {name: [] for name in s.ENTITIES}
    )
    #: Victim-blaming notes: note id -> (the wording, its theme in the language guide).
    blaming: dict[str, tuple[str, str]] = field(default_factory=dict)

    def add(self, entity: str, record: s.Record) -> None:
        self.records[entity].append(record)


@dataclass(frozen=True)
class Staff:
    """Pseudonymous officers by team: collar numbers only, no names."""

    pcs: list[str]
    dcs: list[str]
    dss: list[str]
    dis: list[str]
    sws: list[str]


@dataclass(frozen=True)
class Context:
    seed: int
    end: datetime  # the data set's end date (midnight); nothing happens on or after it
    start: datetime
    bank: Bank
    staff: dict[str, Staff]


def end_date(seed: int, bank: Bank | None = None) -> date:
    """The data set's end date: derived from the seed, never from the clock."""
    cfg = (bank or load_bank()).settings
    latest = cfg["latest_end_date"]
    latest = latest if isinstance(latest, date) else date.fromisoformat(str(latest))
    offset = random.Random(f"safeguard-demo:{seed}:end").randint(0, cfg["end_date_spread_days"])
    return latest - timedelta(days=offset)


def make_context(seed: int) -> Context:
    bank = load_bank()
    end = datetime.combine(end_date(seed, bank), datetime.min.time())
    rng = random.Random(f"safeguard-demo:{seed}:staff")
    numbers = rng.sample(range(1000, 9999), 6 * 80)
    staff: dict[str, Staff] = {}
    for i, team in enumerate(bank.places["teams"]):
        n = numbers[i * 80 : (i + 1) * 80]
        staff[team] = Staff(
            pcs=[f"PC {x}" for x in n[:40]],
            dcs=[f"DC {x}" for x in n[40:56]],
            dss=[f"DS {x}" for x in n[56:62]],
            dis=[f"DI {x}" for x in n[62:64]],
            sws=[f"SW {team[:3].upper()}{x}" for x in n[64:72]],
        )
    return Context(
        seed=seed,
        end=end,
        start=end - timedelta(days=bank.settings["span_days"]),
        bank=bank,
        staff=staff,
    )


def weighted(rng: random.Random, weights: Mapping[Any, float]) -> Any:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def minute(t: datetime) -> datetime:
    return t.replace(second=0, microsecond=0)


def spaced(
    rng: random.Random,
    start: datetime,
    end: datetime,
    lo: float,
    hi: float,
    unit: timedelta,
    big: tuple[float, float] | None = None,
) -> list[datetime]:
    """Times after ``start`` and before ``end``, each gap lo..hi units apart (the gap from the
    last time to ``end`` is then also below hi). With ``big`` one early gap is that long."""
    out: list[datetime] = []
    t = start
    big_at = rng.randint(0, 2) if big else -1
    i = 0
    while True:
        span = rng.uniform(*big) if big is not None and i == big_at else rng.uniform(lo, hi)
        t = minute(t + span * unit)
        if t >= end:
            return out
        out.append(t)
        i += 1


class CaseBase:
    """State and helpers shared by the parts that generate one child's case."""

    staff: Staff
    team: str
    carer: str
    in_care: bool
    vulns: list[str]
    exploited: bool
    inv_type: str | None
    writer: NoteWriter
    w_start: datetime
    w_end: datetime

    def __init__(self, ctx: Context, index: int) -> None:
        self.ctx = ctx
        self.cfg = ctx.bank.settings
        self.rng = random.Random(f"safeguard-demo:{ctx.seed}:child:{index}")
        self.index = index
        self.cid = f"CH{index:06d}"
        self.out = ChildRecords(self.cid)
        self.note_n = 0
        self.good = self.rng.random() < self.cfg["good_practice_rate"]

    # --- helpers -----------------------------------------------------------------------

    def defect(self, check: str) -> bool:
        """Whether to seed ``check`` here (never for a good-practice case)."""
        return (not self.good) and self.rng.random() < self.cfg["defect_rates"][check]

    def note(
        self,
        record_type: str,
        record_id: str,
        at: datetime,
        author: str,
        role: str,
        text: str,
        challenges: str | None = None,
    ) -> s.Note:
        self.note_n += 1
        n = s.Note(
            id=f"NT{self.index:06d}-{self.note_n:04d}",
            record_type=s.RecordType(record_type),
            record_id=record_id,
            child_id=self.cid,
            author=author,
            author_role=role,
            written_at=minute(at),
            text=text,
            challenges_note_id=challenges,
        )
        self.out.add("notes", n)
        return n

    def blame(self, note: s.Note, themes: tuple[str, ...], until: datetime) -> None:
        """Make ``note`` victim-blaming and maybe challenge it later (before ``until``)."""
        sentence, phrase, theme = self.writer.blaming(themes)
        note.text = f"{note.text} {sentence}"
        self.out.blaming[note.id] = (phrase, theme)
        if self.rng.random() < self.cfg["defect_rates"]["challenge"]:
            at = note.written_at + self.rng.uniform(1, 20) * D
            if at < until:
                sup = self.rng.choice(self.staff.dss + self.staff.dis)
                self.note(
                    note.record_type,
                    note.record_id,
                    at,
                    sup,
                    sup.split()[0],
                    self.writer.challenge(phrase, theme, note.written_at),
                    challenges=note.id,
                )

"""The supervisor's "Now" queue as shown: the engine's open obligations and open findings
(:mod:`safeguard.engine.queue`), grouped into the sections of ``queue.yml``.

No threshold lives here: what is due, by when and in which words all come from the audit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import Engine

from safeguard.engine import queue as engine_queue
from safeguard.missing.grading import latest_assessment
from safeguard.records.case import EpisodeRecords
from safeguard.store.read import snapshot
from safeguard.web.cache import StampCache

RISK_LABEL = {
    "ungraded": "Not yet graded",
    "high": "High",
    "medium": "Medium",
    "low": "Low",
    "no_apparent_risk": "No apparent risk",
}


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str = Field(pattern=r"^[a-z_]+$")
    title: str
    empty: str
    checks: list[str] = Field(min_length=1)


class QueueSettings(BaseModel):
    """Display settings only (``queue.yml``)."""

    model_config = ConfigDict(extra="forbid")

    sections: list[Section] = Field(min_length=1)
    max_items_per_section: int = Field(ge=1, le=1000)

    @property
    def max_items(self) -> int:
        return self.max_items_per_section


def load_settings(text: str | None = None) -> QueueSettings:
    """Read and check ``queue.yml``: every check of the standards in exactly one section."""
    from safeguard.engine.registry import registry

    if text is None:
        text = resources.files("safeguard.web").joinpath("queue.yml").read_text("utf-8")
    raw: Any = yaml.safe_load(text) or {}
    try:
        st = QueueSettings.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ValueError(f"queue.yml: {where}: {first['msg']}") from None
    placed = [c for s in st.sections for c in s.checks]
    known = set(registry())
    problems = sorted(
        {f"'{c}' is in more than one section" for c in placed if placed.count(c) > 1}
        | {f"'{c}' is not a check" for c in placed if c not in known}
        | {f"check '{c}' is in no section" for c in known - set(placed)}
    )
    if problems:
        raise ValueError("queue.yml: " + "; ".join(problems))
    return st


def current_risk(ep: EpisodeRecords) -> str:
    latest = latest_assessment(ep)
    return latest.level if latest else "ungraded"


@dataclass(frozen=True)
class Row:
    """One line of the queue as shown."""

    key: str
    section: str
    kind: str  # obligation | finding
    child_id: str
    team: str
    record_type: str
    record_id: str
    check_id: str
    severity: str
    title: str
    why: str
    when: str  # "overdue by 3 h", "due in 2 h", or "" for a finding
    urgent: bool
    due_at: datetime | None


@dataclass
class SectionView:
    key: str
    title: str
    empty: str
    total: int
    rows: list[Row]


def _row(section: str, q: engine_queue.QueueItem, now: datetime) -> Row:
    overdue = q.overdue(now)
    if q.kind == "obligation":
        title = q.what
        why = q.detail if overdue else f"{q.title} (by {q.due_at:%d %b %Y %H:%M})"
    else:
        title, why = q.title, q.detail
    return Row(
        key=q.key,
        section=section,
        kind=q.kind,
        child_id=q.child_id,
        team=q.team,
        record_type=q.record_type,
        record_id=q.record_id,
        check_id=q.check_id,
        severity=q.severity,
        title=title,
        why=why,
        when=q.when_words(now),
        urgent=q.urgent(now),  # the engine's definition (standards.yml "urgent")
        due_at=q.due_at,
    )


def _read(
    engine: Engine, settings: QueueSettings, teams: list[str] | None, page: int
) -> list[tuple[int, list[engine_queue.QueueItem]]]:
    """Each section's total and items on ``page``, from one state of the store: two grouped
    counts, then indexed pages by check (obligations first, then open findings)."""
    size = settings.max_items
    out = []
    with snapshot(engine) as conn:
        counted = engine_queue.totals(conn, teams=teams)
        for s in settings.sections:
            n_ob, n_f = counted.of(s.checks)
            start = page * size
            obs = (
                engine_queue.page(conn, "obligation", teams, s.checks, size, start)
                if start < n_ob
                else []
            )
            room = size - len(obs)
            skip = max(0, start - n_ob)
            fs = (
                engine_queue.page(conn, "finding", teams, s.checks, room, skip)
                if room > 0 and skip < n_f
                else []
            )
            out.append((n_ob + n_f, [*obs, *fs]))
    return out


def build(
    engine: Engine,
    settings: QueueSettings,
    now: datetime,
    teams: list[str] | None,
    page: int = 0,
    *,
    cache: StampCache | None = None,
    stamp: str | None = None,
) -> list[SectionView]:
    """Every section: its obligations (overdue first, then due soonest), then its open
    findings (newest first); ``page`` pages through each section ``max_items`` at a time.

    With a ``cache`` and the ``stamp`` of the stored results' current version, the items are
    read from the store once per version for each (teams, page)."""
    key = ("queue", tuple(sorted(teams)) if teams is not None else None, page)
    if cache is None:
        read = _read(engine, settings, teams, page)
    else:
        read = cache.read(stamp, key, lambda: _read(engine, settings, teams, page))
    return [
        SectionView(
            key=s.key,
            title=s.title,
            empty=s.empty,
            total=total,
            rows=[_row(s.key, q, now) for q in items],
        )
        for s, (total, items) in zip(settings.sections, read, strict=True)
    ]

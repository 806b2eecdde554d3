"""An in-memory view of the whole store, rebuilt in the background every few seconds.

Pages that list across children (the queue, the dashboard, the children list) read from the
latest snapshot so they stay fast under load; a child's own page reads the store directly.
Each rebuild gets a new ``version``; the live queue pushes an update when it changes.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from safeguard.records.case import Case
from safeguard.web.flags import FlagCache
from safeguard.web.models import ChallengeDecision
from safeguard.web.queue import QueueItem, QueueSettings, build_queue, describe_age

log = logging.getLogger(__name__)


@dataclass
class Snapshot:
    version: int = 0
    built_at: datetime | None = None
    cases: dict[str, Case] = field(default_factory=dict)
    episode_child: dict[str, str] = field(default_factory=dict)
    note_child: dict[str, str] = field(default_factory=dict)
    queue: dict[str, list[QueueItem]] = field(default_factory=dict)
    audit: Any = None  # safeguard.audit.runner.AuditReport, when the audit is available
    auditor: Any = None
    error: str | None = None
    #: The audit's result for each child, as of this snapshot (same order as ``audit.cases``).
    results: dict[str, Any] = field(default_factory=dict)
    #: Derived views of this snapshot (the queue as one user scope sees it, the children list,
    #: dashboards), computed on first use; the snapshot never changes, so neither do they.
    derived: dict[Any, Any] = field(default_factory=dict)

    def audit_result(self, case: Case) -> Any:
        """The audit's result (grade, reasons, findings) for one case.

        ``case`` is read afresh from the store; when it is exactly the case this snapshot
        audited, the snapshot's result is reused (same records, same auditor, same answer),
        otherwise the case is audited now.
        """
        if self.auditor is None:
            return None
        known = self.results.get(case.child.id)
        if known is not None and self.cases.get(case.child.id) == case:
            return known
        return self.auditor.audit_case(case)

    def memo(self, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per snapshot for ``key`` (a race computes it twice, harmlessly)."""
        try:
            return self.derived[key]
        except KeyError:
            value = self.derived[key] = compute()
            return value

    def team_of_child(self, child_id: str) -> str | None:
        case = self.cases.get(child_id)
        return case.child.team if case else None


def decided_flags(engine: Engine) -> set[tuple[str, str, int]]:
    with Session(engine) as db:
        rows = db.execute(
            select(ChallengeDecision.note_id, ChallengeDecision.rule, ChallengeDecision.start)
        ).all()
    return {(r[0], r[1], r[2]) for r in rows}


def fingerprint(engine: Engine) -> tuple[int, ...]:
    """Cheap sign that the store changed: row counts, open episodes, and challenge decisions."""
    from sqlalchemy import func

    from safeguard.store.models import TABLES, MissingEpisodeRow

    stmts = [select(func.count()).select_from(t) for t in TABLES.values()]
    stmts.append(select(func.count()).where(MissingEpisodeRow.found_at.is_(None)))
    stmts.append(select(func.count()).select_from(ChallengeDecision))
    with engine.connect() as conn:
        return tuple(int(conn.execute(st).scalar_one()) for st in stmts)


def load_cases(engine: Engine) -> list[Case]:
    from safeguard.store.read import iter_cases

    return list(iter_cases(engine))


class SnapshotHolder:
    """Keeps the latest snapshot and rebuilds it every ``interval_s`` in a daemon thread."""

    def __init__(
        self,
        engine: Engine,
        settings: QueueSettings,
        flags: FlagCache,
        now: Callable[[], datetime],
        interval_s: float = 5.0,
        full_every_s: float = 120.0,
    ) -> None:
        self.full_every_s = full_every_s
        self._print: tuple[int, ...] | None = None
        self._last_full = 0.0
        self.engine = engine
        self.settings = settings
        self.flags = flags
        self.now = now
        self.interval_s = interval_s
        self._snap = Snapshot()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def get(self) -> Snapshot:
        """The latest snapshot; the first call builds one."""
        if self._snap.built_at is None:
            self.rebuild()
        return self._snap

    def invalidate(self) -> None:
        """Rebuild now (after a change made through the app)."""
        self.rebuild()

    def rebuild(self) -> None:
        with self._lock:
            try:
                self._print = fingerprint(self.engine)
                self._last_full = time.monotonic()
                snap = self._build(self._snap.version + 1)
            except Exception as exc:  # keep serving the last good snapshot
                log.error("Could not refresh the queue: %s", type(exc).__name__)
                self._snap.error = "The queue could not be refreshed; showing the last good copy."
                return
            self._snap = snap

    def _build(self, version: int) -> Snapshot:
        now = self.now()
        cases = load_cases(self.engine)
        decided = decided_flags(self.engine)
        snap = Snapshot(version=version, built_at=now)
        language: list[QueueItem] = []
        for case in cases:
            snap.cases[case.child.id] = case
            for ep in case.episodes:
                snap.episode_child[ep.episode.id] = case.child.id
            challenged = {n.challenges_note_id for n in case.all_notes() if n.challenges_note_id}
            for note in case.all_notes():
                snap.note_child[note.id] = case.child.id
                if note.id in challenged:
                    continue
                pending = [
                    f for f in self.flags.flags(note) if (note.id, f.rule, f.start) not in decided
                ]
                if pending:
                    phrases = ", ".join(f"“{f.text}”" for f in pending[:3])
                    language.append(
                        QueueItem(
                            key=f"note:{note.id}",
                            section="language",
                            child_id=case.child.id,
                            team=case.child.team,
                            record_type="note",
                            record_id=note.id,
                            title=f"{len(pending)} flagged phrase{'s' if len(pending) != 1 else ''}",
                            why=f"{phrases} — written {describe_age(now - note.written_at)} ago",
                            urgent=False,
                            since=note.written_at,
                        )
                    )
        snap.queue = build_queue(list(snap.cases.values()), now, self.settings, language)
        snap.auditor = self._auditor(now)
        if snap.auditor is not None:
            from safeguard.audit.runner import audit_cases

            snap.audit = audit_cases(snap.cases.values(), auditor=snap.auditor)
            snap.results = dict(zip(snap.cases, snap.audit.cases, strict=True))
        return snap

    def _auditor(self, now: datetime) -> Any:
        try:
            from safeguard.audit.runner import Auditor
        except ImportError:
            return None
        return Auditor(as_of=now, language_check=self.flags.check_text)

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._loop, name="safeguard-snapshot", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self.interval_s)
            self._wake.clear()
            if self._stop.is_set():
                return
            started = time.monotonic()
            try:
                changed = fingerprint(self.engine) != self._print
            except Exception:  # the database is busy or away: try again next time
                continue
            if not changed and started - self._last_full < self.full_every_s:
                continue  # nothing new, and the times shown are still fresh enough
            self.rebuild()
            log.debug("queue refreshed in %.2fs", time.monotonic() - started)

"""Tables holding the engine's stored results: one row per child's case (grade, the whole result
as JSON, fingerprints and how long it stays true), one per finding and one per open obligation
(so the queue, lists and dashboard are database queries), and a change counter.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from safeguard.store.models import ID, Base


class CaseResultRow(Base):
    """The audit of one child's case, as last computed."""

    __tablename__ = "engine_case_results"
    # Covering indexes: the dashboard's aggregates and the children list's order read these,
    # never the wide rows (``payload``). Migration 0280_result_indexes.
    __table_args__ = (
        Index(
            "ix_engine_case_results_activity",
            "last_activity",
            "team",
            "grade",
            "max_repeat",
            "period",
            "child_id",
        ),
        Index(
            "ix_engine_case_results_team",
            "team",
            "last_activity",
            "grade",
            "max_repeat",
            "period",
            "child_id",
        ),
    )

    child_id: Mapped[str] = mapped_column(ID, primary_key=True)
    team: Mapped[str] = mapped_column(String(64))
    grade: Mapped[str] = mapped_column(String(32))
    serious: Mapped[int] = mapped_column(Integer)
    major: Mapped[int] = mapped_column(Integer)
    minor: Mapped[int] = mapped_column(Integer)
    episodes: Mapped[int] = mapped_column(Integer)
    open_episodes: Mapped[int] = mapped_column(Integer)
    investigations: Mapped[int] = mapped_column(Integer)
    notes: Mapped[int] = mapped_column(Integer)
    last_activity: Mapped[datetime | None] = mapped_column(DateTime)
    period: Mapped[str | None] = mapped_column(String(8))
    max_repeat: Mapped[int] = mapped_column(Integer)
    screened: Mapped[bool] = mapped_column(Boolean)
    as_of: Mapped[datetime] = mapped_column(DateTime)
    #: The result is exactly what an audit would give at any moment from ``as_of`` until this
    #: (the next deadline, record time or risk-rule threshold); null when nothing is pending.
    valid_until: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    records_fp: Mapped[str] = mapped_column(String(64))
    rules_fp: Mapped[str] = mapped_column(String(64), index=True)
    payload: Mapped[str] = mapped_column(Text)  # CaseResult.as_dict() as JSON
    computed_at: Mapped[datetime] = mapped_column(DateTime)


# The children list's order (still missing first, then most episodes, then by id), read from
# an index in that very order so a page needs no sort.
Index(
    "ix_engine_case_results_order",
    CaseResultRow.open_episodes.desc(),
    CaseResultRow.episodes.desc(),
    CaseResultRow.child_id,
)
Index(
    "ix_engine_case_results_team_order",
    CaseResultRow.team,
    CaseResultRow.open_episodes.desc(),
    CaseResultRow.episodes.desc(),
    CaseResultRow.child_id,
)


class FindingRow(Base):
    __tablename__ = "engine_findings"
    __table_args__ = (
        # The Now queue: open findings counted and paged by check (and team), newest first.
        Index("ix_engine_findings_open_check", "open", "check_id", "at"),
        Index("ix_engine_findings_open_team", "open", "team", "check_id", "at"),
        Index("ix_engine_findings_check", "check_id", "child_id"),
        Index("ix_engine_findings_child_check", "child_id", "check_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    child_id: Mapped[str] = mapped_column(ID)
    team: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(300))
    check_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(300))
    severity: Mapped[str] = mapped_column(String(16))
    area: Mapped[str] = mapped_column(String(16))
    record_type: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(ID)
    at: Mapped[datetime] = mapped_column(DateTime)
    due_at: Mapped[datetime | None] = mapped_column(DateTime)
    detail: Mapped[str] = mapped_column(Text)
    #: Something can still be done about it now: the record is open, or (language) the note
    #: awaits a supervisor's challenge. The Now queue lists open findings.
    open: Mapped[bool] = mapped_column(Boolean)
    themes: Mapped[list[str]] = mapped_column(JSON)  # language themes of the evidence


class QueueCountRow(Base):
    """How many open obligations and open findings a check has for a team: the Now queue's
    totals, changed by the same transaction that writes the rows counted
    (:mod:`safeguard.engine.queue_counts`)."""

    __tablename__ = "engine_queue_counts"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)  # obligation | finding
    check_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    team: Mapped[str] = mapped_column(String(64), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class CheckCountRow(Base):
    """How many children of a team have at least one finding of a check, by the day of their
    last activity: the dashboard's "children with a finding of each check", summed over the
    days of a period, changed by the same transaction that writes the findings counted
    (:mod:`safeguard.engine.queue_counts`). A child with no recorded activity is counted on
    :data:`NO_ACTIVITY_DAY`."""

    __tablename__ = "engine_check_counts"

    check_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    team: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)  # of the child's last activity
    n: Mapped[int] = mapped_column(Integer)


#: The day a child with no recorded activity is counted on (before every real day, so that
#: only "all time" counts it, as a period's filter on the last activity leaves it out).
NO_ACTIVITY_DAY = date(1, 1, 1)


class ObligationRow(Base):
    __tablename__ = "engine_obligations"
    __table_args__ = (
        Index("ix_engine_obligations_due", "due_at", "team"),  # the live page's next deadline
        # The Now queue: obligations counted and paged by check (and team), due soonest first.
        Index("ix_engine_obligations_check", "check_id", "due_at"),
        Index("ix_engine_obligations_team", "team", "check_id", "due_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    child_id: Mapped[str] = mapped_column(ID, index=True)
    team: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(300))
    check_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(300))
    severity: Mapped[str] = mapped_column(String(16))
    record_type: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(ID)
    since: Mapped[datetime] = mapped_column(DateTime)
    due_at: Mapped[datetime] = mapped_column(DateTime)
    what: Mapped[str] = mapped_column(Text)
    detail: Mapped[str] = mapped_column(Text)


class ThemeCountRow(Base):
    """Victim-blaming phrases found in one case, by language theme (dashboard chart)."""

    __tablename__ = "engine_case_themes"

    child_id: Mapped[str] = mapped_column(ID, primary_key=True)
    theme: Mapped[str] = mapped_column(String(64), primary_key=True)
    phrases: Mapped[int] = mapped_column(Integer)


class EngineStateRow(Base):
    """Small named values: ``changes`` counts every write of results (live updates on SQLite)."""

    __tablename__ = "engine_state"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class LanguageCacheRow(Base):
    """The language checker's hits in one child's notes, kept so that an audit after a change
    of standards (not of the language rules or model) need not read every note again.

    ``payload`` maps a hash of each note's text to its hits (none for most notes); the row is
    read only while ``language_fp`` (language rules, model, checker code and mode) is the
    current one.
    """

    __tablename__ = "engine_language_cache"

    child_id: Mapped[str] = mapped_column(ID, primary_key=True)
    language_fp: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)

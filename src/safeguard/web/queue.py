"""The supervisor's "Now" queue: what needs someone's attention today, most urgent first.

Every item says why it is on the queue in plain words, computed from recorded facts and the
settings in ``queue.yml``; nothing here is a score.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from importlib import resources
from typing import Any

import yaml

from safeguard.missing.grading import latest_assessment
from safeguard.records.case import Case, EpisodeRecords

RISK_ORDER = {"ungraded": 0, "high": 1, "medium": 2, "low": 3, "no_apparent_risk": 4}
RISK_LABEL = {
    "ungraded": "Not yet graded",
    "high": "High",
    "medium": "Medium",
    "low": "Low",
    "no_apparent_risk": "No apparent risk",
}


@dataclass(frozen=True)
class QueueSettings:
    no_action_hours: dict[str, float]
    proactive_actions: frozenset[str]
    repeat_episodes: int
    repeat_within_days: int
    safe_and_well_due_hours: float
    rhi_due_hours: float
    overdue_lookback_days: int
    plan_due_days: int
    review_interval_days: int
    max_items: int


def load_settings(text: str | None = None) -> QueueSettings:
    if text is None:
        text = resources.files("safeguard.web").joinpath("queue.yml").read_text("utf-8")
    raw: dict[str, Any] = yaml.safe_load(text) or {}
    try:
        return QueueSettings(
            no_action_hours={k: float(v) for k, v in raw["no_action_hours"].items()},
            proactive_actions=frozenset(raw["proactive_actions"]),
            repeat_episodes=int(raw["repeat_missing"]["episodes"]),
            repeat_within_days=int(raw["repeat_missing"]["within_days"]),
            safe_and_well_due_hours=float(raw["safe_and_well_due_hours"]),
            rhi_due_hours=float(raw["return_home_interview_due_hours"]),
            overdue_lookback_days=int(raw["overdue_lookback_days"]),
            plan_due_days=int(raw["investigation_plan_due_days"]),
            review_interval_days=int(raw["investigation_review_interval_days"]),
            max_items=int(raw["max_items_per_section"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"queue.yml: a setting is missing or not a number ({exc})") from exc


@dataclass
class QueueItem:
    """One line of the queue. ``key`` identifies it across refreshes (for live updates)."""

    key: str
    section: str
    child_id: str
    team: str | None
    record_type: str
    record_id: str
    title: str
    why: str
    urgent: bool
    since: datetime | None = None
    risk: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


SECTIONS = {
    "missing": "Open missing episodes",
    "repeat": "Repeatedly missing, not screened for exploitation",
    "overdue": "Overdue safe and well checks and return home interviews",
    "investigations": "Investigations with no plan or an overdue review",
    "language": "Notes with flagged language awaiting challenge",
}


def current_risk(ep: EpisodeRecords) -> str:
    latest = latest_assessment(ep)
    return latest.level if latest else "ungraded"


def describe_age(delta: timedelta) -> str:
    """'3 h 20 min', '2 days 4 h', '12 days', 'about 5 months' — for people, not machines."""
    minutes = max(0, int(delta.total_seconds() // 60))
    days, rem = divmod(minutes, 24 * 60)
    hours, mins = divmod(rem, 60)
    if days >= 60:
        return f"about {round(days / 30.44)} months"
    if days >= 7:
        return f"{days} days"
    if days:
        return f"{days} day{'s' if days != 1 else ''} {hours} h"
    if hours:
        return f"{hours} h {mins} min"
    return f"{mins} min"


def _team(case: Case, ep_team: str | None = None) -> str | None:
    return case.child.team or ep_team


def missing_items(case: Case, now: datetime, st: QueueSettings) -> list[QueueItem]:
    out = []
    for ep in case.episodes:
        e = ep.episode
        if e.found_at is not None:
            continue
        risk = current_risk(ep)
        proactive = [a.at for a in ep.actions if a.action_type in st.proactive_actions]
        last = max(proactive) if proactive else None
        since = last or e.reported_at
        limit = st.no_action_hours.get(risk, 1)
        stale = (now - since) > timedelta(hours=limit)
        if last is None:
            why = f"No proactive action recorded since reported {describe_age(now - e.reported_at)} ago"
        else:
            why = f"Last proactive action {describe_age(now - last)} ago"
        if stale:
            why += f" (more than {limit:g} h for {RISK_LABEL[risk].lower()} risk)"
        out.append(
            QueueItem(
                key=f"missing:{e.id}",
                section="missing",
                child_id=case.child.id,
                team=_team(case, e.team),
                record_type="episode",
                record_id=e.id,
                title=f"{RISK_LABEL[risk]} risk — missing {describe_age(now - e.reported_at)}",
                why=why,
                urgent=risk in ("high", "ungraded") or stale,
                since=since,
                risk=risk,
            )
        )
    return out


def repeat_items(case: Case, now: datetime, st: QueueSettings) -> list[QueueItem]:
    window_start = now - timedelta(days=st.repeat_within_days)
    recent = [ep.episode for ep in case.episodes if ep.episode.reported_at >= window_start]
    if len(recent) < st.repeat_episodes:
        return []
    if any(e.exploitation_screening_at for e in recent):
        return []
    latest = max(recent, key=lambda e: e.reported_at)
    return [
        QueueItem(
            key=f"repeat:{case.child.id}:{latest.id}",
            section="repeat",
            child_id=case.child.id,
            team=_team(case, latest.team),
            record_type="child",
            record_id=case.child.id,
            title=f"Missing {len(recent)} times in {st.repeat_within_days} days",
            why="No exploitation screening recorded for any of these episodes",
            urgent=True,
            since=latest.reported_at,
        )
    ]


def overdue_items(case: Case, now: datetime, st: QueueSettings) -> list[QueueItem]:
    out = []
    lookback = now - timedelta(days=st.overdue_lookback_days)
    for ep in case.episodes:
        e = ep.episode
        if e.found_at is None or e.found_at < lookback or e.found_at > now:
            continue
        due = e.found_at + timedelta(hours=st.safe_and_well_due_hours)
        if now > due and not ep.safe_and_well_checks:
            out.append(
                QueueItem(
                    key=f"sw:{e.id}",
                    section="overdue",
                    child_id=case.child.id,
                    team=_team(case, e.team),
                    record_type="episode",
                    record_id=e.id,
                    title="Safe and well check overdue",
                    why=(
                        f"Found {describe_age(now - e.found_at)} ago; no check recorded "
                        f"(due within {st.safe_and_well_due_hours:g} h)"
                    ),
                    urgent=True,
                    since=due,
                )
            )
        rhi_due = e.found_at + timedelta(hours=st.rhi_due_hours)
        offered = [
            r for r in ep.return_home_interviews if r.offered_at or r.done_at or r.not_done_reason
        ]
        if now > rhi_due and not offered:
            out.append(
                QueueItem(
                    key=f"rhi:{e.id}",
                    section="overdue",
                    child_id=case.child.id,
                    team=_team(case, e.team),
                    record_type="episode",
                    record_id=e.id,
                    title="Return home interview not offered",
                    why=(
                        f"Found {describe_age(now - e.found_at)} ago; no interview offered "
                        f"(due within {st.rhi_due_hours:g} h)"
                    ),
                    urgent=True,
                    since=rhi_due,
                )
            )
    return out


def investigation_items(case: Case, now: datetime, st: QueueSettings) -> list[QueueItem]:
    out = []
    for inv in case.investigations:
        i = inv.investigation
        if i.outcome != "open" or i.reported_at > now:
            continue
        plan_due = i.reported_at + timedelta(days=st.plan_due_days)
        reasons = []
        since = None
        if i.plan_recorded_at is None and now > plan_due:
            reasons.append(
                f"No investigation plan {describe_age(now - i.reported_at)} after the report "
                f"(due within {st.plan_due_days} days)"
            )
            since = plan_due
        last_review = max((r.reviewed_at for r in inv.supervisor_reviews), default=None)
        review_due = (last_review or i.reported_at) + timedelta(days=st.review_interval_days)
        if now > review_due:
            what = (
                "since the last supervisor review" if last_review else "with no supervisor review"
            )
            reasons.append(
                f"{describe_age(now - (last_review or i.reported_at))} {what} "
                f"(due every {st.review_interval_days} days)"
            )
            since = since or review_due
        if reasons:
            out.append(
                QueueItem(
                    key=f"inv:{i.id}",
                    section="investigations",
                    child_id=case.child.id,
                    team=_team(case, i.team),
                    record_type="investigation",
                    record_id=i.id,
                    title=f"{i.exploitation_type.capitalize()} exploitation investigation",
                    why="; ".join(reasons),
                    urgent=i.plan_recorded_at is None,
                    since=since,
                )
            )
    return out


def build_queue(
    cases: list[Case],
    now: datetime,
    st: QueueSettings,
    flagged_notes: list[QueueItem] | None = None,
) -> dict[str, list[QueueItem]]:
    """Every section of the queue over all cases, most urgent first within a section."""
    sections: dict[str, list[QueueItem]] = {k: [] for k in SECTIONS}
    for case in cases:
        sections["missing"].extend(missing_items(case, now, st))
        sections["repeat"].extend(repeat_items(case, now, st))
        sections["overdue"].extend(overdue_items(case, now, st))
        sections["investigations"].extend(investigation_items(case, now, st))
    sections["language"].extend(flagged_notes or [])
    far_past = datetime.min
    sections["missing"].sort(key=lambda q: (RISK_ORDER[q.risk or "ungraded"], q.since or far_past))
    for key in ("repeat", "overdue", "investigations", "language"):
        sections[key].sort(key=lambda q: (not q.urgent, q.since or far_past))
    return sections

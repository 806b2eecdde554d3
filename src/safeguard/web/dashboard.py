"""The manager dashboard: the audit's headline figures and charts, by team and period."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from safeguard.web.snapshot import Snapshot

PERIOD_DAYS = {"3m": 91, "6m": 183, "12m": 365, "all": None}
PERIOD_LABELS = {
    "3m": "Last 3 months",
    "6m": "Last 6 months",
    "12m": "Last 12 months",
    "all": "All time",
}
GRADE_LABELS = {
    "good": "Good",
    "requires_improvement": "Requires improvement",
    "inadequate": "Inadequate",
}


@dataclass
class Bar:
    label: str
    value: int
    total: int

    @property
    def pct(self) -> float:
        return 100.0 * self.value / self.total if self.total else 0.0


@dataclass
class Dashboard:
    available: bool
    cases: int = 0
    headlines: list[str] = field(default_factory=list)
    grades: list[Bar] = field(default_factory=list)
    checks: list[Bar] = field(default_factory=list)
    language: list[Bar] = field(default_factory=list)
    trend: list[dict[str, Any]] = field(default_factory=list)  # quarter -> grade counts
    by_team: list[dict[str, Any]] = field(default_factory=list)


def build(snap: Snapshot, now: datetime, team: str | None, period: str) -> Dashboard:
    report = snap.audit
    if report is None:
        return Dashboard(available=False)
    from safeguard.audit.runner import AuditReport

    days = PERIOD_DAYS.get(period)
    since = now - timedelta(days=days) if days else None
    in_team = [r for r in report.cases if team is None or r.team == team]
    chosen = [r for r in in_team if since is None or (r.last_activity and r.last_activity >= since)]
    sub = AuditReport(
        as_of=report.as_of,
        generated_at=report.generated_at,
        standards=report.standards,
        filters={"team": team, "period": period},
        cases=chosen,
    )
    m = len(chosen)
    grades = sub.grade_counts()
    titles = {c.id: c.title for c in report.standards.checks}
    by_check = sorted(sub.cases_by_check().items(), key=lambda kv: -kv[1])
    lang = sub.language_by_theme()
    lang_total = sum(lang.values())
    # The trend covers the whole history of the team, so a period filter does not hide it.
    trend_report = AuditReport(
        as_of=report.as_of,
        generated_at=report.generated_at,
        standards=report.standards,
        cases=in_team,
    )
    trend = []
    for q, counts in list(trend_report.grades_by(lambda r: r.period).items())[-8:]:
        total = sum(counts.values())
        trend.append({"quarter": q, "total": total, **counts})
    by_team = [
        {"team": t, "total": sum(c.values()), **c}
        for t, c in sub.grades_by(lambda r: r.team).items()
    ]
    return Dashboard(
        available=True,
        cases=m,
        headlines=sub.headlines() if m else [],
        grades=[Bar(GRADE_LABELS[g], n, m) for g, n in grades.items()],
        checks=[Bar(titles.get(k, k), n, m) for k, n in by_check if n][:12],
        language=[Bar(k.replace("_", " ").capitalize(), n, lang_total) for k, n in lang.items()],
        trend=trend,
        by_team=by_team,
    )

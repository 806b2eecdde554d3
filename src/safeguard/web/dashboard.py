"""The manager dashboard: the audit's headline figures and charts, by team and period.

Every figure is a database aggregate over the stored results (one row per child's case, its
findings and its language themes); nothing is audited or loaded case by case here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Engine, func, select

from safeguard.audit.grade import GRADES
from safeguard.audit.runner import headline_figures
from safeguard.engine import queue_counts
from safeguard.engine.models import CaseResultRow, ThemeCountRow
from safeguard.standards import default_standards
from safeguard.store.engine import reader

#: The dashboard's figures may be up to this many seconds older than the latest decision:
#: they are aggregates over a whole force, read once for everyone who looks in that time
#: (a decision on one note must not make every manager's dashboard read the store again).
MAX_AGE_S = 10.0
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


def build(engine: Engine, now: datetime, team: str | None, period: str) -> Dashboard:
    r = CaseResultRow
    days = PERIOD_DAYS.get(period)
    since = now - timedelta(days=days) if days else None
    in_team = [] if team is None else [r.team == team]
    chosen = in_team + ([] if since is None else [r.last_activity >= since])
    standards = default_standards()
    threshold = standards.get("MIS-REPEAT-NO-SCREENING").params().episodes
    with reader(engine).connect() as conn:
        stored = int(conn.execute(select(func.count()).select_from(r)).scalar_one())
        if not stored:
            return Dashboard(available=False)
        grades = dict.fromkeys(GRADES, 0)
        for grade, n in conn.execute(
            select(r.grade, func.count()).where(*chosen).group_by(r.grade)
        ):
            grades[grade] = int(n)
        m = sum(grades.values())
        # Children with a finding of each check: totals kept by team and day as results are
        # written, never counted over the store's findings.
        by_check = queue_counts.children_by_check(conn, team=team, since=since)
        # The children chosen, read from a covering index (never the wide result rows).
        children = select(r.child_id).where(*chosen).scalar_subquery()
        repeat = int(
            conn.execute(
                select(func.count()).select_from(r).where(*chosen, r.max_repeat >= threshold)
            ).scalar_one()
        )
        t = ThemeCountRow
        lang = {
            theme: int(n)
            for theme, n in conn.execute(
                select(t.theme, func.sum(t.phrases))
                .where(t.child_id.in_(children))
                .group_by(t.theme)
            )
        }
        # The trend covers the whole history of the team, so a period filter does not hide it.
        periods: dict[str, dict[str, int]] = {}
        for p, grade, n in conn.execute(
            select(r.period, r.grade, func.count())
            .where(*in_team, r.period.is_not(None))
            .group_by(r.period, r.grade)
        ):
            # The WHERE leaves out rows without a period, which the column's type cannot show.
            periods.setdefault(cast(str, p), dict.fromkeys(GRADES, 0))[grade] = int(n)
        teams: dict[str, dict[str, int]] = {}
        for tm, grade, n in conn.execute(
            select(r.team, r.grade, func.count()).where(*chosen).group_by(r.team, r.grade)
        ):
            teams.setdefault(tm, dict.fromkeys(GRADES, 0))[grade] = int(n)
    titles = {c.id: c.title for c in standards.checks}
    checks = sorted(((k, n) for k, n in by_check.items() if n), key=lambda kv: (-kv[1], kv[0]))
    lang_sorted = sorted(lang.items(), key=lambda kv: (-kv[1], kv[0]))
    lang_total = sum(lang.values())
    return Dashboard(
        available=True,
        cases=m,
        headlines=(
            [f"{n} of {mm} {what}" for n, mm, what in headline_figures(m, by_check, grades, repeat)]
            if m
            else []
        ),
        grades=[Bar(GRADE_LABELS[g], n, m) for g, n in grades.items()],
        checks=[Bar(titles.get(k, k), n, m) for k, n in checks][:12],
        language=[Bar(k.replace("_", " ").capitalize(), n, lang_total) for k, n in lang_sorted],
        trend=[
            {"quarter": q, "total": sum(c.values()), **c} for q, c in sorted(periods.items())[-8:]
        ],
        by_team=[{"team": tm, "total": sum(c.values()), **c} for tm, c in sorted(teams.items())],
    )

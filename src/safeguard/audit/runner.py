"""Run every check over every case and gather the results into an :class:`AuditReport`.

Cases are consumed one at a time (``iter_cases`` streams them from the store), so memory
grows only with the findings kept for the report, not with the records read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from safeguard.audit.context import CheckContext
from safeguard.audit.finding import Finding
from safeguard.audit.grade import GRADES, grade_case
from safeguard.audit.language import LanguageCheck, check_notes, default_language_check
from safeguard.indicators import Indicator, default_rules
from safeguard.investigations.checks import check_investigation
from safeguard.missing.checks import check_episode
from safeguard.missing.grading import repeat_window
from safeguard.records.case import Case
from safeguard.standards.catalogue import Standards, default_standards
from safeguard.standards.risk_levels import RiskLevels, default_risk_levels

FORMAT_VERSION = 1


def quarter(d: date | datetime) -> str:
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"


@dataclass(slots=True)
class EpisodeSummary:
    episode_id: str
    reported_at: datetime
    assessed: str
    recorded: str | None
    explanation: str
    factors: list[dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        return {
            "episode_id": self.episode_id,
            "reported_at": self.reported_at.isoformat(),
            "assessed": self.assessed,
            "recorded": self.recorded,
            "explanation": self.explanation,
            "factors": self.factors,
        }


@dataclass(slots=True)
class CaseResult:
    child_id: str
    team: str
    grade: str
    reasons: list[str]
    findings: list[Finding]
    episodes: list[EpisodeSummary]
    investigation_ids: list[str]
    notes: int
    last_activity: datetime | None
    max_repeat: int  # most episodes in any repeat window
    screened: bool  # any exploitation screening or strategy meeting recorded

    @property
    def period(self) -> str | None:
        return quarter(self.last_activity) if self.last_activity else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "child_id": self.child_id,
            "team": self.team,
            "grade": self.grade,
            "reasons": list(self.reasons),
            "period": self.period,
            "last_activity": self.last_activity.isoformat() if self.last_activity else None,
            "counts": {
                "episodes": len(self.episodes),
                "investigations": len(self.investigation_ids),
                "notes": self.notes,
            },
            "repeat_missing": {"most_in_window": self.max_repeat, "screened": self.screened},
            "episodes": [e.as_dict() for e in self.episodes],
            "findings": [f.as_dict() for f in self.findings],
        }


def case_team(case: Case) -> str:
    if case.child.team:
        return case.child.team
    teams = [e.episode.team for e in case.episodes if e.episode.team]
    teams += [i.investigation.team for i in case.investigations if i.investigation.team]
    return teams[-1] if teams else "unassigned"


def case_last_activity(case: Case) -> datetime | None:
    times = [e.episode.reported_at for e in case.episodes]
    times += [i.investigation.reported_at for i in case.investigations]
    return max(times) if times else None


class Auditor:
    """Holds the loaded standards, rules and language checker; audits one case at a time."""

    def __init__(
        self,
        *,
        as_of: datetime | None = None,
        standards: Standards | None = None,
        risk_levels: RiskLevels | None = None,
        language_check: LanguageCheck | None = None,
    ) -> None:
        self.standards = standards or default_standards()
        self.risk_levels = risk_levels or default_risk_levels()
        self.as_of = as_of or datetime.now().replace(microsecond=0)
        self.language_check = language_check or default_language_check()
        self.indicator_rules = default_rules()

    def indicators(self, case: Case) -> dict[str, list[Indicator]]:
        from safeguard.indicators import find_indicators

        out: dict[str, list[Indicator]] = {}
        for ind in find_indicators(case.all_notes(), rules=self.indicator_rules, min_score=0.0):
            out.setdefault(ind.note_id, []).append(ind)
        return out

    def audit_case(self, case: Case) -> CaseResult:
        ctx = CheckContext(
            standards=self.standards,
            risk_levels=self.risk_levels,
            as_of=self.as_of,
            indicators_by_note=self.indicators(case),
        )
        findings: list[Finding] = []
        episodes: list[EpisodeSummary] = []
        for er in case.episodes:
            a, fs = check_episode(case, er, ctx)
            findings.extend(fs)
            episodes.append(
                EpisodeSummary(
                    episode_id=er.episode.id,
                    reported_at=er.episode.reported_at,
                    assessed=a.grade,
                    recorded=a.recorded,
                    explanation=a.explain(),
                    factors=[f.as_dict() for f in a.factors],
                )
            )
        for ir in case.investigations:
            findings.extend(check_investigation(case, ir, ctx))
        notes = case.all_notes()
        findings.extend(check_notes(case, notes, ctx, self.language_check))
        findings.sort(key=lambda f: (f.at, f.check_id, f.record_id))
        grade, reasons = grade_case(findings, self.standards)
        window = self.risk_levels.settings.repeat_window_days
        max_repeat = max((len(repeat_window(case, er, window)) for er in case.episodes), default=0)
        screened = any(
            er.episode.exploitation_screening_at or er.episode.strategy_meeting_at
            for er in case.episodes
        )
        return CaseResult(
            child_id=case.child.id,
            team=case_team(case),
            grade=grade,
            reasons=reasons,
            findings=findings,
            episodes=episodes,
            investigation_ids=[i.investigation.id for i in case.investigations],
            notes=len(notes),
            last_activity=case_last_activity(case),
            max_repeat=max_repeat,
            screened=bool(screened),
        )


@dataclass
class AuditReport:
    """Every case's result plus force-level figures."""

    as_of: datetime
    generated_at: datetime
    standards: Standards
    filters: dict[str, str | None] = field(default_factory=dict)
    cases: list[CaseResult] = field(default_factory=list)

    # --- force-level figures -------------------------------------------------------------
    def grade_counts(self) -> dict[str, int]:
        c = Counter(r.grade for r in self.cases)
        return {g: c.get(g, 0) for g in GRADES}

    def findings_by_check(self) -> dict[str, int]:
        c = Counter(f.check_id for r in self.cases for f in r.findings)
        return {chk.id: c.get(chk.id, 0) for chk in self.standards.checks}

    def cases_by_check(self) -> dict[str, int]:
        c: Counter[str] = Counter()
        for r in self.cases:
            c.update({f.check_id for f in r.findings})
        return {chk.id: c.get(chk.id, 0) for chk in self.standards.checks}

    def grades_by(self, key: Callable[[CaseResult], str | None]) -> dict[str, dict[str, int]]:
        out: dict[str, Counter[str]] = {}
        for r in self.cases:
            k = key(r)
            if k is None:
                continue
            out.setdefault(k, Counter())[r.grade] += 1
        return {k: {g: out[k].get(g, 0) for g in GRADES} for k in sorted(out)}

    def language_by_theme(self) -> dict[str, int]:
        c: Counter[str] = Counter()
        for r in self.cases:
            for f in r.findings:
                if f.check_id == "LANG-VICTIM-BLAMING":
                    c.update(e.category or "other" for e in f.evidence)
        return dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))

    def repeat_cohort(self) -> dict[str, int]:
        threshold = self.standards.get("MIS-REPEAT-NO-SCREENING").params().episodes
        cohort = [r for r in self.cases if r.max_repeat >= threshold]
        return {
            "threshold": threshold,
            "children_missing": sum(1 for r in self.cases if r.episodes),
            "repeat_missing": len(cohort),
            "screened": sum(1 for r in cohort if r.screened),
            "not_screened": sum(1 for r in cohort if not r.screened),
        }

    def headline_figures(self) -> list[tuple[int, int, str]]:
        """(N, M, what) for each headline "N of M <what>", in the inspection's own form."""
        m = len(self.cases)
        by_case = self.cases_by_check()
        g = self.grade_counts()
        rc = self.repeat_cohort()
        return [
            (by_case["LANG-VICTIM-BLAMING"], m, "cases contained victim-blaming language"),
            (
                by_case["LANG-UNCHALLENGED"],
                m,
                "cases had victim-blaming language that no supervisor challenged",
            ),
            (g["inadequate"], m, "cases inadequate"),
            (g["requires_improvement"], m, "cases require improvement"),
            (g["good"], m, "cases good"),
            (
                rc["not_screened"],
                rc["repeat_missing"],
                "repeatedly missing children had no exploitation screening or strategy meeting",
            ),
        ]

    def headlines(self) -> list[str]:
        return [f"{n} of {m} {what}" for n, m, what in self.headline_figures()]

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": "safeguard-audit",
            "version": FORMAT_VERSION,
            "generated_at": self.generated_at.isoformat(),
            "as_of": self.as_of.isoformat(),
            "filters": dict(self.filters),
            "summary": {
                "cases": len(self.cases),
                "episodes": sum(len(r.episodes) for r in self.cases),
                "investigations": sum(len(r.investigation_ids) for r in self.cases),
                "notes": sum(r.notes for r in self.cases),
                "grades": self.grade_counts(),
                "headlines": self.headlines(),
                "findings_by_check": self.findings_by_check(),
                "cases_by_check": self.cases_by_check(),
                "grades_by_quarter": self.grades_by(lambda r: r.period),
                "grades_by_team": self.grades_by(lambda r: r.team),
                "language_by_theme": self.language_by_theme(),
                "repeat_missing": self.repeat_cohort(),
            },
            "standards": [
                {
                    "id": c.id,
                    "area": str(c.area),
                    "title": c.title,
                    "finding": c.finding,
                    "source": c.source,
                    "severity": str(c.severity),
                    "parameters": c.parameters,
                }
                for c in self.standards.checks
            ],
            "cases": [r.as_dict() for r in self.cases],
        }


def audit_cases(
    cases: Iterable[Case],
    *,
    auditor: Auditor | None = None,
    filters: dict[str, str | None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> AuditReport:
    """Audit every case in ``cases`` (consumed lazily) into one report."""
    aud = auditor or Auditor()
    report = AuditReport(
        as_of=aud.as_of,
        generated_at=datetime.now().replace(microsecond=0),
        standards=aud.standards,
        filters=dict(filters or {}),
    )
    for n, case in enumerate(cases, 1):
        report.cases.append(aud.audit_case(case))
        if progress:
            progress(n)
    return report

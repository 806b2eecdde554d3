"""Run every check over every case and gather the results into an :class:`AuditReport`.

Cases are consumed one at a time (``iter_cases`` streams them from the store), so memory
grows only with the findings kept for the report, not with the records read.
"""

from __future__ import annotations

import heapq
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import IO, Any

from safeguard.audit.grade import GRADES, grade_case
from safeguard.audit.language import case_challenges, default_language_check
from safeguard.engine.context import CheckContext, LanguageCheck
from safeguard.engine.finding import Finding, Obligation
from safeguard.engine.registry import checks_per
from safeguard.indicators import Indicator, IndicatorMatch, default_rules
from safeguard.investigations.checks import check_investigation
from safeguard.missing.checks import check_episode
from safeguard.missing.grading import MAX_EVIDENCE, repeat_window
from safeguard.records import clock
from safeguard.records.case import Case, case_at
from safeguard.records.schema import Note
from safeguard.standards.catalogue import Standards, default_standards
from safeguard.standards.risk_levels import RiskLevels, default_risk_levels, rank

FORMAT_VERSION = 1

#: Findings that rest on victim-blaming wording in a note (one per flagged note at most).
LANGUAGE_CHECKS = ("LANG-VICTIM-BLAMING", "LANG-UNCHALLENGED")


def quarter(d: date | datetime) -> str:
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"


@dataclass(slots=True)
class EpisodeSummary:
    episode_id: str
    reported_at: datetime
    assessed: str
    recorded: str | None
    rules_grade: str
    explanation: str
    # (rule, grade, reason, ((note_id, written_at, category, rule_id, words), ...)) per factor,
    # kept as tuples: a large audit holds tens of thousands of these.
    factors: list[tuple[str, str, str, tuple[tuple[str, datetime, str, str, str], ...]]]

    @property
    def below_rules(self) -> bool:
        """The latest recorded grade is below the grade the written rules give."""
        return self.recorded is not None and rank(self.recorded) < rank(self.rules_grade)

    def as_dict(self) -> dict[str, Any]:
        return {
            "episode_id": self.episode_id,
            "reported_at": clock.iso(self.reported_at),
            "assessed": self.assessed,
            "recorded": self.recorded,
            "rules_grade": self.rules_grade,
            "explanation": self.explanation,
            "factors": [
                {
                    "rule": rule,
                    "grade": grade,
                    "reason": reason,
                    "indicators": [
                        {
                            "note_id": n,
                            "written_at": clock.iso(w),
                            "category": c,
                            "rule_id": r,
                            "words": words,
                        }
                        for n, w, c, r, words in inds
                    ],
                }
                for rule, grade, reason, inds in self.factors
            ],
        }


def _episode_from_dict(d: dict[str, Any]) -> EpisodeSummary:
    return EpisodeSummary(
        episode_id=d["episode_id"],
        reported_at=datetime.fromisoformat(d["reported_at"]),
        assessed=d["assessed"],
        recorded=d["recorded"],
        rules_grade=d["rules_grade"],
        explanation=d["explanation"],
        factors=[
            (
                f["rule"],
                f["grade"],
                f["reason"],
                tuple(
                    (
                        i["note_id"],
                        datetime.fromisoformat(i["written_at"]),
                        i["category"],
                        i["rule_id"],
                        i["words"],
                    )
                    for i in f["indicators"]
                ),
            )
            for f in d["factors"]
        ],
    )


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
    #: What is due on the case's open records and not yet done, soonest first.
    obligations: list[Obligation] = field(default_factory=list)
    #: Notes whose victim-blaming wording a supervisor challenged promptly (no finding).
    challenged_promptly: int = 0

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
            "last_activity": clock.iso(self.last_activity) if self.last_activity else None,
            "counts": {
                "episodes": len(self.episodes),
                "investigations": len(self.investigation_ids),
                "notes": self.notes,
            },
            "repeat_missing": {"most_in_window": self.max_repeat, "screened": self.screened},
            "episodes": [e.as_dict() for e in self.episodes],
            "findings": [f.as_dict() for f in self.findings],
            "obligations": [o.as_dict() for o in self.obligations],
        }

    def as_stored(self) -> dict[str, Any]:
        """:meth:`as_dict` and what else :meth:`from_dict` needs (stored results)."""
        return {
            **self.as_dict(),
            "investigation_ids": list(self.investigation_ids),
            "challenged_promptly": self.challenged_promptly,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CaseResult:
        """The result :meth:`as_stored` wrote."""
        return cls(
            child_id=d["child_id"],
            team=d["team"],
            grade=d["grade"],
            reasons=list(d["reasons"]),
            findings=[Finding.from_dict(f) for f in d["findings"]],
            episodes=[_episode_from_dict(e) for e in d["episodes"]],
            investigation_ids=list(d.get("investigation_ids") or []),
            notes=d["counts"]["notes"],
            last_activity=(
                datetime.fromisoformat(d["last_activity"]) if d["last_activity"] else None
            ),
            max_repeat=d["repeat_missing"]["most_in_window"],
            screened=d["repeat_missing"]["screened"],
            obligations=[Obligation.from_dict(o) for o in d.get("obligations") or []],
            challenged_promptly=int(d.get("challenged_promptly") or 0),
        )


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
        language_mode: str = "default",
    ) -> None:
        self.standards = standards or default_standards()
        self.risk_levels = risk_levels or default_risk_levels()
        self.as_of = as_of or clock.utc_now()
        #: "default" or "thorough" (the language checker's mode; see safeguard.language)
        self.language_mode = language_mode
        #: True when the language check is the packaged one for ``language_mode`` (so its
        #: answers may be kept between audits: safeguard.engine.language_cache)
        self.packaged_language = language_check is None
        self.language_check = language_check or default_language_check(language_mode)
        self.indicator_rules = default_rules()

    def indicators(
        self, case: Case, matches: Callable[[str], Sequence[IndicatorMatch]] | None = None
    ) -> dict[str, list[Indicator]]:
        """Exploitation indicators in the notes that can bear on an episode's grade: notes on
        an episode, and notes written in an episode's look-back window (none without episodes).

        ``matches`` gives the indicator rules' matches in a text (default: read with the rules
        now; safeguard.engine.language_cache answers from kept ones)."""
        from safeguard.indicators import indicator_matches

        if not case.episodes:
            return {}
        st = self.risk_levels.settings
        back = timedelta(days=st.indicator_lookback_days)
        windows = [
            (er.episode.reported_at - back, er.episode.found_at or self.as_of)
            for er in case.episodes
        ]
        wanted = [
            n
            for n in case.all_notes()
            if n.record_type == "episode" or any(a <= n.written_at <= b for a, b in windows)
        ]
        out: dict[str, list[Indicator]] = {}
        rules = self.indicator_rules
        for n in wanted:
            found = matches(n.text) if matches else indicator_matches(n.text, rules)
            for m in found:
                if m.score >= st.indicator_min_score:
                    out.setdefault(n.id, []).append(m.in_note(n))
        return out

    def begun(self, case: Case) -> bool:
        """False for a case whose every record was made after ``as_of`` (it began later): an
        audit as of an earlier time leaves it out rather than grade a case with nothing in it.
        A child with no records at all is kept, as ever."""
        if not (case.episodes or case.investigations or case.notes):
            return True
        then = case_at(case, self.as_of)
        return bool(then.episodes or then.investigations or then.notes)

    def audit_case(
        self,
        case: Case,
        dismissed: frozenset[tuple[str, str, int]] = frozenset(),
        *,
        language_check: LanguageCheck | None = None,
        indicator_matches: Callable[[str], Sequence[IndicatorMatch]] | None = None,
    ) -> CaseResult:
        """Run every registered check on ``case``; ``dismissed`` are (note id, rule, start) of
        flagged phrases a supervisor dismissed. ``language_check`` and ``indicator_matches``
        stand in for the auditor's own (the same rules answering from kept results:
        safeguard.engine.language_cache). The case is judged as its records stood at
        ``as_of`` (:func:`safeguard.records.case.case_at`): nothing made later counts."""
        case = case_at(case, self.as_of)
        notes = case.all_notes()
        challenges: dict[str, list[Note]] = {}
        for n in notes:
            if n.challenges_note_id:
                challenges.setdefault(n.challenges_note_id, []).append(n)
        ctx = CheckContext(
            standards=self.standards,
            risk_levels=self.risk_levels,
            as_of=self.as_of,
            indicators_by_note=self.indicators(case, indicator_matches),
            language_check=language_check or self.language_check,
            dismissed=dismissed,
            challenges=challenges,
        )
        ctx.challenges = case_challenges(notes, ctx)
        order = [c.id for c in self.standards.checks]
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
                    rules_grade=a.rules_grade,
                    explanation=a.explain(),
                    factors=[
                        (
                            f.rule_id,
                            f.grade,
                            f.reason,
                            tuple(
                                (i.note_id, i.written_at, i.category, i.rule_id, i.words)
                                for i in f.indicators[:MAX_EVIDENCE]
                            ),
                        )
                        for f in a.factors
                    ],
                )
            )
        for ir in case.investigations:
            findings.extend(check_investigation(case, ir, ctx))
        note_checks = checks_per("note", order)
        for n in notes:
            for spec in note_checks:
                findings.extend(spec.func(case, n, ctx))
        for spec in checks_per("case", order):
            findings.extend(spec.func(case, ctx))
        findings.sort(key=lambda f: (f.at, f.check_id, f.record_id))
        grade, reasons = grade_case(findings, self.standards)
        good = list(dict.fromkeys(ctx.good_practice))
        reasons += [f"Good practice: {g}" for g in good]
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
            challenged_promptly=len(good),
            obligations=sorted(ctx.obligations, key=lambda o: (o.due_at, o.check_id, o.record_id)),
        )


def headline_figures(
    cases: int,
    cases_by_check: dict[str, int],
    grades: dict[str, int],
    repeat_missing: int,
    language_cases: int | None = None,
) -> list[tuple[int, int, str]]:
    """The headlines "N of M <what>" from counts of cases: every N is a count of cases with a
    finding (or a grade) shown beside it, so a headline cannot contradict the findings. The
    report and the web dashboard (from stored results) both use this.

    ``language_cases``: cases with victim-blaming wording (a ``LANG-*`` finding, or a prompt
    challenge shown as good practice). Without it (counts only), the sum of the cases with
    each ``LANG-*`` finding, capped at ``cases``: exact unless a case has both."""
    m = cases
    if language_cases is None:
        language_cases = min(
            m,
            sum(cases_by_check.get(c, 0) for c in LANGUAGE_CHECKS),
        )
    return [
        (language_cases, m, "cases contained victim-blaming language"),
        (
            cases_by_check.get("LANG-UNCHALLENGED", 0),
            m,
            "cases had victim-blaming language that no supervisor challenged",
        ),
        (grades.get("inadequate", 0), m, "cases inadequate"),
        (grades.get("requires_improvement", 0), m, "cases require improvement"),
        (grades.get("good", 0), m, "cases good"),
        (
            cases_by_check.get("MIS-REPEAT-NO-SCREENING", 0),
            repeat_missing,
            "repeatedly missing children had no exploitation screening or strategy meeting",
        ),
    ]


def _grade_table(groups: dict[str, Counter[str]]) -> dict[str, dict[str, int]]:
    return {k: {g: groups[k].get(g, 0) for g in GRADES} for k in sorted(groups)}


def _several_forces(forces: dict[str, str]) -> bool:
    return len(set(forces.values())) > 1


class ReportFigures:
    """A report's force-level figures, counted one case at a time.

    The one implementation of every figure in a report's summary: :class:`AuditReport` counts
    the cases it holds with it, and ``safeguard audit`` counts the cases as it reads them,
    without holding them. Of the cases themselves it keeps only the ``worst`` inadequate ones
    with the most findings (the terminal summary lists them), earliest first among equals.
    """

    def __init__(
        self, standards: Standards, *, forces: dict[str, str] | None = None, worst: int = 0
    ) -> None:
        self.standards = standards
        self.forces = forces or {}
        self.threshold = standards.get("MIS-REPEAT-NO-SCREENING").params().episodes
        self.cases = 0
        self.episodes = 0
        self.investigations = 0
        self.notes = 0
        #: cases with at least one finding
        self.with_findings = 0
        self.grades: Counter[str] = Counter()
        self.findings: Counter[str] = Counter()
        self.cases_with: Counter[str] = Counter()
        self.by_quarter: dict[str, Counter[str]] = {}
        self.by_team: dict[str, Counter[str]] = {}
        self.by_force: dict[str, Counter[str]] = {}
        self.themes: Counter[str] = Counter()
        self.children_missing = 0
        self.repeat_missing = 0
        self.screened = 0
        #: cases with victim-blaming wording (a language finding or a prompt challenge)
        self.language_cases = 0
        self.episodes_below = 0
        self._worst = worst
        #: a heap of (findings, -position, case): the ``worst`` kept so far, least bad first
        self._kept: list[tuple[int, int, CaseResult]] = []

    @classmethod
    def of(
        cls,
        standards: Standards,
        cases: Iterable[CaseResult],
        *,
        forces: dict[str, str] | None = None,
        worst: int = 0,
    ) -> ReportFigures:
        out = cls(standards, forces=forces, worst=worst)
        for r in cases:
            out.add(r)
        return out

    def add(self, r: CaseResult) -> None:
        self.cases += 1
        self.episodes += len(r.episodes)
        self.investigations += len(r.investigation_ids)
        self.notes += r.notes
        self.with_findings += bool(r.findings)
        self.grades[r.grade] += 1
        self.findings.update(f.check_id for f in r.findings)
        self.cases_with.update({f.check_id for f in r.findings})
        for groups, key in (
            (self.by_quarter, r.period),
            (self.by_team, r.team),
            (self.by_force, self.forces.get(r.child_id)),
        ):
            if key is not None:
                groups.setdefault(key, Counter())[r.grade] += 1
        language = [f for f in r.findings if f.check_id in LANGUAGE_CHECKS]
        for f in language:
            self.themes.update(e.category or "other" for e in f.evidence)
        self.children_missing += bool(r.episodes)
        if r.max_repeat >= self.threshold:
            self.repeat_missing += 1
            self.screened += r.screened
        self.language_cases += bool(r.challenged_promptly or language)
        self.episodes_below += sum(1 for e in r.episodes if e.below_rules)
        if self._worst and r.grade == "inadequate":
            item = (len(r.findings), -self.cases, r)
            if len(self._kept) < self._worst:
                heapq.heappush(self._kept, item)
            else:
                heapq.heappushpop(self._kept, item)

    def worst_cases(self) -> list[CaseResult]:
        """The inadequate cases with the most findings (up to ``worst``), in that order."""
        return [r for _, _, r in sorted(self._kept, key=lambda t: (-t[0], -t[1]))]

    def grade_counts(self) -> dict[str, int]:
        return {g: self.grades.get(g, 0) for g in GRADES}

    def findings_by_check(self) -> dict[str, int]:
        return {chk.id: self.findings.get(chk.id, 0) for chk in self.standards.checks}

    def cases_by_check(self) -> dict[str, int]:
        return {chk.id: self.cases_with.get(chk.id, 0) for chk in self.standards.checks}

    def language_by_theme(self) -> dict[str, int]:
        return dict(sorted(self.themes.items(), key=lambda kv: (-kv[1], kv[0])))

    def repeat_cohort(self) -> dict[str, int]:
        return {
            "threshold": self.threshold,
            "children_missing": self.children_missing,
            "repeat_missing": self.repeat_missing,
            "screened": self.screened,
            "not_screened": self.repeat_missing - self.screened,
        }

    def headline_figures(self) -> list[tuple[int, int, str]]:
        """(N, M, what) for each headline "N of M <what>", in the inspection's own form."""
        return headline_figures(
            self.cases,
            self.cases_by_check(),
            self.grade_counts(),
            self.repeat_missing,
            language_cases=self.language_cases,
        )

    def episodes_below_rules(self) -> tuple[int, int]:
        """(episodes whose latest recorded grade is below the written rules' grade, episodes)."""
        return self.episodes_below, self.episodes

    def summary(self) -> dict[str, Any]:
        """The ``summary`` of the report's JSON."""
        return {
            "cases": self.cases,
            "episodes": self.episodes,
            "investigations": self.investigations,
            "notes": self.notes,
            "grades": self.grade_counts(),
            "headlines": [f"{n} of {m} {what}" for n, m, what in self.headline_figures()],
            "findings_by_check": self.findings_by_check(),
            "cases_by_check": self.cases_by_check(),
            "grades_by_quarter": _grade_table(self.by_quarter),
            "grades_by_team": _grade_table(self.by_team),
            **(
                {"grades_by_force": _grade_table(self.by_force)}
                if _several_forces(self.forces)
                else {}
            ),
            "language_by_theme": self.language_by_theme(),
            "repeat_missing": self.repeat_cohort(),
            "episodes_below_rules": dict(
                zip(("below", "episodes"), self.episodes_below_rules(), strict=True)
            ),
        }


@dataclass
class AuditReport:
    """Every case's result plus force-level figures (:class:`ReportFigures`)."""

    as_of: datetime
    generated_at: datetime
    standards: Standards
    filters: dict[str, str | None] = field(default_factory=dict)
    cases: list[CaseResult] = field(default_factory=list)
    #: Child id -> force, for a report over several forces' records (the national audit).
    forces: dict[str, str] = field(default_factory=dict)

    # --- force-level figures -------------------------------------------------------------
    def figures(self, *, worst: int = 0) -> ReportFigures:
        """The figures of the cases held (counted again at each call)."""
        return ReportFigures.of(self.standards, self.cases, forces=self.forces, worst=worst)

    def grade_counts(self) -> dict[str, int]:
        return self.figures().grade_counts()

    def findings_by_check(self) -> dict[str, int]:
        return self.figures().findings_by_check()

    def cases_by_check(self) -> dict[str, int]:
        return self.figures().cases_by_check()

    def grades_by(self, key: Callable[[CaseResult], str | None]) -> dict[str, dict[str, int]]:
        out: dict[str, Counter[str]] = {}
        for r in self.cases:
            k = key(r)
            if k is None:
                continue
            out.setdefault(k, Counter())[r.grade] += 1
        return _grade_table(out)

    def language_by_theme(self) -> dict[str, int]:
        return self.figures().language_by_theme()

    def repeat_cohort(self) -> dict[str, int]:
        return self.figures().repeat_cohort()

    def headline_figures(self) -> list[tuple[int, int, str]]:
        """(N, M, what) for each headline "N of M <what>", in the inspection's own form."""
        return self.figures().headline_figures()

    def episodes_below_rules(self) -> tuple[int, int]:
        """(episodes whose latest recorded grade is below the written rules' grade, episodes)."""
        return self.figures().episodes_below_rules()

    def headlines(self) -> list[str]:
        return [f"{n} of {m} {what}" for n, m, what in self.headline_figures()]

    def header(self, figures: ReportFigures | None = None) -> dict[str, Any]:
        """Everything but the cases; ``figures`` counted as the cases were read, for a report
        that does not hold them (otherwise counted from :attr:`cases`)."""
        return {
            "format": "safeguard-audit",
            "version": FORMAT_VERSION,
            "generated_at": clock.iso(self.generated_at),
            "as_of": clock.iso(self.as_of),
            "filters": dict(self.filters),
            "summary": (figures or self.figures()).summary(),
            "standards": [
                {
                    "id": c.id,
                    "area": str(c.area),
                    "title": c.title,
                    "finding": c.finding,
                    "source": c.source,
                    "severity": str(c.worst_severity()),
                    "severity_by_risk": c.severity_by_risk(),
                    "parameters": c.parameters,
                }
                for c in self.standards.checks
            ],
        }

    def national(self) -> bool:
        """True when the report covers the records of more than one force."""
        return _several_forces(self.forces)

    def case_dict(self, r: CaseResult) -> dict[str, Any]:
        """A case as in the JSON; in a report over several forces, with its ``force``."""
        d = r.as_dict()
        if not self.national():
            return d
        return {"child_id": d.pop("child_id"), "force": self.forces.get(r.child_id), **d}

    def as_dict(self) -> dict[str, Any]:
        return {**self.header(), "cases": [self.case_dict(r) for r in self.cases]}

    def case_json(self, r: CaseResult) -> str:
        """A case as in the JSON, on one line."""
        return json.dumps(self.case_dict(r), ensure_ascii=False)

    def write_json(
        self,
        fh: IO[str],
        *,
        figures: ReportFigures | None = None,
        cases: Iterable[str] | None = None,
    ) -> None:
        """Write :meth:`as_dict` as JSON, one case at a time (memory stays flat). For a report
        that does not hold its cases: their ``figures`` and ``cases``, each case's
        :meth:`case_json` in order."""
        head = json.dumps(self.header(figures), indent=1, ensure_ascii=False)
        fh.write(head[:-2] + ',\n "cases": [')
        texts = cases if cases is not None else (self.case_json(r) for r in self.cases)
        for i, text in enumerate(texts):
            fh.write(",\n" if i else "\n")
            fh.write(text)
        fh.write("\n ]\n}\n")


_WORKER: Auditor | None = None


def _worker_init(settings: dict[str, Any]) -> None:
    global _WORKER
    _WORKER = Auditor(**settings)


def _worker_audit(cases: list[Case]) -> list[CaseResult]:
    assert _WORKER is not None
    return [_WORKER.audit_case(c) for c in cases if _WORKER.begun(c)]


def _batches(cases: Iterable[Case], size: int) -> Iterator[list[Case]]:
    batch: list[Case] = []
    for c in cases:
        batch.append(c)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def default_jobs() -> int:
    """Worker processes to use: one per CPU (1 means no extra processes)."""
    return max(1, os.cpu_count() or 1)


def audit_cases(
    cases: Iterable[Case],
    *,
    auditor: Auditor | None = None,
    filters: dict[str, str | None] | None = None,
    progress: Callable[[int], None] | None = None,
    jobs: int = 1,
    batch_size: int = 25,
) -> AuditReport:
    """Audit every case in ``cases`` (consumed lazily) into one report.

    With ``jobs`` > 1 the checks run in that many worker processes while this process reads
    the cases; results keep the order of ``cases``. Only the packaged or given standards are
    passed to workers; a custom ``language_check`` needs ``jobs=1``.
    """
    aud = auditor or Auditor()
    report = AuditReport(
        as_of=aud.as_of,
        generated_at=clock.utc_now(),
        standards=aud.standards,
        filters=dict(filters or {}),
    )
    n = 0
    if jobs <= 1:
        for case in cases:
            if aud.begun(case):
                report.cases.append(aud.audit_case(case))
            n += 1
            if progress:
                progress(n)
        return report
    import multiprocessing as mp

    settings = {
        "as_of": aud.as_of,
        "standards": aud.standards,
        "risk_levels": aud.risk_levels,
        "language_mode": aud.language_mode,
    }
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(jobs, initializer=_worker_init, initargs=(settings,)) as pool:
        for results in pool.imap(_worker_audit, _batches(cases, batch_size), chunksize=1):
            report.cases.extend(results)
            n += len(results)
            if progress:
                progress(n)
    return report

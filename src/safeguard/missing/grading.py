"""Assess a missing episode's risk grade from recorded facts and the written rules.

No score: the grade is the highest grade of any rule in ``risk_levels.yml`` whose conditions
hold, and every rule that holds is reported as a factor in words, with the notes and words it
rests on where it comes from a note.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from safeguard.indicators import Indicator, find_indicators
from safeguard.people import same_person
from safeguard.records import clock
from safeguard.records.case import Case, EpisodeRecords
from safeguard.records.schema import Note, RiskAssessment
from safeguard.standards.risk_levels import RationaleRule, RiskLevels, rank
from safeguard.timing import elapsed

if TYPE_CHECKING:
    from safeguard.textrules import RuleSet

SUSPECT_ADDRESS = "suspect-address"
#: Text rules for risks other than exploitation that an officer's own account can record
#: (a risk of suicide or self-harm), read alongside the exploitation indicators.
RISK_CUES_DIR = Path(__file__).with_name("risk_cues")


@cache
def risk_cue_rules() -> RuleSet:
    from safeguard.textrules import RuleSet

    return RuleSet.load(RISK_CUES_DIR)


MAX_EVIDENCE = 10  # indicators listed per factor in reports (the first, oldest ones)


@dataclass(slots=True)
class Factor:
    """One written rule that held for this episode."""

    rule_id: str
    grade: str
    reason: str
    indicators: list[Indicator] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule_id,
            "grade": self.grade,
            "reason": self.reason,
            "indicators": [
                {
                    "note_id": i.note_id,
                    "written_at": clock.iso(i.written_at),
                    "category": i.category,
                    "rule_id": i.rule_id,
                    "words": i.words,
                }
                for i in self.indicators[:MAX_EVIDENCE]
            ],
        }


@dataclass(slots=True)
class FactorGrade:
    """The grade one recorded risk assessment's own factors and own account justify."""

    assessment_id: str
    recorded: str
    justified: str | None  # None when nothing recorded on the grading is in the tables
    factors: list[tuple[str, str]]  # (factor as recorded, grade it justifies)
    signs: list[Indicator] = field(default_factory=list)  # in the officer's own account
    rationale_rule: RationaleRule | None = None  # the highest rationale rule that held


@dataclass(slots=True)
class Assessment:
    episode_id: str
    grade: str  # the highest of rules_grade and every recorded grading's justified grade
    factors: list[Factor]
    recorded: str | None  # latest recorded grade, if any
    baseline: bool  # True when no rule held and the grade is the baseline
    rules_grade: str = "low"  # the grade from the written rules over the case records
    by_grading: list[FactorGrade] = field(default_factory=list)
    highest_recorded: str | None = None

    def explain(self) -> str:
        if not self.factors:
            return f"{self.grade}: no risk factor recorded, so the baseline grade applies"
        top = list(dict.fromkeys(f.reason for f in self.factors if f.grade == self.grade))
        return f"{self.grade} because " + "; ".join(top)

    def as_dict(self) -> dict[str, Any]:
        return {
            "episode_id": self.episode_id,
            "assessed": self.grade,
            "recorded": self.recorded,
            "rules_grade": self.rules_grade,
            "explanation": self.explain(),
            "factors": [f.as_dict() for f in self.factors],
        }


def age_on(dob: date, when: date) -> int:
    return when.year - dob.year - ((when.month, when.day) < (dob.month, dob.day))


def highest_recorded(er: EpisodeRecords) -> str | None:
    """The highest grade recorded on the episode."""
    if not er.risk_assessments:
        return None
    return max((r.level for r in er.risk_assessments), key=rank)


def account_signs(
    er: EpisodeRecords,
    ra: RiskAssessment,
    rl: RiskLevels,
    indicators_by_note: Mapping[str, Sequence[Indicator]],
) -> tuple[list[Indicator], dict[str, str]]:
    """Signs of exploitation in the grading officer's own account of a grading: its free-text
    rationale, and the officer's notes on the episode written around the grading; with the
    texts they were read in (by note id, the grading's own id for its rationale)."""
    st = rl.settings
    out: list[Indicator] = []
    texts: dict[str, str] = {}
    if ra.rationale:
        own = Note.model_construct(
            id=ra.id,
            record_type="episode",
            record_id=er.episode.id,
            child_id=er.episode.child_id,
            author=ra.graded_by,
            author_role="",
            written_at=ra.graded_at,
            text=ra.rationale,
            challenges_note_id=None,
        )
        out += find_indicators([own], min_score=st.indicator_min_score)
        out += find_indicators([own], rules=risk_cue_rules(), min_score=st.indicator_min_score)
        texts[ra.id] = ra.rationale
    window = timedelta(minutes=st.rationale_note_minutes)
    for n in er.notes:
        if same_person(n.author, ra.graded_by) and abs(elapsed(ra.graded_at, n.written_at)) <= (
            window
        ):
            out += [
                i for i in indicators_by_note.get(n.id, ()) if i.score >= st.indicator_min_score
            ]
            out += find_indicators([n], rules=risk_cue_rules(), min_score=st.indicator_min_score)
            texts[n.id] = n.text
    return out, texts


#: Matches at most this many characters apart in one clause of a note (no . , ; between them)
#: describe one fact ("picked up by a car driven by an adult male"; "found in Reading with
#: £400 and two phones") and count as one sign.
SAME_FACT_GAP = 20
_CLAUSE_BREAK = re.compile(r"[.,;:!?\n]")


def distinct_signs(signs: Sequence[Indicator], texts: Mapping[str, str]) -> int:
    """How many different signs: matches of different kinds, counting as one the matches that
    sit next to each other in one clause of a note (one fact described with several cues).
    ``texts``: note id -> the text the matches were found in."""
    groups: list[tuple[str, int, set[str]]] = []  # (note id, end, kinds)
    for i in sorted(signs, key=lambda i: (i.note_id, i.start)):
        between = texts.get(i.note_id, "")[groups[-1][1] : i.start] if groups else ""
        if (
            groups
            and groups[-1][0] == i.note_id
            and i.start - groups[-1][1] <= SAME_FACT_GAP
            and not _CLAUSE_BREAK.search(between)
        ):
            note_id, end, kinds = groups[-1]
            groups[-1] = (note_id, max(end, i.end), kinds | {i.category})
        else:
            groups.append((i.note_id, i.end, {i.category}))
    # Two groups of only the same kind are one kind of sign.
    distinct: list[set[str]] = []
    for _, _, kinds in groups:
        if not any(kinds <= d or d <= kinds for d in distinct):
            distinct.append(kinds)
    return len(distinct)


def rationale_rule(
    rl: RiskLevels, signs: Sequence[Indicator], texts: Mapping[str, str]
) -> RationaleRule | None:
    """The highest-grade rationale rule the signs meet (the first listed among equals)."""
    kinds = {i.category for i in signs}
    n_signs = distinct_signs(signs, texts)
    best: RationaleRule | None = None
    for r in rl.rationale_rules:
        w = r.when
        ok = True
        if w.signs_at_least is not None:
            ok &= n_signs >= w.signs_at_least
        if w.sign_any is not None:
            ok &= bool(kinds & set(w.sign_any))
        if ok and (best is None or rank(r.grade) > rank(best.grade)):
            best = r
    return best


def factor_grades(
    er: EpisodeRecords,
    rl: RiskLevels,
    indicators_by_note: Mapping[str, Sequence[Indicator]] | None = None,
) -> list[FactorGrade]:
    """For each recorded grading, the grade its own recorded factors (and, when the basis
    includes ``rationale``, the officer's own account) justify."""
    use_account = "rationale" in rl.settings.grade_low_basis
    out = []
    for ra in er.risk_assessments:
        pairs = [(f, lv) for f in ra.factors if (lv := rl.factor_level(f)) is not None]
        levels = [lv for _, lv in pairs]
        signs: list[Indicator] = []
        rule = None
        if use_account:
            signs, texts = account_signs(er, ra, rl, indicators_by_note or {})
            rule = rationale_rule(rl, signs, texts)
            if rule is not None:
                levels.append(rule.grade)
        justified = max(levels, key=rank) if levels else None
        out.append(FactorGrade(ra.id, ra.level, justified, pairs, signs, rule))
    return out


def latest_assessment(er: EpisodeRecords) -> RiskAssessment | None:
    """The episode's latest recorded risk assessment (by time graded), if any.

    The one definition of an episode's current grade: the audit, the queue and the child's
    page all use it.
    """
    if not er.risk_assessments:
        return None
    return max(er.risk_assessments, key=lambda r: (r.graded_at, r.id))


def recorded_grade(er: EpisodeRecords) -> str | None:
    """The latest recorded grade of the episode (by time graded)."""
    latest = latest_assessment(er)
    return latest.level if latest else None


def episode_end(er: EpisodeRecords, as_of: datetime) -> datetime:
    return er.episode.found_at or as_of


def repeat_window(case: Case, er: EpisodeRecords, window_days: int) -> list[EpisodeRecords]:
    """Episodes of the same child reported in the window ending at this report (included)."""
    t = er.episode.reported_at
    start = t - timedelta(days=window_days)
    return [o for o in case.episodes if start <= o.episode.reported_at <= t]


def episode_indicators(
    case: Case,
    er: EpisodeRecords,
    indicators_by_note: Mapping[str, Sequence[Indicator]],
    lookback_days: int,
    as_of: datetime,
) -> list[Indicator]:
    """Indicators in notes written from ``lookback_days`` before the report to the episode's end."""
    start = er.episode.reported_at - timedelta(days=lookback_days)
    end = episode_end(er, as_of)
    own = {n.id for n in er.notes}
    out: list[Indicator] = []
    for note_id, inds in indicators_by_note.items():
        for i in inds:
            if note_id in own or start <= i.written_at <= end:
                out.append(i)
    return out


def previously_found_at_suspect_address(
    case: Case, er: EpisodeRecords, indicators_by_note: Mapping[str, Sequence[Indicator]]
) -> list[Indicator]:
    """Suspect-address indicators in the notes of earlier episodes of this child."""
    out: list[Indicator] = []
    for other in case.episodes:
        if other is er or other.episode.reported_at >= er.episode.reported_at:
            continue
        for n in other.notes:
            out.extend(i for i in indicators_by_note.get(n.id, ()) if i.category == SUSPECT_ADDRESS)
    return out


def assess_episode(
    case: Case,
    er: EpisodeRecords,
    rl: RiskLevels,
    indicators_by_note: Mapping[str, Sequence[Indicator]],
    as_of: datetime,
) -> Assessment:
    """Grade one episode from recorded facts by the written rules."""
    ep = er.episode
    child = case.child
    st = rl.settings
    age = age_on(child.date_of_birth, clock.local_date(ep.reported_at))
    vulns = [v.lower() for v in child.vulnerabilities]
    repeats = len(repeat_window(case, er, st.repeat_window_days))
    inds = [
        i
        for i in episode_indicators(case, er, indicators_by_note, st.indicator_lookback_days, as_of)
        if i.score >= st.indicator_min_score
    ]
    categories = sorted({i.category for i in inds})
    hours_missing = (episode_end(er, as_of) - ep.reported_at).total_seconds() / 3600
    before_suspect = previously_found_at_suspect_address(case, er, indicators_by_note)

    factors: list[Factor] = []
    for rule in rl.rules:
        w = rule.when
        evidence: list[Indicator] = []
        ok = True
        if w.age_under is not None:
            ok &= age < w.age_under
        if w.in_care is not None:
            ok &= child.in_care == w.in_care
        if w.status_in is not None:
            ok &= str(ep.status) in w.status_in
        if w.vulnerability_any is not None:
            ok &= any(k.lower() in v for v in vulns for k in w.vulnerability_any)
        if w.any_vulnerability is not None:
            ok &= bool(vulns) == w.any_vulnerability
        if w.repeat_count_at_least is not None:
            ok &= repeats >= w.repeat_count_at_least
        if w.indicator_categories_at_least is not None:
            ok &= len(categories) >= w.indicator_categories_at_least
            evidence = inds
        if w.indicator_category_any is not None:
            hit = [i for i in inds if i.category in w.indicator_category_any]
            ok &= bool(hit)
            evidence = hit
        if w.hours_missing_at_least is not None:
            ok &= hours_missing >= w.hours_missing_at_least
        if w.previously_found_at_suspect_address is not None:
            ok &= bool(before_suspect) == w.previously_found_at_suspect_address
            evidence = before_suspect
        if ok:
            factors.append(Factor(rule.id, rule.grade, rule.reason, evidence if ok else []))
    rules_grade = rl.baseline
    for f in factors:
        if rank(f.grade) > rank(rules_grade):
            rules_grade = f.grade
    by_grading = factor_grades(er, rl, indicators_by_note)
    seen: set[str] = set()
    for fg in by_grading:
        for text, lv in fg.factors:
            if text.lower() not in seen:
                seen.add(text.lower())
                factors.append(Factor(f"recorded:{text}", lv, f'recorded risk factor "{text}"'))
        r = fg.rationale_rule
        if r is not None and f"rationale:{r.id}" not in seen:
            seen.add(f"rationale:{r.id}")
            factors.append(Factor(f"rationale:{r.id}", r.grade, r.reason, list(fg.signs)))
    grade = rules_grade
    for fg in by_grading:
        if fg.justified and rank(fg.justified) > rank(grade):
            grade = fg.justified
    return Assessment(
        episode_id=ep.id,
        grade=grade,
        factors=factors,
        recorded=recorded_grade(er),
        baseline=not factors,
        rules_grade=rules_grade,
        by_grading=by_grading,
        highest_recorded=highest_recorded(er),
    )

"""Case grade: good / requires improvement / inadequate, from the findings' severities and
the thresholds in ``standards.yml`` (``case_grades``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from safeguard.engine.finding import Finding
from safeguard.standards.catalogue import Standards

GOOD = "good"
REQUIRES_IMPROVEMENT = "requires_improvement"
INADEQUATE = "inadequate"
GRADES = (GOOD, REQUIRES_IMPROVEMENT, INADEQUATE)
LABELS = {GOOD: "Good", REQUIRES_IMPROVEMENT: "Requires improvement", INADEQUATE: "Inadequate"}


def grade_case(findings: Sequence[Finding], standards: Standards) -> tuple[str, list[str]]:
    """The case grade and the reasons for it, in words."""
    if not findings:
        return GOOD, ["No standard was missed in the records."]
    counts = Counter(f.severity for f in findings)
    rules = standards.case_grades
    if rules.inadequate.met(counts):
        grade = INADEQUATE
    elif rules.requires_improvement.met(counts):
        grade = REQUIRES_IMPROVEMENT
    else:
        grade = GOOD
    reasons: list[str] = []
    for sev in ("serious", "major", "minor"):
        titles = sorted({f.title for f in findings if f.severity == sev})
        if titles:
            n = counts[sev]
            reasons.append(f"{n} {sev} finding{'s' if n != 1 else ''}: " + "; ".join(titles) + ".")
    return grade, reasons

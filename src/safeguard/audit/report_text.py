"""The terminal summary of an audit."""

from __future__ import annotations

from safeguard.audit.grade import LABELS
from safeguard.audit.runner import AuditReport, ReportFigures
from safeguard.records import clock

#: Inadequate cases listed, most findings first.
WORST = 10


def render_text(report: AuditReport, figures: ReportFigures | None = None) -> str:
    """The summary; ``figures`` counted as the cases were read (with at least :data:`WORST`
    cases kept), for a report that does not hold its cases."""
    figures = figures or report.figures(worst=WORST)
    d = report.header(figures)["summary"]
    if not figures.cases:
        filt = ", ".join(f"{k} {v}" for k, v in report.filters.items() if v)
        return "No cases to audit" + (f" ({filt})" if filt else "") + ".\n"
    lines = [
        f"safeguard audit — {d['cases']} cases, {d['episodes']} missing episodes, "
        f"{d['investigations']} investigations, {d['notes']} notes (as of {clock.show(report.as_of, '%d %b %Y %H:%M')})",
        "",
    ]
    lines += [f"  {h}" for h in d["headlines"]]
    lines += ["", "Findings by standard (cases affected):"]
    by_case = d["cases_by_check"]
    for chk in report.standards.checks:
        n = by_case[chk.id]
        if n:
            lines.append(f"  {n:>6}  {chk.id:<28} {chk.title}")
    if not any(by_case.values()):
        lines.append("  none")
    bad = figures.worst_cases()[:WORST]
    if bad:
        lines += ["", f"Inadequate cases (up to {WORST}, most findings first):"]
        for r in bad:
            where = f"{report.forces.get(r.child_id)} · {r.team}" if report.national() else r.team
            lines.append(f"  {r.child_id}  {where}  {len(r.findings)} findings")
            for reason in r.reasons:
                lines.append(f"      {reason}")
    if "grades_by_force" in d:
        lines += ["", "Grades by force:"]
        for force, grades in d["grades_by_force"].items():
            lines.append(
                f"  {force:<20} " + ", ".join(f"{LABELS[g]} {n}" for g, n in grades.items())
            )
    lines.append("")
    lines.append(
        "Grades: "
        + ", ".join(f"{LABELS[g]} {n}" for g, n in d["grades"].items())
        + ". Use --format json for every finding, --html FILE for the full report."
    )
    return "\n".join(lines) + "\n"

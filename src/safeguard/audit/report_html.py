"""The self-contained HTML report: inline CSS and SVG, no scripts, no external assets.

Headline figures in the inspection's own form, charts with their numbers in tables, and a
drill-down (``<details>`` with anchor links) to each case's findings and the evidence.
Only pseudonymous ids appear: the exchange format carries no names.
"""

from __future__ import annotations

from html import escape

from safeguard.audit.charts import hbars, stacked_bars
from safeguard.audit.grade import GRADES, LABELS
from safeguard.audit.runner import AuditReport, CaseResult, EpisodeSummary
from safeguard.engine.finding import Finding
from safeguard.records import clock

COLOURS = {"good": "#1b7837", "requires_improvement": "#a15c00", "inadequate": "#b2182b"}
MAX_CASES = 2000  # drill-down size limit; the JSON output always holds every case

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;color:#1a1a1a;background:#fff;
max-width:1000px;margin:0 auto;padding:1rem 1.5rem;line-height:1.45}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{font-size:1.3rem;margin-top:2rem;border-bottom:2px solid #1a1a1a}
h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
.meta{color:#4a4a4a}
.headlines{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:.7rem;padding:0;list-style:none}
.headlines li{border:1px solid #767676;border-left:6px solid #2b5c8a;padding:.6rem .8rem;font-size:1.02rem}
.headlines strong{font-size:1.5rem;display:block}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.92rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid #9a9a9a;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}
td.num{text-align:right}
.grade{font-weight:600;padding:0 .35rem;border-radius:3px;color:#fff;white-space:nowrap}
.grade-good{background:#1b7837}.grade-requires_improvement{background:#a15c00}.grade-inadequate{background:#b2182b}
details{border:1px solid #9a9a9a;margin:.4rem 0;padding:.3rem .6rem}
details[open]{background:#fafafa}
summary{cursor:pointer;font-weight:600}
.finding{border-left:4px solid #767676;padding:.2rem .6rem;margin:.5rem 0}
.finding.serious{border-color:#b2182b}.finding.major{border-color:#a15c00}.finding.minor{border-color:#2b5c8a}
mark{background:#ffe08a;color:#1a1a1a}
.small{font-size:.88rem;color:#3a3a3a}
a{color:#0b4f8a}
figure{margin:1rem 0}
"""


def _grade(g: str) -> str:
    return f'<span class="grade grade-{g}">{LABELS[g]}</span>'


def _anchor(child_id: str) -> str:
    return "case-" + "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in child_id)


def _headlines(report: AuditReport) -> str:
    items = "".join(
        f"<li><strong>{n} of {m}</strong>{escape(what)}</li>"
        for n, m, what in report.headline_figures()
    )
    return f'<ul class="headlines">{items}</ul>'


def _grade_table(caption: str, head: str, data: dict[str, dict[str, int]]) -> str:
    rows = "".join(
        f'<tr><th scope="row">{escape(k)}</th>'
        + "".join(f'<td class="num">{v[g]}</td>' for g in GRADES)
        + f'<td class="num">{sum(v.values())}</td></tr>'
        for k, v in data.items()
    )
    return (
        f'<table><caption>{escape(caption)}</caption><thead><tr><th scope="col">{escape(head)}</th>'
        + "".join(f'<th scope="col">{LABELS[g]}</th>' for g in GRADES)
        + f'<th scope="col">All</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def _grade_chart(title: str, head: str, data: dict[str, dict[str, int]]) -> str:
    cats = list(data)
    series = {g: [data[c][g] for c in cats] for g in GRADES}
    desc = "; ".join(
        f"{c}: " + ", ".join(f"{data[c][g]} {LABELS[g].lower()}" for g in GRADES) for c in cats
    )
    svg = stacked_bars(title, desc or "No cases.", cats, series, COLOURS, LABELS)
    return f"<figure>{svg}</figure>" + _grade_table(title, head, data)


def _count_table(caption: str, head: str, items: list[tuple[str, int]]) -> str:
    rows = "".join(
        f'<tr><th scope="row">{escape(k)}</th><td class="num">{v}</td></tr>' for k, v in items
    )
    return (
        f'<table><caption>{escape(caption)}</caption><thead><tr><th scope="col">{escape(head)}</th>'
        f'<th scope="col">Number</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def _evidence(f: Finding) -> str:
    if not f.evidence:
        return ""
    out = ['<ul class="small">']
    for e in f.evidence:
        why = f" — {escape(e.why)}" if e.why else ""
        sug = f" Say instead: {escape(e.suggestion)}." if e.suggestion else ""
        out.append(
            f"<li>Note {escape(e.note_id)} ({clock.show(e.written_at, '%d %b %Y %H:%M')}): "
            f"<mark>{escape(e.words)}</mark>{why}{sug}</li>"
        )
    out.append("</ul>")
    return "".join(out)


def _finding(f: Finding) -> str:
    dates = ", ".join(f"{escape(k.replace('_', ' '))}: {escape(v)}" for k, v in f.dates.items())
    related = f" Related records: {escape(', '.join(f.related_ids))}." if f.related_ids else ""
    return (
        f'<div class="finding {escape(f.severity)}"><strong>{escape(f.check_id)}</strong> — '
        f'{escape(f.title)} <span class="small">({escape(f.severity)})</span><br>'
        f'{escape(f.detail)}<br><span class="small">{escape(f.record_type.capitalize())} '
        f"{escape(f.record_id)}. {dates}.{related} Standard: {escape(f.source)}.</span>"
        f"{_evidence(f)}</div>"
    )


def _signs(e: EpisodeSummary) -> str:
    """The words in the notes behind the exploitation factors (up to 4)."""
    seen: dict[tuple[str, str], None] = {}
    for _rule, _grade, _reason, inds in e.factors:
        for note_id, _at, _cat, _rid, words in inds:
            seen.setdefault((note_id, words), None)
    if not seen:
        return ""
    items = list(seen)[:4]
    text = "; ".join(f"<mark>{escape(w)}</mark> (note {escape(n)})" for n, w in items)
    return f'<br><span class="small">Signs in the notes: {text}</span>'


def _case(r: CaseResult) -> str:
    reasons = "".join(f"<li>{escape(x)}</li>" for x in r.reasons)
    eps = ""
    if r.episodes:
        rows = "".join(
            f"<tr><td>{escape(e.episode_id)}</td><td>{clock.show(e.reported_at, '%d %b %Y')}</td>"
            f"<td>{escape(str(e.recorded or 'not graded').replace('_', ' '))}</td>"
            f"<td>{escape(e.assessed)}</td><td>{escape(e.explanation)}{_signs(e)}</td></tr>"
            for e in r.episodes
        )
        eps = (
            "<table><caption>Missing episodes: recorded grade and the grade the recorded facts "
            'support</caption><thead><tr><th scope="col">Episode</th><th scope="col">Reported</th>'
            '<th scope="col">Recorded grade</th><th scope="col">Assessed grade</th>'
            f'<th scope="col">Why</th></tr></thead><tbody>{rows}</tbody></table>'
        )
    findings = "".join(_finding(f) for f in r.findings) or "<p>No findings.</p>"
    return (
        f'<details id="{_anchor(r.child_id)}"><summary>Child {escape(r.child_id)} — '
        f"{escape(r.team)} — {LABELS[r.grade]} — {len(r.findings)} finding"
        f"{'s' if len(r.findings) != 1 else ''}</summary>"
        f"<ul>{reasons}</ul>{eps}<h4>Findings</h4>{findings}</details>"
    )


def render_html(report: AuditReport, *, max_cases: int = MAX_CASES) -> str:
    d = report.header()["summary"]
    m = d["cases"]
    filt = ", ".join(f"{k} {v}" for k, v in report.filters.items() if v) or "all cases"
    parts = [
        '<!doctype html><html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>safeguard audit — {m} cases</title><style>{CSS}</style></head><body>",
        "<header><h1>Audit of missing and exploited children's cases</h1>",
        f'<p class="meta">{m} cases ({escape(filt)}); {d["episodes"]} missing episodes, '
        f"{d['investigations']} investigations, {d['notes']} notes. Measured as of "
        f"{clock.show(report.as_of, '%d %B %Y %H:%M')}; generated {clock.show(report.generated_at, '%d %B %Y %H:%M')}. "
        "Children are shown by pseudonymous id only.</p></header><main>",
        '<h2 id="headlines">Headline figures</h2>',
        _headlines(report),
        '<nav aria-label="Contents"><p><a href="#time">Grades over time</a> · '
        '<a href="#teams">Grades by team</a> · <a href="#repeat">Repeat missing</a> · <a href="#grading">Risk grading</a> · '
        '<a href="#language">Language</a> · <a href="#overdue">Overdue actions</a> · '
        '<a href="#standards">Findings by standard</a> · <a href="#cases">Cases</a></p></nav>',
        '<h2 id="time">Case grades over time (by quarter of latest report)</h2>',
        _grade_chart("Case grades by quarter", "Quarter", d["grades_by_quarter"]),
        '<h2 id="teams">Case grades by team</h2>',
        _grade_chart("Case grades by team", "Team", d["grades_by_team"]),
    ]
    rc = d["repeat_missing"]
    cohort = [
        ("Children reported missing", rc["children_missing"]),
        (f"Missing {rc['threshold']}+ times in a window", rc["repeat_missing"]),
        ("… with exploitation screening", rc["screened"]),
        ("… with no screening or meeting", rc["not_screened"]),
    ]
    parts += [
        '<h2 id="repeat">Repeat-missing cohort</h2>',
        "<figure>"
        + hbars(
            "Repeat-missing children and exploitation screening",
            "; ".join(f"{k}: {v}" for k, v in cohort),
            cohort,
        )
        + "</figure>",
        _count_table("Repeat-missing children", "Children", cohort),
    ]
    below = d["episodes_below_rules"]
    parts += [
        '<h2 id="grading">Risk grading against the written rules</h2>',
        f"<p>{below['below']} of {below['episodes']} missing episodes were graded below the grade "
        "the written risk rules give for the child's recorded circumstances (age, care, "
        "vulnerabilities, repeat missing, signs of exploitation in the notes, time missing, where "
        "found before). This is for review: only a grade below the risk factors recorded on the "
        "grading itself is counted as a finding, unless the standards say otherwise. Each "
        "episode's grade and the reasons are listed under its case below.</p>",
    ]
    # Theme ids ("sexual_agency") in words for people ("sexual agency").
    themes = [(k.replace("_", " ").replace("-", " "), v) for k, v in d["language_by_theme"].items()]
    parts += [
        '<h2 id="language">Victim-blaming language by theme</h2>',
        "<figure>"
        + hbars(
            "Victim-blaming words found in notes, by theme",
            "; ".join(f"{k}: {v}" for k, v in themes) or "None found.",
            themes,
            colour="#6a3d9a",
        )
        + "</figure>"
        if themes
        else "<p>No victim-blaming language was found.</p>",
        _count_table("Victim-blaming words by theme", "Theme", themes) if themes else "",
    ]
    overdue = [
        (c.title, d["findings_by_check"][c.id]) for c in report.standards.checks if c.overdue
    ]
    parts += [
        '<h2 id="overdue">Overdue actions</h2>',
        "<figure>"
        + hbars(
            "Actions done late or not at all, by standard",
            "; ".join(f"{k}: {v}" for k, v in overdue),
            overdue,
            colour="#a15c00",
        )
        + "</figure>",
        _count_table("Actions done late or not at all", "Standard", overdue),
    ]
    rows = "".join(
        f'<tr><th scope="row">{escape(c.id)}</th><td>{escape(c.title)}</td>'
        f"<td>{escape(c.finding)}</td><td>{escape(c.source)}</td><td>{escape(str(c.severity))}</td>"
        f'<td class="num">{d["cases_by_check"][c.id]}</td>'
        f'<td class="num">{d["findings_by_check"][c.id]}</td></tr>'
        for c in report.standards.checks
    )
    parts += [
        '<h2 id="standards">Findings by standard</h2>',
        "<table><caption>Each standard, the inspection finding it answers, and how often it was "
        'missed</caption><thead><tr><th scope="col">Check</th><th scope="col">Standard</th>'
        '<th scope="col">Inspection finding</th><th scope="col">Source</th>'
        '<th scope="col">Severity</th><th scope="col">Cases</th><th scope="col">Findings</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>",
    ]
    order = {"inadequate": 0, "requires_improvement": 1, "good": 2}
    shown = sorted(
        (r for r in report.cases if r.findings),
        key=lambda r: (order[r.grade], -len(r.findings), r.child_id),
    )
    total_with = len(shown)
    shown = shown[:max_cases]
    index = "".join(
        f'<tr><td><a href="#{_anchor(r.child_id)}">{escape(r.child_id)}</a></td>'
        f"<td>{escape(r.team)}</td><td>{_grade(r.grade)}</td>"
        f'<td class="num">{len(r.findings)}</td></tr>'
        for r in shown
    )
    more = (
        f"<p>Showing {len(shown)} of {total_with} cases with findings; the JSON output "
        "(<code>--format json</code>) holds every case.</p>"
        if total_with > len(shown)
        else ""
    )
    parts += [
        '<h2 id="cases">Cases with findings</h2>',
        f"<p>{total_with} of {m} cases have at least one finding. Open a case to see each "
        "finding with its evidence.</p>",
        more,
        "<table><caption>Cases with findings, inadequate first</caption><thead><tr>"
        '<th scope="col">Child</th><th scope="col">Team</th><th scope="col">Grade</th>'
        f'<th scope="col">Findings</th></tr></thead><tbody>{index}</tbody></table>',
        '<h3 id="case-details">Case details</h3>',
        "".join(_case(r) for r in shown),
        '</main><footer><p class="small">Produced by safeguard. Every grade is explained from '
        "recorded facts and written rules; no score decides anything about a child.</p>"
        "</footer></body></html>",
    ]
    return "\n".join(p for p in parts if p)

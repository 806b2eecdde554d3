"""The HTML report: inline CSS and SVG, no scripts, no external assets.

A summary page that stays small whatever the number of children: headline figures, how cases
are graded and what the figures mean, charts (labels in words, sorted, with axes) each with
its numbers in a table, and the worst inadequate cases with their evidence so that "Print to
PDF" carries them. Every case with a finding is one click away:

* :func:`write_html` writes ``report.html`` alone for a small audit, or ``report.html`` plus a
  folder ``report_files/`` beside it: one page per team (in pages of :data:`CASES_PER_PAGE`
  cases), one page per standard listing the cases that missed it, and the list of episodes
  graded below the written rules;
* :func:`render_html` gives the one-page form as a string (every case inline).

The figures are the engine's (:class:`AuditReport`); this module only lays them out. Only
pseudonymous ids appear: the exchange format carries no names.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from html import escape
from pathlib import Path

from safeguard.audit.charts import hbars, stacked_bars, stacked_hbars
from safeguard.audit.grade import GRADES, LABELS
from safeguard.audit.runner import AuditReport, CaseResult, EpisodeSummary, quarter
from safeguard.engine.finding import Finding
from safeguard.records import clock

COLOURS = {"good": "#1b7837", "requires_improvement": "#a15c00", "inadequate": "#b2182b"}
MAX_CASES = 2000  # one-page form: cases shown inline; the JSON output always holds every case
INLINE_LIMIT = 100  # write_html: more cases with findings than this go in a folder of pages
CASES_PER_PAGE = 250  # cases on one team page
WORST = 15  # inadequate cases shown with their evidence on the summary page
ORDER = {"inadequate": 0, "requires_improvement": 1, "good": 2}
SEVERITY_WORDS = {"serious": "Serious", "major": "Major", "minor": "Minor"}

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;color:#1a1a1a;background:#fff;
max-width:1000px;margin:0 auto;padding:1rem 1.5rem;line-height:1.45}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{font-size:1.3rem;margin-top:2rem;border-bottom:2px solid #1a1a1a}
h3{font-size:1.05rem;margin:1.2rem 0 .3rem}h4{margin:.8rem 0 .2rem}
.meta{color:#4a4a4a}
.headlines{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:.7rem;padding:0;list-style:none}
.headlines li{border:1px solid #767676;border-left:6px solid #2b5c8a;padding:.6rem .8rem;font-size:1.02rem}
.headlines strong{font-size:1.5rem;display:block}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.92rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid #9a9a9a;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}
td.num,th.num{text-align:right}
.grade{font-weight:600;padding:0 .35rem;border-radius:3px;color:#fff;white-space:nowrap}
.grade-good{background:#1b7837}.grade-requires_improvement{background:#a15c00}.grade-inadequate{background:#b2182b}
section.case{border:1px solid #9a9a9a;margin:.8rem 0;padding:.3rem .8rem}
section.case h3{margin-top:.4rem}
section.case td:first-child,section.case td:nth-child(2){white-space:nowrap}
.finding{border-left:4px solid #767676;padding:.2rem .6rem;margin:.5rem 0}
ul.brief{list-style:none;padding-left:0}
.finding.serious{border-color:#b2182b}.finding.major{border-color:#a15c00}.finding.minor{border-color:#2b5c8a}
mark{background:#ffe08a;color:#1a1a1a}
.small{font-size:.88rem;color:#3a3a3a}
.note{background:#f4f6f8;border-left:4px solid #2b5c8a;padding:.5rem .8rem}
a{color:#0b4f8a}
figure{margin:1rem 0}figcaption{font-weight:600;margin-bottom:.2rem}
nav.pages a{margin-right:.6rem}
@media (max-width:700px){body{padding:.5rem .8rem}table{display:block;overflow-x:auto;max-width:100%}}
@media print{
 @page{size:A4;margin:14mm}
 body{max-width:none;padding:0;font-size:10pt}
 nav,.screen-only{display:none}
 a{color:inherit;text-decoration:none}
 h2{break-after:avoid;page-break-after:avoid}
 figure,table,.headlines li,.finding{break-inside:avoid;page-break-inside:avoid}
 section.case{break-inside:auto}
 .grade{color:#000;background:none;border:1px solid #000}
 mark{background:none;font-weight:600;text-decoration:underline}
}
"""


# --- where things are -----------------------------------------------------------------------


def slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s or "x"


def _anchor(child_id: str) -> str:
    return "case-" + "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in child_id)


@dataclass
class Links:
    """Where each case, team, standard's case list and the below-the-rules list are.

    ``folder`` None: everything is on one page (anchors). Otherwise, pages in that folder,
    addressed from the summary (``prefix`` = folder name + "/") or from a page inside it.
    """

    folder: str | None = None
    inside: bool = False
    case_page: dict[str, str] = field(default_factory=dict)  # child id -> page file name
    team_pages: dict[str, list[str]] = field(default_factory=dict)
    #: Child id -> force, in a report over several forces (the national audit); else empty.
    forces: dict[str, str] = field(default_factory=dict)

    def unit(self, r: CaseResult) -> str:
        """The team a case belongs to, named with its force in a report over several forces
        (two forces may both have a team called "North")."""
        force = self.forces.get(r.child_id)
        return f"{force} · {r.team}" if force else r.team

    def force_cell(self, r: CaseResult) -> str:
        return f"<td>{escape(self.forces.get(r.child_id, ''))}</td>" if self.forces else ""

    def force_head(self) -> str:
        return '<th scope="col">Force</th>' if self.forces else ""

    def _page(self, name: str) -> str:
        if self.folder is None:
            return ""
        return name if self.inside else f"{self.folder}/{name}"

    def case(self, child_id: str) -> str | None:
        """Where the case is shown in full (None for a case shown nowhere: no findings)."""
        page = self.case_page.get(child_id)
        if page is None:
            return None
        return f"{self._page(page)}#{_anchor(child_id)}"

    def case_link(self, child_id: str) -> str:
        href = self.case(child_id)
        if href is None:
            return escape(child_id)
        return f'<a href="{escape(href)}">{escape(child_id)}</a>'

    def team(self, team: str) -> str | None:
        pages = self.team_pages.get(team)
        if self.folder is None:
            return f"#team-{slug(team)}" if pages else None
        return self._page(pages[0]) if pages else None

    def finding(self, check_id: str) -> str:
        if self.folder is None:
            return f"#finding-{slug(check_id)}"
        return self._page(f"finding-{slug(check_id)}.html")

    def below(self) -> str:
        return "#below-rules-list" if self.folder is None else self._page("below-rules.html")


# --- small pieces ---------------------------------------------------------------------------


def _grade(g: str) -> str:
    return f'<span class="grade grade-{g}">{LABELS[g]}</span>'


_FIGURE = re.compile(r"<figure>(<svg [^>]*>)<title>([^<]*)</title>")


def _captioned(html: str) -> str:
    """Each chart's title shown above it (the SVG's own title is for screen readers)."""
    return _FIGURE.sub(r"<figure><figcaption>\2</figcaption>\1<title>\2</title>", html)


def _page(title: str, body: list[str]) -> str:
    return "\n".join(
        [
            '<!doctype html><html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title><style>{CSS}</style></head><body>",
            *[_captioned(p) for p in body if p],
            '<footer><p class="small">Produced by safeguard. Every grade is explained from '
            "recorded facts and written rules; no score decides anything about a child. Children "
            "are shown by pseudonymous id only.</p></footer></body></html>",
        ]
    )


def _with_findings(report: AuditReport) -> list[CaseResult]:
    return sorted(
        (r for r in report.cases if r.findings),
        key=lambda r: (ORDER[r.grade], -len(r.findings), r.child_id),
    )


def _theme_titles() -> dict[str, str]:
    """Theme id -> its title in the language guide (the rule files), for chart labels."""
    try:
        from safeguard.language.checker import _rules

        return {r.category: r.title for r in _rules().rules}
    except Exception:  # noqa: BLE001 - labels only: fall back to the theme id in words
        return {}


def _theme_label(theme: str, titles: dict[str, str]) -> str:
    return titles.get(theme) or theme.replace("_", " ").capitalize()


def _table(caption: str, head: list[str], rows: list[list[str]], num_from: int = 1) -> str:
    ths = "".join(
        f'<th scope="col"{" class=num" if i >= num_from else ""}>{h}</th>'
        for i, h in enumerate(head)
    )
    body = "".join(
        "<tr>"
        + "".join(
            (
                f'<th scope="row">{c}</th>'
                if i == 0
                else f"<td{' class=num' if i >= num_from else ''}>{c}</td>"
            )
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><caption>{caption}</caption><thead><tr>{ths}</tr></thead><tbody>{body}</tbody></table>"


# --- quarters -------------------------------------------------------------------------------


def _quarter_end(q: str) -> date:
    year, n = int(q[:4]), int(q[-1])
    first_next = date(year + (n == 4), 1 if n == 4 else 3 * n + 1, 1)
    return first_next - timedelta(days=1)


def _quarters(found: list[str]) -> list[str]:
    """Every quarter from the first to the last in ``found`` (gaps filled)."""
    if not found:
        return []
    first, last = min(found), max(found)
    out, y, n = [], int(first[:4]), int(first[-1])
    while f"{y}-Q{n}" <= last:
        out.append(f"{y}-Q{n}")
        y, n = (y + 1, 1) if n == 4 else (y, n + 1)
    return out


def _partial(report: AuditReport, quarters: list[str]) -> str | None:
    """The quarter the audit date falls in, when it is not yet over."""
    q = quarter(report.as_of)
    if q in quarters and report.as_of.date() < _quarter_end(q):
        return q
    return None


def _time_section(report: AuditReport, d: dict) -> list[str]:
    data = d["grades_by_quarter"]
    qs = _quarters(list(data))
    if not qs:
        return [
            '<h2 id="time">Case grades over time</h2>',
            "<p>No case has a dated episode or investigation.</p>",
        ]
    counts = {q: data.get(q, {g: 0 for g in GRADES}) for q in qs}
    totals = {q: sum(counts[q].values()) for q in qs}
    rates = {
        g: [round(100 * counts[q][g] / totals[q], 1) if totals[q] else 0 for q in qs]
        for g in GRADES
    }
    partial = _partial(report, qs)
    note = (
        f"{partial} is a part quarter: to {clock.show(report.as_of, '%d %B %Y')}" if partial else ""
    )
    marked = [partial] if partial else []
    desc_counts = "; ".join(
        f"{q}: " + ", ".join(f"{counts[q][g]} {LABELS[g].lower()}" for g in GRADES) for q in qs
    )
    desc_rates = "; ".join(
        f"{q}: " + ", ".join(f"{rates[g][i]}% {LABELS[g].lower()}" for g in GRADES)
        for i, q in enumerate(qs)
    )
    rows = [
        [
            escape(q) + ("*" if q == partial else ""),
            *[f"{counts[q][g]:,} ({rates[g][i]:g}%)" for g in GRADES],
            f"{totals[q]:,}",
        ]
        for i, q in enumerate(qs)
    ]
    return [
        '<h2 id="time">Case grades over time</h2>',
        "<p>Each case is counted in the quarter of its latest missing report or investigation. "
        "The first chart counts cases; the second shows each grade as a share of that quarter's "
        "cases, so quarters with more cases can be compared with quarters with fewer."
        + (
            f" <strong>{escape(partial)} is not over</strong>: it runs only to the audit date, "
            f"{clock.show(report.as_of, '%d %B %Y')}, and is marked * and hatched."
            if partial
            else ""
        )
        + "</p>",
        "<figure>"
        + stacked_bars(
            "Cases by grade and quarter (number of cases)",
            desc_counts,
            qs,
            {g: [counts[q][g] for q in qs] for g in GRADES},
            COLOURS,
            LABELS,
            marked=marked,
            mark_note=note,
        )
        + "</figure>",
        "<figure>"
        + stacked_bars(
            "Cases by grade and quarter (share of the quarter's cases)",
            desc_rates,
            qs,
            rates,
            COLOURS,
            LABELS,
            percent=True,
            marked=marked,
            mark_note=note,
        )
        + "</figure>",
        _table(
            "Cases by grade and quarter: number (share of the quarter)"
            + (" — * part quarter" if partial else ""),
            ["Quarter", *[LABELS[g] for g in GRADES], "All"],
            rows,
        ),
    ]


# --- summary sections -----------------------------------------------------------------------


def _how_graded(report: AuditReport) -> list[str]:
    rules = report.standards.case_grades

    def rule_text(rule) -> str:
        parts = [
            f"{'any' if n == 1 else f'{n} or more'} {sev} finding{'s' if n != 1 else ''}"
            for sev, n in (("serious", rule.serious), ("major", rule.major), ("minor", rule.minor))
            if n is not None
        ]
        return " or ".join(parts)

    # a check whose severity depends on the episode's risk gets a line of its own, last
    by_sev: dict[str, list[str]] = defaultdict(list)
    for c in report.standards.checks:
        by_sev[c.severity_words()].append(c.title)
    order = [SEVERITY_WORDS[s] for s in ("serious", "major", "minor")]
    sev_rows = "".join(
        f"<li><strong>{escape(sev)}</strong>: {escape('; '.join(titles))}.</li>"
        for sev, titles in sorted(
            by_sev.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else 9, kv[0])
        )
    )
    return [
        '<h2 id="how">How cases are graded</h2>',
        "<p>Each child's case is checked against the standards below (missing episodes, "
        "exploitation investigations and the language in the notes). Every standard missed is "
        "a <em>finding</em>, with the record, the dates and the words it rests on. Each "
        "standard carries a severity, and the case grade follows from the findings:</p>",
        "<ul>"
        f"<li>{_grade('inadequate')} — {escape(rule_text(rules.inadequate))};</li>"
        f"<li>{_grade('requires_improvement')} — otherwise, {escape(rule_text(rules.requires_improvement))};</li>"
        f"<li>{_grade('good')} — no finding (or none that weighs on the grade).</li></ul>",
        f'<details class="screen-only"><summary>Which standards are serious, major or minor</summary><ul>{sev_rows}</ul></details>',
        '<p class="small">The standards, their severities and the thresholds above are kept in '
        "one file a safeguarding lead can read and change (standards.yml; table in "
        "docs/standards.md).</p>",
    ]


def _meaning(report: AuditReport, d: dict) -> list[str]:
    return [
        '<h2 id="meaning">What the figures mean</h2>',
        "<ul>"
        f"<li><strong>Cases</strong> are children: {d['cases']:,} children's cases were audited "
        f"({d['episodes']:,} missing episodes, {d['investigations']:,} investigations, "
        f"{d['notes']:,} notes).</li>"
        "<li><strong>“N of M”</strong> counts cases (children), not findings: a child with five "
        "findings of one kind counts once. The number of findings is in the table of standards.</li>"
        f"<li><strong>As of</strong> {clock.show(report.as_of, '%d %B %Y %H:%M')}: open episodes and "
        "investigations are measured up to this time (when the data was extracted, unless "
        "another date was asked for); a deadline not yet passed is not a finding.</li>"
        "<li><strong>Graded below the written rules</strong> counts missing episodes whose "
        "recorded risk grade is lower than the rules give for the facts recorded about the child "
        "at any time. Only a grade below the facts recorded <em>on the grading itself</em> is a "
        "finding; the rest are for review. Both lists are linked from that section.</li>"
        "<li><strong>Quarters</strong> are calendar quarters of each case's latest missing "
        "report or investigation; a quarter not yet over is marked.</li>"
        "</ul>",
    ]


def _headlines(report: AuditReport, links: Links) -> list[str]:
    items = "".join(
        f"<li><strong>{n:,} of {m:,}</strong>{escape(what)}</li>"
        for n, m, what in report.headline_figures()
    )
    return [
        '<h2 id="headlines">Headline figures</h2>',
        f'<ul class="headlines">{items}</ul>',
        '<p class="small">The cases behind each figure are listed from '
        '<a href="#standards">Findings by standard</a> (each standard links to its cases) and '
        '<a href="#teams">Grades by team</a> (each team links to its cases).</p>',
    ]


def _national(report: AuditReport) -> dict[str, str]:
    """Child id -> force when the report covers more than one force, else empty."""
    return report.forces if report.national() else {}


def _grades_section(
    data: dict[str, dict[str, int]], links: Links, *, what: str, anchor: str, intro: str
) -> list[str]:
    """Cases by grade per team or per force: a chart and its table, worst first."""
    names = sorted(
        data, key=lambda t: (-data[t]["inadequate"], -data[t]["requires_improvement"], t.casefold())
    )
    if not names:
        return []
    desc = "; ".join(
        f"{t}: " + ", ".join(f"{data[t][g]} {LABELS[g].lower()}" for g in GRADES) for t in names
    )
    order = ("inadequate", "requires_improvement", "good")
    rows = []
    for t in names:
        href = links.team(t) if what == "team" else None
        name = f'<a href="{escape(href)}">{escape(t)}</a>' if href else escape(t)
        rows.append([name, *[f"{data[t][g]:,}" for g in order], f"{sum(data[t].values()):,}"])
    caption = f"Cases by grade and {what}"
    return [
        f'<h2 id="{anchor}">Case grades by {what}</h2>',
        f"<p>{intro}</p>",
        "<figure>"
        + stacked_hbars(
            caption, desc, names, {g: [data[t][g] for t in names] for g in order}, COLOURS, LABELS
        )
        + "</figure>",
        _table(caption, [what.capitalize(), *[LABELS[g] for g in order], "All"], rows),
    ]


def _forces_section(report: AuditReport, d: dict, links: Links) -> list[str]:
    if "grades_by_force" not in d:
        return []
    return _grades_section(
        d["grades_by_force"],
        links,
        what="force",
        anchor="forces",
        intro="The records of several forces are audited together with the same standards. "
        "Forces with the most inadequate cases first.",
    )


def _teams_section(report: AuditReport, d: dict, links: Links) -> list[str]:
    data = report.grades_by(links.unit) if links.forces else d["grades_by_team"]
    return _grades_section(
        data,
        links,
        what="team",
        anchor="teams",
        intro="Teams with the most inadequate cases first"
        + (", each named with its force" if links.forces else "")
        + ". Each team's name links to its cases with findings and their evidence.",
    )


def _repeat_section(d: dict) -> list[str]:
    rc = d["repeat_missing"]
    cohort = [
        ("Children reported missing", rc["children_missing"]),
        (f"Missing {rc['threshold']} or more times in a window", rc["repeat_missing"]),
        ("… with exploitation screening or a strategy meeting", rc["screened"]),
        ("… with neither", rc["not_screened"]),
    ]
    return [
        '<h2 id="repeat">Repeat-missing children</h2>',
        "<figure>"
        + hbars(
            "Repeat-missing children and exploitation screening",
            "; ".join(f"{k}: {v}" for k, v in cohort),
            cohort,
        )
        + "</figure>",
        _table(
            "Repeat-missing children", ["", "Children"], [[escape(k), f"{v:,}"] for k, v in cohort]
        ),
    ]


def _below_rules(report: AuditReport) -> list[tuple[CaseResult, EpisodeSummary, bool]]:
    """Episodes graded below the written rules, with whether each is counted as a finding."""
    out = []
    for r in report.cases:
        flagged = {f.record_id for f in r.findings if f.check_id == "MIS-GRADE-LOW"}
        for e in r.episodes:
            if e.below_rules:
                out.append((r, e, e.episode_id in flagged))
    out.sort(key=lambda x: (not x[2], x[1].reported_at, x[1].episode_id))
    return out


def _grading_section(report: AuditReport, d: dict, links: Links) -> list[str]:
    below = d["episodes_below_rules"]
    counted = sum(1 for _r, _e, f in _below_rules(report) if f)
    title = report.standards.get("MIS-GRADE-LOW").title if _has(report, "MIS-GRADE-LOW") else ""
    return [
        '<h2 id="grading">Risk grading against the written rules</h2>',
        f'<p class="note"><strong>{below["below"]:,} of {below["episodes"]:,} missing episodes</strong> '
        "were graded below the grade the written risk rules give for the child's recorded "
        "circumstances (age, care, vulnerabilities, repeat missing, signs of exploitation in the "
        "notes, time missing, where found before). "
        f"<strong>{counted:,}</strong> of them are findings (“{escape(title)}”): the grade was "
        "below the risk factors recorded on the grading itself. The others are for review. "
        f'<a href="{escape(links.below())}">See every one of these episodes</a>, with its case, '
        "the recorded and the rules' grade, and whether it is a finding"
        + (
            f'; or <a href="{escape(links.finding("MIS-GRADE-LOW"))}">only the cases with the finding</a>.'
            if _has(report, "MIS-GRADE-LOW")
            else "."
        )
        + "</p>",
    ]


def _has(report: AuditReport, check_id: str) -> bool:
    return any(c.id == check_id for c in report.standards.checks)


def _language_section(d: dict) -> list[str]:
    titles = _theme_titles()
    themes = sorted(
        ((_theme_label(k, titles), v) for k, v in d["language_by_theme"].items()),
        key=lambda kv: (-kv[1], kv[0]),
    )
    if not themes:
        return [
            '<h2 id="language">Victim-blaming language by theme</h2>',
            "<p>No victim-blaming language was found.</p>",
        ]
    return [
        '<h2 id="language">Victim-blaming language by theme</h2>',
        "<p>Each time victim-blaming words were found in a note, by the theme of the language "
        "guide they fall under; most frequent first.</p>",
        "<figure>"
        + hbars(
            "Victim-blaming words found in notes, by theme",
            "; ".join(f"{k}: {v}" for k, v in themes),
            themes,
            colour="#6a3d9a",
        )
        + "</figure>",
        _table(
            "Victim-blaming words by theme",
            ["Theme", "Times found"],
            [[escape(k), f"{v:,}"] for k, v in themes],
        ),
    ]


def _overdue_section(report: AuditReport, d: dict, links: Links) -> list[str]:
    overdue = sorted(
        ((c, d["findings_by_check"][c.id]) for c in report.standards.checks if c.overdue),
        key=lambda cv: (-cv[1], cv[0].title),
    )
    if not overdue:
        return []
    return [
        '<h2 id="overdue">Overdue actions</h2>',
        "<p>Actions done late or not at all, by standard; most frequent first.</p>",
        "<figure>"
        + hbars(
            "Actions done late or not at all, by standard",
            "; ".join(f"{c.title}: {v}" for c, v in overdue),
            [(c.title, v) for c, v in overdue],
            colour="#a15c00",
        )
        + "</figure>",
        _table(
            "Actions done late or not at all",
            ["Standard", "Times"],
            [
                [f'<a href="{escape(links.finding(c.id))}">{escape(c.title)}</a>', f"{v:,}"]
                for c, v in overdue
            ],
        ),
    ]


def _standards_section(report: AuditReport, d: dict, links: Links) -> list[str]:
    checks = sorted(report.standards.checks, key=lambda c: (-d["cases_by_check"][c.id], c.title))
    rows = []
    for c in checks:
        n_cases = d["cases_by_check"][c.id]
        cases = f'<a href="{escape(links.finding(c.id))}">{n_cases:,}</a>' if n_cases else "0"
        rows.append(
            f'<tr><th scope="row">{escape(c.title)}<br><span class="small">{escape(c.id)}</span></th>'
            f"<td>{escape(c.finding)}</td><td class=small>{escape(c.source)}</td>"
            f"<td>{escape(c.severity_words())}</td>"
            f'<td class="num">{cases}</td><td class="num">{d["findings_by_check"][c.id]:,}</td></tr>'
        )
    missed = [(c.title, d["cases_by_check"][c.id]) for c in checks if d["cases_by_check"][c.id]]
    chart = (
        "<figure>"
        + hbars(
            "Cases that missed each standard",
            "; ".join(f"{k}: {v}" for k, v in missed),
            missed,
        )
        + "</figure>"
        if missed
        else ""
    )
    return [
        '<h2 id="standards">Findings by standard</h2>',
        "<p>Standards missed in the most cases first. The number of cases links to the list of "
        "those cases.</p>",
        chart,
        "<table><caption>Each standard, the inspection finding it answers, and how often it was "
        'missed</caption><thead><tr><th scope="col">Standard</th>'
        '<th scope="col">Inspection finding</th><th scope="col">Source</th>'
        '<th scope="col">Severity</th><th scope="col" class="num">Cases</th>'
        f'<th scope="col" class="num">Findings</th></tr></thead><tbody>{"".join(rows)}</tbody></table>',
    ]


# --- one case -------------------------------------------------------------------------------


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
    dates = "; ".join(
        f"{escape(k.replace('_', ' '))}: {escape(_when(v))}" for k, v in f.dates.items()
    )
    related = f" Related records: {escape(', '.join(f.related_ids))}." if f.related_ids else ""
    return (
        f'<div class="finding {escape(f.severity)}"><strong>{escape(f.title)}</strong> '
        f'<span class="small">({SEVERITY_WORDS.get(f.severity, escape(f.severity))})</span><br>'
        f'{escape(f.detail)}<br><span class="small">{escape(f.record_type.capitalize())} '
        f"{escape(f.record_id)}.{' ' + dates + '.' if dates else ''}{related} Standard: "
        f"{escape(f.source)} ({escape(f.check_id)}).</span>"
        f"{_evidence(f)}</div>"
    )


def _when(value: str) -> str:
    try:
        return clock.show(datetime.fromisoformat(value))
    except ValueError:
        return value


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


def _case(r: CaseResult, links: Links) -> str:
    reasons = "".join(f"<li>{escape(x)}</li>" for x in r.reasons)
    eps = ""
    if r.episodes:
        rows = "".join(
            f"<tr><td>{escape(e.episode_id)}</td><td>{clock.show(e.reported_at, '%d %b %Y')}</td>"
            f"<td>{escape(str(e.recorded or 'not graded').replace('_', ' '))}</td>"
            f"<td>{escape(e.assessed.replace('_', ' '))}</td><td>{escape(e.explanation)}{_signs(e)}</td></tr>"
            for e in r.episodes
        )
        eps = (
            "<table><caption>Missing episodes: recorded grade and the grade the recorded facts "
            'support</caption><thead><tr><th scope="col">Episode</th><th scope="col">Reported</th>'
            '<th scope="col">Recorded grade</th><th scope="col">Assessed grade</th>'
            f'<th scope="col">Why</th></tr></thead><tbody>{rows}</tbody></table>'
        )
    findings = "".join(_finding(f) for f in r.findings) or "<p>No findings.</p>"
    n = len(r.findings)
    return (
        f'<section class="case" id="{_anchor(r.child_id)}"><h3>Child {escape(r.child_id)} — '
        f"{escape(links.unit(r))} — {_grade(r.grade)} — {n} finding{'s' if n != 1 else ''}</h3>"
        f"<ul>{reasons}</ul>{eps}<h4>Findings</h4>{findings}</section>"
    )


def _case_brief(r: CaseResult, links: Links) -> str:
    """A case in short, for the summary page: each standard missed once, with its records and
    (for language) up to three of the words, and a link to the full case."""
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in r.findings:
        groups[f.check_id].append(f)
    rank = {"serious": 0, "major": 1, "minor": 2}
    items = []
    for fs in sorted(groups.values(), key=lambda fs: (rank.get(fs[0].severity, 3), fs[0].title)):
        f = fs[0]
        ids = sorted({x.record_id for x in fs})
        shown = ", ".join(ids[:6]) + (f" and {len(ids) - 6} more" if len(ids) > 6 else "")
        words = [e for x in fs for e in x.evidence][:3]
        quotes = "; ".join(
            f"<mark>{escape(e.words)}</mark> (note {escape(e.note_id)}, {clock.show(e.written_at, '%d %b %Y')})"
            for e in words
        )
        times = f" ({len(fs)} times)" if len(fs) > 1 else ""
        items.append(
            f'<li class="finding {escape(f.severity)}"><strong>{escape(f.title)}</strong>{times} — '
            f"{escape(f.record_type)} {escape(shown)}. {escape(fs[0].detail)}"
            + (f'<br><span class="small">Words: {quotes}</span>' if quotes else "")
            + "</li>"
        )
    n = len(r.findings)
    return (
        f'<section class="case"><h3>Child {links.case_link(r.child_id)}'
        f" — {escape(links.unit(r))} — {_grade(r.grade)} — {n} finding"
        f'{"s" if n != 1 else ""}</h3><ul class="brief">{"".join(items)}</ul></section>'
    )


def _case_index(caption: str, cases: list[CaseResult], links: Links) -> str:
    rows = "".join(
        f"<tr><td>{links.case_link(r.child_id)}</td>{links.force_cell(r)}"
        f"<td>{escape(r.team)}</td><td>{_grade(r.grade)}</td>"
        f'<td class="num">{len(r.findings)}</td></tr>'
        for r in cases
    )
    return (
        f"<table><caption>{escape(caption)}</caption><thead><tr>"
        f'<th scope="col">Child</th>{links.force_head()}<th scope="col">Team</th>'
        '<th scope="col">Grade</th>'
        f'<th scope="col" class="num">Findings</th></tr></thead><tbody>{rows}</tbody></table>'
    )


# --- lists of cases -------------------------------------------------------------------------


def _finding_list(report: AuditReport, check_id: str, links: Links, *, level: str = "h1") -> str:
    c = report.standards.get(check_id)
    rows = []
    for r in sorted(report.cases, key=lambda r: (ORDER[r.grade], r.team.casefold(), r.child_id)):
        hits = [f for f in r.findings if f.check_id == check_id]
        if not hits:
            continue
        records = ", ".join(sorted({f.record_id for f in hits}))
        rows.append(
            f"<tr><td>{links.case_link(r.child_id)}</td>{links.force_cell(r)}"
            f"<td>{escape(r.team)}</td><td>{_grade(r.grade)}</td>"
            f'<td class="num">{len(hits)}</td><td class="small">{escape(records)}</td></tr>'
        )
    return (
        f'<{level} id="finding-{slug(check_id)}">Cases that missed: {escape(c.title)}</{level}>'
        f'<p class="meta">Severity: {escape(c.severity_words())}. Inspection finding: '
        f"{escape(c.finding)} Standard: {escape(c.source)} ({escape(c.id)}).</p>"
        f"<p>{len(rows):,} cases, inadequate first. Each child links to the case and its evidence.</p>"
        "<table><caption>Cases with this finding</caption><thead><tr>"
        f'<th scope="col">Child</th>{links.force_head()}<th scope="col">Team</th>'
        '<th scope="col">Grade</th>'
        '<th scope="col" class="num">Findings</th><th scope="col">Records</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _below_list(report: AuditReport, links: Links, *, level: str = "h1") -> str:
    rows = "".join(
        f"<tr><td>{links.case_link(r.child_id)}</td>{links.force_cell(r)}"
        f"<td>{escape(r.team)}</td><td>{escape(e.episode_id)}</td><td>{clock.show(e.reported_at, '%d %b %Y')}</td>"
        f"<td>{escape(str(e.recorded).replace('_', ' '))}</td>"
        f"<td>{escape(e.rules_grade.replace('_', ' '))}</td>"
        f"<td>{'Yes' if counted else 'No — for review'}</td></tr>"
        for r, e, counted in _below_rules(report)
    )
    return (
        f'<{level} id="below-rules-list">Missing episodes graded below the written rules</{level}>'
        "<p>Episodes that are findings first. “Finding” means the recorded grade was below the "
        "risk factors recorded on the grading itself; the others were graded below what the "
        "child's records as a whole support, and are for review.</p>"
        "<table><caption>Episodes graded below the written rules</caption><thead><tr>"
        f'<th scope="col">Child</th>{links.force_head()}<th scope="col">Team</th>'
        '<th scope="col">Episode</th>'
        '<th scope="col">Reported</th><th scope="col">Recorded grade</th>'
        '<th scope="col">Rules grade</th><th scope="col">Finding?</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


# --- the summary ----------------------------------------------------------------------------


def _header(report: AuditReport, d: dict) -> list[str]:
    filt = ", ".join(f"{k} {v}" for k, v in report.filters.items() if v) or "all cases"
    return [
        "<header><h1>Audit of missing and exploited children's cases</h1>",
        f'<p class="meta">{d["cases"]:,} cases ({escape(filt)}); {d["episodes"]:,} missing episodes, '
        f"{d['investigations']:,} investigations, {d['notes']:,} notes. Measured as of "
        f"{clock.show(report.as_of, '%d %B %Y %H:%M')}; generated {clock.show(report.generated_at, '%d %B %Y %H:%M')}. "
        "Children are shown by pseudonymous id only.</p></header>",
        '<nav aria-label="Contents"><p><a href="#headlines">Headline figures</a> · '
        '<a href="#how">How cases are graded</a> · <a href="#meaning">What the figures mean</a> · '
        '<a href="#time">Over time</a> · '
        + ('<a href="#forces">By force</a> · ' if "grades_by_force" in d else "")
        + '<a href="#teams">By team</a> · '
        '<a href="#repeat">Repeat missing</a> · <a href="#grading">Risk grading</a> · '
        '<a href="#language">Language</a> · <a href="#overdue">Overdue actions</a> · '
        '<a href="#standards">Findings by standard</a> · <a href="#cases">Cases</a></p></nav>',
    ]


def _summary_body(report: AuditReport, links: Links) -> list[str]:
    d = report.header()["summary"]
    parts = _header(report, d) + ["<main>"]
    parts += _headlines(report, links)
    parts += _how_graded(report)
    parts += _meaning(report, d)
    parts += _time_section(report, d)
    parts += _forces_section(report, d, links)
    parts += _teams_section(report, d, links)
    parts += _repeat_section(d)
    parts += _grading_section(report, d, links)
    parts += _language_section(d)
    parts += _overdue_section(report, d, links)
    parts += _standards_section(report, d, links)
    return parts


def render_html(report: AuditReport, *, max_cases: int = MAX_CASES) -> str:
    """The whole report on one page: the summary, then every case with findings inline."""
    links = Links(forces=_national(report))
    shown = _with_findings(report)
    total_with = len(shown)
    shown = shown[:max_cases]
    links.team_pages = {links.unit(r): ["#"] for r in shown}
    links.case_page = {r.child_id: "" for r in shown}
    parts = _summary_body(report, links)
    more = (
        f"<p>Showing {len(shown):,} of {total_with:,} cases with findings; the JSON output "
        "(<code>--format json</code>) holds every case.</p>"
        if total_with > len(shown)
        else ""
    )
    by_team: dict[str, list[CaseResult]] = defaultdict(list)
    for r in shown:
        by_team[links.unit(r)].append(r)
    parts += [
        '<h2 id="cases">Cases with findings</h2>',
        f"<p>{total_with:,} of {len(report.cases):,} cases have at least one finding, "
        "listed by team, inadequate first, each with its findings and their evidence.</p>",
        more,
        _case_index("Cases with findings, inadequate first", shown, links),
    ]
    for team in sorted(by_team, key=str.casefold):
        parts.append(f'<h3 id="team-{slug(team)}">Team {escape(team)}</h3>')
        parts += [_case(r, links) for r in by_team[team]]
    checks = [
        c.id
        for c in report.standards.checks
        if any(f.check_id == c.id for r in report.cases for f in r.findings)
    ]
    parts += ['<h2 id="lists">Cases by finding</h2>']
    parts += [_finding_list(report, cid, links, level="h3") for cid in checks]
    parts += [_below_list(report, links, level="h3"), "</main>"]
    return _page(f"safeguard audit — {len(report.cases):,} cases", parts)


def write_html(
    report: AuditReport, path: str | Path, *, inline_limit: int = INLINE_LIMIT
) -> list[Path]:
    """Write the report to ``path``; returns every file written.

    Up to ``inline_limit`` cases with findings: one page. More: the summary at ``path`` and
    its pages in the folder ``<name>_files`` beside it (replaced if it was there).
    """
    import shutil

    path = Path(path)
    cases = _with_findings(report)
    if len(cases) <= inline_limit:
        path.write_text(render_html(report), encoding="utf-8")
        return [path]
    folder = path.with_name(f"{path.stem}_files")
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()  # beside the summary, whose folder must exist
    # Pages per team, inadequate cases first.
    forces = _national(report)
    unit = Links(forces=forces).unit
    by_team: dict[str, list[CaseResult]] = defaultdict(list)
    for r in cases:
        by_team[unit(r)].append(r)
    plan: dict[str, list[tuple[str, list[CaseResult]]]] = {}
    case_page: dict[str, str] = {}
    for team in sorted(by_team, key=str.casefold):
        chunks = [
            by_team[team][i : i + CASES_PER_PAGE]
            for i in range(0, len(by_team[team]), CASES_PER_PAGE)
        ]
        names = [
            f"team-{slug(team)}{'' if i == 0 else f'-{i + 1}'}.html" for i in range(len(chunks))
        ]
        plan[team] = list(zip(names, chunks, strict=True))
        for name, chunk in plan[team]:
            for r in chunk:
                case_page[r.child_id] = name
    team_pages = {t: [n for n, _ in p] for t, p in plan.items()}
    outside = Links(folder=folder.name, case_page=case_page, team_pages=team_pages, forces=forces)
    inside = Links(
        folder=folder.name, inside=True, case_page=case_page, team_pages=team_pages, forces=forces
    )
    inside_back = f"../{path.name}"
    written = []
    worst = [r for r in cases if r.grade == "inadequate"][:WORST]
    parts = _summary_body(report, outside)
    team_rows = "".join(
        f'<li><a href="{escape(folder.name)}/{escape(p[0][0])}">{escape(t)}</a> — '
        f"{sum(len(c) for _, c in p):,} cases with findings"
        + (f" ({len(p)} pages)" if len(p) > 1 else "")
        + "</li>"
        for t, p in plan.items()
    )
    parts += [
        '<h2 id="cases">Cases with findings</h2>',
        f"<p>{len(cases):,} of {len(report.cases):,} cases have at least one finding. Each "
        "team's cases, with every finding and its evidence, are on the team's pages, "
        f"in the folder {escape(folder.name)} beside this file.</p>",
        f'<ul class="screen-only">{team_rows}</ul>',
        f"<h3>The {len(worst)} inadequate cases with the most findings</h3>" if worst else "",
        "<p>Each standard they missed, with its records and the words in the notes, so that a "
        "printed copy carries the evidence; the child's id links to the full case.</p>"
        if worst
        else "",
        *[_case_brief(r, outside) for r in worst],
        "</main>",
    ]
    path.write_text(
        _page(f"safeguard audit — {len(report.cases):,} cases", parts), encoding="utf-8"
    )
    written.append(path)
    back = f'<nav class="pages"><a href="{escape(inside_back)}">← Summary</a></nav>'
    for team, pages in plan.items():
        nav_pages = (
            "".join(f'<a href="{escape(n)}">page {i + 1}</a>' for i, (n, _) in enumerate(pages))
            if len(pages) > 1
            else ""
        )
        for i, (name, chunk) in enumerate(pages):
            title = f"Team {team}" + (f" — page {i + 1} of {len(pages)}" if len(pages) > 1 else "")
            body = [
                back,
                f'<header><h1>{escape(title)}</h1><p class="meta">Cases with findings, inadequate '
                f"first; audit as of {clock.show(report.as_of, '%d %B %Y %H:%M')}.</p></header>",
                f'<nav class="pages">{nav_pages}</nav>' if nav_pages else "",
                "<main>",
                _case_index(f"Cases on this page ({len(chunk):,})", chunk, inside),
                *[_case(r, inside) for r in chunk],
                "</main>",
            ]
            (folder / name).write_text(_page(title, body), encoding="utf-8")
            written.append(folder / name)
    for c in report.standards.checks:
        if not any(f.check_id == c.id for r in cases for f in r.findings):
            continue
        name = f"finding-{slug(c.id)}.html"
        body = [back, "<main>", _finding_list(report, c.id, inside), "</main>"]
        (folder / name).write_text(_page(f"Cases that missed: {c.title}", body), encoding="utf-8")
        written.append(folder / name)
    body = [back, "<main>", _below_list(report, inside), "</main>"]
    (folder / "below-rules.html").write_text(
        _page("Missing episodes graded below the written rules", body), encoding="utf-8"
    )
    written.append(folder / "below-rules.html")
    return written

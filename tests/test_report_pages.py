"""The HTML report's layout: a summary that stays small, pages per team and per standard whose
links all resolve, charts in words, a marked part quarter, and (in real Chromium) every page
rendered and screenshotted, and the print layout carrying the evidence."""

from __future__ import annotations

import copy
import os
import re
from dataclasses import replace
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from safeguard.audit.report_html import render_html, write_html
from safeguard.audit.runner import Auditor, AuditReport, audit_cases
from safeguard.cli import main

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("SAFEGUARD_CHROMIUM", "/usr/bin/chromium")
SHOTS = ROOT / "artifacts" / "screenshots"
AS_OF = datetime(2026, 8, 14, 9, 0)  # the middle of a quarter


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> AuditReport:
    from safeguard.store.engine import open_store
    from safeguard.store.read import iter_cases

    root = tmp_path_factory.mktemp("report")
    assert (
        main(["demo-data", "--children", "40", "--seed", "2", "--out", str(root / "d"), "-q"]) == 0
    )
    (root / "d" / "truth.jsonl").unlink()
    db = str(root / "r.db")
    assert main(["import", str(root / "d"), "--db", db, "-q"]) == 0
    engine = open_store(db)
    try:
        return audit_cases(iter_cases(engine), auditor=Auditor(as_of=AS_OF), jobs=1)
    finally:
        engine.dispose()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "a" and a.get("href"):
            self.hrefs.append(str(a["href"]))


def _parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_many_cases_go_to_linked_pages_and_every_link_resolves(
    report: AuditReport, tmp_path: Path
) -> None:
    written = write_html(report, tmp_path / "report.html", inline_limit=5)
    folder = tmp_path / "report_files"
    assert written[0] == tmp_path / "report.html" and all(p.exists() for p in written)
    teams = {r.team for r in report.cases if r.findings}
    pages = {p.name for p in folder.iterdir()}
    assert {f"team-{t.lower()}.html" for t in teams} <= pages
    assert "below-rules.html" in pages and any(n.startswith("finding-") for n in pages)
    parsed = {p: _parse(p) for p in written}
    checked = 0
    for page, links in parsed.items():
        for href in links.hrefs:
            url = urlsplit(href)
            target = (page.parent / unquote(url.path)).resolve() if url.path else page
            assert target.exists(), f"{page.name}: {href}"
            if url.fragment:
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                assert url.fragment in ids, f"{page.name}: {href}"
            checked += 1
    assert checked > len(report.cases)
    # every case with a finding is reachable from its team's pages
    on_pages = set().union(*(parsed[p].ids for p in written if p.name.startswith("team-")))
    assert {f"case-{r.child_id}" for r in report.cases if r.findings} <= on_pages


def test_summary_stays_small_whatever_the_number_of_cases(
    report: AuditReport, tmp_path: Path
) -> None:
    def grown(times: int) -> AuditReport:
        big = copy.copy(report)
        big.cases = [
            replace(r, child_id=f"{r.child_id}-{k}") for k in range(times) for r in report.cases
        ]
        return big

    sizes = []
    for times in (10, 100):
        out = tmp_path / f"x{times}" / "report.html"
        out.parent.mkdir()
        write_html(grown(times), out, inline_limit=5)
        sizes.append(out.stat().st_size)
    # ten times the cases (4,000 children), about the same summary: only the figures' digits grow
    assert sizes[1] < sizes[0] * 1.05, sizes
    assert sizes[1] < 400_000


def test_charts_speak_in_words_sorted_with_axes(report: AuditReport) -> None:
    html = render_html(report)
    charts = re.findall(r"<svg .*?</svg>", html, re.S)
    assert len(charts) >= 6
    text_in_charts = " ".join(re.findall(r"<text[^>]*>(.*?)</text>", " ".join(charts)))
    assert not re.search(r"\b(?:MIS|INV|LANG)-[A-Z-]+", text_in_charts)  # no check codes
    assert "sexual_agency" not in text_in_charts
    assert not re.search(r"\w…", text_in_charts)  # no label cut short
    assert "Return home interview" in text_in_charts or "safe and well" in text_in_charts
    # the standards chart is sorted, most cases first
    standards = next(c for c in charts if "Cases that missed each standard" in c)
    values = [
        int(v.replace(",", ""))
        for v in re.findall(r"<rect [^>]*><title>[^<]*: ([\d,]+)</title>", standards)
    ]
    assert values == sorted(values, reverse=True) and len(values) > 3
    # axis ticks: a 0 and at least two more values on each bar chart
    for chart in charts:
        ticks = re.findall(r'font-size="11" fill="#1a1a1a">([\d,.]+%?)</text>', chart)
        assert "0" in ticks or "0%" in ticks


def test_quarters_show_rates_and_mark_the_part_quarter(report: AuditReport) -> None:
    html = render_html(report)
    assert "2026-Q3*" in html and "part quarter: to 14 August 2026" in html
    assert "share of the quarter" in html and "%" in html
    assert "How cases are graded" in html and "What the figures mean" in html
    assert "any serious finding" in html  # from standards.yml's case_grades


def test_a_severity_that_depends_on_risk_reads_as_words(
    report: AuditReport, tmp_path: Path
) -> None:
    """A standard whose severity depends on the episode's risk (standards.yml gives it one per
    risk level) is shown in words in the summary's list, the standards table and its own page,
    never as the program's internal values."""
    check = next(c for c in report.standards.checks if isinstance(c.severity, dict))
    words = check.severity_words()
    assert words.startswith("Serious at high risk") and "minor at low risk" in words
    write_html(report, tmp_path / "r.html", inline_limit=0)
    pages = [tmp_path / "r.html", *sorted((tmp_path / "r_files").glob("*.html"))]
    shown = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "Severity." not in html and "{&#x27;" not in html and "{'" not in html, page.name
        shown += html.count(words)
    assert shown >= 2  # the "how cases are graded" list and the standards table at least


def test_below_the_rules_figure_links_to_its_episodes(report: AuditReport, tmp_path: Path) -> None:
    write_html(report, tmp_path / "r.html", inline_limit=0)
    summary = (tmp_path / "r.html").read_text(encoding="utf-8")
    n = report.episodes_below_rules()[0]
    assert f"{n:,} of" in summary and 'href="r_files/below-rules.html"' in summary
    listing = (tmp_path / "r_files" / "below-rules.html").read_text(encoding="utf-8")
    assert listing.count("<tr><td>") == n and listing.count("<tr><td><a ") > n / 2


# --- in Chromium ------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"Chromium not found at {CHROMIUM}")
def test_every_report_page_in_chromium(report: AuditReport, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    written = write_html(report, tmp_path / "report.html", inline_limit=5)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("report-*.png"):
        old.unlink()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for path in written:
            page.goto(path.as_uri())
            # nothing is wider than the window
            assert page.evaluate("document.documentElement.scrollWidth") <= 1280, path.name
            name = "report-summary" if path.name == "report.html" else f"report-{path.stem}"
            page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
        narrow = browser.new_page(viewport={"width": 390, "height": 844})
        for path in written[:3]:
            narrow.goto(path.as_uri())  # a phone: tables scroll inside themselves, not the page
            assert narrow.evaluate("document.documentElement.scrollWidth") <= 390, path.name
        narrow.goto(written[0].as_uri())
        narrow.screenshot(path=str(SHOTS / "report-summary-390.png"), full_page=True)
        # printed: no navigation, the worst cases' evidence is there
        page.goto(written[0].as_uri())
        page.emulate_media(media="print")
        assert not page.locator("nav").first.is_visible()
        assert page.locator("section.case mark").first.is_visible()
        assert page.locator("figure svg").first.is_visible()
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
        (SHOTS / "report-summary-print.pdf").write_bytes(pdf)
        browser.close()
    shots = list(SHOTS.glob("report-*.png"))
    assert len(shots) == len(written) + 1

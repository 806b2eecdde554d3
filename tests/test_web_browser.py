"""End to end in a real Chromium: sign in, the queue (with a live update), a child's timeline,
a challenge, the dashboard and a forbidden page. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import os
import socket
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from test_web_support import NOW, PASSWORD, ROOT_DIR, add_users, load_sample

CHROMIUM = os.environ.get("SAFEGUARD_CHROMIUM", "/usr/bin/chromium")
SHOTS = ROOT_DIR / "artifacts" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"Chromium not found at {CHROMIUM}"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path):  # type: ignore[no-untyped-def]
    import uvicorn

    from safeguard.web import create_app

    url = f"sqlite:///{tmp_path / 'e2e.db'}"
    load_sample(url)
    add_users(url)
    app = create_app(url, now=lambda: NOW, refresh_s=0.5)
    port = _free_port()
    srv = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", url
    srv.should_exit = True
    thread.join(timeout=10)


def _add_high_risk_episode(url: str) -> None:
    from safeguard.records import schema as s
    from safeguard.records.io import record_values
    from safeguard.store.engine import open_engine
    from safeguard.store.load import load

    ep = s.MissingEpisode(
        id="E-N2-NEW",
        child_id="C-N2",
        reported_at=NOW - timedelta(minutes=20),
        reported_by="parent",
        team="North",
    )
    ra = s.RiskAssessment(
        id="R-NEW",
        episode_id="E-N2-NEW",
        level="high",
        graded_by="PC 1002",
        graded_at=NOW - timedelta(minutes=10),
    )
    engine = open_engine(url)
    load(
        engine,
        [
            ("missing_episodes", [tuple(record_values("missing_episodes", ep))]),
            ("risk_assessments", [tuple(record_values("risk_assessments", ra))]),
        ],
    )
    # What `safeguard import` does after loading: re-audit the children it touched.
    from safeguard.engine.results import refresh_children

    refresh_children(engine, ["C-N2"])
    engine.dispose()


def test_supervisor_journey(server) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect, sync_playwright

    base, db_url = server
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        # Sign in, using the keyboard only.
        page.goto(base + "/")
        page.keyboard.press("Tab")
        expect(page.get_by_text("Skip to main content")).to_be_focused()
        page.get_by_label("User name").fill("supervisor")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_label("Password").press("Enter")
        expect(page.get_by_role("heading", name="Now", exact=True)).to_be_visible()
        expect(page.locator("#h-missing")).to_contain_text("(2)")
        page.screenshot(path=str(SHOTS / "01-now-queue.png"), full_page=True)

        # A new high-risk episode appears without reloading the page.
        _add_high_risk_episode(db_url)
        expect(page.locator("#h-missing")).to_contain_text("(4)", timeout=15_000)
        expect(page.locator("tr[data-record='E-N2-NEW']").first).to_contain_text("due in")
        expect(page.locator("#live-status")).to_contain_text("new urgent item")
        page.screenshot(path=str(SHOTS / "02-now-live-update.png"), full_page=True)

        # A child's timeline with the flagged phrase.
        page.locator("tr[data-record='E-N1-3'] a").first.click()
        # First, why: the queue's reason is suggested, the supervisor confirms it.
        expect(page.get_by_label("Acting on the Now queue")).to_be_checked()
        page.get_by_role("button", name="Open the record").click()
        expect(page.get_by_role("heading", name="Child C-N1")).to_be_visible()
        expect(page.locator("#timeline")).to_contain_text("Graded High risk by PC 1001")
        expect(page.locator("mark.flag").first).to_have_text("putting herself at risk")
        page.screenshot(path=str(SHOTS / "03-child-timeline.png"), full_page=True)

        # Challenge the phrase.
        page.locator("#note-NT-1").get_by_role("button", name="Challenge").click()
        expect(page.locator("#note-NT-1")).to_contain_text("Challenged by supervisor")
        page.screenshot(path=str(SHOTS / "04-challenge.png"), full_page=True)

        # The dashboard.
        page.get_by_role("link", name="Dashboard").click()
        expect(page.get_by_role("heading", name="Audit dashboard")).to_be_visible()
        expect(page.locator("svg").first).to_be_visible()
        page.screenshot(path=str(SHOTS / "05-dashboard.png"), full_page=True)

        # Another team's child is refused.
        response = page.goto(base + "/children/C-S1")
        assert response is not None and response.status == 404  # the same as no such child
        expect(
            page.get_by_text("There is no record with that id that you can see.")
        ).to_be_visible()
        page.screenshot(path=str(SHOTS / "06-forbidden.png"), full_page=True)
        browser.close()


LONG_URL = "https://example.org/" + "very-long-path-segment/" * 13 + "end"  # about 320 characters


def _add_note_with_a_long_address(url: str) -> None:
    from safeguard.records import schema as s
    from safeguard.records.io import record_values
    from safeguard.store.engine import open_engine
    from safeguard.store.load import load

    note = s.Note(
        id="NT-LONG",
        record_type="child",
        record_id="C-N1",
        child_id="C-N1",
        author="PC 1001",
        author_role="PC",
        written_at=NOW - timedelta(hours=1),
        text=f"Profile found at {LONG_URL} and reported to the platform.",
    )
    engine = open_engine(url)
    load(engine, [("notes", [tuple(record_values("notes", note))])])
    engine.dispose()


@pytest.mark.parametrize("size", [(1280, 720), (390, 844)], ids=["desktop", "phone"])
def test_pages_fit_the_screen_at_desktop_and_phone_width(server, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """No page is wider than the screen (long web addresses wrap; tables become cards on a
    phone), and the Now queue's reasons stay readable. Screenshots are kept for review."""
    from playwright.sync_api import sync_playwright

    base, db_url = server
    _add_note_with_a_long_address(db_url)
    width, height = size
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )

        def visit(page, path: str, name: str) -> None:  # type: ignore[no-untyped-def]
            page.goto(base + path)
            page.screenshot(path=str(SHOTS / f"layout-{name}-{width}x{height}.png"), full_page=True)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} is {overflow} px wider than a {width} px screen"

        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(base + "/children/C-N1")  # signed out: sign in, then back to this page
        page.get_by_label("User name").fill("supervisor")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_label("Password").press("Enter")
        page.get_by_label("Case review or supervision").check()
        page.get_by_role("button", name="Open the record").click()
        assert page.url.endswith("/children/C-N1")
        visit(page, "/children/C-N1", "child")
        visit(page, "/now", "now")
        heads = [
            h.strip() for h in page.locator(".queue-table").first.locator("th").all_inner_texts()
        ]
        col = heads.index("Why it is here") + 1
        why = page.locator(f".queue-table td:nth-child({col})").all()
        assert why
        for cell in why:  # "Why it is here" is read as text, not a letter per line
            box = cell.bounding_box()
            assert box is not None and box["width"] >= 300, f"the reason column is {box}"
        visit(page, "/children", "children")
        visit(page, "/dashboard", "dashboard")
        page.close()
        auditor = browser.new_page(viewport={"width": width, "height": height})
        auditor.goto(base + "/signin")
        auditor.get_by_label("User name").fill("auditor")
        auditor.get_by_label("Password").fill(PASSWORD)
        auditor.get_by_label("Password").press("Enter")
        visit(auditor, "/access-log", "access-log")
        browser.close()


@pytest.fixture
def ticking_server(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A real server whose clock runs (from the sample's "now"), as a force's server's does."""
    import uvicorn

    from safeguard.web import create_app

    url = f"sqlite:///{tmp_path / 'e2e.db'}"
    load_sample(url)
    add_users(url)
    started = time.monotonic()

    def clock():  # type: ignore[no-untyped-def]
        return NOW + timedelta(seconds=time.monotonic() - started)

    app = create_app(url, now=clock, refresh_s=0.5)
    port = _free_port()
    srv = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(600):
        if srv.started:
            break
        time.sleep(0.05)
    for _ in range(1200):  # the first look at the store (in a helper process) is done
        if app.state.sg.live.version > 1:
            break
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}", url, clock
    srv.should_exit = True
    thread.join(timeout=10)


def _add_episode_due_in(url: str, clock, seconds: float):  # type: ignore[no-untyped-def]
    """A new medium-risk episode whose first active step falls due ``seconds`` from now (6 h
    after the report, standards.yml's ``hours_medium``); returns that deadline as the engine
    stored it."""
    import sqlalchemy as sa

    from safeguard.audit.runner import Auditor
    from safeguard.engine.results import refresh_children
    from safeguard.records import schema as s
    from safeguard.records.io import record_values
    from safeguard.store.engine import open_engine
    from safeguard.store.load import load

    now = clock().replace(microsecond=0)
    ep = s.MissingEpisode(
        id="E-N2-SOON",
        child_id="C-N2",
        reported_at=now - timedelta(hours=6) + timedelta(seconds=seconds),
        reported_by="parent",
        team="North",
    )
    ra = s.RiskAssessment(
        id="R-SOON",
        episode_id="E-N2-SOON",
        level="medium",
        graded_by="PC 1002",
        graded_at=now - timedelta(minutes=1),
    )
    engine = open_engine(url)
    load(
        engine,
        [
            ("missing_episodes", [tuple(record_values("missing_episodes", ep))]),
            ("risk_assessments", [tuple(record_values("risk_assessments", ra))]),
        ],
    )
    refresh_children(engine, ["C-N2"], auditor=Auditor(as_of=clock()))
    with engine.connect() as conn:
        due = conn.execute(
            sa.text(
                "SELECT due_at FROM engine_obligations WHERE record_id = 'E-N2-SOON' "
                "AND check_id = 'MIS-NO-PROACTIVE-ACTION'"
            )
        ).scalar()
    engine.dispose()
    assert due is not None
    return due if not isinstance(due, str) else datetime.fromisoformat(due)


def test_times_tick_and_an_item_turns_overdue_when_its_deadline_passes(ticking_server) -> None:  # type: ignore[no-untyped-def]
    """Issue 9's target: a new overdue item reaches an open Now page within 5 s of its deadline
    (pushed by the server, from the engine's stored deadline), and the words tick in between."""
    from playwright.sync_api import expect, sync_playwright

    base, db_url, clock = ticking_server
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(base + "/signin?next=/now")
        page.get_by_label("User name").fill("supervisor")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_label("Password").press("Enter")
        expect(page.get_by_role("heading", name="Now", exact=True)).to_be_visible()

        # The page's one duration formatter says what the server's says.
        from safeguard.timing import duration_words

        for seconds in (0, 59, 60, 61 * 60, 47 * 3600 + 59 * 60, 48 * 3600, 49 * 3600, 30 * 86400):
            said = page.evaluate(f"window.safeguardDuration({seconds * 1000})")
            assert said == duration_words(seconds), seconds

        due = _add_episode_due_in(db_url, clock, 20)
        assert (due - clock()).total_seconds() > 3, "the deadline must still be ahead"
        row = page.locator("tr[data-record='E-N2-SOON']", has_text="active step")
        # Pushed when it was added (the live thread notices the change within a second).
        expect(row).to_contain_text("due in", timeout=(due - clock()).total_seconds() * 1000)
        assert row.locator(".tag-urgent").count() == 0
        # The deadline passes: the server pushes the item as overdue (and urgent).
        left = (due - clock()).total_seconds()
        expect(row.locator(".tag-urgent")).to_be_visible(timeout=(left + 5) * 1000)
        late = (clock() - due).total_seconds()
        assert late <= 5, f"the overdue item reached the page {late:.1f} s after its deadline"
        expect(row).to_contain_text("overdue by")
        expect(page.locator("#live-status")).to_contain_text("new urgent item")
        page.screenshot(path=str(SHOTS / "07-now-overdue-on-time.png"), full_page=True)

        # Between pushes the words keep counting: two minutes later, each says two more.
        later = browser.new_page(viewport={"width": 1280, "height": 720})
        later.context.add_cookies(page.context.cookies())
        later.clock.install()
        later.goto(base + "/now")
        first = later.locator("[data-due]").first
        before = first.inner_text()
        due_at = datetime.fromisoformat(first.get_attribute("data-due").removesuffix("Z"))  # type: ignore[union-attr]
        later.clock.fast_forward("02:00")
        expect(first).not_to_have_text(before)
        page_now = clock()
        side = "overdue by " if due_at <= page_now else "due in "
        words = first.inner_text()
        assert words.startswith(side)
        # The same words the server would say at that moment (within the minute's rounding).
        ahead = page_now + timedelta(minutes=2)
        candidates = {
            side + duration_words(abs(t - due_at))
            for t in (ahead - timedelta(seconds=60), ahead, ahead + timedelta(seconds=60))
        }
        assert words in candidates, (words, candidates)
        browser.close()

"""The pages a supervisor uses: the queue, a child's record, a challenge, the dashboard."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from test_web_access import csrf, open_child, sign_in
from test_web_support import NOW, add_users, load_sample

from safeguard.web import create_app


@pytest.fixture
def app(db_url: str):  # type: ignore[no-untyped-def]
    load_sample(db_url)
    add_users(db_url)
    return create_app(db_url, now=lambda: NOW, background=False, sse_lifetime_s=0.1)


def test_now_queue_lists_each_section_with_reasons(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        sign_in(client, "safeguarding_lead")
        q = client.get("/api/queue").json()["sections"]

    def items(section: str) -> list[tuple[str, str, str, str]]:
        return [(i["child_id"], i["record_id"], i["check"], i["when"]) for i in q[section]["items"]]

    # Overdue first (longest overdue first), then due soonest; the audit's own deadlines.
    assert items("missing") == [
        ("C-N1", "E-N1-3", "MIS-NO-PROACTIVE-ACTION", "overdue by 4 h"),
        ("C-N1", "E-N1-3", "MIS-GRADE-UNCONFIRMED", "overdue by 2 h"),
        ("C-S1", "E-S1-1", "MIS-NO-PROACTIVE-ACTION", "due in 5 h"),
        ("C-S1", "E-S1-1", "MIS-GRADE-UNCONFIRMED", "due in 10 h"),
    ]
    first = q["missing"]["items"][0]
    assert first["urgent"] and "(the child is still missing)" in first["why"]
    assert not q["missing"]["items"][2]["urgent"]
    assert items("repeat") == [("C-N1", "E-N1-3", "MIS-REPEAT-NO-SCREENING", "")]
    assert sorted(items("overdue")) == [
        ("C-N2", "E-N2-1", "MIS-NO-INPERSON-CHECK", "overdue by 24 h"),
        ("C-N2", "E-N2-1", "MIS-RHI-LATE", "overdue by 24 h"),
    ]
    assert {i["record_id"] for i in q["investigations"]["items"]} == {"I-N1"}
    assert sorted(i["record_id"] for i in q["language"]["items"]) == ["NT-1", "NT-2"]


def test_queue_items_are_the_audits_own(app, db_url: str) -> None:  # type: ignore[no-untyped-def]
    """Same ids, deadlines and words as the audit at the same moment."""
    from safeguard.audit.runner import Auditor
    from safeguard.records import clock
    from safeguard.store.engine import open_engine
    from safeguard.store.read import iter_cases

    with TestClient(app) as client:
        sign_in(client, "safeguarding_lead")
        q = client.get("/api/queue").json()["sections"]
    shown = {
        (i["key"], i["due_at"])
        for section in q.values()
        for i in section["items"]
        if i["kind"] == "obligation"
    }
    engine = open_engine(db_url)
    auditor = Auditor(as_of=NOW)
    expected = {
        (o.key, clock.iso(o.due_at))
        for case in iter_cases(engine)
        for o in auditor.audit_case(case).obligations
    }
    engine.dispose()
    assert shown == expected


def test_live_updates_stream_the_queue(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        sign_in(client, "supervisor")
        with client.stream("GET", "/now/events") as r:
            assert r.headers["content-type"].startswith("text/event-stream")
            body = "".join(r.iter_text())
    event = next(line for line in body.splitlines() if line.startswith("data: "))
    data = json.loads(event.removeprefix("data: "))
    assert "C-N1" in data["html"] and "overdue by" in data["html"] and "C-S1" not in data["html"]


def test_child_page_shows_timeline_grades_flags_and_findings(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        sign_in(client, "supervisor")
        page = open_child(client, "C-N1")
    assert "Graded High risk by PC 1001" in page
    assert "Why: in care, older associates; not confirmed by a supervisor" in page
    assert '<mark class="flag"' in page and "putting herself at risk</mark>" in page
    assert "Say instead:" in page
    assert "Audit findings" in page and "Standard:" in page
    assert 'value="challenged"' in page


def test_challenge_and_dismiss_are_recorded_and_exported(app, db_url: str) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        sign_in(client, "supervisor")
        r = client.post(
            "/notes/NT-1/decisions",
            data={
                "flag_key": "choice/putting-self-at-risk@26",
                "decision": "dismissed",
                "csrf_token": csrf(client),
            },
        )
        assert r.status_code == 400 and "say why" in r.text
        r = client.post(
            "/notes/NT-1/decisions",
            data={
                "flag_key": "choice/putting-self-at-risk@26",
                "decision": "challenged",
                "csrf_token": csrf(client),
            },
        )
        assert r.status_code == 200
        assert "Challenged by supervisor" in r.text
        assert [
            i["record_id"] for i in client.get("/api/queue").json()["sections"]["language"]["items"]
        ] == []
    with TestClient(app) as client:
        sign_in(client, "safeguarding_lead")
        r = client.post(
            "/notes/NT-2/decisions",
            data={
                "flag_key": "character/streetwise@41",
                "decision": "dismissed",
                "reason": "Quoting the parent",
                "csrf_token": csrf(client),
            },
        )
        assert r.status_code == 200
        lines = [json.loads(x) for x in client.get("/challenges/export").text.splitlines()]
    assert [(x["phrase"], x["label"], x["kind"]) for x in lines] == [
        ("putting herself at risk", 1, "supervisor_challenge"),
        ("streetwise", 0, "supervisor_dismissal"),
    ]
    assert (
        lines[0]["text"] == "She is putting herself at risk by going to the flat with older males."
    )
    assert lines[0]["text"][lines[0]["start"] : lines[0]["end"]] == "putting herself at risk"
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT author, challenges_note_id, text FROM notes WHERE challenges_note_id IS NOT NULL"
            )
        ).all()
        log = conn.execute(
            sa.text(
                "SELECT username, action, record_type FROM web_access_log "
                "WHERE action <> 'view' AND record_type <> 'account' ORDER BY id"
            )
        ).all()
    engine.dispose()
    assert [(r[0], r[1]) for r in rows] == [("supervisor", "NT-1")]
    assert "putting herself at risk" in rows[0][2]
    assert [tuple(x) for x in log] == [
        ("supervisor", "change", "note"),
        ("safeguarding_lead", "change", "note"),
        ("safeguarding_lead", "export", "challenge_decisions"),
    ]


def test_dashboard_shows_headlines_charts_and_trend(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        sign_in(client, "safeguarding_lead")
        page = client.get("/dashboard", params={"period": "all"}).text
        assert "take about 10 seconds to include the latest decisions" in page
        assert "Headline figures" in page and "of 3 cases" in page
        assert "<svg" in page and "Trend by quarter" in page
        north = client.get("/dashboard", params={"period": "all", "team": "North"}).text
        assert "of 2 cases" in north
    with TestClient(app) as client:
        sign_in(client, "supervisor")  # team-scoped: always their own team
        assert (
            "of 2 cases" in client.get("/dashboard", params={"period": "all", "team": "South"}).text
        )


def test_coded_values_read_as_a_person_would_write_them() -> None:
    from safeguard.web.wording import say

    assert say("exploitation_type", "both") == "Sexual and criminal exploitation"
    assert say("action_type", "cctv") == "CCTV viewed"
    assert say("missing_status", "missing") == "missing"
    assert say("outcome", "some_new_code") == "some new code"  # unlisted: still readable


def test_child_page_words_and_folded_timeline(app, db_url: str) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from safeguard.records import schema as s
    from safeguard.records.io import record_values
    from safeguard.store.engine import open_engine
    from safeguard.store.load import load

    actions = [
        s.EpisodeAction(
            id=f"A-X{i}",
            episode_id="E-N1-2",
            action_type="cctv",
            at=NOW - timedelta(days=20) + timedelta(minutes=10 * i),
            officer="PC 5470",
        )
        for i in range(15)
    ]
    engine = open_engine(db_url)
    load(
        engine, [("episode_actions", [tuple(record_values("episode_actions", a)) for a in actions])]
    )
    engine.dispose()
    with TestClient(app) as client:
        sign_in(client, "supervisor")
        page = open_child(client, "C-N1")
    assert "CCTV viewed by PC 5470" in page and "Cctv" not in page
    assert "Reported missing (missing)" not in page and "Reported missing" in page
    assert "Sexual exploitation reported" in page
    # Long timelines fold: one group per episode and investigation, the open episode open.
    assert page.count('<details class="timeline-group"') == 4
    assert "<strong>Missing episode E-N1-2</strong>" in page and "17 entries" in page
    assert '<details class="timeline-group" open>\n<summary><strong>Missing episode E-N1-3' in page


def test_children_search_by_number_with_pages(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        sign_in(client, "safeguarding_lead")
        page = client.get("/children", params={"q": "n1"}).text
        assert "C-N1" in page and "C-S1" not in page and "1 child with “n1”" in page
        page = client.get("/children", params={"q": "C-", "page": 0}).text
        assert "3 children with “C-”" in page and "C-S1" in page


def test_the_queue_is_read_once_per_version_of_the_results(app, db_url: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from safeguard.engine import queue as engine_queue
    from safeguard.store.engine import open_engine
    from safeguard.web.cache import StampCache
    from safeguard.web.queue import build, load_settings

    settings = load_settings()
    calls = []
    real = engine_queue.obligations

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(kwargs.get("teams"))
        return real(*args, **kwargs)

    with TestClient(app):
        pass  # the app brings the stored results up to date as it starts
    monkeypatch.setattr(engine_queue, "obligations", counted)
    engine = open_engine(db_url)
    cache = StampCache()
    first = build(engine, settings, NOW, ["North"], cache=cache, stamp="a:1")
    n = len(calls)
    again = build(engine, settings, NOW + timedelta(hours=1), ["North"], cache=cache, stamp="a:1")
    assert len(calls) == n  # the same version: nothing read again
    assert [r.key for s in first for r in s.rows] == [r.key for s in again for r in s.rows]
    # The words that depend on the clock are made per view.
    assert [r.when for s in first for r in s.rows] != [r.when for s in again for r in s.rows]
    build(engine, settings, NOW, ["South"], cache=cache, stamp="a:1")  # another team
    build(engine, settings, NOW, ["North"], cache=cache, stamp="a:2")  # a new version
    assert len(calls) == 3 * n
    uncached = build(engine, settings, NOW, ["North"])
    assert [r.key for s in uncached for r in s.rows] == [r.key for s in first for r in s.rows]
    engine.dispose()


def test_model_only_flag_shows_the_words_the_model_weighed(app, db_url: str) -> None:  # type: ignore[no-untyped-def]
    """A sentence no rule matched but the model flagged says which words weighed most."""
    from datetime import timedelta

    from safeguard.records import schema as s
    from safeguard.records.io import record_values
    from safeguard.store.engine import open_engine
    from safeguard.store.load import load

    note = s.Note(
        id="NT-M1",
        record_type="child",
        record_id="C-N1",
        child_id="C-N1",
        author="PC 1001",
        author_role="PC",
        written_at=NOW - timedelta(days=3),
        text="Seen at the address. She is unruly.",
    )
    engine = open_engine(db_url)
    load(engine, [("notes", [tuple(record_values("notes", note))])])
    engine.dispose()
    with TestClient(app) as client:
        sign_in(client, "supervisor")
        page = open_child(client, "C-N1")
    assert "Rule model/character" in page
    assert "Words the model weighed most:" in page and "“unruly”" in page


def test_api_times_carry_their_offset(app) -> None:  # type: ignore[no-untyped-def]
    """The API writes every time with its offset, as the export does: a time without one would
    be read as local time, an hour out in summer."""
    from datetime import datetime

    with TestClient(app) as client:
        sign_in(client, "supervisor")
        episode = client.get("/api/episodes/E-N1-3").json()
        queue = client.get("/api/queue").json()
    times = [episode["reported_at"], queue["as_of"]]
    times += [n["written_at"] for n in episode["notes"]]
    times += [i["due_at"] for s in queue["sections"].values() for i in s["items"] if i["due_at"]]
    assert len(times) > 3
    for t in times:
        assert t.endswith("+00:00") and datetime.fromisoformat(t).tzinfo is not None, t

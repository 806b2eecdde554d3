"""The access log: refusals, every view of record content with its child, a reason the user
chose, the hash chain and its check, safe CSV, and a busy store answered with 503."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from test_web_access import csrf, open_child, sign_in
from test_web_support import NOW, add_users, load_sample

from safeguard.cli import main
from safeguard.store.engine import open_engine
from safeguard.web import create_app
from safeguard.web.accesslog import verify


@pytest.fixture
def db(db_url: str) -> str:
    load_sample(db_url)
    add_users(db_url)
    return db_url


@pytest.fixture
def app(db: str):  # type: ignore[no-untyped-def]
    return create_app(db, now=lambda: NOW, background=False, sse_lifetime_s=0.1)


def _log(db: str, where: str = "1=1") -> list[tuple[str, ...]]:
    engine = sa.create_engine(db)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT username, role, action, record_type, record_id, child_id, reason "
                f"FROM web_access_log WHERE {where} ORDER BY id"
            )
        ).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def test_refusals_are_logged_and_another_teams_child_looks_like_no_child(app, db: str) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        sign_in(client, "officer")
        assert client.get("/dashboard").status_code == 403
        other = client.get("/children/C-S1")
        missing = client.get("/children/NO-SUCH")
        assert other.status_code == missing.status_code == 404
        assert other.text.replace("C-S1", "X") == missing.text.replace("NO-SUCH", "X")
        api_other = client.get("/api/children/C-S1")
        api_missing = client.get("/api/children/NO-SUCH")
        assert api_other.status_code == api_missing.status_code == 404
        assert api_other.json() == api_missing.json()
    refused = _log(db, "action = 'refused'")
    assert refused == [
        (
            "officer",
            "officer",
            "refused",
            "page",
            "GET /dashboard",
            None,
            "An officer may not use this page",
        ),
        (
            "officer",
            "officer",
            "refused",
            "child",
            "C-S1",
            "C-S1",
            "The record belongs to another team",
        ),
        ("officer", "officer", "refused", "child", "NO-SUCH", None, "No such record"),
        (
            "officer",
            "officer",
            "refused",
            "child",
            "C-S1",
            "C-S1",
            "The record belongs to another team",
        ),
        ("officer", "officer", "refused", "child", "NO-SUCH", None, "No such record"),
    ]


def test_queue_views_are_logged_with_each_childs_id(app, db: str) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        sign_in(client, "supervisor")  # lands on /now
        client.get("/api/queue")
    queue = _log(db, "record_type = 'queue'")
    assert queue and all(r[5] == r[4] for r in queue)
    assert {r[5] for r in queue} == {"C-N1", "C-N2"}
    assert all(r[6] == "Acting on the Now queue" for r in queue)


def test_a_now_page_and_its_live_stream_log_each_child_once(app, db: str) -> None:  # type: ignore[no-untyped-def]
    import html
    import re

    with TestClient(app) as client:
        sign_in(client, "supervisor")
        page = client.get("/now")
        events = html.unescape(re.search(r'data-events="([^"]+)"', page.text).group(1))  # type: ignore[union-attr]
        assert events.startswith("/now/events?")
        with client.stream("GET", events) as r:
            "".join(r.iter_text())  # the page's own stream: nothing new to log
        after_page = _log(db, "record_type = 'queue'")
        assert sorted(r[5] for r in after_page) == ["C-N1", "C-N2"]  # once each
        # A stream without the page's (signed) view, or with a forged one, logs what it shows.
        forged = events.replace("view=", "view=x")
        with client.stream("GET", forged) as r:
            "".join(r.iter_text())
        assert sorted(r[5] for r in _log(db, "record_type = 'queue'")) == [
            "C-N1",
            "C-N1",
            "C-N2",
            "C-N2",
        ]


def test_the_children_list_and_the_dashboard_are_logged(app, db: str) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        sign_in(client, "safeguarding_lead")
        assert client.get("/children").status_code == 200
        assert client.get("/api/children").status_code == 200
        assert client.get("/dashboard?period=6m").status_code == 200
    listed = _log(db, "record_type = 'children list'")
    # Each child shown, with its id, once per view (the page, then the API).
    assert sorted(r[5] for r in listed) == sorted(["C-N1", "C-N2", "C-S1"] * 2)
    assert all(r[4] == r[5] and r[2] == "view" for r in listed)
    assert {r[6] for r in listed} == {
        "Looking through the list of children",
        "Request from another system",
    }
    (dash,) = _log(db, "record_type = 'dashboard'")
    assert dash[2:5] == ("view", "dashboard", "all teams") and "6m" in dash[6]
    assert verify(open_engine(db)).intact


def test_the_reason_is_chosen_by_the_user_not_taken_from_the_url(app, db: str) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        sign_in(client, "supervisor")
        page = client.get("/children/C-N1", params={"reason": "queue", "from": "queue"})
        assert "Why are you opening" in page.text and "Graded High risk" not in page.text
        assert 'value="queue" required checked' in page.text  # a suggestion, not a choice
        assert _log(db, "record_type = 'child' AND action = 'view'") == []
        r = client.post("/children/C-N1/purpose", data={"csrf_token": csrf(client)})
        assert r.status_code == 422  # no reason chosen: nothing shown
        text = open_child(client, "C-N1", "enquiry")
        assert "Graded High risk" in text
        client.get("/children/C-N1", params={"reason": "queue"})  # the same choice holds
    with TestClient(app) as client:
        sign_in(client, "auditor")
        assert "Graded High risk" in client.get("/children/C-N1").text
    views = _log(db, "record_type = 'child' AND action = 'view'")
    assert [(r[0], r[1], r[6]) for r in views] == [
        ("supervisor", "supervisor", "Enquiry from another agency"),
        ("supervisor", "supervisor", "Enquiry from another agency"),
        ("auditor", "auditor", "Audit or inspection"),
    ]


def _drop_guard(conn: sa.Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(sa.text("DROP TRIGGER web_access_log_no_delete"))
        conn.execute(sa.text("DROP TRIGGER web_access_log_no_update"))
    else:
        conn.execute(sa.text("DROP TRIGGER web_access_log_append_only ON web_access_log"))


def test_a_removed_or_changed_entry_breaks_the_chain(
    app, db: str, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        sign_in(client, "supervisor")
        open_child(client, "C-N1")
        client.get("/api/episodes/E-N1-3")
    engine = open_engine(db)
    verdict = verify(engine)
    assert verdict.intact and verdict.checked >= 8
    assert main(["access-log", "verify", "--db", db]) == 0
    assert "intact" in capsys.readouterr().out
    with engine.begin() as conn:
        ids = [i for (i,) in conn.execute(sa.text("SELECT id FROM web_access_log ORDER BY id"))]
        _drop_guard(conn)
        conn.execute(sa.text("DELETE FROM web_access_log WHERE id = :i"), {"i": ids[4]})
    verdict = verify(engine)
    assert verdict.broken_at == ids[5] and verdict.checked == 4
    assert main(["access-log", "verify", "--db", db]) == 1
    assert f"BROKEN at entry number {ids[5]}" in capsys.readouterr().out
    with engine.begin() as conn:  # a changed reason is found too
        conn.execute(sa.text("UPDATE web_access_log SET reason = 'x' WHERE id = :i"), {"i": ids[1]})
    assert verify(engine).broken_at == ids[1]
    engine.dispose()


def test_access_log_csv_cells_cannot_run_as_formulas(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        sign_in(client, "supervisor")
        client.get("/children/=SUM(2+5)")
        client.get("/children/@cmd")
    with TestClient(app) as client:
        sign_in(client, "auditor")
        csv = client.get("/access-log.csv").text
    assert ",'=SUM(2+5)," in csv and ",'@cmd," in csv
    assert ",=SUM" not in csv and ",@cmd" not in csv


def test_413_carries_the_security_headers(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        r = client.post(
            "/signin",
            content=b"x" * 70_000,
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
    assert r.status_code == 413
    assert r.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_reads_during_an_import_are_shown_and_logged(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """On SQLite an import holds the write lock for its whole run. A view then neither waits
    nor fails: its entry is held durably beside the store and moved into the log, in order and
    chained, by the next writer. A change that must be written now gets 503 with a retry."""
    db = f"sqlite:///{tmp_path / 'busy.db'}"
    load_sample(db)
    add_users(db)
    app = create_app(db, now=lambda: NOW, background=False)
    with TestClient(app) as auditor, TestClient(app) as admin:
        sign_in(auditor, "auditor")
        sign_in(admin, "admin")
        engine = open_engine(db)
        with engine.connect() as importer:  # what an import does for its whole run
            importer.exec_driver_sql("BEGIN IMMEDIATE")
            page = auditor.get("/children/C-N1")
            api = auditor.get("/api/episodes/E-N1-3")
            change = admin.post(
                "/admin/users/officer", data={"change": "disable", "csrf_token": csrf(admin)}
            )
            held = _log(db, "record_type IN ('child', 'episode')")
            importer.rollback()
        assert page.status_code == 200 and "Graded High risk" in page.text
        assert api.status_code == 200
        assert held == []  # not yet in the log: held in the spool
        assert change.status_code == 503 and change.headers["retry-after"] == "10"
        assert "try again" in change.text
        auditor.get("/api/me")
        log_page = auditor.get("/access-log", params={"record_id": "C-N1"}).text
        assert "Audit or inspection" in log_page
    views = _log(db, "record_type IN ('child', 'episode')")
    assert [(r[0], r[3], r[4], r[5]) for r in views] == [
        ("auditor", "child", "C-N1", "C-N1"),
        ("auditor", "episode", "E-N1-3", "C-N1"),
    ]
    assert verify(engine).intact
    engine.dispose()


def test_views_logged_at_once_from_many_threads_are_all_in_one_unbroken_chain(db: str) -> None:
    """Sixteen worker threads logging views at the same time (a busy server): every entry
    is written once, in one chain that verifies."""
    import threading

    from safeguard.web import accesslog

    engine = open_engine(db, pool_size=16)
    who = accesslog.Actor(None, "lead", "safeguarding_lead")
    start = threading.Barrier(16)

    def views(n: int) -> None:
        start.wait()
        for k in range(5):
            accesslog.record_many(
                engine, who, [accesslog.Entry("view", "child", f"T{n}-{k}", "review", "C1")]
            )

    threads = [threading.Thread(target=views, args=(n,)) for n in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    logged = [r[4] for r in _log(db, "record_id LIKE 'T%'")]
    assert sorted(logged) == sorted(f"T{n}-{k}" for n in range(16) for k in range(5))
    verdict = verify(engine)
    assert verdict.intact, verdict
    engine.dispose()


def test_views_waiting_for_the_writer_are_written_in_one_transaction(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While one writer holds the log, the views that queue behind it are then written
    together (one insert: a COPY on PostgreSQL), not one transaction each; none is lost and
    each returns only once its entry is in the log."""
    import threading
    import time

    from safeguard.web import accesslog

    engine = open_engine(db)
    inserts: list[int] = []
    write = accesslog.insert_rows

    def counted(conn: Any, table: Any, rows: Any) -> None:
        inserts.append(len(rows))
        write(conn, table, rows)

    monkeypatch.setattr(accesslog, "insert_rows", counted)
    who = accesslog.Actor(None, "lead", "safeguarding_lead")
    assert accesslog._IN_PROCESS.acquire(timeout=5)  # another writer has the turn
    returned: list[str] = []
    try:
        threads = [
            threading.Thread(
                target=lambda n=n: (
                    accesslog.record_many(
                        engine, who, [accesslog.Entry("view", "child", f"W{n}", "review", "C1")]
                    ),
                    returned.append(f"W{n}"),
                )
            )
            for n in range(5)
        ]
        for t in threads:
            t.start()
        for _ in range(500):
            if len(accesslog._WAITING.get(engine, [])) == 5:
                break
            time.sleep(0.01)
        assert len(accesslog._WAITING[engine]) == 5
        assert returned == []  # nobody is told their view is logged before it is
    finally:
        accesslog._IN_PROCESS.release()
    for t in threads:
        t.join()
    assert inserts == [5]
    assert sorted(returned) == [f"W{n}" for n in range(5)]
    assert sorted(r[4] for r in _log(db, "record_id LIKE 'W%'")) == [f"W{n}" for n in range(5)]
    engine.dispose()

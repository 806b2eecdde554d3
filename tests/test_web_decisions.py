"""Decisions on flagged phrases: idempotent, one standing decision per phrase (a later one
replaces it and both are kept), and a decision on one phrase leaves the others to decide."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from test_web_access import csrf, open_child, sign_in
from test_web_support import NOW, add_users, load_sample

from safeguard.web import create_app


@pytest.fixture
def db(db_url: str) -> str:
    load_sample(db_url)
    add_users(db_url)
    return db_url


@pytest.fixture
def app(db: str):  # type: ignore[no-untyped-def]
    return create_app(db, now=lambda: NOW, background=False, sse_lifetime_s=0.1)


def _decide(client: TestClient, note: str, key: str, decision: str, reason: str = "") -> str:
    r = client.post(
        f"/notes/{note}/decisions",
        data={"flag_key": key, "decision": decision, "reason": reason, "csrf_token": csrf(client)},
    )
    assert r.status_code == 200, r.text
    return r.text


def _rows(db: str, sql: str) -> list[tuple[object, ...]]:
    engine = sa.create_engine(db)
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(sa.text(sql)).all()]
    engine.dispose()
    return rows


def test_the_same_challenge_twice_writes_one_addendum(app, db: str) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        sign_in(client, "supervisor")
        open_child(client, "C-N1", "challenge")
        _decide(client, "NT-1", "choice/putting-self-at-risk@26", "challenged")
        _decide(client, "NT-1", "choice/putting-self-at-risk@26", "challenged")
    assert _rows(db, "SELECT count(*) FROM notes WHERE challenges_note_id = 'NT-1'") == [(1,)]
    assert _rows(db, "SELECT decision, current FROM web_challenge_decisions") == [
        ("challenged", True)
    ]
    changes = _rows(
        db, "SELECT count(*) FROM web_access_log WHERE action = 'change' AND record_type = 'note'"
    )
    assert changes == [(1,)]


def test_a_later_decision_replaces_the_standing_one_and_both_are_kept(app, db: str) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        sign_in(client, "supervisor")
        _decide(client, "NT-1", "choice/putting-self-at-risk@26", "challenged")
    with TestClient(app) as client:
        sign_in(client, "safeguarding_lead")
        page = _decide(
            client, "NT-1", "choice/putting-self-at-risk@26", "dismissed", "Quoting the child"
        )
        assert "Dismissed by safeguarding_lead" in page and "Change this decision" in page
        lines = [json.loads(x) for x in client.get("/challenges/export").text.splitlines()]
    assert [(x["phrase"], x["label"], x["reason"]) for x in lines] == [
        ("putting herself at risk", 0, "Quoting the child")
    ]
    rows = _rows(
        db,
        "SELECT id, decision, decided_by, current, superseded_by "
        "FROM web_challenge_decisions ORDER BY id",
    )
    (first, challenged, by1, cur1, sup1), (second, dismissed, by2, cur2, sup2) = rows
    assert (challenged, by1, cur1, sup1) == ("challenged", "supervisor", None, second)
    assert (dismissed, by2, cur2, sup2) == ("dismissed", "safeguarding_lead", True, None)


def test_challenging_one_phrase_keeps_the_other_phrases_forms(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        sign_in(client, "safeguarding_lead")
        page = _decide(client, "NT-2", "character/streetwise@41", "challenged")
    note = page[page.index('id="note-NT-2"') :]
    note = note[: note.index("</article>")]
    assert "Challenged by safeguarding_lead" in note
    # The other phrase still has its own decision forms.
    assert note.count('value="choice/keeps-going-back@56"') == 2
    assert "Flagged phrases waiting for a decision (1)" in page

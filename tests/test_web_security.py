"""Sessions, CSRF, sign-in limits, request limits, the access log, and bad input."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from test_web_access import csrf, open_child, sign_in
from test_web_support import NOW, PASSWORD, add_users, load_sample

from safeguard.web import create_app


@pytest.fixture
def app(db_url: str):  # type: ignore[no-untyped-def]
    load_sample(db_url)
    add_users(db_url)
    return create_app(db_url, now=lambda: NOW, background=False, sse_lifetime_s=0.1)


def test_session_cookie_flags(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        page = client.get("/signin")
        cookie = page.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie and "secure" not in cookie
    with TestClient(app, base_url="https://testserver") as client:
        assert "secure" in client.get("/signin").headers["set-cookie"].lower()


def test_forged_session_cookie_is_ignored(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        client.cookies.set("sg_session", "eyJ1IjoxfQ.forged.signature")
        assert client.get("/api/me").status_code == 401


def test_post_without_csrf_token_is_refused(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        client.get("/signin")
        r = client.post("/signin", data={"username": "admin", "password": PASSWORD})
        assert r.status_code == 400
        assert "form has expired" in r.text
        sign_in(client, "admin")
        r = client.post(
            "/admin/users",
            data={"username": "x", "role": "auditor", "password": PASSWORD, "csrf_token": "wrong"},
        )
        assert r.status_code == 400


def test_sign_in_is_rate_limited(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        for _ in range(5):
            token = csrf(client)
            r = client.post(
                "/signin",
                data={"username": "admin", "password": "wrong password!", "csrf_token": token},
            )
            assert r.status_code == 401
            assert "not right" in r.text
        token = csrf(client)
        r = client.post(
            "/signin", data={"username": "admin", "password": PASSWORD, "csrf_token": token}
        )
        assert r.status_code == 429
        assert "Too many failed sign-ins to this account" in r.text


def test_oversized_request_gets_413(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        r = client.post(
            "/signin",
            content=b"x" * 70_000,
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        assert r.status_code == 413
        assert "too large" in r.json()["detail"]


def test_bad_query_gets_a_clear_4xx(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        sign_in(client, "safeguarding_lead")
        r = client.get("/api/children", params={"limit": "lots"})
        assert r.status_code == 422
        assert "'limit'" in r.json()["detail"]
        assert client.get("/dashboard", params={"period": "forever"}).status_code == 422
        assert client.get("/api/episodes/" + "x" * 300).status_code == 404


def test_views_and_exports_are_written_to_the_access_log(app, db_url: str) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        sign_in(client, "supervisor")
        open_child(client, "C-N1", "queue")
        assert client.get("/api/episodes/E-N1-3").status_code == 200
    with TestClient(app) as client:
        sign_in(client, "auditor")
        page = client.get("/access-log", params={"username": "supervisor"})
        assert "child C-N1" in page.text and "Acting on the Now queue" in page.text
        assert "episode E-N1-3" in page.text
        csv = client.get("/access-log.csv").text.splitlines()
        assert csv[0] == "at,username,role,action,record_type,record_id,child_id,reason"
        assert any(",supervisor,supervisor,view,child,C-N1,C-N1," in line for line in csv)
        assert any(",supervisor,supervisor,view,episode,E-N1-3,C-N1," in line for line in csv)
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT action, record_type FROM web_access_log "
                "WHERE record_type NOT IN ('account', 'queue') ORDER BY id"
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        ("view", "child"),
        ("view", "episode"),
        ("export", "access_log"),
    ]
    with pytest.raises(sa.exc.DatabaseError), engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM web_access_log"))
    with pytest.raises(sa.exc.DatabaseError), engine.begin() as conn:
        conn.execute(sa.text("UPDATE web_access_log SET reason = 'x'"))
    engine.dispose()


def test_admin_adds_a_user_who_can_sign_in(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        sign_in(client, "admin")
        r = client.post(
            "/admin/users",
            data={
                "username": "dc.jones",
                "role": "supervisor",
                "team": "South",
                "password": "short",
                "csrf_token": csrf(client),
            },
        )
        assert r.status_code == 400 and "at least 12 characters" in r.text
        r = client.post(
            "/admin/users",
            data={
                "username": "dc.jones",
                "role": "supervisor",
                "team": "South",
                "password": PASSWORD,
                "csrf_token": csrf(client),
            },
        )
        assert r.status_code == 200 and "dc.jones" in r.text
    with TestClient(app) as client:
        sign_in(client, "dc.jones")
        assert client.get("/api/me").json() == {
            "username": "dc.jones",
            "role": "supervisor",
            "team": "South",
        }


def test_sign_out_ends_the_session(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        sign_in(client, "supervisor")
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/now").text).group(1)  # type: ignore[union-attr]
        client.post("/signout", data={"csrf_token": token})
        assert client.get("/api/me").status_code == 401


def test_forwarded_headers_are_believed_only_from_a_trusted_proxy(db_url: str) -> None:
    load_sample(db_url)
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    trusted = create_app(db_url, now=lambda: NOW, background=False, trusted_proxies=["testclient"])
    with TestClient(trusted) as client:
        assert "secure" in client.get("/signin", headers=headers).headers["set-cookie"].lower()
    untrusted = create_app(db_url, now=lambda: NOW, background=False, trusted_proxies=["10.0.0.1"])
    with TestClient(untrusted) as client:
        assert "secure" not in client.get("/signin", headers=headers).headers["set-cookie"].lower()

"""Accounts and sessions: per-account lock-out, server-side sessions that end everywhere at
once, account management in the web app and at the command line, every change logged."""

from __future__ import annotations

import io
import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from test_web_access import csrf, sign_in
from test_web_support import NOW, PASSWORD, add_users, load_sample

from safeguard.cli import main
from safeguard.records.clock import utc_now
from safeguard.store.engine import open_engine
from safeguard.web import accounts, create_app
from safeguard.web.accesslog import Actor
from safeguard.web.auth import LOCK_AFTER, lock_for

ADMIN = Actor(None, "test-admin", "admin")


@pytest.fixture
def db(db_url: str) -> str:
    load_sample(db_url)
    add_users(db_url)
    return db_url


@pytest.fixture
def app(db: str):  # type: ignore[no-untyped-def]
    return create_app(db, now=lambda: NOW, background=False, sse_lifetime_s=0.1)


def _try(client: TestClient, username: str, password: str) -> int:
    r = client.post(
        "/signin",
        data={"username": username, "password": password, "csrf_token": csrf(client)},
        follow_redirects=False,
    )
    return r.status_code


def _log(db: str, where: str = "1=1") -> list[tuple[str, ...]]:
    engine = sa.create_engine(db)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT username, action, record_type, record_id, reason FROM web_access_log "
                f"WHERE {where} ORDER BY id"
            )
        ).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def test_failures_on_other_accounts_never_refuse_a_correct_password(app, db: str) -> None:  # type: ignore[no-untyped-def]
    # Every request comes from one address (a force proxy): one account's failures, and
    # guesses at names that are no account, must not lock anyone else out.
    with TestClient(app) as client:
        for _ in range(LOCK_AFTER + 3):
            assert _try(client, "officer", "wrong password!") in (401, 429)
            assert _try(client, "nobody-at-all", "wrong password!") in (401, 429)
        assert _try(client, "officer", PASSWORD) == 429  # that account is locked
        assert _try(client, "supervisor", PASSWORD) == 303  # everyone else signs in
    refused = _log(db, "action = 'refused'")
    assert {r[3] for r in refused} == {"officer"}  # names that are no account are not logged
    assert [r[4] for r in refused][:LOCK_AFTER] == ["Sign-in failed"] * LOCK_AFTER
    assert refused[-1][4] == "Sign-in refused: account locked"


def test_lock_backs_off_and_an_admin_sees_and_unlocks_it(app, db: str) -> None:  # type: ignore[no-untyped-def]
    assert [lock_for(n) for n in range(LOCK_AFTER)] == [None] * LOCK_AFTER
    assert lock_for(LOCK_AFTER) == timedelta(minutes=1)
    assert lock_for(LOCK_AFTER + 1) == timedelta(minutes=2)
    assert lock_for(LOCK_AFTER + 3) == timedelta(minutes=8)
    assert lock_for(LOCK_AFTER + 30) == timedelta(hours=1)
    engine = open_engine(db)
    now = utc_now()
    for _ in range(LOCK_AFTER):
        assert accounts.attempt_sign_in(engine, "officer", "wrong password!", now).user is None
    locked = accounts.attempt_sign_in(engine, "officer", PASSWORD, now)
    assert locked.user is None and locked.locked_until == now + timedelta(minutes=1)
    # After the lock, one more failure locks for twice as long.
    later = now + timedelta(minutes=2)
    assert accounts.attempt_sign_in(engine, "officer", "wrong again!!", later).user is None
    again = accounts.attempt_sign_in(engine, "officer", PASSWORD, later)
    assert again.locked_until == later + timedelta(minutes=2)
    engine.dispose()
    with TestClient(app) as client:
        sign_in(client, "admin")
        page = client.get("/admin/users").text
        assert "Locked" in page and "after 6 failed sign-ins" in page
        r = client.post(
            "/admin/users/officer", data={"change": "unlock", "csrf_token": csrf(client)}
        )
        assert "The account was unlocked." in r.text
    with TestClient(app) as client:
        sign_in(client, "officer")
    assert (
        "admin",
        "change",
        "account",
        "officer",
        "Account unlocked after failed sign-ins",
    ) in _log(db)


def test_a_cookie_copied_before_sign_out_no_longer_works(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        sign_in(client, "supervisor")
        copied = client.cookies["sg_session"]
        client.post("/signout", data={"csrf_token": csrf(client)})
    with TestClient(app) as thief:
        thief.cookies.set("sg_session", copied)
        assert thief.get("/api/me").status_code == 401


@pytest.mark.parametrize("change", ["disable", "password", "role"])
def test_account_changes_end_every_session_of_that_account(app, db: str, change: str) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as one, TestClient(app) as two, TestClient(app) as other:
        sign_in(one, "officer")
        sign_in(two, "officer")
        sign_in(other, "supervisor")
        engine = open_engine(db)
        if change == "disable":
            accounts.disable(engine, "officer", ADMIN)
        elif change == "password":
            accounts.reset_password(engine, "officer", "a new long password", ADMIN)
        else:
            accounts.change_role(engine, "officer", "supervisor", "North", ADMIN)
        engine.dispose()
        assert one.get("/api/me").status_code == 401
        assert two.get("/api/me").status_code == 401
        assert other.get("/api/me").status_code == 200


def test_disabling_an_account_ends_its_open_live_stream(db: str) -> None:
    app = create_app(db, now=lambda: NOW, background=False, sse_lifetime_s=60)
    body: list[str] = []
    with TestClient(app) as client:
        sign_in(client, "officer")

        def listen() -> None:
            body.append(client.get("/now/events").text)

        listener = threading.Thread(target=listen, daemon=True)
        listener.start()
        listener.join(timeout=1.5)  # the stream is open and sending
        engine = open_engine(db)
        accounts.disable(engine, "officer", ADMIN)
        engine.dispose()
        listener.join(timeout=20)  # it would otherwise run for its 60 s lifetime
        assert not listener.is_alive()
    assert "event: queue" in body[0] and "event: signedout" in body[0]


def test_admin_manages_accounts_in_the_web_app_and_every_change_is_logged(app, db: str) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        sign_in(client, "admin")

        def post(url: str, **data: str) -> str:
            r = client.post(url, data={**data, "csrf_token": csrf(client)})
            return r.text

        # A team must be one the records know.
        text = post(
            "/admin/users", username="dc.typo", role="supervisor", team="Nroth", password=PASSWORD
        )
        assert "no children in the records belong to a team called" in text.lower()
        assert "North, South" in text
        # A lead sees every team: the admin must say that is intended.
        text = post("/admin/users", username="lead2", role="safeguarding_lead", password=PASSWORD)
        assert "sees every team" in text
        text = post(
            "/admin/users",
            username="lead2",
            role="safeguarding_lead",
            password=PASSWORD,
            all_teams="yes",
        )
        assert "The account was added." in text
        assert "disabled" in post("/admin/users/officer", change="disable")
        assert "Disabled" in client.get("/admin/users").text
        assert "enabled" in post("/admin/users/officer", change="enable")
        text = post("/admin/users/officer", change="role", role="supervisor", team="Nroth")
        assert "no children in the records belong to a team called" in text.lower()
        assert "changed" in post(
            "/admin/users/officer", change="role", role="supervisor", team="South"
        )
        assert "reset" in post(
            "/admin/users/officer", change="password", password="another good one"
        )
        assert "cannot disable your own" in post("/admin/users/admin", change="disable")
    with TestClient(app) as client:
        assert _try(client, "officer", "another good one") == 303
        assert client.get("/api/me").json()["team"] == "South"
    changes = [r[3:] for r in _log(db, "record_type = 'account' AND username = 'admin'")]
    assert changes == [
        ("lead2", "Account added as safeguarding lead (sees every team's children)"),
        ("officer", "Account disabled"),
        ("officer", "Account enabled"),
        ("officer", "Role changed from officer in team North to supervisor in team South"),
        ("officer", "Password reset"),
    ]


def test_user_command_manages_accounts(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["user", "list", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "officer_south" in out and "enabled" in out
    assert main(["user", "disable", "officer", "--db", db]) == 0
    assert main(["user", "list", "--db", db]) == 0
    assert "disabled" in capsys.readouterr().out
    assert main(["user", "enable", "officer", "--db", db]) == 0
    assert main(["user", "unlock", "officer", "--db", db]) == 0
    assert (
        main(["user", "set-role", "officer", "--role", "supervisor", "--team", "Sooth", "--db", db])
        == 2
    )
    assert "the teams are: North, South" in capsys.readouterr().err
    assert (
        main(["user", "set-role", "officer", "--role", "officer", "--team", "South", "--db", db])
        == 0
    )
    monkeypatch.setattr("sys.stdin", io.StringIO("a brand new password\n"))
    assert main(["user", "reset-password", "officer", "--password-stdin", "--db", db]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert (
        main(
            [
                "user",
                "add",
                "x",
                "--role",
                "officer",
                "--team",
                "Westt",
                "--password-stdin",
                "--db",
                db,
            ]
        )
        == 2
    )
    assert main(["user", "disable", "nobody", "--db", db]) == 2
    assert "there is no account called 'nobody'" in capsys.readouterr().err
    reasons = [r[4] for r in _log(db, "record_type = 'account' AND record_id = 'officer'")]
    assert reasons[-5:] == [
        "Account disabled",
        "Account enabled",
        "Account unlocked after failed sign-ins",
        "Role changed from officer in team North to officer in team South",
        "Password reset",
    ]
    engine = open_engine(db)
    now = utc_now()
    assert accounts.attempt_sign_in(engine, "officer", "a brand new password", now).user is not None
    engine.dispose()


def test_a_team_is_named_as_the_records_spell_it(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Capitals and spaces do not matter in --team, as in 'audit --team'; the account keeps
    the records' spelling, so it sees that team's children."""
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    args = ["user", "add", "sam", "--role", "supervisor", "--team", " south ", "--password-stdin"]
    assert main([*args, "--db", db]) == 0
    capsys.readouterr()
    assert main(["user", "list", "--db", db]) == 0
    (row,) = [line for line in capsys.readouterr().out.splitlines() if line.startswith("sam")]
    assert "South" in row and "south" not in row

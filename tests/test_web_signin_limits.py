"""The per-address sign-in limit: password spraying from one address is slowed, a correct
password is never refused because of other accounts' failures, and the address is the real
client's only behind a trusted proxy."""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from test_web_access import csrf
from test_web_support import NOW, PASSWORD, add_users, load_sample

from safeguard.web import auth, create_app
from safeguard.web.auth import ADDRESS_ALLOWANCE, ADDRESS_INTERVAL_S, AddressLimiter

OFFICE = ("10.20.0.5", 40000)  # everyone behind the force's proxy shares this address


@pytest.fixture
def db(db_url: str) -> str:
    load_sample(db_url)
    add_users(db_url)
    return db_url


def _try(client: TestClient, username: str, password: str, **headers: str):  # type: ignore[no-untyped-def]
    token = csrf(client)
    return client.post(
        "/signin",
        data={"username": username, "password": password, "csrf_token": token},
        headers=headers,
        follow_redirects=False,
    )


def _spray(client: TestClient, n: int = ADDRESS_ALLOWANCE, **headers: str) -> None:
    """One wrong password on each of many accounts, most of which do not exist."""
    names = ["officer", "supervisor", "auditor"] + [f"guess{i}" for i in range(n)]
    for name in names[:n]:
        r = _try(client, name, "Summer2026!!", **headers)
        assert r.status_code == 401


def test_the_limiter_counts_failures_only_and_takes_turns() -> None:
    lim = AddressLimiter()
    for i in range(ADDRESS_ALLOWANCE - 1):
        lim.failed("a", float(i))
    assert lim.turn("a", 30.0) == 0.0 and not lim.slowed("a", 30.0)
    lim.failed("a", 31.0)
    assert lim.slowed("a", 31.0) and not lim.slowed("b", 31.0)
    # Over the allowance: one check per interval, later attempts wait their turn...
    assert lim.turn("a", 32.0) == 0.0
    assert lim.turn("a", 32.0) == pytest.approx(ADDRESS_INTERVAL_S)
    assert lim.turn("a", 32.0) == pytest.approx(2 * ADDRESS_INTERVAL_S)
    # ...until the queue is too long (a flood): asked to try again, nothing checked.
    while (w := lim.turn("a", 32.0)) is not None:
        assert w <= auth.ADDRESS_MAX_WAIT_S
    # Failures age out of the window.
    assert not lim.slowed("a", 31.0 + auth.ADDRESS_WINDOW_S + 1)


def test_spraying_from_one_address_never_refuses_a_correct_password(db: str) -> None:
    app = create_app(db, now=lambda: NOW, background=False)
    with TestClient(app, client=OFFICE) as attacker:
        _spray(attacker)
    assert app.state.sg.addresses.slowed(OFFICE[0], time.monotonic())
    # A colleague behind the same proxy, on a new browser: their turn comes, and the correct
    # password signs them in.
    with TestClient(app, client=OFFICE) as colleague:
        r = _try(colleague, "supervisor", PASSWORD)
        assert r.status_code == 303, r.text
        assert "sg_device=" in r.headers.get("set-cookie", "")
    # Another address is not slowed at all.
    assert not app.state.sg.addresses.slowed("10.20.0.6", time.monotonic())


def test_a_flood_is_asked_to_wait_but_a_known_browser_signs_in(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(db, now=lambda: NOW, background=False)
    with TestClient(app, client=OFFICE) as browser:  # signed in here before
        assert _try(browser, "supervisor", PASSWORD).status_code == 303
        browser.post("/signout", data={"csrf_token": csrf(browser)})
        device = browser.cookies.get("sg_device")
    assert device
    with TestClient(app, client=OFFICE) as attacker:
        _spray(attacker)
        monkeypatch.setattr(auth, "ADDRESS_MAX_WAIT_S", -1.0)  # the queue is full
        r = _try(attacker, "officer", PASSWORD)
        assert r.status_code == 429 and "slowed down" in r.text
        assert "sg_session=s." not in r.headers.get("set-cookie", "")
    # The supervisor's own browser is not held up by the flood, and is not refused.
    with TestClient(app, client=OFFICE, cookies={"sg_device": device}) as own:
        assert _try(own, "supervisor", PASSWORD).status_code == 303
    # A device cookie for one account does not help another account.
    with TestClient(app, client=OFFICE, cookies={"sg_device": device}) as other:
        assert _try(other, "officer", PASSWORD).status_code == 429
    engine = sa.create_engine(db)
    with engine.connect() as conn:
        refused = conn.execute(
            sa.text(
                "SELECT record_id, reason FROM web_access_log "
                "WHERE action = 'refused' AND record_type = 'address'"
            )
        ).all()
    engine.dispose()
    assert [r[0] for r in refused] == [OFFICE[0], OFFICE[0]]
    assert "network address" in refused[0][1]


def test_the_address_is_the_real_clients_only_behind_a_trusted_proxy(db: str) -> None:
    proxy = ("10.0.0.2", 5000)
    trusted = create_app(db, now=lambda: NOW, background=False, trusted_proxies=["10.0.0.2"])
    with TestClient(trusted, client=proxy) as client:
        _spray(client, **{"X-Forwarded-For": "203.0.113.7"})
    lim = trusted.state.sg.addresses
    assert lim.slowed("203.0.113.7", time.monotonic())  # the client behind the proxy
    assert not lim.slowed("10.0.0.2", time.monotonic())  # not everyone behind the proxy

    # From a peer that is not a trusted proxy, a forwarded-for header is a lie: ignored.
    untrusted = create_app(db, now=lambda: NOW, background=False, trusted_proxies=["10.0.0.2"])
    with TestClient(untrusted, client=("198.51.100.4", 5000)) as client:
        for i in range(ADDRESS_ALLOWANCE):
            r = _try(client, f"guess{i}", "Summer2026!!", **{"X-Forwarded-For": f"192.0.2.{i}"})
            assert r.status_code == 401
    lim = untrusted.state.sg.addresses
    assert lim.slowed("198.51.100.4", time.monotonic())
    assert not any(lim.slowed(f"192.0.2.{i}", time.monotonic()) for i in range(ADDRESS_ALLOWANCE))


def test_password_checks_run_a_few_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each argon2 check takes 64 MiB: a burst of sign-ins works them out a few at a time."""
    import threading

    from argon2 import PasswordHasher

    running, most = 0, 0
    lock = threading.Lock()

    class Counting(PasswordHasher):  # the real hasher, counting how many run at once
        def verify(self, hash: str | bytes, password: str | bytes) -> bool:  # noqa: A002
            nonlocal running, most
            with lock:
                running += 1
                most = max(most, running)
            try:
                return super().verify(hash, password)
            finally:
                with lock:
                    running -= 1

    hashed = auth.hash_password(PASSWORD)
    monkeypatch.setattr(auth, "_hasher", Counting())
    results: list[bool] = []
    threads = [
        threading.Thread(target=lambda: results.append(auth.verify_password(hashed, PASSWORD)))
        for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [True] * 8
    assert 1 <= most <= auth.MAX_CONCURRENT_CHECKS

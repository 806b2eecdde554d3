"""Access control: every route has a rule, and every role gets what the rule says."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from starlette.routing import Mount
from test_web_support import NOW, PASSWORD, add_users, load_sample

from safeguard.web import create_app
from safeguard.web.models import ROLES
from safeguard.web.policy import PolicyError, load_policy

#: Concrete values for path parameters (records of team North, except where noted).
PARAMS = {"child_id": "C-N1", "episode_id": "E-N1-3", "note_id": "NT-1"}


def route_keys(app) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(method, path template) for every route, including those in included routers."""
    keys = []
    for rc in iter_route_contexts(app.routes):
        if isinstance(getattr(rc, "original_route", None), Mount):
            keys.append(("GET", rc.path))
            continue
        for method in sorted(rc.methods or {"GET"}):
            if method != "HEAD":
                keys.append((method, rc.path))
    assert len(keys) > 20  # the walk found the routes
    return keys


@pytest.fixture
def app_url(db_url: str) -> str:
    load_sample(db_url)
    add_users(db_url)
    return db_url


@pytest.fixture
def app(app_url: str):  # type: ignore[no-untyped-def]
    return create_app(app_url, now=lambda: NOW, background=False, sse_lifetime_s=0.1)


def sign_in(client: TestClient, username: str) -> None:
    page = client.get("/signin")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    r = client.post(
        "/signin",
        data={"username": username, "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text


def open_child(client: TestClient, child_id: str, reason: str = "review") -> str:
    """Open a child's page the way a person does: choose the reason, then read the page."""
    page = client.get(f"/children/{child_id}")
    if "Why are you opening" in page.text:
        page = client.post(
            f"/children/{child_id}/purpose", data={"reason": reason, "csrf_token": csrf(client)}
        )
    assert page.status_code == 200, page.text
    return page.text


def csrf(client: TestClient) -> str:
    page = client.get("/signin" if "sg_session" not in client.cookies else "/")
    m = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    if m:
        return m.group(1)
    from safeguard.web.auth import SESSION_COOKIE

    app = client.app
    return app.state.sg.signer.loads(client.cookies.get(SESSION_COOKIE)).csrf  # type: ignore[attr-defined]


def test_every_route_has_a_rule() -> None:
    app = create_app("sqlite://", background=False)
    policy = load_policy()
    missing = [f"{m} {p}" for m, p in route_keys(app) if policy.rule_for(m, p) is None]
    assert missing == [], f"routes with no access rule in access.yml: {missing}"
    stale = set(policy.routes) - {f"{m} {p}" for m, p in route_keys(app)}
    assert stale == set(), f"rules for routes that do not exist: {stale}"


def test_policy_file_is_validated() -> None:
    with pytest.raises(PolicyError, match="unknown role"):
        load_policy(
            "scopes: {officer: team, supervisor: team, safeguarding_lead: all, auditor: all, admin: none}\nroutes:\n  'GET /x': {roles: [chief]}\n"
        )
    with pytest.raises(PolicyError, match="needs a scope"):
        load_policy("scopes: {officer: team}\nroutes: {}\n")


def test_serve_refuses_to_start_on_a_broken_access_table(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # an edited access.yml that is not valid: the CLI names the problem, with no traceback,
    # before it builds anything or starts a worker
    from safeguard import cli
    from safeguard.web import policy

    real = policy.load_policy
    monkeypatch.setattr(
        policy, "load_policy", lambda text=None: real("scopes: {officer: team}\nroutes: {}\n")
    )
    assert cli.main(["serve", "--demo", "--port", "8791"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith("safeguard: error: ") and "needs a scope" in err
    assert "Traceback" not in err


def _request(client: TestClient, method: str, path: str) -> int:
    url = path
    for name, value in PARAMS.items():
        url = url.replace("{" + name + "}", value)
    if method == "GET":
        return client.get(url, follow_redirects=False).status_code
    data = {"csrf_token": csrf(client)}
    if "{note_id}" in path:
        data.update({"flag_key": "none@0", "decision": "dismissed", "reason": "test"})
    if path == "/admin/users":
        data.update({"username": "new.user", "role": "auditor", "password": PASSWORD})
    return client.post(url, data=data, follow_redirects=False).status_code


def _cases(app) -> Iterator[tuple[str | None, str, str]]:  # type: ignore[no-untyped-def]
    for method, path in route_keys(app):
        for role in (None, *ROLES):
            yield role, method, path


def test_every_role_on_every_route(app) -> None:  # type: ignore[no-untyped-def]
    """Anonymous -> 401 (API) or sign-in redirect (pages); a role not in the rule -> 403."""
    policy = load_policy()
    failures = []
    for role in (None, *ROLES):
        with TestClient(app) as client:
            if role:
                sign_in(client, role)
            # Sign-out last: it ends the session the other requests use.
            for method, path in sorted(route_keys(app), key=lambda k: k[1] == "/signout"):
                if path == "/static":
                    path = "/static/style.css"
                rule = policy.rule_for(method, path if path != "/static/style.css" else "/static")
                status = _request(client, method, path)
                if rule.public:
                    ok = status < 500 and status not in (401, 403)
                elif role is None:
                    expected = (
                        303
                        if method == "GET"
                        and not path.startswith("/api/")
                        and not path.endswith("/events")
                        else 401
                    )
                    ok = status == expected
                elif role not in rule.roles:
                    ok = status == 403
                else:
                    # Allowed: anything but a refusal (a missing flag is a 400, a new user 303).
                    scope = policy.scope_of(role)
                    ok = (
                        status not in (401, 403) and status < 500
                        if scope != "none"
                        or not any(p in path for p in ("{child_id}", "{episode_id}", "{note_id}"))
                        else status == 403
                    )
                if not ok:
                    failures.append(f"{role or 'anonymous'} {method} {path}: {status}")
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize(
    ("user", "url", "expected"),
    [
        ("supervisor", "/children/C-N1", 200),  # own team
        ("supervisor", "/children/C-S1", 404),  # another team: same answer as no such child
        ("officer_south", "/children/C-S1", 200),
        ("officer_south", "/api/episodes/E-N1-3", 404),
        ("safeguarding_lead", "/api/children/C-S1", 200),  # all teams
        ("supervisor", "/api/children/NO-SUCH", 404),
        ("auditor", "/children/C-S1", 200),
    ],
)
def test_team_scoping(app, user: str, url: str, expected: int) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        sign_in(client, user)
        assert client.get(url).status_code == expected


def test_team_scoped_lists_hide_other_teams(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        sign_in(client, "supervisor")
        ids = {c["id"] for c in client.get("/api/children").json()["children"]}
        assert ids == {"C-N1", "C-N2"}
        queue = client.get("/api/queue").json()["sections"]
        assert {q["child_id"] for sec in queue.values() for q in sec["items"]} <= {"C-N1", "C-N2"}
        assert "C-S1" not in client.get("/now").text


def test_anonymous_api_gets_401_and_pages_go_to_sign_in(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as client:
        r = client.get("/api/children")
        assert r.status_code == 401
        assert r.json() == {"detail": "Please sign in."}
        r = client.get("/children/C-N1", follow_redirects=False)
        assert (r.status_code, r.headers["location"]) == (303, "/signin?next=%2Fchildren%2FC-N1")

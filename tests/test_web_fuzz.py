"""Fuzz the JSON API against its own OpenAPI description: no input may cause a server error."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from test_web_support import NOW, add_users, load_sample

from safeguard.store.engine import open_engine
from safeguard.web import create_app, sessions
from safeguard.web.auth import SESSION_COOKIE, SIGNED_IN_PREFIX

_DB = f"sqlite:///{Path(tempfile.mkdtemp(prefix='sg-web-fuzz-')) / 'fuzz.db'}"
load_sample(_DB)
add_users(_DB)
APP = create_app(_DB, now=lambda: NOW, background=False)


def _cookie(username: str) -> str:
    import sqlalchemy as sa

    engine = open_engine(_DB)
    with engine.connect() as conn:
        uid = conn.execute(
            sa.text("SELECT id FROM web_users WHERE username = :u"), {"u": username}
        ).scalar_one()
    token, _session = sessions.start(engine, uid)
    engine.dispose()
    return f"{SESSION_COOKIE}={SIGNED_IN_PREFIX}{token}"


COOKIES = {"lead": _cookie("safeguarding_lead"), "officer": _cookie("officer")}
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_fails_with_a_server_error(case) -> None:  # type: ignore[no-untyped-def]
    for cookie in (None, COOKIES["lead"], COOKIES["officer"]):
        headers = {"Cookie": cookie} if cookie else {}
        response = case.call(headers=headers)
        case.validate_response(response, checks=[not_a_server_error])
        if cookie is None and case.method == "GET":
            assert response.status_code == 401

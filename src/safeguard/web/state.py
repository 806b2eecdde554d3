"""What the app keeps for its lifetime, and the helpers pages share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.engine import Engine

from safeguard.web.auth import AddressLimiter, SessionSigner, UnknownNameLimiter
from safeguard.web.cache import StampCache
from safeguard.web.flags import FlagCache
from safeguard.web.live import Live
from safeguard.web.policy import Policy
from safeguard.web.queue import QueueSettings


@dataclass
class AppState:
    engine: Engine
    policy: Policy
    signer: SessionSigner
    unknown_names: UnknownNameLimiter
    addresses: AddressLimiter
    templates: Jinja2Templates
    settings: QueueSettings
    flags: FlagCache
    live: Live
    now: Callable[[], datetime]
    #: Lists and figures read from the stored results, per version of them.
    results_cache: StampCache


def sg(request: Request) -> AppState:
    return request.app.state.sg


NAV = [
    ("/now", "Now"),
    ("/children", "Children"),
    ("/dashboard", "Dashboard"),
    ("/access-log", "Access log"),
    ("/admin/users", "Users"),
]


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    state = sg(request)
    user = getattr(request.state, "user", None)
    session = getattr(request.state, "session", None)
    nav = []
    if user is not None:
        for path, label in NAV:
            rule = state.policy.rule_for("GET", path)
            if rule and (rule.public or user.role in rule.roles):
                nav.append((path, label))
    ctx: dict[str, Any] = {
        "user": user,
        "nav": nav,
        "csrf_token": session.csrf if session else "",
        "path": request.url.path,
        "server_now": state.now(),
    }
    ctx.update(context or {})
    return state.templates.TemplateResponse(request, template, ctx, status_code=status_code)

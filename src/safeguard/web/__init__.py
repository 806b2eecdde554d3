"""The web app for supervisors: the Now queue, case timelines, challenge of flagged language,
the audit dashboard and the access log, over the same store as the CLI.

Entry point: :func:`safeguard.web.app.create_app` (``safeguard serve`` runs it).
"""

from __future__ import annotations

from typing import Any


def create_app(db_url: str | None = None, **kwargs: Any) -> Any:
    from safeguard.web.app import create_app as _create_app

    return _create_app(db_url, **kwargs)

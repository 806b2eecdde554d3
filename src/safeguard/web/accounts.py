"""Creating accounts (used by the admin page and ``safeguard user add``)."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from safeguard.records.clock import utc_now
from safeguard.web.auth import hash_password
from safeguard.web.models import ROLES, User


def create_user(engine: Engine, username: str, role: str, password: str, team: str | None) -> User:
    """Add an account; raises ``sqlalchemy.exc.IntegrityError`` if the name is taken."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    with Session(engine) as db, db.begin():
        user = User(
            username=username,
            password_hash=hash_password(password),
            role=role,
            team=team,
            active=True,
            created_at=utc_now(),
        )
        db.add(user)
        db.flush()
        db.expunge(user)
    return user

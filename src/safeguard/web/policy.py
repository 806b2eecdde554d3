"""The central access policy: which roles may use which route, and over which teams.

The table is data (``access.yml``); :func:`load_policy` validates it and :class:`Policy`
answers the two questions every request asks: may this role use this route at all, and may this
user see this child's records.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import yaml

from safeguard.errors import KnowledgeFileError
from safeguard.web.models import ROLES

SCOPES = ("team", "all", "none")


@dataclass(frozen=True)
class Rule:
    public: bool
    roles: frozenset[str]


@dataclass(frozen=True)
class Policy:
    scopes: dict[str, str]
    routes: dict[str, Rule]

    def rule_for(self, method: str, path: str) -> Rule | None:
        """The rule for a route template such as ``GET /children/{child_id}``."""
        if method == "HEAD":
            method = "GET"
        return self.routes.get(f"{method} {path}")

    def can_see_team(self, role: str, user_team: str | None, record_team: str | None) -> bool:
        """Whether a user may see the records of a child owned by ``record_team``."""
        scope = self.scopes.get(role, "none")
        if scope == "all":
            return True
        if scope == "team":
            return user_team is not None and user_team == record_team
        return False

    def scope_of(self, role: str) -> str:
        return self.scopes.get(role, "none")


class PolicyError(KnowledgeFileError):
    pass


def load_policy(text: str | None = None) -> Policy:
    """Read and check the access table; errors say what to fix."""
    if text is None:
        text = resources.files("safeguard.web").joinpath("access.yml").read_text("utf-8")
    raw = yaml.safe_load(text) or {}
    scopes = raw.get("scopes") or {}
    for role in ROLES:
        if scopes.get(role) not in SCOPES:
            raise PolicyError(
                f"access.yml: role '{role}' needs a scope, one of {', '.join(SCOPES)}"
            )
    unknown = set(scopes) - set(ROLES)
    if unknown:
        raise PolicyError(f"access.yml: unknown role(s) in scopes: {', '.join(sorted(unknown))}")
    routes: dict[str, Rule] = {}
    for key, spec in (raw.get("routes") or {}).items():
        method, _, path = str(key).partition(" ")
        if method not in {"GET", "POST", "PUT", "PATCH", "DELETE"} or not path.startswith("/"):
            raise PolicyError(f"access.yml: route '{key}' must look like 'GET /path'")
        spec = spec or {}
        public = bool(spec.get("public", False))
        roles = frozenset(spec.get("roles") or [])
        bad = roles - set(ROLES)
        if bad:
            raise PolicyError(f"access.yml: route '{key}' names unknown role(s) {sorted(bad)}")
        if public == bool(roles):
            raise PolicyError(
                f"access.yml: route '{key}' must be either public: true or list roles, not both"
            )
        routes[key] = Rule(public=public, roles=roles)
    return Policy(scopes=dict(scopes), routes=routes)

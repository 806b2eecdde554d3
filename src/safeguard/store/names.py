"""Plain-English names for the exchange entities, for messages to supervisors."""

from __future__ import annotations

NAMES: dict[str, tuple[str, str]] = {
    "children": ("child", "children"),
    "missing_episodes": ("missing episode", "missing episodes"),
    "risk_assessments": ("risk assessment", "risk assessments"),
    "episode_actions": ("action on a missing episode", "actions on missing episodes"),
    "safe_and_well_checks": ("safe and well check", "safe and well checks"),
    "return_home_interviews": ("return home interview", "return home interviews"),
    "investigations": ("exploitation investigation", "exploitation investigations"),
    "supervisor_reviews": ("supervisor review", "supervisor reviews"),
    "lines_of_enquiry": ("line of enquiry", "lines of enquiry"),
    "suspects": ("suspect", "suspects"),
    "disruption_actions": ("disruption action", "disruption actions"),
    "key_decisions": ("key decision", "key decisions"),
    "victim_contacts": ("contact with a child or parent", "contacts with children or parents"),
    "referrals": ("referral", "referrals"),
    "notes": ("note", "notes"),
}


def count_of(entity: str, n: int) -> str:
    """``"1,204 children"`` / ``"1 child"``."""
    one, many = NAMES.get(entity, (entity, entity))
    return f"{n:,} {one if n == 1 else many}"


def join(parts: list[str]) -> str:
    if not parts:
        return "nothing"
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def safe_url(url: str) -> str:
    """A database URL without its password, for messages."""
    from safeguard.store.address import shown

    return shown(url)

"""Small helpers for messages written as English sentences."""

from __future__ import annotations


def a_or_an(noun: str) -> str:
    """``noun`` after "a" or "an" as it is said: "an investigation", "a user", "a team"."""
    low = noun.lower()
    vowel = low[:1] in ("a", "e", "i", "o", "u") and not low.startswith(("uni", "use", "usu"))
    return f"{'an' if vowel else 'a'} {noun}"

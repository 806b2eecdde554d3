"""Officers as force records write them: "PS 3318", "Insp 0977", "A/DS 1815 Khan".

One reading of who wrote or did something, for every check that asks "the same officer?" or
"a supervisor?".
"""

from __future__ import annotations

from collections.abc import Iterable

#: Prefixes for acting or temporary rank ("A/PS 3318", "T/DI 0307").
_ACTING = ("a/", "t/", "acting ", "temporary ")


def _tokens(person: str | None) -> list[str]:
    return " ".join((person or "").lower().replace(".", " ").split()).split(" ") if person else []


def rank_of(person: str | None) -> str:
    """The rank written before an officer's number, lower case ("a/ps 3318" -> "ps")."""
    text = " ".join(_tokens(person))
    for p in _ACTING:
        if text.startswith(p):
            text = text[len(p) :]
    return text.split(" ")[0] if text else ""


def same_person(a: str | None, b: str | None) -> bool:
    """Two ways of writing one officer: equal, or one is the other with more words after it
    ("PC 3051" and "PC 3051 Smith")."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return False
    n = min(len(ta), len(tb))
    return n >= 2 and ta[:n] == tb[:n] or ta == tb


def is_supervisor(person: str | None, role: str | None, ranks: Iterable[str]) -> bool:
    """The person's rank ("PS 3318") or their recorded role ("Inspector") is a supervisor's."""
    wanted = {r.lower().strip() for r in ranks}
    return rank_of(person) in wanted or " ".join(_tokens(role)) in wanted

"""Which later notes challenge the wording of an earlier note.

Force systems rarely link a supervisor's challenge to the note it corrects. A challenge is a
later note that either

* is linked to the note (``challenges_note_id``), or
* is written by a supervisor, names (quotes) the earlier wording, and corrects it: it says the
  wording is wrong ("not appropriate", "use accurate language", "cannot consent", ...) or
  denies it ("she is not 'exchanging sex for cannabis'").

A supervisor who quotes the wording to agree with it ("Agree she is 'putting herself at
risk'") has not challenged it. The words that mark a correction, and the roles that count as
a supervisor, are parameters of the standard (``standards.yml``), not constants here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from safeguard.people import is_supervisor
from safeguard.records.schema import Note

_QUOTES = "'\"‘’“”"


@dataclass(frozen=True, slots=True)
class Challenge:
    """A note that challenges an earlier note's wording."""

    note: Note
    linked: bool  # linked by ``challenges_note_id`` rather than recognised from its words
    named: str  # the earlier words it names ('' when linked without naming them)


def _norm(text: str) -> str:
    text = text.lower()
    for q in _QUOTES:
        text = text.replace(q, "'")
    return " ".join(text.split())


def _words_re(words: Iterable[str]) -> re.Pattern[str] | None:
    alts = [re.escape(_norm(w)) for w in words if w.strip()]
    if not alts:
        return None
    return re.compile(
        r"(?<![a-z])(?:" + "|".join(sorted(alts, key=len, reverse=True)) + r")(?![a-z])"
    )


def _denies(text: str, named_at: int) -> bool:
    """The words just before the named wording deny it ("is not 'X'", "isn't 'X'")."""
    before = text[max(0, named_at - 14) : named_at]
    return bool(re.search(r"(?:\bnot|n't|\bnever)\s*'?\s*$", before))


def challenge_of(
    flagged: Note,
    words: Sequence[str],
    later: Note,
    *,
    cues: Sequence[str],
    roles: Sequence[str],
) -> Challenge | None:
    """``later`` as a challenge of ``flagged``'s ``words``, or None."""
    if later.id == flagged.id or later.written_at < flagged.written_at:
        return None
    if later.challenges_note_id == flagged.id:
        return Challenge(later, True, "")
    if later.challenges_note_id or not is_supervisor(later.author, later.author_role, roles):
        return None
    pattern = _words_re(words)
    if pattern is None:
        return None
    text = _norm(later.text)
    named = list(pattern.finditer(text))
    if not named:
        return None
    corrects = any(_norm(c) in text for c in cues) or any(_denies(text, m.start()) for m in named)
    if not corrects:
        return None
    return Challenge(later, False, named[0].group(0))


def find_challenges(
    notes: Sequence[Note],
    flagged: Mapping[str, Sequence[str]],
    *,
    cues: Sequence[str],
    roles: Sequence[str],
) -> dict[str, list[Challenge]]:
    """For each flagged note id (-> its flagged words), the later notes that challenge it,
    earliest first."""
    by_id = {n.id: n for n in notes}
    out: dict[str, list[Challenge]] = {}
    for nid, words in flagged.items():
        note = by_id.get(nid)
        if note is None:
            continue
        found = [
            c
            for later in notes
            if (c := challenge_of(note, words, later, cues=cues, roles=roles)) is not None
        ]
        if found:
            out[nid] = sorted(found, key=lambda c: c.note.written_at)
    return out

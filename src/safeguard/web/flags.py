"""Flagged language in notes, from :mod:`safeguard.language`, with per-note caching."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from typing import Any

from safeguard.records import schema as s
from safeguard.textrules.match import HasSpan, Span


@dataclass(frozen=True)
class Flag(HasSpan):
    """One flagged phrase in a note, as shown to a supervisor (``span``: the same type the rule
    match, the language finding and the audit's evidence carry)."""

    span: Span
    category: str
    rule: str
    message: str
    suggestion: str
    source: str
    #: for a sentence only the model flagged: the words that weighed most in its judgement
    model_words: tuple[Span, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.rule}@{self.start}"


def _checker() -> Any:
    try:
        from safeguard.language import check
    except ImportError:  # the language checker is not installed in this build
        return None
    return check


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return str(value)


#: Notes remembered (flags and raw findings, each); beyond this the oldest half is forgotten, so
#: that a long-running server's memory stays bounded however many records are opened.
CACHE_NOTES = 20_000


def _forget_oldest(cache: dict[str, Any]) -> None:
    if len(cache) > CACHE_NOTES:
        for key in list(cache)[: len(cache) // 2]:  # dicts keep insertion order
            del cache[key]


class FlagCache:
    """Runs the language checker once per note text and remembers the answer (the most
    recent :data:`CACHE_NOTES` notes)."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[Flag, ...]] = {}
        self._raw: dict[str, list[Any]] = {}
        self._lock = threading.Lock()
        self._check = _checker()
        self._ready = threading.Event()
        self._loading = threading.Lock()

    def warm(self) -> None:
        """Load the checker's rules and model now (once, whichever thread comes first), so
        that the first pages do not each load their own copy at the same time."""
        if self._check is None or self._ready.is_set():
            return
        with self._loading:
            if not self._ready.is_set():
                self._check("warm up")
                self._ready.set()

    @property
    def available(self) -> bool:
        return self._check is not None

    def check_text(self, text: str) -> list[Any]:
        """The checker's raw findings for a text (cached); empty if there is no checker."""
        if self._check is None:
            return []
        key = "raw:" + hashlib.sha256(text.encode()).hexdigest()
        with self._lock:
            hit = self._raw.get(key)
        if hit is None:
            self.warm()
            hit = list(self._check(text))
            with self._lock:
                self._raw[key] = hit
                _forget_oldest(self._raw)
        return hit

    def flags(self, note: s.Note) -> tuple[Flag, ...]:
        if self._check is None or note.challenges_note_id:
            return ()
        key = hashlib.sha256(f"{note.id}\0{note.text}".encode()).hexdigest()
        with self._lock:
            hit = self._cache.get(key)
        if hit is not None:
            return hit
        found = []
        for f in self.check_text(note.text):
            start, end = int(f.start), int(f.end)
            if not 0 <= start < end <= len(note.text):
                continue
            found.append(
                Flag(
                    span=Span(start, end, _as_text(getattr(f, "text", note.text[start:end]))),
                    category=_as_text(getattr(f, "category", "")),
                    rule=_as_text(getattr(f, "rule", "")),
                    message=_as_text(getattr(f, "message", "")),
                    suggestion=_as_text(getattr(f, "suggestion", "")),
                    source=_as_text(getattr(f, "source", "")),
                    model_words=tuple(getattr(f, "model_words", ())),
                )
            )
        result = tuple(sorted(found, key=lambda x: x.start))
        with self._lock:
            self._cache[key] = result
            _forget_oldest(self._cache)
        return result


def highlight(text: str, flags: tuple[Flag, ...]) -> list[tuple[str, Flag | None]]:
    """Split a note into plain and flagged pieces (overlapping flags: the first one wins)."""
    pieces: list[tuple[str, Flag | None]] = []
    pos = 0
    for f in flags:
        if f.start < pos:
            continue
        if f.start > pos:
            pieces.append((text[pos : f.start], None))
        pieces.append((text[f.start : f.end], f))
        pos = f.end
    if pos < len(text):
        pieces.append((text[pos:], None))
    return pieces

"""What the text rules find in a child's notes, kept between audits.

What the language checker finds in a note is a pure function of the note's text and of the
language rules, model and checker code (and the checking mode); so are the matches of the
exploitation-indicator rules. Reading every note again is most of the cost of a full
re-audit, and a change of ``standards.yml`` changes none of that, so each child's are kept in
the store (``engine_language_cache``): a hash of each note's text -> the language hits and the
indicator matches in it. A row is read only while its ``language_fp`` is the fingerprint of
the language and indicator rules, model and code now installed (:func:`language_fingerprint`);
any change to them makes every row unreadable, and the notes are read again.

What is kept is the rules' own answer, before anything the standards or a supervisor decide
(score thresholds, dismissals, look-back windows are applied by the checks, per audit), so a
dismissal or a standards change never touches the cache.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from safeguard.engine.models import LanguageCacheRow
from safeguard.indicators import IndicatorMatch, indicator_matches
from safeguard.textrules.match import Span

#: Packages whose files decide the answers kept (all their files are hashed).
_LANGUAGE_PACKAGES = ("safeguard.language", "safeguard.textrules", "safeguard.indicators")


@cache
def language_fingerprint(mode: str) -> str:
    """Changes whenever the language rules, model or checker code (or ``mode``) change."""
    return tree_fingerprint(
        [(p, resources.files(p)) for p in _LANGUAGE_PACKAGES], salt=f"mode={mode}"
    )


def tree_fingerprint(roots: Sequence[tuple[str, Any]], salt: str = "") -> str:
    """A hash of every file's name and bytes under each (name, folder) of ``roots``."""
    h = hashlib.sha256(f"{salt}\0".encode())

    def walk(node: Any, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda p: p.name):
            if child.is_dir():
                if child.name != "__pycache__":
                    walk(child, f"{prefix}/{child.name}")
            elif not child.name.endswith((".pyc", ".pyo")):
                h.update(f"{prefix}/{child.name}\0".encode())
                h.update(child.read_bytes())

    for name, root in roots:
        walk(root, name)
    return h.hexdigest()[:40]


def text_key(text: str) -> str:
    """The cache's key for a note's text (80 bits of BLAKE2b)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()


@dataclass(frozen=True, slots=True)
class CachedHit:
    """A language hit as the checks read it (``start``, ``end``, ``text``, ``rule`` ...)."""

    start: int
    end: int
    text: str
    rule: str
    category: str
    message: str
    suggestion: str
    score: float

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.text)

    def as_list(self) -> list[Any]:
        return [
            self.start,
            self.end,
            self.text,
            self.rule,
            self.category,
            self.message,
            self.suggestion,
            self.score,
        ]

    @classmethod
    def of(cls, hit: Any) -> CachedHit:
        """The parts of a checker's hit that the checks read."""
        span = getattr(hit, "span", None)
        start, end, text = (
            (span.start, span.end, span.text) if span else (hit.start, hit.end, hit.text)
        )
        return cls(
            int(start),
            int(end),
            str(text),
            str(getattr(hit, "rule", "")),
            str(getattr(hit, "category", "")),
            str(getattr(hit, "message", "")),
            str(getattr(hit, "suggestion", "") or ""),
            float(getattr(hit, "score", 1.0)),
        )


Hits = tuple[CachedHit, ...]
Matches = tuple[IndicatorMatch, ...]


@dataclass
class KeptTexts:
    """One child's kept answers: text key -> language hits, and -> indicator matches."""

    language: dict[str, Hits] = field(default_factory=dict)
    indicators: dict[str, Matches] = field(default_factory=dict)


class NoteTexts:
    """The language check and the indicator rules, answering from a child's kept answers
    where they can (texts not kept are read with ``check`` and ``rules``).

    Afterwards :meth:`payload` holds exactly the answers for the texts asked about, and
    :attr:`changed` says whether they differ from what was kept (so the row needs writing).
    """

    def __init__(self, check: Callable[[str], Sequence[Any]], rules: Any, kept: KeptTexts) -> None:
        self.check = check
        self.rules = rules
        self.kept = kept
        self.used = KeptTexts()
        self.missed = 0

    def language(self, text: str) -> Hits:
        key = text_key(text)
        hits = self.used.language.get(key)
        if hits is None:
            hits = self.kept.language.get(key)
            if hits is None:
                self.missed += 1
                hits = tuple(CachedHit.of(h) for h in self.check(text))
            self.used.language[key] = hits
        return hits

    def indicators(self, text: str) -> Matches:
        key = text_key(text)
        found = self.used.indicators.get(key)
        if found is None:
            found = self.kept.indicators.get(key)
            if found is None:
                self.missed += 1
                found = tuple(indicator_matches(text, self.rules))
            self.used.indicators[key] = found
        return found

    @property
    def changed(self) -> bool:
        return (
            self.missed > 0
            or self.used.language.keys() != self.kept.language.keys()
            or self.used.indicators.keys() != self.kept.indicators.keys()
        )

    def payload(self) -> str:
        return encode(self.used)


def _match_list(m: IndicatorMatch) -> list[Any]:
    return [
        m.category,
        m.title,
        m.rule_id,
        m.start,
        m.end,
        m.words,
        m.score,
        m.why,
        m.source,
        list(m.context),
    ]


def _match(m: list[Any]) -> IndicatorMatch:
    """The match back from its :func:`_match_list` list."""
    return IndicatorMatch(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], tuple(m[9]))


def encode(kept: KeptTexts) -> str:
    return json.dumps(
        {
            "l": {k: [h.as_list() for h in hs] for k, hs in sorted(kept.language.items())},
            "i": {k: [_match_list(m) for m in ms] for k, ms in sorted(kept.indicators.items())},
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _decode(payload: str) -> KeptTexts:
    d = json.loads(payload)
    return KeptTexts(
        {k: tuple(CachedHit(*h) for h in hs) for k, hs in d.get("l", {}).items()},
        {k: tuple(_match(m) for m in ms) for k, ms in d.get("i", {}).items()},
    )


def read_cache(
    conn: Connection, child_ids: Sequence[str], language_fp: str
) -> dict[str, KeptTexts]:
    """The kept answers of these children made under ``language_fp`` (others are not read)."""
    r = LanguageCacheRow
    out: dict[str, KeptTexts] = {}
    ids = list(child_ids)
    for i in range(0, len(ids), 900):
        stmt = select(r.child_id, r.payload).where(
            r.child_id.in_(ids[i : i + 900]), r.language_fp == language_fp
        )
        for child_id, payload in conn.execute(stmt):
            out[child_id] = _decode(payload)
    return out


def write_cache(conn: Connection, rows: Sequence[tuple[str, str]], language_fp: str) -> None:
    """Replace the kept answers of these children (``(child id, payload)``)."""
    if not rows:
        return
    r = LanguageCacheRow
    ids = [cid for cid, _ in rows]
    for i in range(0, len(ids), 900):
        conn.execute(delete(r).where(r.child_id.in_(ids[i : i + 900])))
    conn.execute(
        insert(r), [{"child_id": c, "language_fp": language_fp, "payload": p} for c, p in rows]
    )

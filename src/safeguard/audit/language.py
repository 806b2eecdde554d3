"""LANG-* checks: victim-blaming language in notes (via :mod:`safeguard.language`) and whether
a supervisor challenged it (a later note with ``challenges_note_id`` pointing at it).

A phrase a supervisor dismissed (the web app's challenge page) is not counted."""

from __future__ import annotations

from pydantic import Field

from safeguard.engine.context import CheckContext, LanguageCheck
from safeguard.engine.finding import Evidence, Finding, make
from safeguard.engine.registry import NoParams, Params, check
from safeguard.records.case import Case
from safeguard.records.schema import Note

__all__ = ["LanguageCheck", "default_language_check"]


class ScoreParams(Params):
    min_score: float = Field(ge=0, le=1)


def default_language_check() -> LanguageCheck:
    from safeguard.language import check as language_check

    return language_check


def _hits(note: Note, ctx: CheckContext) -> list[Evidence]:
    """The victim-blaming phrases in ``note`` at or above the standard's score, as evidence."""
    if note.challenges_note_id:
        # A challenge quotes the wording it corrects; it is not itself victim-blaming.
        return []
    min_score = ctx.check("LANG-VICTIM-BLAMING").params().min_score
    return [
        Evidence(
            note_id=note.id,
            written_at=note.written_at,
            words=h.text,
            start=h.start,
            end=h.end,
            rule=getattr(h, "rule", ""),
            category=getattr(h, "category", ""),
            why=getattr(h, "message", ""),
            suggestion=getattr(h, "suggestion", "") or "",
        )
        for h in ctx.language_hits(note)
        if getattr(h, "score", 1.0) >= min_score
    ]


def _quoted(evidence: list[Evidence]) -> str:
    return ", ".join(f'"{e.words}"' for e in evidence)


@check("LANG-VICTIM-BLAMING", per="note", params=ScoreParams)
def victim_blaming(case: Case, note: Note, ctx: CheckContext) -> list[Finding]:
    evidence = _hits(note, ctx)
    if not evidence:
        return []
    where = (
        f"{note.record_type} {note.record_id}"
        if note.record_type != "child"
        else "the child's record"
    )
    return [
        make(
            ctx.check("LANG-VICTIM-BLAMING"),
            child_id=case.child.id,
            record_type="note",
            record_id=note.id,
            at=note.written_at,
            detail=f"Note by {note.author_role} on {where} says {_quoted(evidence)}.",
            dates={"written_at": note.written_at},
            related_ids=[note.record_id],
            evidence=evidence,
        )
    ]


@check("LANG-UNCHALLENGED", per="note", params=NoParams)
def unchallenged(case: Case, note: Note, ctx: CheckContext) -> list[Finding]:
    evidence = _hits(note, ctx)
    if not evidence:
        return []
    if any(note.written_at <= c.written_at <= ctx.as_of for c in ctx.challenges.get(note.id, ())):
        return []
    return [
        make(
            ctx.check("LANG-UNCHALLENGED"),
            child_id=case.child.id,
            record_type="note",
            record_id=note.id,
            at=note.written_at,
            detail=f"No supervisor challenged the wording {_quoted(evidence)} in this note.",
            dates={"written_at": note.written_at},
            related_ids=[note.record_id],
            evidence=evidence,
        )
    ]

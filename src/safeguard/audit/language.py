"""LANG-* checks: victim-blaming language in notes (via :mod:`safeguard.language`) and whether
a supervisor challenged it (a later note with ``challenges_note_id`` pointing at it)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from safeguard.audit.context import CheckContext
from safeguard.audit.finding import Evidence, Finding, make
from safeguard.records.case import Case
from safeguard.records.schema import Note

LanguageCheck = Callable[[str], Sequence[Any]]


def default_language_check() -> LanguageCheck:
    from safeguard.language import check

    return check


def check_notes(
    case: Case, notes: Sequence[Note], ctx: CheckContext, language_check: LanguageCheck
) -> list[Finding]:
    vb = ctx.check("LANG-VICTIM-BLAMING")
    min_score = vb.params().min_score
    unch = ctx.check("LANG-UNCHALLENGED")
    challenges: dict[str, list[Note]] = {}
    for n in notes:
        if n.challenges_note_id:
            challenges.setdefault(n.challenges_note_id, []).append(n)
    out: list[Finding] = []
    for n in notes:
        if n.challenges_note_id:
            # A challenge quotes the wording it corrects; it is not itself victim-blaming.
            continue
        hits = [h for h in language_check(n.text) if getattr(h, "score", 1.0) >= min_score]
        if not hits:
            continue
        evidence = [
            Evidence(
                note_id=n.id,
                written_at=n.written_at,
                words=h.text,
                start=h.start,
                end=h.end,
                rule=getattr(h, "rule", ""),
                category=getattr(h, "category", ""),
                why=getattr(h, "message", ""),
                suggestion=getattr(h, "suggestion", "") or "",
            )
            for h in hits
        ]
        quoted = ", ".join(f'"{h.text}"' for h in hits)
        where = (
            f"{n.record_type} {n.record_id}" if n.record_type != "child" else "the child's record"
        )
        out.append(
            make(
                vb,
                child_id=case.child.id,
                record_type="note",
                record_id=n.id,
                at=n.written_at,
                detail=f"Note by {n.author_role} on {where} says {quoted}.",
                dates={"written_at": n.written_at},
                related_ids=[n.record_id],
                evidence=evidence,
            )
        )
        later = [c for c in challenges.get(n.id, []) if c.written_at >= n.written_at]
        if not later:
            out.append(
                make(
                    unch,
                    child_id=case.child.id,
                    record_type="note",
                    record_id=n.id,
                    at=n.written_at,
                    detail=f"No supervisor challenged the wording {quoted} in this note.",
                    dates={"written_at": n.written_at},
                    related_ids=[n.record_id],
                    evidence=evidence,
                )
            )
    return out

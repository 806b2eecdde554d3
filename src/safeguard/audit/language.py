"""LANG-* checks: victim-blaming language in notes (via :mod:`safeguard.language`) and whether
a supervisor challenged it.

A challenge is a later note linked to the note (``challenges_note_id``) or a supervisor's note
that names the wording and corrects it (:mod:`safeguard.challenges`). Each flagged note is one
finding at most:

* never challenged: ``LANG-UNCHALLENGED``, once the ``prompt_hours`` have passed (before, it
  is due: the queue shows the wording for a supervisor to challenge);
* challenged, but later than the standard's ``prompt_hours``: ``LANG-VICTIM-BLAMING`` (the
  wording stood uncorrected on the record meanwhile);
* challenged promptly: no finding: the system worked, and the case's grade reasons say so.

A phrase a supervisor dismissed (the web app's challenge page) is not counted, and a risk
grade's own name ("no apparent risk") is a grade, checked by its own standard, not language
about the child."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pydantic import Field

from safeguard.challenges import find_challenges
from safeguard.engine.context import CheckContext, LanguageCheck
from safeguard.engine.finding import Evidence, Finding, make
from safeguard.engine.registry import Params, check
from safeguard.records.case import Case
from safeguard.records.schema import Note
from safeguard.textrules.match import Span
from safeguard.timing import duration_words, elapsed, hours_words, shift

__all__ = ["LanguageCheck", "default_language_check"]


class ScoreParams(Params):
    min_score: float = Field(ge=0, le=1)


class ChallengeParams(Params):
    #: A challenge within this many hours of the note is prompt (good practice).
    prompt_hours: float = Field(gt=0)
    #: Roles (or ranks before an officer's number) whose notes can challenge wording.
    supervisor_roles: list[str] = Field(min_length=1)
    #: Words that show a note corrects the wording it names (matched ignoring case); a note
    #: that denies the wording ("she is not 'X'") corrects it too.
    challenge_words: list[str] = Field(min_length=1)


def default_language_check(mode: str = "default") -> LanguageCheck:
    """The packaged language checker in ``mode`` ("default" or "thorough"). A thorough checker
    loads its model on first use (so a parent process that only hands cases to workers never
    loads it)."""
    if mode == "thorough":
        from safeguard.language.checker import thorough_checker

        def thorough_check(text: str) -> list[Any]:
            # an audit's evidence is the finding's words, not the words the encoder weighed
            return list(thorough_checker(weigh_words=False).check(text))

        return thorough_check
    from safeguard.language import check as language_check

    return language_check


def _grade_names(ctx: CheckContext) -> set[str]:
    return {" ".join(lv.label.lower().split()) for lv in ctx.risk_levels.levels} | {
        lv.name.replace("_", " ") for lv in ctx.risk_levels.levels
    }


def _raw_hits(note: Note, ctx: CheckContext) -> list[Any]:
    """The hits in ``note`` at or above the standard's score that are not a grade's name
    (worked out once per note: three checks ask)."""
    key = ("raw_hits", note.id)
    found = ctx.memo.get(key)
    if found is None:
        min_score = ctx.check("LANG-VICTIM-BLAMING").params().min_score
        grades = ctx.memo.get("grade_names")
        if grades is None:
            grades = ctx.memo["grade_names"] = _grade_names(ctx)
        found = ctx.memo[key] = [
            h
            for h in ctx.language_hits(note)
            if getattr(h, "score", 1.0) >= min_score
            and " ".join(str(h.text).lower().split()) not in grades
        ]
    return found


def case_challenges(notes: list[Note], ctx: CheckContext) -> dict[str, list[Note]]:
    """Flagged note id -> the later notes that challenge it (linked, or a supervisor's note
    naming and correcting the wording), earliest first."""
    p = ctx.check("LANG-UNCHALLENGED").params()
    flagged = {
        n.id: [str(h.text) for h in hits]
        for n in notes
        if not n.challenges_note_id and (hits := _raw_hits(n, ctx))
    }
    found = find_challenges(notes, flagged, cues=p.challenge_words, roles=p.supervisor_roles)
    return {nid: [c.note for c in cs] for nid, cs in found.items()}


def _challengers(ctx: CheckContext) -> set[str]:
    return {c.id for cs in ctx.challenges.values() for c in cs}


def _hits(note: Note, ctx: CheckContext) -> list[Evidence]:
    """The victim-blaming phrases in ``note`` at or above the standard's score, as evidence."""
    if note.challenges_note_id or note.id in _challengers(ctx):
        # A challenge quotes the wording it corrects; it is not itself victim-blaming.
        return []
    return [
        Evidence(
            note_id=note.id,
            written_at=note.written_at,
            span=getattr(h, "span", None) or Span(int(h.start), int(h.end), h.text),
            rule=getattr(h, "rule", ""),
            category=getattr(h, "category", ""),
            why=getattr(h, "message", ""),
            suggestion=getattr(h, "suggestion", "") or "",
        )
        for h in _raw_hits(note, ctx)
    ]


def _quoted(evidence: list[Evidence]) -> str:
    return ", ".join(f'"{e.words}"' for e in evidence)


def first_challenge(note: Note, ctx: CheckContext) -> Note | None:
    """The earliest challenge of ``note`` written by the audit date."""
    found = [
        c for c in ctx.challenges.get(note.id, ()) if note.written_at <= c.written_at <= ctx.as_of
    ]
    return min(found, key=lambda c: c.written_at) if found else None


def _who(n: Note) -> str:
    return n.author or n.author_role or "a supervisor"


@check("LANG-VICTIM-BLAMING", per="note", params=ScoreParams)
def victim_blaming(case: Case, note: Note, ctx: CheckContext) -> list[Finding]:
    """Victim-blaming wording that a supervisor challenged, but not promptly."""
    evidence = _hits(note, ctx)
    if not evidence:
        return []
    ch = first_challenge(note, ctx)
    if ch is None:
        return []  # LANG-UNCHALLENGED is the one finding for this note
    prompt = ctx.check("LANG-UNCHALLENGED").params().prompt_hours
    took = elapsed(note.written_at, ch.written_at)
    if took <= timedelta(hours=prompt):
        ctx.good_practice.append(
            f"Victim-blaming wording ({_quoted(evidence)}) in a note by {_who(note)} was "
            f"challenged by {_who(ch)} after {duration_words(took)}."
        )
        return []
    return [
        make(
            ctx.check("LANG-VICTIM-BLAMING"),
            child_id=case.child.id,
            record_type="note",
            record_id=note.id,
            at=note.written_at,
            detail=f"A note by {_who(note)} says {_quoted(evidence)}; {_who(ch)} challenged it "
            f"only {duration_words(took)} later (standard: promptly, within "
            f"{hours_words(prompt)}), so it stood on the record uncorrected meanwhile.",
            dates={"written_at": note.written_at, "challenged_at": ch.written_at},
            related_ids=[note.record_id, ch.id],
            evidence=evidence,
        )
    ]


@check("LANG-UNCHALLENGED", per="note", params=ChallengeParams)
def unchallenged(case: Case, note: Note, ctx: CheckContext) -> list[Finding]:
    """Victim-blaming wording that nobody challenged: due to be challenged within the prompt
    hours (the queue shows it meanwhile), a finding once they have passed."""
    evidence = _hits(note, ctx)
    if not evidence or first_challenge(note, ctx) is not None:
        return []
    prompt = ctx.check("LANG-UNCHALLENGED").params().prompt_hours
    due_at = shift(note.written_at, timedelta(hours=prompt))
    detail = (
        f"A note by {_who(note)} says {_quoted(evidence)}, and no supervisor challenged the "
        f"wording (standard: within {hours_words(prompt)})."
    )
    if due_at > ctx.as_of:  # still the supervisor's to challenge: on the queue until due
        return ctx.due(
            "LANG-UNCHALLENGED",
            child_id=case.child.id,
            record_type="note",
            record_id=note.id,
            since=note.written_at,
            due_at=due_at,
            what=f"A supervisor to challenge the wording {_quoted(evidence)}",
            detail=detail,
            dates={"written_at": note.written_at},
            related_ids=[note.record_id],
            evidence=evidence,
        )
    # past the hours: a finding in the same words as the obligation's once overdue, and open
    # (the queue lists it until a supervisor challenges the wording); older notes are not kept
    # as obligations, or a force's history would fill the queue's deadlines
    return [
        make(
            ctx.check("LANG-UNCHALLENGED"),
            child_id=case.child.id,
            record_type="note",
            record_id=note.id,
            at=note.written_at,
            detail=detail,
            dates={"written_at": note.written_at},
            related_ids=[note.record_id],
            evidence=evidence,
        )
    ]

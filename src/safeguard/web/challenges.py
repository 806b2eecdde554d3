"""Challenge or dismiss a flagged phrase; export the decisions as labelled data for the checker."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from safeguard.records import clock
from safeguard.records import schema as s
from safeguard.textrules.sentences import sentence_around
from safeguard.web.flags import Flag
from safeguard.web.models import ChallengeDecision, User

#: Label written to the export (same shape as data/labelled/*.jsonl: 1 = should be flagged).
LABELS = {"challenged": 1, "dismissed": 0}
KINDS = {"challenged": "supervisor_challenge", "dismissed": "supervisor_dismissal"}


def default_addendum(flag: Flag) -> str:
    text = f"Supervisor challenge: the phrase “{flag.text}” should not be used."
    if flag.message:
        text += f" {flag.message}"
    if flag.suggestion:
        text += f" Say instead: {flag.suggestion}."
    return text


def decide(
    engine: Engine,
    user: User,
    note: s.Note,
    flag: Flag,
    decision: str,
    reason: str,
    addendum: str | None,
    now: datetime,
) -> ChallengeDecision:
    """Record the decision; a challenge also writes an addendum note that challenges the note."""
    from safeguard.store.models import NoteRow

    addendum_id = None
    with Session(engine) as db, db.begin():
        if decision == "challenged":
            addendum_id = f"web-{uuid.uuid4().hex[:20]}"
            db.add(
                NoteRow(
                    id=addendum_id,
                    record_type=note.record_type,
                    record_id=note.record_id,
                    child_id=note.child_id,
                    author=user.username,
                    author_role=user.role.replace("_", " "),
                    written_at=now.replace(microsecond=0),
                    text=addendum or default_addendum(flag),
                    challenges_note_id=note.id,
                )
            )
        row = ChallengeDecision(
            note_id=note.id,
            child_id=note.child_id,
            rule=flag.rule,
            category=flag.category or None,
            start=flag.start,
            end=flag.end,
            phrase=flag.text[:500],
            suggestion=flag.suggestion or None,
            decision=decision,
            reason=reason,
            addendum_note_id=addendum_id,
            decided_by=user.username,
            decided_at=now.replace(microsecond=0),
        )
        db.add(row)
        db.flush()
        db.expunge(row)
    return row


def export_lines(engine: Engine, note_text: dict[str, str]) -> Iterator[str]:
    """One JSON object a line: the note text, the span, the rule and the human label."""
    with Session(engine) as db:
        rows = list(db.scalars(select(ChallengeDecision).order_by(ChallengeDecision.id)))
        db.expunge_all()
    for d in rows:
        full = note_text.get(d.note_id, "")
        if full[d.start : d.end] == d.phrase:
            text, offset = sentence_around(full, d.start, d.end)
        else:  # the note has changed or is not available: keep the phrase alone
            text, offset = d.phrase, d.start
        yield (
            json.dumps(
                {
                    "text": text,
                    "label": LABELS[d.decision],
                    "theme": d.category,
                    "kind": KINDS[d.decision],
                    "start": d.start - offset,
                    "end": d.end - offset,
                    "phrase": d.phrase,
                    "rule": d.rule,
                    "note_id": d.note_id,
                    "reason": d.reason,
                    "decided_at": clock.iso(d.decided_at),
                },
                ensure_ascii=False,
            )
            + "\n"
        )

"""Challenge or dismiss a flagged phrase; export the decisions as labelled data for the checker."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from safeguard.records import clock
from safeguard.records import schema as s
from safeguard.store.engine import reader
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
) -> tuple[ChallengeDecision, bool]:
    """Record the decision on one flagged phrase; returns it and whether anything changed.

    One decision stands per phrase. The same decision posted again (a double click, a
    resubmitted form) changes nothing and writes no second addendum. A different decision
    replaces the standing one, which is kept with a pointer to what replaced it. A challenge
    also writes an addendum note that challenges the note (an addendum already written stays:
    notes are never removed).
    """
    from safeguard.store.models import NoteRow

    for _attempt in range(2):
        try:
            with Session(engine) as db, db.begin():
                stmt = select(ChallengeDecision).where(
                    ChallengeDecision.note_id == note.id,
                    ChallengeDecision.rule == flag.rule,
                    ChallengeDecision.start == flag.start,
                    ChallengeDecision.current.is_(True),
                )
                if engine.dialect.name == "postgresql":
                    stmt = stmt.with_for_update()
                standing = db.scalars(stmt).first()
                if (
                    standing is not None
                    and standing.decision == decision
                    and standing.reason == reason
                ):
                    db.expunge(standing)
                    return standing, False
                if standing is not None:
                    standing.current = None
                    db.flush()
                addendum_id = None
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
                    current=True,
                )
                db.add(row)
                db.flush()
                if standing is not None:
                    standing.superseded_by = row.id
                db.flush()
                db.expunge(row)
            return row, True
        except IntegrityError:  # another request decided this phrase at the same moment
            continue
    raise RuntimeError("the decision could not be recorded; try again")


def export_lines(engine: Engine, note_text: dict[str, str]) -> Iterator[str]:
    """One JSON object a line: the note text, the span, the rule and the human label.

    Only the decision that stands on each phrase is exported, so the labels never contradict
    each other (replaced decisions stay in the database as the record of what happened)."""
    with Session(reader(engine)) as db:
        rows = list(
            db.scalars(
                select(ChallengeDecision)
                .where(ChallengeDecision.current.is_(True))
                .order_by(ChallengeDecision.id)
            )
        )
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

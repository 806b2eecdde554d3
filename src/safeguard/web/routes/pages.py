"""The supervisor pages: Now queue (with live updates), children, a child's record, challenges,
dashboard."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response, StreamingResponse

from safeguard.web import accesslog, casedata, challenges, dashboard
from safeguard.web.guard import BadForm, NotFound, current_user
from safeguard.web.models import User
from safeguard.web.queue import SECTIONS, QueueItem
from safeguard.web.snapshot import Snapshot
from safeguard.web.state import render, sg

router = APIRouter(include_in_schema=False)


def visible_queue(request: Request, snap: Snapshot, user: User) -> dict[str, list[QueueItem]]:
    policy = sg(request).policy
    scope = policy.scope_of(user.role)

    def compute() -> dict[str, list[QueueItem]]:
        return {
            key: [q for q in items if policy.can_see_team(user.role, user.team, q.team)]
            for key, items in snap.queue.items()
        }

    # Users with the same scope (and, for team scope, the same team) see the same queue.
    return snap.memo(("queue", scope, user.team if scope == "team" else None), compute)  # type: ignore[no-any-return]


def queue_context(request: Request) -> dict[str, object]:
    state = sg(request)
    user = current_user(request)
    snap = state.snapshot.get()
    queue = visible_queue(request, snap, user)
    return {
        "sections": SECTIONS,
        "queue": queue,
        "max_items": state.settings.max_items,
        "snapshot": snap,
        "urgent_keys": [q.key for items in queue.values() for q in items if q.urgent],
    }


@router.get("/now")
def now_page(request: Request) -> Response:
    return render(request, "now.html", queue_context(request))


@router.get("/now/events")
async def now_events(request: Request) -> Response:
    """Server-sent events: the queue, re-rendered for this user whenever it changes."""
    state = sg(request)
    lifetime = request.app.state.sse_lifetime_s
    templates = state.templates

    async def stream() -> AsyncIterator[str]:
        yield "retry: 3000\n\n"
        seen_version = -1
        seen_urgent: set[str] | None = None
        waited = 0.0
        while waited < lifetime:
            snap = state.snapshot.get()
            if snap.version != seen_version:
                seen_version = snap.version
                ctx = queue_context(request)
                html = templates.get_template("_queue.html").render(**ctx, request=request)
                urgent = {k for k in ctx["urgent_keys"]}  # type: ignore[attr-defined]
                new = [] if seen_urgent is None else sorted(urgent - seen_urgent)
                seen_urgent = urgent
                payload = json.dumps(
                    {"html": html, "new_urgent": len(new), "version": snap.version}
                )
                yield f"event: queue\ndata: {payload}\n\n"
            else:
                yield ": keep-alive\n\n"
            await asyncio.sleep(1.0)
            waited += 1.0
            if await request.is_disconnected():
                return

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"X-Accel-Buffering": "no", "Cache-Control": "no-store"},
    )


@router.get("/children")
def children_page(
    request: Request,
    team: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    state = sg(request)
    user = current_user(request)
    snap = state.snapshot.get()
    rows = []
    for case in snap.cases.values():
        if not state.policy.can_see_team(user.role, user.team, case.child.team):
            continue
        if team and case.child.team != team:
            continue
        open_eps = sum(1 for e in case.episodes if e.episode.found_at is None)
        rows.append(
            {
                "child": case.child,
                "episodes": len(case.episodes),
                "open": open_eps,
                "investigations": len(case.investigations),
            }
        )
    rows.sort(key=lambda r: (-r["open"], -r["episodes"], r["child"].id))
    teams = sorted({c.child.team for c in snap.cases.values() if c.child.team})
    return render(
        request,
        "children.html",
        {"rows": rows[:500], "total": len(rows), "teams": teams, "team": team},
    )


@router.get("/children/{child_id}")
def child_page(
    request: Request,
    child_id: str,
    reason: Annotated[
        Literal["queue", "review", "challenge", "audit", "enquiry"], Query()
    ] = "review",
) -> Response:
    state = sg(request)
    user = current_user(request)
    case = casedata.get_case(state.engine, child_id)
    if case is None:
        raise NotFound("There is no child with that id.")
    snap = state.snapshot.get()
    accesslog.record(state.engine, user, "view", "child", child_id, accesslog.REASONS[reason])
    can_challenge = user.role in state.policy.routes["POST /notes/{note_id}/decisions"].roles
    return render(
        request,
        "child.html",
        {
            "case": case,
            "episodes": casedata.episode_summaries(case),
            "timeline": casedata.timeline(case),
            "notes": casedata.note_views(state.engine, case, state.flags),
            "audit": snap.audit_result(case),
            "can_challenge": can_challenge,
            "checker_available": state.flags.available,
            "now": state.now(),
        },
    )


@router.post("/notes/{note_id}/decisions")
def decide(
    request: Request,
    note_id: str,
    flag_key: Annotated[str, Form(max_length=200)],
    decision: Annotated[Literal["challenged", "dismissed"], Form()],
    reason: Annotated[str, Form(max_length=2000)] = "",
    addendum: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    state = sg(request)
    user = current_user(request)
    snap = state.snapshot.get()
    child_id = snap.note_child.get(note_id)
    case = casedata.get_case(state.engine, child_id) if child_id else None
    note = next((n for n in case.all_notes() if n.id == note_id), None) if case else None
    if note is None:
        raise NotFound("There is no note with that id.")
    flag = next((f for f in state.flags.flags(note) if f.key == flag_key), None)
    if flag is None:
        raise BadForm("That phrase is no longer flagged in this note. Reload the page.")
    reason = reason.strip()
    if decision == "dismissed" and not reason:
        raise BadForm("To dismiss a flag, say why (for example: the words describe the suspect).")
    if decision == "challenged" and not reason:
        reason = flag.message or "Language that places responsibility on the child."
    challenges.decide(
        state.engine, user, note, flag, decision, reason, addendum.strip() or None, state.now()
    )
    accesslog.record(state.engine, user, "change", "note", note_id, f"Language flag {decision}")
    _reaudit_child(state.engine, note.child_id, state.now())
    state.snapshot.invalidate()
    return RedirectResponse(
        f"/children/{note.child_id}?reason=challenge#note-{note_id}", status_code=303
    )


def _reaudit_child(engine: object, child_id: str, now: object) -> None:
    """Bring the stored audit of this one child up to date after a decision on it."""
    from safeguard.audit.runner import Auditor
    from safeguard.engine.results import refresh_children

    refresh_children(engine, [child_id], auditor=Auditor(as_of=now))  # type: ignore[arg-type]


@router.get("/challenges/export")
def export_challenges(request: Request) -> Response:
    state = sg(request)
    user = current_user(request)
    snap = state.snapshot.get()
    texts = {n.id: n.text for c in snap.cases.values() for n in c.all_notes()}
    body = "".join(challenges.export_lines(state.engine, texts))
    accesslog.record(
        state.engine,
        user,
        "export",
        "challenge_decisions",
        "all",
        "Labelled data for the language checker",
    )
    return Response(
        body,
        media_type="application/x-ndjson",
        headers={"Content-Disposition": 'attachment; filename="language-decisions.jsonl"'},
    )


@router.get("/dashboard")
def dashboard_page(
    request: Request,
    team: Annotated[str | None, Query(max_length=64)] = None,
    period: Annotated[Literal["all", "12m", "6m", "3m"], Query()] = "12m",
) -> Response:
    state = sg(request)
    user = current_user(request)
    snap = state.snapshot.get()
    if state.policy.scope_of(user.role) == "team":
        team = user.team  # a team-scoped user sees their own team only
    teams = snap.memo(
        "teams", lambda: sorted({c.child.team for c in snap.cases.values() if c.child.team})
    )
    # The audit is as of the snapshot, so the period is counted back from the same moment.
    as_of = snap.built_at or state.now()
    data = snap.memo(
        ("dashboard", team, period), lambda: dashboard.build(snap, as_of, team, period)
    )
    return render(
        request,
        "dashboard.html",
        {
            "d": data,
            "teams": teams,
            "team": team,
            "period": period,
            "team_locked": state.policy.scope_of(user.role) == "team",
        },
    )

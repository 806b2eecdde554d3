"""The supervisor pages: Now queue (with live updates), children, a child's record, challenges,
dashboard."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Annotated, Literal

from anyio import to_thread
from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response, StreamingResponse

from safeguard.web import accesslog, casedata, challenges, dashboard, queue
from safeguard.web.guard import BadForm, NotFound, current_user
from safeguard.web.models import User
from safeguard.web.state import render, sg

router = APIRouter(include_in_schema=False)


def visible_teams(request: Request, user: User) -> list[str] | None:
    """The teams whose children this user may see (None: every team)."""
    scope = sg(request).policy.scope_of(user.role)
    if scope == "all":
        return None
    return [user.team] if scope == "team" and user.team else []


def queue_context(request: Request, page: int = 0) -> dict[str, object]:
    state = sg(request)
    user = current_user(request)
    now = state.now()
    sections = queue.build(state.engine, state.settings, now, visible_teams(request, user), page)
    return {
        "sections": sections,
        "page": page,
        "max_items": state.settings.max_items,
        "live": state.live,
        "now": now,
        "urgent_keys": [r.key for s in sections for r in s.rows if r.urgent],
    }


@router.get("/now")
def now_page(request: Request, page: Annotated[int, Query(ge=0, le=100_000)] = 0) -> Response:
    return render(request, "now.html", queue_context(request, page))


@router.get("/now/events")
async def now_events(request: Request) -> Response:
    """Server-sent events: the queue, re-rendered for this user whenever it may have changed
    (stored results changed in any server process, or a deadline passed)."""
    state = sg(request)
    lifetime = request.app.state.sse_lifetime_s
    templates = state.templates

    async def stream() -> AsyncIterator[str]:
        yield "retry: 3000\n\n"
        seen_version = -1
        seen_urgent: set[str] | None = None
        waited = 0.0
        while waited < lifetime:
            version = state.live.version
            if version != seen_version:
                seen_version = version
                ctx = await to_thread.run_sync(queue_context, request)
                html = templates.get_template("_queue.html").render(**ctx, request=request)
                urgent = set(ctx["urgent_keys"])  # type: ignore[call-overload]
                new = [] if seen_urgent is None else sorted(urgent - seen_urgent)
                seen_urgent = urgent
                payload = json.dumps({"html": html, "new_urgent": len(new), "version": version})
                yield f"event: queue\ndata: {payload}\n\n"
            else:
                yield ": keep-alive\n\n"
            await asyncio.sleep(0.5)
            waited += 0.5
            if await request.is_disconnected():
                return

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"X-Accel-Buffering": "no", "Cache-Control": "no-store"},
    )


PAGE_SIZE = 200


@router.get("/children")
def children_page(
    request: Request,
    team: Annotated[str | None, Query(max_length=64)] = None,
    page: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> Response:
    state = sg(request)
    user = current_user(request)
    teams = visible_teams(request, user)
    total, rows = casedata.children_rows(
        state.engine, teams=teams, team=team, limit=PAGE_SIZE, offset=page * PAGE_SIZE
    )
    return render(
        request,
        "children.html",
        {
            "rows": rows,
            "total": total,
            "page": page,
            "page_size": PAGE_SIZE,
            "teams": casedata.team_names(state.engine, teams),
            "team": team,
        },
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
            "audit": casedata.audit_result(state.engine, case, state.now(), state.flags),
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
    owner = casedata.owner_of(state.engine, "note_id", note_id)
    case = casedata.get_case(state.engine, owner[0]) if owner else None
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
    casedata.reaudit_child(state.engine, note.child_id, state.now(), state.flags)
    return RedirectResponse(
        f"/children/{note.child_id}?reason=challenge#note-{note_id}", status_code=303
    )


@router.get("/challenges/export")
def export_challenges(request: Request) -> Response:
    state = sg(request)
    user = current_user(request)
    body = "".join(challenges.export_lines(state.engine, casedata.decided_note_texts(state.engine)))
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
    if state.policy.scope_of(user.role) == "team":
        team = user.team  # a team-scoped user sees their own team only
    teams = casedata.team_names(state.engine, visible_teams(request, user))
    data = dashboard.build(state.engine, state.now(), team, period)
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

"""The supervisor pages: Now queue (with live updates), children, a child's record, challenges,
dashboard."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Annotated, Literal
from urllib.parse import quote

from anyio import to_thread
from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response, StreamingResponse

from safeguard.web import accesslog, casedata, challenges, dashboard, queue, sessions
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


def shown_children(ctx: dict[str, object]) -> list[str]:
    """The children whose records a rendered queue shows (in order, once each)."""
    seen: dict[str, None] = {}
    for section in ctx["sections"]:  # type: ignore[attr-defined]
        for row in section.rows:
            seen.setdefault(row.child_id, None)
    return list(seen)


def log_queue_view(request: Request, child_ids: list[str]) -> None:
    """One access-log entry per child whose records the queue shows (its phrases, dates)."""
    reason = accesslog.REASONS["queue"]
    accesslog.record_many(
        sg(request).engine,
        current_user(request),
        [accesslog.Entry("view", "queue", c, reason, c) for c in child_ids],
    )


def log_children_view(request: Request, child_ids: list[str], reason: str) -> None:
    """One entry per child whose records a list shows (in one write)."""
    accesslog.record_many(
        sg(request).engine,
        current_user(request),
        [accesslog.Entry("view", "children list", c, reason, c) for c in child_ids],
    )


def cached_stamp(request: Request) -> str | None:
    """The version of the stored results under which lists and figures read from them may be
    kept (:mod:`safeguard.web.cache`); ``None`` (read afresh) without the live thread."""
    live = sg(request).live
    return live.stamp if live.running else None


def records_stamp(request: Request) -> str | None:
    """The version of what only an import changes (which children there are, their teams), for
    which what was read of it may be kept; ``None`` (read afresh) without the live thread."""
    return sg(request).live.records_stamp


def children_totals(
    request: Request, teams: list[str] | None, team: str | None, search: str | None = None
) -> tuple[int, int]:
    """:func:`casedata.children_totals`, read once per import."""
    state = sg(request)
    return state.results_cache.read(
        records_stamp(request),
        ("children totals", tuple(teams) if teams is not None else None, team, search),
        lambda: casedata.children_totals(state.engine, teams=teams, team=team, id_contains=search),
    )


def queue_context(request: Request, page: int = 0) -> dict[str, object]:
    state = sg(request)
    user = current_user(request)
    now = state.now()
    sections = queue.build(
        state.engine,
        state.settings,
        now,
        visible_teams(request, user),
        page,
        cache=state.results_cache,
        stamp=cached_stamp(request),
    )
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
    state = sg(request)
    stamp = state.live.stamp  # before reading: a change while reading is pushed afterwards
    ctx = queue_context(request, page)
    children = shown_children(ctx)
    log_queue_view(request, children)
    session = request.state.session
    # The live stream of this page logs only children this page did not already show.
    view = state.signer.view_token(session.token_hash, stamp, children)
    ctx["events_url"] = f"/now/events?page={page}&view={quote(view, safe='')}"
    return render(request, "now.html", ctx)


#: How often a live stream checks that its session is still open (seconds).
SESSION_CHECK_S = 2.0


@router.get("/now/events")
async def now_events(
    request: Request,
    page: Annotated[int, Query(ge=0, le=100_000)] = 0,
    view: Annotated[str | None, Query(max_length=8000)] = None,
) -> Response:
    """Server-sent events: the queue, re-rendered for this user whenever it may have changed
    (stored results changed in any server process, or a deadline passed).

    Each child is written to the access log once per view: ``view`` (signed by the page)
    names the children the page already logged and the queue version it showed."""
    state = sg(request)
    lifetime = request.app.state.sse_lifetime_s
    templates = state.templates
    session = request.state.session
    hashed = session.token_hash if session is not None else None
    shown = state.signer.read_view(view, hashed) if hashed else None
    logged: set[str] = shown[1] if shown else set()

    async def stream() -> AsyncIterator[str]:
        yield "retry: 3000\n\n"
        seen_version: object = shown[0] if shown else None
        seen_urgent: set[str] | None = None
        if shown is not None and seen_version == state.live.stamp:
            # Nothing changed since the page was made: note what was urgent on it (so a new
            # urgent item is announced), and send nothing until something changes.
            ctx = await to_thread.run_sync(queue_context, request, page)
            seen_urgent = set(ctx["urgent_keys"])  # type: ignore[call-overload]
        waited = 0.0
        checked = 0.0
        while waited < lifetime:
            if hashed is None or (
                waited - checked >= SESSION_CHECK_S
                and not await to_thread.run_sync(sessions.alive, state.engine, hashed)
            ):
                # Signed out, disabled or changed: the stream ends with the session.
                yield "event: signedout\ndata: {}\n\n"
                return
            if waited - checked >= SESSION_CHECK_S:
                checked = waited
            version = state.live.stamp
            if version != seen_version:
                seen_version = version
                ctx = await to_thread.run_sync(queue_context, request, page)
                new_children = [c for c in shown_children(ctx) if c not in logged]
                if new_children:
                    await to_thread.run_sync(log_queue_view, request, new_children)
                    logged.update(new_children)
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


def _team_names(request: Request, teams: list[str] | None) -> list[str]:
    """The teams that own children (of those given), read once per import."""
    state = sg(request)
    return state.results_cache.read(
        records_stamp(request),
        ("teams", tuple(teams) if teams is not None else None),
        lambda: casedata.team_names(state.engine, teams),
    )


@router.get("/children")
def children_page(
    request: Request,
    team: Annotated[str | None, Query(max_length=64)] = None,
    page: Annotated[int, Query(ge=0, le=100_000)] = 0,
    q: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    state = sg(request)
    user = current_user(request)
    teams = visible_teams(request, user)
    search = (q or "").strip() or None
    totals = children_totals(request, teams, team, search)
    total, rows = state.results_cache.read(
        cached_stamp(request),
        ("children", tuple(teams) if teams is not None else None, team, page, search),
        lambda: casedata.children_rows(
            state.engine,
            teams=teams,
            team=team,
            limit=PAGE_SIZE,
            offset=page * PAGE_SIZE,
            id_contains=search,
            totals=totals,
        ),
    )
    # The list shows each child's counts and audit grade: one entry per child shown.
    log_children_view(request, [r["child"].id for r in rows], accesslog.REASONS["list"])
    return render(
        request,
        "children.html",
        {
            "rows": rows,
            "total": total,
            "page": page,
            "page_size": PAGE_SIZE,
            "teams": _team_names(request, teams),
            "team": team,
            "q": search or "",
        },
    )


def view_reason(request: Request, child_id: str) -> str | None:
    """Why the user is looking at this child: implied by the role (an auditor audits) or
    chosen by the user once in this session; ``None`` until they have chosen."""
    user = current_user(request)
    if user.role == "auditor":
        return "audit"
    session = request.state.session
    if session is None or session.token_hash is None:
        return None
    return sessions.purpose(sg(request).engine, session.token_hash, child_id)


@router.get("/children/{child_id}")
def child_page(
    request: Request,
    child_id: str,
    suggest: Annotated[
        Literal["", "queue", "review", "challenge", "enquiry"], Query(alias="from")
    ] = "",
) -> Response:
    state = sg(request)
    user = current_user(request)
    reason = view_reason(request, child_id)
    if reason is None:
        # Nothing of the record is shown until the user says why they are opening it.
        return render(
            request,
            "purpose.html",
            {
                "child_id": child_id,
                "choices": [(k, accesslog.REASONS[k]) for k in accesslog.CHOOSABLE],
                "suggest": suggest or None,
            },
        )
    case = casedata.get_case(state.engine, child_id)
    if case is None:
        raise NotFound("There is no child with that id.")
    accesslog.record(
        state.engine, user, "view", "child", child_id, accesslog.REASONS[reason], child_id
    )
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
            "reason": accesslog.REASONS[reason],
        },
    )


@router.post("/children/{child_id}/purpose")
def choose_purpose(
    request: Request,
    child_id: str,
    reason: Annotated[Literal["queue", "review", "challenge", "enquiry"], Form()],
) -> Response:
    session = request.state.session
    sessions.choose_purpose(sg(request).engine, session.token_hash, child_id, reason)
    return RedirectResponse(f"/children/{quote(child_id, safe='')}", status_code=303)


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
    note = casedata.get_note(state.engine, note_id)
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
    session = request.state.session
    if sessions.purpose(state.engine, session.token_hash, note.child_id) is None:
        # Deciding on a note's language is itself the reason for being on the record.
        sessions.choose_purpose(state.engine, session.token_hash, note.child_id, "challenge")
    _row, changed = challenges.decide(
        state.engine, user, note, flag, decision, reason, addendum.strip() or None, state.now()
    )
    if changed:
        accesslog.record(
            state.engine,
            user,
            "change",
            "note",
            note_id,
            f"Language flag {decision}: “{flag.text}”",
            note.child_id,
        )
        casedata.reaudit_child(state.engine, note.child_id, state.now(), state.flags)
        state.live.changed()
    return RedirectResponse(
        f"/children/{quote(note.child_id, safe='')}#note-{quote(note_id, safe='')}",
        status_code=303,
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
    teams = _team_names(request, visible_teams(request, user))
    now = state.now()
    data = state.results_cache.read(
        cached_stamp(request),
        ("dashboard", team, period, now.date()),
        lambda: dashboard.build(state.engine, now, team, period),
        max_stale=dashboard.MAX_AGE_S,
    )
    # Figures over many children, none of one child's records: one entry for the view.
    accesslog.record(
        state.engine,
        user,
        "view",
        "dashboard",
        team or "all teams",
        f"{accesslog.REASONS['figures']}, period {period}",
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
            "max_age_s": int(dashboard.MAX_AGE_S),
        },
    )

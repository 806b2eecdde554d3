"""JSON API for other systems: the same access rules as the pages (401 anonymous, 403 forbidden)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from safeguard.records import clock
from safeguard.records.case import Case, EpisodeRecords, InvestigationRecords
from safeguard.web import accesslog, casedata
from safeguard.web.guard import NotFound, current_user
from safeguard.web.routes.pages import (
    cached_stamp,
    children_totals,
    log_children_view,
    log_queue_view,
    queue_context,
    shown_children,
    visible_teams,
)
from safeguard.web.state import sg

router = APIRouter(prefix="/api", tags=["api"])

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "Not signed in"},
    403: {"description": "Your role or team may not see this"},
    404: {"description": "No such record"},
}


def _record(record: Any) -> dict[str, Any]:
    """A record as JSON, its times written with their offset (``+00:00``), as the export
    writes them: a time without one would read as local time, an hour out in summer."""
    out: dict[str, Any] = record.model_dump(mode="json")
    for name, value in record:
        if isinstance(value, datetime):
            out[name] = clock.iso(value)
    return out


def _dump(items: list[Any]) -> list[dict[str, Any]]:
    return [_record(i) for i in items]


def episode_json(ep: EpisodeRecords) -> dict[str, Any]:
    return {
        **_record(ep.episode),
        "risk_assessments": _dump(ep.risk_assessments),
        "actions": _dump(ep.actions),
        "safe_and_well_checks": _dump(ep.safe_and_well_checks),
        "return_home_interviews": _dump(ep.return_home_interviews),
        "notes": _dump(ep.notes),
    }


def investigation_json(inv: InvestigationRecords) -> dict[str, Any]:
    return {
        **_record(inv.investigation),
        "supervisor_reviews": _dump(inv.supervisor_reviews),
        "lines_of_enquiry": _dump(inv.lines_of_enquiry),
        "suspects": [
            {**_record(s.suspect), "disruptions": _dump(s.disruptions)}
            for s in inv.suspects
        ],
        "key_decisions": _dump(inv.key_decisions),
        "contacts": _dump(inv.contacts),
        "referrals": _dump(inv.referrals),
        "notes": _dump(inv.notes),
    }


def case_json(case: Case) -> dict[str, Any]:
    return {
        "child": _record(case.child),
        "episodes": [episode_json(e) for e in case.episodes],
        "investigations": [investigation_json(i) for i in case.investigations],
        "notes": _dump(case.notes),
    }


@router.get("/me", responses=ERRORS)
def me(request: Request) -> dict[str, Any]:
    """Who you are signed in as."""
    user = current_user(request)
    return {"username": user.username, "role": user.role, "team": user.team}


@router.get("/queue", responses=ERRORS)
def queue(request: Request, page: Annotated[int, Query(ge=0, le=100_000)] = 0) -> dict[str, Any]:
    """The Now queue for your team (or every team, for a safeguarding lead): in each section the
    open obligations (overdue first, then due soonest) and the open findings, as the audit says
    them; ``page`` pages through each section."""
    ctx = queue_context(request, page)
    log_queue_view(request, shown_children(ctx))  # the items show each child's records
    now = ctx["now"]
    out = {}
    for section in ctx["sections"]:  # type: ignore[attr-defined]
        out[section.key] = {
            "title": section.title,
            "total": section.total,
            "items": [
                {
                    "key": r.key,
                    "kind": r.kind,
                    "check": r.check_id,
                    "severity": r.severity,
                    "child_id": r.child_id,
                    "team": r.team,
                    "record_type": r.record_type,
                    "record_id": r.record_id,
                    "title": r.title,
                    "why": r.why,
                    "due_at": clock.iso(r.due_at) if r.due_at else None,
                    "when": r.when,
                    "urgent": r.urgent,
                }
                for r in section.rows
            ],
        }
    return {"as_of": clock.iso(now), "page": page, "sections": out}  # type: ignore[arg-type]


@router.get("/children", responses=ERRORS)
def children(
    request: Request,
    team: Annotated[str | None, Query(max_length=64, description="Only this team")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> dict[str, Any]:
    """Children you may see, with counts (no record detail: open a child for that)."""
    state = sg(request)
    user = current_user(request)
    teams = visible_teams(request, user)
    totals = children_totals(request, teams, team)
    total, rows = state.results_cache.read(
        cached_stamp(request),
        ("api children", tuple(teams) if teams is not None else None, team, limit, offset),
        lambda: casedata.children_rows(
            state.engine, teams=teams, team=team, limit=limit, offset=offset, totals=totals
        ),
    )
    log_children_view(request, [r["child"].id for r in rows], accesslog.REASONS["api"])
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "children": [
            {
                "id": r["child"].id,
                "team": r["child"].team,
                "in_care": r["child"].in_care,
                "episodes": r["episodes"],
                "open_episodes": r["open"],
                "investigations": r["investigations"],
                "grade": r["grade"],
            }
            for r in rows
        ],
    }


@router.get("/children/{child_id}", responses=ERRORS)
def child(request: Request, child_id: str) -> dict[str, Any]:
    """A child's whole case. Every call is written to the access log."""
    state = sg(request)
    case = casedata.get_case(state.engine, child_id)
    if case is None:
        raise NotFound("There is no child with that id.")
    accesslog.record(
        state.engine,
        current_user(request),
        "view",
        "child",
        child_id,
        accesslog.REASONS["api"],
        child_id,
    )
    return case_json(case)


@router.get("/episodes/{episode_id}", responses=ERRORS)
def episode(request: Request, episode_id: str) -> dict[str, Any]:
    """One missing episode with its grades, actions, checks, interviews and notes."""
    state = sg(request)
    owner = casedata.owner_of(state.engine, "episode_id", episode_id)
    child_id = owner[0] if owner else None
    ep = casedata.get_episode(state.engine, child_id, episode_id) if child_id else None
    if ep is None:
        raise NotFound("There is no episode with that id.")
    accesslog.record(
        state.engine,
        current_user(request),
        "view",
        "episode",
        episode_id,
        accesslog.REASONS["api"],
        child_id,
    )
    return {"child_id": child_id, **episode_json(ep)}

"""JSON API for other systems: the same access rules as the pages (401 anonymous, 403 forbidden)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from safeguard.records import clock
from safeguard.records.case import Case, EpisodeRecords, InvestigationRecords
from safeguard.web import accesslog, casedata
from safeguard.web.guard import NotFound, current_user
from safeguard.web.routes.pages import visible_queue
from safeguard.web.state import sg

router = APIRouter(prefix="/api", tags=["api"])

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "Not signed in"},
    403: {"description": "Your role or team may not see this"},
    404: {"description": "No such record"},
}


def _dump(items: list[Any]) -> list[dict[str, Any]]:
    return [i.model_dump(mode="json") for i in items]


def episode_json(ep: EpisodeRecords) -> dict[str, Any]:
    return {
        **ep.episode.model_dump(mode="json"),
        "risk_assessments": _dump(ep.risk_assessments),
        "actions": _dump(ep.actions),
        "safe_and_well_checks": _dump(ep.safe_and_well_checks),
        "return_home_interviews": _dump(ep.return_home_interviews),
        "notes": _dump(ep.notes),
    }


def investigation_json(inv: InvestigationRecords) -> dict[str, Any]:
    return {
        **inv.investigation.model_dump(mode="json"),
        "supervisor_reviews": _dump(inv.supervisor_reviews),
        "lines_of_enquiry": _dump(inv.lines_of_enquiry),
        "suspects": [
            {**s.suspect.model_dump(mode="json"), "disruptions": _dump(s.disruptions)}
            for s in inv.suspects
        ],
        "key_decisions": _dump(inv.key_decisions),
        "contacts": _dump(inv.contacts),
        "referrals": _dump(inv.referrals),
        "notes": _dump(inv.notes),
    }


def case_json(case: Case) -> dict[str, Any]:
    return {
        "child": case.child.model_dump(mode="json"),
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
def queue(request: Request) -> dict[str, Any]:
    """The Now queue for your team (or every team, for a safeguarding lead)."""
    user = current_user(request)
    snap = sg(request).snapshot.get()
    out = {}
    for section, items in visible_queue(request, snap, user).items():
        out[section] = [
            {
                "child_id": q.child_id,
                "record_type": q.record_type,
                "record_id": q.record_id,
                "title": q.title,
                "why": q.why,
                "urgent": q.urgent,
                "risk": q.risk,
                "since": q.since.isoformat() if q.since else None,
            }
            for q in items
        ]
    return {"as_of": clock.iso(snap.built_at) if snap.built_at else None, "sections": out}


def _children_rows(cases: Iterable[Case]) -> list[dict[str, Any]]:
    return [
        {
            "id": case.child.id,
            "team": case.child.team,
            "in_care": case.child.in_care,
            "episodes": len(case.episodes),
            "open_episodes": sum(1 for e in case.episodes if e.episode.found_at is None),
            "investigations": len(case.investigations),
        }
        for case in sorted(cases, key=lambda c: c.child.id)
    ]


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
    snap = state.snapshot.get()
    rows = [
        row
        for row in snap.memo("api-children", lambda: _children_rows(snap.cases.values()))
        if state.policy.can_see_team(user.role, user.team, row["team"])
        and (team is None or row["team"] == team)
    ]
    return {
        "total": len(rows),
        "limit": limit,
        "offset": offset,
        "children": rows[offset : offset + limit],
    }


@router.get("/children/{child_id}", responses=ERRORS)
def child(request: Request, child_id: str) -> dict[str, Any]:
    """A child's whole case. Every call is written to the access log."""
    state = sg(request)
    case = casedata.get_case(state.engine, child_id)
    if case is None:
        raise NotFound("There is no child with that id.")
    accesslog.record(
        state.engine, current_user(request), "view", "child", child_id, accesslog.REASONS["api"]
    )
    return case_json(case)


@router.get("/episodes/{episode_id}", responses=ERRORS)
def episode(request: Request, episode_id: str) -> dict[str, Any]:
    """One missing episode with its grades, actions, checks, interviews and notes."""
    state = sg(request)
    child_id = state.snapshot.get().episode_child.get(episode_id)
    ep = casedata.get_episode(state.engine, child_id, episode_id) if child_id else None
    if ep is None:
        raise NotFound("There is no episode with that id.")
    accesslog.record(
        state.engine, current_user(request), "view", "episode", episode_id, accesslog.REASONS["api"]
    )
    return {"child_id": child_id, **episode_json(ep)}

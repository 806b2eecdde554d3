"""Shared helpers for the web tests: a small store with one case of each kind, and users.

The data is built from the exchange-format models and loaded with the store's own loader, so
the web app reads it exactly as it would read an import.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from safeguard.records import schema as s

ROOT_DIR = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 3, 1, 12, 0)
PASSWORD = "correct horse battery"
TEAMS = {
    "officer": "North",
    "supervisor": "North",
    "safeguarding_lead": None,
    "auditor": None,
    "admin": None,
}


def records() -> dict[str, list[s.Record]]:
    h = timedelta(hours=1)
    d = timedelta(days=1)
    out: dict[str, list[s.Record]] = {name: [] for name in s.ENTITIES}
    out["children"] += [
        s.Child(
            id="C-N1",
            date_of_birth="2011-05-01",
            in_care=True,
            placement_type="children's home",
            team="North",
        ),
        s.Child(id="C-N2", date_of_birth="2010-01-01", team="North"),
        s.Child(id="C-S1", date_of_birth="2012-02-02", team="South"),
    ]
    out["missing_episodes"] += [
        # C-N1: still missing, high risk, no proactive action.
        s.MissingEpisode(
            id="E-N1-3",
            child_id="C-N1",
            reported_at=NOW - 5 * h,
            reported_by="care home staff",
            team="North",
        ),
        s.MissingEpisode(
            id="E-N1-2",
            child_id="C-N1",
            reported_at=NOW - 20 * d,
            reported_by="care home staff",
            found_at=NOW - 19 * d,
            team="North",
        ),
        s.MissingEpisode(
            id="E-N1-1",
            child_id="C-N1",
            reported_at=NOW - 40 * d,
            reported_by="care home staff",
            found_at=NOW - 39 * d,
            team="North",
        ),
        # C-N2: found four days ago, no safe and well check or return home interview.
        s.MissingEpisode(
            id="E-N2-1",
            child_id="C-N2",
            reported_at=NOW - 5 * d,
            reported_by="parent",
            found_at=NOW - 4 * d,
            team="North",
        ),
        # C-S1: still missing, medium risk, searched recently.
        s.MissingEpisode(
            id="E-S1-1",
            child_id="C-S1",
            reported_at=NOW - 3 * h,
            reported_by="parent",
            team="South",
        ),
    ]
    out["risk_assessments"] += [
        s.RiskAssessment(
            id="R1",
            episode_id="E-N1-3",
            level="high",
            factors=["in care", "older associates"],
            graded_by="PC 1001",
            graded_at=NOW - 4 * h,
        ),
        s.RiskAssessment(
            id="R2",
            episode_id="E-S1-1",
            level="medium",
            factors=["out of character"],
            graded_by="PC 2001",
            graded_at=NOW - 2 * h,
        ),
    ]
    out["episode_actions"] += [
        s.EpisodeAction(
            id="A1",
            episode_id="E-S1-1",
            action_type="search",
            at=NOW - 1 * h,
            officer="PC 2001",
            description="Searched the park",
        ),
    ]
    out["investigations"] += [
        s.Investigation(
            id="I-N1",
            child_id="C-N1",
            exploitation_type="sexual",
            reported_at=NOW - 30 * d,
            reported_by="social_care",
            team="North",
        ),
    ]
    out["notes"] += [
        s.Note(
            id="NT-1",
            record_type="episode",
            record_id="E-N1-2",
            child_id="C-N1",
            author="PC 1001",
            author_role="PC",
            written_at=NOW - 19 * d,
            text="Returned at 02:00. She is putting herself at risk by going to the flat with older males.",
        ),
        s.Note(
            id="NT-2",
            record_type="child",
            record_id="C-S1",
            child_id="C-S1",
            author="PC 2001",
            author_role="PC",
            written_at=NOW - 2 * h,
            text="Parent called; the child is described as streetwise and keeps going back.",
        ),
    ]
    return out


def load_sample(db_url: str) -> None:
    from safeguard.records.io import record_values
    from safeguard.store.load import load
    from safeguard.store.migrate import migrate

    engine = migrate(db_url)
    batches = [
        (name, [tuple(record_values(name, r)) for r in recs])
        for name, recs in records().items()
        if recs
    ]
    load(engine, batches)
    engine.dispose()


def add_users(db_url: str) -> None:
    from safeguard.store.engine import open_engine
    from safeguard.web.accounts import create_user

    engine = open_engine(db_url)
    for role, team in TEAMS.items():
        create_user(engine, role, role, PASSWORD, team)
    create_user(engine, "officer_south", "officer", PASSWORD, "South")
    engine.dispose()

"""A small, valid exchange data set touching every entity, for the store and import tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from safeguard.records.io import ExchangeWriter

BASE = datetime(2024, 3, 1, 9, 30)


def sample_records(
    n_children: int = 3, notes_per_child: int = 4
) -> list[tuple[str, dict[str, Any]]]:
    """``(entity, record)`` pairs, parents before children."""
    out: list[tuple[str, dict[str, Any]]] = []
    for c in range(n_children):
        cid = f"C{c:04d}"
        t = BASE + timedelta(days=c)
        out.append(
            (
                "children",
                {
                    "id": cid,
                    "date_of_birth": date(2009, 1 + c % 12, 1 + c % 27),
                    "sex": "F" if c % 2 else "M",
                    "in_care": c % 2 == 1,
                    "placement_type": "children's home" if c % 2 else None,
                    "vulnerabilities": ["autism", "self-harm"] if c % 3 == 0 else [],
                    "team": "North" if c % 2 else "South",
                },
            )
        )
        eid, iid, sid, kid = f"E{c}", f"I{c}", f"S{c}", f"K{c}"
        out += [
            (
                "missing_episodes",
                {
                    "id": eid,
                    "child_id": cid,
                    "reported_at": t,
                    "reported_by": "care home staff",
                    "last_seen_at": t - timedelta(hours=3),
                    "last_seen_location": "Brixton, near the station; by the bus stop",
                    "status": "missing_from_care",
                    "found_at": t + timedelta(hours=20),
                    "team": "North",
                },
            ),
            (
                "risk_assessments",
                {
                    "id": f"R{c}",
                    "episode_id": eid,
                    "level": "medium",
                    "factors": ["in care", "previous episodes"],
                    "rationale": "In care; seen getting into cars with older males, £400 found",
                    "graded_by": "PC 101",
                    "graded_at": t + timedelta(minutes=30),
                    "supervisor_confirmed_by": "PS 7",
                    "supervisor_confirmed_at": t + timedelta(hours=2),
                },
            ),
            (
                "episode_actions",
                {
                    "id": f"A{c}",
                    "episode_id": eid,
                    "action_type": "enquiry",
                    "at": t + timedelta(hours=1),
                    "officer": "PC 101",
                    "description": 'Visited friend\'s address, "no answer"',
                },
            ),
            (
                "safe_and_well_checks",
                {
                    "id": f"W{c}",
                    "episode_id": eid,
                    "at": t + timedelta(hours=22),
                    "mode": "in_person",
                    "officer": "PC 102",
                    "child_seen": True,
                    "child_spoken_to": c % 2 == 0,
                },
            ),
            (
                "return_home_interviews",
                {
                    "id": f"H{c}",
                    "episode_id": eid,
                    "offered_at": t + timedelta(days=1),
                    "done_at": None,
                    "not_done_reason": "declined",
                },
            ),
            (
                "investigations",
                {
                    "id": iid,
                    "child_id": cid,
                    "exploitation_type": "criminal",
                    "reported_at": t + timedelta(days=2),
                    "reported_by": "school",
                    "crime_recorded_at": t + timedelta(days=2, hours=3),
                    "related_episode_ids": [eid],
                    "outcome": "open",
                },
            ),
            (
                "supervisor_reviews",
                {
                    "id": f"V{c}",
                    "investigation_id": iid,
                    "reviewed_at": t + timedelta(days=5),
                    "reviewer": "DS 9",
                    "summary": "Plan agreed.",
                },
            ),
            (
                "lines_of_enquiry",
                {
                    "id": f"L{c}",
                    "investigation_id": iid,
                    "description": "Phone download",
                    "raised_at": t + timedelta(days=3),
                    "status": "completed",
                    "completed_at": t + timedelta(days=9),
                },
            ),
            (
                "suspects",
                {
                    "id": sid,
                    "investigation_id": iid,
                    "identified_at": t + timedelta(days=4),
                    "is_adult": True,
                    "description": "Male, about 25",
                    "age": 18 + c % 40,
                    "located": c % 2 == 0,
                },
            ),
            (
                "disruption_actions",
                {
                    "id": f"D{c}",
                    "suspect_id": sid,
                    "action_type": "cawn",
                    "at": t + timedelta(days=6),
                },
            ),
            (
                "key_decisions",
                {
                    "id": kid,
                    "investigation_id": iid,
                    "decision": "arrest",
                    "at": t + timedelta(days=6, hours=2),
                },
            ),
            (
                "victim_contacts",
                {
                    "id": f"P{c}",
                    "investigation_id": iid,
                    "contact_with": "parent_carer",
                    "at": t + timedelta(days=7),
                    "in_person": False,
                    "method": "phone",
                    "key_decision_id": kid,
                },
            ),
            (
                "referrals",
                {
                    "id": f"F{c}",
                    "investigation_id": iid,
                    "service": "Child exploitation support",
                    "at": t + timedelta(days=3),
                    "referral_type": "support_service",
                    "agency": "Local CSE charity",
                },
            ),
        ]
        for n in range(notes_per_child):
            rtype, rid = [("child", cid), ("episode", eid), ("investigation", iid)][n % 3]
            out.append(
                (
                    "notes",
                    {
                        "id": f"N{c}-{n}",
                        "record_type": rtype,
                        "record_id": rid,
                        "child_id": cid,
                        "author": "PC 101",
                        "author_role": "PC",
                        "written_at": t + timedelta(hours=n, microseconds=n * 7),
                        "text": f'Note {n} for the case.\nSecond line, with a comma; and "quotes" — ü.',
                        "challenges_note_id": f"N{c}-{n - 1}" if n == 3 else None,
                    },
                )
            )
    return out


def write_sample(directory: Path, fmt: str = "csv", **kw: Any) -> Path:
    with ExchangeWriter(directory, fmt) as w:  # type: ignore[arg-type]
        for entity, rec in sample_records(**kw):
            w.write(entity, rec)
    return directory

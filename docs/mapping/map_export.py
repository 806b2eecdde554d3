"""Turn the example records-system export in export/ into safeguard's exchange format.

    python3 docs/mapping/map_export.py docs/mapping/export mapped/
    safeguard import --check mapped/        # then: safeguard import mapped/ --db cases.db

Standard library only. docs/mapping.md explains each step; adapt the column names to your
own system's export.
"""

from __future__ import annotations

import csv
import sys
from datetime import datetime
from pathlib import Path

SEX = {"M": "male", "F": "female"}
LEVEL = {
    "HIGH": "high",
    "MEDIUM": "medium",
    "LOW": "low",
    "ABSENT": "no_apparent_risk",
    "NO APPARENT RISK": "no_apparent_risk",
}
PLACEMENT = {"Childrens Home": "children's home", "Foster": "foster care"}


def read(path: Path) -> list[dict[str, str]]:
    """Rows of a ';'-separated export, with surrounding spaces removed."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [
            {k.strip(): (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(fh, delimiter=";")
        ]


def ident(value: str) -> str:
    """An id safe for safeguard: the system's reference with '/' made '-'."""
    return value.replace("/", "-")


def when(day: str, time: str = "") -> str:
    """'02/02/2025' and '23:40' (UK order) -> '2025-02-02T23:40:00'; '' when not recorded."""
    if not day:
        return ""
    text = f"{day} {time or '00:00'}" if len(day) == 10 else day
    return datetime.strptime(text, "%d/%m/%Y %H:%M").isoformat()


def write(out: Path, name: str, rows: list[dict[str, str]]) -> None:
    if not rows:
        return
    with (out / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(source: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    children: dict[str, dict[str, str]] = {}
    episodes, gradings, notes = [], [], []
    for row in read(source / "missing_persons.csv"):
        child_id = ident(row["Person URN"])
        in_care = row["Looked After"] == "Y"
        # Names are left behind: the exchange format holds pseudonymous ids only.
        children[child_id] = {
            "id": child_id,
            "date_of_birth": datetime.strptime(row["DOB"], "%d/%m/%Y").date().isoformat(),
            "sex": SEX.get(row["Gender"], ""),
            "in_care": "true" if in_care else "false",
            "placement_type": PLACEMENT.get(row["Placement"], row["Placement"].lower()),
            "team": row["Station"],
        }
        episode_id = ident(row["Occurrence Ref"])
        reported_at = when(row["Reported Date"], row["Reported Time"])
        episodes.append(
            {
                "id": episode_id,
                "child_id": child_id,
                "reported_at": reported_at,
                "reported_by": row["Reported By"].lower() or "not recorded",
                "last_seen_at": when(row["Last Seen Date"], row["Last Seen Time"]),
                "last_seen_location": row["Last Seen At"],
                "status": "missing_from_care" if in_care else "missing",
                "found_at": when(row["Traced Date"], row["Traced Time"]),
                "found_location": row["Traced At"],
                "team": row["Station"],
                "officer_in_charge": row["OIC"],
            }
        )
        # A grading with no time cannot be placed on the timeline: it is left out rather
        # than given an invented time (the audit then reports the episode as not graded).
        if row["Risk"] and row["Risk Set On"]:
            gradings.append(
                {
                    "id": f"{episode_id}-R1",
                    "episode_id": episode_id,
                    "level": LEVEL[row["Risk"].upper()],
                    "graded_by": row["Risk Set By"] or "not recorded",
                    "graded_at": when(row["Risk Set On"]),
                }
            )
    for row in read(source / "log_entries.csv"):
        notes.append(
            {
                "id": ident(row["Log ID"]),
                "record_type": "episode",
                "record_id": ident(row["Occurrence Ref"]),
                "child_id": ident(row["Person URN"]),
                "author": row["Entered By"],
                "author_role": row["Rank"],
                "written_at": when(row["Entered"]),
                "text": row["Entry"],
            }
        )
    write(out, "children", list(children.values()))
    write(out, "missing_episodes", episodes)
    write(out, "risk_assessments", gradings)
    write(out, "notes", notes)
    print(
        f"{len(children)} children, {len(episodes)} episodes, {len(gradings)} gradings, "
        f"{len(notes)} notes written to {out}"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))

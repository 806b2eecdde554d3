"""Empty exchange files to fill from a force's own system: ``safeguard template DIR``.

One CSV per kind of record with its header row and one example row, commented out (a row
whose first cell starts with ``#`` is skipped on import), and a README.txt describing every
column. The example rows are invented: the first of each kind in the demo data set.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from safeguard.records.io import _to_cell, columns, field_specs, record_values
from safeguard.records.schema import ENTITIES, REFERENCES

COMMENT = "#"
README = "README.txt"
#: Demo children looked at to find an example of every kind of record.
_EXAMPLE_CHILDREN = 200


def examples(seed: int = 1) -> dict[str, BaseModel]:
    """One invented record of each kind, from the demo data: one family of records (a child,
    one of their episodes, one investigation, ...) that refer to one another, so that the
    example rows, uncommented, import together. The first child in the demo data who has one
    of every kind (so always the same); failing that, the first record of each kind."""
    from safeguard.demo.write import iter_demo

    found: dict[str, BaseModel] = {}
    for child, _truth in iter_demo(_EXAMPLE_CHILDREN, seed):
        family = _family(child.records)
        if len(family) == len(ENTITIES):
            return family
        for entity, records in child.records.items():
            if records and entity not in found:
                found[entity] = records[0]
    return found


def _family(records: dict[str, list[Any]]) -> dict[str, BaseModel]:
    """The first record of each kind whose references all point to records already chosen
    (kinds in their order in ENTITIES: a parent before the records that refer to it)."""
    chosen: dict[str, BaseModel] = {}
    ids: dict[str, set[str]] = {}

    def fits(entity: str, record: Any) -> bool:
        for (ref_entity, name), target in REFERENCES.items():
            if ref_entity != entity:
                continue
            value = getattr(record, name)
            values = value if isinstance(value, list) else [] if value is None else [value]
            if not set(values) <= ids.get(target, set()):
                return False
        if entity == "notes":
            kind = {"child": "children", "episode": "missing_episodes"}.get(
                record.record_type, "investigations"
            )
            return record.record_id in ids.get(kind, set()) and not record.challenges_note_id
        return True

    for entity in ENTITIES:
        pick = next((r for r in records.get(entity, []) if fits(entity, r)), None)
        if pick is not None:
            chosen[entity] = pick
            ids[entity] = {pick.id}
    return chosen


def file_names() -> list[str]:
    return [f"{entity}.csv" for entity in ENTITIES] + [README]


def write_template(out: Path) -> list[Path]:
    """Write the template files into ``out`` (created if needed); returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    example = examples()
    written = []
    for entity in ENTITIES:
        path = out / f"{entity}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(columns(entity))
            if entity in example:
                cells = [_to_cell(v) for v in record_values(entity, example[entity])]
                cells[0] = f"{COMMENT} {cells[0]}"
                writer.writerow(cells)
        written.append(path)
    readme = out / README
    readme.write_text(readme_text(), encoding="utf-8")
    written.append(readme)
    return written


def readme_text() -> str:
    lines = [
        "Case records for safeguard: one file per kind of record.",
        "",
        "Fill each file from your own system's export, one record per row, keeping the header",
        "row. A kind of record you do not hold can be left with its header only. The second",
        "row of each file is an invented example, commented out with '#' (rows starting with",
        "'#' are skipped on import): keep it as a guide or delete it.",
        "",
        "Dates are YYYY-MM-DD (2025-04-01); dates with a time are YYYY-MM-DDTHH:MM:SS",
        "(2025-04-01T14:05:00), in local time. true/false for yes/no; lists are separated by ';'.",
        "An empty cell means 'not recorded'. Files are UTF-8 text with commas between values.",
        "",
        "Check the files without importing:   safeguard import --check FOLDER",
        "Then import them:                    safeguard import FOLDER --db cases.db",
        "A worked example of mapping an export: docs/mapping.md in safeguard's documentation.",
    ]
    for entity in ENTITIES:
        lines += ["", f"{entity}.csv", "-" * (len(entity) + 4)]
        for name, spec in field_specs(entity).items():
            need = "required" if spec.required else "optional"
            about = f" {spec.description}" if spec.description else ""
            lines.append(f"  {name} ({need}; {spec.csv_form}).{about}")
    return "\n".join(lines) + "\n"

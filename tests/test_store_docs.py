"""The exchange-format docs and JSON Schemas are generated from the models and up to date."""

from __future__ import annotations

import json
from pathlib import Path

from safeguard.records.schema import ENTITIES

ROOT = Path(__file__).resolve().parent.parent


def test_json_schema_matches_the_models() -> None:
    for entity, model in ENTITIES.items():
        schema = json.loads((ROOT / "docs" / "schema" / f"{entity}.schema.json").read_text())
        assert set(schema["properties"]) == set(model.model_fields)
        assert set(schema.get("required", [])) == {
            n for n, f in model.model_fields.items() if f.is_required()
        }
        assert schema["additionalProperties"] is False
    doc = (ROOT / "docs" / "exchange-format.md").read_text(encoding="utf-8")
    for entity in ENTITIES:
        assert f"## {entity}\n" in doc

"""The independent case sets (data/cases and data/cases_*) stay loadable as the record format
changes, and each expected finding names a check that exists: scripts/eval_cases.py scores
the audit on them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from safeguard.records.validate import validate
from safeguard.standards.catalogue import default_standards

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize("name", ["cases", "cases_test", "cases_c", "cases_d", "cases_e"])
def test_case_set_imports_and_names_known_checks(name: str) -> None:
    folder = DATA / name
    result = validate(folder / "records")
    try:
        assert result.ok, [str(p) for p in result.problems[:5]]
    finally:
        result.close()
    expected = yaml.safe_load((folder / "expected.yml").read_text("utf-8"))
    known = {c.id for c in default_standards().checks}
    named = {f["check"] for c in expected["cases"] for f in c["expected_findings"]}
    assert named and named <= known, named - known

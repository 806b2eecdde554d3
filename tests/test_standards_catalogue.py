"""The standards catalogue and risk-level rules: complete, validated, documented."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from safeguard.standards import (
    StandardsError,
    default_risk_levels,
    default_standards,
    parse_risk_levels,
    parse_standards,
)
from safeguard.standards.catalogue import DEFAULT_PATH
from safeguard.standards.risk_levels import DEFAULT_PATH as RL_PATH

ROOT = Path(__file__).resolve().parent.parent

CONTRACT_IDS = {
    "MIS-GRADE-LOW",
    "MIS-NO-APPARENT-RISK",
    "MIS-GRADE-UNCONFIRMED",
    "MIS-NO-PROACTIVE-ACTION",
    "MIS-REPEAT-NO-SCREENING",
    "MIS-NO-INPERSON-CHECK",
    "MIS-RHI-LATE",
    "INV-NO-PLAN",
    "INV-NO-SUPERVISOR-REVIEW",
    "INV-SLOW-FIRST-ACTION",
    "INV-SUSPECT-NOT-DISRUPTED",
    "INV-CHILD-NOT-UPDATED",
    "INV-PARENT-NOT-UPDATED",
    "INV-KEY-DECISION-LATE",
    "INV-NO-NEEDS-ASSESSMENT",
    "INV-NO-REFERRAL",
    "INV-NO-EVIDENCE-LED",
    "INV-THIRD-PARTY-NOT-RECORDED",
    "LANG-VICTIM-BLAMING",
    "LANG-UNCHALLENGED",
}


def raw() -> dict:  # type: ignore[type-arg]
    return copy.deepcopy(yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8")))


def test_catalogue_has_exactly_the_contract_ids() -> None:
    assert {c.id for c in default_standards().checks} == CONTRACT_IDS


def test_every_finding_of_the_inspection_is_covered() -> None:
    findings = {c.finding for c in default_standards().checks}
    domain = ROOT.parent / "shared" / "domain" / "README.md"
    if not domain.exists():
        pytest.skip("domain brief not present")
    text = domain.read_text(encoding="utf-8")
    table = text.split("## What the inspection found", 1)[1].split("\n## ", 1)[0]
    rows = [
        r.split("|")[1].strip() for r in table.splitlines() if r.startswith("| ") and "---" not in r
    ]
    rows = [
        r for r in rows if r != "finding" and not r.startswith("244 cases")
    ]  # the last row is the case grade itself
    assert rows and set(rows) <= findings


def test_parameters_are_typed() -> None:
    p = default_standards().get("MIS-NO-PROACTIVE-ACTION").params()
    assert (p.hours_high, p.hours_medium, p.hours_low) == (1, 6, 24)
    assert default_standards().get("MIS-RHI-LATE").params().hours == 72


def test_wrong_parameter_names_entry_field_and_expectation() -> None:
    r = raw()
    entry = next(c for c in r["checks"] if c["id"] == "MIS-RHI-LATE")
    entry["parameters"]["hours"] = "three days"
    with pytest.raises(StandardsError) as e:
        parse_standards(r)
    msg = str(e.value)
    assert "'MIS-RHI-LATE'" in msg and "parameters.hours" in msg and "expected a number" in msg


def test_wrong_severity_and_unknown_field_are_refused() -> None:
    r = raw()
    r["checks"][0]["severity"] = "catastrophic"
    r["checks"][1]["titel"] = "typo"
    with pytest.raises(StandardsError) as e:
        parse_standards(r)
    msg = str(e.value)
    assert "'MIS-GRADE-LOW', field 'severity': expected 'serious', 'major' or 'minor'" in msg
    assert "'MIS-NO-APPARENT-RISK', field 'titel'" in msg


def test_missing_and_duplicate_checks_are_refused() -> None:
    r = raw()
    dropped = r["checks"].pop()
    with pytest.raises(StandardsError, match=f"'{dropped['id']}' is missing"):
        parse_standards(r)
    r = raw()
    r["checks"].append(copy.deepcopy(r["checks"][0]))
    with pytest.raises(StandardsError, match="appears more than once"):
        parse_standards(r)


def test_unknown_check_id_is_refused() -> None:
    r = raw()
    r["checks"][0]["id"] = "MIS-MADE-UP"
    with pytest.raises(StandardsError, match="field 'id': expected one of the known check ids"):
        parse_standards(r)


def test_risk_levels_definitions_and_rules() -> None:
    rl = default_risk_levels()
    assert {lv.name for lv in rl.levels} == {"high", "medium", "low", "no_apparent_risk"}
    assert "very likely" in rl.definition("high").definition
    assert rl.baseline == "low"
    assert all(r.grade in ("low", "medium", "high") for r in rl.rules)


def test_risk_levels_mistakes_are_refused() -> None:
    r = yaml.safe_load(RL_PATH.read_text(encoding="utf-8"))
    r["rules"][0]["when"] = {"age_undr": 12}
    with pytest.raises(StandardsError, match="rule 'under-12', field 'when.age_undr'"):
        parse_risk_levels(r)
    r = yaml.safe_load(RL_PATH.read_text(encoding="utf-8"))
    r["baseline"] = "no_apparent_risk"
    with pytest.raises(StandardsError, match="never no apparent risk"):
        parse_risk_levels(r)
    r = yaml.safe_load(RL_PATH.read_text(encoding="utf-8"))
    r["rules"][0]["grade"] = "absent"
    with pytest.raises(StandardsError, match="rule 'under-12', field 'grade'"):
        parse_risk_levels(r)

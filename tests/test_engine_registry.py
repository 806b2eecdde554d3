"""Every check in standards.yml has exactly one implementation, and every implementation an
entry; severities that depend on the risk level; no import cycle between the checks and the
audit."""

from __future__ import annotations

import ast
import copy
from pathlib import Path

import pytest
import yaml

from safeguard.engine.registry import IMPLEMENTATIONS, check, registry
from safeguard.standards import StandardsError, default_standards, parse_standards
from safeguard.standards.catalogue import DEFAULT_PATH

SRC = Path(__file__).resolve().parent.parent / "src" / "safeguard"


def _decorated_ids() -> list[str]:
    """Check ids named in an ``@check(...)`` decorator anywhere in the source."""
    ids = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef):
                for dec in node.decorator_list:
                    if (
                        isinstance(dec, ast.Call)
                        and getattr(dec.func, "id", None) == "check"
                        and dec.args
                        and isinstance(dec.args[0], ast.Constant)
                    ):
                        ids.append(dec.args[0].value)
    return ids


def test_every_standard_has_exactly_one_implementation_and_vice_versa() -> None:
    in_file = [c["id"] for c in yaml.safe_load(DEFAULT_PATH.read_text())["checks"]]
    in_code = _decorated_ids()
    assert sorted(in_file) == sorted(set(in_file)), "an id appears twice in standards.yml"
    assert sorted(in_code) == sorted(set(in_code)), "an id is implemented twice"
    assert set(in_file) == set(in_code) == set(registry())


def test_registry_lists_only_the_implementation_modules() -> None:
    modules = {spec.func.__module__ for spec in registry().values()}
    assert modules == set(IMPLEMENTATIONS)


def test_a_second_implementation_is_refused() -> None:
    from safeguard.engine.registry import RegistryError

    with pytest.raises(RegistryError, match="implemented twice"):

        @check("MIS-RHI-LATE", per="episode")
        def other(*_a: object) -> list[object]:
            return []


def test_an_entry_without_implementation_is_refused() -> None:
    raw = copy.deepcopy(yaml.safe_load(DEFAULT_PATH.read_text()))
    raw["checks"].append({**raw["checks"][0], "id": "MIS-NEW"})
    with pytest.raises(StandardsError, match="one of the known check ids"):
        parse_standards(raw)
    raw = copy.deepcopy(yaml.safe_load(DEFAULT_PATH.read_text()))
    raw["checks"] = [c for c in raw["checks"] if c["id"] != "MIS-RHI-LATE"]
    with pytest.raises(StandardsError, match="'MIS-RHI-LATE' is missing"):
        parse_standards(raw)


def test_severity_may_depend_on_the_episode_risk_level() -> None:
    chk = default_standards().get("MIS-NO-PROACTIVE-ACTION")
    assert [str(chk.severity_for(r)) for r in ("high", "medium", "low", "no_apparent_risk")] == [
        "serious",
        "major",
        "minor",
        "minor",
    ]
    assert str(chk.worst_severity()) == "serious"
    for check_id, severity, expected in [
        ("INV-NO-PLAN", {"high": "serious", "medium": "major", "low": "minor"}, "one severity"),
        ("MIS-RHI-LATE", {"high": "serious", "medium": "major"}, "missing: low"),
        ("MIS-RHI-LATE", {"high": "serious", "medium": "major", "low": "x"}, "expected"),
    ]:
        raw = copy.deepcopy(yaml.safe_load(DEFAULT_PATH.read_text()))
        for c in raw["checks"]:
            if c["id"] == check_id:
                c["severity"] = severity
        with pytest.raises(StandardsError) as e:
            parse_standards(raw)
        assert f"'{check_id}', field 'severity" in str(e.value) and expected in str(e.value)


def _imports(where: Path) -> set[str]:
    out: set[str] = set()
    for path in [where] if where.is_file() else where.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                out.add(node.module)
            elif isinstance(node, ast.Import):
                out.update(a.name for a in node.names)
    return out


@pytest.mark.parametrize(
    "package",
    [
        "missing",
        "investigations",
        "standards",
        "engine/finding.py",
        "engine/context.py",
        "engine/registry.py",
    ],
)
def test_checks_do_not_import_the_audit(package: str) -> None:
    assert not {m for m in _imports(SRC / package) if m.startswith("safeguard.audit")}

"""The standards catalogue: loading and validating ``standards.yml``.

A mistake in the file is refused with a message naming the entry, the field and what was
expected, e.g. ``standards.yml: check 'MIS-RHI-LATE', field 'parameters.hours': expected a
whole number, got 'three days'``.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from safeguard.errors import KnowledgeFileError

DEFAULT_PATH = Path(__file__).with_name("standards.yml")


class StandardsError(KnowledgeFileError):
    """The standards file is not valid; the message says where and what was expected."""


class Area(StrEnum):
    missing = "missing"
    investigation = "investigation"
    language = "language"


class Severity(StrEnum):
    serious = "serious"
    major = "major"
    minor = "minor"


#: Risk levels a severity may depend on (an episode's latest or assessed grade).
RISK_KEYS = ("high", "medium", "low", "no_apparent_risk")


def _spec(check_id: str) -> Any:
    from safeguard.engine.registry import registry

    return registry().get(check_id)


class Check(BaseModel):
    """One entry of the catalogue."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str
    area: Area
    title: str = Field(min_length=3)
    finding: str = Field(min_length=3)
    source: str = Field(min_length=3)
    parameters: dict[str, Any] = Field(default_factory=dict)
    #: One severity, or one per risk level of the episode (``{high: serious, medium: major,
    #: low: minor}``; ``no_apparent_risk`` takes ``low``'s when not given).
    severity: Severity | dict[str, Severity]
    overdue: bool = False
    #: :meth:`params`, made once (the audit asks for a check's parameters for every record)
    _params: Any = PrivateAttr(default=None)

    @field_validator("id")
    @classmethod
    def _known_id(cls, v: str) -> str:
        if _spec(v) is None:
            from safeguard.engine.registry import registry

            raise ValueError(f"one of the known check ids ({', '.join(registry())})")
        return v

    @field_validator("severity")
    @classmethod
    def _risk_keys(cls, v: Severity | dict[str, Severity]) -> Severity | dict[str, Severity]:
        if isinstance(v, dict):
            unknown = sorted(set(v) - set(RISK_KEYS))
            if unknown:
                raise ValueError(f"risk levels high, medium and low, not {', '.join(unknown)}")
            lacking = [k for k in ("high", "medium", "low") if k not in v]
            if lacking:
                raise ValueError(f"a severity for each risk level (missing: {', '.join(lacking)})")
        return v

    def params(self) -> Any:
        """The parameters as a typed object (validated on load; made once per check)."""
        made = self._params
        if made is None or made[0] is not self.parameters:  # a copy with other parameters
            made = self._params = (
                self.parameters,
                _spec(self.id).params.model_validate(self.parameters),
            )
        return made[1]

    def severity_for(self, risk: str | None = None) -> Severity:
        """The severity of a finding, for an episode at ``risk`` where it depends on it."""
        if not isinstance(self.severity, dict):
            return self.severity
        if risk in self.severity:
            return self.severity[risk]
        if risk == "no_apparent_risk":
            return self.severity["low"]
        return self.worst_severity()

    def worst_severity(self) -> Severity:
        """The most severe this check's findings can be."""
        if not isinstance(self.severity, dict):
            return self.severity
        order = list(Severity)
        return min(self.severity.values(), key=order.index)

    def severity_words(self) -> str:
        """The severity for a reader: "Serious", or, where it depends on the episode's risk,
        "Serious at high risk, major at medium risk, minor at low risk"."""
        if not isinstance(self.severity, dict):
            return str(self.severity).capitalize()
        text = ", ".join(f"{self.severity[k]} at {k} risk" for k in ("high", "medium", "low"))
        return text[0].upper() + text[1:]

    def severity_by_risk(self) -> dict[str, str] | None:
        if not isinstance(self.severity, dict):
            return None
        return {k: str(v) for k, v in self.severity.items()}


class GradeRule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    serious: int | None = Field(default=None, ge=1)
    major: int | None = Field(default=None, ge=1)
    minor: int | None = Field(default=None, ge=1)

    def met(self, counts: dict[str, int]) -> bool:
        return any(
            need is not None and counts.get(sev, 0) >= need
            for sev, need in (
                ("serious", self.serious),
                ("major", self.major),
                ("minor", self.minor),
            )
        )


class CaseGrades(BaseModel):
    model_config = ConfigDict(extra="forbid")

    inadequate: GradeRule
    requires_improvement: GradeRule


class UrgentRule(BaseModel):
    """What the Now queue marks urgent (one definition, read by the engine; views show it)."""

    model_config = ConfigDict(extra="forbid")

    #: An obligation past its deadline is urgent.
    overdue: bool
    #: Any open finding or obligation of these severities is urgent.
    severities: list[Severity] = Field(default_factory=list)

    def applies(self, severity: str, overdue: bool) -> bool:
        return (self.overdue and overdue) or severity in self.severities


class Standards(BaseModel):
    """The whole catalogue."""

    model_config = ConfigDict(extra="forbid")

    case_grades: CaseGrades
    urgent: UrgentRule
    checks: list[Check]

    def by_id(self) -> dict[str, Check]:
        return {c.id: c for c in self.checks}

    def get(self, check_id: str) -> Check:
        return self.by_id()[check_id]


def _where(loc: tuple[Any, ...], raw: dict[str, Any]) -> str:
    """Turn a pydantic error location into 'check 'ID', field 'x.y''."""
    parts = list(loc)
    if len(parts) >= 2 and parts[0] == "checks" and isinstance(parts[1], int):
        idx = parts[1]
        try:
            entry_id = raw["checks"][idx].get("id") or f"number {idx + 1}"
        except (KeyError, IndexError, AttributeError, TypeError):
            entry_id = f"number {idx + 1}"
        field = ".".join(str(p) for p in parts[2:]) or "(the whole entry)"
        return f"check '{entry_id}', field '{field}'"
    return f"field '{'.'.join(str(p) for p in parts) or '(top level)'}'"


def _expected(err: Any) -> str:
    kind = err.get("type", "")
    msg = err.get("msg", "")
    got = err.get("input")
    friendly = {
        "int_parsing": "expected a whole number",
        "int_type": "expected a whole number",
        "float_parsing": "expected a number",
        "float_type": "expected a number",
        "missing": "this field is required",
        "extra_forbidden": "this field is not allowed here (check the spelling)",
        "enum": msg.replace("Input should be", "expected"),
        "list_type": "expected a list",
        "dict_type": "expected a mapping of names to values",
        "string_type": "expected text",
    }.get(kind)
    if friendly is None:
        friendly = msg.replace("Value error, ", "expected ").replace("Input should be", "expected")
    if kind not in ("missing",) and got is not None and not isinstance(got, dict | list):
        friendly += f", got {got!r}"
    return friendly


def parse_standards(raw: Any, name: str = "standards.yml") -> Standards:
    """Validate a parsed YAML document; raise :class:`StandardsError` on the first problems."""
    if not isinstance(raw, dict):
        raise StandardsError(
            f"{name}: expected a mapping with 'case_grades', 'urgent' and 'checks'"
        )
    try:
        std = Standards.model_validate(raw)
    except ValidationError as exc:
        lines = []
        for e in exc.errors():
            loc = tuple(e["loc"])
            tags = [p for p in loc if isinstance(p, str) and "[" in p]
            # A field with two accepted forms (one severity, or one per risk level): report
            # only the form that was attempted.
            if any(t.startswith("dict[") for t in tags) and e.get("type") == "dict_type":
                continue
            if any(t.startswith("str-enum") for t in tags) and isinstance(e.get("input"), dict):
                continue
            loc = tuple(p for p in loc if p not in tags)
            line = f"{name}: {_where(loc, raw)}: {_expected(e)}"
            if line not in lines:
                lines.append(line)
        lines = lines or [f"{name}: {_where(e['loc'], raw)}: {_expected(e)}" for e in exc.errors()]
        raise StandardsError("\n".join(lines)) from None
    problems: list[str] = []
    seen: set[str] = set()
    for check in std.checks:
        if check.id in seen:
            problems.append(f"{name}: check '{check.id}' appears more than once; keep one entry")
        seen.add(check.id)
        try:
            check.params()
        except ValidationError as exc:
            for e in exc.errors():
                field = "parameters." + ".".join(str(p) for p in e["loc"])
                problems.append(f"{name}: check '{check.id}', field '{field}': {_expected(e)}")
    from safeguard.engine.registry import registry

    for check in std.checks:
        if isinstance(check.severity, dict) and registry()[check.id].per != "episode":
            problems.append(
                f"{name}: check '{check.id}', field 'severity': one severity (only a check of "
                "a missing episode can depend on the episode's risk level)"
            )
    for missing in registry().keys() - seen:
        problems.append(f"{name}: check '{missing}' is missing; every check needs an entry")
    if problems:
        raise StandardsError("\n".join(sorted(problems)))
    return std


def load_standards(path: str | Path | None = None) -> Standards:
    """Load and validate the standards catalogue (the packaged one by default)."""
    p = Path(path) if path else DEFAULT_PATH
    try:
        raw = yaml.safe_load(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise StandardsError(f"{p.name}: not valid YAML: {exc}") from None
    return parse_standards(raw, p.name)


@cache
def default_standards() -> Standards:
    return load_standards()

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
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from safeguard.records.schema import ActionType, CheckMode, DisruptionType

DEFAULT_PATH = Path(__file__).with_name("standards.yml")


class StandardsError(ValueError):
    """The standards file is not valid; the message says where and what was expected."""


class Area(StrEnum):
    missing = "missing"
    investigation = "investigation"
    language = "language"


class Severity(StrEnum):
    serious = "serious"
    major = "major"
    minor = "minor"


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NoParams(_Params):
    pass


class ConfirmParams(_Params):
    hours_high: float = Field(gt=0)
    hours_other: float = Field(gt=0)


class ProactiveParams(_Params):
    hours_high: float = Field(gt=0)
    hours_medium: float = Field(gt=0)
    hours_low: float = Field(gt=0)
    proactive_actions: list[ActionType] = Field(min_length=1)


class RepeatParams(_Params):
    episodes: int = Field(ge=2)
    window_days: int = Field(gt=0)


class InPersonParams(_Params):
    accepted_modes: list[CheckMode] = Field(min_length=1)


class HoursParams(_Params):
    hours: float = Field(gt=0)


class DaysParams(_Params):
    days: int = Field(gt=0)


class DisruptionParams(_Params):
    disruption_actions: list[DisruptionType] = Field(min_length=1)


class WorkingDaysParams(_Params):
    working_days: int = Field(ge=1)


class ScoreParams(_Params):
    min_score: float = Field(ge=0, le=1)


#: Every check id the audit implements, with the parameters it needs.
PARAMETERS: dict[str, type[_Params]] = {
    "MIS-GRADE-LOW": NoParams,
    "MIS-NO-APPARENT-RISK": NoParams,
    "MIS-GRADE-UNCONFIRMED": ConfirmParams,
    "MIS-NO-PROACTIVE-ACTION": ProactiveParams,
    "MIS-REPEAT-NO-SCREENING": RepeatParams,
    "MIS-NO-INPERSON-CHECK": InPersonParams,
    "MIS-RHI-LATE": HoursParams,
    "INV-NO-PLAN": DaysParams,
    "INV-NO-SUPERVISOR-REVIEW": DaysParams,
    "INV-SLOW-FIRST-ACTION": HoursParams,
    "INV-SUSPECT-NOT-DISRUPTED": DisruptionParams,
    "INV-CHILD-NOT-UPDATED": DaysParams,
    "INV-PARENT-NOT-UPDATED": DaysParams,
    "INV-KEY-DECISION-LATE": WorkingDaysParams,
    "INV-NO-NEEDS-ASSESSMENT": NoParams,
    "INV-NO-REFERRAL": NoParams,
    "INV-NO-EVIDENCE-LED": NoParams,
    "INV-THIRD-PARTY-NOT-RECORDED": NoParams,
    "LANG-VICTIM-BLAMING": ScoreParams,
    "LANG-UNCHALLENGED": NoParams,
}


class Check(BaseModel):
    """One entry of the catalogue."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str
    area: Area
    title: str = Field(min_length=3)
    finding: str = Field(min_length=3)
    source: str = Field(min_length=3)
    parameters: dict[str, Any] = Field(default_factory=dict)
    severity: Severity
    overdue: bool = False

    @field_validator("id")
    @classmethod
    def _known_id(cls, v: str) -> str:
        if v not in PARAMETERS:
            raise ValueError(f"one of the known check ids ({', '.join(PARAMETERS)})")
        return v

    def params(self) -> Any:
        """The parameters as a typed object (validated on load)."""
        return PARAMETERS[self.id].model_validate(self.parameters)


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


class Standards(BaseModel):
    """The whole catalogue."""

    model_config = ConfigDict(extra="forbid")

    case_grades: CaseGrades
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
        raise StandardsError(f"{name}: expected a mapping with 'case_grades' and 'checks'")
    try:
        std = Standards.model_validate(raw)
    except ValidationError as exc:
        lines = [f"{name}: {_where(e['loc'], raw)}: {_expected(e)}" for e in exc.errors()]
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
    for missing in PARAMETERS.keys() - seen:
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

"""Written risk-level definitions and grading rules (``risk_levels.yml``), validated on load."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    model_validator,
)

from safeguard.standards.catalogue import StandardsError

DEFAULT_PATH = Path(__file__).with_name("risk_levels.yml")

#: Grades in increasing order of risk.
ORDER = ("no_apparent_risk", "low", "medium", "high")


def rank(level: str) -> int:
    """Position of a level in :data:`ORDER` (higher is more risk)."""
    return ORDER.index(level)


class Level(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    label: str = Field(min_length=1)
    definition: str = Field(min_length=10)


class Conditions(BaseModel):
    """The facts a rule tests; every condition given must hold."""

    model_config = ConfigDict(extra="forbid")
    age_under: int | None = Field(default=None, ge=1, le=18)
    in_care: bool | None = None
    status_in: list[str] | None = None
    vulnerability_any: list[str] | None = None
    any_vulnerability: bool | None = None
    repeat_count_at_least: int | None = Field(default=None, ge=1)
    indicator_categories_at_least: int | None = Field(default=None, ge=1)
    indicator_category_any: list[str] | None = None
    hours_missing_at_least: float | None = Field(default=None, gt=0)
    previously_found_at_suspect_address: bool | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> Conditions:
        if not self.model_dump(exclude_none=True):
            raise ValueError("give at least one condition")
        return self


class GradeRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    when: Conditions
    grade: str
    reason: str = Field(min_length=3)


class RationaleConditions(BaseModel):
    """What the signs of exploitation in a grading officer's own account must show."""

    model_config = ConfigDict(extra="forbid")
    signs_at_least: int | None = Field(default=None, ge=1)
    sign_any: list[str] | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> RationaleConditions:
        if not self.model_dump(exclude_none=True):
            raise ValueError("give at least one condition")
        return self


class RationaleRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    when: RationaleConditions
    grade: Literal["low", "medium", "high"]
    reason: str = Field(min_length=3)


#: What a low grade may rest on (``Settings.grade_low_basis``).
GradeBasis = Literal["recorded_factors", "rationale", "case_rules"]


def _recorded_factors() -> list[GradeBasis]:
    return ["recorded_factors"]


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    grade_low_basis: list[GradeBasis] = Field(default_factory=_recorded_factors, min_length=1)
    repeat_window_days: int = Field(default=90, gt=0)
    indicator_min_score: float = Field(default=0.5, ge=0, le=1)
    indicator_lookback_days: int = Field(default=90, ge=0)
    rationale_note_minutes: int = Field(default=60, ge=0)
    grade_corrected_within_hours: float = Field(default=2, ge=0)


class RiskLevels(BaseModel):
    model_config = ConfigDict(extra="forbid")
    levels: list[Level]
    baseline: str
    settings: Settings = Field(default_factory=Settings)
    recorded_factors: dict[Literal["low", "medium", "high"], list[str]] = Field(
        default_factory=dict
    )
    rules: list[GradeRule]
    rationale_rules: list[RationaleRule] = Field(default_factory=list)
    _factor_levels: dict[str, str] | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _check_names(self) -> RiskLevels:
        names = [lv.name for lv in self.levels]
        if sorted(names) != sorted(ORDER):
            raise ValueError(f"'levels' must define exactly {', '.join(ORDER)}")
        if self.baseline not in ("low", "medium", "high"):
            raise ValueError(
                "'baseline' must be low, medium or high (a child is never no apparent risk)"
            )
        seen: dict[str, str] = {}
        for level, words in self.recorded_factors.items():
            for w in words:
                key = w.strip().lower()
                if key in seen:
                    raise ValueError(
                        f"recorded factor {w!r} is listed under both {seen[key]} and {level}"
                    )
                seen[key] = level
        return self

    def factor_level(self, factor: str) -> str | None:
        """The grade a recorded factor justifies, or None if it is not in the table."""
        if self._factor_levels is None:
            self._factor_levels = {
                w.strip().lower(): lv for lv, ws in self.recorded_factors.items() for w in ws
            }
        return self._factor_levels.get(factor.strip().lower())

    def definition(self, level: str) -> Level:
        return next(lv for lv in self.levels if lv.name == level)


def parse_risk_levels(raw: Any, name: str = "risk_levels.yml") -> RiskLevels:
    if not isinstance(raw, dict):
        raise StandardsError(f"{name}: expected a mapping with 'levels', 'baseline' and 'rules'")
    try:
        rl = RiskLevels.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for e in exc.errors():
            loc = list(e["loc"])
            where = "field"
            if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
                try:
                    rid = raw["rules"][loc[1]].get("id") or f"number {loc[1] + 1}"
                except (KeyError, IndexError, AttributeError, TypeError):
                    rid = f"number {loc[1] + 1}"
                where = f"rule '{rid}', field"
                loc = loc[2:]
            fld = ".".join(str(p) for p in loc) or "(whole entry)"
            msg = e["msg"].replace("Value error, ", "").replace("Input should be", "expected")
            problems.append(f"{name}: {where} '{fld}': {msg}")
        raise StandardsError("\n".join(problems)) from None
    bad = [r for r in rl.rules if r.grade not in ("low", "medium", "high")]
    if bad:
        raise StandardsError(
            f"{name}: rule '{bad[0].id}', field 'grade': expected low, medium or high, got {bad[0].grade!r}"
        )
    ids = [r.id for r in rl.rules]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise StandardsError(f"{name}: rule '{dupes[0]}' appears more than once; keep one entry")
    return rl


def load_risk_levels(path: str | Path | None = None) -> RiskLevels:
    p = Path(path) if path else DEFAULT_PATH
    try:
        raw = yaml.safe_load(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise StandardsError(f"{p.name}: not valid YAML: {exc}") from None
    return parse_risk_levels(raw, p.name)


@cache
def default_risk_levels() -> RiskLevels:
    return load_risk_levels()

"""Standards as data: the catalogue of checks (``standards.yml``) and the written risk-level
definitions and grading rules (``risk_levels.yml``), both validated on load."""

from safeguard.standards.catalogue import (
    Check,
    Severity,
    Standards,
    StandardsError,
    default_standards,
    load_standards,
    parse_standards,
)
from safeguard.standards.risk_levels import (
    ORDER,
    RiskLevels,
    default_risk_levels,
    load_risk_levels,
    parse_risk_levels,
    rank,
)

__all__ = [
    "ORDER",
    "Check",
    "RiskLevels",
    "Severity",
    "Standards",
    "StandardsError",
    "default_risk_levels",
    "default_standards",
    "load_risk_levels",
    "load_standards",
    "parse_risk_levels",
    "parse_standards",
    "rank",
]

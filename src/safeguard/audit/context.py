"""What every check needs besides the case: the standards, the risk rules, the audit date and
the exploitation indicators already read from the case's notes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from safeguard.indicators import Indicator
from safeguard.standards.catalogue import Check, Standards
from safeguard.standards.risk_levels import RiskLevels


@dataclass
class CheckContext:
    standards: Standards
    risk_levels: RiskLevels
    as_of: datetime  # open episodes and investigations are measured up to this moment
    indicators_by_note: Mapping[str, Sequence[Indicator]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._checks = self.standards.by_id()

    def check(self, check_id: str) -> Check:
        return self._checks[check_id]

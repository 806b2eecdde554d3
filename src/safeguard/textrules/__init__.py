"""Explainable text rules kept as data, with context analysis.

Used by the language checker (:mod:`safeguard.language`) and by the exploitation-indicator
reader (:mod:`safeguard.indicators`). A :class:`RuleSet` is loaded from a folder of YAML files
(format in ``docs/rules-format.md``); :meth:`RuleSet.find` returns :class:`Match` objects whose
score has been raised or lowered by the context around the words (negation, quotation or
attribution, an adult subject, a reviewer correcting the wording, training or policy text),
with every reason recorded.
"""

from safeguard.textrules.match import REASON_KINDS, Match, Reason, Span
from safeguard.textrules.ruleset import Rule, RulesError, RuleSet

__all__ = ["REASON_KINDS", "Match", "Reason", "Rule", "RuleSet", "RulesError", "Span"]

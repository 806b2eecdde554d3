"""Victim-blaming language checker.

>>> from safeguard.language import check
>>> [f.rule for f in check("AB is seeking out sex with older men.")]
['sexual_agency/seeking-sex']

Rules (phrases and patterns per theme, each with why, suggestion and source) live in
``rules/*.yml``; context analysis (who is the subject, quotation and attribution, negation,
correction, policy text) and a small trained classifier raise or lower each rule's score.
A finding is reported when its final score reaches ``min_score`` (default 0.5).
"""

from safeguard.language.checker import Checker, Finding, check, check_many, default_checker

__all__ = ["Checker", "Finding", "check", "check_many", "default_checker"]

"""Each rule's own examples, checked: what a safeguarding lead runs after editing a rule file
(``safeguard lint --test-rules``), and what the test suite checks
(``tests/test_language_rules.py``), so the two cannot disagree.

A rule file gives each rule ``flag`` examples (sentences the rule must find) and ``ok``
examples (sentences that must not be flagged at all; docs/rules-format.md). A ``flag`` example
passes when the rule's words match it and the checker reports a finding of the rule's theme
there (overlapping matches keep one finding, which may be another rule of the same theme); an
``ok`` example passes when the checker reports nothing in it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from safeguard.language.checker import Checker, Finding
from safeguard.textrules import Rule

FLAG = "flag"
OK = "ok"


@dataclass(frozen=True, slots=True)
class ExampleResult:
    """One example of one rule, and what went wrong with it (``problem`` None: as expected)."""

    file: str
    rule: str
    expect: str  # FLAG or OK
    text: str
    problem: str | None

    @property
    def passed(self) -> bool:
        return self.problem is None

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "rule": self.rule,
            "expect": self.expect,
            "text": self.text,
            "passed": self.passed,
            "problem": self.problem,
        }


def _finding_words(f: Finding) -> str:
    words = f'{f.rule} found "{f.text}" (score {f.score:.2f})'
    return words + "".join(f"; {c}" for c in f.context)


def flag_problem(checker: Checker, rule: Rule, text: str) -> str | None:
    """Why the ``flag`` example ``text`` of ``rule`` is not found as it should be (None: it is)."""
    words = rule.regex.search(text)
    if words is None:
        return "none of the rule's phrases or patterns matches it"
    findings = checker.check(text)
    if rule.category in {f.category for f in findings}:
        return None
    # what happened to the rule's own match: its score after context, below the bar
    everything = Checker(
        min_score=0.0,
        use_model=checker.model is not None or checker.thorough is not None,
        mode=checker.mode,
    ).check(text)
    bar = f"below the {checker.min_score:.2f} needed"
    own = [f for f in everything if f.rule == rule.id]
    if own:
        best = max(own, key=lambda f: f.score)
        return (
            f'the rule matches "{best.text}", but its score after context is {best.score:.2f}, {bar}'
            + "".join(f"; {c}" for c in best.context)
        )
    # overlapping matches keep one finding: say which, and why it is not reported as this theme
    there = [f for f in everything if f.start < words.end() and words.start() < f.end]
    if not there:
        return "the rule's words match it, but another rule's match there was kept instead"
    kept = max(there, key=lambda f: f.score)
    why = (
        f"another theme ({kept.category})"
        if kept.score >= checker.min_score
        else f"its score after context is {kept.score:.2f}, {bar}"
    )
    return (
        f"the rule's words match it, but another rule's match there was kept instead: "
        f'{kept.rule} "{kept.text}"; {why}' + "".join(f"; {c}" for c in kept.context)
    )


def ok_problem(checker: Checker, text: str) -> str | None:
    """Why the ``ok`` example ``text`` is flagged (None: it is not)."""
    findings = checker.check(text)
    if not findings:
        return None
    return "flagged: " + " | ".join(_finding_words(f) for f in findings)


def check_examples(checker: Checker, rules: Iterable[Rule] | None = None) -> list[ExampleResult]:
    """Every example of every rule (or of ``rules``), in the rule files' order."""
    out: list[ExampleResult] = []
    for rule in checker.rules.rules if rules is None else rules:
        for text in rule.examples_flag:
            out.append(
                ExampleResult(rule.file, rule.id, FLAG, text, flag_problem(checker, rule, text))
            )
        for text in rule.examples_ok:
            out.append(ExampleResult(rule.file, rule.id, OK, text, ok_problem(checker, text)))
        if not rule.examples_flag or not rule.examples_ok:
            missing = FLAG if not rule.examples_flag else OK
            out.append(
                ExampleResult(
                    rule.file, rule.id, missing, "", f"the rule has no '{missing}' examples"
                )
            )
    return out

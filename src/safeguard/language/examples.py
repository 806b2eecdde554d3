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
    """One example of one rule, what went wrong with it (``problem`` None: as expected), what
    to do about it, and the rules that flagged it (for an ``ok`` example that is flagged)."""

    file: str
    rule: str
    expect: str  # FLAG or OK
    text: str
    problem: str | None
    next_step: str | None = None
    flagged_by: tuple[str, ...] = ()

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
            "next_step": self.next_step,
            "flagged_by": list(self.flagged_by),
        }


#: What to do next, by what went wrong (shown under each failure)
NO_MATCH = "add a phrase or pattern to the rule that covers this wording, or correct the example"
CONTEXT = (
    "context is set in context.yml, not in the rule file (docs/rules-format.md, 'What happens to a match'): "
    "check the example reads as a note about a child, or ask whoever maintains context.yml"
)
OVERLAP = (
    "the other rule's match is the one reported here; if that is right, move the example "
    "to that rule"
)
FLAGGED_OWN = "narrow the rule's phrase or pattern, or add an 'unless' for this wording"
FLAGGED_OTHER = "edit that rule (an 'unless' for this wording, or a narrower phrase)"
FLAGGED_MODEL = (
    "the model alone flagged it: keep the example only if no note should be flagged for it"
)


def _context(f: Finding) -> str:
    return "".join(f"; {c}" for c in f.context)


def _rule_file(checker: Checker, rule_id: str) -> str:
    rule = checker.rules.by_id.get(rule_id)
    return f" ({rule.file})" if rule is not None else ""


def flag_problem(checker: Checker, rule: Rule, text: str) -> tuple[str, str] | None:
    """Why the ``flag`` example ``text`` of ``rule`` is not found as it should be, and what to
    do about it (None: it is found)."""
    words = rule.regex.search(text)
    if words is None:
        return "none of the rule's phrases or patterns matches it", NO_MATCH
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
            f'the rule matches "{best.text}", but its score after context is '
            f"{best.score:.2f}, {bar}{_context(best)}",
            CONTEXT if best.reasons else "the model scores this sentence low: reword the example",
        )
    # overlapping matches keep one finding: say which, and why it is not reported as this theme
    there = [f for f in everything if f.start < words.end() and words.start() < f.end]
    if not there:
        return "the rule's words match it, but another rule's match there was kept instead", OVERLAP
    kept = max(there, key=lambda f: f.score)
    why = (
        f"another theme ({kept.category})"
        if kept.score >= checker.min_score
        else f"its score after context is {kept.score:.2f}, {bar}"
    )
    return (
        f"the rule's words match it, but another rule's match there was kept instead: "
        f'{kept.rule}{_rule_file(checker, kept.rule)} "{kept.text}"; {why}{_context(kept)}',
        OVERLAP if kept.score >= checker.min_score else CONTEXT,
    )


def ok_problem(checker: Checker, rule: Rule, text: str) -> tuple[str, str, tuple[str, ...]] | None:
    """Why the ``ok`` example ``text`` of ``rule`` is flagged, what to do about it, and by which
    rules (None: it is not flagged)."""
    findings = checker.check(text)
    if not findings:
        return None
    parts = []
    for f in findings:
        who = (
            "the model alone"
            if f.model_only
            else "this rule"
            if f.rule == rule.id
            else f"another rule, {f.rule}{_rule_file(checker, f.rule)}"
        )
        parts.append(f'flagged by {who}: "{f.text}" (score {f.score:.2f}){_context(f)}')
    rules = tuple(f.rule for f in findings)
    if all(f.model_only for f in findings):
        step = FLAGGED_MODEL
    elif all(r == rule.id for r in rules):
        step = FLAGGED_OWN
    else:
        step = FLAGGED_OTHER
    return " | ".join(parts), step, rules


def check_examples(checker: Checker, rules: Iterable[Rule] | None = None) -> list[ExampleResult]:
    """Every example of every rule (or of ``rules``), in the rule files' order."""
    out: list[ExampleResult] = []
    for rule in checker.rules.rules if rules is None else rules:
        for text in rule.examples_flag:
            got = flag_problem(checker, rule, text)
            out.append(ExampleResult(rule.file, rule.id, FLAG, text, *(got or (None, None))))
        for text in rule.examples_ok:
            bad = ok_problem(checker, rule, text)
            out.append(ExampleResult(rule.file, rule.id, OK, text, *(bad or (None, None, ()))))
        if not rule.examples_flag or not rule.examples_ok:
            missing = FLAG if not rule.examples_flag else OK
            out.append(
                ExampleResult(
                    rule.file,
                    rule.id,
                    missing,
                    "",
                    f"the rule has no '{missing}' examples",
                    f"add at least one '{missing}' example (docs/rules-format.md)",
                )
            )
    return out

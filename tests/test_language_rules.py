"""Every rule's own examples: each 'flag' example is found by that rule, each 'ok' one is not
flagged at all. Plus the rule files' validation and the context analysis."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from safeguard.language import check
from safeguard.language.checker import Checker, _rules, default_checker
from safeguard.language.examples import flag_problem, ok_problem
from safeguard.textrules import RulesError, RuleSet

RULES = _rules().rules
FLAG = [(r.id, ex) for r in RULES for ex in r.examples_flag]
OK = [(r.id, ex) for r in RULES for ex in r.examples_ok]


def test_every_rule_has_examples_both_ways():
    missing = [r.id for r in RULES if not r.examples_flag or not r.examples_ok]
    assert missing == []


# the same checks as `safeguard lint --test-rules` (safeguard.language.examples)
@pytest.mark.parametrize(("rule_id", "text"), FLAG)
def test_flag_examples_are_found_by_their_rule(rule_id: str, text: str):
    # overlapping matches keep the best one, which may be another rule of the same theme
    assert flag_problem(default_checker(), _rules().by_id[rule_id], text) is None


@pytest.mark.parametrize(("rule_id", "text"), OK)
def test_ok_examples_are_not_flagged(rule_id: str, text: str):
    assert ok_problem(default_checker(), _rules().by_id[rule_id], text) is None


def test_all_six_themes_present():
    assert {r.category for r in RULES} == {
        "sexual_agency",
        "choice",
        "criminal",
        "missing",
        "character",
        "process",
    }


@pytest.mark.parametrize(
    "text",
    [
        "The suspect, who is a known drug dealer, was arrested.",  # adult subject
        "Suspect told officers 'she knew what she was doing'.",  # quote
        "There is no indication AB is choosing to go missing.",  # negation
        "DS review: describing her as promiscuous is inappropriate; she is a victim of CSE.",
        "Officers should avoid terms such as 'child prostitute'.",  # policy
        "She chose to have her aunt present.",  # benign choice
        "She has a boyfriend aged 15 from school.",  # peer
    ],
)
def test_hard_negatives(text: str):
    assert check(text) == []


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("A 14-year-old girl was described as seeking out sex with older men.", "sexual_agency"),
        ("15yo engaged in sex work.", "sexual_agency"),
        ("12yo is sexually active with older men.", "sexual_agency"),
        ("She puts herself in harm's way.", "choice"),
        ("YP is self-placing at risk.", "choice"),
        ("She went of her own accord.", "choice"),
        ("He is a known runner for the Lewisham line.", "criminal"),
        ("Serial absconder, will turn up.", "missing"),
        ("She is streetwise and mature for her age.", "character"),
        ("Mum was told her daughter would have to report it herself.", "process"),
    ],
)
def test_inflected_and_reworded_forms(text: str, category: str):
    assert category in {f.category for f in check(text)}


def test_finding_carries_evidence():
    (f,) = check("AB is engaged in sex work.")
    assert f.text == "engaged in sex work"
    assert "AB is engaged in sex work."[f.start : f.end] == f.text
    assert f.rule == "sexual_agency/sex-work"
    assert f.message and f.suggestion and "Children's Society" in f.source
    assert 0.5 <= f.score <= 1.0


def test_explain_lowers_score_with_reason():
    c = Checker(min_score=0.0, use_model=False)
    (f,) = c.check("There is no suggestion she is putting herself at risk.")
    assert f.score < 0.5
    assert any("negated" in r for r in f.context)


def test_inline_review_marker():
    assert check("She is streetwise [safeguard: reviewed]") == []
    assert check("She is streetwise. safeguard-reviewed: choice") != []
    assert check("She is streetwise. safeguard-reviewed: character") == []


def test_select_and_ignore():
    text = "She is streetwise and a drug runner."
    assert {f.category for f in Checker(ignore=["character"]).check(text)} == {"criminal"}
    assert {f.category for f in Checker(select=["character"]).check(text)} == {"character"}


def test_batch_matches_single():
    from safeguard.language import check_many

    texts = ["She is promiscuous.", "Nothing to see.", "He is a drug runner."]
    assert [[f.rule for f in fs] for fs in check_many(texts)] == [
        [f.rule for f in check(t)] for t in texts
    ]


def test_long_text_is_checked():
    text = ("Officers attended and spoke to staff. " * 30000) + "She is promiscuous."
    assert len(text) > 1_000_000
    assert [f.rule for f in check(text)] == ["character/promiscuous"]


def test_bad_rule_file_is_refused_with_file_rule_and_field(tmp_path: Path):
    (tmp_path / "x.yml").write_text(
        "category: x\ntitle: X\nwhy: w\nsource: s\nrules:\n  - id: bad\n    patterns: ['(unclosed']\n"
    )
    with pytest.raises(RulesError) as exc:
        RuleSet.load(tmp_path)
    msg = str(exc.value)
    assert "x.yml" in msg and "rule bad" in msg and "patterns" in msg


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("willing [a-z drug mule", "unterminated character set at position 8"),
        ("willing (?:drugs? )?(mule|courier", "missing ), unterminated subpattern at position 20"),
    ],
)
def test_broken_pattern_is_quoted_with_its_own_problem(tmp_path: Path, pattern: str, problem: str):
    # the message is about the pattern as written, not the regex the rule set wraps it in
    # (which read "missing )" at position 9 for both of these)
    (tmp_path / "x.yml").write_text(
        "category: x\ntitle: X\nwhy: w\nsource: s\nrules:\n  - id: bad\n"
        f"    patterns: ['ok pattern', '{pattern}']\n"
    )
    with pytest.raises(RulesError) as exc:
        RuleSet.load(tmp_path)
    assert str(exc.value).endswith(
        f"rule bad: field 'patterns': pattern {pattern!r}: not a valid regular expression: "
        f"{problem}"
    )


def test_two_files_of_one_theme_are_refused_with_both_named(tmp_path: Path):
    # a theme's title, reason and whole-sentence suggestion come from its one file
    for name in ("choice.yml", "choice_local.yml"):
        (tmp_path / name).write_text(
            f"category: choice\ntitle: C\nwhy: w\nsource: s\nrules:\n  - id: {name[:-4].replace('_', '-')}\n"
            "    phrases: [a lifestyle choice]\n"
        )
    with pytest.raises(RulesError) as exc:
        RuleSet.load(tmp_path)
    assert str(exc.value).startswith(
        "choice_local.yml: field 'category': 'choice' is also the category of choice.yml"
    )


def test_unknown_field_is_refused(tmp_path: Path):
    (tmp_path / "x.yml").write_text(
        "category: x\ntitle: X\nwhy: w\nsource: s\nrules:\n  - id: r\n    phrase: [a]\n"
    )
    with pytest.raises(RulesError, match="rule r: field 'phrase'") as exc:
        RuleSet.load(tmp_path)
    # in words, with the fields a rule has (not pydantic's "Extra inputs are not permitted")
    assert "not a field of a rule (its fields: id, phrases, patterns," in str(exc.value)


def test_yaml_mistake_is_said_with_its_line_and_what_to_check(tmp_path: Path):
    # an unescaped quote inside a quoted pattern: where, and the usual cause, not parser jargon
    (tmp_path / "x.yml").write_text(
        "category: x\ntitle: X\nwhy: w\nsource: s\nrules:\n  - id: r\n    patterns:\n"
        "      - 'got what'\n      - 'she's old enough'\n"
    )
    with pytest.raises(RulesError) as exc:
        RuleSet.load(tmp_path)
    msg = str(exc.value)
    assert "x.yml: cannot read rule file: not valid YAML at line 9, column 14:" in msg
    assert "writes a single quote inside it twice ('she''s')" in msg


def test_missing_file_field_is_named(tmp_path: Path):
    (tmp_path / "x.yml").write_text("category: x\ntitle: X\nsource: s\nrules:\n  - id: r\n")
    with pytest.raises(RulesError, match="file: field 'why': missing: a rule file needs it"):
        RuleSet.load(tmp_path)


def test_cli_reports_a_broken_rule_file_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    # a safeguarding lead's edit that breaks a pattern: the CLI names file, rule and field
    (tmp_path / "x.yml").write_text(
        "category: x\ntitle: X\nwhy: w\nsource: s\nrules:\n  - id: bad\n    patterns: ['(unclosed']\n"
    )
    from safeguard import cli
    from safeguard.language import checker

    monkeypatch.setattr(checker, "_rules", lambda: RuleSet.load(tmp_path))
    monkeypatch.setattr("sys.stdin", io.StringIO("She is a runaway.\n"))
    assert cli.main(["lint", "-"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert err.startswith("safeguard: error: ") and "x.yml: rule bad: field 'patterns'" in err
    assert "Traceback" not in err


EDITED = """\
category: missing
title: Missing
why: w
source: s
rules:
  - id: runner
    phrases: [a runner, runs off]
    score: 0.9
    examples:
      flag:
        - "She is a runner."
        - "She legs it from placements."
        - "Mum said 'she is a runner'."
      ok:
        - "He runs off the pitch at half time."
        - "She was reported missing at 2200hrs."
"""


def test_test_rules_says_which_examples_fail_and_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    # a safeguarding lead's edited rule file, checked by its own examples without pytest
    (tmp_path / "missing.yml").write_text(EDITED)
    from safeguard import cli
    from safeguard.language import checker

    monkeypatch.setattr(checker, "_rules", lambda: RuleSet.load(tmp_path))
    assert cli.main(["lint", "--test-rules", "--no-model"]) == cli.EXIT_FINDINGS
    lines = capsys.readouterr().out.splitlines()
    assert lines[:6] == [
        'missing.yml: missing/runner: flag example "She legs it from placements.": '
        "none of the rule's phrases or patterns matches it",
        "    next: add a phrase or pattern to the rule that covers this wording, or correct the "
        "example",
        "missing.yml: missing/runner: flag example \"Mum said 'she is a runner'.\": the rule "
        'matches "a runner", but its score after context is 0.00, below the 0.50 needed; '
        "inside quotation marks; attributed to someone other than the writer ('Mum said'); "
        "describes an adult ('Mum')",
        "    next: context is set in context.yml, not in the rule file (docs/rules-format.md, "
        "'What happens to a match'): check the example reads as a note about a child, or ask "
        "whoever maintains context.yml",
        'missing.yml: missing/runner: ok example "He runs off the pitch at half time.": '
        'flagged by this rule: "runs off" (score 0.90)',
        "    next: narrow the rule's phrase or pattern, or add an 'unless' for this wording",
    ]
    assert lines[-1] == "2 of 5 examples of 1 rule in 1 rule file as expected; 3 not."


def test_test_rules_names_the_overlapping_match_that_was_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    # overlapping matches keep one finding: the failure says which one, and why
    (tmp_path / "missing.yml").write_text(EDITED)
    (tmp_path / "character.yml").write_text(
        "category: character\ntitle: C\nwhy: w\nsource: s\nrules:\n  - id: label\n"
        "    phrases: [is a runner]\n    score: 0.95\n"
        "    examples: {flag: [He is a runner.], ok: [He is a keen runner., He runs off the pitch.]}\n"
    )
    from safeguard import cli
    from safeguard.language import checker

    monkeypatch.setattr(checker, "_rules", lambda: RuleSet.load(tmp_path))
    cli.main(["lint", "--test-rules", "--no-model", "--select", "missing/runner"])
    assert (
        'missing.yml: missing/runner: flag example "She is a runner.": the rule\'s words match '
        "it, but another rule's match there was kept instead: character/label (character.yml) "
        '"is a runner"; another theme (character)'
    ) in capsys.readouterr().out.splitlines()
    # an 'ok' example flagged by a rule of another file names it, in words and in JSON
    cli.main(["lint", "--test-rules", "--no-model", "--select", "character", "--format", "json"])
    failed = [e for e in json.loads(capsys.readouterr().out)["examples"] if not e["passed"]]
    assert [(e["text"], e["flagged_by"]) for e in failed] == [
        ("He runs off the pitch.", ["missing/runner"])
    ]
    assert failed[0]["problem"].startswith("flagged by another rule, missing/runner (missing.yml)")
    assert failed[0]["next_step"].startswith("edit that rule")


def test_test_rules_passes_on_the_shipped_rules_and_writes_json(
    capsys: pytest.CaptureFixture[str],
):
    from safeguard import cli

    assert cli.main(["lint", "--test-rules", "--select", "missing", "--format", "json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["failed"] == 0 and got["examples"]
    assert {e["rule"].split("/")[0] for e in got["examples"]} == {"missing"}
    assert all(e["passed"] and e["problem"] is None for e in got["examples"])


def test_test_rules_takes_no_path(capsys: pytest.CaptureFixture[str]):
    from safeguard import cli

    assert cli.main(["lint", "--test-rules", "notes.txt"]) == cli.EXIT_ERROR
    assert "give no PATH" in capsys.readouterr().err
    assert cli.main(["lint", "--test-rules", "--format", "sarif"]) == cli.EXIT_ERROR
    assert "not sarif" in capsys.readouterr().err
    assert cli.main(["lint"]) == cli.EXIT_ERROR
    assert "give at least one PATH" in capsys.readouterr().err
    # a rule named without its theme
    assert cli.main(["lint", "--test-rules", "--select", "own-fault"]) == cli.EXIT_ERROR
    assert "unknown rule or theme 'own-fault' (did you mean choice/own-fault?)" in (
        capsys.readouterr().err
    )


def test_a_turn_up_phrase_is_shown_with_its_verb():
    """The words shown are the phrase a supervisor would underline: "turns up when she is
    ready", not "up when she is ready"."""
    from safeguard.language import check

    (f,) = check("She always turns up when she is ready.")
    assert f.rule == "missing/will-turn-up" and f.text == "turns up when she is ready"


@pytest.mark.parametrize(
    "subject",
    ["She", "CD", "The child", "Kacper", "The young person", "YP", "Officers believe XY"],
)
def test_a_decisive_rule_is_not_overruled_by_the_model(subject: str):
    """Whoever the sentence names, "chose to go missing" is reported: its rule is decisive, so
    the default model's view of the words around it ("the child", "from her placement") cannot
    drop the match. The finding says when the rule decided alone: when the model's judgement
    would have dropped it."""
    model = default_checker().model
    assert model is not None
    for text in (
        f"{subject} chose to go missing.",
        f"{subject} chose to go missing from her placement.",
        f"MFH log: {subject} decided to go missing and turned up in Peterborough.",
    ):
        (f,) = check(text)
        assert f.rule == "choice/chose-to-go-missing" and f.score >= 0.5, text
        assert f.model_score is not None
        judged = model.combine(f.rule_score, f.model_score)
        assert f.rule_decided is (judged < 0.5)
        assert f.as_dict(explain=True)["rule_decided"] is f.rule_decided


def test_a_decisive_rule_still_yields_to_context():
    """Decisive is about the model, not the context: a negation, a quotation or an adult
    subject still discounts the words."""
    for text in (
        "There is no indication that AB is choosing to go missing.",
        'Supervisor: "child chose to go missing" is neither accurate nor helpful. Removed.',
        "The defendant chose to abscond rather than attend court; a warrant was issued.",
    ):
        assert check(text) == [], text
    (m,) = _rules().find("The defendant chose to abscond.")
    assert m.decisive and not m.stands_alone


def test_kept_score_floors_only_a_match_that_stands_alone():
    from safeguard.language.checker import decided_by_rule, kept_score

    (clean,) = _rules().find("CD chose to go missing.")
    (negated,) = _rules().find("There is no sign CD chose to go missing.")
    (ordinary,) = _rules().find("She is streetwise.")
    assert clean.stands_alone and not negated.stands_alone and not ordinary.decisive
    assert kept_score(clean, 0.1) == clean.score and decided_by_rule(clean, 0.1)
    assert kept_score(clean, 0.95) == 0.95 and not decided_by_rule(clean, 0.95)
    assert kept_score(negated, 0.1) == 0.1 and kept_score(ordinary, 0.1) == 0.1

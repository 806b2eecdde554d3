"""The shipped default model follows the decisions its training script fixes rather than tunes."""

from __future__ import annotations

import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from train_language_model import RULE_KEEP, logit  # noqa: E402

from safeguard.language.model import load_model  # noqa: E402


def test_shipped_model_keeps_a_rule_match_at_the_fixed_threshold():
    model = load_model()
    assert model is not None
    assert model.combine_coef == [0.5, 0.5, round(-logit(RULE_KEEP), 4)]


def test_the_model_must_agree_with_a_rule_for_its_match_to_be_kept():
    """With the rule at 0.9 in context, a model that gives the sentence 0.6 drops the match and
    one that gives it 0.7 keeps it (0.5 is the reporting threshold); a model that gives 0.2
    never keeps even a rule at 0.97."""
    model = load_model()
    assert model is not None
    assert model.combine(0.9, 0.6) < 0.5 < model.combine(0.9, 0.7)
    assert model.combine(0.97, 0.2) < 0.5
    assert math.isclose(model.combine(0.8, 0.8), 0.5, abs_tol=1e-3)
    assert model.combine(0.9, None) == 0.9  # no model view: the rule's own score

"""The language test sets stay test sets.

data/labelled/case_notes_test.jsonl (case-note style), real_world_test.jsonl (real wording from
documents nothing is trained on) and whole_notes_test.jsonl (whole notes) are only measured on, by
scripts/eval_language.py: no training script reads them, and no sentence of theirs is also a
training or dev sentence. The whole-notes dev set (whole_notes_dev.jsonl) is not trained on either.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from labelled import (  # noqa: E402
    CASE_NOTES_TEST,
    REAL_WORLD_TEST,
    WHOLE_NOTES_DEV,
    WHOLE_NOTES_TEST,
    load,
    load_notes,
    load_real_world,
)


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


@pytest.mark.parametrize("script", ["train_language_model.py", "train_thorough.py"])
def test_no_training_script_reads_a_test_set(script: str) -> None:
    source = (ROOT / "scripts" / script).read_text("utf-8")
    for name in (
        "CASE_NOTES_TEST",
        "REAL_WORLD_TEST",
        "WHOLE_NOTES_TEST",
        "WHOLE_NOTES_DEV",
        "case_notes_test",
        "real_world_test",
        "whole_notes_test",
        "whole_notes_dev",
    ):
        assert name not in source


def test_the_case_note_test_set_shares_no_sentence_with_the_labelled_sets() -> None:
    if not CASE_NOTES_TEST.exists():
        pytest.skip("no case-note test set")
    rows = load(files=[CASE_NOTES_TEST])
    assert {e.label for e in rows} == {0, 1}
    seen = {_key(e.text) for e in load()} | {_key(e.text) for e in load_real_world()}
    assert [e.text for e in rows if _key(e.text) in seen] == []
    assert len({_key(e.text) for e in rows}) == len(rows)


def test_the_real_world_test_set_loads_with_its_own_split() -> None:
    rows = load_real_world(path=REAL_WORLD_TEST)
    assert len(rows) >= 200
    assert {e.label for e in rows} == {0, 1}
    assert load_real_world("train", path=REAL_WORLD_TEST) == []


def test_the_whole_notes_test_set_shares_no_sentence_with_the_labelled_sets() -> None:
    notes = load_notes(WHOLE_NOTES_TEST)
    assert len(notes) >= 70
    labels = [b for n in notes for _, b in n.sentences]
    assert True in labels and False in labels
    for n in notes:  # each sentence where its span says, in the text that is checked
        assert [n.text[a:b] for a, b in n.spans()] == [t for t, _ in n.sentences]
    seen = {_key(e.text) for e in load()} | {_key(e.text) for e in load_real_world()}
    assert [t for n in notes for t, _ in n.sentences if _key(t) in seen] == []


def test_the_whole_notes_dev_set_shares_no_sentence_with_the_other_sets() -> None:
    """A dev set: its errors may be read, so no sentence of it may stand in a set that is
    trained on or in the whole-notes test set."""
    notes = load_notes(WHOLE_NOTES_DEV)
    assert len(notes) >= 80
    labels = [b for n in notes for _, b in n.sentences]
    assert True in labels and False in labels
    for n in notes:
        assert [n.text[a:b] for a, b in n.spans()] == [t for t, _ in n.sentences]
    seen = {_key(e.text) for e in load()} | {_key(e.text) for e in load_real_world()}
    seen |= {_key(t) for n in load_notes(WHOLE_NOTES_TEST) for t, _ in n.sentences}
    assert [t for n in notes for t, _ in n.sentences if _key(t) in seen] == []

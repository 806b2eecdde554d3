"""The real-world labelled sentences (data/labelled/real_world.jsonl) are well formed.

The file is labelled by hand from public documents; these tests check its shape, its fixed
split and that the counts table in data/labelled/REAL_WORLD.md was generated from it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import real_world_stats as rws  # noqa: E402


def test_every_row_is_well_formed() -> None:
    rows, problems = rws.load()
    assert problems == []
    assert len(rows) >= 150
    assert {r["victim_blaming"] for r in rows} == {True, False}
    assert {r["split"] for r in rows} == {"train", "dev"}


#: A sound row of a "say instead" column.
GOOD = {
    "text": "Child may have been groomed.",
    "victim_blaming": False,
    "category": None,
    "source": "a guide",
    "url": "",
    "kind": "guide_instead",
    "split": rws.split_of("Child may have been groomed."),
}


def test_bad_rows_are_named_by_line_and_field(tmp_path: Path) -> None:
    good = dict(GOOD)
    bad_label = dict(good, text="She is promiscuous.", victim_blaming="yes")
    bad_split = dict(good, text="Another sentence.", split="nope")
    wrong_kind = dict(good, text="A third sentence.", victim_blaming=True, category="choice")
    wrong_kind["split"] = rws.split_of(wrong_kind["text"])
    bad_label["split"] = rws.split_of(bad_label["text"])
    dup = dict(good, text="child  may have been GROOMED.")
    dup["split"] = rws.split_of(dup["text"])
    f = tmp_path / "real_world.jsonl"
    f.write_text(
        "\n".join(json.dumps(r) for r in (good, bad_label, bad_split, wrong_kind, dup))
        + "\n{not json\n",
        "utf-8",
    )
    _, problems = rws.load(f)
    text = "\n".join(problems)
    assert "real_world.jsonl:2: victim_blaming" in text
    assert "real_world.jsonl:3: split" in text
    assert "real_world.jsonl:4: kind" in text
    assert "real_world.jsonl:5: text: has untidy whitespace" in text
    assert "real_world.jsonl:5: text: same sentence as line 1" in text
    assert "real_world.jsonl:6: not valid JSON" in text


def test_the_test_set_shares_no_document_or_sentence_with_the_training_file() -> None:
    rows, _ = rws.load()
    train_row = rows[0]
    fresh = {
        "text": "A sentence from a document nothing was trained on.",
        "victim_blaming": False,
        "category": None,
        "source": "Some other review, 2024",
        "url": "https://example.org/other-review",
        "kind": "review_narration",
        "split": "test",
    }
    same_doc = dict(fresh, text="Another sentence.", source=train_row["source"])
    same_url = dict(
        fresh,
        text="A third sentence.",
        url="http://" + train_row["url"].split("://")[-1].removeprefix("www.") + "/",
    )
    same_text = dict(fresh, text="  " + train_row["text"].upper(), source="Elsewhere")
    problems = rws.overlap(rows, [fresh, same_doc, same_url, same_text], "t.jsonl")
    assert problems == [
        "t.jsonl: row 2: source: a document of real_world.jsonl",
        "t.jsonl: row 3: url: an address of real_world.jsonl",
        "t.jsonl: row 4: text: a sentence of real_world.jsonl",
    ]


def test_rows_of_the_test_file_must_say_test(tmp_path: Path) -> None:
    row = dict(GOOD, split="dev")
    f = tmp_path / "real_world_test.jsonl"
    f.write_text(json.dumps(row) + "\n" + json.dumps(dict(row, text="x", split="test")) + "\n")
    _, problems = rws.load(f, "test")
    assert problems == ["real_world_test.jsonl:1: split: must be 'test' in this file"]


def test_split_rule_is_the_documented_one() -> None:
    # sha1("child may have been groomed.") starts with a hex digit; below 4 means dev.
    import hashlib

    for text in ("Child may have been groomed.", "She is promiscuous.", "x"):
        first = int(hashlib.sha1(text.lower().encode()).hexdigest()[0], 16)
        assert rws.split_of(text) == ("dev" if first < 4 else "train")

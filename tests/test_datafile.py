"""The checked-data cache of the language checker's YAML files (safeguard.textrules.datafile):
a file is checked against its schema the first time its bytes are seen, read back from the
cache after that, and checked again whenever it changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from safeguard.textrules import RulesError, RuleSet, datafile

RULE_FILE = (
    "category: x\ntitle: X\nwhy: w\nsource: s\nrules:\n"
    "  - id: r\n    phrases: ['wild child']\n    score: {score}\n"
)


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "safeguard" / "checked"


def test_a_rule_file_is_checked_once_then_read_from_the_cache(tmp_path, cache, monkeypatch):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "x.yml").write_text(RULE_FILE.format(score=0.7))
    first = RuleSet.load(rules)
    assert [f.name.split("-")[0] for f in cache.iterdir()] == ["RuleFileSpec"]
    assert first.find("She is a wild child.")  # context.yml is read (once a process) here

    def no_check(*args: object) -> None:
        raise AssertionError("checked again, though the file did not change")

    monkeypatch.setattr(datafile, "check", no_check)
    again = RuleSet.load(rules)
    assert [r.score for r in again.rules] == [r.score for r in first.rules] == [0.7]
    assert again.find("She is a wild child.")[0].rule_id == "x/r"


def test_an_edited_rule_file_is_checked_again(tmp_path, cache):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "x.yml").write_text(RULE_FILE.format(score=0.7))
    RuleSet.load(rules)
    (rules / "x.yml").write_text(RULE_FILE.format(score=1.7))  # out of range: must be refused
    with pytest.raises(RulesError, match="rule r: field 'score'"):
        RuleSet.load(rules)
    (rules / "x.yml").write_text(RULE_FILE.format(score=0.4))
    assert [r.score for r in RuleSet.load(rules).rules] == [0.4]
    assert len(list(cache.iterdir())) == 2  # the refused file was not kept


def test_a_damaged_cache_entry_is_checked_again(tmp_path, cache):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "x.yml").write_text(RULE_FILE.format(score=0.7))
    RuleSet.load(rules)
    (entry,) = cache.iterdir()
    entry.write_text("{not json")
    assert [r.score for r in RuleSet.load(rules).rules] == [0.7]
    assert entry.read_text().startswith("{")  # rewritten whole


def test_without_a_cache_folder_files_are_checked_every_time(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # mkdir under a file fails
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "x.yml").write_text(RULE_FILE.format(score=0.7))
    assert [r.score for r in RuleSet.load(rules).rules] == [0.7]
    assert [r.score for r in RuleSet.load(rules).rules] == [0.7]

"""The default checker's shortcuts (anchor sets, the model-only screen) skip work, never results."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from safeguard.language.checker import Checker, _rules
from safeguard.textrules.patterns import anchor_sets_for_regex
from safeguard.textrules.ruleset import _QUOTES, normalise

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from labelled import load, load_real_world  # noqa: E402


def _texts() -> list[str]:
    texts = [e.text for e in load()] + [e.text for e in load_real_world()]
    for r in _rules().rules:
        texts += r.examples_flag + r.examples_ok
    return texts


def test_anchor_sets_are_each_needed_by_every_match():
    """Each anchor set of a pattern has a member in every text the pattern matches."""
    rules = _rules()
    by_theme: dict[str | None, list[str]] = {}
    for e in load() + load_real_world():
        if e.label:
            by_theme.setdefault(e.theme, []).append(e.text)
    checked = 0
    for n, (rule, i) in enumerate(rules._parts):
        rx = rule.parts[i][0].compiled
        sets = [rule.parts[i][1] or set(), *rules._extras.get(n, [])]
        for t in rule.examples_flag + by_theme.get(rule.category, [])[::2]:
            m = rx.search(t)
            if not m:
                continue
            low = m.group().lower()
            for s in sets:
                if s:
                    assert any(a in low for a in s), (rule.id, i, s, m.group())
                    checked += 1
    assert checked > 1000


def test_anchor_sets_of_a_simple_pattern():
    sets = anchor_sets_for_regex(r"(?:going|goes|went) (?:ot|country|out of town)")
    assert {"going", "goes", "went"} in sets
    assert {"ot", "country", "out of town"} in sets
    assert anchor_sets_for_regex(r"\w+") == []


def test_candidates_never_drop_a_part_that_matches():
    rules = _rules()
    for t in _texts()[::12]:
        norm = normalise(t)
        run = set(rules._candidate_ids(norm.lower()))
        for n, (rule, i) in enumerate(rules._parts):
            if n not in run:
                assert not rule.parts[i][0].compiled.search(norm), (rule.id, i, t)


def test_model_only_screen_changes_nothing(monkeypatch):
    checker = Checker()
    model = checker.model
    assert model is not None
    texts = _texts()[::7]
    screened = [[f.as_dict(explain=True) for f in checker.check(t)] for t in texts]
    monkeypatch.setattr(type(model), "_may_flag", lambda self, s: True)
    unscreened = [[f.as_dict(explain=True) for f in checker.check(t)] for t in texts]
    assert screened == unscreened
    assert any(f["model_only"] for fs in screened for f in fs)


def test_screen_lets_through_what_the_model_flags():
    model = Checker().model
    assert model is not None
    flagged = 0
    for t in _texts()[::5]:
        for s in re.split(r"(?<=[.!?])\s+", t):
            probs = model.probabilities(s, [])
            if 1 - probs["none"] >= model.model_only_threshold:
                flagged += 1
                assert model._may_flag(s), s
    assert flagged > 10


def test_model_scores_are_the_sums_over_the_training_features():
    """Inference sums per-word and per-pair totals; training uses features(): the same sums,
    plus the mean of the words' meaning rows over the sentence's words (features.MEANING)."""
    from safeguard.language.features import features, meaning_features

    checker = Checker()
    model = checker.model
    assert model is not None
    n = 0
    for t in _texts()[::9]:
        matches = checker.rules.find(t)
        rows = [w for f in features(t, matches) if (w := model.weights.get(f)) is not None]
        words = meaning_features(t)
        meant = [w for f in words if (w := model.weights.get(f)) is not None]
        if meant:
            rows.append([sum(col) / len(words) for col in zip(*meant, strict=True)])
        want = [sum(col) for col in zip(model.bias, *rows, strict=True)]
        got = model._scores(t, matches)
        assert all(abs(a - b) < 1e-9 for a, b in zip(want, got, strict=True)), t
        n += bool(matches)
    assert n > 100


def test_a_word_no_labelled_sentence_taught_is_judged_by_its_meaning():
    """ "unruly" has no word feature of its own (too rare in the labelled data), but its meaning
    row (from the thorough encoder's vector for the word) is like "defiant"'s: a short sentence
    calling a child unruly is flagged by the model alone; the same with a made-up word is not."""
    checker = Checker()
    model = checker.model
    assert model is not None
    assert "w:unruly" not in model.weights and "m:unruly" in model.weights
    assert "m:blorft" not in model.weights
    found = checker.check("She is unruly.")
    assert [(f.rule, f.model_only) for f in found] == [("model/character", True)]
    assert checker.check("She is blorft.") == []
    flag = model.predict("She is unruly.", [])["flag"]
    assert flag > model.predict("She is blorft.", [])["flag"]


def test_context_lookups_agree_with_a_plain_scan():
    """Sentence bounds and the words between two offsets, found by bisection, are what a plain
    scan over every sentence start and every word finds."""
    from safeguard.textrules.context import Analysis

    texts = _texts()[::3] + ["", "a", "One. Two; three\nfour.  ", "  x.y. z!? w"]
    checked = 0
    for t in texts:
        a = Analysis(t)
        for pos in range(-1, len(t) + 1, 3):
            start, end = 0, len(t.lower())
            for s in a.sentence_starts:
                if s <= pos:
                    start = s
                else:
                    end = s
                    break
            assert a.sentence_bounds(pos) == (start, end), (t, pos)
        for lo in range(0, len(t) + 1, 7):
            for hi in (lo - 1, lo + 5, lo + 23, len(t)):
                want = [w for s, e, w in a.words if s >= lo and e <= hi]
                assert a._words_between(lo, hi) == want, (t, lo, hi)
                checked += 1
    assert checked > 10_000


def test_no_shortcut_changes_a_finding(monkeypatch):
    """With every shortcut off (all patterns run on every text, no model-only screen, each
    context question answered afresh), each text gives the same findings, in every detail."""
    from safeguard.textrules.context import Analysis

    checker = Checker()
    rules = checker.rules
    model = checker.model
    assert model is not None
    texts = _texts()[::6]
    samples = Path(__file__).resolve().parent.parent / "src/safeguard/language/samples/notes.txt"
    texts += samples.read_text("utf-8").splitlines()
    fast = [[f.as_dict(explain=True) for f in checker.check(t)] for t in texts]

    everything = list(range(len(rules._parts)))
    monkeypatch.setattr(type(rules), "_candidate_ids", lambda self, low: everything)
    monkeypatch.setattr(type(model), "_may_flag", lambda self, s: True)
    monkeypatch.setattr(Analysis, "subject", Analysis._subject)
    monkeypatch.setattr("safeguard.textrules.ruleset.normalise", lambda t: t.translate(_QUOTES))
    slow = [[f.as_dict(explain=True) for f in checker.check(t)] for t in texts]
    assert fast == slow
    assert sum(map(len, fast)) > 500


def test_per_sentence_context_memos_change_no_finding(monkeypatch):
    """Narration is searched once per sentence before the words each match needs, and a
    sentence's definition is worked out once: the same findings as a search per match."""
    from safeguard.textrules import context as C
    from safeguard.textrules.match import Reason

    texts = _texts()[::3]
    c = Checker(min_score=0.0)  # every match, however low its score
    C.analysis.cache_clear()
    memo = [[f.as_dict(explain=True) for f in c.check(t)] for t in texts]

    def narrated(self, start):  # type: ignore[no-untyped-def]
        s0, _ = self.sentence_bounds(start)
        m = self.cues.narration.search(self.low, s0, start)
        return Reason("narrated", self._span(m.start(), m.end())) if m else None

    def definition(self, start):  # type: ignore[no-untyped-def]
        return self._definition(*self.sentence_bounds(start))

    monkeypatch.setattr(C.Analysis, "narrated", narrated)
    monkeypatch.setattr(C.Analysis, "definition", definition)
    C.analysis.cache_clear()
    plain = [[f.as_dict(explain=True) for f in c.check(t)] for t in texts]
    C.analysis.cache_clear()
    assert memo == plain
    assert any(r["kind"] == "narrated" for fs in plain for f in fs for r in f["reasons"])


def test_short_fragments_have_their_own_model_only_threshold():
    """A fragment of fewer than SHORT_SENTENCE_WORDS words is judged by the model alone against
    the model file's own threshold for short fragments; a model file without one leaves short
    fragments to the rules, however sure the model is."""
    import json
    from importlib import resources

    from safeguard.language.model import SHORT_SENTENCE_WORDS, LanguageModel

    checker = Checker()
    model = checker.model
    assert model is not None and model.model_only_threshold_short is not None
    assert model.model_only_threshold_for("Case closed.") == model.model_only_threshold_short
    long = "She was told that the case was closed and no further action would be taken."
    assert model.model_only_threshold_for(long) == model.model_only_threshold
    terms = [
        e.text
        for e in load() + load_real_world()
        if e.label and len(e.text.split()) < SHORT_SENTENCE_WORDS
    ]
    alone = [t for t in terms if any(f.model_only for f in checker.check(t))]
    assert alone, "the model alone flags no short term to avoid: the test would prove nothing"
    assert all(len(t.split()) < SHORT_SENTENCE_WORDS for t in alone)

    data = json.loads(
        resources.files("safeguard.language.model").joinpath("weights.json").read_text("utf-8")
    )
    del data["model_only_threshold_short"]
    checker.model = LanguageModel(data)
    assert checker.model.model_only_threshold_for("Case closed.") is None
    assert not any(f.model_only for t in alone for f in checker.check(t))
    assert checker.check("She is streetwise.")  # a rule still finds wording in a fragment


def test_ordinary_note_fragments_are_rarely_flagged():
    """Ordinary fragments of notes ("Crimed.", "Phone off.") in the held-out dev split of the
    note-fragment set: the default checker flags at most 2 in 100, and finds most of the
    blaming fragments there."""
    checker = Checker()
    dev = [e for e in load("dev") if e.source == "language_m.jsonl"]
    ordinary = [e.text for e in dev if not e.label]
    blaming = [e.text for e in dev if e.label]
    assert len(ordinary) > 200 and len(blaming) > 50
    false_flags = sum(bool(f) for f in checker.check_many(ordinary))
    found = sum(bool(f) for f in checker.check_many(blaming))
    assert false_flags <= 0.02 * len(ordinary)
    assert found >= 0.6 * len(blaming)


def test_model_only_findings_name_the_words_that_weighed_most():
    """A model-only finding's evidence: the words of its sentence that counted most towards
    its theme, as spans of the note (at most three, none overlapping, inside the sentence)."""
    checker = Checker()
    note = "Seen at the address. She is unruly."
    (found,) = checker.check(note)
    assert found.model_only
    assert "unruly" in [w.text for w in found.model_words]
    (found,) = checker.check("Explained we will look at whether we can go ahead without her;")
    assert found.model_only and [w.text for w in found.model_words].count("we") <= 1
    seen = 0
    for t in _texts()[::3]:
        for f in checker.check(t):
            if not f.model_only:
                assert f.model_words == []
                continue
            seen += 1
            words = f.model_words
            assert 1 <= len(words) <= 3, f.text
            # a word counts once in the model however often it appears: named once
            assert len({w.text.lower() for w in words}) == len(words), f.text
            for i, w in enumerate(words):
                assert t[w.start : w.end] == w.text and f.start <= w.start < w.end <= f.end
                assert all(w.end <= v.start or w.start >= v.end for v in words[i + 1 :])
    assert seen > 10


def test_explain_shows_the_model_words():
    import json
    import subprocess

    out = subprocess.run(
        [sys.executable, "-m", "safeguard", "lint", "--format", "jsonl", "--explain", "-"],
        input="Seen at the address. She is unruly.\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 1, out.stderr
    (row,) = [json.loads(x) for x in out.stdout.splitlines()]
    (finding,) = row["findings"]
    assert {"start": 28, "end": 34, "text": "unruly"} in finding["model_words"]
    text = subprocess.run(
        [sys.executable, "-m", "safeguard", "lint", "--explain", "-"],
        input="Seen at the address. She is unruly.\n",
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert "words the model weighed most:" in text and '"unruly"' in text

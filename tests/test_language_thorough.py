"""Thorough mode: the shipped int8 MiniLM encoder run with ONNX Runtime, combined with the rules'
spans and context by the shipped head. These run the real model (the test command installs the
``thorough`` extra)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from safeguard.language.checker import Checker
from safeguard.language.thorough import (
    EXTRA_MESSAGE,
    ThoroughUnavailable,
    load_thorough,
    model_folder,
)
from safeguard.textrules import REASON_KINDS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def thorough() -> Checker:
    return Checker(mode="thorough")


def test_model_files_ship_and_are_small():
    folder = model_folder()
    size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    assert (folder / "encoder.onnx").is_file() and (folder / "head.json").is_file()
    assert size < 40 * 1024 * 1024


def test_encoder_weights_are_exact_on_every_cpu():
    """int8 weights make ONNX Runtime saturate 16-bit sums on x86 CPUs without VNNI, so the same
    sentence scored differently from one server to the next; uint8 weights are exact on all."""
    onnx = pytest.importorskip("onnx")
    model = onnx.load(str(model_folder() / "encoder.onnx"))
    types = {i.name: i.data_type for i in model.graph.initializer}
    weights = [n.input[1] for n in model.graph.node if n.op_type == "MatMulInteger"]
    assert weights
    assert {types[w] for w in weights} == {onnx.TensorProto.UINT8}


def test_head_weights_are_named_for_what_they_weigh():
    head = json.loads((model_folder() / "head.json").read_text("utf-8"))
    allowed = {"encoder", "linear", "rule", "rule_score"} | {f"ctx:{k}" for k in REASON_KINDS}
    assert set(head["weights"]) <= allowed
    assert head["weights"]["encoder"] > 0  # the encoder's belief counts for a flag
    assert 0 < head["threshold_with_rule"] < 1 and 0 < head["threshold_encoder_only"] < 1


def test_a_head_with_a_linear_weight_weighs_the_default_models_opinion(tmp_path: Path):
    """``train_thorough.py --with-linear`` (measured, not shipped) gives the head the default
    mode's linear model's log-odds; a head.json with that weight makes the checker use it."""
    from safeguard.language.model import load_model
    from safeguard.language.thorough import Thorough

    shipped = model_folder()
    for name in ("encoder.onnx", "tokenizer.json"):
        (tmp_path / name).symlink_to(shipped / name)
    head = json.loads((shipped / "head.json").read_text("utf-8"))
    assert "linear" not in head["weights"]
    head["weights"]["linear"] = 2.0
    (tmp_path / "head.json").write_text(json.dumps(head), "utf-8")
    plain, weighed = load_thorough(), Thorough(tmp_path)
    assert plain.linear is None and weighed.linear is not None
    text = "She is promiscuous and chooses to go with older men."
    linear = load_model()
    assert linear is not None
    matches = Checker().rules.find(text)
    p = linear.predict(text, matches)["flag"]
    before = [j.score for j in plain.judge([text], [matches])[0]]
    after = [j.score for j in weighed.judge([text], [matches])[0]]
    # each judgement moves the way the linear model leans, by its weight times its log-odds
    assert before and len(after) == len(before)
    for a, b in zip(after, before, strict=True):
        assert (a > b) if p > 0.5 else (a < b)


def test_rule_gives_span_theme_suggestion_and_reason(thorough: Checker):
    text = "AB is seeking out sex with older men."
    (f,) = thorough.check(text)
    assert f.rule == "sexual_agency/seeking-sex" and not f.model_only
    assert text[f.start : f.end] == f.text == "seeking out sex"
    assert f.suggestion and f.source and f.model_score is not None
    assert f.score >= 0.5


def test_encoder_and_context_clear_an_adult_subject(thorough: Checker):
    assert thorough.check("The 32-year-old courier was jailed for running the drug line.") == []
    assert thorough.check("The suspect, 41, is a drug dealer who runs the line.") == []


def test_ordinary_notes_are_not_flagged(thorough: Checker):
    notes = [
        "Officers attended the address at 2130hrs and spoke to mum.",
        "CCTV requested from the bus station for the evening of the 4th.",
        "Strategy meeting held with social care; actions agreed.",
    ]
    assert thorough.check_many(notes) == [[], [], []]


def test_batch_matches_single(thorough: Checker):
    """A sentence's findings and scores never depend on the sentences checked with it. With
    int8 activations scaled per batch they did: these two were flagged alone and not in a batch
    of dev sentences, or the other way round."""
    texts = [
        "She is promiscuous.",
        "Nothing to see here.",
        "He is a drug runner. The suspect drove him to Margate.",
        "OIC spoke to YP who declined to report. Job closed.",
        "From what staff describe she is quite sexualised and seeks out the men at the park.",
        "Wants to be out.",
    ]
    neighbours = ["A very long sentence about nothing much at all, " * 6, "Seen.", "MEDIUM."]
    many = thorough.check_many(neighbours + texts)[len(neighbours) :]
    single = [thorough.check(t) for t in texts]

    def key(fs: list) -> list:
        return [(f.rule, f.start, f.end, f.score) for f in fs]

    assert [key(fs) for fs in many] == [key(fs) for fs in single]
    assert any(many), "nothing flagged: the test would prove nothing"


def test_curly_and_straight_quotes_are_judged_alike(thorough: Checker):
    """A note pasted from a word processor has curly quotes and apostrophes; the same note typed
    has straight ones. The rules and the context see both as straight; so does the encoder."""
    texts = [
        "She said she was \u201cfine\u201d and didn\u2019t want to talk about the men.",
        "Staff describe her as \u2018sexually active\u2019 and she knows what she\u2019s doing.",
        "He\u2019s making his own choices and won\u2019t engage.",
    ]
    straight = [t.translate(str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''")) for t in texts]

    def key(fs: list) -> list:
        return [(f.rule, f.start, f.end, f.score, f.model_score) for f in fs]

    assert [key(fs) for fs in thorough.check_many(texts)] == [
        key(fs) for fs in thorough.check_many(straight)
    ]
    assert any(thorough.check_many(texts)), "nothing flagged: the test would prove nothing"


def test_reviewed_marker_and_ignore_work_in_thorough_mode():
    c = Checker(mode="thorough", ignore=["character"])
    assert c.check("She is promiscuous.") == []
    assert Checker(mode="thorough").check("She is promiscuous [safeguard: reviewed]") == []


def test_missing_extra_gives_the_install_command(monkeypatch):
    load_thorough.cache_clear()
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    try:
        with pytest.raises(ThoroughUnavailable, match=r"-m pip install -e '.*\[thorough\]'"):
            Checker(mode="thorough")
    finally:
        load_thorough.cache_clear()


def test_cli_thorough_jsonl_and_config(tmp_path: Path):
    (tmp_path / ".safeguard.toml").write_text("[lint]\nthorough = true\n")
    r = subprocess.run(
        [sys.executable, "-m", "safeguard", "lint", "--format", "jsonl", "--explain", "-"],
        input=b"AB is seeking out sex with older men.\nOfficers attended at 2130hrs.\n",
        capture_output=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert r.returncode == 1, r.stderr
    out = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert [o["flagged"] for o in out] == [True, False]
    f = out[0]["findings"][0]
    assert f["rule"] == "sexual_agency/seeking-sex" and f["model_only"] is False
    assert isinstance(f["model_score"], float) and isinstance(f["reasons"], list)


def test_cli_without_extra_says_what_to_install(tmp_path: Path):
    # a real process whose Python cannot import onnxruntime
    (tmp_path / "onnxruntime.py").write_text("raise ImportError('not installed')\n")
    env = {"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"}
    r = subprocess.run(
        [sys.executable, "-m", "safeguard", "lint", "--thorough", "-"],
        input=b"She is streetwise.\n",
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert r.returncode == 2
    assert EXTRA_MESSAGE in r.stderr.decode()


def test_audit_language_check_in_thorough_mode():
    from safeguard.audit.language import default_language_check

    hits = default_language_check("thorough")("AB is seeking out sex with older men.")
    assert [h.rule for h in hits] == ["sexual_agency/seeking-sex"]


def test_short_fragments_have_their_own_encoder_only_threshold(
    thorough: Checker, monkeypatch: pytest.MonkeyPatch
):
    """The encoder alone judges a fragment of fewer than SHORT_SENTENCE_WORDS words against the
    head's own threshold for short fragments; without one, short fragments are left to the
    rules, however sure the encoder is. Ordinary note fragments stay unflagged."""
    from safeguard.language.model import SHORT_SENTENCE_WORDS

    t = thorough.thorough
    assert t is not None and t.t_only_short is not None
    assert t.encoder_only_threshold("Crimed.") == t.t_only_short
    assert t.encoder_only_threshold("She said she was fine and went to her room.") == t.t_only
    ordinary = ["Crimed.", "Phone off.", "MEDIUM.", "Case closed.", "No further action."]
    assert thorough.check_many(ordinary) == [[]] * len(ordinary)
    terms = [
        "Promiscuous.",
        "Attention seeker.",
        "Makes poor choices.",
        "Wants to be out.",
        "Career criminal.",
        "Wandered off again.",
        "Happy to run for them.",
    ]
    found = thorough.check_many(terms)
    alone = [x for x, f in zip(terms, found, strict=True) if f and all(g.model_only for g in f)]
    assert alone, "the encoder alone flags none of them: the test would prove nothing"
    assert all(len(x.split()) < SHORT_SENTENCE_WORDS for x in alone)
    monkeypatch.setattr(t, "t_only_short", None)
    assert t.encoder_only_threshold("Crimed.") is None
    assert not any(f for f in thorough.check_many(alone))
    found = thorough.check("She is a streetwise girl.")
    assert found and not found[0].model_only


def test_encoder_only_findings_name_the_words_without_which_the_score_falls(thorough):
    """An encoder-only finding's evidence: each word left out in turn, those whose absence
    lowers the encoder's lead for the theme most, as spans of the note."""
    from safeguard.language.thorough import load_thorough

    note = "Seen at the address. She knows full well what a man of 30 wants from a girl her age."
    (f,) = thorough.check(note)
    assert f.model_only and f.rule.startswith("model/")
    words = f.model_words
    assert 1 <= len(words) <= 3
    for w in words:
        assert note[w.start : w.end] == w.text and f.start <= w.start < w.end <= f.end
    # each named word, left out, lowers the theme's lead; the first lowers it most
    t = load_thorough()
    k = t.classes.index(f.category)
    sentence = note[f.start : f.end]

    def lead(text: str) -> float:
        (lg,) = t.encoder.logits([text])
        return float(lg[k] - lg[0])

    def without(w) -> str:  # type: ignore[no-untyped-def]
        a, b = w.start - f.start, w.end - f.start
        return " ".join((sentence[:a].rstrip(), sentence[b:].lstrip()))

    full = lead(sentence)
    drops = [full - lead(without(w)) for w in words]
    assert all(d > 0 for d in drops) and drops == sorted(drops, reverse=True)
    # and the rule findings carry none
    (r,) = thorough.check("She is a streetwise girl.")
    assert not r.model_only and r.model_words == []


def test_words_are_weighed_only_where_they_are_shown(thorough):
    """Weighing an encoder-only finding's words costs one encoder run per word: a checker that
    shows no explanation (lint without --explain, the batch audit) leaves them out and finds
    the same thing."""
    from safeguard.audit.language import default_language_check
    from safeguard.language.checker import Checker

    note = "Seen at the address. She knows full well what a man of 30 wants from a girl her age."
    (f,) = thorough.check(note)
    (g,) = Checker(mode="thorough", weigh_words=False).check(note)
    assert f.model_words and g.model_words == []
    assert (g.rule, g.start, g.end, g.score) == (f.rule, f.start, f.end, f.score)
    (a,) = default_language_check("thorough")(note)
    assert a.model_only and a.model_words == []

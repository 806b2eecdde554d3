"""Features for the language model, shared by training (scripts/train_language_model.py) and
inference, so the two cannot drift."""

from __future__ import annotations

import re
from collections.abc import Iterable

from safeguard.textrules import Match

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")


def tokens(text: str) -> list[str]:
    toks = _TOKEN.findall(text.lower().replace("\u2019", "'"))
    return ["<num>" if t.isdigit() else t for t in toks]


_SUFFIX = re.compile(r"(?:ing|ed|es|s|ly|er|ers|ment|ness)$")


_STEMS: dict[str, str] = {}
_STEMS_MAX = 200_000  # words remembered; past that, stems are worked out each time


def stem(token: str) -> str:
    """A crude suffix-stripper, so that "choosing", "chooses" and "chose" share features."""
    got = _STEMS.get(token)
    if got is None:
        got = _SUFFIX.sub("", token) if len(token) > 4 else token
        if len(_STEMS) < _STEMS_MAX:
            _STEMS[token] = got
    return got


#: Each word's "meaning" row (a feature named ``m:<word>``) counts as the mean over the
#: sentence's words, not as a sum: the model's share of a static word vector (what the thorough
#: mode's encoder makes of the word alone) averaged over the sentence, so that wording no
#: labelled sentence used is judged by the words it is like (scripts/train_language_model.py).
MEANING = "m:"


def meaning_features(text: str) -> list[str]:
    """The ``m:`` feature of each of the sentence's words, in order (repeats kept): the model
    adds the mean of their rows (a word with no row counts as zeros)."""
    return [MEANING + t for t in tokens(text)]


def features(text: str, matches: Iterable[Match]) -> list[str]:
    """Word and stem unigrams and bigrams, plus what the rules and context analysis found."""
    toks = tokens(text)
    feats = ["w:" + t for t in toks]
    feats += [f"b:{a}_{b}" for a, b in zip(toks, toks[1:])]  # noqa: B905 - one shorter
    stems = list(map(stem, toks))
    feats += ["s:" + t for t in stems]
    feats += [f"sb:{a}_{b}" for a, b in zip(stems, stems[1:])]  # noqa: B905 - one shorter
    if '"' in text or "'" in text or "\u201c" in text or "\u2018" in text:
        feats.append("has_quote")
    any_match = False
    for m in matches:
        any_match = True
        feats.append(f"rule:{m.category}")
        feats.append(f"ruleid:{m.rule_id}")
        kinds = m.kinds()
        for k in sorted(kinds):
            feats.append(f"ctx:{k}")
        if not kinds:
            feats.append("ctx:clean")
    if not any_match:
        feats.append("rule:none")
    return feats

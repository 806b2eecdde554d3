"""Loading, validating and running a folder of YAML rule files."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick

from safeguard.errors import KnowledgeFileError
from safeguard.textrules import context as ctx
from safeguard.textrules.datafile import DataFileError, in_words, load_checked
from safeguard.textrules.match import Match, Reason, Span
from safeguard.textrules.patterns import (
    LazyRegex,
    PatternError,
    anchor_sets_for_regex,
    check_regex,
    compile_rule_regex,
    expand_macros,
    pattern_problem,
    phrase_to_regex,
    rule_regex_source,
)


class RulesError(KnowledgeFileError):
    """A rule file is wrong; the message names the file, the rule and the field."""


@dataclass(frozen=True)
class Theme:
    """What a rule file says about its theme as a whole: the title, why such wording harms,
    and what to write instead of a whole sentence in that theme (what a sentence no rule matched
    but a model flagged is told, and each rule's suggestion unless it has its own)."""

    category: str
    title: str
    why: str
    suggestion: str
    source: str
    file: str = ""


@dataclass
class Rule:
    """A compiled rule with everything needed to explain a match."""

    id: str
    category: str
    title: str
    message: str
    suggestion: str
    source: str
    score: float
    child_subject: bool
    anchors: set[str] | None
    parts: list[tuple[LazyRegex, set[str] | None]] = field(default_factory=list)
    #: for each part, more sets of anchors that a match must also contain one of
    part_extras: list[list[set[str]]] = field(default_factory=list)
    unless: re.Pattern[str] | None = None
    negatable: bool = True
    #: the words blame the child in any sentence: a match no context discounted is reported
    #: whatever a model says of the sentence (docs/rules-format.md)
    decisive: bool = False
    phrases: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)
    examples_flag: list[str] = field(default_factory=list)
    examples_ok: list[str] = field(default_factory=list)
    file: str = ""

    @property
    def regex(self) -> re.Pattern[str]:
        """All the rule's phrases and patterns as one regex (compiled when asked for)."""
        return compile_rule_regex(self.phrases, self.patterns)


#: Words so common in case notes that an anchor set holding one lets most texts through; a
#: pattern is looked up by another of its anchor sets where it has one (results are the same:
#: every anchor set of a pattern is one that all its matches contain).
_COMMON_ANCHORS = frozenset(
    [
        *[
            "as",
            "at",
            "be",
            "by",
            "in",
            "is",
            "of",
            "on",
            "to",
            "up",
            "he",
            "she",
            "her",
            "his",
            "him",
            "they",
            "them",
            "their",
            "for",
            "not",
            "and",
            "the",
        ],
        *[
            "was",
            "were",
            "are",
            "has",
            "had",
            "have",
            "will",
            "with",
            "from",
            "out",
            "car",
            "say",
            "said",
            "line",
            "phone",
            "report",
        ],
        *[
            "child",
            "adult",
            "police",
            "known",
            "going",
            "after",
            "since",
            "around",
            "older",
            "given",
            "time",
            "went",
            "found",
        ],
        *[
            "home",
            "back",
            "place",
            "return",
            "worker",
            "friends",
            "money",
            "search",
            "record",
            "missing",
            "contact",
        ],
        *["to the", "to be", "with her"],
    ]
)


def _choose_anchors(sets: list[set[str]]) -> list[set[str]]:
    """The anchor sets of one pattern in the order used: the set to look the pattern up by
    first (the one that lets fewest texts through, by a rough cost: a very common word costs
    most, a two- or three-letter string more than a longer one), then at most two more, in the
    same order, that a text must also hold one of."""

    def cost(x: set[str]) -> int:
        return sum(100 if a in _COMMON_ANCHORS else {2: 60, 3: 8}.get(len(a), 1) for a in x)

    return sorted(sets, key=cost)[:3]


class _AnchorCache:
    """Anchors of each pattern, kept in the user's cache folder between runs: working them out
    means parsing every pattern, which is most of the cost of loading a rule set. A pattern
    is checked (parsed) whenever its anchors are not in the cache."""

    VERSION = "2"

    def __init__(self) -> None:
        self._data: dict[str, list[list[str]]] | None = None
        self._dirty = False

    def _path(self) -> Path | None:
        try:
            import platformdirs

            return Path(platformdirs.user_cache_dir("safeguard")) / (
                f"rule-anchors-{self.VERSION}-py{sys.version_info[0]}{sys.version_info[1]}.json"
            )
        except Exception:  # noqa: BLE001 - no cache folder: work without one
            return None

    def _load(self) -> dict[str, list[list[str]]]:
        if self._data is None:
            self._data = {}
            path = self._path()
            if path is not None and path.is_file():
                try:
                    got = json.loads(path.read_text("utf-8"))
                    if isinstance(got, dict):
                        self._data = got
                except (OSError, ValueError):
                    pass
        return self._data

    def get(self, regex: str, *, check: str | None = None) -> set[str] | None:
        """The most selective anchor set of ``regex`` (None if it has none)."""
        found = self.get_all(regex, check=check)
        return found[0] if found else None

    def get_all(self, regex: str, *, check: str | None = None) -> list[set[str]]:
        """Every anchor set of ``regex``, the most selective first (see anchor_sets_for_regex)."""
        data = self._load()
        hit = data.get(regex)
        if isinstance(hit, list) and all(isinstance(x, list) for x in hit):
            return [set(x) for x in hit]
        if check is not None:
            check_regex(check)
        found = anchor_sets_for_regex(regex)
        data[regex] = [sorted(x) for x in found]
        self._dirty = True
        return found

    def save(self) -> None:
        path = self._path()
        if not self._dirty or path is None or self._data is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(self._data, sort_keys=True), "utf-8")
            os.replace(tmp, path)
            self._dirty = False
        except OSError:
            pass


_ANCHORS = _AnchorCache()


def _load_file(path: Path) -> tuple[Theme, list[Rule]]:
    try:
        spec = load_checked(path, "RuleFileSpec")
    except DataFileError as exc:
        if not exc.errors:
            raise RulesError(
                f"{path}: cannot read rule file: {exc.problem or exc.__cause__ or exc}"
            ) from exc
        raw = exc.raw
        problems = []
        for err in exc.errors:
            loc = list(err["loc"])
            where = "file"
            if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
                rules = raw.get("rules") if isinstance(raw, dict) else None
                rid = None
                if (
                    isinstance(rules, list)
                    and loc[1] < len(rules)
                    and isinstance(rules[loc[1]], dict)
                ):
                    rid = rules[loc[1]].get("id")
                where = f"rule {rid or '#' + str(loc[1] + 1)}"
                loc = loc[2:]
            field_name = ".".join(str(x) for x in loc) or "(whole entry)"
            from safeguard.textrules.schema import RuleFileSpec, RuleSpec

            one = "a rule" if where.startswith("rule ") else "a rule file"
            fields = (RuleSpec if one == "a rule" else RuleFileSpec).model_fields
            msg = in_words(err, one, fields if len(loc) == 1 else ())
            problems.append(f"{path}: {where}: field '{field_name}': {msg}")
        raise RulesError("\n".join(problems)) from exc

    out: list[Rule] = []
    seen: set[str] = set()
    for r in spec["rules"]:
        rid = f"{spec['category']}/{r['id']}"
        if rid in seen:
            raise RulesError(f"{path}: rule {r['id']}: duplicate id; give each rule its own id")
        seen.add(rid)
        if not r["phrases"] and not r["patterns"]:
            raise RulesError(
                f"{path}: rule {r['id']}: give at least one of 'phrases' or 'patterns'"
            )
        # Each pattern (and the phrases together) is a part with its own anchors, so that a
        # text runs only the patterns whose words it contains; parts compile on first use.
        parts: list[tuple[LazyRegex, set[str] | None]] = []
        extras: list[list[set[str]]] = []
        try:
            if r["phrases"]:
                pa: set[str] | None = set()
                for p in r["phrases"]:
                    # the phrase's least common words: "wild child" by "wild", not "child"
                    sets = _choose_anchors(_ANCHORS.get_all(phrase_to_regex(p)))
                    a = sets[0] if sets else None
                    pa = None if a is None or pa is None else pa | a
                parts.append((LazyRegex(rule_regex_source(r["phrases"], [])), pa))
                extras.append([])
            for p in r["patterns"]:
                try:
                    source = rule_regex_source([], [p])
                    sets = _choose_anchors(_ANCHORS.get_all(expand_macros(p), check=source))
                except PatternError as exc:
                    # the pattern alone, so that the message and its position are about what
                    # the editor wrote, not the regex it is wrapped in
                    raise PatternError(f"pattern {p!r}: {pattern_problem(p) or exc}") from exc
                parts.append((LazyRegex(source), sets[0] if sets else None))
                extras.append(sets[1:])
        except PatternError as exc:
            raise RulesError(f"{path}: rule {r['id']}: field 'patterns': {exc}") from exc
        anchors: set[str] | None = set()
        for _, a in parts:
            anchors = None if a is None or anchors is None else anchors | a
        unless = None
        if r["unless"]:
            try:
                unless = re.compile(
                    "|".join(f"(?:{expand_macros(u)})" for u in r["unless"]), re.IGNORECASE
                )
            except (re.error, PatternError) as exc:
                raise RulesError(f"{path}: rule {r['id']}: field 'unless': {exc}") from exc
        out.append(
            Rule(
                id=rid,
                category=spec["category"],
                title=spec["title"],
                message=(r["message"] or spec["why"]).strip(),
                suggestion=(
                    r["suggestion"] if r["suggestion"] is not None else spec["suggestion"]
                ).strip(),
                source=(r["source"] or spec["source"]).strip(),
                score=r["score"],
                child_subject=spec["child_subject"]
                if r["child_subject"] is None
                else r["child_subject"],
                anchors=anchors,
                parts=parts,
                part_extras=extras,
                unless=unless,
                negatable=r["negatable"],
                decisive=r["decisive"],
                phrases=list(r["phrases"]),
                patterns=list(r["patterns"]),
                examples_flag=list(r["examples"]["flag"]),
                examples_ok=list(r["examples"]["ok"]),
                file=path.name,
            )
        )
    theme = Theme(
        category=spec["category"],
        title=spec["title"].strip(),
        why=spec["why"].strip(),
        suggestion=spec["suggestion"].strip(),
        source=spec["source"].strip(),
        file=path.name,
    )
    return theme, out


_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        # the one character whose lower case is longer than itself ("i" and a combining dot):
        # lower-casing it would shift every offset after it
        "\u0130": "I",
    }
)


def normalise(text: str) -> str:
    """Same length as ``text``: curly quotes straightened, non-breaking spaces made plain, and
    nothing whose lower case has another length."""
    # most notes are plain ASCII (a flag of the string: no scan), with nothing to change
    return text if text.isascii() else text.translate(_QUOTES)


#: a run of white space other than one plain space: two or more, or a tab, a line break ...
_ODD_SPACE = re.compile(r"\s{2,}|[^\S ]")
_LINE_BREAK = re.compile(r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def pack_spaces(text: str) -> tuple[str, list[int] | None]:
    """``text`` with each run of white space made one space (one line break, where the run
    holds one: a line break still ends a sentence), for matching: real notes have double spaces
    and lines broken inside a phrase. Also where each character of the result was in ``text``
    (one more entry, for its end), or None when nothing changed (most texts)."""
    if text.isascii() and not (
        "  " in text or "\n" in text or "\t" in text or "\r" in text or "\x0b" in text
        or "\x0c" in text
    ):  # fmt: skip
        return text, None
    runs = [
        (m.start(), m.end(), "\n" if _LINE_BREAK.search(m.group()) else " ")
        for m in _ODD_SPACE.finditer(text)
    ]
    return _edited(text, runs) if runs else (text, None)


def _edited(text: str, edits: list[tuple[int, int, str]]) -> tuple[str, list[int]]:
    """``text`` with each ``(start, end, new)`` of ``edits`` (in order, apart) put in place of
    ``text[start:end]``, and where each character of the result was in ``text`` (a character
    put in is where what it replaced began), with one more entry for the end."""
    parts: list[str] = []
    where: list[int] = []
    at = 0
    for start, end, new in edits:
        parts += [text[at:start], new]
        where += [*range(at, start), *[start] * len(new)]
        at = end
    parts.append(text[at:])
    where.extend(range(at, len(text) + 1))
    return "".join(parts), where


#: contractions written without their apostrophe in hurried notes ("hes", "doesnt", "wont").
#: Words that are words of their own as well ("shed", "hell", "well", "its") are left as written.
_CONTRACTIONS = (
    ["doesnt", "dont", "didnt", "isnt", "wasnt", "arent", "werent", "hasnt", "havent", "hadnt"]
    + ["couldnt", "wouldnt", "shouldnt", "mustnt", "wont", "cant", "aint"]
    + ["shes", "hes", "thats", "whats", "theres", "whos"]
    + ["theyre", "youre", "ive", "theyve", "weve", "youve", "shouldve", "couldve", "wouldve"]
    + ["theyll", "theyd"]
)


#: verbs written without their final "g" in hurried notes, with or without an apostrophe
#: ("puttin herself at risk", "sleepin' around"): read as "putting", "sleeping". Only these:
#: many words end in "in" of their own ("within", "raisin", "Kevin").
_DROPPED_G = (
    ["puttin", "placin", "exposin", "endangerin", "sleepin", "sellin", "dealin", "runnin"]
    + ["carryin", "holdin", "shottin", "graftin", "trappin", "mulin", "hangin", "chillin"]
    + ["goin", "doin", "comin", "gettin", "havin", "makin", "takin", "givin", "seekin"]
    + ["lookin", "askin", "sendin", "sharin", "sextin", "flirtin", "offerin", "tradin"]
    + ["exchangin", "mixin", "associatin", "engagin", "choosin", "stayin", "wantin", "playin"]
    + ["lyin", "partyin", "datin", "hidin", "leavin", "livin", "lovin", "likin", "enjoyin"]
    + ["earnin", "workin", "walkin", "wanderin", "refusin", "ignorin", "messin", "kickin"]
    + ["manipulatin", "schemin", "befriendin", "invitin", "travellin", "disappearin"]
    + ["abscondin", "prostitutin", "solicitin", "behavin", "sayin", "tellin", "smokin"]
    + ["drinkin", "usin", "knowin", "courtin", "askin", "beggin", "stealin", "robbin"]
)
_DROPPED_G_WORDS = frozenset(_DROPPED_G)
#: matched on the text in lower case (much faster than ignoring case)
_BARE_CONTRACTION = re.compile(
    r"(?<![\w'])(?:" + "|".join(sorted(_CONTRACTIONS, key=len, reverse=True)) + r")(?![\w'])"
)
#: the end of a word in "in" (a word of the list above is then looked for before it: a search
#: for every word of the list at every position would cost a sentence several microseconds)
_WORD_END_IN = re.compile(r"in(?:'|(?![\w']))")


def _dropped_g(low: str) -> Iterator[tuple[int, int]]:
    """Where a verb of :data:`_DROPPED_G` ends in ``low`` (the "g" goes there), and where its
    apostrophe, if any, ends."""
    for m in _WORD_END_IN.finditer(low):
        end = m.start() + 2
        start = m.start()
        while start and low[start - 1].isalpha():
            start -= 1
        glued = start and (low[start - 1].isalnum() or low[start - 1] in "'_")
        if low[start:end] in _DROPPED_G_WORDS and not glued:
            yield end, m.end()


def restore_spelling(text: str) -> tuple[str, list[int] | None]:
    """``text`` with hurried spellings read as the usual ones, so that the rules, their context
    and the encoder read them alike: the apostrophe put back in contractions written without it
    ("hes" -> "he's", "doesnt" -> "doesn't") and the "g" in verbs written without it
    ("puttin" or "puttin'" -> "putting"); and where each character of the result was in
    ``text`` (a character put in is where what followed it was; a "g" in place of an
    apostrophe is where the apostrophe was), or None when nothing changed."""
    low = text.lower()
    if len(low) != len(text):  # not normalised: a character whose lower case is longer
        return text, None
    # the apostrophe goes before the last letter ("doesn't", "he's", "they'd"), or before the
    # last two ("they're", "I've", "they'll")
    edits: list[tuple[int, int, str]] = []
    for m in _BARE_CONTRACTION.finditer(low):
        cut = m.end() - (2 if m.group().endswith(("re", "ve", "ll")) else 1)
        edits.append((cut, cut, "'"))
    if "in" in low:
        # the "g" in place of the apostrophe ("sleepin'"), or put in ("puttin")
        for end, after in _dropped_g(low):
            edits.append((end, after, "G" if text[end - 1].isupper() else "g"))
        edits.sort()
    return _edited(text, edits) if edits else (text, None)


def for_matching(text: str) -> tuple[str, list[int] | None]:
    """The text the rules match and read the context of: :func:`normalise`, then
    :func:`pack_spaces` and :func:`restore_spelling`; and where each of its characters was
    in ``text`` (None when only :func:`normalise`, which keeps every offset, changed it)."""
    packed, where = pack_spaces(normalise(text))
    restored, back = restore_spelling(packed)
    if back is None:
        return packed, where
    if where is None:
        return restored, back
    return restored, [where[i] for i in back]


def _unpacked(where: list[int], text: str, span: Span) -> Span:
    """``span`` of the text matched (:func:`for_matching`) as the same words of ``text``."""
    start = where[span.start]
    if span.end <= span.start:
        return Span.of(text, start, start)
    last = where[span.end - 1]
    # a letter put in ("puttin" -> "putting") sits where the character after it is: a span
    # that ends with it ends there
    end = last if last == where[span.end] else last + 1
    return Span.of(text, start, end)


class RuleSet:
    """A set of compiled rules, loaded from one or more folders of ``*.yml`` files."""

    def __init__(self, rules: Iterable[Rule], themes: Iterable[Theme] = ()):
        self.rules: list[Rule] = list(rules)
        #: each theme (category) as its rule file describes it
        self.themes: dict[str, Theme] = {}
        for t in themes:
            if t.category in self.themes:
                raise RulesError(
                    f"{t.file}: field 'category': {t.category!r} is also the category of "
                    f"{self.themes[t.category].file}; one file per theme: add the rules to "
                    "that file, or give this file a category of its own"
                )
            self.themes[t.category] = t
        ids = [r.id for r in self.rules]
        dupes = {i for i in ids if ids.count(i) > 1}
        if dupes:
            raise RulesError(f"duplicate rule ids across files: {', '.join(sorted(dupes))}")
        self.by_id = {r.id: r for r in self.rules}
        # Every (rule, pattern) pair is a "part", numbered in (rule id, pattern) order. A part
        # runs on a text only when the text holds one of its anchors (always, if it has none)
        # and one of each of its extra anchor sets.
        self._parts: list[tuple[Rule, int]] = sorted(
            ((r, i) for r in self.rules for i in range(len(r.parts))),
            key=lambda ri: (ri[0].id, ri[1]),
        )
        self._always: frozenset[int] = frozenset(
            n for n, (r, i) in enumerate(self._parts) if not r.parts[i][1]
        )
        by_anchor: dict[str, list[int]] = {}
        self._extras: dict[int, list[tuple[str, ...]]] = {}
        for n, (r, i) in enumerate(self._parts):
            for a in r.parts[i][1] or ():
                by_anchor.setdefault(a, []).append(n)
            extras = r.part_extras[i] if i < len(r.part_extras) else []
            if r.parts[i][1] and extras:
                # each checked by its own search, only for the parts the anchors let through
                self._extras[n] = [tuple(sorted(x)) for x in extras]
        # Every occurrence of every anchor, overlapping ones included, in one pass over the text
        # (an Aho-Corasick automaton); each anchor's value is the parts it lets through.
        self._anchor_scan: ahocorasick.Automaton | None = None
        if by_anchor:
            scan = ahocorasick.Automaton()
            for a, parts in by_anchor.items():
                scan.add_word(a, tuple(parts))
            scan.make_automaton()
            self._anchor_scan = scan

    @classmethod
    def load(cls, *directories: str | Path) -> RuleSet:
        rules: list[Rule] = []
        themes: list[Theme] = []
        for d in directories:
            folder = Path(d)
            files = sorted(folder.glob("*.yml"))
            if not files:
                raise RulesError(f"{folder}: no rule files (*.yml) found")
            for f in files:
                theme, some = _load_file(f)
                themes.append(theme)
                rules.extend(some)
        _ANCHORS.save()
        return cls(rules, themes)

    @property
    def categories(self) -> list[str]:
        return sorted({r.category for r in self.rules})

    def candidates(self, lowered: str) -> list[tuple[Rule, int]]:
        """(rule, pattern index) pairs worth running on a lower-cased, normalised text."""
        return [self._parts[n] for n in self._candidate_ids(lowered)]

    def _candidate_ids(self, lowered: str) -> list[int]:
        scan = self._anchor_scan
        found = [parts for _, parts in scan.iter(lowered)] if scan is not None else []
        if not found and not self._always:
            return []
        ids: set[int] = set(self._always).union(*found)
        extras = self._extras
        if extras.keys().isdisjoint(ids):
            return sorted(ids)
        seen: dict[tuple[str, ...], bool] = {}  # parts often share an anchor set
        out = []
        for n in ids:
            for alts in extras.get(n, ()):
                ok = seen.get(alts)
                if ok is None:
                    # a substring test per anchor: quicker than one regex for the set
                    ok = False
                    for a in alts:
                        if a in lowered:
                            ok = True
                            break
                    seen[alts] = ok
                if not ok:
                    break
            else:
                out.append(n)
        out.sort()
        return out

    def find(self, text: str, *, min_score: float = 0.0) -> list[Match]:
        """Every rule match in ``text``, scored in context, best first within overlaps."""
        norm, where = for_matching(text)
        lowered = norm.lower()
        if "\n" in lowered:  # an anchor phrase may run over a line break
            lowered = lowered.replace("\n", " ")
        ids = self._candidate_ids(lowered)
        if not ids:
            return []
        analysis: ctx.Analysis | None = None
        matches: list[Match] = []
        seen_spans: set[tuple[str, int, int]] = set()
        for n in ids:
            rule, i = self._parts[n]
            lazy = rule.parts[i][0]
            for m in (lazy._compiled or lazy.compiled).finditer(norm):
                if analysis is None:
                    analysis = ctx.analysis(norm)
                if (rule.id, m.start(), m.end()) in seen_spans:
                    continue
                seen_spans.add((rule.id, m.start(), m.end()))
                score, reasons = analysis.score(
                    m.start(), m.end(), rule.score, rule.child_subject, rule.negatable
                )
                if rule.unless is not None:
                    s0, s1 = analysis.sentence_bounds(m.start())
                    benign = rule.unless.search(norm, s0, s1)
                    if benign:
                        score = round(score * analysis.cues.weights.get("unless", 0.1), 4)
                        reasons.append(
                            Reason("unless", Span.of(norm, benign.start(), benign.end()))
                        )
                span = Span.of(norm, m.start(), m.end())
                if where is not None:  # offsets and words as in the text given
                    span = _unpacked(where, text, span)
                    reasons = [
                        Reason(r.kind, None if r.cue is None else _unpacked(where, text, r.cue))
                        for r in reasons
                    ]
                elif norm is not text:  # the words as written (normalising keeps offsets)
                    span = Span.of(text, span.start, span.end)
                    reasons = [
                        Reason(
                            r.kind, None if r.cue is None else Span.of(text, r.cue.start, r.cue.end)
                        )
                        for r in reasons
                    ]
                matches.append(
                    Match(
                        span=span,
                        rule_id=rule.id,
                        category=rule.category,
                        message=rule.message,
                        suggestion=rule.suggestion,
                        source=rule.source,
                        base_score=rule.score,
                        score=score,
                        reasons=reasons,
                        decisive=rule.decisive,
                    )
                )
        matches = _drop_overlaps(matches)
        return [m for m in matches if m.score >= min_score]


def _drop_overlaps(matches: list[Match]) -> list[Match]:
    """Keep the best of overlapping matches (higher score, then longer span)."""
    matches.sort(key=lambda m: (-m.score, -(m.end - m.start), m.start))
    kept: list[Match] = []
    for m in matches:
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    kept.sort(key=lambda m: m.start)
    return kept

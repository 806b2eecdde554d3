"""Loading, validating and running a folder of YAML rule files."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from safeguard.textrules import context as ctx
from safeguard.textrules.match import Match
from safeguard.textrules.patterns import (
    PatternError,
    anchors_for_regex,
    compile_rule_regex,
    expand_macros,
    phrase_to_regex,
    trie_regex,
)


class RulesError(ValueError):
    """A rule file is wrong; the message names the file, the rule and the field."""


class _Examples(BaseModel):
    model_config = ConfigDict(extra="forbid")
    flag: list[str] = Field(default_factory=list)
    ok: list[str] = Field(default_factory=list)


class _RuleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    phrases: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    message: str | None = None
    suggestion: str | None = None
    source: str | None = None
    score: float = Field(default=0.9, ge=0.0, le=1.0)
    child_subject: bool | None = None
    unless: list[str] = Field(default_factory=list)
    negatable: bool = True
    examples: _Examples = Field(default_factory=_Examples)

    @field_validator("phrases", "patterns")
    @classmethod
    def _no_blank(cls, v: list[str]) -> list[str]:
        if any(not p.strip() for p in v):
            raise ValueError("must not contain an empty entry")
        return v


class _FileSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    category: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    title: str
    why: str
    suggestion: str = ""
    source: str
    child_subject: bool = True
    rules: list[_RuleSpec] = Field(min_length=1)


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
    regex: re.Pattern[str]
    anchors: set[str] | None
    parts: list[tuple[re.Pattern[str], set[str] | None]] = field(default_factory=list)
    unless: re.Pattern[str] | None = None
    negatable: bool = True
    phrases: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)
    examples_flag: list[str] = field(default_factory=list)
    examples_ok: list[str] = field(default_factory=list)
    file: str = ""


def _load_file(path: Path) -> list[Rule]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RulesError(f"{path}: cannot read rule file: {exc}") from exc
    try:
        spec = _FileSpec.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
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
            problems.append(f"{path}: {where}: field '{field_name}': {err['msg']}")
        raise RulesError("\n".join(problems)) from exc

    out: list[Rule] = []
    seen: set[str] = set()
    for r in spec.rules:
        rid = f"{spec.category}/{r.id}"
        if rid in seen:
            raise RulesError(f"{path}: rule {r.id}: duplicate id; give each rule its own id")
        seen.add(rid)
        if not r.phrases and not r.patterns:
            raise RulesError(f"{path}: rule {r.id}: give at least one of 'phrases' or 'patterns'")
        try:
            regex = compile_rule_regex(r.phrases, r.patterns)
        except PatternError as exc:
            raise RulesError(f"{path}: rule {r.id}: field 'patterns': {exc}") from exc
        # Each pattern (and the phrases together) is also compiled on its own with its own
        # anchors, so that a text runs only the patterns whose words it contains.
        parts: list[tuple[re.Pattern[str], set[str] | None]] = []
        if r.phrases:
            pa: set[str] | None = set()
            for p in r.phrases:
                a = anchors_for_regex(phrase_to_regex(p))
                pa = None if a is None or pa is None else pa | a
            parts.append((compile_rule_regex(r.phrases, []), pa))
        for p in r.patterns:
            parts.append((compile_rule_regex([], [p]), anchors_for_regex(expand_macros(p))))
        anchors: set[str] | None = set()
        for _, a in parts:
            anchors = None if a is None or anchors is None else anchors | a
        unless = None
        if r.unless:
            try:
                unless = re.compile(
                    "|".join(f"(?:{expand_macros(u)})" for u in r.unless), re.IGNORECASE
                )
            except (re.error, PatternError) as exc:
                raise RulesError(f"{path}: rule {r.id}: field 'unless': {exc}") from exc
        out.append(
            Rule(
                id=rid,
                category=spec.category,
                title=spec.title,
                message=(r.message or spec.why).strip(),
                suggestion=(r.suggestion if r.suggestion is not None else spec.suggestion).strip(),
                source=(r.source or spec.source).strip(),
                score=r.score,
                child_subject=spec.child_subject if r.child_subject is None else r.child_subject,
                regex=regex,
                anchors=anchors,
                parts=parts,
                unless=unless,
                negatable=r.negatable,
                phrases=list(r.phrases),
                patterns=list(r.patterns),
                examples_flag=list(r.examples.flag),
                examples_ok=list(r.examples.ok),
                file=path.name,
            )
        )
    return out


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def normalise(text: str) -> str:
    """Same length as ``text``: curly quotes straightened, non-breaking spaces made plain."""
    return text.translate(_QUOTES)


class RuleSet:
    """A set of compiled rules, loaded from one or more folders of ``*.yml`` files."""

    def __init__(self, rules: Iterable[Rule]):
        self.rules: list[Rule] = list(rules)
        ids = [r.id for r in self.rules]
        dupes = {i for i in ids if ids.count(i) > 1}
        if dupes:
            raise RulesError(f"duplicate rule ids across files: {', '.join(sorted(dupes))}")
        self.by_id = {r.id: r for r in self.rules}
        # (rule, pattern) pairs: always run when a pattern has no anchor, else by anchor
        self._always: list[tuple[Rule, int]] = []
        by_anchor: dict[str, list[tuple[Rule, int]]] = {}
        for r in self.rules:
            for i, (_, anchors) in enumerate(r.parts):
                if not anchors:
                    self._always.append((r, i))
                for a in anchors or ():
                    by_anchor.setdefault(a, []).append((r, i))
        # Overlapping search: at each position the longest anchor is found; the patterns of
        # every shorter anchor that is a prefix of it are included too.
        self._anchor_re = (
            re.compile(f"(?=({trie_regex(sorted(by_anchor)).pattern}))") if by_anchor else None
        )
        keys = sorted(by_anchor)
        self._parts_for: dict[str, list[tuple[Rule, int]]] = {}
        for a in keys:
            here: dict[tuple[str, int], tuple[Rule, int]] = {}
            for b in keys:
                if a.startswith(b):
                    here.update(((r.id, i), (r, i)) for r, i in by_anchor[b])
            self._parts_for[a] = list(here.values())

    @classmethod
    def load(cls, *directories: str | Path) -> RuleSet:
        rules: list[Rule] = []
        for d in directories:
            folder = Path(d)
            files = sorted(folder.glob("*.yml"))
            if not files:
                raise RulesError(f"{folder}: no rule files (*.yml) found")
            for f in files:
                rules.extend(_load_file(f))
        return cls(rules)

    @property
    def categories(self) -> list[str]:
        return sorted({r.category for r in self.rules})

    def candidates(self, lowered: str) -> list[tuple[Rule, int]]:
        """(rule, pattern index) pairs worth running on a lower-cased, normalised text."""
        found = set(self._anchor_re.findall(lowered)) if self._anchor_re is not None else set()
        seen: dict[tuple[str, int], tuple[Rule, int]] = {(r.id, i): (r, i) for r, i in self._always}
        for a in found:
            for r, i in self._parts_for.get(a, ()):
                seen[(r.id, i)] = (r, i)
        return sorted(seen.values(), key=lambda ri: (ri[0].id, ri[1]))

    def find(self, text: str, *, min_score: float = 0.0) -> list[Match]:
        """Every rule match in ``text``, scored in context, best first within overlaps."""
        norm = normalise(text)
        parts = self.candidates(norm.lower())
        if not parts:
            return []
        analysis = ctx.Analysis(norm)
        matches: list[Match] = []
        seen_spans: set[tuple[str, int, int]] = set()
        for rule, i in parts:
            for m in rule.parts[i][0].finditer(norm):
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
                        score = round(score * analysis.cues.spec.weights.get("unless", 0.1), 4)
                        reasons.append(f"ordinary context ('{benign.group()}')")
                matches.append(
                    Match(
                        start=m.start(),
                        end=m.end(),
                        text=text[m.start() : m.end()],
                        rule_id=rule.id,
                        category=rule.category,
                        message=rule.message,
                        suggestion=rule.suggestion,
                        source=rule.source,
                        base_score=rule.score,
                        score=score,
                        context=reasons,
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

"""The schemas of the language checker's data files, checked with pydantic when a file is read
for the first time (:func:`safeguard.textrules.datafile.load_checked`; later starts read the
checked data from the cache and never import this module)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from safeguard.textrules.match import REASON_KINDS


class ContextSpec(BaseModel):
    """The schema of ``context.yml`` (validated on load)."""

    model_config = ConfigDict(extra="forbid")
    weights: dict[str, float]

    @field_validator("weights")
    @classmethod
    def _known_kinds(cls, v: dict[str, float]) -> dict[str, float]:
        unknown = set(v) - set(REASON_KINDS)
        if unknown:
            raise ValueError(
                f"unknown context kind(s) {', '.join(sorted(unknown))}; "
                f"known: {', '.join(REASON_KINDS)}"
            )
        return v

    negation_cues: list[str]
    negation_window: int = Field(ge=1, le=30)
    negation_exceptions: list[str]
    reporting_verbs: list[str]
    attribution_phrases: list[str]
    writer_voice: list[str]
    adult_referents: list[str]
    child_referents: list[str]
    clause_breakers: list[str]
    object_markers: list[str]
    relative_pronouns: list[str]
    wording_terms: list[str]
    evaluative_terms: list[str]
    wording_markers: list[str]
    generic_subjects: list[str]
    policy_markers: list[str]
    not_names: list[str]
    not_initials: list[str]
    coercion_cues: list[str]
    #: verbs of worry after which the words are about the person worried for ("Mum worried
    #: Mia is ..."): the subject is the one after the verb, not the one worrying
    concern_verbs: list[str] = Field(default_factory=list)
    #: verbs of saying, thinking and describing: after one used by a describer (below) about a
    #: child ("Mum says YP is ...", "Staff feel she is ..."), the words are about the child
    describing_verbs: list[str] = Field(default_factory=list)
    #: adults whose words about a child are about the child (parents, carers, professionals),
    #: unlike a suspect's ("the suspect said he ..." is still the suspect)
    describers: list[str] = Field(default_factory=list)
    #: words for a man or a boy, and for a woman or a girl: "she" in the next sentence is not
    #: the man the sentence before was about, nor "he" the woman
    male_words: list[str] = Field(default_factory=list)
    female_words: list[str] = Field(default_factory=list)
    #: a review narrating how professionals saw the child (regexes; the words before a match)
    narration_markers: list[str] = Field(default_factory=list)
    #: a definition, indicator list or general rule (regexes; anywhere in the sentence)
    definition_markers: list[str] = Field(default_factory=list)
    #: the words opening a question put to a reader (a checklist, a leaflet)
    checklist_openers: list[str] = Field(default_factory=list)
    #: verbs that, straight after the matched words, make them the one who harmed a child
    perpetrator_verbs: list[str] = Field(default_factory=list)
    #: words for a child that, straight after the matched words, make the child the object
    child_objects: list[str] = Field(default_factory=list)
    #: words that, straight after a capitalised first word of a sentence, show it is a name
    #: ("Jade is ...", "Jade said ..."): otherwise that word is only capitalised as the first
    #: ("Apparently ...", "Reportedly ...") and is not taken for the child
    name_followers: list[str] = Field(default_factory=list)


class RuleExamples(BaseModel):
    model_config = ConfigDict(extra="forbid")
    flag: list[str] = Field(default_factory=list)
    ok: list[str] = Field(default_factory=list)


class RuleSpec(BaseModel):
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
    decisive: bool = False
    examples: RuleExamples = Field(default_factory=RuleExamples)

    @field_validator("phrases", "patterns")
    @classmethod
    def _no_blank(cls, v: list[str]) -> list[str]:
        if any(not p.strip() for p in v):
            raise ValueError("must not contain an empty entry")
        return v


class RuleFileSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    category: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    title: str
    why: str
    suggestion: str = ""
    source: str
    child_subject: bool = True
    rules: list[RuleSpec] = Field(min_length=1)

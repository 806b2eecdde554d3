"""A child's whole case: the unit the audit and the web app work on.

:func:`safeguard.store.read.iter_cases` yields these from the database in chunks, so memory
stays flat however large the store is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from functools import cache
from typing import Any, get_args

from safeguard.records import schema as s


@dataclass
class EpisodeRecords:
    episode: s.MissingEpisode
    risk_assessments: list[s.RiskAssessment] = field(default_factory=list)
    actions: list[s.EpisodeAction] = field(default_factory=list)
    safe_and_well_checks: list[s.SafeAndWellCheck] = field(default_factory=list)
    return_home_interviews: list[s.ReturnHomeInterview] = field(default_factory=list)
    notes: list[s.Note] = field(default_factory=list)


@dataclass
class SuspectRecords:
    suspect: s.Suspect
    disruptions: list[s.DisruptionAction] = field(default_factory=list)


@dataclass
class InvestigationRecords:
    investigation: s.Investigation
    supervisor_reviews: list[s.SupervisorReview] = field(default_factory=list)
    lines_of_enquiry: list[s.LineOfEnquiry] = field(default_factory=list)
    suspects: list[SuspectRecords] = field(default_factory=list)
    key_decisions: list[s.KeyDecision] = field(default_factory=list)
    contacts: list[s.VictimContact] = field(default_factory=list)
    referrals: list[s.Referral] = field(default_factory=list)
    notes: list[s.Note] = field(default_factory=list)


@dataclass
class Case:
    """One child with every record that belongs to them, each list sorted by time."""

    child: s.Child
    episodes: list[EpisodeRecords] = field(default_factory=list)
    investigations: list[InvestigationRecords] = field(default_factory=list)
    notes: list[s.Note] = field(default_factory=list)  # notes on the child record itself

    def all_notes(self) -> list[s.Note]:
        """Every note in the case (child, episodes, investigations), oldest first."""
        out = list(self.notes)
        for e in self.episodes:
            out.extend(e.notes)
        for i in self.investigations:
            out.extend(i.notes)
        return sorted(out, key=lambda n: n.written_at)


_LATE = datetime.max


def _by(items: Iterable[Any], key: str) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = defaultdict(list)
    for item in items:
        out[getattr(item, key)].append(item)
    return out


def _sorted(items: Iterable[Any], *times: str) -> list[Any]:
    def key(item: Any) -> tuple[datetime, str]:
        for t in times:
            v = getattr(item, t)
            if v is not None:
                return v, item.id
        return _LATE, item.id

    return sorted(items, key=key)


def build_cases(
    children: Sequence[s.Child], records: Mapping[str, Iterable[s.Record]]
) -> list[Case]:
    """Assemble whole cases from the records of ``children`` (``records`` maps an entity name,
    as in :data:`safeguard.records.schema.ENTITIES`, to its records; entities may be left
    out). The one place that decides how a case is put together and ordered, for the store
    and for the columnar exchange format alike.
    """
    get = records.get
    risks = _by(get("risk_assessments", ()), "episode_id")
    actions = _by(get("episode_actions", ()), "episode_id")
    checks = _by(get("safe_and_well_checks", ()), "episode_id")
    rhis = _by(get("return_home_interviews", ()), "episode_id")
    reviews = _by(get("supervisor_reviews", ()), "investigation_id")
    lines = _by(get("lines_of_enquiry", ()), "investigation_id")
    suspects = _by(get("suspects", ()), "investigation_id")
    decisions = _by(get("key_decisions", ()), "investigation_id")
    contacts = _by(get("victim_contacts", ()), "investigation_id")
    referrals = _by(get("referrals", ()), "investigation_id")
    disruptions = _by(get("disruption_actions", ()), "suspect_id")
    notes = _by(get("notes", ()), "child_id")
    eps_by_child = _by(get("missing_episodes", ()), "child_id")
    invs_by_child = _by(get("investigations", ()), "child_id")
    cases: list[Case] = []
    for child in children:
        case = Case(child=child)
        ep_recs: dict[str, EpisodeRecords] = {}
        for e in _sorted(eps_by_child.get(child.id, []), "reported_at"):
            rec = EpisodeRecords(
                episode=e,
                risk_assessments=_sorted(risks.get(e.id, []), "graded_at"),
                actions=_sorted(actions.get(e.id, []), "at"),
                safe_and_well_checks=_sorted(checks.get(e.id, []), "at"),
                return_home_interviews=_sorted(rhis.get(e.id, []), "offered_at", "done_at"),
            )
            ep_recs[e.id] = rec
            case.episodes.append(rec)
        inv_recs: dict[str, InvestigationRecords] = {}
        for i in _sorted(invs_by_child.get(child.id, []), "reported_at"):
            rec_i = InvestigationRecords(
                investigation=i,
                supervisor_reviews=_sorted(reviews.get(i.id, []), "reviewed_at"),
                lines_of_enquiry=_sorted(lines.get(i.id, []), "raised_at"),
                suspects=[
                    SuspectRecords(suspect=x, disruptions=_sorted(disruptions.get(x.id, []), "at"))
                    for x in _sorted(suspects.get(i.id, []), "identified_at")
                ],
                key_decisions=_sorted(decisions.get(i.id, []), "at"),
                contacts=_sorted(contacts.get(i.id, []), "at"),
                referrals=_sorted(referrals.get(i.id, []), "at"),
            )
            inv_recs[i.id] = rec_i
            case.investigations.append(rec_i)
        for n in _sorted(notes.get(child.id, []), "written_at"):
            if n.record_type == "episode" and n.record_id in ep_recs:
                ep_recs[n.record_id].notes.append(n)
            elif n.record_type == "investigation" and n.record_id in inv_recs:
                inv_recs[n.record_id].notes.append(n)
            else:
                case.notes.append(n)
        cases.append(case)
    return cases


def case_records(case: Case) -> Iterable[tuple[str, s.Record]]:
    """Every record of a case as ``(entity, record)``: the inverse of :func:`build_cases`."""
    yield "children", case.child
    for er in case.episodes:
        yield "missing_episodes", er.episode
        yield from (("risk_assessments", r) for r in er.risk_assessments)
        yield from (("episode_actions", r) for r in er.actions)
        yield from (("safe_and_well_checks", r) for r in er.safe_and_well_checks)
        yield from (("return_home_interviews", r) for r in er.return_home_interviews)
    for ir in case.investigations:
        yield "investigations", ir.investigation
        yield from (("supervisor_reviews", r) for r in ir.supervisor_reviews)
        yield from (("lines_of_enquiry", r) for r in ir.lines_of_enquiry)
        for sr in ir.suspects:
            yield "suspects", sr.suspect
            yield from (("disruption_actions", r) for r in sr.disruptions)
        yield from (("key_decisions", r) for r in ir.key_decisions)
        yield from (("victim_contacts", r) for r in ir.contacts)
        yield from (("referrals", r) for r in ir.referrals)
    yield from (("notes", n) for n in case.all_notes())


@cache
def _time_fields(cls: type[s.Record]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A record type's times: those every record has (when it was made: ``reported_at``,
    ``written_at``, ``at`` ...) and those it may have (``found_at``, ``closed_at`` ...)."""
    required, optional = [], []
    for name, f in cls.model_fields.items():
        if f.annotation is datetime:
            required.append(name)
        elif datetime in get_args(f.annotation):
            optional.append(name)
    return tuple(required), tuple(optional)


def _record_at(record: s.Record, when: datetime) -> Any | None:
    """``record`` as it stood at ``when``: None if it did not exist yet (made later, or every
    time it holds is later), else with the times still to come emptied ("found_at" after
    ``when``: the child was still missing)."""
    required, optional = _time_fields(type(record))
    if any(getattr(record, f) > when for f in required):
        return None
    set_ = [f for f in optional if getattr(record, f) is not None]
    later = [f for f in set_ if getattr(record, f) > when]
    if not later:
        return record
    if not required and len(later) == len(set_):
        return None
    return record.model_copy(update=dict.fromkeys(later))


def _times(item: Any) -> Iterator[datetime]:
    """Every time held by a record, or by a group of records (a case, an episode with its
    records, ...) and everything in it."""
    if isinstance(item, s.Record):
        required, optional = _time_fields(type(item))
        yield from (t for f in required + optional if (t := getattr(item, f)) is not None)
        return
    for f in fields(item):
        value = getattr(item, f.name)
        for x in value if isinstance(value, list) else [value]:
            yield from _times(x)


def _at(item: Any, when: datetime) -> Any | None:
    """A record, or a group of records, as it stood at ``when`` (None: not made yet). A group's
    first field is its own record (a case's child, an episode, an investigation, a suspect);
    its other fields are lists of what belongs to it."""
    if isinstance(item, s.Record):
        return _record_at(item, when)
    head, *lists = fields(item)
    own = _record_at(getattr(item, head.name), when)
    if own is None:
        return None
    kept = {
        f.name: [r for x in getattr(item, f.name) if (r := _at(x, when)) is not None]
        for f in lists
    }
    return replace(item, **{head.name: own}, **kept)


def case_at(case: Case, when: datetime) -> Case:
    """``case`` as the records stood at ``when``: what an audit "as of" a past time judges. A
    record made later is left out (an episode reported, a note written, a review done after
    ``when``, with everything that belongs to it), and a time still to come is emptied (an
    episode found, an investigation closed after ``when``: still open then). The case itself
    when nothing in it is later."""
    if max(_times(case), default=when) <= when:
        return case
    out = _at(case, when)
    assert isinstance(out, Case)  # a child record holds no time of its own: never left out
    return out

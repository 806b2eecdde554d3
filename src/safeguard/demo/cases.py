"""Group one child's generated records into a :class:`safeguard.records.case.Case`."""

from __future__ import annotations

from typing import Any

from safeguard.records.case import Case, EpisodeRecords, InvestigationRecords, SuspectRecords


def to_case(records: dict[str, list[Any]]) -> Case:
    """The case bundle for one child's records (every list sorted by time)."""
    (child,) = records["children"]
    episodes = {
        e.id: EpisodeRecords(e)
        for e in sorted(records["missing_episodes"], key=lambda e: e.reported_at)
    }
    invs = {
        i.id: InvestigationRecords(i)
        for i in sorted(records["investigations"], key=lambda i: i.reported_at)
    }
    for r in sorted(records["risk_assessments"], key=lambda r: r.graded_at):
        episodes[r.episode_id].risk_assessments.append(r)
    for a in sorted(records["episode_actions"], key=lambda a: a.at):
        episodes[a.episode_id].actions.append(a)
    for c in sorted(records["safe_and_well_checks"], key=lambda c: c.at):
        episodes[c.episode_id].safe_and_well_checks.append(c)
    for r in records["return_home_interviews"]:
        episodes[r.episode_id].return_home_interviews.append(r)
    for r in sorted(records["supervisor_reviews"], key=lambda r: r.reviewed_at):
        invs[r.investigation_id].supervisor_reviews.append(r)
    for r in sorted(records["lines_of_enquiry"], key=lambda r: r.raised_at):
        invs[r.investigation_id].lines_of_enquiry.append(r)
    suspects: dict[str, SuspectRecords] = {}
    for r in sorted(records["suspects"], key=lambda r: r.identified_at):
        suspects[r.id] = SuspectRecords(r)
        invs[r.investigation_id].suspects.append(suspects[r.id])
    for d in sorted(records["disruption_actions"], key=lambda d: d.at):
        suspects[d.suspect_id].disruptions.append(d)
    for k in sorted(records["key_decisions"], key=lambda k: k.at):
        invs[k.investigation_id].key_decisions.append(k)
    for c in sorted(records["victim_contacts"], key=lambda c: c.at):
        invs[c.investigation_id].contacts.append(c)
    for r in sorted(records["referrals"], key=lambda r: r.at):
        invs[r.investigation_id].referrals.append(r)
    case = Case(child=child, episodes=list(episodes.values()), investigations=list(invs.values()))
    for n in sorted(records["notes"], key=lambda n: n.written_at):
        if n.record_type == "episode":
            episodes[n.record_id].notes.append(n)
        elif n.record_type == "investigation":
            invs[n.record_id].notes.append(n)
        else:
            case.notes.append(n)
    return case

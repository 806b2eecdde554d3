"""The truth file: which defects one child's generated records exhibit, by check id.

The generator seeds defects at the rates in ``settings.yml``; this module then applies the
shared check definitions (thresholds in ``settings.yml``) to the records actually generated,
so a defect is in the truth file if and only if the records show it. Victim-blaming wording
cannot be read back from structure, so the generator says which notes carry it.

Definitions used where the shared contract leaves a choice (the audit should agree):

* grade assessed from factors: the highest level any recorded factor justifies
  (``risk_factors.yml``); an assessment with no factors has no assessed grade;
* every grading is compared with its own recorded factors (the first too low counts);
* proactive-action gaps use the highest level recorded on the episode and run from
  ``reported_at`` through each proactive action to ``found_at``;
* an investigation is open from ``reported_at`` to ``outcome_at`` (or the data set's end date);
  child and parent contact gaps include the one from the last contact to that end;
* a key decision is given in time when contacts with ``key_decision_id`` set to it reach both
  the child and the parent/carer within one working day (weekends skipped, no bank holidays).
  The generator either tells both in time or neither, so "child or parent" reads the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from safeguard.records import schema as s
from safeguard.timing import working_day_deadline

LEVELS = ["no_apparent_risk", "low", "medium", "high"]
OPEN_PERIOD_END = "end of the data set"
#: Truth lines for victim-blaming wording a supervisor challenged promptly: seeded, not a finding.
CHALLENGED = "LANG-CHALLENGED"


def add_working_days(at: datetime, days: int) -> datetime:
    """The end of the ``days``-th working day after ``at`` (weekends and England and Wales bank
    holidays skipped), as the Victims' Code reads "within 1 working day"."""
    return working_day_deadline(at, days)


def _gaps(start: datetime, times: Iterable[datetime], end: datetime) -> timedelta:
    """The longest gap from ``start`` through the sorted ``times`` (inside the period) to ``end``."""
    points = [start] + sorted(t for t in times if start <= t <= end) + [end]
    return max((b - a for a, b in zip(points, points[1:], strict=False)), default=timedelta(0))


def span(delta: timedelta) -> str:
    """A duration in plain words: "3 days 4 hours", "2 hours 10 minutes"."""
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [(days, "day"), (hours, "hour"), (mins, "minute")]
    words = [f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n][:2]
    return " ".join(words) or "0 minutes"


def _line(check: str, child_id: str, record_id: str, detail: str) -> dict[str, str]:
    return {"check": check, "child_id": child_id, "record_id": record_id, "detail": detail}


def derive(
    records: dict[str, list[Any]],
    blaming: Mapping[str, tuple[str, str]],
    settings: dict[str, Any],
    factor_levels: dict[str, str],
    end: datetime,
) -> list[dict[str, str]]:
    """Truth lines for one child's records (all entities of that child)."""
    th = settings["thresholds"]
    proactive = set(settings["proactive_actions"])
    (child,) = records["children"]
    cid = child.id
    out: list[dict[str, str]] = []

    def by(entity: str, key: str) -> dict[str, list[Any]]:
        grouped: dict[str, list[Any]] = {}
        for r in records[entity]:
            grouped.setdefault(getattr(r, key), []).append(r)
        return grouped

    grades = by("risk_assessments", "episode_id")
    actions = by("episode_actions", "episode_id")
    checks = by("safe_and_well_checks", "episode_id")
    rhis = by("return_home_interviews", "episode_id")
    episodes = sorted(records["missing_episodes"], key=lambda e: e.reported_at)
    window = timedelta(days=th["repeat_missing_window_days"])

    for i, ep in enumerate(episodes):
        eid = ep.id
        ras = grades.get(eid, [])
        for ra in ras:
            assessed = max(
                (LEVELS.index(factor_levels[f]) for f in ra.factors if f in factor_levels),
                default=None,
            )
            if assessed is not None and LEVELS.index(ra.level) < assessed:
                out.append(
                    _line(
                        "MIS-GRADE-LOW",
                        cid,
                        eid,
                        f"graded {ra.level} but recorded factors justify {LEVELS[assessed]}",
                    )
                )
                break
        if any(ra.level == "no_apparent_risk" for ra in ras):
            out.append(_line("MIS-NO-APPARENT-RISK", cid, eid, "child graded no apparent risk"))
        for ra in ras:
            limit = timedelta(hours=th["grade_confirm_hours"][ra.level])
            if (
                ra.supervisor_confirmed_at is None
                or ra.supervisor_confirmed_at - ra.graded_at > limit
            ):
                when = "never" if ra.supervisor_confirmed_at is None else "late"
                out.append(
                    _line(
                        "MIS-GRADE-UNCONFIRMED",
                        cid,
                        eid,
                        f"{ra.level} grade confirmed {when} (limit {span(limit)})",
                    )
                )
                break
        if ras and ep.found_at is not None:
            top = max(ras, key=lambda r: LEVELS.index(r.level)).level
            limit = timedelta(hours=th["proactive_gap_hours"][top])
            times = [a.at for a in actions.get(eid, []) if a.action_type in proactive]
            gap = _gaps(ep.reported_at, times, ep.found_at)
            if gap > limit:
                out.append(
                    _line(
                        "MIS-NO-PROACTIVE-ACTION",
                        cid,
                        eid,
                        f"{span(gap)} without proactive action while missing ({top} risk, limit {span(limit)})",
                    )
                )
        in_window = [e for e in episodes[: i + 1] if e.reported_at >= ep.reported_at - window]
        if len(in_window) >= th["repeat_missing_count"] and not any(
            e.exploitation_screening_at or e.strategy_meeting_at for e in in_window
        ):
            out.append(
                _line(
                    "MIS-REPEAT-NO-SCREENING",
                    cid,
                    eid,
                    f"{len(in_window)} episodes in {window.days} days, no exploitation screening or strategy meeting",
                )
            )
        if ep.found_at is not None:
            sws = [c for c in checks.get(eid, []) if c.mode == "in_person" and c.at >= ep.found_at]
            if not sws:
                modes = sorted({c.mode for c in checks.get(eid, [])})
                out.append(
                    _line(
                        "MIS-NO-INPERSON-CHECK",
                        cid,
                        eid,
                        "no safe and well check"
                        if not modes
                        else f"safe and well check by {', '.join(modes)} only",
                    )
                )
            limit = timedelta(hours=th["rhi_offer_hours"])
            offers = [r.offered_at for r in rhis.get(eid, []) if r.offered_at is not None]
            if not offers:
                out.append(_line("MIS-RHI-LATE", cid, eid, "return home interview not offered"))
            elif min(offers) - ep.found_at > limit:
                out.append(
                    _line(
                        "MIS-RHI-LATE",
                        cid,
                        eid,
                        f"return home interview offered {span(min(offers) - ep.found_at)} after return",
                    )
                )

    reviews = by("supervisor_reviews", "investigation_id")
    suspects = by("suspects", "investigation_id")
    disrupted = {d.suspect_id for d in records["disruption_actions"]}
    decisions = by("key_decisions", "investigation_id")
    contacts = by("victim_contacts", "investigation_id")
    referrals = by("referrals", "investigation_id")
    for inv in sorted(records["investigations"], key=lambda x: x.reported_at):
        iid, rep = inv.id, inv.reported_at
        stop = inv.outcome_at or end
        if inv.plan_recorded_at is None or inv.plan_recorded_at - rep > timedelta(
            days=th["plan_days"]
        ):
            out.append(
                _line(
                    "INV-NO-PLAN",
                    cid,
                    iid,
                    "no investigation plan"
                    if inv.plan_recorded_at is None
                    else "investigation plan recorded late",
                )
            )
        limit = timedelta(days=th["supervisor_review_days"])
        times = sorted(r.reviewed_at for r in reviews.get(iid, []))
        if not times:
            out.append(_line("INV-NO-SUPERVISOR-REVIEW", cid, iid, "no supervisor review"))
        else:
            gap = max(b - a for a, b in zip([rep] + times, times, strict=False))
            if gap > limit:
                out.append(
                    _line(
                        "INV-NO-SUPERVISOR-REVIEW",
                        cid,
                        iid,
                        f"{gap.days} days without supervisor review",
                    )
                )
        limit = timedelta(hours=th["first_action_hours"])
        if inv.first_action_at is None or inv.first_action_at - rep > limit:
            out.append(
                _line(
                    "INV-SLOW-FIRST-ACTION",
                    cid,
                    iid,
                    "no first action recorded"
                    if inv.first_action_at is None
                    else f"first action {span(inv.first_action_at - rep)} after report",
                )
            )
        bad = [x.id for x in suspects.get(iid, []) if x.is_adult and x.id not in disrupted]
        if bad:
            out.append(
                _line(
                    "INV-SUSPECT-NOT-DISRUPTED",
                    cid,
                    iid,
                    f"adult suspect(s) without disruption: {', '.join(bad)}",
                )
            )
        for who, check, days in (
            ("child", "INV-CHILD-NOT-UPDATED", th["child_contact_days"]),
            ("parent_carer", "INV-PARENT-NOT-UPDATED", th["parent_contact_days"]),
        ):
            times = [c.at for c in contacts.get(iid, []) if c.contact_with == who]
            gap = _gaps(rep, times, stop)
            if gap > timedelta(days=days):
                out.append(
                    _line(
                        check,
                        cid,
                        iid,
                        f"{gap.days} days without contact with the {who.replace('_', '/')}",
                    )
                )
        for kd in sorted(decisions.get(iid, []), key=lambda k: k.at):
            due = add_working_days(kd.at, th["key_decision_working_days"])
            if not any(
                c.key_decision_id == kd.id and kd.at <= c.at <= due for c in contacts.get(iid, [])
            ):
                out.append(
                    _line(
                        "INV-KEY-DECISION-LATE",
                        cid,
                        iid,
                        f"{kd.decision} decision {kd.id} not given to both child and parent/carer within 1 working day",
                    )
                )
                break
        if inv.needs_assessment_at is None:
            out.append(
                _line("INV-NO-NEEDS-ASSESSMENT", cid, iid, "no Victims' Code needs assessment")
            )
        if not referrals.get(iid):
            out.append(_line("INV-NO-REFERRAL", cid, iid, "no referral to a support service"))
        if inv.child_supports_prosecution == "no" and inv.evidence_led_considered_at is None:
            out.append(
                _line(
                    "INV-NO-EVIDENCE-LED",
                    cid,
                    iid,
                    "child does not support prosecution; evidence-led prosecution not considered",
                )
            )
        if inv.reported_by != "child" and inv.crime_recorded_at is None:
            out.append(
                _line(
                    "INV-THIRD-PARTY-NOT-RECORDED",
                    cid,
                    iid,
                    f"reported by {inv.reported_by.replace('_', '/')}, no crime recorded",
                )
            )

    notes: list[s.Note] = records["notes"]
    written = {n.id: n.written_at for n in notes}
    challenged: dict[str, datetime] = {}
    for n in notes:
        if n.challenges_note_id:
            first = challenged.get(n.challenges_note_id)
            challenged[n.challenges_note_id] = min(first, n.written_at) if first else n.written_at
    prompt = timedelta(hours=th.get("challenge_prompt_hours", 72))
    for nid in sorted(blaming):
        phrase, theme = blaming[nid]
        words = f'"{phrase}" ({theme.replace("_", " ")})'
        # One finding per note: unchallenged, or challenged late; a prompt challenge is none.
        if nid not in challenged:
            out.append(
                _line(
                    "LANG-UNCHALLENGED", cid, nid, f"wording {words} not challenged by a supervisor"
                )
            )
        elif challenged[nid] - written[nid] > prompt:
            out.append(_line("LANG-VICTIM-BLAMING", cid, nid, f"wording {words} challenged late"))
        else:
            # Not a finding: a supervisor challenged it promptly (the system working).
            out.append(_line(CHALLENGED, cid, nid, f"wording {words} challenged promptly"))
    return out

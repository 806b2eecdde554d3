"""Author's tool for the independent case set (data/cases/).

Writes data/cases/records/*.csv (exchange format, docs/exchange-format.md) and
data/cases/expected.yml from the cases written below. Each case is written by hand:
the records as a force would hold them, and the inspector's expected findings with
the reason in words. Nothing here reads or imports safeguard's code.

`own_check()` at the bottom is the author's arithmetic on my own records (hours
between timestamps, working days with the England and Wales bank holidays typed
in by hand). It exists only to catch typing mistakes in dates: it prints where the
plain arithmetic differs from what I expect, and every difference must be one I
meant (listed in the case's `arith_ok`). It is not a judgement of the cases.

Run: python data/cases/build_records.py
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
AS_OF = "2025-06-30T12:00:00"

SEVERITY = {
    "MIS-GRADE-LOW": "serious",
    "MIS-NO-APPARENT-RISK": "serious",
    "MIS-GRADE-UNCONFIRMED": "major",
    "MIS-NO-PROACTIVE-ACTION": "serious",
    "MIS-REPEAT-NO-SCREENING": "serious",
    "MIS-NO-INPERSON-CHECK": "major",
    "MIS-RHI-LATE": "major",
    "INV-NO-PLAN": "major",
    "INV-NO-SUPERVISOR-REVIEW": "major",
    "INV-SLOW-FIRST-ACTION": "major",
    "INV-SUSPECT-NOT-DISRUPTED": "serious",
    "INV-CHILD-NOT-UPDATED": "major",
    "INV-PARENT-NOT-UPDATED": "minor",
    "INV-KEY-DECISION-LATE": "major",
    "INV-NO-NEEDS-ASSESSMENT": "major",
    "INV-NO-REFERRAL": "major",
    "INV-NO-EVIDENCE-LED": "serious",
    "INV-THIRD-PARTY-NOT-RECORDED": "serious",
    "LANG-VICTIM-BLAMING": "minor",
    "LANG-UNCHALLENGED": "major",
}

COLUMNS = {
    "children": ["id", "date_of_birth", "sex", "in_care", "placement_type", "vulnerabilities", "team"],
    "missing_episodes": [
        "id", "child_id", "reported_at", "reported_by", "last_seen_at", "last_seen_location",
        "status", "found_at", "found_location", "team", "officer_in_charge",
        "exploitation_screening_at", "strategy_meeting_at",
    ],
    "risk_assessments": [
        "id", "episode_id", "level", "factors", "graded_by", "graded_at",
        "supervisor_confirmed_by", "supervisor_confirmed_at",
    ],
    "episode_actions": ["id", "episode_id", "action_type", "at", "officer", "description"],
    "safe_and_well_checks": ["id", "episode_id", "at", "mode", "officer"],
    "return_home_interviews": ["id", "episode_id", "offered_at", "done_at", "done_by", "not_done_reason"],
    "investigations": [
        "id", "child_id", "exploitation_type", "reported_at", "reported_by", "crime_recorded_at",
        "crime_reference", "plan_recorded_at", "first_action_at", "team", "officer_in_charge",
        "needs_assessment_at", "child_supports_prosecution", "evidence_led_considered_at",
        "outcome", "outcome_at", "related_episode_ids",
    ],
    "supervisor_reviews": ["id", "investigation_id", "reviewed_at", "reviewer", "summary"],
    "lines_of_enquiry": ["id", "investigation_id", "description", "raised_at", "status", "completed_at"],
    "suspects": ["id", "investigation_id", "identified_at", "is_adult", "description"],
    "disruption_actions": ["id", "suspect_id", "action_type", "at"],
    "key_decisions": ["id", "investigation_id", "decision", "at"],
    "victim_contacts": ["id", "investigation_id", "contact_with", "at", "in_person", "key_decision_id"],
    "referrals": ["id", "investigation_id", "service", "at"],
    "notes": [
        "id", "record_type", "record_id", "child_id", "author", "author_role", "written_at",
        "text", "challenges_note_id",
    ],
}


def ts(s: str | None) -> str:
    """'2025-03-08 21:10' -> '2025-03-08T21:10:00'."""
    if not s:
        return ""
    d, t = s.split(" ")
    return f"{d}T{t}:00"


def p(s: str) -> dt.datetime:
    return dt.datetime.fromisoformat(ts(s) if " " in s else s)


@dataclass
class Case:
    child_id: str
    title: str
    grade: str
    good_practice: bool
    trap: str = ""
    findings: list[dict[str, str]] = field(default_factory=list)
    arith_ok: list[str] = field(default_factory=list)


class Book:
    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, str]]] = defaultdict(list)
        self.cases: list[Case] = []
        self.case: Case | None = None
        self.seq: dict[str, int] = defaultdict(int)
        # author-only facts for own_check (never exported)
        self.spans: dict[str, str] = {}

    def _id(self, prefix: str, start: int) -> str:
        self.seq[prefix] += 1
        return f"{prefix}{start + self.seq[prefix]}"

    def add(self, entity: str, **kw: object) -> str:
        row = {}
        for col in COLUMNS[entity]:
            v = kw.get(col)
            if v is None:
                row[col] = ""
            elif isinstance(v, bool):
                row[col] = "true" if v else "false"
            elif isinstance(v, list):
                row[col] = ";".join(str(x) for x in v)
            else:
                row[col] = str(v)
        unknown = set(kw) - set(COLUMNS[entity])
        assert not unknown, (entity, unknown)
        self.rows[entity].append(row)
        return row["id"]

    # ---- cases
    def begin(self, child_id: str, title: str, grade: str, good_practice: bool, trap: str = "",
              arith_ok: list[str] | None = None) -> None:
        self.case = Case(child_id, title, grade, good_practice, trap, [], arith_ok or [])
        self.cases.append(self.case)

    def expect(self, check: str, record: str, why: str) -> None:
        assert check in SEVERITY, check
        assert self.case is not None
        self.case.findings.append({"check": check, "record": record, "why": why})

    # ---- records
    def child(self, cid: str, dob: str, sex: str, in_care: bool = False, placement: str | None = None,
              vuln: list[str] | None = None, team: str | None = None) -> str:
        return self.add("children", id=cid, date_of_birth=dob, sex=sex, in_care=in_care,
                        placement_type=placement, vulnerabilities=vuln or None, team=team)

    def episode(self, child: str, reported: str, by: str, last_seen: str | None = None,
                loc: str | None = None, status: str | None = None, found: str | None = None,
                found_loc: str | None = None, team: str | None = None, oic: str | None = None,
                screening: str | None = None, strategy: str | None = None) -> str:
        eid = f"MP{reported[2:4]}{reported[5:7]}{reported[8:10]}-{self._id('', 0).zfill(4)}"
        self.add("missing_episodes", id=eid, child_id=child, reported_at=ts(reported), reported_by=by,
                 last_seen_at=ts(last_seen), last_seen_location=loc, status=status, found_at=ts(found),
                 found_location=found_loc, team=team, officer_in_charge=oic,
                 exploitation_screening_at=ts(screening), strategy_meeting_at=ts(strategy))
        return eid

    def grade(self, ep: str, level: str, factors: list[str] | None, by: str, at: str,
              sup: str | None = None, sup_at: str | None = None) -> str:
        return self.add("risk_assessments", id=self._id("RA", 50000), episode_id=ep, level=level,
                        factors=factors or None, graded_by=by, graded_at=ts(at),
                        supervisor_confirmed_by=sup, supervisor_confirmed_at=ts(sup_at))

    def act(self, ep: str, kind: str, at: str, officer: str, desc: str | None = None,
            until: str | None = None) -> str:
        aid = self.add("episode_actions", id=self._id("ACT", 700000), episode_id=ep, action_type=kind,
                       at=ts(at), officer=officer, description=desc)
        if until:
            self.spans[aid] = until
        return aid

    def sw(self, ep: str, at: str, mode: str, officer: str) -> str:
        return self.add("safe_and_well_checks", id=self._id("SW", 30000), episode_id=ep, at=ts(at),
                        mode=mode, officer=officer)

    def rhi(self, ep: str, offered: str | None, done: str | None = None, by: str | None = None,
            reason: str | None = None) -> str:
        return self.add("return_home_interviews", id=self._id("RHI", 8000), episode_id=ep,
                        offered_at=ts(offered), done_at=ts(done), done_by=by, not_done_reason=reason)

    def inv(self, child: str, kind: str, reported: str, by: str, crime: str | None = None,
            crime_ref: str | None = None, plan: str | None = None, first: str | None = None,
            team: str | None = None, oic: str | None = None, needs: str | None = None,
            supports: str | None = None, elp: str | None = None, outcome: str | None = None,
            outcome_at: str | None = None, episodes: list[str] | None = None) -> str:
        iid = f"CE{reported[2:4]}-{self._id('', 0).zfill(5)}"
        self.add("investigations", id=iid, child_id=child, exploitation_type=kind,
                 reported_at=ts(reported), reported_by=by, crime_recorded_at=ts(crime),
                 crime_reference=crime_ref, plan_recorded_at=ts(plan), first_action_at=ts(first),
                 team=team, officer_in_charge=oic, needs_assessment_at=ts(needs),
                 child_supports_prosecution=supports, evidence_led_considered_at=ts(elp),
                 outcome=outcome, outcome_at=ts(outcome_at), related_episode_ids=episodes or None)
        return iid

    def review(self, inv: str, at: str, reviewer: str, summary: str | None = None) -> str:
        return self.add("supervisor_reviews", id=self._id("SR", 20000), investigation_id=inv,
                        reviewed_at=ts(at), reviewer=reviewer, summary=summary)

    def loe(self, inv: str, desc: str, raised: str, status: str | None = None,
            done: str | None = None) -> str:
        return self.add("lines_of_enquiry", id=self._id("LOE", 40000), investigation_id=inv,
                        description=desc, raised_at=ts(raised), status=status, completed_at=ts(done))

    def suspect(self, inv: str, at: str, adult: bool | None, desc: str | None = None) -> str:
        return self.add("suspects", id=self._id("SUS", 9000), investigation_id=inv,
                        identified_at=ts(at), is_adult=adult, description=desc)

    def disrupt(self, suspect: str, kind: str, at: str) -> str:
        return self.add("disruption_actions", id=self._id("DA", 6000), suspect_id=suspect,
                        action_type=kind, at=ts(at))

    def kd(self, inv: str, decision: str, at: str) -> str:
        return self.add("key_decisions", id=self._id("KD", 3000), investigation_id=inv,
                        decision=decision, at=ts(at))

    def contact(self, inv: str, who: str, at: str, in_person: bool | None = None,
                kd: str | None = None) -> str:
        return self.add("victim_contacts", id=self._id("VC", 12000), investigation_id=inv,
                        contact_with=who, at=ts(at), in_person=in_person, key_decision_id=kd)

    def referral(self, inv: str, service: str, at: str) -> str:
        return self.add("referrals", id=self._id("REF", 4000), investigation_id=inv,
                        service=service, at=ts(at))

    def note(self, rtype: str, rid: str, child: str, author: str, role: str, at: str, text: str,
             challenges: str | None = None) -> str:
        return self.add("notes", id=self._id("NT", 8800000), record_type=rtype, record_id=rid,
                        child_id=child, author=author, author_role=role, written_at=ts(at),
                        text=text, challenges_note_id=challenges)


B = Book()


def t(s: str, hours: float = 0, days: float = 0, minutes: float = 0) -> str:
    """Clock arithmetic on 'YYYY-MM-DD HH:MM' strings."""
    d = dt.datetime.fromisoformat(s) + dt.timedelta(hours=hours, days=days, minutes=minutes)
    return d.strftime("%Y-%m-%d %H:%M")


ROUTINE = [
    ("contact", "Called MISPER's mobile - no answer, text sent."),
    ("circulation", "Circulated to patrols with description."),
    ("enquiry", "Friends' addresses from family attended - neg."),
    ("phone_check", "Social media / phone activity checked with family."),
    ("search", "Area search of parks and shops near home."),
    ("enquiry", "Known associates called - not seen."),
    ("cctv", "Shop CCTV near last-seen location viewed."),
    ("contact", "Family updated; MISPER's phone tried again."),
    ("enquiry", "Re-attended likely address - neg."),
]


def routine(b: Book, e: str, start: str, end: str, every_min: int, officer: str) -> None:
    """Proactive enquiries at a steady rhythm from start until before end (a plain, well-run episode)."""
    cur = t(start)
    k = 0
    while cur < end:
        kind, desc = ROUTINE[k % len(ROUTINE)]
        b.act(e, kind, cur, officer, desc)
        k += 1
        cur = t(cur, minutes=every_min)


def returned(b: Book, e: str, found: str, officer: str, sw_h: float = 10, rhi_h: float = 30,
             rhi_done_h: float | None = 70, by: str = "Council Missing & Exploitation Service") -> None:
    """In-person safe and well check and an RHI offered within 72 h (a plain, well-run return)."""
    b.sw(e, t(found, hours=sw_h), "in_person", officer)
    b.rhi(e, t(found, hours=rhi_h), t(found, hours=rhi_done_h) if rhi_done_h else None,
          by if rhi_done_h else None)


def steady_inv(b: Book, i: str, start: str, end: str, days: int, reviewer: str,
               child: bool = True, parent: bool = True, review: bool = True,
               child_in_person: bool = True) -> None:
    """Reviews and updates every `days` days from start while the investigation is open."""
    cur = t(start)
    while cur < end:
        if review:
            b.review(i, cur, reviewer, "Reviewed - progress checked, actions set.")
        if child:
            b.contact(i, "child", t(cur, hours=6), child_in_person)
        if parent:
            b.contact(i, "parent_carer", t(cur, hours=6, minutes=20), False)
        cur = t(cur, days=days)


# =====================================================================================
# Cases. Times are force-local (UK) clock times as a force system shows them.
# =====================================================================================

def case_001(b: Book) -> None:
    c = "IC-001"
    b.begin(c, "14-year-old, CSE concern, graded high; the duty police inspector confirmed the grade 1 h 55 min later; continuous enquiries until found",
            "good", True,
            trap="Supervisor confirmation of a high-risk grade came 1 h 55 min after grading: inside the "
                 "2-hour interval, not outside it.")
    b.child(c, "2010-08-14", "F", team="North")
    e = b.episode(c, "2025-03-08 20:55", "Mother", "2025-03-08 16:00", "Broad St bus station",
                  found="2025-03-09 02:40", found_loc="friend's address, Tilehurst (found by officers)",
                  team="North Response", oic="PC 6620", screening="2025-03-10 14:30")
    b.grade(e, "high", ["CSE concerns", "Out of character", "phone off"], "PC 6620", "2025-03-08 21:10",
            "Insp 0412", "2025-03-08 23:05")
    b.note("episode", e, c, "PC 6620", "PC", "2025-03-08 21:12",
           "MISPER Millie 14yrs. Mum states never been missing before, left for town with friends approx 1400, "
           "last seen by friend at Broad St bus stn 1600. Phone off since 1630. Mum has found messages on Millie's "
           "iPad from an unknown adult male on Snapchat offering to 'pick her up and sort her out with food and "
           "vapes'. RISK HIGH - 14yo, out of character, possible CSE/online grooming, phone off. Insp informed.")
    b.act(e, "contact", "2025-03-08 21:05", "PC 6620", "Called Millie's mobile - straight to VM. Text sent.")
    b.act(e, "circulation", "2025-03-08 21:15", "PC 6620", "Circulated to all patrols + neighbouring force, description and photo.")
    b.act(e, "search", "2025-03-08 21:30", "PC 6620", "Home address search incl loft, shed, garden - neg.")
    b.act(e, "enquiry", "2025-03-08 22:10", "PC 5580", "Attended 3 friends' addresses (list from mum) - not there; friend K says M got on a no.17 bus.")
    b.act(e, "cctv", "2025-03-08 22:50", "PC 5580", "Bus stn CCTV viewed 2250-2340. Millie boards no.17 at 1612, alone.", until="2025-03-08 23:40")
    b.act(e, "enquiry", "2025-03-08 23:45", "PC 5580", "Bus operator contacted - driver recalls girl getting off Tilehurst triangle approx 1640.")
    b.act(e, "contact", "2025-03-09 00:30", "PC 6620", "Spoke to friend K's mum by phone, K now says M was going to see 'a mate from Snapchat'.")
    b.act(e, "phone_check", "2025-03-09 01:20", "DC 3301", "Emergency disclosure to Snapchat - last location Tilehurst area 2310.")
    b.act(e, "enquiry", "2025-03-09 01:50", "PC 5580", "House to house / area search Tilehurst streets near last location, 0150-0240.", until="2025-03-09 02:40")
    b.note("episode", e, c, "Insp 0412", "Inspector", "2025-03-08 23:05",
           "Risk reviewed. Agree HIGH. CSE indicators (adult male contact, offer of lift/gifts). Actions: Snapchat "
           "emergency disclosure, CCTV, friends, bus route. Consider CRA if no trace by 0300. Next review 0100.")
    b.note("episode", e, c, "PC 5580", "PC", "2025-03-09 02:45",
           "FOUND 0240 at address of friend (F 15) in Tilehurst. Millie says she met 'the Snapchat guy' near the "
           "triangle but got scared and went to her friend's instead. Male details obtained - intel submitted and "
           "referred to CE team for crime report.")
    b.sw(e, "2025-03-09 11:00", "in_person", "PC 6620")
    b.rhi(e, "2025-03-10 10:00", "2025-03-11 16:00", "Council Missing & Exploitation Service")


def case_002(b: Book) -> None:
    c = "IC-002"
    b.begin(c, "17-year-old, first time missing after an argument; grade lowered from medium to low with reasons, supervisor-confirmed",
            "good", True,
            trap="A grade LOWERED overnight. The reasons are written down (17, no vulnerabilities, no exploitation "
                 "intelligence, in contact with his sister, first time) and the duty police inspector confirmed it. A 17-year-old "
                 "with no risk factors graded low is not 'graded too low'. The call handler's medium grade was "
                 "reviewed by a sergeant 45 minutes later (that review is the supervision).",
            arith_ok=["MIS-GRADE-UNCONFIRMED"])
    b.child(c, "2007-11-02", "M", team="South")
    e = b.episode(c, "2025-04-12 23:40", "mum", "2025-04-12 21:15", None,
                  found="2025-04-13 08:05", found_loc="friend's address, Didcot", team="South Response",
                  oic="PS 3318")
    b.grade(e, "medium", ["out of character"], "CH 7781", "2025-04-12 23:50")
    b.grade(e, "low", ["first time missing", "left after an argument at home", "phone switched on and messaging carer"],
            "PS 3318", "2025-04-13 00:35", "Insp 0977", "2025-04-13 01:10")
    b.note("episode", e, c, "PS 3318", "PS", "2025-04-13 00:40",
           "Risk reviewed and LOWERED to LOW. Rationale: Callum is 17, no known vulnerabilities, no previous "
           "missing, no CSE/CCE intel on PNC/local systems/CE team (nil trace). Left after a row with mum about "
           "curfew. He has been messaging his sister - last msg 2358 'im at a mates not coming back tonight, "
           "tell mum im fine'. Spoke to him by phone 2355, sounded calm, sober, would not say which mate. "
           "Mild night. Review at 0800 or sooner on any new info.")
    b.act(e, "contact", "2025-04-12 23:55", "PC 2045", "Called Callum's mobile - answered, says safe at a mate's, won't say where.")
    b.act(e, "enquiry", "2025-04-13 00:20", "PC 2045", "Sister gave 2 likely friends' addresses (Didcot).")
    b.act(e, "enquiry", "2025-04-13 00:50", "PS 3318", "PNC, local intel and CE team checks - nil trace.")
    b.act(e, "enquiry", "2025-04-13 07:45", "PC 1198", "Attended friend's address in Didcot - Callum present.")
    b.note("episode", e, c, "Insp 0977", "Insp", "2025-04-13 01:10",
           "Agree LOW. Reasons recorded by PS are sound. Attend likely address at start of early turn.")
    b.sw(e, "2025-04-13 10:30", "in_person", "PC 1198")
    b.note("episode", e, c, "PC 1198", "PC", "2025-04-13 10:45",
           "S&W done at home, spoke to Callum on his own. Row about being grounded, stayed at mate's, no one else "
           "involved, no concerns re exploitation, no injuries. Happy to talk to youth worker.")
    b.rhi(e, "2025-04-13 14:00", "2025-04-15 16:30", "Youth Support Service")


def case_003(b: Book) -> None:
    c = "IC-003"
    b.begin(c, "Autistic 12-year-old missing from a park; PolSA search and CCTV review ran for hours until he was found",
            "good", True,
            trap="The search (14:10 until he was found at 18:35) and the CCTV review (13:50-17:30) are activity "
                 "that lasts hours. Between the last logged start (14:10) and the find there are 4 h 25 min with "
                 "no new entry, but the search was under way the whole time.",
            arith_ok=["MIS-NO-PROACTIVE-ACTION"])
    b.child(c, "2012-09-20", "M", vuln=["autism"], team="East")
    e = b.episode(c, "2025-06-07 13:05", "parent", "2025-06-07 12:15", "Brookside Park play area",
                  found="2025-06-07 18:35", found_loc="den in woodland off river path (found by search team)",
                  team="East Response", oic="PS 2290")
    b.grade(e, "high", ["autism", "vulnerable due to age", "no money or phone with them"], "PS 2290",
            "2025-06-07 13:15", "Insp 0415", "2025-06-07 13:40")
    b.note("episode", e, c, "PS 2290", "PS", "2025-06-07 13:18",
           "HIGH. Ethan is 12, autistic (limited sense of danger, may hide and not respond to his name, drawn "
           "to water and trains). No phone or money. Dad says he ran off when a dog barked at him. River 300m from "
           "park. PolSA and dog unit requested, NPAS drone requested.")
    b.act(e, "circulation", "2025-06-07 13:10", "PS 2290", "Description circulated to all units, BTP (railway line) and neighbouring force.")
    b.act(e, "search", "2025-06-07 13:20", "PC 4410", "Hasty search of park, play area, toilets, car park 1320-1405, 6 officers.", until="2025-06-07 14:05")
    b.act(e, "contact", "2025-06-07 13:30", "PC 4410", "Dad and school SENCO spoken to re places Ethan likes (bridge, trains, den in woods).")
    b.act(e, "cctv", "2025-06-07 13:50", "PC 7731", "Town centre and station CCTV review, ops room, 1350-1730. Nil sighting.", until="2025-06-07 17:30")
    b.act(e, "search", "2025-06-07 14:10", "PS 2290",
          "PolSA-led search of Hollins Wood and river path with dog unit and NPAS drone. Search commenced 1410, "
          "continued in sectors until Ethan found 1835 in a den near the river path.", until="2025-06-07 18:35")
    b.act(e, "review", "2025-06-07 16:00", "Insp 0415", "Review: search strategy extended east of river, CRA considered - not yet, keep under review.")
    b.note("episode", e, c, "Insp 0415", "Inspector", "2025-06-07 16:30",
           "Update: search ongoing in sectors 3-5, NPAS re-tasked, dog unit on scent near footbridge. Child Rescue "
           "Alert criteria considered, will go at 1900 if no trace. Dad kept updated by FLO.")
    b.sw(e, "2025-06-07 19:40", "in_person", "PC 4410")
    b.note("episode", e, c, "PC 4410", "PC", "2025-06-07 19:50",
           "S&W at home with dad present at Ethan's request, quiet room, used his communication card. Ethan said "
           "the dog scared him and he went to 'his den'. No injuries, no one else involved.")
    b.rhi(e, "2025-06-09 10:00", "2025-06-10 15:00", "Children's Services Missing Team (adapted for autism)")


def case_004(b: Book) -> None:
    c = "IC-004"
    b.begin(c, "15-year-old missing from a children's home; return home interview offered at 47 h and declined by her",
            "good", True,
            trap="No return home interview took place: it was offered within 72 hours and the child declined it, "
                 "with the reason and a plan to re-offer recorded. The standard is the offer.")
    b.child(c, "2009-11-19", "F", in_care=True, placement="children's home", vuln=["mental health"], team="West")
    e = b.episode(c, "2025-05-16 22:10", "care home staff", "2025-05-16 19:45", "Hawthorn House (children's home)",
                  status="missing_from_care", found="2025-05-17 08:45", found_loc="returned to placement",
                  team="West Response", oic="PC 3391")
    b.grade(e, "medium", ["LAC", "Mental health (CAMHS open)"], "PC 3391", "2025-05-16 22:20", "PS 1407", "2025-05-16 23:15")
    b.note("episode", e, c, "PC 3391", "PC", "2025-05-16 22:25",
           "Kacey 15, LAC at Hawthorn Hse. Left after staff took her phone charger, said she was going to her mum's "
           "(mum not answering). Anxiety/low mood, CAMHS open, no self harm disclosed recently. Not known to CE team. "
           "MEDIUM.")
    b.act(e, "contact", "2025-05-16 22:15", "PC 3391", "Called Kacey's phone - no answer, text sent.")
    b.act(e, "enquiry", "2025-05-16 22:30", "PC 3391", "Staff list of friends/places obtained; mum's address.")
    b.act(e, "circulation", "2025-05-16 23:10", "PC 3391", "Circulated.")
    b.act(e, "enquiry", "2025-05-17 00:30", "PC 8812", "Attended mum's address and 1 friend's - not there. Mum to call if she turns up.")
    b.act(e, "phone_check", "2025-05-17 03:00", "PC 8812", "Phone last active 0240 (WhatsApp) per friend.")
    b.act(e, "enquiry", "2025-05-17 06:30", "PC 1650", "Early turn re-attended mum's address - mum says K stayed at a friend's, on her way back.")
    b.sw(e, "2025-05-17 11:00", "in_person", "PC 1650")
    b.rhi(e, "2025-05-19 07:30", None, "Harbour Youth (RHI provider)",
          "Offered by RHI worker 19/05 0730 by phone then in person at 1600 - Kacey declined, said she was fine "
          "and didn't want to talk to anyone. Will be re-offered via her social worker and key worker.")
    b.note("episode", e, c, "PC 1650", "PC", "2025-05-17 11:20",
           "S&W in person at Hawthorn Hse, seen alone in the lounge. Stayed at a friend's (F15) flat with friend's "
           "mum present. No concerns re adults, no injuries. SW informed.")


def case_005(b: Book) -> None:
    c = "IC-005"
    b.begin(c, "14-year-old picked up by adult men in cars; overnight note called it 'putting herself at risk', challenged by the day sergeant 6 h 40 min later",
            "good", True,
            trap="The PC's note uses victim-blaming wording. The day sergeant challenged it the same morning in a "
                 "separate note that quotes the wording ('putting herself at risk') but is not linked to the "
                 "earlier note. That is a prompt challenge: the system worked.")
    b.child(c, "2010-10-05", "F", team="North")
    e = b.episode(c, "2025-02-20 21:30", "parent", "2025-02-20 18:30", "outside Spar, Coley",
                  found="2025-02-21 03:20", found_loc="Bath Rd petrol station, alone (patrol)",
                  team="North Response", oic="PC 4471", screening="2025-02-21 14:00", strategy="2025-02-24 10:00")
    b.grade(e, "high", ["signs of sexual exploitation", "associating with older adults"], "PC 4471",
            "2025-02-20 21:40", "PS 1934", "2025-02-20 22:30")
    b.act(e, "contact", "2025-02-20 21:35", "PC 4471", "Called Jade's phone - rang out.")
    b.act(e, "circulation", "2025-02-20 21:50", "PC 4471", "Circulated incl vehicle descriptions from mum (silver Golf, black BMW).")
    b.act(e, "enquiry", "2025-02-20 22:05", "PC 4471", "Friends' addresses x2 - neg.")
    b.act(e, "search", "2025-02-20 22:40", "PC 2260", "Patrol search of parks and shops around Coley 2240-2350.", until="2025-02-20 23:50")
    b.act(e, "phone_check", "2025-02-20 23:10", "DC 0933", "Cell site request submitted (auth Insp).")
    b.act(e, "enquiry", "2025-02-20 23:55", "PC 2260", "ANPR checks on the two vehicles - Golf hit A4 Bath Rd 2312.")
    b.act(e, "cctv", "2025-02-21 00:30", "PC 2260", "Petrol stn and takeaway CCTV on Bath Rd viewed.")
    b.act(e, "enquiry", "2025-02-21 01:15", "PC 4471", "Golf RK registered keeper address visited - no reply, intel.")
    b.act(e, "contact", "2025-02-21 01:55", "PC 4471", "Mum updated; Jade's phone briefly on 0150.")
    b.act(e, "search", "2025-02-21 02:40", "PC 2260", "Area search Bath Rd corridor 0240-0320.", until="2025-02-21 03:20")
    nb = b.note("episode", e, c, "PC 4471", "PC", "2025-02-21 00:40",
                "Update. Jade is putting herself at risk by getting into cars with older males - mum says she has "
                "been going out late most nights and has come home with new trainers and a vape. Golf seen on ANPR.")
    b.note("episode", e, c, "PS 2118", "Sgt", "2025-02-21 07:20",
           "Reviewed overnight entries. The entry stating Jade is 'putting herself at risk' by getting into cars "
           "with older males is not appropriate wording. Jade is 14 and adult males are picking her up and giving "
           "her gifts - this is a CSE concern and must be recorded as such. Please use accurate language in future "
           "entries (adults are exploiting her). Intel submitted re both vehicles, CSE screening today, strategy "
           "discussion requested.")
    _ = nb
    b.sw(e, "2025-02-21 10:00", "in_person", "PC 4471")
    b.rhi(e, "2025-02-21 16:00", "2025-02-24 15:00", "Council Missing & Exploitation Service")


def case_006(b: Book) -> None:
    c = "IC-006"
    b.begin(c, "15-year-old getting into cars with older males, previously found in Reading with £400 and two phones, graded medium",
            "inadequate", False)
    b.child(c, "2009-12-03", "F", team="West")
    e = b.episode(c, "2025-04-25 19:30", "parent", "2025-04-25 15:20", "school gates",
                  found="2025-04-26 00:50", found_loc="Reading railway station (BTP)", team="West Response",
                  oic="PC 3051")
    ra = b.grade(e, "medium", ["previous missing episodes"], "PC 3051", "2025-04-25 19:45", "PS 2204", "2025-04-25 20:40")
    b.note("episode", e, c, "PC 3051", "PC", "2025-04-25 19:48",
           "MISPER Leah 15, not home from school. Dad states she has been getting into cars with older males over "
           "the last few weeks, and when she went missing in March (other force) she was found in Reading with £400 "
           "and two phones which she couldn't explain. Dad thinks she is with the same males now. Graded medium as "
           "she has been missing before and came back safe.")
    b.act(e, "contact", "2025-04-25 19:40", "PC 3051", "Leah's phone - off.")
    b.act(e, "circulation", "2025-04-25 20:00", "PC 3051", "Circulated, BTP informed.")
    b.act(e, "enquiry", "2025-04-25 20:35", "PC 3051", "School DSL spoken to - seen getting into a grey Audi at 1530.")
    b.act(e, "enquiry", "2025-04-25 21:20", "PC 0871", "ANPR on grey Audi - M4 eastbound 1610.")
    b.act(e, "contact", "2025-04-25 22:05", "PC 0871", "TVP/BTP Reading asked to look out; dad updated.")
    b.act(e, "phone_check", "2025-04-25 22:50", "PC 0871", "Friends' social media checked with dad.")
    b.act(e, "enquiry", "2025-04-25 23:40", "PC 0871", "Friend's address attended - neg.")
    b.sw(e, "2025-04-26 10:30", "in_person", "PC 3051")
    b.rhi(e, "2025-04-26 15:00", "2025-04-28 16:00", "Council Missing & Exploitation Service")
    b.note("episode", e, c, "PC 3051", "PC", "2025-04-26 10:50",
           "S&W at home. Leah found by BTP at Reading stn with £150 and a phone that isn't hers. Would not say who "
           "she was with. Referred to CE team and MASH.")
    b.expect("MIS-GRADE-LOW", e,
             "Graded medium, but the grading officer's own rationale records signs of both sexual and criminal "
             "exploitation: getting into cars with older males, and a previous episode out of area with £400 and "
             "two unexplained phones, believed to be with the same males now. On the APP definitions serious harm "
             "was very likely: this should have been graded high. The recorded factor ('previous missing episodes') "
             "leaves out what the officer wrote.")
    _ = ra


def case_007(b: Book) -> None:
    c = "IC-007"
    b.begin(c, "16-year-old believed criminally exploited out of area, graded low because he 'always comes back'",
            "inadequate", False)
    b.child(c, "2008-10-17", "M", team="East")
    e = b.episode(c, "2025-05-30 23:15", "parent", "2025-05-30 18:00", "home address",
                  found="2025-05-31 03:40", found_loc="Slough railway station (BTP)", team="East Response",
                  oic="PC 5112")
    b.grade(e, "low", ["believed to be with school friends"], "PC 5112", "2025-05-30 23:30", "PS 4480", "2025-05-31 00:40")
    n = b.note("episode", e, c, "PC 5112", "PC", "2025-05-30 23:35",
               "Mum reports Tyler not home. He was missing twice last year and always comes back. Last time he was "
               "found in Bournemouth with £600 cash and a burner phone, believed to be working the line for a "
               "Slough-based group. He is streetwise and knows what he is doing. Graded LOW, mum to call when he's back.")
    b.act(e, "contact", "2025-05-30 23:20", "PC 5112", "Tyler's phone - off.")
    b.act(e, "enquiry", "2025-05-30 23:50", "PC 5112", "Mum - names of 3 friends.")
    b.act(e, "circulation", "2025-05-31 00:30", "PC 5112", "Circulated.")
    b.act(e, "phone_check", "2025-05-31 01:15", "PC 6630", "Checked burner number from last episode on intel - active Slough.")
    b.act(e, "enquiry", "2025-05-31 02:00", "PC 6630", "ANPR on associate vehicle.")
    b.act(e, "contact", "2025-05-31 02:50", "PC 6630", "BTP Slough asked to look out.")
    b.sw(e, "2025-05-31 11:00", "in_person", "PC 6630")
    b.rhi(e, "2025-05-31 15:00", "2025-06-02 14:00", "Youth Support Service")
    b.expect("MIS-GRADE-LOW", e,
             "Graded low while the rationale itself records signs of criminal exploitation (previously found out "
             "of area with £600 and a burner phone, believed to be moving drugs for a county-lines group). Those "
             "facts meet the APP high-risk definition; the grade rested on 'he always comes back'.")
    b.expect("LANG-UNCHALLENGED", n,
             "The note says he 'always comes back', is 'working the line' and is 'streetwise and knows what he is "
             "doing' - language that treats an exploited child as an offender and minimises the risk. The "
             "sergeant confirmed the grade an hour later without challenging it, and no one did afterwards.")


def case_008(b: Book) -> None:
    c = "IC-008"
    b.begin(c, "16-year-old not home from a party, graded 'no apparent risk'",
            "inadequate", False)
    b.child(c, "2008-07-22", "F", team="South")
    e = b.episode(c, "2025-06-14 01:20", "parent", "2025-06-13 20:00", "party, Hungerford",
                  found="2025-06-14 09:10", found_loc="friend's home address")
    b.grade(e, "no_apparent_risk", ["believed to be with school friends"], "CH 8120", "2025-06-14 01:30",
            "PS 6012", "2025-06-14 02:10")
    b.note("episode", e, c, "CH 8120", "Call handler", "2025-06-14 01:32",
           "NAR - at a party in Hungerford per mum, phone dead, 16, no concerns. Mum to call back if not home by morning.")
    b.act(e, "contact", "2025-06-14 01:40", "PC 7204", "Called Sophie's phone - dead.")
    b.act(e, "enquiry", "2025-06-14 03:15", "PC 7204", "Host parent called - Sophie left approx 0030 with 2 friends.")
    b.act(e, "enquiry", "2025-06-14 06:00", "PC 1170", "Friends' parents called - one not answering.")
    b.sw(e, "2025-06-14 12:00", "in_person", "PC 1170")
    b.rhi(e, "2025-06-15 10:00", "2025-06-17 16:00", "Youth Support Service")
    b.note("episode", e, c, "PC 1170", "PC", "2025-06-14 12:20",
           "S&W in person, seen alone. Stayed at friend's, phone died. No concerns.")
    b.expect("MIS-NO-APPARENT-RISK", e,
             "A 16-year-old reported missing at night was graded 'no apparent risk' and a sergeant confirmed it. "
             "For a child this grade should not be used: whereabouts were unknown and she was out at night with a "
             "dead phone. At least low risk, with enquiries set.")


def case_009(b: Book) -> None:
    c = "IC-009"
    b.begin(c, "13-year-old threatened over a debt, graded high; supervisor did not confirm the grade for 5 h 40 min",
            "requires improvement", False)
    b.child(c, "2011-09-09", "M", vuln=["ADHD"], team="East")
    e = b.episode(c, "2025-01-18 22:30", "parent", "2025-01-18 19:00", "Kings Rd shops",
                  found="2025-01-19 03:05", found_loc="cousin's flat, Woodley", team="East Response", oic="PC 2766")
    b.grade(e, "high", ["vulnerable due to age", "threats of harm made towards the child"], "PC 2766",
            "2025-01-18 22:40", "PS 1120", "2025-01-19 04:20")
    b.note("episode", e, c, "PC 2766", "PC", "2025-01-18 22:42",
           "Mason 13 (ADHD). Mum says older lads have been threatening him over 'money he owes', he was scared to go "
           "to school this week. Not answering phone. HIGH - age and threats. Supervisor to review.")
    b.act(e, "contact", "2025-01-18 22:35", "PC 2766", "Called Mason's phone - no answer.")
    b.act(e, "circulation", "2025-01-18 22:50", "PC 2766", "Circulated.")
    b.act(e, "enquiry", "2025-01-18 23:20", "PC 2766", "Friends/cousin details from mum; 2 addresses attended.")
    b.act(e, "search", "2025-01-19 00:05", "PC 3378", "Area search Kings Rd shops and park.")
    b.act(e, "cctv", "2025-01-19 00:55", "PC 3378", "Shop CCTV viewed - Mason leaves alone 1910.")
    b.act(e, "enquiry", "2025-01-19 01:40", "PC 3378", "Intel checks on lads named by mum.")
    b.act(e, "contact", "2025-01-19 02:30", "PC 2766", "Cousin's partner rang back - Mason may be at cousin's.")
    b.note("episode", e, c, "PS 1120", "PS", "2025-01-19 04:20",
           "Late review - was tied up with custody. Agree HIGH. Found at cousin's 0305. Intel re threats to CE team.")
    b.sw(e, "2025-01-19 10:00", "in_person", "PC 3378")
    b.rhi(e, "2025-01-20 09:00", "2025-01-21 15:00", "Youth Support Service")
    b.expect("MIS-GRADE-UNCONFIRMED", e,
             "The high-risk grade was set at 22:40 and not confirmed by a supervisor until 04:20, 5 h 40 min later "
             "(after the boy had been found). A high-risk grade needs a supervisor's confirmation within 2 hours.")


def case_010(b: Book) -> None:
    c = "IC-010"
    b.begin(c, "11-year-old missing at night, graded high; no units deployed for over 4 hours while officers waited for her to come home",
            "inadequate", False)
    b.child(c, "2013-11-30", "F", team="North")
    e = b.episode(c, "2025-03-01 21:45", "parent", "2025-03-01 19:30", "Ash Grove park",
                  found="2025-03-02 03:35", found_loc="friend's house, two streets from home", team="North Response",
                  oic="PC 6071")
    b.grade(e, "high", ["vulnerable due to age", "out of character"], "PC 6071", "2025-03-01 21:55",
            "Insp 0450", "2025-03-01 22:30")
    b.act(e, "contact", "2025-03-01 21:50", "PC 6071", "Call back to mum, details taken.")
    b.act(e, "circulation", "2025-03-01 22:00", "PC 6071", "Circulated to patrols.")
    b.act(e, "review", "2025-03-01 22:40", "Insp 0450", "All units committed to RTC on A34. No units available. Awaiting return - mum to ring if she comes home.")
    b.act(e, "note", "2025-03-02 00:30", "PC 6071", "Still no units. Mum rang, no news.")
    b.act(e, "enquiry", "2025-03-02 02:15", "PC 1955", "Attended home, photo obtained, house and garden searched - neg.")
    b.act(e, "search", "2025-03-02 02:50", "PC 1955", "Ash Grove park and footpaths 0250-0330.", until="2025-03-02 03:30")
    b.note("episode", e, c, "Insp 0450", "Inspector", "2025-03-01 22:30",
           "Confirm HIGH - 11 years old, out of character, dark and cold. Resources very limited tonight.")
    b.sw(e, "2025-03-02 11:00", "in_person", "PC 1955")
    b.rhi(e, "2025-03-03 10:00", "2025-03-04 16:00", "Council Missing & Exploitation Service")
    b.expect("MIS-NO-PROACTIVE-ACTION", e,
             "High-risk 11-year-old. After the circulation at 22:00 nothing was done to find her until officers "
             "attended at 02:15 - over 4 hours. The entries in between are a review and a note saying there were "
             "no units and officers were awaiting her return. That is waiting for a child to turn up.")


def case_011(b: Book) -> None:
    c = "IC-011"
    b.begin(c, "Online grooming of a 14-year-old reported by her school; arrest on the Friday before the late-May bank holiday, family told on the Tuesday",
            "good", True,
            trap="Arrest and interview on Friday 23 May 2025, bail early Saturday; child and mother told in person "
                 "on Tuesday 27 May. Monday 26 May 2025 was the spring bank holiday, so Tuesday is the next working "
                 "day: every key decision was told within 1 working day. A third-party (school) report, recorded as a "
                 "crime the same day.")
    b.child(c, "2010-06-02", "F", team="North")
    i = b.inv(c, "sexual", "2025-05-06 10:15", "school", crime="2025-05-06 13:40", crime_ref="43/25/031877",
              plan="2025-05-07 16:00", first="2025-05-06 15:30", team="CE Team", oic="DC 3390",
              needs="2025-05-08 11:00", supports="yes")
    b.note("investigation", i, c, "DC 3390", "DC", "2025-05-06 16:10",
           "School DSL reports adult male (says he is 19, believed older) messaging Poppy 14 on Snapchat since "
           "March, sending money for 'credit' and asking for photos, asked to meet. Screenshots secured at school. "
           "Crimed as sexual communication with a child. Mum informed at school meeting 1630.")
    b.loe(i, "Secure Snapchat messages and screenshots from school", "2025-05-06 15:30", "completed", "2025-05-06 16:00")
    b.loe(i, "Identify account holder (disclosure request)", "2025-05-07 09:00", "completed", "2025-05-12 14:00")
    b.loe(i, "Download of suspect's phone", "2025-05-23 18:00", "open")
    b.review(i, "2025-05-08 09:30", "DS 1815", "Plan agreed. ABE done 07/05. Disclosure request urgent. Needs assessment today.")
    b.review(i, "2025-06-03 10:00", "DS 1815", "Suspect arrested 23/05, on bail with no-contact conditions. Phone download submitted. Family updated 27/05.")
    b.review(i, "2025-06-27 14:00", "DS 1815", "Awaiting download. Bail return 20/07. Poppy and mum updated 17/06, ISVA engaged.")
    s = b.suspect(i, "2025-05-12 14:00", True, "M, 23, local, Snapchat account holder")
    b.disrupt(s, "arrest", "2025-05-23 16:20")
    b.disrupt(s, "bail_conditions", "2025-05-24 02:30")
    k1 = b.kd(i, "arrest", "2025-05-23 16:20")
    k2 = b.kd(i, "interview", "2025-05-23 21:00")
    k3 = b.kd(i, "bail", "2025-05-24 02:30")
    b.contact(i, "parent_carer", "2025-05-06 16:30", True)
    b.contact(i, "child", "2025-05-07 10:00", True)
    for n, k in enumerate((k1, k2, k3)):
        b.contact(i, "child", f"2025-05-27 10:3{n}", True, k)
        b.contact(i, "parent_carer", f"2025-05-27 10:3{n + 3}", True, k)
    b.contact(i, "child", "2025-06-17 15:00", False)
    b.contact(i, "parent_carer", "2025-06-17 15:10", False)
    b.referral(i, "Children's ISVA service", "2025-05-08 12:00")
    b.note("investigation", i, c, "DC 3390", "DC", "2025-05-27 11:00",
           "Visited Poppy and mum at home (first working day after the bank holiday weekend). Told them of the "
           "arrest on Fri, interview Fri evening and his release on bail early Sat with conditions not to contact "
           "Poppy or attend her school. Explained next steps. Poppy happy with ISVA.")


def case_012(b: Book) -> None:
    c = "IC-012"
    b.begin(c, "15-year-old found in a cuckooed flat; he would not support a prosecution; evidence-led case built and the line holder charged",
            "good", True,
            trap="The child did not support a prosecution. An evidence-led prosecution was considered 10 days in, "
                 "with the reasons written down, and the adult was charged. A 17-year-old co-suspect is himself "
                 "treated as exploited (not an adult; no disruption expected against him).")
    b.child(c, "2009-07-14", "M", team="East")
    i = b.inv(c, "criminal", "2025-02-10 06:40", "police", crime="2025-02-10 09:00", crime_ref="43/25/010322",
              plan="2025-02-11 12:00", first="2025-02-10 06:40", team="CE Team", oic="DC 2719",
              needs="2025-02-11 15:00", supports="no", elp="2025-02-20 11:00", outcome="charged",
              outcome_at="2025-04-03 18:30")
    b.note("investigation", i, c, "DC 2719", "DC", "2025-02-10 10:30",
           "Drugs warrant at flat (cuckooed - vulnerable adult resident). Kai 15 found inside with wraps and a line "
           "phone, 40 miles from home. Treated as a victim of CCE from the outset; safeguarded, taken home. Crimed "
           "as MSA trafficking for exploitation.")
    b.note("investigation", i, c, "DS 2281", "DS", "2025-02-20 11:00",
           "Kai does not support a prosecution ('I'm not a grass') - we will not pressure him. Evidence-led "
           "prosecution considered: line phone download shows instructions from the line holder; ANPR and station "
           "CCTV show the suspect dropping Kai off; cash and drugs forensics; cuckooed resident's statement. "
           "Sufficient independent evidence to proceed without Kai's account. Kai is a victim (s.45 MSA), NRM "
           "referral made 11/02. Decision: proceed evidence-led, arrest planned.")
    b.loe(i, "Download line phone", "2025-02-10 09:00", "completed", "2025-02-17 12:00")
    b.loe(i, "ANPR and station CCTV", "2025-02-11 12:00", "completed", "2025-02-19 16:00")
    b.loe(i, "Statement from flat resident", "2025-02-11 12:00", "completed", "2025-02-14 15:00")
    b.review(i, "2025-02-12 09:00", "DS 2281", "Plan agreed. NRM done. Download and CCTV priority.")
    b.review(i, "2025-03-05 10:00", "DS 2281", "Line holder arrested 26/02, remanded? no - bailed. File to CPS.")
    b.review(i, "2025-03-28 10:00", "DS 2281", "CPS early advice: charge likely. Keep Kai and mum updated weekly.")
    s1 = b.suspect(i, "2025-02-12 15:00", True, "M, 27, line holder")
    b.disrupt(s1, "arrest", "2025-02-26 06:00")
    b.disrupt(s1, "charge", "2025-04-03 18:30")
    b.suspect(i, "2025-02-12 15:00", False, "M, 17, runner on same line - also believed exploited (NRM, YOT)")
    k1 = b.kd(i, "arrest", "2025-02-26 06:00")
    k2 = b.kd(i, "charge", "2025-04-03 18:30")
    b.contact(i, "parent_carer", "2025-02-10 10:00", False)
    b.contact(i, "child", "2025-02-11 14:00", True)
    b.contact(i, "parent_carer", "2025-02-11 14:00", True)
    b.contact(i, "parent_carer", "2025-02-26 15:30", True, k1)
    b.contact(i, "child", "2025-02-26 16:00", True, k1)
    b.contact(i, "child", "2025-03-18 16:00", True)
    b.contact(i, "parent_carer", "2025-03-18 16:00", True)
    b.contact(i, "child", "2025-04-04 10:00", True, k2)
    b.contact(i, "parent_carer", "2025-04-04 10:00", True, k2)
    b.referral(i, "County lines specialist support caseworker (voluntary sector)", "2025-02-11 16:00")


def case_013(b: Book) -> None:
    c = "IC-013"
    b.begin(c, "Mother reports an adult offering her 14-year-old money for sex; no crime recorded while officers wait for the child's own account",
            "inadequate", False)
    b.child(c, "2010-09-28", "F", team="West")
    i = b.inv(c, "sexual", "2025-03-19 18:20", "parent_carer", plan="2025-03-21 11:00",
              first="2025-03-20 10:00", team="CE Team", oic="DC 5027", needs="2025-03-20 12:00")
    b.note("investigation", i, c, "PC 2381", "PC", "2025-03-19 18:45",
           "Mum attended front counter with screenshots from Ellie's Instagram: adult male (says he is 34) offering "
           "Ellie £50 'for a bit of fun' and asking to meet her after school. Ellie not present. No crime report at "
           "this stage - passed to CE team to speak to Ellie first.")
    b.note("investigation", i, c, "DC 5027", "DC", "2025-03-20 13:00",
           "Saw Ellie at home with mum. Ellie did not want to talk about the messages today. Needs assessment done "
           "with mum. Crime to be considered if Ellie gives an account.")
    b.review(i, "2025-03-25 10:00", "DS 0640", "Plan fine. Account holder disclosure. Revisit Ellie with ISVA.")
    b.review(i, "2025-04-20 10:00", "DS 0640", "Suspect identified, CAWN to be served. Still no account from Ellie.")
    b.review(i, "2025-05-15 10:00", "DS 0640", "CAWN served 10/04. Ellie still not ready to talk. Keep open.")
    b.review(i, "2025-06-10 10:00", "DS 0640", "No change.")
    b.loe(i, "Instagram disclosure for account", "2025-03-21 11:00", "completed", "2025-04-02 12:00")
    s = b.suspect(i, "2025-04-02 12:00", True, "M, approx 35, Instagram account traced")
    b.disrupt(s, "cawn", "2025-04-10 18:00")
    for d in ("2025-03-20 13:00", "2025-04-15 16:00", "2025-05-12 16:00", "2025-06-05 16:00"):
        b.contact(i, "child", d, True)
        b.contact(i, "parent_carer", d, True)
    b.contact(i, "parent_carer", "2025-06-26 11:00", False)
    b.referral(i, "CSE specialist support worker (voluntary sector)", "2025-03-24 10:00")
    b.expect("INV-THIRD-PARTY-NOT-RECORDED", i,
             "The mother reported, with screenshots, an adult offering her 14-year-old money for sex and asking to "
             "meet. That is a report of a crime against a child made on her behalf; under the Counting Rules it "
             "should have been recorded as a crime without waiting for the child's own account. Three months on, "
             "no crime has been recorded - the same failure as the inspection's 'mother told the child must report "
             "it herself' case.")


def case_014(b: Book) -> None:
    c = "IC-014"
    b.begin(c, "15-year-old abused by a 24-year-old she calls her boyfriend; case closed as 'victim does not support'",
            "inadequate", False)
    b.child(c, "2009-08-11", "F", team="South")
    i = b.inv(c, "sexual", "2025-01-09 11:00", "health", crime="2025-01-09 15:00", crime_ref="43/25/002219",
              plan="2025-01-10 10:00", first="2025-01-09 14:00", team="South CID", oic="DC 4102",
              needs="2025-01-10 16:00", supports="no", outcome="victim_does_not_support",
              outcome_at="2025-03-14 12:00")
    b.note("investigation", i, c, "DC 4102", "DC", "2025-01-09 14:30",
           "Referral from sexual health clinic: Amber 15 attended with a 24yo male. Male's details on clinic record.")
    n = b.note("investigation", i, c, "DC 4102", "DC", "2025-01-16 17:00",
               "Spoke to Amber at home with mum. Amber says he is her boyfriend and she is in a consensual "
               "relationship with him. She is sexually active and doesn't want him to get into trouble. She will "
               "not support a prosecution and will not do an ABE.")
    b.review(i, "2025-01-10 09:00", "DS 3306", "Plan agreed.")
    b.review(i, "2025-02-05 09:00", "DS 3306", "Chase clinic records. Amber not ready to give an account yet.")
    b.review(i, "2025-03-04 09:00", "DS 3306", "Victim does not support. No realistic prospect. NFA.")
    b.suspect(i, "2025-01-09 14:30", True, "M, 24, address known, works at takeaway")
    k = b.kd(i, "no_further_action", "2025-03-14 12:00")
    b.contact(i, "parent_carer", "2025-01-09 16:00", False)
    for d in ("2025-01-16 17:00", "2025-02-10 16:00", "2025-03-10 16:00"):
        b.contact(i, "child", d, True)
        b.contact(i, "parent_carer", d, True)
    b.contact(i, "child", "2025-03-14 15:00", False, k)
    b.contact(i, "parent_carer", "2025-03-14 15:10", False, k)
    b.referral(i, "CSE support worker (voluntary sector)", "2025-01-13 10:00")
    b.expect("INV-NO-EVIDENCE-LED", i,
             "Amber did not support a prosecution and the case was closed for that reason, but nobody considered "
             "an evidence-led prosecution, although there was independent evidence to look at (clinic records, "
             "the man's identity and age, her age). HMICFRS found exactly this: cases dropped when the child did "
             "not support them.")
    b.expect("INV-SUSPECT-NOT-DISRUPTED", i,
             "A 24-year-old man, named with an address from day one, was never arrested, warned (CAWN) or "
             "otherwise disrupted in over two months, while a 15-year-old was in contact with him.")
    b.expect("LANG-UNCHALLENGED", n,
             "Calls the adult her 'boyfriend', the abuse a 'consensual relationship' and the child 'sexually "
             "active' - a 15-year-old cannot consent to this; the language hides the abuse. The sergeant's reviews "
             "never challenged it.")


def case_015(b: Book) -> None:
    c = "IC-015"
    b.begin(c, "13-year-old seen collecting packages for older youths; first action 3 days after the school's report, plan after 3 weeks",
            "requires improvement", False)
    b.child(c, "2011-12-15", "M", team="West")
    i = b.inv(c, "criminal", "2025-04-01 09:30", "school", crime="2025-04-01 11:00", crime_ref="43/25/024410",
              plan="2025-04-22 15:00", first="2025-04-04 14:00", team="West CID", oic="DC 4412",
              needs="2025-04-04 15:00", supports="unknown")
    b.note("investigation", i, c, "PC 0231", "PC", "2025-04-01 11:05",
           "School DSL reports Rhys (Y8) seen twice being handed packages by older lads outside the school gates, "
           "found with £200 and a second phone in his bag. Crimed as CCE concern, for CID.")
    b.note("investigation", i, c, "DS 3712", "DS", "2025-04-03 17:00",
           "Allocated DC 4412 - high workload, will visit Fri. Plan to follow.")
    b.review(i, "2025-04-03 17:00", "DS 3712", "Allocated. No plan yet - OIC to complete.")
    b.review(i, "2025-04-28 10:00", "DS 3712", "Plan now on. Intel on older youths developed.")
    b.review(i, "2025-05-23 10:00", "DS 3712", "No suspects identified yet. School safety plan in place.")
    b.review(i, "2025-06-18 10:00", "DS 3712", "Continue. Youth worker engaged.")
    b.contact(i, "parent_carer", "2025-04-01 16:00", False)
    for d in ("2025-04-04 14:00", "2025-04-30 16:00", "2025-05-27 16:00", "2025-06-20 16:00"):
        b.contact(i, "child", d, d != "2025-05-27 16:00")
        b.contact(i, "parent_carer", d, True)
    b.referral(i, "Youth exploitation support service (voluntary sector)", "2025-04-07 10:00")
    b.loe(i, "School CCTV of gate area", "2025-04-22 15:00", "completed", "2025-04-25 12:00")
    b.expect("INV-SLOW-FIRST-ACTION", i,
             "The school reported on Tuesday morning; the first action (visiting the boy) was Friday afternoon, "
             "over 3 days later, because of workload. A 13-year-old carrying packages, cash and a second phone "
             "needed action within a day.")
    b.expect("INV-NO-PLAN", i,
             "No investigation plan until 22 April, three weeks after the report; the sergeant's first review "
             "notes there was none.")


def case_016(b: Book) -> None:
    c = "IC-016"
    b.begin(c, "16-year-old reports abuse by a 31-year-old; strategy discussion with social care and a referral to a children's ISVA",
            "good", True,
            trap="The referrals list holds a strategy discussion with children's social care (a safeguarding "
                 "meeting, not support for the victim) and, separately, a referral to a children's ISVA, which is "
                 "the support referral the Victims' Code asks for.")
    b.child(c, "2008-12-01", "F", team="North")
    i = b.inv(c, "sexual", "2025-04-14 16:00", "child", crime="2025-04-14 18:30", crime_ref="43/25/027755",
              plan="2025-04-15 12:00", first="2025-04-14 17:00", team="CE Team", oic="DC 1288",
              needs="2025-04-15 14:00", supports="yes")
    b.referral(i, "Children's social care - strategy discussion", "2025-04-15 10:00")
    b.referral(i, "Children's ISVA (SARC)", "2025-04-15 15:00")
    s = b.suspect(i, "2025-04-14 17:30", True, "M, 31, contact via social media")
    b.disrupt(s, "arrest", "2025-04-16 07:00")
    b.disrupt(s, "bail_conditions", "2025-04-16 19:00")
    k1 = b.kd(i, "arrest", "2025-04-16 07:00")
    k2 = b.kd(i, "interview", "2025-04-16 13:00")
    k3 = b.kd(i, "bail", "2025-04-16 19:00")
    b.contact(i, "child", "2025-04-14 17:00", True)
    b.contact(i, "parent_carer", "2025-04-14 18:00", True)
    b.contact(i, "child", "2025-04-16 09:00", False, k1)
    b.contact(i, "parent_carer", "2025-04-16 09:10", False, k1)
    for k in (k2, k3):
        b.contact(i, "child", "2025-04-17 10:00", True, k)
        b.contact(i, "parent_carer", "2025-04-17 10:00", True, k)
    b.contact(i, "child", "2025-05-13 16:00", True)
    b.contact(i, "parent_carer", "2025-05-13 16:00", True)
    b.contact(i, "child", "2025-06-09 17:00", False)
    b.contact(i, "parent_carer", "2025-06-09 17:10", False)
    b.contact(i, "parent_carer", "2025-06-24 12:00", False)
    b.review(i, "2025-04-15 09:00", "DS 0712", "Plan agreed. Strategy discussion 1000. Arrest tomorrow.")
    b.review(i, "2025-05-12 09:00", "DS 0712", "Bailed, conditions. Phone download awaited.")
    b.review(i, "2025-06-06 09:00", "DS 0712", "Download back - supportive. File to CPS.")
    b.note("investigation", i, c, "DC 1288", "DC", "2025-04-14 17:20",
           "Chloe 16 came to the front counter and disclosed that a 31yo man she met on social media has been "
           "sexually abusing her since Jan. Crimed. ABE tomorrow. Mum present for part.")


# =====================================================================================
# Writing and the author's own arithmetic check
# =====================================================================================

GRADE_ORDER = {"good": 0, "requires improvement": 1, "inadequate": 2}


def grade_from(findings: list[dict[str, str]]) -> str:
    sev = [SEVERITY[f["check"]] for f in findings]
    if sev.count("serious") >= 1 or sev.count("major") >= 3:
        return "inadequate"
    if sev:
        return "requires improvement"
    return "good"


BANK_HOLIDAYS = {  # England and Wales, typed from gov.uk/bank-holidays
    "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26",
    "2024-12-25", "2024-12-26", "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05",
    "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",
}


def end_of_next_working_day(t: dt.datetime) -> dt.datetime:
    d = t.date()
    while True:
        d += dt.timedelta(days=1)
        if d.weekday() < 5 and d.isoformat() not in BANK_HOLIDAYS:
            return dt.datetime.combine(d, dt.time(23, 59, 59))


def own_check(b: Book) -> list[tuple[str, str, str]]:
    """Plain date arithmetic on my own records, to catch typing mistakes."""
    H = dt.timedelta(hours=1)
    D = dt.timedelta(days=1)
    asof = dt.datetime.fromisoformat(AS_OF)
    out: list[tuple[str, str, str]] = []
    r = b.rows
    child_of = {e["id"]: e["child_id"] for e in r["missing_episodes"]}
    by_ep: dict[str, dict[str, list[dict[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for ent in ("risk_assessments", "episode_actions", "safe_and_well_checks", "return_home_interviews"):
        for row in r[ent]:
            by_ep[row["episode_id"]][ent].append(row)
    eps_by_child: dict[str, list[dict[str, str]]] = defaultdict(list)
    for e in r["missing_episodes"]:
        eps_by_child[e["child_id"]].append(e)
    for e in r["missing_episodes"]:
        eid, c = e["id"], e["child_id"]
        rep = dt.datetime.fromisoformat(e["reported_at"])
        found = dt.datetime.fromisoformat(e["found_at"]) if e["found_at"] else asof
        grades = sorted(by_ep[eid]["risk_assessments"], key=lambda g: g["graded_at"])
        for g in grades:
            ga = dt.datetime.fromisoformat(g["graded_at"])
            if g["level"] == "no_apparent_risk":
                out.append((c, "MIS-NO-APPARENT-RISK", eid))
            lim = 2 * H if g["level"] == "high" else 12 * H
            if not g["supervisor_confirmed_at"] or dt.datetime.fromisoformat(g["supervisor_confirmed_at"]) - ga > lim:
                out.append((c, "MIS-GRADE-UNCONFIRMED", eid))

        def level_at(t: dt.datetime, grades: list[dict[str, str]] = grades) -> str:
            lv = grades[0]["level"] if grades else "medium"
            for g in grades:
                if dt.datetime.fromisoformat(g["graded_at"]) <= t:
                    lv = g["level"]
            return lv

        limits = {"high": 1 * H, "medium": 6 * H, "low": 24 * H, "no_apparent_risk": 24 * H}
        proactive = [a for a in by_ep[eid]["episode_actions"]
                     if a["action_type"] in ("enquiry", "search", "contact", "cctv", "phone_check", "circulation")]
        cover = sorted((dt.datetime.fromisoformat(a["at"]),
                        p(b.spans[a["id"]]) if a["id"] in b.spans else dt.datetime.fromisoformat(a["at"]))
                       for a in proactive)
        cur = rep
        worst = False
        for s, en in cover + [(found, found)]:
            if s - cur > limits[level_at(cur)]:
                worst = True
            cur = max(cur, en)
        if worst:
            out.append((c, "MIS-NO-PROACTIVE-ACTION", eid))
        if e["found_at"]:
            if not any(s["mode"] == "in_person" for s in by_ep[eid]["safe_and_well_checks"]):
                out.append((c, "MIS-NO-INPERSON-CHECK", eid))
            if not any(x["offered_at"] and dt.datetime.fromisoformat(x["offered_at"]) <= found + 72 * H
                       for x in by_ep[eid]["return_home_interviews"]):
                out.append((c, "MIS-RHI-LATE", eid))
        window = [x for x in eps_by_child[c]
                  if rep - 90 * D <= dt.datetime.fromisoformat(x["reported_at"]) <= rep]
        if len(window) >= 3 and not any(x["exploitation_screening_at"] or x["strategy_meeting_at"] for x in window):
            out.append((c, "MIS-REPEAT-NO-SCREENING", eid))
    _ = child_of
    by_inv: dict[str, dict[str, list[dict[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for ent in ("supervisor_reviews", "suspects", "key_decisions", "victim_contacts", "referrals"):
        for row in r[ent]:
            by_inv[row["investigation_id"]][ent].append(row)
    disrupted = {d["suspect_id"] for d in r["disruption_actions"]}
    for i in r["investigations"]:
        iid, c = i["id"], i["child_id"]
        rep = dt.datetime.fromisoformat(i["reported_at"])
        end = dt.datetime.fromisoformat(i["outcome_at"]) if i["outcome_at"] else asof
        x = by_inv[iid]
        if i["reported_by"] != "child" and not i["crime_recorded_at"]:
            out.append((c, "INV-THIRD-PARTY-NOT-RECORDED", iid))
        if not i["plan_recorded_at"] or dt.datetime.fromisoformat(i["plan_recorded_at"]) - rep > 7 * D:
            out.append((c, "INV-NO-PLAN", iid))
        if not i["first_action_at"] or dt.datetime.fromisoformat(i["first_action_at"]) - rep > 24 * H:
            out.append((c, "INV-SLOW-FIRST-ACTION", iid))

        def gap(times: list[str], rep: dt.datetime = rep, end: dt.datetime = end) -> bool:
            ts_ = sorted(dt.datetime.fromisoformat(t) for t in times if dt.datetime.fromisoformat(t) <= end)
            seq = [rep] + ts_ + [end]
            return any(bb - aa > 28 * D for aa, bb in zip(seq, seq[1:], strict=False))

        if gap([v["reviewed_at"] for v in x["supervisor_reviews"]]):
            out.append((c, "INV-NO-SUPERVISOR-REVIEW", iid))
        if gap([v["at"] for v in x["victim_contacts"] if v["contact_with"] == "child"]):
            out.append((c, "INV-CHILD-NOT-UPDATED", iid))
        if gap([v["at"] for v in x["victim_contacts"] if v["contact_with"] == "parent_carer"]):
            out.append((c, "INV-PARENT-NOT-UPDATED", iid))
        for k in x["key_decisions"]:
            due = end_of_next_working_day(dt.datetime.fromisoformat(k["at"]))
            for who in ("child", "parent_carer"):
                if not any(v["key_decision_id"] == k["id"] and v["contact_with"] == who
                           and dt.datetime.fromisoformat(v["at"]) <= due for v in x["victim_contacts"]):
                    out.append((c, "INV-KEY-DECISION-LATE", iid))
        if not i["needs_assessment_at"]:
            out.append((c, "INV-NO-NEEDS-ASSESSMENT", iid))
        if not any("strategy" not in v["service"].lower() for v in x["referrals"]):
            out.append((c, "INV-NO-REFERRAL", iid))
        if i["child_supports_prosecution"] == "no" and not i["evidence_led_considered_at"]:
            out.append((c, "INV-NO-EVIDENCE-LED", iid))
        for s in x["suspects"]:
            if s["is_adult"] != "false" and s["id"] not in disrupted:
                out.append((c, "INV-SUSPECT-NOT-DISRUPTED", iid))
    return sorted(set(out))


def write(b: Book) -> None:
    import yaml

    rec = HERE / "records"
    rec.mkdir(exist_ok=True)
    for old in rec.glob("*.csv"):
        old.unlink()
    for entity, cols in COLUMNS.items():
        rows = b.rows.get(entity)
        if not rows:
            continue
        with (rec / f"{entity}.csv").open("w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
            w.writeheader()
            for row in sorted(rows, key=lambda r: r["id"]):
                w.writerow(row)
    cases = []
    for cs in b.cases:
        computed = grade_from(cs.findings)
        assert computed == cs.grade, (cs.child_id, cs.grade, computed)
        if cs.good_practice:
            assert not cs.findings and cs.trap, cs.child_id
        cases.append({
            "child_id": cs.child_id,
            "title": cs.title,
            "as_of": AS_OF,
            "expected_grade": cs.grade,
            "good_practice": cs.good_practice,
            **({"trap": cs.trap} if cs.trap else {}),
            "expected_findings": cs.findings,
        })
    head = (
        "# Independent case set for judging the audit (issue 10). Written from the public standards,\n"
        "# not from safeguard's code; see data/cases/README.md.\n"
        f"# as_of: {AS_OF} (force-local time) - the moment the inspector reviews every case.\n"
        "# Grades follow the documented rule (docs/standards.md, 'Case grades') applied to the findings below,\n"
        "# with each check's severity as documented there.\n"
    )
    body = yaml.safe_dump({"as_of": AS_OF, "cases": cases}, sort_keys=False, allow_unicode=True, width=100)
    (HERE / "expected.yml").write_text(head + body, encoding="utf-8")


def main() -> None:
    for name in sorted(n for n in globals() if n.startswith("case_")):
        globals()[name](B)
    ids = [c.child_id for c in B.cases]
    assert len(ids) == len(set(ids))
    expected = {(cs.child_id, f["check"], f["record"]) for cs in B.cases for f in cs.findings
                if not f["check"].startswith("LANG") and f["check"] != "MIS-GRADE-LOW"}
    arith = set(own_check(B))
    allowed = {(cs.child_id, chk) for cs in B.cases for chk in cs.arith_ok}
    for item in sorted(arith - expected):
        if (item[0], item[1]) not in allowed:
            print("arithmetic finds, not expected:", item)
    for item in sorted(expected - arith):
        if (item[0], item[1]) not in allowed:
            print("expected, arithmetic does not find:", item)
    write(B)
    counts: dict[str, int] = defaultdict(int)
    for cs in B.cases:
        for f in cs.findings:
            counts[f["check"]] += 1
    grades: dict[str, int] = defaultdict(int)
    for cs in B.cases:
        grades[cs.grade] += 1
    print(len(B.cases), "cases;", sum(cs.good_practice for cs in B.cases), "good practice;", dict(grades))
    for chk in SEVERITY:
        print(f"  {chk:32} {counts.get(chk, 0)}")



def case_017(b: Book) -> None:
    c = "IC-017"
    b.begin(c, "15-year-old who self-harms sent a friend 'I want to end it all' and switched her phone off; graded medium",
            "inadequate", False)
    b.child(c, "2009-05-30", "F", vuln=["self-harm", "mental health"], team="South")
    e = b.episode(c, "2025-02-02 20:10", "parent", "2025-02-02 18:40", "home address",
                  found="2025-02-02 23:50", found_loc="Riverside multi-storey car park, top level (patrol)",
                  team="South Response", oic="PC 2592")
    b.grade(e, "medium", ["mental health needs"], "PC 2592", "2025-02-02 20:25", "PS 0730", "2025-02-02 21:30")
    b.note("episode", e, c, "PC 2592", "PC", "2025-02-02 20:28",
           "Ruby 15. Mum says Ruby has been self harming (cuts to arms, CAMHS open) and took an overdose of "
           "paracetamol before Christmas. Tonight she sent her friend a Snapchat saying 'I can't do this anymore, "
           "I want to end it all' then turned her phone off. Graded MEDIUM - she has gone off before when upset "
           "and came back.")
    routine(b, e, "2025-02-02 20:15", "2025-02-02 23:50", 40, "PC 2592")
    b.note("episode", e, c, "PC 8121", "PC", "2025-02-03 00:10",
           "Found 2350 by patrol on top level of the multi-storey, distressed. Taken home, mum present, MH triage "
           "advice obtained, CAMHS crisis team informed.")
    returned(b, e, "2025-02-02 23:50", "PC 2592")
    b.expect("MIS-GRADE-LOW", e,
             "Graded medium although the officer recorded a history of self-harm, an overdose weeks earlier, and "
             "a message that night saying she wanted to end it all before switching her phone off. A stated "
             "intention of suicide is a high-risk factor in APP: serious harm was very likely. She was found on "
             "the top of a car park.")


def case_018(b: Book) -> None:
    c = "IC-018"
    b.begin(c, "13-year-old not home from football graded 'no apparent risk'; safe and well check done by phone",
            "inadequate", False)
    b.child(c, "2011-10-03", "M", team="East")
    e = b.episode(c, "2025-05-10 19:50", "parent", "2025-05-10 18:30", "Mill Lane playing fields",
                  found="2025-05-10 23:40", found_loc="walked home from friend's", team="East Response",
                  oic="PS 5540")
    b.grade(e, "no_apparent_risk", None, "CH 2207", "2025-05-10 20:00", "PS 5540", "2025-05-10 20:40")
    b.note("episode", e, c, "CH 2207", "Call handler", "2025-05-10 20:02",
           "No apparent risk - Liam 13, at football, prob at a mate's. Mum to ring round.")
    b.act(e, "contact", "2025-05-10 20:05", "CH 2207", "Called Liam's phone - no answer.")
    b.act(e, "enquiry", "2025-05-10 21:30", "PC 1466", "Coach called - Liam left 1830 with 2 friends.")
    b.act(e, "contact", "2025-05-10 23:00", "PC 1466", "Friend's mum called - boys were there till 2300.")
    b.sw(e, "2025-05-11 00:10", "phone", "PC 1466")
    b.note("episode", e, c, "PC 1466", "PC", "2025-05-11 00:15",
           "S&W by phone with mum, spoke to Liam briefly - lost track of time at mate's. No further action.")
    b.rhi(e, "2025-05-12 10:00", "2025-05-14 16:00", "Youth Support Service")
    b.expect("MIS-NO-APPARENT-RISK", e,
             "A 13-year-old out after dark with whereabouts unknown was graded 'no apparent risk', and a sergeant "
             "confirmed it. For a child the grade should not be used; at least low risk with set enquiries.")
    b.expect("MIS-NO-INPERSON-CHECK", e,
             "The safe and well check was a phone call to the mother with a brief word with the boy. No officer "
             "saw him face to face after his return.")


def case_019(b: Book) -> None:
    c = "IC-019"
    b.begin(c, "14-year-old missing from foster care graded medium; the grade was never confirmed by a supervisor",
            "requires improvement", False)
    b.child(c, "2010-04-22", "F", in_care=True, placement="foster care", team="West")
    e = b.episode(c, "2025-03-21 17:30", "carer", "2025-03-21 15:30", "school", status="missing_from_care",
                  found="2025-03-22 01:30", found_loc="returned to foster home", team="West Response",
                  oic="PC 7719")
    b.grade(e, "medium", ["in care", "out of character"], "PC 7719", "2025-03-21 17:45")
    b.note("episode", e, c, "PC 7719", "PC", "2025-03-21 17:48",
           "Grace 14, foster placement 4 months, settled. Did not come home from school, phone off. Out of "
           "character. No known CSE/CCE concerns. MEDIUM. For PS review.")
    routine(b, e, "2025-03-21 17:50", "2025-03-22 01:30", 150, "PC 7719")
    returned(b, e, "2025-03-22 01:30", "PC 3307")
    b.expect("MIS-GRADE-UNCONFIRMED", e,
             "The medium grade set at 17:45 was never confirmed by a supervisor, either while she was missing "
             "or after. APP makes the supervisor responsible for reviewing and confirming the risk assessment.")


def case_020(b: Book) -> None:
    c = "IC-020"
    b.begin(c, "14-year-old missing from a children's home at night, graded high for CSE; sergeant wrote she 'always turns up' and no one looked for her until morning",
            "inadequate", False)
    b.child(c, "2010-07-07", "F", in_care=True, placement="children's home", team="North")
    e = b.episode(c, "2025-04-04 22:40", "care home staff", "2025-04-04 21:30", "Elm Lodge (children's home)",
                  status="missing_from_care", found="2025-04-05 09:15", found_loc="walked back into placement",
                  team="North Response", oic="PC 0559")
    b.grade(e, "high", ["signs of sexual exploitation", "in care"], "PC 0559", "2025-04-04 22:50", "PS 6604", "2025-04-04 23:20")
    b.act(e, "contact", "2025-04-04 22:45", "PC 0559", "Kayleigh's phone - off.")
    b.act(e, "circulation", "2025-04-04 23:00", "PC 0559", "Circulated.")
    n = b.note("episode", e, c, "PS 6604", "PS", "2025-04-04 23:25",
               "Grade confirmed HIGH given CSE flag but Kayleigh is a frequent flyer, she always turns up in the "
               "morning. No need to tie up units overnight - staff to call when she is back.")
    b.act(e, "note", "2025-04-05 03:00", "PC 0559", "No update from staff.")
    b.act(e, "enquiry", "2025-04-05 08:10", "PC 2214", "Early turn - known address of older male checked, no reply.")
    returned(b, e, "2025-04-05 09:15", "PC 2214", sw_h=2)
    b.expect("MIS-NO-PROACTIVE-ACTION", e,
             "A high-risk 14-year-old with a CSE flag: after circulation at 23:00 nothing was done to find her "
             "until 08:10 - over 9 hours - on the sergeant's decision to wait for her to turn up.")
    b.expect("LANG-UNCHALLENGED", n,
             "Calls her a 'frequent flyer' who 'always turns up' - language that minimises risk and led directly "
             "to waiting. It was the supervisor's own entry and no one challenged it.")


def case_021(b: Book) -> None:
    c = "IC-021"
    b.begin(c, "14-year-old missing three times in 57 days, found each time with older youths; never screened for exploitation",
            "inadequate", False)
    b.child(c, "2010-12-12", "M", team="East")
    eps = []
    for k, (rep, found) in enumerate((("2025-04-05 21:00", "2025-04-06 01:30"),
                                      ("2025-05-03 22:15", "2025-05-04 02:00"),
                                      ("2025-05-31 20:30", "2025-06-01 00:45"))):
        e = b.episode(c, rep, "parent", t(rep, hours=-3), "home address", found=found,
                      found_loc="town centre, with older youths", team="East Response", oic="PC 3920")
        b.grade(e, "medium", ["previous missing episodes"] if k else ["out of character"], "PC 3920",
                t(rep, minutes=15), "PS 4108", t(rep, minutes=55))
        routine(b, e, t(rep, minutes=10), found, 75, "PC 3920")
        returned(b, e, found, "PC 3920")
        b.note("episode", e, c, "PC 3920", "PC", t(found, minutes=20),
               f"Found in town centre with a group of older youths (17-19). Says he was 'just chilling'. "
               f"{'Third time' if k == 2 else 'Episode'} - returned home.")
        eps.append(e)
    b.expect("MIS-REPEAT-NO-SCREENING", eps[2],
             "Third missing episode in 57 days, each time found with older youths, yet no exploitation screening "
             "and no strategy meeting at any point. Each episode was handled on its own; the pattern that "
             "points to exploitation was never linked.")


def case_022(b: Book) -> None:
    c = "IC-022"
    b.begin(c, "15-year-old in foster care missing three times in 70 days; no exploitation screening; last return home interview offered after 5 days",
            "inadequate", False)
    b.child(c, "2010-01-25", "F", in_care=True, placement="foster care", team="South")
    eps = []
    for rep, found in (("2025-03-15 19:00", "2025-03-16 01:00"), ("2025-04-19 20:30", "2025-04-20 03:00"),
                       ("2025-05-24 21:00", "2025-05-25 02:00")):
        e = b.episode(c, rep, "carer", t(rep, hours=-2), "foster home", status="missing_from_care",
                      found=found, found_loc="returned to foster home", team="South Response", oic="PC 6612")
        b.grade(e, "medium", ["in care", "previous missing episodes"], "PC 6612", t(rep, minutes=10),
                "PS 2931", t(rep, minutes=50))
        routine(b, e, t(rep, minutes=5), found, 90, "PC 6612")
        b.sw(e, t(found, hours=9), "in_person", "PC 6612")
        eps.append(e)
    b.rhi(eps[0], "2025-03-17 10:00", "2025-03-18 16:00", "Council Missing & Exploitation Service")
    b.rhi(eps[1], "2025-04-21 10:00", "2025-04-22 16:00", "Council Missing & Exploitation Service")
    b.rhi(eps[2], "2025-05-30 10:00", "2025-06-02 15:00", "Council Missing & Exploitation Service")
    b.note("episode", eps[2], c, "PC 6612", "PC", "2025-05-25 11:30",
           "S&W at foster home, seen alone. Alisha says she was with 'friends', wouldn't say who. Carer thinks "
           "she goes to see her older sister. RHI referral sent.")
    b.expect("MIS-REPEAT-NO-SCREENING", eps[2],
             "Three episodes missing from care in 70 days, each time with unnamed 'friends', and no exploitation "
             "screening or strategy meeting was ever recorded. Repeat missing from care is itself the trigger to "
             "screen for exploitation; nobody linked the episodes.")
    b.expect("MIS-RHI-LATE", eps[2],
             "After the third episode she returned at 02:00 on 25 May; the return home interview was first "
             "offered on 30 May, over 5 days later. The DfE guidance is an offer within 72 hours.")


def case_023(b: Book) -> None:
    c = "IC-023"
    b.begin(c, "16-year-old returned home overnight; safe and well check done only by phone",
            "requires improvement", False)
    b.child(c, "2009-02-14", "M", team="West")
    e = b.episode(c, "2025-06-20 22:00", "parent", "2025-06-20 19:00", "home address",
                  found="2025-06-21 06:30", found_loc="returned home", team="West Response", oic="PC 4058")
    b.grade(e, "low", ["left after an argument at home", "phone switched on and messaging carer"], "PC 4058",
            "2025-06-20 22:10", "PS 1873", "2025-06-20 23:00")
    b.act(e, "contact", "2025-06-20 22:15", "PC 4058", "Spoke to Josh by phone - at a mate's, won't say where.")
    b.act(e, "enquiry", "2025-06-21 01:00", "PC 4058", "Mum gave friends' names; 1 address attended - not there.")
    b.sw(e, "2025-06-21 09:00", "phone", "PC 4058")
    b.note("episode", e, c, "PC 4058", "PC", "2025-06-21 09:10",
           "S&W completed by phone with Josh - states stayed at a mate's after row with stepdad, all fine. No need to attend.")
    b.rhi(e, "2025-06-21 14:00", "2025-06-23 15:00", "Youth Support Service")
    b.expect("MIS-NO-INPERSON-CHECK", e,
             "The only safe and well check was a phone call; the officer recorded there was 'no need to attend'. "
             "The check is a face-to-face prevention interview - the inspection found exactly this gap.")


def case_024(b: Book) -> None:
    c = "IC-024"
    b.begin(c, "14-year-old back home at 2 am; officer went to the door for the safe and well check but never saw her",
            "requires improvement", False, arith_ok=["MIS-NO-INPERSON-CHECK"])
    b.child(c, "2010-08-30", "F", team="North")
    e = b.episode(c, "2025-05-17 21:00", "parent", "2025-05-17 17:00", "Oakfield shops",
                  found="2025-05-18 02:15", found_loc="returned home", team="North Response", oic="PC 9120")
    b.grade(e, "medium", ["out of character"], "PC 9120", "2025-05-17 21:10", "PS 5021", "2025-05-17 22:00")
    routine(b, e, "2025-05-17 21:05", "2025-05-18 02:15", 80, "PC 9120")
    b.sw(e, "2025-05-18 02:40", "in_person", "PC 9120")
    b.note("episode", e, c, "PC 9120", "PC", "2025-05-18 02:50",
           "Attended home address for S&W. Spoke to mum at the door; Isla had gone straight to bed and mum did "
           "not want her woken. Mum says she is fine, no injuries. S&W complete, closing.")
    b.rhi(e, "2025-05-19 10:00", "2025-05-21 15:00", "Council Missing & Exploitation Service")
    b.expect("MIS-NO-INPERSON-CHECK", e,
             "The check is logged as in person, but the note shows the officer spoke only to the mother at the "
             "door and never saw or spoke to Isla, and no one went back. A safe and well check that does not see "
             "the child is not a face-to-face check.")


def case_025(b: Book) -> None:
    c = "IC-025"
    b.begin(c, "15-year-old missing for an evening; no return home interview ever offered",
            "requires improvement", False)
    b.child(c, "2010-03-03", "M", team="South")
    e = b.episode(c, "2025-06-06 18:00", "parent", "2025-06-06 15:30", "school",
                  found="2025-06-06 23:30", found_loc="returned home", team="South Response", oic="PC 1502")
    b.grade(e, "medium", ["out of character"], "PC 1502", "2025-06-06 18:15", "PS 7702", "2025-06-06 19:00")
    routine(b, e, "2025-06-06 18:10", "2025-06-06 23:30", 90, "PC 1502")
    b.sw(e, "2025-06-07 10:00", "in_person", "PC 1502")
    b.note("episode", e, c, "PC 1502", "PC", "2025-06-07 10:20",
           "S&W at home, seen alone - went to Swindon with friends on the train, phone died. No concerns disclosed.")
    b.expect("MIS-RHI-LATE", e,
             "No record that an independent return home interview was ever offered after he came back. The DfE "
             "guidance requires one to be offered within 72 hours of return.")


def case_043(b: Book) -> None:
    c = "IC-043"
    b.begin(c, "15-year-old missing from placement described as a 'serial misper' making a 'lifestyle choice'",
            "requires improvement", False)
    b.child(c, "2009-12-20", "M", in_care=True, placement="children's home", team="East")
    e = b.episode(c, "2025-06-10 16:30", "care home staff", "2025-06-10 14:00", "Birch House (children's home)",
                  status="missing_from_care", found="2025-06-10 23:10", found_loc="returned to placement",
                  team="East Response", oic="PC 2870")
    b.grade(e, "medium", ["in care", "previous missing episodes"], "PC 2870", "2025-06-10 16:40", "PS 3159", "2025-06-10 17:30")
    n = b.note("episode", e, c, "PC 2870", "PC", "2025-06-10 16:45",
               "Deon has absconded again from placement. Serial misper, this is a lifestyle choice for him - he "
               "goes to his cousin's in town and comes back when he's ready. Graded medium as in care.")
    routine(b, e, "2025-06-10 16:50", "2025-06-10 23:10", 100, "PC 2870")
    returned(b, e, "2025-06-10 23:10", "PC 2870")
    b.expect("LANG-UNCHALLENGED", n,
             "'Absconded', 'serial misper' and 'a lifestyle choice for him' describe a child in care who goes "
             "missing as making choices rather than being at risk - the language the guide tells officers to "
             "avoid. The supervisor confirmed the grade without challenging it.")



def case_026(b: Book) -> None:
    c = "IC-026"
    b.begin(c, "15-year-old's report of abuse by an adult led to a charge, but no investigation plan was ever written",
            "requires improvement", False)
    b.child(c, "2009-09-09", "F", team="North")
    i = b.inv(c, "sexual", "2025-02-03 15:00", "child", crime="2025-02-03 17:00", crime_ref="43/25/008120",
              first="2025-02-03 16:00", team="North CID", oic="DC 6203", needs="2025-02-04 12:00",
              supports="yes", outcome="charged", outcome_at="2025-04-15 17:00")
    b.note("investigation", i, c, "DC 6203", "DC", "2025-02-03 17:10",
           "Lily 15 disclosed to PCSO at school that a 22yo male has been sexually abusing her. Crimed. ABE booked.")
    steady_inv(b, i, "2025-02-05 10:00", "2025-04-15 17:00", 21, "DS 2090")
    s = b.suspect(i, "2025-02-03 17:00", True, "M, 22, known to family")
    b.disrupt(s, "arrest", "2025-02-06 07:00")
    b.disrupt(s, "charge", "2025-04-15 17:00")
    k1 = b.kd(i, "arrest", "2025-02-06 07:00")
    k2 = b.kd(i, "charge", "2025-04-15 17:00")
    for k, d in ((k1, "2025-02-06 12:00"), (k2, "2025-04-16 10:00")):
        b.contact(i, "child", d, True, k)
        b.contact(i, "parent_carer", d, True, k)
    b.referral(i, "Children's ISVA service", "2025-02-04 14:00")
    b.expect("INV-NO-PLAN", i,
             "No investigation plan was recorded at any point in ten weeks. Reviews and actions happened, but the "
             "HMICFRS criteria ask for a written plan early in the investigation so lines of enquiry are set and "
             "checked.")


def case_027(b: Book) -> None:
    c = "IC-027"
    b.begin(c, "16-year-old criminally exploited; 52 days between supervisor reviews while the investigation drifted",
            "requires improvement", False)
    b.child(c, "2008-11-11", "M", team="East")
    i = b.inv(c, "criminal", "2025-03-03 11:00", "parent_carer", crime="2025-03-03 14:00", crime_ref="43/25/015533",
              plan="2025-03-05 10:00", first="2025-03-03 15:00", team="East CID", oic="DC 1733",
              needs="2025-03-04 11:00", supports="yes")
    b.note("investigation", i, c, "DC 1733", "DC", "2025-03-03 15:20",
           "Mum reports Aaron 16 being made to carry drugs for older males to pay off a 'debt' after being robbed "
           "of a package. Crimed (MSA). Seen at home.")
    for d in ("2025-03-05 10:00", "2025-04-01 10:00", "2025-05-23 10:00", "2025-06-18 10:00"):
        b.review(i, d, "DS 4420", "Reviewed.")
    b.note("investigation", i, c, "DS 4420", "DS", "2025-05-23 10:10",
           "First review since 01/04 - OIC was abstracted to a murder enquiry and the case was not reallocated. "
           "Actions reset.")
    for d in ("2025-03-10 16:00", "2025-04-04 16:00", "2025-04-30 16:00", "2025-05-26 16:00", "2025-06-20 16:00"):
        b.contact(i, "child", d, True)
        b.contact(i, "parent_carer", d, True)
    s = b.suspect(i, "2025-03-20 12:00", True, "M, 20s, 'Smokey', line controller")
    b.disrupt(s, "search_warrant", "2025-04-02 06:00")
    b.referral(i, "County lines support caseworker (voluntary sector)", "2025-03-05 12:00")
    b.expect("INV-NO-SUPERVISOR-REVIEW", i,
             "Between the review on 1 April and the next on 23 May there were 52 days with no supervisor review; "
             "the sergeant's own note says the officer was abstracted and the case was not reallocated. The "
             "force's interval is 28 days.")


def case_028(b: Book) -> None:
    c = "IC-028"
    b.begin(c, "Social worker's report of a 14-year-old sexually exploited; no plan, no supervisor review, first action after 6 days",
            "inadequate", False)
    b.child(c, "2011-01-20", "F", team="South")
    i = b.inv(c, "sexual", "2025-04-07 12:00", "social_care", crime="2025-04-07 15:00", crime_ref="43/25/023007",
              first="2025-04-13 11:00", team="South CID", oic="DC 0880", needs="2025-04-13 12:00")
    b.note("investigation", i, c, "DC 0880", "DC", "2025-04-13 11:30",
           "Picked this up today (was on leave). SW reports Nadia 14 being collected from school by men in their "
           "20s and given alcohol. Visited Nadia and mum.")
    for d in ("2025-04-13 11:00", "2025-05-08 16:00", "2025-06-03 16:00", "2025-06-27 16:00"):
        b.contact(i, "child", d, True)
        b.contact(i, "parent_carer", d, True)
    b.referral(i, "CSE specialist support worker (voluntary sector)", "2025-04-14 10:00")
    b.loe(i, "Identify vehicles collecting Nadia (school CCTV)", "2025-04-13 12:00", "open")
    b.expect("INV-SLOW-FIRST-ACTION", i,
             "Reported by the social worker on 7 April; nothing was done until the officer came back from leave "
             "on 13 April - 6 days, when a 14-year-old was being collected by adult men.")
    b.expect("INV-NO-PLAN", i, "No investigation plan recorded at all in nearly 12 weeks.")
    b.expect("INV-NO-SUPERVISOR-REVIEW", i,
             "No supervisor has reviewed the investigation since it was reported; nobody noticed the 6-day delay "
             "or the missing plan.")


def case_029(b: Book) -> None:
    c = "IC-029"
    b.begin(c, "16-year-old running drugs for a named adult line controller; the adult identified in March has never been disrupted",
            "inadequate", False)
    b.child(c, "2008-12-04", "M", team="West")
    i = b.inv(c, "criminal", "2025-02-17 10:00", "parent_carer", crime="2025-02-17 13:00", crime_ref="43/25/011906",
              plan="2025-02-19 10:00", first="2025-02-17 14:00", team="West CID", oic="DC 3108",
              needs="2025-02-18 11:00", supports="unknown")
    steady_inv(b, i, "2025-02-18 10:00", "2025-06-30 12:00", 24, "DS 7215")
    s = b.suspect(i, "2025-03-10 12:00", True, "M, 29, known as 'Uncle', controls the 'Kay' line, address known")
    _ = s
    b.note("investigation", i, c, "DS 7215", "DS", "2025-03-14 09:00",
           "Suspect identified by intel as 'Uncle' (M29, address known). For intel development only at this stage.")
    b.referral(i, "County lines support caseworker (voluntary sector)", "2025-02-19 12:00")
    b.expect("INV-SUSPECT-NOT-DISRUPTED", i,
             "An adult controlling the line, with a known address, was identified on 10 March. In the 16 weeks "
             "since, nothing has been done to disrupt him - no arrest, warrant, notice or order - while the boy "
             "remains at risk. HMICFRS criteria: suspects identified and disrupted.")


def case_030(b: Book) -> None:
    c = "IC-030"
    b.begin(c, "15-year-old's open sexual exploitation investigation: mother updated regularly, the girl not spoken to for over 9 weeks",
            "requires improvement", False)
    b.child(c, "2010-02-10", "F", team="North")
    i = b.inv(c, "sexual", "2025-03-10 13:00", "child", crime="2025-03-10 16:00", crime_ref="43/25/016610",
              plan="2025-03-12 10:00", first="2025-03-10 14:00", team="CE Team", oic="DC 2248",
              needs="2025-03-11 10:00", supports="yes")
    steady_inv(b, i, "2025-03-11 10:00", "2025-06-30 12:00", 25, "DS 1815", child=False)
    for d in ("2025-03-10 14:00", "2025-03-31 16:00", "2025-04-25 16:00"):
        b.contact(i, "child", d, True)
    s = b.suspect(i, "2025-03-10 16:00", True, "M, 26")
    b.disrupt(s, "arrest", "2025-03-13 07:00")
    k = b.kd(i, "release_under_investigation", "2025-03-13 20:00")
    b.contact(i, "child", "2025-03-14 10:00", False, k)
    b.contact(i, "parent_carer", "2025-03-14 10:10", False, k)
    b.referral(i, "Children's ISVA service", "2025-03-11 12:00")
    b.note("investigation", i, c, "DC 2248", "DC", "2025-05-30 16:00",
           "Mum updated by phone - awaiting download. Mum says Maisie keeps asking what is happening.")
    b.expect("INV-CHILD-NOT-UPDATED", i,
             "Maisie was last contacted on 25 April. By 30 June - over 9 weeks - only her mother had been "
             "updated, although the mother reported Maisie was asking what was happening. A child victim is "
             "entitled to updates in her own right.")


def case_031(b: Book) -> None:
    c = "IC-031"
    b.begin(c, "13-year-old criminally exploited; neither the boy nor his mother heard anything for 9 weeks mid-investigation",
            "requires improvement", False)
    b.child(c, "2011-06-06", "M", team="East")
    i = b.inv(c, "criminal", "2025-01-13 09:00", "school", crime="2025-01-13 12:00", crime_ref="43/25/002744",
              plan="2025-01-15 10:00", first="2025-01-13 14:00", team="East CID", oic="DC 5660",
              needs="2025-01-14 10:00", supports="yes", outcome="evidential_difficulties",
              outcome_at="2025-05-30 15:00")
    for d in ("2025-01-15 10:00", "2025-02-10 10:00", "2025-03-07 10:00", "2025-04-03 10:00", "2025-04-29 10:00",
              "2025-05-23 10:00"):
        b.review(i, d, "DS 6025", "Reviewed.")
    for d in ("2025-01-14 16:00", "2025-02-05 16:00", "2025-04-10 16:00", "2025-05-02 16:00"):
        b.contact(i, "child", d, True)
        b.contact(i, "parent_carer", d, True)
    s = b.suspect(i, "2025-01-20 12:00", True, "M, 19")
    b.disrupt(s, "arrest", "2025-02-04 07:00")
    k0 = b.kd(i, "arrest", "2025-02-04 07:00")
    b.contact(i, "child", "2025-02-05 16:00", True, k0)
    b.contact(i, "parent_carer", "2025-02-05 16:00", True, k0)
    k = b.kd(i, "no_further_action", "2025-05-30 15:00")
    b.contact(i, "child", "2025-05-30 17:00", True, k)
    b.contact(i, "parent_carer", "2025-05-30 17:00", True, k)
    b.referral(i, "Youth exploitation support service (voluntary sector)", "2025-01-15 12:00")
    b.expect("INV-CHILD-NOT-UPDATED", i,
             "No contact with the boy between 5 February and 10 April - 64 days - while the suspect was on "
             "release and the case was open.")
    b.expect("INV-PARENT-NOT-UPDATED", i,
             "His mother was not contacted in the same 64 days; the parent of a child victim is entitled to "
             "updates too.")


def case_032(b: Book) -> None:
    c = "IC-032"
    b.begin(c, "15-year-old in a children's home: girl updated regularly, her carers not updated after the first day",
            "requires improvement", False)
    b.child(c, "2009-10-10", "F", in_care=True, placement="children's home", team="South")
    i = b.inv(c, "sexual", "2025-04-22 10:00", "social_care", crime="2025-04-22 13:00", crime_ref="43/25/026140",
              plan="2025-04-24 10:00", first="2025-04-22 15:00", team="CE Team", oic="DC 7331",
              needs="2025-04-23 11:00", supports="yes")
    steady_inv(b, i, "2025-04-23 10:00", "2025-06-30 12:00", 20, "DS 0712", parent=False)
    b.contact(i, "parent_carer", "2025-04-22 16:00", True)
    s = b.suspect(i, "2025-04-25 12:00", True, "M, 33")
    b.disrupt(s, "cawn", "2025-04-30 18:00")
    b.referral(i, "CSE specialist support worker (voluntary sector)", "2025-04-24 12:00")
    b.expect("INV-PARENT-NOT-UPDATED", i,
             "After the first day, nobody updated the children's home (her carers) in over 9 weeks; the "
             "updates went only to the girl.")


def case_033(b: Book) -> None:
    c = "IC-033"
    b.begin(c, "Suspect arrested on a Friday afternoon; the 15-year-old and her mother were not told until the following Tuesday",
            "requires improvement", False)
    b.child(c, "2009-06-20", "F", team="West")
    i = b.inv(c, "sexual", "2025-02-24 12:00", "child", crime="2025-02-24 15:00", crime_ref="43/25/013321",
              plan="2025-02-26 10:00", first="2025-02-24 13:00", team="CE Team", oic="DC 4490",
              needs="2025-02-25 11:00", supports="yes")
    steady_inv(b, i, "2025-02-25 10:00", "2025-06-30 12:00", 21, "DS 1815")
    s = b.suspect(i, "2025-02-24 15:00", True, "M, 28")
    b.disrupt(s, "arrest", "2025-03-07 14:00")
    ks = [b.kd(i, "arrest", "2025-03-07 14:00"), b.kd(i, "interview", "2025-03-07 19:00"),
          b.kd(i, "release_under_investigation", "2025-03-08 01:00")]
    for k in ks:
        b.contact(i, "child", "2025-03-11 16:00", True, k)
        b.contact(i, "parent_carer", "2025-03-11 16:00", True, k)
    b.referral(i, "Children's ISVA service", "2025-02-25 12:00")
    b.note("investigation", i, c, "DC 4490", "DC", "2025-03-11 16:30",
           "Visited Amy and mum. Told them of the arrest on Fri, interview and RUI. Mum upset she heard from a "
           "neighbour over the weekend that he had been arrested.")
    b.expect("INV-KEY-DECISION-LATE", i,
             "The arrest (Friday 7 March), interview and release under investigation (early Saturday) were told "
             "to Amy and her mother on Tuesday 11 March. Monday 10 March was a normal working day, so each was "
             "told late - after the end of the next working day. They were told, but late; the mother heard "
             "from a neighbour first.")


def case_034(b: Book) -> None:
    c = "IC-034"
    b.begin(c, "No further action decided on a 16-year-old's exploitation case; his mother was told, he never was",
            "requires improvement", False)
    b.child(c, "2008-09-01", "M", team="North")
    i = b.inv(c, "criminal", "2025-01-27 09:00", "police", crime="2025-01-27 11:00", crime_ref="43/25/005502",
              plan="2025-01-28 10:00", first="2025-01-27 09:00", team="North CID", oic="DC 3976",
              needs="2025-01-28 12:00", supports="yes", outcome="no_further_action", outcome_at="2025-04-16 11:00")
    steady_inv(b, i, "2025-01-28 10:00", "2025-04-16 11:00", 21, "DS 2090")
    s = b.suspect(i, "2025-01-30 12:00", True, "M, 21")
    b.disrupt(s, "arrest", "2025-02-11 07:00")
    k0 = b.kd(i, "arrest", "2025-02-11 07:00")
    b.contact(i, "child", "2025-02-11 17:00", True, k0)
    b.contact(i, "parent_carer", "2025-02-11 17:00", True, k0)
    k = b.kd(i, "no_further_action", "2025-04-16 11:00")
    b.contact(i, "parent_carer", "2025-04-16 17:00", False, k)
    b.referral(i, "Youth exploitation support service (voluntary sector)", "2025-01-29 12:00")
    b.note("investigation", i, c, "DC 3976", "DC", "2025-04-16 17:10",
           "CPS advice NFA - insufficient evidence. Mum informed by phone. Case closed.")
    b.expect("INV-KEY-DECISION-LATE", i,
             "The decision to take no further action (16 April) was told to his mother the same day, but the "
             "boy himself - the victim - was never told. He was not told, rather than told late.")


def case_035(b: Book) -> None:
    c = "IC-035"
    b.begin(c, "14-year-old groomed online; investigation otherwise sound but no Victims' Code needs assessment recorded",
            "requires improvement", False)
    b.child(c, "2010-11-11", "F", team="East")
    i = b.inv(c, "sexual", "2025-05-02 14:00", "parent_carer", crime="2025-05-02 16:00", crime_ref="43/25/029901",
              plan="2025-05-04 10:00", first="2025-05-02 17:00", team="CE Team", oic="DC 8011", supports="yes")
    steady_inv(b, i, "2025-05-03 10:00", "2025-06-30 12:00", 19, "DS 1815")
    s = b.suspect(i, "2025-05-09 12:00", True, "M, 40, online account traced")
    b.disrupt(s, "arrest", "2025-05-20 06:30")
    k = b.kd(i, "arrest", "2025-05-20 06:30")
    b.contact(i, "child", "2025-05-20 16:00", True, k)
    b.contact(i, "parent_carer", "2025-05-20 16:00", True, k)
    b.referral(i, "Children's ISVA service", "2025-05-05 12:00")
    b.expect("INV-NO-NEEDS-ASSESSMENT", i,
             "No needs assessment is recorded for the child in two months. The Victims' Code requires the "
             "police to assess a victim's needs (a child is entitled to enhanced rights) so that support and "
             "special measures can be arranged; HMICFRS found this skipped.")


def case_036(b: Book) -> None:
    c = "IC-036"
    b.begin(c, "16-year-old found holding drugs for adults, treated as a victim; no needs assessment and no referral to any support",
            "requires improvement", False)
    b.child(c, "2008-08-08", "M", team="West")
    i = b.inv(c, "criminal", "2025-03-24 16:00", "police", crime="2025-03-24 20:00", crime_ref="43/25/020330",
              plan="2025-03-26 10:00", first="2025-03-24 16:00", team="West CID", oic="DC 2553",
              supports="yes", outcome="charged", outcome_at="2025-05-20 18:00")
    b.note("investigation", i, c, "DC 2553", "DC", "2025-03-24 20:10",
           "Stop/search: Ethan 16 found with 20 wraps and £340. Account: older males make him hold it, threats "
           "made to his family. Treated as victim of CCE, crimed.")
    steady_inv(b, i, "2025-03-25 10:00", "2025-05-20 18:00", 20, "DS 7215")
    s = b.suspect(i, "2025-03-28 12:00", True, "M, 24")
    b.disrupt(s, "arrest", "2025-04-09 06:00")
    b.disrupt(s, "charge", "2025-05-20 18:00")
    for dec, at, told in (("arrest", "2025-04-09 06:00", "2025-04-09 15:00"),
                          ("charge", "2025-05-20 18:00", "2025-05-21 10:00")):
        k = b.kd(i, dec, at)
        b.contact(i, "child", told, True, k)
        b.contact(i, "parent_carer", told, True, k)
    b.expect("INV-NO-NEEDS-ASSESSMENT", i, "No needs assessment recorded for the boy at any point.")
    b.expect("INV-NO-REFERRAL", i,
             "No referral to any support service (county lines or youth exploitation support, or any victim "
             "service) was made, though he was treated as a victim and his family had been threatened.")


def case_037(b: Book) -> None:
    c = "IC-037"
    b.begin(c, "15-year-old sexually exploited; a strategy discussion with social care was held but she was never referred to support",
            "requires improvement", False)
    b.child(c, "2010-03-05", "F", team="North")
    i = b.inv(c, "sexual", "2025-04-28 11:00", "school", crime="2025-04-28 14:00", crime_ref="43/25/028115",
              plan="2025-04-30 10:00", first="2025-04-28 15:00", team="CE Team", oic="DC 1288",
              needs="2025-04-29 12:00", supports="yes")
    b.referral(i, "Children's social care - strategy discussion", "2025-04-29 10:00")
    steady_inv(b, i, "2025-04-29 10:00", "2025-06-30 12:00", 22, "DS 0712")
    s = b.suspect(i, "2025-05-02 12:00", True, "M, 30")
    b.disrupt(s, "cawn", "2025-05-06 18:00")
    b.note("investigation", i, c, "DC 1288", "DC", "2025-04-29 12:30",
           "Strategy discussion held with CSC and school - s47 to follow. Needs assessment done with Zara and mum: "
           "wants support, prefers female worker.")
    b.expect("INV-NO-REFERRAL", i,
             "The only 'referral' is the strategy discussion with children's social care - a safeguarding "
             "process, not a referral to a service that supports her as a victim. Her needs assessment says "
             "she wanted support; none was arranged.")


def case_038(b: Book) -> None:
    c = "IC-038"
    b.begin(c, "16-year-old found in a trap house would not support a prosecution; case closed without considering an evidence-led prosecution",
            "inadequate", False)
    b.child(c, "2008-12-24", "M", team="East")
    i = b.inv(c, "criminal", "2025-02-04 07:00", "police", crime="2025-02-04 10:00", crime_ref="43/25/007718",
              plan="2025-02-05 10:00", first="2025-02-04 07:00", team="East CID", oic="DC 5660",
              needs="2025-02-05 12:00", supports="no", outcome="victim_does_not_support",
              outcome_at="2025-04-11 12:00")
    b.note("investigation", i, c, "DC 5660", "DC", "2025-02-04 11:00",
           "Warrant at flat: Reece 16 found with line phone and wraps. Adult line holder arrested at scene. "
           "Phone, cash and CCTV from estate seized.")
    b.note("investigation", i, c, "DC 5660", "DC", "2025-02-12 16:00",
           "Reece says he does not want to make a statement or go to court. Will not support.")
    steady_inv(b, i, "2025-02-05 10:00", "2025-04-11 12:00", 21, "DS 6025")
    s = b.suspect(i, "2025-02-04 07:00", True, "M, 31, line holder")
    b.disrupt(s, "arrest", "2025-02-04 07:00")
    k1 = b.kd(i, "arrest", "2025-02-04 07:00")
    k2 = b.kd(i, "no_further_action", "2025-04-11 12:00")
    for k, d in ((k1, "2025-02-04 15:00"), (k2, "2025-04-11 16:00")):
        b.contact(i, "child", d, True, k)
        b.contact(i, "parent_carer", d, True, k)
    b.referral(i, "County lines support caseworker (voluntary sector)", "2025-02-05 14:00")
    b.review(i, "2025-04-10 10:00", "DS 6025", "Victim will not support. NFA - close.")
    b.expect("INV-NO-EVIDENCE-LED", i,
             "Closed because the boy would not support a prosecution, with a line phone, cash and estate CCTV "
             "already seized - independent evidence that could have carried the case. Nothing records that an "
             "evidence-led prosecution was considered.")


def case_039(b: Book) -> None:
    c = "IC-039"
    b.begin(c, "Social worker reports a 12-year-old made to hold packages for older boys; logged as a welfare concern, no crime recorded",
            "inadequate", False)
    b.child(c, "2012-10-30", "M", team="South")
    i = b.inv(c, "criminal", "2025-05-19 11:00", "social_care", plan="2025-05-20 15:00",
              first="2025-05-19 16:00", team="South CID", oic="DC 0880", needs="2025-05-20 11:00")
    b.note("investigation", i, c, "PC 7470", "PC", "2025-05-19 11:30",
           "SW reports Noah (12) told her older boys make him hold 'packages' in his school bag and he is scared "
           "of them. Logged as concern for welfare; passed to CID.")
    steady_inv(b, i, "2025-05-20 10:00", "2025-06-30 12:00", 20, "DS 7215")
    b.referral(i, "Youth exploitation support service (voluntary sector)", "2025-05-21 10:00")
    b.expect("INV-THIRD-PARTY-NOT-RECORDED", i,
             "The social worker passed on the boy's own account of being made to hold packages by older boys. "
             "That is a reported crime against a child (criminal exploitation); it was logged only as a concern "
             "for welfare and no crime has been recorded in six weeks.")


def case_040(b: Book) -> None:
    c = "IC-040"
    b.begin(c, "15-year-old described as 'promiscuous' and 'seeking out older men'; challenged by the DS 44 days later",
            "requires improvement", False)
    b.child(c, "2009-12-15", "F", team="West")
    i = b.inv(c, "sexual", "2025-01-20 10:00", "school", crime="2025-01-20 13:00", crime_ref="43/25/004118",
              plan="2025-01-22 10:00", first="2025-01-20 14:00", team="CE Team", oic="DC 6722",
              needs="2025-01-21 11:00", supports="yes", outcome="charged", outcome_at="2025-05-08 17:00")
    steady_inv(b, i, "2025-01-21 10:00", "2025-05-08 17:00", 24, "DS 3306")
    n = b.note("investigation", i, c, "DC 6722", "DC", "2025-02-02 15:00",
               "Intel suggests Tia is promiscuous and seeks out older men at the bus station.")
    b.note("investigation", i, c, "DS 3306", "DS", "2025-03-18 09:30",
           "Monthly review. The entry of 02/02 describes Tia as 'promiscuous' and says she 'seeks out older men' "
           "- that is wholly inappropriate. Tia is 15 and adult men are targeting her at the bus station. Amend "
           "and use accurate language.")
    s = b.suspect(i, "2025-01-28 12:00", True, "M, 35")
    b.disrupt(s, "arrest", "2025-02-14 07:00")
    b.disrupt(s, "charge", "2025-05-08 17:00")
    for dec, at, told in (("arrest", "2025-02-14 07:00", "2025-02-14 16:00"),
                          ("charge", "2025-05-08 17:00", "2025-05-09 11:00")):
        k = b.kd(i, dec, at)
        b.contact(i, "child", told, True, k)
        b.contact(i, "parent_carer", told, True, k)
    b.referral(i, "Children's ISVA service", "2025-01-21 14:00")
    b.expect("LANG-VICTIM-BLAMING", n,
             "'Promiscuous' and 'seeks out older men' blame a 15-year-old for adults targeting her. A sergeant "
             "did challenge it, but 44 days later at the monthly review - it stood uncorrected on the record in "
             "the meantime, so the use of the language is a finding, though not an unchallenged one.")


def case_041(b: Book) -> None:
    c = "IC-041"
    b.begin(c, "16-year-old called a 'willing participant' and 'drug runner'; the DI's linked challenge came 38 days later",
            "requires improvement", False)
    b.child(c, "2009-01-05", "M", team="North")
    i = b.inv(c, "criminal", "2025-03-31 10:00", "parent_carer", crime="2025-03-31 13:00", crime_ref="43/25/021040",
              plan="2025-04-02 10:00", first="2025-03-31 14:00", team="North CID", oic="DC 3976",
              needs="2025-04-01 11:00", supports="yes")
    steady_inv(b, i, "2025-04-01 10:00", "2025-06-30 12:00", 22, "DS 2090")
    n = b.note("investigation", i, c, "PC 5821", "PC", "2025-04-01 18:00",
               "Jayden is a willing participant - he's a drug runner for the 'Zed' line and has been warned before "
               "about who he hangs around with.")
    b.note("investigation", i, c, "DI 0307", "DI", "2025-05-09 10:00",
           "Case review. This entry describes Jayden as a 'willing participant' and a 'drug runner'. He is a "
           "16-year-old victim of criminal exploitation. Do not use this language.", challenges=n)
    s = b.suspect(i, "2025-04-10 12:00", True, "M, 25, 'Zed' line")
    b.disrupt(s, "search_warrant", "2025-04-24 06:00")
    b.referral(i, "County lines support caseworker (voluntary sector)", "2025-04-02 12:00")
    b.expect("LANG-VICTIM-BLAMING", n,
             "'Willing participant' and 'drug runner' treat a criminally exploited child as an offender who "
             "chose it. The inspector's challenge is explicit but came 38 days later, after several supervisor "
             "reviews had passed over it.")


def case_042(b: Book) -> None:
    c = "IC-042"
    b.begin(c, "14-year-old described as 'sexually active with older men'; the sergeant's next-day note quoted it and agreed",
            "requires improvement", False)
    b.child(c, "2011-02-02", "F", team="South")
    i = b.inv(c, "sexual", "2025-05-12 10:00", "parent_carer", crime="2025-05-12 13:00", crime_ref="43/25/031010",
              plan="2025-05-14 10:00", first="2025-05-12 14:00", team="CE Team", oic="DC 7331",
              needs="2025-05-13 11:00", supports="unknown")
    steady_inv(b, i, "2025-05-13 10:00", "2025-06-30 12:00", 21, "DS 0712")
    n1 = b.note("investigation", i, c, "PC 6190", "PC", "2025-05-12 15:00",
                "Mum worried Mia is sexually active with older men and is putting herself at risk by going to "
                "their flat in town.")
    n2 = b.note("investigation", i, c, "DS 0712", "DS", "2025-05-13 10:15",
                "Reviewed. Agree Mia is 'putting herself at risk' - she is sexually active and keeps going back to "
                "them. Safety plan with mum, intel on the flat.")
    b.loe(i, "Identify occupants of flat (intel, council tenancy)", "2025-05-13 10:30", "completed", "2025-05-20 12:00")
    s = b.suspect(i, "2025-05-20 12:00", True, "M, 27, tenant of flat")
    b.disrupt(s, "cawn", "2025-05-22 19:00")
    b.referral(i, "CSE specialist support worker (voluntary sector)", "2025-05-14 10:00")
    b.expect("LANG-UNCHALLENGED", n1,
             "'Sexually active with older men' and 'putting herself at risk' describe the abuse of a 14-year-old "
             "as her behaviour. Not challenged.")
    b.expect("LANG-UNCHALLENGED", n2,
             "The sergeant's note quotes the earlier wording, but to agree with it, and adds 'keeps going back to "
             "them': this is not a challenge, it repeats the victim-blaming in a supervisor's voice. No one "
             "challenged either note.")



def case_044(b: Book) -> None:
    c = "IC-044"
    b.begin(c, "15-year-old found on a Friday evening; return home interview offered on the Monday, 70 hours later",
            "good", True,
            trap="The 72 hours are clock hours, not working days: found Friday 20:00, offered Monday 18:00 - 70 hours, "
                 "inside the DfE interval although a weekend fell in between.")
    b.child(c, "2009-08-25", "F", team="East")
    e = b.episode(c, "2025-06-13 15:00", "School (attendance officer)", None, None, found="2025-06-13 20:00",
                  found_loc="friend's address (officers)")
    b.grade(e, "medium", ["out of character"], "PC 3920", "2025-06-13 15:10", "PS 4108", "2025-06-13 16:00")
    routine(b, e, "2025-06-13 15:05", "2025-06-13 20:00", 60, "PC 3920")
    b.sw(e, "2025-06-14 11:00", "in_person", "PC 3920")
    b.rhi(e, "2025-06-16 18:00", "2025-06-18 16:00", "Council Missing & Exploitation Service")


def case_045(b: Book) -> None:
    c = "IC-045"
    b.begin(c, "14-year-old came home at 1.30 am; officer checked by phone that night and saw him in person next morning",
            "good", True,
            trap="A phone safe and well check is recorded first (a welfare call in the night); the face-to-face "
                 "check with the boy seen alone followed at 10:00 the same morning. The later in-person check is "
                 "the one that counts.")
    b.child(c, "2011-03-08", "M", team="North")
    e = b.episode(c, "2025-03-14 21:00", "parent", "2025-03-14 17:30", "home address",
                  found="2025-03-15 01:30", found_loc="returned home", team="North Response", oic="PC 0559")
    b.grade(e, "medium", ["out of character"], "PC 0559", "2025-03-14 21:10", "PS 6604", "2025-03-14 21:50")
    routine(b, e, "2025-03-14 21:05", "2025-03-15 01:30", 70, "PC 0559")
    b.sw(e, "2025-03-15 01:45", "phone", "PC 0559")
    b.sw(e, "2025-03-15 10:00", "in_person", "PC 2214")
    b.note("episode", e, c, "PC 2214", "PC", "2025-03-15 10:30",
           "S&W in person, Kian seen alone in his room. Went to the skate park then a friend's, lost track of "
           "time. No adults involved, no injuries, no concerns. Happy to see RHI worker.")
    b.rhi(e, "2025-03-15 15:00", "2025-03-17 16:00", "Youth Support Service")


def case_046(b: Book) -> None:
    c = "IC-046"
    b.begin(c, "15-year-old in care missing three times in 70 days; exploitation screening done after the second episode and reviewed on the third",
            "good", True,
            trap="Three episodes in 90 days. The screening is recorded on the second episode (done before the "
                 "threshold was reached) and the note on the third shows it was reviewed with the social worker. "
                 "The link between repeat missing and exploitation was made.")
    b.child(c, "2009-11-01", "F", in_care=True, placement="children's home", team="West")
    eps = []
    for k, (rep, found) in enumerate((("2025-03-08 20:00", "2025-03-09 00:30"),
                                      ("2025-04-12 21:00", "2025-04-13 01:00"),
                                      ("2025-05-17 19:30", "2025-05-17 23:45"))):
        e = b.episode(c, rep, "care home staff", t(rep, hours=-2), "Rowan House (children's home)",
                      status="missing_from_care", found=found, found_loc="returned to placement",
                      team="West Response", oic="PC 7719",
                      screening="2025-04-14 11:00" if k == 1 else None)
        b.grade(e, "medium", ["in care"] + (["previous missing episodes"] if k else []), "PC 7719",
                t(rep, minutes=10), "PS 1407", t(rep, minutes=45))
        routine(b, e, t(rep, minutes=5), found, 80, "PC 7719")
        returned(b, e, found, "PC 7719")
        eps.append(e)
    b.note("episode", eps[1], c, "PC 7719", "PC", "2025-04-14 11:30",
           "2nd episode in 5 weeks - CSE/CCE screening tool completed with SW and home manager. No indicators "
           "of exploitation found (goes to her nan's, contact restricted). Missing plan agreed.")
    b.note("episode", eps[2], c, "PC 7719", "PC", "2025-05-18 10:30",
           "3rd episode. Screening of 14/04 reviewed today with SW - no new indicators, again at nan's. Missing "
           "plan updated, family time being reviewed by CSC.")


def case_047(b: Book) -> None:
    c = "IC-047"
    b.begin(c, "16-year-old missing three times this year, in January, April and June - never three within 90 days",
            "good", True,
            trap="Three episodes in six months, but no 90-day window holds three of them (10 Jan, 15 Apr, "
                 "20 Jun): the repeat-missing trigger for screening is not met.")
    b.child(c, "2008-12-28", "M", team="South")
    for rep, found in (("2025-01-10 22:00", "2025-01-11 07:00"), ("2025-04-15 21:30", "2025-04-16 06:30"),
                       ("2025-06-20 23:00", "2025-06-21 08:00")):
        e = b.episode(c, rep, "parent", t(rep, hours=-3), "home address", found=found,
                      found_loc="returned home", team="South Response", oic="PC 1502")
        b.grade(e, "low", ["left after an argument at home", "phone switched on and messaging carer"], "PC 1502",
                t(rep, minutes=15), "PS 7702", t(rep, hours=1))
        routine(b, e, t(rep, minutes=10), found, 180, "PC 1502")
        returned(b, e, found, "PC 1502")
        b.note("episode", e, c, "PC 1502", "PC", t(found, hours=10, minutes=15),
               "S&W in person, seen alone. Row with stepdad, stayed at his grandad's. Early help involved. No "
               "exploitation concerns.")


def case_048(b: Book) -> None:
    c = "IC-048"
    b.begin(c, "13-year-old first graded medium after a row at home; raised to high within 10 minutes when a friend said she got into a car with two older men",
            "good", True,
            trap="The first grade (medium) matched what was known at 19:40. When the car was reported at 21:40 the "
                 "grade went up to high at 21:50 and was confirmed at 22:20, and the pace of enquiries went up "
                 "with it. Judging the first grade on facts that came later would be wrong.")
    b.child(c, "2011-08-19", "F", team="North")
    e = b.episode(c, "2025-04-26 19:30", "parent", "2025-04-26 18:15", "home address",
                  found="2025-04-26 23:55", found_loc="dropped at friend's address, found by officers",
                  team="North Response", oic="PC 4471", screening="2025-04-28 10:00")
    b.grade(e, "medium", ["out of character", "left after an argument at home"], "PC 4471", "2025-04-26 19:40",
            "PS 1934", "2025-04-26 20:30")
    b.grade(e, "high", ["associating with older adults", "signs of sexual exploitation"], "PS 1934",
            "2025-04-26 21:50", "Insp 0450", "2025-04-26 22:20")
    b.note("episode", e, c, "PC 4471", "PC", "2025-04-26 19:42",
           "Evie 13, left after row with mum about her phone. Phone off. No previous missing. No known concerns. "
           "MEDIUM - review at 2130 or on new info.")
    b.act(e, "contact", "2025-04-26 19:35", "PC 4471", "Evie's phone - off.")
    b.act(e, "enquiry", "2025-04-26 20:15", "PC 4471", "Two friends' addresses - neg.")
    b.act(e, "search", "2025-04-26 21:00", "PC 2260", "Local park and shops.")
    b.act(e, "contact", "2025-04-26 21:40", "PC 4471", "Friend's mum rang: friend saw Evie get into a black car with two older males at 1900.")
    b.note("episode", e, c, "PS 1934", "PS", "2025-04-26 21:52",
           "Risk RAISED to HIGH - new info: seen getting into a car with two older males. CSE concern. Insp "
           "informed, ANPR and CCTV tasked, all units.")
    b.act(e, "circulation", "2025-04-26 21:55", "PS 1934", "Circulated vehicle (partial VRM) and Evie's description.")
    b.act(e, "enquiry", "2025-04-26 22:10", "PC 2260", "ANPR search on partial VRM - 3 possibles.")
    b.act(e, "cctv", "2025-04-26 22:45", "PC 2260", "Shop CCTV where she got in car.")
    b.act(e, "phone_check", "2025-04-26 23:20", "DC 0933", "Emergency phone location request.")
    b.act(e, "enquiry", "2025-04-26 23:40", "PC 4471", "Registered keeper address for possible vehicle visited.")
    returned(b, e, "2025-04-26 23:55", "PC 4471")


def case_049(b: Book) -> None:
    c = "IC-049"
    b.begin(c, "16-year-old; call handler's note quotes mum that she 'always comes back'; officer corrects it and rejects 'no apparent risk'",
            "good", True,
            trap="The words 'always comes back' are the caller's, quoted and then answered by the officer; 'no "
                 "apparent risk' appears only where the officer explains why it was NOT used for a child. Neither "
                 "is the writer blaming the child, and the grade given (medium) is sound.")
    b.child(c, "2008-10-30", "F", vuln=["learning disability"], team="East")
    e = b.episode(c, "2025-05-23 21:30", "parent", "2025-05-23 16:00", "college",
                  found="2025-05-24 02:10", found_loc="friend's address (officers)", team="East Response",
                  oic="PC 2766")
    b.note("episode", e, c, "CH 2207", "Call handler", "2025-05-23 21:35",
           "Caller (mum) says Keira 'always comes back' and she isn't too worried but wants it logged.")
    b.grade(e, "medium", ["learning disability", "no money or phone with them"], "PC 2766", "2025-05-23 21:45",
            "PS 1120", "2025-05-23 22:30")
    b.note("episode", e, c, "PC 2766", "PC", "2025-05-23 21:50",
           "No apparent risk was suggested on the initial call - not appropriate for a child. Graded MEDIUM: 16, "
           "learning disability, left her phone and purse at home. Explained to mum that each time Keira goes "
           "missing she is at risk and we treat it as a new episode, even if she has come back before.")
    routine(b, e, "2025-05-23 21:40", "2025-05-24 02:10", 60, "PC 2766")
    returned(b, e, "2025-05-24 02:10", "PC 2766")


def case_050(b: Book) -> None:
    c = "IC-050"
    b.begin(c, "Adult exploiting a 15-year-old charged on the Thursday before Easter; boy and mother told on the Tuesday",
            "good", True,
            trap="Charge at 21:40 on Thursday 17 April 2025; Good Friday (18 April) and Easter Monday (21 April) "
                 "are bank holidays, so the next working day is Tuesday 22 April - when both were told in person. "
                 "Within 1 working day.")
    b.child(c, "2009-09-29", "M", team="South")
    i = b.inv(c, "criminal", "2025-02-25 10:00", "parent_carer", crime="2025-02-25 13:00", crime_ref="43/25/013777",
              plan="2025-02-27 10:00", first="2025-02-25 14:00", team="South CID", oic="DC 4102",
              needs="2025-02-26 11:00", supports="yes", outcome="charged", outcome_at="2025-04-17 21:40")
    steady_inv(b, i, "2025-02-26 10:00", "2025-04-17 21:40", 20, "DS 3306")
    s = b.suspect(i, "2025-03-03 12:00", True, "M, 23")
    b.disrupt(s, "arrest", "2025-04-17 06:00")
    b.disrupt(s, "charge", "2025-04-17 21:40")
    k1 = b.kd(i, "arrest", "2025-04-17 06:00")
    k2 = b.kd(i, "charge", "2025-04-17 21:40")
    b.contact(i, "child", "2025-04-17 15:00", True, k1)
    b.contact(i, "parent_carer", "2025-04-17 15:00", True, k1)
    b.contact(i, "child", "2025-04-22 11:00", True, k2)
    b.contact(i, "parent_carer", "2025-04-22 11:00", True, k2)
    b.referral(i, "Youth exploitation support service (voluntary sector)", "2025-02-27 12:00")
    b.note("investigation", i, c, "DC 4102", "DC", "2025-04-22 11:30",
           "Visited Harvey and mum (first working day after Easter). Explained he was charged Thurs night and "
           "remanded, next court date and what happens now. Witness care informed.")


def case_051(b: Book) -> None:
    c = "IC-051"
    b.begin(c, "15-year-old groomed by a 38-year-old; blaming words appear only about the suspect, in his own interview words, and in the girl's words answered by the officer",
            "good", True,
            trap="'Manipulative and controlling' describes the adult suspect; 'mature for her age' and 'up for it' "
                 "are the suspect's words quoted from interview; 'I chose to go' is the girl's own words, quoted and "
                 "answered ('it is not her fault; she cannot consent'). None is the writer blaming the child.")
    b.child(c, "2010-01-12", "F", team="West")
    i = b.inv(c, "sexual", "2025-04-03 10:00", "parent_carer", crime="2025-04-03 12:00", crime_ref="43/25/022981",
              plan="2025-04-04 10:00", first="2025-04-03 13:00", team="CE Team", oic="DC 6722",
              needs="2025-04-04 12:00", supports="yes")
    steady_inv(b, i, "2025-04-04 10:00", "2025-06-30 12:00", 22, "DS 3306")
    b.note("investigation", i, c, "DC 6722", "DC", "2025-04-03 15:00",
           "Suspect (M, 38) is manipulative and controlling and has a history of grooming girls through gaming "
           "sites. Lola met him online in Jan.")
    b.note("investigation", i, c, "DC 6722", "DC", "2025-04-08 18:00",
           "Interview: he said she was 'mature for her age' and 'up for it', and denied knowing she was 15. "
           "Messages show he knew her age.")
    b.note("investigation", i, c, "DC 6722", "DC", "2025-04-10 16:00",
           "ABE: Lola said 'I chose to go to his flat, nobody made me'. Explained to her afterwards that what he "
           "did is not her fault and that she cannot consent to it.")
    s = b.suspect(i, "2025-04-03 13:00", True, "M, 38")
    b.disrupt(s, "arrest", "2025-04-08 07:00")
    b.disrupt(s, "bail_conditions", "2025-04-08 21:00")
    for dec, at, told in (("arrest", "2025-04-08 07:00", "2025-04-08 12:00"),
                          ("interview", "2025-04-08 14:00", "2025-04-09 10:00"),
                          ("bail", "2025-04-08 21:00", "2025-04-09 10:00")):
        k = b.kd(i, dec, at)
        b.contact(i, "child", told, True, k)
        b.contact(i, "parent_carer", told, True, k)
    b.referral(i, "Children's ISVA service", "2025-04-04 14:00")


def case_052(b: Book) -> None:
    c = "IC-052"
    b.begin(c, "16-year-old's open exploitation investigation; supervisor reviews and updates each fall just inside 28 days",
            "good", True,
            trap="Reviews on 8 April 09:00, 6 May 07:00 and 3 June 05:00 are 27 days 22 hours apart, and the last "
                 "is 27 days 7 hours before the review date; updates to the boy are 27-28 calendar days apart. Every "
                 "interval is inside the 28 days, though only just.")
    b.child(c, "2009-03-05", "M", team="North")
    i = b.inv(c, "criminal", "2025-04-07 10:00", "parent_carer", crime="2025-04-07 13:00", crime_ref="43/25/023310",
              plan="2025-04-09 10:00", first="2025-04-07 14:00", team="North CID", oic="DC 3976",
              needs="2025-04-08 11:00", supports="yes")
    for d in ("2025-04-08 09:00", "2025-05-06 07:00", "2025-06-03 05:00"):
        b.review(i, d, "DS 2090", "Reviewed; actions set.")
    for d in ("2025-04-08 15:00", "2025-05-05 15:00", "2025-06-02 14:00"):
        b.contact(i, "child", d, True)
        b.contact(i, "parent_carer", d, True)
    s = b.suspect(i, "2025-04-15 12:00", True, "M, 22")
    b.disrupt(s, "cawn", "2025-04-18 19:00")
    b.referral(i, "Youth exploitation support service (voluntary sector)", "2025-04-09 12:00")


def case_053(b: Book) -> None:
    c = "IC-053"
    b.begin(c, "14-year-old would not support a prosecution; evidence-led prosecution considered and ruled out with reasons; suspect disrupted with a CAWN and a sexual risk order",
            "good", True,
            trap="The child did not support a prosecution and the case ended in no further action - but an "
                 "evidence-led prosecution was considered, with the reasons and CPS advice written down, and the "
                 "suspect was disrupted. The NFA decision (Friday) was told on Monday, the next working day.")
    b.child(c, "2010-12-01", "F", team="South")
    i = b.inv(c, "sexual", "2025-03-10 11:00", "school", crime="2025-03-10 14:00", crime_ref="43/25/016702",
              plan="2025-03-12 10:00", first="2025-03-10 15:00", team="CE Team", oic="DC 7331",
              needs="2025-03-11 11:00", supports="no", elp="2025-03-20 15:00",
              outcome="evidential_difficulties", outcome_at="2025-04-04 16:00")
    steady_inv(b, i, "2025-03-11 10:00", "2025-04-04 16:00", 12, "DS 0712")
    b.note("investigation", i, c, "DS 0712", "DS", "2025-03-20 15:00",
           "Hannah does not want to make a complaint or go to court - respected, no pressure. Evidence-led "
           "prosecution considered: no independent evidence at present - messages deleted and her phone not "
           "recovered, no CCTV at the locations, no witnesses, suspect not yet interviewed. CPS early advice "
           "to be sought. Disruption in the meantime: CAWN, and SRO application to be prepared.")
    b.note("investigation", i, c, "DS 0712", "DS", "2025-04-04 15:30",
           "CPS early advice: no realistic prospect without Hannah's account or other evidence. NFA - evidential "
           "difficulties. Case can be reopened if evidence emerges. SRO application going ahead.")
    s = b.suspect(i, "2025-03-11 12:00", True, "M, 29")
    b.disrupt(s, "cawn", "2025-03-14 19:00")
    b.disrupt(s, "sexual_risk_order", "2025-04-25 10:00")
    k = b.kd(i, "no_further_action", "2025-04-04 16:00")
    b.contact(i, "child", "2025-04-07 10:00", True, k)
    b.contact(i, "parent_carer", "2025-04-07 10:00", True, k)
    b.referral(i, "CSE specialist support worker (voluntary sector)", "2025-03-11 14:00")


def case_054(b: Book) -> None:
    c = "IC-054"
    b.begin(c, "15-year-old described overnight as 'exchanging sex for cannabis'; the DS corrected it first thing next morning without linking the notes",
            "good", True,
            trap="Victim-blaming wording in the PC's 22:00 note; the DS's 08:30 note the next morning quotes it and "
                 "corrects it ('adults are sexually exploiting her'), with no link between the two notes. A prompt "
                 "supervisor challenge: good practice, not a finding.")
    b.child(c, "2009-07-30", "F", team="East")
    i = b.inv(c, "sexual", "2025-05-20 18:00", "parent_carer", crime="2025-05-20 21:00", crime_ref="43/25/033015",
              plan="2025-05-22 10:00", first="2025-05-20 19:00", team="CE Team", oic="DC 8011",
              needs="2025-05-21 14:00", supports="yes")
    steady_inv(b, i, "2025-05-21 09:00", "2025-06-30 12:00", 20, "DS 1815")
    b.note("investigation", i, c, "PC 6190", "PC", "2025-05-20 22:00",
           "Mum found messages. Aisha is sexually active with older men and has been exchanging sex for cannabis "
           "at an address on the Northfield estate.")
    b.note("investigation", i, c, "DS 1815", "DS", "2025-05-21 08:30",
           "Re last night's entry: Aisha is 15 and cannot consent. She is not 'sexually active with older men' and "
           "is not 'exchanging sex for cannabis' - adults are sexually exploiting her and supplying her with drugs. "
           "Record it that way. Spoken to PC 6190.")
    s = b.suspect(i, "2025-05-22 12:00", True, "M, 30s, occupier of Northfield address")
    b.disrupt(s, "search_warrant", "2025-05-29 06:00")
    b.disrupt(s, "arrest", "2025-05-29 06:00")
    k = b.kd(i, "arrest", "2025-05-29 06:00")
    b.contact(i, "child", "2025-05-29 16:00", True, k)
    b.contact(i, "parent_carer", "2025-05-29 16:00", True, k)
    k2 = b.kd(i, "release_under_investigation", "2025-05-29 22:00")
    b.contact(i, "child", "2025-05-30 10:00", False, k2)
    b.contact(i, "parent_carer", "2025-05-30 10:00", False, k2)
    b.referral(i, "CSE specialist support worker (voluntary sector)", "2025-05-21 15:00")


def case_055(b: Book) -> None:
    c = "IC-055"
    b.begin(c, "16-year-old's report on a Saturday morning; first action Sunday at 23 hours, plan on day 7 at 6 days 22 hours",
            "good", True,
            trap="First action 23 hours after the report (inside 24 h) and the plan recorded 6 days 22 hours after "
                 "it (inside 7 days). Weekend timing, but both within the intervals.")
    b.child(c, "2008-06-30", "F", team="West")
    i = b.inv(c, "sexual", "2025-05-31 11:00", "parent_carer", crime="2025-05-31 14:00", crime_ref="43/25/034620",
              plan="2025-06-07 09:00", first="2025-06-01 10:00", team="CE Team", oic="DC 6722",
              needs="2025-06-01 12:00", supports="yes")
    b.review(i, "2025-06-02 09:00", "DS 3306", "Allocated; plan to be written by end of week.")
    b.review(i, "2025-06-25 09:00", "DS 3306", "Plan in place, download submitted.")
    for d in ("2025-06-01 10:00", "2025-06-20 16:00"):
        b.contact(i, "child", d, True)
        b.contact(i, "parent_carer", d, True)
    b.referral(i, "Children's ISVA service", "2025-06-02 12:00")



def case_056(b: Book) -> None:
    c = "IC-056"
    b.begin(c, "13-year-old groomed online (adult 'Jay' met on Instagram, secrecy, new iPhone and AirPods) graded low as 'first time missing'",
            "inadequate", False)
    b.child(c, "2011-11-04", "F", team="South")
    e = b.episode(c, "2025-06-21 18:30", "Parent", "2025-06-21 14:00", "said she was going to a friend's",
                  found="2025-06-21 22:40", found_loc="town centre bus station, alone - dropped off by a car",
                  team="South Response", oic="PC 8812")
    b.grade(e, "low", ["first time missing", "believed to be with school friends"], "PC 8812", "2025-06-21 18:45",
            "PS 3318", "2025-06-21 19:30")
    b.note("episode", e, c, "PC 8812", "PC", "2025-06-21 18:50",
           "Mum says Isabelle has been very secretive about her phone for the last month and takes it to bed. She "
           "has a new iPhone and AirPods she says a friend's brother gave her. Mum has seen messages from a 'Jay' "
           "who Isabelle met on Instagram, says he is 19, and who asked her to keep their chats secret. Friend's "
           "mum says she isn't there. Graded LOW - first time missing, probably at another friend's.")
    routine(b, e, "2025-06-21 18:50", "2025-06-21 22:40", 45, "PC 8812")
    returned(b, e, "2025-06-21 22:40", "PC 8812")
    b.expect("MIS-GRADE-LOW", e,
             "Graded low as a first-time missing 13-year-old 'probably at a friend's', although the officer's own "
             "note records the signs of online grooming: an adult met online, secrecy about the phone, a request "
             "to keep the chats secret and expensive gifts. A 13-year-old believed to be with such an adult is at "
             "very likely risk of serious harm - high, and in no reading low.")


def case_057(b: Book) -> None:
    c = "IC-057"
    b.begin(c, "15-year-old with type 1 diabetes missing without insulin after a party; house-to-house and CCTV review ran through the night until he was found",
            "good", True,
            trap="Two activities that last hours: the CCTV review (00:05-03:30) and the house-to-house and "
                 "outbuilding search along his route home (00:20 until he was found at 04:10). The next entry "
                 "after 00:20 is an inspector's review at 02:00 and then the find: 3 h 50 min with no new "
                 "proactive entry, but enquiries were under way throughout.",
            arith_ok=[])
    b.child(c, "2009-10-27", "M", vuln=["type 1 diabetes (insulin)"], team="West")
    e = b.episode(c, "2025-01-25 23:10", "parent", "2025-01-25 21:30", "house party, Mill Rd",
                  found="2025-01-26 04:10", found_loc="neighbour's summerhouse on route home (house-to-house team)",
                  team="West Response", oic="PS 2931")
    b.grade(e, "high", ["needs medication not taken with them", "out of character"], "PS 2931", "2025-01-25 23:20",
            "Insp 0977", "2025-01-25 23:50")
    b.note("episode", e, c, "PS 2931", "PS", "2025-01-25 23:22",
           "HIGH. Ollie 15, type 1 diabetic, insulin pen left at home, had been drinking at party per host. Left "
           "alone on foot 2130 to walk home (20 mins), never arrived. Phone off. Freezing. Ambulance service aware.")
    b.act(e, "contact", "2025-01-25 23:15", "PS 2931", "Ollie's phone - off.")
    b.act(e, "circulation", "2025-01-25 23:25", "PS 2931", "Circulated, hospitals and ambulance control informed.")
    b.act(e, "enquiry", "2025-01-25 23:40", "PC 6612", "Party host and 3 guests spoken to - left alone on foot 2130 towards Station Rd.")
    b.act(e, "cctv", "2025-01-26 00:05", "PC 3051", "Town centre, taxi rank and Station Rd CCTV review by ops room analyst, 0005-0330.", until="2025-01-26 03:30")
    b.act(e, "search", "2025-01-26 00:20", "PS 2931",
          "House-to-house and garden/outbuilding search along his route home (Mill Rd, Station Rd, Alder Cl), 8 "
          "officers, PolSA advice. Commenced 0020 and continued street by street until Ollie found 0410 in a "
          "neighbour's summerhouse.", until="2025-01-26 04:10")
    b.act(e, "review", "2025-01-26 02:00", "Insp 0977", "Review - house-to-house continuing, 3 streets done; CCTV shows him on Station Rd 2142. NPAS unavailable (weather).")
    b.note("episode", e, c, "PS 2931", "PS", "2025-01-26 04:20",
           "FOUND 0410 by house-to-house team, cold and hypoglycaemic, ambulance - to hospital with mum.")
    b.sw(e, "2025-01-26 11:00", "in_person", "PC 6612")
    b.rhi(e, "2025-01-27 10:00", "2025-01-28 15:00", "Youth Support Service")


if __name__ == "__main__":
    main()

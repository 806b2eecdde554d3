"""Hand-written test set of child case records (WC-*) with expected review findings.

Run: .venv/bin/python data/cases_e/build_records.py
Writes records/*.csv (exchange format) and expected.yml next to this script.
Every record and every judgement below was written by hand; the small helpers only
number ids and write files. The script refuses a case whose stated grade disagrees
with the brief's grade rule applied to the listed findings.
"""
import csv
import os
from collections import defaultdict
from datetime import datetime, timedelta

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
AS_OF = "2026-03-10T15:00:00"

SEVERITY = {
    "MIS-GRADE-LOW": "serious", "MIS-NO-APPARENT-RISK": "serious",
    "MIS-GRADE-UNCONFIRMED": "major", "MIS-REPEAT-NO-SCREENING": "serious",
    "MIS-NO-INPERSON-CHECK": "major", "MIS-RHI-LATE": "major",
    "INV-NO-PLAN": "major", "INV-NO-SUPERVISOR-REVIEW": "major",
    "INV-SLOW-FIRST-ACTION": "major", "INV-SUSPECT-NOT-DISRUPTED": "serious",
    "INV-CHILD-NOT-UPDATED": "major", "INV-PARENT-NOT-UPDATED": "minor",
    "INV-KEY-DECISION-LATE": "major", "INV-NO-NEEDS-ASSESSMENT": "major",
    "INV-NO-REFERRAL": "major", "INV-NO-EVIDENCE-LED": "serious",
    "INV-THIRD-PARTY-NOT-RECORDED": "serious", "LANG-VICTIM-BLAMING": "minor",
    "LANG-UNCHALLENGED": "major",
}
PROACTIVE_SEV = {"high": "serious", "medium": "major", "low": "minor"}

FIELDS = {
    "children": ["id", "date_of_birth", "sex", "in_care", "placement_type", "vulnerabilities", "team",
                 "placement_location", "placement_out_of_area"],
    "missing_episodes": ["id", "child_id", "reported_at", "reported_by", "last_seen_at", "last_seen_location",
                         "status", "found_at", "found_location", "team", "officer_in_charge",
                         "exploitation_screening_at", "strategy_meeting_at"],
    "risk_assessments": ["id", "episode_id", "level", "factors", "rationale", "graded_by", "graded_at",
                         "supervisor_confirmed_by", "supervisor_confirmed_at"],
    "episode_actions": ["id", "episode_id", "action_type", "at", "officer", "description", "ended_at"],
    "safe_and_well_checks": ["id", "episode_id", "at", "mode", "officer", "child_seen", "child_spoken_to"],
    "return_home_interviews": ["id", "episode_id", "offered_at", "offered_by", "declined_at", "done_at", "done_by",
                               "not_done_reason", "not_offered_reason"],
    "investigations": ["id", "child_id", "exploitation_type", "reported_at", "reported_by", "crime_recorded_at",
                       "crime_reference", "plan_recorded_at", "first_action_at", "team", "officer_in_charge",
                       "needs_assessment_at", "child_supports_prosecution", "evidence_led_considered_at",
                       "evidence_led_decision", "evidence_led_reason", "outcome", "outcome_at", "outcome_text",
                       "charged_at", "closed_at", "related_episode_ids"],
    "supervisor_reviews": ["id", "investigation_id", "reviewed_at", "reviewer", "summary"],
    "lines_of_enquiry": ["id", "investigation_id", "description", "raised_at", "status", "completed_at"],
    "suspects": ["id", "investigation_id", "identified_at", "is_adult", "description", "age", "address", "located"],
    "disruption_actions": ["id", "suspect_id", "action_type", "at"],
    "key_decisions": ["id", "investigation_id", "decision", "at"],
    "victim_contacts": ["id", "investigation_id", "contact_with", "at", "in_person", "method", "key_decision_id"],
    "referrals": ["id", "investigation_id", "service", "at", "referral_type", "agency"],
    "notes": ["id", "record_type", "record_id", "child_id", "author", "author_role", "written_at", "text",
              "challenges_note_id"],
}
ROWS = defaultdict(list)
CASES = []


def t(s):
    return s if len(s) > 16 else s + ":00"


class Case:
    def __init__(self, n, title, grade, good, trap=None, **child):
        self.cid = "WC-%03d" % n
        self.title, self.grade, self.good, self.trap = title, grade, good, trap
        self.findings = []
        self.counter = defaultdict(int)
        child["id"] = self.cid
        ROWS["children"].append(child)

    def _id(self, parent, tag):
        self.counter[(parent, tag)] += 1
        return "%s-%s%d" % (parent, tag, self.counter[(parent, tag)])

    def episode(self, reported_at, reported_by, **kw):
        eid = self._id(self.cid, "E")
        ROWS["missing_episodes"].append(dict(id=eid, child_id=self.cid, reported_at=t(reported_at),
                                             reported_by=reported_by, **{k: (t(v) if k.endswith("_at") else v)
                                                                       for k, v in kw.items()}))
        return eid

    def risk(self, eid, level, graded_by, graded_at, factors, rationale, conf_by=None, conf_at=None):
        ROWS["risk_assessments"].append(dict(id=self._id(eid, "R"), episode_id=eid, level=level,
                                             factors=";".join(factors), rationale=rationale, graded_by=graded_by,
                                             graded_at=t(graded_at), supervisor_confirmed_by=conf_by,
                                             supervisor_confirmed_at=t(conf_at) if conf_at else None))

    def acts(self, eid, officer, items):
        for it in items:
            at, typ, desc = it[:3]
            end = it[3] if len(it) > 3 else None
            ROWS["episode_actions"].append(dict(id=self._id(eid, "A"), episode_id=eid, action_type=typ, at=t(at),
                                                officer=it[4] if len(it) > 4 else officer, description=desc,
                                                ended_at=t(end) if end else None))

    def sw(self, eid, at, mode, officer, seen=True, spoken=True):
        ROWS["safe_and_well_checks"].append(dict(id=self._id(eid, "SW"), episode_id=eid, at=t(at), mode=mode,
                                                 officer=officer, child_seen=seen, child_spoken_to=spoken))

    def rhi(self, eid, **kw):
        ROWS["return_home_interviews"].append(dict(id=self._id(eid, "RHI"), episode_id=eid,
                                                   **{k: (t(v) if k.endswith("_at") else v) for k, v in kw.items()}))

    def inv(self, etype, reported_at, reported_by, **kw):
        iid = self._id(self.cid, "I")
        ROWS["investigations"].append(dict(id=iid, child_id=self.cid, exploitation_type=etype,
                                           reported_at=t(reported_at), reported_by=reported_by,
                                           **{k: (t(v) if k.endswith("_at") else v) for k, v in kw.items()}))
        return iid

    def reviews(self, iid, reviewer, items):
        for at, summ in items:
            ROWS["supervisor_reviews"].append(dict(id=self._id(iid, "SR"), investigation_id=iid, reviewed_at=t(at),
                                                   reviewer=reviewer, summary=summ))

    def loe(self, iid, desc, raised, status="open", completed=None):
        ROWS["lines_of_enquiry"].append(dict(id=self._id(iid, "L"), investigation_id=iid, description=desc,
                                             raised_at=t(raised), status=status,
                                             completed_at=t(completed) if completed else None))

    def suspect(self, iid, identified, is_adult, desc, age=None, address=None, located=None, disrupt=()):
        sid = self._id(iid, "S")
        ROWS["suspects"].append(dict(id=sid, investigation_id=iid, identified_at=t(identified), is_adult=is_adult,
                                     description=desc, age=age, address=address, located=located))
        for typ, at in disrupt:
            ROWS["disruption_actions"].append(dict(id=self._id(sid, "D"), suspect_id=sid, action_type=typ, at=t(at)))
        return sid

    def kd(self, iid, decision, at):
        kid = self._id(iid, "K")
        ROWS["key_decisions"].append(dict(id=kid, investigation_id=iid, decision=decision, at=t(at)))
        return kid

    def contacts(self, iid, items):
        for it in items:
            who, at, method = it[:3]
            kid = it[3] if len(it) > 3 else None
            ROWS["victim_contacts"].append(dict(id=self._id(iid, "C"), investigation_id=iid, contact_with=who,
                                                at=t(at), in_person=(method == "in_person"), method=method,
                                                key_decision_id=kid))

    def referral(self, iid, service, at, rtype, agency=None):
        ROWS["referrals"].append(dict(id=self._id(iid, "F"), investigation_id=iid, service=service, at=t(at),
                                      referral_type=rtype, agency=agency))

    def note(self, rtype, rid, author, role, at, text, challenges=None):
        nid = self._id(self.cid, "N")
        ROWS["notes"].append(dict(id=nid, record_type=rtype, record_id=rid, child_id=self.cid, author=author,
                                  author_role=role, written_at=t(at), text=text, challenges_note_id=challenges))
        return nid

    def finding(self, check, record, why, level=None):
        self.findings.append(dict(check=check, record=record, why=why, _level=level))

    def done(self):
        CASES.append(self)


# ---------------------------------------------------------------------------------------------
# WC-001 good: 14yo girl in foster care, CSE indicators, missing Friday night, high risk
c = Case(1, "14yo girl in foster care missing Friday night with CSE indicators; high risk run well",
         "good", True,
         trap="Foster carer's words 'keeps going back to him' / 'making her own choices' appear only inside a "
              "quotation that the officer corrects, and the inspector's note is a negation; search and CCTV "
              "run for hours (ended_at) so the hourly rhythm is met despite only 8 actions over 5.5 hours.",
         date_of_birth="2011-06-02", sex="female", in_care=True, placement_type="foster care",
         vulnerabilities="CSE concerns;previous missing", team="Kettering CID MASH", placement_location="Kettering",
         placement_out_of_area=False)
e = c.episode("2026-01-16T22:40", "foster carer", last_seen_at="2026-01-16T20:15",
              last_seen_location="Kettering bus station", status="missing_from_care", found_at="2026-01-17T04:10",
              found_location="Corby - flat above takeaway, with adult male", team="Kettering response",
              officer_in_charge="PS 1442 Varley", exploitation_screening_at="2026-01-17T10:00")
c.risk(e, "high", "PC 2291 Hollis", "2026-01-16T22:50",
       ["age 14", "in care", "CSE concerns", "older male associate", "phone off", "cold night"],
       "14yo LAC. Seen getting into silver Audi w/ adult male last wk per FC. Phone off since 20:30. "
       "CSE risk assessment already open with MASH. HIGH.",
       "Insp 407 Marsh", "2026-01-16T23:35")
c.acts(e, "PC 2291 Hollis", [
    ("2026-01-16T22:55", "child_call", "Called A's mobile - off, voicemail left"),
    ("2026-01-16T23:05", "contact", "Spoke to FC and SW EDT re known friends/addresses"),
    ("2026-01-16T23:20", "circulation", "Circulated on PNC and briefed night shift + BTP"),
    ("2026-01-16T23:30", "search", "Search of bus stn, town centre and park by 2 crews", "2026-01-17T01:30"),
    ("2026-01-17T00:15", "cctv", "Bus stn CCTV reviewed - A boards X4 to Corby 20:22", "2026-01-17T02:00",
     "PC 1876 Amin"),
    ("2026-01-17T01:45", "address_visit", "Visited address of known associate in Corby - no reply", None,
     "PC 1876 Amin"),
    ("2026-01-17T02:40", "enquiry", "Enquiries with Corby takeaway staff - male seen with young girl"),
    ("2026-01-17T03:30", "phone_check", "Urgent cell site request authorised by Insp, handset last in Corby"),
])
c.sw(e, "2026-01-17T14:00", "in_person", "PC 2291 Hollis")
c.rhi(e, offered_at="2026-01-19T09:30", offered_by="Barnardo's RHI service", done_at="2026-01-20T16:00",
      done_by="Barnardo's RHI service")
c.note("episode", e, "PC 2291 Hollis", "PC", "2026-01-17T05:05",
       "A located 04:10 Corby in flat w/ male approx 30s, details passed to CID. FC said on phone \"she keeps "
       "going back to him, she's making her own choices\". I explained to FC that A is 14 and is being groomed "
       "and controlled by this male - she is not making a choice. A tired, no injuries seen, taken to FC.")
c.note("episode", e, "Insp 407 Marsh", "Inspector", "2026-01-17T06:30",
       "Reviewed. Grading high was correct. There is nothing to suggest she is choosing to go; the pattern is of an "
       "adult controlling her. Strat discussion requested with MASH, CSE screening tool to be done today.")
c.done()

# ---------------------------------------------------------------------------------------------
# WC-002 fail: 15yo boy, county lines, graded medium, waited for him, phone S&W
c = Case(2, "15yo boy criminally exploited (county lines) graded medium, left overnight, found by another force, "
            "phone-only safe and well", "inadequate", False,
         date_of_birth="2010-09-14", sex="male", in_care=False, vulnerabilities="excluded from school;previous stab injury",
         team="Northampton response")
e = c.episode("2026-02-06T19:20", "parent", last_seen_at="2026-02-06T08:00", last_seen_location="home, Northampton",
              status="missing", found_at="2026-02-08T03:40",
              found_location="Swindon - address linked to county line, located by Wiltshire Police warrant",
              team="Northampton response", officer_in_charge="PS 960 Crane")
c.risk(e, "medium", "PC 3107 Dale", "2026-02-06T19:45",
       ["age 15", "previous missing", "county lines"],
       "Has gone before and always comes back. Found in Swindon in Nov with £600 and 2 phones. Stabbed in leg Dec 25. "
       "Medium as he is streetwise and will turn up.", "PS 960 Crane", "2026-02-06T20:30")
c.acts(e, "PC 3107 Dale", [
    ("2026-02-06T19:50", "child_call", "rang B - no answer"),
    ("2026-02-06T20:10", "contact", "mum gave names of 2 friends, no addresses"),
    ("2026-02-07T09:30", "review", "Morning review - no update, remains medium", None, "PS 960 Crane"),
    ("2026-02-07T11:00", "note", "Mum called for update, told enquiries ongoing"),
    ("2026-02-07T14:15", "circulation", "PNC circulation done (missed on nights)"),
    ("2026-02-07T21:00", "note", "No update. Handed to nights"),
])
c.sw(e, "2026-02-08T15:00", "phone", "PC 3107 Dale", seen=False, spoken=True)
c.rhi(e, offered_at="2026-02-09T10:00", offered_by="Northants RHI service")
n = c.note("episode", e, "PC 3107 Dale", "PC", "2026-02-06T20:00",
           "Mum reports son missing again. He is a known drug runner who is choosing to work the line for the money. "
           "Streetwise lad, no concerns he cant look after himself.")
c.finding("MIS-GRADE-LOW", e, "Recorded facts (found 70 miles away in a line address with cash and phones, stabbed "
          "two months earlier, out since 08:00) show serious harm is very likely: high, not medium.")
c.finding("MIS-NO-PROACTIVE-ACTION", e, "At the medium grade given, nothing proactive from 20:10 on 6 Feb until the "
          "14:15 circulation next day (18 h), then nothing again until he was found 03:40 - only reviews and notes.",
          level="medium")
c.finding("MIS-NO-INPERSON-CHECK", e, "The only safe and well check was by phone; no face-to-face check within 72 h.")
c.finding("LANG-UNCHALLENGED", n, "'drug runner', 'choosing to work the line', 'streetwise' describe a criminally "
          "exploited 15yo as an offender making choices; no supervisor challenged it.")
c.done()

# ---------------------------------------------------------------------------------------------
# WC-003 good borderline: 12yo autistic girl missing from school, confirmation at 1h55, RHI at 70h45
c = Case(3, "12yo autistic girl missing after school; high risk confirmed at 1h55m, RHI offered at 70h45m",
         "good", True,
         trap="Both timings are just inside their limits: supervisor confirmed 1 h 55 min after grading (limit 2 h) "
              "and return home interview offered 70 h 45 min after return (limit 72 h). The word 'non-compliant' "
              "appears only as a negation.",
         date_of_birth="2013-11-20", sex="female", in_care=False, vulnerabilities="autism;anxiety",
         team="Bassetlaw neighbourhood")
e = c.episode("2026-02-24T15:50", "school", last_seen_at="2026-02-24T15:15", last_seen_location="school gate, Worksop",
              status="missing", found_at="2026-02-24T18:55", found_location="Worksop library, quiet room",
              team="Bassetlaw response", officer_in_charge="PS 1190 Okafor")
c.risk(e, "high", "PC 3318 Gill", "2026-02-24T16:05",
       ["age 12", "autism", "no road sense", "out of character", "dark by 17:30"],
       "12yo autistic, non verbal when distressed, no phone, never missing before, no road sense per mum. High.",
       "PS 1190 Okafor", "2026-02-24T18:00")
c.acts(e, "PC 3318 Gill", [
    ("2026-02-24T15:58", "contact", "Spoke to mum (at work) - not home, no known places"),
    ("2026-02-24T16:10", "search", "Search of school grounds and walking route incl canal path", "2026-02-24T17:30"),
    ("2026-02-24T16:40", "circulation", "Circulated, description to all units"),
    ("2026-02-24T17:15", "cctv", "Town centre CCTV - seen 15:40 heading to Bridge St", "2026-02-24T18:10",
     "PCSO 7712 Rowe"),
    ("2026-02-24T17:50", "address_visit", "Grandmother's address checked - not there"),
    ("2026-02-24T18:30", "enquiry", "Enquiry with bus depot and library staff"),
])
c.sw(e, "2026-02-24T20:30", "in_person", "PC 3318 Gill")
c.rhi(e, offered_at="2026-02-27T17:40", offered_by="Notts RHI service", done_at="2026-03-03T16:30",
      done_by="Notts RHI service")
c.note("episode", e, "PC 3318 Gill", "PC", "2026-02-24T21:15",
       "S&W at home with mum present, used visual cards mum provided. C says lesson was too loud and she went to "
       "library where it's quiet. She was not non-compliant - she was overwhelmed. School SENCO informed.")
c.done()

# ---------------------------------------------------------------------------------------------
# WC-004 fail: 16yo girl in children's home, 3 episodes in 69 days, no screening, RHI late, 'frequent flyer'
c = Case(4, "16yo girl in an out-of-area children's home missing 3 times in 69 days with no exploitation "
            "screening; one RHI late; 'frequent flyer' unchallenged", "inadequate", False,
         date_of_birth="2009-08-03", sex="female", in_care=True, placement_type="children's home",
         vulnerabilities="self-harm;previous missing", team="Mansfield LAC", placement_location="Mansfield",
         placement_out_of_area=True)
eps = []
for rep, last, found, floc in [
        ("2025-12-05T23:10", "2025-12-05T21:30", "2025-12-06T07:20", "Nottingham city centre, walked into station"),
        ("2026-01-09T22:45", "2026-01-09T20:00", "2026-01-10T06:00", "Nottingham, friend's flat"),
        ("2026-02-12T00:20", "2026-02-11T22:00", "2026-02-12T09:40", "Derby bus station")]:
    e = c.episode(rep, "care home staff", last_seen_at=last, last_seen_location="children's home, Mansfield",
                  status="missing_from_care", found_at=found, found_location=floc, team="Mansfield response",
                  officer_in_charge="PS 2210 Beck")
    eps.append(e)
c.risk(eps[0], "medium", "PC 4410 Shaw", "2025-12-05T23:25", ["age 16", "in care", "self-harm history"],
       "Medium - in care, hx of self harm, no current threats", "PS 2210 Beck", "2025-12-06T01:00")
c.acts(eps[0], "PC 4410 Shaw", [
    ("2025-12-05T23:30", "child_call", "phone off"),
    ("2025-12-06T00:15", "contact", "staff + mum contacted"),
    ("2025-12-06T03:00", "address_visit", "mum's address, not there"),
    ("2025-12-06T06:30", "enquiry", "checked hospitals / custody")])
c.sw(eps[0], "2025-12-06T13:00", "in_person", "PC 4410 Shaw")
c.rhi(eps[0], offered_at="2025-12-07T10:00", offered_by="Notts RHI service", declined_at="2025-12-08T10:00")
c.risk(eps[1], "medium", "PC 2875 Kerr", "2026-01-09T23:00", ["age 16", "in care", "repeat missing"],
       "Medium. 2nd time this winter, usually goes to Nottingham", "PS 2210 Beck", "2026-01-10T00:30")
c.acts(eps[1], "PC 2875 Kerr", [
    ("2026-01-09T23:05", "child_call", "no answer"),
    ("2026-01-10T00:10", "contact", "staff gave friend's name"),
    ("2026-01-10T02:40", "address_visit", "friend's flat Nottingham - no reply"),
    ("2026-01-10T05:30", "address_visit", "friend's flat revisited, D located 06:00")])
c.sw(eps[1], "2026-01-10T12:00", "in_person", "PC 2875 Kerr")
c.rhi(eps[1], offered_at="2026-01-15T10:00", offered_by="Notts RHI service", done_at="2026-01-16T15:00",
      done_by="Notts RHI service")
c.risk(eps[2], "medium", "PC 4410 Shaw", "2026-02-12T00:35", ["age 16", "in care", "repeat missing"],
       "Medium, 3rd episode. Same pattern as before.", "PS 2210 Beck", "2026-02-12T02:00")
c.acts(eps[2], "PC 4410 Shaw", [
    ("2026-02-12T00:40", "child_call", "off"),
    ("2026-02-12T01:30", "contact", "staff/friends"),
    ("2026-02-12T04:30", "circulation", "circulated to Derbys"),
    ("2026-02-12T08:00", "enquiry", "bus company / Derby")])
c.sw(eps[2], "2026-02-12T15:30", "in_person", "PC 4410 Shaw")
c.rhi(eps[2], offered_at="2026-02-13T11:00", offered_by="Notts RHI service", done_at="2026-02-14T14:00",
      done_by="Notts RHI service")
n = c.note("child", c.cid, "PC 2875 Kerr", "PC", "2026-01-10T08:00",
           "Serial misper from the home, frequent flyer. Will turn up when shes had enough as she always does. "
           "Staff say she wont engage with them.")
c.finding("MIS-REPEAT-NO-SCREENING", eps[2], "Third missing episode in 69 days (5 Dec, 9 Jan, 12 Feb) with no "
          "exploitation screening or strategy meeting recorded on any of them.")
c.finding("MIS-RHI-LATE", eps[1], "Found 06:00 on 10 Jan; return home interview first offered 15 Jan 10:00, about "
          "124 h after return.")
c.finding("LANG-UNCHALLENGED", n, "'Serial misper', 'frequent flyer', 'will turn up ... as she always does' "
          "minimise each episode and blame the child; no supervisor challenge on record.")
c.done()

# ---------------------------------------------------------------------------------------------
# WC-005 good: 13yo boy missing 3 times but over 93 days
c = Case(5, "13yo boy missing three times over 93 days; each episode handled within the standards",
         "good", True,
         trap="Three missing episodes, but the first and third are 93 days apart, so no 90-day window holds three; "
              "no screening is recorded, which the force's standard does not require here.",
         date_of_birth="2012-10-01", sex="male", in_care=False, vulnerabilities="ADHD", team="Wellingborough")
for rep, last, found, floc, sw_at, rhi_at in [
        ("2025-11-08T21:00", "2025-11-08T17:30", "2025-11-09T01:15", "friend's garage, Wellingborough",
         "2025-11-09T11:00", "2025-11-10T09:00"),
        ("2025-12-27T20:30", "2025-12-27T16:00", "2025-12-28T00:40", "Rushden, cousin's house",
         "2025-12-28T12:00", "2025-12-29T10:00"),
        ("2026-02-09T19:30", "2026-02-09T16:15", "2026-02-09T23:50", "skate park, Wellingborough",
         "2026-02-10T16:30", "2026-02-11T09:30")]:
    e = c.episode(rep, "parent", last_seen_at=last, last_seen_location="home, Wellingborough", status="missing",
                  found_at=found, found_location=floc, team="Wellingborough response",
                  officer_in_charge="PS 1733 Ng")
    r0 = datetime.fromisoformat(t(rep))
    hh = lambda h, m=0: (r0 + timedelta(hours=h, minutes=m)).strftime("%Y-%m-%dT%H:%M:%S")
    c.risk(e, "medium", "PC 2650 Ellis", hh(0, 15), ["age 13", "ADHD", "dark/cold", "previous missing"],
           "13yo, ADHD, impulsive, no exploitation indicators known, usually with peers. Medium.",
           "PS 1733 Ng", hh(1, 30))
    c.acts(e, "PC 2650 Ellis", [(hh(0, 20), "child_call", "rang E's phone, no answer"),
                                (hh(0, 45), "contact", "dad and school friends' parents"),
                                (hh(1, 30), "search", "local parks and skate park", hh(2, 45)),
                                (hh(3, 0), "address_visit", "relatives' addresses")])
    c.sw(e, sw_at, "in_person", "PC 2650 Ellis")
    c.rhi(e, offered_at=rhi_at, offered_by="Northants RHI service", done_at=rhi_at[:11] + "16:00:00",
          done_by="Northants RHI service")
c.note("child", c.cid, "PS 1733 Ng", "PS", "2026-02-10T17:00",
       "3rd episode since Nov. RHIs all done: E goes to peers after rows at home, no indicators of exploitation "
       "seen. Early help referral made by school. Not dismissive - each episode graded afresh.")
c.done()

# ---------------------------------------------------------------------------------------------
# WC-006 fail: mother told daughter must report grooming herself
c = Case(6, "14yo girl groomed by adult man; mother's report not recorded as a crime and told the child must "
            "complain herself; investigation left without plan, review, updates or support",
         "inadequate", False,
         date_of_birth="2011-04-17", sex="female", in_care=False, team="Luton")
i = c.inv("sexual", "2025-12-01T11:20", "parent_carer", first_action_at="2025-12-01T15:00", team="Luton CID",
          officer_in_charge="PC 5521 Tran", child_supports_prosecution="unknown", outcome="open")
c.suspect(i, "2025-12-01T11:20", True, "Male 30s, works at takeaway on High St, offered F money for sex", age=34,
          address="Luton", located=True)
c.contacts(i, [("parent_carer", "2025-12-01T15:00", "phone"), ("child", "2025-12-03T16:00", "in_person")])
n = c.note("investigation", i, "PC 5521 Tran", "PC", "2025-12-01T15:10",
           "Spoke to mum by phone. Mum states male at takeaway has been giving F money and asking her for sex. "
           "Advised mum that as F is 14 and sexually active she will need to make the complaint herself before "
           "a crime can be recorded. Intel sub submitted. No crime at this time.")
c.note("investigation", i, "PC 5521 Tran", "PC", "2025-12-03T16:30",
       "Visited F at home with mum. F did not want to talk today; offered to come back with a female officer.")
c.finding("INV-THIRD-PARTY-NOT-RECORDED", i, "Mother reported an adult offering her 14yo money for sex; no crime "
          "was recorded, the officer waiting for the child's own complaint.")
c.finding("INV-NO-PLAN", i, "No investigation plan recorded, in 7 days or since.")
c.finding("INV-NO-SUPERVISOR-REVIEW", i, "Open since 1 Dec 2025 with no supervisor review at all.")
c.finding("INV-SUSPECT-NOT-DISRUPTED", i, "Adult suspect identified and located on day one; no CAWN, arrest or other "
          "disruption recorded.")
c.finding("INV-CHILD-NOT-UPDATED", i, "Last contact with the child 3 Dec 2025; more than 28 days (97 days to as_of).")
c.finding("INV-PARENT-NOT-UPDATED", i, "Mother last contacted 1 Dec 2025; over 28 days without update.")
c.finding("INV-NO-NEEDS-ASSESSMENT", i, "No Victims' Code needs assessment recorded.")
c.finding("INV-NO-REFERRAL", i, "No referral to any support service.")
c.finding("LANG-UNCHALLENGED", n, "Describes a 14yo as 'sexually active' and puts the burden on her to complain "
          "herself; no supervisor challenge.")
c.done()

# ---------------------------------------------------------------------------------------------
# WC-007 good: UASC 17yo, trafficking, interpreter, weekend key decisions
c = Case(7, "17yo unaccompanied asylum-seeking boy in care discloses trafficking; Tigrinya interpreter; "
            "weekend arrest and bail told on Monday", "good", True,
         trap="Arrest (Friday 19:00) and bail (Saturday 16:00) were told to the child on Monday 11:00 - within 1 "
              "working day. He has no parent in the UK: the carer updates are to his children's home key worker "
              "(contact_with care_home). 'absconded' appears only as a quotation of a Home Office record.",
         date_of_birth="2008-12-05", sex="male", in_care=True, placement_type="children's home",
         vulnerabilities="UASC;trauma;first language Tigrinya", team="Croydon CID", placement_location="Croydon",
         placement_out_of_area=False)
i = c.inv("criminal", "2026-01-05T14:00", "child", crime_recorded_at="2026-01-05T16:30", crime_reference="CR-0417-26",
          plan_recorded_at="2026-01-07T10:00", first_action_at="2026-01-05T15:10", team="Croydon CID",
          officer_in_charge="DC 2216 Abara", needs_assessment_at="2026-01-08T14:00",
          child_supports_prosecution="yes", outcome="open")
c.reviews(i, "DS 1185 Lowe", [("2026-01-12T09:00", "Plan agreed, interpreter booked for ABE, NRM done"),
                               ("2026-02-06T10:00", "Suspect on bail, phone download awaited"),
                               ("2026-03-04T11:00", "Download back, file prep for CPS early advice")])
c.loe(i, "Download of suspect's phone", "2026-01-24T10:00", "completed", "2026-02-27T10:00")
s = c.suspect(i, "2026-01-20T12:00", True, "Male 40s, ran car wash where G was made to work unpaid", age=43,
              address="Croydon", located=True, disrupt=[("arrest", "2026-01-23T19:00"),
                                                        ("bail_conditions", "2026-01-24T16:00")])
k1 = c.kd(i, "arrest", "2026-01-23T19:00")
k2 = c.kd(i, "bail", "2026-01-24T16:00")
c.contacts(i, [("child", "2026-01-05T15:10", "in_person"), ("care_home", "2026-01-06T10:00", "phone"),
               ("child", "2026-01-26T11:00", "in_person", k1), ("child", "2026-01-26T11:05", "in_person", k2),
               ("care_home", "2026-01-26T11:30", "in_person"), ("child", "2026-02-20T15:00", "in_person"),
               ("care_home", "2026-02-20T15:30", "in_person"), ("child", "2026-03-06T14:00", "in_person"),
               ("care_home", "2026-03-06T14:30", "phone")])
c.referral(i, "National Referral Mechanism", "2026-01-06T11:00", "national_referral_mechanism", "Home Office SCA")
c.referral(i, "Independent Child Trafficking Guardian", "2026-01-06T11:30", "support_service", "Barnardo's ICTG")
c.referral(i, "Children's services (leaving care / UASC team)", "2026-01-05T17:00", "children_social_care",
           "Croydon children's services")
c.note("investigation", i, "DC 2216 Abara", "DC", "2026-01-05T18:00",
       "G attended with key worker. Account via Tigrinya interpreter (Language Line, then in person for ABE). "
       "Home Office record describes him as having 'absconded' from the hotel in 2025 - that is their wording; "
       "he was a missing child and was being re-trafficked to work at the car wash for no pay.")
c.note("investigation", i, "DC 2216 Abara", "DC", "2026-01-26T11:45",
       "Updated G in person w/ interpreter re Fri arrest and Sat bail + conditions (not to contact). Key worker "
       "updated. G relieved.")
c.done()

# ---------------------------------------------------------------------------------------------
# WC-008 fail: online grooming, slow start, plan at day 7.8, key decision told late
c = Case(8, "13yo girl groomed online, reported by school on a Friday; first action 26 h, plan on day 8, arrest "
            "told to mother 2 working days later", "inadequate", False,
         date_of_birth="2012-07-22", sex="female", in_care=False, team="Bedford")
i = c.inv("sexual", "2026-01-09T15:30", "school", crime_recorded_at="2026-01-09T17:00", crime_reference="CR-0092-26",
          plan_recorded_at="2026-01-17T10:00", first_action_at="2026-01-10T17:40", team="Bedford POLIT",
          officer_in_charge="DC 3390 Fenwick", needs_assessment_at="2026-01-13T11:00",
          child_supports_prosecution="yes", outcome="open")
c.reviews(i, "DS 812 Hart", [("2026-01-16T09:00", "Plan to be written, allocate POLIT"),
                             ("2026-02-10T10:00", "Suspect RUI, devices at lab"),
                             ("2026-03-06T10:30", "Devices still at lab, chase")])
s = c.suspect(i, "2026-01-20T10:00", True, "Male 26, Snapchat account identified via subscriber check", age=26,
              address="Milton Keynes", located=True, disrupt=[("search_warrant", "2026-01-27T07:30"),
                                                             ("arrest", "2026-01-27T07:30")])
k = c.kd(i, "arrest", "2026-01-27T07:30")
c.contacts(i, [("parent_carer", "2026-01-10T17:40", "in_person"), ("child", "2026-01-12T16:00", "in_person"),
               ("parent_carer", "2026-01-29T18:00", "phone", k), ("child", "2026-02-05T16:00", "in_person"),
               ("parent_carer", "2026-02-20T17:00", "phone"), ("child", "2026-03-03T16:00", "in_person"),
               ("parent_carer", "2026-03-03T16:30", "in_person")])
c.referral(i, "Barnardo's child sexual exploitation service", "2026-01-14T10:00", "support_service", "Barnardo's")
c.note("investigation", i, "DS 812 Hart", "DS", "2026-01-16T09:05",
       "H has been groomed over Snapchat by an adult who solicited images from her. Not picked up over w/e as "
       "POLIT unstaffed - first visit Sat 17:40. Plan outstanding.")
c.finding("INV-SLOW-FIRST-ACTION", i, "Reported Friday 15:30, first action Saturday 17:40 - 26 h 10 min, just "
          "outside 24 h.")
c.finding("INV-NO-PLAN", i, "Plan recorded 17 Jan 10:00, 7 days 18.5 h after the report - just outside 7 days.")
c.finding("INV-KEY-DECISION-LATE", i, "Suspect arrested Tuesday 27 Jan 07:30; mother not told until Thursday 29 Jan "
          "18:00 and the child not until 5 Feb - more than 1 working day.")
c.done()

# ---------------------------------------------------------------------------------------------
# WC-009 good: secure children's home, evidence-led prosecution, prompt challenge of wording
c = Case(9, "15yo girl in a secure children's home, sexually exploited by adults; evidence-led prosecution "
            "leads to charge; officer's wording corrected by DS next morning", "good", True,
         trap="A PC wrote 'exchanging sex for cannabis' (victim-blaming), but a DS challenged it in writing 17 h "
              "later, inside 72 h; the child does not support a prosecution but evidence-led was considered and "
              "pursued; the second adult suspect was disrupted with a CAWN only.",
         date_of_birth="2010-03-30", sex="female", in_care=True, placement_type="secure children's home",
         vulnerabilities="CSE;self-harm;substance misuse", team="Carlisle CID", placement_location="Penrith",
         placement_out_of_area=True)
i = c.inv("sexual", "2025-11-20T10:00", "social_care", crime_recorded_at="2025-11-20T13:00",
          crime_reference="CR-7731-25", plan_recorded_at="2025-11-22T12:00", first_action_at="2025-11-20T14:30",
          team="Carlisle CID", officer_in_charge="DC 1609 Purcell", needs_assessment_at="2025-11-25T11:00",
          child_supports_prosecution="no", evidence_led_considered_at="2025-12-10T15:00",
          evidence_led_decision="proceed",
          evidence_led_reason="Phone download, hotel CCTV, ANPR and cannabis supply evidence support charge without "
                              "J's evidence; J not to be pressured.",
          outcome="charged", outcome_at="2026-02-18T17:30", charged_at="2026-02-18T17:30",
          outcome_text="S1 charged with 3 offences, remanded")
c.reviews(i, "DS 640 Ward", [("2025-11-21T09:00", "Plan set, evidence-led approach from outset"),
                              ("2025-12-12T10:00", "EL decision to proceed endorsed"),
                              ("2026-01-08T10:00", "Download analysed, S2 CAWN served"),
                              ("2026-02-04T11:00", "File to CPS"),
                              ("2026-02-27T11:00", "Post-charge: victim care plan, special measures")])
c.suspect(i, "2025-11-21T12:00", True, "Male 38, supplied cannabis, took J to hotels", age=38, address="Carlisle",
          located=True, disrupt=[("arrest", "2025-11-27T06:15"), ("charge", "2026-02-18T17:30")])
c.suspect(i, "2025-12-02T10:00", True, "Male 29, associate of S1, picked J up in car", age=29, address="Carlisle",
          located=True, disrupt=[("cawn", "2025-12-04T15:00")])
k1 = c.kd(i, "arrest", "2025-11-27T06:15")
k2 = c.kd(i, "charge", "2026-02-18T17:30")
c.contacts(i, [("parent_carer", "2025-11-20T15:00", "phone"), ("child", "2025-11-21T14:00", "in_person"),
               ("parent_carer", "2025-11-27T12:00", "phone", k1), ("child", "2025-11-28T10:00", "in_person", k1),
               ("child", "2025-12-19T14:00", "in_person"), ("parent_carer", "2025-12-19T16:00", "phone"),
               ("parent_carer", "2026-01-14T16:00", "phone"), ("child", "2026-01-15T14:00", "in_person"),
               ("parent_carer", "2026-02-10T16:00", "phone"), ("child", "2026-02-11T14:00", "in_person"),
               ("parent_carer", "2026-02-18T19:00", "phone", k2), ("child", "2026-02-19T11:00", "in_person", k2),
               ("child", "2026-03-05T14:00", "in_person"), ("parent_carer", "2026-03-05T16:00", "phone")])
c.referral(i, "Children's ISVA", "2025-11-24T10:00", "support_service", "Rape Crisis Cumbria")
c.referral(i, "Strategy discussion", "2025-11-20T12:00", "strategy_discussion", "Cumbria children's services")
n = c.note("investigation", i, "PC 2734 Maddox", "PC", "2025-11-20T16:00",
           "SW reports J has been exchanging sex for cannabis and a place to stay with adult males in Carlisle.")
c.note("investigation", i, "DS 640 Ward", "DS", "2025-11-21T09:10",
       "Re entry above - wording not acceptable. J is 15 and cannot exchange sex for anything. She is being "
       "sexually exploited by adult men who supply her cannabis. Please use this language in all entries.",
       challenges=n)
c.done()

# ---------------------------------------------------------------------------------------------
# WC-010 fail: 10yo boy late night graded no apparent risk by call handler
c = Case(10, "10yo boy missing late at night graded 'no apparent risk' by the call handler, never confirmed by a "
             "supervisor; 'he'll turn up' unchallenged", "inadequate", False,
         date_of_birth="2015-05-11", sex="male", in_care=False, team="Rotherham")
e = c.episode("2025-12-12T23:30", "parent", last_seen_at="2025-12-12T19:00", last_seen_location="park near home, Rotherham",
              status="missing", found_at="2025-12-13T01:55", found_location="neighbour's garage, found by neighbour",
              team="Rotherham response", officer_in_charge="PS 331 Haigh")
c.risk(e, "no_apparent_risk", "Call handler 5521 Booth", "2025-12-12T23:38", ["out playing", "local"],
       "Mum says often out late playing footy. NAR.")
c.acts(e, "PC 1402 Sykes", [
    ("2025-12-12T23:50", "address_visit", "attended home, searched house and garden"),
    ("2025-12-13T00:20", "search", "park and streets w/ torch, 2 units", "2025-12-13T01:40"),
])
c.sw(e, "2025-12-13T11:00", "in_person", "PC 1402 Sykes")
c.rhi(e, offered_at="2025-12-14T10:00", offered_by="Rotherham early help RHI", done_at="2025-12-15T16:00",
      done_by="Rotherham early help RHI")
n = c.note("episode", e, "Call handler 5521 Booth", "call handler", "2025-12-12T23:40",
           "Caller (mum) states son often out late playing footy. No apparent risk - he'll turn up, they always do "
           "at that age. Passed to response for attendance when available.")
c.finding("MIS-NO-APPARENT-RISK", e, "A 10-year-old missing at 23:30 on a December night was graded 'no apparent "
          "risk'.")
c.finding("MIS-GRADE-UNCONFIRMED", e, "The grade was never confirmed by a sergeant or above (limit 12 h for a "
          "grade other than high).")
c.finding("LANG-UNCHALLENGED", n, "'he'll turn up, they always do' minimises a 10yo's disappearance and leads to "
          "waiting; no supervisor challenge.")
c.done()

# ---------------------------------------------------------------------------------------------
# WC-011 fail borderline: high risk confirmed at 2h15
c = Case(11, "14yo Romanian-speaking girl missing on a Saturday evening; well run except high-risk grade "
             "confirmed 2 h 15 min after grading", "requires_improvement", False,
         trap="Borderline just outside: confirmation 2 h 15 min after grading (limit 2 h); everything else, "
              "including interpreter use, is sound.",
         date_of_birth="2011-10-09", sex="female", in_care=False, vulnerabilities="first language Romanian",
         team="Peterborough")
e = c.episode("2026-02-14T19:40", "parent", last_seen_at="2026-02-14T17:00", last_seen_location="Queensgate, Peterborough",
              status="missing", found_at="2026-02-14T23:55", found_location="friend's house, Peterborough",
              team="Peterborough response", officer_in_charge="PS 2044 Quinn")
c.risk(e, "high", "PC 3561 Lyle", "2026-02-14T20:10",
       ["age 14", "out of character", "online contact with unknown adult", "limited English"],
       "Out of character, talking to unknown 'online friend' who asked to meet. Parents via Language Line. High.",
       "PS 2044 Quinn", "2026-02-14T22:25")
c.acts(e, "PC 3561 Lyle", [
    ("2026-02-14T19:55", "child_call", "phone rings out"),
    ("2026-02-14T20:15", "contact", "parents via Language Line (Romanian) - friends list"),
    ("2026-02-14T20:30", "search", "Queensgate and city centre", "2026-02-14T22:00"),
    ("2026-02-14T21:00", "circulation", "circulated county + BTP"),
    ("2026-02-14T21:40", "cctv", "Queensgate CCTV", "2026-02-14T23:10", "PC 990 Ruiz"),
    ("2026-02-14T22:50", "address_visit", "two friends' addresses"),
    ("2026-02-14T23:20", "phone_check", "urgent subscriber/cell site request on K's number"),
])
c.sw(e, "2026-02-15T12:00", "in_person", "PC 3561 Lyle")
c.rhi(e, offered_at="2026-02-16T10:00", offered_by="Peterborough RHI service", done_at="2026-02-18T16:00",
      done_by="Peterborough RHI service (Romanian interpreter)")
c.note("episode", e, "PC 3561 Lyle", "PC", "2026-02-15T13:00",
       "S&W done in person with Romanian interpreter (in person). K went to friend's after row, the 'online friend' "
       "is a 14yo girl from school (checked). No exploitation indicators found. PS delayed confirming grade due to "
       "custody commitments.")
c.finding("MIS-GRADE-UNCONFIRMED", e, "High grade given 20:10, confirmed by the PS at 22:25 - 2 h 15 min, just "
          "outside the 2 h limit.")
c.done()

# ---------------------------------------------------------------------------------------------
# WC-012 fail: 17yo with learning disability, county lines, dropped when he did not support
c = Case(12, "17yo boy with a learning disability criminally exploited; case closed when he did not support "
             "prosecution without considering evidence-led; no support referral; wording challenged late",
         "inadequate", False,
         date_of_birth="2008-06-19", sex="male", in_care=False, vulnerabilities="learning disability",
         team="Ipswich")
i = c.inv("criminal", "2025-10-02T09:30", "police", crime_recorded_at="2025-10-02T12:00", crime_reference="CR-5540-25",
          plan_recorded_at="2025-10-04T10:00", first_action_at="2025-10-02T10:30", team="Ipswich CID",
          officer_in_charge="DC 2987 Mayhew", needs_assessment_at="2025-10-06T15:00",
          child_supports_prosecution="no", outcome="victim_does_not_support", outcome_at="2025-12-15T14:00",
          outcome_text="Victim does not support - NFA", closed_at="2025-12-15T14:00")
c.reviews(i, "DS 455 Ogden", [("2025-10-08T10:00", "plan ok"), ("2025-11-03T10:00", "suspect bailed"),
                              ("2025-11-28T10:00", "L still won't give statement, consider closing")])
c.suspect(i, "2025-10-10T10:00", True, "Male 22, runs 'JJ' line", age=22, address="Ipswich", located=True,
          disrupt=[("arrest", "2025-10-20T07:00")])
k1 = c.kd(i, "arrest", "2025-10-20T07:00")
k2 = c.kd(i, "no_further_action", "2025-12-15T14:00")
c.contacts(i, [("child", "2025-10-02T10:30", "in_person"), ("parent_carer", "2025-10-02T11:00", "in_person"),
               ("parent_carer", "2025-10-20T12:00", "phone", k1), ("child", "2025-10-24T15:00", "in_person"),
               ("parent_carer", "2025-11-14T15:00", "phone"), ("child", "2025-11-18T15:00", "in_person"),
               ("parent_carer", "2025-12-10T15:00", "phone"), ("parent_carer", "2025-12-15T16:30", "phone", k2),
               ("child", "2025-12-16T15:00", "in_person", k2)])
c.referral(i, "Children's services", "2025-10-02T13:00", "children_social_care", "Suffolk children's services")
c.referral(i, "Strategy discussion", "2025-10-03T11:00", "strategy_discussion", "Suffolk MASH")
n = c.note("investigation", i, "DC 2987 Mayhew", "DC", "2025-10-03T10:00",
           "L is a drug dealer for the 'JJ' line and has been working the line for months, plugging gear. LD noted.")
c.note("investigation", i, "Insp 118 Sterling", "Inspector", "2025-10-08T15:00",
       "Challenge to entry of 03/10: L is a 17yo with a learning disability being criminally exploited and forced "
       "to conceal drugs. He is a victim. Do not describe him as a dealer.", challenges=n)
c.finding("INV-NO-EVIDENCE-LED", i, "L did not support a prosecution and the case was closed on that basis with "
          "no record that an evidence-led prosecution was considered (suspect arrested, phone evidence available).")
c.finding("INV-NO-REFERRAL", i, "Only children's social care and a strategy discussion; no referral to a support "
          "service.")
c.finding("LANG-VICTIM-BLAMING", n, "'drug dealer', 'working the line', 'plugging' describe the exploited child as "
          "an offender; the inspector's challenge came 5 days later, after the 72 h.")
c.done()

# ---------------------------------------------------------------------------------------------
# WC-013 good: peer-on-peer sexual abuse, child suspect
c = Case(13, "14yo boy pressured into sending an image which a 15yo pupil shared; reported by school; closed "
             "with a diversionary outcome", "good", True,
         trap="The suspect is 15 (is_adult false), so no disruption is required; the blaming word 'stupid' is the "
              "mother's, quoted and corrected by the officer.",
         date_of_birth="2011-09-03", sex="male", in_care=False, team="Lincoln")
i = c.inv("sexual", "2026-01-12T10:15", "school", crime_recorded_at="2026-01-12T12:00", crime_reference="CR-0311-26",
          plan_recorded_at="2026-01-14T10:00", first_action_at="2026-01-12T13:30", team="Lincoln CID",
          officer_in_charge="DC 4120 Bright", needs_assessment_at="2026-01-15T16:00",
          child_supports_prosecution="yes", outcome="other", outcome_at="2026-02-19T15:00",
          outcome_text="Outcome 22 - suspect referred to YOT diversion, agreed with victim and mum",
          closed_at="2026-02-19T15:00")
c.reviews(i, "DS 771 Pike", [("2026-01-13T10:00", "Plan: devices, school safeguarding, suspect interview"),
                             ("2026-02-06T10:00", "Interview done, consider out of court w/ YOT")])
c.suspect(i, "2026-01-12T13:30", False, "Pupil, 15, shared the image in a group chat", age=15, address="Lincoln",
          located=True)
k = c.kd(i, "interview", "2026-01-21T16:00")
c.contacts(i, [("child", "2026-01-12T13:30", "in_person"), ("parent_carer", "2026-01-12T14:00", "phone"),
               ("parent_carer", "2026-01-22T09:30", "phone", k), ("child", "2026-01-22T16:00", "in_person"),
               ("child", "2026-02-12T16:00", "in_person"), ("parent_carer", "2026-02-12T16:30", "in_person"),
               ("child", "2026-02-19T16:00", "in_person"), ("parent_carer", "2026-02-19T16:00", "in_person")])
c.referral(i, "Young people's sexual abuse support service", "2026-01-14T11:00", "support_service",
           "Lincs CYP support")
c.note("investigation", i, "DC 4120 Bright", "DC", "2026-01-12T15:00",
       "Mum said he was \"stupid\" to send the photo. Explained to mum and to M that the responsibility lies "
       "entirely with the pupil who pressured him and shared it. Image removed via Report Remove.")
c.done()

# ---------------------------------------------------------------------------------------------
# WC-014 fail: missing again at as_of, no proactive action since 02:30
c = Case(14, "15yo girl missing from her children's home at the as_of moment; no proactive action since 02:30",
         "requires_improvement", False,
         trap="The note calling her a 'persistent absconder' was written 08:10 on 10 March, under 72 h before "
              "as_of, so it is not yet late for a challenge and is not a finding; reviews and notes in the "
              "morning are not proactive actions.",
         date_of_birth="2010-12-28", sex="female", in_care=True, placement_type="children's home",
         vulnerabilities="previous missing", team="Stoke", placement_location="Stoke-on-Trent",
         placement_out_of_area=False)
e1 = c.episode("2026-02-02T22:00", "care home staff", last_seen_at="2026-02-02T20:30",
               last_seen_location="children's home, Stoke-on-Trent", status="missing_from_care",
               found_at="2026-02-03T02:10", found_location="Hanley bus station", team="Stoke response",
               officer_in_charge="PS 1877 Dunne")
c.risk(e1, "medium", "PC 623 Ashby", "2026-02-02T22:15", ["age 15", "in care"], "Medium.", "PS 1877 Dunne",
       "2026-02-02T23:30")
c.acts(e1, "PC 623 Ashby", [("2026-02-02T22:20", "child_call", "no answer"),
                            ("2026-02-02T23:00", "contact", "staff re friends"),
                            ("2026-02-03T01:00", "search", "Hanley centre", "2026-02-03T02:10")])
c.sw(e1, "2026-02-03T14:00", "in_person", "PC 623 Ashby")
c.rhi(e1, offered_at="2026-02-04T10:00", offered_by="Staffs RHI service", done_at="2026-02-05T15:00",
      done_by="Staffs RHI service")
e2 = c.episode("2026-03-09T21:10", "care home staff", last_seen_at="2026-03-09T19:30",
               last_seen_location="children's home, Stoke-on-Trent", status="missing_from_care",
               team="Stoke response", officer_in_charge="PS 1877 Dunne")
c.risk(e2, "medium", "PC 2502 Fox", "2026-03-09T21:25", ["age 15", "in care", "previous missing"],
       "Medium - 2nd episode, no known exploitation.", "PS 1877 Dunne", "2026-03-09T22:40")
c.acts(e2, "PC 2502 Fox", [
    ("2026-03-09T21:30", "child_call", "phone off"),
    ("2026-03-09T21:45", "contact", "staff and 2 friends' parents"),
    ("2026-03-09T22:10", "address_visit", "friend's address Hanley - not there"),
    ("2026-03-09T23:00", "circulation", "circulated"),
    ("2026-03-10T02:30", "enquiry", "taxi firms - no trace"),
    ("2026-03-10T09:00", "review", "DI morning review - remains medium, OIC to progress", None, "DI 77 Rees"),
    ("2026-03-10T11:30", "note", "Home staff rang for update"),
])
c.note("episode", e2, "PC 2502 Fox", "PC", "2026-03-10T08:10",
       "Handover. Persistent absconder, will come back when her money runs out. Nothing further overnight.")
c.finding("MIS-NO-PROACTIVE-ACTION", e2, "Still missing at as_of; last proactive action the 02:30 taxi enquiry, "
          "12.5 h without a search, enquiry or contact at medium risk (limit 6 h).", level="medium")
c.done()

# ---------------------------------------------------------------------------------------------
# WC-015 fail borderline: gap across the October clock change
c = Case(15, "16yo boy missing from foster care over the night the clocks went back; overnight gap 6 h 50 min",
         "requires_improvement", False,
         trap="Borderline just outside: on the wall clock the gap between 00:30 and 06:20 looks like 5 h 50 min, but "
              "the clocks went back at 02:00 BST on 26 Oct 2025, so 6 h 50 min elapsed (limit 6 h at medium).",
         date_of_birth="2009-04-25", sex="male", in_care=True, placement_type="foster care",
         vulnerabilities="ADHD", team="Leicester LAC", placement_location="Loughborough", placement_out_of_area=False)
e = c.episode("2025-10-25T21:30", "foster carer", last_seen_at="2025-10-25T19:00",
              last_seen_location="foster home, Loughborough", status="missing_from_care",
              found_at="2025-10-26T09:15", found_location="mate's house, Loughborough", team="Charnwood response",
              officer_in_charge="PS 508 Lamb")
c.risk(e, "medium", "PC 2790 Noor", "2025-10-25T21:45", ["age 16", "in care", "ADHD"],
       "Medium - 16, ADHD, first missing from this placement, no exploitation indicators.", "PS 508 Lamb",
       "2025-10-25T23:30")
c.acts(e, "PC 2790 Noor", [
    ("2025-10-25T21:50", "child_call", "rang N - rings out"),
    ("2025-10-25T22:20", "contact", "FC and SW EDT"),
    ("2025-10-25T23:15", "address_visit", "birth mum's address"),
    ("2025-10-26T00:30", "enquiry", "hospitals and custody checked"),
    ("2025-10-26T06:20", "address_visit", "2 mates' addresses, early turn"),
    ("2025-10-26T07:30", "child_call", "rang again, N answered, says at mate's"),
])
c.sw(e, "2025-10-26T15:00", "in_person", "PC 2790 Noor")
c.rhi(e, offered_at="2025-10-27T11:00", offered_by="Leics RHI service", done_at="2025-10-28T16:00",
      done_by="Leics RHI service")
c.note("episode", e, "PS 508 Lamb", "PS", "2025-10-26T10:00",
       "Nights ran short (clocks back). N found safe. No exploitation indicators, FC reassured.")
c.finding("MIS-NO-PROACTIVE-ACTION", e, "At medium risk, no proactive action from 00:30 BST to 06:20 GMT on 26 Oct - "
          "6 h 50 min elapsed across the clock change, just over the 6 h limit.", level="medium")
c.done()

# ---------------------------------------------------------------------------------------------
# WC-016 good: trafficked girl recovered by another force
c = Case(16, "16yo girl trafficked for sexual exploitation, recovered in a hotel by another force; two adult "
             "suspects arrested / CAWN; open and well supervised", "good", True,
         trap="Reported by another force (reported_by police) and the crime was recorded; the child's support for "
              "prosecution is 'unknown' (not 'no'); the suspect's words 'she's my girlfriend, she wanted to come' "
              "are a quotation, and 'no indication she chose' is a negation.",
         date_of_birth="2009-11-14", sex="female", in_care=False, vulnerabilities="previous missing;mental health",
         team="Coventry CID")
i = c.inv("sexual", "2026-01-20T03:15", "police", crime_recorded_at="2026-01-20T09:00", crime_reference="CR-0612-26",
          plan_recorded_at="2026-01-21T12:00", first_action_at="2026-01-20T08:30", team="Coventry CSE team",
          officer_in_charge="DC 3055 Patel", needs_assessment_at="2026-01-23T15:00",
          child_supports_prosecution="unknown", outcome="open")
c.reviews(i, "DS 901 Grant", [("2026-01-21T12:30", "Plan agreed; NRM; ISVA"),
                              ("2026-02-13T10:00", "Hotel CCTV obtained, S2 CAWN served"),
                              ("2026-03-09T10:00", "Awaiting download; consider EL if P does not support")])
c.suspect(i, "2026-01-20T04:00", True, "Male 31, booked hotel room, transported P", age=31, address="Birmingham",
          located=True, disrupt=[("arrest", "2026-01-20T05:00"), ("bail_conditions", "2026-01-21T18:00")])
c.suspect(i, "2026-02-03T10:00", True, "Female 22, recruited P via Instagram", age=22, address="Coventry",
          located=True, disrupt=[("cawn", "2026-02-05T14:00")])
k1 = c.kd(i, "arrest", "2026-01-20T05:00")
k2 = c.kd(i, "bail", "2026-01-21T18:00")
c.contacts(i, [("parent_carer", "2026-01-20T10:00", "phone", k1), ("child", "2026-01-20T11:00", "in_person"),
               ("parent_carer", "2026-01-22T11:00", "in_person", k2), ("child", "2026-01-22T11:15", "in_person", k2),
               ("child", "2026-02-12T15:00", "in_person"), ("parent_carer", "2026-02-12T15:30", "in_person"),
               ("child", "2026-03-06T15:00", "in_person"), ("parent_carer", "2026-03-06T15:30", "phone")])
c.referral(i, "Children's ISVA", "2026-01-22T12:00", "support_service", "Coventry Rape and Sexual Abuse Centre")
c.referral(i, "National Referral Mechanism", "2026-01-26T10:00", "national_referral_mechanism", "Home Office SCA")
c.note("investigation", i, "DC 3055 Patel", "DC", "2026-01-20T12:00",
       "West Midlands Police recovered P from hotel in Birmingham 03:00, S1 arrested at scene by WMP. Messages from "
       "S1 on P's phone: \"she's my girlfriend, she wanted to come, she told me she was 18\". There is no indication "
       "she chose any of this; she was trafficked by adults for sexual exploitation.")
c.done()

# ---------------------------------------------------------------------------------------------
# WC-017 fail: health report, 'consensual relationship' with 24yo, suspect not disrupted
c = Case(17, "15yo girl referred by sexual health nurse; 24yo 'boyfriend' identified and located but not "
             "disrupted; child not updated for 40 days; 'consensual' unchallenged", "inadequate", False,
         date_of_birth="2010-08-08", sex="female", in_care=False, team="Derby")
i = c.inv("sexual", "2025-12-18T14:00", "health", crime_recorded_at="2025-12-18T18:00", crime_reference="CR-9930-25",
          plan_recorded_at="2025-12-22T10:00", first_action_at="2025-12-19T10:00", team="Derby CID",
          officer_in_charge="DC 1322 Wynne", needs_assessment_at="2025-12-23T14:00",
          child_supports_prosecution="unknown", outcome="open")
c.reviews(i, "DS 207 Frost", [("2025-12-29T10:00", "plan ok"), ("2026-01-23T10:00", "ABE declined for now"),
                              ("2026-02-18T10:00", "awaiting health records")])
c.suspect(i, "2025-12-18T14:00", True, "Male 24, described by D as her boyfriend", age=24, address="Derby",
          located=True)
c.contacts(i, [("child", "2025-12-19T10:00", "in_person"), ("parent_carer", "2025-12-19T11:00", "in_person"),
               ("child", "2026-01-08T16:00", "in_person"), ("parent_carer", "2026-01-08T16:30", "phone"),
               ("child", "2026-01-29T16:00", "in_person"), ("parent_carer", "2026-01-29T16:30", "phone"),
               ("parent_carer", "2026-02-20T17:00", "phone")])
c.referral(i, "Sexual health and wellbeing support", "2025-12-23T15:00", "support_service", "Brook")
n = c.note("investigation", i, "DC 1322 Wynne", "DC", "2025-12-22T11:00",
           "D is in a consensual relationship with her 24yo boyfriend and is sexually active with him. "
           "Nurse (sexual health) concerned re age gap.")
c.finding("INV-SUSPECT-NOT-DISRUPTED", i, "A 24-year-old suspect was identified and located on the day of the "
          "report; no CAWN, arrest or other disruption in almost 12 weeks.")
c.finding("INV-CHILD-NOT-UPDATED", i, "Child last contacted 29 Jan 2026; 40 days to as_of with the case open.")
c.finding("LANG-UNCHALLENGED", n, "'consensual relationship', 'boyfriend', 'sexually active' for a 15yo abused by a "
          "24yo man; no supervisor challenge.")
c.done()

# ---------------------------------------------------------------------------------------------
# WC-018 good: low risk 17yo, overnight gap within 24 h, RHI declined
c = Case(18, "17yo boy missing overnight after a row at home, correctly graded low; RHI offered and declined",
         "good", True,
         trap="Low is a defensible grade here (17, first episode, no vulnerabilities, believed at a friend's); "
              "the overnight gap of 9 h 20 min is within 24 h for low; confirmation came 9 h 20 min after grading "
              "(limit 12 h); the child declined the RHI but it was offered in time.",
         date_of_birth="2008-07-30", sex="male", in_care=False, team="Lichfield")
e = c.episode("2026-03-01T23:00", "parent", last_seen_at="2026-03-01T20:30", last_seen_location="home, Lichfield",
              status="missing", found_at="2026-03-02T11:00", found_location="friend's house, Lichfield",
              team="Lichfield response", officer_in_charge="PS 1640 Moss")
c.risk(e, "low", "PC 3802 Hale", "2026-03-01T23:10", ["age 17", "first episode", "argument at home", "phone on"],
       "17, first time, row w/ dad over college, phone ringing, believed at friend's. No vulnerabilities or "
       "exploitation indicators. Low, review 09:00.", "PS 1640 Moss", "2026-03-02T08:30")
c.acts(e, "PC 3802 Hale", [
    ("2026-03-01T23:15", "child_call", "phone rings, no answer, text sent"),
    ("2026-03-01T23:40", "contact", "friend's mum - thinks he's out with her son, not confirmed"),
    ("2026-03-02T09:00", "enquiry", "college - not in", None, "PC 1211 Webb"),
    ("2026-03-02T10:30", "address_visit", "friend's house - located 11:00", None, "PC 1211 Webb"),
])
c.sw(e, "2026-03-02T17:00", "in_person", "PC 1211 Webb")
c.rhi(e, offered_at="2026-03-03T10:00", offered_by="Staffs RHI service", declined_at="2026-03-03T10:00",
      not_done_reason="R declined, said he was fine; dad and college aware")
c.note("episode", e, "PS 1640 Moss", "PS", "2026-03-02T08:35",
       "Reviewed: low is right - 17, first episode, no vulnerabilities, known associates, phone on. Confirm low. "
       "If not located by 09:00 regrade.")
c.done()


# ---------------------------------------------------------------------------------------------
def grade_of(findings):
    sev = []
    for f in findings:
        if f["check"] == "MIS-NO-PROACTIVE-ACTION":
            sev.append(PROACTIVE_SEV[f["_level"]])
        else:
            sev.append(SEVERITY[f["check"]])
    if "serious" in sev or sev.count("major") >= 3:
        return "inadequate"
    if sev:
        return "requires_improvement"
    return "good"


def main():
    out_cases = []
    ids = {k: {r["id"] for r in v} for k, v in ROWS.items()}
    for cs in CASES:
        g = grade_of(cs.findings)
        if g != cs.grade:
            raise SystemExit("%s: stated grade %s but findings give %s" % (cs.cid, cs.grade, g))
        if cs.good and (cs.findings or not cs.trap):
            raise SystemExit("%s: good-practice case needs no findings and a trap" % cs.cid)
        for f in cs.findings:
            if f["check"] not in SEVERITY and f["check"] != "MIS-NO-PROACTIVE-ACTION":
                raise SystemExit("%s: unknown check %s" % (cs.cid, f["check"]))
            kind = {"MIS": "missing_episodes", "INV": "investigations", "LANG": "notes"}[f["check"].split("-")[0]]
            if f["record"] not in ids.get(kind, ()):
                raise SystemExit("%s: %s record %s is not a %s id" % (cs.cid, f["check"], f["record"], kind))
        d = {"child_id": cs.cid, "title": cs.title, "as_of": AS_OF, "expected_grade": cs.grade,
             "good_practice": cs.good}
        if cs.trap:
            d["trap"] = cs.trap
        d["expected_findings"] = [{"check": f["check"], "record": f["record"], "why": f["why"]} for f in cs.findings]
        out_cases.append(d)
    os.makedirs(os.path.join(HERE, "records"), exist_ok=True)
    for kind, cols in FIELDS.items():
        rows = ROWS.get(kind)
        if not rows:
            continue
        with open(os.path.join(HERE, "records", kind + ".csv"), "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=cols)
            w.writeheader()
            for r in rows:
                w.writerow({k: ("true" if v is True else "false" if v is False else "" if v is None else v)
                            for k, v in r.items()})
    with open(os.path.join(HERE, "expected.yml"), "w", encoding="utf-8") as fh:
        yaml.safe_dump({"as_of": AS_OF, "cases": out_cases}, fh, sort_keys=False, allow_unicode=True, width=110)
    gc = defaultdict(int)
    for cs in CASES:
        gc[cs.grade] += 1
    print("cases:", len(CASES), "good practice:", sum(c.good for c in CASES), dict(gc))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Independent test set of child case records (VC-001 ...) and the findings a
reviewer applying the force's written standards would make.  Records and
judgements are written by hand, side by side, one function per child.

Run:  .venv/bin/python data/cases_d/build_records.py
Writes records/<entity>.csv and expected.yml next to this script.
"""
import csv
import os
from datetime import datetime, timedelta

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
AS_OF = "2026-01-20T10:00:00"

# Severities from the standards brief (MIS-NO-PROACTIVE-ACTION depends on risk level).
SEVERITY = {
    "MIS-GRADE-LOW": "serious", "MIS-NO-APPARENT-RISK": "serious",
    "MIS-GRADE-UNCONFIRMED": "major", "MIS-REPEAT-NO-SCREENING": "serious",
    "MIS-NO-PROACTIVE-ACTION": "by risk level",
    "MIS-NO-INPERSON-CHECK": "major", "MIS-RHI-LATE": "major",
    "INV-NO-PLAN": "major", "INV-NO-SUPERVISOR-REVIEW": "major",
    "INV-SLOW-FIRST-ACTION": "major", "INV-SUSPECT-NOT-DISRUPTED": "serious",
    "INV-CHILD-NOT-UPDATED": "major", "INV-PARENT-NOT-UPDATED": "minor",
    "INV-KEY-DECISION-LATE": "major", "INV-NO-NEEDS-ASSESSMENT": "major",
    "INV-NO-REFERRAL": "major", "INV-NO-EVIDENCE-LED": "serious",
    "INV-THIRD-PARTY-NOT-RECORDED": "serious", "LANG-VICTIM-BLAMING": "minor",
    "LANG-UNCHALLENGED": "major",
}
PROACTIVE_SEVERITY = {"high": "serious", "medium": "major", "low": "minor"}

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
    "return_home_interviews": ["id", "episode_id", "offered_at", "offered_by", "declined_at", "done_at",
                               "done_by", "not_done_reason", "not_offered_reason"],
    "investigations": ["id", "child_id", "exploitation_type", "reported_at", "reported_by", "crime_recorded_at",
                       "crime_reference", "plan_recorded_at", "first_action_at", "team", "officer_in_charge",
                       "needs_assessment_at", "child_supports_prosecution", "evidence_led_considered_at",
                       "evidence_led_decision", "evidence_led_reason", "outcome", "outcome_at", "outcome_text",
                       "charged_at", "closed_at", "related_episode_ids"],
    "supervisor_reviews": ["id", "investigation_id", "reviewed_at", "reviewer", "summary"],
    "lines_of_enquiry": ["id", "investigation_id", "description", "raised_at", "status", "completed_at"],
    "suspects": ["id", "investigation_id", "identified_at", "is_adult", "description", "age", "address",
                 "located"],
    "disruption_actions": ["id", "suspect_id", "action_type", "at"],
    "key_decisions": ["id", "investigation_id", "decision", "at"],
    "victim_contacts": ["id", "investigation_id", "contact_with", "at", "in_person", "method",
                        "key_decision_id"],
    "referrals": ["id", "investigation_id", "service", "at", "referral_type", "agency"],
    "notes": ["id", "record_type", "record_id", "child_id", "author", "author_role", "written_at", "text",
              "challenges_note_id"],
}
ROWS = {k: [] for k in FIELDS}
CASES = []


def t(s):
    """'2025-12-25 21:40' -> '2025-12-25T21:40:00' (force-local time)."""
    if s is None:
        return None
    return s.replace(" ", "T") + ":00" if len(s) == 16 else s


def dt(s):
    return datetime.fromisoformat(t(s))


def cell(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, tuple)):
        return ";".join(v)
    return str(v)


class Case:
    def __init__(self, cid, title, grade, good, trap=None):
        self.cid, self.title, self.grade, self.good, self.trap = cid, title, grade, good, trap
        self.n = {}
        self.findings = []
        self.level = {}  # episode id -> latest recorded risk level
        CASES.append(self)

    def _id(self, parent, code):
        k = (parent, code)
        self.n[k] = self.n.get(k, 0) + 1
        return f"{parent}-{code}{self.n[k]}"

    def child(self, dob, sex, in_care=False, placement=None, vulns=None, team=None, loc=None, ooa=None):
        ROWS["children"].append(dict(id=self.cid, date_of_birth=dob, sex=sex, in_care=in_care,
                                     placement_type=placement, vulnerabilities=vulns, team=team,
                                     placement_location=loc, placement_out_of_area=ooa))

    def episode(self, reported, by, last_seen=None, seen_loc=None, status="missing", found=None,
                found_loc=None, team=None, oic=None, screening=None, strategy=None):
        eid = self._id(self.cid, "M")
        ROWS["missing_episodes"].append(dict(
            id=eid, child_id=self.cid, reported_at=t(reported), reported_by=by, last_seen_at=t(last_seen),
            last_seen_location=seen_loc, status=status, found_at=t(found), found_location=found_loc,
            team=team, officer_in_charge=oic, exploitation_screening_at=t(screening),
            strategy_meeting_at=t(strategy)))
        return eid

    def risk(self, eid, level, by, at, conf_by=None, conf_at=None, factors=None, rationale=None):
        self.level[eid] = level
        ROWS["risk_assessments"].append(dict(
            id=self._id(eid, "R"), episode_id=eid, level=level, factors=factors, rationale=rationale,
            graded_by=by, graded_at=t(at), supervisor_confirmed_by=conf_by, supervisor_confirmed_at=t(conf_at)))

    def act(self, eid, kind, at, officer, desc=None, ended=None):
        ROWS["episode_actions"].append(dict(id=self._id(eid, "A"), episode_id=eid, action_type=kind,
                                            at=t(at), officer=officer, description=desc, ended_at=t(ended)))

    def sw(self, eid, at, mode, officer, seen=None, spoken=None):
        ROWS["safe_and_well_checks"].append(dict(id=self._id(eid, "SW"), episode_id=eid, at=t(at), mode=mode,
                                                 officer=officer, child_seen=seen, child_spoken_to=spoken))

    def rhi(self, eid, offered=None, by=None, declined=None, done=None, done_by=None, not_done=None,
            not_offered=None):
        ROWS["return_home_interviews"].append(dict(
            id=self._id(eid, "RHI"), episode_id=eid, offered_at=t(offered), offered_by=by,
            declined_at=t(declined), done_at=t(done), done_by=done_by, not_done_reason=not_done,
            not_offered_reason=not_offered))

    def inv(self, etype, reported, by, **kw):
        iid = self._id(self.cid, "I")
        row = dict(id=iid, child_id=self.cid, exploitation_type=etype, reported_at=t(reported), reported_by=by)
        for k, v in kw.items():
            row[k] = t(v) if k.endswith("_at") else v
        ROWS["investigations"].append(row)
        return iid

    def review(self, iid, at, reviewer, summary=None):
        ROWS["supervisor_reviews"].append(dict(id=self._id(iid, "SR"), investigation_id=iid,
                                               reviewed_at=t(at), reviewer=reviewer, summary=summary))

    def loe(self, iid, desc, raised, status="open", completed=None):
        ROWS["lines_of_enquiry"].append(dict(id=self._id(iid, "L"), investigation_id=iid, description=desc,
                                             raised_at=t(raised), status=status, completed_at=t(completed)))

    def suspect(self, iid, at, adult=True, desc=None, age=None, address=None, located=None):
        sid = self._id(iid, "S")
        ROWS["suspects"].append(dict(id=sid, investigation_id=iid, identified_at=t(at), is_adult=adult,
                                     description=desc, age=age, address=address, located=located))
        return sid

    def disrupt(self, sid, kind, at):
        ROWS["disruption_actions"].append(dict(id=self._id(sid, "D"), suspect_id=sid, action_type=kind,
                                               at=t(at)))

    def kd(self, iid, decision, at):
        kid = self._id(iid, "KD")
        ROWS["key_decisions"].append(dict(id=kid, investigation_id=iid, decision=decision, at=t(at)))
        return kid

    def contact(self, iid, who, at, method="phone", kd=None):
        ROWS["victim_contacts"].append(dict(id=self._id(iid, "C"), investigation_id=iid, contact_with=who,
                                            at=t(at), in_person=(method == "in_person"), method=method,
                                            key_decision_id=kd))

    def referral(self, iid, service, at, kind="support_service", agency=None):
        ROWS["referrals"].append(dict(id=self._id(iid, "RF"), investigation_id=iid, service=service, at=t(at),
                                      referral_type=kind, agency=agency))

    def note(self, rtype, rid, author, role, at, text, challenges=None):
        nid = self._id(self.cid, "N")
        ROWS["notes"].append(dict(id=nid, record_type=rtype, record_id=rid, child_id=self.cid, author=author,
                                  author_role=role, written_at=t(at), text=text, challenges_note_id=challenges))
        return nid

    def expect(self, check, record, why):
        assert check in SEVERITY, check
        self.findings.append(dict(check=check, record=record, why=why))


# ---------------------------------------------------------------------------
# Good practice
# ---------------------------------------------------------------------------

def vc001():
    c = Case("VC-001", "14yo girl missing from foster care on Christmas night, online grooming concern, high risk run well",
             "good", True,
             trap="Christmas Day/Boxing Day bank holidays; high-risk grade confirmed by an inspector 1h45m after "
                  "grading (just inside 2h); 'boyfriend' appears only as the child's word quoted by the carer "
                  "and is expressly rejected as grooming.")
    c.child("2011-06-14", "F", True, "foster care", ["anxiety"], "Stockport CAIU", "Stockport", False)
    e = c.episode("2025-12-25 21:40", "foster carer", "2025-12-25 19:30", "foster home, Stockport",
                  "missing_from_care", "2025-12-26 02:30", "Stockport bus station", "Stockport Missing Persons",
                  "PS 2917")
    c.risk(e, "high", "PC 4412", "2025-12-25 22:05", "Insp 2231", "2025-12-25 23:50",
           ["age", "in care", "online contact with adult male", "out of character", "no money/phone charger"],
           "14 yr old LAC, out of character, went for 'a walk' after xmas dinner and not back. Carer found "
           "snapchat msgs from adult male (20s?) asking to meet. Risk of CSE - HIGH.")
    c.act(e, "circulation", "2025-12-25 21:55", "PC 4412", "Circulated on PNC and briefed to all units/BTP")
    c.act(e, "address_visit", "2025-12-25 22:20", "PC 4412", "Birth mum's address Reddish - not there, mum not heard from her")
    c.act(e, "phone_check", "2025-12-25 22:45", "PC 4412", "Urgent subscriber/cell site request for her mobile, auth by Insp")
    c.act(e, "search", "2025-12-25 23:30", "PC 6120", "Area search park and canal path with 2 units", "2025-12-26 00:40")
    c.act(e, "child_call", "2025-12-26 00:20", "PC 4412", "Rang her mobile, straight to VM, text sent")
    c.act(e, "enquiry", "2025-12-26 01:10", "PC 4412", "Spoke to 2 school friends' parents by phone, not with them")
    c.act(e, "cctv", "2025-12-26 01:55", "PC 6120", "Bus station CCTV reviewed w/ security", "2025-12-26 02:30")
    c.sw(e, "2025-12-26 11:00", "in_person", "PC 4412", True, True)
    c.rhi(e, "2025-12-27 10:15", "Stockport Council RHI worker", done="2025-12-29 14:00",
          done_by="Stockport Council RHI worker")
    c.note("episode", e, "Call handler 60381", "call handler", "2025-12-25 21:45",
           "Foster carer reporting J not back from walk after xmas dinner (left approx 1930). Carer says J has been "
           "messaging a man on snapchat who J calls her \"boyfriend\" - carer thinks he is in his 20s. Carer clear "
           "this is an adult grooming her, not a relationship. No money, phone on 10%.")
    c.note("episode", e, "PC 4412", "PC", "2025-12-26 12:10",
           "S&W done in person at foster home. J says she went to meet the male at the bus stn, he did not turn up. "
           "She has been groomed online by an adult; phone handed over. CSE referral to MASH, crime report to follow by CAIU.")


def vc002():
    c = Case("VC-002", "15yo boy at home, county lines exploitation reported by school, investigation kept on track",
             "good", True,
             trap="'runner' only inside a quotation of the suspect's messages and 'dealer' negated in a sergeant's "
                  "note; reviews and updates 23-26 days apart (inside 28); arrest decision told to the mother the "
                  "same evening and to the child next morning.")
    c.child("2010-09-02", "M", False, None, ["ADHD"], "Doncaster Exploitation Hub", "Doncaster")
    i = c.inv("criminal", "2025-11-10 09:30", "school", crime_recorded_at="2025-11-10 15:00",
              crime_reference="SY-25-118823", plan_recorded_at="2025-11-12 12:00", first_action_at="2025-11-10 11:00",
              team="Exploitation Hub", officer_in_charge="DC 5520", needs_assessment_at="2025-11-13 16:00",
              child_supports_prosecution="unknown", outcome="open")
    c.review(i, "2025-11-12 10:00", "DS 0914", "Plan agreed: handset download, identify deal line user, CAWN")
    c.review(i, "2025-12-08 09:00", "DS 0914", "Suspect arrested 03/12, RUI. Awaiting download. Child/mum updated.")
    c.review(i, "2026-01-02 14:00", "DI 7731", "Holiday cover review. Download back, 2 further lines raised.")
    c.loe(i, "Download handset seized from L (mum consent)", "2025-11-10 11:00", "completed", "2025-11-20 16:00")
    c.loe(i, "Identify user of 'Kz' deal line", "2025-11-12 12:00", "completed", "2025-11-20 16:00")
    c.loe(i, "Cell site for deal line on dates L missing from school", "2026-01-02 14:00")
    s = c.suspect(i, "2025-11-20 16:00", True, "Adult male, user of deal line", 24, "Doncaster", True)
    c.disrupt(s, "cawn", "2025-11-24 18:00")
    c.disrupt(s, "arrest", "2025-12-03 14:00")
    k1 = c.kd(i, "arrest", "2025-12-03 14:00")
    k2 = c.kd(i, "release_under_investigation", "2025-12-04 09:30")
    c.contact(i, "parent_carer", "2025-11-10 11:00", "in_person")
    c.contact(i, "child", "2025-11-11 16:00", "in_person")
    c.contact(i, "parent_carer", "2025-12-03 18:30", "phone", k1)
    c.contact(i, "child", "2025-12-04 10:00", "in_person", k1)
    c.contact(i, "child", "2025-12-04 15:00", "in_person", k2)
    c.contact(i, "parent_carer", "2025-12-04 15:00", "in_person", k2)
    c.contact(i, "child", "2025-12-30 11:00", "in_person")
    c.contact(i, "parent_carer", "2025-12-30 11:00", "in_person")
    c.contact(i, "child", "2026-01-16 17:30", "phone")
    c.contact(i, "parent_carer", "2026-01-16 17:40", "phone")
    c.referral(i, "Children's social care (MASH)", "2025-11-10 13:00", "children_social_care", "Doncaster Children's Services")
    c.referral(i, "SOS+ caseworker", "2025-11-14 10:00", "support_service", "St Giles Trust")
    n = c.note("investigation", i, "DC 5520", "DC", "2025-11-10 14:30",
               "School DSL reports L found w/ GBP200 cash and 2nd phone. Msgs on handset from 'Kz' call him \"my little "
               "runner\" and tell him what to carry and where. L is being criminally exploited to move drugs. Mum supportive.")
    c.note("investigation", i, "DS 0914", "DS", "2025-11-12 10:05",
           "Agree CCE. Keep recording in these terms - L is not a dealer and this is not his choice; adults are "
           "exploiting him. CAWN to be served on suspect once identified.")


def vc003():
    c = Case("VC-003", "16yo girl in out-of-area supported accommodation, missing three times in 62 days, screened and strategy meeting held",
             "good", True,
             trap="Three episodes within 90 days, but exploitation screening was done after the second and a "
                  "strategy meeting after the third; medium-risk gaps up to 3h50m (inside 6h); third return home "
                  "interview offered in time and declined by her.")
    c.child("2009-08-21", "F", True, "semi-independent supported accommodation", ["self-harm (historic)"],
            "Blackpool Missing Team", "Blackpool", True)
    e1 = c.episode("2025-11-02 23:00", "support worker", "2025-11-02 17:00", "supported accommodation, Blackpool",
                   "missing_from_care", "2025-11-03 09:10", "mother's address, Sheffield", "Blackpool Missing Team", "PS 1207")
    c.risk(e1, "medium", "PC 3318", "2025-11-02 23:20", "PS 1207", "2025-11-03 06:30",
           ["in care", "placed out of area", "historic self-harm"],
           "16, placed from Sheffield, not back by 10pm curfew, phone off. Hist of self harm (none in 12 months). "
           "No known CSE/CCE indicators. Likely heading to mum in Sheff but not confirmed. MEDIUM.")
    c.act(e1, "child_call", "2025-11-02 23:25", "PC 3318", "Call to her mobile - off")
    c.act(e1, "contact", "2025-11-02 23:45", "PC 3318", "Phoned mum in Sheffield - says not there, will ring if she turns up")
    c.act(e1, "enquiry", "2025-11-03 02:30", "PC 3318", "Staff checked her socials w/ me, friends in Blackpool contacted - nothing")
    c.act(e1, "circulation", "2025-11-03 05:15", "PC 3318", "Request to South Yorks Police to attend mum's address")
    c.act(e1, "address_visit", "2025-11-03 07:50", "PC 3318", "SYP attended mum's address 0750, no reply, neighbours spoken to")
    c.sw(e1, "2025-11-04 15:00", "in_person", "PC 6610", True, True)
    c.rhi(e1, "2025-11-04 10:00", "Blackpool Council Missing from Care Service", done="2025-11-05 16:00",
          done_by="Blackpool Council Missing from Care Service")
    e2 = c.episode("2025-12-06 20:30", "support worker", "2025-12-06 15:00", "town centre, Blackpool",
                   "missing_from_care", "2025-12-07 02:00", "Sheffield station (BTP)", "Blackpool Missing Team", "PS 1207",
                   screening="2025-12-08 11:00")
    c.risk(e2, "medium", "PC 2874", "2025-12-06 20:45", "PS 1207", "2025-12-06 23:10",
           ["in care", "placed out of area", "2nd episode"],
           "2nd time missing, same pattern as 02/11 (went to mum). No new concerns. MEDIUM, screening to be done on return.")
    c.act(e2, "child_call", "2025-12-06 20:50", "PC 2874", "Rang her phone, no answer")
    c.act(e2, "contact", "2025-12-06 21:30", "PC 2874", "Mum phoned - not heard from her")
    c.act(e2, "circulation", "2025-12-06 23:00", "PC 2874", "Circulated BTP and SYP")
    c.act(e2, "cctv", "2025-12-07 00:40", "PC 2874", "Blackpool North stn CCTV - boards Preston train 1603", "2025-12-07 01:30")
    c.sw(e2, "2025-12-08 16:00", "in_person", "PC 6610", True, True)
    c.rhi(e2, "2025-12-08 09:30", "Blackpool Council Missing from Care Service", done="2025-12-09 15:30",
          done_by="Blackpool Council Missing from Care Service")
    e3 = c.episode("2026-01-03 18:00", "support worker", "2026-01-03 12:30", "supported accommodation, Blackpool",
                   "missing_from_care", "2026-01-04 08:00", "mother's address, Sheffield", "Blackpool Missing Team", "PS 4471",
                   strategy="2026-01-06 10:00")
    c.risk(e3, "medium", "PC 3318", "2026-01-03 18:20", "PS 4471", "2026-01-03 21:00",
           ["in care", "placed out of area", "3rd episode in 90 days"],
           "3rd episode since Nov. Screening 08/12 found no current CSE/CCE indicators. Likely Sheff again but "
           "not confirmed, treat as whereabouts unknown. MEDIUM. Strategy mtg requested w/ Blackpool CSC.")
    c.act(e3, "child_call", "2026-01-03 18:25", "PC 3318", "Rang, no answer, text sent")
    c.act(e3, "contact", "2026-01-03 19:10", "PC 3318", "Mum - not there she says")
    c.act(e3, "circulation", "2026-01-03 21:40", "PC 3318", "SYP and BTP circulation")
    c.act(e3, "enquiry", "2026-01-04 01:30", "PC 5520", "Night shift - friends and ex-foster carer in Sheffield rung")
    c.act(e3, "address_visit", "2026-01-04 05:30", "PC 5520", "SYP visit mum's address, no answer")
    c.sw(e3, "2026-01-05 14:00", "in_person", "PC 6610", True, True)
    c.rhi(e3, "2026-01-05 11:00", "Blackpool Council Missing from Care Service", declined="2026-01-05 11:00",
          not_done="Declined - said she would talk to her own social worker instead. SW informed.")
    c.note("episode", e2, "PS 1207", "PS", "2025-12-08 11:30",
           "2nd missing in 5 wks. Exploitation screening done today w/ CSC (SW + missing coordinator): no current "
           "CSE/CCE indicators, episodes linked to wanting contact with mum. Each episode still to be graded on its own facts.")
    c.note("episode", e3, "PC 3318", "PC", "2026-01-03 18:30",
           "Missing again, 3rd since Nov. Not assuming she is at mum's - whereabouts unknown until confirmed by SYP.")


def vc004():
    c = Case("VC-004", "12yo autistic boy missing after dark from home, high risk, found within 3 hours",
             "good", True,
             trap="Safe and well check at 69h45m and return home interview offered at 71h05m after return, both just "
                  "inside 72h; mother's words 'he always comes back' appear only as a quotation the call handler rejects.")
    c.child("2013-03-09", "M", False, None, ["autism"], "Warrington Response", "Warrington")
    e = c.episode("2025-11-29 17:40", "parent", "2025-11-29 16:15", "park near home, Warrington", "missing",
                  "2025-11-29 20:25", "allotments 400m from home", "Warrington Response", "PS 3390")
    c.risk(e, "high", "PS 3390", "2025-11-29 17:55", "Insp 2206", "2025-11-29 18:40",
           ["age", "autism", "dark/cold", "no phone", "out of character"],
           "12yo with autism, no phone, never out after dark, left after row re screen time. Cold night. HIGH.")
    c.act(e, "circulation", "2025-11-29 17:50", "PC 7812", "Circulated to all units")
    c.act(e, "search", "2025-11-29 18:00", "PC 7812", "Home and garden search then area search w/ 3 units", "2025-11-29 20:25")
    c.act(e, "address_visit", "2025-11-29 18:20", "PC 1044", "Grandmother's address - not there")
    c.act(e, "cctv", "2025-11-29 19:00", "PC 1044", "Shop CCTV on parade - seen 1630 walking towards allotments")
    c.act(e, "enquiry", "2025-11-29 19:45", "PC 1044", "Friends' parents rung (3)")
    c.act(e, "search", "2025-11-29 20:15", "PC 7812", "Dog unit to allotments - found in shed 2025 hrs", "2025-11-29 20:25")
    c.sw(e, "2025-12-02 18:10", "in_person", "PC 7812", True, True)
    c.rhi(e, "2025-12-02 19:30", "Warrington Youth Service RHI", done="2025-12-04 16:00",
          done_by="Warrington Youth Service RHI")
    c.note("episode", e, "Call handler 60577", "call handler", "2025-11-29 17:45",
           "Mum says \"he always comes back\" but she has never known him out after dark and he is autistic with no "
           "phone. Not assuming he will return - passed as priority.")
    c.note("episode", e, "PC 7812", "PC", "2025-12-02 18:40",
           "S&W done at home (delayed by shifts, within 72h). D upset about screen time, hid in shed, no harm or "
           "other concerns disclosed. Mum has support from school SENCO.")


def vc005():
    c = Case("VC-005", "13yo girl in out-of-area children's home groomed online by an adult; she does not support, evidence-led charge",
             "good", True,
             trap="Child does not support prosecution but evidence-led prosecution was considered and pursued; a DC's "
                  "'sending explicit pictures' wording was challenged in writing by a DS 7 hours later; charge "
                  "decision on a Wednesday afternoon told to the child next morning.")
    c.child("2012-07-30", "F", True, "children's home", ["learning disability"], "Telford CSE Team", "Telford", True)
    i = c.inv("sexual", "2025-11-24 15:10", "social_care", crime_recorded_at="2025-11-24 18:00",
              crime_reference="WM-25-441907", plan_recorded_at="2025-11-26 11:00", first_action_at="2025-11-24 17:00",
              team="Telford CSE Team", officer_in_charge="DC 6021", needs_assessment_at="2025-11-27 14:00",
              child_supports_prosecution="no", evidence_led_considered_at="2025-12-15 12:00",
              evidence_led_decision="proceed",
              evidence_led_reason="Chat logs and images recovered from tablet and suspect's devices; offences provable "
                                  "without M's evidence. She did not want ABE - wishes respected.",
              outcome="charged", outcome_at="2026-01-14 16:00", charged_at="2026-01-14 16:00",
              outcome_text="Charged - causing/inciting a child to engage in sexual activity, making IIOC. Remanded.")
    c.review(i, "2025-11-26 10:00", "DS 1180", "Plan set. Tablet to DFU urgent. Identify account holder.")
    c.review(i, "2025-12-19 15:00", "DS 1180", "Suspect arrested 10/12. Evidence-led file being built.")
    c.review(i, "2026-01-14 17:00", "DI 7731", "Charged. Victim care plan reviewed.")
    c.loe(i, "Examine tablet (DFU)", "2025-11-24 17:00", "completed", "2025-12-01 12:00")
    c.loe(i, "Production order - gaming app account", "2025-11-26 11:00", "completed", "2025-12-02 09:00")
    s = c.suspect(i, "2025-12-02 09:00", True, "Adult male, gaming app account holder", 31, "Lincoln area", True)
    c.disrupt(s, "search_warrant", "2025-12-10 06:00")
    c.disrupt(s, "arrest", "2025-12-10 06:30")
    c.disrupt(s, "charge", "2026-01-14 16:00")
    k1 = c.kd(i, "arrest", "2025-12-10 06:30")
    k2 = c.kd(i, "charge", "2026-01-14 16:00")
    c.contact(i, "child", "2025-11-24 17:00", "in_person")
    c.contact(i, "parent_carer", "2025-11-25 10:00", "phone")
    c.contact(i, "child", "2025-12-10 16:00", "in_person", k1)
    c.contact(i, "parent_carer", "2025-12-10 17:30", "phone", k1)
    c.contact(i, "child", "2025-12-30 14:00", "in_person")
    c.contact(i, "parent_carer", "2025-12-30 15:00", "phone")
    c.contact(i, "parent_carer", "2026-01-14 18:00", "phone", k2)
    c.contact(i, "child", "2026-01-15 10:00", "in_person", k2)
    c.contact(i, "care_home", "2026-01-15 10:00", "in_person", k2)
    c.referral(i, "Strategy discussion", "2025-11-25 09:00", "strategy_discussion", "Birmingham Children's Trust")
    c.referral(i, "CSE support worker", "2025-11-28 12:00", "support_service", "Barnardo's")
    n1 = c.note("investigation", i, "DC 6021", "DC", "2025-11-25 10:00",
                "M has been sending explicit pictures to an adult male she met on a gaming app. Tablet seized.")
    c.note("investigation", i, "DS 1180", "DS", "2025-11-25 17:00",
           "Correction to DC 6021 entry above: M did not 'send explicit pictures'. An adult groomed and coerced a "
           "13 yr old into producing indecent images - these are IIOC and she is the victim. Use this wording going forward.",
           challenges=n1)


def vc006():
    c = Case("VC-006", "17yo boy in supported accommodation missing over New Year's Eve, low risk properly reasoned",
             "good", True,
             trap="Low grade for a child in care with gaps up to 9h10m between actions (inside the 24h low-risk "
                  "limit) over the New Year bank holiday; low is recorded with reasons (not 'no apparent risk'); "
                  "'streetwise' appears only as the support worker's word, quoted and expressly not relied on.")
    c.child("2008-10-11", "M", True, "semi-independent supported accommodation", None, "Crewe Neighbourhood",
            "Crewe", False)
    e = c.episode("2025-12-31 23:30", "support worker", "2025-12-31 18:00", "supported accommodation, Crewe",
                  "missing_from_care", "2026-01-01 19:30", "returned to accommodation", "Crewe Response", "PS 2788")
    c.risk(e, "low", "PC 4021", "2026-01-01 00:10", "PS 2788", "2026-01-01 09:00",
           ["in care", "aged 17", "first episode", "no exploitation indicators"],
           "17, no vulns, 1st missing episode. Texted staff 2005 'out for NYE back later' then phone off. No "
           "CSE/CCE indicators, no older associates known. Not NAR - in care and whereabouts unknown. LOW: harm "
           "possible but minimal. Review if new info or not back by 1200.")
    c.act(e, "child_call", "2026-01-01 00:20", "PC 4021", "Rang him, VM, text sent")
    c.act(e, "review", "2026-01-01 09:00", "PS 2788", "Grade reviewed and confirmed LOW")
    c.act(e, "contact", "2026-01-01 09:30", "PC 2290", "Friend's mum rung - stayed there till 2am then left w/ others")
    c.act(e, "address_visit", "2026-01-01 16:00", "PC 2290", "Older brother's flat Nantwich - not there, brother thinks at a party")
    c.sw(e, "2026-01-02 15:00", "in_person", "PC 2290", True, True)
    c.rhi(e, "2026-01-02 10:00", "Cheshire East RHI service", done="2026-01-05 10:00", done_by="Cheshire East RHI service")
    c.note("episode", e, "PS 2788", "PS", "2026-01-01 09:05",
           "Grade confirmed LOW. Support worker describes him as \"streetwise\" - that is not a reason to reduce the "
           "grade and I have not relied on it. No exploitation indicators. Review at 1200 or on any new info.")


def vc007():
    c = Case("VC-007", "15yo girl abused by a 16yo boy at school (peer abuse), investigated to NFA with updates kept",
             "good", True,
             trap="The suspect is 16, so no adult-suspect disruption is required; NFA decided on a Friday at 15:00 "
                  "and told on Monday morning (next working day); 'manipulative' describes the suspect, not her.")
    c.child("2010-04-17", "F", False, None, None, "Bolton CAIU", "Bolton")
    i = c.inv("sexual", "2025-12-01 19:00", "parent_carer", crime_recorded_at="2025-12-01 21:30",
              crime_reference="GM-25-902114", plan_recorded_at="2025-12-03 12:00", first_action_at="2025-12-02 09:00",
              team="Bolton CAIU", officer_in_charge="DC 3187", needs_assessment_at="2025-12-04 15:00",
              child_supports_prosecution="yes", outcome="evidential_difficulties", outcome_at="2026-01-09 15:00",
              outcome_text="NFA - CPS early advice insufficient evidence. Suspect (16) referred to YOS/CSC for HSB work; "
                           "school safety plan in place.",
              closed_at="2026-01-12 12:00")
    c.review(i, "2025-12-03 12:00", "DS 2402", "Plan agreed, ABE, suspect VI with appropriate adult, phones.")
    c.review(i, "2025-12-29 10:00", "DS 2402", "Phone download back. Early advice file to CPS.")
    c.review(i, "2026-01-09 14:00", "DS 2402", "CPS early advice NFA. Agree. Tell J and mum in person.")
    c.loe(i, "ABE interview J", "2025-12-02 09:00", "completed", "2025-12-05 11:00")
    c.loe(i, "Download suspect's phone", "2025-12-03 12:00", "completed", "2025-12-22 10:00")
    c.suspect(i, "2025-12-01 21:30", False, "Boy from same school", 16, "Bolton", True)
    k1 = c.kd(i, "interview", "2025-12-10 10:00")
    k2 = c.kd(i, "no_further_action", "2026-01-09 15:00")
    c.contact(i, "parent_carer", "2025-12-01 21:30", "phone")
    c.contact(i, "child", "2025-12-02 09:00", "in_person")
    c.contact(i, "parent_carer", "2025-12-10 17:00", "phone", k1)
    c.contact(i, "child", "2025-12-11 16:00", "in_person", k1)
    c.contact(i, "child", "2025-12-23 16:00", "phone")
    c.contact(i, "parent_carer", "2025-12-23 16:05", "phone")
    c.contact(i, "child", "2026-01-12 10:00", "in_person", k2)
    c.contact(i, "parent_carer", "2026-01-12 10:00", "in_person", k2)
    c.referral(i, "ISVA (children and young people)", "2025-12-02 12:00", "support_service", "Bolton SARC")
    c.note("investigation", i, "DC 3187", "DC", "2025-12-02 15:00",
           "Initial acct from J via mum: clear she did not consent. Suspect was manipulative, pressured her over "
           "weeks then shared the image in a group chat. ABE booked Fri.")


def vc008():
    c = Case("VC-008", "14yo boy missing overnight with county lines indicators, still missing at as_of, hourly actions",
             "good", True,
             trap="Still missing at as_of, so no safe and well check or return home interview is due; every gap "
                  "between proactive actions through the night is under an hour; 'gone to do work' only as the "
                  "brother's quoted words.")
    c.child("2011-05-05", "M", False, None, None, "Rotherham Missing Persons", "Rotherham")
    e = c.episode("2026-01-19 21:00", "parent", "2026-01-19 16:30", "leaving school, Rotherham", "missing",
                  team="Rotherham Missing Persons", oic="Insp 3302")
    c.risk(e, "high", "PC 1650", "2026-01-19 21:20", "Insp 3302", "2026-01-19 22:30",
           ["age", "CCE indicators", "found with cash and 2nd phone 2 wks ago", "older associates from Liverpool"],
           "14, found w/ GBP150 and burner phone 2 wks ago, brother says gone with older lads from L'pool. Risk of "
           "CCE and serious harm. HIGH.")
    acts = [("circulation", "2026-01-19 21:15", "PNC and local briefing"),
            ("address_visit", "2026-01-19 21:40", "Best friend's house - not seen since school"),
            ("phone_check", "2026-01-19 22:30", "Urgent cell site request auth Insp 3302"),
            ("enquiry", "2026-01-19 23:20", "School DSL rung at home re associates"),
            ("cctv", "2026-01-20 00:15", "Rotherham Interchange CCTV"),
            ("contact", "2026-01-20 01:10", "BTP - request checks Sheffield and L'pool Lime St"),
            ("search", "2026-01-20 02:05", "Known cuckooed address area patrols"),
            ("enquiry", "2026-01-20 02:55", "Intel checks on older associates"),
            ("phone_check", "2026-01-20 03:50", "Cell site back - last hit Sheffield 1940"),
            ("contact", "2026-01-20 04:45", "SYP Sheffield control informed, request patrols"),
            ("circulation", "2026-01-20 05:40", "Circulated to Merseyside Police"),
            ("address_visit", "2026-01-20 06:35", "Aunt's address - not there"),
            ("child_call", "2026-01-20 07:30", "Rang his phone - off"),
            ("enquiry", "2026-01-20 08:25", "Early turn - school and YOS worker spoken to"),
            ("cctv", "2026-01-20 09:20", "Sheffield stn CCTV request with BTP")]
    for kind, at, desc in acts:
        c.act(e, kind, at, "PC 1650" if at < "2026-01-20 06" else "PC 2044", desc,
              "2026-01-20 04:00" if kind == "search" else None)
    c.note("episode", e, "PC 1650", "PC", "2026-01-19 21:25",
           "Brother says C has \"gone to do work\" for older lads from Liverpool. Found 2 wks ago with GBP150 and a "
           "burner. Treating as criminal exploitation - HIGH.")
    c.note("episode", e, "Insp 3302", "Insp", "2026-01-19 22:35",
           "HIGH confirmed. Hourly actions to continue overnight. Strategy discussion to be requested 0900.")


def vc009():
    c = Case("VC-009", "11yo girl missing after playing out on a Sunday, found 2.5 hours later at a friend's house",
             "good", True,
             trap="Neither a safe and well check nor a return home interview is recorded, but she was found only 38h "
                  "before as_of so neither is yet due.")
    c.child("2014-02-20", "F", False, None, None, "Oldham Response", "Oldham")
    e = c.episode("2026-01-18 17:30", "parent", "2026-01-18 15:45", "park, Oldham", "missing", "2026-01-18 20:00",
                  "friend's house, Oldham", "Oldham Response", "PS 0631")
    c.risk(e, "high", "PC 2208", "2026-01-18 17:40", "PS 0631", "2026-01-18 18:30",
           ["age 11", "dark", "out of character"],
           "11 yrs, should have been home by 4, dark since 1630, no phone. Out of character. HIGH due to age.")
    c.act(e, "circulation", "2026-01-18 17:35", "PC 2208", "All units")
    c.act(e, "address_visit", "2026-01-18 17:50", "PC 2208", "Friend 1 address - not there")
    c.act(e, "search", "2026-01-18 18:30", "PC 5561", "Park and streets", "2026-01-18 19:45")
    c.act(e, "enquiry", "2026-01-18 19:20", "PC 2208", "Class parents WhatsApp via mum, school head rung")
    c.act(e, "address_visit", "2026-01-18 19:55", "PC 2208", "Friend 2 - found there 2000, friend's mum unaware")
    c.note("episode", e, "PC 2208", "PC", "2026-01-19 14:00",
           "S&W visit arranged with mum for Tues 20/01 after school (within 72h). RHI referral sent to Oldham "
           "RHI service. No concerns disclosed so far.")


# ---------------------------------------------------------------------------
# Failures
# ---------------------------------------------------------------------------

def vc010():
    c = Case("VC-010", "14yo girl offered money for sex by an adult; mother's report not recorded, case dropped without the child",
             "inadequate", False)
    c.child("2011-09-12", "F", False, None, None, "Romford Safeguarding", "Romford")
    i = c.inv("sexual", "2025-11-03 16:00", "parent_carer", first_action_at="2025-11-04 11:00",
              team="Romford Safeguarding", officer_in_charge="PC 8821", child_supports_prosecution="no",
              outcome="victim_does_not_support", outcome_at="2025-11-20 15:00",
              outcome_text="Victim will not provide account. No complaint from victim. NFA.", closed_at="2025-11-20 15:00")
    c.review(i, "2025-11-19 16:00", "DS 7745", "Agree NFA - no complaint from S.")
    s = c.suspect(i, "2025-11-05 12:00", True, "Adult male, offered S money to meet", 27, "Romford", True)
    k = c.kd(i, "no_further_action", "2025-11-20 15:00")
    c.contact(i, "parent_carer", "2025-11-03 16:00", "in_person")
    c.contact(i, "child", "2025-11-04 11:00", "in_person")
    c.contact(i, "parent_carer", "2025-11-20 16:00", "phone", k)
    c.contact(i, "child", "2025-11-27 09:00", "letter", k)
    c.referral(i, "MASH notification", "2025-11-04 14:00", "children_social_care", "Havering Children's Services")
    c.note("investigation", i, "PC 8821", "PC", "2025-11-03 16:30",
           "Mother attended front counter. Says 14yo daughter S being offered money by an older male to meet him. "
           "Crime not recorded at this stage pending acct from S.")
    n2 = c.note("investigation", i, "PC 8821", "PC", "2025-11-04 12:00",
                "Spoke to S at home. She refused to engage and says he is her boyfriend. She is sexually active with "
                "older males and is putting herself at risk.")
    c.expect("INV-THIRD-PARTY-NOT-RECORDED", i,
             "Mother reported an adult offering her 14-year-old money for sex; no crime was ever recorded, pending "
             "the child's own account (the inspection's 'she must report it herself' failure).")
    c.expect("INV-NO-EVIDENCE-LED", i,
             "Closed as 'victim does not support' with no record that an evidence-led prosecution was considered.")
    c.expect("INV-SUSPECT-NOT-DISRUPTED", i,
             "Adult suspect (27) identified and located on 05/11 but no CAWN, arrest or other disruption recorded.")
    c.expect("INV-NO-PLAN", i, "No investigation plan recorded; the case ran 17 days to closure without one.")
    c.expect("INV-NO-NEEDS-ASSESSMENT", i, "No Victims' Code needs assessment recorded at any point.")
    c.expect("INV-NO-REFERRAL", i, "Only a MASH notification to children's social care; no referral to a support service.")
    c.expect("INV-KEY-DECISION-LATE", i,
             "NFA decided Thu 20/11 15:00; the child was told only by letter on 27/11, five working days later.")
    c.expect("LANG-UNCHALLENGED", n2,
             "'refused to engage', 'sexually active with older males' and 'putting herself at risk' blame a 14-year-old; "
             "the DS who reviewed the case did not challenge them.")


def vc011():
    c = Case("VC-011", "15yo boy missing three times from an out-of-area children's home, county lines signs missed",
             "inadequate", False)
    c.child("2010-06-28", "M", True, "children's home", None, "Shrewsbury Response", "Shrewsbury", True)
    e1 = c.episode("2025-10-30 22:00", "care home staff", "2025-10-30 19:00", "children's home, Shrewsbury",
                   "missing_from_care", "2025-10-31 03:00", "town centre, Wolverhampton (WMP)", "Shrewsbury Response", "PS 3321")
    c.risk(e1, "medium", "PC 5102", "2025-10-30 22:15", "PS 3321", "2025-10-31 02:00", ["in care", "out of area"],
           "15, LAC placed from Wolves, not back for tea, phone off. Prob gone to Wolves. MEDIUM.")
    c.act(e1, "child_call", "2025-10-30 22:20", "PC 5102", "Rang - off")
    c.act(e1, "contact", "2025-10-30 23:00", "PC 5102", "Mum in Wolverhampton - not seen him")
    c.act(e1, "circulation", "2025-10-31 01:30", "PC 5102", "Circulated WMP")
    c.sw(e1, "2025-11-01 14:00", "in_person", "PC 5102", True, True)
    c.rhi(e1, "2025-11-01 10:00", "Shropshire RHI service", done="2025-11-03 15:00", done_by="Shropshire RHI service")
    e2 = c.episode("2025-12-05 21:00", "care home staff", "2025-12-05 17:30", "children's home, Shrewsbury",
                   "missing_from_care", "2025-12-06 05:40", "flat in Wolverhampton (WMP)", "Shrewsbury Response", "PS 3321")
    c.risk(e2, "medium", "PC 5102", "2025-12-05 21:20", "PS 3321", "2025-12-06 07:00", ["in care", "out of area", "2nd episode"],
           "2nd time. Same as before, likely Wolves. MEDIUM.")
    c.act(e2, "child_call", "2025-12-05 21:25", "PC 5102", "Rang - off")
    c.act(e2, "contact", "2025-12-05 22:10", "PC 5102", "Mum - not seen")
    c.act(e2, "circulation", "2025-12-06 00:30", "PC 5102", "WMP circulation")
    c.act(e2, "address_visit", "2025-12-06 03:45", "PC 5102", "WMP to known address of associate - no answer")
    c.sw(e2, "2025-12-06 15:00", "in_person", "PC 6870", True, True)
    c.rhi(e2, "2025-12-07 11:00", "Shropshire RHI service", done="2025-12-08 14:00", done_by="Shropshire RHI service")
    c.note("episode", e2, "PC 5102", "PC", "2025-12-06 06:30",
           "WMP found him at a flat in Wolverhampton 0540 with GBP300 cash and two phones. Adult occupants (males, "
           "20s) known for supply. Returned to home by staff.")
    e3 = c.episode("2026-01-10 20:00", "care home staff", "2026-01-10 16:00", "children's home, Shrewsbury",
                   "missing_from_care", "2026-01-11 01:30", "Wolverhampton station (BTP)", "Shrewsbury Response", "PS 3321")
    c.risk(e3, "low", "PC 6870", "2026-01-10 20:20", "PS 3321", "2026-01-11 07:00", ["in care", "repeat"],
           "Regularly goes to Wolves and always returns. No concerns raised by staff. LOW.")
    c.act(e3, "child_call", "2026-01-10 20:30", "PC 6870", "Rang - off")
    c.act(e3, "contact", "2026-01-10 22:00", "PC 6870", "Mum rung")
    c.act(e3, "circulation", "2026-01-11 00:15", "PC 6870", "BTP/WMP circulation")
    c.sw(e3, "2026-01-12 11:00", "phone", "PC 6870", False, True)
    c.rhi(e3, "2026-01-12 10:00", "Shropshire RHI service")
    n = c.note("episode", e3, "PC 6870", "PC", "2026-01-10 20:25",
               "Misper is a serial absconder, always turns up in Wolves. Likely gone to run for his mates again.")
    c.expect("MIS-REPEAT-NO-SCREENING", e3,
             "Third missing episode in 72 days (30/10, 05/12, 10/01) and no exploitation screening or strategy meeting "
             "on any of them, despite cash, phones and an adult supply address at the second.")
    c.expect("MIS-GRADE-LOW", e3,
             "Graded low although the record shows a 15-year-old in care found last time at an adult supply address "
             "with GBP300 and two phones; those CCE indicators support at least medium.")
    c.expect("MIS-NO-INPERSON-CHECK", e3,
             "The only safe and well check after the 11/01 return was by phone; no face-to-face check within 72h.")
    c.expect("LANG-UNCHALLENGED", n,
             "'serial absconder', 'always turns up' and 'run for his mates' minimise risk and treat exploitation as "
             "his choice; the PS who confirmed the grade did not challenge it.")


def vc012():
    c = Case("VC-012", "16yo girl missing from foster care after a party over Christmas; grade confirmed and RHI offered just too late",
             "requires_improvement", False)
    c.child("2009-11-30", "F", True, "foster care", None, "Northampton Response", "Northampton", False)
    e = c.episode("2025-12-27 01:20", "foster carer", "2025-12-26 20:00", "friend's party, Northampton",
                  "missing_from_care", "2025-12-27 13:00", "friend's house, Wellingborough", "Northampton Response", "PS 2051")
    c.risk(e, "medium", "PC 7714", "2025-12-27 01:35", "PS 2051", "2025-12-27 14:15",
           ["in care", "out of character", "alcohol at party"],
           "16, LAC, not back from party, phone off, carer says out of character. No known CSE indicators. MEDIUM.")
    c.act(e, "child_call", "2025-12-27 01:40", "PC 7714", "Rang her - off")
    c.act(e, "contact", "2025-12-27 02:30", "PC 7714", "Host's parent - she left party about 2300 with 2 girls")
    c.act(e, "address_visit", "2025-12-27 04:00", "PC 7714", "Address of one of the girls - no answer")
    c.act(e, "enquiry", "2025-12-27 07:30", "PC 3026", "Socials checked with carer; friends messaged")
    c.act(e, "circulation", "2025-12-27 10:15", "PC 3026", "Circulated to Wellingborough units")
    c.act(e, "address_visit", "2025-12-27 12:45", "PC 3026", "2nd girl's address Wellingborough - found there 1300")
    c.sw(e, "2025-12-28 12:00", "in_person", "PC 3026", True, True)
    c.rhi(e, "2025-12-30 16:30", "Northamptonshire Children's Trust RHI", done="2026-01-02 11:00",
          done_by="Northamptonshire Children's Trust RHI")
    c.note("episode", e, "Call handler 61150", "call handler", "2025-12-27 01:25",
           "Foster carer v concerned - E is 16 and has never stayed out before. Was at a party, phone now off. No known exploitation concerns.")
    c.note("episode", e, "PS 2051", "PS", "2025-12-27 14:20",
           "Reviewed and confirmed MEDIUM - late, missed on handover at 0700 (busy night). Now found.")
    c.expect("MIS-GRADE-UNCONFIRMED", e,
             "Medium grade made 01:35 was confirmed by PS 2051 at 14:15, 12h40m later - just outside the 12-hour limit "
             "(and after she was found).")
    c.expect("MIS-RHI-LATE", e,
             "Found 27/12 13:00; return home interview first offered 30/12 16:30, 75.5h after return - just outside 72h "
             "(the bank holidays do not stop the clock).")


def vc013():
    c = Case("VC-013", "13yo boy with self-harm history missing after leaving a note; 2.5-hour gap with no active search at high risk",
             "inadequate", False)
    c.child("2012-08-08", "M", False, None, ["self-harm", "mental health"], "Bury Response", "Bury")
    e = c.episode("2026-01-03 20:00", "parent", "2026-01-03 18:30", "home, Bury", "missing", "2026-01-04 01:00",
                  "playing field near home", "Bury Response", "Insp 1102")
    c.risk(e, "high", "PC 4490", "2026-01-03 20:10", "Insp 1102", "2026-01-03 21:30",
           ["age", "self-harm history", "note suggesting suicidal intent", "cold night"],
           "13 yo, left note saying he wants to 'disappear', hist of self harm, CAMHS open. HIGH.")
    c.act(e, "circulation", "2026-01-03 20:15", "PC 4490", "All units")
    c.act(e, "address_visit", "2026-01-03 20:40", "PC 4490", "Dad's address - not there")
    c.act(e, "review", "2026-01-03 21:30", "Insp 1102", "Grade confirmed high. Dog unit requested.")
    c.act(e, "note", "2026-01-03 22:15", "PC 4490", "Awaiting dog unit - units committed to RTC on M66")
    c.act(e, "search", "2026-01-03 23:10", "PC 4490", "Dog unit search from home address", "2026-01-04 01:00")
    c.act(e, "phone_check", "2026-01-04 00:20", "PC 4490", "Cell site auth - phone at home address")
    c.sw(e, "2026-01-04 15:00", "in_person", "PC 4490", True, True)
    c.rhi(e, "2026-01-05 10:00", "Bury Early Help RHI", done="2026-01-06 16:00", done_by="Bury Early Help RHI")
    c.note("episode", e, "PC 4490", "PC", "2026-01-04 02:00",
           "Found by dog unit on playing field, cold, no injuries. Taken to A&E for check, CAMHS crisis team informed.")
    c.expect("MIS-NO-PROACTIVE-ACTION", e,
             "High risk: after the address visit at 20:40 nothing proactive until the dog search at 23:10 - 2h30m against "
             "a 1-hour limit; the inspector's review and 'awaiting dog unit' note are not proactive actions.")


def vc014():
    c = Case("VC-014", "17yo girl missing from supported accommodation graded 'no apparent risk' by a call handler",
             "inadequate", False)
    c.child("2008-07-03", "F", True, "semi-independent supported accommodation", None, "Lincoln Response",
            "Lincoln", False)
    e = c.episode("2026-01-10 22:00", "support worker", "2026-01-10 14:00", "supported accommodation, Lincoln",
                  "missing_from_care", "2026-01-11 03:30", "returned to accommodation", "Lincoln Response", "PS 5530")
    c.risk(e, "no_apparent_risk", "Call handler 60412", "2026-01-10 22:10", "PS 5530", "2026-01-10 22:50",
           ["aged 17"], "17, semi indep, has stayed out before, no concerns. NAR.")
    c.act(e, "child_call", "2026-01-10 22:30", "PC 1187", "Rang - no answer")
    c.act(e, "contact", "2026-01-11 01:30", "PC 1187", "Friend rung - she was there earlier")
    c.sw(e, "2026-01-11 13:00", "in_person", "PC 1187", True, True)
    c.rhi(e, "2026-01-12 10:00", "Lincolnshire RHI service", done="2026-01-13 15:00", done_by="Lincolnshire RHI service")
    c.expect("MIS-NO-APPARENT-RISK", e,
             "A 17-year-old in care whose whereabouts were unknown was graded 'no apparent risk' and the sergeant "
             "confirmed it; a missing child should be graded at least low.")


def vc015():
    c = Case("VC-015", "16yo boy stabbed over a drugs debt, A&E referral; slow start, no review for two months, mother not updated",
             "requires_improvement", False)
    c.child("2009-05-19", "M", False, None, None, "Luton CID", "Luton")
    i = c.inv("criminal", "2025-11-14 17:00", "health", crime_recorded_at="2025-11-14 19:00",
              crime_reference="BD-25-300871", plan_recorded_at="2025-11-18 15:00", first_action_at="2025-11-17 10:00",
              team="Luton CID", officer_in_charge="DC 3340", needs_assessment_at="2025-11-19 11:00",
              child_supports_prosecution="unknown", outcome="open")
    c.review(i, "2025-11-20 09:00", "DS 2290", "Plan ok. Suspect to be identified from phone.")
    c.loe(i, "Hospital CCTV and A&E notes", "2025-11-17 10:00", "completed", "2025-11-21 12:00")
    c.loe(i, "Identify 'J' from K's phone contacts", "2025-11-18 15:00", "completed", "2025-11-25 10:00")
    s = c.suspect(i, "2025-11-25 10:00", True, "Adult male 'J'", 22, "Luton", True)
    c.disrupt(s, "arrest", "2025-12-02 11:00")
    c.disrupt(s, "bail_conditions", "2025-12-02 20:00")
    k1 = c.kd(i, "arrest", "2025-12-02 11:00")
    k2 = c.kd(i, "bail", "2025-12-02 20:00")
    c.contact(i, "child", "2025-11-17 11:00", "in_person")
    c.contact(i, "parent_carer", "2025-11-17 11:00", "in_person")
    c.contact(i, "child", "2025-12-02 17:00", "phone", k1)
    c.contact(i, "parent_carer", "2025-12-02 17:00", "phone", k1)
    c.contact(i, "child", "2025-12-03 10:00", "in_person", k2)
    c.contact(i, "parent_carer", "2025-12-03 10:00", "in_person", k2)
    c.contact(i, "child", "2025-12-29 16:00", "phone")
    c.contact(i, "child", "2026-01-06 15:00", "in_person")
    c.contact(i, "parent_carer", "2026-01-06 15:00", "in_person")
    c.contact(i, "child", "2026-01-16 16:00", "phone")
    c.referral(i, "Youth worker (A&E)", "2025-11-18 12:00", "support_service", "Redthread")
    c.note("investigation", i, "DC 3340", "DC", "2025-11-17 10:30",
           "Picked up A&E referral from Fri eve - not allocated over the weekend. K says he owes money to older males "
           "who made him hold a package that was then 'lost'. He is being criminally exploited.")
    c.expect("INV-SLOW-FIRST-ACTION", i,
             "Reported by A&E Fri 14/11 17:00; first action Mon 17/11 10:00, 65 hours later against a 24-hour limit.")
    c.expect("INV-NO-SUPERVISOR-REVIEW", i,
             "One supervisor review on 20/11 and none since: 61 days to as_of against a 28-day interval.")
    c.expect("INV-PARENT-NOT-UPDATED", i,
             "Mother updated 03/12 then not until 06/01 - 34 days; the child's own updates do not cover her.")


def vc016():
    c = Case("VC-016", "15yo boy sextorted online reports it himself; plan a day late, child update gap 30 days, wording challenged late",
             "requires_improvement", False)
    c.child("2010-12-02", "M", False, None, None, "Swindon CAIU", "Swindon")
    i = c.inv("sexual", "2025-12-08 11:00", "child", crime_recorded_at="2025-12-08 13:00", crime_reference="WI-25-77120",
              plan_recorded_at="2025-12-16 09:00", first_action_at="2025-12-08 12:00", team="Swindon CAIU",
              officer_in_charge="DC 2719", needs_assessment_at="2025-12-15 10:00", child_supports_prosecution="yes",
              outcome="open")
    c.review(i, "2025-12-16 09:00", "DS 6633", "Plan recorded. Platform data request, IWF Report Remove done.")
    c.review(i, "2026-01-12 10:00", "DS 6633", "Platform return shows overseas account. Intl enquiry via NCA.")
    c.loe(i, "Platform data request for extorting account", "2025-12-08 13:00", "completed", "2026-01-09 12:00")
    c.loe(i, "NCA international enquiry", "2026-01-12 10:00")
    c.contact(i, "child", "2025-12-09 10:00", "in_person")
    c.contact(i, "parent_carer", "2025-12-09 10:00", "in_person")
    c.contact(i, "parent_carer", "2025-12-30 12:00", "phone")
    c.contact(i, "child", "2026-01-08 11:00", "phone")
    c.contact(i, "child", "2026-01-15 16:00", "phone")
    c.contact(i, "parent_carer", "2026-01-15 16:10", "phone")
    c.referral(i, "Young victims service", "2025-12-10 12:00", "support_service", "Swindon Young Victims Service")
    n1 = c.note("investigation", i, "DC 2719", "DC", "2025-12-09 15:00",
                "T sent explicit pictures of himself to a female he met on Instagram, who then demanded GBP500.")
    c.note("investigation", i, "DS 6633", "DS", "2025-12-13 16:00",
           "Re DC 2719 entry 09/12: please do not describe T as having 'sent explicit pictures'. An offender posing as "
           "a girl coerced him into producing images then blackmailed him. He is a victim of sextortion.",
           challenges=n1)
    c.expect("INV-NO-PLAN", i, "Reported 08/12 11:00; plan first recorded 16/12 09:00, 7 days 22 hours later - just outside 7 days.")
    c.expect("INV-CHILD-NOT-UPDATED", i,
             "Child updated 09/12 10:00 then not until 08/01 11:00 - just over 30 days, outside the 28-day interval "
             "(his mother's call on 30/12 does not count for him).")
    c.expect("LANG-VICTIM-BLAMING", n1,
             "'sent explicit pictures' puts the act on the child; the DS challenged it in writing, but 97 hours later, "
             "outside 72 hours.")


def vc017():
    c = Case("VC-017", "12yo girl in foster care seen getting into an adult's car, graded medium; arrest decision told two working days late",
             "inadequate", False)
    c.child("2013-10-25", "F", True, "foster care", None, "Walsall CSE Team", "Walsall", False)
    e = c.episode("2026-01-06 19:00", "foster carer", "2026-01-06 16:00", "outside school, Walsall",
                  "missing_from_care", "2026-01-06 23:30", "in car stopped on ANPR, Dudley", "Walsall Response", "PS 1744")
    c.risk(e, "medium", "PC 3901", "2026-01-06 19:15", "PS 1744", "2026-01-06 20:30",
           ["in care", "previous episodes", "with older male"],
           "Been missing before, usually back by 10pm. Seen getting into car with older male she knows. MEDIUM.")
    for kind, at, desc in [("circulation", "2026-01-06 19:10", "All units, car details from school"),
                           ("child_call", "2026-01-06 19:30", "Rang - off"),
                           ("phone_check", "2026-01-06 20:15", "Cell site request"),
                           ("enquiry", "2026-01-06 21:00", "School re car VRM - partial"),
                           ("cctv", "2026-01-06 21:50", "ANPR search on partial VRM"),
                           ("circulation", "2026-01-06 22:40", "ANPR marker on full VRM, Dudley units"),
                           ("search", "2026-01-06 23:25", "Car stopped on ANPR hit - found in car 2330")]:
        c.act(e, kind, at, "PC 3901", desc)
    c.sw(e, "2026-01-07 14:00", "in_person", "DC 4410", True, True)
    c.rhi(e, "2026-01-07 10:00", "Walsall Missing Children Service", done="2026-01-09 15:30",
          done_by="Walsall Missing Children Service")
    n1 = c.note("episode", e, "PC 3901", "PC", "2026-01-06 19:20",
                "A keeps putting herself at risk getting into cars with older men. Likely with him again.")
    c.note("episode", e, "PS 1744", "PS", "2026-01-08 11:00",
           "Challenge to PC 3901 entry 06/01: A is 12. She is not putting herself at risk - an adult male is grooming "
           "and exploiting her. Please amend. On reflection this should have been graded HIGH.", challenges=n1)
    i = c.inv("sexual", "2026-01-07 09:00", "police", crime_recorded_at="2026-01-07 10:00", crime_reference="WM-26-00419",
              plan_recorded_at="2026-01-08 12:00", first_action_at="2026-01-07 09:30", team="Walsall CSE Team",
              officer_in_charge="DC 4410", needs_assessment_at="2026-01-09 15:00", child_supports_prosecution="unknown",
              outcome="open", related_episode_ids=[e])
    c.review(i, "2026-01-08 12:00", "DS 5018", "Plan agreed. Suspect on bail w/ conditions. ABE when she is ready.")
    s = c.suspect(i, "2026-01-07 09:00", True, "Adult male, driver of car", 34, "Dudley", True)
    c.disrupt(s, "arrest", "2026-01-07 11:00")
    c.disrupt(s, "bail_conditions", "2026-01-07 23:00")
    k = c.kd(i, "arrest", "2026-01-07 11:00")
    c.contact(i, "child", "2026-01-07 09:30", "in_person")
    c.contact(i, "parent_carer", "2026-01-07 09:30", "in_person")
    c.contact(i, "child", "2026-01-09 15:00", "in_person", k)
    c.contact(i, "parent_carer", "2026-01-09 15:00", "in_person", k)
    c.contact(i, "child", "2026-01-16 16:00", "in_person")
    c.contact(i, "parent_carer", "2026-01-16 16:00", "in_person")
    c.referral(i, "CSE support worker", "2026-01-09 15:00", "support_service", "Black Country CSE support service")
    c.expect("MIS-GRADE-LOW", e,
             "A 12-year-old in care seen getting into a car with an adult male, missing after dark: the recorded facts "
             "support high, not medium (the PS says so two days later but the grade was never revised).")
    c.expect("INV-KEY-DECISION-LATE", i,
             "Suspect arrested Wed 07/01 11:00; child and foster carer first told Fri 09/01 15:00 - two working days, "
             "outside 1 working day.")


def vc018():
    c = Case("VC-018", "14yo boy missing again at as_of, medium risk, nothing proactive since 23:00",
             "requires_improvement", False)
    c.child("2011-11-15", "M", False, None, None, "Stoke Response", "Stoke-on-Trent")
    e = c.episode("2026-01-19 18:00", "parent", "2026-01-19 15:30", "school gates, Stoke-on-Trent", "missing",
                  team="Stoke Response", oic="PS 4102")
    c.risk(e, "medium", "PC 2670", "2026-01-19 18:15", "PS 4102", "2026-01-19 20:00",
           ["age 14", "overnight", "previous episodes"],
           "Missing twice before in 2025 (June, Sept) after rows with mum, returned next day both times. No "
           "exploitation indicators known. MEDIUM.")
    c.act(e, "child_call", "2026-01-19 18:20", "PC 2670", "Rang - no answer")
    c.act(e, "address_visit", "2026-01-19 19:00", "PC 2670", "Friend's house - not there")
    c.act(e, "review", "2026-01-19 20:00", "PS 4102", "Confirmed MEDIUM")
    c.act(e, "enquiry", "2026-01-19 21:30", "PC 2670", "Friends via mum's Facebook")
    c.act(e, "contact", "2026-01-19 23:00", "PC 2670", "Aunt rung - not there")
    c.act(e, "note", "2026-01-20 02:00", "PC 2670", "No update")
    c.act(e, "review", "2026-01-20 06:30", "PS 3815", "Handover to early turn. Remains MEDIUM.")
    n = c.note("episode", e, "PC 2670", "PC", "2026-01-19 23:10",
               "Frequent flyer - will turn up in the morning as usual. Mum to ring when he's back.")
    c.expect("MIS-NO-PROACTIVE-ACTION", e,
             "Medium risk and still missing: last proactive action the call to the aunt at 23:00, then only a note and "
             "a handover review - 11 hours to as_of against a 6-hour limit.")
    # Note n ('frequent flyer', 'will turn up') is victim-blaming but was written 10h50m before as_of: the 72-hour
    # window for a supervisor's challenge has not yet run, so no LANG finding is due at as_of.
    _ = n


def vc019():
    c = Case("VC-019", "15yo girl in out-of-area children's home, CSE investigation sound but blaming notes left unchallenged",
             "requires_improvement", False)
    c.child("2010-03-03", "F", True, "children's home", ["ADHD"], "Hastings Safeguarding", "Hastings", True)
    i = c.inv("sexual", "2025-12-15 10:00", "social_care", crime_recorded_at="2025-12-15 12:00",
              crime_reference="SX-25-660412", plan_recorded_at="2025-12-17 11:00", first_action_at="2025-12-15 11:30",
              team="Hastings Safeguarding", officer_in_charge="DC 4528", needs_assessment_at="2025-12-18 14:00",
              child_supports_prosecution="no", evidence_led_considered_at="2026-01-12 10:00",
              evidence_led_decision="pending", evidence_led_reason="Considered - awaiting phone download before decision.",
              outcome="open")
    c.review(i, "2025-12-17 11:00", "DS 5512", "Plan set, CAWN, phone.")
    c.review(i, "2026-01-12 10:00", "DS 5512", "CAWN served. Evidence-led to be decided when download back.")
    s = c.suspect(i, "2025-12-16 12:00", True, "Adult male met online", 23, "Hastings", True)
    c.disrupt(s, "cawn", "2025-12-19 14:00")
    c.contact(i, "child", "2025-12-15 11:30", "in_person")
    c.contact(i, "parent_carer", "2025-12-15 12:30", "phone")
    c.contact(i, "child", "2025-12-22 15:00", "in_person")
    c.contact(i, "parent_carer", "2026-01-05 11:00", "phone")
    c.contact(i, "child", "2026-01-12 15:00", "in_person")
    c.referral(i, "Children's ISVA", "2025-12-18 14:00", "support_service", "Sussex SARC")
    n1 = c.note("investigation", i, "DC 4528", "DC", "2025-12-16 15:00",
                "R is promiscuous and has been seeking out older men online. Suspect identified from her phone.")
    c.note("investigation", i, "PC 1963", "PC", "2025-12-17 10:00",
           "Not appropriate wording - she is 15 and being groomed.", challenges=n1)
    c.note("investigation", i, "DC 4528", "DC", "2025-12-22 16:00",
           "R says the suspect told her she was \"mature for her age\" and that they were in a relationship. This is "
           "grooming by the suspect.")
    n4 = c.note("child", c.cid, "PC 0877", "PC", "2026-01-05 09:00",
                "Staff say R absconded from the home again last night, brought back by taxi 0200 before a report was "
                "made. She is a persistent misper.")
    c.expect("LANG-UNCHALLENGED", n1,
             "'promiscuous' and 'seeking out older men' blame a 15-year-old; the only challenge came from a PC, not a "
             "supervisor, and the DS's later reviews say nothing.")
    c.expect("LANG-UNCHALLENGED", n4,
             "'absconded' and 'persistent misper' minimise the risk to her; no supervisor has challenged it in the 15 "
             "days to as_of.")


def vc020():
    c = Case("VC-020", "16yo boy in foster care trafficked to a cannabis grow in another force area, found on a warrant, treated as a victim",
             "good", True,
             trap="Found at a drugs grow and reported by another force, but handled as trafficking: crime recorded, NRM "
                  "and guardian referral, evidence-led prosecution considered although he does not support one; "
                  "'gardener' and 'working' appear only negated, and 'wanted the job' only as the suspect's quoted words.")
    c.child("2009-07-14", "M", True, "foster care", ["trafficking (NRM referral 2025)", "English as additional language"],
            "Peterborough Exploitation Team", "Peterborough", False)
    e = c.episode("2025-12-12 08:00", "foster carer", "2025-12-11 22:00", "foster home, Peterborough", "missing_from_care",
                  "2025-12-12 14:30", "cannabis grow, Spalding (Lincolnshire Police warrant)", "Peterborough Missing Persons",
                  "Insp 4020")
    c.risk(e, "high", "PC 5117", "2025-12-12 08:15", "Insp 4020", "2025-12-12 09:40",
           ["in care", "previously trafficked", "EAL", "phone left behind"],
           "16, LAC, known trafficking victim (NRM 2025), bed not slept in, phone left at home. Risk he has been "
           "re-trafficked by the network. HIGH.")
    for kind, at, desc in [("circulation", "2025-12-12 08:05", "PNC, all units, BTP"),
                           ("phone_check", "2025-12-12 08:30", "Checks on numbers in his phone left at home"),
                           ("contact", "2025-12-12 09:20", "Social worker and ICTG informed, asked re known associates"),
                           ("enquiry", "2025-12-12 10:10", "Intel re network from 2025 NRM case"),
                           ("cctv", "2025-12-12 11:00", "Street CCTV near foster home - picked up by car 2215"),
                           ("circulation", "2025-12-12 11:50", "ANPR marker on car, Cambs/Lincs/BTP"),
                           ("contact", "2025-12-12 12:40", "Lincolnshire Police intel - car linked to suspected grow in Spalding"),
                           ("address_visit", "2025-12-12 13:30", "Lincs warrant team briefed, address under observation"),
                           ("search", "2025-12-12 14:25", "Warrant executed by Lincolnshire Police - B found 1430")]:
        c.act(e, kind, at, "PC 5117", desc)
    c.sw(e, "2025-12-13 11:00", "in_person", "DC 2650", True, True)
    c.rhi(e, "2025-12-13 15:00", "Peterborough Missing Children Service", done="2025-12-15 14:00",
          done_by="Peterborough Missing Children Service (with interpreter)")
    i = c.inv("criminal", "2025-12-12 15:30", "police", crime_recorded_at="2025-12-12 18:00", crime_reference="CB-25-512300",
              plan_recorded_at="2025-12-14 11:00", first_action_at="2025-12-12 16:00", team="Peterborough Exploitation Team",
              officer_in_charge="DC 2650", needs_assessment_at="2025-12-15 14:00", child_supports_prosecution="no",
              evidence_led_considered_at="2026-01-08 12:00", evidence_led_decision="proceed",
              evidence_led_reason="Grow scene, phone downloads and ANPR of transport car prove offences without B's "
                                  "evidence. NRM reasonable grounds positive.",
              outcome="open", related_episode_ids=[e])
    c.review(i, "2025-12-15 10:00", "DS 3377", "Plan agreed with Lincs. Both suspects to be pursued. ICTG involved.")
    c.review(i, "2026-01-09 15:00", "DI 6402", "Evidence-led agreed. Driver arrested 06/01.")
    s1 = c.suspect(i, "2025-12-12 14:30", True, "Adult male controlling grow", 38, "Spalding", True)
    c.disrupt(s1, "arrest", "2025-12-12 14:30")
    c.disrupt(s1, "charge", "2025-12-14 20:00")
    s2 = c.suspect(i, "2025-12-20 12:00", True, "Adult male, driver of transport car", 29, "Peterborough", True)
    c.disrupt(s2, "arrest", "2026-01-06 07:00")
    k1 = c.kd(i, "arrest", "2025-12-12 14:30")
    k2 = c.kd(i, "charge", "2025-12-14 20:00")
    k3 = c.kd(i, "arrest", "2026-01-06 07:00")
    c.contact(i, "parent_carer", "2025-12-12 19:00", "phone", k1)
    c.contact(i, "child", "2025-12-13 11:00", "in_person", k1)
    c.contact(i, "child", "2025-12-15 10:00", "in_person", k2)
    c.contact(i, "parent_carer", "2025-12-15 10:00", "in_person", k2)
    c.contact(i, "child", "2026-01-06 16:00", "in_person", k3)
    c.contact(i, "parent_carer", "2026-01-06 16:00", "in_person", k3)
    c.contact(i, "child", "2026-01-16 15:00", "in_person")
    c.contact(i, "parent_carer", "2026-01-16 15:00", "in_person")
    c.referral(i, "NRM referral", "2025-12-13 16:00", "national_referral_mechanism", "Home Office SCA")
    c.referral(i, "Independent Child Trafficking Guardian", "2025-12-13 16:00", "support_service", "Barnardo's ICTG")
    c.note("investigation", i, "DC 2650", "DC", "2025-12-13 13:00",
           "B is a victim of trafficking and criminal exploitation. He is not a 'gardener' and was not 'working' at "
           "the grow - he was locked in and made to tend plants. Interpreter used. No action against B.")
    c.note("investigation", i, "DS 3377", "DS", "2025-12-15 10:10",
           "Lincs interview of grow suspect: he said B \"wanted the job\". Noted as the suspect's account only - B is 16 "
           "and was moved there by adults.")


for fn in (vc001, vc002, vc003, vc004, vc005, vc006, vc007, vc008, vc009,
           vc010, vc011, vc012, vc013, vc014, vc015, vc016, vc017, vc018, vc019, vc020):
    fn()


# ---------------------------------------------------------------------------
# Grade rule, a few consistency checks on my own data, and output
# ---------------------------------------------------------------------------

def severity(case, f):
    if f["check"] == "MIS-NO-PROACTIVE-ACTION":
        return PROACTIVE_SEVERITY[case.level[f["record"]]]
    return SEVERITY[f["check"]]


def grade(case):
    sev = [severity(case, f) for f in case.findings]
    if "serious" in sev or sev.count("major") >= 3:
        return "inadequate"
    if sev:
        return "requires_improvement"
    return "good"


# ---------------------------------------------------------------------------
# Self-check: recompute the purely mechanical (timing/presence) checks from my own
# rows and compare with the findings written by hand above.  Judgement checks
# (MIS-GRADE-LOW, LANG-*) are not recomputed.  This guards against slips in the
# hand-written timestamps; it is not a model of the audit tool.
# ---------------------------------------------------------------------------
MECHANICAL = {"MIS-GRADE-UNCONFIRMED", "MIS-NO-APPARENT-RISK", "MIS-NO-PROACTIVE-ACTION", "MIS-REPEAT-NO-SCREENING",
              "MIS-NO-INPERSON-CHECK", "MIS-RHI-LATE", "INV-NO-PLAN", "INV-NO-SUPERVISOR-REVIEW",
              "INV-SLOW-FIRST-ACTION", "INV-SUSPECT-NOT-DISRUPTED", "INV-CHILD-NOT-UPDATED", "INV-PARENT-NOT-UPDATED",
              "INV-KEY-DECISION-LATE", "INV-NO-NEEDS-ASSESSMENT", "INV-NO-REFERRAL", "INV-NO-EVIDENCE-LED",
              "INV-THIRD-PARTY-NOT-RECORDED"}
SUP_RANKS = ("PS", "Sgt", "Sergeant", "DS", "Insp", "Inspector", "DI", "CI", "DCI", "Supt", "Superintendent")
PROACTIVE = {"enquiry", "search", "address_visit", "child_call", "contact", "cctv", "phone_check", "circulation"}
BANK_HOLIDAYS = {"2025-12-25", "2025-12-26", "2026-01-01"}
H = timedelta(hours=1)
D = timedelta(days=1)


def _by(table, key, val):
    return [r for r in ROWS[table] if r[key] == val]


def _max_gap(start, points, end):
    """Longest interval in [start, end] not covered by any (from, to) span."""
    cur, gap = start, timedelta(0)
    for a, b in sorted(points):
        if a > cur:
            gap = max(gap, a - cur)
        cur = max(cur, b)
    return max(gap, end - cur) if end > cur else gap


def _end_of_next_working_day(d):
    day = d.date() + timedelta(days=1)
    while day.weekday() >= 5 or day.isoformat() in BANK_HOLIDAYS:
        day += timedelta(days=1)
    return datetime.combine(day, datetime.max.time())


def recompute(case):
    asof = dt(AS_OF)
    got = set()
    eps = sorted(_by("missing_episodes", "child_id", case.cid), key=lambda r: r["reported_at"])
    for ep in eps:
        e = ep["id"]
        found = dt(ep["found_at"]) if ep["found_at"] else None
        ras = sorted(_by("risk_assessments", "episode_id", e), key=lambda r: r["graded_at"])
        for ra in ras:
            if ra["level"] == "no_apparent_risk":
                got.add(("MIS-NO-APPARENT-RISK", e))
            due = dt(ra["graded_at"]) + (2 if ra["level"] == "high" else 12) * H
            ok = (ra["supervisor_confirmed_at"] and dt(ra["supervisor_confirmed_at"]) <= due
                  and (ra["supervisor_confirmed_by"] or "").split(" ")[0] in SUP_RANKS)
            if not ok and (due <= asof or ra["supervisor_confirmed_at"]):
                got.add(("MIS-GRADE-UNCONFIRMED", e))
        level = ras[-1]["level"]
        lim = {"high": 1, "medium": 6, "low": 24}.get(level, 24) * H
        spans = [(dt(a["at"]), dt(a["ended_at"]) if a["ended_at"] else dt(a["at"]))
                 for a in _by("episode_actions", "episode_id", e) if a["action_type"] in PROACTIVE]
        point_only = [(a, a) for a, _ in spans]
        g1 = _max_gap(dt(ep["reported_at"]), spans, found or asof)
        g2 = _max_gap(dt(ep["reported_at"]), point_only, found or asof)
        if (g1 > lim) != (g2 > lim):
            print(f"  note {e}: proactive gap verdict depends on whether ended_at counts ({g1} vs {g2})")
        if g2 > lim:
            got.add(("MIS-NO-PROACTIVE-ACTION", e))
        if found and found + 72 * H <= asof:
            if not any(s["mode"] == "in_person" and found <= dt(s["at"]) <= found + 72 * H
                       for s in _by("safe_and_well_checks", "episode_id", e)):
                got.add(("MIS-NO-INPERSON-CHECK", e))
            if not any(r["offered_at"] and dt(r["offered_at"]) <= found + 72 * H
                       for r in _by("return_home_interviews", "episode_id", e)):
                got.add(("MIS-RHI-LATE", e))
    screened = any(ep["exploitation_screening_at"] or ep["strategy_meeting_at"] for ep in eps)
    for k in range(2, len(eps)):
        if dt(eps[k]["reported_at"]) - dt(eps[k - 2]["reported_at"]) <= 90 * D and not screened:
            got.add(("MIS-REPEAT-NO-SCREENING", eps[k]["id"]))
            break
    for inv in _by("investigations", "child_id", case.cid):
        i = inv["id"]
        rep = dt(inv["reported_at"])
        end = dt(inv["closed_at"]) if inv.get("closed_at") else asof
        for key, check, lim in (("plan_recorded_at", "INV-NO-PLAN", 7 * D),
                                ("first_action_at", "INV-SLOW-FIRST-ACTION", 24 * H),
                                ("needs_assessment_at", "INV-NO-NEEDS-ASSESSMENT", 7 * D)):
            v = inv.get(key)
            if (v and dt(v) > rep + lim) or (not v and rep + lim <= end):
                got.add((check, i))
        revs = [dt(r["reviewed_at"]) for r in _by("supervisor_reviews", "investigation_id", i)]
        if _max_gap(rep, [(x, x) for x in revs], end) > 28 * D:
            got.add(("INV-NO-SUPERVISOR-REVIEW", i))
        cons = _by("victim_contacts", "investigation_id", i)
        for who, check in (("child", "INV-CHILD-NOT-UPDATED"), ("parent_carer", "INV-PARENT-NOT-UPDATED")):
            ts = [(dt(x["at"]), dt(x["at"])) for x in cons if x["contact_with"] == who]
            if _max_gap(rep, ts, end) > 28 * D:
                got.add((check, i))
        for k in _by("key_decisions", "investigation_id", i):
            due = _end_of_next_working_day(dt(k["at"]))
            for who in ("child", "parent_carer"):
                told = [dt(x["at"]) for x in cons if x["contact_with"] == who and x["key_decision_id"] == k["id"]]
                if (not told and due <= asof) or (told and min(told) > due):
                    got.add(("INV-KEY-DECISION-LATE", i))
        if not any(r["referral_type"] == "support_service" for r in _by("referrals", "investigation_id", i)):
            got.add(("INV-NO-REFERRAL", i))
        if inv.get("child_supports_prosecution") == "no" and not inv.get("evidence_led_considered_at"):
            got.add(("INV-NO-EVIDENCE-LED", i))
        if inv["reported_by"] != "child" and not inv.get("crime_recorded_at"):
            got.add(("INV-THIRD-PARTY-NOT-RECORDED", i))
        for s in _by("suspects", "investigation_id", i):
            if s["is_adult"] and not _by("disruption_actions", "suspect_id", s["id"]):
                got.add(("INV-SUSPECT-NOT-DISRUPTED", i))
    return got


def self_check():
    bad = False
    for c in CASES:
        want = {(f["check"], f["record"]) for f in c.findings if f["check"] in MECHANICAL}
        got = recompute(c)
        if want != got:
            bad = True
            print(f"{c.cid}: hand-written {sorted(want - got)} not recomputed; recomputed {sorted(got - want)} not written")
    if bad:
        raise SystemExit("self-check failed")


def main():
    ids = {row["id"] for rows in ROWS.values() for row in rows}
    limit = dt(AS_OF)
    for rows in ROWS.values():
        for row in rows:
            for k, v in row.items():
                if isinstance(v, str) and (k.endswith("_at") or k == "at") and v:
                    assert dt(v) <= limit, (row["id"], k, v)
    for c in CASES:
        g = grade(c)
        if g != c.grade:
            raise SystemExit(f"{c.cid}: stated grade {c.grade} but findings give {g}")
        if c.good != (g == "good") or (c.good and not c.trap):
            raise SystemExit(f"{c.cid}: good_practice/trap inconsistent")
        for f in c.findings:
            assert f["record"] in ids, (c.cid, f["record"])
    self_check()
    out = os.path.join(HERE, "records")
    os.makedirs(out, exist_ok=True)
    for name, fields in FIELDS.items():
        with open(os.path.join(out, name + ".csv"), "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=fields)
            w.writeheader()
            for row in ROWS[name]:
                w.writerow({k: cell(row.get(k)) for k in fields})
    doc = {"as_of": AS_OF, "cases": []}
    for c in CASES:
        entry = {"child_id": c.cid, "title": c.title, "as_of": AS_OF, "expected_grade": c.grade,
                 "good_practice": c.good}
        if c.trap:
            entry["trap"] = c.trap
        entry["expected_findings"] = c.findings
        doc["cases"].append(entry)
    with open(os.path.join(HERE, "expected.yml"), "w", encoding="utf-8") as fh:
        yaml.safe_dump(doc, fh, sort_keys=False, allow_unicode=True, width=110)
    counts = {}
    for c in CASES:
        counts[c.grade] = counts.get(c.grade, 0) + 1
    print(f"{len(CASES)} cases ({sum(c.good for c in CASES)} good practice): {counts}")


if __name__ == "__main__":
    main()

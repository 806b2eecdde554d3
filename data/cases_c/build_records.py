#!/usr/bin/env python3
"""Hand-written audit test set (cases_c): records and the auditor's expected findings side by side.

Run: .venv/bin/python data/cases_c/build_records.py
Writes records/<entity>.csv (exchange format) and expected.yml next to this file.
Every case is written by hand below; helpers only save typing (ids, CSV, a few
generated routine actions in long episodes).  The script refuses a case whose
stated grade disagrees with the brief's grade rule, and runs a small timing
self-check (sanity_check) so that good-practice cases really sit inside every limit.
"""
import csv
import os
import sys
from collections import defaultdict
from datetime import datetime, timedelta

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
AS_OF = datetime(2025, 11, 28, 9, 0)
AS_OF_S = "2025-11-28T09:00:00"

ENTITIES = ["children", "missing_episodes", "risk_assessments", "episode_actions",
            "safe_and_well_checks", "return_home_interviews", "investigations",
            "supervisor_reviews", "lines_of_enquiry", "suspects", "disruption_actions",
            "key_decisions", "victim_contacts", "referrals", "notes"]
T = {e: [] for e in ENTITIES}
_count = defaultdict(int)

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
PROACTIVE_SEV = {"high": "serious", "medium": "major", "low": "minor", "no_apparent_risk": "minor"}


def d(s):
    """'2025-09-12 21:10' -> datetime (UK local, as force systems hold it)."""
    return datetime.strptime(s, "%Y-%m-%d %H:%M")


def nid(parent, tag):
    _count[(parent, tag)] += 1
    return f"{parent}-{tag}{_count[(parent, tag)]}"


def add(kind, **kw):
    T[kind].append({k: v for k, v in kw.items()})
    return kw.get("id")


# ---- record helpers -------------------------------------------------------
def child(cid, dob, sex, team, loc, in_care=False, placement=None, ooa=None, vulns=()):
    add("children", id=cid, date_of_birth=dob, sex=sex, in_care=in_care,
        placement_type=placement, vulnerabilities=list(vulns), team=team,
        placement_location=loc, placement_out_of_area=ooa)


def episode(eid, cid, reported, by, last_seen=None, where=None, status=None, found=None,
            found_where=None, team=None, oic=None, screening=None, strategy=None):
    add("missing_episodes", id=eid, child_id=cid, reported_at=d(reported), reported_by=by,
        last_seen_at=d(last_seen) if last_seen else None, last_seen_location=where,
        status=status, found_at=d(found) if found else None, found_location=found_where,
        team=team, officer_in_charge=oic,
        exploitation_screening_at=d(screening) if screening else None,
        strategy_meeting_at=d(strategy) if strategy else None)


def grade(eid, level, by, at, factors=(), rationale=None, conf_by=None, conf_at=None):
    add("risk_assessments", id=nid(eid, "RA"), episode_id=eid, level=level,
        factors=list(factors), rationale=rationale, graded_by=by, graded_at=d(at),
        supervisor_confirmed_by=conf_by, supervisor_confirmed_at=d(conf_at) if conf_at else None)


def act(eid, typ, at, officer, desc=None, ended=None):
    add("episode_actions", id=nid(eid, "A"), episode_id=eid, action_type=typ, at=d(at),
        officer=officer, description=desc, ended_at=d(ended) if ended else None)


def routine(eid, start, end, step_h, officers, script):
    """Routine logged actions from start (exclusive) every step_h hours while before end."""
    t = d(start) + timedelta(hours=step_h)
    i = 0
    while t < d(end):
        typ, desc = script[i % len(script)]
        add("episode_actions", id=nid(eid, "A"), episode_id=eid, action_type=typ, at=t,
            officer=officers[i % len(officers)], description=desc, ended_at=None)
        t += timedelta(hours=step_h)
        i += 1


def sw(eid, at, mode, officer, seen=None, spoken=None):
    add("safe_and_well_checks", id=nid(eid, "SW"), episode_id=eid, at=d(at), mode=mode,
        officer=officer, child_seen=seen, child_spoken_to=spoken)


def rhi(eid, offered=None, by=None, declined=None, done=None, done_by=None,
        not_done=None, not_offered=None):
    add("return_home_interviews", id=nid(eid, "RHI"), episode_id=eid,
        offered_at=d(offered) if offered else None, offered_by=by,
        declined_at=d(declined) if declined else None, done_at=d(done) if done else None,
        done_by=done_by, not_done_reason=not_done, not_offered_reason=not_offered)


def inv(iid, cid, typ, reported, by, crime=None, ref=None, plan=None, first=None, team=None,
        oic=None, needs=None, supports="unknown", el_at=None, el_dec=None, el_reason=None,
        outcome="open", outcome_at=None, outcome_text=None, charged=None, closed=None,
        episodes=()):
    D = lambda s: d(s) if s else None
    add("investigations", id=iid, child_id=cid, exploitation_type=typ, reported_at=d(reported),
        reported_by=by, crime_recorded_at=D(crime), crime_reference=ref, plan_recorded_at=D(plan),
        first_action_at=D(first), team=team, officer_in_charge=oic, needs_assessment_at=D(needs),
        child_supports_prosecution=supports, evidence_led_considered_at=D(el_at),
        evidence_led_decision=el_dec, evidence_led_reason=el_reason, outcome=outcome,
        outcome_at=D(outcome_at), outcome_text=outcome_text, charged_at=D(charged),
        closed_at=D(closed), related_episode_ids=list(episodes))


def review(iid, at, who, summary):
    add("supervisor_reviews", id=nid(iid, "SR"), investigation_id=iid, reviewed_at=d(at),
        reviewer=who, summary=summary)


def loe(iid, desc, raised, status=None, completed=None):
    add("lines_of_enquiry", id=nid(iid, "L"), investigation_id=iid, description=desc,
        raised_at=d(raised), status=status, completed_at=d(completed) if completed else None)


def suspect(iid, at, desc, adult=True, age=None, address=None, located=None):
    return add("suspects", id=nid(iid, "S"), investigation_id=iid, identified_at=d(at),
               is_adult=adult, description=desc, age=age, address=address, located=located)


def disrupt(sid, typ, at):
    add("disruption_actions", id=nid(sid, "D"), suspect_id=sid, action_type=typ, at=d(at))


def kd(iid, decision, at):
    return add("key_decisions", id=nid(iid, "KD"), investigation_id=iid, decision=decision, at=d(at))


def contact(iid, who, at, method="phone", kdid=None):
    add("victim_contacts", id=nid(iid, "VC"), investigation_id=iid, contact_with=who, at=d(at),
        in_person=(method == "in_person"), method=method, key_decision_id=kdid)


def contacts(iid, who, times, method="phone"):
    for t in times:
        contact(iid, who, t, method)


def referral(iid, service, at, typ=None, agency=None):
    add("referrals", id=nid(iid, "R"), investigation_id=iid, service=service, at=d(at),
        referral_type=typ, agency=agency)


def note(cid, rtype, rid, author, role, at, text, challenges=None):
    return add("notes", id=nid(cid, "N"), record_type=rtype, record_id=rid, child_id=cid,
               author=author, author_role=role, written_at=d(at), text=text,
               challenges_note_id=challenges)


# ---- expected findings ---------------------------------------------------
CASES = []


def case(cid, title, grade_, good=False, trap=None):
    c = {"child_id": cid, "title": title, "as_of": AS_OF_S, "expected_grade": grade_,
         "good_practice": good}
    if trap:
        c["trap"] = trap
    c["expected_findings"] = []
    CASES.append(c)
    return c


def F(c, check, record, why, risk=None):
    assert check in SEVERITY or check == "MIS-NO-PROACTIVE-ACTION", check
    f = {"check": check, "record": record, "why": why}
    if check == "MIS-NO-PROACTIVE-ACTION":
        f["_sev"] = PROACTIVE_SEV[risk]
    c["expected_findings"].append(f)


def grade_rule(findings):
    sev = [f.get("_sev") or SEVERITY[f["check"]] for f in findings]
    if not sev:
        return "good"
    if "serious" in sev or sev.count("major") >= 3:
        return "inadequate"
    return "requires_improvement"


# =========================================================================
# CASES (written by hand)
# =========================================================================
PS_OK = "PS 2231 Okafor"


def uc001():
    c = case("UC-001", "Girl 14 at home, high-risk missing with CSE signs, found by another force in Blackpool; linked CSE investigation", "good", True,
             "The action start times leave a 2h55m hole (23:55 to 02:50) at high risk, but the 23:55 POLSA search ran until 02:40 (ended_at); she was found by Lancashire, not the home force; the S&W check came the next afternoon, well inside 72h; the adult suspect is named as 'Jay' in a note that describes his grooming, not her behaviour.")
    cid, e, i = "UC-001", "UC-001-M1", "UC-001-I1"
    child(cid, "2011-03-14", "F", "Stockport CID", "Stockport", vulns=["anxiety"])
    episode(e, cid, "2025-09-12 21:10", "parent", "2025-09-12 16:30", "leaving school, Stockport",
            "missing", "2025-09-13 05:45", "flat in Blackpool (Lancashire Constabulary area)",
            "Stockport response", "PS 2231 Okafor")
    grade(e, "high", "PC 4417 Marsh", "2025-09-12 21:25",
          ["age 14", "out of character", "older male contact online", "gifts", "possible CSE"],
          "14yo, never missing before. Mum found msgs on old ipad form 'Jay' (older male, says 20s) sending her trainers + vape. Told friend she was 'going to meet J'. Phone off since 17:00. Serious harm very likely - HIGH.",
          PS_OK, "2025-09-12 22:50")
    act(e, "contact", "2025-09-12 21:20", "CH 88213 Dean", "Call handler rang friend's mum - not seen her today")
    act(e, "circulation", "2025-09-12 21:40", "PC 4417 Marsh", "PNC circulated as high risk misper")
    act(e, "phone_check", "2025-09-12 22:05", "PC 4417 Marsh", "Urgent cell site / last handset activity request, auth by Insp")
    act(e, "search", "2025-09-12 22:30", "PC 4417 Marsh", "Search of home address + garden + sheds", "2025-09-12 23:00")
    act(e, "address_visit", "2025-09-12 23:10", "PC 3390 Kaur", "Visit to friend's address Heaton Moor, not there")
    act(e, "search", "2025-09-12 23:55", "PS 2231 Okafor", "POLSA led search of park + canal towpath, 6 officers + dog", "2025-09-13 02:40")
    act(e, "cctv", "2025-09-13 02:50", "PC 3390 Kaur", "CCTV trawl Stockport bus stn - C seen boarding coach to Preston 17:20 with male", "2025-09-13 03:40")
    act(e, "enquiry", "2025-09-13 03:15", "PS 2231 Okafor", "Enquiry with coach operator re tickets / onward travel")
    act(e, "child_call", "2025-09-13 04:05", "PC 4417 Marsh", "Rang C's mobile, still off. Voicemail left")
    act(e, "enquiry", "2025-09-13 04:50", "PS 2231 Okafor", "Liaison with Lancs control room - 'Jay' handle linked to Blackpool address from ipad msgs")
    act(e, "address_visit", "2025-09-13 05:30", "Lancs PC 1862", "Lancs officers attend Blackpool address")
    sw(e, "2025-09-13 14:00", "in_person", "PC 4417 Marsh", True, True)
    rhi(e, "2025-09-13 11:00", "Stockport Runaways Service", done="2025-09-15 16:00", done_by="Stockport Runaways Service")
    note(cid, "episode", e, "PS 2231 Okafor", "PS", "2025-09-12 22:52",
         "Grade confirmed HIGH. Strong CSE indicators - adult male grooming a 14yo with gifts. Tasks set: POLSA search, CCTV, cell site, liaison w/ Lancs. Update mum hourly.")
    note(cid, "episode", e, "Lancs PC 1862", "PC", "2025-09-13 06:05",
         "C found 05:45 at flat in Blackpool with adult male (23) known as Jay. Male arrested on susp of child abduction / sexual offences. C conveyed to Blackpool Vic for medical, mum travelling.")
    inv(i, cid, "sexual", "2025-09-13 06:30", "police", "2025-09-13 07:10", "CR/25/118273", "2025-09-14 12:00",
        "2025-09-13 06:30", "Stockport CSE team", "DC 6120 Byrne", "2025-09-13 15:00", "yes", episodes=[e])
    s = suspect(i, "2025-09-13 05:45", "Adult male known as Jay, 23, Blackpool", True, 23, "Blackpool", True)
    disrupt(s, "arrest", "2025-09-13 05:50")
    disrupt(s, "bail_conditions", "2025-09-14 10:00")
    k1 = kd(i, "arrest", "2025-09-13 05:50")
    contact(i, "parent_carer", "2025-09-13 06:15", "phone", k1)
    contact(i, "child", "2025-09-13 09:00", "in_person", k1)
    k2 = kd(i, "bail", "2025-09-14 10:00")
    contact(i, "parent_carer", "2025-09-14 12:00", "phone", k2)
    contact(i, "child", "2025-09-14 12:10", "phone", k2)
    contacts(i, "child", ["2025-10-02 16:30", "2025-10-24 16:00", "2025-11-18 17:00"], "in_person")
    contacts(i, "parent_carer", ["2025-09-30 18:00", "2025-10-24 16:00", "2025-11-18 17:00"])
    referral(i, "Children's Society CSE support worker", "2025-09-14 15:00", "support_service", "The Children's Society")
    referral(i, "Stockport MASH", "2025-09-13 09:30", "children_social_care", "Stockport CSC")
    review(i, "2025-09-13 16:00", "DS 1187 Patel", "Arrest, bail conds (no contact, not to enter Stockport). Plan agreed: ABE, phone dl, ipad exam.")
    review(i, "2025-10-08 10:00", "DS 1187 Patel", "ABE done 19/9. Phone dl outstanding. Child+mum updated.")
    review(i, "2025-11-03 11:00", "DS 1187 Patel", "Phone dl back - indecent images requested by suspect. Bail extended. CPS file by 1/12.")
    loe(i, "Download of suspect handset", "2025-09-13 07:00", "completed", "2025-10-29 12:00")
    loe(i, "Coach CCTV Stockport-Preston", "2025-09-13 07:00", "completed", "2025-09-20 12:00")
    note(cid, "investigation", i, "DC 6120 Byrne", "DC", "2025-09-14 09:30",
         "Jay (23) groomed C over Snapchat for ~6 wks, sent trainers and vapes, then arranged her travel to Blackpool. C is a victim of CSE; she was frightened to tell mum. ABE to be arranged w/ intermediary.")


def uc002():
    c = case("UC-002", "Boy 15 in residential care placed out of area (Margate), county lines CCE, evidence-led charge without his support", "good", True,
             "He never supported a prosecution, but an evidence-led decision to proceed is recorded; the arrest on a Friday afternoon was passed on the following Monday morning (within 1 working day); there are no parent_carer contacts but the children's home (his carer) and the social worker were updated throughout; the note's 'runner' wording is a quotation of the suspect's own message.")
    cid, i = "UC-002", "UC-002-I1"
    child(cid, "2010-06-02", "M", "Thanet CID", "Margate", True, "children's home", True, ["ADHD", "excluded from school"])
    inv(i, cid, "criminal", "2025-08-29 10:00", "social_care", "2025-08-29 12:00", "KT/25/40871", "2025-08-30 10:00",
        "2025-08-29 11:30", "Thanet CID", "DC 7731 Ward", "2025-09-01 15:00", "no",
        "2025-09-20 11:00", "proceed",
        "C will not give a statement (fear of reprisals). Case can proceed without him: drugs + cash recovered from suspect on arrest, cell site puts C's 'line' phone with suspect, ANPR of suspect vehicle. Agreed w/ DI and CPS early advice.",
        "charged", "2025-10-10 16:00", "Suspect charged s.4 MDA x3 and s.1 MSA 2015 (arranging travel).", "2025-10-10 16:00", "2025-10-14 12:00")
    s = suspect(i, "2025-09-04 10:00", "Male aged 19 known as Kez, Croydon", True, 19, "Croydon", True)
    disrupt(s, "arrest", "2025-09-05 15:00")
    disrupt(s, "bail_conditions", "2025-09-06 11:00")
    disrupt(s, "charge", "2025-10-10 16:00")
    k1 = kd(i, "arrest", "2025-09-05 15:00")
    contact(i, "child", "2025-09-08 10:30", "in_person", k1)
    contact(i, "care_home", "2025-09-08 10:30", "in_person", k1)
    k2 = kd(i, "charge", "2025-10-10 16:00")
    contact(i, "child", "2025-10-10 18:30", "phone", k2)
    contact(i, "care_home", "2025-10-10 18:30", "phone", k2)
    contacts(i, "child", ["2025-08-29 15:00", "2025-09-26 14:00"], "in_person")
    contacts(i, "care_home", ["2025-08-29 15:00", "2025-09-26 14:00"], "in_person")
    contacts(i, "social_worker", ["2025-08-30 11:00", "2025-09-19 10:00", "2025-10-10 17:00"], "phone")
    referral(i, "National Referral Mechanism (first responder: Kent Police)", "2025-09-02 12:00", "national_referral_mechanism", "Home Office SCA")
    referral(i, "County lines rescue and response support worker", "2025-09-03 10:00", "support_service", "Catch22")
    review(i, "2025-08-30 09:00", "DS 5012 Fenn", "CCE of looked-after child placed OOA. Plan: identify controller, NRM, phone exam, liaise Met.")
    review(i, "2025-09-19 09:30", "DS 5012 Fenn", "Suspect arrested 5/9, bailed w/ conds. C not supporting - consider EL prosecution, DI aware.")
    review(i, "2025-10-09 14:00", "DS 5012 Fenn", "EL file to CPS, charging decision expected.")
    note(cid, "investigation", i, "DC 7731 Ward", "DC", "2025-09-06 12:00",
         "Download of suspect handset: msg to associate at 02:14 on 27/8 reads \"get my runner back on the line by fri or hes paying it back\". C is being criminally exploited to move drugs between Croydon and Margate and is in debt bondage. He is frightened, not uncooperative.")
    note(cid, "child", cid, "DS 5012 Fenn", "DS", "2025-09-19 09:40",
         "Discussed w/ SW and home manager. C's placement to stay; safety plan updated. C told us he 'owes' money - this is a debt created by the adults exploiting him.")


def uc003():
    c = case("UC-003", "Girl 13 in foster care, three short missing episodes in 63 days, screened after the 2nd and strategy meeting after the 3rd", "good", True,
             "Three episodes within 90 days, but an exploitation screening is recorded on the second episode (before the third) and a strategy meeting on the third; on the second episode she declined the return home interview, which was offered in time - a declined RHI is not a late or missing offer.")
    cid = "UC-003"
    child(cid, "2012-05-20", "F", "Rotherham MASH", "Rotherham", True, "foster care", False, ["ADHD"])
    eps = [
        ("UC-003-M1", "2025-07-04 19:00", "2025-07-04 16:45", "2025-07-04 23:30", "friend's address, Rawmarsh", None, None),
        ("UC-003-M2", "2025-08-09 20:15", "2025-08-09 18:00", "2025-08-10 01:10", "McDonald's, Parkgate retail park", "2025-08-11 14:00", None),
        ("UC-003-M3", "2025-09-05 18:40", "2025-09-05 16:00", "2025-09-05 22:55", "friend's address, Rawmarsh", None, "2025-09-08 10:00"),
    ]
    for n, (e, rep, ls, found, where, scr, strat) in enumerate(eps, 1):
        episode(e, cid, rep, "foster carer", ls, "foster home, Rotherham", "missing_from_care", found, where,
                "Rotherham response", "PS 6604 Hirst", scr, strat)
        r = d(rep)
        f = lambda h: (r + timedelta(hours=h)).strftime("%Y-%m-%d %H:%M")
        grade(e, "medium", "PC 2093 Lister", f(0.25),
              ["age 13", "in care", f"previous episodes: {n-1}"],
              "13yo LAC. Left after row with FC over phone. Texting FC 'im fine leave me alone' so proof of life. No known adult assocs, no CSE indicators on file. Medium - harm likely but not serious at this time." if n == 1 else
              f"Episode {n}. Same pattern as before - friend's area of Rawmarsh. Still in text contact with FC. Medium. Flagged to MFH coordinator for exploitation screening." if n == 2 else
              "3rd episode in 2 months. Screening on 11/8 found no CSE/CCE indicators but pattern of repeat missing noted - strategy meeting requested. Medium.",
              "PS 6604 Hirst", f(1.5))
        act(e, "contact", f(0.1), "PC 2093 Lister", "Spoke to FC, obtained friends list")
        act(e, "circulation", f(0.5), "PC 2093 Lister", "PNC circ")
        act(e, "child_call", f(1.0), "PC 2093 Lister", "Called C - no answer, text sent")
        act(e, "address_visit", f(2.5), "PC 7741 Shaw", "Visited friend's address Rawmarsh")
        act(e, "enquiry", f(3.5), "PC 7741 Shaw", "Checked parks and shops in Parkgate")
        sw(e, (d(found) + timedelta(hours=15)).strftime("%Y-%m-%d %H:%M"), "in_person", "PC 7741 Shaw", True, True)
    rhi("UC-003-M1", "2025-07-05 10:00", "Rotherham Missing Service", done="2025-07-07 16:00", done_by="Rotherham Missing Service")
    rhi("UC-003-M2", "2025-08-10 10:00", "Rotherham Missing Service", declined="2025-08-10 10:20",
        not_done="C declined, said she'd talk to her social worker instead. SW informed.")
    rhi("UC-003-M3", "2025-09-06 10:00", "Rotherham Missing Service", done="2025-09-09 15:30", done_by="Rotherham Missing Service")
    note(cid, "episode", "UC-003-M2", "MFH coordinator Beattie", "missing person coordinator", "2025-08-11 14:10",
         "Exploitation screening tool completed (2nd episode in 36 days). No adult associates, no gifts/money, found with peers each time. Outcome: no current indicators, monitor. If a 3rd episode - strategy meeting.")
    note(cid, "episode", "UC-003-M3", "PS 6604 Hirst", "PS", "2025-09-06 09:00",
         "Third episode since July. Strategy meeting requested with CSC for Mon 8/9. FC says C is unhappy about contact arrangements with birth mum - this is the likely push factor, passed to SW.")


def uc004():
    c = case("UC-004", "Boy 16 at home, sextortion by an unidentified overseas offender; blaming phrase challenged the next morning", "good", True,
             "The intake note says he 'sent explicit pictures', which is victim-blaming, but a DS challenged it in writing about 15 hours later (inside 72h), so neither language check applies; no suspect has been identified, so there is nobody to disrupt.")
    cid, i = "UC-004", "UC-004-I1"
    child(cid, "2009-04-11", "M", "Swindon CID", "Swindon")
    inv(i, cid, "sexual", "2025-10-20 16:40", "child", "2025-10-20 17:30", "WI/25/77310", "2025-10-21 11:00",
        "2025-10-20 17:10", "Swindon online CSE", "DC 4456 Amadi", "2025-10-21 14:00", "yes")
    contacts(i, "child", ["2025-10-20 17:15", "2025-11-03 16:00", "2025-11-21 16:30"], "in_person")
    contacts(i, "parent_carer", ["2025-10-20 17:15", "2025-11-03 16:00", "2025-11-21 16:30"], "in_person")
    referral(i, "Young people's counselling service (sextortion support)", "2025-10-22 10:00", "support_service", "Swindon Youth Counselling")
    referral(i, "CEOP / NCA referral of offender accounts", "2025-10-21 12:00", "other", "NCA CEOP")
    review(i, "2025-10-21 09:15", "DS 3318 Quinn", "Sextortion, offender likely overseas. Plan: preserve accounts, CEOP, Report Remove, safety plan, support referral.")
    review(i, "2025-11-14 10:00", "DS 3318 Quinn", "Account data requested via NCA. C + dad updated. Keep open pending NCA return.")
    loe(i, "Preservation requests to platform", "2025-10-20 18:00", "completed", "2025-10-21 10:00")
    n1 = note(cid, "investigation", i, "PC 6207 Lowry", "PC", "2025-10-20 18:05",
              "C came to front counter with dad. States he was chatting to a 'girl' on Instagram, sent explicit pictures to her and was then asked for £500 or they'd be sent to his followers. Paid £60. Very upset.")
    note(cid, "investigation", i, "DS 3318 Quinn", "DS", "2025-10-21 09:15",
         "Re PC Lowry's entry last night: please don't record this as C having 'sent explicit pictures'. An adult offender posing as a girl solicited images from a 16-year-old and is now extorting him - C is the victim of sextortion. Wording for the crime report amended.", n1)


def uc005():
    c = case("UC-005", "Girl 17 at home, graded low after a party, found at a school friend's home next morning", "good", True,
             "A child graded low (not high or medium) with a reasoned rationale and no risk factors; the grade was confirmed by an Inspector (not a sergeant) 11h50m after grading, just inside 12h; the return home interview was offered 71h50m after return, just inside 72h; the actions are hours apart but never more than 24h at low risk.")
    cid, e = "UC-005", "UC-005-M1"
    child(cid, "2008-02-27", "F", "Ipswich response", "Ipswich")
    episode(e, cid, "2025-11-08 23:30", "parent", "2025-11-08 18:00", "home, Ipswich", "missing",
            "2025-11-09 09:10", "school friend's family home, Felixstowe", "Ipswich response", "PS 0712 Bright")
    grade(e, "low", "PC 5563 Doyle", "2025-11-08 23:45", ["age 17", "phone battery dead"],
          "17, went to 18th bday party in Ipswich, dad says phone was on 5% when she left. Friends confirm she left the party at 22:00 with a group from school. No mental health, no exploitation concerns, never missing before, no assoc with adults of concern. Harm possible but minimal - LOW. Review at 08:00 if no contact.",
          "Insp 0932 Lowe", "2025-11-09 11:35")
    act(e, "contact", "2025-11-08 23:40", "PC 5563 Doyle", "Rang 2 friends' parents, one confirms group left together")
    act(e, "child_call", "2025-11-09 03:00", "PC 5563 Doyle", "Rang C's phone - still off")
    act(e, "address_visit", "2025-11-09 07:30", "PC 1102 Grant", "Visited friend in Ipswich - gave details of another friend in Felixstowe")
    act(e, "enquiry", "2025-11-09 08:40", "PC 1102 Grant", "Rang Felixstowe friend's mum - C is there, asleep. Officer to attend")
    sw(e, "2025-11-09 15:00", "in_person", "PC 1102 Grant", True, True)
    rhi(e, "2025-11-12 09:00", "Suffolk Missing Service", done="2025-11-14 15:30", done_by="Suffolk Missing Service")
    note(cid, "episode", e, "Insp 0932 Lowe", "Insp", "2025-11-09 11:35",
         "Reviewed at handover. Low was right on what was known overnight; C found safe 09:10. Closing.")


def uc006():
    c = case("UC-006", "Boy 12 at home, sexual abuse by a 14-year-old boy reported by school; youth diversion outcome", "good", True,
             "The suspect is identified but is a child (14), so no disruption of an adult is required; the DC's note uses 'agreed' and 'wanted' only in a negation; key decisions were passed to mum the same day and to the child within a working day.")
    cid, i = "UC-006", "UC-006-I1"
    child(cid, "2013-01-15", "M", "Crewe CID", "Crewe", vulns=["autism"])
    inv(i, cid, "sexual", "2025-09-22 10:15", "school", "2025-09-22 11:00", "CH/25/50921", "2025-09-23 10:00",
        "2025-09-22 12:30", "Crewe CAIU", "DC 2874 Moss", "2025-09-24 11:00", "yes",
        outcome="other", outcome_at="2025-11-05 11:00",
        outcome_text="Outcome 22 - youth diversion with YOT and harmful sexual behaviour programme for the suspect; agreed with C and mum.",
        closed="2025-11-07 12:00")
    s = suspect(i, "2025-09-22 10:15", "Boy aged 14, pupil at same school", False, 14, "Crewe", True)
    k1 = kd(i, "interview", "2025-09-30 14:00")
    contact(i, "parent_carer", "2025-09-30 17:30", "phone", k1)
    contact(i, "child", "2025-10-01 15:45", "in_person", k1)
    k2 = kd(i, "no_further_action", "2025-11-05 11:00")
    contact(i, "parent_carer", "2025-11-05 15:00", "in_person", k2)
    contact(i, "child", "2025-11-05 15:00", "in_person", k2)
    contacts(i, "child", ["2025-09-22 16:00", "2025-10-20 16:00"], "in_person")
    contacts(i, "parent_carer", ["2025-09-22 16:00", "2025-10-20 16:00"], "in_person")
    referral(i, "Strategy discussion with Cheshire East CSC", "2025-09-22 11:30", "strategy_discussion", "Cheshire East CSC")
    referral(i, "Children's ISVA service", "2025-09-25 10:00", "support_service", "Crewe Children's ISVA")
    review(i, "2025-09-23 09:00", "DS 1458 Yates", "Peer-on-peer HSB. ABE with intermediary (autism). Strategy disc held. Suspect vol interview once ABE done.")
    review(i, "2025-10-17 10:00", "DS 1458 Yates", "ABE and suspect interview done. Consider Outcome 22 w/ YOT; C and mum views to be sought.")
    review(i, "2025-11-06 10:00", "DS 1458 Yates", "O22 agreed, C and mum content and updated. Close.")
    note(cid, "investigation", i, "DC 2874 Moss", "DC", "2025-09-23 15:00",
         "ABE done with intermediary. There is nothing to suggest C agreed to or wanted any of this - he is 12, autistic, and the older boy told him it was a 'game' and not to tell. C has been very brave.")


def uc007():
    c = case("UC-007", "Girl 15 in a residential home placed out of area (Blackpool), high-risk missing, found by GMP in Manchester 51 hours before as_of", "good", True,
             "No safe and well check is recorded, but she returned only 51h before as_of, so the 72h window has not closed (a check is booked); she was found by another force; the 23:45 CCTV review and 02:50 search have ended_at times that close the gaps between action start times.")
    cid, e = "UC-007", "UC-007-M1"
    child(cid, "2010-08-30", "F", "Blackpool MFH", "Blackpool", True, "children's home", True, ["self-harm", "CSE risk"])
    episode(e, cid, "2025-11-25 22:40", "care home staff", "2025-11-25 20:15", "children's home, Blackpool",
            "missing_from_care", "2025-11-26 05:50", "Manchester Piccadilly station (GMP area)", "Blackpool MFH", "PS 1740 Greaves")
    grade(e, "high", "PC 8820 Rigby", "2025-11-25 22:55",
          ["in care, placed OOA", "self-harm history", "previous episode found with adult males in Manchester", "CSE concern"],
          "15, LAC placed from Leeds. Last ep (Oct) found in Manchester flat w/ adult males. Self harm hx, took no meds. Serious harm very likely. HIGH",
          "PS 1740 Greaves", "2025-11-25 23:30")
    act(e, "circulation", "2025-11-25 22:45", "PC 8820 Rigby", "PNC + BTP circulation")
    act(e, "child_call", "2025-11-25 23:00", "PC 8820 Rigby", "Rang C, no answer")
    act(e, "enquiry", "2025-11-25 23:20", "PC 8820 Rigby", "Taxi firms - one drop at Blackpool North 20:40")
    act(e, "cctv", "2025-11-25 23:45", "PC 4107 Ashworth", "CCTV Blackpool North - C boards 20:52 Manchester train alone", "2025-11-26 01:30")
    act(e, "enquiry", "2025-11-26 00:30", "PS 1740 Greaves", "GMP control - known address from Oct episode flagged")
    act(e, "address_visit", "2025-11-26 01:20", "GMP PC 6631", "GMP attend Cheetham Hill address - not present, occupants spoken to")
    act(e, "phone_check", "2025-11-26 02:00", "PS 1740 Greaves", "Cell site request authorised")
    act(e, "search", "2025-11-26 02:50", "GMP PC 6631", "GMP/BTP search of Piccadilly + Victoria stations and city centre", "2025-11-26 05:00")
    act(e, "enquiry", "2025-11-26 05:10", "PS 1740 Greaves", "Cell site: handset near Piccadilly. Passed to BTP")
    rhi(e, "2025-11-26 16:00", "Blackpool Missing from Home service (host LA)")
    note(cid, "episode", e, "GMP PC 6631", "PC", "2025-11-26 06:10",
         "C located 05:50 Piccadilly stn with female peer (15). Cold, hungry. Says she came to see a friend. Conveyed back to placement by home staff.")
    note(cid, "episode", e, "PS 1740 Greaves", "PS", "2025-11-27 10:00",
         "Prevention interview (S&W) booked for Fri 28/11 14:00 at the home with key worker, C asked for a female officer. RHI offered by host LA 26/11.")


def uc008():
    c = case("UC-008", "Boy 14 in foster care, trafficked for CCE towards London; adult arrested and CAWN; evidence-led prosecution considered and not pursued", "good", True,
             "He did not support a prosecution and the case closed without charge, but an evidence-led prosecution was considered and a reasoned decision not to proceed is recorded; the foster carer's words 'always comes back' appear only as her quotation and the DS writes that there is nothing to suggest he is choosing this.")
    cid, e, i = "UC-008", "UC-008-M1", "UC-008-I1"
    child(cid, "2011-07-09", "M", "Northampton CID", "Northampton", True, "foster care", False, ["learning difficulties"])
    episode(e, cid, "2025-06-14 16:00", "foster carer", "2025-06-14 13:30", "town centre, Northampton",
            "missing_from_care", "2025-06-14 21:05", "Northampton railway station", "Northampton response", "PS 3304 Keane")
    grade(e, "high", "PC 9015 Osei", "2025-06-14 16:15",
          ["age 14", "in care", "CCE concerns - found in London Feb with unknown adults", "new phone"],
          "14 LAC, FC reports new iphone + cash, calls from unknown numbers. Feb found Lewisham with adults. CCE risk - HIGH.",
          "PS 3304 Keane", "2025-06-14 17:10")
    for a in [
        ("circulation", "2025-06-14 16:10", "PC 9015 Osei", "PNC + BTP circ, flagged CCE"),
        ("contact", "2025-06-14 16:40", "PC 9015 Osei", "Spoke to SW and EDT"),
        ("child_call", "2025-06-14 17:20", "PC 9015 Osei", "Called C - rang out"),
        ("cctv", "2025-06-14 18:00", "PC 2716 Baines", "Town centre CCTV review", "2025-06-14 19:30"),
        ("phone_check", "2025-06-14 18:45", "PS 3304 Keane", "Cell site request on C's handset"),
        ("enquiry", "2025-06-14 19:50", "PS 3304 Keane", "Railway stn staff + BTP - ticket purchase check"),
        ("search", "2025-06-14 20:30", "PC 2716 Baines", "Search station and bus stn - C located 21:05 with adult male boarding London train", "2025-06-14 21:05"),
    ]:
        act(e, *a)
    sw(e, "2025-06-15 11:00", "in_person", "PC 9015 Osei", True, True)
    rhi(e, "2025-06-15 10:00", "Northamptonshire Missing Service", done="2025-06-17 14:00", done_by="Northamptonshire Missing Service")
    inv(i, cid, "criminal", "2025-06-15 09:00", "police", "2025-06-15 10:00", "NN/25/30198", "2025-06-16 10:00",
        "2025-06-15 09:00", "Northampton CID", "DC 8402 Rahman", "2025-06-16 15:00", "no",
        "2025-07-10 12:00", "not_proceed",
        "Considered EL prosecution (MSA s.2). CPS early advice: no independent evidence beyond C's presence with suspect at station; phone download shows no messages linking them; no drugs/cash recovered. Not proceeding - CAWN issued, MACE oversight, reopen if new evidence. Agreed DI Frost.",
        "evidential_difficulties", "2025-08-12 15:00", "NFA evidential difficulties, CAWN in place.", closed="2025-08-14 10:00", episodes=[e])
    s = suspect(i, "2025-06-14 21:05", "Male aged 20 from south London", True, 20, "Lewisham", True)
    disrupt(s, "arrest", "2025-06-14 21:10")
    disrupt(s, "cawn", "2025-06-20 14:00")
    k1 = kd(i, "release_under_investigation", "2025-06-15 18:00")
    contact(i, "parent_carer", "2025-06-15 19:00", "phone", k1)
    contact(i, "child", "2025-06-16 10:00", "in_person", k1)
    k2 = kd(i, "no_further_action", "2025-08-12 15:00")
    contact(i, "child", "2025-08-12 17:30", "in_person", k2)
    contact(i, "parent_carer", "2025-08-12 17:30", "in_person", k2)
    contacts(i, "child", ["2025-07-03 16:00", "2025-07-24 16:00"], "in_person")
    contacts(i, "parent_carer", ["2025-06-15 11:00", "2025-07-03 16:00", "2025-07-24 16:00"], "phone")
    referral(i, "NRM referral", "2025-06-16 12:00", "national_referral_mechanism", "Home Office SCA")
    referral(i, "Independent Child Trafficking Guardian", "2025-06-17 10:00", "support_service", "Barnardo's ICTG")
    review(i, "2025-06-15 12:00", "DS 0455 Carver", "Adult arrested at stn. RUI pending phone exam. NRM + ICTG.")
    review(i, "2025-07-08 10:00", "DS 0455 Carver", "C won't support. EL to be considered w/ CPS. CAWN served 20/6.")
    review(i, "2025-08-01 10:00", "DS 0455 Carver", "EL not viable (see rationale). Prepare NFA, tell C + FC in person.")
    review(i, "2025-08-13 09:00", "DS 0455 Carver", "NFA given 12/8. Close, MACE to monitor.")
    note(cid, "episode", e, "PC 9015 Osei", "PC", "2025-06-14 16:20",
         "FC says she isn't too worried as he \"always comes back by the weekend\" - I explained that each episode is a new risk and we are treating it as high.")
    note(cid, "investigation", i, "DS 0455 Carver", "DS", "2025-06-15 12:05",
         "There is nothing to suggest C is choosing to go to London; he is a 14yo being criminally exploited by adults who gave him a phone and cash.")


def uc009():
    c = case("UC-009", "Girl 16 at home, three-day medium-risk episode after a family argument, in text contact with mum throughout", "good", True,
             "A long (74-hour) episode is not itself a failure: the medium grade is reasoned (proof of life by text, no exploitation indicators, first episode) and confirmed within 45 minutes, and some proactive action is logged at least every 5 hours for the whole three days, so no gap exceeds 6h.")
    cid, e = "UC-009", "UC-009-M1"
    child(cid, "2009-09-19", "F", "Wakefield response", "Wakefield")
    episode(e, cid, "2025-10-10 08:00", "parent", "2025-10-09 22:30", "home, Wakefield", "missing",
            "2025-10-13 10:30", "older cousin's flat, Castleford", "Wakefield MFH", "PS 8011 Pryce")
    grade(e, "medium", "PC 3362 Varley", "2025-10-10 08:20", ["age 16", "family conflict", "proof of life by text"],
          "16, left after argument w/ mum last night, took bag + charger. Texted mum 07:10 'im safe not coming home'. First time missing, no MH, no adult assocs, no CSE/CCE indicators, attending college. Harm likely but not serious - MEDIUM. Re-assess if texts stop.",
          "PS 8011 Pryce", "2025-10-10 09:05")
    act(e, "contact", "2025-10-10 08:10", "PC 3362 Varley", "Spoke to mum, friends list + social media handles")
    routine(e, "2025-10-10 08:10", "2025-10-13 10:30", 5, ["PC 3362 Varley", "PC 0594 Hird", "PC 7120 Coles"], [
        ("child_call", "Rang C's mobile / texted asking her to make contact"),
        ("enquiry", "Enquiries with friends / college / family members"),
        ("address_visit", "Visited known friend's or relative's address"),
        ("enquiry", "Social media check via mum + friends; checked with mum for any new texts"),
    ])
    act(e, "phone_check", "2025-10-11 10:30", "PS 8011 Pryce", "Cell site: handset around Castleford")
    act(e, "address_visit", "2025-10-13 10:00", "PC 7120 Coles", "Cousin's flat Castleford - C present, spoken to")
    sw(e, "2025-10-13 16:00", "in_person", "PC 7120 Coles", True, True)
    rhi(e, "2025-10-14 09:00", "Wakefield RHI service", done="2025-10-16 16:30", done_by="Wakefield RHI service")
    note(cid, "episode", e, "PS 8011 Pryce", "PS", "2025-10-11 11:00",
         "Reviewd at 27hrs. Still texting mum daily. No new risk info, medium stands. Actions continuing every shift incl. cell site (Castleford). Cousin (22, female) to be traced.")


def uc010():
    c = case("UC-010", "Boy 17 at home, online grooming by an adult man posing as a girl, reported by sexual health; suspect charged", "good", True,
             "'Manipulative and controlling' describes the adult suspect, not the child; the phrase 'in a relationship' appears in a negation; the charge on a Friday evening was passed on at 10:00 on the Monday, within 1 working day.")
    cid, i = "UC-010", "UC-010-I1"
    child(cid, "2008-05-03", "M", "Luton CID", "Luton")
    inv(i, cid, "sexual", "2025-07-21 14:00", "health", "2025-07-21 15:10", "BD/25/61740", "2025-07-22 11:00",
        "2025-07-21 16:00", "Luton CSE", "DC 3127 Nolan", "2025-07-23 10:00", "yes",
        outcome="charged", outcome_at="2025-08-29 17:30", outcome_text="Charged s.15 SOA (meeting a child following grooming) and s.10.",
        charged="2025-08-29 17:30", closed="2025-09-03 12:00")
    s = suspect(i, "2025-07-29 12:00", "Male aged 34, Dunstable", True, 34, "Dunstable", True)
    disrupt(s, "search_warrant", "2025-07-31 06:30")
    disrupt(s, "arrest", "2025-07-31 06:30")
    disrupt(s, "charge", "2025-08-29 17:30")
    k1 = kd(i, "arrest", "2025-07-31 06:30")
    contact(i, "child", "2025-07-31 12:00", "in_person", k1)
    contact(i, "parent_carer", "2025-07-31 12:00", "in_person", k1)
    k2 = kd(i, "charge", "2025-08-29 17:30")
    contact(i, "child", "2025-09-01 10:00", "phone", k2)
    contact(i, "parent_carer", "2025-09-01 10:00", "phone", k2)
    contacts(i, "child", ["2025-07-21 17:00", "2025-08-18 16:00"], "in_person")
    contacts(i, "parent_carer", ["2025-07-21 17:00", "2025-08-18 16:00"], "phone")
    referral(i, "Young people's ISVA", "2025-07-24 09:30", "support_service", "Luton ISVA service")
    review(i, "2025-07-22 09:00", "DS 7789 Hale", "Grooming by adult male - identify via platform data. ABE. ISVA.")
    review(i, "2025-08-15 09:00", "DS 7789 Hale", "Suspect arrested 31/7, devices seized. File to CPS.")
    review(i, "2025-09-02 09:00", "DS 7789 Hale", "Charged 29/8, remanded. Close investigation, case to trial team.")
    note(cid, "investigation", i, "PC 4432 Fry", "PC", "2025-07-21 18:30",
         "Suspect is manipulative and controlling - presented himself as a 16yo girl, then as her 'older brother' when C got suspicious, and arranged to meet C at Luton stn.")
    note(cid, "investigation", i, "DC 3127 Nolan", "DC", "2025-07-23 12:00",
         "C was not 'in a relationship' - he was groomed by a 34 year old man using a false identity. C has done nothing wrong and has been told that clearly.")


# ---------------------------------------------------------------- failures
def uc011():
    c = case("UC-011", "Girl 14 at home: mother reports an older man offering money for sex, told the child must complain herself; no crime recorded", "inadequate")
    cid, i = "UC-011", "UC-011-I1"
    child(cid, "2011-01-22", "F", "Bolton response", "Bolton")
    inv(i, cid, "sexual", "2025-08-04 19:20", "parent_carer", first="2025-08-05 10:00", team="Bolton response",
        oic="PC 5120 Hanley", outcome="other", outcome_at="2025-08-14 16:00",
        outcome_text="No complaint from IP. Mum advised to call back if D wishes to report. Filed.", closed="2025-08-14 16:00")
    s = suspect(i, "2025-08-04 19:20", "Male approx 40 known as Rich, drives silver Audi, hangs around Bolton interchange", True, 40, "Bolton")
    contact(i, "parent_carer", "2025-08-05 10:00", "phone")
    note(cid, "investigation", i, "CH 70455 Bibi", "call handler", "2025-08-04 19:35",
         "Caller is mother of D (14). States a man called Rich approx 40 has been offering D money to 'go for a drive' and for sex, mum has seen msgs on D's phone. Silver Audi, waits near interchange. Advised mum D would need to make the complaint herself as she is the victim. Log passed to Bolton resp for call back.")
    n = note(cid, "investigation", i, "PC 5120 Hanley", "PC", "2025-08-05 10:20",
             "Spoke to mum by phone. D refuses to speak to police. D is known to be sexually active and appears to be seeking out older men for money and lifts. No complaint so no crime at this time. Will file.")
    F(c, "INV-THIRD-PARTY-NOT-RECORDED", i, "Mother reported an adult offering her 14-year-old money for sex; HOCR requires the crime to be recorded on a third-party report, not on the child's own complaint. No crime was ever recorded.")
    F(c, "INV-SUSPECT-NOT-DISRUPTED", i, "An adult suspect ('Rich', about 40, car and location known) was identified on the first call and nothing was done to locate or disrupt him (no CAWN, no arrest).")
    F(c, "INV-NO-PLAN", i, "No investigation plan recorded; the matter was filed on day 10 without one.")
    F(c, "INV-NO-NEEDS-ASSESSMENT", i, "No Victims' Code needs assessment at any point.")
    F(c, "INV-NO-REFERRAL", i, "No referral of the child to any support service (nor to children's social care).")
    F(c, "LANG-UNCHALLENGED", n, "'sexually active' and 'seeking out older men for money' describe a 14-year-old's abuse as her choice; no supervisor challenged it.")


def uc012():
    c = case("UC-012", "Boy 15 in a children's home placed out of area (Margate), three missing episodes in 53 days with county lines signs, never screened", "inadequate")
    cid = "UC-012"
    child(cid, "2010-03-03", "M", "Thanet MFH", "Margate", True, "children's home", True, ["ADHD", "not in education"])
    e1, e2, e3 = "UC-012-M1", "UC-012-M2", "UC-012-M3"
    episode(e1, cid, "2025-09-02 21:00", "care home staff", "2025-09-02 17:30", "children's home, Margate", "missing_from_care",
            "2025-09-03 14:20", "Croydon, with older males (Met area)", "Thanet MFH", "PS 6118 Dunne")
    grade(e1, "medium", "PC 3051 Tait", "2025-09-02 21:15", ["in care", "placed OOA", "ADHD"],
          "15 LAC placed from Croydon. Thought to be going back to Croydon to see mates. Medium.", "PS 6118 Dunne", "2025-09-02 22:40")
    act(e1, "circulation", "2025-09-02 21:10", "PC 3051 Tait", "PNC circ")
    act(e1, "enquiry", "2025-09-02 23:00", "PC 3051 Tait", "Met CAD - asked to check mum's address Croydon")
    act(e1, "child_call", "2025-09-03 03:30", "PC 3051 Tait", "Rang C, no reply")
    act(e1, "address_visit", "2025-09-03 08:30", "Met PC 220", "Met visit mum's address - not seen")
    act(e1, "enquiry", "2025-09-03 13:00", "PC 3051 Tait", "Social worker + YOT worker contacted")
    sw(e1, "2025-09-04 11:00", "in_person", "PC 3051 Tait", True, True)
    rhi(e1, "2025-09-04 10:00", "Kent Missing and Child Exploitation service", done="2025-09-05 15:00", done_by="Kent MCE service")
    note(cid, "episode", e1, "Met PC 220", "PC", "2025-09-03 14:40",
         "C located Croydon town centre with 3 older males (18-20), all known to Met for supply. £120 cash and 2 phones on him, no explanation. Returned to placement by staff.")
    episode(e2, cid, "2025-09-20 19:30", "care home staff", "2025-09-20 16:00", "children's home, Margate", "missing_from_care",
            "2025-09-22 08:00", "Southend-on-Sea, found by Essex Police in a flat", "Thanet MFH", "PS 6118 Dunne")
    grade(e2, "low", "PC 7722 Rooke", "2025-09-20 19:45", ["in care", "previous episodes"],
          "Frequent absconder, always returns. Streetwise. Low.", "PS 6118 Dunne", "2025-09-21 06:00")
    act(e2, "circulation", "2025-09-20 19:50", "PC 7722 Rooke", "PNC circ")
    act(e2, "child_call", "2025-09-21 09:00", "PC 7722 Rooke", "Rang C - phone off")
    act(e2, "enquiry", "2025-09-22 07:00", "PC 3051 Tait", "Essex CAD: male matching C in flat raid Southend")
    sw(e2, "2025-09-22 16:00", "phone", "PC 7722 Rooke", False, True)
    rhi(e2, "2025-09-23 10:00", "Kent Missing and Child Exploitation service", declined="2025-09-23 10:30", not_done="C declined")
    n = note(cid, "episode", e2, "PC 7722 Rooke", "PC", "2025-09-20 20:05",
             "Serial absconder, will turn up as always. Believed to be working the line between Croydon and Margate. Low risk.")
    episode(e3, cid, "2025-10-24 22:10", "care home staff", "2025-10-24 19:00", "children's home, Margate", "missing_from_care",
            "2025-10-25 18:00", "Margate town centre", "Thanet MFH", "PS 6118 Dunne")
    grade(e3, "medium", "PC 3051 Tait", "2025-10-24 22:20", ["in care", "previous episodes", "found in Southend flat 22/9"],
          "3rd time since Sept. Last found in Southend drug flat. Medium.", "PS 6118 Dunne", "2025-10-24 23:30")
    act(e3, "circulation", "2025-10-24 22:15", "PC 3051 Tait", "PNC circ")
    act(e3, "child_call", "2025-10-25 01:00", "PC 3051 Tait", "Rang C no answer")
    act(e3, "enquiry", "2025-10-25 05:30", "PC 3051 Tait", "Essex + Met CADs checked")
    act(e3, "address_visit", "2025-10-25 10:30", "PC 1944 Lamb", "Visit to known address Cliftonville")
    act(e3, "search", "2025-10-25 15:00", "PC 1944 Lamb", "Town centre + seafront patrol", "2025-10-25 18:00")
    sw(e3, "2025-10-26 12:00", "in_person", "PC 1944 Lamb", True, True)
    rhi(e3, "2025-10-26 10:00", "Kent Missing and Child Exploitation service", done="2025-10-28 15:00", done_by="Kent MCE service")
    F(c, "MIS-GRADE-LOW", e2, "Graded low although the record already held clear CCE indicators (found 18 days earlier in Croydon with older males, unexplained cash and two phones; believed to be travelling on a county line); that supports at least medium, arguably high. (The gaps between actions, up to 22h, were within the 24h allowed at the recorded low grade, so no proactive-action finding.)")
    F(c, "MIS-NO-INPERSON-CHECK", e2, "The only safe and well check after the 22/9 return was by phone; no face-to-face check within 72h.")
    F(c, "MIS-REPEAT-NO-SCREENING", e3, "Third missing episode in 53 days (2/9, 20/9, 24/10) with no exploitation screening or strategy meeting recorded on any of them.")
    F(c, "LANG-UNCHALLENGED", n, "'Serial absconder', 'will turn up' and 'working the line' minimise risk and treat an exploited child as an offender; no supervisor challenged it.")


def uc013():
    c = case("UC-013", "Girl 16 in foster care, high-risk missing: grade confirmed late, a 1h25m hole in actions, RHI offered after the weekend", "inadequate")
    cid, e = "UC-013", "UC-013-M1"
    child(cid, "2009-12-01", "F", "Hastings MFH", "Hastings", True, "foster care", False, ["self-harm"])
    episode(e, cid, "2025-10-30 18:00", "foster carer", "2025-10-30 15:30", "school gates, Hastings", "missing_from_care",
            "2025-10-31 00:50", "friend's address, St Leonards", "Hastings MFH", "PS 4490 Cole")
    grade(e, "high", "PC 6671 Brand", "2025-10-30 18:15", ["in care", "self-harm", "adult male associates", "previously found in hotel"],
          "16 LAC, hx self harm (cut 2 wks ago), last ep found in Eastbourne hotel w/ 2 adult males. HIGH.", "PS 4490 Cole", "2025-10-30 21:20")
    act(e, "circulation", "2025-10-30 18:10", "PC 6671 Brand", "PNC circ high risk")
    act(e, "child_call", "2025-10-30 18:40", "PC 6671 Brand", "Rang C no answer")
    act(e, "enquiry", "2025-10-30 19:30", "PC 6671 Brand", "School + FC re friends")
    act(e, "address_visit", "2025-10-30 20:20", "PC 6671 Brand", "Friend's address Ore - not there")
    act(e, "cctv", "2025-10-30 21:45", "PC 2238 Finch", "Town centre CCTV request")
    act(e, "enquiry", "2025-10-30 22:30", "PC 2238 Finch", "Hotels in Hastings/Eastbourne checked by phone")
    act(e, "search", "2025-10-30 23:15", "PC 2238 Finch", "Seafront and pier search", "2025-10-31 00:30")
    sw(e, "2025-10-31 13:00", "in_person", "PC 2238 Finch", True, True)
    rhi(e, "2025-11-03 09:30", "East Sussex Missing Service")
    note(cid, "episode", e, "PS 4490 Cole", "PS", "2025-10-30 21:25",
         "Confirmed high. Apols for delay - was tied up at custody. Tasks: CCTV, hotels, seafront.")
    F(c, "MIS-GRADE-UNCONFIRMED", e, "High-risk grade made at 18:15 was confirmed by the PS at 21:20 - 3h05m, outside the 2-hour limit (borderline, 1h05m over).")
    F(c, "MIS-NO-PROACTIVE-ACTION", e, "At high risk, nothing proactive between the 20:20 address visit and the 21:45 CCTV request: a 1h25m gap against a 1-hour limit (borderline).", risk="high")
    F(c, "MIS-RHI-LATE", e, "Returned 00:50 Friday 31/10; RHI first offered Monday 3/11 09:30, about 81 hours later - outside 72h (the weekend is no exception).")


def uc014():
    c = case("UC-014", "Boy 13 at home graded 'no apparent risk' by a response officer who wrote he will turn up", "inadequate")
    cid, e = "UC-014", "UC-014-M1"
    child(cid, "2012-04-17", "M", "Oldham response", "Oldham")
    episode(e, cid, "2025-11-15 21:30", "parent", "2025-11-15 19:00", "park, Oldham", "missing", "2025-11-16 00:40",
            "walked home", "Oldham response", "PS 3907 Mellor")
    grade(e, "no_apparent_risk", "PC 8841 Gill", "2025-11-15 21:40", ["previous episodes x2"],
          "Been late home before, always turns up. No apparent risk. Mum to ring back.", "PS 3907 Mellor", "2025-11-15 23:00")
    act(e, "enquiry", "2025-11-15 22:30", "PC 8841 Gill", "Rang friend's dad - not seen since 7")
    act(e, "child_call", "2025-11-16 00:15", "PC 8841 Gill", "Rang C - answered, walking home from mate's")
    sw(e, "2025-11-16 15:00", "in_person", "PC 8841 Gill", True, True)
    rhi(e, "2025-11-17 10:00", "Oldham Positive Steps")
    n = note(cid, "episode", e, "PC 8841 Gill", "PC", "2025-11-15 21:45",
             "Serial misper, always comes back when he's hungry. Will turn up. NAR.")
    F(c, "MIS-NO-APPARENT-RISK", e, "A 13-year-old missing at night in November was graded 'no apparent risk' (and a sergeant confirmed it). The under-grading is taken as this one finding; MIS-GRADE-LOW is not added on top (interpretation, see README).")
    F(c, "LANG-UNCHALLENGED", n, "'Serial misper', 'always comes back' and 'will turn up' are the minimising missing-language the guide warns leads to waiting; the confirming PS did not challenge it.")


def uc015():
    c = case("UC-015", "Girl 15 at home, online grooming reported by school: late plan, 48-day gap in supervision, child and mum not updated for six weeks", "inadequate")
    cid, i = "UC-015", "UC-015-I1"
    child(cid, "2010-02-08", "F", "Northampton CSE", "Northampton")
    inv(i, cid, "sexual", "2025-09-01 11:00", "school", "2025-09-01 12:00", "NN/25/44120", "2025-09-11 14:00",
        "2025-09-01 15:00", "Northampton CSE", "DC 5528 Ince", "2025-09-03 10:00", "yes")
    s = suspect(i, "2025-09-10 12:00", "Male aged 27, Kettering, Snapchat user", True, 27, "Kettering", True)
    disrupt(s, "arrest", "2025-09-16 07:00")
    k1 = kd(i, "arrest", "2025-09-16 07:00")
    contact(i, "parent_carer", "2025-09-16 10:00", "phone", k1)
    contact(i, "child", "2025-09-16 16:00", "in_person", k1)
    k2 = kd(i, "release_under_investigation", "2025-09-16 20:00")
    contact(i, "parent_carer", "2025-09-17 09:30", "phone", k2)
    contact(i, "child", "2025-09-17 16:00", "phone", k2)
    contacts(i, "child", ["2025-09-01 16:00", "2025-11-03 16:30", "2025-11-20 16:00"], "in_person")
    contacts(i, "parent_carer", ["2025-09-01 16:00", "2025-10-30 18:00", "2025-11-20 16:00"])
    referral(i, "CSE support worker", "2025-09-05 10:00", "support_service", "Barnardo's")
    review(i, "2025-09-02 09:00", "DS 2644 Royle", "Initial review. Identify Snapchat user, ABE.")
    review(i, "2025-10-20 10:00", "DS 2644 Royle", "Review overdue - apologies, abstracted. Devices still at hi-tech. Update C + mum.")
    review(i, "2025-11-12 10:00", "DS 2644 Royle", "Devices back. Prepare file.")
    note(cid, "investigation", i, "DC 5528 Ince", "DC", "2025-11-03 17:00",
         "Visited C + mum. Mum unhappy no contact since Sept - apologised. C still anxious about seeing suspect in town. Safety plan reviewed.")
    F(c, "INV-NO-PLAN", i, "Investigation plan recorded 11/9, ten days after the 1/9 report - outside 7 days.")
    F(c, "INV-NO-SUPERVISOR-REVIEW", i, "No supervisor review between 2/9 and 20/10: a 48-day gap against the 28-day interval.")
    F(c, "INV-CHILD-NOT-UPDATED", i, "No contact with the child between 17/9 and 3/11 (47 days) while the case was open.")
    F(c, "INV-PARENT-NOT-UPDATED", i, "No update to mum between 17/9 and 30/10 (43 days); mum complained.")


def uc016():
    c = case("UC-016", "Boy 17 at home, county lines CCE after a stop in Sheffield: known adult never disrupted, closed when he would not support it, late challenge of 'drug runner'", "inadequate")
    cid, i = "UC-016", "UC-016-I1"
    child(cid, "2008-08-25", "M", "Rotherham CID", "Rotherham")
    inv(i, cid, "criminal", "2025-07-07 14:00", "police", "2025-07-07 20:00", "SY/25/90417", "2025-07-09 10:00",
        "2025-07-07 15:00", "Rotherham CID", "DC 1733 Pike", "2025-07-10 11:00", "no",
        outcome="victim_does_not_support", outcome_at="2025-08-08 11:00",
        outcome_text="IP does not support. NFA. NRM submitted.", closed="2025-08-08 11:00")
    suspect(i, "2025-07-15 10:00", "Male aged 22 known as T, runs the 'T' line Rotherham-Sheffield, known nominal", True, 22, "Rotherham", False)
    k = kd(i, "no_further_action", "2025-08-08 11:00")
    contact(i, "child", "2025-08-08 14:00", "phone", k)
    contact(i, "parent_carer", "2025-08-08 14:00", "phone", k)
    contacts(i, "child", ["2025-07-07 17:00", "2025-07-25 15:00"], "in_person")
    contacts(i, "parent_carer", ["2025-07-07 17:00", "2025-07-25 15:00"], "in_person")
    referral(i, "County lines support (rescue and response)", "2025-07-11 10:00", "support_service", "Catch22")
    referral(i, "NRM", "2025-07-12 10:00", "national_referral_mechanism", "Home Office SCA")
    review(i, "2025-07-08 09:00", "DS 9921 Swain", "CCE - s45 defence likely. NRM. ID controller.")
    review(i, "2025-08-01 09:00", "DS 9921 Swain", "C won't give statement. Consider closure.")
    n = note(cid, "investigation", i, "DC 1733 Pike", "DC", "2025-07-16 12:00",
             "C is a drug runner for the T line and is not credible as a witness. Refused to engage in interview, no comment throughout.")
    note(cid, "investigation", i, "DS 9921 Swain", "DS", "2025-07-22 15:30",
         "DC Pike - re your entry of 16/7: C is a 17yo being criminally exploited, not a 'drug runner', and 'not credible' is not our call. Please record what the adults did to him.", n)
    F(c, "INV-SUSPECT-NOT-DISRUPTED", i, "The adult controller ('T', 22, a known nominal) was identified on 15/7; no arrest, warrant, CAWN, STRO or other disruption is recorded before the case closed.")
    F(c, "INV-NO-EVIDENCE-LED", i, "Closed as 'victim does not support' without any recorded consideration of an evidence-led prosecution (phone, stop search evidence and the known controller were available).")
    F(c, "LANG-VICTIM-BLAMING", n, "'Drug runner', 'not credible' and 'refused to engage' blame the child; the DS challenged it, but six days later - outside 72h.")


def uc017():
    c = case("UC-017", "Girl 12 at home, raped by a 19-year-old; wording challenged same day, but needs assessment on day 9 and the charge decision passed on two working days late", "requires_improvement",
             trap="The 'sexually active with older males' note was challenged by a DS within 6 hours, so it raises no language finding; the failures are elsewhere.")
    cid, i = "UC-017", "UC-017-I1"
    child(cid, "2013-06-30", "F", "Hastings CAIU", "Hastings")
    inv(i, cid, "sexual", "2025-10-06 09:30", "health", "2025-10-06 10:30", "ES/25/71002", "2025-10-07 12:00",
        "2025-10-06 10:00", "Hastings CAIU", "DC 6309 Ellis", "2025-10-15 14:00", "yes",
        outcome="charged", outcome_at="2025-11-11 11:00", outcome_text="Charged rape of a child under 13 x2.", charged="2025-11-11 11:00")
    s = suspect(i, "2025-10-06 09:30", "Male aged 19, St Leonards", True, 19, "St Leonards", True)
    disrupt(s, "arrest", "2025-10-07 06:00")
    disrupt(s, "bail_conditions", "2025-10-07 21:00")
    disrupt(s, "charge", "2025-11-11 11:00")
    for dec, at, told_p, told_c in [("arrest", "2025-10-07 06:00", "2025-10-07 09:00", "2025-10-07 17:00"),
                                    ("interview", "2025-10-07 14:00", "2025-10-07 17:00", "2025-10-07 17:00"),
                                    ("bail", "2025-10-07 21:00", "2025-10-08 10:00", "2025-10-08 10:00"),
                                    ("charge", "2025-11-11 11:00", "2025-11-13 15:00", "2025-11-13 15:00")]:
        k = kd(i, dec, at)
        contact(i, "parent_carer", told_p, "phone", k)
        contact(i, "child", told_c, "in_person", k)
    contacts(i, "child", ["2025-10-06 12:00", "2025-10-21 16:00"], "in_person")
    contacts(i, "parent_carer", ["2025-10-06 12:00", "2025-10-21 16:00"], "in_person")
    referral(i, "SARC + children's ISVA", "2025-10-08 10:00", "support_service", "Saturn Centre")
    review(i, "2025-10-07 08:00", "DS 2410 Nash", "Suspect arrested. ABE, SARC, bail conds.")
    review(i, "2025-10-30 10:00", "DS 2410 Nash", "File to CPS.")
    review(i, "2025-11-21 10:00", "DS 2410 Nash", "Charged 11/11, remanded. Trial prep. Note: family told late of charge - raised with DC.")
    n = note(cid, "investigation", i, "PC 3157 Hurst", "PC", "2025-10-06 11:10",
             "12yo female, per school nurse is sexually active with older males. Disclosed intercourse with 19yo male.")
    note(cid, "investigation", i, "DS 2410 Nash", "DS", "2025-10-06 16:40",
         "Re the entry at 11:10 - a 12-year-old cannot consent; she has been raped by a 19-year-old man. Do not describe her as 'sexually active'. Crime recorded as rape of a child u13.", n)
    F(c, "INV-NO-NEEDS-ASSESSMENT", i, "Victims' Code needs assessment completed 15/10, nine days after the 6/10 report - outside 7 days (borderline, 2 days over).")
    F(c, "INV-KEY-DECISION-LATE", i, "Charge decision Tuesday 11/11 11:00; neither the child nor her mother was told until Thursday 13/11 15:00 - two working days, outside 1.")


def uc018():
    c = case("UC-018", "Boy 14 in foster care, sextortion reported by foster carer; first action 30 hours later", "requires_improvement")
    cid, i = "UC-018", "UC-018-I1"
    child(cid, "2011-10-05", "M", "Swindon CID", "Swindon", True, "foster care", False)
    inv(i, cid, "sexual", "2025-11-03 20:00", "parent_carer", "2025-11-03 21:00", "WI/25/80533", "2025-11-06 10:00",
        "2025-11-05 02:10", "Swindon online CSE", "DC 4456 Amadi", "2025-11-06 14:00", "yes")
    contacts(i, "child", ["2025-11-05 16:00", "2025-11-20 16:30"], "in_person")
    contacts(i, "parent_carer", ["2025-11-05 16:00", "2025-11-20 16:30"], "in_person")
    contacts(i, "social_worker", ["2025-11-06 11:00"], "phone")
    referral(i, "Young people's counselling (sextortion)", "2025-11-07 10:00", "support_service", "Swindon Youth Counselling")
    review(i, "2025-11-05 09:00", "DS 3318 Quinn", "Queued overnight on 3/11 and missed by day shift - picked up by nights 02:10 5/11. Preserve accounts now.")
    review(i, "2025-11-26 10:00", "DS 3318 Quinn", "Accounts preserved, NCA referral. C + FC updated.")
    note(cid, "investigation", i, "PC 9930 Street", "PC", "2025-11-03 21:00",
         "FC reports C was coerced into sharing images by an offender posing as a 15yo girl and is being threatened for £200. C is frightened. Advised not to pay, keep messages.")
    F(c, "INV-SLOW-FIRST-ACTION", i, "Reported 20:00 on 3/11, first action (account preservation by the night DC) 02:10 on 5/11 - 30h10m, outside 24h.")


def uc019():
    c = case("UC-019", "Girl 16 in foster care with a learning disability, four days missing and found in a Birmingham hotel with adult men; graded medium", "inadequate")
    cid, e = "UC-019", "UC-019-M1"
    child(cid, "2009-05-14", "F", "Luton MFH", "Luton", True, "foster care", False, ["learning disability"])
    episode(e, cid, "2025-08-15 17:00", "foster carer", "2025-08-15 08:00", "leaving for college, Luton", "missing_from_care",
            "2025-08-19 04:30", "hotel, Birmingham city centre (West Midlands Police)", "Luton MFH", "PS 5560 Kerr")
    grade(e, "medium", "PC 2271 Abbott", "2025-08-15 17:20",
          ["in care", "learning disability", "previous episode - found in hotel with adult males", "new phone", "nails/hair paid for by unknown person"],
          "16, has done this before and come back. Previously found Birmingham hotel with older men (June). FC says new phone and nails done, doesn't know who paid. Medium.",
          "PS 5560 Kerr", "2025-08-15 19:00")
    act(e, "circulation", "2025-08-15 17:10", "PC 2271 Abbott", "PNC circ")
    routine(e, "2025-08-15 17:10", "2025-08-16 02:30", 5, ["PC 2271 Abbott"], [("enquiry", "Enquiries with college + friends")])
    act(e, "child_call", "2025-08-16 02:00", "PC 2271 Abbott", "Rang C - phone off")
    act(e, "enquiry", "2025-08-16 11:15", "PC 8130 Webb", "Picked up at day shift briefing. WMP asked to check hotel from June")
    routine(e, "2025-08-16 11:15", "2025-08-19 04:30", 5, ["PC 8130 Webb", "PC 4420 Dyer"], [
        ("enquiry", "Hotel / taxi enquiries Birmingham via WMP"),
        ("child_call", "Rang C's phone(s) - no answer"),
        ("phone_check", "Chased cell site / comms data"),
    ])
    sw(e, "2025-08-22 11:00", "in_person", "PC 8130 Webb", True, True)
    rhi(e, "2025-08-19 15:00", "Luton Missing Service", done="2025-08-21 14:00", done_by="Luton Missing Service")
    note(cid, "episode", e, "WMP DC 4471", "DC", "2025-08-19 05:10",
         "C located 04:30 in hotel room w/ 2 adult males (31, 28), both arrested (trafficking / sexual offences). C referred into NRM by WMP. Luton to collect.")
    F(c, "MIS-GRADE-LOW", e, "The grader's own factors - a 16-year-old with a learning disability, in care, previously found in a hotel with adult men, unexplained phone and gifts - describe a very likely risk of serious sexual harm: high, not medium.")
    F(c, "MIS-NO-PROACTIVE-ACTION", e, "At the recorded medium grade, nothing proactive between the 02:00 call and the 11:15 enquiry on 16/8 - a 9h15m gap against 6h.", risk="medium")
    F(c, "MIS-NO-INPERSON-CHECK", e, "Found 04:30 on 19/8; the face-to-face safe and well check was 11:00 on 22/8 - 78h30m, outside 72h (borderline).")


def uc020():
    c = case("UC-020", "Boy 11 at home, groomed online by a 38-year-old; mum not updated for five weeks and 'willingly' challenged after four days", "requires_improvement")
    cid, i = "UC-020", "UC-020-I1"
    child(cid, "2014-02-19", "M", "Ipswich CAIU", "Ipswich")
    inv(i, cid, "sexual", "2025-09-08 18:00", "parent_carer", "2025-09-08 19:00", "SF/25/33907", "2025-09-09 12:00",
        "2025-09-08 19:30", "Ipswich CAIU", "DC 0381 Tarrant", "2025-09-10 15:00", "yes")
    s = suspect(i, "2025-09-19 12:00", "Male aged 38, Norwich (Norfolk Constabulary area)", True, 38, "Norwich", True)
    disrupt(s, "search_warrant", "2025-09-24 06:15")
    disrupt(s, "arrest", "2025-09-24 06:15")
    k1 = kd(i, "arrest", "2025-09-24 06:15")
    contact(i, "parent_carer", "2025-09-24 11:00", "phone", k1)
    contact(i, "child", "2025-09-24 17:00", "in_person", k1)
    k2 = kd(i, "release_under_investigation", "2025-09-24 22:00")
    contact(i, "parent_carer", "2025-09-25 10:00", "phone", k2)
    contact(i, "child", "2025-09-25 16:00", "in_person", k2)
    contacts(i, "child", ["2025-09-08 20:00", "2025-10-14 16:00", "2025-11-07 13:00", "2025-11-25 16:00"], "in_person")
    contacts(i, "parent_carer", ["2025-09-08 20:00", "2025-10-14 16:00", "2025-11-18 18:00"], "phone")
    referral(i, "Children's ISVA", "2025-09-11 10:00", "support_service", "Suffolk Children's ISVA")
    review(i, "2025-09-09 09:00", "DS 6650 Ryder", "Online grooming via gaming platform. Identify user. ABE.")
    review(i, "2025-10-03 09:00", "DS 6650 Ryder", "Suspect arrested by us w/ Norfolk, devices seized. RUI.")
    review(i, "2025-10-29 09:00", "DS 6650 Ryder", "Devices at DFU. Keep family updated fortnightly.")
    review(i, "2025-11-21 09:00", "DS 6650 Ryder", "DFU results due Dec.")
    n = note(cid, "investigation", i, "PC 2719 Vance", "PC", "2025-09-08 19:40",
             "Mum found images on C's tablet. C states he sent the images willingly after the other user sent him game credits.")
    note(cid, "investigation", i, "DS 6650 Ryder", "DS", "2025-09-12 20:00",
         "Catching up on this one. PC Vance's entry of 8/9 says C sent images 'willingly' - he is 11 and was groomed with game credits by a 38-year-old; there is no 'willingly'. Please correct on the crime report.", n)
    note(cid, "investigation", i, "DC 0381 Tarrant", "DC", "2025-11-07 13:30",
         "Saw C at school with DSL present, short welfare update. Mum not available - will call her.")
    F(c, "INV-PARENT-NOT-UPDATED", i, "No update to mum between 14/10 and 18/11 (35 days) while the investigation was open; the 7/11 school visit was with the child only.")
    F(c, "LANG-VICTIM-BLAMING", n, "'Sent the images willingly' implies an 11-year-old consented to his own abuse; the DS challenged it about 96 hours later - outside 72h.")


def uc021():
    c = case("UC-021", "Girl 15 at home, medium-risk overnight missing: grade 'confirmed' by a constable and the safe and well check done by phone", "requires_improvement",
             trap="The supervisor_confirmed_by field is filled in, but by a PC, who is not a supervisor; 'boyfriend' is used of a 15-year-old peer, which is not victim-blaming.")
    cid, e = "UC-021", "UC-021-M1"
    child(cid, "2010-11-11", "F", "Crewe response", "Crewe")
    episode(e, cid, "2025-11-01 20:00", "parent", "2025-11-01 17:00", "home, Crewe", "missing", "2025-11-02 06:30",
            "boyfriend's home, Nantwich", "Crewe response", "PC 5502 Irwin")
    grade(e, "medium", "PC 5502 Irwin", "2025-11-01 20:20", ["age 15", "out of character", "phone off"],
          "15, out of character, phone off since 17:30. Mum thinks she is with bf (15) but doesn't know address. Medium.",
          "PC 3312 Hale", "2025-11-01 20:50")
    act(e, "contact", "2025-11-01 20:10", "PC 5502 Irwin", "Mum - friends' names")
    act(e, "child_call", "2025-11-01 21:00", "PC 5502 Irwin", "Rang C - off")
    act(e, "enquiry", "2025-11-01 23:30", "PC 5502 Irwin", "School contact / social media via mum - bf's surname found")
    act(e, "address_visit", "2025-11-02 03:30", "PC 3312 Hale", "Bf's family address Nantwich - no answer")
    act(e, "address_visit", "2025-11-02 06:20", "PC 3312 Hale", "Re-attended, bf's mum answered, C there")
    sw(e, "2025-11-02 12:00", "phone", "PC 5502 Irwin", False, True)
    rhi(e, "2025-11-03 10:00", "Cheshire Missing Service", done="2025-11-05 16:00", done_by="Cheshire Missing Service")
    note(cid, "episode", e, "PC 5502 Irwin", "PC", "2025-11-02 12:10",
         "S&W done by phone with C and mum. C stayed at her boyfriend's (15) - both in yr 11. Says she fell out with mum and turned phone off. No concerns disclosed.")
    F(c, "MIS-GRADE-UNCONFIRMED", e, "The grade was 'confirmed' by PC 3312 Hale, who is not a sergeant or above; no supervisor confirmed it within 12h (or at all).")
    F(c, "MIS-NO-INPERSON-CHECK", e, "The safe and well check was by phone only; no face-to-face check within 72h of the return.")


def uc022():
    c = case("UC-022", "Girl 17 in a children's home placed out of area (Bolton), two CSE investigations: the first well run, the second with a new adult suspect left alone and called her 'boyfriend'", "inadequate",
             trap="The first investigation (May-June) meets every standard, including arrest and charge of its suspect; a checker that looks only at the first investigation, or averages them, would miss the second.")
    cid, i1, i2, e = "UC-022", "UC-022-I1", "UC-022-I2", "UC-022-M1"
    child(cid, "2008-03-09", "F", "Bolton CSE", "Bolton", True, "children's home", True, ["PTSD", "CSE history"])
    inv(i1, cid, "sexual", "2025-05-06 10:00", "social_care", "2025-05-06 11:00", "GM/25/20144", "2025-05-07 10:00",
        "2025-05-06 10:30", "Bolton CSE", "DC 4401 Grey", "2025-05-08 10:00", "yes",
        outcome="charged", outcome_at="2025-06-20 15:00", outcome_text="Charged s.47 SOA (paying for sexual services of a child).",
        charged="2025-06-20 15:00", closed="2025-06-20 18:00")
    s1 = suspect(i1, "2025-05-06 10:00", "Male aged 45, Salford", True, 45, "Salford", True)
    disrupt(s1, "arrest", "2025-05-08 07:00")
    disrupt(s1, "charge", "2025-06-20 15:00")
    for dec, at, told in [("arrest", "2025-05-08 07:00", "2025-05-08 12:00"), ("charge", "2025-06-20 15:00", "2025-06-20 17:00")]:
        k = kd(i1, dec, at)
        contact(i1, "child", told, "in_person", k)
        contact(i1, "care_home", told, "in_person", k)
    contacts(i1, "child", ["2025-05-06 15:00", "2025-05-28 15:00", "2025-06-13 15:00"], "in_person")
    contacts(i1, "care_home", ["2025-05-06 15:00", "2025-05-28 15:00", "2025-06-13 15:00"], "phone")
    referral(i1, "CSE specialist support worker", "2025-05-07 14:00", "support_service", "Barnardo's")
    review(i1, "2025-05-07 09:00", "DS 8814 Flint", "Plan set: arrest, phone exam, ABE.")
    review(i1, "2025-06-02 09:00", "DS 8814 Flint", "File to CPS.")
    review(i1, "2025-06-20 17:30", "DS 8814 Flint", "Charged. Close.")
    episode(e, cid, "2025-10-11 23:00", "care home staff", "2025-10-11 20:30", "children's home, Bolton", "missing_from_care",
            "2025-10-12 03:30", "flat in Farnworth, with adult male (24)", "Bolton MFH", "PS 7012 Horne")
    grade(e, "high", "PC 1290 Lunt", "2025-10-11 23:10", ["in care", "OOA", "CSE history", "new adult male associate"],
          "17 LAC, previous CSE victim (charge June). Staff say new older male 'Dan' picking her up. HIGH.", "PS 7012 Horne", "2025-10-11 23:50")
    for a in [("circulation", "2025-10-11 23:05", "PC 1290 Lunt", "PNC circ"),
              ("child_call", "2025-10-11 23:30", "PC 1290 Lunt", "Rang C no answer"),
              ("enquiry", "2025-10-12 00:15", "PC 1290 Lunt", "Staff + SW re Dan - partial reg of car recieved"),
              ("phone_check", "2025-10-12 01:00", "PS 7012 Horne", "ANPR on partial VRM", "2025-10-12 02:00"),
              ("address_visit", "2025-10-12 02:45", "PC 1290 Lunt", "RK address from ANPR, Farnworth - C found 03:30", "2025-10-12 03:30")]:
        act(e, *a)
    sw(e, "2025-10-12 15:00", "in_person", "PC 1290 Lunt", True, True)
    rhi(e, not_offered="YP is 17 and has said before she won't speak to anyone. Home LA (Stoke) not notified.")
    inv(i2, cid, "sexual", "2025-10-13 10:00", "social_care", "2025-10-13 11:00", "GM/25/66012", "2025-10-15 10:00",
        "2025-10-13 10:45", "Bolton CSE", "DC 4401 Grey", "2025-10-16 10:00", "unknown", episodes=[e])
    suspect(i2, "2025-10-14 12:00", "Male aged 24 known as Dan, Farnworth", True, 24, "Farnworth", True)
    contacts(i2, "child", ["2025-10-13 15:00", "2025-10-31 15:00", "2025-11-21 15:00"], "in_person")
    contacts(i2, "care_home", ["2025-10-13 15:00", "2025-10-31 15:00", "2025-11-21 15:00"], "phone")
    referral(i2, "CSE specialist support worker (re-referral)", "2025-10-17 10:00", "support_service", "Barnardo's")
    review(i2, "2025-10-14 09:00", "DS 8814 Flint", "New adult assoc. Establish ID, consider CAWN.")
    review(i2, "2025-11-07 09:00", "DS 8814 Flint", "C not ready to talk about Dan yet - ISVA building trust. CAWN to be considered.")
    n = note(cid, "investigation", i2, "PC 1290 Lunt", "PC", "2025-10-14 11:00",
             "C has a new boyfriend, Dan (24). She is choosing to stay at his flat and says she is happy. Staff can't stop her going.")
    F(c, "INV-SUSPECT-NOT-DISRUPTED", i2, "Adult suspect 'Dan' (24) identified and located 14/10; a CAWN was mentioned at review but no disruption of any kind is recorded by as_of.")
    F(c, "LANG-UNCHALLENGED", n, "Calls a 24-year-old abuser of a 17-year-old in care her 'boyfriend' and says she is 'choosing' to stay; no supervisor challenged it.")
    F(c, "MIS-RHI-LATE", e, "Return home interview not offered at all after the 12/10 return; the child's age and past reluctance are not a reason not to offer it.")


def uc023():
    c = case("UC-023", "Boy 13 at home, high-risk county lines concern, still missing at as_of with no proactive action since 02:00", "inadequate",
             trap="A 'review' at 06:00 and a note are logged overnight, but neither is a proactive action; the episode is open at as_of, so it is judged up to 09:00.")
    cid, e = "UC-023", "UC-023-M1"
    child(cid, "2012-09-28", "M", "Wigan response", "Wigan", vulns=["speech and language needs"])
    episode(e, cid, "2025-11-27 18:00", "parent", "2025-11-27 15:30", "school, Wigan", "missing", team="Wigan response",
            oic="PS 2950 Platt")
    grade(e, "high", "PC 6044 Rourke", "2025-11-27 18:10",
          ["age 13", "previously found in Blackpool with older males", "CCE concern", "cold weather"],
          "13, last ep found Blackpool w/ older lads + cash. Mum says new trainers + 2nd phone. Below freezing tonight. HIGH.",
          "Insp 1407 Marsden", "2025-11-27 19:00")
    for a in [("circulation", "2025-11-27 18:05", "PC 6044 Rourke", "PNC + BTP"),
              ("child_call", "2025-11-27 18:30", "PC 6044 Rourke", "Rang both phones"),
              ("enquiry", "2025-11-27 19:15", "PC 6044 Rourke", "Lancs CAD - Blackpool addresses from last ep"),
              ("address_visit", "2025-11-27 20:00", "PC 6044 Rourke", "Friend's address Ince"),
              ("cctv", "2025-11-27 20:45", "PC 3318 Birch", "Wigan bus station CCTV", "2025-11-27 21:30"),
              ("phone_check", "2025-11-27 22:00", "PS 2950 Platt", "Cell site request"),
              ("address_visit", "2025-11-27 22:50", "Lancs PC 900", "Lancs visit Blackpool address - not there"),
              ("enquiry", "2025-11-27 23:40", "PS 2950 Platt", "Taxi firms"),
              ("search", "2025-11-28 00:30", "PC 3318 Birch", "Town centre + canal area", "2025-11-28 01:15"),
              ("child_call", "2025-11-28 02:00", "PC 3318 Birch", "Rang phones - both off")]:
        act(e, *a)
    act(e, "review", "2025-11-28 06:00", "PS 2950 Platt", "Handover review - remains high. Day shift to continue enquiries.")
    note(cid, "episode", e, "PS 2950 Platt", "PS", "2025-11-28 06:05",
         "Nights resources all committed to RTC on M6 from 02:15. No further deployment on C overnight. Handed to days.")
    F(c, "MIS-NO-PROACTIVE-ACTION", e, "High risk and still missing: no proactive action after the 02:00 call up to as_of 09:00 - seven hours against a 1-hour limit. The 06:00 review and note are not proactive actions.", risk="high")


def uc024():
    c = case("UC-024", "Girl 14 in foster care, medium-risk missing with a 6h20m gap in actions on a Saturday evening", "requires_improvement")
    cid, e = "UC-024", "UC-024-M1"
    child(cid, "2011-05-05", "F", "Bedford MFH", "Bedford", True, "foster care", False)
    episode(e, cid, "2025-07-19 14:00", "foster carer", "2025-07-19 11:30", "foster home, Bedford", "missing_from_care",
            "2025-07-20 01:30", "friend's address, Kempston", "Bedford MFH", "PS 1186 Tull")
    grade(e, "medium", "PC 7423 Swan", "2025-07-19 14:15", ["age 14", "in care"],
          "14 LAC, left after contact visit with birth dad cancelled. No CSE flags. In touch with friend by snap. Medium.",
          "PS 1186 Tull", "2025-07-19 16:00")
    act(e, "circulation", "2025-07-19 14:10", "PC 7423 Swan", "PNC")
    act(e, "child_call", "2025-07-19 15:00", "PC 7423 Swan", "Rang C no answer")
    act(e, "enquiry", "2025-07-19 16:30", "PC 7423 Swan", "FC + SW - friends list")
    act(e, "address_visit", "2025-07-19 22:50", "PC 0217 Mace", "Friend's address Kempston - friend's mum says C was there earlier")
    act(e, "address_visit", "2025-07-20 01:20", "PC 0217 Mace", "2nd friend Kempston - C present")
    sw(e, "2025-07-20 15:00", "in_person", "PC 0217 Mace", True, True)
    rhi(e, "2025-07-21 10:00", "Bedford Borough Missing Service", done="2025-07-23 15:00", done_by="Bedford Borough Missing Service")
    F(c, "MIS-NO-PROACTIVE-ACTION", e, "At medium risk, nothing proactive between the 16:30 enquiry and the 22:50 address visit - 6h20m against a 6-hour limit (borderline, 20 minutes over).", risk="medium")


def uc025():
    c = case("UC-025", "Boy 16 at home, CCE after a stop search in Crewe; 'gang member' challenged next day by a sergeant in a fresh note; Friday RUI passed on Monday", "good", True,
             "The PC's note calls him a 'gang member' - but a sergeant's fresh note the next morning names the entry and corrects it (a challenge inside 72h, written as a new note without a link field); the Friday-evening RUI decision was passed on on Monday morning, within 1 working day; the CAWN counts as disruption of the adult.")
    cid, i = "UC-025", "UC-025-I1"
    child(cid, "2009-01-30", "M", "Crewe CID", "Crewe")
    inv(i, cid, "criminal", "2025-11-14 15:00", "police", "2025-11-14 18:00", "CH/25/80271", "2025-11-15 10:00",
        "2025-11-14 15:30", "Crewe CID", "DC 2874 Moss", "2025-11-17 11:00", "yes")
    s = suspect(i, "2025-11-14 16:00", "Male aged 21, Crewe, believed to control the local line", True, 21, "Crewe", True)
    disrupt(s, "cawn", "2025-11-19 14:00")
    disrupt(s, "arrest", "2025-11-14 17:00")
    k = kd(i, "release_under_investigation", "2025-11-14 19:00")
    contact(i, "child", "2025-11-17 10:00", "in_person", k)
    contact(i, "parent_carer", "2025-11-17 10:00", "in_person", k)
    contacts(i, "child", ["2025-11-14 16:30", "2025-11-26 16:00"], "in_person")
    contacts(i, "parent_carer", ["2025-11-14 18:30", "2025-11-26 16:00"], "phone")
    referral(i, "County lines support (rescue and response)", "2025-11-18 10:00", "support_service", "Catch22")
    referral(i, "NRM", "2025-11-18 11:00", "national_referral_mechanism", "Home Office SCA")
    review(i, "2025-11-15 09:00", "DS 1458 Yates", "CCE. Adult arrested on scene, RUI. CAWN, NRM, phone exam, Op safeguarding visit.")
    n = note(cid, "investigation", i, "PC 4872 Platt", "PC", "2025-11-14 16:10",
             "S&S Crewe stn, 6 wraps crack cocaine + £340 on C. Gang member, part of the local line. Older male (21) with him arrested.")
    note(cid, "investigation", i, "PS 0611 Wragg", "Sgt", "2025-11-15 08:30",
         "Re PC Platt's entry yesterday 16:10 - C is a 16 year old being criminally exploited, not a 'gang member'. The adult arrested with him is the suspect; C is the victim. Please use that wording on the crime report and NRM.")


# =========================================================================
# self-check of the timing rules (my reading of the brief), used only to make
# sure the hand-written records say what the expected findings say
# =========================================================================
SUP = ("PS", "Sgt", "Sergeant", "DS", "Insp", "Inspector", "DI", "CI", "DCI", "Supt", "Superintendent")
PROACTIVE = {"enquiry", "search", "address_visit", "child_call", "contact", "cctv", "phone_check", "circulation"}
LIMIT_H = {"high": 1, "medium": 6, "low": 24, "no_apparent_risk": 24}


def one_working_day_after(t):
    """End of the next working day (Mon-Fri) after t."""
    n = t.date() + timedelta(days=1)
    while n.weekday() >= 5:
        n += timedelta(days=1)
    return datetime(n.year, n.month, n.day, 23, 59)


def sanity_check():
    by = lambda kind, key: defaultdict(list, _group(T[kind], key))
    eps, ras, acts = T["missing_episodes"], by("risk_assessments", "episode_id"), by("episode_actions", "episode_id")
    sws, rhis = by("safe_and_well_checks", "episode_id"), by("return_home_interviews", "episode_id")
    kids = {c["id"]: c for c in T["children"]}
    got = set()
    for e in eps:
        eid, end = e["id"], e["found_at"] or AS_OF
        grades = sorted(ras[eid], key=lambda r: r["graded_at"])
        for r in grades:
            if r["level"] == "no_apparent_risk":
                got.add(("MIS-NO-APPARENT-RISK", eid))
            lim = timedelta(hours=2 if r["level"] == "high" else 12)
            cb = (r["supervisor_confirmed_by"] or "").split(" ")[0]
            if cb not in SUP or not r["supervisor_confirmed_at"] or r["supervisor_confirmed_at"] - r["graded_at"] > lim:
                got.add(("MIS-GRADE-UNCONFIRMED", eid))
        level_at = lambda t: ([g["level"] for g in grades if g["graded_at"] <= t] or [grades[0]["level"]])[-1]
        spans = sorted((a["at"], a["ended_at"] or a["at"]) for a in acts[eid] if a["action_type"] in PROACTIVE)
        cur = e["reported_at"]
        for s, f in spans + [(end, end)]:
            if s > cur and s - cur > timedelta(hours=LIMIT_H[level_at(cur)]):
                got.add(("MIS-NO-PROACTIVE-ACTION", eid))
            cur = max(cur, f)
        if e["found_at"] and AS_OF - e["found_at"] > timedelta(hours=72):
            if not any(s["mode"] == "in_person" and s["child_seen"] is not False and
                       timedelta(0) <= s["at"] - e["found_at"] <= timedelta(hours=72) for s in sws[eid]):
                got.add(("MIS-NO-INPERSON-CHECK", eid))
            if not any(r["offered_at"] and r["offered_at"] - e["found_at"] <= timedelta(hours=72) for r in rhis[eid]):
                got.add(("MIS-RHI-LATE", eid))
    bychild = _group(eps, "child_id")
    for cid, es in bychild.items():
        es = sorted(es, key=lambda x: x["reported_at"])
        for k in range(2, len(es)):
            win = [x for x in es[:k + 1] if es[k]["reported_at"] - x["reported_at"] <= timedelta(days=90)]
            if len(win) >= 3 and not any(x["exploitation_screening_at"] or x["strategy_meeting_at"] for x in win):
                got.add(("MIS-REPEAT-NO-SCREENING", es[k]["id"]))
    revs, vcs = by("supervisor_reviews", "investigation_id"), by("victim_contacts", "investigation_id")
    refs, sus = by("referrals", "investigation_id"), by("suspects", "investigation_id")
    dis, kds = by("disruption_actions", "suspect_id"), by("key_decisions", "investigation_id")
    for i in T["investigations"]:
        iid, rep, end = i["id"], i["reported_at"], min(i["closed_at"] or AS_OF, AS_OF)
        days = lambda n: timedelta(days=n)
        if end - rep > days(7) and not (i["plan_recorded_at"] and i["plan_recorded_at"] - rep <= days(7)):
            got.add(("INV-NO-PLAN", iid))
        if end - rep > days(7) and not (i["needs_assessment_at"] and i["needs_assessment_at"] - rep <= days(7)):
            got.add(("INV-NO-NEEDS-ASSESSMENT", iid))
        if not i["first_action_at"] or i["first_action_at"] - rep > timedelta(hours=24):
            got.add(("INV-SLOW-FIRST-ACTION", iid))
        if i["reported_by"] != "child" and not i["crime_recorded_at"]:
            got.add(("INV-THIRD-PARTY-NOT-RECORDED", iid))
        if i["child_supports_prosecution"] == "no" and not i["evidence_led_considered_at"]:
            got.add(("INV-NO-EVIDENCE-LED", iid))
        if not any(r["referral_type"] == "support_service" for r in refs[iid]):
            got.add(("INV-NO-REFERRAL", iid))
        for s in sus[iid]:
            if s["is_adult"] and not dis[s["id"]]:
                got.add(("INV-SUSPECT-NOT-DISRUPTED", iid))
        in_care = kids[i["child_id"]]["in_care"]
        carer = {"parent_carer"} | ({"care_home", "social_worker"} if in_care else set())

        def gap(times, check):
            cur = rep
            for t in sorted(x for x in times if x <= end) + [end]:
                if t - cur > days(28):
                    got.add((check, iid))
                cur = max(cur, t)
        gap([r["reviewed_at"] for r in revs[iid]], "INV-NO-SUPERVISOR-REVIEW")
        gap([v["at"] for v in vcs[iid] if v["contact_with"] == "child"], "INV-CHILD-NOT-UPDATED")
        gap([v["at"] for v in vcs[iid] if v["contact_with"] in carer], "INV-PARENT-NOT-UPDATED")
        for k in kds[iid]:
            told = [v for v in vcs[iid] if v["key_decision_id"] == k["id"] and v["at"] <= one_working_day_after(k["at"])]
            if not ({v["contact_with"] for v in told} & {"child"} and {v["contact_with"] for v in told} & carer):
                got.add(("INV-KEY-DECISION-LATE", iid))
    return got


def _group(rows, key):
    g = defaultdict(list)
    for r in rows:
        g[r[key]].append(r)
    return g


# =========================================================================
# output
# =========================================================================
def cell(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(v, list):
        return ";".join(v)
    return str(v)


def main():
    for fn in [uc001, uc002, uc003, uc004, uc005, uc006, uc007, uc008, uc009, uc010,
               uc011, uc012, uc013, uc014, uc015, uc016, uc017, uc018, uc019, uc020,
               uc021, uc022, uc023, uc024, uc025]:
        fn()
    # grade rule
    bad = False
    for c in CASES:
        g = grade_rule(c["expected_findings"])
        if g != c["expected_grade"]:
            print(f"REFUSED {c['child_id']}: stated {c['expected_grade']} but rule gives {g}", file=sys.stderr)
            bad = True
        if c["good_practice"] and (c["expected_findings"] or "trap" not in c):
            print(f"REFUSED {c['child_id']}: good practice needs no findings and a trap", file=sys.stderr)
            bad = True
        for row in T["notes"]:
            assert not row["written_at"] > AS_OF
    # no date after as_of
    for kind, rows in T.items():
        for r in rows:
            for k, v in r.items():
                if isinstance(v, datetime) and v > AS_OF:
                    print(f"REFUSED {kind} {r['id']}: {k} after as_of", file=sys.stderr)
                    bad = True
    # timing self-check (language, grade-low and referral judgements are by hand)
    judged = {"MIS-GRADE-LOW", "LANG-UNCHALLENGED", "LANG-VICTIM-BLAMING"}
    got = {x for x in sanity_check() if x[0] not in judged}
    want = {(f["check"], f["record"]) for c in CASES for f in c["expected_findings"] if f["check"] not in judged}
    for x in sorted(got - want):
        print("SELF-CHECK finds but not expected:", x, file=sys.stderr)
    for x in sorted(want - got):
        print("SELF-CHECK expected but not found:", x, file=sys.stderr)
    if bad or got != want:
        sys.exit(1)
    out = os.path.join(HERE, "records")
    os.makedirs(out, exist_ok=True)
    for kind, rows in T.items():
        if not rows:
            continue
        cols = list(rows[0].keys())
        with open(os.path.join(out, f"{kind}.csv"), "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(cols)
            for r in rows:
                w.writerow([cell(r.get(k)) for k in cols])
    cases = []
    for c in CASES:
        c = dict(c)
        c["expected_findings"] = [{k: v for k, v in f.items() if not k.startswith("_")} for f in c["expected_findings"]]
        cases.append(c)
    with open(os.path.join(HERE, "expected.yml"), "w", encoding="utf-8") as fh:
        yaml.safe_dump({"as_of": AS_OF_S, "cases": cases}, fh, sort_keys=False, allow_unicode=True, width=120)
    from collections import Counter
    print(len(cases), "cases;", sum(c["good_practice"] for c in cases), "good practice;",
          dict(Counter(c["expected_grade"] for c in cases)), ";",
          sum(len(v) for v in T.values()), "records")


if __name__ == "__main__":
    main()

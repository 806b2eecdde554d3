#!/usr/bin/env python3
"""Independent test set of child case records with an inspector's expected findings.

Written by hand: each case below holds its records and, next to them, what an
inspector applying the force's written standards (standards_brief.md) would find.

Run:  .venv/bin/python data/cases_test/build_records.py
Writes records/<entity>.csv (exchange format) and expected.yml next to this file.

The script refuses to write anything if
  * a case's stated grade disagrees with the grade rule applied to its findings, or
  * a finding names a record that does not exist, or
  * the small cross-check of the time-based rules (below, written from the brief, not
    from the tool) disagrees with the hand-written findings, unless the case says why
    (``mech_ignore``: a judgement the clock alone cannot make).
"""
from __future__ import annotations

import csv
import datetime as dt
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
AS_OF = "2025-09-30T12:00:00"
AS_OF_DT = dt.datetime.fromisoformat(AS_OF)

# ---------------------------------------------------------------- standards (from the brief)
SEVERITY = {
    "MIS-GRADE-LOW": "serious",
    "MIS-NO-APPARENT-RISK": "serious",
    "MIS-GRADE-UNCONFIRMED": "major",
    "MIS-NO-PROACTIVE-ACTION": None,  # by risk level: high serious, medium major, low minor
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
PROACTIVE_SEVERITY = {"high": "serious", "medium": "major", "low": "minor"}
PROACTIVE_HOURS = {"high": 1, "medium": 6, "low": 24}
PROACTIVE_TYPES = {"enquiry", "search", "address_visit", "child_call", "contact", "cctv",
                   "phone_check", "circulation"}
SUPERVISOR_RANKS = {"PS", "Sgt", "Sergeant", "DS", "Insp", "Inspector", "DI", "CI", "DCI",
                    "Supt", "Superintendent"}


def grade_of(findings, levels):
    sev = []
    for f in findings:
        s = SEVERITY[f["check"]]
        if s is None:
            s = PROACTIVE_SEVERITY[levels[f["record"]]]
        sev.append(s)
    if not sev:
        return "good"
    if sev.count("serious") >= 1 or sev.count("major") >= 3:
        return "inadequate"
    return "requires_improvement"


# ---------------------------------------------------------------- record store
ENTITIES = {
    "children": ["id", "date_of_birth", "sex", "in_care", "placement_type", "vulnerabilities",
                 "team", "placement_location", "placement_out_of_area"],
    "missing_episodes": ["id", "child_id", "reported_at", "reported_by", "last_seen_at",
                         "last_seen_location", "status", "found_at", "found_location", "team",
                         "officer_in_charge", "exploitation_screening_at", "strategy_meeting_at"],
    "risk_assessments": ["id", "episode_id", "level", "factors", "rationale", "graded_by",
                         "graded_at", "supervisor_confirmed_by", "supervisor_confirmed_at"],
    "episode_actions": ["id", "episode_id", "action_type", "at", "officer", "description",
                        "ended_at"],
    "safe_and_well_checks": ["id", "episode_id", "at", "mode", "officer", "child_seen",
                             "child_spoken_to"],
    "return_home_interviews": ["id", "episode_id", "offered_at", "offered_by", "declined_at",
                               "done_at", "done_by", "not_done_reason", "not_offered_reason"],
    "investigations": ["id", "child_id", "exploitation_type", "reported_at", "reported_by",
                       "crime_recorded_at", "crime_reference", "plan_recorded_at",
                       "first_action_at", "team", "officer_in_charge", "needs_assessment_at",
                       "child_supports_prosecution", "evidence_led_considered_at",
                       "evidence_led_decision", "evidence_led_reason", "outcome", "outcome_at",
                       "outcome_text", "charged_at", "closed_at", "related_episode_ids"],
    "supervisor_reviews": ["id", "investigation_id", "reviewed_at", "reviewer", "summary"],
    "lines_of_enquiry": ["id", "investigation_id", "description", "raised_at", "status",
                         "completed_at"],
    "suspects": ["id", "investigation_id", "identified_at", "is_adult", "description", "age",
                 "address", "located"],
    "disruption_actions": ["id", "suspect_id", "action_type", "at"],
    "key_decisions": ["id", "investigation_id", "decision", "at"],
    "victim_contacts": ["id", "investigation_id", "contact_with", "at", "in_person", "method",
                        "key_decision_id"],
    "referrals": ["id", "investigation_id", "service", "at", "referral_type", "agency"],
    "notes": ["id", "record_type", "record_id", "child_id", "author", "author_role",
              "written_at", "text", "challenges_note_id"],
}
DB = {k: [] for k in ENTITIES}
CASES = []
_CUR = {}


def _add(entity, **kw):
    unknown = set(kw) - set(ENTITIES[entity])
    assert not unknown, (entity, unknown)
    kw = {c: kw.get(c) for c in ENTITIES[entity]}
    DB[entity].append(kw)
    return kw["id"]


def child(cid, dob, sex, **kw):
    _CUR.clear()
    _CUR.update(child=cid, n_ep=0, n_inv=0, n_note=0)
    return _add("children", id=cid, date_of_birth=dob, sex=sex, **kw)


def episode(reported_at, reported_by, **kw):
    _CUR["n_ep"] += 1
    eid = f"{_CUR['child']}-M{_CUR['n_ep']}"
    _CUR.update(ep=eid, n_ra=0, n_act=0, n_sw=0)
    _add("missing_episodes", id=eid, child_id=_CUR["child"], reported_at=reported_at,
         reported_by=reported_by, **kw)
    return eid


def grade(level, graded_by, graded_at, conf_by=None, conf_at=None, factors=None, rationale=None):
    _CUR["n_ra"] += 1
    return _add("risk_assessments", id=f"{_CUR['ep']}-R{_CUR['n_ra']}", episode_id=_CUR["ep"],
                level=level, factors=factors, rationale=rationale, graded_by=graded_by,
                graded_at=graded_at, supervisor_confirmed_by=conf_by,
                supervisor_confirmed_at=conf_at)


def act(action_type, at, officer, description=None, ended_at=None):
    _CUR["n_act"] += 1
    return _add("episode_actions", id=f"{_CUR['ep']}-A{_CUR['n_act']}", episode_id=_CUR["ep"],
                action_type=action_type, at=at, officer=officer, description=description,
                ended_at=ended_at)


def sw(at, mode, officer, seen=None, spoken=None):
    _CUR["n_sw"] += 1
    return _add("safe_and_well_checks", id=f"{_CUR['ep']}-SW{_CUR['n_sw']}",
                episode_id=_CUR["ep"], at=at, mode=mode, officer=officer, child_seen=seen,
                child_spoken_to=spoken)


def rhi(**kw):
    return _add("return_home_interviews", id=f"{_CUR['ep']}-RHI", episode_id=_CUR["ep"], **kw)


def inv(exploitation_type, reported_at, reported_by, **kw):
    _CUR["n_inv"] += 1
    iid = f"{_CUR['child']}-I{_CUR['n_inv']}"
    _CUR.update(inv=iid, n_sr=0, n_loe=0, n_sus=0, n_kd=0, n_vc=0, n_ref=0)
    _add("investigations", id=iid, child_id=_CUR["child"], exploitation_type=exploitation_type,
         reported_at=reported_at, reported_by=reported_by, **kw)
    return iid


def review(at, reviewer, summary=None):
    _CUR["n_sr"] += 1
    return _add("supervisor_reviews", id=f"{_CUR['inv']}-SR{_CUR['n_sr']}",
                investigation_id=_CUR["inv"], reviewed_at=at, reviewer=reviewer, summary=summary)


def loe(description, raised_at, status=None, completed_at=None):
    _CUR["n_loe"] += 1
    return _add("lines_of_enquiry", id=f"{_CUR['inv']}-L{_CUR['n_loe']}",
                investigation_id=_CUR["inv"], description=description, raised_at=raised_at,
                status=status, completed_at=completed_at)


def suspect(identified_at, is_adult=True, **kw):
    _CUR["n_sus"] += 1
    sid = f"{_CUR['inv']}-S{_CUR['n_sus']}"
    _CUR.update(sus=sid, n_da=0)
    _add("suspects", id=sid, investigation_id=_CUR["inv"], identified_at=identified_at,
         is_adult=is_adult, **kw)
    return sid


def disrupt(action_type, at):
    _CUR["n_da"] += 1
    return _add("disruption_actions", id=f"{_CUR['sus']}-D{_CUR['n_da']}",
                suspect_id=_CUR["sus"], action_type=action_type, at=at)


def decision(kind, at):
    _CUR["n_kd"] += 1
    return _add("key_decisions", id=f"{_CUR['inv']}-K{_CUR['n_kd']}",
                investigation_id=_CUR["inv"], decision=kind, at=at)


def contact(with_, at, method, key_decision_id=None):
    _CUR["n_vc"] += 1
    return _add("victim_contacts", id=f"{_CUR['inv']}-C{_CUR['n_vc']}",
                investigation_id=_CUR["inv"], contact_with=with_, at=at,
                in_person=(method == "in_person"), method=method,
                key_decision_id=key_decision_id)


def referral(service, at, referral_type=None, agency=None):
    _CUR["n_ref"] += 1
    return _add("referrals", id=f"{_CUR['inv']}-RF{_CUR['n_ref']}",
                investigation_id=_CUR["inv"], service=service, at=at,
                referral_type=referral_type, agency=agency)


def note(on, author, role, at, text, challenges=None):
    """on: 'child', or a record id (episode ...-M1 or investigation ...-I1)."""
    _CUR["n_note"] += 1
    if on == "child":
        rtype, rid = "child", _CUR["child"]
    elif "-M" in on:
        rtype, rid = "episode", on
    else:
        rtype, rid = "investigation", on
    return _add("notes", id=f"{_CUR['child']}-N{_CUR['n_note']}", record_type=rtype,
                record_id=rid, child_id=_CUR["child"], author=author, author_role=role,
                written_at=at, text=text, challenges_note_id=challenges)


def case(title, expected_grade, good_practice, findings, trap=None, levels=None,
         mech_ignore=None):
    """findings: list of (check, record, why)."""
    CASES.append(dict(child_id=_CUR["child"], title=title, expected_grade=expected_grade,
                      good_practice=good_practice, trap=trap,
                      findings=[dict(check=c, record=r, why=w) for c, r, w in findings],
                      levels=levels or {}, mech_ignore=mech_ignore or {}))


# Officers (invented names, invented collar numbers)
PC1, PC2, PC3, PC4 = "PC 4471 Dunmore", "PC 5209 Adeyemi", "PC 3318 Kowalczyk", "PC 6120 Bright"
PC5, PC6 = "PC 2784 Hussain", "PC 5530 Teague"
PCSO = "PCSO 7712 Lamb"
PS1, PS2, PS3 = "PS 2231 Okafor", "PS 1409 Varga", "Sgt 1876 Pryce"
INSP = "Insp 902 Marsh"
DC1, DC2, DC3 = "DC 3390 Reyes", "DC 4127 Fenwick", "DC 2958 Mistry"
DS1, DS2 = "DS 1187 Whitlock", "DS 1650 Amankwah"
DI = "DI 611 Carrow"
CH = "CH 8841 Doyle"  # call handler


# ============================================================================ CASES
# Towns are named, never addresses. All people are invented.
# Weekdays used below (2025): Mon 12 May, Mon 2 Jun, Fri 13 Jun, Mon 7 Jul, Thu 17 Jul,
# Fri 8 Aug, Sat 9 Aug, Mon 11 Aug, Fri 12 Sep, Fri 26 Sep, Mon 29 Sep. No key decision
# falls on or next to a bank holiday.

# ---------------------------------------------------------------- TC-001 (good)
child("TC-001", "2010-03-14", "F", team="Kettering MFH", vulnerabilities=None)
e = episode("2025-08-12T19:05", "parent", last_seen_at="2025-08-12T15:30",
            last_seen_location="school gates, Kettering", found_at="2025-08-13T08:40",
            found_location="friend's home, Corby (collected by mum)", team="Kettering MFH",
            officer_in_charge=PC1)
grade("medium", PC1, "2025-08-12T19:20", PS1, "2025-08-12T20:10",
      factors=["age 15", "out of character", "phone off since 1600"],
      rationale="1st time MFH. Mum says out of character, phone off since approx 1600 after "
                "argument about her phone. No CSE/CCE concerns known (intel checked - nil), no MH. "
                "MEDIUM pending enquiries with school and friends.")
act("enquiry", "2025-08-12T19:30", PC1, "Calls to school DSL and 2 friends named by mum - no trace")
act("address_visit", "2025-08-12T20:40", PC2, "Friend (K)'s address Kettering - not there, K not heard from her")
act("circulation", "2025-08-12T21:00", PC1, "PNC + shift briefing, photo from mum")
act("child_call", "2025-08-12T22:10", PC1,
    "Child rang mum back, call passed to me - spoke to MISPER direct. Says at friend J's house in Corby, "
    "calm, no one else heard in background, says she's staying the night")
act("contact", "2025-08-12T22:30", PC2, "Phoned J's mother - confirms child with them, safe, will keep her overnight and bring her back 0800")
grade("low", PC1, "2025-08-12T22:40", PS1, "2025-08-12T23:05",
      factors=["spoke to child directly", "whereabouts confirmed by responsible adult"],
      rationale="Regraded LOW. Spoke to child directly 2210 and J's mum (adult) confirmed at 2230 she is there and "
                "safe. Argument at home re phone. No indication of harm, no exploitation indicators. "
                "Plan: call J's mum 0800, mum to collect, S&W tomorrow. Episode stays open until child seen.")
act("contact", "2025-08-13T07:55", PC3, "Call to J's mum - child still there, mum en route to Corby")
note(e, PS1, "PS", "2025-08-12T23:05",
     "Sgt review: agree regrade medium -> low. Reasons: direct contact with the child and confirmation from a "
     "responsible adult at the address. Not closing - child to be seen. Early turn to ring J's mum 0800.")
sw("2025-08-13T16:00", "in_person", PC3, True, True)
rhi(offered_at="2025-08-13T11:30", offered_by="Compass return interview service",
    done_at="2025-08-15T15:00", done_by="Compass return interview service")
case("Girl, 15: grade lowered from medium to low overnight with written reasons and sergeant's agreement",
     "good", True, [],
     trap="The overnight gap 22:30-07:55 (9 h 25) is over the 6-hour medium limit, but the grade had been "
          "lowered to low at 22:40 with written reasons (child spoken to directly, whereabouts confirmed by an "
          "adult) and confirmed by a sergeant 25 minutes later, so the 24-hour low-risk limit applies.")

# ---------------------------------------------------------------- TC-002 (good)
child("TC-002", "2012-01-20", "M", vulnerabilities=["autism"], team="Wellingborough MFH")
e = episode("2025-07-03T17:10", "parent", last_seen_at="2025-07-03T15:20",
            last_seen_location="leaving school, Wellingborough", found_at="2025-07-03T23:30",
            found_location="woodland by reservoir, Wellingborough (search team)", officer_in_charge=PS2)
grade("high", PC2, "2025-07-03T17:25", INSP, "2025-07-03T17:50",
      factors=["age 13", "autism - no road/water sense", "out of character", "near water"],
      rationale="13 yr old with autism, never been missing before, dad says he has no sense of danger near water "
                "and will hide if frightened. Phone left at home. HIGH.")
act("circulation", "2025-07-03T17:30", PC2, "Circulated all units + photo, BTP informed")
act("address_visit", "2025-07-03T17:40", PC4, "Home address searched incl loft, shed, cars - neg")
act("search", "2025-07-03T18:15", PS2,
    "POLSA-led search of reservoir + woodland sectors 1-6, search adviser on scene, dog unit and drone. "
    "Search log kept by POLSA.", ended_at="2025-07-03T23:45")
act("cctv", "2025-07-03T18:30", PC5, "Town centre/bus station CCTV trawl 1500-1800", ended_at="2025-07-03T20:00")
act("contact", "2025-07-03T20:30", PC4, "Grandparents in Rushden phoned - not there, will ring if he turns up")
note(e, PS2, "PS", "2025-07-04T00:15",
     "POLSA search ran continuously 1815-2345, one entry on the MISPER log at the start as per the search log. "
     "Found 2330 sector 5 by search team, cold, unhurt. Parents informed, paramedic check at home.")
sw("2025-07-04T10:30", "in_person", PC2, True, True)
rhi(offered_at="2025-07-04T14:00", offered_by="Children's services RHI team",
    done_at="2025-07-07T16:00", done_by="Children's services RHI team")
case("Boy, 13, autistic, high risk: long POLSA search logged once at its start", "good", True, [],
     trap="At high risk the limit is 1 hour between proactive actions; the log shows nothing new between 20:30 "
          "and the find at 23:30, but the 18:15 entry is a search that ran until 23:45 (ended_at recorded), so "
          "he was being actively searched for the whole time.")

# ---------------------------------------------------------------- TC-003 (good)
child("TC-003", "2009-05-02", "F", in_care=True, placement_type="children's home",
      placement_location="Bedford", placement_out_of_area=False, team="Bedford MFH")
e = episode("2025-06-20T08:10", "care home staff", status="missing_from_care",
            last_seen_at="2025-06-20T01:00", last_seen_location="her room at the home, Bedford",
            found_at="2025-06-20T16:40", found_location="Bedford town centre (patrol)",
            officer_in_charge=PC3)
grade("medium", PC3, "2025-06-20T08:25", PS3, "2025-06-20T10:00",
      factors=["in care", "16", "left overnight", "phone off"],
      rationale="CIC 16yo, bed empty at 0730 check. 1 previous episode (2024) found at birth mum's. No current "
                "CSE/CCE concerns per SW. Medium.")
act("enquiry", "2025-06-20T08:20", PC3, "Staff: list of friends/places from key worker")
act("child_call", "2025-06-20T08:45", PC3, "Called her mobile - off. Text sent")
act("address_visit", "2025-06-20T10:30", PC4, "Birth mum's address Bedford - not there, mum not seen her")
act("contact", "2025-06-20T13:00", PC3, "SW and friend's mum contacted - friend says she may be in town")
act("search", "2025-06-20T15:00", PC4, "Drive round town centre, bus + rail station", ended_at="2025-06-20T17:00")
sw("2025-06-20T19:30", "in_person", PC4, True, True)
rhi(offered_at="2025-06-23T14:40", offered_by="independent RHI worker (commissioned service)",
    declined_at="2025-06-23T14:40",
    not_done_reason="Offered by phone via key worker, child declined - says she has already talked it through with "
                    "key worker. Re-offer to be made through SW 26/06.")
case("Girl, 16, in care: return home interview offered at 70 hours and declined", "good", True, [],
     trap="No return home interview took place, but one was offered 70 hours after she was found (inside the "
          "72-hour limit) and she declined it; declining is the child's right, not a failure to offer.")

# ---------------------------------------------------------------- TC-004 (good)
child("TC-004", "2008-02-11", "M", team="Daventry MFH")
e = episode("2025-09-06T09:15", "parent", last_seen_at="2025-09-05T20:00",
            last_seen_location="leaving home for a party, Daventry", found_at="2025-09-06T22:50",
            found_location="returned home", officer_in_charge=PC5)
grade("low", PC5, "2025-09-06T09:35", PS1, "2025-09-06T14:20",
      factors=["17", "no previous", "no vulnerabilities", "known plans (party)"],
      rationale="17 yr old, no MFH history, no MH, no exploitation concerns (intel nil, college confirms enrolled "
                "and attending). Usually texts if staying out, phone now flat. No indication of harm. LOW per "
                "force risk matrix; review if anything changes.")
act("enquiry", "2025-09-06T10:05", PC5, "Host of party (friend's dad) - several lads stayed, will check")
act("child_call", "2025-09-06T10:20", PC5, "Mobile straight to voicemail, text sent")
act("contact", "2025-09-06T13:40", PC5, "Friend's dad rang back - he left about 0200 with 2 friends, names given")
act("enquiry", "2025-09-06T20:30", PC6, "Friends' parents called, one thinks he is in Towcester with her son")
note("child", PC5, "PC", "2025-09-06T09:40",
     "17 yr old reported by mum. There is nothing to suggest he is being exploited or is putting himself at risk - "
     "no older associates, no unexplained money or phones, college attendance normal. Graded low, will review.")
sw("2025-09-07T11:00", "in_person", PC6, True, True)
rhi(offered_at="2025-09-08T10:00", offered_by="County RHI service", done_at="2025-09-09T16:30",
    done_by="County RHI service")
case("Boy, 17, no risk factors, graded low", "good", True, [],
     trap="A missing child graded low: the rationale records the factors looked for and found none, and a sergeant "
          "confirmed within 5 hours, so the low grade is supported. 'Putting himself at risk' appears only inside "
          "a negation ('nothing to suggest...').")

# ---------------------------------------------------------------- TC-005 (good)
child("TC-005", "2010-11-05", "F", vulnerabilities=["anxiety"], team="Northampton CSE")
i = inv("sexual", "2025-06-02T16:30", "child", crime_recorded_at="2025-06-02T18:00",
        crime_reference="CR/25/061245", plan_recorded_at="2025-06-04T10:00",
        first_action_at="2025-06-02T17:15", team="Northampton CSE", officer_in_charge=DC1,
        needs_assessment_at="2025-06-03T11:00", child_supports_prosecution="yes",
        outcome="charged", outcome_at="2025-07-22T19:30",
        outcome_text="Charged s.9 SOA x3, remanded. File to CJU.", charged_at="2025-07-22T19:30",
        closed_at="2025-07-24T12:00")
review("2025-06-03T09:30", DS1, "Initial review. Plan: ABE, phone download w/ consent, identify+arrest male, CAWN not needed if arrested. VCOP enhanced.")
review("2025-06-27T14:00", DS1, "Review: downloads back, ANPR corroborates. Bail conditions holding. CPS file build.")
review("2025-07-21T10:00", DS1, "Review: file to CPS for charge, updates via CHISVA continuing.")
loe("ABE interview of child (intermediary not needed)", "2025-06-02T17:15", "completed", "2025-06-04T15:00")
loe("Download child's phone (consent) - Snapchat messages", "2025-06-03T10:00", "completed", "2025-06-20T12:00")
loe("ANPR on suspect vehicle for dates given", "2025-06-03T10:00", "completed", "2025-06-18T09:00")
suspect("2025-06-03T15:00", True, description="adult male met via Snapchat, met child in person x3", age=31,
        address="Northampton", located=True)
disrupt("arrest", "2025-06-05T06:45")
disrupt("bail_conditions", "2025-06-05T21:00")
disrupt("charge", "2025-07-22T19:30")
k1 = decision("arrest", "2025-06-05T06:45")
k2 = decision("bail", "2025-06-05T21:00")
k3 = decision("charge", "2025-07-22T19:30")
contact("child", "2025-06-02T16:30", "in_person")
contact("parent_carer", "2025-06-02T16:30", "in_person")
contact("child", "2025-06-05T12:00", "through_professional", k1)
contact("parent_carer", "2025-06-05T12:30", "phone", k1)
contact("child", "2025-06-06T10:00", "through_professional", k2)
contact("parent_carer", "2025-06-06T10:15", "phone", k2)
contact("child", "2025-06-30T15:00", "through_professional")
contact("parent_carer", "2025-06-30T15:30", "phone")
contact("child", "2025-07-23T11:00", "through_professional", k3)
contact("parent_carer", "2025-07-23T10:30", "phone", k3)
referral("CHISVA (children's independent sexual violence adviser)", "2025-06-03T12:00", "support_service", "County SARC")
referral("Children's social care - MASH", "2025-06-02T19:00", "children_social_care", "MASH")
note(i, DC1, "DC", "2025-06-05T12:10",
     "Child asked (VCOP needs assessment 03/06) that all updates come through her CHISVA (Ms R) as police calls "
     "make her anxious - agreed. Arrest update given through CHISVA 1200, CHISVA confirms she told her in person. "
     "Mum updated direct.")
case("Girl, 14, CSE: every update to the child given through her advocate at her request", "good", True, [],
     trap="After the first day the police never spoke to the child directly; every update went through her "
          "CHISVA at her recorded request, logged as contact with the child through a professional, and each key "
          "decision reached her and her mother within 1 working day.")

# ---------------------------------------------------------------- TC-006 (good)
child("TC-006", "2011-04-22", "F", team="Northampton CSE")
i = inv("sexual", "2025-08-04T10:20", "parent_carer", crime_recorded_at="2025-08-04T11:05",
        crime_reference="CR/25/080412", plan_recorded_at="2025-08-05T15:00",
        first_action_at="2025-08-04T11:30", team="Northampton CSE", officer_in_charge=DC2,
        needs_assessment_at="2025-08-06T16:00", child_supports_prosecution="unknown")
review("2025-08-05T16:00", DS2, "Plan agreed: CAWN, intel development, digital strategy, ABE when child ready.")
review("2025-08-29T11:00", DS2, "CAWN served. Arrest planned. Safeguarding plan in place, mum protective.")
review("2025-09-24T10:00", DS2, "Suspect RUI pending phone download. Child engaging with support worker.")
loe("Mum's screenshots of messages - obtain + exhibit", "2025-08-04T11:30", "completed", "2025-08-05T10:00")
loe("Identify grey Audi via ANPR near school", "2025-08-04T12:00", "completed", "2025-08-05T09:00")
suspect("2025-08-05T09:00", True, description="adult male 'Deano', picks child up near school in grey Audi",
        age=27, address="Northampton", located=True)
disrupt("cawn", "2025-08-07T19:00")
disrupt("arrest", "2025-09-10T07:00")
k1 = decision("arrest", "2025-09-10T07:00")
k2 = decision("release_under_investigation", "2025-09-10T18:00")
contact("parent_carer", "2025-08-04T10:20", "in_person")
contact("child", "2025-08-06T16:00", "in_person")
contact("child", "2025-08-28T16:30", "in_person")
contact("parent_carer", "2025-08-28T17:00", "phone")
contact("parent_carer", "2025-09-10T09:00", "phone", k1)
contact("child", "2025-09-10T17:00", "phone", k1)
contact("parent_carer", "2025-09-10T19:00", "phone", k2)
contact("child", "2025-09-11T16:30", "in_person", k2)
contact("child", "2025-09-22T16:00", "phone")
contact("parent_carer", "2025-09-22T16:20", "phone")
referral("Young people's exploitation support worker", "2025-08-06T17:00", "support_service", "local CSE support charity")
note(i, DC2, "DC", "2025-08-04T12:00",
     "Mum reports daughter (A, 14) messaging an adult male approx late 20s 'Deano' who picks her up near school in "
     "a grey Audi; messages call her 'my girl'. Crime recorded on mum's report (HOCR - third party report; there is "
     "no requirement for A to make the complaint herself).")
note(i, DC2, "DC", "2025-08-07T20:10",
     "CAWN served on suspect at home address 1900. On service he stated \"she's my girlfriend, she wanted to come "
     "with me, she's mature for her age\". Told him the notice applies regardless and that a 14 yr old cannot "
     "consent. Suspect was manipulative and evasive in his answers - denied knowing her age though his own messages "
     "mention her school year.")
note("child", DS2, "DS", "2025-08-29T11:10",
     "A is being groomed by an adult male. Safeguarding plan in place; mum protective. Keep recording focused on "
     "the suspect's behaviour.")
case("Girl, 14, reported by her mother: blaming words only in the suspect's quoted words and about the suspect",
     "good", True, [],
     trap="'Girlfriend', 'wanted to come' and 'mature for her age' appear only inside a quotation of the suspect; "
          "'manipulative' describes the adult suspect; 'make the complaint herself' sits in a sentence saying there "
          "was no such requirement. The crime was recorded on the mother's third-party report.")

# ---------------------------------------------------------------- TC-007 (good)
child("TC-007", "2009-12-01", "F", team="Luton MFH")
e = episode("2025-07-18T23:40", "parent", last_seen_at="2025-07-18T19:00",
            last_seen_location="Luton town centre", found_at="2025-07-19T06:20",
            found_location="passenger in a car stopped on M1 slip road, Luton (ANPR)",
            officer_in_charge=PC1, exploitation_screening_at="2025-07-19T15:00",
            strategy_meeting_at="2025-07-21T10:00")
grade("high", PC1, "2025-07-18T23:55", PS2, "2025-07-19T00:40",
      factors=["15", "CSE concerns - seen getting into cars with adult males", "overnight"],
      rationale="Known CSE concerns (MASH 06/25) - adult males in cars. Not answering. HIGH.")
act("child_call", "2025-07-18T23:50", PC1, "No answer, voicemail left")
act("circulation", "2025-07-19T00:05", PC1, "ANPR markers on 2 vehicles linked on intel, circulated")
act("address_visit", "2025-07-19T00:30", PC3, "Address of known adult associate, Luton - no reply, neighbour nil")
act("phone_check", "2025-07-19T01:10", PC1, "Urgent cell site - Insp authority")
act("search", "2025-07-19T01:45", PC3, "Patrols of known hotspots - retail park, Leagrave", ended_at="2025-07-19T05:00")
act("cctv", "2025-07-19T04:30", PC5, "Town centre CCTV 1900-2100 on 18th", ended_at="2025-07-19T06:00")
n1 = note(e, PC1, "PC", "2025-07-19T07:10",
          "Located in vehicle with 2 adult males after ANPR hit. Details obtained, intel submitted, CSE team informed. "
          "She is putting herself at risk by getting into cars with older men and keeps going back to them despite "
          "warnings.")
note(e, PS2, "PS", "2025-07-22T05:10",
     "Sgt review of log. PC 4471 wrote that she is \"putting herself at risk by getting into cars with older men\" "
     "and \"keeps going back to them\". Please don't record it this way - she is a 15 yr old being groomed and "
     "exploited by adult men and the risk comes from them. Spoken to PC 4471.", challenges=n1)
sw("2025-07-19T10:00", "in_person", PC3, True, True)
rhi(offered_at="2025-07-19T14:00", offered_by="Luton RHI service", done_at="2025-07-21T15:30",
    done_by="Luton RHI service")
case("Girl, 15, CSE, high risk: victim-blaming entry challenged by a sergeant at 70 hours", "good", True, [],
     trap="The officer's note is victim-blaming, but a sergeant challenged it in writing 70 hours later (inside "
          "the 72-hour limit). The challenge quotes the same phrases and is a supervisor's correction, not new "
          "victim-blaming language. Borderline on time.")

# ---------------------------------------------------------------- TC-008 (good)
child("TC-008", "2010-02-17", "M", team="Croydon exploitation")
i = inv("criminal", "2025-08-08T02:30", "police", crime_recorded_at="2025-08-08T09:00",
        crime_reference="CR/25/080802", plan_recorded_at="2025-08-09T12:00",
        first_action_at="2025-08-08T02:30", team="Exploitation hub", officer_in_charge=DC3,
        needs_assessment_at="2025-08-11T11:00", child_supports_prosecution="no",
        evidence_led_considered_at="2025-08-20T10:00", evidence_led_decision="proceed",
        evidence_led_reason="Handset attribution of the deal line, phone download, ANPR of suspect's car and the flat "
                            "tenancy give an evidence-led case without J's account. CPS early advice sought 19/08.",
        outcome="charged", outcome_at="2025-09-26T17:00", charged_at="2025-09-26T17:00",
        outcome_text="Charged MSA s.2 and PWITS; remanded.")
review("2025-08-08T10:00", DS1, "J is a victim of CCE - NRM, no interview as suspect. Plan set.")
review("2025-09-03T14:00", DS1, "Evidence-led approach agreed. Bail conditions no contact.")
review("2025-09-26T18:00", DS1, "Charged. Continue VCOP updates and support.")
loe("Download deal-line handset", "2025-08-08T09:00", "completed", "2025-08-28T12:00")
loe("Tenancy + ANPR for suspect vehicle Croydon-Hastings", "2025-08-08T09:00", "completed", "2025-08-22T16:00")
suspect("2025-08-08T02:40", True, description="adult male holding the deal line in the flat", age=22,
        address="Hastings / Croydon", located=True)
disrupt("arrest", "2025-08-08T02:40")
disrupt("bail_conditions", "2025-08-09T16:00")
disrupt("charge", "2025-09-26T17:00")
k1 = decision("arrest", "2025-08-08T02:40")
k2 = decision("bail", "2025-08-09T16:00")
k3 = decision("charge", "2025-09-26T17:00")
contact("parent_carer", "2025-08-08T06:00", "phone", k1)
contact("child", "2025-08-08T10:00", "in_person", k1)
contact("parent_carer", "2025-08-11T10:00", "phone", k2)
contact("child", "2025-08-11T10:30", "in_person", k2)
contact("child", "2025-08-26T15:00", "in_person")
contact("parent_carer", "2025-09-05T18:00", "phone")
contact("child", "2025-09-19T16:00", "phone")
contact("parent_carer", "2025-09-29T09:30", "phone", k3)
contact("child", "2025-09-29T16:00", "in_person", k3)
referral("NRM referral (police first responder)", "2025-08-08T14:00", "national_referral_mechanism", "Home Office SCA")
referral("Children's social care", "2025-08-08T12:00", "children_social_care", "Croydon CSC")
referral("County lines rescue and response support worker", "2025-08-12T11:00", "support_service", "county lines support service")
note(i, DC3, "DC", "2025-08-08T11:00",
     "J (15) found 0230 in a flat in Hastings during a drugs warrant. He is being criminally exploited - adults used "
     "him to hold and move class A on the 'Reno' line. Treated as a victim: NRM, not interviewed as a suspect, s.45 "
     "MSA noted. He says he \"owes\" them money - debt bondage. Mum travelling to collect.")
case("Boy, 15, county lines: treated as a victim, evidence-led case, weekend key decisions passed on Monday",
     "good", True, [],
     trap="He was found holding drugs and does not support a prosecution, yet he is treated as a victim (NRM, "
          "support referral) and an evidence-led case was considered with reasons. The bail decision (Saturday) and "
          "the charge (Friday 17:00) reached him and his mother on the Monday, inside 1 working day.")

# ---------------------------------------------------------------- TC-009 (good)
child("TC-009", "2011-06-30", "F", in_care=True, placement_type="children's home",
      placement_location="Milton Keynes", placement_out_of_area=True, vulnerabilities=["ADHD"],
      team="Milton Keynes MFH")
e1 = episode("2025-07-05T22:15", "care home staff", status="missing_from_care",
             last_seen_at="2025-07-05T20:30", last_seen_location="children's home, Milton Keynes",
             found_at="2025-07-06T05:40", found_location="returned to home by taxi", officer_in_charge=PC4)
grade("medium", PC4, "2025-07-05T22:30", PS3, "2025-07-05T23:50",
      factors=["in care (out of area)", "14", "ADHD", "1st episode at this placement"],
      rationale="CIC placed out of area, 1st episode here, no known CSE/CCE. Medium.")
act("child_call", "2025-07-05T22:35", PC4, "no answer")
act("enquiry", "2025-07-05T22:50", PC4, "Staff - friends/places list, social media accounts")
act("address_visit", "2025-07-06T01:30", PC6, "Friend's address MK - no trace")
act("search", "2025-07-06T03:00", PC6, "MK centre + Central station area", ended_at="2025-07-06T04:30")
n = note(e1, PC4, "PC", "2025-07-05T22:40",
         "Night manager reported her missing; staff quote \"she's absconded again, she'll be back when she's "
         "ready\". Advised staff she is a missing child from care and will be treated as such. Graded medium.")
sw("2025-07-06T14:00", "in_person", PC4, True, True)
rhi(offered_at="2025-07-07T10:00", offered_by="MK RHI service", done_at="2025-07-08T15:00", done_by="MK RHI service")
e2 = episode("2025-08-02T17:30", "care home staff", status="missing_from_care",
             last_seen_at="2025-08-02T15:00", last_seen_location="children's home, Milton Keynes",
             found_at="2025-08-03T07:15", found_location="bus stop, Bletchley (patrol)", officer_in_charge=PC6,
             exploitation_screening_at="2025-08-04T11:00")
grade("medium", PC6, "2025-08-02T17:45", PS1, "2025-08-02T19:00",
      factors=["in care", "2nd episode in 4 weeks", "taxi home last time - who paid?"],
      rationale="2nd in 4 wks. Last time came back in a taxi at 0540, unclear who paid. Medium; screening to be requested.")
act("enquiry", "2025-08-02T17:50", PC6, "staff + school friends")
act("child_call", "2025-08-02T18:00", PC6, "phone off")
act("circulation", "2025-08-02T19:30", PC6, "PNC/briefing")
act("cctv", "2025-08-02T21:00", PC5, "MK Central station CCTV", ended_at="2025-08-02T22:30")
act("address_visit", "2025-08-03T01:00", PC2, "Friend's address Bletchley - no")
act("contact", "2025-08-03T04:30", PC2, "EDT social worker - any other addresses? none")
sw("2025-08-03T13:00", "in_person", PC6, True, True)
rhi(offered_at="2025-08-04T09:00", offered_by="MK RHI service", done_at="2025-08-06T16:00", done_by="MK RHI service")
e3 = episode("2025-08-30T20:10", "care home staff", status="missing_from_care",
             last_seen_at="2025-08-30T18:40", last_seen_location="children's home, Milton Keynes",
             found_at="2025-08-30T23:05", found_location="fast food outlet, Bletchley, with two school friends",
             officer_in_charge=PC2, exploitation_screening_at="2025-08-31T09:00",
             strategy_meeting_at="2025-09-01T14:00")
grade("high", PC2, "2025-08-30T20:25", INSP, "2025-08-30T21:10",
      factors=["3rd episode in 8 wks", "screening 04/08 - emerging CSE risk", "in care, out of area"],
      rationale="3rd episode, screening flagged emerging CSE risk (older males online). HIGH.")
act("circulation", "2025-08-30T20:15", PC2, "All units")
act("child_call", "2025-08-30T20:20", PC2, "off")
act("address_visit", "2025-08-30T20:50", PC6, "Address from screening - no trace")
act("search", "2025-08-30T21:30", PC6, "Area search Bletchley with dog unit", ended_at="2025-08-30T23:00")
act("phone_check", "2025-08-30T22:10", PC2, "Cell site request")
sw("2025-08-31T10:30", "in_person", PC2, True, True)
rhi(offered_at="2025-08-31T12:00", offered_by="MK RHI service", done_at="2025-09-02T15:00", done_by="MK RHI service")
case("Girl, 14, in care out of area: three episodes in 8 weeks, screened and strategy meeting held", "good", True, [],
     trap="Three missing episodes in 56 days meets the repeat-missing trigger, but an exploitation screening followed "
          "the 2nd episode and a strategy meeting the 3rd. 'Absconded' appears only as the care staff's quoted words, "
          "with the officer's correction.")

# ---------------------------------------------------------------- TC-010 (good)
child("TC-010", "2012-09-09", "F", vulnerabilities=["learning disability"], team="Online CSE")
i = inv("sexual", "2025-07-07T13:40", "school", crime_recorded_at="2025-07-07T15:00",
        crime_reference="CR/25/070733", plan_recorded_at="2025-07-08T11:00",
        first_action_at="2025-07-07T14:30", team="POLIT/online CSE", officer_in_charge=DC1,
        needs_assessment_at="2025-07-09T15:30", child_supports_prosecution="no",
        evidence_led_considered_at="2025-07-24T10:00", evidence_led_decision="proceed",
        evidence_led_reason="Chat logs and images on child's tablet (parental consent) and on suspect's devices; s.15A "
                            "sexual communication with a child provable on the digital evidence alone. CPS advice.",
        outcome="charged", outcome_at="2025-09-12T18:00", charged_at="2025-09-12T18:00",
        outcome_text="Charged s.15A and s.10 SOA (inciting). Bailed to court.", closed_at="2025-09-19T12:00")
review("2025-07-08T16:00", DS2, "Plan: intermediary, digital strategy, subscriber checks.")
review("2025-08-01T10:00", DS2, "Suspect identified and arrested. Evidence-led route agreed.")
review("2025-08-27T10:00", DS2, "Download complete, file to CPS.")
review("2025-09-16T10:00", DS2, "Charged 12/09. Closing to CJU once updates confirmed.")
suspect("2025-07-15T12:00", True, description="adult male using profile 'skyler_x', identified by subscriber checks",
        age=34, address="Leicester", located=True)
disrupt("search_warrant", "2025-07-22T06:30")
disrupt("arrest", "2025-07-22T06:35")
disrupt("charge", "2025-09-12T18:00")
k1 = decision("arrest", "2025-07-22T06:35")
k2 = decision("release_under_investigation", "2025-07-22T20:00")
k3 = decision("charge", "2025-09-12T18:00")
contact("parent_carer", "2025-07-07T16:00", "phone")
contact("child", "2025-07-08T15:30", "in_person")
contact("parent_carer", "2025-07-22T09:00", "phone", k1)
contact("child", "2025-07-22T17:00", "in_person", k1)
contact("parent_carer", "2025-07-22T21:00", "phone", k2)
contact("child", "2025-07-23T16:00", "in_person", k2)
contact("child", "2025-08-15T16:00", "in_person")
contact("parent_carer", "2025-08-15T16:00", "in_person")
contact("child", "2025-09-10T16:30", "phone")
contact("parent_carer", "2025-09-10T16:45", "phone")
contact("parent_carer", "2025-09-13T10:00", "phone", k3)
contact("child", "2025-09-15T16:30", "in_person", k3)
referral("Children's social care", "2025-07-07T15:30", "children_social_care", "MASH")
referral("Online harm support service for children", "2025-07-09T16:00", "support_service", "online harm support service")
note(i, DC1, "DC", "2025-07-07T15:10",
     "Report from school DSL: pupil showed a friend messages from an adult asking her for pictures. Crime recorded on "
     "the school's report - third party report, we do not wait for the child to report it herself. LD - "
     "registered intermediary to be requested for ABE.")
case("Girl, 13, online grooming reported by a teacher: recorded at once, evidence-led after she withdrew",
     "good", True, [],
     trap="Reported by the school, not the child: the crime was recorded 80 minutes later without her own "
          "complaint ('we do not wait for the child to report it herself' is a statement of good practice, not blame). "
          "She did not support a prosecution, which led to an evidence-led charge, not to closure.")

# ---------------------------------------------------------------- TC-011 (good)
child("TC-011", "2009-08-19", "F", in_care=True, placement_type="foster care",
      placement_location="Wellingborough", placement_out_of_area=False, team="Wellingborough MFH")
e = episode("2025-09-29T20:00", "foster carer", status="missing_from_care",
            last_seen_at="2025-09-29T16:30", last_seen_location="leaving college, Northampton",
            officer_in_charge=PC5)
grade("medium", PC5, "2025-09-29T20:15", PS2, "2025-09-29T21:30",
      factors=["in care", "16", "not home from college", "phone off"],
      rationale="CIC, 16, not back from college, phone off. 1 episode 2024 found at birth mum's. No CSE/CCE "
                "concerns per SW + intel. Medium. Regrade high if not found by 1800 30/09 or any intel.")
act("child_call", "2025-09-29T20:30", PC5, "off")
act("contact", "2025-09-29T20:45", PC5, "Birth mum phoned (Northampton) - not seen her")
act("address_visit", "2025-09-29T23:00", PC6, "Birth mum's address - not there")
act("search", "2025-09-30T02:30", PC6, "Northampton town centre, bus station, known places", ended_at="2025-09-30T05:00")
act("review", "2025-09-30T07:30", PS2, "Sgt review 11.5 hrs: remain medium, plan college/CCTV/appeal")
act("enquiry", "2025-09-30T08:00", PC3, "College - attendance, friends, CCTV request")
act("cctv", "2025-09-30T09:30", PC3, "College CCTV: left alone 1630 towards bus station", ended_at="2025-09-30T11:00")
act("circulation", "2025-09-30T11:40", PC5, "Social media appeal approved by Insp and published")
case("Girl, 16, missing from foster care and still missing at the as_of moment", "good", True, [],
     trap="Still missing at as_of: no safe and well check or return home interview is due yet; proactive actions "
          "have come at least every 3.5 hours at medium risk (the 07:30 sergeant's review is not proactive, but "
          "the gaps around it are short).")

# ---------------------------------------------------------------- TC-012 (good)
child("TC-012", "2008-07-07", "F", team="Northampton CSE")
i = inv("sexual", "2025-05-12T10:00", "social_care", crime_recorded_at="2025-05-12T12:30",
        crime_reference="CR/25/051202", plan_recorded_at="2025-05-14T09:00",
        first_action_at="2025-05-12T14:00", team="Northampton CSE", officer_in_charge=DC2,
        needs_assessment_at="2025-05-15T14:00", child_supports_prosecution="no",
        evidence_led_considered_at="2025-06-10T11:00", evidence_led_decision="not_proceed",
        evidence_led_reason="Considered with CPS early advice: no digital material recovered, no witnesses, suspect's "
                            "phone wiped, no cell site overlap. Without her account no realistic prospect. Can reopen "
                            "if she wishes; intel + safeguarding continue via CSC.",
        outcome="evidential_difficulties", outcome_at="2025-06-13T16:30",
        outcome_text="NFA - evidential difficulties after evidence-led review (see reason).",
        closed_at="2025-06-16T12:00")
review("2025-05-13T10:00", DS1, "Plan set. Arrest suspect, seize phone.")
review("2025-06-06T15:00", DS1, "She has withdrawn support. Evidence-led review with CPS booked.")
review("2025-06-13T15:00", DS1, "Agree NFA after evidence-led review. Ensure child and mum told.")
suspect("2025-05-13T11:00", True, description="adult male, 23, known to child through a friend", age=23,
        address="Northampton", located=True)
disrupt("arrest", "2025-05-20T07:00")
k1 = decision("arrest", "2025-05-20T07:00")
k2 = decision("release_under_investigation", "2025-05-20T19:00")
k3 = decision("no_further_action", "2025-06-13T16:30")
contact("child", "2025-05-12T15:00", "in_person")
contact("parent_carer", "2025-05-12T15:30", "phone")
contact("parent_carer", "2025-05-20T09:00", "phone", k1)
contact("child", "2025-05-20T15:00", "phone", k1)
contact("parent_carer", "2025-05-20T20:00", "phone", k2)
contact("child", "2025-05-21T10:00", "phone", k2)
contact("child", "2025-06-09T16:00", "in_person")
contact("parent_carer", "2025-06-09T16:00", "phone")
contact("child", "2025-06-16T09:40", "in_person", k3)
contact("parent_carer", "2025-06-16T10:15", "phone", k3)
referral("ISVA (young people's service)", "2025-05-14T12:00", "support_service", "ISVA service")
note(i, DC2, "DC", "2025-06-09T16:30",
     "Saw S (17) with her SW. She does not want to support a prosecution and does not want to give evidence - her "
     "wishes recorded. Explained we will look at whether we can go ahead without her; she understands.")
case("Girl, 17: withdrew support, evidence-led route considered and rejected with reasons; Friday NFA told Monday",
     "good", True, [],
     trap="Closed when the child did not support it, but an evidence-led prosecution was considered with CPS advice "
          "and written reasons. The NFA came on a Friday at 16:30 and she and her mother were told on Monday morning, "
          "inside 1 working day (weekend not counted).")

# ---------------------------------------------------------------- TC-013 (good)
child("TC-013", "2013-01-15", "M", vulnerabilities=["type 1 diabetes"], team="Rushden MFH")
e = episode("2025-06-10T15:05", "school", last_seen_at="2025-06-10T12:50",
            last_seen_location="school field, Rushden", found_at="2025-06-10T18:20",
            found_location="den at recreation ground, Rushden (search team)", officer_in_charge=PC6)
grade("high", PC6, "2025-06-10T15:15", PS3, "2025-06-10T17:10",
      factors=["age 12", "type 1 diabetic - insulin at home", "out of character"],
      rationale="12, diabetic, no insulin with him, never missing before. HIGH.")
act("enquiry", "2025-06-10T15:10", PC6, "School - friends spoken to, last seen lunch")
act("circulation", "2025-06-10T15:20", PC6, "all units")
act("address_visit", "2025-06-10T15:30", PC4, "Home searched - neg")
act("search", "2025-06-10T15:45", PS3, "Area search: parks, river path, rec ground", ended_at="2025-06-10T18:30")
act("cctv", "2025-06-10T16:00", PC5, "Town centre CCTV", ended_at="2025-06-10T17:00")
act("phone_check", "2025-06-10T17:50", PC6, "Phone polled - rec ground area")
note(e, PC6, "PC", "2025-06-10T19:10",
     "Found 1820, hypo, taken to hospital by ambulance with mum. S&W by phone with mum tonight; will see him in person "
     "when discharged (staying at grandparents in Bedford after).")
sw("2025-06-10T19:00", "phone", PC6, False, False)
sw("2025-06-13T17:05", "in_person", PC6, True, True)
rhi(offered_at="2025-06-11T10:00", offered_by="County RHI service", done_at="2025-06-16T16:00", done_by="County RHI service")
case("Boy, 12, reported by school: high grade confirmed at 1 h 55; face-to-face check at 70 h 45 after a phone call",
     "good", True, [],
     trap="The high-risk grade was confirmed 1 h 55 min after grading (inside 2 hours). The first safe and well "
          "check was a phone call to his mother while he was in hospital, but an in-person check followed 70 h 45 "
          "min after he was found, inside 72 hours. Borderline on both.")

# ---------------------------------------------------------------- TC-014
child("TC-014", "2011-02-03", "F", in_care=True, placement_type="children's home", placement_location="Corby",
      placement_out_of_area=False, vulnerabilities=["self-harm"], team="Corby MFH")
e = episode("2025-08-15T21:30", "care home staff", status="missing_from_care",
            last_seen_at="2025-08-15T19:45",
            last_seen_location="outside the home, Corby - got into silver car with 2 older males",
            found_at="2025-08-16T17:10", found_location="returned to the home by taxi", officer_in_charge=PC1)
grade("medium", PC1, "2025-08-15T21:50", PS1, "2025-08-15T23:00",
      factors=["in care", "CSE concerns on file", "seen getting into car with older males", "self harm hx"],
      rationale="Regular misper from the home, she always comes back in the morning. Staff saw her get in a silver "
                "car with 2 older males. CSE markers on file. Medium.")
act("child_call", "2025-08-15T21:55", PC1, "no answer")
act("note", "2025-08-16T09:00", PC1, "Care home rang - not back yet. Update OIC")
act("enquiry", "2025-08-16T15:40", PC4, "Spoke to staff, no update")
n1 = note(e, PC1, "PC", "2025-08-15T22:00",
          "Serial misper from the home, will turn up in the morning as usual. No further action overnight unless info "
          "comes in.")
sw("2025-08-16T18:30", "phone", PC4, False, True)
rhi(offered_at="2025-08-17T10:00", offered_by="Corby RHI service", declined_at="2025-08-17T10:00",
    not_done_reason="declined")
case("Girl, 14, in care with CSE markers: graded medium, left overnight to 'turn up', phone check only",
     "inadequate", False, [
         ("MIS-GRADE-LOW", e, "A 14-year-old in care with recorded CSE concerns and self-harm, last seen getting into a "
          "car with two older males, meets the high-risk definition (serious harm very likely); medium understates it."),
         ("MIS-NO-PROACTIVE-ACTION", e, "After a call at 21:55 nothing proactive was done until 15:40 next day "
          "(17 h 45 min) at medium risk; the 09:00 entry is only the home ringing in. Officers waited for her to return."),
         ("MIS-NO-INPERSON-CHECK", e, "The only safe and well check was by phone; nobody saw her face to face "
          "after her return."),
         ("LANG-UNCHALLENGED", n1, "'Serial misper' and 'will turn up' minimise the risk to a child at risk of CSE and "
          "led to waiting; no supervisor challenged it."),
     ], levels={e: "medium"})

# ---------------------------------------------------------------- TC-015
child("TC-015", "2010-05-25", "M", team="Northampton MFH")
e1 = episode("2025-06-07T23:10", "parent", last_seen_at="2025-06-07T18:00", last_seen_location="Northampton",
             found_at="2025-06-08T14:20", found_location="Southend-on-Sea railway station (Essex officers)",
             officer_in_charge=PC3)
grade("medium", PC3, "2025-06-07T23:25", PS2, "2025-06-08T01:00", factors=["15", "1st episode", "phone off"],
      rationale="1st time missing, out of character per mum. Medium.")
act("child_call", "2025-06-07T23:20", PC3, "off")
act("address_visit", "2025-06-08T00:10", PC3, "Friend's address - no")
act("enquiry", "2025-06-08T02:30", PC2, "Friends' parents called")
act("circulation", "2025-06-08T06:00", PC2, "PNC, BTP")
act("phone_check", "2025-06-08T09:30", PC3, "Last polled Southend area")
act("contact", "2025-06-08T13:00", PC3, "Essex MISPER unit asked to check Southend station/seafront")
note(e1, PC3, "PC", "2025-06-08T19:30",
     "S&W at home. Says went to Southend 'to see mates'. Had £140 cash and a second phone, would not say who gave "
     "them to him. Parents unaware.")
sw("2025-06-08T19:00", "in_person", PC3, True, True)
rhi(offered_at="2025-06-09T10:00", offered_by="County RHI service", done_at="2025-06-10T16:00", done_by="County RHI service")
e2 = episode("2025-07-12T20:30", "parent", last_seen_at="2025-07-12T16:00", last_seen_location="Northampton",
             found_at="2025-07-13T11:40", found_location="Southend-on-Sea (Essex officers)", officer_in_charge=PC2)
grade("medium", PC2, "2025-07-12T20:45", PS1, "2025-07-12T22:00", factors=["15", "2nd episode", "went to Southend last time"],
      rationale="2nd episode, last time Southend. Medium.")
act("child_call", "2025-07-12T20:50", PC2, "off")
act("contact", "2025-07-12T21:30", PC2, "Essex informed, asked to check Southend")
act("enquiry", "2025-07-13T00:30", PC1, "Friends")
act("phone_check", "2025-07-13T04:00", PC1, "Polled Southend")
act("circulation", "2025-07-13T08:30", PC3, "BTP re trains")
note(e2, PC2, "PC", "2025-07-13T17:30", "Found in Southend again, new trainers, would not say how he got there or who with.")
sw("2025-07-13T17:00", "in_person", PC2, True, True)
rhi(offered_at="2025-07-14T09:30", offered_by="County RHI service", done_at="2025-07-15T15:00", done_by="County RHI service")
e3 = episode("2025-08-23T22:00", "parent", last_seen_at="2025-08-23T17:00", last_seen_location="Northampton",
             found_at="2025-08-24T12:10", found_location="flat in Southend-on-Sea with older males (Essex officers)",
             officer_in_charge=PC5)
grade("medium", PC5, "2025-08-23T22:15", PS3, "2025-08-23T23:30",
      factors=["15", "3rd episode since June", "found in Southend x2", "unexplained cash + 2nd phone", "new clothes"],
      rationale="3rd time. Previously found Southend twice with cash, 2nd phone, new trainers. Medium.")
act("child_call", "2025-08-23T22:05", PC5, "off")
act("contact", "2025-08-23T22:30", PC5, "Essex asked to check known places")
act("enquiry", "2025-08-24T02:00", PC6, "Friends' parents")
act("phone_check", "2025-08-24T05:30", PC6, "Polled Southend")
act("circulation", "2025-08-24T09:00", PC5, "BTP")
note(e3, PC5, "PC", "2025-08-24T18:30", "3rd time found in Southend. Nothing further for police, parents to keep an eye on him.")
sw("2025-08-24T18:00", "in_person", PC5, True, True)
rhi(offered_at="2025-08-26T10:00", offered_by="County RHI service", done_at="2025-08-28T16:00", done_by="County RHI service")
case("Boy, 15: three episodes in 11 weeks, each found in Southend with cash or goods, never screened for CCE",
     "inadequate", False, [
         ("MIS-REPEAT-NO-SCREENING", e3, "Third missing episode in 77 days (7 Jun, 12 Jul, 23 Aug), each ending in "
          "another town with unexplained cash, a second phone or new clothes; no exploitation screening or strategy "
          "meeting was ever recorded. Finding placed on the episode that completed the three."),
         ("MIS-GRADE-LOW", e3, "The risk assessment itself records classic CCE indicators (repeat travel to the same "
          "town, unexplained money, second phone, gifts) yet grades medium; by the third episode the facts support high. "
          "(The second episode is borderline: its assessment recorded only 'went to Southend last time', so no "
          "finding is placed there.)"),
     ])

# ---------------------------------------------------------------- TC-016
child("TC-016", "2009-03-03", "F", team="Kettering MFH")
e = episode("2025-09-13T01:20", "parent", last_seen_at="2025-09-12T22:00", last_seen_location="Kettering",
            found_at="2025-09-13T09:30", found_location="returned home", officer_in_charge=PC2)
grade("medium", PC2, "2025-09-13T01:35", PS3, "2025-09-13T02:40", factors=["16", "overnight", "phone off"],
      rationale="Not home, phone off. Out of character per dad. Medium.")
act("child_call", "2025-09-13T01:40", PC2, "off")
act("enquiry", "2025-09-13T02:00", PC2, "Friends via dad")
act("address_visit", "2025-09-13T03:30", PC4, "Friend's address - no reply")
act("contact", "2025-09-13T07:00", PC4, "Friend's mum rang back - thinks she stayed at another friend's")
note(e, PC2, "PC", "2025-09-13T13:10",
     "S&W done by phone as no units avaialble on days. She says she stayed at a friend's, is fine, no concerns.")
sw("2025-09-13T13:00", "phone", PC2, False, True)
rhi(offered_at="2025-09-14T10:00", offered_by="County RHI service", done_at="2025-09-16T16:00", done_by="County RHI service")
case("Girl, 16: safe and well check by phone only", "requires_improvement", False, [
    ("MIS-NO-INPERSON-CHECK", e, "The only safe and well check was a phone call 'as no units available'; nobody saw "
     "her face to face within 72 hours of her return."),
])

# ---------------------------------------------------------------- TC-017
child("TC-017", "2012-04-18", "M", vulnerabilities=["self-harm", "mental health"], team="Kettering MFH")
e = episode("2025-07-24T16:00", "parent", last_seen_at="2025-07-24T14:30",
            last_seen_location="home, Kettering, after saying he wanted to die", found_at="2025-07-24T19:05",
            found_location="railway footbridge, Kettering (response officers)", officer_in_charge=PC4)
grade("high", PC4, "2025-07-24T16:10", factors=["13", "suicidal statement", "self-harm history", "CAMHS open"],
      rationale="Said he wanted to die before leaving. Self-harm history. HIGH.")
act("child_call", "2025-07-24T16:05", PC4, "no answer")
act("circulation", "2025-07-24T16:15", PC4, "all units + BTP")
act("search", "2025-07-24T16:30", PC1, "Railway line area with BTP, river", ended_at="2025-07-24T19:05")
act("phone_check", "2025-07-24T17:00", PC4, "urgent cell site")
act("cctv", "2025-07-24T18:00", PC5, "station CCTV", ended_at="2025-07-24T19:00")
note(e, PC4, "PC", "2025-07-24T19:40",
     "Located on railway footbridge 1905, taken to A&E, CAMHS assessment. Supervisor not available to confirm grade at "
     "the time - Insp aware via radio.")
sw("2025-07-25T11:00", "in_person", PC4, True, True)
rhi(not_offered_reason="In hospital under CAMHS - RHI not needed as CAMHS involved.")
case("Boy, 13, suicidal: high grade never confirmed, return home interview not offered", "requires_improvement", False, [
    ("MIS-GRADE-UNCONFIRMED", e, "A high-risk grade needs a supervisor's confirmation within 2 hours; none was "
     "recorded at all ('Insp aware via radio' is not a recorded confirmation)."),
    ("MIS-RHI-LATE", e, "No return home interview was offered; CAMHS involvement is not a reason to withhold the "
     "independent interview the statutory guidance requires."),
])

# ---------------------------------------------------------------- TC-018
child("TC-018", "2010-10-10", "F", team="Northampton CSE")
i = inv("sexual", "2025-06-16T11:00", "social_care", crime_recorded_at="2025-06-16T13:00",
        crime_reference="CR/25/061611", first_action_at="2025-06-16T15:00", team="Northampton CSE",
        officer_in_charge=DC2, needs_assessment_at="2025-06-18T10:00", child_supports_prosecution="unknown")
loe("Identify male 'Tee' from child's account - Snapchat handle", "2025-06-17T12:00")
loe("Snapchat disclosure request", "2025-06-20T10:00")
contact("parent_carer", "2025-06-16T15:00", "phone")
contact("child", "2025-06-17T11:00", "in_person")
contact("parent_carer", "2025-07-07T10:00", "phone")
contact("parent_carer", "2025-07-28T10:00", "phone")
contact("parent_carer", "2025-08-18T10:00", "phone")
contact("child", "2025-08-20T16:00", "phone")
contact("parent_carer", "2025-09-08T10:00", "phone")
contact("parent_carer", "2025-09-26T10:00", "phone")
referral("Young people's exploitation support worker", "2025-06-18T12:00", "support_service", "local CSE support charity")
note(i, DC2, "DC", "2025-08-20T16:20",
     "Caught up with child by phone, she didn't want to talk. Investigation ongoing - awaiting Snapchat disclosure.")
case("Girl, 14, CSE: no investigation plan, no supervisor review in 3.5 months, child updated twice", "inadequate",
     False, [
         ("INV-NO-PLAN", i, "No investigation plan recorded at all; due within 7 days of the 16 June report."),
         ("INV-NO-SUPERVISOR-REVIEW", i, "Open for over 3 months with no supervisor review recorded; the first was "
          "due within 28 days."),
         ("INV-CHILD-NOT-UPDATED", i, "The child was contacted on 17 Jun and 20 Aug only (64 days apart) and not "
          "since (41 days to as_of); her mother was updated regularly, but that does not update the child."),
     ])

# ---------------------------------------------------------------- TC-019
child("TC-019", "2011-08-08", "F", team="Northampton CSE")
i = inv("sexual", "2025-07-01T09:30", "health", crime_recorded_at="2025-07-01T12:00",
        crime_reference="CR/25/070109", plan_recorded_at="2025-07-03T10:00", first_action_at="2025-07-01T14:00",
        team="Northampton CSE", officer_in_charge=DC3, needs_assessment_at="2025-07-04T15:00",
        child_supports_prosecution="unknown")
review("2025-07-02T15:00", DS1, "Plan: speak to child, identify partner.")
review("2025-07-28T10:00", DS1, "Awaiting child to engage. Suspect known - no action at present.")
review("2025-08-22T10:00", DS1, "No change, child not engaging.")
review("2025-09-17T10:00", DS1, "No change.")
loe("Arrest and interview suspect", "2025-07-02T17:00")
loe("CAWN on suspect", "2025-07-02T17:00", "not_pursued")
suspect("2025-07-02T16:00", True, description="adult male, 24, named by clinic as child's 'partner'", age=24,
        address="Northampton", located=True)
contact("parent_carer", "2025-07-01T15:00", "phone")
contact("child", "2025-07-02T16:30", "in_person")
contact("child", "2025-07-25T16:00", "in_person")
contact("parent_carer", "2025-07-25T16:30", "phone")
contact("child", "2025-08-20T16:00", "phone")
contact("parent_carer", "2025-08-20T16:15", "phone")
contact("child", "2025-09-15T16:00", "in_person")
contact("parent_carer", "2025-09-15T16:30", "phone")
referral("Sexual health + exploitation support worker", "2025-07-03T12:00", "support_service", "local CSE support charity")
n1 = note(i, DC3, "DC", "2025-07-02T17:00",
          "Clinic report: 14 yr old attended for emergancy contraception, disclosed a 24 yr old partner. She is sexually "
          "active with an older male and describes him as her boyfriend; not supportive of police involvement.")
case("Girl, 14, reported by a clinic: 24-year-old suspect known and located, nothing done; blaming language",
     "inadequate", False, [
         ("INV-SUSPECT-NOT-DISRUPTED", i, "An adult suspect aged 24 was identified and located on 2 July; in three "
          "months no CAWN, arrest or other disruption was used (the CAWN line of enquiry was marked not pursued)."),
         ("LANG-UNCHALLENGED", n1, "'Sexually active with an older male' describes the rape of a 14-year-old as her "
          "own activity; four later supervisor reviews never challenged it."),
     ])

# ---------------------------------------------------------------- TC-020
child("TC-020", "2011-01-27", "F", team="Northampton response")
i = inv("sexual", "2025-08-11T18:20", "parent_carer", plan_recorded_at="2025-08-11T19:30",
        first_action_at="2025-08-11T18:40", team="Response", officer_in_charge=PC5,
        child_supports_prosecution="unknown", outcome="other", outcome_at="2025-08-12T10:00",
        outcome_text="No crime recorded - victim has not made an allegation. Mother advised. Intel submitted re male.",
        closed_at="2025-08-12T10:00")
review("2025-08-12T09:45", DS2, "Agree. No disclosure from the child. Close.")
contact("parent_carer", "2025-08-11T18:40", "phone")
n1 = note(i, PC5, "PC", "2025-08-11T19:00",
          "Mum called re 14 yr old daughter (C) being messaged by a man approx 40 'Kaz' offering her money for sex and "
          "lifts. Advised mum that C would need to report it herself as she is the victim; no crime can be recorded "
          "until she makes a complaint. Mum unhappy. Intel log submitted.")
case("Girl, 14: mother reports a man offering money for sex; told the child must report it herself", "inadequate",
     False, [
         ("INV-THIRD-PARTY-NOT-RECORDED", i, "A mother's report of an adult offering her 14-year-old money for sex "
          "discloses offences and must be recorded as a crime on the third-party report; none was recorded."),
         ("INV-NO-NEEDS-ASSESSMENT", i, "No Victims' Code needs assessment for the child; closing the report the next "
          "day does not remove her entitlement."),
         ("INV-NO-REFERRAL", i, "The child was not referred to any support service."),
         ("LANG-UNCHALLENGED", n1, "'C would need to report it herself... no crime until she makes a complaint' puts "
          "the burden on the child (the guide's 'process' wording); the DS endorsed the closure without challenging it."),
     ])

# ---------------------------------------------------------------- TC-021
child("TC-021", "2009-11-11", "M", team="Exploitation hub")
i = inv("criminal", "2025-06-05T14:00", "police", crime_recorded_at="2025-06-05T16:00",
        crime_reference="CR/25/060514", plan_recorded_at="2025-06-07T10:00", first_action_at="2025-06-05T14:00",
        team="Exploitation hub", officer_in_charge=DC3, needs_assessment_at="2025-06-09T11:00",
        child_supports_prosecution="unknown")
review("2025-06-06T10:00", DS2, "CCE - victim. NRM done. Plan agreed.")
review("2025-07-03T10:00", DS2, "Suspect on bail. Awaiting downloads.")
review("2025-07-30T10:00", DS2, "Awaiting downloads.")
review("2025-08-26T10:00", DS2, "Bail extended. Downloads partly back.")
review("2025-09-22T10:00", DS2, "Awaiting full download; CPS advice file in prep.")
suspect("2025-06-10T12:00", True, description="adult male, 19, runs the line locally", age=19, address="Kettering",
        located=True)
disrupt("arrest", "2025-06-20T06:00")
disrupt("bail_conditions", "2025-06-20T18:00")
k1 = decision("arrest", "2025-06-20T06:00")
k2 = decision("bail", "2025-06-20T18:00")
contact("child", "2025-06-05T15:00", "in_person")
contact("parent_carer", "2025-06-05T18:00", "in_person")
contact("parent_carer", "2025-06-20T12:00", "phone", k1)
contact("child", "2025-06-20T16:00", "in_person", k1)
contact("child", "2025-06-23T10:00", "phone", k2)
contact("parent_carer", "2025-06-23T10:30", "phone", k2)
contact("child", "2025-08-29T15:00", "phone")
referral("NRM referral", "2025-06-06T12:00", "national_referral_mechanism", "Home Office SCA")
referral("Youth exploitation intervention worker", "2025-06-09T12:00", "support_service", "youth exploitation service")
note(i, DC3, "DC", "2025-08-29T15:20", "Update to child by phone - bail extended, awaiting phone download. Mum not availble.")
case("Boy, 15, CCE: child not updated for 67 days, mother not since June", "requires_improvement", False, [
    ("INV-CHILD-NOT-UPDATED", i, "After 23 June the child heard nothing until 29 August (67 days), and nothing in the "
     "32 days since; updates were due at least every 28 days."),
    ("INV-PARENT-NOT-UPDATED", i, "His mother was last updated on 23 June, 99 days before as_of."),
], trap="Supervisor reviews every 27 days - just inside the 28-day limit; the arrest on a Friday and bail were "
        "passed on within 1 working day.")

# ---------------------------------------------------------------- TC-022
child("TC-022", "2010-07-21", "F", team="Northampton CSE")
i = inv("sexual", "2025-08-18T10:00", "child", crime_recorded_at="2025-08-18T11:00", crime_reference="CR/25/081810",
        plan_recorded_at="2025-08-20T09:00", first_action_at="2025-08-18T11:30", team="Northampton CSE",
        officer_in_charge=DC1, needs_assessment_at="2025-08-26T13:00", child_supports_prosecution="yes")
review("2025-08-19T10:00", DS1, "Peer-on-peer. Plan: ABE, suspect (16) voluntary interview with AA.")
review("2025-09-12T10:00", DS1, "ABE done. Interview suspect next week.")
suspect("2025-08-19T09:00", False, description="boy, 16, same school", age=16, address="Northampton", located=True)
contact("child", "2025-08-18T10:00", "in_person")
contact("parent_carer", "2025-08-18T10:30", "in_person")
contact("child", "2025-08-29T16:00", "in_person")
contact("parent_carer", "2025-08-29T16:00", "in_person")
contact("child", "2025-09-19T16:00", "phone")
contact("parent_carer", "2025-09-19T16:15", "phone")
referral("Children's social care (MASH)", "2025-08-18T12:00", "children_social_care", "MASH")
referral("Strategy discussion", "2025-08-19T14:00", "strategy_discussion", "MASH")
case("Girl, 15, peer abuse: needs assessment 8 days late, never referred to support", "requires_improvement", False, [
    ("INV-NO-NEEDS-ASSESSMENT", i, "The Victims' Code needs assessment was recorded 8 days 3 hours after the report, "
     "outside the 7-day limit (borderline)."),
    ("INV-NO-REFERRAL", i, "Only a social care referral and a strategy discussion; neither is a referral to a support "
     "service for the child."),
], trap="The suspect is 16, so no adult-suspect disruption is required.")

# ---------------------------------------------------------------- TC-023
child("TC-023", "2009-04-04", "F", team="Northampton CSE")
i = inv("sexual", "2025-07-14T12:00", "child", crime_recorded_at="2025-07-14T12:30", crime_reference="CR/25/071412",
        plan_recorded_at="2025-07-15T10:00", first_action_at="2025-07-14T13:00", team="Northampton CSE",
        officer_in_charge=DC1, needs_assessment_at="2025-07-16T11:00", child_supports_prosecution="no",
        outcome="victim_does_not_support", outcome_at="2025-08-05T15:00",
        outcome_text="V no longer supports. NFA.", closed_at="2025-08-05T15:30")
review("2025-07-15T11:00", DS2, "Plan agreed, arrest suspect.")
review("2025-08-05T14:30", DS2, "Victim no longer supports. NFA. Close.")
suspect("2025-07-15T09:00", True, description="adult male, 29", age=29, address="Wellingborough", located=True)
disrupt("arrest", "2025-07-17T07:00")
k1 = decision("arrest", "2025-07-17T07:00")
k2 = decision("release_under_investigation", "2025-07-17T19:00")
k3 = decision("no_further_action", "2025-08-05T15:00")
contact("child", "2025-07-14T12:00", "in_person")
contact("parent_carer", "2025-07-14T12:00", "in_person")
contact("parent_carer", "2025-07-17T09:00", "phone", k1)
contact("child", "2025-07-17T15:00", "phone", k1)
contact("parent_carer", "2025-07-17T20:00", "phone", k2)
contact("child", "2025-07-18T11:00", "phone", k2)
contact("child", "2025-07-31T16:00", "in_person")
contact("parent_carer", "2025-07-31T16:00", "in_person")
contact("parent_carer", "2025-08-06T10:00", "phone", k3)
contact("child", "2025-08-08T14:00", "letter", k3)
referral("ISVA (young people's service)", "2025-07-16T12:00", "support_service", "ISVA service")
note(i, DC1, "DC", "2025-07-31T16:30",
     "V spoken to with mum; she no longer wishes to support a prosecution and does not want to give evidence. Her "
     "decision respected. Will file as victim does not support.")
case("Girl, 16: case dropped when she withdrew, no evidence-led consideration; NFA letter 3 days late",
     "inadequate", False, [
         ("INV-NO-EVIDENCE-LED", i, "The child withdrew support and the case was closed as 'victim does not support' "
          "with no record that an evidence-led prosecution was considered."),
         ("INV-KEY-DECISION-LATE", i, "NFA decided Tuesday 5 Aug 15:00; the child was told only by letter on Friday "
          "8 Aug, 3 working days later (her mother was told on the Wednesday, in time)."),
     ])

# ---------------------------------------------------------------- TC-024
child("TC-024", "2010-12-12", "F", team="Northampton MFH")
e = episode("2025-09-19T22:30", "parent", last_seen_at="2025-09-19T18:00", last_seen_location="Northampton",
            found_at="2025-09-20T02:40", found_location="friend's address, Leicester (Leics officers)",
            officer_in_charge=PC6, exploitation_screening_at="2025-09-22T10:00")
grade("high", PC6, "2025-09-19T22:40", PS1, "2025-09-19T23:20",
      factors=["14", "CSE concerns - older males", "travel out of county"],
      rationale="Intel of contact with older males in Leicester. HIGH.")
act("child_call", "2025-09-19T22:35", PC6, "off")
act("circulation", "2025-09-19T22:45", PC6, "all units + Leics")
act("address_visit", "2025-09-19T23:00", PC2, "Friend's address Northampton - no")
act("phone_check", "2025-09-19T23:20", PC6, "cell site - Leicester")
act("search", "2025-09-19T23:40", PC2, "Patrols Northampton centre + known addresses", ended_at="2025-09-20T02:30")
act("contact", "2025-09-20T00:30", PC6, "Leics police - address checks requested")
n1 = note(e, PC6, "PC", "2025-09-20T03:30",
          "Found at a friend's in Leicester. She chose to go to Leicester to meet older lads and is making poor choices - "
          "mum struggling to control her.")
note(e, PS1, "PS", "2025-09-23T05:30",
     "Supervisor note on PC 6120's entry of 20/09: \"She chose to go to Leicester\" and \"making poor choices\" are not "
     "appropriate. A 14 yr old travelling to meet older males is a CSE indicator, not a choice. Reviewed with officer.",
     challenges=n1)
sw("2025-09-20T11:00", "in_person", PC6, True, True)
rhi(offered_at="2025-09-21T10:00", offered_by="County RHI service", done_at="2025-09-23T16:00", done_by="County RHI service")
case("Girl, 14, high risk handled well; 'chose to... poor choices' challenged by a sergeant at 74 hours",
     "requires_improvement", False, [
         ("LANG-VICTIM-BLAMING", n1, "'Chose to go... to meet older lads' and 'making poor choices' blame a 14-year-old "
          "for her exploitation; a sergeant did challenge it, but 74 hours after it was written - just outside 72."),
     ], trap="Everything else in the episode meets the standards; the challenge note repeats the phrases as a quotation.")

# ---------------------------------------------------------------- TC-025
child("TC-025", "2009-06-14", "M", in_care=True, placement_type="children's home", placement_location="Northampton",
      placement_out_of_area=False, team="Northampton MFH")
e = episode("2025-08-09T21:00", "care home staff", status="missing_from_care", last_seen_at="2025-08-09T18:30",
            last_seen_location="children's home, Northampton", found_at="2025-08-10T02:30",
            found_location="returned to the home", officer_in_charge=PC1)
grade("no_apparent_risk", CH, "2025-08-09T21:10", PS2, "2025-08-09T21:50", factors=["in care", "frequent episodes"],
      rationale="Goes missing most weekends, always returns. No apparent risk.")
act("child_call", "2025-08-09T21:30", PC1, "no answer")
act("enquiry", "2025-08-10T00:30", PC1, "Staff - not back")
n1 = note("child", CH, "call handler", "2025-08-09T21:15", "Frequent flyer from the home, always comes back by 2am. NAR.")
sw("2025-08-10T11:00", "in_person", PC1, True, True)
rhi(offered_at="2025-08-10T15:00", offered_by="County RHI service", done_at="2025-08-12T15:00", done_by="County RHI service")
case("Boy, 16, in care: graded 'no apparent risk' as a 'frequent flyer', sergeant agreed", "inadequate", False, [
    ("MIS-NO-APPARENT-RISK", e, "A missing child in care was graded 'no apparent risk' and a sergeant confirmed it."),
    ("LANG-UNCHALLENGED", n1, "'Frequent flyer... always comes back' minimises the risk of each new episode; no "
     "supervisor challenged it."),
], trap="The low-information facts recorded would support a low grade, so no separate MIS-GRADE-LOW is raised: the "
        "'no apparent risk' finding is the failure.")

# ---------------------------------------------------------------- TC-026
child("TC-026", "2008-10-30", "F", team="Wellingborough MFH")
e = episode("2025-07-26T14:00", "parent", last_seen_at="2025-07-26T01:00", last_seen_location="Wellingborough",
            found_at="2025-07-27T09:30", found_location="walked into Wellingborough police station",
            officer_in_charge=PC5)
grade("medium", PC5, "2025-07-26T14:20", PS3, "2025-07-27T03:00", factors=["16", "overnight", "phone off"],
      rationale="Not seen since 0100, phone off, mum worried. Medium.")
act("child_call", "2025-07-26T14:30", PC5, "off")
act("enquiry", "2025-07-26T15:00", PC5, "friends")
act("address_visit", "2025-07-26T17:30", PC5, "ex-partner's address - no")
act("contact", "2025-07-26T20:30", PC3, "dad in Rushden - not there")
act("phone_check", "2025-07-26T23:45", PC3, "cell site")
act("search", "2025-07-27T03:30", PC3, "town centre", ended_at="2025-07-27T05:00")
act("contact", "2025-07-27T08:30", PC5, "mum - no news")
sw("2025-07-27T11:00", "in_person", PC5, True, True)
rhi(offered_at="2025-07-30T11:00", offered_by="County RHI service", done_at="2025-08-01T14:00", done_by="County RHI service")
case("Girl, 16: medium grade confirmed at 12 h 40, return home interview offered at 73 h 30", "requires_improvement",
     False, [
         ("MIS-GRADE-UNCONFIRMED", e, "Graded medium at 14:20; a sergeant confirmed it at 03:00 next day, 12 h 40 min "
          "later - just outside the 12-hour limit."),
         ("MIS-RHI-LATE", e, "Found 09:30 on 27 July; the return home interview was first offered at 11:00 on 30 July, "
          "73 h 30 min later - just outside 72 hours."),
     ])

# ---------------------------------------------------------------- TC-027
child("TC-027", "2011-03-19", "M", team="Online CSE")
i = inv("sexual", "2025-06-23T17:00", "parent_carer", crime_recorded_at="2025-06-23T18:30",
        crime_reference="CR/25/062317", plan_recorded_at="2025-06-29T15:00", first_action_at="2025-06-26T10:00",
        team="POLIT/online CSE", officer_in_charge=DC2, needs_assessment_at="2025-06-27T12:00",
        child_supports_prosecution="yes")
review("2025-07-03T10:00", DS1, "Plan in place. Subscriber checks.")
review("2025-08-12T10:00", DS1, "Arrested 24/07, RUI. Devices with DFU.")
review("2025-09-05T10:00", DS1, "Awaiting DFU.")
suspect("2025-07-10T12:00", True, description="adult male, 41, gaming platform contact", age=41, address="Corby",
        located=True)
disrupt("search_warrant", "2025-07-24T06:00")
disrupt("arrest", "2025-07-24T06:10")
k1 = decision("arrest", "2025-07-24T06:10")
k2 = decision("release_under_investigation", "2025-07-24T21:00")
contact("parent_carer", "2025-06-23T17:00", "phone")
contact("child", "2025-06-27T12:00", "in_person")
contact("parent_carer", "2025-07-18T10:00", "phone")
contact("parent_carer", "2025-07-24T09:00", "phone", k1)
contact("child", "2025-07-24T16:00", "in_person", k1)
contact("parent_carer", "2025-07-25T09:30", "phone", k2)
contact("child", "2025-07-25T10:00", "phone", k2)
contact("child", "2025-08-20T16:00", "phone")
contact("parent_carer", "2025-08-20T16:10", "phone")
contact("child", "2025-09-16T16:00", "phone")
contact("parent_carer", "2025-09-16T16:10", "phone")
referral("Boys' sexual abuse support service", "2025-06-30T12:00", "support_service", "male survivors service")
case("Boy, 14, online grooming: first action after 65 hours, 40-day gap between supervisor reviews",
     "requires_improvement", False, [
         ("INV-SLOW-FIRST-ACTION", i, "Reported Monday 17:00; the first action was Thursday 10:00, 65 hours later."),
         ("INV-NO-SUPERVISOR-REVIEW", i, "Reviews on 3 July and then 12 August - 40 days apart, over the 28-day limit."),
     ], trap="The plan was recorded at 5 days 22 hours, just inside the 7-day limit.")

# ---------------------------------------------------------------- TC-028
child("TC-028", "2010-09-02", "F", in_care=True, placement_type="foster care", placement_location="Kettering",
      placement_out_of_area=False, team="Kettering MFH")
e = episode("2025-09-05T19:00", "foster carer", status="missing_from_care", last_seen_at="2025-09-05T16:00",
            last_seen_location="Kettering", found_at="2025-09-06T02:10", found_location="on foot near station, Kettering",
            officer_in_charge=PC2, exploitation_screening_at="2025-09-08T11:00")
grade("high", PC2, "2025-09-05T19:15", INSP, "2025-09-05T19:45",
      factors=["15", "in care", "CSE - associates with adult males"],
      rationale="Known to associate with adult males, CSE plan. HIGH.")
act("child_call", "2025-09-05T19:10", PC2, "off")
act("circulation", "2025-09-05T19:20", PC2, "all units")
act("address_visit", "2025-09-05T19:40", PC4, "known address of adult male associate - no reply")
act("enquiry", "2025-09-05T22:50", PC2, "phoned foster carer for update - nothing")
act("search", "2025-09-05T23:30", PC4, "town centre patrols", ended_at="2025-09-06T01:00")
act("phone_check", "2025-09-06T01:30", PC2, "cell site")
n1 = note(e, PC2, "PC", "2025-09-06T02:40",
          "She's streetwise and mature for her age and knows how to look after herself - she'll have been with her older "
          "boyfriend again.")
sw("2025-09-06T10:00", "in_person", PC4, False, False)
note(e, PC4, "PC", "2025-09-06T10:20",
     "Attended foster home for S&W. Carer says she is asleep and fine, did not wake her. S&W compelte.")
rhi(offered_at="2025-09-06T12:00", offered_by="County RHI service", done_at="2025-09-09T15:00", done_by="County RHI service")
case("Girl, 15, in care, high-risk CSE: 3-hour gap with nothing done, 'streetwise', check without seeing her",
     "inadequate", False, [
         ("MIS-NO-PROACTIVE-ACTION", e, "At high risk nothing proactive happened between the 19:40 address visit and "
          "22:50 (3 h 10 min), against a 1-hour limit."),
         ("MIS-NO-INPERSON-CHECK", e, "The officer went to the foster home but did not see or speak to her ('did not "
          "wake her'); no face-to-face check of the child followed within 72 hours."),
         ("LANG-UNCHALLENGED", n1, "'Streetwise', 'mature for her age', 'knows how to look after herself' and 'older "
          "boyfriend' (for an adult abuser) adultify a 15-year-old at risk of CSE; no supervisor challenged it."),
     ], levels={e: "high"})

# ---------------------------------------------------------------- TC-029
child("TC-029", "2008-05-05", "M", team="Daventry MFH")
e = episode("2025-05-16T10:00", "parent", last_seen_at="2025-05-15T22:00", last_seen_location="Daventry",
            found_at="2025-05-17T16:00", found_location="returned home", officer_in_charge=PC5)
grade("low", PC5, "2025-05-16T10:20", PC4, "2025-05-16T11:00", factors=["17", "no concerns", "1 previous"],
      rationale="17, no concerns, done this once before and stayed at girlfriend's (17). Low.")
act("child_call", "2025-05-16T10:30", PC5, "off")
act("contact", "2025-05-16T11:00", PC5, "girlfriend's mum - not there")
act("enquiry", "2025-05-17T13:10", PC4, "friends at college")
sw("2025-05-17T19:00", "in_person", PC5, True, True)
rhi(offered_at="2025-05-19T10:00", offered_by="County RHI service", done_at="2025-05-20T16:00", done_by="County RHI service")
case("Boy, 17, low risk: grade 'confirmed' by a constable, 26-hour gap", "requires_improvement", False, [
    ("MIS-GRADE-UNCONFIRMED", e, "The 'supervisor confirmation' was by a PC, not a sergeant or above; no supervisor "
     "confirmed the grade."),
    ("MIS-NO-PROACTIVE-ACTION", e, "After 11:00 on 16 May nothing proactive happened until 13:10 next day, 26 h 10 min "
     "at low risk - just over the 24-hour limit (minor)."),
], levels={e: "low"})


# ============================================================================ cross-check
def T(s):
    return dt.datetime.fromisoformat(s) if s else None


H = dt.timedelta(hours=1)
D = dt.timedelta(days=1)
BANK_HOLIDAYS = {dt.date(2025, 1, 1), dt.date(2025, 4, 18), dt.date(2025, 4, 21), dt.date(2025, 5, 5),
                 dt.date(2025, 5, 26), dt.date(2025, 8, 25), dt.date(2025, 12, 25), dt.date(2025, 12, 26)}


def next_working_day_end(t):
    d = t.date() + D
    while d.weekday() >= 5 or d in BANK_HOLIDAYS:
        d += D
    return dt.datetime.combine(d, dt.time(23, 59, 59))


def by(entity, key, value):
    return [r for r in DB[entity] if r[key] == value]


def is_supervisor(name):
    return bool(name) and name.split()[0] in SUPERVISOR_RANKS


def mech_findings(cid):
    """The time-based rules of the brief, read literally. Returns {(check, record)}."""
    out = set()
    eps = sorted(by("missing_episodes", "child_id", cid), key=lambda r: T(r["reported_at"]))
    for ep in eps:
        eid = ep["id"]
        rep, found = T(ep["reported_at"]), T(ep["found_at"])
        end = found or AS_OF_DT
        ras = sorted(by("risk_assessments", "episode_id", eid), key=lambda r: T(r["graded_at"]))
        for ra in ras:
            if ra["level"] == "no_apparent_risk":
                out.add(("MIS-NO-APPARENT-RISK", eid))
            limit = T(ra["graded_at"]) + (2 if ra["level"] == "high" else 12) * H
            ok = (is_supervisor(ra["supervisor_confirmed_by"]) and ra["supervisor_confirmed_at"]
                  and T(ra["supervisor_confirmed_at"]) <= limit)
            if not ok and limit <= AS_OF_DT:
                out.add(("MIS-GRADE-UNCONFIRMED", eid))

        def level_at(t):
            lv = ras[0]["level"]
            for ra in ras:
                if T(ra["graded_at"]) <= t:
                    lv = ra["level"]
            return lv
        acts = sorted([a for a in by("episode_actions", "episode_id", eid) if a["action_type"] in PROACTIVE_TYPES],
                      key=lambda a: T(a["at"]))
        cursor = rep
        points = [(T(a["at"]), T(a["ended_at"]) or T(a["at"])) for a in acts] + [(end, end)]
        for start, stop in points:
            if start > cursor:
                # check each constant-level stretch of the gap
                cuts = sorted({cursor, start} | {T(r["graded_at"]) for r in ras if cursor < T(r["graded_at"]) < start})
                for a, b in zip(cuts, cuts[1:]):
                    lv = level_at(a)
                    if lv in PROACTIVE_HOURS and b - cursor > PROACTIVE_HOURS[lv] * H:
                        out.add(("MIS-NO-PROACTIVE-ACTION", eid))
            cursor = max(cursor, stop)
        if found:
            sws = by("safe_and_well_checks", "episode_id", eid)
            if found + 72 * H <= AS_OF_DT and not any(
                    s["mode"] == "in_person" and s["child_seen"] is not False
                    and found <= T(s["at"]) <= found + 72 * H for s in sws):
                out.add(("MIS-NO-INPERSON-CHECK", eid))
            rh = by("return_home_interviews", "episode_id", eid)
            if found + 72 * H <= AS_OF_DT and not any(
                    r.get("offered_at") and T(r["offered_at"]) <= found + 72 * H for r in rh):
                out.add(("MIS-RHI-LATE", eid))
    screened = [T(e["exploitation_screening_at"] or e["strategy_meeting_at"]) for e in eps
                if e["exploitation_screening_at"] or e["strategy_meeting_at"]]
    for k in range(2, len(eps)):
        a, c = T(eps[k - 2]["reported_at"]), T(eps[k]["reported_at"])
        if c - a <= 90 * D and not any(s >= a for s in screened):
            out.add(("MIS-REPEAT-NO-SCREENING", eps[k]["id"]))
            break

    for iv in by("investigations", "child_id", cid):
        iid = iv["id"]
        rep = T(iv["reported_at"])
        end = T(iv["closed_at"]) or AS_OF_DT
        if iv["reported_by"] != "child" and not iv.get("crime_recorded_at"):
            out.add(("INV-THIRD-PARTY-NOT-RECORDED", iid))
        if min(end, AS_OF_DT) >= rep + 7 * D or True:
            if not iv.get("plan_recorded_at") or T(iv["plan_recorded_at"]) > rep + 7 * D:
                out.add(("INV-NO-PLAN", iid))
            if not iv.get("needs_assessment_at") or T(iv["needs_assessment_at"]) > rep + 7 * D:
                out.add(("INV-NO-NEEDS-ASSESSMENT", iid))
        if not iv.get("first_action_at") or T(iv["first_action_at"]) > rep + 24 * H:
            out.add(("INV-SLOW-FIRST-ACTION", iid))

        def gaps_ok(times):
            cur = rep
            for t in sorted(times) + [end]:
                if t - cur > 28 * D:
                    return False
                cur = max(cur, t)
            return True
        revs = [T(r["reviewed_at"]) for r in by("supervisor_reviews", "investigation_id", iid)]
        if not revs or not gaps_ok(revs):
            out.add(("INV-NO-SUPERVISOR-REVIEW", iid))
        cons = by("victim_contacts", "investigation_id", iid)
        if not gaps_ok([T(c["at"]) for c in cons if c["contact_with"] == "child"]):
            out.add(("INV-CHILD-NOT-UPDATED", iid))
        if not gaps_ok([T(c["at"]) for c in cons if c["contact_with"] == "parent_carer"]):
            out.add(("INV-PARENT-NOT-UPDATED", iid))
        for kd in by("key_decisions", "investigation_id", iid):
            dl = next_working_day_end(T(kd["at"]))
            for who in ("child", "parent_carer"):
                if not any(c["key_decision_id"] == kd["id"] and c["contact_with"] == who and T(c["at"]) <= dl
                           for c in cons) and dl <= AS_OF_DT:
                    out.add(("INV-KEY-DECISION-LATE", iid))
        if not any(r["referral_type"] == "support_service" for r in by("referrals", "investigation_id", iid)):
            out.add(("INV-NO-REFERRAL", iid))
        if iv.get("child_supports_prosecution") == "no" and not iv.get("evidence_led_considered_at"):
            out.add(("INV-NO-EVIDENCE-LED", iid))
        for s in by("suspects", "investigation_id", iid):
            if s["is_adult"] and not by("disruption_actions", "suspect_id", s["id"]):
                out.add(("INV-SUSPECT-NOT-DISRUPTED", iid))
    return out


JUDGEMENT_CHECKS = {"MIS-GRADE-LOW", "LANG-VICTIM-BLAMING", "LANG-UNCHALLENGED"}


def validate():
    problems = []
    ids = {k: {r["id"] for r in v} for k, v in DB.items()}
    dob = {c["id"]: dt.datetime.fromisoformat(c["date_of_birth"]) for c in DB["children"]}
    for k, rows in DB.items():
        if len(ids[k]) != len(rows):
            problems.append(f"duplicate id in {k}")
        for r in rows:
            for f, v in r.items():
                if isinstance(v, str) and len(v) >= 16 and v[4] == "-" and v[10] == "T":
                    if T(v) > AS_OF_DT:
                        problems.append(f"{r['id']}.{f} after as_of")
    for e in DB["missing_episodes"]:
        if e["found_at"] and T(e["found_at"]) < T(e["reported_at"]):
            problems.append(f"{e['id']} found before reported")
        if e["last_seen_at"] and T(e["last_seen_at"]) > T(e["reported_at"]):
            problems.append(f"{e['id']} last seen after report")
        if T(e["reported_at"]) < dob[e["child_id"]]:
            problems.append(f"{e['id']} before dob")
    for c in CASES:
        recs = set().union(ids["missing_episodes"], ids["investigations"], ids["notes"])
        for f in c["findings"]:
            if f["check"] not in SEVERITY:
                problems.append(f"{c['child_id']}: unknown check {f['check']}")
            if f["record"] not in recs or not f["record"].startswith(c["child_id"] + "-"):
                problems.append(f"{c['child_id']}: finding on unknown record {f['record']}")
            kind = f["check"].split("-")[0]
            want = {"MIS": "-M", "INV": "-I", "LANG": "-N"}[kind]
            if want not in f["record"]:
                problems.append(f"{c['child_id']}: {f['check']} should rest on a {want} record")
            if f["check"] == "MIS-NO-PROACTIVE-ACTION" and f["record"] not in c["levels"]:
                problems.append(f"{c['child_id']}: give the risk level for MIS-NO-PROACTIVE-ACTION")
        g = grade_of(c["findings"], c["levels"])
        if g != c["expected_grade"]:
            problems.append(f"{c['child_id']}: stated grade {c['expected_grade']} but the rule gives {g}")
        if c["good_practice"] and (c["findings"] or not c["trap"] or c["expected_grade"] != "good"):
            problems.append(f"{c['child_id']}: good-practice case needs no findings, a trap and grade good")
        mech = mech_findings(c["child_id"])
        stated = {(f["check"], f["record"]) for f in c["findings"] if f["check"] not in JUDGEMENT_CHECKS}
        for x in sorted(mech ^ stated):
            if x not in c["mech_ignore"]:
                side = "cross-check only" if x in mech else "stated only"
                problems.append(f"{c['child_id']}: {x} {side}")
    return problems


# ============================================================================ output
def cell(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        assert all(";" not in x and x for x in v), v
        return ";".join(v)
    return str(v)


def write():
    out = os.path.join(HERE, "records")
    os.makedirs(out, exist_ok=True)
    for name, cols in ENTITIES.items():
        rows = DB[name]
        if not rows:
            continue
        with open(os.path.join(out, f"{name}.csv"), "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(cols)
            for r in rows:
                w.writerow([cell(r.get(c)) for c in cols])
    doc = {"as_of": AS_OF, "cases": []}
    for c in CASES:
        d = {"child_id": c["child_id"], "title": c["title"], "as_of": AS_OF,
             "expected_grade": c["expected_grade"], "good_practice": c["good_practice"]}
        if c["trap"]:
            d["trap"] = c["trap"]
        d["expected_findings"] = c["findings"]
        doc["cases"].append(d)
    with open(os.path.join(HERE, "expected.yml"), "w", encoding="utf-8") as fh:
        yaml.safe_dump(doc, fh, sort_keys=False, allow_unicode=True, width=110)


if __name__ == "__main__":
    probs = validate()
    if probs:
        print("REFUSED - fix these first:", *probs, sep="\n  ")
        sys.exit(1)
    write()
    n_good = sum(c["good_practice"] for c in CASES)
    grades = {g: sum(c["expected_grade"] == g for c in CASES) for g in ("good", "requires_improvement", "inadequate")}
    print(f"{len(CASES)} cases ({n_good} good practice); grades {grades}; "
          f"records {sum(len(v) for v in DB.values())}")

"""Exploitation investigations: plan, reviews, enquiries, suspects and disruption, key
decisions, contacts with the child and carer, referrals and notes."""

from __future__ import annotations

from datetime import datetime

from safeguard.demo.bank import fill
from safeguard.demo.base import CaseBase, D, H, minute, spaced, weighted
from safeguard.records import schema as s


class InvestigationParts(CaseBase):
    def investigation(self, episodes: list[s.MissingEpisode], second: bool) -> None:
        rng, cfg, ctx, bank = self.rng, self.cfg, self.ctx, self.ctx.bank
        n = 2 if second else 1
        iid = f"IN{self.index:06d}-{n}"
        lo = self.w_start + 20 * D
        hi = ctx.end - 45 * D
        if hi <= lo:
            return
        reported = minute(lo + rng.random() * (hi - lo))
        reported = reported.replace(hour=rng.randint(8, 20))
        open_case = rng.random() < cfg["open_investigation_rate"]
        close = minute(reported + rng.uniform(60, 320) * D)
        if close >= ctx.end - 10 * D:
            open_case = True
        end = ctx.end if open_case else close
        reporter = weighted(rng, cfg["reporters"])
        oic = rng.choice(self.staff.dcs)
        etype = self.inv_type if not second else rng.choice(("sexual", "criminal", "both"))
        assert etype is not None  # only exploited children have investigations, each a type
        crime_at = None
        if reporter == "child" or not self.defect("INV-THIRD-PARTY-NOT-RECORDED"):
            crime_at = minute(reported + rng.uniform(0.5, 36) * H)
        plan_at = None
        if self.defect("INV-NO-PLAN"):
            if rng.random() < 0.5:
                plan_at = minute(reported + rng.uniform(9, 40) * D)
        else:
            plan_at = minute(reported + rng.uniform(0.25, 5) * D)
        first = None
        if self.defect("INV-SLOW-FIRST-ACTION"):
            if rng.random() < 0.7:
                first = minute(reported + rng.uniform(30, 120) * H)
        else:
            first = minute(reported + rng.uniform(0.5, 20) * H)
        needs = (
            None
            if self.defect("INV-NO-NEEDS-ASSESSMENT")
            else minute(reported + rng.uniform(1, 6) * D)
        )
        supports = weighted(rng, cfg["supports_prosecution"])
        evidence_led = None
        if (supports == "no" and not self.defect("INV-NO-EVIDENCE-LED")) or (
            supports != "no" and rng.random() < 0.2
        ):
            evidence_led = minute(reported + rng.uniform(10, 50) * D)
        if evidence_led and evidence_led >= end:
            evidence_led = minute(reported + (end - reported) * 0.5)
        # Fields whose date must fall inside the data set.
        plan_at = plan_at if plan_at and plan_at < ctx.end else None
        first = first if first and first < ctx.end else None
        outcome, outcome_at = "open", None
        if not open_case:
            outcome_at = close
            choices = {
                "charged": 20,
                "no_further_action": 25,
                "evidential_difficulties": 30,
                "other": 5,
            }
            if supports == "no":
                choices["victim_does_not_support"] = 40
            outcome = weighted(rng, choices)
        related = [e.id for e in episodes if e.reported_at < reported][-5:]
        inv = s.Investigation(
            id=iid,
            child_id=self.cid,
            exploitation_type=s.ExploitationType(etype),
            reported_at=reported,
            reported_by=reporter,
            crime_recorded_at=crime_at,
            crime_reference=f"{(self.index * 7919 + n) % 9000000 + 1000000}/{crime_at:%y}"
            if crime_at
            else None,
            plan_recorded_at=plan_at,
            first_action_at=first,
            team=self.team,
            officer_in_charge=oic,
            needs_assessment_at=needs,
            child_supports_prosecution=supports,
            evidence_led_considered_at=evidence_led,
            outcome=s.Outcome(outcome),
            outcome_at=outcome_at,
            related_episode_ids=related,
        )
        self.out.add("investigations", inv)
        pre = f"{self.index:06d}-{n}"

        # Supervisor reviews.
        review_times: list[datetime] = []
        if self.defect("INV-NO-SUPERVISOR-REVIEW"):
            if rng.random() > 0.3:
                review_times = spaced(rng, reported, end, 5, 24, D, big=(35, 80))
        else:
            review_times = spaced(rng, reported, end, 5, 24, D)
        for j, at in enumerate(review_times, 1):
            sup = rng.choice(self.staff.dss + self.staff.dis[:1])
            text = self.writer.text("supervisor_review", at, main=1)
            self.out.add(
                "supervisor_reviews",
                s.SupervisorReview(
                    id=f"SR{pre}-{j:02d}",
                    investigation_id=iid,
                    reviewed_at=at,
                    reviewer=sup,
                    summary=text,
                ),
            )
            if rng.random() < 0.5:
                self.note("investigation", iid, at, sup, sup.split()[0], text)

        # Lines of enquiry.
        for j in range(1, rng.randint(2, 6) + 1):
            raised = minute(reported + rng.uniform(0.2, 30) * D)
            if raised >= end:
                continue
            status = weighted(rng, {"completed": 60, "open": 25, "not_pursued": 15})
            done = None
            if status == "completed":
                done = minute(raised + rng.uniform(1, 40) * D)
                if done >= end:
                    status, done = "open", None
            self.out.add(
                "lines_of_enquiry",
                s.LineOfEnquiry(
                    id=f"LE{pre}-{j:02d}",
                    investigation_id=iid,
                    description=fill(
                        rng.choice(bank.phrases["lines_of_enquiry"]), self.writer.slots()
                    ),
                    raised_at=raised,
                    status=status,
                    completed_at=done,
                ),
            )

        # Suspects, disruption and the key decisions that follow.
        decisions: list[tuple[datetime, str]] = []
        disruptions: list[datetime] = []
        n_sus = weighted(rng, {0: 15, 1: 45, 2: 30, 3: 10})
        for j in range(1, n_sus + 1):
            adult = rng.random() < 0.88
            ident = minute(
                reported + rng.uniform(1, min(60, max(2, (end - reported).days - 20))) * D
            )
            desc_pool = "suspect_descriptions" if adult else "suspect_descriptions_child"
            sid = f"SU{pre}-{j}"
            self.out.add(
                "suspects",
                s.Suspect(
                    id=sid,
                    investigation_id=iid,
                    identified_at=ident,
                    is_adult=adult,
                    description=fill(rng.choice(bank.phrases[desc_pool]), self.writer.slots()),
                ),
            )
            if adult and self.defect("INV-SUSPECT-NOT-DISRUPTED"):
                continue
            if not adult and rng.random() < 0.5:
                continue
            kinds = rng.choice(
                (
                    ["cawn"],
                    ["arrest"],
                    ["cawn", "arrest"],
                    ["search_warrant", "arrest"],
                    ["arrest", "charge"],
                    ["cawn", "sexual_risk_order"],
                )
            )
            if etype == "criminal":
                kinds = [
                    k if k not in ("cawn", "sexual_risk_order") else "slavery_trafficking_order"
                    for k in kinds
                ]
                kinds = list(dict.fromkeys(kinds))
            t = ident
            for d, kind in enumerate(kinds, 1):
                t = minute(t + rng.uniform(0.5, 12) * D)
                if t >= end:
                    t = minute(ident + (end - ident) * rng.uniform(0.2, 0.9))
                self.out.add(
                    "disruption_actions",
                    s.DisruptionAction(
                        id=f"DA{pre}-{j}-{d}",
                        suspect_id=sid,
                        action_type=s.DisruptionType(kind),
                        at=t,
                    ),
                )
                disruptions.append(t)
                self.note(
                    "investigation",
                    iid,
                    t + 2 * H,
                    oic,
                    "DC",
                    self.writer.text("investigation_disruption", t, main=1),
                )
                if kind == "arrest":
                    decisions.append((t, "arrest"))
                    decisions.append((minute(t + rng.uniform(2, 10) * H), "interview"))
                    if rng.random() < 0.5:
                        decisions.append(
                            (
                                minute(t + rng.uniform(12, 20) * H),
                                rng.choice(("bail", "release_under_investigation")),
                            )
                        )
                elif kind == "charge":
                    decisions.append((t, "charge"))
        if outcome_at is not None and outcome in (
            "no_further_action",
            "evidential_difficulties",
            "victim_does_not_support",
        ):
            decisions.append((outcome_at - 2 * H, "no_further_action"))
        decisions = [d for d in sorted(decisions) if d[0] < end]

        # Contacts with the child and the parent or carer.
        contacts: list[tuple[datetime, str, str | None]] = []
        for who, check in (
            ("child", "INV-CHILD-NOT-UPDATED"),
            ("parent_carer", "INV-PARENT-NOT-UPDATED"),
        ):
            if self.defect(check):
                times = (
                    []
                    if rng.random() < 0.25
                    else spaced(rng, reported, end, 5, 24, D, big=(35, 90))
                )
            else:
                times = spaced(rng, reported, end, 5, 24, D)
            contacts += [(t, who, None) for t in times]
        late_windows: list[tuple[datetime, datetime]] = []
        kd_ids: list[str] = []
        for j, (at, kind) in enumerate(decisions, 1):
            kid = f"KD{pre}-{j}"
            kd_ids.append(kid)
            self.out.add(
                "key_decisions",
                s.KeyDecision(
                    id=kid, investigation_id=iid, decision=s.KeyDecisionType(kind), at=minute(at)
                ),
            )
            if self.defect("INV-KEY-DECISION-LATE"):
                late_windows.append((at, at + 4 * D))
                if rng.random() < 0.5:
                    later = minute(at + rng.uniform(4.2, 9) * D)
                    for who in ("child", "parent_carer"):
                        if later < ctx.end:
                            contacts.append((later, who, kid))
            else:
                for who in ("child", "parent_carer"):
                    contacts.append((minute(at + rng.uniform(0.5, 8) * H), who, kid))
        # A late update must not be masked by a routine contact in the same days.
        contacts = [
            c
            for c in contacts
            if c[2] is not None or not any(a <= c[0] <= b for a, b in late_windows)
        ]
        contacts.sort(key=lambda c: (c[0], c[1]))
        for j, (at, who, decision_id) in enumerate(contacts, 1):
            in_person = rng.random() < 0.6
            self.out.add(
                "victim_contacts",
                s.VictimContact(
                    id=f"VC{pre}-{j:03d}",
                    investigation_id=iid,
                    contact_with=s.ContactWith(who),
                    at=at,
                    in_person=in_person,
                    key_decision_id=decision_id,
                ),
            )
            if rng.random() < 0.45:
                kind = (
                    "investigation_contact_child"
                    if who == "child"
                    else "investigation_contact_parent"
                )
                self.note("investigation", iid, at, oic, "DC", self.writer.text(kind, at, main=1))

        # Referrals.
        if not self.defect("INV-NO-REFERRAL"):
            services = rng.sample(bank.phrases["referral_services"], rng.choice((1, 1, 2, 3)))
            for j, service in enumerate(services, 1):
                at = minute(reported + rng.uniform(1, 20) * D)
                if at < end:
                    self.out.add(
                        "referrals",
                        s.Referral(id=f"RF{pre}-{j}", investigation_id=iid, service=service, at=at),
                    )
                else:
                    self.out.add(
                        "referrals",
                        s.Referral(
                            id=f"RF{pre}-{j}",
                            investigation_id=iid,
                            service=service,
                            at=minute(reported + 1 * D),
                        ),
                    )

        # Investigation notes: OIC updates through the life of the case.
        at = minute(reported + rng.uniform(1, 6) * H)
        text = self.writer.text("investigation_opening", at, main=1, officer=oic)
        self.note("investigation", iid, at, oic, "DC", text)
        notes = []
        for at in spaced(rng, reported, end, 2, 16, D):
            if rng.random() < 0.7:
                author, role = oic, "DC"
                opener = "OIC update:" if rng.random() < 0.3 else None
            else:
                author, role, opener = rng.choice(self.staff.sws), "social worker", None
            text = self.writer.text("investigation_update", at, opener=opener)
            notes.append(self.note("investigation", iid, at, author, role, text))
        if notes and self.defect("victim_blaming_investigation"):
            themes: tuple[str, ...] = ("choice", "missing", "character", "process")
            themes += (
                ("sexual_agency",)
                if etype == "sexual"
                else ("criminal",)
                if etype == "criminal"
                else ("sexual_agency", "criminal")
            )
            for note in rng.sample(notes, min(len(notes), rng.choice((1, 1, 2, 3)))):
                self.blame(note, themes, ctx.end)

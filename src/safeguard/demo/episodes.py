"""Missing episodes: timing and repeat patterns, grades, actions, checks after return, notes."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from safeguard.demo.bank import fill
from safeguard.demo.base import LEVELS, CaseBase, D, H, M, minute
from safeguard.records import schema as s


class EpisodeParts(CaseBase):
    def episodes(self, count: int, clustered: bool) -> list[s.MissingEpisode]:
        rng = self.rng
        if count == 0 or self.w_end <= self.w_start:
            return []
        span = (self.w_end - self.w_start).total_seconds()
        times: list[datetime] = []
        if clustered:
            while len(times) < count:
                centre = self.w_start + timedelta(seconds=rng.random() * span)
                for _ in range(min(rng.randint(3, 6), count - len(times))):
                    times.append(centre + rng.uniform(0, 80) * D)
        else:
            times = [self.w_start + timedelta(seconds=rng.random() * span) for _ in range(count)]
        times.sort()
        repeat_defect = self.defect("MIS-REPEAT-NO-SCREENING")
        made: list[s.MissingEpisode] = []
        plans: list[dict[str, Any]] = []
        prev_found: datetime | None = None
        for k, planned in enumerate(times, 1):
            # Evening reports are most common.
            t = planned.replace(hour=rng.choice((16, 18, 19, 20, 21, 22, 23, 1, 14)))
            t = minute(t.replace(minute=rng.randrange(60)))
            if prev_found is not None and t < prev_found + 12 * H:
                t = minute(prev_found + rng.uniform(12, 60) * H)
            if t >= self.w_end:
                break
            plan = self.episode(k, t, previous=len(plans))
            prev_found = plan["found_at"]
            plans.append(plan)
        # Exploitation screening: repeat missing (>= 3 in 90 days) triggers screening on the
        # episode that crosses the threshold, unless this case is seeded without it.
        th = self.cfg["thresholds"]
        window = th["repeat_missing_window_days"] * D
        for i, plan in enumerate(plans):
            in_window = [
                p for p in plans[: i + 1] if p["reported_at"] >= plan["reported_at"] - window
            ]
            screened = any(p["screening"] or p["strategy"] for p in in_window)
            if len(in_window) >= th["repeat_missing_count"] and not screened and not repeat_defect:
                plan["screening"] = plan["reported_at"] + rng.uniform(2, 30) * H
                if self.exploited and rng.random() < 0.6:
                    plan["strategy"] = plan["reported_at"] + rng.uniform(2, 7) * D
            elif (
                len(in_window) < th["repeat_missing_count"]
                and self.exploited
                and not repeat_defect
                and rng.random() < 0.3
            ):
                plan["screening"] = plan["reported_at"] + rng.uniform(2, 48) * H
        for plan in plans:
            made.append(self.emit_episode(plan))
        return made

    def episode(self, k: int, reported: datetime, previous: int) -> dict[str, Any]:
        """Plan one episode (times, grades, actions) as plain values."""
        rng, cfg, bank = self.rng, self.cfg, self.ctx.bank
        eid = f"MP{self.index:06d}-{k:02d}"
        # Risk factors recorded, and the grade they justify.
        cand: list[str] = []
        if self.in_care:
            cand.append("in care")
        vmap = {
            "mental health": "mental health needs",
            "self-harm": "self-harm or suicide risk",
            "autism": "autism",
            "learning disability": "learning disability",
            "substance misuse": "substance misuse",
        }
        cand += [vmap[v] for v in self.vulns if v in vmap]
        if previous:
            cand.append("previous missing episodes")
        else:
            cand.append("first time missing")
        if self.exploited:
            cand += rng.sample(
                [
                    "signs of sexual exploitation"
                    if self.inv_type != "criminal"
                    else "signs of criminal exploitation",
                    "associating with older adults",
                    "unexplained money or gifts",
                    "believed to be with adults linked to exploitation",
                    "travelled out of force area on previous episodes",
                ],
                2,
            )
        cand += rng.sample(
            [
                "left after an argument at home",
                "believed to be with school friends",
                "out of character",
                "no money or phone with them",
                "vulnerable due to age",
                "phone switched on and messaging carer",
            ],
            2,
        )
        factors = rng.sample(cand, min(len(cand), rng.randint(1, 4)))
        factors = [f for f in dict.fromkeys(factors)]
        if previous and "first time missing" in factors:
            factors.remove("first time missing")
        assessed = max((LEVELS.index(bank.factor_levels[f]) for f in factors), default=1)
        level = LEVELS[assessed]
        if self.defect("MIS-NO-APPARENT-RISK"):
            level, factors = "no_apparent_risk", []
        elif assessed >= 2 and self.defect("MIS-GRADE-LOW"):
            level = LEVELS[assessed - 1]
        th = cfg["thresholds"]
        gap_h = th["proactive_gap_hours"][level]
        n_actions = {"high": (2, 9), "medium": (1, 5)}.get(level, (1, 3))
        k_actions = rng.randint(*n_actions)
        gaps = [rng.uniform(0.2, 0.85) * gap_h for _ in range(k_actions + 1)]
        if self.defect("MIS-NO-PROACTIVE-ACTION"):
            gaps[rng.randrange(len(gaps))] = rng.uniform(1.3, 3.5) * gap_h
        times: list[datetime] = []
        t = reported
        for g in gaps:
            t = minute(t + g * H)
            times.append(t)
        found = times.pop()
        actions = [
            (at, rng.choice(cfg["proactive_actions"])) for at in times if reported < at < found
        ]
        for _ in range(rng.randint(0, 2)):
            at = minute(reported + rng.random() * (found - reported))
            actions.append((at, rng.choice(("review", "note"))))
        actions.sort()
        # Grades: the initial one, sometimes a later review keeping the grade.
        grades = []
        conf_h = th["grade_confirm_hours"][level]
        g_at = minute(reported + rng.uniform(5, 40) * M)
        grades.append(g_at)
        if found - reported > 10 * H and rng.random() < 0.3:
            grades.append(minute(reported + rng.uniform(0.4, 0.8) * (found - reported)))
        confirmations: list[datetime | None] = []
        for g in grades:
            if self.defect("MIS-GRADE-UNCONFIRMED"):
                confirmations.append(
                    None if rng.random() < 0.5 else minute(g + rng.uniform(1.3, 4) * conf_h * H)
                )
            else:
                confirmations.append(minute(g + rng.uniform(0.1, 0.7) * conf_h * H))
        # After return: safe and well check and return home interview.
        sw: list[tuple[datetime, str]] = []
        if self.defect("MIS-NO-INPERSON-CHECK"):
            if rng.random() < 0.6:
                sw.append((minute(found + rng.uniform(1, 30) * H), rng.choice(("phone", "video"))))
        else:
            sw.append((minute(found + rng.uniform(0.5, 20) * H), "in_person"))
        rhi: dict[str, Any] | None
        limit = th["rhi_offer_hours"]
        if self.defect("MIS-RHI-LATE"):
            r = rng.random()
            if r < 0.4:
                rhi = None
            elif r < 0.6:
                rhi = {
                    "offered_at": None,
                    "reason": "Not offered - no referral made to the RHI service",
                }
            else:
                rhi = {"offered_at": minute(found + rng.uniform(1.1, 3) * limit * H)}
        else:
            rhi = {"offered_at": minute(found + rng.uniform(2, 0.85 * limit) * H)}
        status = "missing"
        if self.in_care:
            status = "away_from_placement" if rng.random() < 0.15 else "missing_from_care"
        return {
            "id": eid,
            "reported_at": reported,
            "found_at": found,
            "level": level,
            "factors": factors,
            "grades": grades,
            "confirmations": confirmations,
            "actions": actions,
            "sw": sw,
            "rhi": rhi,
            "status": status,
            "screening": None,
            "strategy": None,
        }

    def emit_episode(self, p: dict[str, Any]) -> s.MissingEpisode:
        rng, bank = self.rng, self.ctx.bank
        eid = p["id"]
        reported, found = p["reported_at"], p["found_at"]
        slots = self.writer.slots()
        oic = rng.choice(self.staff.pcs)
        found_loc = fill(
            rng.choice(bank.places["addresses"] + bank.places["venues"] + ["{town}", "{coastal}"]),
            slots,
        )
        last_loc = fill(rng.choice(bank.places["venues"]), slots)
        ep = s.MissingEpisode(
            id=eid,
            child_id=self.cid,
            reported_at=reported,
            reported_by=self.carer,
            last_seen_at=minute(reported - rng.uniform(0.5, 6) * H),
            last_seen_location=last_loc,
            status=p["status"],
            found_at=found,
            found_location=found_loc,
            team=self.team,
            officer_in_charge=oic,
            exploitation_screening_at=minute(p["screening"]) if p["screening"] else None,
            strategy_meeting_at=minute(p["strategy"]) if p["strategy"] else None,
        )
        self.out.add("missing_episodes", ep)
        for j, (g, c) in enumerate(zip(p["grades"], p["confirmations"], strict=True), 1):
            sup = rng.choice(self.staff.dss) if c else None
            self.out.add(
                "risk_assessments",
                s.RiskAssessment(
                    id=f"RA{self.index:06d}-{eid[-2:]}-{j}",
                    episode_id=eid,
                    level=p["level"],
                    factors=p["factors"],
                    graded_by=rng.choice(self.staff.pcs),
                    graded_at=g,
                    supervisor_confirmed_by=sup,
                    supervisor_confirmed_at=c,
                ),
            )
        descs = bank.phrases["action_descriptions"]
        for j, (at, kind) in enumerate(p["actions"], 1):
            self.out.add(
                "episode_actions",
                s.EpisodeAction(
                    id=f"EA{self.index:06d}-{eid[-2:]}-{j:02d}",
                    episode_id=eid,
                    action_type=kind,
                    at=at,
                    officer=rng.choice(self.staff.pcs + self.staff.dss[:2]),
                    description=fill(rng.choice(descs[kind]), self.writer.slots()),
                ),
            )
        for j, (at, mode) in enumerate(p["sw"], 1):
            self.out.add(
                "safe_and_well_checks",
                s.SafeAndWellCheck(
                    id=f"SW{self.index:06d}-{eid[-2:]}-{j}",
                    episode_id=eid,
                    at=at,
                    mode=mode,
                    officer=rng.choice(self.staff.pcs),
                ),
            )
        rhi = p["rhi"]
        if rhi is not None and rhi["offered_at"] is not None and rhi["offered_at"] >= self.ctx.end:
            rhi = {"offered_at": None, "reason": "Referral to the RHI service not yet made"}
        if rhi is not None:
            offered = rhi["offered_at"]
            done = done_by = reason = None
            if offered is None:
                reason = rhi["reason"]
            elif rng.random() < 0.7:
                done = minute(offered + rng.uniform(0, 4) * D)
                done_by = rng.choice(bank.phrases["rhi_providers"])
            else:
                reason = rng.choice(bank.phrases["rhi_not_done_reasons"])
            if done is not None and done >= self.ctx.end:
                done, done_by, reason = None, None, "Interview booked"
            self.out.add(
                "return_home_interviews",
                s.ReturnHomeInterview(
                    id=f"RH{self.index:06d}-{eid[-2:]}",
                    episode_id=eid,
                    offered_at=offered,
                    done_at=done,
                    done_by=done_by,
                    not_done_reason=reason,
                ),
            )
        self.episode_notes(p, oic, found_loc)
        return ep

    def episode_notes(self, p: dict[str, Any], oic: str, found_loc: str) -> None:
        rng, w = self.rng, self.writer
        eid, reported, found = p["id"], p["reported_at"], p["found_at"]
        notes = []
        at = minute(reported + rng.uniform(3, 30) * M)
        notes.append(
            self.note(
                "episode",
                eid,
                at,
                rng.choice(self.staff.pcs),
                "PC",
                w.text("episode_report", at, main=1),
            )
        )
        for _ in range(rng.randint(1, 4)):
            at = minute(reported + rng.random() * (found - reported))
            notes.append(
                self.note(
                    "episode",
                    eid,
                    at,
                    rng.choice(self.staff.pcs),
                    "PC",
                    w.text("episode_enquiry", at),
                )
            )
        if rng.random() < 0.4:
            at = minute(reported + rng.random() * (found - reported))
            sup = rng.choice(self.staff.dss)
            self.note("episode", eid, at, sup, "DS", w.text("episode_review", at, main=1))
        at = minute(found + rng.uniform(5, 60) * M)
        notes.append(
            self.note(
                "episode", eid, at, oic, "PC", w.text("episode_found", at, main=1, found=found_loc)
            )
        )
        for at, mode in p["sw"]:
            kind = "episode_sw" if mode == "in_person" else "episode_sw_remote"
            notes.append(
                self.note(
                    "episode",
                    eid,
                    at,
                    rng.choice(self.staff.pcs),
                    "PC",
                    w.text(kind, at, main=1),
                )
            )
        if self.defect("victim_blaming_episode"):
            self.blame(rng.choice(notes), ("missing", "character", "choice"), self.ctx.end)

"""Generate one child's whole case at a time, deterministically from (seed, child number).

Each child draws from its own random stream, so a child's records do not depend on how many
children are generated, and generation streams: nothing is kept between children.

Practice is seeded per case: a share of children are wholly good practice; for the rest each
defect is drawn at the rate in ``settings.yml``. The truth file is then derived from the
generated records (see :mod:`safeguard.demo.truth`), so it is exact by construction.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from safeguard.demo.bank import PRONOUNS, Bank, fill, load_bank
from safeguard.demo.notes import NoteWriter
from safeguard.records import schema as s

LEVELS = ["no_apparent_risk", "low", "medium", "high"]
H = timedelta(hours=1)
D = timedelta(days=1)
M = timedelta(minutes=1)


@dataclass
class ChildRecords:
    """Everything generated for one child, by entity name (file stem) in schema order."""

    child_id: str
    records: dict[str, list[s.Record]] = field(
        default_factory=lambda: {name: [] for name in s.ENTITIES}
    )
    #: Victim-blaming notes: note id -> (the wording, its theme in the language guide).
    blaming: dict[str, tuple[str, str]] = field(default_factory=dict)

    def add(self, entity: str, record: s.Record) -> None:
        self.records[entity].append(record)


@dataclass(frozen=True)
class Staff:
    """Pseudonymous officers by team: collar numbers only, no names."""

    pcs: list[str]
    dcs: list[str]
    dss: list[str]
    dis: list[str]
    sws: list[str]


@dataclass(frozen=True)
class Context:
    seed: int
    end: datetime  # the data set's end date (midnight); nothing happens on or after it
    start: datetime
    bank: Bank
    staff: dict[str, Staff]


def end_date(seed: int, bank: Bank | None = None) -> date:
    """The data set's end date: derived from the seed, never from the clock."""
    cfg = (bank or load_bank()).settings
    latest = cfg["latest_end_date"]
    latest = latest if isinstance(latest, date) else date.fromisoformat(str(latest))
    offset = random.Random(f"safeguard-demo:{seed}:end").randint(0, cfg["end_date_spread_days"])
    return latest - timedelta(days=offset)


def make_context(seed: int) -> Context:
    bank = load_bank()
    end = datetime.combine(end_date(seed, bank), datetime.min.time())
    rng = random.Random(f"safeguard-demo:{seed}:staff")
    numbers = rng.sample(range(1000, 9999), 6 * 80)
    staff: dict[str, Staff] = {}
    for i, team in enumerate(bank.places["teams"]):
        n = numbers[i * 80 : (i + 1) * 80]
        staff[team] = Staff(
            pcs=[f"PC {x}" for x in n[:40]],
            dcs=[f"DC {x}" for x in n[40:56]],
            dss=[f"DS {x}" for x in n[56:62]],
            dis=[f"DI {x}" for x in n[62:64]],
            sws=[f"SW {team[:3].upper()}{x}" for x in n[64:72]],
        )
    return Context(
        seed=seed,
        end=end,
        start=end - timedelta(days=bank.settings["span_days"]),
        bank=bank,
        staff=staff,
    )


def _weighted(rng: random.Random, weights: dict[Any, float]) -> Any:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _minute(t: datetime) -> datetime:
    return t.replace(second=0, microsecond=0)


def _spaced(
    rng: random.Random,
    start: datetime,
    end: datetime,
    lo: float,
    hi: float,
    unit: timedelta,
    big: tuple[float, float] | None = None,
) -> list[datetime]:
    """Times after ``start`` and before ``end``, each gap lo..hi units apart (the gap from the
    last time to ``end`` is then also below hi). With ``big`` one early gap is that long."""
    out: list[datetime] = []
    t = start
    big_at = rng.randint(0, 2) if big else -1
    i = 0
    while True:
        span = rng.uniform(*big) if i == big_at else rng.uniform(lo, hi)
        t = _minute(t + span * unit)
        if t >= end:
            return out
        out.append(t)
        i += 1


class ChildGenerator:
    """Generates child number ``index`` (1-based) for a context."""

    def __init__(self, ctx: Context, index: int) -> None:
        self.ctx = ctx
        self.cfg = ctx.bank.settings
        self.rng = random.Random(f"safeguard-demo:{ctx.seed}:child:{index}")
        self.index = index
        self.cid = f"CH{index:06d}"
        self.out = ChildRecords(self.cid)
        self.note_n = 0
        self.good = self.rng.random() < self.cfg["good_practice_rate"]

    # --- helpers -----------------------------------------------------------------------

    def defect(self, check: str) -> bool:
        """Whether to seed ``check`` here (never for a good-practice case)."""
        return (not self.good) and self.rng.random() < self.cfg["defect_rates"][check]

    def note(
        self,
        record_type: str,
        record_id: str,
        at: datetime,
        author: str,
        role: str,
        text: str,
        challenges: str | None = None,
    ) -> s.Note:
        self.note_n += 1
        n = s.Note(
            id=f"NT{self.index:06d}-{self.note_n:04d}",
            record_type=record_type,
            record_id=record_id,
            child_id=self.cid,
            author=author,
            author_role=role,
            written_at=_minute(at),
            text=text,
            challenges_note_id=challenges,
        )
        self.out.add("notes", n)
        return n

    def blame(self, note: s.Note, themes: tuple[str, ...], until: datetime) -> None:
        """Make ``note`` victim-blaming and maybe challenge it later (before ``until``)."""
        sentence, phrase, theme = self.writer.blaming(themes)
        note.text = f"{note.text} {sentence}"
        self.out.blaming[note.id] = (phrase, theme)
        if self.rng.random() < self.cfg["defect_rates"]["challenge"]:
            at = note.written_at + self.rng.uniform(1, 20) * D
            if at < until:
                sup = self.rng.choice(self.staff.dss + self.staff.dis)
                self.note(
                    note.record_type,
                    note.record_id,
                    at,
                    sup,
                    sup.split()[0],
                    self.writer.challenge(phrase, theme, note.written_at),
                    challenges=note.id,
                )

    # --- child -------------------------------------------------------------------------

    def generate(self) -> ChildRecords:
        rng, cfg, ctx = self.rng, self.cfg, self.ctx
        ccfg = cfg["children"]
        sex = _weighted(rng, ccfg["sex_weights"])
        age = int(_weighted(rng, {int(k): v for k, v in ccfg["age_at_end_weights"].items()}))
        dob = ctx.end.date() - timedelta(days=365 * age + rng.randint(30, 330))
        in_care = rng.random() < ccfg["in_care_rate"]
        placement = _weighted(rng, ccfg["placement_weights"]) if in_care else None
        vulns = [v for v, p in ccfg["vulnerability_rates"].items() if rng.random() < p]
        team = rng.choice(ctx.bank.places["teams"])
        self.staff = ctx.staff[team]
        self.team = team
        self.vulns = vulns
        self.in_care = in_care
        child = s.Child(
            id=self.cid,
            date_of_birth=dob,
            sex=sex,
            in_care=in_care,
            placement_type=placement,
            vulnerabilities=vulns,
            team=team,
        )
        self.out.add("children", child)

        pattern = _weighted(rng, {k: v[0] for k, v in cfg["missing_patterns"].items()})
        _, lo, hi, clustered = cfg["missing_patterns"][pattern]
        self.exploited = rng.random() < cfg["investigation_rate"][pattern]
        self.inv_type = None
        if self.exploited:
            w = {"sexual": 60, "criminal": 25, "both": 15}
            if sex == "male":
                w = {"sexual": 20, "criminal": 65, "both": 15}
            self.inv_type = _weighted(rng, w)

        if in_care:
            carer = {
                "foster care": "foster carer",
                "children's home": "home staff",
                "semi-independent": "key worker",
                "kinship care": "aunt",
            }[placement]
            home = {
                "foster care": "the foster placement",
                "children's home": "the children's home",
                "semi-independent": "the semi-independent placement",
                "kinship care": "the family placement",
            }[placement]
        else:
            carer = rng.choice(("mum", "mum", "dad", "nan", "mum"))
            home = "the home address"
        base = dict(PRONOUNS[sex])
        base.update(carer=carer, home=home, officer=rng.choice(self.staff.dcs))
        self.carer = carer
        self.writer = NoteWriter(rng, ctx.bank, base, indicators=self.exploited)

        # The child's active window: from age 10 (or the start of the data) to two weeks before
        # the end, so that every episode is closed and followed up inside the data set.
        tenth = datetime(dob.year + 10, dob.month, min(dob.day, 28))
        self.w_start = max(ctx.start, tenth)
        self.w_end = ctx.end - 14 * D

        episodes = self.episodes(rng.randint(lo, hi), clustered)
        if self.exploited:
            self.investigation(episodes, second=False)
            if rng.random() < cfg["second_investigation_rate"]:
                self.investigation(episodes, second=True)
        self.child_notes()
        return self.out

    def child_notes(self) -> None:
        rng = self.rng
        notes: list[s.Note] = []
        for _ in range(rng.randint(3, 10)):
            at = self.w_start + rng.random() * (self.w_end - self.w_start)
            role = rng.choice(
                ("social worker", "social worker", "PC", "missing persons coordinator")
            )
            author = (
                rng.choice(self.staff.sws)
                if role == "social worker"
                else rng.choice(self.staff.pcs)
            )
            notes.append(
                self.note("child", self.cid, at, author, role, self.writer.text("child", at))
            )
        if self.defect("victim_blaming_episode"):
            self.blame(rng.choice(notes), ("missing", "character", "choice"), self.ctx.end)

    # --- missing episodes -------------------------------------------------------------

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
            t = _minute(t.replace(minute=rng.randrange(60)))
            if prev_found is not None and t < prev_found + 12 * H:
                t = _minute(prev_found + rng.uniform(12, 60) * H)
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
            t = _minute(t + g * H)
            times.append(t)
        found = times.pop()
        actions = [
            (at, rng.choice(cfg["proactive_actions"])) for at in times if reported < at < found
        ]
        for _ in range(rng.randint(0, 2)):
            at = _minute(reported + rng.random() * (found - reported))
            actions.append((at, rng.choice(("review", "note"))))
        actions.sort()
        # Grades: the initial one, sometimes a later review keeping the grade.
        grades = []
        conf_h = th["grade_confirm_hours"][level]
        g_at = _minute(reported + rng.uniform(5, 40) * M)
        grades.append(g_at)
        if found - reported > 10 * H and rng.random() < 0.3:
            grades.append(_minute(reported + rng.uniform(0.4, 0.8) * (found - reported)))
        confirmations: list[datetime | None] = []
        for g in grades:
            if self.defect("MIS-GRADE-UNCONFIRMED"):
                confirmations.append(
                    None if rng.random() < 0.5 else _minute(g + rng.uniform(1.3, 4) * conf_h * H)
                )
            else:
                confirmations.append(_minute(g + rng.uniform(0.1, 0.7) * conf_h * H))
        # After return: safe and well check and return home interview.
        sw: list[tuple[datetime, str]] = []
        if self.defect("MIS-NO-INPERSON-CHECK"):
            if rng.random() < 0.6:
                sw.append((_minute(found + rng.uniform(1, 30) * H), rng.choice(("phone", "video"))))
        else:
            sw.append((_minute(found + rng.uniform(0.5, 20) * H), "in_person"))
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
                rhi = {"offered_at": _minute(found + rng.uniform(1.1, 3) * limit * H)}
        else:
            rhi = {"offered_at": _minute(found + rng.uniform(2, 0.85 * limit) * H)}
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
            last_seen_at=_minute(reported - rng.uniform(0.5, 6) * H),
            last_seen_location=last_loc,
            status=p["status"],
            found_at=found,
            found_location=found_loc,
            team=self.team,
            officer_in_charge=oic,
            exploitation_screening_at=_minute(p["screening"]) if p["screening"] else None,
            strategy_meeting_at=_minute(p["strategy"]) if p["strategy"] else None,
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
                done = _minute(offered + rng.uniform(0, 4) * D)
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
        at = _minute(reported + rng.uniform(3, 30) * M)
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
            at = _minute(reported + rng.random() * (found - reported))
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
            at = _minute(reported + rng.random() * (found - reported))
            sup = rng.choice(self.staff.dss)
            self.note("episode", eid, at, sup, "DS", w.text("episode_review", at, main=1))
        at = _minute(found + rng.uniform(5, 60) * M)
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

    # --- investigations ----------------------------------------------------------------

    def investigation(self, episodes: list[s.MissingEpisode], second: bool) -> None:
        rng, cfg, ctx, bank = self.rng, self.cfg, self.ctx, self.ctx.bank
        n = 2 if second else 1
        iid = f"IN{self.index:06d}-{n}"
        lo = self.w_start + 20 * D
        hi = ctx.end - 45 * D
        if hi <= lo:
            return
        reported = _minute(lo + rng.random() * (hi - lo))
        reported = reported.replace(hour=rng.randint(8, 20))
        open_case = rng.random() < cfg["open_investigation_rate"]
        close = _minute(reported + rng.uniform(60, 320) * D)
        if close >= ctx.end - 10 * D:
            open_case = True
        end = ctx.end if open_case else close
        reporter = _weighted(rng, cfg["reporters"])
        oic = rng.choice(self.staff.dcs)
        etype = self.inv_type if not second else rng.choice(("sexual", "criminal", "both"))
        crime_at = None
        if reporter == "child" or not self.defect("INV-THIRD-PARTY-NOT-RECORDED"):
            crime_at = _minute(reported + rng.uniform(0.5, 36) * H)
        plan_at = None
        if self.defect("INV-NO-PLAN"):
            if rng.random() < 0.5:
                plan_at = _minute(reported + rng.uniform(9, 40) * D)
        else:
            plan_at = _minute(reported + rng.uniform(0.25, 5) * D)
        first = None
        if self.defect("INV-SLOW-FIRST-ACTION"):
            if rng.random() < 0.7:
                first = _minute(reported + rng.uniform(30, 120) * H)
        else:
            first = _minute(reported + rng.uniform(0.5, 20) * H)
        needs = (
            None
            if self.defect("INV-NO-NEEDS-ASSESSMENT")
            else _minute(reported + rng.uniform(1, 6) * D)
        )
        supports = _weighted(rng, cfg["supports_prosecution"])
        evidence_led = None
        if (supports == "no" and not self.defect("INV-NO-EVIDENCE-LED")) or (
            supports != "no" and rng.random() < 0.2
        ):
            evidence_led = _minute(reported + rng.uniform(10, 50) * D)
        if evidence_led and evidence_led >= end:
            evidence_led = _minute(reported + (end - reported) * 0.5)
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
            outcome = _weighted(rng, choices)
        related = [e.id for e in episodes if e.reported_at < reported][-5:]
        inv = s.Investigation(
            id=iid,
            child_id=self.cid,
            exploitation_type=etype,
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
            outcome=outcome,
            outcome_at=outcome_at,
            related_episode_ids=related,
        )
        self.out.add("investigations", inv)
        pre = f"{self.index:06d}-{n}"

        # Supervisor reviews.
        review_times: list[datetime] = []
        if self.defect("INV-NO-SUPERVISOR-REVIEW"):
            if rng.random() > 0.3:
                review_times = _spaced(rng, reported, end, 5, 24, D, big=(35, 80))
        else:
            review_times = _spaced(rng, reported, end, 5, 24, D)
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
            raised = _minute(reported + rng.uniform(0.2, 30) * D)
            if raised >= end:
                continue
            status = _weighted(rng, {"completed": 60, "open": 25, "not_pursued": 15})
            done = None
            if status == "completed":
                done = _minute(raised + rng.uniform(1, 40) * D)
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
        n_sus = _weighted(rng, {0: 15, 1: 45, 2: 30, 3: 10})
        for j in range(1, n_sus + 1):
            adult = rng.random() < 0.88
            ident = _minute(
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
                t = _minute(t + rng.uniform(0.5, 12) * D)
                if t >= end:
                    t = _minute(ident + (end - ident) * rng.uniform(0.2, 0.9))
                self.out.add(
                    "disruption_actions",
                    s.DisruptionAction(
                        id=f"DA{pre}-{j}-{d}", suspect_id=sid, action_type=kind, at=t
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
                    decisions.append((_minute(t + rng.uniform(2, 10) * H), "interview"))
                    if rng.random() < 0.5:
                        decisions.append(
                            (
                                _minute(t + rng.uniform(12, 20) * H),
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
                    else _spaced(rng, reported, end, 5, 24, D, big=(35, 90))
                )
            else:
                times = _spaced(rng, reported, end, 5, 24, D)
            contacts += [(t, who, None) for t in times]
        late_windows: list[tuple[datetime, datetime]] = []
        kd_ids: list[str] = []
        for j, (at, kind) in enumerate(decisions, 1):
            kid = f"KD{pre}-{j}"
            kd_ids.append(kid)
            self.out.add(
                "key_decisions",
                s.KeyDecision(id=kid, investigation_id=iid, decision=kind, at=_minute(at)),
            )
            if self.defect("INV-KEY-DECISION-LATE"):
                late_windows.append((at, at + 4 * D))
                if rng.random() < 0.5:
                    later = _minute(at + rng.uniform(4.2, 9) * D)
                    for who in ("child", "parent_carer"):
                        if later < ctx.end:
                            contacts.append((later, who, kid))
            else:
                for who in ("child", "parent_carer"):
                    contacts.append((_minute(at + rng.uniform(0.5, 8) * H), who, kid))
        # A late update must not be masked by a routine contact in the same days.
        contacts = [
            c
            for c in contacts
            if c[2] is not None or not any(a <= c[0] <= b for a, b in late_windows)
        ]
        contacts.sort(key=lambda c: (c[0], c[1]))
        for j, (at, who, kid) in enumerate(contacts, 1):
            in_person = rng.random() < 0.6
            self.out.add(
                "victim_contacts",
                s.VictimContact(
                    id=f"VC{pre}-{j:03d}",
                    investigation_id=iid,
                    contact_with=who,
                    at=at,
                    in_person=in_person,
                    key_decision_id=kid,
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
                at = _minute(reported + rng.uniform(1, 20) * D)
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
                            at=_minute(reported + 1 * D),
                        ),
                    )

        # Investigation notes: OIC updates through the life of the case.
        updates = [n for n in (_spaced(rng, reported, end, 2, 16, D)) if n < end]
        notes = []
        for at in updates:
            author, role = (
                (oic, "DC") if rng.random() < 0.7 else (rng.choice(self.staff.sws), "social worker")
            )
            notes.append(
                self.note(
                    "investigation",
                    iid,
                    at,
                    author,
                    role,
                    self.writer.text("investigation_update", at),
                )
            )
        if notes and self.defect("victim_blaming_investigation"):
            themes = ("choice", "missing", "character", "process")
            themes += (
                ("sexual_agency",)
                if etype == "sexual"
                else ("criminal",)
                if etype == "criminal"
                else ("sexual_agency", "criminal")
            )
            for note in rng.sample(notes, min(len(notes), rng.choice((1, 1, 2, 3)))):
                self.blame(note, themes, ctx.end)


def generate(children: int, seed: int, ctx: Context | None = None) -> Iterator[ChildRecords]:
    """Yield a :class:`ChildRecords` per child, one at a time."""
    ctx = ctx or make_context(seed)
    for index in range(1, children + 1):
        yield ChildGenerator(ctx, index).generate()

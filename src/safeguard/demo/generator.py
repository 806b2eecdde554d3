"""Generate one child's whole case at a time, deterministically from (seed, child number).

Each child draws from its own random stream, so a child's records do not depend on how many
children are generated, and generation streams: nothing is kept between children.

Practice is seeded per case: a share of children are wholly good practice; for the rest each
defect is drawn at the rate in ``settings.yml``. The truth file is then derived from the
generated records (see :mod:`safeguard.demo.truth`), so it is exact by construction.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from safeguard.demo.bank import PRONOUNS
from safeguard.demo.base import ChildRecords, Context, D, end_date, make_context, weighted
from safeguard.demo.episodes import EpisodeParts
from safeguard.demo.investigations import InvestigationParts
from safeguard.demo.notes import NoteWriter
from safeguard.records import schema as s

__all__ = ["ChildGenerator", "ChildRecords", "Context", "end_date", "generate", "make_context"]


class ChildGenerator(EpisodeParts, InvestigationParts):
    """Generates child number ``index`` (1-based) for a context."""

    # --- child -------------------------------------------------------------------------

    def generate(self) -> ChildRecords:
        rng, cfg, ctx = self.rng, self.cfg, self.ctx
        ccfg = cfg["children"]
        sex = weighted(rng, ccfg["sex_weights"])
        age = int(weighted(rng, {int(k): v for k, v in ccfg["age_at_end_weights"].items()}))
        dob = ctx.end.date() - timedelta(days=365 * age + rng.randint(30, 330))
        in_care = rng.random() < ccfg["in_care_rate"]
        placement = weighted(rng, ccfg["placement_weights"]) if in_care else None
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

        pattern = weighted(rng, {k: v[0] for k, v in cfg["missing_patterns"].items()})
        _, lo, hi, clustered = cfg["missing_patterns"][pattern]
        self.exploited = rng.random() < cfg["investigation_rate"][pattern]
        self.inv_type = None
        if self.exploited:
            w = {"sexual": 60, "criminal": 25, "both": 15}
            if sex == "male":
                w = {"sexual": 20, "criminal": 65, "both": 15}
            self.inv_type = weighted(rng, w)

        if in_care:
            assert placement is not None  # drawn above for every child in care
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


def generate(children: int, seed: int, ctx: Context | None = None) -> Iterator[ChildRecords]:
    """Yield a :class:`ChildRecords` per child, one at a time."""
    ctx = ctx or make_context(seed)
    for index in range(1, children + 1):
        yield ChildGenerator(ctx, index).generate()

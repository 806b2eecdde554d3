"""Compose case notes from the phrase bank: varied, abbreviated, never one template."""

from __future__ import annotations

import random
from datetime import datetime

from safeguard.demo.bank import Bank, Slots, fill, split_blaming
from safeguard.records import clock

# How likely a note of each kind is to mention exploitation indicators, if the child has them.
_INDICATOR_KINDS = {
    "child": 0.5,
    "episode_found": 0.6,
    "episode_sw": 0.7,
    "investigation_update": 0.4,
}


class NoteWriter:
    """Writes the text of one child's notes; holds the child's pronouns and situation."""

    def __init__(
        self, rng: random.Random, bank: Bank, base: dict[str, str], indicators: bool
    ) -> None:
        self.rng = rng
        self.bank = bank
        self.base = base
        self.indicators = indicators

    def slots(self, **extra: str) -> Slots:
        s = Slots(self.rng, self.bank, self.base)
        s.update(extra)
        return s

    def text(
        self,
        kind: str,
        at: datetime,
        main: int | None = None,
        opener: str | None = None,
        **extra: str,
    ) -> str:
        """A note of ``kind`` (a list in phrases.yml): opener, 1-2 main lines, extras."""
        rng, phrases = self.rng, self.bank.phrases
        slots = self.slots(**extra)
        slots["time"] = clock.show(at, "%H%M")  # as the officer wrote it: UK local time
        parts: list[str] = []
        if opener is None:
            opener = fill(rng.choice(phrases["openers"]), slots)
        if opener:
            parts.append(opener)
        pool = phrases[kind]
        count = main if main is not None else (1 if rng.random() < 0.55 else 2)
        for sentence in rng.sample(pool, min(count, len(pool))):
            parts.append(fill(sentence, slots))
        if self.indicators and rng.random() < _INDICATOR_KINDS.get(kind, 0.15):
            for sentence in rng.sample(phrases["indicators"], rng.choice((1, 1, 2))):
                parts.append(fill(sentence, slots))
        if rng.random() < 0.45:
            parts.append(fill(rng.choice(phrases["procedural"]), slots))
        return " ".join(parts)

    def blaming(self, themes: tuple[str, ...]) -> tuple[str, str, str]:
        """A victim-blaming sentence: (sentence, quoted phrase, theme)."""
        theme = self.rng.choice(themes)
        template = self.rng.choice(self.bank.phrases["victim_blaming"][theme])
        sentence, phrase = split_blaming(fill(template, self.slots()))
        return sentence, phrase, theme

    def challenge(self, phrase: str, theme: str, written: datetime) -> str:
        """A supervisor's correction of ``phrase``, phrased as a correction."""
        rng, phrases = self.rng, self.bank.phrases
        slots = self.slots(phrase=phrase, date=clock.show(written, "%d/%m/%Y"))
        slots["correction"] = fill(rng.choice(phrases["challenge_corrections"][theme]), slots)
        return fill(rng.choice(phrases["challenge_frames"]), slots)

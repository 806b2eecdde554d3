"""The demo data's phrase bank, place lists and settings, loaded from ``demo/data/*.yml``.

Notes are composed from several fragments with slots (``{sub}``, ``{station}``, ...) filled
per note, so that two notes of the same kind rarely read alike.
"""

from __future__ import annotations

import random
import re
import string
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

_BRACKET = re.compile(r"\[([^\]]+)\]")
_FORMATTER = string.Formatter()

PRONOUNS: dict[str, dict[str, str]] = {
    "female": {"sub": "she", "obj": "her", "pos": "her", "refl": "herself"},
    "male": {"sub": "he", "obj": "him", "pos": "his", "refl": "himself"},
}


def load_yaml(name: str) -> Any:
    """Load one of the generator's data files by file name."""
    text = resources.files("safeguard.demo").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@dataclass(frozen=True)
class Bank:
    settings: dict[str, Any]
    places: dict[str, Any]
    phrases: dict[str, Any]
    factor_levels: dict[str, str]  # risk factor -> lowest level it justifies


@cache
def load_bank() -> Bank:
    """Load and check the data files once per process."""
    settings = load_yaml("settings.yml")
    places = load_yaml("places.yml")
    phrases = load_yaml("phrases.yml")
    factors = load_yaml("risk_factors.yml")
    levels: dict[str, str] = {}
    for level, names in factors.items():
        for name in names:
            if name in levels:
                raise ValueError(f"risk_factors.yml: factor {name!r} is listed twice")
            levels[name] = level
    for theme, entries in phrases["victim_blaming"].items():
        for entry in entries:
            if len(_BRACKET.findall(entry)) != 1:
                raise ValueError(
                    f"phrases.yml victim_blaming.{theme}: {entry!r} must mark exactly one "
                    "phrase in [brackets]"
                )
        if theme not in phrases["challenge_corrections"]:
            raise ValueError(f"phrases.yml: no challenge_corrections for theme {theme!r}")
    return Bank(settings=settings, places=places, phrases=phrases, factor_levels=levels)


class Slots(dict[str, str]):
    """Slot values for one note: pronouns fixed per child, places drawn on first use."""

    def __init__(self, rng: random.Random, bank: Bank, base: dict[str, str]) -> None:
        super().__init__(base)
        self.rng = rng
        self.bank = bank

    def __missing__(self, key: str) -> str:
        value = self._draw(key)
        self[key] = value
        return value

    def _draw(self, key: str) -> str:
        rng, places, phrases = self.rng, self.bank.places, self.bank.phrases
        if key[:1].isupper():
            low = self[key[0].lower() + key[1:]]
            return low[:1].upper() + low[1:]
        base = key.rstrip("0123456789")
        if base in ("venue", "address"):
            return fill(rng.choice(places[base + "es" if base == "address" else "venues"]), self)
        if base in ("borough", "station", "estate", "street", "town"):
            return rng.choice(places[base + "s" if base != "borough" else "boroughs"])
        if base == "coastal":
            return rng.choice(places["coastal_towns"])
        if base == "time":
            return f"{rng.randrange(24):02d}{rng.choice((0, 5, 10, 15, 20, 30, 40, 45, 50)):02d}"
        if base == "child":
            return self.rng.choice(("YP", "YP", "YP", "the YP", "the child"))
        if base == "n":
            return str(rng.randint(2, 9))
        if base == "amount":
            return f"£{rng.choice((40, 60, 80, 100, 150, 200, 250, 300, 450, 500))}"
        if base == "adult_age":
            return rng.choice(("20", "20", "30", "30", "40"))
        if base == "nick":
            return rng.choice(phrases["nicknames"])
        if base == "item":
            return rng.choice(phrases["items"])
        raise KeyError(f"unknown slot {{{key}}} in the demo phrase bank")


def fill(template: str, slots: Slots) -> str:
    """Fill a template's slots (drawing any not yet chosen for this note)."""
    if "{" not in template:
        return template
    return template.format_map(slots)


def template_slots(template: str) -> list[str]:
    """The slot names a template uses (for validating the phrase bank)."""
    return [name for _, name, _, _ in _FORMATTER.parse(template) if name]


def split_blaming(sentence: str) -> tuple[str, str]:
    """Return (sentence without brackets, the bracketed phrase) for a victim-blaming entry."""
    match = _BRACKET.search(sentence)
    if match is None:  # checked when the bank is loaded
        raise ValueError(sentence)
    return _BRACKET.sub(r"\1", sentence), match.group(1)

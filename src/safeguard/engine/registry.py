"""Every check declared once: its code and its parameter model sit together, registered with
:func:`check`. ``standards.yml`` (titles, parameters, severities a safeguarding lead edits) is
validated against this registry, so a check can neither be missing from the file nor exist only
there.

A check runs once per record of one kind (``per``):

- ``episode``: ``f(case, episode_records, ctx, assessment) -> list[Finding]``
- ``investigation``: ``f(case, investigation_records, ctx) -> list[Finding]``
- ``note``: ``f(case, note, ctx) -> list[Finding]``
- ``case``: ``f(case, ctx) -> list[Finding]``

A check that is about something due states it with ``ctx.due(...)`` (an obligation with a
deadline), which is also a finding once the deadline has passed.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Per = Literal["episode", "investigation", "note", "case"]

#: The modules that hold check implementations (imported to fill the registry).
IMPLEMENTATIONS = (
    "safeguard.missing.checks",
    "safeguard.investigations.checks",
    "safeguard.audit.language",
)


class Params(BaseModel):
    """Base of every check's parameter model (unknown parameters are refused)."""

    model_config = ConfigDict(extra="forbid")


class NoParams(Params):
    pass


class HoursParams(Params):
    hours: float = Field(gt=0)


class DaysParams(Params):
    days: int = Field(gt=0)


@dataclass(frozen=True)
class CheckSpec:
    id: str
    params: type[Params]
    per: Per
    func: Callable[..., list[Any]]


_REGISTRY: dict[str, CheckSpec] = {}
_LOADED = False


class RegistryError(RuntimeError):
    """Two implementations claim one check id (a programming error)."""


def check(
    check_id: str, *, params: type[Params] = NoParams, per: Per
) -> Callable[[Callable[..., list[Any]]], Callable[..., list[Any]]]:
    """Register the decorated function as the one implementation of ``check_id``."""

    def register(func: Callable[..., list[Any]]) -> Callable[..., list[Any]]:
        old = _REGISTRY.get(check_id)
        if old is not None and (old.func.__module__, old.func.__qualname__) != (
            func.__module__,
            func.__qualname__,
        ):
            raise RegistryError(
                f"check {check_id} is implemented twice: {old.func.__module__}."
                f"{old.func.__qualname__} and {func.__module__}.{func.__qualname__}"
            )
        _REGISTRY[check_id] = CheckSpec(check_id, params, per, func)
        return func

    return register


def registry() -> dict[str, CheckSpec]:
    """Every registered check, by id (importing the implementation modules first)."""
    global _LOADED
    if not _LOADED:
        for name in IMPLEMENTATIONS:
            importlib.import_module(name)
        _LOADED = True
    return _REGISTRY


def checks_per(per: Per, order: list[str] | None = None) -> list[CheckSpec]:
    """The checks run once per ``per`` record, in ``order`` (check ids) where given."""
    specs = [s for s in registry().values() if s.per == per]
    if order is not None:
        rank = {cid: i for i, cid in enumerate(order)}
        specs.sort(key=lambda s: rank.get(s.id, len(rank)))
    return specs

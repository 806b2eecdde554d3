"""``.safeguard.toml``: settings found in the current folder or the nearest parent folder.

As ruff and Vale do, the first ``.safeguard.toml`` (or ``safeguard.toml``) found walking up
from the current folder applies. Example::

    db = "cases.db"            # every command's --db (a path is relative to this file)

    [lint]
    ignore = ["process"]
    min-score = 0.6

    [audit]
    team = "Croydon"
    exit-zero = true

    [serve]
    port = 8080

A key of a command's section is the name of one of its options (``--exit-zero`` is
``exit-zero`` or ``exit_zero``); what is given on the command line wins. The ``[lint]``
section is read by ``safeguard lint`` itself (see its ``--config``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

NAMES = (".safeguard.toml", "safeguard.toml")


class ConfigError(Exception):
    """A settings file that cannot be used; the message names the file and the setting."""


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def section(self, name: str) -> dict[str, Any]:
        value = self.data.get(name, {})
        if not isinstance(value, dict):
            raise ConfigError(f"{self.path}: [{name}] must be a section of settings")
        return value


def find(start: Path | None = None) -> Path | None:
    """The settings file that applies in ``start`` (default: the current folder), if any."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def read(path: Path) -> Config:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the settings file ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    return Config(path, data)


def load(start: Path | None = None) -> Config:
    """The settings that apply in ``start``: empty when there is no settings file."""
    path = find(start)
    return read(path) if path else Config()

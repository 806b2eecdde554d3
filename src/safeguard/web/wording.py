"""Coded values in words (``wording.yml``): "CCTV viewed", not "Cctv"; "Sexual and criminal
exploitation", not "Both exploitation"."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from safeguard.errors import KnowledgeFileError


class WordingError(KnowledgeFileError):
    pass


@cache
def _table() -> dict[str, dict[str, str]]:
    raw = yaml.safe_load(
        resources.files("safeguard.web").joinpath("wording.yml").read_text("utf-8")
    )
    if not isinstance(raw, dict):
        raise WordingError("wording.yml: expected lists of words keyed by field")
    out: dict[str, dict[str, str]] = {}
    for field, words in raw.items():
        if not isinstance(words, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in words.items()
        ):
            raise WordingError(f"wording.yml: '{field}' must map each code to some words")
        out[str(field)] = {k: v for k, v in words.items()}
    return out


def check_file() -> None:
    """Read ``wording.yml`` now, so that ``safeguard serve`` refuses to start on a broken one
    (naming the entry) rather than failing on the first page that needs it."""
    _table()


def say(field: str, value: object) -> str:
    """The words for ``value`` of ``field``; an unlisted value with its underscores as spaces."""
    text = str(getattr(value, "value", value))
    return _table().get(field, {}).get(text, text.replace("_", " "))

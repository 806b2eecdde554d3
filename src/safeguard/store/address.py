"""What ``--db`` accepts, and how an address is shown to people.

``--db`` (and ``SAFEGUARD_DB``, and ``db`` in ``.safeguard.toml``) takes:

* a plain file path (``cases.db``, ``C:\\safeguard\\cases.db``): a SQLite file;
* ``sqlite:////absolute/path.db`` (four slashes) or ``sqlite:///relative.db`` (three: a file
  in the current folder, which is easy to get wrong, so :func:`ambiguity` warns about it);
* ``postgresql://user@host/name``, ``postgres://...`` or ``postgresql+psycopg://...``.

This module uses only the standard library so that it can be imported without the store.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath, PureWindowsPath
from urllib.parse import parse_qsl, urlencode

SQLITE = "sqlite:///"
_PG_SCHEMES = {"postgres", "postgresql", "postgresql+psycopg"}
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_SECRET_PARAMS = {"password", "pass", "sslpassword", "passfile", "sslkey"}


def is_url(value: str) -> bool:
    return bool(_URL.match(value))


def _absolute(path: str) -> bool:
    return PurePosixPath(path).is_absolute() or PureWindowsPath(path).is_absolute()


def to_url(value: str, *, base: Path | None = None) -> str:
    """The SQLAlchemy URL for what a user gave as ``--db``.

    A plain path becomes an absolute ``sqlite:///`` URL (relative to ``base``, default the
    current folder); ``postgres://`` and ``postgresql://`` use the psycopg driver.
    """
    value = value.strip()
    if not is_url(value):
        if value == ":memory:":
            return "sqlite://"
        path = Path(value).expanduser()
        if not path.is_absolute():
            path = (base or Path.cwd()) / path
        return SQLITE + str(path.resolve())
    scheme, rest = value.split("://", 1)
    if scheme.lower() in _PG_SCHEMES:
        return "postgresql+psycopg://" + rest
    if scheme.lower() == "sqlite" and base is not None:
        relative = rest[1:] if rest.startswith("/") else ""
        if (
            relative
            and not relative.startswith(("/", ":memory:", "file:"))
            and not _absolute(relative)
        ):
            return SQLITE + str((base / relative).resolve())
    return value


def ambiguity(value: str) -> str | None:
    """A warning when ``value`` is a ``sqlite:///`` URL naming a file relative to this folder."""
    if not value.lower().startswith(SQLITE):
        return None
    path = value[len(SQLITE) :].split("?", 1)[0]
    if not path or path.startswith(("/", ":memory:", "file:")) or _absolute(path):
        return None
    where = (Path.cwd() / path).resolve()
    return (
        f"'{value}' (three slashes) means the file {path} in the current folder, that is "
        f"{where}. Give the file path alone (--db {path}) or a full path "
        f"(--db {where}) to be sure which file is used."
    )


def shown(url: str) -> str:
    """``url`` with any password (in the address or its query) left out, for messages."""
    if not is_url(url):
        return url
    scheme, rest = url.split("://", 1)
    rest, _, query = rest.partition("?")
    if "@" in rest:
        creds, host = rest.rsplit("@", 1)
        rest = f"{creds.split(':', 1)[0]}@{host}"
    if query:
        kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True)]
        query = urlencode([(k, "***" if k.lower() in _SECRET_PARAMS else v) for k, v in kept])
        rest = f"{rest}?{query}"
    return f"{scheme}://{rest}"


def file_of(url: str) -> Path | None:
    """The file a SQLite URL names (None for other databases or an in-memory one)."""
    if not url.lower().startswith(SQLITE):
        return None
    path = url[len(SQLITE) :].split("?", 1)[0]
    if not path or path.startswith((":memory:", "file:")):
        return None
    return Path(path)

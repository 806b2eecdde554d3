"""Reading the YAML data files that a schema checks (rule files, ``context.yml``), quickly.

Parsing YAML and building the pydantic schemas took more than a tenth of a second at every
start of ``safeguard lint``. So the first time a file's exact bytes are read, they are parsed
and checked against their schema (:mod:`safeguard.textrules.schema`, with pydantic), and the
checked data is kept as JSON in the user's cache folder, under a name made from the hash of the
file's bytes and of the schemas' source. Later starts read that JSON while both stay the same;
an edited file or schema is checked again. The cache holds what the data files say (rules and
cues), never case records; without a cache folder every start checks the files.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from safeguard.errors import KnowledgeFileError

SCHEMA = Path(__file__).with_name("schema.py")
CACHE_VERSION = "1"
#: at most this many checked files are kept; the oldest go first
CACHE_MAX = 200


class Readable(Protocol):
    def read_bytes(self) -> bytes: ...


class DataFileError(KnowledgeFileError):
    """A data file that cannot be read or does not fit its schema. ``raw`` is what the YAML
    gave (None when it could not be parsed) and ``errors`` pydantic's list of problems (each
    with ``loc``, ``msg`` and ``type``), so that the caller can name the entry and field."""

    def __init__(
        self,
        message: str,
        raw: Any = None,
        errors: list[dict[str, Any]] | None = None,
        problem: str | None = None,
    ) -> None:
        super().__init__(message)
        self.raw = raw
        self.errors = errors or []
        #: what is wrong, in words, without the file's name (None: see the message)
        self.problem = problem


#: Said after a YAML parse error: the two mistakes a hand edit most often makes
YAML_HINT = (
    "check the quotes and indentation there: text in single quotes writes a single quote "
    "inside it twice ('she''s'), and each item of a list is a line starting with '- ' at the "
    "same indent as the others"
)


def yaml_in_words(exc: Exception) -> str:
    """A YAML parse error in words for whoever edited the file: where, what, and what to check."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    context, cmark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    started = f" ({context}, from line {cmark.line + 1})" if context and cmark is not None else ""
    return f"not valid YAML{where}: {problem}{started}; {YAML_HINT}"


def in_words(err: dict[str, Any], one: str, fields: Iterable[str] = ()) -> str:
    """One of pydantic's problems (``err``: ``msg`` and ``type``) in words for whoever edits the
    file; ``one`` is what has the field ("a rule", "this file") and ``fields`` its fields."""
    known = ", ".join(fields)
    if err.get("type") == "extra_forbidden":
        return f"not a field of {one}" + (f" (its fields: {known})" if known else "")
    if err.get("type") == "missing":
        return f"missing: {one} needs it"
    return str(err["msg"]).removeprefix("Value error, ")


def load_checked(path: Readable, schema: str) -> dict[str, Any]:
    """``path``'s data, checked against the schema class named ``schema`` in
    :mod:`safeguard.textrules.schema`, as plain JSON values (defaults filled in)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read: {exc}") from exc
    cache = _cache_path(data, schema)
    if cache is not None:
        try:
            got = json.loads(cache.read_text("utf-8"))
            if isinstance(got, dict):
                return got
        except (OSError, ValueError):
            pass
    checked = check(path, data, schema)
    if cache is not None:
        _save(cache, checked)
    return checked


def check(path: object, data: bytes, schema: str) -> dict[str, Any]:
    """Parse ``data`` (the bytes of ``path``) and check it against ``schema``; no cache."""
    import yaml
    from pydantic import ValidationError

    from safeguard.textrules import schema as schemas

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser where installed
    try:
        raw = yaml.load(data.decode("utf-8"), Loader=loader)
    except yaml.YAMLError as exc:
        raise DataFileError(
            f"{path}: cannot read: {yaml_in_words(exc)}", problem=yaml_in_words(exc)
        ) from exc
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{path}: cannot read: {exc}") from exc
    try:
        model = getattr(schemas, schema).model_validate(raw)
    except ValidationError as exc:
        errors = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        spec = getattr(schemas, schema)
        lines = []
        for err in errors:
            name = ".".join(str(x) for x in err["loc"]) or "(whole file)"
            fields = spec.model_fields if len(err["loc"]) == 1 else ()
            lines.append(f"{path}: field '{name}': {in_words(err, 'this file', fields)}")
        raise DataFileError("\n".join(lines), raw, errors) from exc
    result: dict[str, Any] = model.model_dump(mode="json")
    return result


def _cache_path(data: bytes, schema: str) -> Path | None:
    try:
        import platformdirs

        folder = Path(platformdirs.user_cache_dir("safeguard")) / "checked"
        key = hashlib.sha256()
        for part in (CACHE_VERSION.encode(), schema.encode(), SCHEMA.read_bytes(), data):
            key.update(len(part).to_bytes(8, "big") + part)
        return folder / f"{schema}-{key.hexdigest()[:32]}.json"
    except Exception:  # noqa: BLE001 - no cache folder (or no platformdirs): work without one
        return None


def _save(path: Path, checked: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(checked, ensure_ascii=False), "utf-8")
        os.replace(tmp, path)
        kept = sorted(path.parent.glob("*.json"), key=lambda f: f.stat().st_mtime)
        for old in kept[:-CACHE_MAX]:
            old.unlink(missing_ok=True)
    except OSError:
        pass

"""Command-line entry point: a thin dispatcher over ``safeguard.commands``.

Each module in :mod:`safeguard.commands` defines one sub-command with two functions:

* ``add_parser(subparsers)`` – registers the sub-command and its options;
* ``run(args) -> int`` – does the work and returns the exit code;

and may set ``EXAMPLES`` (shown at the end of its ``--help``) and ``NEEDS`` (the extras it
needs installed, such as ``("store",)``: without them the user is told what to install
instead of seeing a traceback).

What every command shares is added here, once: ``-q``/``-v``, the wording of ``--db`` and how
its value is read (see :mod:`safeguard.store.address`), settings from ``.safeguard.toml``
(:mod:`safeguard.config`), and shell completion of file names.

Command modules must import only the standard library at module level (heavy imports go
inside ``run``) so that ``safeguard --help`` and ``safeguard lint`` start quickly.

Exit codes follow linter conventions: 0 success / nothing found, 1 findings, 2 usage or
input error. When the program reading the output stops early (``safeguard ... | head``),
a command that knows its outcome still returns it; otherwise the exit code is 2, never a
success that did not happen.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import logging
import os
import pkgutil
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, cast

from safeguard import __version__, commands
from safeguard.install import install_command

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

log = logging.getLogger("safeguard")

#: The modules each extra brings; a command naming an extra in ``NEEDS`` checks them first.
EXTRAS: dict[str, tuple[str, ...]] = {
    "store": ("sqlalchemy", "alembic", "platformdirs", "tqdm"),
    "web": ("fastapi", "uvicorn", "jinja2", "argon2", "itsdangerous", "multipart"),
    "postgres": ("psycopg",),
    "scale": ("pyarrow", "dask"),
}
WHAT = {
    "store": "the case store (import, export, audit)",
    "web": "the web app",
    "postgres": "the PostgreSQL driver",
    "scale": "the national-scale engine (Parquet and Dask)",
}

DB_HELP = (
    "where the case records are kept: a file path (cases.db) or a PostgreSQL address "
    "(postgresql://user@host/name; the password is best left to PGPASSWORD or ~/.pgpass). "
    "Default: $SAFEGUARD_DB, else db in .safeguard.toml, else safeguard.db in your user "
    "data folder"
)
#: Options naming files or folders, completed as such by the shell.
_FILE_METAVARS = {"FILE", "PATH", "CSV"}
_DIR_METAVARS = {"DIR", "OUT_DIR", "FOLDER"}
#: shtab's FILE and DIRECTORY, written out so that building the parser need not import shtab.
_COMPLETE_FILE = {"bash": "_shtab_compgen_files", "zsh": "_files", "tcsh": "f"}
_COMPLETE_DIR = {"bash": "_shtab_compgen_dirs", "zsh": "_files -/", "tcsh": "d"}


class UserError(Exception):
    """An error caused by the user's input or options; printed without a traceback."""


def silence_stdout() -> None:
    """After a broken pipe: send further output nowhere, so exiting does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


class Formatter(argparse.HelpFormatter):
    """Wraps paragraphs as usual, but keeps indented lines (examples) as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        out = []
        for para in text.split("\n\n"):
            if para.startswith(" ") or "\n " in para:
                out.append("\n".join(indent + line for line in para.splitlines()))
            else:
                out.append(super()._fill_text(para, width, indent))
        return "\n\n".join(out)


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def missing_extra(extra: str) -> str | None:
    """The install hint when ``extra`` is not installed, else None."""
    if all(_installed(m) for m in EXTRAS[extra]):
        return None
    return (
        f"this needs {WHAT[extra]}, which is not installed here. Install it with:\n"
        f"    {install_command(extra)}"
    )


def _leaves(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """``parser`` or, when it has sub-commands of its own, each of them."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield parser
        return
    for sub in subs:
        for child in dict.fromkeys(sub.choices.values()):
            yield from _leaves(child)


def _finish(parser: argparse.ArgumentParser, examples: str | None) -> None:
    """Add what every command shares to a command's parser."""
    parser.formatter_class = Formatter
    if examples and not parser.epilog:
        parser.epilog = "examples:\n" + examples.strip("\n")
    for leaf in _leaves(parser):
        leaf.formatter_class = Formatter
        opts = leaf._option_string_actions
        if "-q" not in opts and "--quiet" not in opts:
            leaf.add_argument(
                "-q", "--quiet", action="store_true", help="no progress bars or notes; only results"
            )
        if "-v" not in opts and "--verbose" not in opts:
            leaf.add_argument(
                "-v",
                "--verbose",
                action="store_true",
                help="say more: which database and settings are used, and why",
            )
        for action in leaf._actions:
            if action.dest == "db":
                action.help = DB_HELP
                action.metavar = "DB"
            metavar = action.metavar if isinstance(action.metavar, str) else None
            if metavar in _FILE_METAVARS or metavar == "DB":
                action.complete = _COMPLETE_FILE  # type: ignore[attr-defined]
            elif metavar in _DIR_METAVARS:
                action.complete = _COMPLETE_DIR  # type: ignore[attr-defined]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="safeguard",
        formatter_class=Formatter,
        description=(
            "safeguard reads a force's case records about missing and exploited children and "
            "shows, with evidence, where children are not being protected."
        ),
        epilog=(
            "Run 'safeguard COMMAND --help' for a command's options and examples. Settings can "
            "also be kept in .safeguard.toml (this folder or a parent folder; see README).\n\n"
            "exit status: 0 nothing found, 1 findings (lint, audit), 2 usage or input error"
        ),
    )
    parser.add_argument("--version", action="version", version=f"safeguard {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        sp = module.add_parser(sub)
        _finish(sp, getattr(module, "EXAMPLES", None))
        sp.set_defaults(_run=module.run, _needs=tuple(getattr(module, "NEEDS", ())))
    return parser


def _apply_config(parser: argparse.ArgumentParser, cfg: Any) -> None:
    """Make the settings in ``cfg`` (a :class:`safeguard.config.Config`) the options' defaults."""
    from safeguard.config import ConfigError
    from safeguard.store.address import to_url

    if cfg.path is None:
        return
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    commands_ = {name: p for name, p in sub.choices.items()}
    top = {k: v for k, v in cfg.data.items() if not isinstance(v, dict)}
    unknown = sorted(set(top) - {"db"})
    if unknown:
        raise ConfigError(
            f"{cfg.path}: unknown setting {', '.join(unknown)}; at the top only 'db' is allowed, "
            "other settings go in a section such as [audit] or [serve]"
        )
    unknown = sorted(k for k, v in cfg.data.items() if isinstance(v, dict) and k not in commands_)
    if unknown:
        raise ConfigError(
            f"{cfg.path}: unknown section [{', '.join(unknown)}]; sections are named after "
            f"commands: {', '.join(sorted(commands_))}"
        )
    env_db = os.environ.get("SAFEGUARD_DB")
    for name, cmd in commands_.items():
        section = dict(cfg.section(name)) if name != "lint" else {}
        for leaf in _leaves(cmd):
            settings = dict(section) if leaf is cmd else {}
            by_key = {a.dest: a for a in leaf._actions if a.option_strings and a.dest != "help"}
            if "db" in top and "db" not in settings and not env_db and "db" in by_key:
                settings["db"] = top["db"]
            if not settings:
                continue
            defaults = {}
            for key, value in settings.items():
                dest = key.replace("-", "_")
                action = by_key.get(dest)
                if action is None or dest in ("quiet", "verbose", "password_stdin"):
                    allowed = sorted(d.replace("_", "-") for d in by_key if d != "help")
                    raise ConfigError(
                        f"{cfg.path}: [{name}] has no setting '{key}'; it may set: "
                        + ", ".join(allowed)
                    )
                defaults[dest] = _config_value(cfg, name, key, action, value)
                if dest == "db":
                    defaults[dest] = to_url(str(value), base=cfg.folder)
            leaf.set_defaults(**defaults)


def _config_value(cfg: Any, section: str, key: str, action: argparse.Action, value: Any) -> Any:
    from safeguard.config import ConfigError

    where = f"{cfg.path}: [{section}] {key}"
    if isinstance(action, argparse._StoreTrueAction | argparse._StoreFalseAction):
        if not isinstance(value, bool):
            raise ConfigError(f"{where} must be true or false")
        return value
    if isinstance(action, argparse._AppendAction):
        if not isinstance(value, list):
            raise ConfigError(f"{where} must be a list")
        return value
    if isinstance(value, dict | list):
        raise ConfigError(f"{where} must be a single value")
    if action.type is not None and callable(action.type):
        # argparse types ``type`` as taking the command line's str; a TOML number is passed to
        # it as it is (int and float take it; any other type's error is reported below).
        convert = cast(Callable[[Any], Any], action.type)
        try:
            value = convert(str(value) if not isinstance(value, int | float) else value)
        except (argparse.ArgumentTypeError, TypeError, ValueError) as exc:
            raise ConfigError(f"{where}: {exc}") from None
    if action.choices is not None and value not in action.choices:
        raise ConfigError(
            f"{where} must be one of {', '.join(map(str, action.choices))}; got {value!r}"
        )
    if action.metavar in _FILE_METAVARS | _DIR_METAVARS and isinstance(value, str):
        path = Path(value).expanduser()
        value = str(path if path.is_absolute() else cfg.folder / path)
    return value


class _Messages(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        msg = record.getMessage()
        if record.levelno >= logging.WARNING:
            return f"safeguard: warning: {msg}"
        return msg


def _setup_logging(quiet: bool, verbose: bool) -> None:
    log.handlers.clear()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Messages())
    log.addHandler(handler)
    log.propagate = False
    log.setLevel(logging.DEBUG if verbose else logging.WARNING if quiet else logging.INFO)


def _resolve_db(args: argparse.Namespace, given: bool) -> None:
    """Turn ``args.db`` into a database URL, warning about an ambiguous relative address."""
    from safeguard.store.address import ambiguity, shown, to_url

    if args.db is not None:
        if given:
            warning = ambiguity(args.db)
            if warning:
                log.warning(warning)
            source = "--db"
        else:
            source = "db in .safeguard.toml"
        args.db = to_url(args.db)
    elif os.environ.get("SAFEGUARD_DB"):
        source = "$SAFEGUARD_DB"
    else:
        source = "the default place"
    args.db_from = source
    log.debug(f"Database: {shown(args.db) if args.db else 'the default store'} (from {source})")


def main(argv: Sequence[str] | None = None) -> int:
    from safeguard import config as settings

    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        cfg = settings.load()
        _apply_config(parser, cfg)
    except settings.ConfigError as exc:
        print(f"safeguard: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return EXIT_ERROR
    _setup_logging(getattr(args, "quiet", False), getattr(args, "verbose", False))
    if cfg.path is not None:
        log.debug(f"Settings: {cfg.path}")
    try:
        for extra in args._needs:
            hint = missing_extra(extra)
            if hint:
                raise UserError(f"safeguard {args.command}: {hint}")
        if hasattr(args, "db"):
            _resolve_db(args, given=any(a == "--db" or a.startswith("--db=") for a in argv))
        return int(args._run(args))
    except UserError as exc:
        print(f"safeguard: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except ModuleNotFoundError as exc:
        top = (exc.name or "").split(".")[0]
        extra = next((e for e, mods in EXTRAS.items() if top in mods), None)
        if extra is None or missing_extra(extra) is None:
            raise
        print(
            f"safeguard: error: safeguard {args.command}: {missing_extra(extra)}", file=sys.stderr
        )
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("safeguard: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into e.g. `head` that stopped reading: no traceback, but the command
        # did not finish, so this is not reported as a success.
        silence_stdout()
        return EXIT_ERROR
    except Exception as exc:
        # a rule file, context.yml, the standards, ... that someone edited: say which file,
        # entry and field is wrong, without a traceback
        from safeguard.errors import KnowledgeFileError

        if not isinstance(exc, KnowledgeFileError):
            raise
        print(f"safeguard: error: {exc}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

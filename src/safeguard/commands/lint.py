"""``safeguard lint``: find victim-blaming language in notes."""

from __future__ import annotations

import argparse
import os
import sys
import tomllib
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from safeguard.language.checker import Checker

T = TypeVar("T")

HELP = "find victim-blaming language in case notes, explain it and suggest better wording"

EXAMPLES = """
  safeguard lint notes.txt                            # one note per line
  safeguard lint --why notes/                         # a folder of .txt, .csv, .jsonl files
  safeguard lint --column note_text --id-column note_id export.csv
  some-tool | safeguard lint --format jsonl -         # standard input, one text per line
  safeguard lint --ignore process --min-score 0.6 notes.txt
  safeguard lint --jobs 0 --format jsonl --column text notes.csv   # a large export, every CPU
  safeguard lint --test-rules                         # after editing a rule file: its examples

exit status: 0 nothing found, 1 findings, 2 usage or input error
"""


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "lint",
        help=HELP,
        description=(
            HELP + ". Reads text files (one note per line), CSV or JSON Lines exports "
            "(name the text column with --column), folders, or '-' for standard input. "
            "Exit status: 0 nothing found, 1 findings, 2 usage or input error."
        ),
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="file, folder, or - for standard input")
    p.add_argument(
        "--format",
        choices=("text", "jsonl", "json", "sarif"),
        default="text",
        help="output format (default: text; jsonl: one object per input line or record)",
    )
    p.add_argument("--column", help="CSV/JSONL column holding the note text")
    p.add_argument("--id-column", help="CSV/JSONL column holding the record id")
    p.add_argument(
        "--encoding",
        metavar="NAME",
        help=(
            "the files' text encoding (default: utf-8); cp1252 for a CSV that Excel on Windows "
            "saved as 'CSV (Comma delimited)'"
        ),
    )
    p.add_argument("--why", action="store_true", help="show why each wording harms, and its source")
    p.add_argument(
        "--explain", action="store_true", help="show scores and the context that changed them"
    )
    p.add_argument("--min-score", type=float, help="report findings scoring at least this (0-1)")
    p.add_argument(
        "--select", action="append", default=[], metavar="RULE", help="only these rules or themes"
    )
    p.add_argument(
        "--ignore", action="append", default=[], metavar="RULE", help="skip these rules or themes"
    )
    p.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="settings file (default: .safeguard.toml here or in the nearest parent folder)",
    )
    p.add_argument(
        "--no-model", action="store_true", help="rules and context only (no trained model)"
    )
    p.add_argument(
        "--thorough",
        action="store_true",
        help=(
            "also judge each sentence with a sentence-understanding model (slower; finds "
            "wording no rule lists; needs the 'thorough' extra)"
        ),
    )
    p.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help=(
            "check in N worker processes (0: one per CPU), for large files; answers come in "
            "batches, in the same order (default: 1, each answer as soon as it is checked)"
        ),
    )
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    p.add_argument(
        "--test-rules",
        action="store_true",
        help=(
            "check every rule's own 'flag' and 'ok' examples instead of notes, and say which "
            "fail, why and what to do (with --select/--ignore: only those rules' examples; "
            "exit status 1: an example not as expected)"
        ),
    )
    return p


def _load_config(path: Path | None) -> dict:
    from safeguard.cli import UserError

    if path is None:
        from safeguard.config import find

        path = find()
        if path is None:
            return {}
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot read config file ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{path}: not valid TOML: {exc}") from exc
    section = {k.replace("-", "_"): v for k, v in data.get("lint", {}).items()}
    allowed = {"select", "ignore", "min_score", "thorough", "encoding"}
    unknown = set(section) - allowed
    if unknown:
        raise UserError(
            f"{path}: [lint] has unknown setting(s) {', '.join(sorted(unknown))}; "
            f"allowed: {', '.join(sorted(allowed))}"
        )
    if "encoding" in section and not isinstance(section["encoding"], str):
        raise UserError(f'{path}: [lint] encoding must be a name in quotes, such as "cp1252"')
    for key in ("select", "ignore"):
        if key in section and not (
            isinstance(section[key], list) and all(isinstance(x, str) for x in section[key])
        ):
            raise UserError(f"{path}: [lint] {key} must be a list of rule ids or themes")
    if "min_score" in section and not isinstance(section["min_score"], int | float):
        raise UserError(f"{path}: [lint] min_score must be a number between 0 and 1")
    if "thorough" in section and not isinstance(section["thorough"], bool):
        raise UserError(f"{path}: [lint] thorough must be true or false")
    return section


def run(args: argparse.Namespace) -> int:
    from safeguard.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, UserError
    from safeguard.encodings import UnknownEncoding, text_encoding
    from safeguard.language import output
    from safeguard.language.checker import DEFAULT_MIN_SCORE, Checker
    from safeguard.language.inputs import InputProblem, Item, Options, read_path, read_stdin
    from safeguard.language.thorough import ThoroughUnavailable

    cfg = _load_config(args.config)
    min_score = (
        args.min_score if args.min_score is not None else cfg.get("min_score", DEFAULT_MIN_SCORE)
    )
    if not 0.0 <= float(min_score) <= 1.0:
        raise UserError("--min-score must be between 0 and 1")
    thorough = args.thorough or bool(cfg.get("thorough", False))
    if thorough and args.no_model:
        raise UserError("--thorough and --no-model cannot be used together")
    if args.jobs < 0:
        raise UserError("--jobs must be 0 (one per CPU) or more")
    jobs = args.jobs or max(1, os.cpu_count() or 1)
    if thorough and jobs > 1:
        raise UserError(
            "--jobs is for the default mode; in thorough mode the sentence model already "
            "uses every CPU (leave out --jobs)"
        )
    settings: dict[str, Any] = {
        "min_score": float(min_score),
        "select": [*cfg.get("select", []), *args.select],
        "ignore": [*cfg.get("ignore", []), *args.ignore],
        "use_model": not args.no_model,
        "mode": "thorough" if thorough else "default",
        # the words an encoder-only finding rests on are shown only with --explain
        "weigh_words": bool(args.explain),
    }
    try:
        encoding = text_encoding(args.encoding or cfg.get("encoding"))
    except UnknownEncoding as exc:
        raise UserError(f"--encoding: {exc}") from exc
    if args.test_rules and args.paths:
        raise UserError("--test-rules checks the rules' own examples: give no PATH with it")
    if args.test_rules and args.format == "sarif":
        raise UserError("--test-rules writes text, json or jsonl, not sarif")
    if not args.test_rules and not args.paths:
        raise UserError("give at least one PATH: a file, a folder, or - for standard input")
    try:
        checker = Checker(**settings)
    except ThoroughUnavailable as exc:
        raise UserError(str(exc)) from exc
    known = set(checker.rules.by_id) | set(checker.rules.categories)
    for rid in [*checker.select, *checker.ignore]:
        if rid not in known:
            near = [r for r in checker.rules.by_id if r.split("/", 1)[-1] == rid]
            hint = f" (did you mean {' or '.join(near)}?)" if near else ""
            raise UserError(
                f"unknown rule or theme '{rid}'{hint}; a rule is named theme/rule, and the "
                f"themes are {', '.join(checker.rules.categories)}"
            )
    if args.test_rules:
        # the chosen rules' examples, checked with every rule on (any may flag an 'ok' one)
        every_rule = Checker(**{**settings, "select": [], "ignore": []})
        return _test_rules(checker, every_rule, args.format)
    if args.paths.count("-") > 1:
        raise UserError("'-' (standard input) can be given only once")

    out = sys.stdout
    colour = args.color == "always" or (
        args.color == "auto" and out.isatty() and not os.environ.get("NO_COLOR")
    )
    writer: output.Writer
    if args.format == "jsonl":
        writer = output.JsonLines(out, explain=args.explain)
    elif args.format == "json":
        writer = output.JsonDocument(out, explain=args.explain)
    elif args.format == "sarif":
        writer = output.Sarif(out, checker.rules.rules)
    else:
        writer = output.Human(out, why=args.why, explain=args.explain, colour=colour)

    opts = Options(column=args.column, id_column=args.id_column, encoding=encoding)
    problems = 0
    checked = 0
    flagged = 0

    def sources() -> Iterator[tuple[str, Iterable[Item | InputProblem]]]:
        for path in args.paths:
            yield path, read_stdin(opts) if path == "-" else read_path(Path(path), opts)

    def problem(got: InputProblem) -> None:
        nonlocal problems
        problems += 1
        print(f"safeguard: {got}", file=sys.stderr)

    def answer(item: Item, findings: list[Any]) -> None:
        nonlocal checked, flagged
        checked += 1
        flagged += bool(findings)
        writer.write(item, findings)

    if jobs > 1:
        from safeguard.language.parallel import BATCH, check_batches

        sent: deque[list[Item | InputProblem]] = deque()  # batches in flight, in order

        def batches() -> Iterator[list[str]]:
            for _path, source in sources():
                items = iter(source)
                while chunk := list(islice(items, BATCH)):
                    sent.append(chunk)
                    yield [entry.text for entry in chunk if isinstance(entry, Item)]

        for results in check_batches(checker, settings, batches(), jobs):
            found = iter(results)
            for entry in sent.popleft():
                if isinstance(entry, InputProblem):
                    problem(entry)
                else:
                    answer(entry, next(found))
    else:
        # thorough mode runs its encoder on batches of texts; standard input is checked line
        # by line so that each answer comes out as soon as its line is read
        batch = 64 if checker.mode == "thorough" else 1
        for path, source in sources():
            pending: list[Item] = []
            for got in _then_flush(source):
                if isinstance(got, InputProblem):
                    problem(got)
                    continue
                if got is not None:
                    pending.append(got)
                if pending and (got is None or len(pending) >= batch or path == "-"):
                    for item, findings in zip(
                        pending, checker.check_many([i.text for i in pending]), strict=True
                    ):
                        answer(item, findings)
                    pending = []
    if checked == 0:
        if args.format == "json":
            writer.close(problems)
        print("safeguard: error: nothing could be checked", file=sys.stderr)
        return EXIT_ERROR
    if not (args.quiet and args.format == "text"):  # -q: the findings without the summary
        writer.close(problems)
    return EXIT_FINDINGS if flagged else EXIT_OK


def _test_rules(chosen: Checker, checker: Checker, fmt: str) -> int:
    """``--test-rules``: the examples of the rules ``chosen`` leaves on, checked with
    ``checker``; exit 1 when any is not as expected."""
    import json

    from safeguard.cli import EXIT_FINDINGS, EXIT_OK
    from safeguard.language.examples import check_examples

    rules = [r for r in checker.rules.rules if chosen.enabled(r.id, r.category)]
    results = check_examples(checker, rules)
    failed = [r for r in results if not r.passed]
    if fmt in ("json", "jsonl"):
        rows = [r.as_dict() for r in results]
        if fmt == "json":
            print(
                json.dumps({"examples": rows, "failed": len(failed)}, ensure_ascii=False, indent=1)
            )
        else:
            for row in rows:
                print(json.dumps(row, ensure_ascii=False))
    else:
        for r in failed:
            shown = f' "{r.text}"' if r.text else ""
            print(f"{r.file}: {r.rule}: {r.expect} example{shown}: {r.problem}")
            print(f"    next: {r.next_step}")
        files = len({r.file for r in rules})
        print(
            f"{chr(10) if failed else ''}{len(results) - len(failed)} of {len(results)} "
            f"examples of {_count(len(rules), 'rule')} in {_count(files, 'rule file')} "
            f"as expected" + (f"; {len(failed)} not." if failed else ".")
        )
    return EXIT_FINDINGS if failed else EXIT_OK


def _count(n: int, thing: str) -> str:
    # (safeguard.timing has the same, but imports holidays, which `lint` alone does not install)
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


def _then_flush(items: Iterable[T]) -> Iterator[T | None]:
    """The items, then None (the signal to check what is still waiting)."""
    yield from items
    yield None

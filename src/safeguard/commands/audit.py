"""``safeguard audit``: check every case in the store against the standards.

Prints a summary (or ``--format json``), optionally writes an HTML report.
Exit codes: 0 no findings, 1 findings (0 with ``--exit-zero``), 2 usage or input error.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from safeguard.audit.runner import AuditReport, ReportFigures

NEEDS = ("store",)

EXAMPLES = """
  safeguard audit --db cases.db                       # summary on the screen
  safeguard audit --db cases.db --html report.html    # and a report to open or print
  safeguard audit --team Croydon --since 2025-04-01   # one team, recent cases
  safeguard audit --as-of 2025-03-31T23:59 --format json > audit.json
  safeguard audit --exit-zero --quiet --html report.html    # for a scheduled job

Dates are written year-month-day: 2025-04-01; a time is added after a T: 2025-04-01T09:00.

exit status: 0 no findings, 1 findings (0 with --exit-zero), 2 usage or input error
"""


def _unreadable(exc: Exception, where: str) -> None:
    """A database error while reading cases, said in plain words (other errors pass on)."""
    from safeguard.cli import UserError

    if exc.__class__.__module__.startswith("sqlalchemy"):
        raise UserError(
            f"cannot read cases from {where}; has the data been imported? "
            f"({exc.__class__.__name__})"
        ) from None


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date like 2025-04-01, got {value!r}"
        ) from None


def _datetime(value: str) -> datetime:
    """A time given on the command line: UK local time unless it carries an offset."""
    from safeguard.records.clock import read_instant

    try:
        return read_instant(datetime.fromisoformat(value))[0]
    except (ValueError, OverflowError):
        raise argparse.ArgumentTypeError(
            f"expected a date like 2025-04-01 or 2025-04-01T09:00, got {value!r}"
        ) from None


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "audit",
        help="check every case against the standards and report like an inspector",
        description=(
            "Check every child's case in the store against the standards (missing episodes, "
            "investigations, language in notes), grade each case good / requires improvement / "
            "inadequate, and report the findings with their evidence."
        ),
    )
    p.add_argument("--db", metavar="URL", help="database URL (default: the local store)")
    p.add_argument(
        "--since",
        type=_date,
        metavar="DATE",
        help="only cases with activity on or after DATE, written YYYY-MM-DD (2025-04-01)",
    )
    p.add_argument(
        "--team",
        metavar="TEAM",
        help="only cases owned by TEAM (capitals do not matter; a wrong name lists the teams)",
    )
    p.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default text)"
    )
    p.add_argument(
        "--html",
        metavar="FILE",
        help=(
            "also write an HTML report to FILE (one page with the summary; when there are many "
            "cases, their details go in a folder of pages per team beside it)"
        ),
    )
    p.add_argument(
        "--as-of",
        type=_datetime,
        metavar="WHEN",
        help=(
            "judge the records as they stood at WHEN, written YYYY-MM-DD or "
            "YYYY-MM-DDTHH:MM, UK local time unless it carries an offset such as +00:00: "
            "records made later are left out, and an episode found or an investigation closed "
            "later is still open then (default: the time of the latest record in the store, "
            "i.e. when the data was extracted; never later than now)"
        ),
    )
    p.add_argument(
        "--standards", metavar="FILE", help="use this standards file instead of the built-in one"
    )
    p.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="worker processes for the checks (default: one per CPU)",
    )
    p.add_argument(
        "--fresh",
        action="store_true",
        help=(
            "audit every case now instead of reading the stored results that are still current "
            "(by default only cases whose records, rules or deadlines changed are audited)"
        ),
    )
    p.add_argument(
        "--thorough",
        action="store_true",
        help=(
            "check the language in notes in thorough mode (a sentence-understanding model; "
            "slower; needs the 'thorough' extra); also set by "
            "'thorough = true' under [audit] in .safeguard.toml"
        ),
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    big = p.add_argument_group(
        "national scale (a columnar dataset on a Dask cluster; needs safeguard[scale]; "
        "see docs/scale.md)"
    )
    big.add_argument(
        "--from",
        dest="source",
        metavar="PARQUET_DIR",
        help="audit the records in a folder written by 'safeguard export --format parquet' "
        "(one or many forces) instead of the store",
    )
    big.add_argument(
        "--engine",
        choices=("dask",),
        default="dask",
        help="distributed engine for --from (default: dask)",
    )
    big.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: start "
        "a local cluster of --workers processes)",
    )
    big.add_argument(
        "--workers",
        type=int,
        default=2,
        metavar="N",
        help="worker processes of the local cluster (default 2)",
    )
    big.add_argument(
        "--results",
        metavar="DIR",
        help="also write each partition's results to Parquet files under DIR",
    )
    big.add_argument(
        "--results-db",
        metavar="URL",
        help="also load every child's result into the table national_results of this "
        "database (PostgreSQL for a hub, or a SQLite file); each worker loads its own "
        "partitions, and a re-run replaces them",
    )
    p.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit with 0 even when there are findings (for scheduled jobs); errors still give 2",
    )
    return p


def run(args: argparse.Namespace) -> int:

    from safeguard.audit.progress import Progress
    from safeguard.audit.report_text import WORST
    from safeguard.audit.runner import Auditor, AuditReport, ReportFigures, default_jobs
    from safeguard.audit.source import count_children, match_team, team_names
    from safeguard.cli import UserError
    from safeguard.engine.results import all_child_ids, current_results, default_as_of
    from safeguard.records.clock import utc_now
    from safeguard.standards import StandardsError, load_standards
    from safeguard.store.address import shown
    from safeguard.store.engine import StoreUnavailable, default_db_url, open_store

    if args.jobs is not None and args.jobs < 1:
        raise UserError("--jobs must be 1 or more")
    if args.as_of is not None and args.as_of > utc_now():
        raise UserError(
            "--as-of is later than now: an audit can only judge the records as they stood "
            "at a past time. Leave --as-of out to judge them as they stand today"
        )
    if args.html and not Path(args.html).absolute().parent.is_dir():
        # before the audit, not after it; and a mistyped path must not make folders
        raise UserError(
            f"cannot write the HTML report to {args.html!r}: the folder "
            f"{Path(args.html).absolute().parent} does not exist"
        )
    if getattr(args, "source", None):
        return _run_distributed(args)
    try:
        standards = load_standards(args.standards) if args.standards else None
    except (StandardsError, OSError) as exc:
        raise UserError(str(exc)) from None
    url = args.db or default_db_url()
    try:
        engine = open_store(url, create=False)
    except StoreUnavailable as exc:
        raise UserError(str(exc)) from None
    if count_children(engine) == 0:
        engine.dispose()
        raise UserError(f"there are no cases in {shown(url)}; has the data been imported?")
    if args.team is not None:
        known = team_names(engine)
        team = match_team(args.team, known)
        if team is None:
            engine.dispose()
            raise UserError(
                f"no team called '{args.team}' owns any child in {shown(url)}; "
                + (f"the teams are: {', '.join(known)}" if known else "no teams are recorded")
            )
        args.team = team
    try:
        ids = all_child_ids(engine, team=args.team, since=args.since)
        as_of = args.as_of or default_as_of(engine)
    except Exception as exc:
        engine.dispose()
        _unreadable(exc, shown(url))
        raise
    thorough = bool(args.thorough)  # also 'thorough = true' under [audit] (safeguard.config)
    if thorough:
        from safeguard.language.thorough import ThoroughUnavailable

        try:
            _check_thorough_available()
        except ThoroughUnavailable as exc:
            engine.dispose()
            raise UserError(str(exc)) from None
    auditor = Auditor(
        as_of=as_of, standards=standards, language_mode="thorough" if thorough else "default"
    )
    progress = Progress(len(ids), enabled=not args.quiet and sys.stderr.isatty())
    filters = {
        "since": args.since.isoformat() if args.since else None,
        "team": args.team,
    }
    report = AuditReport(
        as_of=auditor.as_of,
        generated_at=utc_now(),
        standards=auditor.standards,
        filters=filters,
    )
    # Without an HTML report (which lays out every case) the cases are not held: the
    # figures are counted as they are read and, for JSON, each case is written to a
    # temporary file at once, then copied out after the figures (which come first).
    figures = None if args.html else ReportFigures(auditor.standards, worst=WORST)
    with contextlib.ExitStack() as stack:
        spool = (
            stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8", newline=""))
            if figures is not None and args.format == "json"
            else None
        )
        try:
            # Results for the data's own time under the built-in rules are stored for the web
            # app and the next audit; a run at another time or under other rules is not.
            results = current_results(
                engine,
                auditor,
                ids,
                # stored results are the default mode's: a thorough audit neither reads nor
                # replaces them
                fresh=args.fresh or thorough,
                store=args.as_of is None and standards is None and not thorough,
                jobs=args.jobs if args.jobs else default_jobs(),
                progress=progress.update,
            )
            if figures is None:
                report.cases = list(results)
            else:
                for r in results:
                    figures.add(r)
                    if spool is not None:
                        spool.write(report.case_json(r) + "\n")
        except Exception as exc:
            _unreadable(exc, shown(url))
            raise
        finally:
            progress.done()
            engine.dispose()
        if spool is None:
            return _emit(report, args, figures)
        spool.seek(0)
        return _emit(report, args, figures, (line[:-1] for line in spool))


def _emit(
    report: AuditReport,
    args: argparse.Namespace,
    figures: ReportFigures | None = None,
    cases: Iterator[str] | None = None,
) -> int:
    """Write the report as asked (HTML file, JSON or text on stdout); the exit status.
    ``figures`` and ``cases`` (each case's JSON) for a report that does not hold its cases."""

    from safeguard.audit.report_text import WORST, render_text
    from safeguard.cli import UserError

    if args.html:
        from safeguard.audit.report_html import write_html

        try:
            written = write_html(report, Path(args.html))
        except OSError as exc:
            raise UserError(f"cannot write the HTML report to {args.html!r}: {exc}") from None
    if figures is None:
        figures = report.figures(worst=WORST)
    if args.format == "json":
        report.write_json(sys.stdout, figures=figures, cases=cases)
    else:
        sys.stdout.write(render_text(report, figures))
        if args.html:
            pages = (
                f" (its {len(written) - 1:,} pages of cases are in {written[1].parent})"
                if len(written) > 1
                else ""
            )
            sys.stdout.write(f"\nHTML report written to {args.html}{pages}\n")
    if args.exit_zero:
        return 0
    return 1 if figures.with_findings else 0


def _run_distributed(args: argparse.Namespace) -> int:
    """``audit --from PARQUET_DIR``: the same audit, on a Dask cluster."""

    from safeguard.audit.distributed import (
        DatasetError,
        EngineMissing,
        audit_dataset,
        latest_record_time,
    )
    from safeguard.audit.runner import Auditor
    from safeguard.cli import UserError
    from safeguard.records.clock import utc_now
    from safeguard.records.parquet import ParquetMissing, is_parquet_dataset
    from safeguard.standards import StandardsError, load_standards

    if (args.db and getattr(args, "db_from", "--db") == "--db") or args.since or args.team:
        raise UserError("--from reads a dataset, not the store: leave out --db, --since and --team")
    if args.workers < 1:
        raise UserError("--workers must be 1 or more")
    if getattr(args, "results_db", None):
        from safeguard.store.address import to_url
        from safeguard.store.engine import StoreUnavailable, open_store

        try:
            open_store(args.results_db, create=True).dispose()  # migrated once, here
        except StoreUnavailable as exc:
            raise UserError(f"--results-db: {exc}") from None
        args.results_db = to_url(args.results_db)
    if not is_parquet_dataset(args.source):
        raise UserError(
            f"{args.source} is not a folder written by 'safeguard export --format parquet'"
        )
    try:
        standards = load_standards(args.standards) if args.standards else None
    except (StandardsError, OSError) as exc:
        raise UserError(str(exc)) from None
    try:
        now = utc_now()
        latest = latest_record_time(args.source)
        as_of = args.as_of or (min(latest, now) if latest else now)
        auditor = Auditor(as_of=as_of, standards=standards)
        report = audit_dataset(
            args.source,
            auditor=auditor,
            scheduler=args.scheduler,
            workers=args.workers,
            results_dir=args.results,
            filters={"since": None, "team": None},
            results_db=getattr(args, "results_db", None),
        )
    except (EngineMissing, ParquetMissing) as exc:
        raise UserError(str(exc)) from None
    except DatasetError as exc:
        for problem in exc.problems:
            print(problem)
        raise UserError(
            "the dataset has problems (listed above); fix them and export it again"
        ) from None
    except OSError as exc:
        raise UserError(f"cannot reach the Dask scheduler or the dataset: {exc}") from None
    if getattr(args, "results_db", None) and not args.quiet:
        from safeguard.store.address import shown

        print(
            f"Loaded {len(report.cases):,} results into the table national_results of "
            f"{shown(args.results_db)}.",
            file=sys.stderr,
        )
    return _emit(report, args)


def _check_thorough_available() -> None:
    """Raise ThoroughUnavailable now (with what to install) rather than in a worker."""
    import importlib.util

    from safeguard.language.thorough import EXTRA_MESSAGE, ThoroughUnavailable, model_folder

    for mod in ("onnxruntime", "tokenizers", "numpy"):
        if importlib.util.find_spec(mod) is None:
            raise ThoroughUnavailable(EXTRA_MESSAGE)
    if not (model_folder() / "encoder.onnx").is_file():
        raise ThoroughUnavailable("the thorough model files are missing; reinstall safeguard")

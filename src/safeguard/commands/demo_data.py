"""``safeguard demo-data``: write a realistic, deterministic demo data set with its truth file."""

from __future__ import annotations

import argparse
from pathlib import Path

MAX_CHILDREN = 1_000_000

EXAMPLES = """
  safeguard demo-data --out demo                      # 300 invented children, CSV files
  safeguard demo-data --children 5000 --seed 7 --out big --format jsonl
  safeguard import demo --db demo.db                  # then load them into a store
  safeguard demo-data --children 20000 --forces 4 --format parquet --out national
  safeguard audit --from national                     # the national audit (docs/scale.md)
"""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "demo-data",
        help="write a realistic demo data set (invented children) in the exchange format",
        description=(
            "Write invented case records for N children in the exchange format, with "
            "truth.jsonl listing every defect seeded in them. The same number of children "
            "and seed always give the same files."
        ),
    )
    p.add_argument(
        "--children", type=int, default=300, metavar="N", help="number of children (default 300)"
    )
    p.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    p.add_argument(
        "--out",
        required=True,
        metavar="DIR",
        help="folder to write the files into (created if needed; must be empty unless --overwrite)",
    )
    p.add_argument(
        "--format",
        choices=("csv", "jsonl", "parquet"),
        default="csv",
        help="file format (default csv); parquet writes the columnar dataset that "
        "'audit --from' reads, partitioned by force (needs safeguard[scale])",
    )
    p.add_argument(
        "--forces",
        type=int,
        default=1,
        metavar="N",
        help="parquet only: share the children among N invented forces, demo-01 to demo-NN "
        "(default 1), for trying the national audit",
    )
    p.add_argument(
        "--buckets",
        type=int,
        default=None,
        metavar="N",
        help="parquet only: child partitions per force (default 64)",
    )
    p.add_argument(
        "--overwrite", action="store_true", help="write into a folder that already holds files"
    )
    return p


def run(args: argparse.Namespace) -> int:
    from safeguard.cli import UserError

    if not 1 <= args.children <= MAX_CHILDREN:
        raise UserError(f"--children must be between 1 and {MAX_CHILDREN:,}; got {args.children}")
    if args.seed < 0:
        raise UserError(f"--seed must be 0 or more; got {args.seed}")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UserError(f"--out {out} is a file; give a folder to write the demo data into")
    if out.is_dir() and not args.overwrite and any(out.iterdir()):
        raise UserError(
            f"{out} is not empty; give an empty or new folder, or add --overwrite to write the "
            "demo files over what is there"
        )
    if args.format != "parquet" and (args.forces != 1 or args.buckets is not None):
        raise UserError("--forces and --buckets go with --format parquet")
    if not 1 <= args.forces <= min(99, args.children):
        raise UserError(
            f"--forces must be between 1 and {min(99, args.children)} "
            f"(at most one force per child); got {args.forces}"
        )
    if args.buckets is not None and not 1 <= args.buckets <= 4096:
        raise UserError(f"--buckets must be between 1 and 4,096; got {args.buckets}")
    other = "jsonl" if args.format == "csv" else "csv"
    if (
        args.format != "parquet"
        and out.is_dir()
        and any(out.glob(f"*.{other}"))
        and any(p.stem != "truth" for p in out.glob(f"*.{other}"))
    ):
        raise UserError(
            f"{out} already holds .{other} files; write {args.format} demo data into an empty "
            "folder so that each record type is there only once"
        )

    from safeguard.demo import write_demo

    try:
        if args.format == "parquet":
            summary = _parquet(out, args)
        else:
            summary = write_demo(out, children=args.children, seed=args.seed, fmt=args.format)
    except OSError as exc:
        raise UserError(f"could not write to {out}: {exc.strerror or exc}") from exc
    total = sum(summary.records.values())
    defects = sum(n for check, n in summary.truth.items() if check != "GOOD-PRACTICE")
    print(
        f"Wrote {args.children:,} children ({total:,} records, {summary.records['notes']:,} notes) "
        f"to {out}"
        + (f" as {args.forces} invented forces" if args.forces > 1 else "")
        + f", covering the two years to {summary.end_date:%d %B %Y}."
    )
    print(
        ("truth/ lists " if args.format == "parquet" else "truth.jsonl lists ")
        + f"{defects:,} seeded defects and "
        f"{summary.truth['GOOD-PRACTICE']:,} good-practice cases."
    )
    return 0


def _parquet(out: Path, args: argparse.Namespace):
    from safeguard.cli import UserError
    from safeguard.demo import write_demo_parquet
    from safeguard.records.parquet import ParquetMissing, _pa

    try:
        _pa()  # say so before writing anything
        return write_demo_parquet(
            out, children=args.children, seed=args.seed, forces=args.forces, buckets=args.buckets
        )
    except ParquetMissing as exc:
        raise UserError(str(exc)) from None

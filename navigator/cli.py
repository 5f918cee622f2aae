"""The command line: a thin layer over the core; every UserError exits with code 2."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from navigator import __version__
from navigator.errors import UserError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="navigator", description="Find public schools that fit your child, offline.")
    parser.add_argument("--version", action="version", version=f"navigator {__version__}")
    parser.add_argument("--pack", type=Path, help="catalogue pack to open (default: the demo pack)")
    commands = parser.add_subparsers(dest="command")

    catalogue = commands.add_parser("catalogue", help="build, check and describe packs")
    catalogue_commands = catalogue.add_subparsers(dest="catalogue_command", required=True)
    build = catalogue_commands.add_parser("build", help="build a pack from a region TOML")
    build.add_argument("region", type=Path, help="the region's TOML file")
    build.add_argument("--out", type=Path, required=True, help="where to write the pack")
    build.add_argument("--strict", action="store_true",
                       help="fail on any row-level problem instead of skipping the row")
    validate = catalogue_commands.add_parser("validate", help="check a pack")
    validate.add_argument("pack", type=Path)
    info = catalogue_commands.add_parser("info", help="describe a pack")
    info.add_argument("pack", type=Path)
    info.add_argument("--json", action="store_true", help="print JSON")
    search = commands.add_parser("search", help="find schools that fit")
    search.add_argument("--pack", type=Path, default=argparse.SUPPRESS,
                        help="catalogue pack (default: the demo pack)")
    from navigator.search.cli import add_arguments

    add_arguments(search)

    bench = commands.add_parser("bench", help="benchmarks that print figures")
    bench_commands = bench.add_subparsers(dest="bench_command", required=True)
    bench_search = bench_commands.add_parser("search", help="query latency against geopandas")
    bench_search.add_argument("--schools", type=int, default=100_000)
    bench_search.add_argument("--queries", type=int, default=1000)
    bench_search.add_argument("--json", action="store_true")
    bench_build = bench_commands.add_parser("build", help="build time and memory, LA rail + schools")
    bench_build.add_argument("--schools", type=int, default=2500)
    bench_build.add_argument("--gtfs", type=Path, help="GTFS zip (default: ../shared LA Metro rail)")
    bench_build.add_argument("--json", action="store_true")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except UserError as err:
        print(f"navigator: {err}", file=sys.stderr)
        return err.exit_code


def _run(args: argparse.Namespace) -> int:
    if args.command == "catalogue":
        return _catalogue(args)
    if args.command == "bench":
        return _bench(args)
    if args.command == "search":
        from navigator.resources import demo_pack
        from navigator.search.cli import run

        return run(args, args.pack or demo_pack())
    return _summary(args.pack)


def _summary(pack_path: Path | None) -> int:
    """Until the desktop app lands, `navigator` describes the pack it would open."""
    from navigator.catalogue.info import format_info, pack_info
    from navigator.catalogue.pack import open_pack
    from navigator.resources import demo_pack

    with open_pack(pack_path or demo_pack()) as pack:
        print(format_info(pack_info(pack)))
    return 0


def _catalogue(args: argparse.Namespace) -> int:
    from navigator.catalogue.pack import open_pack

    if args.catalogue_command == "build":
        from navigator.catalogue.build.builder import build_pack

        report = build_pack(args.region, args.out, strict=args.strict)
        print(report.summary())
        print(f"Wrote {args.out}")
        return 0
    if args.catalogue_command == "validate":
        from navigator.catalogue.validate import validate

        with open_pack(args.pack) as pack:
            problems = validate(pack)
        if problems:
            print(f"{args.pack}: {len(problems)} problem(s):", file=sys.stderr)
            for problem in problems:
                print(f"  {problem}", file=sys.stderr)
            return 1
        print(f"{args.pack}: valid (schema version {pack.schema_version}).")
        return 0
    from navigator.catalogue.info import format_info, pack_info

    with open_pack(args.pack) as pack:
        info = pack_info(pack)
    print(json.dumps(info, indent=2, ensure_ascii=False) if args.json else format_info(info))
    return 0


def _bench(args: argparse.Namespace) -> int:
    if args.bench_command == "search":
        from navigator.bench.search_bench import run_benchmark

        figures = run_benchmark(args.schools, args.queries)
    else:
        from navigator.bench.build_bench import run_benchmark
        from navigator.resources import app_root

        gtfs = args.gtfs or app_root().parent / "shared" / "data" / "la-metro" / "gtfs_rail.zip"
        if not gtfs.is_file():
            raise UserError(f"The GTFS feed {gtfs} does not exist; pass --gtfs PATH to a GTFS zip.")
        figures = run_benchmark(gtfs, args.schools)
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:>24}: {value}")
    return 0

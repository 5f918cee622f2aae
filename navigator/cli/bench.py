"""``navigator bench search|build|map|transit|household|gui|reach``: benchmarks that print figures, each
with a baseline measured in the same run (README, Benchmarks)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from navigator.errors import UserError


def add_parser(commands) -> None:
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
    bench_map = bench_commands.add_parser(
        "map", help="street map: tile build time and size (demo, LA-size), frame time, memory")
    bench_map.add_argument("--skip-build", action="store_true", help="only the drawing figures")
    bench_map.add_argument("--skip-draw", action="store_true", help="only the build figures")
    bench_map.add_argument("--json", action="store_true")
    bench_transit = bench_commands.add_parser(
        "transit", help="trips from a home to every school: LA rail and a bus-scale feed, against networkx")
    bench_transit.add_argument("--queries", type=int, default=200)
    bench_transit.add_argument("--schools", type=int, default=2500)
    bench_transit.add_argument("--baseline-queries", type=int, default=None, metavar="N",
                               help="run the networkx baseline on the first N queries of each feed "
                                    "(default: 40 on rail, 3 at bus scale)")
    bench_transit.add_argument("--gtfs", type=Path, help="GTFS zip (default: ../shared LA Metro rail)")
    bench_transit.add_argument("--pack", type=Path, metavar="PATH",
                               help="measure this pack's timetable and schools instead (e.g. a county "
                                    "pack; the baseline on 10 homes unless --baseline-queries)")
    bench_transit.add_argument("--no-app", dest="app_memory", action="store_false",
                               help="skip the app's memory with trips shown (bus-scale and demo packs)")
    bench_transit.add_argument("--json", action="store_true")
    bench_household = bench_commands.add_parser(
        "household", help="schools that fit every child, and the checks across children")
    bench_household.add_argument("--schools", type=int, default=2500)
    bench_household.add_argument("--households", type=int, default=200)
    bench_household.add_argument("--json", action="store_true")
    bench_reach = bench_commands.add_parser(
        "reach", help="where families can reach: every cell of a bus-scale region, against a search per cell")
    bench_reach.add_argument("--pack", type=Path, metavar="PATH",
                             help="measure this pack instead (e.g. the Los Angeles County pack)")
    bench_reach.add_argument("--json", action="store_true")
    bench_gui = bench_commands.add_parser("gui", help="app start-up and filter-change latency")
    bench_gui.add_argument("--schools", type=int, default=2500)
    bench_gui.add_argument("--json", action="store_true")


def _rail_feed(gtfs: Path | None) -> Path:
    """The GTFS zip a benchmark reads: the one given, else LA Metro rail from ../shared."""
    from navigator.resources import app_root

    gtfs = gtfs or app_root().parent / "shared" / "data" / "la-metro" / "gtfs_rail.zip"
    if not gtfs.is_file():
        raise UserError(f"The GTFS feed {gtfs} does not exist; pass --gtfs PATH to a GTFS zip.")
    return gtfs


def run(args: argparse.Namespace) -> int:
    if args.bench_command == "search":
        from navigator.bench.search_bench import run_benchmark

        figures = run_benchmark(args.schools, args.queries)
    elif args.bench_command == "map":
        from navigator.bench.map_bench import run_benchmark

        figures = run_benchmark(build=not args.skip_build, draw=not args.skip_draw)
    elif args.bench_command == "household":
        from navigator.bench.household_bench import run_benchmark

        figures = run_benchmark(args.schools, args.households)
    elif args.bench_command == "gui":
        from navigator.bench.gui_bench import run_benchmark

        figures = run_benchmark(args.schools)
    elif args.bench_command == "reach":
        from navigator.bench.reach_bench import format_figures, run_benchmark

        figures = run_benchmark(args.pack)
        print(json.dumps(figures) if args.json else format_figures(figures))
        return 0
    elif args.bench_command == "transit":
        from navigator.bench.transit_bench import format_figures, run_benchmark, run_on_pack

        if args.pack is not None:
            figures = run_on_pack(args.pack, args.queries, args.baseline_queries)
        else:
            figures = run_benchmark(_rail_feed(args.gtfs), args.queries, args.schools,
                                    args.baseline_queries, args.app_memory)
        print(json.dumps(figures) if args.json else format_figures(figures))
        return 0
    else:
        from navigator.bench.build_bench import run_benchmark

        figures = run_benchmark(_rail_feed(args.gtfs), args.schools)
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:>24}: {value}")
    return 0

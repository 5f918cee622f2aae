"""``navigator bench search|build|map|transit|household|gui|speech|cli|reach``: benchmarks that
print figures, each with a baseline measured in the same run (README, Benchmarks)."""

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
    bench_search.add_argument("--pack", type=Path, metavar="PATH",
                            help="measure this pack instead of a synthetic one (the same requests, "
                                 "moved onto its region)")
    bench_search.add_argument("--json", action="store_true")
    bench_build = bench_commands.add_parser("build", help="build time and memory, LA rail + schools")
    bench_build.add_argument("--schools", type=int, default=2500)
    bench_build.add_argument("--gtfs", type=Path, help="GTFS zip (default: ../shared LA Metro rail)")
    bench_build.add_argument("--streets", type=Path, help="time the street map of this street file "
                             "instead (e.g. ../shared/data/la-streets-west/west_la_streets.geojson)")
    bench_build.add_argument("--json", action="store_true")
    bench_map = bench_commands.add_parser(
        "map", help="street map: tile build time and size (demo, LA-size), frame time, memory")
    bench_map.add_argument("--skip-build", action="store_true", help="only the drawing figures")
    bench_map.add_argument("--skip-draw", action="store_true", help="only the build figures")
    bench_map.add_argument("--pack", type=Path, metavar="PATH",
                           help="instead: the map on this pack as a family meets it (ready after a "
                                "search, frames while panning and zooming, memory), and on the demo "
                                "pack in the same run")
    bench_map.add_argument("--home", metavar="LAT,LON",
                           help="with --pack: where the family lives (default: the middle of its schools)")
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
    bench_household.add_argument("--pack", type=Path, metavar="PATH",
                            help="measure this pack instead of a synthetic one (the same requests, "
                                 "moved onto its region)")
    bench_household.add_argument("--json", action="store_true")
    bench_cli = bench_commands.add_parser(
        "cli", help="navigator search --json start to finish, against python -c 'import sqlite3'")
    bench_cli.add_argument("--pack", type=Path, metavar="PATH",
                           help="the pack to search (default: the demo pack)")
    bench_cli.add_argument("--zip", default=None, help="the home's ZIP code (default: 00104 on "
                           "the demo pack, else the pack's first ZIP)")
    bench_cli.add_argument("--grade", default="6")
    bench_cli.add_argument("--runs", type=int, default=10)
    bench_cli.add_argument("--json", action="store_true")
    bench_reach = bench_commands.add_parser(
        "reach", help="where families can reach: every cell of a bus-scale region, against a search per cell")
    bench_reach.add_argument("--pack", type=Path, metavar="PATH",
                             help="measure this pack instead (e.g. the Los Angeles County pack)")
    bench_reach.add_argument("--json", action="store_true")
    bench_gui = bench_commands.add_parser("gui", help="app start-up and filter-change latency")
    bench_gui.add_argument("--schools", type=int, default=2500)
    bench_gui.add_argument("--pack", type=Path, metavar="PATH",
                            help="measure this pack instead of a synthetic one (the same requests, "
                                 "moved onto its region)")
    bench_gui.add_argument("--json", action="store_true")
    bench_speech = bench_commands.add_parser(
        "speech", help="Read aloud: from the tap to the voice speaking, against espeak-ng alone")
    bench_speech.add_argument("--rounds", type=int, default=3,
                              help="times each profile section is read (default 3)")
    bench_speech.add_argument("--json", action="store_true")


def _rail_feed(gtfs: Path | None) -> Path:
    """The GTFS zip a benchmark reads: the one given, else LA Metro rail from ../shared."""
    from navigator.resources import app_root

    gtfs = gtfs or app_root().parent / "shared" / "data" / "la-metro" / "gtfs_rail.zip"
    if not gtfs.is_file():
        raise UserError(f"The GTFS feed {gtfs} does not exist; pass --gtfs PATH to a GTFS zip.")
    return gtfs


def _pack(path: Path | None) -> Path | None:
    """The pack a benchmark measures, checked before any figure is taken (None: synthetic)."""
    if path is None:
        return None
    from navigator.catalogue.pack import open_pack

    with open_pack(path):  # a missing or damaged pack: one sentence, exit 2
        return path


def _home_zip(pack: Path | None) -> str:
    """The demo's ZIP on the demo pack, else a ZIP at the heart of the pack."""
    from navigator.catalogue.pack import open_pack
    from navigator.resources import demo_pack
    from navigator.search.location import central_zip

    with open_pack(pack or demo_pack()) as opened:
        found = "00104" if pack is None else central_zip(opened)
    if found is None:
        raise UserError(f"The pack {pack} has no ZIP codes to search from; pass --zip.")
    return found


def _point(text: str | None) -> tuple[float, float] | None:
    if text is None:
        return None
    try:
        lat, lon = (float(part) for part in text.split(","))
    except ValueError:
        raise UserError(f"--home {text!r} is not LAT,LON; write it like 34.0617,-118.309.") from None
    return lat, lon


def run(args: argparse.Namespace) -> int:
    if args.bench_command == "search":
        from navigator.bench.search_bench import run_benchmark

        figures = run_benchmark(args.schools, args.queries, _pack(args.pack))
    elif args.bench_command == "map" and args.pack is not None:
        from navigator.bench.map_tour_bench import run_benchmark

        figures = run_benchmark(args.pack, _point(args.home))
    elif args.bench_command == "map":
        from navigator.bench.map_bench import run_benchmark

        figures = run_benchmark(build=not args.skip_build, draw=not args.skip_draw)
    elif args.bench_command == "household":
        from navigator.bench.household_bench import run_benchmark

        figures = run_benchmark(args.schools, args.households, _pack(args.pack))
    elif args.bench_command == "cli":
        from navigator.bench.cli_bench import run_benchmark

        pack = _pack(args.pack)
        figures = run_benchmark(pack, args.zip or _home_zip(pack), args.grade, args.runs)
    elif args.bench_command == "gui":
        from navigator.bench.gui_bench import run_benchmark

        figures = run_benchmark(args.schools, pack_path=_pack(args.pack))
    elif args.bench_command == "speech":
        from navigator.bench.speech_bench import run_benchmark

        figures = run_benchmark(args.rounds)
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
    elif args.streets is not None:
        from navigator.bench.streets_bench import run_benchmark

        figures = run_benchmark(args.streets)
    else:
        from navigator.bench.build_bench import run_benchmark

        figures = run_benchmark(_rail_feed(args.gtfs), args.schools)
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:>24}: {value}")
    return 0

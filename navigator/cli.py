"""The command line: a thin layer over the core; every UserError exits with code 2."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from navigator import __version__
from navigator.errors import UserError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="navigator", description="Find public schools that fit your child, offline.")
    parser.add_argument("--version", action="version", version=f"navigator {__version__}")
    parser.add_argument("--pack", type=Path, help="catalogue pack to open (default: the demo pack)")
    app = parser.add_argument_group("the app (`navigator` with no command opens it)")
    app.add_argument("--lang", metavar="CODE", help="the language to open in, e.g. es or ko")
    app.add_argument("--kiosk", action="store_true",
                     help="kiosk mode: full screen, starts over when idle, saves nothing; "
                          "the attendant quits with Ctrl+Alt+Shift+Q")
    app.add_argument("--idle-timeout", type=int, metavar="SECONDS",
                     help="kiosk: seconds without a touch before the 'still there?' countdown "
                          "(default 180, or NAVIGATOR_IDLE_TIMEOUT, or the settings file)")
    app.add_argument("--config", type=Path, metavar="PATH", help="settings file (see docs/configuration.md)")
    app.add_argument("--self-test", action="store_true",
                     help="open the app offscreen, search, load the map, check it stays offline, exit")
    app.add_argument("--json", action="store_true",
                     help="with --self-test: print one JSON object (ok, network_requests, "
                          "basemap_tiles, pdf_languages, printers, seconds, ...)")
    commands = parser.add_subparsers(dest="command")

    catalogue = commands.add_parser("catalogue", help="build, check and describe packs")
    catalogue_commands = catalogue.add_subparsers(dest="catalogue_command", required=True)
    build = catalogue_commands.add_parser("build", help="build a pack from a region TOML")
    build.add_argument("region", type=Path, help="the region's TOML file")
    build.add_argument("--out", type=Path, required=True, help="where to write the pack")
    build.add_argument("--strict", action="store_true",
                       help="fail on any row-level problem instead of skipping the row")
    validate = catalogue_commands.add_parser(
        "validate", help="check a pack (exit 0: sound, warnings aside; 1: problems; 2: not a pack)")
    validate.add_argument("pack", type=Path)
    info = catalogue_commands.add_parser("info", help="describe a pack")
    info.add_argument("pack", type=Path)
    info.add_argument("--json", action="store_true", help="print JSON")
    from navigator.catalogue.cli import add_catalogue_commands

    add_catalogue_commands(catalogue_commands)
    search = commands.add_parser("search", help="find schools that fit", add_help=False)
    search.add_argument("--pack", type=Path, default=argparse.SUPPRESS,
                        help="catalogue pack (default: the demo pack)")
    from navigator.household.cli import add_household_arguments, add_search_arguments
    from navigator.household.cli import add_show_arguments as add_show_household
    from navigator.search.cli import add_arguments

    add_arguments(search)
    add_search_arguments(search)

    show = commands.add_parser("show", help="one school's full profile")
    show.add_argument("--pack", type=Path, default=argparse.SUPPRESS,
                      help="catalogue pack (default: the demo pack)")
    from navigator.show_cli import add_arguments as add_show_arguments

    add_show_arguments(show)
    add_show_household(show)

    household = commands.add_parser(
        "household", help="a household's lists: findings across children, every date once")
    add_household_arguments(household)

    trip = commands.add_parser("trip", help="one school's trip by bus or train, in words")
    trip.add_argument("--pack", type=Path, default=argparse.SUPPRESS,
                      help="catalogue pack (default: the demo pack)")
    from navigator.transit.cli import add_arguments as add_trip_arguments

    add_trip_arguments(trip)

    export = commands.add_parser("export", help="the family's list as PDF, calendar, CSV or web page")
    from navigator.exports.cli import add_arguments as add_export_arguments

    add_export_arguments(export)

    shots = commands.add_parser("screenshots",
                                help="save a picture of every screen and dialog, per language")
    shots.add_argument("outdir", type=Path, help="folder for OUTDIR/<lang>/<variant>/NN-<shot>.png")
    shots.add_argument("--lang", dest="langs", action="append", metavar="CODE",
                       help="a language to shoot (repeat; default: en, es, ko)")
    shots.add_argument("--variant", dest="variants", action="append",
                       choices=["normal", "largest", "contrast"],
                       help="normal text, the largest text, or high contrast (repeat; default: all)")
    shots.add_argument("--pack", type=Path, default=argparse.SUPPRESS,
                       help="catalogue pack (default: the demo pack)")

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
    bench_transit.add_argument("--no-app", dest="app_memory", action="store_false",
                               help="skip the app's memory with trips shown (bus-scale and demo packs)")
    bench_transit.add_argument("--json", action="store_true")
    bench_household = bench_commands.add_parser(
        "household", help="schools that fit every child, and the checks across children")
    bench_household.add_argument("--schools", type=int, default=2500)
    bench_household.add_argument("--households", type=int, default=200)
    bench_household.add_argument("--json", action="store_true")
    bench_gui = bench_commands.add_parser("gui", help="app start-up and filter-change latency")
    bench_gui.add_argument("--schools", type=int, default=2500)
    bench_gui.add_argument("--json", action="store_true")
    return parser


INTERNAL_ERROR = 70  # EX_SOFTWARE: a fault in Navigator itself, not in what it was given


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except UserError as err:
        print(f"navigator: {err}", file=sys.stderr)
        return err.exit_code
    except BrokenPipeError:  # the output went to `head` or a closed pager: nothing to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as err:  # noqa: BLE001 - nobody using Navigator should meet a traceback
        if os.environ.get("NAVIGATOR_DEBUG"):
            raise
        print(f"navigator: Navigator stopped because of a problem in Navigator itself "
              f"({type(err).__name__}: {err}); nothing was written. Please report it "
              "(NAVIGATOR_DEBUG=1 shows the details).", file=sys.stderr)
        return INTERNAL_ERROR


def note_left_out(pack) -> None:
    """Say once, on the terminal, which of the pack's entries Navigator could not use."""
    note = pack.left_out_note()
    if note:
        print(f"navigator: note: {note}", file=sys.stderr)


def _run(args: argparse.Namespace) -> int:
    if args.command == "catalogue":
        return _catalogue(args)
    if args.command == "bench":
        return _bench(args)
    if args.command == "search":
        from navigator.household.cli import run_search, wants_household
        from navigator.resources import demo_pack
        from navigator.search.cli import run

        if wants_household(args):
            return run_search(args, args.pack or demo_pack())
        return run(args, args.pack or demo_pack())
    if args.command == "show":
        from navigator.resources import demo_pack
        from navigator.show_cli import run as run_show

        if args.household is not None:
            from navigator.household.cli import run_show as run_show_household

            return run_show_household(args, args.pack or demo_pack())
        return run_show(args, args.pack or demo_pack())
    if args.command == "trip":
        from navigator.resources import demo_pack
        from navigator.transit.cli import run as run_trip

        return run_trip(args, args.pack or demo_pack())
    if args.command == "household":
        from navigator.household.cli import run_household
        from navigator.resources import demo_pack

        return run_household(args, args.pack or demo_pack())
    if args.command == "export":
        from navigator.exports.cli import run as run_export

        return run_export(args)
    if args.command == "screenshots":
        from navigator.gui.screenshots import DEFAULT_LANGUAGES, VARIANTS, take_screenshots

        shots = take_screenshots(args.outdir, args.langs or DEFAULT_LANGUAGES, args.pack,
                                 args.variants or VARIANTS)
        print(f"Wrote {len(shots)} screenshots under {args.outdir}")
        return 0
    return _app(args)


def _app(args: argparse.Namespace) -> int:
    """`navigator` opens the desktop app (options override the settings file)."""
    from navigator.config import load_config
    from navigator.resources import demo_pack

    config = load_config(args.config)
    for warning in config.warnings:
        print(f"navigator: {warning}", file=sys.stderr)
    from navigator.catalogue.install import installed_packs

    installed = installed_packs(config.pack_folder_or_default())
    from navigator.catalogue.pack import open_pack
    from navigator.catalogue.signing import pack_trust

    try:  # a bad pack is one sentence on the terminal and, for the app, on the screen
        pack = args.pack or config.pack or installed.pack_to_open() or demo_pack()
        with open_pack(pack) as opened:
            note_left_out(opened)
    except UserError as err:
        if not args.self_test:
            from navigator.gui.app import show_problem

            show_problem(str(err))
        raise
    try:  # with trusted keys set, a pack not signed with one is refused, before any window
        trust = pack_trust(pack, config.trusted_keys, config.keys_configured,
                           bundled=Path(pack).resolve() == demo_pack().resolve())
    except UserError as err:
        if not args.self_test:
            from navigator.gui.app import show_problem

            show_problem(str(err), untrusted=True)
        raise
    if args.self_test:
        from navigator.gui.selftest import run_self_test

        return run_self_test(pack, as_json=args.json)
    from navigator.gui.app import idle_timeout, run_app

    previous = installed.previous if installed.current == pack else None
    return run_app(pack, lang=args.lang or config.language, kiosk=args.kiosk or config.kiosk,
                   idle_timeout_s=idle_timeout(args.idle_timeout, config.idle_timeout_s),
                   export_folder=config.export_folder, printer_name=config.printer,
                   trust=trust, previous_pack=previous)


def _catalogue(args: argparse.Namespace) -> int:
    from navigator.catalogue.cli import COMMANDS, run_catalogue_command
    from navigator.catalogue.pack import open_pack

    if args.catalogue_command in COMMANDS:
        return run_catalogue_command(args)
    if args.catalogue_command == "build":
        from navigator.catalogue.build.builder import build_pack

        report = build_pack(args.region, args.out, strict=args.strict)
        print(report.summary())
        print(f"Wrote {args.out}")
        return 0
    if args.catalogue_command == "validate":
        from navigator.catalogue.validate import validate, warnings

        with open_pack(args.pack) as pack:
            problems = validate(pack)
            cautions = warnings(pack)
            version = pack.schema_version
        for caution in cautions:  # worth fixing soon, but the pack is still sound: exit 0
            print(f"{args.pack}: warning: {caution}", file=sys.stderr)
        if problems:
            print(f"{args.pack}: {len(problems)} problem(s):", file=sys.stderr)
            for problem in problems:
                print(f"  {problem}", file=sys.stderr)
            return 1
        print(f"{args.pack}: valid (schema version {version}).")
        return 0
    from navigator.catalogue.info import format_info, pack_info

    with open_pack(args.pack) as pack:
        info = pack_info(pack)
    print(json.dumps(info, indent=2, ensure_ascii=False) if args.json else format_info(info))
    return 0


def _rail_feed(gtfs: Path | None) -> Path:
    """The GTFS zip a benchmark reads: the one given, else LA Metro rail from ../shared."""
    from navigator.resources import app_root

    gtfs = gtfs or app_root().parent / "shared" / "data" / "la-metro" / "gtfs_rail.zip"
    if not gtfs.is_file():
        raise UserError(f"The GTFS feed {gtfs} does not exist; pass --gtfs PATH to a GTFS zip.")
    return gtfs


def _bench(args: argparse.Namespace) -> int:
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
    elif args.bench_command == "transit":
        from navigator.bench.transit_bench import format_figures, run_benchmark

        figures = run_benchmark(_rail_feed(args.gtfs), args.queries, args.schools, args.baseline_queries,
                                args.app_memory)
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

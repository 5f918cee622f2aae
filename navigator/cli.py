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
    search = commands.add_parser("search", help="find schools that fit", add_help=False)
    search.add_argument("--pack", type=Path, default=argparse.SUPPRESS,
                        help="catalogue pack (default: the demo pack)")
    from navigator.search.cli import add_arguments

    add_arguments(search)

    show = commands.add_parser("show", help="one school's full profile")
    show.add_argument("--pack", type=Path, default=argparse.SUPPRESS,
                      help="catalogue pack (default: the demo pack)")
    from navigator.show_cli import add_arguments as add_show_arguments

    add_show_arguments(show)

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
    bench_gui = bench_commands.add_parser("gui", help="app start-up and filter-change latency")
    bench_gui.add_argument("--schools", type=int, default=2500)
    bench_gui.add_argument("--json", action="store_true")
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
    if args.command == "show":
        from navigator.resources import demo_pack
        from navigator.show_cli import run as run_show

        return run_show(args, args.pack or demo_pack())
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
    pack = args.pack or config.pack or demo_pack()
    from navigator.catalogue.pack import open_pack

    open_pack(pack).close()  # a bad pack is one sentence on the terminal, before any window
    if args.self_test:
        from navigator.gui.selftest import run_self_test

        return run_self_test(pack)
    from navigator.gui.app import idle_timeout, run_app

    return run_app(pack, lang=args.lang or config.language, kiosk=args.kiosk or config.kiosk,
                   idle_timeout_s=idle_timeout(args.idle_timeout, config.idle_timeout_s),
                   export_folder=config.export_folder, printer_name=config.printer)


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
    elif args.bench_command == "gui":
        from navigator.bench.gui_bench import run_benchmark

        figures = run_benchmark(args.schools)
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

"""`navigator reach`: for every neighbourhood of the region, how many schools that fit a child a
family without a car can reach by bus, train or on foot, written as a map and table
(``.html``, ``.pdf``) or as data (``.geojson`` for QGIS, ``.csv``).

navigator reach [--pack P] --grade G [--program CODE] [--el CODE] [--sped CODE] [--sector S]
                [--indicator CODE --min-level N] [--transit-minutes 30] [--walk-minutes 20]
                [--arrive-by 08:00] [--on YYYY-MM-DD] [--cell-m 400] [--lang L] --out FILE
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from navigator.cli.common import add_pack_option, note_left_out, pack_path, trip_settings
from navigator.errors import UserError

FORMATS = (".geojson", ".csv", ".html", ".pdf")


def add_parser(commands) -> argparse.ArgumentParser:
    reach = commands.add_parser(
        "reach", help="where families without a car can reach schools that fit (a map for counsellors)")
    add_pack_option(reach)
    reach.add_argument("--grade", help="grade the child will enter: PK, TK, K, 1..12")
    reach.add_argument("--program", action="append", default=[], metavar="CODE",
                       help="a programme the school offers, every one of (repeatable)")
    reach.add_argument("--el", action="append", default=[], metavar="CODE",
                       help="an English-learner service, every one of")
    reach.add_argument("--sped", action="append", default=[], metavar="CODE",
                       help="a special-education service, every one of")
    reach.add_argument("--sector", action="append", default=[], choices=["district", "charter"],
                       help="only this kind of public school (repeatable; default both, counted apart)")
    reach.add_argument("--indicator", metavar="CODE",
                       help="a school result (e.g. ela) whose latest level must be at least --min-level")
    reach.add_argument("--min-level", type=int, metavar="N",
                       help="the lowest level for --indicator: 1 very low, 2 low, 3 medium, 4 high, "
                            "5 very high")
    reach.add_argument("--transit-minutes", type=float, default=30.0, metavar="M",
                       help="a trip of at most M minutes, door to school (default 30)")
    reach.add_argument("--walk-minutes", type=float, default=20.0, metavar="M",
                       help="at most M minutes' walk at either end, or all the way (default 20)")
    reach.add_argument("--arrive-by", default="08:00", metavar="HH:MM",
                       help="arrive by this time (default 08:00)")
    reach.add_argument("--on", metavar="YYYY-MM-DD", dest="on_date",
                       help="the school day (default: today, or Monday at a weekend)")
    reach.add_argument("--max-transfers", type=int, default=2, metavar="N",
                       help="at most N changes of bus or train (default 2)")
    reach.add_argument("--cell-m", type=float, default=400.0, metavar="METRES",
                       help="the map's squares, in metres (default 400)")
    reach.add_argument("--lang", default="en", metavar="CODE", help="the report's language (default en)")
    reach.add_argument("--out", type=Path, required=True, metavar="FILE",
                       help="where to write: .geojson, .csv, .html or .pdf")
    return reach


def question_from_args(args: argparse.Namespace):
    """The :class:`navigator.reach.count.ReachQuestion` the options ask for, checked."""
    from navigator.cli.search import child_grade
    from navigator.reach.count import ReachQuestion
    from navigator.reach.grid import check_cell_m

    trip = trip_settings(argparse.Namespace(arrive_by=args.arrive_by, on_date=args.on_date,
                                            max_transfers=args.max_transfers, max_walk=args.walk_minutes))
    if not 0 < args.transit_minutes <= 150:
        raise UserError(f"--transit-minutes {args.transit_minutes:g} is not a trip time Navigator can "
                        "map; give a number of minutes from 1 to 150, e.g. --transit-minutes 30.")
    if not 0 < args.walk_minutes <= 30:
        raise UserError(f"--walk-minutes {args.walk_minutes:g} must be from 1 to 30 minutes.")
    check_cell_m(args.cell_m)
    if (args.indicator is None) != (args.min_level is None):
        raise UserError("--indicator and --min-level go together: give both (e.g. --indicator ela "
                        "--min-level 3) or neither.")
    if args.min_level is not None and not 1 <= args.min_level <= 5:
        raise UserError(f"--min-level {args.min_level} is not one of the state's levels; give 1 (very "
                        "low), 2 (low), 3 (medium), 4 (high) or 5 (very high).")
    return ReachQuestion(grade=child_grade(args.grade) if args.grade else None,
                         programs=tuple(args.program), el=tuple(args.el), sped=tuple(args.sped),
                         sectors=tuple(dict.fromkeys(args.sector)), indicator=args.indicator,
                         min_level=args.min_level, trip_minutes=args.transit_minutes,
                         walk_min=args.walk_minutes, arrive_by=trip["arrive_by"], on=trip["on_date"],
                         cell_m=args.cell_m, max_transfers=trip["max_transfers"])


def run(args: argparse.Namespace) -> int:
    from navigator.catalogue.pack import open_pack
    from navigator.cli.export import _language
    from navigator.files import write_atomic
    from navigator.reach.count import reach_map
    from navigator.reach.reports import render

    suffix = args.out.suffix.lower()
    if suffix not in FORMATS:
        raise UserError(f"--out {args.out} must end in {', '.join(FORMATS)}: the kind of file to write.")
    if not args.out.parent.is_dir():
        raise UserError(f"The folder {args.out.parent} does not exist; create it or write elsewhere.")
    lang = _language(args.lang, "language")
    question = question_from_args(args)
    with open_pack(pack_path(args)) as pack:
        note_left_out(pack)
        reach = reach_map(pack, question)
        data = render(reach, pack, lang, suffix)
    write_atomic(args.out, data)
    kind = reach.kind()
    print(f"{len(kind)} squares of {question.cell_m:g} m, {len(reach.schools)} schools counted: "
          f"{int((kind == 1).sum())} reach at least one, {int((kind == -1).sum())} reach none, "
          f"{int((kind == 0).sum())} unknown (stops without a timetable); written to {args.out}",
          file=sys.stdout)
    return 0

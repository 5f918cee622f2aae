"""`navigator search`: the query from the command line, as a list or as JSON.

The list says what the app's results list says, in the same words and the language asked for
(``--lang``): the family's home in words, each school's distance in the region's unit (miles in
the US), its grades and type, and each criterion as matched, not met or unknown.  A home outside
the region is refused with one sentence; a zoned school found for a ZIP code's centre or a stop
carries the same caution as on screen.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from navigator.cli.common import (
    add_pack_option,
    add_trip_arguments,
    home_from_args,
    note_left_out,
    pack_path,
    trip_settings,
)
from navigator.errors import UserError
from navigator.search.query import ORDERS

SECTORS = {"district": "a school run by the school district (the zoned school is one)",
           "charter": "a free public school that runs itself; you apply to it directly, and a "
                      "lottery decides when more families apply than there are seats"}
LEVELS = {"elementary": "elementary schools", "middle": "middle schools", "high": "high schools",
          "k12": "schools for all grades, K to 12", "other": "other schools (special, adult...)"}


def add_parser(commands) -> argparse.ArgumentParser:
    search = commands.add_parser("search", help="find schools that fit", add_help=False)
    add_pack_option(search)
    add_arguments(search)
    return search


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.allow_abbrev = False  # "--lang" must never be taken for "--language"
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.description = ("Find the schools that fit a family. Every result says, for each thing\n"
                          "asked for, whether the school matched it, does not meet it, or whether\n"
                          "the data does not say.")
    # The parser is made without argparse's own --help (add_help=False): this one lists codes.
    parser.add_argument("-h", "--help", action=_HelpWithCodes,
                        help="show this help, with the codes of the pack given by --pack before it")

    where = parser.add_argument_group("where the family lives (one of)")
    home = where.add_mutually_exclusive_group()
    home.add_argument("--zip", help="home ZIP code")
    home.add_argument("--near", metavar="LAT,LON", help="home as latitude,longitude")
    home.add_argument("--address", help="home street address (packs with an address list)")
    home.add_argument("--stop", metavar="NAME", help="a transit stop or station, by name")

    child = parser.add_argument_group("the child and what matters (each optional)")
    child.add_argument("--grade", help="grade the child will enter: PK (preschool), TK, K, 1..12")
    child.add_argument("--within-mi", type=float, metavar="MILES",
                       help="straight-line distance from home, in miles")
    child.add_argument("--within-km", type=float, metavar="KM", help="the same in kilometres")
    child.add_argument("--walk-min", type=float, metavar="MINUTES",
                       help="estimated walking minutes from home (straight line x 1.3 at 4.5 km/h)")
    child.add_argument("--sector", action="append", default=[], choices=list(SECTORS),
                       help="the kind of public school, any of (repeatable): "
                            + "; ".join(f"{k}: {v}" for k, v in SECTORS.items()))
    child.add_argument("--level", action="append", default=[], choices=list(LEVELS),
                       help="the school level, any of (repeatable): "
                            + "; ".join(f"{k}: {v}" for k, v in LEVELS.items()))
    child.add_argument("--program", action="append", default=[], metavar="CODE",
                       help="a programme the school offers, every one of (repeatable); "
                            "dual_language:es names the language (codes below)")
    child.add_argument("--el", action="append", default=[], metavar="CODE",
                       help="an English-learner service, every one of (codes below)")
    child.add_argument("--sped", action="append", default=[], metavar="CODE",
                       help="a special-education service, every one of (codes below)")
    child.add_argument("--language", action="append", default=[], metavar="CODE",
                       help="a language spoken by staff, every one of: two letters, e.g. es, ko")
    child.add_argument("--open-on", metavar="YYYY-MM-DD",
                       help="applications open on this date")
    child.add_argument("--text", help="part of the school's name (also finds schools that give "
                                     "places by referral)")
    child.add_argument("--referral", action="store_true",
                       help="also list schools that give places by referral or placement, not by "
                            "application (continuation, community day, opportunity, special-"
                            "education centres), in their own group after the others")
    child.add_argument("--drop-unknown", action="store_true",
                       help="leave out schools whose data cannot answer a criterion")

    transit = parser.add_argument_group("getting there by bus or train")
    transit.add_argument("--transit", choices=["rail", "bus", "any"],
                         help="a stop of this kind near the school")
    transit.add_argument("--transit-within-m", type=float, metavar="METRES",
                         help="how near (default: the pack's walking radius)")
    transit.add_argument("--line", help="a line with a stop near the school (its id or name)")
    transit.add_argument("--one-seat", action="store_true",
                         help="a line that stops near home and near the school")
    transit.add_argument("--transit-minutes", type=float, metavar="M",
                         help="a trip by bus or train of at most M minutes, door to school")
    add_trip_arguments(transit)

    listing = parser.add_argument_group("the list")
    listing.add_argument("--order", metavar="ORDER",
                         help=f"{', '.join(ORDERS)}, or indicator:CODE to order by one school "
                              "result (e.g. indicator:ela; schools without one come last); never "
                              "by sector")
    listing.add_argument("--group", metavar="GROUP",
                         help="student group for --order indicator:CODE: ALL (default), EL, SWD, "
                              "SED")
    listing.add_argument("--limit", type=int, help="show at most N schools")
    listing.add_argument("--lang", default=argparse.SUPPRESS, metavar="CODE",
                         help="the language to print in, e.g. es or ko (default en)")
    listing.add_argument("--json", action="store_true",
                         help="print JSON (codes and kilometres, for scripts)")


class _HelpWithCodes(argparse.Action):
    """``--help`` that ends with the codes ``--program/--el/--sped/--language`` accept: the pack's
    own when ``--pack`` comes first, else the standard ones."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS,
                 help=None):  # noqa: A002 (argparse's name)
        super().__init__(option_strings, dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        pack_path = getattr(namespace, "pack", None)
        parser.epilog = codes_help(pack_path)
        parser.print_help()
        parser.exit()


def codes_help(pack_path=None) -> str:
    """The codes each option takes, with their English labels."""
    from navigator.catalogue.codes import CATEGORIES, STANDARD_CODES

    if pack_path is not None:
        from navigator.catalogue.pack import open_pack

        with open_pack(pack_path) as pack:
            rows = pack.conn.execute("SELECT category, code, label FROM codes "
                                     "ORDER BY category, code").fetchall()
            details = pack.conn.execute(
                "SELECT DISTINCT detail FROM features WHERE category = 'program' "
                "AND code = 'dual_language' AND detail != '' ORDER BY 1").fetchall()
        where = f"the codes of {pack_path}."
    else:
        rows = sorted((c.category, c.code, c.label) for c in STANDARD_CODES)
        details = [("es",), ("ko",)]
        where = "the standard ones. Give --pack PACK before --help for a pack's own."
    lines = [f"Codes: {where}"]
    options = {"program": "--program", "el": "--el", "sped": "--sped", "language": "--language"}
    for category in CATEGORIES:
        codes = [(code, label) for cat, code, label in rows if cat == category]
        if not codes:
            continue
        lines.append(f"  {options[category]}:")
        lines += [f"    {code:<18} {label}" for code, label in codes]
        if category == "program" and details:
            example = ", ".join(f"dual_language:{d}" for (d,) in details)
            lines.append(f"    {'':<18} with the language: {example}")
    if not any(cat == "language" for cat, _code, _label in rows):
        lines.append("  --language: two-letter codes, e.g. es (Spanish), ko (Korean)")
    return "\n".join(lines)


def child_grade(text: str) -> int:
    """A grade a child can enter: PK (preschool, which lists preschools too), TK, K, 1 to 12."""
    from navigator.grades import PRESCHOOL, parse_grade

    try:
        grade = parse_grade(text)
    except ValueError:
        grade = None
    if grade is None or not PRESCHOOL <= grade <= 12 or text.strip() == "13":
        raise UserError(f"Grade {text!r} is not a school grade; use PK, TK, K or 1 to 12.")
    return grade


def build_query(engine, args: argparse.Namespace):
    """The :class:`navigator.search.query.Query` the options ask for, checked."""
    from navigator.geo import KM_PER_MILE
    from navigator.search.query import Query, indicator_of

    home = home_from_args(engine.pack, args)
    within_km = args.within_km
    if args.within_mi is not None:
        within_km = args.within_mi * KM_PER_MILE
    for name, value in (("--within-km/--within-mi", within_km), ("--walk-min", args.walk_min),
                        ("--transit-minutes", args.transit_minutes)):
        if value is not None and value <= 0:
            raise UserError(f"{name} must be a positive number.")
    open_on = None
    if args.open_on:
        try:
            open_on = date.fromisoformat(args.open_on)
        except ValueError:
            raise UserError(f"--open-on {args.open_on!r} is not a date; write it YYYY-MM-DD.") from None
    if args.limit is not None and args.limit < 1:
        raise UserError("--limit must be 1 or more.")
    group = args.group
    if group is not None and indicator_of(args.order) is None:
        raise UserError("--group only applies with --order indicator:CODE (e.g. indicator:ela).")
    return Query(
        home=home, grade=child_grade(args.grade) if args.grade else None, within_km=within_km,
        walk_min=args.walk_min, sectors=tuple(args.sector), levels=tuple(args.level),
        programs=tuple(args.program), el=tuple(args.el), sped=tuple(args.sped),
        languages=tuple(args.language), transit=args.transit,
        transit_within_m=args.transit_within_m, line=args.line, one_seat=args.one_seat,
        open_on=open_on, text=args.text, referral=args.referral, drop_unknown=args.drop_unknown,
        order=args.order,
        indicator_group=group or "ALL", limit=args.limit, transit_minutes=args.transit_minutes,
        **trip_settings(args),
    )


def run(args: argparse.Namespace) -> int:
    from contextlib import nullcontext

    from navigator.catalogue.pack import open_pack
    from navigator.i18n import in_language
    from navigator.search.engine import SearchEngine

    lang = getattr(args, "lang", None)
    # JSON holds codes, not words: English needs no catalogue read (a twentieth of a second).
    words = nullcontext() if args.json and lang is None else in_language(lang)
    with open_pack(pack_path(args)) as pack, words:
        engine = SearchEngine(pack)
        query = build_query(engine, args)
        result = engine.search(query)
        note_left_out(pack)
        if query.referral and not pack.has_referral_schools():  # staff-facing, as the help is
            print("navigator: note: this pack has no school that gives places by referral, so "
                  "--referral lists nothing more.", file=sys.stderr)
        if args.json:
            print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        else:
            from navigator.cli.results_text import format_list  # the words, only when printed

            print(format_list(pack, query, result))
    return 0

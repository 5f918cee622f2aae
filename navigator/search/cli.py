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
from datetime import date, time

from navigator import facts, indicators
from navigator.catalogue.codes import CATEGORIES, STANDARD_CODES
from navigator.catalogue.line_names import line_title
from navigator.catalogue.pack import Pack, open_pack
from navigator.errors import UserError
from navigator.grades import PRESCHOOL, parse_grade
from navigator.i18n import (
    _,
    format_list_of,
    format_number,
    format_school_count,
    in_language,
    ngettext,
    translator,
)
from navigator.pack_texts import home_place
from navigator.search.engine import SearchEngine
from navigator.search.location import (
    ensure_in_region,
    home_from_address,
    home_from_point,
    home_from_stop,
    home_from_zip,
)
from navigator.search.query import ORDERS, Home, Query, approximate_place, indicator_of
from navigator.search.results import SearchResult

KM_PER_MILE = 1.609344
SECTORS = {"district": "a school run by the school district (the zoned school is one)",
           "charter": "a free public school that runs itself; you apply to it directly, and a "
                      "lottery decides when more families apply than there are seats"}
LEVELS = {"elementary": "elementary schools", "middle": "middle schools", "high": "high schools",
          "k12": "schools for all grades, K to 12", "other": "other schools (special, adult...)"}


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
    if pack_path is not None:
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


def add_trip_arguments(parser: argparse.ArgumentParser) -> None:
    """When and how a trip by bus or train is made (search and `navigator trip`)."""
    parser.add_argument("--arrive-by", metavar="HH:MM",
                        help="arrive by this time (default: each school's start time, else 08:00)")
    parser.add_argument("--on", metavar="YYYY-MM-DD", dest="on_date",
                        help="the school day of the trip (default: today, or Monday at a weekend)")
    parser.add_argument("--max-transfers", type=int, default=2, metavar="N",
                        help="at most N changes of bus or train (default 2)")
    parser.add_argument("--max-walk", type=float, default=10.0, metavar="M",
                        help="at most M minutes' walk at either end of a trip (default 10)")


def trip_settings(args: argparse.Namespace) -> dict:
    """The Query fields of a trip, checked: one sentence for a time or date that is not one."""
    arrive_by = None
    if args.arrive_by:
        text = args.arrive_by.strip()
        try:
            hours, minutes = (int(part) for part in text.split(":"))
            if not (0 <= hours <= 23 and 0 <= minutes <= 59 and len(text.split(":")[1]) == 2):
                raise ValueError
        except ValueError:
            raise UserError(f"--arrive-by {args.arrive_by!r} is not a time of day; write it HH:MM "
                            "on the 24-hour clock, e.g. 07:45.") from None
        arrive_by = time(hours, minutes)
    on_date = None
    if args.on_date:
        try:
            on_date = date.fromisoformat(args.on_date)
        except ValueError:
            raise UserError(f"--on {args.on_date!r} is not a date; write it YYYY-MM-DD, "
                            "e.g. 2026-09-15.") from None
    if args.max_transfers < 0:
        raise UserError(f"--max-transfers {args.max_transfers} is negative; give 0 or more.")
    if args.max_walk <= 0:
        raise UserError(f"--max-walk {args.max_walk:g} must be a positive number of minutes.")
    return {"arrive_by": arrive_by, "on_date": on_date, "max_transfers": args.max_transfers,
            "trip_walk_min": args.max_walk}


def home_from_args(pack, args: argparse.Namespace) -> Home | None:
    """The home from --zip, --address, --stop or --near (None when none is given), refused in
    one sentence when it lies outside the region."""
    home = None
    if args.zip:
        home = home_from_zip(pack, args.zip)
    elif args.address:
        home = home_from_address(pack, args.address)
    elif args.stop:
        home = home_from_stop(pack, args.stop)
    elif args.near:
        try:
            lat, lon = (float(part) for part in args.near.split(","))
        except ValueError:
            raise UserError(f"--near {args.near!r} must be latitude,longitude, "
                            "e.g. 34.0522,-118.2437.") from None
        home = home_from_point(lat, lon)
    if home is not None:
        ensure_in_region(pack, home)
    return home


def child_grade(text: str) -> int:
    """A grade a child can enter: PK (preschool, which lists preschools too), TK, K, 1 to 12."""
    try:
        grade = parse_grade(text)
    except ValueError:
        grade = None
    if grade is None or not PRESCHOOL <= grade <= 12 or text.strip() == "13":
        raise UserError(f"Grade {text!r} is not a school grade; use PK, TK, K or 1 to 12.")
    return grade


def build_query(engine: SearchEngine, args: argparse.Namespace) -> Query:
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


def run(args: argparse.Namespace, pack_path) -> int:
    with open_pack(pack_path) as pack, in_language(getattr(args, "lang", None)):
        engine = SearchEngine(pack)
        query = build_query(engine, args)
        result = engine.search(query)
        from navigator.cli import note_left_out

        note_left_out(pack)
        if args.json:
            print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        else:
            print(format_list(pack, query, result))
    return 0


def format_list(pack: Pack, query: Query, result: SearchResult) -> str:
    """The results as the app's list shows them, in the current language."""
    home = query.home
    lines = []
    if home is not None:
        place = home_place(pack, home, translator.language)
        lines.append((_("Home: {place}") if home.exact else
                      _("Home, the nearest match: {place}")).format(place=place))
    shown = len(result.results)
    if shown < result.count:
        lines.append(ngettext("Showing {shown} of {n} school", "Showing {shown} of {n} schools",
                              result.count).format(shown=format_number(shown),
                                                   n=format_number(result.count)))
    else:
        lines.append(format_school_count(result.count))
    if query.wants_trips() and home is not None:
        lines += _trips_note(query, result)
    if result.zoned:  # said even when --limit leaves the zoned school out of the list
        names = [row[0] for row in pack.conn.execute(
            f"SELECT name FROM schools WHERE id IN ({','.join('?' * len(result.zoned))}) "
            "ORDER BY coalesce(grade_low, 99), name", list(result.zoned))]
        approximate = approximate_place(home) is not None
        place = home_place(pack, home, translator.language) if approximate else None
        lines += ["", f"{facts.zoned_heading(len(names))}: {format_list_of(names)}. "
                      f"{facts.zoned_explanation(len(names), place)}"]
    unit = "km" if pack.region.distance_unit == "km" else "mi"
    kinds = dict(pack.conn.execute("SELECT id, charter_kind FROM schools "
                                   "WHERE charter_kind IS NOT NULL"))
    ctx = facts.CriteriaContext(pack=pack, grade=query.grade, within_km=query.within_km,
                                walk_min=query.walk_min, open_on=query.open_on, unit=unit,
                                lines=_line_names(pack, query.line),
                                transit_minutes=query.transit_minutes)
    code = indicator_of(query.order)
    group = "open"
    for rank, school in enumerate(result.results, start=1):
        if school.group != group:  # online schools, then referral ones, under their own heading
            group = school.group
            heading = facts.group_heading(group)
            if heading:
                lines += ["", f"== {heading} =="]
        name = school.name + (f" — {_('Zoned school')}" if school.zoned else "")
        about = [facts.grades_text(school.grade_low, school.grade_high),
                 facts.sector_text(school.sector, kinds.get(school.id))]
        if school.pending:
            about.append(facts.opens_text(school.opens))
        if query.home is not None or school.virtual:  # no home: no distance to speak of
            about.append(facts.distance_text(school, unit, query.home is not None))
        about.append(_("id {id}").format(id=school.id))
        about = " · ".join(about)
        lines += ["", f"{rank:>3}  {name}", f"     {about}"]
        place = facts.site_kind_text(school.site_kind, school.placed_by)
        if place:
            lines.append(f"     {place}")
        verdicts = facts.criteria_lines(school, ctx)
        if verdicts:
            lines.append("     " + "  ".join(f"{facts.MARKS[v]} {words}" for v, words in verdicts))
        if code is not None:
            item = school.indicator or {"indicator": code, "group": query.indicator_group}
            lines.append(f"     {indicator_line(item)}")
        if school.trip is not None:
            lines.append(f"     {trip_line(school.trip)}")
    return "\n".join(lines)


def indicator_line(item: dict) -> str:
    """Which result, then status and change together, as published; withheld said in words."""
    text = _("{result}: {values}").format(result=indicators.headline(item),
                                          values=indicators.together(item))
    if item.get("students") is not None:
        text += "; " + indicators.students_text(item["students"])
    return text


def _trips_note(query: Query, result: SearchResult) -> list[str]:
    """What the trips are for, the timetables' days they read, and a stop beyond the walk."""
    from navigator.transit.listed import trips_note
    from navigator.transit.planner import next_school_day
    from navigator.transit.words import longer_walk_hint

    lang = translator.language
    lines = trips_note(query.arrive_by, query.on_date or next_school_day(date.today()),
                       [r.trip for r in result.results], result.no_stop_near_home, lang)
    hint = longer_walk_hint(result.no_stop_near_home, lang) if result.no_stop_near_home else None
    return lines + ([hint] if hint else [])


def trip_line(trip: dict) -> str:
    """The trip beside a school, in the words the app uses (navigator.transit.words)."""
    from navigator.transit.words import trip_line as words

    return words(trip, translator.language)


def _line_names(pack: Pack, typed: str | None) -> dict[str, str]:
    if not typed:
        return {}
    row = pack.conn.execute("SELECT short_name, long_name, mode, agency FROM lines WHERE id = ? "
                            "OR short_name = ? OR long_name = ?", (typed, typed, typed)).fetchone()
    return {typed: line_title(*row, typed) if row else typed}

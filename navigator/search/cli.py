"""`navigator search`: the query from the command line, as a table or as JSON."""

from __future__ import annotations

import argparse
import json
from datetime import date, time

from navigator.catalogue.pack import open_pack
from navigator.errors import UserError
from navigator.grades import parse_grade, span_label
from navigator.search.engine import SearchEngine
from navigator.search.location import home_from_address, home_from_point, home_from_stop, home_from_zip
from navigator.search.query import ORDERS, Home, Query, indicator_of
from navigator.search.results import SearchResult

KM_PER_MILE = 1.609344


def add_arguments(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--zip", help="home ZIP code")
    where.add_argument("--near", metavar="LAT,LON", help="home as latitude,longitude")
    where.add_argument("--address", help="home street address (packs with an address list)")
    where.add_argument("--stop", metavar="NAME", help="a transit stop or station, by name")
    parser.add_argument("--grade", help="grade the child will enter: TK, K, 1..12")
    parser.add_argument("--within-km", type=float, help="straight-line distance from home")
    parser.add_argument("--within-mi", type=float, help="the same in miles")
    parser.add_argument("--walk-min", type=float, help="estimated walking minutes from home")
    parser.add_argument("--sector", action="append", default=[], choices=["district", "charter"])
    parser.add_argument("--level", action="append", default=[],
                        choices=["elementary", "middle", "high", "k12", "other"])
    parser.add_argument("--program", action="append", default=[],
                        help="programme code, e.g. magnet or dual_language:es (repeatable)")
    parser.add_argument("--el", action="append", default=[], help="English-learner service code")
    parser.add_argument("--sped", action="append", default=[], help="special-education service code")
    parser.add_argument("--language", action="append", default=[], help="language spoken by staff")
    parser.add_argument("--transit", choices=["rail", "bus", "any"],
                        help="a stop of this kind near the school")
    parser.add_argument("--transit-within-m", type=float, help="how near (default: the pack's radius)")
    parser.add_argument("--line", help="a line with a stop near the school")
    parser.add_argument("--one-seat", action="store_true",
                        help="a line that stops near home and near the school")
    parser.add_argument("--open-on", help="applications open on this date (YYYY-MM-DD)")
    add_trip_arguments(parser)
    parser.add_argument("--transit-minutes", type=float, metavar="M",
                        help="a trip by bus or train of at most M minutes, door to school")
    parser.add_argument("--text", help="part of the school's name")
    parser.add_argument("--drop-unknown", action="store_true",
                        help="leave out schools whose data cannot answer a criterion")
    parser.add_argument("--order", metavar="ORDER",
                        help=f"{', '.join(ORDERS)}, or indicator:CODE to order by one school "
                             "result (e.g. indicator:ela; schools without one come last)")
    parser.add_argument("--group", metavar="GROUP",
                        help="student group for --order indicator:CODE: ALL (default), EL, SWD, SED")
    parser.add_argument("--limit", type=int, help="show at most N schools")
    parser.add_argument("--json", action="store_true", help="print JSON")


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
    """The home from --zip, --address, --stop or --near (None when none is given)."""
    if args.zip:
        return home_from_zip(pack, args.zip)
    if args.address:
        return home_from_address(pack, args.address)
    if args.stop:
        return home_from_stop(pack, args.stop)
    if args.near:
        try:
            lat, lon = (float(part) for part in args.near.split(","))
        except ValueError:
            raise UserError(f"--near {args.near!r} must be latitude,longitude, "
                            "e.g. 34.0522,-118.2437.") from None
        return home_from_point(lat, lon)
    return None


def child_grade(text: str) -> int:
    try:
        grade = parse_grade(text)
    except ValueError:
        grade = None
    if grade is None or not -1 <= grade <= 12 or text.strip() == "13":
        raise UserError(f"Grade {text!r} is not a school grade; use TK, K or 1 to 12.")
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
        open_on=open_on, text=args.text, drop_unknown=args.drop_unknown, order=args.order,
        indicator_group=group or "ALL", limit=args.limit, transit_minutes=args.transit_minutes,
        **trip_settings(args),
    )


def run(args: argparse.Namespace, pack_path) -> int:
    with open_pack(pack_path) as pack:
        engine = SearchEngine(pack)
        result = engine.search(build_query(engine, args))
        from navigator.cli import note_left_out

        note_left_out(pack)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print(format_table(result))
    return 0


def format_table(result: SearchResult) -> str:
    lines = []
    if result.home:
        approx = "" if result.home["exact"] else " (nearest match)"
        lines.append(f"Home: {result.home['matched']}{approx}")
    lines.append(f"{result.count} school(s)" + (f", showing {len(result.results)}"
                                               if len(result.results) < result.count else ""))
    lines.append(f"{'#':>3}  {'School':<42} {'Sector':<9} {'Grades':<8} {'Distance':>9}  "
                 "Matched / not met / unknown")
    for rank, school in enumerate(result.results, start=1):
        grades = span_label(school.grade_low, school.grade_high) or "unknown"
        if school.virtual:
            distance = "virtual"
        elif school.distance_km is None:
            distance = "—" if not result.home else "unknown"
        else:
            distance = f"{school.distance_km:.1f} km"
        flags = f"{len(school.matched)} / {len(school.unmet)} / {len(school.unknown)}"
        if school.unknown:
            flags += f"  unknown: {', '.join(school.unknown)}"
        if school.unmet:
            flags += f"  not met: {', '.join(school.unmet)}"
        zoned = " (zoned)" if school.zoned else ""
        lines.append(f"{rank:>3}  {(school.name + zoned)[:42]:<42} {school.sector or 'unknown':<9} "
                     f"{grades:<8} {distance:>9}  {flags}")
        if school.indicator is not None:
            lines.append(f"     {indicator_line(school.indicator)}")
        if school.trip is not None:
            lines.append(f"     {trip_line(school.trip)}")
        elif "trip" in school.unknown:
            lines.append("     trip: unknown (no timetable for the stops here)")
        elif "trip" in school.unmet:
            lines.append("     trip: none arriving in time")
    return "\n".join(lines)


def indicator_line(item: dict) -> str:
    """Status and change on one line, as published; withheld and missing said in words."""
    head = f"{item['indicator']} {item['group']}"
    if item["suppressed"]:
        return f"{head} {item['year']}: not reported (withheld by the publisher for privacy)"
    if item["status"] is None:
        return f"{head}: no result reported"

    def figure(value, level) -> str:
        number = "unknown" if value is None else f"{value:+.1f}"
        return f"{number} ({level or 'level unknown'})"

    students = item["students"] if item["students"] is not None else "unknown"
    return (f"{head} {item['year']}: status {figure(item['status'], item['status_level'])}, "
            f"change {figure(item['change'], item['change_level'])}; {students} students")


def trip_line(trip: dict) -> str:
    """The trip beside a school: summary, leaving and arriving, and the timetable's date if not
    the asked one (the words the app uses, navigator.transit.words)."""
    from navigator.transit.words import timetable_caveat, trip_summary

    caveat = timetable_caveat(trip, "en")
    return (f"trip: {trip_summary(trip, 'en')}, leave {trip['depart']}, arrive {trip['arrive']}"
            + (f" ({caveat})" if caveat else ""))

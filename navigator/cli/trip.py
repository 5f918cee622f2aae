"""`navigator trip`: one school's trip by bus or train from a home, in the family's language."""

from __future__ import annotations

import argparse
import json
from datetime import date

from navigator.cli.common import add_pack_option, add_trip_arguments, home_from_args, pack_path, trip_settings
from navigator.errors import UserError


def add_parser(commands) -> None:
    trip = commands.add_parser("trip", help="one school's trip by bus or train, in words")
    add_pack_option(trip)
    add_arguments(trip)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--zip", help="home ZIP code")
    where.add_argument("--near", metavar="LAT,LON", help="home as latitude,longitude")
    where.add_argument("--address", help="home street address (packs with an address list)")
    where.add_argument("--stop", metavar="NAME", help="a transit stop or station, by name")
    parser.add_argument("--to", required=True, metavar="SCHOOL_ID", help="the school's id")
    add_trip_arguments(parser)
    parser.add_argument("--lang", default="en", help="the family's language (default en)")
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    from navigator.catalogue.pack import open_pack
    from navigator.i18n import available_languages, format_clock, translations_for
    from navigator.search.engine import SearchEngine
    from navigator.transit.planner import TripRequest, next_school_day
    from navigator.transit.router import TripOptions
    from navigator.transit.words import (
        longer_walk_hint,
        no_stop_text,
        no_trip_text,
        timetable_caveat,
        trip_steps,
        trip_summary,
        unknown_trip_text,
    )

    codes = [language.code for language in available_languages()]
    if args.lang not in codes:
        raise UserError(f"--lang {args.lang!r} is not a language Navigator has; use one of: "
                        f"{', '.join(codes)}.")
    with open_pack(pack_path(args)) as pack:
        engine = SearchEngine(pack)
        index = engine.index
        if args.to not in index.position:
            raise UserError(f"School {args.to!r} is not in this pack; find its id with "
                            "'navigator search --text NAME'.")
        home = home_from_args(pack, args)
        settings = trip_settings(args)
        on = settings["on_date"] or next_school_day(date.today())
        planner = engine.planner
        request = TripRequest(home.latitude, home.longitude, settings["arrive_by"], on,
                              TripOptions(max_walk_min=settings["trip_walk_min"],
                                          max_transfers=settings["max_transfers"]))
        i = index.position[args.to]
        name = index.names[i]
        deadline = int(planner.deadlines(settings["arrive_by"])[i])
        answer = planner.answer(request)
        trip = planner.trip(answer, args.to, name) if answer is not None else None
        unknown = answer is None or (trip is None and bool(planner.untimed_doubt(request)[i]))
        near = None
        if trip is None and not unknown:  # say why: no stop within the walk of either end
            near = planner.home_stop(answer, request) or planner.school_stop(request, args.to)
    lang = args.lang
    data = {"school": {"id": args.to, "name": name},
            "home": {"kind": home.kind, "matched": home.matched, "latitude": home.latitude,
                     "longitude": home.longitude},
            "arrive_by": f"{deadline // 60:02d}:{deadline % 60:02d}", "on_date": on.isoformat(),
            "state": "found" if trip else ("unknown" if unknown else "none"),
            "trip": trip.to_json() if trip else None,
            "no_stop_near": near.to_json() if near else None}
    if trip is not None:
        data |= {"summary": trip_summary(trip, lang), "steps": trip_steps(trip, lang),
                 "timetable_note": timetable_caveat(trip, lang)}
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    _ = translations_for(lang).gettext
    # TRANSLATORS: the head of a trip in the terminal; {school} is a school's name, {home} where
    # the family lives (e.g. "ZIP 90012"), {time} the arrive-by time of day.
    print(_("To {school} from {home}, arriving by {time}").format(
        school=name, home=home.matched, time=format_clock(deadline, lang)))
    if trip is None:
        print(unknown_trip_text(lang) if unknown else no_trip_text(None, lang))
        if near is not None:
            print(no_stop_text(near.to_json(), lang))
            hint = longer_walk_hint(near.to_json(), lang)
            if hint:
                print(hint)
        return 0
    caveat = timetable_caveat(trip, lang)
    print(trip_summary(trip, lang) + (f" ({caveat})" if caveat else ""))
    for step in trip_steps(trip, lang):
        print(f"  {step}")
    return 0

"""A trip in the family's words: the summary beside a school, the steps, the timetable's date.

The CLI uses these now; the results, the profile, My list and the exports call the same
functions, so a trip reads the same everywhere ("27 min by bus · 1 change").  Every function
takes the language explicitly (a counsellor prints in one language while reading another).
"""

from __future__ import annotations

from datetime import date

from navigator.i18n import N_, format_clock, format_short_date, format_walk_minutes, translations_for
from navigator.transit.trips import Leg, Trip

STEP_SEPARATOR = " · "

# The summary's mode words, by the set of modes ridden (most rail-like first).
# TRANSLATORS: how long a trip to school takes and by what; {minutes} is a number.
_BY_MODES = {
    ("bus",): N_("{minutes} min by bus"),
    ("rail",): N_("{minutes} min by train"),
    ("ferry",): N_("{minutes} min by ferry"),
    ("rail", "bus"): N_("{minutes} min by bus and train"),
}
_BY_ANY = N_("{minutes} min by bus or train")


def _gettext(lang: str):
    """The language's ``_`` and ``ngettext`` (named so, so that extraction finds the strings)."""
    t = translations_for(lang)
    return t.gettext, t.ngettext


def _dict_trip(trip: Trip | dict) -> Trip:
    """A Trip from itself or from its JSON (a search result's ``trip``)."""
    if isinstance(trip, Trip):
        return trip
    legs = [Leg(leg["mode"], leg["from"], leg["to"], _minutes(leg["depart"]), _minutes(leg["arrive"]),
                leg.get("line"), None, leg.get("toward"), leg.get("stops")) for leg in trip["legs"]]
    return Trip(_minutes(trip["depart"]), _minutes(trip["arrive"]), trip["transfers"],
                trip.get("on_date") or trip["timetable_date"], trip["timetable_date"], legs)


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def changes_text(n: int, lang: str) -> str:
    """``no changes`` / ``1 change`` / ``2 changes``."""
    _, ngettext = _gettext(lang)
    if n == 0:
        # TRANSLATORS: a trip by bus or train with one vehicle all the way.
        return _("no changes")
    # TRANSLATORS: changes of bus or train on a trip; {n} is a number.
    return ngettext("{n} change", "{n} changes", n).format(n=n)


def trip_summary(trip: Trip | dict, lang: str) -> str:
    """``27 min by bus · 1 change``; a school within a walk: ``9 min walk``."""
    trip = _dict_trip(trip)
    modes = tuple(trip.modes)
    if not modes:
        return format_walk_minutes(trip.minutes, lang)
    _, _ngettext = _gettext(lang)
    head = _(_BY_MODES.get(modes, _BY_ANY)).format(minutes=trip.minutes)
    return head + STEP_SEPARATOR + changes_text(trip.transfers, lang)


def line_label(leg: Leg, lang: str) -> str:
    """What to look for on the vehicle: ``Bus 10``, ``Verde Line``, ``Metro B Line (Red)``."""
    _, _ngettext = _gettext(lang)
    name = leg.line or ""
    if leg.mode == "bus" and name and " " not in name and len(name) <= 6:
        # TRANSLATORS: a bus by its route number, e.g. "Bus 10".
        return _("Bus {line}").format(line=name)
    if name and " " not in name and len(name) <= 3:
        # TRANSLATORS: a train or other line by its letter or number, e.g. "Line B".
        return _("Line {line}").format(line=name)
    # TRANSLATORS: a vehicle whose line has no name in the timetable.
    return name or _("a bus or train")


def trip_steps(trip: Trip | dict, lang: str) -> list[str]:
    """Each step of the trip in words, from leaving home to arriving at the school."""
    trip = _dict_trip(trip)
    _, ngettext = _gettext(lang)
    # TRANSLATORS: the first step of a trip to school; {time} is a time of day, e.g. "7:21 AM".
    steps = [_("Leave home {time}").format(time=format_clock(trip.depart, lang))]
    for i, leg in enumerate(trip.legs):
        if leg.mode == "walk":
            if i == len(trip.legs) - 1:
                # TRANSLATORS: the walk at the end of a trip, to the school; {minutes} is a number.
                steps.append(_("walk {minutes} min").format(minutes=leg.minutes))
            else:
                # TRANSLATORS: a walk to a bus stop or station; {stop} is its name.
                steps.append(_("walk {minutes} min to {stop}").format(
                    minutes=leg.minutes, stop=leg.destination))
            continue
        if i and trip.legs[i - 1].mode != "walk":
            # TRANSLATORS: changing to another bus or train at the same stop; {stop} is its name.
            steps.append(_("change at {stop}").format(stop=leg.origin))
        # TRANSLATORS: one ride: the line, where it is going, how many stops to ride.
        steps.append(ngettext("{line} toward {toward}, {n} stop", "{line} toward {toward}, {n} stops",
                                leg.stops or 1).format(line=line_label(leg, lang), toward=leg.toward or "?",
                                                       n=leg.stops or 1))
    # TRANSLATORS: the last step of a trip: arriving at the school; {time} is a time of day.
    steps.append(_("arrive {time}").format(time=format_clock(trip.arrive, lang)))
    return steps


def trip_line(trip: Trip | dict, lang: str) -> str:
    """``27 min by bus · 1 change: leave 7:21 AM, arrive 7:52 AM`` and, when another day's
    timetable was read, ``(timetable of Tue, Oct 11, 2022)``: a trip on one line of a list."""
    trip = _dict_trip(trip)
    _, _ngettext = _gettext(lang)
    text = _("{trip}: leave {depart}, arrive {arrive}").format(
        trip=trip_summary(trip, lang), depart=format_clock(trip.depart, lang),
        arrive=format_clock(trip.arrive, lang))
    caveat = timetable_caveat(trip, lang)
    return text + (f" ({caveat})" if caveat else "")


def trip_in_words(trip: Trip | dict, lang: str) -> str:
    """The steps on one line: ``Leave home 7:21 AM · walk 6 min to ... · arrive 7:52 AM``."""
    return STEP_SEPARATOR.join(trip_steps(trip, lang))


def timetable_caveat(trip: Trip | dict, lang: str) -> str | None:
    """``timetable of Tue, Oct 11, 2022`` when the trip read another day's timetable (the feed
    does not cover the asked date), else None."""
    trip = _dict_trip(trip)
    if not trip.substituted:
        return None
    day = format_short_date(date.fromisoformat(trip.timetable_date), lang)
    _, _ngettext = _gettext(lang)
    # TRANSLATORS: said beside a trip time when the timetable does not cover the chosen date
    # and the same weekday of another week was used; {date} is that day, e.g. "Tue, Oct 11, 2022".
    return _("timetable of {date}").format(date=day)


def no_trip_text(minutes: float | None, lang: str) -> str:
    """Why a school shows no trip time."""
    _, _ngettext = _gettext(lang)
    if minutes is None:
        # TRANSLATORS: no trip by bus or train reaches the school in time from the family's home.
        return _("no trip by bus or train arrives in time")
    # TRANSLATORS: {minutes} is the longest trip the family accepts, a number.
    return _("no trip by bus or train within {minutes} min").format(minutes=f"{minutes:g}")


def unknown_trip_text(lang: str) -> str:
    _, _ngettext = _gettext(lang)
    # TRANSLATORS: the pack has bus stops but no timetable for them, so the trip time is unknown.
    return _("trip time unknown: no timetable for the buses here")

"""A trip in the family's words: the summary beside a school, the steps, the timetable's date.

The CLI, the results, the profile, My list and the exports call these same functions, so a trip
reads the same everywhere ("27 min by bus · 1 change").  Every function takes the language
explicitly (a counsellor prints in one language while reading another).

A time the timetable did not give (filled in between timepoints, approximate by the feed's word,
or a frequency-based bus's) is said as an estimate everywhere: "about 7:26 AM".  A line is named
with its operator unless its name already says it (:mod:`navigator.catalogue.line_names`).
"""

from __future__ import annotations

from datetime import date

from navigator.catalogue.line_names import names_operator
from navigator.i18n import (
    N_,
    format_clock,
    format_list_of,
    format_short_date,
    format_walk_minutes,
    translations_for,
)
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
                leg.get("line"), None, leg.get("toward"), leg.get("stops"), operator=leg.get("operator"),
                timetable_date=leg.get("timetable_date"),
                depart_estimated=bool(leg.get("depart_estimated")),
                arrive_estimated=bool(leg.get("arrive_estimated")), every_min=leg.get("every_min"),
                stay_on=list(leg.get("stay_on") or [])) for leg in trip["legs"]]
    return Trip(_minutes(trip["depart"]), _minutes(trip["arrive"]), trip["transfers"],
                trip.get("on_date") or trip["timetable_date"], trip["timetable_date"], legs,
                walk_quicker=bool(trip.get("walk_quicker")))


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def time_text(minutes: int, estimated: bool, lang: str) -> str:
    """``7:26 AM``, or ``about 7:26 AM`` when the timetable does not give it."""
    clock = format_clock(minutes, lang)
    if not estimated:
        return clock
    _, _ngettext = _gettext(lang)
    # TRANSLATORS: a time that is an estimate (the timetable does not give it); {time} is a time
    # of day, e.g. "7:26 AM". Also used after "leave" and "arrive" in a trip's one-line summary.
    return _("about {time}").format(time=clock)


def changes_text(n: int, lang: str) -> str:
    """``no changes`` / ``1 change`` / ``2 changes``."""
    _, ngettext = _gettext(lang)
    if n == 0:
        # TRANSLATORS: a trip by bus or train with one vehicle all the way.
        return _("no changes")
    # TRANSLATORS: changes of bus or train on a trip; {n} is a number.
    return ngettext("{n} change", "{n} changes", n).format(n=n)


def walk_quicker_text(minutes: int, lang: str) -> str:
    """``Walking is quicker: 64 min walk``: no bus or train gets there sooner."""
    _, _ngettext = _gettext(lang)
    # TRANSLATORS: said instead of a trip by bus or train that would take longer than walking;
    # {walk} is a walking time, e.g. "64 min walk".
    return _("Walking is quicker: {walk}").format(walk=format_walk_minutes(minutes, lang))


def trip_summary(trip: Trip | dict, lang: str) -> str:
    """``27 min by bus · 1 change``; a school within a walk: ``9 min walk``; a school a bus or train
    would reach no sooner than walking: ``Walking is quicker: 64 min walk``."""
    trip = _dict_trip(trip)
    modes = tuple(trip.modes)
    if not modes:
        return walk_quicker_text(trip.minutes, lang) if trip.walk_quicker else \
            format_walk_minutes(trip.minutes, lang)
    _, _ngettext = _gettext(lang)
    head = _(_BY_MODES.get(modes, _BY_ANY)).format(minutes=trip.minutes)
    return head + STEP_SEPARATOR + changes_text(trip.transfers, lang)


def line_label(leg: Leg, lang: str) -> str:
    """What to look for on the vehicle: ``Bus 10``, ``Metro bus 2``, ``Verde Line``, ``Metro B
    Line (Red)``, ``Arcadia Transit Green Line``: with its operator unless the name says it."""
    _, _ngettext = _gettext(lang)
    name = leg.line or ""
    operator = leg.operator if leg.operator and name and not names_operator(name, leg.operator) else None
    if leg.mode == "bus" and name and " " not in name and len(name) <= 6:
        if operator:
            # TRANSLATORS: a bus by its operator and route number, e.g. "Metro bus 2".
            return _("{operator} bus {line}").format(operator=operator, line=name)
        # TRANSLATORS: a bus by its route number, e.g. "Bus 10".
        return _("Bus {line}").format(line=name)
    if name and " " not in name and len(name) <= 3:
        if operator:
            # TRANSLATORS: a train or other line by its operator and letter, e.g. "Metro line B".
            return _("{operator} line {line}").format(operator=operator, line=name)
        # TRANSLATORS: a train or other line by its letter or number, e.g. "Line B".
        return _("Line {line}").format(line=name)
    if name and operator:
        return f"{operator} {name}"  # two proper names: "Arcadia Transit Green Line"
    # TRANSLATORS: a vehicle whose line has no name in the timetable.
    return name or _("a bus or train")


def _vehicle_word(mode: str, lang: str) -> str:
    _, _ngettext = _gettext(lang)
    if mode == "bus":
        # TRANSLATORS: the rider stays on the same bus as it goes on as its next trip; {stop} a stop.
        return _("stay on the bus at {stop}")
    if mode == "rail":
        # TRANSLATORS: the rider stays on the same train as it goes on as its next trip.
        return _("stay on the train at {stop}")
    # TRANSLATORS: the rider stays on the same vehicle as it goes on as its next trip.
    return _("stay on board at {stop}")


def _ride_steps(leg: Leg, lang: str) -> list[str]:
    """A ride: when and what to board, and where to stay on as the vehicle runs its next trip."""
    _, ngettext = _gettext(lang)
    n = leg.stops or 1
    # TRANSLATORS: one ride: when it leaves (a time, maybe "about 7:26 AM"), the line, where it
    # is going, how many stops to ride.
    ride = ngettext("{time}: {line} toward {toward}, {n} stop", "{time}: {line} toward {toward}, {n} stops",
                    n).format(time=time_text(leg.depart, leg.depart_estimated, lang),
                              line=line_label(leg, lang), toward=leg.toward or "?", n=n)
    if leg.every_min:
        # TRANSLATORS: a ride on a line that runs by frequency, not by timetable; {ride} is the
        # ride in words, {minutes} a number.
        ride = _("{ride} (one about every {minutes} min)").format(ride=ride, minutes=leg.every_min)
    steps = [ride]
    seen = (leg.line, leg.toward)
    for stay in leg.stay_on:
        step = _vehicle_word(leg.mode, lang).format(stop=stay.get("at") or "?")
        if (stay.get("line"), stay.get("toward")) != seen:
            after = Leg(leg.mode, "", "", 0, 0, stay.get("line"), operator=stay.get("operator"))
            # TRANSLATORS: {stay} is "stay on the bus at STOP"; then the line it becomes and where
            # it goes.
            step = _("{stay}: it goes on as {line} toward {toward}").format(
                stay=step, line=line_label(after, lang), toward=stay.get("toward") or "?")
            seen = (stay.get("line"), stay.get("toward"))
        steps.append(step)
    return steps


def trip_steps(trip: Trip | dict, lang: str) -> list[str]:
    """Each step of the trip in words, from leaving home to arriving at the school."""
    trip = _dict_trip(trip)
    _, _ngettext = _gettext(lang)
    if trip.depart_estimated:
        # TRANSLATORS: the first step of a trip when it is timed by an estimated bus time;
        # {time} is a time of day, e.g. "7:21 AM".
        steps = [_("Leave home about {time}").format(time=format_clock(trip.depart, lang))]
    else:
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
        steps += _ride_steps(leg, lang)
    if trip.arrive_estimated:
        # TRANSLATORS: the last step of a trip, its time an estimate; {time} is a time of day.
        steps.append(_("arrive about {time}").format(time=format_clock(trip.arrive, lang)))
    else:
        # TRANSLATORS: the last step of a trip: arriving at the school; {time} is a time of day.
        steps.append(_("arrive {time}").format(time=format_clock(trip.arrive, lang)))
    return steps


def trip_line(trip: Trip | dict, lang: str) -> str:
    """``27 min by bus · 1 change: leave 7:21 AM, arrive about 7:52 AM`` and, when another day's
    timetable was read, ``(timetable of Tue, Oct 11, 2022)``: a trip on one line of a list."""
    trip = _dict_trip(trip)
    _, _ngettext = _gettext(lang)
    text = _("{trip}: leave {depart}, arrive {arrive}").format(
        trip=trip_summary(trip, lang), depart=time_text(trip.depart, trip.depart_estimated, lang),
        arrive=time_text(trip.arrive, trip.arrive_estimated, lang))
    caveat = timetable_caveat(trip, lang)
    return text + (f" ({caveat})" if caveat else "")


def trip_in_words(trip: Trip | dict, lang: str) -> str:
    """The steps on one line: ``Leave home 7:21 AM · walk 6 min to ... · arrive 7:52 AM``."""
    return STEP_SEPARATOR.join(trip_steps(trip, lang))


def other_dates(trip: Trip | dict) -> list[date]:
    """The days whose timetables the trip's rides read, where they are not the asked day (a feed
    that does not cover it: the same weekday of its representative week)."""
    trip = _dict_trip(trip)
    if not any(leg.timetable_date for leg in trip.legs):  # a trip saved before rides named theirs
        return [date.fromisoformat(trip.timetable_date)] if trip.substituted and trip.rides else []
    return [date.fromisoformat(d) for d in trip.timetable_dates if d != trip.on_date]


def dates_text(days: list[date], lang: str) -> str | None:
    """``timetable of Tue, Oct 11, 2022`` / ``timetables of Mon, Jul 6, 2020 and Tue, Oct 11,
    2022``: the days read instead of the asked one, or None."""
    days = sorted(set(days))
    if not days:
        return None
    _, ngettext = _gettext(lang)
    # TRANSLATORS: said beside trip times when the timetable does not cover the chosen date and the
    # same weekday of another week was used; {date} is that day (or several, "A and B").
    return ngettext("timetable of {date}", "timetables of {date}", len(days)).format(
        date=format_list_of([format_short_date(d, lang) for d in days], lang))


def timetable_caveat(trip: Trip | dict, lang: str) -> str | None:
    """``timetable of Tue, Oct 11, 2022`` when the trip read another day's timetable (the feed
    does not cover the asked date); each day when two operators' feeds gave two; else None."""
    return dates_text(other_dates(trip), lang)


def results_dates_text(trips: list[Trip | dict | None], lang: str) -> str | None:
    """Above a list of trips: the timetables' days the trips shown actually read, when any is
    not the asked day; None otherwise."""
    return dates_text([d for trip in trips if trip for d in other_dates(trip)], lang)


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


def no_stop_text(near: dict, lang: str) -> str:
    """``No stop or station within 10 min walk of home: Westlake / MacArthur Park Station is 12
    minutes' walk.``  ``near`` is the JSON of ``planner.NearestStop`` (``where`` home or school)."""
    _, ngettext = _gettext(lang)
    limit = f"{near['max_walk_min']:g}"
    stop, minutes = near["stop"], near["walk_min"]
    if near["where"] == "school":
        # TRANSLATORS: no bus stop or train station within the walk the family accepts of the
        # school; {limit} minutes, {stop} the nearest stop's name, {minutes} its walk.
        return ngettext("No stop or station within {limit} min walk of the school: {stop} is "
                        "{minutes} minute's walk.",
                        "No stop or station within {limit} min walk of the school: {stop} is "
                        "{minutes} minutes' walk.", minutes).format(limit=limit, stop=stop, minutes=minutes)
    # TRANSLATORS: no bus stop or train station within the walk the family accepts of their home;
    # {limit} minutes, {stop} the nearest stop's name, {minutes} its walk.
    return ngettext("No stop or station within {limit} min walk of home: {stop} is {minutes} "
                    "minute's walk.",
                    "No stop or station within {limit} min walk of home: {stop} is {minutes} "
                    "minutes' walk.", minutes).format(limit=limit, stop=stop, minutes=minutes)


def longer_walk_hint(near: dict, lang: str) -> str | None:
    """The command line's way to ask for the longer walk: ``For a walk of up to 15 minutes, add
    --max-walk 15.`` (None when even 20 minutes would not reach a stop)."""
    minutes = near.get("longer_walk_min")
    if not minutes:
        return None
    _, _ngettext = _gettext(lang)
    # TRANSLATORS: how to ask the command line for a longer walk to a stop; {minutes} a number,
    # {option} the option to type (keep it as it is), e.g. "--max-walk 15".
    return _("For a walk of up to {minutes} minutes, add {option}.").format(
        minutes=minutes, option=f"--max-walk {minutes}")

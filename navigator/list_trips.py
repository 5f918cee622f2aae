"""The trips of a family's listed schools, for My list and every export.

A family that asked for trip times (a limit of N minutes, or the quickest-trip order) gets each
listed school's trip from the settings kept in its list (``filters``: ``transit_minutes``,
``arrive_by`` HH:MM, ``on_date`` YYYY-MM-DD, ``max_transfers``, ``trip_walk_min``), from one
planner run: the same answer the app's search gave.  A family that never asked gets none (its
printed list stays as it was).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import TYPE_CHECKING

from navigator.catalogue.pack import Pack
from navigator.i18n import format_clock, format_short_date, translations_for
from navigator.search.query import Home, Query
from navigator.shortlist import FamilyList
from navigator.transit.planner import DEFAULT_ARRIVE_BY, NO, VERDICTS, YES, next_school_day
from navigator.transit.words import (
    no_stop_text,
    no_trip_text,
    results_dates_text,
    trip_in_words,
    trip_line,
    unknown_trip_text,
)

if TYPE_CHECKING:  # the engine's module is loaded only when a trip is asked for
    from navigator.search.engine import SearchEngine


def arrival_words(arrive_by: time | None, on_date: date, lang: str) -> str:
    """What trips are for: ``Arriving by 8:00 AM on Mon, Nov 23, 2026`` in ``lang``."""
    _ = translations_for(lang).gettext
    day = format_short_date(on_date, lang)
    if arrive_by is None:
        # TRANSLATORS: what the trips shown are for; {time} a time of day, {date} a day.
        return _("Arriving when school starts ({time} if not known), on {date}").format(
            time=format_clock(DEFAULT_ARRIVE_BY.strftime("%H:%M"), lang), date=day)
    # TRANSLATORS: what the trips shown are for; {time} a time of day, {date} a day,
    # e.g. "Mon, Dec 7, 2026".
    return _("Arriving by {time} on {date}").format(
        time=format_clock(arrive_by.strftime("%H:%M"), lang), date=day)


def trips_note(arrive_by: time | None, on_date: date, trips: list, no_stop_near_home: dict | None,
               lang: str) -> list[str]:
    """Above trips shown together (a result list, the app's list): what they are for, the days
    whose timetables they actually read when not the asked one (each feed its own), and the
    nearest stop when none is within the walk of home."""
    _ = translations_for(lang).gettext
    lines = [arrival_words(arrive_by, on_date, lang) + "."]
    dates = results_dates_text(trips, lang)
    if dates:
        # TRANSLATORS: {caveat} is e.g. "timetable of Tue, Oct 11, 2022".
        lines.append(_("The timetable does not cover that day ({caveat}).").format(caveat=dates))
    if no_stop_near_home:
        lines.append(no_stop_text(no_stop_near_home, lang))
    return lines


@dataclass
class ListedTrip:
    verdict: str  # found | none (no trip in time) | unknown (no timetable here) | online
    trip: dict | None = None  # navigator.transit.trips.Trip.to_json()


@dataclass
class ListTrips:
    """What the trips were asked for, and each listed school's."""

    minutes: float | None
    arrive_by: time | None  # None: each school's start time, else 08:00
    on_date: date
    schools: dict[str, ListedTrip] = field(default_factory=dict)

    def settings_text(self, lang: str) -> str:
        return arrival_words(self.arrive_by, self.on_date, lang)

    def summary(self, school_id: str, lang: str) -> str:
        """``27 min by bus · 1 change: leave 7:21 AM, arrive 7:52 AM (timetable of ...)``, or why
        there is none; "" for an online school."""
        listed = self.schools.get(school_id)
        if listed is None or listed.verdict == "online":
            return ""
        if listed.trip is None:
            if listed.verdict == "unknown":
                return unknown_trip_text(lang)
            return no_trip_text(self.minutes, lang)
        return trip_line(listed.trip, lang)

    def steps(self, school_id: str, lang: str) -> str:
        listed = self.schools.get(school_id)
        return trip_in_words(listed.trip, lang) if listed and listed.trip else ""


def trip_query(family: FamilyList, today: date) -> Query | None:
    """The list's trip settings as a query (None when the family did not ask for trips, or has
    no home to start from)."""
    f = family.filters
    if not family.home or (f.get("transit_minutes") is None and f.get("order") != "trip"):
        return None
    arrive = f.get("arrive_by")
    on = f.get("on_date")
    return Query(home=Home(**family.home), transit_minutes=f.get("transit_minutes"),
                 arrive_by=time.fromisoformat(arrive) if arrive else None,
                 on_date=date.fromisoformat(on) if on else next_school_day(today),
                 max_transfers=int(f.get("max_transfers", 2)),
                 trip_walk_min=float(f.get("trip_walk_min", 10.0)))


def list_trips(pack: Pack, family: FamilyList, today: date, engine: SearchEngine | None = None
               ) -> ListTrips | None:
    """Each listed school's trip, or None when no trip was asked for or the pack has no transit.
    ``engine``: the caller's search engine over ``pack`` (the app's worker keeps one: its index
    and timetable, read once, are what a new engine would spend a quarter of a second building
    on 100,000 schools); else one is made here."""
    query = trip_query(family, today)
    if query is None:
        return None
    if engine is None:
        from navigator.search.engine import SearchEngine

        engine = SearchEngine(pack)
    engine.check(query)
    planner = engine.planner
    if not planner.has_timetable and not pack.has_stops():
        return None
    request = engine.trip_request(query)
    states, answer = planner.states(request, query.transit_minutes if query.transit_minutes is not None
                                    else float("inf"))
    out = ListTrips(query.transit_minutes, query.arrive_by, query.on_date)
    names = pack.school_names(family.ids())
    for school_id in family.ids():
        position = planner.position.get(school_id)
        if position is None:
            continue
        state = int(states[position])
        trip = None
        if answer is not None and state in (YES, NO):
            found = planner.trip(answer, school_id, names.get(school_id, school_id))
            trip = found.to_json() if found is not None else None
        verdict = VERDICTS[state]
        if trip is not None and state == NO:
            verdict = "none"  # a trip exists but longer than the limit: said as not within N minutes
            trip = None
        out.schools[school_id] = ListedTrip(verdict, trip)
    return out

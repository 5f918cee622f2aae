"""Trips for a search: one router run per home, arrival time and date answers every school.

The planner knows the pack's schools (in the search index's order), their start times (the
default arrive-by time, else 08:00), and which answer is honest where no trip was found:

* **matched**: a trip of at most N minutes, arriving in time;
* **not met**: no such trip, a home far from every stop included;
* **unknown**: the pack has stops but no timetable, or both the home and the school are near
  stops that have no timetable (a stops-only bus file): a bus might well do it.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, time, timedelta

import numpy as np

from navigator.catalogue.pack import Pack
from navigator.geo import haversine_many
from navigator.transit.router import Answer, Places, Router, TripOptions, walk_minutes_exact
from navigator.transit.timetable import Timetable, load_timetable
from navigator.transit.trace import trace_trip
from navigator.transit.trips import Trip
from navigator.walking import DETOUR_FACTOR, WALK_KM_PER_MIN

DEFAULT_ARRIVE_BY = time(8, 0)
LONGER_WALKS = (15, 20)  # minutes: the longer walks a family may ask for (CLI --max-walk, the app)
UNKNOWN, YES, NO = 0, 1, -1  # as navigator.search.index
NOT_APPLICABLE = 2
# A school's trip in words for the app, the exports and the JSON: found (within the limit, if
# one was asked), none (no trip in time or within the limit), unknown (stops without a
# timetable could still do it; no place on the map), online (no trip to make).
VERDICTS = {YES: "found", NO: "none", UNKNOWN: "unknown", NOT_APPLICABLE: "online"}


@dataclass(frozen=True)
class NearestStop:
    """No timed stop within the walk of the home (or of a school): the nearest one and its walk."""

    where: str  # "home" or "school"
    stop: str
    mode: str  # rail, bus, ferry, other
    walk_min: int  # whole minutes, rounded up (straight line x 1.3 at 4.5 km/h)
    max_walk_min: float  # the walk asked for

    @property
    def longer_walk_min(self) -> int | None:
        """The longer walk on offer (15 or 20 minutes) that reaches the stop, or None."""
        return next((m for m in LONGER_WALKS if self.max_walk_min < m and self.walk_min <= m), None)

    def to_json(self) -> dict:
        return {"where": self.where, "stop": self.stop, "mode": self.mode, "walk_min": self.walk_min,
                "max_walk_min": self.max_walk_min, "longer_walk_min": self.longer_walk_min}


def next_school_day(today: date) -> date:
    """Today on a weekday, else the Monday after: the day a family would try the trip."""
    return today if today.weekday() < 5 else today + timedelta(days=7 - today.weekday())


@dataclass(frozen=True)
class TripRequest:
    """What the family asked: arrive by (None: each school's start time), on which day."""

    latitude: float
    longitude: float
    arrive_by: time | None
    on: date
    options: TripOptions


class TripPlanner:
    """The pack's timetable and schools, and the last few answers (a counsellor trying another
    time and coming back gets the first answer again at once)."""

    CACHE = 4

    def __init__(self, pack: Pack, school_ids: list[str], lat: np.ndarray, lon: np.ndarray,
                 virtual: np.ndarray):
        self.pack = pack
        self.ids = school_ids
        self.position = {school_id: i for i, school_id in enumerate(school_ids)}
        self.lat, self.lon, self.virtual = lat, lon, virtual
        self.timetable: Timetable | None = load_timetable(pack)
        self.router = Router(self.timetable) if self.timetable is not None else None
        self.start = np.full(len(school_ids), -1, dtype=np.int64)  # minutes; -1: not known
        for school_id, start in pack.conn.execute("SELECT school_id, start_time FROM school_hours"):
            if school_id in self.position:
                hours, minutes = start.split(":")
                self.start[self.position[school_id]] = int(hours) * 60 + int(minutes)
        self._places: dict[float, Places] = {}
        self._untimed_near: dict[float, np.ndarray] = {}
        self._answers: OrderedDict[TripRequest, Answer] = OrderedDict()

    @property
    def has_timetable(self) -> bool:
        return self.router is not None

    def deadlines(self, arrive_by: time | None) -> np.ndarray:
        """The arrive-by minute per school: the asked time, else its start time, else 08:00."""
        if arrive_by is not None:
            return np.full(len(self.ids), arrive_by.hour * 60 + arrive_by.minute, dtype=np.int64)
        default = DEFAULT_ARRIVE_BY.hour * 60 + DEFAULT_ARRIVE_BY.minute
        return np.where(self.start >= 0, self.start, default)

    def places(self, max_walk_min: float) -> Places:
        if max_walk_min not in self._places:
            self._places[max_walk_min] = self.router.places(self.lat, self.lon, max_walk_min)
        return self._places[max_walk_min]

    def answer(self, request: TripRequest) -> Answer | None:
        """Every school's trip for one home, time and day (None without a timetable)."""
        if self.router is None:
            return None
        if request in self._answers:
            self._answers.move_to_end(request)
            return self._answers[request]
        places = self.places(request.options.max_walk_min)
        found = self.router.query(request.latitude, request.longitude, places,
                                  self.deadlines(request.arrive_by), request.on, request.options)
        self._answers[request] = found
        while len(self._answers) > self.CACHE:
            self._answers.popitem(last=False)
        return found

    def states(self, request: TripRequest, max_minutes: float) -> tuple[np.ndarray, Answer | None]:
        """matched / not met / unknown per school for "a trip of at most ``max_minutes``"."""
        n = len(self.ids)
        if self.router is None:
            return np.full(n, UNKNOWN, dtype=np.int8), None
        found = self.answer(request)
        minutes = found.minutes()
        state = np.where((minutes != -1) & (minutes <= max_minutes + 1e-9), YES, NO).astype(np.int8)
        state[(state == NO) & self.untimed_doubt(request)] = UNKNOWN
        state[np.isnan(self.lat)] = UNKNOWN
        state[self.virtual] = NOT_APPLICABLE
        return state, found

    def untimed_doubt(self, request: TripRequest) -> np.ndarray:
        """Schools where a stop without a timetable is in walking reach of both ends."""
        tt = self.timetable
        walk = request.options.max_walk_min
        if not len(tt.untimed_lat):
            return np.zeros(len(self.ids), dtype=bool)
        home = walk_minutes_exact(haversine_many(request.latitude, request.longitude,
                                                 tt.untimed_lat, tt.untimed_lon))
        if not (home <= walk + 1e-9).any():
            return np.zeros(len(self.ids), dtype=bool)
        return self.schools_near_untimed(walk)

    def schools_near_untimed(self, walk: float) -> np.ndarray:
        """Per school: a stop without a timetable within ``walk`` minutes (the school's half of
        :meth:`untimed_doubt`, for any home)."""
        if walk not in self._untimed_near:
            self._untimed_near[walk] = self._near_untimed(walk)
        return self._untimed_near[walk]

    def _near_untimed(self, walk: float) -> np.ndarray:
        tt = self.timetable
        order = np.argsort(tt.untimed_lat)
        lat, lon = tt.untimed_lat[order], tt.untimed_lon[order]
        dlat = walk * WALK_KM_PER_MIN / DETOUR_FACTOR / 111.0 * 1.01
        near = np.zeros(len(self.ids), dtype=bool)
        for i in np.flatnonzero(~np.isnan(self.lat)):
            lo, hi = np.searchsorted(lat, [self.lat[i] - dlat, self.lat[i] + dlat])
            if hi > lo:
                minutes = walk_minutes_exact(haversine_many(self.lat[i], self.lon[i], lat[lo:hi], lon[lo:hi]))
                near[i] = bool((minutes <= walk + 1e-9).any())
        return near

    def home_stop(self, found: Answer | None, request: TripRequest) -> NearestStop | None:
        """The nearest stop when none is within the walk of home (None when one is, or no stop)."""
        if found is None or found.home_stop is None:
            return None
        stop, minutes = found.home_stop
        return self._nearest("home", stop, minutes, request)

    def school_stop(self, request: TripRequest, school_id: str) -> NearestStop | None:
        """The nearest stop when none is within the walk of the school (None when one is)."""
        i = self.position.get(school_id)
        if self.router is None or i is None or np.isnan(self.lat[i]) or self.virtual[i]:
            return None
        places = self.places(request.options.max_walk_min)
        if (places.pair_place == i).any():
            return None
        found = self.router.nearest_stop(float(self.lat[i]), float(self.lon[i]))
        return self._nearest("school", *found, request) if found else None

    def _nearest(self, where: str, stop: int, minutes: int, request: TripRequest) -> NearestStop:
        tt = self.timetable
        return NearestStop(where, tt.stop_names[stop], tt.stop_modes[stop], minutes,
                           request.options.max_walk_min)

    def trip(self, found: Answer, school_id: str, school_name: str, home_name: str = "home") -> Trip | None:
        """The legs of one school's trip in an answer (traced back only for the schools shown)."""
        return trace_trip(self.router, found, self.position[school_id], school_name, home_name)

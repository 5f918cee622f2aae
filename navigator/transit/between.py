"""The trip between two schools by bus or train: can one morning take two children to two schools?

A household's Together options and its "far apart" check ask how long the public-transit trip
from one school to the other takes.  The answer is the quickest door-to-door trip (walk, ride,
changes, walk) from the first school's doorstep to the second school, arriving by the second
school's start time (08:00 where the pack does not know it) on the given school day: the same
router and options as a family's own trips.  One router run per starting school answers every
other school, so a screen of options costs a run per distinct school, not per pair.

The timetable is read the first time a pair is asked for, not before: My list's checks and the
Together screen ask only when two schools are far apart or close together.

``None`` means the timetable cannot say (a virtual school, a school with no place on the map,
no trip within the router's window): shown as nothing rather than as a number.
"""

from __future__ import annotations

import math
from datetime import date

import numpy as np

from navigator.transit.planner import next_school_day
from navigator.transit.router import DEFAULT_OPTIONS, TripOptions
from navigator.transit.timetable import has_timetable


class SchoolToSchool:
    """``trip(from_id, to_id)`` in minutes, or None; callable as the household's TripMinutes."""

    def __init__(self, engine, on: date, options: TripOptions = DEFAULT_OPTIONS):
        self.engine = engine  # a SearchEngine: its planner (and timetable) only once asked
        self.on = on
        self.options = options
        self._minutes: dict[str, np.ndarray] = {}  # from school id -> minutes to every school

    def __call__(self, from_id: str, to_id: str) -> float | None:
        planner = self.engine.planner
        start, end = planner.position.get(from_id), planner.position.get(to_id)
        if (start is None or end is None or start == end
                or planner.virtual[start] or planner.virtual[end]):
            return None
        if from_id not in self._minutes:
            lat, lon = float(planner.lat[start]), float(planner.lon[start])
            if math.isnan(lat) or math.isnan(lon):
                return None
            # The router directly, not planner.answer: the family's own answers stay cached.
            found = planner.router.query(lat, lon, planner.places(self.options.max_walk_min),
                                         planner.deadlines(None), self.on, self.options)
            self._minutes[from_id] = found.minutes()
        minutes = int(self._minutes[from_id][end])
        return None if minutes < 0 else float(minutes)


def between_schools(engine, today: date) -> SchoolToSchool | None:
    """The trip between schools on the next school day from ``today``, or None when the pack
    has no timetable (known without reading it)."""
    return SchoolToSchool(engine, next_school_day(today)) if has_timetable(engine.pack) else None

"""One door-to-school trip: what the router found, as records the CLI, the GUI and exports share."""

from __future__ import annotations

from dataclasses import dataclass, field


def clock(minutes: int) -> str:
    """Minutes after midnight of the service day as ``HH:MM`` (after midnight: ``24:10``)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass
class Leg:
    mode: str  # walk, rail, bus, ferry, other
    origin: str  # a stop's name, or "home" / the school's name at either end
    destination: str
    depart: int  # minutes after midnight of the service day
    arrive: int
    line: str | None = None  # what the vehicle shows (a line's short or long name)
    line_id: str | None = None
    toward: str | None = None  # the headsign, else the pattern's last stop
    stops: int | None = None  # stops ridden (a ride); None for a walk
    # Where the leg goes, for the map: [latitude, longitude] from its start to its end (a ride
    # through every stop it passes; a walk, its two ends). Empty when not known.
    path: list[list[float]] = field(default_factory=list)
    operator: str | None = None  # who runs the line ("Metro"), from agency.txt
    timetable_date: str | None = None  # ISO: the service day whose timetable this ride read
    # True when the timetable does not give the time: filled in between timepoints, approximate by
    # the feed's word, or a frequency-based trip's ("about 7:26" wherever it is shown).
    depart_estimated: bool = False
    arrive_estimated: bool = False
    every_min: int | None = None  # a frequency-based line: a vehicle about every N minutes
    # Where the rider stays on board as the vehicle runs its next trip (not a change): each
    # {"at": stop, "line": ..., "operator": ..., "toward": ...}, the line and headsign from there on.
    stay_on: list[dict] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return self.arrive - self.depart

    @property
    def estimated(self) -> bool:
        return self.depart_estimated or self.arrive_estimated

    def to_json(self) -> dict:
        return {"mode": self.mode, "line": self.line, "operator": self.operator, "from": self.origin,
                "to": self.destination, "depart": clock(self.depart), "arrive": clock(self.arrive),
                "minutes": self.minutes, "toward": self.toward, "stops": self.stops,
                "timetable_date": self.timetable_date, "estimated": self.estimated,
                "depart_estimated": self.depart_estimated, "arrive_estimated": self.arrive_estimated,
                "every_min": self.every_min, "stay_on": [dict(s) for s in self.stay_on],
                "path": [[round(lat, 6), round(lon, 6)] for lat, lon in self.path]}


@dataclass
class Trip:
    """Leave home at ``depart``, arrive at the school at ``arrive`` (by the asked time).

    ``timetable_date`` is the service day whose timetable was read: the asked date
    ``on_date`` itself, or the same weekday of the feed's representative week when the
    asked date is outside the feed's service dates (then ``substituted`` is True).  Each ride
    names its own (``Leg.timetable_date``): two operators' feeds may cover different weeks, and
    ``timetable_dates`` lists every one the trip read.

    ``walk_quicker``: walking all the way gets there leaving home no earlier than any bus or
    train would, so the trip is the walk (never a ride slower than walking).
    """

    depart: int
    arrive: int
    transfers: int
    on_date: str  # ISO
    timetable_date: str  # ISO
    legs: list[Leg] = field(default_factory=list)
    walk_quicker: bool = False

    @property
    def minutes(self) -> int:
        return self.arrive - self.depart

    @property
    def rides(self) -> list[Leg]:
        return [leg for leg in self.legs if leg.mode != "walk"]

    @property
    def timetable_dates(self) -> list[str]:
        """Every service day whose timetable a ride read, in date order (none for a walk)."""
        return sorted({leg.timetable_date for leg in self.rides if leg.timetable_date})

    @property
    def depart_estimated(self) -> bool:
        """Leaving home is timed by the first boarding: an estimate when that one is."""
        rides = self.rides
        return bool(rides) and rides[0].depart_estimated

    @property
    def arrive_estimated(self) -> bool:
        rides = self.rides
        return bool(rides) and rides[-1].arrive_estimated

    @property
    def estimated(self) -> bool:
        return any(leg.estimated for leg in self.legs)

    @property
    def walk_min(self) -> int:
        return sum(leg.minutes for leg in self.legs if leg.mode == "walk")

    @property
    def modes(self) -> list[str]:
        """The ridden modes, most rail-like first, each once ([] for a walk-only trip)."""
        order = ("rail", "ferry", "bus", "other")
        ridden = {leg.mode for leg in self.legs if leg.mode != "walk"}
        return [m for m in order if m in ridden]

    @property
    def substituted(self) -> bool:
        return self.timetable_date != self.on_date

    def to_json(self) -> dict:
        return {"minutes": self.minutes, "depart": clock(self.depart), "arrive": clock(self.arrive),
                "transfers": self.transfers, "walk_min": self.walk_min,
                "timetable_date": self.timetable_date, "timetable_dates": self.timetable_dates,
                "on_date": self.on_date, "estimated": self.estimated,
                "depart_estimated": self.depart_estimated, "arrive_estimated": self.arrive_estimated,
                "walk_quicker": self.walk_quicker, "legs": [leg.to_json() for leg in self.legs]}

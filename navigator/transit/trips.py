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

    @property
    def minutes(self) -> int:
        return self.arrive - self.depart

    def to_json(self) -> dict:
        return {"mode": self.mode, "line": self.line, "from": self.origin, "to": self.destination,
                "depart": clock(self.depart), "arrive": clock(self.arrive), "minutes": self.minutes,
                "toward": self.toward, "stops": self.stops,
                "path": [[round(lat, 6), round(lon, 6)] for lat, lon in self.path]}


@dataclass
class Trip:
    """Leave home at ``depart``, arrive at the school at ``arrive`` (by the asked time).

    ``timetable_date`` is the service day whose timetable was read: the asked date
    ``on_date`` itself, or the same weekday of the feed's representative week when the
    asked date is outside the feed's service dates (then ``substituted`` is True).
    """

    depart: int
    arrive: int
    transfers: int
    on_date: str  # ISO
    timetable_date: str  # ISO
    legs: list[Leg] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return self.arrive - self.depart

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
                "timetable_date": self.timetable_date, "on_date": self.on_date,
                "legs": [leg.to_json() for leg in self.legs]}

"""One school in a result list, with the facts a family compares at a glance."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

from navigator.catalogue.line_names import stop_lines
from navigator.catalogue.pack import Pack


@dataclass
class NearbyStop:
    stop: str
    mode: str
    lines: list[str]
    distance_m: float


@dataclass
class Result:
    id: str
    name: str
    sector: str | None
    grade_low: int | None
    grade_high: int | None
    latitude: float | None
    longitude: float | None
    virtual: bool
    distance_km: float | None
    walk_min: int | None
    zoned: bool
    matched: list[str]
    unmet: list[str]
    unknown: list[str]
    programs: list[str] = field(default_factory=list)  # "code" or "code:detail"
    el_services: list[str] = field(default_factory=list)
    sped_services: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    transit: list[NearbyStop] = field(default_factory=list)
    # Only when ordered by an official result: that result for the asked-for student group,
    # status and change together (keys as in the profile's indicators; all None when the
    # school has none reported, "suppressed" True when the publisher withheld it).
    indicator: dict | None = None
    # Only when a trip was asked for (a time limit or the trip order): the quickest trip by bus or
    # train arriving in time (navigator.transit.trips.Trip.to_json()), None when there is none.
    trip: dict | None = None
    # Only when a trip was asked for: "found", "none" (the timetable has no trip arriving in
    # time, or none within the limit), "unknown" (stops without a timetable could still do it),
    # "online"; what the app and the exports say beside a school without a trip.
    trip_state: str | None = None
    # Only when a trip was asked and none found: the nearest stop when none is within the walk of
    # the school (navigator.transit.planner.NearestStop.to_json()).
    no_stop_near: dict | None = None
    # How a family gets a place (navigator.catalogue.sites): "open", "referral" (then
    # placed_by: "district" or "iep"), "preschool"; a list never holds "not_an_option".
    site_kind: str = "open"
    placed_by: str | None = None
    # The list's group (navigator.search.groups): "open" (in person), "online" (a distance limit
    # does not apply to it), "referral"; shown in this order, each under its own heading.
    group: str = "open"
    # A school that has not opened yet (the directory's "Pending"): when it opens (ISO date),
    # None when the directory does not say.
    pending: bool = False
    opens: str | None = None

    def to_json(self) -> dict:
        """Its fields as JSON values: a shallow copy (``asdict`` copies every nested list and
        dict of a thousand results, a tenth of a second of ``search --json``)."""
        out = dict(self.__dict__)
        out["transit"] = [dict(stop.__dict__) for stop in self.transit]
        return out


@dataclass
class SearchResult:
    home: dict | None
    count: int
    results: list[Result]
    zoned: dict[str, str]  # school id -> attendance zone id
    # When a trip was asked and no timed stop is within the walk of home: the nearest one and its
    # walk (navigator.transit.planner.NearestStop.to_json()), and the longer walk that reaches it.
    no_stop_near_home: dict | None = None

    def to_json(self) -> dict:
        return {"home": self.home, "count": self.count, "no_stop_near_home": self.no_stop_near_home,
                "results": [r.to_json() for r in self.results]}


CATEGORY_FIELD = {"program": "programs", "el": "el_services", "sped": "sped_services",
                  "language": "languages"}


class SchoolDetails:
    """Every school's offered programmes, services and languages, read once; its nearby stops
    read the first time a search lists it (then kept).

    A result list shows these for every row; reading them with one pass over the pack (tens of
    milliseconds for a region) beats a few queries per search.  The stops wait for a search: a
    county has tens of thousands of school-stop pairs, and ``navigator search`` lists a part.
    """

    def __init__(self, pack: Pack):
        self.conn = conn = pack.conn
        self.facts: dict[str, dict[str, list[str]]] = defaultdict(
            lambda: {name: [] for name in CATEGORY_FIELD.values()})
        for school_id, category, code, detail in conn.execute(
                "SELECT school_id, category, code, detail FROM features WHERE value = 'yes' "
                "ORDER BY school_id, category, code, detail"):
            if category not in CATEGORY_FIELD:
                continue
            self.facts[school_id][CATEGORY_FIELD[category]].append(
                f"{code}:{detail}" if detail else code)
        self.transit: dict[str, list[NearbyStop]] = {}
        self._lines: dict[str, tuple[str, ...]] | None = None

    def _read_transit(self, school_ids: list[str]) -> None:
        """The nearby stops of ``school_ids`` (none for a school without any)."""
        if self._lines is None:  # named with their operators, each once
            self._lines = {stop_id: tuple(title for title, _colour in served)
                           for stop_id, served in stop_lines(self.conn).items()}
        for school_id in school_ids:
            self.transit[school_id] = []
        # A stop the pack does not have is left out by the join (catalogue validate lists it).
        for school_id, stop_id, metres, name, mode in self.conn.execute(
                "SELECT ss.school_id, ss.stop_id, ss.distance_m, s.name, s.mode "
                "FROM school_stops ss JOIN stops s ON s.id = ss.stop_id "
                "WHERE ss.school_id IN (SELECT value FROM json_each(?)) "
                "ORDER BY ss.school_id, ss.distance_m, ss.stop_id", (json.dumps(school_ids),)):
            self.transit[school_id].append(
                NearbyStop(name, mode, list(self._lines.get(stop_id, ())), metres))

    def fill(self, results: list[Result]) -> None:
        unread = [r.id for r in results if r.id not in self.transit]
        if unread:
            self._read_transit(unread)
        for result in results:
            facts = self.facts.get(result.id)
            if facts:
                for name, values in facts.items():
                    setattr(result, name, list(values))
            result.transit = list(self.transit[result.id])

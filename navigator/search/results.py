"""One school in a result list, with the facts a family compares at a glance."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

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

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class SearchResult:
    home: dict | None
    count: int
    results: list[Result]
    zoned: dict[str, str]  # school id -> attendance zone id

    def to_json(self) -> dict:
        return {"home": self.home, "count": self.count,
                "results": [r.to_json() for r in self.results]}


CATEGORY_FIELD = {"program": "programs", "el": "el_services", "sped": "sped_services",
                  "language": "languages"}


def fill_details(pack: Pack, results: list[Result]) -> None:
    """Programmes, services, languages and nearby stops for the schools on show."""
    if not results:
        return
    by_id = {r.id: r for r in results}
    marks = ",".join("?" * len(by_id))
    ids = list(by_id)
    for school_id, category, code, detail in pack.conn.execute(
            f"SELECT school_id, category, code, detail FROM features WHERE value = 'yes' "
            f"AND school_id IN ({marks}) ORDER BY school_id, category, code, detail", ids):
        getattr(by_id[school_id], CATEGORY_FIELD[category]).append(
            f"{code}:{detail}" if detail else code)
    lines: dict[str, list[str]] = defaultdict(list)
    stops = pack.conn.execute(
        f"SELECT ss.school_id, s.id, s.name, s.mode, ss.distance_m FROM school_stops ss "
        f"JOIN stops s ON s.id = ss.stop_id WHERE ss.school_id IN ({marks}) "
        f"ORDER BY ss.school_id, ss.distance_m, s.id", ids).fetchall()
    stop_ids = sorted({row[1] for row in stops})
    if stop_ids:
        for stop_id, name in pack.conn.execute(
                f"SELECT sl.stop_id, coalesce(l.short_name, l.long_name, l.id) FROM stop_lines sl "
                f"JOIN lines l ON l.id = sl.line_id WHERE sl.stop_id IN "
                f"({','.join('?' * len(stop_ids))}) ORDER BY 1, 2", stop_ids):
            lines[stop_id].append(name)
    for school_id, stop_id, name, mode, metres in stops:
        by_id[school_id].transit.append(NearbyStop(name, mode, lines[stop_id], metres))

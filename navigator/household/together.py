"""Together: schools that fit every child of the household, as one morning.

Each child's own search runs (the existing engine, one query per child: the household's home,
the child's grade and needs), and an *option* gives each child one of the schools their search
keeps, such that the schools are

* the same school (a K-8 teaches both a kindergartner and a sixth grader): ``same_school``;
* different schools on one campus (the same street address, or within :data:`CAMPUS_KM` of each
  other): ``same_campus``;
* or all within ``near_km`` of each other, straight line: ``close``.

Every option keeps each child's matched / not met / unknown from their own search (a zoned school
is always kept by the search, with what it does not meet said, as on the one-child screen).
Options are ordered by their combined distance from home (the home to each of its schools,
each school once), then by how far apart the schools are, then by the children's school ids:
never by sector.  A virtual school fits no campus and is only ever a same-school option.

The trip between two schools by public transit plugs in as ``trip_minutes`` (a callable from two
school ids to minutes, or None where the timetable cannot say): the transit package
(``navigator/transit/``) provides it where a pack has a timetable; without it every leg keeps
its straight-line distance only.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from itertools import combinations

from navigator.addresses import normalize_street
from navigator.catalogue.pack import Pack
from navigator.errors import UserError
from navigator.geo import haversine_m
from navigator.household.model import Household, child_query
from navigator.household.siblings import SiblingContext, sibling_notes
from navigator.search.engine import SearchEngine
from navigator.search.results import Result

NEAR_KM = 1.609344  # one mile: close enough to walk between, or one short bus ride
CAMPUS_KM = 0.15  # schools this close share a campus (one gate, one drop-off)
CANDIDATES = 200  # per child, the nearest schools their search keeps that are considered
MAX_OPTIONS = 20_000  # options weighed before ordering; a region's worth, with room to spare

# Where the transit package plugs in: minutes by public transit from one school to another.
TripMinutes = Callable[[str, str], float | None]


@dataclass
class Leg:
    """Two of an option's schools: how far apart, and the trip between them where known."""

    from_id: str
    to_id: str
    km: float
    trip_min: float | None = None  # from ``trip_minutes``; None: no timetable says


@dataclass
class ChildFit:
    """One child's school in an option, as that child's own search judged it."""

    child: int  # the child's number
    school: Result

    def to_json(self) -> dict:
        r = self.school
        return {"child": self.child, "school_id": r.id, "name": r.name, "sector": r.sector,
                "distance_km": r.distance_km, "walk_min": r.walk_min, "zoned": r.zoned,
                "matched": list(r.matched), "unmet": list(r.unmet), "unknown": list(r.unknown)}


@dataclass
class TogetherOption:
    kind: str  # same_school, same_campus, close
    fits: list[ChildFit]  # one per child, in household order
    apart_km: float  # the largest straight-line distance between two of its schools
    combined_km: float | None  # home to each of its schools, each once; None without a home
    legs: list[Leg] = field(default_factory=list)
    notes: list = field(default_factory=list)  # HouseholdWarning: sibling priority here

    def school_ids(self) -> list[str]:
        return list(dict.fromkeys(f.school.id for f in self.fits))

    def assignment(self) -> dict[int, list[str]]:
        return {f.child: [f.school.id] for f in self.fits}


@dataclass
class TogetherResult:
    home: dict | None
    near_km: float
    candidates: dict[int, int]  # child number -> schools their own search kept
    count: int  # options found (before the limit)
    options: list[TogetherOption]

    def to_json(self, lang: str = "en") -> dict:
        return {
            "home": self.home, "near_km": self.near_km,
            "candidates": {str(k): v for k, v in self.candidates.items()}, "count": self.count,
            "options": [{"kind": o.kind, "apart_km": round(o.apart_km, 3),
                         "combined_km": None if o.combined_km is None else round(o.combined_km, 3),
                         "schools": o.school_ids(),
                         "children": [f.to_json() for f in o.fits],
                         "legs": [asdict(leg) | {"km": round(leg.km, 3)} for leg in o.legs],
                         "notes": [n.to_json(lang) for n in o.notes]}
                        for o in self.options],
        }


_KIND_ORDER = {"same_school": 0, "same_campus": 1, "close": 2}


def together(pack: Pack, household: Household, *, engine: SearchEngine | None = None,
             near_km: float = NEAR_KM, limit: int | None = None,
             trip_minutes: TripMinutes | None = None) -> TogetherResult:
    """Options where every child of ``household`` has a school, the schools together."""
    if len(household.children) < 2:
        raise UserError("Together needs two or more children in the household; add a child "
                        "first.")
    if not near_km > 0:
        raise UserError("The distance between the schools must be a positive number.")
    engine = engine or SearchEngine(pack)
    per_child: list[tuple[int, list[Result]]] = []
    for child in household.children:
        query = replace(child_query(household, child), limit=CANDIDATES)
        kept = [r for r in engine.search(query).results if "grade" not in r.unmet]
        per_child.append((child.number, kept))
    addresses = _addresses(pack, {r.id for _n, rs in per_child for r in rs})
    options = _options(per_child, near_km, addresses)
    count = len(options)
    options.sort(key=_order)
    shown = options[:limit] if limit is not None else options
    ctx = SiblingContext(pack, household)
    for option in shown:
        _measure(option, trip_minutes)
        option.notes = sibling_notes(ctx, option.assignment(), could_apply=False)
    return TogetherResult(household.home, near_km, {n: len(rs) for n, rs in per_child}, count,
                          shown)


def _addresses(pack: Pack, ids: set[str]) -> dict[str, tuple[str, float | None, float | None]]:
    """School id -> (street address key, latitude, longitude)."""
    found = {}
    for school_id, address, city, lat, lon in pack.conn.execute(
            "SELECT id, address, city, latitude, longitude FROM schools"):
        if school_id in ids:
            key = f"{normalize_street(address)}|{normalize_street(city or '')}" if address else ""
            found[school_id] = (key, lat, lon)
    return found


def _km(a: Result, b: Result) -> float | None:
    if a.id == b.id:
        return 0.0
    if a.virtual or b.virtual or None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    return haversine_m(a.latitude, a.longitude, b.latitude, b.longitude) / 1000


def _same_site(a: Result, b: Result, addresses: dict, km: float | None) -> bool:
    if a.id == b.id:
        return True
    if km is not None and km <= CAMPUS_KM:
        return True
    key_a, key_b = addresses.get(a.id, ("",))[0], addresses.get(b.id, ("",))[0]
    return bool(key_a) and key_a == key_b and not (a.virtual or b.virtual)


def _options(per_child: list[tuple[int, list[Result]]], near_km: float,
             addresses: dict) -> list[TogetherOption]:
    """Every way to give each child one school, the schools pairwise close (or the same)."""
    found: list[TogetherOption] = []
    distance: dict[tuple[str, str], float | None] = {}

    def apart(a: Result, b: Result) -> float | None:
        key = (a.id, b.id) if a.id <= b.id else (b.id, a.id)
        if key not in distance:
            distance[key] = _km(a, b)
        return distance[key]

    def extend(chosen: list[Result], level: int) -> None:
        if len(found) >= MAX_OPTIONS:
            return
        if level == len(per_child):
            found.append(_option(per_child, chosen, addresses, apart))
            return
        for school in per_child[level][1]:
            fits = True
            for other in chosen:
                km = apart(school, other)
                if km is None or km > near_km:
                    fits = False
                    break
            if fits:
                extend([*chosen, school], level + 1)

    extend([], 0)
    return found


def _option(per_child, chosen: list[Result], addresses: dict, apart) -> TogetherOption:
    schools = list({r.id: r for r in chosen}.values())
    pairs = list(combinations(schools, 2))
    if len(schools) == 1:
        kind = "same_school"
    elif all(_same_site(a, b, addresses, apart(a, b)) for a, b in pairs):
        kind = "same_campus"
    else:
        kind = "close"
    gap = max((apart(a, b) or 0.0 for a, b in pairs), default=0.0)
    distances = [r.distance_km for r in schools]
    combined = None if any(d is None for d in distances) else sum(distances)
    fits = [ChildFit(number, school) for (number, _rs), school in zip(per_child, chosen,
                                                                      strict=True)]
    option = TogetherOption(kind, fits, gap, combined)
    option.legs = [Leg(a.id, b.id, apart(a, b) or 0.0) for a, b in pairs]
    return option


def _order(option: TogetherOption) -> tuple:
    combined = option.combined_km if option.combined_km is not None else math.inf
    return (combined, option.apart_km, _KIND_ORDER[option.kind],
            tuple(f.school.id for f in option.fits))


def _measure(option: TogetherOption, trip_minutes: TripMinutes | None) -> None:
    """The trip between each pair of schools, where the transit package can say."""
    if trip_minutes is None:
        return
    for leg in option.legs:
        leg.trip_min = trip_minutes(leg.from_id, leg.to_id)

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
each school once), then by how far apart the schools are, then same school before same campus
before close, and ties keep each child's own search order (distance, then school id): never by
sector.  A virtual school fits no campus and is only ever a same-school option.

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

import numpy as np

from navigator.addresses import normalize_street
from navigator.catalogue.pack import Pack
from navigator.errors import UserError
from navigator.geo import haversine_many
from navigator.household.model import Household, child_query
from navigator.household.siblings import SiblingContext, sibling_notes
from navigator.search.engine import SearchEngine
from navigator.search.results import Result
from navigator.walking import NEAR_KM

CAMPUS_KM = 0.15  # schools this close share a campus (one gate, one drop-off)
CANDIDATES = 200  # per child, the nearest schools their search keeps that are considered
KINDS = ("same_school", "same_campus", "close")  # in this order when all else is equal
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
    chosen, kinds, km = _options(per_child, near_km, addresses)
    count = len(chosen)
    shown = [_option(per_child, tuple(int(c) for c in row), KINDS[int(kind)], km)
             for row, kind in zip(chosen[:limit], kinds[:limit], strict=True)]  # shown: built
    ctx = SiblingContext(pack, household)
    for option in shown:
        _measure(option, trip_minutes)
        option.notes = sibling_notes(ctx, option.assignment(), could_apply=False)
    return TogetherResult(household.home, near_km, {n: len(rs) for n, rs in per_child}, count,
                          shown)


def _addresses(pack: Pack, ids: set[str]) -> dict[str, str]:
    """School id -> its street address as a matching key ("" when the pack has none)."""
    found = {}
    wanted = sorted(ids)
    for i in range(0, len(wanted), 500):
        chunk = wanted[i:i + 500]
        for school_id, address, city in pack.conn.execute(
                f"SELECT id, address, city FROM schools WHERE id IN ({','.join('?' * len(chunk))})",
                chunk):
            found[school_id] = (f"{normalize_street(address)}|{normalize_street(city or '')}"
                                if address else "")
    return found


def _places(results: list[Result]) -> tuple[np.ndarray, np.ndarray]:
    """Latitudes and longitudes, NaN where a school has no place (or is virtual)."""
    lat = np.array([np.nan if r.virtual or r.latitude is None else r.latitude for r in results])
    lon = np.array([np.nan if r.virtual or r.longitude is None else r.longitude
                    for r in results])
    return lat, lon


def _options(per_child: list[tuple[int, list[Result]]], near_km: float,
             addresses: dict[str, str]) -> tuple[np.ndarray, np.ndarray, dict]:
    """Every way to give each child one school, the schools pairwise close (or the same), in
    order: one row of candidate positions per option (a column per child), its kind (an
    index in :data:`KINDS`), and the distances between the children's candidates.

    The distances between every two children's candidates are computed at once (arrays), and
    the options are walked child by child, keeping only schools close to every school already
    chosen; the last child's schools are weighed all at once, so a dense city with thousands
    of options stays quick.  Ties keep each child's own search order (distance, then id)."""
    schools = [results for _n, results in per_child]
    n = len(schools)
    places = [_places(results) for results in schools]
    ids = [np.array([r.id for r in results], dtype=object) for results in schools]
    keys = [np.array([addresses.get(r.id, "") for r in results], dtype=object)
            for results in schools]
    home = [np.array([math.inf if r.distance_km is None else r.distance_km for r in results])
            for results in schools]
    km, near, same, campus = {}, {}, {}, {}
    for j, k in combinations(range(n), 2):
        (lat_j, lon_j), (lat_k, lon_k) = places[j], places[k]
        with np.errstate(invalid="ignore"):
            distance = haversine_many(lat_j[:, None], lon_j[:, None], lat_k[None, :],
                                      lon_k[None, :]) / 1000
            one = ids[j][:, None] == ids[k][None, :]
            distance[one] = 0.0
            address = (keys[j][:, None] == keys[k][None, :]) & (keys[j][:, None] != "")
            km[(j, k)], same[(j, k)] = distance, one
            near[(j, k)] = one | (distance <= near_km)  # NaN (no place) is never near
            campus[(j, k)] = one | (distance <= CAMPUS_KM) | address
    found: list[tuple[np.ndarray, ...]] = []  # per batch: chosen, combined, apart, kind
    total = 0

    def extend(chosen: list[int], combined: float, apart: float, all_same: bool,
               all_campus: bool) -> None:
        nonlocal total
        level = len(chosen)
        allowed = np.ones(len(schools[level]), dtype=bool)
        new = np.ones(len(schools[level]), dtype=bool)  # not a school already chosen
        gap = np.full(len(schools[level]), apart)
        one = np.full(len(schools[level]), all_same)
        shared = np.full(len(schools[level]), all_campus)
        for j, picked in enumerate(chosen):
            allowed &= near[(j, level)][picked]
            new &= ~same[(j, level)][picked]
            gap = np.maximum(gap, km[(j, level)][picked])
            shared &= campus[(j, level)][picked]
        one &= same[(0, level)][chosen[0]]
        cost = combined + np.where(new, home[level], 0.0)
        index = np.flatnonzero(allowed)[:MAX_OPTIONS - total]
        if level == n - 1:
            if len(index):
                prefix = np.tile(np.array(chosen, dtype=np.int64), (len(index), 1))
                found.append((np.column_stack([prefix, index]), cost[index], gap[index],
                              np.where(one[index], 0, np.where(shared[index], 1, 2))))
                total += len(index)
            return
        for i in index:
            if total >= MAX_OPTIONS:
                return
            extend([*chosen, int(i)], float(cost[i]), float(gap[i]), bool(one[i]),
                   bool(shared[i]))

    for first in range(len(schools[0])):
        if total >= MAX_OPTIONS:
            break
        extend([first], float(home[0][first]), 0.0, True, True)
    if not found:
        return np.zeros((0, n), dtype=np.int64), np.zeros(0, dtype=np.int64), km
    chosen = np.concatenate([f[0] for f in found])
    cost, apart, kind = (np.concatenate([f[i] for f in found]) for i in (1, 2, 3))
    order = np.lexsort([chosen[:, level] for level in reversed(range(n))] + [kind, apart, cost])
    return chosen[order], kind[order], km


def _option(per_child, chosen: tuple[int, ...], kind: str, km: dict) -> TogetherOption:
    picked = [per_child[level][1][index] for level, index in enumerate(chosen)]
    pairs = []  # each two distinct schools once, with their distance
    seen: set[tuple[str, str]] = set()
    for j, k in combinations(range(len(chosen)), 2):
        a, b = picked[j], picked[k]
        key = tuple(sorted((a.id, b.id)))
        if a.id != b.id and key not in seen:
            seen.add(key)
            pairs.append((a, b, float(km[(j, k)][chosen[j], chosen[k]])))
    distances = [r.distance_km for r in {r.id: r for r in picked}.values()]
    combined = None if any(d is None for d in distances) else sum(distances)
    fits = [ChildFit(number, school) for (number, _rs), school in zip(per_child, picked,
                                                                      strict=True)]
    return TogetherOption(kind, fits, max((d for _a, _b, d in pairs), default=0.0), combined,
                          [Leg(a.id, b.id, d) for a, b, d in pairs])


def _measure(option: TogetherOption, trip_minutes: TripMinutes | None) -> None:
    """The trip between each pair of schools, where the transit package can say."""
    if trip_minutes is None:
        return
    for leg in option.legs:
        leg.trip_min = trip_minutes(leg.from_id, leg.to_id)

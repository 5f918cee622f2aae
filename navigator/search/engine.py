"""Running a query: every criterion becomes a yes/no/unknown column, combined in one pass.

Order is by distance (with a home) or by name, never by sector; ties are broken
by school id, so relabelling sectors cannot move a school.  A family may ask for
the order of one official result ("indicator:ela"); schools without a reported
value (withheld for privacy, or not published) then come last, never as zero, and
each result carries that indicator's status and change together.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from navigator.catalogue.codes import INDICATORS
from navigator.catalogue.pack import Pack
from navigator.catalogue.sites import SITE_KINDS
from navigator.errors import UserError
from navigator.search.groups import GROUPS, groups, visible
from navigator.search.index import NO, UNKNOWN, YES, SchoolIndex, fold
from navigator.search.order import first, indicator_key
from navigator.search.query import ORDERS, Query, indicator_of
from navigator.search.results import Result, SchoolDetails, SearchResult
from navigator.search.zones import zoned_schools
from navigator.walking import DETOUR_FACTOR, WALK_KM_PER_MIN, walk_minutes

NOT_APPLICABLE = 2  # e.g. distance for a virtual school: neither met nor unmet
CATEGORIES = {"programs": "program", "el": "el", "sped": "sped", "languages": "language"}


class SearchEngine:
    """One pack's index and the queries over it; cheap to query many times."""

    def __init__(self, pack: Pack):
        self.pack = pack
        self.index = SchoolIndex(pack)
        self.codes = {(c, k) for c, k in pack.conn.execute("SELECT category, code FROM codes")}
        self.name_rank = np.empty(len(self.index), dtype=np.int64)
        self.name_rank[sorted(range(len(self.index)), key=lambda i: fold(self.index.names[i]))] = \
            np.arange(len(self.index))
        self.details = SchoolDetails(pack)
        self.has_zones = pack.conn.execute(
            "SELECT EXISTS (SELECT 1 FROM boundaries WHERE kind = 'attendance')").fetchone()[0] == 1
        self._planner = None  # the timetable is read the first time a trip is asked for

    @property
    def planner(self):
        """Trips from a home to every school (navigator.transit.planner.TripPlanner)."""
        if self._planner is None:
            from navigator.transit.planner import TripPlanner

            index = self.index
            self._planner = TripPlanner(self.pack, index.ids, index.lat, index.lon, index.virtual)
        return self._planner

    # --- checking a query -----------------------------------------------------------------------

    def resolve_line(self, text: str) -> str:
        """A line id from what a person types: its id, short name, or a word of its long name."""
        wanted = fold(text.strip())
        lines = self.index.lines.values()
        for line in lines:
            if wanted in (fold(line.id), fold(line.short_name or ""), fold(line.long_name or "")):
                return line.id
        partial = [line for line in lines if wanted and f" {wanted} " in f" {fold(line.long_name or '')} "]
        if len(partial) == 1:
            return partial[0].id
        known = ", ".join(line.display for line in sorted(lines, key=lambda x: x.display)[:20])
        if not lines:
            raise UserError(f"This pack has no transit lines, so line {text!r} cannot be used.")
        raise UserError(f"No line {text!r} in this pack; use one of: {known}.")

    def check(self, query: Query) -> None:
        """Refuse codes the pack does not know and combinations that cannot be answered."""
        for attribute, category in CATEGORIES.items():
            for wanted in getattr(query, attribute):
                code = wanted.split(":", 1)[0]
                if category == "language":
                    if not (code.isalpha() and 2 <= len(code) <= 3):
                        raise UserError(f"{wanted!r} is not a language code; use two letters, e.g. es.")
                elif (category, code) not in self.codes:
                    known = sorted(k for c, k in self.codes if c == category)
                    raise UserError(f"{wanted!r} is not a {category} code in this pack; use one of: "
                                    f"{', '.join(known)}.")
        if query.one_seat and query.home is None:
            raise UserError("A one-seat ride needs a home: give a ZIP code, an address or a point.")
        if query.transit_within_m is not None and query.transit_within_m > self.index.walk_radius_m:
            raise UserError(f"This pack lists stops within {self.index.walk_radius_m:g} m of each "
                            f"school; ask for {self.index.walk_radius_m:g} m or less.")
        self._check_trip(query)
        code = indicator_of(query.order)
        if code is not None:
            codes, groups = self.index.indicator_names()
            if not codes:
                raise UserError("This pack has no school results, so it cannot be ordered by one.")
            if code not in codes:
                raise UserError(f"This pack has no results for {code!r}; use one of: "
                                f"{', '.join(f'indicator:{c}' for c in codes)}.")
            if code not in INDICATORS:
                raise UserError(f"Navigator does not know which way {code!r} is better, so it will "
                                "not order by it.")
            if query.indicator_group not in groups:
                raise UserError(f"This pack has no results for student group "
                                f"{query.indicator_group!r}; use one of: {', '.join(groups)}.")
        elif query.order is not None and query.order not in ORDERS:
            raise UserError(f"Order {query.order!r} is not one of: {', '.join(ORDERS)}, "
                            "or indicator:CODE.")

    @staticmethod
    def _check_trip(query: Query) -> None:
        if not query.wants_trips():
            return
        if query.home is None:
            raise UserError("A trip time needs a home: give a ZIP code, an address, a stop or a point.")
        if query.transit_minutes is not None and not 0 < query.transit_minutes <= 600:
            raise UserError(f"The trip time {query.transit_minutes:g} is not a number of minutes "
                            "from 1 to 600; give e.g. --transit-minutes 45.")
        if not 0 <= query.max_transfers <= 6:
            raise UserError(f"The number of changes {query.max_transfers} must be from 0 to 6.")
        if not 0 < query.trip_walk_min <= 30:
            raise UserError(f"The walk at either end of a trip ({query.trip_walk_min:g} minutes) "
                            "must be from 1 to 30 minutes.")

    def trip_request(self, query: Query):
        """The planner's request for a query's home, time, day and options."""
        from navigator.transit.planner import TripRequest, next_school_day
        from navigator.transit.router import TripOptions

        return TripRequest(query.home.latitude, query.home.longitude, query.arrive_by,
                           query.on_date or next_school_day(date.today()),
                           TripOptions(max_walk_min=query.trip_walk_min,
                                       max_transfers=query.max_transfers))

    # --- running it -----------------------------------------------------------------------------

    def search(self, query: Query) -> SearchResult:
        self.check(query)
        index = self.index
        states: dict[str, np.ndarray] = {}
        distance_km = self._distances(query)
        if query.grade is not None:
            states["grade"] = index.grade_state(query.grade)
        if query.within_km is not None:
            states["distance"] = self._within(distance_km, query.within_km)
        if query.walk_min is not None:
            states["walk"] = self._within(distance_km, query.walk_min * WALK_KM_PER_MIN / DETOUR_FACTOR)
        if query.sectors:
            states["sector"] = index.sector_state(query.sectors)
        if query.levels:
            states["level"] = index.level_state(query.levels)
        for attribute, category in CATEGORIES.items():
            for wanted in getattr(query, attribute):
                code, _, detail = wanted.partition(":")
                states[f"{category}:{wanted}"] = index.feature(category, code, detail or None)
        states.update(self._transit_states(query))
        if query.open_on is not None:
            states["open_on"] = index.open_state(query.open_on)
        trips = trip_states = request = None
        if query.wants_trips():
            request = self.trip_request(query)
            limit = query.transit_minutes if query.transit_minutes is not None else float("inf")
            trip_states, trips = self.planner.states(request, limit)
            if query.transit_minutes is not None:  # a criterion only when there is a limit
                states["trip"] = trip_states

        keep = index.open_school & visible(index, query)
        if states:
            stack = np.vstack(list(states.values()))
            keep &= ~(stack == NO).any(axis=0)
            if query.drop_unknown:
                keep &= ~(stack == UNKNOWN).any(axis=0)
        if query.text:
            keep &= index.name_matches(query.text)
        zoned: dict[str, str] = {}
        if query.home is not None and self.has_zones:
            zoned = zoned_schools(self.pack, query.home.latitude, query.home.longitude, query.grade)
        for school_id in list(zoned) + sorted(query.include):
            if school_id in index.position:
                keep[index.position[school_id]] = True  # always shown, whatever the filters

        kept = np.flatnonzero(keep)
        count = len(kept)
        group = groups(index, query)
        chosen = self._ordered(kept, query, distance_km, query.limit, trips, group)
        if distance_km is not None:  # the shown schools get their exact distance
            self._measure(query, distance_km, chosen)
        results = [self._result(int(i), states, distance_km, zoned, GROUPS[group[i]])
                   for i in chosen]
        self.details.fill(results)
        if trip_states is not None:
            from navigator.transit.planner import VERDICTS

            for i, result in zip(chosen, results, strict=True):
                result.trip_state = VERDICTS[int(trip_states[int(i)])]
        home_stop = None
        if trips is not None:  # the legs, traced back for the schools shown only
            for result in results:
                trip = self.planner.trip(trips, result.id, result.name)
                result.trip = trip.to_json() if trip is not None else None
                if trip is None and result.trip_state == "none":
                    near = self.planner.school_stop(request, result.id)
                    result.no_stop_near = near.to_json() if near else None
            home_stop = self.planner.home_stop(trips, request)
        code = indicator_of(query.order)
        if code is not None:  # status and change together, for every school shown
            _status, rows = self.index.indicator(code, query.indicator_group)
            for i, result in zip(chosen, results, strict=True):
                result.indicator = dict(rows.get(int(i)) or self._unreported(code, query))
        home = None
        if query.home is not None:
            home = {"latitude": query.home.latitude, "longitude": query.home.longitude,
                    "kind": query.home.kind, "label": query.home.label,
                    "matched": query.home.matched, "exact": query.home.exact}
        return SearchResult(home, count, results, zoned,
                            home_stop.to_json() if home_stop is not None else None)

    def _distances(self, query: Query) -> np.ndarray | None:
        """Kilometres from home (NaN: no location, or outside any asked-for radius)."""
        if query.home is None:
            return None
        index = self.index
        radii = [r for r in (query.within_km,
                             query.walk_min * WALK_KM_PER_MIN / DETOUR_FACTOR
                             if query.walk_min is not None else None) if r is not None]
        distance = np.full(len(index), np.nan)
        if radii:  # only schools in the radius's band can be inside it
            which = index.band(query.home.latitude, max(radii))
            distance[which] = index.distances_km(query.home.latitude, query.home.longitude, which)
        return distance

    def _measure(self, query: Query, distance_km: np.ndarray, which: np.ndarray) -> None:
        """Fill in exact distances for ``which`` where they are not known yet."""
        missing = which[np.isnan(distance_km[which]) & self.index.has_point[which]]
        if len(missing):
            distance_km[missing] = self.index.distances_km(query.home.latitude,
                                                           query.home.longitude, missing)

    def _within(self, distance_km: np.ndarray | None, limit_km: float) -> np.ndarray:
        index = self.index
        if distance_km is None:
            return np.full(len(index), UNKNOWN, dtype=np.int8)  # no home: distance cannot be judged
        inside = distance_km <= limit_km  # NaN (outside the band) compares False
        state = np.where(inside, YES, NO).astype(np.int8)
        state[~index.has_point] = UNKNOWN
        state[index.virtual] = NOT_APPLICABLE
        return state

    def _transit_states(self, query: Query) -> dict[str, np.ndarray]:
        index = self.index
        wanted = {}
        if query.transit:
            wanted[f"transit:{query.transit}"] = [f"mode:{query.transit}"]
        line_id = self.resolve_line(query.line) if query.line else None
        if line_id:
            wanted[f"line:{query.line}"] = [f"line:{line_id}"]
        if query.one_seat:
            home_lines = index.lines_near(query.home.latitude, query.home.longitude,
                                          index.walk_radius_m)
            if line_id:
                home_lines &= {line_id}
            wanted["one_seat"] = [f"line:{line}" for line in sorted(home_lines)]
        if not wanted:
            return {}
        radius = query.transit_within_m or index.walk_radius_m
        states = {}
        for name, keys in wanted.items():
            if not index.has_transit:
                states[name] = np.full(len(index), UNKNOWN, dtype=np.int8)
                continue
            near = np.zeros(len(index), dtype=bool)
            for key in keys:
                near |= index.near_stops(key, radius)
            state = np.where(near, YES, NO).astype(np.int8)
            state[~index.has_point] = UNKNOWN
            states[name] = state
        return states

    def _ordered(self, chosen: np.ndarray, query: Query, distance_km: np.ndarray | None,
                 limit: int | None, trips, group: np.ndarray) -> np.ndarray:
        """The first ``limit`` schools in order (``order.py``): group, then the family's order."""
        order = query.order or ("distance" if query.home is not None else "name")
        lead = group[chosen].astype(np.float64)
        names = self.name_rank[chosen].astype(np.float64)
        if order == "trip":  # the quickest trip first; then the others by distance, never by id
            minutes = np.full(len(chosen), np.inf) if trips is None else \
                trips.minutes()[chosen].astype(np.float64)
            minutes[minutes < 0] = np.inf
            return first(chosen, [lead, minutes, self._exact_km(query, distance_km, chosen),
                                  names], limit)
        code = indicator_of(order)
        if code is not None:
            status, _rows = self.index.indicator(code, query.indicator_group)
            return first(chosen, [lead, indicator_key(status[chosen], code),
                                  self._exact_km(query, distance_km, chosen)], limit)
        if order not in ("distance", "walk") or distance_km is None:
            return first(chosen, [lead, names], limit)
        index = self.index
        key = distance_km[chosen].copy()
        rough = np.isnan(key) & index.has_point[chosen]
        if rough.any():
            # A flat-earth estimate picks the candidates; only they get the exact formula.
            key[rough] = index.rough_km(query.home.latitude, query.home.longitude, chosen[rough])
        key[np.isnan(key) | index.virtual[chosen]] = np.inf
        if limit is not None and len(chosen) > limit:
            key = np.minimum(key, 1e6)
            cutoff = np.partition(lead * 1e7 + key, limit - 1)[limit - 1]
            cut_group = np.floor(cutoff / 1e7)
            # The estimate is within 1% in a metro area: keep what the exact distance could let in.
            near = (lead < cut_group) | ((lead == cut_group) &
                                         (key <= (cutoff - cut_group * 1e7) * 1.01 + 1e-9))
            chosen, lead, names = chosen[near], lead[near], names[near]
        return first(chosen, [lead, self._exact_km(query, distance_km, chosen), names], limit)

    def _exact_km(self, query: Query, distance_km: np.ndarray | None,
                  chosen: np.ndarray) -> np.ndarray:
        """Exact distances of ``chosen`` as a sort key: no home, no location or online: last."""
        if distance_km is None:
            return np.full(len(chosen), np.inf)
        self._measure(query, distance_km, chosen)
        key = distance_km[chosen].copy()
        key[np.isnan(key) | self.index.virtual[chosen]] = np.inf
        return key

    @staticmethod
    def _unreported(code: str, query: Query) -> dict:
        return {"indicator": code, "group": query.indicator_group, "year": None, "status": None,
                "status_level": None, "change": None, "change_level": None, "students": None,
                "suppressed": False, "source": None}

    def _result(self, i: int, states: dict[str, np.ndarray], distance_km: np.ndarray | None,
                zoned: dict[str, str], group: str) -> Result:
        index = self.index
        verdicts = {name: int(column[i]) for name, column in states.items()}
        km = None
        if distance_km is not None and not index.virtual[i] and not np.isnan(distance_km[i]):
            km = round(float(distance_km[i]), 3)
        row = index.ids[i]
        low, high = (int(index.grade_low[i]), int(index.grade_high[i])) if index.grade_known[i] \
            else (None, None)
        return Result(
            id=row, name=index.names[i], sector=index.sector_name(i),
            grade_low=low, grade_high=high,
            latitude=None if np.isnan(index.lat[i]) else float(index.lat[i]),
            longitude=None if np.isnan(index.lon[i]) else float(index.lon[i]),
            virtual=bool(index.virtual[i]), distance_km=km,
            walk_min=walk_minutes(km) if km is not None else None,
            zoned=row in zoned,
            matched=[n for n, v in verdicts.items() if v == YES],
            unmet=[n for n, v in verdicts.items() if v == NO],
            unknown=[n for n, v in verdicts.items() if v == UNKNOWN],
            site_kind=SITE_KINDS[index.site_kind[i]], placed_by=index.placed_by[i], group=group,
            pending=i in index.opens, opens=index.opens.get(i),
        )

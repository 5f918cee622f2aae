"""From one home to every school at once: the trip that lets the family leave latest and still
arrive by each school's time.

Why this algorithm (measured; see the README's Benchmarks and the issue note):

The question is one origin, thousands of destinations, each with its own arrive-by time.  A
backward search from the schools loses which school a label belongs to; RAPTOR forward from
home answers one departure time per run, so the exact answer needs a *profile* over every
departure in the window (rRAPTOR: one run per departure, around a hundred at bus scale).  Here
the profile is computed in one pass per ride instead, over the timetable's events in the
window, with whole-minute arrays:

* round k (k changes): ``board[e]`` is the latest time one can leave home and be ready to board
  at event e (the trip's stop e): for the first ride, the departure minus the walk from home;
  later, the best *arrival profile* of round k-1 at that stop (or a walk away), read at the
  departure minus the change time.
* staying aboard is a running maximum along each trip, and on into the trip the same vehicle
  runs next (``Timetable.trip_next``: staying on the bus is not a change, and costs no change
  time); alighting at e is worth what the vehicle carried from its previous stops.
* the arrival profile of round k is a (stop x minute) grid: the latest home departure that has
  reached the stop by that minute (a scatter-max, then a running max along time).

Each school then reads the grid at (its stops, its time minus the walk from the stop).  Every
step is a numpy array operation over the events in the window, so one query costs a few
passes over them per ride, whatever the number of schools.  Ties: latest departure from home,
then earliest arrival, then fewest changes.  Times are whole minutes (arrivals rounded up,
departures down, walks rounded up), so a trip found can always be made.  A trip leaves home at
most ``window_min`` before the arrive-by time, on trips of the chosen service day and the
after-midnight part of the day before's (a 30:40 stop time of Monday's service is Tuesday 6:40).
Walking all the way competes with the rides for a school within ``max_walk_min`` on foot; further
away, it replaces a ride that takes as long or longer door to door (never a ride slower than
walking: ``Answer.walk_quicker``).

Libraries measured first: pyraptor 1.3.10 (pure Python RAPTOR, 2022) reads service days only
from calendar_dates.txt (LA's is empty), splits a station into unconnected platforms, routes
station to station only (no walk from a home or to a school) and took 0.73 s for one hour of
departures from one station on the rail feed; r5py needs a Java R5 jar downloaded at first run
and an OpenStreetMap extract, neither available offline here; gtfs-kit does not route; networkx
on a time-expanded graph is the benchmark's baseline (87x slower on rail, 700x at bus scale).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from navigator.geo import haversine_many
from navigator.transit.timetable import Timetable
from navigator.walking import DETOUR_FACTOR, WALK_KM_PER_MIN

NONE = -1
DAY_MIN = 24 * 60


@dataclass(frozen=True)
class TripOptions:
    max_walk_min: float = 10.0  # at either end
    max_transfers: int = 2
    window_min: int = 150  # how long before the arrive-by time a trip may leave home


DEFAULT_OPTIONS = TripOptions()


def _joined(parts: list[np.ndarray], dtype) -> np.ndarray:
    return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype)


def walk_minutes_exact(metres: np.ndarray) -> np.ndarray:
    """Walking minutes for straight-line metres: streets are not straight (x 1.3), 4.5 km/h."""
    return metres / 1000.0 * DETOUR_FACTOR / WALK_KM_PER_MIN


def _walk_int(exact: np.ndarray) -> np.ndarray:
    return np.maximum(1, np.ceil(exact - 1e-9)).astype(np.int32)


@dataclass
class Places:
    """Destinations (schools) and the stops within walking distance of each, with minutes."""

    lat: np.ndarray
    lon: np.ndarray
    max_walk_min: float
    pair_place: np.ndarray
    pair_stop: np.ndarray
    pair_walk: np.ndarray

    def __len__(self) -> int:
        return len(self.lat)


@dataclass
class Answer:
    """Per place: the chosen trip's home departure and arrival (minutes; NONE when no trip)."""

    depart: np.ndarray
    arrive: np.ndarray
    transfers: np.ndarray
    on: date
    used_dates: dict[str, date]
    places: Places | None = field(default=None, repr=False)
    state: _State | None = field(default=None, repr=False)
    home: tuple[float, float] | None = None  # where the trips start (their first walk, on the map)
    # Per place: the trip is a walk because the ride found took as long or longer door to door.
    walk_quicker: np.ndarray | None = None
    # Walk minutes from home to the nearest timed stop, when none is within the walk (else None).
    home_stop: tuple[int, int] | None = None  # (stop index, walk minutes)

    def found(self) -> np.ndarray:
        return self.depart != NONE

    def minutes(self) -> np.ndarray:
        return np.where(self.found(), self.arrive - self.depart, NONE)


@dataclass
class Window:
    """The events of one window's trips in order, minutes relative to its start; ``first`` starts
    a vehicle's stretch, ``joined`` a trip that continues the one before (None: no such trip)."""

    events: np.ndarray
    day: np.ndarray
    stop: np.ndarray
    dep: np.ndarray
    arr: np.ndarray
    first: np.ndarray
    joined: np.ndarray | None
    can_board: np.ndarray


@dataclass
class Prepared:
    """A window's fixed parts: each event's stretch offset, boarding and arrival grid cells.
    (Sorting the events by arrival cell to replace ``np.maximum.at`` by ``reduceat`` was measured
    slower with numpy 2.4: 70 against 60 ms a reversed run at bus scale.)"""

    segment: np.ndarray
    board_cell: np.ndarray
    arrive_cell: np.ndarray


@dataclass
class _State:
    """What a query computed, kept so that the trips of the schools shown can be traced back."""

    w0: int
    m: int
    events: np.ndarray  # global event index per window event
    day: np.ndarray  # per window event: 0 the asked service day, -1 the day before's (after midnight)
    stop: np.ndarray
    dep: np.ndarray  # minutes - w0
    arr: np.ndarray
    first: np.ndarray  # first window event of its trip
    boards: list[np.ndarray]
    alights: list[np.ndarray]
    grids: list[np.ndarray]  # (stop, minute) per round
    access: np.ndarray  # walk minutes from home per stop, NONE beyond reach
    choice_kind: np.ndarray  # per place: round of the last ride; -2 walk only; NONE no trip
    choice_pair: np.ndarray  # the egress pair used (index into Places pairs)
    choice_minute: np.ndarray  # minute (- w0) of arrival at the last stop
    direct: np.ndarray  # walk minutes home -> place (NONE: no place on the map)
    by_stop: tuple[np.ndarray, np.ndarray] | None = None


def walk_batches(tt: Timetable, backwards: bool = False) -> list[tuple[int, np.ndarray, np.ndarray]]:
    """The walking changes as (minutes, to stops, from stops) batches in which no stop is walked
    to twice, so that each batch is one vectorised row update (``backwards``: each walk the other
    way, for runs on the timetable reversed in time)."""
    to = np.repeat(np.arange(tt.stops), np.diff(tt.walk_ptr))
    frm, minutes = tt.walk_from.astype(np.int64), tt.walk_min.astype(np.int64)
    if backwards:
        to, frm = frm, to
    order = np.lexsort((to, minutes))
    to, frm, minutes = to[order], frm[order], minutes[order]
    key = minutes * (tt.stops + 1) + to
    run_start = np.r_[0, np.flatnonzero(np.diff(key)) + 1] if len(key) else np.zeros(0, np.int64)
    rank = np.arange(len(key)) - np.repeat(run_start, np.diff(np.r_[run_start, len(key)]))
    batches = []
    for shift in np.unique(minutes):
        for r in range(int(rank[minutes == shift].max()) + 1):
            pick = (minutes == shift) & (rank == r)
            batches.append((int(shift), to[pick], frm[pick]))
    return batches


class Router:
    def __init__(self, timetable: Timetable):
        self.tt = timetable
        self._lat_order = np.argsort(timetable.stop_lat, kind="stable")
        self._sorted_lat = timetable.stop_lat[self._lat_order]
        # whole minutes: departures rounded down, arrivals up (a trip found can be made)
        self._dep_min = (timetable.departure // 60).astype(np.int16)
        self._arr_min = (-(-timetable.arrival // 60)).astype(np.int16)
        changes = timetable.change_min
        self._change_groups = [(int(c), np.flatnonzero(changes == c)) for c in np.unique(changes)]
        self._walk_batches = walk_batches(timetable)

    # --- places ---------------------------------------------------------------------------

    def stops_within(self, lat: float, lon: float, max_walk_min: float) -> tuple[np.ndarray, np.ndarray]:
        """(stop indices, exact walking minutes) of the stops within ``max_walk_min`` of a point."""
        radius_km = max_walk_min * WALK_KM_PER_MIN / DETOUR_FACTOR
        dlat = radius_km / 111.0 * 1.01
        lo = np.searchsorted(self._sorted_lat, lat - dlat, side="left")
        hi = np.searchsorted(self._sorted_lat, lat + dlat, side="right")
        band = self._lat_order[lo:hi]
        minutes = walk_minutes_exact(haversine_many(lat, lon, self.tt.stop_lat[band], self.tt.stop_lon[band]))
        near = minutes <= max_walk_min + 1e-9
        return band[near], minutes[near]

    def places(self, lat: np.ndarray, lon: np.ndarray, max_walk_min: float = 10.0) -> Places:
        """Destinations with the stops a walk of at most ``max_walk_min`` away (NaN: no point)."""
        lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
        place, stop, walk = [], [], []
        for i in np.flatnonzero(~np.isnan(lat)):
            stops, minutes = self.stops_within(float(lat[i]), float(lon[i]), max_walk_min)
            place.append(np.full(len(stops), i))
            stop.append(stops)
            walk.append(_walk_int(minutes))
        return Places(lat, lon, max_walk_min, _joined(place, np.int64), _joined(stop, np.int64),
                      _joined(walk, np.int32))

    # --- the query ------------------------------------------------------------------------

    def query(self, home_lat: float, home_lon: float, places: Places, arrive_by: np.ndarray,
              on: date, options: TripOptions = DEFAULT_OPTIONS) -> Answer:
        """The trip per place that leaves home latest and arrives by ``arrive_by`` (minutes after
        midnight, one per place) on the service day ``on``."""
        tt = self.tt
        n = len(places)
        arrive_by = np.broadcast_to(np.asarray(arrive_by, dtype=np.int64), (n,))
        running, used = tt.trips_running(on)
        depart = np.full(n, NONE, dtype=np.int64)
        arrive = np.full(n, NONE, dtype=np.int64)
        transfers = np.full(n, NONE, dtype=np.int64)
        if n == 0:
            return Answer(depart, arrive, transfers, on, used)
        w0 = int(arrive_by.min()) - options.window_min
        w1 = int(arrive_by.max())
        m = w1 - w0 + 1
        access = np.full(tt.stops, NONE, dtype=np.int32)
        stops, minutes = self.stops_within(home_lat, home_lon, options.max_walk_min)
        access[stops] = _walk_int(minutes)
        before = self._overnight(on, w0, w1)
        state = self._rounds(running, before, access, w0, m, options.max_transfers)
        direct = np.full(n, NONE, dtype=np.int64)
        located = ~np.isnan(places.lat)
        direct[located] = _walk_int(walk_minutes_exact(haversine_many(
            home_lat, home_lon, places.lat[located], places.lon[located])))
        state.direct = direct
        quicker = self._choose(state, places, arrive_by - w0, options.max_walk_min, depart, arrive,
                               transfers)
        ok = depart != NONE
        depart[ok] += w0
        arrive[ok] += w0
        home_stop = None if len(stops) else self.nearest_stop(home_lat, home_lon)
        return Answer(depart, arrive, transfers, on, used, places, state, (float(home_lat), float(home_lon)),
                      quicker, home_stop)

    def nearest_stop(self, lat: float, lon: float) -> tuple[int, int] | None:
        """The timed stop nearest a point and its walk in whole minutes (rounded up)."""
        if not self.tt.stops:
            return None
        minutes = walk_minutes_exact(haversine_many(lat, lon, self.tt.stop_lat, self.tt.stop_lon))
        stop = int(np.argmin(minutes))
        return stop, int(_walk_int(minutes[stop:stop + 1])[0])

    def _overnight(self, on: date, w0: int, w1: int) -> np.ndarray:
        """The trips of the service day before ``on`` still running in the window after midnight
        (stop times past 24:00), as indices."""
        tt = self.tt
        late = (tt.trip_last_arr - DAY_MIN >= w0) & (tt.trip_first_dep - DAY_MIN <= w1)
        if not late.any():
            return np.zeros(0, dtype=np.int64)
        running, _ = tt.trips_running(on - timedelta(days=1))
        return np.flatnonzero(running & late)

    def _rounds(self, running: np.ndarray, before: np.ndarray, access: np.ndarray, w0: int, m: int,
                max_transfers: int) -> _State:
        win = self._window(running, before, w0, m)
        boards, alights, grids = self._propagate(win, access, m, max_transfers, self._walk_batches)
        return _State(w0, m, win.events, win.day, win.stop, win.dep.astype(np.int32),
                      win.arr.astype(np.int32), win.first, boards, alights, grids, access,
                      np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64),
                      np.zeros(0, np.int64))

    def _window(self, running: np.ndarray, before: np.ndarray, w0: int, m: int) -> Window:
        """The events of the trips running in the window, as one vehicle's stretches."""
        tt = self.tt
        w1 = w0 + m - 1
        today = np.flatnonzero(running & (tt.trip_first_dep <= w1) & (tt.trip_last_arr >= w0))
        trips = np.concatenate([today, before]) if len(before) else today
        trip_day = np.r_[np.zeros(len(today), np.int16), np.full(len(before), -1, np.int16)]
        lengths = tt.trip_length[trips]
        total = int(lengths.sum())
        offsets = np.r_[0, np.cumsum(lengths)[:-1]]
        events = np.repeat(tt.trip_start[trips] - offsets, lengths) + np.arange(total)
        trip_of = np.repeat(np.arange(len(trips), dtype=np.int32), lengths)
        if len(before):  # the day before's trips, after midnight: their minutes less a day
            day = np.repeat(trip_day, lengths)
            shift = (day * DAY_MIN - w0).astype(np.int16)
        else:
            day, shift = np.zeros(total, dtype=np.int16), np.int16(-w0)
        dep = self._dep_min[events] + shift
        arr = self._arr_min[events] + shift
        keep = (dep >= 0) & (arr < m)
        events, trip_of, dep, arr, day = events[keep], trip_of[keep], dep[keep], arr[keep], day[keep]
        stop = tt.event_stop[events]
        starts = np.ones(len(events), dtype=bool)
        starts[1:] = trip_of[1:] != trip_of[:-1]
        first = starts
        can_board = dep < m
        # A trip the vehicle continues (the previous trip of this list, the same day) is one ride
        # with it: the running max below carries on across, at no change time.
        cont = np.zeros(len(trips), dtype=bool)
        cont[1:] = (tt.trip_prev[trips[1:]] == trips[:-1]) & (trip_day[1:] == trip_day[:-1])
        joined = None
        if cont.any():  # never board at a trip's last stop, nor get off at its next trip's first
            joined = starts & cont[trip_of]
            first = starts & ~joined
            ends = np.r_[starts[1:], True]
            continues = np.r_[cont[1:], False]
            can_board &= ~(ends & continues[trip_of])
        return Window(events, day, stop, dep, arr, first, joined, can_board)

    def prepare(self, win: Window, m: int) -> Prepared:
        """What every run over one window reads (worked out once when many runs share it)."""
        stop, dep, arr, first = win.stop, win.dep, win.arr, win.first
        wide = np.int64 if (len(first) + 1) * (m + 2) >= 2**31 else np.int32
        segment = (np.cumsum(first, dtype=wide) - 1) * (m + 2)
        board_cell = stop.astype(np.int64) * m + np.minimum(dep, m - 1)
        arrive_cell = np.clip(arr, 0, m - 1).astype(np.int64) * self.tt.stops + stop
        return Prepared(segment, board_cell, arrive_cell)

    def _propagate(self, win: Window, access: np.ndarray, m: int, max_transfers: int,
                   walk_batches, prepared: Prepared | None = None
                   ) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
        """The rounds over a window: per round the boarding and alighting values and the
        (stop, minute) grid of the latest start that has reached each stop by each minute."""
        stop, dep, arr, first = win.stop, win.dep, win.arr, win.first
        prepared = prepared or self.prepare(win, m)
        segment, board_cell, arrive_cell = prepared.segment, prepared.board_cell, prepared.arrive_cell
        n_stops = self.tt.stops

        board = np.where(win.can_board & (access[stop] != NONE), dep - access[stop], NONE).astype(np.int32)
        board[board < 0] = NONE
        boards, alights, grids = [], [], []
        for k in range(max_transfers + 1):
            if k:
                ready = self._ready(grids[-1], m, walk_batches)
                board = np.where(win.can_board, ready.ravel()[board_cell], NONE).astype(np.int32)
            onboard = np.maximum.accumulate(board + segment) - segment
            alight = np.empty_like(board)
            alight[0:1] = NONE
            alight[1:] = onboard[:-1]
            alight[first] = NONE
            alight[arr < 0] = NONE
            if win.joined is not None:
                alight[win.joined] = NONE
            grid = np.full(m * n_stops, NONE, dtype=np.int16)
            reached = alight != NONE
            np.maximum.at(grid, arrive_cell[reached], alight[reached].astype(np.int16))
            grid = grid.reshape(m, n_stops)
            for minute in range(1, m):  # a running max by minute, whole rows at a time (numpy's
                np.maximum(grid[minute], grid[minute - 1], out=grid[minute])  # accumulate is 20x slower)
            boards.append(board)
            alights.append(alight)
            grids.append(np.ascontiguousarray(grid.T))  # (stop, minute) from here on
            if not reached.any():
                break
        return boards, alights, grids

    def _ready(self, grid: np.ndarray, m: int, walk_batches) -> np.ndarray:
        """(stop, minute): the latest home departure from which one can board there at that
        minute, having arrived at the stop itself (after its change time) or a walk away."""
        ready = np.full_like(grid, NONE)
        for shift, stops in self._change_groups:
            if shift < m:
                ready[stops, shift:] = grid[stops, :m - shift]
        for shift, to, frm in walk_batches:  # each batch names a stop at most once in ``to``
            if shift < m:
                ready[to, shift:] = np.maximum(ready[to, shift:], grid[frm, :m - shift])
        return ready

    def _choose(self, state: _State, places: Places, deadline: np.ndarray, max_walk_min: float,
                depart: np.ndarray, arrive: np.ndarray, transfers: np.ndarray) -> np.ndarray:
        """Per place: latest home departure, then earliest arrival, then fewest changes; returns
        where walking replaced a ride that was no quicker door to door (walking is quicker)."""
        n = len(places)
        m = state.m
        pp, ps, pw = places.pair_place, places.pair_stop, places.pair_walk
        limit = deadline[pp] - pw  # latest minute at the stop
        usable = (limit >= 0) & (limit < m)
        best = np.full(n, NONE, dtype=np.int64)
        values = []
        for grid in state.grids:
            value = np.full(len(pp), NONE, dtype=np.int64)
            value[usable] = grid[ps[usable], limit[usable]]
            np.maximum.at(best, pp, value)
            values.append(value)
        # Walking all the way within the walk competes as a ride does (the latest departure wins).
        walk_value = np.where(state.direct != NONE, deadline - state.direct, NONE)
        walk_value[(walk_value < 0) | (state.direct > max_walk_min + 1e-9)] = NONE
        best = np.maximum(best, walk_value)
        # Earliest arrival among the options that leave at ``best``: key = arrival, round, pair.
        big = len(pp) + 1
        rounds = len(state.grids) + 1
        key = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
        choice_minute = np.full(n, NONE, dtype=np.int64)
        for k, (grid, value) in enumerate(zip(state.grids, values, strict=True)):
            hit = np.flatnonzero((value == best[pp]) & (value != NONE))
            if not len(hit):
                continue
            lo = np.zeros(len(hit), dtype=np.int64)
            hi = limit[hit].astype(np.int64)
            target, rows = best[pp[hit]], ps[hit]
            while True:  # the first minute the stop's profile reaches ``target``
                open_ = lo < hi
                if not open_.any():
                    break
                mid = (lo + hi) // 2
                ok = grid[rows, mid] >= target
                hi = np.where(open_ & ok, mid, hi)
                lo = np.where(open_ & ~ok, mid + 1, lo)
            arrival = lo + pw[hit]
            np.minimum.at(key, pp[hit], (arrival * rounds + k + 1) * big + hit)
        walk = (walk_value != NONE) & (walk_value == best)
        walk_key = (deadline * rounds + 0) * big + big - 1
        key = np.where(walk & (walk_key < key), walk_key, key)
        found = best != NONE
        choice_kind = np.full(n, NONE, dtype=np.int64)
        choice_pair = np.full(n, NONE, dtype=np.int64)
        pair = key[found] % big
        kind = (key[found] // big) % rounds - 1  # -1: walk only
        arrival = key[found] // big // rounds
        depart[found] = best[found]
        arrive[found] = arrival
        transfers[found] = np.maximum(kind, 0)
        choice_kind[found] = np.where(kind < 0, -2, kind)
        choice_pair[found] = np.where(kind < 0, NONE, pair)
        rides = kind >= 0
        minute = np.full(int(found.sum()), NONE, dtype=np.int64)
        minute[rides] = arrival[rides] - pw[pair[rides]]
        choice_minute[found] = minute
        # Never a ride slower than walking all the way, door to door: then the trip is the walk.
        slower = (choice_kind >= 0) & (state.direct != NONE) & (state.direct <= arrive - depart)
        depart[slower] = deadline[slower] - state.direct[slower]
        arrive[slower] = deadline[slower]
        transfers[slower] = 0
        choice_kind[slower], choice_pair[slower], choice_minute[slower] = -2, NONE, NONE
        state.choice_kind, state.choice_pair, state.choice_minute = choice_kind, choice_pair, choice_minute
        return slower

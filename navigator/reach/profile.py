"""Per school, which cells reach it: one arrive-by run, then every cell takes its best stop.

``navigator.transit.arrive_by`` gives, for one school, every stop's latest boarding that still
arrives in time and the earliest arrival from it.  A cell leaves home at the latest of (that
boarding less its walk to the stop) over the stops within its walk, arrives at the earliest
arrival among the stops that give that latest start, and the router's own rules then decide,
as they do for one family (``Router._choose``, ``TripPlanner.states``): walking all the way
competes within the walk and replaces a ride that is no quicker, and the trip counts when it
takes at most the minutes asked.  All of it is array work over the (cell, stop) pairs, so a
school costs one router run and a few passes over the pairs, whatever the number of cells.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from navigator.geo import haversine_many
from navigator.reach.grid import M_PER_DEG_LAT, Grid, walk_radius_m
from navigator.transit.arrive_by import StopTimes
from navigator.transit.router import NONE, walk_minutes_exact

LOW = -(10**6)  # "no trip" inside the sums below (below any minute)
HIGH = 10**6


@dataclass(frozen=True)
class CellStops:
    """The (cell, stop, whole walking minutes) pairs within the walk, grouped by cell (``ptr``)."""

    cell: np.ndarray
    stop: np.ndarray
    walk: np.ndarray
    ptr: np.ndarray
    has: np.ndarray  # cells with at least one stop

    def __len__(self) -> int:
        return len(self.stop)


def whole_minutes(exact: np.ndarray) -> np.ndarray:
    """The router's whole walking minutes (rounded up, at least 1)."""
    return np.maximum(1, np.ceil(exact - 1e-9)).astype(np.int32)


def cell_stops(grid: Grid, stop_lat: np.ndarray, stop_lon: np.ndarray, walk_min: float) -> CellStops:
    """Every cell's stops within ``walk_min`` on foot, by the router's formula (the same stops a
    home at the cell's centre walks to)."""
    side = walk_radius_m(walk_min) * 1.05 + 1.0  # buckets at least a walk wide: 3 x 3 suffice
    per_lon = M_PER_DEG_LAT * math.cos(math.radians(grid.lat0))

    def buckets(lat, lon):
        return (np.floor((lat - grid.lat0) * M_PER_DEG_LAT / side).astype(np.int64),
                np.floor((lon - grid.lon0) * per_lon / side).astype(np.int64))

    sy, sx = buckets(stop_lat, stop_lon)
    width = int(sx.max() - sx.min() + 3) if len(sx) else 1
    skey = (sy - (sy.min() if len(sy) else 0) + 1) * width + (sx - (sx.min() if len(sx) else 0) + 1)
    order = np.argsort(skey, kind="stable")
    skey = skey[order]
    cy, cx = buckets(grid.lat, grid.lon)
    cells, stops = [], []
    base_y, base_x = (sy.min(), sx.min()) if len(sy) else (0, 0)
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            ky, kx = cy + dy - base_y + 1, cx + dx - base_x + 1
            inside = (kx >= 0) & (kx < width)
            key = np.where(inside, ky * width + kx, -1)
            lo = np.searchsorted(skey, key, side="left")
            hi = np.searchsorted(skey, key, side="right")
            count = np.where(inside, hi - lo, 0)
            cell = np.repeat(np.arange(len(grid)), count)
            start = np.repeat(lo - np.r_[0, np.cumsum(count)[:-1]], count)
            cells.append(cell)
            stops.append(order[start + np.arange(int(count.sum()))])
    cell, stop = np.concatenate(cells), np.concatenate(stops)
    exact = walk_minutes_exact(haversine_many(grid.lat[cell], grid.lon[cell], stop_lat[stop], stop_lon[stop]))
    near = exact <= walk_min + 1e-9
    cell, stop, exact = cell[near], stop[near], exact[near]
    by = np.argsort(cell, kind="stable")
    cell, stop, walk = cell[by], stop[by], whole_minutes(exact[by])
    counts = np.bincount(cell, minlength=len(grid))
    ptr = np.r_[0, np.cumsum(counts)].astype(np.int64)
    return CellStops(cell, stop.astype(np.int64), walk, ptr, counts > 0)


@dataclass(frozen=True)
class Rules:
    """The question's rules of one trip, in minutes after midnight."""

    deadline: int
    window_start: int  # a trip leaves home no earlier (the router's window)
    walk_min: float  # the walk at either end, and walking all the way
    trip_minutes: float


def reached(times: StopTimes, pairs: CellStops, direct: np.ndarray, rules: Rules) -> np.ndarray:
    """Per cell: True where the router's trip to this school takes at most ``rules.trip_minutes``
    (``direct``: whole walking minutes from each cell to the school, HIGH when far)."""
    n = len(direct)
    start = np.full(n, LOW, dtype=np.int64)
    arrive = np.full(n, HIGH, dtype=np.int64)
    board = times.board[pairs.stop]
    usable = board != NONE
    if usable.any():
        value = np.where(usable, board.astype(np.int64) - pairs.walk, LOW)
        heads = pairs.ptr[:-1][pairs.has]
        start[pairs.has] = np.maximum.reduceat(value, heads)
        tie = usable & (value == start[pairs.cell])
        arrival = np.where(tie, times.arrive[pairs.stop], HIGH).astype(np.int64)
        arrive[pairs.has] = np.minimum.reduceat(arrival, heads)
        start[start < rules.window_start] = LOW  # the router's trips leave within its window
    walk_start = np.where((direct <= rules.walk_min + 1e-9) & (rules.deadline - direct >= rules.window_start),
                          rules.deadline - direct, LOW)
    best = np.maximum(start, walk_start)
    walks = (walk_start != LOW) & (walk_start == best) & ((start != best) | (arrive >= rules.deadline))
    ride = arrive - start
    minutes = np.where(walks | (direct <= ride), direct, ride)
    return (best != LOW) & (minutes <= rules.trip_minutes + 1e-9)


def direct_minutes(grid: Grid, by_lat: np.ndarray, sorted_lat: np.ndarray, lat: float, lon: float,
                   reach_min: float) -> np.ndarray:
    """Whole walking minutes from every cell to a point, within ``reach_min`` (else HIGH): beyond
    both the walk and the trip limit, walking all the way changes no answer."""
    direct = np.full(len(grid), HIGH, dtype=np.int64)
    dlat = walk_radius_m(reach_min) / M_PER_DEG_LAT * 1.02 + 1e-4
    lo, hi = np.searchsorted(sorted_lat, [lat - dlat, lat + dlat])
    band = by_lat[lo:hi]
    if len(band):
        direct[band] = whole_minutes(walk_minutes_exact(haversine_many(
            grid.lat[band], grid.lon[band], lat, lon)))
    return direct

"""Distances along a trip's shape, for feeds whose stop times give none.

Interpolating a blank time by distance (``timetable_times``) needs each stop's distance along
the route.  Where ``stop_times.txt`` has no ``shape_dist_traveled`` but the trip has a shape in
``shapes.txt``, each stop is projected onto the shape, in order: the first point of the shape
after the previous stop's that is as close to the stop as the closest one (within
``MATCH_SLACK_M``), so that a loop's last stop lands at the end, not back at the start, and a
street ridden twice (out and back) is matched on the right pass.  Distances are in metres on a
local flat projection (enough for the length of a bus route).
"""

from __future__ import annotations

import math

import numpy as np

from navigator.catalogue.build.timetable_times import StopTimes, frame, numbers

MATCH_SLACK_M = 30.0
_METRES_PER_DEGREE_LAT = 110_574.0
_METRES_PER_DEGREE_LON = 111_320.0  # at the equator; times cos(latitude)

Point = tuple[float, float]  # (lat, lon)


def along_shape(shape: np.ndarray, stops: list[Point]) -> np.ndarray:
    """Metres along ``shape`` ((lat, lon) rows, in order) of each stop, never decreasing."""
    lat0 = math.radians(float(shape[:, 0].mean()))
    scale = np.array([_METRES_PER_DEGREE_LAT, _METRES_PER_DEGREE_LON * math.cos(lat0)])
    points = shape * scale
    start, vector = points[:-1], np.diff(points, axis=0)
    length2 = (vector ** 2).sum(axis=1)
    length = np.sqrt(length2)
    cumulative = np.r_[0.0, np.cumsum(length)]
    safe = np.where(length2 > 0, length2, 1.0)
    out = np.empty(len(stops))
    position, segment = 0.0, 0
    for k, stop in enumerate(stops):
        p = np.asarray(stop) * scale
        offset = p - start[segment:]
        t = np.clip((offset * vector[segment:]).sum(axis=1) / safe[segment:], 0.0, 1.0)
        nearest = start[segment:] + vector[segment:] * t[:, None]
        gap = np.hypot(*(p - nearest).T)
        j = int(np.flatnonzero(gap <= gap.min() + MATCH_SLACK_M)[0])
        position = max(position, float(cumulative[segment + j] + t[j] * length[segment + j]))
        segment += j
        out[k] = position
    return out


def _shape_points(files, wanted: set[str]) -> dict[str, np.ndarray]:
    """(lat, lon) rows in sequence order for each wanted shape with at least two usable points."""
    table = frame(files, "shapes.txt", ("shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence"),
                  ("shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence"), category=True)
    if table is None:
        return {}
    table = table[table["shape_id"].isin(wanted)]
    if table.empty:
        return {}
    lat, lon = numbers(table["shape_pt_lat"]), numbers(table["shape_pt_lon"])
    sequence = numbers(table["shape_pt_sequence"])
    ids = table["shape_id"].astype(str).to_numpy()
    ok = np.isfinite(lat) & np.isfinite(lon) & np.isfinite(sequence)
    order = np.lexsort((sequence[ok], ids[ok]))
    ids, points = ids[ok][order], np.column_stack([lat[ok], lon[ok]])[order]
    shapes = {}
    for shape_id in np.unique(ids):
        rows = points[ids == shape_id]
        if len(rows) >= 2:
            shapes[str(shape_id)] = rows
    return shapes


def fill_shape_distances(files, times: StopTimes, trips: np.ndarray, shape_of: np.ndarray,
                         stop_points: dict[str, Point]) -> int:
    """Give every stop of ``trips`` its distance along the trip's shape (replacing whatever the
    stop times said, so that one trip's distances are in one unit); returns how many trips."""
    wanted = {str(shape_of[t]) for t in trips if shape_of[t]}
    shapes = _shape_points(files, wanted) if wanted else {}
    if not shapes:
        return 0
    starts = np.searchsorted(times.trip, trips, side="left")
    ends = np.searchsorted(times.trip, trips, side="right")
    done: dict[tuple, np.ndarray] = {}
    count = 0
    for trip, a, b in zip(trips.tolist(), starts.tolist(), ends.tolist(), strict=True):
        shape = shapes.get(str(shape_of[trip]))
        stops = [stop_points.get(times.stop_ids[s]) if s >= 0 else None for s in times.stop[a:b]]
        if shape is None or any(p is None for p in stops):
            continue
        key = (str(shape_of[trip]), tuple(times.stop[a:b].tolist()))
        if key not in done:
            done[key] = along_shape(shape, stops)
        times.distances()[a:b] = done[key]
        count += 1
    return count

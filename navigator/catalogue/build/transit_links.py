"""Which transit stops are within walking distance of each school.

Built once per pack so the app can list "stops near this school" offline without a
spatial library.  A metric projection and a spatial index find the candidates
quickly (2,500 schools x 12,000 stops); the distance kept is the haversine one,
so it matches the distances the app computes itself (navigator.geo).
"""

from __future__ import annotations

import numpy as np
import shapely
from geopandas import GeoSeries, points_from_xy

from navigator.catalogue.records import School, Stop
from navigator.geo import haversine_many

# The projection distorts distances a little away from its central meridian (about
# 0.4% at the edge of a UTM zone); search slightly wider, then cut on haversine.
_SEARCH_MARGIN = 1.02


def stops_near_schools(schools: list[School], stops: list[Stop],
                       radius_m: float) -> list[tuple[str, str, float]]:
    """(school id, stop id, metres) for every stop within ``radius_m`` of a located school.

    Sorted by school id, then distance, then stop id; distances are rounded to 1 m.
    Schools without coordinates have no stops near them as far as anyone can tell.
    """
    located = [s for s in schools if s.latitude is not None and s.longitude is not None]
    if not located or not stops or radius_m <= 0:
        return []
    school_lat = np.array([s.latitude for s in located], dtype=float)
    school_lon = np.array([s.longitude for s in located], dtype=float)
    stop_lat = np.array([s.latitude for s in stops], dtype=float)
    stop_lon = np.array([s.longitude for s in stops], dtype=float)
    school_pts, stop_pts = _projected(school_lon, school_lat, stop_lon, stop_lat)
    tree = shapely.STRtree(stop_pts)
    school_ix, stop_ix = tree.query(school_pts, predicate="dwithin",
                                    distance=radius_m * _SEARCH_MARGIN)
    metres = haversine_many(school_lat[school_ix], school_lon[school_ix],
                            stop_lat[stop_ix], stop_lon[stop_ix])
    keep = metres <= radius_m
    pairs = [
        (located[i].id, stops[j].id, float(round(d)))
        for i, j, d in zip(school_ix[keep], stop_ix[keep], metres[keep], strict=True)
    ]
    pairs.sort(key=lambda p: (p[0], p[2], p[1]))
    return pairs


def _projected(school_lon: np.ndarray, school_lat: np.ndarray, stop_lon: np.ndarray,
               stop_lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Both point sets in the UTM zone that fits them all, as shapely geometry arrays."""
    lon = np.concatenate([school_lon, stop_lon])
    lat = np.concatenate([school_lat, stop_lat])
    points = GeoSeries(points_from_xy(lon, lat), crs="EPSG:4326")
    metric = points.to_crs(points.estimate_utm_crs()).values
    return np.asarray(metric[: len(school_lon)]), np.asarray(metric[len(school_lon):])




def stops_near_stops(stops: list[Stop], radius_m: float) -> list[tuple[str, str, float]]:
    """(stop id, other stop id, metres) for every ordered pair of stops within ``radius_m``.

    The walking changes between nearby stops (a bus stop across the street from a station);
    sorted by stop id, then distance, then the other stop's id.
    """
    if len(stops) < 2 or radius_m <= 0:
        return []
    lat = np.array([s.latitude for s in stops], dtype=float)
    lon = np.array([s.longitude for s in stops], dtype=float)
    points, _ = _projected(lon, lat, lon[:0], lat[:0])
    tree = shapely.STRtree(points)
    a, b = tree.query(points, predicate="dwithin", distance=radius_m * _SEARCH_MARGIN)
    other = a != b
    a, b = a[other], b[other]
    metres = haversine_many(lat[a], lon[a], lat[b], lon[b])
    keep = metres <= radius_m
    pairs = [(stops[i].id, stops[j].id, float(round(d)))
             for i, j, d in zip(a[keep], b[keep], metres[keep], strict=True)]
    pairs.sort(key=lambda p: (p[0], p[2], p[1]))
    return pairs

"""Which attendance zone a home falls in: its zoned (neighbourhood) schools.

Plain ray casting over the pack's GeoJSON: a few zones are tested per home, so
this stays cheaper than importing a geometry library at start-up.
"""

from __future__ import annotations

import json

from navigator.catalogue.pack import Pack


def _in_ring(lon: float, lat: float, ring: list[list[float]]) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _in_polygon(lon: float, lat: float, rings: list) -> bool:
    return _in_ring(lon, lat, rings[0]) and not any(_in_ring(lon, lat, hole) for hole in rings[1:])


def contains(geometry: dict, lat: float, lon: float) -> bool:
    """Whether the point is inside; a shape the pack got wrong (rings of text, no ring) contains
    nothing rather than stopping the search."""
    try:
        if geometry["type"] == "Polygon":
            return _in_polygon(lon, lat, geometry["coordinates"])
        if geometry["type"] == "MultiPolygon":
            return any(_in_polygon(lon, lat, rings) for rings in geometry["coordinates"])
    except (KeyError, IndexError, TypeError, ValueError, ZeroDivisionError):
        return False
    return False


def zoned_schools(pack: Pack, lat: float, lon: float, grade: int | None = None) -> dict[str, str]:
    """School id -> zone id, for the attendance zones containing the point (for the grade)."""
    rows = pack.conn.execute(
        "SELECT id, grade_low, grade_high, geojson FROM boundaries WHERE kind = 'attendance' "
        "AND ? BETWEEN min_lat AND max_lat AND ? BETWEEN min_lon AND max_lon", (lat, lon)).fetchall()
    if grade == -1:
        grade = 0  # transitional kindergarten is taught at the zoned elementary school
    zones = []
    for zone_id, low, high, geojson in rows:
        if grade is not None and low is not None and high is not None and not low <= grade <= high:
            continue
        if contains(json.loads(geojson), lat, lon):
            zones.append(zone_id)
    if not zones:
        return {}
    marks = ",".join("?" * len(zones))
    return {school_id: zone_id for zone_id, school_id in pack.conn.execute(
        f"SELECT boundary_id, school_id FROM boundary_schools WHERE boundary_id IN ({marks}) "
        "ORDER BY boundary_id, school_id", zones)}

"""The list's map sketch: home and the listed schools as coordinates, with the rail lines and the
lines that stop near a listed school for orientation, projected onto paper.  No tiles, no network:
the PDF and the web page draw it themselves.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from navigator.catalogue.pack import Pack
from navigator.geo import KM_PER_MILE
from navigator.i18n import format_distance
from navigator.profile import SchoolProfile


@dataclass
class MapSketch:
    """Home and schools as coordinates, with rail lines for orientation: no tiles, no network."""

    home: tuple[float, float] | None
    schools: list[tuple[int, float, float]]  # (rank, lat, lon)
    lines: list[tuple[str, list[tuple[float, float]], str]]  # (colour, [(lat, lon)], name)
    unit: str
    scale_km: float = 1.0
    scale_label: str = ""

    def bounds(self) -> tuple[float, float, float, float] | None:
        points = [(lat, lon) for _rank, lat, lon in self.schools]
        if self.home:
            points.append(self.home)
        if not points:
            return None
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        return min(lats), max(lats), min(lons), max(lons)

    def aspect(self, low: float = 0.4, high: float = 0.75) -> float:
        """Height / width for a drawing that fits the points without wasting paper."""
        bounds = self.bounds()
        if bounds is None:
            return low
        south, north, west, east = bounds
        across = max((east - west) * math.cos(math.radians((south + north) / 2)), 0.004)
        return min(high, max(low, (north - south + 0.004) / across))

    def projector(self, width: float, height: float, pad: float):
        """A function (lat, lon) -> (x, y) in a width x height box (y down), and units per km."""
        south, north, west, east = self.bounds() or (0, 0, 0, 0)
        mid = math.radians((south + north) / 2)
        span_x = max((east - west) * math.cos(mid), 0.004)  # at least ~400 m across
        span_y = max(north - south, 0.004)
        scale = min((width - 2 * pad) / span_x, (height - 2 * pad) / span_y)
        cx, cy = (west + east) / 2, (south + north) / 2

        def project(lat: float, lon: float) -> tuple[float, float]:
            return (width / 2 + (lon - cx) * math.cos(mid) * scale,
                    height / 2 - (lat - cy) * scale)

        return project, scale / 111.32  # degrees of latitude -> km

    def line_labels(self, project, fits) -> list[tuple[str, str, float, float]]:
        """(colour, name, x, y) for each named line: the point of it inside the frame
        (``fits(x, y)``) farthest from home and the schools, so no marker hides a name."""
        markers = [project(lat, lon) for _rank, lat, lon in self.schools]
        if self.home:
            markers.append(project(*self.home))
        labels = []
        for colour, points, name in self.lines:
            inside = [xy for xy in _densify([project(*p) for p in points]) if fits(*xy)]
            if not name or not inside:
                continue
            x, y = max(inside, key=lambda xy: min(
                (math.dist(xy, m) for m in markers + [xy2 for *_r, xy2 in labels]), default=0))
            labels.append((colour, name, (x, y)))
        return [(colour, name, x, y) for colour, name, (x, y) in labels]


def map_sketch(pack: Pack, home: dict | None, profiles: list[SchoolProfile], lang: str) -> MapSketch:
    """The sketch of a list: ``profiles`` in rank order, ``home`` as in the list file."""
    ids = [p.id for p in profiles]
    schools = [(rank, p.latitude, p.longitude) for rank, p in enumerate(profiles, start=1)
               if p.latitude is not None and p.longitude is not None]
    home_point = (float(home["latitude"]), float(home["longitude"])) \
        if home and "latitude" in home and "longitude" in home else None
    sketch = MapSketch(home_point, schools, [], pack.region.distance_unit)
    bounds = sketch.bounds()
    if bounds:
        serving = {line for (line,) in pack.conn.execute(
            "SELECT DISTINCT sl.line_id FROM school_stops ss JOIN stop_lines sl "
            f"ON sl.stop_id = ss.stop_id WHERE ss.school_id IN ({','.join('?' * len(ids))})",
            ids)}
        sketch.lines = _transit_lines(pack, bounds, serving)
        south, north, west, east = bounds
        width_km = max((east - west) * 111.32 * math.cos(math.radians((south + north) / 2)),
                       (north - south) * 111.32, 0.5)
        factor = KM_PER_MILE if sketch.unit == "mi" else 1.0
        nice = [n for n in (0.25, 0.5, 1, 2, 5, 10, 20, 50) if n * factor <= width_km / 3]
        step = nice[-1] if nice else 0.25
        sketch.scale_km = step * factor
        sketch.scale_label = format_distance(sketch.scale_km, lang, sketch.unit)  # type: ignore[arg-type]
    return sketch


def _densify(points: list[tuple[float, float]], parts: int = 12) -> list[tuple[float, float]]:
    """Points along a polyline, several per segment, to place a label anywhere on it."""
    dense = []
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        dense += [(x1 + (x2 - x1) * i / parts, y1 + (y2 - y1) * i / parts) for i in range(parts)]
    return dense + points[-1:]


def _transit_lines(pack: Pack, bounds: tuple[float, float, float, float], serving: set[str]
                   ) -> list[tuple[str, list[tuple[float, float]], str]]:
    """Rail lines near the schools, and the lines that stop near a listed school, thinned."""
    south, north, west, east = bounds
    margin = max(north - south, east - west, 0.01) * 0.25
    lines = []
    for (geojson,) in pack.conn.execute("SELECT geojson FROM layers WHERE kind = 'transit'"):
        try:
            features = json.loads(geojson).get("features", [])
        except (ValueError, AttributeError):
            continue
        for feature in features:
            props, geometry = feature.get("properties") or {}, feature.get("geometry") or {}
            if props.get("mode") != "rail" and props.get("line") not in serving:
                continue
            parts = geometry.get("coordinates", [])
            if geometry.get("type") == "LineString":
                parts = [parts]
            elif geometry.get("type") != "MultiLineString":
                continue
            for part in parts:
                points = [(lat, lon) for lon, lat, *_rest in part
                          if south - margin <= lat <= north + margin
                          and west - margin <= lon <= east + margin]
                step = max(1, len(points) // 200)
                if len(points) >= 2:
                    lines.append((str(props.get("color") or "#777777"), points[::step],
                                  str(props.get("name") or props.get("line") or "")))
    return lines

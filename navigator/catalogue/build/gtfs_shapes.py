"""Each line's drawing on the map: its shapes from ``shapes.txt``, else straight lines between the
stops of its longest trip per direction, simplified so that a city's lines stay light."""

from __future__ import annotations

from collections import Counter, defaultdict

from shapely import LineString

from navigator.catalogue.build.gtfs_tables import (
    REQUIRED_COLUMNS,
    FeedFiles,
    FeedTrip,
    RawStop,
    Table,
    Tally,
    cell,
    coordinates,
)
from navigator.catalogue.build.report import BuildReport

SIMPLIFY_DEGREES = 0.00005  # about 5 m: invisible on a city map, and shapes shrink ~10x
_COORD_DIGITS = 6  # about 0.1 m

Polyline = list[tuple[float, float]]


def _simplified(points: Polyline) -> Polyline | None:
    """A lighter polyline, rounded so that identical drawings compare equal."""
    if len(points) < 2:
        return None
    simple = LineString(points).simplify(SIMPLIFY_DEGREES, preserve_topology=False)
    coords = [(round(x, _COORD_DIGITS), round(y, _COORD_DIGITS)) for x, y in simple.coords]
    return coords if len(coords) >= 2 else None


def _add_unique(polylines: list[Polyline], polyline: Polyline | None) -> None:
    """Add unless already drawn, either way round (the two directions often share a track)."""
    if polyline is None or polyline in polylines or polyline[::-1] in polylines:
        return
    polylines.append(polyline)


def _read_shapes(table: Table, wanted: dict[str, set[str]],
                 report: BuildReport) -> dict[str, list[Polyline]]:
    """Route id -> polylines, from the shapes the route's trips use."""
    ix = {c: table.index(c) for c in REQUIRED_COLUMNS["shapes.txt"]}
    points: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    bad = Tally()
    for line, cells in table.rows:
        shape_id = cell(cells, ix["shape_id"])
        if shape_id not in wanted:
            continue
        coords = coordinates(cell(cells, ix["shape_pt_lat"]), cell(cells, ix["shape_pt_lon"]))
        try:
            sequence = float(cell(cells, ix["shape_pt_sequence"]))
        except ValueError:
            coords = None
        if coords is None:
            bad.add(line, shape_id)
            continue
        points[shape_id].append((sequence, coords[1], coords[0]))
    bad.report(report, "shapes.txt", "a shape point without usable coordinates or sequence")
    shapes: dict[str, list[Polyline]] = defaultdict(list)
    for shape_id in sorted(points):
        polyline = _simplified([(x, y) for _, x, y in sorted(points[shape_id])])
        for route_id in sorted(wanted[shape_id]):
            _add_unique(shapes[route_id], polyline)
    return shapes


def longest_trips(trips: dict[str, FeedTrip], lengths: Counter[str]) -> set[str]:
    """One representative trip per route and direction: the one with the most stops."""
    best: dict[tuple[str, str], tuple[int, str]] = {}
    for trip_id, count in lengths.items():
        trip = trips[trip_id]
        key = (trip.route_id, trip.direction)
        if key not in best or (count, trip_id) > best[key]:
            best[key] = (count, trip_id)
    return {trip_id for _, trip_id in best.values()}


def point_of(stops: dict[str, RawStop], stop_id: str) -> tuple[float, float] | None:
    """A platform's own position, else its station's: either is close enough to draw."""
    stop = stops.get(stop_id)
    if stop is None:
        return None
    if stop.coords is None and stop.parent in stops:
        return stops[stop.parent].coords
    return stop.coords


def shapes_from_stops(files: FeedFiles, trips: dict[str, FeedTrip], chosen: set[str],
                       stops: dict[str, RawStop]) -> dict[str, list[Polyline]]:
    """Straight lines between stops, for feeds without shapes.txt: the line still draws."""
    table = files.table("stop_times.txt")
    ix = {c: table.index(c) for c in ("trip_id", "stop_id", "stop_sequence")}
    sequences: dict[str, list[tuple[float, int, str]]] = defaultdict(list)
    for line, cells in table.rows:
        trip_id = cell(cells, ix["trip_id"])
        if trip_id in chosen:
            try:
                order = float(cell(cells, ix["stop_sequence"]))
            except ValueError:
                order = float(line)
            sequences[trip_id].append((order, line, cell(cells, ix["stop_id"])))
    shapes: dict[str, list[Polyline]] = defaultdict(list)
    for trip_id in sorted(sequences):
        points = []
        for _, _, stop_id in sorted(sequences[trip_id]):
            coords = point_of(stops, stop_id)
            if coords is not None:
                points.append((coords[1], coords[0]))
        _add_unique(shapes[trips[trip_id].route_id], _simplified(points))
    return shapes


def route_shapes_from_file(files: FeedFiles, trips: dict[str, FeedTrip],
                            report: BuildReport) -> dict[str, list[Polyline]]:
    wanted: dict[str, set[str]] = defaultdict(set)
    for trip in trips.values():
        if trip.shape_id:
            wanted[trip.shape_id].add(trip.route_id)
    if not wanted or not files.has("shapes.txt"):
        return {}
    return dict(_read_shapes(files.table("shapes.txt"), wanted, report))

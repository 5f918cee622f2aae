"""Reading a GTFS feed (zip or folder) into stations, lines and line shapes.

Families care about "which lines stop near this school", not about platforms or
timetables, so the feed is reduced to stations served by at least one route, the
lines serving each, and one simplified drawing per line.  ``stop_times.txt`` is by
far the largest table (millions of rows in a big city's bus feed); it is streamed
once and only the (stop, route) pairs it implies are kept.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from navigator.catalogue.build.gtfs_shapes import (
    longest_trips,
    point_of,
    route_shapes_from_file,
    shapes_from_stops,
)
from navigator.catalogue.build.gtfs_tables import (
    REQUIRED_COLUMNS,
    REQUIRED_FILES,
    FeedFiles,
    FeedTrip,
    RawStop,
    Table,
    Tally,
    cell,
    coordinates,
    iso_date,
    open_table,
    reading,
)
from navigator.catalogue.build.report import BuildReport
from navigator.catalogue.build.timetable import read_timetable
from navigator.catalogue.records import Line, Source, Stop, TransitFeed
from navigator.errors import UserError

MODES = ("rail", "ferry", "bus", "other")  # most rail-like first: a station shows its best mode
_COLOR = re.compile(r"^#?([0-9A-Fa-f]{6})$")


# --------------------------------------------------------------------------- values


def mode_of_route_type(route_type: int) -> str:
    """GTFS basic and extended (Google) route types grouped into what the map shows."""
    if route_type in (0, 1, 2, 5, 7, 12) or 100 <= route_type <= 199:
        return "rail"
    if 400 <= route_type <= 599 or 900 <= route_type <= 999:
        return "rail"  # urban rail, metro, monorail, tram
    if route_type in (3, 11) or 700 <= route_type <= 799:
        return "bus"
    if route_type == 4 or 1000 <= route_type <= 1299:
        return "ferry"
    return "other"


def best_mode(modes: Iterable[str]) -> str:
    """The most rail-like mode: an interchange with a metro is a metro station first."""
    ranked = [MODES.index(m) for m in modes if m in MODES]
    return MODES[min(ranked)] if ranked else "other"


def _color(value: str) -> str | None:
    match = _COLOR.match(value)
    return f"#{match.group(1).upper()}" if match else None


# --------------------------------------------------------------------------- stops


def _read_stops(table: Table) -> dict[str, RawStop]:
    ix = {c: table.index(c) for c in ("stop_id", "stop_name", "stop_lat", "stop_lon",
                                      "location_type", "parent_station")}
    stops: dict[str, RawStop] = {}
    for line, cells in table.rows:
        stop_id = cell(cells, ix["stop_id"])
        if not stop_id:
            continue
        kind_text = cell(cells, ix["location_type"])
        kind = int(kind_text) if kind_text.isdigit() else 0
        stops[stop_id] = RawStop(
            id=stop_id,
            name=cell(cells, ix["stop_name"]) or stop_id,
            line=line,
            kind=kind,
            parent=cell(cells, ix["parent_station"]),
            coords=coordinates(cell(cells, ix["stop_lat"]), cell(cells, ix["stop_lon"])),
        )
    return stops


def _station_of(stop: RawStop, stops: dict[str, RawStop], report: BuildReport) -> str:
    """The station a platform belongs to, or the stop itself when it stands alone."""
    if not stop.parent or stop.kind != 0:
        return stop.id
    parent = stops.get(stop.parent)
    if parent is None or parent.kind != 1:
        report.problem(
            "stops.txt", stop.line,
            f"stop {stop.id} names parent station {stop.parent}, which is not a station in "
            "stops.txt; kept as a stop of its own",
        )
        return stop.id
    return parent.id


def _make_stop(raw: RawStop, mode: str, source: Source, file: str,
               report: BuildReport) -> Stop | None:
    if raw.coords is None:
        report.problem(file, raw.line, f"stop {raw.id} has no coordinates; skipped")
        return None
    return Stop(raw.id, raw.name, mode, raw.coords[0], raw.coords[1], source.id)


# --------------------------------------------------------------------------- routes, trips


def _read_agencies(table: Table) -> dict[str, str]:
    """agency_id -> agency_name (a feed of one agency may leave its id blank)."""
    ix = {c: table.index(c) for c in ("agency_id", "agency_name")}
    return {cell(cells, ix["agency_id"]): name for _, cells in table.rows
            if (name := cell(cells, ix["agency_name"]))}


def feed_agencies(path: Path) -> list[str]:
    """The names in a feed's agency.txt, in its order (the source's default publisher)."""
    with FeedFiles(path) as files:
        files.require(("agency.txt",))
        return list(dict.fromkeys(_read_agencies(files.table("agency.txt")).values()))


def _read_routes(table: Table, source: Source, agencies: dict[str, str],
                 report: BuildReport) -> dict[str, Line]:
    """Every route as a line, with its agency's name (``agency_id``; the only agency when the
    feed has one and leaves it blank)."""
    ix = {c: table.index(c) for c in ("route_id", "route_type", "route_short_name",
                                      "route_long_name", "route_color", "route_text_color",
                                      "agency_id")}
    only = next(iter(agencies.values())) if len(agencies) == 1 else None
    lines: dict[str, Line] = {}
    for line_no, cells in table.rows:
        route_id = cell(cells, ix["route_id"])
        if not route_id:
            continue
        type_text = cell(cells, ix["route_type"])
        try:
            mode = mode_of_route_type(int(type_text))
        except ValueError:
            report.problem("routes.txt", line_no,
                           f"route {route_id} has route_type {type_text!r}, not a number; "
                           "shown as mode 'other'")
            mode = "other"
        lines[route_id] = Line(
            id=route_id,
            mode=mode,
            source_id=source.id,
            short_name=cell(cells, ix["route_short_name"]) or None,
            long_name=cell(cells, ix["route_long_name"]) or None,
            color=_color(cell(cells, ix["route_color"])),
            text_color=_color(cell(cells, ix["route_text_color"])),
            agency=agencies.get(cell(cells, ix["agency_id"]), only),
        )
    return lines


def _read_trips(table: Table, routes: dict[str, Line], report: BuildReport) -> dict[str, FeedTrip]:
    ix = {c: table.index(c) for c in ("trip_id", "route_id", "direction_id", "shape_id")}
    trips: dict[str, FeedTrip] = {}
    unknown = Tally()
    for line, cells in table.rows:
        trip_id, route_id = cell(cells, ix["trip_id"]), cell(cells, ix["route_id"])
        if route_id not in routes:
            unknown.add(line, route_id)
            continue
        trips[trip_id] = FeedTrip(route_id, cell(cells, ix["direction_id"]),
                               cell(cells, ix["shape_id"]))
    unknown.report(report, "trips.txt", "a route not in routes.txt")
    return trips


def _read_stop_times(table: Table, trips: dict[str, FeedTrip], counted: set[str],
                     report: BuildReport) -> tuple[set[tuple[str, str]], Counter[str]]:
    """(stop id, route id) pairs served, and the number of stops of each trip in ``counted``.

    The hot loop of the whole build: plain tuples and dict look-ups only.
    """
    trip_ix, stop_ix = table.index("trip_id"), table.index("stop_id")
    served: set[tuple[str, str]] = set()
    lengths: Counter[str] = Counter()
    unknown = Tally()
    route_of = {trip_id: trip.route_id for trip_id, trip in trips.items()}
    last_trip, last_route = None, None
    for line, cells in table.rows:
        trip_id = cell(cells, trip_ix)
        if trip_id != last_trip:
            last_trip, last_route = trip_id, route_of.get(trip_id)
        if last_route is None:
            unknown.add(line, trip_id)
            continue
        served.add((cell(cells, stop_ix), last_route))
        if trip_id in counted:
            lengths[trip_id] += 1
    unknown.report(report, "stop_times.txt", "a trip not in trips.txt")
    return served, lengths


# --------------------------------------------------------------------------- as_of


def _column_values(files: FeedFiles, name: str, column: str) -> list[str]:
    if not files.has(name):
        return []
    table = files.table(name)
    index = table.index(column)
    return [cell(cells, index) for _, cells in table.rows] if index is not None else []


def _feed_date(files: FeedFiles) -> str | None:
    """When the feed starts: feed_info says so; failing that, the earliest service calendar."""
    for value in _column_values(files, "feed_info.txt", "feed_start_date")[:1]:
        if date := iso_date(value):
            return date
    dates = [d for v in _column_values(files, "calendar.txt", "start_date") if (d := iso_date(v))]
    return min(dates) if dates else None


# --------------------------------------------------------------------------- public


def read_gtfs(path: Path, source: Source, report: BuildReport) -> TransitFeed:
    """Stations served by at least one route, their lines, and each line's drawing.

    ``source.as_of`` is filled in from the feed when the region file gave none (the
    source object is updated in place, so every record pointing at it agrees).
    """
    with FeedFiles(path) as files:
        files.require(REQUIRED_FILES)
        stops = _read_stops(files.table("stops.txt"))
        agencies = _read_agencies(files.table("agency.txt"))
        routes = _read_routes(files.table("routes.txt"), source, agencies, report)
        trips = _read_trips(files.table("trips.txt"), routes, report)
        shapes = route_shapes_from_file(files, trips, report)
        undrawn = {t.route_id for t in trips.values()} - set(shapes)
        counted = {trip_id for trip_id, t in trips.items() if t.route_id in undrawn}
        served, lengths = _read_stop_times(files.table("stop_times.txt"), trips, counted, report)
        if lengths:
            chosen = longest_trips(trips, lengths)
            shapes.update(shapes_from_stops(files, trips, chosen, stops))
        if source.as_of is None:
            source.as_of = _feed_date(files)
        feed = TransitFeed(source=source)
        feed.stops, feed.stop_lines = _stations(stops, served, routes, source, report)
        used = {line_id for _, line_id in feed.stop_lines}
        feed.lines = [line for line_id, line in routes.items() if line_id in used]
        feed.shapes = {line.id: shapes[line.id] for line in feed.lines if shapes.get(line.id)}
        kept = {stop.id for stop in feed.stops}
        station_of = {raw.id: station for raw in stops.values() if raw.kind == 0
                      and (station := _station_of(raw, stops, BuildReport())) in kept}
        station_of.update({stop_id: stop_id for stop_id in kept})
        points = {stop_id: point for stop_id in stops if (point := point_of(stops, stop_id))}
        feed.timetable = read_timetable(files, source.id, station_of, used, report, points)
    return feed


def _stations(stops: dict[str, RawStop], served: set[tuple[str, str]],
              routes: dict[str, Line], source: Source,
              report: BuildReport) -> tuple[list[Stop], set[tuple[str, str]]]:
    """Fold served platforms into their stations and keep the stations with coordinates."""
    lines_at: dict[str, set[str]] = defaultdict(set)
    station_cache: dict[str, str] = {}
    unknown = Tally()
    for stop_id, route_id in sorted(served):
        raw = stops.get(stop_id)
        if raw is None or raw.kind > 1:
            unknown.add(None, stop_id)
            continue
        if stop_id not in station_cache:
            station_cache[stop_id] = _station_of(raw, stops, report)
        lines_at[station_cache[stop_id]].add(route_id)
    unknown.report(report, "stop_times.txt", "a stop that is not a stop or station in stops.txt")
    result: list[Stop] = []
    pairs: set[tuple[str, str]] = set()
    for stop_id, raw in stops.items():  # stops.txt order, for a stable pack
        if stop_id not in lines_at:
            continue
        mode = best_mode(routes[r].mode for r in lines_at[stop_id])
        stop = _make_stop(raw, mode, source, "stops.txt", report)
        if stop is not None:
            result.append(stop)
            pairs.update((stop_id, route_id) for route_id in lines_at[stop_id])
    return result, pairs


def read_stops_file(path: Path, mode: str, source: Source, report: BuildReport) -> TransitFeed:
    """Stops without lines, for feeds published without a timetable (e.g. LA Metro bus stops).

    Platforms whose station is in the file are folded into it, as in a full feed.
    """
    if mode not in MODES:
        raise UserError(
            f"The transit mode {mode!r} for {path} is not one of {', '.join(MODES)}; "
            "fix mode in the region file."
        )
    if not path.is_file():
        raise UserError(f"The stops file {path} does not exist; check its path in the region file.")
    label = str(path)
    with reading(label):
        handle = open(path, encoding="utf-8-sig", newline="")
    stops = _read_stops(open_table(handle, label, REQUIRED_COLUMNS["stops.txt"]))
    feed = TransitFeed(source=source)
    for raw in stops.values():
        folded = raw.parent in stops and stops[raw.parent].kind == 1
        if raw.kind > 1 or (raw.kind == 0 and folded):
            continue
        stop = _make_stop(raw, mode, source, path.name, report)
        if stop is not None:
            feed.stops.append(stop)
    return feed

"""Reading a GTFS feed (zip or folder) into stations, lines and line shapes.

Families care about "which lines stop near this school", not about platforms or
timetables, so the feed is reduced to stations served by at least one route, the
lines serving each, and one simplified drawing per line.  ``stop_times.txt`` is by
far the largest table (millions of rows in a big city's bus feed); it is streamed
once and only the (stop, route) pairs it implies are kept.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO

from shapely import LineString

from navigator.catalogue.build.report import BuildReport
from navigator.catalogue.build.timetable import read_timetable
from navigator.catalogue.records import Line, Source, Stop, TransitFeed
from navigator.errors import UserError

REQUIRED_FILES = ("agency.txt", "stops.txt", "routes.txt", "trips.txt", "stop_times.txt")
REQUIRED_COLUMNS = {
    "stops.txt": ("stop_id", "stop_name", "stop_lat", "stop_lon"),
    "routes.txt": ("route_id", "route_type"),
    "trips.txt": ("route_id", "trip_id"),
    "stop_times.txt": ("trip_id", "stop_id"),
    "shapes.txt": ("shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence"),
}
MODES = ("rail", "ferry", "bus", "other")  # most rail-like first: a station shows its best mode
SIMPLIFY_DEGREES = 0.00005  # about 5 m: invisible on a city map, and shapes shrink ~10x
_COORD_DIGITS = 6  # about 0.1 m
_COLOR = re.compile(r"^#?([0-9A-Fa-f]{6})$")
_GTFS_DATE = re.compile(r"^\d{8}$")

Polyline = list[tuple[float, float]]


# --------------------------------------------------------------------------- tables


@dataclass
class _Table:
    """One CSV table: its columns by name and its rows as (line number, cells)."""

    columns: dict[str, int]
    rows: Iterator[tuple[int, list[str]]]

    def index(self, column: str) -> int | None:
        return self.columns.get(column)


def _cell(cells: list[str], index: int | None) -> str:
    """A stripped value, or "" for an absent column or a short row: real feeds are untidy."""
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


@contextmanager
def _reading(label: str) -> Iterator[None]:
    """Turn what can go wrong while reading a table into one sentence for the user.

    A damaged zip often opens fine and only fails mid-stream (a CRC mismatch at the
    end of a member, a broken deflate block), so this wraps the whole read.
    """
    try:
        yield
    except (zipfile.BadZipFile, zlib.error, EOFError) as err:
        raise UserError(
            f"The file {label} is corrupt or truncated ({err}); download the feed again."
        ) from None
    except UnicodeDecodeError:
        raise UserError(f"The file {label} is not UTF-8 text; save it as UTF-8.") from None
    except csv.Error as err:
        raise UserError(
            f"The file {label} is not valid CSV ({err}); fix the file or download it again."
        ) from None
    except OSError as err:
        raise UserError(f"The file {label} cannot be read ({err}); check the file.") from None


def _table(handle: TextIO, label: str, required: Iterable[str]) -> _Table:
    """Check the header of an open CSV file and stream its rows."""
    reader = csv.reader(handle)
    with _reading(label):
        header = [h.strip() for h in next(reader, [])]
    columns = {name: i for i, name in enumerate(header) if name}
    missing = [c for c in required if c not in columns]
    if missing:
        handle.close()
        shown = ", ".join(header[:12]) + (", ..." if len(header) > 12 else "")
        raise UserError(
            f"The file {label} has no column {missing[0]!r} (its header has: {shown or 'nothing'}); "
            "fix its header or download the feed again."
        )
    return _Table(columns, _rows(handle, reader, label))


def _rows(handle: TextIO, reader, label: str) -> Iterator[tuple[int, list[str]]]:
    with handle, _reading(label):
        for cells in reader:
            if cells and any(cells):
                yield reader.line_num, cells


class _FeedFiles:
    """The tables of a GTFS feed, whether zipped or unpacked in a folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        self._members: dict[str, str] = {}  # file name -> zip member or file path
        if not path.exists():
            raise UserError(f"The GTFS feed {path} does not exist; check its path in the region file.")
        if path.is_dir():
            self._members = {p.name: str(p) for p in path.iterdir() if p.is_file()}
        else:
            self._open_zip()

    def _open_zip(self) -> None:
        try:
            self._zip = zipfile.ZipFile(self.path)
        except zipfile.BadZipFile:
            raise UserError(
                f"The GTFS feed {self.path} is not a zip file, or is truncated or corrupt; "
                "download the feed again (or give the folder of its .txt files)."
            ) from None
        except OSError as err:
            raise UserError(f"The GTFS feed {self.path} cannot be read ({err}).") from None
        for info in self._zip.infolist():
            if info.is_dir():
                continue
            # Some publishers zip a folder: accept its files, preferring the shallowest copy.
            name = info.filename.rsplit("/", 1)[-1]
            known = self._members.get(name)
            if known is None or known.count("/") > info.filename.count("/"):
                self._members[name] = info.filename

    def __enter__(self) -> _FeedFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._zip is not None:
            self._zip.close()

    def has(self, name: str) -> bool:
        return name in self._members

    def require(self, names: Iterable[str]) -> None:
        for name in names:
            if not self.has(name):
                raise UserError(
                    f"The GTFS feed {self.path} has no {name}; a feed needs "
                    f"{', '.join(REQUIRED_FILES)}, so download the complete feed."
                )

    def label(self, name: str) -> str:
        return f"{name} in the GTFS feed {self.path}"

    def open_binary(self, name: str):
        """The raw bytes of one table (for readers that parse CSV themselves, e.g. pandas)."""
        with _reading(self.label(name)):
            if self._zip is None:
                return open(self._members[name], "rb")
            return self._zip.open(self._members[name])

    def table(self, name: str) -> _Table:
        label = self.label(name)
        with _reading(label):
            if self._zip is None:
                handle = open(self._members[name], encoding="utf-8-sig", newline="")
            else:
                binary = self._zip.open(self._members[name])
                handle = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
        return _table(handle, label, REQUIRED_COLUMNS.get(name, ()))


class _Tally:
    """Counts rows skipped for one reason, so a feed with thousands says so once."""

    def __init__(self) -> None:
        self.count = 0
        self.first_line: int | None = None
        self.first_value = ""

    def add(self, line: int | None, value: str) -> None:
        if self.count == 0:
            self.first_line, self.first_value = line, value
        self.count += 1

    def report(self, report: BuildReport, file: str, what: str) -> None:
        if self.count:
            report.problem(
                file, self.first_line,
                f"{self.count} row(s) name {what} (first: {self.first_value!r}); skipped",
            )


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


def _coordinates(lat: str, lon: str) -> tuple[float, float] | None:
    """(lat, lon), or None when unusable; 0,0 is a placeholder, not a stop in the ocean."""
    try:
        y, x = float(lat), float(lon)
    except ValueError:
        return None
    if not (math.isfinite(y) and math.isfinite(x)):
        return None
    if not (-90 <= y <= 90 and -180 <= x <= 180) or (y == 0 and x == 0):
        return None
    return y, x


def _iso_date(value: str) -> str | None:
    if not _GTFS_DATE.match(value):
        return None
    try:
        return datetime.strptime(value, "%Y%m%d").date().isoformat()
    except ValueError:
        return None


# --------------------------------------------------------------------------- stops


@dataclass
class _RawStop:
    id: str
    name: str
    line: int
    kind: int  # GTFS location_type: 0 stop/platform, 1 station, 2-4 entrance, node, boarding area
    parent: str
    coords: tuple[float, float] | None  # (lat, lon)


def _read_stops(table: _Table) -> dict[str, _RawStop]:
    ix = {c: table.index(c) for c in ("stop_id", "stop_name", "stop_lat", "stop_lon",
                                      "location_type", "parent_station")}
    stops: dict[str, _RawStop] = {}
    for line, cells in table.rows:
        stop_id = _cell(cells, ix["stop_id"])
        if not stop_id:
            continue
        kind_text = _cell(cells, ix["location_type"])
        kind = int(kind_text) if kind_text.isdigit() else 0
        stops[stop_id] = _RawStop(
            id=stop_id,
            name=_cell(cells, ix["stop_name"]) or stop_id,
            line=line,
            kind=kind,
            parent=_cell(cells, ix["parent_station"]),
            coords=_coordinates(_cell(cells, ix["stop_lat"]), _cell(cells, ix["stop_lon"])),
        )
    return stops


def _station_of(stop: _RawStop, stops: dict[str, _RawStop], report: BuildReport) -> str:
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


def _make_stop(raw: _RawStop, mode: str, source: Source, file: str,
               report: BuildReport) -> Stop | None:
    if raw.coords is None:
        report.problem(file, raw.line, f"stop {raw.id} has no coordinates; skipped")
        return None
    return Stop(raw.id, raw.name, mode, raw.coords[0], raw.coords[1], source.id)


# --------------------------------------------------------------------------- routes, trips


def _read_routes(table: _Table, source: Source, report: BuildReport) -> dict[str, Line]:
    ix = {c: table.index(c) for c in ("route_id", "route_type", "route_short_name",
                                      "route_long_name", "route_color", "route_text_color")}
    lines: dict[str, Line] = {}
    for line_no, cells in table.rows:
        route_id = _cell(cells, ix["route_id"])
        if not route_id:
            continue
        type_text = _cell(cells, ix["route_type"])
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
            short_name=_cell(cells, ix["route_short_name"]) or None,
            long_name=_cell(cells, ix["route_long_name"]) or None,
            color=_color(_cell(cells, ix["route_color"])),
            text_color=_color(_cell(cells, ix["route_text_color"])),
        )
    return lines


@dataclass
class _Trip:
    route_id: str
    direction: str
    shape_id: str


def _read_trips(table: _Table, routes: dict[str, Line], report: BuildReport) -> dict[str, _Trip]:
    ix = {c: table.index(c) for c in ("trip_id", "route_id", "direction_id", "shape_id")}
    trips: dict[str, _Trip] = {}
    unknown = _Tally()
    for line, cells in table.rows:
        trip_id, route_id = _cell(cells, ix["trip_id"]), _cell(cells, ix["route_id"])
        if route_id not in routes:
            unknown.add(line, route_id)
            continue
        trips[trip_id] = _Trip(route_id, _cell(cells, ix["direction_id"]),
                               _cell(cells, ix["shape_id"]))
    unknown.report(report, "trips.txt", "a route not in routes.txt")
    return trips


def _read_stop_times(table: _Table, trips: dict[str, _Trip], counted: set[str],
                     report: BuildReport) -> tuple[set[tuple[str, str]], Counter[str]]:
    """(stop id, route id) pairs served, and the number of stops of each trip in ``counted``.

    The hot loop of the whole build: plain tuples and dict look-ups only.
    """
    trip_ix, stop_ix = table.index("trip_id"), table.index("stop_id")
    served: set[tuple[str, str]] = set()
    lengths: Counter[str] = Counter()
    unknown = _Tally()
    route_of = {trip_id: trip.route_id for trip_id, trip in trips.items()}
    last_trip, last_route = None, None
    for line, cells in table.rows:
        trip_id = _cell(cells, trip_ix)
        if trip_id != last_trip:
            last_trip, last_route = trip_id, route_of.get(trip_id)
        if last_route is None:
            unknown.add(line, trip_id)
            continue
        served.add((_cell(cells, stop_ix), last_route))
        if trip_id in counted:
            lengths[trip_id] += 1
    unknown.report(report, "stop_times.txt", "a trip not in trips.txt")
    return served, lengths


# --------------------------------------------------------------------------- shapes


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


def _read_shapes(table: _Table, wanted: dict[str, set[str]],
                 report: BuildReport) -> dict[str, list[Polyline]]:
    """Route id -> polylines, from the shapes the route's trips use."""
    ix = {c: table.index(c) for c in REQUIRED_COLUMNS["shapes.txt"]}
    points: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    bad = _Tally()
    for line, cells in table.rows:
        shape_id = _cell(cells, ix["shape_id"])
        if shape_id not in wanted:
            continue
        coords = _coordinates(_cell(cells, ix["shape_pt_lat"]), _cell(cells, ix["shape_pt_lon"]))
        try:
            sequence = float(_cell(cells, ix["shape_pt_sequence"]))
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


def _longest_trips(trips: dict[str, _Trip], lengths: Counter[str]) -> set[str]:
    """One representative trip per route and direction: the one with the most stops."""
    best: dict[tuple[str, str], tuple[int, str]] = {}
    for trip_id, count in lengths.items():
        trip = trips[trip_id]
        key = (trip.route_id, trip.direction)
        if key not in best or (count, trip_id) > best[key]:
            best[key] = (count, trip_id)
    return {trip_id for _, trip_id in best.values()}


def _point_of(stops: dict[str, _RawStop], stop_id: str) -> tuple[float, float] | None:
    """A platform's own position, else its station's: either is close enough to draw."""
    stop = stops.get(stop_id)
    if stop is None:
        return None
    if stop.coords is None and stop.parent in stops:
        return stops[stop.parent].coords
    return stop.coords


def _shapes_from_stops(files: _FeedFiles, trips: dict[str, _Trip], chosen: set[str],
                       stops: dict[str, _RawStop]) -> dict[str, list[Polyline]]:
    """Straight lines between stops, for feeds without shapes.txt: the line still draws."""
    table = files.table("stop_times.txt")
    ix = {c: table.index(c) for c in ("trip_id", "stop_id", "stop_sequence")}
    sequences: dict[str, list[tuple[float, int, str]]] = defaultdict(list)
    for line, cells in table.rows:
        trip_id = _cell(cells, ix["trip_id"])
        if trip_id in chosen:
            try:
                order = float(_cell(cells, ix["stop_sequence"]))
            except ValueError:
                order = float(line)
            sequences[trip_id].append((order, line, _cell(cells, ix["stop_id"])))
    shapes: dict[str, list[Polyline]] = defaultdict(list)
    for trip_id in sorted(sequences):
        points = []
        for _, _, stop_id in sorted(sequences[trip_id]):
            coords = _point_of(stops, stop_id)
            if coords is not None:
                points.append((coords[1], coords[0]))
        _add_unique(shapes[trips[trip_id].route_id], _simplified(points))
    return shapes


# --------------------------------------------------------------------------- as_of


def _column_values(files: _FeedFiles, name: str, column: str) -> list[str]:
    if not files.has(name):
        return []
    table = files.table(name)
    index = table.index(column)
    return [_cell(cells, index) for _, cells in table.rows] if index is not None else []


def _feed_date(files: _FeedFiles) -> str | None:
    """When the feed starts: feed_info says so; failing that, the earliest service calendar."""
    for value in _column_values(files, "feed_info.txt", "feed_start_date")[:1]:
        if date := _iso_date(value):
            return date
    dates = [d for v in _column_values(files, "calendar.txt", "start_date") if (d := _iso_date(v))]
    return min(dates) if dates else None


# --------------------------------------------------------------------------- public


def read_gtfs(path: Path, source: Source, report: BuildReport) -> TransitFeed:
    """Stations served by at least one route, their lines, and each line's drawing.

    ``source.as_of`` is filled in from the feed when the region file gave none (the
    source object is updated in place, so every record pointing at it agrees).
    """
    with _FeedFiles(path) as files:
        files.require(REQUIRED_FILES)
        stops = _read_stops(files.table("stops.txt"))
        routes = _read_routes(files.table("routes.txt"), source, report)
        trips = _read_trips(files.table("trips.txt"), routes, report)
        shapes = _route_shapes_from_file(files, trips, report)
        undrawn = {t.route_id for t in trips.values()} - set(shapes)
        counted = {trip_id for trip_id, t in trips.items() if t.route_id in undrawn}
        served, lengths = _read_stop_times(files.table("stop_times.txt"), trips, counted, report)
        if lengths:
            chosen = _longest_trips(trips, lengths)
            shapes.update(_shapes_from_stops(files, trips, chosen, stops))
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
        feed.timetable = read_timetable(files, source.id, station_of, used, report)
    return feed


def _route_shapes_from_file(files: _FeedFiles, trips: dict[str, _Trip],
                            report: BuildReport) -> dict[str, list[Polyline]]:
    wanted: dict[str, set[str]] = defaultdict(set)
    for trip in trips.values():
        if trip.shape_id:
            wanted[trip.shape_id].add(trip.route_id)
    if not wanted or not files.has("shapes.txt"):
        return {}
    return dict(_read_shapes(files.table("shapes.txt"), wanted, report))


def _stations(stops: dict[str, _RawStop], served: set[tuple[str, str]],
              routes: dict[str, Line], source: Source,
              report: BuildReport) -> tuple[list[Stop], set[tuple[str, str]]]:
    """Fold served platforms into their stations and keep the stations with coordinates."""
    lines_at: dict[str, set[str]] = defaultdict(set)
    station_cache: dict[str, str] = {}
    unknown = _Tally()
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
    with _reading(label):
        handle = open(path, encoding="utf-8-sig", newline="")
    stops = _read_stops(_table(handle, label, REQUIRED_COLUMNS["stops.txt"]))
    feed = TransitFeed(source=source)
    for raw in stops.values():
        folded = raw.parent in stops and stops[raw.parent].kind == 1
        if raw.kind > 1 or (raw.kind == 0 and folded):
            continue
        stop = _make_stop(raw, mode, source, path.name, report)
        if stop is not None:
            feed.stops.append(stop)
    return feed

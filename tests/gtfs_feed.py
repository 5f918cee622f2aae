"""A small GTFS feed written in a test (FEED), and reading it: shared by the GTFS reading tests
and the timetable tests of the transit layer."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from navigator.catalogue.build.gtfs import read_gtfs
from navigator.catalogue.build.report import BuildReport
from navigator.catalogue.records import Source, TransitFeed

# A small feed: station STA with two platforms and an entrance; two stand-alone bus
# stops (B1 with the leading spaces real feeds have); an unserved stop X; rail route R
# with a shape, bus route T without one, ferry route F with no trips.
FEED: dict[str, list[list[str]]] = {
    "agency.txt": [
        ["agency_id", "agency_name", "agency_url", "agency_timezone"],
        ["A", "Test Transit", "https://example.org", "America/Los_Angeles"],
    ],
    "stops.txt": [
        ["stop_id", "stop_name", "stop_lat", "stop_lon", "location_type", "parent_station"],
        ["STA", "Central Station", "34.05", "-118.25", "1", ""],
        ["P1", "Central Station Platform 1", "34.0501", "-118.2501", "0", "STA"],
        ["P2", "Central Station Platform 2", "34.0499", "-118.2499", "0", "STA"],
        ["E1", "Central Station Entrance", "34.0502", "-118.2502", "2", "STA"],
        ["B1", "Bus Stop One", "  34.06", " -118.26", "", ""],
        ["B2", "Bus Stop Two", "34.07", "-118.27", "0", ""],
        ["X", "Unserved Stop", "34.08", "-118.28", "0", ""],
    ],
    "routes.txt": [
        ["route_id", "route_short_name", "route_long_name", "route_type", "route_color",
         "route_text_color"],
        ["R", "Red", "Red Line", "1", "ee3124", "FFFFFF"],
        ["T", "10", "Bus Ten", "3", "", ""],
        ["F", "", "Harbour Ferry", "4", "", ""],
    ],
    "trips.txt": [
        ["route_id", "service_id", "trip_id", "direction_id", "shape_id"],
        ["R", "WK", "r1", "0", "shpR"],
        ["T", "WK", "t1", "0", ""],
        ["T", "WK", "t2", "1", ""],
        ["T", "WK", "t3", "0", ""],
    ],
    "stop_times.txt": [
        ["trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence"],
        ["r1", "08:00:00", "08:00:00", "P1", "1"],
        ["r1", "08:05:00", "08:05:00", "B2", "2"],
        ["t1", "09:00:00", "09:00:00", "B1", "1"],
        ["t1", "09:10:00", "09:10:00", "B2", "3"],  # out of order: stop_sequence decides
        ["t1", "09:05:00", "09:05:00", "P2", "2"],
        ["t2", "10:00:00", "10:00:00", "B2", "1"],
        ["t2", "10:10:00", "10:10:00", "B1", "2"],
        ["t3", "11:00:00", "11:00:00", "B1", "1"],
        ["t3", "11:10:00", "11:10:00", "B2", "2"],
    ],
    "shapes.txt": [
        ["shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence"],
        ["shpR", "34.06005", "-118.26005", "20"],  # on the straight line: simplified away
        ["shpR", "34.0501", "-118.2501", "10"],
        ["shpR", "34.07", "-118.27", "30"],
    ],
    "calendar.txt": [
        ["service_id", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
         "sunday", "start_date", "end_date"],
        ["WK", "1", "1", "1", "1", "1", "0", "0", "20240301", "20240630"],
        ["SA", "0", "0", "0", "0", "0", "1", "0", "20240215", "20240630"],
    ],
}


def csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def write_feed(tmp_path: Path, changes: dict[str, list[list[str]] | None] | None = None,
               folder: bool = False, compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """FEED with some files replaced (or removed, with None), as a zip or a folder."""
    files = {**FEED, **(changes or {})}
    files = {name: rows for name, rows in files.items() if rows is not None}
    if folder:
        path = tmp_path / "feed"
        path.mkdir()
        for name, rows in files.items():
            (path / name).write_text(csv_text(rows), encoding="utf-8")
        return path
    path = tmp_path / "feed.zip"
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, rows in files.items():
            archive.writestr(name, csv_text(rows))
    return path


def source(as_of: str | None = None) -> Source:
    return Source("test-gtfs", "Test feed", "Test Transit", "feed.zip", as_of=as_of)


def read(path: Path, src: Source | None = None) -> tuple[TransitFeed, BuildReport]:
    report = BuildReport()
    return read_gtfs(path, src or source(), report), report


def lines_of(feed: TransitFeed, stop_id: str) -> set[str]:
    return {line for stop, line in feed.stop_lines if stop == stop_id}


def rows_with(name: str, edit) -> list[list[str]]:
    """FEED's rows of ``name`` with ``edit(row)`` applied to each data row."""
    return [FEED[name][0]] + [edit(list(row)) for row in FEED[name][1:]]

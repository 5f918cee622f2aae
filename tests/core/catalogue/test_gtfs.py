"""GTFS reading (navigator.catalogue.build.gtfs) and stops near schools (transit_links)."""

from __future__ import annotations

import csv
import io
import math
import random
import zipfile
from pathlib import Path

import pytest
from gtfs_feed import FEED, csv_text, lines_of, read, rows_with, source, write_feed

from navigator.catalogue.build.gtfs import (
    best_mode,
    mode_of_route_type,
    read_gtfs,
    read_stops_file,
)
from navigator.catalogue.build.report import BuildReport
from navigator.catalogue.build.transit_links import stops_near_schools
from navigator.catalogue.records import School, Source, Stop, TransitFeed
from navigator.errors import UserError
from navigator.geo import EARTH_RADIUS_M, haversine_m

# --------------------------------------------------------------------------- small feeds


@pytest.mark.parametrize("folder", [False, True])
def test_stops_take_the_lines_that_serve_them(tmp_path: Path, folder: bool) -> None:
    feed, report = read(write_feed(tmp_path, folder=folder))
    assert report.problems == []
    assert [s.id for s in feed.stops] == ["STA", "B1", "B2"]
    assert feed.stop_lines == {("STA", "R"), ("STA", "T"), ("B1", "T"), ("B2", "R"), ("B2", "T")}
    assert all(s.source_id == "test-gtfs" for s in feed.stops)


def test_platforms_fold_into_their_station(tmp_path: Path) -> None:
    feed, _ = read(write_feed(tmp_path))
    station = next(s for s in feed.stops if s.id == "STA")
    assert (station.name, station.latitude, station.longitude) == ("Central Station", 34.05, -118.25)
    assert lines_of(feed, "STA") == {"R", "T"}  # R via P1, T via P2
    ids = {s.id for s in feed.stops}
    assert not ids & {"P1", "P2", "E1", "X"}  # platforms, entrance, unserved stop


def test_leading_spaces_in_coordinates_are_stripped(tmp_path: Path) -> None:
    feed, _ = read(write_feed(tmp_path))
    bus = next(s for s in feed.stops if s.id == "B1")
    assert (bus.latitude, bus.longitude) == (34.06, -118.26)


def test_station_mode_is_its_most_rail_like_line(tmp_path: Path) -> None:
    feed, _ = read(write_feed(tmp_path))
    assert {s.id: s.mode for s in feed.stops} == {"STA": "rail", "B1": "bus", "B2": "rail"}


@pytest.mark.parametrize(("route_type", "mode"), [
    (0, "rail"), (1, "rail"), (2, "rail"), (5, "rail"), (7, "rail"), (12, "rail"),
    (100, "rail"), (199, "rail"), (400, "rail"), (599, "rail"), (900, "rail"), (999, "rail"),
    (3, "bus"), (11, "bus"), (700, "bus"), (799, "bus"),
    (4, "ferry"), (1000, "ferry"), (1299, "ferry"),
    (6, "other"), (200, "other"), (1300, "other"), (1500, "other"),
])
def test_mode_of_route_type(route_type: int, mode: str) -> None:
    assert mode_of_route_type(route_type) == mode


def test_best_mode_ranks_rail_then_ferry_then_bus() -> None:
    assert best_mode(["bus", "ferry"]) == "ferry"
    assert best_mode(["other", "bus", "rail"]) == "rail"
    assert best_mode(["other"]) == "other"


def test_lines_keep_names_and_colours(tmp_path: Path) -> None:
    feed, _ = read(write_feed(tmp_path))
    lines = {line.id: line for line in feed.lines}
    assert set(lines) == {"R", "T"}  # the ferry has no trips, so no stops: not a line here
    red, bus = lines["R"], lines["T"]
    assert (red.short_name, red.long_name, red.mode) == ("Red", "Red Line", "rail")
    assert (red.color, red.text_color) == ("#EE3124", "#FFFFFF")
    assert (bus.short_name, bus.long_name, bus.mode) == ("10", "Bus Ten", "bus")
    assert (bus.color, bus.text_color) == (None, None)


def test_shapes_are_ordered_and_simplified(tmp_path: Path) -> None:
    feed, _ = read(write_feed(tmp_path))
    assert feed.shapes["R"] == [[(-118.2501, 34.0501), (-118.27, 34.07)]]


def test_shapes_are_deduplicated_either_way_round(tmp_path: Path) -> None:
    back = [["shpB", "34.07", "-118.27", "1"], ["shpB", "34.0501", "-118.2501", "2"]]
    trips = FEED["trips.txt"] + [["R", "WK", "r2", "1", "shpB"]]
    stop_times = FEED["stop_times.txt"] + [["r2", "", "", "B2", "1"], ["r2", "", "", "P1", "2"]]
    feed, _ = read(write_feed(tmp_path, {"shapes.txt": FEED["shapes.txt"] + back,
                                         "trips.txt": trips, "stop_times.txt": stop_times}))
    assert feed.shapes["R"] == [[(-118.27, 34.07), (-118.2501, 34.0501)]]  # shpB sorts first


def test_without_shapes_lines_follow_the_longest_trip_per_direction(tmp_path: Path) -> None:
    feed, _ = read(write_feed(tmp_path, {"shapes.txt": None}))
    b1, p2, b2, p1 = (-118.26, 34.06), (-118.2499, 34.0499), (-118.27, 34.07), (-118.2501, 34.0501)
    assert feed.shapes["T"] == [[b1, p2, b2], [b2, b1]]  # t1 (not the shorter t3), then t2
    assert feed.shapes["R"] == [[p1, b2]]


def test_as_of_from_feed_info(tmp_path: Path) -> None:
    info = [["feed_publisher_name", "feed_publisher_url", "feed_lang", "feed_start_date"],
            ["Test", "https://example.org", "en", "20240115"]]
    path = write_feed(tmp_path, {"feed_info.txt": info})
    feed, _ = read(path)
    assert feed.source.as_of == "2024-01-15"
    given, _ = read(path, source(as_of="2023-09-01"))
    assert given.source.as_of == "2023-09-01"  # the region file's own date wins


def test_as_of_from_calendar_without_feed_info(tmp_path: Path) -> None:
    feed, _ = read(write_feed(tmp_path))
    assert feed.source.as_of == "2024-02-15"  # the earliest start_date


def test_as_of_unknown_without_feed_info_or_calendar(tmp_path: Path) -> None:
    feed, _ = read(write_feed(tmp_path, {"calendar.txt": None}))
    assert feed.source.as_of is None


@pytest.mark.parametrize(("lat", "lon"), [
    ("", ""), ("north", "-118.26"), ("0", "0"), ("134.06", "-118.26"), ("34.06", "-218.26"),
])
def test_stop_without_coordinates_is_reported_and_skipped(tmp_path: Path, lat: str,
                                                           lon: str) -> None:
    def blank(row: list[str]) -> list[str]:
        return row[:2] + [lat, lon] + row[4:] if row[0] == "B1" else row

    feed, report = read(write_feed(tmp_path, {"stops.txt": rows_with("stops.txt", blank)}))
    assert [str(p) for p in report.problems] == ["stops.txt:6: stop B1 has no coordinates; skipped"]
    assert "B1" not in {s.id for s in feed.stops}
    assert lines_of(feed, "B1") == set()


def test_platform_with_unknown_parent_stands_alone(tmp_path: Path) -> None:
    def orphan(row: list[str]) -> list[str]:
        return row[:5] + ["NOPE"] if row[0] == "P2" else row

    feed, report = read(write_feed(tmp_path, {"stops.txt": rows_with("stops.txt", orphan)}))
    assert lines_of(feed, "P2") == {"T"}
    assert lines_of(feed, "STA") == {"R"}
    assert [p.row for p in report.problems] == [4]
    assert "parent station NOPE" in report.problems[0].message


def test_stop_times_naming_an_unknown_trip_are_reported(tmp_path: Path) -> None:
    stop_times = FEED["stop_times.txt"] + [["ghost", "", "", "X", "1"]] * 2
    feed, report = read(write_feed(tmp_path, {"stop_times.txt": stop_times}))
    assert [str(p) for p in report.problems] == [
        "stop_times.txt:11: 2 row(s) name a trip not in trips.txt (first: 'ghost'); skipped"
    ]
    assert "X" not in {s.id for s in feed.stops}


# --------------------------------------------------------------------------- bad input


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"nowhere\.zip does not exist; check its path"):
        read(tmp_path / "nowhere.zip")


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "feed.zip"
    path.write_text("stop_id,stop_name\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"feed\.zip is not a zip file.*download the feed again"):
        read(path)


def test_truncated_zip(tmp_path: Path) -> None:
    path = write_feed(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(UserError, match=r"feed\.zip is not a zip file, or is truncated or corrupt"):
        read(path)


def test_corrupt_member_is_named(tmp_path: Path) -> None:
    path = write_feed(tmp_path, compression=zipfile.ZIP_STORED)
    data = path.read_bytes()
    assert data.count(b"r1,08:05:00") == 1
    path.write_bytes(data.replace(b"r1,08:05:00", b"r1,08:06:00"))  # the CRC no longer matches
    with pytest.raises(UserError) as err:
        read(path)
    message = str(err.value)
    assert "stop_times.txt in the GTFS feed" in message
    assert "corrupt or truncated" in message and "download the feed again" in message


@pytest.mark.parametrize("name", ["agency.txt", "stops.txt", "routes.txt", "trips.txt",
                                  "stop_times.txt"])
def test_missing_required_file(tmp_path: Path, name: str) -> None:
    with pytest.raises(UserError, match=rf"feed\.zip has no {name}; .*download the complete feed"):
        read(write_feed(tmp_path, {name: None}))


@pytest.mark.parametrize(("name", "column"), [
    ("stops.txt", "stop_id"), ("stops.txt", "stop_name"), ("stops.txt", "stop_lat"),
    ("stops.txt", "stop_lon"), ("routes.txt", "route_id"), ("routes.txt", "route_type"),
    ("trips.txt", "route_id"), ("trips.txt", "trip_id"), ("stop_times.txt", "trip_id"),
    ("stop_times.txt", "stop_id"),
])
def test_missing_required_column(tmp_path: Path, name: str, column: str) -> None:
    rows = [["renamed" if h == column else h for h in FEED[name][0]]] + FEED[name][1:]
    with pytest.raises(UserError) as err:
        read(write_feed(tmp_path, {name: rows}))
    message = str(err.value)
    assert message.startswith(f"The file {name} in the GTFS feed ")
    assert f"has no column {column!r}" in message
    assert "fix its header or download the feed again" in message


def test_not_utf8(tmp_path: Path) -> None:
    path = write_feed(tmp_path, folder=True)
    (path / "stops.txt").write_bytes(csv_text(FEED["stops.txt"]).replace(
        "Central", "Caf\u00e9").encode("latin-1"))
    with pytest.raises(UserError, match=r"stops\.txt in the GTFS feed .* is not UTF-8 text"):
        read(path)


# --------------------------------------------------------------------------- bare stops file


def test_read_stops_file_keeps_stations_and_stand_alone_stops(tmp_path: Path) -> None:
    path = tmp_path / "stops.txt"
    path.write_text(csv_text(FEED["stops.txt"]), encoding="utf-8")
    report = BuildReport()
    feed = read_stops_file(path, "bus", source(), report)
    assert [s.id for s in feed.stops] == ["STA", "B1", "B2", "X"]
    assert {s.mode for s in feed.stops} == {"bus"}
    assert (feed.lines, feed.stop_lines, feed.shapes, report.problems) == ([], set(), {}, [])


def test_read_stops_file_reports_stops_without_coordinates(tmp_path: Path) -> None:
    rows = FEED["stops.txt"] + [["Z", "Nowhere", "", "", "", ""]]
    path = tmp_path / "stops.txt"
    path.write_text(csv_text(rows), encoding="utf-8")
    report = BuildReport()
    feed = read_stops_file(path, "bus", source(), report)
    assert "Z" not in {s.id for s in feed.stops}
    assert [str(p) for p in report.problems] == ["stops.txt:9: stop Z has no coordinates; skipped"]


def test_read_stops_file_bad_input(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"missing\.txt does not exist"):
        read_stops_file(tmp_path / "missing.txt", "bus", source(), BuildReport())
    path = tmp_path / "stops.txt"
    path.write_text("stop_id,stop_name,stop_lat\n1,A,34\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"stops\.txt has no column 'stop_lon'"):
        read_stops_file(path, "bus", source(), BuildReport())
    with pytest.raises(UserError, match=r"mode 'tram'.*fix mode in the region file"):
        read_stops_file(path, "tram", source(), BuildReport())


# --------------------------------------------------------------------------- stops near schools


def school(school_id: str, lat: float | None, lon: float | None) -> School:
    return School(school_id, school_id, "district", "test", latitude=lat, longitude=lon)


def north_of(lat: float, metres: float) -> float:
    """The latitude ``metres`` due north: haversine gives exactly ``metres`` back."""
    return lat + math.degrees(metres / EARTH_RADIUS_M)


def test_stops_near_schools_matches_brute_force_haversine() -> None:
    rng = random.Random(7)
    stops = [Stop(f"st{i}", "s", "bus", rng.uniform(34.0, 34.1), rng.uniform(-118.3, -118.2), "t")
             for i in range(400)]
    schools = [school(f"sc{i}", rng.uniform(34.0, 34.1), rng.uniform(-118.3, -118.2))
               for i in range(60)] + [school("nowhere", None, None)]
    found = stops_near_schools(schools, stops, 800)
    expected = sorted(
        (sc.id, st.id, float(round(d)))
        for sc in schools if sc.latitude is not None
        for st in stops
        if (d := haversine_m(sc.latitude, sc.longitude, st.latitude, st.longitude)) <= 800
    )
    assert sorted(found) == expected
    assert found == sorted(found, key=lambda p: (p[0], p[2], p[1]))
    assert all(p[0] != "nowhere" for p in found)


def test_stops_near_schools_with_nothing_to_match() -> None:
    stop = Stop("s", "s", "bus", 34.0, -118.0, "t")
    assert stops_near_schools([], [stop], 800) == []
    assert stops_near_schools([school("a", None, None)], [stop], 800) == []
    assert stops_near_schools([school("a", 34.0, -118.0)], [], 800) == []


# --------------------------------------------------------------------------- the real LA feed

LA_LINES = {  # route_id: (route_long_name, route_color); route_short_name is empty in this feed
    "801": ("Metro A Line (Blue)", "#0072BC"),
    "802": ("Metro B Line (Red)", "#EB131B"),
    "803": ("Metro C Line (Green)", "#58A738"),
    "804": ("Metro L Line (Gold)", "#FDB913"),
    "805": ("Metro D Line (Purple)", "#A05DA5"),
    "806": ("Metro E Line (Expo)", "#5BC2E7"),
    "807": ("Metro K Line (Crenshaw)", "#FC74FD"),
}


@pytest.fixture(scope="module")
def la_rail(la_rail_gtfs: Path) -> tuple[TransitFeed, BuildReport]:
    report = BuildReport()
    src = Source("la-metro-rail", "LA Metro rail", "LA Metro", "gtfs_rail.zip")
    return read_gtfs(la_rail_gtfs, src, report), report


def test_la_rail_lines(la_rail: tuple[TransitFeed, BuildReport]) -> None:
    feed, report = la_rail
    assert report.problems == []
    assert {line.id: (line.long_name, line.color) for line in feed.lines} == LA_LINES
    assert {(line.short_name, line.mode) for line in feed.lines} == {(None, "rail")}


def test_la_rail_interchanges(la_rail: tuple[TransitFeed, BuildReport]) -> None:
    feed, _ = la_rail
    assert lines_of(feed, "80122S") == {"801", "802", "805", "806"}  # 7th St / Metro Center
    assert lines_of(feed, "80214S") == {"802", "804", "805"}  # Union Station
    assert lines_of(feed, "80112S") == {"801", "803"}  # Willowbrook / Rosa Parks
    metro_center = next(s for s in feed.stops if s.id == "80122S")
    assert (metro_center.name, metro_center.mode) == ("7th Street / Metro Center Station", "rail")


def test_la_rail_stations_are_the_served_parents(la_rail: tuple[TransitFeed, BuildReport],
                                                 la_rail_gtfs: Path) -> None:
    with zipfile.ZipFile(la_rail_gtfs) as archive:
        def table(name: str) -> list[dict[str, str]]:
            return list(csv.DictReader(io.TextIOWrapper(archive.open(name), "utf-8-sig")))

        parent = {r["stop_id"]: r["parent_station"] or r["stop_id"] for r in table("stops.txt")}
        served = {r["stop_id"] for r in table("stop_times.txt")}
    feed, _ = la_rail
    assert {s.id for s in feed.stops} == {parent[s] for s in served}
    assert len(feed.stops) == 99  # 102 stations in stops.txt, 3 of them without service
    assert feed.source.as_of == "2022-10-07"  # feed_start_date is empty: earliest calendar


def test_la_rail_every_line_has_a_shape(la_rail: tuple[TransitFeed, BuildReport]) -> None:
    feed, _ = la_rail
    assert set(feed.shapes) == set(LA_LINES)
    for polylines in feed.shapes.values():
        assert polylines and all(len(p) >= 2 for p in polylines)
        for lon, lat in (pt for p in polylines for pt in p):
            assert 33.5 < lat < 34.5 and -118.6 < lon < -117.6


def test_schools_near_real_stations(la_rail: tuple[TransitFeed, BuildReport]) -> None:
    feed, _ = la_rail
    stations = {s.id: s for s in feed.stops}
    metro_center, union = stations["80122S"], stations["80214S"]
    schools = [
        school("near", north_of(metro_center.latitude, 300), metro_center.longitude),
        school("far", north_of(union.latitude, 1000), union.longitude),
        school("unplaced", None, None),
    ]
    found = stops_near_schools(schools, feed.stops, 800)
    near = {stop: d for sc, stop, d in found if sc == "near"}
    assert near["80122S"] == 300.0
    assert "80214S" not in {stop for sc, stop, _ in found if sc == "far"}
    assert {sc for sc, _, _ in found} <= {"near", "far"}
    for sc_id, stop_id, d in found:
        sc = next(s for s in schools if s.id == sc_id)
        st = stations[stop_id]
        assert d == pytest.approx(haversine_m(sc.latitude, sc.longitude, st.latitude,
                                              st.longitude), abs=0.5)
        assert d <= 800


def test_real_bus_stops(shared_data: Path) -> None:
    path = shared_data / "la-metro" / "bus_stops.txt"
    if not path.is_file():
        pytest.skip(f"LA Metro bus stops not found at {path}")
    valid = 0
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            try:
                lat, lon = float(row["stop_lat"]), float(row["stop_lon"])
            except ValueError:
                continue
            valid += -90 <= lat <= 90 and -180 <= lon <= 180 and (lat, lon) != (0, 0)
    report = BuildReport()
    feed = read_stops_file(path, "bus", Source("la-bus", "b", "LA Metro", path.name), report)
    assert len(feed.stops) == valid == 12100
    assert report.problems == []
    assert {s.mode for s in feed.stops} == {"bus"}
    first = feed.stops[0]
    assert (first.id, first.name, first.latitude, first.longitude) == (
        "1", "Paramount / Slauson", 33.973248, -118.113113)

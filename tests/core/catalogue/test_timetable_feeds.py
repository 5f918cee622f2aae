"""Timetables as GTFS writes them, on small feeds made from the demo town's (data/demo/transit):
blank times filled by distance (or stop count) and said as estimates, frequencies, service days
past midnight, calendars that never run, staying on the same vehicle, never slower than walking,
lines named with their operator, the nearest stop beyond the walk, each ride's timetable date."""

from __future__ import annotations

from pathlib import Path

import pytest
from demo_feed import build, demo_feed, near, rows, school_at, trip_json, trip_text

from navigator.catalogue.build.gtfs import read_gtfs
from navigator.catalogue.build.report import BuildReport
from navigator.catalogue.build.timetable_times import APPROXIMATE, BY_DISTANCE, BY_STOP_COUNT, EXACT
from navigator.catalogue.records import Source
from navigator.cli import main
from navigator.transit.words import trip_steps

TUESDAY = "2026-11-24"
SCALE_M_PER_DEG = 7174.1 / 0.0779  # the demo's shape 22_0 along Calle Luna, metres per degree


def _seconds(clock: str) -> int:
    h, m, s = (int(x) for x in clock.split(":"))
    return h * 3600 + m * 60 + s


def _timed(feed_dir: Path, first_stop: str, first_departure: str) -> dict[str, tuple[int, int]]:
    """stop id -> (arrival seconds, how known) along the trip leaving ``first_stop`` then."""
    report = BuildReport()
    feed = read_gtfs(feed_dir, Source("t", "t", "t", "t"), report)
    tt = feed.timetable
    a = tt.arrays
    starts = a["pattern_start"]
    offset = 0
    for pattern in a["trip_pattern"]:
        stops = [tt.stop_ids[s] for s in a["pattern_stops"][starts[pattern]:starts[pattern + 1]]]
        n = len(stops)
        if stops[0] == first_stop and a["departure"][offset] == _seconds(first_departure):
            return {s: (int(a["arrival"][offset + i]), int(a["estimated"][offset + i]))
                    for i, s in enumerate(stops)}
        offset += n
    raise AssertionError("no such trip")


def _blanked(distances: bool) -> list[dict]:
    """Route 22's stop times with 22-0-1's times at 2202 and 1006 left blank (between the
    timepoints 2201 at 6:02 and 2203 at 6:10), and shape_dist_traveled if asked."""
    lon = {r["stop_id"]: float(r["stop_lon"]) for r in rows("stops.txt")}
    out = []
    for r in rows("stop_times.txt"):
        if not r["trip_id"].startswith("22-"):
            continue
        r = dict(r)
        if r["trip_id"] == "22-0-1" and r["stop_id"] in ("2202", "1006"):
            r["arrival_time"] = r["departure_time"] = ""
        if distances:  # along Calle Luna, east from the shape's start (the corner after 2209 aside)
            r["shape_dist_traveled"] = f"{(lon[r['stop_id']] + 118.143) * SCALE_M_PER_DEG:.1f}"
        out.append(r)
    return out


# 2201, 2202, 1006, 2203 lie on one straight street at longitudes -118.1429, -118.1380, -118.1329,
# -118.1229: 2202 is 24.5 % and 1006 50 % of the way from 2201 to 2203 (6:02 to 6:10), where
# counting stops puts them at a third and two thirds.
BY_DISTANCE_TIMES = {"2202": _seconds("06:02:00") + round(0.245 * 480), "1006": _seconds("06:06:00")}
BY_COUNT_TIMES = {"2202": _seconds("06:04:40"), "1006": _seconds("06:07:20")}


@pytest.mark.parametrize(("distances", "shapes", "expected", "how"), [
    (True, False, BY_DISTANCE_TIMES, BY_DISTANCE),  # shape_dist_traveled on the stop times
    (False, True, BY_DISTANCE_TIMES, BY_DISTANCE),  # the stops projected onto shapes.txt
    (False, False, BY_COUNT_TIMES, BY_STOP_COUNT),  # neither: by stop count
])
def test_blank_times_are_filled_by_distance_where_the_feed_has_it(tmp_path, distances, shapes,
                                                                   expected, how):
    folder = demo_feed(tmp_path / "feed", {"22"}, stop_times=_blanked(distances),
                       **({} if shapes else {"shapes": None}))
    times = _timed(folder, "2201", "06:02:00")
    for stop, seconds in expected.items():
        assert times[stop][0] == pytest.approx(seconds, abs=2)
        assert times[stop][1] == how
    assert times["2201"] == (_seconds("06:02:00"), EXACT)  # a timepoint
    assert times["2203"] == (_seconds("06:10:00"), EXACT)


def test_a_time_the_feed_marks_approximate_is_an_estimate(tmp_path):
    times = _timed(demo_feed(tmp_path / "feed", {"22"}), "2201", "06:02:00")
    assert times["2202"] == (_seconds("06:04:00"), APPROXIMATE)  # given, timepoint = 0
    assert times["2201"][1] == EXACT and times["2203"][1] == EXACT


def test_an_estimated_boarding_is_said_about_in_every_language_and_json(tmp_path, capsys):
    feed = demo_feed(tmp_path / "feed", {"22"}, stop_times=_blanked(True))
    pack = build(tmp_path, [feed], [school_at("19000000000001", "Maple Avenue School", "2206")])
    args = ("--near", near("1006"), "--to", "19000000000001", "--on", TUESDAY, "--arrive-by", "06:25",
            "--max-walk", "2")  # 2206, a timepoint: 6:22
    data = trip_json(capsys, pack, *args)
    ride = data["trip"]["legs"][1]
    assert (ride["from"], ride["depart"], ride["line"]) == ("Calle Luna & Oak St", "06:06", "22")
    assert ride["estimated"] and ride["depart_estimated"] and not ride["arrive_estimated"]
    assert data["trip"]["estimated"] and data["trip"]["depart_estimated"]
    assert trip_text(capsys, pack, *args)[2:4] == [
        "  Leave home about 6:05 AM",
        "  walk 1 min to Calle Luna & Oak St",
    ]
    assert trip_text(capsys, pack, *args)[4].startswith("  about 6:06 AM: Valle Verde Transit bus 22 ")
    assert trip_steps(data["trip"], "es")[0] == "Salga de casa hacia las 6:05\u202fa.m."
    assert trip_steps(data["trip"], "ko")[0] == "오전 6:05경 집에서 출발"
    assert trip_steps(data["trip"], "ko")[2].startswith("오전 6:06경: ")


# --------------------------------------------------------------------------- frequencies.txt


def _frequency_feed(folder: Path, exact: str) -> Path:
    trips = [t for t in rows("trips.txt") if t["trip_id"] == "22-0-1"]
    times = [r for r in rows("stop_times.txt") if r["trip_id"] == "22-0-1"]  # 6:02 to 6:42
    return demo_feed(folder, {"22"}, trips=trips, stop_times=times, frequencies=[{
        "trip_id": "22-0-1", "start_time": "06:00:00", "end_time": "09:00:00", "headway_secs": "600",
        "exact_times": exact}])


@pytest.mark.parametrize(("exact", "leave", "arrive", "estimated", "every"), [
    ("1", "07:09", "07:51", False, None),  # every 10 min exactly: the 7:10 bus arrives 7:50
    ("0", "06:59", "07:51", True, 10),  # about every 10 min: allow a whole headway's wait
])
def test_frequencies_are_expanded_into_trips(tmp_path, capsys, exact, leave, arrive, estimated, every):
    pack = build(tmp_path, [_frequency_feed(tmp_path / "feed", exact)],
                 [school_at("19000000000002", "Eastgate School", "2211")])
    args = ("--near", near("2201"), "--to", "19000000000002", "--on", TUESDAY)
    trip = trip_json(capsys, pack, *args, "--arrive-by", "08:00")["trip"]
    assert (trip["depart"], trip["arrive"], trip["transfers"]) == (leave, arrive, 0)
    ride = trip["legs"][1]
    assert ride["estimated"] is estimated and ride["every_min"] == every
    if every:
        assert trip_steps(trip, "en")[2].endswith("(one about every 10 min)")
        assert trip_steps(trip, "es")[2].endswith("(pasa uno cada 10 min aprox.)")
    late = trip_json(capsys, pack, *args, "--arrive-by", "09:00")  # a run before 9:00 still arrives
    assert late["state"] == "found" and late["trip"]["depart"] >= "07:59"


# --------------------------------------------------------------------------- service days


def test_a_trip_past_midnight_counts_for_the_next_morning(tmp_path, capsys):
    def later(r: dict) -> dict:
        def shift(clock: str) -> str:
            h, m, s = clock.split(":")
            return f"{int(h) + 24}:{m}:{s}"
        return r | {"arrival_time": shift(r["arrival_time"]), "departure_time": shift(r["departure_time"])}

    trips = [t for t in rows("trips.txt") if t["trip_id"] == "22-0-1"]
    times = [later(r) for r in rows("stop_times.txt") if r["trip_id"] == "22-0-1"]  # 30:02 to 30:42
    pack = build(tmp_path, [demo_feed(tmp_path / "feed", {"22"}, trips=trips, stop_times=times)],
                 [school_at("19000000000003", "Eastgate School", "2211")])
    args = ("--near", near("2201"), "--to", "19000000000003", "--arrive-by", "06:50")
    tuesday = trip_json(capsys, pack, *args, "--on", TUESDAY)  # Monday's service, at 6:02 Tuesday
    ride = tuesday["trip"]["legs"][1]
    assert (ride["depart"], ride["arrive"], ride["timetable_date"]) == ("06:02", "06:42", "2026-11-23")
    monday = trip_json(capsys, pack, *args, "--on", "2026-11-23")  # Sunday has no service
    assert monday["state"] == "none"


def _validate(capsys, pack: Path) -> tuple[int, str]:
    code = main(["catalogue", "validate", str(pack)])
    return code, capsys.readouterr().err


def test_a_calendar_that_ends_before_it_starts_is_reported_at_build_and_by_validate(tmp_path, capsys):
    calendar = [r | {"start_date": "20270831", "end_date": "20260901"} for r in rows("calendar.txt")]
    feed = demo_feed(tmp_path / "feed", {"22"}, calendar=calendar)
    report_lines = _build_report(tmp_path, feed)
    assert any("service 'WKDY' ends on 2026-09-01, before it starts on 2027-08-31, so it never runs"
               in line for line in report_lines)
    code, err = _validate(capsys, tmp_path / "pack.sqlite")
    assert code == 1
    assert "service 'WKDY' of the timetable of transit-1 ends on 2026-09-01, before it starts on " \
           "2027-08-31, so it never runs" in err
    # Its one added Saturday is all that runs: no school day either.
    assert "warning: no trip of the timetable of transit-1 runs on a Monday to Friday" in err


def test_a_feed_that_never_runs_on_a_school_day_is_reported(tmp_path, capsys):
    weekend = [r | {d: "0" for d in ("monday", "tuesday", "wednesday", "thursday", "friday")}
               | {"saturday": "1"} for r in rows("calendar.txt")]
    feed = demo_feed(tmp_path / "feed", {"22"}, calendar=weekend, calendar_dates=None)
    assert any("no trip of this feed runs on a Monday to Friday" in line
               for line in _build_report(tmp_path, feed))
    code, err = _validate(capsys, tmp_path / "pack.sqlite")
    assert code == 0 and "warning: no trip of the timetable of transit-1 runs on a Monday to Friday" in err


def _build_report(tmp_path: Path, feed: Path) -> list[str]:
    from cde_format import write_cde

    from navigator.catalogue.build.builder import build_pack

    write_cde(tmp_path / "schools.txt", [school_at("19000000000004", "A School", "2204")])
    (tmp_path / "region.toml").write_text(
        '[region]\nid = "feed-test"\nname = "Feed test"\n[[schools]]\nformat = "cde"\n'
        f'path = "schools.txt"\n[[transit]]\npath = "{feed}"\n', encoding="utf-8")
    return [str(p) for p in build_pack(tmp_path / "region.toml", tmp_path / "pack.sqlite").problems]

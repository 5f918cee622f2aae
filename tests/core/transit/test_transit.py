"""Trips by bus and train (navigator.transit): the real LA rail feed, the demo town's buses and
train, expired timetables, calendar exceptions, packs without timetables, and the CLI."""

from __future__ import annotations

import csv
import io
import json
import math
import zipfile
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from cde_format import cde_row, write_cde
from demo import ARROYO as ARROYO_MIDDLE
from demo import PUENTE

from navigator.catalogue.build.builder import build_pack
from navigator.catalogue.pack import open_pack
from navigator.cli import main
from navigator.resources import demo_pack
from navigator.transit.timetable import load_timetable
from navigator.transit.words import timetable_caveat, trip_steps, trip_summary

WESTLAKE = (34.056368, -118.274879)  # Westlake / MacArthur Park Station (stops.txt)
LAS_FLORES = "99999996099060"  # demo: bell 08:10, a walk from ZIP 00104
TUESDAY = "2026-11-24"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def trip_json(capsys, *argv: str) -> dict:
    code, out, err = run(capsys, "trip", *argv, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture(scope="module")
def rail_pack(la_rail_gtfs: Path, tmp_path_factory) -> Path:
    """The real rail feed with a school at Westlake / MacArthur Park and one far from any rail."""
    folder = tmp_path_factory.mktemp("rail")
    write_cde(folder / "schools.txt", [
        cde_row("19000000000001", "Westlake Test School", *WESTLAKE),
        cde_row("19000000000002", "Far Test School", 34.62, -118.10),
    ])
    (folder / "region.toml").write_text(
        '[region]\nid = "rail-test"\nname = "Rail test"\n'
        '[[schools]]\nformat = "cde"\npath = "schools.txt"\n'
        f'[[transit]]\npath = "{la_rail_gtfs}"\npublisher = "LA Metro"\n', encoding="utf-8")
    build_pack(folder / "region.toml", folder / "rail.sqlite")
    return folder / "rail.sqlite"


def _feed_rows(gtfs: Path, name: str) -> list[dict]:
    with zipfile.ZipFile(gtfs) as z:
        return list(csv.DictReader(io.TextIOWrapper(z.open(name), encoding="utf-8-sig")))


def _expected_ride(gtfs: Path, day: date, by_minute: int) -> tuple[int, int]:
    """From the feed's own files: the latest direct train from Union Station's platforms to
    Westlake's that arrives by ``by_minute`` (one minute's walk at each end), and its arrival."""
    weekday = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")[day.weekday()]
    stamp = day.strftime("%Y%m%d")
    running = {r["service_id"] for r in _feed_rows(gtfs, "calendar.txt")
               if r[weekday] == "1" and r["start_date"] <= stamp <= r["end_date"]}
    trips = {r["trip_id"] for r in _feed_rows(gtfs, "trips.txt") if r["service_id"] in running}
    seen: dict[str, tuple[int, int]] = {}
    best = None
    for row in _feed_rows(gtfs, "stop_times.txt"):
        if row["trip_id"] not in trips:
            continue
        h, m, s = (int(x) for x in row["departure_time"].split(":"))
        if row["stop_id"] in ("80214", "80409"):  # Union Station's platforms
            seen[row["trip_id"]] = (int(row["stop_sequence"]), (h * 3600 + m * 60 + s) // 60)
        elif row["stop_id"] == "80210" and row["trip_id"] in seen:
            h, m, s = (int(x) for x in row["arrival_time"].split(":"))
            sequence, leave = seen[row["trip_id"]]
            arrive = math.ceil((h * 3600 + m * 60 + s) / 60)
            if int(row["stop_sequence"]) > sequence and arrive + 1 <= by_minute:
                candidate = (leave - 1, arrive + 1)
                if best is None or (-candidate[0], candidate[1]) < (-best[0], best[1]):
                    best = candidate
    return best


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def test_union_station_to_westlake_matches_the_feeds_own_stop_times(rail_pack, la_rail_gtfs, capsys):
    data = trip_json(capsys, "--pack", str(rail_pack), "--stop", "Union Station",
                     "--to", "19000000000001", "--on", "2022-10-11", "--arrive-by", "08:00")
    trip = data["trip"]
    depart, arrive = _expected_ride(la_rail_gtfs, date(2022, 10, 11), 8 * 60)
    assert (_minutes(trip["depart"]), _minutes(trip["arrive"])) == (depart, arrive)
    assert trip["minutes"] == arrive - depart and trip["transfers"] == 0
    assert [leg["mode"] for leg in trip["legs"]] == ["walk", "rail", "walk"]
    ride = trip["legs"][1]
    assert ride["from"] == "Union Station" and ride["to"] == "Westlake / MacArthur Park Station"
    assert ride["line"] in ("Metro B Line (Red)", "Metro D Line (Purple)")
    assert trip["timetable_date"] == "2022-10-11" and data["timetable_note"] is None
    assert data["summary"] == f"{arrive - depart} min by train · no changes"


def test_a_date_after_the_feed_uses_its_representative_week_and_says_so(rail_pack, capsys):
    inside = trip_json(capsys, "--pack", str(rail_pack), "--stop", "Union Station",
                       "--to", "19000000000001", "--on", "2022-10-11")
    later = trip_json(capsys, "--pack", str(rail_pack), "--stop", "Union Station",
                      "--to", "19000000000001", "--on", "2023-03-14", "--lang", "es")
    assert later["trip"]["timetable_date"] == "2022-10-11"  # Tuesday of the week of Oct 10
    assert later["trip"]["on_date"] == "2023-03-14"
    assert later["trip"]["minutes"] == inside["trip"]["minutes"]
    assert later["timetable_note"] == "horario del mar, 11 de oct de 2022"
    assert timetable_caveat(later["trip"], "en") == "timetable of Tue, Oct 11, 2022"


def test_catalogue_info_and_validate_show_the_feeds_service_dates(rail_pack, capsys):
    code, out, _ = run(capsys, "catalogue", "info", str(rail_pack), "--json")
    feeds = json.loads(out)["timetables"]
    assert [(f["start_date"], f["end_date"], f["week_start"], f["expired"]) for f in feeds] == \
        [("2022-10-07", "2022-10-21", "2022-10-10", True)]
    assert feeds[0]["stop_times"] == 87549
    code, out, err = run(capsys, "catalogue", "validate", str(rail_pack))
    assert code == 0 and "valid" in out  # an ended timetable is a warning, not a failure
    assert "warning: the timetable of transit-1 ended on 2022-10-21" in err


def test_router_and_networkx_baseline_agree(rail_pack):
    from navigator.bench.transit_baseline import TimeExpandedBaseline
    from navigator.transit.router import Router, TripOptions

    for path, day, homes in ((rail_pack, date(2022, 10, 11), 4), (demo_pack(), date(2026, 11, 24), 8)):
        with open_pack(path) as pack:
            timetable = load_timetable(pack)
            points = pack.conn.execute("SELECT latitude, longitude FROM schools ORDER BY id").fetchall()
        router = Router(timetable)
        places = router.places(np.array([p[0] for p in points]), np.array([p[1] for p in points]))
        deadlines = np.full(len(points), 480)
        options = TripOptions()
        baseline = TimeExpandedBaseline(timetable, day, (480 - options.window_min, 480), options)
        rng = np.random.default_rng(3)
        found = 0
        for stop in rng.choice(timetable.stops, homes, replace=False):
            lat = timetable.stop_lat[stop] + rng.normal(0, 0.003)
            lon = timetable.stop_lon[stop] + rng.normal(0, 0.003)
            answer = router.query(lat, lon, places, deadlines, day, options)
            depart, arrive = baseline.query(router, lat, lon, places, deadlines)
            assert answer.depart.tolist() == depart.tolist()
            assert answer.arrive.tolist() == arrive.tolist()
            found += int((depart >= 0).sum())
        assert found > 0


def test_demo_bus_then_train_with_one_change(capsys):
    data = trip_json(capsys, "--zip", "00104", "--to", ARROYO_MIDDLE, "--on", TUESDAY)
    trip = data["trip"]
    assert data["arrive_by"] == "07:50"  # the school's bell time from schedule.csv
    assert trip["transfers"] == 1
    assert [(leg["mode"], leg["line"]) for leg in trip["legs"]] == [
        ("walk", None), ("bus", "10"), ("walk", None), ("rail", "Verde Line"), ("walk", None)]
    assert trip["legs"][2]["from"] == "Oak Street Station (bus bay)"
    assert trip["legs"][2]["minutes"] >= 3  # transfers.txt: 180 s from the bus bay to the platform
    assert _minutes(trip["arrive"]) <= 7 * 60 + 50
    assert data["summary"] == f"{trip['minutes']} min by bus and train · 1 change"
    assert trip_summary(trip, "es") == f"{trip['minutes']} min en autobús y tren · 1 transbordo"
    assert trip_summary(trip, "ko") == f"버스와 전철로 {trip['minutes']}분 · 환승 1회"
    steps = trip_steps(trip, "ko")
    assert steps[0].startswith("오전 7:") and steps[0].endswith("집에서 출발")
    assert "10번 버스 (Cedar Lane 방면)" in steps[2]


def test_demo_trip_in_words_in_three_languages(capsys):
    code, out, _ = run(capsys, "trip", "--zip", "00104", "--to", PUENTE, "--on", TUESDAY, "--lang", "es")
    assert code == 0
    lines = out.replace("\u202f", " ").splitlines()
    assert lines[1] == "11 min en autobús · sin transbordos"
    # Calle Luna & Oak St is not a timepoint of the feed (timepoint 0): its time is an estimate.
    assert lines[2] == "  Salga de casa hacia las 7:49 a.m."
    assert "  hacia las 7:54 a.m.: Autobús 22 de Valle Verde Transit hacia Eastgate Station, " \
           "1 parada" in lines
    code, out, _ = run(capsys, "trip", "--zip", "00104", "--to", LAS_FLORES, "--on", TUESDAY)
    assert out.replace("\u202f", " ").splitlines()[1:] == [
        "9 min walk", "  Leave home 8:01 AM", "  walk 9 min", "  arrive 8:10 AM"]


@pytest.mark.parametrize(("day", "state"), [
    (TUESDAY, "found"),
    ("2026-11-26", "none"),  # Thanksgiving: calendar_dates.txt takes the service away
    ("2026-11-28", "none"),  # an ordinary Saturday: no service
    ("2026-12-05", "found"),  # the Saturday calendar_dates.txt adds
])
def test_demo_calendar_exceptions(capsys, day, state):
    assert trip_json(capsys, "--zip", "00104", "--to", PUENTE, "--on", day)["state"] == state


def test_search_trip_criterion_order_and_json(capsys):
    code, out, _ = run(capsys, "search", "--zip", "00104", "--transit-minutes", "20", "--on", TUESDAY,
                       "--order", "trip", "--json")
    results = json.loads(out)["results"]
    minutes = [r["trip"]["minutes"] for r in results if r["trip"] and "trip" in r["matched"]]
    assert minutes == sorted(minutes) and minutes and max(minutes) <= 20
    first = results[0]["trip"]
    assert set(first) >= {"minutes", "depart", "arrive", "transfers", "walk_min", "timetable_date", "legs"}
    assert set(first["legs"][0]) >= {"mode", "line", "from", "to", "depart", "arrive", "minutes"}
    for result in results:
        quick = result["trip"] is not None and result["trip"]["minutes"] <= 20
        assert ("trip" in result["matched"]) == quick or result["virtual"]
    shown = {r["id"]: r for r in results}
    assert "trip" in shown[ARROYO_MIDDLE]["unmet"]  # 22 min with its change: more than 20; zoned, so shown


def test_search_without_a_trip_asked_has_no_trip_and_no_timetable_read(capsys):
    from navigator.search.engine import SearchEngine
    from navigator.search.location import home_from_zip
    from navigator.search.query import Query

    with open_pack(demo_pack()) as pack:
        engine = SearchEngine(pack)
        result = engine.search(Query(home=home_from_zip(pack, "00104"), limit=5))
        assert all(r.trip is None and "trip" not in r.matched + r.unmet + r.unknown for r in result.results)
        assert engine._planner is None


def test_home_far_from_every_stop_is_not_met_not_unknown():
    from navigator.search.engine import SearchEngine
    from navigator.search.location import home_from_point
    from navigator.search.query import Query

    with open_pack(demo_pack()) as pack:
        engine = SearchEngine(pack)
        every = frozenset(engine.index.ids)  # shown whatever the filters, to read their verdicts
        result = engine.search(Query(home=home_from_point(34.300, -118.300), transit_minutes=60,
                                     on_date=date(2026, 11, 24), include=every))
    located = [r for r in result.results if r.latitude is not None and not r.virtual]
    assert len(located) == 22
    assert all("trip" in r.unmet and r.trip is None for r in located)
    assert not any("trip" in r.unknown for r in result.results)


def test_stops_only_pack_gives_unknown(tmp_path: Path, capsys):
    write_cde(tmp_path / "schools.txt", [cde_row("19000000000009", "Bus Stop School", 34.05, -118.25)])
    (tmp_path / "stops.txt").write_text(
        "stop_id,stop_name,stop_lat,stop_lon\n1,First & Main,34.0502,-118.2502\n"
        "2,Second & Main,34.0601,-118.2601\n", encoding="utf-8")
    (tmp_path / "region.toml").write_text(
        '[region]\nid = "stops-test"\nname = "Stops test"\n'
        '[[schools]]\nformat = "cde"\npath = "schools.txt"\n'
        '[[transit]]\nformat = "stops"\nmode = "bus"\npath = "stops.txt"\npublisher = "Test"\n',
        encoding="utf-8")
    build_pack(tmp_path / "region.toml", tmp_path / "pack.sqlite")
    code, out, _ = run(capsys, "search", "--pack", str(tmp_path / "pack.sqlite"), "--near",
                       "34.0601,-118.2601", "--transit-minutes", "30", "--on", TUESDAY, "--json")
    (result,) = json.loads(out)["results"]
    assert result["unknown"] == ["trip"] and result["trip"] is None
    data = trip_json(capsys, "--pack", str(tmp_path / "pack.sqlite"), "--near", "34.0601,-118.2601",
                     "--to", "19000000000009", "--on", TUESDAY)
    assert data["state"] == "unknown" and data["trip"] is None
    # Sorted by trip with no limit, the search says the same of the school (never "none").
    code, out, _ = run(capsys, "search", "--pack", str(tmp_path / "pack.sqlite"), "--near",
                       "34.0601,-118.2601", "--order", "trip", "--on", TUESDAY, "--json")
    (result,) = json.loads(out)["results"]
    assert code == 0 and result["trip_state"] == "unknown" and result["unknown"] == []
    # The profile never reads a bare stop as "a bus goes here": apart, and said to have no timetable.
    code, out, _ = run(capsys, "show", "--pack", str(tmp_path / "pack.sqlite"), "19000000000009")
    there = out[out.index("Getting there"):].splitlines()
    assert there[2:4] == ["  1 stop this pack has no timetable for: which buses or trains stop "
                          "there, and when, is not known.", "  First & Main: Bus stop · 1 min walk"]
    assert "lines" not in "\n".join(there[2:4])
    # No referral school in this pack: the command line says --referral can change nothing.
    code, out, err = run(capsys, "search", "--pack", str(tmp_path / "pack.sqlite"), "--referral")
    assert code == 0 and "no school that gives places by referral" in err
    code, out, err = run(capsys, "search", "--referral")  # the demo pack has two
    assert code == 0 and "referral" not in err


def test_stops_with_lines_come_first_and_those_without_are_apart_and_counted():
    from navigator.facts import stop_rows
    from navigator.profile import Stop

    stops = [Stop(f"Bare {n}", "bus", [], 100.0 * n, n) for n in range(1, 8)]
    stops.insert(3, Stop("Station", "rail", ["Metro A Line"], 350.0, 4))
    rows = stop_rows(stops)
    assert rows[0] == ("Station", "Train station · lines Metro A Line · 4 min walk")
    assert rows[1] == ("", "7 stops this pack has no timetable for: which buses or trains stop "
                           "there, and when, is not known.")
    assert rows[2:7] == [(f"Bare {n}", f"Bus stop · {n} min walk") for n in range(1, 6)]
    assert rows[7:] == [("", "…and 2 more, a little further.")]
    assert stop_rows(stops[3:4]) == rows[:1]


@pytest.mark.parametrize("argv", [
    ["trip", "--zip", "00104", "--to", PUENTE, "--arrive-by", "25:00"],
    ["trip", "--zip", "00104", "--to", PUENTE, "--on", "2026-02-30"],
    ["trip", "--zip", "00104", "--to", PUENTE, "--on", "next tuesday"],
    ["trip", "--zip", "00104", "--to", "99999999999999"],
    ["trip", "--zip", "00104", "--to", PUENTE, "--max-transfers", "-1"],
    ["search", "--zip", "00104", "--transit-minutes", "-5"],
    ["search", "--transit-minutes", "30"],  # no home
    ["search", "--zip", "00104", "--transit-minutes", "30", "--arrive-by", "8"],
])
def test_bad_trip_input_is_one_sentence_and_exit_2(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("navigator: ")


def test_timetable_reading_folds_platforms_fills_blank_times_and_reports_missing_calendars(tmp_path):
    from gtfs_feed import FEED, read, write_feed

    times = FEED["stop_times.txt"][:1] + [
        ["r1", "08:00:00", "08:00:00", "P1", "1"],
        ["r1", "08:02:00", "08:03:00", "P2", "2"],  # the same station: r1 stops once, so no trip
        ["t1", "09:00:00", "09:00:00", "B1", "1"],
        ["t1", "", "", "P2", "2"],  # no timepoint: halfway between its neighbours
        ["t1", "25:10:00", "25:10:00", "B2", "3"],  # after midnight of the service day
    ]
    feed, report = read(write_feed(tmp_path, {"stop_times.txt": times}))
    timetable = feed.timetable
    assert [timetable.stop_ids[i] for i in timetable.arrays["pattern_stops"]] == ["B1", "STA", "B2"]
    assert timetable.trips == 1
    assert timetable.arrays["arrival"].tolist() == [9 * 3600, 17 * 3600 + 300, 25 * 3600 + 600]
    assert (timetable.start_date, timetable.end_date) == ("2024-03-01", "2024-06-28")
    assert timetable.week_start == "2024-03-04"  # the first full week of weekdays
    assert report.problems == []
    (tmp_path / "b").mkdir()
    no_calendar, report = read(write_feed(tmp_path / "b", {"calendar.txt": None}))
    assert no_calendar.timetable is None and no_calendar.stops
    assert "no service days" in str(report.problems[-1])

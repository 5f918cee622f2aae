"""Issue 21's timetable findings, reproduced on a pack built from the real Los Angeles data in
../shared (skipped with the reason when it is absent): the 2018 school directory, LA Metro rail and
bus stops, and fifteen municipal bus feeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cde_format import cde_row

from navigator.bench.transit_bench import run_on_pack
from navigator.catalogue.build.builder import build_pack
from navigator.catalogue.line_names import line_titles
from navigator.catalogue.pack import open_pack
from navigator.cli import main
from navigator.transit.words import (
    no_stop_text,
    results_dates_text,
    timetable_caveat,
    trip_steps,
    trip_summary,
)

ELLEN_OCHOA = "19647336118186"  # Ellen Ochoa Learning Center, Huntington Park
BELL_GARDENS_INTERMEDIATE = "19648086058408"
ON = "2026-12-08"  # a Tuesday after every feed: each uses its own representative week
FEEDS = ("arcadia", "artesia", "bellflower", "bellgardens", "calabasas", "cudahy", "downey", "glendora",
         "huntingtonpark", "lacampana", "lapuente", "maywood", "playavistashuttle", "rosemead",
         "sierramadre")


def _municipal(shared: Path) -> Path:
    folder = shared / "la-municipal-gtfs"
    if not (folder / "huntingtonpark-ca-us" / "stop_times.txt").is_file():
        pytest.skip(f"the municipal GTFS feeds are not at {folder}")
    return folder


@pytest.fixture(scope="module")
def la_pack(shared_data: Path, la_rail_gtfs: Path, tmp_path_factory) -> Path:
    """Los Angeles County's schools, LA Metro rail and bus stops, and the fifteen municipal feeds;
    no publisher given for the feeds (agency.txt names them)."""
    directory = shared_data / "ca-cde" / "pubschls_2018.txt"
    if not directory.is_file():
        pytest.skip(f"the 2018 CDE directory is not at {directory}")
    municipal = _municipal(shared_data)
    folder = tmp_path_factory.mktemp("la")
    feeds = "".join(f'[[transit]]\npath = "{municipal / (name + "-ca-us")}"\n' for name in FEEDS)
    (folder / "region.toml").write_text(
        '[region]\nid = "la-county-test"\nname = "Los Angeles County (test)"\n'
        'languages = ["en", "es", "ko"]\n'
        f'[[schools]]\nformat = "cde"\npath = "{directory}"\ncounty = "Los Angeles"\nstatus = ["Active"]\n'
        f'[[transit]]\npath = "{la_rail_gtfs}"\n'
        f'[[transit]]\nformat = "stops"\nmode = "bus"\npath = "{shared_data / "la-metro" / "bus_stops.txt"}"'
        '\npublisher = "LA Metro"\n' + feeds, encoding="utf-8")
    build_pack(folder / "region.toml", folder / "la.sqlite")
    return folder / "la.sqlite"


def _json(capsys, *argv: str) -> dict:
    code = main(list(argv) + ["--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def test_huntington_park_boards_at_726_by_distance_and_says_about(shared_data, tmp_path, capsys):
    """Finding 2: its feed gives times at timepoints only; the 7:15 loop reaches Mission & Florence
    at 7:26 by the feed's shape_dist_traveled, where counting stops said 7:31."""
    from demo_feed import build

    feed = _municipal(shared_data) / "huntingtonpark-ca-us"
    pack = build(tmp_path, [feed], [cde_row("19000000000020", "Cedar & Gage School", 33.9809821084788,
                                            -118.213797488873)])
    args = ("trip", "--pack", str(pack), "--near", "33.9729463558716,-118.212161537049",
            "--to", "19000000000020", "--on", "2022-10-11", "--arrive-by", "07:40", "--max-walk", "2")
    trip = _json(capsys, *args)["trip"]
    ride = trip["legs"][1]
    assert (ride["from"], ride["depart"]) == ("Mission & Florence", "07:26")
    assert ride["line"] == ride["operator"] == "Huntington Park Express"
    assert ride["estimated"] is True and ride["depart_estimated"] is True
    assert trip_steps(trip, "en")[2].startswith("about 7:26\u202fAM: Huntington Park Express toward ")
    assert trip_steps(trip, "es")[2].startswith("hacia las 7:26\u202fa.m.:")
    assert trip_steps(trip, "ko")[2].startswith("오전 7:26경:")
    with open_pack(pack) as p:
        source = p.conn.execute("SELECT name, publisher FROM sources WHERE id = 'transit-1'").fetchone()
    assert source == ("Huntington Park Express timetable (GTFS)", "Huntington Park Express")


def test_the_municipal_feeds_blank_times_are_estimates_by_distance(la_pack, capsys):
    feeds = {f["source_id"]: f for f in _json(capsys, "catalogue", "info", str(la_pack))["timetables"]}
    with open_pack(la_pack) as p:
        publisher = dict(p.conn.execute("SELECT id, publisher FROM sources"))
    known = {publisher[s]: f["stop_times_known"] for s, f in feeds.items()}
    # Every municipal feed gives shape_dist_traveled: no time is counted by stops.
    assert all(k["by_stop_count"] == 0 for k in known.values())
    assert known["Huntington Park Express"] == {"timetable": 159, "by_distance": 2173, "by_stop_count": 0,
                                                "approximate": 0, "frequency": 0}
    assert known["La Campana"]["by_distance"] == 432
    assert known["Metro - Los Angeles"]["by_distance"] + known["Metro - Los Angeles"]["approximate"] == 0
    assert known["DowneyLINK"]["approximate"] == 1359  # every time given, all marked timepoint 0


def test_la_campana_walking_is_quicker_and_a_loop_going_round_is_no_change(la_pack, capsys):
    """Finding 3: from ZIP 90255 a 79-minute trip with 2 changes (one from La Campana to La Campana
    where a loop ends and the next begins) to a school 64 minutes away on foot."""
    data = _json(capsys, "trip", "--pack", str(la_pack), "--zip", "90255", "--to", ELLEN_OCHOA, "--on", ON)
    trip = data["trip"]
    assert trip["walk_quicker"] is True and [leg["mode"] for leg in trip["legs"]] == ["walk"]
    assert trip["minutes"] in (64, 65)  # 3.7 km straight: 64.4 minutes on foot
    assert trip_summary(trip, "en") == f"Walking is quicker: {trip['minutes']} min walk"
    assert trip_summary(trip, "ko") == f"걸어가는 것이 더 빠름: 도보 {trip['minutes']}분"
    ride = _json(capsys, "trip", "--pack", str(la_pack), "--zip", "90270", "--to", BELL_GARDENS_INTERMEDIATE,
                 "--on", ON)["trip"]
    rides = [leg for leg in ride["legs"] if leg["mode"] != "walk"]
    assert [leg["line"] for leg in rides] == ["Huntington Park Express", "La Campana Bus"]
    assert ride["transfers"] == 1  # was 2: La Campana to La Campana
    assert [s["at"] for s in rides[1]["stay_on"]] == ["Gage Avenue and Pine Avenue (Civic Center)"]
    assert "stay on the bus at Gage Avenue and Pine Avenue (Civic Center)" in trip_steps(ride, "en")


def test_two_agencies_trip_names_each_timetable_date(la_pack, capsys):
    """Finding 7: Huntington Park's feed's week is in October 2020, La Campana's in July 2020."""
    trip = _json(capsys, "trip", "--pack", str(la_pack), "--zip", "90270", "--to", BELL_GARDENS_INTERMEDIATE,
                 "--on", ON)["trip"]
    dates = [(leg["operator"], leg["timetable_date"]) for leg in trip["legs"] if leg["mode"] != "walk"]
    assert dates == [("Huntington Park Express", "2020-10-06"), ("La Campana", "2020-07-07")]
    assert timetable_caveat(trip, "en") == "timetables of Tue, Jul 7, 2020 and Tue, Oct 6, 2020"
    # The list's header names the days its trips read (here Maywood's shuttle, week of Oct 3, 2022),
    # never the rail's week (Oct 10, 2022) for bus trips.
    args = ["search", "--pack", str(la_pack), "--zip", "90270", "--order", "trip", "--limit", "5", "--on", ON]
    shown = _json(capsys, *args)["results"]
    assert main(args) == 0
    header = capsys.readouterr().out.splitlines()[3]
    dates = results_dates_text([r["trip"] for r in shown], "en")
    assert header == f"The timetable does not cover that day ({dates})."
    assert "Oct 4, 2022" in header and "Oct 11, 2022" not in header


def test_westlake_names_the_station_beyond_the_walk(la_pack, capsys):
    """Finding 6: ZIP 90057's centre is 11.5 minutes' walk from Westlake / MacArthur Park."""
    args = ("search", "--pack", str(la_pack), "--zip", "90057", "--grade", "6", "--transit-minutes", "30",
            "--on", ON)
    near = _json(capsys, *args)["no_stop_near_home"]
    assert near == {"where": "home", "stop": "Westlake / MacArthur Park Station", "mode": "rail",
                    "walk_min": 12, "max_walk_min": 10.0, "longer_walk_min": 15}
    main(list(args))
    out = capsys.readouterr().out
    assert "No stop or station within 10 min walk of home: Westlake / MacArthur Park Station is 12 " \
           "minutes' walk." in out and "For a walk of up to 15 minutes, add --max-walk 15." in out
    assert no_stop_text(near, "ko").startswith("집에서 도보 10분 이내에 정류장이나 역이 없습니다.")
    longer = _json(capsys, *args, "--max-walk", "15")
    assert longer["no_stop_near_home"] is None
    assert any(leg["from"] == "Westlake / MacArthur Park Station"
               for r in longer["results"] if r["trip"] for leg in r["trip"]["legs"])


def test_lines_carry_their_operator(la_pack):
    """Finding 9: Arcadia and La Puente each run a Green Line."""
    with open_pack(la_pack) as p:
        titles = set(line_titles(p.conn).values())
    assert {"Arcadia Transit Green Line", "La Puente LINK Green Line", "Metro A Line (Blue)",
            "La Campana Bus", "Bell Gardens Trolley Fixed Route"} <= titles


def test_the_router_and_the_baseline_agree_on_the_county(la_pack):
    """`navigator bench transit --pack` on the county: same minutes as networkx, pair for pair
    (staying on, walking when quicker, every feed's own week)."""
    figures = run_on_pack(la_pack, n_queries=12, n_baseline=4)["feeds"][0]
    assert figures["pairs"] > 0 and figures["same_minutes"] == figures["pairs"]

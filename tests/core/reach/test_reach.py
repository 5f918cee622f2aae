"""Where families can reach, on the demo town: cells checked by hand, the counts against
``navigator search --near`` cell by cell, district and charter counted alike, bad input refused."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date, time
from pathlib import Path

import numpy as np
import pytest
from demo import CUMBRE, DEMO_DIR, MISSION_HIGH, TODAY

from navigator.catalogue.build.builder import build_pack
from navigator.catalogue.pack import open_pack
from navigator.cli import main
from navigator.reach.count import ReachQuestion, reach_map
from navigator.resources import demo_pack
from navigator.search.engine import SearchEngine
from navigator.transit.planner import TripRequest

HIGH_SCHOOL = ReachQuestion(grade=9, on=TODAY, trip_minutes=30, walk_min=10, arrive_by=time(8, 0))
TWO_BY_BUS = (34.0949, -118.0641)  # east of Hillcrest: Cumbre and Mission High, one change each
DESERT = (34.0741, -118.0641)  # the south-east corner: nothing in 30 minutes
NOWHERE = (34.1405, -118.1600)  # north-west of town: only a stop without a timetable


def cell_at(reach, point: tuple[float, float]) -> int:
    d = (reach.grid.lat - point[0]) ** 2 + (reach.grid.lon - point[1]) ** 2
    return int(np.argmin(d))


@pytest.fixture(scope="module")
def high_schools(pack):
    engine = SearchEngine(pack)
    return engine, reach_map(pack, HIGH_SCHOOL, workers=1, engine=engine)


def test_a_cell_reaches_a_charter_and_a_district_school_by_bus_and_train_with_one_change(high_schools):
    engine, reach = high_schools
    cell = cell_at(reach, TWO_BY_BUS)
    assert int(reach.total[cell]) == 2
    assert dict(zip(reach.sectors, reach.reached[:, cell].tolist(), strict=True)) == \
        {"charter": 1, "district": 1}
    request = TripRequest(float(reach.grid.lat[cell]), float(reach.grid.lon[cell]), time(8, 0), TODAY,
                          HIGH_SCHOOL.options())
    found = engine.planner.answer(request)
    for school in (CUMBRE, MISSION_HIGH):
        i = engine.index.position[school]
        trip = engine.planner.trip(found, school, engine.index.names[i])
        rides = [leg for leg in trip.legs if leg.mode != "walk"]
        assert len(rides) == 2 and {leg.mode for leg in rides} <= {"bus", "rail"}  # one change
        assert 0 < found.minutes()[i] <= 30


def test_a_desert_reaches_nothing_and_is_not_unknown(high_schools):
    _engine, reach = high_schools
    cell = cell_at(reach, DESERT)
    assert (int(reach.total[cell]), int(reach.unknown[cell]), int(reach.kind()[cell])) == (0, 0, -1)
    assert (reach.kind() == -1).sum() > 0 and (reach.kind() == 1).sum() > 0


def test_the_counts_equal_navigator_search_near_cell_by_cell(high_schools, capsys):
    _engine, reach = high_schools
    cells = sorted({cell_at(reach, TWO_BY_BUS), cell_at(reach, DESERT),
                    *np.random.default_rng(3).choice(len(reach.grid), 14, replace=False).tolist()})
    for cell in cells:
        near = f"{float(reach.grid.lat[cell])!r},{float(reach.grid.lon[cell])!r}"
        code = main(["search", "--pack", str(demo_pack()), "--near", near, "--grade", "9",
                     "--transit-minutes", "30", "--max-walk", "10", "--arrive-by", "08:00",
                     "--on", TODAY.isoformat(), "--json"])
        out, err = capsys.readouterr()
        assert code == 0, err
        results = json.loads(out)["results"]
        found = [r for r in results if r["trip_state"] == "found" and not r["unmet"]]
        for s, sector in enumerate(reach.sectors):
            assert int(reach.reached[s][cell]) == sum(r["sector"] == sector for r in found), (cell, sector)


def test_district_and_charter_are_counted_alike_when_relabelled(high_schools, tmp_path):
    _engine, reach = high_schools
    copy = tmp_path / "relabelled.sqlite"
    shutil.copy(demo_pack(), copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE schools SET sector = CASE sector WHEN 'district' THEN 'charter' "
                     "WHEN 'charter' THEN 'district' ELSE sector END")
    with open_pack(copy) as pack:
        swapped = reach_map(pack, HIGH_SCHOOL, workers=1)
    assert swapped.sectors == reach.sectors == ["charter", "district"]
    assert np.array_equal(swapped.reached[0], reach.reached[1])
    assert np.array_equal(swapped.reached[1], reach.reached[0])
    assert np.array_equal(swapped.kind(), reach.kind())


def test_parallel_processes_give_the_same_counts(pack):
    question = ReachQuestion(grade=None, on=TODAY, trip_minutes=45, walk_min=15)
    one = reach_map(pack, question, workers=1)
    import navigator.reach.count as count

    old, count.PARALLEL_FROM = count.PARALLEL_FROM, 1
    try:
        two = reach_map(pack, question, workers=2)
    finally:
        count.PARALLEL_FROM = old
    assert np.array_equal(one.reached, two.reached) and one.reached.sum() > 0


@pytest.fixture(scope="module")
def untimed_pack(tmp_path_factory) -> Path:
    """The demo town with two stops that have no timetable: one north-west of town, one by Mission High."""
    folder = tmp_path_factory.mktemp("untimed")
    shutil.copytree(DEMO_DIR, folder / "demo")
    (folder / "demo" / "more_stops.txt").write_text(
        "stop_id,stop_name,stop_lat,stop_lon\n"
        f"U1,Hilltop Rd & Canyon Dr,{NOWHERE[0]},{NOWHERE[1]}\n"
        "U2,Sierra Vista Dr & Mission High,34.1190,-118.0605\n", encoding="utf-8")
    toml = folder / "demo" / "region.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[[transit]]\npath = "more_stops.txt"\n'
                    'format = "stops"\nmode = "bus"\nname = "Community shuttle stops (no timetable)"\n'
                    'publisher = "Valle Verde (demo)"\nas_of = 2026-09-01\n', encoding="utf-8")
    build_pack(toml, folder / "pack.sqlite")
    return folder / "pack.sqlite"


def test_a_cell_with_only_stops_without_a_timetable_is_unknown_not_none(untimed_pack, capsys):
    with open_pack(untimed_pack) as pack:
        reach = reach_map(pack, HIGH_SCHOOL, workers=1)
    cell = cell_at(reach, NOWHERE)
    assert abs(reach.grid.lat[cell] - NOWHERE[0]) < 0.004  # the stop brought its cell into the map
    assert (int(reach.total[cell]), int(reach.kind()[cell])) == (0, 0)
    assert int(reach.unknown[cell]) == 1  # Mission High: a stop without a timetable by it too
    code = main(["search", "--pack", str(untimed_pack), "--near", f"{float(reach.grid.lat[cell])!r},"
                 f"{float(reach.grid.lon[cell])!r}", "--grade", "9", "--transit-minutes", "30", "--max-walk",
                 "10", "--arrive-by", "08:00", "--on", TODAY.isoformat(), "--json"])
    results = json.loads(capsys.readouterr()[0])["results"]
    assert code == 0
    assert [r["id"] for r in results if r["trip_state"] == "unknown"] == [MISSION_HIGH]


@pytest.mark.parametrize("argv, words", [
    (["--program", "no_such_code"], "is not a program code in this pack"),
    (["--cell-m", "0"], "--cell-m 0 is not a cell size"),
    (["--cell-m", "50", "--walk-minutes", "30"], None),  # fine: the demo town is small
    (["--indicator", "ela"], "--indicator and --min-level go together"),
    (["--indicator", "nope", "--min-level", "2"], "no results for 'nope'"),
    (["--arrive-by", "25:00"], "is not a time of day"),
    (["--grade", "14"], "is not a school grade"),
])
def test_bad_input_is_one_sentence_and_exit_2(argv, words, tmp_path, capsys):
    out = tmp_path / "map.csv"
    code = main(["reach", "--grade", "K", "--on", TODAY.isoformat(), *argv, "--out", str(out)])
    _out, err = capsys.readouterr()
    if words is None:
        assert code == 0 and out.is_file()
        return
    assert code == 2 and words in err and err.count("\n") == 1 and not out.exists()


def test_a_region_of_a_million_cells_is_refused(tmp_path, capsys, monkeypatch):
    from navigator.reach import grid

    homes = np.array([[34.0, -118.5], [34.9, -117.5]])  # about 100 x 90 km
    with pytest.raises(Exception) as caught:
        grid.region_grid(homes, np.zeros((0, 2)), 100, 20)
    assert "more than 400,000" in str(caught.value) and "--cell-m" in str(caught.value)
    monkeypatch.setattr(grid, "MAX_CELLS", 100)
    code = main(["reach", "--grade", "K", "--on", TODAY.isoformat(), "--out", str(tmp_path / "m.pdf")])
    assert code == 2 and "give a larger --cell-m" in capsys.readouterr()[1]


def test_the_reports_say_what_was_asked_with_plain_names(tmp_path, capsys):
    for suffix in ("geojson", "csv", "html", "pdf"):
        code = main(["reach", "--grade", "9", "--on", TODAY.isoformat(), "--walk-minutes", "10",
                     "--lang", "es", "--out", str(tmp_path / f"map.{suffix}")])
        assert code == 0, capsys.readouterr()[1]
    data = json.loads((tmp_path / "map.geojson").read_text(encoding="utf-8"))
    first = data["features"][0]
    assert first["geometry"]["type"] == "Polygon" and len(first["geometry"]["coordinates"][0]) == 5
    assert set(first["properties"]) == {"cell", "latitude", "longitude", "zip", "answer", "schools_reached",
                                        "charter_reached", "district_reached", "unknown"}
    assert data["question"]["grade"] == 9 and data["question"]["timetable_dates"]
    answers = {f["properties"]["answer"] for f in data["features"]}
    assert answers == {"reaches", "none"}
    header = (tmp_path / "map.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == ("cell,latitude,longitude,zip,answer,schools_reached,charter_reached,"
                      "district_reached,unknown")
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in page and "00104 Las Flores" in page and "Valle Verde Transit (demo)" in page
    assert "Where families without a car can reach" not in page  # in Spanish
    assert (tmp_path / "map.pdf").read_bytes().startswith(b"%PDF")


def test_nothing_reaches_the_network(pack):
    """The counts use the pack alone (the test suite's network guard fails any request)."""
    reach = reach_map(pack, ReachQuestion(grade=0, on=date(2026, 11, 23)), workers=1)
    assert len(reach.grid) > 100


def test_a_school_result_level_keeps_only_the_schools_at_it_or_above(pack, tmp_path, capsys):
    """--indicator ela --min-level 4: the schools whose latest ELA level is high or very high."""
    plain = ReachQuestion(grade=0, on=TODAY)
    high = ReachQuestion(grade=0, on=TODAY, indicator="ela", min_level=4)
    every, some = reach_map(pack, plain, workers=1), reach_map(pack, high, workers=1)
    levels = dict(pack.conn.execute("SELECT school_id, status_level FROM indicators WHERE "
                                    "indicator = 'ela' AND student_group = 'ALL'").fetchall())
    assert some.schools == [s for s in every.schools if levels.get(s, "").lower() in ("high", "very high")]
    assert 0 < len(some.schools) < len(every.schools)
    assert (some.total <= every.total).all() and some.total.sum() < every.total.sum()
    code = main(["reach", "--grade", "K", "--on", TODAY.isoformat(), "--indicator", "ela",
                 "--min-level", "9", "--out", str(tmp_path / "m.csv")])
    assert code == 2 and "is not one of the state's levels" in capsys.readouterr()[1]

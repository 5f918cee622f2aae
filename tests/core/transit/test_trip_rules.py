"""What a trip says, on small feeds made from the demo town's: staying on the same vehicle is not a
change; never a ride slower than walking; lines named with their operator, once per stop; the
nearest stop when none is within the walk; each ride's own timetable date."""

from __future__ import annotations

import json
from pathlib import Path

from demo_feed import build, demo_feed, near, rows, school_at, trip_json, trip_text

from navigator.catalogue.line_names import line_title, operator_name, stop_lines
from navigator.catalogue.pack import open_pack
from navigator.cli import main
from navigator.transit.words import timetable_caveat, trip_steps, trip_summary

TUESDAY = "2026-11-24"


def _with_block(trips: list[dict], blocks: dict[str, str]) -> list[dict]:
    return [t | {"block_id": blocks.get(t["trip_id"], "")} for t in trips]


def _block_feed(folder: Path, transfers: list[dict] | None = None) -> Path:
    """22-0-1 ends at Eastgate Station (bus bay) at 6:42 and its bus goes on as 35-1-3, made to
    leave at 6:43: too soon to change buses (2 minutes), not to stay on."""
    trips = _with_block([t for t in rows("trips.txt") if t["route_id"] in ("22", "35")],
                        {"22-0-1": "B1", "35-1-3": "B1"})

    def earlier(r: dict) -> dict:
        if r["trip_id"] != "35-1-3":
            return r
        h, m, s = (int(x) for x in r["departure_time"].split(":"))
        clock = f"{h:02d}:{m - 2:02d}:{s:02d}"
        return r | {"arrival_time": clock, "departure_time": clock}

    times = [earlier(r) for r in rows("stop_times.txt") if r["trip_id"].startswith(("22-", "35-"))]
    return demo_feed(folder, {"22", "35"}, trips=trips, stop_times=times,
                     **({"transfers": transfers} if transfers else {}))


def test_staying_on_the_same_bus_is_not_a_change(tmp_path, capsys):
    pack = build(tmp_path, [_block_feed(tmp_path / "feed")],
                 [school_at("19000000000010", "Vista Lane School", "3508")])
    args = ("--near", near("2209"), "--to", "19000000000010", "--on", TUESDAY, "--arrive-by", "06:50")
    trip = trip_json(capsys, pack, *args)["trip"]
    assert trip["transfers"] == 0 and [leg["mode"] for leg in trip["legs"]] == ["walk", "bus", "walk"]
    ride = trip["legs"][1]
    assert (ride["line"], ride["depart"], ride["to"]) == ("22", "06:32", "Sierra Vista Dr & Vista Ln")
    assert ride["stay_on"] == [{"at": "Eastgate Station (bus bay)", "line": "35",
                                "operator": "Valle Verde Transit", "toward": "Oak Street"}]
    assert ride["stops"] == 3  # 2210, 2211, 3508: the bay counted once
    assert trip_summary(trip, "en").endswith("no changes")
    steps = trip_steps(trip, "en")
    assert "stay on the bus at Eastgate Station (bus bay): it goes on as Valle Verde Transit bus 35 toward " \
           "Oak Street" in steps
    assert "quédese en el autobús en Eastgate Station (bus bay): sigue como Autobús 35 de Valle Verde " \
           "Transit hacia Oak Street" in trip_steps(trip, "es")
    assert any("내리지 말고 버스에 계속 탑승" in s for s in trip_steps(trip, "ko"))


def test_the_feed_can_say_the_rider_must_get_off(tmp_path, capsys):
    no = [{"from_stop_id": "", "to_stop_id": "", "from_trip_id": "22-0-1", "to_trip_id": "35-1-3",
           "transfer_type": "5"}]
    pack = build(tmp_path, [_block_feed(tmp_path / "feed", no)],
                 [school_at("19000000000010", "Vista Lane School", "3508")])
    data = trip_json(capsys, pack, "--near", near("2209"), "--to", "19000000000010", "--on", TUESDAY,
                     "--arrive-by", "06:50")
    assert data["trip"] is None or data["trip"]["legs"][1].get("stay_on") == []


def _loop_feed(folder: Path) -> Path:
    """Line LP loops 2204 -> 2205 -> 2206 -> 2207 -> 2204, every 25 minutes, no block_id."""
    routes = rows("routes.txt") + [{"route_id": "LP", "agency_id": "VVT", "route_short_name": "LP",
                                    "route_long_name": "Calle Luna loop", "route_type": "3"}]
    trips = [{"route_id": "LP", "service_id": "WKDY", "trip_id": f"LP-{n}", "trip_headsign": "Loop",
              "direction_id": "0", "shape_id": ""} for n in (1, 2)]
    times = []
    for n, start in ((1, 6 * 60), (2, 6 * 60 + 25)):
        for k, stop in enumerate(("2204", "2205", "2206", "2207", "2204")):
            at = start + 5 * k
            clock = f"{at // 60:02d}:{at % 60:02d}:00"
            times.append({"trip_id": f"LP-{n}", "arrival_time": clock, "departure_time": clock,
                          "stop_id": stop, "stop_sequence": str(k + 1), "timepoint": "1"})
    return demo_feed(folder, set(), routes=routes, trips=trips, stop_times=times, shapes=None)


def test_a_loop_going_round_again_is_not_a_change(tmp_path, capsys):
    pack = build(tmp_path, [_loop_feed(tmp_path / "feed")],
                 [school_at("19000000000011", "Peña Park School", "2205")])
    trip = trip_json(capsys, pack, "--near", near("2207"), "--to", "19000000000011", "--on", TUESDAY,
                     "--arrive-by", "06:32")["trip"]
    assert trip["transfers"] == 0
    ride = trip["legs"][1]
    assert (ride["depart"], ride["arrive"]) == ("06:15", "06:30")
    assert [s["at"] for s in ride["stay_on"]] == ["Calle Luna & Pine St"]
    assert "stay on the bus at Calle Luna & Pine St" in trip_steps(trip, "en")  # same line: no "goes on as"


def test_never_a_ride_slower_than_walking(tmp_path, capsys):
    pack = build(tmp_path, [_loop_feed(tmp_path / "feed")],
                 [school_at("19000000000012", "Pine Street School", "2204")])
    # By the loop: leave 6:04, round by 2206 and 2207, arrive 6:21 (17 min); on foot: 15 min.
    data = trip_json(capsys, pack, "--near", near("2205"), "--to", "19000000000012", "--on", TUESDAY,
                     "--arrive-by", "06:22")
    trip = data["trip"]
    assert trip["walk_quicker"] is True and trip["walk_min"] == trip["minutes"] == 15
    assert [leg["mode"] for leg in trip["legs"]] == ["walk"]
    assert trip_summary(trip, "en") == "Walking is quicker: 15 min walk"
    assert trip_summary(trip, "es") == "Caminar es más rápido: 15 min a pie"
    assert trip_summary(trip, "ko") == "걸어가는 것이 더 빠름: 도보 15분"


def _operators_feed(folder: Path) -> Path:
    """Two operators each with a route "2"; Metro's is two routes, one per direction."""
    agency = [{"agency_id": "M", "agency_name": "Metro - Los Angeles", "agency_url": "https://m.example.org",
               "agency_timezone": "America/Los_Angeles"},
              {"agency_id": "C", "agency_name": "Compton Renaissance Transit",
               "agency_url": "https://c.example.org", "agency_timezone": "America/Los_Angeles"}]
    routes = [{"route_id": rid, "agency_id": a, "route_short_name": "2", "route_long_name": "",
               "route_type": "3"} for rid, a in (("M2N", "M"), ("M2S", "M"), ("C2", "C"))]
    trips = [{"route_id": r, "service_id": "WKDY", "trip_id": f"{r}-1", "trip_headsign": h}
             for r, h in (("M2N", "Mission"), ("M2S", "Willow"), ("C2", "Laurel"))]
    plan = {"M2N-1": (0, ("2201", "2202", "1006")), "M2S-1": (0, ("1006", "2202", "2201")),
            "C2-1": (15, ("2202", "2203"))}  # Compton's 2 leaves 2202 at 7:15, after Metro's came
    times = []
    for trip, (start, stops) in plan.items():
        for k, stop in enumerate(stops):
            clock = f"07:{start + 10 * k:02d}:00"
            times.append({"trip_id": trip, "arrival_time": clock, "departure_time": clock,
                          "stop_id": stop, "stop_sequence": str(k + 1)})
    return demo_feed(folder, set(), agency=agency, routes=routes, trips=trips, stop_times=times,
                     shapes=None)


def test_lines_are_named_with_their_operator_and_listed_once_per_stop(tmp_path, capsys):
    pack = build(tmp_path, [_operators_feed(tmp_path / "feed")],
                 [school_at("19000000000013", "Flores School", "2202"),
                  school_at("19000000000014", "Laurel School", "2203")])
    with open_pack(pack) as p:
        served = [title for title, _ in stop_lines(p.conn)["2202"]]
        assert served == ["Compton Renaissance Transit 2", "Metro 2"]  # Metro's two routes: once
        source = p.conn.execute("SELECT name, publisher FROM sources WHERE id = 'transit-1'").fetchone()
        layer = json.loads(p.conn.execute("SELECT geojson FROM layers WHERE kind = 'transit'").fetchone()[0])
    # The publisher is the feed's own agency.txt, not "Transit agency".
    assert source == ("Metro - Los Angeles, Compton Renaissance Transit timetable (GTFS)",
                      "Metro - Los Angeles, Compton Renaissance Transit")
    assert {f["properties"]["name"] for f in layer["features"]} == set(served)
    assert main(["search", "--pack", str(pack), "--near", near("2202"), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)["results"]
    flores = next(r for r in found if r["id"] == "19000000000013")
    assert flores["transit"][0]["lines"] == ["Compton Renaissance Transit 2", "Metro 2"]
    trip = trip_json(capsys, pack, "--near", near("2201"), "--to", "19000000000014", "--on", TUESDAY,
                     "--arrive-by", "07:30", "--max-walk", "2")["trip"]
    rides = [leg for leg in trip["legs"] if leg["mode"] != "walk"]
    assert [(leg["line"], leg["operator"]) for leg in rides] == [
        ("2", "Metro"), ("2", "Compton Renaissance Transit")]
    steps = trip_steps(trip, "en")
    assert any(": Metro bus 2 toward Mission" in s for s in steps)
    assert any(": Compton Renaissance Transit bus 2 toward Laurel" in s for s in steps)
    assert any("Autobús 2 de Metro" in s for s in trip_steps(trip, "es"))
    assert any("Metro 2번 버스" in s for s in trip_steps(trip, "ko"))


def test_a_lines_own_name_may_already_say_who_runs_it():
    assert operator_name("Metro - Los Angeles") == "Metro"
    assert operator_name("Valle Verde Transit (demo)") == "Valle Verde Transit"
    assert line_title(None, "Metro A Line (Blue)", "rail", "Metro - Los Angeles") == "Metro A Line (Blue)"
    assert line_title(None, "La Campana Bus", "bus", "La Campana") == "La Campana Bus"
    assert line_title("V", "Verde Line", "rail", "Valle Verde Transit (demo)") == "Verde Line"
    assert line_title(None, "Green Line", "bus", "Arcadia Transit") == "Arcadia Transit Green Line"
    assert line_title(None, "Green Line", "bus", "La Puente LINK") == "La Puente LINK Green Line"
    assert line_title("2", None, "bus", None) == "2"


def test_no_stop_within_the_walk_names_the_nearest_and_the_longer_walk(tmp_path, capsys):
    pack = build(tmp_path, [demo_feed(tmp_path / "feed", {"22"})],
                 [school_at("19000000000015", "Maple Avenue School", "2206")])
    home = "34.0839,-118.1510"  # 745 m west of Calle Luna & Willow Ave: 13 minutes on foot
    args = ("--near", home, "--to", "19000000000015", "--on", TUESDAY, "--arrive-by", "07:30")
    data = trip_json(capsys, pack, *args)
    assert data["state"] == "none"
    assert data["no_stop_near"] == {"where": "home", "stop": "Calle Luna & Willow Ave", "mode": "bus",
                                    "walk_min": 13, "max_walk_min": 10.0, "longer_walk_min": 15}
    assert trip_text(capsys, pack, *args)[2:] == [
        "No stop or station within 10 min walk of home: Calle Luna & Willow Ave is 13 minutes' walk.",
        "For a walk of up to 15 minutes, add --max-walk 15."]
    assert trip_text(capsys, pack, *args, "--lang", "es")[2] == (
        "No hay parada ni estación a menos de 10 min a pie de su casa: Calle Luna & Willow Ave está a "
        "13 minutos a pie.")
    assert trip_json(capsys, pack, *args, "--max-walk", "15")["state"] == "found"
    code = main(["search", "--pack", str(pack), "--near", home, "--transit-minutes", "45", "--on", TUESDAY,
                 "--json"])
    assert json.loads(capsys.readouterr().out)["no_stop_near_home"]["stop"] == "Calle Luna & Willow Ave"
    assert code == 0


def test_each_ride_names_its_own_timetable_date(tmp_path, capsys):
    """Bus 22 from a feed covering 2026-27, bus 35 from one that ran in 2020: a trip on both."""
    older = [r | {"start_date": "20200701", "end_date": "20201231"} for r in rows("calendar.txt")]
    new = demo_feed(tmp_path / "new", {"22"})
    old = demo_feed(tmp_path / "old", {"35"}, calendar=older, calendar_dates=None)
    pack = build(tmp_path, [new, old], [school_at("19000000000016", "Hillcrest School", "3506")])
    args = ("--near", near("2209"), "--to", "19000000000016", "--arrive-by", "07:30")
    trip = trip_json(capsys, pack, *args, "--on", TUESDAY)["trip"]
    rides = [leg for leg in trip["legs"] if leg["mode"] != "walk"]
    assert [(leg["line"], leg["timetable_date"]) for leg in rides] == [("22", TUESDAY), ("35", "2020-07-07")]
    assert trip["timetable_dates"] == ["2020-07-07", TUESDAY]
    assert timetable_caveat(trip, "en") == "timetable of Tue, Jul 7, 2020"
    later = trip_json(capsys, pack, *args, "--on", "2028-01-04")["trip"]  # after both feeds
    assert timetable_caveat(later, "en") == "timetables of Tue, Jul 7, 2020 and Tue, Dec 1, 2026"
    assert timetable_caveat(later, "es") == "horarios del mar, 7 de jul de 2020 y mar, 1 de dic de 2026"
    # The list's header names the days the trips shown read, not one feed's for all.
    code = main(["search", "--pack", str(pack), "--near", near("2209"), "--order", "trip",
                 "--arrive-by", "07:30", "--on", "2028-01-04"])
    out = capsys.readouterr().out
    assert code == 0
    assert "The timetable does not cover that day (timetables of Tue, Jul 7, 2020 and Tue, Dec 1, " \
           "2026)." in out

"""The trip between two schools by bus or train (issue 14's Together and far-apart check, from
issue 12's router): the same minutes a family's own trip from that doorstep gets, on the demo
pack's timetable; nothing where the timetable cannot say."""

from __future__ import annotations

import json

import pytest
from demo import ARROYO, CUMBRE, DEMO_HOUSEHOLD, LAS_FLORES, NAMU, PUENTE, TODAY, VIRTUAL

from navigator.catalogue.pack import open_pack
from navigator.cli import main
from navigator.household import open_household
from navigator.household.check import check_household
from navigator.household.together import together
from navigator.search.engine import SearchEngine
from navigator.shortlist import ListedSchool
from navigator.transit.between import between_schools


@pytest.fixture(scope="module")
def trips(pack):
    found = between_schools(SearchEngine(pack), TODAY)
    assert found is not None  # the demo pack has a timetable
    return found


def _family_trip(capsys, pack, from_id: str, to_id: str) -> int | None:
    """`navigator trip` from the first school's doorstep: the family's own command."""
    lat, lon = pack.conn.execute("SELECT latitude, longitude FROM schools WHERE id = ?",
                                 (from_id,)).fetchone()
    code = main(["trip", "--near", f"{lat},{lon}", "--to", to_id, "--on", TODAY.isoformat(),
                 "--json"])
    out = capsys.readouterr().out
    assert code == 0
    trip = json.loads(out)["trip"]
    return None if trip is None else trip["minutes"]


@pytest.mark.parametrize(("a", "b", "found"), [
    (LAS_FLORES, ARROYO, True), (ARROYO, LAS_FLORES, True),
    (PUENTE, NAMU, False),  # 3.9 mi apart: no line links them in time on the demo timetable
])
def test_the_trip_between_schools_is_the_familys_own_trip_from_that_doorstep(pack, trips, capsys,
                                                                            a, b, found):
    expected = _family_trip(capsys, pack, a, b)
    assert (expected is not None and expected > 0) == found
    assert trips(a, b) == expected


def test_no_minutes_where_the_timetable_cannot_say(trips) -> None:
    assert trips(LAS_FLORES, LAS_FLORES) is None  # the same school: no trip
    assert trips(LAS_FLORES, VIRTUAL) is None and trips(VIRTUAL, LAS_FLORES) is None
    assert trips(LAS_FLORES, "no-such-school") is None


def test_together_and_the_far_apart_check_say_the_trip(pack, trips) -> None:
    rosa = open_household(DEMO_HOUSEHOLD, pack)
    result = together(pack, rosa, limit=3, trip_minutes=trips)
    legs = [leg for option in result.options for leg in option.legs]
    assert legs and all(leg.trip_min == trips(leg.from_id, leg.to_id) for leg in legs)
    rosa.child(1).schools[0] = ListedSchool(LAS_FLORES)
    rosa.child(2).schools[0] = ListedSchool(CUMBRE)  # 4.7 km apart, 36 min by bus and train
    (far,) = [w for w in check_household(pack, rosa, TODAY, trip_minutes=trips)
              if w.kind == "far_apart"]
    minutes = round(trips(LAS_FLORES, CUMBRE))
    assert f"By public transit the trip between them takes about {minutes} minutes." in \
        far.message("en")


def test_the_command_line_together_prints_the_trip_between(capsys) -> None:
    code = main(["search", "--household", str(DEMO_HOUSEHOLD), "--together", "--limit", "2"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Between the schools by bus or train: about" in out


def test_a_pack_without_a_timetable_has_no_trip_between(tmp_path) -> None:
    """A region with schools and no transit at all: no trip between, and the checks still run."""
    from cde_format import cde_row, write_cde

    from navigator.catalogue.build.builder import build_pack

    write_cde(tmp_path / "pubschls.txt", [
        cde_row("19647330000101", "North Elementary", 34.05, -118.25),
        cde_row("19647330000102", "South Elementary", 34.00, -118.25)])
    (tmp_path / "region.toml").write_text(
        '[region]\nid = "test-none"\nname = "Test none"\n'
        '[[schools]]\nformat = "cde"\npath = "pubschls.txt"\n', encoding="utf-8")
    build_pack(tmp_path / "region.toml", tmp_path / "none.sqlite")
    with open_pack(tmp_path / "none.sqlite") as small:
        assert between_schools(SearchEngine(small), TODAY) is None

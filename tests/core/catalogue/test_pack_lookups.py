"""The small questions screens ask the pack (navigator/catalogue/lookups.py), on the demo pack and
on a pack with nothing in it but schools: every answer a plain value, unknown never invented."""

from __future__ import annotations

import threading

import pytest
from demo import ARROYO, CUMBRE, LAS_FLORES, PUENTE

from navigator.catalogue.lookups import SchoolBasics
from navigator.catalogue.pack import open_pack


@pytest.fixture(scope="module")
def bare(tmp_path_factory):
    """Ten synthetic schools and nothing else a family might look for: no stops, no addresses."""
    from navigator.bench.synthetic import synthetic_content
    from navigator.catalogue.build.writer import write_pack

    content = synthetic_content(10)
    content.stops, content.lines, content.stop_lines, content.school_stops = [], [], [], []
    path = tmp_path_factory.mktemp("bare") / "bare.sqlite"
    write_pack(path, content)
    with open_pack(path) as opened:
        yield opened


def test_known_ids_are_those_the_pack_has(pack) -> None:
    assert pack.known_ids([PUENTE, "00000000000000", CUMBRE, PUENTE]) == {PUENTE, CUMBRE}
    assert pack.known_ids([]) == set()
    many = [f"{n:014d}" for n in range(1200)] + [LAS_FLORES]  # more than one IN (...) list
    assert pack.known_ids(many) == {LAS_FLORES}


def test_a_schools_basics_name_and_grades(pack) -> None:
    assert pack.school_basics(PUENTE) == SchoolBasics(
        PUENTE, "Puente Dual Language Academy", "charter", "independent", 0, 5, 34.0833, -118.1232,
        False)
    assert pack.school_basics("00000000000000") is None
    assert pack.school_name(CUMBRE) == "Cumbre Preparatory Academy"
    assert pack.school_name("00000000000000") is None
    assert pack.school_names([ARROYO, "00000000000000"]) == {ARROYO: "Arroyo Middle School"}
    everyone = pack.school_names()
    assert len(everyone) == pack.counts()["schools"]
    assert list(everyone.values()) == sorted(everyone.values())  # in name order, to choose from
    assert pack.grade_spans([ARROYO, PUENTE]) == [("Puente Dual Language Academy", 0, 5),
                                                  ("Arroyo Middle School", 6, 8)]
    assert pack.grade_spans([]) == []


def test_what_schools_offer(pack, bare) -> None:
    kinds = pack.charter_kinds()
    assert kinds[PUENTE] == "independent" and LAS_FLORES not in kinds
    assert set(kinds.values()) <= {"independent", "affiliated"}
    codes = pack.feature_codes()
    assert ("program", "dual_language") in codes and codes == sorted(set(codes))
    assert pack.dual_languages() == ["es", "ko"] == pack.dual_languages(offered_only=True)
    assert pack.levels() == {"elementary", "middle", "high", "k12"}
    # Horizon Continuation and Bridges give places by referral; ten ordinary schools, none.
    assert pack.has_referral_schools() and not bare.has_referral_schools()
    points = pack.school_points()
    assert points and all(-90 <= lat <= 90 and -180 <= lon <= 180 for lat, lon in points)


def test_where_families_live(pack, bare) -> None:
    assert pack.has_addresses() and pack.has_attendance_zones()
    assert pack.has_zip("00104") and not pack.has_zip("99999")
    assert pack.example_zip() == "00101"
    assert pack.example_address() == "421 Avenida del Sol"
    assert pack.example_stop() == "Arroyo Park Station"  # a station before a bus stop
    geojson, name = pack.zone_shape("es-lr", "99999996099011")
    assert geojson.startswith("{") and name
    assert pack.zone_shape("es-lr", "00000000000000") is None
    assert not bare.has_addresses() and not bare.has_attendance_zones()
    assert bare.example_zip() is None and bare.example_address() is None
    assert bare.example_stop() is None


def test_buses_and_trains(pack, bare) -> None:
    assert pack.has_stops() and pack.stop_modes() == {"rail", "bus"}
    lines = pack.lines()
    assert lines[0][0] == "VERDE"  # trains first
    # named as everywhere else: the line's own name, or its operator's ("Valle Verde Transit 10")
    assert pack.line_name("VERDE") == "Verde Line" and pack.line_name("Verde Line") == "Verde Line"
    assert pack.line_titles()["VERDE"] == "Verde Line"
    assert pack.line_name("no such line") is None
    assert pack.transit_shapes() and pack.transit_shapes()[0].startswith("{")
    stop, served = sorted(pack.stop_lines().items())[0]
    title, colour = served[0]
    assert stop and title and colour.startswith("#")
    ids = [row[0] for row in pack.stop_places()]
    assert ids == sorted(ids) and len(ids) == pack.counts()["stops"]
    assert not bare.has_stops() and bare.stop_modes() == set() and bare.lines() == []
    assert bare.transit_shapes() == [] and bare.stop_places() == []


def test_the_lines_near_a_family_and_the_places_of_an_area(pack, bare) -> None:
    """What the map draws by default: the lines stopping near the home (within the walk) and near
    the listed schools (the pack's school_stops); and the area's place names without a street map."""
    assert pack.lines_near(34.086, -118.132, 800) == {"10", "22"}  # ZIP 00104's middle
    assert pack.lines_near(34.086, -118.132, 50) == set()
    assert pack.school_lines([PUENTE]) == {"22"}
    assert pack.school_lines([PUENTE, LAS_FLORES]) == {"10", "22"}
    assert pack.school_lines([]) == set() and bare.school_lines([PUENTE]) == set()
    places = pack.place_names()  # the named ZIP areas
    assert ("Los Robles", 34.11, -118.133) in places and len(places) == 6
    # no ZIP areas and no town in its schools' addresses: no place is named (none is invented)
    assert bare.place_names(least=1) == []


def test_a_pack_belongs_to_the_thread_that_opened_it(pack) -> None:
    """SQLite's same-thread check is on: a pack handed to another thread fails at once (each
    thread of the app opens its own), never a read racing another on one connection."""
    import sqlite3

    errors: list[BaseException] = []

    def elsewhere() -> None:
        try:
            pack.school_name(PUENTE)
        except BaseException as err:  # noqa: BLE001 - the error is the answer
            errors.append(err)

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()
    assert len(errors) == 1 and isinstance(errors[0], sqlite3.ProgrammingError)
    assert pack.school_name(PUENTE) == "Puente Dual Language Academy"  # here it still reads


def test_a_towns_zip_areas_are_one_place_named_without_its_state() -> None:
    """The installed ZIP list names areas "Pasadena, CA": on a one-region map that is one
    label "Pasadena" for all its ZIP codes, at their middle, the towns with more ZIPs first."""
    import sqlite3

    from navigator.catalogue.lookups import PackLookups

    class Zips(PackLookups):
        def __init__(self) -> None:
            self.conn = sqlite3.connect(":memory:")
            self.conn.execute("CREATE TABLE zips (zip, name, latitude, longitude)")
            self.conn.executemany("INSERT INTO zips VALUES (?, ?, ?, ?)", [
                ("91101", "Pasadena, CA", 34.14, -118.13), ("91103", "Pasadena, CA", 34.16, -118.17),
                ("91105", "Pasadena, CA", 34.13, -118.15), ("90210", "Beverly Hills, CA", 34.10, -118.41),
                ("00101", "Los Robles", 34.11, -118.13), ("00102", "", 34.0, -118.0)])

    assert Zips().place_names() == [("Pasadena", 34.14, -118.15), ("Beverly Hills", 34.10, -118.41),
                                    ("Los Robles", 34.11, -118.13)]

"""Search against the real LA Metro rail feed and a small pack whose every fact we control."""

from __future__ import annotations

import json
import math
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from cde_format import cde_row, write_cde
from demo import ROOT, TODAY

from navigator.catalogue.build.builder import build_pack
from navigator.catalogue.pack import open_pack
from navigator.cli import main
from navigator.errors import UserError
from navigator.search.engine import SearchEngine
from navigator.search.location import home_from_address, home_from_point, home_from_stop, home_from_zip
from navigator.search.query import Query

WESTLAKE = (34.056368, -118.274879)  # Westlake / MacArthur Park Station: B and D lines
UNION = (34.056197, -118.234249)  # Union Station: B, D and L lines
PICO = (34.040735, -118.266118)  # Pico Station: A and E lines
WILLOWBROOK = (33.928048, -118.237555)  # Willowbrook - Rosa Parks: A and C lines
METRO_CENTER = (34.04861, -118.258822)  # 7th Street / Metro Center: A, B, D, E
PICO_ALISO = (34.047634, -118.22594)  # Pico / Aliso: L line only


def north(point: tuple[float, float], metres: float) -> tuple[float, float]:
    return point[0] + metres / 111_195.0, point[1]


def east(point: tuple[float, float], metres: float) -> tuple[float, float]:
    return point[0], point[1] + metres / (111_195.0 * math.cos(math.radians(point[0])))


LA_SCHOOLS = [
    ("19000000000001", "Westlake Middle", north(WESTLAKE, 300), {"GSoffered": "6-8", "EILCode": "INTMIDJR"}),
    ("19000000000002", "Westlake Elementary", east(WESTLAKE, 200), {}),
    ("19000000000003", "Union Charter High", north(UNION, 400),
     {"GSoffered": "9-12", "EILCode": "HS", "Charter": "Y", "FundingType": "Directly funded"}),
    ("19000000000004", "Pico Magnet", east(PICO, 250), {"GSoffered": "6-12", "Magnet": "Y"}),
    ("19000000000005", "Willowbrook Academy", north(WILLOWBROOK, 500), {"GSoffered": "K-8"}),
    ("19000000000006", "Hilltop Elementary", (34.12, -118.40), {}),
    ("19000000000007", "Online Charter", (36.7, -119.7),
     {"Charter": "Y", "Virtual": "F", "GSoffered": "K-12"}),
    ("19000000000008", "Unmapped Elementary", (None, None), {}),
]


@pytest.fixture(scope="module")
def la_pack(tmp_path_factory, la_rail_gtfs: Path) -> Path:
    folder = tmp_path_factory.mktemp("la")
    write_cde(folder / "pubschls.txt",
              [cde_row(cds, name, lat, lon, **extra) for cds, name, (lat, lon), extra in LA_SCHOOLS])
    (folder / "region.toml").write_text(f"""
[region]
id = "test-la"
name = "Test LA"
[[schools]]
format = "cde"
path = "pubschls.txt"
[[transit]]
path = "{la_rail_gtfs}"
publisher = "Los Angeles County Metropolitan Transportation Authority"
""")
    build_pack(folder / "region.toml", folder / "la.sqlite")
    return folder / "la.sqlite"


@pytest.fixture(scope="module")
def la(la_pack: Path):
    with open_pack(la_pack) as pack:
        yield SearchEngine(pack)


def ids(result) -> list[str]:
    return [r.id for r in result.results]


def names(result) -> list[str]:
    return [r.name for r in result.results]


def test_schools_near_a_rail_line(la: SearchEngine) -> None:
    result = la.search(Query(line="B", drop_unknown=True))
    assert sorted(names(result)) == ["Union Charter High", "Westlake Elementary", "Westlake Middle"]
    rows = {r.name: r for r in result.results}
    stop = rows["Westlake Middle"].transit[0]
    assert stop.stop == "Westlake / MacArthur Park Station" and stop.mode == "rail"
    assert stop.lines == ["Metro B Line (Red)", "Metro D Line (Purple)"]
    assert 295 <= stop.distance_m <= 305
    assert rows["Westlake Middle"].matched == ["line:B"]


def test_unmapped_school_is_unknown_for_transit_not_dropped(la: SearchEngine) -> None:
    result = la.search(Query(transit="rail"))
    rows = {r.name: r for r in result.results}
    assert rows["Unmapped Elementary"].unknown == ["transit:rail"]
    assert "Hilltop Elementary" not in rows  # known to have no station within 800 m
    assert "Unmapped Elementary" not in names(la.search(Query(transit="rail", drop_unknown=True)))


def test_one_seat_ride(la: SearchEngine) -> None:
    home = home_from_point(*north(METRO_CENTER, 100))
    reachable = la.search(Query(home=home, one_seat=True, drop_unknown=True))
    assert sorted(names(reachable)) == ["Pico Magnet", "Union Charter High", "Westlake Elementary",
                                        "Westlake Middle", "Willowbrook Academy"]
    home = home_from_point(*east(PICO_ALISO, 50))  # only the L line stops here
    assert names(la.search(Query(home=home, one_seat=True, drop_unknown=True))) == ["Union Charter High"]
    with pytest.raises(UserError, match="needs a home"):
        la.search(Query(one_seat=True))


def test_school_fair_question(la: SearchEngine) -> None:
    """Which schools near Westlake/MacArthur Park take 6th graders?  Typed as the volunteer
    would, into the real LA Metro feed's station names."""
    home = home_from_stop(la.pack, "westlake/macarthur park")
    assert (home.kind, home.matched, home.exact) == ("stop", "Westlake / MacArthur Park Station", True)
    assert abs(home.latitude - WESTLAKE[0]) < 0.001 and abs(home.longitude - WESTLAKE[1]) < 0.001
    result = la.search(Query(home=home, grade=6, within_km=1.5))
    # A virtual school is reachable from anywhere: listed last, distance not pretended.
    assert names(result) == ["Westlake Middle", "Online Charter"]
    assert [r.virtual for r in result.results] == [False, True]
    school = result.results[0]
    assert school.matched == ["grade", "distance"]
    assert 0.29 < school.distance_km < 0.31 and school.walk_min == 5


def test_order_is_distance_then_id_and_virtual_last(la: SearchEngine) -> None:
    result = la.search(Query(home=home_from_point(*WESTLAKE)))
    assert names(result)[:2] == ["Westlake Elementary", "Westlake Middle"]
    distances = [r.distance_km for r in result.results if r.distance_km is not None]
    assert distances == sorted(distances)
    tail = result.results[-2:]
    assert {r.name for r in tail} == {"Online Charter", "Unmapped Elementary"}
    online = next(r for r in result.results if r.virtual)
    assert online.distance_km is None and online.walk_min is None


def test_virtual_school_distance_not_applicable(la: SearchEngine) -> None:
    result = la.search(Query(home=home_from_point(*WESTLAKE), within_km=2))
    online = next(r for r in result.results if r.name == "Online Charter")
    assert "distance" not in online.matched + online.unmet + online.unknown


def test_neutrality_relabelling_sectors_keeps_order(la_pack: Path, tmp_path: Path) -> None:
    swapped = tmp_path / "swapped.sqlite"
    shutil.copy(la_pack, swapped)
    conn = sqlite3.connect(swapped)
    conn.execute("UPDATE schools SET sector = CASE sector WHEN 'charter' THEN 'district' "
                 "ELSE 'charter' END, charter_kind = NULL")
    conn.commit()
    conn.close()
    queries = [Query(), Query(home=home_from_point(*WESTLAKE)), Query(transit="rail"),
               Query(home=home_from_point(*UNION), order="walk"), Query(grade=7)]
    with open_pack(la_pack) as original, open_pack(swapped) as relabelled:
        for query in queries:
            before = ids(SearchEngine(original).search(query))
            after = ids(SearchEngine(relabelled).search(query))
            assert before == after and before


def test_name_order_without_home(la: SearchEngine) -> None:
    assert names(la.search(Query(text="westlake"))) == ["Westlake Elementary", "Westlake Middle"]
    result = la.search(Query())
    assert names(result) == sorted(names(result), key=str.casefold)


# --- a small pack whose every fact we control --------------------------------------------------

CENTRE = (34.1, -118.1)


@pytest.fixture(scope="module")
def town(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("town")
    lat, lon = CENTRE
    write_cde(folder / "pubschls.txt", [
        cde_row("99000000000001", "Alder Elementary", lat, lon + 0.01, Multilingual="Y"),
        cde_row("99000000000002", "Birch Elementary", lat, lon - 0.01, Multilingual="N"),
        cde_row("99000000000003", "Cedar Charter", lat + 0.01, lon, Charter="Y", GSoffered="K-8",
                FundingType="Directly funded", Multilingual="Y"),
        cde_row("99000000000004", "Dogwood Middle", lat - 0.01, lon, GSoffered="6-8",
                EILCode="INTMIDJR"),
        cde_row("99000000000005", "Escuela Peña", lat + 0.03, lon + 0.03, GSoffered="K-5"),
        cde_row("99000000000006", "Old School", lat, lon, StatusType="Closed"),
    ])
    (folder / "features.csv").write_text("""school_id,category,code,value,detail
99000000000001,program,dual_language,yes,es
99000000000001,sped,*,complete,
99000000000001,sped,resource,yes,
99000000000003,program,dual_language,yes,
99000000000003,language,ko,yes,
99000000000004,sped,speech,no,
99000000000005,program,dual_language,yes,ko
99000000000005,program,*,complete,
""")
    (folder / "processes.csv").write_text("""process_id,kind,name,schools
choice,choice,District choice,sector:district
lottery,charter_lottery,Cedar lottery,99000000000003
zone,zone,Neighbourhood school,99000000000005
""")
    (folder / "deadlines.csv").write_text("""deadline_id,process_id,kind,date
choice-opens,choice,opens,2026-10-01
choice-closes,choice,closes,2026-12-04
lottery-closes,lottery,closes,2026-11-14
""")
    zone = [[lon - 0.02, lat - 0.02], [lon + 0.005, lat - 0.02], [lon + 0.005, lat + 0.02],
            [lon - 0.02, lat + 0.02], [lon - 0.02, lat - 0.02]]
    (folder / "zones.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": "west-k5", "schools": "99000000000002",
                                           "grade_low": "K", "grade_high": "5"},
         "geometry": {"type": "Polygon", "coordinates": [zone]}},
        {"type": "Feature", "properties": {"id": "west-68", "schools": "99000000000004",
                                           "grade_low": "6", "grade_high": "8"},
         "geometry": {"type": "Polygon", "coordinates": [zone]}},
    ]}))
    (folder / "zips.csv").write_text("zip,latitude,longitude,name\n00101,34.1,-118.1,Centre\n")
    (folder / "addresses.csv").write_text(
        "number,street,latitude,longitude,zip\n"
        "120,Oak Street,34.1001,-118.1001,00101\n"
        "140,Oak Street,34.1002,-118.1002,00101\n"
        "15,Calle Luna,34.1101,-118.0901,00101\n")
    overlay = '[[overlay]]\npath = "{}"\npublisher = "Town Unified"\n'
    (folder / "region.toml").write_text(
        '[region]\nid = "town"\nname = "Town"\n[[schools]]\nformat = "cde"\npath = "pubschls.txt"\n'
        + "".join(overlay.format(f) for f in ("features.csv", "processes.csv", "deadlines.csv"))
        + '[[boundaries]]\npath = "zones.geojson"\npublisher = "Town Unified"\n'
        + '[[zips]]\npath = "zips.csv"\npublisher = "Town"\n'
        + '[[addresses]]\npath = "addresses.csv"\npublisher = "Town"\n')
    build_pack(folder / "region.toml", folder / "town.sqlite")
    return folder / "town.sqlite"


@pytest.fixture(scope="module")
def engine(town: Path):
    with open_pack(town) as pack:
        yield SearchEngine(pack)


def verdicts(result, criterion: str) -> dict[str, str]:
    out = {}
    for r in result.results:
        for state in ("matched", "unmet", "unknown"):
            if criterion in getattr(r, state):
                out[r.name] = state
    return out


def test_unknown_versus_no(engine: SearchEngine) -> None:
    everyone = engine.search(Query(sped=("resource",), drop_unknown=False))
    assert verdicts(everyone, "sped:resource") == {
        "Alder Elementary": "matched", "Birch Elementary": "unknown", "Cedar Charter": "unknown",
        "Dogwood Middle": "unknown", "Escuela Peña": "unknown"}
    speech = engine.search(Query(sped=("speech",)))
    assert "Dogwood Middle" not in names(speech)  # an explicit no
    assert "Alder Elementary" not in names(speech)  # complete list without speech: no
    assert verdicts(speech, "sped:speech")["Birch Elementary"] == "unknown"


def test_dual_language_by_language(engine: SearchEngine) -> None:
    spanish = engine.search(Query(programs=("dual_language:es",)))
    assert verdicts(spanish, "program:dual_language:es") == {
        "Alder Elementary": "matched",  # Spanish, said so
        "Cedar Charter": "unknown"}  # dual language, language not given
    # Dogwood and Birch: the state lists no multilingual programme, so no dual language.
    # Birch: the state says no multilingual programme; Peña lists all programmes: Korean only.
    korean = engine.search(Query(programs=("dual_language:ko",), drop_unknown=True))
    assert names(korean) == ["Escuela Peña"]
    anything = engine.search(Query(programs=("dual_language",), drop_unknown=True))
    assert names(anything) == ["Alder Elementary", "Cedar Charter", "Escuela Peña"]


def test_closed_schools_never_listed(engine: SearchEngine) -> None:
    assert "Old School" not in names(engine.search(Query()))


def test_open_on(engine: SearchEngine) -> None:
    result = engine.search(Query(open_on=TODAY))
    assert verdicts(result, "open_on") == {
        "Alder Elementary": "matched", "Birch Elementary": "matched", "Dogwood Middle": "matched",
        "Escuela Peña": "matched"}  # the district choice window; Cedar's lottery closed 11-14
    early = engine.search(Query(open_on=date(2026, 11, 10)))
    assert verdicts(early, "open_on")["Cedar Charter"] == "matched"
    late = engine.search(Query(open_on=date(2026, 12, 5), drop_unknown=True))
    assert names(late) == []


def test_zoned_school_always_shown(engine: SearchEngine) -> None:
    home = home_from_point(34.1, -118.105)  # inside the western zone
    result = engine.search(Query(home=home, grade=2, sectors=("charter",)))
    rows = {r.name: r for r in result.results}
    assert rows["Birch Elementary"].zoned and rows["Birch Elementary"].unmet == ["sector"]
    assert "Dogwood Middle" not in rows  # zoned for 6-8 only
    assert result.zoned == {"99000000000002": "west-k5"}
    middle = engine.search(Query(home=home, grade=6, within_km=0.1))
    assert [r.name for r in middle.results if r.zoned] == ["Dogwood Middle"]
    assert middle.results[0].distance_km is not None  # outside the radius, still measured
    tk = engine.search(Query(home=home, grade=-1))
    assert {r.name for r in tk.results if r.zoned} == {"Birch Elementary"}
    assert verdicts(tk, "grade")["Alder Elementary"] == "unknown"  # K-5 may or may not mean TK


def test_homes_from_zip_address_and_point(engine: SearchEngine) -> None:
    pack = engine.pack
    home = home_from_zip(pack, "00101")
    assert (home.latitude, home.longitude, home.matched) == (34.1, -118.1, "ZIP 00101, Centre")
    real = home_from_zip(pack, "90012")  # not in the pack: the installed US ZIP list
    assert abs(real.latitude - 34.06) < 0.05 and "Los Angeles" in real.matched
    with pytest.raises(UserError, match="ZIP code 00999 is not known"):
        home_from_zip(pack, "00999")
    exact = home_from_address(pack, "120 oak st., Apt 4")
    assert (exact.matched, exact.exact, exact.latitude) == ("120 Oak Street, 00101", True, 34.1001)
    nearest = home_from_address(pack, "138 OAK STREET")
    assert (nearest.matched, nearest.exact) == ("140 Oak Street, 00101", False)
    spanish = home_from_address(pack, "15 calle luna")
    assert spanish.matched == "15 Calle Luna, 00101"
    typo = home_from_address(pack, "15 Calle Lunaa")
    assert typo.matched == "15 Calle Luna, 00101" and not typo.exact
    with pytest.raises(UserError, match="No street like"):
        home_from_address(pack, "1 서울로")
    with pytest.raises(UserError, match="not on the map"):
        home_from_point(134.1, -118.1)


def test_homes_from_stops_and_stations() -> None:
    """Valle Verde's stops, named the way people say them."""
    with open_pack(ROOT / "data" / "demo-valle-verde.sqlite") as pack:
        def found(text: str) -> tuple[str, bool]:
            home = home_from_stop(pack, text)
            return home.matched, home.exact

        assert found("civic center") == ("Civic Center Station", True)
        assert found("Oak and Cedar") == ("Oak St & Cedar Ln", True)  # "&" / "and", "St" / "Street"
        assert found("calle luna y pena") == ("Calle Luna & Peña Park", True)  # accents, Spanish "y"
        assert found("Eastgate") == ("Eastgate Station", True)  # the train station, not the bus bay
        assert found("Hillcrest") == ("Hillcrest Station", True)  # before "Mission Rd & Hillcrest Dr"
        assert found("Valle Verde Centrl") == ("Valle Verde Central Station", False)  # said as a guess
        with pytest.raises(UserError, match="No stop or station like 'Ocean Pier'"):
            home_from_stop(pack, "Ocean Pier")
        with pytest.raises(UserError, match="does not name a stop"):
            home_from_stop(pack, "the station")


def test_stops_in_a_pack_without_transit(engine: SearchEngine) -> None:
    if engine.pack.conn.execute("SELECT EXISTS (SELECT 1 FROM stops)").fetchone()[0]:
        pytest.skip("this test pack has stops")
    with pytest.raises(UserError, match="no transit stops"):
        home_from_stop(engine.pack, "Civic Center")


def test_address_without_index(la: SearchEngine) -> None:
    with pytest.raises(UserError, match="no address list.*ZIP code or tap your home on the map"):
        home_from_address(la.pack, "120 Oak Street")


# --- the command line ------------------------------------------------------------------------

def test_cli_json(town: Path, capsys) -> None:
    code = main(["search", "--pack", str(town), "--zip", "00101", "--grade", "K", "--program",
                 "dual_language:es", "--within-km", "5", "--json"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["home"]["matched"] == "ZIP 00101, Centre"
    first = out["results"][0]
    assert set(first) >= {"id", "name", "sector", "grade_low", "grade_high", "latitude", "longitude",
                          "virtual", "distance_km", "walk_min", "programs", "el_services",
                          "sped_services", "languages", "transit", "zoned", "matched", "unmet",
                          "unknown"}
    alder = next(r for r in out["results"] if r["name"] == "Alder Elementary")
    assert alder["programs"] == ["dual_language:es", "multilingual"]
    assert alder["matched"] == ["grade", "distance", "program:dual_language:es"]
    assert out["count"] == len(out["results"])


def test_cli_table(town: Path, capsys) -> None:
    assert main(["search", "--pack", str(town), "--zip", "00101", "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert "Home: ZIP code 00101, Centre" in out and "Showing 2 of 5 schools" in out


@pytest.mark.parametrize("argv, message", [
    (["--zip", "00999"], "ZIP code 00999 is not known"),
    (["--grade", "14"], "Grade '14' is not a school grade"),
    (["--program", "teleport"], "'teleport' is not a program code in this pack"),
    (["--sped", "flying"], "'flying' is not a sped code"),
    (["--open-on", "11/23/2026"], "is not a date; write it YYYY-MM-DD"),
    (["--near", "34.1"], "must be latitude,longitude"),
    (["--line", "Z"], "This pack has no transit lines"),
    (["--one-seat"], "needs a home"),
])
def test_cli_bad_arguments(town: Path, capsys, argv: list[str], message: str) -> None:
    assert main(["search", "--pack", str(town), *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_cli_not_a_pack(tmp_path: Path, capsys) -> None:
    fake = tmp_path / "fake.sqlite"
    fake.write_bytes(b"not sqlite at all")
    assert main(["search", "--pack", str(fake)]) == 2
    assert "is not a Navigator pack" in capsys.readouterr().err

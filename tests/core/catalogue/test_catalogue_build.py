"""Building packs from CDE-format directories, overlays and GTFS; the CLI's answers to bad input."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from cde_format import cde_row, real_rows, write_cde
from la_county import zips_built

from navigator.catalogue.build.builder import build_pack
from navigator.catalogue.pack import open_pack
from navigator.catalogue.schema import SCHEMA_VERSION
from navigator.catalogue.validate import validate
from navigator.cli import main
from navigator.errors import UserError
from navigator.profile import school_profile

STATION_7TH = (34.048637, -118.258864)  # approx. 7th St/Metro Center, for synthetic schools


def region_toml(folder: Path, body: str) -> Path:
    path = folder / "region.toml"
    path.write_text('[region]\nid = "test-la"\nname = "Test LA"\n' + body, encoding="utf-8")
    return path


def small_directory(folder: Path) -> Path:
    lat, lon = STATION_7TH
    rows = [
        cde_row("19647330000001", "Downtown Elementary", lat + 0.0027, lon, Zip="90017"),
        cde_row("19647330000002", "Far Away Middle", lat + 0.3, lon + 0.3, GSoffered="6-8",
                EILCode="INTMIDJR", SOCType="Intermediate/Middle Schools (Public)"),
        cde_row("19647330000003", "Charter Prep", lat - 0.001, lon + 0.001, Charter="Y",
                FundingType="Directly funded", GSoffered="6-12", EILCode="ELEMHIGH"),
        cde_row("19647330000004", "Online Academy", "37.0", "-120.0", Charter="Y", Virtual="F",
                FundingType="Locally funded"),
        cde_row("19647330000005", "Magnet Arts & Sciences", lat + 0.01, lon - 0.01, Magnet="Y",
                Multilingual="Y", GSoffered="K-Adult"),
        cde_row("19647330000000", "Test Unified District Office", lat, lon),
        cde_row("19647330000006", "Old Closed School", None, None, StatusType="Closed"),
        cde_row("19647330000007", "Nowhere Elementary", None, None),
        cde_row("19647330000008", "Null Island Elementary", "0", "0"),
        cde_row("19647330000009", "Swapped Elementary", "-118.25", "34.05"),
        cde_row("19647330000010", "Learning Center", lat, lon + 0.02,
                SOCType="Special Education Schools (Public)", GSoffered="K-12"),
    ]
    return write_cde(folder / "pubschls.txt", rows)


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text.strip() + "\n", encoding="utf-8")
    return path


def test_cde_directory_becomes_schools(tmp_path: Path) -> None:
    small_directory(tmp_path)
    toml = region_toml(tmp_path, '[[schools]]\nformat = "cde"\npath = "pubschls.txt"\n'
                                 'status = ["Active"]\n')
    report = build_pack(toml, tmp_path / "pack.sqlite")
    with open_pack(tmp_path / "pack.sqlite") as pack:
        rows = {r[0]: r for r in pack.conn.execute(
            "SELECT id, sector, charter_kind, grade_low, grade_high, virtual, is_virtual, level, "
            "latitude FROM schools")}
        assert "19647330000000" not in rows  # district office
        assert "19647330000006" not in rows  # closed, filtered out
        assert rows["19647330000001"][1:5] == ("district", None, 0, 5)
        assert rows["19647330000003"][1:5] == ("charter", "independent", 6, 12)
        assert rows["19647330000004"][1:3] == ("charter", "affiliated")
        assert rows["19647330000004"][5:7] == ("exclusively", 1)
        assert rows["19647330000005"][3:5] == (0, 13)
        assert rows["19647330000007"][8] is None  # kept, without a location
        facts = set(pack.conn.execute("SELECT school_id, category, code, value FROM features"))
        assert ("19647330000005", "program", "magnet", "yes") in facts
        assert ("19647330000005", "program", "multilingual", "yes") in facts
        assert ("19647330000001", "program", "magnet", "no") in facts
        assert ("19647330000010", "sped", "special_school", "yes") in facts
        source = pack.sources()[0]
        assert (source.publisher, source.as_of) == ("California Department of Education", "2026-06-01")
        assert validate(pack) == []
    messages = [str(p) for p in report.problems]
    assert "pubschls.txt:9: school 19647330000007 has no coordinates; kept without a location" in messages
    assert any("19647330000008 has coordinates 0,0" in m for m in messages)
    assert any("19647330000009 has latitude and longitude swapped" in m for m in messages)


def test_real_cde_rows_read(tmp_path: Path, shared_data: Path) -> None:
    write_cde(tmp_path / "pubschls.txt", real_rows(shared_data.parent / "docs"))
    toml = region_toml(tmp_path, '[[schools]]\nformat = "cde"\npath = "pubschls.txt"\n'
                                 'status = ["Active", "Closed"]\n')
    build_pack(toml, tmp_path / "pack.sqlite")
    with open_pack(tmp_path / "pack.sqlite") as pack:
        rows = {r[0]: r[1:] for r in pack.conn.execute(
            "SELECT id, name, sector, charter_kind, grade_low, grade_high, status, latitude, zip, "
            "closed_date, site_kind, placed_by FROM schools")}
    assert rows["01100170112607"] == ("Envision Academy for Arts & Technology", "charter",
                                      "independent", 6, 12, "Active", 37.80452, "94612-3355",
                                      None, "open", None)
    # A county community school, closed in 1989: placed by referral, and closed since when.
    assert rows["01100170130302"][1:6] == ("district", None, None, None, "Closed")
    assert rows["01100170130302"][8:] == ("1989-06-30", "referral", "district")
    assert rows["01100176001788"][0] == "Cox Academy"


def test_overlay_facts_unknown_and_no(tmp_path: Path) -> None:
    small_directory(tmp_path)
    write_csv(tmp_path / "features.csv", """
school_id,category,code,value,detail,note,note_es
19647330000001,program,dual_language,yes,es,K-2 only,Solo de K a 2.º
19647330000001,sped,*,complete,,,
19647330000001,sped,resource,yes,,,
19647330000003,el,eld,no,,,
19649999999999,el,eld,yes,,,
19647330000001,sped,teleportation,yes,,,
""")
    write_csv(tmp_path / "processes.csv", """
process_id,kind,name,name_ko,schools,ranked_preference,max_choices
choice,magnet,District choice,학군 선택,program:magnet,yes,3
lottery-3,charter_lottery,Charter Prep lottery,,19647330000003,,
""")
    write_csv(tmp_path / "deadlines.csv", """
deadline_id,process_id,kind,date,label
choice-closes,choice,closes,2026-12-04,Choice applications close
bad-date,choice,closes,12/04/2026,
ghost,nope,closes,2026-12-04,
""")
    toml = region_toml(tmp_path, """
[[schools]]
format = "cde"
path = "pubschls.txt"
[[overlay]]
path = "deadlines.csv"
publisher = "Test Unified"
[[overlay]]
path = "features.csv"
publisher = "Test Unified"
as_of = 2026-10-01
[[overlay]]
path = "processes.csv"
publisher = "Test Unified"
""")
    report = build_pack(toml, tmp_path / "pack.sqlite")
    messages = [str(p) for p in report.problems]
    assert "features.csv:6, column school_id: unknown school '19649999999999'; skipped" in messages
    assert "features.csv:7, column code: unknown sped code 'teleportation'; skipped" in messages
    assert "deadlines.csv:3, column date: \"12/04/2026\" is not a date; write YYYY-MM-DD; skipped" in messages
    assert "deadlines.csv:4, column process_id: unknown process 'nope'; skipped" in messages
    with open_pack(tmp_path / "pack.sqlite") as pack:
        conn = pack.conn
        assert conn.execute("SELECT detail, note FROM features WHERE code='dual_language'"
                            ).fetchone() == ("es", "K-2 only")
        assert conn.execute("SELECT count(*) FROM coverage WHERE school_id='19647330000001' "
                            "AND category='sped'").fetchone()[0] == 1
        assert conn.execute("SELECT value FROM features WHERE school_id='19647330000003' "
                            "AND code='eld'").fetchone() == ("no",)
        assert set(conn.execute("SELECT school_id FROM school_processes WHERE process_id='choice'")
                   ) == {("19647330000005",)}
        assert conn.execute("SELECT ranked_preference, max_choices, scope FROM processes "
                            "WHERE id='choice'").fetchone() == (1, 3, "region")
        assert pack.text("process", "choice", "name", "ko") == "학군 선택"
        assert pack.text("feature", "19647330000001|program|dual_language|es", "note", "es") \
            == "Solo de K a 2.º"
        source = conn.execute("SELECT s.as_of FROM features f JOIN sources s ON s.id=f.source_id "
                              "WHERE f.code='dual_language'").fetchone()
        assert source == ("2026-10-01",)
        assert validate(pack) == []


def test_admission_priorities_keep_the_districts_order(tmp_path: Path) -> None:
    small_directory(tmp_path)
    write_csv(tmp_path / "codes.csv", """
category,code,label,label_es
priority,arts_audition,Passed the arts audition,Aprobó la audición de artes
""")
    write_csv(tmp_path / "processes.csv", """
process_id,kind,name,schools,priorities
lottery-3,charter_lottery,Charter Prep lottery,19647330000003,sibling_applying;sibling;low_income
arts,magnet,Arts magnet,19647330000005,arts_audition;zone
made-up,other,Made-up priority,19647330000001,sibling;cousin
twice,other,Named twice,19647330000001,zone;zone
silent,other,Says nothing,19647330000001,
""")
    toml = region_toml(tmp_path, """
[[schools]]
format = "cde"
path = "pubschls.txt"
[[overlay]]
path = "processes.csv"
publisher = "Test Unified"
[[overlay]]
path = "codes.csv"
publisher = "Test Unified"
""")
    report = build_pack(toml, tmp_path / "pack.sqlite")
    messages = [str(p) for p in report.problems]
    assert any(m.startswith("processes.csv:4, column priorities: unknown priority 'cousin'")
               for m in messages)
    assert ("processes.csv:5, column priorities: a priority is named twice in the priorities "
            "column; skipped") in messages
    with open_pack(tmp_path / "pack.sqlite") as pack:
        rows = pack.conn.execute(
            "SELECT process_id, rank, priority FROM process_priorities ORDER BY 1, 2").fetchall()
        assert rows == [("arts", 1, "arts_audition"), ("arts", 2, "zone"),
                        ("lottery-3", 1, "sibling_applying"), ("lottery-3", 2, "sibling"),
                        ("lottery-3", 3, "low_income")]
        assert pack.text("code", "priority:arts_audition", "label", "es") == "Aprobó la audición de artes"
        charter = school_profile(pack, "19647330000003")
        assert [p.priorities for p in charter.processes] == [["sibling_applying", "sibling", "low_income"]]
        assert [p.priorities for p in school_profile(pack, "19647330000001").processes] == [[]]
        assert validate(pack) == []


def test_one_application_per_household_and_the_districts_words_on_priorities(
        tmp_path: Path) -> None:
    small_directory(tmp_path)
    write_csv(tmp_path / "processes.csv", """
process_id,kind,name,schools,priorities,priorities_note,priorities_note_es,per_household
family,choice,One form per family,19647330000005,sibling,Same address only,Solo mismo domicilio,yes
each,charter_lottery,One form per child,19647330000003,sibling_applying,,,No
silent,other,Says nothing,19647330000001,,,,
odd,other,Odd answer,19647330000001,,,,sometimes
""")
    toml = region_toml(tmp_path, """
[[schools]]
format = "cde"
path = "pubschls.txt"
[[overlay]]
path = "processes.csv"
publisher = "Test Unified"
""")
    report = build_pack(toml, tmp_path / "pack.sqlite")
    assert [str(p) for p in report.problems if "processes" in str(p)] == [
        'processes.csv:5, column per_household: "sometimes" is not one of yes, no; skipped']
    with open_pack(tmp_path / "pack.sqlite") as pack:
        rows = dict(pack.conn.execute("SELECT id, per_household FROM processes"))
        assert rows == {"family": 1, "each": 0, "silent": None}
        (family,) = school_profile(pack, "19647330000005", "es").processes
        assert family.per_household is True
        assert (family.priorities_note.value, family.priorities_note.lang) == \
            ("Solo mismo domicilio", "es")
        (each,) = school_profile(pack, "19647330000003", "es").processes
        assert each.per_household is False and each.priorities_note is None
        (silent,) = school_profile(pack, "19647330000001").processes
        assert silent.per_household is None
        assert validate(pack) == []


def test_rail_feed_links_schools_to_stations(tmp_path: Path, la_rail_gtfs: Path) -> None:
    small_directory(tmp_path)
    toml = region_toml(tmp_path, f"""
[[schools]]
format = "cde"
path = "pubschls.txt"
[[transit]]
path = "{la_rail_gtfs}"
publisher = "Los Angeles County Metropolitan Transportation Authority"
""")
    report = build_pack(toml, tmp_path / "pack.sqlite")
    with open_pack(tmp_path / "pack.sqlite") as pack:
        assert validate(pack) == []
        counts = pack.counts()
        assert counts["lines"] == 7
        near = pack.conn.execute(
            "SELECT st.name, ss.distance_m FROM school_stops ss JOIN stops st ON st.id = ss.stop_id "
            "WHERE ss.school_id = '19647330000001' ORDER BY ss.distance_m").fetchall()
        assert near and "7th" in near[0][0] and 250 < near[0][1] < 350
        assert pack.conn.execute("SELECT count(*) FROM school_stops WHERE school_id="
                                 "'19647330000002'").fetchone()[0] == 0
        layer = json.loads(pack.conn.execute("SELECT geojson FROM layers WHERE kind='transit'"
                                             ).fetchone()[0])
        assert {f["properties"]["name"] for f in layer["features"]} >= {"A Line", "B Line"} or \
            len({f["properties"]["line"] for f in layer["features"]}) == 7
    assert report.counts["stops"] == counts["stops"]


# --- bad input: one sentence, exit code 2, no pack left behind, a good pack kept -----------------

def run_build(toml: Path, out: Path, capsys, *extra: str) -> tuple[int, str]:
    code = main(["catalogue", "build", str(toml), "--out", str(out), *extra])
    return code, capsys.readouterr().err


@pytest.fixture
def good_pack(tmp_path: Path) -> Path:
    folder = tmp_path / "good"
    folder.mkdir()
    small_directory(folder)
    out = tmp_path / "pack.sqlite"
    build_pack(region_toml(folder, '[[schools]]\nformat = "cde"\npath = "pubschls.txt"\n'), out)
    return out


def assert_untouched(pack: Path, before: bytes) -> None:
    assert pack.read_bytes() == before
    assert not [p for p in pack.parent.iterdir() if p.name.endswith(".partial")]


@pytest.mark.parametrize("case, expected", [
    ("missing_column", "has no column 'Latitude'"),
    ("comma_delimited", "does not look tab-delimited"),
    ("bad_toml", "is not valid TOML"),
    ("missing_path", "does not exist; check its path"),
    ("gtfs_missing_file", "stop_times.txt"),
    ("gtfs_corrupt_zip", "gtfs.zip"),
    ("overlay_unknown_header", "fits no overlay kind"),
    ("table_without_mapping", "needs a [schools.columns] mapping"),
])
def test_file_level_problems_stop_the_build(tmp_path: Path, good_pack: Path, capsys,
                                            case: str, expected: str) -> None:
    folder = tmp_path / case
    folder.mkdir()
    directory = small_directory(folder)
    body = '[[schools]]\nformat = "cde"\npath = "pubschls.txt"\n'
    if case == "missing_column":
        text = directory.read_text().replace("Latitude", "Lat", 1)
        directory.write_text(text)
    elif case == "comma_delimited":
        directory.write_text(directory.read_text().replace("\t", ","))
    elif case == "bad_toml":
        body += "[[transit]\npath = 'x'\n"
    elif case == "missing_path":
        body += '[[overlay]]\npath = "programs.csv"\npublisher = "x"\n'
    elif case == "gtfs_missing_file":
        with zipfile.ZipFile(folder / "gtfs.zip", "w") as archive:
            archive.writestr("agency.txt", "agency_name,agency_url,agency_timezone\nA,u,UTC\n")
            archive.writestr("stops.txt", "stop_id,stop_name,stop_lat,stop_lon\n1,S,34,-118\n")
            archive.writestr("routes.txt", "route_id,route_type\nR,3\n")
            archive.writestr("trips.txt", "route_id,service_id,trip_id\nR,S,T\n")
        body += '[[transit]]\npath = "gtfs.zip"\n'
    elif case == "gtfs_corrupt_zip":
        (folder / "gtfs.zip").write_bytes(b"PK\x03\x04 truncated")
        body += '[[transit]]\npath = "gtfs.zip"\n'
    elif case == "overlay_unknown_header":
        write_csv(folder / "programs.csv", "school,programme\n1,arts")
        body += '[[overlay]]\npath = "programs.csv"\npublisher = "x"\n'
    elif case == "table_without_mapping":
        body = '[[schools]]\nformat = "table"\npath = "pubschls.txt"\npublisher = "x"\n'
    before = good_pack.read_bytes()
    code, err = run_build(region_toml(folder, body), good_pack, capsys)
    assert code == 2
    assert expected in err
    assert err.count("\n") == 1 and err.startswith("navigator: ")
    assert_untouched(good_pack, before)


def test_strict_turns_row_problems_into_failure(tmp_path: Path, good_pack: Path, capsys) -> None:
    folder = tmp_path / "strict"
    folder.mkdir()
    small_directory(folder)
    toml = region_toml(folder, '[[schools]]\nformat = "cde"\npath = "pubschls.txt"\n')
    before = good_pack.read_bytes()
    code, err = run_build(toml, good_pack, capsys, "--strict")
    assert code == 2 and "--strict" in err and "has no coordinates" in err
    assert_untouched(good_pack, before)
    assert not (tmp_path / "lenient.sqlite").exists()


def test_build_summary_lists_problems(tmp_path: Path, capsys) -> None:
    small_directory(tmp_path)
    toml = region_toml(tmp_path, '[[schools]]\nformat = "cde"\npath = "pubschls.txt"\n')
    assert main(["catalogue", "build", str(toml), "--out", str(tmp_path / "p.sqlite")]) == 0
    out = capsys.readouterr().out
    assert "row(s) skipped or flagged" in out
    assert "pubschls.txt:9: school 19647330000007 has no coordinates" in out


def test_not_a_pack(tmp_path: Path, capsys) -> None:
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_text("hello")
    assert main(["catalogue", "info", str(bogus)]) == 2
    assert "is not a Navigator pack" in capsys.readouterr().err
    newer = tmp_path / "newer.sqlite"
    conn = sqlite3.connect(newer)
    conn.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    conn.execute("INSERT INTO meta VALUES ('schema_version', '99')")
    conn.commit()
    conn.close()
    assert main(["catalogue", "validate", str(newer)]) == 2
    assert "newer than this Navigator reads" in capsys.readouterr().err


def test_validate_finds_damage(good_pack: Path, tmp_path: Path, capsys) -> None:
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(good_pack.read_bytes())
    conn = sqlite3.connect(damaged)
    conn.execute("UPDATE schools SET latitude = 200 WHERE id = '19647330000001'")
    conn.execute("INSERT INTO features VALUES ('nope', 'el', 'eld', '', 'yes', NULL, 'schools-1')")
    conn.commit()
    conn.close()
    assert main(["catalogue", "validate", str(damaged)]) == 1
    err = capsys.readouterr().err
    assert "1 school with unusable coordinates (shown as unknown), first: 19647330000001" in err
    assert "1 fact referring to a missing school (ignored), first: nope" in err


def test_info_json(good_pack: Path, capsys) -> None:
    assert main(["catalogue", "info", str(good_pack), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["schema_version"] == SCHEMA_VERSION == 3
    assert info["region"]["id"] == "test-la"
    assert info["counts"]["schools"] == 9  # Active schools: the default status
    # Each kind of site counted: the special-education centre gives places through the IEP team.
    assert info["site_kinds"] == {"open": 8, "referral": 1, "not_an_option": 0, "preschool": 0,
                                  "referral:iep": 1}
    assert info["sources"][0]["publisher"] == "California Department of Education"


def test_table_format_with_nces_columns(tmp_path: Path, shared_data: Path) -> None:
    csv_path = shared_data / "nces" / "public_school_characteristics_2020-21_sample.csv"
    toml = region_toml(tmp_path, f"""
[[schools]]
format = "table"
path = "{csv_path}"
publisher = "National Center for Education Statistics"
as_of = 2021-06-30
[schools.columns]
id = "NCESSCH"
name = "SCH_NAME"
latitude = "LATCOD"
longitude = "LONCOD"
address = "LSTREET1"
city = "LCITY"
zip = "LZIP"
grade_low = "GSLO"
grade_high = "GSHI"
charter = "CHARTER_TEXT"
magnet = "MAGNET_TEXT"
virtual = "VIRTUAL"
level = "SCHOOL_LEVEL"
""")
    report = build_pack(toml, tmp_path / "nces.sqlite")
    with open_pack(tmp_path / "nces.sqlite") as pack:
        assert validate(pack) == []
        assert pack.counts()["schools"] == 100
        row = pack.conn.execute("SELECT name, sector, grade_low, grade_high, virtual, level FROM "
                                "schools WHERE id='010000500870'").fetchone()
        assert row == ("Albertville Middle School", "district", 7, 8, "none", "middle")
    assert report.problems == []


def test_bad_region_values(tmp_path: Path) -> None:
    small_directory(tmp_path)
    toml = region_toml(tmp_path, 'distance_unit = "furlongs"\n')
    with pytest.raises(UserError, match="distance_unit"):
        build_pack(toml, tmp_path / "x.sqlite")
    assert not (tmp_path / "x.sqlite").exists()


def test_real_cde_rows_and_real_rail_feed_info(tmp_path: Path, shared_data: Path,
                                               la_rail_gtfs: Path, capsys) -> None:
    write_cde(tmp_path / "pubschls.txt", real_rows(shared_data.parent / "docs"))
    toml = region_toml(tmp_path, f'[[schools]]\nformat = "cde"\npath = "pubschls.txt"\n'
                                 f'[[transit]]\npath = "{la_rail_gtfs}"\npublisher = "LA Metro"\n')
    out = tmp_path / "real.sqlite"
    assert main(["catalogue", "build", str(toml), "--out", str(out), "--strict"]) == 0
    assert main(["catalogue", "validate", str(out)]) == 0
    capsys.readouterr()
    assert main(["catalogue", "info", str(out), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    counts = info["counts"]
    # The closed row is left out: a region keeps Active schools unless its status says more.
    assert (counts["schools"], counts["stops"], counts["lines"], counts["school_stops"]) == (2, 99, 7, 0)
    # No ZIP file named: the installed US ZIP list's ZIPs round the schools, as their own source.
    assert [(s["publisher"], s["as_of"]) for s in info["sources"]] == [
        ("California Department of Education", "2026-06-23"), ("LA Metro", "2022-10-07"),
        ("zipcodes (Python package)", zips_built())]

"""The builder on real-world files: the CDE directory in each layout it has had (2018's 49
columns from Excel, today's 46), `.txt` or `.xlsx`; region files with mistakes in them; statewide
files read for one county; an empty result; an empty pack.  Small files made here, and real rows
of the 2018 directory from ../shared where it is present."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest
from cde_format import LAYOUT, cde_row, write_cde

from navigator.catalogue.build.builder import build_pack
from navigator.catalogue.build.writer import PackContent, write_pack
from navigator.catalogue.pack import open_pack
from navigator.catalogue.schema import SCHEMA_VERSION
from navigator.cli import main
from navigator.errors import UserError

LAT, LON = 34.05, -118.25


def region(folder: Path, body: str, head: str = "") -> Path:
    path = folder / "region.toml"
    path.write_text('[region]\nid = "layouts"\nname = "Layouts"\n' + head + body, encoding="utf-8")
    return path


CDE = '[[schools]]\nformat = "cde"\npath = "pubschls.txt"\n'


def real_2018_rows(shared_data: Path) -> tuple[list[str], list[list[str]]]:
    """The 2018 file's header and a few rows: Los Angeles schools of each status, an office,
    and schools of two other counties."""
    path = shared_data / "ca-cde" / "pubschls_2018.txt"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        header = next(reader)
        wanted = {"19101990121897", "19647331930619", "19647330136994", "19101991932268",
                  "19748310000000", "19647336117667", "01100170112607", "58727366060651"}
        rows = [row for row in reader if row[0] in wanted]
    return header, rows


def test_the_2018_layout_as_excel_wrote_it(tmp_path: Path, shared_data: Path) -> None:
    header, rows = real_2018_rows(shared_data)
    assert len(header) == 49 and "AdmFName1" in header and "Multilingual" not in header
    lines = ["\t".join(header)] + ["\t".join(row) for row in rows]
    (tmp_path / "pubschls.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = build_pack(region(tmp_path, CDE + 'county = "Los Angeles"\n'
                                             'status = ["Active", "Pending", "Closed"]\n'),
                        tmp_path / "p.sqlite", strict=True)
    with open_pack(tmp_path / "p.sqlite") as pack:
        schools = {r[0]: r[1:] for r in pack.conn.execute(
            "SELECT id, status, open_date, closed_date, site_kind, placed_by FROM schools")}
        source = pack.sources()[0]
    # Every date Excel wrote (2018-06-26 00:00:00) is read: the as-of date, openings, closings.
    assert source.as_of == max(row[-1] for row in rows)[:10]
    assert schools["19647330136994"][:2] == ("Pending", "2018-08-20")
    # A closed continuation school whose EdOpsCode is empty: its name says the kind.
    assert schools["19101991932268"][0] == "Closed" and schools["19101991932268"][2] is not None
    assert schools["19101991932268"][3:] == ("referral", "district")
    assert schools["19101990121897"][3:] == ("not_an_option", None)  # Central Juvenile Hall
    assert schools["19647331930619"][3:] == ("referral", "district")  # an opportunity school
    assert schools["19647336117667"][3:] == ("open", None)
    assert "19748310000000" not in schools  # a district office
    assert report.notes[:2] == ["pubschls.txt: 2 rows of other counties left out",
                                "pubschls.txt: 1 district and county offices left out (not schools)"]


def test_todays_layout_with_iso_dates_and_no_data(tmp_path: Path) -> None:
    write_cde(tmp_path / "pubschls.txt", [
        cde_row("19647330000001", "ISO Elementary", LAT, LON, OpenDate="2020-08-15",
                LastUpDate="2026-06-03"),
        cde_row("19647330000002", "Slash Elementary", LAT, LON + 0.01, LastUpDate="05/30/2026",
                Phone="No Data", WebSite="Information Not Available")])
    build_pack(region(tmp_path, CDE), tmp_path / "p.sqlite", strict=True)
    with open_pack(tmp_path / "p.sqlite") as pack:
        assert pack.sources()[0].as_of == "2026-06-03"
        rows = dict(pack.conn.execute("SELECT id, open_date FROM schools"))
        assert rows == {"19647330000001": "2020-08-15", "19647330000002": "1980-07-01"}
        assert pack.conn.execute("SELECT phone, website FROM schools WHERE id = '19647330000002'"
                                 ).fetchone() == (None, None)


def test_the_directory_saved_as_an_excel_workbook(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["California School Directory"])  # CDE's own .xlsx has title rows above
    sheet.append(["Public Schools and Districts"])
    sheet.append(LAYOUT)
    for cds, name, updated in (("01611190130229", "Alameda Elementary", datetime(2018, 6, 26)),
                               ("19647330000001", "Los Angeles Elementary", datetime(2018, 5, 1))):
        row = dict(zip(LAYOUT, cde_row(cds, name, LAT, LON).split("\t"), strict=True))
        row["CDSCode"] = int(cds)  # Excel keeps the code as a number: the first zero goes
        row["LastUpDate"] = updated
        row["OpenDate"] = datetime(1980, 7, 1)
        row["Latitude"], row["Longitude"] = LAT, LON
        sheet.append([row[c] for c in LAYOUT])
    book.save(tmp_path / "pubschls.xlsx")
    body = CDE.replace("pubschls.txt", "pubschls.xlsx")
    build_pack(region(tmp_path, body), tmp_path / "p.sqlite", strict=True)
    with open_pack(tmp_path / "p.sqlite") as pack:
        rows = dict(pack.conn.execute("SELECT id, open_date FROM schools"))
        assert rows == {"01611190130229": "1980-07-01", "19647330000001": "1980-07-01"}
        assert pack.sources()[0].as_of == "2018-06-26"


def test_windows_text_is_read_and_said(tmp_path: Path) -> None:
    text = "\t".join(LAYOUT) + "\n" + cde_row("19647330000001", "Escuela Peña", LAT, LON) + "\n"
    (tmp_path / "pubschls.txt").write_bytes(text.encode("cp1252"))
    report = build_pack(region(tmp_path, CDE), tmp_path / "p.sqlite")
    with open_pack(tmp_path / "p.sqlite") as pack:
        assert pack.conn.execute("SELECT name FROM schools").fetchone()[0] == "Escuela Peña"
    assert "pubschls.txt: read as Windows-1252 text (it is not UTF-8)" in report.notes


def test_a_statewide_file_passes_strict_other_counties_counted_apart(tmp_path: Path, capsys) -> None:
    write_cde(tmp_path / "pubschls.txt", [
        cde_row("19647330000001", "Here Elementary", LAT, LON),
        cde_row("01611190130229", "Alameda Elementary", 37.7, -122.2, County="Alameda"),
        cde_row("30664640100909", "Orange Elementary", 33.6, -117.7, County="Orange"),
        cde_row("19647330000002", "Gone Elementary", LAT, LON, StatusType="Closed"),
        cde_row("19647330000003", "Soon Elementary", LAT, LON, StatusType="Pending",
                OpenDate="08/14/2026")])
    (tmp_path / "ela.csv").write_text(
        "cds,rtype,schoolname,districtname,countyname,charter_flag,studentgroup,currstatus,"
        "statuslevel,ReportingYear\n"
        "19647330000001,S,Here Elementary,Test,Los Angeles,,ALL,-7.7,3,2026\n"
        "01611190130229,S,Alameda Elementary,Test,Alameda,,ALL,10,3,2026\n"
        "19647330000002,S,Gone Elementary,Test,Los Angeles,,ALL,1,3,2026\n", encoding="utf-8")
    toml = region(tmp_path, CDE + 'county = "Los Angeles"\n[[indicators]]\nformat = "ca-dashboard"\n'
                            'indicator = "ela"\npath = "ela.csv"\n')
    assert main(["catalogue", "build", str(toml), "--out", str(tmp_path / "p.sqlite"),
                 "--strict"]) == 0
    out = capsys.readouterr().out
    assert "pubschls.txt: 2 rows of other counties left out" in out
    assert "pubschls.txt: 1 Closed schools left out (status = Active)" in out
    assert "pubschls.txt: 1 Pending schools left out (status = Active)" in out
    assert "ela.csv: 1 rows of other counties left out" in out
    assert "ela.csv: 1 rows of schools this pack does not list left out" in out
    assert "skipped or flagged" not in out


@pytest.mark.parametrize("body, sentence", [
    (CDE + 'county = "Los Angles"\n',
     "has no school of county 'Los Angles' and status Active among its 2 rows; check the region "
     "file's county, district and status against the file's own spelling. Did you mean "
     "'Los Angeles'?"),
    (CDE + 'county = "Los Angeles"\nstatus = ["Open"]\n',
     "has no school of county 'Los Angeles' and status Open among its 2 rows"),
])
def test_a_filter_that_matches_nothing_is_refused(tmp_path: Path, capsys, body, sentence) -> None:
    write_cde(tmp_path / "pubschls.txt", [cde_row("19647330000001", "Here", LAT, LON),
                                          cde_row("19647330000002", "There", LAT, LON)])
    assert main(["catalogue", "build", str(region(tmp_path, body)), "--out",
                 str(tmp_path / "p.sqlite")]) == 2
    err = capsys.readouterr().err
    assert sentence in err and err.count("\n") == 1
    assert not (tmp_path / "p.sqlite").exists()


@pytest.mark.parametrize("text, sentence", [
    ('[[dashboard]]\npath = "x.csv"\n',
     "has an unknown section [[dashboard]]; did you mean [[indicators]]?"),
    ('[[school]]\npath = "pubschls.txt"\n', "has an unknown section [[school]]; did you mean [[schools]]?"),
    ('[regoin]\nx = 1\n', "has an unknown section [regoin]; did you mean [region]?"),
    (CDE + 'countie = "Los Angeles"\n', "has an unknown key 'countie'; did you mean 'county'?"),
    (CDE + 'stauts = ["Active"]\n', "has an unknown key 'stauts'; did you mean 'status'?"),
    (CDE.replace('"cde"', '"cdee"'), "has format 'cdee'; use one of 'cde', 'table'"),
])
def test_a_misspelt_section_or_key_is_refused_with_the_nearest_name(tmp_path: Path, capsys, text,
                                                                    sentence) -> None:
    write_cde(tmp_path / "pubschls.txt", [cde_row("19647330000001", "Here", LAT, LON)])
    body = text if text.startswith(CDE[:11]) else CDE + text
    assert main(["catalogue", "build", str(region(tmp_path, body)), "--out",
                 str(tmp_path / "p.sqlite")]) == 2
    assert sentence in capsys.readouterr().err


def test_an_unknown_region_key_is_refused(tmp_path: Path) -> None:
    write_cde(tmp_path / "pubschls.txt", [cde_row("19647330000001", "Here", LAT, LON)])
    with pytest.raises(UserError, match="has an unknown key 'langauges'; did you mean 'languages'"):
        build_pack(region(tmp_path, CDE, head='langauges = ["en"]\n'), tmp_path / "p.sqlite")


@pytest.fixture
def empty_pack(tmp_path: Path) -> Path:
    """A pack with no schools at all (the builder refuses to write one; a hand-made one exists)."""
    path = tmp_path / "empty.sqlite"
    write_pack(path, PackContent(meta={
        "schema_version": str(SCHEMA_VERSION), "region_id": "empty", "region_name": "Empty",
        "default_language": "en", "languages": '["en"]', "distance_unit": "mi",
        "walk_radius_m": "800", "built_at": "2026-12-01T00:00:00Z", "builder_version": "0",
        "demo": "0"}))
    return path


def test_searching_an_empty_pack_answers_and_validate_refuses_it(empty_pack: Path, capsys) -> None:
    for args in ([], ["--near", "34.05,-118.25"], ["--near", "34.05,-118.25", "--within-mi", "1"],
                 ["--order", "name"], ["--text", "x", "--json"]):
        assert main(["search", "--pack", str(empty_pack), *args]) in (0, 2)
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err and "problem in Navigator itself" not in captured.err
    assert main(["search", "--pack", str(empty_pack)]) == 0
    assert "0 schools" in capsys.readouterr().out
    assert main(["catalogue", "validate", str(empty_pack)]) == 1
    assert "the pack has no schools" in capsys.readouterr().err


@pytest.mark.parametrize("lang, words", [
    ("en", "This school closed on June 30, 2017 and no longer takes students."),
    ("es", "Esta escuela cerró el 30 de junio de 2017 y ya no recibe estudiantes."),
    ("ko", "이 학교는 2017년 6월 30일에 문을 닫아 더 이상 학생을 받지 않습니다."),
])
def test_a_closed_school_says_since_when(tmp_path: Path, capsys, lang, words) -> None:
    write_cde(tmp_path / "pubschls.txt", [
        cde_row("19647330000001", "Open Elementary", LAT, LON),
        cde_row("19647330000002", "Old Elementary", LAT, LON, StatusType="Closed",
                ClosedDate="06/30/2017")])
    toml = region(tmp_path, CDE + 'status = ["Active", "Closed"]\n')
    build_pack(toml, tmp_path / "p.sqlite")
    assert main(["show", "--pack", str(tmp_path / "p.sqlite"), "19647330000002", "--lang",
                 lang]) == 0
    assert capsys.readouterr().out.splitlines()[2] == words
    # ...and is never a family's option in a search.
    assert main(["search", "--pack", str(tmp_path / "p.sqlite"), "--json"]) == 0
    assert "19647330000002" not in capsys.readouterr().out

"""Kinds of school site: read from the directory's own columns, overridden by a district, and
shown to a family only where they are the family's option (small files made here)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from cde_format import cde_row, write_cde

from navigator.catalogue.build.builder import build_pack
from navigator.catalogue.build.sites import cde_site_kind, parse_kind
from navigator.catalogue.pack import open_pack
from navigator.catalogue.validate import validate
from navigator.cli import main
from navigator.grades import PRESCHOOL
from navigator.search.engine import SearchEngine
from navigator.search.query import Query

LAT, LON = 34.05, -118.25


@pytest.mark.parametrize("soc_type, ed_ops, name, expected", [
    ("Elementary Schools (Public)", "TRAD", "Main Street Elementary", ("open", None)),
    ("Alternative Schools of Choice", "ALTSOC", "Lennox Virtual Academy", ("open", None)),
    ("Continuation High Schools", "CON", "Del Rey Continuation", ("referral", "district")),
    ("District Community Day Schools", "COMMDAY", "Day School", ("referral", "district")),
    ("Opportunity Schools", "OPP", "Harold McAlister High (Opportunity)", ("referral", "district")),
    ("County Community", "", "Technical, Agricultural & Nat.", ("referral", "district")),
    ("Special Education Schools (Public)", "SPEC", "Learning Center", ("referral", "iep")),
    ("State Special Schools", "SSS", "California School for the Deaf", ("referral", "iep")),
    ("Juvenile Court Schools", "JUV", "Mendenhall, William Camp", ("not_an_option", None)),
    ("Youth Authority Facilities", "", "Youth Facility", ("not_an_option", None)),
    ("ROC/ROP", "", "Compton Unified ROP", ("not_an_option", None)),
    ("Adult Education Centers", "TRAD", "Evening Adult School", ("not_an_option", None)),
    ("Other County Or District Programs", "", "Programme", ("not_an_option", None)),
    ("Preschool", "TRAD", "Early Start", ("preschool", None)),
    # The option says more than the type: the strictest reading wins.
    ("High Schools (Public)", "JUV", "Hall High", ("not_an_option", None)),
    ("K-12 Schools (Public)", "HOMHOS", "Home and Hospital", ("referral", "district")),
    # Where EdOpsCode is empty, the name is the evidence; town names are not camps.
    ("Elementary Schools (Public)", "", "Juvenile Hall", ("not_an_option", None)),
    ("High Schools (Public)", "", "Camp Afflerbaugh", ("not_an_option", None)),
    ("Elementary Schools (Public)", "", "Happy Camp Elementary", ("open", None)),
    ("Junior High Schools (Public)", "", "Newark Opportunity", ("referral", "district")),
    ("Intermediate/Middle Schools (Public)", "TRAD", "KIPP Academy of Opportunity", ("open", None)),
    ("High Schools (Public)", "", "Pittsburg Adult Center", ("not_an_option", None)),
])
def test_the_directorys_own_columns_say_the_kind(soc_type, ed_ops, name, expected) -> None:
    assert cde_site_kind(soc_type, ed_ops or None, name) == expected


def test_kinds_as_a_region_file_writes_them() -> None:
    assert parse_kind("referral:iep") == ("referral", "iep")
    assert parse_kind("Referral") == ("referral", "district")
    with pytest.raises(ValueError):
        parse_kind("open:iep")


def region(folder: Path, body: str) -> Path:
    path = folder / "region.toml"
    path.write_text('[region]\nid = "kinds"\nname = "Kinds"\nlanguages = ["en", "es", "ko"]\n' + body,
                    encoding="utf-8")
    return path


def every_kind(folder: Path) -> Path:
    """One school of each kind, all at the same place, each teaching grade 9 (or preschool)."""
    rows = [
        cde_row("19647330000001", "Open High", LAT, LON, SOCType="High Schools (Public)",
                GSoffered="9-12"),
        cde_row("19647330000002", "Hall Camp", LAT, LON + 0.001, SOCType="Juvenile Court Schools",
                EdOpsCode="JUV", GSoffered="6-12"),
        cde_row("19647330000003", "District ROP", LAT, LON + 0.002, SOCType="ROC/ROP",
                EdOpsCode="No Data", GSoffered="9-12"),
        cde_row("19647330000004", "Second Chance Continuation", LAT, LON + 0.003,
                SOCType="Continuation High Schools", EdOpsCode="CON", GSoffered="9-12"),
        cde_row("19647330000005", "Bridges Center", LAT, LON + 0.004,
                SOCType="Special Education Schools (Public)", EdOpsCode="SPEC", GSoffered="K-12"),
        cde_row("19647330000006", "Little Stars Preschool", LAT, LON + 0.005, SOCType="Preschool",
                GSoffered="P-P"),
        cde_row("19647330000007", "Night Adult School", LAT, LON + 0.006,
                SOCType="Adult Education Centers", GSoffered="9-Adult"),
    ]
    write_cde(folder / "pubschls.txt", rows)
    return region(folder, '[[schools]]\nformat = "cde"\npath = "pubschls.txt"\n')


@pytest.fixture
def kinds_pack(tmp_path: Path) -> Path:
    build_pack(every_kind(tmp_path), tmp_path / "kinds.sqlite")
    return tmp_path / "kinds.sqlite"


def names(pack_path: Path, **criteria) -> list[str]:
    with open_pack(pack_path) as pack:
        return [r.name for r in SearchEngine(pack).search(Query(**criteria)).results]


def test_a_family_never_sees_what_is_not_its_option(kinds_pack: Path) -> None:
    assert names(kinds_pack, grade=9) == ["Open High"]
    # Asked by name, or with every need that opens a group, the three are still never listed.
    for criteria in ({"text": "Camp"}, {"text": "ROP"}, {"text": "Adult"},
                     {"grade": 9, "referral": True, "sped": ("speech",)}):
        shown = names(kinds_pack, **criteria)
        assert not {"Hall Camp", "District ROP", "Night Adult School"} & set(shown)


def test_preschools_only_for_pre_kindergarten(kinds_pack: Path) -> None:
    assert "Little Stars Preschool" not in names(kinds_pack)
    assert "Little Stars Preschool" in names(kinds_pack, grade=PRESCHOOL)


def test_referral_schools_only_where_a_need_makes_them_relevant(kinds_pack: Path) -> None:
    # A special-education need: the IEP team's centre, after the open schools, in its group.
    with open_pack(kinds_pack) as pack:
        rows = SearchEngine(pack).search(Query(sped=("speech",))).results
    assert [(r.name, r.group, r.placed_by) for r in rows] == [
        ("Open High", "open", None), ("Bridges Center", "referral", "iep")]
    # The district's referral: only when the family says it concerns them, or names the school.
    assert names(kinds_pack, grade=9, referral=True) == ["Open High", "Bridges Center",
                                                         "Second Chance Continuation"]
    assert names(kinds_pack, text="Continuation") == ["Second Chance Continuation"]


def test_a_district_overlay_has_the_last_word(tmp_path: Path) -> None:
    toml = every_kind(tmp_path)
    (tmp_path / "sites.csv").write_text(
        "school_id,school_name,site_kind,placed_by\n"
        "19647330000004,Second Chance Continuation,open,\n"  # a continuation school of choice
        "19647330000001,Open High,referral,\n"  # placed by the district, says the district
        "19647330000007,Night Adult School,referral,iep\n"
        "19647330000002,Hall Camp,preschool,iep\n"  # placed_by only for a referral school
        "19649999999999,Nowhere,open,\n", encoding="utf-8")
    with toml.open("a", encoding="utf-8") as handle:
        handle.write('[[overlay]]\npath = "sites.csv"\npublisher = "Test Unified"\n')
    report = build_pack(toml, tmp_path / "p.sqlite")
    problems = [str(p) for p in report.problems]
    assert problems == [
        "sites.csv:5, column placed_by: 'iep' is only for a referral school, not 'preschool'; skipped",
        "sites.csv:6, column school_id: unknown school '19649999999999'; skipped"]
    with open_pack(tmp_path / "p.sqlite") as pack:
        kinds = dict(pack.conn.execute("SELECT name, site_kind || ':' || coalesce(placed_by, '') "
                                       "FROM schools"))
    assert kinds["Second Chance Continuation"] == "open:"
    assert kinds["Open High"] == "referral:district"
    assert kinds["Night Adult School"] == "referral:iep"
    assert kinds["Hall Camp"] == "not_an_option:"  # the bad row changed nothing
    assert report.site_kinds == {"open": 1, "referral": 3, "not_an_option": 2, "preschool": 1}


def test_a_table_says_its_kinds_through_its_school_types(tmp_path: Path) -> None:
    (tmp_path / "schools.csv").write_text(
        "id,name,lat,lon,type\n"
        "1,Regular One,34.0,-118.0,Regular school\n"
        "2,Special One,34.0,-118.01,Special education school\n"
        "3,Alt One,34.0,-118.02,Alternative Education School\n"
        "4,Detention One,34.0,-118.03,Juvenile Detention Center\n"
        "5,Career One,34.0,-118.04,Career and Technical School\n", encoding="utf-8")
    columns = ('[[schools]]\npath = "schools.csv"\npublisher = "State"\n'
               '[schools.columns]\nid = "id"\nname = "name"\nlatitude = "lat"\nlongitude = "lon"\n'
               'school_type = "type"\n')
    report = build_pack(region(tmp_path, columns), tmp_path / "a.sqlite")
    with open_pack(tmp_path / "a.sqlite") as pack:
        kinds = dict(pack.conn.execute("SELECT name, site_kind FROM schools"))
    assert kinds == {"Regular One": "open", "Special One": "referral", "Alt One": "open",
                     "Detention One": "not_an_option", "Career One": "open"}
    assert report.problems == []
    assert report.notes == ["schools.csv: schools of types no rule names, taken as open: "
                            "'Regular school' (1), 'Alternative Education School' (1), 'Career and "
                            "Technical School' (1); name their kind in [schools.site_kinds] if they "
                            "are not"]
    mapped = columns + '[schools.site_kinds]\n"Alternative Education School" = "referral"\n' \
                       '"Regular school" = "open"\n"Career and Technical School" = "open"\n'
    report = build_pack(region(tmp_path, mapped), tmp_path / "b.sqlite")
    with open_pack(tmp_path / "b.sqlite") as pack:
        assert pack.conn.execute("SELECT site_kind, placed_by FROM schools WHERE name = 'Alt One'"
                                 ).fetchone() == ("referral", "district")
    assert report.notes == []
    bad = columns + '[schools.site_kinds]\n"Regular school" = "ordinary"\n'
    assert main(["catalogue", "build", str(region(tmp_path, bad)), "--out",
                 str(tmp_path / "c.sqlite")]) == 2


def test_catalogue_info_counts_kinds_and_validate_reads_them(kinds_pack: Path, capsys) -> None:
    assert main(["catalogue", "info", str(kinds_pack), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["site_kinds"] == {
        "open": 1, "referral": 2, "not_an_option": 3, "preschool": 1, "referral:district": 1,
        "referral:iep": 1}
    # A hand-edited kind Navigator does not know: the school is left out (it might be a juvenile
    # hall), and validate says so.
    with sqlite3.connect(kinds_pack) as conn:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute("UPDATE schools SET site_kind = 'ordinary' WHERE name = 'Open High'")
    with open_pack(kinds_pack) as pack:
        assert "Open High" not in names(kinds_pack)
        assert any("school with no usable site_kind" in p for p in validate(pack))


@pytest.mark.parametrize("lang, words", [
    ("en", "Places here are given through your child's IEP team, not by application."),
    ("es", "Aquí las plazas las asigna el equipo del IEP (Programa de Educación Individualizada) "
           "de su hijo o hija, no se solicitan."),
    ("ko", "이 학교의 자리는 신청이 아니라 자녀의 개별화 교육 프로그램(IEP) 팀을 통해 배정됩니다."),
])
def test_an_iep_placement_is_said_in_the_familys_language(kinds_pack: Path, capsys, lang,
                                                          words) -> None:
    assert main(["search", "--pack", str(kinds_pack), "--sped", "speech", "--lang", lang]) == 0
    assert words in capsys.readouterr().out
    assert main(["show", "--pack", str(kinds_pack), "19647330000005", "--lang", lang]) == 0
    assert words in capsys.readouterr().out


@pytest.mark.parametrize("lang, words", [
    ("en", "A preschool: for children before kindergarten."),
    ("es", "Un preescolar: para niños antes del kínder."),
    ("ko", "유아원(프리스쿨): 유치원(킨더가튼) 전 어린이를 위한 곳입니다."),
])
def test_a_preschool_says_what_it_is(kinds_pack: Path, capsys, lang, words) -> None:
    assert main(["search", "--pack", str(kinds_pack), "--grade", "PK", "--lang", lang]) == 0
    assert words in capsys.readouterr().out

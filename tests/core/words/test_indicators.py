"""School results: the Dashboard preset, a mapped table, withheld values, bad rows, `show`."""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

import pytest
from cde_format import cde_row, write_cde
from demo import PUENTE

from navigator.catalogue.build.builder import build_pack
from navigator.catalogue.pack import open_pack
from navigator.cli.show import run as show
from navigator.errors import UserError
from navigator.profile import school_profile
from navigator.resources import demo_pack

FULL_LAYOUT = ("cds,rtype,schoolname,districtname,countyname,charter_flag,studentgroup,currdenom,"
               "currstatus,priorstatus,change,statuslevel,changelevel,color,box,ReportingYear")


def region(folder: Path, indicators: str) -> Path:
    write_cde(folder / "pubschls.txt", [cde_row("19647330000001", "Alpha Elementary", 34.0, -118.2),
                                        cde_row("19647330000002", "Beta Charter", 34.01, -118.2,
                                                Charter="Y")])
    toml = folder / "region.toml"
    toml.write_text('[region]\nid = "r"\nname = "R"\n[[schools]]\nformat = "cde"\npath = "pubschls.txt"\n'
                    + indicators, encoding="utf-8")
    return toml


def test_dashboard_preset_full_layout(tmp_path: Path) -> None:
    (tmp_path / "ela.csv").write_text("\r\n".join([
        FULL_LAYOUT,
        "19647330000001,S,Alpha Elementary,Test,LA,,ALL,412,-12.5,-20.0,7.5,2,4,3,9,2026",
        "19647330000001,S,Alpha Elementary,Test,LA,,EL,8,,,,0,0,0,0,2026",
        "19647330000002,S,\"Beta, Charter\",Test,LA,Y,ALL,300,30.1,31.0,-0.9,4,3,4,12,2026",
        "19647330000000,D,Test Unified,Test,LA,,ALL,9000,1.0,1.0,0,3,3,3,3,2026",
        "19640000000099,S,Elsewhere High,Other,LA,,ALL,100,1.0,1.0,0,3,3,3,3,2026",
        "19647330000002,S,Beta Charter,Test,LA,Y,SWD,40,abc,,,2,,,,2026",
        "19647330000002,S,Beta Charter,Test,LA,Y,SED,40,1.0,2026",
    ]) + "\r\n", encoding="utf-8")
    toml = region(tmp_path, '[[indicators]]\nformat = "ca-dashboard"\nindicator = "ela"\npath = "ela.csv"\n')
    report = build_pack(toml, tmp_path / "p.sqlite")
    messages = [str(p) for p in report.problems]
    assert "ela.csv:7: 'abc' is not a number; skipped" in messages
    assert "ela.csv:8: row has 10 cells, the header 16; skipped (a name with an unquoted comma?)" in messages
    # A Dashboard file holds the whole state: a school the pack does not list is no problem.
    assert not any("not in this pack" in m for m in messages)
    assert "ela.csv: 1 rows of schools this pack does not list left out" in report.notes
    with open_pack(tmp_path / "p.sqlite") as pack:
        rows = {(r[0], r[1]): r[2:] for r in pack.conn.execute(
            "SELECT school_id, student_group, status, status_level, change, change_level, students, "
            "suppressed FROM indicators")}
        source = next(s for s in pack.sources() if s.id == "indicators-1")
    assert rows[("19647330000001", "ALL")] == (-12.5, "Low", 7.5, "Increased", 412, 0)
    assert rows[("19647330000001", "EL")] == (None, None, None, None, 8, 1)  # withheld, not zero
    assert rows[("19647330000002", "ALL")] == (30.1, "High", -0.9, "Maintained", 300, 0)
    assert len(rows) == 3
    assert (source.name, source.publisher) == ("California School Dashboard",
                                              "California Department of Education")


def test_real_dashboard_excerpt(tmp_path: Path, shared_data: Path) -> None:
    path = shared_data / "ca-dashboard" / "ca_dashboard_la_sample.txt"
    with path.open(newline="", encoding="utf-8") as handle:
        ids = [r["cds"] for r in csv.DictReader(handle)][:20]
    write_cde(tmp_path / "pubschls.txt", [cde_row(i, f"School {i}", 34.0, -118.2) for i in ids])
    (tmp_path / "region.toml").write_text(
        f'[region]\nid = "r"\nname = "R"\n[[schools]]\nformat = "cde"\npath = "pubschls.txt"\n'
        f'[[indicators]]\nformat = "ca-dashboard"\nindicator = "ela"\npath = "{path}"\n')
    build_pack(tmp_path / "region.toml", tmp_path / "p.sqlite")
    with open_pack(tmp_path / "p.sqlite") as pack:
        first = pack.conn.execute("SELECT status, status_level, suppressed FROM indicators WHERE "
                                  "school_id = '19101990106880'").fetchone()
        juvenile = pack.conn.execute("SELECT status, status_level, suppressed FROM indicators WHERE "
                                     "school_id = '19101990121822'").fetchone()
        assert pack.counts()["indicators"] == 20
    assert first == (-7.7, "Low", 0)
    assert juvenile == (None, None, 1)  # "Nidorf, Barry J.": not reported, never zero


def test_table_mapping_and_bad_config(tmp_path: Path) -> None:
    (tmp_path / "results.csv").write_text(
        "school,measure,group,yr,score,level\n19647330000001,math,ALL,2025,55.0,Medium\n")
    toml = region(tmp_path, '[[indicators]]\nformat = "table"\npath = "results.csv"\npublisher = "S"\n'
                            '[indicators.columns]\nschool_id = "school"\nindicator = "measure"\n'
                            'student_group = "group"\nyear = "yr"\nstatus = "score"\n'
                            'status_level = "level"\n')
    build_pack(toml, tmp_path / "p.sqlite")
    with open_pack(tmp_path / "p.sqlite") as pack:
        assert pack.conn.execute("SELECT indicator, status, status_level FROM indicators").fetchone() \
            == ("math", 55.0, "Medium")
    bad = region(tmp_path, '[[indicators]]\nformat = "ca-dashboard"\npath = "results.csv"\n')
    with pytest.raises(UserError, match="needs indicator = one of"):
        build_pack(bad, tmp_path / "q.sqlite")


def test_profile_and_show_json(capsys) -> None:
    with open_pack(demo_pack()) as pack:
        puente = school_profile(pack, PUENTE, "en")
        skyline = school_profile(pack, "99109990129094", "en")
    groups = {(i["indicator"], i["group"]) for i in puente.indicators}
    assert {("ela", "ALL"), ("ela", "EL"), ("math", "SWD")} <= groups
    assert skyline.indicators == [] and skyline.indicators_missing_reason == "virtual"
    show(argparse.Namespace(school_id=PUENTE, lang="ko", json=True, pack=demo_pack()))
    data = json.loads(capsys.readouterr().out)
    first = data["indicators"][0]
    assert set(first) >= {"indicator", "group", "year", "status", "status_level", "change",
                          "change_level", "students", "source"}
    assert data["processes"][0]["name"]["lang"] == "ko"

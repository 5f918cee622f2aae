"""District staff's workbook: written from a region, read back by the builder as CSV overlays are."""

from __future__ import annotations

import re
import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from demo import PENA as ESCUELA_PENA
from openpyxl import load_workbook
from test_demo_pack import table_contents

from navigator.catalogue.build.builder import build_pack
from navigator.catalogue.build.template import write_template
from navigator.cli import main
from navigator.errors import UserError
from navigator.resources import demo_pack, demo_sources

MAGNET_CLOSES = "vvusd-magnet-closes"


def workbook_region(folder: Path, template) -> Path:
    """The demo region with its CSV overlays replaced by the workbook's sheets."""
    text = (folder / "region.toml").read_text(encoding="utf-8")
    kept = [b for b in re.split(r"(?m)^(?=\[)", text) if not b.startswith("[[overlay]]")]
    path = folder / "region-xlsx.toml"
    path.write_text("".join(kept) + "\n" + template.region_entries(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("workbook") / "demo"
    shutil.copytree(demo_sources().parent, folder)
    return folder


@pytest.fixture(scope="module")
def template(demo_copy: Path):
    return write_template(demo_copy / "region.toml", demo_copy / "overlays.xlsx")


def without_files(contents: dict) -> dict:
    """Sources compared without their file name (overlays.xlsx, not deadlines.csv)."""
    contents = dict(contents)
    contents["sources"] = sorted((r[:3] + r[4:] for r in contents["sources"]), key=repr)
    return contents


def edited(demo_copy: Path, template, name: str, edit) -> Path:
    """A copy of the template changed by ``edit(book)``, and the region file that reads it."""
    book = load_workbook(demo_copy / "overlays.xlsx")
    edit(book)
    book.save(demo_copy / name)
    region = workbook_region(demo_copy, template)
    text = region.read_text(encoding="utf-8").replace('"overlays.xlsx"', f'"{name}"')
    out = demo_copy / f"{name}.toml"
    out.write_text(text, encoding="utf-8")
    return out


def row_of(sheet, column: str, value: str) -> int:
    header = [c.value for c in sheet[1]]
    index = header.index(column)
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, index + 1).value == value)


def cell(sheet, row: int, column: str):
    header = [c.value for c in sheet[1]]
    return sheet.cell(row, header.index(column) + 1)


def test_the_template_read_back_unchanged_builds_the_same_pack(demo_copy: Path, template) -> None:
    report = build_pack(workbook_region(demo_copy, template), demo_copy / "from-xlsx.sqlite",
                        strict=True)
    assert report.problems == []
    rebuilt = table_contents(demo_copy / "from-xlsx.sqlite")
    assert without_files(rebuilt) == without_files(table_contents(demo_pack()))
    assert {r[3] for r in rebuilt["sources"] if r[0].startswith("overlay")} == {"overlays.xlsx"}


def test_the_workbook_is_made_for_people(template, demo_copy: Path) -> None:
    book = load_workbook(demo_copy / "overlays.xlsx")
    assert book.sheetnames == ["Read me", "codes", "features", "processes", "deadlines", "demand",
                               "texts", "schedule", "sites", "lists"]
    sites = book["sites"]  # a district's word on how a place is given, from a drop-down
    assert [c.value for c in sites[1]][:4] == ["school_id", "school_name", "site_kind", "placed_by"]
    site_lists = {str(v.sqref): v.formula1 for v in sites.data_validations.dataValidation}
    column = re.match(r"=lists!\$([A-Z]+)\$2:", site_lists["C2:C1048576"])[1]
    assert [c.value for c in book["lists"][column][1:5]] == ["open", "referral", "not_an_option",
                                                             "preschool"]
    features = book["features"]
    assert features.freeze_panes == "C2"  # the school's id and name stay in view
    header = [c.value for c in features[1]]
    assert header[:5] == ["school_id", "school_name", "category", "code", "value"]
    assert header[-11:] == ["note", "note_es", "note_ko", "note_zh_Hans", "note_zh_Hant", "note_vi",
                            "note_ru", "note_hy", "note_ar", "note_fa", "note_tl"]  # beside their text
    # Every school is there; one with nothing known about its special-education services has an
    # empty row for them: unknown, not no.
    schools = {c.value for c in features["A"][1:]}
    assert len(schools) == 23
    jacaranda_el = [r for r in features.iter_rows(min_row=2, values_only=True)
                    if r[0] == "99999996099045" and r[2] == "el"]
    assert jacaranda_el == [("99999996099045", "Jacaranda Elementary", "el") + (None,) * 14]
    lists = {str(v.sqref): v.formula1 for v in features.data_validations.dataValidation}
    column = re.match(r"=lists!\$([A-Z]+)\$2:", lists["E2:E1048576"])[1]  # value: yes/no/complete
    assert [c.value for c in book["lists"][column][1:4]] == ["yes", "no", "complete"]
    deadlines = book["deadlines"]
    magnet = row_of(deadlines, "deadline_id", MAGNET_CLOSES)
    assert cell(deadlines, magnet, "date").value == datetime(2026, 12, 4)  # a real date
    assert cell(deadlines, magnet, "date").number_format == "yyyy-mm-dd"
    processes = book["processes"]
    lottery = row_of(processes, "process_id", "lottery-pu")
    priorities = [cell(processes, lottery, f"priority_{n}").value for n in range(1, 5)]
    assert priorities[0] is not None and priorities[-1] is None
    letter = cell(processes, lottery, "priority_1").column_letter
    checks = {str(v.sqref): v.formula1 for v in processes.data_validations.dataValidation}
    column = re.match(r"=lists!\$([A-Z]+)\$2:", checks[f"{letter}2:{letter}1048576"])[1]
    assert "sibling" in [c.value for c in book["lists"][column]]  # a drop-down of priorities


def test_an_edited_workbook_gives_the_right_pack(demo_copy: Path, template) -> None:
    def edit(book) -> None:
        deadlines = book["deadlines"]
        cell(deadlines, row_of(deadlines, "deadline_id", MAGNET_CLOSES), "date").value = \
            date(2026, 11, 20)
        features = book["features"]
        row = features.max_row + 1
        for column, value in (("school_id", ESCUELA_PENA), ("category", "program"),
                              ("code", "stem"), ("value", "yes"), ("note", "Robotics club"),
                              ("note_zh_Hant", "機器人社團")):
            cell(features, row, column).value = value
        processes = book["processes"]
        lottery = row_of(processes, "process_id", "lottery-pu")
        first, second = (cell(processes, lottery, f"priority_{n}") for n in (1, 2))
        first.value, second.value = second.value, first.value

    region = edited(demo_copy, template, "edited.xlsx", edit)
    report = build_pack(region, demo_copy / "edited.sqlite", strict=True)
    assert report.problems == []
    conn = sqlite3.connect(demo_copy / "edited.sqlite")
    old = sqlite3.connect(demo_pack())
    assert conn.execute("SELECT date FROM deadlines WHERE id=?", (MAGNET_CLOSES,)).fetchone() \
        == ("2026-11-20",)
    assert conn.execute("SELECT value FROM features WHERE school_id=? AND code='stem'",
                        (ESCUELA_PENA,)).fetchone() == ("yes",)
    query = "SELECT priority FROM process_priorities WHERE process_id='lottery-pu' ORDER BY rank"
    was, now = [r[0] for r in old.execute(query)], [r[0] for r in conn.execute(query)]
    assert now == [was[1], was[0], *was[2:]]
    assert conn.execute("SELECT count(*) FROM features").fetchone()[0] == \
        old.execute("SELECT count(*) FROM features").fetchone()[0] + 1
    assert conn.execute("SELECT value FROM translations WHERE entity='feature' AND entity_id=? AND "
                        "lang='zh_Hant'", (f"{ESCUELA_PENA}|program|stem|",)).fetchone() == \
        ("機器人社團",)  # a column for a language written with its script is read too


def test_a_bad_date_cell_is_named_by_sheet_and_cell(demo_copy: Path, template, capsys) -> None:
    def edit(book) -> None:
        deadlines = book["deadlines"]
        row = deadlines.max_row + 1
        for column, value in (("deadline_id", "vvusd-magnet-late"), ("process_id", "vvusd-magnet"),
                              ("kind", "other"), ("date", "2027-02-30")):
            cell(deadlines, row, column).value = value
        features = book["features"]
        jacaranda = next(r for r in range(2, features.max_row + 1)
                         if features.cell(r, 1).value == "99999996099045"
                         and features.cell(r, 3).value == "el")
        cell(features, jacaranda, "code").value = "eld"
        cell(features, jacaranda, "value").value = "no"  # staff checked: no ELD there

    region = edited(demo_copy, template, "bad.xlsx", edit)
    report = build_pack(region, demo_copy / "bad.sqlite")
    row = load_workbook(demo_copy / "bad.xlsx")["deadlines"].max_row
    assert [str(p) for p in report.problems] == [
        f'bad.xlsx, sheet deadlines, cell D{row}: "2027-02-30" is not a date; write YYYY-MM-DD; '
        "skipped"]
    conn = sqlite3.connect(demo_copy / "bad.sqlite")
    assert conn.execute("SELECT count(*) FROM deadlines WHERE id='vvusd-magnet-late'"
                        ).fetchone() == (0,)
    assert conn.execute("SELECT value FROM features WHERE school_id='99999996099045' "
                        "AND code='eld'").fetchone() == ("no",)  # a known no, apart from unknown
    assert main(["catalogue", "build", str(region), "--out", str(demo_copy / "s.sqlite"),
                 "--strict"]) == 2
    assert f"cell D{row}" in capsys.readouterr().err
    assert not (demo_copy / "s.sqlite").exists()


def test_file_level_problems_in_a_workbook_stop_the_build(demo_copy: Path, template,
                                                          capsys) -> None:
    def drop_date(book) -> None:
        book["deadlines"].delete_cols(4)

    region = edited(demo_copy, template, "nodate.xlsx", drop_date)
    with pytest.raises(UserError, match="sheet deadlines, has no column 'date'"):
        build_pack(region, demo_copy / "x.sqlite")
    (demo_copy / "broken.xlsx").write_text("not a workbook", encoding="utf-8")
    broken = region.read_text(encoding="utf-8").replace('"nodate.xlsx"', '"broken.xlsx"')
    (demo_copy / "broken.toml").write_text(broken, encoding="utf-8")
    assert main(["catalogue", "build", str(demo_copy / "broken.toml"), "--out",
                 str(demo_copy / "x.sqlite")]) == 2
    assert "is not an Excel workbook" in capsys.readouterr().err
    text = region.read_text(encoding="utf-8").replace('sheet = "texts"', 'sheet = "textos"')
    (demo_copy / "nosheet.toml").write_text(text, encoding="utf-8")
    with pytest.raises(UserError, match="has no sheet 'textos'"):
        build_pack(demo_copy / "nosheet.toml", demo_copy / "x.sqlite")


def test_one_entry_reads_every_sheet_of_a_workbook(demo_copy: Path, template) -> None:
    """A workbook named once (no sheet) gives every kind's sheet, under one source."""
    text = (demo_copy / "region.toml").read_text(encoding="utf-8")
    kept = [b for b in re.split(r"(?m)^(?=\[)", text) if not b.startswith("[[overlay]]")]
    (demo_copy / "one.toml").write_text("".join(kept) + '\n[[overlay]]\npath = "overlays.xlsx"\n'
                                        'publisher = "Valle Verde USD (demo)"\n', encoding="utf-8")
    report = build_pack(demo_copy / "one.toml", demo_copy / "one.sqlite")
    # The demo's texts name its overlays' sources by id (overlay-2 ...): one entry has only one.
    assert report.problems and all("no source 'overlay-" in str(p) for p in report.problems)
    one, demo = table_contents(demo_copy / "one.sqlite"), table_contents(demo_pack())
    for table in ("features", "deadlines"):  # the same facts, from the one source
        assert sorted(r[:-1] for r in one[table]) == sorted(r[:-1] for r in demo[table])
    assert one["process_priorities"] == demo["process_priorities"]
    assert len([s for s in one["sources"] if s[0].startswith("overlay")]) == 1


def test_the_cli_writes_a_spanish_template(demo_copy: Path, capsys) -> None:
    out = demo_copy / "plantilla.xlsx"
    assert main(["catalogue", "template", str(demo_copy / "region.toml"), "--out", str(out),
                 "--lang", "es"]) == 0
    printed = capsys.readouterr().out
    assert 'sheet = "deadlines"' in printed
    book = load_workbook(out)
    help_sheet = book.worksheets[0]
    assert help_sheet.title == "Léame"
    texts = " ".join(str(c.value) for row in help_sheet.iter_rows() for c in row if c.value)
    assert "desconocido" in texts and "Unknown" not in texts
    assert main(["catalogue", "template", str(demo_copy / "region.toml"), "--out",
                 str(demo_copy / "x.csv")]) == 2

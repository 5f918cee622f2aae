"""Workbooks read within limits (issue 24, findings 4, 5, 8 and 9).

The bombs (a sheet declaring A1:XFD1048576, cells in column XFD, a cell of 1.5 GB, a million
rows) are built in the test, part by part, and given to a real ``navigator catalogue build``
whose time and peak memory are measured from getrusage of the child process: each is refused in
one sentence naming the sheet, in under 60 s and 2 GB.  Damaged zips and XML end the same way,
never with exit 70.  Then what a careless spreadsheet does: renamed sheets, formulas never
calculated, Excel's escapes, its 29 February 1900, values the pack's rules refuse.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
from pathlib import Path

import pytest
from hostile import measured, one_sentence
from openpyxl import load_workbook
from xlsx_parts import (
    inline,
    lie_about_size,
    number,
    rewrite_part,
    row_xml,
    set_cell,
    sheet_chunks,
    spoil_crc,
    text_row,
    write_workbook,
)

from navigator.catalogue.build.builder import build_pack
from navigator.catalogue.build.template import write_template
from navigator.catalogue.build.xlsx import Workbook
from navigator.catalogue.pack import open_pack
from navigator.catalogue.validate import validate, warnings
from navigator.cli import main
from navigator.resources import demo_sources

SCHOOL = "99999996099011"  # a demo school
HEADER = ["school_id", "category", "code", "value"]
LIMIT_S, LIMIT_MB = 60, 2000


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("workbooks") / "demo"
    shutil.copytree(demo_sources().parent, folder)
    write_template(folder / "region.toml", folder / "overlays.xlsx")
    return folder


def region_for(demo: Path, book: str) -> Path:
    """The demo's schools and one workbook of overlays (every sheet named after a kind)."""
    head = (demo / "region.toml").read_text(encoding="utf-8").split("[[transit]]")[0]
    path = demo / f"{book}.toml"
    path.write_text(head + f'\n[[overlay]]\npath = "{book}"\npublisher = "VVUSD (demo)"\n',
                    encoding="utf-8")
    return path


def build_measured(demo: Path, book: str):
    result = measured("catalogue", "build", region_for(demo, book), "--out",
                      demo / f"{book}.sqlite")
    assert result.seconds < LIMIT_S and result.peak_mb < LIMIT_MB, result
    print(f"{book}: exit {result.code} in {result.seconds:.1f} s, peak {result.peak_mb:.0f} MB")
    return result


def refused(result, *words: str) -> str:
    assert result.code == 2, result.stderr
    line = one_sentence(result.stderr)
    for word in words:
        assert word in line, line
    return line


def features_sheet(rows, dimension=None):
    return sheet_chunks([text_row(1, HEADER), *rows], dimension)


# --- bombs -----------------------------------------------------------------------------------------


def test_a_declared_dimension_is_not_believed(demo) -> None:
    """48 kB declaring A1:XFD1048576 took 8 GB and 78 s; its three real rows are read."""
    rows = [text_row(n, [SCHOOL, "program", code, "yes"])
            for n, code in ((2, "arts"), (3, "stem"), (4, "ib"))]
    write_workbook(demo / "dimension.xlsx", {"features": features_sheet(rows, "A1:XFD1048576")})
    result = build_measured(demo, "dimension.xlsx")
    assert result.code == 0, result.stderr
    conn = sqlite3.connect(demo / "dimension.xlsx.sqlite")
    assert conn.execute("SELECT count(*) FROM features WHERE school_id = ? AND code IN "
                        "('arts', 'stem', 'ib')", (SCHOOL,)).fetchone() == (3,)


def test_cells_far_out_are_refused_naming_the_sheet_and_cell(demo) -> None:
    far = (row_xml(n, [inline(f"A{n}", SCHOOL), inline(f"XFD{n}", "x")])
           for n in range(2, 20_002))
    write_workbook(demo / "far.xlsx", {"features": features_sheet(far, "A1:XFD1048576")})
    refused(build_measured(demo, "far.xlsx"), "sheet features,", "cell XFD2", "column XFD")


def test_a_cell_of_1_5_gb_is_refused_from_the_zip_s_own_figures(demo) -> None:
    """1.5 MB holding one 1.5 GB cell was accepted after 3.1 GB: refused by its declared
    size, then, with the zip lying about it, by its CRC; an inline cell by Excel's limit."""
    def giant():
        yield b'<?xml version="1.0"?><sst xmlns="' + b"http://schemas.openxmlformats.org/" \
            b'spreadsheetml/2006/main"><si><t>'
        block = b"x" * (1 << 20)
        for _ in range(1430):
            yield block
        yield b"</t></si></sst>"

    rows = [row_xml(2, [inline("A2", SCHOOL), inline("B2", "program"), '<c r="C2" t="s"><v>0'
                        "</v></c>", inline("D2", "yes")])]
    book = write_workbook(demo / "giant.xlsx", {"features": features_sheet(rows)}, giant(),
                          level=9)
    assert book.stat().st_size < 3_000_000
    refused(build_measured(demo, "giant.xlsx"), "sheet features,", "unpacks to 1,499,46")
    lie_about_size(book, "xl/sharedStrings.xml", 1000)
    refused(build_measured(demo, "giant.xlsx"), "sheet features,", "is damaged", "CRC")
    long_cell = [row_xml(2, [inline("A2", SCHOOL), inline("B2", "x" * 40_000)])]
    write_workbook(demo / "long.xlsx", {"features": features_sheet(long_cell)})
    refused(build_measured(demo, "long.xlsx"), "more than 32,767 characters")


def test_a_million_rows_are_refused_as_they_stream(demo) -> None:
    """A million-row sheet took 261 s.  Four cells a row unpack to 225 MB: refused by the zip's
    own figures; one cell a row (35 MB) is streamed, and refused at its 100,001st row holding values."""
    rows = (row_xml(n, [inline(f"A{n}", SCHOOL), inline(f"B{n}", "program"),
                        inline(f"C{n}", "arts"), number(f"D{n}", n)])
            for n in range(2, 1_000_002))
    write_workbook(demo / "million.xlsx", {"features": features_sheet(rows)})
    refused(build_measured(demo, "million.xlsx"), "sheet features,", "unpacks to 225,")
    rows = (row_xml(n, [number(f"A{n}", n)]) for n in range(2, 1_000_002))
    write_workbook(demo / "million.xlsx", {"features": features_sheet(rows)})
    refused(build_measured(demo, "million.xlsx"), "sheet features,",
            "more than 100,000 rows holding values (row 100,001")


# --- damaged files: one sentence, never exit 70 ----------------------------------------------------


def features_part(book: Path) -> str:
    with Workbook(book) as opened:
        return opened.sheet("features").part


def test_damaged_workbooks_are_one_sentence(demo) -> None:
    template = demo / "overlays.xlsx"
    part = features_part(template)
    rng = random.Random(24)
    cut = rewrite_part(template, demo / "cut.xlsx", part, lambda xml: xml[:len(xml) // 2])
    garbled = rewrite_part(template, demo / "garbled.xlsx", part, lambda xml: xml[:3000] + bytes(
        rng.randrange(256) for _ in range(400)) + xml[3400:])
    doctype = rewrite_part(template, demo / "doctype.xlsx", part, lambda xml: xml.replace(
        b"<worksheet", b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b"<worksheet", 1))
    crc = shutil.copyfile(template, demo / "crc.xlsx")
    spoil_crc(crc, part)
    members = demo / "members.xlsx"
    import zipfile

    with zipfile.ZipFile(members, "w") as junk:
        for n in range(20):
            junk.writestr(f"{os.urandom(4).hex()}/{n}.xml", os.urandom(rng.randrange(10, 3000)))
    (demo / "text.xlsx").write_text("not a workbook", encoding="utf-8")
    for book, words in ((cut, "is damaged"), (garbled, "is damaged"),
                        (doctype, "document type declaration"), (crc, "Bad CRC-32"),
                        (members, "has no part xl/workbook.xml"),
                        (demo / "text.xlsx", "is not an Excel workbook")):
        result = measured("catalogue", "build", region_for(demo, book.name), "--out",
                          demo / "damaged.sqlite")
        refused(result, words)
        assert not (demo / "damaged.sqlite").exists()


# --- what a careless spreadsheet does ------------------------------------------------------------


def edited(demo: Path, name: str, edit) -> Path:
    book = load_workbook(demo / "overlays.xlsx")
    edit(book)
    book.save(demo / name)
    return demo / name


def test_renamed_sheets_are_read_by_their_kind_or_named_as_unread(demo, capsys) -> None:
    """Finding 5: "Deadlines" is the deadlines sheet; "features (2)" is not read, and the build
    says so (a problem: --strict fails); "Read me" and "lists" are named in the summary."""
    def rename(book) -> None:
        book["deadlines"].title = "x"  # openpyxl would make "Deadlines" "Deadlines1"
        book["x"].title = "Deadlines"
        book["features"].title = "features (2)"

    edited(demo, "renamed.xlsx", rename)
    region = region_for(demo, "renamed.xlsx")
    report = build_pack(region, demo / "renamed.sqlite")
    messages = [str(p) for p in report.problems]
    assert ("renamed.xlsx: sheet 'features (2)' was not read: its columns are those of the "
            "features sheet, but its name is not 'features'; rename it 'features' (or name it "
            "with sheet = \"features (2)\" in the region file)") in messages
    assert "renamed.xlsx: not read, as their names are no overlay kind and their columns none: " \
        "sheet(s) 'Read me', 'lists'." in report.summary()
    with open_pack(demo / "renamed.sqlite") as pack:
        assert pack.conn.execute("SELECT count(*) FROM deadlines").fetchone()[0] > 5
    assert main(["catalogue", "build", str(region), "--out", str(demo / "strict.sqlite"),
                 "--strict"]) == 2
    assert "features (2)" in capsys.readouterr().err

    def hide_dates(book) -> None:
        book["deadlines"].title = "Fechas"

    edited(demo, "nodates.xlsx", hide_dates)
    report = build_pack(region_for(demo, "nodates.xlsx"), demo / "nodates.sqlite")
    assert any("sheet 'Fechas' was not read" in str(p) for p in report.problems)
    with open_pack(demo / "nodates.sqlite") as pack:  # validate tells whoever checks the pack
        assert any("have no dates at all" in w for w in warnings(pack))


def deadlines_xml(demo: Path, book: str, changes: dict[str, str]) -> Path:
    """The template with cells of its deadlines sheet replaced by raw XML."""
    template = demo / "overlays.xlsx"
    with Workbook(template) as opened:
        part = opened.sheet("deadlines").part

    def change(xml: bytes) -> bytes:
        for ref, cell in changes.items():
            xml = set_cell(xml, ref, cell)
        return xml

    return rewrite_part(template, demo / book, part, change)


def date_style(demo: Path) -> str:
    """The style index the template gives its date cells."""
    import re
    import zipfile

    with Workbook(demo / "overlays.xlsx") as opened, zipfile.ZipFile(demo / "overlays.xlsx") as z:
        xml = z.read(opened.sheet("deadlines").part).decode()
    return re.search(r'<c r="D2" s="(\d+)"', xml).group(1)


def test_cells_that_cannot_be_trusted_skip_their_row_naming_the_cell(demo) -> None:
    """Finding 9: a formula never calculated, Excel's serial 60 and a negative date, an error,
    a cached javascript: address; each names its sheet and cell, and is never a guess."""
    style = date_style(demo)
    deadlines_xml(demo, "cells.xlsx", {
        "D2": '<c r="D2"><f>TODAY()+1</f></c>',
        "D3": f'<c r="D3" s="{style}"><v>60</v></c>',
        "D4": f'<c r="D4" s="{style}"><v>-5</v></c>',
        "D5": '<c r="D5" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
        "B6": '<c r="B6" t="inlineStr"><is><t>vvusd-nowhere</t></is></c>',
    })
    report = build_pack(region_for(demo, "cells.xlsx"), demo / "cells.sqlite")
    messages = [str(p) for p in report.problems if "sheet deadlines" in str(p)]
    assert messages == [
        "cells.xlsx, sheet deadlines, cell D2: it holds a formula whose result was never saved; "
        "open the workbook in your spreadsheet program and save it; skipped",
        "cells.xlsx, sheet deadlines, cell D3: it holds 29 February 1900, a day that never was "
        "(Excel's serial 60); type the date as YYYY-MM-DD; skipped",
        "cells.xlsx, sheet deadlines, cell D4: it holds the date serial -5, a day before 1900; "
        "type the date as YYYY-MM-DD; skipped",
        "cells.xlsx, sheet deadlines, cell D5: it shows the error #DIV/0!; fix the formula or "
        "type the value; skipped",
        "cells.xlsx, sheet deadlines, cell B6: unknown process 'vvusd-nowhere'; skipped"]


def sheet_with(demo: Path, book: str, sheet: str, cells: dict[str, str], row: int = 3) -> Path:
    """The template with cells of one row of a sheet (by column name) replaced by raw XML."""
    template = demo / "overlays.xlsx"
    with Workbook(template) as opened:
        part = opened.sheet(sheet).part
    column = {c.value: c.column_letter for c in load_workbook(template)[sheet][1]}

    def change(xml: bytes) -> bytes:
        for name, cell in cells.items():
            ref = f"{column[name]}{row}"
            xml = set_cell(xml, ref, cell.replace("REF", ref))
        return xml

    return rewrite_part(template, demo / book, part, change)


def processes_with(demo: Path, book: str, cells: dict[str, str]) -> Path:
    return sheet_with(demo, book, "processes", cells)


def test_the_builder_refuses_what_validate_would_flag(demo) -> None:
    """One set of rules: applicants per seat of inf or 1e308, a javascript: address from a
    cached formula, max_choices of "²" or 30 digits are refused at build, naming the cell,
    and the pack built passes validate."""
    processes_with(demo, "rules.xlsx", {
        "url": '<c r="REF" t="str"><f>"javascript:"&amp;"alert(1)"</f><v>javascript:alert(1)</v></c>'})
    report = build_pack(region_for(demo, "rules.xlsx"), demo / "rules.sqlite")
    url = [str(p) for p in report.problems if "sheet processes" in str(p)]
    assert len(url) == 1 and url[0].endswith(
        "\"javascript:alert(1)\" cannot be used: 'navigator catalogue validate' would call it an "
        "application web address that is not a web address; left empty (unknown), as the app "
        "would show it"), url
    with open_pack(demo / "rules.sqlite") as pack:
        assert validate(pack) == []  # the process is kept, its address unknown
        assert None in [r[0] for r in pack.conn.execute("SELECT url FROM main.processes")]
    for value, words in (("²", "is not a whole number"), ("1" * 30, "is too large"),
                         ("500", "an unusable number of choices")):
        processes_with(demo, "choices.xlsx", {
            "max_choices": f'<c r="REF" t="inlineStr"><is><t>{value}</t></is></c>'})
        report = build_pack(region_for(demo, "choices.xlsx"), demo / "choices.sqlite")
        found = [str(p) for p in report.problems if "sheet processes" in str(p)]
        assert len(found) == 1 and words in found[0] and ", cell " in found[0], found

    for cell, words in (('<c r="REF"><v>1e308</v></c>', "unusable applicants-per-seat figure"),
                        ('<c r="REF" t="inlineStr"><is><t>inf</t></is></c>',
                         "unusable applicants-per-seat figure"),
                        ('<c r="REF"><v>inf</v></c>', "it holds 'inf', which is not a number")):
        sheet_with(demo, "demand.xlsx", "demand", {"applicants_per_seat": cell}, row=2)
        report = build_pack(region_for(demo, "demand.xlsx"), demo / "demand.sqlite")
        found = [str(p) for p in report.problems if "sheet demand" in str(p)]
        assert len(found) == 1 and words in found[0] and "cell D2" in found[0], found
        with open_pack(demo / "demand.sqlite") as pack:
            assert validate(pack) == []


def test_excel_escapes_are_decoded_and_hidden_characters_removed(demo) -> None:
    processes_with(demo, "escapes.xlsx", {
        "name": '<c r="REF" t="inlineStr"><is><t>Magnet_x001B_[31m programs _x0041_ '
                "_x005F_x0041_</t></is></c>"})
    build_pack(region_for(demo, "escapes.xlsx"), demo / "escapes.sqlite")
    conn = sqlite3.connect(demo / "escapes.sqlite")
    names = [r[0] for r in conn.execute("SELECT name FROM processes")]
    assert "Magnet[31m programs A _x0041_" in names
    assert not any("_x001B_" in n or "\x1b" in n for n in names)


def test_max_choices_in_a_csv_is_one_sentence_too(demo) -> None:
    text = (demo / "processes.csv").read_text(encoding="utf-8")
    for value, words in (("²", "is not a whole number"), ("9" * 30, "is too large")):
        (demo / "processes-bad.csv").write_text(text.replace(",3,3,yes", f",{value},3,yes"),
                                                encoding="utf-8")
        region = (demo / "region.toml").read_text(encoding="utf-8").replace(
            '"processes.csv"', '"processes-bad.csv"')
        (demo / "csv.toml").write_text(region, encoding="utf-8")
        report = build_pack(demo / "csv.toml", demo / "csv.sqlite")
        found = [str(p) for p in report.problems if "processes-bad.csv" in str(p)]
        assert found and all(words in f and "column max_choices" in f for f in found), found

"""A household's take-home list (issue 14): one PDF with a section per child and every date once,
one calendar without doubled events, a spreadsheet with a child column, on the demo household."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from demo import DEMO_HOUSEHOLD, ONE_CHILD, TODAY
from icalendar import Calendar
from pypdf import PdfReader

from navigator.cli import main
from navigator.exports import render
from navigator.exports.household import render_household
from navigator.household import open_household

NAMU = "Namu Community Charter School"


@pytest.fixture(scope="module")
def household(pack):
    return open_household(DEMO_HOUSEHOLD, pack)


@pytest.fixture(scope="module")
def pdf_text(pack, household) -> str:
    data = render_household(pack, household, "pdf", "en", TODAY)
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_household_pdf_has_a_section_per_child_then_every_date_once(pdf_text: str) -> None:
    text = " ".join(pdf_text.split())
    assert text.startswith("Our household's school list")
    luis, ana = text.index("Luis Grade next school year: kindergarten"), \
        text.index("Ana Grade next school year: grade 6")
    dates = text.index("Every date, once")
    assert luis < ana < dates < text.index("Across your children")
    # Namu's last day to apply concerns both children: said once, with both names.
    shared = text[dates:]
    assert shared.count(f"Last day to apply · {NAMU}") == 1
    after = shared[shared.index(f"Last day to apply · {NAMU}"):]
    assert after.split("For ", 1)[1].startswith(f"Luis and Ana: {NAMU}")
    # Puente is on Luis's list only.
    puente = shared[shared.index("Last day to apply · Puente"):]
    assert puente.split("For ", 1)[1].startswith("Luis: Puente")
    # Sibling priority, from Namu's recorded priorities, and one application per household.
    assert "If Luis gets a place at Namu Community Charter School, Ana gets priority there" in text
    assert "takes one application per household: apply once and list Luis and Ana on it" in text


def test_the_household_calendar_has_each_date_once_naming_the_children(pack, household) -> None:
    calendar = Calendar.from_ical(render_household(pack, household, "ics", "en", TODAY))
    events = list(calendar.walk("VEVENT"))
    uids = [str(e["uid"]) for e in events]
    assert len(uids) == len(set(uids)) and len(events) > 4
    per_child = set()
    for child in household.children:
        single = household.child_list(child)
        per_child |= {str(e["uid"]) for e in Calendar.from_ical(
            render(pack, single, "ics", "en", TODAY)).walk("VEVENT")}
    assert set(uids) == per_child  # every child's dates, none lost, none doubled
    shared = [e for e in events if "For: Luis and Ana" in str(e["description"])]
    assert shared and all(NAMU in str(e["description"]) or "Las Flores" in str(e["description"])
                          for e in shared)


def test_the_household_spreadsheet_has_a_child_column(pack, household) -> None:
    data = render_household(pack, household, "csv", "en", TODAY).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data)))
    assert rows[0][:3] == ["Child", "Rank", "School"]
    assert [(r[0], r[1]) for r in rows[1:]] == [
        ("Luis", "1"), ("Luis", "2"), ("Luis", "3"), ("Ana", "1"), ("Ana", "2")]


def test_export_takes_a_household_file_and_a_one_child_file(tmp_path: Path, capsys) -> None:
    out = tmp_path / "family.html"
    assert main(["export", "--list", str(DEMO_HOUSEHOLD), "--format", "html", "--lang", "ko",
                 "--today", "2026-11-23", "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.count('class="figures"') == 2  # a map and a list code per child
    one = tmp_path / "one.csv"
    assert main(["export", "--list", str(ONE_CHILD), "--format", "csv", "--today",
                 "2026-11-23", "--out", str(one)]) == 0
    assert one.read_text(encoding="utf-8-sig").startswith("Orden,Escuela")  # as it always was (Spanish list)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["children"].extend({"number": n, "label": f"C{n}", "grade": 1}
                                    for n in range(3, 8)), "has 7 children"),
    (lambda d: d["children"][1]["schools"].append({"rank": 9, "id": "99999999999999"}),
     "Ana's list names school 99999999999999, which this pack does not have"),
])
def test_a_bad_household_export_is_one_sentence_and_nothing_written(
        tmp_path: Path, capsys, change, message: str) -> None:
    data = json.loads(DEMO_HOUSEHOLD.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = sorted(tmp_path.iterdir())
    code = main(["export", "--list", str(path), "--format", "pdf", "--out",
                 str(tmp_path / "out.pdf")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and message in err
    assert sorted(tmp_path.iterdir()) == before


def test_navigator_export_prints_each_childs_trips_under_their_name(tmp_path, capsys) -> None:
    """Two children with trip settings of their own: the trips printed after the export name
    the child they are for, in the family's language."""
    from navigator.cli import main

    data = json.loads(DEMO_HOUSEHOLD.read_text(encoding="utf-8"))
    data["children"][0]["filters"] = {"transit_minutes": 45, "arrive_by": "07:45",
                                      "on_date": "2026-11-24"}
    data["children"][1]["filters"] = {"order": "trip", "on_date": "2026-11-24"}
    path = tmp_path / "trips.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code = main(["export", "--list", str(path), "--format", "csv", "--lang", "es",
                 "--out", str(tmp_path / "out.csv"), "--today", "2026-11-23"])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0 and lines[0].startswith("Wrote ")
    luis, ana = lines.index("Luis (kínder)"), lines.index("Ana (6.º grado)")
    assert luis < ana
    assert lines[luis + 1].startswith("Llegando a las 7:45")
    assert any("11 min en autobús" in line for line in lines[luis:ana])
    assert any("22 min en autobús y tren · 1 transbordo" in line for line in lines[ana:])

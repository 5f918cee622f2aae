"""Each listed school's trip by bus or train in every export (CSV, PDF, web page, the QR text) and
in `navigator export`, from the trip settings the list file keeps; a list that never asked for
trips prints none, and a list file from before trips still opens.  Demo pack, real files."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from pathlib import Path

from demo import ARROYO as ARROYO_MIDDLE
from demo import LAS_FLORES, PUENTE, TODAY
from pypdf import PdfReader

from navigator.cli.export import main
from navigator.exports import render
from navigator.exports.document import build_document
from navigator.shortlist import FamilyList, ListedSchool, load_list, save_list

HOME = {"latitude": 34.086, "longitude": -118.132, "kind": "zip", "label": "00104",
        "matched": "ZIP 00104", "exact": True}


def family(**filters) -> FamilyList:
    return FamilyList(region="demo-valle-verde", home=HOME, grade=6, language="en",
                      schools=[ListedSchool(ARROYO_MIDDLE), ListedSchool(PUENTE), ListedSchool(LAS_FLORES)],
                      filters={"transit_minutes": 45.0, **filters})


def text_of_pdf(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).replace("\u202f", " ")


def test_csv_has_the_trip_columns_and_the_timetable_date(pack):
    rows = list(csv.DictReader(io.StringIO(render(pack, family(on_date="2026-11-24"), "csv", "en", TODAY)
                                           .decode("utf-8-sig"))))
    arroyo = rows[0]
    assert arroyo["By bus or train"].startswith(f"{arroyo['Trip minutes']} min by bus and train · 1 change: "
                                                "leave 7:")
    assert arroyo["Changes"] == "1" and arroyo["Timetable of"] == "2026-11-24"
    assert arroyo["Arrive"] <= "07:50"  # by its bell time (schedule.csv)
    assert int(arroyo["Trip minutes"]) == (int(arroyo["Arrive"][:2]) * 60 + int(arroyo["Arrive"][3:])) - (
        int(arroyo["Leave home"][:2]) * 60 + int(arroyo["Leave home"][3:]))
    # Thanksgiving: no buses; never zero, the reason in words, the numbers empty.
    rows = list(csv.DictReader(io.StringIO(render(pack, family(on_date="2026-11-26"), "csv", "en", TODAY)
                                           .decode("utf-8-sig"))))
    assert rows[0]["By bus or train"] == "no trip by bus or train within 45 min"
    assert rows[0]["Trip minutes"] == rows[0]["Timetable of"] == ""


def test_pdf_and_web_page_carry_the_trip_steps_and_another_days_timetable(pack):
    listed = family(on_date="2027-10-12", arrive_by="07:45")  # after the feed ends
    text = text_of_pdf(render(pack, listed, "pdf", "en", TODAY))
    assert "Arriving by 7:45 AM on Tue, Oct 12, 2027" in text
    assert re.search(r"min by bus and train · 1 change: leave 7:\d\d AM, arrive 7:\d\d AM \(timetable "
                     r"of Tue, (Nov|Dec) \d+, 2026\)", text.replace("\n", " "))
    assert "Leave home 7:" in text and "Valle Verde Transit bus 10 toward" in text
    # Bus 22 from Calle Luna & Oak St: a stop the feed times only approximately (timepoint 0).
    assert re.search(r"no changes: leave about 7:\d\d AM, arrive 7:\d\d AM", text.replace("\n", " "))
    assert "Leave home about 7:" in text
    html = render(pack, listed, "html", "es", TODAY).decode("utf-8")
    assert "Salga de casa a las 7:" in html and "horario del mar" in html
    assert "Salga de casa hacia las 7:" in html and "salida hacia las 7:" in html
    korean = build_document(pack, listed, "ko", TODAY)
    words = [b.text for g in korean.groups if g.key.startswith("trip:") for b in g.blocks]
    assert any("10번 버스" in w for w in words)
    # A counsellor's side-by-side print: the same groups in both languages.
    assert [g.key for g in build_document(pack, listed, "en", TODAY).groups] == [g.key for g in korean.groups]


def test_the_qr_text_has_each_schools_trip(pack):
    doc = build_document(pack, family(on_date="2026-11-24"), "es", TODAY)
    lines = doc.qr_text.splitlines()
    assert any(re.match(r"\d+ min en autobús y tren · 1 transbordo: salida 7:", line) for line in lines)
    assert "9 min a pie" in doc.qr_text  # Las Flores, a walk away


def test_a_list_without_trips_prints_none_and_an_old_file_opens(pack, tmp_path: Path):
    plain = replace(family(), filters={})
    doc = build_document(pack, plain, "en", TODAY)
    assert not [g for g in doc.groups if g.key.startswith("trip")]
    assert doc.schools[0].row["trip"] == "" and "min by" not in doc.qr_text
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"format": "navigator-list", "version": 1, "region": "demo-valle-verde",
                               "family": {"home": HOME, "grade": 6, "filters": {"one_seat": True}},
                               "schools": [{"rank": 1, "id": PUENTE}]}), encoding="utf-8")
    assert load_list(old).filters == {"one_seat": True}


def test_the_list_file_keeps_the_trip_settings_and_export_prints_the_trips(pack, tmp_path: Path, capsys):
    path = tmp_path / "list.json"
    save_list(path, family(arrive_by="07:30", on_date="2026-11-24"))
    read = load_list(path)
    assert {k: read.filters[k] for k in ("transit_minutes", "arrive_by", "on_date")} == {
        "transit_minutes": 45.0, "arrive_by": "07:30", "on_date": "2026-11-24"}
    bad = json.loads(path.read_text(encoding="utf-8"))
    bad["family"]["filters"]["arrive_by"] = "25:00"
    (tmp_path / "bad.json").write_text(json.dumps(bad), encoding="utf-8")
    assert main(["--list", str(tmp_path / "bad.json"), "--format", "csv", "--out",
                 str(tmp_path / "x.csv")]) == 2
    assert "arrive_by should be a time of day" in capsys.readouterr().err
    assert main(["--list", str(path), "--format", "csv", "--out", str(tmp_path / "list.csv"),
                 "--today", "2026-11-23", "--lang", "ko"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "2026년 11월 24일 (화) 오전 7:30까지 도착"
    assert out[2].startswith("  1. Arroyo Middle School: 버스와 전철로 ") and "환승 1회" in out[2]


def test_the_callers_search_engine_plans_every_trip_and_says_the_same(pack):
    """The app's worker keeps one search engine (its index and timetable read once) and hands it
    to every export and QR code; what they say is what an engine of their own would say."""
    from navigator.exports.household import render_household
    from navigator.household.model import Household
    from navigator.search.engine import SearchEngine

    listed = family(on_date="2026-11-24")
    engine = SearchEngine(pack)
    kept = render(pack, listed, "csv", "en", TODAY, engine=engine)
    assert engine._planner is not None  # its timetable was read: the trips were this engine's
    assert kept == render(pack, listed, "csv", "en", TODAY)
    assert "min by bus and train" in kept.decode("utf-8-sig")
    household = Household(region=listed.region, home=HOME)
    luis = household.child(1)
    luis.grade, luis.filters, luis.schools = 6, listed.filters, listed.schools
    ana = household.add_child("Ana", 6)
    ana.filters, ana.schools = listed.filters, listed.schools[1:]
    engine = SearchEngine(pack)
    kept = render_household(pack, household, "html", "en", TODAY, engine=engine)
    assert engine._planner is not None
    assert kept == render_household(pack, household, "html", "en", TODAY)
    assert kept.decode("utf-8").count("11 min by bus · no changes") == 4  # Puente, in both sections

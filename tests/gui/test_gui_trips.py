"""Trips by bus and train in the app: What matters, the result cards, the profile's steps and the
trip drawn on the map, through the real window, demo pack (its buses and Verde Line) and map page.

"Today" is Monday 2026-11-23 (conftest): the next school day is that day, inside the demo feed.
"""

from __future__ import annotations

import json
import os
from datetime import date, time

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from cde_format import cde_row, write_cde  # noqa: E402
from demo import ARROYO as ARROYO_MIDDLE  # noqa: E402
from demo import SYCAMORE
from PySide6.QtWidgets import QLabel  # noqa: E402

from navigator.catalogue.build.builder import build_pack  # noqa: E402
from navigator.catalogue.pack import open_pack  # noqa: E402
from navigator.gui.selftest import wait_until  # noqa: E402
from navigator.gui.state import FamilyState  # noqa: E402
from navigator.search.location import home_from_point  # noqa: E402


def js(window, expression: str):
    box: list = []
    window.map_view.evaluate(f"JSON.stringify({expression}) || 'null'", box.append)
    assert wait_until(lambda: bool(box)), f"no answer from the map for {expression!r}"
    return json.loads(box[0])


def search(qtbot, state: FamilyState, action) -> None:
    with qtbot.waitSignal(state.results_ready, timeout=20000):
        action()


def row_of(window, school_id: str):
    model = window.pages["results"].model
    return model.texts(model.row_of(school_id))


@pytest.fixture
def family(rosa, qtbot):
    """Rosa's family (ZIP 00104) with a child entering grade 6, asking for a trip of at most 45
    minutes."""
    search(qtbot, rosa.state, lambda: rosa.state.set_grade(6))
    rosa.go("needs")
    page = rosa.pages["needs"]
    button = next(b for b, m in page.trip_choice.buttons if m == 45)
    search(qtbot, rosa.state, button.click)
    return rosa


def test_the_option_changes_results_and_shows_as_a_chip(family, qtbot):
    state, page = family.state, family.pages["needs"]
    assert page.trip_choice.isVisible() and page.trip_choice.holder.isVisible()
    assert state.filters.transit_minutes == 45.0
    chips = [b.text() for b in page.chip_buttons]
    assert "By bus or train within 45 min  ✕" in chips
    with_trip = state.results.count
    narrow = next(b for b, m in page.trip_choice.buttons if m == 20)
    search(qtbot, state, narrow.click)
    assert state.results.count < with_trip  # Arroyo Middle (22 min with its change) is out...
    shown = {r.id: r for r in state.results.results}
    assert ARROYO_MIDDLE not in shown or "trip" in shown[ARROYO_MIDDLE].unmet
    # ... and the chip takes the option away.
    chip = next(b for b in page.chip_buttons if b.text().startswith("By bus or train"))
    search(qtbot, state, chip.click)
    assert state.filters.transit_minutes is None


def test_a_card_says_the_trip_beside_the_distance_in_three_languages(family, qtbot):
    state = family.state
    family.go("results")
    trip = next(r.trip for r in state.results.results if r.id == ARROYO_MIDDLE)
    assert trip["transfers"] == 1
    assert row_of(family, ARROYO_MIDDLE).trip == ("", f"{trip['minutes']} min by bus and train · 1 change")
    sycamore = next(r.trip for r in state.results.results if r.id == SYCAMORE)
    assert row_of(family, SYCAMORE).trip == ("", f"{sycamore['minutes']} min by bus · no changes")
    state.set_language("es")
    assert row_of(family, ARROYO_MIDDLE).trip[1] == f"{trip['minutes']} min en autobús y tren · 1 transbordo"
    state.set_language("ko")
    assert row_of(family, ARROYO_MIDDLE).trip[1] == f"버스와 전철로 {trip['minutes']}분 · 환승 1회"
    note = family.pages["results"].trip_note.text()
    assert "2026" in note and note.strip()


def test_quickest_trip_sort_puts_schools_without_a_trip_last(rosa, qtbot):
    page, state = rosa.pages["results"], rosa.state
    rosa.go("results")
    box = page.sort_box
    search(qtbot, state, lambda: box.setCurrentIndex(box.findData("trip")))
    assert state.filters.order == "trip" and state.filters.transit_minutes is None
    model = page.model
    rows = [model.entry(i).result for i in range(model.rowCount()) if model.entry(i).result
            and not model.entry(i).result.zoned]
    minutes = [r.trip["minutes"] for r in rows if r.trip]
    assert minutes == sorted(minutes) and minutes
    first_none = next(i for i, r in enumerate(rows) if r.trip is None)
    assert all(r.trip is None for r in rows[first_none:])  # none found: at the end, never as zero
    none_row = row_of(rosa, next(r.id for r in rows[first_none:] if not r.virtual)).trip
    # The demo timetable covers every stop: no trip is "not met", in the exports' words.
    assert none_row == ("unmet", "no trip by bus or train arrives in time")
    assert "schools without a trip time are at the end" in page.trip_note.text()


def test_another_arrival_time_changes_every_trip(family, qtbot):
    state, page = family.state, family.pages["needs"]
    before = {r.id: r.trip["arrive"] for r in state.results.results if r.trip}
    box = page.trip_choice.arrive_box
    index = box.findData("07:00")

    def choose():
        box.setCurrentIndex(index)
        box.activated.emit(index)

    search(qtbot, state, choose)
    assert state.filters.arrive_by == time(7, 0)
    after = {r.id: r.trip["arrive"] for r in state.results.results if r.trip}
    assert all(arrive <= "07:00" for arrive in after.values())
    assert any(before.get(school) != arrive for school, arrive in after.items())
    # Another day: Thanksgiving has no buses; grade 6 has no school within a walk: no trip at all.
    day_box = page.trip_choice.day_box
    thursday = day_box.findData("2026-11-26")

    def other_day():
        day_box.setCurrentIndex(thursday)
        day_box.activated.emit(thursday)

    search(qtbot, state, other_day)
    assert state.filters.on_date == date(2026, 11, 26)
    assert [r.trip for r in state.results.results] == [None] * len(state.results.results)
    arroyo = next(r for r in state.results.results if r.id == ARROYO_MIDDLE)  # zoned: still shown
    assert "trip" in arroyo.unmet


def test_profile_steps_and_the_map_draws_the_trip(family, qtbot):
    state = family.state
    state.select(ARROYO_MIDDLE)
    family.show_profile(ARROYO_MIDDLE)
    profile = family.pages["profile"]
    texts = [label.text() for label in profile.findChildren(QLabel) if label.objectName().startswith("trip_")]
    assert texts[0].endswith("min by bus and train · 1 change")
    assert texts[1].startswith("• Leave home 7:")
    assert any("Valle Verde Transit bus 10 toward" in t for t in texts)
    assert any("change at" in t or "walk" in t for t in texts)
    assert texts[-2].startswith("• arrive 7:") or texts[-1].startswith("Arriving by")
    assert profile.map_holder.isVisible()
    assert wait_until(lambda: js(family, "window.navigatorMap.tripLegs()") == [
        "walk", "ride", "walk", "ride", "walk"])
    legend = js(family, "Array.from(document.querySelectorAll('.nv-legend-row')).map(r => r.dataset.key)")
    assert "trip_walk" in legend and "trip_ride" in legend
    state.set_language("es")
    texts = [label.text() for label in profile.findChildren(QLabel) if label.objectName().startswith("trip_")]
    assert texts[1].startswith("• Salga de casa a las 7:")
    state.set_language("ko")
    texts = [label.text() for label in profile.findChildren(QLabel) if label.objectName().startswith("trip_")]
    assert texts[1].startswith("• 오전 7:") and any("10번 버스" in t for t in texts)


def test_a_date_outside_the_timetable_says_which_day_it_used(family, qtbot):
    state = family.state
    search(qtbot, state, lambda: state.update_filters(on_date=date(2027, 10, 12)))
    state.select(ARROYO_MIDDLE)
    family.show_profile(ARROYO_MIDDLE)
    texts = [label.text() for label in family.pages["profile"].findChildren(QLabel)
             if label.objectName() == "trip_caveat"]
    assert texts and "timetable of Tue, Oct 12, 2027" not in texts[0] and "timetable of Tue," in texts[0]


def test_start_over_clears_the_trip_and_its_drawing(family, qtbot):
    state = family.state
    state.select(ARROYO_MIDDLE)
    family.show_profile(ARROYO_MIDDLE)
    assert wait_until(lambda: len(js(family, "window.navigatorMap.tripLegs()")) == 5)
    state.start_over()
    assert state.filters.transit_minutes is None and state.filters.arrive_by is None
    assert family.pages["needs"].trip_choice.group.checkedId() in (-1, 0)
    assert wait_until(lambda: js(family, "window.navigatorMap.tripLegs()") == [])


def test_a_saved_session_keeps_the_trip_settings(family, qtbot):
    state = family.state
    search(qtbot, state, lambda: state.update_filters(arrive_by=time(7, 30), on_date=date(2026, 11, 24)))
    saved = state.to_family_list()
    assert saved.filters["arrive_by"] == "07:30" and saved.filters["on_date"] == "2026-11-24"
    assert saved.filters["transit_minutes"] == 45.0
    state.start_over()
    search(qtbot, state, lambda: state.load_family_list(saved))
    assert (state.filters.arrive_by, state.filters.on_date, state.filters.transit_minutes) == (
        time(7, 30), date(2026, 11, 24), 45.0)


def test_the_longer_walk_to_a_stop_is_a_chip_kept_by_a_session_and_cleared(family, qtbot):
    """Schools' "Walk up to 15 min to a stop or station" changes the search: a chip by the count
    says so and takes it away, a saved session keeps it, Clear my choices and Start over end it."""
    state, page = family.state, family.pages["needs"]
    assert not page.referral_row.isHidden()  # the demo pack has two referral schools
    search(qtbot, state, lambda: state.update_filters(trip_walk_min=15.0))
    chips = [b.text() for b in page.chip_buttons]
    assert "Walk up to 15 min to a stop or station  ✕" in chips
    state.set_language("ko")
    assert "정류장이나 역까지 최대 15분 걷기  ✕" in [b.text() for b in page.chip_buttons]
    state.set_language("en")
    chip = next(b for b in page.chip_buttons if b.text().startswith("Walk up to 15"))
    search(qtbot, state, chip.click)
    assert state.filters.trip_walk_min == 10.0
    assert not [b for b in page.chip_buttons if b.text().startswith("Walk up to")]
    search(qtbot, state, lambda: state.update_filters(trip_walk_min=20.0))
    saved = state.to_family_list()
    assert saved.filters["trip_walk_min"] == 20.0
    search(qtbot, state, page.clear.click)
    assert state.filters.trip_walk_min == 10.0 and not page.chip_buttons
    search(qtbot, state, lambda: state.load_family_list(saved))
    assert state.filters.trip_walk_min == 20.0
    assert "Walk up to 20 min to a stop or station  ✕" in [b.text() for b in page.chip_buttons]
    state.start_over()
    assert state.filters.trip_walk_min == 10.0 and not page.chip_buttons


def test_a_stops_only_pack_offers_no_time_and_says_why(qapp, qtbot, tmp_path):
    write_cde(tmp_path / "schools.txt", [cde_row("19000000000009", "Bus Stop School", 34.05, -118.25)])
    (tmp_path / "stops.txt").write_text(
        "stop_id,stop_name,stop_lat,stop_lon\n1,First & Main,34.0502,-118.2502\n"
        "2,Second & Main,34.0601,-118.2601\n", encoding="utf-8")
    (tmp_path / "region.toml").write_text(
        '[region]\nid = "stops-test"\nname = "Stops test"\n'
        '[[schools]]\nformat = "cde"\npath = "schools.txt"\n'
        '[[transit]]\nformat = "stops"\nmode = "bus"\npath = "stops.txt"\npublisher = "Test"\n',
        encoding="utf-8")
    build_pack(tmp_path / "region.toml", tmp_path / "pack.sqlite")
    from navigator.gui.school_list_model import SchoolListModel

    state = FamilyState(open_pack(tmp_path / "pack.sqlite"))
    from navigator.gui.trip_view import TripChoice

    choice = TripChoice(state)
    choice.retranslate()
    assert choice.offer == "stops" and not choice.holder.isVisibleTo(choice)
    assert not choice.isVisible()  # a card for a page, never a window of its own
    assert "no timetable" in choice.note.text()
    from navigator.gui.pages.needs import NeedsPage

    needs = NeedsPage(state, None)  # no referral school in this pack: the offer is not made
    needs.retranslate()
    assert needs.referral_row.isHidden() and not needs.open_row.isHidden()
    needs.deleteLater()
    model = SchoolListModel(state)
    state.home = home_from_point(34.0601, -118.2601)
    search(qtbot, state, lambda: state.update_filters(transit_minutes=30.0))
    model.set_result(state.results)
    row = model.texts(model.row_of("19000000000009"))
    assert row.trip == ("unknown", "trip time unknown: no timetable for the buses here")
    state.operations.wait()
    choice.deleteLater()


def test_profile_map_zooms_to_the_trip(family, qtbot):
    family.state.select(ARROYO_MIDDLE)
    family.go("results")
    family.map_view.set_view(34.0, -118.0, 17)  # far from the trip
    assert js(family, "window.navigatorMap.tripInView()") is False
    family.show_profile(ARROYO_MIDDLE)
    assert wait_until(lambda: js(family, "window.navigatorMap.tripInView()") is True, 5)

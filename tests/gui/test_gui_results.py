"""The results list and the school profile, driven through the real window, demo pack and map page.

One window is shared by the module (starting the map's Chromium is the slow part); each test starts
the family over first.  The hostile-name test builds its own small pack.
"""

from __future__ import annotations

import json
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from cde_format import cde_row, write_cde  # noqa: E402
from demo import CUMBRE, JACARANDA, LAS_FLORES, PENA, PUENTE  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QLabel  # noqa: E402

from navigator.catalogue.build.builder import build_pack  # noqa: E402
from navigator.catalogue.pack import open_pack  # noqa: E402
from navigator.gui.main_window import MainWindow  # noqa: E402
from navigator.gui.selftest import wait_until  # noqa: E402
from navigator.gui.state import FamilyState  # noqa: E402
from navigator.i18n import format_school_count  # noqa: E402
from navigator.search.location import home_from_point  # noqa: E402

HOSTILE = "<img src=x onerror=alert(1)>"




def js(window: MainWindow, expression: str):
    """A JavaScript value from the map page, after every call queued before it has run."""
    box: list = []
    window.map_view.evaluate(f"JSON.stringify({expression}) || 'null'", box.append)
    assert wait_until(lambda: bool(box)), f"no answer from the map for {expression!r}"
    return json.loads(box[0])


def search(qtbot, state: FamilyState, action) -> None:
    with qtbot.waitSignal(state.results_ready, timeout=10000):
        action()


def labels(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]


@pytest.fixture
def family(rosa):
    """Rosa: ZIP 00104, kindergarten, on the results page."""
    rosa.go("results")
    return rosa


def test_an_address_home_gets_the_plain_promise(family, qtbot):
    from navigator.search.location import home_from_address

    state = family.state
    with qtbot.waitSignal(state.results_ready, timeout=10000):
        state.set_home(home_from_address(state.pack, "1421 Calle Luna"))
    _title, explanation = family.pages["results"].model.header_texts("zoned")
    assert explanation == "Your child has a place here. You can still apply to other schools."


def test_zoned_school_first_with_its_explanation_and_count(family, qtbot):
    page = family.pages["results"]
    model = page.model
    assert model.entry(0).kind == "header"
    title, explanation = model.header_texts("zoned")
    home = family.state.home  # a ZIP's centre, not Rosa's door: no promise, a condition
    assert home.matched == "ZIP 00104, Las Flores"
    assert title == "Your zoned school" and explanation == (
        "The zoned school for ZIP code 00104, Las Flores. If your home is in its zone, your child has "
        "a place here.")
    assert model.id_at(1) == LAS_FLORES
    assert model.texts(1).zoned == "Zoned school"
    result = family.state.results
    assert page.count_label.text() == format_school_count(result.count)
    # Every school of the answer is listed once; the sort never offers sector.
    assert model.school_count() == len(result.results)
    assert [page.sort_box.itemData(i) for i in range(page.sort_box.count())] == \
        ["distance", "walk", "name", "trip", "indicator"]  # a result only when asked (see
    # test_indicator_sort); the quickest trip because the demo pack has a timetable (test_gui_trips)
    # The map has the same schools but the online one (its address is an office, not a campus);
    # the zoned one is drawn as zoned.
    online = [r.id for r in result.results if r.virtual]
    assert online == ["99109990129094"]  # Skyline Virtual Academy, K-12, listed
    assert wait_until(lambda: js(family, "navigatorMap.schoolCount()") == model.school_count() - 1)
    assert js(family, "navigatorMap.markerFor('99109990129094')") is None
    assert js(family, f"navigatorMap.markerFor('{LAS_FLORES}').nvProps.state") == "zoned"


def test_rows_say_matched_unmet_and_unknown_in_plain_words(family, qtbot):
    state = family.state
    search(qtbot, state, lambda: state.update_filters(programs=("dual_language:es",), el=("eld",)))
    model = family.pages["results"].model
    las_flores = model.texts(model.row_of(LAS_FLORES))
    assert ("matched", "Teaches kindergarten") in las_flores.criteria
    assert ("unmet", "Not offered: Dual-language immersion (Spanish)") in las_flores.criteria
    puente = model.texts(model.row_of(PUENTE))
    assert ("matched", "Dual-language immersion (Spanish)") in puente.criteria
    assert puente.facts == "Grades K–5 · Charter school (independent)"
    assert puente.distance.endswith("min walk") and " mi · " in puente.distance


def test_district_and_charter_rows_have_the_same_fields_and_look(family, qtbot):
    state = family.state
    search(qtbot, state, lambda: state.update_filters(programs=("dual_language:es",)))
    page = family.pages["results"]
    model, view = page.model, page.list_view
    district, charter = model.row_of(PENA), model.row_of(PUENTE)
    assert model.texts(district).fields()[0] == ("name", "Escuela Peña Elementary")
    keys = [[key for key, _text in model.texts(row).fields()] for row in (district, charter)]
    assert keys[0] == keys[1]
    width, font = view.viewport().width(), view.font()
    # The same pieces in the same order (a " · " between two pieces shows only when they share a
    # line, which depends on the words' length, not on the sector).
    styles = [[style for _rect, text, style in view.delegate.layout_for(model.index(row), width, font).items
               if text != " · "] for row in (district, charter)]
    assert styles[0] == styles[1]
    pills = [sorted(view.delegate.layout_for(model.index(row), width, font).pills)
             for row in (district, charter)]
    assert pills[0] == pills[1] == ["add", "details", "read"]


def test_selecting_a_row_highlights_its_marker_and_a_marker_click_selects_the_row(family, qtbot):
    page = family.pages["results"]
    view = page.list_view
    view.setFocus()
    view.setCurrentIndex(page.model.index(page.model.row_of(PUENTE)))
    assert family.state.selected == PUENTE
    assert wait_until(lambda: js(family, "navigatorMap.highlighted()") == PUENTE)
    # Hovering a marker tints its row; clicking it selects the row.
    js(family, f"(navigatorMap.markerFor('{PENA}').fire('mouseover'), 1)")
    assert wait_until(lambda: page.model.hovered == PENA)
    js(family, f"(navigatorMap.markerFor('{PENA}').fire('click'), 1)")
    assert wait_until(lambda: view.current_id() == PENA)
    assert family.state.selected == PENA
    # Keyboard: Space adds the current school to the list, Enter opens its details.
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert family.state.in_shortlist(PENA)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert family.current() == "profile"
    assert family.pages["profile"].profile.id == PENA


def test_add_button_in_a_row_toggles_the_list(family, qtbot):
    page = family.pages["results"]
    view, model = page.list_view, page.model
    index = model.index(model.row_of(PUENTE))
    view.scrollTo(index)
    qtbot.wait(50)
    layout = view.delegate.layout_for(index, view.viewport().width(), view.font())
    rect = view.visualRect(index)
    point = layout.pills["add"].translated(rect.topLeft()).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert family.state.in_shortlist(PUENTE)
    assert view.delegate._pill_texts(PUENTE)["add"] == "✓ On my list"
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert not family.state.in_shortlist(PUENTE)


def test_profile_says_unknown_where_the_pack_has_no_data_and_names_every_source(family):
    family.show_profile(JACARANDA)
    page = family.pages["profile"]
    texts = labels(page.scroll.widget())
    assert page.school_name.text() == "Jacaranda Elementary"
    assert page.profile.reported["el"] == "unknown"
    assert "Unknown: not reported. Ask the school." in texts
    sources = [t for t in texts if t.startswith("Source:")]
    assert sources and all(", as of " in t for t in sources)
    assert any("as of November 1, 2026" in t for t in sources)
    assert "Services for English learners" in texts
    # Same sections, same order, for a charter school.
    headings = [w.text() for w in page.scroll.widget().findChildren(QLabel)
                if w.property("role") == "subheading"]
    family.show_profile(PUENTE)
    charter = [w.text() for w in page.scroll.widget().findChildren(QLabel)
               if w.property("role") == "subheading"]
    assert headings == charter


def test_profile_in_korean_shows_the_packs_korean_texts_and_korean_dates(family):
    family.state.set_language("ko")
    family.show_profile(PENA)
    texts = labels(family.pages["profile"].scroll.widget())
    assert "Valle Verde Choices: 이중언어 프로그램" in texts
    assert any("2026년 12월 4일" in t for t in texts)
    assert any(t.startswith("closes") for t in texts) is False
    # The deadline already passed for nothing here; the countdown is in Korean.
    assert not any("days" in t for t in texts)


def test_profile_deadlines_count_down_and_past_ones_are_marked(family):
    family.show_profile(CUMBRE)  # the lottery application closed 2026-11-14
    body = family.pages["profile"].scroll.widget()
    past = [w.text() for w in body.findChildren(QLabel) if w.property("past")]
    assert "closed 9 days ago" in past
    assert any("November 14, 2026" in t for t in past)
    assert "in 9 days" in labels(body)  # the lottery, 2026-12-02


def test_second_language_beneath_headings(family):
    family.state.second_language = "ko"
    try:
        family.show_profile(PUENTE)
        body = family.pages["profile"].scroll.widget()
        beneath = [w.text() for w in body.findChildren(QLabel) if w.objectName() == "secondLanguage"]
        assert beneath and any(any("\uac00" <= ch <= "\ud7a3" for ch in t) for t in beneath)
    finally:
        family.state.second_language = None


def test_language_switch_retranslates_the_list_and_keeps_the_selection(family, qtbot):
    page = family.pages["results"]
    page.list_view.setCurrentIndex(page.model.index(page.model.row_of(PUENTE)))
    family.state.set_language("es")
    assert page.model.texts(page.model.row_of(PUENTE)).facts.startswith("Grados")
    assert page.list_view.current_id() == PUENTE
    family.state.set_language("ko")
    assert page.sort_label.text() != "Sort by:"


# --- a hostile pack -------------------------------------------------------------------------------


@pytest.fixture
def hostile_window(qapp, tmp_path):
    lat, lon = 34.08, -118.12
    write_cde(tmp_path / "pubschls.txt", [
        cde_row("99999990000001", HOSTILE, lat, lon, Zip="00101"),
        cde_row("99999990000002", "Plain Elementary", lat + 0.04, lon + 0.05, Charter="Y",
                FundingType="Directly funded"),
    ])
    (tmp_path / "region.toml").write_text(
        '[region]\nid = "hostile"\nname = "Hostile"\n'
        '[[schools]]\nformat = "cde"\npath = "pubschls.txt"\n', encoding="utf-8")
    build_pack(tmp_path / "region.toml", tmp_path / "hostile.sqlite")
    state = FamilyState(open_pack(tmp_path / "hostile.sqlite"))
    win = MainWindow(state)
    win.resize(1280, 800)
    win.show()
    assert wait_until(lambda: win.map_view.is_ready, 30)
    yield win, home_from_point(lat - 0.005, lon)
    win.close()
    win.deleteLater()


def test_a_hostile_school_name_is_only_ever_text(hostile_window, qtbot):
    window, home = hostile_window
    state = window.state
    state.grade = 0
    search(qtbot, state, lambda: state.set_home(home))
    window.go("results")
    model = window.pages["results"].model
    row = model.row_of("99999990000001")
    assert model.data(model.index(row)) == HOSTILE
    assert model.texts(row).name == HOSTILE
    window.pages["results"].list_view.grab()  # painted as characters
    assert wait_until(lambda: js(window, "navigatorMap.schoolCount()") == 2)
    window.map_view.open_popup("99999990000001")
    assert wait_until(lambda: js(
        window, "(document.querySelector('.leaflet-popup-content .nv-card-name') || {}).textContent")
        == HOSTILE)
    assert js(window, "document.querySelectorAll('.leaflet-popup-content img').length") == 0
    window.show_profile("99999990000001")
    name = window.pages["profile"].findChild(QLabel, "schoolName")
    assert name.text() == HOSTILE and name.textFormat() == Qt.TextFormat.PlainText
    qtbot.wait(200)
    assert window.map_view.page().dialogs == []
    assert js(window, "navigatorMap.errors") == []

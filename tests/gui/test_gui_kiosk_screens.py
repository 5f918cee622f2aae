"""Screens that fit a touch kiosk, on the commonest kiosk screen (1366 x 768): each page opens at
its top with its first field focused; what is chosen is shown where the count is; four schools fit
beside the map; the profile puts how to apply near the top; every scroll area flicks and has a
finger-sized bar; hints say what to tap; a home outside the region is said so; no phrase nests
parentheses.  One window for the module; each test starts the family over.
"""

from __future__ import annotations

import json
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app_window import close_app_window, open_app_window  # noqa: E402
from demo import LAS_FLORES, PUENTE  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QScroller,
    QWidget,
)

from navigator.gui import map_view as _map_view  # noqa: E402,F401  (Chromium flags first)
from navigator.gui.dialogs import PlainDialog  # noqa: E402
from navigator.gui.selftest import wait_until  # noqa: E402

SCREEN = (1366, 768)


@pytest.fixture(scope="module")
def window(qapp):
    win = open_app_window(SCREEN)
    yield win
    close_app_window(win)


@pytest.fixture(autouse=True)
def fresh(window):
    state = window.state
    state.start_over()
    state.set_language("en")
    window.appearance.reset()
    window.resize(*SCREEN)
    window.activateWindow()
    yield
    for dialog in window.findChildren(PlainDialog):
        dialog.reject()
    state.operations.wait()


def wait_results(window, action):
    answers: list = []
    window.state.results_ready.connect(answers.append)
    try:
        action()
        assert wait_until(lambda: bool(answers), 10), "no search result"
    finally:
        window.state.results_ready.disconnect(answers.append)
    return answers[-1]


def find_zip(window, text: str) -> None:
    window.go("home")
    page = window.pages["home"]
    page.zip_field.setText(text)
    page.find_zip()


def rosa(window) -> None:
    """ZIP 00104, kindergarten, Spanish dual language and a one-seat ride: four schools."""
    wait_results(window, lambda: find_zip(window, "00104"))
    wait_results(window, lambda: window.state.set_grade(0))
    wait_results(window, lambda: window.state.update_filters(programs=("dual_language:es",),
                                                             one_seat=True))


def shown_in(scroll: QAbstractScrollArea, widget: QWidget) -> bool:
    """The whole of ``widget`` is inside the scroll area's visible part."""
    top_left = widget.mapTo(scroll.viewport(), QPoint(0, 0))
    return scroll.viewport().rect().contains(widget.rect().translated(top_left))


def settle(seconds: float = 0.15) -> None:
    wait_until(lambda: False, seconds)


# --- every page opens at its top -----------------------------------------------------------------


def test_where_you_live_opens_at_its_top_with_the_zip_box_focused(window):
    wait_results(window, lambda: find_zip(window, "00104"))
    page = window.pages["home"]
    settle()
    # The answer appears beside the form, above the map: the form does not move.
    assert page.scroll.verticalScrollBar().value() == 0
    assert page.card_scroll.isVisible() and page.card_scroll.parentWidget() is page
    assert page.card_scroll.geometry().left() >= page.scroll.geometry().right()
    assert shown_in(page.card_scroll, page.zoned_heading)
    page.scroll.verticalScrollBar().setValue(page.scroll.verticalScrollBar().maximum())
    window.go("child")
    window.back()
    settle()
    assert window.current() == "home"
    assert page.scroll.verticalScrollBar().value() == 0
    assert shown_in(page.scroll, page.heading) and shown_in(page.scroll, page.zip_field)
    assert QApplication.focusWidget() is page.zip_field


def test_what_matters_opens_at_its_top_with_its_first_choice_focused(window):
    window.go("needs")
    page = window.pages["needs"]
    page.scroll.verticalScrollBar().setValue(page.scroll.verticalScrollBar().maximum())
    window.go("child")
    window.go("needs")
    settle()
    assert page.scroll.verticalScrollBar().value() == 0 and shown_in(page.scroll, page.heading)
    assert QApplication.focusWidget() is page.distance_buttons[0][0]


def test_the_profile_opens_at_its_top_with_its_one_action_focused(window):
    rosa(window)
    window.show_profile(PUENTE)
    page = window.pages["profile"]
    page.scroll.verticalScrollBar().setValue(200)
    window.go("results")
    window.show_profile(PUENTE)
    settle()
    assert page.scroll.verticalScrollBar().value() == 0
    assert QApplication.focusWidget() is page.add_button


# --- what matters: what is chosen, where the count is ----------------------------------------------


def test_what_is_chosen_shows_as_chips_beside_the_count_and_a_tap_removes_it(window, qtbot):
    wait_results(window, lambda: find_zip(window, "00104"))
    window.go("needs")
    page = window.pages["needs"]
    wait_results(window, window.state.search)
    assert page.count.text().startswith("Nothing chosen yet: ")
    assert not page.chips_holder.isVisible() and not page.clear.isVisible()
    wait_results(window, lambda: window.state.update_filters(
        programs=("dual_language:es",), sped=("speech",), one_seat=True))
    settle()
    texts = [chip.text() for chip in page.chip_buttons]
    assert texts == ["Dual-language immersion (Spanish)  ✕", "Speech and language services  ✕",
                     "One bus or train from home, no change  ✕"]
    assert page.count.text().endswith("schools match what you chose:")
    # Above the scrolling choices, whatever their scroll position: in view at once.
    page.scroll.verticalScrollBar().setValue(page.scroll.verticalScrollBar().maximum())
    assert page.chips_holder.geometry().bottom() <= page.scroll.geometry().top()
    assert all(chip.height() >= 44 for chip in page.chip_buttons)
    assert page.chip_buttons[1].accessibleName() == "Remove: Speech and language services"
    wait_results(window, lambda: qtbot.mouseClick(page.chip_buttons[1], Qt.MouseButton.LeftButton))
    assert window.state.filters.sped == () and window.state.filters.one_seat
    assert not page.sped_rows["speech"].isChecked()
    assert len(page.chip_buttons) == 2


# --- schools: four compact cards beside the map ----------------------------------------------------
# Each card's three buttons ("+ My list", "Details" and "🔊 Read aloud", the speaker and the word) in
# one row beside its name and facts: four whole cards beside a map at least 320 px wide.


def four_schools(window, lang: str):
    rosa(window)
    for school in (LAS_FLORES, PUENTE):  # the wider "✓ On my list" on some rows
        window.state.add_to_shortlist(school)
    window.state.set_language(lang)
    window.go("results")
    page = window.pages["results"]
    assert wait_until(lambda: page.model.school_count() == 4, 5)
    settle(0.3)
    return page


@pytest.mark.parametrize("lang", ["en", "es", "ko"])
def test_four_schools_fit_beside_the_map(window, lang):
    page = four_schools(window, lang)
    view = page.list_view
    viewport = view.viewport().rect()
    for row in range(page.model.rowCount()):
        rect = view.visualRect(page.model.index(row))
        assert viewport.contains(rect), (lang, row, rect, viewport)
    assert page.map_holder.isVisible()
    assert page.map_holder.geometry().left() > page.list_view.geometry().right()
    assert page.map_holder.width() >= 320
    # The narrower map's two bottom corners: the street map's note and the key, side by side.
    note, key = (map_rect(window, selector) for selector in (".nv-basemap-note", ".nv-legend"))
    assert note["right"] <= key["left"], (lang, note, key)


def map_rect(window, selector: str) -> dict:
    box: list = []
    window.map_view.evaluate(
        f"JSON.stringify(document.querySelector('{selector}').getBoundingClientRect())", box.append)
    assert wait_until(lambda: bool(box)), f"no answer from the map for {selector}"
    return json.loads(box[0])


@pytest.mark.parametrize("lang", ["en", "es", "ko"])
def test_four_schools_fit_with_the_scroll_bar_a_longer_list_has(window, lang):
    """Laid out as wide as the list is beside its scroll bar, the four still fit: a region's
    dozens of schools show that bar (and once shown, Qt keeps it while the rows fill the list)."""
    page = four_schools(window, lang)
    view = page.list_view
    width = view.width() - 2 * view.frameWidth() - view.verticalScrollBar().sizeHint().width()
    layouts = [view.delegate.layout_for(page.model.index(row), width, view.font())
               for row in range(page.model.rowCount())]
    assert sum(layout.height for layout in layouts) <= view.viewport().height(), lang
    for layout in layouts:  # each school's three buttons in one row
        if layout.pills:
            assert len({rect.top() for rect in layout.pills.values()}) == 1, layout.pills


def test_hints_say_what_to_tap_and_keep_the_keys_for_the_keyboard(window):
    rosa(window)
    window.go("results")
    page = window.pages["results"]
    assert page.hint.text() == "Tap a school to see it on the map. Tap “Details” to read all about it."
    assert "Enter" not in page.hint.text() and "Space" not in page.hint.text()
    keys = page.list_view.accessibleDescription()
    assert "Enter opens its details" in keys and "Space adds it" in keys
    assert page.list_view.toolTip() == keys
    for name in ("welcome", "home", "child", "needs", "results", "profile"):
        window.go(name)
        words = " ".join(w.text() for w in window.pages[name].findChildren(QLabel) if w.isVisible())
        assert "Press Enter" not in words and "Space to" not in words, name


# --- the profile -----------------------------------------------------------------------------------


def test_the_profile_has_one_back_button_and_how_to_apply_near_the_top(window):
    rosa(window)
    window.show_profile(LAS_FLORES)
    page = window.pages["profile"]
    settle(0.3)
    backs = [b for b in window.findChildren(QAbstractButton)
             if b.isVisible() and "Back" in b.text()]
    assert backs == [window.back_button]
    values = [w.text() for w in page.scroll.widget().findChildren(QLabel) if w.accessibleName() == "Grades"]
    assert values == ["K–5"]  # not "Grades: Grades K–5"
    notice = page.scroll.widget().findChild(QLabel, "zonedNote")
    assert notice.property("role") == "zoned"
    picture = notice.grab().toImage()
    badge = window.top_bar.badge.grab().toImage()
    assert picture.pixelColor(picture.width() - 4, 4) != badge.pixelColor(badge.width() - 4, 4)
    heading = next(w for w in page.scroll.widget().findChildren(QLabel)
                   if w.property("role") == "subheading" and w.text() == "How to apply")
    assert shown_in(page.scroll, heading)
    first_date = next(w for w in page.scroll.widget().findChildren(QLabel) if ", 202" in w.text())
    assert shown_in(page.scroll, first_date), first_date.text()


# --- touch-sized scrolling everywhere ---------------------------------------------------------------


def test_every_scroll_area_flicks_and_has_a_finger_sized_bar(window):
    rosa(window)
    window.state.add_to_shortlist(LAS_FLORES)
    window.state.add_to_shortlist(PUENTE)
    window.appearance.zoom(+3)
    try:
        for name in ("welcome", "home", "child", "needs", "results", "profile", "shortlist"):
            window.go(name)
            settle(0.05)
            areas = [a for a in window.findChildren(QAbstractScrollArea) if a.isVisible()]
            assert areas, name
            assert all(QScroller.hasScroller(a.viewport()) for a in areas), name
            bars = [a.verticalScrollBar() for a in areas if a.verticalScrollBar().isVisible()]
            assert all(bar.width() >= 44 for bar in bars), (name, [bar.width() for bar in bars])
        from navigator.gui.compare import CompareDialog

        dialog = CompareDialog(window.state, [LAS_FLORES, PUENTE], window)
        dialog.open()
        try:
            assert QScroller.hasScroller(dialog.table.viewport())  # a dialog made later, too
        finally:
            dialog.reject()
    finally:
        window.appearance.reset()


# --- a home outside the region; phrases without nested parentheses ---------------------------------


def test_a_zip_outside_the_region_is_said_so_on_the_home_page(window):
    find_zip(window, "90057")
    page = window.pages["home"]
    assert window.state.home is None
    assert page.zip_error.text() == ("That place is outside Valle Verde (demo), the area this app has "
                                     "schools for. Please give a place in the area.")
    assert "nearest school is 8.0 mi away" in page.zip_detail.text()


def _nested(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth > 1:
            return True
    return False


@pytest.mark.parametrize("lang", ["en", "es", "ko"])
def test_no_phrase_on_any_screen_nests_parentheses(window, lang):
    rosa(window)
    window.state.add_to_shortlist(LAS_FLORES)
    window.state.set_language(lang)
    nested = []
    for name in ("home", "child", "needs", "results", "profile", "shortlist"):
        if name == "profile":
            window.show_profile(LAS_FLORES)
        else:
            window.go(name)
        model = window.pages["results"].model
        texts = [w.text() for w in window.findChildren(QWidget)
                 if isinstance(w, QLabel | QAbstractButton) and w.isVisible()]
        texts += [" ".join(model.header_texts("zoned")), *(model.texts(r).distance for r in range(1, 2))]
        nested += [(name, t) for t in texts if _nested(t)]
    assert not nested, nested


def test_keyboard_still_reaches_a_chip(window):
    wait_results(window, lambda: window.state.update_filters(sped=("speech",)))
    window.go("needs")
    page = window.pages["needs"]
    chip = page.chip_buttons[0]
    assert chip.focusPolicy() & Qt.FocusPolicy.TabFocus
    chip.setFocus()
    wait_results(window, lambda: QTest.keyClick(chip, Qt.Key.Key_Space))
    assert window.state.filters.sped == ()

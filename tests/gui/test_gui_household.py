"""A household in the app (issue 14): brothers and sisters planned together, in the real window
on the demo pack.  The child switcher, adding a brother or sister (the same home), removing one
child, sibling priority only where the district records it, the checks across children, and a
counsellor's household file saved and opened again (a one-child file still opens)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from demo import ARROYO, DEMO_HOUSEHOLD, NAMU, ONE_CHILD, PUENTE, TODAY
from pypdf import PdfReader

from navigator.exports.household import render_household
from navigator.gui.dialogs import PlainDialog


def _dialog(window) -> PlainDialog:
    return next(d for d in window.findChildren(PlainDialog) if d.isVisible())


def _close_dialogs(window) -> None:
    for dialog in window.findChildren(PlainDialog):
        if dialog.isVisible():
            dialog.reject()


@pytest.fixture
def family(rosa, qtbot):
    """Rosa's home and Luis (kindergarten, Namu and Puente); then Ana added in grade 6."""
    window, state = rosa, rosa.state
    state.add_to_shortlist(PUENTE)
    state.add_to_shortlist(NAMU)
    state.rename_child(1, "Luis")
    window.go("shortlist")
    with qtbot.waitSignal(state.results_ready, timeout=10000):
        window.pages["child"].add_sibling.click()  # one child: the button is on Your child
    yield window
    _close_dialogs(window)
    state.operations.wait()


def test_a_brother_or_sister_keeps_the_home_and_asks_for_grade_and_needs(family, qtbot) -> None:
    state, bar = family.state, family.household_bar
    home = state.home
    assert family.current() == "child" and state.current_child == 2
    assert state.home == home and state.home.label == "00104"  # the same home, not asked again
    assert (state.grade, state.shortlist) == (None, [])  # their own grade and list
    assert family.pages["child"].heading.text() == "Which grade will Child 2 enter?"
    with qtbot.waitSignal(state.results_ready, timeout=10000):
        family.pages["child"].buttons[6].click()
    state.add_to_shortlist(NAMU)
    assert [b.text() for b in bar.buttons.values()] == ["Luis · Kindergarten",
                                                       "Child 2 · 6th grade"]
    assert bar.buttons[2].accessibleName() == "Child: Child 2 · 6th grade (shown now)"
    assert all(b.minimumHeight() >= 44 for b in [*bar.buttons.values(), bar.add_button])
    # Back to Luis: his grade and list, as he left them.
    with qtbot.waitSignal(state.results_ready, timeout=10000):
        bar.buttons[1].click()
    assert (state.current_child, state.grade, [s.id for s in state.shortlist]) == \
        (1, 0, [PUENTE, NAMU])
    # A third child, then the household as the list file keeps it.
    with qtbot.waitSignal(state.results_ready, timeout=10000):
        bar.add_button.click()
    household = state.to_household()
    assert [(c.number, c.label, c.grade, c.ids()) for c in household.children] == [
        (1, "Luis", 0, [PUENTE, NAMU]), (2, None, 6, [NAMU]), (3, None, None, [])]
    assert household.home["label"] == "00104"
    assert bar.isVisible() and not family.pages["home"].isVisible()


def test_removing_one_child_asks_first_and_keeps_the_others(family, qtbot) -> None:
    state, bar = family.state, family.household_bar
    state.set_grade(6)
    state.add_to_shortlist(ARROYO)
    bar.confirm_remove()
    dialog = _dialog(family)
    assert dialog.yes_button.text() == "Yes, remove Child 2"
    dialog.reject()  # "No, keep Child 2": nothing changes
    assert state.household.numbers() == [1, 2]
    bar.confirm_remove()
    with qtbot.waitSignal(state.results_ready, timeout=10000):
        _dialog(family).accept()
    assert state.household.numbers() == [1] and state.current_child == 1
    assert [s.id for s in state.shortlist] == [PUENTE, NAMU] and state.grade == 0
    assert not bar.remove_button.isVisible() or len(bar.buttons) == 1


def test_start_over_erases_every_child(family) -> None:
    state = family.state
    state.set_attending("Marco", NAMU, True)
    state.start_over()
    household = state.household
    assert [(c.number, c.label, c.grade, c.schools) for c in household.children] == \
        [(1, None, None, [])]
    assert household.attending == [] and state.home is None
    assert list(family.household_bar.buttons) == [1]


def test_sibling_priority_is_said_only_where_the_district_records_it(family, qtbot) -> None:
    state = family.state
    with qtbot.waitSignal(state.results_ready, timeout=10000):
        state.set_grade(6)
    state.add_to_shortlist(NAMU)
    profile = family.pages["profile"]
    family.show_profile(NAMU)
    namu = profile.sibling_texts(NAMU)
    assert any("If Luis gets a place at Namu Community Charter School, Child 2 gets priority"
               in t for t in namu)
    assert [lbl.text() for lbl in profile.sibling_labels] == ["ⓘ " + t for t in namu]
    # Puente teaches K-5: only Luis applies there and no brother or sister attends: nothing.
    family.show_profile(PUENTE)
    assert profile.sibling_texts(PUENTE) == [] and profile.sibling_labels == []
    # The list checker says it too, with one application per household for Namu.
    family.go("shortlist")
    state.operations.wait()  # the checks, worked out off the GUI thread
    texts = family.pages["shortlist"].household_texts()
    assert any("takes one application per household: apply once and list Luis and Child 2"
               in t for t in texts)
    assert any("gets priority there" in t for t in texts)
    # The compare view has a row for it.
    page = family.pages["shortlist"]
    for school_id in page.model.ids():
        page.model.set_compared(school_id, True)
    dialog = page.open_compare()
    state.operations.wait()
    try:
        rows = dialog.row_labels()
        assert "Brothers and sisters" in rows
        assert "priority" in dialog.cell(rows.index("Brothers and sisters"), 0)
    finally:
        dialog.reject()


def test_an_older_child_who_attends_gives_priority_where_recorded(rosa) -> None:
    state = rosa.state
    state.add_to_shortlist(NAMU)
    state.set_attending("Marco", NAMU, True)
    texts = rosa.pages["profile"].sibling_texts(NAMU)
    assert any(t.startswith("Marco already attends Namu Community Charter School: Child 1 gets "
                            "priority there") for t in texts)


def test_a_household_file_saves_and_opens_and_a_one_child_file_still_opens(
        rosa, tmp_path: Path) -> None:
    window, state = rosa, rosa.state
    assert window.open_session(DEMO_HOUSEHOLD)
    assert [c.label for c in state.household.children] == ["Luis", "Ana"]
    assert state.current_child == 1 and state.grade == 0 and window.current() == "shortlist"
    assert list(window.household_bar.buttons) == [1, 2]
    path = tmp_path / "again.json"
    assert window.save_session(path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["version"] == 2 and [c["label"] for c in saved["children"]] == ["Luis", "Ana"]
    state.start_over()
    assert window.open_session(path)
    assert [c.ids() for c in state.to_household().children] == \
        [[s["id"] for s in c["schools"]] for c in saved["children"]]
    # The household prints as one PDF naming both children on the shared deadline.
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(render_household(
        state.pack, state.to_household(), "pdf", "en", TODAY))).pages)
    assert "Luis" in text and "Ana" in text and "For Luis and Ana" in " ".join(text.split())
    _close_dialogs(window)
    assert window.open_session(ONE_CHILD)  # version 1: a household of one
    one = json.loads(ONE_CHILD.read_text(encoding="utf-8"))
    assert state.household.numbers() == [1]
    assert [s.id for s in state.shortlist] == [s["id"] for s in one["schools"]]
    _close_dialogs(window)


def test_together_shows_the_same_school_and_each_childs_shape(rosa) -> None:
    window, state = rosa, rosa.state
    assert window.open_session(DEMO_HOUSEHOLD)
    _close_dialogs(window)
    window.household_bar.together_button.click()
    state.operations.wait()  # the options, worked out off the GUI thread
    page = window.pages["together"]
    assert window.current() == "together" and page.result is not None
    kinds = [o.kind for o in page.result.options]
    assert "same_school" in kinds  # Sycamore K-8 teaches both Luis (K) and Ana (6)
    same = page.result.options[kinds.index("same_school")]
    assert {f.child for f in same.fits} == {1, 2} and len(same.school_ids()) == 1
    features = {f["properties"]["id"]: f["properties"] for f in page.map_features()}
    shared = features[same.school_ids()[0]]
    assert shared["shape"] == "circle" and shared["who"] == "Para Luis y Ana"  # the file is in Spanish
    shapes = {p["shape"] for p in features.values()}
    assert shapes <= {"circle", "square"} and "square" in shapes  # Ana's own schools
    assert {p["key"] for p in features.values() if p["shape"] == "square"} == {"Escuelas de Ana"}
    # Schools close together: the trip between them by bus or train, from the demo timetable.
    from PySide6.QtWidgets import QLabel

    from navigator.household.together_text import leg_line

    close = next(o for o in page.result.options if o.kind == "close")
    assert close.legs[0].trip_min is not None and close.legs[0].trip_min > 0
    shown = [label.text() for label in page.findChildren(QLabel)]
    assert leg_line(close.legs[0]) in shown and "minutos" in leg_line(close.legs[0])
    assert "cuando el horario lo tiene" in page.intro.text()  # the area has a timetable
    # "Add to their lists" puts each child's school on that child's list.
    page.add_option(same)
    household = state.to_household()
    assert all(same.school_ids()[0] in c.ids() for c in household.children)
    window.go("results")


def test_at_the_largest_text_the_switcher_stays_one_row_with_a_menu(family, qtbot) -> None:
    """Two children at the largest text: Add, Remove and Schools for all fold into one menu, so
    the pages below keep their height; the menu does what the buttons do."""
    from navigator.gui.appearance import DEFAULT_SCALE_INDEX, SCALES

    window, bar = family, family.household_bar
    with qtbot.waitSignal(family.state.results_ready, timeout=10000):
        family.pages["child"].buttons[6].click()  # "Child 2 · 6th grade"
    window.resize(1366, 768)
    window.go("needs")
    assert not bar.compact and bar.together_button.isVisible()  # normal text: the buttons
    window.appearance.scale_index = len(SCALES) - 1
    window.appearance.apply()
    try:
        qtbot.waitUntil(lambda: bar.compact and bar.more_button.isVisible(), timeout=3000)
        assert not bar.add_button.isVisible() and not bar.together_button.isVisible()
        child_height = next(iter(bar.buttons.values())).height()
        qtbot.waitUntil(lambda: bar.height() < 2 * child_height, timeout=3000)  # one row
        assert [a.text() for a in bar.more_menu.actions()] == [
            "+ Add a brother or sister", "Remove Child 2", "Schools for all of them"]
        assert bar.more_button.accessibleName().startswith("Brothers and sisters")
        bar.together_action.trigger()
        assert window.current() == "together"
    finally:
        window.appearance.scale_index = DEFAULT_SCALE_INDEX
        window.appearance.apply()
    qtbot.waitUntil(lambda: not bar.compact, timeout=3000)
    assert bar.together_button.isVisible() and not bar.more_button.isVisible()

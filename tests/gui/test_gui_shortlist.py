""""My list": ranking by keyboard and by the model's drag-and-drop API, notes, warnings, comparing.

Drives the real window on the demo pack (Rosa: ZIP 00104, kindergarten) with today fixed at
2026-11-23, when the Cumbre Preparatory Academy lottery application has closed (2026-11-14).
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from demo import CUMBRE, HILLCREST, LAS_FLORES, PENA, PLAN_DAY, PUENTE, TODAY  # noqa: E402
from PySide6.QtCore import QModelIndex, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402


@pytest.fixture
def page(rosa):
    """Three schools on the list, none of them the zoned school (Las Flores)."""
    for school_id in (PUENTE, CUMBRE, PENA):
        rosa.state.add_to_shortlist(school_id)
    rosa.go("shortlist")
    rosa.state.operations.wait()  # the list's checks, worked out off the GUI thread
    return rosa.pages["shortlist"]


def test_three_schools_in_the_order_added(page):
    assert page.model.ids() == [PUENTE, CUMBRE, PENA]
    assert page.model.data(page.model.index(0)).startswith("1. Puente Dual Language Academy")
    assert page.current_id() == PUENTE


def test_reorder_by_keyboard(page, qtbot):
    page.select(PENA)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert page.model.ids() == [PUENTE, PENA, CUMBRE]
    assert page.current_id() == PENA  # the moved school stays current, so it can move again
    qtbot.keyClick(page.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert page.state.shortlist[0].id == PENA
    assert not page.up_button.isEnabled()
    page.down_button.click()
    assert page.model.ids() == [PUENTE, PENA, CUMBRE]
    assert page.model.data(page.model.index(1)).startswith("2. Escuela Peña Elementary")


def test_reorder_through_the_models_drag_and_drop(page):
    model = page.model
    # What the view does for an internal move: moveRows, Qt's "before this row" convention.
    assert model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 3)
    assert model.ids() == [CUMBRE, PENA, PUENTE]
    # What a drop from a drag carries: the school ids, moved (never copied, never deleted).
    data = model.mimeData([model.index(2)])
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert model.ids() == [PUENTE, CUMBRE, PENA]
    assert not model.removeRows(0, 1)
    assert len(page.state.shortlist) == 3
    assert model.flags(model.index(0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert page.view.dragDropMode() == page.view.DragDropMode.InternalMove


def test_notes_are_kept_with_their_school(page):
    page.select(CUMBRE)
    page.note_edit.setPlainText("Ask about the waiting list")
    assert next(s.note for s in page.state.shortlist if s.id == CUMBRE) == "Ask about the waiting list"
    page.model.moveRows(QModelIndex(), 1, 1, QModelIndex(), 0)
    page.select(PENA)
    assert page.note_edit.toPlainText() == ""
    page.select(CUMBRE)
    assert page.note_edit.toPlainText() == "Ask about the waiting list"
    assert page.note_edit.accessibleName() == "Your notes about Cumbre Preparatory Academy"
    # Switching language keeps the family's work.
    page.state.set_language("es")
    assert page.note_edit.toPlainText() == "Ask about the waiting list"
    assert page.model.ids()[0] == CUMBRE


def test_warnings_grade_deadline_and_zoned_school(page):
    kinds = page.warning_kinds()
    assert "grade_not_offered" in kinds  # Cumbre is 6-12; the child enters kindergarten
    assert "deadline_passed" in kinds  # Cumbre's lottery application closed on 2026-11-14
    assert "zoned_missing" in kinds  # Las Flores is not on the list
    texts = [label.text() for label in page.warning_labels]
    deadline = next(t for t in texts if "November 14, 2026" in t)
    assert "waiting list" in deadline  # the pack's late option
    assert any("Las Flores Elementary" in t and "not on your list" in t for t in texts)
    page.select(CUMBRE)
    assert "does not teach kindergarten" in page.detail_warnings.text()
    assert page.model.data(page.model.index(1)).endswith("⚠ 2 things to check")
    page.state.add_to_shortlist(LAS_FLORES)
    page.state.operations.wait()
    assert "zoned_missing" not in page.warning_kinds()
    page.state.remove_from_shortlist(CUMBRE)
    page.state.operations.wait()
    assert "deadline_passed" not in page.warning_kinds()


def test_compare_four_schools_side_by_side(page, qtbot):
    page.state.add_to_shortlist(HILLCREST)
    for school_id in page.model.ids():
        assert page.model.set_compared(school_id, True)
    assert page.compare_button.isEnabled()
    page.state.add_to_shortlist(LAS_FLORES)
    assert not page.model.set_compared(LAS_FLORES, True)  # four at most
    dialog = page.open_compare()
    qtbot.waitExposed(dialog)
    page.state.operations.wait()  # the table, worked out off the GUI thread
    assert dialog.column_names() == ["Puente Dual Language Academy", "Cumbre Preparatory Academy",
                                     "Escuela Peña Elementary", "Hillcrest Elementary"]
    labels = dialog.row_labels()
    assert labels[:4] == ["School", "Distance from home", "Grades", "School type"]
    for column in range(4):
        cells = [dialog.cell(row, column) for row in range(len(labels))]
        assert all(cells), f"a blank cell for {dialog.column_names()[column]}"
    assert dialog.cell(3, 0) == "Charter school (independent)"
    assert dialog.cell(3, 2) == "District school"
    assert "closed 9 days ago" in dialog.cell(labels.index("How to apply and by when"), 1)
    page.state.set_language("ko")
    page.state.operations.wait()
    assert dialog.row_labels() != labels and len(dialog.row_labels()) == len(labels)
    dialog.accept()


def test_remove_and_print(page, qtbot):
    page.select(CUMBRE)
    page.remove_button.click()
    assert page.model.ids() == [PUENTE, PENA]
    page.print_button.click()
    from navigator.gui.export_dialog import ExportDialog

    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    assert any(isinstance(d, ExportDialog) for d in dialogs)
    for dialog in dialogs:
        dialog.close()


def test_empty_list_points_back_to_the_schools(page):
    for school_id in list(page.model.ids()):
        page.state.remove_from_shortlist(school_id)
    assert page.empty.isVisibleTo(page) and page.to_results.isVisibleTo(page)
    assert not page.view.isVisibleTo(page)


# --- the plan and the rows ---------------------------------------------------------------------


@pytest.fixture
def day_before(rosa):
    """Rosa's list of four on 2026-12-03: the Valle Verde Choices form closes the next day."""

    from demo import EASTGATE

    state = rosa.state
    state.today = lambda: PLAN_DAY
    for school_id in (PUENTE, PENA, EASTGATE, LAS_FLORES):
        state.add_to_shortlist(school_id)
    rosa.go("shortlist")
    state.operations.wait()
    yield rosa.pages["shortlist"]
    state.today = lambda: TODAY


def test_the_plan_is_at_the_top_most_urgent_first(day_before):
    page = day_before
    texts = page.plan_texts()
    assert texts[0].startswith("⚠ Closes tomorrow")
    assert "Escuela Peña Elementary and Eastgate Elementary" in texts[0]
    assert texts[-1].startswith("○ Closes in 71 days")  # Puente's lottery, in February
    assert page.plan_box.geometry().top() < page.view.geometry().top()
    head = page.plan_labels[0]
    assert head.font().bold() and head.text().startswith("⚠")  # a shape and bold, not colour
    assert page.warning_kinds()[0] == "deadline_soon"  # the list checker says it too


def test_each_row_shows_its_next_date_and_process(day_before):
    rows = [day_before.model.data(day_before.model.index(i)) for i in range(4)]
    assert "⚠ Closes tomorrow · Dec 4, 2026 at 5:00\u202fPM" in rows[1]
    assert rows[1].endswith("Valle Verde Choices: dual-language programs")
    assert "○ Closes in 71 days · Feb 12, 2027" in rows[0]
    assert "Puente Dual Language Academy: lottery (charter school application)" in rows[0]
    assert "○ Opens in 39 days" in rows[3] and "Your zoned school" in rows[3]
    html = day_before.model.data(day_before.model.index(1), Qt.ItemDataRole.UserRole + 1)
    assert '<span style="font-weight:bold">⚠ Closes tomorrow' in html


def test_everything_fits_a_laptop_screen_at_normal_text(day_before, qtbot):
    window = day_before.window
    size = window.size()
    window.resize(1366, 768)
    try:
        qtbot.wait(100)
        page = day_before
        assert page.scroll.verticalScrollBar().maximum() == 0  # the page itself does not scroll
        for button in (page.print_button, page.compare_button, page.details_button,
                       page.remove_button, page.up_button, page.down_button):
            top_left = button.mapTo(window, button.rect().topLeft())
            assert top_left.y() + button.height() <= window.height(), button.text()
            assert button.height() >= 44, button.text()
            assert button.visibleRegion().boundingRect().height() == button.height(), button.text()
        assert page.view.sizeHintForRow(0) >= 44
    finally:
        window.resize(size)


def test_a_tap_beside_the_tick_box_ticks_it(day_before, qtbot):
    from PySide6.QtCore import QPoint

    view = day_before.view
    rect = view.visualRect(day_before.model.index(1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.left() + 56, rect.top() + rect.height() - 6))
    assert day_before.model.compare == [PENA]  # 56 px in, near the row's foot: still the box
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 20,
                                                                            rect.top() + 20))
    assert day_before.model.compare == []
    view.setCurrentIndex(day_before.model.index(2))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert len(day_before.model.compare) == 1

"""Counsellor → Where families can reach: the map counted off the GUI thread from the pack alone,
a tapped square's schools, and nothing of it in kiosk mode."""

from __future__ import annotations

import os

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app_window import close_app_window, open_app_window  # noqa: E402
from PySide6.QtCore import QPointF, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from navigator.catalogue.pack import open_pack  # noqa: E402
from navigator.gui.selftest import wait_until  # noqa: E402
from navigator.reach.count import reach_map, schools_at  # noqa: E402
from navigator.resources import demo_pack  # noqa: E402
from navigator.search.engine import SearchEngine  # noqa: E402
from navigator.search.location import home_from_zip  # noqa: E402


@pytest.fixture(scope="module")
def window():
    opened = open_app_window()
    yield opened
    close_app_window(opened)


def test_the_counsellor_map_counts_from_the_pack_alone_and_lists_a_squares_schools(window):
    with open_pack(demo_pack()) as pack:
        window.state.home = home_from_zip(pack, "00104")  # a family's home on screen: never used
    assert "Where families can reach" in window.top_bar.reach_action.text()
    dialog = window.open_reach()
    dialog.grade.setCurrentIndex(10)  # grade 9
    QTest.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    assert "Counting" in dialog.status.text()
    assert wait_until(lambda: dialog.reach is not None, 60)
    with open_pack(demo_pack()) as pack:
        engine = SearchEngine(pack)
        expected = reach_map(pack, dialog.question(), workers=1, engine=engine)
        assert np.array_equal(dialog.reach.reached, expected.reached)
        assert np.array_equal(dialog.reach.grid.lat, expected.grid.lat)
        cell = int(np.argmax(expected.total))
        names = sorted(engine.index.names[engine.index.position[s]]
                       for s in schools_at(engine, expected, cell))
    assert "squares:" in dialog.status.text()
    dialog.canvas.pick(cell)
    assert dialog.cell_heading.text() == f"{int(expected.total[cell])} schools in reach"
    assert wait_until(lambda: dialog.cell_text.text() != "", 20)
    assert sorted(line.split(" — ")[0] for line in dialog.cell_text.text().splitlines()) == names
    QTest.keyClick(dialog.canvas, Qt.Key.Key_Left)  # the keyboard moves between squares too
    assert dialog.canvas.selected != cell
    size, x0, y0, _c, _r = dialog.canvas._frame()  # a tap on the first square picks it
    grid = dialog.reach.grid
    middle = QPointF(x0 + (grid.column[0] - grid.column.min() + 0.5) * size,
                     y0 + (grid.row.max() - grid.row[0] + 0.5) * size).toPoint()
    QTest.mouseClick(dialog.canvas, Qt.MouseButton.LeftButton, pos=middle)
    assert dialog.canvas.selected == 0
    dialog.reject()


def test_kiosk_mode_has_no_reach_map():
    from navigator.gui.app import create_window
    from navigator.gui.selftest import dispose

    _app, _state, kiosk = create_window(demo_pack(), kiosk=True)
    try:
        assert kiosk.top_bar.tools is None and not hasattr(kiosk.top_bar, "reach_action")
        assert kiosk.open_reach() is None
    finally:
        kiosk.state.operations.wait()
        dispose(kiosk)

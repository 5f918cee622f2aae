"""The window fits the screen it opens on: never larger than the screen's available area
(maximized where the screen is small), and on the commonest kiosk laptop (1366 x 768) and a
1280 x 720 screen, every screen's bottom bar (Back, text size, high contrast, Next) is inside the
window, at normal and at the largest text size.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QRect, QSize  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from navigator.gui import map_view as _map_view  # noqa: E402,F401  (Chromium flags first)
from navigator.gui.window_size import DESIGN, FRAME, first_geometry  # noqa: E402

TASKBAR = 40  # a desktop's panel: the available area leaves it out
TITLE = 32  # the window system's title bar, outside the window's own area when maximized


@pytest.mark.parametrize("screen", [QSize(1366, 768), QSize(1280, 720), QSize(1280, 800)])
def test_a_small_screen_opens_the_window_maximized(screen):
    assert first_geometry(QRect(QPoint(0, 0), screen - QSize(0, TASKBAR))) is None


def test_a_big_screen_opens_the_design_size_centred_inside_it():
    available = QRect(1920, 0, 1920, 1080 - TASKBAR)  # the second of two screens
    placed = first_geometry(available)
    assert placed is not None and placed.size() == DESIGN
    framed = placed.adjusted(-FRAME.width() // 2, -(FRAME.height() - 8), FRAME.width() // 2, 8)
    assert available.contains(framed)
    assert abs(placed.center().x() - available.center().x()) <= 1


@pytest.fixture(scope="module")
def walkthrough(qapp):
    from navigator.gui.screenshots import Walkthrough
    from navigator.resources import demo_pack

    walk = Walkthrough(demo_pack())
    walk.family("en")
    yield walk
    walk.state.start_over()
    walk.close()


def _outside(window, size: QSize) -> list[str]:
    """What of the bottom bar is not inside a window of ``size`` (empty: all of it is)."""
    bar = window.findChild(QWidget, "bottomBar")
    problems = []
    if window.size() != size:
        problems.append(f"the window is {window.width()} x {window.height()}, not {size.width()} x "
                        f"{size.height()}")
    for widget in (bar, window.back_button, window.next_button, window.view_controls):
        if not widget.isVisible() and widget in (bar, window.view_controls):  # Back, Next: as the step has
            problems.append(f"{widget.objectName() or type(widget).__name__} hidden")
            continue
        corner = widget.mapTo(window, QPoint(widget.width(), widget.height()))
        if widget.isVisible() and (corner.y() > window.height() or corner.x() > window.width()):
            problems.append(f"{widget.objectName() or type(widget).__name__} ends at {corner.x()}, "
                            f"{corner.y()}")
    return problems


@pytest.mark.parametrize("screen", [(1366, 768), (1280, 720)])
@pytest.mark.parametrize("variant", ["normal", "largest"])
def test_every_screens_bottom_bar_is_reachable(walkthrough, screen, variant):
    from navigator.gui.selftest import wait_until

    window = walkthrough.window
    size = QSize(screen[0], screen[1] - TASKBAR - TITLE)  # the maximized window's own area
    walkthrough.size = (size.width(), size.height())
    walkthrough.set_variant(variant)
    failures = {}
    for name in window.pages:
        if name == "together":
            continue  # a household's screen (test_gui_household covers it)
        walkthrough.page(name)
        found: list[str] = []

        def clean(found=found) -> bool:
            found[:] = _outside(window, size)
            return not found
        if not wait_until(clean, 1.0):
            failures[name] = found
    walkthrough.set_variant("normal")
    assert not failures, failures


def test_the_app_opens_fitted_to_the_screen_it_is_on(walkthrough):
    """As ``navigator`` starts it (app.run_app): on this screen (the offscreen platform's 800 x
    600) the window is maximized, not 1280 x 800 past the screen's edges."""
    from PySide6.QtGui import QGuiApplication

    from navigator.gui.selftest import wait_until
    from navigator.gui.window_size import show_fitted

    window = walkthrough.window
    available = QGuiApplication.primaryScreen().availableGeometry()
    assert available.width() < DESIGN.width()
    show_fitted(window)
    try:
        assert window.isMaximized()
        assert wait_until(lambda: available.contains(window.geometry()), 2), window.geometry()
    finally:
        window.showNormal()
        window.resize(*walkthrough.size)

"""The window's first size: the size the app is designed at, never larger than the screen it
opens on.

Why: a window opened at a fixed 1280 × 800 on a 1366 × 768 laptop (the commonest kiosk screen)
puts the bottom bar (text size, high contrast, Back, Next) below the screen's edge, where a family
cannot reach it.  The screen's *available* area leaves out the taskbar and docks; a window's frame
(title bar, borders) is added by the window system outside the size asked for.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QWidget

DESIGN = QSize(1280, 800)
FRAME = QSize(16, 48)  # room left for the window system's borders and title bar


def first_geometry(available: QRect, design: QSize = DESIGN) -> QRect | None:
    """Where the window goes on a screen with ``available`` room: the design size centred, or
    None when that (with its frame) does not fit and the window should open maximized."""
    if design.width() + FRAME.width() > available.width() or \
            design.height() + FRAME.height() > available.height():
        return None
    left = available.x() + (available.width() - design.width()) // 2
    top = available.y() + (available.height() - design.height() - FRAME.height()) // 2 + FRAME.height() - 8
    return QRect(left, top, design.width(), design.height())


def show_fitted(window: QWidget) -> None:
    """Show the window on the screen under the pointer (where the app was started), fitted to it."""
    screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
    geometry = first_geometry(screen.availableGeometry()) if screen is not None else None
    if geometry is None:
        if screen is not None:  # the restored size, should the family un-maximize it
            room = screen.availableGeometry().size() - FRAME
            window.resize(min(DESIGN.width(), room.width()), min(DESIGN.height(), room.height()))
        window.showMaximized()
        return
    window.setGeometry(geometry)
    window.show()

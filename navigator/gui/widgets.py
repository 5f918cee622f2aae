"""Small widgets every screen shares: plain labels, big buttons, a button that opens a menu.

Why they exist: a parent who has never used the app, perhaps on a touch screen, needs targets
at least 44 px high, words that wrap instead of being cut off at large text sizes, and pack text
shown as text, never as markup.  The dialogs are in ``dialogs.py``, the choices (check rows,
choice buttons, the step bar) in ``choices.py``, the layouts that reflow in ``layouts.py`` and the
language picker in ``languages.py``.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QLabel, QMenu, QPushButton, QSizePolicy, QToolButton, QWidget

TOUCH = 48  # px: a comfortable touch target (the rule says at least 44)


def plain_label(role: str = "", wrap: bool = True) -> QLabel:
    """A label that shows its text as characters, never markup (pack text is data), and wraps.

    ``role`` ("heading", "subheading", "small", "lead", "error", "badge"...) is a style hook for
    the stylesheet; sizes are relative to the app font, so text zoom scales them too.
    """
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if role:
        label.setProperty("role", role)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label

class BigButton(QPushButton):
    """A push button at least ``TOUCH`` px high; Enter and Space both press it."""

    def __init__(self, role: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(TOUCH)
        self.setAutoDefault(True)  # Enter presses the focused button, not only Space
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if role:
            self.setProperty("role", role)

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EnterClicks(QObject):
    """Makes Enter press a check box or tool button, as Space does (Qt only gives push buttons that)."""

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.KeyPress and event.key() in ENTER_KEYS \
                and isinstance(obj, QAbstractButton) and obj.isEnabled():
            obj.click()
            return True
        return False

class MenuButton(QToolButton):
    """A touch-sized button that opens its menu: on a tap, on Space, and on Enter (which Qt's
    tool buttons do not take), so a keyboard reaches every item."""

    def __init__(self, menu_parent: QWidget | None = None) -> None:
        super().__init__(menu_parent)
        self.setMinimumHeight(TOUCH)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._enter = EnterClicks(self)
        self.installEventFilter(self._enter)
        self.setMenu(QMenu(self))  # its items: button.menu().addAction(...)

class ClickLabel(QLabel):
    """A wrapping plain-text label that presses its buddy button when clicked (for CheckRow)."""

    clicked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)

def escape(text: str) -> str:
    """Pack text placed inside rich text (rare: most labels are plain text)."""
    return html.escape(text, quote=True)

"""Small widgets every screen shares: plain labels, big buttons, a button that opens a menu.

Why they exist: a parent who has never used the app, perhaps on a touch screen, needs targets
at least 44 px high, words that wrap instead of being cut off at large text sizes, and pack text
shown as text, never as markup.  The dialogs are in ``dialogs.py``, the choices (check rows,
choice buttons, the step bar) in ``choices.py``, the layouts that reflow in ``layouts.py`` and the
language picker in ``languages.py``.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractButton, QLabel, QMenu, QPushButton, QSizePolicy, QToolButton, QWidget

TOUCH = 48  # px: a comfortable touch target (the rule says at least 44)


class OneLineLabel(QLabel):
    """A wrapping label that asks for its words on one line, however long: beside another part
    (``SideBySide``) it says how wide the row must be to keep it one line, and when the row is
    narrower, the other part goes beneath and the words wrap at the full width.  (A wrapping
    QLabel asks for about 80 characters at most, and then gets too little height beside it.)"""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self.text()) + 2 * self.margin() + \
            margins.left() + margins.right() + 1
        return QSize(width, self.heightForWidth(width))


def plain_label(role: str = "", wrap: bool = True, one_line_first: bool = False) -> QLabel:
    """A label that shows its text as characters, never markup (pack text is data), and wraps.

    ``role`` ("heading", "subheading", "small", "lead", "error", "badge"...) is a style hook for
    the stylesheet; sizes are relative to the app font, so text zoom scales them too.
    ``one_line_first``: an ``OneLineLabel``.
    """
    label = OneLineLabel() if one_line_first else QLabel()
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

class WrapButton(BigButton):
    """A big button whose words go onto more lines when its row has less room than they need on
    one (a long label in Armenian, Russian or Tagalog at the largest text): Qt's buttons never
    wrap, so the window would grow wider than the screen instead.

    ``text()`` holds the lines as shown (its size hint is theirs, so nothing is cut off);
    ``words()`` the words as set.  When a widget around it grows wider, it tries one line again."""

    def __init__(self, role: str = "", parent: QWidget | None = None) -> None:
        super().__init__(role, parent)
        self._words = ""
        self._watched: list[QWidget] = []  # the widgets around it whose growing it hears
        self._pending = False  # lines to choose once the layouts have settled
        self._settling = False
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)  # may shrink to its longest word
        self.setSizePolicy(policy)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        self._words = text
        self._one_line_again()

    def _fit_soon(self) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self._fit_laid_out)

    def _fit_laid_out(self) -> None:
        """The lines for the width the layouts give the words once they have all settled: each
        layout around it, inside out, takes the new size now.  (Qt lays out the inner layouts
        first, at the old width: lines chosen then would be too narrow for good.)"""
        self._pending = False
        self._settling = True
        ancestor = self.parentWidget()
        while ancestor is not None:
            if ancestor.layout() is not None:
                ancestor.layout().activate()
            ancestor = None if ancestor.isWindow() else ancestor.parentWidget()
        self._settling = False
        self._fit()

    def words(self) -> str:
        return self._words

    def _padding(self) -> int:
        """The button's width beyond its widest line of text (padding, border, icon)."""
        lines = QPushButton.text(self).split("\n")
        widest = max(self.fontMetrics().horizontalAdvance(line) for line in lines)
        return QPushButton.sizeHint(self).width() - widest

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        metrics = self.fontMetrics()
        longest = max((metrics.horizontalAdvance(word) for word in self._words.split()), default=0)
        return QSize(min(longest + self._padding(), QPushButton.sizeHint(self).width()),
                     QPushButton.sizeHint(self).height())

    def _lines(self, width: int) -> str:
        """The words broken into lines no wider than ``width`` (a longer word keeps a line)."""
        room = width - self._padding()
        metrics = self.fontMetrics()
        if metrics.horizontalAdvance(self._words) <= room:
            return self._words
        lines: list[str] = []
        for word in self._words.split(" "):
            if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= room:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        return "\n".join(lines)

    def _fit(self) -> None:
        if not self.isVisible() or self.width() <= 0:
            return
        lines = self._lines(self.width())
        if lines != QPushButton.text(self):
            QPushButton.setText(self, lines)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if not self._settling:
            self._fit_soon()

    def showEvent(self, event) -> None:  # noqa: N802 - watch the widths around it from now on
        super().showEvent(event)
        ancestor = self.parentWidget()
        while ancestor is not None:  # any of them growing may leave room for one line
            if ancestor not in self._watched:
                ancestor.installEventFilter(self)
                self._watched.append(ancestor)
            ancestor = None if ancestor.isWindow() else ancestor.parentWidget()
        self._fit_soon()  # laid out while hidden: the lines for the width it gets now

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Resize and event.size().width() > event.oldSize().width() \
                and QPushButton.text(self) != self._words:
            self._one_line_again()
        return super().eventFilter(watched, event)

    def changeEvent(self, event) -> None:  # noqa: N802 - a new text size: one line first
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._one_line_again()

    def _one_line_again(self) -> None:
        """The words on one line, and the layouts squeeze them again if they do not fit."""
        QPushButton.setText(self, self._words)
        self._fit_soon()


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

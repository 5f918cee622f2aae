"""Plain dialogs: a question or a message in big words, and the "?" that explains a term.

Dialogs open with ``open()`` (window-modal, no nested event loop), so the kiosk's idle timer and
the tests keep running while one is up; each fits the window it opens over at every text size.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from navigator.gui.layouts import nest, vertical_scroll
from navigator.gui.widgets import TOUCH, BigButton, EnterClicks, plain_label
from navigator.i18n import _

log = logging.getLogger(__name__)


class FittedDialog(QDialog):
    """A dialog that fits the window it opens over, at every text size: its words (``body``) scroll
    when they are taller than the screen, its buttons (``button_row``) always show.

    It opens ``preferred_width`` wide when there is room, wider when its buttons need it, never
    wider or taller than the window; it fits itself again when the text size changes."""

    MARGIN = 24  # px left free round the dialog, inside the window
    READABLE_CHARS = 45  # the narrowest line worth reading, at any text size

    def __init__(self, parent: QWidget | None, preferred_width: int = 480) -> None:
        super().__init__(parent)
        self.preferred_width = preferred_width
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.body_layout.setSpacing(16)
        # Its words wrap to the width they get: their minimum height (words wrapped at their
        # narrowest) must not hold the dialog taller than they are, which left a gap below.
        self.body.setMinimumHeight(1)
        self.scroll = vertical_scroll(self.body, frame=False)
        self.button_row = QHBoxLayout()
        outer = QVBoxLayout(self)
        outer.setSpacing(16)
        outer.addWidget(self.scroll, 1)
        nest(outer, self.button_row)

    def _room(self) -> QSize:
        parent = self.parentWidget()
        top = QWidget.window(parent) if parent is not None else None  # a Page's .window is not Qt's
        area = top.size() if top is not None else self.screen().availableSize()
        return QSize(max(200, area.width() - 2 * self.MARGIN), max(160, area.height() - 2 * self.MARGIN))

    def fit(self) -> None:
        room = self._room()
        outer = self.layout()
        margins = outer.contentsMargins()
        side = margins.left() + margins.right()
        scroll_bar = self.scroll.verticalScrollBar().sizeHint().width()
        # At large text a line keeps about 45 characters, not a few words.
        readable = self.READABLE_CHARS * self.fontMetrics().averageCharWidth() + side
        wanted = max(self.preferred_width, readable, self.button_row.minimumSize().width() + side,
                     self.body.minimumSizeHint().width() + side + scroll_bar)
        width = min(room.width(), wanted)
        rest = margins.top() + margins.bottom() + outer.spacing() + \
            max(TOUCH, self.button_row.sizeHint().height()) + 8

        def body_height(body_width: int) -> int:
            if self.body.hasHeightForWidth():
                return self.body.heightForWidth(body_width)
            return max(self.body.sizeHint().height(), self.body.minimumSizeHint().height())

        # The words at the full width when they fit without scrolling (no scroll bar, no gap
        # under them); else as narrow as with the bar, so they are never one line short.
        height = body_height(width - side) + rest
        if height > room.height():
            height = body_height(width - side - scroll_bar) + rest
        self.resize(width, min(room.height(), height))

    def _fit_safely(self) -> None:
        """Fit from inside a Qt event: a Python error there would take the app down, so it is
        logged and the dialog keeps the size Qt gave it."""
        try:
            self.fit()
        except Exception:  # noqa: BLE001 - never let sizing crash the kiosk
            log.exception("could not fit the dialog %r", self.objectName())

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._fit_safely()
        super().showEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange) and self.isVisible():
            self._fit_safely()

class PlainDialog(FittedDialog):
    """A big, plain question or message: a heading, a few sentences, and one or two big buttons.

    ``ask(...)`` and ``tell(...)`` open it without blocking; ``on_yes`` runs if the family says yes.
    """

    def __init__(self, parent: QWidget | None, heading: str, text: str, yes: str,
                 no: str | None = None, detail: str | None = None) -> None:
        super().__init__(parent, preferred_width=480)
        self.setObjectName("plainDialog")
        self.setWindowTitle(heading)
        self.setModal(True)
        self.heading = plain_label("heading")
        self.heading.setText(heading)
        self.text = plain_label("lead")
        self.text.setText(text)
        self.body_layout.addWidget(self.heading)
        self.body_layout.addWidget(self.text)
        self.detail = plain_label("small")
        self.detail.setText(detail or "")
        self.detail.setVisible(bool(detail))
        self.body_layout.addWidget(self.detail)
        self.body_layout.addStretch(1)
        self.button_row.addStretch(1)
        self.no_button: BigButton | None = None
        if no is not None:
            self.no_button = BigButton()
            self.no_button.setText(no)
            self.no_button.clicked.connect(self.reject)
            self.button_row.addWidget(self.no_button)
        self.yes_button = BigButton("primary")
        self.yes_button.setText(yes)
        self.yes_button.clicked.connect(self.accept)
        self.button_row.addWidget(self.yes_button)
        # The safe answer has the focus: Enter on a question keeps the family's work.
        (self.no_button or self.yes_button).setDefault(True)
        (self.no_button or self.yes_button).setFocus()
        self.finished.connect(self.deleteLater)

def ask(parent: QWidget, heading: str, text: str, yes: str, no: str,
        on_yes: Callable[[], None]) -> PlainDialog:
    dialog = PlainDialog(parent, heading, text, yes, no)
    dialog.accepted.connect(on_yes)
    dialog.open()
    return dialog

def tell(parent: QWidget, heading: str, text: str, detail: str | None = None) -> PlainDialog:
    dialog = PlainDialog(parent, heading, text, _("OK"), detail=detail)
    dialog.open()
    return dialog

class InfoButton(QToolButton):
    """A "?" that explains a term in plain words (a charter lottery, a special day class...)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText("?")
        self.setProperty("role", "info")
        self.setMinimumSize(TOUCH - 4, TOUCH - 4)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._term = ""
        self._explanation = ""
        self.clicked.connect(self.explain)
        self._enter = EnterClicks(self)
        self.installEventFilter(self._enter)

    def set_explanation(self, term: str, explanation: str) -> None:
        self._term, self._explanation = term, explanation
        name = _("What does “{term}” mean?").format(term=term)
        self.setAccessibleName(name)
        self.setToolTip(name)

    def explain(self) -> PlainDialog:
        return tell(self.window(), self._term, self._explanation)

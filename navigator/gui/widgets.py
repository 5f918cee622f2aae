"""Small widgets every screen shares: big buttons, check rows that wrap, plain dialogs, the "?"
explainer and the step bar (the language picker is in ``languages.py``).

Why they exist: a parent who has never used the app, perhaps on a touch screen, needs targets
at least 44 px high, words that wrap instead of being cut off at large text sizes, and one
consistent way to ask "what does this mean?".  Dialogs open with ``open()`` (window-modal, no
nested event loop), so the kiosk's idle timer and the tests keep running while one is up.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from navigator.i18n import _

log = logging.getLogger(__name__)
TOUCH = 48  # px: a comfortable touch target (the rule says at least 44)


# --- labels and buttons ------------------------------------------------------------------------


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


class CheckRow(QWidget):
    """A check box whose words wrap (a QCheckBox's own text never wraps and gets cut off at 150 %),
    with an optional "?" button beside it.  The box carries the words as its accessible name."""

    toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None, info: bool = True) -> None:
        super().__init__(parent)
        self.box = QCheckBox()
        self.box.setMinimumSize(TOUCH - 8, TOUCH - 8)
        self._enter = EnterClicks(self)
        self.box.installEventFilter(self._enter)
        self.label = ClickLabel()
        self.label.clicked.connect(self._label_clicked)
        self.info = InfoButton() if info else None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        if self.info is not None:
            layout.addWidget(self.info, 0, Qt.AlignmentFlag.AlignTop)
        self.setMinimumHeight(TOUCH - 4)
        self.box.toggled.connect(self.toggled)

    def _label_clicked(self) -> None:
        if self.box.isEnabled():
            self.box.toggle()
            self.box.setFocus(Qt.FocusReason.MouseFocusReason)

    def set_text(self, text: str, explanation: str | None = None, term: str | None = None) -> None:
        self.label.setText(text)
        self.box.setAccessibleName(text)
        if self.info is not None:
            self.info.setVisible(bool(explanation))
            self.info.set_explanation(term or text, explanation or "")

    def isChecked(self) -> bool:  # noqa: N802 (Qt spelling, like QCheckBox)
        return self.box.isChecked()

    def setChecked(self, on: bool) -> None:  # noqa: N802
        self.box.setChecked(on)

    def setEnabled(self, on: bool) -> None:  # noqa: N802
        self.box.setEnabled(on)
        self.label.setEnabled(on)


class ChoiceGroup(QObject):
    """Checkable buttons of which one is chosen, like radio buttons, but each reachable with Tab.

    Not a QButtonGroup on purpose: Qt takes Tab focus away from every unchecked button in a
    button group (expecting arrow keys, which a first-time user does not know).  The signals
    mirror QButtonGroup's.
    """

    buttonClicked = Signal(object)  # noqa: N815 (QButtonGroup's names)
    idClicked = Signal(int)  # noqa: N815

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._buttons: list[tuple[QAbstractButton, int]] = []

    def addButton(self, button: QAbstractButton, button_id: int = -1) -> None:  # noqa: N802
        self._buttons.append((button, button_id))
        button.clicked.connect(lambda _checked=False, b=button, i=button_id: self._clicked(b, i))

    def _clicked(self, button: QAbstractButton, button_id: int) -> None:
        self.choose(button)
        self.buttonClicked.emit(button)
        self.idClicked.emit(button_id)

    def buttons(self) -> list[QAbstractButton]:
        return [b for b, _i in self._buttons]

    def checkedButton(self) -> QAbstractButton | None:  # noqa: N802
        return next((b for b, _i in self._buttons if b.isChecked()), None)

    def checkedId(self) -> int:  # noqa: N802
        return next((i for b, i in self._buttons if b.isChecked()), -1)

    def choose(self, chosen: QAbstractButton | None) -> None:
        for button, _i in self._buttons:
            button.setChecked(button is chosen)


def choice_buttons(parent_layout: QGridLayout | QHBoxLayout, count: int,
                   columns: int) -> tuple[ChoiceGroup, list[BigButton]]:
    """``count`` checkable big buttons laid out in ``columns``, one of which is chosen at a time."""
    group = ChoiceGroup(parent_layout)
    buttons = []
    for i in range(count):
        button = BigButton("choice")
        button.setCheckable(True)
        group.addButton(button, i)
        if isinstance(parent_layout, QGridLayout):
            parent_layout.addWidget(button, i // columns, i % columns)
        else:
            parent_layout.addWidget(button)
        buttons.append(button)
    return group, buttons


# --- dialogs ---------------------------------------------------------------------------------


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
        outer.addLayout(self.button_row)

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


# --- the step bar ----------------------------------------------------------------------------


def vertical_scroll(content: QWidget, frame: bool = True) -> QScrollArea:
    """A page's scrolling body: it scrolls up and down, never sideways (text wraps instead,
    so nothing hides off the right edge at large text sizes).  ``frame=False`` for a part of
    a page or dialog that should not look like a box of its own."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    if not frame:
        scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(content)
    return scroll


class FitScroll(QScrollArea):
    """A scroll area as tall as its content when there is room, scrolling when there is not (the
    home page's "what we found" card above the map: the map keeps its minimum, the card the rest).

    The content is given its height for the view's width (Qt's own resizing would stretch it to
    its minimum size hint, the height it needs at its narrowest, and spread its lines apart)."""

    def __init__(self, content: QWidget) -> None:
        super().__init__()
        self.setWidgetResizable(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setWidget(content)
        content.installEventFilter(self)

    def _content_height(self, width: int) -> int:
        content = self.widget()
        height = content.heightForWidth(width) if content.hasHeightForWidth() else -1
        return height if height >= 0 else content.sizeHint().height()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        width = max(self.viewport().width(), 200)
        return QSize(self.widget().sizeHint().width(),
                     self._content_height(width) + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(0, min(self.sizeHint().height(), 3 * TOUCH))

    def _fit(self) -> None:
        width = self.viewport().width()
        self.widget().resize(width, self._content_height(width))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LayoutRequest and watched is self.widget():
            self._fit()
            self.updateGeometry()  # the content's height changed: ask the layout again
        return False

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit()
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # a new width wraps the words onto more or fewer lines


def button_row(*buttons: QWidget, end: bool = False) -> QHBoxLayout:
    """Buttons side by side at the start of a row, or at its end (a dialog's Close and OK)."""
    row = QHBoxLayout()
    if end:
        row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    if not end:
        row.addStretch(1)
    return row


class Reflows:
    """Mix-in for a widget that lays its buttons out again when its width or the text size
    changes (buttons never wrap their words, so at large text sizes they need fewer columns).

    The widget defines ``_reflow()``; ``_text_size_changed()`` may forget a cached layout.
    """

    def _text_size_changed(self) -> None:
        """Called before ``_reflow`` when the font or style changed."""

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._reflow()

    def changeEvent(self, event) -> None:  # noqa: N802 - text size changed
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._text_size_changed()
            self._reflow()


class StepBar(Reflows, QWidget):
    """The family's path as big numbered buttons; the current step is checked.  ``step(name)``.

    One row when it fits; at large text sizes the buttons wrap onto more rows instead of being
    cut off (the bar's own minimum width is small so the window never has to grow for it)."""

    step = Signal(str)

    def __init__(self, steps: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepBar")
        self.steps = list(steps)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(6)
        self.group, button_list = choice_buttons(self.grid, len(self.steps), len(self.steps))
        self.buttons: dict[str, QAbstractButton] = dict(zip(self.steps, button_list, strict=True))
        for name, button in self.buttons.items():
            button.setProperty("role", "step")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
            button.clicked.connect(lambda _checked=False, n=name: self.step.emit(n))
        self.setMinimumWidth(120)
        self._columns = len(self.steps)

    def _reflow(self) -> None:
        buttons = list(self.buttons.values())
        width = self.width()
        columns = len(buttons)
        while columns > 1:
            rows = [buttons[i:i + columns] for i in range(0, len(buttons), columns)]
            needed = max(sum(b.sizeHint().width() for b in row) + self.grid.spacing() * (len(row) - 1)
                         for row in rows)
            if needed <= width:
                break
            columns = (columns + 1) // 2 if columns > 2 else columns - 1
        if columns == self._columns:
            return
        self._columns = columns
        for button in buttons:
            self.grid.removeWidget(button)
        for i, button in enumerate(buttons):
            self.grid.addWidget(button, i // columns, i % columns)

    def set_texts(self, labels: Sequence[str]) -> None:
        from navigator.i18n import format_number

        for number, (name, label) in enumerate(zip(self.steps, labels, strict=True), start=1):
            # TRANSLATORS: a step in the step bar, e.g. "2. Your child".
            text = _("{number}. {step}").format(number=format_number(number), step=label)
            self.buttons[name].setText(text)
            self.buttons[name].setAccessibleName(text)
        self._reflow()

    def set_current(self, name: str | None) -> None:
        self.group.choose(self.buttons.get(name))


class SideBySide(Reflows, QWidget):
    """Two parts in one row, the second at the far end, when they fit; the second beneath the
    first when they do not (a page heading and its controls at large text sizes).  Its minimum
    width is the wider part's minimum, so the window never has to grow for the row."""

    def __init__(self, first: QWidget, second: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first, self.second = first, second
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(12)
        self._stacked: bool | None = None
        self._reflow()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a part's text, and so its width, changed
            self._reflow()
        return super().event(event)

    def _reflow(self) -> None:
        widths = (self.first.sizeHint().width(), self.second.sizeHint().width())
        # A part that wraps (a FlowLayout of buttons) needs only its widest item once stacked.
        self.setMinimumWidth(max(self.first.minimumSizeHint().width(),
                                 self.second.minimumSizeHint().width()))
        stacked = self.width() < sum(widths) + self.grid.horizontalSpacing()
        if stacked == self._stacked:
            return
        self._stacked = stacked
        self.grid.removeWidget(self.first)
        self.grid.removeWidget(self.second)
        self.grid.addWidget(self.first, 0, 0, Qt.AlignmentFlag.AlignLeft)
        if stacked:
            self.grid.addWidget(self.second, 1, 0, Qt.AlignmentFlag.AlignLeft)
        else:
            self.grid.addWidget(self.second, 0, 1, Qt.AlignmentFlag.AlignRight)
        self.grid.setColumnStretch(1, 0 if stacked else 1)


class FlowLayout(QLayout):
    """Widgets left to right, onto the next line when the row is full (chips, tags): the height
    follows the width, so nothing is cut off at large text sizes."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 8) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(spacing)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt override)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt override)
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt override)
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Everything on one row: what a row beside other parts (SideBySide) needs to stay one
        row; with less, the items wrap (heightForWidth) down to the widest one (minimumSize)."""
        shown = [item.sizeHint() for item in self._items if not item.isEmpty()]
        if not shown:
            return QSize(0, 0)
        return QSize(sum(h.width() for h in shown) + self.spacing() * (len(shown) - 1),
                     max(h.height() for h in shown))

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt override)
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _place(self, rect: QRect, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        gap = self.spacing()
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            width = min(hint.width(), rect.width())
            if x > rect.x() and x + width > rect.right() + 1:
                x, y, line = rect.x(), y + line + gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += width + gap
            line = max(line, hint.height())
        return y + line - rect.y()


def escape(text: str) -> str:
    """Pack text placed inside rich text (rare: most labels are plain text)."""
    return html.escape(text, quote=True)


def beside_map(left: QWidget) -> tuple[QSplitter, QWidget]:
    """A page's list (or options) and the shared map side by side, three parts to two, neither
    ever folded away: the splitter, and the holder the window moves the one map view into."""
    holder = QWidget()
    holder.setMinimumWidth(260)
    QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(left)
    splitter.addWidget(holder)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)
    return splitter, holder

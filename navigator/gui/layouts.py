"""Layouts that keep every word on screen at any text size: scrolling bodies, rows that reflow,
flowing chips, and the list beside the map.

Why: at 175 % text on a 1366 x 768 kiosk, buttons need fewer columns, a page's body must scroll
up and down (never sideways), and a wrapped text's height follows its width.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLayout,
    QLayoutItem,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from navigator.gui.widgets import TOUCH


def nest(outer: QBoxLayout | QGridLayout, inner: QLayout, *where) -> QLayout:
    """``outer.addLayout(inner, *where)``: the one way a layout goes inside another here.

    Why not ``addLayout`` itself: when ``outer`` is in a widget and ``inner`` already holds
    widgets, PySide makes a Python object for each of ``inner``'s items and keeps it for as long
    as ``outer`` lives.  Qt deletes an item when its widget moves to another layout or goes; the
    Python object stays registered at that address, and the next Qt object made there comes back
    to Python as a layout item, which Qt and PySide then write through (the app crashed now and
    then, far from the cause).  So ``inner`` goes in empty and its items are put back as they
    were: PySide keeps nothing for items added to a layout already in place."""
    parked = [_park(inner) for _ in range(inner.count())]
    outer.addLayout(inner, *where)
    for place, widget, layout, alignment, space in parked:
        if widget is not None:
            inner.addWidget(widget, *place, alignment)
        elif layout is not None:
            nest(inner, layout, *place)
        elif space == "stretch":
            inner.addStretch(*place)
        elif space is not None:
            inner.addSpacing(space)
    return inner


def _park(layout: QLayout) -> tuple:
    """Take ``layout``'s first item out, saying how to put it back: (place, widget, inner layout,
    alignment, "stretch" or a spacing in px).  The item itself is deleted at once: a widget's new
    item must be the one its size changes reach (Qt tells only the first item made for it)."""
    place = layout.getItemPosition(0) if isinstance(layout, QGridLayout) else (layout.stretch(0),)
    item = layout.takeAt(0)
    widget, inner, spacer = item.widget(), item.layout(), item.spacerItem()
    space = None
    if spacer is not None and isinstance(layout, QBoxLayout):  # addStretch's or addSpacing's
        across = layout.direction() in (QBoxLayout.Direction.LeftToRight,
                                        QBoxLayout.Direction.RightToLeft)
        along = Qt.Orientation.Horizontal if across else Qt.Orientation.Vertical
        size = spacer.sizeHint()
        space = "stretch" if spacer.expandingDirections() & along else \
            (size.width() if across else size.height())
    parked = (place, widget, inner, item.alignment(), space)
    if inner is None:  # an inner layout is put back itself
        shiboken6.delete(item)
    return parked


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

    def __init__(self, content: QWidget, least: int = 3 * TOUCH) -> None:
        """``least``: the height it keeps when the page is short of room (it scrolls then)."""
        super().__init__()
        self.least = least
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
        return QSize(0, min(self.sizeHint().height(), self.least))

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

class WrappingBody(QWidget):
    """A scrolling part (a dialog's, a page's): as tall as its wrapped text needs at the width it
    gets.

    A wrapped label's minimum size hint is its height at its narrowest, so a plain widget would
    ask the scroll area for far more height than it uses and show a scroll bar for nothing; and
    the scroll area sizes its widget by that hint, not by the height for its width.  So the hint
    says nothing about height, and the widget's minimum height follows its width instead."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        layout = self.layout()
        return QSize(layout.minimumSize().width() if layout is not None else 0, 0)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self.follow_width()

    def showEvent(self, event) -> None:  # noqa: N802 - texts set while hidden are measured now
        super().showEvent(event)
        self.follow_width()
        QTimer.singleShot(0, self, self.follow_width)  # and again once the scroll bar has settled

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a text changed: its height may have
            self.follow_width()
        return super().event(event)

    def follow_width(self) -> None:
        """Take the height the wrapped content needs at the present width (call it after
        changing the content, so the scroll area is right before the next paint)."""
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return
        need = layout.totalHeightForWidth(self.width())
        if need != self.minimumHeight():
            self.setMinimumHeight(need)

def card_section(title: QWidget, info: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
    """A card with its heading (and the heading's "?" at the right): one group of choices."""
    card = QFrame()
    card.setProperty("role", "card")
    layout = QVBoxLayout(card)
    layout.setSpacing(6)
    head = QHBoxLayout()
    head.addWidget(title, 1)
    if info is not None:
        head.addWidget(info, 0, Qt.AlignmentFlag.AlignTop)
    nest(layout, head)
    return card, layout


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
        # Stacked, the first part takes the whole width: a wrapped text gets its height for it.
        self.grid.addWidget(self.first, 0, 0, Qt.AlignmentFlag(0) if stacked else Qt.AlignmentFlag.AlignLeft)
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

"""Is anything on screen cut off, overlapping, or too small to touch?  One check for every screen and
dialog, used by the tests (at normal and largest text, in every complete language) and printed by
``navigator screenshots`` beside the pictures.

What counts as a problem, and why:

* a button narrower than its words, a wrapped label shorter than its lines, a one-line label
  narrower than its text: words are cut off;
* a widget that sticks out of the widget it is in (a scroll area's content may, that is scrolling):
  part of it cannot be seen or tapped;
* two widgets a layout placed on top of each other: one hides the other;
* a control lower than 44 px, a scroll bar narrower than 44 px: too small for a finger;
* a window or dialog larger than the screen it is shown on: its edges are off the screen.

The map (a web page) checks itself in its own tests and is skipped here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QLabel,
    QLayout,
    QLineEdit,
    QScrollArea,
    QScrollBar,
    QWidget,
)

TOUCH_MIN = 44  # px: the smallest touch target the product allows
SLACK = 1  # px: rounding
# A focused button's ring is a pixel or two thicker than its border: its size hint grows without
# Qt asking its layout again.  Those pixels come out of the padding, never out of the words.
FOCUS_RING = 3


def _name(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QLabel | QAbstractButton):
        text = widget.text()
    text = text or widget.accessibleName() or widget.objectName()
    return f"{type(widget).__name__} {text[:40]!r}"


def _managed(layout: QLayout) -> list[QWidget]:
    """The widgets a layout (and the layouts inside it) places.

    Asked with ``indexOf``, never ``itemAt``: PySide keeps the Python object ``itemAt`` hands out
    for as long as the layout lives, and it outlives the item when Qt deletes it (its widget moved
    or went); the next Qt object made at that address then comes back to Python as a layout item.
    The layout tests, walking every screen in eleven languages, crashed now and then from that."""
    owner = layout.parentWidget()
    if owner is None:
        return []
    layouts = [layout, *layout.findChildren(QLayout)]
    children = owner.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return [w for w in children if any(inner.indexOf(w) >= 0 for inner in layouts)]


def _in_scrolled_content(widget: QWidget) -> bool:
    """The content of a scroll area is meant to be larger than the part shown."""
    parent = widget.parentWidget()
    area = parent.parentWidget() if parent is not None else None
    return isinstance(area, QScrollArea) and area.widget() is widget


def _text_problems(widget: QWidget) -> list[str]:
    if isinstance(widget, QAbstractButton) and not isinstance(widget, QCheckBox) and widget.text():
        if widget.width() + FOCUS_RING < widget.sizeHint().width():
            return [f"{_name(widget)} is cut off: {widget.width()} < {widget.sizeHint().width()} px"]
    elif isinstance(widget, QLabel) and widget.text() and widget.wordWrap():
        need = widget.heightForWidth(widget.width())
        if widget.height() + SLACK < need:
            return [f"{_name(widget)} is cut off: {widget.height()} < {need} px high"]
    elif isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
        if widget.width() + SLACK < widget.sizeHint().width():
            return [f"{_name(widget)} is cut off: {widget.width()} < {widget.sizeHint().width()} px"]
    elif isinstance(widget, QScrollArea) and widget.widget() is not None:
        need = widget.widget().minimumSizeHint().width()
        if widget.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff and \
                need > widget.viewport().width() + SLACK:
            return [f"{_name(widget)}: its content needs {need} px, the view has "
                    f"{widget.viewport().width()} and does not scroll sideways"]
    return []


def _touch_problems(widget: QWidget) -> list[str]:
    if isinstance(widget, QScrollBar):
        thickness = widget.width() if widget.orientation() == Qt.Orientation.Vertical \
            else widget.height()
        if thickness + SLACK < TOUCH_MIN:
            return [f"a scroll bar {thickness} px thick, less than {TOUCH_MIN}"]
        return []
    if not widget.isEnabled() or isinstance(widget, QCheckBox):
        return []
    if isinstance(widget, QAbstractButton | QLineEdit | QComboBox):
        if widget.height() + SLACK < TOUCH_MIN:
            return [f"{_name(widget)} is {widget.height()} px high, less than {TOUCH_MIN}"]
    return []


def _overlaps(widget: QWidget) -> list[str]:
    layout = widget.layout()
    if layout is None:
        return []
    placed = [w for w in _managed(layout) if w.isVisible() and w.parentWidget() is widget]
    problems = []
    for i, first in enumerate(placed):
        for second in placed[i + 1:]:
            overlap = first.geometry().intersected(second.geometry())
            if overlap.width() > 2 and overlap.height() > 2:
                problems.append(f"{_name(first)} and {_name(second)} overlap by "
                                f"{overlap.width()}x{overlap.height()} px")
    return problems


def _sticks_out(widget: QWidget) -> list[str]:
    parent = widget.parentWidget()
    if parent is None or widget.isWindow() or _in_scrolled_content(widget):
        return []
    if isinstance(parent, QAbstractScrollArea) and widget is not parent.viewport() and \
            not isinstance(widget, QScrollBar) and widget.parentWidget() is parent.viewport():
        return []
    inside = parent.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK)
    if not inside.contains(widget.geometry()):
        g = widget.geometry()
        return [f"{_name(widget)} sticks out of {_name(parent)}: {g.x()},{g.y()} {g.width()}x"
                f"{g.height()} in {parent.width()}x{parent.height()}"]
    return []


def layout_problems(root: QWidget, screen: QSize | None = None,
                    skip: Callable[[QWidget], bool] | None = None) -> list[str]:
    """Every problem in ``root`` (a window or dialog) and the widgets it shows, as sentences."""
    problems = []
    if screen is not None:
        need = root.minimumSizeHint().expandedTo(root.minimumSize())
        if need.width() > screen.width() or need.height() > screen.height():
            problems.append(f"{_name(root)} needs {need.width()}x{need.height()} px, more than "
                            f"the {screen.width()}x{screen.height()} screen")
        if not QRect(0, 0, screen.width(), screen.height()).contains(QRect(0, 0, root.width(),
                                                                          root.height())):
            problems.append(f"{_name(root)} is {root.width()}x{root.height()} px, larger than "
                            f"the {screen.width()}x{screen.height()} screen")
    widgets = [w for w in [root, *root.findChildren(QWidget)]
               if w.isVisible() and QWidget.window(w) is root]
    skipped = [w for w in widgets if skip is not None and skip(w)]
    for widget in widgets:
        if any(s is widget or s.isAncestorOf(widget) for s in skipped):
            continue
        if isinstance(widget, QAbstractItemView) and not widget.isEnabled():
            continue
        problems += _text_problems(widget) + _touch_problems(widget) + _overlaps(widget)
        problems += _sticks_out(widget)
    return problems

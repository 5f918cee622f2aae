"""The layout check leaves no Python object standing for a layout item.

PySide keeps the Python object ``QLayout.itemAt`` hands out for as long as the layout lives; Qt
deletes the item when its widget moves to another layout or goes, and the next Qt object made at
that address came back to Python as a ``QWidgetItem`` (a style's ``polish`` was handed one): the
layout tests, which check every screen in eleven languages, crashed now and then, far from the
cause.  So ``layout_check`` asks layouts with ``indexOf``, and a filled layout goes inside
another through ``layouts.nest``, which PySide keeps nothing for.
"""

from __future__ import annotations

import gc

import shiboken6
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from navigator.gui.layout_check import layout_problems
from navigator.gui.layouts import nest
from navigator.gui.widgets import plain_label


def _item_objects() -> list[QLayoutItem]:
    gc.collect()
    return [o for o in gc.get_objects()
            if isinstance(o, QLayoutItem) and not isinstance(o, QLayout) and shiboken6.isValid(o)]


def _window() -> QWidget:
    window = QWidget()
    outer = QVBoxLayout(window)
    row = QHBoxLayout()
    outer.addLayout(row)  # empty when nested: PySide makes no item objects for it
    row.addWidget(QLabel("Where you live"))
    row.addWidget(QPushButton("Next"))
    outer.addWidget(QLabel("Schools near you"))
    window.resize(400, 300)
    window.show()
    return window


def test_the_check_sees_overlaps_inside_nested_layouts(qapp):
    window = _window()
    label = window.findChild(QLabel)
    button = window.findChild(QPushButton)
    button.setGeometry(label.geometry())  # on top of the label, as a broken layout would put it
    problems = layout_problems(window, QSize(1366, 768))
    assert any("overlap" in p for p in problems), problems


def test_the_check_leaves_no_item_objects(qapp):
    before = len(_item_objects())
    window = _window()
    layout_problems(window, QSize(1366, 768))
    assert len(_item_objects()) == before
    window.close()


def test_item_at_would_leave_one(qapp):
    """The PySide behaviour the check avoids: if this starts failing, PySide lets go of
    ``itemAt``'s objects and the check could use it again."""
    window = _window()
    before = len(_item_objects())
    item = window.layout().itemAt(1)
    del item
    assert len(_item_objects()) == before + 1
    window.close()


def test_nest_keeps_the_layout_and_leaves_no_item_objects(qapp):
    window = QWidget()
    outer = QVBoxLayout(window)
    row = QHBoxLayout()
    button = QPushButton("Read aloud")
    row.addStretch(2)
    row.addWidget(button, 3, Qt.AlignmentFlag.AlignTop)
    row.addSpacing(7)
    nest(outer, row, 1)
    grid = QGridLayout()
    label = QLabel("Grades")
    grid.addWidget(label, 1, 2, 1, 2)
    nest(outer, grid)
    assert [row.stretch(i) for i in range(row.count())] == [2, 3, 0]
    assert outer.stretch(0) == 1
    assert row.indexOf(button) == 1 and button.parentWidget() is window
    spacing = [row.itemAt(i).spacerItem() for i in (0, 2)]
    assert isinstance(spacing[1], QSpacerItem) and spacing[1].sizeHint().width() == 7
    assert grid.getItemPosition(grid.indexOf(label)) == (1, 2, 1, 2)
    del spacing  # itemAt's objects (see above); the rest of the test counts without them
    before = len(_item_objects())
    other = QHBoxLayout()
    nest(outer, other)
    other.addWidget(button)  # Qt deletes the button's first item here
    assert len(_item_objects()) == before
    window.close()


def test_a_nested_label_still_follows_the_text_size(qapp):
    """The label's new item must be the one Qt tells of its size changes (the old one is
    deleted first): else Your child's name label kept its old height when the text grew."""
    window = QWidget()
    outer = QVBoxLayout(window)
    label = plain_label()
    label.setText("First name (you may leave it empty):")
    box = QVBoxLayout()
    box.addWidget(label)
    row = QHBoxLayout()
    row.addWidget(QPushButton("+ Add a brother or sister"))
    nest(box, row)
    nest(outer, box)
    outer.addStretch(1)
    window.resize(600, 400)
    window.show()
    qapp.processEvents()
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    label.setFont(font)
    for _ in range(3):
        qapp.processEvents()
    assert label.height() >= label.heightForWidth(label.width()) > 0
    window.close()

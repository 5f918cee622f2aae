"""The layout check leaves no Python object standing for a layout item.

PySide keeps the Python object ``QLayout.itemAt`` hands out for as long as the layout lives; Qt
deletes the item when its widget moves to another layout or goes, and the next Qt object made at
that address came back to Python as a ``QWidgetItem`` (a style's ``polish`` was handed one): the
layout tests, which check every screen in eleven languages, crashed now and then, far from the
cause.  So ``layout_check`` asks layouts with ``indexOf`` instead.
"""

from __future__ import annotations

import gc

import shiboken6
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QLayoutItem, QPushButton, QVBoxLayout, QWidget

from navigator.gui.layout_check import layout_problems


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

"""A button whose words wrap (``WrapButton``): on more lines when its row is narrower than its words
on one, never narrower than its longest word, and on one line again when the row grows."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget  # noqa: E402

from navigator.gui.layout_check import layout_problems  # noqa: E402
from navigator.gui.selftest import wait_until  # noqa: E402
from navigator.gui.widgets import BigButton, WrapButton  # noqa: E402

WORDS = "Walang boses para sa wikang ito sa computer na ito"


def _row(qapp, width: int) -> tuple[QWidget, WrapButton]:
    row = QWidget()
    layout = QHBoxLayout(row)
    wrap = WrapButton()
    wrap.setText(WORDS)
    neighbour = BigButton()  # a neighbour that keeps its width
    neighbour.setText("Add to my list")
    layout.addWidget(neighbour)
    layout.addWidget(wrap)
    layout.addStretch(1)
    row.resize(width, 200)
    row.show()
    return row, wrap


def test_the_words_go_onto_more_lines_in_a_narrow_row_and_back_onto_one(qapp):
    one_line = QPushButton(WORDS).sizeHint().width()
    row, wrap = _row(qapp, one_line)  # the neighbour leaves less than one line's width
    try:
        assert wait_until(lambda: "\n" in QPushButton.text(wrap), 2)
        lines = QPushButton.text(wrap).split("\n")
        assert " ".join(lines) == WORDS and wrap.words() == WORDS and len(lines) >= 2
        assert wrap.width() >= wrap.sizeHint().width()  # nothing cut off
        assert wait_until(lambda: not layout_problems(row), 2), layout_problems(row)
        row.resize(one_line * 2, 200)
        assert wait_until(lambda: QPushButton.text(wrap) == WORDS, 2)
    finally:
        row.close()


def test_it_never_asks_for_less_than_its_longest_word(qapp):
    row, wrap = _row(qapp, 400)
    try:
        longest = max(wrap.fontMetrics().horizontalAdvance(word) for word in WORDS.split())
        assert wrap.minimumSizeHint().width() > longest
        assert wrap.minimumSizeHint().width() < QPushButton(WORDS).sizeHint().width()
    finally:
        row.close()

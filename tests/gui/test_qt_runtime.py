"""The Qt binding itself: PySide6 6.12.0's wheels drop a reference to None on every void call
under Python 3.11, which aborts the interpreter after a few thousand calls (a family switching
language a dozen times).  pyproject pins a release without the fault; this keeps it so."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_keep_none_alive(qapp) -> None:
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(5000):
        label.setText("x")
        label.update()
    assert sys.getrefcount(None) >= before - 50

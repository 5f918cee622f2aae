"""The take-home list's dialogs (print or save, the QR codes, open a list from a QR code), at
normal and at the largest text size, in all eleven languages, on a 1366 x 768 kiosk screen, with
the window behind them: nothing cut off, nothing overlapping, nothing too small to touch.  The
walk and the check: layout_walk.py; the other screens: test_every_screen.py.
"""

from __future__ import annotations

import pytest
from layout_walk import LANGUAGES, TAKE_HOME, failures, report


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_take_home_dialogs_fit(layout_walkthrough, lang):
    failed = failures(layout_walkthrough, lang, lambda name: name in TAKE_HOME)
    assert not failed, report(failed)

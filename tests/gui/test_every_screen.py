"""Every screen of ``navigator screenshots`` (its ``SHOTS``) but the take-home dialogs (those are
test_every_dialog.py), at normal and at the largest text size, in all eleven languages (Arabic
and Farsi mirrored, right to left), on a 1366 x 768 kiosk screen: nothing cut off, nothing
overlapping, nothing too small to touch.  The walk and the check: layout_walk.py.
"""

from __future__ import annotations

import pytest
from layout_walk import LANGUAGES, TAKE_HOME, failures, report

from navigator.gui.screenshots import SHOTS


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_screen_is_cut_off_or_overlapping(layout_walkthrough, lang):
    failed = failures(layout_walkthrough, lang, lambda name: name not in TAKE_HOME)
    assert not failed, report(failed)


def test_every_shot_has_a_distinct_name_and_opens_something():
    names = [shot.name for shot in SHOTS]
    assert len(set(names)) == len(names) and names == sorted(names)
    assert {"12-compare", "14-qr", "10-profile-second-language", "16-start-over",
            "17-still-there"} <= set(names)
    assert TAKE_HOME <= set(names)

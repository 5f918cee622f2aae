"""Every screen and dialog of ``navigator screenshots`` (its ``SHOTS``), at normal and at the largest
text size, in all eleven languages (Arabic and Farsi mirrored, right to left), on a 1366 x 768 kiosk
screen: nothing cut off, nothing overlapping, nothing too small to touch
(``navigator.gui.layout_check``).

One window for the module (the map's Chromium is the slow part); each screen gets up to a second
for its layouts to settle, and passes as soon as it is clean.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize  # noqa: E402

from navigator.gui import map_view as _map_view  # noqa: E402,F401  (Chromium flags first)
from navigator.gui.layout_check import layout_problems  # noqa: E402
from navigator.gui.screenshots import SHOTS, SIZE, Walkthrough  # noqa: E402
from navigator.gui.selftest import wait_until  # noqa: E402
from navigator.i18n import available_languages  # noqa: E402
from navigator.resources import demo_pack  # noqa: E402

LANGUAGES = [language.code for language in available_languages()]


@pytest.fixture(scope="module")
def walkthrough(qapp):
    walk = Walkthrough(demo_pack())
    yield walk
    walk.state.start_over()
    walk.state.set_language("en")
    walk.close()


def _problems(walk: Walkthrough, dialog) -> list[str]:
    screen = QSize(*SIZE)
    view = walk.window.map_view

    def in_map(widget) -> bool:
        return widget is view

    found = layout_problems(walk.window, screen, skip=in_map)
    if dialog is not None and dialog.isVisible():
        found += [f"dialog: {p}" for p in layout_problems(dialog, screen)]
    return found


# The take-home list's dialogs (navigator/gui/export_dialog.py, qr_dialog.py): checked on their
# own, so a failure says which part of the app it is in.
TAKE_HOME = {"13-print-or-save", "14-qr", "15-open-from-qr"}


def _failures(walkthrough, lang: str, wanted) -> dict[str, list[str]]:
    failures = {}
    for _lang, variant, shot, dialog in walkthrough.each([lang], ["normal", "largest"], wanted):
        found: list[str] = []

        def clean(dialog=dialog, found=found) -> bool:
            found[:] = _problems(walkthrough, dialog)
            return not found

        if not wait_until(clean, 1.0):
            failures[f"{variant} {shot.name}"] = found
    return failures


def _report(failures: dict[str, list[str]]) -> str:
    return "\n".join(f"{where}: {problem}" for where, found in failures.items() for problem in found)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_screen_or_dialog_is_cut_off_or_overlapping(walkthrough, lang):
    failures = _failures(walkthrough, lang, lambda name: name not in TAKE_HOME)
    assert not failures, _report(failures)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_take_home_dialogs_fit_too(walkthrough, lang):
    failures = _failures(walkthrough, lang, lambda name: name in TAKE_HOME)
    assert not failures, _report(failures)


def test_every_shot_has_a_distinct_name_and_opens_something():
    names = [shot.name for shot in SHOTS]
    assert len(set(names)) == len(names) and names == sorted(names)
    assert {"12-compare", "14-qr", "10-profile-second-language", "16-start-over",
            "17-still-there"} <= set(names)

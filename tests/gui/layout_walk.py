"""What the two layout tests share (test_every_screen.py: the screens; test_every_dialog.py:
the take-home dialogs): the languages, the screens' walk and the check of each, on a 1366 x 768
kiosk screen at normal and at the largest text size (``navigator.gui.layout_check``).

Two files, so the two halves run side by side on a test run's two processes; each opens one
window for its module (the map's Chromium is the slow part).  Each screen gets up to a second for
its layouts to settle, and passes as soon as it is clean.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shiboken6  # noqa: E402
from PySide6.QtCore import QSize  # noqa: E402
from PySide6.QtWidgets import QLayout, QLayoutItem  # noqa: E402

from navigator.gui import map_view as _map_view  # noqa: E402,F401  (Chromium flags first)
from navigator.gui.layout_check import layout_problems  # noqa: E402
from navigator.gui.layouts import FlowLayout  # noqa: E402
from navigator.gui.screenshots import SIZE, Walkthrough  # noqa: E402
from navigator.gui.selftest import wait_until  # noqa: E402
from navigator.i18n import available_languages  # noqa: E402
from navigator.resources import demo_pack  # noqa: E402

LANGUAGES = [language.code for language in available_languages()]
# The take-home list's dialogs (navigator/gui/export_dialog.py, qr_dialog.py): checked on their
# own, so a failure says which part of the app it is in.
TAKE_HOME = {"13-print-or-save", "14-qr", "15-open-from-qr"}


def open_walkthrough() -> Walkthrough:
    """The window the layout tests walk through (their ``layout_walkthrough`` fixture, one per
    test file: gui/conftest.py)."""
    return Walkthrough(demo_pack())


def close_walkthrough(walk: Walkthrough) -> None:
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


def failures(walk: Walkthrough, lang: str, wanted: Callable[[str], bool]) -> dict[str, list[str]]:
    """Each wanted shot, at normal and largest text, that is still not clean after a second."""
    failed = {}
    for _lang, variant, shot, dialog in walk.each([lang], ["normal", "largest"], wanted):
        found: list[str] = []

        def clean(dialog=dialog, found=found) -> bool:
            found[:] = _problems(walk, dialog)
            return not found

        if not wait_until(clean, 1.0):
            failed[f"{variant} {shot.name}"] = found
    left = live_layout_items()
    if left:  # each may one day stand for a Qt object made at its address: a crash
        failed["layout items"] = [f"{len(left)} Python objects of layout items left: "
                                  f"{sorted({type(item).__name__ for item in left})}"]
    return failed


def report(failed: dict[str, list[str]]) -> str:
    return "\n".join(f"{where}: {problem}" for where, found in failed.items() for problem in found)


def live_layout_items() -> list[QLayoutItem]:
    """Python objects of layout items that still answer for an address: none may be left, as Qt
    deletes items behind Python's back (``navigator.gui.layouts.nest``).  A FlowLayout's own are
    left out: it keeps them in Python and hands them back to Qt itself."""
    gc.unfreeze()  # the app moves what lives out of the collector's sight: look at everything
    try:
        own = {id(i) for o in gc.get_objects() if isinstance(o, FlowLayout) for i in o._items}
        return [o for o in gc.get_objects()
                if isinstance(o, QLayoutItem) and not isinstance(o, QLayout)
                and shiboken6.isValid(o) and id(o) not in own]
    finally:
        gc.freeze()

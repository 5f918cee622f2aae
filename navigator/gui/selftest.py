"""``navigator --self-test``: open the real main window offscreen, search, load the map, and check
that the page asked for nothing outside the machine.  One line on success, the reason otherwise.

It is what a person setting up a kiosk runs first, and what CI runs on the frozen build: every
wait is bounded, so a broken install fails with a reason instead of hanging.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from navigator.errors import UserError

TIMEOUT_S = 20.0


def wait_until(predicate: Callable[[], bool], timeout_s: float = 15) -> bool:
    """Run the Qt event loop until ``predicate()`` is true or the time is up."""
    from PySide6.QtCore import QEventLoop, QTimer

    if predicate():
        return True
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(lambda: predicate() and loop.quit())
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    poll.start()
    loop.exec()
    poll.stop()
    return bool(predicate())


def dispose(window) -> None:
    """Close and delete a window now, so its web page goes before the shared web profile does."""
    from PySide6.QtCore import QCoreApplication, QEvent

    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def self_test(pack_path: Path, timeout_s: float = TIMEOUT_S) -> tuple[bool, str]:
    """(passed, one-line summary or reason)."""
    started = time.perf_counter()
    # The dialogs load lazily in the app; load them here so a build missing QtPdf or QtSvg fails.
    import navigator.gui.export_dialog  # noqa: F401
    import navigator.gui.qr_dialog  # noqa: F401
    from navigator.gui.app import application, create_window
    from navigator.gui.map_view import map_profile

    application(offscreen=True)
    _profile, guard = map_profile()
    before = len(guard.seen)  # only this window's requests count (tests share one app run)
    try:
        _app, state, window = create_window(pack_path, offscreen=True)
    except UserError as err:  # the pack cannot be read: say why, in the self-test's one line
        return False, f"self-test failed: {err}"
    try:
        window.resize(1280, 800)
        window.show()
        results: list = []
        failures: list[str] = []
        state.results_ready.connect(results.append)
        state.search_failed.connect(failures.append)
        state.search()
        if not wait_until(lambda: bool(results or failures), timeout_s):
            return False, f"self-test failed: no search result within {timeout_s:g} s"
        if failures:
            return False, f"self-test failed: the search failed: {failures[0]}"
        view = window.map_view
        if not wait_until(lambda: view.is_ready, timeout_s):
            return False, f"self-test failed: the map did not load within {timeout_s:g} s"
        if os.environ.get("NAVIGATOR_REPORT_USABLE"):  # for build/bench_frozen.py
            print(f"usable_at={time.time():.3f}", flush=True)
        window.go("home")  # the map in a page, as a family sees it
        wait_until(lambda: False, 0.3)
        if not guard.seen[before:]:
            return False, "self-test failed: the request guard saw no request at all (is it installed?)"
        outside = [url for url in guard.seen[before:] if not guard.is_allowed(urlsplit(url).scheme)]
        if outside:
            return False, (f"self-test failed: the map asked for {len(outside)} network address(es), "
                           f"first {outside[0]}")
        errors = view.page().errors()
        if errors:
            return False, f"self-test failed: the map page reported an error: {errors[0]}"
        broken_export = export_problem(state.pack, [r.id for r in results[-1].results[:3]],
                                       state.today())
        if broken_export:
            return False, f"self-test failed: {broken_export}"
        elapsed = time.perf_counter() - started
        count = results[-1].count
        return True, (f"self-test passed: {count} schools, map loaded, 0 network requests, "
                      f"{printers_found()}, {elapsed:.1f} s")
    finally:
        state.runner.wait()
        dispose(window)


def export_problem(pack, school_ids: list[str], today: date) -> str | None:
    """Why a family's take-home list cannot be made, or None: a Korean and English PDF (fonts
    found, embedded and subset) and a web page, rendered in memory and read back."""
    from navigator.exports import render
    from navigator.shortlist import FamilyList, ListedSchool

    family_list = FamilyList(region=pack.region.id, schools=[ListedSchool(i) for i in school_ids])
    try:
        pdf = render(pack, family_list, "pdf", "ko", today, second_lang="en")
        html = render(pack, family_list, "html", "es", today).decode("utf-8")
    except Exception as err:  # noqa: BLE001 - any failure here is the answer
        return f"the list could not be exported: {type(err).__name__}: {err}"
    if not pdf.startswith(b"%PDF") or b"/FontFile2" not in pdf:
        return "the PDF export has no embedded font"
    if 'lang="es"' not in html:
        return "the web page export is not in Spanish"
    return None


def printers_found() -> str:
    """What a person setting up a kiosk needs to know before a family asks to print."""
    from PySide6.QtPrintSupport import QPrinterInfo

    names = QPrinterInfo.availablePrinterNames()
    if not names:
        return "no printer (lists can be saved or shown as a QR code)"
    default = QPrinterInfo.defaultPrinterName()
    return f"{len(names)} printer(s), default {default or 'none'}"


def run_self_test(pack_path: Path) -> int:
    passed, line = self_test(pack_path)
    print(line, file=sys.stdout if passed else sys.stderr)
    return 0 if passed else 1

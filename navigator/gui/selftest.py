"""``navigator --self-test [--json]``: open the real main window offscreen, search, load the map
and its street map, check that the page asked for nothing outside the machine, render a Korean and
English PDF and list the printers.  One line on success, the reason otherwise (or one JSON object:
docs/kiosk-setup.md tells an attendant how to read it).

It is what a person setting up a kiosk runs first, and what CI runs on the frozen build: every
wait is bounded, so a broken install fails with a reason instead of hanging.
"""

from __future__ import annotations

import json
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
    """Close and delete a window now, so its web page goes before the shared web profile does;
    its operations' worker threads end, their pack connections closed."""
    from PySide6.QtCore import QCoreApplication, QEvent

    state = getattr(window, "state", None)
    if state is not None:
        state.operations.close()
    reader = getattr(window, "read_aloud", None)
    if reader is not None:
        reader.close()  # its engine's thread, before the window is deleted
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


class SelfTestFailed(Exception):
    """One reason the install is not ready, in a sentence."""


def self_test(pack_path: Path, timeout_s: float = TIMEOUT_S) -> tuple[bool, str]:
    """(passed, one-line summary or reason)."""
    report = self_test_report(pack_path, timeout_s)
    return report["ok"], report["summary"]


def self_test_report(pack_path: Path, timeout_s: float = TIMEOUT_S) -> dict:
    """What ``--self-test --json`` prints: ``ok``, ``summary`` (the one line), ``error`` (when not
    ok), ``schools``, ``network_requests``, ``basemap_tiles`` (tiles the map loaded from the pack),
    ``basemap`` (the pack's street map, or None), ``pdf_languages``, ``printers``, ``seconds``."""
    started = time.perf_counter()
    figures: dict = {"ok": False, "summary": "", "schools": None, "network_requests": None,
                     "basemap_tiles": None, "basemap": None, "pdf_languages": [], "printers": None,
                     "seconds": None}
    try:
        _run_checks(pack_path, timeout_s, figures)
        figures["ok"] = True
    except SelfTestFailed as failure:
        figures["error"] = str(failure)
        figures["summary"] = f"self-test failed: {failure}"
    figures["seconds"] = round(time.perf_counter() - started, 1)
    if figures["ok"]:
        tiles = (f"street map drawn from {figures['basemap_tiles']} tiles" if figures["basemap"]
                 else "no street map in this pack")
        figures["summary"] = (
            f"self-test passed: {figures['schools']} schools, map loaded, 0 network requests, "
            f"{tiles}, {printers_line(figures['printers'])}, {figures['seconds']:.1f} s")
    return figures


def _run_checks(pack_path: Path, timeout_s: float, figures: dict) -> None:
    # The dialogs load lazily in the app; load them here so a build missing QtPdf or QtSvg fails.
    import navigator.gui.export_dialog  # noqa: F401
    import navigator.gui.qr_dialog  # noqa: F401
    from navigator.gui.app import application, create_window
    from navigator.gui.map_view import map_profile, map_tiles

    application(offscreen=True)
    _profile, guard = map_profile()
    tiles = map_tiles()
    before = len(guard.seen)  # only this window's requests count (tests share one app run)
    served_before = tiles.served
    try:
        _app, state, window = create_window(pack_path, offscreen=True)
    except UserError as err:  # the pack cannot be read: say why, in the self-test's one line
        raise SelfTestFailed(str(err)) from None
    try:
        window.resize(1280, 800)
        window.show()
        results: list = []
        failures: list[str] = []
        state.results_ready.connect(results.append)
        state.search_failed.connect(failures.append)
        state.search()
        if not wait_until(lambda: bool(results or failures), timeout_s):
            raise SelfTestFailed(f"no search result within {timeout_s:g} s")
        if failures:
            raise SelfTestFailed(f"the search failed: {failures[0]}")
        figures["schools"] = results[-1].count
        view = window.map_view
        if not wait_until(lambda: view.is_ready, timeout_s):
            raise SelfTestFailed(f"the map did not load within {timeout_s:g} s")
        if os.environ.get("NAVIGATOR_REPORT_USABLE"):  # for build/bench_frozen.py
            print(f"usable_at={time.time():.3f}", flush=True)
        window.go("home")  # the map in a page, as a family sees it
        basemap = window.map_sync.basemap
        figures["basemap"] = basemap.as_json() if basemap else None
        if basemap is not None:
            # The street map's tiles arrive one by one through the navigator-tiles: scheme.
            wait_until(lambda: tiles.served - served_before >= 4, timeout_s)
        wait_until(lambda: False, 0.3)
        figures["basemap_tiles"] = tiles.served - served_before
        if basemap is not None and not figures["basemap_tiles"]:
            raise SelfTestFailed("the pack has a street map but the map drew none of its tiles "
                                 "(is protomaps-leaflet installed? run scripts/setup.sh)")
        if not guard.seen[before:]:
            raise SelfTestFailed("the request guard saw no request at all (is it installed?)")
        outside = [url for url in guard.seen[before:] if not guard.is_allowed(urlsplit(url).scheme)]
        figures["network_requests"] = len(outside)
        if outside:
            raise SelfTestFailed(f"the map asked for {len(outside)} network address(es), first "
                                 f"{outside[0]}")
        errors = view.page().errors()
        if errors:
            raise SelfTestFailed(f"the map page reported an error: {errors[0]}")
        broken_export = export_problem(state.pack, [r.id for r in results[-1].results[:3]],
                                       state.today())
        if broken_export:
            raise SelfTestFailed(broken_export)
        figures["pdf_languages"] = ["ko", "en", *SCRIPT_PDFS]
        figures["printers"] = printers()
    finally:
        state.operations.wait()
        dispose(window)


# Printed lists the self-test renders alone, besides Korean and English: Armenian (its own
# letters) and Arabic (joined by HarfBuzz, right to left), so a build without their fonts or the
# shaping engine fails here rather than at a family's print.
SCRIPT_PDFS = ("hy", "ar")


def export_problem(pack, school_ids: list[str], today: date) -> str | None:
    """Why a family's take-home list cannot be made, or None: a Korean and English PDF, an
    Armenian and an Arabic one (fonts found, embedded and subset; Arabic shaped) and a web page,
    rendered in memory and read back."""
    from navigator.exports import render
    from navigator.shortlist import FamilyList, ListedSchool

    family_list = FamilyList(region=pack.region.id, schools=[ListedSchool(i) for i in school_ids])
    try:
        pdfs = {"ko": render(pack, family_list, "pdf", "ko", today, second_lang="en")}
        pdfs |= {lang: render(pack, family_list, "pdf", lang, today) for lang in SCRIPT_PDFS}
        html = render(pack, family_list, "html", "es", today).decode("utf-8")
    except Exception as err:  # noqa: BLE001 - any failure here is the answer
        return f"the list could not be exported: {type(err).__name__}: {err}"
    for lang, pdf in pdfs.items():
        if not pdf.startswith(b"%PDF") or b"/FontFile2" not in pdf:
            return f"the PDF export ({lang}) has no embedded font"
    if 'lang="es"' not in html:
        return "the web page export is not in Spanish"
    return None


def printers() -> dict:
    """The printers the system offers (names and the default), for a person setting up a kiosk."""
    from PySide6.QtPrintSupport import QPrinterInfo

    return {"names": list(QPrinterInfo.availablePrinterNames()),
            "default": QPrinterInfo.defaultPrinterName() or None}


def printers_line(found: dict | None) -> str:
    """What a person setting up a kiosk needs to know before a family asks to print."""
    if not found or not found["names"]:
        return "no printer (lists can be saved or shown as a QR code)"
    return f"{len(found['names'])} printer(s), default {found['default'] or 'none'}"


def run_self_test(pack_path: Path, as_json: bool = False) -> int:
    """One line (or, with ``as_json``, one JSON object on standard output); exit 0 when passed."""
    report = self_test_report(pack_path)
    if as_json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(report["summary"], file=sys.stdout if report["ok"] else sys.stderr)
    return 0 if report["ok"] else 1

"""Starting the desktop app: Qt set up for offline kiosks, then the main window.

``create_window`` is shared by the app, ``--self-test`` and ``navigator screenshots`` so all
three open exactly the same window.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from navigator.gui.map_view import configure_chromium_environment

IDLE_ENV = "NAVIGATOR_IDLE_TIMEOUT"


def application(offscreen: bool = False):
    """The QApplication (made once), with Chromium's flags set before QtWebEngine starts."""
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    configure_chromium_environment()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Navigator")
    app.setOrganizationName("Navigator")
    return app


def create_window(pack_path: Path, lang: str | None = None, kiosk: bool = False,
                  export_folder: Path | None = None, offscreen: bool = False,
                  printer_name: str | None = None):
    """(app, state, window) for a pack; the language is ``lang``, else the pack's default."""
    app = application(offscreen)
    import sqlite3

    from navigator.catalogue.pack import damaged, is_damage, open_pack
    from navigator.gui.main_window import MainWindow
    from navigator.gui.state import FamilyState

    pack = open_pack(pack_path)
    try:
        state = FamilyState(pack)
        state.set_language(lang or pack.region.default_language)
        window = MainWindow(state, kiosk=kiosk, export_folder=export_folder, printer_name=printer_name)
    except sqlite3.DatabaseError as err:  # a page SQLite cannot read, deeper than open_pack looks
        pack.close()
        if is_damage(err):
            raise damaged(pack.path, err) from None
        raise
    return app, state, window


def problem_dialog(message: str):
    """The attendant's message when the app cannot start on its pack (no terminal at a kiosk)."""
    from navigator.gui.widgets import PlainDialog
    from navigator.i18n import _

    return PlainDialog(None, _("Navigator cannot open its data"),
                       _("The school data on this computer cannot be used. Ask the person who set "
                         "up this computer to copy the data again."), _("Close"), detail=message)


def show_problem(message: str) -> None:
    """Show :func:`problem_dialog` and wait until it is closed."""
    application()
    problem_dialog(message).exec()


def idle_timeout(explicit: int | None, configured: int) -> int:
    """Seconds before the kiosk asks "still there?": the option, else the environment, else config."""
    if explicit is not None:
        return max(5, explicit)
    value = os.environ.get(IDLE_ENV, "")
    if value.isdigit():
        return max(5, int(value))
    return configured


def run_app(pack_path: Path, lang: str | None = None, kiosk: bool = False,
            idle_timeout_s: int = 180, export_folder: Path | None = None,
            printer_name: str | None = None) -> int:
    from navigator.errors import UserError

    try:
        app, state, window = create_window(pack_path, lang, kiosk, export_folder,
                                           printer_name=printer_name)
    except UserError as err:
        show_problem(str(err))
        raise
    if kiosk:
        from navigator.gui.kiosk import KioskMode

        window.kiosk_mode = KioskMode(window, idle_s=idle_timeout_s)
        window.showFullScreen()
    else:
        window.resize(1280, 800)
        window.show()
    return app.exec()

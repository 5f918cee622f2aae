"""Starting the desktop app: Qt set up for offline kiosks, then the main window.

``create_window`` is shared by the app, ``--self-test`` and ``navigator screenshots`` so all
three open exactly the same window.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from navigator.core_dumps import forbid_core_dumps
from navigator.gui.map_view import configure_chromium_environment

IDLE_ENV = "NAVIGATOR_IDLE_TIMEOUT"


def application(offscreen: bool = False):
    """The QApplication (made once), with Chromium's flags set before QtWebEngine starts, and no
    core dumps from it or the processes it starts (navigator/core_dumps.py)."""
    forbid_core_dumps()
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    use_bundled_fontconfig()
    configure_chromium_environment()
    from PySide6.QtWidgets import QApplication

    from navigator.gui.tile_scheme import register_tile_scheme

    if QApplication.instance() is None:
        register_tile_scheme()  # Chromium reads its URL schemes once, before the app exists

    first = QApplication.instance() is None
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if first:
        add_bundled_fonts()
    app.setApplicationName("Navigator")
    app.setOrganizationName("Navigator")
    return app


def use_bundled_fontconfig() -> bool:
    """A built app: fontconfig (and so the map's Chromium, which never sees the fonts added to
    Qt's) reads ``resources/fonts.conf``, the kiosk's configuration plus the fonts the build
    ships.  Before QtWebEngine starts, which reads it once; a setting of the kiosk's own wins."""
    from navigator.resources import resources_dir

    config = resources_dir() / "fonts.conf"
    if "FONTCONFIG_FILE" in os.environ or not (resources_dir() / "fonts").is_dir():
        return False
    os.environ["FONTCONFIG_FILE"] = str(config)
    return True


def add_bundled_fonts() -> int:
    """Add the fonts a built app ships (``resources/fonts/``: every script's, copied from the build
    machine's font packages) to Qt's, so Armenian, Arabic or Chinese never shows as boxes on a
    kiosk without those packages.  A source checkout has none and uses the system's."""
    from PySide6.QtGui import QFontDatabase

    from navigator.resources import resources_dir

    files = sorted((resources_dir() / "fonts").glob("*.tt[fc]"))
    return sum(QFontDatabase.addApplicationFont(str(path)) >= 0 for path in files)


def create_window(pack_path: Path, lang: str | None = None, kiosk: bool = False,
                  export_folder: Path | None = None, offscreen: bool = False,
                  printer_name: str | None = None, trust=None, previous_pack: Path | None = None):
    """(app, state, window) for a pack; the language is ``lang``, else the pack's default.

    ``trust`` is what the signature check found (``signing.PackTrust``, for "About this
    information"); ``previous_pack`` the pack installed before it (for "What changed")."""
    app = application(offscreen)
    import sqlite3

    from navigator.catalogue.pack import damaged, is_damage, open_pack
    from navigator.gui.main_window import MainWindow
    from navigator.gui.state import FamilyState

    pack = open_pack(pack_path)
    try:
        state = FamilyState(pack)
        state.pack_trust, state.previous_pack = trust, previous_pack
        state.set_language(lang or pack.region.default_language)
        window = MainWindow(state, kiosk=kiosk, export_folder=export_folder, printer_name=printer_name)
    except sqlite3.DatabaseError as err:  # a page SQLite cannot read, deeper than open_pack looks
        pack.close()
        if is_damage(err):
            raise damaged(pack.path, err) from None
        raise
    return app, state, window


def problem_dialog(message: str, untrusted: bool = False):
    """The attendant's message when the app cannot start on its pack (no terminal at a kiosk):
    the pack is damaged, or (``untrusted``) not signed by a key the settings trust."""
    from navigator.gui.dialogs import PlainDialog
    from navigator.i18n import _

    if untrusted:
        title = _("This information cannot be used")
        text = _("The school information on this computer is not signed by a source this "
                 "computer trusts, so Navigator will not show it. Ask the person who looks after "
                 "this computer to install the district's signed information.")
    else:
        title = _("Navigator cannot open its data")
        text = _("The school data on this computer cannot be used. Ask the person who set up this "
                 "computer to copy the data again.")
    dialog = PlainDialog(None, title, text, _("Close"), detail=message)
    dialog.setAccessibleName(title)
    return dialog


def show_problem(message: str, untrusted: bool = False) -> None:
    """Show :func:`problem_dialog` and wait until it is closed."""
    application()
    problem_dialog(message, untrusted).exec()


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
            printer_name: str | None = None, trust=None, previous_pack: Path | None = None) -> int:
    from navigator.errors import UserError

    try:
        app, state, window = create_window(pack_path, lang, kiosk, export_folder,
                                           printer_name=printer_name, trust=trust,
                                           previous_pack=previous_pack)
    except UserError as err:
        show_problem(str(err))
        raise
    if kiosk:
        from navigator.gui.kiosk import KioskMode

        window.kiosk_mode = KioskMode(window, idle_s=idle_timeout_s)
        window.showFullScreen()
    else:
        from navigator.gui.window_size import show_fitted

        show_fitted(window)  # never larger than the screen: maximized on a small one
    code = app.exec()
    state.operations.close()  # what a worker is doing finishes; its pack is closed on its thread
    return code



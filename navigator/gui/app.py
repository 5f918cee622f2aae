"""Starting the desktop app: Qt set up for offline kiosks, then the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from navigator.gui.map_view import configure_chromium_environment


def run_app(pack_path: Path, lang: str | None = None, kiosk: bool = False) -> int:
    configure_chromium_environment()
    from PySide6.QtWidgets import QApplication

    from navigator.catalogue.pack import open_pack
    from navigator.gui.main_window import MainWindow
    from navigator.gui.state import FamilyState

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Navigator")
    pack = open_pack(pack_path)
    state = FamilyState(pack)
    if lang:
        state.set_language(lang)
    window = MainWindow(state, kiosk=kiosk)
    if kiosk:
        window.showFullScreen()
    else:
        window.resize(1280, 800)
        window.show()
    return app.exec()

"""Opening and closing the app's window on the demo pack, as ``navigator`` starts it: the one way
the app's tests do it (their window fixtures differ only in size and kiosk mode); and a window on
any pack with "today" fixed, for the tests whose days matter (the demo's, Los Angeles')."""

from __future__ import annotations


def open_app_window(size: tuple[int, int] | None = (1280, 800), kiosk: bool = False, pack=None):
    """The app on the demo pack (or ``pack``) as ``navigator`` starts it, shown (full screen when
    ``size`` is None), in front, with the map loaded."""
    from navigator.gui.app import create_window
    from navigator.gui.selftest import wait_until
    from navigator.resources import demo_pack

    _app, _state, window = create_window(pack or demo_pack(), kiosk=kiosk)
    if size is None:
        window.showFullScreen()
    else:
        window.resize(*size)
        window.show()
    window.activateWindow()
    assert wait_until(lambda: window.map_view.is_ready, 30), "the map never loaded"
    return window


def window_on(pack_path, today, size: tuple[int, int] = (1280, 800), wait_s: float = 30):
    """The main window on ``pack_path`` with "today" fixed at ``today``, shown at ``size``, with
    the map loaded (a county's map gets longer: ``wait_s``)."""
    from navigator.catalogue.pack import open_pack
    from navigator.gui.main_window import MainWindow
    from navigator.gui.selftest import wait_until
    from navigator.gui.state import FamilyState

    state = FamilyState(open_pack(pack_path))
    state.today = lambda: today
    window = MainWindow(state)
    window.resize(*size)
    window.show()
    assert wait_until(lambda: window.map_view.is_ready, wait_s), "the map page did not load"
    return window


def close_app_window(window) -> None:
    """Back to English, the last search finished, the window and its map gone."""
    from navigator.gui.selftest import dispose

    window.state.set_language("en")
    window.state.operations.wait()
    dispose(window)

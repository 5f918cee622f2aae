"""Opening and closing the app's window on the demo pack, as ``navigator`` starts it: the one way
the app's tests do it (their window fixtures differ only in size and kiosk mode)."""

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


def close_app_window(window) -> None:
    """Back to English, the last search finished, the window and its map gone."""
    from navigator.gui.selftest import dispose

    window.state.set_language("en")
    window.state.operations.wait()
    dispose(window)

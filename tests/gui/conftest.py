"""The app's fixtures: a private speech-dispatcher, Qt's application, the app's window on the
demo pack, the window after a family's first steps (opening and closing the window as
``navigator`` does it: app_window.py) and the layout tests' walk through every screen.  The
private CUPS server, which the desktop build's test uses too, is in ../conftest.py."""

from __future__ import annotations

import shutil

import pytest
from demo import TODAY


@pytest.fixture(scope="session", autouse=True)
def private_voice(tmp_path_factory):
    """Every window's Read aloud speaks through a speech-dispatcher of the tests' own (its sound
    to ALSA's null device, its log in the test folder), never the desk's: one that cannot open
    a sound card never finishes a sentence, and one left stuck makes later connections wait.
    Its log folder (None where speech-dispatcher is not installed)."""
    if shutil.which("speech-dispatcher") is None:
        yield None
        return
    from navigator.bench.speech_bench import private_speech_daemon

    with private_speech_daemon(tmp_path_factory.mktemp("voice")) as log:
        yield log


@pytest.fixture(scope="session")
def qapp():
    """The app's own QApplication (pytest-qt's, made our way): the street map's URL scheme must
    be registered before it exists."""
    from navigator.gui.app import application

    return application()


@pytest.fixture(scope="module")
def demo_window(qapp):
    """The app on the demo pack, "today" fixed at 2026-11-23 and the map loaded; one per module."""
    from navigator.catalogue.pack import open_pack
    from navigator.gui.main_window import MainWindow
    from navigator.gui.selftest import dispose, wait_until
    from navigator.gui.state import FamilyState
    from navigator.resources import demo_pack

    state = FamilyState(open_pack(demo_pack()))
    state.today = lambda: TODAY
    window = MainWindow(state)
    window.resize(1280, 800)
    window.show()
    assert wait_until(lambda: window.map_view.is_ready, 30), "the map page did not load"
    yield window
    state.operations.wait()
    dispose(window)


@pytest.fixture
def rosa(demo_window, qtbot):
    """The demo window after a fresh start: English, kindergarten, home at ZIP 00104, results in."""
    from navigator.search.location import home_from_zip

    state = demo_window.state
    state.start_over()
    state.set_language("en")
    state.grade = 0
    with qtbot.waitSignal(state.results_ready, timeout=10000):
        state.set_home(home_from_zip(state.pack, "00104"))
    yield demo_window
    state.set_language("en")


@pytest.fixture(scope="module")
def layout_walkthrough(qapp):
    """The window of ``navigator screenshots``'s walk, for a layout test file (layout_walk.py)."""
    from layout_walk import close_walkthrough, open_walkthrough

    walk = open_walkthrough()
    yield walk
    close_walkthrough(walk)

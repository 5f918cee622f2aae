"""Shared fixtures: the demo region, the real public data in ../shared, a CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO_DIR = ROOT / "data" / "demo"
SHARED_DATA = Path(os.environ.get("NAVIGATOR_SHARED", ROOT.parent / "shared")) / "data"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def qapp():
    """The app's own QApplication (pytest-qt's, made our way): the street map's URL scheme must
    be registered before it exists."""
    from navigator.gui.app import application

    return application()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data, or skip: the real public files are never committed here."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real public data not found at {SHARED_DATA} (set NAVIGATOR_SHARED)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def la_rail_gtfs(shared_data: Path) -> Path:
    path = shared_data / "la-metro" / "gtfs_rail.zip"
    if not path.is_file():
        pytest.skip(f"LA Metro rail feed not found at {path}")
    return path


@pytest.fixture(scope="module")
def demo_window(qapp):
    """The app on the demo pack, "today" fixed at 2026-11-23 and the map loaded; one per module."""
    from datetime import date

    from navigator.catalogue.pack import open_pack
    from navigator.gui.main_window import MainWindow
    from navigator.gui.selftest import dispose, wait_until
    from navigator.gui.state import FamilyState
    from navigator.resources import demo_pack

    state = FamilyState(open_pack(demo_pack()))
    state.today = lambda: date(2026, 11, 23)
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


@pytest.fixture(scope="session")
def cups_server():
    """A private CUPS server with one PDF printer (cups_server.QUEUE); its socket path."""
    from cups_server import private_cups_server

    with private_cups_server() as socket:
        yield socket

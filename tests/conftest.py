"""Fixtures every test may use, and the ``gui`` marker.

The folders mirror the layers (docs/architecture.md): ``core/<layer>/`` for the Qt-free core,
``gui/`` for the app, ``build/`` for the desktop build.  Every test under ``gui/`` and ``build/``
is marked ``gui`` here, so ``pytest -m "not gui"`` runs the core, which needs no Qt installed.
The app's fixtures (the window on the demo pack) are in gui/conftest.py; a private CUPS server (the app's
printing and the desktop build's test both print through it) is here.
The demo's files, schools and days are named in demo.py; helpers that make inputs are
cde_format.py (a school directory), hostile.py (broken packs and lists), cups_server.py.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from demo import PUENTE, ROOT
from hostile import RLO, copy_demo, damage

SHARED_DATA = Path(os.environ.get("NAVIGATOR_SHARED", ROOT.parent / "shared")) / "data"
TESTS = Path(__file__).resolve().parent
NEED_QT = (TESTS / "gui", TESTS / "build")  # the app, and the desktop build that bundles it

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        if any(folder in item.path.parents for folder in NEED_QT):
            item.add_marker(pytest.mark.gui)


def pytest_ignore_collect(collection_path: Path, config) -> bool | None:
    """With ``-m "not gui"`` the app's folders are not even imported: the core runs where Qt is
    not installed."""
    if collection_path in NEED_QT and re.search(r"\bnot\s+gui\b", config.getoption("markexpr") or ""):
        return True
    return None


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


@pytest.fixture(scope="session")
def la_county_pack(shared_data: Path, tmp_path_factory) -> Path:
    """The Los Angeles County pack (about 2,400 schools, LA Metro rail and bus stops, the
    municipal bus feeds, the 2018 Dashboard), built once per session from ../shared through
    regions/los-angeles-county.toml (tests/la_county.py); skipped when ../shared is absent."""
    from la_county import STAND_INS, build_la_county

    missing = [name for name, _changes in STAND_INS.values() if not (shared_data / name).is_file()]
    if missing:
        pytest.skip(f"real public data for the Los Angeles County pack not found: {missing[0]} "
                    f"under {shared_data}")
    return build_la_county(shared_data, tmp_path_factory.mktemp("la-county"))


@pytest.fixture(scope="session")
def west_la_pack(shared_data: Path, tmp_path_factory) -> Path:
    """The Los Angeles County region's West LA part: the 2018 directory's schools inside the West
    LA street file, the same transit, and that file as its street map (tests/la_county.py);
    skipped when ../shared is absent."""
    from la_county import STAND_INS, WEST_LA_STREETS, build_west_la

    needed = [name for name, _changes in STAND_INS.values()] + [WEST_LA_STREETS]
    missing = [name for name in needed if not (shared_data / name).is_file()]
    if missing:
        pytest.skip(f"real public data for the West LA pack not found: {missing[0]} under "
                    f"{shared_data}")
    return build_west_la(shared_data, tmp_path_factory.mktemp("west-la"))


@pytest.fixture(scope="module")
def pack():
    """The demo pack, open for the module's tests."""
    from navigator.catalogue.pack import open_pack
    from navigator.resources import demo_pack

    with open_pack(demo_pack()) as opened:
        yield opened


@pytest.fixture(scope="module")
def loose_pack(tmp_path_factory) -> Path:
    """The demo pack with the issue's bad values: text and 999 for coordinates, a NULL name,
    grades out of range, a negative distance, text demand, a 30th of February, a javascript link,
    and the bidi trick in a school's name."""
    pack = copy_demo(tmp_path_factory.mktemp("loose") / "pack.sqlite")
    return damage(
        pack,
        "UPDATE schools SET latitude = 'north', longitude = 'west' WHERE id = '99999996099060'",
        "UPDATE schools SET latitude = 999 WHERE id = '99999996099078'",
        "UPDATE schools SET name = NULL WHERE id = '99999996099086'",
        f"UPDATE schools SET grade_low = 40, grade_high = 'x' WHERE id = '{PUENTE}'",
        f"UPDATE schools SET name = 'Las Flores {RLO}gpj.exe', website = 'javascript:alert(1)' "
        "WHERE name = 'Las Flores Elementary'",
        "UPDATE school_stops SET distance_m = -40",
        "UPDATE school_processes SET applicants_per_seat = 'lots'",
        "UPDATE deadlines SET date = '2027-02-30' WHERE id LIKE 'lottery-pu%' AND kind = 'closes'",
        "UPDATE sources SET as_of = 'last fall' WHERE rowid = 1",
        "UPDATE lines SET color = 'red;background:url(x)'",
        loose=("schools", "school_stops", "school_processes", "deadlines", "sources", "lines"))

@pytest.fixture(scope="session")
def cups_server():
    """A private CUPS server with one PDF printer (cups_server.QUEUE); its socket path."""
    from cups_server import private_cups_server

    with private_cups_server() as socket:
        yield socket

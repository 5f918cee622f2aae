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

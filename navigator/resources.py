"""Finding the app's own files (packs, translations, map assets) from source or a frozen build.

The one place that knows where things live: from a source checkout they are
beside the package; in a PyInstaller build they are under ``sys._MEIPASS``.
"""

from __future__ import annotations

import sys
from pathlib import Path

DEMO_PACK_NAME = "demo-valle-verde.sqlite"


def app_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    return app_root() / "data"


def demo_pack() -> Path:
    return data_dir() / DEMO_PACK_NAME


def demo_sources() -> Path:
    return data_dir() / "demo" / "region.toml"


def translations_dir() -> Path:
    return app_root() / "translations"


def resources_dir() -> Path:
    return app_root() / "resources"


def street_map_script() -> Path:
    """protomaps-leaflet, the street map's renderer: installed from npm by scripts/setup.sh into
    node_modules/ beside the package, bundled under vendor/ in a frozen build."""
    if getattr(sys, "_MEIPASS", None):
        return app_root() / "vendor" / "protomaps-leaflet.js"
    return app_root() / "node_modules" / "protomaps-leaflet" / "dist" / "protomaps-leaflet.js"

"""The one-folder build: it starts, finds its files, and passes its self-test with no network.

Building takes a minute or two, so this runs once per test session; set
NAVIGATOR_FROZEN_APP to an existing dist/Navigator/Navigator to skip the build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from demo import ROOT

from navigator import resources
from navigator.gui.map_template import APP_SCRIPTS

sys.path.insert(0, str(ROOT / "build"))

import make  # noqa: E402
import slim_blas  # noqa: E402
import trim_icu  # noqa: E402


def test_resource_locator_frozen_and_from_source(monkeypatch, tmp_path: Path) -> None:
    assert resources.demo_pack() == ROOT / "data" / "demo-valle-verde.sqlite"
    assert resources.translations_dir() == ROOT / "translations"
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.app_root() == tmp_path
    assert resources.demo_pack() == tmp_path / "data" / "demo-valle-verde.sqlite"
    assert resources.resources_dir() == tmp_path / "resources"


def test_a_built_app_points_fontconfig_at_its_fonts(monkeypatch, tmp_path: Path) -> None:
    """The map's Chromium reads fonts through fontconfig only: a built app (its resources/fonts/)
    sets FONTCONFIG_FILE to its fonts.conf; a source checkout, or a kiosk's own setting, keeps
    the system's."""
    from navigator.gui.app import use_bundled_fontconfig

    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    assert not use_bundled_fontconfig() and "FONTCONFIG_FILE" not in os.environ  # from source
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    (tmp_path / "resources" / "fonts").mkdir(parents=True)
    assert use_bundled_fontconfig()
    assert os.environ["FONTCONFIG_FILE"] == str(tmp_path / "resources" / "fonts.conf")
    monkeypatch.setenv("FONTCONFIG_FILE", "/etc/kiosk-fonts.conf")
    assert not use_bundled_fontconfig() and os.environ["FONTCONFIG_FILE"] == "/etc/kiosk-fonts.conf"


@pytest.fixture(scope="session")
def frozen_app() -> Path:
    given = os.environ.get("NAVIGATOR_FROZEN_APP")
    if given:
        return Path(given)
    if shutil.which("readelf") is None:
        pytest.skip("readelf (binutils) is needed to build the app")
    subprocess.run([sys.executable, str(ROOT / "build" / "make.py")], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    return ROOT / "dist" / "Navigator" / ("Navigator.exe" if os.name == "nt" else "Navigator")


def offline(command: list[str]) -> list[str]:
    """Run with networking removed: an empty network namespace."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not available to remove the network")
    return ["unshare", "-n", "--", *command] if os.geteuid() == 0 else \
        ["unshare", "-r", "-n", "--", *command]


def test_frozen_app_passes_its_self_test_offline(frozen_app: Path, tmp_path: Path) -> None:
    clean = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen",
             "LANG": "C.UTF-8"}  # no PYTHONPATH, no virtualenv, no project on the path
    done = subprocess.run(offline([str(frozen_app), "--self-test"]), env=clean, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test passed" in done.stdout
    assert "0 network requests" in done.stdout


def test_frozen_app_checks_a_signed_pack(frozen_app: Path, tmp_path: Path) -> None:
    """The built app verifies signatures (PyNaCl and its C parts are in it) and leaves the
    district's workbook tools out."""
    from navigator.catalogue.signing import generate_key, sign_pack

    pack = tmp_path / "demo.sqlite"
    shutil.copyfile(resources.demo_pack(), pack)
    public = generate_key(tmp_path / "district.key", "Valle Verde USD (demo)")
    sign_pack(pack, tmp_path / "district.key")
    clean = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    command = [str(frozen_app), "catalogue", "verify", str(pack), "--key", public.text]
    done = subprocess.run(command, env=clean, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "signed by Valle Verde USD (demo)" in done.stdout
    with pack.open("r+b") as f:
        f.seek(50_000)
        f.write(b"x")
    done = subprocess.run(command, env=clean, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "changed after it was signed" in done.stderr
    assert "openpyxl" not in {p.name for p in frozen_app.parent.rglob("*")}


def test_frozen_app_has_no_test_data_and_its_size(frozen_app: Path) -> None:
    folder = frozen_app.parent
    names = {p.name for p in folder.rglob("*")}
    assert "demo-valle-verde.sqlite" in names and "navigator.mo" in names
    assert {"page.html", "map.css", *APP_SCRIPTS} <= names  # the map page and every script it loads
    assert not any(n.endswith((".po", ".pot")) or n == "gtfs_rail.zip" for n in names)
    assert "geopandas" not in names and "folium" not in names
    # #23: with the fonts of every script and Read aloud's speech engine, at most 400 MiB
    assert make.folder_size(folder) <= 400 * 2**20, f"{make.folder_size(folder) / 2**20:.1f} MiB"


def test_frozen_app_fonts_reach_the_map_through_fontconfig(frozen_app: Path) -> None:
    """With the built app's fonts.conf, fontconfig (what Chromium draws the map's words with)
    finds the shipped fonts for Armenian, Arabic, Persian, Korean and both Chinese scripts, and
    still the kiosk's own."""
    if shutil.which("fc-list") is None:
        pytest.skip("fc-list (fontconfig) is not installed")
    resources = frozen_app.parent / "_internal" / "resources"
    env = {**os.environ, "FONTCONFIG_FILE": str(resources / "fonts.conf")}

    def files(pattern: str) -> list[str]:
        done = subprocess.run(["fc-list", pattern, "file"], env=env, capture_output=True, text=True,
                              check=True, timeout=60)
        return [line.rstrip(": ") for line in done.stdout.splitlines()]

    for lang in ("hy", "ar", "fa", "ko", "zh-cn", "zh-tw", "ru", "vi"):
        assert any(f.startswith(str(resources / "fonts")) for f in files(f":lang={lang}")), lang
    assert any(not f.startswith(str(resources)) for f in files(":")), "the kiosk's own fonts are gone"


def test_frozen_app_leaves_the_systems_own_libraries_and_slims_the_rest(frozen_app: Path) -> None:
    """What build/make.py prunes on Linux stays pruned (the folder-size figure depends on it)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the pruning is Linux's")
    internal = frozen_app.parent / "_internal"
    names = {p.name for p in internal.rglob("*")}
    assert not names & set(make.SYSTEM_PROVIDED)  # the kiosk's CUPS, D-Bus, ALSA and fonts
    assert not any(n.startswith(("libgnutls", "libsystemd", "libqgtk3", "libqvnc")) for n in names)
    assert "PIL" not in names and "setuptools" not in names and "leaflet-src.js" not in names
    # Read aloud's speech-dispatcher engine stays; Qt Multimedia's FFmpeg backend does not
    assert "libqtexttospeech_speechd.so" in names and "libqtexttospeech_mock.so" not in names
    assert not any(n.startswith(("libffmpegmediaplugin", "libavcodec", "libavformat")) for n in names)
    if trim_icu.tools_available():
        assert (internal / "PySide6" / "Qt" / "lib" / "libicudata.so.73").stat().st_size < 8 * 2**20
    if slim_blas.tools_available():
        assert not any(n.startswith(("libgfortran", "libquadmath")) for n in names)
        assert slim_blas.REFERENCE_BLAS in names


def test_frozen_app_finds_the_systems_printers(frozen_app: Path, cups_server: Path, tmp_path: Path) -> None:
    """The build leaves out its own copy of the CUPS client; the system's must load in its place
    and see the (test's) CUPS server's one printer."""
    clean = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen",
             "LANG": "C.UTF-8", "CUPS_SERVER": str(cups_server)}
    done = subprocess.run([str(frozen_app), "--self-test"], env=clean, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 printer(s)" in done.stdout, done.stdout

"""Build the one-folder desktop app: `python build/make.py [--pack PATH]...` -> dist/Navigator/.

Steps: compile the translations, run PyInstaller on build/navigator.spec (the demo pack and
any packs given are bundled), then remove the Qt and Chromium language files for languages
the app does not ship.  Works on Linux, Windows and macOS (PyInstaller builds for the system
it runs on).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "work"
DIST = ROOT / "dist"


def shipped_languages() -> list[str]:
    return sorted(p.name for p in (ROOT / "translations").iterdir()
                  if (p / "LC_MESSAGES" / "navigator.po").is_file())


def babel_locales(languages: list[str]) -> list[str]:
    """Babel's data files the app's locales need: each locale and the chain of locales it
    inherits from, by CLDR's rules (es_US inherits from es_419, not from es)."""
    from babel.core import get_global

    from navigator.i18n import babel_locale

    parents = get_global("parent_exceptions")
    names = {"root"}
    for code in ["en", *languages]:
        name = str(babel_locale(code))
        while name and name != "root":
            names.add(name)
            name = parents.get(name) or (name.rsplit("_", 1)[0] if "_" in name else "root")
    return sorted(names)


def prune_qt_languages(folder: Path, languages: list[str]) -> int:
    """Delete Qt's .qm and QtWebEngine's .pak files for languages the app does not ship."""
    keep = {code.split("_")[0] for code in languages} | {"en"}
    removed = 0
    for path in folder.rglob("*"):
        if path.suffix == ".qm" and path.parent.name == "translations":
            lang = path.stem.split("_", 1)[-1].split("_")[0]
            if lang not in keep:
                removed += path.stat().st_size
                path.unlink()
        elif path.suffix == ".pak" and path.parent.name == "qtwebengine_locales":
            if path.stem.split("-")[0] not in keep:
                removed += path.stat().st_size
                path.unlink()
    return removed


def prune_babel_locales(folder: Path, keep: list[str]) -> int:
    """PyInstaller's babel hook bundles every locale (28 MB); keep the ones the app ships."""
    removed = 0
    for path in folder.rglob("locale-data/*.dat"):
        if path.stem not in keep:
            removed += path.stat().st_size
            path.unlink()
    return removed


def _needed(path: Path) -> list[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True).stdout
    return [line.split("[", 1)[1].split("]", 1)[0] for line in out.splitlines() if "(NEEDED)" in line]


# Plugins an offline kiosk app does not use: the GTK look (our own style sheet draws every
# widget; it drags in GTK, cairo and pango), network reachability and TLS (no network at all),
# image formats other than SVG and PNG (built in), and screens that are not a desktop's
# (VNC, Vulkan displays, the bare framebuffer and EGL screens of embedded boards, the test-only
# minimal ones),
# and TUIO (touch over the network; touch screens reach Qt through X11 or Wayland).
UNUSED_PLUGINS = (
    "platformthemes/libqgtk3.so", "networkinformation", "tls",
    *(f"imageformats/libq{name}.so" for name in ("gif", "icns", "ico", "jpeg", "pdf", "tga", "tiff",
                                                  "wbmp", "webp")),
    *(f"platforms/libq{name}.so" for name in ("vnc", "vkkhrdisplay", "linuxfb", "eglfs", "minimal",
                                               "minimalegl")),
    "egldeviceintegrations",
    "generic/libqtuiotouchplugin.so",
    # Read aloud goes through speech-dispatcher, which plays its own sound: the app plays no media,
    # so Qt Multimedia's FFmpeg backend (and the FFmpeg libraries only it links: 19 MiB) stays out,
    # as does the test double of the speech engines.
    "multimedia", "texttospeech/libqtexttospeech_mock.so",
)
# Libraries loaded by name at run time rather than linked: the bootloader's Python, and the
# NSS modules Chromium opens.
DLOPENED = ("libpython", "libsoftokn3", "libfreebl", "libnssckbi", "libnssdbm3")
# Libraries that must be the kiosk's own because they talk to its services or read its
# configuration, so a copy from the build machine can only disagree with them (the same reason
# AppImage leaves them out): the CUPS client (printing goes through the system's CUPS server; a
# copy would bring its TLS and Kerberos stack, 9 MB), D-Bus (the desktop's message bus; a copy
# brings systemd's libraries, 3 MB), ALSA (reads the system's sound configuration), fontconfig
# and FreeType (read the system's font configuration, where the Hangul font is installed),
# PulseAudio's client (Qt Multimedia links it, for Read aloud's speech engine; it talks to the
# desktop's sound server, and a copy brings systemd's libraries; speech-dispatcher, which Read
# aloud needs, depends on it, so where the app can speak it is installed).
# Every Linux desktop has them; the README lists them.  They load from the usual library path.
SYSTEM_PROVIDED = ("libcups.so.2", "libdbus-1.so.3", "libasound.so.2", "libfontconfig.so.1",
                   "libfreetype.so.6", "libpulse.so.0")


def _python_extension(name: str) -> bool:
    return ".cpython-" in name or name.endswith(".abi3.so")


def prune_unused_qt(folder: Path) -> int:
    """Linux: drop the libraries, plugins and QML modules the app never loads.

    PySide6's hooks copy every Qt library (3D, Charts, Quick3D, ...) and PyInstaller the
    system libraries of every plugin.  Starting from every binary that is not a shared
    library of the folder (the executable, Python extensions, Qt plugins, QtWebEngineProcess),
    follow the ELF NEEDED entries and delete the libraries never reached.
    """
    if not sys.platform.startswith("linux") or shutil.which("readelf") is None:
        return 0
    internal = folder / "_internal"
    plugins = internal / "PySide6" / "Qt" / "plugins"
    removed = 0
    for name in UNUSED_PLUGINS:
        target = plugins / name
        if target.is_dir():
            removed += folder_size(target)
            shutil.rmtree(target)
        elif target.is_file():
            removed += target.stat().st_size
            target.unlink()
    qml = internal / "PySide6" / "Qt" / "qml"
    if qml.is_dir():
        removed += folder_size(qml)
        shutil.rmtree(qml)
    qt_lib = internal / "PySide6" / "Qt" / "lib"
    # Shared libraries: PyInstaller's, Qt's, and those wheels vendor in `<package>.libs`.
    # A Python extension module at the top (_cffi_backend, which PyNaCl loads) is not a library
    # something links to: Python imports it, so it is a root.
    libraries = {p.name: p for p in [*internal.glob("*.so*"), *qt_lib.glob("*.so*"),
                                     *internal.glob("*.libs/*.so*")]
                 if p.is_file() and not p.is_symlink() and not _python_extension(p.name)}
    roots = [folder / "Navigator"] + [
        p for p in internal.rglob("*") if p.is_file() and not p.is_symlink()
        and p.name not in libraries and (".so" in p.name or p.name == "QtWebEngineProcess")]
    reached: set[str] = set()
    todo = [name for root in roots for name in _needed(root)]
    todo += [name for name in libraries if name.startswith(DLOPENED)]
    while todo:
        name = todo.pop()
        if name in libraries and name not in reached and name not in SYSTEM_PROVIDED:
            reached.add(name)
            todo += _needed(libraries[name])
    for name, path in libraries.items():
        if name not in reached:
            removed += path.stat().st_size
            path.unlink()
    devtools = internal / "PySide6" / "Qt" / "resources" / "qtwebengine_devtools_resources.pak"
    if devtools.is_file():  # Chromium's developer tools: never opened in the app
        removed += devtools.stat().st_size
        devtools.unlink()
    for link in internal.rglob("*"):
        if link.is_symlink() and not link.exists():
            link.unlink()  # PyInstaller's links to the libraries just removed
    return removed


def trim_qt_icu(folder: Path, languages: list[str]) -> int:
    """Linux: Qt's and Chromium's ICU data cut down to the app's languages (41 MB to 14 MB)."""
    from trim_icu import tools_available, trim_icu_data, trim_icu_file

    qt = folder / "_internal" / "PySide6" / "Qt"
    libraries = list(qt.glob("lib/libicudata.so.*"))
    if not libraries:
        return 0
    if not tools_available():
        print("make: icupkg (Debian: icu-devtools), objcopy or cc is missing, so the ICU data "
              "is kept whole (27 MB more).", file=sys.stderr)
        return 0
    chromium = [path for path in [qt / "resources" / "icudtl.dat"] if path.is_file()]
    return (sum(trim_icu_data(library, languages) for library in libraries)
            + sum(trim_icu_file(path, languages) for path in chromium))


def strip_symbols(folder: Path) -> int:
    """Linux: strip the symbol tables that Python's and the system's libraries ship with (38 MB).

    Libraries that wheels vendor in `<package>.libs` are left alone: auditwheel rewrote their
    headers with patchelf, and strip then writes a file the loader refuses ("ELF load command
    address/offset not page-aligned").
    """
    if not sys.platform.startswith("linux") or shutil.which("strip") is None:
        return 0
    removed = 0
    for path in (folder / "_internal").rglob("*.so*"):
        if path.is_symlink() or not path.is_file() or path.parent.name.endswith(".libs"):
            continue
        sections = subprocess.run(["readelf", "-S", "--wide", str(path)], capture_output=True,
                                  text=True).stdout
        if " .symtab " in sections:
            before = path.stat().st_size
            subprocess.run(["strip", "--strip-unneeded", str(path)], check=True)
            removed += before - path.stat().st_size
    return removed


def slim_blas(folder: Path) -> int:
    """Linux: numpy's OpenBLAS swapped for the reference BLAS (27 MB to 0.5 MB); see slim_blas."""
    from slim_blas import REFERENCE_BLAS, slim_numpy_blas, tools_available

    if not (folder / "_internal" / "numpy.libs").is_dir():
        return 0
    if not tools_available():
        print(f"make: {REFERENCE_BLAS} (Debian: libblas64-3), nm or cc is missing, so numpy keeps "
              "OpenBLAS (27 MB more).", file=sys.stderr)
        return 0
    return slim_numpy_blas(folder / "_internal")


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", action="append", default=[], type=Path,
                        help="a region pack to bundle beside the demo pack (repeatable)")
    args = parser.parse_args(argv)
    for pack in args.pack:
        if not pack.is_file():
            print(f"make: the pack {pack} does not exist.", file=sys.stderr)
            return 2
    from navigator.translation_tools import compile_catalogs

    shutil.rmtree(WORK / "translations", ignore_errors=True)
    compile_catalogs(out_dir=WORK / "translations")
    languages = shipped_languages()
    env = dict(os.environ, NAVIGATOR_BUILD_WORK=str(WORK),
               NAVIGATOR_EXTRA_PACKS=os.pathsep.join(str(p.resolve()) for p in args.pack),
               NAVIGATOR_BABEL_LOCALES=" ".join(babel_locales(languages)))
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--distpath", str(DIST), "--workpath", str(WORK / "pyinstaller"),
                    str(ROOT / "build" / "navigator.spec")], check=True, env=env, cwd=ROOT)
    app = DIST / "Navigator"
    removed = (slim_blas(app)  # first: the pruning then drops what only OpenBLAS linked to
               + prune_qt_languages(app, languages) + prune_unused_qt(app)
               + prune_babel_locales(app, env["NAVIGATOR_BABEL_LOCALES"].split())
               + trim_qt_icu(app, languages) + strip_symbols(app))
    print(f"Built {app} ({folder_size(app) / 2**20:.0f} MB, after removing {removed / 2**20:.0f} MB "
          "of unused Qt libraries and languages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

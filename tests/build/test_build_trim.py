"""The desktop build's trims, each checked on the real files it changes: after build/trim_icu.py
Qt still sorts and names time zones, and Chromium still formats dates and numbers, in the app's
languages; after build/slim_blas.py numpy still multiplies matrices correctly."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from demo import ROOT

sys.path.insert(0, str(ROOT / "build"))

import make  # noqa: E402
import slim_blas  # noqa: E402
import trim_icu  # noqa: E402

QT = Path(__import__("PySide6").__file__).parent / "Qt"
ICU_DATA = next(iter(sorted((QT / "lib").glob("libicudata.so.*"))), None)
LANGUAGES = make.shipped_languages()

linux_qt_icu = pytest.mark.skipif(ICU_DATA is None, reason="this Qt has no ICU data library of its own "
                                  "(only Linux wheels ship one)")
icu_tools = pytest.mark.skipif(not trim_icu.tools_available(),
                               reason="icupkg (Debian: icu-devtools), objcopy and cc trim ICU data")


def _run(code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env})


@linux_qt_icu
def test_qt_calls_only_the_icu_services_the_trim_keeps() -> None:
    """If a newer Qt starts using another ICU service (break iterators, say), the trim must
    keep its data: this fails first."""
    version = ICU_DATA.name.rsplit(".", 1)[-1]
    out = subprocess.run(["nm", "-D", "--undefined-only", str(QT / "lib" / "libQt6Core.so.6")],
                         capture_output=True, text=True, check=True).stdout
    icu = {m[1] for m in re.finditer(rf"\b(\w+)_{version}\b", out)}
    assert icu, "libQt6Core imports no ICU function: check how this Qt links ICU"
    assert {name for name in icu if not name.startswith(trim_icu.QT_ICU_SERVICES)} == set()


_QT_CHECK = """
from PySide6.QtCore import QCollator, QDateTime, QLocale, QTimeZone
def ordered(lang, words):
    return ' '.join(sorted(words, key=QCollator(QLocale(lang)).sortKey))
zone = QTimeZone(b"America/Los_Angeles")
when = QDateTime.fromString("2026-11-01T12:00:00Z", "yyyy-MM-ddTHH:mm:ssZ")
print(ordered("es", ["oso", "ñu", "nube", "árbol", "zeta"]))
print(ordered("ko", ["하나", "가방", "다리", "나무"]))
print(zone.displayName(when, QTimeZone.NameType.LongName, QLocale("es")))
print(zone.displayName(when, QTimeZone.NameType.LongName, QLocale("ko")))
print(QLocale("tr").toUpper("istanbul"))
"""


@linux_qt_icu
@icu_tools
def test_trimmed_qt_icu_data_still_sorts_and_names_time_zones(tmp_path: Path) -> None:
    library = tmp_path / ICU_DATA.name
    shutil.copyfile(ICU_DATA, library)
    saved = trim_icu.trim_icu_data(library, LANGUAGES)
    assert saved > 20 * 2**20 and library.stat().st_size < 8 * 2**20
    done = _run(_QT_CHECK, LD_PRELOAD=str(library))  # the trimmed copy stands in for Qt's
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "árbol nube ñu oso zeta", "가방 나무 다리 하나",
        "hora estándar del Pacífico", "미 태평양 표준시", "İSTANBUL"]
    assert "Could not create collator" not in done.stderr


_CHROMIUM_CHECK = """
from navigator.gui.app import application
application(offscreen=True)
from PySide6.QtWebEngineCore import QWebEnginePage
from navigator.gui.selftest import wait_until
page, loaded, out = QWebEnginePage(), [], []
page.loadFinished.connect(loaded.append)
page.setHtml("<p>Valle Verde</p>")
wait_until(lambda: bool(loaded), 30)
page.runJavaScript('''[
  new Intl.DateTimeFormat("ko", {year: "numeric", month: "long", day: "numeric"})
    .format(new Date(2026, 10, 1)),
  new Intl.DateTimeFormat("es", {month: "long"}).format(new Date(2026, 10, 1)),
  new Intl.NumberFormat("es").format(1234.5),
  new Intl.NumberFormat("ar-EG").format(12),
  ["oso", "ñu", "nube"].sort(new Intl.Collator("es").compare).join(" "),
].join("|")''', 0, out.append)
wait_until(lambda: bool(out), 30)
print(out[0] if out else "no answer")
"""


@linux_qt_icu
@icu_tools
def test_trimmed_chromium_icu_data_still_formats_the_apps_languages(tmp_path: Path) -> None:
    resources = tmp_path / "resources"
    shutil.copytree(QT / "resources", resources)
    saved = trim_icu.trim_icu_file(resources / "icudtl.dat", LANGUAGES)
    assert saved > 2 * 2**20
    done = _run(_CHROMIUM_CHECK, QTWEBENGINE_RESOURCES_PATH=str(resources))
    assert done.stdout.strip().splitlines()[-1:] == ["2026년 11월 1일|noviembre|1234,5|١٢|nube ñu oso"], \
        done.stderr[-2000:]


def test_icu_items_removed_are_other_languages_converters_and_unused_trees() -> None:
    items = ["root.res", "ko.res", "es_MX.res", "de.res", "de_.res", "res_index.res", "pool.res",
             "coll/ko.res", "coll/fr.res", "coll/ucadata.icu", "brkitr/cjdict.dict", "brkitr/ko.res",
             "zone/fil.res", "zone/tl.res", "ibm-1390_P110-2003.cnv", "translit/root.res", "unames.icu"]
    languages = trim_icu.icu_languages(["es", "ko", "tl"])
    assert trim_icu.items_to_remove(items, languages) == [
        "de.res", "de_.res", "coll/fr.res", "ibm-1390_P110-2003.cnv", "translit/root.res"]
    assert trim_icu.items_to_remove(items, languages, trim_icu.QT_ICU_TREES) == [
        "de.res", "de_.res", "coll/fr.res", "brkitr/cjdict.dict", "brkitr/ko.res",
        "ibm-1390_P110-2003.cnv", "translit/root.res"]


_NUMPY_CHECK = """
import numpy as np
rng = np.random.default_rng(7)
for dtype in (np.float32, np.float64, np.complex64, np.complex128):
    a, b = rng.random((37, 23)).astype(dtype), rng.random((23, 11)).astype(dtype)
    v = rng.random(23).astype(dtype)
    tol = 1e-4 if dtype in (np.float32, np.complex64) else 1e-10
    assert np.allclose(a @ b, np.einsum("ij,jk->ik", a, b), rtol=tol), ("gemm", dtype)
    assert np.allclose(a @ v, np.einsum("ij,j->i", a, v), rtol=tol), ("gemv", dtype)
    assert np.allclose(a @ a.T, np.einsum("ij,kj->ik", a, a), rtol=tol), ("syrk", dtype)
    assert np.allclose(np.dot(v, v), np.einsum("i,i", v, v), rtol=tol), ("dot", dtype)
    assert np.allclose(np.vdot(v, v), np.einsum("i,i", v.conj(), v), rtol=tol), ("vdot", dtype)
print("products right", flush=True)
np.linalg.solve(np.eye(3), np.ones(3))
print("linalg ran")
"""


@pytest.mark.skipif(not slim_blas.tools_available(),
                    reason="the reference BLAS (Debian: libblas64-3), nm and cc build the BLAS shim")
def test_numpy_on_the_reference_blas_multiplies_right_and_stops_at_linalg(tmp_path: Path) -> None:
    import numpy

    site = Path(numpy.__file__).parent.parent
    openblas = next(iter(sorted((site / "numpy.libs").glob("libscipy_openblas*.so"))), None)
    if openblas is None:
        pytest.skip("this numpy does not bundle OpenBLAS")
    shim = slim_blas.build_shim(openblas, list((site / "numpy").rglob("*.so")), tmp_path)
    assert shim.stat().st_size < 100_000 and (tmp_path / slim_blas.REFERENCE_BLAS).is_file()
    done = _run(_NUMPY_CHECK, LD_PRELOAD=str(shim))  # the shim's symbols stand in for OpenBLAS's
    assert done.stdout.splitlines() == ["products right"], done.stderr
    assert done.returncode != 0 and slim_blas.MESSAGE.strip() in done.stderr


def test_babel_locales_include_what_each_locale_inherits_from() -> None:
    """The build keeps only these of babel's data files; es_US needs es_419 (CLDR's parent)."""
    names = set(make.babel_locales(["es", "ko"]))
    assert {"es_US", "es_419", "es", "ko_KR", "ko", "en_US", "en", "root"} <= names
    assert not names & {"de", "fr", "es_ES"}

"""The core's tests need no Qt: collected in a process where importing Qt fails, none of them (nor
the conftest files they load) errors.  The cheap guard for `pytest -m "not gui"` in a virtual
environment without the ``gui`` extra (pyproject.toml), which is how the core is also checked by
hand (README, Tests)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from demo import ROOT

CORE = Path(__file__).resolve().parent
NO_QT = '''
import sys


class NoQt:
    """Every Qt binding (and pytest-qt) missing, as in a virtual environment without them."""

    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6", "pytestqt"):
            raise ModuleNotFoundError(f"No module named {name!r} (no Qt here)", name=name)
        return None


sys.meta_path.insert(0, NoQt())
'''


def test_the_core_tests_are_collected_without_qt(tmp_path: Path) -> None:
    (tmp_path / "no_qt.py").write_text(NO_QT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no_qt", "-p", "no:pytest-qt",
         "-p", "no:cacheprovider", "-m", "not gui", str(CORE)],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert re.search(r"^\d+ tests collected in ", run.stdout, re.M), run.stdout[-3000:]  # no errors

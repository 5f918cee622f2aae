"""The core's tests need no Qt, nor anything else only the app brings: in a process where none of
it can be imported, every core test is collected, and the top of the core (the exports, the
household, the command line: what lies nearest the app) passes.

What "only the app brings" is read from pyproject.toml: every distribution the ``gui`` and
``dev`` extras install (with what they require in turn) that the core and the ``test`` extra do
not, e.g. PySide6, pytest-qt, folium and its Jinja2.  So this is the cheap, always-run stand-in
for a virtual environment made with ``pip install -e '.[test]'``; the README (Layout) gives the
command that runs the whole core suite in one for real.
"""

from __future__ import annotations

import importlib.metadata as metadata
import importlib.util
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from demo import ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

CORE = Path(__file__).resolve().parent
# The top of the core, run for real (about 25 s): the exports and the household's checks plan
# lists, trips and QR codes; the command line may start the app and must not need it to run.
# The command line's damaged-pack drills (test_reliability.py) are left to the main run: they
# read packs, which the app never comes near, and take as long as the rest together.
RUN = ("exports", "household", "cli")
NOT_RUN = ("cli/test_reliability.py",)
NO_APP = '''
import sys

MISSING = {missing!r}


class NoApp:
    """What only the app brings, missing, as in a virtual environment without the gui extra."""

    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in MISSING:
            raise ModuleNotFoundError(f"No module named {{name!r}} (not installed here)", name=name)
        return None


sys.meta_path.insert(0, NoApp())
'''


def _installed(requirements: list[str], extras: set[str]) -> set[str]:
    """The distributions ``requirements`` install (with ``extras`` asked for), and theirs in
    turn, as installed here."""
    found: set[str] = set()
    todo = [(Requirement(r), extras) for r in requirements]
    while todo:
        requirement, wanted = todo.pop()
        if requirement.marker and not any(requirement.marker.evaluate({"extra": e})
                                          for e in wanted | {""}):
            continue
        name = canonicalize_name(requirement.name)
        if name in found:
            continue
        try:
            requires = metadata.distribution(name).requires or []
        except metadata.PackageNotFoundError:
            continue
        found.add(name)
        todo += [(Requirement(r), set(requirement.extras)) for r in requires]
    return found


def only_the_apps() -> set[str]:
    """The top-level modules of what the gui and dev extras install beyond the core and test."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    own = [r for r in extras["dev"] if canonicalize_name(Requirement(r).name) != "navigator"]
    # and what a new virtual environment has from the start (pip; setuptools on Python 3.11)
    core = _installed(project["dependencies"] + extras["test"] + ["pip", "setuptools"], set())
    app = _installed(extras["gui"] + own, set()) - core
    return {module for module, dists in metadata.packages_distributions().items()
            if "/" not in module and {canonicalize_name(d) for d in dists} <= app}


def _pytest(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    (tmp_path / "no_app.py").write_text(NO_APP.format(missing=sorted(only_the_apps())),
                                        encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no_app", "-p", "no:pytest-qt",
         "-p", "no:cacheprovider", "-n", "0", "-m", "not gui", *args],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=900)


def test_what_only_the_app_brings_is_known() -> None:
    """Each is kept out here, or is not installed at all (as in the environment it stands for)."""
    missing = only_the_apps()
    installed = [m for m in ("PySide6", "shiboken6", "pytestqt", "folium", "jinja2")
                 if importlib.util.find_spec(m) is not None]
    assert set(installed) <= missing
    assert not missing & {"numpy", "babel", "fpdf", "pytest", "pypdf", "segno", "navigator"}


def test_the_core_tests_are_collected_without_qt(tmp_path: Path) -> None:
    run = _pytest(tmp_path, "--collect-only", str(CORE))
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert re.search(r"^\d+ tests collected in ", run.stdout, re.M), run.stdout[-3000:]  # no errors


def test_the_top_of_the_core_passes_without_qt(tmp_path: Path) -> None:
    run = _pytest(tmp_path, *(str(CORE / folder) for folder in RUN),
                  *(f"--ignore={CORE / path}" for path in NOT_RUN))
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    passed = re.search(r"^(\d+) passed", run.stdout.strip().splitlines()[-1])
    assert passed and int(passed.group(1)) > 50, run.stdout[-3000:]

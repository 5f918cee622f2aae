"""The shape of the code: a Qt-free core, and every command documented in the README."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from navigator.cli import _parser

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "navigator"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_never_imports_qt() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "gui" or relative in (Path("bench/gui_bench.py"),
                                                       Path("bench/map_bench.py"),
                                                       Path("bench/trip_app_memory.py")):
            continue
        if relative == Path("cli.py"):
            continue  # the command line starts the app, lazily, inside a function
        bad = {m for m in imported_modules(path) if m.startswith(("PySide6", "navigator.gui"))}
        if bad:
            offenders.append(f"{relative}: {sorted(bad)}")
    assert offenders == []


def test_search_and_exports_run_without_qt_loaded() -> None:
    code = ("import sys, navigator.cli, navigator.search.engine, navigator.exports, navigator.profile; "
            "print('PySide6' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = _parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    missing = [name for name in commands if f"navigator {name}" not in readme]
    assert missing == []


def test_the_app_solves_no_linear_systems() -> None:
    """The desktop build replaces numpy's LAPACK with a stop (build/slim_blas.py): code that
    ships in the app must not call numpy.linalg.  The pack builder and benchmarks do not ship."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[:2] == ("catalogue", "build") or relative.parts[0] == "bench":
            continue
        text = path.read_text(encoding="utf-8")
        if "linalg" in text or "numpy.linalg" in imported_modules(path):
            offenders.append(str(relative))
    assert offenders == []

"""The shape of the code: the layer order (docs/architecture.md), no circles, a Qt-free core, no
module over 500 lines, and every command documented in the README.

Every import counts: at module level, inside a function, under ``if TYPE_CHECKING:``.  There is
no list of exceptions: a new module must be placed in :data:`LAYERS`, and an import that runs
upwards is fixed by moving the shared piece down, not by listing it here.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from demo import ROOT

from navigator.cli import _parser

PACKAGE = ROOT / "navigator"

# Bottom to top: a module may import its own layer and the layers below it, never above.  Each
# entry names a module or a package (with everything in it); "navigator" alone is the package's
# own __init__.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("foundation", ("navigator", "navigator.errors", "navigator.text", "navigator.geo",
                    "navigator.walking", "navigator.grades", "navigator.resources",
                    "navigator.memory", "navigator.files", "navigator.small_files",
                    "navigator.core_dumps", "navigator.addresses",
                    "navigator.basemap")),
    ("i18n", ("navigator.i18n", "navigator.translation_tools")),
    ("catalogue", ("navigator.catalogue", "navigator.config")),
    ("transit", ("navigator.transit",)),
    ("search", ("navigator.search",)),
    ("words", ("navigator.profile", "navigator.pack_texts", "navigator.vocabulary",
               "navigator.deadlines", "navigator.indicators", "navigator.facts",
               "navigator.diff_report", "navigator.speech")),
    ("plans", ("navigator.shortlist", "navigator.next_steps", "navigator.list_check",
               "navigator.list_review", "navigator.list_trips")),
    ("household", ("navigator.household",)),
    ("exports", ("navigator.exports",)),
    ("reach", ("navigator.reach",)),
    ("gui", ("navigator.gui",)),
    ("bench", ("navigator.bench",)),
    ("cli", ("navigator.cli", "navigator.__main__")),
)
CORE = "reach"  # the top of the core: no Qt at or below it


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """Every module ``name`` imports, anywhere in its text (``from navigator import facts`` names
    navigator.facts; ``from navigator.i18n import _`` names navigator.i18n)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                base = ".".join(parent + ([base] if base else []))
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return found


def internal_imports(name: str) -> set[str]:
    """The Navigator modules ``name`` imports (a package's ``__init__`` counts as a module)."""
    return {m for m in imports_of(name) if m in MODULES and m != name}


def layer_of(name: str) -> int | None:
    for rank, (_layer, members) in enumerate(LAYERS):
        for member in members:
            if name == member or (member != "navigator" and name.startswith(member + ".")):
                return rank
    return None


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


GRAPH = {name: internal_imports(name) for name in MODULES}


def test_every_module_has_a_layer() -> None:
    assert [name for name in MODULES if layer_of(name) is None] == []


def test_imports_run_only_downward() -> None:
    upward = [f"{name} ({LAYERS[layer_of(name)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})"
              for name, targets in sorted(GRAPH.items()) for target in sorted(targets)
              if layer_of(target) > layer_of(name)]
    assert upward == []


def test_no_circles_between_modules() -> None:
    assert circles(GRAPH) == []


def test_no_circles_between_packages() -> None:
    """Collapsed to packages at every depth (navigator.search, navigator.catalogue.build, ...),
    the imports still form no circle."""
    found = []
    for depth in (2, 3):
        def unit(name: str, depth: int = depth) -> str:
            return ".".join(name.split(".")[:depth])

        graph: dict[str, set[str]] = {}
        for name, targets in GRAPH.items():
            graph.setdefault(unit(name), set()).update(
                unit(t) for t in targets if unit(t) != unit(name))
        found += circles(graph)
    assert found == []


MAX_LINES = 500  # what one person holds in mind at once (issue 26)


def test_no_module_is_longer_than_one_person_holds() -> None:
    """Every module of the package, the app's included, at most ``MAX_LINES`` lines; none is
    excused (a module that grows past it is split by what it holds)."""
    long = {name: lines for name, path in MODULES.items()
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}
    assert max(len(p.read_text(encoding="utf-8").splitlines()) for p in MODULES.values()) > 400  # read


def test_no_map_script_is_longer_than_one_person_holds() -> None:
    """The map page's scripts keep the same rule: split by layer (resources/map/map-base.js lists them)."""
    scripts = sorted((PACKAGE.parent / "resources" / "map").glob("*.js"))
    assert len(scripts) > 1  # read
    long = {path.name: lines for path in scripts
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_the_layer_test_sees_every_kind_of_import(tmp_path: Path) -> None:
    """Function-level and type-only imports count, and a circle is found."""
    code = ("from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from navigator.gui.state import FamilyState\n"
            "def f():\n    from navigator import facts\n    from ..cli import common\n")
    MODULES["navigator.search.probe"] = tmp_path / "probe.py"
    (tmp_path / "probe.py").write_text(code, encoding="utf-8")
    try:
        assert {"navigator.gui.state", "navigator.facts", "navigator.cli.common"} <= \
            internal_imports("navigator.search.probe")
    finally:
        del MODULES["navigator.search.probe"]
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_core_never_imports_qt() -> None:
    core = LAYERS.index(next(entry for entry in LAYERS if entry[0] == CORE))
    offenders = [f"{name}: {sorted(bad)}" for name in sorted(MODULES) if layer_of(name) <= core
                 for bad in [{m for m in imports_of(name) if m.startswith(("PySide6", "shiboken6"))}]
                 if bad]
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


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_the_fetch_command_can_touch_the_network() -> None:
    """The app and every other command work offline: no module but fetch.py opens a connection."""
    network = ("urllib.request", "http.client", "socket", "requests", "urllib3", "httpx",
               "aiohttp", "ftplib", "PySide6.QtNetwork")
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).as_posix()
        found = {m for m in imported_modules(path) if m.startswith(network)}
        if found and relative != "catalogue/fetch.py":
            offenders.append(f"{relative}: {sorted(found)}")
    assert offenders == []
    # The command line, the search and the profile never load it (the builder's GIS libraries
    # load urllib for their own reasons, and are not part of the app).
    code = ("import sys, navigator.cli, navigator.search.engine, navigator.profile; "
            "print('navigator.catalogue.fetch' in sys.modules, 'urllib.request' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]

"""A watchdog on the GUI event loop: the window keeps answering while the core works.

The operations layer (navigator/gui/operations) runs the core's work off the GUI thread.  This
test proves it where it matters, on the two benchmark packs: a bus-scale timetable (the synthetic
LA Metro-sized feed of navigator/bench/synthetic_feed.py, 2,500 schools) and 100,000 schools
(navigator/bench/synthetic.py).  A household of two children (a kindergartner and a sixth
grader, within two miles of a home in the middle of the region, three or four schools on each
list, trips by bus or train of at most 45 minutes asked for) drives Together, My list with its
checks, compare, the QR codes, an export and What changed, while a QTimer ticks every 5 ms on
the GUI thread; every gap between two ticks over 100 ms fails the action.

On a machine shared with other work, the system may keep the GUI thread (or the worker holding
Python's lock) off the processor for a while; that time is the machine's, not the app's.  Linux
says how long each thread waited, ready to run, for a processor (/proc/self/task/*/schedstat);
a gap counts without that wait of the GUI thread and the app's workers (both figures are
printed), and an action over the limit is measured once more: a hold in the app repeats, a
machine's hiccup (another program on the same two cores) rarely does.  No action is excused:
what the core once held Python's lock for (a new search engine per export and per child's QR
code, a diff of the whole of two packs for What changed) now runs on the worker's engine and on
the session's schools only.

The packs are built once per test session, both at once in child processes (about 25 s for the
100,000 schools, 9 s for the bus-scale one, on two cores).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402

from navigator.catalogue.pack import open_pack  # noqa: E402
from navigator.gui.selftest import dispose, wait_until  # noqa: E402
from navigator.household.model import Household  # noqa: E402
from navigator.search.engine import SearchEngine  # noqa: E402
from navigator.search.location import home_from_point  # noqa: E402
from navigator.search.query import Query  # noqa: E402
from navigator.shortlist import ListedSchool, save_list  # noqa: E402

LIMIT_MS = 100.0
TICK_MS = 5
TODAY = date(2026, 3, 2)  # a Monday inside the synthetic bus feed's service dates
NEAR = {"within_km": 2 * 1.609344}  # "within 2 miles", as the family chose it on What matters
TRIPS = {"transit_minutes": 45.0}  # and a trip by bus or train of at most 45 minutes

BUILD_BUS = """
from pathlib import Path
from navigator.bench.synthetic_feed import write_feed
from navigator.bench.transit_bench import _region
from navigator.catalogue.build.builder import build_pack
folder = Path({folder!r})
write_feed(folder / "feed")
build_pack(_region(folder, folder / "feed", 2500), folder / "pack.sqlite")
"""
BUILD_100K = """
from pathlib import Path
from navigator.bench.synthetic import synthetic_pack
synthetic_pack(100_000, Path({folder!r}) / "pack.sqlite")
"""


@pytest.fixture(scope="session")
def bench_packs(tmp_path_factory) -> dict[str, Path]:
    """The two benchmark packs, built at once in two child processes, once per session."""
    started = time.perf_counter()
    jobs = {}
    for name, code in (("bus-scale", BUILD_BUS), ("100,000 schools", BUILD_100K)):
        folder = tmp_path_factory.mktemp(name.replace(",", "").replace(" ", "-"))
        jobs[name] = (folder / "pack.sqlite", subprocess.Popen(
            [sys.executable, "-c", code.format(folder=str(folder))], stderr=subprocess.PIPE,
            text=True))
    packs = {}
    for name, (path, job) in jobs.items():
        _out, err = job.communicate(timeout=600)
        assert job.returncode == 0, f"building the {name} pack failed: {err[-2000:]}"
        packs[name] = path
    print(f"\nbenchmark packs built in {time.perf_counter() - started:.1f} s")
    return packs


# --- the watchdog -------------------------------------------------------------------------------


def _waited_ns(native_id: int) -> int:
    """How long a thread has waited, ready to run, for a processor (0 where Linux does not say)."""
    try:
        with open(f"/proc/self/task/{native_id}/schedstat") as stats:
            return int(stats.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0


@dataclass
class Gaps:
    raw_ms: float = 0.0  # the longest time between two ticks
    app_ms: float = 0.0  # the longest less the time the machine kept the app's threads waiting
    ticks: int = 0


@dataclass
class Watchdog:
    """A QTimer on the GUI thread noting the longest gap between its ticks."""

    timer: QTimer = field(default_factory=QTimer)
    gaps: Gaps = field(default_factory=Gaps)
    _last: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)

    @staticmethod
    def _threads() -> list[int]:
        """The GUI thread and the operations layer's workers."""
        return [threading.main_thread().native_id] + [
            t.native_id for t in threading.enumerate() if t.name.startswith("navigator-")]

    def _now(self) -> tuple[int, int]:
        return time.perf_counter_ns(), sum(_waited_ns(i) for i in self._threads())

    def _tick(self) -> None:
        now = self._now()
        if self._last is not None:
            raw = (now[0] - self._last[0]) / 1e6
            waited = (now[1] - self._last[1]) / 1e6
            self.gaps.raw_ms = max(self.gaps.raw_ms, raw)
            self.gaps.app_ms = max(self.gaps.app_ms, raw - max(0.0, waited))
            self.gaps.ticks += 1
        self._last = now

    def watch(self, state, action, settle_s: float = 0.5) -> Gaps:
        """Run ``action``, then the event loop until every answer it asked for is shown (and
        ``settle_s`` more, for what screens do a moment later)."""
        self.gaps = Gaps()
        self.timer.start()
        self._last = self._now()  # the action's own time on the GUI thread counts too
        try:
            action()
            assert state.operations.wait(300), "the work did not finish"
            wait_until(lambda: False, settle_s)
            assert state.operations.wait(300), "the work did not finish"
        finally:
            self.timer.stop()
        return self.gaps


# --- the family ---------------------------------------------------------------------------------


def _household(pack_path: Path) -> Household:
    """Luis (kindergarten, four schools) and Ana (grade 6, three), both within two miles of a
    home among the region's schools, both asking for the trip by bus or train."""
    with open_pack(pack_path) as pack:
        points = sorted(pack.school_points())
        home = home_from_point(*points[len(points) // 2])
        engine = SearchEngine(pack)
        household = Household(region=pack.region.id)
        household.home = {"latitude": home.latitude, "longitude": home.longitude,
                          "label": home.label, "kind": home.kind, "matched": home.matched}
        luis = household.child(1)
        luis.label, luis.grade, luis.filters = "Luis", 0, dict(NEAR, **TRIPS)
        ana = household.add_child("Ana", 6)
        ana.filters = dict(NEAR, **TRIPS)
        for child, count in ((luis, 4), (ana, 3)):
            found = engine.search(Query(home=home, grade=child.grade, **NEAR)).results
            assert len(found) > count, "the home has too few schools near it"
            child.schools = [ListedSchool(r.id) for r in found[:count]]
    return household


def _earlier_pack(pack_path: Path, out: Path) -> Path:
    """The same pack as it was a month before: built then, one school called otherwise."""
    shutil.copyfile(pack_path, out)
    conn = sqlite3.connect(out)
    try:
        with conn:
            conn.execute("UPDATE meta SET value = '2026-02-01T00:00:00Z' WHERE key = 'built_at'")
            first = conn.execute("SELECT id FROM schools ORDER BY id LIMIT 1").fetchone()[0]
            conn.execute("UPDATE schools SET name = name || ' (old)' WHERE id = ?", (first,))
    finally:
        conn.close()
    return out


@pytest.fixture(scope="module", params=["bus-scale", "100,000 schools"])
def app(request, bench_packs, qapp, tmp_path_factory):
    """The window on one benchmark pack with the household loaded and every answer shown."""
    from navigator.gui.main_window import MainWindow
    from navigator.gui.state import FamilyState

    pack_path = bench_packs[request.param]
    folder = tmp_path_factory.mktemp("watchdog")
    household = _household(pack_path)
    state = FamilyState(open_pack(pack_path))
    state.today = lambda: TODAY
    state.previous_pack = _earlier_pack(pack_path, folder / "earlier.sqlite")
    window = MainWindow(state)
    window.resize(1366, 768)
    window.show()
    assert wait_until(lambda: window.map_view.is_ready, 60), "the map page did not load"
    state.load_household(household)
    window.go("results")
    assert state.operations.wait(300)
    figures: dict[str, Gaps] = {}
    yield request.param, window, folder, figures
    print(f"\nGUI event loop on the {request.param} pack, longest gap per action "
          f"(raw / less the machine's waits), limit {LIMIT_MS:.0f} ms:")
    for name, gaps in figures.items():
        print(f"  {name:22s} {gaps.raw_ms:7.1f} / {gaps.app_ms:6.1f} ms  ({gaps.ticks} ticks)")
    state.operations.wait()
    dispose(window)


def _close_dialogs(window) -> None:
    from PySide6.QtWidgets import QDialog

    for dialog in window.findChildren(QDialog):
        if dialog.isVisible():
            dialog.reject()


def _together(window, _folder) -> object:
    return lambda: window.go("together")


def _my_list(window, _folder) -> object:
    state = window.state

    def action() -> None:
        window.go("shortlist")  # the plan and the checks, across both children
        state.add_to_shortlist(state.results.results[-1].id)  # and again for a fifth school
    return action


def _compare(window, _folder) -> object:
    page = window.pages["shortlist"]
    window.go("shortlist")
    for school_id in page.model.ids()[:3]:
        page.model.set_compared(school_id, True)
    return page.open_compare


def _qr(window, _folder) -> object:
    export = window.export_list()
    return export.show_qr


def _export(window, folder) -> object:
    dialog = window.export_list()
    done: list = []
    dialog.outcome.connect(lambda kind, _message: done.append(kind))
    dialog.choose_path = lambda _fmt, _suggested: folder / "our-list.pdf"

    def action() -> None:
        dialog.save_buttons["pdf"].click()
        assert wait_until(lambda: bool(done), 300) and done == ["saved"], "the export failed"
    return action


def _what_changed(window, folder) -> object:
    state = window.state
    family = state.to_family_list()
    with open_pack(state.previous_pack) as made_with:
        family.pack = made_with.stamp()
    save_list(folder / "session.json", family)
    return lambda: window.open_session(folder / "session.json")


def _measure(window, folder, action: str) -> Gaps:
    """The action from the list of schools, every earlier answer shown, under the watchdog."""
    _close_dialogs(window)
    window.go("results")
    assert window.state.operations.wait(300)
    return Watchdog().watch(window.state, ACTIONS[action](window, folder))


ACTIONS = {"Together": _together, "My list with checks": _my_list, "compare": _compare,
           "QR codes": _qr, "export (PDF)": _export, "What changed": _what_changed}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_the_window_never_stops_answering(app, action) -> None:
    name, window, folder, figures = app
    gaps = _measure(window, folder, action)
    if gaps.app_ms > LIMIT_MS:  # once more: a hold repeats, a hiccup rarely
        gaps = min(gaps, _measure(window, folder, action), key=lambda g: g.app_ms)
    figures[action] = gaps
    if action == "What changed":
        assert window.what_changed_dialog.isVisible()  # the work was done, and shown
    assert gaps.ticks > 50, "the watchdog hardly ticked"
    assert gaps.app_ms <= LIMIT_MS, (
        f"{action} on the {name} pack held the GUI for {gaps.app_ms:.0f} ms "
        f"({gaps.raw_ms:.0f} ms with the machine's waits)")

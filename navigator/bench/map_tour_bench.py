"""`navigator bench map --pack P`: the map as a family meets it on a pack, and on the demo pack in
the same run (the baseline: the town the map was first made for).

For each pack, in a fresh process (so its memory is the app's alone), the app's window at
1366 × 768, offscreen, on *Schools*:

* map ready: from the search's answer reaching the list to the map showing the schools the list
  shows, named and framed with the home (the median of three searches, and the slowest);
* frames while panning and zooming over the results: the page's own frame clock
  (requestAnimationFrame) during a scripted tour (map_bench.TOUR), median and 95th percentile;
* the app's memory after the tour: this process and its QtWebEngine helpers, PSS.

Targets (issue 25): ready ≤ 1.0 s, median frame ≤ 17 ms, p95 ≤ 50 ms, memory ≤ 500 MB.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGETS = {"ready_s": 1.0, "median_frame_ms": 17, "p95_frame_ms": 50, "memory_mb": 500}
MILES_KM = 1.609344
SEARCHES = 3


def _home(pack, where: tuple[float, float] | None):
    from navigator.search.query import Home

    if where is None:  # the middle of the pack's schools
        points = pack.school_points()
        where = (statistics.median(p[0] for p in points), statistics.median(p[1] for p in points))
    return Home(where[0], where[1], "point", "benchmark", "benchmark")


def _listed(view, wait_until) -> list[str]:
    box: list = []
    view.evaluate("JSON.stringify(navigatorMap.listedIds())", box.append)
    wait_until(lambda: bool(box), 5)
    return json.loads(box[0]) if box and box[0] else []


def tour_figures(pack_path: Path, where: tuple[float, float] | None) -> dict:
    """The figures for one pack (run in its own process: see run_benchmark)."""
    from navigator.bench.map_bench import _frame_figures, _tour
    from navigator.bench.memory import tree_pss_mb
    from navigator.gui.app import create_window
    from navigator.gui.selftest import dispose, wait_until

    _app, state, window = create_window(pack_path, offscreen=True)
    window.resize(1366, 768)
    window.show()
    try:
        wait_until(lambda: window.map_view.is_ready, 30)
        view = window.map_view
        page = window.pages["results"]
        state.grade = 0
        window.go("results")
        answered: list[float] = []
        state.results_ready.connect(lambda _r: answered.append(time.perf_counter()))
        ready, counts = [], []
        for k in range(SEARCHES):
            answered.clear()
            view.evaluate("navigatorMap.setListed([], false)", lambda _v: None)  # the next one is new
            wait_until(lambda: _listed(view, wait_until) == [], 5)
            miles = 1.5 if k % 2 == 0 else 1.4  # each search a new answer
            if k == 0:
                state.update_filters(within_km=miles * MILES_KM)
                state.set_home(_home(state.pack, where))
            else:
                state.update_filters(within_km=miles * MILES_KM)
            wait_until(lambda: bool(answered), 60)
            wait_until(lambda: bool(page.list_view.shown_ids())
                       and _listed(view, wait_until) == [i for i in page.list_view.shown_ids()
                                                         if i in page._map_ids()], 30)
            ready.append(time.perf_counter() - answered[0])
            counts.append(state.results.count if state.results else 0)
            state.operations.wait()
            wait_until(lambda: False, 0.5)
        listed = len(_listed(view, wait_until))
        frames = _frame_figures(_tour(view, wait_until))
        memory = tree_pss_mb(os.getpid())
        tiles = view.tiles.served if view.tiles is not None else 0
    finally:
        state.operations.wait()
        dispose(window)
    return {"schools_found": counts[0], "listed_on_map": listed,
            "ready_s_median": round(statistics.median(ready), 3), "ready_s_max": round(max(ready), 3),
            "frames": frames, "street_map_tiles": tiles, "memory_pss_mb": round(memory)}


def _in_process(pack: Path, where: tuple[float, float] | None) -> dict:
    command = [sys.executable, "-m", "navigator.bench.map_tour_bench", str(pack)]
    if where is not None:
        command.append(f"{where[0]},{where[1]}")
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    done = subprocess.run(command, capture_output=True, text=True, timeout=900, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"the map tour on {pack} failed: {done.stderr.strip()[-800:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_benchmark(pack: Path, where: tuple[float, float] | None = None) -> dict:
    from navigator.resources import demo_pack

    return {"pack": _in_process(pack, where), "baseline_demo_pack": _in_process(demo_pack(), None),
            "targets": TARGETS}


if __name__ == "__main__":
    where = tuple(float(v) for v in sys.argv[2].split(",")) if len(sys.argv) > 2 else None
    print(json.dumps(tour_figures(Path(sys.argv[1]), where)))

"""`navigator bench gui`: how fast the app opens and follows a filter change, on a 2,500-school pack.

Three figures, each against what the issue asks (usable within 1.5 s; list within 100 ms and map
within 300 ms of a filter change), and a baseline measured in the same run: a bare QWebEngineView
loading a minimal Leaflet page from the xstatic files (time to ``loadFinished``).

Why child processes: QtWebEngine starts its browser process once per program, so a second page in
the same process would look faster than a real launch.  Each launch (the baseline and the app) runs
in a fresh ``python -m navigator.bench.gui_bench --child ...`` and prints its figures as JSON; the
medians of a few launches are reported.  Offscreen (``QT_QPA_PLATFORM=offscreen``) when there is
no display, so it runs on a headless machine too.

What is timed:

* startup: from before ``QApplication`` is created to (a) the main window painted, (b) the first
  results painted in the list, (c) the map page ready with those schools drawn;
* a filter change (``state.update_filters``): to the list's first paint after the new answer
  (the search runs on the worker thread, so it is included), and to the map having the new
  markers (a script queued right after the app's ``setSchools`` call answers once it has run);
  median and worst of ~20 changes, including ones that show every school.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LEAFLET_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="{css}"><script src="{js}"></script>
<style>html,body,#map{{height:100%;margin:0}}</style></head>
<body><div id="map"></div><script>
var map = L.map('map').setView([34.05, -118.25], 11);
L.circleMarker([34.05, -118.25]).addTo(map);
</script></body></html>"""

# A home near the synthetic region's middle, and the changes a family makes one after another.
HOME = (34.05, -118.25)
CHANGES: list[dict] = [
    {"within_km": 3.0}, {"within_km": 8.0}, {"within_km": None},
    {"programs": ("dual_language:es",)}, {"programs": ()},
    {"transit": "rail"}, {"transit": None},
    {"sped": ("speech",)}, {"sped": ()},
    {"walk_min": 20.0}, {"walk_min": None},
    {"sectors": ("charter",)}, {"sectors": ()},
    {"languages": ("ko",)}, {"languages": ()},
    {"within_km": 5.0, "el": ("eld",)}, {"within_km": None, "el": ()},
    {"drop_unknown": True}, {"drop_unknown": False},
    {"one_seat": True}, {"one_seat": False},
]


def _now_ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 1)


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


# --- the child processes ----------------------------------------------------------------------------


def _wait(app, predicate, timeout_s: float = 30.0) -> bool:
    """Run the event loop until ``predicate()`` holds: a real loop (idle without the GIL, as in
    the app), checked every 2 ms; a busy ``processEvents`` loop would slow the search thread."""
    from PySide6.QtCore import QEventLoop, QTimer

    if predicate():
        return True
    loop = QEventLoop()
    check = QTimer()
    check.setInterval(2)
    check.timeout.connect(lambda: predicate() and loop.quit())
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    check.start()
    loop.exec()
    check.stop()
    return bool(predicate())


def child_baseline() -> dict:
    start = time.perf_counter()
    from navigator.gui.map_view import configure_chromium_environment, leaflet_files

    configure_chromium_environment()
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineWidgets import QWebEngineView
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    files = leaflet_files()
    view = QWebEngineView()
    view.resize(1000, 700)
    done: list[bool] = []
    view.loadFinished.connect(done.append)
    html = LEAFLET_PAGE.format(css=files["leaflet_css"].as_uri(), js=files["leaflet_js"].as_uri())
    view.setHtml(html, QUrl.fromLocalFile(str(files["leaflet_js"].parent) + os.sep))
    view.show()
    ok = _wait(app, lambda: bool(done))
    return {"leaflet_load_ms": _now_ms(start), "ok": ok and bool(done[0])}


def child_app(pack_path: Path, changes: int) -> dict:
    start = time.perf_counter()
    from navigator.gui.map_view import configure_chromium_environment

    configure_chromium_environment()
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from navigator.catalogue.pack import open_pack
    from navigator.gui.main_window import MainWindow
    from navigator.gui.state import FamilyState
    from navigator.search.location import home_from_point

    app = QApplication(sys.argv[:1])
    state = FamilyState(open_pack(pack_path))
    window = MainWindow(state)
    window.resize(1280, 800)
    page = window.pages["results"]
    viewport = page.list_view.viewport()
    marks: dict[str, float] = {}

    class Painted(QObject):
        """Notes the first paint of a widget after ``arm``."""

        def __init__(self):
            super().__init__()
            self.armed: str | None = None

        def eventFilter(self, watched, event):  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint and self.armed and self.armed not in marks:
                marks[self.armed] = _now_ms(start)
            return False

    window_paint, list_paint = Painted(), Painted()
    window.installEventFilter(window_paint)
    viewport.installEventFilter(list_paint)
    window_paint.armed = "window"
    map_answers: list[float] = []

    def poll_map(expected: int, answer_no: int) -> None:
        """Ask the page for its marker count until it has the new schools (each question is
        queued behind the app's own calls, so the first right answer is when they have run)."""
        def answer(count) -> None:
            if len(map_answers) != answer_no:
                return  # a newer answer is being waited for
            if window.map_view.is_ready and count == expected:
                map_answers.append(time.perf_counter())
            else:
                QTimer.singleShot(5, lambda: poll_map(expected, answer_no))
        window.map_view.evaluate("window.navigatorMap ? navigatorMap.schoolCount() : -1", answer)

    def after_results(_result) -> None:
        list_paint.armed = f"list{len(map_answers)}"
        # After the page's own (deferred) setSchools call.
        n = len(map_answers)
        QTimer.singleShot(0, lambda: poll_map(len(page.map_features()), n))

    state.results_ready.connect(after_results)
    window.show()
    state.grade = 3
    state.set_home(home_from_point(*HOME))
    window.go("results")
    _wait(app, lambda: "window" in marks and "list0" in marks)
    _wait(app, lambda: bool(map_answers))
    figures = {"window_ms": marks["window"], "results_ms": marks["list0"],
               "map_ms": round((map_answers[0] - start) * 1000, 1) if map_answers else None,
               "schools_listed": page.model.school_count()}

    list_ms, map_ms, counts = [], [], []
    from navigator.bench.real_pack import PackFit

    fit = PackFit(state.pack)  # a real pack (--pack): only the needs it has codes for
    asked = [fit.needs(change) for change in CHANGES]
    for n, change in enumerate((asked * (changes // len(asked) + 1))[:changes], start=1):
        _wait(app, lambda: False, 0.5)  # a person clicking quickly: half a second apart
        key = f"list{n}"
        t0 = time.perf_counter()
        state.update_filters(**change)
        if not _wait(app, lambda k=key, n=n: k in marks and len(map_answers) > n):
            continue
        list_ms.append(marks[key] - (t0 - start) * 1000)
        map_ms.append((map_answers[n] - t0) * 1000)
        counts.append(page.model.school_count())
        if os.environ.get("NAVIGATOR_BENCH_VERBOSE"):
            print(change, counts[-1], round(list_ms[-1], 1), round(map_ms[-1], 1), file=sys.stderr)
    figures.update({
        "changes": len(list_ms), "shown_min": min(counts, default=0), "shown_max": max(counts, default=0),
        "list_median_ms": round(statistics.median(list_ms), 1) if list_ms else None,
        "list_max_ms": round(max(list_ms), 1) if list_ms else None,
        "map_median_ms": round(statistics.median(map_ms), 1) if map_ms else None,
        "map_max_ms": round(max(map_ms), 1) if map_ms else None,
    })
    window.close()
    return figures


def _run_child(args: list[str]) -> dict:
    done = subprocess.run([sys.executable, "-m", "navigator.bench.gui_bench", "--child", *args],
                          capture_output=True, text=True, env=_environment(), timeout=300)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"bench child {args[0]} failed: {done.stderr.strip()[-2000:]}")
    return json.loads(lines[-1])


# --- the benchmark -----------------------------------------------------------------------------------


def run_benchmark(n_schools: int = 2500, launches: int = 3, changes: int = 20,
                  pack_path: Path | None = None) -> dict:
    """Figures for the README: the baseline and the app's startup (medians of ``launches`` fresh
    processes each), and the list and map after ``changes`` filter changes."""
    from navigator.bench.synthetic import synthetic_pack

    with tempfile.TemporaryDirectory() as folder:
        path = pack_path or synthetic_pack(n_schools, Path(folder) / "bench.sqlite")
        baseline = [_run_child(["baseline"])["leaflet_load_ms"] for _ in range(launches)]
        runs = [_run_child(["app", str(path), str(changes if i == 0 else 0)]) for i in range(launches)]
    first = runs[0]
    return {
        "schools": n_schools if pack_path is None else _school_count(pack_path),
        "baseline_leaflet_page_ms": statistics.median(baseline),
        "startup_window_ms": statistics.median(r["window_ms"] for r in runs),
        "startup_results_listed_ms": statistics.median(r["results_ms"] for r in runs),
        "startup_map_ready_ms": statistics.median(r["map_ms"] for r in runs),
        "filter_changes": first["changes"],
        "schools_shown": f"{first['shown_min']}-{first['shown_max']}",
        "filter_to_list_median_ms": first["list_median_ms"],
        "filter_to_list_max_ms": first["list_max_ms"],
        "filter_to_map_median_ms": first["map_median_ms"],
        "filter_to_map_max_ms": first["map_max_ms"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--schools", type=int, default=2500)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        figures = child_baseline() if kind == "baseline" else child_app(Path(rest[0]), int(rest[1]))
        print(json.dumps(figures), flush=True)
        os._exit(0)  # skip QtWebEngine's slow teardown: the figures are out
    print(json.dumps(run_benchmark(args.schools), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())


def _school_count(path: Path) -> int:
    from navigator.catalogue.pack import open_pack

    with open_pack(path) as pack:
        return pack.conn.execute("SELECT count(*) FROM schools").fetchone()[0]

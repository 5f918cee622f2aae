"""The app's memory with trips asked for: one fresh process per pack (so the figure is the app's
alone), the window offscreen at 1366 x 768, a home beside its busiest stop, every school's trip
at most 45 minutes arriving by each school's time, the quickest trip's school opened with its
trip drawn on the map; then the proportional set size of the app and all its QtWebEngine helpers
(navigator/bench/memory.py).  ``navigator bench transit`` runs it on the bus-scale pack and, in
the same run, on the demo pack as the baseline.

    python -m navigator.bench.trip_app_memory PACK YYYY-MM-DD   # prints {"pss_mb": ..., ...}
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

TARGET_MB = 500


def measure(pack_path: Path, on: date) -> dict:
    from navigator.bench.memory import tree_pss_mb
    from navigator.gui.app import create_window
    from navigator.gui.selftest import dispose, wait_until
    from navigator.search.location import home_from_point

    _app, state, window = create_window(pack_path, offscreen=True)
    window.resize(1366, 768)
    window.show()
    try:
        wait_until(lambda: window.map_view.is_ready, 60)
        # A home beside the stop with the most lines: trips to many schools.
        lat, lon = state.pack.conn.execute(
            "SELECT s.latitude, s.longitude FROM stops s JOIN stop_lines sl ON sl.stop_id = s.id "
            "GROUP BY s.id ORDER BY count(*) DESC, s.id LIMIT 1").fetchone()
        answers: list = []
        state.results_ready.connect(answers.append)
        state.set_home(home_from_point(lat, lon))
        wait_until(lambda: bool(answers), 60)
        answers.clear()
        state.update_filters(transit_minutes=45.0, order="trip", on_date=on)
        wait_until(lambda: bool(answers), 120)
        result = answers[-1]
        with_trip = [r for r in result.results if r.trip]
        window.go("results")
        wait_until(lambda: False, 2.0)
        if with_trip:
            state.select(with_trip[0].id)
            window.show_profile(with_trip[0].id)
        wait_until(lambda: False, 3.0)
        memory = tree_pss_mb(os.getpid())
        return {"pss_mb": round(memory), "schools": len(result.results), "with_trip": len(with_trip)}
    finally:
        state.operations.wait()
        dispose(window)


def in_child(pack_path: Path, on: date) -> dict:
    """``measure`` in a fresh Python (the benchmark's own arrays are not the app's)."""
    done = subprocess.run([sys.executable, "-m", "navigator.bench.trip_app_memory", str(pack_path),
                           on.isoformat()], capture_output=True, text=True, timeout=900,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    if done.returncode != 0:
        raise RuntimeError(f"the app memory benchmark failed: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    print(json.dumps(measure(Path(argv[0]), date.fromisoformat(argv[1]))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

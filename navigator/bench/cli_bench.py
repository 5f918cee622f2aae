"""`navigator bench cli`: how long ``navigator search ... --json`` takes, start to finish.

A family's counsellor or a district's script runs one search per command, so the start-up is
most of the wait.  Each run is a fresh process (``python -m navigator search --pack P --zip Z
--grade G --json``), timed wall clock; the baseline, measured in the same run and alternating
with it (so both meet the same load on a shared machine), is the least a Python command can
take: ``python -c "import sqlite3"``.  The target on the LA County pack is 0.5 s.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from navigator.bench.synthetic import percentiles


def _wall_ms(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=_env())
    return (time.perf_counter() - start) * 1000


def _env() -> dict[str, str]:
    """This process's environment, with this Navigator first on the path (a source tree too),
    and Python's bytecode kept as an installed Navigator's is (the warm-up run writes it)."""
    root = str(Path(__file__).resolve().parents[2])
    path = os.environ.get("PYTHONPATH", "")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": root + (os.pathsep + path if path else "")}


def search_command(pack: Path | None, zip_code: str, grade: str) -> list[str]:
    command = [sys.executable, "-m", "navigator", "search"]
    if pack is not None:
        command += ["--pack", str(pack)]
    return command + ["--zip", zip_code, "--grade", grade, "--json"]


def run_benchmark(pack: Path | None, zip_code: str, grade: str = "6", runs: int = 10) -> dict:
    """Medians and 95th percentiles of ``runs`` searches and as many baselines, alternating
    (after one warm-up of each: the first run reads the files from disk)."""
    search = search_command(pack, zip_code, grade)
    baseline = [sys.executable, "-c", "import sqlite3"]
    _wall_ms(search)
    _wall_ms(baseline)
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(_wall_ms(search))
        theirs.append(_wall_ms(baseline))
    p50, p95 = percentiles(ours)
    b50, b95 = percentiles(theirs)
    return {"pack": str(pack) if pack is not None else "demo", "zip": zip_code, "grade": grade,
            "runs": runs, "search_p50_ms": round(p50), "search_p95_ms": round(p95),
            "baseline_p50_ms": round(b50), "baseline_p95_ms": round(b95),
            "start_up_over_baseline_p50_ms": round(p50 - b50)}

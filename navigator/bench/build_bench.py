"""`navigator bench build`: build a pack from the LA Metro rail feed plus N schools.

Prints wall time and peak memory of the build, each run in its own process, and
of a baseline in the same run: pandas merely reading the same input files (the
floor any builder pays before doing any work).
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from navigator.catalogue.build.cde import LAYOUT


def write_directory(path: Path, n_schools: int, seed: int = 3) -> None:
    """A CDE-layout file of synthetic schools spread over Los Angeles."""
    rng = random.Random(seed)
    lines = ["\t".join(LAYOUT)]
    for i in range(n_schools):
        row = dict.fromkeys(LAYOUT, "No Data") | {
            "CDSCode": f"19{64733:05d}{i:07d}", "StatusType": "Active", "County": "Los Angeles",
            "District": "Synthetic Unified", "School": f"Synthetic School {i}",
            "Charter": "Y" if i % 5 == 0 else "N", "GSoffered": rng.choice(["K-5", "6-8", "9-12"]),
            "Latitude": f"{rng.uniform(33.75, 34.35):.6f}",
            "Longitude": f"{rng.uniform(-118.65, -117.75):.6f}",
            "Magnet": rng.choice("YN"), "Multilingual": rng.choice("YN"), "Virtual": "N",
            "LastUpDate": "06/01/2026"}
        lines.append("\t".join(row[c] for c in LAYOUT))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _child(code: str) -> tuple[float, float]:
    """Seconds and peak resident megabytes of a fresh Python running ``code``."""
    code += "\nimport resource\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    return seconds, int(done.stdout.split()[-1]) / 1024


def run_benchmark(gtfs: Path, n_schools: int = 2500) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        write_directory(folder / "pubschls.txt", n_schools)
        (folder / "region.toml").write_text(
            f'[region]\nid = "bench-la"\nname = "Benchmark LA"\n'
            f'[[schools]]\nformat = "cde"\npath = "pubschls.txt"\n'
            f'[[transit]]\npath = "{gtfs}"\npublisher = "LA Metro"\n', encoding="utf-8")
        baseline_code = (
            "import pandas, zipfile\n"
            f"z = zipfile.ZipFile({str(gtfs)!r})\n"
            "for name in ('stops.txt', 'routes.txt', 'trips.txt', 'stop_times.txt', 'shapes.txt'):\n"
            "    pandas.read_csv(z.open(name), dtype=str)\n"
            f"pandas.read_csv({str(folder / 'pubschls.txt')!r}, sep='\\t', dtype=str)\n")
        base_s, base_mb = _child(baseline_code)
        build_code = (
            "from pathlib import Path\n"
            "from navigator.catalogue.build.builder import build_pack\n"
            f"build_pack(Path({str(folder / 'region.toml')!r}), Path({str(folder / 'out.sqlite')!r}))\n")
        build_s, build_mb = _child(build_code)
        size = (folder / "out.sqlite").stat().st_size
    return {"schools": n_schools, "build_s": round(build_s, 2), "build_peak_mb": round(build_mb),
            "baseline_read_s": round(base_s, 2), "baseline_read_peak_mb": round(base_mb),
            "pack_mb": round(size / 2**20, 2)}

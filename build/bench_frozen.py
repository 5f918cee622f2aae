"""The built app's figures: folder size, cold start to a usable window, memory of all its processes.

    python build/bench_frozen.py [--app dist/Navigator/Navigator] [--schools 2500] [--runs 3]

Each run starts the frozen app afresh with `--self-test` on a synthetic pack of N schools and
records when the window is usable (first results listed and the map page loaded), the memory
(proportional set size) of the app and its QtWebEngine helper processes together at that moment,
and its largest value, sampled every 20 ms, over the whole self-test, which goes on to render a
Korean and English PDF.
The baseline, in the same run: the same measurements for a bare QWebEngineView loading a Leaflet
page from source (navigator.bench.gui_bench's baseline child).
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from navigator.bench.memory import tree_pss_mb  # noqa: E402


def launch(command: list[str], env: dict) -> tuple[float, float, float]:
    """Seconds from spawn to usable, the memory of the process tree then, and its peak over the
    whole self-test (which goes on to render a PDF), in MB."""
    started = time.time()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    peak, usable, at_usable = 0.0, None, 0.0
    os.set_blocking(process.stdout.fileno(), False)
    buffer = ""
    while process.poll() is None:
        peak = max(peak, tree_pss_mb(process.pid))
        buffer += (process.stdout.read() or b"").decode()
        if usable is None and "usable_at=" in buffer:
            usable = float(buffer.split("usable_at=")[1].split()[0]) - started
            at_usable = tree_pss_mb(process.pid)
        time.sleep(0.02)
    buffer += (process.stdout.read() or b"").decode()
    if process.returncode != 0 or "self-test passed" not in buffer:
        raise RuntimeError(f"{command[0]} failed: {buffer[-500:]}")
    if usable is None:
        usable = float(buffer.split("usable_at=")[1].split()[0]) - started
    return usable, at_usable, peak


def folder_mib(folder: Path) -> tuple[float, float]:
    """(the files' sizes, the disk space they take, as `du -s` counts it), in MiB (2**20 bytes)."""
    files = [p.stat() for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(f.st_size for f in files) / 2**20, sum(f.st_blocks * 512 for f in files) / 2**20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", type=Path, default=ROOT / "dist" / "Navigator" / "Navigator")
    parser.add_argument("--schools", type=int, default=2500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.app.is_file():
        print(f"bench: no built app at {args.app}; run python build/make.py first.", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    from navigator.bench.synthetic import synthetic_pack

    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8",
           "NAVIGATOR_REPORT_USABLE": "1"}
    with tempfile.TemporaryDirectory() as folder:
        env["HOME"] = folder
        pack = synthetic_pack(args.schools, Path(folder) / "bench.sqlite")
        runs = [launch([str(args.app), "--self-test", "--pack", str(pack)], env)
                for _ in range(args.runs)]
        baseline = []
        for _ in range(args.runs):
            done = subprocess.run([sys.executable, "-m", "navigator.bench.gui_bench", "--child",
                                   "baseline"], capture_output=True, text=True, cwd=ROOT,
                                  env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
            baseline.append(json.loads(done.stdout.strip().splitlines()[-1])["leaflet_load_ms"])
    size, disk = folder_mib(args.app.parent)
    figures = {
        "schools": args.schools,
        "folder_mib": round(size, 1),
        "folder_on_disk_mib": round(disk, 1),
        "cold_start_usable_s": round(statistics.median(r[0] for r in runs), 2),
        "memory_all_processes_when_usable_mb": round(max(r[1] for r in runs)),
        "peak_memory_all_processes_with_pdf_export_mb": round(max(r[2] for r in runs)),
        "baseline_bare_leaflet_view_from_source_s": round(statistics.median(baseline) / 1000, 2),
    }
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

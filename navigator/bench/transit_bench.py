"""`navigator bench transit`: trips from 200 homes to every school, arriving by 8:00.

Two feeds: (a) the real LA Metro rail feed with 2,500 synthetic schools in Los Angeles, and
(b) a synthetic feed at LA Metro bus scale (navigator/bench/synthetic_feed.py) with 2,500
schools.  For each: the pack build (time and peak memory, in a child process), the router's
memory with the timetable loaded, p50/p95 per query, and in the same run the baseline (a
time-expanded graph searched with networkx, navigator/bench/transit_baseline.py) on the first
queries, with the number of (home, school) pairs where both give the same minutes.
"""

from __future__ import annotations

import gc
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from navigator.bench.build_bench import _child, write_directory
from navigator.bench.synthetic import percentiles
from navigator.bench.synthetic_feed import write_feed
from navigator.catalogue.pack import open_pack
from navigator.errors import UserError
from navigator.transit.router import Router, TripOptions
from navigator.transit.timetable import load_timetable

ARRIVE_BY = 8 * 60
RAIL_DAY = date(2022, 10, 11)  # a Tuesday inside the rail feed's service dates
BUS_DAY = date(2026, 3, 3)  # a Tuesday inside the synthetic feed's


def _rss_mb() -> float:
    """Resident memory of this process now (Linux), in MB."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 1e6


def _region(folder: Path, transit: Path, n_schools: int) -> Path:
    write_directory(folder / "pubschls.txt", n_schools)
    toml = folder / "region.toml"
    toml.write_text(f'[region]\nid = "bench-transit"\nname = "Benchmark"\n'
                    f'[[schools]]\nformat = "cde"\npath = "pubschls.txt"\n'
                    f'[[transit]]\npath = "{transit}"\npublisher = "Benchmark"\n', encoding="utf-8")
    return toml


def _build(toml: Path, out: Path) -> tuple[float, float]:
    return _child("from pathlib import Path\n"
                  "from navigator.catalogue.build.builder import build_pack\n"
                  f"build_pack(Path({str(toml)!r}), Path({str(out)!r}))\n")


def _homes(lat: np.ndarray, lon: np.ndarray, n: int, seed: int) -> list[tuple[float, float]]:
    """Homes around the stops: most within a walk of one, some a little further."""
    rng = random.Random(seed)
    homes = []
    for _ in range(n):
        i = rng.randrange(len(lat))
        homes.append((float(lat[i]) + rng.gauss(0, 0.004), float(lon[i]) + rng.gauss(0, 0.004)))
    return homes


def measure_feed(name: str, pack_path: Path, on: date, n_queries: int, n_baseline: int) -> dict:
    from navigator.bench.transit_baseline import TimeExpandedBaseline

    gc.collect()
    before = _rss_mb()
    with open_pack(pack_path) as pack:
        timetable = load_timetable(pack)
        rows = pack.conn.execute("SELECT latitude, longitude FROM schools ORDER BY id").fetchall()
    router = Router(timetable)
    lat = np.array([np.nan if r[0] is None else r[0] for r in rows])
    lon = np.array([np.nan if r[1] is None else r[1] for r in rows])
    options = TripOptions()
    places = router.places(lat, lon, options.max_walk_min)
    deadlines = np.full(len(rows), ARRIVE_BY)
    router.query(float(timetable.stop_lat[0]), float(timetable.stop_lon[0]), places, deadlines, on, options)
    router_mb = _rss_mb() - before
    homes = _homes(timetable.stop_lat, timetable.stop_lon, n_queries, seed=17)
    samples, answers = [], []
    for home in homes:
        start = time.perf_counter()
        answer = router.query(home[0], home[1], places, deadlines, on, options)
        samples.append((time.perf_counter() - start) * 1000)
        if len(answers) < n_baseline:
            answers.append((answer.depart.copy(), answer.arrive.copy()))
    p50, p95 = percentiles(samples)
    start = time.perf_counter()
    baseline = TimeExpandedBaseline(timetable, on, (ARRIVE_BY - options.window_min, ARRIVE_BY), options)
    graph_s = time.perf_counter() - start
    base_samples, same, pairs = [], 0, 0
    for home, (depart, arrive) in zip(homes, answers, strict=False):
        start = time.perf_counter()
        b_depart, b_arrive = baseline.query(router, home[0], home[1], places, deadlines)
        base_samples.append((time.perf_counter() - start) * 1000)
        mine = np.where(depart >= 0, arrive - depart, -1)
        theirs = np.where(b_depart >= 0, b_arrive - b_depart, -1)
        same += int(((mine == theirs) & (depart == b_depart)).sum())
        pairs += len(mine)
    del baseline
    gc.collect()
    _b50, b95 = percentiles(base_samples) if base_samples else (float("nan"), float("nan"))
    return {"name": name, "stops": timetable.stops, "stop_times": timetable.stop_times,
            "queries": len(samples), "schools": len(rows), "p50_ms": round(p50, 1), "p95_ms": round(p95, 1),
            "baseline_queries": len(base_samples), "baseline_graph_s": round(graph_s, 1),
            "baseline_p95_ms": round(b95, 1), "speedup_p95": round(b95 / p95, 1) if p95 else None,
            "same_minutes": same, "pairs": pairs, "router_mb": round(router_mb, 1)}


def run_benchmark(gtfs: Path, n_queries: int = 200, n_schools: int = 2500,
                  n_baseline: int | None = None, app_memory: bool = True) -> dict:
    feeds = []
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        rail = folder / "rail"
        rail.mkdir()
        rail_pack = rail / "pack.sqlite"
        rail_s, rail_mb = _build(_region(rail, gtfs, n_schools), rail_pack)
        feeds.append(measure_feed("LA Metro rail (real)", rail_pack, RAIL_DAY, n_queries,
                                  40 if n_baseline is None else n_baseline)
                     | {"build_s": round(rail_s, 1), "build_peak_mb": round(rail_mb)})
        bus = folder / "bus"
        feed = write_feed(bus / "feed")
        bus_pack = bus / "pack.sqlite"
        bus_s, bus_mb = _build(_region(bus, bus / "feed", n_schools), bus_pack)
        feeds.append(measure_feed("synthetic, LA Metro bus scale", bus_pack, BUS_DAY, n_queries,
                                  3 if n_baseline is None else n_baseline)
                     | {"build_s": round(bus_s, 1), "build_peak_mb": round(bus_mb),
                        "feed_stop_times": feed["stop_times"]})
        together_figures = measure_together(bus_pack, BUS_DAY)
        app = None
        if app_memory:  # the app itself, all its processes, with trips shown (and the demo's)
            from navigator.bench.trip_app_memory import TARGET_MB, in_child
            from navigator.resources import demo_pack

            app = {"bus_scale": in_child(bus_pack, BUS_DAY),
                   "baseline_demo": in_child(demo_pack(), date(2026, 11, 24)), "target_mb": TARGET_MB}
    return {"feeds": feeds, "together": together_figures} | ({"app_memory": app} if app else {})


def run_on_pack(pack_path: Path, n_queries: int = 200, n_baseline: int | None = None) -> dict:
    """The router on any pack (a county's, say): p50/p95 from homes around its timed stops to
    every school, arriving by 8:00 on a Tuesday of its largest feed's representative week, and
    the networkx baseline on the first homes of the same run."""
    from navigator.transit.timetable import feed_calendars

    with open_pack(pack_path) as pack:
        feeds = feed_calendars(pack)
        if not feeds:
            raise UserError(f"The pack {pack_path} has no timetable to measure; build it with a GTFS "
                            "feed in its [[transit]] section.")
        trips = dict(pack.conn.execute("SELECT source_id, trips FROM timetable_feeds"))
    busiest = max(feeds, key=lambda f: trips.get(f.source_id, 0))
    on = busiest.week_start + timedelta(days=1)
    name = f"{pack_path.name} (Tuesday {on.isoformat()})"
    return {"feeds": [measure_feed(name, pack_path, on, n_queries, 10 if n_baseline is None else n_baseline)]}


def measure_together(pack_path: Path, on: date, n_households: int = 40) -> dict:
    """Together as the app's screen asks it (8 options, two or three children), with the trip
    between the schools (navigator.transit.between) and, in the same run, without it."""
    from dataclasses import replace as with_region

    from navigator.bench.household_bench import households
    from navigator.household.together import together
    from navigator.search.engine import SearchEngine
    from navigator.transit.between import SchoolToSchool

    with open_pack(pack_path) as pack:
        engine = SearchEngine(pack)
        mix = [with_region(h, region=pack.region.id) for h in households(n_households, seed=11)]
        for household in mix[:5]:  # warm the search columns and the timetable, as the app is
            together(pack, household, engine=engine, limit=8)
        SchoolToSchool(engine, on)(*engine.planner.ids[:2])
        plain, timed, legs, found = [], [], 0, 0
        for household in mix:
            start = time.perf_counter()
            together(pack, household, engine=engine, limit=8)
            plain.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            result = together(pack, household, engine=engine, limit=8,
                              trip_minutes=SchoolToSchool(engine, on))
            timed.append((time.perf_counter() - start) * 1000)
            for option in result.options:
                legs += len(option.legs)
                found += sum(leg.trip_min is not None for leg in option.legs)
    p50, p95 = percentiles(timed)
    b50, b95 = percentiles(plain)
    return {"households": len(mix), "p50_ms": round(p50, 1), "p95_ms": round(p95, 1),
            "baseline_p50_ms": round(b50, 1), "baseline_p95_ms": round(b95, 1), "legs": legs,
            "legs_with_trip": found}


def format_figures(figures: dict) -> str:
    lines = []
    for feed in figures["feeds"]:
        lines += [
            f"{feed['name']}: {feed['stops']:,} stops, {feed['stop_times']:,} stop times, "
            f"{feed['schools']:,} schools",
        ]
        if "build_s" in feed:  # not for a pack given with --pack
            lines.append(f"  pack build        {feed['build_s']} s, {feed['build_peak_mb']} MB peak")
        lines += [
            f"  router memory     {feed['router_mb']} MB (timetable and schools loaded, RSS delta)",
            f"  query p50 / p95   {feed['p50_ms']} / {feed['p95_ms']} ms ({feed['queries']} homes, "
            "every school, arrive by 8:00)",
            f"  baseline p95      {feed['baseline_p95_ms']} ms (networkx time-expanded graph, "
            f"{feed['baseline_queries']} homes; graph built in {feed['baseline_graph_s']} s)",
            f"  speed-up at p95   {feed['speedup_p95']}x",
            f"  same minutes      {feed['same_minutes']:,} of {feed['pairs']:,} (home, school) pairs",
        ]
    together = figures.get("together")
    if together:
        lines += [
            "Together at bus scale (8 options, the trip between each two schools):",
            f"  p50 / p95         {together['p50_ms']} / {together['p95_ms']} ms "
            f"({together['households']} households; {together['legs_with_trip']:,} of "
            f"{together['legs']:,} pairs with a trip)",
            f"  without the trips {together['baseline_p50_ms']} / {together['baseline_p95_ms']} ms "
            "(baseline, same run)",
        ]
    app = figures.get("app_memory")
    if app:
        bus, demo = app["bus_scale"], app["baseline_demo"]
        lines += [
            "The app with trips shown (PSS of every process, QtWebEngine included):",
            f"  bus-scale pack    {bus['pss_mb']} MB (target <= {app['target_mb']} MB; "
            f"{bus['with_trip']:,} of {bus['schools']:,} schools with a trip)",
            f"  demo pack         {demo['pss_mb']} MB (baseline, same run)",
        ]
    return "\n".join(lines)

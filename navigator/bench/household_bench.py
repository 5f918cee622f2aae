"""`navigator bench household`: schools that fit every child, and the checks across children.

Households of two and three children (random homes and grades, a few needs each) over the
synthetic pack.  The baseline, measured in the same run, is what together cannot do without:
each child's own search (one engine query per child, the same candidates).  The difference is
the cost of pairing the children's schools, measuring them and reading the sibling priorities.
"""

from __future__ import annotations

import random
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from navigator.bench.real_pack import PackFit
from navigator.bench.synthetic import _point, percentiles, synthetic_pack
from navigator.catalogue.pack import open_pack
from navigator.household.check import check_household
from navigator.household.model import Household, child_query
from navigator.household.together import CANDIDATES, together
from navigator.search.engine import SearchEngine
from navigator.shortlist import ListedSchool


def households(n: int, seed: int = 5) -> list[Household]:
    rng = random.Random(seed)
    made = []
    for i in range(n):
        lat, lon = _point(rng)
        household = Household(region="bench", home={
            "latitude": lat, "longitude": lon, "kind": "point", "label": f"{lat},{lon}",
            "matched": "a point", "exact": True})
        household.set_grade(1, rng.choice([0, 1, 3]))
        household.add_child(None, rng.choice([6, 7, 9]))
        if i % 2:
            household.add_child(None, rng.choice([9, 10, 11]))
        for child in household.children:
            if rng.random() < 0.6:
                child.filters["within_km"] = rng.choice([5.0, 8.0, 12.0])
            if rng.random() < 0.25:
                child.filters["programs"] = [rng.choice(["magnet", "stem", "arts"])]
        made.append(household)
    return made


def run_benchmark(n_schools: int = 2500, n_households: int = 200,
                  pack_path: Path | None = None) -> dict:
    today = date(2026, 11, 23)
    with tempfile.TemporaryDirectory() as folder:
        path = pack_path or synthetic_pack(n_schools, Path(folder) / "bench.sqlite")
        with open_pack(path) as pack:
            engine = SearchEngine(pack)
            mix = households(n_households)
            if pack_path is not None:  # the same households, moved onto the pack's region
                n_schools = pack.conn.execute("SELECT count(*) FROM schools").fetchone()[0]
                _fit(mix, PackFit(pack))
            for household in mix[:10]:  # warm the per-criterion columns, as a running app would
                together(pack, household, engine=engine, limit=20)
            ours, searches, checks, options = [], [], [], 0
            for household in mix:
                start = time.perf_counter()
                for child in household.children:
                    engine.search(replace(child_query(household, child), limit=CANDIDATES))
                searches.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                result = together(pack, household, engine=engine, limit=20)
                ours.append((time.perf_counter() - start) * 1000)
                options += result.count
                for child, fits in zip(household.children, _nearest(result), strict=True):
                    child.schools = [ListedSchool(i) for i in fits]
                start = time.perf_counter()
                check_household(pack, household, today)
                checks.append((time.perf_counter() - start) * 1000)
    p50, p95 = percentiles(ours)
    b50, b95 = percentiles(searches)
    c50, c95 = percentiles(checks)
    return {"schools": n_schools, "households": n_households,
            "together_p50_ms": round(p50, 2), "together_p95_ms": round(p95, 2),
            "baseline_searches_p50_ms": round(b50, 2), "baseline_searches_p95_ms": round(b95, 2),
            "check_p50_ms": round(c50, 2), "check_p95_ms": round(c95, 2),
            "mean_options": round(options / n_households, 1)}


def _fit(mix: list[Household], fit: PackFit) -> None:
    for household in mix:
        lat, lon = fit.point(household.home["latitude"], household.home["longitude"])
        household.home.update(latitude=lat, longitude=lon, label=f"{lat},{lon}")
        for child in household.children:
            child.filters = {k: list(v) if isinstance(v, tuple) else v
                             for k, v in fit.needs(child.filters).items()}


def _nearest(result) -> list[list[str]]:
    """Each child's schools in the first three options: a plausible ranked list."""
    lists: dict[int, list[str]] = {}
    for option in result.options[:3]:
        for fit in option.fits:
            if fit.school.id not in lists.setdefault(fit.child, []):
                lists[fit.child].append(fit.school.id)
    return [lists.get(n, []) for n in sorted(lists)] if lists else \
        [[] for _ in result.candidates]

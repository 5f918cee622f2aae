"""A synthetic metro area of N schools, with programmes, services, transit and deadlines.

Made with a fixed seed, so every run measures the same pack.  Spread over a box
the size of Los Angeles County's populated part.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np

from navigator.catalogue.build.transit_links import stops_near_schools
from navigator.catalogue.build.writer import PackContent, write_pack
from navigator.catalogue.codes import STANDARD_CODES, standard_codes
from navigator.catalogue.records import (
    CodeRecord,
    Coverage,
    Deadline,
    Feature,
    Line,
    Process,
    School,
    SchoolProcess,
    Source,
    Stop,
)
from navigator.catalogue.schema import SCHEMA_VERSION

BOX = (33.75, 34.35, -118.65, -117.75)  # south, north, west, east
LANGUAGES = ("es", "ko", "zh", "hy", "tl", "vi")
LEVELS = (("elementary", 0, 5), ("middle", 6, 8), ("high", 9, 12), ("k12", 0, 12))


def _point(rng: random.Random) -> tuple[float, float]:
    south, north, west, east = BOX
    return round(rng.uniform(south, north), 6), round(rng.uniform(west, east), 6)


def synthetic_content(n_schools: int, seed: int = 7) -> PackContent:
    rng = random.Random(seed)
    source = Source("synthetic", "Synthetic benchmark data", "Navigator", "synthetic", "2026-01-01")
    content = PackContent(meta={
        "schema_version": str(SCHEMA_VERSION), "region_id": f"bench-{n_schools}",
        "region_name": f"Benchmark ({n_schools:,} schools)", "default_language": "en",
        "languages": '["en"]', "distance_unit": "mi", "walk_radius_m": "800",
        "builder_version": "bench", "demo": "1", "built_at": "2026-01-01T00:00:00Z"},
        sources=[source])
    codes = [c for c in STANDARD_CODES]
    for i in range(n_schools):
        level, low, high = rng.choice(LEVELS)
        lat, lon = _point(rng) if rng.random() > 0.005 else (None, None)
        school_id = f"S{i:06d}"
        virtual = rng.random() < 0.004
        content.schools.append(School(
            id=school_id, name=f"{rng.choice(['Oak', 'Pine', 'Lake', 'Vista', 'Peña', 'Park'])} "
                               f"{level.title()} {i}",
            sector="charter" if rng.random() < 0.2 else "district", source_id="synthetic",
            latitude=lat, longitude=lon, level=level, grade_low=low, grade_high=high,
            status="Active", is_virtual=int(virtual), virtual="exclusively" if virtual else "none"))
        reported = {cat for cat in ("program", "el", "sped", "language") if rng.random() < 0.6}
        for category in sorted(reported):
            if rng.random() < 0.5:
                content.coverage.append(Coverage(school_id, category, "synthetic"))
        for code in rng.sample(codes, 4):
            if code.category in reported:
                detail = rng.choice(("es", "ko", "")) if code.code == "dual_language" else ""
                content.features.append(Feature(school_id, code.category, code.code,
                                                "yes" if rng.random() < 0.85 else "no",
                                                "synthetic", detail))
        if "language" in reported:
            for language in rng.sample(LANGUAGES, 2):
                content.features.append(Feature(school_id, "language", language, "yes", "synthetic"))
    content.features = list({(f.school_id, f.category, f.code, f.detail): f
                             for f in content.features}.values())
    content.codes = [CodeRecord(c.category, c.code, c.label, c.description or None)
                     for c in standard_codes().values()]
    _transit(content, rng)
    _processes(content)
    return content


def _transit(content: PackContent, rng: random.Random) -> None:
    """12 rail lines of 20 stations and 150 bus lines of 60 stops, as straight-ish routes."""
    for mode, n_lines, n_stops in (("rail", 12, 20), ("bus", 150, 60)):
        for number in range(n_lines):
            line_id = f"{mode}-{number}"
            content.lines.append(Line(line_id, mode, "synthetic", short_name=f"{mode[0].upper()}{number}"))
            (lat0, lon0), (lat1, lon1) = _point(rng), _point(rng)
            for k in range(n_stops):
                t = k / (n_stops - 1)
                stop_id = f"{line_id}-{k}"
                content.stops.append(Stop(stop_id, f"Stop {stop_id}", mode,
                                          round(lat0 + (lat1 - lat0) * t + rng.gauss(0, 0.002), 6),
                                          round(lon0 + (lon1 - lon0) * t + rng.gauss(0, 0.002), 6),
                                          "synthetic"))
                content.stop_lines.append((stop_id, line_id))
    placed = [s for s in content.schools if s.latitude is not None]
    content.school_stops = stops_near_schools(placed, content.stops, 800)


def _processes(content: PackContent) -> None:
    content.processes.append(Process("choice", "choice", "region", "District choice", "synthetic"))
    content.deadlines += [Deadline("choice-opens", "choice", "opens", "2026-10-01", "synthetic"),
                          Deadline("choice-closes", "choice", "closes", "2026-12-04", "synthetic")]
    for school in content.schools:
        if school.sector == "district":
            content.school_processes.append(SchoolProcess(school.id, "choice"))
        elif int(school.id[1:]) % 2:
            process_id = f"lottery-{school.id}"
            content.processes.append(Process(process_id, "charter_lottery", "school",
                                             "Lottery", "synthetic"))
            content.school_processes.append(SchoolProcess(school.id, process_id))
            closes = f"2027-0{1 + int(school.id[1:]) % 3}-15"
            content.deadlines.append(Deadline(f"{process_id}-closes", process_id, "closes", closes,
                                              "synthetic"))


def synthetic_pack(n_schools: int, out: Path, seed: int = 7) -> Path:
    write_pack(out, synthetic_content(n_schools, seed))
    return out


def query_mix(n_queries: int, seed: int = 11) -> list[dict]:
    """Realistic requests: mostly a home and a radius or walk, then a few needs each."""
    rng = random.Random(seed)
    mix = []
    for _ in range(n_queries):
        spec: dict = {"home": _point(rng), "grade": rng.choice([-1, 0, 1, 3, 6, 9, 11]),
                      "limit": 50}
        roll = rng.random()
        if roll < 0.6:
            spec["within_km"] = rng.choice([1.0, 2.0, 3.0, 5.0, 8.0])
        elif roll < 0.8:
            spec["walk_min"] = rng.choice([10, 15, 20, 30])
        if rng.random() < 0.15:
            spec["sectors"] = (rng.choice(["district", "charter"]),)
        if rng.random() < 0.25:
            spec["programs"] = (rng.choice(["dual_language:es", "dual_language", "magnet", "stem",
                                            "arts"]),)
        if rng.random() < 0.15:
            spec["el"] = (rng.choice(["eld", "newcomer"]),)
        if rng.random() < 0.15:
            spec["sped"] = (rng.choice(["resource", "sdc", "speech", "autism"]),)
        if rng.random() < 0.1:
            spec["languages"] = (rng.choice(LANGUAGES),)
        if rng.random() < 0.2:
            spec["transit"] = rng.choice(["rail", "bus", "any"])
        if rng.random() < 0.05:
            spec["line"] = f"R{rng.randrange(12)}"
        if rng.random() < 0.1:
            spec["one_seat"] = True
        if rng.random() < 0.15:
            spec["open_on"] = "2026-11-23"
        if rng.random() < 0.1:
            spec["drop_unknown"] = True
        mix.append(spec)
    return mix


def percentiles(samples_ms: list[float]) -> tuple[float, float]:
    values = np.array(samples_ms)
    return float(np.percentile(values, 50)), float(np.percentile(values, 95))

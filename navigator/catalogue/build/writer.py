"""Writing a pack: all of it to a temporary file, then one rename.

A build that fails part-way leaves no pack behind and never replaces a good one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import sqlite_utils

from navigator.catalogue.records import (
    Address,
    Basemap,
    Boundary,
    CodeRecord,
    Coverage,
    Deadline,
    Feature,
    Indicator,
    Layer,
    Line,
    Process,
    ProcessPriority,
    School,
    SchoolHours,
    SchoolProcess,
    Source,
    Stop,
    Translation,
    ZipCentroid,
)
from navigator.catalogue.schema import DDL
from navigator.files import written_whole


@dataclass
class PackContent:
    meta: dict[str, str]
    sources: list[Source] = field(default_factory=list)
    schools: list[School] = field(default_factory=list)
    codes: list[CodeRecord] = field(default_factory=list)
    features: list[Feature] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)
    processes: list[Process] = field(default_factory=list)
    school_processes: list[SchoolProcess] = field(default_factory=list)
    process_priorities: list[ProcessPriority] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    stops: list[Stop] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    stop_lines: list[tuple[str, str]] = field(default_factory=list)
    school_stops: list[tuple[str, str, float]] = field(default_factory=list)
    boundaries: list[Boundary] = field(default_factory=list)
    boundary_schools: list[tuple[str, str]] = field(default_factory=list)
    layers: list[Layer] = field(default_factory=list)
    zips: list[ZipCentroid] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    translations: list[Translation] = field(default_factory=list)
    basemap: Basemap | None = None
    basemap_tiles: list[tuple[int, int, int, bytes]] = field(default_factory=list)  # z, x, y, data
    school_hours: list[SchoolHours] = field(default_factory=list)
    timetables: list = field(default_factory=list)  # build.timetable.FeedTimetable, ids as the pack's
    transfers: list[tuple[str, str, int | None, str]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in (
            "schools", "features", "processes", "deadlines", "stops", "lines", "school_stops",
            "boundaries", "zips", "addresses", "indicators", "translations", "basemap_tiles")}


def write_pack(out: Path, content: PackContent) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with written_whole(out) as temp:
        _write(temp, content)


def _rows(records) -> list[dict]:
    return [asdict(r) for r in records]


def _write(path: Path, content: PackContent) -> None:
    db = sqlite_utils.Database(path)
    try:
        db.conn.executescript(DDL)
        with db.conn:
            db["meta"].insert_all({"key": k, "value": v} for k, v in sorted(content.meta.items()))
            db["sources"].insert_all(_rows(content.sources))
            db["schools"].insert_all(_rows(content.schools))
            db.conn.execute(
                "INSERT INTO schools_rtree SELECT key, latitude, latitude, longitude, longitude "
                "FROM schools WHERE latitude IS NOT NULL")
            db["codes"].insert_all(_rows(content.codes))
            db["features"].insert_all(_rows(content.features))
            db["coverage"].insert_all(_rows(content.coverage))
            db["processes"].insert_all(_rows(content.processes))
            db["school_processes"].insert_all(_rows(content.school_processes))
            db["process_priorities"].insert_all(_rows(content.process_priorities))
            db["deadlines"].insert_all(_rows(content.deadlines))
            db["stops"].insert_all(_rows(content.stops))
            db.conn.execute(
                "INSERT INTO stops_rtree SELECT key, latitude, latitude, longitude, longitude "
                "FROM stops")
            db["lines"].insert_all(_rows(content.lines))
            db["stop_lines"].insert_all(
                {"stop_id": s, "line_id": line} for s, line in content.stop_lines)
            db["school_stops"].insert_all(
                {"school_id": s, "stop_id": t, "distance_m": d} for s, t, d in content.school_stops)
            db["boundaries"].insert_all(_rows(content.boundaries))
            db["boundary_schools"].insert_all(
                {"boundary_id": b, "school_id": s} for b, s in content.boundary_schools)
            db["layers"].insert_all(_rows(content.layers))
            db["zips"].insert_all(_rows(content.zips))
            db["addresses"].insert_all(_rows(content.addresses))
            db["indicators"].insert_all(_rows(content.indicators))
            db["translations"].insert_all(_rows(content.translations))
            if content.basemap is not None:
                db["basemap"].insert(asdict(content.basemap))
                db.conn.executemany("INSERT INTO basemap_tiles (z, x, y, data) VALUES (?, ?, ?, ?)",
                                    content.basemap_tiles)
            db["school_hours"].insert_all(_rows(content.school_hours))
            _write_timetables(db, content)
        db.conn.execute("ANALYZE")
        db.conn.execute("VACUUM")
    finally:
        db.close()


def _write_timetables(db: sqlite_utils.Database, content: PackContent) -> None:
    """Each feed's timetable: service days as rows, the big arrays as little-endian BLOBs."""
    for feed in content.timetables:
        source = feed.source_id
        db["timetable_feeds"].insert({
            "source_id": source, "start_date": feed.start_date, "end_date": feed.end_date,
            "week_start": feed.week_start, "trips": feed.trips, "stop_times": feed.stop_times})
        db["timetable_services"].insert_all(
            {"source_id": source, "service": i, "service_id": s.service_id, "weekdays": s.weekdays,
             "start_date": s.start_date, "end_date": s.end_date} for i, s in enumerate(feed.services))
        db["timetable_exceptions"].insert_all(
            {"source_id": source, "service": i, "date": when, "kind": kind}
            for i, when, kind in feed.exceptions)
        db["timetable_stops"].insert_all(
            {"source_id": source, "idx": i, "stop_id": stop_id} for i, stop_id in enumerate(feed.stop_ids))
        db["timetable_patterns"].insert_all(
            {"source_id": source, "pattern": i, "line_id": line, "headsign": head or None}
            for i, (line, head) in enumerate(zip(feed.pattern_lines, feed.pattern_headsigns, strict=True)))
        for name, array in sorted(feed.arrays.items()):
            data = array.astype(array.dtype.newbyteorder("<"), copy=False)
            db.conn.execute("INSERT INTO timetable_arrays VALUES (?, ?, ?, ?, ?)",
                            (source, name, data.dtype.str, len(data), data.tobytes()))
    db["transfers"].insert_all(
        {"from_stop_id": a, "to_stop_id": b, "seconds": seconds, "kind": kind}
        for a, b, seconds, kind in content.transfers)

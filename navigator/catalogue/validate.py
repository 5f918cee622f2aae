"""Checking a pack: schema, version, coordinates and references.

The builder only ever writes valid packs; this is for packs that travelled
(copied to a kiosk, edited by hand, half-downloaded) before they are trusted.
"""

from __future__ import annotations

import sqlite3
from datetime import date

import numpy as np

from navigator.catalogue.pack import Pack
from navigator.catalogue.schema import DDL, META_KEYS

CHECKS = {
    "a school with coordinates out of range":
        "SELECT id FROM schools WHERE latitude NOT BETWEEN -90 AND 90 "
        "OR longitude NOT BETWEEN -180 AND 180 OR (latitude = 0 AND longitude = 0)",
    "a school with only one of latitude and longitude":
        "SELECT id FROM schools WHERE (latitude IS NULL) != (longitude IS NULL)",
    "a school whose lowest grade is above its highest":
        "SELECT id FROM schools WHERE grade_low > grade_high",
    "a school missing from the spatial index":
        "SELECT id FROM schools WHERE latitude IS NOT NULL "
        "AND key NOT IN (SELECT key FROM schools_rtree)",
    "a stop with coordinates out of range":
        "SELECT id FROM stops WHERE latitude NOT BETWEEN -90 AND 90 "
        "OR longitude NOT BETWEEN -180 AND 180",
    "a stop missing from the spatial index":
        "SELECT id FROM stops WHERE key NOT IN (SELECT key FROM stops_rtree)",
    "a street-map tile outside its zoom level":
        "SELECT z || '/' || x || '/' || y FROM basemap_tiles WHERE z NOT BETWEEN 0 AND 22 "
        "OR x NOT BETWEEN 0 AND (1 << z) - 1 OR y NOT BETWEEN 0 AND (1 << z) - 1",
    "a street-map tile without the basemap row that describes it":
        "SELECT z || '/' || x || '/' || y FROM basemap_tiles WHERE NOT EXISTS (SELECT 1 FROM basemap)",
    "a fact with a code the pack does not define":
        "SELECT school_id || ' ' || category || ':' || code FROM features "
        "WHERE (category, code) NOT IN (SELECT category, code FROM codes)",
}


def validate(pack: Pack) -> list[str]:
    """Problems found, one sentence each; an empty list means the pack is sound."""
    conn = pack.conn
    problems = _schema_problems(conn)
    if problems:
        return problems
    missing = [k for k in META_KEYS if k not in pack.meta]
    problems += [f"meta has no {key!r}" for key in missing]
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    if integrity != "ok":
        problems.append(f"the database is damaged ({integrity})")
    for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
        problems.append(f"{table} row {rowid} refers to a missing {parent} entry")
    for what, sql in CHECKS.items():
        rows = conn.execute(sql).fetchall()
        if rows:
            problems.append(f"{len(rows)} × {what} (first: {rows[0][0]})")
    problems += _timetable_problems(pack)
    return problems


def warnings(pack: Pack, today: date | None = None) -> list[str]:
    """Things to fix before long that do not make the pack wrong: a timetable that has ended
    (trips then read the same weekday of its representative week, and say so)."""
    today = today or date.today()
    found = []
    for source, end, week in pack.conn.execute(
            "SELECT source_id, end_date, week_start FROM timetable_feeds ORDER BY source_id"):
        if date.fromisoformat(end) < today:
            found.append(f"the timetable of {source} ended on {end}; trip times use its week of "
                         f"{week} and say so. Rebuild the pack with a current GTFS feed.")
    return found


def _timetable_problems(pack: Pack) -> list[str]:
    """Each feed's arrays agree with one another (lengths, indices in range)."""
    conn = pack.conn
    problems = []
    for (source,) in conn.execute("SELECT source_id FROM timetable_feeds ORDER BY source_id"):
        arrays = {}
        for name, dtype, length, data in conn.execute(
                "SELECT name, dtype, length, data FROM timetable_arrays WHERE source_id = ?", (source,)):
            try:
                arrays[name] = np.frombuffer(data, dtype=np.dtype(dtype))
            except (TypeError, ValueError):
                problems.append(f"timetable array {name} of {source} has an unreadable type {dtype!r}")
                continue
            if len(arrays[name]) != length:
                problems.append(f"timetable array {name} of {source} has {len(arrays[name])} values, "
                                f"not {length}")
        need = ("pattern_stops", "pattern_start", "trip_pattern", "trip_service", "arrival", "departure")
        missing = [n for n in need if n not in arrays]
        if missing:
            problems.append(f"the timetable of {source} has no {missing[0]} array")
            continue
        stops = conn.execute("SELECT count(*) FROM timetable_stops WHERE source_id = ?",
                             (source,)).fetchone()[0]
        patterns = len(arrays["pattern_start"]) - 1
        services = conn.execute("SELECT count(*) FROM timetable_services WHERE source_id = ?",
                                (source,)).fetchone()[0]
        lengths = np.diff(arrays["pattern_start"].astype(np.int64))
        trip_pattern = arrays["trip_pattern"]
        if (len(arrays["pattern_stops"]) and arrays["pattern_stops"].max() >= stops) or \
                (len(trip_pattern) and trip_pattern.max() >= patterns) or \
                (len(arrays["trip_service"]) and arrays["trip_service"].max() >= services):
            problems.append(f"the timetable of {source} refers to a stop, pattern or service it "
                            "does not list")
            continue
        events = int(lengths[trip_pattern].sum())
        if not len(arrays["arrival"]) == len(arrays["departure"]) == events:
            problems.append(f"the timetable of {source} has {len(arrays['arrival'])} times for "
                            f"{events} stops")
    return problems


def _schema_problems(conn: sqlite3.Connection) -> list[str]:
    """Compare every table's columns with the schema this Navigator writes."""
    expected = sqlite3.connect(":memory:")
    expected.executescript(DDL)
    problems = []
    names = [r[0] for r in expected.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '%rtree_%'")]
    for name in names:
        want = [r[1] for r in expected.execute(f"PRAGMA table_info({name})")]
        have = [r[1] for r in conn.execute(f"PRAGMA table_info({name})")]
        if not have:
            problems.append(f"table {name} is missing")
        elif have != want:
            lost = [c for c in want if c not in have]
            problems.append(f"table {name} does not have the columns the schema describes "
                            f"(missing: {', '.join(lost) or 'none'})")
    expected.close()
    return problems

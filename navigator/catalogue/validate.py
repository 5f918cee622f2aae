"""Checking a pack: schema, version, coordinates and references.

The builder only ever writes valid packs; this is for packs that travelled
(copied to a kiosk, edited by hand, half-downloaded) before they are trusted.
"""

from __future__ import annotations

import sqlite3

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

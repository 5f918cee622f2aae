"""Checking a pack: settings, SQLite's own integrity check, and every rule the readers apply.

The builder only ever writes valid packs; this is for packs that travelled (copied to a kiosk,
edited by hand, half-downloaded) before they are trusted.  A pack the readers refuse outright
(not SQLite, a table or column missing, a newer schema) never gets here: ``open_pack`` says why,
and ``catalogue validate`` exits with 2.  Everything listed here is a row or value the readers
leave out, show as unknown, or ignore (:mod:`navigator.catalogue.rules`: the same rules, so
validate and the app never disagree about a pack).
"""

from __future__ import annotations

from datetime import date

import numpy as np

from navigator.catalogue import rules
from navigator.catalogue.pack import Pack
from navigator.catalogue.schema import META_KEYS


def validate(pack: Pack) -> list[str]:
    """Problems found, one sentence each; an empty list means the pack is sound."""
    conn = pack.conn
    problems = [f"meta has no {key!r}" for key in META_KEYS if key not in pack.meta]
    problems += pack.meta_problems
    integrity = conn.execute("PRAGMA main.integrity_check(1)").fetchone()[0]
    if integrity != "ok":
        problems.append(f"the database is damaged ({integrity})")
    for rule in rules.rules():
        count, first = rules.count_hits(conn, rule)
        if count:
            problems.append(f"{rule.describe(count)}, first: {first}")
    return problems + _timetable_problems(pack)


def warnings(pack: Pack, today: date | None = None) -> list[str]:
    """Things to fix before long that do not make the pack wrong: a timetable that has ended
    (trips then read the same weekday of its representative week, and say so); an application
    process without a single date (a deadlines sheet renamed or left out of the build)."""
    today = today or date.today()
    found = _processes_without_dates(pack)
    for source, end, week in pack.conn.execute(
            "SELECT source_id, end_date, week_start FROM timetable_feeds ORDER BY source_id"):
        if date.fromisoformat(end) < today:
            found.append(f"the timetable of {source} ended on {end}; trip times use its week of "
                         f"{week} and say so. Rebuild the pack with a current GTFS feed.")
    return found


def _processes_without_dates(pack: Pack) -> list[str]:
    undated = [row[0] for row in pack.conn.execute(
        "SELECT id FROM processes WHERE id NOT IN (SELECT process_id FROM deadlines) ORDER BY id")]
    if not undated:
        return []
    shown = ", ".join(undated[:5]) + (f" and {len(undated) - 5} more" if len(undated) > 5 else "")
    return [f"{len(undated)} application process(es) have no dates at all ({shown}): families "
            "see no deadline for them; check that the build read the deadlines (its summary "
            "names every sheet it did not read)."]


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
    return problems

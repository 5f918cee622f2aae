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
from navigator.catalogue.service_days import Service, runs_on_a_school_day, service_dates


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
    if conn.execute("SELECT count(*) FROM main.schools").fetchone()[0] == 0:
        problems.append("the pack has no schools: a family's search would find nothing; rebuild it "
                        "from a schools file (and filters) that hold some")
    elif not conn.execute("SELECT EXISTS (SELECT 1 FROM schools WHERE site_kind IN ('open', "
                          "'preschool'))").fetchone()[0]:
        problems.append("the pack has no school families can apply to (every school is a referral "
                        "site or not a family's option); check the schools file's kinds of site")
    return problems + _timetable_problems(pack)


def warnings(pack: Pack, today: date | None = None) -> list[str]:
    """Things to fix before long that do not make the pack wrong: a timetable that has ended
    (trips then read the same weekday of its representative week, and say so); one none of whose
    trips runs on a school day (a weekend service can be right; a broken calendar is not); an
    application process without a single date (a deadlines sheet renamed or left out of the
    build)."""
    today = today or date.today()
    found = _processes_without_dates(pack)
    for source, end, week in pack.conn.execute(
            "SELECT source_id, end_date, week_start FROM timetable_feeds ORDER BY source_id"):
        if date.fromisoformat(end) < today:
            found.append(f"the timetable of {source} ended on {end}; trip times use its week of "
                         f"{week} and say so. Rebuild the pack with a current GTFS feed.")
        if not _runs_on_a_school_day(pack, source):
            found.append(f"no trip of the timetable of {source} runs on a Monday to Friday, so trips "
                         "to school find none in it; check the feed's calendar.txt and "
                         "calendar_dates.txt, then rebuild the pack.")
    return found


def _runs_on_a_school_day(pack: Pack, source: str) -> bool:
    conn = pack.conn
    services = [Service(*row) for row in conn.execute(
        "SELECT service_id, weekdays, start_date, end_date FROM timetable_services WHERE source_id = ? "
        "ORDER BY service", (source,))]
    exceptions = [tuple(row) for row in conn.execute(
        "SELECT service, date, kind FROM timetable_exceptions WHERE source_id = ?", (source,))]
    row = conn.execute("SELECT dtype, data FROM timetable_arrays WHERE source_id = ? AND "
                       "name = 'trip_service'", (source,)).fetchone()
    try:
        trip_service = np.frombuffer(row[1], dtype=np.dtype(row[0])) if row else np.zeros(0, int)
        per_service = np.bincount(trip_service.astype(np.int64), minlength=len(services))
        return runs_on_a_school_day(service_dates(services, exceptions), per_service)
    except (TypeError, ValueError, IndexError):
        return True  # an unreadable timetable is a problem of its own (validate lists it)


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
        problems += _vehicle_problems(source, arrays, len(trip_pattern), events)
        for service_id, start, end in conn.execute(
                "SELECT service_id, start_date, end_date FROM timetable_services WHERE source_id = ? "
                "AND start_date > end_date ORDER BY service", (source,)):
            problems.append(f"service {service_id!r} of the timetable of {source} ends on {end}, "
                            f"before it starts on {start}, so it never runs; fix the feed's "
                            "calendar.txt and rebuild the pack")
    return problems


def _vehicle_problems(source: str, arrays: dict, trips: int, events: int) -> list[str]:
    """The arrays added with estimated times and vehicles (packs built before them have none)."""
    problems = []
    if "estimated" in arrays and len(arrays["estimated"]) != events:
        problems.append(f"the timetable of {source} says how {len(arrays['estimated'])} times are "
                        f"known, for {events} stops")
    for name in ("trip_next", "trip_headway"):
        if name in arrays and len(arrays[name]) != trips:
            problems.append(f"the timetable array {name} of {source} has {len(arrays[name])} values "
                            f"for {trips} trips")
    following = arrays.get("trip_next")
    if following is not None and len(following) and (following.min() < -1 or following.max() >= trips):
        problems.append(f"the timetable of {source} continues a trip as one it does not list")
    return problems

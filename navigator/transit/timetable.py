"""The pack's timetables in memory: every feed merged onto one set of stops, as numpy arrays.

Layout (what the router reads):

* **stops**: the pack stops that some trip serves, numbered 0..n-1 (``stop_ids``), with their
  names and coordinates.  Stops without a timetable (a stops-only bus file) are kept apart in
  ``untimed_lat``/``untimed_lon``: near them, "no trip" is not a sure answer.
* **trips**: ``trip_start``/``trip_length`` into the **event** arrays (one event per stop a trip
  makes, in trip order): ``event_stop``, ``arrival``, ``departure`` (seconds after midnight of
  the service day); ``trip_pattern`` names the pattern (line and headsign), ``trip_feed`` and
  ``trip_service`` the service that runs it.
* **changes**: walking transfers between nearby stops (``transfers`` in the pack) as a list per
  arriving stop, in whole minutes; ``change_min`` per stop is the time to change vehicles at the
  same stop (the feed's ``transfers.txt`` where it says, else ``CHANGE_MIN``).
* **vehicles**: ``trip_next``/``trip_prev``, the trip the same vehicle runs next (or ran before),
  where a rider stays on board; such trips are laid out one after another, so that a vehicle's
  whole run reads as one stretch of events.  ``event_estimated`` says how each time is known (0
  the timetable's own; else an estimate, ``catalogue.build.timetable_times``), ``trip_headway``
  the headway of a frequency-based trip (0 for a scheduled one).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np

from navigator.catalogue.line_names import operator_name, vehicle_name
from navigator.catalogue.pack import Pack
from navigator.transit.calendar import FeedCalendar

CHANGE_MIN = 2  # minutes to change vehicles at one stop or station when the feed does not say
NO_CHANGE = 10_000  # "never": the feed forbids changing here


@dataclass
class LineLabel:
    id: str
    name: str  # what a family reads on the vehicle: a bus's number, a train line's name
    mode: str
    operator: str | None = None  # who runs it (agency.txt's name, shortened: "Metro")


@dataclass
class Timetable:
    stop_ids: list[str]
    stop_names: list[str]
    stop_modes: list[str]
    stop_lat: np.ndarray
    stop_lon: np.ndarray
    untimed_lat: np.ndarray
    untimed_lon: np.ndarray
    feeds: list[FeedCalendar]
    lines: dict[str, LineLabel]
    pattern_line: list[str]
    pattern_headsign: list[str | None]
    trip_pattern: np.ndarray
    trip_feed: np.ndarray
    trip_service: np.ndarray
    trip_start: np.ndarray
    trip_length: np.ndarray
    trip_first_dep: np.ndarray  # minutes, the first departure
    trip_last_arr: np.ndarray  # minutes, the last arrival
    trip_next: np.ndarray  # the trip the same vehicle runs next (a rider stays on), -1 none
    trip_prev: np.ndarray  # the trip it ran before, -1 none
    trip_headway: np.ndarray  # seconds, a frequency-based trip's headway; 0 scheduled
    event_stop: np.ndarray
    arrival: np.ndarray  # seconds
    departure: np.ndarray  # seconds
    event_estimated: np.ndarray  # 0 the timetable's own time, else an estimate (how, by code)
    change_min: np.ndarray  # per stop
    walk_ptr: np.ndarray  # CSR by the stop walked *to*: walks into stop s are walk_ptr[s]:walk_ptr[s+1]
    walk_from: np.ndarray
    walk_min: np.ndarray

    @property
    def stops(self) -> int:
        return len(self.stop_ids)

    @property
    def stop_times(self) -> int:
        return int(len(self.event_stop))

    def trips_running(self, on: date) -> tuple[np.ndarray, dict[str, date]]:
        """A boolean per trip for the service day ``on``, and the date each feed's timetable used."""
        running = np.zeros(len(self.trip_pattern), dtype=bool)
        used: dict[str, date] = {}
        for number, feed in enumerate(self.feeds):
            day = feed.timetable_date(on)
            used[feed.source_id] = day
            mine = self.trip_feed == number
            running[mine] = feed.running(day)[self.trip_service[mine]]
        return running, used

    def memory_bytes(self) -> int:
        return sum(v.nbytes for v in vars(self).values() if isinstance(v, np.ndarray))


def has_timetable(pack: Pack) -> bool:
    return pack.conn.execute("SELECT EXISTS (SELECT 1 FROM timetable_feeds)").fetchone()[0] == 1


def feed_calendars(pack: Pack) -> list[FeedCalendar]:
    """Every feed's service days, in source order."""
    conn = pack.conn
    feeds = []
    for source_id, start, end, week in conn.execute(
            "SELECT source_id, start_date, end_date, week_start FROM timetable_feeds ORDER BY source_id"):
        rows = conn.execute("SELECT weekdays, start_date, end_date FROM timetable_services "
                            "WHERE source_id = ? ORDER BY service", (source_id,)).fetchall()
        exceptions: dict[date, list[tuple[int, int]]] = {}
        for service, when, kind in conn.execute(
                "SELECT service, date, kind FROM timetable_exceptions WHERE source_id = ? "
                "ORDER BY date, service", (source_id,)):
            exceptions.setdefault(date.fromisoformat(when), []).append((service, kind))
        feeds.append(FeedCalendar(
            source_id=source_id, start_date=date.fromisoformat(start),
            end_date=date.fromisoformat(end), week_start=date.fromisoformat(week),
            weekdays=np.array([r[0] for r in rows], dtype=np.int64),
            service_start=np.array([_ordinal(r[1]) for r in rows], dtype=np.int64),
            service_end=np.array([_ordinal(r[2]) for r in rows], dtype=np.int64),
            exceptions={d: tuple(v) for d, v in exceptions.items()}))
    return feeds


def _ordinal(iso: str | None) -> int:
    return date.fromisoformat(iso).toordinal() if iso else 0


def _array(pack: Pack, source_id: str, name: str) -> np.ndarray | None:
    """One stored array (None when the pack has none of that name)."""
    row = pack.conn.execute(
        "SELECT dtype, length, data FROM timetable_arrays WHERE source_id = ? AND name = ?",
        (source_id, name)).fetchone()
    if row is None:
        return None
    dtype, length, data = row
    array = np.frombuffer(data, dtype=np.dtype(dtype))
    if len(array) != length:
        raise ValueError(f"timetable array {name} of {source_id} has {len(array)} values, not {length}")
    return array.astype(array.dtype.newbyteorder("="))


def _lines(pack: Pack) -> dict[str, LineLabel]:
    return {line_id: LineLabel(line_id, vehicle_name(short, long, mode) or line_id, mode,
                               operator_name(agency))
            for line_id, short, long, mode, agency in pack.conn.execute(
                "SELECT id, short_name, long_name, mode, agency FROM lines")}


def _feed_parts(pack: Pack, source: str, local: np.ndarray) -> dict[str, np.ndarray]:
    """One feed's per-trip and per-event arrays, trips in the feed's stored order."""
    pattern_stops = local[_array(pack, source, "pattern_stops")]
    pattern_start = _array(pack, source, "pattern_start")
    trip_pattern = _array(pack, source, "trip_pattern").astype(np.int64)
    lengths = np.diff(pattern_start)[trip_pattern]
    starts = pattern_start[trip_pattern]
    gather = np.repeat(starts - np.r_[0, np.cumsum(lengths)[:-1]], lengths) + np.arange(lengths.sum())
    arrival = _array(pack, source, "arrival")
    optional = {"estimated": (len(arrival), 0, np.uint8), "trip_next": (len(trip_pattern), -1, np.int64),
                "trip_headway": (len(trip_pattern), 0, np.int32)}  # packs built before these existed
    parts = {name: found.astype(dtype) if (found := _array(pack, source, name)) is not None
             else np.full(size, fill, dtype=dtype) for name, (size, fill, dtype) in optional.items()}
    return parts | {"event_stop": pattern_stops[gather], "trip_pattern": trip_pattern,
                    "trip_service": _array(pack, source, "trip_service").astype(np.int64),
                    "trip_length": lengths.astype(np.int64), "arrival": arrival,
                    "departure": _array(pack, source, "departure")}


def _vehicle_order(following: np.ndarray) -> np.ndarray:
    """Trips reordered so that each vehicle's run of trips (a trip, then the one it continues
    as, ...) lies together, each run where its first trip was."""
    if not (following >= 0).any():
        return np.arange(len(following))
    has_prev = np.zeros(len(following), dtype=bool)
    has_prev[following[following >= 0]] = True
    order, seen = [], np.zeros(len(following), dtype=bool)
    for trip in np.flatnonzero(~has_prev).tolist():
        while trip >= 0 and not seen[trip]:
            seen[trip] = True
            order.append(trip)
            trip = int(following[trip])
    order += np.flatnonzero(~seen).tolist()  # a cycle would be bad data: keep its trips apart
    return np.array(order, dtype=np.int64)


def load_timetable(pack: Pack) -> Timetable | None:
    """The pack's timetables merged, or None when the pack has none."""
    feeds = feed_calendars(pack)
    if not feeds:
        return None
    conn = pack.conn
    pack_stops = conn.execute("SELECT id, name, latitude, longitude, mode FROM stops ORDER BY key").fetchall()
    timed = {stop_id for (stop_id,) in conn.execute("SELECT DISTINCT stop_id FROM timetable_stops")}
    stops = [row for row in pack_stops if row[0] in timed]
    untimed = [row for row in pack_stops if row[0] not in timed]
    number = {row[0]: i for i, row in enumerate(stops)}
    parts: dict[str, list[np.ndarray]] = {}
    pattern_line: list[str] = []
    pattern_headsign: list[str | None] = []
    trips = 0
    for feed_number, feed in enumerate(feeds):
        source = feed.source_id
        local = np.array([number[s] for (s,) in conn.execute(
            "SELECT stop_id FROM timetable_stops WHERE source_id = ? ORDER BY idx", (source,))],
            dtype=np.int32)
        offset = len(pattern_line)
        for line_id, headsign in conn.execute(
                "SELECT line_id, headsign FROM timetable_patterns WHERE source_id = ? ORDER BY pattern",
                (source,)):
            pattern_line.append(line_id)
            pattern_headsign.append(headsign)
        found = _feed_parts(pack, source, local)
        found["trip_pattern"] = found["trip_pattern"] + offset
        found["trip_next"] = np.where(found["trip_next"] >= 0, found["trip_next"] + trips, -1)
        found["trip_feed"] = np.full(len(found["trip_pattern"]), feed_number, dtype=np.int16)
        trips += len(found["trip_pattern"])
        for name, array in found.items():
            parts.setdefault(name, []).append(array)
    joined = {k: np.concatenate(v) for k, v in parts.items()}
    order = _vehicle_order(joined["trip_next"])
    joined = _reordered(joined, order)
    length = joined["trip_length"]
    start = np.r_[0, np.cumsum(length)[:-1]].astype(np.int64)
    change, walk_ptr, walk_from, walk_min = _changes(pack, number)
    following = joined["trip_next"]
    previous = np.full(len(following), -1, dtype=np.int64)
    previous[following[following >= 0]] = np.flatnonzero(following >= 0)
    return Timetable(
        stop_ids=[r[0] for r in stops], stop_names=[r[1] for r in stops], stop_modes=[r[4] for r in stops],
        stop_lat=np.array([r[2] for r in stops], dtype=float),
        stop_lon=np.array([r[3] for r in stops], dtype=float),
        untimed_lat=np.array([r[2] for r in untimed], dtype=float),
        untimed_lon=np.array([r[3] for r in untimed], dtype=float),
        feeds=feeds, lines=_lines(pack), pattern_line=pattern_line, pattern_headsign=pattern_headsign,
        trip_pattern=joined["trip_pattern"], trip_feed=joined["trip_feed"],
        trip_service=joined["trip_service"], trip_start=start, trip_length=length,
        trip_first_dep=joined["departure"][start] // 60,
        trip_last_arr=-(-joined["arrival"][start + length - 1] // 60),
        trip_next=following, trip_prev=previous, trip_headway=joined["trip_headway"],
        event_stop=joined["event_stop"].astype(np.int32),
        arrival=joined["arrival"].astype(np.int32), departure=joined["departure"].astype(np.int32),
        event_estimated=joined["estimated"],
        change_min=change, walk_ptr=walk_ptr, walk_from=walk_from, walk_min=walk_min)


_EVENT_ARRAYS = ("event_stop", "arrival", "departure", "estimated")


def _reordered(joined: dict[str, np.ndarray], order: np.ndarray) -> dict[str, np.ndarray]:
    """Every per-trip array in ``order``, the events with them, ``trip_next`` renumbered."""
    if np.array_equal(order, np.arange(len(order))):
        return joined
    length = joined["trip_length"]
    start = np.r_[0, np.cumsum(length)[:-1]]
    lengths = length[order]
    gather = np.repeat(start[order] - np.r_[0, np.cumsum(lengths)[:-1]], lengths) + np.arange(lengths.sum())
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    out = {k: v[gather] if k in _EVENT_ARRAYS else v[order] for k, v in joined.items()}
    following = out["trip_next"]
    out["trip_next"] = np.where(following >= 0, rank[np.maximum(following, 0)], -1)
    return out


def _changes(pack: Pack, number: dict[str, int]):
    """Same-stop change times and the walking changes between stops, from the pack's transfers."""
    change = np.full(len(number), CHANGE_MIN, dtype=np.int32)
    walks: list[tuple[int, int, int]] = []
    for a, b, seconds in pack.conn.execute(
            "SELECT from_stop_id, to_stop_id, seconds FROM transfers ORDER BY to_stop_id, from_stop_id"):
        if a not in number or b not in number:
            continue
        minutes = NO_CHANGE if seconds is None else math.ceil(seconds / 60)
        if a == b:
            change[number[a]] = minutes
        elif seconds is not None:
            walks.append((number[b], number[a], minutes))
    walks.sort()
    to = np.array([w[0] for w in walks], dtype=np.int64)
    ptr = np.searchsorted(to, np.arange(len(number) + 1)).astype(np.int64)
    return (change, ptr, np.array([w[1] for w in walks], dtype=np.int32),
            np.array([w[2] for w in walks], dtype=np.int32))

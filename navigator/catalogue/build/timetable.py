"""A GTFS feed's timetable as compact arrays for the pack: patterns, trips, times, service days.

The router (``navigator.transit``) answers "home to every school, arriving by 8:00" from these
arrays alone.  What is kept, and why:

* **Stations, not platforms**: stop times are folded onto the stations the pack lists
  (``gtfs.py`` folds platforms the same way), so a trip's stops are the stops a family sees.
  Two platforms of one station in a row become one stop (arrival at the first, departure from
  the last).
* **Patterns**: trips with the same line, headsign and sequence of stations share one stored
  stop sequence; each trip then only stores its times (whole seconds after midnight of the
  service day, so 25:10:00 is 90600: the router counts it for the next morning).
* **How each time is known** (``estimated``): the timetable's own, or filled in between
  timepoints by distance or stop count, or approximate by the feed's word, or frequency-based
  (``timetable_times``, ``timetable_frequencies``).
* **Vehicles**: which trip the same vehicle runs next (``trip_next``), so that staying on the bus
  is not a change (``timetable_vehicles``); ``trip_headway`` for frequency-based trips.
* **Service days**: ``calendar.txt`` rows (weekdays and date range) and ``calendar_dates.txt``
  exceptions, per service; the feed's first and last service dates; and the Monday of its
  *representative week* (the week with the most trips), used for dates outside the feed
  (``timetable_services``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from navigator.catalogue.build.report import BuildReport
from navigator.catalogue.build.timetable_frequencies import expand, read_frequencies
from navigator.catalogue.build.timetable_services import read_services
from navigator.catalogue.build.timetable_shapes import Point, fill_shape_distances
from navigator.catalogue.build.timetable_times import (
    TripEvents,
    fill_times,
    frame,
    needs_distances,
    read_stop_times,
)
from navigator.catalogue.build.timetable_vehicles import continuations
from navigator.catalogue.service_days import (
    Service,
    representative_week,
    runs_on_a_school_day,
    service_dates,
)

_TRIP_COLUMNS = ("trip_id", "route_id", "service_id", "trip_headsign", "block_id", "shape_id")


@dataclass
class FeedTimetable:
    """Everything the router needs from one feed, with stop and line ids as the feed names them."""

    source_id: str
    start_date: str
    end_date: str
    week_start: str  # Monday of the representative week
    services: list[Service]
    exceptions: list[tuple[int, str, int]]  # (service index, ISO date, 1 added / 2 removed)
    stop_ids: list[str]  # station ids, in index order
    pattern_lines: list[str]  # line (route) id per pattern
    pattern_headsigns: list[str]  # "" when the feed gives none
    arrays: dict[str, np.ndarray] = field(default_factory=dict)
    transfers: list[tuple[str, str, int | None]] = field(default_factory=list)  # seconds, None: never

    @property
    def stop_times(self) -> int:
        return int(len(self.arrays["arrival"]))

    @property
    def trips(self) -> int:
        return int(len(self.arrays["trip_pattern"]))


def read_timetable(files, source_id: str, station_of: dict[str, str], lines: set[str],
                   report: BuildReport, stop_points: dict[str, Point] | None = None
                   ) -> FeedTimetable | None:
    """The feed's timetable at station level, or None (with a problem reported) when it has none.

    ``station_of`` maps every stop id of the feed that the pack keeps to its station's id;
    ``lines`` are the route ids the pack keeps; ``stop_points`` every stop's (lat, lon), for
    distances along shapes.
    """
    services, service_index, exceptions = read_services(files, report)
    if not services:
        report.problem(files.label("calendar.txt"), None,
                       "the feed has neither calendar.txt nor calendar_dates.txt, so it has no "
                       "service days; its timetable is left out (trip times will be unknown)")
        return None
    trips = frame(files, "trips.txt", _TRIP_COLUMNS, ("trip_id", "route_id", "service_id"))
    trips = trips[trips["route_id"].isin(lines) & trips["service_id"].isin(service_index)]
    trips = trips.drop_duplicates("trip_id").reset_index(drop=True)
    trip_index = {trip_id: i for i, trip_id in enumerate(trips["trip_id"])}
    times = read_stop_times(files, trip_index)
    needing = needs_distances(times)
    if len(needing) and "shape_id" in trips:
        fill_shape_distances(files, times, needing, trips["shape_id"].to_numpy(), stop_points or {})
    how = fill_times(times)
    events, station_ids = _at_stations(times, how, station_of)
    events = _fold_repeats(events)
    bad = _bad_trips(events)
    if len(bad):
        report.problem(files.label("stop_times.txt"), None,
                       f"{len(bad)} trip(s) have blank or backward times (first: "
                       f"{trips['trip_id'].iloc[int(bad[0])]!r}); left out of the timetable")
    # A trip left with one stop the pack keeps (the others unplaceable) takes no one anywhere.
    single = np.flatnonzero(np.bincount(events.trip) == 1) if len(events) else np.zeros(0, np.int64)
    events = events.select(~np.isin(events.trip, np.union1d(bad, single)))
    events, trip_row, headway = expand(events, read_frequencies(files, trip_index, report),
                                       np.arange(len(trips)))
    service = trips["service_id"].map(service_index).to_numpy().astype(np.int64)
    following = continuations(files, events, trip_index, trip_row, headway, trips, service)
    feed = _patterns(trips, trip_row, service, headway, following, events, source_id, services,
                     exceptions, station_ids)
    if feed is None:
        report.problem(files.label("stop_times.txt"), None,
                       "no trip runs on any service day; the timetable is left out")
        return None
    trips_per_service = np.bincount(feed.arrays["trip_service"], minlength=len(services))
    if not runs_on_a_school_day(service_dates(services, exceptions), trips_per_service):
        report.problem(files.label("calendar.txt"), None,
                       "no trip of this feed runs on a Monday to Friday, so no trip to school can "
                       "use it; check its calendar.txt and calendar_dates.txt")
    feed.transfers = _transfers(files, station_of, report)
    return feed


def _at_stations(times, how: np.ndarray, station_of: dict[str, str]) -> tuple[TripEvents, list[str]]:
    """The stop times at the stations the pack keeps, numbered from 0 (only those trips serve)."""
    station_ids = sorted(set(station_of.values()))
    number = {s: i for i, s in enumerate(station_ids)}
    lookup = np.array([number.get(station_of.get(s, ""), -1) for s in times.stop_ids] + [-1],
                      dtype=np.int64)
    station = lookup[np.where(times.stop < 0, len(lookup) - 1, times.stop)]
    keep = station >= 0
    events = TripEvents(times.trip[keep], station[keep], times.arrival[keep], times.departure[keep],
                        how[keep])
    used, events.stop = np.unique(events.stop, return_inverse=True)
    return events, [station_ids[i] for i in used]


def _fold_repeats(events: TripEvents) -> TripEvents:
    """Two platforms of one station in a row are one stop: arrive at the first, leave the last."""
    trip, stop = events.trip, events.stop
    same = np.zeros(len(trip), dtype=bool)
    same[1:] = (trip[1:] == trip[:-1]) & (stop[1:] == stop[:-1])
    if not same.any():
        return events
    first = ~same
    group = np.cumsum(first) - 1
    last_departure = np.zeros(int(first.sum()), dtype=np.int64)
    np.maximum.at(last_departure, group, events.departure)
    how = np.full(int(first.sum()), -1, dtype=events.how.dtype)
    np.maximum.at(how, group, events.how)
    return TripEvents(trip[first], stop[first], events.arrival[first], last_departure, how)


def _bad_trips(events: TripEvents) -> np.ndarray:
    """Trips with a time left blank (no timepoint before or after), or that go back in time."""
    trip, arrival, departure = events.trip, events.arrival, events.departure
    bad = (arrival < 0) | (departure < arrival)
    backward = np.zeros(len(trip), dtype=bool)
    backward[1:] = (trip[1:] == trip[:-1]) & (arrival[1:] < departure[:-1])
    return np.unique(trip[bad | backward])


def _patterns(trips: pd.DataFrame, trip_row: np.ndarray, service: np.ndarray, headway: np.ndarray,
              following: np.ndarray, events: TripEvents, source_id, services, exceptions,
              station_ids) -> FeedTimetable | None:
    if not len(events):
        return None
    starts, ends = events.bounds()
    routes = trips["route_id"].to_numpy()
    headsigns = trips["trip_headsign"].to_numpy() if "trip_headsign" in trips else None
    pattern_of: dict[tuple, int] = {}
    pattern_lines: list[str] = []
    pattern_heads: list[str] = []
    pattern_stops: list[np.ndarray] = []
    number = events.trip[starts]
    trip_pattern = np.empty(len(starts), dtype=np.int64)
    for k, (a, b) in enumerate(zip(starts, ends, strict=True)):
        row = int(trip_row[number[k]])
        head = str(headsigns[row]) if headsigns is not None else ""
        stops = events.stop[a:b]
        key = (routes[row], head, stops.tobytes())
        if key not in pattern_of:
            pattern_of[key] = len(pattern_lines)
            pattern_lines.append(str(routes[row]))
            pattern_heads.append(head)
            pattern_stops.append(stops)
        trip_pattern[k] = pattern_of[key]
    trip_service = service[trip_row[number]]
    # Trips in pattern order, then by first departure: the arrays read in timetable order.
    order = np.lexsort((number, events.departure[starts], trip_pattern))
    lengths = (ends - starts)[order]
    gather = np.repeat(starts[order] - np.r_[0, np.cumsum(lengths)[:-1]], lengths) + \
        np.arange(int(lengths.sum()))
    rank = np.full(len(trip_row), -1, dtype=np.int64)
    rank[number[order]] = np.arange(len(order))
    after = following[number[order]]
    trip_next = np.where(after >= 0, rank[np.maximum(after, 0)], -1)
    running = service_dates(services, exceptions)
    trips_per_service = np.bincount(trip_service, minlength=len(services))
    week = representative_week(running, trips_per_service)
    dated = sorted(d for d, s in running.items() if any(trips_per_service[i] for i in s))
    if week is None or not dated:
        return None
    return FeedTimetable(
        source_id=source_id, start_date=dated[0], end_date=dated[-1], week_start=week,
        services=services, exceptions=exceptions, stop_ids=list(station_ids),
        pattern_lines=pattern_lines, pattern_headsigns=pattern_heads,
        arrays={
            "pattern_stops": np.concatenate(pattern_stops).astype(np.int32),
            "pattern_start": np.r_[0, np.cumsum([len(p) for p in pattern_stops])].astype(np.int32),
            "trip_pattern": trip_pattern[order].astype(np.int32),
            "trip_service": trip_service[order].astype(np.int32),
            "trip_next": trip_next.astype(np.int32),
            "trip_headway": headway[number[order]].astype(np.int32),
            "arrival": events.arrival[gather].astype(np.int32),
            "departure": events.departure[gather].astype(np.int32),
            "estimated": events.how[gather].astype(np.uint8),
        })


def _transfers(files, station_of: dict[str, str], report: BuildReport) -> list[tuple[str, str, int | None]]:
    """``transfers.txt`` at station level: (from, to, seconds), seconds None for "not possible"."""
    table = frame(files, "transfers.txt", ("from_stop_id", "to_stop_id", "transfer_type",
                                           "min_transfer_time"), ("from_stop_id", "to_stop_id"))
    if table is None:
        return []
    found: dict[tuple[str, str], int | None] = {}
    for row in table.itertuples(index=False):
        a, b = station_of.get(row.from_stop_id), station_of.get(row.to_stop_id)
        if a is None or b is None:
            continue  # a stop the pack does not keep (or a trip-to-trip transfer without stops)
        kind = getattr(row, "transfer_type", "") or "0"
        if kind == "3":
            found[(a, b)] = None
        elif kind == "2":
            text = getattr(row, "min_transfer_time", "")
            if not text.isdigit():
                report.problem("transfers.txt", None, f"transfer {row.from_stop_id} -> "
                               f"{row.to_stop_id} has type 2 without a min_transfer_time; skipped")
                continue
            if (a, b) not in found or found[(a, b)] is not None:
                found[(a, b)] = max(int(text), found.get((a, b)) or 0)
    return [(a, b, seconds) for (a, b), seconds in sorted(found.items())]

"""``frequencies.txt``: trips that run every N minutes, expanded into the trips they stand for.

A trip named in ``frequencies.txt`` gives, through its stop times, only the times *between* its
stops; it runs from each row's ``start_time`` (first departure) every ``headway_secs`` until
before ``end_time``.  The two kinds GTFS writes are kept apart:

* ``exact_times = 1``: schedule-based; each departure is as exact as a timetable's, so the
  expanded trips are ordinary trips (their times known as the template's were);
* ``exact_times = 0`` (or blank): frequency-based; the operator promises "about every 10
  minutes", not when.  The expanded trips keep the departure grid (be at the stop by then) but
  arrive a whole headway later than the template says (the longest wait for the next bus), every
  time is an estimate (``FREQUENCY``), and the trip keeps its headway so the app can say "about
  every 10 min".  A trip found this way can always be made, whenever the buses actually come.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from navigator.catalogue.build.report import BuildReport
from navigator.catalogue.build.timetable_times import FREQUENCY, TripEvents, clock_seconds, frame

_COLUMNS = ("trip_id", "start_time", "end_time", "headway_secs", "exact_times")
_REQUIRED = ("trip_id", "start_time", "end_time", "headway_secs")


@dataclass(frozen=True)
class Frequency:
    trip: int  # trip number of the template
    start: int  # seconds
    end: int
    headway: int
    exact: bool


def read_frequencies(files, trip_index: dict[str, int], report: BuildReport) -> list[Frequency]:
    """The rows naming a trip of the timetable; a row that cannot run is reported and skipped."""
    table = frame(files, "frequencies.txt", _COLUMNS, _REQUIRED)
    if table is None:
        return []
    found = []
    for line, row in enumerate(table.itertuples(index=False), start=2):
        trip = trip_index.get(row.trip_id)
        if trip is None:
            continue  # a trip of a line or service the pack leaves out
        start, end = clock_seconds(row.start_time), clock_seconds(row.end_time)
        headway = int(row.headway_secs) if row.headway_secs.isdigit() else 0
        if start < 0 or end <= start or headway <= 0:
            report.problem("frequencies.txt", line,
                           f"trip {row.trip_id!r} runs from {row.start_time!r} to {row.end_time!r} "
                           f"every {row.headway_secs!r} seconds, which is not a time span and a "
                           "positive headway; skipped")
            continue
        found.append(Frequency(trip, start, end, headway, getattr(row, "exact_times", "") == "1"))
    return sorted(set(found), key=lambda f: (f.trip, f.start))


def expand(events: TripEvents, frequencies: list[Frequency], trip_row: np.ndarray
           ) -> tuple[TripEvents, np.ndarray, np.ndarray]:
    """The events with each template trip replaced by its runs; returns (events, the trips-table
    row of every trip number, the headway of every trip number: 0 for a scheduled trip)."""
    headway = np.zeros(len(trip_row), dtype=np.int64)
    if not frequencies:
        return events, trip_row, headway
    starts, ends = events.bounds()
    span = {int(events.trip[a]): (int(a), int(b)) for a, b in zip(starts, ends, strict=True)}
    templates = {f.trip for f in frequencies}
    parts = [events.select(~np.isin(events.trip, list(templates)))]
    rows, headways = [trip_row], [headway]
    next_trip = len(trip_row)
    for f in frequencies:
        if f.trip not in span:
            continue  # the template was left out (blank or backward times)
        a, b = span[f.trip]
        shift = np.arange(f.start, f.end, f.headway, dtype=np.int64) - events.departure[a]
        runs, stops = len(shift), b - a
        arrival = events.arrival[a:b][None, :] + shift[:, None]
        departure = events.departure[a:b][None, :] + shift[:, None]
        how = np.broadcast_to(events.how[a:b], (runs, stops))
        if not f.exact:
            arrival[:, 1:] += f.headway
            how = np.full((runs, stops), FREQUENCY, dtype=events.how.dtype)
        numbers = np.arange(next_trip, next_trip + runs)
        parts.append(TripEvents(np.repeat(numbers, stops), np.tile(events.stop[a:b], runs),
                                arrival.ravel(), departure.ravel(), np.array(how).ravel()))
        rows.append(np.full(runs, trip_row[f.trip]))
        headways.append(np.full(runs, 0 if f.exact else f.headway))
        next_trip += runs
    joined = TripEvents(*(np.concatenate([getattr(p, name) for p in parts])
                          for name in ("trip", "stop", "arrival", "departure", "how")))
    return joined, np.concatenate(rows), np.concatenate(headways)

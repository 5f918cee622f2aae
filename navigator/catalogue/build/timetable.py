"""A GTFS feed's timetable as compact arrays for the pack: patterns, trips, times, service days.

The router (``navigator.transit``) answers "home to every school, arriving by 8:00" from these
arrays alone.  What is kept, and why:

* **Stations, not platforms**: stop times are folded onto the stations the pack lists
  (``gtfs.py`` folds platforms the same way), so a trip's stops are the stops a family sees.
  Two platforms of one station in a row become one stop (arrival at the first, departure from
  the last).
* **Patterns**: trips with the same line, headsign and sequence of stations share one stored
  stop sequence; each trip then only stores its times (whole seconds after midnight of the
  service day, so 25:10:00 is 90600).
* **Service days**: ``calendar.txt`` rows (weekdays and date range) and ``calendar_dates.txt``
  exceptions, per service; the feed's first and last service dates; and the Monday of its
  *representative week* (the week with the most trips), used for dates outside the feed.
* ``stop_times.txt`` is by far the largest table (millions of rows in a big city's bus feed), so
  it is read with pandas in one pass, and blank times between timepoints are interpolated.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from navigator.catalogue.build.report import BuildReport
from navigator.errors import UserError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_STOP_TIME_COLUMNS = ("trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence")


@dataclass
class Service:
    """One GTFS service: the weekdays it runs (bit 0 = Monday) between two dates."""

    service_id: str
    weekdays: int = 0
    start_date: str | None = None  # ISO; None for a service defined by calendar_dates alone
    end_date: str | None = None


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


# --------------------------------------------------------------------------- reading


def _frame(files, name: str, columns: tuple[str, ...], required: tuple[str, ...],
           category: bool = False) -> pd.DataFrame | None:
    """A GTFS table as strings (None when the feed has no such file).

    ``category`` reads every column as a pandas category: stop_times.txt has millions of rows
    but only thousands of distinct ids and times, so each distinct value is parsed once.
    """
    if not files.has(name):
        return None
    label = files.label(name)
    try:
        with files.open_binary(name) as handle:
            frame = pd.read_csv(handle, dtype="category" if category else str, keep_default_na=False,
                                skipinitialspace=True, usecols=lambda c: c.strip() in columns,
                                encoding="utf-8-sig")
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as err:
        raise UserError(f"The file {label} cannot be read as CSV ({err}); fix it or download "
                        "the feed again.") from None
    frame.columns = [c.strip() for c in frame.columns]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise UserError(f"The file {label} has no column {missing[0]!r}; fix its header or "
                        "download the feed again.")
    for column in frame.columns:
        values = frame[column]
        if not category:
            frame[column] = values.str.strip()
            continue
        stripped = values.cat.categories.astype(str).str.strip()
        frame[column] = values.cat.rename_categories(stripped) if stripped.is_unique else \
            values.astype(str).str.strip().astype("category")
    return frame


def _seconds(text: pd.Series) -> np.ndarray:
    """``H:MM:SS`` (hours may pass 24) to seconds; -1 where blank or unreadable."""
    categories = text.cat.categories
    parsed = np.array([_clock_seconds(str(c)) for c in categories] + [-1], dtype=np.int64)
    codes = text.cat.codes.to_numpy()
    return parsed[np.where(codes < 0, len(categories), codes)]


def _clock_seconds(text: str) -> int:
    parts = text.split(":")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return -1
    hours, minutes, seconds = (int(p) for p in parts)
    return hours * 3600 + minutes * 60 + seconds if minutes < 60 and seconds < 60 else -1


def _mapped(values: pd.Series, mapping: dict) -> np.ndarray:
    """A category column through a dict, per category (-1 where the dict has no entry)."""
    lookup = np.array([mapping.get(c, -1) for c in values.cat.categories] + [-1], dtype=np.int64)
    codes = values.cat.codes.to_numpy()
    return lookup[np.where(codes < 0, len(lookup) - 1, codes)]


def _interpolate(times: np.ndarray, trip: np.ndarray) -> np.ndarray:
    """Fill blank times (-1) between timepoints linearly, stop by stop, within each trip.

    A blank at either end of a trip (no timepoint before or after it) stays blank.
    """
    blank = times < 0
    if not blank.any():
        return times
    n = len(times)
    index = np.arange(n)
    known = np.where(blank, -1, index)
    before = np.maximum.accumulate(known)
    after = np.where(blank, n, index)[::-1]
    after = np.minimum.accumulate(after)[::-1]
    ok = blank & (before >= 0) & (after < n)
    ok[ok] &= (trip[before[ok]] == trip[index[ok]]) & (trip[after[ok]] == trip[index[ok]])
    filled = times.copy()
    lo, hi = before[ok], after[ok]
    share = (index[ok] - lo) / (hi - lo)
    filled[ok] = np.round(times[lo] + (times[hi] - times[lo]) * share).astype(np.int64)
    return filled


def _services(files, report: BuildReport) -> tuple[list[Service], dict[str, int],
                                                    list[tuple[int, str, int]]]:
    services: list[Service] = []
    index: dict[str, int] = {}
    calendar = _frame(files, "calendar.txt", ("service_id", *WEEKDAYS, "start_date", "end_date"),
                      ("service_id", *WEEKDAYS, "start_date", "end_date"))
    if calendar is not None:
        for row in calendar.itertuples(index=False):
            start, end = _iso(row.start_date), _iso(row.end_date)
            if start is None or end is None or not row.service_id:
                report.problem("calendar.txt", None,
                               f"service {row.service_id!r} has no readable start_date/end_date; "
                               "skipped")
                continue
            bits = sum(1 << i for i, day in enumerate(WEEKDAYS) if getattr(row, day) == "1")
            index[row.service_id] = len(services)
            services.append(Service(row.service_id, bits, start, end))
    exceptions: list[tuple[int, str, int]] = []
    dates = _frame(files, "calendar_dates.txt", ("service_id", "date", "exception_type"),
                   ("service_id", "date", "exception_type"))
    if dates is not None:
        for row in dates.itertuples(index=False):
            when, kind = _iso(row.date), row.exception_type
            if when is None or kind not in ("1", "2") or not row.service_id:
                report.problem("calendar_dates.txt", None,
                               f"exception {row.service_id!r} {row.date!r} {kind!r} is not a "
                               "service, a YYYYMMDD date and 1 or 2; skipped")
                continue
            if row.service_id not in index:
                index[row.service_id] = len(services)
                services.append(Service(row.service_id))
            exceptions.append((index[row.service_id], when, int(kind)))
    exceptions = sorted(set(exceptions), key=lambda e: (e[1], e[0], e[2]))
    return services, index, exceptions


def _iso(value: str) -> str | None:
    if len(value) != 8 or not value.isdigit():
        return None
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:])).isoformat()
    except ValueError:
        return None


def service_dates(services: list[Service], exceptions: list[tuple[int, str, int]]) -> dict[str, set[int]]:
    """ISO date -> the services running that day, for every date any service covers."""
    running: dict[str, set[int]] = defaultdict(set)
    for i, service in enumerate(services):
        if service.start_date is None or service.end_date is None:
            continue
        day, end = date.fromisoformat(service.start_date), date.fromisoformat(service.end_date)
        while day <= end:
            if service.weekdays >> day.weekday() & 1:
                running[day.isoformat()].add(i)
            day += timedelta(days=1)
    for i, when, kind in exceptions:
        if kind == 1:
            running[when].add(i)
        else:
            running[when].discard(i)
    return running


def representative_week(running: dict[str, set[int]], trips_per_service: np.ndarray) -> str | None:
    """The Monday of the week with the most trips (the earliest such week on a tie)."""
    weeks: dict[date, int] = defaultdict(int)
    for when, services in running.items():
        day = date.fromisoformat(when)
        weeks[day - timedelta(days=day.weekday())] += int(sum(trips_per_service[s] for s in services))
    if not weeks or max(weeks.values()) == 0:
        return None
    best = max(weeks.values())
    return min(monday for monday, count in weeks.items() if count == best).isoformat()


# --------------------------------------------------------------------------- the timetable


def read_timetable(files, source_id: str, station_of: dict[str, str], lines: set[str],
                   report: BuildReport) -> FeedTimetable | None:
    """The feed's timetable at station level, or None (with a problem reported) when it has none.

    ``station_of`` maps every stop id of the feed that the pack keeps to its station's id;
    ``lines`` are the route ids the pack keeps.
    """
    services, service_index, exceptions = _services(files, report)
    if not services:
        report.problem(files.label("calendar.txt"), None,
                       "the feed has neither calendar.txt nor calendar_dates.txt, so it has no "
                       "service days; its timetable is left out (trip times will be unknown)")
        return None
    trips = _frame(files, "trips.txt", ("trip_id", "route_id", "service_id", "trip_headsign"),
                   ("trip_id", "route_id", "service_id"))
    trips = trips[trips["route_id"].isin(lines) & trips["service_id"].isin(service_index)]
    trips = trips.drop_duplicates("trip_id")
    trip_index = {trip_id: i for i, trip_id in enumerate(trips["trip_id"])}
    times = _frame(files, "stop_times.txt", _STOP_TIME_COLUMNS, _STOP_TIME_COLUMNS, category=True)
    trip = _mapped(times["trip_id"], trip_index)
    station_ids = sorted(set(station_of.values()))
    station_number = {s: i for i, s in enumerate(station_ids)}
    stop = _mapped(times["stop_id"], {k: station_number[v] for k, v in station_of.items()})
    keep = (trip >= 0) & (stop >= 0)
    sequence = _mapped(times["stop_sequence"], {c: int(c) for c in times["stop_sequence"].cat.categories
                                                if str(c).isdigit()})[keep]
    arrival, departure = _seconds(times["arrival_time"])[keep], _seconds(times["departure_time"])[keep]
    trip, stop = trip[keep], stop[keep]
    del times
    used, stop = np.unique(stop, return_inverse=True)  # number only the stations trips serve
    station_ids = [station_ids[i] for i in used]
    arrival = np.where(arrival < 0, departure, arrival)
    departure = np.where(departure < 0, arrival, departure)
    order = np.lexsort((sequence, trip))
    trip, stop = trip[order], stop[order]
    arrival = _interpolate(arrival[order], trip)
    departure = np.where(departure[order] < 0, arrival, departure[order])
    trip, stop, arrival, departure = _fold_repeats(trip, stop, arrival, departure)
    bad = _bad_trips(trip, arrival, departure)
    if len(bad):
        report.problem(files.label("stop_times.txt"), None,
                       f"{len(bad)} trip(s) have blank or backward times (first: "
                       f"{trips['trip_id'].iloc[int(bad[0])]!r}); left out of the timetable")
    # A trip left with one stop the pack keeps (the others unplaceable) takes no one anywhere.
    single = np.flatnonzero(np.bincount(trip) == 1) if len(trip) else np.zeros(0, np.int64)
    ok = ~np.isin(trip, np.union1d(bad, single))
    trip, stop, arrival, departure = trip[ok], stop[ok], arrival[ok], departure[ok]
    feed = _patterns(trips, trip, stop, arrival, departure, source_id, services, exceptions,
                     station_ids)
    if feed is None:
        report.problem(files.label("stop_times.txt"), None,
                       "no trip runs on any service day; the timetable is left out")
        return None
    feed.transfers = _transfers(files, station_of, report)
    return feed


def _fold_repeats(trip, stop, arrival, departure):
    """Two platforms of one station in a row are one stop: arrive at the first, leave the last."""
    same = np.zeros(len(trip), dtype=bool)
    same[1:] = (trip[1:] == trip[:-1]) & (stop[1:] == stop[:-1])
    if not same.any():
        return trip, stop, arrival, departure
    first = ~same
    group = np.cumsum(first) - 1
    last_departure = np.zeros(int(first.sum()), dtype=np.int64)
    np.maximum.at(last_departure, group, departure)
    return trip[first], stop[first], arrival[first], last_departure


def _bad_trips(trip, arrival, departure) -> np.ndarray:
    """Trips with a time left blank (no timepoint before or after), or that go back in time."""
    bad = (arrival < 0) | (departure < arrival)
    backward = np.zeros(len(trip), dtype=bool)
    backward[1:] = (trip[1:] == trip[:-1]) & (arrival[1:] < departure[:-1])
    return np.unique(trip[bad | backward])


def _patterns(trips: pd.DataFrame, trip, stop, arrival, departure, source_id, services, exceptions,
              station_ids) -> FeedTimetable | None:
    if not len(trip):
        return None
    starts = np.flatnonzero(np.r_[True, trip[1:] != trip[:-1]])
    ends = np.r_[starts[1:], len(trip)]
    routes = trips["route_id"].to_numpy()
    service_of = trips["service_id"].to_numpy()
    headsigns = trips["trip_headsign"].to_numpy() if "trip_headsign" in trips else None
    index = {s.service_id: i for i, s in enumerate(services)}
    pattern_of: dict[tuple, int] = {}
    pattern_lines: list[str] = []
    pattern_heads: list[str] = []
    pattern_stops: list[np.ndarray] = []
    trip_pattern = np.empty(len(starts), dtype=np.int64)
    trip_service = np.empty(len(starts), dtype=np.int64)
    for k, (a, b) in enumerate(zip(starts, ends, strict=True)):
        t = int(trip[a])
        head = str(headsigns[t]) if headsigns is not None else ""
        stops = stop[a:b]
        key = (routes[t], head, stops.tobytes())
        if key not in pattern_of:
            pattern_of[key] = len(pattern_lines)
            pattern_lines.append(str(routes[t]))
            pattern_heads.append(head)
            pattern_stops.append(stops)
        trip_pattern[k] = pattern_of[key]
        trip_service[k] = index[service_of[t]]
    # Trips in pattern order, then by first departure: the arrays read in timetable order.
    first_departure = departure[starts]
    order = np.lexsort((first_departure, trip_pattern))
    lengths = (ends - starts)[order]
    gather = np.repeat(starts[order] - np.r_[0, np.cumsum(lengths)[:-1]], lengths) + \
        np.arange(int(lengths.sum()))
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
            "arrival": arrival[gather].astype(np.int32),
            "departure": departure[gather].astype(np.int32),
        })


def _transfers(files, station_of: dict[str, str], report: BuildReport) -> list[tuple[str, str, int | None]]:
    """``transfers.txt`` at station level: (from, to, seconds), seconds None for "not possible"."""
    frame = _frame(files, "transfers.txt", ("from_stop_id", "to_stop_id", "transfer_type",
                                            "min_transfer_time"), ("from_stop_id", "to_stop_id"))
    if frame is None:
        return []
    found: dict[tuple[str, str], int | None] = {}
    for row in frame.itertuples(index=False):
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

"""``stop_times.txt`` read in one pass, and the blank times between timepoints filled in.

Most small operators publish times only at a few timepoints (Huntington Park: 2,173 of 2,332
stop times blank).  GTFS lets a reader interpolate the others; how well depends on what it
interpolates by:

* **distance along the route** (``shape_dist_traveled`` on the stop times, or the stops projected
  onto the trip's shape, :mod:`timetable_shapes`): a bus covers equal distances in about equal
  times, so a stop two thirds of the way along is about two thirds of the way in time;
* **stop count**, when the feed gives neither: each stop an equal share of the time, which is
  off wherever stops are unevenly spaced (Huntington Park's 7:31 where the distance says 7:26).

Every stop time keeps how it was known (``EXACT`` ... ``FREQUENCY``): a time the timetable did not
give is an estimate, and the app says "about 7:26" wherever it shows one.  A time the feed itself
marks approximate (``timepoint`` 0) is one too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from navigator.errors import UserError

# How a stop time is known (the pack's ``estimated`` array; 0 is the timetable's own time).
EXACT = 0
BY_DISTANCE = 1  # interpolated by distance along the route
BY_STOP_COUNT = 2  # interpolated by counting stops (no distances in the feed)
APPROXIMATE = 3  # given, but the feed marks it approximate (timepoint = 0)
FREQUENCY = 4  # a frequency-based trip (frequencies.txt, exact_times = 0): "about every N min"

STOP_TIME_COLUMNS = ("trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence")
_OPTIONAL_COLUMNS = ("shape_dist_traveled", "timepoint")


def frame(files, name: str, columns: tuple[str, ...], required: tuple[str, ...],
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
            table = pd.read_csv(handle, dtype="category" if category else str, keep_default_na=False,
                                skipinitialspace=True, usecols=lambda c: c.strip() in columns,
                                encoding="utf-8-sig")
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as err:
        raise UserError(f"The file {label} cannot be read as CSV ({err}); fix it or download "
                        "the feed again.") from None
    table.columns = [c.strip() for c in table.columns]
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise UserError(f"The file {label} has no column {missing[0]!r}; fix its header or "
                        "download the feed again.")
    for column in table.columns:
        values = table[column]
        if not category:
            table[column] = values.str.strip()
            continue
        stripped = values.cat.categories.astype(str).str.strip()
        table[column] = values.cat.rename_categories(stripped) if stripped.is_unique else \
            values.astype(str).str.strip().astype("category")
    return table


def clock_seconds(text: str) -> int:
    """``H:MM:SS`` (hours may pass 24) to seconds; -1 when blank or unreadable."""
    parts = text.split(":")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return -1
    hours, minutes, seconds = (int(p) for p in parts)
    return hours * 3600 + minutes * 60 + seconds if minutes < 60 and seconds < 60 else -1


def _per_category(values: pd.Series, parsed: list, dtype, missing) -> np.ndarray:
    """A category column through a value per category (``missing`` where the cell is absent)."""
    lookup = np.array([*parsed, missing], dtype=dtype)
    codes = values.cat.codes.to_numpy()
    return lookup[np.where(codes < 0, len(lookup) - 1, codes)]


def seconds(values: pd.Series) -> np.ndarray:
    return _per_category(values, [clock_seconds(str(c)) for c in values.cat.categories], np.int64, -1)


def mapped(values: pd.Series, mapping: dict) -> np.ndarray:
    """A category column through a dict, per category (-1 where the dict has no entry)."""
    return _per_category(values, [mapping.get(c, -1) for c in values.cat.categories], np.int64, -1)


def numbers(values: pd.Series) -> np.ndarray:
    """A category column as floats (NaN where blank or not a number)."""
    parsed = pd.to_numeric(pd.Series(values.cat.categories.astype(str)), errors="coerce")
    return _per_category(values, parsed.tolist(), float, np.nan)


@dataclass
class StopTimes:
    """The stop times of the timetable's trips, ordered by trip then ``stop_sequence``."""

    trip: np.ndarray  # trip number (the caller's numbering)
    stop: np.ndarray  # index into ``stop_ids`` (-1: the row names no stop)
    stop_ids: list[str]  # the feed's stop ids, as read
    arrival: np.ndarray  # seconds after midnight of the service day, -1 blank
    departure: np.ndarray
    distance: np.ndarray | None  # shape_dist_traveled, NaN where not given (None: no such column)
    approximate: np.ndarray | None  # the feed's timepoint = 0 (None: no such column)

    def distances(self) -> np.ndarray:
        """``distance``, made (all unknown) when the feed has none, to be filled in."""
        if self.distance is None:
            self.distance = np.full(len(self.trip), np.nan)
        return self.distance


def read_stop_times(files, trip_index: dict[str, int]) -> StopTimes:
    """The rows of the trips in ``trip_index``, in trip and stop order; one row naming a time
    fills the other (an arrival without a departure leaves when it arrives)."""
    times = frame(files, "stop_times.txt", STOP_TIME_COLUMNS + _OPTIONAL_COLUMNS, STOP_TIME_COLUMNS,
                  category=True)
    trip = mapped(times["trip_id"], trip_index)
    keep = trip >= 0
    sequence = mapped(times["stop_sequence"], {c: int(c) for c in times["stop_sequence"].cat.categories
                                                if str(c).isdigit()})
    order = np.flatnonzero(keep)[np.lexsort((sequence[keep], trip[keep]))]
    del sequence, keep
    stop_ids = [str(c) for c in times["stop_id"].cat.categories]
    stop = times["stop_id"].cat.codes.to_numpy()[order].astype(np.int32)
    arrival = seconds(times["arrival_time"])[order]
    departure = seconds(times["departure_time"])[order]
    distance = numbers(times["shape_dist_traveled"])[order] if "shape_dist_traveled" in times else None
    approximate = (mapped(times["timepoint"], {"0": 1})[order] == 1) if "timepoint" in times else None
    del times
    arrival = np.where(arrival < 0, departure, arrival)
    departure = np.where(departure < 0, arrival, departure)
    if approximate is not None:
        approximate &= arrival >= 0
    return StopTimes(trip[order].astype(np.int32), stop, stop_ids, arrival, departure, distance,
                     approximate)


def gaps(times: StopTimes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The blank rows that lie between two timepoints of their trip: (rows, the timepoint before,
    the timepoint after).  A blank with no timepoint before or after it stays blank."""
    blank = times.arrival < 0
    n = len(blank)
    if not blank.any():
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    index = np.arange(n)
    before = np.maximum.accumulate(np.where(blank, -1, index))
    after = np.minimum.accumulate(np.where(blank, n, index)[::-1])[::-1]
    rows = np.flatnonzero(blank & (before >= 0) & (after < n))
    trip = times.trip
    rows = rows[(trip[before[rows]] == trip[rows]) & (trip[after[rows]] == trip[rows])]
    return rows, before[rows], after[rows]


def fill_times(times: StopTimes) -> np.ndarray:
    """Fill the gaps between timepoints in place; returns how each row is known (EXACT,
    APPROXIMATE, BY_DISTANCE, BY_STOP_COUNT; -1 for a blank left blank).

    Each gap runs from the departure at the timepoint before it to the arrival at the one after,
    by distance where every stop of the gap has one (non-decreasing, within its timepoints'),
    else by stop count.
    """
    how = np.full(len(times.trip), EXACT, dtype=np.int8)
    if times.approximate is not None:
        how[times.approximate] = APPROXIMATE
    how[times.arrival < 0] = -1
    rows, lo, hi = gaps(times)
    if not len(rows):
        return how
    distance = times.distances()
    d, d0, d1 = distance[rows], distance[lo], distance[hi]
    usable = np.isfinite(d) & np.isfinite(d0) & np.isfinite(d1) & (d1 > d0) & (d >= d0) & (d <= d1)
    gap_start = np.r_[True, lo[1:] != lo[:-1]]
    usable[1:] &= gap_start[1:] | (d[1:] >= d[:-1])  # never backwards within a gap
    gap = np.cumsum(gap_start) - 1
    whole = np.ones(int(gap[-1]) + 1, dtype=bool)
    np.logical_and.at(whole, gap, usable)
    by_distance = whole[gap]
    span = np.where(by_distance, d1 - d0, 1.0)
    share = np.where(by_distance, (d - d0) / span, (rows - lo) / (hi - lo))
    start, end = times.departure[lo], times.arrival[hi]
    filled = np.round(start + (end - start) * share).astype(np.int64)
    times.arrival[rows] = filled
    times.departure[rows] = filled
    how[rows] = np.where(by_distance, BY_DISTANCE, BY_STOP_COUNT)
    return how


def needs_distances(times: StopTimes) -> np.ndarray:
    """The trips with a gap whose stops have no distances in stop_times.txt (the shape may give
    them)."""
    rows, lo, hi = gaps(times)
    if times.distance is None:
        return np.unique(times.trip[rows])
    distance = times.distance
    missing = ~(np.isfinite(distance[rows]) & np.isfinite(distance[lo]) & np.isfinite(distance[hi]))
    return np.unique(times.trip[rows[missing]])


@dataclass
class TripEvents:
    """One row per stop a trip makes, trip after trip (``trip`` ascending, each trip's rows
    together, in stop order), as the timetable assembles them."""

    trip: np.ndarray  # trip number
    stop: np.ndarray  # station number
    arrival: np.ndarray  # seconds
    departure: np.ndarray
    how: np.ndarray  # EXACT ... FREQUENCY

    def __len__(self) -> int:
        return len(self.trip)

    def select(self, keep: np.ndarray) -> TripEvents:
        return TripEvents(self.trip[keep], self.stop[keep], self.arrival[keep], self.departure[keep],
                          self.how[keep])

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """Where each trip's rows start and end (``starts[i]:ends[i]``), in row order."""
        starts = np.flatnonzero(np.r_[True, self.trip[1:] != self.trip[:-1]]) if len(self.trip) else \
            np.zeros(0, dtype=np.int64)
        return starts, np.r_[starts[1:], len(self.trip)].astype(np.int64)

"""Which trip the same vehicle runs next, where a rider can stay on board (an in-seat transfer).

Staying on the bus is not a change: it costs no change time and the trip says "stay on the bus".
A trip continues as the next one when (GTFS, "block transfers"):

* both have the same ``block_id`` and service, the second is the next of the block, it starts
  where the first ends (the same station) and not before the first arrives; or
* the feed says so in ``transfers.txt`` (``from_trip_id``/``to_trip_id`` with ``transfer_type`` 4);
  ``transfer_type`` 5 says the rider must get off, and takes a continuation away;
* without a ``block_id``, a **loop** (its first and last station the same) of the same line and
  service is followed by the next loop leaving that station at most ``MAX_LAYOVER_S`` after it
  arrives (the vehicle waits and goes round again; La Campana's loops, Huntington Park's).

Frequency-based trips (``frequencies.txt``) are never continued: their vehicles are not known.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from navigator.catalogue.build.timetable_times import TripEvents, frame

MAX_LAYOVER_S = 20 * 60


def _trip_links(files, trip_index: dict[str, int]) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """transfers.txt's trip-to-trip rows: (in-seat allowed, in-seat forbidden) pairs."""
    table = frame(files, "transfers.txt", ("from_trip_id", "to_trip_id", "transfer_type"), ())
    allowed, forbidden = set(), set()
    if table is None or "from_trip_id" not in table or "to_trip_id" not in table:
        return allowed, forbidden
    kinds = table["transfer_type"] if "transfer_type" in table else pd.Series([""] * len(table))
    for a, b, kind in zip(table["from_trip_id"], table["to_trip_id"], kinds, strict=True):
        pair = (trip_index.get(a, -1), trip_index.get(b, -1))
        if min(pair) >= 0 and kind in ("4", "5"):
            (allowed if kind == "4" else forbidden).add(pair)
    return allowed, forbidden


def continuations(files, events: TripEvents, trip_index: dict[str, int], trip_row: np.ndarray,
                  headway: np.ndarray, trips: pd.DataFrame, service: np.ndarray) -> np.ndarray:
    """Per trip number: the trip number its vehicle continues as, or -1."""
    n = len(trip_row)
    following = np.full(n, -1, dtype=np.int64)
    starts, ends = events.bounds()
    if not len(starts):
        return following
    number = events.trip[starts]
    first_stop = np.full(n, -1, dtype=np.int64)
    last_stop = np.full(n, -1, dtype=np.int64)
    first_dep = np.zeros(n, dtype=np.int64)
    last_arr = np.zeros(n, dtype=np.int64)
    first_stop[number], last_stop[number] = events.stop[starts], events.stop[ends - 1]
    first_dep[number], last_arr[number] = events.departure[starts], events.arrival[ends - 1]
    present = np.zeros(n, dtype=bool)
    present[number] = True
    scheduled = present & (headway == 0)
    blocks = trips["block_id"].to_numpy()[trip_row] if "block_id" in trips else np.full(n, "")
    routes = trips["route_id"].to_numpy()[trip_row]
    taken = np.zeros(n, dtype=bool)

    def link(a: int, b: int) -> None:
        if following[a] < 0 and not taken[b] and a != b and first_dep[b] >= last_arr[a] \
                and first_dep[b] > first_dep[a]:
            following[a] = b
            taken[b] = True

    allowed, forbidden = _trip_links(files, trip_index)
    for a, b in sorted(allowed):  # the feed's own word first
        if scheduled[a] and scheduled[b]:
            link(a, b)
    frame_ = pd.DataFrame({"trip": np.flatnonzero(scheduled)})
    frame_["block"], frame_["service"] = blocks[frame_.trip], service[trip_row[frame_.trip]]
    frame_["first_dep"] = first_dep[frame_.trip]
    in_blocks = frame_[frame_.block != ""].sort_values(["block", "service", "first_dep", "trip"])
    for _key, group in in_blocks.groupby(["block", "service"], sort=False):
        chain = group.trip.to_numpy()
        for a, b in zip(chain[:-1], chain[1:], strict=True):
            if last_stop[a] == first_stop[b]:
                link(int(a), int(b))
    loops = frame_[(frame_.block == "") & (first_stop[frame_.trip] == last_stop[frame_.trip])]
    candidates = []
    for _key, group in loops.groupby([routes[loops.trip], loops.service], sort=False):
        chain = group.sort_values(["first_dep", "trip"]).trip.to_numpy()
        for a in chain:
            later = chain[(first_stop[chain] == last_stop[a]) & (first_dep[chain] >= last_arr[a])
                          & (first_dep[chain] - last_arr[a] <= MAX_LAYOVER_S) & (chain != a)]
            candidates += [(int(first_dep[b] - last_arr[a]), int(a), int(b)) for b in later]
    for _wait, a, b in sorted(candidates):  # the shortest wait first, each trip once
        link(a, b)
    for a, b in forbidden:
        if following[a] == b:
            following[a], taken[b] = -1, False
    return following

"""From every stop to one school: the latest a rider can board there and still arrive in time.

The router answers one home and every school.  A map of where families can reach asks the other
way round: every place a family may live, and each school.  Run backwards in time, the same
rounds answer it with one run per school: the window's events are reversed (a departure becomes
an arrival at minute ``m - 1 - t``, each vehicle's stretch is read from its end, every walking
change is walked the other way) and the school's doorstep is the "home".  The reversed run's grid
then says, per stop and minute, the earliest arrival at the school for a rider ready to board at
that stop at that minute or later; read where it first has a value, it gives the latest boarding
and, for that boarding, the earliest arrival.

The journeys are exactly the router's (the same events of the same window, the same whole
minutes, change times and walks; rounding stays safe because ``floor`` and ``ceil`` swap under
``t -> -t``), so a place that takes the best over its stops gets the same trip the router would
find from there: ``navigator.reach`` checks this against the router itself, place by place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from navigator.transit.router import NONE, Router, TripOptions, Window, walk_batches


@dataclass(frozen=True)
class StopTimes:
    """Per timed stop, in minutes after midnight: the latest boarding that still arrives by the
    deadline, and the earliest arrival for that boarding (both NONE where no ride does it)."""

    board: np.ndarray
    arrive: np.ndarray


def reversed_window(win: Window, m: int) -> Window:
    """The same events backwards in time: minute t becomes m - 1 - t; a stretch's end is its start."""
    ends = np.ones(len(win.first), dtype=bool)  # the last event of each vehicle's stretch
    ends[:-1] = win.first[1:]
    back = slice(None, None, -1)
    # No boarding at a trip's last stop when the vehicle runs on: backwards, no getting off there.
    joined = None if win.joined is None else (~win.can_board & (win.dep < m))[back]
    can_board = np.ones(len(win.first), dtype=bool) if win.joined is None else ~win.joined[back]
    return Window(win.events[back], win.day[back], win.stop[back], (m - 1) - win.arr[back],
                  (m - 1) - win.dep[back], ends[back], joined, can_board)


class ArriveBy:
    """One arrive-by time on one service day: the window reversed once, then a run per school."""

    def __init__(self, router: Router, deadline_min: int, on: date, options: TripOptions):
        tt = router.tt
        self.router = router
        self.options = options
        self.deadline = int(deadline_min)
        self.w0 = self.deadline - options.window_min
        self.m = options.window_min + 1
        running, self.used_dates = tt.trips_running(on)
        before = router._overnight(on, self.w0, self.deadline)
        window = router._window(running, before, self.w0, self.m)
        self.window = reversed_window(window, self.m)
        self.prepared = router.prepare(self.window, self.m)
        self.batches = walk_batches(tt, backwards=True)

    def stop_times(self, stops: np.ndarray, walks: np.ndarray) -> StopTimes:
        """For a school whose doorstep is ``walks`` whole minutes from ``stops``: every stop's
        latest boarding and the earliest arrival from it (minutes after midnight)."""
        n = self.router.tt.stops
        access = np.full(n, NONE, dtype=np.int32)
        access[stops] = walks  # a school's stops are each named once (Router.places)
        board = np.full(n, NONE, dtype=np.int32)
        arrive = np.full(n, NONE, dtype=np.int32)
        if not len(stops):
            return StopTimes(board, arrive)
        _boards, _alights, grids = self.router._propagate(self.window, access, self.m,
                                                          self.options.max_transfers, self.batches,
                                                          self.prepared)
        best = grids[0]
        for grid in grids[1:]:
            best = np.maximum(best, grid)
        has = best[:, -1] != NONE  # the running max: the last minute holds a value if any does
        first = np.argmax(best[has] != NONE, axis=1)
        # reversed minute r is real minute w0 + m - 1 - r; the value v is arrival w0 + m - 1 - v
        top = self.w0 + self.m - 1
        board[has] = top - first
        arrive[has] = top - best[has][np.arange(len(first)), first]
        return StopTimes(board, arrive)

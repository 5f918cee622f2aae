"""One school's trip traced back from what a router query kept: its legs, with the words' facts.

The query (:mod:`navigator.transit.router`) answers every school with numbers only; the legs are
traced for the schools shown.  Each ride says which line (and operator) and which way, how many
stops, where the rider stays on as the vehicle runs its next trip, whether its times are the
timetable's or estimates, and which day's timetable it read (two operators' feeds may cover
different weeks).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import numpy as np

from navigator.transit.trips import Leg, Trip

if TYPE_CHECKING:
    from navigator.transit.router import Answer, Router, _State

NONE = -1


def trace_trip(router: Router, answer: Answer, i: int, place_name: str, home_name: str) -> Trip | None:
    """The legs of the trip chosen for place ``i`` (None when it has none)."""
    state, places = answer.state, answer.places
    if state is None or answer.depart[i] == NONE:
        return None
    tt = router.tt
    w0 = state.w0
    leave = int(answer.depart[i]) - w0
    on = answer.on.isoformat()
    kind = int(state.choice_kind[i])
    if kind == -2:
        legs = [Leg("walk", home_name, place_name, leave + w0, int(answer.arrive[i]))]
        _walk_paths(legs, answer, i)
        quicker = answer.walk_quicker is not None and bool(answer.walk_quicker[i])
        return Trip(int(answer.depart[i]), int(answer.arrive[i]), 0, on, on, legs, walk_quicker=quicker)
    pair = int(state.choice_pair[i])
    stop, bound = int(places.pair_stop[pair]), int(state.choice_minute[i])
    legs: list[Leg] = [Leg("walk", tt.stop_names[stop], place_name, bound + w0,
                           bound + w0 + int(places.pair_walk[pair]))]
    for k in range(kind, -1, -1):
        alight = _arrival_event(router, state, k, stop, bound, leave)
        board = _boarding_event(state, k, alight, leave)
        legs.insert(0, _ride(router, answer, board, alight))
        board_stop, board_dep = int(state.stop[board]), int(state.dep[board])
        if k == 0:
            walk = int(state.access[board_stop])
            legs.insert(0, Leg("walk", home_name, tt.stop_names[board_stop],
                               board_dep - walk + w0, board_dep + w0))
            break
        grid = state.grids[k - 1]
        same = board_dep - int(tt.change_min[board_stop])
        if same >= 0 and grid[board_stop, same] == leave:
            stop, bound = board_stop, same
            continue
        for edge in range(int(tt.walk_ptr[board_stop]), int(tt.walk_ptr[board_stop + 1])):
            u, w = int(tt.walk_from[edge]), int(tt.walk_min[edge])
            if board_dep - w >= 0 and grid[u, board_dep - w] == leave:
                arrived = _arrival_event(router, state, k - 1, u, board_dep - w, leave)
                at = int(state.arr[arrived])
                legs.insert(0, Leg("walk", tt.stop_names[u], tt.stop_names[board_stop],
                                   at + w0, at + w + w0))
                stop, bound = u, board_dep - w
                break
        else:  # pragma: no cover - the grid said so, so one of the two holds
            raise AssertionError("trip could not be traced back")
    _walk_paths(legs, answer, i)
    rides = [leg for leg in legs if leg.mode != "walk"]
    other = [leg.timetable_date for leg in rides if leg.timetable_date != on]
    return Trip(int(answer.depart[i]), int(answer.arrive[i]), len(rides) - 1, on,
                other[0] if other else on, legs)


def _walk_paths(legs: list[Leg], answer: Answer, i: int) -> None:
    """Each walk from where the leg before it ended (home first) to where the next begins (the
    school last): straight lines on the map, as the walking minutes assume."""
    places = answer.places
    school = [float(places.lat[i]), float(places.lon[i])]
    for n, leg in enumerate(legs):
        if leg.mode != "walk":
            continue
        start = legs[n - 1].path[-1] if n else (list(answer.home) if answer.home else None)
        end = legs[n + 1].path[0] if n + 1 < len(legs) else school
        if start and end:
            leg.path = [list(start), list(end)]


def _trip_of(router: Router, event: int) -> int:
    return int(np.searchsorted(router.tt.trip_start, event, side="right") - 1)


def _by_stop(router: Router, state: _State) -> tuple[np.ndarray, np.ndarray]:
    if state.by_stop is None:
        order = np.argsort(state.stop, kind="stable")
        ptr = np.searchsorted(state.stop[order], np.arange(router.tt.stops + 1))
        state.by_stop = (order, ptr)
    return state.by_stop


def _arrival_event(router: Router, state: _State, k: int, stop: int, bound: int, leave: int) -> int:
    """The latest alighting at ``stop`` by minute ``bound`` in round k worth ``leave``."""
    order, ptr = _by_stop(router, state)
    candidates = order[ptr[stop]:ptr[stop + 1]]
    ok = candidates[(state.alights[k][candidates] == leave) & (state.arr[candidates] <= bound)]
    return int(ok[np.argmax(state.arr[ok])])


def _boarding_event(state: _State, k: int, alight: int, leave: int) -> int:
    """The latest stop before ``alight`` on the same vehicle where boarding was worth ``leave``."""
    e = alight - 1
    while state.boards[k][e] != leave:
        e -= 1
    return e


def _line_of(router: Router, trip: int) -> tuple:
    """(line label or None, toward) of a trip: its headsign, else its last stop's name."""
    tt = router.tt
    pattern = int(tt.trip_pattern[trip])
    line = tt.lines.get(tt.pattern_line[pattern])
    last = int(tt.event_stop[tt.trip_start[trip] + tt.trip_length[trip] - 1])
    return line, tt.pattern_headsign[pattern] or tt.stop_names[last]


def _ride(router: Router, answer: Answer, board: int, alight: int) -> Leg:
    tt, state = router.tt, answer.state
    first, last = int(state.events[board]), int(state.events[alight])
    trip, end_trip = _trip_of(router, first), _trip_of(router, last)
    line, toward = _line_of(router, trip)
    stay_on = []
    for later in range(trip + 1, end_trip + 1):  # the vehicle's next trips, where one stays on
        next_line, next_toward = _line_of(router, later)
        stay_on.append({"at": tt.stop_names[int(tt.event_stop[tt.trip_start[later]])],
                        "line": next_line.name if next_line else None,
                        "operator": next_line.operator if next_line else None, "toward": next_toward})
    passed = tt.event_stop[first:last + 1]
    passed = passed[np.r_[True, passed[1:] != passed[:-1]]]  # a vehicle's next trip starts where it is
    feed = tt.feeds[int(tt.trip_feed[trip])]
    day = answer.on + timedelta(days=int(state.day[board]))
    headway = int(tt.trip_headway[trip])
    return Leg(line.mode if line else "other", tt.stop_names[int(state.stop[board])],
               tt.stop_names[int(state.stop[alight])], int(state.dep[board]) + state.w0,
               int(state.arr[alight]) + state.w0, line.name if line else None,
               line.id if line else None, toward, len(passed) - 1,
               [[float(tt.stop_lat[s]), float(tt.stop_lon[s])] for s in passed],
               operator=line.operator if line else None,
               timetable_date=feed.timetable_date(day).isoformat(),
               depart_estimated=bool(tt.event_estimated[first]),
               arrive_estimated=bool(tt.event_estimated[last]),
               every_min=round(headway / 60) if headway else None, stay_on=stay_on)

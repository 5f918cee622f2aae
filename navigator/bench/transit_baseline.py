"""The straightforward way, for the transit benchmark and the router's tests: a time-expanded
graph searched with networkx.

Every stop time in the window becomes nodes (aboard on arrival, aboard on departure, a place in
the stop's queue of departures), copied once per ride allowed; Dijkstra from home runs once per
possible departure from home, latest first, and a school is answered by the first departure
that reaches it in time.  Same rules as the router (whole minutes, walks, change times, at most
N changes, latest departure then earliest arrival, staying on a vehicle as it runs its next
trip, the day before's trips after midnight, walking whenever no ride is quicker), none of its
code.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import networkx as nx
import numpy as np

from navigator.geo import haversine_many
from navigator.transit.router import DEFAULT_OPTIONS, Places, Router, TripOptions, walk_minutes_exact
from navigator.transit.timetable import Timetable


class TimeExpandedBaseline:
    def __init__(self, timetable: Timetable, on: date, window: tuple[int, int],
                 options: TripOptions = DEFAULT_OPTIONS):
        tt = timetable
        self.tt, self.options = tt, options
        self.w0, self.w1 = window
        rides = options.max_transfers + 1
        graph = nx.DiGraph()
        departures: dict[tuple[int, int], list[tuple[int, tuple]]] = defaultdict(list)  # (stop, k)
        arrivals: list[tuple[int, int, tuple, int]] = []  # (stop, minute, node event, k)
        self.arrivals_at: dict[int, list[tuple[int, tuple]]] = defaultdict(list)
        for day in (0, -1):
            running, _ = tt.trips_running(on + timedelta(days=day))
            for events, junctions in self._vehicle_runs(running):
                for k in range(rides):
                    self._add_run(graph, events, junctions, day * 1440, k, departures, arrivals)
        self.queues: dict[tuple[int, int], tuple[list[int], list[tuple]]] = {}
        for (stop, k), items in departures.items():
            items.sort()
            nodes = [("q", stop, i, k) for i in range(len(items))]
            for i, (dep, node) in enumerate(items):
                graph.add_edge(nodes[i], node, weight=0)
                if i + 1 < len(items):
                    graph.add_edge(nodes[i], nodes[i + 1], weight=items[i + 1][0] - dep)
            self.queues[(stop, k)] = ([d for d, _ in items], nodes)
        for stop, arr, node, k in arrivals:
            if k + 1 >= rides:
                continue
            self._join(graph, node, stop, arr + int(tt.change_min[stop]), k + 1, arr)
        # walking changes: from stop u to stop v, w minutes (tt lists them by the stop walked to)
        for v in range(tt.stops):
            for edge in range(int(tt.walk_ptr[v]), int(tt.walk_ptr[v + 1])):
                u, w = int(tt.walk_from[edge]), int(tt.walk_min[edge])
                for arr, node in self.arrivals_at.get(u, ()):
                    k = node[2]
                    if k + 1 < rides:
                        self._join(graph, node, v, arr + w, k + 1, arr)
        self.graph = graph

    def _vehicle_runs(self, running: np.ndarray):
        """Per vehicle run of running trips (a trip and those it continues as): its events and
        the junction events (a trip's last stop where it goes on as the next, the next's first)."""
        tt = self.tt
        for trip in np.flatnonzero(running):
            if tt.trip_prev[trip] >= 0 and running[tt.trip_prev[trip]]:
                continue  # inside a run started earlier
            events, ends, starts = [], set(), set()
            while True:
                start, length = int(tt.trip_start[trip]), int(tt.trip_length[trip])
                if events:
                    ends.add(events[-1])
                    starts.add(start)
                events += range(start, start + length)
                following = int(tt.trip_next[trip])
                if following < 0 or not running[following]:
                    break
                trip = following
            yield events, (ends, starts)

    def _add_run(self, graph: nx.DiGraph, events: list[int], junctions: tuple[set, set], shift: int,
                 k: int, departures, arrivals) -> None:
        tt = self.tt
        ends, starts = junctions  # a trip's last event where the vehicle goes on; the next's first
        previous = None
        for e in events:
            dep = int(tt.departure[e]) // 60 + shift
            arr = -(-int(tt.arrival[e]) // 60) + shift
            if arr > self.w1 or dep < self.w0:
                if previous is not None and arr > self.w1:
                    break
                continue
            stop = int(tt.event_stop[e])
            on_arr, on_dep = ("a", e, k, shift), ("d", e, k, shift)
            graph.add_edge(on_arr, on_dep, weight=dep - arr)
            if previous is not None:
                graph.add_edge(previous[0], on_arr, weight=arr - previous[1])
                if e not in starts:
                    arrivals.append((stop, arr, on_arr, k))
                    self.arrivals_at[stop].append((arr, on_arr))
            if e not in ends:
                departures[(stop, k)].append((dep, on_dep))
            previous = (on_dep, dep)

    def _join(self, graph: nx.DiGraph, node: tuple, stop: int, ready: int, k: int, now: int) -> None:
        """An edge from ``node`` (at minute ``now``) to the first departure at ``stop`` from ``ready``."""
        queue = self.queues.get((stop, k))
        if queue is None:
            return
        times, nodes = queue
        i = int(np.searchsorted(times, ready, side="left"))
        if i < len(times):
            graph.add_edge(node, nodes[i], weight=times[i] - now)

    def query(self, router: Router, home_lat: float, home_lon: float, places: Places,
              arrive_by: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(home departure, arrival) per place in minutes, -1 where no trip."""
        options = self.options
        n = len(places)
        stops, exact = router.stops_within(home_lat, home_lon, options.max_walk_min)
        walks = {int(s): max(1, int(np.ceil(m - 1e-9))) for s, m in zip(stops, exact, strict=True)}
        candidates = set()
        for stop, walk in walks.items():
            times, _ = self.queues.get((stop, 0), ([], []))
            candidates.update(t - walk for t in times if t - walk >= self.w0)
        egress: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for p, s, w in zip(places.pair_place, places.pair_stop, places.pair_walk, strict=True):
            egress[int(p)].append((int(s), int(w)))
        depart = np.full(n, -1, dtype=np.int64)
        arrive = np.full(n, -1, dtype=np.int64)
        open_places = set(egress)
        for tau in sorted(candidates, reverse=True):
            if not open_places:
                break
            source = ("home", tau)
            for stop, walk in walks.items():
                self._join(self.graph, source, stop, tau + walk, 0, tau)
            if self.graph.has_node(source):
                reached = nx.single_source_dijkstra_path_length(
                    self.graph, source, cutoff=self.w1 - tau, weight="weight")
                self.graph.remove_node(source)
            else:
                reached = {}
            for p in list(open_places):
                best = None
                for stop, walk in egress[p]:
                    for arr, node in self.arrivals_at.get(stop, ()):
                        if node in reached and arr + walk <= arrive_by[p]:
                            if best is None or arr + walk < best:
                                best = arr + walk
                if best is not None:
                    depart[p], arrive[p] = tau, best
                    open_places.discard(p)
        # A walk all the way, when the school is that close (latest departure, then earliest
        # arrival), or when the ride found takes as long or longer door to door.
        exact_direct = walk_minutes_exact(haversine_many(home_lat, home_lon, places.lat, places.lon))
        for p in range(n):
            if np.isnan(exact_direct[p]):
                continue
            walk = max(1, int(np.ceil(exact_direct[p] - 1e-9)))
            leave = int(arrive_by[p]) - walk
            if exact_direct[p] > options.max_walk_min + 1e-9:
                if depart[p] != -1 and walk <= arrive[p] - depart[p]:
                    depart[p], arrive[p] = leave, int(arrive_by[p])
                continue
            if leave < self.w0:
                continue
            if depart[p] == -1 or leave > depart[p] or (leave == depart[p] and arrive[p] >= arrive_by[p]):
                depart[p], arrive[p] = leave, int(arrive_by[p])
        return depart, arrive

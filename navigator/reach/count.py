"""Where families can reach: for every cell, how many schools that fit the child a bus or train
(or the walk) gets them to in time, district and charter counted side by side.

The schools that fit are the ones ``navigator search`` lists for the same child (its filters,
its rule of which sites are a family's option); online schools have no trip to make and schools
with no place on the map cannot be placed, so neither is counted (the report says how many).
Per school, one arrive-by run (``navigator.reach.profile``); the runs are shared out among
processes where the machine has idle cores and the work is large enough to pay for starting
them (measured: ``navigator bench reach``).

Each cell's answer is one of: reaches N schools (N >= 1); none, but unknown (a stop without a
timetable within the walk of the cell and of a school: a bus might do it); none (a desert).
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, time

import numpy as np

from navigator.catalogue.pack import Pack
from navigator.errors import UserError
from navigator.indicators import STATUS_LEVELS
from navigator.reach.grid import Grid, region_grid
from navigator.reach.profile import CellStops, Rules, cell_stops, direct_minutes, reached
from navigator.search.engine import SearchEngine
from navigator.search.query import Query
from navigator.transit.arrive_by import ArriveBy
from navigator.transit.router import TripOptions

PARALLEL_FROM = 40  # schools: below this, starting processes costs more than it saves


@dataclass(frozen=True)
class ReachQuestion:
    """What a counsellor asks: the child's grade and needs, and the trip."""

    grade: int | None = None
    programs: tuple[str, ...] = ()
    el: tuple[str, ...] = ()
    sped: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    indicator: str | None = None  # with min_level: only schools whose latest level is at least it
    min_level: int | None = None  # the state's levels: 1 very low, 2 low, 3 medium, 4 high, 5 very high
    trip_minutes: float = 30.0
    walk_min: float = 20.0
    arrive_by: time = time(8, 0)
    on: date | None = None  # default: the next school day
    cell_m: float = 400.0
    max_transfers: int = 2

    def query(self) -> Query:
        """The search query for the same child, without a home (the cells are the homes)."""
        return Query(grade=self.grade, programs=self.programs, el=self.el, sped=self.sped,
                     sectors=self.sectors)

    def options(self) -> TripOptions:
        return TripOptions(max_walk_min=self.walk_min, max_transfers=self.max_transfers)


@dataclass
class ReachMap:
    """The answer: per cell, schools reached by sector, and the unknown count."""

    question: ReachQuestion
    on: date
    grid: Grid
    sectors: list[str]  # in the pack's order (alphabetical), never by any "better"
    reached: np.ndarray  # (sector, cell) counts
    unknown: np.ndarray  # per cell: schools a stop without a timetable might reach
    schools: list[str]  # the counted schools' ids (placed, in person, fitting the child)
    unplaced: list[str]  # fitting schools with no place on the map (not counted)
    online: int  # fitting online schools (no trip to make)
    unrated: int  # fitting schools with no reported level of the indicator asked (not counted)
    used_dates: dict[str, date] = field(default_factory=dict)  # timetable date per feed
    has_timetable: bool = True

    @property
    def total(self) -> np.ndarray:
        return self.reached.sum(axis=0)

    def kind(self) -> np.ndarray:
        """Per cell: 1 reaches some, 0 unknown (none known, a bus without a timetable might), -1 none."""
        return np.where(self.total > 0, 1, np.where(self.unknown > 0, 0, -1))


def matching_schools(engine: SearchEngine, question: ReachQuestion) -> tuple[list[int], list[int], int, int]:
    """(placed in-person schools, unplaced ones, online count, unrated count) that fit the child,
    as index positions: the schools ``navigator search`` lists for the same query."""
    result = engine.search(question.query())
    index = engine.index
    chosen = [index.position[r.id] for r in result.results]
    unrated = 0
    if question.indicator is not None:
        codes, _groups = index.indicator_names()
        if question.indicator not in codes:
            raise UserError(f"This pack has no results for {question.indicator!r}; use one of: "
                            f"{', '.join(codes) or 'none (it has no school results)'}.")
        _status, rows = index.indicator(question.indicator, "ALL")
        rank = {word: k for k, word in enumerate(STATUS_LEVELS, start=1)}  # very low 1 .. very high 5
        level = {i: rank.get(((rows.get(i) or {}).get("status_level") or "").lower()) for i in chosen}
        unrated = sum(1 for i in chosen if level[i] is None and not index.virtual[i])
        chosen = [i for i in chosen if level[i] is not None and level[i] >= question.min_level]
    online = sum(1 for i in chosen if index.virtual[i])
    placed = [i for i in chosen if not index.virtual[i] and index.has_point[i]]
    unplaced = [i for i in chosen if not index.virtual[i] and not index.has_point[i]]
    return placed, unplaced, online, unrated


def region_of(pack: Pack, engine: SearchEngine, question: ReachQuestion) -> Grid:
    """The cells where the pack has homes (``navigator.reach.grid``)."""
    homes = np.array(pack.home_points(), dtype=float).reshape(-1, 2)
    index = engine.index
    placed = index.has_point & ~index.virtual  # an online school's address is no place to reach
    schools = np.column_stack([index.lat[placed], index.lon[placed]])
    stops = np.array([(lat, lon) for _id, _name, lat, lon in pack.stop_places()],
                     dtype=float).reshape(-1, 2)
    return region_grid(homes, np.vstack([schools, stops]), question.cell_m, question.walk_min)


@dataclass
class _Work:
    """What every worker reads (inherited by the forked processes, never pickled)."""

    arrive_by: ArriveBy
    pairs: CellStops
    grid: Grid
    by_lat: np.ndarray
    sorted_lat: np.ndarray
    rules: Rules
    school_lat: np.ndarray
    school_lon: np.ndarray
    school_stops: list[tuple[np.ndarray, np.ndarray]]
    sector: np.ndarray  # per school: row in the counts
    sectors: int
    doubt: np.ndarray  # per school: a stop without a timetable within its walk


_WORK: _Work | None = None


def _count(chunk: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """(sector, cell) schools reached and, per cell, schools not reached but in doubt."""
    work = _WORK
    n = len(work.grid)
    counts = np.zeros((work.sectors, n), dtype=np.int32)
    doubt = np.zeros(n, dtype=np.int32)
    reach_min = max(work.rules.walk_min, work.rules.trip_minutes) + 1
    for j in chunk:
        stops, walks = work.school_stops[j]
        times = work.arrive_by.stop_times(stops, walks)
        direct = direct_minutes(work.grid, work.by_lat, work.sorted_lat, float(work.school_lat[j]),
                                float(work.school_lon[j]), reach_min)
        yes = reached(times, work.pairs, direct, work.rules)
        counts[work.sector[j]] += yes
        if work.doubt[j]:
            doubt += ~yes
    return counts, doubt


def reach_map(pack: Pack, question: ReachQuestion, workers: int | None = None,
              engine: SearchEngine | None = None) -> ReachMap:
    """Count, for every cell of the region, the schools that fit the child and can be reached."""
    from navigator.transit.planner import next_school_day

    engine = engine or SearchEngine(pack)
    engine.check(question.query())
    if question.indicator is not None and question.min_level is None:
        raise UserError("--indicator needs --min-level N: the lowest level a school's latest "
                        "result must reach.")
    grid = region_of(pack, engine, question)
    placed, unplaced, online, unrated = matching_schools(engine, question)
    index = engine.index
    sectors = list(index.sector_names)
    on = question.on or next_school_day(date.today())
    planner = engine.planner
    sector = np.array([int(index.sector[i]) - 1 for i in placed], dtype=np.int64)
    if (sector < 0).any():  # a school of no known sector is still counted, on a row of its own
        sectors.append("")
        sector[sector < 0] = len(sectors) - 1
    answer = ReachMap(question, on, grid, sectors, np.zeros((len(sectors), len(grid)), dtype=np.int32),
                      np.zeros(len(grid), dtype=np.int32), [index.ids[i] for i in placed],
                      [index.ids[i] for i in unplaced], online, unrated)
    if planner.router is None:  # no timetable: every placed school is unknown from everywhere
        answer.has_timetable = False
        answer.unknown[:] = len(placed)
        return answer
    router = planner.router
    deadline = question.arrive_by.hour * 60 + question.arrive_by.minute
    options = question.options()
    arrive_by = ArriveBy(router, deadline, on, options)
    answer.used_dates = arrive_by.used_dates
    places = planner.places(question.walk_min)
    school_stops = []
    for i in placed:
        mine = places.pair_place == i
        school_stops.append((places.pair_stop[mine], places.pair_walk[mine]))
    by_lat = np.argsort(grid.lat, kind="stable")
    untimed_cells = _cells_near_untimed(grid, planner, question.walk_min)
    doubt = planner.schools_near_untimed(question.walk_min)[placed] if len(placed) else np.zeros(0, bool)
    global _WORK
    _WORK = _Work(arrive_by, cell_stops(grid, router.tt.stop_lat, router.tt.stop_lon, question.walk_min),
                  grid, by_lat, grid.lat[by_lat],
                  Rules(deadline, deadline - options.window_min, question.walk_min, question.trip_minutes),
                  index.lat[placed], index.lon[placed], school_stops, sector, len(sectors), doubt)
    try:
        counts, unknown = _run(len(placed), workers)
    finally:
        _WORK = None
    answer.reached = counts
    answer.unknown = np.where(untimed_cells, unknown, 0).astype(np.int32)
    return answer


def idle_cores() -> int:
    """The cores nobody else is using now (the last minute's load average taken off), at least
    one: on a shared machine, more processes than idle cores only wait for one another (measured:
    ``navigator bench reach`` under a load of 9 on 2 cores ran slower on 2 processes than on 1)."""
    cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = 0.0
    return max(1, min(cores, int(cores - load + 0.5)))


def _run(schools: int, workers: int | None) -> tuple[np.ndarray, np.ndarray]:
    workers = workers if workers is not None else idle_cores()
    if workers <= 1 or schools < PARALLEL_FROM or "fork" not in _start_methods():
        return _count(list(range(schools)))
    import multiprocessing

    chunks = [list(range(k, schools, workers * 4)) for k in range(workers * 4)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        parts = list(pool.map(_count, chunks))
    return sum(p[0] for p in parts), sum(p[1] for p in parts)


def _start_methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()


def _cells_near_untimed(grid: Grid, planner, walk_min: float) -> np.ndarray:
    """Per cell: a stop without a timetable within the walk (the router's formula)."""
    tt = planner.timetable
    if not len(tt.untimed_lat):
        return np.zeros(len(grid), dtype=bool)
    return cell_stops(grid, tt.untimed_lat, tt.untimed_lon, walk_min).has


def schools_at(engine: SearchEngine, reach: ReachMap, cell: int) -> list[str]:
    """The ids of the counted schools a cell reaches (its count, named): the router's forward
    search from the cell's centre, read with the same rules, so the list always matches the count."""
    from navigator.transit.planner import YES, TripRequest

    planner = engine.planner
    if planner.router is None or not reach.schools:
        return []
    q = reach.question
    request = TripRequest(float(reach.grid.lat[cell]), float(reach.grid.lon[cell]), q.arrive_by, reach.on,
                          q.options())
    state, _answer = planner.states(request, q.trip_minutes)
    return [school for school in reach.schools if state[engine.index.position[school]] == YES]

"""The order of schools already found, for a list re-sorted without searching again.

The engine orders every school of the region at once, over arrays (``SearchEngine._ordered``);
the app's sort menu re-orders the results it already has.  Both follow the same rules, written
here for a list of :class:`~navigator.search.results.Result`:

* ``distance`` / ``walk``: nearest first; online schools and schools without a place last; ties
  keep the order they came in (the engine's: by id), never by sector;
* ``name``: by the name folded for comparison (accents and case aside), then id;
* ``trip``: the quickest trip first; schools without one last (never as zero), then id;
* ``indicator:CODE``: the better value first (which way is better: ``INDICATORS``); schools
  without a reported value last, never counted as zero; then id.
"""

from __future__ import annotations

from collections.abc import Callable

from navigator.catalogue.codes import INDICATORS
from navigator.search.index import fold
from navigator.search.query import indicator_of
from navigator.search.results import Result


def trip_key(result: Result) -> tuple:
    """The quickest trip first; schools without one last (never as zero), then by id."""
    if result.trip is None:
        return (1, 0, result.id)
    return (0, result.trip["minutes"], result.id)


def result_key(order: str, folded: dict[str, str] | None = None) -> Callable[[Result], object]:
    """The sort key for ``order``; ``folded`` keeps each name's folded form across sorts (school
    id -> folded name), since a region's thousands of names are folded again on every sort."""
    if order == "trip":
        return trip_key
    code = indicator_of(order)
    if code is not None:
        info = INDICATORS.get(code)
        better_high = info.higher_is_better if info else True

        def indicator_key(r: Result) -> tuple:
            value = (r.indicator or {}).get("status")
            if value is None:
                return (1, 0.0, r.id)
            return (0, -value if better_high else value, r.id)

        return indicator_key
    if order == "name":
        cache = {} if folded is None else folded

        def name_key(r: Result) -> tuple:
            name = cache.get(r.id)
            if name is None:
                name = cache[r.id] = fold(r.name)
            return (name, r.id)

        return name_key

    def distance_key(r: Result) -> float:
        return float("inf") if r.virtual or r.distance_km is None else r.distance_km

    return distance_key

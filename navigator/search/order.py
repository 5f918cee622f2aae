"""The order of a result list: group first (``groups.py``), then what the family asked for.

- **distance** / **walk**: the nearest first; a school without a location, or online, after
  those with one, by name.
- **name**: alphabetical (accents and case folded).
- **trip**: the quickest trip first; then, after every school with a trip, those without one
  (none in time, or unknown), by distance; never in the order of the pack's ids.
- **indicator:CODE**: the better reported value first; schools without one last, by distance.

Ties are broken by name (then id) in the distance and trip orders, by id in a result's order
(as the published results are read), never by sector.  ``first`` sorts only what is shown: with a
limit of 50 out of 100,000 schools, a linear selection finds the candidates and only they are
sorted.  ``result_sort_key`` is the same order for a list already in hand (the app re-sorts its
results when the family picks another order).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from navigator.catalogue.codes import INDICATORS
from navigator.search.groups import GROUPS
from navigator.search.index import fold
from navigator.search.query import indicator_of

# The first two keys folded into one number for the linear selection: a group is worth more
# than any value of the second key (minutes, kilometres, points, a name's rank).
_GROUP_WEIGHT = 1e7
_CLIP = 1e6


def first(chosen: np.ndarray, keys: list[np.ndarray], limit: int | None) -> np.ndarray:
    """``chosen`` in the order of ``keys`` (most significant first, each aligned with
    ``chosen``, NaN-free; the first the group), the first ``limit`` only."""
    if limit is not None and len(chosen) > limit:
        lead = keys[0] * _GROUP_WEIGHT + np.clip(keys[1], -_CLIP, _CLIP)
        cutoff = np.partition(lead, limit - 1)[limit - 1]
        near = lead <= cutoff  # every school tied with the last shown stays for the tie-break
        chosen, keys = chosen[near], [key[near] for key in keys]
    return chosen[np.lexsort((chosen, *reversed(keys)))][:limit]


def indicator_key(status: np.ndarray, code: str) -> np.ndarray:
    """The better value first, not reported (NaN) last: never as zero."""
    key = status * (-1.0 if _higher_is_better(code) else 1.0)
    return np.where(np.isnan(key), np.inf, key)


def _higher_is_better(code: str) -> bool:
    info = INDICATORS.get(code)
    return info.higher_is_better if info else True


def result_key(order: str, folded: dict[str, str] | None = None) -> Callable[[object], tuple]:
    """The sort key for ``order`` over ``Result`` objects; ``folded`` keeps each name's folded
    form across sorts (school id -> folded name): a region's thousands of names need folding
    only once."""
    cache = {} if folded is None else folded

    def key(result) -> tuple:
        name = cache.get(result.id)
        if name is None:
            name = cache[result.id] = fold(result.name)
        return _key(result, order, name)

    return key


def result_sort_key(result, order: str) -> tuple:
    """The engine's order for one ``Result`` (the app sorts the results it holds with it)."""
    return _key(result, order, fold(result.name))


def _key(result, order: str, name: str) -> tuple:
    group = GROUPS.index(result.group) if result.group in GROUPS else 0
    distance = np.inf if result.virtual or result.distance_km is None else result.distance_km
    if order == "trip":
        minutes = result.trip["minutes"] if result.trip else np.inf
        return (group, minutes, distance, name, result.id)
    code = indicator_of(order)
    if code is not None:
        value = (result.indicator or {}).get("status")
        key = np.inf if value is None else (-value if _higher_is_better(code) else value)
        return (group, key, distance, result.id)
    if order == "name":
        return (group, name, result.id)
    return (group, distance, name, result.id)

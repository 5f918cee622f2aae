"""The app's re-sort (navigator.search.order) and the engine order schools by the same rules."""

from __future__ import annotations

import random
from datetime import date

import pytest

from navigator.catalogue.pack import open_pack
from navigator.resources import demo_pack
from navigator.search.engine import SearchEngine
from navigator.search.location import home_from_zip
from navigator.search.order import result_key
from navigator.search.query import Query


@pytest.fixture(scope="module")
def engine():
    with open_pack(demo_pack()) as pack:
        yield SearchEngine(pack)


@pytest.mark.parametrize("order", ["distance", "name", "trip", "indicator:ela", "indicator:math"])
def test_resorting_the_results_gives_the_engines_order(engine: SearchEngine, order: str) -> None:
    home = home_from_zip(engine.pack, "00104")
    query = Query(home=home, order=order, on_date=date(2026, 11, 24))
    ids = [r.id for r in engine.search(query).results]
    for seed in range(3):
        shuffled = list(engine.search(query).results)
        random.Random(seed).shuffle(shuffled)
        # distance ties keep the order they came in: the engine's, by id
        shuffled.sort(key=lambda r: r.id)
        assert [r.id for r in sorted(shuffled, key=result_key(order))] == ids

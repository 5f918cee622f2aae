"""The street map of a real city in the running app: the West Los Angeles pack (the 2018
directory's schools there, the West LA street file of ../shared as its street map).  The self-test
draws its tiles; at street zoom the main streets are named, and no two names overlap, at normal
and at the largest text."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_map_view import js

from navigator.gui.selftest import dispose, self_test_report, wait_until

WESTWOOD = (34.0592, -118.4432)  # Wilshire Boulevard crossing Westwood Boulevard
BEVERLY_HILLS = (34.0700, -118.4000)

# What the labeller placed at the map's zoom: how many labels, and how many pairs of them overlap
# (each label is a row of boxes along its line; protomaps-leaflet keeps them in an R-tree).
LABEL_OVERLAPS = """(function () {
  var layer = null;
  navigatorMap.map.eachLayer(function (l) { if (l.labelers) layer = l; });
  var index = layer && layer.labelers.getIndex(navigatorMap.map.getZoom());
  if (!index) return null;
  var byLabel = new Map();
  index.tree.all().forEach(function (b) {
    if (!byLabel.has(b.indexedLabel)) byLabel.set(b.indexedLabel, []);
    byLabel.get(b.indexedLabel).push(b);
  });
  var labels = Array.from(byLabel.values()), overlaps = 0;
  function hit(a, b) { return a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY; }
  for (var i = 0; i < labels.length; i++)
    for (var j = i + 1; j < labels.length; j++)
      if (labels[i].some(function (a) {
        return labels[j].some(function (b) { return hit(a, b); }); })) overlaps++;
  return { labels: labels.length, overlaps: overlaps };
})()"""


def test_the_self_test_draws_the_west_la_street_map(west_la_pack: Path) -> None:
    report = self_test_report(west_la_pack)
    assert report["ok"], report
    assert report["basemap"]["layers"] == ["freeways", "streets"]
    assert report["basemap_tiles"] >= 4 and report["network_requests"] == 0


@pytest.fixture(scope="module")
def west_la_window(west_la_pack: Path):
    from navigator.gui.app import create_window

    _app, _state, window = create_window(west_la_pack, offscreen=True)
    window.resize(1366, 768)
    window.show()
    assert wait_until(lambda: window.map_view.is_ready, 30), "the map never loaded"
    window.go("home")
    yield window
    window.appearance.zoom(-10)
    window.state.operations.wait()
    dispose(window)


def colour_share(image, colours: dict[str, tuple[int, int, int]], step: int = 3) -> dict[str, float]:
    """The share of the picture's pixels (one in ``step`` each way) near each colour."""
    counts = dict.fromkeys(colours, 0)
    total = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            c = image.pixelColor(x, y)
            total += 1
            for name, (r, g, b) in colours.items():
                if abs(c.red() - r) + abs(c.green() - g) + abs(c.blue() - b) < 24:
                    counts[name] += 1
    return {name: n / total for name, n in counts.items()}


def labels_at(window, lat: float, lon: float, zoom: int) -> dict:
    view = window.map_view
    view.set_view(lat, lon, zoom)
    wait_until(lambda: False, 0.5)
    # Tiles arrive and are labelled one by one: wait until the labels stop changing.
    seen: list = []

    def settled() -> bool:
        seen.append(js(view, LABEL_OVERLAPS))
        return len(seen) > 2 and seen[-1] == seen[-2] == seen[-3] and bool(seen[-1]["labels"])
    assert wait_until(settled, 20), seen[-3:]
    return {"drawn": {item["text"] for item in js(view, "navigatorMap.basemapLabels()")}, **seen[-1]}


def test_main_streets_are_named_first_and_no_names_overlap(west_la_window) -> None:
    window = west_la_window
    town = labels_at(window, *BEVERLY_HILLS, 13)  # the west side: main streets' names only
    assert town["drawn"] & {"Santa Monica Boulevard", "Wilshire Boulevard"}, town
    assert all(name.endswith(("Boulevard", "Freeway")) for name in town["drawn"]), town
    block = labels_at(window, *WESTWOOD, 16)  # the family's blocks: every street named
    # (which of two crossing main streets is named first depends on the order tiles arrive in)
    assert "Wilshire Boulevard" in block["drawn"] or "Westwood Boulevard" in block["drawn"], block
    assert any(name.endswith("Avenue") for name in block["drawn"])
    assert block["labels"] >= 8 and block["overlaps"] == 0, block
    # On the screen: the main streets' yellow and the names' dark grey (BASEMAP_STYLES in map-streets.js).
    shown = colour_share(window.map_view.grab().toImage(), {"major": (0xFB, 0xE9, 0xA6),
                                                            "label": (0x39, 0x42, 0x4E)})
    assert shown["major"] > 0.02 and shown["label"] > 0.002, shown
    window.appearance.zoom(10)  # the largest text: names grow, still apart
    try:
        assert wait_until(lambda: js(window.map_view, "navigatorMap.basemapStyle().scale") >= 1.9, 5)
        large = labels_at(window, *WESTWOOD, 16)
        assert {"Wilshire Boulevard", "Westwood Boulevard"} & large["drawn"], large
        assert large["overlaps"] == 0 and 3 <= large["labels"] < block["labels"], large
    finally:
        window.appearance.zoom(-10)

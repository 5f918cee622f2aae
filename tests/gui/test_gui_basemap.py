"""The street map in the running app (demo pack, one window for the module): its tiles come from
the pack through the navigator-tiles: scheme and nothing reaches the network; its labels follow
the family's language; high contrast and text size restyle it; the key folds away; the home never
hides a school.  What the page drew is read from the page itself."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from demo import LAS_FLORES
from test_map_view import js, run

from navigator.gui.selftest import wait_until
from navigator.gui.tile_scheme import SCHEME
from navigator.gui.web_guard import LOCAL_SCHEMES
from navigator.search.query import Home

CIVIC_CENTRE = (34.0978, -118.1138)  # City Hall, beside the library and Pine Street
LAS_FLORES_AT = (34.0848, -118.1372)

# The colour most of the tiles' pixels have: the land under the streets.
LAND_COLOUR = """(function () {
  var counts = {};
  document.querySelectorAll('.leaflet-tile-pane canvas.leaflet-tile').forEach(function (c) {
    if (!c.width) return;
    var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (var i = 0; i < d.length; i += 4 * 31) {
      var k = '#' + [d[i], d[i + 1], d[i + 2]].map(function (v) {
        return (256 + v).toString(16).slice(1); }).join('');
      counts[k] = (counts[k] || 0) + 1;
    }
  });
  var best = null;
  for (var k in counts) if (best === null || counts[k] > counts[best]) best = k;
  return best;
})()"""


def eventually(check, timeout_s: float = 10.0) -> bool:
    """Poll ``check`` (which may itself ask the page, so it runs outside any waiting loop)."""
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        if check():
            return True
        wait_until(lambda: False, 0.15)
    return bool(check())


def labels(view) -> dict[str, str]:
    """Label text -> the property it was read from, for every label the page drew."""
    return {item["text"]: item["key"] for item in js(view, "navigatorMap.basemapLabels()")}


def show_results(window) -> None:
    """The results page, after it has drawn its schools and zoomed to them (a moment after)."""
    window.go("results")
    wait_until(lambda: False, 0.45)


def at_civic_centre(window) -> None:
    window.map_view.set_view(*CIVIC_CENTRE, 16)


def tiles_settled(view) -> None:
    """Until no tile has been served for a second: a tile asked for by the view before (the
    screen the last test left, framed anew when it was shown) is not counted as this test's.  (A
    second, not less: with the other test process drawing its own map on the same two cores, a
    burst of tiles can pause for longer than a frame or two.)"""
    last = -1
    while view.tiles.served != last:
        last = view.tiles.served
        wait_until(lambda: False, 1.0)


def test_tiles_come_from_the_pack_and_nothing_else(rosa):
    window = rosa
    view = window.map_view
    tiles_settled(view)
    served = view.tiles.served
    seen = len(view.guard.seen)
    show_results(window)
    at_civic_centre(window)
    assert wait_until(lambda: view.tiles.served > served + 2, 30), "the page loaded no tiles"
    assert window.map_sync.basemap is not None
    requests = view.guard.seen[seen:]
    tiles = [url for url in requests if url.startswith(f"{SCHEME}:///")]
    assert len(tiles) >= view.tiles.served - served  # every tile went through the guard too
    assert {urlsplit(url).scheme for url in requests} <= LOCAL_SCHEMES | {SCHEME}
    assert view.guard.blocked == [] and view.tiles.refused == 0
    assert view.page().errors() == []


def test_labels_follow_the_family_language(rosa):
    window = rosa
    view = window.map_view
    show_results(window)
    at_civic_centre(window)
    for lang, library, city_hall in (
            ("es", "Biblioteca Pública de Valle Verde", "Alcaldía"),
            ("ko", "발레 베르데 공공 도서관", "시청"),
            ("zh_Hant", "Valle Verde 公共圖書館", "市政廳"),
            ("en", "Valle Verde Public Library", "City Hall")):
        window.state.set_language(lang)
        wait_until(lambda: False, 0.4)  # the list keeps its selected school in view: look again
        at_civic_centre(window)
        assert eventually(lambda city_hall=city_hall: city_hall in labels(view), 10), (lang, labels(view))
        drawn = labels(view)
        assert library in drawn, (lang, drawn)
        assert drawn[city_hall] == ("name" if lang == "en" else f"name:{lang.replace('_', '-')}")
        # Streets keep the names on their signs, whatever the language.
        assert drawn.get("Pine Street") == "name", (lang, drawn)
        assert not {"Alcaldía", "시청", "市政廳", "City Hall"} - {city_hall} & set(drawn)
    # The map says where it comes from in the family's language too.
    window.state.set_language("es")
    assert eventually(lambda: "Calles, parques" in js(
        view, "document.querySelector('.nv-basemap-note').textContent"), 10)
    window.state.set_language("en")


def test_high_contrast_and_text_size_restyle_the_street_map(rosa):
    window = rosa
    view = window.map_view
    show_results(window)
    at_civic_centre(window)
    assert eventually(lambda: js(view, LAND_COLOUR) == "#eaece5", 10), js(view, LAND_COLOUR)
    window.appearance.set_high_contrast(True)
    try:
        assert eventually(lambda: js(view, LAND_COLOUR) == "#ffffff", 10), js(view, LAND_COLOUR)
        assert js(view, "navigatorMap.basemapStyle().contrast") is True
        assert js(view, "document.body.classList.contains('nv-contrast')") is True
    finally:
        window.appearance.set_high_contrast(False)
    assert eventually(lambda: js(view, LAND_COLOUR) == "#eaece5", 10)
    window.appearance.zoom(2)
    try:
        assert eventually(lambda: js(view, "navigatorMap.basemapStyle().scale") == 1.3, 5)
        size = js(view, "parseFloat(getComputedStyle(document.querySelector('.nv-legend-title')).fontSize)")
        assert abs(size - 16 * 1.3) < 0.2  # the key and popups grow with the app's text too
    finally:
        window.appearance.zoom(0)


def test_the_key_folds_away_for_the_session(rosa):
    window = rosa
    view = window.map_view
    show_results(window)
    run(view, "navigatorMap.setLegendFolded(false)")
    toggle = "document.querySelector('.nv-legend-toggle')"
    assert js(view, f"{toggle}.getBoundingClientRect().height") >= 44  # a finger-sized button
    assert js(view, f"{toggle}.getAttribute('aria-expanded')") == "true"
    assert js(view, "document.querySelector('.nv-legend-list').hidden") is False
    open_height = js(view, "document.querySelector('.nv-legend').getBoundingClientRect().height")
    run(view, f"{toggle}.click()")
    assert js(view, "navigatorMap.legendFolded()") is True
    assert js(view, "document.querySelector('.nv-legend-list').hidden") is True
    assert js(view, f"{toggle}.getAttribute('aria-expanded')") == "false"
    folded_height = js(view, "document.querySelector('.nv-legend').getBoundingClientRect().height")
    assert folded_height < open_height / 2 and folded_height < 60
    assert wait_until(lambda: "legend" in view._state, 5)  # remembered (replayed after a reload)
    window.go("home")
    window.go("results")
    assert js(view, "navigatorMap.legendFolded()") is True
    window.state.start_over()  # the next family starts from the default again
    assert wait_until(lambda: "legend" not in view._state, 5)
    assert js(view, "navigatorMap.legendFolded()") == js(
        view, "navigatorMap.map.getSize().x < 700 || navigatorMap.map.getSize().y < 500")


def test_the_home_never_hides_the_zoned_school(rosa, qtbot):
    window = rosa
    state = window.state
    view = window.map_view
    with qtbot.waitSignal(state.results_ready, timeout=10000):
        state.set_home(Home(*LAS_FLORES_AT, "point", "test", "test"))  # the family lives at the school
    show_results(window)
    view.set_view(*LAS_FLORES_AT, 17)
    marker = f"document.querySelector('[data-school-id=\"{LAS_FLORES}\"]')"
    assert eventually(lambda: js(view, f"!!{marker}"), 10)
    assert js(view, f"{marker}.classList.contains('nv-state-zoned')")
    assert eventually(lambda: js(view, "navigatorMap.homeLifted()"), 5)
    # Tapping the school's centre reaches the school, and the house above it reaches the home.
    hit_school = js(view, f"""(function () {{ var r = {marker}.getBoundingClientRect();
        var hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        var school = hit && hit.closest('[data-school-id]');
        return school ? school.dataset.schoolId : null; }})()""")
    assert hit_school == LAS_FLORES
    hit_home = js(view, """(function () {
        var r = document.querySelector('.nv-home .nv-home-shape').getBoundingClientRect();
        var hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return !!(hit && hit.closest('.nv-home')); })()""")
    assert hit_home is True
    # Away from every school, the house sits on its spot again.
    with qtbot.waitSignal(state.results_ready, timeout=10000):
        state.set_home(Home(34.0790, -118.1250, "point", "test", "test"))
    view.set_view(34.0790, -118.1250, 17)
    assert eventually(lambda: not js(view, "navigatorMap.homeLifted()"), 5)

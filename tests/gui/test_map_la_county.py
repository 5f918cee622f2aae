"""The map on a real city: the Los Angeles County pack (2,300 schools, 13,000 stops, LA Metro rail
and fifteen municipal operators; tests/la_county.py builds it from ../shared, and these tests are
skipped with the reason when it is absent).  A family in Koreatown looks for a kindergarten within
a mile and a half, on a 1366 x 768 kiosk screen.

Done when: a tap where a school and a stop overlap is the school's; *Schools* opens framing the
home and the schools the list shows, and no more than a few miles around them, and follows the
list; only the lines serving the home's and the listed schools' stops are drawn, each named with
its operator; a group of schools opens into their names; without a street map, place names and
the trains give the bearings.
"""

from __future__ import annotations

import json
import math

import pytest

from navigator.search.query import Home

HOME = Home(34.0617, -118.3090, "point", "Wilshire and Western", "Wilshire and Western")
MILES = 1609.344


def js(view, script):
    from navigator.gui.selftest import wait_until

    box: list = []
    # As JSON: the page's arrays of id strings do not always come back through Qt's conversion.
    view.evaluate(f"JSON.stringify({script})", box.append)
    assert wait_until(lambda: bool(box), 10), f"no answer from the page: {script}"
    return None if box[0] in (None, "", "undefined") else json.loads(box[0])


def settle(ms: int = 400) -> None:
    from navigator.gui.selftest import wait_until

    wait_until(lambda: False, ms / 1000)


@pytest.fixture(scope="module")
def la(qapp, la_county_pack):
    """The app on the LA County pack at 1366 x 768, the family's results on *Schools*."""
    from app_window import close_app_window, open_app_window

    from navigator.gui.selftest import wait_until

    window = open_app_window((1366, 768), pack=la_county_pack)
    state = window.state
    answers: list = []
    state.results_ready.connect(answers.append)
    state.grade = 0
    state.update_filters(within_km=1.5 * MILES / 1000)
    state.set_home(HOME)
    assert wait_until(lambda: answers and state.results is not None
                      and state.results.count > 0, 30), "no results"
    state.operations.wait()
    window.go("results")
    view = window.map_view
    assert wait_until(lambda: len(js(view, "navigatorMap.listedIds()")) >= 3, 10), "nothing listed"
    settle()
    yield window
    state.results_ready.disconnect(answers.append)
    close_app_window(window)


def km_between(a, b) -> float:
    from navigator.geo import haversine_m

    return haversine_m(a[0], a[1], b[0], b[1]) / 1000


def view_bounds(view) -> tuple[float, float, float, float]:
    b = js(view, "(function () { var b = navigatorMap.map.getBounds();"
                 " return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; })()")
    return tuple(b)


def listed_points(window) -> dict[str, tuple[float, float]]:
    results = {r.id: (r.latitude, r.longitude) for r in window.state.results.results}
    return {i: results[i] for i in js(window.map_view, "navigatorMap.listedIds()")}


def test_schools_opens_on_the_home_and_the_schools_the_list_shows(la):
    view = la.map_view
    results = la.state.results
    listed = listed_points(la)
    on_screen = la.pages["results"].list_view.shown_ids()
    assert list(listed) == on_screen  # the list's rows on screen, in its order
    assert 3 <= len(listed) < results.count  # the first page, not all 2,300 (nor all the results)
    south, west, north, east = view_bounds(view)
    for lat, lon in [*listed.values(), (HOME.latitude, HOME.longitude)]:
        assert south <= lat <= north and west <= lon <= east
    # No more than a few miles around them: the view's corners are within 3 miles of the box that
    # holds the home and the listed schools.
    lats = [p[0] for p in listed.values()] + [HOME.latitude]
    lons = [p[1] for p in listed.values()] + [HOME.longitude]
    assert km_between((south, west), (min(lats), min(lons))) < 3 * MILES / 1000
    assert km_between((north, east), (max(lats), max(lons))) < 3 * MILES / 1000
    # each listed school is named beside its marker, out of the clusters
    named = js(view, "Array.from(document.querySelectorAll('.nv-school-name')).map(n => n.textContent)")
    names = {r.id: r.name for r in results.results}
    assert sorted(named) == sorted(names[i] for i in listed)


def test_the_map_follows_the_list_as_it_scrolls(la):
    from navigator.gui.selftest import wait_until

    view = la.map_view
    page = la.pages["results"]
    first = js(view, "navigatorMap.listedIds()")
    bar = page.list_view.verticalScrollBar()
    bar.setValue(bar.maximum() // 3)
    assert wait_until(lambda: js(view, "navigatorMap.listedIds()") != first, 5)
    settle()
    listed = listed_points(la)
    on_map = set(js(view, "navigatorMap.schoolIds()"))  # online schools have no place on it
    assert listed and list(listed) == [i for i in page.list_view.shown_ids() if i in on_map]
    south, west, north, east = view_bounds(view)
    for lat, lon in listed.values():
        assert south <= lat <= north and west <= lon <= east
    bar.setValue(0)
    assert wait_until(lambda: js(view, "navigatorMap.listedIds()") == first, 5)


def test_only_the_lines_near_the_family_are_drawn_each_named_with_its_operator(la):
    from navigator.catalogue.line_names import operator_name

    view = la.map_view
    pack = la.state.pack
    listed = js(view, "navigatorMap.listedIds()")
    expected = pack.lines_near(HOME.latitude, HOME.longitude, pack.region.walk_radius_m) \
        | pack.school_lines(listed)
    assert expected  # Koreatown: the Metro D and B lines stop at Wilshire/Western
    drawn = js(view, "navigatorMap.drawnLines()")
    served = {d["id"] for d in drawn if not d["bearing"]}
    assert served == expected
    all_lines = {row[0] for row in pack.lines()}
    assert len(served) < len(all_lines) / 3  # not 43 lines everywhere
    titles = pack.line_titles()
    agencies = {line_id: agency for line_id, agency in pack.conn.execute("SELECT id, agency FROM lines")}
    for line in drawn:
        assert line["name"] == titles[line["id"]]
        assert operator_name(agencies[line["id"]]) in line["name"]  # "Metro D Line (Purple)"
    # never colour alone: each drawn line has its own dash pattern or is named (both, here)
    key = js(view, "Array.from(document.querySelectorAll('.nv-legend-row[data-key=\"line\"]'))"
                   ".map(r => r.textContent)")
    assert sorted(key) == sorted(d["name"] for d in drawn)
    patterns = [d["dash"] for d in drawn if not d["bearing"]]
    assert len(set(patterns)) == min(len(patterns), 6)
    # the rest on request, in the key
    js(view, "document.querySelector('.nv-legend-row[data-key=\"all-lines\"] button').click()")
    every = {d["id"] for d in js(view, "navigatorMap.drawnLines()")}
    assert every == {f for f in all_lines if f in set(titles)} & every and len(every) > len(served)
    js(view, "document.querySelector('.nv-legend-row[data-key=\"all-lines\"] button').click()")
    assert {d["id"] for d in js(view, "navigatorMap.drawnLines()") if not d["bearing"]} == served


def test_a_school_marker_takes_the_tap_where_a_school_and_a_stop_overlap(la):
    """At street zoom the stops are drawn; where one stands on a school, the school is on top."""
    view = la.map_view
    pack = la.state.pack
    results = {r.id: r for r in la.state.results.results}
    overlaps = pack.conn.execute(
        "SELECT ss.school_id, s.latitude, s.longitude, ss.distance_m FROM school_stops ss "
        "JOIN stops s ON s.id = ss.stop_id ORDER BY ss.distance_m").fetchall()
    school_id, stop_lat, stop_lon, metres = next(row for row in overlaps if row[0] in results)
    school = results[school_id]
    assert metres < 80, "no school of the results with a stop close enough to overlap at street zoom"
    js(view, f"void navigatorMap.map.setView([{school.latitude}, {school.longitude}], 15,"
             " {animate: false})")
    settle(600)
    assert js(view, "document.querySelectorAll('.leaflet-nv-stops-pane canvas').length") == 1  # stops drawn
    stop_at = js(view, f"navigatorMap.map.latLngToContainerPoint([{stop_lat}, {stop_lon}])")
    school_at = js(view, "navigatorMap.map.latLngToContainerPoint("
                         f"[{school.latitude}, {school.longitude}])")
    assert math.dist((stop_at["x"], stop_at["y"]), (school_at["x"], school_at["y"])) < 19  # they overlap
    # a tap on the stop's ring, where it lies under the school's marker (or its group), is the school's
    hit = js(view, f"(function () {{ var n = document.elementFromPoint({stop_at['x']}, {stop_at['y']});"
                   f" var icon = n && n.closest('.leaflet-marker-icon');"
                   f" return !!icon && icon === navigatorMap.shownAs('{school_id}'); }})()")
    assert hit is True
    # the school's pane is above every transit pane
    z = js(view, "['nv-transit', 'nv-stops', 'nv-trip', 'nv-schools']"
                 ".map(p => +navigatorMap.map.getPane(p).style.zIndex)")
    assert z[3] > max(z[:3])
    la.pages["results"]._show_listed(frame=True)
    settle()


def test_a_group_of_schools_opens_into_their_names(la):
    from navigator.gui.selftest import wait_until

    view = la.map_view
    js(view, f"void navigatorMap.map.setView([{HOME.latitude}, {HOME.longitude}], 13, {{animate: false}})")
    settle(600)
    count = js(view, "(function () { var c = Array.from(document.querySelectorAll('.nv-cluster'))"
                     ".find(n => +n.textContent <= 12 && n.getBoundingClientRect().width > 0);"
                     " if (!c) return 0; c.dispatchEvent(new MouseEvent('click', {bubbles: true}));"
                     " return +c.textContent.match(/\\d+/)[0]; })()")
    assert count >= 2, "no small group of schools in view"
    assert wait_until(lambda: js(view, "document.querySelectorAll('.nv-cluster-school').length") == count, 3)
    names = set(js(view, "Array.from(document.querySelectorAll('.nv-cluster-school'))"
                         ".map(b => b.textContent)"))
    known = {r.name for r in la.state.results.results}
    assert {n.split(" · ")[0] for n in names} <= known
    js(view, "void navigatorMap.map.closePopup()")
    la.pages["results"]._show_listed(frame=True)
    settle()


def test_without_a_street_map_places_and_trains_give_the_bearings(la):
    view = la.map_view
    assert js(view, "document.querySelector('.nv-basemap-can-add') !== null")
    js(view, "void navigatorMap.map.setView([34.05, -118.25], 10, {animate: false})")
    settle(600)
    shown = js(view, "navigatorMap.shownLabels()")
    # the towns of the schools' addresses (a name that would cover a marker, a name already shown or
    # the map's own buttons and notes is left out)
    towns = {name for name, _lat, _lon in la.state.pack.place_names()}
    assert len(set(shown) & towns) >= 10 and "Alhambra" in shown and not any(", CA" in s for s in shown)
    bearings = [d for d in js(view, "navigatorMap.drawnLines()") if d["bearing"]]
    assert bearings and all(d["mode"] == "rail" for d in bearings)
    la.pages["results"]._show_listed(frame=True)
    settle()


def test_where_you_live_frames_the_homes_streets(la):
    """Whatever another screen framed (here the county at zoom 10), *Where you live* shows the
    home's neighbourhood: a few blocks each way, its stops drawn."""
    from navigator.gui.map_sync import HOME_ZOOM
    from navigator.gui.selftest import wait_until

    view = la.map_view
    js(view, "void navigatorMap.map.setView([34.05, -118.25], 10, {animate: false})")
    la.go("home")
    assert wait_until(lambda: js(view, "navigatorMap.map.getZoom()") == HOME_ZOOM, 5)
    centre = js(view, "navigatorMap.map.getCenter()")
    assert km_between((centre["lat"], centre["lng"]), (HOME.latitude, HOME.longitude)) < 0.3
    south, west, north, east = view_bounds(view)
    assert km_between((south, west), (north, east)) < 4  # blocks, not the basin
    settle(600)
    assert js(view, "document.querySelectorAll('.leaflet-nv-stops-pane canvas').length") == 1
    la.go("results")
    settle()

"""The offline map, in a real QtWebEngine page (offscreen): it loads once, fetches only local files, shows
pack text as text, and talks to Python both ways over QWebChannel.

One view is shared by the whole module (starting Chromium is the slow part); tests run in file order.
"""

from __future__ import annotations

import json
import os
import re
from urllib.parse import urlsplit

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt  # noqa: E402
from PySide6.QtWebEngineCore import QWebEnginePage  # noqa: E402

from navigator.gui.map_view import MapView, leaflet_files, page_html  # noqa: E402
from navigator.gui.selftest import wait_until  # noqa: E402
from navigator.gui.web_guard import LOCAL_SCHEMES  # noqa: E402
from navigator.resources import resources_dir  # noqa: E402

HOSTILE = "<img src=x onerror=alert(1)>"


def school(sid: str, name: str, lon: float, lat: float, state: str = "match", label: str = "0.8 mi · K-5"):
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {"id": sid, "name": name, "label": label, "state": state},
    }


THREE = [
    school("a", "Alvarado Elementary", -118.300, 34.040, "zoned"),
    school("b", "Westlake Charter", -118.250, 34.070, "match"),
    school("c", "Hoover Street", -118.200, 34.100, "partial"),
]




def js(view: MapView, expression: str, timeout_s: float = 10):
    """The value of a JavaScript expression in the page (after every call queued before it has run)."""
    box: list = []
    view.evaluate(f"JSON.stringify({expression}) || 'null'", box.append)
    assert wait_until(lambda: bool(box), timeout_s), f"no answer from the page for {expression!r}"
    return json.loads(box[0])


def run(view: MapView, statements: str) -> None:
    """Run statements in the page and wait until they have run."""
    box: list = []
    view.evaluate(f"{statements}; 1", box.append)
    assert wait_until(lambda: bool(box)), f"the page did not run {statements!r}"


def fire(view: MapView, statements: str) -> None:
    """Run statements in the page without waiting (their value is dropped: a Leaflet object returned by
    the last statement would be slow to convert)."""
    view.evaluate(f"{statements}; 0", lambda _result: None)


def _delete(obj) -> None:
    obj.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.fixture(scope="module")
def view(qapp):
    v = MapView()
    v.resize(900, 600)
    v.show()
    readies: list[bool] = []
    v.ready.connect(lambda: readies.append(True))
    # Made before the page is up: these must be queued and applied once it is.
    v.set_texts({"legend_title": "Queued key"})
    v.set_schools(THREE[:2], fit_bounds=True)
    v.readies = readies
    assert wait_until(lambda: v.is_ready, 30), "the map page never reported ready"
    yield v
    v.close()
    _delete(v)


def test_page_files_are_in_resources_and_the_page_loads_every_script_in_order():
    from navigator.gui.map_template import APP_SCRIPTS

    folder = resources_dir() / "map"
    for name in ("map.html", "map.css", *APP_SCRIPTS):
        assert (folder / name).is_file()
    # A script beside the page that the page never loads is a layer that silently went missing.
    assert sorted(path.name for path in folder.glob("*.js")) == sorted(APP_SCRIPTS)
    assert re.findall(r'<script src="(map-[a-z]+\.js)"', page_html()) == list(APP_SCRIPTS)
    assert APP_SCRIPTS[0] == "map-base.js" and APP_SCRIPTS[-1] == "map-api.js"  # it sets up; it starts


def test_kept_page_matches_a_fresh_folium_rendering():
    from navigator.gui.map_template import page_path, render

    assert page_path().read_text(encoding="utf-8") == render(), (
        "resources/map/page.html is stale: run python -m navigator.gui.map_template")


def test_app_never_imports_folium():
    import subprocess
    import sys

    code = ("import sys; from navigator.gui.map_view import page_html; page_html(); "
            "print(sorted(m for m in ('folium', 'pandas', 'requests') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_page_is_built_by_folium_without_network_links():
    html = page_html()
    assert "L.map(" in html  # folium's map
    assert "http://" not in html and "https://" not in html
    assert "Content-Security-Policy" in html and "connect-src navigator-tiles:;" in html  # tiles only
    for absent in ("jquery", "bootstrap", "fontawesome", "awesome-markers"):
        assert absent not in html.lower()


def test_page_loads_once_and_reports_ready(view):
    assert view.readies == [True]
    assert view.load_count == 1
    assert view.page().errors() == []  # every part of the page loaded and ran
    assert js(view, "typeof L === 'object' && typeof L.markerClusterGroup === 'function'") is True


def test_calls_made_before_ready_were_applied(view):
    assert js(view, "navigatorMap.schoolCount()") == 2
    assert js(view, "document.querySelector('.nv-legend-title').textContent") == "Queued key"


def test_every_request_is_local_and_leaflet_came_from_xstatic(view):
    seen = list(view.guard.seen)
    assert seen, "the guard saw no request at all"
    schemes = {urlsplit(url).scheme for url in seen}
    assert schemes <= LOCAL_SCHEMES | {"navigator-tiles"}, schemes  # the street map's own scheme
    assert view.guard.blocked == []
    leaflet_js = leaflet_files()["leaflet_js"].as_uri()
    assert leaflet_js in seen
    assert "qrc:///qtwebchannel/qwebchannel.js" in seen


def test_the_profile_is_private(view):
    profile = view.page().profile()
    assert profile.isOffTheRecord()
    assert profile.httpCacheType() != profile.HttpCacheType.DiskHttpCache


def test_guard_blocks_a_network_request(view, qapp):
    # A page on the same profile, without the map's CSP: only the guard stands in the way.
    page = QWebEnginePage(view.page().profile())
    url = "http://127.0.0.1:9/never.png"
    page.setHtml(f'<img src="{url}">')
    try:
        assert wait_until(lambda: url in view.guard.blocked), view.guard.seen[-3:]
    finally:
        _delete(page)


def test_set_schools_draws_three_markers(view):
    view.set_schools(THREE, fit_bounds=True)
    assert js(view, "navigatorMap.schoolCount()") == 3
    assert js(view, "navigatorMap.schoolIds().sort()") == ["a", "b", "c"]
    # Same look whatever the sector; the state changes the class, and it carries an accessible name.
    label = js(view, "document.querySelector('[data-school-id=\"b\"]').getAttribute('aria-label')")
    assert label.startswith("Westlake Charter, 0.8 mi · K-5")


def test_hostile_name_is_shown_as_text_and_runs_nothing(view):
    view.set_schools([*THREE, school("evil", HOSTILE, -118.26, 34.06)], fit_bounds=True)
    assert js(view, "navigatorMap.schoolCount()") == 4
    run(view, "navigatorMap.markerFor('evil').openTooltip()")
    assert js(view, "document.querySelector('.leaflet-tooltip .nv-card-name').textContent") == HOSTILE
    run(view, "navigatorMap.markerFor('evil').openPopup()")
    assert js(view, "document.querySelector('.leaflet-popup-content .nv-card-name').textContent") == HOSTILE
    label = js(view, "document.querySelector('.leaflet-popup-content .nv-card-label').textContent")
    assert label == "0.8 mi · K-5"
    assert js(view, "document.querySelectorAll('img[src=\"x\"], .leaflet-pane img').length") == 0
    aria = js(view, "document.querySelector('[data-school-id=\"evil\"]').getAttribute('aria-label')")
    assert aria.startswith(HOSTILE)
    wait_until(lambda: False, 0.3)  # give a would-be onerror a chance to fire
    assert view.page().dialogs == []
    assert view.page().errors() == []
    assert js(view, "navigatorMap.errors.length") == 0
    assert not any(url.endswith("/x") for url in view.guard.seen)
    run(view, "navigatorMap.map.closePopup()")


def test_clicking_a_marker_emits_school_clicked(view, qtbot):
    view.set_schools(THREE, fit_bounds=True)
    assert js(view, "navigatorMap.schoolCount()") == 3
    with qtbot.waitSignal(view.school_clicked, timeout=5000) as blocker:
        fire(view, "document.querySelector('[data-school-id=\"b\"]').click()")
    assert blocker.args == ["b"]
    with qtbot.waitSignal(view.school_clicked, timeout=5000) as blocker:
        fire(view, "navigatorMap.markerFor('c').fire('click')")
    assert blocker.args == ["c"]
    run(view, "navigatorMap.map.closePopup()")


def test_enter_on_a_focused_marker_emits_school_clicked(view, qtbot):
    run(view, "document.querySelector('[data-school-id=\"a\"]').focus()")
    assert js(view, "document.activeElement.getAttribute('data-school-id')") == "a"
    with qtbot.waitSignal(view.school_clicked, timeout=5000) as blocker:
        qtbot.keyClick(view.focusProxy() or view, Qt.Key.Key_Return)
    assert blocker.args == ["a"]
    run(view, "navigatorMap.map.closePopup(); document.activeElement.blur()")


def test_hovering_a_marker_emits_school_hovered(view, qtbot):
    with qtbot.waitSignal(view.school_hovered, timeout=5000) as blocker:
        fire(view, "navigatorMap.markerFor('a').fire('mouseover')")
    assert blocker.args == ["a"]
    with qtbot.waitSignal(view.school_hovered, timeout=5000) as blocker:
        fire(view, "navigatorMap.markerFor('a').fire('mouseout')")
    assert blocker.args == [""]


def test_clicking_the_map_emits_map_clicked(view, qtbot):
    # A real mouse click on an empty spot (top-right area, away from markers and controls).
    x, y = view.width() - 200, 150
    expected = js(view, f"(function () {{ var p = navigatorMap.map.containerPointToLatLng([{x}, {y}]);"
                        " return [p.lat, p.lng]; })()")
    target = view.focusProxy() or view
    with qtbot.waitSignal(view.map_clicked, timeout=5000) as blocker:
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=QPoint(x, y))
    lat, lon = blocker.args
    assert lat == pytest.approx(expected[0], abs=1e-3)
    assert lon == pytest.approx(expected[1], abs=1e-3)
    # And a click fired from script, with a known place.
    with qtbot.waitSignal(view.map_clicked, timeout=5000) as blocker:
        fire(view, "navigatorMap.map.fire('click', {latlng: L.latLng(34.05, -118.25)})")
    assert blocker.args == [pytest.approx(34.05), pytest.approx(-118.25)]


def test_home_transit_boundaries_and_highlight(view):
    view.set_home(34.06, -118.26, radius_m=1600)
    view.set_transit(
        {"type": "FeatureCollection", "features": [
            {"type": "Feature",
             "properties": {"line": "B", "name": "B Line", "mode": "subway", "color": "E3131B"},
             "geometry": {"type": "LineString", "coordinates": [[-118.30, 34.05], [-118.20, 34.08]]}},
        ]},
        [{"id": "s1", "name": "Westlake / MacArthur Park", "latitude": 34.056, "longitude": -118.276,
          "lines": [{"name": "B", "color": "E3131B"}]}],
    )
    view.set_boundaries([{"type": "Polygon", "coordinates": [[
        [-118.29, 34.05], [-118.25, 34.05], [-118.25, 34.08], [-118.29, 34.05]]]}])
    view.highlight("a")
    assert js(view, "document.querySelectorAll('.leaflet-nv-schools-pane .nv-home').length") == 1
    assert js(view, "document.querySelectorAll('.leaflet-nv-transit-pane path').length") == 2  # casing + line
    assert js(view, "document.querySelector('.leaflet-nv-transit-pane path:last-child')"
                    ".getAttribute('stroke')") == "#E3131B"
    assert js(view, "document.querySelectorAll('.leaflet-nv-stops-pane path').length") == 1
    assert js(view, "document.querySelectorAll('.leaflet-nv-zones-pane path').length") == 1
    assert js(view, "navigatorMap.highlighted()") == "a"
    assert js(view, "document.querySelector('[data-school-id=\"a\"]').classList.contains('nv-highlight')")
    keys = js(view, "Array.from(document.querySelectorAll('.nv-legend-row')).map(r => r.dataset.key)")
    assert {"home", "line", "stop", "zone"} <= set(keys)
    view.clear_home()
    view.highlight(None)
    assert js(view, "document.querySelectorAll('.leaflet-nv-schools-pane .nv-home').length") == 0
    assert js(view, "document.querySelectorAll('.nv-highlight').length") == 0


def test_set_texts_translates_the_legend_and_sets_direction(view):
    view.set_texts({"legend_title": "مفتاح الخريطة", "zoom_in": "تكبير", "zoom_out": "تصغير",
                    "match": "تطابق اختياراتك"}, rtl=True, lang="ar")
    assert js(view, "document.querySelector('.nv-legend-title').textContent") == "مفتاح الخريطة"
    assert js(view, "document.documentElement.getAttribute('dir')") == "rtl"
    assert js(view, "document.documentElement.getAttribute('lang')") == "ar"
    zoom_in = js(view, "document.querySelector('.leaflet-control-zoom-in').getAttribute('aria-label')")
    assert zoom_in == "تكبير"
    assert js(view, "document.querySelector('.nv-legend-row[data-key=\"match\"] .nv-legend-text')"
                    ".textContent") == "تطابق اختياراتك"
    view.set_texts({"legend_title": "Map key"}, rtl=False, lang="en")
    assert js(view, "document.documentElement.getAttribute('dir')") == "ltr"
    assert js(view, "document.querySelector('.nv-legend-title').textContent") == "Map key"


def test_dense_schools_cluster_with_a_neutral_counted_name(view):
    view.set_schools([school("n1", "One", -118.2500, 34.0500), school("n2", "Two", -118.2501, 34.0501),
                      school("far", "Far", -118.10, 34.20)], fit_bounds=True)
    assert js(view, "navigatorMap.schoolCount()") == 3
    assert wait_until(lambda: js(view, "document.querySelectorAll('.nv-cluster').length") == 1)
    assert js(view, "document.querySelector('.nv-cluster').getAttribute('aria-label')") == "2 schools"
    assert js(view, "document.querySelector('.nv-cluster').textContent") == "2"
    view.highlight("n1")  # a clustered school: its cluster is outlined instead
    assert js(view, "document.querySelector('.nv-cluster').classList.contains('nv-highlight')")
    view.highlight(None)
    view.set_schools(THREE, fit_bounds=True)


def test_keyboard_is_on(view):
    assert js(view, "navigatorMap.map.keyboard.enabled()") is True
    assert js(view, "navigatorMap.map.getContainer().tabIndex") == 0
    assert js(view, "document.querySelector('[data-school-id=\"a\"]').tabIndex") == 0


def test_inline_handlers_are_refused_even_if_markup_slipped_in(view):
    # Defence in depth: the CSP lets no inline event handler run, whatever reaches the DOM.
    run(view, "var d = document.createElement('div'); d.id = 'probe';"
              " d.innerHTML = '<img src=\"data:,\" onerror=\"window.__pwned = 1\">';"
              " document.body.appendChild(d)")
    wait_until(lambda: False, 0.3)
    assert js(view, "typeof window.__pwned") == "undefined"
    run(view, "document.getElementById('probe').remove()")


def test_updates_never_reload_the_page(view):
    view.set_schools(THREE)
    view.set_home(34.05, -118.25, None)
    view.reset()
    assert js(view, "navigatorMap.schoolCount()") == 0
    assert view.load_count == 1
    assert view.readies == [True]


def test_grab_is_not_blank(view):
    view.set_schools(THREE, fit_bounds=True)
    run(view, "")
    wait_until(lambda: False, 0.5)
    image = view.grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 15) for y in range(0, image.height(), 15)}
    assert len(colours) > 3, "the grabbed map is a single colour"


BIDI = "\u202eLas Flores\u202c exe.gpj <script>window.__pwned2 = 1</script>\u2066x\u2069"


def test_hostile_and_bidi_text_stays_text_in_every_popup_tooltip_and_label(view):
    """Markup and bidirectional controls in pack text reach the DOM as text, never as markup: read
    the popup, the tooltip, the zone's tooltip and the accessible names from the DOM."""
    scripts = js(view, "document.scripts.length")
    errors = len(view.page().errors())
    view.set_schools([school("bidi", BIDI, -118.26, 34.06, "zoned", label=HOSTILE)], fit_bounds=True)
    run(view, "navigatorMap.markerFor('bidi').openPopup()")
    name = "document.querySelector('.leaflet-popup-content .nv-card-name')"
    assert js(view, f"{name}.textContent") == BIDI
    assert js(view, f"{name}.children.length") == 0  # no element was made from the text
    assert js(view, f"{name}.getAttribute('dir')") == "auto"  # laid out by its own first letter
    assert "&lt;script&gt;" in js(view, f"{name}.innerHTML")
    assert js(view, "document.querySelector('.leaflet-popup-content .nv-card-label').textContent") == HOSTILE
    run(view, "navigatorMap.map.closePopup(); navigatorMap.markerFor('bidi').openTooltip()")
    assert js(view, "document.querySelector('.leaflet-tooltip .nv-card-name').textContent") == BIDI
    assert js(view, "document.querySelector('.leaflet-tooltip .nv-card-name').children.length") == 0
    aria = js(view, "document.querySelector('[data-school-id=\"bidi\"]').getAttribute('aria-label')")
    assert aria.startswith(BIDI)
    ring = [[-118.3, 34.0], [-118.2, 34.0], [-118.2, 34.1], [-118.3, 34.0]]
    view.set_boundaries([{"type": "Feature", "properties": {"name": BIDI},
                          "geometry": {"type": "Polygon", "coordinates": [ring]}}])
    run(view, "navigatorMap.map.eachLayer(function (l) { if (l.feature && l.getTooltip && l.getTooltip()"
              " && l.feature.geometry.type === 'Polygon') l.openTooltip(); })")
    zone = js(view, "Array.from(document.querySelectorAll('.leaflet-tooltip .nv-card-name'))"
                    ".map(n => [n.textContent, n.children.length])")
    assert [BIDI, 0] in zone
    wait_until(lambda: False, 0.3)
    assert js(view, "document.scripts.length") == scripts
    assert js(view, "typeof window.__pwned2") == "undefined"
    assert view.page().dialogs == [] and view.page().errors()[errors:] == []
    view.set_boundaries([])
    run(view, "navigatorMap.map.closePopup(); navigatorMap.map.eachLayer(function (l) {"
              " if (l.closeTooltip) l.closeTooltip(); })")


def test_a_group_holding_the_zoned_school_wears_its_diamond(view):
    view.set_schools([school("z1", "Zoned", -118.2500, 34.0500, "zoned"),
                      school("z2", "Other", -118.2501, 34.0501, "match"),
                      school("far", "Far", -118.10, 34.20)], fit_bounds=True)
    assert wait_until(lambda: js(view, "document.querySelectorAll('.nv-cluster').length") == 1)
    assert js(view, "document.querySelector('.nv-cluster').classList.contains('nv-has-zoned')")
    assert js(view, "document.querySelectorAll('.nv-cluster .nv-cluster-zoned').length") == 1
    assert js(view, "document.querySelector('.nv-cluster').getAttribute('aria-label')").endswith(
        ", Your zoned school")
    # Even at street level two schools on one spot stay grouped, never one on top of the other.
    view.set_view(34.0500, -118.2500, 18)
    assert wait_until(lambda: js(view, "document.querySelectorAll('.nv-cluster').length") == 1)
    view.set_schools(THREE, fit_bounds=True)


def test_a_pack_without_a_street_map_still_shows_its_map_and_says_so(view, tmp_path):
    from navigator.catalogue.build.builder import build_pack

    region = tmp_path / "region.toml"
    region.write_text('[region]\nid = "no-map"\nname = "No map"\n[[schools]]\nformat = "cde"\n'
                      f'path = "{resources_dir().parent / "data" / "demo" / "schools.txt"}"\n'
                      'publisher = "Test"\n', encoding="utf-8")
    build_pack(region, tmp_path / "pack.sqlite")
    assert view.set_basemap(tmp_path / "pack.sqlite") is None
    view.set_texts({"no_basemap": "No street map for this area"})
    note = "document.querySelector('.nv-basemap-note')"
    assert js(view, f"{note}.firstChild.textContent") == "No street map for this area"
    # and who can add one (the district, in the region file: see REGION.md)
    assert js(view, f"{note}.querySelector('.nv-basemap-can-add').textContent") \
        == "The school district can add a street map."
    assert js(view, f"{note}.hidden") is False
    assert js(view, f"{note}.getBoundingClientRect().width") > 50  # on screen, not a hidden node
    assert js(view, "document.querySelectorAll('.leaflet-tile-pane canvas').length") == 0
    view.set_schools(THREE, fit_bounds=True)
    assert js(view, "navigatorMap.schoolCount()") == 3  # the schools are drawn as before
    assert view.tiles.refused == 0


def test_a_citys_thousands_of_stops_are_drawn_only_near_where_the_family_looks(view):
    """LA Metro has about 13,000 bus stops: at city zoom none are drawn (they would cover the
    map and cost the page about 100 MB), zoomed in only those in view, on one canvas."""
    stops = [{"id": f"s{i}", "name": f"Stop {i}", "latitude": 34.0 + (i // 50) * 0.004,
              "longitude": -118.4 + (i % 50) * 0.004, "lines": [{"name": "2", "color": "E3131B"}]}
             for i in range(2500)]
    view.set_transit({"type": "FeatureCollection", "features": []}, stops)
    view.set_view(34.2, -118.3, 11)
    assert js(view, "navigatorMap.map.getZoom()") == 11
    assert js(view, "document.querySelectorAll('.leaflet-nv-stops-pane path').length") == 0
    assert js(view, "document.querySelectorAll('.leaflet-nv-stops-pane canvas').length") == 0
    keys = js(view, "Array.from(document.querySelectorAll('.nv-legend-row')).map(r => r.dataset.key)")
    assert "stop" in keys  # the key still says what a stop looks like, and how to see them
    assert js(view, "document.querySelector('.nv-legend-row[data-key=\"stop\"]').textContent") \
        == "Stops: zoom in to see them"
    view.set_view(34.1, -118.3, 16)
    wait_until(lambda: js(view, "document.querySelectorAll('.leaflet-nv-stops-pane canvas')"
                                ".length") == 1, 5)
    assert js(view, "document.querySelectorAll('.leaflet-nv-stops-pane path').length") == 0
    drawn = js(view, "(function () { var n = 0; navigatorMap.map.eachLayer(function (l) {"
                     " if (l instanceof L.CircleMarker && l.options.pane === 'nv-stops') n++; });"
                     " return n; })()")
    assert 0 < drawn < 200  # those near the view, not 2,500
    assert js(view, "document.querySelector('.nv-legend-row[data-key=\"stop\"]').textContent") \
        == "Stop"
    view.set_transit({"type": "FeatureCollection", "features": []}, [])

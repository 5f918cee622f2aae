"""Rendering the map page with folium, ahead of time.

folium builds the Leaflet page (its map div and ``L.map`` call inside our own
template); the result, with placeholders where the local Leaflet files go, is
kept as ``resources/map/page.html``.  The running app only fills in those
placeholders: importing folium at start would cost most of a second and pull in
pandas and requests, which a kiosk app has no use for.

Regenerate after changing ``map.html`` or upgrading folium (a test checks the
kept page matches a fresh rendering)::

    python -m navigator.gui.map_template
"""

from __future__ import annotations

import sys
from pathlib import Path

from navigator.resources import resources_dir

# Placeholders the app replaces with file: URLs of the xstatic packages' files and of
# protomaps-leaflet (the street map's renderer, from npm: see map_view.street_map_script).
ASSETS = {"leaflet_js": "__LEAFLET_JS__", "markercluster_js": "__MARKERCLUSTER_JS__",
          "leaflet_css": "__LEAFLET_CSS__", "markercluster_css": "__MARKERCLUSTER_CSS__",
          "protomaps_js": "__PROTOMAPS_JS__"}
QWEBCHANNEL_JS = "qrc:///qtwebchannel/qwebchannel.js"
# The map's own scripts, beside the template, in the order the page loads them: plain scripts split
# by layer (each under the 500-line rule), sharing one object (see map-base.js); the last starts it.
APP_SCRIPTS = ("map-base.js", "map-streets.js", "map-transit.js", "map-schools.js", "map-family.js",
               "map-labels.js", "map-view.js", "map-key.js", "map-api.js")


def page_path() -> Path:
    return resources_dir() / "map" / "page.html"


def render() -> str:
    import folium
    from folium.template import Template

    fmap = folium.Map(location=[0.0, 0.0], zoom_start=3,
                      tiles=None,  # the street map is the pack's own vector tiles (MapView.set_basemap)
                      zoom_control=True, attribution_control=False, keyboard=True,
                      prefer_canvas=False)
    # Instance lists (folium's add_js_link would edit the class-wide defaults): Leaflet and the
    # clustering plugin from local files; jQuery, Bootstrap and the icon fonts are not used.
    fmap.default_js = [("leaflet", ASSETS["leaflet_js"]),
                       ("markercluster", ASSETS["markercluster_js"])]
    fmap.default_css = [("leaflet_css", ASSETS["leaflet_css"]),
                        ("markercluster_css", ASSETS["markercluster_css"])]
    figure = fmap.get_root()
    template = (resources_dir() / "map" / "map.html").read_text(encoding="utf-8")
    figure._template = Template(template)
    html = figure.render(assets={"css": ["map.css"], "js": [QWEBCHANNEL_JS, ASSETS["protomaps_js"]],
                                         "app_js": list(APP_SCRIPTS)},
                         map_var=fmap.get_name())
    # folium names its objects with random ids; fix them so the kept page is reproducible.
    return html.replace(fmap.get_name(), "navigator_map")


def main() -> int:
    page_path().write_text(render(), encoding="utf-8")
    print(f"wrote {page_path()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

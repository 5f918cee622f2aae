"""The basemap's layers: what each holds and from which zoom it appears.

The pack builder sorts every street, park, river and landmark into one of these layers and
gives it a first zoom; the map page (resources/map/map-streets.js) styles the same names.  The zooms
keep a county-size region small (README, Benchmarks): the whole region shows freeways, water and
parks, main streets appear at neighbourhood zoom, every street and the landmarks at block zoom,
and from ``MAX_ZOOM`` on the page enlarges the last tiles instead of reading more.
"""

from __future__ import annotations

# Drawing order, bottom to top.
LAYERS = ("water", "parks", "rail", "freeways", "streets", "landmarks")
LINE_LAYERS = ("streets", "freeways", "rail")  # always lines; water may be lines or areas

MIN_ZOOM = 8  # a whole county on a laptop screen
MAX_ZOOM = 14  # tiles are read up to here; the page draws them larger beyond

# (layer, kind) -> first zoom.  A kind not listed takes its layer's ("*") zoom.
FIRST_ZOOM: dict[tuple[str, str], int] = {
    ("water", "*"): 8,
    ("water", "river"): 10,
    ("water", "canal"): 11,
    ("water", "stream"): 12,
    ("parks", "*"): 10,
    ("rail", "*"): 10,
    ("freeways", "*"): 8,
    ("freeways", "ramp"): 12,
    ("streets", "*"): 13,
    ("streets", "major"): 11,
    ("streets", "secondary"): 12,
    ("landmarks", "*"): 13,
    ("landmarks", "park"): 12,
}

LANDMARK_KINDS = ("library", "community_centre", "civic", "park", "water")


def first_zoom(layer: str, kind: str) -> int:
    return FIRST_ZOOM.get((layer, kind), FIRST_ZOOM[(layer, "*")])

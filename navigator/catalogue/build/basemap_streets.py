"""Street files without tags: a class from the street's name, and short segments joined into lines.

A city's street file often carries only names, cut into one segment per block or less (the West
Los Angeles file in ../shared: 19,641 two-point segments, no road class).  Drawn as it is, every
street looks alike and no name fits along a segment, so the map has no labels at all.  Two steps
make it a map a parent can read:

* the class from the name's street type, where the file gives no ``kind``: boulevards, highways
  and parkways are main streets (drawn from zoom 11, labelled first), avenues the next rank,
  other streets side streets, freeways the freeway layer; fire roads, trails, walks, stairs and
  utility lines are not streets a family drives or walks to school on, and are left out, as the
  OpenStreetMap reader leaves out ``highway=track`` and ``footway``;
* segments of the same street (same name, class and translations) joined end to end into lines
  (``basemap_features.merge_lines``): labels need a straight run longer than the name, and the
  tiles shrink with a tenth of the features.
"""

from __future__ import annotations

import re

FREEWAY_WORDS = frozenset({"freeway", "fwy", "motorway", "interstate"})
MAJOR_WORDS = frozenset({"boulevard", "blvd", "highway", "hwy", "parkway", "pkwy", "expressway"})
SECONDARY_WORDS = frozenset({"avenue", "ave", "av"})
NOT_STREETS = frozenset({"trail", "walk", "stairs", "steps", "path", "footpath", "tram", "intertie",
                         "lines", "line", "tank", "driveway"})
NOT_STREET_PHRASES = ("fire road",)
_WORD = re.compile(r"[a-z]+")


def street_class(name: str) -> tuple[str, str] | None:
    """(layer, kind) of a street known only by its name; None for what is not a street.

    >>> street_class("West Sunset Boulevard"), street_class("Avenue of the Stars")
    (('streets', 'major'), ('streets', 'secondary'))
    """
    lowered = name.lower()
    words = set(_WORD.findall(lowered))
    if words & FREEWAY_WORDS:
        return "freeways", "freeway"
    if words & MAJOR_WORDS:
        return "streets", "major"
    if words & NOT_STREETS or any(phrase in lowered for phrase in NOT_STREET_PHRASES):
        return None
    if words & SECONDARY_WORDS:
        return "streets", "secondary"
    return "streets", "minor"

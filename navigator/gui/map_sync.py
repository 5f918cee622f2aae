"""Keeps the shared map in step with the family: home and its distance ring, the attendance zones
around the home, the pack's transit lines and stops, and the legend in the current language.

(The results page feeds the schools themselves.)  The map page is loaded once; everything here
goes through MapView's ``set_*`` calls, which it queues until the page is ready.
"""

from __future__ import annotations

import json
import statistics

from PySide6.QtCore import QObject

from navigator.gui.appearance import is_rtl
from navigator.gui.map_view import MapView
from navigator.gui.state import FamilyState
from navigator.i18n import _, ngettext, pgettext
from navigator.search.query import DETOUR_FACTOR, WALK_KM_PER_MIN, Home
from navigator.search.zones import zoned_schools

REGION_ZOOM = 13
HOME_ZOOM = 14


def ring_metres(within_km: float | None, walk_min: float | None) -> float | None:
    """The ring drawn round the home: the distance asked for, or how far that walk reaches."""
    if within_km is not None:
        return within_km * 1000
    if walk_min is not None:
        return walk_min * WALK_KM_PER_MIN / DETOUR_FACTOR * 1000
    return None


class MapSync(QObject):
    def __init__(self, state: FamilyState, map_view: MapView) -> None:
        super().__init__(map_view)
        self.state = state
        self.map = map_view
        self._home: Home | None = None
        self._zones: list[tuple[str, str, str]] = []  # (zone id, school name, geojson)
        self.centre = self._region_centre()
        self.set_transit()
        self.show_region()
        self.update_texts()
        state.home_changed.connect(self.update_home)
        state.query_changed.connect(self.update_home)
        state.language_changed.connect(self.update_texts)
        state.reset_done.connect(self.on_reset)

    # --- once per run ---------------------------------------------------------------------------

    def _region_centre(self) -> tuple[float, float] | None:
        points = self.state.pack.conn.execute(
            "SELECT latitude, longitude FROM schools WHERE latitude IS NOT NULL AND "
            "longitude IS NOT NULL AND NOT coalesce(is_virtual, 0)").fetchall()
        if not points:
            return None
        return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)

    def show_region(self) -> None:
        """The middle of the area's schools (not "everything drawn": one far-off virtual school's
        office would zoom the whole town down to a dot)."""
        if self.centre is not None:
            self.map.set_view(self.centre[0], self.centre[1], REGION_ZOOM)

    def set_transit(self) -> None:
        conn = self.state.pack.conn
        features = []
        for (geojson,) in conn.execute("SELECT geojson FROM layers WHERE kind = 'transit' ORDER BY id"):
            data = json.loads(geojson)
            features += data.get("features", []) if data.get("type") == "FeatureCollection" else [data]
        lines: dict[str, list[dict[str, str]]] = {}
        for stop_id, short, long, color in conn.execute(
                "SELECT sl.stop_id, l.short_name, l.long_name, l.color FROM stop_lines sl "
                "JOIN lines l ON l.id = sl.line_id ORDER BY sl.stop_id, l.short_name, l.long_name"):
            lines.setdefault(stop_id, []).append({"name": short or long or "", "color": color or ""})
        stops = [{"id": sid, "name": name, "lat": lat, "lon": lon, "lines": lines.get(sid, [])}
                 for sid, name, lat, lon in conn.execute(
                     "SELECT id, name, latitude, longitude FROM stops ORDER BY id")]
        if features or stops:
            self.map.set_transit({"type": "FeatureCollection", "features": features}, stops)

    # --- the family -------------------------------------------------------------------------------

    def update_home(self) -> None:
        home = self.state.home
        if home is None:
            if self._home is not None:
                self.map.clear_home()
                self.map.set_boundaries([])
                self._zones = []
            self._home = None
            return
        filters = self.state.filters
        moved = home != self._home
        self.map.set_home(home.latitude, home.longitude, ring_metres(filters.within_km, filters.walk_min))
        if moved:
            self.map.set_view(home.latitude, home.longitude, HOME_ZOOM)  # the neighbourhood around it
        self._home = home
        self._zones = self._zones_at(home)
        self._draw_zones()

    def _zones_at(self, home: Home) -> list[tuple[str, str, str]]:
        pack = self.state.pack
        zoned = zoned_schools(pack, home.latitude, home.longitude, self.state.grade)
        zones = []
        for school_id, zone_id in zoned.items():
            row = pack.conn.execute(
                "SELECT b.geojson, s.name FROM boundaries b, schools s WHERE b.id = ? AND s.id = ?",
                (zone_id, school_id)).fetchone()
            if row:
                zones.append((zone_id, row[1], row[0]))
        return zones

    def _draw_zones(self) -> None:
        features = [{"type": "Feature", "geometry": json.loads(geojson),
                     "properties": {"name": _("Attendance zone: {school}").format(school=name)}}
                    for _zone, name, geojson in self._zones]
        self.map.set_boundaries(features)

    def update_texts(self) -> None:
        lang = self.state.language
        self.map.set_texts({
            "map_label": _("Map of schools"),
            "legend_title": _("Map key"),
            "school": _("School"),
            "match": _("Matches your choices"),
            "partial": _("Matches some of your choices"),
            "zoned": ngettext("Your zoned school", "Your zoned schools", 1),
            "home": _("Your home"),
            "transit_line": _("Bus or train line"),
            "stop": _("Stop"),
            "zone": _("Attendance zone"),
            "zoom_in": _("Zoom in"),
            "zoom_out": _("Zoom out"),
            "close": _("Close"),
            # TRANSLATORS: a group of school markers on the map; {n} is how many (always 2 or more).
            "cluster": pgettext("map", "Schools here: {n}"),
        }, rtl=is_rtl(lang), lang=lang.replace("_", "-"))
        if self._zones:
            self._draw_zones()

    def on_reset(self) -> None:
        self._home = None
        self._zones = []
        self.map.reset()
        self.show_region()

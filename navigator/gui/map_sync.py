"""Keeps the shared map in step with the family: home and its distance ring, the attendance zones
around the home, the pack's transit lines and stops, its street map (labels in the family's
language, the app's contrast and text size), and the legend in the current language.

(The results page feeds the schools themselves.)  The map page is loaded once; everything here
goes through MapView's ``set_*`` calls, which it queues until the page is ready.
"""

from __future__ import annotations

import json
import statistics
from datetime import date

from PySide6.QtCore import QObject

from navigator.basemap.store import BasemapInfo
from navigator.gui.map_view import MapView
from navigator.gui.state import FamilyState
from navigator.i18n import _, format_date, is_rtl, ngettext, pgettext
from navigator.pack_texts import source_title
from navigator.search.query import Home
from navigator.search.zones import zoned_schools
from navigator.walking import DETOUR_FACTOR, WALK_KM_PER_MIN

REGION_ZOOM = 13
HOME_ZOOM = 15  # the home's streets: a few blocks each way, its stops drawn


def ring_metres(within_km: float | None, walk_min: float | None) -> float | None:
    """The ring drawn round the home: the distance asked for, or how far that walk reaches."""
    if within_km is not None:
        return within_km * 1000
    if walk_min is not None:
        return walk_min * WALK_KM_PER_MIN / DETOUR_FACTOR * 1000
    return None


def name_keys(lang: str) -> list[str]:
    """The street map's name properties for an app language, best first (OpenStreetMap writes
    ``name:zh-Hans`` and ``name:zh``); a label without any shows its local name."""
    keys = [f"name:{lang.replace('_', '-')}"]
    base = lang.split("_")[0]
    if f"name:{base}" not in keys:
        keys.append(f"name:{base}")
    return keys


class MapSync(QObject):
    def __init__(self, state: FamilyState, map_view: MapView) -> None:
        super().__init__(map_view)
        self.state = state
        self.map = map_view
        self._home: Home | None = None
        self._zones: list[tuple[str, str, str]] = []  # (zone id, school name, geojson)
        self.centre = self._region_centre()
        self.basemap: BasemapInfo | None = map_view.set_basemap(state.pack.path)
        self._look = (1.0, False)
        self._home_lines: set[str] = set()
        self._listed_lines: set[str] = set()
        self.set_transit()
        map_view.set_places(state.pack.place_names())
        self.show_region()
        self.update_texts()
        state.home_changed.connect(self.update_home)
        state.query_changed.connect(self.update_home)
        state.language_changed.connect(self.update_texts)
        state.reset_done.connect(self.on_reset)

    # --- once per run ---------------------------------------------------------------------------

    def _region_centre(self) -> tuple[float, float] | None:
        points = self.state.pack.school_points()
        if not points:
            return None
        return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)

    def show_region(self) -> None:
        """The middle of the area's schools (not "everything drawn": one far-off virtual school's
        office would zoom the whole town down to a dot)."""
        if self.centre is not None:
            self.map.set_view(self.centre[0], self.centre[1], REGION_ZOOM)

    def set_transit(self) -> None:
        pack = self.state.pack
        features = []
        for geojson in pack.transit_shapes():
            data = json.loads(geojson)
            features += data.get("features", []) if data.get("type") == "FeatureCollection" else [data]
        # Each line once, named with its operator ("Metro 2"), as everywhere else.
        lines = {stop_id: [{"name": title, "color": color or ""} for title, color in served]
                 for stop_id, served in pack.stop_lines().items()}
        titles = pack.line_titles()
        for feature in features:  # a line's card says its name, not the pack's id for it
            props = feature.get("properties") or {}
            if props.get("line") in titles:
                props["name"] = titles[props["line"]]
        stops = [{"id": sid, "name": name, "lat": lat, "lon": lon, "lines": lines.get(sid, [])}
                 for sid, name, lat, lon in pack.stop_places()]
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
            self._home_lines = set()
            self._focus_lines()
            return
        filters = self.state.filters
        moved = home != self._home
        self.map.set_home(home.latitude, home.longitude, ring_metres(filters.within_km, filters.walk_min))
        if moved:
            self.map.set_view(home.latitude, home.longitude, HOME_ZOOM)  # the neighbourhood around it
            self._home_lines = self.state.pack.lines_near(home.latitude, home.longitude,
                                                          self.state.pack.region.walk_radius_m)
            self._focus_lines()
        self._home = home
        self._zones = self._zones_at(home)
        self._draw_zones()

    def show_home_area(self) -> None:
        """*Where you live*: the home's neighbourhood (the region's middle before there is one)."""
        if self._home is not None:
            self.map.set_view(self._home.latitude, self._home.longitude, HOME_ZOOM)

    def show_listed(self, school_ids: list[str], frame: bool, only: bool = False) -> None:
        """The schools the list shows: named on the map, their lines drawn; ``frame``: the view
        shows them and the home; ``only``: the other results are left off (a school's profile)."""
        self._listed_lines = self.state.pack.school_lines(school_ids)
        self._focus_lines()
        self.map.set_listed(school_ids, frame, only)

    def _focus_lines(self) -> None:
        self.map.set_line_focus(self._home_lines | self._listed_lines)

    def _zones_at(self, home: Home) -> list[tuple[str, str, str]]:
        pack = self.state.pack
        zoned = zoned_schools(pack, home.latitude, home.longitude, self.state.grade)
        zones = []
        for school_id, zone_id in zoned.items():
            row = pack.zone_shape(zone_id, school_id)
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
            "stop": _("Stop"),
            # TRANSLATORS: the map key, when a city's bus stops are too many to show zoomed out.
            "stop_zoom": _("Stops: zoom in to see them"),
            "zone": _("Attendance zone"),
            "zoom_in": _("Zoom in"),
            "zoom_out": _("Zoom out"),
            "close": _("Close"),
            # TRANSLATORS: a group of school markers on the map; {n} is how many (always 2 or more).
            "cluster": pgettext("map", "Schools here: {n}"),
            "no_basemap": _("No street map for this area"),
            "basemap_credit": self._basemap_credit(),
            "show_key": _("Show the map key"),
            "hide_key": _("Hide the map key"),
            # TRANSLATORS: the map key: a dotted line is a walk of the school trip shown.
            "trip_walk": _("Walk"),
            # TRANSLATORS: the map key: a thick line is the bus or train ride of the trip shown.
            "trip_ride": _("Bus or train ride"),
            # TRANSLATORS: on the map without a street map, after "No street map for this area".
            "basemap_can_add": _("The school district can add a street map."),
            # TRANSLATORS: a button in the map key: draw every bus and train line of the area.
            "all_lines": _("Show every line"),
            # TRANSLATORS: a button in the map key: draw only the lines that stop near the home
            # and near the schools in the list.
            "near_lines": _("Show only the lines near you"),
            # TRANSLATORS: the title of a list of the schools in one group of markers on the map.
            "cluster_open": pgettext("map", "Schools at this spot"),
        }, rtl=is_rtl(lang), lang=lang.replace("_", "-"))
        self._update_look()
        if self._zones:
            self._draw_zones()

    def _basemap_credit(self) -> str:
        """Where the street map comes from, and when (like every figure in the app), its title in
        the family's language where the pack has it."""
        if self.basemap is None:
            return ""
        titles = [source_title(self.state.pack, source, self.state.language)
                  for source in self.state.pack.sources() if source.id in self.basemap.source_ids]
        name = "; ".join(titles) or self.basemap.source
        if self.basemap.as_of:
            try:
                when = format_date(date.fromisoformat(self.basemap.as_of), style="medium")
            except ValueError:
                when = self.basemap.as_of
            # TRANSLATORS: {source} is the name of the street map's data, {date} a date.
            return pgettext("map", "Street map: {source}, as of {date}").format(source=name, date=when)
        return pgettext("map", "Street map: {source}, date not given").format(source=name)

    def set_appearance(self, text_scale: float, high_contrast: bool) -> None:
        """The app's text size and contrast, for the street map's labels and style."""
        self._look = (text_scale, high_contrast)
        self._update_look()

    def _update_look(self) -> None:
        scale, contrast = self._look
        self.map.set_look(name_keys(self.state.language), contrast, scale)

    def on_reset(self) -> None:
        self._home = None
        self._home_lines = set()
        self._listed_lines = set()
        self._zones = []
        self.map.reset()
        self.show_region()

"""The small questions the app's screens ask the pack, one method each, so no screen writes SQL.

Why here: a screen that reads ``pack.conn`` ties itself to the pack's tables and to the thread
that opened the connection.  These methods are the pack's answers in plain Python values, read
through the same checked views as everything else (:mod:`navigator.catalogue.rules`).  Each is a
lookup by key or a short list, quick enough for the GUI thread; real work (a search, the list
checks, an export) goes through the app's operations layer on its worker thread instead.
:class:`~navigator.catalogue.pack.Pack` inherits them.
"""

from __future__ import annotations

import math
import sqlite3
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from navigator.catalogue.line_names import line_title, line_titles, stop_lines
from navigator.geo import haversine_m

CHUNK = 500  # ids per IN (...) list, well under SQLite's limit on parameters


@dataclass(frozen=True)
class SchoolBasics:
    """What a list row says about a school before anything is worked out."""

    id: str
    name: str
    sector: str | None
    charter_kind: str | None
    grade_low: int | None
    grade_high: int | None
    latitude: float | None
    longitude: float | None
    virtual: bool


class PackLookups:
    conn: sqlite3.Connection

    def _exists(self, sql: str, params: tuple = ()) -> bool:
        return self.conn.execute(f"SELECT EXISTS ({sql})", params).fetchone()[0] == 1

    # --- schools ----------------------------------------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Those of ``ids`` the pack has (a saved list's schools may since have closed)."""
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        for start in range(0, len(wanted), CHUNK):
            part = wanted[start:start + CHUNK]
            marks = ",".join("?" * len(part))
            found.update(row[0] for row in self.conn.execute(
                f"SELECT id FROM schools WHERE id IN ({marks})", part))
        return found

    def school_basics(self, school_id: str) -> SchoolBasics | None:
        row = self.conn.execute(
            "SELECT id, name, sector, charter_kind, grade_low, grade_high, latitude, longitude, "
            "is_virtual FROM schools WHERE id = ?", (school_id,)).fetchone()
        return SchoolBasics(*row[:8], bool(row[8])) if row else None

    def school_name(self, school_id: str) -> str | None:
        row = self.conn.execute("SELECT name FROM schools WHERE id = ?", (school_id,)).fetchone()
        return row[0] if row else None

    def school_names(self, ids: Iterable[str] | None = None) -> dict[str, str]:
        """Id -> name: of ``ids``, or of every school in name order (a list to choose from)."""
        if ids is None:
            return dict(self.conn.execute("SELECT id, name FROM schools ORDER BY name, id"))
        wanted = list(dict.fromkeys(ids))
        names: dict[str, str] = {}
        for start in range(0, len(wanted), CHUNK):
            part = wanted[start:start + CHUNK]
            names.update(self.conn.execute(
                f"SELECT id, name FROM schools WHERE id IN ({','.join('?' * len(part))})", part))
        return names

    def grade_spans(self, ids: Iterable[str]) -> list[tuple[str, int | None, int | None]]:
        """(name, lowest grade, highest grade) of ``ids``, the youngest grades first, then by name."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return []
        return self.conn.execute(
            f"SELECT name, grade_low, grade_high FROM schools WHERE id IN ({','.join('?' * len(wanted))}) "
            "ORDER BY coalesce(grade_low, 99), name", wanted).fetchall()

    def charter_kinds(self) -> dict[str, str]:
        """Id -> independent | affiliated, for the charter schools that say."""
        return dict(self.conn.execute(
            "SELECT id, charter_kind FROM schools WHERE charter_kind IS NOT NULL"))

    def school_points(self) -> list[tuple[float, float]]:
        """(latitude, longitude) of every school on the map (not the online ones)."""
        return self.conn.execute(
            "SELECT latitude, longitude FROM schools WHERE latitude IS NOT NULL AND "
            "longitude IS NOT NULL AND NOT coalesce(is_virtual, 0)").fetchall()

    def has_referral_schools(self) -> bool:
        """Whether any school gives places by referral (What matters offers to list them only
        then: a choice that can change nothing misleads)."""
        return self._exists("SELECT 1 FROM schools WHERE site_kind = 'referral'")

    def levels(self) -> set[str]:
        """The school levels (elementary, middle...) the pack has schools of."""
        return {row[0] for row in self.conn.execute("SELECT DISTINCT level FROM schools")
                if row[0] is not None}

    # --- what schools offer -----------------------------------------------------------------------

    def feature_codes(self) -> list[tuple[str, str]]:
        """(category, code) of every programme, service and language some school reports."""
        return self.conn.execute(
            "SELECT DISTINCT category, code FROM features ORDER BY category, code").fetchall()

    def dual_languages(self, offered_only: bool = False) -> list[str]:
        """The languages of the dual-language programmes (``offered_only``: those a school offers,
        not only reports not offering), in order."""
        offered = " AND value = 'yes'" if offered_only else ""
        return [row[0] for row in self.conn.execute(
            "SELECT DISTINCT detail FROM features WHERE category = 'program' AND code = "
            f"'dual_language' AND detail IS NOT NULL AND detail != ''{offered} ORDER BY detail")]

    # --- where families live ----------------------------------------------------------------------

    def has_addresses(self) -> bool:
        return self._exists("SELECT 1 FROM addresses")

    def has_attendance_zones(self) -> bool:
        return self._exists("SELECT 1 FROM boundaries WHERE kind = 'attendance'")

    def has_zip(self, zip_code: str) -> bool:
        return self._exists("SELECT 1 FROM zips WHERE zip = ?", (zip_code,))

    def example_zip(self) -> str | None:
        row = self.conn.execute("SELECT zip FROM zips ORDER BY zip LIMIT 1").fetchone()
        return row[0] if row else None

    def example_address(self) -> str | None:
        row = self.conn.execute("SELECT number, street FROM addresses ORDER BY key LIMIT 1").fetchone()
        return f"{row[0]} {row[1]}" if row else None

    def example_stop(self) -> str | None:
        """A station's name if there is one (easier to recognise), else a bus stop's."""
        row = self.conn.execute("SELECT name FROM stops ORDER BY mode = 'bus', key LIMIT 1").fetchone()
        return row[0] if row else None

    def zone_shape(self, zone_id: str, school_id: str) -> tuple[str, str] | None:
        """(the zone's GeoJSON, the school's name), or None when either is missing."""
        return self.conn.execute(
            "SELECT b.geojson, s.name FROM boundaries b, schools s WHERE b.id = ? AND s.id = ?",
            (zone_id, school_id)).fetchone()

    # --- buses and trains -------------------------------------------------------------------------

    def has_stops(self) -> bool:
        return self._exists("SELECT 1 FROM stops")

    def stop_modes(self) -> set[str]:
        """The modes (rail, bus) the pack has stops of."""
        return {row[0] for row in self.conn.execute("SELECT DISTINCT mode FROM stops")}

    def lines(self) -> list[tuple[str, str | None, str | None]]:
        """(id, short name, long name) of every line, trains first."""
        return self.conn.execute(
            "SELECT id, short_name, long_name FROM lines ORDER BY mode DESC, short_name, id").fetchall()

    def line_name(self, line: str) -> str | None:
        """A line's shown name with its operator ("Metro 2"), found by its id, short or long name."""
        row = self.conn.execute(
            "SELECT short_name, long_name, mode, agency FROM lines WHERE id = ? OR short_name = ? "
            "OR long_name = ?", (line, line, line)).fetchone()
        return line_title(*row, line) if row else None

    def line_titles(self) -> dict[str, str]:
        """Every line's shown name with its operator, by line id."""
        return line_titles(self.conn)

    def transit_shapes(self) -> list[str]:
        """The GeoJSON of the transit layers (the lines' shapes), in order."""
        return [row[0] for row in self.conn.execute(
            "SELECT geojson FROM layers WHERE kind = 'transit' ORDER BY id")]

    def stop_lines(self) -> dict[str, list[tuple[str, str | None]]]:
        """Stop id -> its lines as (shown name with the operator, colour), each name once."""
        return stop_lines(self.conn)

    def lines_near(self, lat: float, lon: float, radius_m: float) -> set[str]:
        """Ids of the lines with a stop within ``radius_m`` of a point (the family's home)."""
        dlat = radius_m / 111_190.0
        dlon = dlat / max(0.01, math.cos(math.radians(lat)))
        rows = self.conn.execute(
            "SELECT s.id, s.latitude, s.longitude FROM stops_rtree r JOIN stops s ON s.key = r.key "
            "WHERE r.min_lat >= ? AND r.max_lat <= ? AND r.min_lon >= ? AND r.max_lon <= ?",
            (lat - dlat, lat + dlat, lon - dlon, lon + dlon)).fetchall()
        near = [stop for stop, s_lat, s_lon in rows if haversine_m(lat, lon, s_lat, s_lon) <= radius_m]
        return self._lines_of_stops(near)

    def school_lines(self, school_ids: Iterable[str]) -> set[str]:
        """Ids of the lines with a stop within walking distance of any of these schools (the
        pack's school_stops, linked at build with its walking radius)."""
        wanted = list(dict.fromkeys(school_ids))
        stops: list[str] = []
        for start in range(0, len(wanted), CHUNK):
            part = wanted[start:start + CHUNK]
            stops += [row[0] for row in self.conn.execute(
                f"SELECT DISTINCT stop_id FROM school_stops WHERE school_id IN ({','.join('?' * len(part))})",
                part)]
        return self._lines_of_stops(stops)

    def _lines_of_stops(self, stop_ids: list[str]) -> set[str]:
        lines: set[str] = set()
        for start in range(0, len(stop_ids), CHUNK):
            part = stop_ids[start:start + CHUNK]
            lines.update(row[0] for row in self.conn.execute(
                f"SELECT DISTINCT line_id FROM stop_lines WHERE stop_id IN ({','.join('?' * len(part))})",
                part))
        return lines

    def place_names(self, least: int = 3) -> list[tuple[str, float, float]]:
        """(name, latitude, longitude) of the area's places, for a map without a street map: the
        pack's named ZIP areas (one label per town, its state left off: a city of forty ZIP codes
        is one name on the map), or else the towns its schools' addresses name (each with at
        least ``least`` schools); each at the middle of its points, the biggest first."""
        towns: dict[str, list[tuple[float, float]]] = {}
        zips = self.conn.execute("SELECT name, latitude, longitude FROM zips "
                                 "WHERE coalesce(name, '') != ''").fetchall()
        for name, lat, lon in zips:
            towns.setdefault(_without_state(name), []).append((lat, lon))
        if not zips:
            least_points = least
            for city, lat, lon in self.conn.execute(
                    "SELECT trim(city), latitude, longitude FROM schools "
                    "WHERE coalesce(trim(city), '') != '' AND latitude IS NOT NULL "
                    "AND longitude IS NOT NULL AND NOT coalesce(is_virtual, 0)"):
                towns.setdefault(city, []).append((lat, lon))
        else:
            least_points = 1
        places = [(city, statistics.median(p[0] for p in points), statistics.median(p[1] for p in points),
                   len(points)) for city, points in towns.items() if len(points) >= least_points]
        return [(name, lat, lon) for name, lat, lon, _n in sorted(places, key=lambda p: (-p[3], p[0]))]

    def stop_places(self) -> list[tuple[str, str, float, float]]:
        """(id, name, latitude, longitude) of every stop."""
        return self.conn.execute("SELECT id, name, latitude, longitude FROM stops ORDER BY id").fetchall()

    # --- where people live ------------------------------------------------------------------------

    def home_points(self) -> list[tuple[float, float]]:
        """(latitude, longitude) of every address point and ZIP centre: where the pack knows homes are."""
        return self.conn.execute("SELECT latitude, longitude FROM addresses UNION ALL "
                                 "SELECT latitude, longitude FROM zips").fetchall()

    def zip_centres(self) -> list[tuple[str, str | None, float, float]]:
        """(ZIP code, its name, latitude, longitude) of every ZIP centre."""
        return self.conn.execute("SELECT zip, name, latitude, longitude FROM zips ORDER BY zip").fetchall()


def _without_state(name: str) -> str:
    """"Pasadena, CA" -> "Pasadena": on a map of one region the state says nothing."""
    town, comma, state = name.rpartition(",")
    return town.strip() if comma and len(state.strip()) == 2 and state.strip().isalpha() else name.strip()

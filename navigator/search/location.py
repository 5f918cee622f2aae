"""Finding the family's home offline: a ZIP code, a street address, a transit stop or station
(for a family who would rather not type an address, or a volunteer asked about the schools near
a station), or a point on the map."""

from __future__ import annotations

import difflib

from navigator.addresses import normalize_street, split_address
from navigator.catalogue.pack import Pack
from navigator.errors import UserError
from navigator.geo import haversine_m
from navigator.i18n import format_distance
from navigator.search.query import Home

# A home farther than this beyond the box around the region's schools, ZIP centres and stops is
# outside the region: a real ZIP code elsewhere (the US list knows them all) must not quietly
# return schools a long way off.  The margin keeps a family just past the last school inside.
OUTSIDE_MARGIN_KM = 5.0


class OutsideRegion(UserError):
    """The home is a real place, but not in the area the pack covers."""

    def __init__(self, message: str, nearest_km: float | None) -> None:
        super().__init__(message)
        self.nearest_km = nearest_km


def home_from_point(latitude: float, longitude: float) -> Home:
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise UserError(f"The point {latitude},{longitude} is not on the map; give latitude "
                        "(-90 to 90) then longitude (-180 to 180).")
    text = f"{latitude:.5f}, {longitude:.5f}"
    return Home(latitude, longitude, "point", text, text)


def home_from_zip(pack: Pack, zip_code: str) -> Home:
    """The pack's own ZIP centroid, else the installed US ZIP list (the `zipcodes` package)."""
    code = zip_code.strip()[:5]
    if not (len(code) == 5 and code.isdigit()):
        raise UserError(f"{zip_code!r} is not a ZIP code; type the five digits, e.g. 90012.")
    row = pack.conn.execute("SELECT latitude, longitude, name FROM zips WHERE zip = ?",
                            (code,)).fetchone()
    if row:
        matched = f"ZIP {code}" + (f", {row[2]}" if row[2] else "")
        return Home(row[0], row[1], "zip", code, matched)
    found = _installed_zip(code)
    if found is None:
        raise UserError(f"ZIP code {code} is not known to this pack or to the US ZIP list; "
                        "check the number, or give an address or a point on the map.")
    return Home(found[0], found[1], "zip", code, f"ZIP {code}, {found[2]}")


def _installed_zip(code: str) -> tuple[float, float, str] | None:
    try:
        import zipcodes
    except ImportError:
        return None
    try:
        matches = zipcodes.matching(code)
    except (ValueError, TypeError):
        return None
    for match in matches:
        try:
            return float(match["lat"]), float(match["long"]), f"{match['city']}, {match['state']}"
        except (KeyError, TypeError, ValueError):
            continue
    return None


def central_zip(pack: Pack) -> str | None:
    """A ZIP code at the heart of the pack: its own first ZIP, else the installed list's standard
    ZIP nearest the middle of its schools (the median point, so a far-off virtual school's office
    does not pull it away); None when neither is known."""
    row = pack.conn.execute("SELECT zip FROM zips ORDER BY zip LIMIT 1").fetchone()
    if row:
        return row[0]
    points = pack.conn.execute("SELECT latitude, longitude FROM schools WHERE latitude IS NOT NULL "
                               "AND is_virtual = 0").fetchall()
    if not points:
        return None
    lat = sorted(p[0] for p in points)[len(points) // 2]
    lon = sorted(p[1] for p in points)[len(points) // 2]
    try:
        import zipcodes
    except ImportError:
        return None
    best = None
    for item in zipcodes.list_all():
        if item.get("zip_code_type") != "STANDARD" or not item.get("active"):
            continue
        try:
            metres = haversine_m(lat, lon, float(item["lat"]), float(item["long"]))
        except (KeyError, TypeError, ValueError):
            continue
        if best is None or metres < best[0]:
            best = (metres, item["zip_code"])
    return best[1] if best else None


def home_from_address(pack: Pack, text: str) -> Home:
    """Match forgivingly: case, accents, St/Street, unit numbers; say which match was used."""
    if not pack.conn.execute("SELECT EXISTS (SELECT 1 FROM addresses)").fetchone()[0]:
        raise UserError("This pack has no address list, so addresses cannot be found offline; "
                        "use a ZIP code or tap your home on the map.")
    number, street = split_address(text)
    if not street:
        raise UserError(f"{text!r} does not look like a street address; type a number and a "
                        "street, e.g. 120 Oak Street.")
    streets = [r[0] for r in pack.conn.execute("SELECT DISTINCT street_norm FROM addresses")]
    exact_street = street in streets
    if not exact_street:
        close = difflib.get_close_matches(street, streets, n=1, cutoff=0.75)
        if not close:
            raise UserError(f"No street like {text!r} is in this pack's address list; check the "
                            "spelling, or use a ZIP code or the map.")
        street = close[0]
    rows = pack.conn.execute("SELECT number, street, latitude, longitude, zip FROM addresses "
                             "WHERE street_norm = ?", (street,)).fetchall()
    best = _nearest_number(rows, number)
    exact = exact_street and number is not None and best[0] == number
    matched = f"{best[0]} {best[1]}" + (f", {best[4]}" if best[4] else "")
    return Home(best[2], best[3], "address", text.strip(), matched, exact)


def _nearest_number(rows: list[tuple], number: str | None) -> tuple:
    def numeric(value: str) -> int:
        digits = "".join(c for c in value if c.isdigit())
        return int(digits) if digits else 0

    for row in rows:
        if number is not None and row[0] == number:
            return row
    target = numeric(number) if number else 0
    return min(rows, key=lambda r: (abs(numeric(r[0]) - target), r[0]))


# Words that say what kind of place a stop is, not which one: "Westlake/MacArthur Park" is
# "Westlake / MacArthur Park Station"; "Oak and Cedar" is "Oak St & Cedar Ln".
_STOP_FILLER = frozenset({"station", "stn", "stop", "bus", "bay", "metro", "and", "at", "the", "y",
                          "estacion", "parada", "street", "avenue", "lane", "road", "drive"})


def _stop_words(name: str) -> frozenset[str]:
    return frozenset(normalize_street(name).split()) - _STOP_FILLER


def home_from_stop(pack: Pack, text: str) -> Home:
    """A stop or station by name, forgiving about case, accents, "&"/"and", "St"/"Street" and
    the word "Station".  Every word typed must be in the name; among several, a station served by
    trains comes before a bus stop, then the shortest name.  A near spelling is taken, and said."""
    stops = pack.conn.execute("SELECT name, mode, latitude, longitude FROM stops ORDER BY key").fetchall()
    if not stops:
        raise UserError("This pack has no transit stops; use a ZIP code, an address or the map.")
    wanted = _stop_words(text)
    if not wanted:
        raise UserError(f"{text!r} does not name a stop or station; type its name, "
                        "e.g. Civic Center Station.")
    found = [row for row in stops if wanted <= _stop_words(row[0])]
    if found:
        best = min(found, key=lambda r: (r[1] == "bus", len(_stop_words(r[0])), len(r[0])))
        exact = _stop_words(best[0]) == wanted or len({r[0] for r in found}) == 1
        return Home(best[2], best[3], "stop", text.strip(), best[0], exact)
    keys = {" ".join(sorted(_stop_words(row[0]))): row for row in stops}
    close = difflib.get_close_matches(" ".join(sorted(wanted)), list(keys), n=1, cutoff=0.75)
    if not close:
        raise UserError(f"No stop or station like {text!r} is in this pack; check the spelling, "
                        "or use a ZIP code or the map.")
    best = keys[close[0]]
    return Home(best[2], best[3], "stop", text.strip(), best[0], False)


def region_box(pack: Pack) -> tuple[float, float, float, float] | None:
    """(south, west, north, east) around the region's schools, ZIP centres and stops."""
    row = pack.conn.execute(
        "SELECT min(lat), min(lon), max(lat), max(lon) FROM ("
        "SELECT latitude AS lat, longitude AS lon FROM schools "
        "WHERE latitude IS NOT NULL AND NOT is_virtual "
        "UNION ALL SELECT latitude, longitude FROM zips "
        "UNION ALL SELECT latitude, longitude FROM stops)").fetchone()
    return None if row is None or row[0] is None else tuple(row)


def km_outside(box: tuple[float, float, float, float], latitude: float, longitude: float) -> float:
    """How far a point lies beyond the box, in km (0 inside it)."""
    south, west, north, east = box
    lat = min(max(latitude, south), north)
    lon = min(max(longitude, west), east)
    return haversine_m(latitude, longitude, lat, lon) / 1000


def nearest_school_km(pack: Pack, latitude: float, longitude: float) -> float | None:
    rows = pack.conn.execute("SELECT latitude, longitude FROM schools WHERE latitude IS NOT NULL "
                             "AND NOT is_virtual").fetchall()
    if not rows:
        return None
    return min(haversine_m(latitude, longitude, lat, lon) for lat, lon in rows) / 1000


def ensure_in_region(pack: Pack, home: Home) -> Home:
    """The home, if it is in the area the pack covers; else ``OutsideRegion`` saying so."""
    box = region_box(pack)
    if box is None or km_outside(box, home.latitude, home.longitude) <= OUTSIDE_MARGIN_KM:
        return home
    nearest = nearest_school_km(pack, home.latitude, home.longitude)
    far = "" if nearest is None else f"; its nearest school is {_distance_words(pack, nearest)} away"
    raise OutsideRegion(f"{home.matched} is outside the area this pack covers, "
                        f"{pack.region.name}{far}. Give a home inside the area, or use that area's "
                        "pack.", nearest)


def _distance_words(pack: Pack, km: float) -> str:
    return format_distance(km, "en", "km" if pack.region.distance_unit == "km" else "mi")

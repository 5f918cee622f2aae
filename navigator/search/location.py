"""Finding the family's home offline: a ZIP code, a street address, a transit stop or station
(for a family who would rather not type an address, or a volunteer asked about the schools near
a station), or a point on the map."""

from __future__ import annotations

import difflib

from navigator.addresses import normalize_street, split_address
from navigator.catalogue.pack import Pack
from navigator.errors import UserError
from navigator.search.query import Home


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
        matched = f"ZIP {code}" + (f" ({row[2]})" if row[2] else "")
        return Home(row[0], row[1], "zip", code, matched)
    found = _installed_zip(code)
    if found is None:
        raise UserError(f"ZIP code {code} is not known to this pack or to the US ZIP list; "
                        "check the number, or give an address or a point on the map.")
    return Home(found[0], found[1], "zip", code, f"ZIP {code} ({found[2]})")


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

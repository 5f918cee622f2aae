"""ZIP centroids and address points: how a home is found without a network."""

from __future__ import annotations

from pathlib import Path

from navigator.addresses import normalize_street
from navigator.catalogue.build.coords import parse_point
from navigator.catalogue.build.csvfile import read_rows
from navigator.catalogue.build.report import BuildReport
from navigator.catalogue.records import Address, Source, ZipCentroid


def read_zips(path: Path, source: Source, report: BuildReport) -> list[ZipCentroid]:
    _, rows = read_rows(path, ["zip", "latitude", "longitude"], what="ZIP file")
    zips: dict[str, ZipCentroid] = {}
    for row in rows:
        code = row.get("zip") or ""
        point = parse_point(row.get("latitude"), row.get("longitude"))
        if isinstance(point, str):
            report.problem(path, row.line, f"ZIP {code} {point}; skipped")
            continue
        if code in zips:
            report.problem(path, row.line, f"ZIP {code} appears twice; kept the first")
            continue
        zips[code] = ZipCentroid(code, point[0], point[1], source.id, row.get("name"))
    return list(zips.values())


def installed_zips(points: list[tuple[float, float]], source_id: str) -> list[ZipCentroid]:
    """The installed US ZIP list's ZIP codes whose centre lies in the box round ``points``
    (latitude, longitude): kept in the pack so that finding a home by ZIP code reads one row
    instead of loading the whole list (a fifth of a second, most of ``navigator search``'s time)."""
    if not points:
        return []
    try:
        import zipcodes
    except ImportError:
        return []
    south, north = min(p[0] for p in points), max(p[0] for p in points)
    west, east = min(p[1] for p in points), max(p[1] for p in points)
    found = []
    for item in zipcodes.list_all():
        try:
            lat, lon = float(item["lat"]), float(item["long"])
        except (KeyError, TypeError, ValueError):
            continue
        if south <= lat <= north and west <= lon <= east:
            found.append(ZipCentroid(item["zip_code"], lat, lon, source_id,
                                     f"{item['city']}, {item['state']}"))
    return sorted(found, key=lambda z: z.zip)


def installed_zips_source(source_id: str) -> Source:
    import zipcodes

    return Source(source_id, "US ZIP code centres", "zipcodes (Python package)",
                  f"zipcodes {zipcodes.__version__}")


def read_addresses(path: Path, source: Source, report: BuildReport) -> list[Address]:
    _, rows = read_rows(path, ["number", "street", "latitude", "longitude"], what="address file")
    found = []
    for row in rows:
        number, street = row.get("number"), row.get("street")
        point = parse_point(row.get("latitude"), row.get("longitude"))
        if not number or not street:
            report.problem(path, row.line, "address has no number or street; skipped")
            continue
        if isinstance(point, str):
            report.problem(path, row.line, f"address {number} {street} {point}; skipped")
            continue
        found.append(Address(number.upper(), street, normalize_street(street), point[0],
                             point[1], source.id, row.get("city"), row.get("zip")))
    return found

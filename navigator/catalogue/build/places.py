"""ZIP centroids and address points: how a home is found without a network."""

from __future__ import annotations

import json
from datetime import date
from importlib import metadata
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
    """The installed US ZIP list as a source: its release (``file``), its home page and the day
    that release was built (``as_of``), so a ZIP code's centre says how old it may be."""
    import zipcodes

    try:
        dist: metadata.Distribution | None = metadata.distribution("zipcodes")
    except metadata.PackageNotFoundError:
        dist = None
    url = dist.metadata.get("Home-page") if dist is not None else None
    return Source(source_id, "US ZIP code centres", "zipcodes (Python package)",
                  f"zipcodes {zipcodes.__version__}", as_of=_built_on(dist), url=url)


def _built_on(dist) -> str | None:
    """The day the installed zipcodes release was built, from the CycloneDX SBOM its wheels carry
    (since 2.0; its data is rebuilt monthly and released at once, so the list is at most as new
    as that day).  None for a release without one (1.x): unknown, never guessed from the clock."""
    for file in (dist.files or ()) if dist is not None else ():
        if not file.name.endswith(".cyclonedx.json"):
            continue
        try:
            stamp = json.loads(file.read_text(encoding="utf-8"))["metadata"]["timestamp"]
            return date.fromisoformat(stamp[:10]).isoformat()
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return None


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

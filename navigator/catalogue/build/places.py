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

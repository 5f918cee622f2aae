"""Attendance zones and district boundaries, from any file pyogrio reads."""

from __future__ import annotations

import json
from pathlib import Path

from navigator.catalogue.build.report import BuildReport
from navigator.catalogue.records import Boundary, Source
from navigator.errors import UserError
from navigator.grades import parse_grade

SIMPLIFY_DEGREES = 0.00002  # about 2 m: keeps zone edges honest, files small


def read_boundaries(path: Path, source: Source, options: dict, report: BuildReport,
                    schools: set[str]) -> tuple[list[Boundary], list[tuple[str, str]]]:
    """Zones in WGS84 and the (boundary id, school id) pairs that are zoned to them."""
    import geopandas
    import pyogrio.errors

    try:
        frame = geopandas.read_file(path)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as err:
        raise UserError(f"The boundary file {path} cannot be read ({err}); "
                        "use GeoJSON or a Shapefile.") from None
    fields = {key: options.get(f"{key}_field", key) for key in
              ("id", "name", "schools", "grade_low", "grade_high")}
    fields["schools"] = options.get("school_field", "schools")
    for key in ("id", "schools"):
        if fields[key] not in frame.columns:
            raise UserError(f"The boundary file {path} has no property {fields[key]!r}; "
                            f"set {key if key != 'schools' else 'school'}_field in the region file.")
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    kind = options.get("kind", "attendance")
    boundaries: list[Boundary] = []
    zoned: list[tuple[str, str]] = []
    for number, record in enumerate(frame.itertuples(index=False), start=1):
        values = record._asdict()
        zone_id = str(values[fields["id"]])
        geometry = values["geometry"]
        if geometry is None or geometry.is_empty:
            report.problem(path, number, f"zone {zone_id} has no geometry; skipped")
            continue
        if not geometry.is_valid:
            geometry = geometry.buffer(0)
        geometry = geometry.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
        min_lon, min_lat, max_lon, max_lat = geometry.bounds
        boundaries.append(Boundary(
            id=zone_id, kind=kind, geojson=json.dumps(geometry.__geo_interface__),
            min_lat=min_lat, max_lat=max_lat, min_lon=min_lon, max_lon=max_lon,
            source_id=source.id, name=_text(values.get(fields["name"])),
            grade_low=_grade(values.get(fields["grade_low"])),
            grade_high=_grade(values.get(fields["grade_high"])),
        ))
        for school_id in str(values[fields["schools"]] or "").split(";"):
            school_id = school_id.strip()
            if not school_id:
                continue
            if school_id not in schools:
                report.problem(path, number, f"zone {zone_id} names unknown school {school_id!r}")
                continue
            zoned.append((zone_id, school_id))
    return boundaries, zoned


def _text(value) -> str | None:
    return None if value is None or str(value) in ("", "nan", "None") else str(value)


def _grade(value) -> int | None:
    text = _text(value)
    if text is None:
        return None
    try:
        return parse_grade(text.split(".")[0])
    except ValueError:
        return None

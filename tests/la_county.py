"""The Los Angeles County pack, built from ../shared/data through the project's own region file.

``regions/los-angeles-county.toml`` names each public source's download address and the path
``catalogue fetch`` writes it to.  The files in ../shared are the same publishers' files, older
(the 2018 directory and Dashboard, LA Metro rail of 2022, fifteen municipal feeds): this module
lays them out in a folder as ``fetch`` would (links, and a zip of each municipal feed's folder,
with the record of their SHA-256s), and builds the pack from that folder with the region file as
it is, except where ../shared differs (said in ``STAND_INS``):

- LA Metro's bus timetable: ../shared has its stops only, read as ``format = "stops"``;
- the Dashboard of 2018 in place of 2024's, named for its year;
- sources ../shared does not hold (the street map, the municipal feeds it lacks) are left out.

The session-scoped fixture ``la_county_pack`` (conftest.py) builds it once, in a few seconds.

``build_west_la`` builds the region's West Los Angeles part: the 2018 directory's schools that
stand among the streets of the street file of ../shared/data/la-streets-west (test data only, never shipped),
that file as the street map in place of the OpenStreetMap extract, and the same transit.
"""

from __future__ import annotations

import json
import tomllib
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

from navigator.catalogue.build.builder import build_pack
from navigator.catalogue.build.fetched import file_sha256, write_manifest

ROOT = Path(__file__).resolve().parent.parent
REGION = ROOT / "regions" / "los-angeles-county.toml"
MUNICIPAL = "transit/municipal/"
REPORTS: dict[Path, object] = {}  # each pack built here -> its BuildReport (notes, problems)

# The region file's path -> the file in ../shared/data that stands in for it, and any keys the
# stand-in needs changed.
STAND_INS: dict[str, tuple[str, dict]] = {
    "cde/pubschls.txt": ("ca-cde/pubschls_2018.txt", {}),
    "transit/gtfs_rail.zip": ("la-metro/gtfs_rail.zip", {}),
    "transit/gtfs_bus.zip": ("la-metro/bus_stops.txt", {
        "format": "stops", "mode": "bus", "path": "transit/bus_stops.txt",
        "name": "LA Metro bus stops (no timetable)"}),
    # the 2018 Dashboard standing in for 2024's: its name says so, or the screen would say 2024
    "dashboard/eladownload2024.txt": ("ca-dashboard/ela_2018_all_schools.csv", {
        "name": "California School Dashboard: English language arts, 2018"}),
    "dashboard/mathdownload2024.txt": ("ca-dashboard/math_2018_all_schools.csv", {
        "name": "California School Dashboard: mathematics, 2018"}),
}


# West Los Angeles: the street file's extent (its SOURCE.md), and the file standing in for the
# region's OpenStreetMap extract: a GeoJSON of named segments, read as streets classed by name.
WEST_LA = (-118.544, 34.026, -118.357, 34.178)
WEST_LA_STREETS = "la-streets-west/west_la_streets.geojson"
STREETS_STAND_IN = {
    "streets/socal-latest.osm.pbf": (WEST_LA_STREETS, {
        "format": "vector", "layer": "streets", "path": "streets/west_la_streets.geojson",
        "name": "West Los Angeles streets (test data)", "bbox": list(WEST_LA)}),
}


def stand_in(shared: Path, path: str) -> tuple[Path | None, dict]:
    """The ../shared file (or municipal feed folder) for a path of the region file."""
    if path.startswith(MUNICIPAL):
        folder = shared / "la-municipal-gtfs" / Path(path).stem
        return (folder if folder.is_dir() else None), {}
    if path not in STAND_INS:
        return None, {}
    name, changes = STAND_INS[path]
    return shared / name, changes


def lay_out(shared: Path, folder: Path, west_la: bool = False) -> Path:
    """The fetched folder and a region file for it; returns the region file's path.  With
    ``west_la``, the schools are those inside West Los Angeles and its streets are the map."""
    shared = shared.resolve()  # the sources folder links to it from elsewhere
    data = tomllib.loads(REGION.read_text(encoding="utf-8"))
    sources = folder / "sources"
    record = {}
    for section in [k for k in data if k != "region"]:
        kept = []
        for entry in data[section]:
            found, changes = stand_in(shared, entry["path"])
            if west_la and entry["path"] in STREETS_STAND_IN:
                name, changes = STREETS_STAND_IN[entry["path"]]
                found = shared / name
            if found is None:
                continue
            entry = {**entry, **changes}
            target = sources / entry["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            if found.is_dir():
                _zip_folder(found, target)
            elif west_la and section == "schools":
                _schools_inside(found, target, shared / WEST_LA_STREETS)
            else:
                target.symlink_to(found)
            record[entry["path"]] = {"url": entry["url"], "sha256": file_sha256(target),
                                     "bytes": target.stat().st_size,
                                     "fetched_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
            kept.append(entry)
        data[section] = kept
    write_manifest(sources, record)
    region = folder / "los-angeles-county.toml"
    region.write_text(to_toml(data), encoding="utf-8")
    return region


def build_la_county(shared: Path, folder: Path) -> Path:
    region = lay_out(shared, folder)
    pack = folder / "la-county.sqlite"
    REPORTS[pack] = build_pack(region, pack, sources_dir=folder / "sources",
                               built_at="2026-12-01T00:00:00Z")
    return pack


def build_west_la(shared: Path, folder: Path) -> Path:
    region = lay_out(shared, folder, west_la=True)
    pack = folder / "west-la.sqlite"
    REPORTS[pack] = build_pack(region, pack, sources_dir=folder / "sources",
                               built_at="2026-12-01T00:00:00Z")
    return pack


def _schools_inside(directory: Path, target: Path, streets: Path) -> None:
    """The directory's header and the rows of schools standing where the street file has streets
    (within a cell of about 500 m of one: the file's box also holds part of the Valley, where it
    has none)."""
    cell = 0.005
    covered = set()
    for feature in json.loads(streets.read_text(encoding="utf-8"))["features"]:
        for x, y in feature["geometry"]["coordinates"]:
            covered.add((int(x // cell), int(y // cell)))
    lines = directory.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    lat, lon = header.index("Latitude"), header.index("Longitude")
    kept = [lines[0]]
    for line in lines[1:]:
        cells = line.split("\t")
        try:
            y, x = float(cells[lat]), float(cells[lon])
        except (ValueError, IndexError):
            continue
        i, j = int(x // cell), int(y // cell)
        if any((i + di, j + dj) in covered for di in (-1, 0, 1) for dj in (-1, 0, 1)):
            kept.append(line)
    target.write_text("\n".join(kept) + "\n", encoding="utf-8")


def _zip_folder(folder: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
        for file in sorted(folder.glob("*.txt")):
            archive.write(file, file.name)


def to_toml(data: dict) -> str:
    """The region's data as TOML again (tables, arrays of tables, plain values)."""
    lines = []
    for name, value in data.items():
        if isinstance(value, dict):
            lines += [f"[{name}]"] + [f"{k} = {_value(v)}" for k, v in value.items()] + [""]
    for name, value in data.items():
        if isinstance(value, list):
            for entry in value:
                lines.append(f"[[{name}]]")
                lines += [f"{k} = {_value(v)}" for k, v in entry.items() if not isinstance(v, dict)]
                for k, v in entry.items():
                    if isinstance(v, dict):
                        lines += [f"[{name}.{k}]"] + [f"{_value(a)} = {_value(b)}" for a, b in v.items()]
                lines.append("")
    return "\n".join(lines)


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def zips_built() -> str | None:
    """The day the installed zipcodes wheel was built, read from its SBOM file as a person would
    look it up: the as-of date of a pack's "US ZIP code centres"; None for a release without one."""
    import zipcodes

    site = Path(zipcodes.__file__).resolve().parent.parent
    for sbom in site.glob("zipcodes-*.dist-info/sboms/*.cyclonedx.json"):
        return json.loads(sbom.read_text(encoding="utf-8"))["metadata"]["timestamp"][:10]
    return None

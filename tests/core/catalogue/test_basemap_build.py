"""The pack's street map: built from the demo's GeoJSON, an OpenStreetMap extract or a ready-made
tile extract; described by `catalogue info`; a broken source stops the build with one sentence."""

from __future__ import annotations

import gzip
import json
import sqlite3
import subprocess
from pathlib import Path

import pytest
from demo import DEMO_DIR as DEMO

from navigator.basemap.layers import LAYERS, MAX_ZOOM, MIN_ZOOM
from navigator.basemap.store import TileStore, read_basemap
from navigator.catalogue.build.basemap import tippecanoe_binary
from navigator.catalogue.build.basemap_features import names_from
from navigator.catalogue.build.builder import build_pack
from navigator.catalogue.pack import open_pack
from navigator.catalogue.validate import validate
from navigator.cli import main
from navigator.resources import demo_pack

CIVIC = (-118.1138, 34.0978)  # City Hall in data/demo/basemap.geojson


def tile_at(lon: float, lat: float, z: int) -> tuple[int, int]:
    import math

    n = 1 << z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


def region(folder: Path, basemap: str = "") -> Path:
    """A region of the demo's schools, with the [[basemap]] entry given."""
    path = folder / "region.toml"
    path.write_text(
        '[region]\nid = "map-test"\nname = "Map test"\nlanguages = ["en", "es", "ko"]\n'
        f'[[schools]]\nformat = "cde"\npath = "{DEMO / "schools.txt"}"\npublisher = "Test"\n'
        + basemap, encoding="utf-8")
    return path


def basemap_entry(path: Path, extra: str = "") -> str:
    return f'[[basemap]]\npath = "{path}"\npublisher = "Test map"\nas_of = 2026-01-31\n{extra}'


def test_demo_pack_has_its_street_map() -> None:
    with open_pack(demo_pack()) as pack:
        info = read_basemap(pack.conn)
        assert validate(pack) == []
    assert info is not None and info.format == "mvt" and info.layer_scheme == "navigator"
    assert (info.min_zoom, info.max_zoom) == (MIN_ZOOM, MAX_ZOOM)
    assert info.layers == LAYERS  # streets, parks, water, freeway, rail and landmarks, all drawn
    assert info.languages == ("ar", "es", "fa", "hy", "ko", "ru", "tl", "vi", "zh-Hans", "zh-Hant")
    assert "fictional" in info.source and info.as_of == "2026-09-15" and info.source_ids == ("basemap-1",)
    west, south, east, north = info.bounds  # the town and a margin, not the virtual school's office
    assert west < -118.14 and east > -118.06 and east < -117.99 and south < 34.07 and north > 34.13
    store = TileStore(demo_pack())
    try:
        body = store.tile(MAX_ZOOM, *tile_at(*CIVIC, MAX_ZOOM))
        assert body and body[0] == 0x1A  # a vector tile, unpacked for the page
        for text in ("City Hall", "Alcaldía", "시청", "市政廳", "Քաղաքապետարան", "مبنى البلدية",
                     "name:es", "name:zh-Hant", "Pine Street", "landmarks"):
            assert text.encode() in body, text
        assert store.tile(MAX_ZOOM + 1, 0, 0) is None  # the page enlarges z14; never asks deeper
        assert store.tile(MAX_ZOOM, 0, 0) is None  # the far side of the world: not in the pack
    finally:
        store.close()


def test_catalogue_info_reports_the_basemap(capsys) -> None:
    assert main(["catalogue", "info", str(demo_pack()), "--json"]) == 0
    basemap = json.loads(capsys.readouterr().out)["basemap"]
    assert {"format", "tiles", "zooms", "bytes", "source", "as_of"} <= set(basemap)
    assert basemap["format"] == "mvt" and basemap["zooms"] == [MIN_ZOOM, MAX_ZOOM]
    assert 20 < basemap["tiles"] < 200 and 5_000 < basemap["bytes"] < 200_000
    assert main(["catalogue", "info", str(demo_pack())]) == 0
    assert "Street map: " in capsys.readouterr().out


def test_pack_without_a_basemap_says_so(tmp_path: Path, capsys) -> None:
    build_pack(region(tmp_path), tmp_path / "pack.sqlite")
    with open_pack(tmp_path / "pack.sqlite") as pack:
        assert read_basemap(pack.conn) is None
        assert validate(pack) == []
    assert main(["catalogue", "info", str(tmp_path / "pack.sqlite"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["basemap"] is None
    assert TileStore(tmp_path / "pack.sqlite").tile(14, 0, 0) is None


def write_osm(path: Path) -> Path:
    """A few blocks in OpenStreetMap's own format: streets, a freeway, a park, a library."""
    import osmium

    nodes = {1: (-118.130, 34.080), 2: (-118.120, 34.080), 3: (-118.120, 34.090),
             4: (-118.130, 34.090), 5: (-118.140, 34.070), 6: (-118.110, 34.070),
             7: (-118.126, 34.084), 8: (-118.124, 34.084), 9: (-118.124, 34.086),
             10: (-118.126, 34.086), 11: (-118.125, 34.082)}
    with osmium.SimpleWriter(str(path)) as writer:
        for node_id, (lon, lat) in nodes.items():
            tags = {}
            if node_id == 11:
                tags = {"amenity": "library", "name": "Eastside Library",
                        "name:es": "Biblioteca del Este", "name:ko": "이스트사이드 도서관", "name:ru": "x"}
            writer.add_node(osmium.osm.mutable.Node(id=node_id, location=(lon, lat), tags=tags))
        ways = [
            (100, [1, 2], {"highway": "residential", "name": "Elm Street", "name:es": "Calle Olmo"}),
            (101, [2, 3], {"highway": "primary", "name": "Main Street"}),
            (102, [5, 6], {"highway": "motorway", "name": "Test Freeway", "ref": "I-99"}),
            (103, [7, 8, 9, 10, 7], {"leisure": "park", "name": "Elm Park", "name:es": "Parque Olmo"}),
            (104, [3, 4], {"highway": "footway"}),  # not drawn
        ]
        for way_id, refs, tags in ways:
            writer.add_way(osmium.osm.mutable.Way(id=way_id, nodes=refs, tags=tags))
    return path


def test_openstreetmap_extract_becomes_tiles(tmp_path: Path) -> None:
    osm = write_osm(tmp_path / "town.osm.pbf")
    report = build_pack(region(tmp_path, basemap_entry(osm)), tmp_path / "pack.sqlite")
    assert report.problems == []
    with open_pack(tmp_path / "pack.sqlite") as pack:
        info = read_basemap(pack.conn)
    assert info.layers == ("parks", "freeways", "streets", "landmarks")
    assert info.languages == ("es", "ko")  # the region's languages only: no name:ru
    store = TileStore(tmp_path / "pack.sqlite")
    body = store.tile(14, *tile_at(-118.125, 34.082, 14))
    for text in ("Elm Street", "Calle Olmo", "Main Street", "Biblioteca del Este", "Parque Olmo"):
        assert text.encode() in body, text
    assert b"I-99" in store.tile(12, *tile_at(-118.125, 34.070, 12))  # a freeway keeps its ref
    assert b"footway" not in body and b"name:ru" not in body
    low = store.tile(11, *tile_at(-118.125, 34.082, 11))
    assert b"Main Street" in low and b"Elm Street" not in low  # side streets from block zoom only
    store.close()


def test_ready_made_pmtiles_are_taken_as_they_are(tmp_path: Path) -> None:
    extract = tmp_path / "extract.pmtiles"
    subprocess.run([str(tippecanoe_binary()), "-o", str(extract), "-z", "13", "-Z", "10", "--quiet",
                    "-l", "streets", str(DEMO / "basemap.geojson")], check=True)
    build_pack(region(tmp_path, basemap_entry(extract)), tmp_path / "pack.sqlite")
    with open_pack(tmp_path / "pack.sqlite") as pack:
        info = read_basemap(pack.conn)
    assert (info.min_zoom, info.max_zoom) == (10, 13) and info.layers == ("streets",)
    from pmtiles.reader import MmapSource, Reader, all_tiles

    with extract.open("rb") as f:
        expected = {zxy: gzip.decompress(data) for zxy, data in all_tiles(MmapSource(f))}
    assert info.tiles == len(expected)
    store = TileStore(tmp_path / "pack.sqlite")
    assert all(store.tile(*zxy) == data for zxy, data in expected.items())
    store.close()
    del Reader


def _broken_sources(folder: Path) -> dict[str, Path]:
    good = folder / "good.pmtiles"
    subprocess.run([str(tippecanoe_binary()), "-o", str(good), "-z", "12", "--quiet", "-l", "streets",
                    str(DEMO / "basemap.geojson")], check=True)
    data = good.read_bytes()
    (folder / "truncated.pmtiles").write_bytes(data[: len(data) // 2])
    (folder / "garbage.pmtiles").write_bytes(b"PMTiles\x03" + b"\xff" * 200)
    (folder / "broken.osm.pbf").write_bytes(b"\x00\x00\x00\x0dnot a pbf at all" * 10)
    (folder / "broken.geojson").write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    raster = sqlite3.connect(folder / "raster.mbtiles")
    raster.executescript("CREATE TABLE metadata (name, value); CREATE TABLE tiles (zoom_level, "
                         "tile_column, tile_row, tile_data); INSERT INTO metadata VALUES ('format', 'png');")
    raster.close()
    (folder / "notsqlite.mbtiles").write_bytes(b"this is not a database" * 50)
    return {name: folder / name for name in ("truncated.pmtiles", "garbage.pmtiles", "broken.osm.pbf",
                                             "broken.geojson", "raster.mbtiles", "notsqlite.mbtiles")}


def test_a_broken_tile_source_stops_the_build_with_one_sentence(tmp_path: Path, capsys) -> None:
    out = tmp_path / "pack.sqlite"
    for name, path in _broken_sources(tmp_path).items():
        code = main(["catalogue", "build", str(region(tmp_path, basemap_entry(path))), "--out", str(out)])
        err = capsys.readouterr().err.strip()
        assert code == 2, (name, err)
        assert "Traceback" not in err and len(err.splitlines()) == 1, (name, err)
        assert path.name in err, (name, err)
        assert not out.exists(), name  # nothing half-written
        assert not list(tmp_path.glob(".pack.sqlite*")), name


def test_a_vector_file_must_say_its_layers(tmp_path: Path, capsys) -> None:
    plain = tmp_path / "plain.geojson"
    plain.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "A Road"},
         "geometry": {"type": "LineString", "coordinates": [[-118.1, 34.1], [-118.09, 34.1]]}}]}))
    toml = region(tmp_path, basemap_entry(plain))
    assert main(["catalogue", "build", str(toml), "--out", str(tmp_path / "p.sqlite")]) == 2
    assert "layer = \"streets\"" in capsys.readouterr().err
    build_pack(region(tmp_path, basemap_entry(plain, 'layer = "streets"\n')), tmp_path / "p.sqlite")
    with open_pack(tmp_path / "p.sqlite") as pack:
        assert read_basemap(pack.conn).layers == ("streets",)


@pytest.mark.parametrize("bbox", ["[1, 2, 3]", "[10, 0, -10, 5]", '"all"'])
def test_a_bad_bbox_is_one_sentence(tmp_path: Path, capsys, bbox: str) -> None:
    toml = region(tmp_path, basemap_entry(DEMO / "basemap.geojson", f"bbox = {bbox}\n"))
    assert main(["catalogue", "build", str(toml), "--out", str(tmp_path / "p.sqlite")]) == 2
    assert "[west, south, east, north]" in capsys.readouterr().err


def test_validate_flags_damaged_street_map_rows(tmp_path: Path) -> None:
    copy = tmp_path / "pack.sqlite"
    copy.write_bytes(demo_pack().read_bytes())
    conn = sqlite3.connect(copy)
    conn.execute("INSERT INTO basemap_tiles VALUES (3, 9, 0, x'1a00')")  # x beyond 2^3 - 1
    conn.commit()
    conn.close()
    with open_pack(copy) as pack:
        assert "1 street-map tile outside its zoom level (left out), first: 3 9 0" in validate(pack)
        # ...and the app never serves it
        assert pack.conn.execute("SELECT count(*) FROM basemap_tiles WHERE z = 3").fetchone() == (0,)


def test_a_language_written_with_its_script_is_keyed_as_openstreetmap_keys_it() -> None:
    """The app asks the map for ``name:zh-Hant`` (map_sync.name_keys), as OpenStreetMap writes it;
    a region lists the language as its catalogue does (``zh_Hant``)."""
    tags = {"name": "Chinatown Branch Library", "name:zh-Hant": "華埠分館", "name_zh_Hans": "华埠分馆",
            "name:es": "Biblioteca Chinatown"}
    assert names_from(tags, ["zh_Hant", "zh_Hans", "ko"]) == {
        "name": "Chinatown Branch Library", "name:zh-Hant": "華埠分館", "name:zh-Hans": "华埠分馆"}

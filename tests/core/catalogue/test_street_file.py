"""A city's street file with names only: classes read from the names, segments joined into
lines, and the estimate ``catalogue build`` says first.  On real geometry: the West Los Angeles
street file of ../shared (test data only), built into the LA County region's West LA part."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from demo import DEMO_DIR as DEMO
from la_county import REPORTS, WEST_LA, WEST_LA_STREETS
from test_basemap_build import tile_at

from navigator.basemap.layers import MAX_ZOOM
from navigator.basemap.store import TileStore, decompress, read_basemap
from navigator.catalogue.build.basemap import tippecanoe_binary
from navigator.catalogue.build.basemap_estimate import estimate_basemap
from navigator.catalogue.build.basemap_features import MapFeature, merge_lines
from navigator.catalogue.build.basemap_streets import street_class
from navigator.catalogue.build.region import SourceEntry, load_region
from navigator.catalogue.pack import open_pack
from navigator.cli import main

WILSHIRE_AT_WESTWOOD = (-118.4432, 34.0592)  # Wilshire Boulevard crossing Westwood Boulevard


@pytest.mark.parametrize(("name", "expected"), [
    ("Wilshire Boulevard", ("streets", "major")),
    ("West Sunset Boulevard", ("streets", "major")),
    ("Pacific Coast Highway", ("streets", "major")),
    ("Avenue of the Stars", ("streets", "secondary")),
    ("Elevado Avenue", ("streets", "secondary")),
    ("Glendon Ave", ("streets", "secondary")),
    ("Chalon Road", ("streets", "minor")),
    ("Mandeville Canyon", ("streets", "minor")),
    ("San Diego Freeway", ("freeways", "freeway")),
    ("North Kenter fire road", None),
    ("Mount Saint Mary's Fire Road", None),
    ("Getty Center Tram", None),
    ("Sepulveda Intertie", None),
    ("Backbone Trail", None),
])
def test_a_streets_class_comes_from_its_name(name: str, expected) -> None:
    assert street_class(name) == expected


def _segment(name: str, a: tuple[float, float], b: tuple[float, float], kind: str = "minor") -> MapFeature:
    return MapFeature("streets", kind, {"type": "LineString", "coordinates": [list(a), list(b)]},
                      {"name": name}, 13)


def test_segments_of_a_street_join_end_to_end_straightened_and_nothing_else_joins() -> None:
    elm = [_segment("Elm Street", (0.000, 0), (0.001, 0)), _segment("Elm Street", (0.001, 0), (0.002, 0)),
           _segment("Elm Street", (0.002, 0), (0.003, 0.001)),  # a bend: kept
           _segment("Elm Street", (0.010, 0), (0.011, 0))]  # another piece, not touching
    oak = [_segment("Oak Street", (0.001, 0), (0.001, 0.001))]  # crosses Elm: stays apart
    park = MapFeature("parks", "park", {"type": "Point", "coordinates": [0, 0]}, {"name": "P"}, 12)
    merged = list(merge_lines(elm + oak + [park]))
    assert merged[0] is park  # what is not a line passes through first, as it was
    lines = {(f.names["name"], tuple(map(tuple, f.geometry["coordinates"]))) for f in merged[1:]}
    assert lines == {
        ("Elm Street", ((0.0, 0.0), (0.002, 0.0), (0.003, 0.001))),  # the straight corner gone
        ("Elm Street", ((0.01, 0.0), (0.011, 0.0))),
        ("Oak Street", ((0.001, 0.0), (0.001, 0.001))),
    }
    assert all(f.min_zoom == 13 and f.kind == "minor" for f in merged[1:])


def test_the_estimate_says_its_figures(tmp_path: Path) -> None:
    streets = tmp_path / "streets.geojson"
    streets.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": f"Street {i}"},
         "geometry": {"type": "LineString",
                      "coordinates": [[-118.1, 34 + i / 1000], [-118.09, 34 + i / 1000]]}}
        for i in range(1234)]}), encoding="utf-8")
    toml = tmp_path / "region.toml"
    toml.write_text('[region]\nid = "e"\nname = "E"\n[[schools]]\nformat = "cde"\n'
                    f'path = "{DEMO / "schools.txt"}"\n[[basemap]]\npath = "streets.geojson"\n'
                    'layer = "streets"\npublisher = "T"\n', encoding="utf-8")
    estimate = estimate_basemap(load_region(toml, None).section("basemap"))
    assert estimate.features == 1234 and estimate.input_bytes == streets.stat().st_size
    assert 100_000 < estimate.input_bytes < 1_000_000  # said in kB, to two figures
    assert estimate.tile_bytes == 15_000 + int(1234 * 7.5)
    assert estimate.seconds == pytest.approx(0.3 + 1234 * 45e-6)
    assert estimate.sentence() == (
        "Street map: about 1,200 streets and other features from streets.geojson "
        f"({round(streets.stat().st_size / 10_000) * 10} kB); expect about 24 kB of tiles and 1 s "
        "to make them.")


# ---------------------------------------------------------------------------------------------------
# West Los Angeles: real streets, real schools


def test_west_la_builds_with_its_schools_and_street_map(west_la_pack: Path) -> None:
    report = REPORTS[west_la_pack]
    assert any("fire road(s)" in note for note in report.notes)
    with open_pack(west_la_pack) as pack:
        info = read_basemap(pack.conn)
        schools = pack.conn.execute("SELECT name, longitude, latitude FROM schools").fetchall()
    names = {name for name, _lon, _lat in schools}
    assert {"University Senior High", "Westwood Charter Elementary", "Beverly Hills High"} <= names
    assert 40 < len(schools) < 100
    assert not names & {"North Hollywood Senior High", "Van Nuys Middle"}  # the Valley: no streets
    m = 0.01  # a school within a block of the file's edge
    assert all(WEST_LA[0] - m <= lon <= WEST_LA[2] + m and WEST_LA[1] - m <= lat <= WEST_LA[3] + m
               for _name, lon, lat in schools if lon is not None)
    assert info.layers == ("freeways", "streets") and info.bounds == WEST_LA
    assert "West Los Angeles streets" in info.source


def test_west_la_tiles_hold_street_names_major_streets_first(west_la_pack: Path) -> None:
    store = TileStore(west_la_pack)
    try:
        block = store.tile(MAX_ZOOM, *tile_at(*WILSHIRE_AT_WESTWOOD, MAX_ZOOM))
        for name in (b"Wilshire Boulevard", b"Westwood Boulevard", b"Glendon Avenue", b"Lindbrook Drive"):
            assert name in block, name
        town = store.tile(11, *tile_at(*WILSHIRE_AT_WESTWOOD, 11))  # the whole west side
        assert b"Wilshire Boulevard" in town and b"Santa Monica Boulevard" in town
        assert b"Lindbrook Drive" not in town and b"Glendon Avenue" not in town  # side streets later
    finally:
        store.close()
    with open_pack(west_la_pack) as pack:
        tiles = [decompress(data) for (data,) in pack.conn.execute("SELECT data FROM basemap_tiles")]
    assert not [t for t in tiles if b"fire road" in t.lower() or b"Intertie" in t]  # not streets


def test_west_la_estimate_is_what_the_build_then_makes(west_la_pack: Path, shared_data: Path,
                                                        capsys) -> None:
    region = west_la_pack.parent / "los-angeles-county.toml"
    estimate = estimate_basemap(load_region(region, west_la_pack.parent / "sources").section("basemap"))
    assert estimate.features == 19_641  # the file's segments, as GDAL counts them
    assert estimate.input_bytes == (shared_data / WEST_LA_STREETS).stat().st_size
    with open_pack(west_la_pack) as pack:
        built = read_basemap(pack.conn).bytes
    assert built / 2 < estimate.tile_bytes < built * 2, (built, estimate.tile_bytes)
    out = west_la_pack.parent / "again.sqlite"
    assert main(["catalogue", "build", str(region), "--from", str(west_la_pack.parent / "sources"),
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == estimate.sentence()  # said first, before the build's own summary
    assert printed[0].startswith("Street map: about 20,000 streets and other features from "
                                 "west_la_streets.geojson (3.4 MB); expect about ")
    assert printed[1].startswith("Built a pack with")


def test_an_openstreetmap_extract_is_estimated_by_the_share_kept(tmp_path: Path) -> None:
    """An extract's header names its area: a bbox keeping a quarter of it, a quarter of the lines."""
    import osmium

    header = osmium.io.Header()
    header.add_box(osmium.osm.Box(osmium.osm.Location(-119.0, 33.0), osmium.osm.Location(-117.0, 35.0)))
    extract = tmp_path / "area.osm.pbf"
    writer = osmium.SimpleWriter(str(extract), 1 << 22, header)
    for i in range(2000):
        writer.add_node(osmium.osm.mutable.Node(id=i + 1, location=(-118 + i / 1e4, 34.0),
                                                tags={"name": f"Node {i}"}))
    writer.close()
    size = extract.stat().st_size
    entry = SourceEntry("basemap", 0, extract, {"bbox": [-118.5, 33.5, -117.5, 34.5]})
    quarter = estimate_basemap([entry])
    assert quarter.features == int(size / 400 * 0.25)
    assert quarter.tile_bytes == 15_000 + int(size / 400 * 0.25 * 13)
    whole = estimate_basemap([SourceEntry("basemap", 0, extract, {})])  # no bbox: all of it
    assert whole.features == int(size / 400)


def test_a_tile_extract_is_estimated_by_its_own_size(tmp_path: Path) -> None:
    extract = tmp_path / "city.pmtiles"
    subprocess.run([str(tippecanoe_binary()), "-o", str(extract), "-z", "12", "--quiet", "-l", "streets",
                    str(DEMO / "basemap.geojson")], check=True)
    estimate = estimate_basemap([SourceEntry("basemap", 0, extract, {})])
    assert (estimate.features, estimate.tile_bytes) == (0, extract.stat().st_size)
    assert estimate.sentence().startswith("Street map: tiles taken as they are from city.pmtiles (")

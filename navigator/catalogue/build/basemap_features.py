"""Streets, parks, water, rail and landmarks out of an OpenStreetMap extract or any vector file.

Both readers give the same thing: :class:`MapFeature` records in the basemap's layers
(``navigator.basemap.layers``), each with its kind, its name as signed, its names in the region's
languages (``name:es``, ``name:ko``, ...) and the zoom it first appears at.  The pack builder's
``basemap`` module turns them into vector tiles.

* OpenStreetMap (``.osm.pbf``, ``.osm``): read with pyosmium, whose C++ filters drop everything
  the map does not draw before Python sees it, and which assembles parks and lakes mapped as
  multipolygon relations and hands each object's tags as a mapping.  GDAL's OSM driver reads a
  file's lines faster (README, Benchmarks: 2.8 s against 24 s for 400,000 segments, which includes
  sorting them into layers here), but gives areas and relations as separate layers, most tags in
  one ``other_tags`` string, and reads neither libosmium's compressed blocks nor its files
  without metadata of large extracts reliably; the tiles take four times longer than either.
* Any file GDAL reads (GeoJSON, GeoPackage, FlatGeobuf, shapefile): each feature's layer comes
  from the ``layer`` option, from a column (``layer_field``, "layer" by default), or from
  OpenStreetMap tag columns (``highway``, ``railway``, ``leisure``, ...) when the file has them;
  a street with no class takes one from its name (``basemap_streets``), and ``merge_lines`` joins
  a street's segments into lines.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from navigator.basemap.layers import LANDMARK_KINDS, LAYERS, LINE_LAYERS, first_zoom
from navigator.catalogue.build.basemap_streets import street_class
from navigator.catalogue.build.report import BuildReport
from navigator.errors import UserError

STRAIGHT_DEG = 0.00002  # about 2 m: joined lines lose the points that bend them less than this
OSM_KEYS = ("highway", "railway", "waterway", "natural", "leisure", "landuse", "amenity", "boundary",
            "water")


@dataclass
class MapFeature:
    layer: str
    kind: str
    geometry: dict  # GeoJSON, WGS84
    names: dict[str, str] = field(default_factory=dict)  # "name", "name:es", ...; "ref" for freeways
    min_zoom: int = 0

    def as_geojson(self) -> str:
        return json.dumps({"type": "Feature", "properties": {"kind": self.kind, **self.names},
                           "geometry": self.geometry, "tippecanoe": {"minzoom": self.min_zoom}},
                          ensure_ascii=False, separators=(",", ":"))


# ---------------------------------------------------------------------------------------------------
# OpenStreetMap tags -> layer and kind

HIGHWAYS = {
    "motorway": ("freeways", "freeway"), "trunk": ("freeways", "freeway"),
    "motorway_link": ("freeways", "ramp"), "trunk_link": ("freeways", "ramp"),
    "primary": ("streets", "major"), "primary_link": ("streets", "major"),
    "secondary": ("streets", "major"), "secondary_link": ("streets", "major"),
    "tertiary": ("streets", "secondary"), "tertiary_link": ("streets", "secondary"),
    "residential": ("streets", "minor"), "unclassified": ("streets", "minor"),
    "living_street": ("streets", "minor"), "road": ("streets", "minor"),
    "pedestrian": ("streets", "minor"),
}
RAILWAYS = {"rail": "rail", "light_rail": "light_rail", "subway": "subway", "tram": "tram"}
PARKS = {("leisure", "park"), ("leisure", "garden"), ("leisure", "recreation_ground"),
         ("leisure", "nature_reserve"), ("landuse", "recreation_ground"), ("leisure", "playground"),
         ("boundary", "national_park"), ("boundary", "protected_area")}
WATER_AREAS = {("natural", "water"), ("landuse", "reservoir"), ("landuse", "basin"),
               ("waterway", "riverbank"), ("natural", "bay")}
WATERWAYS = {"river": "river", "canal": "canal", "stream": "stream"}
LANDMARKS = {("amenity", "library"): "library", ("amenity", "community_centre"): "community_centre",
             ("amenity", "townhall"): "civic", ("amenity", "courthouse"): "civic",
             ("amenity", "post_office"): "civic", ("amenity", "fire_station"): "civic",
             ("amenity", "police"): "civic", ("office", "government"): "civic"}


def classify_line(tags: Mapping[str, str]) -> tuple[str, str] | None:
    highway = tags.get("highway")
    if highway in HIGHWAYS:
        if highway == "pedestrian" and not tags.get("name"):
            return None
        return HIGHWAYS[highway]
    railway = tags.get("railway")
    if railway in RAILWAYS and tags.get("service") not in ("yard", "siding", "spur", "crossover"):
        return "rail", RAILWAYS[railway]
    waterway = tags.get("waterway")
    if waterway in WATERWAYS and tags.get("tunnel") not in ("yes", "culvert"):
        return "water", WATERWAYS[waterway]
    return None


def classify_area(tags: Mapping[str, str]) -> tuple[str, str] | None:
    pairs = set(tags.items())
    if pairs & PARKS:
        return "parks", "park"
    if pairs & WATER_AREAS:
        return "water", "water"
    return None


def classify_point(tags: Mapping[str, str]) -> str | None:
    for pair, kind in LANDMARKS.items():
        if tags.get(pair[0]) == pair[1]:
            return kind
    return None


def names_from(tags: Mapping[str, Any], languages: Iterable[str], name_key: str = "name",
               ref: bool = False) -> dict[str, str]:
    """The name as signed, and its translations in the languages asked for (``name:es`` or
    ``name_es`` columns).  A language written with its script is keyed as OpenStreetMap and the
    app's map key it (``name:zh-Hant``, whether the source wrote that or ``name:zh_Hant``)."""
    names = {}
    name = _text(tags.get(name_key))
    if name:
        names["name"] = name
    for lang in languages:
        osm = lang.replace("_", "-")
        value = _text(tags.get(f"{name_key}:{osm}")) or _text(tags.get(f"{name_key}:{lang}")) \
            or _text(tags.get(f"{name_key}_{lang}"))
        if value and value != name:
            names[f"name:{osm}"] = value
    if ref and _text(tags.get("ref")):
        names["ref"] = _text(tags.get("ref"))
    return names


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _feature(layer: str, kind: str, geometry: dict, names: dict[str, str]) -> MapFeature:
    return MapFeature(layer, kind, geometry, names, first_zoom(layer, kind))


def _label_point(layer: str, geometry: dict, names: dict[str, str]) -> MapFeature | None:
    """A named park or lake also gets a label point in the landmarks layer (tiles label points
    well and polygons badly)."""
    if "name" not in names:
        return None
    import shapely

    shape = shapely.geometry.shape(geometry)
    if shape.is_empty:
        return None
    point = shape.point_on_surface()
    kind = "park" if layer == "parks" else "water"
    return _feature("landmarks", kind, {"type": "Point", "coordinates": [point.x, point.y]}, names)


# ---------------------------------------------------------------------------------------------------
# OpenStreetMap extracts


def read_osm(path: Path, languages: list[str], report: BuildReport) -> Iterator[MapFeature]:
    """Every street, freeway, railway, waterway, park, lake and landmark in an OSM extract."""
    import osmium

    keys = osmium.filter.KeyFilter(*OSM_KEYS, "office")
    geojson = osmium.geom.GeoJSONFactory()
    processor = (osmium.FileProcessor(path).with_locations().with_areas(
        osmium.filter.KeyFilter("leisure", "natural", "landuse", "waterway", "boundary", "amenity",
                                "water")).with_filter(keys))
    try:
        for obj in processor:
            tags = dict(obj.tags)
            if obj.is_node():
                kind = classify_point(tags)
                if kind and tags.get("name"):
                    yield _feature("landmarks", kind, {"type": "Point", "coordinates": [
                        obj.location.lon, obj.location.lat]}, names_from(tags, languages))
            elif obj.is_way():
                found = classify_line(tags)
                if found is None:
                    continue
                try:
                    geometry = json.loads(geojson.create_linestring(obj))
                except RuntimeError:  # a way with missing or repeated nodes
                    report.problem(path, None, f"way {obj.id} has no usable line; left out")
                    continue
                yield _feature(*found, geometry, names_from(tags, languages, ref=found[0] == "freeways"))
            elif obj.is_area():
                yield from _osm_area(obj, tags, geojson, languages, path, report)
    except RuntimeError as err:
        raise UserError(f"The OpenStreetMap file {path} could not be read ({err}); download the "
                        "extract again or check it with 'osmium fileinfo'.") from None


def _osm_area(obj, tags, geojson, languages, path, report) -> Iterator[MapFeature]:
    found = classify_area(tags)
    kind = classify_point(tags)
    if found is None and kind is None:
        return
    try:
        geometry = json.loads(geojson.create_multipolygon(obj))
    except RuntimeError:
        report.problem(path, None, f"area {obj.orig_id()} is not a closed shape; left out")
        return
    names = names_from(tags, languages)
    if found is not None:
        yield _feature(*found, geometry, names)
        label = _label_point(found[0], geometry, names)
        if label:
            yield label
    elif names:  # a library or town hall mapped as a building: its point
        import shapely

        point = shapely.geometry.shape(geometry).point_on_surface()
        yield _feature("landmarks", kind, {"type": "Point", "coordinates": [point.x, point.y]}, names)


# ---------------------------------------------------------------------------------------------------
# Vector files GDAL reads


def read_vector(path: Path, options: Mapping[str, Any], languages: list[str],
                report: BuildReport) -> Iterator[MapFeature]:
    """Features of any vector file, sorted into layers by option, column or OSM tags."""
    import pyogrio

    try:
        frame = pyogrio.read_dataframe(path, layer=options.get("gdal_layer"))
    except Exception as err:  # noqa: BLE001 - pyogrio raises many kinds; each is the same answer
        raise UserError(f"The basemap file {path} could not be read as a vector file ({err}); "
                        "check it opens in a GIS program, or export it again as GeoJSON.") from None
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    fixed = options.get("layer")
    if fixed is not None and fixed not in LAYERS:
        raise UserError(f"layer = {fixed!r} for {path} is not a basemap layer; use one of "
                        f"{', '.join(LAYERS)}.")
    layer_field = options.get("layer_field", "layer")
    values = dict(options.get("values", {}))
    osm_tags = [k for k in OSM_KEYS if k in frame.columns]
    if fixed is None and layer_field not in frame.columns and not osm_tags:
        raise UserError(f"The basemap file {path} does not say which layer its features belong "
                        f"to: add layer = \"streets\" (one of {', '.join(LAYERS)}) or layer_field "
                        "= \"COLUMN\" to its [[basemap]] entry.")
    kind_field = options.get("kind_field", "kind")
    name_field = options.get("name_field", "name")
    columns = [c for c in frame.columns if c != "geometry"]
    skipped = not_streets = 0
    for row, geometry in zip(frame[columns].itertuples(index=False), frame.geometry, strict=True):
        props = dict(zip(columns, row, strict=True))
        if geometry is None or geometry.is_empty:
            skipped += 1
            continue
        found = _vector_layer(props, fixed, layer_field, values, kind_field, osm_tags, geometry)
        if found == ("streets", ""):  # no class given: read from the name
            found = street_class(_text(props.get(name_field)))
            if found is None:
                not_streets += 1
                continue
        if found is None:
            skipped += 1
            continue
        layer, kind = found
        names = names_from(props, languages, name_field, ref=layer == "freeways")
        shape = json.loads(json.dumps(geometry.__geo_interface__))
        if layer == "landmarks" and geometry.geom_type != "Point":
            point = geometry.point_on_surface()
            shape = {"type": "Point", "coordinates": [point.x, point.y]}
        if not _fits(layer, shape["type"]):
            skipped += 1
            continue
        yield _feature(layer, kind, shape, names)
        if layer in ("parks", "water") and shape["type"] in ("Polygon", "MultiPolygon"):
            label = _label_point(layer, shape, names)
            if label:
                yield label
    if skipped:
        report.problem(path, None, f"{skipped} feature(s) with no basemap layer, no geometry or a "
                       "geometry their layer cannot draw were left out")
    if not_streets:
        report.note(path, f"{not_streets:,} fire road(s), trail(s), walk(s) or utility line(s), "
                    "by their names, left out of the streets")


def _vector_layer(props, fixed, layer_field, values, kind_field, osm_tags, geometry):
    kind = _text(props.get(kind_field))
    if fixed is not None:
        layer = fixed
    elif layer_field in props and _text(props.get(layer_field)):
        value = _text(props.get(layer_field))
        layer = values.get(value, value)
        if layer not in LAYERS:
            return None
    elif osm_tags:
        tags = {k: _text(props.get(k)) for k in osm_tags if _text(props.get(k))}
        polygonal = geometry.geom_type in ("Polygon", "MultiPolygon")
        point = geometry.geom_type in ("Point", "MultiPoint")
        if point or (polygonal and classify_area(tags) is None):
            landmark = classify_point(tags)
            return ("landmarks", landmark) if landmark else None
        return classify_area(tags) if polygonal else classify_line(tags)
    else:
        return None
    if layer == "landmarks" and kind not in LANDMARK_KINDS:
        kind = "civic"
    if layer == "streets" and not kind:
        return layer, ""  # the caller reads the class from the street's name
    return layer, kind or _default_kind(layer)


def _default_kind(layer: str) -> str:
    return {"streets": "minor", "freeways": "freeway", "rail": "rail", "parks": "park",
            "water": "water", "landmarks": "civic"}[layer]


def _fits(layer: str, geometry_type: str) -> bool:
    lines = ("LineString", "MultiLineString")
    areas = ("Polygon", "MultiPolygon")
    if layer in LINE_LAYERS:
        return geometry_type in lines
    if layer == "parks":
        return geometry_type in areas
    if layer == "water":
        return geometry_type in lines + areas
    return geometry_type == "Point"


# ---------------------------------------------------------------------------------------------------
# A street's segments joined into lines


def merge_lines(features: Iterable[MapFeature]) -> Iterator[MapFeature]:
    """The features with each street's segments joined into as few lines as its shape allows
    (lines meet end to end where exactly two of the same street's segments share a point).  Other
    features pass through as they come; the joined lines follow them, ordered by layer, kind and
    name so a build is repeatable."""
    import shapely

    groups: dict[tuple[str, str, str, int], list] = {}
    first: dict[tuple[str, str, str, int], MapFeature] = {}
    for feature in features:
        if feature.layer not in LINE_LAYERS or not feature.names or \
                feature.geometry["type"] not in ("LineString", "MultiLineString"):
            yield feature
            continue
        key = (feature.layer, feature.kind, json.dumps(feature.names, sort_keys=True), feature.min_zoom)
        groups.setdefault(key, []).append(shapely.geometry.shape(feature.geometry))
        first.setdefault(key, feature)
    for key in sorted(groups):
        parts = [line for shape in groups[key] for line in getattr(shape, "geoms", [shape])]
        # The block corners of a straight street go too (within about 2 m): a name is drawn
        # along one straight stretch, which a line of block-long steps never offers at town zoom.
        merged = shapely.line_merge(shapely.multilinestrings(parts)).simplify(STRAIGHT_DEG)
        for line in getattr(merged, "geoms", [merged]):
            if not line.is_empty:
                yield replace(first[key], geometry=shapely.geometry.mapping(line))

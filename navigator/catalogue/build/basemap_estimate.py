"""How big the street map will be and how long it will take, said before the build starts.

A county's OpenStreetMap extract takes minutes to cut into tiles; the person running
``catalogue build`` should know that before the terminal goes quiet.  The figures come from the
inputs alone, in well under a second: a vector file's feature count (GDAL reads it from the
file's header or a quick scan), an OpenStreetMap extract's size and the share of its area inside
the region's bbox (the extract's header names its area), a tile extract's own size.

The rates are measured (README, Benchmarks: ``navigator bench build --streets``, ``bench map``):

* a vector street file: the West Los Angeles file, 19,641 segments joined into about 1,300 lines,
  about 0.9 s and 140 kB of tiles: about 45 µs and 7 bytes of tiles a feature;
* an OpenStreetMap extract: the LA-size synthetic network, 404,332 segments, 94-108 s and
  5.2 MB: about 250 µs and 13 bytes a drawn line; a real extract (Geofabrik's) holds about one
  drawn line (street, rail, river, park) per 400 bytes of ``.osm.pbf``, with the buildings,
  addresses and paths the map does not draw in between.

An estimate, said as one: within a factor of two or three of what the build then does (the
test holds the West LA figures to that).
"""

from __future__ import annotations

from dataclasses import dataclass

from navigator.catalogue.build.basemap import BBox, source_kind
from navigator.catalogue.build.region import SourceEntry

START_S = 0.3  # tippecanoe's start and the pack's tile table, whatever the input
START_BYTES = 15_000  # the region's tiles at low zooms, however little they hold (the demo: 16 kB)
VECTOR_S_PER_FEATURE = 45e-6
VECTOR_BYTES_PER_FEATURE = 7.5
OSM_S_PER_LINE = 250e-6
OSM_BYTES_PER_LINE = 13.0
OSM_FILE_BYTES_PER_LINE = 400.0
TILES_S_PER_MB = 0.05  # a tile extract is only copied


@dataclass(frozen=True)
class BasemapEstimate:
    """What the street map's build is expected to take."""

    files: tuple[str, ...]
    input_bytes: int
    features: int  # lines, areas and points expected to be drawn (0 for a tile extract)
    tile_bytes: int
    seconds: float

    def sentence(self) -> str:
        what = (f"about {_round(self.features):,} streets and other features"
                if self.features else "tiles taken as they are")
        return (f"Street map: {what} from {', '.join(self.files)} ({_megabytes(self.input_bytes)}); "
                f"expect about {_megabytes(self.tile_bytes)} of tiles and {_duration(self.seconds)} "
                "to make them.")


def estimate_basemap(entries: list[SourceEntry], bbox: BBox | None = None) -> BasemapEstimate | None:
    """The estimate for a region's ``[[basemap]]`` entries (None when it has none).  ``bbox``: the
    area kept, when the entries do not give theirs."""
    if not entries:
        return None
    features = input_bytes = 0
    tile_bytes = START_BYTES
    seconds = START_S
    for entry in entries:
        size = entry.path.stat().st_size if entry.path.is_file() else 0
        input_bytes += size
        kind = source_kind(entry)
        if kind == "tiles":  # a lone entry (the build refuses more): its size is the tiles'
            tile_bytes = size
            seconds += TILES_S_PER_MB * size / 2**20
        elif kind == "osm":
            lines = size / OSM_FILE_BYTES_PER_LINE * _share_inside(entry, bbox)
            features += int(lines)
            tile_bytes += int(lines * OSM_BYTES_PER_LINE)
            seconds += lines * OSM_S_PER_LINE
        else:
            count = _feature_count(entry)
            features += count
            tile_bytes += int(count * VECTOR_BYTES_PER_FEATURE)
            seconds += count * VECTOR_S_PER_FEATURE
    return BasemapEstimate(tuple(e.path.name for e in entries), input_bytes, features, tile_bytes,
                           seconds)


def _feature_count(entry: SourceEntry) -> int:
    import pyogrio

    try:
        return max(0, int(pyogrio.read_info(entry.path, layer=entry.options.get("gdal_layer"))
                          ["features"]))
    except Exception:  # noqa: BLE001 - an unreadable file: the build says why, in one sentence
        return 0


def _share_inside(entry: SourceEntry, bbox: BBox | None) -> float:
    """The part of an OpenStreetMap extract's area inside the bbox kept (1 when unknown)."""
    kept = entry.options.get("bbox") or bbox
    if not kept:
        return 1.0
    import osmium

    try:
        box = osmium.io.Reader(str(entry.path), osmium.osm.osm_entity_bits.NOTHING).header().box()
    except RuntimeError:
        return 1.0
    if not box.valid():
        return 1.0
    file_box = (box.bottom_left.lon, box.bottom_left.lat, box.top_right.lon, box.top_right.lat)
    return _overlap(file_box, tuple(kept))


def _overlap(a: tuple, b: tuple) -> float:
    """The share of box ``a`` (west, south, east, north) that box ``b`` covers."""
    area = (a[2] - a[0]) * (a[3] - a[1])
    if area <= 0:
        return 1.0
    width = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    height = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    return width * height / area


def _round(n: int) -> int:
    """Two significant figures: an estimate says no more than it knows."""
    if n < 100:
        return n
    digits = len(str(n)) - 2
    return round(n, -digits)


def _megabytes(n: int) -> str:
    if n < 1_000_000:
        return f"{max(1, _round(round(n / 1000))):,} kB"
    return f"{n / 1_000_000:,.1f} MB"


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    if seconds < 5400:
        return f"{round(seconds / 60)} minutes"
    return f"{seconds / 3600:.1f} hours"

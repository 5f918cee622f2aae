"""Reading a pack's basemap: what it is (for ``catalogue info`` and the map) and its tiles.

Tiles live in the pack's ``basemap_tiles`` table (SCHEMA.md), keyed by zoom, column and row in
the XYZ scheme the map page asks for, gzip-compressed or not (the first two bytes tell).  A pack
without a basemap, or one built before the table existed, has none: every function here then
answers None and the map says there is no street map.
"""

from __future__ import annotations

import gzip
import json
import sqlite3
import zlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class BasemapInfo:
    """One pack's basemap, as ``catalogue info --json`` reports it under ``"basemap"``."""

    format: str  # "mvt": Mapbox vector tiles
    layer_scheme: str  # "navigator" (our layers) or "protomaps" (a Protomaps basemap build)
    tiles: int
    min_zoom: int
    max_zoom: int
    bounds: tuple[float, float, float, float]  # west, south, east, north
    layers: tuple[str, ...]
    languages: tuple[str, ...]  # the name:LANG properties the labels can use
    bytes: int
    source: str  # the sources' names (their publishers are in the pack's sources), as the map credits them
    as_of: str | None  # the newest of the sources' dates
    source_ids: tuple[str, ...] = ()  # the pack's sources (their titles in other languages: pack_texts)

    def as_json(self) -> dict:
        return {
            "format": self.format, "layer_scheme": self.layer_scheme, "tiles": self.tiles,
            "zooms": [self.min_zoom, self.max_zoom], "bounds": list(self.bounds),
            "layers": list(self.layers), "languages": list(self.languages), "bytes": self.bytes,
            "source": self.source, "as_of": self.as_of,
        }


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        (name,)).fetchone() is not None


def read_basemap(conn: sqlite3.Connection) -> BasemapInfo | None:
    """The pack's basemap, or None when it has none."""
    if not (_has_table(conn, "basemap") and _has_table(conn, "basemap_tiles")):
        return None
    row = conn.execute(
        "SELECT format, layer_scheme, min_zoom, max_zoom, west, south, east, north, layers, "
        "languages, source_ids FROM basemap").fetchone()
    if row is None:
        return None
    tiles, size = conn.execute(
        "SELECT count(*), coalesce(sum(length(data)), 0) FROM basemap_tiles").fetchone()
    if not tiles:
        return None
    source_ids = json.loads(row[10])
    sources, found_ids = [], []
    for source_id in source_ids:
        found = conn.execute("SELECT name, publisher, as_of FROM sources WHERE id = ?",
                             (source_id,)).fetchone()
        if found:
            sources.append(found)
            found_ids.append(source_id)
    dates = [as_of for _name, _publisher, as_of in sources if as_of]
    return BasemapInfo(
        format=row[0], layer_scheme=row[1], tiles=tiles, min_zoom=row[2], max_zoom=row[3],
        bounds=(row[4], row[5], row[6], row[7]), layers=tuple(json.loads(row[8])),
        languages=tuple(json.loads(row[9])), bytes=size,
        source="; ".join(name for name, _publisher, _as_of in sources),
        as_of=max(dates) if dates else None, source_ids=tuple(found_ids))


def decompress(data: bytes) -> bytes:
    """A tile as the page reads it: gzip-compressed tiles are unpacked here (the URL scheme has no
    Content-Encoding to let the page do it)."""
    return gzip.decompress(data) if data[:2] == GZIP_MAGIC else data


class TileStore:
    """A pack's tiles, on a read-only connection of its own (the app's search thread keeps the
    pack's main one busy).  ``tile`` answers None for a tile the pack does not have: the sea, or
    beyond the region."""

    def __init__(self, pack_path: Path) -> None:
        uri = f"file:{quote(str(Path(pack_path).resolve()))}?mode=ro"
        self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self.info = read_basemap(self._conn)

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        if self.info is None:
            return None
        if z > self.info.max_zoom:  # the page enlarges the deepest tiles; never asks past them
            return None
        row = self._conn.execute("SELECT data FROM basemap_tiles WHERE z = ? AND x = ? AND y = ?",
                                 (z, x, y)).fetchone()
        if row is None:
            return None
        try:
            return decompress(row[0])
        except (OSError, EOFError, zlib.error):  # a damaged tile: drawn as empty, never a crash
            return None

    def close(self) -> None:
        self._conn.close()

"""What the map page is given, cleaned up: only finite numbers and plain JSON reach it.

Qt-free.  School markers keep the fields the page draws (a known state and marker shape, or
none); boundaries may be features or bare geometries (as the pack stores them); stops need a
finite place.  A school or stop without one is left off the map, never drawn at 0, 0.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterable, Mapping
from typing import Any

log = logging.getLogger(__name__)

SCHOOL_STATES = ("match", "partial", "zoned")
SCHOOL_SHAPES = ("circle", "square", "triangle", "pentagon", "hexagon", "star")  # child 1..6




def finite(*values: Any) -> bool:
    return all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in values)


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=True, allow_nan=False, separators=(",", ":"))


def maybe_json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def school_features(features: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for feature in features:
        geometry = maybe_json(feature.get("geometry")) or {}
        coords = geometry.get("coordinates") or ()
        props = dict(feature.get("properties") or {})
        if geometry.get("type") != "Point" or len(coords) < 2 or not finite(coords[0], coords[1]):
            log.debug("school %r has no usable point; not drawn", props.get("id"))
            continue
        state = props.get("state")
        out.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(coords[0]), float(coords[1])]},
            "properties": {
                "id": str(props.get("id", "")),
                "name": str(props.get("name") or ""),
                "label": str(props.get("label") or ""),
                "state": state if state in SCHOOL_STATES else "",
                # A household's Together map: the child's marker shape, who the school is for
                # (read with the marker) and the child's name for the key.
                "shape": props.get("shape") if props.get("shape") in SCHOOL_SHAPES else "",
                "who": str(props.get("who") or ""),
                "key": str(props.get("key") or ""),
            },
        })
    return out


def features(items: Iterable[Mapping[str, Any] | str]) -> list[dict[str, Any]]:
    """GeoJSON Features from features or bare geometries (as the boundaries table stores them)."""
    out = []
    for item in items:
        item = maybe_json(item)
        if item.get("type") == "Feature":
            out.append({
                "type": "Feature",
                "geometry": maybe_json(item.get("geometry")),
                "properties": dict(item.get("properties") or {}),
            })
        elif item.get("type"):
            out.append({"type": "Feature", "geometry": item, "properties": {}})
    return out


def stops(stops: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for stop in stops:
        stop = dict(stop)
        lat = stop.get("lat", stop.get("latitude"))
        lon = stop.get("lon", stop.get("longitude"))
        if not finite(lat, lon):
            continue
        lines = stop.get("lines") or []
        out.append({
            "id": str(stop.get("id", "")),
            "name": str(stop.get("name") or ""),
            "lat": float(lat),
            "lon": float(lon),
            "lines": [dict(line) if isinstance(line, Mapping) else str(line) for line in lines],
        })
    return out

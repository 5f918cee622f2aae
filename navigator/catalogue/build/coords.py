"""Checking a coordinate pair the way untidy public files need."""

from __future__ import annotations


def parse_point(lat_text: str | None, lon_text: str | None) -> tuple[float, float] | str:
    """(lat, lon), or a short reason why the pair is unusable.

    Catches the faults seen in real directories: missing values, "No Data",
    0,0 placeholders, and latitude/longitude swapped.
    """
    if not lat_text or not lon_text:
        return "has no coordinates"
    try:
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        return f"has coordinates that are not numbers ({lat_text}, {lon_text})"
    if lat == 0 and lon == 0:
        return "has coordinates 0,0 (a placeholder, not a place)"
    if abs(lat) > 90 and abs(lon) <= 90:
        return f"has latitude and longitude swapped ({lat_text}, {lon_text})"
    if abs(lat) > 90 or abs(lon) > 180:
        return f"has coordinates out of range ({lat_text}, {lon_text})"
    return lat, lon

"""Distances on the Earth, for the app and the pack builder alike (no Qt, no GIS stack).

One formula everywhere keeps the distance shown beside a school the same whether it
was computed while building the pack or while the family moves their home pin.  numpy is
imported only by the function over arrays, so reading a constant here loads nothing.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# Mean Earth radius (IUGG): the sphere that best fits the ellipsoid, so haversine
# distances stay within about 0.5% of geodesic ones anywhere.
EARTH_RADIUS_M = 6_371_008.8
KM_PER_MILE = 1.609344  # the international mile


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def haversine_many(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray,
                   lon2: np.ndarray) -> np.ndarray:
    """haversine_m over arrays, for thousands of pairs at once."""
    import numpy as np

    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    dphi = phi2 - phi1
    dlambda = np.radians(lon2 - lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * np.arcsin(np.minimum(1.0, np.sqrt(a)))

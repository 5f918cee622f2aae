"""The walking-time estimate, one formula for the search, the trips, the profile and the builder;
and how near two schools are to be close together for a household.

Streets are not straight (a detour factor of 1.3 is the usual figure for city grids) and an adult
with a child walks about 4.5 km/h, so a straight line of ``d`` km takes ``d × 1.3 / 4.5 × 60``
minutes.  At the bottom of the layers (no numpy, no pack) so that transit and search, which both
walk, share it without importing each other.
"""

from __future__ import annotations

from navigator.geo import KM_PER_MILE

DETOUR_FACTOR = 1.3
WALK_KM_PER_MIN = 4.5 / 60
# Two schools this close (straight line) are close together for a household: close enough to
# walk between, or one short bus ride.
NEAR_KM = KM_PER_MILE


def walk_minutes(distance_km: float) -> int:
    """Estimated whole minutes on foot for a straight-line distance (at least 1)."""
    return max(1, round(distance_km * DETOUR_FACTOR / WALK_KM_PER_MIN))

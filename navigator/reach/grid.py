"""The places a family may live, as square cells: where the pack has homes.

A cell is counted where the pack knows people live or could: an address point or a ZIP centre in
it, or its centre within the walk asked of a stop (timed or not) or of a school.  Open country
far from every stop, school and address is left out rather than shown as a desert it is not.
Cells are squares of ``cell_m`` metres on a local flat projection about the region's middle
(within a fraction of a percent over a county); a cell stands for its centre.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from navigator.errors import UserError
from navigator.walking import DETOUR_FACTOR, WALK_KM_PER_MIN

M_PER_DEG_LAT = 111_320.0
MAX_CELLS = 400_000  # the square around the region, before the empty cells are left out
MIN_CELL_M, MAX_CELL_M = 50, 5000


@dataclass(frozen=True)
class Grid:
    """The region's cells: centres, and the square each is in (for drawing)."""

    cell_m: float
    lat0: float
    lon0: float
    x0: float  # metres east of lon0 of column 0's west edge
    y0: float  # metres north of lat0 of row 0's south edge
    column: np.ndarray
    row: np.ndarray
    lat: np.ndarray  # centres
    lon: np.ndarray

    def __len__(self) -> int:
        return len(self.lat)

    @property
    def _m_per_deg_lon(self) -> float:
        return M_PER_DEG_LAT * math.cos(math.radians(self.lat0))

    def place(self, lat: float, lon: float) -> tuple[float, float]:
        """(column, row) of a point, in cells (fractional): where to draw it on the map."""
        return ((lon - self.lon0) * self._m_per_deg_lon - self.x0) / self.cell_m, \
            ((lat - self.lat0) * M_PER_DEG_LAT - self.y0) / self.cell_m

    def corners(self, i: int) -> tuple[float, float, float, float]:
        """(south, west, north, east) of cell ``i``, in degrees."""
        x = self.x0 + self.column[i] * self.cell_m
        y = self.y0 + self.row[i] * self.cell_m
        south, north = self.lat0 + y / M_PER_DEG_LAT, self.lat0 + (y + self.cell_m) / M_PER_DEG_LAT
        west = self.lon0 + x / self._m_per_deg_lon
        east = self.lon0 + (x + self.cell_m) / self._m_per_deg_lon
        return south, west, north, east


def check_cell_m(cell_m: float) -> None:
    if not MIN_CELL_M <= cell_m <= MAX_CELL_M:
        raise UserError(f"--cell-m {cell_m:g} is not a cell size Navigator can map; give a number "
                        f"of metres from {MIN_CELL_M} to {MAX_CELL_M}, e.g. --cell-m 400.")


def walk_radius_m(walk_min: float) -> float:
    """The straight-line metres a walk of ``walk_min`` minutes covers (the router's formula)."""
    return walk_min * WALK_KM_PER_MIN / DETOUR_FACTOR * 1000.0


def region_grid(homes: np.ndarray, anchors: np.ndarray, cell_m: float, walk_min: float) -> Grid:
    """The cells holding a home point (``homes``: addresses and ZIP centres, (n, 2) lat/lon) or
    within ``walk_min`` on foot of an anchor (stops and schools), measured on the flat projection."""
    check_cell_m(cell_m)
    points = np.vstack([p for p in (homes, anchors) if len(p)]) if len(homes) + len(anchors) else \
        np.zeros((0, 2))
    if not len(points):
        raise UserError("This pack has no schools, stops or addresses with a place on the map, so "
                        "there is no region to map; build the pack with school locations.")
    lat0 = float((points[:, 0].min() + points[:, 0].max()) / 2)
    lon0 = float((points[:, 1].min() + points[:, 1].max()) / 2)
    per_lon = M_PER_DEG_LAT * math.cos(math.radians(lat0))
    radius = walk_radius_m(walk_min)
    x = (points[:, 1] - lon0) * per_lon
    y = (points[:, 0] - lat0) * M_PER_DEG_LAT
    x0 = math.floor((x.min() - radius) / cell_m) * cell_m
    y0 = math.floor((y.min() - radius) / cell_m) * cell_m
    columns = math.ceil((x.max() + radius - x0) / cell_m)
    rows = math.ceil((y.max() + radius - y0) / cell_m)
    if columns * rows > MAX_CELLS:
        raise UserError(f"A map of {cell_m:g} m cells over this region would have {columns * rows:,} "
                        f"cells, more than {MAX_CELLS:,}; give a larger --cell-m, e.g. "
                        f"--cell-m {math.ceil(cell_m * math.sqrt(columns * rows / MAX_CELLS) / 100) * 100}.")
    keys = [np.unique(_cell_key(x[:len(homes)], y[:len(homes)], x0, y0, cell_m, columns))]
    ax, ay = x[len(homes):], y[len(homes):]
    reach = math.ceil(radius / cell_m) + 1
    for dx in range(-reach, reach + 1):
        for dy in range(-reach, reach + 1):
            col = np.floor((ax - x0) / cell_m).astype(np.int64) + dx
            row = np.floor((ay - y0) / cell_m).astype(np.int64) + dy
            cx, cy = x0 + (col + 0.5) * cell_m, y0 + (row + 0.5) * cell_m
            near = (cx - ax) ** 2 + (cy - ay) ** 2 <= radius ** 2
            keys.append(np.unique(row[near] * columns + col[near]))
    key = np.unique(np.concatenate(keys))
    column, row = key % columns, key // columns
    lat = lat0 + (y0 + (row + 0.5) * cell_m) / M_PER_DEG_LAT
    lon = lon0 + (x0 + (column + 0.5) * cell_m) / per_lon
    return Grid(float(cell_m), lat0, lon0, float(x0), float(y0), column, row, lat, lon)


def _cell_key(x: np.ndarray, y: np.ndarray, x0: float, y0: float, cell_m: float, columns: int) -> np.ndarray:
    row = np.floor((y - y0) / cell_m).astype(np.int64)
    return row * columns + np.floor((x - x0) / cell_m).astype(np.int64)

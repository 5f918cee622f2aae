"""The reach map as data: GeoJSON (one square per cell, opened as-is by QGIS) and CSV (one row per
cell), with plain property names and the report's own numbers (``report_model``)."""

from __future__ import annotations

import csv
import io
import json

from navigator.reach.count import ReachMap
from navigator.reach.report_model import ANSWERS, ReachReport


def cell_rows(reach: ReachMap, report: ReachReport) -> list[dict]:
    """One dict per cell: where it is, its ZIP area, the schools in reach by sector, the unknown."""
    kind, total = reach.kind(), reach.total
    rows = []
    for i in range(len(reach.grid)):
        row = {"cell": i, "latitude": round(float(reach.grid.lat[i]), 6),
               "longitude": round(float(reach.grid.lon[i]), 6), "zip": report.zip_of_cell[i],
               "answer": ANSWERS[int(kind[i])], "schools_reached": int(total[i])}
        for s, sector in enumerate(reach.sectors):
            row[f"{sector or 'no_sector'}_reached"] = int(reach.reached[s][i])
        row["unknown"] = int(reach.unknown[i])
        rows.append(row)
    return rows


def _question(reach: ReachMap) -> dict:
    q = reach.question
    return {"grade": q.grade, "programs": list(q.programs), "el": list(q.el), "sped": list(q.sped),
            "sectors": list(q.sectors), "indicator": q.indicator, "min_level": q.min_level,
            "transit_minutes": q.trip_minutes, "walk_minutes": q.walk_min,
            "arrive_by": f"{q.arrive_by:%H:%M}", "on": reach.on.isoformat(), "cell_m": reach.grid.cell_m,
            "max_transfers": q.max_transfers,
            "timetable_dates": {k: v.isoformat() for k, v in sorted(reach.used_dates.items())},
            "schools_counted": len(reach.schools), "schools_unplaced": len(reach.unplaced),
            "schools_online": reach.online}


def geojson(reach: ReachMap, report: ReachReport) -> bytes:
    features = []
    for row in cell_rows(reach, report):
        south, west, north, east = reach.grid.corners(row["cell"])
        ring = [[round(x, 6), round(y, 6)] for x, y in
                ((west, south), (east, south), (east, north), (west, north), (west, south))]
        features.append({"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]},
                         "properties": row})
    doc = {"type": "FeatureCollection", "name": "navigator_reach", "question": _question(reach),
           "sources": report.sources, "features": features}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def csv_bytes(reach: ReachMap, report: ReachReport) -> bytes:
    rows = cell_rows(reach, report)
    out = io.StringIO()
    columns = list(rows[0]) if rows else ["cell"]
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")

"""A GTFS feed at LA Metro bus scale, made up deterministically for the transit benchmark.

150 lines across the Los Angeles box, each two directions of 43 stops about 400 m apart (so
about 12,900 stops, with the opposite direction's stop across the street), buses every 7 to 8
minutes from 5:00 to midnight on weekdays: about 2 million weekday stop times, like LA Metro's
bus feed.  Lines cross one another, so changes happen where they do in a real grid.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

import numpy as np

BOX = (33.75, 34.35, -118.65, -117.75)  # south, north, west, east (the schools' box too)
LINES = 150
STOPS_PER_DIRECTION = 43
STOP_SPACING_M = 400.0
FIRST, LAST = 5 * 3600, 24 * 3600
HEADWAY_S = (420, 480)
SPEED_M_S = 6.0  # about 22 km/h with stops


def write_feed(folder: Path, seed: int = 5) -> dict:
    """Write the feed's .txt files into ``folder``; returns its size (stops, trips, stop times)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    south, north, west, east = BOX
    stops, routes, trips, times = [], [], [], []
    metres_lat = 111_195.0
    for line in range(LINES):
        length = STOP_SPACING_M * (STOPS_PER_DIRECTION - 1)
        lat0 = rng.uniform(south + 0.05, north - 0.05)
        lon0 = rng.uniform(west + 0.05, east - 0.05)
        heading = rng.uniform(0, math.pi)
        metres_lon = metres_lat * math.cos(math.radians(lat0))
        dlat = math.cos(heading) * length / metres_lat
        dlon = math.sin(heading) * length / metres_lon
        lat0, lon0 = lat0 - dlat / 2, lon0 - dlon / 2
        routes.append(f"L{line},BUS,{line + 1},Line {line + 1},3")
        for direction in (0, 1):
            ids = []
            for k in range(STOPS_PER_DIRECTION):
                t = k / (STOPS_PER_DIRECTION - 1)
                # the other direction's stop stands about 30 m away, across the street
                side = 0.00027 if direction else 0.0
                lat = lat0 + dlat * t + side * math.sin(heading)
                lon = lon0 + dlon * t - side * math.cos(heading)
                stop_id = f"S{line}-{direction}-{k}"
                stops.append(f"{stop_id},Line {line + 1} stop {k + 1},{lat:.6f},{lon:.6f}")
                ids.append(stop_id)
            if direction:
                ids.reverse()
            headway = rng.randint(*HEADWAY_S)
            hop = STOP_SPACING_M / SPEED_M_S
            start = FIRST + rng.randrange(headway)
            departures = np.arange(start, LAST, headway)
            for n, first in enumerate(departures):
                trip_id = f"T{line}-{direction}-{n}"
                trips.append(f"L{line},WKDY,{trip_id},{direction}")
                offsets = np.round(np.arange(STOPS_PER_DIRECTION) * hop / 60) * 60
                times.append((trip_id, ids, first + offsets.astype(int)))
    (folder / "agency.txt").write_text(
        "agency_id,agency_name,agency_url,agency_timezone\n"
        "BUS,Synthetic Bus (benchmark),https://bus.example.org,America/Los_Angeles\n", encoding="utf-8")
    (folder / "routes.txt").write_text("route_id,agency_id,route_short_name,route_long_name,route_type\n"
                                       + "\n".join(routes) + "\n", encoding="utf-8")
    (folder / "stops.txt").write_text("stop_id,stop_name,stop_lat,stop_lon\n" + "\n".join(stops) + "\n",
                                      encoding="utf-8")
    (folder / "trips.txt").write_text("route_id,service_id,trip_id,direction_id\n" + "\n".join(trips)
                                      + "\n", encoding="utf-8")
    (folder / "calendar.txt").write_text(
        "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
        "WKDY,1,1,1,1,1,0,0,20260105,20260626\n", encoding="utf-8")
    count = 0
    with open(folder / "stop_times.txt", "w", encoding="utf-8") as out:
        out.write("trip_id,arrival_time,departure_time,stop_id,stop_sequence\n")
        for trip_id, ids, seconds in times:
            clocks = [f"{s // 3600:02d}:{s // 60 % 60:02d}:00" for s in seconds.tolist()]
            out.write("".join(f"{trip_id},{c},{c},{stop},{k + 1}\n"
                              for k, (c, stop) in enumerate(zip(clocks, ids, strict=True))))
            count += len(ids)
    return {"stops": len(stops), "trips": len(trips), "stop_times": count}

"""`navigator bench search`: query latency over a synthetic pack, against a geopandas baseline.

The baseline answers the same queries the way a competent geopandas user would:
a projected GeoDataFrame with its spatial index, the facts pivoted into
columns once, and vectorised masks per query.  Both sides return the same
top results with matched/unmet/unknown criteria and nearby transit.
"""

from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np

from navigator.bench.real_pack import PackFit
from navigator.bench.synthetic import percentiles, query_mix, synthetic_pack
from navigator.catalogue.pack import open_pack
from navigator.search.engine import SearchEngine
from navigator.search.location import home_from_point
from navigator.search.query import Query
from navigator.walking import DETOUR_FACTOR, WALK_KM_PER_MIN


def to_query(spec: dict) -> Query:
    fields = {k: v for k, v in spec.items() if k not in ("home", "open_on")}
    if "open_on" in spec:
        fields["open_on"] = date.fromisoformat(spec["open_on"])
    return Query(home=home_from_point(*spec["home"]), **fields)


class GeopandasBaseline:
    """The same search written directly with geopandas and pandas."""

    def __init__(self, pack_path: Path):
        import sqlite3

        import geopandas
        import pandas as pd

        conn = sqlite3.connect(pack_path)
        schools = pd.read_sql("SELECT id, name, latitude, longitude, sector, grade_low, grade_high, "
                              "is_virtual FROM schools ORDER BY id", conn)
        gdf = geopandas.GeoDataFrame(
            schools, geometry=geopandas.points_from_xy(schools.longitude, schools.latitude),
            crs=4326).to_crs(32611)
        self.gdf = gdf
        features = pd.read_sql("SELECT school_id, category, code, detail, value FROM features", conn)
        coverage = pd.read_sql("SELECT school_id, category FROM coverage", conn)
        self.states: dict[str, pd.Series] = {}
        index = gdf.id
        for (category, code), rows in features.groupby(["category", "code"]):
            base = pd.Series(0, index=index.values, dtype="int8")
            covered = coverage[coverage.category == category].school_id
            base[base.index.isin(covered)] = -1
            if code == "dual_language":  # the state's "no multilingual program" rules it out
                multilingual_no = features[(features.code == "multilingual") & (features.value == "no")]
                base[base.index.isin(multilingual_no.school_id)] = -1
            self.states[f"{category}:{code}"] = self._apply(base.copy(), rows)
            if code == "dual_language":
                for language in ("es", "ko"):
                    state = base.copy()
                    general = rows[rows.detail == ""]
                    state[general[general.value == "no"].school_id.values] = -1
                    state[general[general.value == "yes"].school_id.values] = 0
                    self.states[f"{category}:{code}:{language}"] = self._apply(
                        state, rows[rows.detail == language])
        ss = pd.read_sql("SELECT ss.school_id, ss.stop_id, ss.distance_m, s.name AS stop, s.mode, "
                         "sl.line_id, coalesce(l.short_name, l.long_name) AS line FROM school_stops ss "
                         "JOIN stops s ON s.id = ss.stop_id JOIN stop_lines sl ON sl.stop_id = s.id "
                         "JOIN lines l ON l.id = sl.line_id", conn)
        self.school_stops = ss
        for mode in ("rail", "bus"):
            nearest = ss[ss["mode"] == mode].groupby("school_id").distance_m.min()
            gdf[f"{mode}_m"] = gdf.id.map(nearest)
        gdf["any_m"] = gdf.id.map(ss.groupby("school_id").distance_m.min())
        self.placed = gdf[gdf.latitude.notna()]
        self.unplaced = gdf[gdf.latitude.isna()]
        _ = self.placed.sindex
        stops = pd.read_sql("SELECT s.id, s.latitude, s.longitude, sl.line_id FROM stops s "
                            "JOIN stop_lines sl ON sl.stop_id = s.id", conn)
        self.stops = geopandas.GeoDataFrame(
            stops, geometry=geopandas.points_from_xy(stops.longitude, stops.latitude),
            crs=4326).to_crs(32611)
        _ = self.stops.sindex
        self.lines = pd.read_sql("SELECT id, short_name FROM lines", conn)
        deadlines = pd.read_sql("SELECT process_id, kind, date FROM deadlines", conn)
        self.windows = deadlines.pivot_table(index="process_id", columns="kind", values="date",
                                             aggfunc="max")
        self.school_processes = pd.read_sql("SELECT school_id, process_id FROM school_processes", conn)
        conn.close()
        from pyproj import Transformer

        self.to_metres = Transformer.from_crs(4326, 32611, always_xy=True)

    @staticmethod
    def _apply(state, rows):
        state[rows[rows.value == "no"].school_id.values] = -1
        state[rows[rows.value == "yes"].school_id.values] = 1
        return state

    def search(self, spec: dict) -> list[dict]:
        import pandas as pd
        from shapely.geometry import Point

        x, y = self.to_metres.transform(spec["home"][1], spec["home"][0])
        home = Point(x, y)
        radii = [r for r in (spec.get("within_km"), spec["walk_min"] * WALK_KM_PER_MIN / DETOUR_FACTOR
                             if "walk_min" in spec else None) if r is not None]
        if radii:
            hits = self.placed.sindex.query(home.buffer(max(radii) * 1000), predicate="intersects")
            sub = pd.concat([self.placed.iloc[hits], self.unplaced, self.gdf[self.gdf.is_virtual == 1]])
            sub = sub[~sub.index.duplicated()]
        else:
            sub = self.gdf
        sub = sub.copy()
        sub["distance_km"] = sub.distance(home) / 1000
        states = pd.DataFrame(index=sub.id.values)
        if "grade" in spec:
            inside = (sub.grade_low <= spec["grade"]) & (sub.grade_high >= spec["grade"])
            states["grade"] = np.where(sub.grade_low.isna(), 0, np.where(inside, 1, -1))
            if spec["grade"] == -1:  # TK hides inside "K" in directories: unknown
                states.loc[(sub.grade_low == 0).values, "grade"] = 0
        for key, limit in (("within_km", spec.get("within_km")), ("walk_min", spec.get("walk_min"))):
            if limit is None:
                continue
            km = limit if key == "within_km" else limit * WALK_KM_PER_MIN / DETOUR_FACTOR
            states[key] = np.where(sub.latitude.isna(), 0, np.where(sub.distance_km <= km, 1, -1))
            states.loc[sub.is_virtual.values == 1, key] = 2
        if "sectors" in spec:
            states["sector"] = np.where(sub.sector.isin(spec["sectors"]), 1, -1)
        for attribute, category in (("programs", "program"), ("el", "el"), ("sped", "sped"),
                                    ("languages", "language")):
            for code in spec.get(attribute, ()):
                column = self.states.get(f"{category}:{code}")
                states[f"{category}:{code}"] = 0 if column is None else column.reindex(sub.id).values
        transit = {}
        if "transit" in spec:
            transit[f"transit:{spec['transit']}"] = sub[f"{spec['transit']}_m"] <= 800
        if "line" in spec:
            line_id = self.lines[self.lines.short_name == spec["line"]].id.iloc[0]
            near = self.school_stops[self.school_stops.line_id == line_id].school_id
            transit["line"] = sub.id.isin(near)
        if spec.get("one_seat"):
            around = self.stops.iloc[self.stops.sindex.query(home.buffer(800), predicate="intersects")]
            near = self.school_stops[self.school_stops.line_id.isin(around.line_id)].school_id
            transit["one_seat"] = sub.id.isin(near)
        for name, near in transit.items():
            states[name] = np.where(sub.latitude.isna(), 0, np.where(near.values, 1, -1))
        if "open_on" in spec:
            day = spec["open_on"]
            windows = self.school_processes.join(self.windows, on="process_id")
            is_open = (windows.opens.isna() | (windows.opens <= day)) & (windows.closes >= day)
            verdict = np.where(windows.closes.isna(), 0, np.where(is_open, 1, -1))
            best = pd.Series(verdict, index=windows.school_id).groupby(level=0).max()
            states["open_on"] = best.reindex(sub.id).fillna(0).values
        keep = ~(states == -1).any(axis=1)
        if spec.get("drop_unknown"):
            keep &= ~(states == 0).any(axis=1)
        chosen = sub[keep.values]
        order_key = chosen.distance_km.where(chosen.is_virtual == 0)
        chosen = chosen.assign(_key=order_key.fillna(np.inf)).sort_values(["_key", "id"]).head(
            spec.get("limit", 50))
        top = states.loc[chosen.id]
        stops = self.school_stops[self.school_stops.school_id.isin(chosen.id)]
        nearby = stops.groupby(["school_id", "stop", "mode", "distance_m"]).line.apply(sorted)
        nearby = nearby.reset_index().sort_values(["school_id", "distance_m"])
        by_school = {k: g for k, g in nearby.groupby("school_id")}
        results = []
        for school_id, verdicts in top.iterrows():
            rows = by_school.get(school_id)
            results.append({
                "id": school_id,
                "matched": [c for c, v in verdicts.items() if v == 1],
                "unmet": [c for c, v in verdicts.items() if v == -1],
                "unknown": [c for c, v in verdicts.items() if v == 0],
                "transit": [] if rows is None else rows[["stop", "mode", "line", "distance_m"]]
                .to_dict("records"),
            })
        return results


def run_benchmark(n_schools: int, n_queries: int = 1000, pack_path: Path | None = None) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        path = pack_path or synthetic_pack(n_schools, Path(folder) / "bench.sqlite")
        mix = query_mix(n_queries)
        with open_pack(path) as pack:
            if pack_path is not None:  # the same requests, moved onto the pack's region
                fit = PackFit(pack)
                mix = [fit.query_spec(spec) for spec in mix]
                n_schools = pack.conn.execute("SELECT count(*) FROM schools").fetchone()[0]
            engine = SearchEngine(pack)
            ours, agree = [], 0
            for spec in mix[:20]:  # warm the per-criterion columns, as a running app would
                engine.search(to_query(spec))
            baseline = GeopandasBaseline(path)
            theirs = []
            for spec in mix:
                start = time.perf_counter()
                result = engine.search(to_query(spec))
                ours.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                other = baseline.search(spec)
                theirs.append((time.perf_counter() - start) * 1000)
                # Projected and great-circle distances may swap near-ties: compare as sets.
                agree += {r.id for r in result.results} == {r["id"] for r in other}
    p50, p95 = percentiles(ours)
    b50, b95 = percentiles(theirs)
    return {"schools": n_schools, "queries": n_queries, "p50_ms": round(p50, 3),
            "p95_ms": round(p95, 3), "baseline_p50_ms": round(b50, 3),
            "baseline_p95_ms": round(b95, 3), "speedup_p95": round(b95 / p95, 1),
            "same_top_results": agree}

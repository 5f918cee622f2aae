"""The pack's schools as columns in memory, so that one query is a handful of array operations.

Loading the schools table takes a few hundred milliseconds at 100,000 schools;
everything a particular criterion needs (a programme's yes/no/unknown column,
the nearest stop of each line) is read from SQLite the first time it is asked
for and kept, so later queries touch no disk.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import numpy as np

from navigator.catalogue.pack import Pack
from navigator.catalogue.sites import BY_IEP, SITE_KINDS
from navigator.geo import haversine_many

UNKNOWN, YES, NO = 0, 1, -1
CLOSED = ("Closed", "Merged")


def fold(text: str) -> str:
    """Case- and accent-insensitive form for name search ("Peña" matches "pena")."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


@dataclass(frozen=True)
class LineInfo:
    id: str
    short_name: str | None
    long_name: str | None
    mode: str

    @property
    def display(self) -> str:
        return self.short_name or self.long_name or self.id


class SchoolIndex:
    def __init__(self, pack: Pack):
        self.pack = pack
        rows = pack.conn.execute(
            "SELECT id, name, latitude, longitude, sector, level, grade_low, grade_high, is_virtual, "
            "status, site_kind, placed_by, open_date FROM schools ORDER BY id").fetchall()
        self.ids = [r[0] for r in rows]
        self.position = {school_id: i for i, school_id in enumerate(self.ids)}
        self.names = [r[1] for r in rows]
        self.lat = np.array([np.nan if r[2] is None else r[2] for r in rows], dtype=np.float64)
        self.lon = np.array([np.nan if r[3] is None else r[3] for r in rows], dtype=np.float64)
        self.has_point = ~np.isnan(self.lat)
        # Sector and level as small integer codes (0 = unknown), compared without Python objects.
        self.sector_names = sorted({r[4] for r in rows if r[4]})
        self.level_names = sorted({r[5] for r in rows if r[5]})
        self.sector = np.array([self.sector_names.index(r[4]) + 1 if r[4] else 0 for r in rows],
                               dtype=np.int8)
        self.level = np.array([self.level_names.index(r[5]) + 1 if r[5] else 0 for r in rows],
                              dtype=np.int8)
        self.grade_known = np.array([r[6] is not None and r[7] is not None for r in rows], dtype=bool)
        self.grade_low = np.array([r[6] if r[6] is not None else 99 for r in rows], dtype=np.int16)
        self.grade_high = np.array([r[7] if r[7] is not None else -99 for r in rows], dtype=np.int16)
        self.virtual = np.array([bool(r[8]) for r in rows], dtype=bool)
        # Closed and merged schools stay in the pack (the directory lists them) but take no one.
        self.open_school = np.array([r[9] not in CLOSED for r in rows], dtype=bool)
        # How a family gets a place (navigator.catalogue.sites), as an index into SITE_KINDS.
        self.site_kind = np.array([SITE_KINDS.index(r[10]) for r in rows], dtype=np.int8)
        self.by_iep = np.array([r[11] == BY_IEP for r in rows], dtype=bool)
        self.placed_by = [r[11] for r in rows]
        # A school not open yet says when it opens wherever it is listed.
        self.opens = {i: r[12] for i, r in enumerate(rows) if r[9] == "Pending"}
        # Schools sorted by latitude, for a radius's band without touching every school.
        self.by_lat = np.argsort(np.where(self.has_point, self.lat, np.inf), kind="stable")
        self.sorted_lat = self.lat[self.by_lat]
        # All names in one string: a substring search runs in C, not in a Python loop.
        folded = [fold(n) for n in self.names]
        self.name_blob = "\n".join(folded)
        self.name_starts = np.cumsum([0] + [len(n) + 1 for n in folded[:-1]]).tolist()
        self.walk_radius_m = pack.region.walk_radius_m
        self.has_transit = pack.conn.execute("SELECT EXISTS (SELECT 1 FROM stops)").fetchone()[0] == 1
        self.lines = {r[0]: LineInfo(*r) for r in pack.conn.execute(
            "SELECT id, short_name, long_name, mode FROM lines ORDER BY id")}
        self._features: dict[tuple, np.ndarray] = {}
        self._transit: dict[str, tuple[np.ndarray, np.ndarray]] | None = None
        self._facts_loaded = False
        self._open: dict[date, np.ndarray] = {}
        self._indicators: dict[tuple[str, str], tuple[np.ndarray, dict[int, dict]]] = {}
        self._indicator_names: tuple[list[str], list[str]] | None = None

    def warm(self) -> None:
        """Read what the first use of a fact or transit filter would (a few tens of ms for a
        region), so that a family's first tap on a filter answers as fast as the next ones."""
        if not self._facts_loaded:
            self._load_facts()
        if self._transit is None:
            self._transit = self._load_transit()

    def __len__(self) -> int:
        return len(self.ids)

    # --- places ---------------------------------------------------------------------------------

    def band(self, lat: float, radius_km: float) -> np.ndarray:
        """Indices of schools whose latitude is within ``radius_km`` of ``lat``."""
        dlat = radius_km / 111.19
        lo = np.searchsorted(self.sorted_lat, lat - dlat, side="left")
        hi = np.searchsorted(self.sorted_lat, lat + dlat, side="right")
        return self.by_lat[lo:hi]

    def distances_km(self, lat: float, lon: float, which: np.ndarray) -> np.ndarray:
        return haversine_many(lat, lon, self.lat[which], self.lon[which]) / 1000.0

    def rough_km(self, lat: float, lon: float, which: np.ndarray) -> np.ndarray:
        """Equirectangular distance: within a fraction of a percent of haversine over a
        metro area, at a third of its cost."""
        lats = self.lat[which]
        x = (self.lon[which] - lon) * np.cos(np.radians((lats + lat) * 0.5))
        return np.hypot(x, lats - lat) * 111.19508

    def name_matches(self, text: str) -> np.ndarray:
        needle = fold(text.strip())
        found = np.zeros(len(self), dtype=bool)
        start = self.name_blob.find(needle)
        while start != -1:
            row = bisect_right(self.name_starts, start) - 1
            found[row] = True
            start = self.name_blob.find(needle, self.name_starts[row + 1] if row + 1 < len(self)
                                        else len(self.name_blob))
        return found

    # --- facts ----------------------------------------------------------------------------------

    def feature(self, category: str, code: str, detail: str | None = None) -> np.ndarray:
        """YES / NO / UNKNOWN per school for one programme, service or staff language."""
        key = (category, code, detail)
        if key not in self._features:
            self._features[key] = self._load_feature(category, code, detail)
        return self._features[key]

    def _load_facts(self) -> None:
        """All yes/no facts as parallel arrays; each criterion is then a few masks."""
        conn, position = self.pack.conn, self.position
        # A fact about a school the pack does not have is ignored (catalogue validate lists it).
        rows = [r for r in conn.execute("SELECT school_id, category, code, detail, value FROM features")
                if r[0] in position]
        keys: dict[tuple[str, str], int] = {}
        self._fact_school = np.fromiter((position[r[0]] for r in rows), np.int64, len(rows))
        self._fact_code = np.fromiter((keys.setdefault((r[1], r[2]), len(keys)) for r in rows),
                                      np.int64, len(rows))
        self._fact_detail = np.array([r[3] for r in rows], dtype=object)
        self._fact_yes = np.array([r[4] == "yes" for r in rows], dtype=bool)
        self._fact_keys = keys
        self._facts_loaded = True
        self._coverage: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(0, np.int64))
        covered: dict[str, list[int]] = defaultdict(list)
        for school_id, category in conn.execute("SELECT school_id, category FROM coverage"):
            if school_id in position:
                covered[category].append(position[school_id])
        for category, schools in covered.items():
            self._coverage[category] = np.array(schools, dtype=np.int64)

    def _facts_of(self, category: str, code: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(school positions, details, yes flags) of the rows for one code."""
        mask = self._fact_code == self._fact_keys.get((category, code), -1)
        return self._fact_school[mask], self._fact_detail[mask], self._fact_yes[mask]

    def _load_feature(self, category: str, code: str, detail: str | None) -> np.ndarray:
        if not self._facts_loaded:
            self._load_facts()
        state = np.zeros(len(self), dtype=np.int8)
        state[self._coverage[category]] = NO  # the source lists all of this category
        if category == "program" and code == "dual_language":
            # The state directory's "no multilingual programme" also rules dual language out.
            schools, _, yes = self._facts_of("program", "multilingual")
            state[schools[~yes]] = NO
        schools, details, yes = self._facts_of(category, code)
        exact = np.ones(len(schools), dtype=bool)
        if detail is not None:
            # A row without a detail speaks for every language of the programme: its "no" is
            # no, its "yes" leaves the asked-for language unknown.
            general = details == ""
            state[schools[general & ~yes]] = NO
            state[schools[general & yes]] = UNKNOWN
            exact = details == detail
        # Rows naming the asked-for detail have the last word; yes (assigned last) beats no.
        state[schools[exact & ~yes]] = NO
        state[schools[exact & yes]] = YES
        return state

    def sector_name(self, i: int) -> str | None:
        code = int(self.sector[i])
        return self.sector_names[code - 1] if code else None

    @staticmethod
    def _choice_state(column: np.ndarray, names: list[str], wanted: tuple[str, ...]) -> np.ndarray:
        codes = [names.index(w) + 1 for w in wanted if w in names]
        state = np.where(np.isin(column, codes), YES, NO).astype(np.int8)
        state[column == 0] = UNKNOWN
        return state

    def sector_state(self, sectors: tuple[str, ...]) -> np.ndarray:
        return self._choice_state(self.sector, self.sector_names, sectors)

    def level_state(self, levels: tuple[str, ...]) -> np.ndarray:
        return self._choice_state(self.level, self.level_names, levels)

    def grade_state(self, grade: int) -> np.ndarray:
        inside = (self.grade_low <= grade) & (grade <= self.grade_high)
        state = np.where(self.grade_known, np.where(inside, YES, NO), UNKNOWN).astype(np.int8)
        if grade == -1:
            # Directories write TK into "K": a K-start school may well offer TK; we cannot say.
            state[(self.grade_low == 0) & self.grade_known] = UNKNOWN
        return state

    # --- transit --------------------------------------------------------------------------------

    def near_stops(self, key: str, radius_m: float) -> np.ndarray:
        """Schools with a stop of a mode ("mode:rail", "mode:any") or of a line ("line:ID")
        within ``radius_m`` (at most the pack's walking radius)."""
        if self._transit is None:
            self._transit = self._load_transit()
        positions, metres = self._transit.get(key, (np.zeros(0, np.int64), np.zeros(0)))
        near = np.zeros(len(self), dtype=bool)
        near[positions[metres <= radius_m]] = True
        return near

    def _load_transit(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Per mode and per line: the schools near it and how near, in one pass over the pack."""
        found: dict[str, dict[int, float]] = defaultdict(dict)
        position = self.position
        for school_id, mode, line_id, metres in self.pack.conn.execute(
                "SELECT ss.school_id, s.mode, sl.line_id, min(ss.distance_m) FROM school_stops ss "
                "JOIN stops s ON s.id = ss.stop_id LEFT JOIN stop_lines sl ON sl.stop_id = s.id "
                "GROUP BY ss.school_id, s.mode, sl.line_id"):
            i = position.get(school_id)
            if i is None:
                continue
            keys = [f"mode:{mode}", "mode:any"] + ([f"line:{line_id}"] if line_id else [])
            for key in keys:
                nearest = found[key]
                if metres < nearest.get(i, np.inf):
                    nearest[i] = metres
        return {key: (np.fromiter(near.keys(), np.int64, len(near)),
                      np.fromiter(near.values(), np.float64, len(near)))
                for key, near in found.items()}

    def lines_near(self, lat: float, lon: float, radius_m: float) -> set[str]:
        """Lines with a stop within ``radius_m`` of a point (the family's home)."""
        return self.pack.lines_near(lat, lon, radius_m)

    # --- official results ------------------------------------------------------------------------

    def indicator_names(self) -> tuple[list[str], list[str]]:
        """(indicator codes, student groups) the pack has results for."""
        if self._indicator_names is None:
            conn = self.pack.conn
            self._indicator_names = (
                [c for (c,) in conn.execute("SELECT DISTINCT indicator FROM indicators ORDER BY 1")],
                [g for (g,) in conn.execute("SELECT DISTINCT student_group FROM indicators ORDER BY 1")])
        return self._indicator_names

    def indicator(self, code: str, group: str) -> tuple[np.ndarray, dict[int, dict]]:
        """Each school's latest status for one indicator and student group (NaN where none is
        reported, withheld included), and the published row per school position."""
        key = (code, group)
        if key not in self._indicators:
            status = np.full(len(self), np.nan)
            rows: dict[int, dict] = {}
            for school_id, year, value, level, change, change_level, students, suppressed, \
                    source_id in self.pack.conn.execute(
                        "SELECT school_id, year, status, status_level, change, change_level, "
                        "students, suppressed, source_id FROM indicators WHERE indicator = ? AND "
                        "student_group = ? ORDER BY school_id, year DESC", key):
                i = self.position.get(school_id)
                if i is None or i in rows:
                    continue  # only the latest year
                withheld = bool(suppressed)
                rows[i] = {"indicator": code, "group": group, "year": year,
                           "status": None if withheld else value,
                           "status_level": None if withheld else level,
                           "change": None if withheld else change,
                           "change_level": None if withheld else change_level,
                           "students": students, "suppressed": withheld, "source": source_id}
                if not withheld and value is not None:
                    status[i] = value
            self._indicators[key] = (status, rows)
        return self._indicators[key]

    # --- applications ---------------------------------------------------------------------------

    def open_state(self, on: date) -> np.ndarray:
        """YES where an application window covering the school is open on ``on``."""
        if on not in self._open:
            windows: dict[str, list[str | None]] = defaultdict(lambda: [None, None])
            for process_id, kind, when in self.pack.conn.execute(
                    "SELECT process_id, kind, date FROM deadlines WHERE kind IN ('opens', 'closes')"):
                window = windows[process_id]
                if kind == "opens":
                    window[0] = when if window[0] is None else min(window[0], when)
                else:
                    window[1] = when if window[1] is None else max(window[1], when)
            day = on.isoformat()
            state = np.zeros(len(self), dtype=np.int8)
            best: dict[int, int] = {}
            for school_id, process_id in self.pack.conn.execute(
                    "SELECT school_id, process_id FROM school_processes"):
                opens, closes = windows.get(process_id, (None, None))
                if closes is None:
                    verdict = UNKNOWN
                else:
                    verdict = YES if (opens is None or opens <= day) and day <= closes else NO
                i = self.position.get(school_id)
                if i is None:
                    continue
                # One open process is enough; an undated one leaves the school unknown.
                best[i] = max(best.get(i, NO), verdict, key=lambda v: {NO: 0, UNKNOWN: 1, YES: 2}[v])
            for i, verdict in best.items():
                state[i] = verdict
            self._open[on] = state
        return self._open[on]

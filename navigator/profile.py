"""One school's full profile: everything the app's profile screen and `navigator show` print.

Assembled from the pack in one language, with English as the visible fallback:
every text says which language it is really in, every fact names its source.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from navigator.catalogue.line_names import stop_lines
from navigator.catalogue.pack import Pack
from navigator.catalogue.records import Source, Text
from navigator.errors import UserError
from navigator.search.results import NearbyStop
from navigator.walking import walk_minutes

CATEGORIES = ("program", "el", "sped", "language")


@dataclass
class Fact:
    category: str
    code: str
    detail: str
    value: str  # yes or no
    note: Text | None
    source_id: str


@dataclass
class Deadline:
    id: str
    kind: str
    date: str
    time: str | None
    label: Text | None
    source_id: str


@dataclass
class ApplicationProcess:
    id: str
    kind: str
    scope: str
    name: Text
    how_to_apply: Text | None
    where_to_apply: Text | None
    documents: Text | None
    late_options: Text | None
    url: str | None
    phone: str | None
    max_choices: int | None
    recommended_choices: int | None
    ranked_preference: bool | None
    applicants_per_seat: float | None
    demand_source_id: str | None
    deadlines: list[Deadline]
    source_id: str
    # Admission priority codes in the district's order (codes.py PRIORITY_CODES or the region's
    # own); empty when the pack records none, which says nothing about whether there are any.
    priorities: list[str] = field(default_factory=list)
    # The district's own words about those priorities (who counts as a brother or sister...).
    priorities_note: Text | None = None
    # True: one application covers every child of a household; False: one per child; None: the
    # district does not say.
    per_household: bool | None = None


@dataclass
class Stop(NearbyStop):
    walk_min: int = 0


@dataclass
class SchoolProfile:
    id: str
    name: str
    address: str | None
    city: str | None
    state: str | None
    zip: str | None
    phone: str | None
    website: str | None
    latitude: float | None
    longitude: float | None
    district: str | None
    sector: str | None
    charter_kind: str | None
    level: str | None
    school_type: str | None
    grade_low: int | None
    grade_high: int | None
    status: str | None
    virtual: str | None
    is_virtual: bool
    source_id: str
    facts: dict[str, list[Fact]]
    # Per category: "complete" (a source lists all), "partial" (some facts), "unknown" (none).
    reported: dict[str, str]
    transit: list[Stop]
    processes: list[ApplicationProcess]
    zones: list[str]
    sources: dict[str, Source] = field(default_factory=dict)
    indicators: list[dict] = field(default_factory=list)
    # Why there are no results, when the pack lets us say: "no_tested_grades", "virtual",
    # "special_school"; None when there are results or no reason is known.
    indicators_missing_reason: str | None = None
    # How a family gets a place (navigator.catalogue.sites): open, referral (placed_by "district"
    # or "iep"), not_an_option, preschool; navigator.facts.site_kind_text says it in words.
    site_kind: str = "open"
    placed_by: str | None = None
    open_date: str | None = None  # ISO; for a Pending school, the day it opens
    closed_date: str | None = None  # ISO; for a Closed or Merged school, since when

    def to_json(self) -> dict:
        return asdict(self)


def _text(pack: Pack, entity: str, entity_id: str, fieldname: str, base: str | None,
          lang: str) -> Text | None:
    if base is None:
        return None
    if lang != "en":
        translated = pack.text(entity, entity_id, fieldname, lang)
        if translated:
            return Text(translated, lang, False)
    return Text(base, "en", lang != "en")


def school_profile(pack: Pack, school_id: str, lang: str = "en") -> SchoolProfile:
    conn = pack.conn
    conn_row = conn.execute(
        "SELECT id, name, address, city, state, zip, phone, website, latitude, longitude, district, "
        "sector, charter_kind, level, school_type, grade_low, grade_high, status, virtual, "
        "is_virtual, source_id, site_kind, placed_by, open_date, closed_date FROM schools "
        "WHERE id = ?", (school_id,)).fetchone()
    if conn_row is None:
        raise UserError(f"No school with id {school_id!r} in this pack; find ids with "
                        "'navigator search'.")
    facts: dict[str, list[Fact]] = {c: [] for c in CATEGORIES}
    for category, code, detail, value, note, source_id in conn.execute(
            "SELECT category, code, detail, value, note, source_id FROM features "
            "WHERE school_id = ? ORDER BY category, value DESC, code, detail", (school_id,)):
        key = f"{school_id}|{category}|{code}|{detail}"
        facts[category].append(Fact(category, code, detail, value,
                                    _text(pack, "feature", key, "note", note, lang), source_id))
    complete = {c for (c,) in conn.execute("SELECT category FROM coverage WHERE school_id = ?",
                                           (school_id,))}
    reported = {c: "complete" if c in complete else ("partial" if facts[c] else "unknown")
                for c in CATEGORIES}
    profile = SchoolProfile(
        *conn_row[:19], is_virtual=bool(conn_row[19]), source_id=conn_row[20], facts=facts,
        reported=reported, transit=_transit(pack, school_id), processes=_processes(
            pack, school_id, lang),
        zones=[z for (z,) in conn.execute(
            "SELECT boundary_id FROM boundary_schools WHERE school_id = ? ORDER BY 1", (school_id,))],
        site_kind=conn_row[21], placed_by=conn_row[22], open_date=conn_row[23],
        closed_date=conn_row[24])
    used = {profile.source_id} | {f.source_id for fs in facts.values() for f in fs}
    used |= {p.source_id for p in profile.processes}
    used |= {p.demand_source_id for p in profile.processes if p.demand_source_id}
    used |= {d.source_id for p in profile.processes for d in p.deadlines}
    profile.indicators = _indicators(pack, school_id)
    used |= {i["source"] for i in profile.indicators}
    if not profile.indicators:
        profile.indicators_missing_reason = _missing_reason(profile)
    profile.sources = {s.id: s for s in pack.sources() if s.id in used}
    return profile


def _transit(pack: Pack, school_id: str) -> list[Stop]:
    stops = []
    near = pack.conn.execute(
        "SELECT s.id, s.name, s.mode, ss.distance_m FROM school_stops ss JOIN stops s "
        "ON s.id = ss.stop_id WHERE ss.school_id = ? ORDER BY ss.distance_m, s.id", (school_id,)).fetchall()
    served = stop_lines(pack.conn, [row[0] for row in near])  # each line once, with its operator
    for stop_id, name, mode, metres in near:
        lines = [title for title, _colour in served.get(stop_id, ())]
        stops.append(Stop(name, mode, lines, metres, walk_minutes(metres / 1000)))
    # Stops with lines first (nearest first): a stop with none is one the pack has no timetable
    # for, a place and a name only, and a list cut to its first few must not show only those.
    return sorted(stops, key=lambda s: not s.lines)


def _processes(pack: Pack, school_id: str, lang: str) -> list[ApplicationProcess]:
    found = []
    for row in pack.conn.execute(
            "SELECT p.id, p.kind, p.scope, p.name, p.how_to_apply, p.where_to_apply, p.documents, "
            "p.late_options, p.url, p.phone, p.max_choices, p.recommended_choices, "
            "p.ranked_preference, sp.applicants_per_seat, sp.demand_source_id, p.source_id, "
            "p.priorities_note, p.per_household "
            "FROM processes p "
            "JOIN school_processes sp ON sp.process_id = p.id WHERE sp.school_id = ? "
            "ORDER BY p.scope = 'school' DESC, p.id", (school_id,)).fetchall():
        process_id = row[0]

        def text(index: int, name: str, row=row, process_id=process_id) -> Text | None:
            return _text(pack, "process", process_id, name, row[index], lang)

        deadlines = [
            Deadline(d_id, kind, when, time,
                     _text(pack, "deadline", d_id, "label", label, lang), source_id)
            for d_id, kind, when, time, label, source_id in pack.conn.execute(
                "SELECT id, kind, date, time, label, source_id FROM deadlines WHERE process_id = ? "
                "ORDER BY date, time, id", (process_id,))]
        found.append(ApplicationProcess(
            id=process_id, kind=row[1], scope=row[2], name=text(3, "name"),
            how_to_apply=text(4, "how_to_apply"), where_to_apply=text(5, "where_to_apply"),
            documents=text(6, "documents"), late_options=text(7, "late_options"), url=row[8],
            phone=row[9], max_choices=row[10], recommended_choices=row[11],
            ranked_preference=None if row[12] is None else bool(row[12]),
            applicants_per_seat=row[13], demand_source_id=row[14], deadlines=deadlines,
            source_id=row[15], priorities=[code for (code,) in pack.conn.execute(
                "SELECT priority FROM process_priorities WHERE process_id = ? ORDER BY rank",
                (process_id,))],
            priorities_note=text(16, "priorities_note"),
            per_household=None if row[17] is None else bool(row[17])))
    return found


def _indicators(pack: Pack, school_id: str) -> list[dict]:
    """Status and change side by side, as published; withheld values stay withheld."""
    return [
        {"indicator": indicator, "group": group, "year": year, "status": status,
         "status_level": status_level, "change": change, "change_level": change_level,
         "students": students, "suppressed": bool(suppressed), "source": source_id}
        for indicator, group, year, status, status_level, change, change_level, students,
        suppressed, source_id in pack.conn.execute(
            "SELECT indicator, student_group, year, status, status_level, change, change_level, "
            "students, suppressed, source_id FROM indicators WHERE school_id = ? "
            "ORDER BY indicator, student_group = 'ALL' DESC, student_group, year DESC", (school_id,))]


def _missing_reason(profile: SchoolProfile) -> str | None:
    if profile.is_virtual:
        return "virtual"
    if any(f.code == "special_school" and f.value == "yes" for f in profile.facts["sped"]):
        return "special_school"
    if profile.grade_high is not None and profile.grade_high < 3:
        return "no_tested_grades"  # state tests begin in grade 3
    return None

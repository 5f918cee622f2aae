"""Records the pack builder's readers produce and the writer stores, and the pack text read back.

Readers turn one public file into these; the builder checks references between
them; the writer puts them into SQLite.  Field names match the pack's columns
(see SCHEMA.md) so a record is written with ``dataclasses.asdict``.  Reading a pack text in a
language gives a :class:`Text` (which language it really is in), used by every layer above.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Text:
    """A pack text in the language asked for, or in English when there is no translation."""

    value: str
    lang: str
    fallback: bool  # True when shown in English because the asked-for language is missing


@dataclass
class Source:
    """Where a set of facts came from, shown beside every figure in the app."""

    id: str
    name: str
    publisher: str
    file: str
    as_of: str | None = None  # ISO date, or None when the publisher gives none
    url: str | None = None
    sha256: str | None = None  # the file's SHA-256 when it was downloaded by `catalogue fetch`


@dataclass
class School:
    id: str
    name: str
    sector: str | None  # "district", "charter", or None when the source does not say
    source_id: str
    address: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    phone: str | None = None
    website: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    district: str | None = None
    county: str | None = None
    charter_kind: str | None = None  # "independent", "affiliated" or None (unknown / not charter)
    level: str | None = None  # elementary, middle, high, k12, other
    school_type: str | None = None  # the publisher's own words
    grade_low: int | None = None
    grade_high: int | None = None
    status: str | None = None
    virtual: str | None = None  # none, supplemental, partial, primarily, exclusively; None = unknown
    is_virtual: int = 0
    nces_id: str | None = None
    open_date: str | None = None  # ISO; for a Pending school, the day it opens
    closed_date: str | None = None  # ISO; for a Closed or Merged school, when
    site_kind: str = "open"  # how a family gets a place: navigator.catalogue.sites
    placed_by: str | None = None  # a referral site's: "district" or "iep"


@dataclass
class Feature:
    """One programme, service or staff language at a school: yes or no, with its source."""

    school_id: str
    category: str  # program, el, sped, language
    code: str
    value: str  # "yes" or "no"
    source_id: str
    detail: str = ""  # e.g. the language of a dual-language programme
    note: str | None = None


@dataclass
class Coverage:
    """The source lists every code of this category for this school: absent means no."""

    school_id: str
    category: str
    source_id: str


@dataclass
class CodeRecord:
    category: str
    code: str
    label: str
    description: str | None = None
    standard: int = 1


@dataclass
class SchoolSet:
    """What one schools file yields."""

    source: Source
    schools: list[School] = field(default_factory=list)
    features: list[Feature] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)


@dataclass
class Stop:
    id: str
    name: str
    mode: str  # rail, bus, ferry, other
    latitude: float
    longitude: float
    source_id: str


@dataclass
class Line:
    id: str
    mode: str
    source_id: str
    short_name: str | None = None
    long_name: str | None = None
    color: str | None = None  # "#RRGGBB"
    text_color: str | None = None
    agency: str | None = None  # the operator's name (agency.txt's agency_name)


@dataclass
class TransitFeed:
    """One GTFS feed: its stops, lines, which lines serve which stop, and line shapes."""

    source: Source
    stops: list[Stop] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    stop_lines: set[tuple[str, str]] = field(default_factory=set)  # (stop_id, line_id)
    # line id -> list of polylines, each a list of (longitude, latitude)
    shapes: dict[str, list[list[tuple[float, float]]]] = field(default_factory=dict)
    # the timetable (navigator.catalogue.build.timetable.FeedTimetable); None for a stops-only feed
    timetable: object | None = None


@dataclass
class SchoolHours:
    """When a school's day starts (and ends), local time HH:MM: the default arrive-by time."""

    school_id: str
    start_time: str
    source_id: str
    end_time: str | None = None


@dataclass
class Process:
    """An application process: how a family gets a place at the schools it covers."""

    id: str
    kind: str  # zone, choice, magnet, charter_lottery, open_enrollment, other
    scope: str  # region or school
    name: str
    source_id: str
    how_to_apply: str | None = None
    where_to_apply: str | None = None
    url: str | None = None
    phone: str | None = None
    documents: str | None = None
    late_options: str | None = None
    max_choices: int | None = None
    recommended_choices: int | None = None
    ranked_preference: int | None = None
    # 1 when one application covers every child of a household applying, 0 when each child needs
    # their own, None when the district does not say.
    per_household: int | None = None
    # The district's plain words about its priorities (who counts as a brother or sister, what
    # happens to twins); shown with them, never rewritten.
    priorities_note: str | None = None


@dataclass
class ProcessPriority:
    """One admission priority of a process; rank 1 comes first, in the district's own order."""

    process_id: str
    rank: int
    priority: str  # a code of category "priority" (codes.py, or the region's own)


@dataclass
class SchoolProcess:
    school_id: str
    process_id: str
    applicants_per_seat: float | None = None
    demand_source_id: str | None = None  # where the demand figure comes from


@dataclass
class Deadline:
    id: str
    process_id: str
    kind: str  # opens, closes, lottery, notification, accept_by, other
    date: str  # ISO date
    source_id: str
    time: str | None = None
    label: str | None = None


@dataclass
class Translation:
    entity: str  # e.g. "process", "deadline", "code", "feature", "region"
    entity_id: str
    field: str
    lang: str
    value: str


@dataclass
class Boundary:
    id: str
    kind: str  # attendance, district
    geojson: str  # a GeoJSON geometry in WGS84
    min_lat: float
    max_lat: float
    min_lon: float
    max_lon: float
    source_id: str
    name: str | None = None
    grade_low: int | None = None
    grade_high: int | None = None


@dataclass
class Layer:
    id: str
    kind: str  # transit, boundaries, basemap
    name: str
    geojson: str  # a FeatureCollection
    source_id: str


@dataclass
class ZipCentroid:
    zip: str
    latitude: float
    longitude: float
    source_id: str
    name: str | None = None


@dataclass
class Address:
    number: str
    street: str
    street_norm: str
    latitude: float
    longitude: float
    source_id: str
    city: str | None = None
    zip: str | None = None


@dataclass
class Indicator:
    school_id: str
    indicator: str
    student_group: str
    year: str
    source_id: str
    status: float | None = None
    status_level: str | None = None
    change: float | None = None
    change_level: str | None = None
    students: int | None = None
    suppressed: int = 0


@dataclass
class Basemap:
    """The street map's description (its tiles are written beside it, in basemap_tiles)."""

    format: str  # "mvt"
    layer_scheme: str  # "navigator" or "protomaps"
    min_zoom: int
    max_zoom: int
    west: float
    south: float
    east: float
    north: float
    layers: str  # JSON list
    languages: str  # JSON list of the name:LANG properties kept
    source_ids: str  # JSON list of sources(id)
    id: int = 1

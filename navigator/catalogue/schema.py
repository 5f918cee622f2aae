"""The pack's SQL schema.  SCHEMA.md beside this file explains every table.

Bump SCHEMA_VERSION whenever a table or column changes meaning; readers refuse
packs newer than they know.
"""

SCHEMA_VERSION = 3

# Values kept in the ``meta`` table.
META_KEYS = (
    "schema_version", "region_id", "region_name", "default_language", "languages",
    "distance_unit", "walk_radius_m", "built_at", "builder_version", "demo",
)

DDL = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    publisher TEXT NOT NULL,
    file TEXT NOT NULL,
    as_of TEXT,
    url TEXT,
    sha256 TEXT
);
CREATE TABLE schools (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    address TEXT,
    city TEXT,
    state TEXT,
    zip TEXT,
    phone TEXT,
    website TEXT,
    latitude REAL,
    longitude REAL,
    district TEXT,
    county TEXT,
    sector TEXT CHECK (sector IN ('district', 'charter')),
    charter_kind TEXT CHECK (charter_kind IN ('independent', 'affiliated')),
    level TEXT,
    school_type TEXT,
    grade_low INTEGER,
    grade_high INTEGER,
    status TEXT,
    virtual TEXT CHECK (virtual IN ('none', 'supplemental', 'partial', 'primarily', 'exclusively')),
    is_virtual INTEGER NOT NULL DEFAULT 0,
    nces_id TEXT,
    open_date TEXT,
    closed_date TEXT,
    site_kind TEXT NOT NULL CHECK (site_kind IN ('open', 'referral', 'not_an_option', 'preschool')),
    placed_by TEXT CHECK (placed_by IN ('district', 'iep')),
    source_id TEXT NOT NULL REFERENCES sources(id)
);
CREATE VIRTUAL TABLE schools_rtree USING rtree(key, min_lat, max_lat, min_lon, max_lon);
CREATE TABLE codes (
    category TEXT NOT NULL,
    code TEXT NOT NULL,
    label TEXT NOT NULL,
    description TEXT,
    standard INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (category, code)
);
CREATE TABLE features (
    school_id TEXT NOT NULL REFERENCES schools(id),
    category TEXT NOT NULL,
    code TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    value TEXT NOT NULL CHECK (value IN ('yes', 'no')),
    note TEXT,
    source_id TEXT NOT NULL REFERENCES sources(id),
    PRIMARY KEY (school_id, category, code, detail)
);
CREATE TABLE coverage (
    school_id TEXT NOT NULL REFERENCES schools(id),
    category TEXT NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources(id),
    PRIMARY KEY (school_id, category)
);
CREATE TABLE processes (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    scope TEXT NOT NULL CHECK (scope IN ('region', 'school')),
    name TEXT NOT NULL,
    how_to_apply TEXT,
    where_to_apply TEXT,
    url TEXT,
    phone TEXT,
    documents TEXT,
    late_options TEXT,
    max_choices INTEGER,
    recommended_choices INTEGER,
    ranked_preference INTEGER,
    per_household INTEGER,
    priorities_note TEXT,
    source_id TEXT NOT NULL REFERENCES sources(id)
);
CREATE TABLE school_processes (
    school_id TEXT NOT NULL REFERENCES schools(id),
    process_id TEXT NOT NULL REFERENCES processes(id),
    applicants_per_seat REAL,
    demand_source_id TEXT REFERENCES sources(id),
    PRIMARY KEY (school_id, process_id)
);
CREATE TABLE process_priorities (
    process_id TEXT NOT NULL REFERENCES processes(id),
    rank INTEGER NOT NULL,
    priority TEXT NOT NULL,
    PRIMARY KEY (process_id, rank),
    UNIQUE (process_id, priority)
);
CREATE TABLE deadlines (
    id TEXT PRIMARY KEY,
    process_id TEXT NOT NULL REFERENCES processes(id),
    kind TEXT NOT NULL CHECK (kind IN ('opens', 'closes', 'lottery', 'notification', 'accept_by', 'other')),
    date TEXT NOT NULL,
    time TEXT,
    label TEXT,
    source_id TEXT NOT NULL REFERENCES sources(id)
);
CREATE TABLE stops (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    mode TEXT NOT NULL,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources(id)
);
CREATE VIRTUAL TABLE stops_rtree USING rtree(key, min_lat, max_lat, min_lon, max_lon);
CREATE TABLE lines (
    id TEXT PRIMARY KEY,
    short_name TEXT,
    long_name TEXT,
    mode TEXT NOT NULL,
    color TEXT,
    text_color TEXT,
    agency TEXT,
    source_id TEXT NOT NULL REFERENCES sources(id)
);
CREATE TABLE stop_lines (
    stop_id TEXT NOT NULL REFERENCES stops(id),
    line_id TEXT NOT NULL REFERENCES lines(id),
    PRIMARY KEY (stop_id, line_id)
);
CREATE TABLE school_stops (
    school_id TEXT NOT NULL REFERENCES schools(id),
    stop_id TEXT NOT NULL REFERENCES stops(id),
    distance_m REAL NOT NULL,
    PRIMARY KEY (school_id, stop_id)
);
CREATE TABLE boundaries (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT,
    grade_low INTEGER,
    grade_high INTEGER,
    min_lat REAL NOT NULL,
    max_lat REAL NOT NULL,
    min_lon REAL NOT NULL,
    max_lon REAL NOT NULL,
    geojson TEXT NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources(id)
);
CREATE TABLE boundary_schools (
    boundary_id TEXT NOT NULL REFERENCES boundaries(id),
    school_id TEXT NOT NULL REFERENCES schools(id),
    PRIMARY KEY (boundary_id, school_id)
);
CREATE TABLE layers (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    geojson TEXT NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources(id)
);
CREATE TABLE zips (
    zip TEXT PRIMARY KEY,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    name TEXT,
    source_id TEXT NOT NULL REFERENCES sources(id)
);
CREATE TABLE addresses (
    key INTEGER PRIMARY KEY,
    number TEXT NOT NULL,
    street TEXT NOT NULL,
    street_norm TEXT NOT NULL,
    city TEXT,
    zip TEXT,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources(id)
);
CREATE INDEX addresses_street ON addresses(street_norm, number);
CREATE TABLE indicators (
    school_id TEXT NOT NULL REFERENCES schools(id),
    indicator TEXT NOT NULL,
    student_group TEXT NOT NULL,
    year TEXT NOT NULL,
    status REAL,
    status_level TEXT,
    change REAL,
    change_level TEXT,
    students INTEGER,
    suppressed INTEGER NOT NULL DEFAULT 0,
    source_id TEXT NOT NULL REFERENCES sources(id),
    PRIMARY KEY (school_id, indicator, student_group, year)
);
CREATE TABLE translations (
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field TEXT NOT NULL,
    lang TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id, field, lang)
);
CREATE TABLE basemap (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    format TEXT NOT NULL CHECK (format IN ('mvt')),
    layer_scheme TEXT NOT NULL CHECK (layer_scheme IN ('navigator', 'protomaps')),
    min_zoom INTEGER NOT NULL,
    max_zoom INTEGER NOT NULL,
    west REAL NOT NULL,
    south REAL NOT NULL,
    east REAL NOT NULL,
    north REAL NOT NULL,
    layers TEXT NOT NULL,
    languages TEXT NOT NULL,
    source_ids TEXT NOT NULL
);
CREATE TABLE basemap_tiles (
    z INTEGER NOT NULL,
    x INTEGER NOT NULL,
    y INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (z, x, y)
) WITHOUT ROWID;
CREATE TABLE school_hours (
    school_id TEXT PRIMARY KEY REFERENCES schools(id),
    start_time TEXT NOT NULL,
    end_time TEXT,
    source_id TEXT NOT NULL REFERENCES sources(id)
);
CREATE TABLE timetable_feeds (
    source_id TEXT PRIMARY KEY REFERENCES sources(id),
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    week_start TEXT NOT NULL,
    trips INTEGER NOT NULL,
    stop_times INTEGER NOT NULL
);
CREATE TABLE timetable_services (
    source_id TEXT NOT NULL REFERENCES timetable_feeds(source_id),
    service INTEGER NOT NULL,
    service_id TEXT NOT NULL,
    weekdays INTEGER NOT NULL,
    start_date TEXT,
    end_date TEXT,
    PRIMARY KEY (source_id, service)
);
CREATE TABLE timetable_exceptions (
    source_id TEXT NOT NULL REFERENCES timetable_feeds(source_id),
    service INTEGER NOT NULL,
    date TEXT NOT NULL,
    kind INTEGER NOT NULL CHECK (kind IN (1, 2)),
    PRIMARY KEY (source_id, service, date)
);
CREATE TABLE timetable_stops (
    source_id TEXT NOT NULL REFERENCES timetable_feeds(source_id),
    idx INTEGER NOT NULL,
    stop_id TEXT NOT NULL REFERENCES stops(id),
    PRIMARY KEY (source_id, idx)
);
CREATE TABLE timetable_patterns (
    source_id TEXT NOT NULL REFERENCES timetable_feeds(source_id),
    pattern INTEGER NOT NULL,
    line_id TEXT NOT NULL REFERENCES lines(id),
    headsign TEXT,
    PRIMARY KEY (source_id, pattern)
);
CREATE TABLE timetable_arrays (
    source_id TEXT NOT NULL REFERENCES timetable_feeds(source_id),
    name TEXT NOT NULL,
    dtype TEXT NOT NULL,
    length INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (source_id, name)
);
CREATE TABLE transfers (
    from_stop_id TEXT NOT NULL REFERENCES stops(id),
    to_stop_id TEXT NOT NULL REFERENCES stops(id),
    seconds INTEGER,
    kind TEXT NOT NULL CHECK (kind IN ('walk', 'feed')),
    PRIMARY KEY (from_stop_id, to_stop_id)
);
CREATE INDEX features_code ON features(category, code, value);
CREATE INDEX school_stops_stop ON school_stops(stop_id);
CREATE INDEX stop_lines_line ON stop_lines(line_id);
CREATE INDEX school_processes_process ON school_processes(process_id);
"""

# Tables every pack has, in the order ``catalogue info`` reports them.
TABLES = (
    "schools", "features", "coverage", "codes", "processes", "school_processes",
    "process_priorities", "deadlines", "stops", "lines", "stop_lines", "school_stops", "boundaries",
    "boundary_schools", "layers",
    "zips", "addresses", "indicators", "translations", "sources", "basemap", "basemap_tiles",
    "school_hours", "timetable_feeds", "transfers",
)

"""What a reader takes from a pack, and what it leaves out: one set of rules, applied as views.

SQLite's loose typing lets a hand-edited pack hold text where a coordinate belongs, a latitude
of 999, a NULL in a column every reader relies on, a deadline on the 31st of February.  Every
such value is judged here, once, by a rule: a SQL condition naming the rows it rejects, and what
happens to them: the row is **left out**, or the value becomes **unknown** (NULL), which every
reader already shows as unknown.  Text gets its invisible characters removed
(:mod:`navigator.text`).

:func:`install_views` puts, in the connection's TEMP schema, one view per table of the schema
with the table's own name; SQLite looks a name up in TEMP first, so every query any reader makes
(``SELECT name FROM schools WHERE id = ?``) reads the checked rows without knowing it, and the
views stay simple enough for SQLite to fold into each query (the pack's indexes still serve).
``catalogue validate`` runs the same rules over the raw tables (``main.schools``) and lists
what they hit, so what it flags and what the readers leave out are one and the same.

Most rules come from the schema itself (``schema.DDL``): a NOT NULL column that is NULL leaves the
row out, a value of the wrong type or outside a ``CHECK (x IN (...))`` list is unknown, a
reference to a missing row (a fact about a school the pack does not have) leaves the row out
(validate lists those; the readers skip them, since they only ever join or look rows up).

Opening a pack runs every rule once over the raw tables (:func:`probe`, one query per table), and
the views then apply only the rules that hit something: a sound pack is read at the speed of its
plain tables, and the count of what was left out comes with the pass.
Tables and columns added to the schema are covered by these without a change here.  The rules
below the generic ones say what the schema cannot (coordinates on the earth, grades from
preschool to adult, real dates, colours, web addresses).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import cache

from navigator.catalogue.schema import DDL
from navigator.text import HIDDEN_CHARACTERS, clean_line, clean_text, shorten

# A GLOB pattern true for text holding a character navigator.text removes or turns into a space
# (SQLite's GLOB reads whole code points; NUL cannot be written in SQL and is left to Python).
HIDDEN_GLOB = f"*[{HIDDEN_CHARACTERS}]*"


@dataclass(frozen=True)
class Rule:
    table: str
    bad: str  # SQL over the raw table's columns: true for a row this rule rejects
    what: str  # a noun phrase for one row: "school with unusable coordinates"
    what_plural: str
    columns: tuple[str, ...] = ()  # the values that become unknown; empty: the row is left out
    replacement: str = "NULL"  # what those values become instead (SQL)
    # False: the views do not apply it (a check per row would cost more than it saves); the
    # readers ignore such rows themselves (a fact about a school the pack does not have is never
    # looked up), and validate lists them.
    enforced: bool = True

    @property
    def outcome(self) -> str:
        if not self.enforced:
            return "ignored"
        if not self.columns:
            return "left out"
        return "shown as unknown" if self.replacement == "NULL" else f"read as {self.replacement}"

    def describe(self, count: int) -> str:
        """ "2 schools with unusable coordinates (shown as unknown)". """
        return f"{count:,} {self.what if count == 1 else self.what_plural} ({self.outcome})"


# How a row of each table is called in messages; a table not named here is "row of <table>".
NOUNS = {
    "schools": ("school", "schools"), "features": ("fact", "facts"),
    "coverage": ("coverage row", "coverage rows"), "codes": ("code", "codes"),
    "processes": ("application process", "application processes"),
    "school_processes": ("school's application process", "schools' application processes"),
    "process_priorities": ("admission priority", "admission priorities"),
    "deadlines": ("deadline", "deadlines"), "stops": ("stop", "stops"), "lines": ("line", "lines"),
    "stop_lines": ("line at a stop", "lines at stops"),
    "school_stops": ("stop near a school", "stops near schools"),
    "boundaries": ("zone", "zones"), "boundary_schools": ("zone's school", "zones' schools"),
    "layers": ("map layer", "map layers"), "zips": ("ZIP code", "ZIP codes"),
    "addresses": ("address", "addresses"), "indicators": ("school result", "school results"),
    "translations": ("translation", "translations"), "sources": ("source", "sources"),
    "meta": ("setting", "settings"),
}

# Text columns of several lines (paragraphs kept); every other text column is one line.
MULTILINE = frozenset({"how_to_apply", "where_to_apply", "documents", "late_options",
                       "description", "note", "value", "geojson"})
# The longest text shown: a name of thousands of characters would push everything else off the
# screen and the page, so it ends with an ellipsis (a real school's name is under 120).  Shapes
# are data, never shortened.
MAX_LINE = 200
MAX_TEXT = 5000
UNSHORTENED = frozenset({"geojson"})

_URL_SCHEME_OK = ("instr({c}, ':') = 0 OR lower(substr({c}, 1, instr({c}, ':') - 1)) IN ('http', 'https') "
                  "OR substr({c}, 1, instr({c}, ':') - 1) GLOB '*[^A-Za-z]*'")
_HEX = "#" + "[0-9A-Fa-f]" * 6


def _coordinates(table: str, what: str, plural: str, nullable: bool) -> Rule:
    bad = ("typeof(latitude) NOT IN ('integer', 'real') OR typeof(longitude) NOT IN ('integer', 'real') "
           "OR NOT (latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180) "
           "OR (latitude = 0 AND longitude = 0)")
    if nullable:  # no coordinates at all is allowed (unknown); one of the two is not
        bad = (f"(latitude IS NULL) != (longitude IS NULL) OR (latitude IS NOT NULL AND ({bad}))")
    return Rule(table, bad, what, plural, ("latitude", "longitude") if nullable else ())


def _date(column: str) -> str:
    c = f'"{column}"'
    # "+0 days" makes SQLite roll 2026-02-30 over to March, so only a real day equals itself.
    return f"{c} IS NOT NULL AND (typeof({c}) != 'text' OR date({c}, '+0 days') IS NOT {c})"


# The rules the schema cannot state.  Each covers its columns' type too, so a text latitude is
# one problem ("unusable coordinates"), not two.
SPECIFIC = (
    _coordinates("schools", "school with unusable coordinates", "schools with unusable coordinates",
                 nullable=True),
    Rule("schools",
         "(grade_low IS NULL) != (grade_high IS NULL) OR (grade_low IS NOT NULL AND ("
         "typeof(grade_low) != 'integer' OR typeof(grade_high) != 'integer' "
         "OR grade_low NOT BETWEEN -2 AND 13 OR grade_high NOT BETWEEN -2 AND 13 "
         "OR grade_low > grade_high))",
         "school with unusable grades", "schools with unusable grades", ("grade_low", "grade_high")),
    Rule("schools", "is_virtual IS NOT 0 AND is_virtual IS NOT 1",
         "school with an unusable virtual flag", "schools with an unusable virtual flag",
         ("is_virtual",), "0"),
    Rule("schools", _URL_SCHEME_OK.join(("typeof(website) = 'text' AND NOT (", ")")).format(c="website"),
         "school website that is not a web address", "school websites that are not web addresses",
         ("website",)),
    Rule("schools", _date("open_date"), "school with an unusable opening date",
         "schools with an unusable opening date", ("open_date",)),
    Rule("schools", _date("closed_date"), "school with an unusable closing date",
         "schools with an unusable closing date", ("closed_date",)),
    _coordinates("stops", "stop with unusable coordinates", "stops with unusable coordinates",
                 nullable=False),
    _coordinates("zips", "ZIP code with unusable coordinates", "ZIP codes with unusable coordinates",
                 nullable=False),
    _coordinates("addresses", "address with unusable coordinates",
                 "addresses with unusable coordinates", nullable=False),
    # Only the stops' index is read (transit near a home); a school missing from its index is
    # still found (the app searches schools in memory).
    Rule("schools", "latitude IS NOT NULL AND key NOT IN (SELECT key FROM main.schools_rtree)",
         "school missing from the spatial index", "schools missing from the spatial index",
         enforced=False),
    Rule("basemap_tiles", "typeof(z) != 'integer' OR typeof(x) != 'integer' OR typeof(y) != 'integer' "
         "OR z NOT BETWEEN 0 AND 22 OR x NOT BETWEEN 0 AND (1 << z) - 1 "
         "OR y NOT BETWEEN 0 AND (1 << z) - 1",
         "street-map tile outside its zoom level", "street-map tiles outside their zoom level"),
    Rule("basemap_tiles", "NOT EXISTS (SELECT 1 FROM main.basemap)",
         "street-map tile without the basemap row that describes it",
         "street-map tiles without the basemap row that describes them", enforced=False),
    Rule("stops", "key NOT IN (SELECT key FROM main.stops_rtree)",
         "stop missing from the spatial index (not found near a home)",
         "stops missing from the spatial index (not found near a home)", enforced=False),
    Rule("school_stops",
         "typeof(distance_m) NOT IN ('integer', 'real') OR distance_m NOT BETWEEN 0 AND 100000",
         "stop near a school at an unusable distance", "stops near schools at unusable distances"),
    Rule("school_processes",
         "applicants_per_seat IS NOT NULL AND (typeof(applicants_per_seat) NOT IN ('integer', 'real') "
         "OR applicants_per_seat NOT BETWEEN 0 AND 1000)",
         "unusable applicants-per-seat figure", "unusable applicants-per-seat figures",
         ("applicants_per_seat",)),
    Rule("processes", _URL_SCHEME_OK.join(("typeof(url) = 'text' AND NOT (", ")")).format(c="url"),
         "application web address that is not a web address",
         "application web addresses that are not web addresses", ("url",)),
    Rule("processes", "max_choices IS NOT NULL AND (typeof(max_choices) != 'integer' "
         "OR max_choices NOT BETWEEN 1 AND 100)", "unusable number of choices",
         "unusable numbers of choices", ("max_choices",)),
    Rule("processes", "recommended_choices IS NOT NULL AND (typeof(recommended_choices) != 'integer' "
         "OR recommended_choices NOT BETWEEN 1 AND 100)", "unusable recommended number of choices",
         "unusable recommended numbers of choices", ("recommended_choices",)),
    Rule("processes", "ranked_preference IS NOT NULL AND ranked_preference IS NOT 0 "
         "AND ranked_preference IS NOT 1", "unusable ranked-preference flag",
         "unusable ranked-preference flags", ("ranked_preference",)),
    Rule("deadlines", 'typeof("date") != \'text\' OR date("date", \'+0 days\') IS NOT "date"',
         "deadline with an unusable date", "deadlines with unusable dates"),
    Rule("deadlines", "time IS NOT NULL AND NOT (typeof(time) = 'text' AND time < '24' AND ("
         "time GLOB '[0-2][0-9]:[0-5][0-9]' OR time GLOB '[0-2][0-9]:[0-5][0-9]:[0-5][0-9]'))",
         "deadline with an unusable time", "deadlines with unusable times", ("time",)),
    Rule("sources", _date("as_of"), "source with an unusable as-of date",
         "sources with unusable as-of dates", ("as_of",)),
    Rule("sources", "sha256 IS NOT NULL AND NOT (typeof(sha256) = 'text' AND length(sha256) = 64 "
         "AND sha256 NOT GLOB '*[^0-9a-f]*')",
         "source with an unusable checksum", "sources with unusable checksums", ("sha256",)),
    Rule("sources", _URL_SCHEME_OK.join(("typeof(url) = 'text' AND NOT (", ")")).format(c="url"),
         "source web address that is not a web address", "source web addresses that are not web addresses",
         ("url",)),
    Rule("lines", f"color IS NOT NULL AND NOT (typeof(color) = 'text' AND color GLOB '{_HEX}')",
         "line with an unusable colour", "lines with unusable colours", ("color",)),
    Rule("lines", f"text_color IS NOT NULL AND NOT (typeof(text_color) = 'text' "
         f"AND text_color GLOB '{_HEX}')",
         "line with an unusable text colour", "lines with unusable text colours", ("text_color",)),
    Rule("features", "typeof(category) != 'text' OR category NOT IN ('program', 'el', 'sped', 'language')",
         "fact of an unknown kind", "facts of unknown kinds"),
    Rule("features", "typeof(code) != 'text' OR NOT EXISTS (SELECT 1 FROM main.codes c "
         "WHERE c.category = features.category AND c.code = features.code)",
         "fact with a code the pack does not define", "facts with codes the pack does not define",
         enforced=False),
    Rule("boundaries",
         "CASE WHEN json_valid(geojson) THEN json_type(geojson) != 'object' "
         "OR coalesce(json_extract(geojson, '$.type'), '') NOT IN ('Polygon', 'MultiPolygon') "
         "OR coalesce(json_type(geojson, '$.coordinates'), '') != 'array' ELSE 1 END "
         "OR min_lat > max_lat OR min_lon > max_lon",
         "zone with an unusable shape", "zones with unusable shapes"),
    Rule("layers",
         "CASE WHEN json_valid(geojson) THEN json_type(geojson) != 'object' "
         "OR (json_extract(geojson, '$.type') = 'FeatureCollection' "
         "AND coalesce(json_type(geojson, '$.features'), '') != 'array') ELSE 1 END",
         "map layer with unusable shapes", "map layers with unusable shapes"),
    Rule("indicators", "students IS NOT NULL AND (typeof(students) != 'integer' OR students < 0)",
         "school result with an unusable number of students",
         "school results with unusable numbers of students", ("students",)),
    # A withheld result whose flag is unreadable stays withheld: privacy first.
    Rule("indicators", "suppressed IS NOT 0 AND suppressed IS NOT 1",
         "school result with an unusable withheld flag", "school results with unusable withheld flags",
         ("suppressed",), "1"),
)


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # the declared type: TEXT, INTEGER, REAL
    not_null: bool
    key: bool  # part of a key, an index or a reference: read as stored, so indexes keep working
    choices: tuple[str, ...] = ()  # from CHECK (x IN (...))
    may_be_empty: bool = False  # a text whose default is '' (features.detail)


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    references: tuple[tuple[str, str, str], ...]  # (column, parent table, parent column)


@dataclass(frozen=True)
class Expected:
    """The schema this build reads, as SQLite itself reports it for ``schema.DDL``."""

    tables: dict[str, Table]  # ordinary tables, which get a view
    other_tables: tuple[str, ...]  # virtual tables (R*Trees) and their shadow tables

    def columns_of(self, table: str) -> list[str]:
        return [c.name for c in self.tables[table].columns]


_CHECK_IN = re.compile(r"^\s*(\w+)\s+\w+.*?CHECK\s*\(\s*\1\s+IN\s*\(([^)]*)\)\s*\)", re.MULTILINE)


@cache
def expected() -> Expected:
    db = sqlite3.connect(":memory:")
    try:
        db.executescript(DDL)
        choices: dict[tuple[str, str], tuple[str, ...]] = {}
        for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"):
            for column, values in _CHECK_IN.findall(sql or ""):
                choices[(name, column)] = tuple(v.strip().strip("'") for v in values.split(","))
        tables, other = {}, []
        for _schema, name, kind, *_rest in db.execute("PRAGMA table_list"):
            if name.startswith("sqlite_"):
                continue
            if kind != "table":
                other.append(name)
                continue
            references = tuple((r[3], r[2], r[4]) for r in db.execute(f"PRAGMA foreign_key_list({name})"))
            keyed = {r[0] for r in references}
            for index in db.execute(f"PRAGMA index_list({name})"):
                keyed |= {r[2] for r in db.execute(f"PRAGMA index_info({index[1]})")}
            columns = tuple(
                Column(cid_name, declared.upper(), bool(not_null) or bool(pk), bool(pk) or cid_name in keyed,
                       choices.get((name, cid_name), ()), default == "''" or name == "meta")
                for _cid, cid_name, declared, not_null, default, pk
                in db.execute(f"PRAGMA table_info({name})"))
            tables[name] = Table(name, columns, references)
        return Expected(tables, tuple(sorted(other)))
    finally:
        db.close()


def hidden(column: str) -> str:
    """SQL true when a text column holds a character navigator.text removes: ASCII text (nearly
    every value) is passed by the first, one-range GLOB; only the rest meets the long class."""
    # CASE, not AND: SQLite evaluates both sides of an AND outside a WHERE clause.
    return f"(CASE WHEN {column} GLOB '*[^ -~]*' THEN {column} GLOB '{HIDDEN_GLOB}' ELSE 0 END)"


def _noun(table: str) -> tuple[str, str]:
    return NOUNS.get(table, (f"row of {table}", f"rows of {table}"))


def _q(name: str) -> str:
    return f'"{name}"'


def _unusable(column: Column, refers: bool) -> str:
    """One cheap SQL condition for a value of this column that a reader cannot use: missing when
    required, of the wrong type, outside its CHECK list, or an identifier with invisible
    characters (one that refers to another table is matched against it instead)."""
    c = _q(column.name)
    kind = {"INTEGER": "('integer')", "REAL": "('integer', 'real')", "BLOB": "('blob')"}.get(column.type)
    if kind is None:
        strict = column.key or column.choices
        kind = "('text')" if strict else "('text', 'integer', 'real')"
    allowed = kind if column.not_null else kind.replace("(", "('null', ", 1)
    conditions = [f"typeof({c}) NOT IN {allowed}"]
    if column.type == "REAL":
        conditions.append(f"abs({c}) > 1e300")
    if column.choices:
        conditions.append(f"{c} NOT IN ({', '.join(repr(v) for v in column.choices)})")
    elif column.type == "TEXT" and column.not_null and not column.may_be_empty:
        conditions.append(f"{c} = ''")
    if column.key and column.type == "TEXT" and not column.choices and not refers:
        conditions.append(hidden(c))
    return " OR ".join(conditions)


@cache
def rules() -> tuple[Rule, ...]:
    """Every rule, the generic ones (from the schema) first, table by table."""
    found: list[Rule] = []
    schema = expected()
    specific_columns = {(r.table, c) for r in SPECIFIC for c in r.columns}
    specific_columns |= {("schools", "latitude"), ("schools", "longitude"), ("school_stops", "distance_m"),
                         ("deadlines", "date")}
    for c in ("latitude", "longitude"):
        specific_columns |= {("stops", c), ("zips", c), ("addresses", c)}
    specific_columns |= {("features", "category"), ("features", "code")}
    for table in schema.tables.values():
        one, many = _noun(table.name)
        referring = {r[0] for r in table.references}
        for column in table.columns:
            if (table.name, column.name) in specific_columns:
                if column.not_null:
                    found.append(Rule(table.name, f"{_q(column.name)} IS NULL",
                                      f"{one} without {column.name}", f"{many} without {column.name}"))
                continue
            gone = column.not_null or column.key
            found.append(Rule(table.name, _unusable(column, column.name in referring),
                              f"{one} with no usable {column.name}" if column.not_null
                              else f"{one} with an unusable {column.name}",
                              f"{many} with no usable {column.name}" if column.not_null
                              else f"{many} with an unusable {column.name}",
                              () if gone else (column.name,)))
        for column, parent, parent_column in table.references:
            nullable = not next(c for c in table.columns if c.name == column).not_null
            found.append(Rule(
                table.name,
                f"{_q(column)} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM main.{_q(parent)} p "
                f"WHERE p.{_q(parent_column)} = {_q(table.name)}.{_q(column)})",
                f"{one} referring to a missing {_noun(parent)[0]}",
                f"{many} referring to missing {_noun(parent)[1]}",
                (column,) if nullable else (), enforced=False))
    found += [r for r in SPECIFIC if r.table in schema.tables]
    return tuple(found)


def register_functions(conn: sqlite3.Connection) -> None:
    """The Python functions the views call (cheap: plain text returns at once)."""
    conn.create_function("navigator_line", 1, _line, deterministic=True)
    conn.create_function("navigator_text", 1, _text, deterministic=True)
    conn.create_function("navigator_shape", 1, _shape, deterministic=True)


def _line(value):
    if value is None or isinstance(value, bytes):
        return None
    return shorten(clean_line(value if isinstance(value, str) else str(value)), MAX_LINE)


def _text(value):
    if value is None or isinstance(value, bytes):
        return None
    return shorten(clean_text(value if isinstance(value, str) else str(value)), MAX_TEXT)


def _shape(value):
    if value is None or isinstance(value, bytes):
        return None
    return clean_text(value if isinstance(value, str) else str(value))


def _cleaning(column: Column) -> tuple[str, str] | None:
    """(the SQL true for a value needing Python, the function) for a text column shown to people."""
    if column.key or column.type != "TEXT" or column.choices:
        return None
    c = _q(column.name)
    number = f"typeof({c}) IN ('integer', 'real')"  # a number where text belongs: read as text
    if column.name in UNSHORTENED:
        return f"{number} OR {hidden(c)}", "navigator_shape"
    limit = MAX_TEXT if column.name in MULTILINE else MAX_LINE
    return f"{number} OR {hidden(c)} OR length({c}) > {limit}", \
        "navigator_text" if column.name in MULTILINE else "navigator_line"


@dataclass(frozen=True)
class Probe:
    """What one pass over each table found: how many rows each rule rejects, and which text
    columns hold something to clean.  The views then carry only what this pack needs: a clean
    pack is read at the speed of its plain tables."""

    hits: dict[Rule, int]
    messy: dict[str, frozenset[str]]

    def found(self) -> list[tuple[Rule, int]]:
        return [(rule, n) for rule, n in self.hits.items() if n]


def probe(conn: sqlite3.Connection) -> Probe:
    """Run every enforced rule and every text check over the raw tables, one query per table."""
    register_functions(conn)
    by_table: dict[str, list[Rule]] = {}
    for rule in rules():
        if rule.enforced:
            by_table.setdefault(rule.table, []).append(rule)
    hits: dict[Rule, int] = {}
    messy: dict[str, frozenset[str]] = {}
    for name, table in expected().tables.items():
        table_rules = by_table.get(name, [])
        texts = [(c.name, _cleaning(c)) for c in table.columns if _cleaning(c) is not None]
        sums = [f"sum(coalesce(({r.bad}), 0) != 0)" for r in table_rules]
        sums += [f"sum(coalesce(({needs}), 0) != 0)" for _name, (needs, _f) in texts]
        if not sums:
            messy[name] = frozenset()
            continue
        conditions = [r.bad for r in table_rules] + [needs for _name, (needs, _f) in texts]
        source = f"FROM main.{_q(name)} AS {_q(name)}"
        # A sound table (nearly always) is found so by one filtered scan, which stops at the first
        # hit; only a table with something to leave out or clean is counted rule by rule.
        if conn.execute(f"SELECT 1 {source} WHERE ({') OR ('.join(conditions)}) LIMIT 1").fetchone():
            counts = [value or 0 for value in conn.execute(f"SELECT {', '.join(sums)} {source}").fetchone()]
        else:
            counts = [0] * len(sums)
        hits.update(zip(table_rules, counts[:len(table_rules)], strict=True))
        messy[name] = frozenset(n for (n, _c), count in zip(texts, counts[len(table_rules):], strict=True)
                                if count)
    return Probe(hits, messy)


def _select(table: Table, present: list[str], table_rules: list[Rule], messy: frozenset[str]) -> str:
    """The view's select list: every column the pack's table has, each through the rules that
    hit it and, where some text needs it, through the cleaning function."""
    known = {c.name: c for c in table.columns}
    parts = []
    for name in present:
        column = known.get(name)
        expression = _q(name)
        if column is not None and not column.key:
            cleaning = _cleaning(column)
            if cleaning is not None and name in messy:
                # Python only for the rare text that needs it: SQLite's GLOB finds those in C.
                needs, function = cleaning
                expression = f"CASE WHEN {needs} THEN {function}({expression}) ELSE {expression} END"
            for rule in table_rules:
                if name in rule.columns:
                    expression = (f"CASE WHEN coalesce(({rule.bad}), 0) THEN {rule.replacement} "
                                  f"ELSE {expression} END")
        parts.append(expression if expression == _q(name) else f"{expression} AS {_q(name)}")
    return ", ".join(parts)


def install_views(conn: sqlite3.Connection, present: dict[str, list[str]], found: Probe) -> None:
    """One TEMP view per table, named as the table, over ``main``; ``present`` is each table's
    columns in the pack (the schema's, and any the pack has besides); only the rules that hit a
    row of this pack (``found``) are applied, which is the same as applying them all."""
    register_functions(conn)
    by_table: dict[str, list[Rule]] = {}
    for rule, count in found.hits.items():
        if count:
            by_table.setdefault(rule.table, []).append(rule)
    statements = []
    for name, table in expected().tables.items():
        table_rules = by_table.get(name, [])
        drops = [r.bad for r in table_rules if not r.columns]
        where = f" WHERE NOT coalesce(({') OR ('.join(drops)}), 0)" if drops else ""
        select = _select(table, present[name], table_rules, found.messy.get(name, frozenset()))
        statements.append(f"CREATE TEMP VIEW {_q(name)} AS SELECT {select} "
                          f"FROM main.{_q(name)} AS {_q(name)}{where};")
    conn.executescript("\n".join(statements))


def count_hits(conn: sqlite3.Connection, rule: Rule) -> tuple[int, str | None]:
    """How many raw rows ``rule`` rejects, and a label for the first (its key)."""
    table = expected().tables[rule.table]
    names = [c.name for c in table.columns]
    keys = ["id"] if "id" in names else \
        [c.name for c in table.columns if c.key and c.not_null][:3] or names[:1]
    label = " || ' ' || ".join(f"coalesce(CAST({_q(k)} AS TEXT), 'NULL')" for k in keys)
    count, first = conn.execute(
        f"SELECT count(*), min({label}) FROM main.{_q(rule.table)} AS {_q(rule.table)} "
        f"WHERE coalesce(({rule.bad}), 0)").fetchone()
    return count, first

"""Opening a pack for reading, with plain sqlite3 and nothing else.

Every reader (search, profile, exports, the GUI) goes through :func:`open_pack`, so a file that
is not a pack, is damaged, lacks a table or column this Navigator reads, or is from a newer
Navigator, is refused in one place with one sentence naming the pack and what is wrong.  The
checks are cheap (the file's header, then SQLite's own description of the tables), so opening
stays instant at any size.  The pack's rows are then read through the checked views of
:mod:`navigator.catalogue.rules`: a bad row or value is left out or unknown, never a crash.
A pack damaged further in than these checks look fails later, on the page SQLite cannot read;
``with open_pack(...) as pack:`` turns that into the same kind of sentence.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import quote

from navigator.catalogue import rules
from navigator.catalogue.lookups import PackLookups
from navigator.catalogue.records import Source
from navigator.catalogue.schema import SCHEMA_VERSION, TABLES
from navigator.errors import UserError

SQLITE_HEADER = b"SQLite format 3\x00"
# What SQLite says when a file is damaged or not a database (sqlite3.Error.sqlite_errorname).
DAMAGE = ("SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR", "SQLITE_CANTOPEN", "SQLITE_FORMAT")
LANGUAGE_CODE_MAX = 12
# What a region id may be (the builder's rule too): it names files in the pack folder, so a pack
# whose id holds "/" or ".." could write outside it (issue 24).
REGION_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass(frozen=True)
class RegionInfo:
    id: str
    name: str
    default_language: str
    languages: tuple[str, ...]
    distance_unit: str
    walk_radius_m: float
    demo: bool
    built_at: str


def _region(meta: dict[str, str]) -> tuple[RegionInfo, list[str]]:
    """The region's settings, each checked: a bad value gets the default and a problem line."""
    problems = []

    def language(value: str | None) -> str | None:
        ok = isinstance(value, str) and 2 <= len(value) <= LANGUAGE_CODE_MAX and \
            value.replace("_", "").replace("-", "").isalnum() and value.isascii()
        return value if ok else None

    default = language(meta.get("default_language", "en"))
    if default is None:
        problems.append(f"meta default_language {meta.get('default_language')!r} is not a language code")
        default = "en"
    try:
        listed = json.loads(meta.get("languages", "[]"))
    except ValueError:
        listed = None
    languages = tuple(c for c in listed if language(c)) if isinstance(listed, list) else ()
    if not isinstance(listed, list) or len(languages) != len(listed):
        problems.append("meta languages is not a list of language codes")
    unit = meta.get("distance_unit", "mi")
    if unit not in ("mi", "km"):
        problems.append(f"meta distance_unit {unit!r} is not mi or km")
        unit = "mi"
    try:
        radius = float(meta.get("walk_radius_m", "800"))
    except ValueError:
        radius = float("nan")
    if not 50 <= radius <= 5000:  # NaN fails too
        problems.append(f"meta walk_radius_m {meta.get('walk_radius_m')!r} is not 50 to 5000 metres")
        radius = 800.0
    region = RegionInfo(
        id=meta.get("region_id", ""), name=meta.get("region_name", ""), default_language=default,
        languages=languages or (default,), distance_unit=unit, walk_radius_m=radius,
        demo=meta.get("demo") == "1", built_at=meta.get("built_at", ""))
    return region, problems


class Pack(PackLookups):
    """A read-only connection to one pack and its region's settings (and, from
    :class:`~navigator.catalogue.lookups.PackLookups`, the small questions screens ask it).

    The connection belongs to the thread that opened the pack: SQLite's same-thread check stays
    on, so a pack handed to another thread fails at once; each thread opens its own."""

    def __init__(self, path: Path, conn: sqlite3.Connection, meta: dict[str, str],
                 found: rules.Probe | None = None):
        self.path = path
        self.conn = conn
        self.meta = meta
        self.schema_version = int(meta["schema_version"])
        self.region, self.meta_problems = _region(meta)
        self._found = found

    def close(self) -> None:
        self.conn.close()

    @cached_property
    def sha256(self) -> str:
        """The SHA-256 of the pack's file: a saved session records which pack it was made with."""
        digest = hashlib.sha256()
        with self.path.open("rb") as f:
            while chunk := f.read(1 << 20):
                digest.update(chunk)
        return digest.hexdigest()

    def stamp(self) -> dict[str, str]:
        """What a saved session keeps of its pack (docs/list-format.md, ``pack``)."""
        return {"region": self.region.id, "built_at": self.region.built_at, "sha256": self.sha256}

    def __enter__(self) -> Pack:
        return self

    def __exit__(self, kind, error, _traceback) -> None:
        self.close()
        if isinstance(error, sqlite3.DatabaseError) and is_damage(error):
            raise damaged(self.path, error) from None

    def left_out(self) -> list[tuple[rules.Rule, int]]:
        """Each rule that rejected rows of this pack, with how many (counted when it was opened)."""
        return self._found.found() if self._found is not None else []

    def left_out_note(self) -> str | None:
        """One sentence for the person running Navigator, or None when every row was usable."""
        found = self.left_out()
        parts = [rule.describe(n) for rule, n in found] + self.meta_problems
        if not parts:
            return None
        shown = "; ".join(parts[:4]) + (f"; and {len(parts) - 4} more kinds" if len(parts) > 4 else "")
        return (f"The pack {self.path} has entries Navigator cannot use: {shown}. "
                f"'navigator catalogue validate {self.path}' lists them.")

    def sources(self) -> list[Source]:
        rows = self.conn.execute(
            "SELECT id, name, publisher, file, as_of, url, sha256 FROM sources ORDER BY id")
        return [Source(*row) for row in rows]

    def counts(self) -> dict[str, int]:
        return {table: self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in TABLES}

    def text(self, entity: str, entity_id: str, field: str, lang: str) -> str | None:
        """A pack text in ``lang``, or None when the pack has no translation for it."""
        row = self.conn.execute(
            "SELECT value FROM translations WHERE entity=? AND entity_id=? AND field=? AND lang=?",
            (entity, entity_id, field, lang)).fetchone()
        return row[0] if row else None


def is_damage(error: sqlite3.Error) -> bool:
    """A damaged or unreadable file, as opposed to a mistake in Navigator's own SQL."""
    name = getattr(error, "sqlite_errorname", "") or ""
    return name.startswith(DAMAGE) or "Could not decode to UTF-8" in str(error) \
        or "malformed" in str(error) or "not a database" in str(error)


def damaged(path: Path, error: sqlite3.Error) -> UserError:
    return UserError(f"The pack {path} is damaged ({error}); copy it again from the original, or "
                     "rebuild it with 'navigator catalogue build'.")


def _check_file(path: Path) -> None:
    """The file itself, before SQLite sees it: there, a file, not empty, SQLite, complete."""
    if path.is_dir():
        raise UserError(f"The pack {path} is a folder, not a pack file; give the path of the "
                        ".sqlite file inside it.")
    if not path.exists():
        raise UserError(f"The pack {path} does not exist; check the path or build it with "
                        "'navigator catalogue build'.")
    if not path.is_file():  # a device or a pipe: reading it could never end, or never start
        raise UserError(f"The pack {path} is not a regular file (it is a device, a pipe or a "
                        "socket); give the path of the .sqlite file.")
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as err:
        raise UserError(f"The pack {path} cannot be read ({err.strerror or err}); check its "
                        "permissions.") from None
    if size == 0:
        raise UserError(f"The pack {path} is an empty file; copy it again from the original.")
    if not header.startswith(SQLITE_HEADER):
        raise UserError(f"The file {path} is not a Navigator pack (it is not an SQLite database); "
                        "choose a .sqlite pack built by Navigator.")
    if len(header) < 100:
        raise UserError(f"The pack {path} is incomplete (cut off after {size} bytes); copy it "
                        "again from the original.")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    header_size_valid = header[24:28] == header[92:96] and pages > 0
    if header_size_valid and size < page_size * pages:
        raise UserError(f"The pack {path} is incomplete ({size:,} of {page_size * pages:,} bytes); "
                        "copy it again from the original.")


def _tables(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Every table of the pack's main schema and its columns."""
    names = [r[1] for r in conn.execute("PRAGMA main.table_list") if not r[1].startswith("sqlite_")]
    return {name: [r[1] for r in conn.execute(f'PRAGMA main.table_info("{name}")')] for name in names}


def _schema_problem(present: dict[str, list[str]]) -> str | None:
    """What keeps this build from reading the pack: a missing table or column (extra ones are fine)."""
    schema = rules.expected()
    missing = [t for t in (*schema.tables, *schema.other_tables) if t not in present]
    if missing:
        listed = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        return f"it has no table {listed}" if len(missing) == 1 else f"it has no tables {listed}"
    for name, table in schema.tables.items():
        lost = [c.name for c in table.columns if c.name not in present[name]]
        if lost:
            return f"its table {name} has no column {', '.join(lost)}"
    return None


def open_pack(path: Path | str) -> Pack:
    path = Path(path)
    _check_file(path)
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    conn = None
    try:
        conn = sqlite3.connect(uri, uri=True)
        present = _tables(conn)
        if "meta" not in present or not {"key", "value"} <= set(present["meta"]):
            raise UserError(f"The file {path} is not a Navigator pack (it has no meta table); "
                            "choose a .sqlite pack built by Navigator.")
        version = conn.execute("SELECT value FROM main.meta WHERE key = 'schema_version'").fetchone()
        version = str(version[0]) if version and version[0] is not None else ""
        if not version.isdigit():
            raise UserError(f"The file {path} is not a Navigator pack (it has no schema version).")
        if int(version) > SCHEMA_VERSION:
            raise UserError(f"The pack {path} uses schema version {version}, newer than this "
                            f"Navigator reads ({SCHEMA_VERSION}); update Navigator.")
        if int(version) < SCHEMA_VERSION:
            raise UserError(f"The pack {path} uses an old schema version ({version}); rebuild it "
                            "with 'navigator catalogue build'.")
        problem = _schema_problem(present)
        if problem:
            raise UserError(f"The pack {path} is not a complete Navigator pack of schema version "
                            f"{SCHEMA_VERSION}: {problem}; rebuild it with 'navigator catalogue build'.")
        found = _probe(path, conn)
        rules.install_views(conn, present, found)
        meta = {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM meta")}
        meta["schema_version"] = version
        region_id = meta.get("region_id", "")
        if not REGION_ID.fullmatch(region_id):
            raise UserError(f"The pack {path} has the region id {region_id[:40]!r}, which is not "
                            "one (lowercase letters, digits and dashes); rebuild it with "
                            "'navigator catalogue build'.")
    except UserError:
        if conn is not None:
            conn.close()
        raise
    except sqlite3.DatabaseError as err:
        if conn is not None:
            conn.close()
        if is_damage(err):
            raise damaged(path, err) from None
        raise UserError(f"The file {path} cannot be read as a Navigator pack ({err}); choose a "
                        ".sqlite pack built by Navigator.") from None
    return Pack(path, conn, meta, found)


# One pass per pack file and process: the app opens its pack three times (the check before the
# window, the window, the search thread), the tests hundreds of times.
_PROBES: dict[tuple, rules.Probe] = {}


def _probe(path: Path, conn: sqlite3.Connection) -> rules.Probe:
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, stat.st_ino)
    if key not in _PROBES:
        if len(_PROBES) > 16:
            _PROBES.clear()
        _PROBES[key] = rules.probe(conn)
    return _PROBES[key]

"""Opening a pack for reading, with plain sqlite3 and nothing else.

Every reader (search, profile, exports, the GUI) goes through :func:`open_pack`,
so a file that is not a pack, or is from a newer Navigator, is refused in one
place with one clear sentence.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import quote

from navigator.catalogue.records import Source
from navigator.catalogue.schema import SCHEMA_VERSION, TABLES
from navigator.errors import UserError


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


class Pack:
    """A read-only connection to one pack and its region's settings."""

    def __init__(self, path: Path, conn: sqlite3.Connection, meta: dict[str, str]):
        self.path = path
        self.conn = conn
        self.meta = meta
        self.schema_version = int(meta["schema_version"])
        self.region = RegionInfo(
            id=meta.get("region_id", ""), name=meta.get("region_name", ""),
            default_language=meta.get("default_language", "en"),
            languages=tuple(json.loads(meta.get("languages", '["en"]'))),
            distance_unit=meta.get("distance_unit", "mi"),
            walk_radius_m=float(meta.get("walk_radius_m", "800")),
            demo=meta.get("demo") == "1", built_at=meta.get("built_at", ""),
        )

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

    def __exit__(self, *exc) -> None:
        self.close()

    def sources(self) -> list[Source]:
        rows = self.conn.execute(
            "SELECT id, name, publisher, file, as_of, url FROM sources ORDER BY id")
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


def open_pack(path: Path | str) -> Pack:
    path = Path(path)
    if not path.is_file():
        raise UserError(f"The pack {path} does not exist; check the path or build it with "
                        "'navigator catalogue build'.")
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        meta = dict(conn.execute("SELECT key, value FROM meta"))
    except sqlite3.DatabaseError:
        raise UserError(f"The file {path} is not a Navigator pack (it is not an SQLite database "
                        "with a meta table); choose a .sqlite pack built by Navigator.") from None
    version = meta.get("schema_version", "")
    if not version.isdigit():
        conn.close()
        raise UserError(f"The file {path} is not a Navigator pack (it has no schema version).")
    if int(version) > SCHEMA_VERSION:
        conn.close()
        raise UserError(f"The pack {path} uses schema version {version}, newer than this "
                        f"Navigator reads ({SCHEMA_VERSION}); update Navigator.")
    if int(version) < SCHEMA_VERSION:
        conn.close()
        raise UserError(f"The pack {path} uses an old schema version ({version}); rebuild it "
                        "with 'navigator catalogue build'.")
    return Pack(path, conn, meta)

"""Reading a region TOML into typed settings (format: REGION.md)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from navigator.errors import UserError

SOURCE_SECTIONS = ("schools", "transit", "overlay", "boundaries", "zips", "addresses", "indicators",
                   "basemap")
_REGION_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class SourceEntry:
    """One ``[[section]]`` entry: a file and how to read it."""

    section: str
    index: int  # position among its section's entries, for stable source ids
    path: Path
    options: dict[str, Any]

    @property
    def format(self) -> str | None:
        return self.options.get("format")

    def where(self) -> str:
        return f"[[{self.section}]] entry {self.index + 1}"


@dataclass
class Region:
    id: str
    name: str
    default_language: str = "en"
    languages: list[str] = field(default_factory=lambda: ["en"])
    distance_unit: str = "mi"
    walk_radius_m: float = 800.0
    demo: bool = False
    toml_path: Path = Path(".")
    entries: list[SourceEntry] = field(default_factory=list)

    def section(self, name: str) -> list[SourceEntry]:
        return [e for e in self.entries if e.section == name]


def load_region(path: Path) -> Region:
    """Parse and check a region TOML; every problem is one UserError sentence."""
    if not path.is_file():
        raise UserError(f"The region file {path} does not exist; check the path.")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise UserError(f"The region file {path} is not UTF-8 text; save it as UTF-8.") from None
    except tomllib.TOMLDecodeError as err:
        raise UserError(
            f"The region file {path} is not valid TOML ({err}); fix the line it names."
        ) from None
    head = data.get("region")
    if not isinstance(head, dict):
        raise UserError(f"The region file {path} has no [region] table; add one with id and name.")
    for key in ("id", "name"):
        if not isinstance(head.get(key), str) or not head[key].strip():
            raise UserError(f"The [region] table in {path} needs a text value for {key!r}.")
    if not _REGION_ID.match(head["id"]):
        raise UserError(
            f"The region id {head['id']!r} in {path} must use lowercase letters, digits and dashes."
        )
    unit = head.get("distance_unit", "mi")
    if unit not in ("mi", "km"):
        raise UserError(f"distance_unit in {path} must be \"mi\" or \"km\", not {unit!r}.")
    radius = head.get("walk_radius_m", 800)
    if not isinstance(radius, int | float) or not 50 <= radius <= 5000:
        raise UserError(f"walk_radius_m in {path} must be a number of metres from 50 to 5000.")
    default_language = head.get("default_language", "en")
    languages = head.get("languages", [default_language])
    region = Region(
        id=head["id"], name=head["name"].strip(), default_language=default_language,
        languages=list(languages), distance_unit=unit, walk_radius_m=float(radius),
        demo=bool(head.get("demo", False)), toml_path=path,
    )
    base = path.parent
    for section in SOURCE_SECTIONS:
        entries = data.get(section, [])
        if isinstance(entries, dict):
            entries = [entries]
        if not isinstance(entries, list):
            raise UserError(f"[[{section}]] in {path} must be an array of tables.")
        for index, options in enumerate(entries):
            region.entries.append(_entry(path, base, section, index, options))
    if not region.section("schools"):
        raise UserError(f"The region file {path} names no [[schools]] source; add at least one.")
    return region


def _entry(toml: Path, base: Path, section: str, index: int, options: Any) -> SourceEntry:
    where = f"[[{section}]] entry {index + 1} in {toml}"
    if not isinstance(options, dict) or not isinstance(options.get("path"), str):
        raise UserError(f"{where} needs a path = \"...\" to its file.")
    as_of = options.get("as_of")
    if as_of is not None:
        as_of = str(as_of)  # TOML dates arrive as datetime.date
        if not _DATE.match(as_of):
            raise UserError(f"as_of in {where} must be a date written YYYY-MM-DD.")
        options = {**options, "as_of": as_of}
    file = Path(options["path"])
    if not file.is_absolute():
        file = base / file
    if not file.exists():
        raise UserError(f"The file {file} named by {where} does not exist; check its path.")
    return SourceEntry(section, index, file, options)

"""Reading a region TOML into typed settings (format: REGION.md).

Every section, key and format the builder accepts is listed here, once: a misspelt one is
refused with the nearest valid name (a misnamed ``[[dashboard]]`` would otherwise be silently
ignored), and a test checks that each is documented in REGION.md.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from navigator.errors import UserError

SOURCE_SECTIONS = ("schools", "transit", "overlay", "boundaries", "zips", "addresses", "indicators",
                   "basemap")
REGION_KEYS = ("id", "name", "default_language", "languages", "distance_unit", "walk_radius_m",
               "demo")
# Keys every source entry takes: its file, where it is downloaded from (``catalogue fetch``), and
# what the pack says about it.
COMMON_KEYS = ("path", "url", "sha256", "name", "publisher", "as_of")
SECTION_KEYS: dict[str, tuple[str, ...]] = {
    "schools": ("format", "county", "district", "status", "columns", "values", "delimiter",
                "site_kinds"),
    "transit": ("format", "mode"),
    "overlay": ("kind", "sheet"),
    "boundaries": ("kind", "id_field", "name_field", "school_field", "grade_low_field",
                   "grade_high_field"),
    "zips": (),
    "addresses": (),
    "indicators": ("format", "indicator", "columns", "delimiter", "status_levels", "change_levels"),
    "basemap": ("format", "bbox", "languages", "layer", "layer_field", "kind_field", "name_field",
                "values", "gdal_layer"),
}
FORMATS: dict[str, tuple[str, ...]] = {
    "schools": ("cde", "table"), "transit": ("gtfs", "stops"),
    "indicators": ("ca-dashboard", "table"), "basemap": ("osm", "vector", "tiles"),
}
# Names people reach for that are not the section's: said back as the one meant.
SECTION_SYNONYMS = {"dashboard": "indicators", "results": "indicators", "scores": "indicators",
                    "gtfs": "transit", "zones": "boundaries", "attendance": "boundaries",
                    "streets": "basemap", "map": "basemap", "overlays": "overlay",
                    "district": "overlay", "directory": "schools", "school": "schools",
                    "zip": "zips", "address": "addresses"}
MANIFEST = "fetched.json"  # written by `catalogue fetch` beside the files it downloaded
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
    sources_dir: Path | None = None  # where downloaded files were fetched to (``--from``)

    def section(self, name: str) -> list[SourceEntry]:
        return [e for e in self.entries if e.section == name]


def nearest(name: str, valid, synonyms: dict[str, str] | None = None) -> str | None:
    """The valid name someone most likely meant by ``name``, or None."""
    if synonyms and name.lower() in synonyms:
        return synonyms[name.lower()]
    found = difflib.get_close_matches(name.lower(), list(valid), n=1, cutoff=0.6)
    return found[0] if found else None


def _refuse_unknown(path: Path, data: dict) -> None:
    for name, value in data.items():
        if name == "region" or name in SOURCE_SECTIONS:
            continue
        meant = nearest(name, SOURCE_SECTIONS + ("region",), SECTION_SYNONYMS)
        shape = f"[[{name}]]" if isinstance(value, list) else f"[{name}]"
        guess = "" if meant is None else (
            "did you mean [region]? " if meant == "region" else f"did you mean [[{meant}]]? ")
        raise UserError(f"The region file {path} has an unknown section {shape}; {guess}the "
                        f"sections are [region], {', '.join(f'[[{s}]]' for s in SOURCE_SECTIONS)} "
                        "(REGION.md).")
    for key in data.get("region", {}):
        if key not in REGION_KEYS:
            raise _unknown_key(f"[region] in {path}", key, REGION_KEYS)


def _unknown_key(where: str, key: str, valid) -> UserError:
    meant = nearest(key, valid)
    guess = f"did you mean {meant!r}? " if meant else ""
    return UserError(f"{where} has an unknown key {key!r}; {guess}its keys are "
                     f"{', '.join(valid)} (REGION.md).")


def load_region(path: Path, sources_dir: Path | None = None, *, must_exist: bool = True) -> Region:
    """Parse and check a region TOML; every problem is one UserError sentence.

    ``sources_dir``: the folder ``catalogue fetch`` downloaded into; an entry with a ``url`` is
    read from there (its ``path`` under that folder), one without from the region file's folder.
    ``must_exist``: False for ``catalogue fetch``, which is about to download the files.
    """
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
    _refuse_unknown(path, data)
    if must_exist and sources_dir is not None and not sources_dir.is_dir():
        raise UserError(f"The folder {sources_dir} does not exist; fetch the sources into it with "
                        "'navigator catalogue fetch REGION.toml --into FOLDER' first.")
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
        demo=bool(head.get("demo", False)), toml_path=path, sources_dir=sources_dir,
    )
    base = path.parent
    for section in SOURCE_SECTIONS:
        entries = data.get(section, [])
        if isinstance(entries, dict):
            entries = [entries]
        if not isinstance(entries, list):
            raise UserError(f"[[{section}]] in {path} must be an array of tables.")
        for index, options in enumerate(entries):
            region.entries.append(_entry(path, base, section, index, options, sources_dir,
                                         must_exist))
    if not region.section("schools"):
        raise UserError(f"The region file {path} names no [[schools]] source; add at least one.")
    return region


def _entry(toml: Path, base: Path, section: str, index: int, options: Any,
           sources_dir: Path | None, must_exist: bool = True) -> SourceEntry:
    where = f"[[{section}]] entry {index + 1} in {toml}"
    if not isinstance(options, dict) or not isinstance(options.get("path"), str):
        raise UserError(f"{where} needs a path = \"...\" to its file.")
    valid = COMMON_KEYS + SECTION_KEYS[section]
    unknown = [key for key in options if key not in valid]
    if unknown:
        raise _unknown_key(where, unknown[0], valid)
    fmt = options.get("format")
    if fmt is not None and section in FORMATS and fmt not in FORMATS[section]:
        raise UserError(f"{where} has format {fmt!r}; use one of "
                        f"{', '.join(repr(f) for f in FORMATS[section])} (REGION.md).")
    as_of = options.get("as_of")
    if as_of is not None:
        as_of = str(as_of)  # TOML dates arrive as datetime.date
        if not _DATE.match(as_of):
            raise UserError(f"as_of in {where} must be a date written YYYY-MM-DD.")
        options = {**options, "as_of": as_of}
    file = Path(options["path"])
    fetched = sources_dir is not None and options.get("url")
    if not file.is_absolute():
        file = (sources_dir if fetched else base) / file
    if must_exist and not file.exists():
        hint = ("; fetch it with 'navigator catalogue fetch " + str(toml) + " --into FOLDER' and "
                "build with --from FOLDER") if options.get("url") and not fetched else "; check its path"
        raise UserError(f"The file {file} named by {where} does not exist{hint}.")
    return SourceEntry(section, index, file, options)

"""The family's ranked list, as the app saves it and the exports read it (LIST.json).

Format (version 1), documented in docs/list-format.md::

    {"format": "navigator-list", "version": 1, "region": "demo-valle-verde",
     "saved_at": "2026-11-23T10:00:00Z", "language": "es", "second_language": null,
     "family": {"home": {...} | null, "grade": 0 | null, "filters": {...},
                "indicators": ["ela"], "indicator_group": "EL"},
     "schools": [{"rank": 1, "id": "99999996099060", "note": "..."}, ...]}

Saves are atomic (a temporary file, then a rename), so a crash or a full disk
never leaves half a list; a file from a newer Navigator is refused, not guessed.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from navigator.errors import UserError
from navigator.files import PRIVATE, write_atomic
from navigator.search.query import Query
from navigator.small_files import parse_json, read_small_text
from navigator.text import clean_line, clean_text

FORMAT = "navigator-list"
VERSION = 1
HOUSEHOLD_VERSION = 2  # several children: navigator/household/listfile.py reads and writes it

# What a list file may hold (docs/list-format.md says the same): checked before anything is
# parsed where possible, so a huge or hostile file costs nothing and gets one sentence.
MAX_FILE_BYTES = 1_000_000
MAX_SCHOOLS = 100
MAX_NOTE = 2_000  # characters of a family's note on one school
MAX_LABEL = 300  # characters of a label: the home as typed or matched, an id, a code


@dataclass
class ListedSchool:
    id: str
    note: str = ""


@dataclass
class FamilyList:
    region: str
    schools: list[ListedSchool] = field(default_factory=list)
    language: str = "en"
    second_language: str | None = None
    home: dict | None = None
    grade: int | None = None
    filters: dict = field(default_factory=dict)
    saved_at: str | None = None
    # The school results the family looked at (printed with each school), and the student group
    # they chose to see beside all students.  Optional: older files have neither.
    indicators: list[str] = field(default_factory=list)
    indicator_group: str = "ALL"
    # Which pack the session was made with: {"region", "built_at", "sha256"}.  Optional: opened
    # on a newer pack, the app says what changed for the listed schools.
    pack: dict | None = None
    # What reading the file changed, one sentence each (a school listed twice, merged); not saved.
    notices: list[str] = field(default_factory=list)

    def ids(self) -> list[str]:
        return [s.id for s in self.schools]

    def to_json(self) -> dict:
        return {
            "format": FORMAT, "version": VERSION, "region": self.region,
            "saved_at": self.saved_at, "language": self.language,
            "second_language": self.second_language,
            "family": {"home": self.home, "grade": self.grade, "filters": self.filters,
                       "indicators": list(self.indicators),
                       "indicator_group": self.indicator_group},
            "schools": [{"rank": rank, "id": s.id, "note": s.note}
                        for rank, s in enumerate(self.schools, start=1)],
        } | ({"pack": dict(self.pack)} if self.pack else {})


# --- the checking layer: a schema of small checkers, each turning a JSON value into a clean one --


class Invalid(Exception):
    """A value that does not fit; ``str`` says how, the caller adds where."""


class Check:
    """Turns one JSON value into the value the app uses, or raises Invalid."""

    optional = True  # a missing or null value gives ``default``
    default: Any = None

    def __call__(self, value: Any, where: str) -> Any:
        raise NotImplementedError


@dataclass
class Text(Check):
    limit: int = MAX_LABEL
    multiline: bool = False
    default: Any = None

    def __call__(self, value, where):
        if not isinstance(value, str):
            raise Invalid(f"{where} should be text")
        if len(value) > self.limit:
            raise Invalid(f"{where} is longer than {self.limit:,} characters")
        return clean_text(value) if self.multiline else clean_line(value)


@dataclass
class Choice(Check):
    choices: tuple[str, ...]
    default: Any = None

    def __call__(self, value, where):
        if value not in self.choices:
            raise Invalid(f"{where} should be one of {', '.join(self.choices)}")
        return value


@dataclass
class Number(Check):
    low: float = -math.inf
    high: float = math.inf
    integer: bool = False
    default: Any = None

    def __call__(self, value, where):
        kinds = (int,) if self.integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or not math.isfinite(value):
            raise Invalid(f"{where} should be {'a whole number' if self.integer else 'a number'}")
        if not self.low <= value <= self.high:
            raise Invalid(f"{where} should be from {self.low:g} to {self.high:g}")
        return value


@dataclass
class Flag(Check):
    default: Any = False

    def __call__(self, value, where):
        if not isinstance(value, bool):
            raise Invalid(f"{where} should be true or false")
        return value


@dataclass
class Day(Check):
    default: Any = None

    def __call__(self, value, where):
        problem = Invalid(f"{where} should be a date written YYYY-MM-DD")
        if not (isinstance(value, str) and len(value) == 10):
            raise problem
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            raise problem from None


@dataclass
class Clock(Check):
    """A time of day written HH:MM (a trip's arrive-by time)."""

    default: Any = None

    def __call__(self, value, where):
        problem = Invalid(f"{where} should be a time of day written HH:MM")
        if not (isinstance(value, str) and len(value) in (5, 8)):
            raise problem
        try:
            return time.fromisoformat(value).strftime("%H:%M")
        except ValueError:
            raise problem from None


@dataclass
class Items(Check):
    item: Check
    limit: int = 50
    default: Any = ()

    def __call__(self, value, where):
        if not isinstance(value, list):
            raise Invalid(f"{where} should be a list")
        if len(value) > self.limit:
            raise Invalid(f"{where} has more than {self.limit:,} entries")
        return [self.item(v, f"{where}[{i}]") for i, v in enumerate(value)]


@dataclass
class Record(Check):
    """An object with known keys; unknown keys are ignored (a newer Navigator may add some)."""

    keys: dict[str, Check]
    required: tuple[str, ...] = ()
    default: Any = None

    def __call__(self, value, where):
        if not isinstance(value, dict):
            raise Invalid(f"{where} should be an object")
        read = {}
        for key, check in self.keys.items():
            found = value.get(key)
            if found is None:
                if key in self.required:
                    raise Invalid(f"{where} has no {key}")
                read[key] = check.default
            else:
                read[key] = check(found, f"{where}.{key}" if where else key)
        return read


def _filter_checks() -> dict[str, Check]:
    """The saved search criteria: one checker per field of Query, from its annotation."""
    by_annotation = {
        "float | None": Number(0, 1e6), "int | None": Number(0, 1e6, integer=True),
        "str | None": Text(), "str": Text(), "bool": Flag(), "date | None": Day(),
        "tuple[str, ...]": Items(Text(), 50), "time | None": Clock(),
        "int": Number(0, 1e6, integer=True), "float": Number(0, 1e6),
    }
    skipped = {"home", "grade", "limit", "include"}
    return {f.name: by_annotation[f.type] for f in fields(Query)
            if f.name not in skipped and f.type in by_annotation}


LANGUAGE = Text(20)
# The pack a session was made with: for "What changed" when it is opened on a newer one.
PACK_STAMP = Record({"region": Text(), "built_at": Text(40), "sha256": Text(64)},
                    required=("region", "built_at", "sha256"))
HOME = Record({"latitude": Number(-90, 90), "longitude": Number(-180, 180),
               "kind": Choice(("zip", "address", "stop", "point")), "label": Text(default=""),
               "matched": Text(default=""), "exact": Flag(True)},
              required=("latitude", "longitude", "kind"))
SCHOOL = Record({"rank": Number(-1e9, 1e9), "id": Text(60), "note": Text(MAX_NOTE, multiline=True)},
                required=("id",))
LIST_FILE = Record({
    "format": Text(40), "version": Number(0, 1e9, integer=True), "region": Text(),
    "saved_at": Text(40), "language": LANGUAGE, "second_language": LANGUAGE,
    "family": Record({"home": HOME, "grade": Number(-1, 12, integer=True),
                      "filters": Record(_filter_checks()), "indicators": Items(Text(40), 50),
                      "indicator_group": Text(20)}),
    "schools": Items(SCHOOL, MAX_SCHOOLS),
    # The pack the session was made with (optional; see FamilyList.pack).
    "pack": PACK_STAMP,
}, required=("schools",))


def from_json(data: object, where: str) -> FamilyList:
    """Check and read a list; every problem is one UserError naming ``where``."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserError(f"{where} is not a Navigator list (no \"format\": \"{FORMAT}\"); "
                        "open a list saved by Navigator.")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise UserError(f"{where} has no list version; open a list saved by Navigator.")
    if version == HOUSEHOLD_VERSION:
        raise UserError(f"{where} is a household list (several children), not a one-child "
                        "list; open it in the app, or give it to 'navigator export', "
                        "'navigator household' or 'navigator search --household'.")
    if version > VERSION:
        raise UserError(f"{where} was saved by a newer Navigator (list version {version}); "
                        "update Navigator to open it.")
    try:
        read = LIST_FILE(data, "")
    except Invalid as err:
        raise UserError(f"{where} cannot be used: {err}; open a list saved by Navigator, or save "
                        "it again.") from None
    family = read["family"] or {}
    filters = {k: v for k, v in (family.get("filters") or {}).items()
               if v is not None and v != () and v is not False}
    schools, notices = _ranked(read["schools"], where)
    return FamilyList(
        region=read["region"] or "", schools=schools, language=read["language"] or "en",
        second_language=read["second_language"] or None, home=family.get("home"),
        grade=family.get("grade"), filters=filters, saved_at=read["saved_at"],
        indicators=list(family.get("indicators") or ()),
        indicator_group=family.get("indicator_group") or "ALL", notices=notices,
        pack=read["pack"],
    )


def _ranked(entries: list[dict], where: str) -> tuple[list[ListedSchool], list[str]]:
    """The schools in rank order; a school listed twice keeps its first rank and both notes."""
    ordered = sorted(enumerate(entries), key=lambda e: (e[1]["rank"] if e[1]["rank"] is not None
                                                         else math.inf, e[0]))
    listed: dict[str, ListedSchool] = {}
    twice: list[str] = []
    for _position, entry in ordered:
        school_id, note = entry["id"], entry["note"] or ""
        if not school_id:
            raise UserError(f"{where} cannot be used: a school in it has no id.")
        if school_id in listed:
            first = listed[school_id]
            if note and note != first.note:
                first.note = f"{first.note}\n{note}" if first.note else note
            twice.append(school_id)
            continue
        listed[school_id] = ListedSchool(school_id, note)
    notices = []
    if twice:
        notices.append(f"{where} listed {len(twice)} school(s) more than once "
                       f"({', '.join(dict.fromkeys(twice))}); each is kept once, at its first "
                       "rank, with its notes joined.")
    return list(listed.values()), notices


def load_list(path: Path) -> FamilyList:
    """A one-child list file, read by size first (at most MAX_FILE_BYTES) and checked."""
    path = Path(path)
    where = f"The list {path}"
    fix = "open a list saved by Navigator"
    text = read_small_text(path, MAX_FILE_BYTES, "The list")
    return from_json(parse_json(text, where, fix), where)


def save_list(path: Path, family_list: FamilyList) -> None:
    """Write atomically (:mod:`navigator.files`), readable by this account only: the old file
    stays whole until the new one is complete."""
    path = Path(path)
    family_list.saved_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    text = json.dumps(family_list.to_json(), ensure_ascii=False, indent=2) + "\n"
    write_atomic(path, text.encode("utf-8"), PRIVATE)  # a family's list: theirs alone


def missing_schools(family_list: FamilyList, known_ids: set[str]) -> list[str]:
    return [school_id for school_id in family_list.ids() if school_id not in known_ids]

"""The household in the list file: version 2 of ``navigator-list`` (docs/list-format.md).

Why version 2 of the same format, not a new one: a Navigator that only knows version 1 then says
"saved by a newer Navigator; update it", which is true and tells a counsellor what to do.  This
module reads both versions (a version-1 file is a household of one child) and writes version 2.

Every problem is one sentence naming the file (a UserError, exit code 2 on the command line);
saving writes a temporary file and renames it, so the old file stays whole until the new one is.
:func:`check_against_pack` then refuses what the pack contradicts: a school it does not have, or
a school that does not teach the child's grade.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from pathlib import Path

from navigator.catalogue.pack import Pack
from navigator.errors import UserError
from navigator.files import PRIVATE, write_atomic
from navigator.grades import TK, K, grade_label, span_label
from navigator.household.model import (
    HIGHEST_GRADE,
    LOWEST_GRADE,
    MAX_ATTENDING,
    MAX_CHILDREN,
    Child,
    Household,
    child_label,
    clean_label,
    needs,
)
from navigator.shortlist import FORMAT, PACK_STAMP, Invalid, ListedSchool
from navigator.shortlist import from_json as family_list_from_json
from navigator.small_files import parse_json, read_small_text

VERSION = 2
MAX_FILE_BYTES = 1_000_000  # a household of six with long notes is a few tens of kilobytes
MAX_SCHOOLS = 50  # on one child's list
MAX_NOTE = 2000  # characters in one note


def to_json(household: Household) -> dict:
    return {
        "format": FORMAT, "version": VERSION, "region": household.region,
        "saved_at": household.saved_at, "language": household.language,
        "second_language": household.second_language,
        "household": {"home": household.home,
                      "attending": [{"label": a.label, "school_id": a.school_id}
                                    for a in household.attending],
                      "indicators": list(household.indicators),
                      "indicator_group": household.indicator_group},
        "children": [{"number": c.number, "label": c.label, "grade": c.grade,
                      "filters": c.filters,
                      "schools": [{"rank": rank, "id": s.id, "note": s.note}
                                  for rank, s in enumerate(c.schools, start=1)]}
                     for c in household.children],
    } | ({"pack": dict(household.pack)} if household.pack else {})


def from_json(data: object, where: str) -> Household:
    """Check and read a list file of either version; every problem names ``where``."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserError(f"{where} is not a Navigator list (no \"format\": \"{FORMAT}\"); open a "
                        "list saved by Navigator.")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise UserError(f"{where} has no list version; open a list saved by Navigator.")
    if version > VERSION:
        raise UserError(f"{where} was saved by a newer Navigator (list version {version}); "
                        "update Navigator to open it.")
    if version < VERSION:
        return Household.from_family_list(family_list_from_json(data, where))
    return _household(data, where)


def _household(data: dict, where: str) -> Household:
    for key in ("region", "language"):
        if not isinstance(data.get(key), str):
            raise UserError(f"{where} has no {key} (it must be text).")
    second = data.get("second_language")
    if second is not None and not isinstance(second, str):
        raise UserError(f"{where}: second_language must be text or null.")
    shared = data.get("household")
    if not isinstance(shared, dict):
        raise UserError(f"{where} has no \"household\" section (home, who attends where).")
    children = data.get("children")
    if not isinstance(children, list) or not children:
        raise UserError(f"{where} has no children; a household lists at least one child.")
    if len(children) > MAX_CHILDREN:
        raise UserError(f"{where} has {len(children)} children; a household holds at most "
                        f"{MAX_CHILDREN}, so split it into two files.")
    household = Household(region=data["region"], children=[], home=_home(shared.get("home"), where),
                          language=data["language"], second_language=second or None,
                          saved_at=data.get("saved_at") if isinstance(data.get("saved_at"), str)
                          else None)
    for position, entry in enumerate(children, start=1):
        child = _child(entry, position, where)
        if child.number in household.numbers():
            raise UserError(f"{where}: two children have number {child.number}; each child needs "
                            "their own number.")
        try:
            household._set_label(child, child.label)  # the same name twice is refused
        except UserError as err:
            raise UserError(f"{where}: {err}") from None
        household.children.append(child)
    household.children.sort(key=lambda c: c.number)
    attending = shared.get("attending", [])
    if not isinstance(attending, list):
        raise UserError(f"{where}: \"attending\" must be a list of brothers and sisters.")
    if len(attending) > MAX_ATTENDING:
        raise UserError(f"{where} lists {len(attending)} brothers and sisters who attend a "
                        f"school; at most {MAX_ATTENDING} can be given.")
    for entry in attending:
        if not isinstance(entry, dict) or not isinstance(entry.get("school_id"), str):
            raise UserError(f"{where}: each brother or sister who attends a school needs a "
                            "label and a school_id.")
        try:
            household.add_attending(entry.get("label"), entry["school_id"])
        except UserError as err:
            raise UserError(f"{where}: {err}") from None
    indicators = shared.get("indicators", [])
    household.indicators = [i for i in indicators if isinstance(i, str)] \
        if isinstance(indicators, list) else []
    group = shared.get("indicator_group")
    household.indicator_group = group if isinstance(group, str) and group else "ALL"
    if data.get("pack") is not None:
        try:
            household.pack = PACK_STAMP(data["pack"], "pack")
        except Invalid as err:
            raise UserError(f"{where} cannot be used: {err}; open a list saved by Navigator.") \
                from None
    return household


def _home(home: object, where: str) -> dict | None:
    if home is None:
        return None
    if not isinstance(home, dict):
        raise UserError(f"{where}: the home must be an object with latitude and longitude.")
    lat, lon = home.get("latitude"), home.get("longitude")
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
               for v in (lat, lon)) or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise UserError(f"{where}: the home has no valid latitude and longitude.")
    texts = {key: home.get(key) for key in ("kind", "label", "matched")}
    if not all(isinstance(v, str) for v in texts.values()):
        raise UserError(f"{where}: the home needs its kind, label and matched place as text.")
    exact = home.get("exact", True)
    if not isinstance(exact, bool):
        raise UserError(f"{where}: the home's \"exact\" must be true or false.")
    return {"latitude": float(lat), "longitude": float(lon), **texts, "exact": exact}


def _child(entry: object, position: int, where: str) -> Child:
    if not isinstance(entry, dict):
        raise UserError(f"{where}: child {position} is not an object.")
    number = entry.get("number", position)
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 99:
        raise UserError(f"{where}: child {position} has no valid number (1 to 99).")
    try:
        label = clean_label(entry.get("label"))
    except UserError as err:
        raise UserError(f"{where}: child {position}: {err}") from None
    child = Child(number, label)
    who = child_label(child, "en")
    grade = entry.get("grade")
    if grade is not None and (isinstance(grade, bool) or not isinstance(grade, int)
                              or not LOWEST_GRADE <= grade <= HIGHEST_GRADE):
        raise UserError(f"{where}: {who}'s grade {grade!r} is not a school grade; use -1 (TK), "
                        "0 (K) or 1 to 12.")
    child.grade = grade
    filters = entry.get("filters", {})
    if not isinstance(filters, dict):
        raise UserError(f"{where}: {who}'s needs (\"filters\") must be an object.")
    child.filters = filters
    try:
        needs(child)  # the types of the needs, now, rather than at the first search
    except UserError as err:
        raise UserError(f"{where}: {err}") from None
    schools = entry.get("schools", [])
    if not isinstance(schools, list):
        raise UserError(f"{where}: {who}'s \"schools\" must be a list.")
    if len(schools) > MAX_SCHOOLS:
        raise UserError(f"{where}: {who}'s list has {len(schools)} schools; at most "
                        f"{MAX_SCHOOLS} can be kept.")
    ranked = sorted(schools, key=lambda e: e.get("rank", 0)
                    if isinstance(e, dict) and isinstance(e.get("rank"), int) else 0)
    for rank, school in enumerate(ranked, start=1):
        if not isinstance(school, dict) or not isinstance(school.get("id"), str) or \
                not school["id"]:
            raise UserError(f"{where}: school {rank} on {who}'s list has no id.")
        note = school.get("note") or ""
        if not isinstance(note, str):
            raise UserError(f"{where}: the note for school {rank} on {who}'s list must be text.")
        if len(note) > MAX_NOTE:
            raise UserError(f"{where}: the note for school {rank} on {who}'s list is longer than "
                            f"{MAX_NOTE} characters.")
        if school["id"] in child.ids():
            raise UserError(f"{where}: {who}'s list names school {school['id']} twice.")
        child.schools.append(ListedSchool(school["id"], note))
    return child


def check_against_pack(household: Household, pack: Pack, where: str) -> None:
    """Refuse what the pack contradicts: another region, an unknown school, a grade not taught.

    A school whose grades the pack does not know is not refused (unknown is not no), nor
    transitional kindergarten at a school that starts at kindergarten (directories write TK
    as K; the list checker and the search follow the same rule)."""
    if household.region and household.region != pack.region.id:
        raise UserError(f"{where} was made for the region {household.region!r}, not "
                        f"{pack.region.id!r}; open it with that region's pack (--pack).")
    spans = {i: (low, high, name) for i, low, high, name in pack.conn.execute(
        "SELECT id, grade_low, grade_high, name FROM schools")}
    for child in household.children:
        who = child_label(child, "en")
        for school_id in child.ids():
            if school_id not in spans:
                raise UserError(f"{where}: {who}'s list names school {school_id}, which this "
                                "pack does not have; remove it or open the file with its "
                                "region's pack.")
            low, high, name = spans[school_id]
            grade = child.grade
            if grade is None or low is None or high is None or low <= grade <= high or \
                    (grade == TK and low == K):
                continue
            raise UserError(f"{where}: {who}'s list names {name}, which teaches grades "
                            f"{span_label(low, high)}, not {grade_label(grade)}; remove it or "
                            f"change {who}'s grade.")
    for entry in household.attending:
        if entry.school_id not in spans:
            raise UserError(f"{where}: {entry.label} attends school {entry.school_id}, which "
                            "this pack does not have.")


def load_household(path: Path) -> Household:
    """Read a list file of either version (checked for shape, not against a pack)."""
    path = Path(path)
    where = f"The list {path}"
    text = read_small_text(path, MAX_FILE_BYTES, "The list")
    return from_json(parse_json(text, where, "open a list saved by Navigator"), where)


def list_version(path: Path) -> int | None:
    """The list file's version, or None when it cannot be read (the reader then says why):
    which reader a file goes to, the one-child one (its own sentences and notes) or this one."""
    try:
        data = parse_json(read_small_text(Path(path), MAX_FILE_BYTES, "The list"), "", "")
    except UserError:
        return None
    version = data.get("version") if isinstance(data, dict) else None
    return version if isinstance(version, int) and not isinstance(version, bool) else None


def open_household(path: Path, pack: Pack) -> Household:
    """:func:`load_household`, then :func:`check_against_pack`: what the command line opens."""
    household = load_household(path)
    check_against_pack(household, pack, f"The list {path}")
    return household


def save_household(path: Path, household: Household) -> None:
    """Write atomically (:mod:`navigator.files`), readable by this account only: the old file
    stays whole until the new one is complete."""
    path = Path(path)
    household.saved_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    text = json.dumps(to_json(household), ensure_ascii=False, indent=2) + "\n"
    write_atomic(path, text.encode("utf-8"), PRIVATE)  # a family's list: theirs alone

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
import os
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from navigator.errors import UserError

FORMAT = "navigator-list"
VERSION = 1
HOUSEHOLD_VERSION = 2  # several children: navigator/household/listfile.py reads and writes it


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


def from_json(data: object, where: str) -> FamilyList:
    """Check and read a list; every problem is one UserError naming ``where``."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserError(f"{where} is not a Navigator list (no \"format\": \"{FORMAT}\"); "
                        "open a list saved by Navigator.")
    version = data.get("version")
    if not isinstance(version, int):
        raise UserError(f"{where} has no list version; open a list saved by Navigator.")
    if version == HOUSEHOLD_VERSION:
        raise UserError(f"{where} is a household list (several children), which this command "
                        "does not read yet; 'navigator household' and 'navigator search "
                        "--household' do.")
    if version > VERSION:
        raise UserError(f"{where} was saved by a newer Navigator (list version {version}); "
                        "update Navigator to open it.")
    schools = data.get("schools")
    if not isinstance(schools, list):
        raise UserError(f"{where} has no list of schools.")
    listed = []
    for position, entry in enumerate(sorted(
            schools, key=lambda e: e.get("rank", 0) if isinstance(e, dict) else 0), start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise UserError(f"{where}: school {position} in the list has no id.")
        listed.append(ListedSchool(entry["id"], str(entry.get("note") or "")))
    family = data.get("family") or {}
    grade = family.get("grade")
    indicators = family.get("indicators")
    indicators = [str(i) for i in indicators if isinstance(i, str)] \
        if isinstance(indicators, list) else []
    group = family.get("indicator_group")
    return FamilyList(
        region=str(data.get("region") or ""), schools=listed,
        language=str(data.get("language") or "en"),
        second_language=data.get("second_language") or None,
        home=family.get("home") if isinstance(family.get("home"), dict) else None,
        grade=grade if isinstance(grade, int) else None,
        filters=family.get("filters") if isinstance(family.get("filters"), dict) else {},
        saved_at=data.get("saved_at"),
        indicators=indicators, indicator_group=group if isinstance(group, str) and group else "ALL",
        pack=_pack_record(data.get("pack")),
    )


def _pack_record(value: object) -> dict | None:
    """The session's pack, if the file names one in the expected shape (else: not known)."""
    if not isinstance(value, dict):
        return None
    record = {k: value.get(k) for k in ("region", "built_at", "sha256")}
    return record if all(isinstance(v, str) and len(v) <= 200 for v in record.values()) else None


def load_list(path: Path) -> FamilyList:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"The list {path} does not exist; check the path.") from None
    except (OSError, UnicodeDecodeError) as err:
        raise UserError(f"The list {path} cannot be read ({err}).") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise UserError(f"The list {path} is not valid JSON (line {err.lineno}); open a list "
                        "saved by Navigator.") from None
    return from_json(data, f"The list {path}")


def save_list(path: Path, family_list: FamilyList) -> None:
    """Write atomically: the old file stays whole until the new one is complete."""
    path = Path(path)
    family_list.saved_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    text = json.dumps(family_list.to_json(), ensure_ascii=False, indent=2) + "\n"
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def missing_schools(family_list: FamilyList, known_ids: set[str]) -> list[str]:
    return [school_id for school_id in family_list.ids() if school_id not in known_ids]

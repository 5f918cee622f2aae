"""A district's own facts: programmes, services, processes, deadlines, texts.

Each overlay file is a CSV whose kind is known from its header (REGION.md).
Rows naming an unknown school, code or process are skipped and reported;
a file whose header fits no kind stops the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from navigator.catalogue.build.csvfile import Row, read_rows
from navigator.catalogue.build.report import BuildReport
from navigator.catalogue.codes import CATEGORIES, PRIORITY
from navigator.catalogue.records import (
    CodeRecord,
    Coverage,
    Deadline,
    Feature,
    Process,
    ProcessPriority,
    School,
    SchoolProcess,
    Source,
    Translation,
)
from navigator.errors import UserError

KINDS: dict[str, tuple[str, ...]] = {
    "features": ("school_id", "category", "code", "value"),
    "codes": ("category", "code", "label"),
    "processes": ("process_id", "kind", "name", "schools"),
    "deadlines": ("deadline_id", "process_id", "kind", "date"),
    "demand": ("school_id", "process_id", "applicants_per_seat"),
    "texts": ("entity", "entity_id", "field", "lang", "value"),
}
# Files are applied in this order, so that each can refer to what came before.
ORDER = ("codes", "features", "processes", "deadlines", "demand", "texts")
ENTITY = {"features": "feature", "codes": "code", "processes": "process", "deadlines": "deadline"}
TRANSLATABLE = {
    "features": ("note",),
    "codes": ("label", "description"),
    "processes": ("name", "how_to_apply", "where_to_apply", "documents", "late_options"),
    "deadlines": ("label",),
}
PROCESS_KINDS = {"zone", "choice", "magnet", "charter_lottery", "open_enrollment", "other"}
DEADLINE_KINDS = {"opens", "closes", "lottery", "notification", "accept_by", "other"}
_LANG_SUFFIX = re.compile(r"^(?P<field>[a-z_]+?)_(?P<lang>[a-z]{2,3}(?:-[a-z0-9]+)?)$")


@dataclass
class Overlay:
    """Facts from every source, keyed so that a later source's row replaces an earlier one.

    The builder seeds it with the directories' own facts (magnet flags, say),
    then applies the overlays on top, each checked against the schools read.
    """

    schools: dict[str, School]
    known_codes: set[tuple[str, str]]
    features: dict[tuple[str, str, str, str], Feature] = field(default_factory=dict)
    coverage: dict[tuple[str, str], Coverage] = field(default_factory=dict)
    codes: list[CodeRecord] = field(default_factory=list)
    processes: dict[str, Process] = field(default_factory=dict)
    school_processes: dict[tuple[str, str], SchoolProcess] = field(default_factory=dict)
    deadlines: dict[str, Deadline] = field(default_factory=dict)
    translations: list[Translation] = field(default_factory=list)
    priorities: dict[str, list[ProcessPriority]] = field(default_factory=dict)  # by process id
    # Texts for things read after the overlays (sources, ZIP codes), with the file and line they
    # came from, checked once everything is read (``check_late_texts``).
    late_texts: list[tuple[Translation, str, int | None]] = field(default_factory=list)


def overlay_kind(path: Path, options: dict) -> str:
    """The kind named in the region file, else the one the header fits."""
    kind = options.get("kind")
    if kind is not None:
        if kind not in KINDS:
            raise UserError(f"The overlay {path} has kind {kind!r}; use one of: {', '.join(KINDS)}.")
        return kind
    header, rows = read_rows(path, [], what="overlay file")
    rows.close()
    for name, required in KINDS.items():
        if all(c in header for c in required):
            return name
    raise UserError(
        f"The overlay {path} has a header that fits no overlay kind ({', '.join(header[:8])}); "
        "see REGION.md for the columns each kind needs, e.g. school_id,category,code,value."
    )


def apply_overlay(overlay: Overlay, kind: str, path: Path, source: Source,
                  report: BuildReport) -> None:
    header, rows = read_rows(path, list(KINDS[kind]), what="overlay file")
    reader = _READERS[kind]
    for row in rows:
        problem = reader(overlay, row, source.id)
        if problem:
            report.problem(path, row.line, problem + "; skipped")
            continue
        if kind == "texts" and overlay.translations[-1].entity in LATE_TEXTS:
            overlay.late_texts.append((overlay.translations.pop(), path.name, row.line))
        _translations(overlay, kind, header, row)


# Entities a texts overlay may translate whose ids are only known once every source is read:
# a source (its title and publisher, by the id `navigator catalogue info` lists) and a ZIP code's
# area name.
LATE_TEXTS = {"source": ("name", "publisher"), "zip": ("name",)}


def check_late_texts(overlay: Overlay, known: dict[str, set[str]], report: BuildReport) -> None:
    """Keep the source and ZIP texts that name a known source or ZIP code and field."""
    for text, file, line in overlay.late_texts:
        fields = LATE_TEXTS[text.entity]
        if text.entity_id not in known[text.entity]:
            report.problem(file, line, f"no {text.entity} {text.entity_id!r} in this region; skipped")
        elif text.field not in fields:
            report.problem(file, line, f"a {text.entity} has no text {text.field!r} (only "
                           f"{', '.join(fields)}); skipped")
        else:
            overlay.translations.append(text)


def _translations(overlay: Overlay, kind: str, header: list[str], row: Row) -> None:
    fields = TRANSLATABLE.get(kind, ())
    entity_id = _entity_id(kind, row)
    for column in header:
        match = _LANG_SUFFIX.match(column)
        if not match or match["field"] not in fields:
            continue
        value = row.get(column)
        if value:
            overlay.translations.append(
                Translation(ENTITY[kind], entity_id, match["field"], match["lang"], value))


def _entity_id(kind: str, row: Row) -> str:
    if kind == "features":
        return "|".join(row.get(c) or "" for c in ("school_id", "category", "code", "detail"))
    if kind == "codes":
        return f"{row.get('category')}:{row.get('code')}"
    if kind == "processes":
        return row.get("process_id") or ""
    if kind == "deadlines":
        return row.get("deadline_id") or ""
    return ""


def _features(overlay: Overlay, row: Row, source_id: str) -> str | None:
    school_id, category = row.get("school_id") or "", row.get("category") or ""
    code, value = row.get("code") or "", (row.get("value") or "").lower()
    if school_id not in overlay.schools:
        return f"unknown school {school_id!r}"
    if category not in CATEGORIES:
        return f"unknown category {category!r} (use {', '.join(CATEGORIES)})"
    if value == "complete":
        overlay.coverage[(school_id, category)] = Coverage(school_id, category, source_id)
        return None
    if value not in ("yes", "no"):
        return f"value {value!r} is not yes, no or complete"
    if (category, code) not in overlay.known_codes:
        return f"unknown {category} code {code!r}"
    detail = row.get("detail") or ""
    overlay.features[(school_id, category, code, detail)] = Feature(
        school_id, category, code, value, source_id, detail, row.get("note"))
    return None


def _codes(overlay: Overlay, row: Row, source_id: str) -> str | None:
    category, code = row.get("category") or "", row.get("code") or ""
    if category not in (*CATEGORIES, PRIORITY):
        return f"unknown category {category!r} (use {', '.join((*CATEGORIES, PRIORITY))})"
    if not re.fullmatch(r"[a-z0-9_]+", code):
        return f"code {code!r} must use lowercase letters, digits and underscores"
    overlay.known_codes.add((category, code))
    overlay.codes.append(CodeRecord(category, code, row.get("label") or code,
                                    row.get("description"), standard=0))
    return None


def _int(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


def _processes(overlay: Overlay, row: Row, source_id: str) -> str | None:
    process_id, kind = row.get("process_id") or "", row.get("kind") or ""
    if kind not in PROCESS_KINDS:
        return f"process kind {kind!r} is not one of {', '.join(sorted(PROCESS_KINDS))}"
    selected = _select(overlay, row.get("schools") or "")
    if isinstance(selected, str):
        return selected
    priorities = _priorities(overlay, process_id, row.get("priorities") or "")
    if isinstance(priorities, str):
        return priorities
    ranked = (row.get("ranked_preference") or "").lower()
    selector = row.get("schools") or ""
    one_school = ";" not in selector and selector in overlay.schools
    overlay.processes[process_id] = Process(
        id=process_id, kind=kind, scope=row.get("scope") or ("school" if one_school else "region"),
        name=row.get("name") or process_id, source_id=source_id,
        how_to_apply=row.get("how_to_apply"), where_to_apply=row.get("where_to_apply"),
        url=row.get("url"), phone=row.get("phone"), documents=row.get("documents"),
        late_options=row.get("late_options"), max_choices=_int(row.get("max_choices")),
        recommended_choices=_int(row.get("recommended_choices")),
        ranked_preference=1 if ranked == "yes" else (0 if ranked == "no" else None),
    )
    overlay.priorities[process_id] = priorities
    for school_id in selected:
        overlay.school_processes[(school_id, process_id)] = SchoolProcess(school_id, process_id)
    return None


def _priorities(overlay: Overlay, process_id: str, text: str) -> list[ProcessPriority] | str:
    """``sibling;zone;low_income``: the process's admission priorities, first first; or a problem."""
    codes = [c.strip() for c in text.split(";") if c.strip()]
    for code in codes:
        if (PRIORITY, code) not in overlay.known_codes:
            return (f"unknown priority {code!r} in the priorities column (declare a region's own "
                    "with a codes row of category priority)")
    if len(set(codes)) != len(codes):
        return "a priority is named twice in the priorities column"
    return [ProcessPriority(process_id, rank, code) for rank, code in enumerate(codes, 1)]


def _select(overlay: Overlay, selector: str) -> list[str] | str:
    """School ids for a ``schools`` selector, or a problem sentence."""
    selector = selector.strip()
    if selector == "*":
        return sorted(overlay.schools)
    if selector.startswith("sector:"):
        sector = selector.split(":", 1)[1]
        return sorted(s.id for s in overlay.schools.values() if s.sector == sector)
    if selector.startswith("program:"):
        code = selector.split(":", 1)[1]
        return sorted({f.school_id for f in overlay.features.values()
                       if f.category == "program" and f.code == code and f.value == "yes"})
    ids = [s.strip() for s in selector.split(";") if s.strip()]
    unknown = [s for s in ids if s not in overlay.schools]
    if not ids:
        return "the schools column is empty"
    if unknown:
        return f"unknown school {unknown[0]!r} in the schools column"
    return ids


def _deadlines(overlay: Overlay, row: Row, source_id: str) -> str | None:
    deadline_id, process_id = row.get("deadline_id") or "", row.get("process_id") or ""
    kind, when = row.get("kind") or "", row.get("date") or ""
    if process_id not in overlay.processes:
        return f"unknown process {process_id!r}"
    if kind not in DEADLINE_KINDS:
        return f"deadline kind {kind!r} is not one of {', '.join(sorted(DEADLINE_KINDS))}"
    try:
        date.fromisoformat(when)
    except ValueError:
        return f"date {when!r} is not a date written YYYY-MM-DD"
    time = row.get("time")
    if time and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", time):
        return f"time {time!r} is not written HH:MM"
    overlay.deadlines[deadline_id] = Deadline(deadline_id, process_id, kind, when, source_id,
                                              time, row.get("label"))
    return None


def _demand(overlay: Overlay, row: Row, source_id: str) -> str | None:
    key = (row.get("school_id") or "", row.get("process_id") or "")
    if key not in overlay.school_processes:
        return f"school {key[0]!r} is not covered by process {key[1]!r}"
    try:
        ratio = float(row.get("applicants_per_seat") or "")
    except ValueError:
        return "applicants_per_seat is not a number"
    overlay.school_processes[key].applicants_per_seat = ratio
    overlay.school_processes[key].demand_source_id = source_id
    return None


def _texts(overlay: Overlay, row: Row, source_id: str) -> str | None:
    values = [row.get(c) for c in KINDS["texts"]]
    if not all(values):
        return "entity, entity_id, field, lang and value all need a value"
    overlay.translations.append(Translation(*values))
    return None


_READERS = {"features": _features, "codes": _codes, "processes": _processes,
            "deadlines": _deadlines, "demand": _demand, "texts": _texts}

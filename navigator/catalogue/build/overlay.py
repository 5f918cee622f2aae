"""A district's own facts: programmes, services, processes, deadlines, texts.

Each overlay is a CSV file, or a sheet of a workbook (``workbook.py``), whose kind is known
from the region file, the sheet's name or its header (REGION.md).  Every cell is first checked
against the kind's description (``kinds.py``: types and code lists); then the kind's reader
checks references.  Rows naming an unknown school, code or process are skipped and reported;
a file whose header fits no kind stops the build.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from navigator.catalogue.build import workbook
from navigator.catalogue.build.csvfile import Row, read_rows
from navigator.catalogue.build.kinds import (
    KINDS,
    UNKNOWN,
    WHOLE_NUMBER,
    Kind,
    check_cells,
    gather_spread,
    kind_of_header,
    reads,
    translation_of,
    unusable_values,
)
from navigator.catalogue.build.region import SourceEntry
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
    SchoolHours,
    SchoolProcess,
    Source,
    Translation,
)
from navigator.catalogue.sites import BY_DISTRICT, BY_IEP, REFERRAL
from navigator.errors import UserError


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
    translated: set[tuple[str, str, str, str]] = field(default_factory=set)  # texts given so far
    priorities: dict[str, list[ProcessPriority]] = field(default_factory=dict)  # by process id
    hours: dict[str, SchoolHours] = field(default_factory=dict)  # by school id
    # Texts for things read after the overlays (sources, ZIP codes), with the file and line they
    # came from, checked once everything is read (``check_late_texts``).
    late_texts: list[tuple[Translation, str, int | None]] = field(default_factory=list)


# Why a row is skipped: (the column at fault, or None for the row, a sentence).
Skip = tuple[str | None, str]


@dataclass(frozen=True)
class OverlayPart:
    """One overlay to apply: a CSV file, or one sheet of a workbook, and its kind."""

    kind: str
    path: Path
    sheet: str | None = None

    def rows(self) -> tuple[list[str], Iterator[Row]]:
        required = list(KINDS[self.kind].required)
        if self.sheet is not None:
            return workbook.read_sheet(self.path, self.sheet, required)
        return read_rows(self.path, required, what="overlay file")


def overlay_parts(entry: SourceEntry, report: BuildReport) -> list[OverlayPart]:
    """The overlays an ``[[overlay]]`` entry names: its CSV, its one sheet, or every kind's sheet.

    A workbook's sheet is read as the kind its name says, whatever its case and spaces
    ("Deadlines"); a sheet named otherwise is never read by guess, and never dropped without a
    word: one whose columns are a kind's ("features (2)", Excel's name for a copy) is a problem
    (``--strict`` fails), the others (the template's "Read me" and "lists") a note."""
    path, kind, sheet = entry.path, entry.options.get("kind"), entry.options.get("sheet")
    if sheet is not None and not isinstance(sheet, str):
        raise UserError(f"{entry.where()} has sheet = {sheet!r}; write the sheet's name in quotes.")
    if kind is not None and kind not in KINDS:
        raise UserError(f"The overlay {path} has kind {kind!r}; use one of: {', '.join(KINDS)}.")
    if not workbook.is_workbook(path):
        if kind is None:
            kind = _header_kind(path, *read_rows(path, [], what="overlay file"))
        return [OverlayPart(kind, path)]
    if sheet is not None:
        return [OverlayPart(kind or _sheet_kind(path, sheet), path, sheet)]
    parts: dict[str, OverlayPart] = {}
    unread: list[str] = []
    for name in workbook.sheet_names(path):
        named = name.strip().casefold()
        if named not in KINDS:
            unread.append(name)
        elif named in parts:
            raise UserError(f"The workbook {path} has two sheets for {named}: "
                            f"{parts[named].sheet!r} and {name!r}; keep one.")
        else:
            parts[named] = OverlayPart(named, path, name)
    if kind is not None:
        unread += [p.sheet for p in parts.values() if p.kind != kind]
        parts = {kind: parts[kind]} if kind in parts else {}
    if not parts:
        raise UserError(f"The workbook {path} has no sheet named after an overlay kind "
                        f"({', '.join(KINDS)}); name its sheets so, or set sheet = \"...\" in "
                        "the region file.")
    _unread_sheets(path, unread, report)
    return list(parts.values())


def _unread_sheets(path: Path, names: list[str], report: BuildReport) -> None:
    """Say which sheets were not read, and why."""
    quiet = []
    for name in names:
        top = workbook.top_rows(path, name)
        kind = next((k for k in map(kind_of_header, top) if k), None)
        if kind is None:
            quiet.append(name)
        else:
            report.problem(path, None, f"sheet {name!r} was not read: its columns are those of "
                           f"the {kind} sheet, but its name is not {kind!r}; rename it {kind!r} "
                           f"(or name it with sheet = \"{name}\" in the region file)")
    if quiet:
        report.note(path, "not read, as their names are no overlay kind and their columns none: "
                    f"sheet(s) {', '.join(repr(n) for n in quiet)}.")


def _header_kind(path: Path, header: list[str], rows: Iterator[Row]) -> str:
    rows.close()
    kind = kind_of_header(header)
    if kind is None:
        raise UserError(
            f"The overlay {path} has a header that fits no overlay kind ({', '.join(header[:8])}); "
            "see REGION.md for the columns each kind needs, e.g. school_id,category,code,value."
        )
    return kind


def _sheet_kind(path: Path, sheet: str) -> str:
    if sheet in KINDS:
        return sheet
    for cells in workbook.top_rows(path, sheet):
        kind = kind_of_header(cells)
        if kind:
            return kind
    raise UserError(f"The workbook {path}, sheet {sheet}, has a header that fits no overlay kind; "
                    f"name the sheet after its kind ({', '.join(KINDS)}) or set kind = \"...\".")


def apply_overlay(overlay: Overlay, part: OverlayPart, source: Source,
                  report: BuildReport) -> None:
    kind = KINDS[part.kind]
    header, rows = part.rows()
    reader = _READERS[part.kind]
    for row in rows:
        flaw = _flaw(kind, row)
        if flaw is not None:
            report.row_problem(part.path, row, f"it {flaw[1]}; skipped", flaw[0])
            continue
        gather_spread(kind, header, row)
        for column, problem in unusable_values(kind, row):
            report.row_problem(part.path, row, problem, column)
        bad = check_cells(kind, row)
        if bad is not None:
            column, problem = bad
            if problem != UNKNOWN:
                report.row_problem(part.path, row, problem + ("" if problem.endswith(
                    "skipped") else "; skipped"), column)
            continue
        start = len(overlay.translations)
        skip = reader(overlay, row, source.id)
        if skip:
            report.row_problem(part.path, row, skip[1] + "; skipped", skip[0])
            continue
        if part.kind == "texts" and overlay.translations[-1].entity in LATE_TEXTS:
            overlay.late_texts.append((overlay.translations.pop(), part.path.name, row.line))
        _translations(overlay, part.kind, header, row)
        for text in _keep_first(overlay, start):
            report.row_problem(part.path, row, f"{_second(text)}; the first one is kept")


def _flaw(kind: Kind, row: Row) -> tuple[str, str] | None:
    """A workbook cell the kind reads whose value cannot be trusted: (column, why)."""
    return next(((column, flaw) for column, flaw in (row.flaws or {}).items()
                 if reads(kind, column)), None)


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
            if _keep_first(overlay, len(overlay.translations) - 1):
                report.problem(file, line, f"{_second(text)}; the first one is kept")


def _keep_first(overlay: Overlay, start: int) -> list[Translation]:
    """Take back the texts added since ``start`` that an earlier row already gave (a language's
    column and the texts sheet, say): the pack holds one text per thing, field and language."""
    fresh, repeated = [], []
    for text in overlay.translations[start:]:
        key = (text.entity, text.entity_id, text.field, text.lang)
        (repeated if key in overlay.translated else fresh).append(text)
        overlay.translated.add(key)
    overlay.translations[start:] = fresh
    return repeated


def _second(text: Translation) -> str:
    return f"a second {text.lang} text for the {text.field} of {text.entity} {text.entity_id!r}"


def _translations(overlay: Overlay, kind: str, header: list[str], row: Row) -> None:
    entity = KINDS[kind].entity
    if entity is None:
        return
    entity_id = _entity_id(kind, row)
    for column in header:
        found = translation_of(column, KINDS[kind])
        value = row.get(column) if found else None
        if value:
            overlay.translations.append(Translation(entity, entity_id, found[0], found[1], value))


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


def _features(overlay: Overlay, row: Row, source_id: str) -> Skip | None:
    school_id, category = row.get("school_id") or "", (row.get("category") or "").lower()
    code, value = row.get("code") or "", (row.get("value") or "").lower()
    if school_id not in overlay.schools:
        return "school_id", f"unknown school {school_id!r}"
    if category not in CATEGORIES:
        return "category", f"unknown category {category!r} (use {', '.join(CATEGORIES)})"
    if value == "complete":
        overlay.coverage[(school_id, category)] = Coverage(school_id, category, source_id)
        return None
    if (category, code) not in overlay.known_codes:
        return "code", f"unknown {category} code {code!r}"
    detail = row.get("detail") or ""
    overlay.features[(school_id, category, code, detail)] = Feature(
        school_id, category, code, value, source_id, detail, row.get("note"))
    return None


def _codes(overlay: Overlay, row: Row, source_id: str) -> Skip | None:
    category, code = (row.get("category") or "").lower(), row.get("code") or ""
    if category not in (*CATEGORIES, PRIORITY):
        return "category", f"unknown category {category!r} (use {', '.join((*CATEGORIES, PRIORITY))})"
    if not re.fullmatch(r"[a-z0-9_]+", code):
        return "code", f"code {code!r} must use lowercase letters, digits and underscores"
    overlay.known_codes.add((category, code))
    overlay.codes.append(CodeRecord(category, code, row.get("label") or code,
                                    row.get("description"), standard=0))
    return None


def _int(text: str | None) -> int | None:
    return int(text) if text and WHOLE_NUMBER.fullmatch(text) else None


def _processes(overlay: Overlay, row: Row, source_id: str) -> Skip | None:
    process_id, kind = row.get("process_id") or "", (row.get("kind") or "").lower()
    selected = _select(overlay, row.get("schools") or "")
    if isinstance(selected, str):
        return "schools", selected
    priorities = _priorities(overlay, process_id, row.get("priorities") or "")
    if isinstance(priorities, str):
        return "priorities", priorities
    ranked = _yes_no(row.get("ranked_preference"))
    per_household = _yes_no(row.get("per_household"))
    selector = row.get("schools") or ""
    one_school = ";" not in selector and selector in overlay.schools
    overlay.processes[process_id] = Process(
        id=process_id, kind=kind,
        scope=(row.get("scope") or ("school" if one_school else "region")).lower(),
        name=row.get("name") or process_id, source_id=source_id,
        how_to_apply=row.get("how_to_apply"), where_to_apply=row.get("where_to_apply"),
        url=row.get("url"), phone=row.get("phone"), documents=row.get("documents"),
        late_options=row.get("late_options"), max_choices=_int(row.get("max_choices")),
        recommended_choices=_int(row.get("recommended_choices")),
        ranked_preference=1 if ranked == "yes" else (0 if ranked == "no" else None),
        per_household=1 if per_household == "yes" else (0 if per_household == "no" else None),
        priorities_note=row.get("priorities_note"),
    )
    overlay.priorities[process_id] = priorities
    for school_id in selected:
        overlay.school_processes[(school_id, process_id)] = SchoolProcess(school_id, process_id)
    return None


def _yes_no(text: str | None) -> str | None:
    """``yes`` / ``no`` / None for an empty cell; ``?`` for anything else."""
    value = (text or "").strip().lower()
    if not value:
        return None
    return value if value in ("yes", "no") else "?"


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


def _deadlines(overlay: Overlay, row: Row, source_id: str) -> Skip | None:
    deadline_id, process_id = row.get("deadline_id") or "", row.get("process_id") or ""
    kind, when = (row.get("kind") or "").lower(), row.get("date") or ""
    if process_id not in overlay.processes:
        return "process_id", f"unknown process {process_id!r}"
    overlay.deadlines[deadline_id] = Deadline(deadline_id, process_id, kind, when, source_id,
                                              row.get("time"), row.get("label"))
    return None


def _demand(overlay: Overlay, row: Row, source_id: str) -> Skip | None:
    key = (row.get("school_id") or "", row.get("process_id") or "")
    if key not in overlay.school_processes:
        return "process_id", f"school {key[0]!r} is not covered by process {key[1]!r}"
    ratio = float(row.get("applicants_per_seat") or "")
    overlay.school_processes[key].applicants_per_seat = ratio
    overlay.school_processes[key].demand_source_id = source_id
    return None


def _texts(overlay: Overlay, row: Row, source_id: str) -> Skip | None:
    values = [row.get(c) or "" for c in KINDS["texts"].required]
    overlay.translations.append(Translation(*values))
    return None


_CLOCK = re.compile(r"([01]?\d|2[0-3]):[0-5]\d")


def _schedule(overlay: Overlay, row: Row, source_id: str) -> Skip | None:
    """A school's bell times: ``start_time`` is when a trip there must arrive by default."""
    school_id = row.get("school_id") or ""
    start, end = row.get("start_time") or "", row.get("end_time") or ""
    if school_id not in overlay.schools:
        return "school_id", f"unknown school {school_id!r}"
    for name, value in (("start_time", start), ("end_time", end)):
        if (value or name == "start_time") and not _CLOCK.fullmatch(value):
            return name, f"{name} {value!r} is not a time written HH:MM (24-hour clock)"
    if end and _minutes(end) <= _minutes(start):
        return "end_time", f"end_time {end} is not after start_time {start}"
    overlay.hours[school_id] = SchoolHours(school_id, f"{_minutes(start) // 60:02d}:{start[-2:]}",
                                           source_id, f"{_minutes(end) // 60:02d}:{end[-2:]}"
                                           if end else None)
    return None


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _sites(overlay: Overlay, row: Row, source_id: str) -> Skip | None:
    """A district's word on how a family gets a place at a school (``sites.py`` read the
    directory's); a referral school without ``placed_by`` is placed by its IEP team when it is a
    special-education school, else by the district."""
    school = overlay.schools.get(row.get("school_id") or "")
    if school is None:
        return "school_id", f"unknown school {row.get('school_id')!r}"
    kind, placed_by = (row.get("site_kind") or "").lower(), (row.get("placed_by") or "").lower()
    if placed_by and kind != REFERRAL:
        return "placed_by", f"{placed_by!r} is only for a referral school, not {kind!r}"
    if kind == REFERRAL and not placed_by:
        special = overlay.features.get((school.id, "sped", "special_school", ""))
        placed_by = BY_IEP if special is not None and special.value == "yes" else BY_DISTRICT
    school.site_kind, school.placed_by = kind, placed_by or None
    return None


_READERS = {"features": _features, "codes": _codes, "processes": _processes,
            "deadlines": _deadlines, "demand": _demand, "texts": _texts, "schedule": _schedule,
            "sites": _sites}

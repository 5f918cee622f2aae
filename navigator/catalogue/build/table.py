"""Any school table (NCES files, a state's own export) read through a column mapping.

Column names change from year to year and state to state, so nothing here is
hard-coded: the region TOML maps our fields to the file's columns.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from navigator.catalogue.build.coords import parse_point
from navigator.catalogue.build.csvfile import Row, read_rows
from navigator.catalogue.build.report import BuildReport
from navigator.catalogue.build.sites import parse_kind, table_site_kind
from navigator.catalogue.records import Feature, School, SchoolSet, Source
from navigator.catalogue.sites import OPEN
from navigator.errors import UserError
from navigator.grades import parse_grade, parse_span

REQUIRED = ("id", "name", "latitude", "longitude")
TEXT_FIELDS = ("address", "city", "state", "zip", "phone", "website", "district", "county",
               "school_type", "status", "nces_id")
KNOWN = set(REQUIRED) | set(TEXT_FIELDS) | {
    "grade_low", "grade_high", "grades", "charter", "magnet", "virtual", "level", "site_kind"}
YES = {"y", "yes", "1", "true", "t"}
NO = {"n", "no", "0", "false", "f", "not applicable"}
LEVELS = {"elementary": "elementary", "primary": "elementary", "middle": "middle",
          "high": "high", "secondary": "high", "other": "other"}


def read_table(path: Path, source: Source, options: dict, report: BuildReport) -> SchoolSet:
    columns = options.get("columns")
    where = f"the [[schools]] entry for {path.name}"
    if not isinstance(columns, dict):
        raise UserError(f"{where} needs a [schools.columns] mapping (id, name, latitude, longitude).")
    unknown = sorted(set(columns) - KNOWN)
    if unknown:
        raise UserError(f"{where} maps an unknown field {unknown[0]!r}; "
                        f"use one of: {', '.join(sorted(KNOWN))}.")
    for key in REQUIRED:
        if key not in columns:
            raise UserError(f"{where} must map the field {key!r} to a column of the file.")
    yes_values = {k: {str(v).lower() for v in vals}
                  for k, vals in (options.get("values") or {}).items()}
    kinds = _kind_mapping(options.get("site_kinds"), where)
    kind_column = columns.get("site_kind", columns.get("school_type"))
    unmapped: Counter = Counter()
    _, rows = read_rows(path, list(columns.values()), delimiter=options.get("delimiter", ","),
                        what="schools file")
    result = SchoolSet(source)
    seen: set[str] = set()
    for row in rows:
        school = _school(row, columns, yes_values, source.id)
        if school is None:
            report.problem(path, row.line, "row has no school id; skipped")
            continue
        if school.id in seen:
            report.problem(path, row.line, f"school id {school.id} appears twice; kept the first")
            continue
        seen.add(school.id)
        text = row.get(kind_column)
        kind = table_site_kind(text, kinds)
        if kind is None and text:
            unmapped[text] += 1  # taken as open, and said in the summary
        school.site_kind, school.placed_by = kind or (OPEN, None)
        point = parse_point(row.get(columns["latitude"]), row.get(columns["longitude"]))
        if isinstance(point, str):
            report.problem(path, row.line, f"school {school.id} {point}; kept without a location")
        else:
            school.latitude, school.longitude = point
        result.schools.append(school)
        magnet = _flag(row, columns.get("magnet"), yes_values.get("magnet"))
        if magnet is not None:
            result.features.append(
                Feature(school.id, "program", "magnet", "yes" if magnet else "no", source.id))
    if unmapped:
        types = ", ".join(f"{text!r} ({n:,})" for text, n in unmapped.most_common(6))
        report.note(path, f"schools of types no rule names, taken as open: {types}; name their "
                          "kind in [schools.site_kinds] if they are not")
    return result


def _kind_mapping(mapping, where: str) -> dict[str, str]:
    """``[schools.site_kinds]``: a school type as the file writes it -> its kind of site."""
    if mapping is None:
        return {}
    if not isinstance(mapping, dict):
        raise UserError(f"{where} has site_kinds that is not a table; write [schools.site_kinds] "
                        "with one \"type\" = \"kind\" line per school type.")
    for text, kind in mapping.items():
        try:
            parse_kind(str(kind))
        except ValueError:
            raise UserError(f"{where} maps the school type {text!r} to {kind!r}; use open, "
                            "referral, referral:iep, not_an_option or preschool.") from None
    return {str(text).strip().lower(): str(kind) for text, kind in mapping.items()}


def _flag(row: Row, column: str | None, yes: set[str] | None) -> bool | None:
    """True, False, or None when the cell says neither (e.g. "Not Applicable", "Missing")."""
    value = (row.get(column) or "").lower()
    if yes:
        return True if value in yes else (False if value in NO else None)
    return True if value in YES else (False if value in NO else None)


def _grade(text: str | None) -> int | None:
    if not text:
        return None
    try:
        return parse_grade(text)
    except ValueError:
        return None


def _school(row: Row, columns: dict, yes_values: dict, source_id: str) -> School | None:
    school_id = row.get(columns["id"])
    if not school_id:
        return None
    charter = _flag(row, columns.get("charter"), yes_values.get("charter"))
    if "grades" in columns:
        low, high = parse_span(row.get(columns["grades"]))
    else:
        low, high = _grade(row.get(columns.get("grade_low"))), _grade(row.get(columns.get("grade_high")))
    virtual_text = (row.get(columns.get("virtual")) or "").lower()
    virtual = _virtual(virtual_text)
    level = LEVELS.get((row.get(columns.get("level")) or "").lower().split(" ")[0])
    school = School(
        id=school_id, name=row.get(columns["name"]) or school_id,
        sector=None if charter is None else ("charter" if charter else "district"),
        source_id=source_id,
        grade_low=low, grade_high=high, virtual=virtual,
        is_virtual=int(virtual in ("primarily", "exclusively")), level=level,
    )
    for key in TEXT_FIELDS:
        setattr(school, key, row.get(columns.get(key)))
    return school


def _virtual(text: str) -> str | None:
    if not text or text in ("missing", "not reported", "no data"):
        return None
    if text.startswith("not") or text in NO:
        return "none"
    for word in ("exclusively", "primarily", "supplemental", "partial"):
        if word in text:
            return word
    return "exclusively" if text in YES else None

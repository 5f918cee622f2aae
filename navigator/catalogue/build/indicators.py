"""Official school results: status and change together, per student group, never one grade.

Read through a column mapping (``format = "table"``) or the California School
Dashboard preset (``format = "ca-dashboard"``: one CDE download per indicator and
year, comma-delimited, one row per school and student group; layout on CDE's
"record layout" pages for each indicator).  A value the publisher withheld stays
withheld (``suppressed``), never zero.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from navigator.catalogue.build.csvfile import read_rows, sniff_delimiter
from navigator.catalogue.build.report import BuildReport
from navigator.catalogue.codes import INDICATORS
from navigator.catalogue.records import Indicator, Source
from navigator.errors import UserError

FIELDS = ("school_id", "indicator", "student_group", "year", "status", "status_level", "change",
          "change_level", "students")

# The Dashboard's own words for its levels (CDE record layouts).  For the academic indicators
# status 1-5 runs from "Very Low" to "Very High" distance from standard; change 1-5 from
# "Declined Significantly" to "Increased Significantly".  For indicators where a high value is
# not good (chronic absenteeism, suspension) the region file must give its own words.
DASHBOARD_STATUS = {"1": "Very Low", "2": "Low", "3": "Medium", "4": "High", "5": "Very High"}
DASHBOARD_CHANGE = {"1": "Declined Significantly", "2": "Declined", "3": "Maintained",
                    "4": "Increased", "5": "Increased Significantly"}
DASHBOARD_COLUMNS = {"school_id": "cds", "student_group": "studentgroup", "year": "ReportingYear",
                     "status": "currstatus", "status_level": "statuslevel", "change": "change",
                     "change_level": "changelevel", "students": "currdenom"}
DASHBOARD_REQUIRED = ("cds", "rtype", "studentgroup", "currstatus", "statuslevel", "ReportingYear")
WITHHELD_LEVELS = {"", "0"}


def read_indicators(path: Path, source: Source, options: dict, report: BuildReport,
                    schools: set[str]) -> list[Indicator]:
    fmt = options.get("format", "table")
    where = f"the [[indicators]] entry for {path.name}"
    if fmt == "ca-dashboard":
        indicator = options.get("indicator")
        if indicator not in INDICATORS:
            raise UserError(f"{where} needs indicator = one of {', '.join(INDICATORS)} (a Dashboard "
                            "file holds one indicator).")
        columns = dict(DASHBOARD_COLUMNS)
        required = list(DASHBOARD_REQUIRED)
        status_words = options.get("status_levels", DASHBOARD_STATUS if indicator in ("ela", "math")
                                   else {})
        change_words = options.get("change_levels", DASHBOARD_CHANGE if indicator in ("ela", "math")
                                   else {})
    elif fmt == "table":
        columns = options.get("columns")
        if not isinstance(columns, dict) or "school_id" not in columns:
            raise UserError(f"{where} needs an [indicators.columns] mapping with at least school_id.")
        unknown = sorted(set(columns) - set(FIELDS))
        if unknown:
            raise UserError(f"{where} maps an unknown field {unknown[0]!r}; use: {', '.join(FIELDS)}.")
        indicator = options.get("indicator")
        if "indicator" not in columns and indicator not in INDICATORS:
            raise UserError(f"{where} needs an indicator column or indicator = one of "
                            f"{', '.join(INDICATORS)}.")
        required = list(columns.values())
        status_words = options.get("status_levels", {})
        change_words = options.get("change_levels", {})
    else:
        raise UserError(f"{where} has format {fmt!r}; use \"ca-dashboard\" or \"table\".")
    delimiter = options.get("delimiter") or (sniff_delimiter(path) if fmt == "ca-dashboard" else ",")
    header, rows = read_rows(path, required, delimiter=delimiter, what="indicator file")
    found: dict[tuple, Indicator] = {}
    outside: Counter = Counter()
    for row in rows:
        if row.width != len(header):
            report.problem(path, row.line, f"row has {row.width} cells, the header {len(header)}; "
                           "skipped (a name with an unquoted comma?)")
            continue
        if fmt == "ca-dashboard" and row.get("rtype") != "S":
            continue  # district and state rows
        school_id = row.get(columns["school_id"]) or ""
        if school_id not in schools:
            outside[school_id] += 1
            continue
        record = _record(row, columns, indicator, status_words, change_words, source.id)
        if isinstance(record, str):
            report.problem(path, row.line, record + "; skipped")
            continue
        key = (record.school_id, record.indicator, record.student_group, record.year)
        if key in found:
            report.problem(path, row.line, f"a second row for {' '.join(key)}; kept the first")
            continue
        found[key] = record
    if outside and fmt == "ca-dashboard":
        _tell_outside(path, outside, schools, report)
    elif outside:
        report.problem(path, None, f"{sum(outside.values())} row(s) name {len(outside)} school(s) "
                       "not in this pack; skipped")
    return list(found.values())


def _tell_outside(path: Path, outside: Counter, schools: set[str], report: BuildReport) -> None:
    """A statewide Dashboard file read for one county: the other counties' rows (a CDS code's
    first two digits are its county) and this county's schools the pack leaves out (closed
    since, or of a kind or status the region does not keep) are no problem with the file."""
    counties = {school_id[:2] for school_id in schools}
    other = sum(n for school_id, n in outside.items() if school_id[:2] not in counties)
    here = sum(outside.values()) - other
    if other:
        report.note(path, f"{other:,} rows of other counties left out")
    if here:
        report.note(path, f"{here:,} rows of schools this pack does not list left out")


def _number(text: str | None) -> float | None | str:
    if text is None or text.strip() in ("", "*", "--", "N/A", "NA"):
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return f"{text!r} is not a number"


def _record(row, columns: dict, indicator: str | None, status_words: dict, change_words: dict,
            source_id: str) -> Indicator | str:
    def cell(name: str) -> str | None:
        return row.get(columns.get(name))

    status, change = _number(cell("status")), _number(cell("change"))
    for value in (status, change):
        if isinstance(value, str):
            return value
    students = _number(cell("students"))
    if isinstance(students, str):
        return students
    status_level = cell("status_level") or ""
    change_level = cell("change_level") or ""
    withheld = status is None and status_level in WITHHELD_LEVELS
    return Indicator(
        school_id=cell("school_id") or "", indicator=cell("indicator") or indicator or "",
        student_group=cell("student_group") or "ALL", year=cell("year") or "", source_id=source_id,
        status=status, change=change,
        status_level=None if status_level in WITHHELD_LEVELS else str(
            status_words.get(status_level, status_level)),
        change_level=None if change_level in WITHHELD_LEVELS else str(
            change_words.get(change_level, change_level)),
        students=None if students is None else int(students), suppressed=int(withheld),
    )

"""The California Department of Education's Public Schools and Districts file.

Layout and quirks: ../shared/docs/data-sources.md and CDE's "File Structure:
Public Schools and Districts".  The directory itself says which schools are
charters, magnets, multilingual, virtual, or special-education schools; those
become facts with the directory as their source.  It also says what kind of site
each row is (``sites.py``): juvenile halls and adult schools are in it too.

The file has had more than one layout, and district staff open it in Excel: the 2018
file has 49 columns (``AdmFName1..3``, no ``Multilingual``), today's 46; missing values
are ``No Data`` or empty cells; dates are ``MM/DD/YYYY``, ISO, or Excel's
``2018-06-26 00:00:00``; it comes as tab-delimited text or as an ``.xlsx`` workbook.
Only the columns below are read, by name, so each layout reads the same.
"""

from __future__ import annotations

import difflib
from collections import Counter
from datetime import datetime
from pathlib import Path

from navigator.catalogue.build.coords import parse_point
from navigator.catalogue.build.csvfile import Row, read_rows
from navigator.catalogue.build.report import BuildReport
from navigator.catalogue.build.sheet_rows import read_sheet_rows
from navigator.catalogue.build.sites import cde_site_kind
from navigator.catalogue.records import Feature, School, SchoolSet, Source
from navigator.errors import UserError
from navigator.grades import parse_span

NAME = "Public Schools and Districts directory"
PUBLISHER = "California Department of Education"

# Today's 46 columns, in order (data-sources.md), as tests write the file.
LAYOUT = (
    "CDSCode NCESDist NCESSchool StatusType County District School Street StreetAbr City Zip State "
    "MailStreet MailStrAbr MailCity MailZip MailState Phone Ext FaxNumber WebSite OpenDate ClosedDate "
    "Charter CharterNum FundingType DOC DOCType SOC SOCType EdOpsCode EdOpsName EILCode EILName "
    "GSoffered GSserved Virtual Magnet YearRoundYN FederalDFCDistrictID Latitude Longitude AdmFName "
    "AdmLName LastUpDate Multilingual"
).split()
# The columns read, present in every layout (Multilingual, added in 2024, is read when there).
COLUMNS = [
    "CDSCode", "NCESDist", "NCESSchool", "StatusType", "County", "District", "School",
    "Street", "City", "Zip", "State", "Phone", "WebSite", "OpenDate", "ClosedDate", "Charter",
    "FundingType", "SOCType", "EdOpsCode", "EILCode", "GSoffered", "Virtual", "Magnet",
    "Latitude", "Longitude", "LastUpDate",
]
MISSING = {"no data", "information not available", ""}
DATE_FORMATS = ("%m/%d/%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%m/%d/%Y %H:%M:%S",
                "%m/%d/%Y %I:%M:%S %p")
DEFAULT_STATUS = ("Active",)

# CDE's Virtual letters (file layout): F exclusively virtual, V primarily
# virtual, C primarily classroom, N no virtual instruction, P partial (older).
VIRTUAL = {"F": "exclusively", "V": "primarily", "C": "supplemental", "N": "none", "P": "partial"}
LEVELS = {"ELEM": "elementary", "INTMIDJR": "middle", "HS": "high", "ELEMHIGH": "k12",
          "UG": "other", "PS": "other", "A": "other"}
FUNDING = {"directly funded": "independent", "locally funded": "affiliated"}


def _value(row: Row, column: str) -> str | None:
    value = row.get(column)
    return None if value is None or value.lower() in MISSING else value


def parse_date(text: str | None) -> str | None:
    """An ISO date from any of the ways the directory has written one; None when it is none."""
    if not text:
        return None
    for form in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), form).date().isoformat()
        except ValueError:
            continue
    return None


def is_workbook(path: Path) -> bool:
    """An .xlsx (a zip file), whatever its name says."""
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def _open(path: Path, report: BuildReport):
    if is_workbook(path):
        return read_sheet_rows(path, COLUMNS, what="CDE schools workbook")
    try:
        path.read_bytes().decode("utf-8")
        encoding = "utf-8-sig"
    except UnicodeDecodeError:  # saved by Windows software in its own character set
        encoding = "cp1252"
        report.note(path, "read as Windows-1252 text (it is not UTF-8)")
    except OSError as err:
        raise UserError(f"The CDE schools file {path} cannot be read ({err.strerror}).") from None
    return read_rows(path, COLUMNS, delimiter="\t", what="CDE schools file", encoding=encoding)


class _Kept:
    """What the region's filters leave out, counted by why (for the build's summary)."""

    def __init__(self, options: dict):
        self.county_words = _as_list(options.get("county"))
        self.district_words = _as_list(options.get("district"))
        self.counties = {c.lower() for c in self.county_words}
        self.districts = {d.lower() for d in self.district_words}
        status = options.get("status", DEFAULT_STATUS)
        self.statuses = _as_set(status)
        self.status_words = ", ".join([status] if isinstance(status, str) else map(str, status))
        self.seen_counties: Counter = Counter()
        self.seen_districts: Counter = Counter()
        self.other_county = self.other_district = self.offices = 0
        self.other_status: Counter = Counter()

    def why_not(self, row: Row, cds: str) -> bool:
        """True when the row is left out on purpose (and counted)."""
        county, district = row.get("County") or "", row.get("District") or ""
        self.seen_counties[county] += 1
        if self.counties and county.lower() not in self.counties:
            self.other_county += 1
            return True
        self.seen_districts[district] += 1
        if self.districts and district.lower() not in self.districts:
            self.other_district += 1
            return True
        if cds.endswith("0000000"):
            self.offices += 1  # a district or county office, not a school
            return True
        status = _value(row, "StatusType") or "unknown"
        if self.statuses and status.lower() not in self.statuses:
            self.other_status[status] += 1
            return True
        return False

    def tell(self, path: Path, report: BuildReport) -> None:
        if self.other_county:
            report.note(path, f"{self.other_county:,} rows of other counties left out")
        if self.other_district:
            report.note(path, f"{self.other_district:,} rows of other districts left out")
        if self.offices:
            report.note(path, f"{self.offices:,} district and county offices left out (not schools)")
        for status, n in sorted(self.other_status.items()):
            report.note(path, f"{n:,} {status} schools left out (status = {self.status_words})")

    def nothing_found(self, path: Path, rows: int) -> UserError:
        """One sentence naming what matched nothing, with the nearest name the file has."""
        wanted = [f"county {c!r}" for c in self.county_words]
        wanted += [f"district {d!r}" for d in self.district_words]
        wanted.append(f"status {self.status_words}")
        hint = ""
        for asked, seen in ((self.counties, self.seen_counties), (self.districts, self.seen_districts)):
            for name in asked:
                close = difflib.get_close_matches(name, [s.lower() for s in seen if s], n=1)
                if close and close[0] != name:
                    real = next(s for s in seen if s.lower() == close[0])
                    hint = f" Did you mean {real!r}?"
        return UserError(f"The CDE schools file {path} has no school of {' and '.join(wanted)} "
                         f"among its {rows:,} rows; check the region file's county, district and "
                         f"status against the file's own spelling.{hint}")


def read_cde(path: Path, source: Source, options: dict, report: BuildReport) -> SchoolSet:
    """Read pubschls.txt (or its .xlsx); ``options`` may filter by county, district and status
    (default: Active schools only; Pending ones, opening soon, when the status names them)."""
    _, rows = _open(path, report)
    kept = _Kept(options)
    result = SchoolSet(source)
    latest: str | None = None
    read = 0
    for row in rows:
        read += 1
        cds = row.get("CDSCode") or ""
        if len(cds) == 13 and cds.isdigit():
            cds = "0" + cds  # a spreadsheet read the code as a number and lost its first zero
        updated = parse_date(_value(row, "LastUpDate"))
        if updated and (latest is None or updated > latest):
            latest = updated  # the file's own date: its latest update, whichever county
        if not (len(cds) == 14 and cds.isdigit()):
            report.problem(path, row.line, f"CDSCode {cds!r} is not 14 digits; skipped")
            continue
        if kept.why_not(row, cds):
            continue
        status = _value(row, "StatusType")
        school = _school(row, cds, source.id)
        point = parse_point(_value(row, "Latitude"), _value(row, "Longitude"))
        if isinstance(point, str):
            if status in ("Active", "Pending") and not school.is_virtual:
                report.problem(path, row.line, f"school {cds} {point}; kept without a location")
        else:
            school.latitude, school.longitude = point
        result.schools.append(school)
        result.features += _features(row, cds, source.id)
    if not result.schools:
        raise kept.nothing_found(path, read)
    kept.tell(path, report)
    if source.as_of is None:
        source.as_of = latest
    return result


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def _as_set(value) -> set[str]:
    if value is None:
        return set()
    if isinstance(value, str):
        value = [value]
    return {str(v).lower() for v in value}


def _school(row: Row, cds: str, source_id: str) -> School:
    charter = _value(row, "Charter") == "Y"
    low, high = parse_span(_value(row, "GSoffered"))
    virtual = VIRTUAL.get(_value(row, "Virtual") or "")
    nces_school, nces_district = _value(row, "NCESSchool"), _value(row, "NCESDist")
    website = _value(row, "WebSite")
    site_kind, placed_by = cde_site_kind(_value(row, "SOCType"), _value(row, "EdOpsCode"),
                                         row.get("School") or "")
    return School(
        id=cds,
        name=row.get("School") or cds,
        sector="charter" if charter else "district",
        charter_kind=FUNDING.get((_value(row, "FundingType") or "").lower()) if charter else None,
        source_id=source_id,
        address=_value(row, "Street"),
        city=_value(row, "City"),
        state=_value(row, "State"),
        zip=_value(row, "Zip"),
        phone=_value(row, "Phone"),
        website=website,
        district=_value(row, "District"),
        county=_value(row, "County"),
        level=LEVELS.get(_value(row, "EILCode") or "", None),
        school_type=_value(row, "SOCType"),
        grade_low=low,
        grade_high=high,
        status=_value(row, "StatusType"),
        virtual=virtual,
        is_virtual=int(virtual in ("primarily", "exclusively")),
        nces_id=nces_district + nces_school if nces_school and nces_district else None,
        open_date=parse_date(_value(row, "OpenDate")),
        closed_date=parse_date(_value(row, "ClosedDate")),
        site_kind=site_kind, placed_by=placed_by,
    )


def _features(row: Row, cds: str, source_id: str) -> list[Feature]:
    """Directory flags as facts: Y is yes, N is no, anything else stays unknown."""
    facts = []
    for column, code in (("Magnet", "magnet"), ("Multilingual", "multilingual")):
        flag = _value(row, column)
        if flag in ("Y", "N"):
            facts.append(Feature(cds, "program", code, "yes" if flag == "Y" else "no", source_id))
    if (_value(row, "SOCType") or "").startswith("Special Education Schools"):
        facts.append(Feature(cds, "sped", "special_school", "yes", source_id))
    return facts

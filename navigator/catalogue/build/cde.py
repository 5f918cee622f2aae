"""The California Department of Education's Public Schools and Districts file.

Layout and quirks: ../shared/docs/data-sources.md and CDE's "File Structure:
Public Schools and Districts".  The directory itself says which schools are
charters, magnets, multilingual, virtual, or special-education schools; those
become facts with the directory as their source.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from navigator.catalogue.build.coords import parse_point
from navigator.catalogue.build.csvfile import Row, read_rows
from navigator.catalogue.build.report import BuildReport
from navigator.catalogue.records import Feature, School, SchoolSet, Source
from navigator.grades import parse_span

NAME = "Public Schools and Districts directory"
PUBLISHER = "California Department of Education"

# The file's 46 columns, in order (data-sources.md); the reader needs only COLUMNS of them.
LAYOUT = (
    "CDSCode NCESDist NCESSchool StatusType County District School Street StreetAbr City Zip State "
    "MailStreet MailStrAbr MailCity MailZip MailState Phone Ext FaxNumber WebSite OpenDate ClosedDate "
    "Charter CharterNum FundingType DOC DOCType SOC SOCType EdOpsCode EdOpsName EILCode EILName "
    "GSoffered GSserved Virtual Magnet YearRoundYN FederalDFCDistrictID Latitude Longitude AdmFName "
    "AdmLName LastUpDate Multilingual"
).split()
COLUMNS = [
    "CDSCode", "NCESDist", "NCESSchool", "StatusType", "County", "District", "School",
    "Street", "City", "Zip", "State", "Phone", "WebSite", "OpenDate", "Charter",
    "FundingType", "SOCType", "EdOpsCode", "EILCode", "GSoffered", "Virtual", "Magnet",
    "Latitude", "Longitude", "LastUpDate",
]
MISSING = {"no data", "information not available", ""}

# CDE's Virtual letters (file layout): F exclusively virtual, V primarily
# virtual, C primarily classroom, N no virtual instruction, P partial (older).
VIRTUAL = {"F": "exclusively", "V": "primarily", "C": "supplemental", "N": "none", "P": "partial"}
LEVELS = {"ELEM": "elementary", "INTMIDJR": "middle", "HS": "high", "ELEMHIGH": "k12",
          "UG": "other", "PS": "other", "A": "other"}
FUNDING = {"directly funded": "independent", "locally funded": "affiliated"}


def _value(row: Row, column: str) -> str | None:
    value = row.get(column)
    return None if value is None or value.lower() in MISSING else value


def _date(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return datetime.strptime(text, "%m/%d/%Y").date().isoformat()
    except ValueError:
        return None


def read_cde(path: Path, source: Source, options: dict, report: BuildReport) -> SchoolSet:
    """Read pubschls.txt; ``options`` may filter by county, district and status."""
    _, rows = read_rows(path, COLUMNS, delimiter="\t", what="CDE schools file")
    counties = _as_set(options.get("county"))
    districts = _as_set(options.get("district"))
    statuses = _as_set(options.get("status"))
    result = SchoolSet(source)
    latest: str | None = None
    for row in rows:
        cds = row.get("CDSCode") or ""
        if not (len(cds) == 14 and cds.isdigit()):
            report.problem(path, row.line, f"CDSCode {cds!r} is not 14 digits; skipped")
            continue
        if cds.endswith("0000000"):
            continue  # a district or county office, not a school
        if counties and (row.get("County") or "").lower() not in counties:
            continue
        if districts and (row.get("District") or "").lower() not in districts:
            continue
        status = _value(row, "StatusType")
        if statuses and (status or "").lower() not in statuses:
            continue
        updated = _date(_value(row, "LastUpDate"))
        if updated and (latest is None or updated > latest):
            latest = updated
        school = _school(row, cds, source.id)
        point = parse_point(_value(row, "Latitude"), _value(row, "Longitude"))
        if isinstance(point, str):
            if status == "Active" and not school.is_virtual:
                report.problem(path, row.line, f"school {cds} {point}; kept without a location")
        else:
            school.latitude, school.longitude = point
        result.schools.append(school)
        result.features += _features(row, cds, source.id)
    if source.as_of is None:
        source.as_of = latest
    return result


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
        open_date=_date(_value(row, "OpenDate")),
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
